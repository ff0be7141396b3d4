//! Quick looks at a row of mathematics without parsing it: where its top-level
//! relation is, whether it starts with `=`, whether a left side is a lone symbol.
//!
//! The notes reader needs these to decide which rows belong together and which inline
//! math is a claim, before anything is parsed; they live here, with the lexemes they
//! are made of, so that the notes reader and the parser agree on what `=`, layout and
//! a name are.

use std::ops::Range;

use super::lexeme::{
    annotated_equals, command, is_relation_command, name, skip_ws, AnnotatedEquals,
};

/// The kind of a relation found by [`first_top_level_relation`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationKind {
    /// `=`, `\overset{…}{=}`, `:=` and the like.
    Equals,
    /// `\sim`, as in `X \sim \mathcal{N}(\mu, \sigma^2)`.
    Sim,
    /// Anything else: `<`, `\le`, `\approx`, `\Rightarrow` …
    Other,
}

/// The first relation of `text` outside every bracket and brace, with its byte range.
pub fn first_top_level_relation(text: &str) -> Option<(RelationKind, Range<usize>)> {
    let mut depth = 0usize;
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        if depth == 0 {
            if let Some(AnnotatedEquals { rest: after, .. }) = annotated_equals(rest) {
                return Some((RelationKind::Equals, at..text.len() - after.len()));
            }
        }
        if let Ok((after, name)) = command(rest) {
            let len = rest.len() - after.len();
            match name {
                "{" | "lbrace" | "langle" => depth += 1,
                "}" | "rbrace" | "rangle" => depth = depth.saturating_sub(1),
                "sim" if depth == 0 => return Some((RelationKind::Sim, at..at + len)),
                _ if depth == 0 && is_relation_command(name) => {
                    return Some((RelationKind::Other, at..at + len))
                }
                _ => {}
            }
            at += len;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        match c {
            '{' | '(' | '[' => depth += 1,
            '}' | ')' | ']' => depth = depth.saturating_sub(1),
            '<' | '>' if depth == 0 => return Some((RelationKind::Other, at..at + 1)),
            '!' if depth == 0 && rest.starts_with("!=") => {
                return Some((RelationKind::Other, at..at + 2))
            }
            _ => {}
        }
        at += c.len_utf8();
    }
    None
}

/// Whether `text` starts (after `&` and spacing) with `=` or an annotated `=`.
pub fn starts_with_equals(text: &str) -> bool {
    annotated_equals(skip_ws(text)).is_some()
}

/// Whether `text` is nothing but one symbol, perhaps with a subscript and a power:
/// `\mu_2`, `\sigma^2`, `x`, `\sigma_{1}^{2}`. Such a left side in prose sets a value
/// (`$\mu_2 = 0$`) rather than claiming an identity.
pub fn is_lone_symbol(text: &str) -> bool {
    let Ok((rest, _)) = name(skip_ws(text)) else {
        return false;
    };
    let rest = skip_ws(rest);
    let rest = match rest.strip_prefix('^') {
        None => rest,
        Some(power) => {
            let power = skip_ws(power);
            match power.strip_prefix('{') {
                Some(inside) => match inside.find('}') {
                    Some(close) if inside[..close].trim().bytes().all(|b| b.is_ascii_digit()) => {
                        &inside[close + 1..]
                    }
                    _ => return false,
                },
                None if power.starts_with(|c: char| c.is_ascii_digit()) => &power[1..],
                None => return false,
            }
        }
    };
    skip_ws(rest).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relation(text: &str) -> Option<(RelationKind, &str)> {
        first_top_level_relation(text).map(|(kind, range)| (kind, &text[range]))
    }

    #[test]
    fn relations_outside_brackets() {
        assert_eq!(relation("a = b"), Some((RelationKind::Equals, "=")));
        assert_eq!(relation("f(a = b) < c"), Some((RelationKind::Other, "<")));
        assert_eq!(
            relation(r"X \sim \mathcal{N}(0, 1)"),
            Some((RelationKind::Sim, r"\sim"))
        );
        assert_eq!(relation(r"\frac{a = b}{c}"), None);
        assert_eq!(
            relation(r"a \overset{(1)}{=} b"),
            Some((RelationKind::Equals, r"\overset{(1)}{=}"))
        );
        assert_eq!(relation(r"a \le b"), Some((RelationKind::Other, r"\le")));
        assert_eq!(relation(r"\langle x = y \rangle"), None);
        assert_eq!(relation(r"\left\{ a = b \right\}"), None);
        assert_eq!(relation("a != b"), Some((RelationKind::Other, "!=")));
        assert_eq!(relation("a + b"), None);
    }

    #[test]
    fn leading_equals() {
        assert!(starts_with_equals("&= x"));
        assert!(starts_with_equals(r" & \quad = x"));
        assert!(starts_with_equals(r"\stackrel{\text{def}}{=} x"));
        assert!(!starts_with_equals("x = y"));
        assert!(!starts_with_equals("+ y"));
    }

    #[test]
    fn lone_symbols() {
        for text in [
            r"\mu_2",
            r"\sigma^2",
            "x",
            r" \sigma_{1}^{2} ",
            "n",
            r"\mathrm{KL}",
        ] {
            assert!(is_lone_symbol(text), "{text}");
        }
        for text in [
            r"f(x)",
            r"E[X]",
            r"\sigma^{2t}",
            "2x",
            r"\int x dx",
            "a + b",
            "",
        ] {
            assert!(!is_lone_symbol(text), "{text}");
        }
    }
}
