//! Bounded work: shared definitions are evaluated once per point and arguments, and
//! one budget covers everything done for a step.

use super::*;

/// `let c_0 = 1`, `let c_i = c_{i−1} + c_{i−1}` up to `c_n`: 2ⁿ visits if each use
/// were evaluated again.
fn doubling(n: usize, function: bool) -> String {
    let mut text = String::new();
    if function {
        text.push_str("let f_{0}(u) = u\n");
        for i in 1..=n {
            text.push_str(&format!(
                "let f_{{{i}}}(u) = f_{{{}}}(u) + f_{{{}}}(u)\n",
                i - 1,
                i - 1
            ));
        }
    } else {
        text.push_str("let c_{0} = 1\n");
        for i in 1..=n {
            text.push_str(&format!(
                "let c_{{{i}}} = c_{{{}}} + c_{{{}}}\n",
                i - 1,
                i - 1
            ));
        }
    }
    text
}

#[test]
fn shared_definitions_cost_linear_work() {
    let env = NumericEnv::new(&doc(&doubling(30, false))).unwrap();
    assert_eq!(eval(&env, &expr("c_{30}"), &point(&[])), Ok(2f64.powi(30)));
    assert!(free_symbols(&env, &expr("c_{30}")).is_empty());
    let env = NumericEnv::new(&doc(&doubling(30, true))).unwrap();
    let got = eval(&env, &expr("f_{30}(a)"), &point(&[("a", 0.5)]));
    assert_eq!(got, Ok(2f64.powi(29)));
    assert_eq!(
        compare(&env, &expr("f_{30}(a)"), &expr("2^{30} a"), None, 0),
        NumericOutcome::Agree {
            n_points: TARGET_POINTS
        }
    );
}

#[test]
fn one_budget_covers_all_the_work_for_a_step() {
    let env = densities_env();
    let (lhs, rhs) = (expr("\\int (x - \\mu_1)^2 p_1(x) dx"), expr("\\sigma_1^2"));
    let plenty = Budget::per_step();
    let outcome = compare_within(&env, &lhs, &rhs, None, 0, &plenty);
    assert_eq!(
        outcome,
        NumericOutcome::Agree {
            n_points: TARGET_POINTS
        }
    );
    let used = STEP_BUDGET - plenty.remaining();
    // A second comparison from what is left of a budget just that large runs out.
    let scarce = Budget::new(used + used / 2);
    assert!(matches!(
        compare_within(&env, &lhs, &rhs, None, 0, &scarce),
        NumericOutcome::Agree { .. }
    ));
    assert!(matches!(
        compare_within(&env, &lhs, &rhs, None, 0, &scarce),
        NumericOutcome::Unavailable(why) if why.contains(TOO_COSTLY)
    ));
}

#[test]
fn a_function_called_twice_with_the_same_values_is_evaluated_once() {
    let env = NumericEnv::new(&doc("let f(u) = ((u + 1)^2 + (u + 2)^2 + (u + 3)^2)^3\n")).unwrap();
    let cost = |text: &str| {
        let budget = Budget::per_step();
        let _ = compare_within(&env, &expr(text), &expr("1"), None, 0, &budget);
        STEP_BUDGET - budget.remaining()
    };
    let once = cost("f(a)");
    let twice = cost("f(a) + f(a)");
    assert!(twice < once + once / 2, "{once} then {twice}");
}
