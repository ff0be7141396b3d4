//! The expression grammar: LaTeX formulas of the supported subset into [`Expr`] trees.
//!
//! Precedence, loosest first: `+`/`-` (left-associative), then explicit `*`, `\cdot`,
//! `\times` and `/` between terms, then juxtaposition inside a term (`2\pi\sigma`),
//! then a factor with its `^`/`_` scripts. A leading sign applies to the whole product
//! after it. `\log`, `\ln` and `\exp` take a bracketed group or the rest of the term.
//!
//! The grammar never decides what a name means (a call and a product look the same), it
//! does not read lines or directives (see `line`), and it does not stop at `=`: the
//! caller decides what may follow an expression. Every recursive construct goes through
//! [`Grammar::nested`], so deep input fails with an error instead of overflowing the stack.

use std::cell::{Cell, RefCell};

use crate::source::Span;
use crate::syntax::annotation::{annotation, has_wide_space, only_trailing_matter};
use crate::syntax::ast::{Annotation, Builtin, DivSign, Expr, ExprKind, Ident, MulSign};
use crate::syntax::children;

mod absolute;
mod atoms;
mod braces;
mod commands;
mod derivative;
mod factorials;
mod integrals;
mod limits;
mod linear;
mod moments;
mod primes;
mod proofwiki;
pub(crate) mod ranges;
mod readings;
mod series;
#[cfg(test)]
mod tests;
use crate::syntax::error::{
    fail, failure, soft, span_in, PError, PResult, SyntaxErrorKind, MAX_NESTING, MAX_TREE_DEPTH,
};
use crate::syntax::lexeme::{
    annotated_equals, braced, callee_word, closer, closes, command, command_named,
    compound_differential, consumed, differential, first_char, greek_letter, is_big_command,
    is_word_command, name, named_run, number, opener, peek_token, relation, skip_ws, subscript,
    word, Delim, RawName, Shape, Sizing, TokenKind,
};

/// What the surrounding construct means for the current expression.
#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    /// Inside an integral's body (and not inside brackets there): `d` followed by a
    /// name is the differential, which ends the body.
    in_integral: bool,
    /// Inside a call's arguments (and not inside brackets there): `\|`, `||` and
    /// `\mid` separate arguments (`KL(p \| q)`, `p(x \mid \mu)`) instead of being
    /// absolute values.
    in_arguments: bool,
    /// Inside a norm `\|…\|` (and not inside brackets there): `\|` closes it.
    in_norm: bool,
    /// After `\left.` (and not inside brackets there): the bar `\right|` ends the sum;
    /// the evaluation it starts is applied to all of it, not to its last term.
    in_left_dot: bool,
    /// Inside an absolute value (and not inside brackets there): its closer ends it.
    in_abs: Option<absolute::Bars>,
    /// At the first factor of a term, where an operand must start: a bar there opens
    /// an absolute value, even inside arguments or another absolute value.
    leading: bool,
    /// The term so far holds a bar and its last factor is no absolute value: a bar
    /// juxtaposed after it has two readings (`|a| b |c|`; after `|a|` itself, as in
    /// `|a| |b|`, the other reading would need an empty pair of bars).
    after_bars: bool,
}

/// How a group was opened: what closes it and how to talk about it.
struct Opening<'a> {
    delim: Delim,
    /// The opener as written, underlined if it is never closed.
    text: &'a str,
    /// The opener as named in messages (`(`, `\frac{`).
    label: String,
    /// Whether the brackets belong to the span of the expression inside: yes for
    /// grouping brackets, no for a command's braces (`\frac{a}{b}`'s `a` is just `a`).
    widen: bool,
}

const BRACES: Delim = Delim {
    shape: Shape::Group,
    sizing: Sizing::Plain,
};
const SQUARE: Delim = Delim {
    shape: Shape::Square,
    sizing: Sizing::Plain,
};

/// A parsed atom; a function applied to a bracketed argument remembers its name, since
/// a power after it (`\log(x)^2`) would be ambiguous.
struct Atom {
    expr: Expr,
    bracketed_function: Option<String>,
}

