//! Moments as authors write them: `\mathbb{E}_p[f]`, `\mathrm{E}[X^2]`, `E [x]`,
//! `E(X)`, `\operatorname{E}_{x \sim p}[…]`, `\langle f \rangle_p`,
//! `\operatorname{Var}(X)`, `\mathbb{V}[X]`, `\mathrm{Cov}(X, X)`.
//!
//! The parser records the moment, the subscript it is taken under and its arguments
//! ([`ExprKind::Expectation`]); what that means (which density, which variable) is
//! decided by `resolve`. A conditional expectation (`E[X \mid Y]`) is refused here.
//!
//! So are probabilities of events, `P(X \le x)`, `\Pr(a < X \le b)`: a moment
//! ([`Moment::Probability`]) whose arguments are the event's sides.

use super::*;
use crate::syntax::ast::{Event, Inequality, Moment, Under};

/// The moment a word names, when written with a text or operator command
/// (`\mathrm{E}`, `\operatorname{Var}`).
pub(super) fn moment_word(word: &str) -> Option<Moment> {
    match word {
        "E" => Some(Moment::Mean),
        "Var" | "var" | "V" => Some(Moment::Variance),
        "Cov" | "cov" => Some(Moment::Covariance),
        _ => None,
    }
}

impl<'a> Grammar<'a> {
    /// A moment after its head (`after_head` follows `\mathrm{E}`, `E`, `\mathbb{V}` …):
    /// an optional subscript, then its bracketed argument(s). Uncommitted (a plain
    /// `E`, which may be a variable), it returns `None` when no bracket follows.
    pub(super) fn moment(
        &self,
        start: &'a str,
        after_head: &'a str,
        moment: Moment,
        committed: bool,
    ) -> PResult<'a, Option<Expr>> {
        let head = consumed(start, after_head);
        let (after_under, under) = self.under(after_head)?;
        let under = under.map(Box::new);
        let at_bracket = skip_ws(after_under);
        // `E|X - \mu|`: the absolute value is the argument.
        if moment == Moment::Mean {
            if let Some(parsed) = self.absolute_at(at_bracket) {
                let (rest, arg) = parsed?;
                let kind = ExprKind::Expectation {
                    moment,
                    under,
                    args: vec![arg],
                };
                return Ok((rest, Some(self.node(kind, start, rest))));
            }
        }
        let opened = opener(at_bracket)
            .ok()
            .filter(|(_, delim)| matches!(delim.shape, Shape::Square | Shape::Paren));
        let Some((after_open, delim)) = opened else {
            // Without a bracket the head is a name (`\mathrm{Var} = …`, `E = mc^2`),
            // unless something follows that would make it a product (`E X`).
            return match (committed, under.is_some()) {
                (false, false) if ends_a_name(at_bracket) => Ok((start, None)),
                _ => fail(head, SyntaxErrorKind::ExpectationWithoutBracket),
            };
        };
        let text = consumed(at_bracket, after_open);
        let opening = Opening {
            delim,
            text,
            label: text.into(),
            widen: true,
        };
        let (rest, (args, separators)) =
            self.nested(text, || self.arguments(after_open, &opening))?;
        // Before the bracket is closed: in `E[Z \mid Z > 0]` the condition stops the
        // argument at `>`, which is not what is refused.
        if let Some(bar) = separators.iter().find(|s| **s != ",") {
            return fail(bar, SyntaxErrorKind::ConditionalExpectation);
        }
        let after_close = self.close(rest, &opening)?;
        let expected = if moment == Moment::Covariance { 2 } else { 1 };
        if args.len() != expected {
            let written = consumed(start, after_close);
            let kind = SyntaxErrorKind::MomentArguments {
                moment,
                found: args.len(),
            };
            return fail(written, kind);
        }
        let kind = ExprKind::Expectation {
            moment,
            under,
            args,
        };
        Ok((after_close, Some(self.node(kind, start, after_close))))
    }

    /// The subscript a moment is taken under: `_p`, `_X`, `_{p_1}`, `_{p(x)}`,
    /// `_{x \sim p}`, `_{x \sim \mathcal{N}(\mu, \sigma^2)}`.
    fn under(&self, input: &'a str) -> PResult<'a, Option<Under>> {
        let i = skip_ws(input);
        let Some(after_underscore) = i.strip_prefix('_') else {
            return Ok((input, None));
        };
        let mark = &i[..1];
        let j = skip_ws(after_underscore);
        let Some(inside) = j.strip_prefix('{') else {
            return match self.single_token(j) {
                Some((rest, law)) => Ok((rest, Some(Under { var: None, law }))),
                None => fail(mark, SyntaxErrorKind::InvalidDensity),
            };
        };
        let opening = Opening {
            delim: BRACES,
            text: &j[..1],
            label: "_{".into(),
            widen: false,
        };
        let (rest, first) = match self.expr(inside) {
            Ok(found) => found,
            Err(nom::Err::Error(_)) => return fail(mark, SyntaxErrorKind::InvalidDensity),
            Err(failure) => return Err(failure),
        };
        let after_first = skip_ws(rest);
        let under = match command_named(after_first, "sim") {
            Some(after_sim) => {
                let ExprKind::Ident(var) = first.kind else {
                    return fail(mark, SyntaxErrorKind::InvalidDensity);
                };
                let (rest, law) = required(self.expr(after_sim), &after_first[..4])?;
                let after_close = self.close(rest, &opening)?;
                let under = Under {
                    var: Some(var),
                    law,
                };
                return Ok((after_close, Some(under)));
            }
            None => Under {
                var: None,
                law: first,
            },
        };
        let after_close = self.close(rest, &opening)?;
        Ok((after_close, Some(under)))
    }

    /// `\langle f \rangle` and `\langle f \rangle_p`; `after_langle` follows `\langle`.
    pub(super) fn angle_mean(
        &self,
        start: &'a str,
        text: &'a str,
        after_langle: &'a str,
        sized: Option<&str>,
    ) -> PResult<'a, Atom> {
        // `\left\langle … \right\rangle`, `\big\langle … \big\rangle`: the closer is
        // sized as the opener was.
        let right = sized.map(|size| match size {
            "left" => "right",
            "bigl" => "bigr",
            "Bigl" => "Bigr",
            "biggl" => "biggr",
            other => other,
        });
        let close = move |i: &'a str| match right {
            Some(right) => {
                command_named(i, right).and_then(|r| command_named(skip_ws(r), "rangle"))
            }
            None => command_named(i, "rangle"),
        };
        self.nested(text, || {
            let (rest, body) = match self.expr(after_langle) {
                Ok(found) => found,
                Err(nom::Err::Error(_)) => return missing_argument(text),
                Err(failure) => return Err(failure),
            };
            let i = skip_ws(rest);
            let Some(after_close) = close(i) else {
                let kind = SyntaxErrorKind::Unclosed {
                    open: text.into(),
                    close: match right {
                        Some(right) => format!("\\{right}\\rangle"),
                        None => "\\rangle".into(),
                    },
                };
                return fail(text, kind);
            };
            let (after, under) = self.under(after_close)?;
            let under = under.map(Box::new);
            let kind = ExprKind::Expectation {
                moment: Moment::Mean,
                under,
                args: vec![body],
            };
            Ok((after, self.node(kind, start, after).into()))
        })
    }
}

