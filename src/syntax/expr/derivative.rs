//! Derivatives in Leibniz notation and evaluation at a point:
//! `\frac{d}{dx} f`, `\frac{\mathrm{d}}{\mathrm{d}t}`, `\frac{\partial}{\partial \mu}`,
//! `\frac{\partial^2}{\partial \mu^2} f`, `\frac{df}{dx}`, `\frac{\partial^2 \ell}{\partial \mu^2}`,
//! and `f \Big|_{t=0}` (also `\big|`, `\bigg|`, `\Bigg|`, `\right|` after `\left.`, `|`).
//!
//! With the operator form the function differentiated is the product that follows, as
//! with an integral written differential first: a sum after it has no agreed extent
//! (is `+ 1` differentiated too?) and is refused, unless the product is one bracket.
//! A derivative in a square, `\frac{\partial}{\partial \sigma^2}` (also `(\sigma^2)^2` at
//! order 2), is the derivative in v = σ² as MLE notes write it: by the chain rule
//! (1/(2σ)) d/dσ, one tree both opinions read, undefined at σ = 0.
//! What is not read is refused by name: mixed partials (`\partial\mu\partial\sigma`),
//! a derivative with respect to another power (`\frac{d}{d\sigma^3}`), orders that do not
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
        // `d\sigma^2` under a `d^2` is the second derivative in σ, read below.
        let square = in_square(after_bottom)
            .filter(|&(_, order, bracketed)| bracketed || order == top_order);
        if let Some((var, in_square_order, _)) = square {
            // `\partial \sigma^2`, `d(\sigma^2)^2`: a derivative in v = σ², read by the
            // chain rule as (1/(2σ)) d/dσ, applied once per order; the orders must match.
            if top_order != in_square_order || !(1..=2).contains(&top_order) {
                return refuse(
                    "a derivative with respect to a square, read only at orders 1 and 2 written alike \
                     (`\\frac{\\partial}{\\partial \\sigma^2}`, \
                     `\\frac{\\partial^2}{\\partial (\\sigma^2)^2}` are read)",
                );
            }
            let (rest, body) = self.derivative_body(written, operand, rest, ctx)?;
            let var = self.ident(var);
            let square = span_in(self.base, denominator);
            let mut body = body;
            for _ in 0..top_order {
                body = in_square_step(var.clone(), body, square, self.span(start, rest));
            }
            return Ok((rest, body.into()));
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
                "a derivative with respect to a power other than a square (`d\\sigma^3`)"
            } else {
                "the orders above and below do not match"
            });
        }
        if top_order == 0 || top_order > MAX_ORDER {
            return refuse("its order is above 4");
        }
        let var = self.ident(var);
        let (rest, body) = self.derivative_body(written, operand, rest, ctx)?;
        let kind = ExprKind::Derivative {
            var,
            order: top_order,
            body: Box::new(body),
        };
        Ok((rest, self.node(kind, start, rest).into()))
    }

    /// What a Leibniz derivative differentiates: its numerator's operand
    /// (`\frac{\partial \ell}{…}`), or else the product after it.
    fn derivative_body(
        &self,
        written: &'a str,
        operand: &'a str,
        rest: &'a str,
        ctx: Ctx,
    ) -> PResult<'a, Expr> {
        let operand = skip_ws(operand);
        if operand.is_empty() {
            return self.operand_product(written, rest, ctx, SyntaxErrorKind::DerivativeExtent);
        }
        let (left, body) = required(self.sum(operand, Ctx::default()), written)?;
        if !skip_ws(left).is_empty() {
            return fail(
                written,
                SyntaxErrorKind::Derivative("its numerator is not one expression".into()),
            );
        }
        Ok((rest, body))
    }

    /// The product after an operator (`\frac{d}{dx}`, `\lim_{x\to\infty}`, `written`);
    /// a sum after it is refused (as `extent`) unless the product is one bracket.
    pub(super) fn operand_product(
        &self,
        written: &'a str,
        input: &'a str,
        ctx: Ctx,
        extent: SyntaxErrorKind,
    ) -> PResult<'a, Expr> {
        let (rest, body) = required(self.product(input, ctx), written)?;
        let tail = skip_ws(rest);
        let text = &self.base[body.span.range()];
        let one_bracket = (text.starts_with(['(', '[']) || text.starts_with("\\left"))
            && !matches!(body.kind, ExprKind::Mul(..) | ExprKind::Div(..));
        if !one_bracket && (tail.starts_with(['+', '-']) || tail.starts_with("\\pm")) {
            let through = &self.base[self.span(written, rest).range()];
            return fail(through, extent);
        }
        Ok((rest, body))
    }

    /// `\left. F \right|_{a}^{b}` (or `\right|_{t=0}`), from just past the dot: the
    /// evaluation of all of `F`, which the invisible `\left.` delimits. Anything else
    /// after `\left.` is refused: it has no other reading here.
    pub(super) fn left_dot_evaluation(
        &self,
        start: &'a str,
        text: &'a str,
        after_dot: &'a str,
    ) -> PResult<'a, Atom> {
        let inner_ctx = Ctx {
            in_left_dot: true,
            ..Ctx::default()
        };
        let written = consumed(start, after_dot);
        let (rest, inner) = match self.nested(text, || self.sum(after_dot, inner_ctx)) {
            Ok(found) => found,
            Err(nom::Err::Error(_)) => return fail(written, SyntaxErrorKind::LeftDot),
            Err(e) => return Err(e),
        };
        let bar = skip_ws(rest);
        if !starts_right_bar(bar) || !starts_evaluation(bar) {
            return fail(written, SyntaxErrorKind::LeftDot);
        }
        let (after, mut evaluated) = self.evaluated_at(inner, bar)?;
        evaluated.span = self.span(start, after);
        Ok((after, evaluated.into()))
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
        if let Some(between) = self.limits_after(skip_ws(after_bar))? {
            return Ok(self.between(body, between, input));
        }
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

