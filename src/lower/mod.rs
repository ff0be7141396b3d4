//! Lowering: a resolved syntax tree becomes a [`Program`] of [`Term`]s.
//!
//! Every reading has been decided by `syntax::resolve` (names, products, chain values,
//! expectations as integrals); lowering only builds terms: a declared density
//! `p(x) = N(x; μ, σ²)` becomes a [`FunctionDef`] that knows its mean and standard
//! deviation, `e^{u}` the exponential, a chain's value the term of its last step.
//! Errors are data ([`LowerError`]), collected for the whole file; a step that fails
//! to lower is left out and its chain is checked without it.

mod derivative;
mod error;
mod expr;
mod matrix;
mod sign;

pub use error::{LowerError, LowerErrorKind};

use crate::program::{
    Chain, Context, FunctionDef, Gaussian, Moments, Program, Specialisation, Step,
};
use crate::syntax::ast::{self, Document, Expr, ExprKind, Ident, Item};
use crate::term::{Name, Term};

/// Most nodes a step may have once the chain values it uses are written out; past it
/// the step is refused instead of built (a chain doubling its predecessor at every
/// line would otherwise exhaust memory before any engine bound is checked).
pub const MAX_LOWERED_NODES: usize = 100_000;

/// A parsed document resolved and lowered: the resolved document (which the numeric
/// check reads), the program, and the errors of both stages.
#[derive(Debug)]
pub struct Lowered {
    /// The document with one meaning.
    pub doc: Document,
    /// What it declares, for resolving formulas written after it (a printed final form
    /// read back to be checked).
    pub after: crate::syntax::AfterDocument,
    /// Its chains as terms.
    pub program: Program,
    /// Resolution errors, then lowering errors.
    pub errors: Vec<LowerError>,
}

/// Resolve and lower a parsed document.
pub fn resolve_and_lower(parsed: &Document) -> Lowered {
    let (resolved, after) = crate::syntax::resolve_keeping(parsed);
    let (program, lower_errors) = lower(&resolved);
    let mut errors: Vec<LowerError> = resolved.errors.into_iter().map(LowerError::from).collect();
    errors.extend(lower_errors);
    Lowered {
        doc: resolved.doc,
        after,
        program,
        errors,
    }
}

/// Lower a resolved document (taking [`Resolved`](crate::syntax::Resolved), so that an
/// unresolved tree cannot be lowered by mistake: its names would mean nothing).
pub fn lower(resolved: &crate::syntax::Resolved) -> (Program, Vec<LowerError>) {
    let doc = &resolved.doc;
    let mut lowerer = Lowerer {
        context: Context::default(),
        chain_values: Vec::new(),
        errors: Vec::new(),
        shapes: matrix::Shapes::default(),
    };
    let (shapes, shape_errors) = matrix::Shapes::of(doc);
    lowerer.shapes = shapes;
    for (span, why) in shape_errors {
        lowerer.error(span, LowerErrorKind::Shape(why));
    }
    for item in &doc.items {
        match item {
            Item::Assume(a) => {
                for s in &a.symbols {
                    lowerer.context.positive.insert(name_of(s));
                }
            }
            Item::Let(def) => lowerer.definition(def),
            Item::Specialise(_) | Item::Chain(_) | Item::RandomVariable(_) | Item::Shape(_) => {}
        }
    }
    for item in &doc.items {
        if let Item::Chain(chain) = item {
            for step in &chain.steps {
                counts_of(&step.expr, &mut lowerer.context.positive);
            }
        }
    }
    let chains = lowerer.chains(doc);
    let program = Program {
        context: lowerer.context,
        chains,
    };
    (program, lowerer.errors)
}

