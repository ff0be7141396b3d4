//! Algebra: expand products and powers (inside function arguments too), bring sums
//! over a common denominator, cancel; and keep numbers canonical, so that
//! `1/√2 = √2/2` and `exp(0) = 1` are recognised as such.
//!
//! Expansion is bounded: an expansion estimated to exceed `max_terms` terms, or an
//! integer power of a sum above `max_power_of_sum` ([`Limits`]), is refused with a [`Limit`] instead
//! of being attempted, so untrusted input cannot exhaust the machine.

use symbolica::atom::{Atom, AtomCore, AtomView};

use super::RuleCx;
use crate::engine::walk::{as_integer, as_rational, map_views_bottom_up, unary_arg};
use crate::term::Rational;
use crate::verdict::{Blocker, Limit, Limits};

/// Expand everywhere, function arguments included.
pub fn expand(atom: &Atom, cx: &RuleCx<'_>) -> Result<Atom, Blocker> {
    cx.check_time()?;
    check_expansion_size(atom.as_view(), &cx.limits)?;
    let inner = map_views_bottom_up(atom.as_view(), &mut |a| match a {
        AtomView::Fun(f) => {
            let args: Vec<Atom> = f.iter().map(|arg| arg.expand()).collect();
            Some(f.get_symbol().call_args(args.iter()))
        }
        _ => None,
    });
    Ok(canonical_numbers(&inner.expand(), cx))
}

/// Put the whole expression over a common denominator and cancel.
///
/// One Symbolica call does it all and cannot be interrupted, so its cost is
/// estimated first ([`common_denominator_cost`]) and refused above `max_terms`:
/// ten fractions `1/(aᵢ + bᵢ)` cost about 6·10⁶ (a numerator of 6144 terms over a
/// denominator of 1024 to cancel), and took tens of seconds.
pub fn together(atom: &Atom, cx: &RuleCx<'_>) -> Result<Atom, Blocker> {
    // One uninterruptible call: not started once the step's time is up.
    cx.check_time()?;
    check_expansion_size(atom.as_view(), &cx.limits)?;
    let estimate = common_denominator_cost(atom.as_view());
    let max = u128::from(cx.limits.max_terms);
    if estimate > max {
        return Err(Blocker::Limit(Limit::CommonDenominator { estimate, max }));
    }
    // The search for the smallest set of families asks for the same common
    // denominator once per set that contains algebra.
    if let Some(known) = cx.together.borrow().get(atom) {
        return Ok(known.clone());
    }
    let out = canonical_numbers(&atom.together(), cx);
    cx.together.borrow_mut().insert(atom.clone(), out.clone());
    Ok(out)
}

/// What putting `view` over a common denominator costs, estimated: for every sum,
/// the terms of its numerator over the common denominator times the terms of that
/// denominator (cancelling a common factor is a polynomial division of one by the
/// other), all expanded. Denominators that are products of powers of symbols are
/// one term; distinct sums in denominators multiply; the same sum twice is its
/// higher power once.
pub fn common_denominator_cost(view: AtomView<'_>) -> u128 {
    let mut cost = 0;
    let _ = over_common_denominator(view, &mut cost);
    cost
}

/// A term count estimate of `numerator / Π baseᵢ^kᵢ`, the bases (sums) kept apart
/// so that repeated ones are counted once.
struct Quotient {
    numerator: u128,
    denominator: Vec<(Atom, u128, u64)>,
}

impl Quotient {
    fn one() -> Self {
        Quotient {
            numerator: 1,
            denominator: Vec::new(),
        }
    }

    fn denominator_terms(&self) -> u128 {
        self.denominator
            .iter()
            .map(|(_, terms, k)| power_terms(*terms, *k))
            .fold(1u128, u128::saturating_mul)
    }
}

/// Terms of `(t terms)^k` expanded, saturating.
fn power_terms(terms: u128, k: u64) -> u128 {
    let mut result: u128 = 1;
    for i in 0..u128::from(k) {
        result = result.saturating_mul(terms.saturating_add(i)) / (i + 1);
        if result > u128::MAX >> 8 {
            return u128::MAX;
        }
    }
    result
}

