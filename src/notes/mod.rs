//! Notes files — Markdown, LaTeX and Jupyter notebooks — checked where they stand.
//!
//! A notes file becomes a *derivation text* of exactly the same length in which every
//! byte that is not mathematics or a declaration is blanked (spaces, line ends kept),
//! plus the list of [`Row`]s to read from it, in document order. Spans into that text
//! are spans into the notes themselves, so every diagnostic underlines the author's
//! own file, and the derivation parser needs to know nothing about notes.
//!
//! - **Display math** (`$$…$$`, `\[…\]`, every display environment, ```` ```math ````
//!   fences) holds chains. Inside a block (see `math`), environment markers, labels
//!   and comments are blanked, every `\\` ends a row, and a row that continues the
//!   expression above it (`&\quad + \mu^2`) is joined to it. A block that starts with
//!   `=` continues the open chain.
//! - **Inline math** is prose, except what reads as a claim or a declaration (see
//!   [`inline_role`]): `$= …$` continuing a display, `$\int p(x)\,dx = 1$`,
//!   `$X \sim \mathcal{N}(\mu, \sigma^2)$`, and the first math after a `specialise`
//!   comment.
//! - **Declarations** (`let`, `assume`, `specialise`) live in comments a renderer
//!   hides: HTML comments in Markdown, `%` comments in LaTeX.
//! - Code (verbatim environments, code blocks and spans) is never read.
//!
//! The kept parts are listed as [`Block`]s, so that the checker can set aside a block
//! that is not a derivation (unsupported LaTeX, an undeclared function) by dropping
//! its rows, and say so, instead of failing the whole file.

pub mod control;
mod latex;
mod markdown;
mod math;
pub mod notebook;
mod proofwiki;
mod prose;
mod setting;

pub use prose::{called_the_sample_mean, is_a_formula, is_a_formula_expr};

use std::ops::Range;
use std::path::Path;

use crate::syntax::scan::{self, RelationKind};
use crate::syntax::{Row, RowKind};

/// Display environments: their body holds rows of a derivation, in LaTeX notes and
/// written bare in Markdown (MathJax and KaTeX render them there too).
const DISPLAY_ENVIRONMENTS: &[&str] = &[
    "equation",
    "equation*",
    "align",
    "align*",
    "gather",
    "gather*",
    "multline",
    "multline*",
    "flalign",
    "flalign*",
    "alignat",
    "alignat*",
    "eqnarray",
    "eqnarray*",
    "displaymath",
    "dmath",
    "dmath*",
];

/// The kinds of notes files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotesKind {
    /// `.md`, `.markdown`.
    Markdown,
    /// `.tex`.
    Latex,
    /// `.ipynb`: its Markdown cells, read as Markdown (see [`notebook`]).
    Notebook,
}

impl NotesKind {
    /// The kind of a file by its extension; `None` for a plain derivation file.
    pub fn of(path: &Path) -> Option<NotesKind> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "md" | "markdown" => Some(NotesKind::Markdown),
            "tex" => Some(NotesKind::Latex),
            "ipynb" => Some(NotesKind::Notebook),
            _ => None,
        }
    }
}

/// The derivation hidden in a notes file. For a notebook, `text` is the Markdown its
/// cells hold (see [`notebook::markdown_of`]), not the JSON.
pub fn derivation(kind: NotesKind, text: &str) -> NotesDerivation {
    let mut out = Builder::new(text);
    match kind {
        NotesKind::Markdown | NotesKind::Notebook => markdown::read(text, &mut out),
        NotesKind::Latex => latex::read(text, &mut out),
    }
    out.finish()
}

/// A notes file's derivation text (same length as the notes), its blocks and rows.
#[derive(Debug, Clone)]
pub struct NotesDerivation {
    /// The derivation text: everything but the kept mathematics and declarations is
    /// blank, and so are the layout commands inside the mathematics.
    pub text: String,
    /// The kept parts, in source order.
    pub blocks: Vec<Block>,
    /// What to parse, in document order; each row belongs to one block.
    pub rows: Vec<Row>,
    /// Inline math left as prose that gives a lone symbol a value, `$H_1 = …$` or
    /// `$\mu_2 = 0$` (bodies, in source order): the text means something by that
    /// name which `verify` does not read, so no step is judged wrong by a value it
    /// picks for it (see `check::elsewhere`).
    pub prose_values: Vec<Range<usize>>,
}

