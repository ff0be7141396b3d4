//! Direct `f64` evaluation of the syntax tree at a parameter point, and the matching
//! walk that lists an expression's free symbols.
//!
//! Names resolve lexically: a function's or chain's body sees only its own parameters
//! and the document's globals, never the caller's integration variables. Anything
//! without a real finite value (division by zero, log of a non-positive number, a
//! negative base to a fractional power, overflow, an integral whose quadrature does
//! not converge) is an error, never a panic and never a made-up number.
//!
//! A logarithm is evaluated in log space through products, quotients, powers, roots,
//! `exp` and densities, so `log p₂(x)` at a far quadrature node is the exact quadratic
//! `−(x−μ₂)²/(2σ₂²) − ½log 2πσ₂²` rather than `log` of an underflowed 0. That is the
//! same number wherever both are defined; it only removes spurious failures.
//! This module does not sample points or compare sides (see `mod.rs`).

use std::collections::{BTreeMap, BTreeSet};

use super::env::{key, Def, NumericEnv};
use super::quadrature::{self, Estimate, HermiteRule};
use crate::syntax::ast::{Builtin, Constant, Expr, ExprKind, Ident};

/// Evaluation result; the error says why the point is not evaluable.
pub type EvalResult<T> = Result<T, String>;

/// Deepest recursion through expression nodes, function bodies and chain values; far
/// beyond any real derivation, and low enough not to exhaust a 2 MiB thread stack.
const MAX_DEPTH: usize = 400;

/// Most expression nodes one top-level evaluation may visit (nested integrals multiply
/// quickly); past it the point is not evaluable rather than slow.
const MAX_WORK: u64 = 5_000_000;

/// Most integrals (and expectations) nested inside one another. Each level multiplies
/// the work by the nodes of both rules (160), so a third level (4 million evaluations of
/// the innermost body) would rarely finish within [`MAX_WORK`]; refusing it up front
/// also bounds the stack.
const MAX_INTEGRAL_NESTING: usize = 2;

/// The error for an evaluation that exceeds [`MAX_WORK`] or [`MAX_INTEGRAL_NESTING`]:
/// every other point would fail the same way, so `compare` stops at once.
pub const TOO_COSTLY: &str = "the expression is too costly to evaluate";

/// The error for a node resolution should have replaced: the evaluator reads resolved
/// trees only.
const UNRESOLVED: &str = "an unresolved expectation";

/// Most integer exponent evaluated by repeated multiplication (exact for small ones).
const MAX_POWI: f64 = 1024.0;

/// How a `Call` node is to be read. Resolution leaves only calls of declared names
/// (products, chain names and inline densities have their own nodes by then).
enum CallKind<'e> {
    /// A `let` function.
    Function {
        params: &'e [String],
        body: &'e Expr,
    },
    /// A `let` Gaussian density.
    Density {
        param: &'e str,
        mean: &'e Expr,
        var: &'e Expr,
    },
    /// A `let` constant, written as a name.
    Constant(&'e Expr),
}

/// What `callee(args)` calls.
fn resolve_call<'e>(
    env: &'e NumericEnv,
    callee: &Ident,
    args: &[Expr],
) -> EvalResult<CallKind<'e>> {
    let name = key(callee);
    match env.defs.get(&name) {
        Some(Def::Function { params, body }) if params.len() == args.len() => {
            Ok(CallKind::Function { params, body })
        }
        Some(Def::Density { param, mean, var }) if args.len() == 1 => {
            Ok(CallKind::Density { param, mean, var })
        }
        Some(Def::Constant(body)) if args.is_empty() => Ok(CallKind::Constant(body)),
        Some(_) => Err(format!("`{name}` is given {} argument(s)", args.len())),
        None => Err(format!("`{name}` is not declared")),
    }
}

/// Whether an integral's bounds mean the whole real line (absent, or `−∞` to `∞`).
fn whole_line(bounds: &Option<(Box<Expr>, Box<Expr>)>) -> bool {
    match bounds {
        None => true,
        Some((lo, hi)) => {
            matches!(&lo.kind, ExprKind::Neg(inner) if matches!(inner.kind, ExprKind::Infinity))
                && matches!(hi.kind, ExprKind::Infinity)
        }
    }
}

/// The value of a constant.
fn constant(c: Constant) -> f64 {
    match c {
        Constant::Pi => std::f64::consts::PI,
        Constant::E => std::f64::consts::E,
    }
}

