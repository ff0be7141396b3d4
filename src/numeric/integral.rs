//! Integrals over ℝ by Gauss–Hermite quadrature centred and scaled on the
//! integrand's own Gaussian factor. (Expectations reach here as the integrals
//! resolution writes them out as.)
//!
//! The centre is read from the integrand itself: the log of each of its factors
//! (`e^{…}`, `\exp`, a density, or anything else) is evaluated at three points of the
//! variable and fitted by a quadratic, which must then hold at three more points;
//! the factors whose log is quadratic are summed, and a negative leading coefficient
//! gives the mean and standard deviation of the Gaussian the rule follows. So
//! `e^{tx} N(x; −7, 16)` and `e^{−(x−5)²/8}` are integrated as exactly as a declared
//! density. An integrand without such a factor falls back to the densities named in
//! it (each one tried, and they must agree), or to N(0, 1).
//!
//! An integral is evaluated only when it converges absolutely: after the sum, the
//! integrand's size is measured far out on both sides (32 to 256 standard deviations
//! from the centre) and must be negligible there, so `∫ x dx` is "does not converge"
//! instead of the 0 a symmetric rule sums it to (poles on the line are `poles.rs`'s
//! to find). A sum is integrated term by term,
//! each term on its own Gaussian and each required to converge, so two densities far
//! apart are both seen.

use super::budget::{EvalError, EvalResult, Failure};
use super::env::{key, NumericEnv};
use super::eval::{for_each_child, resolve_call, CallKind, Evaluator};
use super::quadrature::{self, Estimate};
use super::undefined::log_gaussian;
use crate::syntax::ast::{Builtin, Expr, ExprKind, Ident};

/// Most integrals (and expectations) nested inside one another. Each level multiplies
/// the work by the nodes of the rules, so a third level would rarely finish within
/// the budget; refusing it up front also bounds the stack.
pub(super) const MAX_INTEGRAL_NESTING: usize = 2;

/// Most terms of a sum integrated one by one, and most factors of a product fitted;
/// beyond, the rest is taken as one.
const MAX_PIECES: usize = 64;

/// Where the log of a factor is fitted by a quadratic, and where the fit is checked.
const FIT_AT: [f64; 3] = [-1.0, 0.0, 1.0];
const CHECK_AT: [f64; 3] = [2.0, -3.0, 0.5];
/// Relative error allowed between a factor's log and its quadratic at a check point.
const FIT_TOLERANCE: f64 = 1e-9;

/// Distances from the centre, in standard deviations, at which the integrand must be
/// negligible: beyond the outermost node of every rule used (≈22 for 128 nodes), and
/// far enough that a polynomial of high degree times the Gaussian has decayed.
const TAIL_DISTANCES: [f64; 4] = [32.0, 64.0, 128.0, 256.0];
/// Negligible: `|f(x)|·|x − centre|` (an estimate of the mass beyond x) at most this
/// fraction of `∫|f|`.
const TAIL_TOLERANCE: f64 = 1e-12;

/// What is integrated: `body`, times the density N(mean, variance) of the variable
/// when it is an expectation.
#[derive(Clone, Copy)]
pub(super) struct Integrand<'e> {
    pub(super) body: &'e Expr,
    pub(super) weight: Option<(f64, f64)>,
}

/// `a·x² + b·x + c`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Quadratic {
    pub(super) a: f64,
    pub(super) b: f64,
    c: f64,
}

impl Quadratic {
    fn at(self, x: f64) -> f64 {
        (self.a * x + self.b) * x + self.c
    }

    /// Mean and standard deviation of the Gaussian `e^{q(x)}`, if it is one.
    pub(super) fn gaussian(self) -> Option<(f64, f64)> {
        let variance = -0.5 / self.a;
        let mean = self.b * variance;
        (self.a < 0.0 && variance.is_finite() && mean.is_finite()).then(|| (mean, variance.sqrt()))
    }
}

/// A Gaussian weight named in an integrand: where its mean and variance come from.
enum Weight<'e> {
    /// A `let` density; mean and variance are in its own frame.
    Declared {
        param: &'e str,
        mean: &'e Expr,
        var: &'e Expr,
    },
    /// An inline `N(x; m, v)`; mean and variance are in the integral's frame.
    Inline { mean: &'e Expr, var: &'e Expr },
}

