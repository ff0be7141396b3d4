//! The sign of a term from the assumptions alone, for reading a limit like
//! `(−∞ − μ)/σ`: numbers, π, exponentials, symbols known positive, and products,
//! quotients and powers of those. Anything else has no sign here (`None`), and the
//! limit is refused rather than guessed.

use std::collections::BTreeSet;

use crate::term::{Name, Term};

/// `Some(1)` or `Some(-1)` when the sign of `term` follows from `positive`.
pub fn sign(term: &Term, positive: &BTreeSet<Name>) -> Option<i8> {
    match term {
        Term::Num(r) => match r.num() {
            0 => None,
            n if n > 0 => Some(1),
            _ => Some(-1),
        },
        Term::Pi | Term::Exp(_) => Some(1),
        Term::Sym(name) => positive.contains(name).then_some(1),
        Term::Mul(factors) => factors
            .iter()
            .try_fold(1i8, |acc, f| Some(acc * sign(f, positive)?)),
        Term::Pow(base, _) => (sign(base, positive)? == 1).then_some(1),
        Term::Add(terms) => {
            let signs: Option<Vec<i8>> = terms.iter().map(|t| sign(t, positive)).collect();
            let signs = signs?;
            let first = *signs.first()?;
            signs.iter().all(|&s| s == first).then_some(first)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_from_the_assumptions() {
        let positive: BTreeSet<Name> = [Name::new("σ")].into();
        let sigma = Term::sym("σ");
        let over_sigma = Term::pow(sigma.clone(), Term::int(-1));
        assert_eq!(sign(&over_sigma, &positive), Some(1));
        assert_eq!(sign(&Term::negate(over_sigma), &positive), Some(-1));
        assert_eq!(sign(&Term::sym("μ"), &positive), None);
        assert_eq!(sign(&Term::int(0), &positive), None);
    }
}
