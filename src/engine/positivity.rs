//! Sign analysis: which expressions are known to be positive.
//!
//! The log & exp laws and the Gaussian rule hold only for positive quantities, so
//! each of their rewrites asks this oracle first. It is deliberately simple and
//! conservative: "not known positive" is the answer whenever a proof is not immediate
//! (a positive symbol, π, an exponential, a declared density, and products, positive
//! powers and sums of those; even powers and squares are non-negative).

use std::collections::{HashMap, HashSet};

use symbolica::atom::{Atom, AtomView, Symbol};

use super::rules::{substitution, CompiledFunction};
use super::symbols::Symbols;
use super::walk::as_rational;
use crate::program::Context;

/// What is known to be positive in one file.
pub struct Signs {
    positive_symbols: HashSet<Symbol>,
    /// Declared densities: a call is positive when its standard deviation is, with
    /// the call's values put in (`σ` itself, unless a specialisation gave it a value).
    densities: HashMap<Symbol, Density>,
    /// Data known to be positive: `σ` in `σ_j` after `assume \sigma_j > 0` (an index
    /// letter as subscript), whose every datum `σ_j` inside a sum over `j` is.
    positive_data: HashSet<Symbol>,
    pi: Symbol,
    exp: Symbol,
    /// Γ, positive at a positive argument.
    gamma: Symbol,
    abs: Symbol,
    /// log, positive at a number above 1 (`\log_2 x` divides by log 2).
    log: Symbol,
    /// A product over an index, positive when its factor is (`Π_j σ_j²` for positive
    /// data σ).
    prod: Symbol,
}

struct Density {
    /// Parameters and dependencies, in the order of a call's arguments.
    slots: Vec<Symbol>,
    std: Atom,
}

impl Signs {
    /// The facts of `context`: assumed-positive symbols and declared densities.
    pub fn new(context: &Context, symbols: &mut Symbols, functions: &[CompiledFunction]) -> Self {
        let positive_symbols = context
            .positive
            .iter()
            .map(|name| symbols.variable(name))
            .collect();
        let densities = functions
            .iter()
            .filter_map(|f| {
                let (_, std) = f.gaussian.as_ref()?;
                let slots = f.params.iter().chain(&f.globals).copied().collect();
                Some((
                    f.symbol,
                    Density {
                        slots,
                        std: std.clone(),
                    },
                ))
            })
            .collect();
        let positive_data = context
            .positive
            .iter()
            .filter_map(|name| {
                let (base, sub) = name.as_str().rsplit_once('_')?;
                matches!(sub, "i" | "j" | "k" | "l" | "m" | "n")
                    .then(|| symbols.indexed(&crate::term::Name::new(base)))
            })
            .collect();
        Self {
            positive_symbols,
            positive_data,
            densities,
            pi: symbols.pi,
            exp: symbols.exp,
            gamma: symbols.gamma,
            abs: symbols.abs,
            log: symbols.log,
            prod: symbols.prod,
        }
    }

    /// Whether `view` is known to be strictly positive for every admissible value of
    /// its symbols.
    pub fn is_positive(&self, view: AtomView<'_>) -> bool {
        match view {
            AtomView::Num(_) => as_rational(view).is_some_and(|r| r.num() > 0),
            AtomView::Var(v) => {
                let s = v.get_symbol();
                s == self.pi || self.positive_symbols.contains(&s)
            }
            AtomView::Fun(f) => {
                let s = f.get_symbol();
                if s == self.exp || self.positive_data.contains(&s) {
                    return true;
                }
                if s == self.prod && f.get_nargs() == 4 {
                    return self.is_positive(f.get(0));
                }
                if s == self.gamma && f.get_nargs() == 1 {
                    return self.is_positive(f.get(0));
                }
                if s == self.log && f.get_nargs() == 1 {
                    return as_rational(f.get(0)).is_some_and(|r| r.num() > r.den() && r.den() > 0);
                }
                let Some(density) = self.densities.get(&s) else {
                    return false;
                };
                if f.get_nargs() != density.slots.len() {
                    return false;
                }
                let values: Vec<Atom> = f.iter().map(|a| a.to_owned()).collect();
                let pairs: Vec<(Symbol, &Atom)> =
                    density.slots.iter().copied().zip(values.iter()).collect();
                let std = substitution::substitute(&density.std, &pairs);
                self.is_positive(std.as_view())
            }
            AtomView::Pow(p) => self.is_positive(p.get_base()),
            AtomView::Mul(m) => m.iter().all(|f| self.is_positive(f)),
            AtomView::Add(a) => {
                a.iter().all(|t| self.is_nonnegative(t)) && a.iter().any(|t| self.is_positive(t))
            }
        }
    }

    /// Whether `view` is known to be non-negative.
    pub fn is_nonnegative(&self, view: AtomView<'_>) -> bool {
        if self.is_positive(view) {
            return true;
        }
        match view {
            AtomView::Num(_) => as_rational(view).is_some_and(|r| r.num() >= 0),
            AtomView::Pow(p) => {
                is_even_integer(p.get_base_exp().1) || self.is_nonnegative(p.get_base())
            }
            AtomView::Fun(f) => f.get_symbol() == self.abs,
            AtomView::Mul(m) => m.iter().all(|f| self.is_nonnegative(f)),
            AtomView::Add(a) => a.iter().all(|t| self.is_nonnegative(t)),
            _ => false,
        }
    }
}

/// Whether `view` is an even integer: an exponent that makes any real base non-negative.
pub(crate) fn is_even_integer(view: AtomView<'_>) -> bool {
    as_rational(view).is_some_and(|r| r.is_integer() && r.num() % 2 == 0)
}