fn over_common_denominator(view: AtomView<'_>, cost: &mut u128) -> Quotient {
    match view {
        AtomView::Num(_) | AtomView::Var(_) | AtomView::Fun(_) => Quotient::one(),
        AtomView::Pow(p) => {
            let (base, exp) = p.get_base_exp();
            let Some(n) = as_integer(exp) else {
                return Quotient::one();
            };
            let b = over_common_denominator(base, cost);
            let k = n.unsigned_abs();
            if n >= 0 {
                Quotient {
                    numerator: power_terms(b.numerator, k),
                    denominator: b
                        .denominator
                        .into_iter()
                        .map(|(atom, terms, e)| (atom, terms, e.saturating_mul(k)))
                        .collect(),
                }
            } else {
                let numerator = power_terms(b.denominator_terms(), k);
                let denominator = if b.numerator > 1 {
                    vec![(base.to_owned(), b.numerator, k)]
                } else {
                    Vec::new()
                };
                Quotient {
                    numerator,
                    denominator,
                }
            }
        }
        AtomView::Mul(m) => {
            let mut out = Quotient::one();
            for factor in m.iter() {
                let q = over_common_denominator(factor, cost);
                out.numerator = out.numerator.saturating_mul(q.numerator);
                for (atom, terms, k) in q.denominator {
                    match out.denominator.iter_mut().find(|(a, _, _)| *a == atom) {
                        Some(entry) => entry.2 = entry.2.saturating_add(k),
                        None => out.denominator.push((atom, terms, k)),
                    }
                }
            }
            out
        }
        AtomView::Add(a) => {
            let parts: Vec<Quotient> = a.iter().map(|t| over_common_denominator(t, cost)).collect();
            let mut common: Vec<(Atom, u128, u64)> = Vec::new();
            for (atom, terms, k) in parts.iter().flat_map(|q| q.denominator.iter()) {
                match common.iter_mut().find(|(a, _, _)| a == atom) {
                    Some(entry) => entry.2 = entry.2.max(*k),
                    None => common.push((atom.clone(), *terms, *k)),
                }
            }
            let common = Quotient {
                numerator: 0,
                denominator: common,
            };
            let denominator = common.denominator_terms();
            let numerator = parts
                .iter()
                .map(|q| {
                    q.numerator
                        .saturating_mul((denominator / q.denominator_terms().max(1)).max(1))
                })
                .fold(0u128, u128::saturating_add);
            *cost = cost.saturating_add(numerator.saturating_mul(denominator));
            Quotient {
                numerator,
                ..common
            }
        }
    }
}

/// Numbers in canonical form: a rational power of a rational is written as a rational
/// times powers of primes with exponents in (0, 1) (`8^(1/2) = 2·2^(1/2)`,
/// `(1/2)^(1/2) = 2^(1/2)/2`), and `exp(0) = 1`, `log(1) = 0`.
pub fn canonical_numbers(atom: &Atom, cx: &RuleCx<'_>) -> Atom {
    let (log, exp) = (cx.symbols.log, cx.symbols.exp);
    map_views_bottom_up(atom.as_view(), &mut |a| {
        if unary_arg(a, exp).is_some_and(|u| u.is_zero()) {
            return Some(Atom::num(1));
        }
        if unary_arg(a, log).is_some_and(|u| u.is_one()) {
            return Some(Atom::num(0));
        }
        if let AtomView::Pow(p) = a {
            let (base, exp) = p.get_base_exp();
            if let (Some(b), Some(e)) = (as_rational(base), as_rational(exp)) {
                return rational_power(b, e);
            }
        }
        None
    })
}

