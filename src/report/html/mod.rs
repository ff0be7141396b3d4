//! `--format html`: one self-contained page for the whole run on stdout, every step
//! typeset (KaTeX, embedded), with its mark (✓ ✗ ?), the rule and facts that proved it
//! or the witness, difference and hint that refute it, the blocks set aside with their
//! reasons, and each chain's final form typeset.
//!
//! One page for the run, rather than a folder with a page per input: it is what the
//! other whole-run formats do (SARIF, JUnit), it goes where stdout goes (`> report.html`,
//! a CI artefact) and it needs no second flag; a run over many files lists them at the
//! top with links. Like every format it only lays out the report: the words come from
//! the report and its diagnostics, every text from the input goes through
//! [`escape::html`](crate::report::escape::html).
//!
//! The parts: [`page`] the document (head, policy, summary, scripts), [`file`] one
//! input's section, [`step`] a chain and its steps, [`macros`] a note's own macros
//! for KaTeX, [`assets`] KaTeX and its fonts.

pub mod assets;
pub mod file;
pub mod macros;
pub mod page;
pub mod step;

use crate::report::render::RunRenderer;
use crate::report::run::RunSummary;
use crate::report::{FileReport, Options};
use crate::source::{LineIndex, Span};

/// What goes after each chain's final form (the plots): one piece of markup per chain
/// of the file, made by the caller (already safe HTML).
pub type ChainExtra = Box<dyn Fn(&FileReport) -> Vec<String>>;

/// The HTML report of a run: the files' sections are kept until the run ends, when the
/// page is written with the run's summary at the top.
#[derive(Default)]
pub struct Html {
    entries: Vec<page::Entry>,
    sections: Vec<String>,
    extra: Option<ChainExtra>,
}

impl Html {
    /// A report that adds `extra(report)[i]` after the `i`-th chain of each file.
    pub fn with_extra(extra: ChainExtra) -> Html {
        Html {
            extra: Some(extra),
            ..Html::default()
        }
    }
}

impl RunRenderer for Html {
    fn file(&mut self, report: &FileReport, options: &Options) -> String {
        let id = format!("file-{}", self.entries.len() + 1);
        let pieces = self
            .extra
            .as_ref()
            .map(|extra| extra(report))
            .unwrap_or_default();
        let extra = |i: usize| pieces.get(i).cloned().unwrap_or_default();
        let section = file::section(report, options, &id, &extra);
        self.entries.push(page::Entry {
            id,
            name: report.file.path.display().to_string(),
            status: report.status_under(options.strict),
        });
        self.sections.push(section);
        String::new()
    }

    fn end(&mut self, summary: &RunSummary) -> String {
        page::document(&self.entries, &self.sections, summary)
    }
}

/// Positions and source text of one file, for its section.
pub struct Place<'a> {
    report: &'a FileReport,
    index: LineIndex,
    /// The file's section id, which prefixes ids inside it.
    pub id: &'a str,
}

impl<'a> Place<'a> {
    /// The places of `report`'s file, in the section `id`.
    pub fn new(report: &'a FileReport, id: &'a str) -> Place<'a> {
        Place {
            report,
            index: LineIndex::new(&report.file.text),
            id,
        }
    }

    /// `line 12`, or `cell 3, line 2` in a notebook.
    pub fn at(&self, offset: usize) -> String {
        let p = self.report.file.position(&self.index, offset);
        match p.cell {
            Some(cell) => format!("cell {cell}, line {}", p.line),
            None => format!("line {}", p.line),
        }
    }

    /// The text of `span`, clamped to the file and to character boundaries.
    pub fn text(&self, span: Span) -> &'a str {
        let text = self.report.file.text.as_str();
        let mut start = span.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = span.end.clamp(start, text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        &text[start..end]
    }

    /// The whole line holding `offset`.
    pub fn line_of(&self, offset: usize) -> &'a str {
        let text = self.report.file.text.as_str();
        let at = self.text(Span {
            start: offset,
            end: offset,
        });
        let start = at.as_ptr() as usize - text.as_ptr() as usize;
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        &text[line_start..line_end]
    }
}

#[cfg(test)]
mod tests;
