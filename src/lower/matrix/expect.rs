//! `\mathbb{E}_{x \sim \mathcal{N}(\mu, \Sigma)}[f]` for `f` of degree ≤ 2 in the
//! vector `x`, in closed form for symbolic J ("E of a quadratic form").
//!
//! Inside the expectation `x` is `μ + z` with `z ~ N(0, Σ)`, `z` a letter of its own.
//! A trace whose word holds `z` is replaced by a placeholder with its expectation:
//! odd in `z` it is 0; `tr(zᵀ P z Q) → tr(P Σ) tr(Q)` and `(zᵀ P)(zᵀ Q) → Pᵀ Σ Q`
//! (`E[z zᵀ] = Σ`); four or more `z` are not read. The expectation of the whole is the
//! placeholders' expectations put in, which is right only if the argument is affine in
//! the placeholders: a product of two `z`-dependent scalars (`(xᵀa)(bᵀx)`) or one
//! under a logarithm is not, and is left to the numbers. So
//! `E[(x-m)ᵀ A (x-m)] = tr(AΣ) + (μ-m)ᵀ A (μ-m)` and `E[x] = μ` follow.

use super::words::rotated;
use super::{Dim, Letter, Stop, Val, Word};
use crate::lower::Lowerer;
use crate::syntax::ast::{Expr, ExprKind, ShapeKind, Under};
use crate::term::{Name, Term};

/// The law an expectation is taken under, while its argument is lowered.
#[derive(Debug, Clone)]
pub(in crate::lower) struct Law {
    /// The vector it binds, `x`.
    pub var: String,
    /// `μ` as a matrix value's sum (J×1).
    mean: Vec<(Term, Word)>,
    /// The covariance's name, `Σ`.
    cov: String,
    /// Placeholders made so far and their expectations.
    pending: Vec<(Name, Term)>,
    /// A trace with more `z` than this rule reads was met.
    unread: bool,
}

/// The name of the centred variable's letter; no author's name has these brackets.
const Z: &str = "⟨z⟩";

pub(super) fn is_z(letter: &Letter) -> bool {
    letter.name == Z
}

impl Lowerer {
    /// `x` inside the expectation over it: `μ + z`.
    pub(super) fn random_vector(&mut self) -> Val {
        let law = self.shapes.law.as_ref();
        let mut sum = law.map(|l| l.mean.clone()).unwrap_or_default();
        sum.push((
            Term::int(1),
            vec![Letter {
                name: Z.into(),
                transposed: false,
                inverse: false,
            }],
        ));
        Val::Mat {
            rows: Dim::J,
            cols: Dim::One,
            sum,
        }
    }

    pub(super) fn expectation(
        &mut self,
        expr: &Expr,
        under: &Under,
        arg: &Expr,
        scope: &mut Vec<Name>,
    ) -> Result<Val, Stop> {
        let refuse = |why: &str| Err(Stop::Refused(expr.span, why.into()));
        let Some(var) = &under.var else {
            return Err(Stop::Unread);
        };
        let ExprKind::Call { callee, args } = &under.law.kind else {
            return refuse(
                "an expectation over a vector under a law other than `\\mathcal{N}(\\mu, \\Sigma)`",
            );
        };
        let [mean, cov] = args.as_slice() else {
            return refuse("a multivariate normal law is written `\\mathcal{N}(\\mu, \\Sigma)`");
        };
        if callee.base != "N" || self.shapes.law.is_some() {
            return Err(Stop::Unread);
        }
        let cov = match &cov.kind {
            ExprKind::Ident(id) if self.shapes.kind(&id.key()) == Some(ShapeKind::Covariance) => {
                id.key()
            }
            _ => {
                return refuse(
                    "the covariance of `\\mathcal{N}(\\mu, \\Sigma)` must be declared `\\Sigma \\in \\mathbb{S}_{++}^J` (symmetric positive definite)",
                )
            }
        };
        let mean = match self.matrix_value(mean, scope)? {
            Val::Mat {
                rows: Dim::J,
                cols: Dim::One,
                sum,
            } if !sum.iter().any(|(_, w)| w.iter().any(is_z)) => sum,
            _ => return refuse("the mean of `\\mathcal{N}(\\mu, \\Sigma)` must be a vector"),
        };
        self.shapes.law = Some(Law {
            var: var.key(),
            mean,
            cov,
            pending: Vec::new(),
            unread: false,
        });
        let value = self.matrix_value(arg, scope);
        let law = self.shapes.law.take();
        let (value, law) = match (value, law) {
            (Ok(v), Some(law)) if !law.unread => (v, law),
            (Err(Stop::Refused(span, why)), _) => return Err(Stop::Refused(span, why)),
            _ => return Err(Stop::Unread),
        };
        match value {
            Val::Scalar(term) => {
                let placeholder = |n: &Name| law.pending.iter().any(|(p, _)| p == n);
                if !affine(&term, &placeholder) {
                    return Err(Stop::Unread);
                }
                let expected = term.substitute(&|n| {
                    law.pending
                        .iter()
                        .find(|(p, _)| p == n)
                        .map(|(_, v)| v.clone())
                });
                Ok(Val::Scalar(expected))
            }
            // `E[x] = μ`: words linear in z go, words without it stay.
            Val::Mat { rows, cols, sum } => {
                self.shapes.used("E[x] = μ");
                let mut kept = Vec::new();
                for (c, w) in sum {
                    match w.iter().filter(|l| is_z(l)).count() {
                        0 => kept.push((c, w)),
                        1 => {}
                        _ => return Err(Stop::Unread),
                    }
                }
                Ok(Val::Mat {
                    rows,
                    cols,
                    sum: kept,
                })
            }
        }
    }

