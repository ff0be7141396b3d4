//! Bounds checked on a [`Term`] before it reaches Symbolica, so that untrusted input
//! cannot make the engine build astronomically large numbers or expressions (which
//! would exhaust memory, or abort inside the arithmetic library).
//!
//! Expansion sizes are bounded separately, in `rules::algebra`, where they arise.

use crate::term::Term;
use crate::verdict::{Blocker, Limit, Limits};

/// The deepest expression accepted, in levels of the term tree. Normalising nested
/// powers costs far more than linear time in the depth: 199 nested `\sqrt{…}` (which
/// the parser accepts) took 24 s in a release build, 100 took 3 s, 50 half a second
/// (a deep seed input written for the fuzzer). Every derivation and fixture in the
/// repository passes under it.
pub const MAX_DEPTH: usize = 64;

/// Refuse terms that are too large or too deep, or raise something to a huge constant
/// power.
pub fn check_term(term: &Term, limits: &Limits) -> Result<(), Blocker> {
    let n_nodes = term.n_nodes();
    if n_nodes > limits.max_nodes {
        return Err(Blocker::Limit(Limit::ExpressionSize {
            found: n_nodes,
            max: limits.max_nodes,
        }));
    }
    let depth = depth(term);
    if depth > MAX_DEPTH {
        return Err(Blocker::Limit(Limit::ExpressionDepth {
            found: depth,
            max: MAX_DEPTH,
        }));
    }
    check_exponents(term, f64::from(limits.max_exponent))
}

/// Levels in the term tree: 1 for a leaf.
fn depth(term: &Term) -> usize {
    1 + match term {
        Term::Num(_) | Term::Sym(_) | Term::Pi => 0,
        Term::Add(ts) | Term::Mul(ts) | Term::Call(_, ts) => {
            ts.iter().map(depth).max().unwrap_or(0)
        }
        Term::Pow(a, b) => depth(a).max(depth(b)),
        Term::Log(a) | Term::Exp(a) => depth(a),
        Term::Integral { body, .. } => depth(body),
    }
}

fn check_exponents(term: &Term, max: f64) -> Result<(), Blocker> {
    let check_exponents = |t: &Term| check_exponents(t, max);
    match term {
        Term::Num(_) | Term::Sym(_) | Term::Pi => Ok(()),
        Term::Add(ts) | Term::Mul(ts) | Term::Call(_, ts) => {
            ts.iter().try_for_each(&check_exponents)
        }
        Term::Log(a) | Term::Exp(a) => check_exponents(a),
        Term::Integral { body, .. } => check_exponents(body),
        Term::Pow(base, exp) => {
            check_exponents(base)?;
            check_exponents(exp)?;
            match constant_value(exp) {
                Some(e) if e.abs() > max => Err(Blocker::Limit(Limit::Exponent {
                    found: if e.is_finite() { e as i64 } else { i64::MAX },
                    max: max as i64,
                })),
                _ => Ok(()),
            }
        }
    }
}

/// The value of a term without symbols, roughly (for bounds only; NaN if undefined).
fn constant_value(term: &Term) -> Option<f64> {
    Some(match term {
        Term::Num(r) => r.to_f64(),
        Term::Pi => std::f64::consts::PI,
        Term::Sym(_) | Term::Call(..) | Term::Integral { .. } => return None,
        Term::Add(ts) => ts.iter().map(constant_value).sum::<Option<f64>>()?,
        Term::Mul(ts) => ts.iter().map(constant_value).product::<Option<f64>>()?,
        Term::Pow(b, e) => constant_value(b)?.powf(constant_value(e)?),
        Term::Log(a) => constant_value(a)?.ln(),
        Term::Exp(a) => constant_value(a)?.exp(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_constant_exponents_are_refused() {
        let tower = Term::pow(Term::int(10), Term::pow(Term::int(10), Term::int(10)));
        assert!(matches!(
            check_term(&tower, &Limits::default()),
            Err(Blocker::Limit(Limit::Exponent { .. }))
        ));
        assert!(check_term(
            &Term::pow(Term::int(2), Term::int(100_000)),
            &Limits::default()
        )
        .is_err());
        assert!(check_term(
            &Term::pow(Term::sym("x"), Term::int(20)),
            &Limits::default()
        )
        .is_ok());
        assert!(check_term(&Term::pow(Term::int(2), Term::sym("x")), &Limits::default()).is_ok());
        let tight = Limits {
            max_exponent: 10,
            ..Limits::default()
        };
        assert!(check_term(&Term::pow(Term::int(2), Term::int(11)), &tight).is_err());
    }

    /// Found with a seed input for the fuzzer: 199 nested square roots took 24 s.
    #[test]
    fn deep_terms_are_refused() {
        let nested =
            |levels: usize| (0..levels).fold(Term::sym("x"), |t, _| Term::pow(t, Term::frac(1, 2)));
        assert!(check_term(&nested(MAX_DEPTH - 1), &Limits::default()).is_ok());
        assert!(matches!(
            check_term(&nested(199), &Limits::default()),
            Err(Blocker::Limit(Limit::ExpressionDepth {
                found: 200,
                max: MAX_DEPTH
            }))
        ));
    }
}
