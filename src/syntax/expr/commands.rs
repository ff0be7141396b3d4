//! Atoms that start with a backslash: Greek letters and words, `\log`/`\ln`/`\exp`
//! and their arguments, `\frac`, `\sqrt`, and expectations (`\int` is in
//! `integrals.rs`).

use super::*;
use crate::syntax::ast::{MatrixOp, Moment, SeriesOp};

impl<'a> Grammar<'a> {
    /// Atoms that start with a backslash.
    pub(super) fn command_atom(&self, start: &'a str, ctx: Ctx) -> PResult<'a, Atom> {
        let Ok((after, command_name)) = command(start) else {
            return fail(first_char(start), SyntaxErrorKind::UnexpectedChar('\\'));
        };
        let text = consumed(start, after);
        // A note's own definition wins over what the command means in LaTeX
        // (`\renewcommand{\log}{\log_2}`).
        if crate::syntax::macros::lookup(command_name).is_some() {
            return self.defined_macro(start, text, after, command_name, ctx);
        }
        // amsfonts' old `\Bbb E` is `\mathbb E`.
        let command_name = if command_name == "Bbb" {
            "mathbb"
        } else {
            command_name
        };
        if greek_letter(command_name).is_some() || is_word_command(command_name) {
            return self.named_atom(start, is_word_command(command_name), ctx);
        }
        if let Some(function) = builtin(command_name) {
            return self.apply(start, text, after, function, ctx);
        }
        match command_name {
            "infty" => Ok((after, self.node(ExprKind::Infinity, start, after).into())),
            // `\overset{(a)}{=}`, `\coloneqq`: a relation, read by the row parser.
            _ if annotated_equals(start).is_some() => soft(start),
            // The author's words and labels end an expression (see `annotation`).
            "tag" | "eqref" | "ref" | "cite" | "footnote" | "because" | "therefore" => soft(start),
            "underbrace" | "overbrace" | "underset" | "overset" => {
                self.braced_annotation(start, text, after, command_name)
            }
            "boxed" | "textcolor" | "color" | "colorbox" => {
                self.decoration(start, after, command_name)
            }
            "cancel" | "bcancel" | "xcancel" | "cancelto" | "sout" => {
                fail(text, SyntaxErrorKind::StruckOut(text.into()))
            }
            _ if super::proofwiki::is_proofwiki_macro(command_name) => {
                self.proofwiki_macro(start, text, after, command_name)
            }
            "mathbb" | "mathbf" if font_letter(after).is_some_and(|(l, _)| l == "E") => {
                let (_, rest) = font_letter(after).unwrap_or(("", after));
                self.committed_moment(start, rest, Moment::Mean)
            }
            "mathbb" if font_letter(after).is_some_and(|(l, _)| l == "P") => {
                let (_, rest) = font_letter(after).unwrap_or(("", after));
                self.committed_probability(start, rest)
            }
            "Pr" => self.committed_probability(start, after),
            "mathbb" if font_letter(after).is_some_and(|(l, _)| l == "V") => {
                let (_, rest) = font_letter(after).unwrap_or(("", after));
                self.committed_moment(start, rest, Moment::Variance)
            }
            // `\mathcal{N}` and `\mathcal{U}`, the normal and uniform laws.
            "mathcal" if font_letter(after).is_some_and(|(l, _)| matches!(l, "N" | "U")) => {
                let (letter, rest) = font_letter(after).unwrap_or(("N", after));
                let raw = RawName {
                    base: letter.into(),
                    subscript: None,
                    text: consumed(start, rest),
                };
                self.name_or_call(start, rest, raw)
            }
            "langle" => self.angle_mean(start, text, after, None),
            "left" | "bigl" | "Bigl" | "biggl" | "big" | "Big" | "bigg"
                if command_named(skip_ws(after), "langle").is_some() =>
            {
                let after_langle = command_named(skip_ws(after), "langle").unwrap_or(after);
                let opener = consumed(start, after_langle);
                self.angle_mean(start, opener, after_langle, Some(command_name))
            }
            "mathbf" | "boldsymbol" if linear::identity(after).is_some() => {
                let rest = linear::identity(after).unwrap_or(after);
                let kind = ExprKind::Matrix(crate::syntax::ast::MatrixOp::Identity, Vec::new());
                Ok((rest, self.node(kind, start, rest).into()))
            }
            _ if crate::syntax::lexeme::is_bold_command(command_name) && name(start).is_ok() => {
                let (rest, raw) = name(start)?;
                self.name_or_call(start, rest, raw)
            }
            "mathbf" | "boldsymbol" | "bm" | "pmb" | "vec" | "overrightarrow" => {
                let written = match braced(skip_ws(after)) {
                    Some((_, rest)) => consumed(start, rest),
                    None => text,
                };
                fail(written, SyntaxErrorKind::BoldSymbol(written.into()))
            }
            "top" | "intercal" => fail(text, SyntaxErrorKind::Transpose),
            "mathbb" | "mathcal" | "mathfrak" | "mathscr" => {
                let written = match braced(skip_ws(after)) {
                    Some((_, rest)) => consumed(start, rest),
                    None => text,
                };
                fail(written, SyntaxErrorKind::UnsupportedCommand(written.into()))
            }
            "|" | "Vert" | "mid" | "parallel" if ctx.in_arguments => soft(start),
            "|" | "Vert" | "rVert" if ctx.in_norm => soft(start),
            "|" | "Vert" | "lVert" => self.norm(start, text, after),
            "vert" => self.bar_atom(start, text.len(), ctx),
            "lvert" => plain(self.absolute(start, after, absolute::Bars::Paired)),
            "rvert" if ctx.in_abs == Some(absolute::Bars::Paired) => soft(start),
            "left" if absolute::sized_opening_bar(after).is_some() => {
                plain(self.sized_absolute(start, after))
            }
            "left" if skip_ws(after).starts_with('.') => {
                self.left_dot_evaluation(start, text, &skip_ws(after)[1..])
            }
            "frac" | "dfrac" | "tfrac" => self.frac(start, text, after, ctx),
            "sqrt" => self.sqrt(start, text, after),
            "int" => self.integral(start, text, after),
            "lim" => self.limit_operator(start, text, after, ctx),
            "binom" | "dbinom" | "tbinom" => self.binomial(start, after),
            "sum" => self.series(start, text, after, SeriesOp::Sum, ctx),
            "prod" => self.series(start, text, after, SeriesOp::Prod, ctx),
            _ if crate::syntax::lexeme::accent_mark(command_name).is_some() => match name(start) {
                Ok((rest, raw)) => self.name_or_call(start, rest, raw),
                Err(_) => {
                    let written = match braced(skip_ws(after)) {
                        Some((_, rest)) => consumed(start, rest),
                        None => text,
                    };
                    fail(written, SyntaxErrorKind::UnsupportedCommand(written.into()))
                }
            },
            "left" | "{" | "lbrace" | "lbrack" => self.group(start),
            _ if is_big_command(command_name) && opener(start).is_ok() => self.group(start),
            _ if is_big_command(command_name) && closer(start).is_ok() => soft(start),
            _ if is_stop_command(command_name) || relation(start).is_some() => soft(start),
            // `\big\rangle`: a sized closer of `\big\langle`.
            "bigr" | "Bigr" | "biggr" | "big" | "Big" | "bigg"
                if command_named(skip_ws(after), "rangle").is_some() =>
            {
                soft(start)
            }
            _ if is_absolute_value_command(command_name) => {
                fail(text, SyntaxErrorKind::AbsoluteValue)
            }
            _ => fail(text, SyntaxErrorKind::UnsupportedCommand(text.into())),
        }
    }

    /// `\log x`, `\ln(x)`, `\exp\left(...\right)`.
    /// `\log_b x`, from its `_`: `log x / log b`, so entropies in bits
    /// (`\log_2(2\pi e \sigma^2)`) read as the change of base says. The argument is
    /// read as after `\log`; a power on it (`\log_2^2 x`) stays refused.
    fn log_in_base(
        &self,
        start: &'a str,
        text: &'a str,
        at_script: &'a str,
        ctx: Ctx,
    ) -> PResult<'a, Atom> {
        let (after_base, base) = self.script_argument(at_script, '_')?;
        if skip_ws(after_base).starts_with(['^', '_']) {
            let next = skip_ws(after_base);
            let written = self.text_through(start, &next[..1]);
            let function = text.to_string();
            let script = next.as_bytes()[0] as char;
            return fail(
                written,
                SyntaxErrorKind::ScriptOnFunction { function, script },
            );
        }
        let (rest, atom) = self.apply(start, text, after_base, Builtin::Log, ctx)?;
        let log_base = Expr::new(
            ExprKind::Apply(Builtin::Log, Box::new(base)),
            atom.expr.span,
        );
        let kind = ExprKind::Div(Box::new(atom.expr), Box::new(log_base), DivSign::Frac);
        let expr = self.node(kind, start, rest);
        Ok((
            rest,
            Atom {
                expr,
                bracketed_function: atom.bracketed_function,
            },
        ))
    }

