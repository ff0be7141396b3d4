//! The one place where the engine's claims meet the numeric side before they reach
//! the user: a step's two sides, and every formula the engine hands back — a final
//! form, the difference of a wrong step, a hint's edited step, a specialised value, a
//! normal form.
//!
//! A claimed formula is a [`Term`]. It is printed as LaTeX (what the report shows),
//! parsed back with our own parser, and the numeric side compares that syntax tree
//! with the expression it is claimed to equal, as the author wrote it. What the user
//! reads is then exactly what was checked; a claim that disagrees, or that cannot be
//! printed, parsed or evaluated, is not confirmed and the caller leaves it out.

use std::cell::RefCell;
use std::fmt;

use crate::numeric::{self, Budget, NumericEnv, NumericOutcome};
use crate::print;
use crate::syntax::ast::{Binding, Document, Expr, ExprKind};
use crate::syntax::{parse_expr, AfterDocument};
use crate::term::Term;

/// The numeric side of a file's check.
pub(super) struct SecondOpinion {
    env: Result<NumericEnv, String>,
    /// The document's declarations, to read a printed claim back as the author's text
    /// is read (`\pi` the constant, `p_1(x)` the density).
    after: RefCell<AfterDocument>,
}

/// An expression as written, with the bindings of a specialisation applied to it
/// when it is the specialised chain's value.
#[derive(Debug, Clone, Copy)]
pub(super) struct Written<'a> {
    pub expr: &'a Expr,
    pub bindings: Option<&'a [Binding]>,
}

impl<'a> Written<'a> {
    /// `expr` with nothing bound.
    pub fn plain(expr: &'a Expr) -> Self {
        Written {
            expr,
            bindings: None,
        }
    }
}

/// Why a claim was not confirmed.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Unconfirmed {
    /// The numbers contradict it: a bug in the engine, worth a test.
    Disagrees(String),
    /// It could not be checked (not printable as LaTeX we read, not evaluable).
    Unchecked(String),
}

impl fmt::Display for Unconfirmed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unconfirmed::Disagrees(why) => write!(
                f,
                "the numeric cross-check contradicts the engine's form ({why}), an internal inconsistency"
            ),
            Unconfirmed::Unchecked(why) => {
                write!(f, "the numeric cross-check could not confirm it ({why})")
            }
        }
    }
}

impl SecondOpinion {
    /// The numeric side for `doc`; a document it cannot read leaves every claim
    /// unconfirmed, with the reason.
    pub fn new(doc: &Document, after: AfterDocument) -> Self {
        SecondOpinion {
            env: NumericEnv::new(doc),
            after: RefCell::new(after),
        }
    }

    /// Compare the two sides of a step.
    pub fn step(&self, lhs: Written<'_>, rhs: &Expr, seed: u64, budget: &Budget) -> NumericOutcome {
        match &self.env {
            Ok(env) => numeric::compare_within(env, lhs.expr, rhs, lhs.bindings, seed, budget),
            Err(why) => NumericOutcome::Unavailable(why.clone()),
        }
    }

    /// Whether the engine's `claim` equals `written`.
    pub fn equal(
        &self,
        written: Written<'_>,
        claim: &Term,
        seed: u64,
        budget: &Budget,
    ) -> Result<(), Unconfirmed> {
        let claim = self.reparse(claim)?;
        self.agree(written, &claim, seed, budget)
    }

    /// Whether the engine's `claim` is `this − previous`: `previous` and
    /// `this − claim` are compared, so a specialisation's bindings stay on `previous`.
    pub fn difference(
        &self,
        previous: Written<'_>,
        this: &Expr,
        claim: &Term,
        seed: u64,
        budget: &Budget,
    ) -> Result<(), Unconfirmed> {
        let claim = self.reparse(claim)?;
        let rest = Expr {
            kind: ExprKind::Sub(Box::new(this.clone()), Box::new(claim)),
            span: this.span,
        };
        self.agree(previous, &rest, seed, budget)
    }

