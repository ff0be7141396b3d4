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

mod brackets;
pub(crate) use brackets::*;

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
            Ok((after, "mathop")) => match empty_group(after) {
                Some(after_group) => rest = after_group,
                None => return trimmed,
            },
            _ => return trimmed,
        }
    }
}

/// What follows an empty group `{}` (spaces inside allowed). `\mathop{}\!` is the
/// idiom for an upright differential's spacing (`\mathop{}\!\mathrm{d}x`, the
/// `\dd` of many preambles): an empty operator, which typesets as space and means
/// nothing. A `\mathop` around something is left to the reader that meets it.
fn empty_group(input: &str) -> Option<&str> {
    let (inside, rest) = braced(input.trim_start())?;
    inside.trim().is_empty().then_some(rest)
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
    if let Some(found) = plain_tex_roman(input) {
        return Ok(found);
    }
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

/// `{\rm d}`, `{\rm KL}`: plain TeX's roman switch inside a group, which means what
/// `\mathrm{d}` does; the letters and what follows the group.
fn plain_tex_roman(input: &str) -> Option<(&str, String)> {
    let inside = skip_ws(input.strip_prefix('{')?);
    let (after_switch, "rm") = command(inside).ok()? else {
        return None;
    };
    let (after_word, word) = letter_run(skip_ws(after_switch)).ok()?;
    let rest = skip_ws(after_word).strip_prefix('}')?;
    Some((rest, word))
}

/// Whether `input` starts with `{\rm word}`.
pub(crate) fn is_plain_tex_roman(input: &str) -> bool {
    plain_tex_roman(input).is_some()
}

/// The base of a name as used in expressions: one letter, a Greek letter or a word.
fn expression_base(input: &str) -> PResult<'_, String> {
    if let Ok(found) = single_letter(input) {
        return Ok(found);
    }
    if let Ok(found) = greek(input) {
        return Ok(found);
    }
    if let Some(found) = accented(input) {
        return Ok(found);
    }
    if let Some(found) = bolded(input) {
        return Ok(found);
    }
    word(input)
}

/// The combining mark an accent command puts on a letter: `\bar{x}` is the name
/// `x̄`, `\hat{\mu}` the name `μ̂` (statistics' sample mean and estimates).
pub(crate) fn accent_mark(command: &str) -> Option<char> {
    match command {
        "bar" | "overline" => Some('\u{304}'),
        "hat" | "widehat" => Some('\u{302}'),
        _ => None,
    }
}

/// `\bar{x}`, `\hat{\mu}`, `\bar x`: a letter under an accent, as one name's base.
fn accented(input: &str) -> Option<(&str, String)> {
    let (after, command_name) = command(input).ok()?;
    let mark = accent_mark(command_name)?;
    let i = skip_ws(after);
    let letter = |at| single_letter(at).or_else(|_| greek(at)).ok();
    if let Some((inside, rest)) = braced(i) {
        let (left, base) = letter(skip_ws(inside))?;
        return skip_ws(left)
            .is_empty()
            .then(|| (rest, format!("{base}{mark}")));
    }
    let (rest, base) = letter(i)?;
    Some((rest, format!("{base}{mark}")))
}

/// The bold commands: `\mathbf{x}`, `\boldsymbol{\mu}`, `\bm{x}`, `\pmb{x}`.
pub(crate) fn is_bold_command(command: &str) -> bool {
    matches!(command, "mathbf" | "boldsymbol" | "bm" | "pmb")
}

/// A letter's bold form, as Unicode's mathematical bold letters: `\mathbf{x}` is the
/// name `𝐱`, `\boldsymbol{\Sigma}` is `𝚺`, names of their own beside `x` and `Σ` (PRML
/// writes `𝐱` for a vector and `x` for a scalar in one formula). `None` for a letter
/// without one (`ϑ`, `ϕ`).
pub(crate) fn bold_letter(letter: &str) -> Option<char> {
    let mut chars = letter.chars();
    let (c, None) = (chars.next()?, chars.next()) else {
        return None;
    };
    let offset = |from: char, to: u32| char::from_u32(to + (c as u32 - from as u32));
    match c {
        'A'..='Z' => offset('A', 0x1D400),
        'a'..='z' => offset('a', 0x1D41A),
        // U+03A2 is unassigned; its bold slot holds ϴ, which no command here makes.
        'Α'..='Ω' if c != '\u{3A2}' => offset('Α', 0x1D6A8),
        'α'..='ω' => offset('α', 0x1D6C2),
        _ => None,
    }
}