/// Whether what follows a name ends it (an operator, a relation, a closer, the end),
/// rather than starting a factor it would be multiplied with.
fn ends_a_name(rest: &str) -> bool {
    let token = peek_token(rest);
    match token.kind {
        TokenKind::Other => {
            token
                .text
                .starts_with(['+', '-', '*', '/', '^', '.', ',', ':', '!'])
                || matches!(token.text, "\\cdot" | "\\times" | "\\quad" | "\\qquad")
                || is_row_label_text(rest)
        }
        _ => true,
    }
}

/// Whether `rest` is an annotation at the end of a row (words or a label).
fn is_row_label_text(rest: &str) -> bool {
    let i = skip_ws(rest);
    crate::syntax::annotation::annotation(i, true).is_some()
        || crate::syntax::annotation::only_trailing_matter(i)
}

/// Whether a word in `\operatorname{…}`/`\mathrm{…}` names a probability: `Pr` always
/// (committed), `P` only when an event follows (`\mathrm{P}` is a name otherwise).
pub(super) fn probability_word(word: &str) -> Option<bool> {
    match word {
        "Pr" | "Prob" => Some(true),
        "P" => Some(false),
        _ => None,
    }
}

/// An inequality at the start of `input`: `<`, `\le`, `\leq`, `\leqslant`, `\lt`, `<=`
/// and their mirrors; what follows it.
fn inequality(input: &str) -> Option<(&str, Inequality)> {
    for (text, found) in [
        ("<=", Inequality::Less { strict: false }),
        (">=", Inequality::Greater { strict: false }),
        ("<", Inequality::Less { strict: true }),
        (">", Inequality::Greater { strict: true }),
    ] {
        if let Some(rest) = input.strip_prefix(text) {
            return Some((rest, found));
        }
    }
    let (rest, name) = command(input).ok()?;
    let found = match name {
        "le" | "leq" | "leqslant" => Inequality::Less { strict: false },
        "lt" => Inequality::Less { strict: true },
        "ge" | "geq" | "geqslant" => Inequality::Greater { strict: false },
        "gt" => Inequality::Greater { strict: true },
        _ => return None,
    };
    Some((rest, found))
}

