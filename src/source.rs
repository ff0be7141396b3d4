//! Source text and positions: the file being checked, byte spans into it, and the
//! line/column index that turns a span into what a person reads (`file:line:col`).
//!
//! Every later stage refers to the source only through [`Span`]s, so a diagnostic can
//! always underline exactly the text the author wrote.

use std::ops::Range;
use std::path::PathBuf;

/// A file (or other named text) being checked.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Where the text came from, as the user named it; shown in diagnostics.
    pub path: PathBuf,
    /// The whole text.
    pub text: String,
    /// When the text is assembled from parts of the file — a notebook's Markdown
    /// cells, joined — where each part starts, so that a position can be said as the
    /// author finds it (cell 4, line 2). Empty for an ordinary file.
    pub cells: Vec<Cell>,
    /// For an assembled text (a notebook), the file as stored (its JSON): formats
    /// that point into the repository's file (GitHub annotations, SARIF, GitLab,
    /// JUnit) give its lines. `None` for an ordinary file.
    pub original: Option<String>,
}

/// Where one part of an assembled text starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// Its byte offset in [`SourceFile::text`].
    pub offset: usize,
    /// Its number in the file, 1-based, as Jupyter counts cells (code cells counted).
    pub number: usize,
}

/// A position as the author finds it: a line and column of the file, or of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The cell holding it, for a notebook.
    pub cell: Option<usize>,
    /// 1-based line, within the cell for a notebook.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

impl SourceFile {
    /// A source file from its path and text.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
            cells: Vec::new(),
            original: None,
        }
    }

    /// The cell holding byte `offset`: its byte range in the text and its number.
    pub fn cell_at(&self, offset: usize) -> Option<(Range<usize>, usize)> {
        let k = self.cells.iter().rposition(|c| c.offset <= offset)?;
        let end = self
            .cells
            .get(k + 1)
            .map_or(self.text.len(), |next| next.offset);
        Some((self.cells[k].offset.min(end)..end, self.cells[k].number))
    }

    /// Where byte `offset` is, as the author finds it (`index` indexes `self.text`).
    pub fn position(&self, index: &LineIndex, offset: usize) -> Position {
        let LineCol { line, col } = index.line_col(&self.text, offset);
        match self.cell_at(offset) {
            Some((range, number)) => {
                let first = index.line_col(&self.text, range.start).line;
                Position {
                    cell: Some(number),
                    line: line - first + 1,
                    col,
                }
            }
            None => Position {
                cell: None,
                line,
                col,
            },
        }
    }
}

/// A byte range `start..end` into a [`SourceFile`]'s text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Self { start, end }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The span as a range, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// A 1-based line and column, the column counted in characters (not bytes) so that
/// it matches what an editor shows for Greek letters and other non-ASCII text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

/// Maps byte offsets to lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Index the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { line_starts }
    }

    /// The line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line_idx = self.line_idx(offset);
        let line_start = self.line_starts[line_idx];
        let col = text[line_start..offset].chars().count() + 1;
        LineCol {
            line: line_idx + 1,
            col,
        }
    }

    /// The 0-based index of the line holding `offset`.
    pub fn line_idx(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// Byte range of the 0-based line `line_idx`, without its line end.
    pub fn line_range(&self, text: &str, line_idx: usize) -> Range<usize> {
        let start = self.line_starts[line_idx];
        let end = self
            .line_starts
            .get(line_idx + 1)
            .map_or(text.len(), |&next| next - 1);
        let end = if end > start && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        start..end
    }

    /// Number of lines.
    pub fn n_lines(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\nσ₁ = x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), LineCol { line: 2, col: 6 });
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, col: 1 });
    }

    #[test]
    fn positions_in_a_notebook_are_cell_and_line() {
        let mut file = SourceFile::new("nb.ipynb", "# one\n$$a$$\n\nx\ny = z");
        file.cells = vec![
            Cell {
                offset: 0,
                number: 1,
            },
            Cell {
                offset: 14,
                number: 3,
            },
        ];
        let index = LineIndex::new(&file.text);
        let at = |needle: &str| file.position(&index, file.text.find(needle).unwrap());
        assert_eq!(
            at("a"),
            Position {
                cell: Some(1),
                line: 2,
                col: 3
            }
        );
        assert_eq!(
            at("z"),
            Position {
                cell: Some(3),
                line: 2,
                col: 5
            }
        );
        let plain = SourceFile::new("a.md", "x\ny");
        let index = LineIndex::new(&plain.text);
        assert_eq!(plain.position(&index, 2).cell, None);
    }

    #[test]
    fn line_range_excludes_line_end() {
        let text = "one\r\ntwo\nthree";
        let index = LineIndex::new(text);
        assert_eq!(&text[index.line_range(text, 0)], "one");
        assert_eq!(&text[index.line_range(text, 1)], "two");
        assert_eq!(&text[index.line_range(text, 2)], "three");
        assert_eq!(index.n_lines(), 3);
    }
}
