//! Property tests of the whole pipeline on generated derivations: an expression always
//! equals itself, and adding one to it is never "verified". The second is the
//! soundness property that matters most: whatever the input, a false step must not
//! pass.
//!
//! Identities with a known answer computed here in Rust, independently of the checker:
//! the product of two random polynomials in `a`, `b` equals its expansion, and the
//! raw moments of a Gaussian, `∫ xᵏ p(x) dx = Σⱼ C(k, 2j)·(2j − 1)!!·σ²ʲ·μᵏ⁻²ʲ`, are
//! verified; changing one coefficient of the answer (or dropping a term) never is.

mod common;

use std::collections::BTreeMap;

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

/// A polynomial in `a`, `b`: coefficient by exponents `(i, j)` of `aⁱ bʲ`, no zeros.
type Poly = BTreeMap<(u32, u32), i64>;

/// Random polynomials in `a`, `b` of total degree ≤ 3 with small integer coefficients,
/// most of them zero, never the zero polynomial.
fn polynomial() -> impl Strategy<Value = Poly> {
    let monomials: Vec<(u32, u32)> = (0..=3u32)
        .flat_map(|i| (0..=3 - i).map(move |j| (i, j)))
        .collect();
    let coefficient = prop_oneof![3 => Just(0i64), 2 => -3i64..=3];
    proptest::collection::vec(coefficient, monomials.len()).prop_map(move |cs| {
        let mut p: Poly = monomials
            .iter()
            .zip(cs)
            .filter(|(_, c)| *c != 0)
            .map(|(m, c)| (*m, c))
            .collect();
        if p.is_empty() {
            p.insert((1, 0), 1); // `a`
        }
        p
    })
}

fn product(p: &Poly, q: &Poly) -> Poly {
    let mut r = Poly::new();
    for (&(i, j), &c) in p {
        for (&(k, l), &d) in q {
            *r.entry((i + k, j + l)).or_default() += c * d;
        }
    }
    r.retain(|_, c| *c != 0);
    r
}

/// `c·factors` as LaTeX summands, e.g. `3 a^{2} b - a + 1`; `0` when there are none.
fn latex_sum(terms: &[(i64, String)]) -> String {
    let mut out = String::new();
    for (c, factors) in terms.iter().filter(|(c, _)| *c != 0) {
        let sign = if *c < 0 { "-" } else { "+" };
        if out.is_empty() {
            if *c < 0 {
                out.push('-');
            }
        } else {
            out.push_str(&format!(" {sign} "));
        }
        match (c.unsigned_abs(), factors.is_empty()) {
            (n, true) => out.push_str(&n.to_string()),
            (1, false) => out.push_str(factors),
            (n, false) => out.push_str(&format!("{n} {factors}")),
        }
    }
    if out.is_empty() {
        out.push('0');
    }
    out
}

fn power(base: &str, k: u32) -> String {
    match k {
        0 => String::new(),
        1 => base.to_string(),
        k => format!("{base}^{{{k}}}"),
    }
}

