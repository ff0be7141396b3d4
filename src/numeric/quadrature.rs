//! Gauss–Hermite quadrature: nodes and weights computed here, and the two ways the
//! evaluator uses them (an integral over ℝ scaled to a Gaussian, and an expectation
//! under a Gaussian).
//!
//! The nodes are the eigenvalues of the Hermite Jacobi matrix (Golub–Welsch), found by
//! Sturm-sequence bisection and polished by Newton's method; the weights come from the
//! Christoffel sum over orthonormal Hermite *functions*. No eigenvectors are used: the
//! usual eigenvector formula gives the tiny outer weights (≈1e-100) only to an absolute
//! accuracy of 1e-16, which is useless once they are multiplied by `e^{t²}`, whereas
//! the Christoffel sum gives every weight, and directly `wᵢ·e^{tᵢ²}`, to a few ulps.
//! This module knows nothing about expressions: integrands are closures.

/// An `n`-point Gauss–Hermite rule for `∫ e^{-t²} g(t) dt ≈ Σ wᵢ g(tᵢ)`, exact for
/// polynomials `g` of degree < 2n.
#[derive(Debug, Clone, PartialEq)]
pub struct HermiteRule {
    /// The nodes `tᵢ`, increasing, exactly symmetric about 0.
    pub nodes: Vec<f64>,
    /// The weights `wᵢ` (they sum to √π).
    pub weights: Vec<f64>,
    /// `wᵢ·e^{tᵢ²}`, computed without forming `e^{tᵢ²}`, for integrands that carry
    /// their own Gaussian factor.
    pub scaled_weights: Vec<f64>,
}

/// Largest supported order: beyond it `e^{-t²/2}` at the outer nodes nears underflow.
pub const MAX_ORDER: usize = 400;

impl HermiteRule {
    /// The `n`-point rule, `1 ≤ n ≤ MAX_ORDER` (clamped into that range).
    pub fn new(n: usize) -> Self {
        let n = n.clamp(1, MAX_ORDER);
        // Jacobi matrix of the physicists' Hermite polynomials: zero diagonal,
        // off-diagonal √(k/2). Its eigenvalues are the nodes.
        let off_sq: Vec<f64> = (1..n).map(|k| k as f64 / 2.0).collect();
        let bound = 2.0 * ((n as f64 - 1.0) / 2.0).sqrt() + 1.0;
        let half = n / 2;
        let mut nodes = vec![0.0; n];
        // The largest `half` eigenvalues are the positive nodes; mirror them so the
        // rule is exactly symmetric (odd `n` keeps an exact 0 in the middle).
        for j in 0..half {
            let idx = n - half + j; // 0-based rank of the eigenvalue
            let t = polish(bisect_eigenvalue(&off_sq, idx, bound), n);
            nodes[idx] = t;
            nodes[n - 1 - idx] = -t;
        }
        let mut weights = Vec::with_capacity(n);
        let mut scaled_weights = Vec::with_capacity(n);
        for &t in &nodes {
            let sum: f64 = hermite_functions(t, n).iter().map(|p| p * p).sum();
            let scaled = 1.0 / sum;
            scaled_weights.push(scaled);
            weights.push(scaled * (-t * t).exp());
        }
        Self {
            nodes,
            weights,
            scaled_weights,
        }
    }

    /// Number of nodes.
    pub fn order(&self) -> usize {
        self.nodes.len()
    }
}

/// Number of eigenvalues of the zero-diagonal tridiagonal matrix below `lambda`
/// (Sturm count via the LDLᵀ pivots).
fn count_below(off_sq: &[f64], lambda: f64) -> usize {
    let mut q = -lambda;
    let mut count = usize::from(q < 0.0);
    for &b2 in off_sq {
        if q == 0.0 {
            q = f64::EPSILON * (1.0 + lambda.abs());
        }
        q = -lambda - b2 / q;
        count += usize::from(q < 0.0);
    }
    count
}

/// The eigenvalue of 0-based rank `idx` by bisection on `[-bound, bound]`, to the last
/// bit the interval can resolve. Bisection cannot converge to the wrong root, which is
/// why it is used instead of Newton from asymptotic guesses.
fn bisect_eigenvalue(off_sq: &[f64], idx: usize, bound: f64) -> f64 {
    let (mut lo, mut hi) = (-bound, bound);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if count_below(off_sq, mid) > idx {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    0.5 * (lo + hi)
}

/// Orthonormal Hermite functions `ψₖ(t) = φₖ(t)·e^{-t²/2}`, `k < n`, plus `ψₙ` at the
/// end (so `n + 1` values). `ψₖ` stays O(1) where `φₖ` would reach 1e100, which keeps
/// the weights accurate without overflow.
fn hermite_functions(t: f64, n: usize) -> Vec<f64> {
    let mut psi = Vec::with_capacity(n + 1);
    psi.push(std::f64::consts::PI.powf(-0.25) * (-0.5 * t * t).exp());
    for k in 1..=n {
        let kf = k as f64;
        let prev = psi[k - 1];
        let prev2 = if k >= 2 { psi[k - 2] } else { 0.0 };
        psi.push((2.0 / kf).sqrt() * t * prev - ((kf - 1.0) / kf).sqrt() * prev2);
    }
    psi
}

/// A few Newton steps on `ψₙ(t) = 0` from the bisection result; kept only while they
/// shrink, so a polished node is never worse than the bisected one.
fn polish(mut t: f64, n: usize) -> f64 {
    let mut last_step = f64::INFINITY;
    for _ in 0..3 {
        let psi = hermite_functions(t, n);
        let (pn, pn1) = (psi[n], psi[n - 1]);
        let derivative = (2.0 * n as f64).sqrt() * pn1 - t * pn;
        if derivative == 0.0 || !derivative.is_finite() {
            break;
        }
        let step = pn / derivative;
        if !step.is_finite() || step.abs() >= last_step {
            break;
        }
        t -= step;
        last_step = step.abs();
    }
    t
}

/// A quadrature sum and the sum of its terms' magnitudes (a scale for its rounding
/// error and for cancellation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// The quadrature value.
    pub value: f64,
    /// `Σ |termᵢ|`, in the same units as `value`.
    pub magnitude: f64,
}

