//! Sign analysis: which expressions are known to be positive.
//!
//! The log & exp laws and the Gaussian rule hold only for positive quantities, so
//! each of their rewrites asks this oracle first. It is deliberately simple and
//! conservative: "not known positive" is the answer whenever a proof is not immediate
//! (a positive symbol, π, an exponential, a declared density, and products, positive
//! powers and sums of those; even powers and squares are non-negative).

use std::collections::HashSet;

use symbolica::atom::{AtomView, Symbol};

use super::symbols::Symbols;
use super::walk::as_rational;
use crate::program::Context;

/// What is known to be positive in one file.
pub struct Signs {
    positive_symbols: HashSet<Symbol>,
    positive_functions: HashSet<Symbol>,
    pi: Symbol,
    exp: Symbol,
}

impl Signs {
    /// The facts of `context`: assumed-positive symbols and declared densities.
    pub fn new(context: &Context, symbols: &mut Symbols) -> Self {
        let positive_symbols = context
            .positive
            .iter()
            .map(|name| symbols.variable(name))
            .collect();
        let positive_functions = context
            .functions
            .iter()
            .filter(|f| f.gaussian.is_some())
            .map(|f| symbols.function(&f.name))
            .collect();
        Self {
            positive_symbols,
            positive_functions,
            pi: symbols.pi,
            exp: symbols.exp,
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
                s == self.exp || self.positive_functions.contains(&s)
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
            AtomView::Pow(p) => is_even_integer(p.get_base_exp().1),
            AtomView::Mul(m) => m.iter().all(|f| self.is_nonnegative(f)),
            AtomView::Add(a) => a.iter().all(|t| self.is_nonnegative(t)),
            _ => false,
        }
    }
}

fn is_even_integer(view: AtomView<'_>) -> bool {
    as_rational(view).is_some_and(|r| r.is_integer() && r.num() % 2 == 0)
}