/// Log of the N(mean, var) density at `x`.
fn log_gaussian(x: f64, mean: f64, var: f64) -> EvalResult<f64> {
    if var <= 0.0 {
        return Err(format!("a density has variance {var}, not positive"));
    }
    let d = x - mean;
    Ok(-d * d / (2.0 * var) - 0.5 * (2.0 * std::f64::consts::PI * var).ln())
}

/// Whether `v` is an integer small enough for `powi`.
fn small_integer(v: f64) -> bool {
    v.fract() == 0.0 && v.abs() <= MAX_POWI
}

/// A Gaussian weight found in an integrand: where its mean and variance come from.
enum Weight<'e> {
    /// A `let` density; mean and variance are in its own frame.
    Declared {
        param: &'e str,
        mean: &'e Expr,
        var: &'e Expr,
    },
    /// An inline `N(x; m, v)`; mean and variance are in the integral's frame.
    Inline { mean: &'e Expr, var: &'e Expr },
}

/// Evaluates expressions at one point with a fixed pair of quadrature rules.
pub struct Evaluator<'a> {
    env: &'a NumericEnv,
    point: &'a BTreeMap<String, f64>,
    rules: &'a (HermiteRule, HermiteRule),
    /// Bound variables; the innermost lexical frame starts at `frame`.
    stack: Vec<(String, f64)>,
    frame: usize,
    depth: usize,
    work: u64,
    /// Integrals and expectations currently being summed.
    integrals: usize,
}

impl<'a> Evaluator<'a> {
    /// An evaluator at `point` using `rules` (low and high order) for every integral.
    pub fn new(
        env: &'a NumericEnv,
        point: &'a BTreeMap<String, f64>,
        rules: &'a (HermiteRule, HermiteRule),
    ) -> Self {
        Self {
            env,
            point,
            rules,
            stack: Vec::new(),
            frame: 0,
            depth: 0,
            work: 0,
            integrals: 0,
        }
    }

    /// The value of `expr` with no variables bound.
    pub fn eval_top(mut self, expr: &Expr) -> EvalResult<f64> {
        self.eval(expr)
    }

