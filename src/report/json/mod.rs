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
//!   - `"verified"`: `"families"` (kebab-case names), `"facts"` (each
//!     `{"fact": "central_moment", "density": "p₁", "k": 2, "statement": …}`; other
//!     `fact`s: `moment_generating`, `general_integral`, `sum_linearity`,
//!     `sum_of_constant`, `log_of_product`, `product_laws`, `scaled_equation` with
//!     its `factor` and `positive`), `"numeric_points"`, and `"conditions"` when the
//!     step holds only where they do (each `{"relation": "non_zero"|"non_negative"|
//!     "positive", "term": {"unicode", "latex"}, "statement": "x ≠ 0"}`);
//!   - `"wrong"`: `"witness": {"point": {name: value}, "lhs", "rhs"}`, and
//!     `"difference"` / `"difference_latex"` (this step minus the other) when known,
//!     and `"hint": {"statement", "edit", "fixed": {"unicode", "latex"}}` when a
//!     likely slip was found and checked (`edit`: `{"edit": "flip_sign"|
//!     "swap_subscript"|"leave_out"|"double"|"halve"|"restore", "term", …}`, the
//!     summand it is about; `fixed`: the step as the hint edits it);
//!   - `"undecided"`: `"reason"`, and `"blocker"` (`{"kind": …}`: `unsupported_integrand`
//!     and `convergence` with the `integral`, `limit` with which bound (`"limit":
//!     "exponent"`, …) and by how much, `undefined`, `internal`,
//!     `unproved` with the remaining `difference`, `no_second_opinion`,
//!     `domain_differs`, `positivity_needed` with the `symbols`) when it is known;
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
//!   checked, e.g. `"the file is empty"`); `"shared_declarations": {"file", "lines"}`
//!   when the file was read with a `verify.toml`'s shared declarations.
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

use schemars::JsonSchema;
use serde::Serialize;

use super::{ExitStatus, FileReport, Options, Tally, Verdict};
use crate::print;
use crate::source::{LineIndex, Span};
use evidence::StepVerdict;

mod evidence;

/// The version of the JSON Lines format: the `"version"` of the `begin` and `run`
/// records. Version 2 made a step's evidence typed: `facts`, `conditions` and `hint`
/// became objects (they were strings), and `blocker` came with `undecided`.
pub const VERSION: u32 = 2;

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
                verdict: Box::new(StepVerdict::from(&v.verdict)),
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
        shared_declarations: report.shared.as_ref().map(|shared| SharedRecord {
            file: shared.path.display().to_string(),
            lines: shared.lines.clone(),
        }),
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
        verdict: Box<StepVerdict>,
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
        /// The shared declarations the file was read with, when its `verify.toml`
        /// has any: that file, and the lines they are on.
        #[serde(skip_serializing_if = "Option::is_none")]
        shared_declarations: Option<SharedRecord>,
    },
}

/// Where a file's shared declarations came from.
#[derive(Serialize, JsonSchema)]
struct SharedRecord {
    /// The `verify.toml`.
    file: String,
    /// The lines they are on in it.
    lines: Vec<usize>,
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
