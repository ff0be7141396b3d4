//! Deciding one step: is the difference of the two normal forms zero, and if so, what
//! is the smallest set of rule families that makes it zero?

use std::collections::HashSet;

use symbolica::atom::{Atom, AtomCore, Symbol};

use super::normalize::{difference, difference_of_normals, normalize, reach};
use super::rules::{moments, substitution, RuleCx};
use super::State;
use super::{domain, facts};
use super::{Proof, StepQuery};
use crate::term::Term;
use crate::verdict::{Blocker, Family, FamilySet};

/// The engine's answer about one step.
#[derive(Debug, Clone, PartialEq)]
pub enum SymbolicOutcome {
    /// The normal forms agree.
    Proved(Proof),
    /// The normal forms differ; `difference` is `rhs − lhs` in normal form.
    Differs {
        /// The claimed expression minus the previous one, normalised.
        difference: Term,
    },
    /// The engine could not bring both sides to comparable forms.
    Blocked(Blocker),
}

/// Decide `query.lhs = query.rhs`.
pub fn check_step(query: &StepQuery, state: &mut State) -> SymbolicOutcome {
    let mut cx = RuleCx::new(&query.context, state);
    // Where the two sides are defined, judged before any atom exists (building one
    // already cancels `x/x`): a value that is undefined, or an integral not known to
    // converge, blocks the step; the rest are the conditions it holds under.
    let lhs_term = specialised_term(query);
    let conditions = match domain::conditions(&[&lhs_term, &query.rhs], &query.context, &mut cx) {
        Ok(conditions) => conditions,
        Err(blocker) => return SymbolicOutcome::Blocked(blocker),
    };
    let lhs = specialised(&query.lhs, &query.substitution, &mut cx);
    let rhs = cx.atom(&query.rhs);
    let base = if query.substitution.is_empty() {
        FamilySet::EMPTY
    } else {
        FamilySet::EMPTY.with(Family::Substitution)
    };
    let all = query.families.without(Family::Substitution);
    // Search even when the full set fails: it may be blocked (say, by an integral the
    // Gaussian rule cannot do) where a smaller set proves the step without that work.
    // The full set is last in the search, so its answer is needed (and formed, its
    // normal forms from the cache) only when no set proves the step.
    let subsets = all.subsets_smallest_first();
    let mut compared: HashSet<(Atom, Atom, bool)> = HashSet::new();
    // What each side holds, read once for every set tried.
    let (lhs_reach, rhs_reach) = (reach(&lhs, &cx), reach(&rhs, &cx));
    for subset in subsets {
        if let Err(blocker) = cx.check_time() {
            return SymbolicOutcome::Blocked(blocker);
        }
        // With a family that can change neither side, the difference is that of the
        // smaller set without it, tried before (and found non-zero): skip.
        let (l, r) = (lhs_reach.live(subset), rhs_reach.live(subset));
        if subset.iter().any(|f| !l.contains(f) && !r.contains(f)) {
            continue;
        }
        // Two sets that give both sides the same normal forms (and both have algebra
        // or both lack it) give the same difference: one already found non-zero
        // need not be formed again. Exact, and it is most of the search on steps
        // where a family fires on a side without changing what it normalises to.
        let proved = match (normalize(&lhs, subset, &cx), normalize(&rhs, subset, &cx)) {
            (Ok(l), Ok(r)) => {
                let algebra = subset.contains(Family::Algebra);
                let key = (l, r, algebra);
                if compared.contains(&key) {
                    continue;
                }
                let zero =
                    difference_of_normals(&key.0, &key.1, algebra, &cx).is_ok_and(|d| d.is_zero());
                compared.insert(key);
                zero
            }
            _ => false,
        };
        if proved {
            let families = subset.iter().fold(base, FamilySet::with);
            let laws = subset.contains(Family::Definitions)
                && [&lhs, &rhs]
                    .iter()
                    .any(|side| moments::mentions_law(side, &cx));
            let mut facts = if subset.contains(Family::Gaussian) || laws {
                facts::used(&lhs, &rhs, &cx)
            } else {
                Vec::new()
            };
            if subset.contains(Family::Special) {
                facts.extend(super::rules::special::facts(
                    &lhs,
                    &rhs,
                    subset.without(Family::Special),
                    &cx,
                ));
            }
            if subset.contains(Family::Sums) {
                facts.extend(super::rules::sums::facts(
                    &lhs,
                    &rhs,
                    subset.without(Family::Sums),
                    &cx,
                ));
            }
            return SymbolicOutcome::Proved(Proof {
                families,
                facts,
                conditions,
            });
        }
    }
    match difference(&lhs, &rhs, all, &cx) {
        Ok(d) => match cx.to_term((-d).expand().as_view()) {
            Ok(difference) => SymbolicOutcome::Differs { difference },
            Err(blocker) => SymbolicOutcome::Blocked(blocker),
        },
        Err(blocker) => SymbolicOutcome::Blocked(blocker),
    }
}

