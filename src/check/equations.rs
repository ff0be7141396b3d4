//! Chains of equations: `0 = f(μ)`, then `\Rightarrow 0 = g(μ)`, …, `\iff \hat{\mu} = \bar{x}`,
//! each equation claimed to have the same solutions as the one before.
//!
//! **Verified** when the difference of sides of equation k+1 is that of equation k
//! times a factor `q` whose sign the engine knows (so `q` is non-zero, and finite,
//! wherever both are defined): the engine finds `q`, the step `q·(L_k − R_k) =
//! L_{k+1} − R_{k+1}` is then decided like any other (proved by the engine and
//! confirmed by the numeric side), and the report names the factor: "divided by n,
//! which is > 0". Solving for a variable is such a step (`μ − x̄ = (1/n)(nμ − Σ x_i)`).
//! `\Rightarrow` is checked as `\iff`: a verified step holds both ways.
//!
//! **Wrong** when the chain ends in a solved equation `v = e` (or `v^2 = e` for a
//! positive `v`) and exactly one of the two equations holds at `v = e`: the engine
//! proves one and the numbers refute the other. The witness gives the parameters,
//! and the values of `L − R` of both equations there, with `v` at that solution.
//!
//! **Undecided** otherwise, with the factor found and why it was not enough.
//!
//! In a chain of equations, `\hat{\mu}` is μ at the solution (resolution drops the
//! hat), so `\hat{\mu} = \bar{x}` ends the chain solving for μ.

use super::*;
use crate::check::prover::Sign;
use crate::source::Span;
use crate::syntax::ast::{Binding, Connective, Expr, ExprKind, MulSign};
use crate::term::Name;

/// One equation: the difference of its sides as a term, as written, and where.
struct Equation {
    term: Term,
    expr: Expr,
    span: Span,
}

/// The chain's last equation solved for a variable: the substitution for the engine
/// and the binding for the numeric side.
#[derive(Clone)]
pub(super) struct Solution {
    substitution: Vec<(Name, Term)>,
    bindings: Vec<Binding>,
    /// The variable's key, whether its square is what is solved for, and its value
    /// as written: for the witness.
    variable: (String, bool, Expr),
}

impl Solution {
    /// The variable solved for and its value (for a square, the root): one pair.
    fn solved(&self) -> Option<&(Name, Term)> {
        match self.substitution.as_slice() {
            [pair] => Some(pair),
            _ => None,
        }
    }

    /// "μ = x̄, solved above, in place of μ", for a step decided with this solution.
    fn joint_fact(&self) -> Option<crate::report::StatedFact> {
        let (_, value) = self.solved()?;
        Some(stated(crate::verdict::Fact::JointSolution {
            variable: Name::new(&self.variable.0),
            squared: self.variable.1,
            value: value.clone(),
        }))
    }
}

/// A fact with its statement, as the report prints it.
fn stated(fact: crate::verdict::Fact) -> crate::report::StatedFact {
    crate::report::StatedFact {
        statement: crate::report::describe_fact(&fact, &Default::default()),
        fact,
    }
}

