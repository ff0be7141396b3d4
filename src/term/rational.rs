//! Exact rationals, the numbers of a [`Term`](super::Term).

use std::fmt;

/// An exact rational number `num/den` with `den > 0` and the fraction in lowest terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rational {
    num: i64,
    den: i64,
}

impl Rational {
    /// `num/den` in lowest terms, or `None` when `den` is zero or the result overflows.
    pub fn new(num: i64, den: i64) -> Option<Self> {
        if den == 0 {
            return None;
        }
        let g = gcd(num.unsigned_abs(), den.unsigned_abs()).max(1);
        let (mut num, mut den) = (num / g as i64, den / g as i64);
        if den < 0 {
            num = num.checked_neg()?;
            den = den.checked_neg()?;
        }
        Some(Self { num, den })
    }

    /// The integer `n`.
    pub fn int(n: i64) -> Self {
        Self { num: n, den: 1 }
    }

    /// Numerator (carries the sign).
    pub fn num(self) -> i64 {
        self.num
    }

    /// Denominator (always positive).
    pub fn den(self) -> i64 {
        self.den
    }

    /// Whether this is an integer.
    pub fn is_integer(self) -> bool {
        self.den == 1
    }

    /// The value as a float.
    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// Parse a decimal literal such as `2` or `0.25` exactly.
    pub fn from_decimal(text: &str) -> Option<Self> {
        let (int_part, frac_part) = text.split_once('.').unwrap_or((text, ""));
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        let digits = format!("{int_part}{frac_part}");
        let num: i64 = digits.parse().ok()?;
        let den = 10i64.checked_pow(u32::try_from(frac_part.len()).ok()?)?;
        Self::new(num, den)
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl fmt::Display for Rational {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)
        } else {
            write!(f, "{}/{}", self.num, self.den)
        }
    }
}
