//! [`Term`] ⇄ Symbolica [`Atom`], both directions, on the engine thread.
//!
//! Integration variables are bound: `∫ f(x) dx` and `∫ f(t) dt` become the same atom,
//! because the variable of the `d`-th nested integral is always the symbol `b{d}` (see
//! [`super::binders`]). On the way back each integral's variable gets a name that no
//! other name in its integrand has, the author's own when it is free.
//!
//! A call of a declared function carries, after its arguments, the values of the
//! names its formula depends on ([`crate::program::Context::globals`]): `p(x)` with
//! `p(x) = N(x; μ, σ²)` is the atom `p(x, μ, σ)`, and under `∫ … dμ` it is
//! `p(x, b0, σ)`. So every test of "does this depend on the variable" sees through the
//! definition, and substituting a value for μ reaches inside the call.

use std::collections::BTreeMap;

use symbolica::atom::{Atom, AtomCore, AtomView, Symbol};
use symbolica::coefficient::CoefficientView;

use super::rules::CompiledFunction;
use super::symbols::{SymbolRole, Symbols};
use crate::term::{fresh_name, Endpoint, Infinity, Name, Rational, SeriesOp, Special, Term};
use crate::verdict::{Blocker, Limit};

/// For each declared function, the names it depends on besides its parameters.
pub type Globals = BTreeMap<Name, Vec<Name>>;

/// Convert a term to an atom.
pub fn to_atom(term: &Term, symbols: &mut Symbols, globals: &Globals) -> Atom {
    let mut bound = Vec::new();
    to_atom_in(term, symbols, globals, &mut bound)
}

fn to_atom_in(
    term: &Term,
    symbols: &mut Symbols,
    globals: &Globals,
    bound: &mut Vec<(Name, Atom)>,
) -> Atom {
    let go = |t: &Term, symbols: &mut Symbols, bound: &mut Vec<(Name, Atom)>| {
        to_atom_in(t, symbols, globals, bound)
    };
    match term {
        Term::Num(r) => Atom::num((r.num(), r.den())),
        Term::Sym(name) => lookup(name, symbols, bound),
        Term::Pi => Atom::var(symbols.pi),
        Term::Add(ts) => {
            let atoms: Vec<Atom> = ts.iter().map(|t| go(t, symbols, bound)).collect();
            Atom::add_many(atoms.iter())
        }
        Term::Mul(ts) => {
            let atoms: Vec<Atom> = ts.iter().map(|t| go(t, symbols, bound)).collect();
            Atom::mul_many(atoms.iter())
        }
        Term::Pow(base, exp) => {
            let base = go(base, symbols, bound);
            let exp = go(exp, symbols, bound);
            base.pow(&exp)
        }
        Term::Log(a) => symbols.log.call_args([&go(a, symbols, bound)]),
        Term::Exp(a) => symbols.exp.call_args([&go(a, symbols, bound)]),
        Term::Special(f, a) => {
            let arg = go(a, symbols, bound);
            symbols.special(*f).call_args([&arg])
        }
        Term::Call(f, args) => {
            let symbol = symbols.function(f);
            let mut atoms: Vec<Atom> = args.iter().map(|t| go(t, symbols, bound)).collect();
            for g in globals.get(f).into_iter().flatten() {
                atoms.push(lookup(g, symbols, bound));
            }
            symbol.call_args(atoms.iter())
        }
        Term::Integral { var, body } => {
            let x = symbols.bound(bound.len());
            symbols.hint_bound(x, var);
            bound.push((var.clone(), Atom::var(x)));
            let body = go(body, symbols, bound);
            bound.pop();
            symbols.int.call_args([&body, &Atom::var(x)])
        }
        Term::Series {
            op,
            var,
            lower,
            upper,
            body,
        } => {
            let (lower, upper) = (go(lower, symbols, bound), go(upper, symbols, bound));
            let i = symbols.bound(bound.len());
            symbols.hint_bound(i, var);
            bound.push((var.clone(), Atom::var(i)));
            let body = go(body, symbols, bound);
            bound.pop();
            let symbol = match op {
                SeriesOp::Sum => symbols.sum,
                SeriesOp::Prod => symbols.prod,
            };
            symbol.call_args([&body, &Atom::var(i), &lower, &upper])
        }
        Term::Indexed(base, index) => {
            let index = go(index, symbols, bound);
            symbols.indexed(base).call_args([&index])
        }
        Term::Limit { var, body, to } => {
            let end = match to {
                Infinity::Minus => -Atom::var(symbols.inf),
                Infinity::Plus => Atom::var(symbols.inf),
            };
            let x = symbols.bound(bound.len());
            symbols.hint_bound(x, var);
            bound.push((var.clone(), Atom::var(x)));
            let body = go(body, symbols, bound);
            bound.pop();
            symbols.lim.call_args([&body, &Atom::var(x), &end])
        }
        Term::Definite {
            var,
            body,
            lower,
            upper,
        } => {
            let limit = |l: &Endpoint, symbols: &mut Symbols, bound: &mut Vec<(Name, Atom)>| match l
            {
                Endpoint::NegInf => -Atom::var(symbols.inf),
                Endpoint::PosInf => Atom::var(symbols.inf),
                Endpoint::At(t) => go(t, symbols, bound),
            };
            let lower = limit(lower, symbols, bound);
            let upper = limit(upper, symbols, bound);
            let x = symbols.bound(bound.len());
            symbols.hint_bound(x, var);
            bound.push((var.clone(), Atom::var(x)));
            let body = go(body, symbols, bound);
            bound.pop();
            symbols
                .dint
                .call_args([&body, &Atom::var(x), &lower, &upper])
        }
    }
}

