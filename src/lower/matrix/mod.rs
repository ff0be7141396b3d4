//! Vector and matrix expressions, lowered through a normal form our own code owns, so
//! that the engine sees only scalars.
//!
//! Why our own: Symbolica's products commute, so `A B` must never reach it as a
//! product. A matrix value here is a sum of `scalar · word`, a word being a
//! non-commutative product of letters (a declared name, maybe transposed, maybe
//! inverted). Transposes are pushed to the letters (`(AB)^T = B^T A^T`), a covariance
//! is its own transpose, `X X^{-1}` cancels, `I` is the empty word, scalars stand in
//! front. A scalar-valued product `u^T W v` is `tr(W v u^T)`, and a trace is one
//! opaque scalar symbol named by its word's canonical rotation (traces are cyclic, and
//! `tr(M) = tr(M^T)`), so `x^T A y = y^T A^T x` and `tr(AB) = tr(BA)` meet in one
//! symbol; `tr(I) = J`; `det(cW) = c^J Π det(letter)^{±1}`, each determinant of a
//! covariance a positive symbol (so the log laws apply to `\log\det\Sigma`). These
//! hold for every dimension J, which stays a symbol: a proof here is for symbolic J.
//!
//! Shapes are never guessed: only names declared with `let x \in \mathbb{R}^J` are
//! vectors, `let A \in \mathbb{R}^{J \times J}` matrices, `let \Sigma \in
//! \mathbb{S}_{++}^J` covariances (symmetric positive definite). A transpose, inverse,
//! trace or determinant of a scalar, or a product whose shapes do not fit, is refused
//! with the construct named. What the normal form cannot read (an inverse of a sum,
//! a matrix under an integral) becomes a symbol unique to its place in the file, which
//! the engine can prove equal to nothing else: such a step is left to the numbers.

use std::collections::BTreeMap;

use super::{LowerErrorKind, Lowerer};
use crate::source::Span;
use crate::syntax::ast::{Builtin, Document, Expr, ExprKind, Item, MatrixOp, ShapeKind};
use crate::term::{Name, Term};
use words::reduce;

/// The document's shape declarations.
#[derive(Debug, Default, Clone)]
pub(super) struct Shapes {
    kinds: BTreeMap<String, ShapeKind>,
    /// The one dimension every declaration uses, `J`.
    dim: Option<String>,
    /// Inside `\mathbb{E}_{x \sim \mathcal{N}(\mu, \Sigma)}[…]`: the law (see `expect`).
    law: Option<expect::Law>,
    /// The named facts used since the last [`Shapes::take_facts`].
    facts: std::collections::BTreeSet<&'static str>,
    /// The diagonal matrices met so far, by their letter's name: the entry at the
    /// index `ι` (see `diagonal`).
    diagonals: BTreeMap<String, Term>,
}

impl Shapes {
    /// The declarations of `doc`, with an error for a second dimension name.
    pub(super) fn of(doc: &Document) -> (Shapes, Vec<(Span, String)>) {
        let mut shapes = Shapes::default();
        let mut errors = Vec::new();
        for item in &doc.items {
            let Item::Shape(decl) = item else { continue };
            let dim = decl.dim.key();
            match &shapes.dim {
                Some(d) if *d != dim => errors.push((
                    decl.span,
                    format!("a second dimension `{dim}`: every vector and matrix must have the dimension `{d}`"),
                )),
                _ => shapes.dim = Some(dim),
            }
            for name in &decl.names {
                if shapes.kinds.insert(name.key(), decl.kind).is_some() {
                    errors.push((name.span, format!("`{}` is declared twice", name.key())));
                }
            }
        }
        for item in &doc.items {
            match item {
                Item::Chain(chain) => {
                    for step in &chain.steps {
                        shapes.undeclared_bold(&step.expr, &mut errors);
                    }
                }
                Item::Let(def) => shapes.undeclared_bold(&def.body, &mut errors),
                _ => {}
            }
        }
        (shapes, errors)
    }

