//! The engine lock, from outside: it is keyed where Symbolica's own instance lock is
//! (`$XDG_CACHE_HOME`, else `$HOME/.cache`), so runs that differ in anything else wait
//! for each other instead of being killed; and a lock that cannot be had safely stops
//! the run with exit 2 and the fix, at once, before Symbolica starts.
//!
//! Every test here that lets Symbolica start uses the user's real cache directory, so
//! it meets Symbolica's own lock (and every other `verify` of this user) as a run would.
//! The refusals use a cache directory of their own; they stop before Symbolica starts.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use common::{output_within, scratch, verify};

const FIX: &str = "set XDG_CACHE_HOME to a writable directory of your own";
const FIXTURE: &str = "tests/fixtures/check/verified/gaussian_moments.txt";

/// `verify FIXTURE` with `XDG_CACHE_HOME` set to `cache`, within 20 s.
fn with_cache(cache: &Path) -> Output {
    output_within(verify().env("XDG_CACHE_HOME", cache).arg(FIXTURE), 20)
}

/// Exit 2 at once, with a message on stderr that names the problem and ends with the
/// fix, and nothing on stdout.
#[track_caller]
fn refused(output: &Output, problem: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(problem), "{stderr}");
    assert!(stderr.trim_end().ends_with(FIX), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn runs_with_different_temporary_directories_wait_for_each_other() {
    // Ten at once, each with its own TMPDIR, a read-only one and a missing one among
    // them: before, each locked in its own TMPDIR (or ran unlocked), and about half
    // were killed by Symbolica.
    let tmp = scratch("tmpdirs");
    let tmpdirs: Vec<String> = (0..8)
        .map(|i| {
            let dir = tmp.join(i.to_string());
            std::fs::create_dir_all(&dir).unwrap();
            dir.display().to_string()
        })
        .chain(["/proc".to_string(), "/no/such/tmp".to_string()])
        .collect();
    let children: Vec<_> = tmpdirs
        .iter()
        .map(|tmpdir| {
            let mut cmd: Command = verify();
            cmd.env("TMPDIR", tmpdir).arg(FIXTURE);
            std::thread::spawn(move || output_within(&mut cmd, 120))
        })
        .collect();
    for (child, tmpdir) in children.into_iter().zip(&tmpdirs) {
        let output = child.join().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "TMPDIR={tmpdir}: {:?} {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn an_unwritable_home_without_xdg_cache_home_stops_with_the_fix() {
    // Nobody, root included, can make a folder in /proc/1.
    let output = output_within(
        verify()
            .env_remove("XDG_CACHE_HOME")
            .env("HOME", "/proc/1")
            .arg(FIXTURE),
        20,
    );
    refused(&output, "cannot make the engine lock at /proc/1/.cache");
    let output = output_within(
        verify()
            .env_remove("XDG_CACHE_HOME")
            .env_remove("HOME")
            .arg(FIXTURE),
        20,
    );
    refused(
        &output,
        "XDG_CACHE_HOME is not set and HOME is not an absolute path",
    );
}

#[test]
fn a_symlink_planted_as_the_lock_folder_is_refused() {
    let cache = scratch("lock-symlink");
    let target = scratch("lock-symlink-target");
    std::os::unix::fs::symlink(&target, cache.join("verify")).unwrap();
    refused(&with_cache(&cache), "it is a symbolic link");
    assert!(
        !target.join("engine.lock").exists(),
        "nothing made through it"
    );
}

#[test]
fn a_fifo_planted_as_the_lock_file_is_refused_without_hanging() {
    let cache = scratch("lock-fifo");
    let dir = cache.join("verify");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    let made = Command::new("mkfifo").arg(dir.join("engine.lock")).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    refused(&with_cache(&cache), "it is a FIFO, not a regular file");
}

#[test]
fn a_lock_folder_of_another_user_or_open_to_others_is_refused() {
    let cache = scratch("lock-open");
    let dir = cache.join("verify");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    refused(&with_cache(&cache), "others may write in it (mode 0777");

    let cache = scratch("lock-foreign");
    let dir = cache.join("verify");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    // Another user's folder can only be made by root (as these tests run here);
    // elsewhere this half has nothing to simulate it with.
    if std::os::unix::fs::chown(&dir, Some(65534), Some(65534)).is_ok() {
        refused(&with_cache(&cache), "it belongs to user 65534, not to you");
    }
}