/// The limits of an evaluation between two points: `_{a}^{b}` or `^{b}_{a}`, each
/// `value` or `var = value`; the variable, when written, must be the same.
pub(super) struct Limits<'a> {
    var: Option<RawName<'a>>,
    lower: Expr,
    upper: Expr,
    rest: &'a str,
}

impl<'a> Grammar<'a> {
    /// `_{a}^{b}` (either order) at `input`, if both scripts are there.
    pub(super) fn limits_after(
        &self,
        input: &'a str,
    ) -> Result<Option<Limits<'a>>, nom::Err<PError<'a>>> {
        let i = skip_ws(input);
        let (first, second) = match i.as_bytes().first() {
            Some(b'_') => ('_', '^'),
            Some(b'^') => ('^', '_'),
            _ => return Ok(None),
        };
        let (after_first, (var_a, a)) = self.limit(i)?;
        let j = skip_ws(after_first);
        if !j.starts_with(second) {
            if first == '_' {
                // `_{t=0}` alone: a point, read by the caller.
                return Ok(None);
            }
            return fail(consumed(i, after_first), SyntaxErrorKind::EvaluationPoint)
                .map(|(_, ()): (&str, ())| None);
        }
        let (rest, (var_b, b)) = self.limit(j)?;
        let var = match (var_a, var_b) {
            (Some(v), Some(w)) if v.base != w.base || v.subscript != w.subscript => {
                return fail(consumed(i, rest), SyntaxErrorKind::EvaluationPoint)
                    .map(|(_, ()): (&str, ())| None)
            }
            (Some(v), _) | (None, Some(v)) => Some(v),
            (None, None) => None,
        };
        let (lower, upper) = if first == '_' { (a, b) } else { (b, a) };
        Ok(Some(Limits {
            var,
            lower,
            upper,
            rest,
        }))
    }

