//! Derivatives of terms, for `\frac{d}{dx}` and `\frac{\partial^n}{\partial \mu^n}`.
//!
//! The rules of differentiation on [`Term`]s, calls written out first: sums,
//! products, powers, `log`, `exp`, `erf` (`d erf(u) = 2/√π e^{−u²} du`), and integrals
//! differentiated under the integral sign, `d/dμ ∫ f(x, μ) dx = ∫ ∂f/∂μ dx`. The
//! domain check then requires the differentiated integral to converge absolutely
//! (the Gaussian class), which is what makes the exchange valid for it. What has no
//! rule here (Γ of the variable, an integral whose limits depend on it) is an error
//! naming it, never a guess. The numeric side differentiates the syntax tree
//! independently (Ridders' extrapolation of central differences).

use crate::term::{Name, Rational, Special, Term};

/// `d term / d x`, or what has no rule.
pub fn derivative(term: &Term, x: &Name) -> Result<Term, String> {
    if !term.free_symbols().contains(x) {
        return Ok(Term::int(0));
    }
    let d = |t: &Term| derivative(t, x);
    Ok(match term {
        Term::Num(_) | Term::Pi => Term::int(0),
        Term::Sym(n) => Term::int(i64::from(n == x)),
        Term::Add(ts) => sum(ts.iter().map(d).collect::<Result<Vec<_>, _>>()?),
        Term::Mul(ts) => {
            let mut parts = Vec::new();
            for (i, t) in ts.iter().enumerate() {
                let dt = d(t)?;
                if is_zero(&dt) {
                    continue;
                }
                let others = ts
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, t)| t.clone());
                parts.push(Term::mul(std::iter::once(dt).chain(others)));
            }
            sum(parts)
        }
        Term::Pow(base, exponent) => {
            let (db, de) = (d(base)?, d(exponent)?);
            let power = term.clone();
            if is_zero(&de) {
                // (bᵉ)' = e·b^(e−1)·b', with e − 1 computed for a number (b⁰ would ask
                // b ≠ 0 of the domain, which (b²)' = 2b does not need).
                let lowered = match exponent.as_ref() {
                    Term::Num(r) => match Rational::new(r.num() - r.den(), r.den()) {
                        Some(r) if r.num() == 0 => None,
                        Some(r) => Some(Term::Num(r)),
                        None => return Err("an exponent too large".into()),
                    },
                    e => Some(Term::add([e.clone(), Term::int(-1)])),
                };
                let power = match lowered {
                    None => Term::int(1),
                    Some(Term::Num(r)) if r.num() == r.den() => (**base).clone(),
                    Some(e) => Term::pow((**base).clone(), e),
                };
                Term::mul([(**exponent).clone(), power, db])
            } else {
                // (bᵉ)' = bᵉ·(e'·log b + e·b'/b)
                sum(vec![
                    Term::mul([power.clone(), de, Term::log((**base).clone())]),
                    Term::mul([
                        power,
                        (**exponent).clone(),
                        db,
                        Term::pow((**base).clone(), Term::int(-1)),
                    ]),
                ])
            }
        }
        Term::Log(a) => Term::mul([d(a)?, Term::pow((**a).clone(), Term::int(-1))]),
        Term::Exp(a) => Term::mul([term.clone(), d(a)?]),
        Term::Special(Special::Erf, a) => Term::mul([
            Term::int(2),
            Term::pow(Term::Pi, Term::frac(-1, 2)),
            Term::exp(Term::negate(Term::pow((**a).clone(), Term::int(2)))),
            d(a)?,
        ]),
        Term::Special(Special::Gamma, _) => {
            return Err("the derivative of Γ (the digamma function) is not known".into())
        }
        // |u|' = sign(u)·u′ everywhere but where u = 0, a case split the derivative
        // would hide.
        Term::Special(Special::Abs, _) => {
            return Err("the derivative of an absolute value (it has a kink where it is 0)".into())
        }
        Term::Call(f, _) => return Err(format!("`{f}` has no formula to differentiate")),
        Term::Limit { .. } => return Err("a limit depending on the variable".into()),
        Term::Integral { var, body } => Term::Integral {
            var: var.clone(),
            body: Box::new(d(body)?),
        },
        // A finite sum term by term: `d/dμ Σ_i f(x_i, μ) = Σ_i ∂f/∂μ`.
        Term::Series {
            op: crate::term::SeriesOp::Sum,
            var,
            lower,
            upper,
            body,
        } => {
            if [lower, upper].iter().any(|l| l.free_symbols().contains(x)) {
                return Err(format!("a sum whose range depends on {x}"));
            }
            Term::Series {
                op: crate::term::SeriesOp::Sum,
                var: var.clone(),
                lower: lower.clone(),
                upper: upper.clone(),
                body: Box::new(d(body)?),
            }
        }
        Term::Series { .. } => {
            return Err("the derivative of a product over an index (take its log first)".into())
        }
        Term::Indexed(..) => return Err(format!("a datum whose index depends on {x}")),
        Term::Definite {
            var,
            body,
            lower,
            upper,
        } => {
            let limits_move = term
                .finite_limits()
                .iter()
                .any(|l| l.free_symbols().contains(x));
            if limits_move {
                return Err(format!(
                    "an integral whose limits depend on {x} (Leibniz's rule is not applied)"
                ));
            }
            Term::Definite {
                var: var.clone(),
                body: Box::new(d(body)?),
                lower: lower.clone(),
                upper: upper.clone(),
            }
        }
    })
}

fn is_zero(term: &Term) -> bool {
    matches!(term, Term::Num(r) if r.num() == 0)
}

/// The sum of the non-zero terms.
fn sum(terms: Vec<Term>) -> Term {
    Term::add(terms.into_iter().filter(|t| !is_zero(t)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::unicode;

    fn d(t: &Term) -> String {
        unicode(&derivative(t, &Name::new("x")).unwrap())
    }

    #[test]
    fn rules() {
        let x = Term::sym("x");
        assert_eq!(d(&Term::pow(x.clone(), Term::int(3))), "3x²");
        assert_eq!(
            d(&Term::exp(Term::mul([Term::sym("t"), x.clone()]))),
            "exp(tx)t"
        );
        assert_eq!(d(&Term::sym("t")), "0");
        let gamma = Term::Special(Special::Gamma, Box::new(x));
        assert!(derivative(&gamma, &Name::new("x")).is_err());
    }
}
