//! One line per diagnostic, `file:line:col: severity[code]: message`, the shape
//! compilers print and editors' problem matchers read (`--format concise`).
//!
//! The message is the diagnostic's with its notes and help on the same line, so a
//! wrong step carries its witness. A diagnostic on a whole file (nothing checked) is
//! placed at `1:1`, so every line has the same shape. File names and messages are
//! escaped as in the human report: no control character reaches the terminal.

use super::diagnostic::{self, Diagnostic, Region};
use super::{escape, FileReport, Options};
use crate::source::LineIndex;

/// Render a file's diagnostics, one line each.
pub fn render(report: &FileReport, options: &Options) -> String {
    let index = LineIndex::new(&report.file.text);
    let file = report.file.path.display().to_string();
    diagnostic::of_file(report, options)
        .iter()
        .map(|d| {
            let region = d.span.map(|s| Region::of(s, &index, &report.file.text));
            // In a notebook, `file:cell 4:2:5:` as ruff says it: a line of the cell.
            let cell = d.span.map(|s| report.file.position(&index, s.start));
            match cell {
                Some(crate::source::Position {
                    cell: Some(cell),
                    line: at,
                    col,
                }) => {
                    let region = Region {
                        line: at,
                        column: col,
                        end_line: at,
                        end_column: col,
                    };
                    line(&format!("{file}:cell {cell}"), Some(region), d)
                }
                _ => line(&file, region, d),
            }
        })
        .collect()
}

/// `file:line:col: severity[code]: message`, with a line end.
pub fn line(file: &str, region: Option<Region>, d: &Diagnostic) -> String {
    let (line, column) = region.map_or((1, 1), |r| (r.line, r.column));
    format!(
        "{}:{line}:{column}: {}[{}]: {}\n",
        escape::human(file),
        d.severity.name(),
        d.code.name(),
        escape::human(&d.full_message())
    )
}
