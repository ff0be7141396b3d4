//! Notes in the forms real authors write them — proof wikis, Q&A answers, lecture
//! notes, blog posts, physics notation, notebooks — each checked as written, with its
//! verdicts held as data in `tests/fixtures/notes/real/expected.json`: the line of
//! every verified, wrong and undecided step, every skipped block with its reason,
//! every declaration the text made, and the exit status.
//!
//! Every fixture must have an expectation and every expectation a fixture, so a new
//! note cannot be added without saying what `verify` must make of it. A mismatch
//! prints the whole observed entry, to compare with the expected one by eye.

mod common;

use std::collections::BTreeMap;

use common::{check, render_plain, root};
use serde_json::{json, Value};
use verify::report::{ExitStatus, FileReport, Verdict};
use verify::source::LineIndex;

const DIR: &str = "tests/fixtures/notes/real";

/// What `verify` made of one note, in the shape of `expected.json`.
fn observed(report: &FileReport) -> Value {
    let index = LineIndex::new(&report.file.text);
    // A line of the file, or in a notebook "cell 4, line 2": where the author looks.
    let line = |offset: usize| -> Value {
        let at = report.file.position(&index, offset);
        match at.cell {
            Some(cell) => json!(format!("cell {cell}, line {}", at.line)),
            None => json!(at.line),
        }
    };
    let mut verified = Vec::new();
    let mut wrong = Vec::new();
    let mut undecided = Vec::new();
    for step in report.chains.iter().flat_map(|c| c.steps.iter()) {
        let Some(verdict) = &step.verdict else {
            continue;
        };
        let at = line(step.span.start);
        match verdict.verdict {
            Verdict::Verified { .. } => verified.push(at),
            Verdict::Wrong { .. } => wrong.push(at),
            Verdict::Undecided { .. } | Verdict::Inconsistent { .. } => undecided.push(at),
        }
    }
    let skipped: Vec<Value> = report
        .skipped
        .iter()
        .map(|s| json!([line(s.span.start), s.reason]))
        .collect();
    let declared: Vec<Value> = report.declared.iter().map(|d| line(d.span.start)).collect();
    let status = match report.status() {
        ExitStatus::Verified => "verified",
        ExitStatus::Failed => "failed",
        ExitStatus::NothingChecked => "nothing checked",
        ExitStatus::Error => "error",
    };
    json!({
        "status": status,
        "verified": verified,
        "wrong": wrong,
        "undecided": undecided,
        "skipped": skipped,
        "declared": declared,
    })
}

fn expected() -> BTreeMap<String, Value> {
    let text = std::fs::read_to_string(root().join(DIR).join("expected.json"))
        .expect("tests/fixtures/notes/real/expected.json");
    serde_json::from_str(&text).expect("expected.json is a map from file name to entry")
}

fn fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join(DIR))
        .expect("the real-notes fixtures")
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "expected.json")
        .collect();
    names.sort();
    names
}

#[test]
fn every_real_note_has_an_expectation_and_every_expectation_a_note() {
    let expected: Vec<String> = expected().into_keys().collect();
    assert_eq!(fixtures(), expected);
}

#[test]
fn real_notes_get_exactly_their_expected_verdicts() {
    let expected = expected();
    let mut mismatches = Vec::new();
    for name in fixtures() {
        let report = check(&root().join(DIR).join(&name));
        let seen = observed(&report);
        // Printed for a new note too, whose entry is then written from it (and
        // reviewed).
        if std::env::var_os("REAL_NOTES_OBSERVED").is_some() {
            eprintln!("OBSERVED {name} {seen}");
        }
        let Some(want) = expected.get(&name) else {
            continue; // reported by the test above
        };
        if &seen != want {
            mismatches.push(format!(
                "{name}:\n  expected {want}\n  observed {seen}\n{}",
                render_plain(&report)
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}

#[test]
fn a_notebook_is_reported_by_cell_and_line() {
    let report = check(&root().join(DIR).join("notebook_mgf.ipynb"));
    insta::assert_snapshot!(render_plain(&report));
}

#[test]
fn the_report_shows_the_authors_annotations_beside_the_rules() {
    let report = check(&root().join(DIR).join("annotated_steps.md"));
    insta::assert_snapshot!(render_plain(&report));
}
