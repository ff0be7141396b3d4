//! The `verify` binary: parse the command line, run, and map the outcome to an exit
//! code (0 verified, 1 failed, 2 error). A closed pipe (`verify … | head`) is success.

use std::process::ExitCode;

use clap::Parser;
use verify::cli::{run, Args, Config};

fn main() -> ExitCode {
    let config = Config::from_args(Args::parse());
    match run(&config) {
        Ok(status) => ExitCode::from(status.code()),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("verify: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether the error comes from writing to a pipe whose reader has gone.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