/// The names that count terms: a lone name as the last index of a sum or product
/// from 1 (`\sum_{i=1}^{n}`), the number of data `x_1, …, x_n`, is at least 1. Notes
/// never write `n > 0` for a sample size, and the numeric side draws such a bound as
/// a count (`numeric::series`), so both opinions read it as one; `n` is then positive
/// in the whole file, as an assumption is. A bound from 0 (`\sum_{k=0}^{n}`) or an
/// expression (`n - 1`) is no count of data and gets no sign.
fn counts_of(expr: &Expr, positive: &mut std::collections::BTreeSet<Name>) {
    if let ExprKind::Series { lower, upper, .. } = &expr.kind {
        if let (ExprKind::Number(one), ExprKind::Ident(n)) = (&lower.kind, &upper.kind) {
            if one == "1" {
                positive.insert(name_of(n));
            }
        }
    }
    for child in ast::children(expr) {
        counts_of(child, positive);
    }
}

/// The key a name is known by: `σ_1` for `\sigma_1`.
pub fn name_of(ident: &Ident) -> Name {
    Name::new(ident.key())
}

struct Lowerer {
    context: Context,
    /// The value (last step) of every chain of the document so far, by index, with
    /// its size; `None` for a chain whose value failed to lower.
    chain_values: Vec<Option<(Term, usize)>>,
    errors: Vec<LowerError>,
    /// The note's vectors and matrices (`let x \in \mathbb{R}^J`).
    shapes: matrix::Shapes,
}

impl Lowerer {
    fn error(&mut self, span: crate::source::Span, kind: LowerErrorKind) {
        self.errors.push(LowerError { span, kind });
    }

    fn definition(&mut self, def: &ast::Definition) {
        let name = name_of(&def.name);
        let params: Vec<Name> = def.params.iter().map(name_of).collect();
        if matches!(
            def.body.kind,
            ExprKind::Gaussian { .. } | ExprKind::Law { .. }
        ) && self.shapes.mentions(&def.body)
        {
            // `q(z) = \mathcal{N}(z; \mu, \Sigma)` with a vector mean: a density in J
            // dimensions, which the univariate family would misread as one in one.
            let why = "a density in J dimensions declared as a function; write `\\mathcal{N}(x \\mid \\mu, \\Sigma)` where it is used".to_string();
            self.error(def.body.span, LowerErrorKind::Shape(why));
            return;
        }
        let defined = match &def.body.kind {
            ExprKind::Gaussian { x, mean, variance } if params.len() == 1 => {
                self.density(&name, &params, x, mean, variance)
            }
            ExprKind::Law { mean, variance } => self.law(&name, params, mean, variance),
            _ => self.expr(&def.body, &params).map(|body| FunctionDef {
                name: name.clone(),
                params,
                body,
                gaussian: None,
                moments: None,
            }),
        };
        if let Some(f) = defined {
            self.context.functions.push(f);
        }
    }

    /// `let X have mean … and variance …`: the density `f_X` has no formula; its call
    /// stands for itself.
    fn law(
        &mut self,
        name: &Name,
        params: Vec<Name>,
        mean: &Expr,
        variance: &Expr,
    ) -> Option<FunctionDef> {
        let mean = self.expr(mean, &params)?;
        let variance = self.expr(variance, &params)?;
        let args = params.iter().cloned().map(Term::Sym).collect();
        Some(FunctionDef {
            name: name.clone(),
            body: Term::Call(name.clone(), args),
            params,
            gaussian: None,
            moments: Some(Moments { mean, variance }),
        })
    }

    /// `let p(x) = N(x; mean, variance)`: the density knows its standard deviation,
    /// which is the symbol itself when the variance is written as its square.
    fn density(
        &mut self,
        name: &Name,
        params: &[Name],
        x: &Expr,
        mean: &Expr,
        variance: &Expr,
    ) -> Option<FunctionDef> {
        let x = self.expr(x, params)?;
        let mean = self.expr(mean, params)?;
        let std = self.standard_deviation(variance, params)?;
        let gaussian = Gaussian { mean, std };
        Some(FunctionDef {
            name: name.clone(),
            params: params.to_vec(),
            body: gaussian.formula(x),
            gaussian: Some(gaussian),
            moments: None,
        })
    }

