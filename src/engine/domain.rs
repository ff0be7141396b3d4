//! Where a step is defined: the conditions it holds under, or why it is about an
//! undefined value.
//!
//! Symbolica normalises as it builds: `x/x` is `1` and `√x·√x` is `x` the moment they
//! are atoms, and `(x²−1)/(x−1)` becomes `x+1` once put over a common denominator. Each
//! such cancellation holds only where what it cancels is defined and non-zero. So the
//! requirements are read from the [`Term`]s *before* any atom exists, with the
//! definitions written out (a denominator may only vanish after that):
//!
//! | written | requirement |
//! |---|---|
//! | `a⁻ⁿ`, `a⁰` (so `1/a`) | `a ≠ 0` |
//! | `a^(p/q)`, `p/q > 0` not an integer (so `√a`) | `a ≥ 0` |
//! | `a^(p/q)`, `p/q < 0` not an integer; `a^u` for a symbolic `u`; `log a` | `a > 0` |
//! | `∫ f dx` | converges absolutely (Gaussian class, see `rules::gaussian`) |
//!
//! A requirement the sign oracle (`positivity`) proves is dropped; one that normalises
//! to something never satisfied (`x − x ≠ 0`, `log(−1 − x²)`) makes the step undefined;
//! the rest become the step's [`Condition`]s, printed "where x ≠ 0". A requirement on an
//! integration variable cannot be a condition of the step (`∫ log(x) p(x) dx` needs
//! `x > 0` for every x), so its integral is one we cannot tell converges.
//!
//! Every integral written, at every level, must converge: `∫(∫ x dy − ∫ x dy) dx`
//! would otherwise be 0. Each is judged on its own, the variables of the integrals
//! around it renamed to fresh names with no assumption (an `assume y > 0` says
//! nothing of the `y` in `∫ … dy`).

use std::collections::BTreeSet;

use symbolica::atom::{Atom, AtomCore};

use super::binders::has_integral;
use super::normalize::normalize;
use super::rules::RuleCx;
use crate::program::Context;
use crate::term::{fresh_name, Endpoint, Name, Rational, Term};
use crate::verdict::{Blocker, Condition, Family, FamilySet, Limit};

/// The conditions under which every one of `terms` is defined, or why one of them is
/// undefined or cannot be told to be defined.
pub fn conditions(
    terms: &[&Term],
    context: &Context,
    cx: &mut RuleCx<'_>,
) -> Result<Vec<Condition>, Blocker> {
    let max_nodes = cx.limits.max_nodes;
    let mut found = Found {
        integrals: Vec::new(),
        requirements: Vec::new(),
        with_integrals: cx.with_integrals.clone(),
    };
    for term in terms {
        found.integrals_in(term, context, &mut Vec::new());
        let expanded =
            context
                .expand_calls(term, max_nodes)
                .ok_or(Blocker::Limit(Limit::ExpressionSize {
                    found: max_nodes + 1,
                    max: max_nodes,
                }))?;
        found.requirements_in(&expanded, &mut Vec::new());
    }
    let mut judge = Judge {
        cx,
        avoid: None,
        terms,
        context,
    };
    let mut seen = Vec::new();
    for (integral, around) in found.integrals {
        if !seen.contains(&integral) {
            judge.integral(&integral, &around)?;
            seen.push(integral);
        }
    }
    let mut conditions: Vec<(Atom, Condition)> = Vec::new();
    for requirement in found.requirements {
        if let Some(condition) = judge.requirement(&requirement)? {
            merge(&mut conditions, judge.cx.atom(condition.term()), condition);
        }
    }
    Ok(conditions.into_iter().map(|(_, c)| c).collect())
}

/// What a requirement comes from, for the message when it can never hold.
#[derive(Clone, Copy)]
enum Origin {
    Division,
    ZeroPower,
    Root,
    Power,
    Log,
}

struct Requirement {
    condition: Condition,
    origin: Origin,
    /// The integration variables around it that it mentions, and the innermost
    /// integral binding one of them.
    bound: Vec<Name>,
    inside: Option<Term>,
}

