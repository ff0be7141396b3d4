//! `let x, \mu \in \mathbb{R}^J`, `let A \in \mathbb{R}^{J \times J}`, `let \Sigma \in
//! \mathbb{S}_{++}^J`: the declarations that make names vectors, matrices and
//! covariances (symmetric positive definite). Nothing else does: shapes are never
//! guessed from use.

use super::*;
use crate::syntax::ast::{ShapeDeclaration, ShapeKind};
use crate::syntax::braced;

/// `let` followed by names and `\in`: a shape declaration rather than a definition.
pub(super) fn is_shape_declaration(input: &str) -> bool {
    let mut i = input;
    while let Some(c) = i.chars().next() {
        if let Some(rest) = i.strip_prefix("\\in") {
            return !rest.starts_with(|c: char| c.is_ascii_alphabetic());
        }
        if matches!(c, '=' | '(') {
            return false;
        }
        i = &i[c.len_utf8()..];
    }
    false
}

/// `x, \mu \in \mathbb{R}^J` written in notes' mathematics without `let` (the prose's
/// "where $x \in \mathbb{R}^J$"): a declaration only when the set is one of ours
/// (`x \in \mathbb{R}` alone is a condition every real meets, read elsewhere).
pub(crate) fn is_prose_shape_declaration(input: &str) -> bool {
    if !is_shape_declaration(input) {
        return false;
    }
    let Some(at) = input.find("\\in") else {
        return false;
    };
    let set = skip_ws(&input[at + 3..]);
    ["\\mathbb{R}", "\\mathbb R"].iter().any(|r| {
        set.strip_prefix(r)
            .is_some_and(|rest| skip_ws(rest).starts_with('^'))
    }) || set.starts_with("\\mathbb{S}_{++}")
}

impl<'a> LineParser<'a> {
    /// The declaration after `let` (`keyword`).
    pub(super) fn shape_declaration(
        &self,
        keyword: &'a str,
        input: &'a str,
    ) -> LineResult<ShapeDeclaration> {
        let (names, rest) = self.names(input, keyword)?;
        let Some(after_in) = rest.strip_prefix("\\in") else {
            return Err(self.unexpected(rest, "`\\in`"));
        };
        let set = skip_ws(after_in);
        const EXPECTED: &str =
            "`\\mathbb{R}^J`, `\\mathbb{R}^{J \\times J}` or `\\mathbb{S}_{++}^J`";
        let (kind, after_set) = if let Some(after) = set
            .strip_prefix("\\mathbb{R}")
            .or_else(|| set.strip_prefix("\\mathbb R"))
        {
            (None, after)
        } else if let Some(after) = set
            .strip_prefix("\\mathbb{S}_{++}")
            .or_else(|| set.strip_prefix("\\mathbb{S}_{+ +}"))
        {
            (Some(ShapeKind::Covariance), after)
        } else {
            return Err(self.unexpected(set, EXPECTED));
        };
        let i = skip_ws(after_set);
        let Some(script) = i.strip_prefix('^') else {
            return Err(self.unexpected(i, EXPECTED));
        };
        let script = skip_ws(script);
        let (inside, after_script, inside_at) = match braced(script) {
            Some((inside, rest)) => (inside, rest, &script[1..]),
            None => {
                let n = script.chars().next().map_or(0, char::len_utf8);
                (&script[..n], &script[n..], script)
            }
        };
        let (dim, kind) = self.dimensions(inside, inside_at, kind)?;
        self.expect_end(after_script)?;
        Ok(ShapeDeclaration {
            names,
            kind,
            dim,
            span: self.grammar.span(keyword, after_script),
        })
    }

    /// `J` or `J \times J` (the same name twice): `inside` is the set's exponent,
    /// `at` where it starts in the line.
    fn dimensions(
        &self,
        inside: &'a str,
        at: &'a str,
        covariance: Option<ShapeKind>,
    ) -> LineResult<(Ident, ShapeKind)> {
        let (rest, dim) = self.name_after(at, at, name)?;
        let consumed = at.len() - rest.len();
        let tail = inside.get(consumed..).unwrap_or("").trim();
        if tail.is_empty() {
            return Ok((dim, covariance.unwrap_or(ShapeKind::Vector)));
        }
        let second = command_named(tail, "times").map(str::trim);
        match second {
            Some(second) if covariance.is_none() && second == dim_text(inside) => {
                Ok((dim, ShapeKind::Matrix))
            }
            _ => Err(self.unexpected(skip_ws(rest), "a square matrix `\\mathbb{R}^{J \\times J}`")),
        }
    }
}

/// The dimension's name as written at the start of `inside` (before `\times`).
fn dim_text(inside: &str) -> &str {
    let trimmed = inside.trim_start();
    trimmed[..trimmed.find("\\times").unwrap_or(trimmed.len())].trim()
}