/// `b^e` for a positive rational `b` and a non-integer rational `e`, as a rational
/// times prime powers with exponents in (0, 1); `None` when not applicable or when the
/// numbers are too large to factor quickly.
fn rational_power(b: Rational, e: Rational) -> Option<Atom> {
    if e.is_integer() || b.num() <= 0 {
        return None;
    }
    let mut coefficient = Atom::num(1);
    let mut radicals = Vec::new();
    let parts = [(b.num() as u64, 1i64), (b.den() as u64, -1i64)];
    for (n, sign) in parts {
        for (prime, multiplicity) in prime_factors(n)? {
            // prime^(sign · multiplicity · e) = prime^whole · prime^fraction.
            let t = Rational::new(sign * i64::from(multiplicity) * e.num(), e.den())?;
            let whole = t.num().div_euclid(t.den());
            let fraction = Rational::new(t.num().rem_euclid(t.den()), t.den())?;
            let p = Atom::num(prime as i64);
            coefficient *= p.pow(Atom::num(whole));
            if fraction.num() != 0 {
                radicals.push((prime, fraction));
            }
        }
    }
    let mut out = coefficient;
    for (prime, fraction) in radicals {
        out *= Atom::num(prime as i64).pow(Atom::num((fraction.num(), fraction.den())));
    }
    Some(out)
}

/// The prime factorisation of `n` by trial division, or `None` if `n` is too large
/// (above 10¹²) for that to be instant.
pub fn prime_factors(mut n: u64) -> Option<Vec<(u64, u32)>> {
    if n == 0 || n > 1_000_000_000_000 {
        return None;
    }
    let mut out = Vec::new();
    let mut p = 2;
    while p * p <= n {
        let mut k = 0;
        while n.is_multiple_of(p) {
            n /= p;
            k += 1;
        }
        if k > 0 {
            out.push((p, k));
        }
        p += 1;
    }
    if n > 1 {
        out.push((n, 1));
    }
    Some(out)
}

/// Refuse expansions that would be too large.
pub fn check_expansion_size(view: AtomView<'_>, limits: &Limits) -> Result<(), Blocker> {
    let estimate = estimate_terms(view, limits)?;
    let max = u128::from(limits.max_terms);
    if estimate > max {
        return Err(Blocker::Limit(Limit::ExpansionSize { estimate, max }));
    }
    Ok(())
}

/// An upper estimate of the number of terms `view` has once expanded.
fn estimate_terms(view: AtomView<'_>, limits: &Limits) -> Result<u128, Blocker> {
    let estimate_terms = |v: AtomView<'_>| estimate_terms(v, limits);
    let check_expansion_size = |v: AtomView<'_>| check_expansion_size(v, limits);
    Ok(match view {
        AtomView::Num(_) | AtomView::Var(_) => 1,
        AtomView::Fun(f) => {
            for arg in f.iter() {
                check_expansion_size(arg)?;
            }
            1
        }
        AtomView::Add(a) => a
            .iter()
            .map(estimate_terms)
            .try_fold(0u128, |acc, n| n.map(|n| acc.saturating_add(n)))?,
        AtomView::Mul(m) => m
            .iter()
            .map(estimate_terms)
            .try_fold(1u128, |acc, n| n.map(|n| acc.saturating_mul(n)))?,
        AtomView::Pow(p) => {
            let (base, exp) = p.get_base_exp();
            let base_terms = estimate_terms(base)?;
            match as_integer(exp) {
                Some(n) if base_terms > 1 => {
                    if n.abs() > i64::from(limits.max_power_of_sum) {
                        return Err(Blocker::Limit(Limit::Exponent {
                            found: n,
                            max: i64::from(limits.max_power_of_sum),
                        }));
                    }
                    multinomial_terms(base_terms, n.unsigned_abs(), limits)
                }
                _ => {
                    check_expansion_size(exp)?;
                    base_terms
                }
            }
        }
    })
}

