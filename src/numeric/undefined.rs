//! Where the real functions have no value, as the evaluator decides it: division by
//! zero, also by a sum that is zero only up to rounding, powers and roots of negative
//! numbers, zero to a negative power, a density of non-positive variance. Each of
//! these is `Failure::Undefined`, a fact about the mathematics at that point, which
//! `compare` tells apart from a value that merely could not be computed.

use super::budget::{EvalError, EvalResult};
use super::eval::Evaluator;
use crate::syntax::ast::{Expr, ExprKind};

/// Most integer exponent evaluated by repeated multiplication (exact for small ones).
const MAX_POWI: f64 = 1024.0;

/// A sum whose value is at most this fraction of the sum of its terms' sizes is zero
/// up to rounding: `\log(ab) − \log a − \log b` gives 1e-17, not 0, and dividing by it
/// must not make `A/A = 1` hold where `A` is identically 0.
const CANCELLATION: f64 = 1e-12;

/// Log of the N(mean, var) density at `x`.
pub(super) fn log_gaussian(x: f64, mean: f64, var: f64) -> EvalResult<f64> {
    if var <= 0.0 {
        return Err(EvalError::undefined(format!(
            "a density has variance {var}, not positive"
        )));
    }
    let d = x - mean;
    Ok(-d * d / (2.0 * var) - 0.5 * (2.0 * std::f64::consts::PI * var).ln())
}

/// Whether `v` is an integer small enough for `powi`.
pub(super) fn small_integer(v: f64) -> bool {
    v.fract() == 0.0 && v.abs() <= MAX_POWI
}

impl Evaluator<'_> {
    /// Whether `value`, just computed for `expr`, is zero up to the rounding of the
    /// sums it came from: a sum at most [`CANCELLATION`] of its terms' sizes, or a
    /// product, quotient, positive power or root of one.
    pub(super) fn rounding_zero(&mut self, expr: &Expr, value: f64) -> EvalResult<bool> {
        if value == 0.0 {
            return Ok(true);
        }
        if !may_cancel(expr) {
            return Ok(false);
        }
        self.enter()?;
        let result = self.rounding_zero_node(expr, value);
        self.leave();
        result
    }

    fn rounding_zero_node(&mut self, expr: &Expr, value: f64) -> EvalResult<bool> {
        match &expr.kind {
            ExprKind::Add(..) | ExprKind::Sub(..) => {
                Ok(value.abs() <= CANCELLATION * self.magnitude(expr)?)
            }
            ExprKind::Neg(a) => self.rounding_zero(a, -value),
            ExprKind::Mul(a, b, _) => {
                let va = self.eval(a)?;
                if self.rounding_zero(a, va)? {
                    return Ok(true);
                }
                let vb = self.eval(b)?;
                self.rounding_zero(b, vb)
            }
            ExprKind::Div(a, _, _) => {
                let va = self.eval(a)?;
                self.rounding_zero(a, va)
            }
            ExprKind::Pow(base, exponent) if !self.is_euler(base) => {
                if self.eval(exponent)? <= 0.0 {
                    return Ok(false);
                }
                let vb = self.eval(base)?;
                self.rounding_zero(base, vb)
            }
            ExprKind::Sqrt { radicand, .. } => {
                let vr = self.eval(radicand)?;
                self.rounding_zero(radicand, vr)
            }
            _ => Ok(false),
        }
    }

    /// The size rounding is measured against: sums and products with every term's
    /// size (`|a| + |b|` for `a − b`), anything else its own size.
    fn magnitude(&mut self, expr: &Expr) -> EvalResult<f64> {
        self.enter()?;
        let size = match &expr.kind {
            ExprKind::Add(a, b) | ExprKind::Sub(a, b) => {
                self.magnitude(a).and_then(|ma| Ok(ma + self.magnitude(b)?))
            }
            ExprKind::Neg(a) => self.magnitude(a),
            ExprKind::Mul(a, b, _) => self.magnitude(a).and_then(|ma| Ok(ma * self.magnitude(b)?)),
            _ => self.eval(expr).map(f64::abs),
        };
        self.leave();
        size
    }
}

/// `b^x`, real and finite or an error.
pub(super) fn power(b: f64, x: f64) -> EvalResult<f64> {
    if small_integer(x) {
        if b == 0.0 && x < 0.0 {
            return Err(EvalError::undefined("zero to a negative power"));
        }
        Ok(b.powi(x as i32))
    } else if b > 0.0 {
        Ok(b.powf(x))
    } else if b == 0.0 && x > 0.0 {
        Ok(0.0)
    } else {
        Err(EvalError::undefined(
            "a negative number (or zero) to a fractional power",
        ))
    }
}

/// The real root `r^(1/n)` for `r ≥ 0`. A negative radicand is refused even for odd
/// `n`: whether `\sqrt[3]{−8}` is −2 is a convention the symbolic side may not share,
/// and skipping the point is always safe.
pub(super) fn root(r: f64, n: f64) -> EvalResult<f64> {
    if r < 0.0 {
        return Err(EvalError::undefined("a root of a negative number"));
    }
    Ok(if n == 2.0 {
        r.sqrt()
    } else if n == 3.0 {
        r.cbrt()
    } else {
        r.powf(1.0 / n)
    })
}

/// Whether `expr` is a sum, or a product, quotient, power or root of one: the only
/// shapes whose value can be zero up to rounding (a name, a number or a function's
/// value is exact to its last digits). Read from the syntax alone, so the check
/// costs nothing where it cannot apply.
fn may_cancel(expr: &Expr) -> bool {
    may_cancel_within(expr, 64)
}

fn may_cancel_within(expr: &Expr, depth: usize) -> bool {
    if depth == 0 {
        return true;
    }
    match &expr.kind {
        ExprKind::Add(..) | ExprKind::Sub(..) => true,
        ExprKind::Neg(a) | ExprKind::Div(a, _, _) | ExprKind::Pow(a, _) => {
            may_cancel_within(a, depth - 1)
        }
        ExprKind::Sqrt { radicand, .. } => may_cancel_within(radicand, depth - 1),
        ExprKind::Mul(a, b, _) => {
            may_cancel_within(a, depth - 1) || may_cancel_within(b, depth - 1)
        }
        _ => false,
    }
}