/// A kept part of a notes file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Its byte range in the notes (and in the derivation text), delimiters excluded.
    pub range: Range<usize>,
    /// Display math, inline math or a declaration.
    pub kind: BlockKind,
    /// Its rows, as indices into [`NotesDerivation::rows`].
    pub rows: Range<usize>,
}

/// What a kept part holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Display math: a chain, part of one, or a formula that is not a derivation.
    Display,
    /// Inline math that reads as a claim, a continuation or a declaration.
    Inline,
    /// A `let`, `assume` or `specialise` line from a comment: written for `verify`,
    /// so its errors are the author's to fix, never set aside.
    Declaration,
}

impl BlockKind {
    /// Whether the block is mathematics (display or inline), which may be set aside.
    pub fn is_math(self) -> bool {
        matches!(self, BlockKind::Display | BlockKind::Inline)
    }
}

impl NotesDerivation {
    /// The math block holding byte `offset`, if any.
    pub fn math_block_at(&self, offset: usize) -> Option<usize> {
        self.blocks
            .iter()
            .position(|b| b.kind.is_math() && b.range.contains(&offset))
    }

    /// The rows of every block not in `set_aside`, in order.
    pub fn rows_without(&self, set_aside: &[usize]) -> Vec<Row> {
        self.blocks
            .iter()
            .enumerate()
            .filter(|(idx, _)| !set_aside.contains(idx))
            .flat_map(|(_, block)| self.rows[block.rows.clone()].iter().cloned())
            .collect()
    }

    /// Block `idx` and the math blocks after it that continue its chain (they start
    /// with `=`), which would otherwise join an unrelated chain: what setting `idx`
    /// aside takes with it.
    pub fn with_continuations(&self, idx: usize) -> Vec<usize> {
        let mut taken = vec![idx];
        for next in idx + 1..self.blocks.len() {
            if !self.blocks[next].kind.is_math() || !self.continues_a_chain(next) {
                break;
            }
            taken.push(next);
        }
        taken
    }

    /// Whether math block `idx` starts with `=` (after `&` and spacing).
    pub fn continues_a_chain(&self, idx: usize) -> bool {
        let block = &self.blocks[idx];
        self.rows[block.rows.clone()]
            .first()
            .is_some_and(|row| math::starts_with_equals(&self.text[row.range.clone()]))
    }
}

/// Builds a [`NotesDerivation`]: a copy of the text in which everything starts blank
/// and chosen ranges are kept, with their blocks and rows.
struct Builder<'a> {
    original: &'a str,
    bytes: Vec<u8>,
    blocks: Vec<Block>,
    rows: Vec<Row>,
    /// A `specialise` declaration was kept and its claim (the next math) not yet seen.
    claim_expected: bool,
    /// Inline math before this offset belongs to a declaration read from prose
    /// (`prose`), kept already.
    declared_until: usize,
    /// The random variables inline math has declared so far (`$X \sim …$`, as
    /// written): `$Y = e^X$` after one defines a random variable from it.
    random: Vec<String>,
    /// The definitions prose has made so far ("Write $\bar{x} = …$"), spacing removed:
    /// "where $\bar{x} = …$" restating one of them is a reminder, not a second one.
    defined: Vec<String>,
    /// See [`NotesDerivation::prose_values`].
    prose_values: Vec<Range<usize>>,
    /// Where the last definition read from prose ends (its body's end): "Let $a =
    /// …$ and $b = …$" defines `b` too.
    last_definition_end: Option<usize>,
}

impl<'a> Builder<'a> {
    fn new(original: &'a str) -> Self {
        let bytes = original
            .bytes()
            .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
            .collect();
        Self {
            original,
            bytes,
            blocks: Vec::new(),
            rows: Vec::new(),
            claim_expected: false,
            declared_until: 0,
            random: Vec::new(),
            defined: Vec::new(),
            prose_values: Vec::new(),
            last_definition_end: None,
        }
    }

    /// Keep `body` (the inside of a display block, delimiters excluded) as rows.
    fn display(&mut self, body: Range<usize>) {
        self.claim_expected = false;
        // The prose since the last display: "setting it to zero, we get".
        let since = self
            .blocks
            .iter()
            .rev()
            .find(|block| block.kind == BlockKind::Display)
            .map_or(0, |block| block.range.end);
        let row_kind = if setting::sets_to_zero(&self.original[since..body.start]) {
            RowKind::MathSetToZero
        } else {
            RowKind::Math
        };
        self.math_rows(body, BlockKind::Display, row_kind);
    }

