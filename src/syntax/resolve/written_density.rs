//! A Gaussian density written out as a formula, `\frac{1}{\sqrt{2\pi}\sigma}
//! \exp\left[-\frac{(x-\mu)^2}{2\sigma^2}\right]`, recognised as a density in its variable,
//! so a bare `\langle x \rangle`, `E[x^2]` beside it is taken under it, as under
//! `N(x; \mu, \sigma^2)`.
//!
//! Only a formula that *is* the normal density as written: one exponential of
//! `-(x - m)^2 / (2 s^2)` (or `-x^2/2`, with `s = 1`) times factors free of `x` whose
//! product is exactly `(2π)^{-1/2} s^{-1}`, counted as powers of 2, π and `s`
//! (`\frac{1}{\sigma\sqrt{2\pi}}`, `\frac{1}{\sqrt{2\pi\sigma^2}}`,
//! `(2\pi\sigma^2)^{-1/2}`). A formula that is off by a constant, or has another shape,
//! stays a function (an expectation beside it is refused, saying why): the
//! recognition only says under which law an expectation is meant; the steps are then
//! checked against the formula as written, by both opinions.

use crate::syntax::ast::{Builtin, Constant, Expr, ExprKind, Ident};

/// Whether the resolved `body` is exactly a normal density in `x`.
pub(super) fn is_written_gaussian(body: &Expr, x: &str) -> bool {
    let mut factors = Vec::new();
    flatten(body, 1, &mut factors);
    let (exponentials, constants): (Vec<_>, Vec<_>) = factors
        .into_iter()
        .partition(|(f, _)| exponent_of(f).is_some());
    let [(exponential, 1)] = exponentials.as_slice() else {
        return false;
    };
    let Some(exponent) = exponent_of(exponential) else {
        return false;
    };
    let Some(deviation) = gaussian_exponent(exponent, x) else {
        return false;
    };
    // Powers (doubled, so square roots stay whole) of 2, π and the deviation.
    let mut powers = Powers::default();
    for (factor, sign) in &constants {
        if mentions(factor, x) || !powers.add(factor, 2 * sign, deviation.as_ref()) {
            return false;
        }
    }
    let wanted_deviation = if deviation.is_some() { -2 } else { 0 };
    powers.two == -1 && powers.pi == -1 && powers.deviation == wanted_deviation
}

/// `body` as factors, each with `1` (multiplied) or `-1` (divided by).
fn flatten<'e>(body: &'e Expr, sign: i64, out: &mut Vec<(&'e Expr, i64)>) {
    match &body.kind {
        ExprKind::Mul(a, b, _) => {
            flatten(a, sign, out);
            flatten(b, sign, out);
        }
        ExprKind::Div(a, b, _) => {
            flatten(a, sign, out);
            flatten(b, -sign, out);
        }
        _ => out.push((body, sign)),
    }
}

/// The exponent of `e^{…}` or `\exp(…)`.
fn exponent_of(expr: &Expr) -> Option<&Expr> {
    match &expr.kind {
        ExprKind::Apply(Builtin::Exp, arg) => Some(arg),
        ExprKind::Pow(base, exponent) if matches!(base.kind, ExprKind::Constant(Constant::E)) => {
            Some(exponent)
        }
        _ => None,
    }
}

/// The deviation `s` of an exponent `-(x - m)^2 / (2 s^2)` (`-\frac{(x-m)^2}{2s^2}`,
/// `\frac{-(x-m)^2}{2s^2}`, `-(x-m)^2/2s^2` as read), `Some(None)` for `-x^2/2` or
/// `-(x-m)^2/2`; the mean `m` must be free of `x`.
fn gaussian_exponent(exponent: &Expr, x: &str) -> Option<Option<Ident>> {
    let (numerator, denominator) = match &exponent.kind {
        ExprKind::Neg(inner) => match &inner.kind {
            ExprKind::Div(n, d, _) => (&**n, &**d),
            _ => return None,
        },
        ExprKind::Div(n, d, _) => match &n.kind {
            ExprKind::Neg(n) => (&**n, &**d),
            _ => return None,
        },
        _ => return None,
    };
    let ExprKind::Pow(base, two) = &numerator.kind else {
        return None;
    };
    if !is_number(two, "2") || !is_centred(base, x) {
        return None;
    }
    if is_number(denominator, "2") {
        return Some(None);
    }
    let ExprKind::Mul(two, square, _) = &denominator.kind else {
        return None;
    };
    let ExprKind::Pow(deviation, power) = &square.kind else {
        return None;
    };
    match &deviation.kind {
        ExprKind::Ident(s) if is_number(two, "2") && is_number(power, "2") && s.key() != x => {
            Some(Some(s.clone()))
        }
        _ => None,
    }
}

/// `x`, `x - m` or `m - x` with `m` free of `x`.
fn is_centred(expr: &Expr, x: &str) -> bool {
    let is_x = |e: &Expr| matches!(&e.kind, ExprKind::Ident(id) if id.key() == x);
    match &expr.kind {
        ExprKind::Ident(_) => is_x(expr),
        ExprKind::Sub(a, b) => (is_x(a) && !mentions(b, x)) || (is_x(b) && !mentions(a, x)),
        _ => false,
    }
}

fn is_number(expr: &Expr, n: &str) -> bool {
    matches!(&expr.kind, ExprKind::Number(m) if m == n)
}