/// `x^i y^j` in LaTeX, leaving out factors to the power 0.
fn monomial((x, i): (&str, u32), (y, j): (&str, u32)) -> String {
    [power(x, i), power(y, j)]
        .into_iter()
        .filter(|f| !f.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn poly_latex(p: &Poly) -> String {
    let terms: Vec<(i64, String)> = p
        .iter()
        .map(|(&(i, j), &c)| (c, monomial(("a", i), ("b", j))))
        .collect();
    latex_sum(&terms)
}

/// The raw moment `∫ xᵏ N(x; μ, σ²) dx` as terms `(coefficient, σ-power, μ-power)`:
/// `C(k, 2j)·(2j − 1)!!·σ²ʲ·μᵏ⁻²ʲ` for `2j ≤ k`.
fn normal_moment(k: u32) -> Vec<(i64, u32, u32)> {
    let binomial = |n: u32, r: u32| -> i64 {
        (0..r).fold(1i64, |acc, i| acc * i64::from(n - i) / i64::from(i + 1))
    };
    (0..=k / 2)
        .map(|j| {
            let double_factorial: i64 = (1..2 * j).step_by(2).map(i64::from).product();
            (binomial(k, 2 * j) * double_factorial, 2 * j, k - 2 * j)
        })
        .collect()
}

fn moment_latex(terms: &[(i64, u32, u32)]) -> String {
    let terms: Vec<(i64, String)> = terms
        .iter()
        .map(|&(c, s, m)| (c, monomial((r"\sigma", s), (r"\mu", m))))
        .collect();
    latex_sum(&terms)
}

/// `∫ xᵏ p(x) dx = closed` under `p = N(μ, σ²)`.
fn moment_file(k: u32, closed: &str) -> String {
    let integrand = match k {
        0 => String::new(),
        k => format!("{} ", power("x", k)),
    };
    format!(
        "let p(x) = N(x; \\mu, \\sigma^2)\nassume \\sigma > 0\n\\int {integrand}p(x) \\, dx = {closed}\n"
    )
}

fn is_verified(v: &[Verdict]) -> bool {
    matches!(v, [Verdict::Verified { .. }])
}

fn is_refused(v: &[Verdict]) -> bool {
    matches!(v, [Verdict::Wrong { .. } | Verdict::Undecided { .. }])
}

#[test]
fn the_moment_helpers_match_known_moments() {
    // E[x⁴] = μ⁴ + 6μ²σ² + 3σ⁴; E[x⁶] = μ⁶ + 15μ⁴σ² + 45μ²σ⁴ + 15σ⁶.
    assert_eq!(normal_moment(4), vec![(1, 0, 4), (6, 2, 2), (3, 4, 0)]);
    assert_eq!(
        normal_moment(6),
        vec![(1, 0, 6), (15, 2, 4), (45, 4, 2), (15, 6, 0)]
    );
    assert_eq!(moment_latex(&normal_moment(2)), r"\mu^{2} + \sigma^{2}");
    let p = Poly::from([((0, 0), -1), ((1, 0), 1)]);
    assert_eq!(poly_latex(&product(&p, &p)), "1 - 2 a + a^{2}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Verified, unless the expression has no value at all (`a/(π − π)`) or none a
    /// float can hold (`e^{e^{8}}` ≈ 10^1294), which must then be said, not verified.
    #[test]
    fn an_expression_equals_itself(e in expression()) {
        let v = verdicts(format!("assume a, b > 0\n{e} = {e}\n"));
        let undefined = |r: &str| r.contains("undefined") || r.contains("evaluates to inf");
        prop_assert!(
            matches!(v.as_slice(), [Verdict::Verified { .. }])
                || matches!(v.as_slice(), [Verdict::Undecided { reason, .. }] if undefined(reason)),
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_product_of_polynomials_equals_its_expansion(p in polynomial(), q in polynomial()) {
        let claim = format!("({})({}) = {}", poly_latex(&p), poly_latex(&q), poly_latex(&product(&p, &q)));
        let v = verdicts(format!("{claim}\n"));
        prop_assert!(is_verified(&v), "{claim}: {v:?}");
    }

    #[test]
    fn a_perturbed_expansion_is_never_verified(
        p in polynomial(),
        q in polynomial(),
        which in any::<prop::sample::Index>(),
        change in prop_oneof![-3i64..=-1, 1i64..=3, Just(0)],
    ) {
        let mut wrong = product(&p, &q);
        // Change one coefficient by `change`, or drop that term when `change` is 0.
        let monomial = *which.get(&wrong.keys().copied().collect::<Vec<_>>());
        if change == 0 {
            wrong.remove(&monomial);
        } else {
            *wrong.entry(monomial).or_default() += change;
        }
        let claim = format!("({})({}) = {}", poly_latex(&p), poly_latex(&q), poly_latex(&wrong));
        let v = verdicts(format!("{claim}\n"));
        prop_assert!(is_refused(&v), "{claim}: {v:?}");
    }

    #[test]
    fn gaussian_raw_moments_verify(k in 0u32..=6) {
        let text = moment_file(k, &moment_latex(&normal_moment(k)));
        let v = verdicts(text.clone());
        prop_assert!(is_verified(&v), "{text}: {v:?}");
    }

    #[test]
    fn a_perturbed_raw_moment_is_never_verified(
        k in 0u32..=6,
        which in any::<prop::sample::Index>(),
        change in prop_oneof![-3i64..=-1, 1i64..=3],
    ) {
        let mut terms = normal_moment(k);
        let at = which.index(terms.len());
        terms[at].0 += change;
        let text = moment_file(k, &moment_latex(&terms));
        let v = verdicts(text.clone());
        prop_assert!(is_refused(&v), "{text}: {v:?}");
    }
}
