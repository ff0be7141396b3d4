//! Vector and matrix notation: transposes (`x^\mathrm{T}`, `x^\top`, `x^{\intercal}`),
//! norms (`\|z\|`, `\lVert z \rVert`) and the identity (`\mathbf{I}`, `\mathbf{I}_J`).
//!
//! The grammar reads the notation only; whether a name is a vector or a matrix is
//! decided by the note's declarations (`let x \in \mathbb{R}^J`) in `resolve::shapes`,
//! which refuses the notation on anything undeclared. `x^T` stays refused here: `T`
//! may be a name, so it reads as a transpose or a power.

use super::*;
use crate::syntax::ast::MatrixOp;

/// The transpose mark after `^` at the start of `input`: `^\top`, `^\intercal`,
/// `^\mathrm{T}`, `^\mathsf{T}`, `^{\top}`, `^{\mathrm{T}}`, `^{\mathrm T}`. Returns
/// what follows it.
pub(super) fn transpose_mark(input: &str) -> Option<&str> {
    let i = skip_ws(input.strip_prefix('^')?);
    if let Some((inside, rest)) = braced(i) {
        return is_transpose_word(inside.trim()).then_some(rest);
    }
    let (rest, command_name) = command(i).ok()?;
    match command_name {
        "top" | "intercal" => Some(rest),
        "mathrm" | "mathsf" | "rm" => {
            let (inside, rest) = braced(skip_ws(rest))?;
            (inside.trim() == "T").then_some(rest)
        }
        _ => None,
    }
}

/// `\top`, `\intercal`, `\mathrm{T}`, `\mathrm T`, `\mathsf{T}`: a transpose written
/// inside the braces of `^{…}`.
fn is_transpose_word(inside: &str) -> bool {
    let Ok((rest, command_name)) = command(inside) else {
        return false;
    };
    let rest = rest.trim();
    match command_name {
        "top" | "intercal" => rest.is_empty(),
        "mathrm" | "mathsf" | "rm" => {
            let letter = braced(rest).map_or(rest, |(inside, after)| {
                if after.trim().is_empty() {
                    inside.trim()
                } else {
                    ""
                }
            });
            letter == "T"
        }
        _ => false,
    }
}

/// `\mathbf{I}` (or `\boldsymbol{I}`) at `after` (just past the command's name), with
/// an optional `_J` or `_{J}`: the identity matrix. `None` for any other bold letter.
pub(super) fn identity(after: &str) -> Option<&str> {
    let (inside, rest) = braced(skip_ws(after))?;
    if inside.trim() != "I" {
        return None;
    }
    let i = skip_ws(rest);
    let Some(script) = i.strip_prefix('_') else {
        return Some(rest);
    };
    let script = skip_ws(script);
    if let Some((inside, rest)) = braced(script) {
        let dim = inside.trim();
        return (dim.chars().all(char::is_alphanumeric) && !dim.is_empty()).then_some(rest);
    }
    let c = script.chars().next()?;
    c.is_alphanumeric().then(|| &script[c.len_utf8()..])
}

impl<'a> Grammar<'a> {
    /// `\|z\|`, `\lVert z \rVert`, `\Vert z \Vert`: a norm, from just past the opening
    /// command. Inside it, `\|` closes (see [`Ctx::in_norm`]).
    pub(super) fn norm(&self, start: &'a str, text: &'a str, after: &'a str) -> PResult<'a, Atom> {
        let inner_ctx = Ctx {
            in_norm: true,
            ..Ctx::default()
        };
        let (rest, inner) = match self.nested(text, || self.sum(after, inner_ctx)) {
            Ok(found) => found,
            Err(nom::Err::Error(_)) => return fail(text, SyntaxErrorKind::Norm),
            Err(e) => return Err(e),
        };
        let i = skip_ws(rest);
        let closed = match command(i) {
            Ok((after_close, "|" | "Vert" | "rVert")) => after_close,
            _ => return fail(text, SyntaxErrorKind::Norm),
        };
        let kind = ExprKind::Matrix(MatrixOp::Norm, vec![inner]);
        Ok((closed, self.node(kind, start, closed).into()))
    }

    /// `expr` transposed, spanning `start` to `rest`.
    pub(super) fn transposed(&self, expr: Expr, start: &'a str, rest: &'a str) -> Expr {
        self.node(
            ExprKind::Matrix(MatrixOp::Transpose, vec![expr]),
            start,
            rest,
        )
    }
}
