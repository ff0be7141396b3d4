//! The rule families, one module each, and the context they share.
//!
//! Each family is a pass `Atom → Atom` that can be switched on or off
//! ([`crate::verdict::FamilySet`]); `normalize` decides the order. A pass only rewrites
//! what its laws justify; conditions (positivity) are checked with [`Signs`].

pub mod algebra;
pub mod definitions;
pub mod gaussian;
pub mod linearity;
pub mod log_exp;
pub mod substitution;

use symbolica::atom::{Atom, Symbol};

use super::cache::NormalForms;
use super::convert::to_atom;
use super::positivity::Signs;
use super::symbols::Symbols;
use super::State;
use crate::program::Context;
use std::cell::RefCell;
use std::time::{Duration, Instant};

use crate::verdict::{Blocker, Limit, Limits};

/// Everything a rule pass may consult.
pub struct RuleCx<'a> {
    /// The symbol table.
    pub symbols: &'a mut Symbols,
    /// Normal forms already computed under this context.
    pub normal_forms: &'a RefCell<NormalForms>,
    /// What is known to be positive.
    pub signs: Signs,
    /// The declared functions, as atoms.
    pub functions: Vec<CompiledFunction>,
    /// Bounds on the work.
    pub limits: Limits,
    /// When the step's time is up.
    pub deadline: Instant,
}

/// A declared function with its formula as an atom.
pub struct CompiledFunction {
    /// The function's symbol.
    pub symbol: Symbol,
    /// Parameter symbols, in order.
    pub params: Vec<Symbol>,
    /// The formula in terms of `params`.
    pub body: Atom,
    /// Mean and standard deviation, for a Gaussian density.
    pub gaussian: Option<(Atom, Atom)>,
}

impl<'a> RuleCx<'a> {
    /// The rule context for one file's declarations.
    pub fn new(context: &Context, state: &'a mut State) -> Self {
        state.normal_forms.borrow_mut().enter(context);
        let symbols = &mut state.symbols;
        let signs = Signs::new(context, symbols);
        let functions = context
            .functions
            .iter()
            .map(|f| CompiledFunction {
                symbol: symbols.function(&f.name),
                params: f.params.iter().map(|p| symbols.variable(p)).collect(),
                body: to_atom(&f.body, symbols),
                gaussian: f
                    .gaussian
                    .as_ref()
                    .map(|g| (to_atom(&g.mean, symbols), to_atom(&g.std, symbols))),
            })
            .collect();
        let limits = state.limits;
        let deadline = Instant::now() + Duration::from_secs_f64(limits.max_step_seconds.max(0.0));
        Self {
            symbols,
            normal_forms: &state.normal_forms,
            signs,
            functions,
            limits,
            deadline,
        }
    }

    /// An error once the step's time is up; checked between passes, so a step ends
    /// within one pass of its limit.
    pub fn check_time(&self) -> Result<(), Blocker> {
        if Instant::now() > self.deadline {
            return Err(Blocker::Limit(Limit::Time {
                seconds: self.limits.max_step_seconds,
            }));
        }
        Ok(())
    }

    /// The declared function whose symbol is `symbol`.
    pub fn function(&self, symbol: Symbol) -> Option<&CompiledFunction> {
        self.functions.iter().find(|f| f.symbol == symbol)
    }
}

impl CompiledFunction {
    /// The formula with the parameters replaced by `args`.
    pub fn apply(&self, args: &[Atom]) -> Atom {
        let pairs: Vec<(Symbol, &Atom)> = self.params.iter().copied().zip(args.iter()).collect();
        substitution::substitute(&self.body, &pairs)
    }
}
