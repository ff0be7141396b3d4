//! Definitions: a declared function or density is replaced by its formula, so that
//! `p_1(x)` becomes `exp(−(x−μ₁)²/(2σ₁²)) / (√(2π)σ₁)`.

use symbolica::atom::{Atom, AtomView};

use super::RuleCx;
use crate::engine::walk::map_bottom_up;

/// Replace every call of a declared function by its formula.
pub fn apply(atom: &Atom, cx: &RuleCx<'_>) -> Atom {
    map_bottom_up(atom.as_view(), &mut |a| expand_call(a, cx))
}

/// The formula of `a` if it is a call of a declared function, else `a`.
pub fn expand_call(a: Atom, cx: &RuleCx<'_>) -> Atom {
    if let AtomView::Fun(f) = a.as_view() {
        if let Some(def) = cx.function(f.get_symbol()) {
            let args: Vec<Atom> = f.iter().map(|arg| arg.to_owned()).collect();
            if args.len() == def.params.len() {
                return def.apply(&args);
            }
        }
    }
    a
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{normal_form, step};
    use crate::verdict::Family::{Algebra, Definitions};

    #[test]
    fn functions_are_replaced_by_their_formula() {
        insta::assert_snapshot!(normal_form("let f(x) = x^2 + 1", &[Definitions, Algebra], "f(a + 1)"), @"2a + a² + 2");
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
