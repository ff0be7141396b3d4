//! Sums and products over an integer range, and the data `x_1, …, x_n` they run over.
//!
//! A sum's bounds are counts: the sampler gives a symbol in a bound a small positive
//! integer (`sample::COUNT_VALUES`), so every point is a sample size. The data of a
//! name `x` are not symbols of their own (there are as many as the point's `n`): the
//! point holds one value `v` for them, under [`data_key`], and the `k`-th datum is
//! [`datum`]`(x, v, k)`, a fixed irregular spread around `v` (between ½v and 3⁄2v, so
//! its sign is v's and positive data stay positive). Different names get different
//! spreads, so `x` and `y` are not proportional. Nothing here is shared with the
//! engine: its sums are proved for a symbolic `n`, these are added up term by term.

use super::budget::{EvalError, EvalResult};
use super::env::key;
use super::eval::Evaluator;
use crate::syntax::ast::{Expr, Ident, SeriesOp};

/// Most terms of one sum or product evaluated; a longer range is not evaluated.
pub const MAX_SERIES_TERMS: f64 = 10_000.0;

/// How many data a witness shows: as many as the largest sample size drawn.
pub const SHOWN_DATA: usize = 6;

/// The point's key for the data of the name `base` (`x` for `x_i`): `x_{…}`.
pub fn data_key(base: &str) -> String {
    format!("{base}_{{…}}")
}

/// The name whose data `key` holds, if it is a [`data_key`].
pub fn data_base(key: &str) -> Option<&str> {
    key.strip_suffix("_{…}")
}

/// The `k`-th datum, rounded to the 6 decimals a witness prints: the data a witness
/// shows are the data the check used.
fn rounded(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The `k`-th datum of `base` at a point giving its data the value `scale`.
pub fn datum(base: &str, scale: f64, k: f64) -> f64 {
    let phase = base
        .chars()
        .fold(0.0, |acc, c| acc * 0.61803 + f64::from(u32::from(c) % 97));
    rounded(scale * (1.0 + 0.5 * (2.399_963 * k + phase).sin()))
}

/// The integer a bound evaluates to, or why it has none.
fn integer(value: f64, which: &str) -> EvalResult<f64> {
    let rounded = value.round();
    if (value - rounded).abs() > 1e-9 {
        return Err(EvalError::undefined(format!(
            "the {which} bound of a sum is {value}, not an integer"
        )));
    }
    Ok(rounded)
}

impl Evaluator<'_> {
    /// `Σ_{index=lower}^{upper} body` (or the product), term by term.
    pub(super) fn series(
        &mut self,
        op: SeriesOp,
        index: &Ident,
        lower: &Expr,
        upper: &Expr,
        body: &Expr,
    ) -> EvalResult<f64> {
        let lo = integer(self.eval(lower)?, "lower")?;
        let hi = integer(self.eval(upper)?, "upper")?;
        if hi - lo + 1.0 > MAX_SERIES_TERMS {
            return Err(format!(
                "a sum of {} terms is more than the {MAX_SERIES_TERMS} evaluated",
                hi - lo + 1.0
            )
            .into());
        }
        let mut total = match op {
            SeriesOp::Sum => 0.0,
            SeriesOp::Prod => 1.0,
        };
        let var = key(index);
        let mut k = lo;
        while k <= hi {
            self.stack.push((var.clone(), k));
            let term = self.eval(body);
            self.stack.pop();
            let term = term?;
            match op {
                SeriesOp::Sum => total += term,
                SeriesOp::Prod => total *= term,
            }
            if !total.is_finite() {
                return Err(format!("a partial sum evaluates to {total}").into());
            }
            k += 1.0;
        }
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_keep_the_sign_of_their_scale_and_differ_by_name_and_index() {
        for k in 1..=50 {
            let k = f64::from(k);
            assert!(datum("x", 0.5, k) > 0.0);
            assert!(datum("x", -2.0, k) < 0.0);
        }
        assert_ne!(datum("x", 1.0, 1.0), datum("x", 1.0, 2.0));
        let ratio = |k| datum("x", 1.0, k) / datum("y", 1.0, k);
        assert!((ratio(1.0) - ratio(2.0)).abs() > 1e-3);
    }
}
