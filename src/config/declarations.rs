//! Shared declarations: the `declarations` of a `verify.toml`, put before the
//! declarations of every file it governs, so that a repository of notes says once
//! that `\sigma > 0` or what `p(x)` is.
//!
//! They are written in the language of a derivation file's declarations (`let`,
//! `assume`, `X \sim …`), one per line, as one string or a list of strings; a TOML
//! literal string (`'…'`, `'''…'''`) keeps backslashes as written:
//!
//! ```toml
//! declarations = '''
//! assume \sigma > 0
//! let p(x) = \mathcal{N}(x; \mu, \sigma^2)
//! '''
//! ```
//!
//! They are read once per `verify.toml`: parsed, and resolved and lowered on their
//! own, so that an error in them is reported once, in `verify.toml` at its line and
//! column (every offset of a parsed string is mapped back through the TOML string's
//! escapes), and not in every note. Checking a file then parses the file as always and
//! puts these items first, before resolution, which both opinions read: the engine and
//! the numeric side see the same declarations. Being first and resolved alone already,
//! they resolve the same way in front of any file, so an error of the combined
//! document is always the file's own (a second declaration of a shared name is
//! `declared twice`, at the file's declaration: a note cannot quietly give a shared
//! name another meaning).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::lower::{resolve_and_lower, LowerError};
use crate::report::FileReport;
use crate::source::{SourceFile, Span};
use crate::syntax::ast::Item;
use crate::syntax::{SyntaxError, SyntaxErrorKind};

/// The shared declarations of one `verify.toml`, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedDeclarations {
    /// The `verify.toml` they are written in.
    pub path: PathBuf,
    /// Their items, parsed and not resolved: each file resolves them with its own.
    pub items: Vec<Item>,
    /// The names they declare (`p`, `f_X`), by key: a note's displayed
    /// `p(x) = …` is then a claim about the shared `p`, not a second declaration.
    pub names: Vec<String>,
    /// The lines of `verify.toml` they are written on (1-based), for the report.
    pub lines: Vec<usize>,
}

/// The `declarations` value as written: one string of lines, or a list of them.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(untagged)]
pub enum Written {
    /// `declarations = '''…'''`.
    One(String),
    /// `declarations = ['assume a > 0', …]`.
    Many(Vec<String>),
}

impl Written {
    fn strings(&self) -> Vec<&str> {
        match self {
            Written::One(s) => vec![s.as_str()],
            Written::Many(list) => list.iter().map(String::as_str).collect(),
        }
    }
}

/// Read the shared declarations `written` in the `verify.toml` at `path` whose text
/// is `toml`. `Ok(None)` when there are none; `Err` is a report on `verify.toml`
/// itself, its errors at their lines and columns there.
pub fn read(
    path: &Path,
    toml: &str,
    written: &Written,
) -> Result<Option<Arc<SharedDeclarations>>, Box<FileReport>> {
    let strings = written.strings();
    if strings.iter().all(|s| s.trim().is_empty()) {
        return Ok(None);
    }
    let raw = raw_strings(toml);
    let (text, map) = joined(toml, &strings, &raw);
    let parsed = crate::syntax::parse(&SourceFile::new(path, text.as_str()));
    let mut syntax_errors = parsed.errors;
    let mut items = Vec::new();
    for item in parsed.doc.items {
        match item {
            Item::Let(_) | Item::Assume(_) | Item::RandomVariable(_) | Item::Shape(_) => {
                items.push(item)
            }
            Item::Chain(chain) => {
                let span = chain
                    .steps
                    .iter()
                    .map(|s| s.expr.span)
                    .reduce(Span::join)
                    .unwrap_or_default();
                syntax_errors.push(not_a_declaration(&text, span));
            }
            Item::Specialise(s) => syntax_errors.push(not_a_declaration(&text, s.span)),
        }
    }
    let lower_errors = if syntax_errors.is_empty() {
        resolve_and_lower(&crate::syntax::ast::Document {
            items: items.clone(),
        })
        .errors
    } else {
        Vec::new()
    };
    if !syntax_errors.is_empty() || !lower_errors.is_empty() {
        let at = |span: Span| {
            Span::new(
                map[span.start.min(text.len())],
                map[span.end.min(text.len())],
            )
        };
        let mut report = FileReport::of_errors(SourceFile::new(path, toml));
        report.syntax_errors = syntax_errors
            .into_iter()
            .map(|e| SyntaxError {
                span: at(e.span),
                kind: e.kind,
            })
            .collect();
        report.lower_errors = lower_errors
            .into_iter()
            .map(|e| LowerError {
                span: at(e.span),
                kind: e.kind,
            })
            .collect();
        return Err(Box::new(report));
    }
    let index = crate::source::LineIndex::new(toml);
    let mut lines: Vec<usize> = items
        .iter()
        .filter_map(item_span)
        .map(|span| index.line_col(toml, map[span.start.min(text.len())]).line)
        .collect();
    lines.dedup();
    Ok(Some(Arc::new(SharedDeclarations {
        path: path.to_path_buf(),
        names: items
            .iter()
            .flat_map(crate::syntax::resolve::declared_names)
            .collect(),
        items,
        lines,
    })))
}