/// Whether a name's base is a bold letter (`𝐱`, `𝛍`): a vector or matrix in the
/// notation that writes them so, which must be declared one.
pub(crate) fn is_bold_base(base: &str) -> bool {
    let mut chars = base.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if ('\u{1D400}'..='\u{1D7CB}').contains(&c))
}

/// `\mathbf{x}`, `\boldsymbol{\mu}`: a bold letter as one name's base. `\mathbf{I}` (the
/// identity) and `\mathbf{E}` (the mean) are not names.
fn bolded(input: &str) -> Option<(&str, String)> {
    let (after, command_name) = command(input).ok()?;
    if !is_bold_command(command_name) {
        return None;
    }
    let (inside, rest) = braced(skip_ws(after))?;
    let (left, letter) = single_letter(skip_ws(inside))
        .or_else(|_| greek(skip_ws(inside)))
        .ok()?;
    if !skip_ws(left).is_empty() || matches!(letter.as_str(), "I" | "E") {
        return None;
    }
    Some((rest, bold_letter(&letter)?.to_string()))
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

/// `d(`, `\mathrm{d}\left(`, `\rd (`: a differential of an expression (a change of
/// variable written `\mathrm{d}(\sqrt{2}\sigma u + \mu)`); where its bracket opens.
pub(crate) fn compound_differential(input: &str) -> Option<&str> {
    let after_d = if let Ok((after, command_name)) = command(input) {
        let is_d = command_name == "rd"
            || super::macros::lookup(command_name) == Some(super::macros::Meaning::Differential);
        if is_d {
            after
        } else {
            match word(input) {
                Ok((rest, w)) if w == "d" => rest,
                _ => return None,
            }
        }
    } else if let Some((rest, w)) = plain_tex_roman(input) {
        // `{\rm d}(\sigma u + \mu)`: plain TeX's roman d, as in `{\rm d}x`.
        if w != "d" {
            return None;
        }
        rest
    } else {
        input.strip_prefix('d')?
    };
    let open = skip_ws(after_d);
    let opens = ["(", "\\left(", "\\big(", "\\Big("];
    opens.iter().any(|o| open.starts_with(o)).then_some(open)
}

/// The real line at the start of `input`: `\mathbb{R}`, `\mathbb R`, `\R`, or a note's
/// own macro for it; what follows. Not when a script, a brace or more letters follow
/// (`\mathbb{R}^n`, `\mathbb{R}_+`, `\Rightarrow`): that is another set, or no set.
pub(crate) fn reals(input: &str) -> Option<&str> {
    let defined = || {
        let (after, name) = command(input).ok()?;
        (super::macros::lookup(name) == Some(super::macros::Meaning::Reals)).then_some(after)
    };
    let rest = ["\\mathbb{R}", "\\mathbb R", "\\R"]
        .iter()
        .find_map(|form| input.strip_prefix(form))
        .or_else(defined)?;
    let runs_on =
        rest.starts_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '^' | '_' | '{'));
    (!runs_on).then_some(rest)
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

/// `\sim`, or `\sim` carrying the words "independent and identically distributed":
/// `\stackrel{\text{iid}}{\sim}`, `\overset{\mathrm{i.i.d.}}{\sim}`,
/// `\overset{ind}{\sim}`. What follows it. Any other words over `\sim` are not this:
/// `\overset{a}{\sim}` (asymptotically), `\overset{H_0}{\sim}` (under a hypothesis),
/// `\overset{\text{approx}}{\sim}` state no law exactly.
pub(crate) fn sim_relation(input: &str) -> Option<&str> {
    let (after, name) = command(input).ok()?;
    match name {
        "sim" => Some(after),
        "overset" | "stackrel" | "underset" => {
            let (words, after) = braced(skip_ws(after))?;
            let (relation, rest) = braced(skip_ws(after))?;
            (relation.trim() == "\\sim" && says_independent(words)).then_some(rest)
        }
        _ => None,
    }
}

/// Whether the words over a `\sim` say the names are independent draws of one law.
fn says_independent(words: &str) -> bool {
    let mut letters = String::new();
    let mut rest = words;
    while let Some(c) = rest.chars().next() {
        if let Ok((after, _)) = command(rest) {
            rest = after;
            continue;
        }
        if c.is_ascii_alphabetic() {
            letters.push(c.to_ascii_lowercase());
        }
        rest = &rest[c.len_utf8()..];
    }
    matches!(letters.as_str(), "iid" | "ind" | "indep" | "independent")
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
mod tests;
