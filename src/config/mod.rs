//! `verify.toml`: the settings a notes repository keeps next to its notes, so that the
//! command line, the pre-commit hook and CI run the same check.
//!
//! Each checked file is governed by the closest `verify.toml` in its folder or a folder
//! above it, as ruff finds its configuration ([`discovery`]); `--config FILE` names one
//! file for every checked file, `--no-config` reads none. Every key but `declarations`
//! is a flag of the command line, and a flag given on the command line wins over the
//! file:
//!
//! ```toml
//! exclude = ["drafts/"]          # --exclude, each (relative to this file's folder)
//! glob = ["notes/**"]            # --glob, each (relative to this file's folder)
//! strict = true                  # --strict
//! families = ["algebra", "log-exp"]
//! extensions = ["md", "tex"]      # what a walk takes (all it reads by default)
//! # shared declarations (see `declarations`)
//! declarations = '''
//! assume \sigma > 0
//! '''
//! allow-nothing-checked = true   # --allow-nothing-checked   (per run)
//! force-exclude = true           # --force-exclude           (per run)
//! format = "concise"             # --format                  (per run)
//!
//! [limits]                       # --max-*
//! max-step-seconds = 5
//! ```
//!
//! [`Scope`] says which keys are per file (what a file is checked with, and whether a
//! walk takes it) and which per run (how the whole run is reported and judged: read
//! from the run's own `verify.toml`, the one found from the current folder, or
//! `--config`). A per-run key in a nested file has no effect and is said to have none.
//! The closest file wins whole, as in ruff: nested files are not merged with the
//! files above them. An unknown key, a wrong type or an unknown value is an error
//! naming the file, line and column (exit 2): a setting that is silently not applied
//! would be a check that is silently not the one asked for.

pub mod declarations;
pub mod discovery;

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use serde::Deserialize;

use crate::cli::{Args, FamilyArg, Format};

/// The name of the file.
pub const FILE_NAME: &str = "verify.toml";

/// The settings of a `verify.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileConfig {
    /// As `--exclude`, each.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// As `--glob`, each.
    #[serde(default)]
    pub glob: Vec<String>,
    /// As `--strict`.
    pub strict: Option<bool>,
    /// As `--allow-nothing-checked`.
    pub allow_nothing_checked: Option<bool>,
    /// As `--force-exclude`.
    pub force_exclude: Option<bool>,
    /// As `--format`.
    pub format: Option<String>,
    /// As `--families`.
    pub families: Option<Vec<String>>,
    /// As the `--max-*` flags.
    pub limits: Option<LimitsConfig>,
    /// Shared declarations, put before every governed file's own.
    pub declarations: Option<declarations::Written>,
    /// The extensions a folder walk takes below this file's folder, among those
    /// `verify` reads (all of them by default).
    pub extensions: Option<Vec<Extension>>,
}

/// An extension a folder walk may take: one of [`crate::inputs::EXTENSIONS`]; an
/// unknown one is an error with its line and column, as TOML's reader says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Extension {
    /// Markdown.
    Md,
    /// Markdown.
    Markdown,
    /// LaTeX.
    Tex,
    /// Jupyter notebooks.
    Ipynb,
    /// Derivation files (those that are derivations, see `inputs::is_derivation`).
    Txt,
}

impl Extension {
    /// The extension, as a file name ends in it.
    pub fn name(self) -> &'static str {
        match self {
            Extension::Md => "md",
            Extension::Markdown => "markdown",
            Extension::Tex => "tex",
            Extension::Ipynb => "ipynb",
            Extension::Txt => "txt",
        }
    }
}

/// Where a `verify.toml` is read: as the run's own (every key), or as a nested file
/// that governs the files below it (the per-file keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The run's file: found from the current folder, or `--config`.
    Run,
    /// A file closer to the checked files than the run's.
    File,
}

/// The keys that apply to a whole run, not to one file.
pub const PER_RUN_KEYS: &[&str] = &["format", "allow-nothing-checked", "force-exclude"];

/// The `[limits]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LimitsConfig {
    /// As `--max-exponent`.
    pub max_exponent: Option<u32>,
    /// As `--max-power-of-sum`.
    pub max_power_of_sum: Option<u32>,
    /// As `--max-terms`.
    pub max_terms: Option<u64>,
    /// As `--max-nodes`.
    pub max_nodes: Option<usize>,
    /// As `--max-step-seconds`.
    pub max_step_seconds: Option<f64>,
}

