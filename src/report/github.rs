//! GitHub Actions annotations: one workflow command per problem, which GitHub shows
//! inline on the pull request's diff (`::error file=…,line=…,col=…::message`).
//!
//! Wrong and inconsistent steps and unreadable lines are errors; undecided steps are
//! warnings; skipped blocks of notes are notices (errors with `--strict`); verified
//! steps print nothing. Messages are one line, with the witness or
//! reason appended, escaped as the workflow-command syntax requires.

use std::fmt::Write as _;

use super::{witness, FileReport, Options, Verdict};
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
    out
}

/// Escape a message: `%`, CR and LF.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value: as [`data`], plus `:` and `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_workflow_command_rules() {
        assert_eq!(data("50% of\na"), "50%25 of%0Aa");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
