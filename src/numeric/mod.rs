//! The independent numeric cross-check: two expressions claimed equal are evaluated in
//! `f64` at a few deterministic sample points and compared.
//!
//! It shares nothing with the symbolic engine: it reads the syntax tree itself
//! ([`NumericEnv`]), evaluates it directly (`eval`), integrates over ℝ by
//! Gauss–Hermite quadrature (`quadrature`) and draws "nice" parameter values from a
//! seeded generator (`sample`). When the two sides agree at every point it says so;
//! when they differ beyond any rounding it gives the point as a witness. It never
//! claims a difference that could be rounding: agreement is `|l−r| ≤ 1e-9·max(1,|l|,|r|)`,
//! a witness needs `> 1e-6·max(1,|l|,|r|)` and must be confirmed with finer
//! quadrature, and anything in between only moves on to another point. It does not
//! prove anything: agreement at points is evidence, not a proof.

mod env;
mod eval;
pub mod quadrature;
pub mod sample;

use std::collections::{BTreeMap, BTreeSet};

pub use env::{key, NumericEnv, CONFIRM_ORDERS, ORDERS};
use eval::{Evaluator, FreeSymbols, TOO_COSTLY};
use quadrature::HermiteRule;
use sample::Sampler;

use crate::syntax::ast::{Binding, Expr, ExprKind};

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
    /// Fewer than 2 points could be evaluated (with the reason).
    Unavailable(String),
}

/// Points at which the sides must agree before the comparison stops.
pub const TARGET_POINTS: usize = 8;
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

/// The value of `expr` at `point` (no bindings).
pub fn eval(env: &NumericEnv, expr: &Expr, point: &Point) -> Result<f64, String> {
    on_eval_stack(|| Evaluator::new(env, &point.0, &env.rules).eval_top(expr))
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

/// Compares two expressions numerically at up to [`TARGET_POINTS`] points drawn with
/// `seed`.
///
/// `bindings`: `lhs` is a specialisation target (e.g. `KL(p_1, p_2)`) to evaluate with
/// these bindings (`\mu_2 = 0` fixes μ₂; `\sigma_2^2 = 1` fixes σ₂ to the positive
/// root); the bound symbols are then not sampled. Chain names in either side resolve to
/// their chain's last expression through `env`.
pub fn compare(
    env: &NumericEnv,
    lhs: &Expr,
    rhs: &Expr,
    bindings: Option<&[Binding]>,
    seed: u64,
) -> NumericOutcome {
    on_eval_stack(|| compare_here(env, lhs, rhs, bindings, seed))
}

fn compare_here(
    env: &NumericEnv,
    lhs: &Expr,
    rhs: &Expr,
    bindings: Option<&[Binding]>,
    seed: u64,
) -> NumericOutcome {
    let binds = match bindings
        .unwrap_or_default()
        .iter()
        .map(parse_binding)
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(binds) => binds,
        Err(e) => return NumericOutcome::Unavailable(e),
    };
    let mut symbols = free_symbols_here(env, lhs);
    for b in &binds {
        symbols.remove(&b.key);
    }
    for b in &binds {
        symbols.extend(free_symbols_here(env, &b.value));
    }
    symbols.extend(free_symbols_here(env, rhs));

    let mut sampler = Sampler::new(&symbols, &env.positive, seed);
    let (mut agreed, mut tried) = (0, 0);
    let mut reason: Option<String> = None;
    while agreed < TARGET_POINTS && tried < MAX_ATTEMPTS {
        let Some(point) = sampler.next_point() else {
            break;
        };
        tried += 1;
        let (l, r) = match sides(env, lhs, rhs, &binds, &point, &env.rules) {
            Ok(values) => values,
            Err(e) if e == TOO_COSTLY => {
                reason = Some(e);
                break;
            }
            Err(e) => {
                reason.get_or_insert(e);
                continue;
            }
        };
        match classify(l, r) {
            Verdict::Agree => agreed += 1,
            Verdict::Unclear => {
                reason.get_or_insert_with(|| {
                    format!("the sides differ slightly ({l} vs {r}), maybe by rounding")
                });
            }
            Verdict::Differ => {
                // Confirm with finer quadrature: a witness must not be an artefact of
                // the rules that found it.
                let confirmed = sides(env, lhs, rhs, &binds, &point, &env.confirm_rules);
                match confirmed {
                    Ok((l2, r2)) if classify(l2, r2) == Verdict::Differ => {
                        return NumericOutcome::Differ {
                            point,
                            lhs: l,
                            rhs: r,
                        };
                    }
                    Ok(_) => {
                        reason.get_or_insert_with(|| {
                            "a difference vanished with finer quadrature".into()
                        });
                    }
                    Err(e) => {
                        reason.get_or_insert(e);
                    }
                }
            }
        }
    }
    // With no free symbols the one point is all there is to evaluate.
    let enough = if symbols.is_empty() { 1 } else { 2 };
    if agreed >= enough {
        NumericOutcome::Agree { n_points: agreed }
    } else {
        let reason = reason.unwrap_or_else(|| "no sample points".into());
        NumericOutcome::Unavailable(format!(
            "{agreed} of {tried} sample points could be compared: {reason}"
        ))
    }
}

