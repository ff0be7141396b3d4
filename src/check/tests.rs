//! The checker against a fake prover: whatever the engine claims, a verdict needs the
//! numbers' agreement, and every formula that reaches the report (final form,
//! difference, hint, specialised value, normal forms) is one the numeric side
//! confirmed. No test here starts the real engine.

use std::sync::Arc;

use super::*;
use crate::program::Context;
use crate::report::NoFinalForm;
use crate::verdict::{Blocker, Family};

type Answer<T> = Option<Box<dyn Fn(&T) -> SymbolicOutcome + Sync>>;
type Predicate<T> = Option<Box<dyn Fn(&T) -> bool + Sync>>;
type Rewrite = Option<Box<dyn Fn(&Term) -> Option<Term> + Sync>>;

/// A prover whose every answer a test chooses. Unset answers: a step differs by 0,
/// nothing holds, no final form.
#[derive(Default)]
struct Fake {
    step: Answer<StepQuery>,
    holds: Predicate<StepQuery>,
    final_form: Rewrite,
    normal_forms: Option<(Term, Term)>,
}

impl Prover for Fake {
    fn check_step(&self, query: StepQuery) -> SymbolicOutcome {
        match &self.step {
            Some(f) => f(&query),
            None => SymbolicOutcome::Differs {
                difference: Term::int(0),
            },
        }
    }

    fn holds(&self, query: StepQuery) -> bool {
        self.holds.as_ref().is_some_and(|f| f(&query))
    }

    fn normal_forms(
        &self,
        _query: StepQuery,
        _families: FamilySet,
    ) -> Result<(Term, Term), Blocker> {
        self.normal_forms
            .clone()
            .ok_or_else(|| Blocker::Internal("no normal forms".into()))
    }

    fn final_form(
        &self,
        _context: Arc<Context>,
        term: Term,
        _limits: Limits,
    ) -> Result<Term, Blocker> {
        self.final_form
            .as_ref()
            .and_then(|f| f(&term))
            .ok_or_else(|| Blocker::Internal("no final form".into()))
    }
}

fn proved() -> SymbolicOutcome {
    SymbolicOutcome::Proved(Proof {
        families: FamilySet::of(&[Family::Algebra]),
        facts: Vec::new(),
        conditions: Vec::new(),
    })
}

/// The term `latex` lowers to, under `decls`.
fn term(decls: &str, latex: &str) -> Term {
    let text = format!("{decls}\n{latex}\n");
    let parsed = syntax::parse(&SourceFile::new("t.txt", text));
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let lowered = crate::lower::resolve_and_lower(&parsed.doc);
    assert!(lowered.errors.is_empty(), "{:?}", lowered.errors);
    lowered.program.chains[0].steps[0].term.clone()
}

fn check(text: &str, prover: &Fake) -> FileReport {
    let config = CheckConfig {
        explain: true,
        ..CheckConfig::default()
    };
    check_source_with(SourceFile::new("t.txt", text), &config, prover)
}

fn verdicts(report: &FileReport) -> Vec<&Verdict> {
    report.verdicts().collect()
}

#[test]
fn a_false_proof_is_inconsistent() {
    let fake = Fake {
        step: Some(Box::new(|_| proved())),
        ..Fake::default()
    };
    let report = check("a + a\n= 3a\n", &fake);
    assert!(
        matches!(verdicts(&report)[..], [Verdict::Inconsistent { .. }]),
        "{:?}",
        verdicts(&report)
    );
    assert_eq!(report.status(), crate::report::ExitStatus::Failed);
}

#[test]
fn a_true_proof_is_verified_with_its_normal_forms_confirmed() {
    let fake = Fake {
        step: Some(Box::new(|_| proved())),
        normal_forms: Some((term("", "2a"), term("", "2a"))),
        ..Fake::default()
    };
    let report = check("a + a\n= 2a\n", &fake);
    assert!(matches!(
        verdicts(&report)[..],
        [Verdict::Verified { n_points: 8, .. }]
    ));
    let step = report.chains[0].steps[1].verdict.as_ref().unwrap();
    assert!(step.normal_forms.is_some());
}

#[test]
fn normal_forms_the_numbers_contradict_are_not_shown() {
    let fake = Fake {
        step: Some(Box::new(|_| proved())),
        normal_forms: Some((term("", "3a"), term("", "2a"))),
        ..Fake::default()
    };
    let report = check("a + a\n= 2a\n", &fake);
    let step = report.chains[0].steps[1].verdict.as_ref().unwrap();
    assert_eq!(step.normal_forms, None);
}

