//! The `verify` binary: parse the command line, run, and map the outcome to an exit
//! code (0 verified, 1 failed or nothing checked, 2 error). A closed pipe
//! (`verify … | head`) stops the output, not the check: the exit code is the real one.

use std::process::ExitCode;

use clap::Parser;
use verify::cli::{run, warn, Args, Config};

fn main() -> ExitCode {
    let config = Config::from_args(Args::parse());
    match run(&config) {
        Ok(status) => ExitCode::from(status.code()),
        Err(e) => {
            warn(&format!("{e:#}"));
            ExitCode::from(2)
        }
    }
}
