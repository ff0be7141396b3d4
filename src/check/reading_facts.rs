//! The named facts of how a verified step was read: a change of variable, integration
//! by parts.
//!
//! Such a step is proved by the value of both sides (each integral evaluated), not by
//! a law of substitution or of parts; these facts say what shape the reader saw, so
//! that a report says "integration by parts" where the author did it. They come from
//! the resolved syntax tree of the step and the one it is checked against, never from
//! the engine, and they claim nothing the proof did not show.

use std::collections::BTreeSet;

use crate::program::Chain;
use crate::report::{StatedFact, StepVerdict, Verdict};
use crate::syntax::ast::{Expr, ExprKind};
use crate::syntax::{children, is_substituted_differential};
use crate::verdict::{Fact, Family, ReadingLaw};

/// How deep a step's tree is searched.
const MAX_DEPTH: usize = 200;

/// Add to verified step `i` the facts of its reading against the step it was checked
/// against (`exprs` are the chain's resolved expressions, by `ast_idx`).
/// `source` is the text the spans point into (the differential is quoted from it).
pub(super) fn add(
    source: &str,
    exprs: &[&Expr],
    chain: &Chain,
    i: usize,
    verdict: &mut StepVerdict,
) {
    let Some((this, other)) = super::compared_steps(chain, i, verdict.against) else {
        return;
    };
    let Verdict::Verified {
        facts, families, ..
    } = &mut verdict.verdict
    else {
        return;
    };
    // The facts say both sides were checked by their value: the Gaussian family
    // evaluated the integrals. (A step proved otherwise, by renaming a variable or
    // writing out an expectation, has no such story.)
    if !families.contains(Family::Gaussian) {
        return;
    }
    let (Some(this), Some(before)) = (exprs.get(this.ast_idx), exprs.get(other.ast_idx)) else {
        return;
    };
    let (now, then) = (Shape::of(this, source), Shape::of(before, source));
    let mut laws = Vec::new();
    if let Some((var, written)) = now.substituted.difference(&then.substituted).next() {
        laws.push(ReadingLaw::SubstitutedDifferential {
            var: var.clone(),
            written: written.clone(),
        });
    } else if !now.variables.is_empty()
        && !then.variables.is_empty()
        && now.variables.is_disjoint(&then.variables)
    {
        laws.push(ReadingLaw::ChangeOfVariable {
            from: then.variables.iter().cloned().collect(),
            to: now.variables.iter().cloned().collect(),
        });
    }
    let parts =
        |a: &Shape, b: &Shape| a.evaluations && a.integrals && b.integrals && !b.evaluations;
    if parts(&now, &then) || parts(&then, &now) {
        laws.push(ReadingLaw::ByParts);
    }
    for law in laws {
        let stated = StatedFact {
            statement: law.statement(),
            fact: Fact::Reading(law),
        };
        if !facts.contains(&stated) {
            facts.push(stated);
        }
    }
}

/// What a side holds, as far as its reading goes.
#[derive(Default)]
struct Shape {
    /// The variables of its integrals, as printed.
    variables: BTreeSet<String>,
    /// The differentials `d(g(u))` it was read with: `u`, and `g` as written.
    substituted: BTreeSet<(String, String)>,
    integrals: bool,
    /// An evaluation between limits, `[F]_a^b`.
    evaluations: bool,
}

impl Shape {
    fn of(expr: &Expr, source: &str) -> Shape {
        let mut shape = Shape::default();
        shape.visit(expr, source, 0);
        shape
    }

    fn visit(&mut self, expr: &Expr, source: &str, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match &expr.kind {
            ExprKind::Integral { var, .. } => {
                self.integrals = true;
                // Only an integral the author wrote: `E[Z^2]` written out is an
                // integral in a variable of the resolver's choosing, and the other
                // side's `dz` is then no change of variable.
                let written = source.get(expr.span.range()).unwrap_or_default();
                if written.trim_start().starts_with("\\int") {
                    self.variables.insert(printed(&var.key()));
                }
            }
            ExprKind::Between { .. } => self.evaluations = true,
            ExprKind::Derivative { var, .. } if is_substituted_differential(expr) => {
                let written = source.get(expr.span.range()).unwrap_or_default();
                self.substituted
                    .insert((printed(&var.key()), unbracketed(written.trim())));
            }
            _ => {}
        }
        for child in children(expr) {
            self.visit(child, source, depth + 1);
        }
    }
}

/// A name as the report prints it.
fn printed(key: &str) -> String {
    crate::print::unicode_name(&crate::term::Name::new(key))
}

/// `(σu + μ)` as `σu + μ`: the differential's span includes its brackets, which the
/// statement's `d(…)` writes itself.
fn unbracketed(written: &str) -> String {
    let Some(inner) = written.strip_prefix('(').and_then(|w| w.strip_suffix(')')) else {
        return written.to_string();
    };
    let mut depth = 0i32;
    for c in inner.chars() {
        depth += match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        };
        if depth < 0 {
            // `(a)(b)`: the first bracket closes before the end.
            return written.to_string();
        }
    }
    inner.to_string()
}
