//! The evidence of a step's verdict as JSON: which facts proved it and where it
//! holds, the witness, difference and hint (with its edit) that refute it, what
//! blocked an undecided one. Kept apart from the report's own types (as the rest of
//! the format is), so the format changes only on purpose.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::print;
use crate::report::Verdict;

#[derive(Serialize, JsonSchema)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub(super) enum StepVerdict {
    Verified {
        families: Vec<&'static str>,
        /// The named facts the proof used.
        facts: Vec<FactRecord>,
        numeric_points: usize,
        /// Where the step holds, when only somewhere.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        conditions: Vec<ConditionRecord>,
    },
    Wrong {
        witness: Witness,
        difference: Option<String>,
        difference_latex: Option<String>,
        /// A likely slip, proved to make the step hold.
        #[serde(skip_serializing_if = "Option::is_none")]
        hint: Option<Hint>,
    },
    Undecided {
        reason: String,
        /// What blocked it, as data, where that is known.
        #[serde(skip_serializing_if = "Option::is_none")]
        blocker: Option<BlockerRecord>,
    },
    Inconsistent {
        detail: String,
    },
}

#[derive(Serialize, JsonSchema)]
pub(super) struct Witness {
    point: BTreeMap<String, f64>,
    lhs: f64,
    rhs: f64,
}

/// A term as the report prints it, in Unicode and in LaTeX.
#[derive(Serialize, JsonSchema)]
pub(super) struct Formula {
    unicode: String,
    latex: String,
}

impl Formula {
    fn of(term: &crate::term::Term) -> Formula {
        Formula {
            unicode: print::unicode(term),
            latex: print::latex(term),
        }
    }
}

/// A named fact a proof used: which, about what, and its statement.
#[derive(Serialize, JsonSchema)]
pub(super) struct FactRecord {
    #[serde(flatten)]
    fact: FactKind,
    /// The fact stated for this file's names.
    statement: String,
}

#[derive(Serialize, JsonSchema)]
#[serde(tag = "fact", rename_all = "snake_case")]
pub(super) enum FactKind {
    /// `∫(x−μ)ᵏ p(x) dx` of a declared density: k = 0 normalisation, 1 the mean, 2
    /// the variance.
    CentralMoment {
        density: String,
        k: u32,
    },
    /// `∫ e^{tx} p(x) dx` of a declared density.
    MomentGenerating {
        density: String,
    },
    /// The closed form of `∫ xᵏ exp(−ax² + bx + d) dx`.
    GeneralIntegral,
    SumLinearity,
    SumOfConstant,
    SumOfPowers,
    LogOfProduct,
    ProductLaws,
    /// A chain of equations: the equation before, multiplied by a factor of known
    /// sign.
    ScaledEquation {
        factor: Formula,
        positive: bool,
    },
    /// A chain of equations: the equation before and this one both hold for every
    /// value.
    EveryValueSolves,
    /// A chain of equations solved jointly with an earlier one's solution, put in the
    /// variable's place.
    JointSolution {
        variable: String,
        value: Formula,
    },
    /// A law of the matrix normal form: "E of a quadratic form", "trace is cyclic".
    MatrixLaw {
        law: String,
    },
    /// A law of erf or Γ: "erf is odd: erf(−u) = −erf(u), so Φ(−x) = 1 − Φ(x)".
    SpecialLaw {
        law: String,
    },
    /// How the step was read: "integration by parts: …", "change of variable from x
    /// to u; …".
    Reading {
        law: String,
    },
}

impl FactRecord {
    fn of(stated: &crate::report::StatedFact) -> FactRecord {
        use crate::verdict::Fact;
        let fact = match &stated.fact {
            Fact::CentralMoment { density, k } => FactKind::CentralMoment {
                density: print::unicode_name(density),
                k: *k,
            },
            Fact::MomentGenerating { density } => FactKind::MomentGenerating {
                density: print::unicode_name(density),
            },
            Fact::GeneralIntegral => FactKind::GeneralIntegral,
            Fact::SumLinearity => FactKind::SumLinearity,
            Fact::SumOfConstant => FactKind::SumOfConstant,
            Fact::SumOfPowers => FactKind::SumOfPowers,
            Fact::LogOfProduct => FactKind::LogOfProduct,
            Fact::ProductLaws => FactKind::ProductLaws,
            Fact::ScaledEquation { factor, positive } => FactKind::ScaledEquation {
                factor: Formula::of(factor),
                positive: *positive,
            },
            Fact::EveryValueSolves => FactKind::EveryValueSolves,
            Fact::JointSolution {
                variable,
                squared,
                value,
            } => FactKind::JointSolution {
                variable: print::unicode_name(variable),
                value: Formula::of(&match squared {
                    true => crate::term::Term::pow(value.clone(), crate::term::Term::int(2)),
                    false => value.clone(),
                }),
            },
            Fact::MatrixLaw(law) => FactKind::MatrixLaw { law: law.clone() },
            Fact::Special(law) => FactKind::SpecialLaw {
                law: law.statement().into(),
            },
            Fact::Reading(law) => FactKind::Reading {
                law: law.statement(),
            },
        };
        FactRecord {
            fact,
            statement: stated.statement.clone(),
        }
    }
}