    /// A bold name (`\mathbf{x}`, `𝐱`) the note does not declare a vector or matrix:
    /// the notation says it is one, of a shape nobody stated, so it is refused rather
    /// than read as a number.
    pub(super) fn undeclared_bold(&self, expr: &Expr, errors: &mut Vec<(Span, String)>) {
        if let ExprKind::Ident(id) = &expr.kind {
            if crate::syntax::is_bold_base(&id.base) && self.kind(&id.key()).is_none() {
                let name = crate::print::unicode_name(&super::name_of(id));
                errors.push((
                    expr.span,
                    format!("the bold `{name}`, not declared a vector or a matrix (`let \\mathbf{{x}} \\in \\mathbb{{R}}^J`)"),
                ));
            }
        }
        for child in crate::syntax::ast::children(expr) {
            self.undeclared_bold(child, errors);
        }
    }

    /// Whether `expr` uses vector or matrix notation or a declared vector or matrix.
    pub(super) fn mentions(&self, expr: &Expr) -> bool {
        if self.kinds.is_empty() {
            return is_matrix_notation(expr)
                || crate::syntax::ast::children(expr)
                    .into_iter()
                    .any(|c| self.mentions(c));
        }
        match &expr.kind {
            ExprKind::Ident(id) => self.kinds.contains_key(&id.key()),
            _ => {
                is_matrix_notation(expr)
                    || crate::syntax::ast::children(expr)
                        .into_iter()
                        .any(|c| self.mentions(c))
            }
        }
    }

    /// The facts used since the last call, in a fixed order.
    pub(super) fn take_facts(&mut self) -> Vec<String> {
        std::mem::take(&mut self.facts)
            .into_iter()
            .map(String::from)
            .collect()
    }

    pub(super) fn used(&mut self, fact: &'static str) {
        self.facts.insert(fact);
    }

    /// The dimension's name, once something is declared.
    pub(super) fn dim(&self) -> Option<&str> {
        self.dim.as_deref()
    }

    fn kind(&self, name: &str) -> Option<ShapeKind> {
        self.kinds.get(name).copied()
    }
}

/// The fact named when a trace's word is not already its canonical rotation.
const CYCLIC: &str = "trace is cyclic: tr(AB) = tr(BA), uᵀv = tr(v uᵀ)";

/// `x^\mathrm{T}`, `\|z\|`, `\mathbf{I}`, `\operatorname{tr}`, `\det`.
fn is_matrix_notation(expr: &Expr) -> bool {
    matches!(
        expr.kind,
        ExprKind::Matrix(..) | ExprKind::Apply(Builtin::Trace | Builtin::Det, _)
    )
}

/// A letter of a word: a declared vector or matrix, maybe transposed or inverted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Letter {
    pub(super) name: String,
    pub(super) transposed: bool,
    pub(super) inverse: bool,
}

impl Letter {
    fn key(&self) -> String {
        let mut key = self.name.clone();
        match (self.inverse, self.transposed) {
            (true, true) => key.push_str("^{-T}"),
            (true, false) => key.push_str("^{-1}"),
            (false, true) => key.push_str("^T"),
            (false, false) => {}
        }
        key
    }
}

pub(super) type Word = Vec<Letter>;

/// A dimension of a value: 1 or the declared J.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dim {
    One,
    J,
}

/// A lowered value: a scalar term, or a matrix (vectors are J×1, their transposes
/// 1×J) as a sum of `coefficient · word`. A 1×1 product is made a scalar at once.
#[derive(Debug, Clone)]
pub(super) enum Val {
    Scalar(Term),
    Mat {
        rows: Dim,
        cols: Dim,
        sum: Vec<(Term, Word)>,
    },
}

/// Why a construct is not lowered: refused (a shape error, with the message), or not
/// in the normal form's class (left to the numbers).
pub(super) enum Stop {
    Refused(Span, String),
    Unread,
}

fn shape_text(rows: Dim, cols: Dim) -> &'static str {
    match (rows, cols) {
        (Dim::J, Dim::One) => "a vector",
        (Dim::One, Dim::J) => "a transposed vector",
        (Dim::J, Dim::J) => "a matrix",
        (Dim::One, Dim::One) => "a scalar",
    }
}

