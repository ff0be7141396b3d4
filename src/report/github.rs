//! GitHub Actions annotations: one workflow command per problem, which GitHub shows
//! inline on the pull request's diff (`::error file=…,line=…,col=…::message`).
//!
//! Wrong and inconsistent steps, unreadable lines and passed input limits are errors;
//! undecided steps are warnings, and so is a file in which nothing was checked;
//! skipped blocks of notes are notices (errors with `--strict`); verified steps print
//! nothing. Messages are one line, with the witness or reason appended, escaped as
//! the workflow-command syntax requires ([`super::escape::workflow_data`],
//! [`super::escape::workflow_property`]).

use std::fmt::Write as _;

use super::escape::{workflow_data as data, workflow_property as property};
use super::{witness, ExitStatus, FileReport, Options, Verdict};
use crate::print;
use crate::source::{LineIndex, Span};

/// Render a file's problems as workflow commands.
pub fn render(report: &FileReport, options: &Options) -> String {
    let index = LineIndex::new(&report.file.text);
    let file = report.file.path.display().to_string();
    let mut out = String::new();
    let mut annotate = |level: &str, span: Span, title: &str, message: &str| {
        let start = index.line_col(&report.file.text, span.start);
        let end = index.line_col(&report.file.text, span.end);
        let _ = writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&file),
            start.line,
            start.col,
            end.line,
            end.col,
            property(title),
            data(message)
        );
    };
    for e in &report.syntax_errors {
        annotate("error", e.span, "verify: syntax error", &e.message());
    }
    for e in &report.lower_errors {
        annotate("error", e.span, "verify: name error", &e.message());
    }
    for e in &report.limit_errors {
        let message = format!("{}; {}", e.message, e.help);
        annotate("error", e.span, "verify: limit", &message);
    }
    for skipped in &report.skipped {
        let (level, title) = match options.strict {
            true => ("error", "verify: not a derivation (--strict)"),
            false => ("notice", "verify: skipped"),
        };
        annotate(
            level,
            skipped.span,
            title,
            &format!("skipped: {}", skipped.reason),
        );
    }
    for chain in &report.chains {
        for step in &chain.steps {
            let Some(v) = &step.verdict else { continue };
            let (number, against) = (step.number, v.against);
            match &v.verdict {
                Verdict::Verified { .. } => {}
                Verdict::Wrong {
                    point,
                    lhs,
                    rhs,
                    difference,
                    hint,
                } => {
                    let mut message = format!(
                        "step {number} does not follow from step {against}: {}",
                        witness(point, *lhs, *rhs, against, number)
                    );
                    if let Some(d) = difference {
                        let _ = write!(message, "; difference {}", print::unicode(d));
                    }
                    if let Some(hint) = hint {
                        let _ = write!(message, "; {hint}");
                    }
                    annotate("error", step.span, "verify: wrong step", &message);
                }
                Verdict::Undecided { reason } => {
                    let message = format!("step {number} could not be decided: {reason}");
                    annotate("warning", step.span, "verify: undecided step", &message);
                }
                Verdict::Inconsistent { detail } => {
                    let message = format!(
                        "step {number}: the engine and the numeric cross-check disagree ({detail}); this is a bug in verify"
                    );
                    annotate("error", step.span, "verify: inconsistent", &message);
                }
            }
        }
    }
    if report.status_under(options.strict) == ExitStatus::NothingChecked {
        let why = report.nothing_checked().unwrap_or_default();
        let _ = writeln!(
            out,
            "::warning file={},title={}::{}",
            property(&file),
            property("verify: nothing checked"),
            data(&format!("nothing was checked: {why}"))
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn a_file_with_nothing_checked_is_a_warning_on_the_file() {
        let report = FileReport {
            file: SourceFile::new("notes/a,b.txt", ""),
            syntax_errors: Vec::new(),
            lower_errors: Vec::new(),
            limit_errors: Vec::new(),
            chains: Vec::new(),
            skipped: Vec::new(),
            declared: Vec::new(),
        };
        assert_eq!(
            render(&report, &Options::default()),
            "::warning file=notes/a%2Cb.txt,title=verify%3A nothing checked::nothing was checked: the file is empty\n"
        );
    }
}
