//! One line of a derivation file: strip what is layout only, decide what kind of line it
//! is, and parse it.
//!
//! A line is blank (or a comment), a directive (`let`, `assume`, `specialise`), the
//! head of a new chain (`A = B = C`), or a continuation (`&= D = E \\`). This module
//! returns the line's item or its error; it does not know which chain is open (the
//! document loop in `mod.rs` attaches continuations), and it leaves expressions to
//! `expr`.

use crate::source::{LineIndex, Span};
use crate::syntax::annotation::{
    annotation, display_text, has_wide_space, is_premise_text, only_trailing_matter, punctuation,
    sets_an_equation,
};
use crate::syntax::ast::{
    Annotation, Assumption, Binding, Chain, Connective, Definition, Expr, ExprKind, Ident, Item,
    RandomVariable, Specialisation, Step,
};
use crate::syntax::error::{
    span_in, PError, PResult, SyntaxError, SyntaxErrorKind, MAX_LINE_BYTES,
};
use crate::syntax::expected::{from_nom, unexpected_token};
use crate::syntax::expr::Grammar;
use crate::syntax::lexeme::{
    annotated_equals, command_named, consumed, definition_name, first_char, name, number,
    peek_token, relation, sim_relation, skip_ws, RawName, TokenKind,
};
use crate::syntax::{Row, RowKind};

/// What a line turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LineItem {
    /// Nothing but whitespace, layout and comments.
    Blank,
    /// `let`, `assume` or `specialise`.
    Directive(Item),
    /// `a > 0` stated in notes' mathematics: an assumption that, like a random
    /// variable's declaration, leaves the open chain open.
    Condition(Item),
    /// `A = B`: starts a new chain.
    Head(RowSteps),
    /// `= C = D`: continues the open chain. `equals` is the leading `=`.
    Continuation { steps: RowSteps, equals: Span },
    /// `\Rightarrow L = R`: the next equation of a chain of equations. `at` is the
    /// connective as written.
    Implication {
        connective: Connective,
        steps: Vec<Step>,
        at: Span,
        written: String,
        /// What the equation's right side is then said to equal: `\iff \hat{\mu} = e =
        /// \bar{x}` is the equation `μ̂ = e`, and the claim `e = x̄`, a chain of its own.
        restated: Vec<Step>,
    },
}

/// The steps of a row, and the value its last step is set to by an `=` that sets an
/// equation (`… \overset{!}{=} 0`, see [`sets_an_equation`]): that equation is the
/// first of a chain of equations, not a step.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RowSteps {
    pub steps: Vec<Step>,
    pub set_to: Option<Step>,
    /// The value was written first (`0 = f = g`): the equation keeps that order.
    pub set_first: bool,
}

/// What a line looks like from its first word, decided before parsing it so that a
/// line with an error still opens (or closes) a chain as its author meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    Blank,
    Directive(Keyword),
    /// `X \sim \mathcal{N}(\mu, \sigma^2)`.
    Distribution,
    /// `a > 0` in notes' mathematics: the `assume` of prose ("for $a > 0$").
    Condition,
    /// `\mathcal{N}(\mu, \sigma^2)` alone in notes' mathematics ("samples from
    /// $\mathcal{N}(\mu, \sigma^2)$"): σ is its standard deviation, so positive.
    Law,
    Head,
    Continuation,
    /// `\Rightarrow L = R`, `\iff L = R`.
    Implication,
}

/// The directive keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keyword {
    Let,
    Assume,
    Specialise,
}

/// A line's kind and its parse.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParsedLine {
    pub kind: LineKind,
    pub result: Result<LineItem, SyntaxError>,
    /// What braces on the line claim (`\underbrace{…}_{=0}`), each a chain of two
    /// steps: the part, then its value.
    pub side_claims: Vec<Chain>,
    /// The positivity conditions written beside its steps, each an `assume`.
    pub conditions: Vec<Assumption>,
}

