//! The walk that lists an expression's free symbols, following the evaluator's own
//! resolution (definitions, chain names, products, binders): what a sample point must
//! give a value to.

use std::collections::BTreeSet;

use super::env::{key, NumericEnv};
use super::eval::{for_each_child, resolve_call, CallKind, MAX_DEPTH};
use crate::syntax::ast::{Expr, ExprKind, Ident};

/// The free symbols of `expr` as [`Evaluator`] would look them up in the point,
/// following the same resolution (definitions, chain names, products, binders).
pub struct FreeSymbols<'a> {
    env: &'a NumericEnv,
    stack: Vec<String>,
    frame: usize,
    depth: usize,
    /// Definition bodies already visited: a body sees only its own parameters and the
    /// globals, so its free symbols are the same at every call, and visiting it once
    /// keeps the walk linear (31 `let`s each using the previous one twice made 2³⁰
    /// visits).
    visited: BTreeSet<usize>,
    /// The symbol keys found.
    pub found: BTreeSet<String>,
    /// Those of them in the bounds of a sum or product: counts, sampled as integers.
    pub counts: BTreeSet<String>,
    /// Whether the walk is in the bounds of a sum.
    in_bounds: bool,
    /// Whether the depth limit cut the walk short, so `found` may miss names.
    pub truncated: bool,
}

impl<'a> FreeSymbols<'a> {
    /// A walker with nothing bound and nothing found.
    pub fn new(env: &'a NumericEnv) -> Self {
        Self {
            env,
            stack: Vec::new(),
            frame: 0,
            depth: 0,
            visited: BTreeSet::new(),
            found: BTreeSet::new(),
            counts: BTreeSet::new(),
            in_bounds: false,
            truncated: false,
        }
    }

    fn is_bound(&self, name: &str) -> bool {
        self.stack[self.frame..].iter().any(|k| k == name)
    }

    fn in_frame(&mut self, binds: Vec<String>, f: impl FnOnce(&mut Self)) {
        let (saved_frame, saved_len) = (self.frame, self.stack.len());
        self.frame = saved_len;
        self.stack.extend(binds);
        f(self);
        self.stack.truncate(saved_len);
        self.frame = saved_frame;
    }

    fn with_bound(&mut self, name: String, f: impl FnOnce(&mut Self)) {
        self.stack.push(name);
        f(self);
        self.stack.pop();
    }

    /// Adds the free symbols of `expr`. Depth is limited like evaluation's (which then
    /// fails anyway), so cyclic definitions terminate.
    pub fn visit(&mut self, expr: &Expr) {
        if self.depth >= MAX_DEPTH {
            self.truncated = true;
            return;
        }
        self.depth += 1;
        self.visit_node(expr);
        self.depth -= 1;
    }

    fn visit_node(&mut self, expr: &Expr) {
        let env = self.env;
        match &expr.kind {
            ExprKind::Ident(id) => self.ident(id),
            ExprKind::Call { callee, args } => {
                for arg in args {
                    self.visit(arg);
                }
                match resolve_call(env, callee, args) {
                    Ok(
                        CallKind::Function { body, .. }
                        | CallKind::Density { mean: body, .. }
                        | CallKind::Constant(body),
                    ) if !self.visited.insert(body as *const Expr as usize) => {}
                    Ok(CallKind::Function { params, body }) => {
                        self.in_frame(params.to_vec(), |s| s.visit(body));
                    }
                    Ok(CallKind::Density { param, mean, var }) => {
                        self.in_frame(vec![param.to_string()], |s| {
                            s.visit(mean);
                            s.visit(var);
                        });
                    }
                    Ok(CallKind::Constant(body)) => self.in_frame(Vec::new(), |s| s.visit(body)),
                    Ok(CallKind::Law { mean, var, .. }) => self.in_frame(Vec::new(), |s| {
                        s.visit(mean);
                        s.visit(var);
                    }),
                    Err(_) => {}
                }
            }
            ExprKind::ChainValue { chain, params } => {
                for p in params {
                    self.ident(p);
                }
                if let Some(Some(value)) = env.chains.get(*chain) {
                    if self.visited.insert(value as *const Expr as usize) {
                        let bound: Vec<String> = params.iter().map(key).collect();
                        self.in_frame(bound, |s| s.visit(value));
                    }
                }
            }
            ExprKind::Integral { bounds, body, var } => {
                if let Some((lo, hi)) = bounds {
                    self.visit(lo);
                    self.visit(hi);
                }
                self.with_bound(key(var), |s| s.visit(body));
            }
            ExprKind::Series {
                index,
                lower,
                upper,
                body,
                ..
            } => {
                let was = std::mem::replace(&mut self.in_bounds, true);
                self.visit(lower);
                self.visit(upper);
                self.in_bounds = was;
                self.with_bound(key(index), |s| s.visit(body));
            }
            ExprKind::Indexed { base, index } => {
                self.found.insert(super::series::data_key(&key(base)));
                self.ident(index);
            }
            // `f(t) |_{t=0}` does not depend on t.
            ExprKind::At { body, var, at } => {
                self.visit(at);
                self.with_bound(key(var), |s| s.visit(body));
            }
            ExprKind::Limit { body, var, .. } => self.with_bound(key(var), |s| s.visit(body)),
            ExprKind::Between {
                body,
                var: Some(var),
                lower,
                upper,
            } => {
                self.visit(lower);
                self.visit(upper);
                self.with_bound(key(var), |s| s.visit(body));
            }
            _ => for_each_child(expr, &mut |child| self.visit(child)),
        }
    }

    fn ident(&mut self, id: &Ident) {
        let name = key(id);
        if !self.is_bound(&name) {
            if self.in_bounds {
                self.counts.insert(name.clone());
            }
            self.found.insert(name);
        }
    }
}