    /// A name at `start`: a Greek letter, or (`upright`) a word such as `\mathrm{Var}`
    /// or `{\rm E}`, which may mean a moment, a function or a differential.
    pub(super) fn named_atom(&self, start: &'a str, upright: bool, ctx: Ctx) -> PResult<'a, Atom> {
        let (rest, raw) = name(start)?;
        if upright && raw.subscript.is_none() {
            if let (after, Some(atom)) = self.word_meaning(start, raw.text, rest, &raw.base, ctx)? {
                return Ok((after, atom));
            }
        }
        if upright {
            if let (after, Some(atom)) = self.word_moment(start, &raw)? {
                return Ok((after, atom));
            }
        }
        let differential = raw.base == "d" && upright;
        if differential && skip_ws(rest).starts_with(|c: char| c.is_alphabetic() || c == '\\') {
            let written = self.text_through(raw.text, first_char(skip_ws(rest)));
            return fail(written, SyntaxErrorKind::DifferentialOutsideIntegral);
        }
        self.name_or_call(start, rest, raw)
    }

    pub(super) fn apply(
        &self,
        start: &'a str,
        text: &'a str,
        after: &'a str,
        function: Builtin,
        ctx: Ctx,
    ) -> PResult<'a, Atom> {
        let i = skip_ws(after);
        if function == Builtin::Log && i.starts_with('_') {
            return self.log_in_base(start, text, i, ctx);
        }
        if let Some(script @ ('^' | '_')) = i.chars().next() {
            let written = self.text_through(start, &i[..1]);
            let function = text.to_string();
            return fail(
                written,
                SyntaxErrorKind::ScriptOnFunction { function, script },
            );
        }
        if let Ok((after_open, delim)) = opener(i) {
            // `\exp\left\{…\right\}` as statistics writes it: visible braces are a
            // bracket like any other (a bare `{…}` is invisible grouping and is not).
            if matches!(delim.shape, Shape::Paren | Shape::Square | Shape::SetBrace) {
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
            Err(nom::Err::Error(_)) => missing_argument(text),
            other => other,
        };
        let (rest, argument) = self.nested(text, argument)?;
        // `\log a \log b`: log(a log b) to the grammar, log a · log b to most readers.
        // A bracketed `\exp(…)` last after a leading coefficient
        // (`\log \frac{1}{\sqrt{2\pi\sigma^2}} \exp\left(…\right)`, as likelihoods are
        // written) is read as `e^{…}` is there: the product is the argument.
        let all = readings::implicit_factors(&argument);
        let coefficient_first = all.first().is_some_and(|f| !readings::is_variable_like(f));
        let last = all.len().saturating_sub(1);
        if let Some(second) = all
            .iter()
            .enumerate()
            .skip(1)
            .filter(|&(k, f)| !(coefficient_first && k == last && self.is_bracketed_exp(f)))
            .map(|(_, f)| *f)
            .find(|f| readings::is_operator_application(f))
        {
            let written = self.text_through(start, &self.base[second.span.range()]);
            let function = text.to_string();
            return fail(
                written,
                SyntaxErrorKind::AmbiguousFunctionArgument { function },
            );
        }
        // `\log x y`: log(xy) by one convention, (log x)·y by another. A leading
        // coefficient (`\log 2\pi\sigma^2`, `\log \frac{1}{\sqrt{2\pi}\sigma} e^{…}`)
        // makes the product the argument for every reader.
        let factors = readings::implicit_factors(&argument);
        if factors.len() > 1 && readings::is_variable_like(factors[0]) {
            let (first, last) = (factors[0].span, factors[factors.len() - 1].span);
            let written = self.text_through(start, &self.base[last.range()]);
            return fail(
                written,
                SyntaxErrorKind::ProductArgument {
                    function: text.to_string(),
                    first: self.base[first.range()].trim().to_string(),
                    rest: self.base[first.end..last.end].trim().to_string(),
                },
            );
        }
        let applied = self.node(ExprKind::Apply(function, Box::new(argument)), start, rest);
        Ok((rest, applied.into()))
    }

    /// Whether `factor` is `\exp` applied to a bracket, `\exp(…)`, `\exp\left(…\right)`,
    /// `\exp\{…\}`, `\exp[…]`: an extent every reader sees.
    fn is_bracketed_exp(&self, factor: &Expr) -> bool {
        if !matches!(factor.kind, ExprKind::Apply(Builtin::Exp, _)) {
            return false;
        }
        let text = &self.base[factor.span.range()];
        text.strip_prefix("\\exp").is_some_and(|rest| {
            let rest = skip_ws(rest);
            rest.starts_with(['(', '['])
                || rest.starts_with("\\left")
                || rest.starts_with("\\{")
                || rest.starts_with("\\big")
                || rest.starts_with("\\Big")
        })
    }

    /// `\frac{a}{b}`, `\frac12`.
    pub(super) fn frac(
        &self,
        start: &'a str,
        text: &'a str,
        after: &'a str,
        ctx: Ctx,
    ) -> PResult<'a, Atom> {
        if let Some((numerator, rest)) = braced(skip_ws(after)) {
            if let Some((denominator, rest)) = braced(skip_ws(rest)) {
                if readings::is_derivative(numerator, denominator) {
                    return self.leibniz(start, numerator, denominator, rest, ctx);
                }
            }
        }
        let (rest, numerator) = self.command_argument(text, after)?;
        let (rest, denominator) = self.command_argument(text, rest)?;
        let kind = ExprKind::Div(Box::new(numerator), Box::new(denominator), DivSign::Frac);
        Ok((rest, self.node(kind, start, rest).into()))
    }

