//! LaTeX notes: display math (`\[…\]`, `$$…$$` and every display environment) and
//! inline math (`$…$`, `\(…\)`) are found by a scan for their delimiters; declarations
//! are read from `%` comments. Verbatim text (`verbatim`, `lstlisting`, `minted`,
//! `comment` environments and `\verb|…|`) is never read.
//!
//! There is no LaTeX parser here, only a scan: the notes are not typeset, just
//! searched for the mathematics they display. Backslash sequences are read whole, so
//! the row break `\\[4pt]` is never taken for `\[`.

use super::{Builder, DISPLAY_ENVIRONMENTS};

/// Environments whose body is never mathematics to check.
const VERBATIM_ENVIRONMENTS: &[&str] = &[
    "verbatim",
    "verbatim*",
    "Verbatim",
    "lstlisting",
    "minted",
    "comment",
    "filecontents",
    "filecontents*",
];

/// Keep the derivation parts of the LaTeX `text` in `out`.
pub(super) fn read(text: &str, out: &mut Builder<'_>) {
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with('%') {
            let end = rest.find('\n').map_or(text.len(), |n| i + n);
            out.comment_line(i + 1..end);
            i = end;
            continue;
        }
        if let Some(env) = environment_at(rest, "\\begin{") {
            let mut body = i + "\\begin{".len() + env.len() + 1;
            let close = format!("\\end{{{env}}}");
            let end = text[body..].find(&close).map_or(text.len(), |c| body + c);
            if env.starts_with("alignat") {
                // `\begin{alignat}{2}`: the column count is not mathematics.
                if let Some((_, after)) = crate::syntax::braced(text[body..end].trim_start()) {
                    body = end - after.len();
                }
            }
            if DISPLAY_ENVIRONMENTS.contains(&env) {
                out.display(body..end);
            } else if env == "math" {
                out.inline(body..end);
            } else if !VERBATIM_ENVIRONMENTS.contains(&env) {
                // Any other environment (`document`, `proof`, `theorem`): its body is
                // read like the rest of the text.
                i = body;
                continue;
            }
            i = (end + close.len()).min(text.len());
            continue;
        }
        if let Some(after) = rest.strip_prefix("\\verb") {
            i += "\\verb".len() + verb_length(after);
            continue;
        }
        let delimiters: [(&str, &str, bool); 4] = [
            ("$$", "$$", true),
            ("\\[", "\\]", true),
            ("\\(", "\\)", false),
            ("$", "$", false),
        ];
        if let Some(&(open, close, display)) = delimiters
            .iter()
            .find(|(open, _, _)| rest.starts_with(open))
        {
            let body = i + open.len();
            let end = find_close(text, body, close).unwrap_or(text.len());
            if display {
                out.display(body..end);
            } else {
                out.inline(body..end);
            }
            i = (end + close.len()).min(text.len());
            continue;
        }
        if let Some(after) = rest.strip_prefix('\\') {
            // A backslash sequence whole: `\\`, `\%`, `\$`, `\begin`, `\alpha`.
            let name_len = after
                .bytes()
                .take_while(u8::is_ascii_alphabetic)
                .count()
                .max(1);
            let len = 1 + after
                .char_indices()
                .nth(name_len)
                .map_or(after.len(), |(at, _)| at);
            i += len.min(rest.len());
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
}

/// The environment name after `prefix` (`\begin{`) at the start of `rest`.
fn environment_at<'a>(rest: &'a str, prefix: &str) -> Option<&'a str> {
    let inside = rest.strip_prefix(prefix)?;
    let close = inside.find('}')?;
    let name = &inside[..close];
    name.bytes()
        .all(|b| b.is_ascii_alphabetic() || b == b'*')
        .then_some(name)
}

/// The length of `\verb`'s argument `|…|` (any delimiter), or 0.
fn verb_length(after: &str) -> usize {
    let (after, star) = match after.strip_prefix('*') {
        Some(after) => (after, 1),
        None => (after, 0),
    };
    let Some(delimiter) = after.chars().next().filter(|c| !c.is_alphabetic()) else {
        return 0;
    };
    match after[delimiter.len_utf8()..].find(delimiter) {
        Some(end) => star + delimiter.len_utf8() * 2 + end,
        None => 0,
    }
}

/// Where `close` ends the math that starts at `body`: the first `close` not escaped
/// (`\$` is a dollar sign) and, for `$`, not the start of `$$`.
fn find_close(text: &str, body: usize, close: &str) -> Option<usize> {
    let mut at = body;
    while at < text.len() {
        let rest = &text[at..];
        if rest.starts_with('\\') && !close.starts_with('\\') {
            at += 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
            continue;
        }
        if rest.starts_with(close) {
            return Some(at);
        }
        if close.starts_with('\\') && rest.starts_with("\\\\") {
            at += 2;
            continue;
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::notes::tests::{blocks, derived_rows};
    use crate::notes::NotesKind;

    fn check(text: &str) -> Vec<String> {
        derived_rows(NotesKind::Latex, text)
    }

    #[test]
    fn display_math_and_comment_declarations() {
        let text = "\\section{KL}\n% let p(x) = N(x; \\mu, \\sigma^2)\n%verify:  assume \\sigma > 0\n% just a remark\nWe have 50\\% of $a=b$:\n\\begin{align*}\n\\int p(x) dx &= 1 \\label{eq:one} \\\\\n&= 1\n\\end{align*}\nand \\[ x = x \\]\n";
        insta::assert_debug_snapshot!(check(text), @r#"
        [
            "let p(x) = N(x; \\mu, \\sigma^2)",
            "assume \\sigma > 0",
            "\\int p(x) dx &= 1",
            "&= 1",
            "x = x",
        ]
        "#);
    }

    #[test]
    fn every_display_environment_and_inline_claims() {
        let text = r"\begin{gather} a = b \\ c = d \end{gather}
\begin{multline} e = f \\ + g \end{multline}
\begin{eqnarray} M &=& h \\ &=& i \end{eqnarray}
\begin{flalign*} j &= k \end{flalign*}
\begin{alignat}{2} l &= m \end{alignat}
\begin{equation}\begin{split} n &= o \\ &= q \end{split}\end{equation}
So \(\int r = s\) and $t_1 = 0$ and \begin{math} u(v) = w \end{math}.";
        insta::assert_debug_snapshot!(check(text), @r#"
        [
            "a = b",
            "c = d",
            "e = f + g",
            "M &=& h",
            "&=& i",
            "j &= k",
            "l &= m",
            "n &= o",
            "&= q",
            "\\int r = s",
            "u(v) = w",
        ]
        "#);
    }

    #[test]
    fn verbatim_is_never_read_and_row_breaks_are_not_display_math() {
        let text = "\\begin{verbatim}\n$$ a = b $$\n\\end{verbatim}\n\\verb|$x = y$| and\n\\begin{align} a &= b \\\\[2pt] &= c \\end{align}\n\\begin{lstlisting}\n\\[ z = 1 \\]\n\\end{lstlisting}\n";
        insta::assert_debug_snapshot!(check(text), @r#"
        [
            "a &= b",
            "&= c",
        ]
        "#);
        assert_eq!(blocks(NotesKind::Latex, text), 1);
    }
}
