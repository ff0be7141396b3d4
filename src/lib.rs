//! `verify` checks mathematical derivations step by step.
//!
//! The pipeline, one module per stage: [`syntax`] parses a file into a tree with spans,
//! [`lower`] resolves names into a [`program::Program`] of [`term::Term`]s, [`engine`]
//! (the only module that names Symbolica) proves or refutes each step, [`numeric`]
//! cross-checks every verdict independently, [`check`] ties them together for one
//! file, and [`report`] renders the result.
//!
//! ```
//! use verify::check::{check_source, CheckConfig};
//! use verify::report::{ExitStatus, Verdict};
//! use verify::source::SourceFile;
//!
//! let text = "let p(x) = N(x; \\mu, \\sigma^2)\n\\int (x - \\mu)^2 p(x) dx = \\sigma^2\n";
//! let config = CheckConfig::default();
//! let report = check_source(SourceFile::new("variance.txt", text), &config);
//! assert_eq!(report.status(), ExitStatus::Verified);
//! let Some(Verdict::Verified { facts, .. }) = report.verdicts().next() else { panic!() };
//! assert_eq!(facts[0].statement, "variance of p: ∫ (x − μ)²·p(x) dx = σ²");
//! assert!(matches!(facts[0].fact, verify::verdict::Fact::CentralMoment { k: 2, .. }));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod check;
pub mod cli;
pub mod config;
pub mod engine;
pub mod greek;
pub mod inputs;
pub mod lower;
pub mod lsp;
pub mod notes;
pub mod numeric;
pub mod plot;
pub mod print;
pub mod program;
pub mod report;
pub mod source;
pub mod stack;
pub mod syntax;
pub mod term;
pub mod verdict;
pub mod watch;
