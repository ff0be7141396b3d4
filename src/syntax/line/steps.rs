//! The steps of a row (`A = B = C`, or `= B = C` after a continuation's `=`), the
//! annotations and punctuation after each, and the `=` that sets an equation rather
//! than claims a step.

use super::*;
use crate::syntax::ast::ExprKind;

impl<'a> LineParser<'a> {
    /// The steps of a chain's head row: [`Self::steps`], where after prose that sets
    /// the row to zero the zero may also come first, `0 = \frac{\partial \ell}{\partial
    /// \mu} = …` (in a chain of equations' later rows, `\iff 0 = …` is an equation as
    /// written).
    pub(super) fn head_steps(&self, input: &'a str) -> LineResult<RowSteps> {
        match self.zero_then_equals(input).filter(|_| self.zero_is_set) {
            Some((zero, equals, rest)) => {
                let mut row = self.steps(rest, Some((equals, None)))?;
                if row.set_to.is_some() {
                    // `0 = f = 0`: set to zero twice.
                    let kind = SyntaxErrorKind::AfterSetEquation(equals.trim().to_string());
                    return Err(self.error(equals, kind));
                }
                row.set_to = Some(zero);
                row.set_first = true;
                Ok(row)
            }
            None => self.steps(input, None),
        }
    }

    /// `A = B = C`, or after a continuation's `=`: `B = C`. `after` is the `=` (with
    /// its annotation) the first expression follows, if any.
    pub(super) fn steps(
        &self,
        input: &'a str,
        mut after: Option<(&'a str, Option<&'a str>)>,
    ) -> LineResult<RowSteps> {
        let mut steps = Vec::new();
        let mut rest = input;
        // A continuation's leading `=` may itself set the equation (`&\overset{!}{=} 0`).
        let mut sets: Option<&'a str> = None;
        if let Some((equals, words)) = after {
            if self.sets_an_equation(words, input) {
                sets = Some(equals);
                after = Some((equals, None));
            }
        }
        loop {
            let (after_expr, expr) = match after {
                Some((equals, _)) => self.expr_after(rest, equals)?,
                None => self
                    .grammar
                    .top_expr(rest)
                    .map_err(|err| self.nom_error(err, "an expression"))?,
            };
            let line_idx = self.index.line_col(self.base, expr.span.start).line - 1;
            let mut annotations: Vec<Annotation> = after
                .and_then(|(_, words)| words)
                .map(|words| self.annotation(words))
                .into_iter()
                .collect();
            annotations.extend(self.grammar.take_annotations());
            let after_tail = self.tail(after_expr, &mut annotations, after.is_some())?;
            let step = Step {
                expr,
                line_idx,
                annotations,
            };
            let i = skip_ws(after_tail);
            if let Some(equals) = sets {
                // The value an equation is set to ends the row's chain.
                if !i.is_empty() {
                    let kind = SyntaxErrorKind::AfterSetEquation(equals.trim().to_string());
                    return Err(self.error(i, kind));
                }
                return Ok(RowSteps {
                    steps,
                    set_to: Some(step),
                    set_first: false,
                });
            }
            steps.push(step);
            if i.is_empty() {
                return Ok(RowSteps {
                    steps,
                    set_to: None,
                    set_first: false,
                });
            }
            let Some(equals) = annotated_equals(i) else {
                return Err(self.unexpected(i, "`=` or the end of the line"));
            };
            let written = consumed(i, equals.rest);
            if self.sets_an_equation(equals.annotation, equals.rest) {
                sets = Some(written);
                // The set `=` is the condition's, not a justification of a step.
                after = Some((written, None));
            } else {
                after = Some((written, equals.annotation));
            }
            rest = equals.rest;
        }
    }

