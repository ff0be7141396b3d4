//! Markdown notes: mathematics as Markdown renderers with MathJax or KaTeX show it.
//!
//! pulldown-cmark finds what is code (fenced and indented code blocks, code spans),
//! which is never read, and ```` ```math ```` fences, which are display math. The rest
//! of the text is scanned for math delimiters the way MathJax finds them: `$$…$$`
//! (a blank line inside included), `\[…\]` and its Markdown-escaped form `\\[…\\]`,
//! display environments written bare (`\begin{align*} … \end{align*}`), and inline
//! `$…$`, `\(…\)`, `\\(…\\)`. Several on one line are separate blocks. Declarations
//! are read from HTML comments (`<!-- let p(x) = … -->`). ProofWiki's `{{begin-eqn}}`
//! blocks are display math too (see `proofwiki`).

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::{Builder, DISPLAY_ENVIRONMENTS};

/// A part of the text that is not scanned for delimiters.
#[derive(Debug, Clone)]
enum Region {
    /// Code: never read.
    Code(Range<usize>),
    /// A ```` ```math ```` fence: its whole range, and the body inside the fences.
    MathFence {
        whole: Range<usize>,
        body: Range<usize>,
    },
}

impl Region {
    fn range(&self) -> &Range<usize> {
        match self {
            Region::Code(range) | Region::MathFence { whole: range, .. } => range,
        }
    }
}

/// Keep the derivation parts of the Markdown `text` in `out`.
pub(super) fn read(text: &str, out: &mut Builder<'_>) {
    let regions = regions(text);
    let ends = super::proofwiki::Ends::of(text);
    let mut next_region = 0;
    let mut i = 0;
    while i < text.len() {
        if let Some(region) = regions.get(next_region) {
            if region.range().start <= i {
                if let Region::MathFence { body, .. } = region {
                    out.display(body.clone());
                }
                i = i.max(region.range().end);
                next_region += 1;
                continue;
            }
        }
        let limit = regions
            .get(next_region)
            .map_or(text.len(), |r| r.range().start);
        i = step(text, i, limit, &regions[next_region..], &ends, out);
    }
}

/// Code blocks, code spans and math fences, in order, from pulldown-cmark.
fn regions(text: &str) -> Vec<Region> {
    let mut regions = Vec::new();
    let mut fence: Option<(Range<usize>, bool)> = None;
    let mut fence_body: Option<Range<usize>> = None;
    for (event, range) in Parser::new_ext(text, Options::ENABLE_MATH).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let is_math = matches!(&kind, CodeBlockKind::Fenced(info)
                    if info.split_whitespace().next() == Some("math"));
                fence = Some((range, is_math));
                fence_body = None;
            }
            Event::Text(_) if fence.is_some() => {
                fence_body = Some(match fence_body.take() {
                    Some(body) => body.start..range.end,
                    None => range,
                });
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((whole, is_math)) = fence.take() {
                    match (is_math, fence_body.take()) {
                        (true, Some(body)) => regions.push(Region::MathFence { whole, body }),
                        _ => regions.push(Region::Code(whole)),
                    }
                }
            }
            Event::Code(_) => regions.push(Region::Code(range)),
            _ => {}
        }
    }
    regions.sort_by_key(|r| r.range().start);
    regions
}

/// Reads what starts at `i` (before `limit`, where the next region starts) and
/// returns where to go on. `regions` are the regions from `limit` on, which a `$$`
/// block may not run into.
fn step(
    text: &str,
    i: usize,
    limit: usize,
    regions: &[Region],
    ends: &super::proofwiki::Ends,
    out: &mut Builder<'_>,
) -> usize {
    let rest = &text[i..limit];
    if let Some(inside) = rest.strip_prefix("<!--") {
        let body = i + 4;
        let end = inside.find("-->").map_or(limit, |c| body + c);
        comment(text, body..end, out);
        return (end + 3).min(limit);
    }
    if let Some((end, rows)) = super::proofwiki::eqn_block(text, i, limit, ends) {
        out.template_block(i..end, rows);
        return end;
    }
    if let Some(env) = bare_environment(rest) {
        let body = i + "\\begin{".len() + env.len() + 1;
        let close = format!("\\end{{{env}}}");
        if let Some(end) = text[body..limit].find(&close).map(|c| body + c) {
            out.display(body..end);
            return end + close.len();
        }
    }
    let delimiters: [(&str, &str, bool); 7] = [
        ("$$", "$$", true),
        ("\\\\[", "\\\\]", true),
        ("\\[", "\\]", true),
        ("\\\\(", "\\\\)", false),
        ("\\(", "\\)", false),
        ("\\$", "", false),
        ("$", "$", false),
    ];
    let Some(&(open, close, display)) = delimiters.iter().find(|(o, _, _)| rest.starts_with(o))
    else {
        if rest.starts_with("\\\\") {
            return i + 2;
        }
        return i + rest.chars().next().map_or(1, char::len_utf8);
    };
    if close.is_empty() {
        // `\$` is an escaped dollar sign.
        return i + open.len();
    }
    let body = i + open.len();
    if open == "$" && !opens_inline(text, body) {
        return body;
    }
    // Display math may run past blank lines and up to the next code region; inline
    // math stays in its paragraph.
    let search_end = if display {
        regions.first().map_or(text.len(), |r| r.range().start)
    } else {
        paragraph_end(text, body, limit)
    };
    match find_close(text, body, search_end, close) {
        Some(end) => {
            if display {
                out.display(body..end);
            } else {
                out.inline(body..end);
            }
            end + close.len()
        }
        None => body,
    }
}