impl Lowerer {
    /// `expr`, which mentions vectors or matrices, as a scalar term; a refusal is
    /// recorded as an error.
    pub(super) fn matrix_term(&mut self, expr: &Expr, scope: &mut Vec<Name>) -> Term {
        let opaque = || {
            Term::Sym(Name::new(format!(
                "⟨matrix {}..{}⟩",
                expr.span.start, expr.span.end
            )))
        };
        match self.matrix_value(expr, scope) {
            Ok(Val::Scalar(term)) => term,
            Ok(Val::Mat { rows, cols, .. }) => {
                let why = format!(
                    "{} where a scalar is expected: a step's sides must be scalars",
                    shape_text(rows, cols)
                );
                self.error(expr.span, LowerErrorKind::Shape(why));
                Term::int(0)
            }
            Err(Stop::Refused(span, why)) => {
                self.error(span, LowerErrorKind::Shape(why));
                Term::int(0)
            }
            Err(Stop::Unread) => opaque(),
        }
    }

    pub(super) fn matrix_value(&mut self, expr: &Expr, scope: &mut Vec<Name>) -> Result<Val, Stop> {
        if !self.shapes.mentions(expr) {
            let mut size = 0;
            return Ok(Val::Scalar(self.term(expr, scope, &mut size)));
        }
        let refuse = |why: String| Err(Stop::Refused(expr.span, why));
        match &expr.kind {
            ExprKind::Ident(id) if self.shapes.law.as_ref().is_some_and(|l| l.var == id.key()) => {
                Ok(self.random_vector())
            }
            ExprKind::Expectation {
                moment: crate::syntax::ast::Moment::Mean,
                under: Some(under),
                args,
            } if args.len() == 1 => self.expectation(expr, under, &args[0], scope),
            ExprKind::Ident(id) => {
                let letter = Letter {
                    name: id.key(),
                    transposed: false,
                    inverse: false,
                };
                let rows = Dim::J;
                let cols = match self.shapes.kind(&id.key()) {
                    Some(ShapeKind::Vector) => Dim::One,
                    Some(ShapeKind::Matrix | ShapeKind::Covariance) => Dim::J,
                    // Not declared: a scalar, whatever it is applied to.
                    None => return Ok(Val::Scalar(Term::Sym(super::name_of(id)))),
                };
                Ok(Val::Mat {
                    rows,
                    cols,
                    sum: vec![(Term::int(1), vec![letter])],
                })
            }
            ExprKind::Matrix(MatrixOp::Identity, _) if self.shapes.dim().is_none() => refuse(
                "the identity `\\mathbf{I}` in a note that declares no dimension (`let x \\in \\mathbb{R}^J`)".into(),
            ),
            ExprKind::Matrix(MatrixOp::Identity, _) => Ok(Val::Mat {
                rows: Dim::J,
                cols: Dim::J,
                sum: vec![(Term::int(1), Vec::new())],
            }),
            ExprKind::Matrix(MatrixOp::Diagonal, args) => match args.as_slice() {
                [first, last] => self.diagonal(expr, first, last, scope),
                _ => Err(Stop::Unread),
            },
            ExprKind::Matrix(MatrixOp::Transpose, args) => {
                let [arg] = args.as_slice() else {
                    return Err(Stop::Unread);
                };
                match self.matrix_value(arg, scope)? {
                    Val::Scalar(term) if self.shapes.mentions(arg) => Ok(Val::Scalar(term)),
                    Val::Scalar(_) => refuse(format!(
                        "a transpose of {}, which is not declared a vector or a matrix (`let … \\in \\mathbb{{R}}^J`)",
                        self.shape_of(&Val::Scalar(Term::int(0)), arg)
                    )),
                    Val::Mat { rows, cols, sum } => Ok(Val::Mat {
                        rows: cols,
                        cols: rows,
                        sum: sum
                            .into_iter()
                            .map(|(c, w)| (c, self.transpose_word(&w)))
                            .collect(),
                    }),
                }
            }
            ExprKind::Matrix(MatrixOp::Norm, args) => {
                let [arg] = args.as_slice() else {
                    return Err(Stop::Unread);
                };
                let squared = self.norm_squared(arg, scope)?;
                Ok(Val::Scalar(Term::pow(squared, Term::frac(1, 2))))
            }
            ExprKind::Apply(Builtin::Trace, arg) => match self.matrix_value(arg, scope)? {
                Val::Mat {
                    rows: Dim::J,
                    cols: Dim::J,
                    sum,
                } => Ok(Val::Scalar(self.trace(sum))),
                other => refuse(format!(
                    "a trace of {}, not of a matrix",
                    self.shape_of(&other, arg)
                )),
            },
            ExprKind::Apply(Builtin::Det, arg) => match self.matrix_value(arg, scope)? {
                Val::Mat {
                    rows: Dim::J,
                    cols: Dim::J,
                    sum,
                } => self.det(sum),
                other => refuse(format!(
                    "a determinant of {}, not of a matrix",
                    self.shape_of(&other, arg)
                )),
            },
            ExprKind::Apply(Builtin::Log | Builtin::Ln, arg)
                if matches!(arg.kind, ExprKind::Gaussian { .. }) =>
            {
                let ExprKind::Gaussian { x, mean, variance } = &arg.kind else {
                    return Err(Stop::Unread);
                };
                self.log_gaussian_density(arg, (x, mean, variance), scope)
            }
            ExprKind::Apply(f @ (Builtin::Log | Builtin::Ln | Builtin::Exp), arg) => {
                let inner = self.scalar_value(arg, scope, "a logarithm or exponential")?;
                Ok(Val::Scalar(match f {
                    Builtin::Exp => Term::exp(inner),
                    _ => Term::log(inner),
                }))
            }
            ExprKind::Neg(a) => {
                let value = self.matrix_value(a, scope)?;
                Ok(self.scale(value, Term::int(-1)))
            }
            ExprKind::Add(a, b) | ExprKind::Sub(a, b) => {
                let left = self.matrix_value(a, scope)?;
                let mut right = self.matrix_value(b, scope)?;
                if matches!(expr.kind, ExprKind::Sub(..)) {
                    right = self.scale(right, Term::int(-1));
                }
                match (left, right) {
                    (Val::Scalar(x), Val::Scalar(y)) => Ok(Val::Scalar(Term::add([x, y]))),
                    (
                        Val::Mat {
                            rows,
                            cols,
                            mut sum,
                        },
                        Val::Mat {
                            rows: r2,
                            cols: c2,
                            sum: s2,
                        },
                    ) if rows == r2 && cols == c2 => {
                        sum.extend(s2);
                        Ok(Val::Mat { rows, cols, sum })
                    }
                    (l, r) => refuse(format!(
                        "a sum of {} and {}",
                        self.shape_of(&l, a),
                        self.shape_of(&r, b)
                    )),
                }
            }
            ExprKind::Mul(a, b, _) => {
                let left = self.matrix_value(a, scope)?;
                let right = self.matrix_value(b, scope)?;
                self.product(left, right, a, b)
            }
            ExprKind::Div(a, b, _) => {
                let numerator = self.matrix_value(a, scope)?;
                let denominator = self.scalar_value(b, scope, "a denominator")?;
                Ok(self.scale(numerator, Term::pow(denominator, Term::int(-1))))
            }
            ExprKind::Pow(base, exponent) => self.matrix_power(expr, base, exponent, scope),
            ExprKind::Gaussian { x, mean, variance } => {
                self.gaussian_density(expr, (x, mean, variance), scope)
            }
            ExprKind::Sqrt {
                radicand,
                index: None,
            } => {
                let inner = self.scalar_value(radicand, scope, "a square root")?;
                Ok(Val::Scalar(Term::pow(inner, Term::frac(1, 2))))
            }
            _ => Err(Stop::Unread),
        }
    }