impl From<Expr> for Atom {
    fn from(expr: Expr) -> Self {
        Atom {
            expr,
            bracketed_function: None,
        }
    }
}

/// An explicit operator between terms.
#[derive(Debug, Clone, Copy)]
enum ExplicitOp {
    Mul(MulSign),
    Div,
}

/// The state of one parse: the text spans are measured against, and the nesting depth.
pub(crate) struct Grammar<'a> {
    base: &'a str,
    depth: Cell<usize>,
    /// Annotations met inside expressions (`\underbrace{…}_{\text{…}}`), taken by the
    /// row parser for the step they are in.
    annotations: RefCell<Vec<Annotation>>,
    /// What braces claim of the part they mark (`\underbrace{[-z\varphi(z)]_{-\infty}^{\infty}}_{=0}`):
    /// the part and the value, each a claim checked as a step of its own.
    side_claims: RefCell<Vec<(Expr, Expr)>>,
    /// The indices of the sums whose body is being parsed: inside `\sum_{i=1}^{n}`,
    /// `i` is the index, not the imaginary unit.
    indices: RefCell<Vec<String>>,
}

/// Whether `at` (reached from `before` over layout) starts `\quad (3)` at the end of
/// a row: a bracketed label after wide space, not a factor or an argument.
fn is_row_label(before: &str, at: &str) -> bool {
    has_wide_space(consumed(before, at))
        && annotation(at, true).is_some_and(|(rest, _)| only_trailing_matter(rest))
}

/// "`\command` needs an argument here", pointing at the command as written.
fn missing_argument<'a, T>(command: &'a str) -> PResult<'a, T> {
    let kind = SyntaxErrorKind::MissingArgument {
        command: command.to_string(),
    };
    fail(command, kind)
}

/// Turns "nothing here" into "an operand was required after `after`".
fn required<'a, T>(result: PResult<'a, T>, after: &'a str) -> PResult<'a, T> {
    match result {
        Err(nom::Err::Error(_)) => fail(
            after,
            SyntaxErrorKind::MissingOperand {
                after: after.to_string(),
            },
        ),
        other => other,
    }
}

/// A binary node spanning from its left operand to its right one.
fn boxed(kind: impl FnOnce(Box<Expr>, Box<Expr>) -> ExprKind, lhs: Expr, rhs: Expr) -> Expr {
    let span = lhs.span.join(rhs.span);
    Expr {
        kind: kind(Box::new(lhs), Box::new(rhs)),
        span,
    }
}

/// The function a command names, if it is one of the supported ones.
fn builtin(name: &str) -> Option<Builtin> {
    match name {
        "log" => Some(Builtin::Log),
        "ln" => Some(Builtin::Ln),
        "exp" => Some(Builtin::Exp),
        "erf" => Some(Builtin::Erf),
        "tr" | "Tr" | "trace" | "det" => Some(if name == "det" {
            Builtin::Det
        } else {
            Builtin::Trace
        }),
        "erfc" => Some(Builtin::Erfc),
        _ => None,
    }
}

/// Commands that end a term instead of starting a factor.
fn is_stop_command(name: &str) -> bool {
    matches!(
        name,
        "right" | "}" | "rbrace" | "rbrack" | "rangle" | "cdot" | "times" | "\\"
    )
}

/// Commands that write `|x|`: rejected with a specific message.
fn is_absolute_value_command(name: &str) -> bool {
    matches!(
        name,
        "|" | "vert" | "lvert" | "rvert" | "Vert" | "lVert" | "rVert" | "mid"
    )
}

/// `*`, `/`, `\cdot` or `\times` after whitespace: (rest, operator text, operator).
fn explicit_operator(input: &str) -> Option<(&str, &str, ExplicitOp)> {
    let i = skip_ws(input);
    let (rest, op) = if let Some(rest) = i.strip_prefix('*') {
        (rest, ExplicitOp::Mul(MulSign::Star))
    } else if let Some(rest) = i.strip_prefix('/') {
        (rest, ExplicitOp::Div)
    } else if let Some(rest) = command_named(i, "cdot") {
        (rest, ExplicitOp::Mul(MulSign::Cdot))
    } else if let Some(rest) = command_named(i, "times") {
        (rest, ExplicitOp::Mul(MulSign::Times))
    } else {
        return None;
    };
    Some((rest, consumed(i, rest), op))
}