    /// One script of an evaluation: `_{x=a}`, `_{a}`, `_0`.
    fn limit(&self, at: &'a str) -> PResult<'a, (Option<RawName<'a>>, Expr)> {
        let after_mark = skip_ws(&at[1..]);
        if let Some((inside, rest)) = braced(after_mark) {
            if let Ok((after_var, var)) = name(skip_ws(inside)) {
                if let Some(value) = skip_ws(after_var).strip_prefix('=') {
                    let (left, value) = required(self.sum(value, Ctx::default()), &at[..1])?;
                    if !skip_ws(left).is_empty() {
                        return fail(consumed(at, rest), SyntaxErrorKind::EvaluationPoint);
                    }
                    return Ok((rest, (Some(var), value)));
                }
            }
        }
        let script = at.as_bytes()[0] as char;
        let (rest, value) = self.script_argument(at, script)?;
        Ok((rest, (None, value)))
    }

    /// `body` between the limits.
    pub(super) fn between(
        &self,
        body: Expr,
        limits: Limits<'a>,
        input: &'a str,
    ) -> (&'a str, Expr) {
        let Limits {
            var,
            lower,
            upper,
            rest,
        } = limits;
        let span = body
            .span
            .join(span_in(self.base, consumed(skip_ws(input), rest)));
        let kind = ExprKind::Between {
            body: Box::new(body),
            var: var.map(|v| self.ident(v)),
            lower: Box::new(lower),
            upper: Box::new(upper),
        };
        (rest, Expr { kind, span })
    }
}

/// Whether a group's text is a square bracket: `[…]`, `\left[…\right]`, `\Big[…\Big]`.
pub(super) fn is_square_group(text: &str) -> bool {
    let text = ["\\left", "\\Bigg", "\\bigg", "\\Big", "\\big"]
        .iter()
        .find_map(|size| text.strip_prefix(size))
        .map(|rest| rest.strip_prefix('l').unwrap_or(rest))
        .unwrap_or(text);
    let text = skip_ws(text);
    (text.starts_with('[') || text.starts_with("\\lbrack")) && !text.starts_with("[[")
}

/// Whether `input` starts with `\right|` (or `\right\vert`): the bar that closes `\left.`.
pub(super) fn starts_right_bar(input: &str) -> bool {
    input.starts_with("\\right") && evaluation_bar(input).is_some()
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

/// The denominator's variable when it is a square, `\sigma^2`, `\sigma_j^{2}` (order 1)
/// or `(\sigma^2)`, `(\sigma^2)^2`, `\left(\sigma^2\right)^2` (order 1 or the outer
/// power): the name squared and the order of the derivative it asks for. Anything
/// else after the name (`\sigma^3`, `\sigma^2 \partial\mu`) is not a square here.
pub(super) fn in_square(after_differential: &str) -> Option<(RawName<'_>, u32, bool)> {
    let t = skip_ws(after_differential);
    let bracketed = t.starts_with('(') || t.starts_with("\\left(");
    let (inner, outer) =
        if let Some(open) = t.strip_prefix("\\left(").or_else(|| t.strip_prefix('(')) {
            let (after_name, var) = name(skip_ws(open)).ok()?;
            let (power, after_power) = order(after_name)?;
            let after_power = skip_ws(after_power);
            let close = after_power
                .strip_prefix("\\right)")
                .or_else(|| after_power.strip_prefix(')'))?;
            let (outer, tail) = order(close)?;
            if !skip_ws(tail).is_empty() || power != 2 {
                return None;
            }
            ((var, power), outer)
        } else {
            let (after_name, var) = name(t).ok()?;
            let (power, tail) = order(after_name)?;
            if !skip_ws(tail).is_empty() || power != 2 {
                return None;
            }
            ((var, power), 1)
        };
    let ((var, _), outer) = (inner, outer);
    Some((var, outer, bracketed))
}

/// One derivative in v = `var`² by the chain rule: d/dv f = (d/d`var` f) / (2·`var`),
/// which holds on either side of 0 (there v = var² is invertible) and is undefined at
/// `var` = 0, where the division says so to both opinions.
fn in_square_step(var: Ident, body: Expr, square: Span, whole: Span) -> Expr {
    let derivative = Expr {
        kind: ExprKind::Derivative {
            var: var.clone(),
            order: 1,
            body: Box::new(body),
        },
        span: whole,
    };
    let two = Expr {
        kind: ExprKind::Number("2".into()),
        span: square,
    };
    let var = Expr {
        span: square,
        kind: ExprKind::Ident(var),
    };
    let twice = Expr {
        kind: ExprKind::Mul(Box::new(two), Box::new(var), MulSign::Implicit),
        span: square,
    };
    Expr {
        kind: ExprKind::Div(Box::new(derivative), Box::new(twice), DivSign::Frac),
        span: whole,
    }
}
