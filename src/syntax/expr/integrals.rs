//! Integrals as written: `\int_{lo}^{hi} body \, dx`, `\int_{\mathbb{R}}`, the
//! differential first (`\int dx\, p(x)\, x`), and the bounds.

use super::*;

impl<'a> Grammar<'a> {
    /// `\int_{lo}^{hi} body dx`: the body is a whole sum that ends at the differential.
    pub(super) fn integral(
        &self,
        start: &'a str,
        text: &'a str,
        after: &'a str,
    ) -> PResult<'a, Atom> {
        self.nested(text, || {
            let i = skip_ws(after);
            let i = command_named(i, "limits")
                .or_else(|| command_named(i, "nolimits"))
                .unwrap_or(i);
            let (i, bounds) = self.integral_bounds(text, i)?;
            let body_ctx = Ctx {
                in_integral: true,
                ..Ctx::default()
            };
            if let Ok((after_var, var)) = differential(skip_ws(i)) {
                return self.measure_first(start, text, after_var, var, bounds, body_ctx);
            }
            let (rest, body) = required(self.sum(i, body_ctx), text)?;
            if let Some(after_d) = compound_differential(skip_ws(rest)) {
                let (after, inner) = self.group(after_d)?;
                let kind = ExprKind::SubstitutedIntegral {
                    bounds,
                    body: Box::new(body),
                    differential: Box::new(inner.expr),
                };
                return Ok((after, self.node(kind, start, after).into()));
            }
            let (after_var, var) = match differential(skip_ws(rest)) {
                Ok(found) => found,
                Err(nom::Err::Failure(failure)) => return Err(nom::Err::Failure(failure)),
                Err(_) => return fail(text, SyntaxErrorKind::MissingDifferential),
            };
            let body = Box::new(body);
            let var = self.ident(var);
            let kind = ExprKind::Integral { bounds, body, var };
            Ok((after_var, self.node(kind, start, after_var).into()))
        })
    }

    /// `\int dx\, p(x)\, x`, the physicists' order: the differential first, then the
    /// integrand, which is the product that follows. A sum after it has no agreed
    /// extent (is `+ g(x)` integrated too?), so it is an error, as is a second
    /// differential.
    fn measure_first(
        &self,
        start: &'a str,
        text: &'a str,
        after_var: &'a str,
        var: RawName<'a>,
        bounds: Option<(Box<Expr>, Box<Expr>)>,
        body_ctx: Ctx,
    ) -> PResult<'a, Atom> {
        let (rest, body) = required(self.product(after_var, body_ctx), text)?;
        let tail = skip_ws(rest);
        if differential(tail).is_ok() {
            return fail(text, SyntaxErrorKind::TwoDifferentials);
        }
        if tail.starts_with(['+', '-']) || tail.starts_with("\\pm") || tail.starts_with("\\mp") {
            let written = &self.base[self.span(text, rest).range()];
            return fail(written, SyntaxErrorKind::IntegralExtent);
        }
        let var = self.ident(var);
        let kind = ExprKind::Integral {
            bounds,
            body: Box::new(body),
            var,
        };
        Ok((rest, self.node(kind, start, rest).into()))
    }

    /// `_{lo}^{hi}` in either order, or nothing; one bound alone is an error.
    #[allow(clippy::type_complexity)]
    pub(super) fn integral_bounds(
        &self,
        text: &'a str,
        input: &'a str,
    ) -> PResult<'a, Option<(Box<Expr>, Box<Expr>)>> {
        if let Some((line, after)) = real_line(skip_ws(input)) {
            // `\int_{\mathbb{R}}`: over the whole real line.
            let infinity = self.node(ExprKind::Infinity, line, after);
            let minus = self.node(ExprKind::Neg(Box::new(infinity.clone())), line, after);
            return Ok((after, Some((Box::new(minus), Box::new(infinity)))));
        }
        let (mut lower, mut upper) = (None, None);
        let mut rest = input;
        loop {
            let i = skip_ws(rest);
            let (slot, script, twice) = match i.as_bytes().first() {
                Some(b'_') => (&mut lower, '_', SyntaxErrorKind::DoubleSubscript),
                Some(b'^') => (&mut upper, '^', SyntaxErrorKind::DoubleSuperscript),
                _ => break,
            };
            if slot.is_some() {
                return fail(&i[..1], twice);
            }
            let (after, bound) = self.script_argument(i, script)?;
            *slot = Some(Box::new(bound));
            rest = after;
        }
        match (lower, upper) {
            (Some(lower), Some(upper)) => Ok((rest, Some((lower, upper)))),
            (None, None) => Ok((rest, None)),
            _ => {
                let written = &self.base[self.span(text, rest).range()];
                fail(written, SyntaxErrorKind::MissingBound)
            }
        }
    }
}

/// `_{\mathbb{R}}` (also `_\mathbb{R}`, `_{\mathbb R}`, `_{\R}`) after an integral: the
/// script as written (for the span) and what follows it. A script with anything more
/// (`\mathbb{R}^n`, `\mathbb{R}_+`) is not the real line (see `lexeme::reals`) and is
/// left to the bounds.
fn real_line(input: &str) -> Option<(&str, &str)> {
    let script = input.strip_prefix('_')?;
    let body = skip_ws(script);
    let (inner, after) = match body.strip_prefix('{') {
        Some(_) => {
            let (inner, after) = braced(body)?;
            (inner.trim(), after)
        }
        None => (body, ""),
    };
    let rest = crate::syntax::lexeme::reals(inner)?;
    if body.starts_with('{') && !rest.trim().is_empty() {
        return None;
    }
    let after = if body.starts_with('{') { after } else { rest };
    Some((&input[..input.len() - after.len()], after))
}
