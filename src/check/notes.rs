//! Reading a notes file for checking: the display blocks that are not derivations
//! (LaTeX we do not read, a formula with an undeclared function) are set aside with
//! the reason, instead of failing the whole file, because notes hold much mathematics
//! that was never meant as a chain of equalities.
//!
//! A block is set aside by blanking it in the derivation text and parsing again; the
//! text keeps its length, so spans still point into the notes. Declarations (written
//! in comments for `verify` alone) are never set aside: their errors stay errors.

use std::path::Path;

use crate::lower::{lower, LowerError};
use crate::notes::{self, NotesKind};
use crate::program::Program;
use crate::report::FileReport;
use crate::report::Skipped;
use crate::source::{SourceFile, Span};
use crate::syntax::{self, Parsed};

/// A notes file parsed and lowered, with the blocks set aside.
pub(super) struct NotesRead {
    pub parsed: Parsed,
    pub program: Program,
    pub lower_errors: Vec<LowerError>,
    pub skipped: Vec<Skipped>,
}

/// Parse and lower the derivation in the notes `text`, setting aside every display
/// block with an error in it (and the blocks that continue its chain).
pub(super) fn read(path: &Path, kind: NotesKind, text: &str) -> NotesRead {
    let mut derivation = notes::derivation(kind, text);
    let mut skipped = Vec::new();
    let mut set_aside: Vec<usize> = Vec::new();
    // Every round blanks at least one more block, or stops, so this ends.
    loop {
        let parsed = syntax::parse(&SourceFile::new(path, derivation.text.clone()));
        let mut reasons: Vec<(usize, String)> = parsed
            .errors
            .iter()
            .filter_map(|e| {
                let block = derivation.math_block_at(e.span.start)?;
                Some((block, format!("not read as a derivation: {}", e.message())))
            })
            .collect();
        let (program, lower_errors) = lower(&parsed.doc);
        if reasons.is_empty() {
            reasons = lower_errors
                .iter()
                .filter_map(|e| {
                    let block = derivation.math_block_at(e.span.start)?;
                    Some((block, format!("not a derivation here: {}", e.message())))
                })
                .collect();
        }
        // An error pinned to a block already blank (at its edge, say) cannot be
        // mended by blanking it again: it stays an error.
        reasons.retain(|(block, _)| !set_aside.contains(block));
        if reasons.is_empty() {
            skipped.sort_by_key(|s: &Skipped| s.span.start);
            return NotesRead {
                parsed,
                program,
                lower_errors,
                skipped,
            };
        }
        for (block, reason) in reasons {
            if set_aside.contains(&block) {
                continue;
            }
            for blanked in derivation.set_aside(block) {
                let range = derivation.blocks[blanked].range.clone();
                skipped.push(Skipped {
                    span: Span::new(range.start, range.end),
                    reason: if blanked == block {
                        reason.clone()
                    } else {
                        "continues a block that was set aside".into()
                    },
                });
                set_aside.push(blanked);
            }
        }
    }
}

/// A chain of a single expression (in notes, a display formula `p(x) = …` defining a
/// name, or a lone formula; in a derivation file, `y = 2`) states something but derives
/// nothing: set it aside with the reason `reason` gives for the text it covers. A
/// chain a later `specialise` refers to is kept.
pub(super) fn set_aside_lone_formulas(
    program: &mut Program,
    report: &mut FileReport,
    reason: impl Fn(&crate::program::Chain, Span) -> String,
) {
    let referred: Vec<usize> = program
        .chains
        .iter()
        .filter_map(|c| c.specialisation.as_ref().map(|s| s.target_chain))
        .collect();
    let lone: Vec<usize> = (0..program.chains.len())
        .filter(|&i| {
            let chain = &program.chains[i];
            chain.steps.len() < 2 && chain.specialisation.is_none() && !referred.contains(&i)
        })
        .collect();
    for &i in lone.iter().rev() {
        let chain = program.chains.remove(i);
        let span = chain
            .steps
            .iter()
            .map(|s| s.span)
            .chain(chain.name.as_ref().map(|(_, span)| *span))
            .reduce(Span::join);
        if let Some(span) = span {
            report.skipped.push(Skipped {
                span,
                reason: reason(&chain, span),
            });
        }
        for other in &mut program.chains {
            if let Some(s) = other.specialisation.as_mut() {
                if s.target_chain > i {
                    s.target_chain -= 1;
                }
            }
        }
    }
    report.skipped.sort_by_key(|s| s.span.start);
}
