//! The final form of a chain: its value in the smallest shape we can find.
//!
//! The normal form is fully expanded (seven terms for the seed's KL divergence), which
//! is correct but not what a reader wants. We build a few candidates from it, each
//! equal to it by construction of sound rewrites, and keep the one with the fewest
//! nodes: logarithms of positive quantities gathered into one (`log σ₂ − log σ₁ =
//! log(σ₂/σ₁)`), the rest over a common denominator with perfect squares recognised
//! (`μ₁² − 2μ₁μ₂ + μ₂² = (μ₁ − μ₂)²`), and the constant kept apart. An expression
//! written in closed form (no integral, no declared function left to expand) is a
//! candidate too, so the final form is never larger than the author's closed form.

use symbolica::atom::{Atom, AtomCore, AtomView};

use super::normalize::normalize;
use super::rules::{algebra, RuleCx};
use super::walk::{as_rational, factors, terms, unary_arg};
use super::State;
use std::sync::Arc;

use crate::program::Context;
use crate::term::{Rational, Term};
use crate::verdict::{Blocker, Family, FamilySet};

/// The smallest form found for `term`.
pub fn final_form(context: &Arc<Context>, term: &Term, state: &mut State) -> Result<Term, Blocker> {
    let mut cx = RuleCx::new(context, state);
    // A value that is undefined, or holds an integral not known to converge, has no
    // simplest form to print.
    super::domain::conditions(&[term], context, &mut cx)?;
    let families = FamilySet::of(&Family::ALL).without(Family::Substitution);
    let atom = cx.atom(term);
    let normal = normalize(&atom, families, &cx)?;
    let candidates = candidates(&normal, &cx)?;
    let mut best: Option<Term> = None;
    for candidate in candidates {
        let t = cx.to_term(candidate.as_view())?;
        if best.as_ref().is_none_or(|b| t.n_nodes() < b.n_nodes()) {
            best = Some(t);
        }
    }
    // The expression as written is the chain's value by definition; when it is in
    // closed form and smaller than anything found, it is the final form.
    match best {
        Some(ours) if !(is_closed_form(term) && term.n_nodes() < ours.n_nodes()) => Ok(ours),
        _ => Ok(term.clone()),
    }
}

/// No integral and no declared function: nothing left for the rules to evaluate.
fn is_closed_form(term: &Term) -> bool {
    match term {
        Term::Num(_) | Term::Sym(_) | Term::Pi => true,
        Term::Call(..) | Term::Integral { .. } | Term::Definite { .. } | Term::Limit { .. } => {
            false
        }
        Term::Add(ts) | Term::Mul(ts) => ts.iter().all(is_closed_form),
        Term::Pow(a, b) => is_closed_form(a) && is_closed_form(b),
        Term::Log(a) | Term::Exp(a) | Term::Special(_, a) => is_closed_form(a),
        // A sum with a symbolic range is as closed as it gets.
        Term::Series {
            lower, upper, body, ..
        } => is_closed_form(lower) && is_closed_form(upper) && is_closed_form(body),
        Term::Indexed(_, index) => is_closed_form(index),
    }
}

fn candidates(normal: &Atom, cx: &RuleCx<'_>) -> Result<Vec<Atom>, Blocker> {
    let (logs, constant, rest) = split_terms(normal, cx);
    let rest_sum = Atom::add_many(rest.iter());
    let constant = Atom::add_many(constant.iter());
    let over_common = complete_squares_in(&algebra::together(&rest_sum, cx)?);
    let all_common = complete_squares_in(&algebra::together(&(&rest_sum + &constant), cx)?);
    let mut out = Vec::new();
    for logs in gathered_logs(&logs, cx) {
        out.push(&logs + &over_common + &constant);
        out.push(&logs + &all_common);
        out.push(&logs + &rest_sum + &constant);
    }
    out.push(normal.clone());
    Ok(out)
}

/// The terms of `sum` split into `c·log(a)` terms, numbers, and the rest.
fn split_terms(sum: &Atom, cx: &RuleCx<'_>) -> (Vec<(Rational, Atom)>, Vec<Atom>, Vec<Atom>) {
    let (mut logs, mut constants, mut rest) = (Vec::new(), Vec::new(), Vec::new());
    for term in terms(sum.as_view()) {
        if let AtomView::Num(_) = term {
            constants.push(term.to_owned());
        } else if let Some(log_term) = as_log_term(term, cx) {
            logs.push(log_term);
        } else {
            rest.push(term.to_owned());
        }
    }
    (logs, constants, rest)
}

/// `(c, a)` when `term` is `c·log(a)` for a number `c` and a positive `a`.
fn as_log_term(term: AtomView<'_>, cx: &RuleCx<'_>) -> Option<(Rational, Atom)> {
    let mut coefficient = Rational::int(1);
    let mut argument = None;
    for f in factors(term) {
        if let Some(r) = as_rational(f) {
            coefficient = r;
        } else if let Some(a) = unary_arg(f, cx.symbols.log) {
            if argument.replace(a.to_owned()).is_some() {
                return None;
            }
        } else {
            return None;
        }
    }
    let argument = argument?;
    cx.signs
        .is_positive(argument.as_view())
        .then_some((coefficient, argument))
}

