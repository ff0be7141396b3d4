//! Substitution: the values a specialisation gives (`μ₂ = 0, σ₂ = 1`) replace their
//! symbols. Also the plain variable-for-atom replacement the other families use.

use symbolica::atom::{Atom, AtomView, Symbol};

use crate::engine::walk::map_bottom_up;

/// Replace every occurrence of each symbol by its value.
pub fn substitute(atom: &Atom, pairs: &[(Symbol, &Atom)]) -> Atom {
    if pairs.is_empty() {
        return atom.clone();
    }
    map_bottom_up(atom.as_view(), &mut |a| match a.as_view() {
        AtomView::Var(v) => pairs
            .iter()
            .find(|(s, _)| *s == v.get_symbol())
            .map_or(a.clone(), |(_, value)| (*value).clone()),
        _ => a,
    })
}