/// A condition under which a step holds: `term ≠ 0`, `term ≥ 0` or `term > 0`.
#[derive(Serialize, JsonSchema)]
pub(super) struct ConditionRecord {
    relation: Relation,
    term: Formula,
    /// The condition as the other formats print it: `x ≠ 0`.
    statement: String,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(super) enum Relation {
    /// `≠ 0`: a denominator.
    NonZero,
    /// `≥ 0`: the base of a fractional power.
    NonNegative,
    /// `> 0`: the argument of a logarithm.
    Positive,
}

impl ConditionRecord {
    fn of(condition: &crate::report::Condition) -> ConditionRecord {
        use crate::report::Condition;
        let relation = match condition {
            Condition::NonZero(_) => Relation::NonZero,
            Condition::NonNegative(_) => Relation::NonNegative,
            Condition::Positive(_) => Relation::Positive,
        };
        ConditionRecord {
            relation,
            term: Formula::of(condition.term()),
            statement: condition.to_string(),
        }
    }
}

/// The hint of a wrong step: what to change, and the step changed (what an editor's
/// quick fix would write), proved to follow and confirmed by the numbers.
#[derive(Serialize, JsonSchema)]
pub(super) struct Hint {
    statement: String,
    /// The one-term edit, when the hint is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    edit: Option<EditRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<Formula>,
}

/// A hint's edit: the slip undone and the summand of the step it is about.
#[derive(Serialize, JsonSchema)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub(super) enum EditRecord {
    FlipSign {
        term: Formula,
    },
    SwapSubscript {
        term: Formula,
        from: String,
        to: String,
    },
    LeaveOut {
        term: Formula,
    },
    Double {
        term: Formula,
    },
    Halve {
        term: Formula,
    },
    /// A dropped term, added back.
    Restore {
        term: Formula,
    },
}

impl EditRecord {
    fn of(edit: &crate::report::Edit) -> EditRecord {
        use crate::report::Edit;
        match edit {
            Edit::FlipSign(t) => EditRecord::FlipSign {
                term: Formula::of(t),
            },
            Edit::SwapSubscript { term, from, to } => EditRecord::SwapSubscript {
                term: Formula::of(term),
                from: print::unicode_name(from),
                to: print::unicode_name(to),
            },
            Edit::LeaveOut(t) => EditRecord::LeaveOut {
                term: Formula::of(t),
            },
            Edit::Double(t) => EditRecord::Double {
                term: Formula::of(t),
            },
            Edit::Halve(t) => EditRecord::Halve {
                term: Formula::of(t),
            },
            Edit::Restore(t) => EditRecord::Restore {
                term: Formula::of(t),
            },
        }
    }
}

/// What blocked an undecided step.
#[derive(Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(super) enum BlockerRecord {
    /// An integral outside the Gaussian class.
    UnsupportedIntegrand {
        integral: Formula,
        why: String,
        diverges: bool,
        numbers_differ: bool,
    },
    /// An integral not known to converge absolutely.
    Convergence {
        integral: Formula,
        why: String,
        diverges: bool,
        numbers_differ: bool,
    },
    /// A bound on the engine's work (`--max-*`).
    Limit {
        #[serde(flatten)]
        limit: LimitRecord,
        numbers_differ: bool,
    },
    /// An expression without a real value.
    Undefined { why: String, numbers_differ: bool },
    /// The engine failed: a bug in `verify`.
    Internal {
        message: String,
        numbers_differ: bool,
    },
    /// Not proved, and not refuted by the numbers; the remaining difference
    /// `this − previous` when the numbers confirm it.
    Unproved {
        #[serde(skip_serializing_if = "Option::is_none")]
        difference: Option<Formula>,
        numbers_agree: bool,
    },
    /// Proved, but the numeric side could not evaluate it.
    NoSecondOpinion { why: String },
    /// Proved, but one side is undefined where the other is not, and no condition
    /// of the proof excludes the point.
    DomainDiffers,
    /// It holds if these symbols are positive, which is not assumed.
    PositivityNeeded { symbols: Vec<String> },
}

