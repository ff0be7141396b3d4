//! The variable an evaluation `[F]_a^b` or a differential `d(σu + μ)` is in, when the
//! note does not write it: inferred only where one name is the answer, else refused
//! with the candidates.

use super::{Resolver, Scope};
use crate::syntax::ast::{Expr, ExprKind, Ident};

impl Resolver {
    /// The variable of `[F]_a^b` written without one: the one free name of `F`, else
    /// the one name a declared density of `F` is applied to (`[x p(x)]`); else the
    /// candidates, for the refusal.
    pub(super) fn evaluation_variable(
        &self,
        body: &Expr,
        scope: &Scope,
    ) -> Result<Ident, Vec<String>> {
        let mut free: Vec<Ident> = Vec::new();
        let mut density_args: Vec<Ident> = Vec::new();
        self.free_idents(body, scope, &mut free, &mut density_args);
        let distinct = |ids: &[Ident]| {
            let mut keys: Vec<String> = ids.iter().map(Ident::key).collect();
            keys.sort();
            keys.dedup();
            keys
        };
        free.retain(|i| !self.is_parameter(i));
        density_args.retain(|i| !self.is_parameter(i));
        let keys = distinct(&free);
        if let [one] = keys.as_slice() {
            return Ok(free.into_iter().find(|i| &i.key() == one).expect("found"));
        }
        let args = distinct(&density_args);
        if let [one] = args.as_slice() {
            return Ok(density_args
                .into_iter()
                .find(|i| &i.key() == one)
                .expect("found"));
        }
        Err(keys)
    }

    /// A symbol assumed positive, or made so by a Gaussian's σ: a parameter, never the
    /// variable an evaluation or a differential is in.
    pub(super) fn is_parameter(&self, id: &Ident) -> bool {
        self.assumed.contains(&id.key()) || self.positive.contains_key(&id.key())
    }

    /// The variable of `∫ f d(g)`: the one name both `g` and `f` vary with, parameters
    /// (names assumed positive) aside; else the candidates, for the refusal.
    pub(super) fn differential_variable(
        &self,
        body: &Expr,
        differential: &Expr,
        scope: &Scope,
    ) -> Result<Ident, Vec<String>> {
        let names = |e: &Expr| {
            let (mut free, mut unused) = (Vec::new(), Vec::new());
            self.free_idents(e, scope, &mut free, &mut unused);
            free.retain(|i| !self.is_parameter(i));
            free
        };
        let (in_body, in_differential) = (names(body), names(differential));
        let mut both: Vec<Ident> = in_differential
            .into_iter()
            .filter(|i| in_body.iter().any(|j| j.key() == i.key()))
            .collect();
        both.sort_by_key(Ident::key);
        both.dedup_by_key(|i| i.key());
        if both.len() > 1 {
            // The one the step introduces: the others were free in the steps before.
            let new: Vec<Ident> = both
                .iter()
                .filter(|i| !self.earlier_free.contains(&i.key()))
                .cloned()
                .collect();
            if let [one] = new.as_slice() {
                return Ok(one.clone());
            }
        }
        match both.len() {
            1 => Ok(both.remove(0)),
            _ => Err(both.iter().map(Ident::key).collect()),
        }
    }

    fn free_idents(
        &self,
        expr: &Expr,
        scope: &Scope,
        free: &mut Vec<Ident>,
        density_args: &mut Vec<Ident>,
    ) {
        match &expr.kind {
            ExprKind::Ident(id) if !scope.contains(&id.key()) => free.push(id.clone()),
            ExprKind::Call { callee, args } => {
                let is_density = self
                    .functions
                    .get(&callee.key())
                    .is_some_and(|d| d.density_param.is_some());
                for arg in args {
                    if let (true, ExprKind::Ident(id)) = (is_density, &arg.kind) {
                        if !scope.contains(&id.key()) {
                            density_args.push(id.clone());
                        }
                    }
                    self.free_idents(arg, scope, free, density_args);
                }
                if let Some(declared) = self.functions.get(&callee.key()) {
                    for name in &declared.free {
                        if !scope.contains(name) {
                            free.push(Ident {
                                base: name.clone(),
                                subscript: None,
                                span: callee.span,
                            });
                        }
                    }
                }
            }
            ExprKind::Integral { var, body, bounds } => {
                if let Some((lo, hi)) = bounds {
                    self.free_idents(lo, scope, free, density_args);
                    self.free_idents(hi, scope, free, density_args);
                }
                let mut inner = scope.clone();
                inner.push(var.key());
                self.free_idents(body, &inner, free, density_args);
            }
            _ => {
                for child in crate::syntax::ast::children(expr) {
                    self.free_idents(child, scope, free, density_args);
                }
            }
        }
    }
}