impl<'a> Grammar<'a> {
    /// A grammar for slices of `base`; spans are byte offsets into `base`.
    pub(crate) fn new(base: &'a str) -> Self {
        Self {
            base,
            depth: Cell::new(0),
            annotations: RefCell::new(Vec::new()),
            side_claims: RefCell::new(Vec::new()),
            indices: RefCell::new(Vec::new()),
        }
    }

    /// The annotations met since the last call, for the step just parsed.
    pub(crate) fn take_annotations(&self) -> Vec<Annotation> {
        std::mem::take(&mut *self.annotations.borrow_mut())
    }

    /// The brace claims met since the last call, each once (a parse that backtracks
    /// may meet one twice).
    pub(crate) fn take_side_claims(&self) -> Vec<(Expr, Expr)> {
        let mut claims = std::mem::take(&mut *self.side_claims.borrow_mut());
        let mut seen = Vec::new();
        claims.retain(|(part, value)| {
            let key = (part.span, value.span);
            let new = !seen.contains(&key);
            seen.push(key);
            new
        });
        claims
    }

    /// From where `from` starts to where `to` starts.
    pub(crate) fn span(&self, from: &'a str, to: &'a str) -> Span {
        Span::new(span_in(self.base, from).start, span_in(self.base, to).start)
    }

