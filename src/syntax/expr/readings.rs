//! Constructs with two readings, refused with the construct named — never guessed.
//!
//! The numeric cross-check reads the same tree as the engine, so it cannot catch a
//! misreading: these guards must. Each function says when LaTeX (or plain letters)
//! means something other than what the grammar would otherwise build:
//!
//! - letters spelling a function or operator without a backslash (`log(2a)` would be
//!   l·o·g·(2a); `Var(X)` V·a·r·X);
//! - a Leibniz derivative (`\frac{d}{dx}` would be d/(d·x));
//! - juxtaposed numbers (`2 3`, `1\,000`, `x^23`, `\sqrt 23`: LaTeX reads 6, 2·000,
//!   x²·3, √2·3, a reader may not);
//! - `1/2x` (½·x or 1/(2x)?) and `\log a \log b` (log(a·log b) or log a · log b?);
//! - `2\frac{1}{2}`, typeset as the mixed number 2½ but parsed as 2·½.
//!
//! A few multi-letter words are names of their own (`KL`, `MGF`, `ELBO`): nobody
//! writing `KL_{loss}` means K·L_loss.

use crate::syntax::ast::{DivSign, Expr, ExprKind, MulSign};

/// Function and operator names that, written as bare letters, are a misreading
/// waiting to happen. A letter run equal to one of these is refused.
const FUNCTION_WORDS: &[&str] = &[
    "log", "ln", "exp", "sqrt", "sin", "cos", "tan", "sinh", "cosh", "tanh", "arcsin", "arccos",
    "arctan", "erf", "erfc", "Var", "var", "Cov", "cov", "Corr", "det", "tr", "Tr", "diag", "max",
    "min", "argmax", "argmin", "sup", "inf", "lim", "arg", "sgn", "sign", "Pr", "std", "mean",
    "Gamma",
];

/// Parts that make any letter run containing them suspect (`xlog`, `expx`).
const FUNCTION_PARTS: &[&str] = &["log", "exp", "sqrt", "erf"];

/// Multi-letter words that are one name, as in `KL_{loss}` or `\mathrm`-less `MGF`.
const WORD_NAMES: &[&str] = &[
    "KL", "JS", "ELBO", "MLE", "MAP", "MSE", "NLL", "PDF", "CDF", "MGF", "CGF", "LHS", "RHS",
    "SNR", "MI",
];

/// The function a letter run spells, if it spells one (see [`FUNCTION_WORDS`]).
pub(super) fn function_word(run: &str) -> Option<&'static str> {
    FUNCTION_WORDS
        .iter()
        .find(|w| **w == run)
        .or_else(|| FUNCTION_PARTS.iter().find(|part| run.contains(**part)))
        .copied()
}

/// Whether a letter run is one name of its own.
pub(super) fn is_word_name(run: &str) -> bool {
    WORD_NAMES.contains(&run)
}

/// Whether `\frac{numerator}{denominator}` (their texts, braces excluded) is a Leibniz
/// derivative: `\frac{d}{dx}`, `\frac{dy}{dx}`, `\frac{d^2}{dt^2}`,
/// `\frac{\partial}{\partial \mu}`, `\frac{\mathrm{d}}{\mathrm{d}t}`.
pub(super) fn is_derivative(numerator: &str, denominator: &str) -> bool {
    let differential = |text: &str, whole: bool| {
        let text = text.trim_start();
        let after = [
            "\\partial",
            "\\mathrm{d}",
            "\\text{d}",
            "\\operatorname{d}",
            "\\mathrm d",
        ]
        .iter()
        .find_map(|d| text.strip_prefix(d))
        .or_else(|| text.strip_prefix('d'));
        let Some(after) = after else {
            return false;
        };
        let after = after.trim_start();
        let after = after
            .strip_prefix('^')
            .map(|p| p.trim_start_matches(|c: char| c.is_ascii_digit() || "{} ".contains(c)))
            .unwrap_or(after);
        match after.chars().next() {
            None => !whole,
            // `\partial (\sigma^2)^2` is read; `d(\sigma^3)` under a `d` is refused as a
            // derivative rather than read as a product with a variable `d`.
            Some('(') => whole,
            Some(c) => c.is_ascii_alphabetic() || c == '\\',
        }
    };
    differential(numerator, false) && differential(denominator, true)
}

