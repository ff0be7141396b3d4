//! The pre-commit hook, run by a real `pre-commit` on a scratch notes repository: the
//! `verify-system` hook of this repository's `.pre-commit-hooks.yaml` (through
//! `pre-commit try-repo`, which takes the working tree as it is) against the `verify`
//! just built, for a clean commit, a wrong note, and a commit of prose and
//! `requirements.txt` only.
//!
//! `pre-commit` comes from PyPI: `.ci/run` installs it and sets `VERIFY_PRE_COMMIT` to
//! it; otherwise the one on `PATH` is used. Without either the test says so and
//! passes, except under CI (`CI` set), where a missing `pre-commit` fails it. This test
//! binary never starts the engine itself (the binaries it runs wait for its lock).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{root, scratch};

fn pre_commit() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("VERIFY_PRE_COMMIT").filter(|p| !p.is_empty()) {
        return Some(path.into());
    }
    let found = Command::new("pre-commit").arg("--version").output();
    found
        .is_ok_and(|o| o.status.success())
        .then(|| "pre-commit".into())
}

fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(repo)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// A scratch git repository holding `files`, all staged.
fn notes_repository(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let repo = scratch(&format!("pre-commit-{name}"));
    git(&repo, &["init", "-q", "-b", "main"]);
    for (path, text) in files {
        let path = repo.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    git(&repo, &["add", "."]);
    repo
}

/// `pre-commit try-repo <this repository> verify-system` in `repo`, with the built
/// `verify` first on `PATH`.
fn run_hook(pre_commit: &Path, repo: &Path) -> Output {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_verify"));
    let path = std::env::join_paths(std::iter::once(bin.parent().unwrap().to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    Command::new(pre_commit)
        .args([
            "try-repo",
            root().to_str().unwrap(),
            "verify-system",
            "--color",
            "never",
        ])
        .current_dir(repo)
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", repo.join(".pre-commit-home"))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("SYMBOLICA_HIDE_BANNER", "1")
        .env_remove("NO_COLOR")
        .output()
        .expect("pre-commit runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

const CLEAN: &str = "# Squares\n\n$$\n(a + b)^2 = a^2 + 2ab + b^2\n$$\n";
const WRONG: &str = "# Squares\n\n$$\n(a + b)^2 = a^2 + ab + b^2\n$$\n";

#[test]
fn the_hook_passes_a_clean_commit_and_fails_a_wrong_step() {
    let Some(pre_commit) = pre_commit() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "pre-commit is not installed (.ci/run installs it and sets VERIFY_PRE_COMMIT)"
        );
        eprintln!("skipped: pre-commit is not installed (pip install pre-commit)");
        return;
    };

    let clean = notes_repository(
        "clean",
        &[
            ("notes/squares.md", CLEAN),
            ("steps.txt", "let f(x) = x^2\nf(3) = 9\n"),
            ("requirements.txt", "numpy==1.26\npandas~=2.0\n"),
        ],
    );
    let output = run_hook(&pre_commit, &clean);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(
        said.contains("verify derivations (installed verify)"),
        "{said}"
    );
    assert!(said.contains("Passed"), "{said}");

    let wrong = notes_repository("wrong", &[("notes/squares.md", WRONG)]);
    let output = run_hook(&pre_commit, &wrong);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("Failed"), "{said}");
    assert!(said.contains("- exit code: 1"), "{said}");
    assert!(
        said.contains("error[wrong-step]: step 2 does not follow from step 1"),
        "{said}"
    );
    assert!(said.contains("notes/squares.md:4:"), "{said}");

    // Prose and requirements only: nothing to check, and the commit is not blocked.
    let prose = notes_repository(
        "prose",
        &[
            ("README.md", "# Notes\n\nNothing to derive here.\n"),
            ("requirements.txt", "numpy==1.26\n"),
        ],
    );
    let output = run_hook(&pre_commit, &prose);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(said.contains("Passed"), "{said}");
}
