//! Poles inside the line of integration: `∫ p(x)/x dx` has a Gaussian tail and a
//! symmetric rule sums it to 0, yet `∫ |p(x)/x| dx` is infinite, so it must not be
//! evaluated. The far tails (`integral.rs`) cannot see this; here the denominators of
//! the integrand that depend on the variable are followed along it, and where one
//! vanishes the integrand must stay integrable: coming a thousand times closer to the
//! zero, `|f|` may grow like `|x|^{-1/2}` (a factor 32), not like a pole (1000). A
//! removable zero, as in `(x²−1)/(x−1)`, does not grow at all.

use super::budget::{EvalResult, Failure};
use super::env::key;
use super::eval::{for_each_child, Evaluator};
use super::integral::Integrand;
use crate::syntax::ast::{Builtin, Expr, ExprKind};

/// Most denominators followed, and zeros examined per denominator.
const MAX_DENOMINATORS: usize = 4;
const MAX_ZEROS: usize = 4;
/// The scan: the centre ± this many standard deviations, in steps of [`GRID_STEP`].
const GRID_HALF_WIDTH: f64 = 32.0;
const GRID_STEP: f64 = 0.25;
/// Bisection and ternary-search steps refining a zero.
const REFINEMENTS: usize = 60;
/// How much `|f|` may grow from 1e-3 to 1e-6 standard deviations from a zero.
const POLE_GROWTH: f64 = 100.0;
/// Deepest syntax walked looking for denominators.
const MAX_WALK_DEPTH: usize = 100;

impl Evaluator<'_> {
    /// An error if the integrand has a pole on the line (within the scanned range).
    pub(super) fn no_poles(
        &mut self,
        slot: usize,
        var: &str,
        integrand: Integrand<'_>,
        mean: f64,
        std: f64,
    ) -> EvalResult<()> {
        let mut denominators = Vec::new();
        collect(integrand.body, var, 0, &mut denominators);
        for denominator in denominators {
            for zero in self.real_zeros(slot, denominator, mean, std)? {
                for side in [-1.0, 1.0] {
                    let far = self.log_abs_integrand(slot, integrand, zero + side * 1e-3 * std);
                    let near = self.log_abs_integrand(slot, integrand, zero + side * 1e-6 * std);
                    match (far, near) {
                        (Ok(far), Ok(near)) if near - far > POLE_GROWTH.ln() => {
                            return Err(format!(
                                "the integral does not converge (the integrand has a pole at {})",
                                round(zero)
                            )
                            .into());
                        }
                        (Err(e), _) | (_, Err(e)) if e.kind == Failure::TooCostly => return Err(e),
                        _ => {}
                    }
                }
            }
        }
        Ok(())
    }

    /// Where `denominator` vanishes on the scanned range: exact zeros on the grid,
    /// sign changes refined by bisection, and minima of `|denominator|` that reach 0
    /// (a double zero does not change sign).
    fn real_zeros(
        &mut self,
        slot: usize,
        denominator: &Expr,
        mean: f64,
        std: f64,
    ) -> EvalResult<Vec<f64>> {
        let steps = (2.0 * GRID_HALF_WIDTH / GRID_STEP) as i32;
        let mut values = Vec::with_capacity(steps as usize + 1);
        for i in 0..=steps {
            let x = mean + std * (-GRID_HALF_WIDTH + f64::from(i) * GRID_STEP);
            values.push((x, self.at(slot, denominator, x)?));
        }
        let mut zeros = Vec::new();
        for (i, &(x, v)) in values.iter().enumerate() {
            if zeros.len() >= MAX_ZEROS {
                break;
            }
            let Some(v) = v else { continue };
            if v == 0.0 {
                zeros.push(x);
                continue;
            }
            let Some(&(next_x, Some(next))) = values.get(i + 1) else {
                continue;
            };
            if next != 0.0 && v.signum() != next.signum() {
                zeros.push(self.bisect(slot, denominator, x, next_x, v)?);
            } else if let (Some(&(prev_x, Some(prev))), true) = (
                i.checked_sub(1).and_then(|j| values.get(j)),
                next.abs() > v.abs(),
            ) {
                if prev.abs() > v.abs() && prev.signum() == v.signum() {
                    if let Some(zero) = self.minimum_at_zero(slot, denominator, prev_x, next_x)? {
                        zeros.push(zero);
                    }
                }
            }
        }
        Ok(zeros)
    }

    /// `expr` with the variable at `x`, `None` where it has no value.
    fn at(&mut self, slot: usize, expr: &Expr, x: f64) -> EvalResult<Option<f64>> {
        self.stack[slot].1 = x;
        match self.eval(expr) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.kind == Failure::TooCostly => Err(e),
            Err(_) => Ok(None),
        }
    }

    fn bisect(
        &mut self,
        slot: usize,
        expr: &Expr,
        mut lo: f64,
        mut hi: f64,
        f_lo: f64,
    ) -> EvalResult<f64> {
        for _ in 0..REFINEMENTS {
            let mid = 0.5 * (lo + hi);
            match self.at(slot, expr, mid)? {
                Some(0.0) => return Ok(mid),
                Some(v) if v.signum() == f_lo.signum() => lo = mid,
                _ => hi = mid,
            }
        }
        Ok(0.5 * (lo + hi))
    }

    /// The minimum of `|expr|` on `[lo, hi]` by ternary search, if it is 0 there.
    fn minimum_at_zero(
        &mut self,
        slot: usize,
        expr: &Expr,
        mut lo: f64,
        mut hi: f64,
    ) -> EvalResult<Option<f64>> {
        let scale = [lo, hi]
            .into_iter()
            .filter_map(|x| self.at(slot, expr, x).ok().flatten())
            .fold(0.0f64, |m, v| m.max(v.abs()));
        for _ in 0..REFINEMENTS {
            let (a, b) = (lo + (hi - lo) / 3.0, hi - (hi - lo) / 3.0);
            let (Some(fa), Some(fb)) = (self.at(slot, expr, a)?, self.at(slot, expr, b)?) else {
                return Ok(None);
            };
            if fa.abs() < fb.abs() {
                hi = b;
            } else {
                lo = a;
            }
        }
        let x = 0.5 * (lo + hi);
        Ok(match self.at(slot, expr, x)? {
            Some(v) if v.abs() <= 1e-12 * scale => Some(x),
            _ => None,
        })
    }
}

