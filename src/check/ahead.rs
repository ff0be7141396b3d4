//! The numeric comparison made while the engine thread decides a step.

use crate::numeric::{Budget, NumericOutcome};

/// The numeric comparison of a step's sides, made while the engine decides the step,
/// and so before the engine's difference is confirmed, which it used to follow: both
/// spend the step's one budget. It runs on a budget of its own, as large as what is
/// left; it stands when that is still left after the difference was confirmed and it
/// never ran short, for then every evaluation went exactly as it would have in the
/// old order. Otherwise it is made again, in that order, on the step's budget: the
/// same outcome, the same witnesses, whatever the timing.
pub(super) struct NumericAhead {
    outcome: NumericOutcome,
    /// Visits it spent.
    spent: u64,
    /// Whether it may have run short (it left nothing).
    short: bool,
}

impl NumericAhead {
    pub(super) fn run(
        budget: &Budget,
        compare: impl FnOnce(&Budget) -> NumericOutcome,
    ) -> NumericAhead {
        let own = Budget::new(budget.remaining());
        let outcome = compare(&own);
        NumericAhead {
            outcome,
            spent: budget.remaining() - own.remaining(),
            short: own.remaining() == 0,
        }
    }

    /// The outcome, its cost taken from `budget`; or, when it might have gone
    /// otherwise on what `budget` has left, `compare` made again on it.
    pub(super) fn outcome(
        self,
        budget: &Budget,
        compare: impl FnOnce(&Budget) -> NumericOutcome,
    ) -> NumericOutcome {
        if !self.short && budget.remaining() >= self.spent && budget.spend(self.spent) {
            self.outcome
        } else {
            compare(budget)
        }
    }
}
