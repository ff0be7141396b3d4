//! The command line: clap's arguments as typed ([`Args`]) and what they resolve to
//! ([`Config`]), then the run over every input file.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Parser, ValueEnum};

use crate::check::{check_source, CheckConfig};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use crate::config::discovery::{Broken, Governed, Resolver};
use crate::engine::Engine;
use crate::inputs;
use crate::report::run::RunSummary;
use crate::report::step_summary::StepSummary;
use crate::report::{escape, render};
use crate::report::{ExitStatus, Options};
use crate::source::SourceFile;
use crate::verdict::{Family, FamilySet, Limits};

/// Check mathematical derivations step by step.
///
/// Each file holds declarations (`let p_1(x) = N(x; \mu_1, \sigma_1^2)`, `assume a > 0`)
/// and chains of equalities in LaTeX, one step per line (`= …` or `&= …` continues a
/// chain). Markdown (`.md`) and LaTeX (`.tex`) notes are checked where they stand:
/// their display math holds the chains, comments hold the declarations. Every step is
/// proved equal to the one before it, or shown wrong with a numeric witness. Exit
/// status: 0 all verified, 1 some step wrong or undecided (or, with --strict, a block
/// skipped), 2 unreadable or unparsable input or bad arguments.
#[derive(Debug, Parser)]
#[command(
    name = "verify",
    version = VERSION,
    about,
    long_about,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    after_help = "A file named like a subcommand is given as a path: `verify ./completions`."
)]
pub struct Args {
    /// Files to check, or folders: every .md, .markdown, .tex, .ipynb and .txt file
    /// (a .txt file only if it is a derivation) below a folder is checked, except what .gitignore / .ignore files and hidden names
    /// exclude. `-` reads one file from stdin (see --stdin-filename).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The name stdin (`-`) is shown under and read as: its extension says whether it
    /// is Markdown, LaTeX or a derivation file (`<stdin>`, a derivation, by default).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// When to colour the output (`auto`: on a terminal, unless `NO_COLOR` is set;
    /// `CLICOLOR_FORCE=1` colours off a terminal too).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The report's format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Rule families the engine may use (comma-separated); all by default.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub families: Option<Vec<FamilyArg>>,
    /// Print only failures: wrong and undecided steps, errors.
    #[arg(short, long)]
    pub quiet: bool,
    /// Show, for each step, the normal forms the engine compared.
    #[arg(long)]
    pub explain: bool,
    /// Count display blocks of notes that are not derivations as failures instead of
    /// skipping them.
    #[arg(long)]
    pub strict: bool,
    /// Exit 0, not 1, when nothing at all was checked (a pre-commit hook on a commit
    /// that touches only prose). Wrong, undecided and unreadable still fail.
    #[arg(long)]
    pub allow_nothing_checked: bool,
    /// Leave out of a folder walk the files GLOB matches (relative to the folder;
    /// `drafts/`, `**/scratch-*.md`); may be repeated.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Walk only the files GLOB matches, or with `!GLOB` leave them out, with
    /// ripgrep's `-g` rules (the last match wins); may be repeated.
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,
    /// Check a file named on the command line only if a folder walk would take it
    /// (by extension; a `.txt` file only if it is a derivation), as pre-commit and
    /// editors name every file of a kind.
    #[arg(long)]
    pub force_exclude: bool,
    /// Read the settings from this file instead of the closest `verify.toml` above the
    /// current folder.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Read no `verify.toml`: the command line alone decides.
    #[arg(long)]
    pub no_config: bool,
    /// Draw each chain's final form, and both sides of each wrong step, against one
    /// parameter, as SVG and PNG: `NAME=FROM..TO`, e.g. `sigma_1=0.5..2`. Values come
    /// from the numeric evaluator; where it finds none the curve has a gap.
    #[arg(long, value_name = "NAME=FROM..TO")]
    pub plot: Option<String>,
    /// With --plot: the other parameters' values, `NAME=VALUE,…` (e.g. `mu_1=0,sigma_2=1`);
    /// one not given is 1 if assumed positive, else 0, and the plot says so.
    #[arg(long, value_name = "NAME=VALUE,...", requires = "plot")]
    pub at: Option<String>,
    /// With --plot: the folder the SVG and PNG files go to (by default the current
    /// folder; with --format html the plots are in the page, and files are written
    /// only when this is given).
    #[arg(long, value_name = "DIR", requires = "plot")]
    pub plot_dir: Option<PathBuf>,
    /// Check, then check again whenever a file named (or below a folder named) changes,
    /// until interrupted; the engine stays up between runs. Changes are debounced: a
    /// burst of saves is one run.
    #[arg(long, conflicts_with = "stdin_filename")]
    pub watch: bool,
    /// Write the report to FILE instead of stdout, replaced whole at the end of each
    /// run (with --watch and --format html, a page to keep open and reload).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Bounds on the engine's work.
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Something other than checking.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `verify --version`: the crate's version, the commit it was built from and the
/// engine library's version, since a verdict depends on all three.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("VERIFY_COMMIT"),
    ", Symbolica ",
    env!("VERIFY_SYMBOLICA_VERSION"),
    ")"
);