/// The number of monomials of degree `n` in `m` variables, `C(m + n − 1, n)`,
/// saturating.
fn multinomial_terms(m: u128, n: u64, limits: &Limits) -> u128 {
    let mut result: u128 = 1;
    for i in 0..u128::from(n) {
        result = result.saturating_mul(m.saturating_add(i)) / (i + 1);
        if result > u128::from(limits.max_terms) * 1000 {
            return result;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{normal_form, step};
    use crate::verdict::Family::Algebra;

    #[test]
    fn expands_powers_of_sums() {
        insta::assert_snapshot!(normal_form("", &[Algebra], "(a+b)^2"), @"2ab + a² + b²");
    }

    #[test]
    fn regrouping_inside_an_integrand_is_algebra() {
        insta::assert_snapshot!(step(
            "let p(x) = N(x; m, s^2)",
            r"\int ((x-\mu_1 + \mu_1 - \mu_2)^2) p(x) dx",
            r"\int (x^2 - 2 x \mu_2 + \mu_2^2) p(x) dx",
        ), @"proved by algebra");
    }

    #[test]
    fn radicals_of_rationals_are_canonical() {
        insta::assert_snapshot!(normal_form("", &[Algebra], r"\frac{1}{\sqrt{2}} - \frac{\sqrt{2}}{2}"), @"0");
        insta::assert_snapshot!(normal_form("", &[Algebra], r"\sqrt{8}"), @"2√2");
    }

    #[test]
    fn common_denominators() {
        insta::assert_snapshot!(step("", r"\frac{1}{a} + \frac{1}{b}", r"\frac{a+b}{ab}"), @"proved by algebra where a ≠ 0, b ≠ 0");
    }

    #[test]
    fn a_wrong_expansion_differs() {
        insta::assert_snapshot!(step("", "(a+b)^2", "a^2 + b^2"), @"differs by −2ab");
    }

    #[test]
    fn huge_expansions_are_refused_not_attempted() {
        insta::assert_snapshot!(normal_form("", &[Algebra], "(a+b+c+d)^{60}"), @"blocked: expanding would produce about 39711 terms, more than the limit of 20000");
        insta::assert_snapshot!(normal_form("", &[Algebra], "(a+b)^{100}"), @"blocked: exponent 100 exceeds the limit of 64");
    }

    /// Issue 10: one line adding ten fractions took tens of seconds in a single
    /// Symbolica call, which no clock can interrupt; its cost is estimated first.
    #[test]
    fn costly_common_denominators_are_refused_not_attempted() {
        let fractions = |n: usize| {
            (1..=n)
                .map(|i| format!(r"\frac{{1}}{{a_{{{i}}} + b_{{{i}}}}}"))
                .collect::<Vec<_>>()
                .join(" + ")
        };
        insta::assert_snapshot!(step("", &fractions(10), "1"), @"blocked: a common denominator would take about 6291476 products of terms to form and cancel, more than the limit of 20000");
        insta::assert_snapshot!(step("", &fractions(3), "1"), @"differs by −1/(a₁ + b₁) − 1/(a₂ + b₂) − 1/(a₃ + b₃) + 1");
        // Repeated and monomial denominators are cheap.
        insta::assert_snapshot!(step("", r"\frac{1}{x+1} + \frac{1}{(x+1)^2} + \frac{1}{x^2}", r"\frac{x^2(x+1) + x^2 + (x+1)^2}{x^2 (x+1)^2}"), @"proved by algebra where x + 1 ≠ 0, x ≠ 0");
    }

    #[test]
    fn prime_factors_of_small_numbers() {
        assert_eq!(prime_factors(1), Some(vec![]));
        assert_eq!(prime_factors(12), Some(vec![(2, 2), (3, 1)]));
        assert_eq!(prime_factors(97), Some(vec![(97, 1)]));
        assert_eq!(prime_factors(0), None);
    }

    #[test]
    fn multinomial_counts_monomials() {
        assert_eq!(multinomial_terms(2, 2, &Limits::default()), 3); // (a+b)^2
        assert_eq!(multinomial_terms(3, 2, &Limits::default()), 6); // (a+b+c)^2
        assert_eq!(multinomial_terms(2, 10, &Limits::default()), 11);
    }
}
