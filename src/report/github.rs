//! GitHub Actions annotations: one workflow command per diagnostic, which GitHub shows
//! inline on the pull request's diff (`::error file=…,line=…,col=…::message`).
//!
//! Wrong and inconsistent steps, unreadable lines and passed input limits are errors;
//! undecided steps are warnings, and so is a file in which nothing was checked;
//! skipped blocks of notes are notices (errors with `--strict`); verified steps print
//! nothing. Messages are one line, the diagnostic's with its notes and help
//! ([`Diagnostic::full_message`]), escaped as the workflow-command syntax requires
//! ([`super::escape::workflow_data`], [`super::escape::workflow_property`]).
//!
//! Two rules from GitHub's toolkit are kept: a span over several lines gets no `col`
//! and `endColumn` (they "should not be sent" then), and no more than [`CAP`]
//! annotations of one kind are sent per run, since GitHub shows only ten of a kind
//! per step: past nine, the rest are held, and at the end of the run one annotation
//! says how many more there are, while they are listed in the log as plain
//! `file:line:col: error[code]: message` lines (and in the job summary).

use std::fmt::Write as _;

use super::concise;
use super::diagnostic::{self, Diagnostic, Region, Severity};
use super::escape::{workflow_data as data, workflow_property as property};
use super::{FileReport, Options};
use crate::source::LineIndex;

/// The most annotations of one kind (error, warning, notice) a run sends.
pub const CAP: usize = 10;

/// Render one file's diagnostics as workflow commands, with no cap (a run caps them
/// across files with [`Annotator`]).
pub fn render(report: &FileReport, options: &Options) -> String {
    let mut annotator = Annotator::uncapped();
    annotator.file(report, options)
}

/// Annotations over a whole run, capped per kind.
#[derive(Debug)]
pub struct Annotator {
    cap: usize,
    /// Annotations sent, per kind (notice, warning, error).
    sent: [usize; 3],
    /// What was held back once a kind reached its cap, as plain log lines, per kind.
    held: [Vec<String>; 3],
    /// The held diagnostics themselves, in the order they came, for the log.
    held_lines: [Vec<String>; 3],
}

impl Default for Annotator {
    fn default() -> Self {
        Annotator {
            cap: CAP,
            sent: [0; 3],
            held: Default::default(),
            held_lines: Default::default(),
        }
    }
}

impl Annotator {
    fn uncapped() -> Annotator {
        Annotator {
            cap: usize::MAX,
            ..Annotator::default()
        }
    }

    /// One file's annotations; those past the cap of their kind are held for
    /// [`Annotator::end`].
    pub fn file(&mut self, report: &FileReport, options: &Options) -> String {
        let index = LineIndex::new(&report.file.text);
        let file = report.file.path.display().to_string();
        let mut out = String::new();
        for d in diagnostic::of_file(report, options) {
            let region = d.span.map(|s| Region::stored(s, &index, &report.file));
            let kind = d.severity as usize;
            // The last place under the cap is kept for the one that says how many
            // more there are, unless nothing more comes.
            if self.sent[kind] + 1 >= self.cap {
                self.held[kind].push(annotation(&file, region, &d));
                self.held_lines[kind].push(concise::line(&file, region, &d));
                continue;
            }
            self.sent[kind] += 1;
            out.push_str(&annotation(&file, region, &d));
        }
        out
    }

    /// What was held back: a single one is sent as it is; more are counted in one
    /// annotation and listed as plain lines in the log.
    pub fn end(&mut self) -> String {
        let mut out = String::new();
        for severity in [Severity::Error, Severity::Warning, Severity::Note] {
            let held = std::mem::take(&mut self.held[severity as usize]);
            let lines = std::mem::take(&mut self.held_lines[severity as usize]);
            match held.len() {
                0 => {}
                1 => out.push_str(&held[0]),
                n => {
                    let (level, noun) = match severity {
                        Severity::Error => ("error", "errors"),
                        Severity::Warning => ("warning", "warnings"),
                        Severity::Note => ("notice", "notices"),
                    };
                    let _ = writeln!(
                        out,
                        "::{level} title={}::{}",
                        property(&format!("verify: {n} more {noun}")),
                        data(&format!(
                            "{n} more {noun} are not annotated (GitHub shows {CAP} of a kind per step); they are listed in this step's log below and in the job summary"
                        ))
                    );
                    for line in lines {
                        out.push_str(&line);
                    }
                }
            }
        }
        out
    }
}

/// The workflow command for one diagnostic.
fn annotation(file: &str, region: Option<Region>, d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut properties = format!("file={}", property(file));
    if let Some(r) = region {
        let _ = write!(properties, ",line={}", r.line);
        if r.line == r.end_line {
            let _ = write!(properties, ",col={}", r.column);
        }
        let _ = write!(properties, ",endLine={}", r.end_line);
        if r.line == r.end_line {
            let _ = write!(properties, ",endColumn={}", r.end_column);
        }
    }
    let title = title(d);
    format!(
        "::{level} {properties},title={}::{}\n",
        property(&title),
        data(&d.full_message())
    )
}

