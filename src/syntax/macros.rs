//! Macros a note defines for itself — `\newcommand{\E}{\mathbb{E}}`,
//! `\DeclareMathOperator{\Var}{Var}`, `\def\dd{\mathrm{d}}` — read for what their body
//! means, not expanded as text.
//!
//! Lecture notes define a handful of shorthands in the preamble (or, in Markdown, in
//! an inline `$\newcommand…$` that MathJax reads). Expanding them textually would move
//! every span off the author's text, so a macro is instead given the *meaning* of its
//! body when that body is one construct `verify` reads on its own: a moment head
//! (`\mathbb{E}`, `\operatorname{Var}`), a built-in function (`\exp`,
//! `\operatorname{log}`), an upright name (`\mathrm{KL}`, `\mathcal{N}`), the
//! differential `d` (`\mathrm{d}`) or the real line (`\mathbb{R}`). Any other body, and
//! any macro with arguments, is [`Meaning::Unread`]: using it is an error that quotes
//! the definition, never a guess.
//!
//! The table is scoped to one parse (see [`with`]): the parser and the lexemes it calls
//! look names up with [`lookup`].

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::ast::{Builtin, Moment};
use super::lexeme::braced;

/// Definitions that fail to read before the scan stops, so that a text of unclosed
/// `\newcommand{` cannot take quadratic time.
const MAX_FAILED_DEFINITIONS: usize = 16;

/// What a defined macro stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meaning {
    /// `\mathbb{E}`, `\operatorname{Var}`, `\mathrm{Cov}`: a moment's head.
    Moment(Moment),
    /// `\exp`, `\log`, `\ln`, or their `\operatorname{…}` forms.
    Builtin(Builtin),
    /// `\mathrm{KL}`, `\operatorname{MGF}`, `\mathcal{N}`: a name.
    Name(String),
    /// `\mathrm{d}`, `d`: the differential's `d`.
    Differential,
    /// `\mathbb{R}`: the real line, as an integral's domain.
    Reals,
    /// Anything else, with the definition as written, to quote.
    Unread(String),
}

/// The macros of one note, by name without the backslash.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Macros {
    by_name: BTreeMap<String, Meaning>,
}

impl Macros {
    /// The macros `text` defines, anywhere in it (a later definition wins, as
    /// `\renewcommand` does).
    pub fn scan(text: &str) -> Macros {
        let mut by_name = BTreeMap::new();
        let mut failures = 0;
        let mut at = 0;
        while let Some(found) = text[at..].find('\\') {
            let start = at + found;
            let rest = &text[start + 1..];
            let word_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
            let word = &rest[..word_len];
            let after = &rest[word_len..];
            let defined = match word {
                "newcommand" | "renewcommand" | "providecommand" => new_command(after),
                "def" => def(after),
                "DeclareMathOperator" => declare_operator(after),
                _ => None,
            };
            let is_definition = matches!(
                word,
                "newcommand" | "renewcommand" | "providecommand" | "def" | "DeclareMathOperator"
            );
            if let Some((name, meaning, len)) = defined {
                // A macro defined twice with different meanings has no one meaning
                // for its uses (a use before the second definition means the first).
                let meaning = match by_name.get(&name) {
                    Some(earlier) if *earlier != meaning => {
                        Meaning::Unread(format!("{} and, again, {}", show(earlier), show(&meaning)))
                    }
                    _ => meaning,
                };
                by_name.insert(name, meaning);
                at = start + 1 + word_len + len;
            } else {
                // A definition that does not read may scan to the end of the text
                // (an unclosed brace): a few are tolerated, not one per line.
                if is_definition {
                    failures += 1;
                    if failures > MAX_FAILED_DEFINITIONS {
                        break;
                    }
                }
                at = start + 1 + word_len.max(1).min(rest.len());
            }
            if at >= text.len() {
                break;
            }
            while !text.is_char_boundary(at) {
                at += 1;
            }
        }
        Macros { by_name }
    }

    /// Whether no macro is defined.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }

    fn get(&self, name: &str) -> Option<&Meaning> {
        self.by_name.get(name)
    }
}

