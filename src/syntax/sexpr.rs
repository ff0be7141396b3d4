//! Compact S-expressions of syntax trees, for tests, snapshots and `--explain`-style
//! debugging: `(mul (num 2) (id π))`. Products show how they were written (`mul` for
//! juxtaposition, `mul*`, `cdot`, `times`), quotients too (`frac`, `div`); brackets
//! leave no trace.

use super::ast::children;
use super::ast::{Builtin, Constant, DivSign, Expr, ExprKind, Ident, Item, Moment, MulSign};

/// A compact S-expression of an expression tree, e.g. `(mul (num 2) (id π))`.
///
/// Products show how they were written (`mul` for juxtaposition, `mul*`, `cdot`,
/// `times`), quotients too (`frac`, `div`); brackets leave no trace.
pub fn sexpr(expr: &Expr) -> String {
    let mut out = String::new();
    write_expr(&mut out, expr);
    out
}

/// A compact S-expression of a document item; a chain shows one step per line.
pub fn sexpr_item(item: &Item) -> String {
    match item {
        Item::Let(definition) => {
            let params: Vec<String> = definition.params.iter().map(ident_text).collect();
            format!(
                "(let {} ({}) {})",
                ident_text(&definition.name),
                params.join(" "),
                sexpr(&definition.body)
            )
        }
        Item::Assume(assumption) => {
            let symbols: Vec<String> = assumption.symbols.iter().map(ident_text).collect();
            format!("(assume {})", symbols.join(" "))
        }
        Item::Specialise(specialisation) => {
            let bindings: Vec<String> = specialisation
                .bindings
                .iter()
                .map(|b| format!(" (bind {} {})", sexpr(&b.lhs), sexpr(&b.rhs)))
                .collect();
            format!(
                "(specialise {}{})",
                specialisation
                    .target
                    .as_ref()
                    .map_or_else(|| "previous".to_string(), sexpr),
                bindings.concat()
            )
        }
        Item::Shape(shape) => {
            let names: Vec<String> = shape.names.iter().map(ident_text).collect();
            let kind = match shape.kind {
                crate::syntax::ast::ShapeKind::Vector => "vector",
                crate::syntax::ast::ShapeKind::Matrix => "matrix",
                crate::syntax::ast::ShapeKind::Covariance => "covariance",
            };
            format!("({kind} {} {})", names.join(" "), ident_text(&shape.dim))
        }
        Item::RandomVariable(rv) => {
            let names: Vec<String> = rv.names.iter().map(ident_text).collect();
            format!("(random {} {})", names.join(" "), sexpr(&rv.law))
        }
        Item::Chain(chain) => {
            let steps: Vec<String> = chain
                .steps
                .iter()
                .map(|step| {
                    let notes: String = step
                        .annotations
                        .iter()
                        .map(|a| format!(" «{}»", a.text))
                        .collect();
                    format!("\n  {}: {}{notes}", step.line_idx, sexpr(&step.expr))
                })
                .collect();
            format!("(chain{})", steps.concat())
        }
    }
}

/// `σ_1`, `μ_{p_1}`, `KL`.
fn ident_text(ident: &Ident) -> String {
    match &ident.subscript {
        None => ident.base.clone(),
        Some(sub) if sub.chars().count() == 1 => format!("{}_{sub}", ident.base),
        Some(sub) => format!("{}_{{{sub}}}", ident.base),
    }
}

/// Writes `(head child child ...)`. The head is built in [`head`] so that this
/// recursive function keeps a small stack frame: trees can be hundreds of levels deep.
fn write_expr(out: &mut String, expr: &Expr) {
    out.push('(');
    out.push_str(&head(expr));
    for child in children(expr) {
        out.push(' ');
        write_expr(out, child);
    }
    out.push(')');
}

