//! Linearity of ∫: `∫(f + g) = ∫f + ∫g`, and factors free of the integration variable
//! leave the integral: `∫ c·f = c·∫f`.
//!
//! It splits what is written as a sum or product; distributing a product over a sum
//! inside the integrand is algebra's job, so `∫ p (a + b)` needs both families.

use symbolica::atom::{Atom, AtomCore};

use super::RuleCx;
use crate::engine::walk::{factors, integral_parts, map_bottom_up, terms};

/// Split every integral over sums and pull out constant factors.
pub fn apply(atom: &Atom, cx: &RuleCx<'_>) -> Atom {
    let int = cx.symbols.int;
    map_bottom_up(atom.as_view(), &mut |a| {
        let Some((body, x)) = integral_parts(a.as_view(), cx.symbols) else {
            return a;
        };
        let x_atom = Atom::var(x);
        let pieces: Vec<Atom> = terms(body.as_view())
            .into_iter()
            .map(|term| {
                let (constant, varying): (Vec<_>, Vec<_>) = factors(term)
                    .into_iter()
                    .partition(|f| !f.contains_symbol(x));
                let constant = Atom::mul_many(constant);
                let varying = Atom::mul_many(varying);
                constant * int.call_args([&varying, &x_atom])
            })
            .collect();
        Atom::add_many(pieces.iter())
    })
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

    #[test]
    fn the_seeds_step_five_to_six() {
        insta::assert_snapshot!(step(
            "let p(x) = N(x; m, s^2)",
            r"\int p(x) (a + b x) dx",
            r"a \int p(x) dx + b \int x p(x) dx",
        ), @"proved by algebra, linearity of ∫");
    }
}
