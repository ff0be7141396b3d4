//! The ranges a file writes for each index of its sums and products, so that
//! `\sum_i x_i` (or `\sum_{i}`) in a note that writes `\sum_{i=1}^{n}` elsewhere reads
//! as that range: notes state the range once and then abbreviate it. Only one range
//! per index counts: when the file writes two (`\sum_{i=1}^{n}` and
//! `\sum_{i=0}^{m}`), an abbreviated sum over `i` has no single reading and is refused,
//! as is one whose range the file never writes.
//!
//! The table is built once per parsed text (every row's grammar shares the text), in
//! one pass over it: `\sum`/`\prod`, optional `\limits`, then `_{i = lower}` and
//! `^upper` in either order. Its entries are byte ranges into that text, so the bounds
//! are parsed where the author wrote them and their spans point there.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use crate::syntax::lexeme::{
    braced, command, command_named, name as raw_name, peek_token, skip_ws,
};

/// Where one written range's bounds are: the inside of `_{i = lower}` after the `=`,
/// and the `^` that starts the upper bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct WrittenRange {
    pub lower: Range<usize>,
    pub caret: usize,
    /// The bounds' text without spaces, to tell one range from another.
    written: (String, String),
}

/// What the file says of an index's range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum IndexRange {
    /// One range, written at least once.
    One(WrittenRange),
    /// Several different ranges, as written (`i=1..n`), in file order.
    Several(Vec<String>),
}

/// The ranges of one text, by index, with the text's address and length.
type Table = ((usize, usize), HashMap<String, IndexRange>);

thread_local! {
    /// The table of the text being parsed, keyed by its address and length (the
    /// parser thread parses one text at a time, row by row).
    static TABLE: RefCell<Option<Table>> = const { RefCell::new(None) };
}

/// Forgets the table: called as each parse starts, so that a text at the address and
/// length of an earlier one is never read with the earlier one's table.
pub(crate) fn forget() {
    TABLE.with(|table| table.borrow_mut().take());
}

/// The range `text` writes for the index written as `index` (its spelling, spaces
/// removed), if it writes any.
pub(super) fn range_of(text: &str, index: &str) -> Option<IndexRange> {
    let key = (text.as_ptr() as usize, text.len());
    TABLE.with(|table| {
        let mut table = table.borrow_mut();
        if table.as_ref().is_none_or(|(k, _)| *k != key) {
            *table = Some((key, written_ranges(text)));
        }
        table
            .as_ref()
            .and_then(|(_, ranges)| ranges.get(index).cloned())
    })
}

/// Every range written in `text`, by index.
fn written_ranges(text: &str) -> HashMap<String, IndexRange> {
    let mut ranges: HashMap<String, IndexRange> = HashMap::new();
    let mut at = 0;
    while let Some(found) = text[at..].find('\\') {
        let start = at + found;
        at = start + 1;
        let Ok((after, name)) = command(&text[start..]) else {
            continue;
        };
        if !matches!(name, "sum" | "prod") || in_comment(text, start) {
            continue;
        }
        let Some((index, range)) = range_after(text, after) else {
            continue;
        };
        match ranges.get_mut(&index) {
            None => {
                ranges.insert(index, IndexRange::One(range));
            }
            Some(IndexRange::One(first)) if first.written == range.written => {}
            Some(IndexRange::One(first)) => {
                let both = vec![shown(&index, first), shown(&index, &range)];
                ranges.insert(index, IndexRange::Several(both));
            }
            Some(IndexRange::Several(seen)) => {
                let this = shown(&index, &range);
                if !seen.contains(&this) {
                    seen.push(this);
                }
            }
        }
    }
    ranges
}

fn shown(index: &str, range: &WrittenRange) -> String {
    format!("{index}={}..{}", range.written.0, range.written.1)
}

/// In a derivation file, a `%` before `at` on its line makes it a comment (in notes,
/// comments are blank already).
fn in_comment(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let bytes = text.as_bytes();
    (line_start..at).any(|i| {
        let backslashes = bytes[line_start..i]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        bytes[i] == b'%' && backslashes % 2 == 0
    })
}

/// The index and range of the scripts after `\sum` at byte `from`, when both are
/// written: `_{i=1}^{n}`, `^{n}_{i=1}`, with `\limits` first.
fn range_after<'t>(text: &'t str, after_command: &'t str) -> Option<(String, WrittenRange)> {
    // Every slice here is of `text`: its offset is where it starts.
    let offset = |s: &str| s.as_ptr() as usize - text.as_ptr() as usize;
    let mut rest = skip_ws(after_command);
    rest = command_named(rest, "limits")
        .or_else(|| command_named(rest, "nolimits"))
        .map_or(rest, skip_ws);
    let (mut index_lower, mut upper) = (None, None);
    for _ in 0..2 {
        if let Some(script) = rest.strip_prefix('_') {
            let (inside, after) = braced(skip_ws(script))?;
            let (after_name, _) = raw_name(skip_ws(inside)).ok()?;
            let index_text = &inside[..inside.len() - after_name.len()];
            let lower = skip_ws(after_name).strip_prefix('=')?;
            index_lower = Some((
                compact(index_text),
                offset(lower)..offset(inside) + inside.len(),
            ));
            rest = skip_ws(after);
        } else if let Some(script) = rest.strip_prefix('^') {
            let caret = offset(rest);
            let script = skip_ws(script);
            let (written, after) = match braced(script) {
                Some((inside, after)) => (inside, after),
                None => {
                    let token = peek_token(script).text;
                    (token, &script[token.len()..])
                }
            };
            upper = Some((caret, compact(written)));
            rest = skip_ws(after);
        }
    }
    let ((index, lower), (caret, upper)) = (index_lower?, upper?);
    let written = (compact(&text[lower.clone()]), upper);
    Some((
        index,
        WrittenRange {
            lower,
            caret,
            written,
        },
    ))
}

fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(text: &str, index: &str) -> Option<(String, String)> {
        match range_of(text, index)? {
            IndexRange::One(range) => Some((
                text[range.lower].trim().to_string(),
                text[range.caret..].chars().take(4).collect(),
            )),
            IndexRange::Several(seen) => Some(("several".into(), seen.join(" "))),
        }
    }

    #[test]
    fn one_range_per_index_is_read_from_where_it_is_written() {
        let text = r"a = \sum_{i=1}^{n} x_i \\ b = \sum\limits^{m}_{j = 0} y_j \\ c = \sum_i x_i";
        assert_eq!(bounds(text, "i"), Some(("1".into(), "^{n}".into())));
        assert_eq!(bounds(text, "j"), Some(("0".into(), "^{m}".into())));
        assert_eq!(bounds(text, "k"), None);
        // The same range twice is one range; two different ones are several.
        let text = r"\sum_{i=1}^{n} x_i = \sum_{i = 1}^n y_i";
        assert!(matches!(range_of(text, "i"), Some(IndexRange::One(_))));
        let text = r"\sum_{i=1}^{n} x_i = \prod_{i=0}^{m} y_i";
        assert_eq!(
            bounds(text, "i"),
            Some(("several".into(), "i=1..n i=0..m".into()))
        );
        // A range in a comment is not the file's.
        assert_eq!(bounds("% \\sum_{i=1}^{n}\n\\sum_i x_i", "i"), None);
    }
}
