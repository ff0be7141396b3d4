//! Primes after a name: `f'(x)`, `M_X''(0)`, `f^{\prime}(x)`, `f^{\prime\prime}(x)`,
//! `f^{(3)}(x)`, read as a derivative of a function applied to its argument, and only
//! when a bracket follows (`x'` stays refused: a derivative, or another name?).
//! Which function, and whether the note defines it, is resolution's question.
//!
//! A superscript that is one bracketed name or number, `x^{(i)}`, is refused wherever it
//! is not such a prime: machine-learning notes write it for the i-th sample, analysis
//! notes `f^{(n)}` for a derivative, and neither is a power.

use super::*;

/// The primes at `input`, right after a name: what follows them and how many there are.
pub(super) fn prime_marks(input: &str) -> Option<(&str, u32)> {
    let ticks = input.bytes().take_while(|&b| b == b'\'').count();
    if ticks > 0 {
        return Some((&input[ticks..], ticks as u32));
    }
    let after_caret = skip_ws(input.strip_prefix('^')?);
    if let Some(rest) = command_named(after_caret, "prime") {
        return Some((rest, 1));
    }
    let (inside, rest) = braced(after_caret)?;
    let inside = inside.trim();
    if let Some(order) = bracketed_order(inside) {
        return Some((rest, order));
    }
    let mut count = 0;
    let mut at = inside;
    while !at.is_empty() {
        if let Some(after) = command_named(at, "prime") {
            at = skip_ws(after);
        } else if let Some(after) = at.strip_prefix('\'') {
            at = skip_ws(after);
        } else {
            return None;
        }
        count += 1;
    }
    (count > 0).then_some((rest, count))
}

/// `(3)` in `f^{(3)}`: a derivative's order.
fn bracketed_order(inside: &str) -> Option<u32> {
    let digits = inside.strip_prefix('(')?.strip_suffix(')')?.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 2 {
        return None;
    }
    digits.parse().ok()
}

/// `^{(i)}`, `^{(n)}`, `^{(t+1)}` is kept as a power only when the bracket holds an
/// operator; the text of a superscript that is one bracketed name or number.
pub(super) fn bracketed_superscript(at_caret: &str) -> Option<&str> {
    let after_caret = skip_ws(at_caret.strip_prefix('^')?);
    let (inside, rest) = braced(after_caret)?;
    let inside = inside.trim();
    let body = inside.strip_prefix('(')?.strip_suffix(')')?;
    let plain = |c: char| c.is_alphanumeric() || matches!(c, '\\' | '_' | '{' | '}' | ' ');
    (!body.trim().is_empty() && body.chars().all(plain)).then(|| consumed(at_caret, rest))
}

impl<'a> Grammar<'a> {
    /// `name` primed `order` times, applied to the bracket at `at_open`.
    pub(super) fn primed_call(
        &self,
        start: &'a str,
        marks: &'a str,
        callee: Ident,
        order: u32,
        at_open: &'a str,
    ) -> PResult<'a, Expr> {
        if !(1..=4).contains(&order) {
            let why = "above the fourth order".to_string();
            return fail(marks, SyntaxErrorKind::Derivative(why));
        }
        let (rest, call) = self.call(start, callee, at_open)?;
        let ExprKind::Call { callee, args } = call.kind else {
            return Ok((rest, call));
        };
        let kind = ExprKind::Primed {
            callee,
            order,
            args,
        };
        Ok((rest, Expr::new(kind, call.span)))
    }
}
