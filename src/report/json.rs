//! The JSON report: JSON Lines, one object per line, for CI and other programs.
//!
//! The first line of a run is `{"type":"begin", "version", "tool":"verify",
//! "tool_version"}`: `version` is the version of this format ([`VERSION`]), raised
//! only when a field is renamed or removed (fields are added without a change). The
//! JSON Schema of a line is generated from the types below ([`schema`]) and committed
//! as `docs/verify.schema.json`.
//!
//! Every other object has a `"type"` and the `"file"` it is about:
//!
//! - `{"type":"error", "kind":"syntax"|"name"|"limit", "line", "column", "end_line",
//!   "end_column", "message", "label", "help"}` — a line that could not be read, or
//!   (`limit`) a bound on the input the file passes; when a file has any, nothing in
//!   it was checked.
//! - `{"type":"step", "chain", "chain_name", "step", "against", "line", "column",
//!   "end_line", "end_column", "verdict", …}` — one per checked step, where `step` is
//!   the 1-based position in the chain and `against` the step it was compared with (0
//!   for a specialisation's starting value). By `verdict`:
//!   - `"verified"`: `"families"` (kebab-case names), `"facts"`, `"numeric_points"`,
//!     and `"conditions"` (`["x ≠ 0"]`) when the step holds only where they do;
//!   - `"wrong"`: `"witness": {"point": {name: value}, "lhs", "rhs"}`, and
//!     `"difference"` / `"difference_latex"` (this step minus the other) when known,
//!     and `"hint"` when a likely slip was found and checked;
//!   - `"undecided"`: `"reason"`;
//!   - `"inconsistent"`: `"detail"`.
//!
//!   With `--explain`, also `"normal_forms": {"previous", "this"}`: the two normal
//!   forms the engine compared (Unicode). When the author justified the step beside it
//!   (`\text{(linearity)}`, `\overset{(a)}{=}`), `"annotations"`: their words.
//! - `{"type":"declaration", "line", "column", "end_line", "end_column", "what"}` — a
//!   declaration a notes file makes in its own text (`p(x) = \mathcal{N}(…)` displayed).
//! - `{"type":"skipped", "line", "column", "end_line", "end_column", "reason", "inline"}`,
//!   and `"turned_off": true` for a block the author turned off
//!   — a block of notes that is not a derivation and was set aside; `"inline"`: inline
//!   math that read as a claim (never a failure, even with `--strict`).
//! - `{"type":"final_form", "chain", "unicode", "latex", "nodes", "author_nodes"}` or,
//!   when the engine could not simplify, `{"type":"final_form", "chain", "error"}`.
//! - `{"type":"summary", "chains", "steps", "verified", "wrong", "undecided",
//!   "inconsistent", "skipped", "status": "verified"|"nothing_checked"|"failed"|"error"}`
//!   — last, one per file; with `"nothing_checked"`, also `"reason"` (why no step was
//!   checked, e.g. `"the file is empty"`).
//!
//! After every file, one `{"type":"run", "version", "files", "files_with_errors",
//! "files_nothing_checked", "chains", "steps", "verified", "wrong", "undecided",
//! "inconsistent", "skipped", "seconds", "status"}` ends the output (see
//! [`super::run`]), with `"reason"` when its status is `"nothing_checked"`: a run in
//! which no step was checked fails.
//!
//! With `--quiet`, verified steps and final forms are left out.
//!
//! Lines and columns are 1-based; columns count characters. In a notebook (`.ipynb`,
//! checked as its Markdown cells joined), every position also has `"cell"` (1-based,
//! as Jupyter counts cells) and `"cell_line"` (the line within that cell). The serialisation types
//! below are kept apart from the report's own types, so the format changes only on
//! purpose.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use super::{ExitStatus, FileReport, Options, Tally, Verdict};
use crate::print;
use crate::source::{LineIndex, Span};

/// The version of the JSON Lines format: the `"version"` of the `begin` and `run`
/// records.
pub const VERSION: u32 = 1;

/// The first line of a run: the format's version and the tool's.
pub fn begin() -> String {
    let record = Record::Begin {
        version: VERSION,
        tool: "verify",
        tool_version: env!("CARGO_PKG_VERSION"),
    };
    serde_json::to_string(&record).expect("report records serialise") + "\n"
}

