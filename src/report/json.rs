//! The JSON report: JSON Lines, one object per line, for CI and other programs.
//!
//! Every object has a `"type"` and the `"file"` it is about:
//!
//! - `{"type":"error", "kind":"syntax"|"name", "line", "column", "end_line",
//!   "end_column", "message", "label", "help"}` — a line that could not be read; when
//!   a file has any, nothing in it was checked.
//! - `{"type":"step", "chain", "chain_name", "step", "against", "line", "column",
//!   "end_line", "end_column", "verdict", …}` — one per checked step, where `step` is
//!   the 1-based position in the chain and `against` the step it was compared with (0
//!   for a specialisation's starting value). By `verdict`:
//!   - `"verified"`: `"families"` (kebab-case names), `"facts"`, `"numeric_points"`;
//!   - `"wrong"`: `"witness": {"point": {name: value}, "lhs", "rhs"}`, and
//!     `"difference"` / `"difference_latex"` (this step minus the other) when known;
//!   - `"undecided"`: `"reason"`;
//!   - `"inconsistent"`: `"detail"`.
//! - `{"type":"final_form", "chain", "unicode", "latex", "nodes", "author_nodes"}` or,
//!   when the engine could not simplify, `{"type":"final_form", "chain", "error"}`.
//! - `{"type":"summary", "steps", "verified", "wrong", "undecided", "inconsistent",
//!   "status": "verified"|"failed"|"error"}` — last, one per file.
//!
//! Lines and columns are 1-based; columns count characters. The serialisation types
//! below are kept apart from the report's own types, so the format changes only on
//! purpose.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{ExitStatus, FileReport, Verdict};
use crate::print;
use crate::source::{LineIndex, Span};

/// Render a file's report as JSON Lines.
pub fn render(report: &FileReport) -> String {
    let index = LineIndex::new(&report.file.text);
    let file = report.file.path.display().to_string();
    let position = |span: Span| Position::of(span, &index, &report.file.text);
    let mut records = Vec::new();
    let syntax = report
        .syntax_errors
        .iter()
        .map(|e| ("syntax", e.span, e.message(), e.label(), e.help()));
    let names = report
        .lower_errors
        .iter()
        .map(|e| ("name", e.span, e.message(), e.label(), e.help()));
    for (kind, span, message, label, help) in syntax.chain(names) {
        records.push(Record::Error {
            file: &file,
            kind,
            at: position(span),
            message,
            label,
            help,
        });
    }
    for (chain_idx, chain) in report.chains.iter().enumerate() {
        for step in &chain.steps {
            let Some(v) = &step.verdict else { continue };
            records.push(Record::Step {
                file: &file,
                chain: chain_idx,
                chain_name: chain.name.as_deref(),
                step: step.number,
                against: v.against,
                at: position(step.span),
                verdict: StepVerdict::from(&v.verdict),
            });
        }
        match &chain.final_form {
            Some(Ok(f)) => records.push(Record::FinalForm {
                file: &file,
                chain: chain_idx,
                form: FinalForm::Found {
                    unicode: print::unicode(&f.term),
                    latex: print::latex(&f.term),
                    nodes: f.n_nodes,
                    author_nodes: f.author_n_nodes,
                },
            }),
            Some(Err(blocker)) => records.push(Record::FinalForm {
                file: &file,
                chain: chain_idx,
                form: FinalForm::Failed {
                    error: blocker.to_string(),
                },
            }),
            None => {}
        }
    }
    records.push(summary(&file, report));
    records
        .iter()
        .map(|r| serde_json::to_string(r).expect("report records serialise") + "\n")
        .collect()
}

fn summary<'a>(file: &'a str, report: &FileReport) -> Record<'a> {
    let count = |f: fn(&Verdict) -> bool| report.verdicts().filter(|v| f(v)).count();
    Record::Summary {
        file,
        steps: report.verdicts().count(),
        verified: count(|v| matches!(v, Verdict::Verified { .. })),
        wrong: count(|v| matches!(v, Verdict::Wrong { .. })),
        undecided: count(|v| matches!(v, Verdict::Undecided { .. })),
        inconsistent: count(|v| matches!(v, Verdict::Inconsistent { .. })),
        status: match report.status() {
            ExitStatus::Verified => "verified",
            ExitStatus::Failed => "failed",
            ExitStatus::Error => "error",
        },
    }
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Record<'a> {
    Error {
        file: &'a str,
        kind: &'static str,
        #[serde(flatten)]
        at: Position,
        message: String,
        label: String,
        help: Option<String>,
    },
    Step {
        file: &'a str,
        chain: usize,
        chain_name: Option<&'a str>,
        step: usize,
        against: usize,
        #[serde(flatten)]
        at: Position,
        #[serde(flatten)]
        verdict: StepVerdict,
    },
    FinalForm {
        file: &'a str,
        chain: usize,
        #[serde(flatten)]
        form: FinalForm,
    },
    Summary {
        file: &'a str,
        steps: usize,
        verified: usize,
        wrong: usize,
        undecided: usize,
        inconsistent: usize,
        status: &'static str,
    },
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl Position {
    fn of(span: Span, index: &LineIndex, text: &str) -> Position {
        let start = index.line_col(text, span.start);
        let end = index.line_col(text, span.end);
        Position {
            line: start.line,
            column: start.col,
            end_line: end.line,
            end_column: end.col,
        }
    }
}

#[derive(Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
enum StepVerdict {
    Verified {
        families: Vec<&'static str>,
        facts: Vec<String>,
        numeric_points: usize,
    },
    Wrong {
        witness: Witness,
        difference: Option<String>,
        difference_latex: Option<String>,
    },
    Undecided {
        reason: String,
    },
    Inconsistent {
        detail: String,
    },
}

#[derive(Serialize)]
struct Witness {
    point: BTreeMap<String, f64>,
    lhs: f64,
    rhs: f64,
}

impl From<&Verdict> for StepVerdict {
    fn from(v: &Verdict) -> Self {
        match v {
            Verdict::Verified {
                families,
                facts,
                n_points,
            } => StepVerdict::Verified {
                families: families.iter().map(|f| f.name()).collect(),
                facts: facts.clone(),
                numeric_points: *n_points,
            },
            Verdict::Wrong {
                point,
                lhs,
                rhs,
                difference,
            } => StepVerdict::Wrong {
                witness: Witness {
                    point: point.iter().cloned().collect(),
                    lhs: *lhs,
                    rhs: *rhs,
                },
                difference: difference.as_ref().map(print::unicode),
                difference_latex: difference.as_ref().map(print::latex),
            },
            Verdict::Undecided { reason } => StepVerdict::Undecided {
                reason: reason.clone(),
            },
            Verdict::Inconsistent { detail } => StepVerdict::Inconsistent {
                detail: detail.clone(),
            },
        }
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum FinalForm {
    Found {
        unicode: String,
        latex: String,
        nodes: usize,
        author_nodes: usize,
    },
    Failed {
        error: String,
    },
}
