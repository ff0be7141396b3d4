//! The command line: clap's arguments as typed ([`Args`]) and what they resolve to
//! ([`Config`]), then the run over every input file.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Parser, ValueEnum};

use crate::check::{check_source, CheckConfig};
use crate::report::human::{self, HumanStyle};
use crate::report::ExitStatus;
use crate::report::{github, json};
use crate::source::SourceFile;
use crate::verdict::{Family, FamilySet};

/// Check mathematical derivations step by step.
///
/// Each file holds declarations (`let p_1(x) = N(x; \mu_1, \sigma_1^2)`, `assume a > 0`)
/// and chains of equalities in LaTeX, one step per line (`= …` or `&= …` continues a
/// chain). Every step is proved equal to the one before it, or shown wrong with a
/// numeric witness. Exit status: 0 all verified, 1 some step wrong or undecided,
/// 2 unreadable or unparsable input or bad arguments.
#[derive(Debug, Parser)]
#[command(name = "verify", version, about, long_about)]
pub struct Args {
    /// Derivation files to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The report's format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Rule families the engine may use (comma-separated); all by default.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub families: Option<Vec<FamilyArg>>,
}

/// `--color`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For a person: steps, verdicts, underlined problems, final forms.
    Human,
    /// JSON Lines, one object per step, error, final form and file summary.
    Json,
    /// GitHub Actions annotations (`::error file=…`), one per problem.
    Github,
}

/// `--families`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FamilyArg {
    /// Expand, collect, common denominators.
    Algebra,
    /// Log and exp laws for positive arguments.
    LogExp,
    /// Linearity of the integral.
    Linearity,
    /// Declared functions replaced by their formulas.
    Definitions,
    /// Gaussian integrals in closed form.
    Gaussian,
}

/// The resolved configuration of a run.
#[derive(Debug, Clone)]
pub struct Config {
    /// Files to check, in order.
    pub files: Vec<PathBuf>,
    /// Whether to colour the output.
    pub color: bool,
    /// How to render reports.
    pub format: Format,
    /// What the checker may use.
    pub check: CheckConfig,
}

impl Config {
    /// Resolve the arguments against the environment.
    pub fn from_args(args: Args) -> Config {
        let color = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        let families = match args.families {
            None => FamilySet::of(&Family::ALL),
            Some(list) => list
                .into_iter()
                .map(|f| match f {
                    FamilyArg::Algebra => Family::Algebra,
                    FamilyArg::LogExp => Family::LogExp,
                    FamilyArg::Linearity => Family::Linearity,
                    FamilyArg::Definitions => Family::Definitions,
                    FamilyArg::Gaussian => Family::Gaussian,
                })
                .fold(FamilySet::EMPTY.with(Family::Substitution), FamilySet::with),
        };
        Config {
            files: args.files,
            color: color && args.format == Format::Human,
            format: args.format,
            check: CheckConfig { families },
        }
    }
}

/// Check every file, writing the reports to stdout and problems reading files to
/// stderr. One bad file does not stop the others.
pub fn run(config: &Config) -> anyhow::Result<ExitStatus> {
    let mut status = ExitStatus::Verified;
    for path in &config.files {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("verify: cannot read {}: {e}", path.display());
                status = status.max(ExitStatus::Error);
                continue;
            }
        };
        let report = check_source(SourceFile::new(path.clone(), text), &config.check);
        status = status.max(report.status());
        let rendered = match config.format {
            Format::Human => human::render(
                &report,
                HumanStyle {
                    color: config.color,
                },
            ),
            Format::Json => json::render(&report),
            Format::Github => github::render(&report),
        };
        // Locked only while writing: the engine thread needs stdout briefly when it
        // starts (Symbolica's notice, redirected to stderr), so we must not hold it
        // across a check.
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(rendered.as_bytes())
            .and_then(|()| stdout.flush())
            .context("writing the report")?;
    }
    Ok(status)
}