    /// Keep `body` of inline math if it is a claim, continuation or declaration.
    fn inline(&mut self, body: Range<usize>) {
        if body.start < self.declared_until {
            return;
        }
        let text = &self.original[body.clone()];
        if scan::is_lone_symbol(text) {
            if let Some(sentence) = prose::law_sentence(self.original, body.clone()) {
                self.law_sentence(body, sentence);
                return;
            }
            if let Some(words) = prose::standard_normal_sentence(self.original, body.clone()) {
                self.standard_normal(body, words);
                return;
            }
        }
        let claim = std::mem::take(&mut self.claim_expected);
        let mut role = inline_role(text);
        if role == Some(InlineRole::Declaration) {
            self.random.extend(declared_random_variables(text));
        }
        // `$Y = …$` left as prose so far, and the random variables declared later in
        // its sentence ("If $Y = e^X$ with $X \sim N(\mu, \sigma^2)$"), read once.
        let lone = role.is_none() && defines_a_lone_symbol(text);
        let later = match lone {
            true => declared_later_in_sentence(self.original, body.end),
            false => Vec::new(),
        };
        if lone {
            // Recorded even when read as a definition below: were that definition
            // set aside, its value would still be the text's.
            self.prose_values.push(body.clone());
        }
        if role.is_none() {
            // "Write $Y = e^X$ with $X \sim …$": a random variable of its own (below).
            let random: Vec<String> = self.random.iter().chain(&later).cloned().collect();
            let after = self.last_definition_end;
            if let Some(word) = defining_word(self.original, body.start, text, &random, after) {
                let written: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                if self.defined.contains(&written) {
                    return;
                }
                self.defined.push(written);
                self.last_definition_end = Some(body.end);
                // "Write $\bar{x} = \frac{1}{n}\sum_i x_i$": the definition `let \bar{x} = …`.
                self.keep(body.clone());
                self.bytes[word..word + 3].copy_from_slice(b"let");
                self.directive_block(word..body.end, BlockKind::Inline);
                return;
            }
        }
        if role.is_none() && defines_from(text, &self.random) {
            // "Let $X \sim N(μ, σ²)$ and $Y = e^X$": `Y` is defined from `X`.
            role = Some(InlineRole::Declaration);
            if let Some((lhs, _)) = text.split_once('=') {
                self.random.push(lhs.trim().to_string());
            }
        }
        // "If $Y = e^X$ with $X \sim N(\mu, \sigma^2)$": the variable it is defined
        // from may be declared later in the same sentence (the check puts that
        // declaration first).
        if role.is_none() && lone && defines_from(text, &later) {
            role = Some(InlineRole::Declaration);
            if let Some((lhs, _)) = text.split_once('=') {
                self.random.push(lhs.trim().to_string());
            }
        }
        // "for $a > 0$" assumes it; "$a > 0$ fails here" does not: a condition is an
        // assumption only after a word that makes it one.
        if role == Some(InlineRole::Condition) && !prose::assumes(&self.original[..body.start]) {
            return;
        }
        if claim || role.is_some() {
            self.math_block(body, BlockKind::Inline);
        } else if text.contains("\\sum") || text.contains("\\prod") {
            // "we write $\sum_i$ for $\sum_{i=1}^{n}$": not a claim, but the range it
            // writes is the one an abbreviated `\sum_i` means (see
            // `syntax::expr::ranges`). Its text is kept, in no row.
            self.keep(body);
        }
    }

    fn math_block(&mut self, body: Range<usize>, kind: BlockKind) {
        self.math_rows(body, kind, RowKind::Math);
    }

    /// Keep `body` as a block of `kind` whose rows are read as `row_kind`.
    fn math_rows(&mut self, body: Range<usize>, kind: BlockKind, row_kind: RowKind) {
        if body.start >= body.end {
            return;
        }
        self.keep(body.clone());
        let rows = math::rows(self.original, body.clone(), &mut self.bytes);
        let first = self.rows.len();
        self.rows.extend(rows.into_iter().map(|range| Row {
            range,
            kind: row_kind,
        }));
        let rows = first..self.rows.len();
        if !rows.is_empty() {
            self.blocks.push(Block {
                range: body,
                kind,
                rows,
            });
        }
    }

