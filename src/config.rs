//! `verify.toml`: the settings a notes repository keeps next to its notes, so that the
//! command line, the pre-commit hook and CI run the same check.
//!
//! The file is found upward from the current folder (the closest `verify.toml` wins;
//! the search stops at the file system's root), or named with `--config`, or ignored
//! with `--no-config`. Every key is a flag of the command line, and a flag given on the
//! command line wins over the file:
//!
//! ```toml
//! exclude = ["drafts/"]          # --exclude, each
//! glob = ["notes/**"]            # --glob, each
//! strict = true                  # --strict
//! allow-nothing-checked = true   # --allow-nothing-checked
//! format = "concise"             # --format
//! families = ["algebra", "log-exp"]
//!
//! [limits]                       # --max-*
//! max-step-seconds = 5
//! ```
//!
//! Globs from the file come before those of the command line (the last match wins, so
//! the command line has the last word). An unknown key, a wrong type or an unknown
//! value is an error naming the file, line and column (exit 2): a setting that is
//! silently not applied would be a check that is silently not the one asked for.

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
}

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

/// Read and parse the file at `path`; an error says where and what.
pub fn load(path: &Path) -> Result<FileConfig, String> {
    let text =
        crate::inputs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

impl FileConfig {
    /// Apply the settings to `args`, except where `on_command_line(id)` says the
    /// flag with clap id `id` was given there.
    pub fn apply(
        self,
        args: &mut Args,
        path: &Path,
        on_command_line: impl Fn(&str) -> bool,
    ) -> Result<(), String> {
        let bad = |key: &str, value: &str, possible: &str| {
            format!(
                "{}: `{key} = \"{value}\"` is not one of {possible}",
                path.display()
            )
        };
        args.glob.splice(0..0, self.glob);
        args.exclude.splice(0..0, self.exclude);
        if let Some(strict) = self.strict.filter(|_| !on_command_line("strict")) {
            args.strict = strict;
        }
        if let Some(allow) = self
            .allow_nothing_checked
            .filter(|_| !on_command_line("allow_nothing_checked"))
        {
            args.allow_nothing_checked = allow;
        }
        if let Some(force) = self
            .force_exclude
            .filter(|_| !on_command_line("force_exclude"))
        {
            args.force_exclude = force;
        }
        if let Some(format) = self.format.filter(|_| !on_command_line("format")) {
            args.format = Format::from_str(&format, false)
                .map_err(|_| bad("format", &format, &possible::<Format>()))?;
        }
        if let Some(families) = self.families.filter(|_| !on_command_line("families")) {
            let parsed: Result<Vec<FamilyArg>, String> = families
                .iter()
                .map(|f| {
                    FamilyArg::from_str(f, false)
                        .map_err(|_| bad("families", f, &possible::<FamilyArg>()))
                })
                .collect();
            args.families = Some(parsed?);
        }
        if let Some(limits) = self.limits {
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
        Ok(())
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
        config.apply(&mut args, Path::new("verify.toml"), |id| {
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
        assert_eq!(args.exclude, ["drafts/"]);
        assert_eq!(args.glob, ["notes/**"]);
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
        assert_eq!(args.exclude, ["a/", "b/"]);
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
