//! The one diagnostic model every renderer formats: a [`FileReport`] becomes a list of
//! [`Diagnostic`]s — severity, a stable [`Code`], a one-line message, where, notes and
//! help — so the human report, the one-line `concise` format, GitHub annotations,
//! SARIF, JUnit and GitLab Code Quality all say the same words about the same things.
//!
//! Only the wording lives here; how it is laid out (underlined source, a workflow
//! command, a SARIF result) is each renderer's. Codes are stable: a CI configuration
//! or a SARIF consumer may match on them, so one is only ever added, never renamed.

use super::{witness, FileReport, Options, StepReport, Verdict};
use crate::print;
use crate::source::{LineIndex, Span};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something was set aside and said so (a skipped block); not a failure.
    Note,
    /// Not a failure of the file by itself, but not a proof either (an undecided step
    /// fails a run, yet nothing is shown wrong).
    Warning,
    /// A wrong step, an input that could not be read, a bug in `verify`.
    Error,
}

impl Severity {
    /// `error`, `warning`, `note`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// The stable code of a diagnostic, the rule it reports on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A line that could not be read as a derivation.
    Syntax,
    /// A name that could not be resolved.
    Name,
    /// A bound on the input that the file passes.
    Limit,
    /// A step that does not follow, with a numeric witness.
    WrongStep,
    /// A step neither proved nor refuted, with what blocked it.
    Undecided,
    /// The engine and the numeric cross-check disagree: a bug in `verify`.
    Inconsistent,
    /// A block of notes that is not a derivation, set aside (an error with `--strict`).
    NotADerivation,
    /// A block turned off by an inline comment (`<!-- verify: off -->`).
    Suppressed,
    /// A file in which no step was checked.
    NothingChecked,
}

impl Code {
    /// Every code, in the order of the table in the README.
    pub const ALL: [Code; 9] = [
        Code::WrongStep,
        Code::Undecided,
        Code::Inconsistent,
        Code::Syntax,
        Code::Name,
        Code::Limit,
        Code::NotADerivation,
        Code::Suppressed,
        Code::NothingChecked,
    ];

    /// The kebab-case name shown and matched on: `wrong-step`, `undecided`, ….
    pub fn name(self) -> &'static str {
        match self {
            Code::Syntax => "syntax",
            Code::Name => "name",
            Code::Limit => "limit",
            Code::WrongStep => "wrong-step",
            Code::Undecided => "undecided",
            Code::Inconsistent => "inconsistent",
            Code::NotADerivation => "not-a-derivation",
            Code::Suppressed => "suppressed",
            Code::NothingChecked => "nothing-checked",
        }
    }

    /// One sentence on what the code reports, for SARIF's rule descriptions and the
    /// README's table.
    pub fn description(self) -> &'static str {
        match self {
            Code::Syntax => "a line that could not be read as a derivation",
            Code::Name => "a name that is not declared or cannot be resolved",
            Code::Limit => "the file passes a bound on the input",
            Code::WrongStep => {
                "a step that does not follow from the one before it, with a numeric witness"
            }
            Code::Undecided => {
                "a step that could be neither proved nor refuted, with what blocked it"
            }
            Code::Inconsistent => {
                "the engine and the numeric cross-check disagree: a bug in verify"
            }
            Code::NotADerivation => "a block of notes that is not a derivation, set aside",
            Code::Suppressed => "a block turned off by an inline verify: off or skip-next comment",
            Code::NothingChecked => "a file in which no step was checked",
        }
    }
}

/// One thing a renderer shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// Which rule it reports on.
    pub code: Code,
    /// One line, specific enough to stand alone: `step 8 does not follow from step 7`.
    pub message: String,
    /// Where in the file; `None` for the file as a whole (nothing checked).
    pub span: Option<Span>,
    /// What the underline says: `step 8`, `skipped`.
    pub label: String,
    /// The evidence: the witness, the difference, the reason.
    pub notes: Vec<String>,
    /// What to do about it, when there is something to say.
    pub help: Option<String>,
}