/// The subcommands: what the binary can write besides a report.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Write the completion script for SHELL to stdout (e.g.
    /// `verify completions bash > ~/.local/share/bash-completion/completions/verify`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the man page (roff) to stdout (e.g. `verify man > ~/.local/share/man/man1/verify.1`).
    Man,
    /// Serve the Language Server Protocol on stdin and stdout, for editors: diagnostics
    /// on open and change, hover on a step, a quick fix applying a proved hint.
    Lsp,
}

impl Command {
    /// What the subcommand makes, written to stdout. It is made in memory first
    /// (clap_complete panics on a failed write), and a reader gone (`| head`) is not
    /// an error.
    pub fn run(&self) -> anyhow::Result<()> {
        if let Command::Lsp = self {
            return crate::lsp::serve(CheckConfig::default());
        }
        let mut out = Vec::new();
        self.write(&mut out)?;
        match std::io::stdout().lock().write_all(&out) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(e).context("writing to stdout")
            }
            _ => Ok(()),
        }
    }

    /// Write what the subcommand makes to `out`.
    pub fn write(&self, out: &mut Vec<u8>) -> anyhow::Result<()> {
        use clap::CommandFactory;
        let mut command = Args::command();
        match self {
            Command::Completions { shell } => {
                clap_complete::generate(*shell, &mut command, "verify", out);
            }
            Command::Man => {
                clap_mangen::Man::new(command)
                    .render(out)
                    .context("making the man page")?;
            }
            Command::Lsp => anyhow::bail!("`verify lsp` serves on stdio; it writes nothing"),
        }
        Ok(())
    }
}

/// The `--max-*` flags: bounds on the engine's work per step.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Limits (a step past one is undecided)")]
pub struct LimitArgs {
    /// Largest constant exponent, as in `10^{1000}`.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_exponent)]
    pub max_exponent: u32,
    /// Largest integer power of a sum that is expanded, as in `(a+b)^{64}`.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_power_of_sum)]
    pub max_power_of_sum: u32,
    /// Most terms an expansion may produce.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_terms)]
    pub max_terms: u64,
    /// Largest expression, in nodes of its tree.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_nodes)]
    pub max_nodes: usize,
    /// Most engine time per step, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().max_step_seconds, value_parser = parse_seconds)]
    pub max_step_seconds: f64,
}

impl From<LimitArgs> for Limits {
    fn from(args: LimitArgs) -> Self {
        Limits {
            max_exponent: args.max_exponent,
            max_power_of_sum: args.max_power_of_sum,
            max_terms: args.max_terms,
            max_nodes: args.max_nodes,
            max_step_seconds: args.max_step_seconds,
            deadline: None,
        }
    }
}

