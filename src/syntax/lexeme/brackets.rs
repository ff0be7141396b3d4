//! Brackets: their shapes, sizings (`\left`, `\big`), openers and closers.

use super::*;

/// The shape of a bracket pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `(` `)`
    Paren,
    /// `[` `]`
    Square,
    /// `\{` `\}`
    SetBrace,
    /// `{` `}`: invisible LaTeX grouping.
    Group,
}

/// How a bracket was sized; openers and closers must agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sizing {
    /// `(`
    Plain,
    /// `\left(` ... `\right)`
    LeftRight,
    /// `\bigl(` ... `\bigr)` (and `\Big`, `\bigg`, `\Bigg`)
    Big,
}

/// A bracket: its shape and sizing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Delim {
    pub shape: Shape,
    pub sizing: Sizing,
}

impl Delim {
    /// How the matching closer is written, for messages.
    pub(crate) fn closer_text(self) -> String {
        let bare = match self.shape {
            Shape::Paren => ")",
            Shape::Square => "]",
            Shape::SetBrace => "\\}",
            Shape::Group => "}",
        };
        match self.sizing {
            Sizing::Plain => bare.to_string(),
            Sizing::LeftRight => format!("\\right{bare}"),
            Sizing::Big => format!("\\bigr{bare}"),
        }
    }
}

/// `(`, `)`, `[`, `]`, `\{`, `\}`, `\lbrace` ... : a bare delimiter after `\left`,
/// `\right` or `\big`, as (shape, is_opening).
fn bare_delimiter(input: &str) -> Option<(&str, Shape, bool)> {
    let simple = [
        ("(", Shape::Paren, true),
        (")", Shape::Paren, false),
        ("[", Shape::Square, true),
        ("]", Shape::Square, false),
        ("\\{", Shape::SetBrace, true),
        ("\\}", Shape::SetBrace, false),
    ];
    for (text, shape, opening) in simple {
        if let Some(rest) = input.strip_prefix(text) {
            return Some((rest, shape, opening));
        }
    }
    let named = [
        ("lbrace", Shape::SetBrace, true),
        ("rbrace", Shape::SetBrace, false),
        ("lbrack", Shape::Square, true),
        ("rbrack", Shape::Square, false),
    ];
    let (rest, name) = command(input).ok()?;
    named
        .iter()
        .find(|(text, _, _)| *text == name)
        .map(|&(_, shape, opening)| (rest, shape, opening))
}

/// `\big`, `\Bigl`, `\biggr` ...: sized delimiters, accepted like plain ones.
pub(crate) fn is_big_command(name: &str) -> bool {
    let size = name
        .strip_suffix(['l', 'r', 'm'])
        .filter(|size| !size.is_empty())
        .unwrap_or(name);
    matches!(size, "big" | "Big" | "bigg" | "Bigg")
}

/// Any delimiter token, as (rest, delim, is_opening). Plain `{` and `}` included.
fn delimiter(input: &str) -> Option<(&str, Delim, bool)> {
    if let Some((rest, shape, opening)) = bare_delimiter(input) {
        let sizing = Sizing::Plain;
        return Some((rest, Delim { shape, sizing }, opening));
    }
    for (text, opening) in [("{", true), ("}", false)] {
        if let Some(rest) = input.strip_prefix(text) {
            let delim = Delim {
                shape: Shape::Group,
                sizing: Sizing::Plain,
            };
            return Some((rest, delim, opening));
        }
    }
    let (after_command, name) = command(input).ok()?;
    let (sizing, wants_opening) = match name {
        "left" => (Sizing::LeftRight, Some(true)),
        "right" => (Sizing::LeftRight, Some(false)),
        _ if is_big_command(name) => (Sizing::Big, None),
        _ => return None,
    };
    let (rest, shape, opening) = bare_delimiter(skip_ws(after_command))?;
    if wants_opening.is_some_and(|wanted| wanted != opening)
        || name.ends_with('l') && !opening
        || name.ends_with('r') && opening
    {
        return None;
    }
    Some((rest, Delim { shape, sizing }, opening))
}

/// An opening bracket: `(`, `[`, `{`, `\{`, `\left(`, `\bigl[` ... Fails softly if
/// there is none, and hard on `\left|` (absolute value) and other `\left` forms.
pub(crate) fn opener(input: &str) -> PResult<'_, Delim> {
    if let Some((rest, delim, true)) = delimiter(input) {
        return Ok((rest, delim));
    }
    match command(input) {
        Ok((after, "left")) => unsupported_left(input, after),
        _ => soft(input),
    }
}

fn unsupported_left<'a>(input: &'a str, after_left: &'a str) -> PResult<'a, Delim> {
    let i = skip_ws(after_left);
    let delimiter = match command(i) {
        Ok((rest, _)) => consumed(i, rest),
        Err(_) => first_char(i),
    };
    let text = &input[..input.len() - i.len() + delimiter.len()];
    if matches!(
        delimiter,
        "|" | "\\vert" | "\\lvert" | "\\|" | "\\Vert" | "\\lVert"
    ) {
        return fail(text, SyntaxErrorKind::AbsoluteValue);
    }
    fail(text, SyntaxErrorKind::UnsupportedCommand(text.to_string()))
}

/// A closing bracket: `)`, `]`, `}`, `\}`, `\right)`, `\bigr]` ... Fails softly.
pub(crate) fn closer(input: &str) -> PResult<'_, Delim> {
    match delimiter(input) {
        Some((rest, delim, false)) => Ok((rest, delim)),
        _ => soft(input),
    }
}

/// Whether a closer closes an opener: same shape and same sizing family.
pub(crate) fn closes(opening: Delim, closing: Delim) -> bool {
    opening == closing
}
