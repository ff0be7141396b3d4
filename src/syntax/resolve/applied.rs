//! Functions the note defines, applied where the note uses them: a prime (`f'(a)`,
//! `M_X''(0)`, `f^{(3)}(t)`) and a chain's name at other arguments (`F(3)` after a chain
//! `F(a) = …`).
//!
//! Both are read as constructs the pipeline already has, so nothing new reaches lowering
//! or the numeric side and both opinions read the same tree: `f'(a)` is
//! `\frac{d}{dv} f(v) \Big|_{v=a}` in the function's own parameter `v`, and `F(3)` is
//! `F(a) \Big|_{a=3}`. A function the note does not define, or one of several arguments,
//! is refused: a prime would not say which function or which argument.

use super::chain_names::{canonical_text, mentions};
use super::{Named, ResolveErrorKind, Resolver, Scope};
use crate::syntax::ast::{Expr, ExprKind, Ident};

impl Resolver {
    /// `callee` primed `order` times, at `args`.
    pub(super) fn primed(
        &mut self,
        expr: &Expr,
        callee: &Ident,
        order: u32,
        args: &[Expr],
        scope: &Scope,
    ) -> Expr {
        let span = expr.span;
        let text = super::canonical_text(expr);
        if let Some(named) = self.names.iter().find(|n| n.text == text).cloned() {
            // The name of an earlier chain, `M'(t) = …`, used again.
            return self.chain_value(&named, span, scope);
        }
        let primed_key = super::chain_names::callee_of(expr).unwrap_or_default();
        if let Some(named) = self
            .names
            .iter()
            .find(|n| n.callee.as_deref() == Some(primed_key.as_str()))
            .cloned()
        {
            // `M'(0)` after a chain named `M'(t)`: that chain's value at 0.
            let head = Expr::new(
                ExprKind::Primed {
                    callee: callee.clone(),
                    order,
                    args: named.head_args.clone(),
                },
                callee.span,
            );
            if let Some(applied) = self.chain_name_applied(head, &named, args, scope) {
                return applied;
            }
            let kind = ResolveErrorKind::ChainNameArguments { name: named.text };
            self.error(span, kind);
            return super::expr::placeholder(span);
        }
        let key = callee.key();
        let params = if scope.contains(&key) {
            None
        } else if let Some(declared) = self.functions.get(&key) {
            Some(declared.params.clone())
        } else {
            let named = self
                .names
                .iter()
                .find(|n| n.callee.as_deref() == Some(key.as_str()));
            if named.is_some_and(|n| {
                n.head_args
                    .iter()
                    .any(|a| !matches!(a.kind, ExprKind::Ident(_)))
            }) {
                self.error(span, ResolveErrorKind::PrimeInSquare(key));
                return super::expr::placeholder(span);
            }
            named.map(|n| n.head_params.clone())
        };
        let Some(params) = params else {
            self.error(span, ResolveErrorKind::PrimeOfUnknown(key));
            return super::expr::placeholder(span);
        };
        let [param] = params.as_slice() else {
            let kind = ResolveErrorKind::PrimeOfSeveral {
                name: key,
                arity: params.len(),
            };
            self.error(span, kind);
            return super::expr::placeholder(span);
        };
        let [arg] = args else {
            let kind = ResolveErrorKind::WrongArity {
                name: key,
                expected: 1,
                found: args.len(),
            };
            self.error(span, kind);
            return super::expr::placeholder(span);
        };
        let derivative = Expr::new(
            ExprKind::Derivative {
                var: param.clone(),
                order,
                body: Box::new(call_of(
                    callee,
                    &[Expr::new(ExprKind::Ident(param.clone()), callee.span)],
                )),
            },
            span,
        );
        let at = Expr::new(
            ExprKind::At {
                body: Box::new(derivative),
                var: param.clone(),
                at: Box::new(arg.clone()),
            },
            span,
        );
        self.expr(&at, scope)
    }

    /// `F(3)` after `F(a) = …`: the chain's value with `a` set to `3`; `None` (and the
    /// caller refuses it) unless [`settings`] allows it.
    /// `head` is the name as written first (`F(a)`), which resolves to the value.
    pub(super) fn chain_name_applied(
        &mut self,
        head: Expr,
        named: &Named,
        args: &[Expr],
        scope: &Scope,
    ) -> Option<Expr> {
        let settings = settings(named, args)?;
        let mut body = head;
        for (param, arg) in settings {
            let span = arg.span;
            body = Expr::new(
                ExprKind::At {
                    body: Box::new(body),
                    var: param.clone(),
                    at: Box::new(arg.clone()),
                },
                span,
            );
        }
        Some(self.expr(&body, scope))
    }
}

/// The parameters of `named` set by `args`, each with its value, when that is one
/// reading: every argument that differs from the name's own stands where the value uses
/// the parameter as a symbol (not as a density it calls) and mentions no other
/// parameter (so setting them one after the other is setting them at once). `None`
/// also when nothing differs: that is the name as written first.
pub(super) fn settings<'n, 'e>(
    named: &'n Named,
    args: &'e [Expr],
) -> Option<Vec<(&'n Ident, &'e Expr)>> {
    if named.head_params.len() != args.len() {
        return None;
    }
    let mut settings = Vec::new();
    for ((param, written), arg) in named.head_params.iter().zip(&named.head_args).zip(args) {
        if canonical_text(arg) == canonical_text(written) {
            continue;
        }
        // `\ell(\mu, 4)` after `\ell(\mu, \sigma^2)`: σ² = 4 sets σ = 2 only for a
        // positive σ, and which root is not the note's to say here: refused.
        if !matches!(written.kind, ExprKind::Ident(_)) {
            return None;
        }
        let symbol = named.params.iter().any(|p| p.key() == param.key());
        let others = named
            .head_params
            .iter()
            .filter(|p| p.key() != param.key())
            .any(|p| mentions(arg, p));
        if !symbol || others {
            return None;
        }
        settings.push((param, arg));
    }
    (!settings.is_empty()).then_some(settings)
}

/// `callee(args…)`, spanned at the callee: a chain's name as first written.
pub(super) fn call_of(callee: &Ident, args: &[Expr]) -> Expr {
    Expr::new(
        ExprKind::Call {
            callee: callee.clone(),
            args: args.to_vec(),
        },
        callee.span,
    )
}
