//! Quick looks at a row of mathematics without parsing it: where its top-level
//! relation is, whether it starts with `=`, whether a left side is a lone symbol.
//!
//! The notes reader needs these to decide which rows belong together and which inline
//! math is a claim, before anything is parsed; they live here, with the lexemes they
//! are made of, so that the notes reader and the parser agree on what `=`, layout and
//! a name are.

use std::ops::{ControlFlow, Range};

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
    let mut first = None;
    scan_relations(text, |kind, range| {
        first = Some((kind, range));
        ControlFlow::Break(())
    });
    first
}

/// Every relation of `text` outside every bracket and brace, in order.
fn top_level_relations(text: &str) -> Vec<(RelationKind, Range<usize>)> {
    let mut all = Vec::new();
    scan_relations(text, |kind, range| {
        all.push((kind, range));
        ControlFlow::Continue(())
    });
    all
}

/// Calls `found` with each top-level relation of `text` in turn, until it breaks.
fn scan_relations(
    text: &str,
    mut found: impl FnMut(RelationKind, Range<usize>) -> ControlFlow<()>,
) {
    let mut depth = 0usize;
    let mut at = 0;
    while at < text.len() {
        let (len, relation) = relation_step(&text[at..], &mut depth);
        if let Some(kind) = relation {
            if found(kind, at..at + len).is_break() {
                return;
            }
        }
        at += len;
    }
}

/// One token of `rest`: its length, and the relation it is if it is one at the top
/// level; `depth` follows the brackets.
fn relation_step(rest: &str, depth: &mut usize) -> (usize, Option<RelationKind>) {
    if *depth == 0 {
        if let Some(AnnotatedEquals { rest: after, .. }) = annotated_equals(rest) {
            return (rest.len() - after.len(), Some(RelationKind::Equals));
        }
        if let Some(after) = crate::syntax::lexeme::sim_relation(rest) {
            return (rest.len() - after.len(), Some(RelationKind::Sim));
        }
    }
    if let Ok((after, name)) = command(rest) {
        let len = rest.len() - after.len();
        let relation = match name {
            "{" | "lbrace" | "langle" => {
                *depth += 1;
                None
            }
            "}" | "rbrace" | "rangle" => {
                *depth = depth.saturating_sub(1);
                None
            }
            "sim" if *depth == 0 => Some(RelationKind::Sim),
            _ if *depth == 0 && is_relation_command(name) => Some(RelationKind::Other),
            _ => None,
        };
        return (len, relation);
    }
    let c = rest.chars().next().unwrap_or(' ');
    match c {
        '{' | '(' | '[' => *depth += 1,
        '}' | ')' | ']' => *depth = depth.saturating_sub(1),
        '<' | '>' if *depth == 0 => return (1, Some(RelationKind::Other)),
        '!' if *depth == 0 && rest.starts_with("!=") => return (2, Some(RelationKind::Other)),
        _ => {}
    }
    (c.len_utf8(), None)
}

/// Whether `text` starts (after `&` and spacing) with `=` or an annotated `=`.
pub fn starts_with_equals(text: &str) -> bool {
    annotated_equals(skip_ws(text)).is_some()
}

