//! Positions as LSP counts them: 0-based lines and UTF-16 code units (the protocol's
//! default and the only encoding every client supports), from the byte spans of a
//! report.
//!
//! A notebook is checked as its Markdown cells joined, so its spans point into that
//! text, not into the `.ipynb` JSON an editor holds. [`Mapper::Notebook`] finds each
//! line of a cell in the JSON (as the JSON string it is written as, searched from the
//! cell's `"cell_type"` on) and counts columns in its escaped form.

use lsp_types::{Position, Range};

use crate::source::{LineIndex, SourceFile, Span};

/// From a report's spans to the positions of the text the editor holds.
pub enum Mapper<'a> {
    /// The report's text is the editor's.
    Plain {
        /// The text.
        text: &'a str,
        /// Its lines.
        index: LineIndex,
    },
    /// A notebook: the report's text is the joined Markdown of `json`'s cells.
    Notebook {
        /// The joined Markdown, and the notebook's cells within it.
        file: &'a SourceFile,
        /// Its lines.
        index: LineIndex,
        /// The notebook as the editor holds it.
        json: &'a str,
        /// The lines of `json`.
        json_index: LineIndex,
    },
}

impl<'a> Mapper<'a> {
    /// The mapper for a report of `file`; `editor_text` is what the editor holds.
    pub fn new(file: &'a SourceFile, editor_text: &'a str) -> Mapper<'a> {
        if file.cells.is_empty() || file.text == editor_text {
            Mapper::Plain {
                text: &file.text,
                index: LineIndex::new(&file.text),
            }
        } else {
            Mapper::Notebook {
                file,
                index: LineIndex::new(&file.text),
                json: editor_text,
                json_index: LineIndex::new(editor_text),
            }
        }
    }

    /// The range of `span`.
    pub fn range(&self, span: Span) -> Range {
        Range {
            start: self.position(span.start),
            end: self.position(span.end.max(span.start)),
        }
    }

    /// The position of the byte `offset` of the report's text.
    pub fn position(&self, offset: usize) -> Position {
        match self {
            Mapper::Plain { text, index } => utf16(text, index, offset),
            Mapper::Notebook {
                file,
                index,
                json,
                json_index,
            } => notebook(file, index, json, json_index, offset).unwrap_or(Position::new(0, 0)),
        }
    }

    /// Whether `text` needs escaping as JSON where it is written (in a notebook).
    pub fn is_notebook(&self) -> bool {
        matches!(self, Mapper::Notebook { .. })
    }
}

/// Line and UTF-16 column of `offset` in `text`.
pub fn utf16(text: &str, index: &LineIndex, offset: usize) -> Position {
    let offset = floor_char(text, offset.min(text.len()));
    let line = index.line_col(text, offset).line - 1;
    let start = line_start(text, offset);
    let column: usize = text[start..offset].chars().map(char::len_utf16).sum();
    Position::new(line as u32, column as u32)
}

fn floor_char(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The JSON position of the Markdown `offset` in a notebook.
fn notebook(
    file: &SourceFile,
    index: &LineIndex,
    json: &str,
    json_index: &LineIndex,
    offset: usize,
) -> Option<Position> {
    let text = file.text.as_str();
    let offset = floor_char(text, offset.min(text.len()));
    let (range, number) = file.cell_at(offset)?;
    let _ = index;
    // The cell's place in the JSON: after its `"cell_type"`, counted from the start.
    let cell_start = json
        .match_indices("\"cell_type\"")
        .nth(number.checked_sub(1)?)
        .map(|(i, _)| i)?;
    let start = line_start(text, offset).max(range.start);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[start..line_end];
    let escaped = |s: &str| {
        let quoted = serde_json::to_string(s).unwrap_or_default();
        quoted[1..quoted.len().saturating_sub(1).max(1)].to_string()
    };
    let at = cell_start + json[cell_start..].find(&escaped(line))?;
    let prefix = escaped(&text[start..offset]);
    let mut position = utf16(json, json_index, at);
    position.character += prefix.encode_utf16().count() as u32;
    Some(position)
}

/// Whether `position` lies in `range` (ends included, so a cursor just after a step
/// is still on it).
pub fn contains(range: &Range, position: Position) -> bool {
    let key = |p: &Position| (p.line, p.character);
    key(&range.start) <= key(&position) && key(&position) <= key(&range.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_code_units() {
        let text = "x\nBy 😀 and σ, $$a + a = 3a$$\n";
        let index = LineIndex::new(text);
        let offset = text.find("3a").unwrap();
        // 22 characters before it on its line, 26 bytes, 23 UTF-16 code units.
        assert_eq!(utf16(text, &index, offset), Position::new(1, 23));
        assert_eq!(utf16(text, &index, 0), Position::new(0, 0));
        assert_eq!(utf16(text, &index, text.len()), Position::new(2, 0));
    }

    #[test]
    fn a_notebook_position_is_in_its_json() {
        let json = r#"{"cells": [
  {"cell_type": "code", "source": ["x = 1"]},
  {"cell_type": "markdown", "source": ["Say \"σ\":\n", "$$a + a = 3a$$"]}
 ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"#;
        let notebook = crate::notes::notebook::markdown_of(json).unwrap();
        let mut file = SourceFile::new("n.ipynb", notebook.markdown);
        file.cells = notebook
            .cells
            .iter()
            .map(|c| crate::source::Cell {
                offset: c.offset,
                number: c.index + 1,
            })
            .collect();
        let mapper = Mapper::new(&file, json);
        assert!(mapper.is_notebook());
        let offset = file.text.find("3a").unwrap();
        let p = mapper.position(offset);
        let line = json.lines().nth(p.line as usize).unwrap();
        let column: String = line
            .encode_utf16()
            .skip(p.character as usize)
            .take(2)
            .map(|u| u as u8 as char)
            .collect();
        assert_eq!(column, "3a", "{p:?} in {line}");
    }
}
