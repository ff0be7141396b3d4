//! Lexemes: the smallest pieces of the LaTeX subset, recognised on `&str` slices of the
//! source so that every piece keeps its position.
//!
//! This module knows what whitespace is (including LaTeX spacing commands, `&` and
//! comments), what a number, a command name, a name with its subscript, a bracket and a
//! relation look like. It does not know how pieces combine into expressions (that is
//! `expr`) nor what a line means (that is `line`). Lexemes that produce names return
//! the consumed text rather than spans; the grammar turns slices into spans.

use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::{char, digit1, one_of, satisfy};
use nom::combinator::{opt, recognize};
use nom::Parser;

use crate::syntax::error::{
    fail, failure, soft, PError, PResult, SyntaxErrorKind, MAX_NUMBER_DIGITS,
};

/// The text a parser consumed: `before` up to where `after` starts.
pub(crate) fn consumed<'a>(before: &'a str, after: &'a str) -> &'a str {
    &before[..before.len() - after.len()]
}

/// The first character of `s` as a slice (empty at the end), for underlining it.
pub(crate) fn first_char(s: &str) -> &str {
    let len = s.chars().next().map_or(0, char::len_utf8);
    &s[..len]
}

/// Commands that only change spacing or style; they mean nothing mathematically.
const SPACING_COMMANDS: &[&str] = &[
    ",",
    ";",
    ":",
    "!",
    ">",
    "quad",
    "qquad",
    "displaystyle",
    "textstyle",
    // ProofWiki's `\displaystyle`.
    "ds",
    "thinspace",
    "medspace",
    "thickspace",
    "enspace",
    "negthinspace",
];

/// Skips whitespace, `&` alignment markers, `~`, spacing commands and `%` comments.
pub(crate) fn skip_ws(input: &str) -> &str {
    let mut rest = input;
    loop {
        let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '&' || c == '~');
        if let Some(comment) = trimmed.strip_prefix('%') {
            rest = comment.find('\n').map_or("", |end| &comment[end..]);
            continue;
        }
        match command(trimmed) {
            Ok((after, name)) if is_spacing(name) => rest = after,
            _ => return trimmed,
        }
    }
}

fn is_spacing(name: &str) -> bool {
    SPACING_COMMANDS.contains(&name) || name.chars().all(char::is_whitespace)
}

/// A command `\name`, returning the name: a run of ASCII letters, or else the single
/// character after the backslash (`\,`, `\{`). Fails softly on anything else.
pub(crate) fn command(input: &str) -> PResult<'_, &str> {
    let (after_slash, _) = char('\\').parse(input)?;
    if let Ok((rest, name)) =
        take_while1::<_, _, PError<'_>>(|c: char| c.is_ascii_alphabetic()).parse(after_slash)
    {
        return Ok((rest, name));
    }
    let name = first_char(after_slash);
    if name.is_empty() {
        return soft(input);
    }
    Ok((&after_slash[name.len()..], name))
}

/// A command with exactly this name (not a longer one: `\in` is not `\int`).
pub(crate) fn command_named<'a>(input: &'a str, wanted: &str) -> Option<&'a str> {
    match command(input) {
        Ok((rest, name)) if name == wanted => Some(rest),
        _ => None,
    }
}

/// A decimal literal: `2`, `10`, `0.5`. More than [`MAX_NUMBER_DIGITS`] digits fail hard.
pub(crate) fn number(input: &str) -> PResult<'_, &str> {
    let (rest, text) = recognize((digit1, opt((char('.'), digit1)))).parse(input)?;
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    if digits > MAX_NUMBER_DIGITS {
        return fail(text, SyntaxErrorKind::NumberTooLong { digits });
    }
    Ok((rest, text))
}

pub(crate) use crate::greek::letter as greek_letter;

/// Commands whose braced argument is an upright word used as one name: `\mathrm{KL}`.
/// Text commands (`\text`, `\mbox` …) name something only when their argument is one
/// word of letters (`\text{PDF}`); otherwise they hold the author's words (see
/// `annotation`).
pub(crate) fn is_word_command(name: &str) -> bool {
    matches!(name, "mathrm" | "operatorname" | "mathit" | "mathsf")
        || crate::syntax::annotation::is_text_command(name)
}

