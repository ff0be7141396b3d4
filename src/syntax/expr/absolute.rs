//! Absolute values: `|x - \mu|`, `\lvert z \rvert`, `\left| x \right|`, `\vert x \vert`.
//!
//! A bare bar is both the opener and the closer, so bars can be read two ways:
//! `|a|b|c|` is `|a|·b·|c|` or `|a·|b|·c|`. The grammar reads a bar as an opener
//! where an operand must start (the first factor of a term) and as a closer
//! elsewhere inside an absolute value; a bar juxtaposed after a term that already
//! holds a bar is refused ([`SyntaxErrorKind::AmbiguousBars`]) rather than given
//! either reading. `\lvert … \rvert` and `\left| … \right|` pair by themselves.
//!
//! `|\Sigma|`, bars around one name, stays the determinant node PRML's notation
//! wants (see [`Grammar::bars_around_a_name`]); resolution turns it into an absolute
//! value when the name is a scalar.

use super::*;

/// How an absolute value was opened, so only its own closer closes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bars {
    /// `|…|` or `\vert … \vert`.
    Bare,
    /// `\lvert … \rvert`.
    Paired,
    /// `\left| … \right|` (or `\left\vert`, `\left\lvert`).
    Sized,
}

impl<'a> Grammar<'a> {
    /// A bare bar (`|` or `\vert`, `opener` long) where a factor may start: an
    /// absolute value's opener, a closer or separator the caller reads (soft), or a
    /// refusal where it could be either.
    pub(super) fn bar_atom(&self, start: &'a str, opener: usize, ctx: Ctx) -> PResult<'a, Atom> {
        if !ctx.leading && (ctx.in_arguments || ctx.in_abs.is_some()) {
            return soft(start);
        }
        if !ctx.leading && ctx.after_bars {
            return fail(&start[..opener], SyntaxErrorKind::AmbiguousBars);
        }
        if opener == 1 {
            if let Some(det) = self.bars_around_a_name(start) {
                return plain(Ok(det));
            }
        }
        plain(self.absolute(start, &start[opener..], Bars::Bare))
    }

    /// An absolute value starting at `input`, by any of its openers (`E|X - \mu|` takes
    /// one as its argument); `None` if no bar opens there.
    pub(super) fn absolute_at(&self, input: &'a str) -> Option<PResult<'a, Expr>> {
        if let Some(after) = input.strip_prefix('|') {
            if let Some((rest, name)) = self.bars_around_a_name(input) {
                return Some(Ok((rest, name)));
            }
            return Some(self.absolute(input, after, Bars::Bare));
        }
        if let Some(after) = command_named(input, "vert") {
            return Some(self.absolute(input, after, Bars::Bare));
        }
        if let Some(after) = command_named(input, "lvert") {
            return Some(self.absolute(input, after, Bars::Paired));
        }
        let after_left = command_named(input, "left")?;
        sized_opening_bar(after_left)?;
        Some(self.sized_absolute(input, after_left))
    }

    /// `\left| … \right|`, from just past `\left`.
    pub(super) fn sized_absolute(&self, start: &'a str, after_left: &'a str) -> PResult<'a, Expr> {
        match sized_opening_bar(after_left) {
            Some(content) => self.absolute(start, content, Bars::Sized),
            None => fail(start, SyntaxErrorKind::AbsoluteValue),
        }
    }

    /// The absolute value opened at `start`, its content starting at `after_open`.
    pub(super) fn absolute(
        &self,
        start: &'a str,
        after_open: &'a str,
        bars: Bars,
    ) -> PResult<'a, Expr> {
        let opener = consumed(start, after_open);
        let inner_ctx = Ctx {
            in_abs: Some(bars),
            ..Ctx::default()
        };
        let (rest, inner) = match self.nested(opener, || self.sum(after_open, inner_ctx)) {
            Ok(found) => found,
            Err(nom::Err::Error(_)) => return fail(opener, SyntaxErrorKind::AbsoluteValue),
            Err(e) => return Err(e),
        };
        let Some(after_close) = closing_bar(skip_ws(rest), bars) else {
            return fail(opener, SyntaxErrorKind::AbsoluteValue);
        };
        // `\left| F \right|_{0}^{1}`, `|x|_{t=0}`: an evaluation or an absolute value?
        if skip_ws(after_close).starts_with('_') {
            return fail(consumed(start, after_close), SyntaxErrorKind::AmbiguousBars);
        }
        let kind = ExprKind::Apply(Builtin::Abs, Box::new(inner));
        Ok((after_close, self.node(kind, start, after_close)))
    }
}

/// What follows the closer of an absolute value opened by `bars`, if `input` starts
/// with it.
fn closing_bar(input: &str, bars: Bars) -> Option<&str> {
    match bars {
        Bars::Bare => input
            .strip_prefix('|')
            .or_else(|| command_named(input, "vert")),
        Bars::Paired => command_named(input, "rvert"),
        Bars::Sized => {
            let after = skip_ws(command_named(input, "right")?);
            after
                .strip_prefix('|')
                .or_else(|| command_named(after, "vert"))
                .or_else(|| command_named(after, "rvert"))
        }
    }
}

/// After `\left`: the bar of an absolute value (`|`, `\vert`, `\lvert`), and what
/// follows it.
pub(super) fn sized_opening_bar(after_left: &str) -> Option<&str> {
    let i = skip_ws(after_left);
    i.strip_prefix('|')
        .or_else(|| command_named(i, "vert"))
        .or_else(|| command_named(i, "lvert"))
}

/// Whether the source of a term holds a bar: a bar juxtaposed after it may have two
/// readings.
pub(super) fn holds_bars(text: &str) -> bool {
    text.contains('|') || text.contains("\\vert") || text.contains("\\lvert")
}

/// Whether a factor's source ends with a closing bar: a bar right after it opens
/// (`|a| |b|`), as reading it as a closer would leave an empty pair.
pub(super) fn ends_with_bar(text: &str) -> bool {
    let text = text.trim_end();
    text.ends_with('|') || text.ends_with("\\vert") || text.ends_with("\\rvert")
}
