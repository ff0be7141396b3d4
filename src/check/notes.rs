//! Reading a notes file for checking: the display blocks that are not derivations
//! (LaTeX we do not read, a formula with an undeclared function) are set aside with
//! the reason, instead of failing the whole file, because notes hold much mathematics
//! that was never meant as a chain of equalities.
//!
//! A block is set aside by blanking it in the derivation text and parsing again; the
//! text keeps its length, so spans still point into the notes. Declarations (written
//! in comments for `verify` alone) are never set aside: their errors stay errors.

use super::declared;
use crate::lower::LowerErrorKind;
use crate::lower::{resolve_and_lower, Lowered};
use crate::notes::{self, BlockKind, NotesKind};
use crate::program::Program;
use crate::report::FileReport;
use crate::report::{Skipped, TextDeclaration};
use crate::source::Span;
use crate::syntax::ast;
use crate::syntax::resolve::ResolveErrorKind;
use crate::syntax::{self, Parsed};

/// A notes file parsed and lowered, with the blocks set aside.
pub(super) struct NotesRead {
    pub parsed: Parsed,
    pub lowered: Lowered,
    pub skipped: Vec<Skipped>,
    /// Declarations taken from the text.
    pub declared: Vec<TextDeclaration>,
    /// The spans of the inline math blocks kept: a lone formula there is prose.
    pub inline: Vec<Span>,
    /// Inline math left as prose that gives a name a value (see
    /// `notes::NotesDerivation::prose_values`).
    pub prose_values: Vec<Span>,
}