/// A name as lexed: its base (`σ`, `KL`), its subscript's normalised text, and all the
/// text it was written with.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawName<'a> {
    pub base: String,
    pub subscript: Option<String>,
    pub text: &'a str,
}

/// One ASCII letter: in expressions every letter is its own name (`ab` is `a b`).
fn single_letter(input: &str) -> PResult<'_, String> {
    let (rest, letter) = satisfy(|c| c.is_ascii_alphabetic()).parse(input)?;
    Ok((rest, letter.to_string()))
}

/// A run of ASCII letters, used as one name where a name is being defined (`let KL`).
fn letter_run(input: &str) -> PResult<'_, String> {
    let (rest, run) = take_while1(|c: char| c.is_ascii_alphabetic()).parse(input)?;
    Ok((rest, run.to_string()))
}

/// A Greek letter command, as its Unicode letter.
fn greek(input: &str) -> PResult<'_, String> {
    let (rest, name) = command(input)?;
    match greek_letter(name) {
        Some(letter) => Ok((rest, letter.to_string())),
        None => soft(input),
    }
}

/// `\mathrm{KL}` (or `\mathrm d`): the word inside. Fails hard on a malformed word.
pub(crate) fn word(input: &str) -> PResult<'_, String> {
    let (after_command, name) = command(input)?;
    if !is_word_command(name) {
        return soft(input);
    }
    if crate::syntax::annotation::is_text_command(name) {
        // Text that is not one word is the author's words, not a name: stop here.
        return match crate::syntax::annotation::text_word(input) {
            Some(word) => {
                let (_, rest) = braced(skip_ws(after_command)).unwrap_or(("", after_command));
                Ok((rest, word.to_string()))
            }
            None => soft(input),
        };
    }
    let command_text = consumed(input, after_command);
    let i = skip_ws(after_command);
    if let Ok((rest, letter)) = single_letter(i) {
        return Ok((rest, letter));
    }
    let invalid = || {
        fail(
            command_text,
            SyntaxErrorKind::InvalidWord {
                command: command_text.to_string(),
            },
        )
    };
    let Some(inside) = i.strip_prefix('{') else {
        return invalid();
    };
    let Ok((after_word, word)) = letter_run(skip_ws(inside)) else {
        return invalid();
    };
    match skip_ws(after_word).strip_prefix('}') {
        Some(rest) => Ok((rest, word)),
        None => invalid(),
    }
}

/// The base of a name as used in expressions: one letter, a Greek letter or a word.
fn expression_base(input: &str) -> PResult<'_, String> {
    if let Ok(found) = single_letter(input) {
        return Ok(found);
    }
    if let Ok(found) = greek(input) {
        return Ok(found);
    }
    word(input)
}

/// A name in an expression: `x`, `p_1`, `\sigma_{12}`, `\mathrm{KL}`, `\mu_{p_1}`.
pub(crate) fn name(input: &str) -> PResult<'_, RawName<'_>> {
    let (after_base, base) = expression_base(input)?;
    with_subscript(input, after_base, base)
}

/// A name being defined: like [`name`], but a run of letters is one name (`let KL(p, q)`).
pub(crate) fn definition_name(input: &str) -> PResult<'_, RawName<'_>> {
    let (after_base, base) = match letter_run(input) {
        Ok(found) => found,
        Err(_) => expression_base(input)?,
    };
    with_subscript(input, after_base, base)
}

/// A run of two or more letters written directly (or after spaces) before `(`, like
/// `KL(`: one name used as a callee.
pub(crate) fn callee_word(input: &str) -> Option<(&str, &str)> {
    let (rest, run) = take_while1::<_, _, PError<'_>>(|c: char| c.is_ascii_alphabetic())
        .parse(input)
        .ok()?;
    let before_bracket = skip_ws(rest);
    let is_callee = run.len() >= 2
        && matches!(opener(before_bracket), Ok((_, delim)) if delim.shape == Shape::Paren);
    is_callee.then_some((rest, run))
}

/// `run` (letters at the start of `input`) as one name, with its subscript:
/// `KL_{loss}`.
pub(crate) fn named_run<'a>(input: &'a str, run: &str) -> PResult<'a, RawName<'a>> {
    with_subscript(input, &input[run.len()..], run.to_string())
}

