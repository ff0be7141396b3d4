//! Sums and products: their index, the data `x_i` they bind, and the readings that
//! have no single meaning.
//!
//! Inside `\sum_{i=1}^{n}`, a name whose subscript is exactly the index (`x_i`,
//! `\sigma_i^2`) is the `i`-th datum ([`ExprKind::Indexed`]); outside every sum over
//! `i`, `x_i` stays the name it has always been. What would make that silent:
//!
//! - `\sum_{i=1}^n x_i + y_i`: the body ends at the `+` (the usual convention), so `y_i`
//!   would be a free name `y_i`; the author almost surely meant it inside. Any use of a
//!   sum's index (`i`, or a subscript mentioning it) outside that sum is refused.
//! - `\sum_{i} \sum_{i}`: the same index twice, or an index already bound around.
//! - `x_{i+1}`, `x_{2i}`: a subscript computed from the index.
//! - `x_i + i` without a sum: the `i`-th x, or a name of its own? Refused too.

use std::collections::BTreeSet;

use super::{ResolveErrorKind, Resolver, Scope};
use crate::syntax::ast::{Expr, ExprKind, Ident, SeriesOp};
use crate::syntax::children;

/// How the index of a sum around is kept in a [`Scope`]: beside its plain key (which
/// binds the name `i` itself), a marker no written name can equal.
fn marker(index: &str) -> String {
    format!("\u{0}Σ{index}")
}

/// The letters that read as an index in a subscript (`x_i`, `\sigma_n`): with a
/// free variable of that name beside them, `x_i` has two readings. Other subscripts
/// (`\mu_x`, `p_1`) are names as before.
fn is_index_letter(sub: &str) -> bool {
    matches!(sub, "i" | "j" | "k" | "l" | "m" | "n")
}

/// Whether the subscript `sub` mentions the name `index`.
fn mentions(sub: &str, index: &str) -> bool {
    sub.contains(index)
}

impl Resolver {
    /// `\sum_{i=lo}^{hi} body`: the bounds where the sum is, the body with `i` bound.
    pub(super) fn series(
        &mut self,
        expr: &Expr,
        parts: (SeriesOp, &Ident, &Expr, &Expr, &Expr),
        scope: &Scope,
    ) -> Expr {
        let (op, index, lower, upper, body) = parts;
        let key = index.key();
        if scope.contains(&key) || self.is_declared(index) {
            self.error(index.span, ResolveErrorKind::IndexShadowed(key.clone()));
        }
        let lower = Box::new(self.expr(lower, scope));
        let upper = Box::new(self.expr(upper, scope));
        let mut inner = scope.clone();
        inner.push(key.clone());
        inner.push(marker(&key));
        let body = Box::new(self.expr(body, &inner));
        let kind = ExprKind::Series {
            op,
            index: index.clone(),
            lower,
            upper,
            body,
        };
        Expr::new(kind, expr.span)
    }

    /// `x_i` inside a sum over `i`: the datum, or an error for `x_{i+1}`; `None` when
    /// the name has nothing to do with a sum around it.
    pub(super) fn indexed(&mut self, id: &Ident, scope: &Scope) -> Option<Expr> {
        let sub = id.subscript.as_ref()?;
        if scope.contains(&marker(sub)) {
            if self.functions.contains_key(&id.key()) {
                self.error(id.span, ResolveErrorKind::DeclaredDatum(id.key()));
                return Some(super::expr::placeholder(id.span));
            }
            let base = Box::new(Ident::plain(id.base.clone(), id.span));
            let index = Box::new(Ident::plain(sub.clone(), id.span));
            return Some(Expr::new(ExprKind::Indexed { base, index }, id.span));
        }
        let around = scope
            .iter()
            .filter_map(|k| k.strip_prefix("\u{0}Σ"))
            .find(|index| mentions(sub, index))?;
        let kind = ResolveErrorKind::IndexExpression {
            name: id.key(),
            index: around.to_string(),
        };
        self.error(id.span, kind);
        Some(super::expr::placeholder(id.span))
    }

    /// Refuses the readings of `expr` (a whole formula, as written) that a sum makes
    /// ambiguous: an index used outside its sum, a subscript naming a free variable.
    /// One error per formula: the first such use.
    pub(super) fn check_indices(&mut self, expr: &Expr) {
        let mut indices = BTreeSet::new();
        collect_indices(expr, &mut indices, 0);
        let mut free = BTreeSet::new();
        collect_free_plain(expr, &mut Vec::new(), &mut free, 0);
        let mut walk = Walk {
            indices: &indices,
            free: &free,
            inside: Vec::new(),
            found: None,
        };
        walk.visit(expr, 0);
        if let Some((span, kind)) = walk.found {
            self.error(span, kind);
        }
    }
}