    /// Keep a block of rows already split (ProofWiki's `{{eqn}}` templates): each
    /// row's pieces are kept, what lies between them stays blank.
    fn template_block(&mut self, whole: Range<usize>, rows: Vec<proofwiki::TemplateRow>) {
        self.claim_expected = false;
        let first = self.rows.len();
        for row in rows {
            let (Some(start), Some(end)) = (
                row.pieces.first().map(|p| p.start),
                row.pieces.last().map(|p| p.end),
            ) else {
                continue;
            };
            for piece in &row.pieces {
                self.keep(piece.clone());
            }
            self.rows.push(Row {
                range: start..end,
                kind: RowKind::Math,
            });
        }
        let rows = first..self.rows.len();
        if !rows.is_empty() {
            self.blocks.push(Block {
                range: whole,
                kind: BlockKind::Display,
                rows,
            });
        }
    }

    /// Keep the comment text at `range` when it is a declaration (`let`, `assume`,
    /// `specialise`, each optionally after `verify:`, as in `% verify: let p(x) = …`);
    /// other comment text stays blank.
    fn comment_line(&mut self, range: Range<usize>) {
        let text = &self.original[range.clone()];
        let mut line = text.trim_start();
        if let Some(rest) = line.strip_prefix("verify:") {
            line = rest.trim_start();
        }
        let range = range.end - line.len()..range.end;
        let word = line
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        let specialise = matches!(word, "specialise" | "specialize");
        if !(specialise || matches!(word, "let" | "assume")) {
            return;
        }
        self.keep(range.clone());
        self.directive_block(range, BlockKind::Declaration);
        self.claim_expected |= specialise;
    }

    /// A block of one directive row (`let …`) over `range`.
    fn directive_block(&mut self, range: Range<usize>, kind: BlockKind) {
        let row = self.rows.len();
        self.rows.push(Row {
            range: range.clone(),
            kind: RowKind::Line,
        });
        self.blocks.push(Block {
            range,
            kind,
            rows: row..row + 1,
        });
    }

    /// "Let $X$ be a random variable with mean $M$ and variance $V$": the directive
    /// `let X have mean M and variance V`, written around the three formulas.
    fn law_sentence(&mut self, x: Range<usize>, sentence: prose::LawSentence) {
        let write = |bytes: &mut Vec<u8>, at: usize, words: &str| {
            bytes[at..at + words.len()].copy_from_slice(words.as_bytes());
        };
        self.keep(x.clone());
        self.keep(sentence.mean.clone());
        self.keep(sentence.variance.clone());
        self.random
            .push(self.original[x.clone()].trim().to_string());
        let range = if sentence.normal {
            // `X \sim N(M, V)`: the `)` over the closing `$` of `$V$`.
            write(&mut self.bytes, sentence.have_at + 1, "\\sim N(");
            write(&mut self.bytes, sentence.and_at + 1, ",");
            write(&mut self.bytes, sentence.variance.end, ")");
            x.start..sentence.variance.end + 1
        } else {
            write(&mut self.bytes, sentence.let_at, "let");
            write(&mut self.bytes, sentence.have_at + 1, "have mean");
            write(&mut self.bytes, sentence.and_at + 1, "and variance");
            sentence.let_at..sentence.variance.end
        };
        self.declared_until = range.end;
        // Inline math, so a law that does not read is set aside like any formula.
        self.directive_block(range, BlockKind::Inline);
    }

    /// "Let $Z$ be a standard normal random variable": `Z \sim N(0, 1)`, the law over
    /// the prose after `$Z$` (`words`, from its closing `$`).
    fn standard_normal(&mut self, z: Range<usize>, words: Range<usize>) {
        self.keep(z.clone());
        let law = prose::LAW_WRITTEN.as_bytes();
        self.bytes[words.start..words.start + law.len()].copy_from_slice(law);
        let name = self.original[z.clone()].trim().to_string();
        self.random.push(name);
        let range = z.start..words.start + law.len();
        self.declared_until = range.end;
        self.directive_block(range, BlockKind::Inline);
    }

    fn keep(&mut self, range: Range<usize>) {
        self.bytes[range.clone()].copy_from_slice(&self.original.as_bytes()[range]);
    }

