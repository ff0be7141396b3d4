//! Gauss–Hermite quadrature: nodes and weights, and the two ways the evaluator uses
//! them (an integral over ℝ scaled to a Gaussian, and an expectation under a Gaussian).
//!
//! The nodes start as the eigenvalues of the Hermite Jacobi matrix (Golub–Welsch) from
//! the `gauss-quad` crate, accurate to about 6e-14 absolute at the orders used
//! (measured against 60-digit nodes: at most 122 ulps for n = 128); one or two Newton
//! steps on the Hermite function `ψₙ` then make them correct to about one ulp, and
//! they are mirrored so the rule is exactly symmetric.
//!
//! The crate's *weights* are not used. It takes them from the eigenvectors, which gives
//! the tiny outer weights (5.5e-49 for n = 64, 1.8e-102 for n = 128) only to an
//! absolute accuracy of ≈1e-15: measured against 60-digit weights, relative errors up
//! to 1e16 (n = 64), 1e42 (n = 96) and 1e70 (n = 128). Multiplied by `e^{t²}` for the
//! scaled weights, that is garbage. The weights come instead from the
//! Christoffel sum over orthonormal Hermite *functions*, which gives every weight, and
//! directly `wᵢ·e^{tᵢ²}`, to a few ulps.
//!
//! The crate's dense eigensolver costs O(n³) (≈0.35 s in a debug build for the four
//! rules a check uses, against ≈10 ms for the rest; 2 % of the seed's instructions in
//! a release build, 8 % of a check with a wrong step), so the four rules a check uses
//! ([`SINGLE_ORDER`], [`ORDERS`], [`CONFIRM_ORDERS`]) are not computed at run time:
//! `hermite_tables.rs` holds them, written by this module's own computation (see
//! `tables_are_the_computed_rules`, which fails when they differ by a bit and
//! rewrites them with `VERIFY_WRITE_HERMITE_TABLES=1`). Any other order is computed
//! once per process, the first time it is asked for. This module knows nothing about
//! expressions: integrands are closures.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::sync::{Mutex, OnceLock, PoisonError};

use gauss_quad::hermite::GaussHermite;

use super::hermite_tables::{Table, TABLES};

/// Order of the one rule an integral is first computed with. With the rule centred
/// and scaled on the integrand's own Gaussian factor, a polynomial of degree below
/// 128 times that factor is integrated exactly.
pub const SINGLE_ORDER: usize = 64;
/// Quadrature orders: a pair for re-evaluating a point where the sides do not agree
/// at [`SINGLE_ORDER`]. Each integral is computed with both orders of a pair and only
/// trusted when they agree.
pub const ORDERS: (usize, usize) = (64, 96);
/// Orders used to confirm a witness found with [`ORDERS`].
pub const CONFIRM_ORDERS: (usize, usize) = (80, 128);

/// How integrals are computed: one rule (agreement is cheap to establish and any
/// disagreement is re-examined), or a pair whose results must agree (a witness must
/// not be an artefact of the rule that found it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// [`SINGLE_ORDER`] alone.
    Single,
    /// [`ORDERS`].
    Pair,
    /// [`CONFIRM_ORDERS`].
    Confirm,
}