/// How two values relate under the tolerances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Agree,
    Unclear,
    Differ,
}

fn classify(l: f64, r: f64) -> Verdict {
    let diff = (l - r).abs();
    let scale = l.abs().max(r.abs()).max(1.0);
    if diff <= AGREE_TOLERANCE * scale {
        Verdict::Agree
    } else if diff > DIFFER_TOLERANCE * scale {
        Verdict::Differ
    } else {
        Verdict::Unclear
    }
}

/// A specialisation binding read as `key^degree = value`.
#[derive(Debug, Clone)]
struct Bound {
    key: String,
    degree: f64,
    value: Expr,
}

/// `\mu_2 = 0` (degree 1) or `\sigma_2^2 = 1` (degree 2); other left sides are refused.
fn parse_binding(binding: &Binding) -> Result<Bound, String> {
    let (id, degree) = match &binding.lhs.kind {
        ExprKind::Ident(id) => (id, 1.0),
        ExprKind::Pow(base, exponent) => match (&base.kind, &exponent.kind) {
            (ExprKind::Ident(id), ExprKind::Number(n)) => match n.trim().parse::<f64>() {
                Ok(d) if d.is_finite() && d > 0.0 => (id, d),
                _ => return Err(format!("cannot bind a symbol to the power `{n}`")),
            },
            _ => return Err("a binding must fix a symbol or a power of one".into()),
        },
        _ => return Err("a binding must fix a symbol or a power of one".into()),
    };
    Ok(Bound {
        key: key(id),
        degree,
        value: binding.rhs.clone(),
    })
}

/// Both sides at `point`, the left one with the bindings applied.
fn sides(
    env: &NumericEnv,
    lhs: &Expr,
    rhs: &Expr,
    binds: &[Bound],
    point: &Point,
    rules: &(HermiteRule, HermiteRule),
) -> Result<(f64, f64), String> {
    let l = if binds.is_empty() {
        Evaluator::new(env, &point.0, rules).eval_top(lhs)?
    } else {
        let mut bound_point = point.0.clone();
        for b in binds {
            let v = Evaluator::new(env, &point.0, rules).eval_top(&b.value)?;
            let v = bound_root(v, b.degree)?;
            if env.positive.contains(&b.key) && v <= 0.0 {
                return Err(format!(
                    "the binding gives positive `{}` the value {v}",
                    b.key
                ));
            }
            bound_point.insert(b.key.clone(), v);
        }
        Evaluator::new(env, &bound_point, rules).eval_top(lhs)?
    };
    let r = Evaluator::new(env, &point.0, rules).eval_top(rhs)?;
    Ok((l, r))
}

/// The symbol's value when its `degree`-th power is `v`: the positive root, or the
/// unique real root for an odd integer degree.
fn bound_root(v: f64, degree: f64) -> Result<f64, String> {
    let root = if degree == 1.0 {
        v
    } else if v >= 0.0 {
        if degree == 2.0 {
            v.sqrt()
        } else {
            v.powf(1.0 / degree)
        }
    } else if degree.fract() == 0.0 && (degree / 2.0).fract() != 0.0 {
        -(-v).powf(1.0 / degree)
    } else {
        return Err(format!("no real root of {v} of degree {degree}"));
    };
    if root.is_finite() {
        Ok(root)
    } else {
        Err(format!("the bound value {root} is not finite"))
    }
}