fn with_subscript<'a>(
    start: &'a str,
    after_base: &'a str,
    base: String,
) -> PResult<'a, RawName<'a>> {
    let i = skip_ws(after_base);
    let (rest, subscript) = if i.starts_with('_') {
        let (rest, subscript) = subscript(i)?;
        (rest, Some(subscript))
    } else {
        (after_base, None)
    };
    let name = RawName {
        base,
        subscript,
        text: consumed(start, rest),
    };
    Ok((rest, name))
}

/// `_1`, `_{12}`, `_\alpha`, `_{p_1}`: the subscript's text without braces or spaces,
/// Greek letters as Unicode. `input` starts at the `_`.
pub(crate) fn subscript(input: &str) -> PResult<'_, String> {
    let (after_underscore, _) = char('_').parse(input)?;
    let i = skip_ws(after_underscore);
    if let Some(inside) = i.strip_prefix('{') {
        return braced_subscript(consumed(input, inside), inside);
    }
    if let Some(c) = i.chars().next().filter(char::is_ascii_alphanumeric) {
        return Ok((&i[c.len_utf8()..], c.to_string()));
    }
    if let Ok(found) = greek(i) {
        return Ok(found);
    }
    let token = peek_token(i);
    if token.kind != TokenKind::Other {
        return fail(first_char(input), SyntaxErrorKind::MissingScript('_'));
    }
    fail(
        &input[..input.len() - i.len() + token.text.len()],
        SyntaxErrorKind::ScriptNeedsBraces {
            script: '_',
            found: token.text.to_string(),
        },
    )
}

/// The inside of `_{...}` up to its matching `}`; `opener` is `_{` for messages.
fn braced_subscript<'a>(opener: &'a str, inside: &'a str) -> PResult<'a, String> {
    let mut text = String::new();
    let mut depth = 1usize;
    let mut rest = inside;
    while depth > 0 {
        rest = skip_ws(rest);
        let Some(c) = rest.chars().next() else {
            return fail(
                opener,
                SyntaxErrorKind::Unclosed {
                    open: "_{".into(),
                    close: "}".into(),
                },
            );
        };
        rest = match c {
            '{' => {
                depth += 1;
                &rest[1..]
            }
            '}' => {
                depth -= 1;
                &rest[1..]
            }
            '\\' => subscript_command(rest, &mut text)?,
            c if c.is_ascii_alphanumeric() || "_,+-'".contains(c) => {
                text.push(c);
                &rest[1..]
            }
            _ => return fail(first_char(rest), SyntaxErrorKind::InvalidSubscript),
        };
    }
    if text.is_empty() {
        return fail(opener, SyntaxErrorKind::MissingScript('_'));
    }
    Ok((rest, text))
}

/// A command inside a braced subscript: Greek letters become Unicode, `\mathrm` and
/// friends vanish (their braces are skipped as grouping), anything else is invalid.
fn subscript_command<'a>(
    input: &'a str,
    text: &mut String,
) -> Result<&'a str, nom::Err<PError<'a>>> {
    let Ok((rest, name)) = command(input) else {
        return Err(failure(
            first_char(input),
            SyntaxErrorKind::InvalidSubscript,
        ));
    };
    if let Some(letter) = greek_letter(name) {
        text.push_str(letter);
        return Ok(rest);
    }
    if is_word_command(name) {
        return Ok(rest);
    }
    Err(failure(
        consumed(input, rest),
        SyntaxErrorKind::InvalidSubscript,
    ))
}

/// The differential that ends an integral: `dx`, `d x`, `\mathrm{d}x`, `d\theta`.
/// Returns the variable. Fails softly if `input` does not start with one.
pub(crate) fn differential(input: &str) -> PResult<'_, RawName<'_>> {
    // ProofWiki's roman d, `\rd x`, and a note's own (`\def\dd{\mathrm{d}}`).
    if let Ok((after, command_name)) = command(input) {
        let differential = command_name == "rd"
            || super::macros::lookup(command_name) == Some(super::macros::Meaning::Differential);
        if differential {
            return name(skip_ws(after));
        }
    }
    let after_d = match input.strip_prefix('d') {
        Some(rest) => rest,
        None => match word(input) {
            Ok((rest, word)) if word == "d" => rest,
            _ => return soft(input),
        },
    };
    name(skip_ws(after_d))
}

