//! "Did you mean `assume`?": a line that could not be read and starts with a word close
//! to a directive keyword (`asume a > 0`, `lett f(x) = …`, `Let …`) was most likely
//! meant as that directive, and the error it gets (`only equalities can be checked`,
//! `unknown function`) would send the author the wrong way. The diagnostic's help then
//! names the keyword instead.
//!
//! Close means the same first letter and a Damerau–Levenshtein distance (`strsim`) of
//! at most a quarter of the keyword's length, at least 1, in any capitals: `asume`,
//! `asssume`, `lett`, `Let`, `specialze` are caught; `set`, `net` and `assumption` are
//! not (a first letter is rarely the mistyped one, and `set` is as likely a word).

/// The directive keywords, as `src/syntax/line.rs` reads them at the start of a line.
pub const DIRECTIVES: [&str; 4] = ["let", "assume", "specialise", "specialize"];

/// The keyword the line holding `at` most likely meant, when its first word is not one
/// but is close to one. Comment markers before the word (`%`, `<!--`) are passed over,
/// since notes hold directives in comments.
pub fn directive(text: &str, at: usize) -> Option<&'static str> {
    let at = at.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let line = line.split('\n').next().unwrap_or_default();
    let start = line
        .trim_start()
        .trim_start_matches("<!--")
        .trim_start_matches('%')
        .trim_start();
    let word: &str = &start[..start.bytes().take_while(u8::is_ascii_alphabetic).count()];
    let after = start[word.len()..].chars().next();
    if word.len() < 3 || DIRECTIVES.contains(&word) || !after.is_none_or(char::is_whitespace) {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    DIRECTIVES
        .iter()
        .filter(|k| k.as_bytes()[0] == lower.as_bytes()[0])
        .map(|k| (strsim::damerau_levenshtein(&lower, k), *k))
        .filter(|(distance, k)| *distance <= (k.len() / 4).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// The help a diagnostic gets when [`directive`] finds a keyword.
pub fn help(keyword: &str) -> String {
    format!("did you mean `{keyword}`? (the directives are `let`, `assume` and `specialise`)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(line: &str) -> Option<&'static str> {
        directive(line, 0)
    }

    #[test]
    fn near_misses_of_a_keyword_are_named() {
        assert_eq!(first("asume a > 0"), Some("assume"));
        assert_eq!(first("asssume a > 0"), Some("assume"));
        assert_eq!(first("lett f(x) = x"), Some("let"));
        assert_eq!(first("Let f(x) = x"), Some("let"));
        assert_eq!(first("ASSUME a > 0"), Some("assume"));
        assert_eq!(first("specialse x with a = 1"), Some("specialise"));
        assert_eq!(first("specialze x with a = 1"), Some("specialize"));
        assert_eq!(first("% asume a > 0"), Some("assume"));
        assert_eq!(first("<!-- lett f(x) = x -->"), Some("let"));
    }

    #[test]
    fn other_words_and_keywords_themselves_are_not() {
        for line in [
            "set x = 1",
            "net = a",
            "assumption a > 0",
            "let f(x) = x",
            "assume a > 0",
            "le a = 1",
            "asume_x = 1",
            "",
        ] {
            assert_eq!(first(line), None, "{line}");
        }
    }

    #[test]
    fn the_line_is_the_one_holding_the_position() {
        let text = "a = a\nasume b > 0\n";
        assert_eq!(directive(text, 2), None);
        assert_eq!(directive(text, text.find('>').unwrap()), Some("assume"));
    }

    /// Each keyword listed here is a directive to the parser: the list cannot drift
    /// from `src/syntax/line.rs` without this failing.
    #[test]
    fn the_keywords_are_the_parser_s() {
        use crate::source::SourceFile;
        use crate::syntax::ast::Item;
        for (keyword, line) in [
            ("let", "let f(x) = x"),
            ("assume", "assume a > 0"),
            ("specialise", "specialise x with a = 1"),
            ("specialize", "specialize x with a = 1"),
        ] {
            assert!(DIRECTIVES.contains(&keyword));
            let file = SourceFile::new("a.txt", format!("{line}\n"));
            let parsed = crate::syntax::parse(&file);
            assert!(parsed.errors.is_empty(), "{keyword}: {:?}", parsed.errors);
            assert!(
                matches!(
                    parsed.doc.items[..],
                    [Item::Let(_) | Item::Assume(_) | Item::Specialise(_)]
                ),
                "{keyword}: {:?}",
                parsed.doc.items
            );
        }
    }
}
