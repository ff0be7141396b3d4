//! Property tests of the whole pipeline on generated derivations: an expression always
//! equals itself, and adding one to it is never "verified". The second is the
//! soundness property that matters most: whatever the input, a false step must not
//! pass.

mod common;

use proptest::prelude::*;
use verify::check::{check_source, CheckConfig};
use verify::report::Verdict;
use verify::source::SourceFile;

/// LaTeX expressions over `a`, `b` (positive), `x` (any sign) and small numbers,
/// with the constructs the rule families act on.
fn expression() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("a".to_string()),
        Just("b".to_string()),
        Just("x".to_string()),
        (1u8..5).prop_map(|n| n.to_string()),
        Just(r"\pi".to_string()),
    ];
    leaf.prop_recursive(3, 12, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(l, r)| format!("({l} + {r})")),
            (inner.clone(), inner.clone()).prop_map(|(l, r)| format!("({l} - {r})")),
            (inner.clone(), inner.clone()).prop_map(|(l, r)| format!("{l} \\cdot {r}")),
            (inner.clone(), inner.clone()).prop_map(|(l, r)| format!("\\frac{{{l}}}{{{r}}}")),
            (inner.clone(), 2u8..4).prop_map(|(b, n)| format!("({b})^{n}")),
            inner.clone().prop_map(|e| format!("e^{{{e}}}")),
            Just(r"\log (a b)".to_string()),
            Just(r"\sqrt{a^2 b}".to_string()),
        ]
    })
}

fn verdicts(text: String) -> Vec<Verdict> {
    let config = CheckConfig::default();
    let report = check_source(SourceFile::new("generated.txt", text), &config);
    assert!(
        report.syntax_errors.is_empty(),
        "{:?}",
        report.syntax_errors
    );
    report.verdicts().cloned().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Verified, unless the expression has no value at all (`a/(π − π)`), which must
    /// then be said, not verified.
    #[test]
    fn an_expression_equals_itself(e in expression()) {
        let v = verdicts(format!("assume a, b > 0\n{e} = {e}\n"));
        let undefined = |r: &str| r.contains("undefined");
        prop_assert!(
            matches!(v.as_slice(), [Verdict::Verified { .. }])
                || matches!(v.as_slice(), [Verdict::Undecided { reason }] if undefined(reason)),
            "{e}: {v:?}"
        );
    }

    #[test]
    fn adding_one_is_never_verified(e in expression()) {
        let v = verdicts(format!("assume a, b > 0\n{e} = {e} + 1\n"));
        prop_assert!(
            matches!(v.as_slice(), [Verdict::Wrong { .. } | Verdict::Undecided { .. }]),
            "{e}: {v:?}"
        );
    }
}
