//! Absolute values (in the special-functions family), and integrals of them (in the
//! Gaussian family).
//!
//! | law | condition |
//! |---|---|
//! | `|r|` = the number's size | `r` a rational number |
//! | `|u| = u`, `|u| = −u` | `u` known non-negative, known negative |
//! | `|u·v| = |u|·|v|`, `|vⁿ| = |v|ⁿ` | always; `n` an integer |
//! | `|u|^{2k} = u^{2k}` | an even integer power |
//! | `|−u| = |u|` | towards one representative, as erf's oddness |
//!
//! An integral whose integrand holds `|b·x + d|` with `b` of known sign is split where
//! `b·x + d` changes sign, at `x = −d/b`; on each side the bars are the argument or its
//! negative, and the pieces are integrals over part of the line (`definite`). On a
//! range with a finite end the root's place in it must be known. Anything else stays
//! an integral of an absolute value, never evaluated.

use symbolica::atom::{Atom, AtomCore, AtomView, Symbol};

use super::definite::End;
use super::gaussian::{quadratic_coefficients, Outside};
use super::special::leads_negative;
use super::{algebra, RuleCx};
use crate::engine::walk::{as_rational, factors, map_bottom_up, unary_arg};
use crate::verdict::Blocker;

/// A piece of an integral: `(body, lo, hi)`.
pub(super) type Piece = (Atom, End, End);

/// At most this many absolute values of the variable in one integrand: each doubles
/// the sign patterns the convergence check tries.
const MAX_ABSOLUTE_VALUES: usize = 3;

/// One law of this table at `a` (an atom whose children are already rewritten).
pub(super) fn rewrite(a: &Atom, cx: &RuleCx<'_>) -> Result<Option<Atom>, Blocker> {
    if let AtomView::Pow(p) = a.as_view() {
        let (base, exponent) = p.get_base_exp();
        if let (Some(u), Some(e)) = (unary_arg(base, cx.symbols.abs), as_rational(exponent)) {
            if e.is_integer() && e.num() % 2 == 0 {
                return Ok(Some(u.to_owned().pow(exponent.to_owned())));
            }
        }
        return Ok(None);
    }
    let Some(u) = unary_arg(a.as_view(), cx.symbols.abs) else {
        return Ok(None);
    };
    if let Some(r) = as_rational(u) {
        return Ok(Some(if r.num() < 0 {
            -u.to_owned()
        } else {
            u.to_owned()
        }));
    }
    if cx.signs.is_nonnegative(u) {
        return Ok(Some(u.to_owned()));
    }
    let negated = algebra::expand(&-u.to_owned(), cx)?;
    if cx.signs.is_positive(negated.as_view()) {
        return Ok(Some(negated));
    }
    // |u·v| = |u|·|v|, each factor's bars then simplified on their own.
    if let AtomView::Mul(_) = u {
        let split = factors(u)
            .into_iter()
            .map(|f| cx.symbols.abs.call_args([&f.to_owned()]));
        return Ok(Some(Atom::mul_many(split.collect::<Vec<_>>().iter())));
    }
    // |v^n| = |v|^n for an integer n (1/|v| for n = −1).
    if let AtomView::Pow(p) = u {
        let (base, exponent) = p.get_base_exp();
        if as_rational(exponent).is_some_and(|e| e.is_integer()) {
            let bars = cx.symbols.abs.call_args([&base.to_owned()]);
            return Ok(Some(bars.pow(exponent.to_owned())));
        }
    }
    let expanded = algebra::expand(&u.to_owned(), cx)?;
    if leads_negative(expanded.as_view()) {
        return Ok(Some(cx.symbols.abs.call_args([&negated])));
    }
    Ok(None)
}

/// Whether `v` is an absolute value or a power of one, where a law of this table may
/// apply.
pub(super) fn is_bars(v: AtomView<'_>, cx: &RuleCx<'_>) -> bool {
    let base = match v {
        AtomView::Pow(p) => p.get_base_exp().0,
        _ => v,
    };
    unary_arg(base, cx.symbols.abs).is_some()
}

/// Whether `integral` (an `int` or `dint` atom) holds an absolute value of its variable.
pub fn holds_absolute_value_of_variable(integral: AtomView<'_>, cx: &RuleCx<'_>) -> bool {
    let AtomView::Fun(f) = integral else {
        return false;
    };
    if f.get_nargs() < 2 {
        return false;
    }
    let Some(x) = f.get(1).get_symbol() else {
        return false;
    };
    !of_variable(&f.get(0).to_owned(), x, cx).is_empty()
}

