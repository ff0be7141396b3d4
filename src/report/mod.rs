//! What checking a file found, as plain data, and the exit status it implies.
//!
//! `check` fills a [`FileReport`]; [`diagnostic`] turns it into the one list of
//! diagnostics (severity, stable code, message, span, notes, help) that the renderers
//! format: [`human`] for a person at a terminal, [`concise`] one line each for
//! editors, [`json`] (JSON Lines) for programs, [`github`] for inline annotations in
//! GitHub Actions (and [`step_summary`] for its job summary), [`sarif`] for code
//! scanning, [`junit`] and [`gitlab`] for other CI services, [`html`] a page to read
//! in a browser. [`render`] is the
//! run-level interface (begin, file, end) they share. Only these renderers format
//! anything for output.

pub mod concise;
pub mod diagnostic;
pub mod escape;
mod evidence;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod render;
pub mod run;
pub mod sarif;
pub mod step_summary;
pub mod suggest;

use crate::lower::LowerError;
use crate::source::{SourceFile, Span};
use crate::syntax::error::SyntaxError;
use crate::term::Term;
pub use crate::verdict::Condition;
use crate::verdict::{Blocker, Fact, FamilySet};
pub use evidence::{Blocked, Edit, StatedFact};

/// Everything found in one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file, for quoting lines.
    pub file: SourceFile,
    /// Lines that could not be parsed. When there are any, nothing was checked.
    pub syntax_errors: Vec<SyntaxError>,
    /// Names that could not be resolved. When there are any, nothing was checked.
    pub lower_errors: Vec<LowerError>,
    /// Bounds on the input the file exceeds (too many steps). When there are any,
    /// nothing was checked.
    pub limit_errors: Vec<LimitError>,
    /// The chains, in source order.
    pub chains: Vec<ChainReport>,
    /// Parts of a notes file that are not derivations, set aside with the reason.
    pub skipped: Vec<Skipped>,
    /// Declarations a notes file makes in its own text (`p(x) = \mathcal{N}(x; \mu,
    /// \sigma^2)` displayed), said where they come from.
    pub declared: Vec<TextDeclaration>,
    /// The shared declarations of the `verify.toml` that governs the file, put before
    /// its own (see [`crate::config::declarations`]).
    pub shared: Option<std::sync::Arc<crate::config::declarations::SharedDeclarations>>,
}

/// A declaration taken from the text of notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextDeclaration {
    /// The formula that declares it.
    pub span: Span,
    /// What is declared, e.g. "p(x): a Gaussian density, declared by the text".
    pub what: String,
}

/// A bound on the input that a file exceeds, e.g. more steps than one file may hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitError {
    /// Where the bound is passed (the first step past it).
    pub span: Span,
    /// What the bound is and that the file passes it.
    pub message: String,
    /// What to do about it.
    pub help: String,
}

/// A display block of a notes file, or a chain of a derivation file, that was not
/// checked, and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// The block.
    pub span: Span,
    /// Why it is not a derivation, e.g. "a single formula, not a chain of equalities".
    pub reason: String,
    /// Inline math that read as a claim but could not be checked: listed, never a
    /// failure (inline math is prose unless it reads as a claim).
    pub inline: bool,
    /// Turned off by the author (`<!-- verify: off -->`, `skip-next`): listed and
    /// counted, never a failure, even with `--strict`.
    pub suppressed: bool,
}

/// One chain's steps and result.
#[derive(Debug, Clone)]
pub struct ChainReport {
    /// The chain's name as written, e.g. `KL(p_1, p_2)`.
    pub name: Option<String>,
    /// Set for a chain that starts from a specialisation of an earlier one.
    pub specialisation: Option<SpecialisationInfo>,
    /// Every expression of the chain, with its verdict.
    pub steps: Vec<StepReport>,
    /// The chain's value in its simplest form found.
    pub final_form: Option<Result<FinalForm, NoFinalForm>>,
}

/// Where a specialised chain starts from.
#[derive(Debug, Clone)]
pub struct SpecialisationInfo {
    /// The `specialise` directive.
    pub span: Span,
    /// The earlier chain's name.
    pub target: String,
    /// The substitutions, e.g. `μ₂ = 0`, `σ₂ = 1`.
    pub bindings: Vec<String>,
}

