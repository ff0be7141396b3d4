//! What an evaluation costs and how it fails: one [`Budget`] of node visits shared by
//! all numeric work done for one step (both sides, every point, the confirmations of
//! the engine's formulas), and [`EvalError`], which says whether a point has no value
//! (the mathematics is undefined there), could not be computed, or ran out of budget.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

/// Node visits allowed for all numeric evaluation of one step: the seed's costliest
/// step uses about 0.2 million; past this the step is "too costly to evaluate" rather
/// than slow (about a second in a debug build).
pub const STEP_BUDGET: u64 = 20_000_000;

/// The error for an evaluation that exceeds its [`Budget`] or the nesting of
/// integrals: every other point would fail the same way, so the comparison stops.
pub const TOO_COSTLY: &str = "the expression is too costly to evaluate";

/// A number of node visits, spent by every evaluator it is lent to.
#[derive(Debug)]
pub struct Budget {
    remaining: AtomicU64,
}

impl Budget {
    /// A budget of `visits`.
    pub fn new(visits: u64) -> Self {
        Budget {
            remaining: AtomicU64::new(visits),
        }
    }

    /// A fresh budget for one step.
    pub fn per_step() -> Self {
        Budget::new(STEP_BUDGET)
    }

    /// Spends `visits`, or returns false when there are not that many left (and then
    /// none are left, so the work stops everywhere).
    pub fn spend(&self, visits: u64) -> bool {
        let before = self.remaining.load(Ordering::Relaxed);
        if before < visits {
            self.remaining.store(0, Ordering::Relaxed);
            return false;
        }
        self.remaining.store(before - visits, Ordering::Relaxed);
        true
    }

    /// Visits not spent yet.
    pub fn remaining(&self) -> u64 {
        self.remaining.load(Ordering::Relaxed)
    }
}

/// Evaluation result.
pub type EvalResult<T> = Result<T, EvalError>;

/// Why a point has no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalError {
    /// Which kind of failure.
    pub kind: Failure,
    /// What happened, for the report.
    pub message: String,
}

/// The kinds of [`EvalError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The expression has no real value here: a division by zero (or by a sum that is
    /// zero up to rounding), the log of a non-positive number, a root of a negative
    /// one. A fact about the mathematics, so one side undefined where the other is
    /// not means the two are not the same function.
    Undefined,
    /// The value could not be computed: an overflow, an integral that does not
    /// converge or that quadrature cannot trust, a name without a value.
    NotEvaluable,
    /// Over the budget or the nesting of integrals.
    TooCostly,
}

impl EvalError {
    /// An undefined value, with what is undefined.
    pub fn undefined(message: impl Into<String>) -> Self {
        EvalError {
            kind: Failure::Undefined,
            message: message.into(),
        }
    }

    /// The budget or the nesting is exhausted.
    pub fn too_costly() -> Self {
        EvalError {
            kind: Failure::TooCostly,
            message: TOO_COSTLY.into(),
        }
    }
}

impl From<String> for EvalError {
    /// A value that could not be computed.
    fn from(message: String) -> Self {
        EvalError {
            kind: Failure::NotEvaluable,
            message,
        }
    }
}

impl From<&str> for EvalError {
    fn from(message: &str) -> Self {
        message.to_string().into()
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_runs_out_once_and_for_all() {
        let budget = Budget::new(10);
        assert!(budget.spend(4));
        assert!(budget.spend(6));
        assert!(!budget.spend(1));
        assert_eq!(budget.remaining(), 0);
        let budget = Budget::new(10);
        assert!(!budget.spend(11));
        assert!(!budget.spend(1));
    }
}