impl Evaluator<'_> {
    /// `∫_ℝ body d var`.
    pub(super) fn integral(
        &mut self,
        bounds: &Option<(Box<Expr>, Box<Expr>)>,
        body: &Expr,
        var: &Ident,
    ) -> EvalResult<f64> {
        if let (false, Some((lo, hi))) = (whole_line(bounds), bounds) {
            return self.interval(lo, hi, body, var);
        }
        let kinks = self.kinks(body, var, f64::NEG_INFINITY, f64::INFINITY)?;
        if !kinks.is_empty() {
            return self.between_kinks(f64::NEG_INFINITY, f64::INFINITY, &kinks, body, var);
        }
        self.integrate(&key(var), Integrand { body, weight: None })
    }

    /// The integral of `integrand` over `var`, bound in the current frame.
    pub(super) fn integrate(&mut self, var: &str, integrand: Integrand<'_>) -> EvalResult<f64> {
        if self.integrals >= MAX_INTEGRAL_NESTING {
            return Err(EvalError::too_costly());
        }
        self.integrals += 1;
        self.stack.push((var.to_string(), f64::NAN));
        let slot = self.stack.len() - 1;
        let result = self.integrate_sum(slot, var, integrand);
        self.stack.truncate(slot);
        self.integrals -= 1;
        result
    }

    /// A sum term by term (each must converge); the total must not be the small
    /// remainder of much larger terms, where rounding alone could fake a difference.
    fn integrate_sum(
        &mut self,
        slot: usize,
        var: &str,
        integrand: Integrand<'_>,
    ) -> EvalResult<f64> {
        let (mut total, mut magnitude) = (0.0, 0.0);
        for (sign, body) in summands(integrand.body) {
            let term = match self.against_law(slot, var, body) {
                Some(term) => term?,
                None => self.integrate_term(slot, var, Integrand { body, ..integrand })?,
            };
            total += sign * term.value;
            magnitude += term.magnitude;
        }
        let single = Estimate {
            value: total,
            magnitude,
        };
        Ok(quadrature::converged(single, single)?)
    }

    /// One term: on the fitted Gaussian if there is one, else on each Gaussian named
    /// in it, which must all give the same value (on one alone, the mass of another
    /// far away would be missed), else on N(0, 1).
    fn integrate_term(
        &mut self,
        slot: usize,
        var: &str,
        integrand: Integrand<'_>,
    ) -> EvalResult<Estimate> {
        if let Some((mean, std)) = self.fitted_centre(slot, integrand)? {
            return self.on_centre(slot, integrand, mean, std);
        }
        let mut found: Option<Estimate> = None;
        for (mean, std) in self.named_centres(slot, var, integrand) {
            let estimate = self.on_centre(slot, integrand, mean, std)?;
            match found {
                None => found = Some(estimate),
                Some(first) if quadrature::converged(first, estimate).is_ok() => {}
                Some(_) => {
                    return Err("quadrature on the integrand's different Gaussian factors gives different values".into())
                }
            }
        }
        found.ok_or_else(|| "no quadrature rule to use".into())
    }

    /// The quadrature sum on N(mean, std²) at the evaluator's precision, checked for
    /// convergence of the rules and of the integral itself.
    fn on_centre(
        &mut self,
        slot: usize,
        integrand: Integrand<'_>,
        mean: f64,
        std: f64,
    ) -> EvalResult<Estimate> {
        let var = self.stack[slot].0.clone();
        self.no_poles(slot, &var, integrand, mean, std)?;
        let mut estimates = Vec::with_capacity(2);
        for rule in self.precision.rules() {
            let estimate =
                quadrature::integrate(rule, mean, std, |x| self.integrand_at(slot, integrand, x))?;
            estimates.push(estimate);
        }
        let (low, high) = match estimates[..] {
            [one] => (one, one),
            [low, high] => (low, high),
            _ => return Err("no quadrature rule to use".into()),
        };
        let value = quadrature::converged(low, high)?;
        let magnitude = low.magnitude.max(high.magnitude);
        self.tails(slot, integrand, mean, std, magnitude)?;
        Ok(Estimate { value, magnitude })
    }

    /// The integrand at `x`. A body that overflows is tried again in log space, where
    /// the rest of the integrand (or the weight) may bring it back.
    pub(super) fn integrand_at(
        &mut self,
        slot: usize,
        integrand: Integrand<'_>,
        x: f64,
    ) -> EvalResult<f64> {
        self.stack[slot].1 = x;
        let weight = match integrand.weight {
            Some((m, v)) => Some(log_gaussian(x, m, v)?),
            None => None,
        };
        match self.eval(integrand.body) {
            Ok(v) => Ok(weight.map_or(v, |w| v * w.exp())),
            Err(e) if e.kind == Failure::NotEvaluable => {
                let Ok((sign, log)) = self.signed_log(integrand.body) else {
                    return Err(e);
                };
                let v = sign * (log + weight.unwrap_or(0.0)).exp();
                if v.is_finite() {
                    Ok(v)
                } else {
                    Err(e)
                }
            }
            Err(e) => Err(e),
        }
    }

    /// `ln|expr|` with the variable at `x`: −∞ where it is 0.
    fn log_abs_at(&mut self, slot: usize, expr: &Expr, x: f64) -> EvalResult<f64> {
        self.stack[slot].1 = x;
        match self.signed_log(expr) {
            Ok((_, log)) => Ok(log),
            Err(e) if e.kind == Failure::TooCostly => Err(e),
            Err(e) => match self.eval(expr) {
                Ok(v) => Ok(v.abs().ln()),
                Err(_) => Err(e),
            },
        }
    }

    /// `ln|f(x)|` of the whole integrand, weight included: a size, for the tail and
    /// pole checks, so derivatives in it need only be roughly right (far out they
    /// are differences of huge values).
    pub(super) fn log_abs_integrand(
        &mut self,
        slot: usize,
        integrand: Integrand<'_>,
        x: f64,
    ) -> EvalResult<f64> {
        let was_rough = std::mem::replace(&mut self.rough, true);
        let log_f = self.log_abs_at(slot, integrand.body, x);
        self.rough = was_rough;
        let log_f = log_f?;
        Ok(match integrand.weight {
            Some((m, v)) => log_f + log_gaussian(x, m, v)?,
            None => log_f,
        })
    }

    /// The Gaussian the integrand's exponential factors make, if they make one.
    fn fitted_centre(
        &mut self,
        slot: usize,
        integrand: Integrand<'_>,
    ) -> EvalResult<Option<(f64, f64)>> {
        Ok(self
            .fitted_exponent(slot, integrand)?
            .and_then(Quadratic::gaussian))
    }

    /// The quadratic the logs of the integrand's exponential factors sum to (`None`
    /// when it has none).
    pub(super) fn fitted_exponent(
        &mut self,
        slot: usize,
        integrand: Integrand<'_>,
    ) -> EvalResult<Option<Quadratic>> {
        let mut any = integrand.weight.is_some();
        let mut total = match integrand.weight {
            Some((m, v)) => Quadratic {
                a: -0.5 / v,
                b: m / v,
                c: 0.0,
            },
            None => Quadratic::default(),
        };
        for (power, factor) in factors(integrand.body) {
            if !may_be_gaussian(factor) {
                continue;
            }
            if let Some(q) = self.fit(slot, factor)? {
                total.a += power * q.a;
                total.b += power * q.b;
                any = true;
            }
        }
        Ok(any.then_some(total))
    }

    /// The quadratic `ln|factor|` is in the variable, if it is one (checked at
    /// [`CHECK_AT`] after fitting at [`FIT_AT`]).
    fn fit(&mut self, slot: usize, factor: &Expr) -> EvalResult<Option<Quadratic>> {
        let mut logs = [0.0; 3];
        for (log, x) in logs.iter_mut().zip(FIT_AT) {
            match self.log_abs_at(slot, factor, x) {
                Ok(l) if l.is_finite() => *log = l,
                Err(e) if e.kind == Failure::TooCostly => return Err(e),
                _ => return Ok(None),
            }
        }
        let [left, middle, right] = logs;
        let curvature = (left + right) / 2.0 - middle;
        // A curvature at the rounding level of the logs is none: `λe^{−λx}` fitted
        // through a call came out as a Gaussian of width 10⁸ centred at −10¹⁵, and
        // its half-line integral as 0.
        let rounding = 64.0 * f64::EPSILON * (left.abs() + middle.abs() + right.abs() + 1.0);
        let q = Quadratic {
            a: if curvature.abs() <= rounding {
                0.0
            } else {
                curvature
            },
            b: (right - left) / 2.0,
            c: middle,
        };
        for x in CHECK_AT {
            let l = match self.log_abs_at(slot, factor, x) {
                Ok(l) if l.is_finite() => l,
                Err(e) if e.kind == Failure::TooCostly => return Err(e),
                _ => return Ok(None),
            };
            let scale = 1.0 + l.abs() + (q.a * x * x).abs() + (q.b * x).abs() + q.c.abs();
            if (l - q.at(x)).abs() > FIT_TOLERANCE * scale {
                return Ok(None);
            }
        }
        Ok(Some(q))
    }

    /// Centres from the Gaussian densities named in the integrand (and the weight of an
    /// expectation), or N(0, 1) when there are none.
    fn named_centres(
        &mut self,
        slot: usize,
        var: &str,
        integrand: Integrand<'_>,
    ) -> Vec<(f64, f64)> {
        let mut weights = Vec::new();
        let env = self.env;
        find_weights(env, integrand.body, var, &mut weights);
        let mut centres: Vec<(f64, f64)> = integrand
            .weight
            .map(|(m, v)| (m, v.sqrt()))
            .into_iter()
            .collect();
        for weight in weights {
            // The variable is unusable (NaN) while the parameters are read, so a weight
            // whose parameters depend on it is rejected.
            self.stack[slot].1 = f64::NAN;
            if let Ok((m, v)) = self.weight_params(&weight, var) {
                if v > 0.0 && !centres.contains(&(m, v.sqrt())) {
                    centres.push((m, v.sqrt()));
                }
            }
        }
        if centres.is_empty() {
            centres.push((0.0, 1.0));
        }
        centres
    }

    /// Mean and variance of a Gaussian weight, the integration variable being unusable
    /// (bound to NaN) so that a weight whose parameters depend on it is rejected.
    fn weight_params(&mut self, weight: &Weight<'_>, var: &str) -> EvalResult<(f64, f64)> {
        match weight {
            Weight::Declared { param, mean, var } => self
                .in_frame(vec![(param.to_string(), f64::NAN)], |s| {
                    Ok((s.eval(mean)?, s.eval(var)?))
                }),
            Weight::Inline {
                mean,
                var: variance,
            } => {
                self.stack.push((var.to_string(), f64::NAN));
                let result = self.eval(mean).and_then(|m| Ok((m, self.eval(variance)?)));
                self.stack.pop();
                result
            }
        }
    }

    /// The integral converges absolutely: `|f(x)|·|x − mean|` is negligible at every
    /// [`TAIL_DISTANCES`] on both sides, against `magnitude` (≈ ∫|f|) or, when that
    /// underflows, against `|f|·std` near the centre (both in log space).
    fn tails(
        &mut self,
        slot: usize,
        integrand: Integrand<'_>,
        mean: f64,
        std: f64,
        magnitude: f64,
    ) -> EvalResult<()> {
        let mut reference = magnitude.ln();
        for offset in [0.0, -1.0, 1.0, -2.0, 2.0] {
            match self.log_abs_integrand(slot, integrand, mean + offset * std) {
                Ok(log_f) => reference = reference.max(log_f + std.ln()),
                Err(e) if e.kind == Failure::TooCostly => return Err(e),
                Err(_) => {}
            }
        }
        let allowed = reference + TAIL_TOLERANCE.ln();
        for side in [-1.0, 1.0] {
            let mut sizes = Vec::with_capacity(TAIL_DISTANCES.len());
            for d in TAIL_DISTANCES {
                let x = mean + side * d * std;
                let log_f = match self.log_abs_integrand(slot, integrand, x) {
                    Ok(l) => l,
                    Err(e) if e.kind == Failure::TooCostly => return Err(e),
                    Err(e) => {
                        return Err(format!(
                            "the integral's convergence is not established: the integrand has no value at {x} ({e})"
                        )
                        .into())
                    }
                };
                sizes.push((x, log_f + (d * std).ln()));
            }
            let Some(&(x, size)) = sizes
                .iter()
                .find(|(_, size)| size.is_nan() || *size > allowed)
            else {
                continue;
            };
            let decaying = sizes.last().is_some_and(|last| last.1 < sizes[0].1 - 1.0);
            let size = size.exp();
            return Err(if decaying {
                format!("the integrand decays too slowly to be integrated numerically (|f(x)·x| ≈ {size:.3e} at x = {x})")
            } else {
                format!("the integral does not converge (the integrand does not decay: |f(x)·x| ≈ {size:.3e} at x = {x})")
            }
            .into());
        }
        Ok(())
    }
}

