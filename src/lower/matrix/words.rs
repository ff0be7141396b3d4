//! Words: traces named by their canonical rotation, transposes pushed to the letters,
//! inverses, determinants, and the cancellations `X X^{-1}` (see the parent module).

use super::{expect, Dim, Letter, Stop, Val, Word, CYCLIC};
use crate::lower::Lowerer;
use crate::syntax::ast::ShapeKind;
use crate::term::{Name, Term};

impl Lowerer {
    /// `tr(left · right)` for a 1×J left and a J×1 right.
    pub(super) fn trace_of_product(
        &mut self,
        left: Vec<(Term, Word)>,
        right: Vec<(Term, Word)>,
    ) -> Term {
        let mut terms = Vec::new();
        for (c1, w1) in &left {
            for (c2, w2) in &right {
                let mut word = w1.clone();
                word.extend(w2.iter().cloned());
                terms.push(Term::mul([c1.clone(), c2.clone(), self.trace_atom(word)]));
            }
        }
        Term::add(terms)
    }

    pub(super) fn trace(&mut self, sum: Vec<(Term, Word)>) -> Term {
        let terms: Vec<Term> = sum
            .into_iter()
            .map(|(c, w)| Term::mul([c, self.trace_atom(w)]))
            .collect();
        Term::add(terms)
    }

    /// The trace of a word as a scalar: `J` for the empty word, else one symbol named
    /// by the least of the word's rotations and its transpose's.
    pub(super) fn trace_atom(&mut self, word: Word) -> Term {
        let word = reduce_cyclic(reduce(word));
        if word.iter().any(expect::is_z) {
            return self.expected_trace(word);
        }
        if word.is_empty() {
            self.shapes.used("tr(I) = J");
            return self.dim_term();
        }
        if let Some(sum) = self.coordinate_trace(&word) {
            return sum;
        }
        let transposed = self.transpose_word(&word);
        let as_written = word.iter().map(Letter::key).collect::<Vec<_>>().join(" ");
        let key = [word, transposed]
            .iter()
            .flat_map(|w| (0..w.len()).map(move |k| rotated(w, k)))
            .map(|w| w.iter().map(Letter::key).collect::<Vec<_>>().join(" "))
            .min()
            .unwrap_or_default();
        if key != as_written {
            self.shapes.used(CYCLIC);
        }
        Term::Sym(Name::new(format!("tr[{key}]")))
    }

    pub(super) fn dim_term(&mut self) -> Term {
        let dim = Name::new(self.shapes.dim().unwrap_or("J"));
        self.context.positive.insert(dim.clone());
        Term::Sym(dim)
    }

    pub(super) fn transpose_word(&self, word: &Word) -> Word {
        word.iter()
            .rev()
            .map(|l| Letter {
                name: l.name.clone(),
                transposed: !l.transposed && !self.symmetric(&l.name),
                inverse: l.inverse,
            })
            .collect()
    }

    pub(super) fn symmetric(&self, name: &str) -> bool {
        self.shapes.kind(name) == Some(ShapeKind::Covariance) || self.is_diagonal(name)
    }

    pub(super) fn is_square(&self, name: &str) -> bool {
        matches!(
            self.shapes.kind(name),
            Some(ShapeKind::Matrix | ShapeKind::Covariance)
        ) || self.is_diagonal(name)
    }

    /// `(c W)^{-1} = c^{-1} W^{-1}`, for a word of square letters; a sum is not read.
    pub(super) fn inverse(&mut self, sum: Vec<(Term, Word)>) -> Result<Val, Stop> {
        let [(c, word)] = sum.as_slice() else {
            return Err(Stop::Unread);
        };
        if !word.iter().all(|l| self.is_square(&l.name)) {
            return Err(Stop::Unread);
        }
        let inverted = word
            .iter()
            .rev()
            .map(|l| Letter {
                inverse: !l.inverse,
                ..l.clone()
            })
            .collect();
        Ok(Val::Mat {
            rows: Dim::J,
            cols: Dim::J,
            sum: vec![(Term::pow(c.clone(), Term::int(-1)), inverted)],
        })
    }

    /// `det(c W) = c^J Π det(letter)^{±1}`; a covariance's determinant is positive.
    pub(super) fn det(&mut self, sum: Vec<(Term, Word)>) -> Result<Val, Stop> {
        let [(c, word)] = sum.as_slice() else {
            return Err(Stop::Unread);
        };
        if !word.iter().all(|l| self.is_square(&l.name)) {
            return Err(Stop::Unread);
        }
        self.shapes
            .used("det(cA) = c^J det A, det(AB) = det A det B");
        let mut factors = Vec::new();
        if *c != Term::int(1) {
            factors.push(Term::pow(c.clone(), self.dim_term()));
        }
        for letter in word {
            if let Some(product) = self.diagonal_det(letter) {
                factors.push(product);
                continue;
            }
            let name = Name::new(format!("det[{}]", letter.name));
            if self.symmetric(&letter.name) {
                self.context.positive.insert(name.clone());
            }
            let exponent = if letter.inverse { -1 } else { 1 };
            factors.push(Term::pow(Term::Sym(name), Term::int(exponent)));
        }
        Ok(Val::Scalar(Term::mul(factors)))
    }

    pub(super) fn scale(&self, value: Val, factor: Term) -> Val {
        match value {
            Val::Scalar(t) => Val::Scalar(Term::mul([factor, t])),
            Val::Mat { rows, cols, sum } => Val::Mat {
                rows,
                cols,
                sum: sum
                    .into_iter()
                    .map(|(c, w)| (Term::mul([factor.clone(), c]), w))
                    .collect(),
            },
        }
    }
}

/// `W` rotated left by `k`.
pub(super) fn rotated(word: &Word, k: usize) -> Word {
    word[k..].iter().chain(&word[..k]).cloned().collect()
}

/// `X X^{-1}` and `X^{-1} X` cancel (same name, same transpose flag).
pub(super) fn reduce(word: Word) -> Word {
    let mut out: Word = Vec::with_capacity(word.len());
    for letter in word {
        match out.last() {
            Some(last) if cancels(last, &letter) => {
                out.pop();
            }
            _ => out.push(letter),
        }
    }
    out
}

/// A word under a trace: the last letter may cancel the first.
pub(super) fn reduce_cyclic(mut word: Word) -> Word {
    while word.len() >= 2 && cancels(&word[word.len() - 1], &word[0]) {
        word.pop();
        word.remove(0);
    }
    word
}

fn cancels(a: &Letter, b: &Letter) -> bool {
    a.name == b.name && a.transposed == b.transposed && a.inverse != b.inverse
}
