//! The normal form of an expression under a set of rule families, and the test that
//! two expressions are equal under it.
//!
//! The passes run in a fixed order (definitions, log & exp, algebra, linearity,
//! Gaussian) and repeat until nothing changes, because each can expose work for the
//! others: a log law splits a product that algebra then expands, linearity exposes an
//! integrand that the Gaussian rule evaluates.

use symbolica::atom::{Atom, AtomCore, AtomView};

use super::rules::{algebra, definitions, gaussian, linearity, log_exp, special, sums, RuleCx};
use crate::verdict::{Blocker, Family, FamilySet};

/// Rounds of the pass sequence before we stop looking for a fixed point.
const MAX_ROUNDS: usize = 12;

/// What an atom holds that decides which families can fire on it: read in one walk
/// of the atom, and independent of any family set, so it is read once per atom and
/// kept beside its normal forms (see `cache`) instead of once per set tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    calls: bool,
    calls_with_integrals: bool,
    calls_with_specials: bool,
    integrals: bool,
    series: bool,
    specials: bool,
}

impl Reach {
    /// What `atom` holds.
    pub fn of(atom: &Atom, cx: &RuleCx<'_>) -> Reach {
        let mut reach = Reach {
            calls: false,
            calls_with_integrals: false,
            calls_with_specials: false,
            integrals: false,
            series: false,
            specials: false,
        };
        atom.as_view().visitor(&mut |v| {
            if let AtomView::Fun(f) = v {
                let symbol = f.get_symbol();
                reach.specials |=
                    [cx.symbols.erf, cx.symbols.gamma, cx.symbols.abs].contains(&symbol);
                if symbol == cx.symbols.sum || symbol == cx.symbols.prod {
                    reach.series = true;
                } else if [cx.symbols.int, cx.symbols.dint, cx.symbols.lim].contains(&symbol) {
                    reach.integrals = true;
                } else if let Some(def) = cx.function(symbol) {
                    reach.calls = true;
                    reach.calls_with_integrals |= cx.with_integrals.contains(&def.def.name);
                    reach.calls_with_specials |= cx.with_special_functions.contains(&def.def.name);
                }
            }
            !(reach.integrals
                && reach.calls_with_integrals
                && reach.specials
                && reach.calls_with_specials
                && reach.series)
        });
        reach
    }

    /// The families of `families` whose passes can change something on the way from
    /// the atom to its normal form under `families`; the others are the identity at
    /// every round, so the normal form under these is the same atom.
    ///
    /// Definitions rewrites only calls of declared functions, linearity and the
    /// Gaussian rule only integrals, and no pass makes either out of nothing: an
    /// integral comes only from an integral, or from writing out a call whose formula
    /// holds one.
    pub fn live(self, families: FamilySet) -> FamilySet {
        let mut live = families;
        if !self.calls {
            live = live.without(Family::Definitions);
        }
        // A sum comes only from a sum, or from writing out a call (`x̄`).
        if !(self.series || self.calls && live.contains(Family::Definitions)) {
            live = live.without(Family::Sums);
        }
        let integrals_possible =
            self.integrals || self.calls_with_integrals && live.contains(Family::Definitions);
        if !integrals_possible {
            live = live.without(Family::Linearity).without(Family::Gaussian);
        }
        // erf comes from erf, from an integral over part of the line, or from writing
        // out a call whose formula holds it (`Φ(−z)` with Φ declared through erf).
        let specials_possible =
            self.specials || self.calls_with_specials && live.contains(Family::Definitions);
        if !specials_possible && !integrals_possible {
            live = live.without(Family::Special);
        }
        live
    }
}

/// The reach of `atom`, from the cache when it has been normalised before.
pub fn reach(atom: &Atom, cx: &RuleCx<'_>) -> Reach {
    let known = cx.normal_forms.borrow().reach(atom);
    known.unwrap_or_else(|| Reach::of(atom, cx))
}

/// The normal form of `atom` under `families`, from the cache when already known.
pub fn normalize(atom: &Atom, families: FamilySet, cx: &RuleCx<'_>) -> Result<Atom, Blocker> {
    // Even a cached answer is not given past the step's deadline: what follows it (a
    // common denominator, say) would not be either.
    cx.check_time()?;
    // Families that cannot fire change nothing: one cache entry serves them all.
    let (reach, known) = cx
        .normal_forms
        .borrow()
        .lookup(atom, |reach| reach.live(families));
    if let Some(known) = known {
        return known;
    }
    let reach = reach.unwrap_or_else(|| Reach::of(atom, cx));
    let families = reach.live(families);
    let normal = normalize_uncached(atom, families, cx);
    // A bound hit is not a property of the expression: other bounds may pass it.
    if !matches!(normal, Err(Blocker::Limit(_))) {
        cx.normal_forms
            .borrow_mut()
            .insert(atom.clone(), reach, families, normal.clone());
    }
    normal
}

fn normalize_uncached(atom: &Atom, families: FamilySet, cx: &RuleCx<'_>) -> Result<Atom, Blocker> {
    let mut current = algebra::canonical_numbers(atom, cx);
    for _ in 0..MAX_ROUNDS {
        cx.check_time()?;
        let before = current.clone();
        if families.contains(Family::Definitions) {
            current = definitions::apply(&current, cx);
        }
        if families.contains(Family::LogExp) {
            current = log_exp::apply(&current, cx);
        }
        if families.contains(Family::Algebra) {
            current = algebra::expand(&current, cx)?;
        }
        if families.contains(Family::Linearity) {
            current = linearity::apply(&current, cx);
        }
        if families.contains(Family::Gaussian) {
            current = gaussian::apply(&current, cx)?;
        }
        if families.contains(Family::Special) {
            current = special::apply(&current, cx)?;
        }
        if families.contains(Family::Sums) {
            current = sums::apply(&current, cx)?;
        }
        current = algebra::canonical_numbers(&current, cx);
        if current == before {
            break;
        }
    }
    Ok(current)
}

/// `lhs − rhs` in normal form; zero exactly when the step holds under `families`.
pub fn difference(
    lhs: &Atom,
    rhs: &Atom,
    families: FamilySet,
    cx: &RuleCx<'_>,
) -> Result<Atom, Blocker> {
    let lhs = normalize(lhs, families, cx)?;
    let rhs = normalize(rhs, families, cx)?;
    difference_of_normals(&lhs, &rhs, families.contains(Family::Algebra), cx)
}

/// `lhs − rhs` for two normal forms, brought to zero by algebra when `algebra` is
/// set: what [`difference`] does after normalising. It depends on nothing else of the
/// family set, which is what lets the set search skip a set whose normal forms it has
/// already compared (see `compare::check_step`).
pub fn difference_of_normals(
    lhs: &Atom,
    rhs: &Atom,
    algebra: bool,
    cx: &RuleCx<'_>,
) -> Result<Atom, Blocker> {
    let difference = lhs - rhs;
    if !algebra || difference.is_zero() {
        return Ok(algebra::canonical_numbers(&difference, cx));
    }
    let expanded = algebra::expand(&difference, cx)?;
    if expanded.is_zero() {
        return Ok(expanded);
    }
    let together = algebra::together(&expanded, cx)?;
    if together.is_zero() {
        Ok(together)
    } else {
        Ok(expanded)
    }
}
