//! Inline control, as markdownlint and Vale have it: comments by which an author turns
//! checking off for part of a notes file.
//!
//! - Markdown and notebooks: `<!-- verify: off -->` … `<!-- verify: on -->`, and
//!   `<!-- verify: skip-next -->` for the next block of mathematics only;
//! - LaTeX: the comment lines `% verify: off`, `% verify: on`, `% verify: skip-next`.
//!
//! `off` without a later `on` lasts to the end of the file. Only mathematics is turned
//! off: a declaration (`let`, `assume`, `specialise` in a comment) is written for
//! `verify` alone and is still read. A block turned off is never silent: it is listed
//! as turned off, with the line of the comment that did it, and counted.
//!
//! A comment that starts with `verify:` but says something else (`verify: of`) is not
//! a control and turns nothing off: what it would have hidden is checked, and shows.

use std::ops::Range;

use super::{Block, NotesKind};

/// What a control comment says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Control {
    Off,
    On,
    SkipNext,
}

/// The control comments of `text`: each one's byte range and what it says.
fn controls(kind: NotesKind, text: &str) -> Vec<(Range<usize>, Control)> {
    let mut out = Vec::new();
    match kind {
        NotesKind::Markdown | NotesKind::Notebook => {
            let mut from = 0;
            while let Some(open) = text[from..].find("<!--").map(|i| from + i) {
                let Some(close) = text[open..].find("-->").map(|i| open + i + 3) else {
                    break;
                };
                if let Some(control) = parse(&text[open + 4..close - 3]) {
                    out.push((open..close, control));
                }
                from = close;
            }
        }
        NotesKind::Latex => {
            let mut at = 0;
            for line in text.split_inclusive('\n') {
                if let Some(body) = line.trim_start().strip_prefix('%') {
                    if let Some(control) = parse(body) {
                        out.push((at..at + line.len(), control));
                    }
                }
                at += line.len();
            }
        }
    }
    out
}

/// `verify: off`, `verify: on`, `verify: skip-next` (spaces around the words as they
/// come).
fn parse(body: &str) -> Option<Control> {
    let rest = body.trim().strip_prefix("verify")?.trim_start();
    match rest.strip_prefix(':')?.trim() {
        "off" => Some(Control::Off),
        "on" => Some(Control::On),
        "skip-next" => Some(Control::SkipNext),
        _ => None,
    }
}

/// The math blocks of `blocks` that the control comments of `text` turn off, each
/// with the byte offset of the comment that does it, in block order.
pub fn turned_off(kind: NotesKind, text: &str, blocks: &[Block]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut off_since: Option<usize> = None;
    let mut skip_next: Option<usize> = None;
    let mut controls = controls(kind, text).into_iter().peekable();
    for (idx, block) in blocks.iter().enumerate() {
        while let Some((range, control)) = controls.next_if(|(r, _)| r.end <= block.range.start) {
            match control {
                Control::Off => off_since = off_since.or(Some(range.start)),
                Control::On => off_since = None,
                Control::SkipNext => skip_next = Some(range.start),
            }
        }
        if !block.kind.is_math() {
            continue;
        }
        if let Some(at) = off_since.or(skip_next.take()) {
            out.push((idx, at));
        }
    }
    out
}

/// What a block turned off by the comment at `at` is listed with.
pub fn reason(kind: NotesKind, text: &str, at: usize) -> String {
    let line = text[..at.min(text.len())].matches('\n').count() + 1;
    let rest = &text[at.min(text.len())..];
    let skip = match kind {
        NotesKind::Latex => rest
            .lines()
            .next()
            .unwrap_or_default()
            .contains("skip-next"),
        _ => rest
            .split("-->")
            .next()
            .unwrap_or_default()
            .contains("skip-next"),
    };
    let what = if skip { "skip-next" } else { "off" };
    let comment = match kind {
        NotesKind::Latex => format!("% verify: {what}"),
        _ => format!("<!-- verify: {what} -->"),
    };
    format!("turned off by `{comment}` at line {line}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::derivation;

    /// The first line of each block turned off, and the reason.
    fn off(kind: NotesKind, text: &str) -> Vec<String> {
        let d = derivation(kind, text);
        turned_off(kind, text, &d.blocks)
            .into_iter()
            .map(|(idx, at)| {
                let body = text[d.blocks[idx].range.clone()].trim();
                format!(
                    "{} ({})",
                    body.lines().next().unwrap(),
                    reason(kind, text, at)
                )
            })
            .collect()
    }

    #[test]
    fn off_and_on_turn_off_the_blocks_between() {
        let text = "$$a = a$$\n\n<!-- verify: off -->\n\n$$b = b$$\n\n$$\nc = c\n$$\n\n<!--verify:on-->\n\n$$d = d$$\n";
        assert_eq!(
            off(NotesKind::Markdown, text),
            [
                "b = b (turned off by `<!-- verify: off -->` at line 3)",
                "c = c (turned off by `<!-- verify: off -->` at line 3)"
            ]
        );
    }

    #[test]
    fn skip_next_turns_off_one_block_and_off_lasts_to_the_end() {
        let text = "<!-- verify: skip-next -->\n$$a = a$$\n\n$$b = b$$\n\n<!-- verify: off -->\n$$c = c$$\n";
        assert_eq!(
            off(NotesKind::Markdown, text),
            [
                "a = a (turned off by `<!-- verify: skip-next -->` at line 1)",
                "c = c (turned off by `<!-- verify: off -->` at line 6)"
            ]
        );
    }

    #[test]
    fn latex_comment_lines_control_and_declarations_are_still_read() {
        let text = "% verify: off\n% let f(x) = x\n\\[ f(1) = 1 \\]\n% verify: on\n\\[ a = a \\]\n";
        let d = derivation(NotesKind::Latex, text);
        let turned: Vec<usize> = turned_off(NotesKind::Latex, text, &d.blocks)
            .into_iter()
            .map(|(idx, _)| idx)
            .collect();
        assert_eq!(turned.len(), 1);
        assert!(d.blocks[turned[0]].kind.is_math());
        assert!(text[d.blocks[turned[0]].range.clone()].contains("f(1)"));
    }

    #[test]
    fn other_comments_are_not_controls() {
        for text in [
            "<!-- verify: of -->\n$$a = a$$\n",
            "<!-- verify off -->\n$$a = a$$\n",
            "<!-- let a = 1 -->\n$$a = a$$\n",
        ] {
            assert!(off(NotesKind::Markdown, text).is_empty(), "{text}");
        }
        assert!(off(NotesKind::Latex, "% verify: offf\n\\[ a = a \\]\n").is_empty());
    }
}
