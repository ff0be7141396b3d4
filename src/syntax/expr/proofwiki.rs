//! ProofWiki's house macros, which its proofs are written in: `\map {f_X} x` is
//! `f_X(x)` and `\map \exp {…}` is `\exp(…)`, `\paren {…}` is `(…)`, `\expect X`,
//! `\var X` and `\cov {X, Y}` are moments, `\Gaussian \mu {\sigma^2}` is
//! `\mathcal{N}(\mu, \sigma^2)`. (`\rd x`, the roman differential, is read with the
//! other differentials, and `\ds`, `\displaystyle`, is layout.)
//!
//! Their arguments are TeX arguments: a braced group, or else one token (`x`, `\mu`,
//! `\exp`). None of these names is a standard LaTeX command, so outside ProofWiki
//! they are still what an author would have to define to use them.

use super::*;
use crate::syntax::ast::Moment;

/// A TeX argument at the start of `input` (after spaces): a braced group's text
/// including its braces, or one token; and what follows.
fn tex_argument(input: &str) -> Option<(&str, &str)> {
    let i = skip_ws(input);
    if i.starts_with('{') {
        let (_, after) = braced(i)?;
        return Some((consumed(i, after), after));
    }
    if let Ok((after, _)) = command(i) {
        return Some((consumed(i, after), after));
    }
    let len = i.chars().next()?.len_utf8();
    Some((&i[..len], &i[len..]))
}

/// Whether `name` is one of the macros read here.
pub(super) fn is_proofwiki_macro(name: &str) -> bool {
    matches!(
        name,
        "map" | "paren" | "expect" | "var" | "cov" | "Gaussian"
    )
}

impl<'a> Grammar<'a> {
    /// `\name` (at `start`, its arguments from `after`) for a ProofWiki macro.
    pub(super) fn proofwiki_macro(
        &self,
        start: &'a str,
        text: &'a str,
        after: &'a str,
        name: &str,
    ) -> PResult<'a, Atom> {
        let missing = || missing_argument(text);
        let Some((first, rest)) = tex_argument(after) else {
            return missing();
        };
        match name {
            "paren" => {
                let (_, inner) = self.whole_argument(first)?;
                Ok((rest, self.node(inner.kind, start, rest).into()))
            }
            "expect" | "var" => {
                let moment = if name == "expect" {
                    Moment::Mean
                } else {
                    Moment::Variance
                };
                let (_, arg) = self.whole_argument(first)?;
                let kind = ExprKind::Expectation {
                    moment,
                    under: None,
                    args: vec![arg],
                };
                Ok((rest, self.node(kind, start, rest).into()))
            }
            "cov" => {
                let (after_call, call) = self.call(start, self.ident_n("cov", first), first)?;
                let ExprKind::Call { args, .. } = call.kind else {
                    return missing();
                };
                if args.len() != 2 {
                    let kind = SyntaxErrorKind::MomentArguments {
                        moment: Moment::Covariance,
                        found: args.len(),
                    };
                    return fail(consumed(start, after_call), kind);
                }
                let kind = ExprKind::Expectation {
                    moment: Moment::Covariance,
                    under: None,
                    args,
                };
                Ok((rest, self.node(kind, start, rest).into()))
            }
            "Gaussian" => {
                let Some((second, rest)) = tex_argument(rest) else {
                    return missing();
                };
                let (_, mean) = self.whole_argument(first)?;
                let (_, variance) = self.whole_argument(second)?;
                let callee = self.ident_n("N", text);
                let kind = ExprKind::Call {
                    callee,
                    args: vec![mean, variance],
                };
                Ok((rest, self.node(kind, start, rest).into()))
            }
            _ => self.map(start, text, first, rest),
        }
    }

    /// `\map f x`: `f` applied to `x`; a built-in function (`\map \exp {…}`) is
    /// applied, any other name is called (its arguments split at commas).
    fn map(
        &self,
        start: &'a str,
        text: &'a str,
        function: &'a str,
        after_function: &'a str,
    ) -> PResult<'a, Atom> {
        let Some((argument, rest)) = tex_argument(after_function) else {
            return missing_argument(text);
        };
        let inner = function
            .strip_prefix('{')
            .and_then(|f| f.strip_suffix('}'))
            .unwrap_or(function);
        let inner = skip_ws(inner);
        if let Ok((after, name)) = command(inner) {
            if let Some(builtin) = super::builtin(name) {
                if skip_ws(after).is_empty() {
                    let (_, arg) = self.whole_argument(argument)?;
                    let kind = ExprKind::Apply(builtin, Box::new(arg));
                    return Ok((rest, self.node(kind, start, rest).into()));
                }
            }
        }
        let (after_name, raw) = name(inner)?;
        if !skip_ws(after_name).is_empty() {
            // `\map {f g} x`: the function is not one name.
            let written = consumed(start, after_function);
            return fail(written, SyntaxErrorKind::UnsupportedCommand(written.into()));
        }
        let callee = self.ident(raw);
        let args = if argument.starts_with('{') {
            let (_, call) = self.call(start, callee.clone(), argument)?;
            match call.kind {
                ExprKind::Call { args, .. } => args,
                _ => Vec::new(),
            }
        } else {
            vec![self.whole_argument(argument)?.1]
        };
        let kind = ExprKind::Call { callee, args };
        Ok((rest, self.node(kind, start, rest).into()))
    }

    /// The expression a TeX argument holds (its braces, if any, as a group).
    fn whole_argument(&self, argument: &'a str) -> PResult<'a, Expr> {
        if argument.starts_with('{') {
            let (rest, atom) = self.group(argument)?;
            return Ok((rest, atom.expr));
        }
        let (rest, atom) = self.atom(argument, Ctx::default())?;
        Ok((rest, atom.expr))
    }

    /// A plain name `base` spanning `at`, for nodes the macros build.
    fn ident_n(&self, base: &str, at: &'a str) -> Ident {
        Ident {
            base: base.into(),
            subscript: None,
            span: self.span(at, &at[at.len()..]),
        }
    }
}
