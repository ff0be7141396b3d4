//! One snapshot per diagnostic kind and output format: what a learner reads in the
//! terminal, what a program reads in JSON, what GitHub shows on a pull request. The
//! fixtures in `tests/fixtures/diagnostics/` each provoke exactly one kind.

mod common;

use common::{check, root};
use verify::report::{github, human, json, ExitStatus, Options};

/// Every diagnostic kind, its fixture, and the exit status it implies.
const KINDS: &[(&str, ExitStatus)] = &[
    ("wrong", ExitStatus::Failed),
    ("undecided", ExitStatus::Failed),
    ("syntax_error", ExitStatus::Error),
    ("unknown_name", ExitStatus::Error),
    ("positivity_needed", ExitStatus::Failed),
    ("limit_hit", ExitStatus::Failed),
];

fn each_kind(render: impl Fn(&verify::report::FileReport) -> String, format: &str) {
    for &(kind, status) in KINDS {
        let report = check(&root().join(format!("tests/fixtures/diagnostics/{kind}.txt")));
        assert_eq!(report.status(), status, "{kind}");
        insta::assert_snapshot!(format!("{kind}_{format}"), render(&report));
    }
}

#[test]
fn human() {
    each_kind(|r| human::render(r, &Options::default()), "human");
}

#[test]
fn json() {
    each_kind(|r| json::render(r, &Options::default()), "json");
}

#[test]
fn github() {
    each_kind(|r| github::render(r, &Options::default()), "github");
}

#[test]
fn every_kind_says_what_it_is() {
    // The words a reader needs, whatever the format: the blocker or the slip.
    let expected = [
        (
            "wrong",
            "the step holds if the sign of the term 2ab is flipped",
        ),
        ("undecided", "cannot tell that ∫ exp(−x⁴) dx converges"),
        ("syntax_error", "expected `}` to close"),
        (
            "unknown_name",
            "`q` is neither a declared density nor a random variable",
        ),
        (
            "positivity_needed",
            "positivity needed: this holds if a, b > 0",
        ),
        ("limit_hit", "exponent 100000 exceeds the limit of 1000"),
    ];
    for (kind, words) in expected {
        let report = check(&root().join(format!("tests/fixtures/diagnostics/{kind}.txt")));
        for (format, text) in [
            ("human", human::render(&report, &Options::default())),
            ("json", json::render(&report, &Options::default())),
            ("github", github::render(&report, &Options::default())),
        ] {
            assert!(text.contains(words), "{kind} in {format}: {text}");
        }
    }
}
