//! Which `verify.toml` governs each checked file, and the settings it gives the file.
//!
//! As ruff does: the closest `verify.toml` in the file's folder or a folder above it
//! (stdin: the folder of `--stdin-filename`, else the current one); with `--config
//! FILE`, that file for every file; with `--no-config`, none. A file that no
//! `verify.toml` is above is governed by the run's own (the one found from the current
//! folder), so `verify ../elsewhere/a.md` is checked as the run is configured.
//!
//! A governing file gives the per-file keys ([`super::Scope`]): what the file is
//! checked with (families, limits, `strict`, shared declarations) and whether a walk
//! takes it (`exclude` and `glob`, matched relative to the `verify.toml`'s folder). The
//! closest file wins whole; flags on the command line win over it. Each `verify.toml`
//! is read once per run ([`Resolver`] keeps what it read), so `--watch` sees an edited
//! one on its next run.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::FromArgMatches;

use super::{declarations, load, Scope, FILE_NAME};
use crate::check::CheckConfig;
use crate::cli::{Args, Config};
use crate::inputs::Globs;
use crate::report::FileReport;

/// How a run finds the `verify.toml` of each file: the command line's choice.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    mode: Mode,
    /// The command line as given: a nested `verify.toml`'s settings are applied to a
    /// fresh reading of it, so that its flags still win.
    matches: Option<clap::ArgMatches>,
}

#[derive(Debug, Clone, Default)]
enum Mode {
    /// `--no-config` (and a `Config` made without a command line): no file.
    #[default]
    None,
    /// `--config FILE`: this file for every checked file.
    Fixed(PathBuf),
    /// The closest file upward from each checked file; `run` is the one found from
    /// the current folder, for files that none is above.
    Upward { run: Option<PathBuf> },
}

impl Discovery {
    /// The discovery the command line asks for: `--no-config`, `--config FILE`, or
    /// upward from each file.
    pub fn of_command_line(args: &Args, matches: &clap::ArgMatches) -> Discovery {
        let mode = match (&args.config, args.no_config) {
            (_, true) => Mode::None,
            (Some(path), false) => Mode::Fixed(path.clone()),
            (None, false) => Mode::Upward {
                run: super::find(Path::new(".")),
            },
        };
        Discovery {
            mode,
            matches: Some(matches.clone()),
        }
    }

    /// The run's own `verify.toml`, whose every key applies (per-run keys too).
    pub fn run_file(&self) -> Option<&Path> {
        match &self.mode {
            Mode::None => None,
            Mode::Fixed(path) => Some(path),
            Mode::Upward { run } => run.as_deref(),
        }
    }
}

/// What a file is checked with.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The `verify.toml` that governs it, if one does.
    pub file: Option<PathBuf>,
    /// What the checker may use, the shared declarations with it.
    pub check: CheckConfig,
    /// `strict`.
    pub strict: bool,
    /// Its `exclude` and `glob`, and the folder they are relative to.
    globs: Option<(PathBuf, Globs)>,
    /// Its `extensions`: what a walk takes (`None`: all that `verify` reads).
    extensions: Option<Vec<super::Extension>>,
}

impl Settings {
    /// Whether the governing file's `exclude` and `glob` leave `path` out of a walk.
    pub fn leaves_out(&self, path: &Path) -> bool {
        if let Some(extensions) = &self.extensions {
            let extension = path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            if !extensions
                .iter()
                .any(|e| extension.as_deref() == Some(e.name()))
            {
                return true;
            }
        }
        let Some((root, globs)) = &self.globs else {
            return false;
        };
        let absolute = absolute(path);
        match absolute.strip_prefix(root) {
            Ok(relative) => globs.leave_out(relative),
            // Outside the folder the globs are about (a file no `verify.toml` is
            // above, governed by the run's): they say nothing about it.
            Err(_) => false,
        }
    }
}

