//! The pipeline for one file: parse, lower, decide every step with the engine and the
//! numeric cross-check, and collect a [`FileReport`]. Nothing here prints.
//!
//! A wrong step does not stop the chain: the next step is compared with it, and if
//! that fails too but the next step follows from the last good expression, the wrong
//! step is taken to be a slip on its own line, so one typo is reported once.

use std::sync::Arc;

use crate::engine::{Engine, StepQuery, SymbolicOutcome};
use crate::lower::lower;
use crate::notes::NotesKind;
use crate::numeric::{self, NumericEnv, NumericOutcome};
use crate::print;
use crate::program::{Chain, Program};
use crate::report::{
    ChainReport, FileReport, FinalForm, NormalForms, SpecialisationInfo, StepReport, StepVerdict,
    Verdict,
};
use crate::source::SourceFile;
use crate::syntax::{self, ast};
use crate::term::Term;
use crate::verdict::{FamilySet, Limits};

mod hints;
mod notes;
mod opinions;

/// What a check may use, and what it should record.
#[derive(Debug, Clone, Copy)]
pub struct CheckConfig {
    /// The rule families the engine may use.
    pub families: FamilySet,
    /// Record the normal forms compared at every step (`--explain`).
    pub explain: bool,
    /// Bounds on the engine's work per step.
    pub limits: Limits,
}

impl Default for CheckConfig {
    /// Every rule family, as the command line does without `--families`.
    fn default() -> Self {
        CheckConfig {
            families: FamilySet::of(&crate::verdict::Family::ALL),
            explain: false,
            limits: Limits::default(),
        }
    }
}

/// Check one file.
pub fn check_source(file: SourceFile, config: &CheckConfig) -> FileReport {
    // A notes file is parsed through its derivation text, which has the same length,
    // so every span still points into the notes the author wrote.
    let (parsed, lowered, skipped) = match NotesKind::of(&file.path) {
        Some(kind) => {
            let read = notes::read(&file.path, kind, &file.text);
            (
                read.parsed,
                Some((read.program, read.lower_errors)),
                read.skipped,
            )
        }
        None => (syntax::parse(&file), None, Vec::new()),
    };
    let is_notes = lowered.is_some();
    let mut report = FileReport {
        file,
        syntax_errors: parsed.errors,
        lower_errors: Vec::new(),
        chains: Vec::new(),
        skipped,
    };
    if !report.syntax_errors.is_empty() {
        return report;
    }
    let (mut program, lower_errors) = lowered.unwrap_or_else(|| lower(&parsed.doc));
    if !lower_errors.is_empty() {
        report.lower_errors = lower_errors;
        return report;
    }
    if is_notes {
        notes::set_aside_lone_formulas(&mut program, &mut report);
    }
    let checker = Checker {
        source: &report.file.text,
        doc: &parsed.doc,
        numeric: NumericEnv::new(&parsed.doc),
        context: Arc::new(program.context.clone()),
        program: &program,
        config: *config,
    };
    let chains = program
        .chains
        .iter()
        .enumerate()
        .map(|(idx, chain)| checker.chain(idx, chain))
        .collect();
    report.chains = chains;
    report
}

struct Checker<'a> {
    source: &'a str,
    doc: &'a ast::Document,
    numeric: Result<NumericEnv, String>,
    context: Arc<crate::program::Context>,
    program: &'a Program,
    config: CheckConfig,
}

/// A verdict with what `--explain` shows of it.
struct Decided {
    verdict: Verdict,
    normal_forms: Option<NormalForms>,
}

impl Decided {
    fn undecided(reason: &str) -> Decided {
        Decided {
            verdict: Verdict::Undecided {
                reason: reason.into(),
            },
            normal_forms: None,
        }
    }
}

/// One side of a step: the resolved term and the expression as written.
#[derive(Clone, Copy)]
struct Side<'a> {
    term: &'a Term,
    expr: &'a ast::Expr,
}