    fn finish(self) -> NotesDerivation {
        // Whole characters are kept or blanked byte for byte, except where a marker
        // search cut one; repair any such rare cut rather than fail.
        let text = String::from_utf8(self.bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        NotesDerivation {
            text,
            blocks: self.blocks,
            rows: self.rows,
            prose_values: self.prose_values,
        }
    }
}

/// The names a `\sim` declaration declares, as written: `X` in `X \sim N(…)`, `X_1`
/// and `X_2` in `X_1, X_2 \sim …`.
fn declared_random_variables(text: &str) -> Vec<String> {
    match scan::first_top_level_relation(text) {
        Some((RelationKind::Sim, range)) => text[..range.start]
            .split(',')
            .map(|name| name.trim().to_string())
            .filter(|name| scan::is_lone_symbol(name))
            .collect(),
        _ => Vec::new(),
    }
}

/// How far a sentence is read for a later declaration: a sentence holds a few
/// formulas, and the bound keeps a paragraph of thousands of `$Y = e^X$` linear.
const SENTENCE_BYTES: usize = 2_000;

/// Whether inline math is `name = …` with a lone symbol on the left: the cheap test
/// before a later declaration is looked for (see [`defines_from`]).
fn defines_a_lone_symbol(text: &str) -> bool {
    match scan::first_top_level_relation(text) {
        Some((RelationKind::Equals, range)) => scan::is_lone_symbol(&text[..range.start]),
        _ => false,
    }
}

/// The random variables inline math declares (`$X \sim …$`) after `from` and before
/// the sentence ends (a `.` outside math, or a blank line), within [`SENTENCE_BYTES`].
fn declared_later_in_sentence(original: &str, from: usize) -> Vec<String> {
    let rest = original.get(from..).unwrap_or_default();
    let rest = rest.strip_prefix('$').unwrap_or(rest);
    let mut end = rest.len().min(SENTENCE_BYTES);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let paragraph = rest[..end].split("\n\n").next().unwrap_or_default();
    let mut found = Vec::new();
    for (k, piece) in paragraph.split('$').enumerate() {
        if k % 2 == 0 {
            // Prose: a full stop ends the sentence.
            if piece.contains(". ") || piece.contains(".\n") || piece.ends_with('.') {
                break;
            }
        } else {
            found.extend(declared_random_variables(piece));
        }
    }
    found
}

/// Whether inline math `Y = …` gives a lone symbol a formula that mentions one of the
/// random variables `random` (as a whole name: `X` in `e^X`, not in `\exp`). Only a
/// trigger: the formula is then read, and declared only if it parses as that.
fn defines_from(text: &str, random: &[String]) -> bool {
    let Some((RelationKind::Equals, range)) = scan::first_top_level_relation(text) else {
        return false;
    };
    let (lhs, rhs) = (&text[..range.start], &text[range.end..]);
    scan::is_lone_symbol(lhs)
        && !random.iter().any(|r| r == lhs.trim())
        && random.iter().any(|r| mentions_name(rhs, r))
}

/// How far back an "and" looks for the definition it continues.
const AND_BYTES: usize = 200;

/// Where the words before inline math `name = …` start, when they define it ("Let",
/// "Write", "Define", "Denote", "where", "with", "Recall that", "By definition,", any
/// case, right before the `$`) and the value is a formula ([`prose::is_a_formula`]): a
/// statistic of data, "Write $\bar{x} = \frac{1}{n}\sum_i x_i$", "where $\bar{x} =
/// \frac{1}{n}\sum_i x_i$ is the sample mean", or a quantity named for good, "Let $H_1 =
/// \frac{1}{2}\log(2\pi e\sigma_1^2)$". Values set for a moment ("Let $\mu_2 = 0$") stay
/// prose, and so does a formula of a random variable in `random`, which
/// [`defines_from`] reads as a random variable of its own. The name stands alone
/// (`\sigma^2 = …` is no definition of σ). "and" right after a definition made so
/// (ending at `after_definition`) defines as it did: "Let $a = …$ and $b = …$".
fn defining_word(
    original: &str,
    body_start: usize,
    text: &str,
    random: &[String],
    after_definition: Option<usize>,
) -> Option<usize> {
    let Some((RelationKind::Equals, range)) = scan::first_top_level_relation(text) else {
        return None;
    };
    let (lhs, rhs) = (&text[..range.start], &text[range.end..]);
    let statistic = rhs.contains("\\sum") || rhs.contains("\\prod");
    let named = prose::is_a_formula(rhs)
        && !lhs.contains('^')
        && !random.iter().any(|r| mentions_name(rhs, r));
    if !scan::is_lone_symbol(lhs) || !(statistic || named) {
        return None;
    }
    let before = original.get(..body_start.checked_sub(1)?)?;
    // A space or a line end between the word and the `$`.
    let prose = before.strip_suffix([' ', '\n'])?;
    let prose = prose.strip_suffix('\r').unwrap_or(prose);
    // "By definition, $…$": the comma closes the phrase, not the sentence.
    let (prose, comma) = match prose.strip_suffix(',') {
        Some(prose) => (prose, true),
        None => (prose, false),
    };
    let (start, word) = last_word(prose);
    let word = word.to_ascii_lowercase();
    let preceded_by = |first: &str| {
        let (start, before) = last_word(prose[..start].strip_suffix(' ')?);
        before.eq_ignore_ascii_case(first).then_some(start)
    };
    // "write the sample mean as $…$", "denote it by $…$": the verb a few words back.
    let after_verb = || {
        let words: Vec<&str> = prose[..start].split_whitespace().rev().take(5).collect();
        words.iter().any(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "write" | "define" | "denote" | "written" | "defined" | "denoted"
            )
        })
    };
    match (word.as_str(), comma) {
        ("let" | "write" | "define" | "denote" | "where" | "with", false) => Some(start),
        // Only the previous formula's closing `$` (and a comma) between them.
        // "where $a = …$ is the rate and $b = …$": the same sentence, with no other
        // formula between.
        ("and", false) => {
            // After the previous formula's closing `$`.
            let between = original.get(after_definition? + 1..start)?;
            let ends_sentence = between.contains(". ")
                || between.contains(".\n")
                || between.contains("\n\n")
                || between.contains('$');
            (between.len() <= AND_BYTES && !ends_sentence).then_some(start)
        }
        ("as" | "by", false) if after_verb() => Some(start),
        ("that", false) => preceded_by("recall"),
        ("definition", true) => preceded_by("by"),
        _ => None,
    }
}

