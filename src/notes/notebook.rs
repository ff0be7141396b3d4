//! Jupyter notebooks: the Markdown cells, read as Markdown.
//!
//! A notebook is JSON; its Markdown cells' sources are joined into one Markdown text,
//! separated by blank lines so that no block runs from one cell into the next, and
//! each cell's start is remembered so that a diagnostic can name the cell and the line
//! in it. Code cells and outputs are never read.

use serde::Deserialize;

/// The Markdown of a notebook and where each cell starts in it (the checker hands
/// the starts to `SourceFile::cells`, which says positions by cell).
#[derive(Debug, Clone, PartialEq)]
pub struct NotebookText {
    /// The Markdown cells' sources, in order, separated by a blank line.
    pub markdown: String,
    /// For each Markdown cell: its 0-based index among all the notebook's cells, and
    /// the byte offset where its source starts in [`NotebookText::markdown`].
    pub cells: Vec<CellStart>,
}

/// Where one Markdown cell starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellStart {
    /// 0-based index of the cell in the notebook (code cells counted).
    pub index: usize,
    /// Byte offset of its first character in the joined Markdown.
    pub offset: usize,
}

#[derive(Deserialize)]
struct Notebook {
    cells: Vec<Cell>,
}

#[derive(Deserialize)]
struct Cell {
    cell_type: String,
    #[serde(default)]
    source: Source,
}

/// A cell's source: nbformat allows one string or a list of lines.
#[derive(Deserialize, Default)]
#[serde(untagged)]
enum Source {
    Lines(Vec<String>),
    Text(String),
    #[default]
    Missing,
}

/// The Markdown of the notebook `json`, or why it is not a notebook.
pub fn markdown_of(json: &str) -> Result<NotebookText, String> {
    let notebook: Notebook =
        serde_json::from_str(json).map_err(|e| format!("not a Jupyter notebook: {e}"))?;
    let mut markdown = String::new();
    let mut cells = Vec::new();
    for (index, cell) in notebook.cells.iter().enumerate() {
        if cell.cell_type != "markdown" {
            continue;
        }
        if !markdown.is_empty() {
            markdown.push_str("\n\n");
        }
        cells.push(CellStart {
            index,
            offset: markdown.len(),
        });
        match &cell.source {
            Source::Lines(lines) => lines.iter().for_each(|l| markdown.push_str(l)),
            Source::Text(text) => markdown.push_str(text),
            Source::Missing => {}
        }
    }
    Ok(NotebookText { markdown, cells })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_joined_code_cells_skipped() {
        let json = r##"{"cells": [
            {"cell_type": "markdown", "source": ["# KL\n", "$$a = a$$"]},
            {"cell_type": "code", "source": "x = 1", "outputs": []},
            {"cell_type": "markdown", "source": "$$b = b$$"}
        ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"##;
        let nb = markdown_of(json).unwrap();
        assert_eq!(nb.markdown, "# KL\n$$a = a$$\n\n$$b = b$$");
        assert_eq!(
            nb.cells,
            [
                CellStart {
                    index: 0,
                    offset: 0
                },
                CellStart {
                    index: 2,
                    offset: 16
                }
            ]
        );
        assert!(markdown_of("{").is_err());
    }
}
