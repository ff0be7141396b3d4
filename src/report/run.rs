//! The summary of a whole run, over every file: what a CI log ends with.

use std::fmt::Write as _;
use std::time::Duration;

use super::{ExitStatus, Tally};

/// What a run over many files found.
///
/// **The run-level rule for "nothing checked":** a run in which not one step was
/// checked fails (exit 1), because a green run must mean something was proved: an
/// empty file, a wrong path, a folder whose notes were all skipped would otherwise pass
/// in CI without a word. A file with nothing checked inside a run that checked other
/// files does not fail it — a notes folder holds files without derivations (an index,
/// a bibliography) — but it is reported as such, per file and in the run's counts.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunSummary {
    /// Files read (including those with errors).
    pub files: usize,
    /// Files that could not be read or parsed.
    pub files_with_errors: usize,
    /// Files read without errors in which no step was checked.
    pub files_nothing_checked: usize,
    /// The outcomes over all files.
    pub tally: Tally,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
    /// The worst status of a file or input so far.
    pub worst: ExitStatus,
}

impl RunSummary {
    /// Count a checked file with its status (`FileReport::status_under`) and tally.
    pub fn add_file(&mut self, status: ExitStatus, tally: Tally) {
        self.files += 1;
        match status {
            ExitStatus::Error => self.files_with_errors += 1,
            ExitStatus::NothingChecked => self.files_nothing_checked += 1,
            ExitStatus::Verified | ExitStatus::Failed => {}
        }
        self.tally += tally;
        self.worst = self.worst.max(status);
    }

    /// Count a file that could not be read.
    pub fn add_unreadable_file(&mut self) {
        self.files += 1;
        self.files_with_errors += 1;
        self.worst = ExitStatus::Error;
    }

    /// Count a problem with an input that is not one file (a folder that could not be
    /// walked): an error for the run.
    pub fn add_input_problem(&mut self) {
        self.worst = ExitStatus::Error;
    }

    /// The run's status: the worst file's when that is a failure or an error;
    /// otherwise verified if any step was checked, and nothing-checked if none was.
    pub fn status(&self) -> ExitStatus {
        match self.worst {
            ExitStatus::Failed | ExitStatus::Error => self.worst,
            ExitStatus::Verified | ExitStatus::NothingChecked if self.tally.steps() == 0 => {
                ExitStatus::NothingChecked
            }
            ExitStatus::Verified | ExitStatus::NothingChecked => ExitStatus::Verified,
        }
    }

    /// Why nothing was checked, when the run's status says so.
    pub fn nothing_checked(&self) -> Option<&'static str> {
        match (self.status(), self.files) {
            (ExitStatus::NothingChecked, 0) => Some("no file to check was found"),
            (ExitStatus::NothingChecked, _) => Some("no step was checked in any file"),
            _ => None,
        }
    }

    /// One line: `3 files, 4 chains, 30 steps: 29 verified, 1 wrong, 0 undecided; 2
    /// blocks skipped (0.42 s)`, with what was not checked when something was not.
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
        if t.turned_off > 0 {
            let _ = write!(out, " ({} turned off)", t.turned_off);
        }
        if self.files_with_errors > 0 {
            let _ = write!(
                out,
                "; {} not checked (errors)",
                plural(self.files_with_errors, "file")
            );
        }
        if let Some(why) = self.nothing_checked() {
            let _ = write!(out, "; nothing was checked: {why}");
        } else if self.files_nothing_checked > 0 {
            let _ = write!(
                out,
                "; {} with nothing checked",
                plural(self.files_nothing_checked, "file")
            );
        }
        let _ = write!(out, " ({:.2} s)", self.elapsed.as_secs_f64());
        out
    }

    /// The JSON Lines record: `{"type":"run", …}`.
    pub fn json(&self) -> String {
        super::json::run(self)
    }
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

    fn tally(verified: usize, wrong: usize) -> Tally {
        Tally {
            chains: 1,
            verified,
            wrong,
            ..Tally::default()
        }
    }

    #[test]
    fn one_line_with_every_count() {
        let mut summary = RunSummary::default();
        summary.add_file(ExitStatus::Failed, tally(10, 1));
        summary.add_file(
            ExitStatus::Verified,
            Tally {
                chains: 2,
                skipped: 1,
                ..Tally::default()
            },
        );
        summary.elapsed = Duration::from_millis(420);
        assert_eq!(
            summary.human(),
            "2 files, 3 chains, 11 steps: 10 verified, 1 wrong, 0 undecided; 1 block skipped (0.42 s)"
        );
        let json: serde_json::Value = serde_json::from_str(&summary.json()).unwrap();
        assert_eq!(json["type"], "run");
        assert_eq!(json["steps"], 11);
        assert_eq!(json["status"], "failed");
    }

    #[test]
    fn a_run_that_checked_nothing_fails() {
        let mut summary = RunSummary::default();
        assert_eq!(
            summary.status(),
            ExitStatus::NothingChecked,
            "no file at all"
        );
        assert_eq!(
            summary.nothing_checked(),
            Some("no file to check was found")
        );
        summary.add_file(ExitStatus::NothingChecked, Tally::default());
        assert_eq!(summary.status(), ExitStatus::NothingChecked);
        assert_eq!(summary.status().code(), 1);
        assert!(
            summary
                .human()
                .contains("; nothing was checked: no step was checked in any file"),
            "{}",
            summary.human()
        );
        let json: serde_json::Value = serde_json::from_str(&summary.json()).unwrap();
        assert_eq!(json["status"], "nothing_checked");
        assert_eq!(json["files_nothing_checked"], 1);
    }

    #[test]
    fn a_file_with_nothing_checked_does_not_fail_a_run_that_checked_others() {
        let mut summary = RunSummary::default();
        summary.add_file(ExitStatus::NothingChecked, Tally::default());
        summary.add_file(ExitStatus::Verified, tally(3, 0));
        assert_eq!(summary.status(), ExitStatus::Verified);
        assert!(summary.human().contains("; 1 file with nothing checked"));
        // But it does not hide a failure or an error.
        summary.add_unreadable_file();
        assert_eq!(summary.status(), ExitStatus::Error);
    }
}