struct Found {
    /// Every integral, innermost first, with the variables bound around it that it
    /// mentions.
    integrals: Vec<(Term, Vec<Name>)>,
    requirements: Vec<Requirement>,
    /// Declared functions whose formula (through its calls) holds an integral.
    with_integrals: std::rc::Rc<BTreeSet<Name>>,
}

impl Found {
    /// The integrals of `term` as written; those of a definition as its formula with
    /// the call's arguments put in.
    fn integrals_in(&mut self, term: &Term, context: &Context, bound: &mut Vec<Name>) {
        match term {
            Term::Num(_) | Term::Sym(_) | Term::Pi => {}
            Term::Add(ts) | Term::Mul(ts) => {
                ts.iter().for_each(|t| self.integrals_in(t, context, bound));
            }
            Term::Pow(a, b) => {
                self.integrals_in(a, context, bound);
                self.integrals_in(b, context, bound);
            }
            Term::Log(a) | Term::Exp(a) | Term::Special(_, a) => {
                self.integrals_in(a, context, bound)
            }
            Term::Limit { var, body, .. } => {
                bound.push(var.clone());
                self.integrals_in(body, context, bound);
                bound.pop();
            }
            Term::Integral { var, body } | Term::Definite { var, body, .. } => {
                for limit in term.finite_limits() {
                    self.integrals_in(limit, context, bound);
                }
                bound.push(var.clone());
                self.integrals_in(body, context, bound);
                bound.pop();
                let around = mentioned(term, bound);
                self.integrals.push((term.clone(), around));
            }
            Term::Series {
                lower, upper, body, ..
            } => {
                // An index is not an integration variable: an integral inside a sum
                // that mentions it is judged with the index as a free name.
                for t in [lower, upper, body] {
                    self.integrals_in(t, context, bound);
                }
            }
            Term::Indexed(_, index) => self.integrals_in(index, context, bound),
            Term::Call(f, args) => {
                args.iter()
                    .for_each(|t| self.integrals_in(t, context, bound));
                if self.with_integrals.contains(f) {
                    if let Some(def) = context.function(f).filter(|d| d.params.len() == args.len())
                    {
                        self.integrals_in(&def.apply(args), context, bound);
                    }
                }
            }
        }
    }

    /// The requirements of `term`, written out, innermost first.
    fn requirements_in(&mut self, term: &Term, bound: &mut Vec<(Name, Term)>) {
        match term {
            Term::Num(_) | Term::Sym(_) | Term::Pi => {}
            Term::Add(ts) | Term::Mul(ts) | Term::Call(_, ts) => {
                ts.iter().for_each(|t| self.requirements_in(t, bound));
            }
            // erf is defined everywhere; Γ is refused by the numeric side at its poles
            // and the engine evaluates it at positive numbers only.
            Term::Exp(a) | Term::Special(_, a) => self.requirements_in(a, bound),
            Term::Log(a) => {
                self.requirements_in(a, bound);
                self.require(bound, Condition::Positive((**a).clone()), Origin::Log);
            }
            Term::Pow(base, exp) => {
                self.requirements_in(base, bound);
                self.requirements_in(exp, bound);
                let b = (**base).clone();
                let (condition, origin) = match constant_rational(exp) {
                    Some(r) if r.is_integer() && r.num() > 0 => return,
                    // `a⁰` too: Symbolica calls `0⁰` indeterminate.
                    Some(r) if r.num() == 0 => (Condition::NonZero(b), Origin::ZeroPower),
                    Some(r) if r.is_integer() => (Condition::NonZero(b), Origin::Division),
                    Some(r) if r.num() > 0 => (Condition::NonNegative(b), Origin::Root),
                    Some(_) => (Condition::Positive(b), Origin::Root),
                    None => (Condition::Positive(b), Origin::Power),
                };
                match condition {
                    // `ab ≠ 0` is `a ≠ 0` and `b ≠ 0`; `a² ≠ 0` is `a ≠ 0`.
                    Condition::NonZero(b) => {
                        for factor in nonzero_factors(&b) {
                            self.require(bound, Condition::NonZero(factor), origin);
                        }
                    }
                    condition => self.require(bound, condition, origin),
                }
            }
            Term::Integral { var, body }
            | Term::Definite { var, body, .. }
            | Term::Limit { var, body, .. } => {
                for limit in term.finite_limits() {
                    self.requirements_in(limit, bound);
                }
                bound.push((var.clone(), term.clone()));
                self.requirements_in(body, bound);
                bound.pop();
            }
            // A requirement inside a sum is one for every value of its index: it is
            // stated with the index (`x_i > 0`), which the report reads as "each i".
            Term::Series {
                lower, upper, body, ..
            } => {
                self.requirements_in(lower, bound);
                self.requirements_in(upper, bound);
                self.requirements_in(body, bound);
            }
            Term::Indexed(_, index) => self.requirements_in(index, bound),
        }
    }

