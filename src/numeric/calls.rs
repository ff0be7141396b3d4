//! Calls of declared functions (the body in a frame of its own parameters, its value
//! remembered per argument values), densities (the log-density) and constants, and
//! chains' values where their names are used.

use super::budget::EvalResult;
use super::env::key;
use super::eval::{memo_key, resolve_call, CallKind, Evaluator};
use super::undefined::log_gaussian;
use crate::syntax::ast::{Expr, Ident};

impl Evaluator<'_> {
    pub(super) fn call(&mut self, callee: &Ident, args: &[Expr]) -> EvalResult<f64> {
        match resolve_call(self.env, callee, args)? {
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
            CallKind::Constant(body) => {
                let key = memo_key(body, []);
                if let Some(v) = self.values.get(&key) {
                    return Ok(*v);
                }
                let v = self.in_frame(Vec::new(), |s| s.eval(body))?;
                self.remember(key, v);
                Ok(v)
            }
            // The weight of the sum `law.rs` takes: the stand-in law's weights.
            CallKind::Law { name, .. } if self.law_weight.as_deref() == Some(name.as_str()) => {
                Ok(1.0)
            }
            CallKind::Law { .. } => {
                Err("a law known only by its mean and variance has no value at a point".into())
            }
        }
    }

    /// The value of chain `chain` where its name is used, the name's arguments passed
    /// through (`params`, bound to their values here); remembered per those values.
    pub(super) fn chain_value(&mut self, chain: usize, params: &[Ident]) -> EvalResult<f64> {
        let env = self.env;
        let value = env
            .chains
            .get(chain)
            .and_then(Option::as_ref)
            .ok_or_else(|| format!("chain {chain} has no value"))?;
        let binds = self.pass_through(params)?;
        let key = memo_key(value, binds.iter().map(|(_, v)| *v));
        if let Some(v) = self.values.get(&key) {
            return Ok(*v);
        }
        let v = self.in_frame(binds, |s| s.eval(value))?;
        self.remember(key, v);
        Ok(v)
    }

    /// The arguments of a chain's name, passed through: each bound to its value here.
    pub(super) fn pass_through(&mut self, params: &[Ident]) -> EvalResult<Vec<(String, f64)>> {
        params
            .iter()
            .map(|p| Ok((key(p), self.ident(p)?)))
            .collect()
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
}
