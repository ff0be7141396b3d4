//! Chains of equations (`0 = f(μ) ⇔ 0 = g(μ) ⇔ μ = x̄`): the factor one equation's
//! difference of sides is of the one before, and its sign.
//!
//! Two equations `A = 0` and `B = 0` have the same solutions when `B = q·A` for a `q`
//! that is non-zero (and finite) wherever they are defined. The engine finds `q` as
//! `B/A` over a common denominator, with both in normal form, and asks the sign oracle
//! whether it is positive or negative everywhere; the checker then has `B = q·A`
//! proved as an ordinary step and confirmed by the numeric side. Solving for a
//! variable is the same test: `μ − x̄ = (1/n)·(n μ − Σ x_i)`, "divided by n".

use std::sync::Arc;

use symbolica::atom::AtomCore;

use super::normalize::normalize;
use super::rules::{algebra, RuleCx};
use super::State;
use crate::program::Context;
use crate::term::Term;
use crate::verdict::{Blocker, Family, FamilySet};

/// The sign of a factor, when the sign oracle knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// Positive wherever it is defined.
    Positive,
    /// Negative wherever it is defined.
    Negative,
}

/// `num / den` in its simplest form, with its sign if known.
pub fn ratio(
    context: &Arc<Context>,
    num: &Term,
    den: &Term,
    state: &mut State,
) -> Result<(Term, Option<Sign>), Blocker> {
    let mut cx = RuleCx::new(context, state);
    let families = FamilySet::of(&Family::ALL).without(Family::Substitution);
    let (num, den) = (cx.atom(num), cx.atom(den));
    let num = normalize(&num, families, &cx)?;
    let den = normalize(&den, families, &cx)?;
    if den.is_zero() {
        return Err(Blocker::Undefined(
            "the equation before holds for every value (it is 0 = 0)".into(),
        ));
    }
    let q = algebra::together(&(&num / &den), &cx)?;
    let sign = if cx.signs.is_positive(q.as_view()) {
        Some(Sign::Positive)
    } else if cx.signs.is_positive((-&q).expand().as_view()) {
        Some(Sign::Negative)
    } else {
        None
    };
    Ok((cx.to_term(q.as_view())?, sign))
}