thread_local! {
    static CURRENT: RefCell<Macros> = RefCell::new(Macros::default());
}

/// Runs `parse` with `macros` as the table [`lookup`] reads (on this thread).
pub(crate) fn with<T>(macros: &Macros, parse: impl FnOnce() -> T) -> T {
    let previous = CURRENT.with(|current| current.replace(macros.clone()));
    let result = parse();
    CURRENT.with(|current| *current.borrow_mut() = previous);
    result
}

/// The table of the parse under way on this thread, to carry to a parser thread.
pub(crate) fn current() -> Macros {
    CURRENT.with(|current| current.borrow().clone())
}

/// The meaning of the macro `\name` in the parse under way, if the note defines it.
pub(crate) fn lookup(name: &str) -> Option<Meaning> {
    CURRENT.with(|current| current.borrow().get(name).cloned())
}

/// A meaning as a reader would say it, for a definition quoted in an error.
fn show(meaning: &Meaning) -> String {
    match meaning {
        Meaning::Moment(Moment::Mean) => "the expectation".into(),
        Meaning::Moment(Moment::Variance) => "the variance".into(),
        Meaning::Moment(Moment::Covariance) => "the covariance".into(),
        Meaning::Moment(Moment::Probability(_)) => "the probability".into(),
        Meaning::Builtin(Builtin::Exp) => "`\\exp`".into(),
        Meaning::Builtin(Builtin::Log) => "`\\log`".into(),
        Meaning::Builtin(Builtin::Ln) => "`\\ln`".into(),
        Meaning::Builtin(Builtin::Erf) => "the error function".into(),
        Meaning::Builtin(Builtin::Erfc) => "the complementary error function".into(),
        Meaning::Builtin(Builtin::NormalCdf) => "the standard normal CDF".into(),
        Meaning::Builtin(Builtin::Abs) => "the absolute value".into(),
        Meaning::Builtin(Builtin::Gamma) => "Euler's Γ".into(),
        Meaning::Builtin(Builtin::Trace) => "the trace".into(),
        Meaning::Builtin(Builtin::Det) => "the determinant".into(),
        Meaning::Name(name) => format!("the name `{name}`"),
        Meaning::Differential => "the differential `d`".into(),
        Meaning::Reals => "the real line".into(),
        Meaning::Unread(definition) => format!("`{definition}`"),
    }
}

/// `{\E}{body}`, `\E{body}`, `*{\E}{body}`, with `[n]` arguments making it unread;
/// the name, its meaning and the length read.
fn new_command(input: &str) -> Option<(String, Meaning, usize)> {
    let rest = input.strip_prefix('*').unwrap_or(input).trim_start();
    let (name, rest) = macro_name(rest)?;
    let rest = rest.trim_start();
    let (takes_arguments, rest) = match rest.strip_prefix('[') {
        Some(inside) => {
            let close = inside.find(']')?;
            (
                inside[..close].trim() != "0",
                inside[close + 1..].trim_start(),
            )
        }
        None => (false, rest),
    };
    let (body, after) = braced(rest)?;
    let meaning = if takes_arguments {
        Meaning::Unread(input[..input.len() - after.len()].trim().to_string())
    } else {
        meaning_of(body)
    };
    Some((name, meaning, input.len() - after.len()))
}

/// `\E{body}` after `\def`; `#1` parameters make it unread.
fn def(input: &str) -> Option<(String, Meaning, usize)> {
    let (name, rest) = macro_name(input)?;
    let params = rest.find('{')?;
    let (body, after) = braced(&rest[params..])?;
    let meaning = if rest[..params].trim().is_empty() {
        meaning_of(body)
    } else {
        Meaning::Unread(input[..input.len() - after.len()].trim().to_string())
    };
    Some((name, meaning, input.len() - after.len()))
}

/// `{\Var}{Var}` (or `*{\argmax}{arg\,max}`) after `\DeclareMathOperator`.
fn declare_operator(input: &str) -> Option<(String, Meaning, usize)> {
    let rest = input.strip_prefix('*').unwrap_or(input).trim_start();
    let (name, rest) = macro_name(rest)?;
    let (text, after) = braced(rest.trim_start())?;
    Some((name, word_meaning(text.trim()), input.len() - after.len()))
}

