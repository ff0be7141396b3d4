//! LaTeX notes: display math (`\[…\]`, `$$…$$`, `align*`, `equation*` and their
//! numbered forms) is kept as chains; declarations are read from `%` comments.
//!
//! There is no LaTeX parser here, only a scan for those delimiters: the notes are
//! not typeset, just searched for the mathematics they display.

use super::Blanked;

/// Display environments and their closing markers.
const ENVIRONMENTS: &[(&str, &str)] = &[
    ("\\[", "\\]"),
    ("$$", "$$"),
    ("\\begin{align*}", "\\end{align*}"),
    ("\\begin{align}", "\\end{align}"),
    ("\\begin{equation*}", "\\end{equation*}"),
    ("\\begin{equation}", "\\end{equation}"),
];

/// Keep the derivation parts of the LaTeX `text` in `out`.
pub(super) fn keep_derivation(text: &str, out: &mut Blanked<'_>) {
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with("\\%") {
            i += 2;
            continue;
        }
        if rest.starts_with('%') {
            let end = rest.find('\n').map_or(text.len(), |n| i + n);
            let _ = out.keep_declaration(i + 1..end);
            i = end;
            continue;
        }
        if let Some((open, close)) = ENVIRONMENTS.iter().find(|(open, _)| rest.starts_with(open)) {
            let body = i + open.len();
            let end = text[body..].find(close).map_or(text.len(), |c| body + c);
            out.keep_math(body..end);
            i = (end + close.len()).min(text.len());
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
}

#[cfg(test)]
mod tests {
    use crate::notes::{derived_lines, NotesKind};

    fn check(text: &str) -> Vec<String> {
        derived_lines(NotesKind::Latex, text)
    }

    #[test]
    fn display_math_and_comment_declarations() {
        let text = "\\section{KL}\n% let p(x) = N(x; 0, 1)\n% just a remark\nWe have 50\\% of $a=b$:\n\\begin{align*}\n\\int p(x) dx &= 1 \\label{eq:one} \\\\\n&= 1\n\\end{align*}\nand \\[ x = x \\]\n";
        insta::assert_debug_snapshot!(check(text), @r#"
            [
                "let p(x) = N(x; 0, 1)",
                "\\int p(x) dx &= 1",
                "&= 1",
                "x = x",
            ]
            "#);
    }
}