/// Whether `text` is a differential alone, `dv`, `\mathrm{d}u`: the left side of the
/// setup of an integration by parts or a substitution (`$dv = x e^{-x} dx$`), not a
/// claim.
pub fn is_differential(text: &str) -> bool {
    matches!(crate::syntax::lexeme::differential(skip_ws(text)), Ok((rest, _)) if skip_ws(rest).is_empty())
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

/// An ellipsis between items of a list, `\dots`, `\ldots` or `\cdots` (not a longer
/// command), at the start of `text`: what follows it.
pub(crate) fn ellipsis(text: &str) -> Option<&str> {
    ["\\dots", "\\ldots", "\\cdots"]
        .iter()
        .find_map(|dots| text.strip_prefix(dots))
        .filter(|after| !after.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// Whether `text` is a positivity condition and nothing else: `a > 0`,
/// `\sigma_1, \sigma_2 > 0`, with sentence punctuation after it. Notes state these in
/// prose ("for $a > 0$"); they are the notes' `assume` lines.
pub fn is_positivity_condition(text: &str) -> bool {
    let mut rest = skip_ws(text);
    loop {
        let Ok((after, _)) = name(rest) else {
            return false;
        };
        let after = skip_ws(after);
        if let Some(next) = after.strip_prefix(',') {
            rest = skip_ws(next);
            // `\sigma_1, \dots, \sigma_J > 0`: a range of names.
            if let Some(after_dots) = ellipsis(rest).and_then(|r| skip_ws(r).strip_prefix(',')) {
                rest = skip_ws(after_dots);
            }
            continue;
        }
        let Some(zero) = after.strip_prefix('>') else {
            return false;
        };
        let zero = skip_ws(zero);
        let Some(end) = zero.strip_prefix('0') else {
            return false;
        };
        // `0.5` is not zero; `0.` ends a sentence.
        let decimal = end
            .strip_prefix('.')
            .is_some_and(|fraction| fraction.starts_with(|c: char| c.is_ascii_digit()));
        return !(end.starts_with(|c: char| c.is_ascii_digit()) || decimal)
            && skip_ws(end.trim_end().trim_end_matches([',', '.', ';'])).is_empty();
    }
}

/// Whether `text` is a normal law and nothing else: `\mathcal{N}(\mu, \sigma^2)`,
/// `N(0, 1)`, with sentence punctuation after it.
pub fn is_normal_law(text: &str) -> bool {
    let t = skip_ws(text);
    let Some(args) = ["\\mathcal{N}", "\\mathcal N", "N"]
        .iter()
        .find_map(|head| t.strip_prefix(head))
    else {
        return false;
    };
    let args = skip_ws(args);
    let inside = args
        .strip_prefix("\\left(")
        .or_else(|| args.strip_prefix('('));
    let Some(inside) = inside else {
        return false;
    };
    let end = inside
        .trim_end()
        .trim_end_matches([',', '.', ';'])
        .trim_end();
    let end = end
        .strip_suffix("\\right)")
        .or_else(|| end.strip_suffix(')'));
    end.is_some_and(|inner| first_top_level_relation(inner).is_none() && inner.contains(','))
}

/// One step of a scan that tracks bracket depth: a command (`\left`, `\{`, `\langle`
/// open, their mirrors close) or one character (`(`, `[`, `{` open, their mirrors
/// close); the bytes read, and the command's name when it was one.
fn scan_step<'t>(rest: &'t str, depth: &mut usize) -> (usize, Option<&'t str>) {
    if let Ok((after, name)) = command(rest) {
        match name {
            "{" | "lbrace" | "langle" | "left" => *depth += 1,
            "}" | "rbrace" | "rangle" | "right" => *depth = depth.saturating_sub(1),
            _ => {}
        }
        return (rest.len() - after.len(), Some(name));
    }
    let c = rest.chars().next().unwrap_or(' ');
    match c {
        '{' | '(' | '[' => *depth += 1,
        '}' | ')' | ']' => *depth = depth.saturating_sub(1),
        _ => {}
    }
    (c.len_utf8(), None)
}

/// Whether `text`'s first top-level relation is `=`.
fn is_equation(text: &str) -> bool {
    matches!(
        first_top_level_relation(text),
        Some((RelationKind::Equals, _))
    )
}

/// Where a row holds several equations side by side, the separators between them:
/// `a = b, \quad c = d`, `a = b \qquad c = d`, `a = b \quad\text{and}\quad c = d`,
/// `a = b;\; c = d`. A separator is top-level punctuation (`,` `;`), a wide space
/// (`\quad`, `\qquad`, `\hspace{…}`) or the word "and" in text, with the spacing
/// around it; it counts only where the formulas on both sides of it are equations, so
/// `x = 1, 2` and `= b \quad (3)` stay whole. Read as one formula, such a row would
/// multiply the last term of one equation with the first of the next.
pub fn side_by_side_separators(text: &str) -> Vec<Range<usize>> {
    let mut candidates = Vec::new();
    let mut depth = 0usize;
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        if depth == 0 {
            match separator_at(rest) {
                Ok(len) => {
                    candidates.push(at..at + len);
                    at += len;
                    continue;
                }
                // Spacing that is no separator is none from any point inside it
                // either: skip it whole, so a long run is read once, not once per byte.
                Err(scanned) if scanned > 0 => {
                    at += scanned;
                    continue;
                }
                Err(_) => {}
            }
        }
        at += scan_step(rest, &mut depth).0;
    }
    // One scan finds every relation, so that each segment is judged by a lookup: a
    // row of thousands of commas is read in linear time, not once per comma.
    let relations = top_level_relations(text);
    // A segment holding a connective is a chain of equations (`0 = f \quad\iff\quad
    // \mu = \bar{x}`), which the connectives split, not the spacing around them.
    let connectives: Vec<usize> = connective_ranges(text)
        .into_iter()
        .map(|r| r.start)
        .collect();
    let is_equation = |range: Range<usize>| {
        let first = relations.partition_point(|(_, r)| r.start < range.start);
        let equation = relations
            .get(first)
            .is_some_and(|(kind, r)| *kind == RelationKind::Equals && r.start < range.end);
        let connective = connectives.partition_point(|&at| at < range.start);
        equation
            && connectives
                .get(connective)
                .is_none_or(|&at| at >= range.end)
    };
    let mut separators = Vec::new();
    let mut segment_start = 0;
    for (k, candidate) in candidates.iter().enumerate() {
        let next_end = candidates.get(k + 1).map_or(text.len(), |next| next.start);
        if is_equation(segment_start..candidate.start) && is_equation(candidate.end..next_end) {
            separators.push(candidate.clone());
            segment_start = candidate.end;
        }
    }
    separators
}

/// Where `text`'s connectives (`\iff`, `\Rightarrow`, …) outside brackets are.
fn connective_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut depth = 0usize;
    let mut at = 0;
    while at < text.len() {
        let (len, name) = scan_step(&text[at..], &mut depth);
        if depth == 0 && name.is_some_and(|n| super::ast::Connective::of_command(n).is_some()) {
            ranges.push(at..at + len);
        }
        at += len;
    }
    ranges
}

