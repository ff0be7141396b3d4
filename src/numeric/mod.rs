//! The independent numeric cross-check: two expressions claimed equal are evaluated in
//! `f64` at a few deterministic sample points and compared.
//!
//! It shares nothing with the symbolic engine: it reads the syntax tree itself
//! ([`NumericEnv`]), evaluates it directly (`eval`, `logs`), integrates over ℝ by
//! Gauss–Hermite quadrature centred on the integrand's own Gaussian (`integral`,
//! `quadrature`), draws "nice" parameter values from a seeded generator (`sample`),
//! and adds points at and near the zeros of denominators (`domain`). When the two
//! sides agree at enough points it says so; when they differ beyond any rounding it
//! gives the point as a witness (`compare`). It never claims a difference that could
//! be rounding: agreement is `|l−r| ≤ 1e-9·max(1,|l|,|r|)`, a witness needs
//! `> 1e-6·max(1,|l|,|r|)` and must be confirmed with finer quadrature, and anything
//! in between only moves on to another point. It does not prove anything: agreement
//! at points is evidence, not a proof.

mod budget;
mod calls;
mod compare;
mod derivative;
mod domain;
mod env;
mod eval;
mod free;
mod hermite_tables;
mod integral;
mod interval;
mod kinks;
mod law;
mod logs;
pub mod matrix;
mod poles;
pub mod quadrature;
mod remembered;
pub mod sample;
pub mod series;
mod undefined;

use std::collections::{BTreeMap, BTreeSet};

pub use budget::{Budget, EvalError, Failure, STEP_BUDGET, TOO_COSTLY};
pub use compare::{compare, compare_within};
pub use env::{key, NumericEnv};
use eval::Evaluator;
use free::FreeSymbols;
pub use quadrature::{Precision, CONFIRM_ORDERS, ORDERS, SINGLE_ORDER};

use crate::syntax::ast::Expr;

#[cfg(test)]
mod tests;

/// A parameter point: symbol key (`"σ_1"` = base + `_` + subscript, or just the base)
/// to value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Point(pub BTreeMap<String, f64>);

/// What the numeric comparison of two expressions found.
#[derive(Debug, Clone, PartialEq)]
pub enum NumericOutcome {
    /// Both sides agree (relative tolerance) at every point evaluated.
    Agree {
        /// Points at which both sides were evaluated and agreed.
        n_points: usize,
    },
    /// The sides differ at `point` by more than the tolerance: a witness.
    Differ {
        /// The parameter point (bound symbols of a specialisation excluded).
        point: Point,
        /// The left side's value there.
        lhs: f64,
        /// The right side's value there.
        rhs: f64,
    },
    /// The sides agree wherever both have a value, at `n_points` points, but at
    /// `point` one of them has none and the other has one: they are not the same
    /// function there (`x/x` and `1` at x = 0, `√x·√x` and `x` at x < 0).
    DomainDiffers {
        /// Points at which both sides were evaluated and agreed.
        n_points: usize,
        /// Where only one side has a value.
        point: Point,
        /// Whether the side without a value is the left one.
        lhs_undefined: bool,
        /// Why it has none.
        why: String,
        /// The other side's value there.
        value: f64,
        /// The other points where only one side has a value (at most a few).
        elsewhere: Vec<Point>,
    },
    /// Fewer than [`MIN_AGREEING`] points could be compared (with the reason).
    Unavailable(String),
}

/// Points at which the sides must agree before the comparison stops.
pub const TARGET_POINTS: usize = 8;
/// Points at which the sides must agree for them to agree at all (an expression with
/// no free parameters has one point): a step whose sides are undefined at most points
/// does not agree on the few that are left.
pub const MIN_AGREEING: usize = 4;
/// Most points tried (skipped and unclear ones included).
pub const MAX_ATTEMPTS: usize = 32;
/// At or below this relative difference the sides agree.
pub const AGREE_TOLERANCE: f64 = 1e-9;
/// Above this relative difference the sides differ.
pub const DIFFER_TOLERANCE: f64 = 1e-6;

/// Stack for the evaluation thread. Evaluation recurses up to `MAX_DEPTH` (400)
/// levels of a few frames each, which unoptimised builds make larger than a 2 MiB test
/// thread has. Only touched pages are committed, so the reservation costs nothing.
const EVAL_STACK_BYTES: usize = 256 << 20;

/// Runs `work` on a thread with [`EVAL_STACK_BYTES`] of stack, so recursion up to the
/// depth limit never overflows whatever thread the caller is on.
fn on_eval_stack<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    crate::stack::with_stack("verify-numeric", EVAL_STACK_BYTES, work)
}

/// The value of `expr` at `point` (no bindings), integrals with both [`ORDERS`].
pub fn eval(env: &NumericEnv, expr: &Expr, point: &Point) -> Result<f64, String> {
    let budget = Budget::per_step();
    on_eval_stack(|| {
        Evaluator::new(env, &point.0, Precision::Pair, &budget)
            .eval_top(expr)
            .map_err(|e| e.message)
    })
}

/// The free parameters of `expr`, as sorted symbol keys: everything [`eval`] would
/// look up in the point.
pub fn free_symbols(env: &NumericEnv, expr: &Expr) -> BTreeSet<String> {
    on_eval_stack(|| free_symbols_here(env, expr))
}

fn free_symbols_here(env: &NumericEnv, expr: &Expr) -> BTreeSet<String> {
    let mut walker = FreeSymbols::new(env);
    walker.visit(expr);
    walker.found
}

/// The free symbols of `expr` in the bounds of a sum or product (counts, which only
/// take integer values: see [`sample::Sampler::with_counts`]).
pub fn counts(env: &NumericEnv, expr: &Expr) -> BTreeSet<String> {
    on_eval_stack(|| counts_here(env, expr))
}

/// The free symbols of `expr` in the bounds of a sum or product: counts, which only
/// take integer values.
fn counts_here(env: &NumericEnv, expr: &Expr) -> BTreeSet<String> {
    let mut walker = FreeSymbols::new(env);
    walker.visit(expr);
    walker.counts
}