/// Parses one row of `text`; `index` gives each step its line.
pub(crate) fn parse_row(text: &str, row: &Row, index: &LineIndex) -> ParsedLine {
    let line = &text[row.range.clone()];
    let (content, kind) = match row.kind {
        RowKind::Line => {
            let content = skip_ws(strip_line_break(strip_comment(line)));
            let kind = if line.trim_start().starts_with('#') {
                LineKind::Blank
            } else {
                classify(content, true)
            };
            (content, kind)
        }
        RowKind::Math | RowKind::MathSetToZero => {
            let content = after_reason_sign(skip_ws(line));
            (content, classify(content, false))
        }
    };
    let start = content;
    if line.len() > MAX_LINE_BYTES {
        let too_long = SyntaxErrorKind::LineTooLong { len: line.len() };
        let result = Err(error_at(text, first_char(line), too_long));
        return ParsedLine {
            kind,
            result,
            side_claims: Vec::new(),
            conditions: Vec::new(),
        };
    }
    let parser = LineParser {
        grammar: Grammar::new(text),
        base: text,
        index,
        zero_is_set: row.kind == RowKind::MathSetToZero,
        conditions: Default::default(),
    };
    let result = parser.parse(kind, start);
    let (side_claims, conditions) = match &result {
        Ok(_) => (parser.side_claims(), parser.conditions.take()),
        Err(_) => (Vec::new(), Vec::new()),
    };
    ParsedLine {
        kind,
        result,
        side_claims,
        conditions,
    }
}

/// Cuts a `%` comment: a `%` preceded by an even number of backslashes (`\%` is a
/// percent sign, `\\%` a line break and a comment).
pub(crate) fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    let is_comment_start = |at: usize| {
        let backslashes = bytes[..at]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        bytes[at] == b'%' && backslashes % 2 == 0
    };
    match (0..bytes.len()).find(|&at| is_comment_start(at)) {
        Some(at) => &line[..at],
        None => line,
    }
}

/// A row of mathematics that opens with `\because` (∵, "since") states the reason
/// for what came before: the row is that claim, checked like any other, so the sign
/// is the author's word and what follows it is the row. (`\therefore`, "hence", is a
/// connective: see `Connective::of_command`.)
fn after_reason_sign(start: &str) -> &str {
    match crate::syntax::lexeme::command(start) {
        Ok((after, "because")) => skip_ws(after),
        _ => start,
    }
}

/// Drops a trailing LaTeX line break `\\` (with the spaces around it).
pub(crate) fn strip_line_break(line: &str) -> &str {
    let trimmed = line.trim_end();
    trimmed.strip_suffix("\\\\").map_or(trimmed, str::trim_end)
}

/// What a row is, from its first word; `directives`: whether `let`, `assume` and
/// `specialise` are keywords here (not in notes' mathematics).
fn classify(start: &str, directives: bool) -> LineKind {
    if start.is_empty() {
        return LineKind::Blank;
    }
    if annotated_equals(start).is_some() {
        return LineKind::Continuation;
    }
    if leading_connective(start).is_some() {
        return LineKind::Implication;
    }
    if let Some((keyword, _)) = keyword(start).filter(|_| directives) {
        return LineKind::Directive(keyword);
    }
    if !directives
        && (crate::syntax::scan::is_positivity_condition(start)
            || shapes::is_prose_shape_declaration(start))
    {
        return LineKind::Condition;
    }
    if !directives && is_law_with_deviation(start) {
        return LineKind::Law;
    }
    match crate::syntax::scan::first_top_level_relation(start) {
        Some((crate::syntax::scan::RelationKind::Sim, _)) => LineKind::Distribution,
        _ => LineKind::Head,
    }
}

/// Whether `text` is a normal law and nothing else, its variance written as a square
/// (`\mathcal{N}(\mu, \sigma^2)`, with sentence punctuation after it): in notes, a
/// statement that σ is a standard deviation.
pub fn is_law_with_deviation(text: &str) -> bool {
    if !crate::syntax::scan::is_normal_law(text) {
        return false;
    }
    let trimmed = text.trim_end().trim_end_matches([',', '.', ';']);
    let law = crate::syntax::parse_expr(trimmed).ok();
    law.as_ref().and_then(deviation_of_law).is_some()
}