/// The last line of a run: what it found over every file.
pub fn run(summary: &super::run::RunSummary) -> String {
    let record = Record::Run {
        version: VERSION,
        files: summary.files,
        files_with_errors: summary.files_with_errors,
        files_nothing_checked: summary.files_nothing_checked,
        counts: Counts::from(summary.tally),
        seconds: summary.elapsed.as_secs_f64(),
        status: summary.status(),
        reason: summary.nothing_checked(),
    };
    serde_json::to_string(&record).expect("report records serialise")
}

/// The JSON Schema (draft 2020-12) of one line of the output, generated from the
/// types that write it.
pub fn schema() -> String {
    // What is written, not what could be read: a field left out when empty is not
    // required.
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let schema = generator.into_root_schema_for::<Record<'static>>();
    serde_json::to_string_pretty(&schema).expect("the schema serialises") + "\n"
}

/// Render a file's report as JSON Lines.
pub fn render(report: &FileReport, options: &Options) -> String {
    let index = LineIndex::new(&report.file.text);
    let file = report.file.path.display().to_string();
    let position = |span: Span| Position::of(span, &index, &report.file);
    let mut records = Vec::new();
    let syntax = report
        .syntax_errors
        .iter()
        .map(|e| ("syntax", e.span, e.message(), e.label(), e.help()));
    let names = report
        .lower_errors
        .iter()
        .map(|e| ("name", e.span, e.message(), e.label(), e.help()));
    let limits = report.limit_errors.iter().map(|e| {
        let label = "past the limit".to_string();
        (
            "limit",
            e.span,
            e.message.clone(),
            label,
            Some(e.help.clone()),
        )
    });
    for (kind, span, message, label, help) in syntax.chain(names).chain(limits) {
        records.push(Record::Error {
            file: &file,
            kind,
            at: position(span),
            message,
            label,
            help,
        });
    }
    for declared in &report.declared {
        records.push(Record::Declaration {
            file: &file,
            at: position(declared.span),
            what: declared.what.clone(),
        });
    }
    for skipped in &report.skipped {
        records.push(Record::Skipped {
            file: &file,
            at: position(skipped.span),
            reason: skipped.reason.clone(),
            inline: skipped.inline,
            turned_off: skipped.suppressed,
        });
    }
    for (chain_idx, chain) in report.chains.iter().enumerate() {
        for step in &chain.steps {
            let Some(v) = &step.verdict else { continue };
            if options.quiet && matches!(v.verdict, Verdict::Verified { .. }) {
                continue;
            }
            records.push(Record::Step {
                file: &file,
                chain: chain_idx,
                chain_name: chain.name.as_deref(),
                step: step.number,
                against: v.against,
                at: position(step.span),
                verdict: StepVerdict::from(&v.verdict),
                normal_forms: v
                    .normal_forms
                    .as_ref()
                    .filter(|_| options.explain)
                    .map(|n| NormalForms {
                        previous: print::unicode(&n.previous),
                        this: print::unicode(&n.this),
                    }),
                annotations: &step.annotations,
            });
        }
        if options.quiet {
            continue;
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
    records.push(summary(&file, report, options));
    records
        .iter()
        .map(|r| serde_json::to_string(r).expect("report records serialise") + "\n")
        .collect()
}

fn summary<'a>(file: &'a str, report: &FileReport, options: &Options) -> Record<'a> {
    let status = report.status_under(options.strict);
    Record::Summary {
        file,
        counts: Counts::from(report.tally()),
        status,
        reason: match status {
            ExitStatus::NothingChecked => report.nothing_checked(),
            _ => None,
        },
    }
}

/// The counts of a file or a run, as both JSON summaries write them.
#[derive(Serialize, JsonSchema)]
pub(super) struct Counts {
    chains: usize,
    steps: usize,
    verified: usize,
    wrong: usize,
    undecided: usize,
    inconsistent: usize,
    skipped: usize,
}