    /// A value that must be a scalar, as a term.
    fn scalar_value(
        &mut self,
        expr: &Expr,
        scope: &mut Vec<Name>,
        role: &str,
    ) -> Result<Term, Stop> {
        match self.matrix_value(expr, scope)? {
            Val::Scalar(term) => Ok(term),
            other => Err(Stop::Refused(
                expr.span,
                format!("{role} of {}, not of a scalar", self.shape_of(&other, expr)),
            )),
        }
    }

    /// `\|v\|^2 = v^T v`.
    fn norm_squared(&mut self, arg: &Expr, scope: &mut Vec<Name>) -> Result<Term, Stop> {
        match self.matrix_value(arg, scope)? {
            Val::Mat {
                rows: Dim::J,
                cols: Dim::One,
                sum,
            } => {
                let transposed = sum
                    .iter()
                    .map(|(c, w)| (c.clone(), self.transpose_word(w)))
                    .collect();
                Ok(self.trace_of_product(transposed, sum))
            }
            other => Err(Stop::Refused(
                arg.span,
                format!("a norm of {}, not of a vector", self.shape_of(&other, arg)),
            )),
        }
    }

    fn matrix_power(
        &mut self,
        expr: &Expr,
        base: &Expr,
        exponent: &Expr,
        scope: &mut Vec<Name>,
    ) -> Result<Val, Stop> {
        let n = super::literal_integer(exponent).or_else(|| match &exponent.kind {
            ExprKind::Neg(e) => super::literal_integer(e).map(|n| -n),
            _ => None,
        });
        if let (ExprKind::Matrix(MatrixOp::Norm, args), Some(2)) = (&base.kind, n) {
            if let [arg] = args.as_slice() {
                return Ok(Val::Scalar(self.norm_squared(arg, scope)?));
            }
        }
        let value = self.matrix_value(base, scope)?;
        match value {
            Val::Scalar(term) => {
                let e = self.scalar_value(exponent, scope, "an exponent")?;
                Ok(Val::Scalar(Term::pow(term, e)))
            }
            Val::Mat {
                rows: Dim::J,
                cols: Dim::J,
                sum,
            } => match n {
                Some(-1) => self.inverse(sum),
                Some(k @ 1..=4) => {
                    let one = Val::Mat {
                        rows: Dim::J,
                        cols: Dim::J,
                        sum,
                    };
                    let mut power = one.clone();
                    for _ in 1..k {
                        power = self.product(power, one.clone(), base, base)?;
                    }
                    Ok(power)
                }
                _ => Err(Stop::Unread),
            },
            other => Err(Stop::Refused(
                expr.span,
                format!("a power of {}", self.shape_of(&other, base)),
            )),
        }
    }