    fn require(&mut self, bound: &[(Name, Term)], condition: Condition, origin: Origin) {
        let names: Vec<Name> = bound.iter().map(|(n, _)| n.clone()).collect();
        let mentioned = mentioned(condition.term(), &names);
        let inside = bound
            .iter()
            .rev()
            .find(|(n, _)| mentioned.contains(n))
            .map(|(_, integral)| integral.clone());
        self.requirements.push(Requirement {
            condition,
            origin,
            bound: mentioned,
            inside,
        });
    }
}

/// The factors of a product that must each be non-zero for it to be: `a`, `b` for
/// `a²b`; numbers other than 0 need nothing.
fn nonzero_factors(term: &Term) -> Vec<Term> {
    match term {
        Term::Mul(ts) => ts.iter().flat_map(nonzero_factors).collect(),
        Term::Pow(base, exp)
            if constant_rational(exp).is_some_and(|r| r.is_integer() && r.num() > 0) =>
        {
            nonzero_factors(base)
        }
        Term::Num(r) if r.num() != 0 => Vec::new(),
        other => vec![other.clone()],
    }
}

/// The names of `names` free in `term`.
fn mentioned(term: &Term, names: &[Name]) -> Vec<Name> {
    let free = term.free_symbols();
    let mut out: Vec<Name> = names
        .iter()
        .filter(|n| free.contains(*n))
        .cloned()
        .collect();
    out.dedup();
    out
}

/// The declared functions whose formula, through the functions it calls, holds an
/// integral (or a limit): writing out their calls can give linearity and the Gaussian
/// rule work.
pub(super) fn functions_with_integrals(context: &Context) -> BTreeSet<Name> {
    functions_holding(context, &|t| {
        matches!(
            t,
            Term::Integral { .. } | Term::Definite { .. } | Term::Limit { .. }
        )
    })
}

/// The declared functions whose formula, through the functions it calls, holds erf,
/// Γ or an absolute value: writing out their calls (`Φ(−z)`) can give the
/// special-function laws work.
pub(super) fn functions_with_special_functions(context: &Context) -> BTreeSet<Name> {
    functions_holding(context, &|t| matches!(t, Term::Special(..)))
}

/// The declared functions whose formula holds a node `is` accepts, directly or through
/// the functions it calls.
fn functions_holding(context: &Context, is: &dyn Fn(&Term) -> bool) -> BTreeSet<Name> {
    // Definitions only call earlier ones, so one pass in order suffices.
    let mut known = BTreeSet::new();
    for f in &context.functions {
        let holds = f
            .body
            .any(&|t| is(t) || matches!(t, Term::Call(g, _) if known.contains(g)));
        if holds {
            known.insert(f.name.clone());
        }
    }
    known
}