/// One expression of a chain.
#[derive(Debug, Clone)]
pub struct StepReport {
    /// 1-based position in the chain (the chain's name is not a step).
    pub number: usize,
    /// Where the expression is written.
    pub span: Span,
    /// How it relates to what came before; `None` for a chain's first expression.
    pub verdict: Option<StepVerdict>,
    /// The author's justification written beside the step (`\text{(linearity)}`,
    /// `\overset{(a)}{=}`), shown next to the rule `verify` found.
    pub annotations: Vec<String>,
}

/// The verdict on one step, and what it was compared with.
#[derive(Debug, Clone)]
pub struct StepVerdict {
    /// The step number it was compared with (0 for a specialisation's start).
    pub against: usize,
    /// The verdict.
    pub verdict: Verdict,
    /// The normal forms the engine compared, when asked for (`--explain`).
    pub normal_forms: Option<NormalForms>,
}

/// The two normal forms behind a verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct NormalForms {
    /// The earlier expression's normal form.
    pub previous: Term,
    /// This expression's normal form.
    pub this: Term,
}

/// How a step relates to the one before it.
#[derive(Debug, Clone)]
pub enum Verdict {
    /// Proved equal, and the numeric cross-check agrees.
    Verified {
        /// The smallest set of families that proves it.
        families: FamilySet,
        /// Named facts used, each with its statement.
        facts: Vec<StatedFact>,
        /// Points at which the numeric cross-check agreed (0 if it could not run).
        n_points: usize,
        /// Where it holds (`x ≠ 0`); empty when it holds everywhere.
        conditions: Vec<Condition>,
    },
    /// Not equal: the normal forms differ and a numeric witness shows it.
    Wrong {
        /// Parameter values, rendered `name = value`.
        point: Vec<(String, f64)>,
        /// The previous expression's value there.
        lhs: f64,
        /// This expression's value there.
        rhs: f64,
        /// This expression minus the previous one, simplified.
        difference: Option<Term>,
        /// A likely slip, checked to make the step hold: "the step holds if …".
        hint: Option<String>,
        /// The step as the hint edits it: proved to follow and confirmed by the
        /// numbers through its LaTeX, which is what an editor's quick fix writes.
        fixed: Option<Term>,
        /// The hint's edit, as data (`None` when the hint is words only, such as a
        /// boundary term left unevaluated).
        edit: Option<Edit>,
    },
    /// Neither proved nor refuted.
    Undecided {
        /// Why not, in words.
        reason: String,
        /// What blocked it, as data, where that is known (`None` for the reasons of a
        /// chain of equations or a specialisation, said in words only).
        blocked: Option<Blocked>,
    },
    /// The engine and the numeric cross-check disagree: a bug in one of them.
    Inconsistent {
        /// What each said.
        detail: String,
    },
}

/// A chain's value, simplified.
#[derive(Debug, Clone)]
pub struct FinalForm {
    /// The form found.
    pub term: Term,
    /// Its size in nodes.
    pub n_nodes: usize,
    /// The size of the author's last expression, for comparison.
    pub author_n_nodes: usize,
}

/// Why a chain's final form is not shown.
#[derive(Debug, Clone, PartialEq)]
pub enum NoFinalForm {
    /// The engine could not simplify the chain's value.
    Blocked(Blocker),
    /// The engine's form was not confirmed by the numeric cross-check (with why), so
    /// it is not printed.
    Unconfirmed(String),
}

impl std::fmt::Display for NoFinalForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoFinalForm::Blocked(blocker) => write!(f, "{blocker}"),
            NoFinalForm::Unconfirmed(why) => f.write_str(why),
        }
    }
}

/// The outcome of a file or of a whole run; a run's decides the exit code.
///
/// Ordered from best to worst, so the worst file's status is the `max`. A file in
/// which nothing was checked does not fail a run that checked other files (see
/// [`run::RunSummary::status`]); a run in which nothing at all was checked fails.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ExitStatus {
    /// Every step verified, and there was at least one: exit 0.
    #[default]
    Verified,
    /// No step was checked (an empty file, declarations only, a chain of one
    /// expression, every block of notes skipped): exit 1 for a whole run.
    NothingChecked,
    /// Some step was wrong, undecided or inconsistent: exit 1.
    Failed,
    /// Some input could not be read or parsed, or the command line was wrong: exit 2.
    Error,
}

