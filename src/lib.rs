//! `verify` checks mathematical derivations step by step.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod engine;
pub mod print;
pub mod program;
pub mod source;
pub mod term;
pub mod verdict;