    /// `\sqrt{a}`, `\sqrt[n]{a}`, `\sqrt 2`.
    pub(super) fn sqrt(&self, start: &'a str, text: &'a str, after: &'a str) -> PResult<'a, Atom> {
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
    pub(super) fn command_argument(&self, command: &'a str, input: &'a str) -> PResult<'a, Expr> {
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

    /// `\boxed{X}`, `\textcolor{red}{X}`, `\color{red}{X}`: decoration around `X`.
    fn decoration(&self, start: &'a str, after: &'a str, command_name: &str) -> PResult<'a, Atom> {
        let i = skip_ws(after);
        let i = if command_name == "boxed" {
            i
        } else {
            // The colour's name.
            match braced(i) {
                Some((_, rest)) => skip_ws(rest),
                None => i,
            }
        };
        let Some(inside) = i.strip_prefix('{') else {
            // `\color{red} x` colours what follows: layout.
            return soft(start);
        };
        let opening = Opening {
            delim: BRACES,
            text: &i[..1],
            label: format!("\\{command_name}{{"),
            widen: false,
        };
        let (rest, expr) = self.enclosed(i, inside, &opening)?;
        let expr = Expr {
            kind: expr.kind,
            span: self.span(start, rest),
        };
        Ok((rest, expr.into()))
    }

    /// What a word in `\mathrm{…}`/`\operatorname{…}`/`\text{…}` means when it is
    /// not a name: `\mathrm{exp}`, `\operatorname{log}` are the functions; `erf`, `sin`
    /// and other functions `verify` does not know are refused. `None`: a name.
    fn word_meaning(
        &self,
        start: &'a str,
        written: &'a str,
        rest: &'a str,
        word: &str,
        ctx: Ctx,
    ) -> PResult<'a, Option<Atom>> {
        if word == "diag" {
            let (rest, expr) = self.diagonal(start, written, rest)?;
            return Ok((rest, Some(expr.into())));
        }
        if let Some(function) = builtin(word) {
            let (rest, atom) = self.apply(start, written, rest, function, ctx)?;
            return Ok((rest, Some(atom)));
        }
        let known = moments::moment_word(word).is_some()
            || moments::probability_word(word).is_some()
            || word == "d";
        if !known && readings::function_word(word) == Some(word_static(word)) {
            return fail(written, SyntaxErrorKind::UnsupportedFunction(word.into()));
        }
        Ok((rest, None))
    }