/// Parse and lower the derivation in the notes `text`, setting aside every math block
/// with an error in it (and the blocks that continue its chain).
pub(super) fn read(
    kind: NotesKind,
    text: &str,
    shared: Option<&crate::config::declarations::SharedDeclarations>,
) -> NotesRead {
    let derivation = notes::derivation(kind, text);
    let macros = syntax::macros::Macros::scan(text);
    let mut skipped = Vec::new();
    let mut set_aside: Vec<usize> = Vec::new();
    // Blocks the author turned off (`<!-- verify: off -->`): listed, never read.
    for (block, at) in notes::control::turned_off(kind, text, &derivation.blocks) {
        for taken in derivation.with_continuations(block) {
            if set_aside.contains(&taken) {
                continue;
            }
            let taken_block = &derivation.blocks[taken];
            skipped.push(Skipped {
                span: Span::new(taken_block.range.start, taken_block.range.end),
                reason: if taken == block {
                    notes::control::reason(kind, text, at)
                } else {
                    "continues a block that was turned off".into()
                },
                inline: taken_block.kind == BlockKind::Inline,
                suppressed: true,
            });
            set_aside.push(taken);
        }
    }
    // "where $\bar{x}$ is the sample mean": read once, declared in every round.
    let sample_means = notes::called_the_sample_mean(text);
    // Every round sets aside at least one more block, or stops, so this ends.
    loop {
        let rows = derivation.rows_without(&set_aside);
        let mut parsed = syntax::parse_rows_with(&derivation.text, &rows, &macros);
        let in_math = |span: Span| derivation.math_block_at(span.start).is_some();
        let shared_names = shared.map_or(&[][..], |s| s.names.as_slice());
        let mut declared = declared::from_text(&mut parsed.doc, &in_math, shared_names);
        // "where $\bar{x}$ is the sample mean": the mean of the data of the sums.
        for body in sample_means.iter().cloned() {
            let span = Span::new(body.start, body.end);
            let Ok(ast::Expr {
                kind: ast::ExprKind::Ident(bar),
                ..
            }) = syntax::parse_expr(&text[body])
            else {
                continue;
            };
            let bar = ast::Ident { span, ..bar };
            if let Some(definition) = syntax::resolve::said_to_be_the_mean(&parsed.doc, &bar, span)
            {
                declared.push(TextDeclaration {
                    span,
                    what: format!("{}: the mean of the data, as the text says", bar.key()),
                });
                parsed.doc.items.insert(0, ast::Item::Let(definition));
            }
        }
        // The shared declarations go first, after the text's own were found (their
        // spans are `verify.toml`'s, so no block of this file may be looked up by
        // them; they resolved on their own, so no error of this file is theirs).
        super::with_shared(&mut parsed.doc, shared);
        let mut reasons: Vec<(usize, String)> = parsed
            .errors
            .iter()
            .filter_map(|e| {
                let block = derivation.math_block_at(e.span.start)?;
                Some((block, format!("not read as a derivation: {}", e.message())))
            })
            .collect();
        let lowered = resolve_and_lower(&parsed.doc);
        if reasons.is_empty() {
            reasons = lowered
                .errors
                .iter()
                .filter_map(|e| {
                    let block = derivation.math_block_at(e.span.start)?;
                    let reason = match unknown_function(e) {
                        Some(name) => match declared::suggestion(text, name) {
                            Some(line) => format!(
                                "not a derivation here: {}; the text does not define it, so add the comment `{}`",
                                e.message(),
                                comment(kind, &line)
                            ),
                            None => format!(
                                "not a derivation here: {}; declare it in a comment, e.g. `{}`",
                                e.message(),
                                comment(kind, &format!("let {name}(x) = …"))
                            ),
                        },
                        None => format!("not a derivation here: {}", e.message()),
                    };
                    Some((block, reason))
                })
                .collect();
        }
        // An error pinned to a block already set aside cannot be mended by setting it
        // aside again: it stays an error.
        reasons.retain(|(block, _)| !set_aside.contains(block));
        if reasons.is_empty() {
            skipped.sort_by_key(|s: &Skipped| s.span.start);
            let inline = derivation
                .blocks
                .iter()
                .filter(|b| b.kind == BlockKind::Inline)
                .map(|b| Span::new(b.range.start, b.range.end))
                .collect();
            let prose_values = derivation
                .prose_values
                .iter()
                .map(|r| Span::new(r.start, r.end))
                .collect();
            return NotesRead {
                parsed,
                lowered,
                skipped,
                declared,
                inline,
                prose_values,
            };
        }
        for (block, reason) in reasons {
            if set_aside.contains(&block) {
                continue;
            }
            for taken in derivation.with_continuations(block) {
                let taken_block = &derivation.blocks[taken];
                let inline = taken_block.kind == BlockKind::Inline;
                let reason = match (taken == block, inline) {
                    (true, false) => reason.clone(),
                    (true, true) => format!("inline math {reason}"),
                    (false, _) => "continues a block that was set aside".into(),
                };
                skipped.push(Skipped {
                    span: Span::new(taken_block.range.start, taken_block.range.end),
                    reason,
                    inline,
                    suppressed: false,
                });
                set_aside.push(taken);
            }
        }
    }
}

/// `line` as a comment of a `kind` notes file, which `verify` reads and the rendered
/// notes hide.
pub(super) fn comment(kind: NotesKind, line: &str) -> String {
    match kind {
        NotesKind::Markdown | NotesKind::Notebook => format!("<!-- {line} -->"),
        NotesKind::Latex => format!("% {line}"),
    }
}

/// The name an unknown-function error is about.
fn unknown_function(error: &crate::lower::LowerError) -> Option<&str> {
    match &error.kind {
        LowerErrorKind::Name(ResolveErrorKind::UnknownFunction { name, .. }) => Some(name),
        _ => None,
    }
}

/// A chain of a single expression (in notes, a display formula `p(x) = …` defining a
/// name, or a lone formula; in a derivation file, `y = 2`) states something but derives
/// nothing. Set aside every chain of fewer than two steps (that no specialisation starts
/// from): `reason` says why, or `None` to drop it without a word (a lone formula in
/// inline math is prose).
pub(super) fn set_aside_lone_formulas(
    program: &mut Program,
    report: &mut FileReport,
    reason: impl Fn(&crate::program::Chain, Span) -> Option<String>,
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
        if let Some((span, reason)) = span.and_then(|span| Some((span, reason(&chain, span)?))) {
            report.skipped.push(Skipped {
                span,
                reason,
                inline: false,
                suppressed: false,
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