/// Where a row holding a chain of equations (`0 = f(\mu) \iff \mu = \bar{x}`) starts
/// each equation after the first: the offsets of its top-level connectives
/// (`\iff`, `\Rightarrow`, `\implies`, …) with an equation on both sides. Each then
/// starts a row of its own, as `\Rightarrow` at the start of a row already does;
/// a connective between formulas that are not both equations (`x > 0 \Rightarrow
/// a = b`) is no split, and the row is refused whole as before.
pub fn connective_splits(text: &str) -> Vec<usize> {
    let candidates = connective_ranges(text);
    let is_equation = |range: Range<usize>| is_equation(&text[range]);
    let mut splits = Vec::new();
    let mut segment_start = 0;
    for (k, candidate) in candidates.iter().enumerate() {
        let next_end = candidates.get(k + 1).map_or(text.len(), |next| next.start);
        // `\Rightarrow a = b \Rightarrow c = d`: the row's own leading connective
        // already starts it.
        let leading = k == 0
            && text[..candidate.start]
                .trim_matches(['&', ' ', '\t'])
                .is_empty();
        if leading && is_equation(candidate.end..next_end) {
            segment_start = candidate.end;
            continue;
        }
        if is_equation(segment_start..candidate.start) && is_equation(candidate.end..next_end) {
            splits.push(candidate.start);
            segment_start = candidate.end;
        } else {
            // One side is no equation: the row stays whole from here on.
            return splits;
        }
    }
    splits
}