impl From<Tally> for Counts {
    fn from(tally: Tally) -> Self {
        Counts {
            chains: tally.chains,
            steps: tally.steps(),
            verified: tally.verified,
            wrong: tally.wrong,
            undecided: tally.undecided,
            inconsistent: tally.inconsistent,
            skipped: tally.skipped,
        }
    }
}

#[derive(Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Record<'a> {
    /// The first line of a run.
    Begin {
        /// The version of this format.
        version: u32,
        /// `verify`.
        tool: &'static str,
        /// The version of `verify` that wrote it.
        tool_version: &'static str,
    },
    /// The last line of a run, over every file.
    Run {
        /// The version of this format.
        version: u32,
        /// Files read, including those with errors.
        files: usize,
        /// Files that could not be read or parsed.
        files_with_errors: usize,
        /// Files read without errors in which no step was checked.
        files_nothing_checked: usize,
        #[serde(flatten)]
        counts: Counts,
        /// Wall-clock time of the run.
        seconds: f64,
        /// `verified`, `nothing_checked`, `failed` or `error`; the exit code follows.
        status: ExitStatus,
        /// Why nothing was checked, with `nothing_checked`.
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<&'static str>,
    },
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
        #[serde(skip_serializing_if = "Option::is_none")]
        normal_forms: Option<NormalForms>,
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        annotations: &'a [String],
    },
    Skipped {
        file: &'a str,
        #[serde(flatten)]
        at: Position,
        reason: String,
        inline: bool,
        /// Present, and true, for a block the author turned off
        /// (`<!-- verify: off -->`).
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        turned_off: bool,
    },
    Declaration {
        file: &'a str,
        #[serde(flatten)]
        at: Position,
        what: String,
    },
    FinalForm {
        file: &'a str,
        chain: usize,
        #[serde(flatten)]
        form: FinalForm,
    },
    Summary {
        file: &'a str,
        #[serde(flatten)]
        counts: Counts,
        status: ExitStatus,
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
}

#[derive(Serialize, JsonSchema)]
struct NormalForms {
    previous: String,
    this: String,
}

#[derive(Serialize, JsonSchema)]
struct Position {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// In a notebook: the cell the span starts in (1-based, as Jupyter counts cells,
    /// code cells included); `line` and `column` are then those of the cells' Markdown
    /// joined, and `cell_line` the line within the cell (columns are the same).
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<usize>,
    /// In a notebook: the 1-based line within `cell`.
    #[serde(skip_serializing_if = "Option::is_none")]
    cell_line: Option<usize>,
}

impl Position {
    /// The diagnostic model's region, in the record's shape, with the cell of a
    /// notebook.
    fn of(span: Span, index: &LineIndex, file: &crate::source::SourceFile) -> Position {
        let region = super::diagnostic::Region::of(span, index, &file.text);
        let in_cell = file.position(index, span.start);
        Position {
            line: region.line,
            column: region.column,
            end_line: region.end_line,
            end_column: region.end_column,
            cell: in_cell.cell,
            cell_line: in_cell.cell.map(|_| in_cell.line),
        }
    }
}

#[derive(Serialize, JsonSchema)]
#[serde(tag = "verdict", rename_all = "snake_case")]
enum StepVerdict {
    Verified {
        families: Vec<&'static str>,
        facts: Vec<String>,
        numeric_points: usize,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        conditions: Vec<String>,
    },
    Wrong {
        witness: Witness,
        difference: Option<String>,
        difference_latex: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        hint: Option<String>,
    },
    Undecided {
        reason: String,
    },
    Inconsistent {
        detail: String,
    },
}

#[derive(Serialize, JsonSchema)]
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
                conditions,
            } => StepVerdict::Verified {
                families: families.iter().map(|f| f.name()).collect(),
                facts: facts.clone(),
                numeric_points: *n_points,
                conditions: conditions.clone(),
            },
            Verdict::Wrong {
                point,
                lhs,
                rhs,
                difference,
                hint,
                ..
            } => StepVerdict::Wrong {
                witness: Witness {
                    point: point.iter().cloned().collect(),
                    lhs: *lhs,
                    rhs: *rhs,
                },
                difference: difference.as_ref().map(print::unicode),
                difference_latex: difference.as_ref().map(print::latex),
                hint: hint.clone(),
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

#[derive(Serialize, JsonSchema)]
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
