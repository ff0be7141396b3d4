//! What the numeric check knows about a document before it evaluates anything: the
//! `let` definitions (densities, functions, constants), which symbols are positive,
//! and the chains' names and values. (Quadrature rules are built on first use, by
//! `quadrature`, so a document without integrals never pays for them.)
//!
//! It reads the syntax tree on its own terms and shares nothing with the symbolic
//! side's name resolution. It does not evaluate: see `eval`.

use std::collections::{BTreeMap, BTreeSet};

use crate::syntax::ast::{Document, Expr, ExprKind, Ident, Item};

/// The key a name is looked up by: base, then `_` and the subscript if any
/// (`σ_1`, `p_1`, `x`). Spans play no part.
pub fn key(id: &Ident) -> String {
    // Built by hand rather than with `format!`: this runs at every name the evaluator
    // meets, and the formatting machinery was a fifth of the cross-check's time.
    match &id.subscript {
        Some(sub) => {
            let mut key = String::with_capacity(id.base.len() + 1 + sub.len());
            key.push_str(&id.base);
            key.push('_');
            key.push_str(sub);
            key
        }
        None => id.base.clone(),
    }
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

/// A named chain: `KL(p_1, p_2) = … = value`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainName {
    /// Key of the name's callee (`KL`).
    pub callee: String,
    /// The name's arguments as written (`p_1`, `p_2`), compared without spans.
    pub args: Vec<Expr>,
    /// The chain's last expression, which the name stands for.
    pub value: Expr,
    /// Another chain has the same name: references are refused rather than guessed.
    pub ambiguous: bool,
}

/// Everything the evaluator needs from the document. Built once per document.
#[derive(Debug, Clone)]
pub struct NumericEnv {
    /// `let` definitions by name key.
    pub(crate) defs: BTreeMap<String, Def>,
    /// Keys of symbols known to be positive (assumed, or standard deviations).
    pub(crate) positive: BTreeSet<String>,
    /// Named chains in document order.
    pub(crate) chains: Vec<ChainName>,
}

impl NumericEnv {
    /// Reads the definitions, assumptions and chain names of `doc`.
    ///
    /// Fails only on a document the check cannot give one meaning: a name defined twice
    /// or a function with a repeated parameter.
    pub fn new(doc: &Document) -> Result<Self, String> {
        let mut defs = BTreeMap::new();
        let mut positive = BTreeSet::new();
        for item in &doc.items {
            match item {
                Item::Let(def) => {
                    let name = key(&def.name);
                    let params: Vec<String> = def.params.iter().map(key).collect();
                    let distinct: BTreeSet<&String> = params.iter().collect();
                    if distinct.len() != params.len() {
                        return Err(format!("`{name}` has a repeated parameter"));
                    }
                    let def = classify(params, &def.body, &mut positive);
                    if defs.insert(name.clone(), def).is_some() {
                        return Err(format!("`{name}` is defined more than once"));
                    }
                }
                Item::Assume(assumption) => {
                    positive.extend(assumption.symbols.iter().map(key));
                }
                Item::Specialise(_) | Item::Chain(_) => {}
            }
        }
        let mut chains: Vec<ChainName> = Vec::new();
        for item in &doc.items {
            let Item::Chain(chain) = item else { continue };
            let is_declared = |id: &crate::syntax::ast::Ident| defs.contains_key(&key(id));
            let Some(head) = crate::syntax::chain_name(chain, &is_declared) else {
                continue;
            };
            let (ExprKind::Call { callee, args }, Some(last)) = (&head.kind, chain.steps.last())
            else {
                // A bare label names the chain but is not callable; nothing to record.
                continue;
            };
            let callee = key(callee);
            let mut named = ChainName {
                callee,
                args: args.clone(),
                value: last.expr.clone(),
                ambiguous: false,
            };
            for earlier in chains.iter_mut() {
                if earlier.callee == named.callee && same_exprs(&earlier.args, &named.args) {
                    earlier.ambiguous = true;
                    named.ambiguous = true;
                }
            }
            chains.push(named);
        }
        Ok(Self {
            defs,
            positive,
            chains,
        })
    }

    /// Keys of the symbols known to be positive.
    pub fn positive_symbols(&self) -> &BTreeSet<String> {
        &self.positive
    }

    /// The chain named by `callee(args)`, if exactly one chain has that name.
    pub(crate) fn chain_named(&self, callee: &str, args: &[Expr]) -> Option<&ChainName> {
        self.chains
            .iter()
            .find(|c| c.callee == callee && same_exprs(&c.args, args))
    }

