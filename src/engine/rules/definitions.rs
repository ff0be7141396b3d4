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
