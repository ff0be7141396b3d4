//! Absolute values in an integrand: `∫ |x − μ| f(x) dx`.
//!
//! Quadrature converges slowly across a kink, and its two orders can then agree on a
//! wrong value as easily as disagree, so the range is cut where each absolute value
//! of the variable changes sign, and each piece integrated on its own. The engine
//! splits the integral at the same points; the numeric side finds them by evaluating
//! the argument, not from the engine's algebra.

use super::budget::EvalResult;
use super::env::key;
use super::eval::{for_each_child, Evaluator};
use super::poles::mentions;
use crate::syntax::ast::{Builtin, Expr, ExprKind, Ident};

/// At most this many absolute values of the variable in one integrand are cut at.
const MAX_KINKS: usize = 8;
/// How deep the integrand is searched for absolute values.
const MAX_DEPTH: usize = 100;

impl Evaluator<'_> {
    /// The points strictly inside `(lo, hi)` where an absolute value in `body` of a
    /// function linear in `var` changes sign, in order. An absolute value of a
    /// function of `var` that is not linear is an error: its kinks are not found.
    pub(super) fn kinks(
        &mut self,
        body: &Expr,
        var: &Ident,
        lo: f64,
        hi: f64,
    ) -> EvalResult<Vec<f64>> {
        let var_key = key(var);
        let mut arguments = Vec::new();
        absolute_values_of(body, &var_key, 0, &mut arguments);
        if arguments.is_empty() {
            return Ok(Vec::new());
        }
        if arguments.len() > MAX_KINKS {
            return Err("too many absolute values of the variable in one integrand".into());
        }
        self.stack.push((var_key, f64::NAN));
        let slot = self.stack.len() - 1;
        let roots = arguments
            .iter()
            .map(|arg| self.linear_root(slot, arg))
            .collect::<EvalResult<Vec<_>>>();
        self.stack.truncate(slot);
        let mut inside: Vec<f64> = roots?
            .into_iter()
            .flatten()
            .filter(|r| *r > lo && *r < hi)
            .collect();
        inside.sort_by(f64::total_cmp);
        inside.dedup();
        Ok(inside)
    }

    /// Where `arg`, linear in the variable at `slot`, is 0; `None` if it is constant.
    fn linear_root(&mut self, slot: usize, arg: &Expr) -> EvalResult<Option<f64>> {
        let at = |this: &mut Self, x: f64| {
            this.stack[slot].1 = x;
            this.eval(arg)
        };
        let (u0, u1, u2) = (at(self, 0.0)?, at(self, 1.0)?, at(self, 2.0)?);
        let size = u0.abs() + u1.abs() + u2.abs();
        if (u2 - 2.0 * u1 + u0).abs() > 1e-9 * size.max(f64::MIN_POSITIVE) {
            return Err(
                "an absolute value of a function that is not linear in the integration variable"
                    .into(),
            );
        }
        let slope = u1 - u0;
        if slope == 0.0 {
            return Ok(None);
        }
        Ok(Some(-u0 / slope))
    }
}

/// The arguments of the absolute values in `expr` that mention `var`.
fn absolute_values_of<'e>(expr: &'e Expr, var: &str, depth: usize, out: &mut Vec<&'e Expr>) {
    if depth > MAX_DEPTH {
        return;
    }
    if let ExprKind::Apply(Builtin::Abs, arg) = &expr.kind {
        if mentions(arg, var, 0) {
            out.push(arg);
        }
    }
    for_each_child(expr, &mut |child| {
        absolute_values_of(child, var, depth + 1, out)
    });
}