/// The absolute values in `body` whose argument holds `x`.
fn of_variable(body: &Atom, x: Symbol, cx: &RuleCx<'_>) -> Vec<Atom> {
    let mut found: Vec<Atom> = Vec::new();
    body.as_view().visitor(&mut |v| {
        if unary_arg(v, cx.symbols.abs).is_some_and(|u| u.contains_symbol(x)) {
            let owned = v.to_owned();
            if !found.contains(&owned) {
                found.push(owned);
            }
        }
        true
    });
    found
}

/// `body` with `bars` (an `abs(u)` atom) replaced by `replacement`.
fn replaced(body: &Atom, bars: &Atom, replacement: &Atom) -> Atom {
    map_bottom_up(body.as_view(), &mut |a| {
        if a == *bars {
            replacement.clone()
        } else {
            a
        }
    })
}

/// The integrands `body` is on the regions where its absolute values of `x` have
/// each sign (each replaced by its argument or the negative): `∫ body` converges
/// absolutely if all of these do. `None` without absolute values of `x`.
pub(super) fn sign_patterns(
    body: &Atom,
    x: Symbol,
    cx: &RuleCx<'_>,
) -> Option<Result<Vec<Atom>, Outside>> {
    let bars = of_variable(body, x, cx);
    if bars.is_empty() {
        return None;
    }
    if bars.len() > MAX_ABSOLUTE_VALUES {
        return Some(Err(too_many().into()));
    }
    let mut patterns = vec![body.clone()];
    for b in &bars {
        let Some(u) = unary_arg(b.as_view(), cx.symbols.abs) else {
            continue;
        };
        let u = u.to_owned();
        patterns = patterns
            .iter()
            .flat_map(|p| [replaced(p, b, &u), replaced(p, b, &-&u)])
            .collect();
    }
    Some(Ok(patterns))
}

fn too_many() -> String {
    format!("more than {MAX_ABSOLUTE_VALUES} absolute values of the variable in one integrand")
}

/// `∫_lo^hi body dx` as pieces `(body, lo, hi)` with no absolute value of `x` in one
/// of them (the first one found split where its argument changes sign, the pieces
/// split again), or why it cannot be split. `None` without absolute values of `x`.
pub(super) fn split(
    body: &Atom,
    x: Symbol,
    lo: &End,
    hi: &End,
    cx: &RuleCx<'_>,
) -> Option<Result<Vec<Piece>, Outside>> {
    let bars = of_variable(body, x, cx);
    let first = bars.first()?;
    if bars.len() > MAX_ABSOLUTE_VALUES {
        return Some(Err(too_many().into()));
    }
    Some(split_at(body, first, x, lo, hi, cx).and_then(|pieces| {
        let mut out = Vec::new();
        for (piece, lo, hi) in pieces {
            match split(&piece, x, &lo, &hi, cx) {
                Some(more) => out.extend(more?),
                None => out.push((piece, lo, hi)),
            }
        }
        Ok(out)
    }))
}

/// The pieces of `∫_lo^hi body dx` on either side of the root of `bars`' argument.
fn split_at(
    body: &Atom,
    bars: &Atom,
    x: Symbol,
    lo: &End,
    hi: &End,
    cx: &RuleCx<'_>,
) -> Result<Vec<Piece>, Outside> {
    let u = unary_arg(bars.as_view(), cx.symbols.abs)
        .map(|u| u.to_owned())
        .unwrap_or_default();
    let linear = algebra::expand(&u, cx)?;
    let [d, b, quadratic] = quadratic_coefficients(&linear, x, cx).map_err(|_| not_linear())?;
    if !quadratic.is_zero() {
        return Err(not_linear().into());
    }
    // Oriented so that `u = s·(x − root)` with `s = ±1` known.
    let rising = if cx.signs.is_positive(b.as_view()) {
        true
    } else if cx.signs.is_positive(algebra::expand(&-&b, cx)?.as_view()) {
        false
    } else {
        return Err(
            "the absolute value's argument rises or falls with the variable, which is not known"
                .to_string()
                .into(),
        );
    };
    let root = algebra::expand(&(-&d / &b), cx)?;
    let (left, right) = if rising {
        (-&u, u.clone())
    } else {
        (u.clone(), -&u)
    };
    let below = replaced(body, bars, &left);
    let above = replaced(body, bars, &right);
    let at_root = End::At(root.clone());
    match (place(lo, &root, cx)?, place(hi, &root, cx)?) {
        (Side::Below, Side::Above) => Ok(vec![
            (below, lo.clone(), at_root.clone()),
            (above, at_root, hi.clone()),
        ]),
        (Side::Above | Side::At, Side::Above) => Ok(vec![(above, lo.clone(), hi.clone())]),
        (Side::Below, Side::Below | Side::At) => Ok(vec![(below, lo.clone(), hi.clone())]),
        _ => Err("the absolute value's argument changes sign at a point whose place in the range is not known"
            .to_string()
            .into()),
    }
}