/// The standard deviation of a normal law written `\mathcal{N}(\mu, \sigma^2)` (or
/// `N(x; \mu, \sigma^2)`): the base of a squared variance, never a variance written
/// otherwise (`\mathcal{N}(0, v)`, `\mathcal{N}(\mu, \Sigma)` state no sign).
fn deviation_of_law(law: &Expr) -> Option<Ident> {
    let ExprKind::Call { callee, args } = &law.kind else {
        return None;
    };
    if callee.base != "N" || callee.subscript.is_some() {
        return None;
    }
    let variance = match args.as_slice() {
        [_, variance] | [_, _, variance] => variance,
        _ => return None,
    };
    let squared = matches!(variance.kind, ExprKind::Pow(..));
    crate::syntax::resolve::positive_by_variance(variance).filter(|_| squared)
}

/// `\Rightarrow`, `\iff`, … at the start of a row (an alignment `&` before or after
/// it allowed): the connective, its text and the rest.
fn leading_connective(start: &str) -> Option<(Connective, &str, &str)> {
    let i = skip_ws(start.strip_prefix('&').unwrap_or(start));
    let (rest, name) = crate::syntax::lexeme::command(i).ok()?;
    let connective = Connective::of_command(name)?;
    let written = consumed(i, rest);
    let rest = skip_ws(rest);
    Some((connective, written, rest.strip_prefix('&').unwrap_or(rest)))
}

/// A directive keyword as a whole word at the start of the line, and the rest.
fn keyword(start: &str) -> Option<(Keyword, &str)> {
    let word_len = start.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (word, rest) = start.split_at(word_len);
    let keyword = match word {
        "let" => Keyword::Let,
        "assume" => Keyword::Assume,
        "specialise" | "specialize" => Keyword::Specialise,
        _ => return None,
    };
    let ends_word = rest
        .chars()
        .next()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '\\' | '{' | '&' | '~'));
    ends_word.then_some((keyword, rest))
}

fn error_at(base: &str, at: &str, kind: SyntaxErrorKind) -> SyntaxError {
    SyntaxError {
        span: span_in(base, at),
        kind,
    }
}

/// Parses one classified line.
struct LineParser<'a> {
    grammar: Grammar<'a>,
    base: &'a str,
    index: &'a LineIndex,
    /// The prose set this row to zero ([`RowKind::MathSetToZero`]).
    zero_is_set: bool,
    /// Positivity conditions written beside the row's steps (`\quad (\sigma > 0)`).
    conditions: std::cell::RefCell<Vec<Assumption>>,
}

type LineResult<T> = Result<T, SyntaxError>;

impl<'a> LineParser<'a> {
    /// The brace claims the parse met, as chains: the part, then the value its label
    /// gives, on the line where each is written.
    fn side_claims(&self) -> Vec<Chain> {
        let step = |expr: Expr| Step {
            line_idx: self.index.line_col(self.base, expr.span.start).line - 1,
            expr,
            annotations: Vec::new(),
        };
        self.grammar
            .take_side_claims()
            .into_iter()
            .map(|(part, value)| Chain {
                steps: vec![step(part), step(value)],
                name: None,
                connectives: Vec::new(),
            })
            .collect()
    }