    /// The text from the start of `first` to the end of `last`.
    fn text_through(&self, first: &'a str, last: &'a str) -> &'a str {
        &self.base[span_in(self.base, first).start..span_in(self.base, last).end]
    }

    pub(crate) fn ident(&self, raw: RawName<'a>) -> Ident {
        Ident {
            base: raw.base,
            subscript: raw.subscript,
            span: span_in(self.base, raw.text),
        }
    }

    fn node(&self, kind: ExprKind, from: &'a str, to: &'a str) -> Expr {
        Expr {
            kind,
            span: self.span(from, to),
        }
    }

    /// Runs `parse` one level deeper; past [`MAX_NESTING`] levels it fails at `at`.
    fn nested<T>(&self, at: &'a str, parse: impl FnOnce() -> PResult<'a, T>) -> PResult<'a, T> {
        let depth = self.depth.get() + 1;
        if depth > MAX_NESTING {
            return fail(at, SyntaxErrorKind::NestedTooDeeply);
        }
        self.depth.set(depth);
        let result = parse();
        self.depth.set(depth - 1);
        result
    }

    /// A whole expression handed out to a caller: like [`Grammar::expr`], but a tree
    /// deeper than [`MAX_TREE_DEPTH`] fails (and is dropped here, on the parser's stack).
    pub(crate) fn top_expr(&self, input: &'a str) -> PResult<'a, Expr> {
        let (rest, expr) = self.expr(input)?;
        if tree_depth(&expr) > MAX_TREE_DEPTH {
            let written = first_char(&self.base[expr.span.range()]);
            return fail(written, SyntaxErrorKind::TooManyOperations);
        }
        Ok((rest, expr))
    }

    /// A whole expression (a sum). Fails softly if `input` does not start with one.
    fn expr(&self, input: &'a str) -> PResult<'a, Expr> {
        self.sum(input, Ctx::default())
    }

    fn sum(&self, input: &'a str, ctx: Ctx) -> PResult<'a, Expr> {
        let (mut rest, mut total) = self.signed(input, ctx, Self::product)?;
        loop {
            let i = skip_ws(rest);
            let kind = match i.as_bytes().first() {
                Some(b'+') => ExprKind::Add,
                Some(b'-') => ExprKind::Sub,
                _ if ctx.in_left_dot && derivative::starts_right_bar(i) => {
                    return Ok((rest, total));
                }
                _ => {
                    // `A \Big|_{t=0}` closes the sum before it; a sum may go on after.
                    let (after, evaluated) = self.evaluated_at(total, rest)?;
                    if std::ptr::eq(after, rest) {
                        return Ok((rest, evaluated));
                    }
                    total = evaluated;
                    rest = after;
                    continue;
                }
            };
            let op = &i[..1];
            let (after, rhs) = required(self.signed(&i[1..], ctx, Self::product), op)?;
            total = boxed(kind, total, rhs);
            rest = after;
        }
    }

    /// Optional leading signs, then `unsigned`: `-a b` is `-(a b)`; `+a` is just `a`.
    fn signed(
        &self,
        input: &'a str,
        ctx: Ctx,
        unsigned: fn(&Self, &'a str, Ctx) -> PResult<'a, Expr>,
    ) -> PResult<'a, Expr> {
        let start = skip_ws(input);
        let op = match start.as_bytes().first() {
            Some(b'-' | b'+') => &start[..1],
            _ => return unsigned(self, start, ctx),
        };
        let operand = || required(self.signed(&start[1..], ctx, unsigned), op);
        let (rest, operand) = self.nested(op, operand)?;
        if op == "+" {
            return Ok((rest, operand));
        }
        let negated = self.node(ExprKind::Neg(Box::new(operand)), start, rest);
        Ok((rest, negated))
    }

    fn product(&self, input: &'a str, ctx: Ctx) -> PResult<'a, Expr> {
        let (mut rest, mut product) = self.term(input, ctx)?;
        while let Some((after_op, op_text, op)) = explicit_operator(rest) {
            let (after, rhs) = required(self.signed(after_op, ctx, Self::term), op_text)?;
            let rhs_text = &self.base[rhs.span.range()];
            let bracketed = rhs_text.starts_with(['(', '[', '{']) || rhs_text.starts_with("\\left");
            let implicit = matches!(rhs.kind, ExprKind::Mul(_, _, MulSign::Implicit));
            if matches!(op, ExplicitOp::Div) && implicit && !bracketed {
                let written = self.text_through(op_text, rhs_text);
                return fail(written, SyntaxErrorKind::AmbiguousSlash);
            }
            product = match op {
                ExplicitOp::Mul(sign) => boxed(|a, b| ExprKind::Mul(a, b, sign), product, rhs),
                ExplicitOp::Div => boxed(|a, b| ExprKind::Div(a, b, DivSign::Slash), product, rhs),
            };
            rest = after;
        }
        Ok((rest, product))
    }

    /// Juxtaposed factors: `2 \pi \sigma_1^2`.
    fn term(&self, input: &'a str, ctx: Ctx) -> PResult<'a, Expr> {
        let first = Ctx {
            leading: true,
            after_bars: false,
            ..ctx
        };
        let (mut rest, mut term) = self.factor(input, first)?;
        let mut last_text = &self.base[term.span.range()];
        // Only whether the last factor was a whole number is kept (`2\frac{1}{2}`):
        // cloning each factor would copy whole subtrees at every juxtaposition.
        let mut last_is_whole = readings::is_whole_number(&term);
        loop {
            let next = Ctx {
                leading: false,
                after_bars: absolute::holds_bars(&self.base[term.span.range()])
                    && !absolute::ends_with_bar(last_text),
                ..ctx
            };
            match self.factor(rest, next) {
                Ok((after, factor)) => {
                    let text = &self.base[factor.span.range()];
                    let layout = consumed(rest, skip_ws(rest));
                    if has_wide_space(layout) {
                        // `2a \qquad 3b`: never silently a product.
                        return fail(layout.trim(), SyntaxErrorKind::WideSpaceProduct);
                    }
                    if readings::ends_with_digit(last_text) && readings::starts_with_digit(text) {
                        let written = self.text_through(last_text, text);
                        return fail(written, SyntaxErrorKind::JuxtaposedNumbers);
                    }
                    if last_is_whole && readings::is_fraction_of_whole_numbers(&factor) {
                        let written = self.text_through(last_text, text);
                        return fail(written, SyntaxErrorKind::MixedNumber);
                    }
                    last_text = text;
                    last_is_whole = readings::is_whole_number(&factor);
                    let implicit = |a, b| ExprKind::Mul(a, b, MulSign::Implicit);
                    term = boxed(implicit, term, factor);
                    rest = after;
                }
                Err(nom::Err::Error(_)) => return Ok((rest, term)),
                Err(failure) => return Err(failure),
            }
        }
    }

    /// An atom with its superscript and (for names) a late subscript: `\sigma^2_1`.
    fn factor(&self, input: &'a str, ctx: Ctx) -> PResult<'a, Expr> {
        let start = skip_ws(input);
        if ctx.in_integral
            && (differential(start).is_ok() || compound_differential(start).is_some())
        {
            return soft(start);
        }
        if is_row_label(input, start) || derivative::starts_evaluation(start) {
            return soft(start);
        }
        let (after_atom, atom) = self.atom(start, ctx)?;
        self.scripts(start, after_atom, atom)
    }

    /// The `^` and `_` after an atom (and a `!`, which is rejected).
    fn scripts(&self, start: &'a str, after_atom: &'a str, atom: Atom) -> PResult<'a, Expr> {
        let Atom {
            mut expr,
            bracketed_function,
        } = atom;
        // `\left[ F \right]_{a}^{b}`: F between a and b.
        if derivative::is_square_group(&self.base[expr.span.range()]) {
            if let Some(limits) = self.limits_after(after_atom)? {
                return Ok(self.between(expr, limits, after_atom));
            }
        }
        let mut rest = after_atom;
        let mut exponent = None;
        let mut transposed = false;
        loop {
            let i = skip_ws(rest);
            match i.as_bytes().first() {
                // `(x - \mu)^\mathrm{T}`: a transpose, and a power may follow it.
                Some(b'^') if linear::transpose_mark(i).is_some() => {
                    let after = linear::transpose_mark(i).unwrap_or(i);
                    if exponent.is_some() || transposed {
                        return fail(&i[..1], SyntaxErrorKind::DoubleSuperscript);
                    }
                    transposed = true;
                    expr = self.transposed(expr, start, after);
                    rest = after;
                }
                Some(b'^') => {
                    let caret = &i[..1];
                    if exponent.is_some() || transposed {
                        return fail(caret, SyntaxErrorKind::DoubleSuperscript);
                    }
                    if let Some(function) = &bracketed_function {
                        let function = function.clone();
                        return fail(caret, SyntaxErrorKind::AmbiguousFunctionPower { function });
                    }
                    if let Some(written) = primes::bracketed_superscript(i) {
                        return fail(written, SyntaxErrorKind::BracketedSuperscript);
                    }
                    let (after, power) = self.script_argument(i, '^')?;
                    if matches!(&power.kind, ExprKind::Ident(id) if id.base == "T" && id.subscript.is_none())
                    {
                        // `x^T`: which one, the declarations tell (in resolution).
                        transposed = true;
                        let kind = ExprKind::Matrix(
                            crate::syntax::ast::MatrixOp::PlainTranspose,
                            vec![expr],
                        );
                        expr = self.node(kind, start, after);
                        rest = after;
                        continue;
                    }
                    exponent = Some(power);
                    rest = after;
                }
                Some(b'_') => rest = self.late_subscript(&mut expr, i)?,
                Some(b'!') if !i.starts_with("!=") => {
                    let bang = if i.starts_with("!!") {
                        &i[..2]
                    } else {
                        &i[..1]
                    };
                    let value = factorials::literal(&expr)
                        .filter(|_| exponent.is_none())
                        .and_then(|n| factorials::factorial(n, bang.len() == 2));
                    let Some(value) = value else {
                        return fail(bang, SyntaxErrorKind::Factorial);
                    };
                    let after = &i[bang.len()..];
                    expr = self.node(ExprKind::Number(value.to_string()), start, after);
                    rest = after;
                }
                _ => break,
            }
        }
        let Some(power) = exponent else {
            return Ok((rest, expr));
        };
        let kind = ExprKind::Pow(Box::new(expr), Box::new(power));
        Ok((rest, self.node(kind, start, rest)))
    }

    /// A subscript written after the superscript, `\sigma^2_1`, joins the name.
    fn late_subscript(
        &self,
        expr: &mut Expr,
        at: &'a str,
    ) -> Result<&'a str, nom::Err<PError<'a>>> {
        let (rest, text) = subscript(at)?;
        let written = consumed(at, rest);
        let span = span_in(self.base, written);
        match &mut expr.kind {
            ExprKind::Ident(ident) if ident.subscript.is_none() => {
                ident.subscript = Some(text);
                ident.span = ident.span.join(span);
                expr.span = expr.span.join(span);
                Ok(rest)
            }
            ExprKind::Ident(_) => Err(failure(written, SyntaxErrorKind::DoubleSubscript)),
            _ => Err(failure(written, SyntaxErrorKind::SubscriptOnNonName)),
        }
    }

    /// The argument of `^` (or an integral's `_`): `{...}` or a single token.
    /// `at` starts at the script character.
    fn script_argument(&self, at: &'a str, script: char) -> PResult<'a, Expr> {
        let mark = &at[..1];
        let i = skip_ws(&at[1..]);
        if let Some(inside) = i.strip_prefix('{') {
            let opening = Opening {
                delim: BRACES,
                text: &i[..1],
                label: format!("{script}{{"),
                widen: false,
            };
            return self.enclosed(i, inside, &opening);
        }
        if let Some(found) = self.single_token(i) {
            return Ok(found);
        }
        let token = peek_token(i);
        if token.kind != TokenKind::Other {
            return fail(mark, SyntaxErrorKind::MissingScript(script));
        }
        let found = token.text.to_string();
        // `x^\mathrm{T} y`: a transpose, whatever the braces.
        if script == '^' && matches!(found.as_str(), "\\mathrm" | "\\mathsf" | "\\rm") {
            if let Some((inside, rest)) = braced(skip_ws(&i[token.text.len()..])) {
                if inside.trim() == "T" {
                    let written = self.text_through(mark, consumed(i, rest));
                    return fail(written, SyntaxErrorKind::Transpose);
                }
            }
        }
        if script == '^' && matches!(found.as_str(), "\\top" | "\\intercal") {
            return fail(
                self.text_through(mark, token.text),
                SyntaxErrorKind::Transpose,
            );
        }
        let kind = SyntaxErrorKind::ScriptNeedsBraces { script, found };
        fail(self.text_through(mark, token.text), kind)
    }

    /// One digit, one letter, a Greek letter or `\infty`: what LaTeX takes as the
    /// argument of `^`, `\frac` or `\sqrt` without braces (`x^23` is `x^2 3`).
    fn single_token(&self, i: &'a str) -> Option<(&'a str, Expr)> {
        let first = i.chars().next()?;
        if first.is_ascii_digit() {
            let rest = &i[1..];
            return Some((rest, self.node(ExprKind::Number(i[..1].into()), i, rest)));
        }
        if first.is_ascii_alphabetic() {
            let rest = &i[1..];
            let ident = Ident {
                base: i[..1].into(),
                subscript: None,
                span: self.span(i, rest),
            };
            return Some((rest, self.node(ExprKind::Ident(ident), i, rest)));
        }
        let (rest, name) = command(i).ok()?;
        let kind = if name == "infty" {
            ExprKind::Infinity
        } else {
            ExprKind::Ident(Ident {
                base: greek_letter(name)?.into(),
                subscript: None,
                span: self.span(i, rest),
            })
        };
        Some((rest, self.node(kind, i, rest)))
    }
}

/// The number of nodes on the longest path from `expr` down, counted without recursion.
fn tree_depth(expr: &Expr) -> usize {
    let mut deepest = 0;
    let mut pending = vec![(expr, 1)];
    while let Some((node, depth)) = pending.pop() {
        deepest = deepest.max(depth);
        pending.extend(children(node).into_iter().map(|child| (child, depth + 1)));
    }
    deepest
}

/// An atom parse from a plain expression parse.
fn plain(result: PResult<'_, Expr>) -> PResult<'_, Atom> {
    result.map(|(rest, expr)| (rest, expr.into()))
}