impl ExitStatus {
    /// The name used in JSON: `verified`, `nothing_checked`, `failed`, `error`.
    pub fn name(self) -> &'static str {
        match self {
            ExitStatus::Verified => "verified",
            ExitStatus::NothingChecked => "nothing_checked",
            ExitStatus::Failed => "failed",
            ExitStatus::Error => "error",
        }
    }

    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Verified => 0,
            ExitStatus::NothingChecked | ExitStatus::Failed => 1,
            ExitStatus::Error => 2,
        }
    }
}

/// How a report is rendered and judged; the command line's flags.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Use ANSI colours (human report only).
    pub color: bool,
    /// Print only failures.
    pub quiet: bool,
    /// Show, per step, the normal forms that were compared.
    pub explain: bool,
    /// Count skipped blocks of notes as failures.
    pub strict: bool,
}

/// How many of each outcome a report holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Chains checked.
    pub chains: usize,
    /// Steps verified.
    pub verified: usize,
    /// Steps shown wrong.
    pub wrong: usize,
    /// Steps neither proved nor refuted.
    pub undecided: usize,
    /// Steps on which the engine and the numeric cross-check disagree.
    pub inconsistent: usize,
    /// Blocks of notes set aside.
    pub skipped: usize,
    /// Of those, the blocks the author turned off (`<!-- verify: off -->`).
    pub turned_off: usize,
}

impl Tally {
    /// Steps with a verdict.
    pub fn steps(&self) -> usize {
        self.verified + self.wrong + self.undecided + self.inconsistent
    }
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, other: Tally) {
        self.chains += other.chains;
        self.verified += other.verified;
        self.wrong += other.wrong;
        self.undecided += other.undecided;
        self.inconsistent += other.inconsistent;
        self.skipped += other.skipped;
        self.turned_off += other.turned_off;
    }
}

impl FileReport {
    /// A report on `file` with nothing in it yet, for errors found outside a check
    /// (a `verify.toml` whose shared declarations do not read).
    pub fn of_errors(file: SourceFile) -> FileReport {
        FileReport {
            file,
            syntax_errors: Vec::new(),
            lower_errors: Vec::new(),
            limit_errors: Vec::new(),
            chains: Vec::new(),
            skipped: Vec::new(),
            declared: Vec::new(),
            shared: None,
        }
    }

    /// The exit status this file alone implies; skipped blocks do not count.
    pub fn status(&self) -> ExitStatus {
        self.status_under(false)
    }

    /// The exit status this file implies; with `strict`, a skipped block of notes is
    /// a failure.
    pub fn status_under(&self, strict: bool) -> ExitStatus {
        if self.has_errors() {
            return ExitStatus::Error;
        }
        let all_verified = self
            .verdicts()
            .all(|v| matches!(v, Verdict::Verified { .. }));
        let skipped_fails = strict && self.skipped.iter().any(|s| !s.inline && !s.suppressed);
        if !all_verified || skipped_fails {
            ExitStatus::Failed
        } else if self.verdicts().next().is_none() {
            ExitStatus::NothingChecked
        } else {
            ExitStatus::Verified
        }
    }

    /// Whether the file had errors that kept it from being checked at all.
    pub fn has_errors(&self) -> bool {
        !self.syntax_errors.is_empty()
            || !self.lower_errors.is_empty()
            || !self.limit_errors.is_empty()
    }

