//! Special functions: the values and symmetries of erf and Γ that derivations use.
//!
//! | law | condition |
//! |---|---|
//! | `erf(0) = 0` | always |
//! | `erf(−u) = −erf(u)` | always (erf is odd) |
//! | `Γ(n) = (n − 1)!` | `n` a positive integer up to [`MAX_GAMMA`] |
//! | `Γ(n + ½) = (2n)! √π / (4ⁿ n!)`, so `Γ(½) = √π` | `n ≥ 0` an integer below [`MAX_GAMMA`] |
//! | `Γ(s + k) = (s + k − 1)⋯s·Γ(s)` | `s` symbolic, `k` the integer part of the constant term |
//!
//! The standard normal CDF is lowered as `Φ(x) = ½(1 + erf(x/√2))`, so
//! `Φ(−x) = 1 − Φ(x)` is the oddness of erf. The odd law is applied towards one
//! representative of `±u`: the argument whose expanded first term has a positive
//! coefficient, so `erf(a − b)` and `−erf(b − a)` have one normal form.

use symbolica::atom::{Atom, AtomCore, AtomView};

use super::{algebra, RuleCx};
use crate::engine::normalize::normalize;
use crate::engine::walk::{as_rational, factors, map_bottom_up, terms, unary_arg};
use crate::verdict::{Blocker, Fact, FamilySet, SpecialLaw};
use std::collections::BTreeSet;

/// The largest argument at which Γ is evaluated: `Γ(20) = 19!` still fits an `i64`.
pub const MAX_GAMMA: i64 = 20;

/// Apply the laws everywhere, bottom-up.
pub fn apply(atom: &Atom, cx: &RuleCx<'_>) -> Result<Atom, Blocker> {
    let mut failure = None;
    let out = map_bottom_up(atom.as_view(), &mut |a| {
        if failure.is_some() {
            return a;
        }
        match rewrite(&a, cx) {
            Ok(Some(rewritten)) => rewritten,
            Ok(None) => a,
            Err(blocker) => {
                failure = Some(blocker);
                a
            }
        }
    });
    match failure {
        Some(blocker) => Err(blocker),
        None => Ok(out),
    }
}

fn rewrite(a: &Atom, cx: &RuleCx<'_>) -> Result<Option<Atom>, Blocker> {
    let symbols = &cx.symbols;
    if let Some(u) = unary_arg(a.as_view(), symbols.erf) {
        if u.is_zero() {
            return Ok(Some(Atom::num(0)));
        }
        let expanded = algebra::expand(&u.to_owned(), cx)?;
        if leads_negative(expanded.as_view()) {
            let flipped = algebra::expand(&-expanded, cx)?;
            return Ok(Some(-symbols.erf.call_args([&flipped])));
        }
        return Ok(None);
    }
    if let Some(u) = unary_arg(a.as_view(), symbols.gamma) {
        if let Some(value) = gamma_at(u, cx) {
            return Ok(Some(value));
        }
        return gamma_shifted(u, cx);
    }
    super::absolute::rewrite(a, cx)
}

/// The laws of this family a step `lhs = rhs` used: the erf and Γ terms the other
/// families (in `others`) leave, to which a law applies, those alike on both sides
/// left out.
pub fn facts(lhs: &Atom, rhs: &Atom, others: FamilySet, cx: &RuleCx<'_>) -> Vec<Fact> {
    let applied = |atom: &Atom| -> Vec<(Atom, SpecialLaw)> {
        let Ok(normal) = normalize(atom, others, cx) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        normal.as_view().visitor(&mut |v| {
            if let Some(law) = law_at(v, cx) {
                found.push((v.to_owned(), law));
            }
            true
        });
        found
    };
    let (left, right) = (applied(lhs), applied(rhs));
    let laws: BTreeSet<SpecialLaw> = left
        .iter()
        .filter(|a| !right.contains(a))
        .chain(right.iter().filter(|a| !left.contains(a)))
        .map(|(_, law)| *law)
        .collect();
    laws.into_iter().map(Fact::Special).collect()
}

/// The law that applies at `v`, an erf or Γ term, if any.
fn law_at(v: AtomView<'_>, cx: &RuleCx<'_>) -> Option<SpecialLaw> {
    if let Some(u) = unary_arg(v, cx.symbols.erf) {
        if u.is_zero() {
            return Some(SpecialLaw::ErfAtZero);
        }
        let expanded = algebra::expand(&u.to_owned(), cx).ok()?;
        return leads_negative(expanded.as_view()).then_some(SpecialLaw::ErfIsOdd);
    }
    if super::absolute::is_bars(v, cx) {
        let owned = v.to_owned();
        return super::absolute::rewrite(&owned, cx)
            .ok()
            .flatten()
            .map(|_| SpecialLaw::AbsoluteValue);
    }
    let u = unary_arg(v, cx.symbols.gamma)?;
    if gamma_at(u, cx).is_none() {
        return gamma_shifted(u, cx)
            .ok()
            .flatten()
            .map(|_| SpecialLaw::GammaRecurrence);
    }
    Some(match as_rational(u)?.is_integer() {
        true => SpecialLaw::GammaOfInteger,
        false => SpecialLaw::GammaOfHalfInteger,
    })
}

/// Whether the first term of an expanded sum (in the engine's order) has a negative
/// numeric coefficient: the one representative of `±u` the odd and even laws (erf,
/// absolute values) bring their argument to.
pub(super) fn leads_negative(view: AtomView<'_>) -> bool {
    let Some(first) = terms(view).into_iter().next() else {
        return false;
    };
    factors(first)
        .into_iter()
        .filter_map(as_rational)
        .any(|r| r.num() < 0)
}