    fn lookup(&self, name: &str) -> Option<f64> {
        self.stack[self.frame..]
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| *v)
    }

    /// Runs `f` in a fresh lexical frame holding only `binds`.
    fn in_frame<T>(
        &mut self,
        binds: Vec<(String, f64)>,
        f: impl FnOnce(&mut Self) -> EvalResult<T>,
    ) -> EvalResult<T> {
        let (saved_frame, saved_len) = (self.frame, self.stack.len());
        self.frame = saved_len;
        self.stack.extend(binds);
        let result = f(self);
        self.stack.truncate(saved_len);
        self.frame = saved_frame;
        result
    }

    fn enter(&mut self) -> EvalResult<()> {
        self.work += 1;
        if self.work > MAX_WORK {
            return Err(TOO_COSTLY.into());
        }
        if self.depth >= MAX_DEPTH {
            return Err("the expression is nested too deeply".into());
        }
        self.depth += 1;
        Ok(())
    }

    /// The value of `expr`; every intermediate value is checked to be finite.
    pub fn eval(&mut self, expr: &Expr) -> EvalResult<f64> {
        self.enter()?;
        let value = self.eval_node(expr);
        self.depth -= 1;
        match value {
            Ok(v) if v.is_finite() => Ok(v),
            Ok(v) => Err(format!("a subexpression evaluates to {v}")),
            Err(e) => Err(e),
        }
    }

    fn eval_node(&mut self, expr: &Expr) -> EvalResult<f64> {
        match &expr.kind {
            ExprKind::Number(text) => text
                .trim()
                .parse::<f64>()
                .map_err(|_| format!("`{text}` is not a number")),
            ExprKind::Ident(id) => self.ident(id),
            ExprKind::Infinity => Err("∞ only makes sense as an integral bound".into()),
            ExprKind::Neg(a) => Ok(-self.eval(a)?),
            ExprKind::Add(a, b) => Ok(self.eval(a)? + self.eval(b)?),
            ExprKind::Sub(a, b) => Ok(self.eval(a)? - self.eval(b)?),
            ExprKind::Mul(a, b, _) => Ok(self.eval(a)? * self.eval(b)?),
            ExprKind::Div(a, b, _) => {
                let numerator = self.eval(a)?;
                let denominator = self.eval(b)?;
                if denominator == 0.0 {
                    Err("division by zero".into())
                } else {
                    Ok(numerator / denominator)
                }
            }
            ExprKind::Pow(base, exponent) => {
                if self.is_euler(base) {
                    return Ok(self.eval(exponent)?.exp());
                }
                let b = self.eval(base)?;
                let x = self.eval(exponent)?;
                power(b, x)
            }
            ExprKind::Sqrt { radicand, index } => {
                let n = self.root_index(index)?;
                let r = self.eval(radicand)?;
                root(r, n)
            }
            ExprKind::Apply(Builtin::Log | Builtin::Ln, arg) => {
                let (sign, log) = self.signed_log(arg)?;
                if sign > 0.0 {
                    Ok(log)
                } else {
                    Err("log of a negative number".into())
                }
            }
            ExprKind::Apply(Builtin::Exp, arg) => Ok(self.eval(arg)?.exp()),
            ExprKind::Call { callee, args } => self.call(callee, args),
            ExprKind::Integral { bounds, body, var } => self.integral(bounds, body, var),
            ExprKind::Constant(c) => Ok(constant(*c)),
            ExprKind::Gaussian { x, mean, variance } => {
                let x = self.eval(x)?;
                let m = self.eval(mean)?;
                let v = self.eval(variance)?;
                Ok(log_gaussian(x, m, v)?.exp())
            }
            ExprKind::ChainValue { chain, params } => {
                let value = self.chain_value(*chain)?;
                let binds = self.pass_through(params)?;
                self.in_frame(binds, |s| s.eval(value))
            }
            ExprKind::Expectation { .. } => Err(UNRESOLVED.into()),
        }
    }

    /// The arguments of a chain's name, passed through: each bound to its value here.
    fn pass_through(&mut self, params: &[Ident]) -> EvalResult<Vec<(String, f64)>> {
        params
            .iter()
            .map(|p| Ok((key(p), self.ident(p)?)))
            .collect()
    }

    /// The value expression of chain `idx` of the document.
    fn chain_value(&self, idx: usize) -> EvalResult<&'a Expr> {
        let env = self.env;
        env.chains
            .get(idx)
            .and_then(Option::as_ref)
            .ok_or_else(|| format!("chain {idx} has no value"))
    }

    fn ident(&mut self, id: &Ident) -> EvalResult<f64> {
        let name = key(id);
        if let Some(v) = self.lookup(&name) {
            return Ok(v);
        }
        self.point
            .get(&name)
            .copied()
            .ok_or_else(|| format!("no value for `{name}`"))
    }

    /// Whether `expr` is Euler's number `e`.
    fn is_euler(&self, expr: &Expr) -> bool {
        matches!(expr.kind, ExprKind::Constant(Constant::E))
    }

    fn root_index(&mut self, index: &Option<Box<Expr>>) -> EvalResult<f64> {
        match index {
            None => Ok(2.0),
            Some(n) => {
                let n = self.eval(n)?;
                if n == 0.0 {
                    Err("a root of index 0".into())
                } else {
                    Ok(n)
                }
            }
        }
    }

    fn call(&mut self, callee: &Ident, args: &[Expr]) -> EvalResult<f64> {
        match resolve_call(self.env, callee, args)? {
            CallKind::Function { params, body } => {
                let binds = self.bind_args(params, args)?;
                self.in_frame(binds, |s| s.eval(body))
            }
            CallKind::Density { param, mean, var } => {
                let x = self.eval(&args[0])?;
                let (m, v) = self.in_frame(vec![(param.to_string(), x)], |s| {
                    Ok((s.eval(mean)?, s.eval(var)?))
                })?;
                Ok(log_gaussian(x, m, v)?.exp())
            }
            CallKind::Constant(body) => self.in_frame(Vec::new(), |s| s.eval(body)),
        }
    }

    fn bind_args(&mut self, params: &[String], args: &[Expr]) -> EvalResult<Vec<(String, f64)>> {
        params
            .iter()
            .zip(args)
            .map(|(p, a)| Ok((p.clone(), self.eval(a)?)))
            .collect()
    }

    /// `(sign, ln|value|)` of `expr`, computed through products, quotients, powers,
    /// roots, `exp` and densities without forming the value (see the module doc).
    fn signed_log(&mut self, expr: &Expr) -> EvalResult<(f64, f64)> {
        self.enter()?;
        let result = self.signed_log_node(expr);
        self.depth -= 1;
        match result {
            Ok((sign, log)) if log.is_finite() => Ok((sign, log)),
            Ok(_) => Err("log of zero or of an overflowing value".into()),
            Err(e) => Err(e),
        }
    }

    fn signed_log_node(&mut self, expr: &Expr) -> EvalResult<(f64, f64)> {
        match &expr.kind {
            ExprKind::Mul(a, b, _) => {
                let (sa, la) = self.signed_log(a)?;
                let (sb, lb) = self.signed_log(b)?;
                Ok((sa * sb, la + lb))
            }
            ExprKind::Div(a, b, _) => {
                let (sa, la) = self.signed_log(a)?;
                let (sb, lb) = self.signed_log(b)?;
                Ok((sa * sb, la - lb))
            }
            ExprKind::Neg(a) => {
                let (s, l) = self.signed_log(a)?;
                Ok((-s, l))
            }
            ExprKind::Apply(Builtin::Exp, a) => Ok((1.0, self.eval(a)?)),
            ExprKind::Pow(base, exponent) if self.is_euler(base) => Ok((1.0, self.eval(exponent)?)),
            ExprKind::Pow(base, exponent) => {
                let k = self.eval(exponent)?;
                let (sb, lb) = self.signed_log(base)?;
                if sb > 0.0 {
                    Ok((1.0, k * lb))
                } else if k.fract() == 0.0 {
                    let odd = (k / 2.0).fract() != 0.0;
                    Ok((if odd { -1.0 } else { 1.0 }, k * lb))
                } else {
                    Err("a negative number to a fractional power".into())
                }
            }
            ExprKind::Sqrt { radicand, index } => {
                let n = self.root_index(index)?;
                let (s, l) = self.signed_log(radicand)?;
                if s > 0.0 {
                    Ok((1.0, l / n))
                } else {
                    Err("a root of a negative number".into())
                }
            }
            ExprKind::Call { callee, args } => match resolve_call(self.env, callee, args)? {
                CallKind::Function { params, body } => {
                    let binds = self.bind_args(params, args)?;
                    self.in_frame(binds, |s| s.signed_log(body))
                }
                CallKind::Density { param, mean, var } => {
                    let x = self.eval(&args[0])?;
                    let (m, v) = self.in_frame(vec![(param.to_string(), x)], |s| {
                        Ok((s.eval(mean)?, s.eval(var)?))
                    })?;
                    Ok((1.0, log_gaussian(x, m, v)?))
                }
                CallKind::Constant(body) => self.in_frame(Vec::new(), |s| s.signed_log(body)),
            },
            ExprKind::Gaussian { x, mean, variance } => {
                let x = self.eval(x)?;
                let m = self.eval(mean)?;
                let v = self.eval(variance)?;
                Ok((1.0, log_gaussian(x, m, v)?))
            }
            ExprKind::ChainValue { chain, params } => {
                let value = self.chain_value(*chain)?;
                let binds = self.pass_through(params)?;
                self.in_frame(binds, |s| s.signed_log(value))
            }
            _ => self.signed_log_of_value(expr),
        }
    }

    fn signed_log_of_value(&mut self, expr: &Expr) -> EvalResult<(f64, f64)> {
        let v = self.eval(expr)?;
        if v == 0.0 {
            Err("log of zero".into())
        } else {
            Ok((v.signum(), v.abs().ln()))
        }
    }

    /// `∫_ℝ body d var` by Gauss–Hermite quadrature on the scale of the first Gaussian
    /// density of `var` in the body (then the next ones if that does not converge),
    /// or of N(0, 1) when there is none.
    fn integral(
        &mut self,
        bounds: &Option<(Box<Expr>, Box<Expr>)>,
        body: &Expr,
        var: &Ident,
    ) -> EvalResult<f64> {
        if !whole_line(bounds) {
            return Err("only integrals over the whole real line are evaluated".into());
        }
        let var = key(var);
        let mut weights = Vec::new();
        find_weights(self.env, body, &var, &mut weights);
        let mut scales: Vec<(f64, f64)> = Vec::new();
        for weight in weights {
            if let Ok((m, v)) = self.weight_params(&weight, &var) {
                if v > 0.0 && !scales.contains(&(m, v.sqrt())) {
                    scales.push((m, v.sqrt()));
                }
            }
        }
        if scales.is_empty() {
            scales.push((0.0, 1.0));
        }
        let mut failure = String::new();
        for (mean, std) in scales {
            match self.quadrature(&var, mean, std, body, false) {
                Ok(v) => return Ok(v),
                Err(e) => failure = e,
            }
        }
        Err(failure)
    }

    /// Mean and variance of a Gaussian weight, the integration variable being unusable
    /// (bound to NaN) so that a weight whose parameters depend on it is rejected.
    fn weight_params(&mut self, weight: &Weight<'_>, var: &str) -> EvalResult<(f64, f64)> {
        match weight {
            Weight::Declared { param, mean, var } => self
                .in_frame(vec![(param.to_string(), f64::NAN)], |s| {
                    Ok((s.eval(mean)?, s.eval(var)?))
                }),
            Weight::Inline {
                mean,
                var: variance,
            } => {
                self.stack.push((var.to_string(), f64::NAN));
                let result = self.eval(mean).and_then(|m| Ok((m, self.eval(variance)?)));
                self.stack.pop();
                result
            }
        }
    }

    /// Sums `body` over the nodes of both rules with `var` bound to each node (in the
    /// current frame) and returns the converged value. `expectation`: weights for
    /// `E[body]` under N(mean, std²) instead of `∫ body`.
    fn quadrature(
        &mut self,
        var: &str,
        mean: f64,
        std: f64,
        body: &Expr,
        expectation: bool,
    ) -> EvalResult<f64> {
        if self.integrals >= MAX_INTEGRAL_NESTING {
            return Err(TOO_COSTLY.into());
        }
        let rules = self.rules;
        self.integrals += 1;
        self.stack.push((var.to_string(), 0.0));
        let slot = self.stack.len() - 1;
        let run = |s: &mut Self, rule: &HermiteRule| -> EvalResult<Estimate> {
            let f = |x: f64| {
                s.stack[slot].1 = x;
                s.eval(body)
            };
            if expectation {
                quadrature::expect(rule, mean, std, f)
            } else {
                quadrature::integrate(rule, mean, std, f)
            }
        };
        let result = run(self, &rules.0).and_then(|low| {
            let high = run(self, &rules.1)?;
            quadrature::converged(low, high)
        });
        self.stack.truncate(slot);
        self.integrals -= 1;
        result
    }
}

