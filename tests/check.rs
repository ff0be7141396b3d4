//! Fixture tests: every file under `tests/fixtures/` is checked and its human report
//! snapshot, and the verdicts are asserted as data (a snapshot alone could be accepted
//! wrongly; the assertions below cannot).

mod common;

use common::{check, render_plain};
use verify::report::{ExitStatus, Verdict};

/// Snapshot the report under the test's name; `glob!` adds the fixture's name.
fn snapshot(name: &str, report: &verify::report::FileReport) {
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!(name, render_plain(report));
    });
}

#[test]
fn verified() {
    insta::glob!("fixtures/check/verified/*.txt", |path| {
        let report = check(path);
        assert_eq!(
            report.status(),
            ExitStatus::Verified,
            "{}",
            render_plain(&report)
        );
        assert!(report.verdicts().count() > 0);
        snapshot("verified", &report);
    });
}

#[test]
fn wrong() {
    insta::glob!("fixtures/check/wrong/*.txt", |path| {
        let report = check(path);
        assert_eq!(report.status(), ExitStatus::Failed);
        let verdicts: Vec<&Verdict> = report.verdicts().collect();
        assert!(verdicts.iter().any(|v| matches!(v, Verdict::Wrong { .. })));
        assert!(
            verdicts
                .iter()
                .all(|v| matches!(v, Verdict::Wrong { .. } | Verdict::Verified { .. })),
            "a wrong fixture should be decided everywhere:\n{}",
            render_plain(&report)
        );
        snapshot("wrong", &report);
    });
}

#[test]
fn undecided() {
    insta::glob!("fixtures/check/undecided/*.txt", |path| {
        let report = check(path);
        assert_eq!(report.status(), ExitStatus::Failed);
        let verdicts: Vec<&Verdict> = report.verdicts().collect();
        assert!(verdicts
            .iter()
            .any(|v| matches!(v, Verdict::Undecided { .. })));
        assert!(!verdicts
            .iter()
            .any(|v| matches!(v, Verdict::Wrong { .. } | Verdict::Inconsistent { .. })));
        snapshot("undecided", &report);
    });
}

#[test]
fn syntax_errors() {
    insta::glob!("fixtures/parse/err/*.txt", |path| {
        let report = check(path);
        assert_eq!(report.status(), ExitStatus::Error);
        assert!(!report.syntax_errors.is_empty());
        assert!(
            report.chains.is_empty(),
            "nothing is checked when a line does not parse"
        );
        snapshot("syntax_errors", &report);
    });
}

#[test]
fn name_errors() {
    insta::glob!("fixtures/names/err/*.txt", |path| {
        let report = check(path);
        assert_eq!(report.status(), ExitStatus::Error);
        assert!(!report.lower_errors.is_empty());
        snapshot("name_errors", &report);
    });
}

#[test]
fn notes() {
    insta::glob!("fixtures/notes/*.{md,tex}", |path| {
        let report = check(path);
        assert!(report.syntax_errors.is_empty() && report.lower_errors.is_empty());
        assert!(
            report.verdicts().count() > 0,
            "the notes' display math was found"
        );
        snapshot("notes", &report);
    });
}

/// Symbolica orders terms by when their symbols were made; the engine lives for the
/// whole process, so a file checked earlier (or beside, on another thread) must not
/// decide the order in which this file's forms are printed. The names are this
/// test's own, so no other test has made them first.
#[test]
fn a_report_reads_the_same_whatever_was_checked_before_it() {
    let config = verify::check::CheckConfig::default();
    let check_text = |name: &str, text: &str| {
        let file = verify::source::SourceFile::new(name, text);
        render_plain(&verify::check::check_source(file, &config))
    };
    // Makes `w_7` before `q_7`, the order this file uses them in.
    check_text("primer.txt", "let q_7 = w_7 + 1\nw_7 + w_7 = 2 w_7\n");
    let report = check_text(
        "subject.txt",
        "(q_7 + w_7)^2 = q_7^2 + 2 q_7 w_7 + w_7^2 + q_7 w_7\n",
    );
    assert!(
        report.contains("difference: step 2 − step 1 = q₇w₇"),
        "{report}"
    );
}