    /// A placeholder for `tr(word)`, `word` holding `z`, with its expectation recorded.
    pub(super) fn expected_trace(&mut self, word: Word) -> Term {
        let value = self.trace_expectation(word);
        let Some(law) = self.shapes.law.as_mut() else {
            return Term::int(0);
        };
        let value = match value {
            Some(v) => v,
            None => {
                law.unread = true;
                Term::int(0)
            }
        };
        let name = Name::new(format!("⟨E{}⟩", law.pending.len()));
        law.pending.push((name.clone(), value));
        Term::Sym(name)
    }

    fn trace_expectation(&mut self, word: Word) -> Option<Term> {
        let cov = self.shapes.law.as_ref()?.cov.clone();
        let positions = |w: &Word| -> Vec<usize> {
            w.iter()
                .enumerate()
                .filter(|(_, l)| is_z(l))
                .map(|(i, _)| i)
                .collect()
        };
        let zs = positions(&word);
        if zs.len() % 2 == 1 {
            self.shapes.used("E[x] = μ");
            return Some(Term::int(0));
        }
        if zs.len() != 2 {
            return None;
        }
        self.shapes
            .used("E of a quadratic form: E[(x−m)ᵀA(x−m)] = tr(AΣ) + (μ−m)ᵀA(μ−m)");
        // Rotate (or transpose, then rotate) so that the word starts with zᵀ.
        let mut w = word;
        match zs.iter().find(|&&i| w[i].transposed) {
            Some(&i) => w = rotated(&w, i),
            None => {
                w = self.transpose_word(&w);
                let i = *positions(&w).first()?;
                w = rotated(&w, i);
            }
        }
        let k = *positions(&w).get(1)?;
        let p: Word = w[1..k].to_vec();
        let q: Word = w[k + 1..].to_vec();
        let sigma = Letter {
            name: cov,
            transposed: false,
            inverse: false,
        };
        if !w[k].transposed {
            // tr(zᵀ P z Q) = (zᵀ P z) tr(Q): E = tr(P Σ) tr(Q), Q a 1×1 word or empty.
            let mut ps = p;
            ps.push(sigma);
            let first = self.trace_atom(ps);
            let second = if q.is_empty() {
                Term::int(1)
            } else {
                self.trace_atom(q)
            };
            Some(Term::mul([first, second]))
        } else {
            // (zᵀ P)(zᵀ Q) = Pᵀ z zᵀ Q: E = Pᵀ Σ Q.
            let mut word = self.transpose_word(&p);
            word.push(sigma);
            word.extend(q);
            Some(self.trace_atom(word))
        }
    }
}

/// Whether `term` is affine in the names `placeholder` accepts: a sum of terms each
/// with at most one factor that mentions them, that factor itself affine.
fn affine(term: &Term, placeholder: &dyn Fn(&Name) -> bool) -> bool {
    let mentions = |t: &Term| t.substitute(&|n| placeholder(n).then(|| Term::int(0))) != *t;
    match term {
        Term::Sym(_) | Term::Num(_) | Term::Pi => true,
        Term::Add(terms) => terms.iter().all(|t| affine(t, placeholder)),
        Term::Mul(factors) => {
            let with: Vec<&Term> = factors.iter().filter(|f| mentions(f)).collect();
            match with.as_slice() {
                [] => true,
                [one] => affine(one, placeholder),
                _ => false,
            }
        }
        other => !mentions(other),
    }
}
