//! Normal forms already computed, so that an expression shared by two steps (the right
//! side of one is the left side of the next) is normalised once per family set.
//!
//! A normal form depends on the declarations and assumptions, so the cache belongs to
//! one [`Context`] and is emptied when another file's context arrives.

use std::collections::HashMap;
use std::sync::Arc;

use symbolica::atom::{Atom, Symbol};

use super::normalize::Reach;
use crate::program::Context;
use crate::verdict::{Blocker, FamilySet};

/// The most entries kept before the cache starts over; bounds memory on huge files.
const MAX_ENTRIES: usize = 4096;

/// Normal forms by input atom and family set, for one context.
///
/// Keyed first by the atom, which is hashed once for a lookup under any family set,
/// and holds the atom's [`Reach`] (which family sets are the same for it) beside its
/// normal forms; the other maps are keyed first by what is not an atom (an
/// integration variable), so a lookup borrows the atom instead of cloning it.
#[derive(Default)]
pub struct NormalForms {
    context: Option<Arc<Context>>,
    entries: HashMap<Atom, Forms>,
    /// The normal forms held in `entries`, all atoms together.
    n_forms: usize,
    /// Whether `∫ atom d(symbol)` is known to converge absolutely, as linearity asks
    /// of every part of every integral it would split, in every round.
    convergence: Keyed<Symbol, bool>,
    /// The value of `∫ atom d(symbol)` by the Gaussian rule, or why it is outside
    /// its class (the reason, and whether the integral diverges).
    integrals: Keyed<Symbol, IntegralValue>,
}

/// What is known of one atom: its reach, and its normal form under each live family
/// set asked so far (a few: one per set the search tries).
struct Forms {
    reach: Reach,
    by_families: Vec<(FamilySet, Result<Atom, Blocker>)>,
}

/// A remembered Gaussian integral: its value, or why it is not evaluated.
pub type IntegralValue = Result<Atom, (String, bool)>;

/// Values by a small key and an atom, at most [`MAX_ENTRIES`] of them.
struct Keyed<K, V> {
    maps: HashMap<K, HashMap<Atom, V>>,
    len: usize,
}

impl<K, V> Default for Keyed<K, V> {
    fn default() -> Self {
        Keyed {
            maps: HashMap::new(),
            len: 0,
        }
    }
}

impl<K: std::hash::Hash + Eq, V: Clone> Keyed<K, V> {
    fn get(&self, key: &K, atom: &Atom) -> Option<V> {
        self.maps.get(key)?.get(atom).cloned()
    }

    fn insert(&mut self, key: K, atom: Atom, value: V) {
        if self.len >= MAX_ENTRIES {
            self.clear();
        }
        if self
            .maps
            .entry(key)
            .or_default()
            .insert(atom, value)
            .is_none()
        {
            self.len += 1;
        }
    }

    fn clear(&mut self) {
        self.maps.clear();
        self.len = 0;
    }
}

impl NormalForms {
    /// Use the cache for `context`, forgetting what was computed under another.
    pub fn enter(&mut self, context: &Arc<Context>) {
        let same = self
            .context
            .as_ref()
            .is_some_and(|c| Arc::ptr_eq(c, context) || **c == **context);
        if !same {
            self.entries.clear();
            self.n_forms = 0;
            self.convergence.clear();
            self.integrals.clear();
            self.context = Some(context.clone());
        }
    }

    /// The reach of `atom`, if it has been normalised (and is still remembered).
    pub fn reach(&self, atom: &Atom) -> Option<Reach> {
        self.entries.get(atom).map(|forms| forms.reach)
    }

    /// The reach of `atom` if known, and its cached normal form under the family set
    /// `families` gives for that reach (not asked when the reach is not known: then
    /// neither is any normal form).
    pub fn lookup(
        &self,
        atom: &Atom,
        families: impl FnOnce(Reach) -> FamilySet,
    ) -> (Option<Reach>, Option<Result<Atom, Blocker>>) {
        let Some(forms) = self.entries.get(atom) else {
            return (None, None);
        };
        let families = families(forms.reach);
        let known = forms
            .by_families
            .iter()
            .find(|(f, _)| *f == families)
            .map(|(_, normal)| normal.clone());
        (Some(forms.reach), known)
    }

    /// Whether `∫ integrand dx` was found to converge, if it was asked.
    pub fn converges(&self, integrand: &Atom, x: Symbol) -> Option<bool> {
        self.convergence.get(&x, integrand)
    }

    /// Remember whether `∫ integrand dx` converges.
    pub fn insert_convergence(&mut self, integrand: Atom, x: Symbol, converges: bool) {
        self.convergence.insert(x, integrand, converges);
    }

    /// The remembered value of `∫ integrand dx`, if it was evaluated.
    pub fn integral(&self, integrand: &Atom, x: Symbol) -> Option<IntegralValue> {
        self.integrals.get(&x, integrand)
    }

    /// Remember the value of `∫ integrand dx`.
    pub fn insert_integral(&mut self, integrand: Atom, x: Symbol, value: IntegralValue) {
        self.integrals.insert(x, integrand, value);
    }

    /// Remember a normal form of `atom`, whose reach is `reach`.
    pub fn insert(
        &mut self,
        atom: Atom,
        reach: Reach,
        families: FamilySet,
        normal: Result<Atom, Blocker>,
    ) {
        if self.n_forms >= MAX_ENTRIES {
            self.entries.clear();
            self.n_forms = 0;
        }
        let forms = self.entries.entry(atom).or_insert_with(|| Forms {
            reach,
            by_families: Vec::new(),
        });
        match forms.by_families.iter_mut().find(|(f, _)| *f == families) {
            Some(entry) => entry.1 = normal,
            None => {
                forms.by_families.push((families, normal));
                self.n_forms += 1;
            }
        }
    }
}