/// The shape of a bracket pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `(` `)`
    Paren,
    /// `[` `]`
    Square,
    /// `\{` `\}`
    SetBrace,
    /// `{` `}`: invisible LaTeX grouping.
    Group,
}

/// How a bracket was sized; openers and closers must agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sizing {
    /// `(`
    Plain,
    /// `\left(` ... `\right)`
    LeftRight,
    /// `\bigl(` ... `\bigr)` (and `\Big`, `\bigg`, `\Bigg`)
    Big,
}

/// A bracket: its shape and sizing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Delim {
    pub shape: Shape,
    pub sizing: Sizing,
}

impl Delim {
    /// How the matching closer is written, for messages.
    pub(crate) fn closer_text(self) -> String {
        let bare = match self.shape {
            Shape::Paren => ")",
            Shape::Square => "]",
            Shape::SetBrace => "\\}",
            Shape::Group => "}",
        };
        match self.sizing {
            Sizing::Plain => bare.to_string(),
            Sizing::LeftRight => format!("\\right{bare}"),
            Sizing::Big => format!("\\bigr{bare}"),
        }
    }
}

/// `(`, `)`, `[`, `]`, `\{`, `\}`, `\lbrace` ... : a bare delimiter after `\left`,
/// `\right` or `\big`, as (shape, is_opening).
fn bare_delimiter(input: &str) -> Option<(&str, Shape, bool)> {
    let simple = [
        ("(", Shape::Paren, true),
        (")", Shape::Paren, false),
        ("[", Shape::Square, true),
        ("]", Shape::Square, false),
        ("\\{", Shape::SetBrace, true),
        ("\\}", Shape::SetBrace, false),
    ];
    for (text, shape, opening) in simple {
        if let Some(rest) = input.strip_prefix(text) {
            return Some((rest, shape, opening));
        }
    }
    let named = [
        ("lbrace", Shape::SetBrace, true),
        ("rbrace", Shape::SetBrace, false),
        ("lbrack", Shape::Square, true),
        ("rbrack", Shape::Square, false),
    ];
    let (rest, name) = command(input).ok()?;
    named
        .iter()
        .find(|(text, _, _)| *text == name)
        .map(|&(_, shape, opening)| (rest, shape, opening))
}

/// `\big`, `\Bigl`, `\biggr` ...: sized delimiters, accepted like plain ones.
pub(crate) fn is_big_command(name: &str) -> bool {
    let size = name
        .strip_suffix(['l', 'r', 'm'])
        .filter(|size| !size.is_empty())
        .unwrap_or(name);
    matches!(size, "big" | "Big" | "bigg" | "Bigg")
}

/// Any delimiter token, as (rest, delim, is_opening). Plain `{` and `}` included.
fn delimiter(input: &str) -> Option<(&str, Delim, bool)> {
    if let Some((rest, shape, opening)) = bare_delimiter(input) {
        let sizing = Sizing::Plain;
        return Some((rest, Delim { shape, sizing }, opening));
    }
    for (text, opening) in [("{", true), ("}", false)] {
        if let Some(rest) = input.strip_prefix(text) {
            let delim = Delim {
                shape: Shape::Group,
                sizing: Sizing::Plain,
            };
            return Some((rest, delim, opening));
        }
    }
    let (after_command, name) = command(input).ok()?;
    let (sizing, wants_opening) = match name {
        "left" => (Sizing::LeftRight, Some(true)),
        "right" => (Sizing::LeftRight, Some(false)),
        _ if is_big_command(name) => (Sizing::Big, None),
        _ => return None,
    };
    let (rest, shape, opening) = bare_delimiter(skip_ws(after_command))?;
    if wants_opening.is_some_and(|wanted| wanted != opening)
        || name.ends_with('l') && !opening
        || name.ends_with('r') && opening
    {
        return None;
    }
    Some((rest, Delim { shape, sizing }, opening))
}

/// An opening bracket: `(`, `[`, `{`, `\{`, `\left(`, `\bigl[` ... Fails softly if
/// there is none, and hard on `\left|` (absolute value) and other `\left` forms.
pub(crate) fn opener(input: &str) -> PResult<'_, Delim> {
    if let Some((rest, delim, true)) = delimiter(input) {
        return Ok((rest, delim));
    }
    match command(input) {
        Ok((after, "left")) => unsupported_left(input, after),
        _ => soft(input),
    }
}

