//! Log & exp laws, each only where it holds for real numbers:
//!
//! | law | condition |
//! |---|---|
//! | `log(ab) = log a + log b` | every factor non-negative (so positive wherever the log is defined) |
//! | `log(aʳ) = r·log a` | `a` positive |
//! | `log(b^{2k}) = k·log(b²)` | always (both defined where b ≠ 0) |
//! | `log(eᵘ) = u` | always (u real) |
//! | `log(n) = Σ kᵢ log pᵢ` for a rational `n = Π pᵢ^kᵢ` | `n` positive |
//! | `exp(log a) = a`, `exp(r·log a) = aʳ` | `a` positive |
//! | `eᵃ·eᵇ = eᵃ⁺ᵇ`, `(eᵃ)ʳ = eʳᵃ` | always |
//! | `(ab)ʳ = aʳbʳ`, `(aˢ)ʳ = aˢʳ` (so `√(σ²) = σ`) | every base positive |

use symbolica::atom::{Atom, AtomCore, AtomView};

use super::algebra::prime_factors;
use super::RuleCx;
use crate::engine::positivity::is_even_integer;
use crate::engine::walk::{as_rational, factors, map_bottom_up, terms, unary_arg};

/// Apply the laws everywhere, bottom-up.
pub fn apply(atom: &Atom, cx: &RuleCx<'_>) -> Atom {
    map_bottom_up(atom.as_view(), &mut |a| rewrite(a, cx))
}

fn rewrite(a: Atom, cx: &RuleCx<'_>) -> Atom {
    let (log, exp) = (cx.symbols.log, cx.symbols.exp);
    if let Some(u) = unary_arg(a.as_view(), log) {
        return log_of(u, cx);
    }
    if let Some(u) = unary_arg(a.as_view(), exp) {
        return exp_of(u, cx);
    }
    match a.as_view() {
        AtomView::Pow(p) => {
            let (base, e) = p.get_base_exp();
            power_of(base, e, cx).unwrap_or(a)
        }
        AtomView::Mul(_) => merge_exponentials(&a, cx).unwrap_or(a),
        _ => a,
    }
}

/// `log(u)` with the laws applied at the top of `u`.
fn log_of(u: AtomView<'_>, cx: &RuleCx<'_>) -> Atom {
    let (log, exp) = (cx.symbols.log, cx.symbols.exp);
    if let Some(v) = unary_arg(u, exp) {
        return v.to_owned();
    }
    match u {
        // Every factor non-negative: where the product is positive (where its log is
        // defined) each factor is, so the logs split on exactly that domain
        // (`log(2πσ²) = log 2 + log π + log(σ²)` for σ ≠ 0).
        AtomView::Mul(m) if m.iter().all(|f| cx.signs.is_nonnegative(f)) => {
            let logs: Vec<Atom> = m.iter().map(|f| log_of(f, cx)).collect();
            Atom::add_many(logs.iter())
        }
        AtomView::Pow(p) if cx.signs.is_positive(p.get_base()) => {
            let (base, e) = p.get_base_exp();
            e.to_owned() * log_of(base, cx)
        }
        // `log(b^{2k}) = k·log(b²)` for any real b: both are defined where b ≠ 0 (`log σ⁻²
        // = −log σ²`); `log(b²)` itself stays as it is.
        AtomView::Pow(p) if even_power_other_than_two(p.get_base_exp().1) => {
            let (base, e) = p.get_base_exp();
            let square = base.to_owned().pow(Atom::num(2));
            (e.to_owned() / Atom::num(2)) * log.call_args([&square])
        }
        AtomView::Num(_) => log_of_rational(u, cx).unwrap_or_else(|| log.call_args([u])),
        _ => log.call_args([u]),
    }
}

/// Whether an exponent is an even integer other than 2.
fn even_power_other_than_two(e: AtomView<'_>) -> bool {
    is_even_integer(e) && as_rational(e).is_some_and(|r| r.num() != 2)
}

/// `log(n/d)` as a sum over prime logarithms, for a positive rational.
fn log_of_rational(u: AtomView<'_>, cx: &RuleCx<'_>) -> Option<Atom> {
    let r = as_rational(u)?;
    if r.num() <= 0 {
        return None;
    }
    let mut terms = Vec::new();
    for (n, sign) in [(r.num() as u64, 1i64), (r.den() as u64, -1i64)] {
        for (prime, k) in prime_factors(n)? {
            let log_p = cx.symbols.log.call_args([&Atom::num(prime as i64)]);
            terms.push(Atom::num(sign * i64::from(k)) * log_p);
        }
    }
    Some(Atom::add_many(terms.iter()))
}

/// `exp(u)` with `exp(r·log a) = aʳ` for positive `a`, term by term when `u` is a
/// sum: `exp(log a + log b + c) = a·b·exp(c)`.
fn exp_of(u: AtomView<'_>, cx: &RuleCx<'_>) -> Atom {
    let exp = cx.symbols.exp;
    let mut powers = Vec::new();
    let mut rest = Vec::new();
    for term in terms(u) {
        match as_power_of_log(term, cx) {
            Some(power) => powers.push(power),
            None => rest.push(term.to_owned()),
        }
    }
    if powers.is_empty() {
        return exp.call_args([u]);
    }
    let rest = Atom::add_many(rest.iter());
    let remaining = if rest.is_zero() {
        Atom::num(1)
    } else {
        exp.call_args([&rest])
    };
    Atom::mul_many(powers.iter()) * remaining
}

