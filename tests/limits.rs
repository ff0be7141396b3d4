//! Bounds on the engine's work: input past one is refused quickly, as an undecided
//! step that names the bound, never a hang, a crash or an out-of-memory; and every
//! bound can be moved.

mod common;

use common::{check, root};
use verify::check::{check_source, CheckConfig};
use verify::report::{ExitStatus, FileReport, Verdict};
use verify::source::SourceFile;
use verify::verdict::Limits;

fn reasons(report: &FileReport) -> Vec<String> {
    report
        .verdicts()
        .map(|v| match v {
            Verdict::Undecided { reason } => reason.clone(),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn a_huge_power_of_a_sum_is_undecided_naming_the_bound() {
    let report = check(&root().join("tests/fixtures/diagnostics/limit_hit.txt"));
    assert_eq!(
        reasons(&report),
        ["exponent 100000 exceeds the limit of 1000"]
    );
    let report = check(&root().join("tests/fixtures/limits/power_of_sum.txt"));
    assert_eq!(reasons(&report), ["exponent 100 exceeds the limit of 64"]);
}

#[test]
fn an_expansion_too_large_is_refused_with_its_estimate() {
    let report = check(&root().join("tests/fixtures/limits/expansion_size.txt"));
    let reasons = reasons(&report);
    assert!(
        reasons[0].starts_with("expanding would produce about ")
            && reasons[0].ends_with("terms, more than the limit of 20000"),
        "{reasons:?}"
    );
}

#[test]
fn bounds_can_be_raised_and_lowered() {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/limits/power_of_sum.txt")).unwrap();
    let raised = CheckConfig {
        limits: Limits {
            max_power_of_sum: 100,
            ..Limits::default()
        },
        ..CheckConfig::default()
    };
    let report = check_source(SourceFile::new("power_of_sum.txt", text), &raised);
    assert_eq!(
        report.status(),
        ExitStatus::Verified,
        "{:?}",
        reasons(&report)
    );

    let tight = CheckConfig {
        limits: Limits {
            max_nodes: 5,
            ..Limits::default()
        },
        ..CheckConfig::default()
    };
    let report = check_source(
        SourceFile::new(
            "nodes.txt",
            "a + b + c + d + e + f = f + e + d + c + b + a\n",
        ),
        &tight,
    );
    assert_eq!(
        reasons(&report),
        ["expression has 8 nodes, more than the limit of 5"]
    );
}

#[test]
fn the_time_per_step_is_bounded() {
    let no_time = CheckConfig {
        limits: Limits {
            max_step_seconds: 1e-9,
            ..Limits::default()
        },
        ..CheckConfig::default()
    };
    let report = check_source(
        SourceFile::new("t.txt", "(a + b)^2 = a^2 + 2ab + b^2\n"),
        &no_time,
    );
    assert_eq!(
        reasons(&report),
        ["the engine gave up after the limit of 0.000000001 s for one step"]
    );
}

#[test]
fn a_10_mb_line_is_an_error_at_once() {
    let line = format!("{} = a\n", "a + ".repeat(10 * 1024 * 1024 / 4));
    assert!(line.len() > 10 * 1024 * 1024);
    let report = check_source(SourceFile::new("big.txt", line), &CheckConfig::default());
    assert_eq!(report.status(), ExitStatus::Error);
    let message = report.syntax_errors[0].message();
    assert!(message.starts_with("line is too long ("), "{message}");
    // A 10 MB run of brackets is refused the same way, before any recursion.
    let brackets = format!("{}a{} = a\n", "(".repeat(5 << 20), ")".repeat(5 << 20));
    let report = check_source(
        SourceFile::new("deep.txt", brackets),
        &CheckConfig::default(),
    );
    assert_eq!(report.status(), ExitStatus::Error);
}