/// Why a file cannot be checked: its `verify.toml` does not read.
#[derive(Debug, Clone)]
pub enum Broken {
    /// The file's settings are wrong (a key, a type, a value): the message says where.
    Settings(String),
    /// Its shared declarations have errors: the report on the `verify.toml` itself.
    Declarations(Box<FileReport>),
}

/// The settings of every file of one run, each `verify.toml` read once.
pub struct Resolver<'a> {
    discovery: &'a Discovery,
    /// The run's settings, from the command line and the run's file.
    base: &'a Config,
    /// The `verify.toml` above each folder, by canonical folder.
    found: RefCell<HashMap<PathBuf, Option<PathBuf>>>,
    /// What each `verify.toml` gives, by canonical path, and the per-run keys it sets
    /// to no effect.
    read: RefCell<HashMap<PathBuf, Read>>,
    /// The `verify.toml`s whose problems have been said.
    said: RefCell<std::collections::HashSet<PathBuf>>,
}

type Read = (Result<Arc<Settings>, Broken>, Vec<String>);

/// What [`Resolver::settings`] found for one file.
pub struct Governed {
    /// The settings, or why there are none.
    pub settings: Result<Arc<Settings>, Broken>,
    /// The file that governs it, as shown (relative to the current folder when
    /// below it).
    pub file: Option<PathBuf>,
    /// Per-run keys set in a nested file, which have no effect there.
    pub unused: Vec<String>,
}

impl<'a> Resolver<'a> {
    /// A resolver for one run of `base`.
    pub fn new(discovery: &'a Discovery, base: &'a Config) -> Resolver<'a> {
        Resolver {
            discovery,
            base,
            found: RefCell::new(HashMap::new()),
            read: RefCell::new(HashMap::new()),
            said: RefCell::new(Default::default()),
        }
    }

    /// True the first time it is asked about the `verify.toml` governing `governed`:
    /// its problems, and the per-run keys it sets to no effect, are said once a run.
    pub fn first_time(&self, governed: &Governed) -> bool {
        governed
            .file
            .as_ref()
            .is_some_and(|file| self.said.borrow_mut().insert(file.clone()))
    }

    /// The settings of the file at `path` (for stdin, its `--stdin-filename` or `-`).
    pub fn settings(&self, path: &Path) -> Governed {
        let governing = match &self.discovery.mode {
            Mode::None => None,
            Mode::Fixed(file) => Some(canonical(file)),
            Mode::Upward { run } => self.closest(path).or_else(|| run.as_deref().map(canonical)),
        };
        let Some(file) = governing else {
            return Governed {
                settings: Ok(Arc::new(Settings {
                    file: None,
                    check: self.base.check.clone(),
                    strict: self.base.report.strict,
                    globs: None,
                    extensions: None,
                })),
                file: None,
                unused: Vec::new(),
            };
        };
        if let Some((settings, unused)) = self.read.borrow().get(&file) {
            return Governed {
                settings: settings.clone(),
                file: Some(shown(&file)),
                unused: unused.clone(),
            };
        }
        let is_run_file = self
            .discovery
            .run_file()
            .is_some_and(|run| canonical(run) == file);
        let (settings, unused) = self.read_file(&file, is_run_file);
        self.read
            .borrow_mut()
            .insert(file.clone(), (settings.clone(), unused.clone()));
        Governed {
            settings,
            file: Some(shown(&file)),
            unused,
        }
    }

    /// The closest `verify.toml` in the folder of `path` or above it.
    fn closest(&self, path: &Path) -> Option<PathBuf> {
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let folder = canonical(folder);
        if let Some(known) = self.found.borrow().get(&folder) {
            return known.clone();
        }
        let found = folder
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|candidate| candidate.is_file());
        self.found.borrow_mut().insert(folder, found.clone());
        found
    }

    /// Read `file`: as the run's own (its flags are in `base` already), or as a nested
    /// one, applied to a fresh reading of the command line.
    fn read_file(&self, file: &Path, is_run_file: bool) -> Read {
        let shown = shown(file);
        let file = shown.as_path();
        let loaded = match load(file) {
            Ok(loaded) => loaded,
            Err(e) => return (Err(Broken::Settings(e)), Vec::new()),
        };
        let mut unused = Vec::new();
        let (check, strict) = match (is_run_file, &self.discovery.matches) {
            (false, Some(matches)) => {
                let mut args = match Args::from_arg_matches(matches) {
                    Ok(args) => args,
                    Err(e) => return (Err(Broken::Settings(e.to_string())), Vec::new()),
                };
                let on_command_line = |id: &str| {
                    matches!(
                        matches.value_source(id),
                        Some(clap::parser::ValueSource::CommandLine)
                    )
                };
                match loaded
                    .config
                    .apply(&mut args, file, Scope::File, on_command_line)
                {
                    Ok(lines) => unused = lines,
                    Err(e) => return (Err(Broken::Settings(e)), Vec::new()),
                }
                let config = Config::from_args(args);
                (config.check, config.report.strict)
            }
            _ => (self.base.check.clone(), self.base.report.strict),
        };
        let globs = match Globs::new(&loaded.config.glob, &loaded.config.exclude) {
            Ok(globs) => globs,
            Err(e) => {
                return (
                    Err(Broken::Settings(format!("{}: {e}", file.display()))),
                    unused,
                )
            }
        };
        let shared = match &loaded.config.declarations {
            None => None,
            Some(written) => match declarations::read(file, &loaded.text, written) {
                Ok(shared) => shared,
                Err(report) => return (Err(Broken::Declarations(report)), unused),
            },
        };
        let root = canonical(file)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let settings = Settings {
            file: Some(file.to_path_buf()),
            check: CheckConfig { shared, ..check },
            strict,
            globs: Some((root, globs)),
            extensions: loaded.config.extensions.clone(),
        };
        (Ok(Arc::new(settings)), unused)
    }
}