/// `b^x`, real and finite or an error.
fn power(b: f64, x: f64) -> EvalResult<f64> {
    if small_integer(x) {
        if b == 0.0 && x < 0.0 {
            return Err("zero to a negative power".into());
        }
        Ok(b.powi(x as i32))
    } else if b > 0.0 {
        Ok(b.powf(x))
    } else if b == 0.0 && x > 0.0 {
        Ok(0.0)
    } else {
        Err("a negative number (or zero) to a fractional power".into())
    }
}

/// The real root `r^(1/n)` for `r ≥ 0`. A negative radicand is refused even for odd
/// `n`: whether `\sqrt[3]{−8}` is −2 is a convention the symbolic side may not share,
/// and skipping the point is always safe.
fn root(r: f64, n: f64) -> EvalResult<f64> {
    if r < 0.0 {
        return Err("a root of a negative number".into());
    }
    Ok(if n == 2.0 {
        r.sqrt()
    } else if n == 3.0 {
        r.cbrt()
    } else {
        r.powf(1.0 / n)
    })
}

/// Collects the Gaussian weights applied to `var` in `expr`, in reading order. Stops
/// at binders that shadow `var`, and does not enter function or chain bodies (they
/// cannot see `var`).
fn find_weights<'e>(env: &'e NumericEnv, expr: &'e Expr, var: &str, out: &mut Vec<Weight<'e>>) {
    let is_var = |e: &Expr| matches!(&e.kind, ExprKind::Ident(id) if key(id) == var);
    match &expr.kind {
        ExprKind::Call { callee, args } => {
            if let Ok(CallKind::Density { param, mean, var }) = resolve_call(env, callee, args) {
                if is_var(&args[0]) {
                    out.push(Weight::Declared { param, mean, var });
                }
            }
            for arg in args {
                find_weights(env, arg, var, out);
            }
        }
        ExprKind::Gaussian { x, mean, variance } => {
            if is_var(x) {
                out.push(Weight::Inline {
                    mean,
                    var: variance,
                });
            }
            for child in [x, mean, variance] {
                find_weights(env, child, var, out);
            }
        }
        ExprKind::Integral {
            bounds,
            body,
            var: inner,
        } => {
            if let Some((lo, hi)) = bounds {
                find_weights(env, lo, var, out);
                find_weights(env, hi, var, out);
            }
            if key(inner) != var {
                find_weights(env, body, var, out);
            }
        }
        _ => for_each_child(expr, &mut |child| find_weights(env, child, var, out)),
    }
}

