//! Small tools for taking atoms apart and putting them back together, shared by the
//! rule families.

use std::convert::Infallible;
use std::sync::OnceLock;

use symbolica::atom::{Atom, AtomCore, AtomView, Symbol};

use super::symbols::Symbols;

/// Rebuild `view` bottom-up, applying `f` to every node after its children.
///
/// A call, product or sum whose children all come back unchanged is not rebuilt:
/// rebuilding one from its own children gives it back (byte for byte), and most
/// nodes of a pass are untouched by it. Powers are always rebuilt (see `walk`). Set
/// `VERIFY_CHECK_REBUILDS=1` to rebuild such nodes anyway and panic where the rebuilt
/// atom differs, which validates that premise over a whole test run.
pub fn map_bottom_up(view: AtomView<'_>, f: &mut dyn FnMut(Atom) -> Atom) -> Atom {
    map_views_bottom_up(view, &mut |v| Some(f(v.to_owned())))
}

/// The same as [`map_bottom_up`] with a fallible `f`; the first error stops the walk.
pub fn try_map_bottom_up<E>(
    view: AtomView<'_>,
    f: &mut dyn FnMut(Atom) -> Result<Atom, E>,
) -> Result<Atom, E> {
    try_map_views_bottom_up(view, &mut |v| f(v.to_owned()).map(Some))
}

