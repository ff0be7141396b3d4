//! `verify` checks mathematical derivations step by step.
//!
//! The pipeline, one module per stage: [`syntax`] parses a file into a tree with spans,
//! [`lower`] resolves names into a [`program::Program`] of [`term::Term`]s, [`engine`]
//! (the only module that names Symbolica) proves or refutes each step, [`numeric`]
//! cross-checks every verdict independently, [`check`] ties them together for one
//! file, and [`report`] renders the result.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod check;
pub mod cli;
pub mod engine;
pub mod greek;
pub mod lower;
pub mod numeric;
pub mod print;
pub mod program;
pub mod report;
pub mod source;
pub mod stack;
pub mod syntax;
pub mod term;
pub mod verdict;