/// Whether `query.lhs = query.rhs` holds under every family of the query, without
/// the search for the smallest set: the cheap test behind hints.
pub fn holds(query: &StepQuery, state: &mut State) -> bool {
    let mut cx = RuleCx::new(&query.context, state);
    if domain::conditions(
        &[&specialised_term(query), &query.rhs],
        &query.context,
        &mut cx,
    )
    .is_err()
    {
        return false;
    }
    let lhs = specialised(&query.lhs, &query.substitution, &mut cx);
    let rhs = cx.atom(&query.rhs);
    let all = query.families.without(Family::Substitution);
    difference(&lhs, &rhs, all, &cx).is_ok_and(|d| d.is_zero())
}

/// The normal forms of both sides under `families` (and the query's substitution):
/// what `--explain` shows.
pub fn normal_forms(
    query: &StepQuery,
    families: FamilySet,
    state: &mut State,
) -> Result<(Term, Term), Blocker> {
    let mut cx = RuleCx::new(&query.context, state);
    let lhs = specialised(&query.lhs, &query.substitution, &mut cx);
    let rhs = cx.atom(&query.rhs);
    let families = families.without(Family::Substitution);
    let lhs = normalize(&lhs, families, &cx)?;
    let rhs = normalize(&rhs, families, &cx)?;
    Ok((cx.to_term(lhs.as_view())?, cx.to_term(rhs.as_view())?))
}

/// The left side with the specialisation's values substituted, as a term: the
/// definitions written out first, so that the values reach into their formulas as they
/// do in atoms (`p₂(x)` with μ₂ = 0 is `N(x; 0, σ₂²)`). Unchanged without values, or
/// when it is too large to write out (a bound the query's check reports).
pub fn specialised_term(query: &StepQuery) -> Term {
    if query.substitution.is_empty() {
        return query.lhs.clone();
    }
    let Some(written_out) = query
        .context
        .expand_calls(&query.lhs, query.limits.max_nodes)
    else {
        return query.lhs.clone();
    };
    written_out.substitute(&|name| {
        query
            .substitution
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.clone())
    })
}

/// `term` with the specialisation's values substituted, inside calls too (a call's
/// atom carries the values of what its formula depends on).
fn specialised(
    term: &Term,
    substitution: &[(crate::term::Name, Term)],
    cx: &mut RuleCx<'_>,
) -> Atom {
    let atom = cx.atom(term);
    if substitution.is_empty() {
        return atom;
    }
    let values: Vec<(Symbol, Atom)> = substitution
        .iter()
        .map(|(name, value)| (cx.symbols.variable(name), cx.atom(value)))
        .collect();
    let pairs: Vec<(Symbol, &Atom)> = values.iter().map(|(s, a)| (*s, a)).collect();
    // A value's own integrals now sit deeper than their levels say.
    cx.relevel(&substitution::substitute(&atom, &pairs))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use crate::engine::{Engine, StepQuery, SymbolicOutcome};
    use crate::program::Context;
    use crate::term::Term;
    use crate::verdict::{Blocker, Family, FamilySet, Limit, Limits};

    /// Issue 10: every hint and the positivity diagnosis started a clock of their own,
    /// so one step could take many times `--max-step-seconds`. A request made for a
    /// step carries the step's deadline; once it has passed, nothing more is tried.
    #[test]
    fn every_request_for_a_step_shares_its_clock() {
        let limits = Limits {
            deadline: Some(Instant::now() - Duration::from_millis(1)),
            ..Limits::default()
        };
        let query = StepQuery {
            context: Arc::new(Context::default()),
            lhs: Term::pow(Term::add([Term::sym("a"), Term::sym("b")]), Term::int(2)),
            rhs: Term::add([Term::sym("a"), Term::sym("b")]),
            substitution: Vec::new(),
            families: FamilySet::of(&Family::ALL),
            limits,
        };
        assert_eq!(
            Engine::global().check_step(query.clone()),
            SymbolicOutcome::Blocked(Blocker::Limit(Limit::Time { seconds: 10.0 }))
        );
        assert!(!Engine::global().holds(query.clone()));
        // A fresh step has its full time again.
        let fresh = StepQuery {
            limits: Engine::global().start_step(Limits::default()),
            ..query
        };
        assert!(matches!(
            Engine::global().check_step(fresh),
            SymbolicOutcome::Differs { .. }
        ));
    }
}
