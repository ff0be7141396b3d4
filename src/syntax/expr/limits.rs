//! `\lim_{x \to \infty} F`, `\lim\limits_{x\rightarrow -\infty} F`: the limit of `F` as
//! `x` goes to ±∞, as integration by parts justifies its boundary terms. What the limit
//! is of is the product after it, as for `\frac{d}{dx}`; a sum after it is refused
//! unless the product is one bracket (is `\lim_{x\to\infty} x e^{-x} + 1` the limit of
//! the sum?). A limit at a finite point is refused: it would need the value of `F`
//! near a point where it may not be defined, which neither opinion reads.

use super::*;

impl<'a> Grammar<'a> {
    /// `\lim` at `start`, `after` just past the command.
    pub(super) fn limit_operator(
        &self,
        start: &'a str,
        command_text: &'a str,
        after: &'a str,
        ctx: Ctx,
    ) -> PResult<'a, Atom> {
        let mut rest = skip_ws(after);
        if let Some(after_limits) = command_named(rest, "limits") {
            rest = skip_ws(after_limits);
        }
        let Some(script) = rest.strip_prefix('_') else {
            return fail(
                command_text,
                SyntaxErrorKind::Limit(
                    "its variable and point are not written, `\\lim_{x \\to \\infty}`".into(),
                ),
            );
        };
        let Some((inside, after_script)) = braced(skip_ws(script)) else {
            return fail(
                command_text,
                SyntaxErrorKind::Limit(
                    "write the subscript in braces, `\\lim_{x \\to \\infty}`".into(),
                ),
            );
        };
        let written = consumed(start, after_script);
        let refuse = |why: &str| fail(written, SyntaxErrorKind::Limit(why.into()));
        let Some((var_text, target)) = split_arrow(inside) else {
            return refuse("its subscript is not `x \\to …`");
        };
        let Ok((after_var, raw)) = name(skip_ws(var_text)) else {
            return refuse("its variable is not a name");
        };
        if !skip_ws(after_var).is_empty() {
            return refuse("its variable is not a name");
        }
        let target = target.trim();
        let (negative, magnitude) = match target.strip_prefix('-') {
            Some(magnitude) => (true, magnitude),
            None => (false, target.strip_prefix('+').unwrap_or(target)),
        };
        if !command_named(skip_ws(magnitude), "infty").is_some_and(|r| r.trim().is_empty()) {
            return refuse("only limits at `\\infty` and `-\\infty` are read");
        }
        let infinity = self.node(ExprKind::Infinity, written, after_script);
        let to = if negative {
            self.node(ExprKind::Neg(Box::new(infinity)), written, after_script)
        } else {
            infinity
        };
        let var = self.ident(raw);
        let (rest, body) =
            self.operand_product(written, after_script, ctx, SyntaxErrorKind::LimitExtent)?;
        let kind = ExprKind::Limit {
            var,
            to: Box::new(to),
            body: Box::new(body),
        };
        Ok((rest, self.node(kind, start, rest).into()))
    }
}

/// `x \to \infty` split at its arrow.
fn split_arrow(inside: &str) -> Option<(&str, &str)> {
    for arrow in ["\\to", "\\rightarrow", "\\longrightarrow"] {
        if let Some(at) = inside.find(arrow) {
            let after = &inside[at + arrow.len()..];
            // `\to` must not be the start of a longer command (`\top`).
            if after.starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            return Some((&inside[..at], after));
        }
    }
    None
}