/// `aʳ` when `term` is `r·log a` for a number `r` and a positive `a`.
fn as_power_of_log(term: AtomView<'_>, cx: &RuleCx<'_>) -> Option<Atom> {
    let mut coefficient = Atom::num(1);
    let mut argument = None;
    for f in factors(term) {
        match (unary_arg(f, cx.symbols.log), f) {
            (Some(a), _) if argument.is_none() => argument = Some(a),
            (_, AtomView::Num(_)) => coefficient *= f.to_owned(),
            _ => return None,
        }
    }
    let a = argument?;
    cx.signs
        .is_positive(a)
        .then(|| a.to_owned().pow(&coefficient))
}

/// `(eᵃ)ʳ = eʳᵃ`; for positive bases `(ab)ʳ = aʳbʳ` and `(aˢ)ʳ = aˢʳ`. `None` when no
/// law applies.
fn power_of(base: AtomView<'_>, e: AtomView<'_>, cx: &RuleCx<'_>) -> Option<Atom> {
    let exp = cx.symbols.exp;
    if let Some(v) = unary_arg(base, exp) {
        return Some(exp.call_args([&(v.to_owned() * e.to_owned())]));
    }
    match base {
        AtomView::Mul(m) if m.iter().all(|f| cx.signs.is_positive(f)) => {
            let powers: Vec<Atom> = m
                .iter()
                .map(|f| power_of(f, e, cx).unwrap_or_else(|| f.to_owned().pow(e.to_owned())))
                .collect();
            Some(Atom::mul_many(powers.iter()))
        }
        AtomView::Pow(p) if cx.signs.is_positive(p.get_base()) => {
            let (b, s) = p.get_base_exp();
            Some(b.to_owned().pow(&(s.to_owned() * e.to_owned())))
        }
        _ => None,
    }
}

/// `eᵃ·eᵇ·c = eᵃ⁺ᵇ·c`; `None` when the product has fewer than two exponentials.
fn merge_exponentials(product: &Atom, cx: &RuleCx<'_>) -> Option<Atom> {
    let exp = cx.symbols.exp;
    let (exps, rest): (Vec<_>, Vec<_>) = factors(product.as_view())
        .into_iter()
        .partition(|f| unary_arg(*f, exp).is_some());
    if exps.len() < 2 {
        return None;
    }
    let exponent = Atom::add_many(exps.iter().filter_map(|f| unary_arg(*f, exp)));
    Some(Atom::mul_many(rest) * exp.call_args([&exponent]))
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{normal_form, step};
    use crate::verdict::Family::LogExp;

    #[test]
    fn log_of_a_quotient_of_positives_splits() {
        insta::assert_snapshot!(normal_form("assume a, b > 0", &[LogExp], r"\log \frac{a}{b}"), @"log(a) − log(b)");
    }

    #[test]
    fn log_of_a_product_of_unknown_sign_stays() {
        insta::assert_snapshot!(normal_form("", &[LogExp], r"\log (a b)"), @"log(ab)");
    }

    #[test]
    fn logs_of_squares_split_for_any_real_base() {
        // Non-negative factors are positive wherever the log is defined.
        insta::assert_snapshot!(normal_form("", &[LogExp], r"\log (2 a^2 b^4)"), @"log(2) + log(a²) + 2 log(b²)");
        insta::assert_snapshot!(normal_form("", &[LogExp], r"\log \frac{a^2}{b^2}"), @"log(a²) − log(b²)");
        // A square alone, or a base of unknown sign, stays.
        insta::assert_snapshot!(normal_form("", &[LogExp], r"\log a^2"), @"log(a²)");
        insta::assert_snapshot!(normal_form("", &[LogExp], r"\log (a^2 b)"), @"log(a²b)");
        insta::assert_snapshot!(normal_form("", &[LogExp], r"\log a^3"), @"log(a³)");
    }

    #[test]
    fn log_of_exp_and_of_numbers() {
        insta::assert_snapshot!(normal_form("", &[LogExp], r"\log e^{x^2 + 1}"), @"x² + 1");
        insta::assert_snapshot!(normal_form("", &[LogExp], r"\log 2\pi"), @"log(2) + log(π)");
        insta::assert_snapshot!(normal_form("", &[LogExp], r"\log 12"), @"2 log(2) + log(3)");
    }

    #[test]
    fn roots_of_squares_need_positivity() {
        insta::assert_snapshot!(normal_form(r"assume \sigma > 0", &[LogExp], r"\sqrt{\sigma^2}"), @"σ");
        insta::assert_snapshot!(normal_form("", &[LogExp], r"\sqrt{\sigma^2}"), @"√(σ²)");
    }

    #[test]
    fn exponentials_merge_and_invert_logs() {
        insta::assert_snapshot!(normal_form("", &[LogExp], "e^{a} e^{b}"), @"exp(a + b)");
        insta::assert_snapshot!(normal_form("assume a > 0", &[LogExp], r"\exp(2\log a)"), @"a²");
    }

    #[test]
    fn the_seeds_log_of_a_density_formula() {
        insta::assert_snapshot!(step(
            r"assume \sigma_1 > 0",
            r"\log \frac{1}{\sqrt{2\pi}\sigma_1} e^{-\frac{(x-\mu_1)^2}{2\sigma_1^2}}",
            r"-\frac{1}{2} \log 2\pi - \log \sigma_1 - \frac{(x-\mu_1)^2}{2\sigma_1^2}",
        ), @"proved by algebra, log & exp laws");
    }
}
