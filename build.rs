//! Build-time facts for `verify --version`: the git commit the binary was built from
//! and the version of the engine library in `Cargo.lock`, since a verdict depends on
//! both. A build outside a git checkout (a source archive) says `unknown`, unless
//! `VERIFY_COMMIT` is set in the build's environment.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=VERIFY_COMMIT");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let commit = std::env::var("VERIFY_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(git_commit)
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=VERIFY_COMMIT={commit}");
    let symbolica = std::fs::read_to_string("Cargo.lock")
        .ok()
        .and_then(|lock| locked_version(&lock, "symbolica"))
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=VERIFY_SYMBOLICA_VERSION={symbolica}");
}

/// The short hash of `HEAD`, and the files whose change means a new one (`HEAD`
/// itself, the branch's ref, packed refs), so the build script reruns on a commit.
fn git_commit() -> Option<String> {
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git").args(args).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    let commit = git(&["rev-parse", "--short=12", "HEAD"])?;
    for name in ["HEAD", "packed-refs"] {
        if let Some(path) = git(&["rev-parse", "--git-path", name]) {
            rerun_if_changed(&path);
        }
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        if let Some(path) = git(&["rev-parse", "--git-path", &branch]) {
            rerun_if_changed(&path);
        }
    }
    Some(commit)
}

fn rerun_if_changed(path: &str) {
    if Path::new(path).exists() {
        println!("cargo:rerun-if-changed={path}");
    }
}

/// The version of package `name` in a `Cargo.lock`: the `version` line after its
/// `name` line.
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let mut lines = lock.lines();
    lines.find(|line| line.trim() == format!("name = \"{name}\""))?;
    let version = lines.next()?.trim().strip_prefix("version = \"")?;
    Some(version.trim_end_matches('"').to_string())
}