/// `{\E}` or `\E`: the macro's name without the backslash, and what follows.
fn macro_name(input: &str) -> Option<(String, &str)> {
    let (inner, rest) = match braced(input) {
        Some((inner, rest)) => (inner.trim(), rest),
        None => {
            let len = 1 + input
                .get(1..)?
                .bytes()
                .take_while(u8::is_ascii_alphabetic)
                .count();
            (&input[..len], &input[len..])
        }
    };
    let name = inner.strip_prefix('\\')?;
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| (name.to_string(), rest))
}

/// What a zero-argument macro's body means (see the module doc).
fn meaning_of(body: &str) -> Meaning {
    let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    let compact = compact
        .strip_prefix('{')
        .and_then(|c| c.strip_suffix('}'))
        .unwrap_or(&compact)
        .to_string();
    match compact.as_str() {
        "\\exp" => return Meaning::Builtin(Builtin::Exp),
        "\\log" => return Meaning::Builtin(Builtin::Log),
        "\\ln" => return Meaning::Builtin(Builtin::Ln),
        "\\erf" => return Meaning::Builtin(Builtin::Erf),
        "\\erfc" => return Meaning::Builtin(Builtin::Erfc),
        "d" => return Meaning::Differential,
        _ => {}
    }
    for font in [
        "mathrm",
        "operatorname",
        "text",
        "textrm",
        "mathsf",
        "mathbb",
        "mathcal",
        "mathbf",
        "mathit",
    ] {
        let Some(rest) = compact.strip_prefix(&format!("\\{font}")) else {
            continue;
        };
        let letters = match braced(rest) {
            Some((inner, "")) => inner,
            _ if rest.len() == 1 => rest,
            _ => break,
        };
        if !letters.bytes().all(|b| b.is_ascii_alphabetic()) || letters.is_empty() {
            break;
        }
        return match (font, letters) {
            ("mathbb", "E") | ("mathbf", "E") => Meaning::Moment(Moment::Mean),
            ("mathbb", "V") => Meaning::Moment(Moment::Variance),
            ("mathbb", "R") => Meaning::Reals,
            ("mathcal", "N") => Meaning::Name("N".into()),
            ("mathbb" | "mathcal" | "mathbf", _) => Meaning::Unread(body.trim().to_string()),
            _ => word_meaning(letters),
        };
    }
    Meaning::Unread(body.trim().to_string())
}

