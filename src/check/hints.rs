//! Hints for a wrong step: the likely slip, stated only when the engine has proved
//! that undoing it makes the step hold.
//!
//! The slips tried are the ones people make when copying a line, in this order: a
//! term's sign flipped, a subscript 1 and 2 swapped, a term too many, a factor 2
//! gained or lost, a term dropped.
//! Each candidate edits one term of the step and asks the engine whether the edited
//! step follows; the first that does, and that the numeric side agrees with, is the
//! hint. This runs for wrong steps only, so its few extra engine calls cost nothing on
//! a correct derivation.

use super::prover::{Prover, StepQuery};
use crate::print::{unicode, unicode_name};
use crate::report::Edit;
use crate::term::{Name, Term};

/// At most this many candidate edits are tried per step, so a long step with many
/// terms cannot make a report slow.
const MAX_CANDIDATES: usize = 48;

/// The hint for the wrong step `query.rhs` (claimed equal to `query.lhs`), whose
/// simplified difference from it is `difference`: the first edit the prover says makes
/// the step hold and `confirmed` (the numeric side) agrees does, said in words, and the
/// edited step itself.
pub(super) fn find(
    prover: &dyn Prover,
    query: &StepQuery,
    difference: Option<&Term>,
    confirmed: &dyn Fn(&Term) -> bool,
) -> Option<(String, Term, Edit)> {
    candidates(&query.rhs, difference)
        .into_iter()
        .take(MAX_CANDIDATES)
        .find(|candidate| {
            prover.holds(StepQuery {
                rhs: candidate.edited.clone(),
                ..query.clone()
            }) && confirmed(&candidate.edited)
        })
        .map(|candidate| {
            (
                format!("the step holds if {}", candidate.description),
                candidate.edited,
                candidate.edit,
            )
        })
}

/// A step with one slip undone, and how to say so.
struct Candidate {
    edited: Term,
    description: String,
    edit: Edit,
}

fn candidates(this: &Term, difference: Option<&Term>) -> Vec<Candidate> {
    let terms = summands(this);
    let mut out = Vec::new();
    for (i, term) in terms.iter().enumerate() {
        out.push(Candidate {
            edited: replace(&terms, i, Term::negate(term.clone())),
            description: format!("the sign of the term {} is flipped", unicode(term)),
            edit: Edit::FlipSign(term.clone()),
        });
    }
    for (i, term) in terms.iter().enumerate() {
        for (from, to) in swappable_subscripts(term) {
            let swapped = term.substitute(&|name| (name == &from).then(|| Term::Sym(to.clone())));
            let swapped = rename_calls(&swapped, &from, &to);
            out.push(Candidate {
                edited: replace(&terms, i, swapped),
                description: format!(
                    "{} is {} in the term {}",
                    unicode_name(&from),
                    unicode_name(&to),
                    unicode(term)
                ),
                edit: Edit::SwapSubscript {
                    term: term.clone(),
                    from: from.clone(),
                    to: to.clone(),
                },
            });
        }
    }
    // A term too many.
    if terms.len() > 1 {
        for (i, term) in terms.iter().enumerate() {
            let mut rest = terms.clone();
            rest.remove(i);
            out.push(Candidate {
                edited: Term::add(rest),
                description: format!("the term {} is left out", unicode(term)),
                edit: Edit::LeaveOut(term.clone()),
            });
        }
    }
    for (i, term) in terms.iter().enumerate() {
        let shown = unicode(term);
        let with = |replacement: Term| replace(&terms, i, replacement);
        out.push(Candidate {
            edited: with(Term::mul([Term::int(2), term.clone()])),
            description: format!("the term {shown} is doubled"),
            edit: Edit::Double(term.clone()),
        });
        out.push(Candidate {
            edited: with(Term::mul([Term::frac(1, 2), term.clone()])),
            description: format!("the term {shown} is halved"),
            edit: Edit::Halve(term.clone()),
        });
    }
    // A dropped term: the difference is one term, so restoring it is one edit. Tried
    // last, because every single-term difference passes it and the slips above say
    // more when they apply.
    if let Some(d) = difference.filter(|d| !matches!(d, Term::Add(_))) {
        let restored = Term::negate(d.clone());
        out.push(Candidate {
            edited: Term::add([this.clone(), restored.clone()]),
            description: format!("the term {} is restored", unicode(&restored)),
            edit: Edit::Restore(restored.clone()),
        });
    }
    out
}

/// The terms of a sum, or the expression itself.
fn summands(term: &Term) -> Vec<Term> {
    match term {
        Term::Add(terms) => terms.clone(),
        other => vec![other.clone()],
    }
}

/// The sum of `terms` with term `i` replaced.
fn replace(terms: &[Term], i: usize, replacement: Term) -> Term {
    let mut terms = terms.to_vec();
    terms[i] = replacement;
    Term::add(terms)
}