/// The last word of `prose` (ASCII letters) and where it starts.
fn last_word(prose: &str) -> (usize, &str) {
    let start = prose
        .rfind(|c: char| !c.is_ascii_alphabetic())
        .map_or(0, |i| i + 1);
    (start, &prose[start..])
}

/// Whether `name` occurs in `text` not as part of a longer name or command.
fn mentions_name(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        // A digit before is a coefficient (`2W`); a letter or `\` makes a longer name.
        !before.is_some_and(|c| c.is_alphabetic() || c == '\\')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// What a piece of inline math is to the checker, if anything but prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InlineRole {
    /// `$= …$`: continues the open chain, as a display block starting with `=` would.
    Continuation,
    /// `$\int p(x)\,dx = 1$`, `$f(x) = x^2$`: an equation whose left side is not a
    /// lone symbol, so it claims something (or defines a function).
    Claim,
    /// `$X \sim \mathcal{N}(\mu, \sigma^2)$`: declares a random variable.
    Declaration,
    /// `$a > 0$`, `$\sigma_1, \sigma_2 > 0$`: what the text assumes.
    Condition,
    /// `$\mathcal{N}(\mu, \sigma^2)$` alone ("samples from $\mathcal{N}(\mu,
    /// \sigma^2)$"): the law the text names, whose σ is a standard deviation.
    Law,
}

/// Which inline math counts: a continuation (`= …`), an equation whose left side is
/// not a lone symbol or a power of one (`\mu_2 = 0` and `\sigma^2 = 1` set values in
/// prose; they claim nothing), a `\sim` declaration, or a positivity condition
/// (`a > 0`). Everything else inline is prose.
pub fn inline_role(text: &str) -> Option<InlineRole> {
    if math::starts_with_equals(text) {
        return Some(InlineRole::Continuation);
    }
    if scan::is_positivity_condition(text) || crate::syntax::is_prose_shape_declaration(text) {
        return Some(InlineRole::Condition);
    }
    if crate::syntax::is_law_with_deviation(text) {
        return Some(InlineRole::Law);
    }
    let (relation, range) = scan::first_top_level_relation(text)?;
    match relation {
        RelationKind::Sim => Some(InlineRole::Declaration),
        RelationKind::Equals
            if !scan::is_lone_symbol(&text[..range.start])
                && !scan::is_differential(&text[..range.start]) =>
        {
            Some(InlineRole::Claim)
        }
        // `$p = \mathcal{N}(\mu, \sigma^2)$`: names a density by its law.
        RelationKind::Equals if scan::is_normal_law(&text[range.end..]) => {
            Some(InlineRole::Declaration)
        }
        RelationKind::Equals | RelationKind::Other => None,
    }
}

#[cfg(test)]
mod tests;