/// What an upright word means: a moment head, a built-in function, `d`, or a name.
fn word_meaning(word: &str) -> Meaning {
    match word {
        "E" => Meaning::Moment(Moment::Mean),
        "Var" | "var" | "V" => Meaning::Moment(Moment::Variance),
        "Cov" | "cov" => Meaning::Moment(Moment::Covariance),
        "exp" => Meaning::Builtin(Builtin::Exp),
        "log" => Meaning::Builtin(Builtin::Log),
        "ln" => Meaning::Builtin(Builtin::Ln),
        "erf" => Meaning::Builtin(Builtin::Erf),
        "erfc" => Meaning::Builtin(Builtin::Erfc),
        "d" => Meaning::Differential,
        _ if !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphabetic()) => {
            Meaning::Name(word.to_string())
        }
        _ => Meaning::Unread(word.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meaning(text: &str, name: &str) -> Option<Meaning> {
        Macros::scan(text).get(name).cloned()
    }

    #[test]
    fn definitions_and_their_meanings() {
        let preamble = r"\newcommand{\E}{\mathbb{E}} \newcommand\Var{\operatorname{Var}}
\DeclareMathOperator{\Cov}{Cov} \renewcommand*{\KL}{\mathrm{KL}} \def\dd{\mathrm{d}}
\newcommand{\R}{\mathbb R} \newcommand{\N}{\mathcal{N}} \newcommand{\e}{\exp}
\newcommand{\norm}[1]{\left\| #1 \right\|} \newcommand{\half}{\frac{1}{2}}
\def\pr#1{P(#1)} \DeclareMathOperator*{\argmax}{arg\,max}";
        let m = |name| meaning(preamble, name);
        assert_eq!(m("E"), Some(Meaning::Moment(Moment::Mean)));
        assert_eq!(m("Var"), Some(Meaning::Moment(Moment::Variance)));
        assert_eq!(m("Cov"), Some(Meaning::Moment(Moment::Covariance)));
        assert_eq!(m("KL"), Some(Meaning::Name("KL".into())));
        assert_eq!(m("dd"), Some(Meaning::Differential));
        assert_eq!(m("R"), Some(Meaning::Reals));
        assert_eq!(m("N"), Some(Meaning::Name("N".into())));
        assert_eq!(m("e"), Some(Meaning::Builtin(Builtin::Exp)));
        assert_eq!(
            m("norm"),
            Some(Meaning::Unread(r"{\norm}[1]{\left\| #1 \right\|}".into()))
        );
        assert_eq!(m("half"), Some(Meaning::Unread(r"\frac{1}{2}".into())));
        assert_eq!(m("pr"), Some(Meaning::Unread(r"\pr#1{P(#1)}".into())));
        assert_eq!(m("argmax"), Some(Meaning::Unread(r"arg\,max".into())));
        assert_eq!(m("undefined"), None);
    }

    #[test]
    fn macros_read_as_their_bodies_mean() {
        let macros = Macros::scan(
            r"\newcommand{\E}{\mathbb{E}} \DeclareMathOperator{\Var}{Var} \def\dd{\mathrm{d}}
\newcommand{\R}{\mathbb{R}} \newcommand{\e}{\exp} \newcommand{\half}{\frac12}",
        );
        let read = |text: &str| {
            with(&macros, || match crate::syntax::parse_expr(text) {
                Ok(expr) => crate::syntax::sexpr(&expr),
                Err(error) => error.message(),
            })
        };
        assert_eq!(read(r"\E[X^2]"), "(E (pow (id X) (num 2)))");
        assert_eq!(read(r"\Var(X)"), "(Var (id X))");
        assert_eq!(
            read(r"\int_\R x \dd x"),
            "(int dx (neg (inf)) (inf) (id x))"
        );
        assert_eq!(read(r"\e{x}"), "(exp (id x))");
        // A redefined standard command is the note's, not LaTeX's.
        let log2 = Macros::scan(r"\renewcommand{\log}{\log_2}");
        let read_log = with(&log2, || {
            crate::syntax::parse_expr(r"\log x").map_err(|e| e.message())
        });
        assert_eq!(
            read_log.err().as_deref(),
            Some(
                r"`\log` is the note's own macro, defined as `\log_2`, which verify does not expand"
            )
        );
        assert_eq!(
            read(r"\half x"),
            r"`\half` is the note's own macro, defined as `\frac12`, which verify does not expand"
        );
        // Outside the note that defines them, they are unknown commands.
        assert!(crate::syntax::parse_expr(r"\E[X]").is_err());
    }

    #[test]
    fn a_macro_defined_twice_differently_has_no_meaning() {
        let text = r"\newcommand{\e}{\exp} \renewcommand{\e}{\varepsilon} \def\E{\mathbb{E}} \def\E{\mathbb{E}}";
        assert!(matches!(meaning(text, "e"), Some(Meaning::Unread(_))));
        assert_eq!(meaning(text, "E"), Some(Meaning::Moment(Moment::Mean)));
    }

    #[test]
    fn unclosed_definitions_stop_the_scan() {
        let text = r"\newcommand{\a}{".repeat(50_000);
        assert!(Macros::scan(&text).is_empty());
    }

    #[test]
    fn the_table_is_scoped_to_one_parse() {
        let macros = Macros::scan(r"\newcommand{\E}{\mathbb{E}}");
        assert_eq!(lookup("E"), None);
        let inside = with(&macros, || lookup("E"));
        assert_eq!(inside, Some(Meaning::Moment(Moment::Mean)));
        assert_eq!(lookup("E"), None);
    }
}
