//! The rule families, one module each, and the context they share.
//!
//! Each family is a pass `Atom → Atom` that can be switched on or off
//! ([`crate::verdict::FamilySet`]); `normalize` decides the order. A pass only rewrites
//! what its laws justify; conditions (positivity) are checked with [`Signs`].

mod absolute;
pub use absolute::holds_absolute_value_of_variable;
pub mod algebra;
pub mod definite;
pub mod definitions;
pub mod gaussian;
pub mod limit;
pub mod linearity;
pub mod log_exp;
pub mod moments;
pub mod special;
pub mod substitution;
pub mod sums;

use symbolica::atom::{Atom, AtomView, Symbol};

use super::binders;
use super::cache::NormalForms;
use super::convert::{self, Globals};
use super::positivity::Signs;
use super::symbols::Symbols;
use super::State;
use crate::program::{Context, FunctionDef};
use crate::term::{Name, Term};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

use crate::verdict::{Blocker, Limit, Limits};

/// Everything a rule pass may consult.
pub struct RuleCx<'a> {
    /// The symbol table.
    pub symbols: &'a mut Symbols,
    /// Normal forms already computed under this context.
    pub normal_forms: &'a RefCell<NormalForms>,
    /// What is known to be positive.
    pub signs: Rc<Signs>,
    /// The declared functions, as atoms.
    pub functions: Rc<Vec<CompiledFunction>>,
    /// Where each function's symbol is in `functions`.
    by_symbol: Rc<HashMap<Symbol, usize>>,
    /// What each declared function depends on besides its arguments.
    pub globals: Rc<Globals>,
    /// The declared functions whose formula (through its calls) holds an integral.
    pub with_integrals: Rc<BTreeSet<Name>>,
    /// The declared functions whose formula (through its calls) holds erf, Γ or |·|.
    pub with_special_functions: Rc<BTreeSet<Name>>,
    /// Bounds on the work.
    pub limits: Limits,
    /// When the step's time is up.
    pub deadline: Instant,
    /// Common denominators formed for this request, by input.
    pub together: RefCell<std::collections::HashMap<Atom, Atom>>,
}

/// A declared function with its formula as an atom.
///
/// A call's atom is `f(args…, values…)`: the arguments, then the values of the names
/// the formula depends on ([`CompiledFunction::globals`]), in order.
pub struct CompiledFunction {
    /// The declaration, as written.
    pub def: FunctionDef,
    /// The function's symbol.
    pub symbol: Symbol,
    /// Parameter symbols, in order.
    pub params: Vec<Symbol>,
    /// The symbols of the names the formula depends on besides its parameters.
    pub globals: Vec<Symbol>,
    /// Those names.
    pub global_names: Vec<Name>,
    /// The formula in terms of `params` and `globals`.
    pub body: Atom,
    /// Mean and standard deviation, for a Gaussian density, in the same terms.
    pub gaussian: Option<(Atom, Atom)>,
    /// Mean and variance, for the density of a law known only by them.
    pub moments: Option<(Atom, Atom)>,
}

/// A file's declarations as the rules consult them, built once per context (and
/// not once per request: under 168 declarations that cost 1.8 ms a request).
pub struct Compiled {
    /// The context they were built from; compared by identity first.
    context: Arc<Context>,
    /// The declared functions, as atoms, in declaration order.
    functions: Rc<Vec<CompiledFunction>>,
    /// Where each function's symbol is in `functions`.
    by_symbol: Rc<HashMap<Symbol, usize>>,
    /// What each declared function depends on besides its arguments.
    globals: Rc<Globals>,
    /// What is known to be positive.
    signs: Rc<Signs>,
    /// The declared functions whose formula holds an integral.
    with_integrals: Rc<BTreeSet<Name>>,
    /// The declared functions whose formula holds erf, Γ or |·|.
    with_special_functions: Rc<BTreeSet<Name>>,
}

impl Compiled {
    fn new(context: &Arc<Context>, symbols: &mut Symbols) -> Self {
        let globals = context.globals();
        let functions: Vec<CompiledFunction> = context
            .functions
            .iter()
            .map(|f| {
                let global_names = globals.get(&f.name).cloned().unwrap_or_default();
                // The formula first: symbols are numbered as they are met, and the
                // numbering decides the order Symbolica prints terms in.
                let symbol = symbols.function(&f.name);
                let params = f.params.iter().map(|p| symbols.variable(p)).collect();
                let body = convert::to_atom(&f.body, symbols, &globals);
                CompiledFunction {
                    def: f.clone(),
                    symbol,
                    params,
                    globals: global_names.iter().map(|g| symbols.variable(g)).collect(),
                    global_names,
                    body,
                    gaussian: f.gaussian.as_ref().map(|g| {
                        (
                            convert::to_atom(&g.mean, symbols, &globals),
                            convert::to_atom(&g.std, symbols, &globals),
                        )
                    }),
                    moments: f.moments.as_ref().map(|m| {
                        (
                            convert::to_atom(&m.mean, symbols, &globals),
                            convert::to_atom(&m.variance, symbols, &globals),
                        )
                    }),
                }
            })
            .collect();
        let signs = Signs::new(context, symbols, &functions);
        // A name is declared once, so each symbol has one function; should a
        // hand-built context repeat one, the first wins, as a search in order would.
        let mut by_symbol = HashMap::new();
        for (i, f) in functions.iter().enumerate() {
            by_symbol.entry(f.symbol).or_insert(i);
        }
        Compiled {
            context: context.clone(),
            functions: Rc::new(functions),
            by_symbol: Rc::new(by_symbol),
            globals: Rc::new(globals),
            signs: Rc::new(signs),
            with_integrals: Rc::new(super::domain::functions_with_integrals(context)),
            with_special_functions: Rc::new(super::domain::functions_with_special_functions(
                context,
            )),
        }
    }

