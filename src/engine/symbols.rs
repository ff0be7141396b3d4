//! The engine's symbol table: which Symbolica symbol stands for which [`Name`], plus
//! the few function symbols of our own (`log`, `exp`, `int`, `mom`, `pi`).
//!
//! We use our own function symbols instead of Symbolica's built-in `log`/`exp` so that
//! the engine applies no law on its own: every log or exp rewrite is done by the
//! `log_exp` family, under its positivity conditions, and is reported by name.

use std::cell::RefCell;
use std::collections::HashMap;

use symbolica::atom::{Atom, Symbol};
use symbolica::symbol;

use crate::term::{Name, Special};

/// What a Symbolica symbol of ours stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SymbolRole {
    /// A free parameter with this name.
    Variable(Name),
    /// A declared function with this name.
    Function(Name),
    /// The data `x_1, x_2, …` of this name, as a function of the index: `x(i)`.
    Indexed(Name),
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
    /// `dint(body, x, lower, upper)`: the integral of `body` from `lower` to `upper`
    /// (the limits outside the binder; at least one finite).
    pub dint: Symbol,
    /// `lim(body, x, ±inf)`: the limit of `body` as the bound `x` goes to ±∞.
    pub lim: Symbol,
    /// +∞, only ever a limit of `dint` (−∞ is `−1 · inf`).
    pub inf: Symbol,
    /// `mom(p, k)`: the `k`-th central moment of the declared density `p` (a function
    /// symbol passed as a variable), used only to name the facts a step needs.
    pub mom: Symbol,
    /// The constant π.
    pub pi: Symbol,
    /// `sum(body, i, lo, hi)`: `Σ_{i=lo}^{hi} body`, `i` a binder like an integral's.
    pub sum: Symbol,
    /// `prod(body, i, lo, hi)`: `Π_{i=lo}^{hi} body`.
    pub prod: Symbol,
    indexed: HashMap<Name, Symbol>,
    /// The error function.
    pub erf: Symbol,
    /// Euler's Γ.
    pub gamma: Symbol,
    /// The absolute value.
    pub abs: Symbol,
    variables: HashMap<Name, Symbol>,
    functions: HashMap<Name, Symbol>,
    /// Integration variables, by level, and the names they were last written with.
    /// Behind a `RefCell` so that rules, which only read the table, can rename
    /// integrals (see `binders`).
    bound: RefCell<Bound>,
    roles: HashMap<Symbol, SymbolRole>,
}

#[derive(Debug, Default)]
struct Bound {
    by_level: Vec<Symbol>,
    levels: HashMap<Symbol, usize>,
    hints: HashMap<Symbol, Name>,
}

impl Symbols {
    /// The table with our built-in symbols registered.
    pub fn new() -> Self {
        Self {
            log: symbol!("verify::log"),
            exp: symbol!("verify::exp"),
            int: symbol!("verify::int"),
            dint: symbol!("verify::dint"),
            lim: symbol!("verify::lim"),
            inf: symbol!("verify::inf"),
            mom: symbol!("verify::mom"),
            pi: symbol!("verify::pi"),
            sum: symbol!("verify::sum"),
            prod: symbol!("verify::prod"),
            indexed: HashMap::new(),
            erf: symbol!("verify::erf"),
            gamma: symbol!("verify::gamma"),
            abs: symbol!("verify::abs"),
            variables: HashMap::new(),
            functions: HashMap::new(),
            bound: RefCell::default(),
            roles: HashMap::new(),
        }
    }

    /// The symbol for the variable `name`, created on first use.
    pub fn variable(&mut self, name: &Name) -> Symbol {
        if let Some(&s) = self.variables.get(name) {
            return s;
        }
        let s = symbol!(format!("verify::v{}", self.n_symbols()));
        self.variables.insert(name.clone(), s);
        self.roles.insert(s, SymbolRole::Variable(name.clone()));
        s
    }

    /// The symbol for the declared function `name`, created on first use.
    pub fn function(&mut self, name: &Name) -> Symbol {
        if let Some(&s) = self.functions.get(name) {
            return s;
        }
        let s = symbol!(format!("verify::f{}", self.n_symbols()));
        self.functions.insert(name.clone(), s);
        self.roles.insert(s, SymbolRole::Function(name.clone()));
        s
    }

    /// The function symbol for the data of `name` (`x` for `x_i`), created on first use.
    pub fn indexed(&mut self, name: &Name) -> Symbol {
        if let Some(&s) = self.indexed.get(name) {
            return s;
        }
        let s = symbol!(format!("verify::d{}", self.n_symbols()));
        self.indexed.insert(name.clone(), s);
        self.roles.insert(s, SymbolRole::Indexed(name.clone()));
        s
    }

    /// Whether `symbol` binds a variable: an integral (over the line or part of it),
    /// a limit at infinity, a sum or a product.
    pub fn is_binder(&self, symbol: Symbol) -> bool {
        [self.int, self.dint, self.lim, self.sum, self.prod].contains(&symbol)
    }

    /// Symbols of ours so far; numbers new ones. (Symbolica orders the terms it
    /// prints by symbol, so this numbering decides, say, `σ² + μ²` over `μ² + σ²`.)
    fn n_symbols(&self) -> usize {
        self.roles.len() + self.bound.borrow().by_level.len()
    }

    /// The variable of an integral at nesting level `level`.
    pub fn bound(&self, level: usize) -> Symbol {
        let mut bound = self.bound.borrow_mut();
        while bound.by_level.len() <= level {
            let n = bound.by_level.len();
            let s = symbol!(format!("verify::b{n}"));
            bound.by_level.push(s);
            bound.levels.insert(s, n);
        }
        bound.by_level[level]
    }

    /// The level of `symbol` if it is the variable of an integral.
    pub fn bound_level(&self, symbol: Symbol) -> Option<usize> {
        self.bound.borrow().levels.get(&symbol).copied()
    }

    /// Remember that the variable `symbol` of an integral was last written as `name`:
    /// the name it is printed with again, unless that would clash.
    pub fn hint_bound(&self, symbol: Symbol, name: &Name) {
        self.bound.borrow_mut().hints.insert(symbol, name.clone());
    }

    /// The name last written for the variable `symbol`, if any.
    pub fn bound_hint(&self, symbol: Symbol) -> Option<Name> {
        self.bound.borrow().hints.get(&symbol).cloned()
    }

    /// The symbol of a special function.
    pub fn special(&self, function: Special) -> Symbol {
        match function {
            Special::Erf => self.erf,
            Special::Gamma => self.gamma,
            Special::Abs => self.abs,
        }
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