/// `Σ cᵢ log aᵢ` as one logarithm, valid because every `aᵢ` is positive: candidates
/// `log(Π aᵢ^cᵢ)`, and `c·log(Π aᵢ^(cᵢ/c))` with `c` the smallest coefficient in size
/// (so `½ log 2 + ½ log π + log σ` can read `½ log(2πσ²)` and `−log σ₁` stays so).
fn gathered_logs(logs: &[(Rational, Atom)], cx: &RuleCx<'_>) -> Vec<Atom> {
    if logs.is_empty() {
        return vec![Atom::num(0)];
    }
    let smallest = logs
        .iter()
        .map(|(c, _)| Rational::new(c.num().abs(), c.den()).unwrap_or(*c))
        .min_by(|a, b| (a.num() * b.den()).cmp(&(b.num() * a.den())))
        .unwrap_or(Rational::int(1));
    // Factor out a minus sign only when every coefficient is negative.
    let all_negative = logs.iter().all(|(c, _)| c.num() < 0);
    let smallest = if all_negative {
        Rational::new(-smallest.num(), smallest.den()).unwrap_or(smallest)
    } else {
        smallest
    };
    // The factored form first: among forms of equal size it reads better.
    let mut out = Vec::new();
    if smallest != Rational::int(1) {
        out.push(one_log(logs, smallest, cx));
    }
    out.push(one_log(logs, Rational::int(1), cx));
    out
}

/// `c·log(Π aᵢ^(cᵢ/c))`.
fn one_log(logs: &[(Rational, Atom)], c: Rational, cx: &RuleCx<'_>) -> Atom {
    let powers: Vec<Atom> = logs
        .iter()
        .map(|(ci, a)| {
            let (n, d) = (ci.num() * c.den(), ci.den() * c.num());
            a.pow(Atom::num((n, d)))
        })
        .collect();
    let product = algebra::canonical_numbers(&Atom::mul_many(powers.iter()), cx);
    if product.is_one() {
        return Atom::num(0);
    }
    Atom::num((c.num(), c.den())) * cx.symbols.log.call_args([&product])
}

/// Recognise perfect squares in the sums that are factors of `atom` (the numerator
/// of a `together` result).
fn complete_squares_in(atom: &Atom) -> Atom {
    let pieces: Vec<Atom> = factors(atom.as_view())
        .into_iter()
        .map(|f| match f {
            AtomView::Add(_) => complete_squares(f),
            other => other.to_owned(),
        })
        .collect();
    Atom::mul_many(pieces.iter())
}

/// `c·u² ± 2c·u·v + c·v²` → `c·(u ± v)²`, greedily, for the symbols `u`, `v` of `sum`.
fn complete_squares(sum: AtomView<'_>) -> Atom {
    let mut remaining: Vec<Atom> = terms(sum).into_iter().map(|t| t.to_owned()).collect();
    let mut squares = Vec::new();
    'search: loop {
        for i in 0..remaining.len() {
            for j in 0..remaining.len() {
                if i == j {
                    continue;
                }
                let (Some((cu, u)), Some((cv, v))) =
                    (square_of(&remaining[i]), square_of(&remaining[j]))
                else {
                    continue;
                };
                if cu != cv {
                    continue;
                }
                for sign in [1, -1] {
                    let cross = Atom::num(2 * sign) * &cu * &u * &v;
                    if let Some(k) = remaining.iter().position(|t| t == &cross) {
                        let square = &cu * (&u + Atom::num(sign) * &v).pow(Atom::num(2));
                        let mut used = [i, j, k];
                        used.sort_unstable();
                        for idx in used.iter().rev() {
                            let _ = remaining.remove(*idx);
                        }
                        squares.push(square);
                        continue 'search;
                    }
                }
            }
        }
        break;
    }
    squares.extend(remaining);
    Atom::add_many(squares.iter())
}

/// `(c, u)` when `term` is `c·u²` for a number `c` and a variable `u`.
fn square_of(term: &Atom) -> Option<(Atom, Atom)> {
    let mut coefficient = Atom::num(1);
    let mut base = None;
    for f in factors(term.as_view()) {
        match f {
            AtomView::Num(_) => coefficient = f.to_owned(),
            AtomView::Pow(p) => {
                let (b, e) = p.get_base_exp();
                if !matches!(b, AtomView::Var(_)) || as_rational(e) != Some(Rational::int(2)) {
                    return None;
                }
                if base.replace(b.to_owned()).is_some() {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some((coefficient, base?))
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::final_form;

    const KL_DECLS: &str =
        "let p_1(x) = N(x; \\mu_1, \\sigma_1^2)\nlet p_2(x) = N(x; \\mu_2, \\sigma_2^2)";

    #[test]
    fn the_kl_divergence_from_its_definition() {
        insta::assert_snapshot!(
            final_form(KL_DECLS, r"\int p_1(x) \log \frac{p_1(x)}{p_2(x)} dx"),
            @"log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − 1/2"
        );
    }

    #[test]
    fn logs_gather_and_squares_complete() {
        insta::assert_snapshot!(final_form("assume a, b > 0", r"\log a - \log b + a^2 - 2ab + b^2"), @"log(a/b) + (a − b)²");
        insta::assert_snapshot!(final_form(r"assume \sigma > 0", r"\frac{1}{2}\log 2 + \frac{1}{2}\log \pi + \log \sigma"), @"log(2πσ²)/2");
        insta::assert_snapshot!(final_form(r"assume \sigma > 0", r"-\log \sigma"), @"−log(σ)");
    }

    #[test]
    fn a_closed_form_as_written_is_kept_when_nothing_smaller_is_found() {
        insta::assert_snapshot!(final_form("", "(a + b + c)^2"), @"(a + b + c)²");
    }

    #[test]
    fn logs_of_unknown_sign_are_not_gathered() {
        insta::assert_snapshot!(final_form("", r"\log a + \log b"), @"log(a) + log(b)");
    }
}
