//! What the numeric check knows about a document before it evaluates anything: the
//! `let` definitions (densities, functions, constants), which symbols are positive,
//! the chains' values, and the quadrature rules.
//!
//! It reads the *resolved* syntax tree (`syntax::resolve`), the one reading it shares
//! with the symbolic side; it shares nothing else with it. It does not evaluate: see
//! `eval`.

use std::collections::{BTreeMap, BTreeSet};

use super::quadrature::HermiteRule;
use crate::syntax::ast::{Document, Expr, ExprKind, Ident, Item};

/// The key a name is looked up by: base, then `_` and the subscript if any
/// (`σ_1`, `p_1`, `x`), as everywhere ([`Ident::key`]).
pub fn key(id: &Ident) -> String {
    id.key()
}

/// A `let` definition.
#[derive(Debug, Clone, PartialEq)]
pub enum Def {
    /// `let p(x) = N(x; mean, var)`: a Gaussian density in its parameter.
    Density {
        /// The parameter's key (`x`).
        param: String,
        /// The mean, in terms of free symbols (and nothing else, for a proper density).
        mean: Expr,
        /// The variance.
        var: Expr,
    },
    /// `let f(a, b) = body`.
    Function {
        /// Parameter keys, in order.
        params: Vec<String>,
        /// The body, evaluated with the parameters bound to the arguments' values.
        body: Expr,
    },
    /// `let c = body`.
    Constant(Expr),
}

/// Quadrature orders: a pair for ordinary evaluation and a larger pair for confirming
/// a witness. Each integral is computed with both orders of a pair and only trusted
/// when they agree.
pub const ORDERS: (usize, usize) = (64, 96);
/// Orders used to confirm a witness found with [`ORDERS`].
pub const CONFIRM_ORDERS: (usize, usize) = (80, 128);

/// Everything the evaluator needs from the document. Built once per document.
#[derive(Debug, Clone)]
pub struct NumericEnv {
    /// `let` definitions by name key.
    pub(crate) defs: BTreeMap<String, Def>,
    /// Keys of symbols known to be positive (assumed, or standard deviations).
    pub(crate) positive: BTreeSet<String>,
    /// The value (last expression) of every chain of the document, by index, for
    /// [`ExprKind::ChainValue`]; `None` for a chain with no expression.
    pub(crate) chains: Vec<Option<Expr>>,
    /// Gauss–Hermite rules for [`ORDERS`].
    pub(crate) rules: (HermiteRule, HermiteRule),
    /// Gauss–Hermite rules for [`CONFIRM_ORDERS`].
    pub(crate) confirm_rules: (HermiteRule, HermiteRule),
}

impl NumericEnv {
    /// Reads the definitions, assumptions and chains of the resolved `doc`.
    ///
    /// Fails only on a document the check cannot give one meaning: a name defined twice
    /// or a function with a repeated parameter.
    pub fn new(doc: &Document) -> Result<Self, String> {
        let mut defs = BTreeMap::new();
        let mut positive = BTreeSet::new();
        let mut chains = Vec::new();
        for item in &doc.items {
            match item {
                Item::Let(def) => {
                    let name = key(&def.name);
                    let params: Vec<String> = def.params.iter().map(key).collect();
                    let distinct: BTreeSet<&String> = params.iter().collect();
                    if distinct.len() != params.len() {
                        return Err(format!("`{name}` has a repeated parameter"));
                    }
                    let def = classify(params, &def.body);
                    if defs.insert(name.clone(), def).is_some() {
                        return Err(format!("`{name}` is defined more than once"));
                    }
                }
                Item::Assume(assumption) => {
                    positive.extend(assumption.symbols.iter().map(key));
                }
                Item::Chain(chain) => chains.push(chain.steps.last().map(|s| s.expr.clone())),
                Item::Specialise(_) | Item::RandomVariable(_) => {}
            }
        }
        Ok(Self {
            defs,
            positive,
            chains,
            rules: (HermiteRule::new(ORDERS.0), HermiteRule::new(ORDERS.1)),
            confirm_rules: (
                HermiteRule::new(CONFIRM_ORDERS.0),
                HermiteRule::new(CONFIRM_ORDERS.1),
            ),
        })
    }

    /// Keys of the symbols known to be positive.
    pub fn positive_symbols(&self) -> &BTreeSet<String> {
        &self.positive
    }
}

/// Sorts a resolved `let` into density (its body a Gaussian in its one parameter),
/// function or constant. Which symbols are positive is resolution's to say.
fn classify(params: Vec<String>, body: &Expr) -> Def {
    if let ([param], ExprKind::Gaussian { x, mean, variance }) = (params.as_slice(), &body.kind) {
        if matches!(&x.kind, ExprKind::Ident(id) if key(id) == *param) {
            return Def::Density {
                param: param.clone(),
                mean: (**mean).clone(),
                var: (**variance).clone(),
            };
        }
    }
    if params.is_empty() {
        Def::Constant(body.clone())
    } else {
        Def::Function {
            params,
            body: body.clone(),
        }
    }
}
