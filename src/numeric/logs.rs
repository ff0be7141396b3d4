//! Logarithms evaluated in log space: `(sign, ln|value|)` of an expression through
//! products, quotients, powers, roots, `exp` and densities, without forming the value.
//!
//! So `log p₂(x)` at a far quadrature node is the exact quadratic
//! `−(x−μ₂)²/(2σ₂²) − ½log 2πσ₂²` rather than `log` of an underflowed 0, and an
//! integrand `e^{x²}·e^{−2x²}` far out is `−x²` rather than an overflow. That is the
//! same number wherever both are defined; it only removes spurious failures. A sum is
//! evaluated as a value, and a sum that is zero up to rounding has no logarithm.

use super::budget::{EvalError, EvalResult};
use super::eval::{memo_key, resolve_call, CallKind, Evaluator};
use super::undefined::log_gaussian;
use crate::syntax::ast::{Builtin, Expr, ExprKind};

impl Evaluator<'_> {
    /// `(sign, ln|value|)` of `expr`.
    pub(super) fn signed_log(&mut self, expr: &Expr) -> EvalResult<(f64, f64)> {
        self.enter()?;
        let result = self.signed_log_node(expr);
        self.leave();
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
                if k == 0.0 {
                    // b⁰ = 1 whatever b is (as `power` has it), even where ln|b| is not
                    // finite: `log((log 1)^0)` is 0, not the log of zero.
                    self.eval(base)?;
                    return Ok((1.0, 0.0));
                }
                let (sb, lb) = self.signed_log(base)?;
                if sb > 0.0 {
                    Ok((1.0, k * lb))
                } else if k.fract() == 0.0 {
                    let odd = (k / 2.0).fract() != 0.0;
                    Ok((if odd { -1.0 } else { 1.0 }, k * lb))
                } else {
                    Err(EvalError::undefined(
                        "a negative number to a fractional power",
                    ))
                }
            }
            ExprKind::Sqrt { radicand, index } => {
                let n = self.root_index(index)?;
                let (s, l) = self.signed_log(radicand)?;
                if s > 0.0 {
                    Ok((1.0, l / n))
                } else {
                    Err(EvalError::undefined("a root of a negative number"))
                }
            }
            ExprKind::Call { callee, args } => self.signed_log_of_call(callee, args),
            ExprKind::Gaussian { x, mean, variance } => {
                let x = self.eval(x)?;
                let m = self.eval(mean)?;
                let v = self.eval(variance)?;
                Ok((1.0, log_gaussian(x, m, v)?))
            }
            ExprKind::ChainValue { chain, params } => {
                let env = self.env;
                let value = env
                    .chains
                    .get(*chain)
                    .and_then(Option::as_ref)
                    .ok_or_else(|| format!("chain {chain} has no value"))?;
                let binds = self.pass_through(params)?;
                self.remembered_log(value, binds, |s| s.signed_log(value))
            }
            _ => self.signed_log_of_value(expr),
        }
    }

    fn signed_log_of_call(
        &mut self,
        callee: &crate::syntax::ast::Ident,
        args: &[Expr],
    ) -> EvalResult<(f64, f64)> {
        match resolve_call(self.env, callee, args)? {
            CallKind::Function { params, body } => {
                let binds = self.bind_args(params, args)?;
                self.remembered_log(body, binds, |s| s.signed_log(body))
            }
            CallKind::Density { param, mean, var } => {
                let x = self.eval(&args[0])?;
                Ok((1.0, self.log_density(x, param, mean, var)?))
            }
            CallKind::Constant(body) => {
                self.remembered_log(body, Vec::new(), |s| s.signed_log(body))
            }
            CallKind::Law { .. } => {
                let v = self.call(callee, args)?;
                Ok((v.signum(), v.abs().ln()))
            }
        }
    }

    /// `f` run in a frame of `binds` alone, its result remembered per `body` and the
    /// bound values (a body sees nothing else, so the result is the same every time).
    fn remembered_log(
        &mut self,
        body: &Expr,
        binds: Vec<(String, f64)>,
        f: impl FnOnce(&mut Self) -> EvalResult<(f64, f64)>,
    ) -> EvalResult<(f64, f64)> {
        let key = memo_key(body, binds.iter().map(|(_, v)| *v));
        if let Some(known) = self.logs.get(&key) {
            return Ok(*known);
        }
        let result = self.in_frame(binds, f)?;
        self.remember_log(key, result);
        Ok(result)
    }

    fn signed_log_of_value(&mut self, expr: &Expr) -> EvalResult<(f64, f64)> {
        let v = self.eval(expr)?;
        if v == 0.0 {
            Err(EvalError::undefined("log of zero"))
        } else if self.rounding_zero(expr, v)? {
            Err(EvalError::undefined(
                "log of a value that is zero up to rounding",
            ))
        } else {
            Ok((v.signum(), v.abs().ln()))
        }
    }
}
