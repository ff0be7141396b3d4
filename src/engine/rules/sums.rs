//! Sums and products over an index with a symbolic range, `Σ_{i=lo}^{hi}` and
//! `Π_{i=lo}^{hi}` (atoms `sum(body, i, lo, hi)`, `prod(body, i, lo, hi)`, the index a
//! binder like an integral's variable, see `binders`).
//!
//! **The normal form decides polynomial sums for a symbolic n.** The body is expanded,
//! then split into its monomials (linearity of Σ); each monomial's factors free of
//! the index leave the sum, and a monomial free of the index altogether is a
//! constant: `Σ_{i=lo}^{hi} c = (hi − lo + 1)·c`. What is left is one sum per
//! monomial in the data (`Σ x_i²`, `Σ x_i y_i`), with the index at its canonical
//! level, so two sides that are equal as polynomials in these sums get the same atom.
//! No value of n is ever tried. A sum whose body does not expand into such monomials
//! (`Σ log(x_i + 1)`) stays as it is: sides equal only through it are undecided.
//!
//! Products: a factor free of the index is raised to the count, `Π (f·g) = Πf·Πg`,
//! and `Π e^{a_i} = e^{Σ a_i}`. `log Π f_i = Σ log f_i` only when every `f_i` is known
//! positive (the sign oracle), as the log laws need.
//!
//! The range is read as integers `lo ≤ i ≤ hi`; for `hi = lo − 1` the sum is empty
//! (0) and the laws still hold. Sums with a range that is not a count of integers
//! have no meaning here; the numeric side evaluates integer bounds only.

use symbolica::atom::{Atom, AtomCore, AtomView, Symbol};

use std::collections::BTreeSet;

use super::{algebra, RuleCx};
use crate::engine::normalize::normalize;
use crate::engine::walk::{factors, terms, try_map_bottom_up, unary_arg};
use crate::verdict::{Blocker, Fact, FamilySet};

/// A sum or a product taken apart.
struct Series<'v> {
    sum: bool,
    body: AtomView<'v>,
    index: Symbol,
    lower: AtomView<'v>,
    upper: AtomView<'v>,
}

fn series<'v>(view: AtomView<'v>, cx: &RuleCx<'_>) -> Option<Series<'v>> {
    let AtomView::Fun(f) = view else { return None };
    let s = f.get_symbol();
    if (s != cx.symbols.sum && s != cx.symbols.prod) || f.get_nargs() != 4 {
        return None;
    }
    Some(Series {
        sum: s == cx.symbols.sum,
        body: f.get(0),
        index: f.get(1).get_symbol()?,
        lower: f.get(2),
        upper: f.get(3),
    })
}

impl Series<'_> {
    /// The number of terms, `hi − lo + 1`.
    fn count(&self) -> Atom {
        &(self.upper.to_owned() - self.lower.to_owned()) + &Atom::num(1)
    }

    /// The same range over `body`.
    fn over(&self, sum: bool, body: &Atom, cx: &RuleCx<'_>) -> Atom {
        let symbol = if sum { cx.symbols.sum } else { cx.symbols.prod };
        let index = Atom::var(self.index);
        let (lower, upper) = (self.lower.to_owned(), self.upper.to_owned());
        symbol.call_args([body, &index, &lower, &upper])
    }
}

/// Every sum and product in normal form, bottom-up.
pub fn apply(atom: &Atom, cx: &RuleCx<'_>) -> Result<Atom, Blocker> {
    let out = try_map_bottom_up(atom.as_view(), &mut |a| rewrite(a, cx))?;
    // Factors that left a sum may hold binders of their own, now a level too deep.
    Ok(cx.relevel(&out))
}

fn rewrite(atom: Atom, cx: &RuleCx<'_>) -> Result<Atom, Blocker> {
    if let Some(arg) = unary_arg(atom.as_view(), cx.symbols.log) {
        if let Some(p) = series(arg, cx).filter(|p| !p.sum) {
            // `log Π f_i = Σ log f_i`, each f_i positive.
            if cx.signs.is_positive(p.body) {
                let log = cx.symbols.log.call_args([&p.body.to_owned()]);
                return Ok(p.over(true, &log, cx));
            }
        }
        return Ok(atom);
    }
    let Some(s) = series(atom.as_view(), cx) else {
        return Ok(atom);
    };
    if s.sum {
        sum(&s, cx)
    } else {
        Ok(product(&s, cx))
    }
}

/// `Σ body`: one sum per monomial of the expanded body, index-free factors outside.
fn sum(s: &Series<'_>, cx: &RuleCx<'_>) -> Result<Atom, Blocker> {
    let expanded = algebra::expand(&s.body.to_owned(), cx)?;
    let mut pieces = Vec::new();
    for term in terms(expanded.as_view()) {
        let (constant, varying): (Vec<_>, Vec<_>) = factors(term)
            .into_iter()
            .partition(|f| !f.contains_symbol(s.index));
        let constant = Atom::mul_many(constant);
        let varying = Atom::mul_many(varying.iter().copied());
        pieces.push(if varying.is_one() {
            &constant * &s.count()
        } else if let Some(total) = sum_of_powers(&varying, s) {
            &constant * &total
        } else {
            &constant * &s.over(true, &varying, cx)
        });
    }
    Ok(Atom::add_many(pieces.iter()))
}