/// [`map_bottom_up`] with `f` given each node as a view, returning `None` to leave it
/// as it is: a subtree nothing changes in is then never copied.
pub fn map_views_bottom_up(
    view: AtomView<'_>,
    f: &mut dyn FnMut(AtomView<'_>) -> Option<Atom>,
) -> Atom {
    match try_map_views_bottom_up::<Infallible>(view, &mut |v| Ok(f(v))) {
        Ok(out) => out,
        Err(never) => match never {},
    }
}

/// [`map_views_bottom_up`] with a fallible `f`; the first error stops the walk.
pub fn try_map_views_bottom_up<E>(
    view: AtomView<'_>,
    f: &mut dyn FnMut(AtomView<'_>) -> Result<Option<Atom>, E>,
) -> Result<Atom, E> {
    Ok(walk(view, f)?.unwrap_or_else(|| view.to_owned()))
}

/// Whether `VERIFY_CHECK_REBUILDS` asks for the rebuild check (read once); also
/// checks [`super::binders::relevel`]'s shortcut.
pub(super) fn check_rebuilds() -> bool {
    static CHECK: OnceLock<bool> = OnceLock::new();
    *CHECK.get_or_init(|| std::env::var_os("VERIFY_CHECK_REBUILDS").is_some_and(|v| v == "1"))
}

/// The walk behind every map: children first, then the node (rebuilt only when a
/// child changed), then `f`. `None` when the result is `view` itself, byte for byte.
fn walk<E>(
    view: AtomView<'_>,
    f: &mut dyn FnMut(AtomView<'_>) -> Result<Option<Atom>, E>,
) -> Result<Option<Atom>, E> {
    let rebuilt = match view {
        AtomView::Num(_) | AtomView::Var(_) => None,
        AtomView::Fun(fun) => {
            let args = walk_all(fun.iter(), f)?;
            rebuild_if_changed(view, fun.iter(), args, |args| {
                fun.get_symbol().call_args(args.iter())
            })
        }
        AtomView::Pow(p) => {
            // Always rebuilt: a power Symbolica holds as is may not be the one it
            // builds from the same parts (`(2π)⁻¹` is built as `2⁻¹·π⁻¹`).
            let (base, exp) = p.get_base_exp();
            let new_base = walk(base, f)?.unwrap_or_else(|| base.to_owned());
            let new_exp = walk(exp, f)?.unwrap_or_else(|| exp.to_owned());
            Some(new_base.pow(&new_exp)).filter(|p| p.as_view() != view)
        }
        AtomView::Mul(m) => {
            let factors = walk_all(m.iter(), f)?;
            rebuild_if_changed(view, m.iter(), factors, |factors| {
                Atom::mul_many(factors.iter())
            })
        }
        AtomView::Add(a) => {
            let terms = walk_all(a.iter(), f)?;
            rebuild_if_changed(view, a.iter(), terms, |terms| Atom::add_many(terms.iter()))
        }
    };
    let out = match rebuilt {
        None => f(view)?,
        Some(node) => Some(f(node.as_view())?.unwrap_or(node)),
    };
    // A node `f` (or the rebuild) gave back as it was counts as unchanged, so that
    // the node above it is kept too.
    Ok(out.filter(|a| a.as_view() != view))
}

fn walk_all<'a, E>(
    children: impl Iterator<Item = AtomView<'a>>,
    f: &mut dyn FnMut(AtomView<'_>) -> Result<Option<Atom>, E>,
) -> Result<Vec<Option<Atom>>, E> {
    children.map(|c| walk(c, f)).collect()
}

/// `None` (keep `view`) when no child changed, else `rebuild` of the children, the
/// new ones where they changed and copies of the old ones elsewhere.
fn rebuild_if_changed<'a>(
    view: AtomView<'_>,
    old: impl Iterator<Item = AtomView<'a>>,
    new: Vec<Option<Atom>>,
    rebuild: impl FnOnce(&[Atom]) -> Atom,
) -> Option<Atom> {
    let changed = new.iter().any(Option::is_some);
    if !changed && !check_rebuilds() {
        return None;
    }
    let children: Vec<Atom> = old
        .zip(new)
        .map(|(old, new)| new.unwrap_or_else(|| old.to_owned()))
        .collect();
    let rebuilt = rebuild(&children);
    if changed {
        return Some(rebuilt);
    }
    assert!(
        rebuilt.as_view() == view,
        "VERIFY_CHECK_REBUILDS: rebuilding {view} from its own children gave {rebuilt}"
    );
    None
}

/// The summands of a sum, or the atom itself.
pub fn terms(view: AtomView<'_>) -> Vec<AtomView<'_>> {
    match view {
        AtomView::Add(a) => a.iter().collect(),
        other => vec![other],
    }
}

/// The factors of a product, or the atom itself.
pub fn factors(view: AtomView<'_>) -> Vec<AtomView<'_>> {
    match view {
        AtomView::Mul(m) => m.iter().collect(),
        other => vec![other],
    }
}

/// The only argument of a call to `symbol`, if `view` is one.
pub fn unary_arg(view: AtomView<'_>, symbol: Symbol) -> Option<AtomView<'_>> {
    match view {
        AtomView::Fun(f) if f.get_symbol() == symbol && f.get_nargs() == 1 => Some(f.get(0)),
        _ => None,
    }
}

/// The integrand and variable of `int(body, x)`, if `view` is one.
pub fn integral_parts(view: AtomView<'_>, symbols: &Symbols) -> Option<(Atom, Symbol)> {
    match view {
        AtomView::Fun(f) if f.get_symbol() == symbols.int && f.get_nargs() == 2 => {
            let x = f.get(1).get_symbol()?;
            Some((f.get(0).to_owned(), x))
        }
        _ => None,
    }
}

/// The exact integer value of a number atom, if it is one.
pub fn as_integer(view: AtomView<'_>) -> Option<i64> {
    let r = as_rational(view)?;
    r.is_integer().then(|| r.num())
}

/// The exact rational value of a number atom, if it is a small real rational.
pub fn as_rational(view: AtomView<'_>) -> Option<crate::term::Rational> {
    match view {
        AtomView::Num(n) => super::convert::rational(n.get_coeff_view()).ok(),
        _ => None,
    }
}

/// Do one arithmetic operation so that Symbolica's first-use notice is printed now,
/// while the engine thread has stdout pointed at stderr.
pub fn warm_up(symbols: &Symbols) {
    let pi = Atom::var(symbols.pi);
    let _ = &pi + &pi;
}
