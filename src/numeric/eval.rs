//! Direct `f64` evaluation of the syntax tree at a parameter point (the matching walk
//! that lists an expression's free symbols is `free.rs`).
//!
//! Names resolve lexically: a function's or chain's body sees only its own parameters
//! and the document's globals, never the caller's integration variables. Anything
//! without a real finite value is an error, never a panic and never a made-up number,
//! and the error says which kind (`Failure`): *undefined* (division by zero, also by
//! a sum that is zero up to rounding, the log of a non-positive number, a negative
//! base to a fractional power), or *not evaluable* (overflow, an integral that does
//! not converge), or over the budget.
//!
//! Because a body sees only its parameters, a declared function's value at given
//! argument values is the same wherever it is called: it is computed once per point
//! (and per argument values) and remembered, so shared definitions cost linear work.
//! Every node visited is paid for from a [`Budget`] shared by all evaluation done for
//! one step.
//!
//! Calls are in `calls.rs`, where functions have no value in `undefined.rs`,
//! logarithms (evaluated in log space) in `logs.rs`, integrals and expectations in
//! `integral.rs` (remembered in `remembered.rs`). This module does not sample points
//! or compare sides.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use super::budget::{Budget, EvalError, EvalResult};
use super::env::{key, Def, NumericEnv};
use super::quadrature::Precision;
use super::undefined::{log_gaussian, power, root};
use crate::syntax::ast::{Builtin, Constant, Expr, ExprKind, Ident};

/// Deepest recursion through expression nodes, function bodies and chain values; far
/// beyond any real derivation, and low enough not to exhaust a 2 MiB thread stack.
pub(super) const MAX_DEPTH: usize = 400;

/// Most remembered call values per evaluator, so memory stays bounded.
pub(super) const MAX_MEMO: usize = 1 << 16;

/// How a `Call` node is to be read. Resolution leaves only calls of declared names
/// (products, chain names and inline densities have their own nodes by then).
pub(super) enum CallKind<'e> {
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
    /// The density of a law known only by its mean and variance.
    Law {
        name: String,
        mean: &'e Expr,
        var: &'e Expr,
    },
}

/// What `callee(args)` calls.
pub(super) fn resolve_call<'e>(
    env: &'e NumericEnv,
    callee: &Ident,
    args: &[Expr],
) -> Result<CallKind<'e>, String> {
    let def = env.def(callee);
    let name = || key(callee);
    match def {
        Some(Def::Function { params, body }) if params.len() == args.len() => {
            Ok(CallKind::Function { params, body })
        }
        Some(Def::Density { param, mean, var }) if args.len() == 1 => {
            Ok(CallKind::Density { param, mean, var })
        }
        Some(Def::Constant(body)) if args.is_empty() => Ok(CallKind::Constant(body)),
        Some(Def::Law { mean, var }) if args.len() == 1 => Ok(CallKind::Law {
            name: name(),
            mean,
            var,
        }),
        Some(_) => Err(format!("`{}` is given {} argument(s)", name(), args.len())),
        None => Err(format!("`{}` is not declared", name())),
    }
}

/// The value of a constant.
pub(super) fn constant(c: Constant) -> f64 {
    match c {
        Constant::Pi => std::f64::consts::PI,
        Constant::E => std::f64::consts::E,
    }
}

/// What a remembered value is keyed by: the body evaluated (its address in the
/// document, unique per definition) and the argument values' bits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct MemoKey {
    body: usize,
    args: MemoArgs,
}

/// The argument values' bits: up to [`INLINE_ARGS`] of them inline (a density's one
/// point, a function of two), so that looking a value up allocates nothing; more on
/// the heap. Each length has one representation, so derived equality is the bits'.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum MemoArgs {
    Inline { len: u8, bits: [u64; INLINE_ARGS] },
    Heap(Vec<u64>),
}

const INLINE_ARGS: usize = 3;

/// The remembered values: keys are a few machine words, so a multiply-and-rotate hash
/// (as in rustc's `FxHasher`) does the job at a fraction of SipHash's cost; nothing
/// here is exposed to chosen keys.
pub(super) type Memo<V> = HashMap<MemoKey, V, BuildHasherDefault<WordHasher>>;

