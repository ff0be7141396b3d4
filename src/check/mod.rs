//! The pipeline for one file: parse, lower, decide every step with the engine and the
//! numeric cross-check, and collect a [`FileReport`]. Nothing here prints.
//!
//! A wrong step does not stop the chain: the next step is compared with it, and if
//! that fails too but the next step follows from the last good expression, the wrong
//! step is taken to be a slip on its own line, so one typo is reported once.
//!
//! The symbolic engine is a [`Prover`] passed in; every claim it makes that reaches
//! the report (a proof, a final form, a difference, a hint, a specialised value, a
//! normal form) first gets its numeric second opinion in [`second_opinion`], and is
//! left out when that does not confirm it.

use std::sync::Arc;

use crate::config::declarations::SharedDeclarations;
use crate::engine::Engine;
use crate::lower::{resolve_and_lower, Lowered};
use crate::notes::NotesKind;
use crate::numeric::Budget;
use crate::print;
use crate::program::{Chain, Program};
use crate::report::{
    ChainReport, FileReport, FinalForm, NoFinalForm, NormalForms, SpecialisationInfo, StepReport,
    StepVerdict, Verdict,
};
use crate::source::SourceFile;
use crate::syntax::{self, ast};
use crate::term::Term;
use crate::verdict::{FamilySet, Limits};

mod ahead;
mod beside;
mod declared;
mod elsewhere;
mod equations;
mod hints;
mod matrix_facts;
mod notes;
mod opinions;
mod prover;
mod reading_facts;
mod second_opinion;
mod set_or_claimed;
mod specialise;
#[cfg(test)]
mod tests;

use ahead::NumericAhead;
use matrix_facts::matrix_facts;
pub use prover::{Pending, Proof, Prover, StepQuery, SymbolicOutcome};
use second_opinion::{SecondOpinion, Written};

/// What a check may use, and what it should record.
#[derive(Debug, Clone)]
pub struct CheckConfig {
    /// The rule families the engine may use.
    pub families: FamilySet,
    /// Record the normal forms compared at every step (`--explain`).
    pub explain: bool,
    /// Bounds on the engine's work per step.
    pub limits: Limits,
    /// The shared declarations of the file's `verify.toml`, put before the file's own.
    pub shared: Option<Arc<SharedDeclarations>>,
}

impl Default for CheckConfig {
    /// Every rule family, as the command line does without `--families`.
    fn default() -> Self {
        CheckConfig {
            families: FamilySet::of(&crate::verdict::Family::ALL),
            explain: false,
            limits: Limits::default(),
            shared: None,
        }
    }
}

/// Check one file with the Symbolica engine.
pub fn check_source(file: SourceFile, config: &CheckConfig) -> FileReport {
    check_source_with(file, config, Engine::global())
}

/// Stack for checking one file: resolution, lowering and the checker recurse once per
/// nesting level (`x^{x^{…}}` up to the parser's limit), each level tens of KiB in an
/// unoptimised build; a caller's thread (a test's has 2 MiB, an editor server's
/// worker whatever it was given) must not decide whether a file can be checked.
/// Only the pages touched are committed.
const CHECK_STACK_BYTES: usize = 256 << 20;

/// Check one file, asking `prover` for every symbolic answer.
pub fn check_source_with(
    file: SourceFile,
    config: &CheckConfig,
    prover: &dyn Prover,
) -> FileReport {
    crate::stack::with_stack("verify-check", CHECK_STACK_BYTES, move || {
        check_on_this_stack(file, config, prover)
    })
}

