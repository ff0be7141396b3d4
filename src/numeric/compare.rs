//! Comparing two expressions at sample points: each point is evaluated once with one
//! quadrature rule; where the sides do not agree it is evaluated again with a pair of
//! rules, and a difference there must survive finer rules to be a witness.
//!
//! A point where exactly one side has no value (it is undefined there, not merely
//! hard to compute) is a difference of domains, kept to say so. After the regular
//! points, points at and near the zeros of the denominators are tried too (see
//! `domain`), so a cancellation's condition is exercised.

use std::collections::BTreeMap;

use super::budget::{Budget, EvalResult, Failure, TOO_COSTLY};
use super::domain;
use super::env::{key, NumericEnv};
use super::eval::Evaluator;
use super::quadrature::Precision;
use super::sample::Sampler;
use super::{
    counts_here, free_symbols_here, on_eval_stack, NumericOutcome, Point, AGREE_TOLERANCE,
    DIFFER_TOLERANCE, MAX_ATTEMPTS, MIN_AGREEING, TARGET_POINTS,
};
use crate::syntax::ast::{Binding, Expr, ExprKind};

/// Compares two expressions numerically at up to [`TARGET_POINTS`] points drawn with
/// `seed`, with a budget of its own.
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
    compare_within(env, lhs, rhs, bindings, seed, &Budget::per_step())
}

/// [`compare`], paying every evaluation from `budget` (shared by all the numeric
/// work for one step).
pub fn compare_within(
    env: &NumericEnv,
    lhs: &Expr,
    rhs: &Expr,
    bindings: Option<&[Binding]>,
    seed: u64,
    budget: &Budget,
) -> NumericOutcome {
    on_eval_stack(|| {
        let binds = match bindings
            .unwrap_or_default()
            .iter()
            .map(parse_binding)
            .collect::<Result<Vec<_>, _>>()
        {
            Ok(binds) => binds,
            Err(e) => return NumericOutcome::Unavailable(e),
        };
        Comparison {
            env,
            lhs,
            rhs,
            binds,
            budget,
        }
        .run(seed)
    })
}

/// Most points kept besides the first where only one side has a value.
const MAX_ELSEWHERE: usize = 15;

struct Comparison<'a> {
    env: &'a NumericEnv,
    lhs: &'a Expr,
    rhs: &'a Expr,
    binds: Vec<Bound>,
    budget: &'a Budget,
}

/// What one point showed.
enum AtPoint {
    Agree,
    /// Both sides' values (with a pair of rules), confirmed different.
    Witness(f64, f64),
    /// One side undefined, the other not.
    OneSided {
        lhs_undefined: bool,
        why: String,
        value: f64,
    },
    /// Nothing usable, and why.
    Skip(String),
    TooCostly,
}

