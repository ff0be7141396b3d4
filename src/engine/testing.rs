//! Test helpers: run code on the engine thread, and state rule-family claims in the
//! language users write (`\log \frac{a}{b}`), so tests read like derivations.

use std::sync::Arc;

use super::normalize::normalize;
use super::rules::RuleCx;
use super::symbols::Symbols;
use super::{Engine, StepQuery, SymbolicOutcome};
use crate::print::unicode;
use crate::program::Program;
use crate::source::SourceFile;
use crate::verdict::{Fact, Family, FamilySet, Limits};

/// Run `f` on the engine thread with the symbol table; a failed assertion inside `f`
/// fails the calling test.
pub fn on_engine<R: Send + 'static>(f: impl FnOnce(&mut Symbols) -> R + Send + 'static) -> R {
    match Engine::global().run(|state| f(&mut state.symbols)) {
        Ok(r) => r,
        Err(blocker) => panic!("{blocker}"),
    }
}

/// Parse and lower `decls` followed by the chain `exprs` (one expression per line).
fn program(decls: &str, exprs: &[&str]) -> Program {
    let mut text = format!("{decls}\n{}\n", exprs[0]);
    for e in &exprs[1..] {
        text.push_str(&format!("= {e}\n"));
    }
    let parsed = crate::syntax::parse(&SourceFile::new("test.txt", text));
    assert!(
        parsed.errors.is_empty(),
        "{:?}",
        parsed
            .errors
            .iter()
            .map(|e| e.message())
            .collect::<Vec<_>>()
    );
    let lowered = crate::lower::resolve_and_lower(&parsed.doc);
    assert!(
        lowered.errors.is_empty(),
        "{:?}",
        lowered
            .errors
            .iter()
            .map(|e| e.message())
            .collect::<Vec<_>>()
    );
    lowered.program
}

/// The normal form of `latex` under `families`, printed in Unicode.
#[track_caller]
pub fn normal_form(decls: &str, families: &[Family], latex: &str) -> String {
    let program = program(decls, &[latex]);
    let term = program.chains[0].steps[0].term.clone();
    let families = FamilySet::of(families);
    match Engine::global().run(move |state| {
        let mut cx = RuleCx::new(&std::sync::Arc::new(program.context), state);
        let atom = cx.atom(&term);
        match normalize(&atom, families, &cx) {
            Ok(normal) => unicode(&cx.to_term(normal.as_view()).expect("a term")),
            Err(blocker) => format!("blocked: {blocker}"),
        }
    }) {
        Ok(text) => text,
        Err(blocker) => panic!("{blocker}"),
    }
}

/// The final form the engine prints for `latex`, in Unicode.
#[track_caller]
pub fn final_form(decls: &str, latex: &str) -> String {
    let program = program(decls, &[latex]);
    let term = program.chains[0].steps[0].term.clone();
    match Engine::global().final_form(Arc::new(program.context), term, Limits::default()) {
        Ok(t) => unicode(&t),
        Err(blocker) => format!("blocked: {blocker}"),
    }
}

/// What the engine says of a specialisation: `value` with `bindings` (`"\mu = 0"`
/// lines of a `specialise … with` directive) compared with `claim`.
#[track_caller]
pub fn specialised(decls: &str, value: &str, bindings: &str, claim: &str) -> String {
    let text = format!(
        "{decls}\nF(a) = {value}\n= {value}\nspecialise F(a) with {bindings}\nG = {claim}\n"
    );
    let parsed = crate::syntax::parse(&SourceFile::new("test.txt", text));
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let lowered = crate::lower::resolve_and_lower(&parsed.doc);
    assert!(
        lowered.errors.is_empty(),
        "{:?}",
        lowered
            .errors
            .iter()
            .map(|e| e.message())
            .collect::<Vec<_>>()
    );
    let program = lowered.program;
    let spec = program.chains[1]
        .specialisation
        .clone()
        .expect("a specialisation");
    let outcome = Engine::global().check_step(StepQuery {
        context: Arc::new(program.context.clone()),
        lhs: spec.value,
        rhs: program.chains[1].steps[0].term.clone(),
        substitution: spec.bindings,
        families: FamilySet::of(&Family::ALL),
        limits: Limits::default(),
    });
    describe(outcome)
}

/// What the engine, with every family, says of the step `lhs = rhs`.
#[track_caller]
pub fn step(decls: &str, lhs: &str, rhs: &str) -> String {
    let program = program(decls, &[lhs, rhs]);
    let steps = &program.chains[0].steps;
    let outcome = Engine::global().check_step(StepQuery {
        context: Arc::new(program.context.clone()),
        lhs: steps[0].term.clone(),
        rhs: steps[1].term.clone(),
        substitution: Vec::new(),
        families: FamilySet::of(&Family::ALL),
        limits: Limits::default(),
    });
    describe(outcome)
}

fn describe(outcome: SymbolicOutcome) -> String {
    match outcome {
        SymbolicOutcome::Proved(proof) => {
            let facts: Vec<String> = proof
                .facts
                .iter()
                .map(|f| match f {
                    Fact::CentralMoment { density, k } => format!("moment {k} of {density}"),
                    Fact::MomentGenerating { density } => format!("MGF of {density}"),
                    Fact::GeneralIntegral => "general integral".into(),
                    Fact::SumLinearity => "linearity of Σ".into(),
                    Fact::SumOfConstant => "Σ of a constant".into(),
                    Fact::SumOfPowers => "Σ of powers of the index".into(),
                    Fact::LogOfProduct => "log Π = Σ log".into(),
                    Fact::ProductLaws => "Π laws".into(),
                    Fact::ScaledEquation { .. } => "a scaled equation".into(),
                    Fact::EveryValueSolves => "both equations hold everywhere".into(),
                    Fact::JointSolution { .. } => "an earlier solution".into(),
                    Fact::MatrixLaw(law) => law.clone(),
                    Fact::Special(law) => law.statement().into(),
                    Fact::Reading(law) => law.statement(),
                })
                .collect();
            let mut text = format!("proved by {}", proof.families);
            if !facts.is_empty() {
                text.push_str(&format!(" using {}", facts.join(", ")));
            }
            if !proof.conditions.is_empty() {
                let conditions: Vec<String> =
                    proof.conditions.iter().map(ToString::to_string).collect();
                text.push_str(&format!(" where {}", conditions.join(", ")));
            }
            text
        }
        SymbolicOutcome::Differs { difference } => format!("differs by {}", unicode(&difference)),
        SymbolicOutcome::Blocked(blocker) => format!("blocked: {blocker}"),
    }
}
