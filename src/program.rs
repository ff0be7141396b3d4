//! `Program`: a derivation file with every name resolved, ready to check.
//!
//! `lower` builds it from the syntax tree; `engine` reads its [`Context`] (what is
//! declared and assumed) and the checker walks its chains. Everything is plain data
//! over [`Term`], so it crosses the channel to the engine thread as is.

use std::collections::BTreeSet;

use crate::source::Span;
use crate::term::{Name, Term};

/// Declarations and assumptions that every step of a file is checked under.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// Symbols known to be positive: assumed ones and standard deviations of declared
    /// densities.
    pub positive: BTreeSet<Name>,
    /// Functions declared with `let`, densities included.
    pub functions: Vec<FunctionDef>,
}

impl Context {
    /// The declared function called `name`.
    pub fn function(&self, name: &Name) -> Option<&FunctionDef> {
        self.functions.iter().find(|f| &f.name == name)
    }
}

/// `let name(params) = body`.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionDef {
    /// The function's name.
    pub name: Name,
    /// Its parameters.
    pub params: Vec<Name>,
    /// Its formula, in terms of `params`.
    pub body: Term,
    /// Set when the function is a Gaussian density `N(x; mean, std²)` in its one
    /// parameter; the Gaussian family then knows its moments by name.
    pub gaussian: Option<Gaussian>,
}

impl FunctionDef {
    /// The body with the parameters replaced by `args`.
    pub fn apply(&self, args: &[Term]) -> Term {
        self.body.substitute(&|name| {
            self.params
                .iter()
                .position(|p| p == name)
                .and_then(|i| args.get(i).cloned())
        })
    }
}

/// The parameters of a declared Gaussian density.
#[derive(Debug, Clone, PartialEq)]
pub struct Gaussian {
    /// The mean.
    pub mean: Term,
    /// The standard deviation (positive).
    pub std: Term,
}

impl Gaussian {
    /// The density's formula in `x`: `exp(−(x−mean)²/(2·std²)) / (√(2π)·std)`, written as
    /// the seed writes it.
    pub fn formula(&self, x: Term) -> Term {
        let deviation = Term::add([x, Term::negate(self.mean.clone())]);
        let exponent = Term::negate(Term::quotient(
            Term::pow(deviation, Term::int(2)),
            Term::mul([Term::int(2), Term::pow(self.std.clone(), Term::int(2))]),
        ));
        Term::mul([
            Term::quotient(
                Term::int(1),
                Term::mul([
                    Term::pow(Term::mul([Term::int(2), Term::Pi]), Term::frac(1, 2)),
                    self.std.clone(),
                ]),
            ),
            Term::exp(exponent),
        ])
    }
}

/// A whole file, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// What every step is checked under.
    pub context: Context,
    /// The chains, in source order.
    pub chains: Vec<Chain>,
}

/// A resolved chain of equalities.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    /// Index of the chain in the syntax tree's `Document::items`.
    pub ast_item: usize,
    /// The chain's name as written (e.g. `KL(p_1, p_2)`) and where.
    pub name: Option<(String, Span)>,
    /// Set when the chain starts from a specialisation of an earlier chain.
    pub specialisation: Option<Specialisation>,
    /// The steps; consecutive ones are claimed equal.
    pub steps: Vec<Step>,
}

/// One resolved expression of a chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// What it means.
    pub term: Term,
    /// Where it was written.
    pub span: Span,
    /// Index of this expression in the syntax tree's chain (`ast::Chain::steps`).
    pub ast_idx: usize,
}

/// A chain's starting point taken from an earlier chain with values substituted.
#[derive(Debug, Clone, PartialEq)]
pub struct Specialisation {
    /// The earlier chain's index in [`Program::chains`].
    pub target_chain: usize,
    /// The earlier chain's value: its last step.
    pub value: Term,
    /// The substitutions, symbol by symbol.
    pub bindings: Vec<(Name, Term)>,
    /// The `specialise` directive, for diagnostics.
    pub span: Span,
    /// Index of the directive in the syntax tree's `Document::items`.
    pub ast_item: usize,
}