impl Comparison<'_> {
    fn run(&self, seed: u64) -> NumericOutcome {
        let env = self.env;
        let mut symbols = free_symbols_here(env, self.lhs);
        for b in &self.binds {
            symbols.remove(&b.key);
        }
        for b in &self.binds {
            symbols.extend(free_symbols_here(env, &b.value));
        }
        symbols.extend(free_symbols_here(env, self.rhs));
        let mut counts = counts_here(env, self.lhs);
        counts.extend(counts_here(env, self.rhs));
        for b in &self.binds {
            counts.extend(counts_here(env, &b.value));
        }

        let mut sampler = Sampler::new(&symbols, &env.positive, seed).with_counts(&counts);
        let (mut agreed, mut tried) = (0, 0);
        let mut reason: Option<String> = None;
        let mut one_sided: Option<(Point, bool, String, f64)> = None;
        let mut elsewhere: Vec<Point> = Vec::new();
        let mut first: Option<Point> = None;
        let mut too_costly = false;
        while agreed < TARGET_POINTS && tried < MAX_ATTEMPTS {
            let Some(point) = sampler.next_point() else {
                break;
            };
            tried += 1;
            match self.at(&point) {
                AtPoint::Agree => agreed += 1,
                AtPoint::Witness(lhs, rhs) => return NumericOutcome::Differ { point, lhs, rhs },
                AtPoint::OneSided {
                    lhs_undefined,
                    why,
                    value,
                } => {
                    reason.get_or_insert_with(|| one_sided_reason(lhs_undefined, &why));
                    match one_sided {
                        None => one_sided = Some((point.clone(), lhs_undefined, why, value)),
                        Some(_) if elsewhere.len() < MAX_ELSEWHERE => elsewhere.push(point.clone()),
                        Some(_) => {}
                    }
                }
                AtPoint::Skip(why) => {
                    reason.get_or_insert(why);
                }
                AtPoint::TooCostly => {
                    reason = Some(TOO_COSTLY.into());
                    too_costly = true;
                    break;
                }
            }
            first.get_or_insert(point);
        }
        // With no free symbols the one point is all there is to evaluate.
        let enough = if symbols.is_empty() { 1 } else { MIN_AGREEING };
        if agreed < enough {
            let reason = reason.unwrap_or_else(|| "no sample points".into());
            return NumericOutcome::Unavailable(format!(
                "{agreed} of {tried} sample points could be compared ({enough} needed): {reason}"
            ));
        }
        if let (false, Some(base)) = (too_costly, first) {
            let edges = domain::edge_points(env, [self.lhs, self.rhs], &base, self.budget);
            for point in edges {
                match self.at(&point) {
                    AtPoint::Witness(lhs, rhs) => {
                        return NumericOutcome::Differ { point, lhs, rhs }
                    }
                    AtPoint::OneSided {
                        lhs_undefined,
                        why,
                        value,
                    } => match one_sided {
                        None => one_sided = Some((point, lhs_undefined, why, value)),
                        Some(_) if elsewhere.len() < MAX_ELSEWHERE => elsewhere.push(point),
                        Some(_) => {}
                    },
                    AtPoint::TooCostly => break,
                    AtPoint::Agree | AtPoint::Skip(_) => {}
                }
            }
        }
        match one_sided {
            Some((point, lhs_undefined, why, value)) => NumericOutcome::DomainDiffers {
                n_points: agreed,
                point,
                lhs_undefined,
                why,
                value,
                elsewhere,
            },
            None => NumericOutcome::Agree { n_points: agreed },
        }
    }

    /// Both sides at `point`: one rule first, a pair where they do not agree.
    fn at(&self, point: &Point) -> AtPoint {
        match self.sides(point, Precision::Single) {
            (Ok(l), Ok(r)) if classify(l, r) == Verdict::Agree => AtPoint::Agree,
            (Ok(_), Ok(_)) => self.re_examine(point),
            (l, r) => failed(l, r),
        }
    }

    /// A point where one rule did not make the sides agree: a pair of rules decides,
    /// and a difference must survive finer rules.
    fn re_examine(&self, point: &Point) -> AtPoint {
        let (l, r) = match self.sides(point, Precision::Pair) {
            (Ok(l), Ok(r)) => (l, r),
            (l, r) => return failed(l, r),
        };
        match classify(l, r) {
            Verdict::Agree => AtPoint::Agree,
            Verdict::Unclear => AtPoint::Skip(format!(
                "the sides differ slightly ({l} vs {r}), maybe by rounding"
            )),
            Verdict::Differ => match self.sides(point, Precision::Confirm) {
                (Ok(l2), Ok(r2)) if classify(l2, r2) == Verdict::Differ => AtPoint::Witness(l, r),
                (Ok(_), Ok(_)) => {
                    AtPoint::Skip("a difference vanished with finer quadrature".into())
                }
                (l2, r2) => match failed(l2, r2) {
                    AtPoint::TooCostly => AtPoint::TooCostly,
                    AtPoint::Skip(why) => AtPoint::Skip(why),
                    _ => AtPoint::Skip(
                        "a difference could not be confirmed with finer quadrature".into(),
                    ),
                },
            },
        }
    }

    /// Both sides at `point`, the left one with the bindings applied; one evaluator
    /// (and so one memory of function values) for both when nothing is bound.
    fn sides(&self, point: &Point, precision: Precision) -> (EvalResult<f64>, EvalResult<f64>) {
        let env = self.env;
        if self.binds.is_empty() {
            let mut evaluator = Evaluator::new(env, &point.0, precision, self.budget);
            let l = evaluator.eval_top(self.lhs);
            if l.as_ref().is_err_and(|e| e.kind == Failure::TooCostly) {
                return (l.clone(), l);
            }
            return (l, evaluator.eval_top(self.rhs));
        }
        let bound = match self.bound_point(point, precision) {
            Ok(bound) => bound,
            Err(e) => return (Err(e.clone()), Err(e)),
        };
        let l = Evaluator::new(env, &bound, precision, self.budget).eval_top(self.lhs);
        let r = Evaluator::new(env, &point.0, precision, self.budget).eval_top(self.rhs);
        (l, r)
    }

    /// `point` with the bound symbols set to their bindings' values.
    fn bound_point(
        &self,
        point: &Point,
        precision: Precision,
    ) -> EvalResult<BTreeMap<String, f64>> {
        let mut bound = point.0.clone();
        for b in &self.binds {
            let v =
                Evaluator::new(self.env, &point.0, precision, self.budget).eval_top(&b.value)?;
            let v = bound_root(v, b.degree)?;
            if self.env.positive.contains(&b.key) && v <= 0.0 {
                return Err(format!("the binding gives positive `{}` the value {v}", b.key).into());
            }
            bound.insert(b.key.clone(), v);
        }
        Ok(bound)
    }
}

/// What a point where a side failed shows.
fn failed(l: EvalResult<f64>, r: EvalResult<f64>) -> AtPoint {
    let costly = |x: &EvalResult<f64>| x.as_ref().is_err_and(|e| e.kind == Failure::TooCostly);
    if costly(&l) || costly(&r) {
        return AtPoint::TooCostly;
    }
    match (l, r) {
        (Err(e), Ok(value)) if e.kind == Failure::Undefined => AtPoint::OneSided {
            lhs_undefined: true,
            why: e.message,
            value,
        },
        (Ok(value), Err(e)) if e.kind == Failure::Undefined => AtPoint::OneSided {
            lhs_undefined: false,
            why: e.message,
            value,
        },
        (Err(e), _) | (_, Err(e)) => AtPoint::Skip(e.message),
        (Ok(_), Ok(_)) => AtPoint::Skip("both sides have values".into()),
    }
}

fn one_sided_reason(lhs_undefined: bool, why: &str) -> String {
    let side = if lhs_undefined { "left" } else { "right" };
    format!("the {side} side is undefined ({why}) where the other is not")
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

/// The symbol's value when its `degree`-th power is `v`: the positive root, or the
/// unique real root for an odd integer degree.
fn bound_root(v: f64, degree: f64) -> EvalResult<f64> {
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
        return Err(format!("no real root of {v} of degree {degree}").into());
    };
    if root.is_finite() {
        Ok(root)
    } else {
        Err(format!("the bound value {root} is not finite").into())
    }
}