/// Whether an integral's bounds mean the whole real line (absent, or `−∞` to `∞`).
fn whole_line(bounds: &Option<(Box<Expr>, Box<Expr>)>) -> bool {
    match bounds {
        None => true,
        Some((lo, hi)) => {
            matches!(&lo.kind, ExprKind::Neg(inner) if matches!(inner.kind, ExprKind::Infinity))
                && matches!(hi.kind, ExprKind::Infinity)
        }
    }
}

/// The terms of a sum with their signs (at most [`MAX_PIECES`]; the rest stays whole).
fn summands(expr: &Expr) -> Vec<(f64, &Expr)> {
    let mut out = Vec::new();
    let mut todo = vec![(1.0, expr)];
    while let Some((sign, e)) = todo.pop() {
        if out.len() + todo.len() >= MAX_PIECES {
            out.push((sign, e));
            continue;
        }
        match &e.kind {
            ExprKind::Add(a, b) => todo.extend([(sign, b.as_ref()), (sign, a.as_ref())]),
            ExprKind::Sub(a, b) => todo.extend([(-sign, b.as_ref()), (sign, a.as_ref())]),
            ExprKind::Neg(a) => todo.push((-sign, a)),
            _ => out.push((sign, e)),
        }
    }
    out
}

/// The factors of a product with their powers: `a·b/c^2` is `a`, `b`, `c` with 1, 1,
/// −2 (at most [`MAX_PIECES`]; the rest stays whole).
fn factors(expr: &Expr) -> Vec<(f64, &Expr)> {
    let mut out = Vec::new();
    let mut todo = vec![(1.0, expr)];
    while let Some((power, e)) = todo.pop() {
        if out.len() + todo.len() >= MAX_PIECES {
            out.push((power, e));
            continue;
        }
        match &e.kind {
            ExprKind::Mul(a, b, _) => todo.extend([(power, b.as_ref()), (power, a.as_ref())]),
            ExprKind::Div(a, b, _) => todo.extend([(-power, b.as_ref()), (power, a.as_ref())]),
            ExprKind::Neg(a) => todo.push((power, a)),
            ExprKind::Sqrt {
                radicand,
                index: None,
            } => todo.push((power / 2.0, radicand)),
            ExprKind::Pow(base, exponent) => match exponent_number(exponent) {
                Some(k) if !is_e(base) => todo.push((power * k, base)),
                _ => out.push((power, e)),
            },
            _ => out.push((power, e)),
        }
    }
    out
}

