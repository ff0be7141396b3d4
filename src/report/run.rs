//! The summary of a whole run, over every file: what a CI log ends with.

use std::fmt::Write as _;
use std::time::Duration;

use serde::Serialize;

use super::json::Counts;
use super::{ExitStatus, Tally};

/// What a run over many files found.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunSummary {
    /// Files read (including those with errors).
    pub files: usize,
    /// Files that could not be read or parsed.
    pub files_with_errors: usize,
    /// The outcomes over all files.
    pub tally: Tally,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
    /// The run's exit status.
    pub status: ExitStatus,
}

impl RunSummary {
    /// One line: `3 files, 4 chains, 30 steps: 29 verified, 1 wrong, 0 undecided; 2
    /// blocks skipped (0.42 s)`.
    pub fn human(&self) -> String {
        let t = &self.tally;
        let mut out = format!(
            "{}, {}, {}: {} verified, {} wrong, {} undecided",
            plural(self.files, "file"),
            plural(t.chains, "chain"),
            plural(t.steps(), "step"),
            t.verified,
            t.wrong,
            t.undecided
        );
        if t.inconsistent > 0 {
            let _ = write!(out, ", {} inconsistent", t.inconsistent);
        }
        let _ = write!(out, "; {} skipped", plural(t.skipped, "block"));
        if self.files_with_errors > 0 {
            let _ = write!(
                out,
                "; {} not checked (errors)",
                plural(self.files_with_errors, "file")
            );
        }
        let _ = write!(out, " ({:.2} s)", self.elapsed.as_secs_f64());
        out
    }

    /// The JSON Lines record: `{"type":"run", …}`.
    pub fn json(&self) -> String {
        let record = Record {
            kind: "run",
            files: self.files,
            files_with_errors: self.files_with_errors,
            counts: Counts::from(self.tally),
            seconds: self.elapsed.as_secs_f64(),
            status: self.status.name(),
        };
        serde_json::to_string(&record).unwrap_or_default()
    }
}

#[derive(Serialize)]
struct Record {
    #[serde(rename = "type")]
    kind: &'static str,
    files: usize,
    files_with_errors: usize,
    #[serde(flatten)]
    counts: Counts,
    seconds: f64,
    status: &'static str,
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_with_every_count() {
        let summary = RunSummary {
            files: 2,
            files_with_errors: 0,
            tally: Tally {
                chains: 3,
                verified: 10,
                wrong: 1,
                undecided: 0,
                inconsistent: 0,
                skipped: 1,
            },
            elapsed: Duration::from_millis(420),
            status: ExitStatus::Failed,
        };
        assert_eq!(
            summary.human(),
            "2 files, 3 chains, 11 steps: 10 verified, 1 wrong, 0 undecided; 1 block skipped (0.42 s)"
        );
        let json: serde_json::Value = serde_json::from_str(&summary.json()).unwrap();
        assert_eq!(json["type"], "run");
        assert_eq!(json["steps"], 11);
        assert_eq!(json["status"], "failed");
    }
}