/// `∫_ℝ f(x) dx` with `x = mean + √2·std·t`: `√2·std·Σ wᵢe^{tᵢ²} f(xᵢ)`. Exact when `f`
/// is a polynomial times the N(mean, std²) density. Stops at the first error of `f`.
pub fn integrate<E>(
    rule: &HermiteRule,
    mean: f64,
    std: f64,
    f: impl FnMut(f64) -> Result<f64, E>,
) -> Result<Estimate, E> {
    let scale = std::f64::consts::SQRT_2 * std;
    weighted_sum(&rule.nodes, &rule.scaled_weights, mean, scale, scale, f)
}

/// `E[f(X)]` for `X ~ N(mean, std²)`: `Σ wᵢ f(xᵢ)/√π`. Exact for polynomial `f` of
/// degree < 2n.
pub fn expect<E>(
    rule: &HermiteRule,
    mean: f64,
    std: f64,
    f: impl FnMut(f64) -> Result<f64, E>,
) -> Result<Estimate, E> {
    let scale = std::f64::consts::SQRT_2 * std;
    let norm = 1.0 / std::f64::consts::PI.sqrt();
    weighted_sum(&rule.nodes, &rule.weights, mean, scale, norm, f)
}

/// `factor · Σ wᵢ f(mean + scale·tᵢ)`, with the sum of absolute terms beside it (how
/// much cancellation the value hides).
fn weighted_sum<E>(
    nodes: &[f64],
    weights: &[f64],
    mean: f64,
    scale: f64,
    factor: f64,
    mut f: impl FnMut(f64) -> Result<f64, E>,
) -> Result<Estimate, E> {
    let (mut value, mut magnitude) = (0.0, 0.0);
    for (&t, &w) in nodes.iter().zip(weights) {
        let term = w * f(mean + scale * t)?;
        value += term;
        magnitude += term.abs();
    }
    Ok(Estimate {
        value: value * factor,
        magnitude: magnitude * factor,
    })
}

