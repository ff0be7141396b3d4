//! One block of mathematics into rows: what a reader sees as the lines of a derivation.
//!
//! Inside a block, environment markers (`\begin{aligned}`, `\end{align*}`, an
//! `alignat`'s column count), `\label{…}`, `\nonumber`, `\notag` and `%` comments are
//! layout: they are blanked. Every top-level `\\` (with its `*` and `[4pt]`),
//! `\intertext{…}` and `\cr` ends a row. A row that continues the expression above it
//! is joined to it, because that is how it reads: a row starting with an operator
//! (`&\quad + \mu^2`), a row after one ending with an operator or `=`, a row with no
//! relation of its own after the first row of the block (`&= \frac{1}{2} \\ & \left(a +
//! b\right)`), and rows split inside `\left( … \right. \\ \left. … \right)`. A row
//! holding equations side by side (`a = b, \quad c = d`) is split into one row each.
//!
//! Row ranges are byte ranges of the notes; nothing moves.

use std::ops::Range;

use crate::syntax::scan;
pub(crate) use crate::syntax::scan::starts_with_equals;
use crate::syntax::skip_ws;

/// Environments nested in display math whose markers are layout (`aligned` inside
/// `$$…$$`). The outer display environments (`super::DISPLAY_ENVIRONMENTS`) are
/// layout too, for `$$\begin{align*} … \end{align*}$$` in Markdown.
const NESTED_LAYOUT_ENVIRONMENTS: &[&str] = &[
    "aligned",
    "alignedat",
    "split",
    "gathered",
    "multlined",
    "math",
];

/// Whether the markers of environment `env` are layout inside display math.
fn is_layout_environment(env: &str) -> bool {
    NESTED_LAYOUT_ENVIRONMENTS.contains(&env) || super::DISPLAY_ENVIRONMENTS.contains(&env)
}

/// Environments inside which `\\` separates something other than rows of a
/// derivation (cases, matrices): their `\\` do not end rows.
const NESTED_ROW_ENVIRONMENTS: &[&str] = &[
    "cases",
    "dcases",
    "array",
    "matrix",
    "pmatrix",
    "bmatrix",
    "Bmatrix",
    "vmatrix",
    "Vmatrix",
    "smallmatrix",
    "subarray",
    "substack",
];

/// Commands that are layout with one braced argument that is layout too.
const LAYOUT_WITH_ARGUMENT: &[&str] = &["label", "vspace", "vspace*", "hspace", "hspace*"];

/// Commands that are layout on their own.
const LAYOUT_COMMANDS: &[&str] = &[
    "nonumber",
    "notag",
    "displaybreak",
    "allowbreak",
    // The end-of-proof mark amsthm puts on the last row.
    "qedhere",
];

