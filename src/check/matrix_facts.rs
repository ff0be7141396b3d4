//! The named facts of vector and matrix steps, from their lowering.

use crate::program::Chain;
use crate::report::{StepVerdict, Verdict};

/// The facts of vectors and matrices that bridge verified step `i`: those the
/// lowering of one of its two expressions used and the other's did not (see
/// `lower::matrix`).
pub(super) fn matrix_facts(chain: &Chain, i: usize, verdict: &mut StepVerdict) {
    let Some((this, other)) = super::compared_steps(chain, i, verdict.against) else {
        return;
    };
    let Verdict::Verified { facts, .. } = &mut verdict.verdict else {
        return;
    };
    for fact in this.facts.iter().chain(&other.facts) {
        let in_both = this.facts.contains(fact) && other.facts.contains(fact);
        let stated = crate::report::StatedFact {
            fact: crate::verdict::Fact::MatrixLaw(fact.clone()),
            statement: fact.clone(),
        };
        if !in_both && !facts.contains(&stated) {
            facts.push(stated);
        }
    }
}
