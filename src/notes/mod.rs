//! Notes files — Markdown and LaTeX — checked where they stand.
//!
//! A notes file is turned into a derivation text of exactly the same length in which
//! every byte that is not display math or a declaration is blanked (spaces, with line
//! ends kept). Spans into that text are therefore spans into the notes themselves,
//! so every diagnostic underlines the author's own file, and the derivation parser
//! needs to know nothing about notes.
//!
//! - Display math (`$$…$$`, `\[…\]`, ```` ```math ```` fences, `align*`/`equation*`
//!   environments) holds chains; `\begin{aligned}`, `\end{aligned}` and the like are
//!   blanked, and each `\\` ends a line, so an aligned block is one step per row. A
//!   block that starts with `=` or `&=` continues the previous block's chain.
//! - Declarations (`let`, `assume`, `specialise`) live in comments a renderer hides:
//!   HTML comments in Markdown, `%` comments in LaTeX. Other comment lines are blanked.
//! - Inline math and prose are blanked.
//!
//! The kept parts are also listed as [`Block`]s, so that the checker can set aside a
//! display block that is not a derivation (unsupported LaTeX, an undeclared
//! function) by blanking it, instead of failing the whole file.

mod latex;
mod markdown;

use std::ops::Range;
use std::path::Path;

/// The kinds of notes files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotesKind {
    /// `.md`, `.markdown`.
    Markdown,
    /// `.tex`.
    Latex,
}

impl NotesKind {
    /// The kind of a file by its extension; `None` for a plain derivation file.
    pub fn of(path: &Path) -> Option<NotesKind> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "md" | "markdown" => Some(NotesKind::Markdown),
            "tex" => Some(NotesKind::Latex),
            _ => None,
        }
    }
}

/// The derivation hidden in a notes file, as a text of the same length as `text`.
pub fn derivation_text(kind: NotesKind, text: &str) -> String {
    derivation(kind, text).text
}

/// The derivation hidden in a notes file, with the blocks it was taken from.
pub fn derivation(kind: NotesKind, text: &str) -> NotesDerivation {
    let mut out = Blanked::new(text);
    match kind {
        NotesKind::Markdown => markdown::keep_derivation(text, &mut out),
        NotesKind::Latex => latex::keep_derivation(text, &mut out),
    }
    let blocks = std::mem::take(&mut out.blocks);
    NotesDerivation {
        text: out.finish(),
        blocks,
    }
}

/// A notes file's derivation text (same length as the notes) and its blocks.
#[derive(Debug, Clone)]
pub struct NotesDerivation {
    /// The derivation text: everything but the blocks is blank.
    pub text: String,
    /// The kept parts, in source order.
    pub blocks: Vec<Block>,
}

/// A kept part of a notes file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Its byte range in the notes (and in the derivation text).
    pub range: Range<usize>,
    /// Display math or a declaration.
    pub kind: BlockKind,
}

/// What a kept part holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Display math: a chain, part of one, or a formula that is not a derivation.
    Math,
    /// A `let`, `assume` or `specialise` line from a comment: written for `verify`,
    /// so its errors are the author's to fix, never set aside.
    Declaration,
}

impl NotesDerivation {
    /// The math block holding byte `offset`, if any.
    pub fn math_block_at(&self, offset: usize) -> Option<usize> {
        self.blocks
            .iter()
            .position(|b| b.kind == BlockKind::Math && b.range.contains(&offset))
    }

    /// Blank math block `idx`, and the blocks after it that continue its chain (they
    /// start with `=` or `&=`), which would otherwise join an unrelated chain. Returns
    /// the indices blanked.
    pub fn set_aside(&mut self, idx: usize) -> Vec<usize> {
        let mut blanked = vec![idx];
        self.blank(idx);
        for next in idx + 1..self.blocks.len() {
            if self.blocks[next].kind != BlockKind::Math || !self.continues_a_chain(next) {
                break;
            }
            self.blank(next);
            blanked.push(next);
        }
        blanked
    }

    /// Whether math block `idx` starts with `=` or `&=`.
    pub fn continues_a_chain(&self, idx: usize) -> bool {
        let text = self.text[self.blocks[idx].range.clone()].trim_start();
        text.starts_with('=') || text.starts_with("&=")
    }

    fn blank(&mut self, idx: usize) {
        // Byte for byte, so offsets after the block do not move.
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        for b in &mut bytes[self.blocks[idx].range.clone()] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
        self.text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    }
}

/// A copy of a text in which everything starts blank and chosen ranges are kept.
struct Blanked<'a> {
    original: &'a str,
    bytes: Vec<u8>,
    blocks: Vec<Block>,
}

impl<'a> Blanked<'a> {
    fn new(original: &'a str) -> Self {
        let bytes = original
            .bytes()
            .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
            .collect();
        Self {
            original,
            bytes,
            blocks: Vec::new(),
        }
    }