    /// Whether this was built from `context`: the same allocation (every request of
    /// one file shares it), or failing that an equal value.
    fn is_for(&self, context: &Arc<Context>) -> bool {
        Arc::ptr_eq(&self.context, context) || *self.context == **context
    }
}

/// The compiled contexts kept: a file's own, and the one a positivity diagnosis
/// asks under (the file's with more symbols assumed positive), which alternate.
const COMPILED_KEPT: usize = 2;

impl<'a> RuleCx<'a> {
    /// The rule context for one file's declarations.
    pub fn new(context: &Arc<Context>, state: &'a mut State) -> Self {
        state.symbols.enter(context.file);
        state.normal_forms.borrow_mut().enter(context);
        let symbols = &mut state.symbols;
        let compiled = match state.compiled.iter().position(|c| c.is_for(context)) {
            Some(i) => {
                let c = state.compiled.remove(i);
                state.compiled.insert(0, c);
                &state.compiled[0]
            }
            None => {
                state.compiled.insert(0, Compiled::new(context, symbols));
                state.compiled.truncate(COMPILED_KEPT);
                &state.compiled[0]
            }
        };
        let (functions, by_symbol, globals, signs) = (
            compiled.functions.clone(),
            compiled.by_symbol.clone(),
            compiled.globals.clone(),
            compiled.signs.clone(),
        );
        let with_integrals = compiled.with_integrals.clone();
        let with_special_functions = compiled.with_special_functions.clone();
        let limits = state.limits;
        let deadline = limits.deadline();
        Self {
            symbols,
            normal_forms: &state.normal_forms,
            signs,
            functions,
            by_symbol,
            globals,
            with_integrals,
            with_special_functions,
            limits,
            deadline,
            together: RefCell::default(),
        }
    }

    /// `term` as an atom, calls with the values their formulas depend on.
    pub fn atom(&mut self, term: &Term) -> Atom {
        convert::to_atom(term, self.symbols, &self.globals)
    }

    /// `view` as a term, with printable names for integration variables.
    pub fn to_term(&self, view: AtomView<'_>) -> Result<Term, Blocker> {
        convert::to_term(view, self.symbols, &self.functions)
    }

    /// The first integration level unused in `view`: see [`CompiledFunction`] expansion.
    pub fn next_free_level(&self, view: AtomView<'_>) -> usize {
        binders::next_free_level(view, self.symbols)
    }

    /// `atom` with canonical integration variables (see [`binders`]).
    pub fn relevel(&self, atom: &Atom) -> Atom {
        binders::relevel(atom, 0, self.symbols)
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
        self.by_symbol.get(&symbol).map(|&i| &self.functions[i])
    }

    /// The declared function called in `view`, with the call's arguments (the values
    /// of its dependencies left out), if `view` is a well-formed call of one; and
    /// whether those dependencies have their own values (`p(x)` as declared, not
    /// under `∫ … dμ` or with μ substituted).
    pub fn call<'v>(&self, view: AtomView<'v>) -> Option<Call<'_, 'v>> {
        let AtomView::Fun(f) = view else { return None };
        let def = self.function(f.get_symbol())?;
        let atoms: Vec<AtomView<'v>> = f.iter().collect();
        if atoms.len() != def.params.len() + def.globals.len() {
            return None;
        }
        let as_declared = atoms[def.params.len()..]
            .iter()
            .zip(&def.globals)
            .all(|(slot, g)| matches!(slot, AtomView::Var(v) if v.get_symbol() == *g));
        Some(Call {
            def,
            atoms,
            as_declared,
        })
    }

    /// The formula of the call in `view`, its integrals renamed to levels from
    /// `offset` on: with `offset` from [`binders::next_free_level`] of an atom that
    /// contains `view`, no integral of the formula captures a variable of an argument.
    pub fn expand_call(&self, view: AtomView<'_>, offset: usize) -> Option<Atom> {
        // A law declared by its moments has no formula to write out.
        let call = self.call(view).filter(|c| c.def.moments.is_none())?;
        let body = call.def.body.clone();
        let pairs: Vec<(Symbol, Atom)> = call
            .def
            .params
            .iter()
            .chain(&call.def.globals)
            .copied()
            .zip(call.atoms.iter().map(|a| a.to_owned()))
            .collect();
        let body = binders::relevel(&body, offset, self.symbols);
        let pairs: Vec<(Symbol, &Atom)> = pairs.iter().map(|(s, a)| (*s, a)).collect();
        Some(substitution::substitute(&body, &pairs))
    }
}

/// A call of a declared function, taken apart.
pub struct Call<'d, 'v> {
    /// The function.
    pub def: &'d CompiledFunction,
    /// Every argument of the atom: the call's own, then the values of the names its
    /// formula depends on.
    pub atoms: Vec<AtomView<'v>>,
    /// Whether those values are the names themselves.
    pub as_declared: bool,
}

impl Call<'_, '_> {
    /// The call's own arguments.
    pub fn args(&self) -> &[AtomView<'_>] {
        &self.atoms[..self.def.params.len()]
    }
}