    /// `\operatorname{diag}(d_1, \dots, d_J)`: the first entry, an ellipsis and the last,
    /// in parentheses; any other list of entries is refused, since which entries
    /// stand between would be a guess.
    fn diagonal(&self, start: &'a str, written: &'a str, rest: &'a str) -> PResult<'a, Expr> {
        let refuse = || fail(written, SyntaxErrorKind::DiagonalEntries);
        let at_open = skip_ws(rest);
        let Ok((after_open, delim)) = opener(at_open) else {
            return refuse();
        };
        if delim.shape != Shape::Paren {
            return refuse();
        }
        let text = consumed(at_open, after_open);
        let opening = Opening {
            delim,
            text,
            label: text.into(),
            widen: true,
        };
        let ctx = Ctx {
            in_arguments: true,
            ..Ctx::default()
        };
        self.nested(text, || {
            let Ok((after_first, first)) = self.sum(after_open, ctx) else {
                return refuse();
            };
            let Some(after_comma) = skip_ws(after_first).strip_prefix(',') else {
                return refuse();
            };
            let at_dots = skip_ws(after_comma);
            let Some(after_dots) = crate::syntax::scan::ellipsis(at_dots) else {
                return refuse();
            };
            let Some(after_comma) = skip_ws(after_dots).strip_prefix(',') else {
                return refuse();
            };
            let Ok((after_last, last)) = self.sum(after_comma, ctx) else {
                return refuse();
            };
            let Ok(after_close) = self.close(skip_ws(after_last), &opening) else {
                return refuse();
            };
            let kind = ExprKind::Matrix(MatrixOp::Diagonal, vec![first, last]);
            Ok((after_close, self.node(kind, start, after_close)))
        })
    }

    /// `\mathrm{E}[…]`, `\operatorname{Var}(X)`, `\text{Cov}(X, Y)`: a moment.
    /// `\mathrm{E}` without a bracket is the name `E`; `Var` and `Cov` need one.
    /// `\operatorname{Pr}(X \le x)`, `\mathrm{P}(X > c)`: a probability.
    fn word_moment(&self, start: &'a str, raw: &RawName<'a>) -> PResult<'a, Option<Atom>> {
        if let Some(committed) = moments::probability_word(&raw.base) {
            let Ok((after_head, _)) = word(start) else {
                return Ok((start, None));
            };
            return match self.probability(start, after_head, committed)? {
                (rest, Some(expr)) => Ok((rest, Some(expr.into()))),
                (_, None) => Ok((start, None)),
            };
        }
        let Some(moment) = moments::moment_word(&raw.base) else {
            return Ok((start, None));
        };
        // The word alone: a subscript after it (`\mathrm{E}_p[…]`) is the moment's.
        let Ok((after_head, _)) = word(start) else {
            return Ok((start, None));
        };
        match self.moment(start, after_head, moment, false)? {
            (rest, Some(expr)) => Ok((rest, Some(expr.into()))),
            (_, None) => Ok((start, None)),
        }
    }

