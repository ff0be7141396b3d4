//! The `verify` binary: parse the command line, run, and map the outcome to an exit
//! code (0 verified, 1 failed or nothing checked, 2 error). A closed pipe
//! (`verify … | head`) stops the output, not the check: the exit code is the real one.
//! The subcommands (`completions`, `man`) write what they make and exit 0.

use std::process::ExitCode;

use clap::Parser;
use verify::cli::{run, warn, Args, Config};

fn main() -> ExitCode {
    let args = Args::parse();
    if let Some(command) = &args.command {
        return match command.run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                warn(&format!("{e:#}"));
                ExitCode::from(2)
            }
        };
    }
    let config = Config::from_args(args);
    match run(&config) {
        Ok(status) => ExitCode::from(config.exit_code(status)),
        Err(e) => {
            warn(&format!("{e:#}"));
            ExitCode::from(2)
        }
    }
}
