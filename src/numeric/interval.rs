//! Integrals over part of the line, `∫_lo^hi f(x) dx` with each limit a value or an
//! infinity, by composite Gauss–Legendre quadrature.
//!
//! A finite range is mapped onto [0, 1] linearly; a half-line `[lo, ∞)` by
//! `x = lo + s·u/(1 − u)`, where `s` is the integrand's own scale (the standard
//! deviation of its Gaussian factor, or `1/|b|` of an exponential `e^{bx}`, read by
//! fitting the log of its factors as `integral.rs` does). When the integrand's
//! Gaussian peak lies well inside a half-line, the range is split at the peak so that
//! neither piece hides its mass in one panel. Two panel counts must agree
//! ([`quadrature::converged`]), and on an infinite side `|f(x)·x|` must be negligible
//! far out, so `∫_0^∞ x dx` is "does not converge", never a number.

use std::num::NonZeroUsize;
use std::sync::OnceLock;

use gauss_quad::GaussLegendre;

use super::budget::{EvalError, EvalResult, Failure};
use super::env::key;
use super::eval::Evaluator;
use super::integral::{Integrand, MAX_INTEGRAL_NESTING};
use super::quadrature::{self, Estimate};
use crate::syntax::ast::{Expr, ExprKind, Ident};

/// Nodes per panel.
const NODES: usize = 20;
/// Panel counts of the two estimates compared.
const PANELS: [usize; 2] = [16, 24];
/// Multiples of the scale, beyond the limit, at which an infinite side must be
/// negligible: far enough that `x²⁴e^{−x}` (the highest power the engine integrates)
/// has decayed, near enough that an integrand that does not decay is seen.
const TAIL_DISTANCES: [f64; 4] = [128.0, 256.0, 512.0, 1024.0];
/// The coarse grid of `t = log(x − lo)`, from −this to this, on which a half-line's
/// integrand on a log scale has its peak looked for.
const LOG_GRID: i32 = 40;
/// How many widths of its peak a log-scale integral spans on either side.
const LOG_WIDTHS: f64 = 40.0;
/// Negligible: `|f(x)·x|` at most this fraction of `∫|f|`.
const TAIL_TOLERANCE: f64 = 1e-12;

/// The Gauss–Legendre rule on [−1, 1], computed once.
fn rule() -> &'static [(f64, f64)] {
    static RULE: OnceLock<GaussLegendre> = OnceLock::new();
    RULE.get_or_init(|| GaussLegendre::new(NonZeroUsize::new(NODES).expect("nodes")))
        .as_node_weight_pairs()
}

/// How `u ∈ [0, 1]` maps onto the range.
#[derive(Clone, Copy)]
enum Map {
    /// `x = lo + (hi − lo)·u`.
    Finite { lo: f64, hi: f64 },
    /// `x = from + side·s·u/(1 − u)`, towards `side·∞`.
    Tail { from: f64, side: f64, scale: f64 },
    /// `x = from + e^{m + w·z}` with `z = side·LOG_WIDTHS·u`: half of a half-line
    /// `(from, ∞)` on a log scale, for mass spread over decades (the log-normal's).
    Log {
        from: f64,
        m: f64,
        w: f64,
        side: f64,
    },
}

impl Map {
    /// `x(u)` and `dx/du`.
    fn at(self, u: f64) -> (f64, f64) {
        match self {
            Map::Finite { lo, hi } => (lo + (hi - lo) * u, hi - lo),
            Map::Tail { from, side, scale } => {
                let v = 1.0 - u;
                (from + side * scale * u / v, scale / (v * v))
            }
            Map::Log { from, m, w, side } => {
                let grown = (m + w * side * LOG_WIDTHS * u).exp();
                (from + grown, grown * w * LOG_WIDTHS)
            }
        }
    }
}

