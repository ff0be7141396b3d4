//! What the numeric check knows about a document before it evaluates anything: the
//! `let` definitions (densities, functions, constants), which symbols are positive,
//! and the chains' values. (Quadrature rules are built on first use, by
//! `quadrature`, so a document without integrals never pays for them.)
//!
//! It reads the *resolved* syntax tree (`syntax::resolve`), the one reading it shares
//! with the symbolic side; it shares nothing else with it. It does not evaluate: see
//! `eval`.
//!

use std::cmp::Ordering;
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

/// How the key `k` orders against [`key`]`(id)` (as `String`s order: bytewise),
/// without building the key: the evaluator looks a name up at every node it meets.
/// Compared byte by byte: names are a few bytes, shorter than a call to `memcmp`.
#[inline]
pub fn cmp_key(k: &str, id: &Ident) -> Ordering {
    let (k, base) = (k.as_bytes(), id.base.as_bytes());
    let n = k.len().min(base.len());
    let head = cmp_bytes(&k[..n], &base[..n]);
    if head != Ordering::Equal || k.len() < base.len() {
        return head.then(Ordering::Less);
    }
    let rest = &k[base.len()..];
    match &id.subscript {
        None => rest.len().cmp(&0),
        // The key's rest is `_` and the subscript.
        Some(sub) => match rest.split_first() {
            None => Ordering::Less,
            Some((&first, tail)) => first
                .cmp(&b'_')
                .then_with(|| cmp_bytes(tail, sub.as_bytes())),
        },
    }
}

/// `a.cmp(b)`, byte by byte.
#[inline]
fn cmp_bytes(a: &[u8], b: &[u8]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return x.cmp(y);
        }
    }
    a.len().cmp(&b.len())
}

/// Whether `k` is [`key`]`(id)`, without building the key.
#[inline]
pub fn is_key(k: &str, id: &Ident) -> bool {
    let (k, base) = (k.as_bytes(), id.base.as_bytes());
    let same = |a: &[u8], b: &[u8]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y);
    match &id.subscript {
        None => same(k, base),
        Some(sub) => {
            k.len() == base.len() + 1 + sub.len()
                && k[base.len()] == b'_'
                && same(&k[..base.len()], base)
                && same(&k[base.len() + 1..], sub.as_bytes())
        }
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
    /// The density of a law known only by its mean and variance: it has no value at a
    /// point; an integral against it is a sum over a stand-in law with those moments
    /// (see `law.rs`).
    Law {
        /// The mean.
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

/// Everything the evaluator needs from the document. Built once per document.
#[derive(Debug, Clone)]
pub struct NumericEnv {
    /// `let` definitions by name key, sorted by key (looked up by [`cmp_key`],
    /// without building the key).
    defs: Vec<(String, Def)>,
    /// Keys of symbols known to be positive (assumed, or standard deviations).
    pub(crate) positive: BTreeSet<String>,
    /// The value (last expression) of every chain of the document, by index, for
    /// [`ExprKind::ChainValue`]; `None` for a chain with no expression.
    pub(crate) chains: Vec<Option<Expr>>,
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
                Item::Specialise(_) | Item::RandomVariable(_) | Item::Shape(_) => {}
            }
        }
        // `assume \sigma_j > 0` (an index letter as subscript) makes the data of σ
        // positive too: `σ_j` inside a sum over `j` is one of them.
        let data: Vec<String> = positive
            .iter()
            .filter_map(|k| {
                let (base, sub) = k.rsplit_once('_')?;
                matches!(sub, "i" | "j" | "k" | "l" | "m" | "n")
                    .then(|| super::series::data_key(base))
            })
            .collect();
        positive.extend(data);
        Ok(Self {
            defs: defs.into_iter().collect(),
            positive,
            chains,
        })
    }

    /// The definition of the name `id`, if it has one.
    pub(crate) fn def(&self, id: &Ident) -> Option<&Def> {
        let at = self.defs.binary_search_by(|(k, _)| cmp_key(k, id)).ok()?;
        Some(&self.defs[at].1)
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
    if let ([_], ExprKind::Law { mean, variance }) = (params.as_slice(), &body.kind) {
        return Def::Law {
            mean: (**mean).clone(),
            var: (**variance).clone(),
        };
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
        (K::Constant(a), K::Constant(b)) => a == b,
        (
            K::Gaussian {
                x: x1,
                mean: m1,
                variance: v1,
            },
            K::Gaussian {
                x: x2,
                mean: m2,
                variance: v2,
            },
        ) => same_expr(x1, x2) && same_expr(m1, m2) && same_expr(v1, v2),
        (
            K::ChainValue {
                chain: c1,
                params: p1,
            },
            K::ChainValue {
                chain: c2,
                params: p2,
            },
        ) => c1 == c2 && p1.iter().map(key).eq(p2.iter().map(key)),
        _ => false,
    }
}

/// [`same_expr`] on two lists.
pub fn same_exprs(a: &[Expr], b: &[Expr]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_expr(x, y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn id(base: &str, sub: Option<&str>) -> Ident {
        Ident {
            base: base.into(),
            subscript: sub.map(Into::into),
            span: Span::default(),
        }
    }

    #[test]
    fn keys_compare_as_the_built_keys_do() {
        let names = [
            id("σ", Some("1")),
            id("σ", None),
            id("σ", Some("12")),
            id("x", None),
            id("x", Some("")),
            id("p", Some("1")),
            id("p_1", None),
            id("p", Some("1_2")),
            id("ab", None),
            id("a", Some("b")),
            id("a", None),
        ];
        let keys = [
            "", "a", "a_", "a_b", "ab", "p", "p_", "p_1", "p_1_2", "p_2", "x", "x_", "x_0", "σ",
            "σ_", "σ_1", "σ_12", "σ_2", "τ",
        ];
        for name in &names {
            let built = key(name);
            for k in keys.iter().copied().chain([built.as_str()]) {
                assert_eq!(
                    cmp_key(k, name),
                    k.cmp(built.as_str()),
                    "{k:?} vs {built:?}"
                );
                assert_eq!(is_key(k, name), k == built, "{k:?} vs {built:?}");
            }
        }
    }
}