impl Checker<'_> {
    fn chain(&self, chain_idx: usize, chain: &Chain) -> ChainReport {
        let exprs = self.ast_steps(chain);
        let side = |i: usize| Side {
            term: &chain.steps[i].term,
            expr: exprs[chain.steps[i].ast_idx],
        };
        let mut steps: Vec<StepReport> = Vec::new();
        let mut last_good: Option<usize> = None;
        for (i, step) in chain.steps.iter().enumerate() {
            let seed = (chain_idx as u64) << 16 | i as u64;
            let verdict = match i {
                0 => chain.specialisation.as_ref().map(|_| {
                    let decided = self.specialised_step(chain, side(0), seed);
                    StepVerdict {
                        against: 0,
                        verdict: decided.verdict,
                        normal_forms: decided.normal_forms,
                    }
                }),
                _ => {
                    let previous_wrong = is_wrong(steps[i - 1].verdict.as_ref());
                    let retry_from = last_good.filter(|_| previous_wrong).map(side);
                    Some(self.after(i, side(i - 1), side(i), retry_from.zip(last_good), seed))
                }
            };
            if !is_wrong(verdict.as_ref()) {
                last_good = Some(i);
            }
            steps.push(StepReport {
                number: i + 1,
                span: step.span,
                verdict,
            });
        }
        ChainReport {
            name: chain.name.as_ref().map(|(_, span)| self.text(*span)),
            specialisation: chain
                .specialisation
                .as_ref()
                .map(|s| self.specialisation_info(s)),
            steps,
            final_form: chain.steps.last().map(|last| self.final_form(&last.term)),
        }
    }

    /// The verdict on step `i` (0-based) against the one before it. When that one was
    /// wrong and this step does not follow from it, `retry` (the last good step and its
    /// index) is tried: a step that follows from it makes the wrong one a slip.
    fn after(
        &self,
        i: usize,
        previous: Side<'_>,
        this: Side<'_>,
        retry: Option<(Side<'_>, usize)>,
        seed: u64,
    ) -> StepVerdict {
        let decided = self.step(previous, this, &[], None, seed);
        if let (false, Some((good, good_idx))) = (is_verified(&decided.verdict), retry) {
            let from_good = self.step(good, this, &[], None, seed);
            if is_verified(&from_good.verdict) {
                return StepVerdict {
                    against: good_idx + 1,
                    verdict: from_good.verdict,
                    normal_forms: from_good.normal_forms,
                };
            }
        }
        StepVerdict {
            against: i,
            verdict: decided.verdict,
            normal_forms: decided.normal_forms,
        }
    }

    /// The chain's value, simplified, with the sizes that show it is no larger.
    fn final_form(&self, last: &Term) -> Result<FinalForm, crate::verdict::Blocker> {
        Engine::global()
            .final_form(self.context.clone(), last.clone(), self.config.limits)
            .map(|term| FinalForm {
                n_nodes: term.n_nodes(),
                author_n_nodes: last.n_nodes(),
                term,
            })
    }

    fn specialisation_info(&self, s: &crate::program::Specialisation) -> SpecialisationInfo {
        let target = &self.program.chains[s.target_chain];
        SpecialisationInfo {
            span: s.span,
            target: match &target.name {
                Some((_, span)) => self.text(*span),
                None => format!("the chain at line {}", self.line_of(target)),
            },
            bindings: s
                .bindings
                .iter()
                .map(|(name, value)| {
                    // `σ₂² = 1` binds σ₂ to 1^(1/2); show the value simplified.
                    let value = Engine::global()
                        .final_form(self.context.clone(), value.clone(), self.config.limits)
                        .unwrap_or_else(|_| value.clone());
                    format!("{} = {}", print::unicode_name(name), print::unicode(&value))
                })
                .collect(),
        }
    }

    /// The first step of a specialised chain, compared with the target's value.
    fn specialised_step(&self, chain: &Chain, this: Side<'_>, seed: u64) -> Decided {
        let Some(spec) = chain.specialisation.as_ref() else {
            return Decided::undecided("the chain is not a specialisation");
        };
        let target = &self.program.chains[spec.target_chain];
        let Some(last) = target.steps.last() else {
            return Decided::undecided("the specialised chain has no steps");
        };
        let value = Side {
            term: &spec.value,
            expr: self.ast_steps(target)[last.ast_idx],
        };
        let bindings = match &self.doc.items[spec.ast_item] {
            ast::Item::Specialise(s) => s.bindings.as_slice(),
            _ => &[],
        };
        self.step(value, this, &spec.bindings, Some(bindings), seed)
    }

    /// Ask the engine and the numeric checker about `lhs = rhs`; `substitution` (and,
    /// for the numeric side, `bindings`) apply to `lhs` only.
    fn step(
        &self,
        lhs: Side<'_>,
        rhs: Side<'_>,
        substitution: &[(crate::term::Name, Term)],
        bindings: Option<&[ast::Binding]>,
        seed: u64,
    ) -> Decided {
        let query = StepQuery {
            context: self.context.clone(),
            lhs: lhs.term.clone(),
            rhs: rhs.term.clone(),
            substitution: substitution.to_vec(),
            families: self.config.families,
            // One clock for everything done for this step, hints included.
            limits: Engine::global().start_step(self.config.limits),
        };
        let symbolic = Engine::global().check_step(query.clone());
        let families = match &symbolic {
            SymbolicOutcome::Proved(proof) => proof.families,
            _ => self.config.families,
        };
        let numeric = match &self.numeric {
            Ok(env) => numeric::compare(env, lhs.expr, rhs.expr, bindings, seed),
            Err(why) => NumericOutcome::Unavailable(why.clone()),
        };
        let unproved_yet_agreeing = matches!(symbolic, SymbolicOutcome::Differs { .. })
            && matches!(numeric, NumericOutcome::Agree { .. });
        let mut verdict = opinions::combine(symbolic, numeric, &self.context, query.limits);
        if unproved_yet_agreeing {
            if let Some(reason) = opinions::positivity_needed(&query) {
                verdict = Verdict::Undecided { reason };
            }
        }
        if let Verdict::Wrong {
            hint, difference, ..
        } = &mut verdict
        {
            *hint = hints::find(&query, difference.as_ref());
        }
        let normal_forms = match self.config.explain {
            true => Engine::global()
                .normal_forms(query, families)
                .ok()
                .map(|(previous, this)| NormalForms { previous, this }),
            false => None,
        };
        Decided {
            verdict,
            normal_forms,
        }
    }

    /// The syntax tree's expressions of `chain`, indexed like `Step::ast_idx`.
    fn ast_steps(&self, chain: &Chain) -> Vec<&ast::Expr> {
        match &self.doc.items[chain.ast_item] {
            ast::Item::Chain(c) => c.steps.iter().map(|s| &s.expr).collect(),
            _ => Vec::new(),
        }
    }

    /// The line (1-based) a chain starts on.
    fn line_of(&self, chain: &Chain) -> usize {
        let start = chain.steps.first().map_or(0, |s| s.span.start);
        self.source[..start.min(self.source.len())]
            .matches('\n')
            .count()
            + 1
    }

    /// The source text a span covers, as written.
    fn text(&self, span: crate::source::Span) -> String {
        self.source
            .get(span.range())
            .unwrap_or_default()
            .to_string()
    }
}

fn is_wrong(verdict: Option<&StepVerdict>) -> bool {
    verdict.is_some_and(|v| matches!(v.verdict, Verdict::Wrong { .. }))
}

fn is_verified(verdict: &Verdict) -> bool {
    matches!(verdict, Verdict::Verified { .. })
}