/// A positive, finite number of seconds.
fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && s <= 86_400.0 => Ok(s),
        _ => Err(format!(
            "`{text}` is not a number of seconds between 0 and 86400"
        )),
    }
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

/// `--format`: the report's formats, one home for them.
pub use crate::report::render::Format;

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
    /// Sums and products over an index.
    Sums,
}

/// The resolved configuration of a run.
#[derive(Debug, Clone)]
pub struct Config {
    /// Files and folders to check, in order; `-` is stdin.
    pub paths: Vec<PathBuf>,
    /// The name stdin is shown and read under.
    pub stdin_filename: Option<PathBuf>,
    /// Which named files are checked (`--force-exclude`).
    pub named: inputs::Named,
    /// `--glob` and `--exclude`, as given.
    pub globs: (Vec<String>, Vec<String>),
    /// A run that checked nothing exits 0 (`--allow-nothing-checked`).
    pub allow_nothing_checked: bool,
    /// How to render reports.
    pub format: Format,
    /// Rendering and judging options.
    pub report: Options,
    /// What the checker may use.
    pub check: CheckConfig,
    /// `--plot` and `--at`, as given.
    pub plot: Option<(String, Option<String>)>,
    /// `--plot-dir`.
    pub plot_dir: Option<PathBuf>,
    /// `--watch`.
    pub watch: bool,
    /// `--output`: the report goes to this file instead of stdout.
    pub output: Option<PathBuf>,
    /// How each file's `verify.toml` is found (set from the command line by `main`;
    /// none by default).
    pub discovery: crate::config::discovery::Discovery,
}

impl Config {
    /// Resolve the arguments against the environment.
    pub fn from_args(args: Args) -> Config {
        let color = colour(args.color, std::io::stdout().is_terminal(), |name| {
            std::env::var_os(name).filter(|v| !v.is_empty())
        });
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
                    FamilyArg::Sums => Family::Sums,
                })
                .fold(FamilySet::EMPTY.with(Family::Substitution), FamilySet::with),
        };
        Config {
            paths: args.paths,
            stdin_filename: args.stdin_filename,
            named: if args.force_exclude {
                inputs::Named::AsInAWalk
            } else {
                inputs::Named::Always
            },
            allow_nothing_checked: args.allow_nothing_checked,
            globs: (args.glob, args.exclude),
            format: args.format,
            report: Options {
                color: color && args.format == Format::Human,
                quiet: args.quiet,
                explain: args.explain,
                strict: args.strict,
            },
            check: CheckConfig {
                families,
                explain: args.explain,
                limits: args.limits.into(),
                shared: None,
            },
            plot: args.plot.map(|p| (p, args.at)),
            plot_dir: args.plot_dir,
            watch: args.watch,
            output: args.output,
            discovery: Default::default(),
        }
    }
}

impl Config {
    /// The process exit code for a run's status: [`ExitStatus::code`], except that
    /// with `--allow-nothing-checked` a run that checked nothing exits 0.
    pub fn exit_code(&self, status: ExitStatus) -> u8 {
        match status {
            ExitStatus::NothingChecked if self.allow_nothing_checked => 0,
            status => status.code(),
        }
    }
}

/// Whether to colour: `--color always|never` decide; `auto` follows the conventions
/// (no-color.org, bixense.com/clicolors): `NO_COLOR` set turns colour off, then
/// `CLICOLOR_FORCE` set and not `0` turns it on, then `CLICOLOR=0` turns it off, and
/// otherwise a terminal is coloured. `var` reads a variable, `None` when unset or
/// empty.
fn colour(
    choice: ColorChoice,
    terminal: bool,
    var: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if var("NO_COLOR").is_some() {
                false
            } else if var("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                true
            } else if var("CLICOLOR").is_some_and(|v| v == "0") {
                false
            } else {
                terminal
            }
        }
    }
}

/// The name a file read from stdin goes by when `--stdin-filename` is not given.
pub const STDIN_NAME: &str = "<stdin>";

