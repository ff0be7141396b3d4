//! What a check concludes about one step, with its evidence: the rule families that
//! proved it, the named Gaussian facts it used, the numeric witness that refutes it, or
//! what blocked the engine.
//!
//! These are plain values, produced by `engine` and `numeric` and read by `report`;
//! nothing here knows how they are computed or printed.

use std::fmt;

use crate::term::{Name, Term};

/// A family of rewrite rules that can be switched on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Expand, collect, common denominators, cancel.
    Algebra,
    /// `log(ab) = log a + log b`, `log aⁿ = n log a`, `log eᵘ = u`, `(ab)ʳ = aʳbʳ`, … for
    /// positive arguments only.
    LogExp,
    /// `∫(f+g) = ∫f + ∫g`, and factors free of the variable leave the integral.
    Linearity,
    /// A declared function or density is replaced by its formula.
    Definitions,
    /// `∫ xᵏ exp(−ax² + bx + d) dx` in closed form.
    Gaussian,
    /// Sums and products over an index: linearity of Σ, Σ of a constant, factors free
    /// of the index leave, `log Π = Σ log` (positive factors), `Π eᵃ = e^{Σ a}`.
    Sums,
    /// The values a specialisation gives.
    Substitution,
    /// erf and Γ: `erf(−u) = −erf(u)`, `erf(0) = 0`, `Γ(n) = (n−1)!`, `Γ(½) = √π`.
    Special,
}

impl Family {
    /// Every family, in the order reports list them.
    pub const ALL: [Family; 8] = [
        Family::Algebra,
        Family::LogExp,
        Family::Linearity,
        Family::Definitions,
        Family::Gaussian,
        Family::Sums,
        Family::Substitution,
        Family::Special,
    ];

    /// The kebab-case name used in reports, JSON and the rule documentation.
    pub fn name(self) -> &'static str {
        match self {
            Family::Algebra => "algebra",
            Family::LogExp => "log-exp",
            Family::Linearity => "linearity",
            Family::Definitions => "definitions",
            Family::Gaussian => "gaussian",
            Family::Sums => "sums",
            Family::Substitution => "substitution",
            Family::Special => "special-functions",
        }
    }

    /// A short phrase for human reports.
    pub fn title(self) -> &'static str {
        match self {
            Family::Algebra => "algebra",
            Family::LogExp => "log & exp laws",
            Family::Linearity => "linearity of ∫",
            Family::Definitions => "definitions",
            Family::Gaussian => "Gaussian integrals",
            Family::Sums => "sums",
            Family::Substitution => "substitution",
            Family::Special => "special functions",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of rule families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FamilySet(u8);

impl FamilySet {
    /// No family at all: only the engine's automatic normalisation.
    pub const EMPTY: FamilySet = FamilySet(0);

    /// The set of the given families.
    pub fn of(families: &[Family]) -> Self {
        families.iter().fold(Self::EMPTY, |set, &f| set.with(f))
    }

    /// This set plus `family`.
    pub fn with(self, family: Family) -> Self {
        FamilySet(self.0 | family.bit())
    }

    /// This set without `family`.
    pub fn without(self, family: Family) -> Self {
        FamilySet(self.0 & !family.bit())
    }

    /// Whether `family` is in the set.
    pub fn contains(self, family: Family) -> bool {
        self.0 & family.bit() != 0
    }

    /// The families in report order.
    pub fn iter(self) -> impl Iterator<Item = Family> {
        Family::ALL.into_iter().filter(move |&f| self.contains(f))
    }

    /// Number of families in the set.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Every subset of `self`, smallest first, ties in a fixed order; the search order
    /// for "the smallest set of families that proves a step".
    pub fn subsets_smallest_first(self) -> Vec<FamilySet> {
        let mut subsets: Vec<FamilySet> = (0..=self.0)
            .filter(|bits| bits & !self.0 == 0)
            .map(FamilySet)
            .collect();
        subsets.sort_by_key(|s| (s.len(), s.0));
        subsets
    }
}

impl fmt::Display for FamilySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let titles: Vec<&str> = self.iter().map(Family::title).collect();
        if titles.is_empty() {
            f.write_str("identical after normalisation")
        } else {
            f.write_str(&titles.join(", "))
        }
    }
}

