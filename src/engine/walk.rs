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
    match walk::<Infallible>(view, &mut |a| Ok(f(a))) {
        Ok(out) => out,
        Err(never) => match never {},
    }
}

/// The same as [`map_bottom_up`] with a fallible `f`; the first error stops the walk.
pub fn try_map_bottom_up<E>(
    view: AtomView<'_>,
    f: &mut dyn FnMut(Atom) -> Result<Atom, E>,
) -> Result<Atom, E> {
    walk(view, f)
}

/// Whether `VERIFY_CHECK_REBUILDS` asks for the rebuild check (read once); also
/// checks [`super::binders::relevel`]'s shortcut.
pub(super) fn check_rebuilds() -> bool {
    static CHECK: OnceLock<bool> = OnceLock::new();
    *CHECK.get_or_init(|| std::env::var_os("VERIFY_CHECK_REBUILDS").is_some_and(|v| v == "1"))
}

/// The walk behind both maps: children first, then the node (rebuilt only when a
/// child changed), then `f`.
fn walk<E>(view: AtomView<'_>, f: &mut dyn FnMut(Atom) -> Result<Atom, E>) -> Result<Atom, E> {
    let node = match view {
        AtomView::Num(_) | AtomView::Var(_) => view.to_owned(),
        AtomView::Fun(fun) => {
            let args = walk_all(fun.iter(), f)?;
            let same = unchanged(fun.iter(), &args);
            keep_or_rebuild(view, same, || fun.get_symbol().call_args(args.iter()))
        }
        AtomView::Pow(p) => {
            let (base, exp) = p.get_base_exp();
            // Always rebuilt: a power Symbolica holds as is may not be the one it
            // builds from the same parts (`(2π)⁻¹` is built as `2⁻¹·π⁻¹`).
            walk(base, f)?.pow(&walk(exp, f)?)
        }
        AtomView::Mul(m) => {
            let factors = walk_all(m.iter(), f)?;
            let same = unchanged(m.iter(), &factors);
            keep_or_rebuild(view, same, || Atom::mul_many(factors.iter()))
        }
        AtomView::Add(a) => {
            let terms = walk_all(a.iter(), f)?;
            let same = unchanged(a.iter(), &terms);
            keep_or_rebuild(view, same, || Atom::add_many(terms.iter()))
        }
    };
    f(node)
}

fn walk_all<'a, E>(
    children: impl Iterator<Item = AtomView<'a>>,
    f: &mut dyn FnMut(Atom) -> Result<Atom, E>,
) -> Result<Vec<Atom>, E> {
    children.map(|c| walk(c, f)).collect()
}

/// Whether each walked child equals the child it came from (`new` was walked from
/// `old`, so the two have the same length).
fn unchanged<'a>(old: impl Iterator<Item = AtomView<'a>>, new: &[Atom]) -> bool {
    old.zip(new).all(|(old, new)| new.as_view() == old)
}

/// `view` itself when its children are unchanged (`same`), else `rebuild()`.
fn keep_or_rebuild(view: AtomView<'_>, same: bool, rebuild: impl FnOnce() -> Atom) -> Atom {
    if !same {
        return rebuild();
    }
    let kept = view.to_owned();
    if check_rebuilds() {
        let rebuilt = rebuild();
        assert!(
            rebuilt == kept,
            "VERIFY_CHECK_REBUILDS: rebuilding {kept} from its own children gave {rebuilt}"
        );
    }
    kept
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