/// A display environment written bare: `\begin{align*}` at the start of `rest`.
fn bare_environment(rest: &str) -> Option<&str> {
    let inside = rest.strip_prefix("\\begin{")?;
    let name = &inside[..inside.find('}')?];
    DISPLAY_ENVIRONMENTS.contains(&name).then_some(name)
}

/// Whether a `$` opens inline math: not followed by a space (pandoc's rule, so that
/// "costs $5 and $6" is prose).
fn opens_inline(text: &str, body: usize) -> bool {
    text[body..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && c != '$')
}

/// Where the paragraph holding `at` ends: a blank line, or `limit`.
fn paragraph_end(text: &str, at: usize, limit: usize) -> usize {
    let rest = &text[at..limit];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if offset > 0 && line.trim().is_empty() {
            return at + offset;
        }
        offset += line.len();
    }
    limit
}

/// The first unescaped `close` in `text[from..end]`; for `$`, one not preceded by a
/// space and not followed by a digit (pandoc's rule).
fn find_close(text: &str, from: usize, end: usize, close: &str) -> Option<usize> {
    let mut at = from;
    while at < end {
        let rest = &text[at..end];
        if rest.starts_with(close) {
            let fits = close != "$"
                || (!text[..at].ends_with(char::is_whitespace)
                    && !text[at + 1..].starts_with(|c: char| c.is_ascii_digit()));
            if fits {
                return Some(at);
            }
        }
        if rest.starts_with('\\') && !close.starts_with('\\') {
            at += 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
            continue;
        }
        if rest.starts_with("\\\\") && close.starts_with("\\") && !close.starts_with("\\\\") {
            at += 2;
            continue;
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The declaration lines of an HTML comment's body.
fn comment(text: &str, body: Range<usize>, out: &mut Builder<'_>) {
    let mut start = body.start;
    for line in text[body.clone()].split_inclusive('\n') {
        let end = start + line.trim_end_matches(['\n', '\r']).len();
        out.comment_line(start..end);
        start += line.len();
    }
}

#[cfg(test)]
mod tests {
    use crate::notes::tests::{blocks, derived_rows};
    use crate::notes::NotesKind;

    fn check(text: &str) -> Vec<String> {
        derived_rows(NotesKind::Markdown, text)
    }

    #[test]
    fn display_math_and_declarations_are_kept_prose_and_code_are_not() {
        let text = "# Title\n\n<!--\nlet p(x) = N(x; 0, 1)\nnot a declaration\n-->\n\nSo $a = b$ inline.\n\n$$\\int p(x) dx = 1$$\n\n```math\nx = x\n```\n\n```python\ny = 2\n$$z = 3$$\n```\n\nand `$$w = 4$$` in code.\n";
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
    fn every_delimiter_and_several_blocks_on_one_line() {
        let text = "$$a = b$$ $$c = d$$\n\n\\[ e = f \\]\n\n\\\\[ g = h \\\\]\n\n$$\ni = j\n\n= k\n$$\n\nInline \\(l(m) = n\\) and \\\\(o(p) = q\\\\), prose $5 and $6.\n";
        insta::assert_debug_snapshot!(check(text), @r#"
        [
            "a = b",
            "c = d",
            "e = f",
            "g = h",
            "i = j = k",
            "l(m) = n",
            "o(p) = q",
        ]
        "#);
        assert_eq!(blocks(NotesKind::Markdown, text), 7);
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

    #[test]
    fn inline_math_is_a_claim_only_when_it_reads_as_one() {
        let text = "Let $\\mu_2 = 0$ and $\\sigma^2 = 1$; then $\\int p(x)\\,dx = 1$, where $X \\sim \\mathcal{N}(0, 1)$, and $x$ is real. Continuing, $= 2$.\n";
        insta::assert_debug_snapshot!(check(text), @r#"
        [
            "\\int p(x)\\,dx = 1",
            "X \\sim \\mathcal{N}(0, 1)",
            "= 2",
        ]
        "#);
    }
}
