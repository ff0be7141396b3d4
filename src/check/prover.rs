//! What the checker asks of a symbolic engine, as a trait, so that the checker, the
//! merge of the two opinions and the hints can be tested against a fake engine that
//! claims whatever a test needs (a false proof, a final form that is not the chain's
//! value) and the numeric side's answer to each claim can be seen.
//!
//! The real implementation is the Symbolica engine (`crate::engine::Engine`); the
//! checker never names it. Everything crossing this boundary is plain Rust data.

use std::sync::Arc;

pub use crate::engine::{Proof, Sign, StepQuery, SymbolicOutcome};
use crate::program::Context;
use crate::term::Term;
use crate::verdict::{Blocker, FamilySet, Limits};

/// The answer of [`Prover::begin_check_step`], on its way.
pub struct Pending<'a>(Box<dyn FnOnce() -> SymbolicOutcome + Send + 'a>);

impl<'a> Pending<'a> {
    /// An answer that `answer` gives when it is waited for.
    pub fn later(answer: impl FnOnce() -> SymbolicOutcome + Send + 'a) -> Self {
        Pending(Box::new(answer))
    }

    /// The answer, once it is there.
    pub fn wait(self) -> SymbolicOutcome {
        (self.0)()
    }
}

/// A symbolic engine, as the checker uses it. Every answer is a *claim*: the checker
/// gives each one that reaches the user its numeric second opinion.
pub trait Prover: Sync {
    /// Decide one step: proved (with the smallest set of families and the facts
    /// used), different (with `rhs − lhs` in normal form), or blocked.
    fn check_step(&self, query: StepQuery) -> SymbolicOutcome;

    /// [`Prover::check_step`], begun now and waited for later, so that the caller can
    /// do other work meanwhile (the numeric side, while the engine thread works). By
    /// default the work is done when the answer is waited for.
    fn begin_check_step(&self, query: StepQuery) -> Pending<'_> {
        Pending::later(move || self.check_step(query))
    }

    /// Whether the step holds under all of the query's families: the cheap test
    /// behind hints and the positivity diagnosis.
    fn holds(&self, query: StepQuery) -> bool;

    /// The normal forms of both sides under `families`, for `--explain`.
    fn normal_forms(&self, query: StepQuery, families: FamilySet) -> Result<(Term, Term), Blocker>;

    /// The smallest form found for `term`, claimed equal to it.
    fn final_form(
        &self,
        context: Arc<Context>,
        term: Term,
        limits: Limits,
    ) -> Result<Term, Blocker>;

    /// `num / den` simplified, with its sign when known everywhere: the factor by
    /// which one equation of a chain of equations is the one before. A prover that
    /// cannot tell says so (the step is then undecided).
    fn ratio(
        &self,
        context: Arc<Context>,
        num: Term,
        den: Term,
        limits: Limits,
    ) -> Result<(Term, Option<Sign>), Blocker> {
        let _ = (context, num, den, limits);
        Err(Blocker::Internal("this prover finds no ratios".into()))
    }

    /// `limits` with the clock of a new step started now, for every request made for
    /// that step. A prover that must first start (and wait for a lock) does so before
    /// the clock starts.
    fn start_step(&self, limits: Limits) -> Limits {
        limits.start_step()
    }
}
