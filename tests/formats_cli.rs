//! Every format through the binary, on fixtures that exercise every record kind: exit
//! code and output snapshot, the JSON Lines checked against their committed schema,
//! SARIF against the official 2.1.0 schema, and the job summary written to
//! `$GITHUB_STEP_SUMMARY`. This test binary never starts the engine itself (it would
//! hold the engine lock the binaries it spawns wait for).

mod common;

use std::process::Output;
use std::sync::Mutex;

use common::validate::{validate_json_lines, validate_sarif};
use common::{output_within, scratch, verify};
use verify::report::json;

/// The binary runs one copy at a time (unlicensed Symbolica: one engine per user).
static SERIAL: Mutex<()> = Mutex::new(());

fn run(args: &[&str]) -> Output {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    output_within(verify().args(args), 300)
}

/// Exit code and stdout, the run's time and the tool's version replaced by `…`.
fn transcript(output: &Output) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stdout = redact(&stdout);
    format!(
        "exit: {}\n--- stdout\n{stdout}",
        output
            .status
            .code()
            .map_or("signal".into(), |c| c.to_string())
    )
}

fn redact(text: &str) -> String {
    let version = env!("CARGO_PKG_VERSION");
    text.lines()
        .map(|line| {
            let line = line.replace(&format!("\"{version}\""), "\"…\"");
            let line = match (line.rfind(" ("), line.ends_with(" s)")) {
                (Some(open), true) => format!("{} (… s)", &line[..open]),
                _ => line,
            };
            match line.find("\"seconds\":") {
                Some(at) => {
                    let end = line[at..].find(',').map_or(line.len(), |e| at + e);
                    format!("{}\"seconds\":…{}", &line[..at], &line[end..])
                }
                None => line,
            }
        })
        .map(|line| line + "\n")
        .collect()
}

/// A wrong step, an undecided one, blocks set aside, a verified file and a file in
/// which nothing was checked: exit 1.
const RUN: &[&str] = &[
    "tests/fixtures/check/wrong/sign_flip.txt",
    "tests/fixtures/check/undecided/log_of_x_against_density.txt",
    "tests/fixtures/notes/mixed_blocks.md",
    "tests/fixtures/check/verified/algebra_and_logs.txt",
    "tests/fixtures/formats/declarations_only.txt",
];

fn run_format(format: &str) -> Output {
    let mut args = vec!["--format", format];
    args.extend_from_slice(RUN);
    run(&args)
}

#[test]
fn cli_concise() {
    let output = run_format("concise");
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn cli_github() {
    let output = run_format("github");
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn cli_json() {
    let output = run_format("json");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout.clone()).unwrap();
    let first: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["type"], "begin");
    assert_eq!(first["version"], json::VERSION);
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["type"], "run");
    assert_eq!(last["version"], json::VERSION);
    assert_eq!(last["status"], "failed");
    validate_json_lines(&stdout);
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn cli_sarif() {
    let output = run_format("sarif");
    assert_eq!(output.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    validate_sarif(&log);
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn cli_junit() {
    let output = run_format("junit");
    assert_eq!(output.status.code(), Some(1));
    let xml = String::from_utf8(output.stdout.clone()).unwrap();
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert!(
        xml.contains("tests=\"") && xml.contains("failures=\""),
        "{xml}"
    );
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn cli_gitlab() {
    let output = run_format("gitlab");
    assert_eq!(output.status.code(), Some(1));
    let issues: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let fingerprints: std::collections::BTreeSet<_> = issues
        .iter()
        .map(|i| i["fingerprint"].to_string())
        .collect();
    assert_eq!(fingerprints.len(), issues.len(), "fingerprints are unique");
    for issue in &issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key} in {issue}");
        }
        assert!(issue["location"]["path"].is_string());
        assert!(issue["location"]["lines"]["begin"].is_u64());
    }
    insta::assert_snapshot!(transcript(&output));
}

/// With `$GITHUB_STEP_SUMMARY` set, a Markdown table of the files and every problem
/// is appended to that file; stdout is unchanged.
#[test]
fn the_job_summary_is_written_when_github_asks_for_it() {
    let dir = scratch("step-summary");
    let path = dir.join("summary.md");
    std::fs::write(&path, "earlier step\n").unwrap();
    let mut args = vec!["--format", "github"];
    args.extend_from_slice(RUN);
    let with = {
        let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        output_within(verify().env("GITHUB_STEP_SUMMARY", &path).args(&args), 300)
    };
    assert_eq!(with.status.code(), Some(1));
    let markdown = std::fs::read_to_string(&path).unwrap();
    assert!(
        markdown.starts_with("earlier step\n## verify\n"),
        "{markdown}"
    );
    insta::assert_snapshot!(redact(&markdown));
}
