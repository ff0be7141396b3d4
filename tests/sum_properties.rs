//! Property tests of sums with a symbolic bound (issue 15): identities whose answer is
//! computed here in Rust, independently of the checker.
//!
//! A random polynomial `P(a, x_i)` (with `a` free of the index) summed over
//! `i = 1..n` is, by linearity, `Σ_m c_m aᵖ Σ_i x_iᵠ`, with `Σ_i 1 = n`. The claim is
//! checked here first at random `n` and random data (so a generator bug cannot pass
//! as the checker's), then given to `verify`, which must verify it; the same claim
//! with one coefficient changed is false at those data (checked here too), and
//! `verify` must never verify it. The same for the product of two such polynomials.

use std::collections::BTreeMap;

use proptest::prelude::*;
use verify::check::{check_source, CheckConfig};
use verify::report::Verdict;
use verify::source::SourceFile;

/// A polynomial in `a` and the datum `x`: coefficient by exponents `(p, q)` of `aᵖ xᵠ`.
type Poly = BTreeMap<(u32, u32), i64>;

fn polynomial() -> impl Strategy<Value = Poly> {
    let monomials: Vec<(u32, u32)> = (0..=2u32)
        .flat_map(|p| (0..=3 - p).map(move |q| (p, q)))
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
            p.insert((0, 1), 1);
        }
        p
    })
}

fn product(p: &Poly, q: &Poly) -> Poly {
    let mut r = Poly::new();
    for (&(a, b), &c) in p {
        for (&(d, e), &f) in q {
            *r.entry((a + d, b + e)).or_default() += c * f;
        }
    }
    r.retain(|_, c| *c != 0);
    r
}

fn power(base: &str, k: u32) -> String {
    match k {
        0 => String::new(),
        1 => base.to_string(),
        k => format!("{base}^{{{k}}}"),
    }
}

/// `c aᵖ xᵠ` as LaTeX terms joined with signs.
fn signed_terms(terms: Vec<(i64, String)>) -> String {
    let mut out = String::new();
    for (i, (c, body)) in terms.into_iter().enumerate() {
        let body = body.trim();
        let sign = if c < 0 {
            "-"
        } else if i > 0 {
            "+"
        } else {
            ""
        };
        let magnitude = c.unsigned_abs();
        let coefficient = if magnitude == 1 && !body.is_empty() {
            String::new()
        } else {
            magnitude.to_string()
        };
        out.push_str(&format!(" {sign} {coefficient} {body}"));
    }
    if out.trim().is_empty() {
        "0".into()
    } else {
        out
    }
}

/// The polynomial with the datum `x_i`, bracketed.
fn body_latex(p: &Poly) -> String {
    let terms = p
        .iter()
        .map(|(&(a, x), &c)| (c, format!("{} {}", power("a", a), power("x_i", x))))
        .collect();
    format!("\\left({}\\right)", signed_terms(terms))
}

/// `Σ_m c_m aᵖ Σ_i x_iᵠ` (with `n` for `q = 0`), the answer linearity gives.
fn linear_latex(p: &Poly) -> String {
    let terms = p
        .iter()
        .map(|(&(a, x), &c)| {
            let sum = match x {
                0 => "n".to_string(),
                x => format!("\\sum_{{j=1}}^{{n}} {}", power("x_j", x)),
            };
            (c, format!("{} {sum}", power("a", a)))
        })
        .collect();
    signed_terms(terms)
}

fn value(p: &Poly, a: f64, x: f64) -> f64 {
    p.iter()
        .map(|(&(i, j), &c)| c as f64 * a.powi(i as i32) * x.powi(j as i32))
        .sum()
}