/// Calls `f` on each direct subexpression of a node without binders.
fn for_each_child<'e>(expr: &'e Expr, f: &mut dyn FnMut(&'e Expr)) {
    match &expr.kind {
        ExprKind::Number(_) | ExprKind::Ident(_) | ExprKind::Infinity => {}
        ExprKind::Neg(a) | ExprKind::Apply(_, a) => f(a),
        ExprKind::Add(a, b)
        | ExprKind::Sub(a, b)
        | ExprKind::Mul(a, b, _)
        | ExprKind::Div(a, b, _)
        | ExprKind::Pow(a, b) => {
            f(a);
            f(b);
        }
        ExprKind::Sqrt { radicand, index } => {
            f(radicand);
            if let Some(n) = index {
                f(n);
            }
        }
        ExprKind::Call { args, .. } => args.iter().for_each(f),
        ExprKind::Integral { bounds, body, .. } => {
            if let Some((lo, hi)) = bounds {
                f(lo);
                f(hi);
            }
            f(body);
        }
        ExprKind::Gaussian { x, mean, variance } => {
            f(x);
            f(mean);
            f(variance);
        }
        ExprKind::Expectation { args, .. } => args.iter().for_each(f),
        ExprKind::Constant(_) | ExprKind::ChainValue { .. } => {}
    }
}

