//! The author's words beside the mathematics: justifications and labels that are never
//! mathematics — `\text{(linearity)}`, `\tag{3}`, `\eqref{eq:kl}`, `\quad (3)`,
//! `\overset{(a)}{=}` — and sentence punctuation at the end of a row.
//!
//! The grammar stops at these (so `b \text{by (3)}` is never the product of `b` and a
//! name), the row parser collects them into [`Annotation`]s on the step they justify,
//! and the report shows them beside the rule `verify` found. Anywhere but at the end
//! of a row (or on an `=`), text is an error: `x \text{ for } x > 0` is a condition,
//! which `verify` does not read.

use super::lexeme::{braced, command, consumed, skip_ws};

/// Commands whose braced argument is text.
const TEXT_COMMANDS: &[&str] = &[
    "text",
    "textrm",
    "textit",
    "textbf",
    "textsf",
    "texttt",
    "textnormal",
    "mbox",
    "hbox",
    "emph",
    "intertext",
];

/// Whether `\name{…}` holds text.
pub(crate) fn is_text_command(name: &str) -> bool {
    TEXT_COMMANDS.contains(&name)
}

/// Layout that separates a label from the formula: `\quad`, `\qquad`, `&&`,
/// `\hfill`, `\hspace{…}`. A bracketed group after it at the end of a row is a label,
/// `\quad (3)`, not a factor.
pub(crate) fn has_wide_space(layout: &str) -> bool {
    layout.contains("&&")
        || [
            "\\quad",
            "\\qquad",
            "\\hfill",
            "\\hspace",
            "\\;\\;",
            "\\,\\,\\,",
        ]
        .iter()
        .any(|wide| layout.contains(wide))
}

/// A text command's argument when it is one word of letters, the way `\text{PDF}` or
/// `\text{E}` name something; `None` for text with spaces or punctuation.
pub(crate) fn text_word(input: &str) -> Option<&str> {
    let (after, name) = command(input).ok()?;
    if !is_text_command(name) {
        return None;
    }
    let (word, _) = braced(skip_ws(after))?;
    (!word.is_empty() && word.bytes().all(|b| b.is_ascii_alphabetic())).then_some(word)
}

/// An annotation at the start of `input` (layout already skipped): the rest and the
/// annotation's text as written. `after_wide_space`: a bracketed group counts too.
pub(crate) fn annotation(input: &str, after_wide_space: bool) -> Option<(&str, &str)> {
    if let Ok((after, name)) = command(input) {
        let rest = match name {
            _ if is_text_command(name) => {
                let (inside, rest) = braced(skip_ws(after))?;
                words_around_math(inside, rest).unwrap_or(rest)
            }
            "tag" => {
                let after = skip_ws(after);
                let after = after.strip_prefix('*').unwrap_or(after);
                braced(skip_ws(after))?.1
            }
            "eqref" | "ref" | "cite" | "footnote" => braced(skip_ws(after))?.1,
            "because" | "therefore" => "",
            _ => return None,
        };
        return Some((rest, consumed(input, rest)));
    }
    if !after_wide_space {
        return None;
    }
    let close = match input.chars().next()? {
        '(' => ')',
        '[' => ']',
        _ => return None,
    };
    let end = matching_close(input, close)?;
    let rest = &input[end + 1..];
    Some((rest, &input[..end + 1]))
}

/// `\text{(substituting } u = \tfrac{x-\mu}{\sigma}\text{)}`: words whose bracket
/// opens in one text command and closes in a later one hold the formula between
/// them, which the words are about (not a step). `inside` is the first text's
/// content, `rest` what follows it; returns where the text closing the bracket ends.
/// Only the texts' brackets count, so the formula's own are never mistaken for one.
fn words_around_math<'a>(inside: &str, rest: &'a str) -> Option<&'a str> {
    let balance = |text: &str| {
        text.chars().fold(0i64, |depth, c| match c {
            '(' => depth + 1,
            ')' => depth - 1,
            _ => depth,
        })
    };
    let mut depth = balance(inside);
    if depth <= 0 {
        return None;
    }
    let mut at = rest;
    while let Some(backslash) = at.find('\\') {
        let from = &at[backslash..];
        match command(from) {
            Ok((after, name)) if is_text_command(name) => {
                let (text, after_text) = braced(skip_ws(after))?;
                depth += balance(text);
                if depth <= 0 {
                    return Some(after_text);
                }
                at = after_text;
            }
            Ok((after, _)) => at = after,
            Err(_) => at = &from[1..],
        }
    }
    None
}

/// The offset of the bracket closing the one `input` starts with.
fn matching_close(input: &str, close: char) -> Option<usize> {
    let open = input.chars().next()?;
    let mut depth = 0usize;
    for (at, c) in input.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(at);
            }
        }
    }
    None
}

/// Whether nothing but layout, annotations and punctuation is left: the end of a row.
pub(crate) fn only_trailing_matter(input: &str) -> bool {
    let mut rest = input;
    loop {
        let before = skip_ws(rest);
        if before.is_empty() {
            return true;
        }
        let wide = has_wide_space(consumed(rest, before)) || rest.len() == input.len();
        rest = match annotation(before, wide)
            .map(|(r, _)| r)
            .or_else(|| punctuation(before))
        {
            Some(after) => after,
            None => return false,
        };
    }
}

