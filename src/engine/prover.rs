//! The engine as the checker's [`Prover`]: each method forwards to the engine thread.
//! Kept apart from `mod.rs` so the engine's own API stays as it is.

use std::sync::Arc;

use super::{Engine, Sign, StepQuery, SymbolicOutcome};
use crate::check::{Pending, Prover};
use crate::program::Context;
use crate::term::Term;
use crate::verdict::{Blocker, FamilySet, Limits};

impl Prover for Engine {
    fn check_step(&self, query: StepQuery) -> SymbolicOutcome {
        Engine::check_step(self, query)
    }

    fn begin_check_step(&self, query: StepQuery) -> Pending<'_> {
        let answer = Engine::begin_check_step(self, query);
        Pending::later(answer)
    }

    fn holds(&self, query: StepQuery) -> bool {
        Engine::holds(self, query)
    }

    fn normal_forms(&self, query: StepQuery, families: FamilySet) -> Result<(Term, Term), Blocker> {
        Engine::normal_forms(self, query, families)
    }

    fn final_form(
        &self,
        context: Arc<Context>,
        term: Term,
        limits: Limits,
    ) -> Result<Term, Blocker> {
        Engine::final_form(self, context, term, limits)
    }

    fn start_step(&self, limits: Limits) -> Limits {
        Engine::start_step(self, limits)
    }

    fn ratio(
        &self,
        context: Arc<Context>,
        num: Term,
        den: Term,
        limits: Limits,
    ) -> Result<(Term, Option<Sign>), Blocker> {
        Engine::ratio(self, context, num, den, limits)
    }
}