/// A chain or a `specialise` among the declarations.
fn not_a_declaration(text: &str, span: Span) -> SyntaxError {
    SyntaxError {
        span,
        kind: SyntaxErrorKind::Expected {
            expected: "a declaration (`let …`, `assume …` or `X \\sim …`): shared declarations declare, they derive nothing".into(),
            found: text.get(span.range()).unwrap_or_default().to_string(),
        },
    }
}

fn item_span(item: &Item) -> Option<Span> {
    match item {
        Item::Let(d) => Some(d.span),
        Item::Assume(a) => Some(a.span),
        Item::RandomVariable(rv) => Some(rv.span),
        Item::Shape(shape) => Some(shape.span),
        Item::Chain(_) | Item::Specialise(_) => None,
    }
}

/// The strings in `toml`, with where each one's value starts in the text and the
/// text offset of every byte of its value: the raw token decoded as TOML does
/// (`'…'` and `'''…'''` as written, `"…"` and `"""…"""` with their escapes), so that
/// an error at byte `i` of a value is shown at `offsets[i]`.
fn raw_strings(toml: &str) -> Vec<(String, Vec<usize>)> {
    let Ok(table) = toml::de::DeTable::parse(toml) else {
        return Vec::new();
    };
    let Some(value) = table.get_ref().get("declarations") else {
        return Vec::new();
    };
    let spans: Vec<std::ops::Range<usize>> = match value.get_ref() {
        toml::de::DeValue::String(_) => vec![value.span()],
        toml::de::DeValue::Array(items) => items.iter().map(|v| v.span()).collect(),
        _ => Vec::new(),
    };
    spans
        .into_iter()
        .filter_map(|span| decode(toml, span))
        .collect()
}

/// One TOML string token at `span` of `toml`, decoded, with the offset in `toml` of
/// every byte of the value (and one past its end).
fn decode(toml: &str, span: std::ops::Range<usize>) -> Option<(String, Vec<usize>)> {
    let raw = toml.get(span.clone())?;
    let (delimiter, literal) = if raw.starts_with("'''") {
        ("'''", true)
    } else if raw.starts_with("\"\"\"") {
        ("\"\"\"", false)
    } else if raw.starts_with('\'') {
        ("'", true)
    } else if raw.starts_with('"') {
        ("\"", false)
    } else {
        return None;
    };
    let multi_line = delimiter.len() == 3;
    let mut start = span.start + delimiter.len();
    let end = span.end.checked_sub(delimiter.len())?;
    if multi_line {
        // A newline right after the opening delimiter is not part of the value.
        if toml[start..].starts_with("\r\n") {
            start += 2;
        } else if toml[start..].starts_with('\n') {
            start += 1;
        }
    }
    let content = toml.get(start..end)?;
    let mut value = String::new();
    let mut offsets = Vec::new();
    let mut chars = content.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        if literal || c != '\\' {
            value.push(c);
            offsets.extend(std::iter::repeat_n(at, c.len_utf8()));
            continue;
        }
        let Some((_, e)) = chars.next() else { break };
        let decoded = match e {
            'b' => Some('\u{8}'),
            't' => Some('\t'),
            'n' => Some('\n'),
            'f' => Some('\u{c}'),
            'r' => Some('\r'),
            'e' => Some('\u{1b}'),
            '"' => Some('"'),
            '\\' => Some('\\'),
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = (0..n)
                    .filter_map(|_| chars.next().map(|(_, h)| h))
                    .collect();
                u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
            }
            w if multi_line && w.is_whitespace() => {
                // A line-ending backslash: the whitespace and newlines after it go.
                while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
                None
            }
            _ => return None,
        };
        if let Some(d) = decoded {
            value.push(d);
            offsets.extend(std::iter::repeat_n(at, d.len_utf8()));
        }
    }
    offsets.push(end);
    Some((value, offsets))
}

