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
