//! The run-level renderer interface: every format is told when a run begins, about
//! each file, and when it ends, so that formats written per file (human, JSON Lines,
//! GitHub annotations, concise) and formats that are one document for the whole run
//! (SARIF, JUnit, GitLab Code Quality) fit the same loop in `cli`.

use super::run::RunSummary;
use super::{concise, github, gitlab, human, json, junit, sarif, ExitStatus};
use super::{FileReport, Options};

/// The report's formats (`--format`). The doc comments are `--help`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For a person: steps, verdicts, underlined problems, final forms.
    Human,
    /// One line per problem, `file:line:col: severity[code]: message`, for editors.
    Concise,
    /// JSON Lines, one object per step, error, final form and file summary.
    Json,
    /// GitHub Actions annotations (`::error file=…`), one per problem.
    Github,
    /// SARIF 2.1.0, for code scanning; one document for the run.
    Sarif,
    /// JUnit XML, one test case per step; one document for the run.
    Junit,
    /// GitLab Code Quality JSON; one document for the run.
    Gitlab,
    /// One self-contained HTML page for the run: every step typeset, with its mark.
    Html,
}

/// A format over a whole run. Each method returns what to write to stdout.
pub trait RunRenderer {
    /// Before the first file.
    fn begin(&mut self) -> String {
        String::new()
    }
    /// One file, judged with `options` (which may differ per file, by configuration).
    fn file(&mut self, report: &FileReport, options: &Options) -> String;
    /// After the last file.
    fn end(&mut self, summary: &RunSummary) -> String;
}

/// The renderer for `format`; `quiet` is the run's `--quiet`.
pub fn renderer(format: Format, quiet: bool) -> Box<dyn RunRenderer> {
    match format {
        Format::Human => Box::new(Streaming {
            quiet,
            render: human::render,
        }),
        Format::Concise => Box::new(Streaming {
            quiet,
            render: concise::render,
        }),
        Format::Json => Box::new(Json),
        Format::Github => Box::new(Github {
            quiet,
            annotator: github::Annotator::default(),
        }),
        Format::Sarif => Box::new(Whole::Sarif(sarif::Log::default())),
        Format::Junit => Box::new(Whole::Junit(junit::Suites::default())),
        Format::Gitlab => Box::new(Whole::Gitlab(gitlab::Issues::default())),
        Format::Html => Box::new(super::html::Html::default()),
    }
}

/// The run's last line for people: left out with `--quiet`, unless the run checked
/// nothing, when that line is the only word on why it failed.
fn last_line(summary: &RunSummary, quiet: bool) -> String {
    if quiet && summary.status() != ExitStatus::NothingChecked {
        return String::new();
    }
    format!("{}\n", summary.human())
}

struct Streaming {
    quiet: bool,
    render: fn(&FileReport, &Options) -> String,
}

impl RunRenderer for Streaming {
    fn file(&mut self, report: &FileReport, options: &Options) -> String {
        (self.render)(report, options)
    }
    fn end(&mut self, summary: &RunSummary) -> String {
        last_line(summary, self.quiet)
    }
}

struct Json;

impl RunRenderer for Json {
    fn begin(&mut self) -> String {
        json::begin()
    }
    fn file(&mut self, report: &FileReport, options: &Options) -> String {
        json::render(report, options)
    }
    fn end(&mut self, summary: &RunSummary) -> String {
        format!("{}\n", summary.json())
    }
}

struct Github {
    quiet: bool,
    annotator: github::Annotator,
}

impl RunRenderer for Github {
    fn file(&mut self, report: &FileReport, options: &Options) -> String {
        self.annotator.file(report, options)
    }
    fn end(&mut self, summary: &RunSummary) -> String {
        self.annotator.end() + last_line(summary, self.quiet).as_str()
    }
}

/// The formats that are one document: nothing is written until the run ends.
enum Whole {
    Sarif(sarif::Log),
    Junit(junit::Suites),
    Gitlab(gitlab::Issues),
}

impl RunRenderer for Whole {
    fn file(&mut self, report: &FileReport, options: &Options) -> String {
        match self {
            Whole::Sarif(log) => log.file(report, options),
            Whole::Junit(suites) => suites.file(report, options),
            Whole::Gitlab(issues) => issues.file(report, options),
        }
        String::new()
    }
    fn end(&mut self, _summary: &RunSummary) -> String {
        match std::mem::replace(self, Whole::Gitlab(gitlab::Issues::default())) {
            Whole::Sarif(log) => log.finish(),
            Whole::Junit(suites) => suites.finish(),
            Whole::Gitlab(issues) => issues.finish(),
        }
    }
}