/// A hasher for a few machine words.
#[derive(Default)]
pub(super) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, word: usize) {
        self.write_u64(word as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The key for `body` called with `args`.
pub(super) fn memo_key(body: &Expr, args: impl IntoIterator<Item = f64>) -> MemoKey {
    let mut bits = [0u64; INLINE_ARGS];
    let mut len = 0;
    let mut args = args.into_iter().map(f64::to_bits);
    for arg in args.by_ref() {
        if len == INLINE_ARGS {
            let heap = bits.into_iter().chain([arg]).chain(args).collect();
            return MemoKey {
                body: body as *const Expr as usize,
                args: MemoArgs::Heap(heap),
            };
        }
        bits[len] = arg;
        len += 1;
    }
    MemoKey {
        body: body as *const Expr as usize,
        args: MemoArgs::Inline {
            len: len as u8,
            bits,
        },
    }
}

/// The value of a number as written: a string of at most 15 digits (nearly every
/// number in a derivation) read digit by digit, which is exact (below 2⁵³) and so the
/// same `f64` as the general parse, which reads everything else.
fn number(text: &str) -> Option<f64> {
    let digits = text.as_bytes();
    if !digits.is_empty() && digits.len() <= 15 && digits.iter().all(u8::is_ascii_digit) {
        let value = digits
            .iter()
            .fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0'));
        return Some(value as f64);
    }
    text.trim().parse::<f64>().ok()
}

/// Γ(x), undefined at its poles (0, −1, −2, …).
fn gamma(x: f64) -> EvalResult<f64> {
    if x <= 0.0 && x == x.round() {
        return Err(EvalError::undefined("Γ at a non-positive integer"));
    }
    let value = libm::tgamma(x);
    if value.is_finite() {
        Ok(value)
    } else {
        Err("Γ beyond the range of a double".into())
    }
}

/// Evaluates expressions at one point with one quadrature precision. The values of
/// declared functions are remembered, so one evaluator is used for both sides of a
/// step at a point; every node visited is paid from the shared `budget`.
pub struct Evaluator<'a> {
    pub(super) env: &'a NumericEnv,
    point: &'a BTreeMap<String, f64>,
    /// The point's entries, for [`Evaluator::ident`]: a point has a few symbols, so
    /// a scan that compares lengths first beats a search of the map.
    sorted_point: Vec<(&'a str, f64)>,
    pub(super) precision: Precision,
    budget: &'a Budget,
    /// Bound variables; the innermost lexical frame starts at `frame`.
    pub(super) stack: Vec<(String, f64)>,
    frame: usize,
    pub(super) depth: usize,
    /// Integrals and expectations currently being summed.
    pub(super) integrals: usize,
    pub(super) values: Memo<f64>,
    pub(super) logs: Memo<(f64, f64)>,
    /// Integrals summed, by node and the bound values they mention (`remembered.rs`).
    pub(super) integral_values: Memo<f64>,
    pub(super) integral_names: super::remembered::FreeNames,
    /// Whether only a size is wanted (see `log_abs_integrand`): derivatives may be
    /// rough.
    pub(super) rough: bool,
    /// The value `\infty` stands for while the sign of a limit like `(−∞ − μ)/σ` is
    /// read (see `interval.rs`); `None` elsewhere.
    pub(super) infinity: Option<f64>,
    /// The law whose density is the weight of the sum being taken (see `law.rs`): its
    /// call counts as 1 there.
    pub(super) law_weight: Option<String>,
}

impl<'a> Evaluator<'a> {
    /// An evaluator at `point`, integrating with `precision`, paying from `budget`.
    pub fn new(
        env: &'a NumericEnv,
        point: &'a BTreeMap<String, f64>,
        precision: Precision,
        budget: &'a Budget,
    ) -> Self {
        Self {
            env,
            point,
            sorted_point: point.iter().map(|(k, v)| (k.as_str(), *v)).collect(),
            precision,
            budget,
            stack: Vec::new(),
            frame: 0,
            depth: 0,
            integrals: 0,
            values: Memo::default(),
            logs: Memo::default(),
            integral_values: Memo::default(),
            integral_names: Default::default(),
            rough: false,
            infinity: None,
            law_weight: None,
        }
    }

    /// The value of `expr` with no variables bound.
    pub fn eval_top(&mut self, expr: &Expr) -> EvalResult<f64> {
        self.eval(expr)
    }

    /// The sample point.
    pub(super) fn point(&self) -> &BTreeMap<String, f64> {
        self.point
    }

    /// An evaluator at `point` with this one's bound variables, budget and precision,
    /// and nothing remembered.
    pub(super) fn moved_to<'b>(&self, point: &'b BTreeMap<String, f64>) -> Evaluator<'b>
    where
        'a: 'b,
    {
        let mut moved = Evaluator::new(self.env, point, self.precision, self.budget);
        moved.stack = self.stack.clone();
        moved.frame = self.frame;
        moved.depth = self.depth;
        moved.integrals = self.integrals;
        moved.rough = self.rough;
        moved
    }

    /// Where the bound variable `name` is on the stack, if it is bound here.
    pub(super) fn bound_slot(&self, name: &str) -> Option<usize> {
        (self.frame..self.stack.len())
            .rev()
            .find(|&i| self.stack[i].0 == name)
    }

    /// Runs `f` in a fresh lexical frame holding only `binds`.
    pub(super) fn in_frame<T>(
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

    /// Pays for one node and goes one level deeper; [`Evaluator::leave`] comes back.
    pub(super) fn enter(&mut self) -> EvalResult<()> {
        if !self.budget.spend(1) {
            return Err(EvalError::too_costly());
        }
        if self.depth >= MAX_DEPTH {
            return Err("the expression is nested too deeply".into());
        }
        self.depth += 1;
        Ok(())
    }

    pub(super) fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Remembers a call's value, while there is room.
    pub(super) fn remember(&mut self, key: MemoKey, value: f64) {
        if self.values.len() < MAX_MEMO {
            self.values.insert(key, value);
        }
    }

    /// Remembers a call's log, while there is room.
    pub(super) fn remember_log(&mut self, key: MemoKey, log: (f64, f64)) {
        if self.logs.len() < MAX_MEMO {
            self.logs.insert(key, log);
        }
    }

    /// The value of `expr`; every intermediate value is checked to be finite.
    pub fn eval(&mut self, expr: &Expr) -> EvalResult<f64> {
        self.enter()?;
        let value = self.eval_node(expr);
        self.leave();
        match value {
            Ok(v) if v.is_finite() => Ok(v),
            Ok(v) => Err(format!("a subexpression evaluates to {v}").into()),
            Err(e) => Err(e),
        }
    }

    fn eval_node(&mut self, expr: &Expr) -> EvalResult<f64> {
        match &expr.kind {
            ExprKind::Number(text) => {
                number(text).ok_or_else(|| format!("`{text}` is not a number").into())
            }
            ExprKind::Ident(id) => self.ident(id),
            ExprKind::Infinity => match self.infinity {
                Some(value) => Ok(value),
                None => Err("∞ only makes sense as an integral bound".into()),
            },
            ExprKind::Neg(a) => Ok(-self.eval(a)?),
            ExprKind::Add(a, b) => Ok(self.eval(a)? + self.eval(b)?),
            ExprKind::Sub(a, b) => Ok(self.eval(a)? - self.eval(b)?),
            ExprKind::Mul(a, b, _) => Ok(self.eval(a)? * self.eval(b)?),
            ExprKind::Div(a, b, _) => {
                let numerator = self.eval(a)?;
                let denominator = self.eval(b)?;
                if denominator == 0.0 {
                    Err(EvalError::undefined("division by zero"))
                } else if self.rounding_zero(b, denominator)? {
                    Err(EvalError::undefined(
                        "division by a value that is zero up to rounding",
                    ))
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
                if x < 0.0 && b != 0.0 && self.rounding_zero(base, b)? {
                    return Err(EvalError::undefined(
                        "a value that is zero up to rounding to a negative power",
                    ));
                }
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
                    Err(EvalError::undefined("log of a negative number"))
                }
            }
            ExprKind::Apply(Builtin::Exp, arg) => Ok(self.eval(arg)?.exp()),
            ExprKind::Apply(Builtin::Erf, arg) => Ok(libm::erf(self.eval(arg)?)),
            ExprKind::Apply(Builtin::Abs, arg) => Ok(self.eval(arg)?.abs()),
            // Vectors and matrices are evaluated at fixed dimensions by
            // `numeric::matrix`, never as scalars.
            ExprKind::Apply(Builtin::Trace | Builtin::Det, _) | ExprKind::Matrix(..) => {
                Err("vector and matrix notation has no scalar value".into())
            }
            ExprKind::Apply(Builtin::Erfc, arg) => Ok(libm::erfc(self.eval(arg)?)),
            // Φ from erfc, not from the erf formula the engine uses for it: the two
            // opinions should not share a definition they could both get wrong.
            ExprKind::Apply(Builtin::NormalCdf, arg) => {
                Ok(0.5 * libm::erfc(-self.eval(arg)? / std::f64::consts::SQRT_2))
            }
            ExprKind::Apply(Builtin::Gamma, arg) => gamma(self.eval(arg)?),
            ExprKind::Call { callee, args } => self.call(callee, args),
            ExprKind::Integral { bounds, body, var } => {
                self.remembered_integral(expr, bounds, body, var)
            }
            ExprKind::Constant(c) => Ok(constant(*c)),
            ExprKind::Gaussian { x, mean, variance } => {
                let x = self.eval(x)?;
                let m = self.eval(mean)?;
                let v = self.eval(variance)?;
                Ok(log_gaussian(x, m, v)?.exp())
            }
            ExprKind::Law { .. } => {
                Err("a law known only by its mean and variance has no value at a point".into())
            }
            ExprKind::ChainValue { chain, params } => self.chain_value(*chain, params),
            ExprKind::Expectation { .. } => Err("an unresolved expectation".into()),
            ExprKind::Series {
                op,
                index,
                lower,
                upper,
                body,
            } => self.series(*op, index, lower, upper, body),
            ExprKind::Indexed { base, index } => {
                let k = self.ident(index)?;
                let scale = self
                    .point
                    .get(&super::series::data_key(&key(base)))
                    .copied()
                    .ok_or_else(|| format!("no data for `{}`", key(base)))?;
                Ok(super::series::datum(&key(base), scale, k))
            }
            ExprKind::Derivative { var, order, body } => self.derivative(var, *order, body),
            ExprKind::At { body, var, at } => {
                let value = self.eval(at)?;
                self.with_value(var, value, body)
            }
            ExprKind::Limit { var, to, body } => self.end_value(var, to, body),
            ExprKind::Between {
                body,
                var: Some(var),
                lower,
                upper,
            } => Ok(self.end_value(var, upper, body)? - self.end_value(var, lower, body)?),
            ExprKind::Between { var: None, .. } | ExprKind::SubstitutedIntegral { .. } => {
                Err("an unresolved evaluation".into())
            }
            ExprKind::Primed { .. } => Err("an unresolved prime".into()),
        }
    }

    /// The value of a name: the innermost binding of it in the current frame, else
    /// its value at the point. Compared with the keys as they are, so that looking
    /// a name up builds nothing.
    pub(super) fn ident(&mut self, id: &Ident) -> EvalResult<f64> {
        let bound = self.stack[self.frame..]
            .iter()
            .rev()
            .find(|(k, _)| super::env::is_key(k, id));
        if let Some((_, v)) = bound {
            return Ok(*v);
        }
        match self
            .sorted_point
            .iter()
            .find(|(k, _)| super::env::is_key(k, id))
        {
            Some((_, v)) => Ok(*v),
            None => Err(format!("no value for `{}`", key(id)).into()),
        }
    }

    /// Whether `expr` is Euler's number `e`.
    pub(super) fn is_euler(&self, expr: &Expr) -> bool {
        matches!(expr.kind, ExprKind::Constant(Constant::E))
    }

    pub(super) fn root_index(&mut self, index: &Option<Box<Expr>>) -> EvalResult<f64> {
        match index {
            None => Ok(2.0),
            Some(n) => {
                let n = self.eval(n)?;
                if n == 0.0 {
                    Err(EvalError::undefined("a root of index 0"))
                } else {
                    Ok(n)
                }
            }
        }
    }
}

/// Calls `f` on each direct subexpression of a node without binders.
pub(super) fn for_each_child<'e>(expr: &'e Expr, f: &mut dyn FnMut(&'e Expr)) {
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
        ExprKind::Call { args, .. } | ExprKind::Primed { args, .. } | ExprKind::Matrix(_, args) => {
            args.iter().for_each(f)
        }
        ExprKind::Derivative { body, .. } => f(body),
        ExprKind::At { body, at, .. } => {
            f(body);
            f(at);
        }
        ExprKind::Limit { body, .. } => f(body),
        ExprKind::Between {
            body, lower, upper, ..
        } => {
            f(body);
            f(lower);
            f(upper);
        }
        ExprKind::SubstitutedIntegral { .. } => {
            for child in crate::syntax::ast::children(expr) {
                f(child);
            }
        }
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
        ExprKind::Law { mean, variance } => {
            f(mean);
            f(variance);
        }
        ExprKind::Expectation { args, .. } => args.iter().for_each(f),
        ExprKind::Series {
            lower, upper, body, ..
        } => {
            f(lower);
            f(upper);
            f(body);
        }
        ExprKind::Constant(_) | ExprKind::ChainValue { .. } | ExprKind::Indexed { .. } => {}
    }
}
