//! Integrals against the density of a law known only by its mean `m` and variance `v`
//! (`let X have mean \mu and variance \sigma^2`), the numeric side's own reading.
//!
//! Such a law has no formula, so there is nothing to integrate by quadrature. Instead
//! the integral is the sum over a stand-in: a law on four points with mean `m` and
//! variance `v` whose shape (where the points are, how much each weighs) is drawn anew
//! for every sample point. An identity that holds for every law with that mean and
//! variance holds for each stand-in; one that also needs, say, the third moment of a
//! Gaussian fails for most of them, and the point where it fails is the witness. The
//! engine reasons from the declaration alone (`engine::rules::moments`), so the two
//! sides share nothing but the declared moments.

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::budget::EvalResult;
use super::env::{key, NumericEnv};
use super::eval::{resolve_call, CallKind, Evaluator};
use super::quadrature::Estimate;
use crate::syntax::ast::{Expr, ExprKind};

/// Points of the stand-in law: four, so that its moments of order 3 and 4 are free of
/// its mean and variance (with two, the third moment would follow from them).
const SUPPORT: usize = 4;

impl<'a> Evaluator<'a> {
    /// `∫ body d var` when one factor of `body` is the density of such a law, applied
    /// to `var`; `None` when no such density appears in `body`; an error when one
    /// appears other than as that one factor (`log f(x)`, `f(x)^2`, `f(2x)`, two laws).
    pub(super) fn against_law(
        &mut self,
        slot: usize,
        var: &str,
        body: &Expr,
    ) -> Option<EvalResult<Estimate>> {
        let mut all = Vec::new();
        self.law_calls(body, &mut all);
        if all.is_empty() {
            return None;
        }
        let weight = match (all.as_slice(), self.weight_factor(body, var)) {
            ([_], Some(weight)) => weight,
            _ => {
                return Some(Err(
                    "a law known only by its mean and variance must weigh the integrand as one factor of it, applied to the variable"
                        .into(),
                ))
            }
        };
        Some(self.sum_over_stand_in(slot, body, weight))
    }

    /// The names of the laws called in `expr`, outside the integrals in it (each of
    /// which weighs its own integrand).
    fn law_calls(&self, expr: &Expr, out: &mut Vec<String>) {
        match &expr.kind {
            ExprKind::Call { callee, args } => {
                if let Ok(CallKind::Law { name, .. }) = resolve_call(self.env, callee, args) {
                    out.push(name);
                }
            }
            ExprKind::Integral { bounds, .. } => {
                if let Some((lo, hi)) = bounds {
                    self.law_calls(lo, out);
                    self.law_calls(hi, out);
                }
                return;
            }
            _ => {}
        }
        for child in crate::syntax::ast::children(expr) {
            self.law_calls(child, out);
        }
    }

    /// The law whose density, applied to `var`, is a factor of `body` (through products,
    /// numerators and signs), with its mean and variance.
    fn weight_factor(&self, body: &Expr, var: &str) -> Option<(String, &'a Expr, &'a Expr)> {
        match &body.kind {
            ExprKind::Mul(a, b, _) => self
                .weight_factor(a, var)
                .or_else(|| self.weight_factor(b, var)),
            ExprKind::Div(a, _, _) | ExprKind::Neg(a) => self.weight_factor(a, var),
            ExprKind::Call { callee, args } => {
                let env: &'a NumericEnv = self.env;
                match (args.as_slice(), resolve_call(env, callee, args)) {
                    (
                        [arg],
                        Ok(CallKind::Law {
                            name,
                            mean,
                            var: variance,
                        }),
                    ) if matches!(&arg.kind, ExprKind::Ident(id) if key(id) == var) => {
                        Some((name, mean, variance))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// `Σ wⱼ · body(xⱼ)` over the stand-in law, with the law's density counting 1.
    fn sum_over_stand_in(
        &mut self,
        slot: usize,
        body: &Expr,
        (name, mean, variance): (String, &'a Expr, &'a Expr),
    ) -> EvalResult<Estimate> {
        let m = self.eval(mean)?;
        let v = self.eval(variance)?;
        if !(v > 0.0 && v.is_finite() && m.is_finite()) {
            return Err("the law's variance is not positive here".into());
        }
        let law = stand_in(&name, m, v);
        let previous = self.law_weight.replace(name);
        let mut estimate = Estimate {
            value: 0.0,
            magnitude: 0.0,
        };
        let mut result = Ok(());
        for (x, w) in law {
            self.stack[slot].1 = x;
            match self.eval(body) {
                Ok(value) => {
                    estimate.value += w * value;
                    estimate.magnitude += w * value.abs();
                }
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        self.law_weight = previous;
        result.map(|()| estimate)
    }
}

/// The stand-in law for `name` with mean `m` and variance `v`: points and weights,
/// its shape drawn from a generator seeded by the three (so both sides of a step, at
/// one sample point, sum over the same law).
pub(super) fn stand_in(name: &str, m: f64, v: f64) -> Vec<(f64, f64)> {
    let seed = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    }) ^ m.to_bits().rotate_left(21)
        ^ v.to_bits().rotate_left(42);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut unit = || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    loop {
        let raw: Vec<(f64, f64)> = (0..SUPPORT)
            .map(|_| (4.0 * unit() - 2.0, 0.2 + unit()))
            .collect();
        let total: f64 = raw.iter().map(|(_, w)| w).sum();
        let mean: f64 = raw.iter().map(|(z, w)| z * w).sum::<f64>() / total;
        let spread: f64 = raw.iter().map(|(z, w)| w * (z - mean).powi(2)).sum::<f64>() / total;
        if spread < 0.05 {
            continue;
        }
        let scale = (v / spread).sqrt();
        return raw
            .into_iter()
            .map(|(z, w)| (m + scale * (z - mean), w / total))
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::stand_in;

    #[test]
    fn the_stand_in_has_the_declared_mean_and_variance_and_a_shape_of_its_own() {
        for (m, v) in [(0.0, 1.0), (-1.5, 0.25), (3.0, 9.0)] {
            let law = stand_in("f_X", m, v);
            let moment = |k: i32| law.iter().map(|(x, w)| w * x.powi(k)).sum::<f64>();
            assert!((moment(0) - 1.0).abs() < 1e-12);
            assert!((moment(1) - m).abs() < 1e-9);
            assert!((moment(2) - m * m - v).abs() < 1e-9);
            // Not a symmetric law: its third central moment is not 0.
            let third = law.iter().map(|(x, w)| w * (x - m).powi(3)).sum::<f64>();
            assert!(third.abs() > 1e-6, "{third}");
        }
        assert_ne!(stand_in("f_X", 0.0, 1.0), stand_in("f_X", 0.0, 1.0 + 1e-9));
    }
}
