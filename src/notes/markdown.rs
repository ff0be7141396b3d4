//! Markdown notes, read with pulldown-cmark: display math (`$$…$$`), ```` ```math ````
//! fences and bare `align*` / `equation*` environments in paragraphs (which MathJax
//! and KaTeX render as display math) are kept as chains; declarations are read from
//! HTML comments.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::Blanked;

/// Keep the derivation parts of the Markdown `text` in `out`.
pub(super) fn keep_derivation(text: &str, out: &mut Blanked<'_>) {
    let mut in_math_fence = false;
    let mut in_comment = false;
    // Inline math is prose, except the first math after a `specialise` comment: that
    // is the specialised claim, which notes often state inline.
    let mut claim_expected = false;
    let mut paragraph_start = None;
    for (event, range) in Parser::new_ext(text, Options::ENABLE_MATH).into_offset_iter() {
        match event {
            Event::DisplayMath(_) => {
                let inner = strip_delimiters(text, range.clone(), "$$", "$$");
                out.keep_math(inner);
                claim_expected = false;
            }
            Event::Start(Tag::Paragraph) => paragraph_start = Some(range.start),
            Event::End(TagEnd::Paragraph) => {
                if let Some(start) = paragraph_start.take() {
                    keep_environments(text, start..range.end, out);
                }
            }
            Event::InlineMath(_) if claim_expected => {
                out.keep_math(strip_delimiters(text, range.clone(), "$", "$"));
                claim_expected = false;
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                in_math_fence = info.split_whitespace().next() == Some("math");
            }
            Event::End(TagEnd::CodeBlock) => in_math_fence = false,
            Event::Text(_) if in_math_fence => out.keep_math(range),
            Event::Html(_) | Event::InlineHtml(_) => {
                let (still_in_comment, specialised) =
                    keep_comment_declarations(text, range, in_comment, out);
                in_comment = still_in_comment;
                claim_expected |= specialised;
            }
            _ => {}
        }
    }
}

/// Display environments written bare in a paragraph, outside `$$`.
const ENVIRONMENTS: &[&str] = &["align*", "align", "equation*", "equation", "gather*"];

/// Keep the bodies of the bare display environments in the paragraph at `range`. The
/// raw text is scanned, not pulldown-cmark's text events, because Markdown would read
/// `\\` and `_` inside them as an escape and emphasis. Environments inside `$$` are
/// already display math and are skipped.
fn keep_environments(text: &str, range: std::ops::Range<usize>, out: &mut Blanked<'_>) {
    let mut at = range.start;
    while let Some(found) = text[at..range.end].find("\\begin{") {
        let begin = at + found;
        let name_start = begin + "\\begin{".len();
        let Some(name) = ENVIRONMENTS
            .iter()
            .find(|env| text[name_start..range.end].starts_with(&format!("{env}}}")))
        else {
            at = name_start;
            continue;
        };
        let body = name_start + name.len() + 1;
        let close = format!("\\end{{{name}}}");
        let Some(end) = text[body..range.end].find(&close).map(|e| body + e) else {
            return;
        };
        if !inside_display_math(text, range.start, begin) {
            out.keep_math(body..end);
        }
        at = end + close.len();
    }
}

/// Whether `offset` lies inside `$$ … $$` opened after `start`.
fn inside_display_math(text: &str, start: usize, offset: usize) -> bool {
    text[start..offset].matches("$$").count() % 2 == 1
}

/// `range` without its opening and closing delimiters, when present.
fn strip_delimiters(
    text: &str,
    range: std::ops::Range<usize>,
    open: &str,
    close: &str,
) -> std::ops::Range<usize> {
    let slice = &text[range.clone()];
    let start = if slice.starts_with(open) {
        range.start + open.len()
    } else {
        range.start
    };
    let end = if slice.ends_with(close) && range.end - close.len() >= start {
        range.end - close.len()
    } else {
        range.end
    };
    start..end
}

/// Keep the declaration lines inside the HTML comments of `range`. pulldown-cmark
/// gives an HTML block line by line, so whether a comment is open is carried from one
/// call to the next: `in_comment` in, the state at the end of `range` out, with
/// whether a `specialise` directive was kept.
fn keep_comment_declarations(
    text: &str,
    range: std::ops::Range<usize>,
    mut in_comment: bool,
    out: &mut Blanked<'_>,
) -> (bool, bool) {
    let mut specialised = false;
    let mut line_start = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let line_end = line_start + line.trim_end_matches(['\n', '\r']).len();
        let mut at = line_start;
        while at < line_end {
            let rest = &text[at..line_end];
            if in_comment {
                let close = rest.find("-->").map(|c| at + c);
                specialised |= out.keep_declaration(at..close.unwrap_or(line_end));
                match close {
                    Some(c) => {
                        in_comment = false;
                        at = c + 3;
                    }
                    None => at = line_end,
                }
            } else {
                match rest.find("<!--") {
                    Some(open) => {
                        in_comment = true;
                        at += open + 4;
                    }
                    None => at = line_end,
                }
            }
        }
        line_start += line.len();
    }
    (in_comment, specialised)
}

#[cfg(test)]
mod tests {
    use crate::notes::{derived_lines, NotesKind};

    fn check(text: &str) -> Vec<String> {
        derived_lines(NotesKind::Markdown, text)
    }

    #[test]
    fn display_math_and_declarations_are_kept_prose_is_not() {
        let text = "# Title\n\n<!--\nlet p(x) = N(x; 0, 1)\nnot a declaration\n-->\n\nSo $a = b$ inline.\n\n$$\\int p(x) dx = 1$$\n\n```math\nx = x\n```\n\n```python\ny = 2\n```\n";
        insta::assert_debug_snapshot!(check(text), @r#"
            [
                "let p(x) = N(x; 0, 1)",
                "\\int p(x) dx = 1",
                "x = x",
            ]
            "#);
    }

    #[test]
    fn bare_environments_in_a_paragraph_are_display_math() {
        let text = "Then\n\\begin{align*}\n\\mu_1 &= a_1 + b \\\\\n&= b + a_1\n\\end{align*}\nand $$\\begin{equation*} x = x \\end{equation*}$$ too.\n\n\\begin{theorem} y = y \\end{theorem}\n";
        insta::assert_debug_snapshot!(check(text), @r#"
            [
                "\\mu_1 &= a_1 + b",
                "&= b + a_1",
                "x = x",
            ]
            "#);
    }

    #[test]
    fn the_claim_after_a_specialise_comment_is_kept_even_inline() {
        let text = "$$F(a) = a^2$$\n\nSo $a = 1$ here.\n\n<!-- specialise with a = 2 -->\n\nThat is $G = 4$, and $b = c$ stays prose.\n";
        insta::assert_debug_snapshot!(check(text), @r#"
            [
                "F(a) = a^2",
                "specialise with a = 2",
                "G = 4",
            ]
            "#);
    }
}