/// The length of a separator between formulas at the start of `input`, if one is
/// there (see [`side_by_side_separators`]); else how much plain spacing was read.
fn separator_at(input: &str) -> Result<usize, usize> {
    let mut rest = input;
    let punctuation = rest.starts_with([',', ';', '，', '；']);
    if punctuation {
        rest = &rest[rest.chars().next().map_or(1, char::len_utf8)..];
    }
    let (mut wide, mut and) = (false, false);
    loop {
        let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '~');
        let Ok((after, name)) = command(trimmed) else {
            rest = trimmed;
            break;
        };
        match name {
            "quad" | "qquad" => wide = true,
            "hspace" => {
                wide = true;
                let after = after.strip_prefix('*').unwrap_or(after);
                match super::lexeme::braced(after.trim_start()) {
                    Some((_, past)) => {
                        rest = past;
                        continue;
                    }
                    None => return Err(0),
                }
            }
            "," | ";" | ":" | " " | "!" => {}
            _ if super::annotation::is_text_command(name) || name == "mathrm" => {
                match super::lexeme::braced(after.trim_start()) {
                    Some((word, past)) if word.trim() == "and" => {
                        and = true;
                        rest = past;
                        continue;
                    }
                    _ => {
                        rest = trimmed;
                        break;
                    }
                }
            }
            _ => {
                rest = trimmed;
                break;
            }
        }
        rest = after;
    }
    let len = input.len() - rest.len();
    if punctuation || wide || and {
        Ok(len)
    } else {
        Err(len)
    }
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

    fn separated(text: &str) -> Vec<&str> {
        side_by_side_separators(text)
            .into_iter()
            .map(|range| &text[range])
            .collect()
    }

    #[test]
    fn equations_side_by_side() {
        assert_eq!(separated(r"a = b, \quad c = d"), [r", \quad "]);
        assert_eq!(separated(r"a = b \qquad c = d"), [r" \qquad "]);
        assert_eq!(
            separated(r"a = b \quad\text{and}\quad c = d"),
            [r" \quad\text{and}\quad "]
        );
        assert_eq!(separated(r"a = b, c = d, e = f."), [", ", ", "]);
        assert_eq!(separated("a = b， c = d"), ["， "]);
        assert_eq!(separated(r"a = b;\; c = d"), [r";\; "]);
        assert_eq!(separated(r"a = b \hspace{2em} c = d"), [r" \hspace{2em} "]);
        // Not two equations: a list, a label, a condition, brackets.
        assert!(separated("x = 1, 2").is_empty());
        assert!(separated(r"&= b \qquad (3)").is_empty());
        assert!(separated(r"f(x) = x^2, \quad x > 0").is_empty());
        assert!(separated(r"f(a = b, c = d) = 1").is_empty());
        assert!(separated(r"\left( a = b, c = d \right)").is_empty());
        assert!(separated(r"a = b,").is_empty());
        // Spacing around a connective: a chain of equations, split at its connectives.
        assert!(separated(r"a = 0 \quad\iff\quad b = c").is_empty());
        assert!(separated(r"a = 0 \Leftrightarrow\quad b = c").is_empty());
        // A row of thousands of commas is read in linear time (this took 15 s).
        let commas = format!("{}y = 1", "x, ".repeat(20_000));
        assert!(separated(&commas).is_empty());
        // A long run of thin spaces is read once (this took quadratic time).
        let thin = format!("a = b {} c = d", r"\,".repeat(200_000));
        assert!(separated(&thin).is_empty());
    }

    #[test]
    fn normal_laws() {
        assert!(is_normal_law(r" \mathcal{N}(\mu_1, \sigma_1^2)"));
        assert!(is_normal_law("N(0, 1)."));
        assert!(is_normal_law(r"\mathcal{N}\left(\mu, \sigma^2\right)"));
        assert!(!is_normal_law(r"\mathcal{N}(\mu, \sigma^2) + 1"));
        assert!(!is_normal_law("N"));
        assert!(!is_normal_law("f(x, y)"));
    }

    #[test]
    fn positivity_conditions() {
        for text in [
            "a > 0",
            r"\sigma_1, \sigma_2 > 0",
            r"\sigma>0.",
            "a > 0,",
            "a > 0.\n",
            r"\sigma_1, \dots, \sigma_J > 0",
        ] {
            assert!(is_positivity_condition(text), "{text}");
        }
        for text in [
            "a > 1",
            "a > 0.5",
            r"a \ge 0",
            "2a > 0",
            "a + b > 0",
            "a > 0 b",
            "a",
            "",
        ] {
            assert!(!is_positivity_condition(text), "{text}");
        }
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
