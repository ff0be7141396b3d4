//! Two opinions into one verdict: the engine's answer and the numeric cross-check.
//! "Verified" needs both; a disagreement is a bug in `verify`, said as such; and an
//! unproved step that agrees numerically is told apart when a missing positivity
//! assumption is the reason.

use std::sync::Arc;

use super::prover::{Proof, Prover, StepQuery, SymbolicOutcome};
use crate::numeric::{self, NumericOutcome};
use crate::print;
use crate::program::Context;
use crate::report::{describe_fact, Blocked, StatedFact, Verdict};
use crate::term::Term;

/// Whether a proof's conditions exclude a point (say, `x ≠ 0` at x = 0), checked
/// numerically by the caller.
pub(super) type Excludes<'a> = &'a dyn Fn(&Proof, &numeric::Point) -> bool;

/// One verdict from the engine's answer and the numeric second opinion.
/// `difference` is the engine's difference `rhs − lhs` (simplified) when the numeric
/// side has confirmed it, and the only form of it that may be printed: the raw one in
/// `symbolic` is never shown. `excludes` tells whether a point where only one side
/// has a value is outside what the proof claims.
pub(super) fn combine(
    symbolic: SymbolicOutcome,
    numeric: NumericOutcome,
    difference: Option<Term>,
    context: &Arc<Context>,
    excludes: Excludes<'_>,
) -> Verdict {
    let remaining = |d: &Option<Term>| match d {
        Some(d) => format!(" by {}", print::unicode(d)),
        None => String::new(),
    };
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
            verified(&proof, n_points, context)
        }
        // A green check needs both opinions: without the second one (a divergent
        // integral, say, where formal cancellation "proves" ∞ − ∞ = 0) we say so.
        (SymbolicOutcome::Proved(proof), NumericOutcome::Unavailable(why)) => {
            Verdict::Undecided {
                reason: format!(
                    "the engine proved it ({}), but the independent numeric cross-check could not evaluate it ({why}), so it is not reported as verified",
                    proof.families
                ),
                blocked: Some(Blocked::NoSecondOpinion { why: why.to_string() }),
            }
        }
        // Equal where both are defined is equal only under the condition that makes
        // them defined (`x/x = 1` where x ≠ 0): verified if the proof states one
        // that excludes the point, undecided if not.
        (
            SymbolicOutcome::Proved(proof),
            NumericOutcome::DomainDiffers {
                n_points,
                point,
                elsewhere,
                ..
            },
        ) if [&point].into_iter().chain(&elsewhere).all(|p| excludes(&proof, p)) => {
            verified(&proof, n_points, context)
        }
        (
            SymbolicOutcome::Proved(proof),
            NumericOutcome::DomainDiffers {
                n_points,
                point,
                lhs_undefined,
                why,
                value,
                ..
            },
        ) => Verdict::Undecided {
            reason: format!(
                "the engine proved it ({}) and the sides agree numerically at {n_points} points, but {}: the proof states no condition that excludes it, so it is not reported as verified",
                proof.families,
                domain_difference(&point, lhs_undefined, &why, value)
            ),
            blocked: Some(Blocked::DomainDiffers),
        },
        (SymbolicOutcome::Differs { .. }, NumericOutcome::Differ { point, lhs, rhs }) => {
            Verdict::Wrong {
                point: point.0.into_iter().collect(),
                lhs,
                rhs,
                difference,
                hint: None,
                fixed: None,
                edit: None,
            }
        }
        (
            SymbolicOutcome::Differs { .. },
            NumericOutcome::Agree { n_points } | NumericOutcome::DomainDiffers { n_points, .. },
        ) => {
            Verdict::Undecided {
                reason: match &difference {
                    Some(d) => format!(
                        "the engine could not prove it (remaining difference {}), yet the sides agree numerically at {n_points} points",
                        print::unicode(d)
                    ),
                    None => format!(
                        "the engine could not prove it, yet the sides agree numerically at {n_points} points"
                    ),
                },
                blocked: Some(Blocked::Unproved {
                    difference: difference.clone(),
                    numbers_agree: true,
                }),
            }
        }
        (SymbolicOutcome::Differs { .. }, NumericOutcome::Unavailable(why)) => {
            Verdict::Undecided {
                reason: format!(
                    "the normal forms differ{}, but no numeric witness was found ({why})",
                    remaining(&difference)
                ),
                blocked: Some(Blocked::Unproved {
                    difference: difference.clone(),
                    numbers_agree: false,
                }),
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
                blocked: Some(Blocked::Engine {
                    blocker,
                    numbers_differ: true,
                }),
            }
        }
        (SymbolicOutcome::Blocked(blocker), _) => Verdict::Undecided {
            reason: blocker.to_string(),
            blocked: Some(Blocked::Engine {
                blocker,
                numbers_differ: false,
            }),
        },
    }
}

/// The verdict of a step both opinions agree on: the proof's families, facts and
/// conditions, and the points at which the numbers agreed.
fn verified(proof: &Proof, n_points: usize, context: &Context) -> Verdict {
    Verdict::Verified {
        families: proof.families,
        facts: proof
            .facts
            .iter()
            .map(|f| StatedFact {
                fact: f.clone(),
                statement: describe_fact(f, context),
            })
            .collect(),
        n_points,
        conditions: proof.conditions.clone(),
    }
}

