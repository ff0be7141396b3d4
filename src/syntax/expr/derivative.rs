//! Derivatives in Leibniz notation and evaluation at a point:
//! `\frac{d}{dx} f`, `\frac{\mathrm{d}}{\mathrm{d}t}`, `\frac{\partial}{\partial \mu}`,
//! `\frac{\partial^2}{\partial \mu^2} f`, `\frac{df}{dx}`, `\frac{\partial^2 \ell}{\partial \mu^2}`,
//! and `f \Big|_{t=0}` (also `\big|`, `\bigg|`, `\Bigg|`, `\right|` after `\left.`, `|`).
//!
//! With the operator form the function differentiated is the product that follows, as
//! with an integral written differential first: a sum after it has no agreed extent
//! (is `+ 1` differentiated too?) and is refused, unless the product is one bracket.
//! What is not read is refused by name: mixed partials (`\partial\mu\partial\sigma`),
//! a derivative with respect to a power (`\frac{d}{d\sigma^2}`), orders that do not
//! match (`\frac{d^2}{dx}`), orders above [`MAX_ORDER`].

use super::*;

/// The highest order of derivative read.
pub const MAX_ORDER: u32 = 4;

/// The differential at the start of a numerator or denominator: `d`, `\mathrm{d}`,
/// `\partial`, …; whether it is a partial, and what follows it.
fn strip_differential(text: &str) -> Option<(bool, &str)> {
    let text = text.trim_start();
    if let Some(rest) = text.strip_prefix("\\partial") {
        return Some((true, rest));
    }
    let upright = [
        "\\mathrm{d}",
        "\\text{d}",
        "\\operatorname{d}",
        "\\mathrm d",
        "\\rd",
    ];
    upright
        .iter()
        .find_map(|d| text.strip_prefix(d))
        .or_else(|| text.strip_prefix('d'))
        .map(|rest| (false, rest))
}

/// `^2`, `^{2}` at the start of `text`: the order and what follows; order 1 without.
fn order(text: &str) -> Option<(u32, &str)> {
    let t = skip_ws(text);
    let Some(after) = t.strip_prefix('^') else {
        return Some((1, text));
    };
    let after = skip_ws(after);
    let (digits, rest) = match after.strip_prefix('{') {
        Some(inside) => {
            let end = inside.find('}')?;
            (inside[..end].trim(), &inside[end + 1..])
        }
        None => after.split_at(
            after
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(after.len()),
        ),
    };
    digits.parse().ok().map(|n| (n, rest))
}

