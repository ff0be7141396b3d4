//! When is a chain's first expression its *name* rather than its first step, and how
//! is a name compared with a later use of it? Purely syntactic, given which names are
//! declared.

use crate::syntax::ast::{Chain, Expr, ExprKind, Ident};
use crate::syntax::sexpr;

/// The head of `chain` when it names the chain rather than being its first step.
///
/// A head names the chain when more expressions follow and it is
/// - a call of an undeclared name whose arguments are all parameters, plain names or
///   squares of them: `KL(p_1, p_2)`, `D_{KL}(p \| q)`, `F(a)`, `N(\mu, \sigma)`, the
///   log-likelihood `\ell(\mu, \sigma^2)` as CS229 and PRML write it; `a(b + c)` stays a
///   product, and `N(x; \mu, \sigma^2)` is a density;
/// - a prime on an undeclared name applied to plain names, `M'(t)`;
/// - or a bare label (`H`, `\mathrm{KL}`) that no other step of the chain mentions.
pub fn chain_name<'a>(chain: &'a Chain, is_declared: &dyn Fn(&Ident) -> bool) -> Option<&'a Expr> {
    let (head, rest) = chain.steps.split_first()?;
    if rest.is_empty() {
        return None;
    }
    is_name(
        &head.expr,
        &|id| rest.iter().any(|s| mentions(&s.expr, id)),
        is_declared,
    )
    .then_some(&head.expr)
}

/// Whether `head` has the shape of a chain's name; `mentioned` says whether a bare
/// label is used in the rest of its chain (then it is a variable, not a label).
pub fn is_name(
    head: &Expr,
    mentioned: &dyn Fn(&Ident) -> bool,
    is_declared: &dyn Fn(&Ident) -> bool,
) -> bool {
    match &head.kind {
        ExprKind::Call { callee, args } => {
            let density = callee.base == "N" && callee.subscript.is_none() && args.len() == 3;
            // `\Phi(z) = 1 - \Phi(z)`: a function the rest of the chain uses, or one with a
            // meaning of its own (Φ, Γ), is the claim's subject, not a name being given.
            let known = super::expr::known_function(callee).is_some();
            !is_declared(callee)
                && !density
                && !known
                && !mentioned(callee)
                && args.iter().all(|a| parameter(a).is_some())
        }
        // `M'(t) = \frac{d}{dt} … = …` where no `M` is defined: the name of the
        // derivative being worked out, as `F(a)` names a value.
        ExprKind::Primed { callee, args, .. } => {
            !is_declared(callee)
                && !mentioned(callee)
                && args.iter().all(|a| matches!(a.kind, ExprKind::Ident(_)))
        }
        ExprKind::Ident(id) => {
            let constant = matches!((id.base.as_str(), &id.subscript), ("π" | "e", None));
            !constant && !is_declared(id) && !mentioned(id)
        }
        _ => false,
    }
}

/// The parameter an argument of a chain's name stands for: `\mu` in `\ell(\mu, \sigma^2)`
/// is μ and `\sigma^2` is σ (a name of a variance is a function of the deviation, as the
/// value uses it). Anything else (`2a`, `b + c`) is not a parameter.
pub fn parameter(arg: &Expr) -> Option<&Ident> {
    match &arg.kind {
        ExprKind::Ident(id) => Some(id),
        ExprKind::Pow(base, exponent) => match (&base.kind, &exponent.kind) {
            (ExprKind::Ident(id), ExprKind::Number(two)) if two == "2" => Some(id),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `expr` mentions the name `id` anywhere (as a symbol or a callee).
pub fn mentions(expr: &Expr, id: &Ident) -> bool {
    let same = |other: &Ident| other.base == id.base && other.subscript == id.subscript;
    let here = match &expr.kind {
        ExprKind::Ident(other) => same(other),
        ExprKind::Call { callee, .. } => same(callee),
        _ => false,
    };
    here || crate::syntax::children(expr)
        .into_iter()
        .any(|child| mentions(child, id))
}

/// A chain name's text with spacing removed, so `KL(p_1,p_2)` and `KL(p_1, p_2)` match.
pub fn canonical_text(expr: &Expr) -> String {
    fn go(expr: &Expr, out: &mut String) {
        match &expr.kind {
            ExprKind::Call { callee, args } => call(&callee.key(), args, out),
            ExprKind::Primed {
                callee,
                order,
                args,
            } => {
                let primed = format!("{}{}", callee.key(), "'".repeat(*order as usize));
                call(&primed, args, out);
            }
            ExprKind::Ident(id) => out.push_str(&id.key()),
            // `\sigma^2` as an argument of a name: `ℓ(μ,σ^2)`, readable in messages.
            ExprKind::Pow(..) if parameter(expr).is_some() => {
                let id = parameter(expr).map(Ident::key).unwrap_or_default();
                out.push_str(&format!("{id}^2"));
            }
            _ => out.push_str(&sexpr(expr)),
        }
    }
    fn call(callee: &str, args: &[Expr], out: &mut String) {
        out.push_str(callee);
        out.push('(');
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            go(a, out);
        }
        out.push(')');
    }
    let mut out = String::new();
    go(expr, &mut out);
    out
}

/// The callee of a call-shaped name (`KL` in `KL(p, q)`), to tell `F(3)` after `F(a)`.
/// A primed name's callee keeps its primes (`M'`), so `M(0)` is not `M'(t)` at 0.
pub fn callee_of(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Call { callee, .. } => Some(callee.key()),
        ExprKind::Primed { callee, order, .. } => {
            Some(format!("{}{}", callee.key(), "'".repeat(*order as usize)))
        }
        _ => None,
    }
}
