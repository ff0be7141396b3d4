//! Normal forms already computed, so that an expression shared by two steps (the right
//! side of one is the left side of the next) is normalised once per family set.
//!
//! A normal form depends on the declarations and assumptions, so the cache belongs to
//! one [`Context`] and is emptied when another file's context arrives.

use std::collections::HashMap;

use symbolica::atom::Atom;

use crate::program::Context;
use crate::verdict::{Blocker, FamilySet};

/// The most entries kept before the cache starts over; bounds memory on huge files.
const MAX_ENTRIES: usize = 4096;

/// Normal forms by input atom and family set, for one context.
#[derive(Default)]
pub struct NormalForms {
    context: Option<Context>,
    entries: HashMap<(Atom, FamilySet), Result<Atom, Blocker>>,
}

impl NormalForms {
    /// Use the cache for `context`, forgetting what was computed under another.
    pub fn enter(&mut self, context: &Context) {
        if self.context.as_ref() != Some(context) {
            self.entries.clear();
            self.context = Some(context.clone());
        }
    }

    /// The cached normal form of `atom` under `families`.
    pub fn get(&self, atom: &Atom, families: FamilySet) -> Option<Result<Atom, Blocker>> {
        self.entries.get(&(atom.clone(), families)).cloned()
    }

    /// Remember a normal form.
    pub fn insert(&mut self, atom: Atom, families: FamilySet, normal: Result<Atom, Blocker>) {
        if self.entries.len() >= MAX_ENTRIES {
            self.entries.clear();
        }
        self.entries.insert((atom, families), normal);
    }
}
