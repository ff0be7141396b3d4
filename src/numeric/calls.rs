//! Calls: a declared function's body in a frame of its own parameters (its value
//! remembered per argument values), a density's log-density, a chain's value, an
//! inline `N(x; m, v)`, or a product written like a call (`a(b + c)`).

use super::budget::EvalResult;
use super::env::key;
use super::eval::{memo_key, product_factors, resolve_call, CallKind, Evaluator};
use super::undefined::log_gaussian;
use crate::syntax::ast::{Expr, Ident};

impl Evaluator<'_> {
    pub(super) fn call(&mut self, callee: &Ident, args: &[Expr]) -> EvalResult<f64> {
        let callee_bound = self.is_bound(&key(callee));
        match resolve_call(self.env, callee, args, callee_bound)? {
            CallKind::Function { params, body } => {
                let binds = self.bind_args(params, args)?;
                let key = memo_key(body, binds.iter().map(|(_, v)| *v));
                if let Some(v) = self.values.get(&key) {
                    return Ok(*v);
                }
                let v = self.in_frame(binds, |s| s.eval(body))?;
                self.remember(key, v);
                Ok(v)
            }
            CallKind::Density { param, mean, var } => {
                let x = self.eval(&args[0])?;
                Ok(self.log_density(x, param, mean, var)?.exp())
            }
            CallKind::Chain(value) => {
                let key = memo_key(value, []);
                if let Some(v) = self.values.get(&key) {
                    return Ok(*v);
                }
                let v = self.in_frame(Vec::new(), |s| s.eval(value))?;
                self.remember(key, v);
                Ok(v)
            }
            CallKind::Gaussian => {
                let x = self.eval(&args[0])?;
                let m = self.eval(&args[1])?;
                let v = self.eval(&args[2])?;
                Ok(log_gaussian(x, m, v)?.exp())
            }
            CallKind::Product => {
                let factor = self.callee_factor(callee, callee_bound)?;
                Ok(factor * self.eval(&args[0])?)
            }
        }
    }

    /// The log of a declared density at `x`, its mean and variance read in its own
    /// frame; remembered per `x`.
    pub(super) fn log_density(
        &mut self,
        x: f64,
        param: &str,
        mean: &Expr,
        var: &Expr,
    ) -> EvalResult<f64> {
        let key = memo_key(mean, [x]);
        if let Some((_, log)) = self.logs.get(&key) {
            return Ok(*log);
        }
        let (m, v) = self.in_frame(vec![(param.to_string(), x)], |s| {
            Ok((s.eval(mean)?, s.eval(var)?))
        })?;
        let log = log_gaussian(x, m, v)?;
        self.remember_log(key, (1.0, log));
        Ok(log)
    }

    pub(super) fn bind_args(
        &mut self,
        params: &[String],
        args: &[Expr],
    ) -> EvalResult<Vec<(String, f64)>> {
        params
            .iter()
            .zip(args)
            .map(|(p, a)| Ok((p.clone(), self.eval(a)?)))
            .collect()
    }

    pub(super) fn callee_factor(&mut self, callee: &Ident, callee_bound: bool) -> EvalResult<f64> {
        let mut product = 1.0;
        for factor in product_factors(self.env, callee, callee_bound) {
            product *= self.ident(&factor)?;
        }
        Ok(product)
    }
}