/// The exact value of a constant exponent such as `2`, `−1`, `1/2`, `−1/2`.
fn constant_rational(term: &Term) -> Option<Rational> {
    match term {
        Term::Num(r) => Some(*r),
        Term::Mul(ts) => ts.iter().try_fold(Rational::int(1), |acc, t| {
            let r = constant_rational(t)?;
            Rational::new(
                acc.num().checked_mul(r.num())?,
                acc.den().checked_mul(r.den())?,
            )
        }),
        Term::Add(ts) => ts.iter().try_fold(Rational::int(0), |acc, t| {
            let r = constant_rational(t)?;
            let num = acc
                .num()
                .checked_mul(r.den())?
                .checked_add(r.num().checked_mul(acc.den())?)?;
            Rational::new(num, acc.den().checked_mul(r.den())?)
        }),
        _ => None,
    }
}

/// Keep `condition` unless one as strong is there; `a ≠ 0` and `a ≥ 0` make `a > 0`.
fn merge(conditions: &mut Vec<(Atom, Condition)>, key: Atom, condition: Condition) {
    let Some(i) = conditions.iter().position(|(k, _)| *k == key) else {
        conditions.push((key, condition));
        return;
    };
    let merged = match (&conditions[i].1, &condition) {
        (a, b) if std::mem::discriminant(a) == std::mem::discriminant(b) => return,
        (Condition::Positive(_), _) => return,
        (_, Condition::Positive(_)) => condition,
        (existing, _) => Condition::Positive(existing.term().clone()),
    };
    conditions[i].1 = merged;
}

struct Judge<'c, 'a> {
    cx: &'c mut RuleCx<'a>,
    /// Names a fresh name must not be: every name of the terms judged, of the
    /// assumptions and of the declarations. Collected when first needed (an integral
    /// inside another), as collecting it costs a walk of every declaration.
    avoid: Option<BTreeSet<Name>>,
    terms: &'c [&'c Term],
    context: &'c Context,
}

impl Judge<'_, '_> {
    /// Every family but substitution: what a value is does not depend on `--families`.
    fn families() -> FamilySet {
        FamilySet::of(&Family::ALL).without(Family::Substitution)
    }

    /// `term` with the integration variables `around` it renamed to fresh names that
    /// nothing is assumed of (`y′` for `y`), so it can be judged on its own; and the
    /// renamings.
    fn standalone(&mut self, term: &Term, around: &[Name]) -> (Term, Vec<(Name, Name)>) {
        if around.is_empty() {
            return (term.clone(), Vec::new());
        }
        let (terms, context) = (self.terms, self.context);
        let avoid = self.avoid.get_or_insert_with(|| {
            let mut avoid: BTreeSet<Name> = terms.iter().flat_map(|t| t.names()).collect();
            avoid.extend(context.positive.iter().cloned());
            for f in &context.functions {
                avoid.extend(f.body.names());
                avoid.extend(f.params.iter().cloned());
            }
            avoid
        });
        let renames: Vec<(Name, Name)> = around
            .iter()
            .map(|n| {
                let fresh = fresh_name(&Name::new(format!("{n}′")), avoid);
                avoid.insert(fresh.clone());
                (n.clone(), fresh)
            })
            .collect();
        let renamed = term.substitute(&|n| {
            renames
                .iter()
                .find(|(from, _)| from == n)
                .map(|(_, to)| Term::Sym(to.clone()))
        });
        (renamed, renames)
    }

    /// `Ok` when `integral` converges absolutely: the Gaussian rule, with every family
    /// it may need, evaluates it (and every integral in it).
    fn integral(&mut self, integral: &Term, around: &[Name]) -> Result<(), Blocker> {
        let (standalone, renames) = self.standalone(integral, around);
        let atom = self.cx.atom(&standalone);
        let note: String = renames
            .iter()
            .map(|(from, to)| {
                format!(
                    " ({} is {}, the variable of an enclosing integral, of which nothing is assumed)",
                    crate::print::unicode_name(to),
                    crate::print::unicode_name(from)
                )
            })
            .collect();
        let cannot_tell = |diverges: bool, reason: String| Blocker::Convergence {
            integral: integral.clone(),
            diverges,
            reason: format!("{reason}{note}"),
        };
        match normalize(&atom, Self::families(), self.cx) {
            Ok(value) if !has_integral(value.as_view(), self.cx.symbols) => Ok(()),
            Ok(_) => Err(cannot_tell(
                false,
                "the Gaussian rule does not evaluate it".into(),
            )),
            Err(Blocker::UnsupportedIntegrand {
                reason, diverges, ..
            }) => Err(cannot_tell(diverges, reason)),
            Err(other) => Err(other),
        }
    }