/// The free symbols of `expr` as [`Evaluator`] would look them up in the point,
/// following the same resolution (definitions, chain names, products, binders).
pub struct FreeSymbols<'a> {
    env: &'a NumericEnv,
    stack: Vec<String>,
    frame: usize,
    depth: usize,
    /// The symbol keys found.
    pub found: BTreeSet<String>,
}

impl<'a> FreeSymbols<'a> {
    /// A walker with nothing bound and nothing found.
    pub fn new(env: &'a NumericEnv) -> Self {
        Self {
            env,
            stack: Vec::new(),
            frame: 0,
            depth: 0,
            found: BTreeSet::new(),
        }
    }

    fn is_bound(&self, name: &str) -> bool {
        self.stack[self.frame..].iter().any(|k| k == name)
    }

    fn in_frame(&mut self, binds: Vec<String>, f: impl FnOnce(&mut Self)) {
        let (saved_frame, saved_len) = (self.frame, self.stack.len());
        self.frame = saved_len;
        self.stack.extend(binds);
        f(self);
        self.stack.truncate(saved_len);
        self.frame = saved_frame;
    }

    fn with_bound(&mut self, name: String, f: impl FnOnce(&mut Self)) {
        self.stack.push(name);
        f(self);
        self.stack.pop();
    }

    /// Adds the free symbols of `expr`. Depth is limited like evaluation's (which then
    /// fails anyway), so cyclic definitions terminate.
    pub fn visit(&mut self, expr: &Expr) {
        if self.depth >= MAX_DEPTH {
            return;
        }
        self.depth += 1;
        self.visit_node(expr);
        self.depth -= 1;
    }

    fn visit_node(&mut self, expr: &Expr) {
        let env = self.env;
        match &expr.kind {
            ExprKind::Ident(id) => self.ident(id),
            ExprKind::Call { callee, args } => {
                for arg in args {
                    self.visit(arg);
                }
                match resolve_call(env, callee, args) {
                    Ok(CallKind::Function { params, body }) => {
                        self.in_frame(params.to_vec(), |s| s.visit(body));
                    }
                    Ok(CallKind::Density { param, mean, var }) => {
                        self.in_frame(vec![param.to_string()], |s| {
                            s.visit(mean);
                            s.visit(var);
                        });
                    }
                    Ok(CallKind::Constant(body)) => self.in_frame(Vec::new(), |s| s.visit(body)),
                    Err(_) => {}
                }
            }
            ExprKind::ChainValue { chain, params } => {
                for p in params {
                    self.ident(p);
                }
                if let Some(Some(value)) = env.chains.get(*chain) {
                    let bound: Vec<String> = params.iter().map(key).collect();
                    self.in_frame(bound, |s| s.visit(value));
                }
            }
            ExprKind::Integral { bounds, body, var } => {
                if let Some((lo, hi)) = bounds {
                    self.visit(lo);
                    self.visit(hi);
                }
                self.with_bound(key(var), |s| s.visit(body));
            }
            _ => for_each_child(expr, &mut |child| self.visit(child)),
        }
    }

    fn ident(&mut self, id: &Ident) {
        let name = key(id);
        if !self.is_bound(&name) {
            self.found.insert(name);
        }
    }
}
