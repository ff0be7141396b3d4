//! The engine's symbol table: which Symbolica symbol stands for which [`Name`], plus
//! the few function symbols of our own (`log`, `exp`, `int`, `mom`, `pi`).
//!
//! We use our own function symbols instead of Symbolica's built-in `log`/`exp` so that
//! the engine applies no law on its own: every log or exp rewrite is done by the
//! `log_exp` family, under its positivity conditions, and is reported by name.
//!
//! Symbolica orders a sum's terms and a product's factors by when their symbols were
//! made, so the names of one file get symbols of their own, made in the order that
//! file first uses them: a report reads the same whether its file is checked alone,
//! after other files, or beside them on other threads (the tests, an editor). The
//! file is the context's [`crate::program::Context::file`]; [`Symbols::enter`] picks
//! its table.

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
    /// The error function.
    pub erf: Symbol,
    /// Euler's Γ.
    pub gamma: Symbol,
    /// The absolute value.
    pub abs: Symbol,
    /// The tables of the files seen lately, the current one first.
    files: Vec<(u64, Table)>,
    /// What every symbol of ours stands for, in every table (a symbol is never made
    /// twice, so one map serves them all).
    roles: HashMap<Symbol, SymbolRole>,
    /// Integration variables' levels and the names they were last written with, for
    /// every table. Behind a `RefCell` so that rules, which only read the table, can
    /// rename integrals (see `binders`).
    bound: RefCell<Bound>,
    /// Symbols made so far; numbers the next (names are never reused, so a new
    /// symbol always orders after every older one).
    made: std::cell::Cell<usize>,
}

/// The tables kept: a file checked on one thread while others are checked beside it
/// keeps its symbols (tests run files on several threads; a table evicted and needed
/// again is only made anew, in the order of the requests after that).
const FILES_KEPT: usize = 8;

/// One file's symbols.
#[derive(Debug, Default)]
struct Table {
    variables: HashMap<Name, Symbol>,
    functions: HashMap<Name, Symbol>,
    indexed: HashMap<Name, Symbol>,
    /// Integration variables, by level.
    by_level: RefCell<Vec<Symbol>>,
}

#[derive(Debug, Default)]
struct Bound {
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
            erf: symbol!("verify::erf"),
            gamma: symbol!("verify::gamma"),
            abs: symbol!("verify::abs"),
            files: vec![(0, Table::default())],
            roles: HashMap::new(),
            bound: RefCell::default(),
            made: std::cell::Cell::new(0),
        }
    }

    /// Use the table of `file` (a context's [`crate::program::Context::file`]) from
    /// now on, made empty if it is new.
    pub fn enter(&mut self, file: u64) {
        if self.files[0].0 == file {
            return;
        }
        let table = match self.files.iter().position(|(f, _)| *f == file) {
            Some(i) => self.files.remove(i),
            None => (file, Table::default()),
        };
        self.files.insert(0, table);
        self.files.truncate(FILES_KEPT);
    }

    /// The current file's table.
    fn table(&self) -> &Table {
        &self.files[0].1
    }

    fn table_mut(&mut self) -> &mut Table {
        &mut self.files[0].1
    }

    /// A new symbol's number.
    fn next(&self) -> usize {
        let n = self.made.get();
        self.made.set(n + 1);
        n
    }

    /// The symbol for the variable `name`, created on first use.
    pub fn variable(&mut self, name: &Name) -> Symbol {
        if let Some(&s) = self.table().variables.get(name) {
            return s;
        }
        let s = symbol!(format!("verify::v{}", self.next()));
        self.table_mut().variables.insert(name.clone(), s);
        self.roles.insert(s, SymbolRole::Variable(name.clone()));
        s
    }

    /// The symbol for the declared function `name`, created on first use.
    pub fn function(&mut self, name: &Name) -> Symbol {
        if let Some(&s) = self.table().functions.get(name) {
            return s;
        }
        let s = symbol!(format!("verify::f{}", self.next()));
        self.table_mut().functions.insert(name.clone(), s);
        self.roles.insert(s, SymbolRole::Function(name.clone()));
        s
    }

    /// The function symbol for the data of `name` (`x` for `x_i`), created on first use.
    pub fn indexed(&mut self, name: &Name) -> Symbol {
        if let Some(&s) = self.table().indexed.get(name) {
            return s;
        }
        let s = symbol!(format!("verify::d{}", self.next()));
        self.table_mut().indexed.insert(name.clone(), s);
        self.roles.insert(s, SymbolRole::Indexed(name.clone()));
        s
    }

    /// Whether `symbol` binds a variable: an integral (over the line or part of it),
    /// a limit at infinity, a sum or a product.
    pub fn is_binder(&self, symbol: Symbol) -> bool {
        [self.int, self.dint, self.lim, self.sum, self.prod].contains(&symbol)
    }

    /// The variable of an integral at nesting level `level`, in the current file.
    /// (Symbolica orders the terms it prints by symbol, so the order symbols are made
    /// in decides, say, `σ² + μ²` over `μ² + σ²`.)
    pub fn bound(&self, level: usize) -> Symbol {
        let mut by_level = self.table().by_level.borrow_mut();
        while by_level.len() <= level {
            let n = by_level.len();
            let s = symbol!(format!("verify::b{}", self.next()));
            by_level.push(s);
            self.bound.borrow_mut().levels.insert(s, n);
        }
        by_level[level]
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