    /// Whether the engine's simplified `claim` is the value `binding` gives its
    /// symbol (`\sigma_2^2 = 1` gives σ₂ the positive root 1).
    pub fn binding(
        &self,
        binding: &Binding,
        claim: &Term,
        seed: u64,
        budget: &Budget,
    ) -> Result<(), Unconfirmed> {
        let symbol = match &binding.lhs.kind {
            ExprKind::Pow(base, _) => base.as_ref(),
            _ => &binding.lhs,
        };
        let claim = self.reparse(claim)?;
        let bound = Written {
            expr: symbol,
            bindings: Some(std::slice::from_ref(binding)),
        };
        self.agree(bound, &claim, seed, budget)
    }

    fn agree(
        &self,
        written: Written<'_>,
        claim: &Expr,
        seed: u64,
        budget: &Budget,
    ) -> Result<(), Unconfirmed> {
        match self.step(written, claim, seed, budget) {
            NumericOutcome::Agree { .. } => Ok(()),
            NumericOutcome::Differ { point, lhs, rhs } => {
                let at = match point.0.is_empty() {
                    true => String::new(),
                    false => format!(
                        "at {}, ",
                        print::assignments(point.0.iter().map(|(k, v)| (k.as_str(), *v)))
                    ),
                };
                Err(Unconfirmed::Disagrees(format!(
                    "{at}it is {} where {} is expected",
                    print::number(rhs),
                    print::number(lhs)
                )))
            }
            NumericOutcome::DomainDiffers { .. } => Err(Unconfirmed::Unchecked(
                "it has a value where the expression it stands for has none, or none where it has one".into(),
            )),
            NumericOutcome::Unavailable(why) => Err(Unconfirmed::Unchecked(why)),
        }
    }
}

/// What a proof's condition requires of its expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Requirement {
    /// `≠ 0`: a denominator.
    NonZero,
    /// `≥ 0`: the base of a root.
    NonNegative,
    /// `> 0`: the argument of a logarithm.
    Positive,
}

impl SecondOpinion {
    /// Whether a proof's conditions exclude `point`, where one side of its step has
    /// no value: one of them fails there (or its expression has no value there), so
    /// the difference of domains is the one the proof states. A condition is an
    /// engine formula too, and is checked the same way, through its LaTeX.
    /// The value of `expr` (as written) at `point`, if it has one.
    pub fn value(&self, expr: &Expr, point: &numeric::Point) -> Option<f64> {
        numeric::eval(self.env.as_ref().ok()?, expr, point).ok()
    }

    pub fn excludes(&self, conditions: &[(Term, Requirement)], point: &numeric::Point) -> bool {
        let Ok(env) = &self.env else {
            return false;
        };
        conditions.iter().any(|(term, requirement)| {
            let Ok(expr) = self.reparse(term) else {
                return false;
            };
            match numeric::eval(env, &expr, point) {
                Ok(v) => match requirement {
                    Requirement::NonZero => v.abs() <= ZERO,
                    Requirement::NonNegative => v < -ZERO,
                    Requirement::Positive => v <= ZERO,
                },
                Err(_) => true,
            }
        })
    }
}

/// A condition's expression at most this far from 0 is 0 there: the points at the
/// zeros of denominators are found by bisection, to about 1e-16.
const ZERO: f64 = 1e-9;

/// The conditions a proof states (`x ≠ 0` for `x/x = 1`), one to one.
pub(super) fn conditions_of(proof: &crate::check::Proof) -> Vec<(Term, Requirement)> {
    use crate::verdict::Condition;
    proof
        .conditions
        .iter()
        .map(|c| match c {
            Condition::NonZero(t) => (t.clone(), Requirement::NonZero),
            Condition::NonNegative(t) => (t.clone(), Requirement::NonNegative),
            Condition::Positive(t) => (t.clone(), Requirement::Positive),
        })
        .collect()
}

impl SecondOpinion {
    /// The claim as the report prints it in LaTeX, read back by our parser and
    /// resolved after the document.
    pub(super) fn reparse(&self, claim: &Term) -> Result<Expr, Unconfirmed> {
        let latex = print::latex(claim);
        let parsed = parse_expr(&latex).map_err(|e| {
            Unconfirmed::Unchecked(format!("its LaTeX is not read back: {}", e.message()))
        })?;
        self.after.borrow_mut().expr(&parsed).map_err(|errors| {
            let why = errors.first().map(|e| e.message()).unwrap_or_default();
            Unconfirmed::Unchecked(format!("its LaTeX does not resolve: {why}"))
        })
    }
}
