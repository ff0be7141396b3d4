//! Tests of the numeric check as a whole: the seed derivation (every step agrees, an
//! altered step is caught), quadrature through the tree (Gaussian moments, the KL
//! closed form, nested integrals), name resolution and tolerances; integrals on their
//! own Gaussian and divergent ones (`integrals`), undefined points (`domains`),
//! bounded work (`budgets`), and generated trees (`properties`). Inputs are parsed and
//! resolved as the checker reads them (`crate::syntax::{parse, resolve}`).

use std::collections::BTreeSet;

use super::*;
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{Builtin, Document, Expr, ExprKind, Ident, Item};
use crate::syntax::{parse, parse_expr, resolve_with};

mod budgets;
mod domains;
mod integrals;
mod matrix;
mod properties;

const SEED_LINES: &str = include_str!("../../../derivations/gauss_kl.txt");

std::thread_local! {
    /// The declarations the last [`doc`] of this test read: [`expr`] resolves in them.
    static DECLARATIONS: std::cell::RefCell<String> = std::cell::RefCell::new(DENSITIES.to_string());
}

/// `text` parsed, not resolved.
pub(super) fn raw_doc(text: &str) -> Document {
    let parsed = parse(&SourceFile::new("test", text));
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    parsed.doc
}

/// `text` parsed and resolved, as the checker reads it. Later [`expr`]s in the same
/// test are resolved after it (its declarations and chain names in force).
pub(super) fn doc(text: &str) -> Document {
    DECLARATIONS.with(|d| *d.borrow_mut() = text.to_string());
    let (resolved, _) = resolve_with(&raw_doc(text), &[]);
    assert!(resolved.errors.is_empty(), "{:?}", resolved.errors);
    resolved.doc
}