impl Diagnostic {
    /// The message with its notes and help, on one line: for formats with room for
    /// one string (GitHub annotations, SARIF, GitLab, JUnit).
    pub fn full_message(&self) -> String {
        let mut out = self.message.clone();
        for (i, note) in self.notes.iter().enumerate() {
            out.push_str(if i == 0 { ": " } else { "; " });
            out.push_str(note);
        }
        if let Some(help) = &self.help {
            out.push_str(if self.notes.is_empty() { ": " } else { "; " });
            out.push_str(help);
        }
        out
    }
}

/// A 1-based position range: columns count characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// First line.
    pub line: usize,
    /// First column.
    pub column: usize,
    /// Last line.
    pub end_line: usize,
    /// Column just past the end.
    pub end_column: usize,
}

impl Region {
    /// The lines and columns of `span` in the file as stored: for a notebook, in its
    /// JSON (where a repository's viewer, GitHub's annotations and SARIF consumers
    /// look; columns count UTF-16 units there, which differ from characters only
    /// past U+FFFF), else as [`Region::of`]. `index` indexes `file.text`.
    pub fn stored(span: Span, index: &LineIndex, file: &crate::source::SourceFile) -> Region {
        match &file.original {
            Some(json) if !file.cells.is_empty() => {
                let mapper = crate::lsp::position::Mapper::new(file, json);
                let range = mapper.range(span);
                Region {
                    line: range.start.line as usize + 1,
                    column: range.start.character as usize + 1,
                    end_line: range.end.line as usize + 1,
                    end_column: range.end.character as usize + 1,
                }
            }
            _ => Region::of(span, index, &file.text),
        }
    }

    /// The lines and columns of `span` in `text`.
    pub fn of(span: Span, index: &LineIndex, text: &str) -> Region {
        let start = index.line_col(text, span.start);
        let end = index.line_col(text, span.end);
        Region {
            line: start.line,
            column: start.col,
            end_line: end.line,
            end_column: end.col,
        }
    }
}

/// Every diagnostic of a file, in the order a reader meets them: errors, the blocks
/// set aside, the steps that failed, and a file in which nothing was checked.
pub fn of_file(report: &FileReport, options: &Options) -> Vec<Diagnostic> {
    let mut out = errors(report);
    out.extend(skipped(report, options));
    for step in report.chains.iter().flat_map(|c| &c.steps) {
        out.extend(of_step(step));
    }
    out.extend(nothing_checked(report, options));
    out
}

/// The file's errors: syntax, names, input bounds. A file with any is not checked.
/// On a line that starts with a near miss of a directive keyword (`asume`), the help
/// names the keyword ([`super::suggest`]).
pub fn errors(report: &FileReport) -> Vec<Diagnostic> {
    let text = &report.file.text;
    let help = |span: Span, help: Option<String>| {
        super::suggest::directive(text, span.start)
            .map(super::suggest::help)
            .or(help)
    };
    let syntax = report.syntax_errors.iter().map(|e| Diagnostic {
        severity: Severity::Error,
        code: Code::Syntax,
        message: e.message(),
        span: Some(e.span),
        label: e.label(),
        notes: Vec::new(),
        help: help(e.span, e.help()),
    });
    let names = report.lower_errors.iter().map(|e| Diagnostic {
        severity: Severity::Error,
        code: Code::Name,
        message: e.message(),
        span: Some(e.span),
        label: e.label(),
        notes: Vec::new(),
        help: shared_again(report, e).or_else(|| help(e.span, e.help())),
    });
    let limits = report.limit_errors.iter().map(|e| Diagnostic {
        severity: Severity::Error,
        code: Code::Limit,
        message: e.message.clone(),
        span: Some(e.span),
        label: "past the limit".into(),
        notes: Vec::new(),
        help: Some(e.help.clone()),
    });
    syntax.chain(names).chain(limits).collect()
}

/// The help for a file's own declaration of a name its `verify.toml` declares for
/// every file: where that one is, and the two ways out.
fn shared_again(report: &FileReport, error: &crate::lower::LowerError) -> Option<String> {
    use crate::lower::LowerErrorKind;
    use crate::syntax::resolve::ResolveErrorKind;
    let shared = report.shared.as_ref()?;
    let LowerErrorKind::Name(ResolveErrorKind::Redefined(key)) = &error.kind else {
        return None;
    };
    shared.names.contains(key).then(|| {
        format!(
            "`{key}` is declared for every file in {}'s `declarations`, and a file may not give it another meaning: rename it here, or take it out of the shared declarations",
            shared.path.display()
        )
    })
}

