//! The `verify` binary: parse the command line, run, and map the outcome to an exit
//! code (0 verified, 1 failed or nothing checked, 2 error). A closed pipe
//! (`verify … | head`) stops the output, not the check: the exit code is the real one.
//! The subcommands (`completions`, `man`) write what they make and exit 0.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use verify::cli::{run, warn, Args, Config};

fn main() -> ExitCode {
    let matches = Args::command().get_matches();
    let mut args = Args::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    if let Some(command) = &args.command {
        return match command.run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                warn(&format!("{e:#}"));
                ExitCode::from(2)
            }
        };
    }
    // The run's `verify.toml`: the closest above the current folder, or `--config`; a
    // flag on the command line wins over it. Each checked file may be governed by a
    // closer one (`config::discovery`).
    let discovery = verify::config::discovery::Discovery::of_command_line(&args, &matches);
    if let Some(path) = discovery.run_file().map(std::path::Path::to_path_buf) {
        let on_command_line = |id: &str| {
            matches!(
                matches.value_source(id),
                Some(clap::parser::ValueSource::CommandLine)
            )
        };
        let applied = verify::config::load(&path).and_then(|file| {
            file.config.apply(
                &mut args,
                &path,
                verify::config::Scope::Run,
                on_command_line,
            )
        });
        if let Err(e) = applied {
            warn(&e);
            return ExitCode::from(2);
        }
    }
    let mut config = Config::from_args(args);
    config.discovery = discovery;
    if config.watch {
        return match verify::watch::watch(&config) {
            Ok(status) => ExitCode::from(config.exit_code(status)),
            Err(e) => {
                warn(&format!("{e:#}"));
                ExitCode::from(2)
            }
        };
    }
    match run(&config) {
        Ok(status) => ExitCode::from(config.exit_code(status)),
        Err(e) => {
            warn(&format!("{e:#}"));
            ExitCode::from(2)
        }
    }
}