/// Denominators (and bases of negative powers) of `expr` that mention `var` and may
/// vanish: not an exponential. Nested integrals are not entered.
fn collect<'e>(expr: &'e Expr, var: &str, depth: usize, out: &mut Vec<&'e Expr>) {
    if depth > MAX_WALK_DEPTH || out.len() >= MAX_DENOMINATORS {
        return;
    }
    let candidate = match &expr.kind {
        ExprKind::Div(_, b, _) => Some(b.as_ref()),
        ExprKind::Pow(base, exponent) if is_negative_number(exponent) => Some(base.as_ref()),
        ExprKind::Integral { .. } | ExprKind::Expectation { .. } | ExprKind::ChainValue { .. } => {
            return
        }
        _ => None,
    };
    if let Some(d) = candidate {
        if mentions(d, var, 0) && !is_exponential(d) {
            out.push(d);
        }
    }
    for_each_child(expr, &mut |child| collect(child, var, depth + 1, out));
}

/// Whether `var` appears in `expr` (in arguments too, not in function bodies).
pub(super) fn mentions(expr: &Expr, var: &str, depth: usize) -> bool {
    if depth > MAX_WALK_DEPTH {
        return true;
    }
    match &expr.kind {
        ExprKind::Ident(id) => key(id) == var,
        _ => {
            let mut found = false;
            for_each_child(expr, &mut |child| {
                found = found || mentions(child, var, depth + 1)
            });
            found
        }
    }
}

fn is_exponential(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Apply(Builtin::Exp, _) => true,
        ExprKind::Pow(base, _) => {
            matches!(&base.kind, ExprKind::Ident(id) if id.base == "e" && id.subscript.is_none())
        }
        _ => false,
    }
}

fn is_negative_number(expr: &Expr) -> bool {
    matches!(&expr.kind, ExprKind::Neg(inner) if matches!(inner.kind, ExprKind::Number(_)))
}

/// A zero found by bisection, shown to six digits.
fn round(x: f64) -> String {
    let r = (x * 1e6).round() / 1e6;
    format!("x = {}", if r == 0.0 { 0.0 } else { r })
}
