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
    // Most atoms a pass returns are leveled already; checking is a walk, renaming a
    // rebuild of every node.
    if is_leveled(atom.as_view(), start, symbols) {
        if super::walk::check_rebuilds() {
            let renamed = rename(atom.as_view(), start, &mut Vec::new(), symbols);
            assert!(
                renamed == *atom,
                "VERIFY_CHECK_REBUILDS: {atom} counted as leveled, renamed to {renamed}"
            );
        }
        return atom.clone();
    }
    rename(atom.as_view(), start, &mut Vec::new(), symbols)
}

/// Whether [`rename`] would give `view` back: every binder's variable is already the
/// level it stands at (so every renaming on the way is the identity), and every power
/// rebuilds as itself. It asks for the
/// same levels' symbols, in the same order, as `rename` does.
fn is_leveled(view: AtomView<'_>, depth: usize, symbols: &Symbols) -> bool {
    match view {
        AtomView::Num(_) | AtomView::Var(_) => true,
        AtomView::Fun(f) if is_binder_call(view, symbols) => {
            let Some(old) = f.get(1).get_symbol() else {
                return true;
            };
            old == symbols.bound(depth)
                && f.iter().skip(2).all(|a| is_leveled(a, depth, symbols))
                && is_leveled(f.get(0), depth + 1, symbols)
        }
        AtomView::Fun(f) => f.iter().all(|a| is_leveled(a, depth, symbols)),
        // `rename` rebuilds a power, and Symbolica may build it otherwise than it
        // holds it (`(2π)⁻¹` as `2⁻¹·π⁻¹`): leveled only if the rebuild is the same.
        AtomView::Pow(p) => {
            let (base, exp) = p.get_base_exp();
            is_leveled(base, depth, symbols)
                && is_leveled(exp, depth, symbols)
                && base.to_owned().pow(exp.to_owned()).as_view() == view
        }
        AtomView::Mul(m) => m.iter().all(|a| is_leveled(a, depth, symbols)),
        AtomView::Add(a) => a.iter().all(|t| is_leveled(t, depth, symbols)),
    }
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
            // A sum's bounds, a definite integral's limits, a limit's infinity (the
            // arguments after the variable) are outside the binder.
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

/// Whether `view` is a binder's call: `int(body, x)`, `dint(body, x, lo, hi)`,
/// `lim(body, x, ±inf)`, `sum(body, i, lo, hi)` or `prod(body, i, lo, hi)`; the body
/// first, the bound variable second, what stands outside the binder after.
pub fn is_binder_call(view: AtomView<'_>, symbols: &Symbols) -> bool {
    let AtomView::Fun(f) = view else {
        return false;
    };
    let s = f.get_symbol();
    let arity = match () {
        _ if s == symbols.int => 2,
        _ if s == symbols.lim => 3,
        _ if s == symbols.dint || s == symbols.sum || s == symbols.prod => 4,
        _ => return false,
    };
    f.get_nargs() == arity
}

/// Whether `view` contains a binder (an integral, a limit, a sum, a product): only
/// then can its levels be off.
fn has_binder(view: AtomView<'_>, symbols: &Symbols) -> bool {
    contains_call(view, &|s| symbols.is_binder(s))
}

/// Whether `view` contains an integral or a limit, which the Gaussian family had to
/// evaluate (a sum left over is a value; an integral left over is not).
pub fn has_integral(view: AtomView<'_>, symbols: &Symbols) -> bool {
    contains_call(view, &|s| {
        [symbols.int, symbols.dint, symbols.lim].contains(&s)
    })
}

/// Whether `view` calls a function symbol that `is` accepts.
fn contains_call(view: AtomView<'_>, is: &dyn Fn(Symbol) -> bool) -> bool {
    let mut found = false;
    view.visitor(&mut |v| {
        if let AtomView::Fun(f) = v {
            found |= is(f.get_symbol());
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

#[cfg(test)]
mod tests {
    use symbolica::atom::Atom;

    use super::relevel;
    use crate::engine::testing::on_engine;

    /// A limit binds its variable like an integral: an atom whose only binder is a
    /// limit is releveled too (it was skipped, its variable left at a stale level).
    #[test]
    fn a_limit_alone_is_releveled() {
        let renamed = on_engine(|symbols| {
            let stale = symbols.bound(3);
            let limit = symbols.lim.call_args([
                &(Atom::var(stale) * Atom::var(stale)),
                &Atom::var(stale),
                &Atom::var(symbols.inf),
            ]);
            let fresh = symbols.lim.call_args([
                &(Atom::var(symbols.bound(0)) * Atom::var(symbols.bound(0))),
                &Atom::var(symbols.bound(0)),
                &Atom::var(symbols.inf),
            ]);
            relevel(&limit, 0, symbols) == fresh
        });
        assert!(renamed);
    }
}
