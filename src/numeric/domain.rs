//! Points where a step's cancellations are tested: at and near the zeros of its
//! denominators.
//!
//! The regular sample points are "nice" values away from 0, so `x/x = 1` and
//! `(x²−1)/(x−1) = x+1` look like identities there. Here the denominators of both
//! sides (and the bases of negative powers) that depend only on the free parameters
//! are followed along each of their symbols from the first sample point: an exact
//! zero on a grid of quarters, or a sign change refined by bisection, gives a point at
//! the zero (where one side may be undefined and the other not) and two points just
//! beside it (where both are defined and must agree). Nothing is evaluated here but
//! the denominators themselves.

use std::collections::BTreeSet;

use super::budget::Budget;
use super::env::{same_expr, NumericEnv};
use super::eval::{for_each_child, Evaluator};
use super::quadrature::Precision;
use super::{counts_here, free_symbols_here, Point};
use crate::syntax::ast::{Expr, ExprKind};

/// Most denominators followed, zeros kept per denominator and symbol, and points made.
const MAX_DENOMINATORS: usize = 8;
const MAX_ZEROS: usize = 2;
const MAX_EDGE_POINTS: usize = 6;
/// How far beside a zero the "near" points are: a short binary fraction, so they
/// print exactly.
const NEAR: f64 = 1.0 / 64.0;
/// The grid a denominator is scanned on: −4 to 4 by quarters (0 excluded for
/// positive symbols).
const GRID_STEP: f64 = 0.25;
const GRID_HALF_WIDTH: f64 = 4.0;
/// Bisection steps refining a sign change: far below the spacing of the grid.
const BISECTIONS: usize = 60;
/// A sign change is a zero, not a pole, when the denominator is this small there
/// relative to its values at the ends of the bracket.
const ZERO_TOLERANCE: f64 = 1e-9;
/// Deepest syntax walked looking for denominators.
const MAX_WALK_DEPTH: usize = 100;

/// Points at and near the zeros of the denominators of `exprs`, each `base` with one
/// symbol changed; the values every other symbol keeps are `base`'s.
pub(super) fn edge_points(
    env: &NumericEnv,
    exprs: [&Expr; 2],
    base: &Point,
    budget: &Budget,
) -> Vec<Point> {
    let mut denominators: Vec<&Expr> = Vec::new();
    for expr in exprs {
        collect_denominators(expr, 0, &mut denominators);
    }
    // A count (a sum's bound) is an integer: never moved to a zero of a denominator.
    let counts: BTreeSet<String> = exprs.iter().flat_map(|e| counts_here(env, e)).collect();
    let mut points: Vec<Point> = Vec::new();
    for denominator in denominators {
        let symbols: BTreeSet<String> = free_symbols_here(env, denominator)
            .into_iter()
            .filter(|s| base.0.contains_key(s) && !counts.contains(s))
            .collect();
        for symbol in symbols {
            let positive = env.positive.contains(&symbol);
            for zero in zeros_along(env, denominator, base, &symbol, positive, budget) {
                for value in [zero, zero - NEAR, zero + NEAR] {
                    if positive && value <= 0.0 {
                        continue;
                    }
                    let mut point = base.clone();
                    point.0.insert(symbol.clone(), value);
                    if !points.contains(&point) && &point != base {
                        points.push(point);
                    }
                    if points.len() >= MAX_EDGE_POINTS {
                        return points;
                    }
                }
            }
        }
    }
    points
}

/// Denominators and bases of negative powers in `expr`, outside integrals and
/// expectations (whose variables are not free parameters), without repeats.
fn collect_denominators<'e>(expr: &'e Expr, depth: usize, out: &mut Vec<&'e Expr>) {
    if depth > MAX_WALK_DEPTH || out.len() >= MAX_DENOMINATORS {
        return;
    }
    let push = |e: &'e Expr, out: &mut Vec<&'e Expr>| {
        if !out.iter().any(|known| same_expr(known, e)) && !is_number(e) {
            out.push(e);
        }
    };
    match &expr.kind {
        ExprKind::Div(_, b, _) => push(b, out),
        ExprKind::Pow(base, exponent) if is_negative_number(exponent) => push(base, out),
        ExprKind::Integral { .. } | ExprKind::Expectation { .. } | ExprKind::ChainValue { .. } => {
            return
        }
        _ => {}
    }
    for_each_child(expr, &mut |child| {
        collect_denominators(child, depth + 1, out)
    });
}

fn is_number(expr: &Expr) -> bool {
    matches!(expr.kind, ExprKind::Number(_))
}

fn is_negative_number(expr: &Expr) -> bool {
    matches!(&expr.kind, ExprKind::Neg(inner) if is_number(inner))
}

/// Values of `symbol` (others as in `base`) where `denominator` is zero: exact zeros
/// on the grid, then sign changes refined by bisection.
fn zeros_along(
    env: &NumericEnv,
    denominator: &Expr,
    base: &Point,
    symbol: &str,
    positive: bool,
    budget: &Budget,
) -> Vec<f64> {
    let at = |value: f64| -> Option<f64> {
        let mut point = base.0.clone();
        point.insert(symbol.to_string(), value);
        Evaluator::new(env, &point, Precision::Single, budget)
            .eval_top(denominator)
            .ok()
    };
    let steps = (2.0 * GRID_HALF_WIDTH / GRID_STEP) as i32;
    let grid: Vec<f64> = (0..=steps)
        .map(|i| -GRID_HALF_WIDTH + f64::from(i) * GRID_STEP)
        .filter(|v| !positive || *v > 0.0)
        .collect();
    let values: Vec<(f64, Option<f64>)> = grid.iter().map(|&v| (v, at(v))).collect();
    let mut zeros: Vec<f64> = values
        .iter()
        .filter(|(_, d)| *d == Some(0.0))
        .map(|(v, _)| *v)
        .take(MAX_ZEROS)
        .collect();
    for pair in values.windows(2) {
        if zeros.len() >= MAX_ZEROS {
            break;
        }
        let [(lo, Some(f_lo)), (hi, Some(f_hi))] = pair else {
            continue;
        };
        if f_lo * f_hi >= 0.0 {
            continue;
        }
        if let Some(zero) = bisect(&at, *lo, *hi, *f_lo, *f_hi) {
            zeros.push(zero);
        }
    }
    zeros
}

/// The zero of `f` in `[lo, hi]`, where it changes sign, if it is a zero and not a pole.
fn bisect(
    f: &dyn Fn(f64) -> Option<f64>,
    mut lo: f64,
    mut hi: f64,
    f_lo: f64,
    f_hi: f64,
) -> Option<f64> {
    let scale = f_lo.abs().max(f_hi.abs());
    let lo_sign = f_lo.signum();
    for _ in 0..BISECTIONS {
        let mid = 0.5 * (lo + hi);
        let f_mid = f(mid)?;
        if f_mid == 0.0 {
            return Some(mid);
        }
        if f_mid.signum() == lo_sign {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let mid = 0.5 * (lo + hi);
    let f_mid = f(mid)?;
    (f_mid.abs() <= ZERO_TOLERANCE * scale).then_some(mid)
}