/// The largest power of the index summed in closed form.
const MAX_INDEX_POWER: i64 = 4;

/// `Σ_{i=lo}^{hi} i^k` for `k = 1 … 4`: `S_k(hi) − S_k(lo − 1)` with Faulhaber's
/// `S_k(n) = Σ_{i=1}^{n} i^k`, a polynomial, so the sum is one for any integer range
/// (0 for the empty `hi = lo − 1`, as it should be).
fn sum_of_powers(varying: &Atom, s: &Series<'_>) -> Option<Atom> {
    let k = index_power(varying.as_view(), s.index)?;
    let faulhaber = |n: Atom| -> Atom {
        let one = Atom::num(1);
        let next = &n + &one;
        match k {
            1 => &(&n * &next) / &Atom::num(2),
            2 => &(&(&n * &next) * &(&(&Atom::num(2) * &n) + &one)) / &Atom::num(6),
            3 => (&(&n * &next) / &Atom::num(2)).pow(Atom::num(2)),
            _ => {
                let quadratic = &(&(&Atom::num(3) * &n.clone().pow(Atom::num(2)))
                    + &(&Atom::num(3) * &n))
                    - &one;
                &(&(&(&n * &next) * &(&(&Atom::num(2) * &n) + &one)) * &quadratic) / &Atom::num(30)
            }
        }
    };
    let below = &s.lower.to_owned() - &Atom::num(1);
    Some(&faulhaber(s.upper.to_owned()) - &faulhaber(below))
}

/// `k` when `view` is the index to a whole power `1 ≤ k ≤ 4`.
fn index_power(view: AtomView<'_>, index: Symbol) -> Option<i64> {
    match view {
        AtomView::Var(v) if v.get_symbol() == index => Some(1),
        AtomView::Pow(p) => {
            let (base, exponent) = p.get_base_exp();
            let is_index = matches!(base, AtomView::Var(v) if v.get_symbol() == index);
            let k = i64::try_from(exponent).ok()?;
            (is_index && (1..=MAX_INDEX_POWER).contains(&k)).then_some(k)
        }
        _ => None,
    }
}

/// `Π body`: factor by factor; constants to the count, `Π e^{a} = e^{Σ a}`.
fn product(s: &Series<'_>, cx: &RuleCx<'_>) -> Atom {
    let mut out = Vec::new();
    for factor in factors(s.body) {
        if !factor.contains_symbol(s.index) {
            out.push(factor.to_owned().pow(s.count()));
        } else if let Some(exponent) = unary_arg(factor, cx.symbols.exp) {
            let total = s.over(true, &exponent.to_owned(), cx);
            out.push(cx.symbols.exp.call_args([&total]));
        } else {
            out.push(s.over(false, &factor.to_owned(), cx));
        }
    }
    Atom::mul_many(out.iter())
}