/// The blocks set aside, each a note (an error with `--strict`, except inline math and
/// blocks the author turned off, which `--strict` does not fail).
pub fn skipped(report: &FileReport, options: &Options) -> Vec<Diagnostic> {
    report
        .skipped
        .iter()
        .map(|s| {
            let suppressed = s.suppressed;
            let strict = options.strict && !s.inline && !suppressed;
            let (code, message, help) = match (suppressed, strict) {
                (true, _) => (Code::Suppressed, "not checked", None),
                (false, true) => (
                    Code::NotADerivation,
                    "this block is not a derivation (--strict)",
                    Some("declare what it uses in a comment, or leave --strict off to let it pass"),
                ),
                (false, false) => (Code::NotADerivation, "skipped", None),
            };
            Diagnostic {
                severity: if strict {
                    Severity::Error
                } else {
                    Severity::Note
                },
                code,
                message: message.into(),
                span: Some(s.span),
                label: "skipped".into(),
                notes: vec![s.reason.clone()],
                help: help.map(Into::into),
            }
        })
        .collect()
}

/// The diagnostic of a step that was not verified; `None` for a verified step or a
/// chain's start.
pub fn of_step(step: &StepReport) -> Option<Diagnostic> {
    let v = step.verdict.as_ref()?;
    let (number, against) = (step.number, v.against);
    let label = format!("step {number}");
    let diagnostic = |severity, code, message: String, notes, help| Diagnostic {
        severity,
        code,
        message,
        span: Some(step.span),
        label: label.clone(),
        notes,
        help,
    };
    match &v.verdict {
        Verdict::Verified { .. } => None,
        Verdict::Wrong {
            point,
            lhs,
            rhs,
            difference,
            hint,
            ..
        } => {
            let mut notes = vec![format!(
                "witness: {}",
                witness(point, *lhs, *rhs, against, number)
            )];
            if let Some(d) = difference {
                notes.push(format!(
                    "difference: step {number} − step {against} = {}",
                    print::unicode(d)
                ));
            }
            Some(diagnostic(
                Severity::Error,
                Code::WrongStep,
                format!("step {number} does not follow from step {against}"),
                notes,
                hint.clone(),
            ))
        }
        Verdict::Undecided { reason, .. } => Some(diagnostic(
            Severity::Warning,
            Code::Undecided,
            format!("step {number} could not be decided"),
            vec![reason.clone()],
            None,
        )),
        Verdict::Inconsistent { detail } => Some(diagnostic(
            Severity::Error,
            Code::Inconsistent,
            format!("step {number}: the engine and the numeric cross-check disagree"),
            vec![detail.clone()],
            Some("this is a bug in verify; please report it with this file".into()),
        )),
    }
}

/// A warning on the whole file when nothing in it was checked.
pub fn nothing_checked(report: &FileReport, options: &Options) -> Option<Diagnostic> {
    if report.status_under(options.strict) != super::ExitStatus::NothingChecked {
        return None;
    }
    let why = report.nothing_checked().unwrap_or_default();
    Some(Diagnostic {
        severity: Severity::Warning,
        code: Code::NothingChecked,
        message: format!("nothing was checked: {why}"),
        span: None,
        label: String::new(),
        notes: Vec::new(),
        help: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_message_joins_notes_and_help() {
        let mut d = Diagnostic {
            severity: Severity::Error,
            code: Code::WrongStep,
            message: "step 2 does not follow from step 1".into(),
            span: None,
            label: String::new(),
            notes: vec!["witness: at a = 1".into(), "difference: 2".into()],
            help: Some("flip the sign".into()),
        };
        assert_eq!(
            d.full_message(),
            "step 2 does not follow from step 1: witness: at a = 1; difference: 2; flip the sign"
        );
        d.notes.clear();
        assert_eq!(
            d.full_message(),
            "step 2 does not follow from step 1: flip the sign"
        );
    }

    #[test]
    fn codes_are_kebab_case_and_distinct() {
        let names: std::collections::BTreeSet<_> = Code::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(names.len(), Code::ALL.len());
        assert!(names
            .iter()
            .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '-')));
    }
}