    /// `term` (a requirement inside an integral over a half-line `(lo, ∞)` or
    /// `(−∞, hi)`, its variable renamed as in `renames`) with that variable written as
    /// `lo + e^s` (or `hi − e^s`) for a fresh `s`: those are exactly the points of the
    /// open range, and an integral does not see its endpoint, so `1/y` and `log y`
    /// under `∫_0^∞ … dy` are defined where it integrates. Unchanged otherwise, or when
    /// the limit mentions another integration variable.
    fn on_its_range(
        &mut self,
        term: Term,
        requirement: &Requirement,
        renames: &[(Name, Name)],
    ) -> Term {
        let Some(Term::Definite {
            var, lower, upper, ..
        }) = &requirement.inside
        else {
            return term;
        };
        let Some((_, fresh)) = renames.iter().find(|(from, _)| from == var) else {
            return term;
        };
        let (limit, sign) = match (lower.as_ref(), upper.as_ref()) {
            (Endpoint::At(lo), Endpoint::PosInf) => (lo, 1),
            (Endpoint::NegInf, Endpoint::At(hi)) => (hi, -1),
            _ => return term,
        };
        let limit_names = limit.names();
        if renames.iter().any(|(from, _)| limit_names.contains(from)) {
            return term;
        }
        let avoid = self.avoid.get_or_insert_with(BTreeSet::new);
        let s = fresh_name(&Name::new(format!("{fresh}′")), avoid);
        avoid.insert(s.clone());
        let step = Term::Mul(vec![
            Term::Num(Rational::int(sign)),
            Term::Exp(Box::new(Term::Sym(s))),
        ]);
        let value = Term::Add(vec![limit.clone(), step]);
        term.substitute(&|n| (n == fresh).then(|| value.clone()))
    }

    /// The condition `requirement` leaves on the step: `None` when it always holds.
    fn requirement(&mut self, requirement: &Requirement) -> Result<Option<Condition>, Blocker> {
        let written = requirement.condition.term();
        let (standalone, renames) = self.standalone(written, &requirement.bound);
        let standalone = self.on_its_range(standalone, requirement, &renames);
        let atom = self.cx.atom(&standalone);
        if self.holds(&requirement.condition, &atom) {
            return Ok(None);
        }
        let normal = normalize(&atom, Self::families(), self.cx)?;
        if self.holds(&requirement.condition, &normal) {
            return Ok(None);
        }
        if let Some(why) = self.never(requirement, &normal) {
            return Err(Blocker::Undefined(why));
        }
        match &requirement.inside {
            Some(integral) => Err(Blocker::Convergence {
                integral: integral.clone(),
                diverges: false,
                reason: format!(
                    "its integrand is defined only where {}",
                    requirement.condition
                ),
            }),
            None => Ok(Some(requirement.condition.clone())),
        }
    }

    /// Whether the sign oracle proves `condition` of `atom` for every value.
    fn holds(&self, condition: &Condition, atom: &Atom) -> bool {
        let signs = &self.cx.signs;
        match condition {
            Condition::NonZero(_) => {
                signs.is_positive(atom.as_view()) || signs.is_positive((-atom).expand().as_view())
            }
            Condition::NonNegative(_) => signs.is_nonnegative(atom.as_view()),
            Condition::Positive(_) => signs.is_positive(atom.as_view()),
        }
    }