/// The atom of the name `name`: the innermost integral's variable of that name, else
/// the free parameter.
fn lookup(name: &Name, symbols: &mut Symbols, bound: &[(Name, Atom)]) -> Atom {
    match bound.iter().rev().find(|(n, _)| n == name) {
        Some((_, atom)) => atom.clone(),
        None => symbols.var_atom(name),
    }
}

/// Convert an atom back to a term; `functions` are the declared functions the atom's
/// calls were made with.
pub fn to_term(
    view: AtomView<'_>,
    symbols: &Symbols,
    functions: &[CompiledFunction],
) -> Result<Term, Blocker> {
    Reader {
        symbols,
        functions,
        bound: Vec::new(),
    }
    .read(view)
}

struct Reader<'a> {
    symbols: &'a Symbols,
    functions: &'a [CompiledFunction],
    /// The integrals around the atom being read: variable symbol and placeholder name.
    bound: Vec<(Symbol, Name)>,
}

impl Reader<'_> {
    fn read(&mut self, view: AtomView<'_>) -> Result<Term, Blocker> {
        let symbols = self.symbols;
        Ok(match view {
            AtomView::Num(n) => Term::Num(rational(n.get_coeff_view())?),
            AtomView::Var(v) => {
                let s = v.get_symbol();
                if s == symbols.pi {
                    Term::Pi
                } else if let Some((_, name)) = self.bound.iter().rev().find(|(b, _)| *b == s) {
                    Term::Sym(name.clone())
                } else if symbols.bound_level(s).is_some() {
                    // A part of an integrand read on its own (to say which factor is
                    // outside the Gaussian class): its variable by its written name.
                    Term::Sym(symbols.bound_hint(s).unwrap_or_else(|| Name::new("x")))
                } else {
                    match symbols.role(s) {
                        Some(SymbolRole::Variable(name)) => Term::Sym(name.clone()),
                        _ => return Err(unknown(view)),
                    }
                }
            }
            AtomView::Fun(f)
                if [symbols.int, symbols.dint, symbols.lim].contains(&f.get_symbol()) =>
            {
                let symbol = f.get_symbol();
                let (n, Some(x)) = (f.get_nargs(), f.get(1).get_symbol()) else {
                    return Err(unknown(view));
                };
                let expected = match symbol {
                    s if s == symbols.dint => 4,
                    s if s == symbols.lim => 3,
                    _ => 2,
                };
                if n != expected {
                    return Err(unknown(view));
                }
                let limits = if symbol == symbols.dint {
                    Some((self.limit(f.get(2))?, self.limit(f.get(3))?))
                } else {
                    None
                };
                let to = if symbol == symbols.lim {
                    match self.limit(f.get(2))? {
                        Endpoint::PosInf => Some(Infinity::Plus),
                        Endpoint::NegInf => Some(Infinity::Minus),
                        Endpoint::At(_) => return Err(unknown(view)),
                    }
                } else {
                    None
                };
                // Read the integrand with a placeholder for the variable, then name it
                // with a name the integrand does not use.
                let placeholder = Name::new(format!("\u{0}{}", self.bound.len()));
                self.bound.push((x, placeholder.clone()));
                let body = self.read(f.get(0));
                self.bound.pop();
                let body = body?;
                let mut avoid = body.names();
                avoid.remove(&placeholder);
                let hint = symbols.bound_hint(x).unwrap_or_else(|| Name::new("x"));
                let var = fresh_name(&hint, &avoid);
                let body =
                    body.substitute(&|n| (n == &placeholder).then(|| Term::Sym(var.clone())));
                match (limits, to) {
                    (_, Some(to)) => Term::Limit {
                        var,
                        body: Box::new(body),
                        to,
                    },
                    (None, None) => Term::Integral {
                        var,
                        body: Box::new(body),
                    },
                    (Some((lower, upper)), None) => Term::Definite {
                        var,
                        body: Box::new(body),
                        lower: Box::new(lower),
                        upper: Box::new(upper),
                    },
                }
            }
            AtomView::Fun(f)
                if (f.get_symbol() == symbols.sum || f.get_symbol() == symbols.prod)
                    && f.get_nargs() == 4 =>
            {
                let Some(i) = f.get(1).get_symbol() else {
                    return Err(unknown(view));
                };
                let lower = self.read(f.get(2))?;
                let upper = self.read(f.get(3))?;
                let (var, body) = self.under_binder(i, f.get(0))?;
                let op = if f.get_symbol() == symbols.sum {
                    SeriesOp::Sum
                } else {
                    SeriesOp::Prod
                };
                Term::Series {
                    op,
                    var,
                    lower: Box::new(lower),
                    upper: Box::new(upper),
                    body: Box::new(body),
                }
            }
            AtomView::Fun(f) => {
                let s = f.get_symbol();
                let args: Vec<Term> = f.iter().map(|a| self.read(a)).collect::<Result<_, _>>()?;
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
                } else if s == symbols.erf {
                    Term::Special(Special::Erf, one(args)?)
                } else if s == symbols.gamma {
                    Term::Special(Special::Gamma, one(args)?)
                } else if s == symbols.abs {
                    Term::Special(Special::Abs, one(args)?)
                } else {
                    match symbols.role(s) {
                        Some(SymbolRole::Function(name)) => {
                            self.call(name, f.iter().collect(), args)?
                        }
                        Some(SymbolRole::Indexed(name)) => Term::Indexed(name.clone(), one(args)?),
                        _ => return Err(unknown(view)),
                    }
                }
            }
            AtomView::Pow(p) => {
                let (b, e) = p.get_base_exp();
                Term::pow(self.read(b)?, self.read(e)?)
            }
            AtomView::Mul(m) => Term::mul(
                m.iter()
                    .map(|a| self.read(a))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            AtomView::Add(a) => Term::add(
                a.iter()
                    .map(|t| self.read(t))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        })
    }

    /// The body of a binder of `x`, read with a placeholder for the variable, then
    /// named with a name the body does not use (the author's own when free).
    fn under_binder(&mut self, x: Symbol, body: AtomView<'_>) -> Result<(Name, Term), Blocker> {
        let symbols = self.symbols;
        let placeholder = Name::new(format!("\u{0}{}", self.bound.len()));
        self.bound.push((x, placeholder.clone()));
        let body = self.read(body);
        self.bound.pop();
        let body = body?;
        let mut avoid = body.names();
        avoid.remove(&placeholder);
        let hint = symbols.bound_hint(x).unwrap_or_else(|| Name::new("x"));
        let var = fresh_name(&hint, &avoid);
        let body = body.substitute(&|n| (n == &placeholder).then(|| Term::Sym(var.clone())));
        Ok((var, body))
    }

    /// A limit of a definite integral: `inf`, `−inf` or a value.
    fn limit(&mut self, view: AtomView<'_>) -> Result<Endpoint, Blocker> {
        let inf = Atom::var(self.symbols.inf);
        if view == inf.as_view() {
            return Ok(Endpoint::PosInf);
        }
        if view == (-&inf).as_view() {
            return Ok(Endpoint::NegInf);
        }
        Ok(Endpoint::At(self.read(view)?))
    }

    /// A call of `name`: written as a call when the names its formula depends on have
    /// their own values, and as the formula itself when some were given other values
    /// (`p(x)` under `∫ … dμ`, or after μ = 0 was substituted), which a call cannot show.
    fn call(
        &self,
        name: &Name,
        atoms: Vec<AtomView<'_>>,
        args: Vec<Term>,
    ) -> Result<Term, Blocker> {
        let Some(def) = self.functions.iter().find(|f| &f.def.name == name) else {
            return Ok(Term::Call(name.clone(), args));
        };
        let n_params = def.params.len();
        if args.len() != n_params + def.globals.len() {
            return Err(Blocker::Internal(format!(
                "a call of {name} with {} arguments",
                args.len()
            )));
        }
        let as_declared = atoms[n_params..]
            .iter()
            .zip(&def.globals)
            .all(|(slot, g)| matches!(slot, AtomView::Var(v) if v.get_symbol() == *g));
        let mut args = args;
        if as_declared {
            args.truncate(n_params);
            return Ok(Term::Call(name.clone(), args));
        }
        let names: Vec<&Name> = def.def.params.iter().chain(&def.global_names).collect();
        Ok(def
            .def
            .body
            .substitute(&|n| names.iter().position(|m| *m == n).map(|i| args[i].clone())))
    }
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
            let globals = Globals::new();
            let atom = to_atom(&term, symbols, &globals);
            let back = to_term(atom.as_view(), symbols, &[]).unwrap();
            let again = to_atom(&back, symbols, &globals);
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
            let globals = Globals::new();
            assert_eq!(
                to_atom(&integral("x"), symbols, &globals),
                to_atom(&integral("t"), symbols, &globals)
            );
        });
    }
}
