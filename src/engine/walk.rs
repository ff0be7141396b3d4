//! Small tools for taking atoms apart and putting them back together, shared by the
//! rule families.

use symbolica::atom::{Atom, AtomCore, AtomView, Symbol};

use super::symbols::Symbols;

/// Rebuild `view` bottom-up, applying `f` to every node after its children.
pub fn map_bottom_up(view: AtomView<'_>, f: &mut dyn FnMut(Atom) -> Atom) -> Atom {
    let rebuilt = match view {
        AtomView::Num(_) | AtomView::Var(_) => view.to_owned(),
        AtomView::Fun(fun) => {
            let args: Vec<Atom> = fun.iter().map(|a| map_bottom_up(a, f)).collect();
            fun.get_symbol().call_args(args.iter())
        }
        AtomView::Pow(p) => {
            let (base, exp) = p.get_base_exp();
            let base = map_bottom_up(base, f);
            let exp = map_bottom_up(exp, f);
            base.pow(&exp)
        }
        AtomView::Mul(m) => {
            let factors: Vec<Atom> = m.iter().map(|a| map_bottom_up(a, f)).collect();
            Atom::mul_many(factors.iter())
        }
        AtomView::Add(a) => {
            let terms: Vec<Atom> = a.iter().map(|t| map_bottom_up(t, f)).collect();
            Atom::add_many(terms.iter())
        }
    };
    f(rebuilt)
}

/// The same as [`map_bottom_up`] with a fallible `f`; the first error stops the walk.
pub fn try_map_bottom_up<E>(
    view: AtomView<'_>,
    f: &mut dyn FnMut(Atom) -> Result<Atom, E>,
) -> Result<Atom, E> {
    let mut error = None;
    let out = map_bottom_up(view, &mut |atom| {
        if error.is_some() {
            return atom;
        }
        match f(atom.clone()) {
            Ok(a) => a,
            Err(e) => {
                error = Some(e);
                atom
            }
        }
    });
    match error {
        Some(e) => Err(e),
        None => Ok(out),
    }
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