/// Check every file, writing the reports to stdout and problems reading files to
/// stderr. One bad file does not stop the others. A stdout whose reader has gone
/// (`verify … | head -1`) stops the writing, not the checking: the status is still
/// the real one.
pub fn run(config: &Config) -> anyhow::Result<ExitStatus> {
    let started = Instant::now();
    let mut out = Stdout {
        file: config.output.as_ref().map(|p| (p.clone(), String::new())),
        ..Stdout::default()
    };
    let html = config.format == Format::Html;
    let plotting = config.plot.as_ref().map(|(plot, at)| {
        crate::plot::Plotting::new(plot, at.as_deref(), config.plot_dir.as_deref(), html)
            .map_err(|e| anyhow::anyhow!("--plot: {e}"))
    });
    let plotting = plotting.transpose()?;
    let mut renderer = match &plotting {
        Some(plotting) if html => plotting.html_renderer(),
        _ => render::renderer(config.format, config.report.quiet),
    };
    let step_summary_path = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty());
    let mut step_summary = StepSummary::default();
    let stdin = std::path::Path::new("-");
    if config.paths.iter().filter(|p| p.as_path() == stdin).count() > 1 {
        anyhow::bail!("`-` (stdin) may be named once");
    }
    let globs = inputs::Globs::new(&config.globs.0, &config.globs.1).map_err(anyhow::Error::msg)?;
    let resolver = Resolver::new(&config.discovery, config);
    let left_out = |path: &std::path::Path| {
        let governed = resolver.settings(path);
        matches!(&governed.settings, Ok(settings) if settings.leaves_out(path))
    };
    let inputs::Collected {
        files,
        problems,
        passed_over,
    } = inputs::collect_filtered(&config.paths, config.named, &globs, &left_out);
    let mut summary = RunSummary::default();
    if !passed_over.is_empty() {
        warn(&passed_over_line(&passed_over));
    }
    for (path, problem) in problems {
        warn(&format!("cannot read {}: {problem}", shown(&path)));
        summary.add_input_problem();
    }
    out.write(&renderer.begin())?;
    let progress = Progress::new(files.len());
    for path in &files {
        let (path, text) = if path.as_path() == stdin {
            let name = config.stdin_filename.clone();
            (
                name.unwrap_or_else(|| STDIN_NAME.into()),
                inputs::read_stdin(),
            )
        } else {
            (path.clone(), inputs::read(path))
        };
        let path = &path;
        progress.start(path);
        let governed = resolver.settings(path);
        if resolver.first_time(&governed) {
            let said = say_once(&governed, renderer.as_mut(), config, &mut summary);
            progress.suspend_only(|| out.write(&said))?;
        }
        let settings = match &governed.settings {
            Ok(settings) => settings.clone(),
            Err(_) => {
                let config_file = governed.file.as_deref().unwrap_or(path);
                progress.suspend(|| {
                    warn(&format!(
                        "cannot check {}: {} does not read (see above)",
                        shown(path),
                        shown(config_file)
                    ))
                });
                summary.add_input_problem();
                continue;
            }
        };
        let text = match text {
            Ok(text) => text,
            Err(e) => {
                progress.suspend(|| warn(&format!("cannot read {}: {e}", shown(path))));
                summary.add_unreadable_file();
                continue;
            }
        };
        // Started before the first check, so that a lock that cannot be taken stops
        // the run with its reason and fix, instead of every step going undecided.
        if let Err(why) = Engine::start() {
            progress.finish();
            warn(&why.to_string());
            return Ok(ExitStatus::Error);
        }
        let report = check_source(SourceFile::new(path.clone(), text), &settings.check);
        let options = Options {
            strict: settings.strict,
            ..config.report
        };
        summary.add_file(report.status_under(options.strict), report.tally());
        if step_summary_path.is_some() {
            step_summary.file(&report, &options);
        }
        for line in plotting.iter().flat_map(|p| p.files(&report)) {
            progress.suspend(|| warn(&line));
        }
        let rendered = renderer.file(&report, &options);
        progress.suspend(|| out.write(&rendered))?;
    }
    progress.finish();
    summary.elapsed = started.elapsed();
    out.write(&renderer.end(&summary))?;
    out.finish()?;
    if let Some(path) = step_summary_path {
        write_step_summary(std::path::Path::new(&path), &step_summary.finish(&summary));
    }
    Ok(summary.status())
}

