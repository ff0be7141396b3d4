//! The evidence behind a verdict, as data: the facts that proved a step (with their
//! statements), the edit a hint proposes, what blocked an undecided step. `check`
//! fills it; renderers make words of it (human, HTML, editors) or write it as fields
//! (JSON).

use crate::term::Term;
use crate::verdict::{Blocker, Fact};

/// The one-term edit of a wrong step that a hint proposes: the slip it undoes, and
/// the summand of the step (as written, definitions not expanded) it is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// The term's sign flipped.
    FlipSign(Term),
    /// Subscript `from` made `to` in the term (`1` ↔ `2`).
    SwapSubscript {
        /// The term.
        term: Term,
        /// The name as written.
        from: crate::term::Name,
        /// The name it should be.
        to: crate::term::Name,
    },
    /// The term left out.
    LeaveOut(Term),
    /// The term doubled.
    Double(Term),
    /// The term halved.
    Halve(Term),
    /// This term added back (a dropped term).
    Restore(Term),
}

/// A named fact a proof used, and its statement for this file's names (`variance of
/// p₁: ∫ (x − μ₁)²·p₁(x) dx = σ₁²`).
#[derive(Debug, Clone, PartialEq)]
pub struct StatedFact {
    /// The fact.
    pub fact: Fact,
    /// Its statement.
    pub statement: String,
}

impl std::fmt::Display for StatedFact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.statement)
    }
}

/// What kept a step from being decided, as data: the evidence behind an undecided
/// verdict's words.
#[derive(Debug, Clone, PartialEq)]
pub enum Blocked {
    /// The engine could not go on (an integrand outside its class, a limit, an
    /// undefined value); `numbers_differ` when the numeric side found the sides apart.
    Engine {
        /// What stopped it.
        blocker: Blocker,
        /// Whether the numeric side saw the sides differ (which, with no proof that
        /// they differ, is not a witness).
        numbers_differ: bool,
    },
    /// The engine could not prove it, and the numbers do not refute it (they agree,
    /// or no witness was found): `difference` is what remained, when confirmed.
    Unproved {
        /// The remaining difference `this − previous`, confirmed by the numbers.
        difference: Option<Term>,
        /// Whether the numbers agree at every point tried.
        numbers_agree: bool,
    },
    /// The engine proved it but the numeric side could not evaluate it, so it is not
    /// verified.
    NoSecondOpinion {
        /// Why the numeric side could not.
        why: String,
    },
    /// The engine proved it, but one side is undefined at a point where the other is
    /// not, and the proof states no condition that excludes the point.
    DomainDiffers,
    /// It holds once these symbols are assumed positive, which they are not.
    PositivityNeeded {
        /// The symbols, by key.
        symbols: Vec<crate::term::Name>,
    },
}
