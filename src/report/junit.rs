//! JUnit XML (`--format junit`), written with `quick-junit`, for CI services that show
//! test reports (GitLab's test report, Jenkins, Azure Pipelines).
//!
//! One test suite per file, named by its path; one test case per checked step
//! (`KL(p_1, p_2) step 8, line 17`): a verified step passes, a wrong, undecided or
//! inconsistent step fails with the diagnostic's message and evidence. A file that
//! could not be read as a derivation has one errored case per error; a block set
//! aside is a skipped case with its reason (a failure with `--strict`), and so is a
//! file in which nothing was checked. Nothing is left out: every diagnostic of the
//! file is one case.

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::diagnostic::{self, Diagnostic, Region, Severity};
use super::{FileReport, Options};
use crate::source::LineIndex;

/// Test suites collected over a run, written as one report at its end.
#[derive(Debug)]
pub struct Suites {
    report: Report,
}

impl Default for Suites {
    fn default() -> Self {
        Suites {
            report: Report::new("verify"),
        }
    }
}

impl Suites {
    /// Add one file as a test suite.
    pub fn file(&mut self, report: &FileReport, options: &Options) {
        let index = LineIndex::new(&report.file.text);
        let path = report.file.path.display().to_string();
        let line = |d: &Diagnostic| d.span.map(|s| Region::stored(s, &index, &report.file).line);
        let mut suite = TestSuite::new(path.clone());
        let mut case = |name: String, status: TestCaseStatus| {
            let mut case = TestCase::new(name, status);
            case.set_classname(path.clone());
            suite.add_test_case(case);
        };
        for d in diagnostic::errors(report)
            .iter()
            .chain(&diagnostic::skipped(report, options))
        {
            let at = line(d).map_or(String::new(), |l| format!("line {l}: "));
            let name = format!("{at}{}", d.code.name());
            case(name, status(d));
        }
        for (chain_idx, chain) in report.chains.iter().enumerate() {
            let chain_name = match &chain.name {
                Some(name) => name.clone(),
                None => format!("chain {}", chain_idx + 1),
            };
            for step in &chain.steps {
                if step.verdict.is_none() {
                    continue;
                }
                let at = Region::stored(step.span, &index, &report.file).line;
                let name = format!("{chain_name} step {}, line {at}", step.number);
                let status = match diagnostic::of_step(step) {
                    Some(d) => status(&d),
                    None => TestCaseStatus::success(),
                };
                case(name, status);
            }
        }
        if let Some(d) = diagnostic::nothing_checked(report, options) {
            case(d.code.name().to_string(), status(&d));
        }
        self.report.add_test_suite(suite);
    }

    /// The whole report, as XML.
    pub fn finish(self) -> String {
        self.report
            .to_string()
            .expect("a JUnit report of strings serialises")
            + "\n"
    }
}

/// A diagnostic as a test case's status: an error of the input is an error, a step
/// that is not verified is a failure, a note (or nothing checked) is a skip.
fn status(d: &Diagnostic) -> TestCaseStatus {
    use super::diagnostic::Code;
    let mut status = match (d.severity, d.code) {
        (Severity::Error, Code::Syntax | Code::Name | Code::Limit) => {
            TestCaseStatus::non_success(NonSuccessKind::Error)
        }
        (Severity::Note, _) | (_, Code::NothingChecked) => TestCaseStatus::skipped(),
        _ => TestCaseStatus::non_success(NonSuccessKind::Failure),
    };
    status.set_type(d.code.name());
    status.set_message(d.message.clone());
    status.set_description(d.full_message());
    status
}
