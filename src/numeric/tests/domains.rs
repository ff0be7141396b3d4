//! Undefined points: denominators that vanish (exactly, or up to rounding), points at
//! the zeros of denominators, and how many points agreement needs.

use super::*;

#[test]
fn a_quotient_of_a_vanishing_sum_by_itself_never_agrees() {
    // A = log(ab) − log a − log b is 0 but evaluates to about 1e-17: A/A is not 1.
    let env = NumericEnv::new(&doc("assume a, b > 0\n")).unwrap();
    let a = "(\\log(ab) - \\log a - \\log b)";
    let lhs = expr(&format!("\\frac{{{a}}}{{{a}}}"));
    let outcome = compare(&env, &lhs, &expr("1"), None, 0);
    assert!(
        matches!(&outcome, NumericOutcome::Unavailable(why) if why.contains("zero up to rounding")),
        "{outcome:?}"
    );
    let power = expr(&format!("{a}^{{-1}} {a}"));
    assert!(!matches!(
        compare(&env, &power, &expr("1"), None, 0),
        NumericOutcome::Agree { .. }
    ));
}

#[test]
fn a_cancellation_is_tested_at_the_zero_of_its_denominator() {
    let env = densities_env();
    for (l, r, zero) in [
        ("\\frac{x}{x}", "1", 0.0),
        ("\\frac{x^2 - 1}{x - 1}", "x + 1", 1.0),
        (
            "\\frac{x^2 - 2}{x - \\sqrt{2}}",
            "x + \\sqrt{2}",
            2f64.sqrt(),
        ),
    ] {
        let outcome = compare(&env, &expr(l), &expr(r), None, 0);
        let NumericOutcome::DomainDiffers {
            point,
            lhs_undefined: true,
            ..
        } = &outcome
        else {
            panic!("{l} = {r}: {outcome:?}");
        };
        assert!(close(point.0["x"], zero, 1e-12), "{l}: {point:?}");
    }
}

#[test]
fn a_root_squared_is_not_its_radicand_for_negative_values() {
    let env = densities_env();
    let outcome = compare(&env, &expr("\\sqrt{x}\\sqrt{x}"), &expr("x"), None, 0);
    assert!(
        matches!(outcome, NumericOutcome::DomainDiffers { .. }),
        "{outcome:?}"
    );
}

#[test]
fn a_denominator_that_never_vanishes_adds_no_doubt() {
    let env = densities_env();
    for (l, r) in [
        ("\\frac{x^2 + 2x}{x^2 + 1}", "\\frac{x(x + 2)}{1 + x^2}"),
        ("\\frac{1}{2\\sigma_1^2}", "\\frac{\\sigma_1^{-2}}{2}"),
    ] {
        let outcome = compare(&env, &expr(l), &expr(r), None, 0);
        assert!(
            matches!(outcome, NumericOutcome::Agree { n_points } if n_points >= MIN_AGREEING),
            "{l} = {r}: {outcome:?}"
        );
    }
}

#[test]
fn a_point_beside_a_zero_can_be_a_witness() {
    // Both sides are defined near x = 1 and differ there; at the regular points the
    // difference (x − 1)² / 10⁹ is below the tolerance.
    let env = densities_env();
    let outcome = compare(
        &env,
        &expr("\\frac{x^2 - 1}{x - 1}"),
        &expr("x + 1"),
        None,
        3,
    );
    assert!(
        !matches!(outcome, NumericOutcome::Agree { .. }),
        "{outcome:?}"
    );
}

#[test]
fn agreement_needs_enough_points() {
    // √(a² − 3) is defined only for |a| ≥ √3, which two of the ten values reach.
    let env = densities_env();
    let outcome = compare(&env, &expr("0 \\sqrt{a^2 - 3} + a"), &expr("a"), None, 0);
    assert!(
        matches!(&outcome, NumericOutcome::Unavailable(why) if why.contains("(4 needed)")),
        "{outcome:?}"
    );
}
