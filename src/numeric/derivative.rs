//! Derivatives and evaluation at a point, on the syntax tree: `\frac{d^n}{dx^n} f` by
//! Ridders' extrapolation of central differences, `f \Big|_{t=0}` by evaluating `f`
//! with `t` set.
//!
//! A value is taken with the variable changed where it lives: on the stack when it
//! is bound (an integration variable), else in a copy of the sample point, in a
//! fresh evaluator (remembered call values depend on the point). The extrapolation's
//! own error estimate must be within [`ACCURACY`] of the value, or the derivative is
//! not evaluated: a rough difference quotient must never make two sides "differ".

use std::collections::BTreeMap;

use super::budget::EvalResult;
use super::env::key;
use super::eval::Evaluator;
use crate::syntax::ast::{Expr, ExprKind, Ident};

/// Relative error the extrapolated derivative must be within.
const ACCURACY: f64 = 1e-10;
/// The same where only a size is wanted (a tail or pole check).
const ROUGH_ACCURACY: f64 = 1e-3;
/// Ridders' step ratio and tableau size (as in Numerical Recipes' `dfridr`).
const SHRINK: f64 = 1.4;
const ROWS: usize = 10;

impl Evaluator<'_> {
    /// `body` evaluated with `var` set to `value`.
    pub(super) fn with_value(&mut self, var: &Ident, value: f64, body: &Expr) -> EvalResult<f64> {
        let name = key(var);
        if let Some(slot) = self.bound_slot(&name) {
            let saved = self.stack[slot].1;
            self.stack[slot].1 = value;
            self.values.clear();
            self.logs.clear();
            self.integral_values.clear();
            let result = self.eval(body);
            self.stack[slot].1 = saved;
            self.values.clear();
            self.logs.clear();
            self.integral_values.clear();
            return result;
        }
        let mut point: BTreeMap<String, f64> = self.point().clone();
        point.insert(name, value);
        let mut moved = self.moved_to(&point);
        moved.eval(body)
    }

    /// `body` at one end of an evaluation `[body]_a^b`: at the value, or its limit at
    /// an infinity, read off far out: the values at 10⁴, 10⁶ and 10⁸ (times the
    /// scale of the point's values) must agree, so `x e^{−x²}` gives 0 and `x`
    /// gives no value, never a number.
    pub(super) fn end_value(&mut self, var: &Ident, end: &Expr, body: &Expr) -> EvalResult<f64> {
        let side = match &end.kind {
            ExprKind::Infinity => 1.0,
            ExprKind::Neg(inner) if matches!(inner.kind, ExprKind::Infinity) => -1.0,
            _ => {
                let value = self.eval(end)?;
                return self.with_value(var, value, body);
            }
        };
        let scale = self.point().values().fold(1.0_f64, |m, v| m.max(v.abs()));
        let mut values = [0.0; 3];
        for (value, far) in values.iter_mut().zip([1e4, 1e6, 1e8]) {
            *value = match self.with_value(var, side * far * scale, body) {
                Ok(v) => v,
                // A value that overflows far out has no limit here.
                Err(_) => return Err("the limit at infinity is not established".into()),
            };
        }
        let [_, near, far] = values;
        let settled = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0);
        if settled(values[0], near) && settled(near, far) {
            Ok(far)
        } else {
            Err(
                "the limit at infinity is not established (the values far out do not settle)"
                    .into(),
            )
        }
    }

    /// `d^order body / d var^order` at the current point.
    pub(super) fn derivative(&mut self, var: &Ident, order: u32, body: &Expr) -> EvalResult<f64> {
        let t = self.ident(var)?;
        let mut h = 0.1 * t.abs().max(1.0);
        let mut table = vec![vec![0.0; ROWS]; ROWS];
        table[0][0] = self.central_difference(var, order, body, t, h)?;
        let (mut best, mut error) = (table[0][0], f64::INFINITY);
        for i in 1..ROWS {
            h /= SHRINK;
            table[0][i] = self.central_difference(var, order, body, t, h)?;
            let mut factor = SHRINK * SHRINK;
            for j in 1..=i {
                table[j][i] = (table[j - 1][i] * factor - table[j - 1][i - 1]) / (factor - 1.0);
                factor *= SHRINK * SHRINK;
                let estimate = (table[j][i] - table[j - 1][i])
                    .abs()
                    .max((table[j][i] - table[j - 1][i - 1]).abs());
                if estimate <= error {
                    error = estimate;
                    best = table[j][i];
                }
            }
            if (table[i][i] - table[i - 1][i - 1]).abs() >= 2.0 * error {
                break;
            }
        }
        let accuracy = if self.rough { ROUGH_ACCURACY } else { ACCURACY };
        if best.is_finite() && error <= accuracy * best.abs().max(1.0) {
            Ok(best)
        } else {
            Err(format!("the numeric derivative is not accurate enough (±{error:.1e})").into())
        }
    }

    /// `Σ_k (−1)^k C(n, k) f(t + (n/2 − k) h) / hⁿ`: exact for polynomials of degree n,
    /// its error a series in h².
    fn central_difference(
        &mut self,
        var: &Ident,
        n: u32,
        body: &Expr,
        t: f64,
        h: f64,
    ) -> EvalResult<f64> {
        let mut total = 0.0;
        let mut binomial = 1.0;
        for k in 0..=n {
            let offset = (f64::from(n) / 2.0 - f64::from(k)) * h;
            let sign = if k % 2 == 0 { 1.0 } else { -1.0 };
            total += sign * binomial * self.with_value(var, t + offset, body)?;
            binomial = binomial * f64::from(n - k) / f64::from(k + 1);
        }
        Ok(total / h.powi(n as i32))
    }
}
