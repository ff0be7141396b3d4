//! A note's own macros (`\newcommand{\E}{\mathbb{E}}`, `\DeclareMathOperator{\Var}{Var}`,
//! `\def\dd{\mathrm{d}}`), as a preamble for KaTeX, so the page typesets `\E[X]` as
//! the author's document does instead of showing `\E` in red.
//!
//! The definitions are copied as written (KaTeX reads `\newcommand`, `\renewcommand`,
//! `\providecommand` and `\def`); `\DeclareMathOperator`, which KaTeX lacks, becomes
//! the `\newcommand` of an `\operatorname`. This is typesetting only: what `verify`
//! reads a macro to mean is `syntax::macros`, and nothing here feeds a verdict. The
//! preamble is bounded in size, so a hostile note cannot make it large.

/// At most this many bytes of definitions are kept.
const MAX_PREAMBLE: usize = 64 << 10;

/// At most this many definitions are kept.
const MAX_DEFINITIONS: usize = 256;

/// The definitions of `text`, one per line, for KaTeX.
pub fn preamble(text: &str) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut at = 0;
    while let Some(found) = text[at..].find('\\') {
        let start = at + found;
        let rest = &text[start + 1..];
        let word_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let word = &rest[..word_len];
        let after = start + 1 + word_len;
        let definition = match word {
            "newcommand" | "renewcommand" | "providecommand" => {
                command(text, after).map(|end| (end, text[start..end].to_string()))
            }
            "def" => def(text, after).map(|end| (end, text[start..end].to_string())),
            "DeclareMathOperator" => operator(text, after),
            _ => None,
        };
        at = after.max(start + 1);
        if let Some((end, d)) = definition {
            if out.len() + d.len() + 1 > MAX_PREAMBLE || count >= MAX_DEFINITIONS {
                break;
            }
            at = end;
            out.push_str(&d);
            out.push('\n');
            count += 1;
        }
        if at >= text.len() {
            break;
        }
        while !text.is_char_boundary(at) {
            at += 1;
        }
    }
    out
}

/// The end of `{…}` starting at `at` (after spaces), braces balanced, `\{` skipped.
fn group(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = skip_spaces(text, at);
    if bytes.get(i) != Some(&b'{') {
        return None;
    }
    let mut depth = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn skip_spaces(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while bytes.get(at).is_some_and(|b| *b == b' ' || *b == b'\t') {
        at += 1;
    }
    at
}

/// `\name` at `at` (after spaces): its end.
fn control_sequence(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let at = skip_spaces(text, at);
    if bytes.get(at) != Some(&b'\\') {
        return None;
    }
    let len = bytes[at + 1..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    (len > 0).then_some(at + 1 + len)
}

/// `*{\name}[n][default]{body}` or `\name[n]{body}` after `\newcommand`: its end.
fn command(text: &str, at: usize) -> Option<usize> {
    let mut i = skip_spaces(text, at);
    if text.as_bytes().get(i) == Some(&b'*') {
        i += 1;
    }
    i = group(text, i).or_else(|| control_sequence(text, i))?;
    for _ in 0..2 {
        let j = skip_spaces(text, i);
        if text.as_bytes().get(j) == Some(&b'[') {
            i = j + text[j..].find(']')? + 1;
        }
    }
    group(text, i)
}

/// `\name#1#2{body}` after `\def`: its end.
fn def(text: &str, at: usize) -> Option<usize> {
    let i = control_sequence(text, at)?;
    let brace = i + text[i..].find('{')?;
    // Only parameters between the name and the body.
    if !text[i..brace]
        .chars()
        .all(|c| c == '#' || c.is_ascii_digit() || c == ' ')
    {
        return None;
    }
    group(text, brace)
}

/// `\DeclareMathOperator*{\name}{body}` as `\newcommand{\name}{\operatorname*{body}}`,
/// with the end of the definition.
fn operator(text: &str, at: usize) -> Option<(usize, String)> {
    let mut i = skip_spaces(text, at);
    let star = text.as_bytes().get(i) == Some(&b'*');
    if star {
        i += 1;
    }
    let name_end = group(text, i).or_else(|| control_sequence(text, i))?;
    let name = text[i..name_end].trim();
    let body_end = group(text, name_end)?;
    let body = text[name_end..body_end].trim();
    let star = if star { "*" } else { "" };
    Some((
        body_end,
        format!("\\newcommand{name}{{\\operatorname{star}{body}}}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notes_definitions_are_kept_for_katex() {
        let text = r"\newcommand{\E}{\mathbb{E}}
\newcommand\norm[1]{\left\lVert #1 \right\rVert}
\DeclareMathOperator{\Var}{Var}
\def\dd{\mathrm{d}}
Text with \E[X] and \frac{a}{b}.";
        assert_eq!(
            preamble(text),
            "\\newcommand{\\E}{\\mathbb{E}}\n\\newcommand\\norm[1]{\\left\\lVert #1 \\right\\rVert}\n\\newcommand{\\Var}{\\operatorname{Var}}\n\\def\\dd{\\mathrm{d}}\n"
        );
    }

    #[test]
    fn a_broken_or_huge_preamble_is_bounded() {
        assert_eq!(preamble(r"\newcommand{\E}{\mathbb{E}"), "");
        let many = r"\newcommand{\x}{y}".repeat(10_000);
        let kept = preamble(&many);
        assert_eq!(kept.lines().count(), MAX_DEFINITIONS);
    }
}