#[test]
fn a_final_form_that_is_not_the_chains_value_is_not_printed() {
    // The chain's value is π/√3; an engine that claims π is contradicted.
    let fake = Fake {
        step: Some(Box::new(|_| proved())),
        final_form: Some(Box::new(|_| Some(Term::Pi))),
        ..Fake::default()
    };
    let report = check(
        "\\frac{\\pi}{\\sqrt{3}}\n= \\frac{\\pi}{\\sqrt{3}}\n",
        &fake,
    );
    let Some(Err(NoFinalForm::Unconfirmed(why))) = &report.chains[0].final_form else {
        panic!("{:?}", report.chains[0].final_form);
    };
    assert!(why.contains("internal inconsistency"), "{why}");
}

#[test]
fn a_final_form_the_numbers_confirm_is_printed() {
    let fake = Fake {
        step: Some(Box::new(|_| proved())),
        final_form: Some(Box::new(|_| Some(term("", "\\frac{\\sqrt{3}\\pi}{3}")))),
        ..Fake::default()
    };
    let report = check(
        "\\frac{\\pi}{\\sqrt{3}}\n= \\frac{\\pi}{\\sqrt{3}}\n",
        &fake,
    );
    let Some(Ok(form)) = &report.chains[0].final_form else {
        panic!("{:?}", report.chains[0].final_form);
    };
    assert_eq!(print::unicode(&form.term), "√3π/3");
}

#[test]
fn a_final_form_that_cannot_be_evaluated_is_not_printed() {
    // ∫ x dx has no value, so nothing can confirm a "final form" of it.
    let fake = Fake {
        step: Some(Box::new(|_| proved())),
        final_form: Some(Box::new(|_| Some(Term::int(0)))),
        ..Fake::default()
    };
    let report = check("\\int x dx\n= \\int x dx\n", &fake);
    assert!(matches!(
        &report.chains[0].final_form,
        Some(Err(NoFinalForm::Unconfirmed(_)))
    ));
}

#[test]
fn a_wrong_difference_is_not_printed_and_a_right_one_is() {
    // `a + b = a − b`: the difference is −2b. One engine says so; one says 2b.
    for (claimed, shown) in [("-2b", Some("−2b")), ("2b", None)] {
        let difference = term("", claimed);
        let fake = Fake {
            step: Some(Box::new(move |_| SymbolicOutcome::Differs {
                difference: difference.clone(),
            })),
            final_form: Some(Box::new(|t| Some(t.clone()))),
            ..Fake::default()
        };
        let report = check("a + b\n= a - b\n", &fake);
        let [Verdict::Wrong { difference, .. }] = verdicts(&report)[..] else {
            panic!("{:?}", verdicts(&report));
        };
        assert_eq!(difference.as_ref().map(print::unicode).as_deref(), shown);
    }
}

#[test]
fn the_raw_difference_is_printed_when_only_its_simplification_is_wrong() {
    let fake = Fake {
        step: Some(Box::new(|_| SymbolicOutcome::Differs {
            difference: term("", "-b - b"),
        })),
        final_form: Some(Box::new(|_| Some(term("", "-3b")))),
        ..Fake::default()
    };
    let report = check("a + b\n= a - b\n", &fake);
    let [Verdict::Wrong { difference, .. }] = verdicts(&report)[..] else {
        panic!("{:?}", verdicts(&report));
    };
    assert_eq!(
        difference.as_ref().map(print::unicode).as_deref(),
        Some("−b − b")
    );
}

#[test]
fn a_hint_is_given_only_when_the_numbers_agree_with_it() {
    // This engine "proves" every edit; the numbers pick the one that is true: the sign
    // of −b flipped (flipping a's sign comes first, and is false).
    let fake = Fake {
        step: Some(Box::new(|_| SymbolicOutcome::Differs {
            difference: term("", "-2b"),
        })),
        holds: Some(Box::new(|_| true)),
        ..Fake::default()
    };
    let report = check("a + b\n= a - b\n", &fake);
    let [Verdict::Wrong { hint, .. }] = verdicts(&report)[..] else {
        panic!("{:?}", verdicts(&report));
    };
    assert_eq!(
        hint.as_deref(),
        Some("the step holds if the sign of the term −b is flipped")
    );
}