/// The annotation's title: `verify: wrong step`, ….
fn title(d: &Diagnostic) -> String {
    use super::diagnostic::Code;
    let what = match (d.code, d.severity) {
        (Code::Syntax, _) => "syntax error",
        (Code::Name, _) => "name error",
        (Code::Limit, _) => "limit",
        (Code::WrongStep, _) => "wrong step",
        (Code::Undecided, _) => "undecided step",
        (Code::Inconsistent, _) => "inconsistent",
        (Code::NotADerivation, Severity::Error) => "not a derivation (--strict)",
        (Code::NotADerivation, _) => "skipped",
        (Code::Suppressed, _) => "turned off",
        (Code::NothingChecked, _) => "nothing checked",
    };
    format!("verify: {what}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Skipped;
    use crate::source::{SourceFile, Span};

    fn report(path: &str, text: &str, skipped: Vec<Skipped>) -> FileReport {
        FileReport {
            file: SourceFile::new(path, text),
            syntax_errors: Vec::new(),
            lower_errors: Vec::new(),
            limit_errors: Vec::new(),
            chains: Vec::new(),
            skipped,
            declared: Vec::new(),
            shared: None,
        }
    }

    fn skipped(span: Span) -> Skipped {
        Skipped {
            span,
            reason: "a single formula".into(),
            inline: false,
            suppressed: false,
        }
    }

    #[test]
    fn a_file_with_nothing_checked_is_a_warning_on_the_file() {
        assert_eq!(
            render(&report("notes/a,b.txt", "", Vec::new()), &Options::default()),
            "::warning file=notes/a%2Cb.txt,title=verify%3A nothing checked::nothing was checked: the file is empty\n"
        );
    }

    #[test]
    fn a_span_over_several_lines_has_no_columns() {
        let text = "$$\na = b\n$$\n\n$$ c $$\n";
        let one_line = text.find("$$ c").unwrap();
        let r = report(
            "n.md",
            text,
            vec![
                skipped(Span::new(0, 11)),
                skipped(Span::new(one_line, one_line + 6)),
            ],
        );
        let out = render(&r, &Options::default());
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines[0].starts_with("::notice file=n.md,line=1,endLine=3,title="),
            "{out}"
        );
        assert!(
            lines[1].starts_with("::notice file=n.md,line=5,col=1,endLine=5,endColumn=7,"),
            "{out}"
        );
    }

    #[test]
    fn a_run_sends_at_most_ten_of_a_kind_and_lists_the_rest() {
        let text = "$$ a $$\n".repeat(25);
        let blocks = |n: usize| {
            (0..n)
                .map(|i| skipped(Span::new(i * 8, i * 8 + 7)))
                .collect()
        };
        let mut annotator = Annotator::default();
        let mut out = annotator.file(&report("a.md", &text, blocks(12)), &Options::default());
        out += &annotator.file(&report("b.md", &text, blocks(3)), &Options::default());
        out += &annotator.end();
        let notices = out.lines().filter(|l| l.starts_with("::notice")).count();
        assert_eq!(notices, CAP, "{out}");
        assert!(
            out.contains(
                "::notice title=verify%3A 6 more notices::6 more notices are not annotated"
            ),
            "{out}"
        );
        let listed: Vec<&str> = out.lines().filter(|l| !l.starts_with("::")).collect();
        assert_eq!(listed.len(), 6, "{out}");
        assert_eq!(
            listed[0],
            "a.md:10:1: note[not-a-derivation]: skipped: a single formula"
        );
        assert!(listed[5].starts_with("b.md:3:1: note["), "{out}");
    }

    #[test]
    fn one_past_nine_is_sent_as_it_is() {
        let text = "$$ a $$\n".repeat(10);
        let blocks = (0..10)
            .map(|i| skipped(Span::new(i * 8, i * 8 + 7)))
            .collect();
        let mut annotator = Annotator::default();
        let mut out = annotator.file(&report("a.md", &text, blocks), &Options::default());
        out += &annotator.end();
        // Ten notices, all sent as they are (no "1 more" annotation), and the file's
        // own warning: nothing was checked in it.
        let notices: Vec<&str> = out.lines().filter(|l| l.starts_with("::notice")).collect();
        assert_eq!(notices.len(), 10, "{out}");
        assert!(
            notices
                .iter()
                .all(|l| l.starts_with("::notice file=a.md,line=")),
            "{out}"
        );
        assert_eq!(out.lines().count(), 11, "{out}");
    }
}