/// Whether the bracket opened just before `inside` holds an inequality outside any
/// inner bracket: what makes a plain `P(…)` an event's probability rather than a call
/// (`P(x)`, a density). One linear scan; the event is then parsed for real.
fn holds_inequality(inside: &str) -> bool {
    let mut depth = 0usize;
    for (at, c) in inside.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return false,
            ')' | ']' | '}' => depth -= 1,
            '<' | '>' | '\\' if depth == 0 && inequality(&inside[at..]).is_some() => return true,
            _ => {}
        }
    }
    false
}

impl<'a> Grammar<'a> {
    /// `P(X \le x)`, `\Pr[a < X \le b]`, `\mathbb{P}(X > c)` after the head. A committed
    /// head (`\Pr`, `\mathbb{P}`) must be followed by an event; a plain `P` is a
    /// probability only when its bracket holds an inequality, and otherwise `None` (a
    /// name or a call: `P(x)` for a density). Which side is the random variable is for
    /// `resolve` to say.
    pub(super) fn probability(
        &self,
        start: &'a str,
        after_head: &'a str,
        committed: bool,
    ) -> PResult<'a, Option<Expr>> {
        let head = consumed(start, after_head);
        let at_bracket = skip_ws(after_head);
        let opened = opener(at_bracket)
            .ok()
            .filter(|(_, delim)| matches!(delim.shape, Shape::Square | Shape::Paren));
        let Some((after_open, delim)) = opened else {
            return match committed {
                true => fail(head, SyntaxErrorKind::Event),
                false => Ok((start, None)),
            };
        };
        if !committed && !holds_inequality(after_open) {
            return Ok((start, None));
        }
        let text = consumed(at_bracket, after_open);
        let written = consumed(start, after_open);
        let opening = Opening {
            delim,
            text,
            label: text.into(),
            widen: true,
        };
        let (rest, (sides, event)) = self.nested(text, || self.event(after_open, written))?;
        let after_close = match self.close(rest, &opening) {
            Ok(after) => after,
            Err(_) => return fail(written, SyntaxErrorKind::Event),
        };
        let kind = ExprKind::Expectation {
            moment: Moment::Probability(event),
            under: None,
            args: sides,
        };
        Ok((after_close, Some(self.node(kind, start, after_close))))
    }

    /// An event: two or three sides separated by inequalities pointing one way.
    fn event(&self, input: &'a str, written: &'a str) -> PResult<'a, (Vec<Expr>, Event)> {
        // As in a call's arguments, `\mid` and `|` end a side: `P(X \le x \mid Y)` is
        // then refused as an event, not read as an absolute value.
        let ctx = Ctx {
            in_arguments: true,
            ..Ctx::default()
        };
        let side = |at: &'a str| match self.sum(at, ctx) {
            Err(nom::Err::Error(_)) => fail(written, SyntaxErrorKind::Event),
            other => other,
        };
        let (rest, first) = side(input)?;
        let Some((after, first_rel)) = inequality(skip_ws(rest)) else {
            return fail(written, SyntaxErrorKind::Event);
        };
        let (mut rest, second) = side(after)?;
        let mut sides = vec![first, second];
        let mut second_rel = None;
        if let Some((after, rel)) = inequality(skip_ws(rest)) {
            let same_way = matches!(
                (first_rel, rel),
                (Inequality::Less { .. }, Inequality::Less { .. })
                    | (Inequality::Greater { .. }, Inequality::Greater { .. })
            );
            if !same_way {
                return fail(written, SyntaxErrorKind::Event);
            }
            let (after_third, third) = side(after)?;
            sides.push(third);
            second_rel = Some(rel);
            rest = after_third;
        }
        let event = Event {
            first: first_rel,
            second: second_rel,
        };
        Ok((rest, (sides, event)))
    }
}
