//! Integrals on the integrand's own Gaussian, and integrals that do not converge.

use super::*;

fn env_of(text: &str) -> NumericEnv {
    NumericEnv::new(&doc(text)).unwrap()
}

#[test]
fn an_inline_gaussian_times_an_exponential_is_integrated_on_its_own_centre() {
    // e^{tx}·N(x; −7, 16): the MGF e^{−7t + 8t²}, whose mass sits at −7 + 16t.
    let env = env_of("");
    for t in [-1.5, -0.5, 0.75, 1.5] {
        let at = point(&[("t", t)]);
        let got = eval(&env, &expr("\\int e^{tx} N(x; -7, 16) dx"), &at).unwrap();
        let want = (-7.0 * t + 8.0 * t * t).exp();
        assert!(close(got, want, 1e-11), "t = {t}: {got} vs {want}");
        let written_out = "\\int e^{tx} \\frac{1}{\\sqrt{32\\pi}} e^{-(x+7)^2/32} dx";
        let got = eval(&env, &expr(written_out), &at).unwrap();
        assert!(close(got, want, 1e-11), "t = {t}: {got} vs {want}");
    }
}

#[test]
fn a_shifted_gaussian_without_a_density_is_integrated() {
    let env = env_of("");
    let got = eval(&env, &expr("\\int e^{-(x-5)^2/8} dx"), &point(&[])).unwrap();
    assert!(
        close(got, (8.0 * std::f64::consts::PI).sqrt(), 1e-13),
        "{got}"
    );
    let outcome = compare(
        &env,
        &expr("\\int e^{-(x-5)^2/8} dx"),
        &expr("\\sqrt{8\\pi}"),
        None,
        0,
    );
    assert_eq!(outcome, NumericOutcome::Agree { n_points: 1 });
}

#[test]
fn a_wrong_moment_generating_function_gets_a_witness() {
    // The density written out, as notes do: the quadrature must still find its centre.
    let env = env_of("");
    let mgf = "\\int e^{tx} \\frac{1}{\\sqrt{32\\pi}} e^{-(x+7)^2/32} dx";
    for wrong in ["0", "e^{-7t + 4t^2}"] {
        let outcome = compare(&env, &expr(mgf), &expr(wrong), None, 0);
        assert!(
            matches!(outcome, NumericOutcome::Differ { .. }),
            "{wrong}: {outcome:?}"
        );
    }
}

#[test]
fn two_densities_far_apart_are_both_integrated() {
    // Quadrature on either density alone would miss the other one's mass.
    let env = densities_env();
    let at = point(&[("μ_1", -30.0), ("μ_2", 30.0), ("σ_1", 0.5), ("σ_2", 0.75)]);
    let got = eval(&env, &expr("\\int (p_1(x) + p_2(x)) dx"), &at).unwrap();
    assert!(close(got, 2.0, 1e-13), "{got}");
    // Not a sum at the top: both densities are tried, and they must agree.
    if let Ok(v) = eval(&env, &expr("\\int x (p_1(x) + p_2(x)) dx"), &at) {
        assert!(close(v, 0.0, 1e-12), "{v}");
    }
}

#[test]
fn integrals_that_do_not_converge_are_not_evaluated() {
    let env = densities_env();
    let at = point(&[("μ_1", 0.5), ("σ_1", 0.75)]);
    for divergent in [
        "\\int x dx",
        "\\int x^3 dx",
        "\\int (x + x^3) dx",
        "\\int (x + p_1(x)) dx",
        "\\int \\frac{1}{x} dx",
        "\\int (\\frac{1}{x} + p_1(x)) dx",
        "\\int e^{x^3} e^{-x^2} dx",
    ] {
        let got = eval(&env, &expr(divergent), &at);
        assert!(got.is_err(), "{divergent}: {got:?}");
    }
}