    /// The only declared density, for `E[…]` without a subscript.
    pub(crate) fn only_density(&self) -> Result<&Def, String> {
        let mut densities = self
            .defs
            .values()
            .filter(|d| matches!(d, Def::Density { .. }));
        match (densities.next(), densities.next()) {
            (Some(d), None) => Ok(d),
            (None, _) => Err("E[…] without a density, and none is declared".into()),
            (Some(_), Some(_)) => Err("E[…] without a density, but several are declared".into()),
        }
    }
}

/// Sorts a `let` into density, function or constant, and records what a density
/// says about positivity: in `N(x; m, s^2)` the standard deviation `s` is positive, and
/// a variance written as a bare symbol `v` is positive too (a density needs `v > 0`, so
/// sampling elsewhere would only waste points).
fn classify(params: Vec<String>, body: &Expr, positive: &mut BTreeSet<String>) -> Def {
    if let (
        [param],
        ExprKind::Call {
            callee,
            args: call_args,
        },
    ) = (params.as_slice(), &body.kind)
    {
        if let [arg, mean, var] = call_args.as_slice() {
            let is_param = matches!(&arg.kind, ExprKind::Ident(id) if key(id) == *param);
            if callee.base == "N" && callee.subscript.is_none() && is_param {
                match &var.kind {
                    ExprKind::Pow(base, exponent) => {
                        if let (ExprKind::Ident(s), ExprKind::Number(two)) =
                            (&base.kind, &exponent.kind)
                        {
                            if two.trim().parse::<f64>() == Ok(2.0) && key(s) != *param {
                                positive.insert(key(s));
                            }
                        }
                    }
                    ExprKind::Ident(v) if key(v) != *param => {
                        positive.insert(key(v));
                    }
                    _ => {}
                }
                return Def::Density {
                    param: param.clone(),
                    mean: mean.clone(),
                    var: var.clone(),
                };
            }
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

/// Structural equality ignoring spans.
pub fn same_expr(a: &Expr, b: &Expr) -> bool {
    use ExprKind as K;
    match (&a.kind, &b.kind) {
        (K::Number(x), K::Number(y)) => x == y,
        (K::Ident(x), K::Ident(y)) => key(x) == key(y),
        (K::Infinity, K::Infinity) => true,
        (K::Neg(x), K::Neg(y)) => same_expr(x, y),
        (K::Add(a1, b1), K::Add(a2, b2))
        | (K::Sub(a1, b1), K::Sub(a2, b2))
        | (K::Mul(a1, b1, _), K::Mul(a2, b2, _))
        | (K::Div(a1, b1, _), K::Div(a2, b2, _))
        | (K::Pow(a1, b1), K::Pow(a2, b2)) => same_expr(a1, a2) && same_expr(b1, b2),
        (
            K::Sqrt {
                radicand: r1,
                index: i1,
            },
            K::Sqrt {
                radicand: r2,
                index: i2,
            },
        ) => {
            same_expr(r1, r2)
                && match (i1, i2) {
                    (None, None) => true,
                    (Some(x), Some(y)) => same_expr(x, y),
                    _ => false,
                }
        }
        (K::Apply(f, x), K::Apply(g, y)) => f == g && same_expr(x, y),
        (
            K::Call {
                callee: c1,
                args: a1,
            },
            K::Call {
                callee: c2,
                args: a2,
            },
        ) => key(c1) == key(c2) && same_exprs(a1, a2),
        (
            K::Integral {
                bounds: b1,
                body: x,
                var: v1,
            },
            K::Integral {
                bounds: b2,
                body: y,
                var: v2,
            },
        ) => {
            key(v1) == key(v2)
                && same_expr(x, y)
                && match (b1, b2) {
                    (None, None) => true,
                    (Some((l1, h1)), Some((l2, h2))) => same_expr(l1, l2) && same_expr(h1, h2),
                    _ => false,
                }
        }
        (
            K::Expectation {
                density: d1,
                body: x,
            },
            K::Expectation {
                density: d2,
                body: y,
            },
        ) => d1.as_ref().map(key) == d2.as_ref().map(key) && same_expr(x, y),
        _ => false,
    }
}

/// [`same_expr`] on two lists.
pub fn same_exprs(a: &[Expr], b: &[Expr]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_expr(x, y))
}