    /// What may follow an expression before the next `=` or the end of the row: the
    /// author's annotations (kept) and sentence punctuation (dropped). Punctuation
    /// followed by more mathematics is a second equation; words followed by more
    /// mathematics are text inside a formula.
    pub(super) fn tail(
        &self,
        input: &'a str,
        annotations: &mut Vec<Annotation>,
        after_equals: bool,
    ) -> LineResult<&'a str> {
        let mut rest = input;
        loop {
            let i = skip_ws(rest);
            if i.is_empty() || annotated_equals(i).is_some() {
                return Ok(rest);
            }
            if let Some(after) = punctuation(i) {
                // `\log \sigma^2 = 2\log\sigma, \quad \sigma > 0.`: the step's premise.
                if after_equals && self.takes_condition_beside(skip_ws(after)) {
                    return Ok("");
                }
                // `f(x) = …, \quad x \in \mathbb{R}.`: where it holds, every real.
                let every_real = after_equals
                    .then(|| crate::syntax::annotation::every_real(after))
                    .flatten();
                if let Some(end) = every_real {
                    let whole = consumed(skip_ws(after), end);
                    annotations.push(self.annotation(whole.trim_end()));
                    rest = end;
                    continue;
                }
                if !only_trailing_matter(after) {
                    if !after_equals {
                        // `a, b = c`: a stray separator, said as such by the caller.
                        return Ok(rest);
                    }
                    let mark = &i[..i.len() - after.len()];
                    return Err(self.error(mark, SyntaxErrorKind::SeveralEquations));
                }
                rest = after;
                continue;
            }
            let wide = has_wide_space(consumed(rest, i));
            if let Some((after, written)) = annotation(i, wide) {
                // `\quad (\sigma > 0)`, `\qquad \text{for } a, b > 0`: a premise.
                let bracketed = written
                    .strip_prefix(['(', '['])
                    .filter(|_| only_trailing_matter(after))
                    .map(|inside| &inside[..inside.len() - 1]);
                if let Some(inside) = bracketed {
                    if self.takes_condition_beside(skip_ws(inside)) {
                        rest = after;
                        continue;
                    }
                }
                if is_premise_text(written) && self.takes_condition_beside(skip_ws(after)) {
                    return Ok("");
                }
                if let Some(end) = crate::syntax::annotation::vacuous_condition(written, after) {
                    // `\quad \text{for } x \in \mathbb{R}`: true of every real, so the
                    // author's words, not a condition on the step.
                    let whole = consumed(i, end);
                    annotations.push(self.annotation(whole.trim_end()));
                    rest = end;
                    continue;
                }
                annotations.push(self.annotation(written));
                if !only_trailing_matter(after) && annotated_equals(skip_ws(after)).is_none() {
                    let kind = SyntaxErrorKind::TextInFormula;
                    return Err(self.error(written, kind));
                }
                rest = after;
                continue;
            }
            return Ok(rest);
        }
    }

    /// An annotation written as `written`.
    pub(super) fn annotation(&self, written: &'a str) -> Annotation {
        Annotation {
            text: display_text(written),
            span: span_in(self.base, written),
        }
    }

    /// Whether `text`, the rest of the row or of a bracket beside a step, is a
    /// positivity condition (`\sigma > 0`, `a, b > 0`, after premise words such as
    /// `\text{for }`); if so, it is taken into the parser's conditions as the
    /// assumption it states, for the document to place as `assume` (a condition in the
    /// prose is one too, for the whole file).
    fn takes_condition_beside(&self, text: &'a str) -> bool {
        let text = match annotation(text, false) {
            Some((after, written)) if is_premise_text(written) => skip_ws(after),
            _ => text,
        };
        if !crate::syntax::scan::is_positivity_condition(text) {
            return false;
        }
        let trimmed = text.trim_end().trim_end_matches([',', '.', ';']).trim_end();
        match self.assumption(&text[..0], trimmed) {
            Ok(assumption) => {
                self.conditions.borrow_mut().push(assumption);
                true
            }
            Err(_) => false,
        }
    }

    /// `0 = …` at the start of `input`: the zero as a step, the plain `=` after it and
    /// the rest. Only a `0` standing alone before a plain `=` (`0.5 =`, `0 x =` and
    /// `0 \overset{!}{=}` are not this).
    fn zero_then_equals(&self, input: &'a str) -> Option<(Step, &'a str, &'a str)> {
        let start = skip_ws(input);
        let (after_zero, "0") = number(start).ok()? else {
            return None;
        };
        let equals = annotated_equals(skip_ws(after_zero))?;
        if equals.annotation.is_some() {
            return None;
        }
        let (_, expr) = self.grammar.top_expr(start).ok()?;
        if !matches!(&expr.kind, ExprKind::Number(n) if n == "0") {
            return None;
        }
        let step = Step {
            line_idx: self.index.line_col(self.base, expr.span.start).line - 1,
            expr,
            annotations: Vec::new(),
        };
        let written = consumed(skip_ws(after_zero), equals.rest);
        Some((step, written, equals.rest))
    }

    /// Whether the `=` written with `words` over it, before `rest`, sets an equation:
    /// its words say so (`\overset{!}{=}`, see [`sets_an_equation`]), or the prose set
    /// this row to zero ([`RowKind::MathSetToZero`]) and what it is set to is `0`,
    /// the rest of the row.
    fn sets_an_equation(&self, words: Option<&str>, rest: &str) -> bool {
        match words {
            Some(words) => sets_an_equation(words),
            None => self.zero_is_set && is_zero_to_the_end(rest),
        }
    }
}

/// `0`, then nothing but punctuation or the author's words: the zero a row is set to.
fn is_zero_to_the_end(rest: &str) -> bool {
    match number(skip_ws(rest)) {
        Ok((after, "0")) => only_trailing_matter(after),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_zero_to_the_end;

    #[test]
    fn only_a_zero_ending_the_row_is_what_it_is_set_to() {
        for rest in [
            " 0",
            "0.",
            " 0, ",
            " 0 \\quad \\text{(first-order condition)}",
        ] {
            assert!(is_zero_to_the_end(rest), "{rest}");
        }
        for rest in [" 0.5", " 0 + x", " 01", " x", " 0 = y", " \\frac{0}{1}"] {
            assert!(!is_zero_to_the_end(rest), "{rest}");
        }
    }
}
