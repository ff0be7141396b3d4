//! Inputs kept from fuzzing (`fuzz/`): every file under `tests/fixtures/fuzz/` is parsed
//! and checked end to end, and must come back as a report, not a panic, a hang or an
//! abort. The notes kind follows the extension, as on the command line.

mod common;

use std::path::PathBuf;

use common::{check, render_plain, root};
use verify::notes::{derivation, NotesKind};
use verify::report::{github, json, Options};
use verify::source::{LineIndex, SourceFile};
use verify::syntax;

fn fixtures() -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures/fuzz");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/fuzz exists")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fuzz fixtures in {}", dir.display());
    paths
}

#[test]
fn parse_replays_without_panic() {
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).expect("fixture is UTF-8 text");
        let parsed = match NotesKind::of(&path) {
            Some(kind) => {
                let derivation = derivation(kind, &text);
                assert_eq!(derivation.text.len(), text.len(), "{}", path.display());
                syntax::parse_rows(&derivation.text, &derivation.rows)
            }
            None => syntax::parse(&SourceFile::new(&path, text.clone())),
        };
        let index = LineIndex::new(&text);
        for error in &parsed.errors {
            let span = error.span;
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{error:?}"
            );
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            // Every error points at a line and column inside the file.
            let at = index.line_col(&text, span.start);
            assert!(
                at.line >= 1 && at.line <= index.n_lines(),
                "{}: {at:?}",
                path.display()
            );
        }
    }
}

#[test]
fn check_replays_without_panic() {
    for path in fixtures() {
        let report = check(&path);
        let _ = report.status();
        let human = render_plain(&report);
        let _ = json::render(&report, &Options::default());
        let _ = github::render(&report, &Options::default());
        // Each syntax error is reported at the file's line and column.
        let index = LineIndex::new(&report.file.text);
        for error in &report.syntax_errors {
            let at = index.line_col(&report.file.text, error.span.start);
            let location = format!("{}:{}:{}", report.file.path.display(), at.line, at.col);
            assert!(human.contains(&location), "{location} not in:\n{human}");
        }
    }
}
