//! `A = B = 0 \Rightarrow C = D` with no marker on the last `=` and no words that set
//! it: the author sets the equation `B = 0`, or claims `B = 0` for every value (see
//! `syntax::Parsed::set_or_claimed`). The step is checked as the claim; holding, it
//! is true under both readings. Not holding, it is no mistake under the first, so no
//! witness convicts the author: the step is undecided, with both readings named and
//! the way to say which one is meant.

use crate::report::StepVerdict;
use crate::source::Span;

/// What an author writes to say the `= 0` sets an equation.
const HOW_TO_SET: &str = "and the `= 0` that a connective continues may set an equation \
rather than claim it: if it does, write `\\overset{!}{=} 0`, or say \"setting … to zero\" \
before the display";

/// Weigh the verdict on the step at `span` (its expression's span) when it is such a
/// `0`: a wrong verdict becomes undecided.
pub(super) fn weigh(zeros: &[Span], verdict: &mut StepVerdict, span: Span) {
    if zeros.contains(&span) {
        super::beside::no_witness(verdict, HOW_TO_SET);
    }
}