impl Precision {
    /// The rules of this precision, one or two, lowest order first.
    pub fn rules(self) -> impl Iterator<Item = &'static HermiteRule> {
        let (low, high) = match self {
            Precision::Single => (SINGLE_ORDER, None),
            Precision::Pair => (ORDERS.0, Some(ORDERS.1)),
            Precision::Confirm => (CONFIRM_ORDERS.0, Some(CONFIRM_ORDERS.1)),
        };
        std::iter::once(low).chain(high).map(HermiteRule::shared)
    }
}

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
        Self::shared(n).clone()
    }

    /// The `n`-point rule, kept for the process's lifetime: one of the tabled orders
    /// read from its table on first use, any other computed once per process and
    /// order on first use (at most [`MAX_ORDER`] rules can exist).
    pub fn shared(n: usize) -> &'static Self {
        static TABLED: [OnceLock<HermiteRule>; TABLES.len()] =
            [const { OnceLock::new() }; TABLES.len()];
        static RULES: Mutex<BTreeMap<usize, &'static HermiteRule>> = Mutex::new(BTreeMap::new());
        let n = n.clamp(1, MAX_ORDER);
        if let Some(i) = TABLES.iter().position(|table| table.order == n) {
            return TABLED[i].get_or_init(|| Self::from_table(&TABLES[i]));
        }
        let mut rules = RULES.lock().unwrap_or_else(PoisonError::into_inner);
        rules
            .entry(n)
            .or_insert_with(|| Box::leak(Box::new(Self::compute(n))))
    }

    /// The rule a table holds.
    fn from_table(table: &Table) -> Self {
        Self {
            nodes: table.nodes.to_vec(),
            weights: table.weights.to_vec(),
            scaled_weights: table.scaled_weights.to_vec(),
        }
    }

    /// The `n`-point rule from its eigenvalues, polished, and the Christoffel sums.
    fn compute(n: usize) -> Self {
        let order = NonZeroUsize::new(n).expect("n is clamped to at least 1");
        // Increasing eigenvalues of the Jacobi matrix, accurate to ≈1e-13.
        let eigenvalues: Vec<f64> = GaussHermite::new(order)
            .as_node_weight_pairs()
            .iter()
            .map(|&(t, _)| t)
            .collect();
        let half = n / 2;
        let mut nodes = vec![0.0; n];
        // Polish the positive nodes and mirror them, so the rule is exactly symmetric
        // (odd `n` keeps an exact 0 in the middle). The nodes are ≥ 0.1 apart, a
        // million times the starting error, so Newton stays on its own root.
        for idx in n - half..n {
            let guess = 0.5 * (eigenvalues[idx] - eigenvalues[n - 1 - idx]);
            let t = polish(guess, n);
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

/// A few Newton steps on `ψₙ(t) = 0` from the eigenvalue; kept only while they
/// shrink, so a polished node is never worse than the starting one.
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

    /// The tabled rules are, to the bit, what [`HermiteRule::compute`] gives (the
    /// tables are its output, not another method's). With
    /// `VERIFY_WRITE_HERMITE_TABLES=1` it writes `hermite_tables.rs` afresh first.
    #[test]
    fn tables_are_the_computed_rules() {
        let orders = [
            SINGLE_ORDER,
            ORDERS.0,
            ORDERS.1,
            CONFIRM_ORDERS.0,
            CONFIRM_ORDERS.1,
        ];
        let mut orders = orders.to_vec();
        orders.sort_unstable();
        orders.dedup();
        if std::env::var_os("VERIFY_WRITE_HERMITE_TABLES").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/numeric/hermite_tables.rs");
            std::fs::write(path, table_source(&orders)).expect("write the tables");
        }
        let tabled: Vec<usize> = TABLES.iter().map(|table| table.order).collect();
        assert_eq!(
            tabled, orders,
            "rewrite the tables: VERIFY_WRITE_HERMITE_TABLES=1"
        );
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        for table in &TABLES {
            let computed = HermiteRule::compute(table.order);
            let read = HermiteRule::from_table(table);
            let n = table.order;
            assert_eq!(bits(&read.nodes), bits(&computed.nodes), "nodes, n = {n}");
            assert_eq!(
                bits(&read.weights),
                bits(&computed.weights),
                "weights, n = {n}"
            );
            assert_eq!(
                bits(&read.scaled_weights),
                bits(&computed.scaled_weights),
                "scaled weights, n = {n}"
            );
            assert!(std::ptr::eq(HermiteRule::shared(n), HermiteRule::shared(n)));
            assert_eq!(HermiteRule::shared(n), &computed);
        }
    }

    /// `hermite_tables.rs` for `orders`: every value in Rust's shortest form that
    /// reads back as the same bits.
    fn table_source(orders: &[usize]) -> String {
        use std::fmt::Write;
        let list = |out: &mut String, name: &str, values: &[f64]| {
            writeln!(out, "        {name}: &[").unwrap();
            for chunk in values.chunks(3) {
                let line: Vec<String> = chunk.iter().map(|v| format!("{v:?},")).collect();
                writeln!(out, "            {}", line.join(" ")).unwrap();
            }
            writeln!(out, "        ],").unwrap();
        };
        let mut out = String::from(
            "//! The Gauss–Hermite rules of the orders a check uses, as `quadrature` computes\n\
             //! them (eigenvalues polished by Newton's method, weights from the Christoffel\n\
             //! sum), so that no check computes them again. Generated by\n\
             //! `VERIFY_WRITE_HERMITE_TABLES=1 cargo test --lib tables_are_the_computed_rules`;\n\
             //! do not edit: that test fails when a value differs from the computed one by a\n\
             //! bit. Each value is written in the shortest form that reads back exactly.\n\n\
             /// One rule: its order, nodes, weights and scaled weights (`wᵢ·e^{tᵢ²}`).\n\
             pub(super) struct Table {\n    \
                 pub(super) order: usize,\n    \
                 pub(super) nodes: &'static [f64],\n    \
                 pub(super) weights: &'static [f64],\n    \
                 pub(super) scaled_weights: &'static [f64],\n\
             }\n\n\
             /// The tabled rules, by increasing order.\n\
             #[rustfmt::skip]\n\
             #[allow(clippy::excessive_precision, clippy::unreadable_literal)]\n",
        );
        writeln!(
            out,
            "pub(super) const TABLES: [Table; {}] = [",
            orders.len()
        )
        .unwrap();
        for &n in orders {
            let rule = HermiteRule::compute(n);
            writeln!(out, "    Table {{").unwrap();
            writeln!(out, "        order: {n},").unwrap();
            list(&mut out, "nodes", &rule.nodes);
            list(&mut out, "weights", &rule.weights);
            list(&mut out, "scaled_weights", &rule.scaled_weights);
            writeln!(out, "    }},").unwrap();
        }
        out.push_str("];\n");
        out
    }

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
    #[allow(clippy::excessive_precision)] // the reference digits as computed
    fn rules_match_high_precision_values() {
        // (n, index, node, weight, scaled weight), from Newton's method on ψₙ and the
        // Christoffel sum in 40-digit arithmetic: the outermost node, the one nearest
        // 0, and one in between.
        let reference = [
            (
                64,
                63,
                10.526123167960545883,
                5.5357065358569428206e-49,
                0.72892720869044842774,
            ),
            (
                64,
                32,
                0.13830224498700972412,
                0.27137742494130397795,
                0.27661816095013955616,
            ),
            (
                64,
                39,
                2.0862728798817620208,
                0.0036225869785344587607,
                0.28138474577907779173,
            ),
            (
                128,
                127,
                15.291819766882740972,
                1.7990659801092847208e-102,
                0.64619105233246890816,
            ),
            (
                128,
                64,
                0.097983821955818954314,
                0.19409761186408775698,
                0.19597008417629241509,
            ),
            (
                128,
                71,
                1.4718183856744860007,
                0.02255431016782442241,
                0.19679755216528501027,
            ),
        ];
        for (n, i, node, weight, scaled) in reference {
            let rule = HermiteRule::new(n);
            // Two ulps of the node; the weights to 5e-14 (`e^{-t²}` alone loses ≈1e-14 at
            // t ≈ 10, from the rounding of t²).
            assert!(
                (rule.nodes[i] - node).abs() <= 2.0 * f64::EPSILON * node,
                "n = {n}, node {i}: {} vs {node}",
                rule.nodes[i]
            );
            assert!(
                (rule.weights[i] - weight).abs() <= 5e-14 * weight,
                "n = {n}, weight {i}: {} vs {weight}",
                rule.weights[i]
            );
            assert!(
                (rule.scaled_weights[i] - scaled).abs() <= 5e-14 * scaled,
                "n = {n}, scaled weight {i}: {} vs {scaled}",
                rule.scaled_weights[i]
            );
        }
    }

    #[test]
    fn even_monomials_are_integrated_exactly() {
        // ∫ t^{2k} e^{-t²} dt = Γ(k + 1/2) for every 2k < 2n, at the orders the
        // evaluator uses; relative to the sum of the terms' magnitudes, which for even
        // monomials is the sum itself.
        for n in [64usize, 80, 96, 128] {
            let rule = HermiteRule::new(n);
            let mut gamma = std::f64::consts::PI.sqrt(); // Γ(1/2)
            for k in 0..n as i32 {
                let moment: f64 = rule
                    .nodes
                    .iter()
                    .zip(&rule.weights)
                    .map(|(t, w)| w * t.powi(2 * k))
                    .sum();
                assert!(
                    (moment - gamma).abs() <= 1e-13 * gamma,
                    "n = {n}, k = {k}: {moment} vs {gamma}"
                );
                gamma *= k as f64 + 0.5;
            }
        }
    }

    #[test]
    fn outer_weights_are_relatively_accurate() {
        // The outer weights are tiny (≈5.5e-49 for n = 64); their products with e^{t²}
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
