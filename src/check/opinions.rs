//! Two opinions into one verdict: the engine's answer and the numeric cross-check.
//! "Verified" needs both; a disagreement is a bug in `verify`, said as such; and an
//! unproved step that agrees numerically is told apart when a missing positivity
//! assumption is the reason.

use std::sync::Arc;

use crate::engine::{Engine, StepQuery, SymbolicOutcome};
use crate::numeric::{self, NumericOutcome};
use crate::print;
use crate::program::Context;
use crate::report::{describe_fact, Verdict};
use crate::verdict::Limits;

/// One verdict from the engine's answer and the numeric second opinion.
pub(super) fn combine(
    symbolic: SymbolicOutcome,
    numeric: NumericOutcome,
    context: &Arc<Context>,
    limits: Limits,
) -> Verdict {
    match (symbolic, numeric) {
        (SymbolicOutcome::Proved(proof), NumericOutcome::Differ { point, lhs, rhs }) => {
            Verdict::Inconsistent {
                detail: format!(
                    "the engine proved the step ({}), but numerically at {} the sides are {} and {}",
                    proof.families,
                    render_point(&point),
                    print::number(lhs),
                    print::number(rhs)
                ),
            }
        }
        (SymbolicOutcome::Proved(proof), NumericOutcome::Agree { n_points }) => {
            Verdict::Verified {
                families: proof.families,
                facts: proof
                    .facts
                    .iter()
                    .map(|f| describe_fact(f, context))
                    .collect(),
                n_points,
                conditions: proof.conditions.iter().map(ToString::to_string).collect(),
            }
        }
        // A green check needs both opinions: without the second one (a divergent
        // integral, say, where formal cancellation "proves" ∞ − ∞ = 0) we say so.
        (SymbolicOutcome::Proved(proof), NumericOutcome::Unavailable(why)) => {
            Verdict::Undecided {
                reason: format!(
                    "the engine proved it ({}), but the independent numeric cross-check could not evaluate it ({why}), so it is not reported as verified",
                    proof.families
                ),
            }
        }
        (SymbolicOutcome::Differs { difference }, NumericOutcome::Differ { point, lhs, rhs }) => {
            let difference = Engine::global()
                .final_form(context.clone(), difference.clone(), limits)
                .ok()
                .or(Some(difference));
            Verdict::Wrong {
                point: point.0.into_iter().collect(),
                lhs,
                rhs,
                difference,
                hint: None,
            }
        }
        (SymbolicOutcome::Differs { difference }, NumericOutcome::Agree { n_points }) => {
            Verdict::Undecided {
                reason: format!(
                    "the engine could not prove it (remaining difference {}), yet the sides agree numerically at {n_points} points",
                    print::unicode(&difference)
                ),
            }
        }
        (SymbolicOutcome::Differs { difference }, NumericOutcome::Unavailable(why)) => {
            Verdict::Undecided {
                reason: format!(
                    "the normal forms differ by {}, but no numeric witness was found ({why})",
                    print::unicode(&difference)
                ),
            }
        }
        (SymbolicOutcome::Blocked(blocker), NumericOutcome::Differ { point, lhs, rhs }) => {
            Verdict::Undecided {
                reason: format!(
                    "{blocker}; numerically the sides differ at {} ({} vs {})",
                    render_point(&point),
                    print::number(lhs),
                    print::number(rhs)
                ),
            }
        }
        (SymbolicOutcome::Blocked(blocker), _) => Verdict::Undecided {
            reason: blocker.to_string(),
        },
    }
}

/// Why a step the engine cannot prove, but which agrees numerically, is undecided,
/// when the reason is a sign: the step holds once its free symbols of unknown sign
/// are assumed positive (the log and exp laws need positive arguments), so say which
/// assumption is missing instead of "could not prove it".
pub(super) fn positivity_needed(query: &StepQuery) -> Option<String> {
    let unknown_sign: Vec<crate::term::Name> = query
        .lhs
        .free_symbols()
        .into_iter()
        .chain(query.rhs.free_symbols())
        .filter(|name| !query.context.positive.contains(name))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if unknown_sign.is_empty() {
        return None;
    }
    let mut context = (*query.context).clone();
    context.positive.extend(unknown_sign.iter().cloned());
    let holds = Engine::global().holds(StepQuery {
        context: Arc::new(context),
        ..query.clone()
    });
    if !holds {
        return None;
    }
    let prose: Vec<String> = unknown_sign.iter().map(print::unicode_name).collect();
    let latex: Vec<String> = unknown_sign.iter().map(print::latex_name).collect();
    Some(format!(
        "positivity needed: this holds if {} > 0, which is not assumed (the log and exp laws need positive arguments); if it is so, add `assume {} > 0`",
        prose.join(", "),
        latex.join(", ")
    ))
}

fn render_point(point: &numeric::Point) -> String {
    print::assignments(point.0.iter().map(|(name, value)| (name.as_str(), *value)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Proof;
    use crate::report::{ChainReport, ExitStatus, FileReport, StepReport, StepVerdict};
    use crate::source::{SourceFile, Span};
    use crate::verdict::FamilySet;

    fn combine(symbolic: SymbolicOutcome, numeric: NumericOutcome) -> Verdict {
        super::combine(symbolic, numeric, &Arc::default(), Limits::default())
    }

    #[test]
    fn a_proof_the_numbers_contradict_is_inconsistent_and_fails_the_run() {
        let proof = Proof {
            families: FamilySet::EMPTY,
            facts: Vec::new(),
            conditions: Vec::new(),
        };
        let differ = NumericOutcome::Differ {
            point: numeric::Point([("a".to_string(), 1.0)].into_iter().collect()),
            lhs: 1.0,
            rhs: 2.0,
        };
        let verdict = combine(SymbolicOutcome::Proved(proof), differ);
        assert!(
            matches!(verdict, Verdict::Inconsistent { .. }),
            "{verdict:?}"
        );
        let report = FileReport {
            file: SourceFile::new("t.txt", "a = a\n"),
            syntax_errors: Vec::new(),
            lower_errors: Vec::new(),
            chains: vec![ChainReport {
                name: None,
                specialisation: None,
                steps: vec![StepReport {
                    number: 2,
                    span: Span::new(4, 5),
                    verdict: Some(StepVerdict {
                        against: 1,
                        verdict,
                        normal_forms: None,
                    }),
                }],
                final_form: None,
            }],
            skipped: Vec::new(),
        };
        assert_eq!(report.status(), ExitStatus::Failed);
    }

    #[test]
    fn a_proof_without_the_second_opinion_is_not_verified() {
        let proof = Proof {
            families: FamilySet::EMPTY,
            facts: Vec::new(),
            conditions: Vec::new(),
        };
        let unavailable = NumericOutcome::Unavailable("divergent".into());
        let verdict = combine(SymbolicOutcome::Proved(proof), unavailable);
        assert!(matches!(verdict, Verdict::Undecided { .. }), "{verdict:?}");
    }
}