/// A formula resolved after the declarations and chains of `decls`.
pub(super) fn expr_in(decls: &str, text: &str) -> Result<Expr, String> {
    let raw = parse_expr(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
    let (_, mut resolved) = resolve_with(&raw_doc(decls), &[raw]);
    resolved.remove(0).map_err(|errors| format!("{errors:?}"))
}

/// A formula resolved after the last [`doc`] of this test (the two densities of
/// [`DENSITIES`] when there was none).
pub(super) fn expr(text: &str) -> Expr {
    let decls = DECLARATIONS.with(|d| d.borrow().clone());
    expr_in(&decls, text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

pub(super) fn point(values: &[(&str, f64)]) -> Point {
    Point(values.iter().map(|(k, v)| (k.to_string(), *v)).collect())
}

pub(super) fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * a.abs().max(b.abs()).max(1.0)
}

fn chains(doc: &Document) -> Vec<Vec<Expr>> {
    doc.items
        .iter()
        .filter_map(|item| match item {
            Item::Chain(c) => Some(c.steps.iter().map(|s| s.expr.clone()).collect()),
            _ => None,
        })
        .collect()
}

const DENSITIES: &str =
    "let p_1(x) = N(x; \\mu_1, \\sigma_1^2)\nlet p_2(x) = N(x; \\mu_2, \\sigma_2^2)\n";

pub(super) fn densities_env() -> NumericEnv {
    NumericEnv::new(&doc(DENSITIES)).unwrap()
}

fn kl_closed_form(m1: f64, s1: f64, m2: f64, s2: f64) -> f64 {
    (s2 / s1).ln() + (s1 * s1 + (m1 - m2) * (m1 - m2)) / (2.0 * s2 * s2) - 0.5
}

#[test]
fn every_seed_step_agrees_with_the_next() {
    let doc = doc(SEED_LINES);
    let env = NumericEnv::new(&doc).unwrap();
    let kl = &chains(&doc)[0];
    // kl[0] is the chain's name; the steps are kl[1..].
    for (i, pair) in kl[1..].windows(2).enumerate() {
        let outcome = compare(&env, &pair[0], &pair[1], None, i as u64);
        assert_eq!(
            outcome,
            NumericOutcome::Agree {
                n_points: TARGET_POINTS
            },
            "step {} vs {}",
            i + 1,
            i + 2
        );
    }
}

#[test]
fn the_specialisation_agrees_with_its_target() {
    let doc = doc(SEED_LINES);
    let env = NumericEnv::new(&doc).unwrap();
    let Some(Item::Specialise(spec)) = doc.items.iter().find(|i| matches!(i, Item::Specialise(_)))
    else {
        panic!("no specialisation in the seed");
    };
    let special = &chains(&doc)[1];
    let target = chains(&doc)[0].last().cloned().unwrap();
    let outcome = compare(&env, &target, &special[1], Some(&spec.bindings), 1);
    assert_eq!(
        outcome,
        NumericOutcome::Agree {
            n_points: TARGET_POINTS
        }
    );
    // Without the bindings, the target has μ₂, σ₂ free and is not the special case.
    assert!(matches!(
        compare(&env, &target, &special[1], None, 1),
        NumericOutcome::Differ { .. }
    ));
}

#[test]
fn an_altered_last_step_gives_a_confirmed_witness() {
    let doc = doc(SEED_LINES);
    let env = NumericEnv::new(&doc).unwrap();
    let kl = &chains(&doc)[0];
    let before_last = &kl[kl.len() - 2];
    let altered = expr(
        "\\log \\frac{\\sigma_2}{\\sigma_1} + \\frac{\\sigma_1^2 + (\\mu_1 + \\mu_2)^2}{2\\sigma_2^2} - \\frac{1}{2}",
    );
    let NumericOutcome::Differ { point, lhs, rhs } = compare(&env, before_last, &altered, None, 0)
    else {
        panic!("the altered step was not caught");
    };
    let p = &point.0;
    let keys: Vec<&str> = p.keys().map(String::as_str).collect();
    assert_eq!(keys, ["μ_1", "μ_2", "σ_1", "σ_2"]);
    // The witness is a short-decimal point, and its values are the true ones.
    for (k, v) in p {
        let pool: &[f64] = if k.starts_with('σ') {
            &sample::POSITIVE_VALUES
        } else {
            &sample::REAL_VALUES
        };
        assert!(pool.contains(v), "{k} = {v}");
    }
    let (m1, s1, m2, s2) = (p["μ_1"], p["σ_1"], p["μ_2"], p["σ_2"]);
    assert!(close(lhs, kl_closed_form(m1, s1, m2, s2), 1e-12));
    let wrong = (s2 / s1).ln() + (s1 * s1 + (m1 + m2) * (m1 + m2)) / (2.0 * s2 * s2) - 0.5;
    assert!(close(rhs, wrong, 1e-12));
    assert!((lhs - rhs).abs() > 1e-6 * lhs.abs().max(rhs.abs()).max(1.0));
}

#[test]
fn the_kl_integral_matches_its_closed_form_at_many_points() {
    let env = densities_env();
    let integral = expr("\\int p_1(x) \\log \\frac{p_1(x)}{p_2(x)} dx");
    for &m1 in &[-2.0, -0.5, 1.5] {
        for &m2 in &[-1.0, 0.75, 2.0] {
            for &s1 in &[0.5, 1.0, 3.0] {
                for &s2 in &[0.5, 2.5, 3.0] {
                    let at = point(&[("μ_1", m1), ("μ_2", m2), ("σ_1", s1), ("σ_2", s2)]);
                    let got = eval(&env, &integral, &at).unwrap();
                    let want = kl_closed_form(m1, s1, m2, s2);
                    assert!(close(got, want, 1e-11), "{at:?}: {got} vs {want}");
                }
            }
        }
    }
}

#[test]
fn gaussian_moments_through_the_tree_are_exact() {
    let env = densities_env();
    for (m, s) in [(0.75, 0.5), (-2.0, 3.0), (1.5, 1.0)] {
        let at = point(&[("μ_1", m), ("σ_1", s)]);
        let value = |text: &str| eval(&env, &expr(text), &at).unwrap();
        assert!(close(value("\\int p_1(x) dx"), 1.0, 1e-13));
        assert!(close(value("\\int x p_1(x) dx"), m, 1e-13));
        assert!(close(value("\\int (x-\\mu_1)^2 p_1(x) dx"), s * s, 1e-13));
        assert!(close(
            value("\\int (x-\\mu_1)^4 p_1(x) dx"),
            3.0 * s.powi(4),
            1e-13
        ));
        assert!(close(value("\\mathbb{E}_{p_1}[1]"), 1.0, 1e-13));
        assert!(close(value("\\mathbb{E}_{p_1}[x]"), m, 1e-13));
        assert!(close(
            value("\\mathbb{E}_{p_1}[(x-\\mu_1)^2]"),
            s * s,
            1e-13
        ));
        assert!(close(
            value("\\mathbb{E}_{p_1}[(x-\\mu_1)^4]"),
            3.0 * s.powi(4),
            1e-13
        ));
        assert!(close(
            value("\\int N(y; \\mu_1, \\sigma_1^2) y^2 dy"),
            s * s + m * m,
            1e-13
        ));
    }
}

#[test]
fn a_chain_name_stands_for_its_last_step() {
    let seed = doc(SEED_LINES);
    let env = NumericEnv::new(&seed).unwrap();
    let closed = expr(
        "\\log \\frac{\\sigma_2}{\\sigma_1} + \\frac{\\sigma_1^2 + (\\mu_1 - \\mu_2)^2}{2\\sigma_2^2} - \\frac{1}{2}",
    );
    let name = expr("KL(p_1, p_2)");
    assert_eq!(
        compare(&env, &name, &closed, None, 3),
        NumericOutcome::Agree {
            n_points: TARGET_POINTS
        }
    );
    let want: BTreeSet<String> = ["μ_1", "μ_2", "σ_1", "σ_2"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(free_symbols(&env, &name), want);
    // A name's arguments select the chain; only the chain's value has free symbols.
    let named = NumericEnv::new(&doc("G(a, c) = a + b\n= b + a\n")).unwrap();
    let names: Vec<String> = free_symbols(&named, &expr("G(a, c)")).into_iter().collect();
    assert_eq!(names, ["a", "b"]);
    // The arguments swapped are not that chain; `KL` keeps its meaning there, the
    // divergence the other way, not the chain's value.
    let swapped = expr_in(SEED_LINES, "KL(p_2, p_1)").unwrap();
    let other_way = expr(
        "\\log \\frac{\\sigma_1}{\\sigma_2} + \\frac{\\sigma_2^2 + (\\mu_2 - \\mu_1)^2}{2\\sigma_1^2} - \\frac{1}{2}",
    );
    assert_eq!(
        compare(&env, &swapped, &other_way, None, 3),
        NumericOutcome::Agree {
            n_points: TARGET_POINTS
        }
    );
    // A name with no meaning of its own, at other arguments: refused.
    assert!(expr_in(
        "let p(x) = N(x; 0, 1)\nlet q(x) = N(x; 1, 1)\nD(p, q) = 1/2\n",
        "D(q, p)"
    )
    .is_err());
}

#[test]
fn free_symbols_follow_definitions_and_binders() {
    let env = densities_env();
    let names =
        |text: &str| -> Vec<String> { free_symbols(&env, &expr(text)).into_iter().collect() };
    assert_eq!(names("\\int x p_1(x) dx"), ["μ_1", "σ_1"]);
    assert_eq!(names("\\mathbb{E}_{p_2}[x + a]"), ["a", "μ_2", "σ_2"]);
    assert_eq!(names("e^{\\pi t} + x"), ["t", "x"]);
    assert_eq!(names("ab(c + 1)"), ["a", "b", "c"]);
    let with_e = NumericEnv::new(&doc("let e = 2\nlet f(y) = y + z\n")).unwrap();
    assert_eq!(
        free_symbols(&with_e, &expr("\\int f(x) e dx"))
            .into_iter()
            .collect::<Vec<_>>(),
        ["z"]
    );
}

#[test]
fn declarations_assumptions_and_builtins() {
    let d = doc("let c = 2\\pi\nlet f(u, v) = u^2 + v\nlet e = 3\nassume a, b > 0\n");
    let env = NumericEnv::new(&d).unwrap();
    let positive: Vec<&String> = env.positive_symbols().iter().collect();
    assert_eq!(positive, ["a", "b"]);
    let at = point(&[("a", 2.0), ("b", 0.5)]);
    let value = |text: &str| eval(&env, &expr(text), &at).unwrap();
    assert!(close(value("c"), 2.0 * std::f64::consts::PI, 1e-15));
    assert!(close(value("f(a, b)"), 4.5, 1e-15));
    assert_eq!(value("e"), 3.0);
    assert_eq!(value("a(b + 1)"), 3.0);
    assert_eq!(value("ab(2)"), 2.0);
    let plain = densities_env();
    let at = point(&[("u", 1.5)]);
    let e_to = eval(&plain, &expr("e^{u}"), &at).unwrap();
    assert!(close(e_to, 1.5f64.exp(), 1e-15));
    assert!(close(
        eval(&plain, &expr("\\sqrt[3]{8} + \\ln e"), &at).unwrap(),
        3.0,
        1e-15
    ));
}

#[test]
fn standard_deviations_and_bare_variances_are_positive() {
    let env = NumericEnv::new(&doc(
        "let p(x) = N(x; m, s^2)\nlet q(y) = N(y; 0, v)\nlet r(z) = N(z; 1, w + 1)\n",
    ))
    .unwrap();
    let positive: Vec<&String> = env.positive_symbols().iter().collect();
    assert_eq!(positive, ["s", "v"]);
}

#[test]
fn nested_integrals_each_get_their_own_quadrature() {
    let env = densities_env();
    let at = point(&[("μ_1", 0.5), ("μ_2", -1.5), ("σ_1", 0.75), ("σ_2", 2.0)]);
    let got = eval(
        &env,
        &expr("\\int \\int p_1(x) p_2(y) (x + y)^2 dx dy"),
        &at,
    )
    .unwrap();
    let want = 0.75f64.powi(2) + 4.0 + (0.5f64 - 1.5).powi(2);
    assert!(close(got, want, 1e-12), "{got} vs {want}");
}

#[test]
fn a_product_of_two_densities_integrates_on_either_scale() {
    // ∫ p₁ p₂ dx = N(μ₁; μ₂, σ₁² + σ₂²), whichever density the quadrature follows.
    let env = densities_env();
    for (s1, s2) in [(0.5, 0.75), (1.5, 1.0), (0.75, 0.5)] {
        let at = point(&[("μ_1", 0.5), ("μ_2", -0.5), ("σ_1", s1), ("σ_2", s2)]);
        let got = eval(&env, &expr("\\int p_1(x) p_2(x) dx"), &at).unwrap();
        let v = s1 * s1 + s2 * s2;
        let want = (-1.0 / (2.0 * v)).exp() / (2.0 * std::f64::consts::PI * v).sqrt();
        assert!(close(got, want, 1e-12), "{s1}, {s2}: {got} vs {want}");
    }
}

#[test]
fn logs_of_densities_survive_far_quadrature_nodes() {
    // σ₂ ≪ σ₁: p₂ underflows at p₁'s outer nodes, but its log is exact there.
    let env = densities_env();
    let at = point(&[("μ_1", 2.0), ("μ_2", -2.0), ("σ_1", 3.0), ("σ_2", 0.5)]);
    let got = eval(&env, &expr("\\int p_1(x) \\log p_2(x) dx"), &at).unwrap();
    let want = -0.5 * (2.0 * std::f64::consts::PI * 0.25).ln() - (9.0 + 16.0) / (2.0 * 0.25);
    assert!(close(got, want, 1e-12), "{got} vs {want}");
}

#[test]
fn tolerances_separate_rounding_from_differences() {
    let env = densities_env();
    let agree = compare(&env, &expr("a"), &expr("a + 0.000000000001"), None, 0);
    assert_eq!(
        agree,
        NumericOutcome::Agree {
            n_points: TARGET_POINTS
        }
    );
    let unclear = compare(&env, &expr("a"), &expr("a + 0.00000001"), None, 0);
    assert!(
        matches!(unclear, NumericOutcome::Unavailable(_)),
        "{unclear:?}"
    );
    let differ = compare(&env, &expr("a"), &expr("a + 0.00001"), None, 0);
    assert!(
        matches!(differ, NumericOutcome::Differ { .. }),
        "{differ:?}"
    );
}

#[test]
fn constants_need_only_one_point() {
    let env = densities_env();
    assert_eq!(
        compare(
            &env,
            &expr("\\log 2\\pi - \\log \\pi"),
            &expr("\\log 2"),
            None,
            0
        ),
        NumericOutcome::Agree { n_points: 1 }
    );
}

#[test]
fn unevaluable_sides_are_unavailable_not_different() {
    let env = densities_env();
    for (l, r) in [
        ("\\int_0^\\infty x dx", "\\frac{1}{2}"),
        ("\\int x^2 dx", "1"),
        ("\\frac{a}{a - a}", "1"),
        ("\\log(-a^2 - 1)", "0"),
        ("e^{e^{e^{e^{10}}}}", "1"),
        ("\\infty", "1"),
    ] {
        let outcome = compare(&env, &expr(l), &expr(r), None, 0);
        assert!(
            matches!(outcome, NumericOutcome::Unavailable(_)),
            "{l} = {r}: {outcome:?}"
        );
    }
}

#[test]
fn points_where_one_side_is_undefined_are_a_difference_of_domains() {
    // log a² = 2 log a only for a > 0: at a negative a the right side has no value.
    let env = densities_env();
    let outcome = compare(&env, &expr("\\log a^2"), &expr("2 \\log a"), None, 0);
    let NumericOutcome::DomainDiffers {
        n_points,
        point,
        lhs_undefined: false,
        ..
    } = outcome
    else {
        panic!("{outcome:?}");
    };
    assert!(n_points >= MIN_AGREEING && point.0["a"] < 0.0);
}

#[test]
fn bad_documents_and_bindings_are_refused() {
    assert!(NumericEnv::new(&raw_doc("let c = 1\nlet c = 2\n")).is_err());
    assert!(NumericEnv::new(&raw_doc("let f(x, x) = x\n")).is_err());
    let d = doc(SEED_LINES);
    let env = NumericEnv::new(&d).unwrap();
    let Some(Item::Specialise(spec)) = d.items.iter().find(|i| matches!(i, Item::Specialise(_)))
    else {
        panic!("no specialisation");
    };
    let target = chains(&d)[0].last().cloned().unwrap();
    let mut bad = spec.bindings.clone();
    bad[0].lhs = expr("\\mu_2 + 1");
    let outcome = compare(&env, &target, &expr("0"), Some(&bad), 0);
    assert!(matches!(outcome, NumericOutcome::Unavailable(_)));
    let mut negative = spec.bindings.clone();
    negative[1].rhs = expr("-1");
    let outcome = compare(&env, &target, &expr("0"), Some(&negative), 0);
    assert!(matches!(outcome, NumericOutcome::Unavailable(_)));
}

#[test]
fn a_restated_chain_name_stands_for_the_latest_chain() {
    let env = NumericEnv::new(&doc("F(a) = a + 1\n= 1 + a\n\nF(a) = 2a\n= a + a\n")).unwrap();
    let at = point(&[("a", 1.0)]);
    let value = eval(&env, &expr("F(a)"), &at).map_err(|e| e.to_string());
    assert_eq!(value, Ok(2.0));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let mut e = expr("a");
    for _ in 0..5000 {
        e = Expr {
            kind: ExprKind::Neg(Box::new(e)),
            span: Span::default(),
        };
    }
    let env = densities_env();
    assert!(eval(&env, &e, &point(&[("a", 1.0)])).is_err());
    assert!(free_symbols(&env, &e).is_empty());
    // Resolution refuses `let c = c + 1` (defined in terms of itself); were one to
    // reach the evaluator, a definition sees only what is declared before it: `c` in
    // its own body is a free symbol, so nothing recurses.
    let recursive = NumericEnv::new(&raw_doc("let c = c + 1\n")).unwrap();
    let ExprKind::Ident(c) = expr("c").kind else {
        unreachable!()
    };
    let call = Expr {
        kind: ExprKind::Call {
            callee: c,
            args: Vec::new(),
        },
        span: Span::default(),
    };
    let value = eval(&recursive, &call, &point(&[("c", 1.0)])).map_err(|e| e.to_string());
    assert_eq!(value, Ok(2.0));
}

#[test]
fn deep_calls_and_integrals_stay_on_the_stack() {
    let env = NumericEnv::new(&doc("let f(u) = u\nlet p(x) = N(x; 0, 1)\n")).unwrap();
    let at = point(&[("a", 0.5)]);
    // 390 nested calls and 120 nested exp(log(…)): within the depth limit, built by
    // hand (the parser stops at 200 levels), evaluated on a default test thread.
    let wrap = |kind: ExprKind| Expr {
        kind,
        span: Span::default(),
    };
    let mut calls = expr("a");
    for _ in 0..390 {
        let callee = Ident {
            base: "f".into(),
            subscript: None,
            span: Span::default(),
        };
        calls = wrap(ExprKind::Call {
            callee,
            args: vec![calls],
        });
    }
    assert_eq!(eval(&env, &calls, &at), Ok(0.5));
    let mut logs = expr("a");
    for _ in 0..120 {
        let log = wrap(ExprKind::Apply(Builtin::Log, Box::new(logs)));
        logs = wrap(ExprKind::Apply(Builtin::Exp, Box::new(log)));
    }
    assert!(close(eval(&env, &logs, &at).unwrap(), 0.5, 1e-12));
    // Two nested integrals are evaluated, a third is refused at once.
    let two = expr("\\int\\int p(x) p(y) (x + y + a)^2 dx dy");
    assert!(close(eval(&env, &two, &at).unwrap(), 2.25, 1e-12));
    let three = expr("\\int\\int\\int p(x) p(y) p(z) dx dy dz");
    assert_eq!(eval(&env, &three, &at), Err(TOO_COSTLY.to_string()));
    let mut deep = expr("p(x)");
    for _ in 0..300 {
        let var = Ident {
            base: "x".into(),
            subscript: None,
            span: Span::default(),
        };
        deep = wrap(ExprKind::Integral {
            bounds: None,
            body: Box::new(deep),
            var,
        });
    }
    assert_eq!(eval(&env, &deep, &at), Err(TOO_COSTLY.to_string()));
    assert!(matches!(
        compare(&env, &deep, &expr("1"), None, 0),
        NumericOutcome::Unavailable(_)
    ));
}
