//! `--watch`: check, then check again whenever an input changes, until interrupted.
//!
//! The platform's file events come from `notify` (inotify, FSEvents, …). A named file
//! is watched through its folder, so an editor that saves by writing a new file and
//! renaming it over the old one is still seen. Events are debounced — the run starts
//! once no event has come for [`QUIET`], or [`MOST_WAIT`] after the first, whichever is
//! sooner — so a burst of saves is one run, and a stream of them still runs. Each run
//! is the ordinary [`cli::run`](crate::cli::run) in the same process: the engine thread
//! (and its lock) stays up between runs, so a change costs only its own check.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::cli::{run, warn, Config};
use crate::report::ExitStatus;

/// A run starts once no event has come for this long.
pub const QUIET: Duration = Duration::from_millis(250);

/// … or this long after the first event of a burst, whichever is sooner.
pub const MOST_WAIT: Duration = Duration::from_secs(2);

/// Extensions a change to which, below a watched folder, starts a run: the ones a
/// folder walk checks.
const CHECKED: [&str; 5] = ["md", "markdown", "tex", "ipynb", "txt"];

/// Runs `config` now and after every change, until the watcher stops (it does not on
/// its own: the process is interrupted). Returns the last run's status.
pub fn watch(config: &Config) -> anyhow::Result<ExitStatus> {
    if config.paths.iter().any(|p| p.as_path() == Path::new("-")) {
        anyhow::bail!("--watch cannot watch stdin (`-`): name the files");
    }
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .context("starting to watch for changes")?;
    let mut targets = Targets::default();
    for path in &config.paths {
        if path.is_dir() {
            watcher
                .watch(path, RecursiveMode::Recursive)
                .with_context(|| format!("watching {}", path.display()))?;
            targets.folders.push(absolute(path));
        } else {
            let folder = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            watcher
                .watch(&folder, RecursiveMode::NonRecursive)
                .with_context(|| format!("watching {}", folder.display()))?;
            targets.files.push((absolute(path), path.clone()));
        }
    }
    let mut status = run(config)?;
    loop {
        let Ok(event) = rx.recv() else {
            return Ok(status);
        };
        let Some(changed) = event.ok().and_then(|e| targets.relevant(&e)) else {
            continue;
        };
        let first = Instant::now();
        loop {
            match rx.recv_timeout(QUIET) {
                Ok(_) if first.elapsed() < MOST_WAIT => {}
                Ok(_) | Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return Ok(status),
            }
        }
        warn(&format!(
            "{} changed; checking again",
            crate::report::escape::human(&changed.display().to_string())
        ));
        status = run(config)?;
    }
}

/// What is watched: the files named (absolute, and as named), and the folders named.
#[derive(Debug, Default)]
struct Targets {
    files: Vec<(PathBuf, PathBuf)>,
    folders: Vec<PathBuf>,
}

impl Targets {
    /// The path of `event` that should start a run, if any, as the user named it: a
    /// change to a named file, or to a file a folder walk would check below a named
    /// folder, or to a `verify.toml` that may govern them.
    fn relevant(&self, event: &notify::Event) -> Option<PathBuf> {
        let changes = matches!(
            event.kind,
            EventKind::Create(_)
                | EventKind::Modify(_)
                | EventKind::Remove(_)
                | EventKind::Access(AccessKind::Close(AccessMode::Write))
        );
        if !changes {
            return None;
        }
        event.paths.iter().find_map(|p| {
            let p = absolute(p);
            if let Some((_, named)) = self.files.iter().find(|(a, _)| *a == p) {
                return Some(named.clone());
            }
            // A `verify.toml` beside a named file or below a named folder changes
            // what its files are checked with (each run reads it again).
            if p.file_name() == Some(std::ffi::OsStr::new(crate::config::FILE_NAME)) {
                let beside = self.files.iter().any(|(a, _)| a.parent() == p.parent());
                let below = self.folders.iter().any(|f| p.starts_with(f));
                return (beside || below).then_some(p);
            }
            let checked = p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| CHECKED.contains(&e));
            (checked && self.folders.iter().any(|f| p.starts_with(f))).then_some(p)
        })
    }
}

/// `path` made absolute through its folder (the file itself may be gone: a save by
/// rename removes it for a moment).
fn absolute(path: &Path) -> PathBuf {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let folder = folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf());
    match path.file_name() {
        Some(name) => folder.join(name),
        None => folder,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind};

    #[test]
    fn only_changes_to_what_is_checked_start_a_run() {
        let dir = std::env::temp_dir();
        let targets = Targets {
            files: vec![(absolute(&dir.join("a.txt")), "a.txt".into())],
            folders: vec![absolute(&dir.join("notes"))],
        };
        let event = |kind, path: PathBuf| notify::Event::new(kind).add_path(path);
        let modify = EventKind::Modify(ModifyKind::Any);
        assert_eq!(
            targets.relevant(&event(modify, dir.join("a.txt"))),
            Some("a.txt".into()),
            "named as the user named it"
        );
        assert!(targets
            .relevant(&event(modify, dir.join("b.txt")))
            .is_none());
        let created = EventKind::Create(CreateKind::File);
        assert!(targets
            .relevant(&event(created, dir.join("notes").join("c.md")))
            .is_some());
        assert!(targets
            .relevant(&event(created, dir.join("notes").join("plot.svg")))
            .is_none());
        let read = EventKind::Access(AccessKind::Read);
        assert!(targets.relevant(&event(read, dir.join("a.txt"))).is_none());
        // A `verify.toml` that governs what is watched starts a run too.
        for config in [dir.join("verify.toml"), dir.join("notes/sub/verify.toml")] {
            assert!(targets.relevant(&event(modify, config)).is_some());
        }
        assert!(targets
            .relevant(&event(modify, dir.join("elsewhere/verify.toml")))
            .is_none());
    }
}
