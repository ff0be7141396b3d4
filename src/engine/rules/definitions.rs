//! Definitions: a declared function or density is replaced by its formula, so that
//! `p_1(x)` becomes `exp(−(x−μ₁)²/(2σ₁²)) / (√(2π)σ₁)`; a law declared by its mean and
//! variance gives the integrals of 1, x and x² against its density (`moments`).

use symbolica::atom::Atom;

use super::RuleCx;
use crate::engine::walk::map_views_bottom_up;

/// Replace every call of a declared function by its formula. A formula's own
/// integrals never capture a variable of the arguments (see `binders`).
pub fn apply(atom: &Atom, cx: &RuleCx<'_>) -> Atom {
    let offset = cx.next_free_level(atom.as_view());
    let expanded = map_views_bottom_up(atom.as_view(), &mut |a| cx.expand_call(a, offset));
    // A law declared by its mean and variance has no formula: the declaration gives
    // the integrals of 1, x and x² against it.
    super::moments::evaluate(&cx.relevel(&expanded), cx)
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{normal_form, step};
    use crate::verdict::Family::{Algebra, Definitions};

    #[test]
    fn functions_are_replaced_by_their_formula() {
        insta::assert_snapshot!(normal_form("let f(x) = x^2 + 1", &[Definitions, Algebra], "f(a + 1)"), @"2a + a² + 2");
    }

    /// Issue 10: `f(x)` put `f`'s own `∫ … dt` at the level of the outer `∫ … dx`, so
    /// its `t` became the outer `x`, and the engine "proved" π. The true value is
    /// `∫ √(π/2) e^{−x²/2} e^{−x²} dx = π/√3`.
    #[test]
    fn a_formula_with_an_integral_captures_no_variable() {
        const F: &str = r"let f(a) = \int e^{-(t-a)^2 - t^2} dt";
        insta::assert_snapshot!(step(F, r"\int f(x) e^{-x^2} dx", r"\pi"), @"differs by π − √3π/3");
        insta::assert_snapshot!(step(F, r"\int f(x) e^{-x^2} dx", r"\frac{\pi}{\sqrt{3}}"), @"proved by definitions, Gaussian integrals using general integral");
        // The argument named like the formula's own variable stays free.
        insta::assert_snapshot!(normal_form(F, &[Definitions], "f(t)"), @"∫ exp(−x² − (x − t)²) dx");
        insta::assert_snapshot!(step(F, "f(t)", r"\sqrt{\frac{\pi}{2}} e^{-\frac{t^2}{2}}"), @"proved by log & exp laws, definitions, Gaussian integrals");
    }

    #[test]
    fn densities_are_replaced_by_the_gaussian_formula() {
        insta::assert_snapshot!(normal_form("let p(x) = N(x; m, s^2)", &[Definitions], "p(y)"), @"exp(−(y − m)²/(2s²))/(s√(2π))");
        insta::assert_snapshot!(step(
            r"let p_1(x) = N(x; \mu_1, \sigma_1^2)",
            r"\log p_1(x)",
            r"\log \frac{1}{\sqrt{2\pi}\sigma_1} e^{-\frac{(x-\mu_1)^2}{2\sigma_1^2}}",
        ), @"proved by definitions");
    }
}
