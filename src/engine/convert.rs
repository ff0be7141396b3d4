//! [`Term`] ⇄ Symbolica [`Atom`], both directions, on the engine thread.
//!
//! Integration variables are bound: `∫ f(x) dx` and `∫ f(t) dt` become the same atom,
//! because the variable of the `d`-th nested integral is always the symbol `b{d}`.

use symbolica::atom::{Atom, AtomCore, AtomView};
use symbolica::coefficient::CoefficientView;
use symbolica::symbol;

use super::symbols::{SymbolRole, Symbols};
use crate::term::{Name, Rational, Term};
use crate::verdict::{Blocker, Limit};

/// Convert a term to an atom.
pub fn to_atom(term: &Term, symbols: &mut Symbols) -> Atom {
    let mut bound = Vec::new();
    to_atom_in(term, symbols, &mut bound)
}

fn to_atom_in(term: &Term, symbols: &mut Symbols, bound: &mut Vec<(Name, Atom)>) -> Atom {
    match term {
        Term::Num(r) => Atom::num((r.num(), r.den())),
        Term::Sym(name) => match bound.iter().rev().find(|(n, _)| n == name) {
            Some((_, atom)) => atom.clone(),
            None => symbols.var_atom(name),
        },
        Term::Pi => Atom::var(symbols.pi),
        Term::Add(ts) => {
            let atoms: Vec<Atom> = ts.iter().map(|t| to_atom_in(t, symbols, bound)).collect();
            Atom::add_many(atoms.iter())
        }
        Term::Mul(ts) => {
            let atoms: Vec<Atom> = ts.iter().map(|t| to_atom_in(t, symbols, bound)).collect();
            Atom::mul_many(atoms.iter())
        }
        Term::Pow(base, exp) => {
            let base = to_atom_in(base, symbols, bound);
            let exp = to_atom_in(exp, symbols, bound);
            base.pow(&exp)
        }
        Term::Log(a) => symbols.log.call_args([&to_atom_in(a, symbols, bound)]),
        Term::Exp(a) => symbols.exp.call_args([&to_atom_in(a, symbols, bound)]),
        Term::Call(f, args) => {
            let f = symbols.function(f);
            let args: Vec<Atom> = args.iter().map(|t| to_atom_in(t, symbols, bound)).collect();
            f.call_args(args.iter())
        }
        Term::Integral { var, body } => {
            let x = bound_variable(symbols, bound.len(), var);
            bound.push((var.clone(), x.clone()));
            let body = to_atom_in(body, symbols, bound);
            bound.pop();
            symbols.int.call_args([&body, &x])
        }
    }
}

/// The symbol for the variable of the `depth`-th nested integral, remembered under the
/// name the author used so that it prints back as written.
fn bound_variable(symbols: &mut Symbols, depth: usize, name: &Name) -> Atom {
    let s = symbol!(format!("verify::b{depth}"));
    symbols.register_bound(s, name);
    Atom::var(s)
}

/// Convert an atom back to a term.
pub fn to_term(view: AtomView<'_>, symbols: &Symbols) -> Result<Term, Blocker> {
    Ok(match view {
        AtomView::Num(n) => Term::Num(rational(n.get_coeff_view())?),
        AtomView::Var(v) => {
            let s = v.get_symbol();
            if s == symbols.pi {
                Term::Pi
            } else {
                match symbols.role(s) {
                    Some(SymbolRole::Variable(name)) => Term::Sym(name.clone()),
                    _ => return Err(unknown(view)),
                }
            }
        }
        AtomView::Fun(f) => {
            let s = f.get_symbol();
            let args: Vec<Term> = f
                .iter()
                .map(|a| to_term(a, symbols))
                .collect::<Result<_, _>>()?;
            let one = |args: Vec<Term>| -> Result<Box<Term>, Blocker> {
                match <[Term; 1]>::try_from(args) {
                    Ok([a]) => Ok(Box::new(a)),
                    Err(_) => Err(unknown(view)),
                }
            };
            if s == symbols.log {
                Term::Log(one(args)?)
            } else if s == symbols.exp {
                Term::Exp(one(args)?)
            } else if s == symbols.int {
                match <[Term; 2]>::try_from(args) {
                    Ok([body, Term::Sym(var)]) => Term::Integral {
                        var,
                        body: Box::new(body),
                    },
                    _ => return Err(unknown(view)),
                }
            } else {
                match symbols.role(s) {
                    Some(SymbolRole::Function(name)) => Term::Call(name.clone(), args),
                    _ => return Err(unknown(view)),
                }
            }
        }
        AtomView::Pow(p) => {
            let (b, e) = p.get_base_exp();
            Term::pow(to_term(b, symbols)?, to_term(e, symbols)?)
        }
        AtomView::Mul(m) => Term::mul(
            m.iter()
                .map(|a| to_term(a, symbols))
                .collect::<Result<Vec<_>, _>>()?,
        ),
        AtomView::Add(a) => Term::add(
            a.iter()
                .map(|t| to_term(t, symbols))
                .collect::<Result<Vec<_>, _>>()?,
        ),
    })
}

/// The exact rational a coefficient holds, if it is a real rational that fits.
pub fn rational(coeff: CoefficientView<'_>) -> Result<Rational, Blocker> {
    let too_large = || Blocker::Limit(Limit::NumberSize);
    match coeff {
        CoefficientView::Natural(n, d, 0, _) => Rational::new(n, d).ok_or_else(too_large),
        CoefficientView::Natural(..) => Err(Blocker::Undefined(
            "it is not a real number (a root of a negative number)".into(),
        )),
        CoefficientView::Infinity(_) => Err(Blocker::Undefined("division by zero".into())),
        CoefficientView::Indeterminate => Err(Blocker::Undefined(
            "an indeterminate form such as 0/0 or 0^0".into(),
        )),
        CoefficientView::Large(..) => Err(too_large()),
        _ => Err(Blocker::Internal("a number of an unexpected kind".into())),
    }
}

fn unknown(view: AtomView<'_>) -> Blocker {
    Blocker::Internal(format!("no term for engine expression `{view}`"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::on_engine;

    #[test]
    fn round_trip_keeps_meaning() {
        on_engine(|symbols| {
            let x = Name::new("x");
            let term = Term::add([
                Term::log(Term::mul([Term::int(2), Term::Pi])),
                Term::Integral {
                    var: x.clone(),
                    body: Box::new(Term::exp(Term::negate(Term::pow(
                        Term::Sym(x.clone()),
                        Term::int(2),
                    )))),
                },
                Term::frac(-1, 2),
            ]);
            let atom = to_atom(&term, symbols);
            let back = to_term(atom.as_view(), symbols).unwrap();
            let again = to_atom(&back, symbols);
            assert_eq!(atom, again);
        });
    }

    #[test]
    fn integrals_are_equal_whatever_their_variable_is_called() {
        on_engine(|symbols| {
            let integral = |v: &str| Term::Integral {
                var: Name::new(v),
                body: Box::new(Term::exp(Term::negate(Term::pow(
                    Term::sym(v),
                    Term::int(2),
                )))),
            };
            assert_eq!(
                to_atom(&integral("x"), symbols),
                to_atom(&integral("t"), symbols)
            );
        });
    }
}