/// What an editor's document at `path` is checked with: the settings of the closest
/// `verify.toml` above it (its families, limits and shared declarations), as `verify
/// PATH` run there would check it; `Ok(None)` when none is above it. A `verify.toml`
/// that does not read is the error, said as the command line says it.
pub fn for_editor(path: &Path) -> Result<Option<CheckConfig>, String> {
    use clap::CommandFactory;
    let argv = ["verify", "."];
    let matches = Args::command()
        .try_get_matches_from(argv)
        .map_err(|e| e.to_string())?;
    let args = Args::from_arg_matches(&matches).map_err(|e| e.to_string())?;
    let base = Config::from_args(args);
    let discovery = Discovery {
        mode: Mode::Upward { run: None },
        matches: Some(matches),
    };
    let resolver = Resolver::new(&discovery, &base);
    let governed = resolver.settings(path);
    let file = governed.file.clone();
    match governed.settings {
        Ok(_) if file.is_none() => Ok(None),
        Ok(settings) => Ok(Some(settings.check.clone())),
        Err(Broken::Settings(why)) => Err(why),
        Err(Broken::Declarations(report)) => {
            let options = crate::report::Options::default();
            let lines = crate::report::concise::render(&report, &options);
            Err(format!(
                "the shared declarations of {} have errors: {}",
                file.unwrap_or_default().display(),
                lines.lines().next().unwrap_or_default()
            ))
        }
    }
}

/// A `verify.toml`'s path as the user would type it: relative to the current folder
/// when below it.
fn shown(file: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            file.strip_prefix(canonical(&cwd))
                .ok()
                .map(Path::to_path_buf)
        })
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| file.to_path_buf())
}

/// `path` with symbolic links resolved where it exists, else made absolute.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| absolute(path))
}

/// `path` absolute, its folder's symbolic links resolved (the file itself is not
/// followed: a walk does not follow links either).
fn absolute(path: &Path) -> PathBuf {
    let made = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (made.parent(), made.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .map(|p| p.join(name))
            .unwrap_or(made),
        _ => made,
    }
}