/// A named fact of the Gaussian family that a step relied on.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact {
    /// The `k`-th central moment of a declared density: `∫(x−μ)ᵏ p(x) dx`.
    /// `k = 0` is normalisation, `k = 1` the mean, `k = 2` the variance.
    CentralMoment {
        /// The declared density, e.g. `p_1`.
        density: Name,
        /// Which moment.
        k: u32,
    },
    /// The moment generating function of a declared density:
    /// `∫ e^{tx} p(x) dx = e^{μt + σ²t²/2}`, for any `t` free of `x`.
    MomentGenerating {
        /// The declared density.
        density: Name,
    },
    /// The general closed form `∫ xᵏ exp(−ax² + bx + d) dx`, for an integrand that is
    /// not a polynomial times one declared density.
    GeneralIntegral,
    /// Linearity of Σ: a sum split over `+`, factors free of the index outside.
    SumLinearity,
    /// Σ over i of a constant: `Σ_{i=lo}^{hi} c = (hi − lo + 1)·c`.
    SumOfConstant,
    /// Σ over i of a power of the index, `Σ_{i=1}^{n} i^k` for k = 1 … 4 (Faulhaber's
    /// polynomials, `Σ i = n(n + 1)/2`).
    SumOfPowers,
    /// `log Π f_i = Σ log f_i`, every `f_i` positive.
    LogOfProduct,
    /// `Π e^{a_i} = e^{Σ a_i}`, and constant factors of a product to the count.
    ProductLaws,
    /// A law of erf or Γ (see `engine::rules::special`).
    Special(SpecialLaw),
    /// How the step was read: a change of variable, integration by parts (see
    /// `check::reading_facts`).
    Reading(ReadingLaw),
    /// A law of the matrix normal form a side used and the other did not ("E of a
    /// quadratic form", "trace is cyclic", "tr(I) = J"; see `lower::matrix`).
    MatrixLaw(String),
    /// In a chain of equations: this equation is the one before multiplied by
    /// `factor`, whose sign is known everywhere, so both have the same solutions.
    ScaledEquation {
        /// The factor (`1` for the same equation rearranged).
        factor: Term,
        /// Whether it is positive (else negative) everywhere.
        positive: bool,
    },
    /// In a chain of equations: the equation before holds for every value (`Σ(x_i −
    /// x̄) = 0` claimed as an identity), and so does this one, so both have the same
    /// solutions: all values.
    EveryValueSolves,
    /// In a chain of equations: an earlier chain of equations solved gave
    /// `variable = value` (the solution itself, its square root for `squared`), and this
    /// step holds with that value in the variable's place: the equations solved jointly.
    JointSolution {
        /// The variable solved for (`μ`).
        variable: Name,
        /// Whether its square was solved for (`σ² = …`).
        squared: bool,
        /// Its value there.
        value: Term,
    },
}

/// The shape of a step that its reading shows: it was proved by the value of both
/// sides, and this says how they relate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReadingLaw {
    /// `∫ f d(g(u))` read as `∫ f·g′(u) du`.
    SubstitutedDifferential {
        /// The new variable, as printed.
        var: String,
        /// `g(u)` as the author wrote it.
        written: String,
    },
    /// The integrals' variables changed (`∫ … dx` to `∫ … du`).
    ChangeOfVariable {
        /// The variables before, as printed.
        from: Vec<String>,
        /// The variables after.
        to: Vec<String>,
    },
    /// An integral became an evaluated boundary term and another integral.
    ByParts,
}

impl ReadingLaw {
    /// The law as the report states it.
    pub fn statement(&self) -> String {
        match self {
            ReadingLaw::SubstitutedDifferential { var, written } => format!(
                "change of variable: the differential d({written}) read as its derivative in {var} times d{var}; both sides checked by their value"
            ),
            ReadingLaw::ChangeOfVariable { from, to } => format!(
                "change of variable from {} to {}; both sides checked by their value",
                from.join(", "),
                to.join(", ")
            ),
            ReadingLaw::ByParts => "integration by parts: the boundary term evaluated at its limits and the remaining integral evaluated".into(),
        }
    }
}

/// The laws of the special functions a step can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SpecialLaw {
    /// `erf(0) = 0`.
    ErfAtZero,
    /// `erf(−u) = −erf(u)`, which is `Φ(−x) = 1 − Φ(x)`.
    ErfIsOdd,
    /// `Γ(n) = (n − 1)!` at a positive integer.
    GammaOfInteger,
    /// `Γ(n + ½) = (2n)!√π/(4ⁿn!)`, so `Γ(½) = √π`.
    GammaOfHalfInteger,
    /// `Γ(s + 1) = sΓ(s)` at a symbolic argument.
    GammaRecurrence,
    /// `|u| = u` or `−u` where the sign of `u` is known, `|u·v| = |u|·|v|`.
    AbsoluteValue,
    /// An integral of `|b·x + d|·f(x)` split where `b·x + d` changes sign.
    AbsoluteValueSplit,
}