    fn parse(&self, kind: LineKind, start: &'a str) -> LineResult<LineItem> {
        match kind {
            LineKind::Blank => Ok(LineItem::Blank),
            LineKind::Head => Ok(LineItem::Head(self.head_steps(start)?)),
            LineKind::Distribution => Ok(LineItem::Directive(Item::RandomVariable(
                self.random_variable(start)?,
            ))),
            LineKind::Condition if shapes::is_prose_shape_declaration(start) => {
                let trimmed = start.trim_end().trim_end_matches([',', '.', ';']);
                Ok(LineItem::Condition(Item::Shape(
                    self.shape_declaration(&start[..0], trimmed)?,
                )))
            }
            LineKind::Law => {
                let trimmed = start.trim_end().trim_end_matches([',', '.', ';']);
                let (_, law) = self.expr_after(trimmed, &start[..0])?;
                let Some(deviation) = deviation_of_law(&law) else {
                    return Err(self.unexpected(trimmed, "a law `\\mathcal{N}(\\mu, \\sigma^2)`"));
                };
                Ok(LineItem::Condition(Item::Assume(Assumption {
                    symbols: vec![deviation],
                    span: law.span,
                    from_law: true,
                })))
            }
            LineKind::Condition => {
                let trimmed = start.trim_end().trim_end_matches([',', '.', ';']);
                Ok(LineItem::Condition(Item::Assume(
                    self.assumption(&start[..0], trimmed)?,
                )))
            }
            LineKind::Continuation => {
                let leading =
                    annotated_equals(start).ok_or_else(|| self.unexpected(start, "`=`"))?;
                let equals = consumed(start, leading.rest);
                let steps = self.steps(leading.rest, Some((equals, leading.annotation)))?;
                let equals = span_in(self.base, equals);
                Ok(LineItem::Continuation { steps, equals })
            }
            LineKind::Implication => {
                let (connective, written, rest) = leading_connective(start)
                    .ok_or_else(|| self.unexpected(start, "`\\Rightarrow` or `\\iff`"))?;
                let RowSteps {
                    mut steps, set_to, ..
                } = self.steps(rest, None)?;
                if steps.len() < 2 || set_to.is_some() {
                    let kind = SyntaxErrorKind::NotOneEquation(written.into());
                    return Err(self.error(written, kind));
                }
                let restated = steps.split_off(2);
                let at = span_in(self.base, written);
                Ok(LineItem::Implication {
                    connective,
                    steps,
                    at,
                    written: written.to_string(),
                    restated,
                })
            }
            LineKind::Directive(keyword) => {
                let word_len = start.bytes().take_while(u8::is_ascii_alphabetic).count();
                let (word, rest) = start.split_at(word_len);
                let item = match keyword {
                    Keyword::Let if shapes::is_shape_declaration(rest) => {
                        Item::Shape(self.shape_declaration(word, rest)?)
                    }
                    Keyword::Let => match self.law_declaration(word, rest)? {
                        Some(law) => Item::RandomVariable(law),
                        None => Item::Let(self.definition(word, rest)?),
                    },
                    Keyword::Assume => Item::Assume(self.assumption(word, rest)?),
                    Keyword::Specialise => Item::Specialise(self.specialisation(word, rest)?),
                };
                Ok(LineItem::Directive(item))
            }
        }
    }

    fn error(&self, at: &'a str, kind: SyntaxErrorKind) -> SyntaxError {
        error_at(self.base, at, kind)
    }

    fn unexpected(&self, at: &'a str, expected: &str) -> SyntaxError {
        unexpected_token(self.base, at, expected)
    }

    /// An expression that must be there because of `after` (`=`, `,`, a keyword).
    fn expr_after(&self, input: &'a str, after: &'a str) -> LineResult<(&'a str, Expr)> {
        self.grammar.top_expr(input).map_err(|err| match err {
            nom::Err::Error(_) => {
                let kind = SyntaxErrorKind::MissingOperand {
                    after: after.to_string(),
                };
                self.error(after, kind)
            }
            other => self.nom_error(other, "an expression"),
        })
    }

    fn nom_error(&self, err: nom::Err<PError<'a>>, expected: &str) -> SyntaxError {
        from_nom(err, self.base, expected)
    }

    /// `X \sim \mathcal{N}(\mu, \sigma^2)`, `X_1, X_2 \sim N(0, 1)`, also with the
    /// relation annotated (`\stackrel{\text{iid}}{\sim}`).
    fn random_variable(&self, start: &'a str) -> LineResult<RandomVariable> {
        let (names, rest) = self.names(start, start)?;
        let Some(after_sim) = sim_relation(rest) else {
            return Err(self.unexpected(rest, "`\\sim`"));
        };
        let sim = consumed(rest, after_sim);
        let (after_law, law) = self.expr_after(after_sim, sim)?;
        let mut annotations = Vec::new();
        let end = self.tail(after_law, &mut annotations, true)?;
        self.expect_end(end)?;
        let span = self.grammar.span(start, end);
        Ok(RandomVariable { names, law, span })
    }

    /// Nothing but layout may follow a directive.
    fn expect_end(&self, input: &'a str) -> LineResult<()> {
        let i = skip_ws(input);
        if i.is_empty() {
            Ok(())
        } else {
            Err(self.unexpected(i, "the end of the line"))
        }
    }

