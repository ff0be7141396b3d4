//! Atoms: numbers, names and calls (`KL(p_1, p_2)`, `p_1(x)`), and bracketed groups
//! with the errors of brackets that do not match.

use super::*;
use crate::syntax::ast::Moment;

impl<'a> Grammar<'a> {
    /// What can start a factor. Fails softly on what ends one (operators, closers,
    /// `=`, relations), hard on what can never be valid.
    pub(super) fn atom(&self, start: &'a str, ctx: Ctx) -> PResult<'a, Atom> {
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
            'E' if self.starts_word(start)
                && !start[1..].starts_with(|c: char| c.is_ascii_alphabetic()) =>
            {
                match self.moment(start, &start[1..], Moment::Mean, false)? {
                    (rest, Some(expectation)) => Ok((rest, expectation.into())),
                    (_, None) => self.letters(start),
                }
            }
            'P' if self.starts_word(start)
                && !start[1..].starts_with(|c: char| c.is_ascii_alphabetic()) =>
            {
                match self.probability(start, &start[1..], false)? {
                    (rest, Some(probability)) => Ok((rest, probability.into())),
                    (_, None) => self.letters(start),
                }
            }
            c if c.is_ascii_alphabetic() => self.letters(start),
            '\\' => self.command_atom(start, ctx),
            // `{\rm E}[X]`, `{\rm d}x`: plain TeX's roman switch, as `\mathrm{…}`.
            '{' if crate::syntax::lexeme::is_plain_tex_roman(start) => {
                self.named_atom(start, true, ctx)
            }
            '(' | '[' | '{' => self.group(start),
            '|' => self.bar_atom(start, 1, ctx),
            '^' | '_' => fail(&start[..1], SyntaxErrorKind::StrayScript(first)),
            '!' if start.starts_with("!=") => soft(start),
            ')' | ']' | '}' | '+' | '-' | '*' | '/' | '=' | ',' | ';' | '<' | '>' | '.' | ':' => {
                soft(start)
            }
            // Full-width sentence punctuation ends the expression, as `.` does.
            '。' | '，' | '；' | '：' | '、' => soft(start),
            _ => fail(first_char(start), SyntaxErrorKind::UnexpectedChar(first)),
        }
    }

    /// `|\Sigma|`, `|x|`: bars around one name, a determinant as PRML writes
    /// `|\Sigma|^{1/2}` and `\ln|\Sigma|`, or an absolute value. Parsed as the
    /// absolute value; resolution makes it the determinant of a declared matrix and
    /// refuses it for an undeclared capital (see `resolve::expr`). `None` unless the
    /// bars hold one name.
    pub(super) fn bars_around_a_name(&self, start: &'a str) -> Option<(&'a str, Expr)> {
        let inside = skip_ws(&start[1..]);
        let (after, raw) = name(inside).ok()?;
        let rest = skip_ws(after).strip_prefix('|')?;
        // `|x|_{t=0}` is an evaluation bar, not a determinant's closing bar.
        if skip_ws(rest).starts_with('_') {
            return None;
        }
        let ident = self.ident(raw);
        let arg = Expr {
            span: ident.span,
            kind: ExprKind::Ident(ident),
        };
        let kind = ExprKind::Apply(Builtin::Abs, Box::new(arg));
        Some((rest, self.node(kind, start, rest)))
    }

    /// Letters: `KL(` as one callee, otherwise one letter with its subscript.
    pub(super) fn letters(&self, start: &'a str) -> PResult<'a, Atom> {
        if self.starts_word(start) {
            let run_len = start.bytes().take_while(u8::is_ascii_alphabetic).count();
            let run = &start[..run_len];
            if let Some(word) = readings::function_word(run) {
                let kind = SyntaxErrorKind::FunctionWithoutBackslash(word.into());
                return fail(run, kind);
            }
            if readings::is_word_name(run) && callee_word(start).is_none() {
                let (rest, raw) = named_run(start, run)?;
                return self.name_or_call(start, rest, raw);
            }
        }
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
    pub(super) fn starts_word(&self, start: &'a str) -> bool {
        let offset = span_in(self.base, start).start;
        let previous = self.base.as_bytes()[..offset].last();
        !previous.is_some_and(u8::is_ascii_alphabetic)
    }

    /// A name, or a call if a `(` follows it.
    pub(super) fn name_or_call(
        &self,
        start: &'a str,
        rest: &'a str,
        raw: RawName<'a>,
    ) -> PResult<'a, Atom> {
        let is_index = || self.indices.borrow().iter().any(|i| i == "i");
        if raw.base == "i" && raw.subscript.is_none() && self.starts_word(start) && !is_index() {
            return fail(raw.text, SyntaxErrorKind::ImaginaryUnit);
        }
        let raw_text = raw.text;
        let ident = self.ident(raw);
        if let Some((after_marks, order)) = primes::prime_marks(rest) {
            let at_bracket = skip_ws(after_marks);
            if matches!(opener(at_bracket), Ok((_, delim)) if delim.shape == Shape::Paren) {
                let marks = consumed(rest, after_marks);
                return plain(self.primed_call(start, marks, ident, order, at_bracket));
            }
            if let Some(written) = primes::bracketed_superscript(rest) {
                return fail(written, SyntaxErrorKind::BracketedSuperscript);
            }
            return fail(
                consumed(rest, after_marks),
                SyntaxErrorKind::UnexpectedChar('\''),
            );
        }
        let at_bracket = skip_ws(rest);
        let is_call = match opener(at_bracket) {
            Ok((_, delim)) if delim.shape == Shape::Paren => true,
            Ok((_, delim)) if delim.shape == Shape::Square => {
                has_divergence_bar(at_bracket) || is_functional(raw_text, rest)
            }
            _ => false,
        };
        if is_call && !is_row_label(rest, at_bracket) {
            return plain(self.call(start, ident, at_bracket));
        }
        let expr = self.node(ExprKind::Ident(ident), start, rest);
        Ok((rest, expr.into()))
    }

    /// `callee(arg, arg; arg)`; `at_open` starts at the bracket.
    pub(super) fn call(
        &self,
        start: &'a str,
        callee: Ident,
        at_open: &'a str,
    ) -> PResult<'a, Expr> {
        let (after_open, delim) = opener(at_open)?;
        let text = consumed(at_open, after_open);
        let opening = Opening {
            delim,
            text,
            label: text.into(),
            widen: true,
        };
        self.nested(text, || {
            let (rest, (args, _)) = self.arguments(after_open, &opening)?;
            let after_close = self.close(rest, &opening)?;
            let kind = ExprKind::Call { callee, args };
            Ok((after_close, self.node(kind, start, after_close)))
        })
    }

