//! Factorials and binomial coefficients of numbers: `4!`, `5!!`, `\binom{4}{2}`, read as
//! the integers they are (Gaussian moments are written `3!!σ⁴`, `\frac{4!}{2^2 2!}`).
//! Of a symbol (`n!`, `(2n-1)!!`, `\binom{n}{k}`) they are refused: neither opinion
//! has a rule for them.

use super::*;

/// The largest `n` whose `n!` is read (20! is the last that fits in a `u64`).
const LARGEST: u64 = 20;

/// `n!` (`double`: `n!!`) of a literal, or `None` past [`LARGEST`].
pub(super) fn factorial(n: u64, double: bool) -> Option<u64> {
    if n > LARGEST {
        return None;
    }
    let step = if double { 2 } else { 1 };
    Some((1..=n).rev().step_by(step).product())
}

/// The digits of `expr` when it is a whole number written as digits.
pub(super) fn literal(expr: &Expr) -> Option<u64> {
    match &expr.kind {
        ExprKind::Number(digits) if digits.bytes().all(|b| b.is_ascii_digit()) => {
            digits.parse().ok()
        }
        _ => None,
    }
}

impl<'a> Grammar<'a> {
    /// `\binom{n}{k}` (`\dbinom`, `\tbinom`) at `start`, `after` past the command.
    pub(super) fn binomial(&self, start: &'a str, after: &'a str) -> PResult<'a, Atom> {
        let refuse = |through: &'a str| {
            let written = consumed(start, through);
            fail(written, SyntaxErrorKind::Factorial)
        };
        let Some((n, rest)) = braced(skip_ws(after)) else {
            return refuse(after);
        };
        let Some((k, rest)) = braced(skip_ws(rest)) else {
            return refuse(rest);
        };
        let parse = |text: &str| text.trim().parse::<u64>().ok();
        let (Some(n), Some(k)) = (parse(n), parse(k)) else {
            return refuse(rest);
        };
        if k > n || n > LARGEST {
            return refuse(rest);
        }
        let value = (0..k).fold(1u64, |acc, i| acc * (n - i) / (i + 1));
        let kind = ExprKind::Number(value.to_string());
        Ok((rest, self.node(kind, start, rest).into()))
    }
}

#[cfg(test)]
mod tests {
    use super::factorial;

    #[test]
    fn factorials_of_numbers() {
        assert_eq!(factorial(0, false), Some(1));
        assert_eq!(factorial(4, false), Some(24));
        assert_eq!(factorial(5, true), Some(15));
        assert_eq!(factorial(6, true), Some(48));
        assert_eq!(factorial(20, false), Some(2_432_902_008_176_640_000));
        assert_eq!(factorial(21, false), None);
    }
}
