//! Lowering errors: constructs with one meaning that `Term` cannot hold (a number too
//! large, integral bounds other than the real line), and the resolution errors of the
//! names, carried along so that the report has one list of "name" errors.

use crate::source::Span;
use crate::syntax::resolve::{ResolveError, ResolveErrorKind};

/// A name that could not be resolved, or a construct that has no meaning here.
#[derive(Debug, Clone, PartialEq)]
pub struct LowerError {
    /// What the error is about.
    pub span: Span,
    /// What went wrong.
    pub kind: LowerErrorKind,
}

/// The kinds of lowering errors.
#[derive(Debug, Clone, PartialEq)]
pub enum LowerErrorKind {
    /// A name without a single meaning (see [`ResolveErrorKind`]).
    Name(ResolveErrorKind),
    /// `\int_{\frac{-\infty - \mu}{s}}^{\infty}` without `s > 0`: a limit that computes
    /// with `\infty`, whose value depends on a sign the assumptions do not give.
    UnsupportedBounds,
    /// `\infty` outside integral bounds.
    MisplacedInfinity,
    /// `\frac{d}{dx} \Gamma(x)`: a derivative with no rule here, and why.
    Derivative(String),
    /// A literal too large to represent exactly, like `12345678901234567890`.
    NumberTooLarge(String),
    /// `\sqrt[x]{a}`: the index must be a positive whole number.
    BadRootIndex,
    /// `specialise … with a + b = 1`: a binding must set a symbol or a power of a
    /// positive symbol.
    BadBinding,
    /// A step whose chain values, written out, would exceed the size cap: `H_2 = H_1 +
    /// H_1`, `H_3 = H_2 + H_2`, … doubles at every line.
    TooLarge {
        /// The cap, in nodes.
        limit: usize,
    },
    /// A chain's name used where that chain's last step could not be read.
    NoChainValue,
    /// An expression resolution did not resolve (a bug: lowering reads resolved trees).
    Unresolved,
    /// Vector or matrix notation that has no meaning here: `x^\mathrm{T}` of an
    /// undeclared `x`, a product whose shapes do not fit (see `lower::matrix`).
    Shape(String),
}

impl From<ResolveError> for LowerError {
    fn from(error: ResolveError) -> Self {
        LowerError {
            span: error.span,
            kind: LowerErrorKind::Name(error.kind),
        }
    }
}

impl LowerError {
    fn as_resolve(&self) -> Option<ResolveError> {
        match &self.kind {
            LowerErrorKind::Name(kind) => Some(ResolveError {
                span: self.span,
                kind: kind.clone(),
            }),
            _ => None,
        }
    }

    /// One line, lowercase, no final period.
    pub fn message(&self) -> String {
        if let Some(error) = self.as_resolve() {
            return error.message();
        }
        match &self.kind {
            LowerErrorKind::UnsupportedBounds => {
                "a limit that computes with `\\infty` is not read: its value depends on signs"
                    .into()
            }
            LowerErrorKind::MisplacedInfinity => "`\\infty` can only be an integral bound".into(),
            LowerErrorKind::Derivative(why) => format!("the derivative is not taken: {why}"),
            LowerErrorKind::NumberTooLarge(text) => format!("number `{text}` is too large"),
            LowerErrorKind::BadRootIndex => "the index of a root must be a whole number".into(),
            LowerErrorKind::BadBinding => {
                "a binding must give the value of a symbol or of a power of a positive symbol"
                    .into()
            }
            LowerErrorKind::TooLarge { limit } => {
                format!("written out, the chain values in this step exceed {limit} nodes")
            }
            LowerErrorKind::NoChainValue => {
                "the chain this name stands for has no readable last step".into()
            }
            LowerErrorKind::Unresolved => "an expression was not resolved".into(),
            LowerErrorKind::Shape(why) => format!("vector or matrix notation refused: {why}"),
            LowerErrorKind::Name(_) => String::new(),
        }
    }

    /// Text for the underline.
    pub fn label(&self) -> String {
        if let Some(error) = self.as_resolve() {
            return error.label();
        }
        match &self.kind {
            LowerErrorKind::UnsupportedBounds => "limit".into(),
            LowerErrorKind::TooLarge { .. } => "too large".into(),
            _ => "here".into(),
        }
    }

    /// What to do about it.
    pub fn help(&self) -> Option<String> {
        if let Some(error) = self.as_resolve() {
            return error.help();
        }
        match &self.kind {
            LowerErrorKind::UnsupportedBounds => {
                Some("write the limit it stands for: `-\\infty` or `\\infty`".into())
            }
            LowerErrorKind::BadBinding => Some("write e.g. `\\mu_2 = 0, \\sigma_2^2 = 1`".into()),
            LowerErrorKind::TooLarge { .. } => {
                Some("write the step without nesting chain names so deeply".into())
            }
            _ => None,
        }
    }
}
