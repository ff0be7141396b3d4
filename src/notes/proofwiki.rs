//! ProofWiki's equation templates, the way its proofs are written:
//!
//! ```text
//! {{begin-eqn}}
//! {{eqn | l = \expect X
//!       | r = \int_{-\infty}^\infty x \map {f_X} x \rd x
//!       | c = Definition of Expectation
//! }}
//! {{eqn | r = \mu
//! }}
//! {{end-eqn}}
//! ```
//!
//! Each `{{eqn …}}` is one row: its `l` field, its `o` field (the relation, `=` when
//! there is none: the `=` of `r =` is kept for it), and its `r` field. A row without
//! `l` continues the chain, as `&= …` does. The `c` field is the author's comment and
//! `n` a label; both are blanked, as are the template's own words. The fields are
//! split at `|` outside braces, as MediaWiki splits them.

use std::ops::Range;

/// One `{{eqn}}` row: the byte ranges of the text to keep, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TemplateRow {
    pub(super) pieces: Vec<Range<usize>>,
}

const BEGIN: &str = "{{begin-eqn}}";
const END: &str = "{{end-eqn}}";

/// Where every `{{end-eqn}}` of a text starts, found once: a text of many unclosed
/// `{{begin-eqn}}` must not be searched to its end from each of them.
pub(super) struct Ends(Vec<usize>);

impl Ends {
    pub(super) fn of(text: &str) -> Ends {
        Ends(text.match_indices(END).map(|(at, _)| at).collect())
    }

    /// The first end at or after `from`, before `limit`.
    fn next(&self, from: usize, limit: usize) -> Option<usize> {
        let k = self.0.partition_point(|&at| at < from);
        self.0.get(k).copied().filter(|&at| at + END.len() <= limit)
    }
}

/// Where a `{{begin-eqn}} … {{end-eqn}}` block starting at `at` ends, and its rows;
/// `None` when `text[at..limit]` does not start such a block or it is not closed.
pub(super) fn eqn_block(
    text: &str,
    at: usize,
    limit: usize,
    ends: &Ends,
) -> Option<(usize, Vec<TemplateRow>)> {
    if !text[at..limit].starts_with(BEGIN) {
        return None;
    }
    let body_start = at + BEGIN.len();
    let body_end = ends.next(body_start, limit)?;
    let mut rows = Vec::new();
    let mut i = body_start;
    while let Some(found) = text[i..body_end].find("{{eqn") {
        let start = i + found;
        let Some(end) = template_end(text, start, body_end) else {
            break;
        };
        if let Some(row) = eqn_row(text, start + "{{eqn".len(), end - "}}".len()) {
            rows.push(row);
        }
        i = end;
    }
    Some((body_end + END.len(), rows))
}

/// The end (past `}}`) of the template opened by `{{` at `start`, braces balanced.
fn template_end(text: &str, start: usize, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let bytes = text.as_bytes();
    let mut at = start;
    while at < limit {
        match bytes[at] {
            b'\\' => at += 1,
            b'{' => depth += 1,
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// The row of one template's inside (`text[from..to]`, after `{{eqn`).
fn eqn_row(text: &str, from: usize, to: usize) -> Option<TemplateRow> {
    let mut l = None;
    let mut o = None;
    let mut r = None;
    for field in fields(text, from, to) {
        let inside = &text[field.clone()];
        let Some(eq) = inside.find('=') else {
            continue;
        };
        let name = inside[..eq].trim();
        let value = trimmed(text, field.start + eq + 1..field.end);
        match name {
            "l" => l = Some(value),
            "o" => o = Some(value),
            "r" => r = Some((field.start + eq, value)),
            _ => {}
        }
    }
    let mut pieces = Vec::new();
    if let Some(l) = l.filter(|l| !l.is_empty()) {
        pieces.push(l);
    }
    match (o.filter(|o| !o.is_empty()), &r) {
        (Some(o), _) => pieces.push(o),
        (None, Some((equals, _))) => pieces.push(*equals..equals + 1),
        (None, None) => {}
    }
    if let Some((_, r)) = r.filter(|(_, r)| !r.is_empty()) {
        pieces.push(r);
    }
    (pieces.len() > 1).then_some(TemplateRow { pieces })
}

/// The fields of a template's inside: split at `|` outside braces, the first (the
/// template's name remainder, empty for `{{eqn`) dropped.
fn fields(text: &str, from: usize, to: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut fields = Vec::new();
    let mut depth = 0usize;
    let mut start = None;
    let mut at = from;
    while at < to {
        // `[[Page|text]]` is a wiki link: its `|` is not a field's.
        if text[at..to].starts_with("[[") || text[at..to].starts_with("]]") {
            depth = if bytes[at] == b'[' {
                depth + 1
            } else {
                depth.saturating_sub(1)
            };
            at += 2;
            continue;
        }
        match bytes[at] {
            b'\\' => at += 1,
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b'|' if depth == 0 => {
                if let Some(s) = start {
                    fields.push(s..at);
                }
                start = Some(at + 1);
            }
            _ => {}
        }
        at += 1;
    }
    if let Some(s) = start {
        fields.push(s..to.min(text.len()));
    }
    fields
}

/// `range` without the whitespace at either end.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let inside = &text[range.clone()];
    let start = range.start + (inside.len() - inside.trim_start().len());
    let end = range.end - (inside.len() - inside.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<String> {
        let (end, rows) = eqn_block(text, 0, text.len(), &Ends::of(text)).expect("a block");
        assert_eq!(end, text.len());
        rows.iter()
            .map(|row| {
                row.pieces
                    .iter()
                    .map(|p| &text[p.clone()])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn each_eqn_is_a_row_of_left_relation_right() {
        let block = "{{begin-eqn}}\n{{eqn | l = \\expect X\n      | r = \\int x \\map {f_X} x \\rd x\n      | c = Definition of {{Defof|Expectation}}\n}}\n{{eqn | r = \\mu\n}}\n{{eqn | o = \\le | r = 2}}\n{{eqn | n = 3 | l = a | o = = | r = b | c = [[Definition:Mean|mean]]}}\n{{end-eqn}}";
        assert_eq!(
            rows(block),
            [
                "\\expect X = \\int x \\map {f_X} x \\rd x",
                "= \\mu",
                "\\le 2",
                "a = b",
            ]
        );
    }

    #[test]
    fn not_a_block() {
        let none = |text: &str| eqn_block(text, 0, text.len(), &Ends::of(text)).is_none();
        assert!(none("{{eqn | l = a}}"));
        assert!(none("{{begin-eqn}} no end"));
    }

    #[test]
    fn many_unclosed_blocks_are_each_looked_at_once() {
        // Each `{{begin-eqn}}` searched to the end of the text took quadratic time.
        let text = "{{begin-eqn}}".repeat(150_000);
        let ends = Ends::of(&text);
        let opened = (0..text.len())
            .step_by(BEGIN.len())
            .filter(|&at| eqn_block(&text, at, text.len(), &ends).is_some())
            .count();
        assert_eq!(opened, 0);
    }
}
