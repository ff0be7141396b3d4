//! Validation against the schemas the formats promise: `docs/verify.schema.json` for
//! JSON Lines, the official SARIF 2.1.0 schema (vendored in `tests/fixtures/sarif/`).

use super::root;

/// Every line of `--format json` validates against `docs/verify.schema.json`.
pub fn validate_json_lines(stdout: &str) {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/verify.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid schema");
    for line in stdout.lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&record)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{line}\n{errors:#?}");
    }
}

/// A SARIF log validates against the official SARIF 2.1.0 schema.
pub fn validate_sarif(log: &serde_json::Value) {
    let mut schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/sarif/sarif-schema-2.1.0.json"))
            .unwrap(),
    )
    .unwrap();
    // The official schema has one `pattern` (for `language`, in `run` and in
    // `toolComponent`) with a stray `]`, which ECMAScript reads as a literal `]` and
    // the validator refuses as a regular expression: it is given here escaped, with
    // the same meaning.
    let patched = patch_patterns(
        &mut schema,
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$",
    );
    assert_eq!(
        patched, 2,
        "the vendored schema is the one this patch was made for"
    );
    let validator = jsonschema::options()
        .build(&schema)
        .expect("the SARIF schema is a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
}

/// Replace every `pattern` equal to `from` by `to`; returns how many were replaced.
fn patch_patterns(value: &mut serde_json::Value, from: &str, to: &str) -> usize {
    match value {
        serde_json::Value::Object(map) => map
            .iter_mut()
            .map(|(key, v)| {
                if key == "pattern" && v == from {
                    *v = to.into();
                    1
                } else {
                    patch_patterns(v, from, to)
                }
            })
            .sum(),
        serde_json::Value::Array(items) => {
            items.iter_mut().map(|v| patch_patterns(v, from, to)).sum()
        }
        _ => 0,
    }
}
