//! The normal density in J dimensions, `\mathcal{N}(x \mid \mu, \Sigma)` (also
//! `\mathcal{N}(x; \mu, \Sigma)`) for a declared vector `x` and covariance `Σ`, as the
//! scalar it is:
//!
//! ```text
//! N(x | μ, Σ) = (2π)^(−J/2) · det(Σ)^(−1/2) · exp(−½ (x − μ)ᵀ Σ⁻¹ (x − μ))
//! ```
//!
//! The quadratic form and the determinant go through the normal form of the parent
//! module, so `\log \mathcal{N}(x \mid \mu, \Sigma)` meets PRML's written-out
//! log-density term by term. Only a covariance the note declares one
//! (`\mathbb{S}_{++}^J`) is read: with another matrix the formula is no density
//! (its determinant may be negative), and with a scaled one (`\sigma^2 \Sigma`) the
//! scale's sign is the note's to state; both are refused by name.

use super::{Dim, Stop, Val};
use crate::lower::Lowerer;
use crate::syntax::ast::{Expr, ShapeKind};
use crate::term::{Name, Term};

impl Lowerer {
    /// J, 2π, det Σ and the quadratic form of `N(mean, variance)` at `x`.
    fn density_parts(
        &mut self,
        whole: &Expr,
        (x, mean, variance): (&Expr, &Expr, &Expr),
        scope: &mut Vec<Name>,
    ) -> Result<Parts, Stop> {
        let refuse = |expr: &Expr, why: String| Err(Stop::Refused(expr.span, why));
        let point = self.matrix_value(x, scope)?;
        let centre = self.matrix_value(mean, scope)?;
        let cov = self.matrix_value(variance, scope)?;
        let (
            Val::Mat {
                rows: Dim::J,
                cols: Dim::One,
                sum: point,
            },
            Val::Mat {
                rows: Dim::J,
                cols: Dim::One,
                sum: centre,
            },
        ) = (point, centre)
        else {
            return refuse(
                whole,
                "a normal density in J dimensions needs a vector where it is evaluated and a vector mean".into(),
            );
        };
        let covariance = match &cov {
            Val::Mat {
                rows: Dim::J,
                cols: Dim::J,
                sum,
            } => match sum.as_slice() {
                [(c, word)]
                    if *c == Term::int(1)
                        && word.len() == 1
                        && !word[0].inverse
                        && self.shapes.kind(&word[0].name) == Some(ShapeKind::Covariance) =>
                {
                    sum.clone()
                }
                _ => return refuse(variance, "a normal density whose covariance is not one name declared a covariance (`let \\Sigma \\in \\mathbb{S}_{++}^J`)".into()),
            },
            other => {
                return refuse(
                    variance,
                    format!(
                        "a normal density in J dimensions with {} as its covariance",
                        self.shape_of(other, variance)
                    ),
                )
            }
        };
        let mut difference = point;
        difference.extend(
            centre
                .into_iter()
                .map(|(c, w)| (Term::mul([Term::int(-1), c]), w)),
        );
        let transposed = Val::Mat {
            rows: Dim::One,
            cols: Dim::J,
            sum: difference
                .iter()
                .map(|(c, w)| (c.clone(), self.transpose_word(w)))
                .collect(),
        };
        let difference = Val::Mat {
            rows: Dim::J,
            cols: Dim::One,
            sum: difference,
        };
        let inverse = self.inverse(covariance.clone())?;
        let right = self.product(inverse, difference, variance, x)?;
        let Val::Scalar(quadratic) = self.product(transposed, right, x, variance)? else {
            return Err(Stop::Unread);
        };
        let Val::Scalar(det) = self.det(covariance)? else {
            return Err(Stop::Unread);
        };
        let dim = self.dim_term();
        let two_pi = Term::mul([Term::int(2), Term::Pi]);
        Ok(Parts {
            dim,
            two_pi,
            det,
            quadratic,
        })
    }

    /// The density of `N(mean, variance)` in J dimensions at `x`, as a scalar.
    pub(super) fn gaussian_density(
        &mut self,
        whole: &Expr,
        args: (&Expr, &Expr, &Expr),
        scope: &mut Vec<Name>,
    ) -> Result<Val, Stop> {
        let Parts {
            dim,
            two_pi,
            det,
            quadratic,
        } = self.density_parts(whole, args, scope)?;
        Ok(Val::Scalar(Term::mul([
            Term::pow(two_pi, Term::mul([Term::frac(-1, 2), dim])),
            Term::pow(det, Term::frac(-1, 2)),
            Term::exp(Term::mul([Term::frac(-1, 2), quadratic])),
        ])))
    }

    /// Its logarithm, `−(J/2) log 2π − ½ log det Σ − ½ (x − μ)ᵀ Σ⁻¹ (x − μ)`, which is
    /// the log of the product above by the log laws (every factor positive); written
    /// out here so that an expectation of it is one of quadratic forms (see `expect`).
    pub(super) fn log_gaussian_density(
        &mut self,
        whole: &Expr,
        args: (&Expr, &Expr, &Expr),
        scope: &mut Vec<Name>,
    ) -> Result<Val, Stop> {
        let Parts {
            dim,
            two_pi,
            det,
            quadratic,
        } = self.density_parts(whole, args, scope)?;
        Ok(Val::Scalar(Term::add([
            Term::mul([Term::frac(-1, 2), dim, Term::log(two_pi)]),
            Term::mul([Term::frac(-1, 2), Term::log(det)]),
            Term::mul([Term::frac(-1, 2), quadratic]),
        ])))
    }
}

/// The pieces of the density: J, 2π, det Σ and the quadratic form.
struct Parts {
    dim: Term,
    two_pi: Term,
    det: Term,
    quadratic: Term,
}
