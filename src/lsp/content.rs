//! What the editor is told about a checked file: the report's diagnostics (the same
//! words as every format), a hover on a step (its verdict, rule and facts, and its
//! chain's final form), and the quick fix that applies a proved hint.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, Hover, HoverContents,
    MarkupContent, MarkupKind, NumberOrString, Position, Range, TextEdit, Uri, WorkspaceEdit,
};

use super::position::{contains, Mapper};
use crate::print;
use crate::report::diagnostic::{self, Code, Severity};
use crate::report::{witness, ChainReport, FileReport, NoFinalForm, Options, StepReport, Verdict};

/// The file's diagnostics. "Nothing was checked" is left out: an editor opens prose
/// without a derivation all the time, and saying so on each would be noise.
pub fn diagnostics(report: &FileReport, mapper: &Mapper<'_>) -> Vec<Diagnostic> {
    diagnostic::of_file(report, &Options::default())
        .into_iter()
        .filter(|d| d.code != Code::NothingChecked)
        .map(|d| Diagnostic {
            range: d
                .span
                .map_or(Range::new(Position::new(0, 0), Position::new(0, 0)), |s| {
                    mapper.range(s)
                }),
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Note => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(NumberOrString::String(d.code.name().into())),
            source: Some("verify".into()),
            message: d.full_message(),
            ..Diagnostic::default()
        })
        .collect()
}

/// The step at `position`, with its chain.
fn step_at<'r>(
    report: &'r FileReport,
    mapper: &Mapper<'_>,
    position: Position,
) -> Option<(&'r ChainReport, &'r StepReport, Range)> {
    report.chains.iter().find_map(|chain| {
        chain.steps.iter().find_map(|step| {
            let range = mapper.range(step.span);
            contains(&range, position).then_some((chain, step, range))
        })
    })
}

/// The hover on a step: its mark and verdict, the rule and facts or the witness and
/// hint, and its chain's final form (Unicode and LaTeX).
pub fn hover(report: &FileReport, mapper: &Mapper<'_>, position: Position) -> Option<Hover> {
    let (chain, step, range) = step_at(report, mapper, position)?;
    let mut lines = Vec::new();
    let n = step.number;
    match step.verdict.as_ref() {
        None => lines.push(format!("**step {n}**: the chain starts here")),
        Some(v) => match &v.verdict {
            Verdict::Verified {
                families,
                facts,
                n_points,
                conditions,
            } => {
                lines.push(format!(
                    "**✓ step {n}** follows from step {}: {families}",
                    v.against
                ));
                for fact in facts {
                    lines.push(format!("- uses {fact}"));
                }
                if !conditions.is_empty() {
                    lines.push(format!(
                        "- holds where {}",
                        crate::report::conditions_text(conditions)
                    ));
                }
                if *n_points > 0 {
                    lines.push(format!("- the numbers agree at {n_points} points"));
                }
            }
            Verdict::Wrong {
                point,
                lhs,
                rhs,
                difference,
                hint,
                ..
            } => {
                lines.push(format!(
                    "**✗ step {n}** does not follow from step {}",
                    v.against
                ));
                lines.push(format!(
                    "- witness: {}",
                    witness(point, *lhs, *rhs, v.against, n)
                ));
                if let Some(d) = difference {
                    lines.push(format!(
                        "- difference: step {n} − step {} = {}",
                        v.against,
                        print::unicode(d)
                    ));
                }
                if let Some(hint) = hint {
                    lines.push(format!("- {hint}"));
                }
            }
            Verdict::Undecided { reason, .. } => {
                lines.push(format!("**? step {n}** could not be decided: {reason}"));
            }
            Verdict::Inconsistent { detail } => lines.push(format!(
                "**! step {n}**: the engine and the numeric cross-check disagree: {detail}"
            )),
        },
    }
    for a in &step.annotations {
        lines.push(format!("- author: “{a}”"));
    }
    match &chain.final_form {
        Some(Ok(f)) => lines.push(format!(
            "\n**final form** of the chain: {}  \n`{}`",
            print::unicode(&f.term),
            print::latex(&f.term)
        )),
        Some(Err(NoFinalForm::Blocked(b))) => {
            lines.push(format!("\nfinal form: not simplified ({b})"))
        }
        Some(Err(NoFinalForm::Unconfirmed(why))) => {
            lines.push(format!("\nfinal form: not shown ({why})"))
        }
        None => {}
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: lines.join("\n"),
        }),
        range: Some(range),
    })
}

/// The quick fixes for the wrong steps that `range` touches: each replaces the step
/// with the hint's edit, which the engine proved and the numbers confirmed.
pub fn code_actions(
    report: &FileReport,
    mapper: &Mapper<'_>,
    uri: &Uri,
    range: Range,
) -> Vec<CodeAction> {
    let all = diagnostics(report, mapper);
    let mut out = Vec::new();
    for step in report.chains.iter().flat_map(|c| &c.steps) {
        let Some(Verdict::Wrong {
            hint: Some(hint),
            fixed: Some(fixed),
            ..
        }) = step.verdict.as_ref().map(|v| &v.verdict)
        else {
            continue;
        };
        let step_range = mapper.range(step.span);
        if !(contains(&step_range, range.start)
            || contains(&step_range, range.end)
            || contains(&range, step_range.start))
        {
            continue;
        }
        let latex = print::latex(fixed);
        let new_text = match mapper.is_notebook() {
            // Inside a JSON string.
            true => {
                let quoted = serde_json::to_string(&latex).unwrap_or_default();
                quoted[1..quoted.len() - 1].to_string()
            }
            false => latex,
        };
        let edit = TextEdit {
            range: step_range,
            new_text,
        };
        out.push(CodeAction {
            title: format!("Apply the hint: {hint}"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(
                all.iter()
                    .filter(|d| d.range == step_range)
                    .cloned()
                    .collect(),
            ),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                ..WorkspaceEdit::default()
            }),
            is_preferred: Some(true),
            ..CodeAction::default()
        });
    }
    out
}
