//! The engine's symbol table: which Symbolica symbol stands for which [`Name`], plus
//! the few function symbols of our own (`log`, `exp`, `int`, `mom`, `pi`).
//!
//! We use our own function symbols instead of Symbolica's built-in `log`/`exp` so that
//! the engine applies no law on its own: every log or exp rewrite is done by the
//! `log_exp` family, under its positivity conditions, and is reported by name.

use std::collections::HashMap;

use symbolica::atom::{Atom, Symbol};
use symbolica::symbol;

use crate::term::Name;

/// What a Symbolica symbol of ours stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SymbolRole {
    /// A free parameter or integration variable with this name.
    Variable(Name),
    /// A declared function with this name.
    Function(Name),
}

/// The symbol table, owned by the engine thread.
#[derive(Debug)]
pub struct Symbols {
    /// `log(a)`.
    pub log: Symbol,
    /// `exp(a)`.
    pub exp: Symbol,
    /// `int(body, x)`: the integral of `body` over the real line in the variable `x`.
    pub int: Symbol,
    /// `mom(p, k)`: the `k`-th central moment of the declared density `p` (a function
    /// symbol passed as a variable), used only to name the facts a step needs.
    pub mom: Symbol,
    /// The constant π.
    pub pi: Symbol,
    variables: HashMap<Name, Symbol>,
    functions: HashMap<Name, Symbol>,
    roles: HashMap<Symbol, SymbolRole>,
}

impl Symbols {
    /// The table with our built-in symbols registered.
    pub fn new() -> Self {
        Self {
            log: symbol!("verify::log"),
            exp: symbol!("verify::exp"),
            int: symbol!("verify::int"),
            mom: symbol!("verify::mom"),
            pi: symbol!("verify::pi"),
            variables: HashMap::new(),
            functions: HashMap::new(),
            roles: HashMap::new(),
        }
    }

    /// The symbol for the variable `name`, created on first use.
    pub fn variable(&mut self, name: &Name) -> Symbol {
        if let Some(&s) = self.variables.get(name) {
            return s;
        }
        let s = symbol!(format!("verify::v{}", self.roles.len()));
        self.variables.insert(name.clone(), s);
        self.roles.insert(s, SymbolRole::Variable(name.clone()));
        s
    }

    /// The symbol for the declared function `name`, created on first use.
    pub fn function(&mut self, name: &Name) -> Symbol {
        if let Some(&s) = self.functions.get(name) {
            return s;
        }
        let s = symbol!(format!("verify::f{}", self.roles.len()));
        self.functions.insert(name.clone(), s);
        self.roles.insert(s, SymbolRole::Function(name.clone()));
        s
    }

    /// Remember that the bound-variable symbol `symbol` was last written as `name`.
    pub fn register_bound(&mut self, symbol: Symbol, name: &Name) {
        self.roles
            .insert(symbol, SymbolRole::Variable(name.clone()));
    }

    /// What `symbol` stands for, if it is one of ours.
    pub fn role(&self, symbol: Symbol) -> Option<&SymbolRole> {
        self.roles.get(&symbol)
    }

    /// The atom of the variable `name`.
    pub fn var_atom(&mut self, name: &Name) -> Atom {
        Atom::var(self.variable(name))
    }
}