/// The most symbols of unknown sign for which the positivity a step needs is narrowed
/// to the ones it needs, one proof per symbol.
const MINIMISED_UP_TO: usize = 6;

/// Why a step the engine cannot prove, but which agrees numerically, is undecided,
/// when the reason is a sign: the step holds once its free symbols of unknown sign
/// are assumed positive (the log and exp laws need positive arguments), so say which
/// assumption is missing instead of "could not prove it".
pub(super) fn positivity_needed(prover: &dyn Prover, query: &StepQuery) -> Option<Verdict> {
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
    let holds_if = |positive: &[crate::term::Name]| {
        let mut context = (*query.context).clone();
        context.positive.extend(positive.iter().cloned());
        prover.holds(StepQuery {
            context: Arc::new(context),
            ..query.clone()
        })
    };
    if !holds_if(&unknown_sign) {
        return None;
    }
    // Name only the symbols it needs: `log L = … Σ (x_i − μ)²` needs σ > 0, and advice
    // to assume μ > 0 as well would have the author assume what is not so. One symbol
    // left out at a time, each kept only if the step then fails (a few symbols: each
    // try is one more proof).
    let mut unknown_sign = unknown_sign;
    if unknown_sign.len() <= MINIMISED_UP_TO {
        let mut k = 0;
        while k < unknown_sign.len() && unknown_sign.len() > 1 {
            let mut without = unknown_sign.clone();
            without.remove(k);
            if holds_if(&without) {
                unknown_sign = without;
            } else {
                k += 1;
            }
        }
    }
    let prose: Vec<String> = unknown_sign.iter().map(print::unicode_name).collect();
    let latex: Vec<String> = unknown_sign.iter().map(print::latex_name).collect();
    let reason = format!(
        "positivity needed: this holds if {} > 0, which is not assumed (the log and exp laws need positive arguments); if it is so, add `assume {} > 0`",
        prose.join(", "),
        latex.join(", ")
    );
    Some(Verdict::Undecided {
        reason,
        blocked: Some(Blocked::PositivityNeeded {
            symbols: unknown_sign,
        }),
    })
}

/// `at x = 0, the previous step is undefined (division by zero) while this step is 1`.
fn domain_difference(point: &numeric::Point, lhs_undefined: bool, why: &str, value: f64) -> String {
    let (undefined, defined) = match lhs_undefined {
        true => ("the previous expression", "this step"),
        false => ("this step", "the previous expression"),
    };
    let at = match point.0.is_empty() {
        true => String::new(),
        false => format!("at {}, ", render_point(point)),
    };
    format!(
        "{at}{undefined} is undefined ({why}) while {defined} is {}",
        print::number(value)
    )
}

fn render_point(point: &numeric::Point) -> String {
    print::assignments(point.0.iter().map(|(name, value)| (name.as_str(), *value)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ChainReport, ExitStatus, FileReport, StepReport, StepVerdict};
    use crate::source::{SourceFile, Span};
    use crate::verdict::FamilySet;

    fn combine(symbolic: SymbolicOutcome, numeric: NumericOutcome) -> Verdict {
        super::combine(symbolic, numeric, None, &Arc::default(), &|_, _| false)
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
            limit_errors: Vec::new(),
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
                    annotations: Vec::new(),
                }],
                final_form: None,
            }],
            skipped: Vec::new(),
            declared: Vec::new(),
            shared: None,
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

    #[test]
    fn a_difference_of_domains_needs_a_condition_that_excludes_it() {
        let proof = || Proof {
            families: FamilySet::EMPTY,
            facts: Vec::new(),
            conditions: Vec::new(),
        };
        let at_zero = numeric::Point([("x".to_string(), 0.0)].into_iter().collect());
        let domains = || NumericOutcome::DomainDiffers {
            n_points: 8,
            point: at_zero.clone(),
            lhs_undefined: true,
            why: "division by zero".into(),
            value: 1.0,
            elsewhere: vec![numeric::Point(
                [("x".to_string(), -0.0)].into_iter().collect(),
            )],
        };
        let without = combine(SymbolicOutcome::Proved(proof()), domains());
        let Verdict::Undecided { reason, .. } = &without else {
            panic!("{without:?}");
        };
        assert!(
            reason.contains("at x = 0, the previous expression is undefined (division by zero) while this step is 1"),
            "{reason}"
        );
        let with = super::combine(
            SymbolicOutcome::Proved(proof()),
            domains(),
            None,
            &Arc::default(),
            &|_, point| point.0.get("x") == Some(&0.0),
        );
        assert!(
            matches!(with, Verdict::Verified { n_points: 8, .. }),
            "{with:?}"
        );
        // A condition that explains one such point but not another is not enough.
        let partly = super::combine(
            SymbolicOutcome::Proved(proof()),
            domains(),
            None,
            &Arc::default(),
            &|_, point| point.0.get("x").is_some_and(|x| x.is_sign_positive()),
        );
        assert!(matches!(partly, Verdict::Undecided { .. }), "{partly:?}");
    }
}