/// The factors of an implicit product, left to right (`2\pi\sigma` → 2, π, σ).
pub(super) fn implicit_factors(expr: &Expr) -> Vec<&Expr> {
    let mut factors = Vec::new();
    let mut node = expr;
    while let ExprKind::Mul(left, right, MulSign::Implicit) = &node.kind {
        factors.push(&**right);
        node = left;
    }
    factors.push(node);
    factors.reverse();
    factors
}

/// Whether the written text of a factor starts with a digit.
pub(super) fn starts_with_digit(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit())
}

/// Whether the written text of a factor ends with a digit.
pub(super) fn ends_with_digit(text: &str) -> bool {
    text.ends_with(|c: char| c.is_ascii_digit())
}

/// `2`, not `2.5` or `x`: the whole part of a mixed number. `2\frac{1}{2}`,
/// `3 \tfrac14`: a whole number before a fraction of whole numbers is typeset as the
/// mixed number 2½ (which is 5/2), while LaTeX's grammar makes it the product 2·½ = 1.
/// Neither reading is safe to pick; `2\frac{x}{2}` or `2\frac{1}{n}` is a product only.
pub(super) fn is_whole_number(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Number(n) if n.bytes().all(|b| b.is_ascii_digit()))
}

/// `\frac{1}{2}`: the fraction part of a mixed number (see [`is_whole_number`]).
pub(super) fn is_fraction_of_whole_numbers(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Div(num, den, DivSign::Frac) => is_whole_number(num) && is_whole_number(den),
        _ => false,
    }
}

/// Whether a factor is a variable (possibly with a subscript or a power), a call or an
/// application: a first factor like this makes an unbracketed argument that goes on
/// (`\log x y`) ambiguous, where a number, `\pi`, a fraction or a root (a coefficient)
/// does not.
pub(super) fn is_variable_like(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Ident(id) => !(id.base == "π" && id.subscript.is_none()),
        ExprKind::Pow(base, _) => is_variable_like(base),
        ExprKind::Call { .. } | ExprKind::Apply(..) => true,
        _ => false,
    }
}

/// Whether a factor is a function applied without brackets, an integral or an
/// expectation: what makes `\log a \log b` ambiguous when it follows the first factor
/// of an unbracketed argument.
pub(super) fn is_operator_application(expr: &Expr) -> bool {
    matches!(
        expr.kind,
        ExprKind::Apply(..) | ExprKind::Integral { .. } | ExprKind::Expectation { .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivatives_are_recognised() {
        for (n, d) in [
            ("d", "dx"),
            ("dy", "dx"),
            ("d^2", "dt^2"),
            ("d^{2} f", "dx^{2}"),
            (r"\partial", r"\partial \mu"),
            (r"\mathrm{d}", r"\mathrm{d}t"),
            (r"\partial f", r"\partial\sigma"),
        ] {
            assert!(is_derivative(n, d), "{n} / {d}");
        }
        for (n, d) in [
            ("a", "dx"),
            ("d", "2"),
            ("dx", "2"),
            ("d", "d + 1"),
            ("1", "d"),
        ] {
            assert!(!is_derivative(n, d), "{n} / {d}");
        }
    }

    #[test]
    fn function_words() {
        assert_eq!(function_word("log"), Some("log"));
        assert_eq!(function_word("Var"), Some("Var"));
        assert_eq!(function_word("xlogy"), Some("log"));
        assert_eq!(function_word("ab"), None);
        assert_eq!(function_word("KL"), None);
        assert!(is_word_name("KL"));
        assert!(!is_word_name("ab"));
    }
}
