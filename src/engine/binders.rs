//! Integration variables on atoms, as de Bruijn levels: the variable of an integral
//! nested `d` integrals deep is the symbol `b{d}`, whatever the author called it, so
//! `∫ f(x) dx` and `∫ f(t) dt` are one atom and compare equal. A sum's or product's
//! index is a binder of the same kind (`sum(body, b{d}, lo, hi)`, its bounds outside
//! it), counted in the same levels, so `Σ_i x_i` and `Σ_j x_j` are one atom too.
//!
//! Levels are canonical only while every integral sits at its own depth. Rules move
//! atoms about: definitions put a formula (with its own integrals, at levels from 0)
//! under other integrals, linearity pulls constant factors out of one. So:
//!
//! - a formula put in place is first renamed to levels no atom around it uses
//!   ([`next_free_level`]), so its integrals cannot capture a variable of an argument;
//! - after each pass, [`relevel`] renames every integral's variable to its depth again.
//!
//! Renaming is by binding, not by symbol (innermost binder first), so it is correct even
//! on an atom in which two nested integrals briefly share a symbol.

use symbolica::atom::{Atom, AtomCore, AtomView, Symbol};

use super::symbols::Symbols;

/// `atom` with the variable of each integral renamed to its nesting depth, counted
/// from `start`; canonical when `start` is 0.
pub fn relevel(atom: &Atom, start: usize, symbols: &Symbols) -> Atom {
    if !has_binder(atom.as_view(), symbols) {
        return atom.clone();
    }
    rename(atom.as_view(), start, &mut Vec::new(), symbols)
}

fn rename(
    view: AtomView<'_>,
    depth: usize,
    env: &mut Vec<(Symbol, Symbol)>,
    symbols: &Symbols,
) -> Atom {
    match view {
        AtomView::Num(_) => view.to_owned(),
        AtomView::Var(v) => {
            let s = v.get_symbol();
            match env.iter().rev().find(|(old, _)| *old == s) {
                Some((_, new)) => Atom::var(*new),
                None => view.to_owned(),
            }
        }
        AtomView::Fun(f) if is_binder_call(view, symbols) => {
            let Some(old) = f.get(1).get_symbol() else {
                return view.to_owned();
            };
            let new = symbols.bound(depth);
            if let Some(hint) = symbols.bound_hint(old) {
                symbols.hint_bound(new, &hint);
            }
            // A sum's bounds (arguments 2 and 3) are outside its binder.
            let outside: Vec<Atom> = f
                .iter()
                .skip(2)
                .map(|a| rename(a, depth, env, symbols))
                .collect();
            env.push((old, new));
            let body = rename(f.get(0), depth + 1, env, symbols);
            env.pop();
            let var = Atom::var(new);
            let args: Vec<&Atom> = [&body, &var].into_iter().chain(&outside).collect();
            f.get_symbol().call_args(args)
        }
        AtomView::Fun(f) if f.get_symbol() == symbols.lim && f.get_nargs() == 3 => {
            let Some(old) = f.get(1).get_symbol() else {
                return view.to_owned();
            };
            let new = symbols.bound(depth);
            if let Some(hint) = symbols.bound_hint(old) {
                symbols.hint_bound(new, &hint);
            }
            env.push((old, new));
            let body = rename(f.get(0), depth + 1, env, symbols);
            env.pop();
            symbols
                .lim
                .call_args([&body, &Atom::var(new), &f.get(2).to_owned()])
        }
        // The limits are outside the binder: renamed at this depth.
        AtomView::Fun(f) if f.get_symbol() == symbols.dint && f.get_nargs() == 4 => {
            let Some(old) = f.get(1).get_symbol() else {
                return view.to_owned();
            };
            let lower = rename(f.get(2), depth, env, symbols);
            let upper = rename(f.get(3), depth, env, symbols);
            let new = symbols.bound(depth);
            if let Some(hint) = symbols.bound_hint(old) {
                symbols.hint_bound(new, &hint);
            }
            env.push((old, new));
            let body = rename(f.get(0), depth + 1, env, symbols);
            env.pop();
            symbols
                .dint
                .call_args([&body, &Atom::var(new), &lower, &upper])
        }
        AtomView::Fun(f) => {
            let args: Vec<Atom> = f.iter().map(|a| rename(a, depth, env, symbols)).collect();
            f.get_symbol().call_args(args.iter())
        }
        AtomView::Pow(p) => {
            let (base, exp) = p.get_base_exp();
            let base = rename(base, depth, env, symbols);
            let exp = rename(exp, depth, env, symbols);
            base.pow(&exp)
        }
        AtomView::Mul(m) => {
            let factors: Vec<Atom> = m.iter().map(|a| rename(a, depth, env, symbols)).collect();
            Atom::mul_many(factors.iter())
        }
        AtomView::Add(a) => {
            let terms: Vec<Atom> = a.iter().map(|t| rename(t, depth, env, symbols)).collect();
            Atom::add_many(terms.iter())
        }
    }
}

/// Whether `view` is `int(body, x)`, `sum(body, i, lo, hi)` or `prod(body, i, lo, hi)`.
pub fn is_binder_call(view: AtomView<'_>, symbols: &Symbols) -> bool {
    match view {
        AtomView::Fun(f) if f.get_symbol() == symbols.int => f.get_nargs() == 2,
        AtomView::Fun(f) if f.get_symbol() == symbols.sum || f.get_symbol() == symbols.prod => {
            f.get_nargs() == 4
        }
        _ => false,
    }
}

/// Whether `view` contains a binder (an integral, a sum, a product): only then can
/// its levels be off.
fn has_binder(view: AtomView<'_>, symbols: &Symbols) -> bool {
    let mut found = false;
    view.visitor(&mut |v| {
        if let AtomView::Fun(f) = v {
            if symbols.is_binder(f.get_symbol()) {
                found = true;
            }
        }
        !found
    });
    found
}

/// Whether `view` contains an integral.
pub fn has_integral(view: AtomView<'_>, symbols: &Symbols) -> bool {
    let mut found = false;
    view.visitor(&mut |v| {
        if let AtomView::Fun(f) = v {
            if [symbols.int, symbols.dint, symbols.lim].contains(&f.get_symbol()) {
                found = true;
            }
        }
        !found
    });
    found
}

/// One more than the highest level of any integration variable in `view`, bound or
/// not: integrals renamed to start there capture nothing in `view`.
pub fn next_free_level(view: AtomView<'_>, symbols: &Symbols) -> usize {
    let mut next = 0;
    view.visitor(&mut |v| {
        if let AtomView::Var(var) = v {
            if let Some(level) = symbols.bound_level(var.get_symbol()) {
                next = next.max(level + 1);
            }
        }
        true
    });
    next
}
