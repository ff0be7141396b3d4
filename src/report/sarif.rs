//! SARIF 2.1.0 (`--format sarif`): one log for the whole run, for GitHub code scanning
//! and other consumers of static-analysis results.
//!
//! One run, with `verify` as its tool and one rule per diagnostic [`Code`]; one result
//! per diagnostic, at the file's path as given (relative paths are relative to where
//! `verify` ran, which for code scanning is the repository root), with the region in
//! lines and columns that count characters (`"columnKind": "unicodeCodePoints"`; the
//! end column is one past the last character, as SARIF has it). A diagnostic on a
//! whole file (nothing checked) has no region. In a notebook, a result's
//! `properties` hold `cell` and `cellLine`: where the author finds it. The serde types are hand-written:
//! they are the dozen fields used, and a test validates the output against the
//! official schema (`tests/fixtures/sarif/sarif-schema-2.1.0.json`).

use serde::Serialize;

use super::diagnostic::{self, Code, Region, Severity};
use super::{FileReport, Options};
use crate::source::LineIndex;

/// Results collected over a run, written as one log at its end.
#[derive(Debug, Default)]
pub struct Log {
    results: Vec<SarifResult>,
}

impl Log {
    /// Add one file's diagnostics.
    pub fn file(&mut self, report: &FileReport, options: &Options) {
        let index = LineIndex::new(&report.file.text);
        let uri = uri(&report.file.path);
        for d in diagnostic::of_file(report, options) {
            let region = d.span.map(|s| {
                let r = Region::stored(s, &index, &report.file);
                SarifRegion {
                    start_line: r.line,
                    start_column: r.column,
                    end_line: r.end_line,
                    end_column: r.end_column,
                }
            });
            // A notebook is checked as its Markdown cells joined: the cell and the line
            // within it, as the author finds them, go in the result's property bag.
            let properties = d
                .span
                .map(|s| report.file.position(&index, s.start))
                .and_then(|p| {
                    Some(Properties {
                        cell: p.cell?,
                        cell_line: p.line,
                    })
                });
            self.results.push(SarifResult {
                properties,
                rule_id: d.code.name(),
                rule_index: Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0),
                level: level(d.severity),
                message: Text {
                    text: d.full_message(),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: uri.clone() },
                        region,
                    },
                }],
            });
        }
    }

    /// The whole log, as pretty JSON.
    pub fn finish(self) -> String {
        let rules = Code::ALL
            .iter()
            .map(|code| Rule {
                id: code.name(),
                short_description: Text {
                    text: code.description().to_string(),
                },
                default_configuration: Configuration {
                    level: level(default_severity(*code)),
                },
            })
            .collect();
        let log = SarifLog {
            schema: "https://json.schemastore.org/sarif-2.1.0.json",
            version: "2.1.0",
            runs: vec![Run {
                tool: Tool {
                    driver: Driver {
                        name: "verify",
                        version: env!("CARGO_PKG_VERSION"),
                        information_uri: None,
                        rules,
                    },
                },
                column_kind: "unicodeCodePoints",
                results: self.results,
            }],
        };
        serde_json::to_string_pretty(&log).expect("the SARIF log serialises") + "\n"
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// The severity a code usually has (skipped blocks are errors only with `--strict`).
fn default_severity(code: Code) -> Severity {
    match code {
        Code::Syntax | Code::Name | Code::Limit | Code::WrongStep | Code::Inconsistent => {
            Severity::Error
        }
        Code::Undecided | Code::NothingChecked => Severity::Warning,
        Code::NotADerivation | Code::Suppressed => Severity::Note,
    }
}

/// A path as a URI reference: relative paths stay relative, absolute ones become
/// `file://` URIs, and every byte outside the unreserved set and `/` is
/// percent-encoded (a space, `#`, `%`, non-ASCII).
fn uri(path: &std::path::Path) -> String {
    let text = path.display().to_string();
    let mut out = String::with_capacity(text.len());
    if text.starts_with('/') {
        out.push_str("file://");
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[derive(Serialize)]
struct SarifLog {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Debug, Serialize)]
struct Text {
    text: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Properties>,
}

/// A result's property bag: in a notebook, the cell (1-based, as Jupyter counts
/// cells) and the line within it, since the region's lines are those of the cells'
/// Markdown joined.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Properties {
    cell: usize,
    cell_line: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<SarifRegion>,
}

#[derive(Debug, Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        use std::path::Path;
        assert_eq!(uri(Path::new("notes/a b#1.md")), "notes/a%20b%231.md");
        assert_eq!(uri(Path::new("/tmp/é.md")), "file:///tmp/%C3%A9.md");
    }
}
