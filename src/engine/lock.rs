//! A lock of our own around Symbolica's one-thread-per-user rule.
//!
//! Symbolica, unlicensed, kills a second concurrent Symbolica process of the same user
//! with SIGABRT. Every process that starts the engine first takes an exclusive lock on
//! a per-user file in the temporary directory, and keeps it until it exits, so a second
//! `verify` waits for the first instead of dying. The OS drops the lock when the
//! process ends, however it ends.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::PathBuf;

/// Take the engine lock, waiting for other processes; returns the locked file, which
/// must be kept alive as long as Symbolica may be used. If the lock file cannot be
/// opened at all (read-only temporary directory), we go on without it: the worst case
/// is then Symbolica's own abort, which is what would happen without the lock.
pub fn acquire_engine_lock() -> Option<File> {
    let path = lock_path();
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .ok()?;
    match file.try_lock() {
        Ok(()) => return Some(file),
        Err(std::fs::TryLockError::WouldBlock) => {}
        Err(std::fs::TryLockError::Error(_)) => return None,
    }
    let _ = writeln!(
        std::io::stderr(),
        "verify: waiting for another verify process to finish (lock {})",
        path.display()
    );
    file.lock().ok().map(|()| file)
}

/// One lock file per OS user, since Symbolica's limit is per user.
fn lock_path() -> PathBuf {
    std::env::temp_dir().join(format!("verify-engine-{}.lock", user_id()))
}

#[cfg(unix)]
fn user_id() -> String {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self")
        .map(|m| m.uid().to_string())
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "user".to_string())
}

#[cfg(not(unix))]
fn user_id() -> String {
    std::env::var("USERNAME").unwrap_or_else(|_| "user".to_string())
}
