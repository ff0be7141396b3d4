//! Properties over generated syntax trees: no input panics, and an expression never
//! differs from itself.

use proptest::prelude::*;

use super::*;
use crate::syntax::ast::{Constant, DivSign, MulSign};

fn leaf() -> impl Strategy<Value = Expr> {
    let span = Span::default();
    let ident = |base: &str, sub: Option<&str>| Ident {
        base: base.to_string(),
        subscript: sub.map(str::to_string),
        span: Span::default(),
    };
    prop_oneof![
        prop::sample::select(vec!["0", "1", "2", "0.5", "1000", "1e400"]).prop_map(move |n| Expr {
            kind: ExprKind::Number(n.to_string()),
            span
        }),
        prop::sample::select(vec![
            ident("x", None),
            ident("a", None),
            ident("μ", Some("1")),
            ident("σ", Some("1")),
            ident("p", Some("1")),
            ident("ab", None),
        ])
        .prop_map(move |id| Expr {
            kind: ExprKind::Ident(id),
            span
        }),
        prop::sample::select(vec![Constant::E, Constant::Pi]).prop_map(move |c| Expr {
            kind: ExprKind::Constant(c),
            span
        }),
        Just(Expr {
            kind: ExprKind::Infinity,
            span
        }),
    ]
}

fn any_expr() -> impl Strategy<Value = Expr> {
    leaf().prop_recursive(5, 40, 3, |inner| {
        let span = Span::default();
        let b = |e: Expr| Box::new(e);
        let id = |base: &str, sub: Option<&str>| Ident {
            base: base.to_string(),
            subscript: sub.map(str::to_string),
            span: Span::default(),
        };
        prop_oneof![
            inner.clone().prop_map(move |a| Expr {
                kind: ExprKind::Neg(b(a)),
                span
            }),
            (inner.clone(), inner.clone(), 0..5u8).prop_map(move |(x, y, op)| {
                let kind = match op {
                    0 => ExprKind::Add(b(x), b(y)),
                    1 => ExprKind::Sub(b(x), b(y)),
                    2 => ExprKind::Mul(b(x), b(y), MulSign::Implicit),
                    3 => ExprKind::Div(b(x), b(y), DivSign::Frac),
                    _ => ExprKind::Pow(b(x), b(y)),
                };
                Expr { kind, span }
            }),
            (inner.clone(), prop::option::of(inner.clone())).prop_map(move |(r, n)| Expr {
                kind: ExprKind::Sqrt {
                    radicand: b(r),
                    index: n.map(b)
                },
                span
            }),
            (inner.clone(), 0..3u8).prop_map(move |(a, f)| {
                let f = [Builtin::Log, Builtin::Ln, Builtin::Exp][f as usize];
                Expr {
                    kind: ExprKind::Apply(f, b(a)),
                    span,
                }
            }),
            (prop::collection::vec(inner.clone(), 1..4), 0..2u8).prop_map(move |(args, c)| {
                let callee = [id("p", Some("1")), id("f", None)][c as usize].clone();
                Expr {
                    kind: ExprKind::Call { callee, args },
                    span,
                }
            }),
            (inner.clone(), inner.clone(), inner.clone()).prop_map(move |(x, m, v)| Expr {
                kind: ExprKind::Gaussian {
                    x: b(x),
                    mean: b(m),
                    variance: b(v),
                },
                span,
            }),
            (inner.clone(), any::<bool>()).prop_map(move |(body, bounded)| {
                let bounds = bounded.then(|| {
                    (
                        b(Expr {
                            kind: ExprKind::Neg(b(Expr {
                                kind: ExprKind::Infinity,
                                span,
                            })),
                            span,
                        }),
                        b(Expr {
                            kind: ExprKind::Infinity,
                            span,
                        }),
                    )
                });
                Expr {
                    kind: ExprKind::Integral {
                        bounds,
                        body: b(body),
                        var: id("x", None),
                    },
                    span,
                }
            }),
            (inner, 0..2usize).prop_map(move |(body, which)| {
                // An expectation as resolution writes it, or a chain's value.
                let x = Expr {
                    kind: ExprKind::Ident(id("x", None)),
                    span,
                };
                let density = Expr {
                    kind: ExprKind::Call {
                        callee: id("p", Some("1")),
                        args: vec![x],
                    },
                    span,
                };
                let kind = match which {
                    0 => ExprKind::Integral {
                        bounds: None,
                        body: b(Expr {
                            kind: ExprKind::Mul(b(body), b(density), MulSign::Implicit),
                            span,
                        }),
                        var: id("x", None),
                    },
                    _ => ExprKind::ChainValue {
                        chain: 0,
                        params: Vec::new(),
                    },
                };
                Expr { kind, span }
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any tree evaluates to a finite number or an error, and compares without panic.
    #[test]
    fn no_input_panics(l in any_expr(), r in any_expr(), seed in any::<u64>()) {
        let env = NumericEnv::new(&doc(
            "let p_1(x) = N(x; \\mu_1, \\sigma_1^2)\nlet f(u, v) = u v\nF(a) = a\n= a\n",
        ))
        .unwrap();
        let at = point(&[("a", -0.5), ("x", 2.0), ("μ_1", 1.0), ("σ_1", 0.75)]);
        if let Ok(v) = eval(&env, &l, &at) {
            prop_assert!(v.is_finite());
        }
        let _ = free_symbols(&env, &l);
        match compare(&env, &l, &r, None, seed) {
            NumericOutcome::Agree { n_points } => prop_assert!(n_points >= 1),
            NumericOutcome::Differ { lhs, rhs, .. } => {
                prop_assert!(lhs.is_finite() && rhs.is_finite());
                prop_assert!((lhs - rhs).abs() > DIFFER_TOLERANCE * lhs.abs().max(rhs.abs()).max(1.0));
            }
            NumericOutcome::DomainDiffers { n_points, value, .. } => {
                prop_assert!(n_points >= 1 && value.is_finite());
            }
            NumericOutcome::Unavailable(reason) => prop_assert!(!reason.is_empty()),
        }
    }

    /// An expression always agrees with itself (or cannot be evaluated).
    #[test]
    fn an_expression_never_differs_from_itself(e in any_expr(), seed in any::<u64>()) {
        let env = NumericEnv::new(&doc("let p_1(x) = N(x; \\mu_1, \\sigma_1^2)\n")).unwrap();
        let outcome = compare(&env, &e, &e, None, seed);
        prop_assert!(!matches!(outcome, NumericOutcome::Differ { .. }), "{:?}", outcome);
    }
}