/// The closest `verify.toml` in `start` or a folder above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// A `verify.toml` read: its settings and its text (for the positions of its
/// shared declarations).
#[derive(Debug)]
pub struct Loaded {
    /// The settings.
    pub config: FileConfig,
    /// The file's text.
    pub text: String,
}

/// Read and parse the file at `path`; an error says where and what.
pub fn load(path: &Path) -> Result<Loaded, String> {
    let text =
        crate::inputs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let config = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Loaded { config, text })
}

impl FileConfig {
    /// Apply the settings to `args`, except where `on_command_line(id)` says the
    /// flag with clap id `id` was given there. `exclude`, `glob` and `declarations` are
    /// not flags here: they are relative to the file's folder, and go with the file
    /// ([`discovery`]). In a nested file ([`Scope::File`]) the per-run keys are not
    /// applied; the lines returned say so.
    pub fn apply(
        &self,
        args: &mut Args,
        path: &Path,
        scope: Scope,
        on_command_line: impl Fn(&str) -> bool,
    ) -> Result<Vec<String>, String> {
        let mut unused = Vec::new();
        let run_keys = [
            ("format", self.format.is_some()),
            (
                "allow-nothing-checked",
                self.allow_nothing_checked.is_some(),
            ),
            ("force-exclude", self.force_exclude.is_some()),
        ];
        if scope == Scope::File {
            for (key, _) in run_keys.iter().filter(|(_, set)| *set) {
                unused.push(format!(
                    "{}: `{key}` applies to a whole run, so it is read only from the run's verify.toml (found from the current folder, or --config); here it has no effect",
                    path.display()
                ));
            }
        }
        let run = scope == Scope::Run;
        let bad = |key: &str, value: &str, possible: &str| {
            format!(
                "{}: `{key} = \"{value}\"` is not one of {possible}",
                path.display()
            )
        };
        if let Some(strict) = self.strict.filter(|_| !on_command_line("strict")) {
            args.strict = strict;
        }
        if let Some(allow) = self
            .allow_nothing_checked
            .filter(|_| run && !on_command_line("allow_nothing_checked"))
        {
            args.allow_nothing_checked = allow;
        }
        if let Some(force) = self
            .force_exclude
            .filter(|_| run && !on_command_line("force_exclude"))
        {
            args.force_exclude = force;
        }
        if let Some(format) = &self.format {
            let parsed = Format::from_str(format, false)
                .map_err(|_| bad("format", format, &possible::<Format>()))?;
            if run && !on_command_line("format") {
                args.format = parsed;
            }
        }
        if let Some(families) = self
            .families
            .as_ref()
            .filter(|_| !on_command_line("families"))
        {
            let parsed: Result<Vec<FamilyArg>, String> = families
                .iter()
                .map(|f| {
                    FamilyArg::from_str(f, false)
                        .map_err(|_| bad("families", f, &possible::<FamilyArg>()))
                })
                .collect();
            args.families = Some(parsed?);
        }
        if let Some(limits) = &self.limits {
            let l = &mut args.limits;
            set(
                &mut l.max_exponent,
                limits.max_exponent,
                on_command_line("max_exponent"),
            );
            set(
                &mut l.max_power_of_sum,
                limits.max_power_of_sum,
                on_command_line("max_power_of_sum"),
            );
            set(
                &mut l.max_terms,
                limits.max_terms,
                on_command_line("max_terms"),
            );
            set(
                &mut l.max_nodes,
                limits.max_nodes,
                on_command_line("max_nodes"),
            );
            if let Some(seconds) = limits.max_step_seconds {
                if !(seconds.is_finite() && seconds > 0.0 && seconds <= 86_400.0) {
                    return Err(format!(
                        "{}: `max-step-seconds = {seconds}` is not a number of seconds between 0 and 86400",
                        path.display()
                    ));
                }
            }
            set(
                &mut l.max_step_seconds,
                limits.max_step_seconds,
                on_command_line("max_step_seconds"),
            );
        }
        Ok(unused)
    }
}

fn set<T>(field: &mut T, value: Option<T>, on_command_line: bool) {
    if let Some(value) = value.filter(|_| !on_command_line) {
        *field = value;
    }
}

