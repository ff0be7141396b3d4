//! GitLab Code Quality (`--format gitlab`): a JSON array of issues, which GitLab shows
//! in a merge request's widget and on its diff.
//!
//! Each diagnostic is one issue: `description` (the message with its evidence),
//! `check_name` (the code), `severity` (`major` for an error, `minor` for a warning,
//! `info` for a note), `location.path` and `location.lines.begin`/`end`, and a
//! `fingerprint` that GitLab uses to tell a new issue from one already on the target
//! branch. The fingerprint hashes the path, the code, the message and the text the
//! diagnostic is about — not its line, so an issue keeps its fingerprint when lines
//! above it move — plus its count among identical ones, so two stay two. The hash is
//! FNV-1a (64 bits), spelled out here so that it never changes between builds.

use std::collections::HashMap;

use serde::Serialize;

use super::diagnostic::{self, Region, Severity};
use super::{FileReport, Options};
use crate::source::LineIndex;

/// Issues collected over a run, written as one array at its end.
#[derive(Debug, Default)]
pub struct Issues {
    issues: Vec<Issue>,
    seen: HashMap<u64, usize>,
}

impl Issues {
    /// Add one file's diagnostics.
    pub fn file(&mut self, report: &FileReport, options: &Options) {
        let index = LineIndex::new(&report.file.text);
        let path = report.file.path.display().to_string();
        let text = &report.file.text;
        for d in diagnostic::of_file(report, options) {
            let region = d.span.map(|s| Region::stored(s, &index, &report.file));
            let (begin, end) = region.map_or((1, 1), |r| (r.line, r.end_line));
            let quoted = d
                .span
                .and_then(|s| text.get(s.start.min(s.end)..s.end.min(text.len())))
                .unwrap_or("");
            let description = d.full_message();
            let key = fnv1a(&[
                path.as_bytes(),
                d.code.name().as_bytes(),
                d.message.as_bytes(),
                quoted.as_bytes(),
            ]);
            let n = self.seen.entry(key).or_default();
            *n += 1;
            let fingerprint = format!("{:016x}", fnv1a(&[&key.to_le_bytes(), &n.to_le_bytes()]));
            self.issues.push(Issue {
                description,
                check_name: d.code.name(),
                fingerprint,
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Note => "info",
                },
                location: Location {
                    path: path.clone(),
                    lines: Lines { begin, end },
                },
            });
        }
    }

    /// The whole array, as pretty JSON.
    pub fn finish(self) -> String {
        serde_json::to_string_pretty(&self.issues).expect("issues serialise") + "\n"
    }
}

/// FNV-1a over the parts, a zero byte between two, so that `ab`+`c` and `a`+`bc`
/// differ.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        let separator: &[u8] = if i == 0 { &[] } else { &[0] };
        for &byte in separator.iter().chain(part.iter()) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

#[derive(Debug, Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Debug, Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Debug, Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_fnv1a() {
        // The published test vectors of 64-bit FNV-1a.
        assert_eq!(fnv1a(&[b""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(&[b"a"]), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(&[b"foobar"]), 0x8594_4171_f739_67e8);
        assert_ne!(fnv1a(&[b"ab", b"c"]), fnv1a(&[b"a", b"bc"]));
    }
}