fn unsupported_left<'a>(input: &'a str, after_left: &'a str) -> PResult<'a, Delim> {
    let i = skip_ws(after_left);
    let delimiter = match command(i) {
        Ok((rest, _)) => consumed(i, rest),
        Err(_) => first_char(i),
    };
    let text = &input[..input.len() - i.len() + delimiter.len()];
    if matches!(
        delimiter,
        "|" | "\\vert" | "\\lvert" | "\\|" | "\\Vert" | "\\lVert"
    ) {
        return fail(text, SyntaxErrorKind::AbsoluteValue);
    }
    fail(text, SyntaxErrorKind::UnsupportedCommand(text.to_string()))
}

/// A closing bracket: `)`, `]`, `}`, `\}`, `\right)`, `\bigr]` ... Fails softly.
pub(crate) fn closer(input: &str) -> PResult<'_, Delim> {
    match delimiter(input) {
        Some((rest, delim, false)) => Ok((rest, delim)),
        _ => soft(input),
    }
}

/// Whether a closer closes an opener: same shape and same sizing family.
pub(crate) fn closes(opening: Delim, closing: Delim) -> bool {
    opening == closing
}

/// Relation commands that are not `=`: they cannot be checked.
const RELATION_COMMANDS: &[&str] = &[
    "le",
    "leq",
    "ge",
    "geq",
    "ne",
    "neq",
    "lt",
    "gt",
    "approx",
    "sim",
    "simeq",
    "equiv",
    "leqslant",
    "geqslant",
    "propto",
    "cong",
    "ll",
    "gg",
    "Rightarrow",
    "Longrightarrow",
    "Leftarrow",
    "Longleftarrow",
    "Leftrightarrow",
    "Longleftrightarrow",
    "iff",
    "implies",
    "impliedby",
    "in",
    "notin",
    "to",
    "mapsto",
    "subset",
    "subseteq",
    "asymp",
    "doteq",
    "lesssim",
    "gtrsim",
    "rightarrow",
    "longrightarrow",
];

/// Whether `\name` is a relation other than `=` (see [`relation`]).
pub(crate) fn is_relation_command(name: &str) -> bool {
    RELATION_COMMANDS.contains(&name)
}

/// An `=` as authors write it, and the justification written on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AnnotatedEquals<'a> {
    /// What follows the relation.
    pub rest: &'a str,
    /// The annotation's text as written: `(a)` in `\overset{(a)}{=}`, `:=` for a
    /// definition; `None` for a plain `=`.
    pub annotation: Option<&'a str>,
}

/// `=`, or an `=` carrying its author's justification: `\overset{(a)}{=}`,
/// `\stackrel{\text{def}}{=}`, `\underset{…}{=}`, `\xlongequal{…}`, and the
/// definitional `:=`, `\coloneqq`, `\triangleq`. `==`, `<=`, `>=` and `!=` are not
/// equalities (the callers look at them first or after).
pub(crate) fn annotated_equals(input: &str) -> Option<AnnotatedEquals<'_>> {
    if let Some(rest) = input.strip_prefix(":=") {
        let annotation = Some(&input[..2]);
        return Some(AnnotatedEquals { rest, annotation });
    }
    if let Some(rest) = input.strip_prefix('=') {
        if rest.starts_with('=') {
            return None;
        }
        return Some(AnnotatedEquals {
            rest,
            annotation: None,
        });
    }
    let (after, name) = command(input).ok()?;
    match name {
        "coloneqq" | "triangleq" | "eqqcolon" => {
            let annotation = Some(consumed(input, after));
            Some(AnnotatedEquals {
                rest: after,
                annotation,
            })
        }
        "overset" | "stackrel" | "underset" => {
            let (annotation, after) = braced(skip_ws(after))?;
            let (equals, rest) = braced(skip_ws(after))?;
            (equals.trim() == "=").then_some(AnnotatedEquals {
                rest,
                annotation: Some(annotation),
            })
        }
        "xlongequal" => {
            let i = skip_ws(after);
            let i = match i.strip_prefix('[') {
                Some(inside) => &inside[inside.find(']')? + 1..],
                None => i,
            };
            let (annotation, rest) = braced(skip_ws(i))?;
            Some(AnnotatedEquals {
                rest,
                annotation: Some(annotation),
            })
        }
        _ => None,
    }
}