/// The values of a clap value enum, for an error message: `` `human`, `json` ``.
fn possible<T: ValueEnum>() -> String {
    T::value_variants()
        .iter()
        .filter_map(|v| v.to_possible_value())
        .map(|v| format!("`{}`", v.get_name()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn apply(toml: &str, cli: &[&str]) -> Result<Args, String> {
        let mut argv = vec!["verify"];
        argv.extend_from_slice(cli);
        argv.push("notes/");
        let mut args = Args::parse_from(&argv);
        let config: FileConfig = toml::from_str(toml).map_err(|e| e.to_string())?;
        let given: Vec<String> = cli
            .iter()
            .filter_map(|a| a.strip_prefix("--"))
            .map(|a| a.replace('-', "_"))
            .collect();
        config.apply(&mut args, Path::new("verify.toml"), Scope::Run, |id| {
            given.iter().any(|g| g == id)
        })?;
        Ok(args)
    }

    #[test]
    fn every_key_sets_its_flag() {
        let args = apply(
            "exclude = [\"drafts/\"]\nglob = [\"notes/**\"]\nstrict = true\n\
             allow-nothing-checked = true\nforce-exclude = true\nformat = \"concise\"\n\
             families = [\"algebra\", \"log-exp\"]\n[limits]\nmax-step-seconds = 5\nmax-terms = 10\n",
            &[],
        )
        .unwrap();
        // Globs are the file's, relative to its folder, not the command line's.
        assert!(args.exclude.is_empty() && args.glob.is_empty());
        assert!(args.strict && args.allow_nothing_checked && args.force_exclude);
        assert_eq!(args.format, Format::Concise);
        assert_eq!(args.families.unwrap().len(), 2);
        assert_eq!(args.limits.max_step_seconds, 5.0);
        assert_eq!(args.limits.max_terms, 10);
    }

    #[test]
    fn the_command_line_wins_and_its_globs_come_last() {
        let args = apply(
            "format = \"json\"\nexclude = [\"a/\"]\n[limits]\nmax-terms = 10\n",
            &["--format", "sarif", "--exclude", "b/", "--max-terms", "7"],
        )
        .unwrap();
        assert_eq!(args.format, Format::Sarif);
        assert_eq!(args.exclude, ["b/"]);
        assert_eq!(args.limits.max_terms, 7);
    }

    #[test]
    fn mistakes_are_errors_that_say_where() {
        let unknown = apply("strikt = true\n", &[]).unwrap_err();
        assert!(
            unknown.contains("strikt") && unknown.contains("line 1"),
            "{unknown}"
        );
        let format = apply("format = \"xml\"\n", &[]).unwrap_err();
        assert!(
            format.contains("`format = \"xml\"` is not one of `human`"),
            "{format}"
        );
        let family = apply("families = [\"calculus\"]\n", &[]).unwrap_err();
        assert!(family.contains("calculus"), "{family}");
        let seconds = apply("[limits]\nmax-step-seconds = -1\n", &[]).unwrap_err();
        assert!(seconds.contains("between 0 and 86400"), "{seconds}");
        let typed = apply("strict = \"yes\"\n", &[]).unwrap_err();
        assert!(typed.contains("line 1"), "{typed}");
    }

    #[test]
    fn a_nested_file_gives_its_per_file_keys_and_says_the_per_run_ones_do_nothing() {
        let mut args = Args::parse_from(["verify", "notes/"]);
        let config: FileConfig =
            toml::from_str("strict = true\nformat = \"json\"\nallow-nothing-checked = true\n")
                .unwrap();
        let unused = config
            .apply(&mut args, Path::new("sub/verify.toml"), Scope::File, |_| {
                false
            })
            .unwrap();
        assert!(args.strict);
        assert_eq!(args.format, Format::Human);
        assert!(!args.allow_nothing_checked);
        assert_eq!(unused.len(), 2, "{unused:?}");
        assert!(unused[0].starts_with("sub/verify.toml: `format` applies to a whole run"));
        // A per-run value is still checked, so a typo is not silently ignored.
        let typo: FileConfig = toml::from_str("format = \"jsno\"\n").unwrap();
        assert!(typo
            .apply(&mut args, Path::new("sub/verify.toml"), Scope::File, |_| {
                false
            })
            .is_err());
    }

    #[test]
    fn the_closest_file_upward_is_found() {
        let root = std::env::temp_dir().join(format!("verify-config-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join(FILE_NAME), "").unwrap();
        std::fs::write(root.join("a").join(FILE_NAME), "").unwrap();
        let found = find(&root.join("a/b")).unwrap();
        assert!(found.ends_with("a/verify.toml"), "{found:?}");
        let found = find(&root).unwrap();
        assert_eq!(
            found.parent().unwrap(),
            std::fs::canonicalize(&root).unwrap()
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