fn check_on_this_stack(file: SourceFile, config: &CheckConfig, prover: &dyn Prover) -> FileReport {
    let file = match NotesKind::of(&file.path) {
        Some(NotesKind::Notebook) => match crate::notes::notebook::markdown_of(&file.text) {
            Ok(notebook) => {
                let mut joined = SourceFile::new(file.path, notebook.markdown);
                joined.cells = notebook
                    .cells
                    .iter()
                    .map(|cell| crate::source::Cell {
                        offset: cell.offset,
                        number: cell.index + 1,
                    })
                    .collect();
                joined.original = Some(file.text);
                joined
            }
            Err(why) => return unreadable_notebook(file, why),
        },
        _ => file,
    };
    // A notes file is parsed through its derivation text, which has the same length,
    // so every span still points into the notes the author wrote.
    let shared = config.shared.as_deref();
    let kind = NotesKind::of(&file.path);
    let (mut parsed, lowered, skipped, declared, inline, prose_values) = match kind {
        Some(kind) => {
            let read = notes::read(kind, &file.text, shared);
            let lowered = Some(read.lowered);
            (
                read.parsed,
                lowered,
                read.skipped,
                read.declared,
                read.inline,
                read.prose_values,
            )
        }
        None => (
            syntax::parse(&file),
            None,
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        ),
    };
    // Notes have the shared declarations put first already; a derivation file below.
    let own_items = match kind {
        Some(_) => shared.map_or(0, |s| s.items.len()),
        None => 0,
    };
    let set_or_claimed = std::mem::take(&mut parsed.set_or_claimed);
    let given_elsewhere = elsewhere::GivenElsewhere::new(
        &file.text,
        parsed.doc.items.get(own_items..).unwrap_or_default(),
        &prose_values,
        kind,
    );
    let mut report = FileReport {
        file,
        syntax_errors: parsed.errors,
        lower_errors: Vec::new(),
        limit_errors: Vec::new(),
        chains: Vec::new(),
        skipped,
        declared,
        shared: config.shared.clone(),
    };
    if !report.syntax_errors.is_empty() {
        return report;
    }
    if lowered.is_none() {
        with_shared(&mut parsed.doc, shared);
    }
    if let Some(limit) = crate::inputs::too_many_steps(&parsed.doc) {
        report.limit_errors.push(limit);
        return report;
    }
    let Lowered {
        doc,
        after,
        mut program,
        errors,
    } = lowered.unwrap_or_else(|| resolve_and_lower(&parsed.doc));
    // The resolved document replaces the parsed one, which held as much memory
    // again (a third of a large file's peak).
    drop(parsed.doc);
    if !errors.is_empty() {
        report.lower_errors = errors;
        return report;
    }
    let source = report.file.text.clone();
    notes::set_aside_lone_formulas(&mut program, &mut report, |chain, span| {
        if inline
            .iter()
            .any(|i| i.start <= span.start && span.end <= i.end)
        {
            return None;
        }
        let text = quoted(source.get(span.range()).unwrap_or_default());
        Some(match chain.name {
            Some(_) => format!("`{text}` gives a value a name; there is no step to check"),
            None => format!("`{text}` is a single expression; there is no step to check"),
        })
    });
    let checker = Checker {
        prover,
        source: &report.file.text,
        doc: &doc,
        numeric: SecondOpinion::new(&doc, after),
        context: Arc::new(crate::program::Context {
            file: next_file(),
            ..program.context.clone()
        }),
        program: &program,
        config: config.clone(),
        given_elsewhere,
        set_or_claimed,
        solved: Default::default(),
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

/// A checked file read again for its numeric side alone, as `check_source_with` read
/// it (notes through their derivation text, with the blocks set aside): the resolved
/// document and what it declares, so that a formula printed from the report (a final
/// form, a step as written) can be parsed back, resolved after it and evaluated by
/// [`crate::numeric`]. For the plots, which take every value from the numbers, never
/// from the engine. `file` is the report's (a notebook's cells already joined).
pub fn numeric_reading(
    file: &SourceFile,
    shared: Option<&SharedDeclarations>,
) -> Result<(ast::Document, crate::syntax::AfterDocument), String> {
    let lowered = match NotesKind::of(&file.path) {
        Some(kind) => notes::read(kind, &file.text, shared).lowered,
        None => {
            let mut parsed = syntax::parse(file);
            if !parsed.errors.is_empty() {
                return Err("the file has syntax errors".into());
            }
            with_shared(&mut parsed.doc, shared);
            resolve_and_lower(&parsed.doc)
        }
    };
    if !lowered.errors.is_empty() {
        return Err("the file has name errors".into());
    }
    Ok((lowered.doc, lowered.after))
}

/// The report for a `.ipynb` file that is not a notebook: one error at its start.
fn unreadable_notebook(file: SourceFile, why: String) -> FileReport {
    let end = file.text.chars().next().map_or(0, char::len_utf8);
    FileReport {
        syntax_errors: vec![crate::syntax::SyntaxError {
            span: crate::source::Span::new(0, end),
            kind: crate::syntax::SyntaxErrorKind::InvalidNotebook(why),
        }],
        file,
        lower_errors: Vec::new(),
        limit_errors: Vec::new(),
        chains: Vec::new(),
        skipped: Vec::new(),
        declared: Vec::new(),
        shared: None,
    }
}

/// Put the shared declarations before the document's own items (resolution reads
/// them first, for the engine and the numeric side alike).
fn with_shared(doc: &mut ast::Document, shared: Option<&SharedDeclarations>) {
    if let Some(shared) = shared {
        doc.items.splice(0..0, shared.items.iter().cloned());
    }
}

struct Checker<'a> {
    prover: &'a dyn Prover,
    source: &'a str,
    doc: &'a ast::Document,
    numeric: SecondOpinion,
    context: Arc<crate::program::Context>,
    program: &'a Program,
    config: CheckConfig,
    /// Names the text gives a value the steps cannot see.
    given_elsewhere: elsewhere::GivenElsewhere,
    /// The `0`s of `A = B = 0 \Rightarrow …`: set, or claimed (see `set_or_claimed`).
    set_or_claimed: Vec<crate::source::Span>,
    /// The chains of equations solved so far, in order (see `equations::Solved`).
    solved: std::cell::RefCell<Vec<equations::Solution>>,
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
                blocked: None,
            },
            normal_forms: None,
        }
    }
}