/// `Σ_k P(a, x_k)`, summed here, and the linear form's value, at the data `xs`.
fn both_sides(lhs: &Poly, rhs: &Poly, a: f64, xs: &[f64]) -> (f64, f64) {
    let direct: f64 = xs.iter().map(|&x| value(lhs, a, x)).sum();
    let linear: f64 = rhs
        .iter()
        .map(|(&(i, j), &c)| {
            let inner: f64 = xs.iter().map(|x| x.powi(j as i32)).sum();
            c as f64 * a.powi(i as i32) * inner
        })
        .sum();
    (direct, linear)
}

fn verdicts(text: String) -> Vec<Verdict> {
    let report = check_source(
        SourceFile::new("generated.txt", text),
        &CheckConfig::default(),
    );
    assert!(
        report.syntax_errors.is_empty() && report.lower_errors.is_empty(),
        "{:?} {:?}",
        report.syntax_errors,
        report.lower_errors
    );
    report.verdicts().cloned().collect()
}

fn is_verified(v: &[Verdict]) -> bool {
    !v.is_empty() && v.iter().all(|v| matches!(v, Verdict::Verified { .. }))
}

fn data() -> impl Strategy<Value = (f64, Vec<f64>)> {
    (-2.0f64..2.0, proptest::collection::vec(-2.0f64..2.0, 1..=6))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn a_polynomial_sum_is_its_linear_form(p in polynomial(), (a, xs) in data()) {
        let (direct, linear) = both_sides(&p, &p, a, &xs);
        prop_assert!((direct - linear).abs() <= 1e-9 * direct.abs().max(1.0));
        let claim = format!("\\sum_{{i=1}}^{{n}} {} = {}\n", body_latex(&p), linear_latex(&p));
        prop_assert!(is_verified(&verdicts(claim.clone())), "{claim}");
    }

    #[test]
    fn a_sum_of_a_product_is_the_sum_of_its_expansion(p in polynomial(), q in polynomial()) {
        let pq = product(&p, &q);
        prop_assume!(!pq.is_empty());
        let claim = format!(
            "\\sum_{{i=1}}^{{n}} {} {} = {}\n",
            body_latex(&p),
            body_latex(&q),
            linear_latex(&pq)
        );
        prop_assert!(is_verified(&verdicts(claim.clone())), "{claim}");
    }

    #[test]
    fn a_perturbed_linear_form_is_never_verified(
        p in polynomial(),
        which in any::<prop::sample::Index>(),
        delta in prop_oneof![Just(-1i64), Just(1), Just(2)],
        (a, xs) in data(),
    ) {
        let mut wrong = p.clone();
        let key = *p.keys().nth(which.index(p.len())).expect("a monomial");
        *wrong.entry(key).or_default() += delta;
        wrong.retain(|_, c| *c != 0);
        // False at some data: here at these, unless they happen to hide it.
        let (direct, linear) = both_sides(&p, &wrong, a, &xs);
        prop_assume!((direct - linear).abs() > 1e-6);
        let claim = format!("\\sum_{{i=1}}^{{n}} {} = {}\n", body_latex(&p), linear_latex(&wrong));
        prop_assert!(!is_verified(&verdicts(claim.clone())), "{claim}");
    }
}

/// The generator's own check can fail: a wrong linear form differs from the sum
/// computed term by term.
#[test]
fn the_sides_computed_here_tell_a_wrong_form_apart() {
    let p: Poly = [((0, 2), 1), ((0, 0), 3)].into_iter().collect();
    let wrong: Poly = [((0, 2), 1), ((0, 0), 1)].into_iter().collect();
    let xs = [0.5, -1.5, 2.0];
    let (direct, linear) = both_sides(&p, &p, 1.0, &xs);
    assert!((direct - linear).abs() < 1e-12);
    let (direct, linear) = both_sides(&p, &wrong, 1.0, &xs);
    assert!((direct - linear).abs() > 1.0);
    // `Σ 3 = 3n` is the constant's count, not 3.
    assert_eq!(
        linear_latex(&p).split_whitespace().collect::<Vec<_>>(),
        ["3", "n", "+", "\\sum_{j=1}^{n}", "x_j^{2}"]
    );
}