/// Sentence punctuation: `.`, `,`, `;`, `:` (not `:=`), also as `\text{.}`, and the
/// full-width `。`, `，`, `；`, `：`, `、`.
pub(crate) fn punctuation(input: &str) -> Option<&str> {
    if let Some(c) = input.chars().next() {
        if matches!(c, '.' | ',' | ';') || (c == ':' && !input.starts_with(":=")) {
            return Some(&input[1..]);
        }
        // Full-width punctuation, as notes in Chinese and Japanese end sentences.
        if matches!(c, '。' | '，' | '；' | '：' | '、') {
            return Some(&input[c.len_utf8()..]);
        }
    }
    let (after, name) = command(input).ok()?;
    if !is_text_command(name) {
        return None;
    }
    let (inside, rest) = braced(skip_ws(after))?;
    let inside = inside.trim();
    (!inside.is_empty() && inside.chars().all(|c| matches!(c, '.' | ',' | ';' | ':')))
        .then_some(rest)
}

/// The words of an annotation as a reader sees them: text commands unwrapped,
/// `\eqref{x}` as `(x)`, spacing collapsed. `\overset{(a)}{=}`'s `(a)` stays `(a)`.
pub fn display_text(written: &str) -> String {
    let mut out = String::new();
    let mut rest = written;
    while let Some(c) = rest.chars().next() {
        if let Ok((after, name)) = command(rest) {
            let braced_arg = braced(skip_ws(after));
            match (name, braced_arg) {
                ("eqref", Some((inside, after))) => {
                    out.push_str(&format!("({})", inside.trim()));
                    rest = after;
                }
                ("tag", _) => {
                    let after = skip_ws(after);
                    let after = after.strip_prefix('*').unwrap_or(after);
                    match braced(skip_ws(after)) {
                        Some((inside, after)) => {
                            out.push_str(&format!("({})", display_text(inside)));
                            rest = after;
                        }
                        None => rest = after,
                    }
                }
                (_, Some((inside, after))) if is_text_command(name) || name == "ref" => {
                    out.push_str(&display_text(inside));
                    rest = after;
                }
                ("because", _) => {
                    out.push_str("because ");
                    rest = after;
                }
                ("therefore", _) => {
                    out.push_str("therefore ");
                    rest = after;
                }
                _ => {
                    out.push_str(consumed(rest, after));
                    rest = after;
                }
            }
            continue;
        }
        if c != '$' {
            out.push(if c == '~' { ' ' } else { c });
        }
        rest = &rest[c.len_utf8()..];
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `written` is a text command holding only words that make the formula
/// after them a premise: `\text{for }`, `\text{for all }`, `\text{where }`,
/// `\text{if }`, `\mbox{with}`, and the same words in the languages notes are
/// written in (`\text{für }`, `\text{pour }`, `\text{para }`).
pub(crate) fn is_premise_text(written: &str) -> bool {
    let Ok((after, name)) = command(written) else {
        return false;
    };
    if !is_text_command(name) {
        return false;
    }
    let Some((inside, rest)) = braced(skip_ws(after)) else {
        return false;
    };
    let words = inside.split_whitespace().collect::<Vec<_>>().join(" ");
    rest.trim().is_empty()
        && matches!(
            words.to_lowercase().as_str(),
            "for"
                | "for all"
                | "for every"
                | "for any"
                | "where"
                | "with"
                | "if"
                | "when"
                | "assuming"
                | "given"
                | "für"
                | "für alle"
                | "mit"
                | "falls"
                | "pour"
                | "pour tout"
                | "si"
                | "avec"
                | "para"
                | "para todo"
                | "con"
                | "per"
        )
}

/// After the words `written` (`\text{for }`, `\text{for all }`, `\text{where }`), a
/// condition every real number meets — `x \in \mathbb{R}`, `x, t \in \R` — up to the
/// end of the row: where it ends. Such a condition restricts nothing, so the words and
/// it are an annotation. Any other condition (`x > 0`) is not read here.
pub(crate) fn vacuous_condition<'a>(written: &str, after: &'a str) -> Option<&'a str> {
    if !is_premise_text(written) {
        return None;
    }
    every_real(after)
}

/// A condition every real number meets at the start of `input`, up to the end of the
/// row: where it ends. `x \in \mathbb{R}`, `x, t \in \R`, `-\infty < x < \infty`: how
/// a text says where a formula holds ("f(x) = …, \quad x \in \mathbb{R}"), which
/// restricts nothing, since every symbol is read as real.
pub(crate) fn every_real(input: &str) -> Option<&str> {
    let end = names_in_reals(skip_ws(input)).or_else(|| whole_line(skip_ws(input)))?;
    only_trailing_matter(end).then_some(end)
}