    /// Comma- or semicolon-separated arguments, up to (not including) the closer.
    /// Arguments split at `,` and `;`, at the divergence bars `\|`, `||`, `\Vert`,
    /// `\parallel` (`KL(p \| q)`) and at the conditioning bars `\mid`, `|`
    /// (`p(x \mid \mu, \sigma)`), up to (not including) the closer; with the
    /// separators as written.
    pub(super) fn arguments(
        &self,
        input: &'a str,
        opening: &Opening<'a>,
    ) -> PResult<'a, (Vec<Expr>, Vec<&'a str>)> {
        let mut args = Vec::new();
        let mut separators = Vec::new();
        let mut rest = input;
        let mut separator = None;
        let ctx = Ctx {
            in_arguments: true,
            ..Ctx::default()
        };
        loop {
            match self.sum(rest, ctx) {
                Ok((after, arg)) => {
                    args.push(arg);
                    rest = skip_ws(after);
                }
                Err(nom::Err::Error(_)) => {
                    return Err(self.missing_argument(skip_ws(rest), opening, separator))
                }
                Err(failure) => return Err(failure),
            }
            match argument_separator(rest) {
                Some(after) => {
                    let written = consumed(rest, after);
                    separator = Some(written);
                    separators.push(written);
                    rest = after;
                }
                None => return Ok((rest, (args, separators))),
            }
        }
    }

    pub(super) fn missing_argument(
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
    pub(super) fn group(&self, start: &'a str) -> PResult<'a, Atom> {
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
    pub(super) fn enclosed(
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
    pub(super) fn close(
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
    pub(super) fn closing_error(
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
}

/// A separator between arguments at the start of `input`: `,`, `;`, a divergence bar
/// (`\|`, `||`, `\Vert`, `\parallel`) or a conditioning bar (`\mid`, `|`); the rest.
pub(super) fn argument_separator(input: &str) -> Option<&str> {
    for plain in [",", ";", "||", "|"] {
        if let Some(rest) = input.strip_prefix(plain) {
            return Some(rest);
        }
    }
    ["|", "Vert", "parallel", "mid"]
        .iter()
        .find_map(|name| command_named(input, name))
}

/// Whether the square brackets `input` starts with hold a divergence bar at their top
/// level: `[P \| Q]` makes `\mathrm{KL}[P \| Q]` a name's arguments, not a product.
pub(super) fn has_divergence_bar(input: &str) -> bool {
    let mut depth = 0usize;
    let mut rest = input;
    while let Some(c) = rest.chars().next() {
        match c {
            '[' | '(' | '{' => depth += 1,
            ']' | ')' | '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return false;
                }
            }
            _ => {}
        }
        if depth == 1
            && (rest.starts_with("\\|")
                || rest.starts_with("||")
                || rest.starts_with("\\Vert")
                || rest.starts_with("\\parallel"))
        {
            return true;
        }
        rest = &rest[c.len_utf8()..];
    }
    false
}

/// Whether `written`, a name directly followed by `[` (`rest` starts there), is a
/// functional applied to it as PRML writes them: one upright capital, `\mathrm{H}[\mathbf{x}]`
/// (the entropy), never a product, since nobody sets a scalar factor upright. The
/// moments (`\mathrm{E}`, `\mathrm{V}`, `\mathrm{P}`) are read before this.
fn is_functional(written: &str, rest: &str) -> bool {
    let upright = ["\\mathrm{", "\\operatorname{"]
        .iter()
        .find_map(|command| written.strip_prefix(command))
        .and_then(|inside| inside.strip_suffix('}'));
    let capital = upright.is_some_and(|letter| {
        let mut chars = letter.trim().chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_ascii_uppercase())
    });
    capital && rest.starts_with('[')
}