impl SpecialLaw {
    /// The law as the report states it.
    pub fn statement(self) -> &'static str {
        match self {
            SpecialLaw::ErfAtZero => "erf(0) = 0",
            SpecialLaw::ErfIsOdd => "erf is odd: erf(−u) = −erf(u), so Φ(−x) = 1 − Φ(x)",
            SpecialLaw::GammaOfInteger => "Γ(n) = (n − 1)! at a positive integer n",
            SpecialLaw::GammaOfHalfInteger => "Γ(n + ½) = (2n)!·√π/(4ⁿ·n!), so Γ(½) = √π",
            SpecialLaw::GammaRecurrence => "Γ(s + 1) = s·Γ(s)",
            SpecialLaw::AbsoluteValue => "|u| = u where u ≥ 0 and −u where u < 0; |u·v| = |u|·|v|",
            SpecialLaw::AbsoluteValueSplit => {
                "∫ |b·x + d|·f(x) dx split at x = −d/b, where b·x + d changes sign"
            }
        }
    }
}

/// A condition under which a step holds: where the expressions it is about are
/// defined. `x/x = 1` holds where `x ≠ 0`; `√x·√x = x` where `x ≥ 0`. Collected from
/// every denominator, fractional power and logarithm written in the step (with its
/// definitions written out) whose sign the engine cannot prove.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// A denominator: `term ≠ 0`.
    NonZero(Term),
    /// The base of a fractional power, as in `√term`: `term ≥ 0`.
    NonNegative(Term),
    /// The argument of a logarithm, or a base that is both divided by and rooted, or
    /// raised to a symbolic power: `term > 0`.
    Positive(Term),
}

impl Condition {
    /// The expression the condition is about.
    pub fn term(&self) -> &Term {
        match self {
            Condition::NonZero(t) | Condition::NonNegative(t) | Condition::Positive(t) => t,
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let relation = match self {
            Condition::NonZero(_) => "≠ 0",
            Condition::NonNegative(_) => "≥ 0",
            Condition::Positive(_) => "> 0",
        };
        write!(f, "{} {relation}", crate::print::unicode(self.term()))
    }
}

/// Why the engine could not decide a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Blocker {
    /// An integral whose integrand is outside the Gaussian class.
    UnsupportedIntegrand {
        /// The integral, as far as the engine got with it.
        integral: Term,
        /// What is wrong with it, e.g. "the exponent is not quadratic in x".
        reason: String,
        /// Whether that proves it diverges (a polynomial part with no Gaussian factor).
        diverges: bool,
    },
    /// An integral of the step, as written, that does not converge absolutely or is
    /// not known to: the step is about an undefined value, or one we cannot tell is
    /// defined, and no law may split, cancel or evaluate it.
    Convergence {
        /// The integral as written (definitions written out where it came from one).
        integral: Term,
        /// Whether it is known to diverge.
        diverges: bool,
        /// Why.
        reason: String,
    },
    /// A bound on work or size was hit.
    Limit(Limit),
    /// The expression has no real value: a division by zero, `0^0`, the square root
    /// of a negative number.
    Undefined(String),
    /// The engine itself failed (a bug, reported rather than crashing).
    Internal(String),
}

/// The bounds on the engine's work for one step, chosen so that any input is decided
/// or refused quickly. Every bound has a command-line flag; hitting one makes the
/// step undecided with the bound named.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// The largest constant exponent, as in `10^{1000}` (`--max-exponent`).
    pub max_exponent: u32,
    /// The largest integer power of a sum that is expanded, as in `(a+b)^{64}`
    /// (`--max-power-of-sum`).
    pub max_power_of_sum: u32,
    /// The most terms an expansion may produce (`--max-terms`).
    pub max_terms: u64,
    /// The largest expression, in nodes of its tree (`--max-nodes`).
    pub max_nodes: usize,
    /// The most engine time one step may take, checked between rewriting passes
    /// (`--max-step-seconds`).
    pub max_step_seconds: f64,
    /// When the current step's time is up: set once per step ([`Limits::start_step`]),
    /// so that everything done for the step (its proof, the search for the smallest
    /// set of families, the hints, the positivity diagnosis, `--explain`, the
    /// simplified difference) shares one clock. `None` outside a step: each engine
    /// request then gets `max_step_seconds` of its own.
    pub deadline: Option<std::time::Instant>,
}

impl Limits {
    /// These bounds with the clock of a new step started now.
    pub fn start_step(self) -> Self {
        Limits {
            deadline: Some(self.fresh_deadline()),
            ..self
        }
    }

    /// When the time of the request being run is up: the step's deadline, or
    /// `max_step_seconds` from now outside a step.
    pub fn deadline(&self) -> std::time::Instant {
        self.deadline.unwrap_or_else(|| self.fresh_deadline())
    }

    fn fresh_deadline(&self) -> std::time::Instant {
        let now = std::time::Instant::now();
        // A bound too large for the clock is no bound: far enough in the future.
        std::time::Duration::try_from_secs_f64(self.max_step_seconds.max(0.0))
            .ok()
            .and_then(|d| now.checked_add(d))
            .unwrap_or_else(|| now + std::time::Duration::from_secs(86_400 * 365))
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_exponent: 1000,
            max_power_of_sum: 64,
            max_terms: 20_000,
            max_nodes: 5000,
            max_step_seconds: 10.0,
            deadline: None,
        }
    }
}