/// `x, t \in \mathbb{R}`: what follows it.
fn names_in_reals(mut rest: &str) -> Option<&str> {
    loop {
        let (next, _) = super::lexeme::name(rest).ok()?;
        rest = skip_ws(next);
        match rest.strip_prefix(',') {
            Some(more) => rest = skip_ws(more),
            None => break,
        }
    }
    let (after_in, relation) = command(rest).ok()?;
    if relation != "in" {
        return None;
    }
    super::lexeme::reals(skip_ws(after_in))
}

/// `-\infty < x < \infty`: what follows it.
fn whole_line(input: &str) -> Option<&str> {
    fn infinity(text: &str) -> Option<&str> {
        let (after, name) = command(text).ok()?;
        (name == "infty").then_some(skip_ws(after))
    }
    let rest = infinity(skip_ws(input.strip_prefix('-')?))?;
    let rest = skip_ws(rest.strip_prefix('<')?);
    let (rest, _) = super::lexeme::name(rest).ok()?;
    let rest = skip_ws(skip_ws(rest).strip_prefix('<')?);
    infinity(rest.strip_prefix('+').unwrap_or(rest))
}

/// Whether the words over an `=` say the author sets an equation rather than claims
/// an identity: `\overset{!}{=}` ("must equal", as German notes write it) and
/// `\stackrel{\text{set}}{=}`, how maximum-likelihood derivations set a derivative to
/// zero. Such an `=` is a condition to solve, never a step to prove.
pub(crate) fn sets_an_equation(words: &str) -> bool {
    let mut inner = words.trim();
    // Unwrap `\text{…}`, `\mathrm{…}` and the like, however deeply.
    while let Ok((after, name)) = command(inner) {
        let wraps = is_text_command(name) || matches!(name, "mathrm" | "rm" | "mathit");
        match braced(skip_ws(after)) {
            Some((arg, rest)) if wraps && rest.trim().is_empty() => inner = arg.trim(),
            _ => break,
        }
    }
    let word = inner.trim_end_matches(':').trim().to_lowercase();
    matches!(word.as_str(), "!" | "set" | "setze" | "setting" | "set to")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_and_what_follows_them() {
        assert_eq!(
            annotation(r"\text{(linearity)} x", false),
            Some((" x", r"\text{(linearity)}"))
        );
        assert_eq!(annotation(r"\tag*{3}", false), Some(("", r"\tag*{3}")));
        // Words whose bracket closes in a later text hold the formula between.
        let around = r"\text{(substituting } u = \tfrac{(x-\mu)}{\sigma}\text{)} x";
        assert_eq!(
            annotation(around, false),
            Some((" x", &around[..around.len() - 2]))
        );
        assert_eq!(
            annotation(r"\text{(with } a \text{ fixed)}", false),
            Some(("", r"\text{(with } a \text{ fixed)}"))
        );
        // An unclosed bracket, or one the formula closes, is not extended.
        assert_eq!(
            annotation(r"\text{(by } a = b", false),
            Some((" a = b", r"\text{(by }"))
        );
        assert_eq!(
            annotation(r"\text{(by } f(a)) = b", false),
            Some((" f(a)) = b", r"\text{(by }"))
        );
        assert_eq!(annotation(r"(3).", true), Some((".", "(3)")));
        assert_eq!(annotation(r"(3)", false), None);
        assert_eq!(annotation(r"x", true), None);
        assert_eq!(
            annotation(r"\eqref{eq:1}", false),
            Some(("", r"\eqref{eq:1}"))
        );
    }

    #[test]
    fn words_as_a_reader_sees_them() {
        assert_eq!(display_text(r"\text{by } \eqref{eq:kl}"), "by (eq:kl)");
        assert_eq!(
            display_text(r"\text{(linearity of $\mathbb{E}$)}"),
            r"(linearity of \mathbb{E})"
        );
        assert_eq!(display_text(r"\tag{3.1}"), "(3.1)");
        assert_eq!(display_text(r"\stackrel"), r"\stackrel");
        assert_eq!(display_text("(a)"), "(a)");
    }

    #[test]
    fn text_words_name_things_text_with_spaces_does_not() {
        assert_eq!(text_word(r"\text{PDF}"), Some("PDF"));
        assert_eq!(text_word(r"\text{ by }"), None);
        assert_eq!(text_word(r"\text{(3)}"), None);
        assert_eq!(text_word(r"\mathrm{KL}"), None);
    }

    #[test]
    fn only_a_requirement_over_an_equals_sets_an_equation() {
        for words in [
            "!",
            r"\text{!}",
            r"\text{set}",
            r"\mathrm{set}",
            r"\textrm{Set}",
            "set",
        ] {
            assert!(sets_an_equation(words), "{words}");
        }
        for words in [
            "(a)",
            "def",
            r"\text{def}",
            "?",
            r"\text{by parts}",
            "!!",
            "",
        ] {
            assert!(!sets_an_equation(words), "{words}");
        }
    }

    #[test]
    fn punctuation_ends_a_sentence() {
        assert_eq!(punctuation(". "), Some(" "));
        assert_eq!(punctuation(r"\text{,}"), Some(""));
        assert_eq!(punctuation(":= x"), None);
        assert_eq!(punctuation("。"), Some(""));
        assert_eq!(punctuation("， x"), Some(" x"));
        assert_eq!(punctuation("x"), None);
    }
}