/// Names with subscript 1 or 2 in `term` (symbols and functions), each paired with
/// its twin: `μ_1 → μ_2`, `p_2 → p_1`.
fn swappable_subscripts(term: &Term) -> Vec<(Name, Name)> {
    let mut names = Vec::new();
    collect_names(term, &mut names);
    let mut pairs: Vec<(Name, Name)> = names
        .into_iter()
        .filter_map(|name| {
            let twin = match name.as_str().rsplit_once('_')? {
                (base, "1") => format!("{base}_2"),
                (base, "2") => format!("{base}_1"),
                _ => return None,
            };
            Some((name, Name::new(twin)))
        })
        .collect();
    pairs.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
    pairs.dedup();
    pairs
}

/// A wrong step whose side has a free name that the side before only integrates over:
/// the boundary term of an integration by parts written without its evaluation
/// (`−x³e^{−x²/2}` for `[−x³e^{−x²/2}]_{−∞}^{∞}`), a slip of notation more than of
/// algebra. Words only; no formula is claimed, so no second opinion is needed.
pub(super) fn boundary_left_free(previous: &Term, this: &Term) -> Option<String> {
    let free_before = previous.free_symbols();
    let bound_before: Vec<Name> = previous
        .names()
        .into_iter()
        .filter(|n| !free_before.contains(n))
        .collect();
    let name = this
        .free_symbols()
        .into_iter()
        .find(|n| !free_before.contains(n) && bound_before.contains(n))?;
    let name = crate::print::unicode_name(&name);
    Some(format!(
        "`{name}` is free here but was only the variable of integration before: a boundary term of integration by parts written without its evaluation, `\\left[…\\right]_{{-\\infty}}^{{\\infty}}`?"
    ))
}

fn collect_names(term: &Term, out: &mut Vec<Name>) {
    match term {
        Term::Sym(name) => out.push(name.clone()),
        Term::Call(name, args) => {
            out.push(name.clone());
            args.iter().for_each(|a| collect_names(a, out));
        }
        Term::Add(terms) | Term::Mul(terms) => terms.iter().for_each(|t| collect_names(t, out)),
        Term::Pow(base, exponent) => {
            collect_names(base, out);
            collect_names(exponent, out);
        }
        Term::Log(a) | Term::Exp(a) | Term::Special(_, a) => collect_names(a, out),
        Term::Integral { body, .. } | Term::Limit { body, .. } => collect_names(body, out),
        Term::Series {
            lower, upper, body, ..
        } => {
            collect_names(lower, out);
            collect_names(upper, out);
            collect_names(body, out);
        }
        Term::Indexed(_, index) => collect_names(index, out),
        Term::Definite { body, .. } => {
            term.finite_limits()
                .into_iter()
                .for_each(|l| collect_names(l, out));
            collect_names(body, out);
        }
        Term::Num(_) | Term::Pi => {}
    }
}

/// `term` with calls of `from` made calls of `to`.
fn rename_calls(term: &Term, from: &Name, to: &Name) -> Term {
    let again = |t: &Term| rename_calls(t, from, to);
    match term {
        Term::Call(name, args) => Term::Call(
            if name == from {
                to.clone()
            } else {
                name.clone()
            },
            args.iter().map(again).collect(),
        ),
        Term::Add(terms) => Term::Add(terms.iter().map(again).collect()),
        Term::Mul(terms) => Term::Mul(terms.iter().map(again).collect()),
        Term::Pow(base, exponent) => Term::Pow(Box::new(again(base)), Box::new(again(exponent))),
        Term::Log(a) => Term::Log(Box::new(again(a))),
        Term::Exp(a) => Term::Exp(Box::new(again(a))),
        Term::Special(f, a) => Term::Special(*f, Box::new(again(a))),
        Term::Integral { var, body } => Term::Integral {
            var: var.clone(),
            body: Box::new(again(body)),
        },
        Term::Series {
            op,
            var,
            lower,
            upper,
            body,
        } => Term::Series {
            op: *op,
            var: var.clone(),
            lower: Box::new(again(lower)),
            upper: Box::new(again(upper)),
            body: Box::new(again(body)),
        },
        Term::Limit { var, body, to } => Term::Limit {
            var: var.clone(),
            body: Box::new(again(body)),
            to: *to,
        },
        Term::Definite {
            var,
            body,
            lower,
            upper,
        } => Term::Definite {
            var: var.clone(),
            body: Box::new(again(body)),
            lower: Box::new(lower.map(again)),
            upper: Box::new(upper.map(again)),
        },
        Term::Indexed(..) | Term::Num(_) | Term::Sym(_) | Term::Pi => term.clone(),
    }
}