/// The better of two estimates of the same quantity from rules of different orders,
/// or why neither is trusted: they must agree to 1e-10 relative (plus rounding on the
/// terms' magnitude), and the result must not be the small remainder of terms a
/// million times larger, where rounding alone could fake a difference downstream.
pub fn converged(low: Estimate, high: Estimate) -> Result<f64, String> {
    let size = low.value.abs().max(high.value.abs()).max(1.0);
    let magnitude = low.magnitude.max(high.magnitude);
    if !(high.value.is_finite() && low.value.is_finite() && magnitude.is_finite()) {
        return Err("the quadrature sum is not finite".into());
    }
    if magnitude > 1e6 * size {
        return Err("the quadrature cancels too much to be trusted".into());
    }
    let tolerance = 1e-10 * size + 1e-13 * magnitude;
    if (low.value - high.value).abs() > tolerance {
        return Err(format!(
            "the quadrature does not converge ({} with fewer nodes, {} with more)",
            low.value, high.value
        ));
    }
    Ok(high.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn nodes_are_sorted_symmetric_and_weights_sum_to_sqrt_pi() {
        for n in [1, 2, 3, 10, 64, 96, 128, 200] {
            let rule = HermiteRule::new(n);
            assert_eq!(rule.order(), n);
            assert!(rule.nodes.windows(2).all(|w| w[0] < w[1]), "n = {n}");
            for i in 0..n {
                assert_eq!(rule.nodes[i], -rule.nodes[n - 1 - i]);
            }
            let sum: f64 = rule.weights.iter().sum();
            assert!(
                close(sum, std::f64::consts::PI.sqrt(), 1e-14),
                "n = {n}: {sum}"
            );
        }
    }

    #[test]
    fn small_rules_match_closed_forms() {
        // H_2 = 4t² − 2: nodes ±1/√2, weights √π/2.
        let rule = HermiteRule::new(2);
        assert!(close(rule.nodes[1], 0.5f64.sqrt(), 1e-15));
        assert!(close(
            rule.weights[0],
            std::f64::consts::PI.sqrt() / 2.0,
            1e-15
        ));
        // H_3: nodes 0, ±√(3/2); weights 2√π/3, √π/6.
        let rule = HermiteRule::new(3);
        assert_eq!(rule.nodes[1], 0.0);
        assert!(close(rule.nodes[2], 1.5f64.sqrt(), 1e-15));
        assert!(close(
            rule.weights[1],
            2.0 * std::f64::consts::PI.sqrt() / 3.0,
            1e-15
        ));
        assert!(close(
            rule.weights[2],
            std::f64::consts::PI.sqrt() / 6.0,
            1e-15
        ));
    }

    #[test]
    fn outer_weights_are_relatively_accurate() {
        // The outer weights are tiny (≈5.5e-88 for n = 64); their products with e^{t²}
        // must match the scaled weights to a few ulps, and the highest exact monomial
        // moment ∫ t^{2n−2} e^{-t²} dt = Γ(n − 1/2), dominated by the outer nodes, must
        // be right to near machine precision.
        for n in [64usize, 96, 128] {
            let rule = HermiteRule::new(n);
            let last = n - 1;
            let t = rule.nodes[last];
            assert!(close(
                rule.scaled_weights[last],
                rule.weights[last] * (t * t).exp(),
                1e-12
            ));
            let k = 2 * n as i32 - 2;
            let moment: f64 = rule
                .nodes
                .iter()
                .zip(&rule.weights)
                .map(|(t, w)| w * t.powi(k))
                .sum();
            // ln Γ(n − 1/2) via the exact product Γ(1/2)·Π (j + 1/2), j < n − 1.
            let log_gamma: f64 = 0.5 * std::f64::consts::PI.ln()
                + (0..n - 1).map(|j| (j as f64 + 0.5).ln()).sum::<f64>();
            assert!(
                close(moment.ln(), log_gamma, 1e-13),
                "n = {n}: {} vs {log_gamma}",
                moment.ln()
            );
        }
    }

    #[test]
    fn gaussian_moments_are_exact() {
        for n in [64, 96] {
            let rule = HermiteRule::new(n);
            for (m, s) in [(0.0, 1.0), (1.5, 0.5), (-2.0, 3.0), (0.75, 2.5)] {
                let density = |x: f64| {
                    (-(x - m) * (x - m) / (2.0 * s * s)).exp()
                        / (2.0 * std::f64::consts::PI * s * s).sqrt()
                };
                let moment = |k: i32| {
                    let by_integral =
                        integrate::<()>(&rule, m, s, |x| Ok((x - m).powi(k) * density(x)))
                            .unwrap()
                            .value;
                    let by_expectation = expect::<()>(&rule, m, s, |x| Ok((x - m).powi(k)))
                        .unwrap()
                        .value;
                    assert!(close(by_integral, by_expectation, 1e-13));
                    by_integral
                };
                assert!(close(moment(0), 1.0, 1e-13));
                assert!(close(moment(1), 0.0, 1e-13));
                assert!(close(moment(2), s * s, 1e-13));
                assert!(close(moment(3), 0.0, 1e-13));
                assert!(close(moment(4), 3.0 * s.powi(4), 1e-13));
                let mean = integrate::<()>(&rule, m, s, |x| Ok(x * density(x)))
                    .unwrap()
                    .value;
                assert!(close(mean, m, 1e-13));
            }
        }
    }

    #[test]
    fn a_density_of_another_scale_integrates_to_one() {
        // N(0.5, 1.5²) integrated on the scale of N(−1, 0.75²): not exact, but the two
        // orders agree and give 1.
        let (lo, hi) = (HermiteRule::new(64), HermiteRule::new(96));
        let f = |x: f64| -> Result<f64, ()> {
            let s = 1.5;
            Ok((-(x - 0.5) * (x - 0.5) / (2.0 * s * s)).exp()
                / (2.0 * std::f64::consts::PI * s * s).sqrt())
        };
        let value = converged(
            integrate(&lo, -1.0, 0.75, f).unwrap(),
            integrate(&hi, -1.0, 0.75, f).unwrap(),
        );
        assert!(close(value.unwrap(), 1.0, 1e-12));
    }

    #[test]
    fn divergent_integrals_do_not_converge() {
        let (lo, hi) = (HermiteRule::new(64), HermiteRule::new(96));
        let f = |x: f64| -> Result<f64, ()> { Ok(x * x) };
        let result = converged(
            integrate(&lo, 0.0, 1.0, f).unwrap(),
            integrate(&hi, 0.0, 1.0, f).unwrap(),
        );
        assert!(result.is_err());
    }

    #[test]
    fn errors_from_the_integrand_stop_the_sum() {
        let rule = HermiteRule::new(8);
        let mut calls = 0;
        let result = integrate(&rule, 0.0, 1.0, |x| {
            calls += 1;
            if x > 0.0 {
                Err("bad")
            } else {
                Ok(1.0)
            }
        });
        assert_eq!(result, Err("bad"));
        assert_eq!(calls, 5);
    }
}