    /// The standard deviation of a variance as written: `σ` for `σ^2` (a symbol
    /// resolution has made positive), `v^{1/2}` otherwise.
    fn standard_deviation(&mut self, variance: &Expr, scope: &[Name]) -> Option<Term> {
        if let ExprKind::Pow(base, exp) = &variance.kind {
            if let (ExprKind::Ident(s), ExprKind::Number(two)) = (&base.kind, &exp.kind) {
                if two == "2" && self.context.positive.contains(&name_of(s)) {
                    return Some(Term::Sym(name_of(s)));
                }
            }
        }
        Some(Term::pow(self.expr(variance, scope)?, Term::frac(1, 2)))
    }

    fn chains(&mut self, doc: &Document) -> Vec<Chain> {
        let mut chains = Vec::new();
        let mut pending: Option<(usize, &ast::Specialisation)> = None;
        for (item_idx, item) in doc.items.iter().enumerate() {
            match item {
                Item::Specialise(s) => pending = Some((item_idx, s)),
                Item::Chain(c) => {
                    let specialisation = pending
                        .take()
                        .and_then(|(idx, s)| self.specialisation(idx, s));
                    let chain = self.chain(item_idx, c, specialisation);
                    // A chain of equations has no value.
                    let value = chain
                        .steps
                        .last()
                        .filter(|last| last.ast_idx + 1 == c.steps.len())
                        .filter(|_| c.connectives.is_empty())
                        .map(|last| (last.term.clone(), last.term.n_nodes()));
                    self.chain_values.push(value);
                    chains.push(chain);
                }
                Item::Let(_) | Item::Assume(_) | Item::RandomVariable(_) | Item::Shape(_) => {}
            }
        }
        chains
    }

    fn chain(
        &mut self,
        ast_item: usize,
        chain: &ast::Chain,
        specialisation: Option<Specialisation>,
    ) -> Chain {
        let name = chain.name.as_ref().map(|n| (n.text.clone(), n.span));
        let first = usize::from(chain.name.as_ref().is_some_and(|n| n.head_is_name));
        let steps = chain.steps[first..]
            .iter()
            .enumerate()
            .filter_map(|(i, step)| {
                self.shapes.take_facts();
                let term = self.expr(&step.expr, &[]);
                let facts = self.shapes.take_facts();
                term.map(|term| Step {
                    term,
                    span: step.expr.span,
                    ast_idx: first + i,
                    facts,
                })
            })
            .collect();
        let first_number = usize::from(!chain.name.as_ref().is_some_and(|n| n.head_means));
        Chain {
            ast_item,
            name,
            specialisation,
            steps,
            connectives: chain.connectives.clone(),
            first_number,
        }
    }

    /// The specialisation `s`, its target found by resolution.
    fn specialisation(
        &mut self,
        ast_item: usize,
        s: &ast::Specialisation,
    ) -> Option<Specialisation> {
        let target_chain = s.target_chain?;
        let (value, _) = self.chain_values.get(target_chain)?.clone()?;
        let mut bindings = Vec::new();
        for b in &s.bindings {
            // Substitution is of scalars: a vector set to `0` would stay a vector to
            // the numbers and become a scalar to the engine.
            if self.shapes.mentions(&b.lhs) || self.shapes.mentions(&b.rhs) {
                let why = "a specialisation that sets a vector or a matrix is not read yet".into();
                self.error(b.lhs.span, LowerErrorKind::Shape(why));
                continue;
            }
            let rhs = self.expr(&b.rhs, &[])?;
            match &b.lhs.kind {
                ExprKind::Ident(id) => bindings.push((name_of(id), rhs)),
                ExprKind::Pow(base, exp) => match (&base.kind, literal_integer(exp)) {
                    (ExprKind::Ident(id), Some(n))
                        if n > 0 && self.context.positive.contains(&name_of(id)) =>
                    {
                        bindings.push((name_of(id), Term::pow(rhs, Term::frac(1, n))));
                    }
                    _ => self.error(b.lhs.span, LowerErrorKind::BadBinding),
                },
                _ => self.error(b.lhs.span, LowerErrorKind::BadBinding),
            }
        }
        Some(Specialisation {
            target_chain,
            value,
            bindings,
            span: s.span,
            ast_item,
        })
    }
}

fn literal_integer(expr: &Expr) -> Option<i64> {
    match &expr.kind {
        ExprKind::Number(n) => n.parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
