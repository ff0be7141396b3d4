//! Conditions an author writes beside a step, `x^2 = x \quad (x \in \{0, 1\})` or
//! `(a + b)^2 = a^2 + b^2 \quad (\text{mod } 2)`: the row reader keeps them as words
//! (see `syntax::annotation`), and `verify` does not read them, so a step is checked
//! for every value. A proof for every value holds under the condition too; a witness
//! against every value may break the condition, so it is no witness against the
//! author: such a step is undecided, with the numbers and the condition named.

use crate::report::{StepVerdict, Verdict};
use crate::syntax::ast::Step;

/// Relation commands, symbols and words that make bracketed words beside a step a
/// condition on it. Commands and words are matched whole (`\le`, never in `\left`).
const CONDITION_COMMANDS: &[&str] = &[
    "le", "leq", "ge", "geq", "ne", "neq", "in", "notin", "to", "equiv", "pmod", "bmod",
];
const CONDITION_SYMBOLS: &[char] = &['<', '>', '=', '≠', '≤', '≥', '∈'];
const CONDITION_WORDS: &[&str] = &["mod", "for", "if", "when", "where", "provided", "unless"];

/// The first condition written beside `step`, as the author wrote it.
pub(super) fn condition_beside(step: &Step) -> Option<&str> {
    step.annotations
        .iter()
        .map(|a| a.text.as_str())
        .find(|text| is_condition(text))
}

/// Whether words beside a step state a condition: a bracketed group after wide space,
/// `(x > 0)`, `(\text{mod } 2)`, `(x \in \{0, 1\})`, holding a relation or a condition
/// word; not `(3)`, `(by parts)`, nor words that are no bracket (`:=` over an `=`, a
/// brace's label `=\mathbb{E}[X]`: those are the author's justification).
fn is_condition(text: &str) -> bool {
    let bracketed = (text.starts_with('(') && text.ends_with(')'))
        || (text.starts_with('[') && text.ends_with(']'));
    if !bracketed {
        return false;
    }
    let inner = &text[1..text.len() - 1];
    let mut words = inner.split(|c: char| !c.is_alphabetic() && c != '\\');
    inner.contains(CONDITION_SYMBOLS)
        || words.any(|word| match word.strip_prefix('\\') {
            Some(command) => CONDITION_COMMANDS.contains(&command),
            None => CONDITION_WORDS.contains(&word.to_lowercase().as_str()),
        })
}

/// A wrong verdict on a step with a condition beside it becomes undecided: the
/// witness is a point of every value, and may lie outside the condition.
pub(super) fn weigh(verdict: &mut StepVerdict, condition: &str) {
    no_witness(
        verdict,
        &format!("and the condition `{condition}` written beside it is not read"),
    );
}

/// A wrong verdict whose witness may be a point the author excluded (by a condition
/// beside the step, or by a value the text gives a name, see `elsewhere`) becomes
/// undecided: "it does not hold for every value (at … the sides are … and …), `why`".
pub(super) fn no_witness(verdict: &mut StepVerdict, why: &str) {
    let Verdict::Wrong {
        point, lhs, rhs, ..
    } = &verdict.verdict
    else {
        return;
    };
    let at = crate::print::assignments(point.iter().map(|(n, v)| (n.as_str(), *v)));
    let reason = format!(
        "it does not hold for every value (at {at} the sides are {} and {}), {why}",
        crate::print::number(*lhs),
        crate::print::number(*rhs),
    );
    verdict.verdict = Verdict::Undecided {
        reason,
        blocked: None,
    };
}

#[cfg(test)]
mod tests {
    use super::is_condition;

    #[test]
    fn conditions_are_told_from_labels_and_justifications() {
        for text in [
            "(x > 0)",
            r"(x \in \{0, 1\})",
            "(mod 2)",
            r"(\sigma \ne 0)",
            "(for all n)",
            "(x ≥ 1)",
            r"(n \ge 1)",
        ] {
            assert!(is_condition(text), "{text}");
        }
        // Labels, justifications, and words that are no bracket: `:=` written over an
        // `=`, a brace's label, `\left` (which holds `\le`), `\int` (which holds `\in`).
        for text in [
            "(3)",
            "by parts",
            "(linearity)",
            "(a)",
            "(eq:kl)",
            ":=",
            r"=\mathbb{E}[X]",
            r"(by \left. F \right|)",
            r"(\int p \, dx)",
            "x > 0",
        ] {
            assert!(!is_condition(text), "{text}");
        }
    }
}