    /// Why no step of this file was checked, when none was and there were no errors:
    /// `the file is empty`, `it holds declarations only, no chain of equalities`, ….
    pub fn nothing_checked(&self) -> Option<String> {
        if self.has_errors() || self.verdicts().next().is_some() {
            return None;
        }
        let is_notes = crate::notes::NotesKind::of(&self.file.path).is_some();
        let reason = if self.file.text.trim().is_empty() {
            "the file is empty".to_string()
        } else if !self.skipped.is_empty() {
            let n = self.skipped.len();
            let what = if is_notes { "block" } else { "chain" };
            match n {
                1 => format!("its only {what} was set aside: {}", self.skipped[0].reason),
                n => format!("all {n} of its {what}s were set aside (listed with their reasons)"),
            }
        } else if !self.chains.is_empty() {
            "no chain in it has a step to check".to_string()
        } else if is_notes {
            "it holds no display math that is a chain of equalities".to_string()
        } else {
            "it holds no chain of equalities, only declarations and comments".to_string()
        };
        Some(reason)
    }

    /// The counts of each outcome.
    pub fn tally(&self) -> Tally {
        let mut tally = Tally {
            chains: self.chains.len(),
            skipped: self.skipped.len(),
            turned_off: self.skipped.iter().filter(|s| s.suppressed).count(),
            ..Tally::default()
        };
        for v in self.verdicts() {
            match v {
                Verdict::Verified { .. } => tally.verified += 1,
                Verdict::Wrong { .. } => tally.wrong += 1,
                Verdict::Undecided { .. } => tally.undecided += 1,
                Verdict::Inconsistent { .. } => tally.inconsistent += 1,
            }
        }
        tally
    }

    /// Every step verdict in the file.
    pub fn verdicts(&self) -> impl Iterator<Item = &Verdict> {
        self.chains
            .iter()
            .flat_map(|c| c.steps.iter())
            .filter_map(|s| s.verdict.as_ref().map(|v| &v.verdict))
    }
}