/// Which bound on the engine's work a step hit, and by how much.
#[derive(Serialize, JsonSchema)]
#[serde(tag = "limit", rename_all = "snake_case")]
pub(super) enum LimitRecord {
    /// `--max-exponent`.
    Exponent { found: i64, max: i64 },
    /// `--max-terms`, for an expansion (estimated terms).
    ExpansionSize { estimate: f64, max: f64 },
    /// `--max-terms`, for a common denominator (estimated products of terms).
    CommonDenominator { estimate: f64, max: f64 },
    /// A number of more than 18 digits.
    NumberSize,
    /// `--max-nodes`.
    ExpressionSize { found: usize, max: usize },
    /// `--max-step-seconds`.
    Time { seconds: f64 },
    /// Exact numbers too large to build (bits, estimated).
    NumberBits { estimate: u64, max: u64 },
    /// An expression nested too deeply.
    ExpressionDepth { found: usize, max: usize },
}

impl LimitRecord {
    fn of(limit: &crate::verdict::Limit) -> LimitRecord {
        use crate::verdict::Limit;
        match *limit {
            Limit::Exponent { found, max } => LimitRecord::Exponent { found, max },
            // Estimates past 2^53 lose digits as JSON numbers; they are estimates.
            Limit::ExpansionSize { estimate, max } => LimitRecord::ExpansionSize {
                estimate: estimate as f64,
                max: max as f64,
            },
            Limit::CommonDenominator { estimate, max } => LimitRecord::CommonDenominator {
                estimate: estimate as f64,
                max: max as f64,
            },
            Limit::NumberSize => LimitRecord::NumberSize,
            Limit::ExpressionSize { found, max } => LimitRecord::ExpressionSize { found, max },
            Limit::Time { seconds } => LimitRecord::Time { seconds },
            Limit::NumberBits { estimate, max } => LimitRecord::NumberBits { estimate, max },
            Limit::ExpressionDepth { found, max } => LimitRecord::ExpressionDepth { found, max },
        }
    }
}

impl BlockerRecord {
    fn of(blocked: &crate::report::Blocked) -> BlockerRecord {
        use crate::report::Blocked;
        use crate::verdict::Blocker;
        match blocked {
            Blocked::Engine {
                blocker,
                numbers_differ,
            } => {
                let numbers_differ = *numbers_differ;
                match blocker {
                    Blocker::UnsupportedIntegrand {
                        integral,
                        reason,
                        diverges,
                    } => BlockerRecord::UnsupportedIntegrand {
                        integral: Formula::of(integral),
                        why: reason.clone(),
                        diverges: *diverges,
                        numbers_differ,
                    },
                    Blocker::Convergence {
                        integral,
                        diverges,
                        reason,
                    } => BlockerRecord::Convergence {
                        integral: Formula::of(integral),
                        why: reason.clone(),
                        diverges: *diverges,
                        numbers_differ,
                    },
                    Blocker::Limit(limit) => BlockerRecord::Limit {
                        limit: LimitRecord::of(limit),
                        numbers_differ,
                    },
                    Blocker::Undefined(why) => BlockerRecord::Undefined {
                        why: why.clone(),
                        numbers_differ,
                    },
                    Blocker::Internal(message) => BlockerRecord::Internal {
                        message: message.clone(),
                        numbers_differ,
                    },
                }
            }
            Blocked::Unproved {
                difference,
                numbers_agree,
            } => BlockerRecord::Unproved {
                difference: difference.as_ref().map(Formula::of),
                numbers_agree: *numbers_agree,
            },
            Blocked::NoSecondOpinion { why } => BlockerRecord::NoSecondOpinion { why: why.clone() },
            Blocked::DomainDiffers => BlockerRecord::DomainDiffers,
            Blocked::PositivityNeeded { symbols } => BlockerRecord::PositivityNeeded {
                symbols: symbols.iter().map(print::unicode_name).collect(),
            },
        }
    }
}

impl From<&Verdict> for StepVerdict {
    fn from(v: &Verdict) -> Self {
        match v {
            Verdict::Verified {
                families,
                facts,
                n_points,
                conditions,
            } => StepVerdict::Verified {
                families: families.iter().map(|f| f.name()).collect(),
                facts: facts.iter().map(FactRecord::of).collect(),
                numeric_points: *n_points,
                conditions: conditions.iter().map(ConditionRecord::of).collect(),
            },
            Verdict::Wrong {
                point,
                lhs,
                rhs,
                difference,
                hint,
                fixed,
                edit,
            } => StepVerdict::Wrong {
                witness: Witness {
                    point: point.iter().cloned().collect(),
                    lhs: *lhs,
                    rhs: *rhs,
                },
                difference: difference.as_ref().map(print::unicode),
                difference_latex: difference.as_ref().map(print::latex),
                hint: hint.as_ref().map(|statement| Hint {
                    statement: statement.clone(),
                    edit: edit.as_ref().map(EditRecord::of),
                    fixed: fixed.as_ref().map(Formula::of),
                }),
            },
            Verdict::Undecided { reason, blocked } => StepVerdict::Undecided {
                reason: reason.clone(),
                blocker: blocked.as_ref().map(BlockerRecord::of),
            },
            Verdict::Inconsistent { detail } => StepVerdict::Inconsistent {
                detail: detail.clone(),
            },
        }
    }
}