/// The bounds that keep untrusted input from exhausting a machine.
#[derive(Debug, Clone, PartialEq)]
pub enum Limit {
    /// An integer exponent larger than allowed.
    Exponent {
        /// The exponent found.
        found: i64,
        /// The largest allowed.
        max: i64,
    },
    /// An expansion that would produce too many terms.
    ExpansionSize {
        /// Estimated number of terms.
        estimate: u128,
        /// The largest allowed.
        max: u128,
    },
    /// A common denominator too costly to form: the terms of its numerator times
    /// those of its denominator, estimated, above `max_terms`.
    CommonDenominator {
        /// Estimated cost.
        estimate: u128,
        /// The largest allowed.
        max: u128,
    },
    /// A number too large to handle exactly (more than 18 digits).
    NumberSize,
    /// An expression with too many nodes.
    ExpressionSize {
        /// Nodes found.
        found: usize,
        /// The largest allowed.
        max: usize,
    },
    /// The step took more engine time than allowed.
    Time {
        /// The bound, in seconds.
        seconds: f64,
    },
    /// Exact numbers too large to build: about `estimate` bits, where the bound is
    /// 64 bits per unit of `max_exponent` (`(7^{1000})^{1000}`).
    NumberBits {
        /// Estimated bits.
        estimate: u64,
        /// The largest allowed.
        max: u64,
    },
    /// An expression nested too deeply.
    ExpressionDepth {
        /// Levels found.
        found: usize,
        /// The largest allowed.
        max: usize,
    },
}

impl fmt::Display for Blocker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // A limit at ±∞ goes through the Gaussian family too; say which it is.
            Blocker::UnsupportedIntegrand {
                integral: Term::Limit { .. },
                reason,
                ..
            } => write!(f, "limit outside the Gaussian family's class: {reason}"),
            Blocker::UnsupportedIntegrand { reason, .. } => {
                write!(f, "integral outside the Gaussian class: {reason}")
            }
            Blocker::Convergence {
                integral,
                diverges: true,
                reason,
            } => write!(
                f,
                "{} does not converge: {reason}",
                crate::print::unicode(integral)
            ),
            Blocker::Convergence {
                integral, reason, ..
            } => write!(
                f,
                "cannot tell that {} converges: {reason}",
                crate::print::unicode(integral)
            ),
            Blocker::Limit(Limit::Exponent { found, max }) => {
                write!(f, "exponent {found} exceeds the limit of {max}")
            }
            Blocker::Limit(Limit::ExpansionSize { estimate, max }) => write!(
                f,
                "expanding would produce about {estimate} terms, more than the limit of {max}"
            ),
            Blocker::Limit(Limit::CommonDenominator { estimate, max }) => write!(
                f,
                "a common denominator would take about {estimate} products of terms to form and cancel, more than the limit of {max}"
            ),
            Blocker::Limit(Limit::NumberSize) => {
                write!(f, "a number has more digits than the limit of 18")
            }
            Blocker::Limit(Limit::ExpressionSize { found, max }) => write!(
                f,
                "expression has {found} nodes, more than the limit of {max}"
            ),
            Blocker::Limit(Limit::Time { seconds }) => write!(
                f,
                "the engine gave up after the limit of {seconds} s for one step"
            ),
            Blocker::Limit(Limit::NumberBits { estimate, max }) => write!(
                f,
                "a number would have about {estimate} bits, more than the limit of {max}"
            ),
            Blocker::Limit(Limit::ExpressionDepth { found, max }) => write!(
                f,
                "expression is nested {found} levels deep, more than the limit of {max}"
            ),
            Blocker::Undefined(why) => write!(f, "the expression is undefined: {why}"),
            Blocker::Internal(message) => write!(f, "internal engine error: {message}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsets_come_smallest_first_and_stay_inside_the_set() {
        let set = FamilySet::of(&[Family::Algebra, Family::Gaussian]);
        let subsets = set.subsets_smallest_first();
        assert_eq!(
            subsets,
            vec![
                FamilySet::EMPTY,
                FamilySet::of(&[Family::Algebra]),
                FamilySet::of(&[Family::Gaussian]),
                set,
            ]
        );
    }

    #[test]
    fn display_lists_titles_in_report_order() {
        let set = FamilySet::of(&[Family::Gaussian, Family::Algebra]);
        assert_eq!(set.to_string(), "algebra, Gaussian integrals");
        assert_eq!(
            FamilySet::EMPTY.to_string(),
            "identical after normalisation"
        );
    }
}