#[test]
fn a_divergent_cancellation_never_agrees() {
    // Formally ∫x + ∫x³ = ∫(x + x³) and ∫(x + p) − ∫x = 1; numerically neither side
    // has a value (a symmetric rule would sum x to 0 and agree), so the steps cannot
    // be verified.
    let env = env_of("let p(x) = N(x; 0, 1)\n");
    for (l, r) in [
        ("\\int x dx + \\int x^3 dx", "\\int (x + x^3) dx"),
        ("\\int (x + p(x)) dx - \\int x dx", "1"),
        ("\\int x dx", "0"),
        ("\\int \\frac{p(x)}{x} dx", "0"),
    ] {
        let outcome = compare(&env, &expr(l), &expr(r), None, 0);
        assert!(
            matches!(&outcome, NumericOutcome::Unavailable(why) if why.contains("converge")),
            "{l} = {r}: {outcome:?}"
        );
    }
}

#[test]
fn slowly_decaying_integrands_are_refused_not_guessed() {
    let env = densities_env();
    let got = eval(&env, &expr("\\int \\frac{1}{1 + x^2} dx"), &point(&[]));
    assert!(got.is_err(), "{got:?}");
}

#[test]
fn high_moments_on_a_narrow_gaussian_converge() {
    // x²⁴ under N(μ, σ²) is far from negligible at a few σ; the tails test looks
    // beyond the bulk.
    let env = densities_env();
    let at = point(&[("μ_1", 0.0), ("σ_1", 0.5)]);
    let got = eval(&env, &expr("\\int x^{24} p_1(x) dx"), &at).unwrap();
    let double_factorial: f64 = (1..24).step_by(2).map(f64::from).product();
    assert!(
        close(got, double_factorial * 0.5f64.powi(24), 1e-12),
        "{got}"
    );
}

#[test]
fn a_pole_on_the_line_is_not_integrated() {
    // Symmetric rules sum p(x)/x to 0; ∫|p(x)/x| dx is infinite.
    let env = densities_env();
    let at = point(&[("μ_1", 0.5), ("σ_1", 0.75)]);
    for divergent in [
        "\\int \\frac{p_1(x)}{x} dx",
        "\\int \\frac{p_1(x)}{x - 1} dx",
        "\\int \\frac{p_1(x)}{(x - 1)^2} dx",
        "\\int p_1(x) (x - 2)^{-1} dx",
    ] {
        let got = eval(&env, &expr(divergent), &at);
        assert!(
            got.as_ref().is_err_and(|e| e.contains("pole")),
            "{divergent}: {got:?}"
        );
    }
    // A removable zero is no pole.
    let got = eval(&env, &expr("\\int \\frac{x^2 - 1}{x - 1} p_1(x) dx"), &at).unwrap();
    assert!(close(got, 1.5, 1e-12), "{got}");
}

/// A declared function with a symbol in it, integrated over a half-line: the value
/// was 0 (the first bug report of an exponential law's mean).
#[test]
fn a_declared_exponential_density_integrates_over_the_half_line() {
    let decls = "assume \\lambda > 0\nlet g(x) = \\lambda e^{-\\lambda x}";
    let env = env_of(decls);
    for lambda in [0.5, 2.0] {
        let at = point(&[("λ", lambda)]);
        let inline = eval(
            &env,
            &expr("\\int_0^\\infty x \\lambda e^{-\\lambda x} dx"),
            &at,
        )
        .unwrap();
        let called = eval(&env, &expr("\\int_0^\\infty x g(x) dx"), &at).unwrap();
        assert!(close(inline, 1.0 / lambda, 1e-11), "{inline}");
        assert!(close(called, 1.0 / lambda, 1e-11), "λ = {lambda}: {called}");
    }
}

/// The log-normal's moments over `(0, ∞)`: mass spread over decades, which the
/// linear half-line map cannot integrate at a wide σ, is integrated on a log scale.
#[test]
fn a_log_normal_is_integrated_on_a_log_scale() {
    let env = env_of(
        "let f(y) = \\frac{1}{y \\sigma \\sqrt{2\\pi}} e^{-\\frac{(\\ln y - \\mu)^2}{2\\sigma^2}}",
    );
    for (mu, sigma) in [(0.5, 0.5), (-0.5, 1.5), (1.0, 2.0)] {
        let at = point(&[("μ", mu), ("σ", sigma)]);
        for (k, power) in [(0.0, "1"), (1.0, "y"), (2.0, "y^2")] {
            let text = format!("\\int_0^\\infty {power} f(y) \\, dy");
            let got = eval(&env, &expr(&text), &at).unwrap();
            let want = (k * mu + k * k * sigma * sigma / 2.0).exp();
            assert!(
                close(got, want, 1e-9),
                "{text} at μ = {mu}, σ = {sigma}: {got} vs {want}"
            );
        }
    }
    // Still refused: integrands that do not decay at either end on a log scale.
    for divergent in [
        "\\int_0^\\infty x \\, dx",
        "\\int_0^\\infty \\frac{1}{x} \\, dx",
    ] {
        assert!(
            eval(&env, &expr(divergent), &point(&[])).is_err(),
            "{divergent}"
        );
    }
}