impl Checker<'_> {
    /// Every step of a chain of equations.
    pub(super) fn equations(&self, chain_idx: usize, chain: &Chain) -> ChainReport {
        let exprs = self.ast_steps(chain);
        let m = chain.steps.len() / 2;
        let well_formed = chain.steps.len().is_multiple_of(2) && m == chain.connectives.len() + 1;
        let equations: Vec<Equation> = (0..m)
            .map(|k| {
                let (l, r) = (&chain.steps[2 * k], &chain.steps[2 * k + 1]);
                let (le, re) = (exprs[l.ast_idx], exprs[r.ast_idx]);
                let span = le.span.join(re.span);
                Equation {
                    term: Term::add([l.term.clone(), Term::negate(r.term.clone())]),
                    expr: Expr::new(
                        ExprKind::Sub(Box::new(le.clone()), Box::new(re.clone())),
                        span,
                    ),
                    span,
                }
            })
            .collect();
        let solution = well_formed.then(|| self.solution(chain, &exprs)).flatten();
        let mut steps: Vec<StepReport> = Vec::new();
        let mut last_good: Option<usize> = None;
        for (k, equation) in equations.iter().enumerate() {
            let mut verdict = (k > 0).then(|| {
                let seed = (chain_idx as u64) << 16 | k as u64;
                if !well_formed {
                    let decided = Decided::undecided("the chain of equations is not read as pairs");
                    return StepVerdict {
                        against: k,
                        verdict: decided.verdict,
                        normal_forms: None,
                    };
                }
                let decide = |from: usize| {
                    self.equation_step(
                        &equations[from],
                        equation,
                        chain.connectives[k - 1],
                        solution.as_ref(),
                        seed,
                        None,
                    )
                };
                let mut decided = decide(k - 1);
                // `\hat{\sigma}^2 = \frac{1}{n}\sum_i (x_i - \bar{x})^2` after `\hat{\mu} =
                // \bar{x}` was solved: the equations solved jointly.
                if !is_verified(&decided.verdict) {
                    let own = solution.as_ref().map(|s| s.variable.0.as_str());
                    let jointly = self.jointly(&equations[k - 1], equation, own, |solved| {
                        self.equation_step(
                            &equations[k - 1],
                            equation,
                            chain.connectives[k - 1],
                            None,
                            seed,
                            Some(solved),
                        )
                    });
                    if let Some(jointly) = jointly {
                        decided = jointly;
                    }
                }
                // After a wrong equation, one that follows from the last good one makes
                // the wrong one a slip on its own line, as in a chain of equalities.
                let previous_wrong = is_wrong(steps[k - 1].verdict.as_ref());
                if let (false, true, Some(good)) =
                    (is_verified(&decided.verdict), previous_wrong, last_good)
                {
                    let from_good = decide(good);
                    if is_verified(&from_good.verdict) {
                        return StepVerdict {
                            against: good + 1,
                            verdict: from_good.verdict,
                            normal_forms: from_good.normal_forms,
                        };
                    }
                }
                StepVerdict {
                    against: k,
                    verdict: decided.verdict,
                    normal_forms: decided.normal_forms,
                }
            });
            if let Some(v) = verdict.as_mut() {
                self.given_elsewhere.weigh(self.source, v, equation.span);
            }
            if !is_wrong(verdict.as_ref()) {
                last_good = Some(k);
            }
            let annotations = [2 * k, 2 * k + 1]
                .into_iter()
                .filter_map(|i| chain.steps.get(i))
                .filter_map(|s| self.ast_step(chain, s.ast_idx))
                .flat_map(|s| s.annotations.iter().map(|a| a.text.clone()))
                .collect();
            steps.push(StepReport {
                number: k + 1,
                span: equation.span,
                verdict,
                annotations,
            });
        }
        let all_verified = steps
            .iter()
            .all(|s| s.verdict.as_ref().is_none_or(|v| is_verified(&v.verdict)));
        // Kept for the chains after it: MLE notes solve `∂ℓ/∂μ = 0` for `μ̂ = x̄`, then
        // write `σ̂²` with `x̄` in μ's place.
        if let (true, true, Some(solution)) = (all_verified, steps.len() > 1, solution) {
            self.solved.borrow_mut().push(solution);
        }
        ChainReport {
            name: None,
            specialisation: None,
            steps,
            final_form: None,
        }
    }

    /// The step from `before` to `after` decided by `decide` jointly with the latest
    /// earlier solution (`μ = x̄`) whose variable `before` mentions and `after` does
    /// not (the author put the solution in its place), when that verifies it; never
    /// with the chain's `own` variable.
    fn jointly(
        &self,
        before: &Equation,
        after: &Equation,
        own: Option<&str>,
        decide: impl Fn(&Solution) -> Decided,
    ) -> Option<Decided> {
        let (in_before, in_after) = (before.term.free_symbols(), after.term.free_symbols());
        let candidate = self
            .solved
            .borrow()
            .iter()
            .rev()
            .find(|s| {
                s.solved().is_some_and(|(v, _)| {
                    Some(v.as_str()) != own && in_before.contains(v) && !in_after.contains(v)
                })
            })?
            .clone();
        let decided = decide(&candidate);
        is_verified(&decided.verdict).then_some(decided)
    }

    /// The last equation as `v = e` (or `v^2 = e`, `v` positive) with `e` free of `v`.
    fn solution(&self, chain: &Chain, exprs: &[&Expr]) -> Option<Solution> {
        let (l, r) = (
            &chain.steps[chain.steps.len() - 2],
            &chain.steps[chain.steps.len() - 1],
        );
        let (le, re) = (exprs[l.ast_idx], exprs[r.ast_idx]);
        let squared = !matches!(&l.term, Term::Sym(_));
        let (v, value) = match &l.term {
            Term::Sym(v) => (v.clone(), r.term.clone()),
            Term::Pow(base, exponent)
                if **exponent == Term::int(2)
                    && matches!(&**base, Term::Sym(v) if self.context.positive.contains(v)) =>
            {
                let Term::Sym(v) = &**base else { return None };
                (v.clone(), Term::pow(r.term.clone(), Term::frac(1, 2)))
            }
            _ => return None,
        };
        if r.term.free_symbols().contains(&v) {
            return None;
        }
        Some(Solution {
            variable: (v.as_str().to_string(), squared, re.clone()),
            substitution: vec![(v, value)],
            bindings: vec![Binding {
                lhs: le.clone(),
                rhs: re.clone(),
            }],
        })
    }

    fn equation_step(
        &self,
        before: &Equation,
        after: &Equation,
        connective: Connective,
        solution: Option<&Solution>,
        seed: u64,
        joint: Option<&Solution>,
    ) -> Decided {
        let budget = Budget::per_step();
        // Jointly with an earlier chain's solution: the equation before, at it.
        let before_term = match joint {
            Some(solved) => before.term.substitute(&|n| {
                let found = solved.substitution.iter().find(|(m, _)| m == n);
                found.map(|(_, value)| value.clone())
            }),
            None => before.term.clone(),
        };
        let ratio = self.prover.ratio(
            self.context.clone(),
            after.term.clone(),
            before_term,
            self.config.limits,
        );
        let why = match ratio {
            Ok((q, Some(sign))) => match self.numeric.reparse(&q) {
                Ok(q_expr) => {
                    let scaled = Term::mul([q.clone(), before.term.clone()]);
                    let written = Expr::new(
                        ExprKind::Mul(
                            Box::new(q_expr),
                            Box::new(before.expr.clone()),
                            MulSign::Implicit,
                        ),
                        before.span,
                    );
                    let lhs = Side {
                        term: &scaled,
                        written: Written {
                            expr: &written,
                            bindings: joint.map(|s| s.bindings.as_slice()),
                        },
                    };
                    let rhs = Side {
                        term: &after.term,
                        written: Written::plain(&after.expr),
                    };
                    let substitution = joint.map_or(&[][..], |s| &s.substitution);
                    let mut decided = self.step(lhs, rhs, substitution, seed, &budget);
                    if let Verdict::Verified { facts, .. } = &mut decided.verdict {
                        facts.insert(0, scaled_text(&q, sign));
                        if let Some(fact) = joint.and_then(Solution::joint_fact) {
                            facts.insert(0, fact);
                        }
                        return decided;
                    }
                    format!(
                        "the line before multiplied by {} was not confirmed to be this one",
                        print::unicode(&q)
                    )
                }
                Err(why) => format!("the factor {} is not confirmed: {why}", print::unicode(&q)),
            },
            Ok((q, None)) => format!(
                "this equation is the one before multiplied by {}, which is not known to be non-zero everywhere: the solutions may differ",
                print::unicode(&q)
            ),
            Err(blocker) => match self.after_an_identity(before, after, seed, &budget) {
                Some(decided) => return decided,
                None => blocker.to_string(),
            },
        };
        if let Some(solution) = solution.filter(|_| joint.is_none()) {
            if let Some(wrong) = self.at_solution(before, after, solution, seed, &budget) {
                return wrong;
            }
        }
        let direction = match connective {
            Connective::Implies => " (`\\Rightarrow` is checked as `\\iff`)",
            Connective::Iff => "",
        };
        Decided::undecided(&format!("{why}{direction}"))
    }

    /// `Σ(x_i − x̄) = Σ x_i − n x̄ = 0 \Rightarrow Σ x_i = n x̄`: an equation before that
    /// holds for every value (no factor relates the two) is followed by one that must
    /// too. Verified when both sides' differences are proved zero, as steps from `0`;
    /// `None` otherwise (the caller says why it could not decide).
    fn after_an_identity(
        &self,
        before: &Equation,
        after: &Equation,
        seed: u64,
        budget: &Budget,
    ) -> Option<Decided> {
        let zero_term = Term::int(0);
        let zero_expr = Expr::new(ExprKind::Number("0".into()), before.span);
        let zero = Side {
            term: &zero_term,
            written: Written::plain(&zero_expr),
        };
        let holds = |term: &Term, expr: &Expr| {
            let this = Side {
                term,
                written: Written::plain(expr),
            };
            self.step(zero, this, &[], seed, budget)
        };
        if !matches!(
            holds(&before.term, &before.expr).verdict,
            Verdict::Verified { .. }
        ) {
            return None;
        }
        let mut decided = holds(&after.term, &after.expr);
        let Verdict::Verified { facts, .. } = &mut decided.verdict else {
            return None;
        };
        facts.insert(0, stated(crate::verdict::Fact::EveryValueSolves));
        Some(decided)
    }

    /// Wrong when exactly one of the two equations holds at the chain's solution.
    fn at_solution(
        &self,
        before: &Equation,
        after: &Equation,
        solution: &Solution,
        seed: u64,
        budget: &Budget,
    ) -> Option<Decided> {
        let zero = Term::int(0);
        let at = |equation: &Equation| {
            let zero_expr = Expr::new(ExprKind::Number("0".into()), equation.span);
            let lhs = Side {
                term: &equation.term,
                written: Written {
                    expr: &equation.expr,
                    bindings: Some(&solution.bindings),
                },
            };
            let rhs = Side {
                term: &zero,
                written: Written::plain(&zero_expr),
            };
            self.step(lhs, rhs, &solution.substitution, seed, budget)
                .verdict
        };
        let (b, a) = (at(before), at(after));
        // The witness names the variable too, at the chain's solution there.
        let with_variable = |point: &[(String, f64)]| {
            let mut point = point.to_vec();
            let (name, squared, value) = &solution.variable;
            let at = crate::numeric::Point(point.iter().cloned().collect());
            if let Some(v) = self.numeric.value(value, &at) {
                let v = if *squared { v.sqrt() } else { v };
                if v.is_finite() {
                    point.push((name.clone(), v));
                }
            }
            point
        };
        let wrong = |point: &[(String, f64)], lhs: f64, rhs: f64| Decided {
            verdict: Verdict::Wrong {
                point: with_variable(point),
                lhs,
                rhs,
                difference: None,
                hint: None,
                fixed: None,
                edit: None,
            },
            normal_forms: None,
        };
        match (&b, &a) {
            (Verdict::Verified { .. }, Verdict::Wrong { point, lhs, .. }) => {
                Some(wrong(point, 0.0, *lhs))
            }
            (Verdict::Wrong { point, lhs, .. }, Verdict::Verified { .. }) => {
                Some(wrong(point, *lhs, 0.0))
            }
            _ => None,
        }
    }
}

/// "divided by n, which is > 0", "multiplied by 2σ⁴, which is > 0".
fn scaled_text(q: &Term, sign: Sign) -> crate::report::StatedFact {
    stated(crate::verdict::Fact::ScaledEquation {
        factor: q.clone(),
        positive: matches!(sign, Sign::Positive),
    })
}
