//! Limits at ±∞, from evaluations `[F(x)]_a^∞` (integration by parts, antiderivatives):
//! `lim_{x→±∞}` of a sum of terms `c · xᵏ · erf(αx + β)ʲ · exp(d + bx − ax²)`.
//!
//! Each term, with every erf of a linear argument replaced by its limit `±1` (the
//! sign of α known), tends to:
//!
//! | the exponential | the term's limit |
//! |---|---|
//! | decays: `a` known positive, or `a = 0` and `b` known to have the sign against the side | 0, whatever the power `k` |
//! | none (`a = b = 0`) | `c e^d` when `k = 0`; 0 when `k < 0` |
//!
//! Anything else (a growing exponential, a power with nothing to tame it, a sign that
//! is not known, another function of x) has no limit here and the step is undecided
//! with the reason; it is never guessed to be 0.

use symbolica::atom::{Atom, AtomCore, AtomView, Symbol};

use super::gaussian::{
    power_of_variable, printable, quadratic_coefficients, write_out_densities, Outside,
};
use super::{algebra, RuleCx};
use crate::engine::walk::{factors, terms, unary_arg};

/// The parts of `lim(body, x, ±inf)`: the body, the variable and the side (±1).
pub fn parts(view: AtomView<'_>, cx: &RuleCx<'_>) -> Option<(Atom, Symbol, i64)> {
    match view {
        AtomView::Fun(f) if f.get_symbol() == cx.symbols.lim && f.get_nargs() == 3 => {
            let x = f.get(1).get_symbol()?;
            let inf = Atom::var(cx.symbols.inf);
            let side = if f.get(2) == inf.as_view() { 1 } else { -1 };
            Some((f.get(0).to_owned(), x, side))
        }
        _ => None,
    }
}

/// `lim_{x → side·∞} body`, or why it is outside the class.
pub fn limit(body: &Atom, x: Symbol, side: i64, cx: &RuleCx<'_>) -> Result<Atom, Outside> {
    let written_out = write_out_densities(body, x, cx);
    let expanded = algebra::expand(&written_out, cx)?;
    let mut kept = Vec::new();
    for term in terms(expanded.as_view()) {
        if let Some(value) = term_limit(term, x, side, cx)? {
            kept.push(value);
        }
    }
    Ok(algebra::expand(&Atom::add_many(kept.iter()), cx)?)
}

/// The limit of one term: `None` when it is 0.
fn term_limit(
    term: AtomView<'_>,
    x: Symbol,
    side: i64,
    cx: &RuleCx<'_>,
) -> Result<Option<Atom>, Outside> {
    let outside = |why: String| -> Outside { why.into() };
    let (mut constant, mut k, mut exponent) = (Vec::new(), 0i64, Vec::new());
    for f in factors(term) {
        if !f.contains_symbol(x) {
            constant.push(f.to_owned());
        } else if let Some(n) = power_of_variable(f, x) {
            k = k.saturating_add(n);
        } else if let Some(u) = unary_arg(f, cx.symbols.exp) {
            exponent.push(u.to_owned());
        } else if let Some(u) = unary_arg(f, cx.symbols.erf) {
            constant.push(Atom::num(erf_limit(u, x, side, cx)?));
        } else if let AtomView::Pow(p) = f {
            // erf(…)ʲ
            let (base, e) = p.get_base_exp();
            match (
                unary_arg(base, cx.symbols.erf),
                crate::engine::walk::as_integer(e),
            ) {
                (Some(u), Some(j)) => {
                    constant.push(Atom::num(erf_limit(u, x, side, cx)?.pow(j as u32)))
                }
                _ => {
                    return Err(outside(format!(
                        "the factor `{}` has no limit read here",
                        printable(f, cx)
                    )))
                }
            }
        } else {
            return Err(outside(format!(
                "the factor `{}` has no limit read here",
                printable(f, cx)
            )));
        }
    }
    let q = algebra::expand(&Atom::add_many(exponent.iter()), cx)?;
    let [d, b, minus_a] = quadratic_coefficients(&q, x, cx)?;
    let a = algebra::expand(&-minus_a, cx)?;
    let towards = algebra::expand(&(Atom::num(side) * &b), cx)?;
    let decays = if !a.is_zero() {
        if cx.signs.is_positive(a.as_view()) {
            true
        } else {
            return Err(outside(format!(
                "the coefficient of −x² in the exponent, `{}`, is not known to be positive",
                printable(a.as_view(), cx)
            )));
        }
    } else if !b.is_zero() {
        if cx.signs.is_positive((-&towards).expand().as_view()) {
            true
        } else {
            return Err(outside(format!(
                "the exponential `exp({})` is not known to decay as x → {}∞",
                printable(q.as_view(), cx),
                if side > 0 { "" } else { "−" }
            )));
        }
    } else {
        false
    };
    if decays || k < 0 {
        return Ok(None);
    }
    if k > 0 {
        return Err(Outside::Class {
            reason: format!(
                "the power x^{k} has no limit as x → {}∞",
                if side > 0 { "" } else { "−" }
            ),
            diverges: true,
        });
    }
    Ok(Some(
        Atom::mul_many(constant.iter()) * cx.symbols.exp.call_args([&d]),
    ))
}

/// `lim erf(αx + β)` as x → side·∞: the sign of `side·α`.
fn erf_limit(u: AtomView<'_>, x: Symbol, side: i64, cx: &RuleCx<'_>) -> Result<i64, Outside> {
    let u = algebra::expand(&u.to_owned(), cx)?;
    let [_, alpha, square] = quadratic_coefficients(&u, x, cx)?;
    if !square.is_zero() || alpha.is_zero() {
        return Err(format!(
            "the argument of `erf({})` is not linear in x",
            printable(u.as_view(), cx)
        )
        .into());
    }
    let towards = algebra::expand(&(Atom::num(side) * &alpha), cx)?;
    if cx.signs.is_positive(towards.as_view()) {
        Ok(1)
    } else if cx.signs.is_positive((-&towards).expand().as_view()) {
        Ok(-1)
    } else {
        Err(format!(
            "the sign of the slope `{}` in erf is not known",
            printable(alpha.as_view(), cx)
        )
        .into())
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::step;

    /// A limit outside the class is named as a limit, not as an integral.
    #[test]
    fn limits_outside_the_class_say_so() {
        insta::assert_snapshot!(step("", r"\lim_{x \to \infty} x e^{-x^2}", "0"), @"proved by Gaussian integrals");
        insta::assert_snapshot!(step("", r"\lim_{x \to \infty} x e^{2 x}", "0"), @"blocked: limit outside the Gaussian family's class: the exponential `exp(2x)` is not known to decay as x → ∞");
    }
}
