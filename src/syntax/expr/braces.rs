//! Braces over or under a part of a step, `\underbrace{…}_{…}` and `\overbrace{…}^{…}`,
//! and `\underset`/`\overset` around an expression: the part is read as written; the
//! label is the author's words, or a claim about the part (`_{=0}`, `_{\varphi(z)}`)
//! that the row parser turns into a chain of its own (see `Grammar::take_side_claims`).

use super::*;

impl<'a> Grammar<'a> {
    /// `\underbrace{X}_{words}` and `\overbrace{X}^{words}` are `X`, with the words
    /// kept as an annotation of the step; `\underset{words}{X}`, `\overset{words}{X}`
    /// (other than on `=`, which the row parser reads) likewise.
    pub(super) fn braced_annotation(
        &self,
        start: &'a str,
        text: &'a str,
        after: &'a str,
        command_name: &str,
    ) -> PResult<'a, Atom> {
        let missing = || missing_argument(text);
        let i = skip_ws(after);
        let (words, body, rest) = match command_name {
            "underbrace" | "overbrace" => {
                let Some((_, after_body)) = braced(i) else {
                    return missing();
                };
                let body = &i[1..i.len() - after_body.len() - 1];
                let script = if command_name == "underbrace" {
                    '_'
                } else {
                    '^'
                };
                let j = skip_ws(after_body);
                match j.strip_prefix(script).map(skip_ws).and_then(braced) {
                    Some((words, rest)) => (Some(words), body, rest),
                    None => (None, body, after_body),
                }
            }
            _ => {
                let Some((words, after_words)) = braced(i) else {
                    return missing();
                };
                let j = skip_ws(after_words);
                let Some((_, rest)) = braced(j) else {
                    return missing();
                };
                (Some(words), &j[1..j.len() - rest.len() - 1], rest)
            }
        };
        let (after_body, expr) = match self.expr(body) {
            Ok((after_body, expr)) if skip_ws(after_body).is_empty() => (after_body, expr),
            Ok((after_body, _)) => {
                let at = first_char(skip_ws(after_body));
                let kind = SyntaxErrorKind::Expected {
                    expected: "`}`".into(),
                    found: at.into(),
                };
                return fail(at, kind);
            }
            Err(nom::Err::Error(_)) => return missing(),
            Err(failure) => return Err(failure),
        };
        let _ = after_body;
        // `\underbrace{…}_{=0}`: the label claims the part's value, which is checked
        // like any step rather than shown as words. A label that is not `=` and one
        // expression stays the author's words.
        let braced_label = words.filter(|_| matches!(command_name, "underbrace" | "overbrace"));
        let claim = braced_label.and_then(|words| {
            if let Some(value) = self.label_value(words) {
                return Some((expr.clone(), value));
            }
            // `\underbrace{\frac{1}{\sqrt{2\pi}} e^{-z^2/2}}_{\varphi(z)}`: the label names
            // the part, `\varphi(z) = …`, which notes read as a definition (or, for a
            // declared name, as a claim).
            self.label_name(words).map(|name| (name, expr.clone()))
        });
        let claimed = claim.is_some();
        if let Some(claim) = claim {
            self.side_claims.borrow_mut().push(claim);
        }
        if let Some(words) = words.filter(|_| !claimed) {
            self.annotations.borrow_mut().push(Annotation {
                text: crate::syntax::annotation::display_text(words),
                span: span_in(self.base, words),
            });
        }
        let expr = Expr {
            kind: expr.kind,
            span: self.span(start, rest),
        };
        Ok((rest, expr.into()))
    }

    /// The value a brace's label `= v` gives its part, when the label is exactly that.
    fn label_value(&self, words: &'a str) -> Option<Expr> {
        let value = skip_ws(words).strip_prefix('=')?;
        if value.starts_with(':') {
            return None;
        }
        match self.expr(value) {
            Ok((rest, value)) if skip_ws(rest).is_empty() && is_plain_value(&value) => Some(value),
            _ => None,
        }
    }

    /// The call a brace's label names its part by, `\varphi(z)`: a name applied to
    /// names, and nothing else.
    fn label_name(&self, words: &'a str) -> Option<Expr> {
        match self.expr(words) {
            Ok((rest, name)) if skip_ws(rest).is_empty() => match &name.kind {
                ExprKind::Call { args, .. }
                    if args.iter().all(|a| matches!(a.kind, ExprKind::Ident(_))) =>
                {
                    Some(name)
                }
                _ => None,
            },
            _ => None,
        }
    }
}

/// Whether a brace's label value is arithmetic in numbers and names (`0`, `\sigma^2`,
/// `\frac{1}{2}\log 2\pi`): a value that needs a law, a declaration or a bound
/// variable (`= \mathbb{E}[X]`, `= f(x)`) is left as the author's words, so that the
/// chain it labels is not set aside for it.
fn is_plain_value(expr: &Expr) -> bool {
    let plain_here = matches!(
        expr.kind,
        ExprKind::Number(_)
            | ExprKind::Ident(_)
            | ExprKind::Neg(_)
            | ExprKind::Add(..)
            | ExprKind::Sub(..)
            | ExprKind::Mul(..)
            | ExprKind::Div(..)
            | ExprKind::Pow(..)
            | ExprKind::Sqrt { .. }
            | ExprKind::Apply(..)
    );
    plain_here
        && crate::syntax::children(expr)
            .into_iter()
            .all(is_plain_value)
}
