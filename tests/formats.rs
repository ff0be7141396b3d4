//! The machine formats: JSON Lines and GitHub annotations, snapshot on fixtures that
//! exercise every record kind, and the JSON checked to parse line by line.

mod common;

use common::{check, root};
use verify::report::{github, json, Options};

fn fixtures() -> Vec<&'static str> {
    vec![
        "tests/fixtures/check/wrong/sign_flip.txt",
        "tests/fixtures/check/undecided/log_of_x_against_density.txt",
        "tests/fixtures/check/verified/gaussian_moments.txt",
        "tests/fixtures/parse/err/several_errors.txt",
        "tests/fixtures/names/err/unknown_function.txt",
    ]
}

#[test]
fn json_lines_parse_and_end_with_a_summary() {
    for fixture in fixtures() {
        let out = json::render(&check(&root().join(fixture)), &Options::default());
        let records: Vec<serde_json::Value> = out
            .lines()
            .map(|line| serde_json::from_str(line).expect("each line is one JSON object"))
            .collect();
        assert_eq!(records.last().unwrap()["type"], "summary", "{fixture}");
        assert!(records.iter().all(|r| r["file"] == fixture));
    }
}

#[test]
fn json() {
    let out: String = fixtures()
        .into_iter()
        .map(|f| json::render(&check(&root().join(f)), &Options::default()))
        .collect();
    insta::assert_snapshot!(out);
}

#[test]
fn github_annotations() {
    let out: String = fixtures()
        .into_iter()
        .map(|f| github::render(&check(&root().join(f)), &Options::default()))
        .collect();
    insta::assert_snapshot!(out);
}