fn not_linear() -> String {
    "an absolute value of a function that is not linear in the variable".into()
}

/// Where a limit lies against the root.
enum Side {
    Below,
    At,
    Above,
    Unknown,
}

fn place(end: &End, root: &Atom, cx: &RuleCx<'_>) -> Result<Side, Outside> {
    let limit = match end {
        End::NegInf => return Ok(Side::Below),
        End::PosInf => return Ok(Side::Above),
        End::At(limit) => limit,
    };
    let gap = algebra::expand(&(limit - root), cx)?;
    Ok(if gap.is_zero() {
        Side::At
    } else if cx.signs.is_positive(gap.as_view()) {
        Side::Above
    } else if cx.signs.is_positive(algebra::expand(&-&gap, cx)?.as_view()) {
        Side::Below
    } else {
        Side::Unknown
    })
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{normal_form, step};
    use crate::verdict::Family::{Algebra, Special};

    #[test]
    fn bars_go_where_the_sign_is_known_and_split_over_products() {
        insta::assert_snapshot!(normal_form("assume s > 0", &[Algebra, Special], r"|-2 s x| - 2 s |x|"), @"0");
        insta::assert_snapshot!(normal_form("", &[Algebra, Special], r"|x - y| - |y - x| + |x|^2 - x^2"), @"0");
        insta::assert_snapshot!(normal_form("", &[Algebra, Special], r"|x^2 + 1| + |-3|"), @"x² + 4");
        // Of unknown sign, a symbol keeps its bars.
        insta::assert_snapshot!(step("", "|x|", "x"), @"differs by x − |x|");
        // Bars are non-negative for the sign oracle: no condition on the root.
        insta::assert_snapshot!(step("", r"\sqrt{|x|}^2", "|x|"), @"proved by identical after normalisation");
    }

    #[test]
    fn an_integral_of_bars_is_split_where_they_change_sign() {
        insta::assert_snapshot!(
            step("let p(x) = N(x; m, s^2)", r"\int |x - m| p(x) dx", r"s \sqrt{2/\pi}"),
            @"proved by log & exp laws, Gaussian integrals using general integral, ∫ |b·x + d|·f(x) dx split at x = −d/b, where b·x + d changes sign"
        );
        insta::assert_snapshot!(step("", r"\int_{0}^{1} |x - \frac{1}{2}| dx", r"\frac{1}{4}"), @"proved by Gaussian integrals using ∫ |b·x + d|·f(x) dx split at x = −d/b, where b·x + d changes sign");
        // The root's place in the range is not known: undecided, with the reason.
        insta::assert_snapshot!(step("", r"\int_{0}^{1} |x - c| dx", r"\frac{1}{4}"), @"blocked: cannot tell that ∫_0^1 |x − c| dx converges: the absolute value's argument changes sign at a point whose place in the range is not known");
        // Where the bars have each sign the integrand must converge: `|x| − x` is `−2x`
        // on the left half-line, though `x − x` would cancel.
        insta::assert_snapshot!(step("", r"\int (|x| - x) e^{-x^2} dx", "1"), @"proved by Gaussian integrals using general integral, ∫ |b·x + d|·f(x) dx split at x = −d/b, where b·x + d changes sign");
        insta::assert_snapshot!(step("", r"\int (|x| - x) dx", "0"), @"blocked: ∫ |x| − x dx does not converge: a power of x over an infinite range does not converge");
        insta::assert_snapshot!(step("", r"\int |x^2 - 1| e^{-x^2} dx", "1"), @"blocked: cannot tell that ∫ |x² − 1| exp(−x²) dx converges: an absolute value of a function that is not linear in the variable");
    }
}
