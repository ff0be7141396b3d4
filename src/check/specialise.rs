//! A chain that starts with `specialise …`: its first step is compared with the target
//! chain's value with the bindings substituted.

use super::*;

impl Checker<'_> {
    pub(super) fn specialisation_info(
        &self,
        s: &crate::program::Specialisation,
        seed: u64,
        budget: &Budget,
    ) -> SpecialisationInfo {
        let target = &self.program.chains[s.target_chain];
        let written = self.bindings_of(s);
        SpecialisationInfo {
            span: s.span,
            target: match &target.name {
                Some((_, span)) => self.text(*span),
                None => format!("the chain at line {}", self.line_of(target)),
            },
            bindings: s
                .bindings
                .iter()
                .enumerate()
                .map(|(i, (name, value))| {
                    // `σ₂² = 1` binds σ₂ to 1^(1/2): show the value simplified when
                    // the numeric side agrees it is the binding's value, else the
                    // binding as written.
                    let binding = written.get(i);
                    let simplified = self
                        .prover
                        .final_form(self.context.clone(), value.clone(), self.config.limits)
                        .ok()
                        .filter(|v| {
                            binding
                                .is_some_and(|b| self.numeric.binding(b, v, seed, budget).is_ok())
                        });
                    match (simplified, binding) {
                        (Some(v), _) => {
                            format!("{} = {}", print::unicode_name(name), print::unicode(&v))
                        }
                        (None, Some(b)) => {
                            format!("{} = {}", self.text(b.lhs.span), self.text(b.rhs.span))
                        }
                        (None, None) => print::unicode_name(name),
                    }
                })
                .collect(),
        }
    }

    /// The bindings of a specialisation as written.
    fn bindings_of(&self, s: &crate::program::Specialisation) -> &[ast::Binding] {
        match &self.doc.items[s.ast_item] {
            ast::Item::Specialise(s) => s.bindings.as_slice(),
            _ => &[],
        }
    }

    /// The first step of a specialised chain, compared with the target's value.
    pub(super) fn specialised_step(&self, chain: &Chain, this: Side<'_>, seed: u64) -> Decided {
        let Some(spec) = chain.specialisation.as_ref() else {
            return Decided::undecided("the chain is not a specialisation");
        };
        let target = &self.program.chains[spec.target_chain];
        let Some(last) = target.steps.last() else {
            return Decided::undecided("the specialised chain has no steps");
        };
        let value = Side {
            term: &spec.value,
            written: Written {
                expr: self.ast_steps(target)[last.ast_idx],
                bindings: Some(self.bindings_of(spec)),
            },
        };
        self.step(value, this, &spec.bindings, seed, &Budget::per_step())
    }
}