    /// `\E` after `\newcommand{\E}{\mathbb{E}}`: read as its body's meaning (see
    /// `syntax::macros`).
    fn defined_macro(
        &self,
        start: &'a str,
        text: &'a str,
        after: &'a str,
        name: &str,
        ctx: Ctx,
    ) -> PResult<'a, Atom> {
        use crate::syntax::macros::{lookup, Meaning};
        match lookup(name) {
            Some(Meaning::Moment(moment)) => self.committed_moment(start, after, moment),
            Some(Meaning::Builtin(function)) => self.apply(start, text, after, function, ctx),
            Some(Meaning::Name(base)) => {
                let raw = RawName {
                    base,
                    subscript: None,
                    text,
                };
                self.name_or_call(start, after, raw)
            }
            Some(Meaning::Differential) => fail(text, SyntaxErrorKind::DifferentialOutsideIntegral),
            Some(Meaning::Reals) | None => {
                fail(text, SyntaxErrorKind::UnsupportedCommand(text.into()))
            }
            Some(Meaning::Unread(definition)) => fail(
                text,
                SyntaxErrorKind::UnreadMacro {
                    name: text.into(),
                    definition,
                },
            ),
        }
    }

    /// A probability whose head (`\Pr`, `\mathbb{P}`) can only be one: an event follows.
    fn committed_probability(&self, start: &'a str, after_head: &'a str) -> PResult<'a, Atom> {
        match self.probability(start, after_head, true)? {
            (rest, Some(expr)) => Ok((rest, expr.into())),
            (_, None) => fail(consumed(start, after_head), SyntaxErrorKind::Event),
        }
    }

    /// A moment whose head (`\mathbb{E}`) can only be a moment: a bracket must follow.
    fn committed_moment(
        &self,
        start: &'a str,
        after_head: &'a str,
        moment: Moment,
    ) -> PResult<'a, Atom> {
        match self.moment(start, after_head, moment, true)? {
            (rest, Some(expr)) => Ok((rest, expr.into())),
            (_, None) => fail(
                consumed(start, after_head),
                SyntaxErrorKind::ExpectationWithoutBracket,
            ),
        }
    }
}

/// `word` as the `&'static str` of the function list, for comparison.
fn word_static(word: &str) -> &'static str {
    readings::function_word(word).unwrap_or("")
}

/// The argument of a font command, `\mathbb{E}` or `\mathbb E` (TeX takes the next
/// token when there are no braces), trimmed, with what follows it.
fn font_letter(after: &str) -> Option<(&str, &str)> {
    let i = skip_ws(after);
    if let Some((inside, rest)) = braced(i) {
        return Some((inside.trim(), rest));
    }
    let letter = i.chars().next().filter(char::is_ascii_alphabetic)?;
    Some(i.split_at(letter.len_utf8()))
}