/// Whether a factor can be a Gaussian in the variable: an exponential or a call (a
/// density, or a function that may be one). A sum, a logarithm, a power of the
/// variable is not, and fitting it would only cost evaluations.
fn may_be_gaussian(factor: &Expr) -> bool {
    match &factor.kind {
        ExprKind::Pow(base, _) => is_e(base),
        ExprKind::Apply(Builtin::Exp, _) | ExprKind::Call { .. } => true,
        _ => false,
    }
}

/// A numeric exponent as written (`2`, `-1`, `0.5`).
fn exponent_number(expr: &Expr) -> Option<f64> {
    match &expr.kind {
        ExprKind::Number(n) => n.trim().parse().ok(),
        ExprKind::Neg(inner) => exponent_number(inner).map(|k| -k),
        _ => None,
    }
}

/// `e` as written; whether it is Euler's number does not matter here, since a power
/// of it is kept whole either way.
fn is_e(expr: &Expr) -> bool {
    matches!(
        expr.kind,
        ExprKind::Constant(crate::syntax::ast::Constant::E)
    )
}

/// Collects the Gaussian weights applied to `var` in `expr`, in reading order. Stops
/// at binders that shadow `var`, and does not enter function or chain bodies (they
/// cannot see `var`).
fn find_weights<'e>(env: &'e NumericEnv, expr: &'e Expr, var: &str, out: &mut Vec<Weight<'e>>) {
    let is_var = |e: &Expr| matches!(&e.kind, ExprKind::Ident(id) if key(id) == var);
    match &expr.kind {
        ExprKind::Call { callee, args } => {
            if let Ok(CallKind::Density { param, mean, var }) = resolve_call(env, callee, args) {
                if is_var(&args[0]) {
                    out.push(Weight::Declared { param, mean, var });
                }
            }
            for arg in args {
                find_weights(env, arg, var, out);
            }
        }
        ExprKind::Gaussian { x, mean, variance } => {
            if is_var(x) {
                out.push(Weight::Inline {
                    mean,
                    var: variance,
                });
            }
            for child in [x, mean, variance] {
                find_weights(env, child, var, out);
            }
        }
        ExprKind::Integral {
            bounds,
            body,
            var: inner,
        } => {
            if let Some((lo, hi)) = bounds {
                find_weights(env, lo, var, out);
                find_weights(env, hi, var, out);
            }
            if key(inner) != var {
                find_weights(env, body, var, out);
            }
        }
        _ => for_each_child(expr, &mut |child| find_weights(env, child, var, out)),
    }
}
