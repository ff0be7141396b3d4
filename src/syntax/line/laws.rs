//! `let X have mean \mu and variance \sigma^2`: random variables whose law is known only
//! by its first two moments, as probability notes introduce them ("let X be a random
//! variable with mean μ and variance σ²"). Each gets a density `f_X` with no formula,
//! against which only `1`, `x` and `x^2` integrate (see `resolve`).

use super::{LineParser, LineResult};
use crate::syntax::ast::{Expr, ExprKind, RandomVariable};
use crate::syntax::error::span_in;
use crate::syntax::lexeme::{consumed, skip_ws};

/// `word` as a whole word at the start of `input` (after spaces): what follows it.
fn keyword<'a>(input: &'a str, word: &str) -> Option<&'a str> {
    let rest = skip_ws(input).strip_prefix(word)?;
    rest.starts_with(|c: char| c.is_whitespace())
        .then_some(rest)
}

impl<'a> LineParser<'a> {
    /// The declaration after `let`, if it is one of a law by its moments (`None`: a
    /// definition, parsed as before).
    pub(super) fn law_declaration(
        &self,
        keyword_text: &'a str,
        input: &'a str,
    ) -> LineResult<Option<RandomVariable>> {
        let Ok((names, after_names)) = self.names(input, keyword_text) else {
            return Ok(None);
        };
        let Some(after_have) = keyword(after_names, "have") else {
            return Ok(None);
        };
        let Some(after_mean) = keyword(after_have, "mean") else {
            return Err(self.unexpected(skip_ws(after_have), "`mean …`"));
        };
        // The mean ends at the word `and`: letters side by side would be a product.
        let Some(and_at) = find_word(after_mean, "and") else {
            return Err(self.unexpected(skip_ws(after_mean), "`… and variance …`"));
        };
        let mean_text = &after_mean[..and_at];
        let mean = self.whole_expr(mean_text, consumed(after_have, after_mean))?;
        let after_and = &after_mean[and_at + "and".len()..];
        let Some(after_variance) = keyword(after_and, "variance") else {
            return Err(self.unexpected(skip_ws(after_and), "`variance …`"));
        };
        let variance_word = consumed(skip_ws(after_and), after_variance);
        let (end, variance) = self.expr_after(after_variance, variance_word)?;
        self.expect_end(end)?;
        let span = self.grammar.span(keyword_text, end);
        let law = Expr::new(
            ExprKind::Law {
                mean: Box::new(mean),
                variance: Box::new(variance),
            },
            span_in(self.base, consumed(after_have, end)),
        );
        Ok(Some(RandomVariable { names, law, span }))
    }

    /// An expression that is all of `text` (which follows `after`).
    fn whole_expr(&self, text: &'a str, after: &'a str) -> LineResult<Expr> {
        let (rest, expr) = self.expr_after(text, after)?;
        if !skip_ws(rest).is_empty() {
            return Err(self.unexpected(skip_ws(rest), "`and variance …`"));
        }
        Ok(expr)
    }
}

/// Where the word `word` starts in `input`, standing alone between spaces.
fn find_word(input: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = input[from..].find(word).map(|i| i + from) {
        let before = input[..at].chars().next_back();
        let after = input[at + word.len()..].chars().next();
        if before.is_some_and(char::is_whitespace) && after.is_some_and(char::is_whitespace) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}