/// What is said once of a `verify.toml` read for the first time: the per-run keys it
/// sets to no effect (on stderr), a file that does not read (on stderr), and the
/// report on its shared declarations when they have errors (returned, to be written
/// with the reports, and counted as a file with errors).
fn say_once(
    governed: &Governed,
    renderer: &mut dyn render::RunRenderer,
    config: &Config,
    summary: &mut RunSummary,
) -> String {
    for line in &governed.unused {
        warn(line);
    }
    match &governed.settings {
        Err(Broken::Settings(why)) => {
            warn(why);
            String::new()
        }
        Err(Broken::Declarations(report)) => {
            summary.add_file(report.status(), report.tally());
            renderer.file(report, &config.report)
        }
        Ok(_) => String::new(),
    }
}

/// The line on stderr that names the `.txt` files a walk passed over (at most five).
fn passed_over_line(paths: &[PathBuf]) -> String {
    let mut names: Vec<String> = paths.iter().take(5).map(|p| shown(p)).collect();
    if paths.len() > 5 {
        names.push(format!("and {} more", paths.len() - 5));
    }
    format!(
        "passed over {} .txt file{} whose first line is not a derivation's: {} (name a file on the command line, without --force-exclude, to check it anyway)",
        paths.len(),
        if paths.len() == 1 { "" } else { "s" },
        names.join(", ")
    )
}

/// Append the job summary to `$GITHUB_STEP_SUMMARY`. A summary that cannot be
/// written is said on stderr, and changes nothing else: the report and the exit
/// status are the check's.
fn write_step_summary(path: &std::path::Path, markdown: &str) {
    let written = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .and_then(|mut file| file.write_all(markdown.as_bytes()));
    if let Err(e) = written {
        warn(&format!(
            "cannot write the job summary to {} ($GITHUB_STEP_SUMMARY): {e}",
            shown(path)
        ));
    }
}

/// Write `verify: {message}` to stderr. A stderr that cannot be written (a full disk)
/// is ignored: it must neither stop a run nor change its status.
pub fn warn(message: &str) {
    let _ = writeln!(std::io::stderr(), "verify: {message}");
}

/// A path as it may be shown on a terminal or in a log.
fn shown(path: &std::path::Path) -> String {
    escape::human(&path.display().to_string()).into_owned()
}

mod output;
use output::{Progress, Stdout};

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(terminal: bool, vars: &[(&str, &str)]) -> bool {
        colour(ColorChoice::Auto, terminal, |name| {
            vars.iter()
                .find(|(n, v)| *n == name && !v.is_empty())
                .map(|(_, v)| (*v).into())
        })
    }

    #[test]
    fn colour_follows_no_color_then_clicolor_force_then_the_terminal() {
        assert!(auto(true, &[]));
        assert!(!auto(false, &[]));
        assert!(auto(false, &[("CLICOLOR_FORCE", "1")]));
        assert!(!auto(false, &[("CLICOLOR_FORCE", "0")]));
        assert!(!auto(false, &[("CLICOLOR_FORCE", "")]));
        assert!(!auto(true, &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]));
        assert!(auto(true, &[("NO_COLOR", "")]));
        assert!(!auto(true, &[("CLICOLOR", "0")]));
        assert!(colour(ColorChoice::Always, false, |_| Some("1".into())));
        assert!(!colour(ColorChoice::Never, true, |_| None));
    }

    #[test]
    fn the_arguments_are_consistent() {
        use clap::CommandFactory;
        Args::command().debug_assert();
    }
}