/// The declaration strings joined by newlines, one text to parse, and for every byte
/// of it (and one past the end) the offset in `toml` to report it at. A string whose
/// token was not found as decoded (it cannot happen, but a position must never be
/// made up) is reported at the start of the file.
fn joined(toml: &str, strings: &[&str], raw: &[(String, Vec<usize>)]) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut map = Vec::new();
    for (i, s) in strings.iter().enumerate() {
        let offsets = raw
            .get(i)
            .filter(|(value, offsets)| value == s && offsets.len() == s.len() + 1)
            .map(|(_, offsets)| offsets.clone())
            .unwrap_or_else(|| vec![0; s.len() + 1]);
        text.push_str(s);
        map.extend_from_slice(&offsets[..s.len()]);
        // The newline that ends the string is reported where its value ends.
        text.push('\n');
        map.push(offsets[s.len()].min(toml.len()));
    }
    map.push(map.last().copied().unwrap_or(0));
    (text, map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::LineIndex;

    fn read_toml(toml: &str) -> Result<Option<Arc<SharedDeclarations>>, Box<FileReport>> {
        #[derive(serde::Deserialize)]
        struct Only {
            declarations: Written,
        }
        let only: Only = toml::from_str(toml).unwrap();
        read(Path::new("verify.toml"), toml, &only.declarations)
    }

    /// Where the first error of a failed read is: line, column, and the text it
    /// points at.
    fn first_error(toml: &str) -> (usize, usize, String) {
        let report = read_toml(toml).unwrap_err();
        let span = report
            .syntax_errors
            .first()
            .map(|e| e.span)
            .or(report.lower_errors.first().map(|e| e.span))
            .unwrap();
        let at = LineIndex::new(toml).line_col(toml, span.start);
        (at.line, at.col, toml[span.range()].to_string())
    }

    #[test]
    fn one_string_of_lines_and_a_list_are_read_alike() {
        let one = read_toml(
            "declarations = '''\nassume \\sigma > 0\nlet p(x) = \\mathcal{N}(x; \\mu, \\sigma^2)\n'''\n",
        )
        .unwrap()
        .unwrap();
        assert_eq!(one.items.len(), 2);
        assert_eq!(one.names, ["p"]);
        assert_eq!(one.lines, [2, 3]);
        let list = read_toml(
            "declarations = [\n  \"assume \\\\sigma > 0\",\n  'X \\sim \\mathcal{N}(\\mu, \\sigma^2)',\n]\n",
        )
        .unwrap()
        .unwrap();
        assert_eq!(list.names, ["f_X"]);
        assert_eq!(list.lines, [2, 3]);
        assert!(read_toml("declarations = []\n").unwrap().is_none());
    }

    #[test]
    fn errors_point_into_verify_toml_through_the_escapes() {
        // A basic string: `\\` is one byte of the value, two of the file.
        let toml = "strict = true\ndeclarations = [\"assume \\\\sigma > 0\", \"let f(x) = \\\\frac{1}{x\"]\n";
        let (line, column, _) = first_error(toml);
        assert_eq!(line, 2);
        let string_start = toml.lines().nth(1).unwrap().find("\"let").unwrap() + 1;
        assert!(column > string_start + 10, "column {column}");
        // A literal string spread over lines: the line of the error in the file.
        let toml = "declarations = '''\nassume a > 0\nlet g(x) = \\sqrt{x\n'''\n";
        assert_eq!(first_error(toml).0, 3);
        // An unknown name in a declaration: a name error, at the name.
        let toml = "declarations = '''\nlet q(x) = \\mathcal{N}(x; \\mu, \\sigma)\n'''\n";
        let (line, _, _) = first_error(toml);
        assert_eq!(line, 2);
    }

    #[test]
    fn a_chain_is_not_a_declaration() {
        let toml = "declarations = ['assume a > 0', 'a + a = 2a']\n";
        let (line, column, text) = first_error(toml);
        assert_eq!((line, column), (1, 34));
        assert_eq!(text, "a + a = 2a");
        let report = read_toml(toml).unwrap_err();
        assert!(
            report.syntax_errors[0].message().contains("a declaration"),
            "{}",
            report.syntax_errors[0].message()
        );
    }

    #[test]
    fn escapes_decode_as_toml_does() {
        let toml = "a = \"x\\ty\\u00e9\\\\\"\n";
        let (value, offsets) = decode(toml, 4..toml.len() - 1).unwrap();
        assert_eq!(value, "x\ty\u{e9}\\");
        assert_eq!(offsets.len(), value.len() + 1);
        assert_eq!(offsets[0], 5);
        assert_eq!(offsets[1], 6);
        assert_eq!(offsets[2], 8);
    }
}
