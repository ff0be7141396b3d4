//! From a nom error to a [`SyntaxError`]: a soft error ("not this") says nothing by
//! itself, so the token found where it stopped is described instead. This needs the
//! lexer (`peek_token`), which is why it is not in `error`: `error` stays a leaf that
//! every parser module can use.

use crate::syntax::error::{span_in, PError, SyntaxError, SyntaxErrorKind};
use crate::syntax::lexeme::{peek_token, TokenKind};

impl<'a> PError<'a> {
    /// The span of `self.at` within `base`, plus the kind (described from the token
    /// found there, with `expected` as what would have been valid, for soft errors).
    pub(crate) fn into_syntax_error(self, base: &str, expected: &str) -> SyntaxError {
        match self.kind {
            Some(kind) => SyntaxError {
                span: span_in(base, self.at),
                kind,
            },
            None => unexpected_token(base, self.at, expected),
        }
    }
}

/// Any nom error as a [`SyntaxError`]; `expected` says what would have been valid
/// where a soft error stopped. (`Incomplete` cannot happen with the complete parsers
/// used here; it is reported as an unexpected end rather than trusted away.)
pub(crate) fn from_nom(err: nom::Err<PError<'_>>, base: &str, expected: &str) -> SyntaxError {
    match err {
        nom::Err::Error(e) | nom::Err::Failure(e) => e.into_syntax_error(base, expected),
        nom::Err::Incomplete(_) => unexpected_token(base, &base[base.len()..], expected),
    }
}

/// Describes whatever token stands at `at` when something else was `expected` there.
pub(crate) fn unexpected_token(base: &str, at: &str, expected: &str) -> SyntaxError {
    let token = peek_token(at);
    let text = token.text.to_string();
    let kind = match token.kind {
        TokenKind::Closer(_) => SyntaxErrorKind::UnmatchedCloser(text),
        TokenKind::Relation => SyntaxErrorKind::NotAnEquality(text),
        TokenKind::Separator(c) => SyntaxErrorKind::MisplacedSeparator(c),
        TokenKind::LineBreak => SyntaxErrorKind::LineBreakMidLine,
        TokenKind::End | TokenKind::Equals | TokenKind::Other => SyntaxErrorKind::Expected {
            expected: expected.to_string(),
            found: text,
        },
    };
    SyntaxError {
        span: span_in(base, token.text),
        kind,
    }
}