/// The laws of this family a step `lhs = rhs` used: what the sums and products left
/// by the other families (in `others`) show, those alike on both sides left out.
pub fn facts(lhs: &Atom, rhs: &Atom, others: FamilySet, cx: &RuleCx<'_>) -> Vec<Fact> {
    let series_in = |atom: &Atom| -> Vec<Atom> {
        let Ok(normal) = normalize(atom, others, cx) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        normal.as_view().visitor(&mut |v| {
            let is_series = series(v, cx).is_some();
            let is_log_of_product = unary_arg(v, cx.symbols.log)
                .and_then(|a| series(a, cx))
                .is_some_and(|p| !p.sum);
            if is_series || is_log_of_product {
                found.push(v.to_owned());
            }
            true
        });
        found
    };
    let (left, right) = (series_in(lhs), series_in(rhs));
    let mut facts = BTreeSet::new();
    for atom in left
        .iter()
        .filter(|a| !right.contains(a))
        .chain(right.iter().filter(|a| !left.contains(a)))
    {
        if unary_arg(atom.as_view(), cx.symbols.log).is_some() {
            facts.insert(3);
            continue;
        }
        let Some(s) = series(atom.as_view(), cx) else {
            continue;
        };
        if !s.sum {
            facts.insert(4);
            continue;
        }
        let Ok(expanded) = algebra::expand(&s.body.to_owned(), cx) else {
            continue;
        };
        let parts = terms(expanded.as_view());
        for term in &parts {
            let fs = factors(*term);
            let varying = Atom::mul_many(fs.iter().filter(|f| f.contains_symbol(s.index)).copied());
            if index_power(varying.as_view(), s.index).is_some() {
                facts.insert(5);
            }
            if fs.iter().all(|f| !f.contains_symbol(s.index)) {
                facts.insert(2);
            } else if parts.len() > 1 || fs.iter().any(|f| !f.contains_symbol(s.index)) {
                facts.insert(1);
            }
        }
        if parts.len() > 1 {
            facts.insert(1);
        }
    }
    facts
        .into_iter()
        .map(|k| match k {
            1 => Fact::SumLinearity,
            2 => Fact::SumOfConstant,
            3 => Fact::LogOfProduct,
            5 => Fact::SumOfPowers,
            _ => Fact::ProductLaws,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::step;

    #[test]
    fn linearity_and_constants() {
        // Steps, not normal forms: the order Symbolica prints `nc` in depends on which
        // symbol the shared engine thread met first.
        insta::assert_snapshot!(
            step("", r"\sum_{i=1}^{n} (2 x_i + 3)", r"3n + 2\sum_{j=1}^{n} x_j"),
            @"proved by algebra, sums using linearity of Σ, Σ of a constant"
        );
        insta::assert_snapshot!(step("", r"\sum_{i=1}^{n} c", "nc"), @"proved by sums using Σ of a constant");
        assert!(step("", r"\sum_{i=1}^{n} c", "c").starts_with("differs by"));
        insta::assert_snapshot!(step("", r"\sum_{i=3}^{n} 1", "n - 2"), @"proved by algebra, sums using Σ of a constant");
        // Nested: the inner sum is a constant of the outer one.
        insta::assert_snapshot!(
            step("", r"\sum_{i=1}^{n} \sum_{j=1}^{m} x_i y_j", r"\sum_{i=1}^{n} x_i \sum_{j=1}^{m} y_j"),
            @"proved by sums using linearity of Σ"
        );
    }

    #[test]
    fn powers_of_the_index_in_closed_form() {
        insta::assert_snapshot!(step("", r"\sum_{i=1}^{n} i", r"\frac{n(n+1)}{2}"), @"proved by sums using Σ of powers of the index");
        insta::assert_snapshot!(step("", r"\sum_{i=1}^{n} (2i - 1)", "n^2"), @"proved by algebra, sums using linearity of Σ, Σ of a constant, Σ of powers of the index");
        insta::assert_snapshot!(step("", r"\sum_{k=1}^{n} k^3", r"\left(\sum_{k=1}^{n} k\right)^2"), @"proved by sums using Σ of powers of the index");
        insta::assert_snapshot!(step("", r"\sum_{i=3}^{m} i^2", r"\frac{m(m+1)(2m+1)}{6} - 5"), @"proved by algebra, sums using Σ of powers of the index");
        assert!(step("", r"\sum_{i=1}^{n} i^2", r"\frac{n(n+1)}{2}").starts_with("differs by"));
        // Beyond the fourth power the sum stays a sum.
        assert!(!step(
            "",
            r"\sum_{i=1}^{n} i^5",
            r"\frac{n^2(n+1)^2(2n^2+2n-1)}{12}"
        )
        .starts_with("proved"));
    }

    #[test]
    fn the_index_is_a_binder() {
        insta::assert_snapshot!(
            step("", r"\sum_{i=1}^{n} x_i", r"\sum_{j=1}^{n} x_j"),
            @"proved by identical after normalisation"
        );
        insta::assert_snapshot!(
            step("", r"\sum_{i=1}^{n} (x_i - \mu)^2", r"\sum_{i=1}^{n} x_i^2 - 2\mu \sum_{i=1}^{n} x_i + n\mu^2"),
            @"proved by algebra, sums using linearity of Σ, Σ of a constant"
        );
    }

    #[test]
    fn sample_variance_from_the_definition_of_the_mean() {
        const MEAN: &str = r"let \bar{x} = \frac{1}{n}\sum_{i=1}^{n} x_i";
        insta::assert_snapshot!(
            step(MEAN, r"\sum_{i=1}^{n} (x_i - \bar{x})^2", r"\sum_{i=1}^{n} x_i^2 - n\bar{x}^2"),
            @"proved by algebra, definitions, sums using linearity of Σ, Σ of a constant"
        );
        insta::assert_snapshot!(
            step(MEAN, r"\sum_{i=1}^{n} (x_i - \bar{x})^2", r"\sum_{i=1}^{n} x_i^2 - \bar{x}^2"),
            @"differs by (Σ_{i=1}^{n} x_i)²/n − (Σ_{i=1}^{n} x_i)²/n²"
        );
    }

    #[test]
    fn products_and_logs() {
        insta::assert_snapshot!(
            step("", r"\prod_{i=1}^{n} e^{x_i}", r"e^{\sum_{i=1}^{n} x_i}"),
            @"proved by sums using Π laws"
        );
        insta::assert_snapshot!(
            step("assume s > 0", r"\log \prod_{i=1}^{n} s e^{-x_i^2}", r"n \log s - \sum_{i=1}^{n} x_i^2"),
            @"proved by algebra, log & exp laws, sums using log Π = Σ log, Π laws"
        );
        // Not known positive: the law is not applied.
        insta::assert_snapshot!(
            step("", r"\log \prod_{i=1}^{n} x_i", r"\sum_{i=1}^{n} \log x_i"),
            @"differs by −log(Π_{i=1}^{n} x_i) + Σ_{i=1}^{n} log(x_i)"
        );
    }
}
