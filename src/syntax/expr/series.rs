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
//! **The range is written where the sum is, or once in the file.** `\sum_i x_i` and
//! `\sum_{i}` take the range the file's mathematics writes for `i` elsewhere
//! (`\sum_{i=1}^{n}`), when it writes exactly one (see `ranges`); with none, or two
//! different ones, they are refused, naming the construct. `\sum x_i` (no index) and a
//! range stated only in prose are refused: both bounds are needed for a value, and
//! guessing them from the words around is not reading.

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
                        let (index, after_index) = match braced(skip_ws(&i[1..])) {
                            Some((inside, after_brace)) if inside.contains('=') => {
                                range = Some(self.series_range(text, i, inside)?);
                                rest = after_brace;
                                continue;
                            }
                            // `\sum_{i}`: an index without its range.
                            Some((inside, after_brace)) => (inside, after_brace),
                            // `\sum_i`.
                            None => {
                                let script = skip_ws(&i[1..]);
                                let token = peek_token(script).text;
                                (token, &script[token.len()..])
                            }
                        };
                        let (found, bound) = self.range_written_elsewhere(text, i, index)?;
                        range = Some(found);
                        upper = Some(bound);
                        rest = after_index;
                        // The range is the file's: a bound written here too is refused.
                        if skip_ws(rest).starts_with('^') {
                            let written = self.text_through(text, skip_ws(rest));
                            return fail(written, SyntaxErrorKind::SeriesWithoutRange(text.into()));
                        }
                        break;
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

    /// `\sum_i` (`index` as written after `_`): the index and the bounds of the one
    /// range the file writes for it, parsed where they are written.
    fn range_written_elsewhere(
        &self,
        text: &'a str,
        underscore: &'a str,
        index: &'a str,
    ) -> Result<((Ident, Expr), Expr), nom::Err<PError<'a>>> {
        let written = self.text_through(text, &underscore[..1]);
        let no_index = || failure(written, SyntaxErrorKind::SeriesIndex(text.into()));
        let (after_name, raw) = raw_name(skip_ws(index)).map_err(|_| no_index())?;
        if raw.subscript.is_some() {
            return Err(no_index());
        }
        if !skip_ws(after_name).is_empty() {
            // `\sum_{i \in S}`: a range that is not one of integers from a bound.
            return Err(failure(
                written,
                SyntaxErrorKind::SeriesWithoutRange(text.into()),
            ));
        }
        let spelled: String = index.chars().filter(|c| !c.is_whitespace()).collect();
        let range = match ranges::range_of(self.base, &spelled) {
            Some(ranges::IndexRange::One(range)) => range,
            Some(ranges::IndexRange::Several(seen)) => {
                let kind = SyntaxErrorKind::SeriesRanges {
                    op: text.into(),
                    ranges: seen,
                };
                return Err(failure(written, kind));
            }
            None => {
                return Err(failure(
                    written,
                    SyntaxErrorKind::SeriesWithoutRange(text.into()),
                ))
            }
        };
        let lower_text = &self.base[range.lower];
        let (after_lower, lower) = self.expr(lower_text)?;
        let (_, upper) = self.script_argument(&self.base[range.caret..], '^')?;
        if !skip_ws(after_lower).is_empty() {
            return Err(failure(
                written,
                SyntaxErrorKind::SeriesWithoutRange(text.into()),
            ));
        }
        Ok(((self.ident(raw), lower), upper))
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