/// Across the kink of `|x − m|` quadrature converges slowly; cut there, it is exact.
#[test]
fn an_absolute_value_is_integrated_piece_by_piece_between_its_kinks() {
    let env = env_of("");
    for m in [-1.3, 0.0, 0.4, 2.5] {
        let at = point(&[("m", m)]);
        let got = eval(&env, &expr("\\int |x - m| N(x; m, 4) dx"), &at).unwrap();
        let want = 2.0 * (2.0 / std::f64::consts::PI).sqrt();
        assert!(close(got, want, 1e-11), "m = {m}: {got} vs {want}");
        // Off-centre, two pieces of different size.
        let got = eval(&env, &expr("\\int_{-\\infty}^{3} |x - m| e^{-x^2} dx"), &at).unwrap();
        let half = |a: f64, b: f64| -> f64 {
            // ∫_a^b (x − m) e^{−x²} dx in closed form.
            let (ea, eb) = ((-a * a).exp(), (-b * b).exp());
            let erf = |t: f64| libm::erf(t);
            (ea - eb) / 2.0 - m * std::f64::consts::PI.sqrt() / 2.0 * (erf(b) - erf(a))
        };
        let want = -half(f64::NEG_INFINITY, m) + half(m, 3.0);
        assert!(close(got, want, 1e-10), "m = {m}: {got} vs {want}");
    }
    // Bars around what is not linear in the variable: no kinks found, no value.
    assert!(eval(&env, &expr("\\int |x^2 - 1| e^{-x^2} dx"), &point(&[])).is_err());
}

#[test]
fn an_inner_integral_is_summed_again_wherever_the_outer_variable_changes_it() {
    // Remembered integrals (`remembered.rs`) are keyed by the bound values they
    // mention: an inner integral that mentions the outer variable, in its limit or in
    // its body, must not give the value from another outer node.
    let env = env_of("");
    let at = point(&[]);
    for (text, want) in [
        ("\\int_0^1 \\int_0^u v \\, dv \\, du", 1.0 / 6.0),
        ("\\int_0^1 \\int_0^1 u v \\, dv \\, du", 1.0 / 4.0),
        (
            "\\int_0^1 \\left(\\int_0^1 (u + v)^2 \\, dv\\right) du",
            7.0 / 6.0,
        ),
        (
            "\\int_0^1 \\left(u - \\int_0^1 v \\, dv\\right)^2 du",
            1.0 / 12.0,
        ),
    ] {
        let got = eval(&env, &expr(text), &at).unwrap();
        assert!(close(got, want, 1e-12), "{text}: {got} vs {want}");
    }
}

#[test]
fn an_inner_integral_that_does_not_mention_the_outer_variable_is_summed_once() {
    // `Var(U)` for a uniform law, as the resolver writes it: summed afresh at each of
    // the outer range's 800 nodes, the inner mean alone would cost 640 000 integrand
    // values; remembered, the whole stays far below this budget.
    let env = env_of("");
    let text =
        "\\int_a^b \\left(u - \\int_a^b \\frac{v}{b - a} \\, dv\\right)^2 \\frac{1}{b - a} \\, du";
    let at = point(&[("a", -0.5), ("b", 2.0)]);
    let budget = Budget::new(200_000);
    let got = Evaluator::new(&env, &at.0, Precision::Pair, &budget)
        .eval_top(&expr(text))
        .unwrap();
    assert!(close(got, 2.5_f64.powi(2) / 12.0, 1e-12), "{got}");
}
