//! Diagonal matrices, `\operatorname{diag}(\sigma_1^2, \dots, \sigma_J^2)`, in the normal
//! form: a letter of its own (named by its entry), symmetric and square, whose traces,
//! determinants and quadratic forms are sums and products over its entries, for
//! symbolic J. The entries are read by [`crate::syntax::diagonal_entry`], which the
//! numeric side reads too.
//!
//! A declared vector's coordinates are its data: inside a sum over `j`, `\mu_j` is the
//! `j`-th coordinate of a declared vector `μ` (as `x_i` is the `i`-th datum of `x`), so
//! `μᵀ μ = Σ_j μ_j²` and `μᵀ D ν = Σ_j μ_j d_j ν_j` for a diagonal `D`. Only words made of
//! diagonal letters, or of diagonal letters between one vector and one transposed
//! vector, become sums; any other word keeps its trace symbol.

use super::{Dim, Letter, Stop, Val, Word};
use crate::lower::Lowerer;
use crate::syntax::ast::{Expr, Ident, SeriesOp, ShapeKind};
use crate::term::{Name, Term};

/// The index every diagonal's entry and every coordinate sum is written in; a binder,
/// so its letter is never compared (the engine keeps indices as de Bruijn levels).
const INDEX: &str = "ι";

impl Lowerer {
    /// `\operatorname{diag}(first, \dots, last)` as a J×J letter.
    pub(super) fn diagonal(
        &mut self,
        expr: &Expr,
        first: &Expr,
        last: &Expr,
        scope: &mut Vec<Name>,
    ) -> Result<Val, Stop> {
        let Some(dim) = self.shapes.dim().map(str::to_string) else {
            return Err(Stop::Refused(
                expr.span,
                "a diagonal matrix in a note that declares no dimension (`let x \\in \\mathbb{R}^J`)"
                    .into(),
            ));
        };
        let index = Ident {
            base: INDEX.into(),
            subscript: None,
            span: expr.span,
        };
        let entry = crate::syntax::diagonal_entry(first, last, &dim, &index)
            .map_err(|why| Stop::Refused(expr.span, why))?;
        let name = format!("diag[{}]", crate::syntax::sexpr(&entry));
        scope.push(Name::new(INDEX));
        let mut size = 0;
        let term = self.term(&entry, scope, &mut size);
        scope.pop();
        self.shapes.diagonals.insert(name.clone(), term);
        Ok(Val::Mat {
            rows: Dim::J,
            cols: Dim::J,
            sum: vec![(
                Term::int(1),
                vec![Letter {
                    name,
                    transposed: false,
                    inverse: false,
                }],
            )],
        })
    }

    pub(super) fn is_diagonal(&self, name: &str) -> bool {
        self.shapes.diagonals.contains_key(name)
    }

    /// A letter's entry at the index (`d_ι`, or `1/d_ι` inverted).
    fn entry(&self, letter: &Letter) -> Option<Term> {
        let entry = self.shapes.diagonals.get(&letter.name)?.clone();
        Some(if letter.inverse {
            Term::pow(entry, Term::int(-1))
        } else {
            entry
        })
    }

    /// `Σ_{ι=1}^{J}` or `Π_{ι=1}^{J}` of `body`.
    fn over_coordinates(&mut self, op: SeriesOp, body: Term) -> Term {
        Term::Series {
            op,
            var: Name::new(INDEX),
            lower: Box::new(Term::int(1)),
            upper: Box::new(self.dim_term()),
            body: Box::new(body),
        }
    }

    /// The trace of `word` as a sum over the coordinates, when its letters allow it:
    /// all diagonal (`Σ_ι Π d_ι`), or diagonal letters between a vector `v` and a
    /// transposed vector `uᵀ` (`uᵀ D v = Σ_ι u_ι d_ι v_ι`). `None` otherwise.
    pub(super) fn coordinate_trace(&mut self, word: &Word) -> Option<Term> {
        let vector = |l: &Letter| self.shapes.kind(&l.name) == Some(ShapeKind::Vector);
        let vectors = word.iter().filter(|l| vector(l)).count();
        let mut factors = Vec::new();
        match vectors {
            0 => {}
            2 => {
                // Rotate so the transposed vector is last: tr(W v uᵀ) = uᵀ W v.
                let at = word.iter().position(|l| vector(l) && l.transposed)?;
                let rotated = super::words::rotated(word, (at + 1) % word.len());
                let (u, rest) = rotated.split_last()?;
                let (v, middle) = rest.split_last()?;
                if !vector(v) || v.transposed || !middle.iter().all(|l| self.is_diagonal(&l.name)) {
                    return None;
                }
                let coordinate = |l: &Letter| {
                    Term::Indexed(Name::new(l.name.clone()), Box::new(Term::sym(INDEX)))
                };
                factors.push(coordinate(u));
                factors.push(coordinate(v));
                factors.extend(middle.iter().filter_map(|l| self.entry(l)));
                self.shapes.used(COORDINATES);
                return Some(self.over_coordinates(SeriesOp::Sum, Term::mul(factors)));
            }
            _ => return None,
        }
        if word.is_empty() || !word.iter().all(|l| self.is_diagonal(&l.name)) {
            return None;
        }
        factors.extend(word.iter().filter_map(|l| self.entry(l)));
        self.shapes.used(DIAGONAL);
        Some(self.over_coordinates(SeriesOp::Sum, Term::mul(factors)))
    }

    /// `det D = Π_ι d_ι` of a diagonal letter (`1/Π d_ι` inverted).
    pub(super) fn diagonal_det(&mut self, letter: &Letter) -> Option<Term> {
        let entry = self.shapes.diagonals.get(&letter.name)?.clone();
        self.shapes.used(DIAGONAL);
        let product = self.over_coordinates(SeriesOp::Prod, entry);
        Some(if letter.inverse {
            Term::pow(product, Term::int(-1))
        } else {
            product
        })
    }
}

/// The facts named when a diagonal's trace, determinant or a coordinate sum is used.
const DIAGONAL: &str = "diagonal matrix: tr D = Σ_j d_j, det D = Π_j d_j";
const COORDINATES: &str = "coordinates: uᵀ D v = Σ_j u_j d_j v_j for a diagonal D";