    /// A name after `after` (a keyword, `(` or `,`), parsed with `lexeme`.
    fn name_after(
        &self,
        input: &'a str,
        after: &'a str,
        lexeme: fn(&'a str) -> PResult<'a, RawName<'a>>,
    ) -> LineResult<(&'a str, Ident)> {
        let i = skip_ws(input);
        match lexeme(i) {
            Ok((rest, raw)) => Ok((rest, self.grammar.ident(raw))),
            Err(nom::Err::Failure(e)) => Err(e.into_syntax_error(self.base, "a name")),
            Err(_) => {
                let token = peek_token(i);
                let at = if token.text.is_empty() {
                    after
                } else {
                    token.text
                };
                let after = after.to_string();
                Err(self.error(at, SyntaxErrorKind::ExpectedName { after }))
            }
        }
    }

    /// `let NAME(PARAMS) = EXPR` or `let NAME = EXPR`.
    fn definition(&self, keyword: &'a str, input: &'a str) -> LineResult<Definition> {
        let (rest, name) = self.name_after(input, keyword, definition_name)?;
        let (rest, params) = self.parameters(rest)?;
        let i = skip_ws(rest);
        let Some(after_equals) = i.strip_prefix('=') else {
            return Err(self.unexpected(i, "`=`"));
        };
        let (rest, body) = self.expr_after(after_equals, &i[..1])?;
        self.expect_end(rest)?;
        let span = self.grammar.span(keyword, rest);
        Ok(Definition {
            name,
            params,
            body,
            span,
        })
    }

    /// `(x, y)` after a defined name, or nothing.
    fn parameters(&self, input: &'a str) -> LineResult<(&'a str, Vec<Ident>)> {
        let i = skip_ws(input);
        let Some(mut rest) = i.strip_prefix('(') else {
            return Ok((input, Vec::new()));
        };
        let open = &i[..1];
        let mut after = open;
        let mut params = Vec::new();
        loop {
            let (after_name, param) = self.name_after(rest, after, name)?;
            params.push(param);
            let i = skip_ws(after_name);
            match i.as_bytes().first() {
                Some(b',') => {
                    after = &i[..1];
                    rest = &i[1..];
                }
                Some(b')') => return Ok((&i[1..], params)),
                None => {
                    let kind = SyntaxErrorKind::Unclosed {
                        open: "(".into(),
                        close: ")".into(),
                    };
                    return Err(self.error(open, kind));
                }
                Some(_) => return Err(self.unexpected(i, "`,` or `)`")),
            }
        }
    }

    /// `assume a, \sigma_1 > 0`.
    fn assumption(&self, keyword: &'a str, input: &'a str) -> LineResult<Assumption> {
        let (symbols, rest) = self.names(input, keyword)?;
        let end = self.positive_condition(rest)?;
        let span = self.grammar.span(keyword, end);
        Ok(Assumption {
            symbols,
            span,
            from_law: false,
        })
    }

    /// `a, \sigma_1, X`: names separated by commas (`after`, what precedes the first,
    /// for the error when there is none), and the rest after spaces.
    fn names(&self, input: &'a str, after: &'a str) -> LineResult<(Vec<Ident>, &'a str)> {
        let mut names = Vec::new();
        let mut rest = input;
        let mut after = after;
        let mut range_from = None;
        loop {
            let (after_name, found) = self.name_after(rest, after, name)?;
            if let Some(first) = range_from.take() {
                names.push(self.range_data(first, &found, rest)?);
            }
            names.push(found);
            let i = skip_ws(after_name);
            match i.strip_prefix(',') {
                Some(next) => {
                    after = &i[..1];
                    rest = next;
                    // `\sigma_1, \dots, \sigma_J`: every σ between, so all of σ's data.
                    let dots = crate::syntax::scan::ellipsis(skip_ws(next))
                        .and_then(|r| skip_ws(r).strip_prefix(','));
                    if let (Some(after_dots), Some(first)) = (dots, names.last()) {
                        range_from = Some(first.clone());
                        after = &next[..next.len() - after_dots.len()];
                        rest = after_dots;
                    }
                }
                None => return Ok((names, i)),
            }
        }
    }

    /// The data a range `a_1, \dots, a_K` stands for, as the name `a_j` (an index letter
    /// as subscript, which makes every datum of `a` positive, as `assume a_j > 0`
    /// does). The range must run from `a_1` to another `a_…`; anything else is refused.
    fn range_data(&self, first: Ident, last: &Ident, at: &'a str) -> LineResult<Ident> {
        if first.base != last.base
            || first.subscript.as_deref() != Some("1")
            || last.subscript.is_none()
        {
            return Err(self.unexpected(at, "the range's last name, `a_1, \\dots, a_n`"));
        }
        Ok(Ident {
            base: first.base,
            subscript: Some("j".into()),
            span: first.span.join(last.span),
        })
    }

    /// `> 0` at the end of an assumption; returns where it ends.
    fn positive_condition(&self, input: &'a str) -> LineResult<&'a str> {
        let after_zero = input
            .strip_prefix('>')
            .and_then(|after| match number(skip_ws(after)) {
                Ok((rest, "0")) => Some(rest),
                _ => None,
            });
        if let Some(after_zero) = after_zero {
            self.expect_end(after_zero)?;
            return Ok(after_zero);
        }
        let token = peek_token(input);
        let is_condition = matches!(token.kind, TokenKind::Relation | TokenKind::Equals)
            || relation(input).is_some();
        if is_condition {
            return Err(self.error(input.trim_end(), SyntaxErrorKind::UnsupportedAssumption));
        }
        let expected = if token.kind == TokenKind::End {
            "`> 0`"
        } else {
            "`,` or `> 0`"
        };
        Err(self.unexpected(input, expected))
    }

    /// `specialise TARGET with LHS = RHS, LHS = RHS`.
    fn specialisation(&self, keyword: &'a str, input: &'a str) -> LineResult<Specialisation> {
        let Some((target_text, with, after_with)) = split_at_with(input) else {
            return Err(self.error(keyword, SyntaxErrorKind::MissingWith));
        };
        let target = if skip_ws(target_text).is_empty() {
            None
        } else {
            let (rest, target) = self.expr_after(target_text, keyword)?;
            let i = skip_ws(rest);
            if !i.is_empty() {
                return Err(self.unexpected(i, "`with`"));
            }
            Some(target)
        };
        let (end, bindings) = self.bindings(after_with, with)?;
        let span = self.grammar.span(keyword, end);
        Ok(Specialisation {
            target,
            target_chain: None,
            bindings,
            span,
        })
    }

    /// `LHS = RHS, LHS = RHS` up to the end of the line; returns where the last ends.
    fn bindings(&self, input: &'a str, with: &'a str) -> LineResult<(&'a str, Vec<Binding>)> {
        let mut bindings = Vec::new();
        let mut rest = input;
        let mut after = with;
        loop {
            let (after_lhs, lhs) = self.expr_after(rest, after)?;
            let i = skip_ws(after_lhs);
            let Some(after_equals) = i.strip_prefix('=') else {
                return Err(self.unexpected(i, "`=`"));
            };
            let (after_rhs, rhs) = self.expr_after(after_equals, &i[..1])?;
            bindings.push(Binding { lhs, rhs });
            let i = skip_ws(after_rhs);
            if i.is_empty() {
                return Ok((after_rhs, bindings));
            }
            let Some(next) = i.strip_prefix(',') else {
                return Err(self.unexpected(i, "`,` or the end of the line"));
            };
            after = &i[..1];
            rest = next;
        }
    }
}

/// Splits at the first whole word `with` outside any brackets: (before, `with`, after).
fn split_at_with(input: &str) -> Option<(&str, &str, &str)> {
    let bytes = input.as_bytes();
    let mut depth = 0i64;
    let is_letter_or_command = |b: u8| b.is_ascii_alphabetic() || b == b'\\';
    for at in 0..bytes.len() {
        match bytes[at] {
            b'{' | b'(' | b'[' => depth += 1,
            b'}' | b')' | b']' => depth -= 1,
            _ => {}
        }
        let starts_word = at == 0 || !is_letter_or_command(bytes[at - 1]);
        let ends_word = bytes.get(at + 4).is_none_or(|b| !b.is_ascii_alphabetic());
        if depth <= 0 && bytes[at..].starts_with(b"with") && starts_word && ends_word {
            let (before, from_with) = input.split_at(at);
            let (with, after) = from_with.split_at(4);
            return Some((before, with, after));
        }
    }
    None
}

mod laws;
mod steps;
#[cfg(test)]
mod tests;

mod shapes;
pub(crate) use shapes::is_prose_shape_declaration;