    pub(super) fn product(
        &mut self,
        left: Val,
        right: Val,
        a: &Expr,
        b: &Expr,
    ) -> Result<Val, Stop> {
        match (left, right) {
            (Val::Scalar(x), Val::Scalar(y)) => Ok(Val::Scalar(Term::mul([x, y]))),
            (Val::Scalar(x), m) | (m, Val::Scalar(x)) => Ok(self.scale(m, x)),
            (
                Val::Mat {
                    rows,
                    cols,
                    sum: s1,
                },
                Val::Mat {
                    rows: r2,
                    cols: c2,
                    sum: s2,
                },
            ) => {
                if cols != r2 {
                    return Err(Stop::Refused(
                        a.span.join(b.span),
                        format!(
                            "a product whose shapes do not fit: {} times {}",
                            shape_text(rows, cols),
                            shape_text(r2, c2)
                        ),
                    ));
                }
                if rows == Dim::One && c2 == Dim::One {
                    return Ok(Val::Scalar(self.trace_of_product(s1, s2)));
                }
                let mut sum = Vec::new();
                for (c1, w1) in &s1 {
                    for (c2, w2) in &s2 {
                        let mut word = w1.clone();
                        word.extend(w2.iter().cloned());
                        sum.push((Term::mul([c1.clone(), c2.clone()]), reduce(word)));
                    }
                }
                Ok(Val::Mat {
                    rows,
                    cols: c2,
                    sum,
                })
            }
        }
    }

    pub(super) fn shape_of(&self, value: &Val, expr: &Expr) -> String {
        let what = match value {
            Val::Scalar(_) => "a scalar",
            Val::Mat { rows, cols, .. } => shape_text(*rows, *cols),
        };
        match self.written(expr) {
            name if name.is_empty() => what.to_string(),
            name => format!("{what} `{name}`"),
        }
    }

    /// An expression as a short label for messages: a name or a number as written,
    /// anything longer by where it is (the message underlines it).
    fn written(&self, expr: &Expr) -> String {
        match &expr.kind {
            ExprKind::Ident(id) => crate::print::unicode_name(&super::name_of(id)),
            ExprKind::Number(text) => text.clone(),
            _ => String::new(),
        }
    }
}

mod density;
mod diagonal;
mod expect;
#[cfg(test)]
mod tests;
mod words;
