//! The machine formats through the library: JSON Lines and GitHub annotations
//! snapshot on fixtures that exercise every record kind, SARIF and JSON Lines of every
//! kind of diagnostic validated against their schemas, and the committed JSON schema
//! checked against the types. The same formats through the binary are in
//! `tests/formats_cli.rs`: a test binary that has started the engine holds the engine
//! lock, so a `verify` it spawned would wait for it.

mod common;

use common::validate::{validate_json_lines, validate_sarif};
use common::{check, root};
use verify::report::{github, json, sarif, Options};

/// Every kind of diagnostic, errors and a file with nothing checked included, makes
/// a valid SARIF log, and the JSON Lines of every fixture match the schema.
#[test]
fn sarif_and_json_of_every_fixture_kind_validate() {
    let mut log = sarif::Log::default();
    let mut lines = json::begin();
    let options = Options {
        strict: true,
        ..Options::default()
    };
    for fixture in fixtures().into_iter().chain([
        "tests/fixtures/notes/mixed_blocks.md",
        "tests/fixtures/formats/declarations_only.txt",
        "tests/fixtures/diagnostics/limit_hit.txt",
        "tests/fixtures/notes/real/notebook_mgf.ipynb",
    ]) {
        let report = check(&root().join(fixture));
        log.file(&report, &options);
        lines += &json::render(&report, &options);
    }
    let log: serde_json::Value = serde_json::from_str(&log.finish()).unwrap();
    validate_sarif(&log);
    validate_json_lines(&lines);
}

fn fixtures() -> Vec<&'static str> {
    vec![
        "tests/fixtures/check/wrong/sign_flip.txt",
        "tests/fixtures/check/undecided/log_of_x_against_density.txt",
        "tests/fixtures/check/verified/gaussian_moments.txt",
        "tests/fixtures/parse/err/several_errors.txt",
        "tests/fixtures/names/err/unknown_function.txt",
    ]
}

/// A notebook is checked as its Markdown cells joined; JSON and SARIF also say the
/// cell and the line within it, where the author finds the step.
#[test]
fn notebook_positions_name_the_cell_in_json_and_sarif() {
    let report = check(&root().join("tests/fixtures/notes/real/notebook_mgf.ipynb"));
    let options = Options::default();
    let records: Vec<serde_json::Value> = json::render(&report, &options)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let steps: Vec<&serde_json::Value> = records.iter().filter(|r| r["type"] == "step").collect();
    let cells: Vec<(u64, u64)> = steps
        .iter()
        .map(|r| {
            (
                r["cell"].as_u64().unwrap(),
                r["cell_line"].as_u64().unwrap(),
            )
        })
        .collect();
    // The chain of cell 3 (its lines 5 and 6), then the slip of cell 4.
    assert_eq!(cells, [(3, 5), (3, 6), (4, 4)], "{steps:?}");
    let wrong = steps.iter().find(|r| r["verdict"] == "wrong").unwrap();
    assert!(wrong["line"].as_u64().unwrap() > 4, "{wrong}");
    let mut log = sarif::Log::default();
    log.file(&report, &options);
    let log: serde_json::Value = serde_json::from_str(&log.finish()).unwrap();
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "wrong-step", "{result}");
    assert_eq!(result["properties"]["cell"], 4, "{result}");
    assert_eq!(result["properties"]["cellLine"], 4, "{result}");
    // The region is in the notebook as stored (its JSON), where GitHub and other
    // SARIF viewers look: the line of the cell's source string, at the right side's
    // escaped text.
    let json_text =
        std::fs::read_to_string(root().join("tests/fixtures/notes/real/notebook_mgf.ipynb"))
            .unwrap();
    let (n, line) = json_text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("A slip a student"))
        .unwrap();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], n + 1, "{region}");
    let column = line.find("e^{2\\\\mu").unwrap() + 1;
    assert_eq!(region["startColumn"], column, "{region}");
    let annotations = github::render(&report, &options);
    assert!(
        annotations.starts_with(&format!(
            "::error file=tests/fixtures/notes/real/notebook_mgf.ipynb,line={},col={column},",
            n + 1
        )),
        "{annotations}"
    );
    // A file that is not a notebook has neither.
    let plain = json::render(&check(&root().join(fixtures()[0])), &options);
    assert!(!plain.contains("\"cell\""), "{plain}");
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

/// The JSON Schema of a line of `--format json`, generated from the types that write
/// it, is the one committed in `docs/verify.schema.json`. After a deliberate change,
/// `VERIFY_BLESS=1 cargo test --test formats` writes the new one.
#[test]
fn the_committed_json_schema_is_the_generated_one() {
    let generated = json::schema();
    let path = root().join("docs/verify.schema.json");
    if std::env::var_os("VERIFY_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/verify.schema.json is not the generated schema; run with VERIFY_BLESS=1 and review the diff"
    );
}