/// Γ at a positive integer or half-integer, exactly.
fn gamma_at(u: AtomView<'_>, cx: &RuleCx<'_>) -> Option<Atom> {
    let r = as_rational(u)?;
    if r.is_integer() {
        let n = r.num();
        return (1..=MAX_GAMMA)
            .contains(&n)
            .then(|| Atom::num(factorial(n - 1)));
    }
    if r.den() != 2 || r.num() < 1 {
        return None;
    }
    // Γ(n + ½) with n = (num − 1)/2.
    let n = (r.num() - 1) / 2;
    if n >= MAX_GAMMA / 2 {
        return None;
    }
    let numerator = factorial(2 * n);
    let denominator = 4i64.checked_pow(n as u32)?.checked_mul(factorial(n))?;
    let root_pi = Atom::var(cx.symbols.pi).pow(Atom::num((1, 2)));
    Some(Atom::num((numerator, denominator)) * root_pi)
}

/// `Γ(r + k) = (r + k − 1)⋯(r + 1)·r·Γ(r)` for a symbolic argument whose constant
/// term has integer part `k` (so `Γ(n + 1) = nΓ(n)`, `Γ(n − 1) = Γ(n)/(n − 1)`): the
/// argument is brought to one representative, its constant in `[0, 1)`, so both sides
/// of the recurrence have one normal form. Shifts above [`MAX_GAMMA`] are left alone.
fn gamma_shifted(u: AtomView<'_>, cx: &RuleCx<'_>) -> Result<Option<Atom>, Blocker> {
    let expanded = algebra::expand(&u.to_owned(), cx)?;
    let mut constant = None;
    for term in terms(expanded.as_view()) {
        if let Some(r) = as_rational(term) {
            constant = Some(r);
        }
    }
    let Some(c) = constant else {
        return Ok(None);
    };
    let k = c.num().div_euclid(c.den());
    if k == 0 || k.abs() > MAX_GAMMA {
        return Ok(None);
    }
    let rest = algebra::expand(&(&expanded - Atom::num(k)), cx)?;
    let factors: Vec<Atom> = (0..k.abs())
        .map(|j| {
            if k > 0 {
                &rest + Atom::num(j)
            } else {
                &rest - Atom::num(j + 1)
            }
        })
        .collect();
    let product = Atom::mul_many(factors.iter());
    let gamma = cx.symbols.gamma.call_args([&rest]);
    Ok(Some(if k > 0 {
        product * gamma
    } else {
        gamma / product
    }))
}

/// `n!` for `0 ≤ n ≤ 20`.
fn factorial(n: i64) -> i64 {
    (1..=n).product()
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::normal_form;
    use crate::verdict::Family::{Algebra, Special};

    #[test]
    fn erf_is_odd_and_vanishes_at_zero() {
        insta::assert_snapshot!(
            normal_form("", &[Algebra, Special], r"\operatorname{erf}(b - a) + \operatorname{erf}(a - b) + \operatorname{erf}(0)"),
            @"0"
        );
    }

    #[test]
    fn the_normal_cdf_is_symmetric() {
        insta::assert_snapshot!(
            normal_form("", &[Algebra, Special], r"\Phi(-x) + \Phi(x)"),
            @"1"
        );
    }

    /// `Γ(s + k)` at a symbolic `s` is brought to the argument with a constant in
    /// `[0, 1)`, so the recurrence holds in both directions and for fractions.
    #[test]
    fn gamma_at_a_symbolic_argument_by_its_recurrence() {
        insta::assert_snapshot!(
            normal_form("", &[Algebra, Special], r"\Gamma(n + 1) - n \Gamma(n)"),
            @"0"
        );
        insta::assert_snapshot!(
            crate::engine::testing::step("", r"\Gamma(n - 1)", r"\frac{\Gamma(n)}{n - 1}"),
            @"proved by special functions using Γ(s + 1) = s·Γ(s) where n − 1 ≠ 0"
        );
        insta::assert_snapshot!(
            normal_form("", &[Algebra, Special], r"\Gamma(s + \frac{3}{2})"),
            @"sΓ(s + 1/2) + Γ(s + 1/2)/2"
        );
        // Γ is positive at a positive argument: no condition is left on dividing by it.
        insta::assert_snapshot!(
            crate::engine::testing::step("assume n > 0", r"\frac{\Gamma(n + 1)}{\Gamma(n)}", "n"),
            @"proved by special functions using Γ(s + 1) = s·Γ(s)"
        );
        insta::assert_snapshot!(
            crate::engine::testing::step("", r"\frac{\Gamma(n + 1)}{\Gamma(n)}", "n"),
            @"proved by special functions using Γ(s + 1) = s·Γ(s) where Γ(n) ≠ 0"
        );
        // A symbolic shift is left alone: Γ(n + m) has no one representative. (The
        // order Symbolica prints a sum in depends on which symbol it met first.)
        let shifted = normal_form("", &[Algebra, Special], r"\Gamma(n + m)");
        assert!(shifted == "Γ(n + m)" || shifted == "Γ(m + n)", "{shifted}");
    }

    #[test]
    fn gamma_at_integers_and_half_integers() {
        insta::assert_snapshot!(
            normal_form("", &[Algebra, Special], r"\Gamma(5) + \Gamma(\frac{1}{2}) + \Gamma(\frac{5}{2})"),
            @"7√π/4 + 24"
        );
    }
}