impl<'a> Grammar<'a> {
    /// `\frac{numerator}{denominator}` that is a Leibniz derivative, `rest` after it.
    pub(super) fn leibniz(
        &self,
        start: &'a str,
        numerator: &'a str,
        denominator: &'a str,
        rest: &'a str,
        ctx: Ctx,
    ) -> PResult<'a, Atom> {
        let written = consumed(start, rest);
        let refuse = |why: &str| fail(written, SyntaxErrorKind::Derivative(why.into()));
        let Some((partial_top, after_top)) = strip_differential(numerator) else {
            return refuse("its numerator does not start with a differential");
        };
        let Some((top_order, operand)) = order(after_top) else {
            return refuse("its order is not a number");
        };
        let Some((partial_bottom, after_bottom)) = strip_differential(denominator) else {
            return refuse("its denominator does not start with a differential");
        };
        if partial_top != partial_bottom {
            return refuse("a `d` over a `\\partial` (or the other way round)");
        }
        let Ok((after_var, var)) = name(skip_ws(after_bottom)) else {
            return refuse("no variable after the differential in the denominator");
        };
        let Some((bottom_order, tail)) = order(after_var) else {
            return refuse("its order is not a number");
        };
        if !skip_ws(tail).is_empty() {
            return refuse(
                "its denominator is more than one variable (a mixed partial, or a product)",
            );
        }
        if top_order != bottom_order {
            return refuse(if top_order == 1 {
                "a derivative with respect to a power (`d\\sigma^2`)"
            } else {
                "the orders above and below do not match"
            });
        }
        if top_order == 0 || top_order > MAX_ORDER {
            return refuse("its order is above 4");
        }
        let var = self.ident(var);
        let operand = skip_ws(operand);
        let (rest, body) = if operand.is_empty() {
            self.differentiated_product(written, rest, ctx)?
        } else {
            let (left, body) = required(self.sum(operand, Ctx::default()), written)?;
            if !skip_ws(left).is_empty() {
                return refuse("its numerator is not one expression");
            }
            (rest, body)
        };
        let kind = ExprKind::Derivative {
            var,
            order: top_order,
            body: Box::new(body),
        };
        Ok((rest, self.node(kind, start, rest).into()))
    }

    /// The product after `\frac{d}{dx}`; a sum after it is refused unless the product
    /// is one bracket.
    fn differentiated_product(
        &self,
        written: &'a str,
        input: &'a str,
        ctx: Ctx,
    ) -> PResult<'a, Expr> {
        let (rest, body) = required(self.product(input, ctx), written)?;
        let tail = skip_ws(rest);
        let text = &self.base[body.span.range()];
        let one_bracket = (text.starts_with(['(', '[']) || text.starts_with("\\left"))
            && !matches!(body.kind, ExprKind::Mul(..) | ExprKind::Div(..));
        if !one_bracket && (tail.starts_with(['+', '-']) || tail.starts_with("\\pm")) {
            let through = &self.base[self.span(written, rest).range()];
            return fail(through, SyntaxErrorKind::DerivativeExtent);
        }
        Ok((rest, body))
    }

    /// `\Big|_{t=0}` after `body`: the value of `body` at that point.
    pub(super) fn evaluated_at(&self, body: Expr, input: &'a str) -> PResult<'a, Expr> {
        let Some(after_bar) = evaluation_bar(skip_ws(input)) else {
            return Ok((input, body));
        };
        let Some(inside_start) = skip_ws(after_bar).strip_prefix('_') else {
            return Ok((input, body));
        };
        let written = consumed(skip_ws(input), after_bar);
        let Some((inside, rest)) = braced(skip_ws(inside_start)) else {
            return fail(written, SyntaxErrorKind::EvaluationPoint);
        };
        let Ok((after_var, var)) = name(skip_ws(inside)) else {
            return fail(written, SyntaxErrorKind::EvaluationPoint);
        };
        let Some(value_text) = skip_ws(after_var).strip_prefix('=') else {
            return fail(written, SyntaxErrorKind::EvaluationPoint);
        };
        let (left, at) = required(self.sum(value_text, Ctx::default()), written)?;
        if !skip_ws(left).is_empty() {
            return fail(written, SyntaxErrorKind::EvaluationPoint);
        }
        if skip_ws(rest).starts_with('^') {
            // `\Big|_{a}^{b}`: an evaluation between two limits, not read yet.
            return fail(written, SyntaxErrorKind::EvaluationPoint);
        }
        let var = self.ident(var);
        let span = body
            .span
            .join(span_in(self.base, consumed(skip_ws(input), rest)));
        let kind = ExprKind::At {
            body: Box::new(body),
            var,
            at: Box::new(at),
        };
        Ok((rest, Expr { kind, span }))
    }
}

/// Whether `input` starts with an evaluation bar and its subscript, `\Big|_{…}`: the
/// end of the expression it evaluates, never a factor.
pub(super) fn starts_evaluation(input: &str) -> bool {
    evaluation_bar(input).is_some_and(|after| skip_ws(after).starts_with('_'))
}

/// The bar of an evaluation: `|`, `\vert`, `\big|`, `\Big|`, `\bigg|`, `\Bigg|`,
/// `\right|`, `\bigr|`, …; what follows it.
fn evaluation_bar(input: &str) -> Option<&str> {
    let sized = ["\\Bigg", "\\bigg", "\\Big", "\\big", "\\right"]
        .iter()
        .find_map(|size| input.strip_prefix(size))
        .map(|rest| rest.strip_prefix('r').unwrap_or(rest))
        .unwrap_or(input);
    let sized = skip_ws(sized);
    sized
        .strip_prefix('|')
        .or_else(|| sized.strip_prefix("\\vert"))
}
