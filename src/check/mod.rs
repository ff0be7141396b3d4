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
    describe_fact, ChainReport, FileReport, FinalForm, NormalForms, Skipped, SpecialisationInfo,
    StepReport, StepVerdict, Verdict,
};
use crate::source::{SourceFile, Span};
use crate::syntax::{self, ast};
use crate::term::Term;
use crate::verdict::{FamilySet, Limits};

mod hints;
mod notes;

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
        set_aside_lone_formulas(&mut program, &mut report);
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

/// In notes, a display formula that is a single expression (`p(x) = …` defining a
/// name, or a lone formula) states something but derives nothing: set it aside with
/// that reason. A chain a later `specialise` refers to is kept.
fn set_aside_lone_formulas(program: &mut Program, report: &mut FileReport) {
    let referred: Vec<usize> = program
        .chains
        .iter()
        .filter_map(|c| c.specialisation.as_ref().map(|s| s.target_chain))
        .collect();
    let lone: Vec<usize> = (0..program.chains.len())
        .filter(|&i| {
            let chain = &program.chains[i];
            chain.steps.len() < 2 && chain.specialisation.is_none() && !referred.contains(&i)
        })
        .collect();
    for &i in lone.iter().rev() {
        let chain = program.chains.remove(i);
        let span = chain
            .steps
            .iter()
            .map(|s| s.span)
            .chain(chain.name.as_ref().map(|(_, span)| *span))
            .reduce(Span::join);
        if let Some(span) = span {
            report.skipped.push(Skipped {
                span,
                reason: "a single formula, not a chain of equalities".into(),
            });
        }
        for other in &mut program.chains {
            if let Some(s) = other.specialisation.as_mut() {
                if s.target_chain > i {
                    s.target_chain -= 1;
                }
            }
        }
    }
    report.skipped.sort_by_key(|s| s.span.start);
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
            limits: self.config.limits,
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
        let mut verdict = self.combine(symbolic, numeric);
        if unproved_yet_agreeing {
            if let Some(reason) = positivity_needed(&query) {
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

    /// One verdict from the engine's answer and the numeric second opinion.
    fn combine(&self, symbolic: SymbolicOutcome, numeric: NumericOutcome) -> Verdict {
        match (symbolic, numeric) {
            (SymbolicOutcome::Proved(proof), NumericOutcome::Differ { point, lhs, rhs }) => {
                Verdict::Inconsistent {
                    detail: format!(
                        "the engine proved the step ({}), but numerically at {} the sides are {} and {}",
                        proof.families,
                        render_point(&point),
                        print::number(lhs),
                        print::number(rhs)
                    ),
                }
            }
            (SymbolicOutcome::Proved(proof), NumericOutcome::Agree { n_points }) => {
                Verdict::Verified {
                    families: proof.families,
                    facts: proof
                        .facts
                        .iter()
                        .map(|f| describe_fact(f, &self.context))
                        .collect(),
                    n_points,
                }
            }
            // A green check needs both opinions: without the second one (a divergent
            // integral, say, where formal cancellation "proves" ∞ − ∞ = 0) we say so.
            (SymbolicOutcome::Proved(proof), NumericOutcome::Unavailable(why)) => {
                Verdict::Undecided {
                    reason: format!(
                        "the engine proved it ({}), but the independent numeric cross-check could not evaluate it ({why}), so it is not reported as verified",
                        proof.families
                    ),
                }
            }
            (SymbolicOutcome::Differs { difference }, NumericOutcome::Differ { point, lhs, rhs }) => {
                let difference = Engine::global()
                    .final_form(self.context.clone(), difference.clone(), self.config.limits)
                    .ok()
                    .or(Some(difference));
                Verdict::Wrong {
                    point: point.0.into_iter().collect(),
                    lhs,
                    rhs,
                    difference,
                    hint: None,
                }
            }
            (SymbolicOutcome::Differs { difference }, NumericOutcome::Agree { n_points }) => {
                Verdict::Undecided {
                    reason: format!(
                        "the engine could not prove it (remaining difference {}), yet the sides agree numerically at {n_points} points",
                        print::unicode(&difference)
                    ),
                }
            }
            (SymbolicOutcome::Differs { difference }, NumericOutcome::Unavailable(why)) => {
                Verdict::Undecided {
                    reason: format!(
                        "the normal forms differ by {}, but no numeric witness was found ({why})",
                        print::unicode(&difference)
                    ),
                }
            }
            (SymbolicOutcome::Blocked(blocker), NumericOutcome::Differ { point, lhs, rhs }) => {
                Verdict::Undecided {
                    reason: format!(
                        "{blocker}; numerically the sides differ at {} ({} vs {})",
                        render_point(&point),
                        print::number(lhs),
                        print::number(rhs)
                    ),
                }
            }
            (SymbolicOutcome::Blocked(blocker), _) => Verdict::Undecided {
                reason: blocker.to_string(),
            },
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

/// Why a step the engine cannot prove, but which agrees numerically, is undecided,
/// when the reason is a sign: the step holds once its free symbols of unknown sign
/// are assumed positive (the log and exp laws need positive arguments), so say which
/// assumption is missing instead of "could not prove it".
fn positivity_needed(query: &StepQuery) -> Option<String> {
    let unknown_sign: Vec<crate::term::Name> = query
        .lhs
        .free_symbols()
        .into_iter()
        .chain(query.rhs.free_symbols())
        .filter(|name| !query.context.positive.contains(name))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if unknown_sign.is_empty() {
        return None;
    }
    let mut context = (*query.context).clone();
    context.positive.extend(unknown_sign.iter().cloned());
    let holds = Engine::global().holds(StepQuery {
        context: Arc::new(context),
        ..query.clone()
    });
    if !holds {
        return None;
    }
    let prose: Vec<String> = unknown_sign.iter().map(print::unicode_name).collect();
    let latex: Vec<String> = unknown_sign.iter().map(print::latex_name).collect();
    Some(format!(
        "positivity needed: this holds if {} > 0, which is not assumed (the log and exp laws need positive arguments); if it is so, add `assume {} > 0`",
        prose.join(", "),
        latex.join(", ")
    ))
}

fn render_point(point: &numeric::Point) -> String {
    print::assignments(point.0.iter().map(|(name, value)| (name.as_str(), *value)))
}

fn is_wrong(verdict: Option<&StepVerdict>) -> bool {
    verdict.is_some_and(|v| matches!(v.verdict, Verdict::Wrong { .. }))
}

fn is_verified(verdict: &Verdict) -> bool {
    matches!(verdict, Verdict::Verified { .. })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Proof;
    use crate::report::{ChainReport, ExitStatus};

    /// A checker for `text`, to call `combine` with made-up opinions.
    fn with_checker(text: &str, test: impl FnOnce(&Checker<'_>)) {
        let file = SourceFile::new("t.txt", text);
        let parsed = syntax::parse(&file);
        let (program, _) = lower(&parsed.doc);
        let checker = Checker {
            source: &file.text,
            doc: &parsed.doc,
            numeric: NumericEnv::new(&parsed.doc),
            context: Arc::new(program.context.clone()),
            program: &program,
            config: CheckConfig::default(),
        };
        test(&checker);
    }

    #[test]
    fn a_proof_the_numbers_contradict_is_inconsistent_and_fails_the_run() {
        with_checker("a = a\n", |checker| {
            let proof = Proof {
                families: FamilySet::EMPTY,
                facts: Vec::new(),
            };
            let differ = NumericOutcome::Differ {
                point: numeric::Point([("a".to_string(), 1.0)].into_iter().collect()),
                lhs: 1.0,
                rhs: 2.0,
            };
            let verdict = checker.combine(SymbolicOutcome::Proved(proof), differ);
            assert!(
                matches!(verdict, Verdict::Inconsistent { .. }),
                "{verdict:?}"
            );
            let report = FileReport {
                file: SourceFile::new("t.txt", "a = a\n"),
                syntax_errors: Vec::new(),
                lower_errors: Vec::new(),
                chains: vec![ChainReport {
                    name: None,
                    specialisation: None,
                    steps: vec![StepReport {
                        number: 2,
                        span: Span::new(4, 5),
                        verdict: Some(StepVerdict {
                            against: 1,
                            verdict,
                            normal_forms: None,
                        }),
                    }],
                    final_form: None,
                }],
                skipped: Vec::new(),
            };
            assert_eq!(report.status(), ExitStatus::Failed);
        });
    }

    #[test]
    fn a_proof_without_the_second_opinion_is_not_verified() {
        with_checker("a = a\n", |checker| {
            let proof = Proof {
                families: FamilySet::EMPTY,
                facts: Vec::new(),
            };
            let unavailable = NumericOutcome::Unavailable("divergent".into());
            let verdict = checker.combine(SymbolicOutcome::Proved(proof), unavailable);
            assert!(matches!(verdict, Verdict::Undecided { .. }), "{verdict:?}");
        });
    }
}
