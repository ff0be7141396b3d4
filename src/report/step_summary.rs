//! The Markdown written to `$GITHUB_STEP_SUMMARY` when it is set: the run's line, a
//! table of the files, and every problem (GitHub shows only ten annotations of a kind
//! per step; the summary has room for the rest).
//!
//! Text from the input (file names, messages quoting it) is escaped for Markdown
//! table cells, so it can neither end a cell nor become a link or HTML.

use std::fmt::Write as _;

use super::diagnostic::{self, Region, Severity};
use super::run::RunSummary;
use super::{ExitStatus, FileReport, Options, Tally};
use crate::source::LineIndex;

/// The most problems listed; the log has all of them.
pub const MAX_PROBLEMS: usize = 500;

/// What the summary has gathered so far.
#[derive(Debug, Default)]
pub struct StepSummary {
    files: Vec<(String, ExitStatus, Tally)>,
    problems: Vec<String>,
    n_problems: usize,
}

impl StepSummary {
    /// Add one file.
    pub fn file(&mut self, report: &FileReport, options: &Options) {
        let path = report.file.path.display().to_string();
        let status = report.status_under(options.strict);
        self.files.push((path.clone(), status, report.tally()));
        let index = LineIndex::new(&report.file.text);
        for d in diagnostic::of_file(report, options) {
            if d.severity == Severity::Note {
                continue;
            }
            self.n_problems += 1;
            if self.problems.len() >= MAX_PROBLEMS {
                continue;
            }
            let at = match d.span.map(|s| Region::stored(s, &index, &report.file)) {
                Some(r) => format!("{path}:{}:{}", r.line, r.column),
                None => path.clone(),
            };
            self.problems.push(format!(
                "| {} | {} `{}` | {} |",
                cell(&at),
                d.severity.name(),
                d.code.name(),
                cell(&d.full_message())
            ));
        }
    }

    /// The Markdown, ending with a blank line (summaries of later steps follow it).
    pub fn finish(&self, run: &RunSummary) -> String {
        let mut out = String::from("## verify\n\n");
        let _ = writeln!(out, "**{}**: {}\n", mark(run.status()), cell(&run.human()));
        if !self.files.is_empty() {
            out.push_str(
                "| file | status | verified | wrong | undecided | inconsistent | skipped |\n",
            );
            out.push_str("|---|---|--:|--:|--:|--:|--:|\n");
            for (path, status, t) in &self.files {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    cell(path),
                    mark(*status),
                    t.verified,
                    t.wrong,
                    t.undecided,
                    t.inconsistent,
                    t.skipped
                );
            }
            out.push('\n');
        }
        if !self.problems.is_empty() {
            out.push_str("### Problems\n\n| where | what | message |\n|---|---|---|\n");
            for row in &self.problems {
                let _ = writeln!(out, "{row}");
            }
            if self.n_problems > self.problems.len() {
                let _ = writeln!(
                    out,
                    "\n…and {} more, in the step's log.",
                    self.n_problems - self.problems.len()
                );
            }
            out.push('\n');
        }
        out
    }
}

fn mark(status: ExitStatus) -> &'static str {
    match status {
        ExitStatus::Verified => "✓ verified",
        ExitStatus::NothingChecked => "– nothing checked",
        ExitStatus::Failed => "✗ failed",
        ExitStatus::Error => "✗ error",
    }
}

/// Text for a Markdown table cell: on one line, with every character that Markdown
/// or HTML would read escaped.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::escape::human(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table_or_become_html() {
        // The line end is first shown as `\n` (as everywhere in the report), whose
        // backslash is then escaped so that Markdown shows it.
        assert_eq!(cell("a|b\n<img>[x](y)"), "a\\|b\\\\n&lt;img&gt;\\[x\\](y)");
    }
}