/// `{…}` with nested braces: the inside and what follows the closing brace.
pub(crate) fn braced(input: &str) -> Option<(&str, &str)> {
    let inside = input.strip_prefix('{')?;
    let mut depth = 1usize;
    let bytes = inside.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 1,
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some((&inside[..at], &inside[at + 1..]));
                }
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// A relation other than `=`: `<`, `>=`, `\le`, `\approx` ... Returns the rest.
pub(crate) fn relation(input: &str) -> Option<&str> {
    let two_char = ["<=", ">=", "!="];
    if let Some(found) = two_char.iter().find(|op| input.starts_with(*op)) {
        return Some(&input[found.len()..]);
    }
    if let Ok((rest, _)) = one_of::<_, _, PError<'_>>("<>").parse(input) {
        return Some(rest);
    }
    match command(input) {
        Ok((rest, name)) if is_relation_command(name) => Some(rest),
        _ => None,
    }
}

/// What kind of token stands somewhere; used to stop loops and to describe errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    End,
    Closer(Delim),
    Relation,
    Equals,
    Separator(char),
    LineBreak,
    Other,
}

/// A token and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub kind: TokenKind,
    pub text: &'a str,
}

/// The next token after whitespace, classified coarsely.
pub(crate) fn peek_token(input: &str) -> Token<'_> {
    let i = skip_ws(input);
    let token = |kind, rest| Token {
        kind,
        text: consumed(i, rest),
    };
    if i.is_empty() {
        return token(TokenKind::End, i);
    }
    if let Ok((rest, delim)) = closer(i) {
        return token(TokenKind::Closer(delim), rest);
    }
    if let Some(rest) = relation(i) {
        return token(TokenKind::Relation, rest);
    }
    if let Ok((rest, _)) = tag::<_, _, PError<'_>>("\\\\").parse(i) {
        return token(TokenKind::LineBreak, rest);
    }
    if let Ok((rest, _)) = command(i) {
        return token(TokenKind::Other, rest);
    }
    let first = first_char(i);
    let kind = match first {
        "=" => TokenKind::Equals,
        "," => TokenKind::Separator(','),
        ";" => TokenKind::Separator(';'),
        _ => TokenKind::Other,
    };
    token(kind, &i[first.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs one lexeme-level function by name and renders what it produced, what it
    /// consumed and what it left.
    fn lex(which: &str, input: &str) -> String {
        let shown = |rest: &str, value: String| {
            format!("{value} from `{}`, rest `{rest}`", consumed(input, rest))
        };
        let failed = |err: nom::Err<PError<'_>>| match err {
            nom::Err::Failure(PError {
                at,
                kind: Some(kind),
            }) => {
                format!("error at `{at}`: {}", kind.message())
            }
            _ => "no match".to_string(),
        };
        let show_name = |n: RawName<'_>| match n.subscript {
            Some(subscript) => format!("{}_{{{subscript}}}", n.base),
            None => n.base,
        };
        let show_delim = |d: Delim| format!("{:?} {:?}", d.shape, d.sizing);
        match which {
            "ws" => shown(skip_ws(input), "layout".into()),
            "number" => number(input).map_or_else(failed, |(r, n)| shown(r, n.to_string())),
            "name" => name(input).map_or_else(failed, |(r, n)| shown(r, show_name(n))),
            "definition_name" => {
                definition_name(input).map_or_else(failed, |(r, n)| shown(r, show_name(n)))
            }
            "differential" => {
                differential(input).map_or_else(failed, |(r, n)| shown(r, show_name(n)))
            }
            "callee_word" => {
                callee_word(input).map_or("no match".into(), |(r, run)| shown(r, run.to_string()))
            }
            "opener" => opener(input).map_or_else(failed, |(r, d)| shown(r, show_delim(d))),
            "closer" => closer(input).map_or_else(failed, |(r, d)| shown(r, show_delim(d))),
            "token" => {
                let token = peek_token(input);
                format!("{:?} `{}`", token.kind, token.text)
            }
            _ => unreachable!("unknown lexeme {which}"),
        }
    }

    macro_rules! check {
        ($which:expr, $input:expr, @$expect:literal) => {
            insta::assert_snapshot!(lex($which, $input), @$expect)
        };
    }

    #[test]
    fn whitespace_spacing_commands_and_comments() {
        check!("ws", "  x", @"layout from `  `, rest `x`");
        check!("ws", r"\, \quad \qquad \; \: \! \  x", @r"layout from `\, \quad \qquad \; \: \! \  `, rest `x`");
        check!("ws", "& ~ x", @"layout from `& ~ `, rest `x`");
        check!("ws", "% comment\n x", @r"
            layout from `% comment
             `, rest `x`
            ");
        check!("ws", r"\displaystyle x", @r"layout from `\displaystyle `, rest `x`");
        check!("ws", r"\\ x", @r"layout from ``, rest `\\ x`");
        check!("ws", r"\quadrature", @r"layout from ``, rest `\quadrature`");
    }

    #[test]
    fn numbers() {
        check!("number", "2", @"2 from `2`, rest ``");
        check!("number", "10x", @"10 from `10`, rest `x`");
        check!("number", "0.5", @"0.5 from `0.5`, rest ``");
        check!("number", "2.", @"2 from `2`, rest `.`");
        check!("number", "2.x", @"2 from `2`, rest `.x`");
        check!("number", "123456789012345678901234567890", @"123456789012345678901234567890 from `123456789012345678901234567890`, rest ``");
        check!("number", "1234567890123456789012345678901", @"error at `1234567890123456789012345678901`: number is too long (31 digits, at most 30)");
        check!("number", "x", @"no match");
    }

    #[test]
    fn names() {
        check!("name", "x", @"x from `x`, rest ``");
        check!("name", "ab", @"a from `a`, rest `b`");
        check!("name", "p_1", @"p_{1} from `p_1`, rest ``");
        check!("name", "p_{1}", @"p_{1} from `p_{1}`, rest ``");
        check!("name", "x _ 1", @"x_{1} from `x _ 1`, rest ``");
        check!("name", "x_12", @"x_{1} from `x_1`, rest `2`");
        check!("name", r"\sigma_{12}", @r"σ_{12} from `\sigma_{12}`, rest ``");
        check!("name", r"\mu_{p_1}", @r"μ_{p_1} from `\mu_{p_1}`, rest ``");
        check!("name", r"\mu_{p_{1}}", @r"μ_{p_1} from `\mu_{p_{1}}`, rest ``");
        check!("name", r"x_{\alpha}", @r"x_{α} from `x_{\alpha}`, rest ``");
        check!("name", r"x_\alpha", @r"x_{α} from `x_\alpha`, rest ``");
        check!("name", r"x_{\mathrm{max}}", @r"x_{max} from `x_{\mathrm{max}}`, rest ``");
        check!("name", "x_{i+1}", @"x_{i+1} from `x_{i+1}`, rest ``");
        check!("name", r"\mathrm{KL}", @r"KL from `\mathrm{KL}`, rest ``");
        check!("name", r"\mathrm d", @r"d from `\mathrm d`, rest ``");
        check!("name", r"\text{ if }", @"no match");
        check!("name", r"\text{PDF}", @r"PDF from `\text{PDF}`, rest ``");
        check!("name", r"\pi", @r"π from `\pi`, rest ``");
        check!("name", r"\infty", @"no match");
        check!("name", r"\alphabet", @"no match");
        check!("name", "x_{1/2}", @"error at `/`: a subscript may only contain letters, digits and Greek letters");
        check!("name", "x_{1", @"error at `_{`: expected `}` to close `_{`");
        check!("name", "x_{}", @"error at `_{`: expected a subscript after `_`");
        check!("name", "x_", @"error at `_`: expected a subscript after `_`");
        check!("name", "x_-", @"error at `_-`: a subscript starting with `-` needs braces");
        check!("name", r"x_{\frac12}", @r"error at `\frac`: a subscript may only contain letters, digits and Greek letters");
        check!("name", r"\mathrm{a+b}", @r"error at `\mathrm`: expected letters inside `\mathrm{...}`");
    }

    #[test]
    fn definition_names() {
        check!("definition_name", "KL(p)", @"KL from `KL`, rest `(p)`");
        check!("definition_name", "p_1(x)", @"p_{1} from `p_1`, rest `(x)`");
        check!("definition_name", r"\mathrm{KL}", @r"KL from `\mathrm{KL}`, rest ``");
        check!("definition_name", "f", @"f from `f`, rest ``");
        check!("definition_name", "2", @"no match");
    }

    #[test]
    fn differentials() {
        check!("differential", "dx", @"x from `dx`, rest ``");
        check!("differential", "d x", @"x from `d x`, rest ``");
        check!("differential", r"\mathrm{d}x", @r"x from `\mathrm{d}x`, rest ``");
        check!("differential", r"\mathrm d x", @r"x from `\mathrm d x`, rest ``");
        check!("differential", r"d\theta", @r"θ from `d\theta`, rest ``");
        check!("differential", "dx_1", @"x_{1} from `dx_1`, rest ``");
        check!("differential", "d+", @"no match");
        check!("differential", "x", @"no match");
        check!("differential", r"\mathrm{e}x", @"no match");
        check!("differential", r"\rd x", @r"x from `\rd x`, rest ``");
        check!("differential", r"\rdx", @"no match");
    }

    #[test]
    fn callee_words() {
        check!("callee_word", "KL(p)", @"KL from `KL`, rest `(p)`");
        check!("callee_word", "KL (p)", @"KL from `KL`, rest ` (p)`");
        check!("callee_word", r"KL\left(p\right)", @r"KL from `KL`, rest `\left(p\right)`");
        check!("callee_word", "K(p)", @"no match");
        check!("callee_word", "KL", @"no match");
        check!("callee_word", "KL[p]", @"no match");
    }

    #[test]
    fn brackets() {
        check!("opener", "(", @"Paren Plain from `(`, rest ``");
        check!("opener", r"\left(", @r"Paren LeftRight from `\left(`, rest ``");
        check!("opener", r"\left [", @r"Square LeftRight from `\left [`, rest ``");
        check!("opener", r"\left\{", @r"SetBrace LeftRight from `\left\{`, rest ``");
        check!("opener", r"\left\lbrace", @r"SetBrace LeftRight from `\left\lbrace`, rest ``");
        check!("opener", r"\bigl(", @r"Paren Big from `\bigl(`, rest ``");
        check!("opener", r"\Big[", @r"Square Big from `\Big[`, rest ``");
        check!("opener", r"\{", @r"SetBrace Plain from `\{`, rest ``");
        check!("opener", "{", @"Group Plain from `{`, rest ``");
        check!("opener", r"\left|", @r"error at `\left|`: absolute values are not supported");
        check!("opener", r"\left.", @r"error at `\left.`: unsupported LaTeX command `\left.`");
        check!("opener", r"\bigr(", @"no match");
        check!("opener", ")", @"no match");
        check!("closer", ")", @"Paren Plain from `)`, rest ``");
        check!("closer", r"\right)", @r"Paren LeftRight from `\right)`, rest ``");
        check!("closer", r"\bigr]", @r"Square Big from `\bigr]`, rest ``");
        check!("closer", r"\}", @r"SetBrace Plain from `\}`, rest ``");
        check!("closer", "}", @"Group Plain from `}`, rest ``");
        check!("closer", "(", @"no match");
        check!("closer", r"\right|", @"no match");
    }

    #[test]
    fn tokens() {
        check!("token", "", @"End ``");
        check!("token", "  ", @"End ``");
        check!("token", ")", @"Closer(Delim { shape: Paren, sizing: Plain }) `)`");
        check!("token", r"\right)", @r"Closer(Delim { shape: Paren, sizing: LeftRight }) `\right)`");
        check!("token", "<= 2", @"Relation `<=`");
        check!("token", r"\le 2", @r"Relation `\le`");
        check!("token", r"\leq", @r"Relation `\leq`");
        check!("token", "= 2", @"Equals `=`");
        check!("token", ", 2", @"Separator(',') `,`");
        check!("token", "; 2", @"Separator(';') `;`");
        check!("token", r"\\ 2", @r"LineBreak `\\`");
        check!("token", r"\cdot", @r"Other `\cdot`");
        check!("token", "@", @"Other `@`");
        check!("token", "σ", @"Other `σ`");
    }
}
