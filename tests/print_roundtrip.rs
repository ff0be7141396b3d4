//! The LaTeX printer round-trips: a term printed as LaTeX and read back by our parser
//! has the term's value. The second opinion relies on it (it checks the LaTeX the
//! report shows), and a printer that misprints would only make true formulas
//! unconfirmed, so this is where misprints are caught.

use std::collections::BTreeMap;

use proptest::prelude::*;
use verify::numeric::{eval, NumericEnv, Point};
use verify::print::latex;
use verify::source::SourceFile;
use verify::syntax::{parse, parse_expr, resolve_with};
use verify::term::{Name, Rational, Special, Term};

/// The point every term is evaluated at.
fn values() -> BTreeMap<String, f64> {
    [("a", 0.75), ("b", -1.5), ("σ_1", 2.5), ("μ", -0.5)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

/// The term's value, computed here from the term itself (`None` where undefined).
fn value(term: &Term, at: &BTreeMap<String, f64>) -> Option<f64> {
    let v = match term {
        Term::Num(r) => r.to_f64(),
        Term::Sym(name) => *at.get(name.as_str())?,
        Term::Pi => std::f64::consts::PI,
        Term::Add(ts) => ts.iter().map(|t| value(t, at)).sum::<Option<f64>>()?,
        Term::Mul(ts) => ts.iter().map(|t| value(t, at)).product::<Option<f64>>()?,
        Term::Pow(b, e) => {
            let (b, e) = (value(b, at)?, value(e, at)?);
            if e.fract() == 0.0 && e.abs() <= 64.0 {
                if b == 0.0 && e < 0.0 {
                    return None;
                }
                b.powi(e as i32)
            } else if b > 0.0 {
                b.powf(e)
            } else {
                return None;
            }
        }
        Term::Log(a) => {
            let a = value(a, at)?;
            if a <= 0.0 {
                return None;
            }
            a.ln()
        }
        Term::Exp(a) => value(a, at)?.exp(),
        Term::Special(Special::Erf, a) => libm::erf(value(a, at)?),
        Term::Special(Special::Abs, a) => value(a, at)?.abs(),
        Term::Special(Special::Gamma, a) => {
            let a = value(a, at)?;
            if a <= 0.0 {
                return None;
            }
            libm::tgamma(a)
        }
        Term::Call(..)
        | Term::Integral { .. }
        | Term::Definite { .. }
        | Term::Limit { .. }
        | Term::Series { .. }
        | Term::Indexed(..) => return None,
    };
    v.is_finite().then_some(v)
}

fn leaf() -> impl Strategy<Value = Term> {
    prop_oneof![
        (-5i64..=5, 1i64..=4).prop_map(|(n, d)| Term::Num(Rational::new(n, d).unwrap())),
        prop::sample::select(vec!["a", "b", "σ_1", "μ"]).prop_map(|s| Term::Sym(Name::new(s))),
        Just(Term::Pi),
    ]
}

fn any_term() -> impl Strategy<Value = Term> {
    leaf().prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(Term::add),
            prop::collection::vec(inner.clone(), 2..4).prop_map(Term::mul),
            (inner.clone(), -3i64..=3).prop_map(|(b, k)| Term::pow(b, Term::int(k))),
            inner.clone().prop_map(|b| Term::pow(b, Term::frac(1, 2))),
            inner.clone().prop_map(|b| Term::pow(b, Term::frac(-1, 2))),
            inner.clone().prop_map(Term::log),
            inner.clone().prop_map(Term::exp),
            inner
                .clone()
                .prop_map(|a| Term::Special(Special::Erf, Box::new(a))),
            inner
                .clone()
                .prop_map(|a| Term::Special(Special::Gamma, Box::new(a))),
            inner
                .clone()
                .prop_map(|a| Term::Special(Special::Abs, Box::new(a))),
            inner.prop_map(Term::negate),
        ]
    })
}

/// `text` parsed and resolved as the checker reads a printed formula back.
fn read_back(text: &str) -> Result<verify::syntax::ast::Expr, String> {
    let expr = parse_expr(text).map_err(|e| e.message())?;
    let empty = parse(&SourceFile::new("t", "")).doc;
    let (_, mut resolved) = resolve_with(&empty, &[expr]);
    resolved.remove(0).map_err(|errors| format!("{:?}", errors))
}

fn check(term: &Term) -> Result<(), TestCaseError> {
    let at = values();
    let Some(want) = value(term, &at) else {
        return Ok(());
    };
    let text = latex(term);
    let expr = read_back(&text)
        .map_err(|e| TestCaseError::fail(format!("{text} is not read back: {e}")))?;
    let env = NumericEnv::new(&parse(&SourceFile::new("t", "")).doc).unwrap();
    let got =
        eval(&env, &expr, &Point(at)).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
    let scale = want.abs().max(got.abs()).max(1.0);
    prop_assert!(
        (want - got).abs() <= 1e-9 * scale,
        "{text} reads back as {got}, the term is {want}: {term:?}"
    );
    Ok(())
}

#[test]
fn products_with_logarithms_and_roots_round_trip() {
    let s = |n: &str| Term::Sym(Name::new(n));
    for term in [
        Term::mul([Term::log(s("a")), s("b")]),
        Term::mul([s("b"), Term::log(s("a")), s("μ")]),
        Term::mul([Term::log(s("σ_1")), Term::log(s("a"))]),
        Term::mul([
            Term::frac(1, 2),
            Term::log(Term::mul([Term::int(2), Term::Pi])),
        ]),
        Term::mul([Term::exp(s("a")), s("b")]),
        Term::mul([Term::int(2), Term::pow(s("a"), Term::frac(1, 2)), s("b")]),
        Term::pow(Term::add([s("a"), Term::int(1)]), Term::frac(-1, 2)),
        Term::mul([Term::frac(-3, 2), Term::pow(Term::Pi, Term::int(-1))]),
    ] {
        check(&term).unwrap();
    }
}

#[test]
fn integrals_in_products_round_trip() {
    let s = |n: &str| Term::Sym(Name::new(n));
    let gaussian = Term::Integral {
        var: Name::new("x"),
        body: Box::new(Term::exp(Term::negate(Term::pow(s("x"), Term::int(2))))),
    };
    let env = NumericEnv::new(&parse(&SourceFile::new("t", "")).doc).unwrap();
    let want = std::f64::consts::PI.sqrt() * -1.5;
    for term in [
        Term::mul([gaussian.clone(), s("b")]),
        Term::mul([s("b"), gaussian.clone()]),
        Term::add([Term::mul([s("b"), gaussian]), Term::int(0)]),
    ] {
        let text = latex(&term);
        let expr = read_back(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let got = eval(&env, &expr, &Point(values())).unwrap();
        assert!((got - want).abs() < 1e-12, "{text}: {got}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn latex_reads_back_with_the_terms_value(term in any_term()) {
        check(&term)?;
    }
}
