//! `\sum_{i=1}^{n} body` and `\prod_{i=1}^{n} body`. (The accented names statistics
//! writes beside them, `\bar{x}` and `\hat{\mu}`, are names: see `lexeme::accented`.)
//!
//! **Where the body ends.** By the usual convention the body of `\sum` is the product
//! that follows it: it ends at the first `+` or `-` outside brackets, so
//! `\sum_{i=1}^n x_i^2 + c` is `(Σ x_i²) + c` and `\sum_{i=1}^n (x_i + c)` needs its
//! brackets. A term after the body that still names the index (`\sum_{i=1}^n x_i +
//! y_i`) is refused by resolution (the author meant it inside), never read as a free
//! name `y_i`.
//!
//! **The range is written where the sum is.** `\sum x_i` and `\sum_i x_i` (a range
//! stated elsewhere, in prose) are refused, naming the construct: both bounds are
//! needed for a value, and guessing them from the text around is not reading.

use super::*;
use crate::syntax::ast::SeriesOp;
use crate::syntax::lexeme::name as raw_name;

impl<'a> Grammar<'a> {
    /// `\sum_{i=lo}^{hi} body` (scripts in either order; `\limits` allowed).
    pub(super) fn series(
        &self,
        start: &'a str,
        text: &'a str,
        after: &'a str,
        op: SeriesOp,
        ctx: Ctx,
    ) -> PResult<'a, Atom> {
        self.nested(text, || {
            let i = skip_ws(after);
            let mut rest = command_named(i, "limits")
                .or_else(|| command_named(i, "nolimits"))
                .unwrap_or(i);
            let (mut range, mut upper) = (None, None);
            loop {
                let i = skip_ws(rest);
                match i.as_bytes().first() {
                    Some(b'_') if range.is_none() => {
                        let Some((inside, after_brace)) = braced(skip_ws(&i[1..])) else {
                            // `\sum_i`: an index without its range.
                            let written = self.text_through(text, &i[..1]);
                            return fail(written, SyntaxErrorKind::SeriesWithoutRange(text.into()));
                        };
                        range = Some(self.series_range(text, i, inside)?);
                        rest = after_brace;
                    }
                    Some(b'^') if upper.is_none() => {
                        let (after_script, bound) = self.script_argument(i, '^')?;
                        upper = Some(bound);
                        rest = after_script;
                    }
                    Some(b'_') => return fail(&i[..1], SyntaxErrorKind::DoubleSubscript),
                    Some(b'^') => return fail(&i[..1], SyntaxErrorKind::DoubleSuperscript),
                    _ => break,
                }
            }
            let (Some((index, lower)), Some(upper)) = (range, upper) else {
                let written = self.base[self.span(start, rest).range()].trim_end();
                return fail(written, SyntaxErrorKind::SeriesWithoutRange(text.into()));
            };
            self.indices.borrow_mut().push(index.key());
            let body = required(self.signed(rest, ctx, Self::product), text);
            self.indices.borrow_mut().pop();
            let (after_body, body) = body?;
            let kind = ExprKind::Series {
                op,
                index,
                lower: Box::new(lower),
                upper: Box::new(upper),
                body: Box::new(body),
            };
            Ok((after_body, self.node(kind, start, after_body).into()))
        })
    }

    /// The inside of `_{i=1}`: the index (a name without subscript) and the lower bound.
    fn series_range(
        &self,
        text: &'a str,
        underscore: &'a str,
        inside: &'a str,
    ) -> Result<(Ident, Expr), nom::Err<PError<'a>>> {
        let i = skip_ws(inside);
        let no_index = || {
            let written = self.text_through(text, &underscore[..1]);
            failure(written, SyntaxErrorKind::SeriesIndex(text.into()))
        };
        let Ok((after_name, raw)) = raw_name(i) else {
            return Err(no_index());
        };
        if raw.subscript.is_some() {
            return Err(no_index());
        }
        let Some(after_eq) = skip_ws(after_name).strip_prefix('=') else {
            let written = self.text_through(text, &underscore[..1]);
            return Err(failure(
                written,
                SyntaxErrorKind::SeriesWithoutRange(text.into()),
            ));
        };
        let index = self.ident(raw);
        let (rest, lower) = required(self.expr(after_eq), &inside[..0])?;
        if !skip_ws(rest).is_empty() {
            let found = peek_token(skip_ws(rest)).text.to_string();
            return Err(failure(
                skip_ws(rest),
                SyntaxErrorKind::Expected {
                    expected: "`}` after the lower bound".into(),
                    found,
                },
            ));
        }
        Ok((index, lower))
    }
}