    /// Why `requirement` can hold for no value at all, when its normal form shows it.
    fn never(&self, requirement: &Requirement, normal: &Atom) -> Option<String> {
        let signs = &self.cx.signs;
        let shown = crate::print::unicode(requirement.condition.term());
        let negated = (-normal).expand();
        let what = match requirement.origin {
            Origin::Division => "dividing by it",
            Origin::ZeroPower => "raising it to the power 0",
            Origin::Root => "a fractional power of it",
            Origin::Power => "raising it to that power",
            Origin::Log => "its logarithm",
        };
        match requirement.condition {
            Condition::NonZero(_) if normal.is_zero() => {
                Some(format!("{shown} is 0 everywhere, so {what} is undefined"))
            }
            Condition::NonNegative(_) if signs.is_positive(negated.as_view()) => Some(format!(
                "{shown} is negative everywhere, so {what} is undefined"
            )),
            Condition::Positive(_) if signs.is_nonnegative(negated.as_view()) => {
                Some(format!("{shown} is never positive, so {what} is undefined"))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{final_form, specialised, step};

    /// Issue 10: cancellations that need a non-zero factor were proved for every x.
    #[test]
    fn cancellations_hold_where_what_they_cancel_is_not_zero() {
        insta::assert_snapshot!(step("", r"\frac{x}{x}", "1"), @"proved by identical after normalisation where x ≠ 0");
        insta::assert_snapshot!(step("", r"\frac{x^2-1}{x-1}", "x+1"), @"proved by algebra where x − 1 ≠ 0");
        insta::assert_snapshot!(step("", r"\sqrt{x}\sqrt{x}", "x"), @"proved by identical after normalisation where x ≥ 0");
        insta::assert_snapshot!(step("", r"x^{\frac{1}{2}} x^{-\frac{1}{2}}", "1"), @"proved by identical after normalisation where x > 0");
        insta::assert_snapshot!(step("", r"\log(x^2 y) - \log y", r"\log(x^2 y) - \log y"), @"proved by algebra where x²y > 0, y > 0");
    }

    #[test]
    fn what_the_assumptions_prove_is_no_condition() {
        insta::assert_snapshot!(step("assume x > 0", r"\frac{x}{x}", "1"), @"proved by identical after normalisation");
        insta::assert_snapshot!(step("", r"\frac{x^2+1}{x^2+1}", "1"), @"proved by identical after normalisation");
        insta::assert_snapshot!(step("let p(x) = N(x; m, s^2)", r"\int p(x) \log p(x) dx", r"-\frac{1}{2}\log(2\pi e s^2)"), @"proved by algebra, log & exp laws, definitions, Gaussian integrals using moment 0 of p, moment 2 of p");
    }

    /// Issue 10: `A/A = 1` for an `A` that is 0 everywhere was "proved".
    #[test]
    fn a_denominator_that_is_zero_everywhere_is_undefined() {
        insta::assert_snapshot!(step("", r"\frac{x - x}{x - x}", "1"), @"blocked: the expression is undefined: x − x is 0 everywhere, so dividing by it is undefined");
        insta::assert_snapshot!(step("let g(a) = a - a", r"\frac{g(y)}{g(y)}", "1"), @"blocked: the expression is undefined: y − y is 0 everywhere, so dividing by it is undefined");
        insta::assert_snapshot!(step("", r"\log(-1 - x^2)", r"\log(-1 - x^2)"), @"blocked: the expression is undefined: −x² − 1 is never positive, so its logarithm is undefined");
        insta::assert_snapshot!(step("", r"\sqrt{-1 - x^2}", r"\sqrt{-1 - x^2}"), @"blocked: the expression is undefined: −x² − 1 is negative everywhere, so a fractional power of it is undefined");
    }

    /// Issue 10: divergent integrals were split and cancelled, or evaluated.
    #[test]
    fn integrals_must_converge() {
        const P: &str = "let p(x) = N(x; m, s^2)";
        insta::assert_snapshot!(step(P, r"\int (x + p(x)) dx - \int x\,dx", "1"), @"blocked: ∫ x + p(x) dx does not converge: the term `x` has no Gaussian factor");
        insta::assert_snapshot!(step("", r"\int x\,dx + \int x^3 dx", r"\int (x + x^3) dx"), @"blocked: ∫ x dx does not converge: the term `x` has no Gaussian factor");
        insta::assert_snapshot!(step(P, r"\int (\frac{1}{x} + p(x)) dx", r"\int (\frac{1}{x} + p(x)) dx"), @"blocked: cannot tell that ∫ 1/x + p(x) dx converges: the power x^-1 is not a non-negative integer");
        insta::assert_snapshot!(step("", r"\int x\,dx - \int x\,dx", "0"), @"blocked: ∫ x dx does not converge: the term `x` has no Gaussian factor");
        // (The order `Symbolica` prints `ax` in depends on which test met `a` first.)
        let symbolic = step("", r"\int a x\,dx", r"a \int x\,dx");
        assert!(
            symbolic.starts_with("blocked: cannot tell that ∫ ")
                && symbolic.ends_with("has no Gaussian factor"),
            "{symbolic}"
        );
        insta::assert_snapshot!(step("", r"\int \int (x - x) e^{-y^2} dx dy", "0"), @"proved by Gaussian integrals using general integral");
        insta::assert_snapshot!(step(P, r"\int \log(x) p(x) dx", r"\int \log(x) p(x) dx"), @"blocked: cannot tell that ∫ log(x) p(x) dx converges: the factor `log(x)` is not a power of the variable or an exponential");
        insta::assert_snapshot!(step("assume y > 0", r"\int \int e^{-y x^2} dx dy", "1"), @"blocked: cannot tell that ∫ exp(−yx²) dx converges: the coefficient of −x² in the exponent, `y′`, is not known to be positive (y′ is y, the variable of an enclosing integral, of which nothing is assumed)");
    }

    /// Over a half-line the integrand must be defined on the open range only: `1/y`
    /// and `log y` under `∫_0^∞ … dy` are; `y/y` under `∫_{-1}^∞` is not (0 is inside).
    #[test]
    fn an_integrand_is_judged_on_its_open_range() {
        const LOGNORMAL: &str = r"\frac{1}{y} e^{-(\ln y)^2/2}";
        let over = |lo: &str| format!(r"\int_{{{lo}}}^\infty {LOGNORMAL} dy");
        insta::assert_snapshot!(step("", &over("0"), r"\sqrt{2\pi}"), @"proved by log & exp laws, Gaussian integrals");
        // `y/y` is 1 where the integral integrates only if 0 is not inside the range.
        insta::assert_snapshot!(step("", r"\int_0^\infty \frac{y}{y} e^{-y} dy", "1"), @"proved by Gaussian integrals");
        insta::assert_snapshot!(step("", r"\int_{-\infty}^{0} \frac{y}{y} e^{y} dy", "1"), @"proved by Gaussian integrals");
        insta::assert_snapshot!(step("", r"\int_{-1}^\infty \frac{y}{y} e^{-y} dy", "e"), @"blocked: cannot tell that ∫_-1^∞ y exp(−y)/y dy converges: its integrand is defined only where y ≠ 0");
    }

    #[test]
    fn conditions_reach_inside_definitions_and_specialisations() {
        insta::assert_snapshot!(step("let f(x) = 1/x", "f(a) a", "1"), @"proved by definitions where a ≠ 0");
        insta::assert_snapshot!(specialised("", r"\frac{a}{b}", "b = a", "1"), @"proved by substitution where a ≠ 0");
        insta::assert_snapshot!(specialised("", r"\frac{a}{b}", "b = 0", "0"), @"blocked: the expression is undefined: 0 is 0 everywhere, so dividing by it is undefined");
    }

    #[test]
    fn an_undefined_or_divergent_value_has_no_final_form() {
        insta::assert_snapshot!(final_form("", r"\int x^2 dx"), @"blocked: ∫ x² dx does not converge: the term `x²` has no Gaussian factor");
        insta::assert_snapshot!(final_form("", r"\frac{x - x}{x - x}"), @"blocked: the expression is undefined: x − x is 0 everywhere, so dividing by it is undefined");
        insta::assert_snapshot!(final_form("", r"\frac{x^2-1}{x-1}"), @"x + 1");
    }
}