/// Conditions as the reports list them: `x ≠ 0, y > 0`.
pub fn conditions_text(conditions: &[Condition]) -> String {
    conditions
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The witness of a wrong step for people: `at μ₁ = −2, σ₁ = 0.5: step 11 = 1.00139,
/// step 12 = 2.334723`.
pub fn witness(
    point: &[(String, f64)],
    lhs: f64,
    rhs: f64,
    against: usize,
    number: usize,
) -> String {
    use crate::print::{assignments, number as value};
    let values = format!(
        "step {against} = {}, step {number} = {}",
        value(lhs),
        value(rhs)
    );
    if point.is_empty() {
        // Nothing varies (`2a = 5` after `a = 2`): the values are the witness.
        return values;
    }
    let at = assignments(point.iter().map(|(n, x)| (n.as_str(), *x)));
    format!("at {at}: {values}")
}

/// Render a fact for people, e.g. "variance of p₁: ∫(x − μ₁)²·p₁(x) dx = σ₁²".
pub fn describe_fact(fact: &Fact, context: &crate::program::Context) -> String {
    use crate::print::{unicode, unicode_name};
    match fact {
        Fact::MatrixLaw(law) => law.clone(),
        Fact::Special(law) => law.statement().to_string(),
        Fact::Reading(law) => law.statement(),
        Fact::JointSolution {
            variable,
            squared,
            value,
        } => {
            let (name, value) = match squared {
                true => (
                    format!("{}²", unicode_name(variable)),
                    unicode(&Term::pow(value.clone(), Term::int(2))),
                ),
                false => (unicode_name(variable), unicode(value)),
            };
            format!(
                "{name} = {value}, solved above, in place of {}: the equations solved jointly",
                unicode_name(variable)
            )
        }
        Fact::EveryValueSolves => {
            "the equation it follows from and this one, both holding for every value".into()
        }
        Fact::ScaledEquation { factor, positive } => {
            let relation = if *positive { "> 0" } else { "< 0" };
            match factor {
                // The same equation, its definitions written out or its terms
                // rearranged.
                _ if *factor == Term::int(1) => "the equation it follows from, rearranged".into(),
                Term::Pow(base, exponent) if **exponent == Term::int(-1) => format!(
                    "the equation it follows from, divided by {}, which is {relation}",
                    unicode(base)
                ),
                _ => format!(
                    "the equation it follows from, multiplied by {}, which is {relation}",
                    unicode(factor)
                ),
            }
        }
        Fact::CentralMoment { density, k } => {
            let p = unicode_name(density);
            let Some(f) = context.function(density) else {
                return format!("central moment {k} of {p}");
            };
            if let Some(moments) = &f.moments {
                // A law known only by its mean and variance: those are declared.
                let x = unicode_name(&f.params[0]);
                let mean = unicode(&moments.mean);
                return match k {
                    0 => format!("∫{p} = 1: ∫ {p}({x}) d{x} = 1"),
                    1 => format!("declared mean of {p}: ∫ ({x} − {mean})·{p}({x}) d{x} = 0"),
                    _ => format!(
                        "declared variance of {p}: ∫ ({x} − {mean})²·{p}({x}) d{x} = {}",
                        unicode(&moments.variance)
                    ),
                };
            }
            let Some(g) = f
                .gaussian
                .as_ref()
                .map(|g| (f.params[0].clone(), g.mean.clone(), g.std.clone()))
            else {
                return format!("central moment {k} of {p}");
            };
            let (x, mean, std) = g;
            let x = unicode_name(&x);
            let mean = unicode(&mean);
            let variance = square_of(&std);
            let std = unicode(&std);
            match k {
                0 => format!("∫{p} = 1: ∫ {p}({x}) d{x} = 1"),
                1 => format!("E[{x}−{mean}] = 0: ∫ ({x} − {mean})·{p}({x}) d{x} = 0"),
                2 => format!("variance of {p}: ∫ ({x} − {mean})²·{p}({x}) d{x} = {variance}"),
                k if k % 2 == 1 => {
                    format!("odd central moment of {p}: ∫ ({x} − {mean})^{k}·{p}({x}) d{x} = 0")
                }
                k => {
                    let double_factorial: u64 = (1..u64::from(*k)).rev().step_by(2).product();
                    format!(
                        "central moment {k} of {p}: ∫ ({x} − {mean})^{k}·{p}({x}) d{x} = {double_factorial}·{std}^{k}"
                    )
                }
            }
        }
        Fact::MomentGenerating { density } => {
            let p = unicode_name(density);
            match context.function(density).and_then(|f| {
                f.gaussian
                    .as_ref()
                    .map(|g| (f.params[0].clone(), g.mean.clone(), g.std.clone()))
            }) {
                Some((x, mean, std)) => {
                    let x = unicode_name(&x);
                    let (mean, variance) = (unicode(&mean), square_of(&std));
                    format!(
                        "moment generating function of {p}: ∫ e^(t{x})·{p}({x}) d{x} = e^({mean}·t + {variance}t²/2)"
                    )
                }
                None => format!("moment generating function of {p}"),
            }
        }
        Fact::GeneralIntegral => {
            "Gaussian integral ∫ xᵏ·exp(−ax² + bx + d) dx in closed form".to_string()
        }
        Fact::SumLinearity => {
            "linearity of Σ: Σ (a_i + c·b_i) = Σ a_i + c·Σ b_i, c free of i".to_string()
        }
        Fact::SumOfConstant => {
            "Σ over i of a constant: Σ_{i=lo}^{hi} c = (hi − lo + 1)·c".to_string()
        }
        Fact::SumOfPowers => {
            "Σ over i of a power of i: Σ_{i=1}^{n} i = n(n + 1)/2, Σ i² = n(n + 1)(2n + 1)/6, …"
                .to_string()
        }
        Fact::LogOfProduct => "log Π f_i = Σ log f_i, every f_i > 0".to_string(),
        Fact::ProductLaws => {
            "Π e^(a_i) = e^(Σ a_i), Π c = c^(hi − lo + 1) for c free of i".to_string()
        }
    }
}

/// `σ²` for a standard deviation `σ`, printed: the variance itself when the deviation
/// is written as its root (`√v`), so a fact never reads `√1²`.
fn square_of(std: &crate::term::Term) -> String {
    use crate::print::unicode;
    use crate::term::{Rational, Term};
    match std {
        Term::Pow(v, half) if matches!(**half, Term::Num(r) if Some(r) == Rational::new(1, 2)) => {
            match **v {
                Term::Add(_) => format!("({})", unicode(v)),
                _ => unicode(v),
            }
        }
        _ => format!("{}²", unicode(std)),
    }
}