/// Splits the block `body` of `text` into rows, blanking layout in `bytes` (the
/// derivation text being built, where `body` is already kept).
pub(super) fn rows(text: &str, body: Range<usize>, bytes: &mut [u8]) -> Vec<Range<usize>> {
    let mut rows = Vec::new();
    let mut row_start = body.start;
    let mut depth = 0usize;
    let mut nested = 0usize;
    let mut at = body.start;
    let blank = |bytes: &mut [u8], range: Range<usize>| {
        for b in &mut bytes[range] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    };
    while at < body.end {
        let rest = &text[at..body.end];
        let c = rest.as_bytes()[0];
        match c {
            b'%' => {
                let end = rest.find('\n').map_or(body.end, |n| at + n);
                blank(bytes, at..end);
                at = end;
                continue;
            }
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b'\\' => {
                if let Some(after) = rest.strip_prefix("\\\\") {
                    let end = at + 2 + row_break_tail(after);
                    if depth == 0 && nested == 0 {
                        blank(bytes, at..end);
                        rows.push(row_start..at);
                        row_start = end;
                    }
                    at = end;
                    continue;
                }
                let name_len = rest[1..]
                    .bytes()
                    .take_while(u8::is_ascii_alphabetic)
                    .count();
                let name = &rest[1..1 + name_len];
                let after = at + 1 + name_len;
                match name {
                    "begin" | "end" => {
                        if let Some((env, end)) = environment_marker(text, after, body.end) {
                            if is_layout_environment(env) {
                                let end = if env.starts_with("align") && name == "begin" {
                                    skip_braced_argument(text, end, body.end)
                                } else {
                                    end
                                };
                                blank(bytes, at..end);
                                at = end;
                                continue;
                            }
                            if NESTED_ROW_ENVIRONMENTS.contains(&env) {
                                if name == "begin" {
                                    nested += 1;
                                } else {
                                    nested = nested.saturating_sub(1);
                                }
                            }
                            at = end;
                            continue;
                        }
                    }
                    "intertext" | "shortintertext" if depth == 0 && nested == 0 => {
                        let end = skip_braced_argument(text, after, body.end);
                        blank(bytes, at..end);
                        rows.push(row_start..at);
                        row_start = end;
                        at = end;
                        continue;
                    }
                    "cr" if depth == 0 && nested == 0 => {
                        blank(bytes, at..after);
                        rows.push(row_start..at);
                        row_start = after;
                        at = after;
                        continue;
                    }
                    _ if LAYOUT_WITH_ARGUMENT.contains(&name) => {
                        let end = skip_braced_argument(text, after, body.end);
                        blank(bytes, at..end);
                        at = end;
                        continue;
                    }
                    _ if LAYOUT_COMMANDS.contains(&name) => {
                        blank(bytes, at..after);
                        at = after;
                        continue;
                    }
                    _ => {}
                }
                // `\{`, `\%` and other one-character commands are skipped whole.
                at = if name_len == 0 {
                    at + 1 + rest[1..].chars().next().map_or(0, char::len_utf8)
                } else {
                    after
                };
                continue;
            }
            _ => {}
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    rows.push(row_start..body.end);
    let text_of = |bytes: &[u8], range: &Range<usize>| {
        String::from_utf8_lossy(&bytes[range.clone()]).into_owned()
    };
    let rows: Vec<Range<usize>> = rows
        .into_iter()
        .filter(|row| !skip_ws(&text_of(bytes, row)).is_empty())
        .collect();
    let rows = join_continued_rows(rows, bytes);
    split_at_connectives(split_side_by_side(rows, bytes), bytes)
}

/// Rows holding a chain of equations (`0 = f \iff \mu = \bar{x}`) split before each
/// connective, which then starts its row as in an `aligned` block written one
/// equation a row.
fn split_at_connectives(rows: Vec<Range<usize>>, bytes: &[u8]) -> Vec<Range<usize>> {
    let mut split = Vec::with_capacity(rows.len());
    for row in rows {
        let splits = match std::str::from_utf8(&bytes[row.clone()]) {
            Ok(text) => scan::connective_splits(text),
            Err(_) => Vec::new(),
        };
        let mut start = row.start;
        for at in splits {
            split.push(start..row.start + at);
            start = row.start + at;
        }
        split.push(start..row.end);
    }
    split
}

/// Rows holding several equations side by side (`a = b, \quad c = d`) split into one
/// row per equation, the separators blanked: each is a claim of its own.
fn split_side_by_side(rows: Vec<Range<usize>>, bytes: &mut [u8]) -> Vec<Range<usize>> {
    let mut split = Vec::with_capacity(rows.len());
    for row in rows {
        let separators = match std::str::from_utf8(&bytes[row.clone()]) {
            Ok(text) => scan::side_by_side_separators(text),
            Err(_) => Vec::new(),
        };
        let mut start = row.start;
        for separator in separators {
            let (from, to) = (row.start + separator.start, row.start + separator.end);
            for b in &mut bytes[from..to] {
                if *b != b'\n' && *b != b'\r' {
                    *b = b' ';
                }
            }
            split.push(start..from);
            start = to;
        }
        split.push(start..row.end);
    }
    split
}

/// The length of what follows a `\\` as part of the row break: `*` and `[4pt]`.
fn row_break_tail(after: &str) -> usize {
    let mut len = 0;
    let trimmed = after.trim_start_matches([' ', '\t']);
    let mut rest = trimmed;
    if let Some(r) = rest.strip_prefix('*') {
        rest = r;
    }
    let r = rest.trim_start_matches([' ', '\t']);
    if let Some(inside) = r.strip_prefix('[') {
        if let Some(close) = inside.find(']') {
            if !inside[..close].contains('\n') {
                rest = &inside[close + 1..];
            }
        }
    }
    if rest.len() < trimmed.len() {
        len = after.len() - rest.len();
    }
    len
}

/// `{name}` after `\begin` / `\end` at `at`: the name and where the marker ends.
fn environment_marker(text: &str, at: usize, end: usize) -> Option<(&str, usize)> {
    let rest = &text[at..end];
    let inside = rest.strip_prefix('{')?;
    let close = inside.find('}')?;
    Some((&inside[..close], at + 1 + close + 1))
}

/// Past one `{…}` argument at `at` (after spaces), or `at` if there is none.
fn skip_braced_argument(text: &str, at: usize, end: usize) -> usize {
    let rest = &text[at..end];
    let trimmed = rest.trim_start();
    match crate::syntax::braced(trimmed) {
        Some((_, after)) => end - after.len(),
        None => at,
    }
}

/// Rows that continue the expression above them, joined to it (see the module doc).
fn join_continued_rows(rows: Vec<Range<usize>>, bytes: &mut [u8]) -> Vec<Range<usize>> {
    let mut joined: Vec<Range<usize>> = Vec::new();
    for row in rows {
        let Some(previous) = joined.last_mut() else {
            joined.push(row);
            continue;
        };
        let prev_text = String::from_utf8_lossy(&bytes[previous.clone()]).into_owned();
        let this_text = String::from_utf8_lossy(&bytes[row.clone()]).into_owned();
        let bracket_split = prev_text.trim_end().ends_with("\\right.")
            && skip_ws(&this_text).starts_with("\\left.");
        let continues = bracket_split
            || starts_with_operator(&this_text)
            || ends_with_operator(&prev_text)
            || scan::first_top_level_relation(&this_text).is_none();
        if !continues {
            joined.push(row);
            continue;
        }
        if bracket_split {
            blank_suffix(bytes, previous, "\\right.");
            blank_prefix(bytes, &row, "\\left.");
        }
        previous.end = row.end;
    }
    joined
}

/// Whether a row starts with a binary operator, so it continues the one above.
fn starts_with_operator(row: &str) -> bool {
    let start = skip_ws(row);
    start.starts_with(['+', '-', '*', '/'])
        || ["\\cdot", "\\times", "\\pm", "\\mp"]
            .iter()
            .any(|op| start.starts_with(op) && !start[op.len()..].starts_with(char::is_alphabetic))
}

/// Whether a row ends with a binary operator or a relation, so the next one continues it.
fn ends_with_operator(row: &str) -> bool {
    let end = row.trim_end();
    end.ends_with(['+', '-', '*', '/', '='])
        || ["\\cdot", "\\times"].iter().any(|op| end.ends_with(op))
}

fn blank_suffix(bytes: &mut [u8], range: &Range<usize>, suffix: &str) {
    let text = String::from_utf8_lossy(&bytes[range.clone()]).into_owned();
    let trimmed = text.trim_end();
    let start = range.start + trimmed.len() - suffix.len();
    for b in &mut bytes[start..start + suffix.len()] {
        *b = b' ';
    }
}

fn blank_prefix(bytes: &mut [u8], range: &Range<usize>, prefix: &str) {
    let text = String::from_utf8_lossy(&bytes[range.clone()]).into_owned();
    let start = range.start + text.find(prefix).unwrap_or(0);
    for b in &mut bytes[start..start + prefix.len()] {
        *b = b' ';
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of `block` as the parser will see them, trimmed.
    fn rows_of(block: &str) -> Vec<String> {
        let mut bytes = block.as_bytes().to_vec();
        let rows = rows(block, 0..block.len(), &mut bytes);
        let text = String::from_utf8(bytes).unwrap();
        rows.iter()
            .map(|r| {
                text[r.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn rows_end_at_row_breaks_and_layout_is_blank() {
        insta::assert_debug_snapshot!(rows_of(r"\begin{aligned} a &= b \label{x} \\[4pt] &= c \nonumber \\* &= d % why
\end{aligned}"), @r#"
        [
            "a &= b",
            "&= c",
            "&= d",
        ]
        "#);
        insta::assert_debug_snapshot!(rows_of(r"\begin{alignat*}{2} a &=& b \\ &=& c \end{alignat*}"), @r#"
        [
            "a &=& b",
            "&=& c",
        ]
        "#);
        insta::assert_debug_snapshot!(rows_of(r"a = b \intertext{and so} c = d"), @r#"
        [
            "a = b",
            "c = d",
        ]
        "#);
    }

    #[test]
    fn rows_that_continue_an_expression_are_joined() {
        insta::assert_debug_snapshot!(rows_of(r"a &= b \\ &\quad + c \\ &= d -\\ e \\ & \cdot f \\ &= g"), @r#"
        [
            "a &= b &\\quad + c",
            "&= d - e & \\cdot f",
            "&= g",
        ]
        "#);
        insta::assert_debug_snapshot!(rows_of(r"a &= \frac{1}{2} \\ & \left(b + c\right) \\ &= d"), @r#"
        [
            "a &= \\frac{1}{2} & \\left(b + c\\right)",
            "&= d",
        ]
        "#);
        insta::assert_debug_snapshot!(rows_of(r"a &= \left( b \right. \\ & \left. + c \right) \\ &= d"), @r#"
        [
            "a &= \\left( b & + c \\right)",
            "&= d",
        ]
        "#);
    }

    #[test]
    fn separate_equations_stay_separate_and_nested_rows_stay_whole() {
        insta::assert_debug_snapshot!(rows_of(r"f(x) &= x^2 \\ g(x) &= 2x"), @r#"
        [
            "f(x) &= x^2",
            "g(x) &= 2x",
        ]
        "#);
        insta::assert_debug_snapshot!(rows_of(r"f(x) = \begin{cases} 1 \\ 0 \end{cases}"), @r#"
        [
            "f(x) = \\begin{cases} 1 \\\\ 0 \\end{cases}",
        ]
        "#);
    }

    #[test]
    fn equations_side_by_side_are_rows_of_their_own() {
        insta::assert_debug_snapshot!(rows_of(r"\langle x^4 \rangle = 3\sigma^4, \qquad \langle x^2 \rangle = \sigma^2,"), @r#"
        [
            "\\langle x^4 \\rangle = 3\\sigma^4",
            "\\langle x^2 \\rangle = \\sigma^2,",
        ]
        "#);
        insta::assert_debug_snapshot!(rows_of(r"a &= b \quad\text{and}\quad c = d \\ &= e \qquad (3)"), @r#"
        [
            "a &= b",
            "c = d",
            "&= e \\qquad (3)",
        ]
        "#);
    }

    #[test]
    fn a_chain_of_equations_in_one_row_is_a_row_per_equation() {
        insta::assert_debug_snapshot!(rows_of(r"0 = \frac{1}{\sigma^2}(s - n\mu) \iff \mu = \frac{s}{n} \Rightarrow \hat\mu = \bar{x}"), @r#"
        [
            "0 = \\frac{1}{\\sigma^2}(s - n\\mu)",
            "\\iff \\mu = \\frac{s}{n}",
            "\\Rightarrow \\hat\\mu = \\bar{x}",
        ]
        "#);
        // A row that opens with its connective (the display continues one before it).
        insta::assert_debug_snapshot!(rows_of(r"\Rightarrow \sum_i x_i = n\mu \Rightarrow \hat{\mu} = \bar{x}"), @r#"
        [
            "\\Rightarrow \\sum_i x_i = n\\mu",
            "\\Rightarrow \\hat{\\mu} = \\bar{x}",
        ]
        "#);
        // A connective with no equation on one side, or inside a bracket, is no split.
        insta::assert_debug_snapshot!(rows_of(r"x > 0 \Rightarrow a = b"), @r#"
        [
            "x > 0 \\Rightarrow a = b",
        ]
        "#);
        insta::assert_debug_snapshot!(rows_of(r"a = b \implies c"), @r#"
        [
            "a = b \\implies c",
        ]
        "#);
        insta::assert_debug_snapshot!(rows_of(r"a = \left( b \iff c = d \right)"), @r#"
        [
            "a = \\left( b \\iff c = d \\right)",
        ]
        "#);
    }
}
