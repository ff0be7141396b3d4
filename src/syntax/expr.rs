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

use std::cell::Cell;

use nom::bytes::complete::take_while1;
use nom::character::complete::char;
use nom::Parser;

use crate::source::Span;
use crate::syntax::ast::{Builtin, DivSign, Expr, ExprKind, Ident, MulSign};
use crate::syntax::children;
use crate::syntax::error::{
    fail, failure, soft, span_in, PError, PResult, SyntaxErrorKind, MAX_NESTING, MAX_TREE_DEPTH,
};
use crate::syntax::lexeme::{
    callee_word, closer, closes, command, command_named, consumed, differential, first_char,
    greek_letter, is_big_command, is_word_command, name, number, opener, peek_token, relation,
    skip_ws, subscript, Delim, RawName, Shape, Sizing, TokenKind,
};

/// What the surrounding construct means for the current expression.
#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    /// Inside an integral's body (and not inside brackets there): `d` followed by a
    /// name is the differential, which ends the body.
    in_integral: bool,
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
        _ => None,
    }
}

/// Commands that end a term instead of starting a factor.
fn is_stop_command(name: &str) -> bool {
    matches!(
        name,
        "right" | "}" | "rbrace" | "rbrack" | "cdot" | "times" | "\\"
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
        }
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
                _ => return Ok((rest, total)),
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
        let (mut rest, mut term) = self.factor(input, ctx)?;
        loop {
            match self.factor(rest, ctx) {
                Ok((after, factor)) => {
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
        if ctx.in_integral && differential(start).is_ok() {
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
        let mut rest = after_atom;
        let mut exponent = None;
        loop {
            let i = skip_ws(rest);
            match i.as_bytes().first() {
                Some(b'^') => {
                    let caret = &i[..1];
                    if exponent.is_some() {
                        return fail(caret, SyntaxErrorKind::DoubleSuperscript);
                    }
                    if let Some(function) = &bracketed_function {
                        let function = function.clone();
                        return fail(caret, SyntaxErrorKind::AmbiguousFunctionPower { function });
                    }
                    let (after, power) = self.script_argument(i, '^')?;
                    exponent = Some(power);
                    rest = after;
                }
                Some(b'_') => rest = self.late_subscript(&mut expr, i)?,
                Some(b'!') if !i.starts_with("!=") => {
                    return fail(&i[..1], SyntaxErrorKind::Factorial)
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

    /// What can start a factor. Fails softly on what ends one (operators, closers,
    /// `=`, relations), hard on what can never be valid.
    fn atom(&self, start: &'a str, ctx: Ctx) -> PResult<'a, Atom> {
        let Some(first) = start.chars().next() else {
            return soft(start);
        };
        match first {
            '0'..='9' => {
                let (rest, digits) = number(start)?;
                plain(Ok((
                    rest,
                    self.node(ExprKind::Number(digits.into()), start, rest),
                )))
            }
            'E' if start[1..].starts_with(['[', '_', '\\']) => {
                match self.expectation(start, &start[1..], false)? {
                    (rest, Some(expectation)) => Ok((rest, expectation.into())),
                    (_, None) => self.letters(start),
                }
            }
            c if c.is_ascii_alphabetic() => self.letters(start),
            '\\' => self.command_atom(start, ctx),
            '(' | '[' | '{' => self.group(start),
            '|' => fail(&start[..1], SyntaxErrorKind::AbsoluteValue),
            '^' | '_' => fail(&start[..1], SyntaxErrorKind::StrayScript(first)),
            '!' if start.starts_with("!=") => soft(start),
            ')' | ']' | '}' | '+' | '-' | '*' | '/' | '=' | ',' | ';' | '<' | '>' => soft(start),
            _ => fail(first_char(start), SyntaxErrorKind::UnexpectedChar(first)),
        }
    }

    /// Letters: `KL(` as one callee, otherwise one letter with its subscript.
    fn letters(&self, start: &'a str) -> PResult<'a, Atom> {
        if let Some((rest, run)) = self
            .starts_word(start)
            .then(|| callee_word(start))
            .flatten()
        {
            let callee = Ident {
                base: run.into(),
                subscript: None,
                span: self.span(start, rest),
            };
            return plain(self.call(start, callee, skip_ws(rest)));
        }
        let (rest, raw) = name(start)?;
        self.name_or_call(start, rest, raw)
    }

    /// Whether a letter run may start here: not right after another letter. That letter
    /// was either tried as the start of the same run already (so re-scanning the run
    /// from every letter would be quadratic) or was a one-letter subscript (`x_ab(`
    /// is `x_a b(`).
    fn starts_word(&self, start: &'a str) -> bool {
        let offset = span_in(self.base, start).start;
        let previous = self.base.as_bytes()[..offset].last();
        !previous.is_some_and(u8::is_ascii_alphabetic)
    }

    /// A name, or a call if a `(` follows it.
    fn name_or_call(&self, start: &'a str, rest: &'a str, raw: RawName<'a>) -> PResult<'a, Atom> {
        let ident = self.ident(raw);
        let at_bracket = skip_ws(rest);
        if matches!(opener(at_bracket), Ok((_, delim)) if delim.shape == Shape::Paren) {
            return plain(self.call(start, ident, at_bracket));
        }
        let expr = self.node(ExprKind::Ident(ident), start, rest);
        Ok((rest, expr.into()))
    }

    /// `callee(arg, arg; arg)`; `at_open` starts at the bracket.
    fn call(&self, start: &'a str, callee: Ident, at_open: &'a str) -> PResult<'a, Expr> {
        let (after_open, delim) = opener(at_open)?;
        let text = consumed(at_open, after_open);
        let opening = Opening {
            delim,
            text,
            label: text.into(),
            widen: true,
        };
        self.nested(text, || {
            let (rest, args) = self.arguments(after_open, &opening)?;
            let after_close = self.close(rest, &opening)?;
            let kind = ExprKind::Call { callee, args };
            Ok((after_close, self.node(kind, start, after_close)))
        })
    }

    /// Comma- or semicolon-separated arguments, up to (not including) the closer.
    fn arguments(&self, input: &'a str, opening: &Opening<'a>) -> PResult<'a, Vec<Expr>> {
        let mut args = Vec::new();
        let mut rest = input;
        let mut separator = None;
        loop {
            match self.expr(rest) {
                Ok((after, arg)) => {
                    args.push(arg);
                    rest = skip_ws(after);
                }
                Err(nom::Err::Error(_)) => {
                    return Err(self.missing_argument(skip_ws(rest), opening, separator))
                }
                Err(failure) => return Err(failure),
            }
            match rest.as_bytes().first() {
                Some(b',' | b';') => {
                    separator = Some(&rest[..1]);
                    rest = &rest[1..];
                }
                _ => return Ok((rest, args)),
            }
        }
    }

    fn missing_argument(
        &self,
        at: &'a str,
        opening: &Opening<'a>,
        separator: Option<&'a str>,
    ) -> nom::Err<PError<'a>> {
        match separator {
            Some(separator) if !at.is_empty() => {
                let after = separator.to_string();
                let kind = SyntaxErrorKind::MissingOperand { after };
                nom::Err::Failure(PError::new(separator, kind))
            }
            _ => self.closing_error(at, opening, separator.is_none()),
        }
    }

    /// A bracketed group used for grouping: `(a+b)`, `\left[ ... \right]`, `{a}`.
    fn group(&self, start: &'a str) -> PResult<'a, Atom> {
        let (after_open, delim) = opener(start)?;
        let text = consumed(start, after_open);
        let opening = Opening {
            delim,
            text,
            label: text.into(),
            widen: true,
        };
        plain(self.enclosed(start, after_open, &opening))
    }

    /// The expression between an opener (already read) and its closer.
    fn enclosed(
        &self,
        start: &'a str,
        after_open: &'a str,
        opening: &Opening<'a>,
    ) -> PResult<'a, Expr> {
        self.nested(opening.text, || {
            let (rest, inner) = match self.expr(after_open) {
                Ok(found) => found,
                Err(nom::Err::Error(_)) => {
                    return Err(self.closing_error(skip_ws(after_open), opening, true))
                }
                Err(failure) => return Err(failure),
            };
            let after_close = self.close(rest, opening)?;
            let span = if opening.widen {
                self.span(start, after_close)
            } else {
                inner.span
            };
            let kind = inner.kind;
            Ok((after_close, Expr { kind, span }))
        })
    }

    /// The closer matching `opening`, after whitespace.
    fn close(
        &self,
        input: &'a str,
        opening: &Opening<'a>,
    ) -> Result<&'a str, nom::Err<PError<'a>>> {
        let i = skip_ws(input);
        match closer(i) {
            Ok((after, delim)) if closes(opening.delim, delim) => Ok(after),
            _ => Err(self.closing_error(i, opening, false)),
        }
    }

    /// Why a group could not be closed at `at`; `empty` if nothing was inside.
    fn closing_error(
        &self,
        at: &'a str,
        opening: &Opening<'a>,
        empty: bool,
    ) -> nom::Err<PError<'a>> {
        let token = peek_token(at);
        let open = opening.label.clone();
        let close = opening.delim.closer_text();
        let (highlight, kind) = match token.kind {
            TokenKind::End => (opening.text, SyntaxErrorKind::Unclosed { open, close }),
            TokenKind::Closer(delim) if empty && closes(opening.delim, delim) => {
                let close = token.text.to_string();
                let whole = self.text_through(opening.text, token.text);
                (whole, SyntaxErrorKind::EmptyGroup { open, close })
            }
            TokenKind::Relation => {
                let relation = token.text.to_string();
                (token.text, SyntaxErrorKind::NotAnEquality(relation))
            }
            TokenKind::LineBreak => (token.text, SyntaxErrorKind::LineBreakMidLine),
            TokenKind::Other | TokenKind::Equals if empty => {
                let expected = "an expression".to_string();
                let found = token.text.to_string();
                (token.text, SyntaxErrorKind::Expected { expected, found })
            }
            _ => {
                let found = token.text.to_string();
                (
                    token.text,
                    SyntaxErrorKind::Mismatched { open, close, found },
                )
            }
        };
        nom::Err::Failure(PError::new(highlight, kind))
    }

    /// Atoms that start with a backslash.
    fn command_atom(&self, start: &'a str, ctx: Ctx) -> PResult<'a, Atom> {
        let Ok((after, command_name)) = command(start) else {
            return fail(first_char(start), SyntaxErrorKind::UnexpectedChar('\\'));
        };
        let text = consumed(start, after);
        if greek_letter(command_name).is_some() || is_word_command(command_name) {
            let (rest, raw) = name(start)?;
            return self.name_or_call(start, rest, raw);
        }
        if let Some(function) = builtin(command_name) {
            return self.apply(start, text, after, function, ctx);
        }
        match command_name {
            "infty" => Ok((after, self.node(ExprKind::Infinity, start, after).into())),
            "mathbb" => self.blackboard(start, text, after),
            "frac" | "dfrac" | "tfrac" => self.frac(start, text, after),
            "sqrt" => self.sqrt(start, text, after),
            "int" => self.integral(start, text, after),
            "left" | "{" | "lbrace" | "lbrack" => self.group(start),
            _ if is_big_command(command_name) && opener(start).is_ok() => self.group(start),
            _ if is_big_command(command_name) && closer(start).is_ok() => soft(start),
            _ if is_stop_command(command_name) || relation(start).is_some() => soft(start),
            _ if is_absolute_value_command(command_name) => {
                fail(text, SyntaxErrorKind::AbsoluteValue)
            }
            _ => fail(text, SyntaxErrorKind::UnsupportedCommand(text.into())),
        }
    }

    /// `\log x`, `\ln(x)`, `\exp\left(...\right)`.
    fn apply(
        &self,
        start: &'a str,
        text: &'a str,
        after: &'a str,
        function: Builtin,
        ctx: Ctx,
    ) -> PResult<'a, Atom> {
        let i = skip_ws(after);
        if let Some(script @ ('^' | '_')) = i.chars().next() {
            let written = self.text_through(start, &i[..1]);
            let function = text.to_string();
            return fail(
                written,
                SyntaxErrorKind::ScriptOnFunction { function, script },
            );
        }
        if let Ok((after_open, delim)) = opener(i) {
            if matches!(delim.shape, Shape::Paren | Shape::Square) {
                let open = consumed(i, after_open);
                let opening = Opening {
                    delim,
                    text: open,
                    label: open.into(),
                    widen: true,
                };
                let (rest, argument) = self.enclosed(i, after_open, &opening)?;
                let applied = self.node(ExprKind::Apply(function, Box::new(argument)), start, rest);
                let atom = Atom {
                    expr: applied,
                    bracketed_function: Some(text.into()),
                };
                return Ok((rest, atom));
            }
        }
        let argument = || match self.term(i, ctx) {
            Err(nom::Err::Error(_)) => {
                let command = text.to_string();
                fail(text, SyntaxErrorKind::MissingArgument { command })
            }
            other => other,
        };
        let (rest, argument) = self.nested(text, argument)?;
        let applied = self.node(ExprKind::Apply(function, Box::new(argument)), start, rest);
        Ok((rest, applied.into()))
    }

    /// `\frac{a}{b}`, `\frac12`.
    fn frac(&self, start: &'a str, text: &'a str, after: &'a str) -> PResult<'a, Atom> {
        let (rest, numerator) = self.command_argument(text, after)?;
        let (rest, denominator) = self.command_argument(text, rest)?;
        let kind = ExprKind::Div(Box::new(numerator), Box::new(denominator), DivSign::Frac);
        Ok((rest, self.node(kind, start, rest).into()))
    }

    /// `\sqrt{a}`, `\sqrt[n]{a}`, `\sqrt 2`.
    fn sqrt(&self, start: &'a str, text: &'a str, after: &'a str) -> PResult<'a, Atom> {
        let i = skip_ws(after);
        let (rest, index) = match i.strip_prefix('[') {
            Some(inside) => {
                let opening = Opening {
                    delim: SQUARE,
                    text: &i[..1],
                    label: format!("{text}["),
                    widen: false,
                };
                let (rest, index) = self.enclosed(i, inside, &opening)?;
                (rest, Some(Box::new(index)))
            }
            None => (after, None),
        };
        let (rest, radicand) = self.command_argument(text, rest)?;
        let radicand = Box::new(radicand);
        Ok((
            rest,
            self.node(ExprKind::Sqrt { radicand, index }, start, rest)
                .into(),
        ))
    }

    /// A required argument of `command`: `{...}` or a single token.
    fn command_argument(&self, command: &'a str, input: &'a str) -> PResult<'a, Expr> {
        let i = skip_ws(input);
        if let Some(inside) = i.strip_prefix('{') {
            let opening = Opening {
                delim: BRACES,
                text: &i[..1],
                label: format!("{command}{{"),
                widen: false,
            };
            return self.enclosed(i, inside, &opening);
        }
        match self.single_token(i) {
            Some(found) => Ok(found),
            None => {
                let command_name = command.to_string();
                let kind = SyntaxErrorKind::MissingArgument {
                    command: command_name,
                };
                fail(command, kind)
            }
        }
    }

    /// `\int_{lo}^{hi} body dx`: the body is a whole sum that ends at the differential.
    fn integral(&self, start: &'a str, text: &'a str, after: &'a str) -> PResult<'a, Atom> {
        self.nested(text, || {
            let i = skip_ws(after);
            let i = command_named(i, "limits")
                .or_else(|| command_named(i, "nolimits"))
                .unwrap_or(i);
            let (i, bounds) = self.integral_bounds(text, i)?;
            let body_ctx = Ctx { in_integral: true };
            let (rest, body) = required(self.sum(i, body_ctx), text)?;
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

    /// `_{lo}^{hi}` in either order, or nothing; one bound alone is an error.
    #[allow(clippy::type_complexity)]
    fn integral_bounds(
        &self,
        text: &'a str,
        input: &'a str,
    ) -> PResult<'a, Option<(Box<Expr>, Box<Expr>)>> {
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

    /// `\mathbb{E}`: only the expectation is supported.
    fn blackboard(&self, start: &'a str, text: &'a str, after: &'a str) -> PResult<'a, Atom> {
        let letters = |i: &'a str| -> Option<(&'a str, &'a str)> {
            let inside = skip_ws(i).strip_prefix('{')?;
            let (rest, word) = take_while1::<_, _, PError<'a>>(|c: char| c.is_ascii_alphabetic())
                .parse(skip_ws(inside))
                .ok()?;
            let (rest, _) = char::<_, PError<'a>>('}').parse(skip_ws(rest)).ok()?;
            Some((rest, word))
        };
        let Some((rest, letter)) = letters(after) else {
            return fail(text, SyntaxErrorKind::UnsupportedCommand(text.into()));
        };
        let head = consumed(start, rest);
        if letter != "E" {
            return fail(head, SyntaxErrorKind::UnsupportedCommand(head.into()));
        }
        match self.expectation(start, rest, true)? {
            (rest, Some(expectation)) => Ok((rest, expectation.into())),
            (_, None) => fail(head, SyntaxErrorKind::ExpectationWithoutBracket),
        }
    }

    /// `E_{p}[body]` after the `E` (`after_head`). Uncommitted (a plain `E`), it
    /// returns `None` instead of failing when this is not an expectation after all.
    fn expectation(
        &self,
        start: &'a str,
        after_head: &'a str,
        committed: bool,
    ) -> PResult<'a, Option<Expr>> {
        let not_found = |at: &'a str| -> PResult<'a, Option<Expr>> {
            if committed {
                fail(
                    consumed(start, after_head),
                    SyntaxErrorKind::ExpectationWithoutBracket,
                )
            } else {
                Ok((at, None))
            }
        };
        let spaced = |i: &'a str| if committed { skip_ws(i) } else { i };
        let (after_density, density) = match self.density(spaced(after_head)) {
            Density::Absent => (after_head, None),
            Density::Named(rest, ident) => (rest, Some(ident)),
            Density::Invalid(_) if !committed => return Ok((start, None)),
            Density::Invalid(at) => return fail(at, SyntaxErrorKind::InvalidDensity),
        };
        let at_bracket = spaced(after_density);
        let (after_open, delim) = match opener(at_bracket) {
            Ok((after_open, delim)) if delim.shape == Shape::Square => (after_open, delim),
            _ => return not_found(start),
        };
        let text = consumed(at_bracket, after_open);
        let opening = Opening {
            delim,
            text,
            label: text.into(),
            widen: false,
        };
        let (rest, body) = self.enclosed(at_bracket, after_open, &opening)?;
        let body = Box::new(body);
        let kind = ExprKind::Expectation { density, body };
        Ok((rest, Some(self.node(kind, start, rest))))
    }

    /// The density subscript of an expectation: `_p`, `_{p_1}`.
    fn density(&self, input: &'a str) -> Density<'a> {
        let Some(after_underscore) = input.strip_prefix('_') else {
            return Density::Absent;
        };
        let invalid = Density::Invalid(&input[..1]);
        let i = skip_ws(after_underscore);
        let Some(inside) = i.strip_prefix('{') else {
            return match name(i) {
                Ok((rest, raw)) => Density::Named(rest, self.ident(raw)),
                Err(_) => invalid,
            };
        };
        let Ok((rest, raw)) = name(skip_ws(inside)) else {
            return invalid;
        };
        match skip_ws(rest).strip_prefix('}') {
            Some(after) => Density::Named(after, self.ident(raw)),
            None => invalid,
        }
    }
}

/// What follows an `E` where a density could be.
enum Density<'a> {
    Absent,
    Named(&'a str, Ident),
    Invalid(&'a str),
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

#[cfg(test)]
mod tests {
    use crate::syntax::ast::Expr;
    use crate::syntax::{parse_expr, sexpr};

    /// The tree as an S-expression (with the root's text when the root does not span
    /// the whole input), or the error with its underlined text and message.
    fn render(input: &str) -> String {
        match parse_expr(input) {
            Ok(expr) => {
                let root = &input[expr.span.range()];
                if root == input.trim() {
                    sexpr(&expr)
                } else {
                    format!("{} @ `{root}`", sexpr(&expr))
                }
            }
            Err(error) => {
                let text = &input[error.span.range()];
                format!("error `{text}`: {}", error.message())
            }
        }
    }

    /// The text of every node, outermost first, one per line.
    fn render_spans(input: &str) -> String {
        fn walk(expr: &Expr, input: &str, depth: usize, out: &mut Vec<String>) {
            out.push(format!(
                "{}{}",
                "  ".repeat(depth),
                &input[expr.span.range()]
            ));
            for child in crate::syntax::children(expr) {
                walk(child, input, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        match parse_expr(input) {
            Ok(expr) => walk(&expr, input, 0, &mut out),
            Err(error) => out.push(error.message()),
        }
        out.join("\n")
    }

    macro_rules! check {
        (spans: $input:expr, @$expect:literal) => {
            insta::assert_snapshot!(render_spans($input), @$expect)
        };
        ($input:expr, @$expect:literal) => {
            insta::assert_snapshot!(render($input), @$expect)
        };
    }

    #[test]
    fn numbers_and_names() {
        check!("2", @"(num 2)");
        check!("10", @"(num 10)");
        check!("0.5", @"(num 0.5)");
        check!("x", @"(id x)");
        check!("ab", @"(mul (id a) (id b))");
        check!("p_1", @"(id p_1)");
        check!("p_{1}", @"(id p_1)");
        check!(r"\sigma_{12}", @"(id σ_{12})");
        check!(r"\mu_{p_1}", @"(id μ_{p_1})");
        check!(r"x_{\alpha}", @"(id x_α)");
        check!(r"\pi", @"(id π)");
        check!(r"\infty", @"(inf)");
        check!(r"\varepsilon \epsilon \vartheta \varphi \phi", @"(mul (mul (mul (mul (id ε) (id ϵ)) (id ϑ)) (id φ)) (id ϕ))");
        check!(r"\Gamma \Delta \Theta \Lambda \Xi \Pi \Sigma \Phi \Psi \Omega", @"(mul (mul (mul (mul (mul (mul (mul (mul (mul (id Γ) (id Δ)) (id Θ)) (id Λ)) (id Ξ)) (id Π)) (id Σ)) (id Φ)) (id Ψ)) (id Ω))");
        check!(r"\mathrm{KL}", @"(id KL)");
        check!(r"\operatorname{KL}", @"(id KL)");
        check!(r"\text{if}", @"(id if)");
        check!("e", @"(id e)");
    }

    #[test]
    fn juxtaposition_and_explicit_products() {
        check!(r"2\pi", @"(mul (num 2) (id π))");
        check!(r"\sqrt{2\pi}\sigma", @"(mul (sqrt (mul (num 2) (id π))) (id σ))");
        check!(r"(x-\mu_1)(\mu_1-\mu_2)", @"(mul (sub (id x) (id μ_1)) (sub (id μ_1) (id μ_2)))");
        check!(r"\frac{1}{2} \log 2\pi", @"(mul (frac (num 1) (num 2)) (log (mul (num 2) (id π))))");
        check!(r"a * b", @"(mul* (id a) (id b))");
        check!(r"a \cdot b \times c", @"(times (cdot (id a) (id b)) (id c))");
        check!("a / 2b", @"(div (id a) (mul (num 2) (id b)))");
        check!("a / b / c", @"(div (div (id a) (id b)) (id c))");
        check!(r"2 a \cdot 3 b", @"(cdot (mul (num 2) (id a)) (mul (num 3) (id b)))");
        check!("2.5x", @"(mul (num 2.5) (id x))");
    }

    #[test]
    fn sums_and_signs() {
        check!("a + b - c", @"(sub (add (id a) (id b)) (id c))");
        check!(r"-\frac{1}{2}\log 2\pi", @"(neg (mul (frac (num 1) (num 2)) (log (mul (num 2) (id π)))))");
        check!("-a * b", @"(neg (mul* (id a) (id b)))");
        check!("-a + b", @"(add (neg (id a)) (id b))");
        check!("a * -b", @"(mul* (id a) (neg (id b)))");
        check!("a - -b", @"(sub (id a) (neg (id b)))");
        check!("+a", @"(id a) @ `a`");
        check!("- - a", @"(neg (neg (id a)))");
        check!(r"-\log\sigma_1 + \frac{\sigma_1^2 + \mu_1^2}{2} - \frac{1}{2}", @"(sub (add (neg (log (id σ_1))) (frac (add (pow (id σ_1) (num 2)) (pow (id μ_1) (num 2))) (num 2))) (frac (num 1) (num 2)))");
    }

    #[test]
    fn powers_and_subscripts() {
        check!("x^2", @"(pow (id x) (num 2))");
        check!("x^23", @"(mul (pow (id x) (num 2)) (num 3))");
        check!("x^{23}", @"(pow (id x) (num 23))");
        check!(r"x^\alpha", @"(pow (id x) (id α))");
        check!(r"\sigma_1^2", @"(pow (id σ_1) (num 2))");
        check!(r"\sigma^2_1", @"(pow (id σ_1) (num 2))");
        check!("(a+b)^2", @"(pow (add (id a) (id b)) (num 2))");
        check!(r"\left( a + b \right)^2", @"(pow (add (id a) (id b)) (num 2))");
        check!(r"e^{-\frac{(x-\mu)^2}{2\sigma^2}}", @"(pow (id e) (neg (frac (pow (sub (id x) (id μ)) (num 2)) (mul (num 2) (pow (id σ) (num 2))))))");
        check!(r"2\sigma_1^2", @"(mul (num 2) (pow (id σ_1) (num 2)))");
        check!(r"\sqrt{2}^2", @"(pow (sqrt (num 2)) (num 2))");
        check!("x_{i+1}", @"(id x_{i+1})");
    }

    #[test]
    fn fractions_and_roots() {
        check!(r"\frac{a}{b}", @"(frac (id a) (id b))");
        check!(r"\dfrac{a}{b} + \tfrac{c}{d}", @"(add (frac (id a) (id b)) (frac (id c) (id d)))");
        check!(r"\frac12", @"(frac (num 1) (num 2))");
        check!(r"\frac 1 2", @"(frac (num 1) (num 2))");
        check!(r"\frac\pi2", @"(frac (id π) (num 2))");
        check!(r"\frac{1}{\sqrt{2\pi}\sigma_1}", @"(frac (num 1) (mul (sqrt (mul (num 2) (id π))) (id σ_1)))");
        check!(r"\sqrt{a}", @"(sqrt (id a))");
        check!(r"\sqrt[3]{a}", @"(root (num 3) (id a))");
        check!(r"\sqrt 2", @"(sqrt (num 2))");
        check!(r"\sqrt 23", @"(mul (sqrt (num 2)) (num 3))");
    }

    #[test]
    fn brackets() {
        check!("((1))", @"(num 1)");
        check!("[a + b] c", @"(mul (add (id a) (id b)) (id c))");
        check!("{a + b} c", @"(mul (add (id a) (id b)) (id c))");
        check!(r"\{ a \}", @"(id a)");
        check!(r"\left\{ a \right\}", @"(id a)");
        check!(r"\left[ a \right]", @"(id a)");
        check!(r"\bigl( a \bigr)", @"(id a)");
        check!(r"\Big[ a \Big]", @"(id a)");
    }

    #[test]
    fn functions() {
        check!(r"\log x", @"(log (id x))");
        check!(r"\log 2\pi", @"(log (mul (num 2) (id π)))");
        check!(r"\log x + 1", @"(add (log (id x)) (num 1))");
        check!(r"\log x \cdot y", @"(cdot (log (id x)) (id y))");
        check!(r"\log(x) y", @"(mul (log (id x)) (id y))");
        check!(r"\log [x] y", @"(mul (log (id x)) (id y))");
        check!(r"\log \left( x \right) y", @"(mul (log (id x)) (id y))");
        check!(r"\ln x^2", @"(ln (pow (id x) (num 2)))");
        check!(r"\exp(-x)", @"(exp (neg (id x)))");
        check!(r"\exp{x} y", @"(exp (mul (id x) (id y)))");
        check!(r"\log x \log y", @"(log (mul (id x) (log (id y))))");
        check!(r"\log\log x", @"(log (log (id x)))");
        check!(r"\log \frac{1}{\sqrt{2\pi}\sigma_1} e^{-\frac{(x-\mu_1)^2}{2\sigma_1^2}} - \log 2", @"(sub (log (mul (frac (num 1) (mul (sqrt (mul (num 2) (id π))) (id σ_1))) (pow (id e) (neg (frac (pow (sub (id x) (id μ_1)) (num 2)) (mul (num 2) (pow (id σ_1) (num 2)))))))) (log (num 2)))");
    }

    #[test]
    fn calls() {
        check!("p_1(x)", @"(call p_1 (id x))");
        check!(r"N(x; \mu_1, \sigma_1^2)", @"(call N (id x) (id μ_1) (pow (id σ_1) (num 2)))");
        check!("KL(p_1, p_2)", @"(call KL (id p_1) (id p_2))");
        check!("KL (p_1, p_2)", @"(call KL (id p_1) (id p_2))");
        check!(r"\mathrm{KL}(p, q)", @"(call KL (id p) (id q))");
        check!("a(b+c)", @"(call a (add (id b) (id c)))");
        check!(r"p_1\left(x\right)", @"(call p_1 (id x))");
        check!(r"\Gamma(x)", @"(call Γ (id x))");
        check!("2ab(x)", @"(mul (num 2) (call ab (id x)))");
        check!("x_ab(c)", @"(mul (id x_a) (call b (id c)))");
        check!("f(x)^2", @"(pow (call f (id x)) (num 2))");
        check!("p(x) (a + b)", @"(mul (call p (id x)) (add (id a) (id b)))");
    }

    #[test]
    fn integrals() {
        check!(r"\int p_1(x) \log \frac{p_1(x)}{p_2(x)} dx", @"(int dx (mul (call p_1 (id x)) (log (frac (call p_1 (id x)) (call p_2 (id x))))))");
        check!(r"\int x \, dx", @"(int dx (id x))");
        check!(r"\int x^2 \,\mathrm{d}x", @"(int dx (pow (id x) (num 2)))");
        check!(r"\int x d x", @"(int dx (id x))");
        check!(r"\int f(\theta) d\theta", @"(int dθ (call f (id θ)))");
        check!(r"\int_{-\infty}^{\infty} x \, dx", @"(int dx (neg (inf)) (inf) (id x))");
        check!(r"\int_{-\infty}^{+\infty} x \, dx", @"(int dx (neg (inf)) (inf) (id x))");
        check!(r"\int_{-\infty}^\infty x dx", @"(int dx (neg (inf)) (inf) (id x))");
        check!(r"\int\limits_0^1 x dx", @"(int dx (num 0) (num 1) (id x))");
        check!(r"\int^1_0 x dx", @"(int dx (num 0) (num 1) (id x))");
        check!(r"\int_0^1 \int_0^1 xy \, dx \, dy", @"(int dy (num 0) (num 1) (int dx (num 0) (num 1) (mul (id x) (id y))))");
        check!(r"\int a + b \, dx + c", @"(add (int dx (add (id a) (id b))) (id c))");
        check!(r"2 \int x dx", @"(mul (num 2) (int dx (id x)))");
        check!(r"\int \frac{dy}{dx} dx", @"(int dx (frac (mul (id d) (id y)) (mul (id d) (id x))))");
        check!(r"\int (x dx) dx", @"(int dx (mul (mul (id x) (id d)) (id x)))");
        check!("dx", @"(mul (id d) (id x))");
        check!(r"\mathrm{d}x", @"(mul (id d) (id x))");
    }

    #[test]
    fn expectations() {
        check!(r"\mathbb{E}_{p_1}[x]", @"(E p_1 (id x))");
        check!(r"\mathbb{E}[x^2]", @"(E (pow (id x) (num 2)))");
        check!(r"\mathbb{E}_p \left[ x \right]", @"(E p (id x))");
        check!("E[x]", @"(E (id x))");
        check!("E_{p_1}[x]", @"(E p_1 (id x))");
        check!("E_p[x]", @"(E p (id x))");
        check!(r"E\left[x\right]", @"(E (id x))");
        check!("E [x]", @"(mul (id E) (id x))");
        check!("E_1[x]", @"(mul (id E_1) (id x))");
        check!("E x", @"(mul (id E) (id x))");
    }

    #[test]
    fn layout_is_ignored() {
        check!(r"a \quad b \qquad c \, d \; e \: f \! g ~ h \ i", @"(mul (mul (mul (mul (mul (mul (mul (mul (id a) (id b)) (id c)) (id d)) (id e)) (id f)) (id g)) (id h)) (id i))");
        check!(r"\displaystyle \frac{1}{2}", @r"(frac (num 1) (num 2)) @ `\frac{1}{2}`");
        check!("a & b", @"(mul (id a) (id b))");
        check!("  x  ", @"(id x)");
        check!("x % a comment", @"(id x) @ `x`");
    }

    #[test]
    fn unsupported_constructs() {
        check!(r"\foo", @r"error `\foo`: unsupported LaTeX command `\foo`");
        check!(r"\sin x", @r"error `\sin`: unsupported LaTeX command `\sin`");
        check!(r"\sum_i x_i", @r"error `\sum`: unsupported LaTeX command `\sum`");
        check!(r"\mathbb{R}", @r"error `\mathbb{R}`: unsupported LaTeX command `\mathbb{R}`");
        check!("|x|", @"error `|`: absolute values are not supported");
        check!(r"\left| x \right|", @r"error `\left|`: absolute values are not supported");
        check!(r"\vert x \vert", @r"error `\vert`: absolute values are not supported");
        check!("n!", @"error `!`: factorials are not supported");
        check!("a @ b", @"error `@`: unexpected character `@`");
        check!("σ", @"error `σ`: unexpected character `σ`");
        check!("'", @"error `'`: unexpected character `'`");
        check!(r"\%", @r"error `\%`: unsupported LaTeX command `\%`");
        check!(r"\left. x \right|", @r"error `\left.`: unsupported LaTeX command `\left.`");
        check!(r"\log^2 x", @r"error `\log^`: powers written as `\log^...` are not supported");
        check!(r"\log_2 x", @r"error `\log_`: logarithm bases written as `\log_...` are not supported");
        check!(r"\log(x)^2", @r"error `^`: ambiguous power after `\log(...)`");
    }

    #[test]
    fn missing_pieces() {
        check!("", @"error ``: expected an expression");
        check!("a +", @"error `+`: expected an expression after `+`");
        check!(r"a \cdot", @r"error `\cdot`: expected an expression after `\cdot`");
        check!("-", @"error `-`: expected an expression after `-`");
        check!(r"\log", @r"error `\log`: expected an argument after `\log`");
        check!(r"\log + 1", @r"error `\log`: expected an argument after `\log`");
        check!(r"\frac{1}", @r"error `\frac`: expected an argument after `\frac`");
        check!(r"\sqrt", @r"error `\sqrt`: expected an argument after `\sqrt`");
        check!("x^", @"error `^`: expected a superscript after `^`");
        check!("x_", @"error `_`: expected a subscript after `_`");
        check!("^2", @"error `^`: superscript `^` has nothing to attach to");
        check!("()", @"error `()`: expected an expression between `(` and `)`");
        check!("f()", @"error `()`: expected an expression between `(` and `)`");
        check!("f(a,)", @"error `,`: expected an expression after `,`");
        check!("a^{}", @"error `{}`: expected an expression between `^{` and `}`");
        check!(r"\int x", @r"error `\int`: expected `dx` to end the integral");
        check!(r"\int dx", @r"error `\int`: expected an expression after `\int`");
        check!(r"\int x \cdot dx", @r"error `\cdot`: expected an expression after `\cdot`");
        check!(r"\int_0 x dx", @r"error `\int_0`: an integral needs both a lower and an upper bound");
        check!(r"\mathbb{E} x", @r"error `\mathbb{E}`: expected `[` after the expectation `E`");
        check!(r"\mathbb{E}_{2}[x]", @"error `_`: expected a density name in the subscript of `E`");
        check!(r"\mathrm{a+b}", @r"error `\mathrm`: expected letters inside `\mathrm{...}`");
    }

    #[test]
    fn brackets_that_do_not_match() {
        check!(r"\frac{1}{2", @r"error `{`: expected `}` to close `\frac{`");
        check!("(a", @"error `(`: expected `)` to close `(`");
        check!("(a]", @"error `]`: expected `)` to close `(`, found `]`");
        check!(r"\left( a \right]", @r"error `\right]`: expected `\right)` to close `\left(`, found `\right]`");
        check!(r"\left( a )", @r"error `)`: expected `\right)` to close `\left(`, found `)`");
        check!(r"\left( a", @r"error `\left(`: expected `\right)` to close `\left(`");
        check!("a)", @"error `)`: `)` has no matching opening bracket");
        check!("f(a,", @"error `(`: expected `)` to close `(`");
        check!("(a, b)", @"error `,`: expected `)` to close `(`, found `,`");
        check!("(a = b)", @"error `=`: expected `)` to close `(`, found `=`");
        check!("(a < b)", @"error `<`: only equalities can be checked, found `<`");
        check!("x_{1", @"error `_{`: expected `}` to close `_{`");
    }

    #[test]
    fn ambiguous_scripts() {
        check!("a^b^c", @"error `^`: ambiguous double superscript");
        check!("x^-1", @"error `^-`: a superscript starting with `-` needs braces");
        check!(r"x^\frac12", @r"error `^\frac`: a superscript starting with `\frac` needs braces");
        check!("x_1_2", @"error `_2`: double subscript");
        check!("(a+b)_1", @"error `_1`: subscripts are only supported on names");
        check!("x_{1/2}", @"error `/`: a subscript may only contain letters, digits and Greek letters");
    }

    #[test]
    fn relations_and_separators() {
        check!("a < b", @"error `<`: only equalities can be checked, found `<`");
        check!("a >= b", @"error `>=`: only equalities can be checked, found `>=`");
        check!(r"a \le b", @r"error `\le`: only equalities can be checked, found `\le`");
        check!(r"a \approx b", @r"error `\approx`: only equalities can be checked, found `\approx`");
        check!("a != b", @"error `!=`: only equalities can be checked, found `!=`");
        check!("a = b", @"error `=`: expected the end of the expression, found `=`");
        check!("a, b", @"error `,`: unexpected `,` outside function arguments");
        check!(r"a \\ b", @r"error `\\`: line break `\\` in the middle of a line");
    }

    #[test]
    fn limits() {
        let deep = |n: usize| format!("{}x{}", "(".repeat(n), ")".repeat(n));
        check!(&deep(200), @"(id x)");
        check!(&deep(201), @"error `(`: expression nested too deeply");
        check!(&"-".repeat(5000), @"error `-`: expression nested too deeply");
        check!(&format!("{}x", r"\log ".repeat(300)), @r"error `\log`: expression nested too deeply");
        check!(&"(".repeat(9000), @"error `(`: expression nested too deeply");
        check!(&"x".repeat(10_001), @"error `x`: line is too long (10001 bytes, at most 10000)");
        check!(&"x".repeat(501), @"error `x`: expression has too many operations in a row (more than 500)");
        check!("123456789012345678901234567890", @"(num 123456789012345678901234567890)");
        check!("1234567890123456789012345678901", @"error `1234567890123456789012345678901`: number is too long (31 digits, at most 30)");
    }

    /// Trees at the depth limits parse, and a recursive walk over them ([`sexpr`]) fits
    /// on an ordinary test thread's stack.
    #[test]
    fn the_deepest_allowed_trees_parse_and_print() {
        let deepest = [
            format!("{}a", "a+".repeat(499)),
            "x".repeat(500),
            format!("{}x{}", r"\frac{1}{".repeat(200), "}".repeat(200)),
            format!("{}x{}", r"\left(-".repeat(100), r"\right)".repeat(100)),
        ];
        for text in deepest {
            let expr = parse_expr(&text).expect("within the limits");
            assert!(sexpr(&expr).starts_with('('));
        }
    }

    #[test]
    fn spans_cover_the_text_of_each_node() {
        check!(spans: r"2\pi + (a)", @r"
            2\pi + (a)
              2\pi
                2
                \pi
              (a)
            ");
        check!(spans: r"-\frac{1}{2}\log 2\pi", @r"
            -\frac{1}{2}\log 2\pi
              \frac{1}{2}\log 2\pi
                \frac{1}{2}
                  1
                  2
                \log 2\pi
                  2\pi
                    2
                    \pi
            ");
        check!(spans: r"\sigma^2_1", @r"
            \sigma^2_1
              \sigma^2_1
              2
            ");
        check!(spans: r"\int_{0}^{1} p_1(x) \, dx", @r"
            \int_{0}^{1} p_1(x) \, dx
              0
              1
              p_1(x)
                x
            ");
        check!(spans: r"\mathbb{E}_{p}\left[ x \right]", @r"
            \mathbb{E}_{p}\left[ x \right]
              x
            ");
        check!(spans: r"\left( a \right)^2 \sqrt[3]{b}", @r"
            \left( a \right)^2 \sqrt[3]{b}
              \left( a \right)^2
                \left( a \right)
                2
              \sqrt[3]{b}
                3
                b
            ");
        check!(spans: "KL(p, q)", @r"
            KL(p, q)
              p
              q
            ");
    }
}