/// Step `i` of `chain` and the step numbered `against` it was checked against (the
/// one before it, or the last good one), if both exist.
fn compared_steps(
    chain: &Chain,
    i: usize,
    against: usize,
) -> Option<(&crate::program::Step, &crate::program::Step)> {
    let other = against
        .checked_sub(chain.first_number)
        .and_then(|k| chain.steps.get(k))?;
    Some((chain.steps.get(i)?, other))
}

/// One side of a step: the resolved term and the expression as written (with the
/// bindings of a specialisation, for the specialised chain's value).
#[derive(Clone, Copy)]
struct Side<'a> {
    term: &'a Term,
    written: Written<'a>,
}

impl Checker<'_> {
    fn chain(&self, chain_idx: usize, chain: &Chain) -> ChainReport {
        if !chain.connectives.is_empty() {
            return self.equations(chain_idx, chain);
        }
        let exprs = self.ast_steps(chain);
        let side = |i: usize| Side {
            term: &chain.steps[i].term,
            written: Written::plain(exprs[chain.steps[i].ast_idx]),
        };
        let mut steps: Vec<StepReport> = Vec::new();
        let mut last_good: Option<usize> = None;
        for (i, step) in chain.steps.iter().enumerate() {
            let seed = (chain_idx as u64) << 16 | i as u64;
            let mut verdict = match i {
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
                    let first = chain.first_number;
                    let retry = retry_from.zip(last_good);
                    Some(self.after(i, first, side(i - 1), side(i), retry, seed))
                }
            };
            if let Some(v) = verdict.as_mut() {
                matrix_facts(chain, i, v);
                reading_facts::add(self.source, &exprs, chain, i, v);
                let ast_step = self.ast_step(chain, step.ast_idx);
                if let Some(condition) = ast_step.and_then(beside::condition_beside) {
                    beside::weigh(v, condition);
                }
                self.given_elsewhere.weigh(self.source, v, step.span);
                set_or_claimed::weigh(&self.set_or_claimed, v, step.span);
            }
            if !is_wrong(verdict.as_ref()) {
                last_good = Some(i);
            }
            let annotations = self
                .ast_step(chain, step.ast_idx)
                .map(|s| s.annotations.iter().map(|a| a.text.clone()).collect())
                .unwrap_or_default();
            steps.push(StepReport {
                number: i + chain.first_number,
                span: step.span,
                verdict,
                annotations,
            });
        }
        // The chain's results (final form, specialised values) share one budget.
        let final_seed = (chain_idx as u64) << 16 | 0xffff;
        let budget = Budget::per_step();
        ChainReport {
            name: chain.name.as_ref().map(|(_, span)| self.text(*span)),
            specialisation: chain
                .specialisation
                .as_ref()
                .map(|s| self.specialisation_info(s, final_seed, &budget)),
            steps,
            final_form: (!chain.steps.is_empty())
                .then(|| self.final_form(side(chain.steps.len() - 1), final_seed, &budget)),
        }
    }

    /// The verdict on step `i` (0-based) against the one before it. When that one was
    /// wrong and this step does not follow from it, `retry` (the last good step and its
    /// index) is tried: a step that follows from it makes the wrong one a slip. Steps
    /// are numbered from `first_number` (see [`Chain::first_number`]).
    fn after(
        &self,
        i: usize,
        first_number: usize,
        previous: Side<'_>,
        this: Side<'_>,
        retry: Option<(Side<'_>, usize)>,
        seed: u64,
    ) -> StepVerdict {
        // Everything the numeric side does for this step, the retry included, is
        // paid from one budget.
        let budget = Budget::per_step();
        let decided = self.step(previous, this, &[], seed, &budget);
        if let (false, Some((good, good_idx))) = (is_verified(&decided.verdict), retry) {
            let from_good = self.step(good, this, &[], seed, &budget);
            if is_verified(&from_good.verdict) {
                return StepVerdict {
                    against: good_idx + first_number,
                    verdict: from_good.verdict,
                    normal_forms: from_good.normal_forms,
                };
            }
        }
        StepVerdict {
            against: i - 1 + first_number,
            verdict: decided.verdict,
            normal_forms: decided.normal_forms,
        }
    }

    /// The chain's value, simplified, with the sizes that show it is no larger; shown
    /// only when the numeric side confirms that it is the value of the last step.
    fn final_form(
        &self,
        last: Side<'_>,
        seed: u64,
        budget: &Budget,
    ) -> Result<FinalForm, NoFinalForm> {
        // The engine's form of a matrix expression names traces by their words, which
        // have no LaTeX to read back: it could not get its second opinion.
        if crate::numeric::matrix::mentions_matrices(self.doc, last.written.expr) {
            let why = "final forms with vectors and matrices are not printed yet";
            return Err(NoFinalForm::Unconfirmed(why.into()));
        }
        let term = self
            .prover
            .final_form(self.context.clone(), last.term.clone(), self.config.limits)
            .map_err(NoFinalForm::Blocked)?;
        self.numeric
            .equal(last.written, &term, seed, budget)
            .map_err(|why| NoFinalForm::Unconfirmed(why.to_string()))?;
        Ok(FinalForm {
            n_nodes: term.n_nodes(),
            author_n_nodes: last.term.n_nodes(),
            term,
        })
    }

    /// Ask the engine and the numeric checker about `lhs = rhs`; `substitution` (and,
    /// for the numeric side, the bindings of `lhs`) apply to `lhs` only.
    fn step(
        &self,
        lhs: Side<'_>,
        rhs: Side<'_>,
        substitution: &[(crate::term::Name, Term)],
        seed: u64,
        budget: &Budget,
    ) -> Decided {
        let query = StepQuery {
            context: self.context.clone(),
            lhs: lhs.term.clone(),
            rhs: rhs.term.clone(),
            substitution: substitution.to_vec(),
            families: self.config.families,
            // One clock for everything done for this step, hints included.
            limits: self.prover.start_step(self.config.limits),
        };
        // Vectors and matrices: the numbers at J = 1, 2, 3 (see `numeric::matrix`).
        let matrix = [lhs.written.expr, rhs.written.expr]
            .iter()
            .any(|e| crate::numeric::matrix::mentions_matrices(self.doc, e));
        let numbers = |budget: &Budget| match matrix {
            true => {
                crate::numeric::matrix::compare(self.doc, lhs.written.expr, rhs.written.expr, seed)
            }
            false => self
                .numeric
                .step(lhs.written, rhs.written.expr, seed, budget),
        };
        // The engine thread decides the step while this thread asks the numbers.
        let pending = self.prover.begin_check_step(query.clone());
        let ahead = NumericAhead::run(budget, |ahead| numbers(ahead));
        let symbolic = pending.wait();
        let families = match &symbolic {
            SymbolicOutcome::Proved(proof) => proof.families,
            _ => self.config.families,
        };
        // The remaining difference is printed with the verdict: simplified by the
        // engine, and kept only if the numbers agree it is `rhs − lhs`.
        let difference = match &symbolic {
            SymbolicOutcome::Differs { difference } => {
                self.confirmed_difference(lhs.written, rhs.written, difference, seed, budget)
            }
            _ => None,
        };
        let numeric = ahead.outcome(budget, |budget| numbers(budget));
        let agreeing_points = match numeric {
            crate::numeric::NumericOutcome::Agree { n_points } => Some(n_points),
            _ => None,
        };
        let unproved_yet_agreeing = matches!(symbolic, SymbolicOutcome::Differs { .. })
            && matches!(
                numeric,
                crate::numeric::NumericOutcome::Agree { .. }
                    | crate::numeric::NumericOutcome::DomainDiffers { .. }
            );
        let excludes = |proof: &Proof, point: &crate::numeric::Point| {
            self.numeric
                .excludes(&second_opinion::conditions_of(proof), point)
        };
        let mut verdict =
            opinions::combine(symbolic, numeric, difference, &self.context, &excludes);
        if unproved_yet_agreeing {
            if let Some(undecided) = opinions::positivity_needed(self.prover, &query) {
                verdict = undecided;
            }
        }
        if let (true, Some(n_points), Verdict::Undecided { reason, .. }) =
            (matrix, agreeing_points, &mut verdict)
        {
            *reason = format!(
                "holds for J = 1, 2, 3 and numerically ({n_points} points), but the engine could not bring both sides to one normal form for symbolic J"
            );
        }
        if let (
            false,
            Verdict::Wrong {
                hint,
                difference,
                fixed,
                edit: typed_edit,
                ..
            },
        ) = (matrix, &mut verdict)
        {
            let found = hints::find(self.prover, &query, difference.as_ref(), &|edited| {
                self.numeric
                    .equal(lhs.written, edited, seed, budget)
                    .is_ok()
            });
            let (edit, edited, found_edit) = match found {
                Some((words, edited, typed)) => (Some(words), Some(edited), Some(typed)),
                None => (None, None, None),
            };
            *fixed = edited;
            *typed_edit = found_edit;
            // A boundary term left unevaluated is the explanation first; the edit
            // that makes the step hold follows it.
            *hint = match (hints::boundary_left_free(lhs.term, rhs.term), edit) {
                (Some(boundary), Some(edit)) => Some(format!("{boundary} As written, {edit}")),
                (boundary, edit) => boundary.or(edit),
            };
        }
        let normal_forms = match self.config.explain {
            true => self.normal_forms(query, families, [lhs.written, rhs.written], seed, budget),
            false => None,
        };
        Decided {
            verdict,
            normal_forms,
        }
    }

    /// The engine's difference `this − previous`, simplified, if the numeric side
    /// agrees that is what it is; `None` (printed as nothing) otherwise.
    fn confirmed_difference(
        &self,
        previous: Written<'_>,
        this: Written<'_>,
        difference: &Term,
        seed: u64,
        budget: &Budget,
    ) -> Option<Term> {
        let simplified = self
            .prover
            .final_form(self.context.clone(), difference.clone(), self.config.limits)
            .ok();
        simplified
            .into_iter()
            .chain([difference.clone()])
            .find(|d| {
                self.numeric
                    .difference(previous, this.expr, d, seed, budget)
                    .is_ok()
            })
    }

    /// The normal forms `--explain` shows, each confirmed to equal its side.
    fn normal_forms(
        &self,
        query: StepQuery,
        families: FamilySet,
        [lhs, rhs]: [Written<'_>; 2],
        seed: u64,
        budget: &Budget,
    ) -> Option<NormalForms> {
        let (previous, this) = self.prover.normal_forms(query, families).ok()?;
        let confirmed = self.numeric.equal(lhs, &previous, seed, budget).is_ok()
            && self.numeric.equal(rhs, &this, seed, budget).is_ok();
        confirmed.then_some(NormalForms { previous, this })
    }

    /// The syntax tree's expressions of `chain`, indexed like `Step::ast_idx`.
    fn ast_steps(&self, chain: &Chain) -> Vec<&'_ ast::Expr> {
        match &self.doc.items[chain.ast_item] {
            ast::Item::Chain(c) => c.steps.iter().map(|s| &s.expr).collect(),
            _ => Vec::new(),
        }
    }

    /// The syntax tree's step `idx` of `chain`.
    fn ast_step(&self, chain: &Chain, idx: usize) -> Option<&ast::Step> {
        match &self.doc.items[chain.ast_item] {
            ast::Item::Chain(c) => c.steps.get(idx),
            _ => None,
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

/// Source text to quote in a reason: one line, at most 60 characters.
fn quoted(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    match line.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}

/// A number for each file check, for its context (see `program::Context::file`).
fn next_file() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

fn is_wrong(verdict: Option<&StepVerdict>) -> bool {
    verdict.is_some_and(|v| matches!(v.verdict, Verdict::Wrong { .. }))
}

fn is_verified(verdict: &Verdict) -> bool {
    matches!(verdict, Verdict::Verified { .. })
}