fn mentions(expr: &Expr, x: &str) -> bool {
    matches!(&expr.kind, ExprKind::Ident(id) if id.key() == x)
        || crate::syntax::children(expr)
            .into_iter()
            .any(|child| mentions(child, x))
}

/// The powers of 2, π and the deviation in a product of constant factors, each doubled.
#[derive(Default)]
struct Powers {
    two: i64,
    pi: i64,
    deviation: i64,
}

impl Powers {
    /// Adds `factor` to the power `weight` (doubled); `false` when it is not a product of
    /// powers of 2, π, 1 and the deviation, or a root leaves a fraction of a half.
    fn add(&mut self, factor: &Expr, weight: i64, deviation: Option<&Ident>) -> bool {
        match &factor.kind {
            ExprKind::Number(n) if n == "1" => true,
            ExprKind::Number(n) if n == "2" => {
                self.two += weight;
                true
            }
            ExprKind::Constant(Constant::Pi) => {
                self.pi += weight;
                true
            }
            ExprKind::Ident(id) => match deviation {
                Some(s) if s.key() == id.key() => {
                    self.deviation += weight;
                    true
                }
                _ => false,
            },
            ExprKind::Mul(a, b, _) => {
                self.add(a, weight, deviation) && self.add(b, weight, deviation)
            }
            ExprKind::Div(a, b, _) => {
                self.add(a, weight, deviation) && self.add(b, -weight, deviation)
            }
            ExprKind::Sqrt {
                radicand,
                index: None,
            } if weight % 2 == 0 => self.add(radicand, weight / 2, deviation),
            ExprKind::Pow(base, exponent) => match power_of(exponent) {
                Some((num, den)) if (weight * num) % den == 0 => {
                    self.add(base, weight * num / den, deviation)
                }
                _ => false,
            },
            _ => false,
        }
    }
}

/// An exponent `k`, `-k` or `\frac{k}{2}`, `-\frac{1}{2}` as a fraction (numerator,
/// denominator 1 or 2).
fn power_of(exponent: &Expr) -> Option<(i64, i64)> {
    match &exponent.kind {
        ExprKind::Number(n) => Some((n.parse().ok()?, 1)),
        ExprKind::Neg(inner) => power_of(inner).map(|(n, d)| (-n, d)),
        ExprKind::Div(n, d, _) => match (&n.kind, &d.kind) {
            (ExprKind::Number(n), ExprKind::Number(d)) if d == "2" => Some((n.parse().ok()?, 2)),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use crate::syntax::parse;

    /// Whether the right side of `f(x) = …`, resolved, is a normal density in `x`.
    fn written(formula: &str) -> bool {
        let text = format!("assume \\sigma > 0\nlet f(x) = {formula}");
        let parsed = parse(&SourceFile::new("t.txt", &text));
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let resolved = crate::syntax::resolve::resolve(&parsed.doc);
        assert!(resolved.errors.is_empty(), "{formula}");
        resolved
            .doc
            .items
            .iter()
            .find_map(|item| match item {
                crate::syntax::ast::Item::Let(d) if d.name.key() == "f" => {
                    Some(is_written_gaussian(&d.body, "x"))
                }
                _ => None,
            })
            .expect("the definition of f")
    }

    #[test]
    fn the_normal_density_in_the_ways_authors_write_it() {
        for formula in [
            r"\frac{1}{\sqrt{2\pi}\sigma} \exp\left[-\frac{(x-\mu)^2}{2\sigma^2}\right]",
            r"\frac{1}{\sigma\sqrt{2\pi}} \exp\left(-\frac{(x-\mu)^2}{2\sigma^2}\right)",
            r"\frac{1}{\sqrt{2\pi\sigma^2}} e^{-\frac{(x-\mu)^2}{2\sigma^2}}",
            r"(2\pi\sigma^2)^{-1/2} e^{-\frac{(\mu - x)^2}{2\sigma^2}}",
            r"\frac{1}{\sqrt{2\pi}} e^{-x^2/2}",
            r"\frac{e^{-\frac{(x-\mu)^2}{2\sigma^2}}}{\sigma \sqrt{2 \pi}}",
        ] {
            assert!(written(formula), "{formula}");
        }
    }

    #[test]
    fn off_by_a_constant_or_another_shape_is_not_a_density() {
        for formula in [
            // The 2 under the root dropped, or σ instead of σ²: not normalised.
            r"\frac{1}{\sqrt{\pi}\sigma} e^{-\frac{(x-\mu)^2}{2\sigma^2}}",
            r"\frac{1}{\sqrt{2\pi\sigma}} e^{-\frac{(x-\mu)^2}{2\sigma^2}}",
            r"\frac{1}{\sqrt{2\pi}} e^{-\frac{(x-\mu)^2}{2\sigma^2}}",
            // Another exponent, another factor in x.
            r"\frac{1}{\sqrt{2\pi}\sigma} e^{-\frac{(x-\mu)^2}{\sigma^2}}",
            r"\frac{x}{\sqrt{2\pi}\sigma} e^{-\frac{(x-\mu)^2}{2\sigma^2}}",
            r"\frac{1}{\sqrt{2\pi}\sigma} e^{-\frac{(x^2-\mu)^2}{2\sigma^2}}",
            r"\frac{1}{\sqrt{2\pi}\sigma} e^{-\frac{(x-x\mu)^2}{2\sigma^2}}",
        ] {
            assert!(!written(formula), "{formula}");
        }
    }
}
