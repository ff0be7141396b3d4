//! Integrals remembered per evaluator. `Var(U) = ∫ (u − ∫ v w(v) dv)² w(u) du` holds an
//! inner integral that does not mention the outer variable; evaluated afresh at every
//! outer node, a finite range's 800 nodes became 640 000 evaluations per side and a
//! uniform law's variance took seconds. An integral's value depends only on the point
//! (fixed per evaluator) and on the values of the bound variables it mentions, so it is
//! remembered under those values: the same integral at the same values is summed once.
//!
//! Which names an integral mentions is read by the free-symbol walk (`free.rs`), which
//! follows the evaluator's own resolution; a walk cut short by the depth limit gives
//! no list, and such an integral is never remembered. Nor is one evaluated while the
//! evaluator's reading is changed for a moment (a rough size, ∞ as a number, a law's
//! weight), where the same node has another value.

use std::collections::HashMap;
use std::rc::Rc;

use super::budget::EvalResult;
use super::eval::{memo_key, Evaluator, MAX_MEMO};
use super::free::FreeSymbols;
use crate::syntax::ast::{Expr, Ident};

/// The free names of each integral node seen, by address; `None` when the walk was
/// cut short.
pub(super) type FreeNames = HashMap<usize, Option<Rc<[String]>>>;

impl Evaluator<'_> {
    /// `∫ body d var` (the node `expr`), from memory when it was summed at these values.
    pub(super) fn remembered_integral(
        &mut self,
        expr: &Expr,
        bounds: &Option<(Box<Expr>, Box<Expr>)>,
        body: &Expr,
        var: &Ident,
    ) -> EvalResult<f64> {
        let plain = self.rough || self.infinity.is_some() || self.law_weight.is_some();
        let names = if plain { None } else { self.free_names(expr) };
        let Some(names) = names else {
            return self.integral(bounds, body, var);
        };
        // For each name: whether it is bound here, and its value if so (the point's
        // values do not change within an evaluator).
        let mut args = Vec::with_capacity(2 * names.len());
        for name in names.iter() {
            match self.bound_slot(name) {
                Some(slot) => args.extend([1.0, self.stack[slot].1]),
                None => args.extend([0.0, 0.0]),
            }
        }
        let key = memo_key(expr, args);
        if let Some(&value) = self.integral_values.get(&key) {
            return Ok(value);
        }
        let value = self.integral(bounds, body, var)?;
        if self.integral_values.len() < MAX_MEMO {
            self.integral_values.insert(key, value);
        }
        Ok(value)
    }

    /// The names `expr` mentions that are not bound inside it.
    fn free_names(&mut self, expr: &Expr) -> Option<Rc<[String]>> {
        let address = expr as *const Expr as usize;
        if let Some(names) = self.integral_names.get(&address) {
            return names.clone();
        }
        let mut walk = FreeSymbols::new(self.env);
        walk.visit(expr);
        let names = (!walk.truncated).then(|| walk.found.into_iter().collect());
        self.integral_names.insert(address, names.clone());
        names
    }
}