/// The indices of every sum in `expr`.
fn collect_indices(expr: &Expr, out: &mut BTreeSet<String>, depth: usize) {
    if depth > 1000 {
        return;
    }
    if let ExprKind::Series { index, .. } = &expr.kind {
        out.insert(index.key());
    }
    for child in children(expr) {
        collect_indices(child, out, depth + 1);
    }
}

/// Plain names (no subscript) free in `expr`: not an integral's variable or a sum's
/// index around them.
fn collect_free_plain(
    expr: &Expr,
    bound: &mut Vec<String>,
    out: &mut BTreeSet<String>,
    depth: usize,
) {
    if depth > 1000 {
        return;
    }
    match &expr.kind {
        ExprKind::Ident(id) if id.subscript.is_none() && !bound.contains(&id.key()) => {
            out.insert(id.key());
        }
        ExprKind::Integral { bounds, body, var } => {
            if let Some((lo, hi)) = bounds {
                collect_free_plain(lo, bound, out, depth + 1);
                collect_free_plain(hi, bound, out, depth + 1);
            }
            bound.push(var.key());
            collect_free_plain(body, bound, out, depth + 1);
            bound.pop();
        }
        ExprKind::Series {
            index,
            lower,
            upper,
            body,
            ..
        } => {
            collect_free_plain(lower, bound, out, depth + 1);
            collect_free_plain(upper, bound, out, depth + 1);
            bound.push(index.key());
            collect_free_plain(body, bound, out, depth + 1);
            bound.pop();
        }
        _ => {
            for child in children(expr) {
                collect_free_plain(child, bound, out, depth + 1);
            }
        }
    }
}

struct Walk<'a> {
    indices: &'a BTreeSet<String>,
    free: &'a BTreeSet<String>,
    /// The indices of the sums around the node visited.
    inside: Vec<String>,
    found: Option<(crate::source::Span, ResolveErrorKind)>,
}

impl Walk<'_> {
    fn visit(&mut self, expr: &Expr, depth: usize) {
        if depth > 1000 || self.found.is_some() {
            return;
        }
        match &expr.kind {
            ExprKind::Ident(id) => self.name(id),
            ExprKind::Call { callee, args } => {
                self.name(callee);
                for arg in args {
                    self.visit(arg, depth + 1);
                }
            }
            ExprKind::Series {
                index,
                lower,
                upper,
                body,
                ..
            } => {
                // (A sum inside another over the same index is refused where it is
                // resolved, `Resolver::series`.)
                self.visit(lower, depth + 1);
                self.visit(upper, depth + 1);
                self.inside.push(index.key());
                self.visit(body, depth + 1);
                self.inside.pop();
            }
            _ => {
                for child in children(expr) {
                    self.visit(child, depth + 1);
                }
            }
        }
    }

    fn name(&mut self, id: &Ident) {
        let key = id.key();
        let outside = |index: &String| !self.inside.contains(index);
        let uses = match &id.subscript {
            None => self.indices.iter().find(|i| **i == key && outside(i)),
            Some(sub) => self.indices.iter().find(|i| mentions(sub, i) && outside(i)),
        };
        if let Some(index) = uses {
            let kind = ResolveErrorKind::IndexOutsideSum {
                name: key,
                index: index.clone(),
            };
            self.found = Some((id.span, kind));
            return;
        }
        // `x_i` beside a free `i`, no sum over `i` around.
        if let Some(sub) = &id.subscript {
            if is_index_letter(sub) && self.free.contains(sub) && outside(sub) {
                let kind = ResolveErrorKind::SubscriptIsVariable {
                    name: key,
                    var: sub.clone(),
                };
                self.found = Some((id.span, kind));
            }
        }
    }
}

/// The bases of the names used as data inside sums anywhere in `doc` (`x` for `x_i`
/// under `\sum_{i=…}`), read before resolution so that a `\bar{x}` earlier in the text
/// is judged knowing them.
pub(super) fn data_names(doc: &crate::syntax::ast::Document) -> std::collections::BTreeSet<String> {
    fn walk(expr: &Expr, indices: &mut Vec<String>, out: &mut std::collections::BTreeSet<String>) {
        if let ExprKind::Ident(id) = &expr.kind {
            if id.subscript.as_ref().is_some_and(|s| indices.contains(s)) {
                out.insert(id.base.clone());
            }
        }
        let pushed = match &expr.kind {
            ExprKind::Series { index, .. } => {
                indices.push(index.key());
                true
            }
            _ => false,
        };
        for child in crate::syntax::ast::children(expr) {
            walk(child, indices, out);
        }
        if pushed {
            indices.pop();
        }
    }
    let mut out = std::collections::BTreeSet::new();
    for item in &doc.items {
        let exprs: Vec<&Expr> = match item {
            crate::syntax::ast::Item::Chain(chain) => chain.steps.iter().map(|s| &s.expr).collect(),
            crate::syntax::ast::Item::Let(d) => vec![&d.body],
            _ => Vec::new(),
        };
        for expr in exprs {
            walk(expr, &mut Vec::new(), &mut out);
        }
    }
    out
}
