//! Linearity of ∫: `∫(f + g) = ∫f + ∫g`, and factors free of the integration variable
//! leave the integral: `∫ c·f = c·∫f`.
//!
//! It splits what is written as a sum or product; distributing a product over a sum
//! inside the integrand is algebra's job, so `∫ p (a + b)` needs both families.
//!
//! Only integrals known to converge absolutely are split: every part must be in the
//! Gaussian class (see [`gaussian::converges`]). `∫ (x + p(x)) dx` diverges, and split
//! it would make `∫ (x + p(x)) dx − ∫ x dx = 1` follow by cancelling `∫ x dx`; it stays
//! one opaque integral, as written. A call "depends on x" when its formula does (a
//! call's atom carries what its formula depends on), so `∫ p(x) e^{−μ²} dμ` keeps
//! `p(x)` inside.

use symbolica::atom::{Atom, AtomCore, Symbol};

use super::{gaussian, RuleCx};
use crate::engine::walk::{factors, integral_parts, map_views_bottom_up, terms};

/// Split every integral over sums and pull out constant factors, where every part
/// converges absolutely.
pub fn apply(atom: &Atom, cx: &RuleCx<'_>) -> Atom {
    let int = cx.symbols.int;
    let split = map_views_bottom_up(atom.as_view(), &mut |a| {
        let (body, x) = integral_parts(a, cx.symbols)?;
        let x_atom = Atom::var(x);
        let mut pieces = Vec::new();
        for term in terms(body.as_view()) {
            let (constant, varying): (Vec<_>, Vec<_>) = factors(term)
                .into_iter()
                .partition(|f| !f.contains_symbol(x));
            let varying = Atom::mul_many(varying);
            if !converges(&varying, x, cx) {
                return None;
            }
            pieces.push(Atom::mul_many(constant) * int.call_args([&varying, &x_atom]));
        }
        Some(Atom::add_many(pieces.iter()))
    });
    // A constant pulled out of an integral may hold an integral of its own, now one
    // level too deep.
    cx.relevel(&split)
}

/// Whether `∫ integrand dx` is known to converge absolutely, remembered for the file:
/// linearity asks it of the same parts in every round and for every family set.
fn converges(integrand: &Atom, x: Symbol, cx: &RuleCx<'_>) -> bool {
    if let Some(known) = cx.normal_forms.borrow().converges(integrand, x) {
        return known;
    }
    let converges = match gaussian::converges(integrand, x, cx) {
        Ok(()) => true,
        // A bound hit says nothing of the integral; not remembered.
        Err(gaussian::Outside::Bound(_)) => return false,
        Err(gaussian::Outside::Class { .. }) => false,
    };
    cx.normal_forms
        .borrow_mut()
        .insert_convergence(integrand.clone(), x, converges);
    converges
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{normal_form, step};
    use crate::verdict::Family::Linearity;

    #[test]
    fn sums_split_and_constants_leave() {
        insta::assert_snapshot!(
            normal_form("let p(x) = N(x; m, s^2)", &[Linearity], r"\int (2 a p(x) + x p(x)) dx"),
            @"2a ∫ p(x) dx + ∫ x p(x) dx"
        );
    }

    /// Issue 10: splitting a divergent integral let its parts cancel.
    #[test]
    fn divergent_integrals_are_not_split() {
        insta::assert_snapshot!(
            normal_form("let p(x) = N(x; m, s^2)", &[Linearity], r"\int (x + p(x)) dx - \int x dx"),
            @"∫ x + p(x) dx − ∫ x dx"
        );
        insta::assert_snapshot!(
            normal_form("", &[Linearity], r"\int (x + x^3) dx"),
            @"∫ x + x³ dx"
        );
        insta::assert_snapshot!(
            normal_form("let p(x) = N(x; m, s^2)", &[Linearity], r"\int (\frac{1}{x} + p(x)) dx"),
            @"∫ p(x) + 1/x dx"
        );
    }

    /// Issue 10: `p(x)` depends on μ, its mean, so it stays inside `∫ … dμ`.
    #[test]
    fn a_call_depends_on_what_its_formula_depends_on() {
        // Integrating over a name the formula uses (`\int p(x) e^{-\mu^2} d\mu`) is
        // refused before the engine (`syntax::resolve`: two readings); what the engine
        // must still get right is that a call free of the variable leaves the integral.
        insta::assert_snapshot!(
            normal_form(r"let p(x) = N(x; \mu, s^2)", &[Linearity], r"\int p(x) e^{-y^2} dy"),
            @"∫ exp(−y²) dy p(x)"
        );
    }

    #[test]
    fn the_seeds_step_five_to_six() {
        insta::assert_snapshot!(step(
            "let p(x) = N(x; m, s^2)",
            r"\int p(x) (a + b x) dx",
            r"a \int p(x) dx + b \int x p(x) dx",
        ), @"proved by algebra, linearity of ∫");
    }
}