#[test]
fn no_hint_when_no_edit_is_true() {
    let fake = Fake {
        step: Some(Box::new(|_| SymbolicOutcome::Differs {
            difference: term("", "b^2"),
        })),
        holds: Some(Box::new(|_| true)),
        ..Fake::default()
    };
    let report = check("a\n= a + b^2 + 7c\n", &fake);
    let [Verdict::Wrong { hint, .. }] = verdicts(&report)[..] else {
        panic!("{:?}", verdicts(&report));
    };
    // Two terms too many: no single edit makes the step true, so none is offered, and
    // the engine's false difference b² is not offered as a term to restore either.
    assert_eq!(hint, &None);
}

#[test]
fn a_specialised_value_is_shown_simplified_only_when_confirmed() {
    let text =
        "assume b > 0\nF(a, b) = a + b\n= b + a\nspecialise F(a, b) with b^2 = 4\nG = a + 2\n";
    for (claimed, shown) in [("2", "b = 2"), ("-2", "b^2 = 4")] {
        let value = term("", claimed);
        let fake = Fake {
            step: Some(Box::new(|_| proved())),
            final_form: Some(Box::new(move |t| {
                // The binding's value is 4^(1/2); other terms stay as they are.
                Some(match t {
                    Term::Pow(..) => value.clone(),
                    other => other.clone(),
                })
            })),
            ..Fake::default()
        };
        let report = check(text, &fake);
        let info = report.chains[1].specialisation.as_ref().unwrap();
        assert_eq!(info.bindings, [shown]);
    }
}

#[test]
fn a_missing_assumption_is_named_when_the_prover_says_so() {
    let fake = Fake {
        holds: Some(Box::new(|q| q.context.positive.len() == 2)),
        ..Fake::default()
    };
    let report = check("\\log(ab)\n= \\log a + \\log b\n", &fake);
    let [Verdict::Undecided { reason, .. }] = verdicts(&report)[..] else {
        panic!("{:?}", verdicts(&report));
    };
    assert!(reason.starts_with("positivity needed"), "{reason}");
}

#[test]
fn a_condition_excludes_the_points_where_it_fails() {
    use super::second_opinion::Requirement;
    let raw = syntax::parse(&SourceFile::new("t.txt", "")).doc;
    let (resolved, after) = syntax::resolve_keeping(&raw);
    let numeric = SecondOpinion::new(&resolved.doc, after);
    let at = |x: f64| crate::numeric::Point([("x".to_string(), x)].into_iter().collect());
    let x_minus_one = term("", "x - 1");
    let nonzero = [(x_minus_one.clone(), Requirement::NonZero)];
    assert!(numeric.excludes(&nonzero, &at(1.0)));
    assert!(!numeric.excludes(&nonzero, &at(2.0)));
    let nonnegative = [(term("", "x"), Requirement::NonNegative)];
    assert!(numeric.excludes(&nonnegative, &at(-0.5)));
    assert!(!numeric.excludes(&nonnegative, &at(0.0)));
    let positive = [(x_minus_one, Requirement::Positive)];
    assert!(numeric.excludes(&positive, &at(1.0)));
    assert!(!numeric.excludes(&[], &at(1.0)));
}

/// Issue 14: the numeric comparison of a step now runs while the engine works, before
/// the engine's difference is confirmed from the same budget. Its outcome stands only
/// when the old order would have given it too; else it is made again, in that order.
#[test]
fn the_numbers_made_ahead_stand_only_where_the_old_order_gives_them() {
    use crate::numeric::NumericOutcome;
    // A comparison that costs `cost` visits, and says whether it had them.
    let compare = |cost: u64| {
        move |budget: &Budget| match budget.spend(cost) {
            true => NumericOutcome::Unavailable("paid".into()),
            false => NumericOutcome::Unavailable("short".into()),
        }
    };
    let outcome = |left_after_difference: u64, cost: u64| {
        let budget = Budget::new(100);
        let ahead = NumericAhead::run(&budget, compare(cost));
        assert_eq!(budget.remaining(), 100, "made ahead on a budget of its own");
        budget.spend(100 - left_after_difference);
        let outcome = ahead.outcome(&budget, compare(cost));
        (outcome, budget.remaining())
    };
    let said = |what: &str| NumericOutcome::Unavailable(what.into());
    // Enough left after the difference: the outcome stands, its cost is paid.
    assert_eq!(outcome(95, 10), (said("paid"), 85));
    assert_eq!(outcome(10, 10), (said("paid"), 0));
    // Not enough left: made again, and it runs short, as it did after the difference.
    assert_eq!(outcome(5, 10), (said("short"), 0));
    // It ran short ahead too: made again on the step's budget.
    assert_eq!(outcome(100, 200), (said("short"), 0));
}
