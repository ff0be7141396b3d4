//! The one convention about chain names that both readers of the syntax tree — the
//! symbolic side (`lower`) and the independent numeric checker — must share exactly:
//! when is a chain's first expression its *name* rather than its first step?
//!
//! It is purely syntactic, so it lives with the syntax: given which names are
//! declared, it decides from the tree alone.

use super::ast::{Chain, Expr, ExprKind, Ident};

/// The head of `chain` when it names the chain rather than being its first step.
///
/// A head names the chain when more expressions follow and it is
/// - a call of an undeclared name whose arguments are all plain names: `KL(p_1, p_2)`,
///   `F(a)`, `N(\mu, \sigma)`, or a definition in notes such as `f(x) = x^2 + 1`;
///   `a(b + c)` stays a product, and `N(x; \mu, \sigma^2)` is a density;
/// - or a bare label (`H`) that no other step of the chain mentions.
pub fn chain_name<'a>(chain: &'a Chain, is_declared: &dyn Fn(&Ident) -> bool) -> Option<&'a Expr> {
    let (head, rest) = chain.steps.split_first()?;
    if rest.is_empty() {
        return None;
    }
    let head = &head.expr;
    let names = match &head.kind {
        ExprKind::Call { callee, args } => {
            let density = callee.base == "N" && callee.subscript.is_none() && args.len() == 3;
            !is_declared(callee)
                && !density
                && args.iter().all(|a| matches!(a.kind, ExprKind::Ident(_)))
        }
        ExprKind::Ident(id) => {
            let constant = matches!((id.base.as_str(), &id.subscript), ("π" | "e", None));
            !constant && !is_declared(id) && !rest.iter().any(|step| mentions(&step.expr, id))
        }
        _ => false,
    };
    names.then_some(head)
}

/// Whether `expr` mentions the name `id` anywhere (as a symbol or a callee).
fn mentions(expr: &Expr, id: &Ident) -> bool {
    let same = |other: &Ident| other.base == id.base && other.subscript == id.subscript;
    let here = match &expr.kind {
        ExprKind::Ident(other) => same(other),
        ExprKind::Call { callee, .. } => same(callee),
        _ => false,
    };
    here || super::children(expr)
        .into_iter()
        .any(|child| mentions(child, id))
}