    /// Keep `range` of the original as display math: environment markers blanked,
    /// `\\` turned into a line end.
    fn keep_math(&mut self, range: std::ops::Range<usize>) {
        self.blocks.push(Block {
            range: range.clone(),
            kind: BlockKind::Math,
        });
        self.keep(range.clone());
        let text = &self.original[range.clone()];
        for marker in MATH_MARKERS {
            for (at, _) in text.match_indices(marker) {
                self.blank(range.start + at..range.start + at + marker.len());
            }
        }
        for command in ["\\label{", "\\tag{"] {
            for (at, _) in text.match_indices(command) {
                let start = range.start + at;
                let end = self.original[start..range.end]
                    .find('}')
                    .map_or(range.end, |close| start + close + 1);
                self.blank(start..end);
            }
        }
        let mut i = range.start;
        while i + 1 < range.end {
            if &self.original.as_bytes()[i..i + 2] == b"\\\\" {
                self.bytes[i] = b' ';
                self.bytes[i + 1] = b'\n';
                i += 2;
            } else {
                i += 1;
            }
        }
    }

    /// Keep `range` of a comment's text when it is a declaration; returns whether it
    /// was a `specialise` directive (whose claim may follow as inline math).
    fn keep_declaration(&mut self, range: std::ops::Range<usize>) -> bool {
        let line = self.original[range.clone()].trim_start();
        let word = line
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        let specialise = matches!(word, "specialise" | "specialize");
        if specialise || matches!(word, "let" | "assume") {
            self.blocks.push(Block {
                range: range.clone(),
                kind: BlockKind::Declaration,
            });
            self.keep(range);
        }
        specialise
    }

    fn keep(&mut self, range: std::ops::Range<usize>) {
        self.bytes[range.clone()].copy_from_slice(&self.original.as_bytes()[range]);
    }

    fn blank(&mut self, range: std::ops::Range<usize>) {
        for b in &mut self.bytes[range] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }

    fn finish(self) -> String {
        // Whole characters are kept or blanked byte for byte, except where a marker
        // search cut one; repair any such rare cut rather than fail.
        String::from_utf8(self.bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// Environment markers and delimiters that are layout, not mathematics.
const MATH_MARKERS: &[&str] = &[
    "\\begin{aligned}",
    "\\end{aligned}",
    "\\begin{align*}",
    "\\end{align*}",
    "\\begin{align}",
    "\\end{align}",
    "\\begin{equation*}",
    "\\end{equation*}",
    "\\begin{equation}",
    "\\end{equation}",
    "\\begin{split}",
    "\\end{split}",
    "\\begin{gather*}",
    "\\end{gather*}",
    "\\nonumber",
    "\\notag",
];

/// The non-blank lines of the derivation text of `text`, trimmed; for tests.
#[cfg(test)]
fn derived_lines(kind: NotesKind, text: &str) -> Vec<String> {
    let derived = derivation_text(kind, text);
    assert_eq!(derived.len(), text.len(), "offsets are kept");
    derived
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        assert_eq!(
            NotesKind::of(Path::new("a/b.md")),
            Some(NotesKind::Markdown)
        );
        assert_eq!(NotesKind::of(Path::new("b.TEX")), Some(NotesKind::Latex));
        assert_eq!(NotesKind::of(Path::new("b.txt")), None);
    }

    #[test]
    fn a_block_set_aside_takes_its_continuations_with_it() {
        let text = "$$a = b$$\n\n$$= c$$\n\n<!-- let f(x) = x -->\n\n$$&= d$$\n\n$$e = e$$\n";
        let mut notes = derivation(NotesKind::Markdown, text);
        let kinds: Vec<BlockKind> = notes.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::{Declaration as D, Math as M};
        assert_eq!(kinds, [M, M, D, M, M]);
        assert_eq!(notes.math_block_at(text.find('c').unwrap()), Some(1));
        assert_eq!(notes.math_block_at(text.find("let").unwrap()), None);
        // The declaration ends the run of continuations.
        assert_eq!(notes.set_aside(0), [0, 1]);
        assert_eq!(notes.text.len(), text.len());
        let kept: Vec<&str> = notes
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(kept, ["let f(x) = x", "&= d", "e = e"]);
    }

    #[test]
    fn aligned_rows_become_lines_at_the_same_offsets() {
        let text = r"$$\begin{aligned} a &= b \\ &= c \end{aligned}$$";
        let mut out = Blanked::new(text);
        out.keep_math(2..text.len() - 2);
        let derived = out.finish();
        assert_eq!(derived.len(), text.len());
        assert_eq!(
            derived.lines().map(str::trim).collect::<Vec<_>>(),
            ["a &= b", "&= c"]
        );
        let b = derived.find('b').unwrap();
        assert_eq!(&text[b..b + 1], "b");
    }
}