/// The first word of a node's S-expression; its children follow in [`children`] order.
fn head(expr: &Expr) -> String {
    match &expr.kind {
        ExprKind::Number(digits) => format!("num {digits}"),
        ExprKind::Ident(ident) => format!("id {}", ident_text(ident)),
        ExprKind::Infinity => "inf".into(),
        ExprKind::Neg(_) => "neg".into(),
        ExprKind::Add(..) => "add".into(),
        ExprKind::Sub(..) => "sub".into(),
        ExprKind::Mul(_, _, sign) => mul_head(*sign).into(),
        ExprKind::Div(_, _, DivSign::Frac) => "frac".into(),
        ExprKind::Div(_, _, DivSign::Slash) => "div".into(),
        ExprKind::Pow(..) => "pow".into(),
        ExprKind::Sqrt { index: None, .. } => "sqrt".into(),
        ExprKind::Sqrt { index: Some(_), .. } => "root".into(),
        ExprKind::Apply(function, _) => builtin_head(*function).into(),
        ExprKind::Call { callee, .. } => format!("call {}", ident_text(callee)),
        ExprKind::Integral { var, .. } => format!("int d{}", ident_text(var)),
        ExprKind::SubstitutedIntegral { .. } => "int d(…)".into(),
        ExprKind::Derivative { var, order, .. } => format!("d{order}/d{}", ident_text(var)),
        ExprKind::At { var, .. } => format!("at {}", ident_text(var)),
        ExprKind::Limit { var, .. } => format!("lim {}", ident_text(var)),
        ExprKind::Primed { callee, order, .. } => {
            format!("{}{}", ident_text(callee), "'".repeat(*order as usize))
        }
        ExprKind::Between { var: Some(var), .. } => format!("between {}", ident_text(var)),
        ExprKind::Between { var: None, .. } => "between".into(),
        ExprKind::Expectation { moment, under, .. } => {
            let head = match moment {
                Moment::Mean => "E".to_string(),
                Moment::Variance => "Var".into(),
                Moment::Covariance => "Cov".into(),
                Moment::Probability(event) => {
                    let rel = |r: &crate::syntax::ast::Inequality| {
                        use crate::syntax::ast::Inequality::*;
                        match r {
                            Less { strict: true } => "<",
                            Less { strict: false } => "<=",
                            Greater { strict: true } => ">",
                            Greater { strict: false } => ">=",
                        }
                    };
                    let second = event.second.as_ref().map(rel).unwrap_or("");
                    format!("P{}{second}", rel(&event.first))
                }
            };
            match under.as_ref().and_then(|u| u.var.as_ref()) {
                Some(var) => format!("{head} {}~", ident_text(var)),
                None => head,
            }
        }
        ExprKind::Constant(Constant::Pi) => "const π".into(),
        ExprKind::Constant(Constant::E) => "const e".into(),
        ExprKind::Matrix(crate::syntax::ast::MatrixOp::Transpose, _) => "transpose".into(),
        ExprKind::Matrix(crate::syntax::ast::MatrixOp::PlainTranspose, _) => {
            "transpose-or-power".into()
        }
        ExprKind::Matrix(crate::syntax::ast::MatrixOp::Norm, _) => "norm".into(),
        ExprKind::Matrix(crate::syntax::ast::MatrixOp::Identity, _) => "identity".into(),
        ExprKind::Matrix(crate::syntax::ast::MatrixOp::Diagonal, _) => "diag".into(),
        ExprKind::Gaussian { .. } => "gauss".into(),
        ExprKind::Law { .. } => "law".into(),
        ExprKind::ChainValue { chain, .. } => format!("chain {chain}"),
        ExprKind::Series { op, index, .. } => {
            let op = match op {
                crate::syntax::ast::SeriesOp::Sum => "sum",
                crate::syntax::ast::SeriesOp::Prod => "prod",
            };
            format!("{op} {}", ident_text(index))
        }
        ExprKind::Indexed { base, index } => {
            format!("idx {} {}", ident_text(base), ident_text(index))
        }
    }
}

fn mul_head(sign: MulSign) -> &'static str {
    match sign {
        MulSign::Implicit => "mul",
        MulSign::Star => "mul*",
        MulSign::Cdot => "cdot",
        MulSign::Times => "times",
    }
}

fn builtin_head(function: Builtin) -> &'static str {
    match function {
        Builtin::Log => "log",
        Builtin::Ln => "ln",
        Builtin::Exp => "exp",
        Builtin::Erf => "erf",
        Builtin::Erfc => "erfc",
        Builtin::NormalCdf => "Phi",
        Builtin::Gamma => "Gamma",
        Builtin::Trace => "tr",
        Builtin::Det => "det",
        Builtin::Abs => "abs",
    }
}