impl Evaluator<'_> {
    /// `∫_lo^hi body d var`, the limits evaluated in the current frame.
    pub(super) fn interval(
        &mut self,
        lo: &Expr,
        hi: &Expr,
        body: &Expr,
        var: &Ident,
    ) -> EvalResult<f64> {
        let (lo, hi) = (self.endpoint(lo)?, self.endpoint(hi)?);
        let kinks = self.kinks(body, var, lo.min(hi), lo.max(hi))?;
        if !kinks.is_empty() {
            let sign = if lo > hi { -1.0 } else { 1.0 };
            return Ok(sign * self.between_kinks(lo.min(hi), lo.max(hi), &kinks, body, var)?);
        }
        if lo == f64::NEG_INFINITY && hi == f64::INFINITY {
            // `\int_{\mu - \infty}^{\infty}`: the whole line after all.
            return self.integrate(&key(var), Integrand { body, weight: None });
        }
        if lo > hi {
            return Ok(-self.interval_between(hi, lo, body, var)?);
        }
        self.interval_between(lo, hi, body, var)
    }

    fn endpoint(&mut self, limit: &Expr) -> EvalResult<f64> {
        match &limit.kind {
            ExprKind::Infinity => Ok(f64::INFINITY),
            ExprKind::Neg(inner) if matches!(inner.kind, ExprKind::Infinity) => {
                Ok(f64::NEG_INFINITY)
            }
            _ if crate::syntax::ast::mentions_infinity(limit) => self.transformed_infinity(limit),
            _ => {
                let v = self.eval(limit)?;
                if v.is_finite() {
                    Ok(v)
                } else {
                    Err("an integral's limit has no finite value".into())
                }
            }
        }
    }

    /// `(−∞ − μ)/σ`: ±∞ when the limit grows like `c·∞` with the sign of `c` the same
    /// at 10⁸ and 10¹⁶ and the value growing in proportion; otherwise no value.
    fn transformed_infinity(&mut self, limit: &Expr) -> EvalResult<f64> {
        let at = |omega: f64, this: &mut Self| {
            let saved = this.infinity.replace(omega);
            let value = this.eval(limit);
            this.infinity = saved;
            value
        };
        let (near, far) = (at(1e8, self)?, at(1e16, self)?);
        let proportional = (far / near - 1e8).abs() <= 1e-3 * 1e8;
        if near.is_finite() && far.is_finite() && near != 0.0 && proportional {
            Ok(f64::INFINITY.copysign(far))
        } else {
            Err("a limit that computes with ∞ is not ±∞ here".into())
        }
    }

    /// `∫_lo^hi`, cut at `kinks` (in order, inside the range): the sum of the pieces.
    pub(super) fn between_kinks(
        &mut self,
        lo: f64,
        hi: f64,
        kinks: &[f64],
        body: &Expr,
        var: &Ident,
    ) -> EvalResult<f64> {
        let ends: Vec<f64> = std::iter::once(lo)
            .chain(kinks.iter().copied())
            .chain(std::iter::once(hi))
            .collect();
        let mut total = 0.0;
        for piece in ends.windows(2) {
            total += self.interval_between(piece[0], piece[1], body, var)?;
        }
        Ok(total)
    }

    fn interval_between(&mut self, lo: f64, hi: f64, body: &Expr, var: &Ident) -> EvalResult<f64> {
        if self.integrals >= MAX_INTEGRAL_NESTING {
            return Err(EvalError::too_costly());
        }
        self.integrals += 1;
        self.stack.push((key(var), f64::NAN));
        let slot = self.stack.len() - 1;
        let integrand = Integrand { body, weight: None };
        // An empty range still needs an integrand defined on it: ∫_a^a u/(b − a) du at
        // a = b is 0/0 there, not 0.
        let result = if lo == hi {
            self.integrand_at(slot, integrand, lo).map(|_| 0.0)
        } else {
            self.pieces(slot, integrand, lo, hi)
        };
        self.stack.truncate(slot);
        self.integrals -= 1;
        result
    }

    /// The range cut into pieces each mapped onto [0, 1], summed; a half-line
    /// `[lo, ∞)` whose integrand these pieces cannot integrate is tried once more on a
    /// log scale ([`Map::Log`]).
    fn pieces(
        &mut self,
        slot: usize,
        integrand: Integrand<'_>,
        lo: f64,
        hi: f64,
    ) -> EvalResult<f64> {
        match self.linear_pieces(slot, integrand, lo, hi) {
            Err(e) if e.kind != Failure::TooCostly && lo.is_finite() && hi == f64::INFINITY => {
                self.on_log_scale(slot, integrand, lo).map_err(|_| e)
            }
            other => other,
        }
    }

    /// `∫_from^∞` on a log scale: `t = log(x − from)` centred on the peak of
    /// `log|f| + t` found on a coarse grid, its width from the curvature there; both
    /// halves of the `t` line must be integrated and their far ends negligible.
    fn on_log_scale(
        &mut self,
        slot: usize,
        integrand: Integrand<'_>,
        from: f64,
    ) -> EvalResult<f64> {
        let log_mass = |this: &mut Self, t: f64| -> EvalResult<f64> {
            Ok(this.log_abs_integrand(slot, integrand, from + t.exp())? + t)
        };
        let mut best: Option<(f64, f64)> = None;
        for step in -LOG_GRID..=LOG_GRID {
            let t = step as f64;
            let Ok(g) = log_mass(self, t) else { continue };
            if g.is_finite() && best.is_none_or(|(_, b)| g > b) {
                best = Some((t, g));
            }
        }
        let (m, peak) = best.ok_or("the integrand has no value on a log scale")?;
        let (left, right) = (log_mass(self, m - 1.0)?, log_mass(self, m + 1.0)?);
        let curvature = 2.0 * peak - left - right;
        let w = if curvature > 1e-9 {
            curvature.recip().sqrt()
        } else {
            1.0
        };
        let (mut value, mut magnitude) = (0.0, 0.0);
        for side in [-1.0, 1.0] {
            let map = Map::Log { from, m, w, side };
            let estimate = self.on_map(slot, integrand, map)?;
            value += estimate.value;
            magnitude += estimate.magnitude;
        }
        // The ends of the range: `|f(x)·(x − from)|` negligible there, or so small it
        // has no logarithm.
        let allowed = magnitude.max(f64::MIN_POSITIVE).ln() + TAIL_TOLERANCE.ln();
        for side in [-1.0, 1.0] {
            let t = m + side * LOG_WIDTHS * w;
            let negligible = match log_mass(self, t) {
                Ok(size) => size <= allowed,
                Err(e) if e.kind == Failure::TooCostly => return Err(e),
                Err(_) => self.integrand_at(slot, integrand, from + t.exp())? == 0.0,
            };
            if !negligible {
                return Err("the integral does not converge on a log scale either".into());
            }
        }
        let total = Estimate { value, magnitude };
        Ok(quadrature::converged(total, total)?)
    }

    /// The range cut into pieces each mapped onto [0, 1], summed.
    fn linear_pieces(
        &mut self,
        slot: usize,
        integrand: Integrand<'_>,
        lo: f64,
        hi: f64,
    ) -> EvalResult<f64> {
        let exponent = self.fitted_exponent(slot, integrand)?;
        let gaussian = exponent.and_then(|q| q.gaussian());
        let scale = match (gaussian, exponent) {
            (Some((_, std)), _) => std,
            (None, Some(q)) if q.b != 0.0 => 1.0 / q.b.abs(),
            _ => 1.0,
        };
        let mut maps = Vec::new();
        match (lo.is_finite(), hi.is_finite()) {
            (true, true) => maps.push(Map::Finite { lo, hi }),
            (true, false) | (false, true) => {
                let (from, side) = if lo.is_finite() {
                    (lo, 1.0)
                } else {
                    (hi, -1.0)
                };
                let mut start = from;
                if let Some((mean, std)) = gaussian {
                    if (mean - from) * side > std {
                        let (a, b) = if side > 0.0 {
                            (from, mean)
                        } else {
                            (mean, from)
                        };
                        maps.push(Map::Finite { lo: a, hi: b });
                        start = mean;
                    }
                }
                maps.push(Map::Tail {
                    from: start,
                    side,
                    scale,
                });
            }
            (false, false) => {
                return Err("an integral over the whole line reached the interval rule".into())
            }
        }
        let (mut value, mut magnitude) = (0.0, 0.0);
        for map in maps {
            let estimate = self.on_map(slot, integrand, map)?;
            value += estimate.value;
            magnitude += estimate.magnitude;
            if let Map::Tail { from, side, scale } = map {
                self.negligible_tail(slot, integrand, from, side, scale, estimate.magnitude)?;
            }
        }
        let total = Estimate { value, magnitude };
        Ok(quadrature::converged(total, total)?)
    }

    /// Two composite sums of one piece, which must agree.
    fn on_map(&mut self, slot: usize, integrand: Integrand<'_>, map: Map) -> EvalResult<Estimate> {
        let mut estimates = [Estimate {
            value: 0.0,
            magnitude: 0.0,
        }; 2];
        for (estimate, panels) in estimates.iter_mut().zip(PANELS) {
            let width = 1.0 / panels as f64;
            let (mut value, mut magnitude) = (0.0, 0.0);
            for p in 0..panels {
                let centre = (p as f64 + 0.5) * width;
                for &(t, w) in rule() {
                    let u = centre + 0.5 * width * t;
                    let (x, jacobian) = map.at(u);
                    let f = self.integrand_at(slot, integrand, x)?;
                    let term = 0.5 * width * w * jacobian * f;
                    if !term.is_finite() {
                        return Err("the integrand has no finite value on the range".into());
                    }
                    value += term;
                    magnitude += term.abs();
                }
            }
            *estimate = Estimate { value, magnitude };
        }
        let value = quadrature::converged(estimates[0], estimates[1])?;
        Ok(Estimate {
            value,
            magnitude: estimates[1].magnitude,
        })
    }

    /// On an infinite side, `|f(x)·(x − from)|` is negligible far out.
    fn negligible_tail(
        &mut self,
        slot: usize,
        integrand: Integrand<'_>,
        from: f64,
        side: f64,
        scale: f64,
        magnitude: f64,
    ) -> EvalResult<()> {
        let allowed = magnitude.max(f64::MIN_POSITIVE).ln() + TAIL_TOLERANCE.ln();
        for d in TAIL_DISTANCES {
            let x = from + side * d * scale;
            let log_f = match self.log_abs_integrand(slot, integrand, x) {
                Ok(l) => l,
                Err(e) if e.kind == Failure::TooCostly => return Err(e),
                Err(e) => {
                    return Err(format!("the integral's convergence is not established: the integrand has no value at {x} ({e})").into())
                }
            };
            let size = log_f + (d * scale).ln();
            if size.is_nan() || size > allowed {
                return Err(format!(
                    "the integral does not converge, or decays too slowly to be integrated numerically (|f(x)·x| ≈ {:.3e} at x = {x})",
                    size.exp()
                )
                .into());
            }
        }
        Ok(())
    }
}
