//! A lock of our own around Symbolica's one-thread-per-user rule.
//!
//! Symbolica, unlicensed, kills a second concurrent Symbolica process of the same user
//! with SIGABRT. It notices the second one through an instance lock of its own under
//! the user's cache directory: `$XDG_CACHE_HOME` when that is set to an absolute path,
//! else `$HOME/.cache` (measured from outside; it is the XDG rule). So our lock lives in
//! that same cache directory, in a private folder `verify/` (mode 0700) holding
//! `engine.lock`: whenever two processes would meet in Symbolica's lock, they meet in
//! ours first, and the second waits instead of dying. Keyed anywhere else (the
//! temporary directory, say), two runs with different `TMPDIR`s miss each other.
//!
//! The folder must be ours alone: a symbolic link, a folder owned by someone else or
//! writable by group or others is refused, as is a lock file that is not a regular
//! file of ours. Both are opened without following links and without blocking (a FIFO
//! planted as the lock cannot hang us), and checked after opening, on the open
//! descriptor, so nothing can be swapped in between. When no such place can be had,
//! the caller stops with the fix instead of running unlocked: the worst case of an
//! unlocked run is Symbolica's abort.
//!
//! The lock is taken before Symbolica is first touched and kept until the process
//! exits; the OS drops it however the process ends.

use std::ffi::OsString;
use std::fmt;
use std::fs::File;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, MetadataExt};
use std::path::{Path, PathBuf};

use rustix::fs::{Mode, OFlags};

/// The folder inside the cache directory that holds the lock.
const LOCK_DIR: &str = "verify";
/// The lock file inside [`LOCK_DIR`].
const LOCK_FILE: &str = "engine.lock";

/// The fix every lock error ends with.
pub const FIX: &str = "set XDG_CACHE_HOME to a writable directory of your own";

/// Why the engine lock could not be taken. Each says what was found; [`fmt::Display`]
/// ends with [`FIX`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockError {
    /// Neither `XDG_CACHE_HOME` nor `HOME` is an absolute path.
    NoCacheDir,
    /// A folder could not be created or opened, or the file could not be opened.
    Io {
        /// The folder or file.
        path: PathBuf,
        /// What the OS said.
        error: String,
    },
    /// The lock folder or file is a symbolic link.
    Symlink {
        /// The link.
        path: PathBuf,
    },
    /// The lock folder or file belongs to another user.
    NotOurs {
        /// The folder or file.
        path: PathBuf,
        /// Its owner.
        owner: u32,
        /// Our user id.
        uid: u32,
    },
    /// The lock folder is writable by its group or by others.
    OpenToOthers {
        /// The folder.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// The lock file is not a regular file (a FIFO, a device, a folder).
    NotAFile {
        /// The file.
        path: PathBuf,
        /// What it is instead.
        kind: &'static str,
    },
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown =
            |path: &Path| crate::report::escape::human(&path.display().to_string()).into_owned();
        match self {
            LockError::NoCacheDir => write!(
                f,
                "no place for the engine lock: XDG_CACHE_HOME is not set and HOME is not an absolute path"
            )?,
            LockError::Io { path, error } => write!(
                f,
                "cannot make the engine lock at {}: {error}",
                shown(path)
            )?,
            LockError::Symlink { path } => write!(
                f,
                "refusing the engine lock at {}: it is a symbolic link",
                shown(path)
            )?,
            LockError::NotOurs { path, owner, uid } => write!(
                f,
                "refusing the engine lock at {}: it belongs to user {owner}, not to you (user {uid})",
                shown(path)
            )?,
            LockError::OpenToOthers { path, mode } => write!(
                f,
                "refusing the engine lock at {}: others may write in it (mode {:04o}; `chmod 700` it if it is yours)",
                shown(path),
                mode & 0o7777
            )?,
            LockError::NotAFile { path, kind } => write!(
                f,
                "refusing the engine lock at {}: it is {kind}, not a regular file",
                shown(path)
            )?,
        }
        write!(f, "; {FIX}")
    }
}

impl std::error::Error for LockError {}

/// Take the engine lock, waiting for other `verify` processes of this user; returns the
/// locked file, which must be kept open as long as Symbolica may be used.
pub fn acquire() -> Result<File, LockError> {
    let cache = cache_dir(std::env::var_os("XDG_CACHE_HOME"), std::env::var_os("HOME"))
        .ok_or(LockError::NoCacheDir)?;
    let (file, path) = open_lock(&cache)?;
    match file.try_lock() {
        Ok(()) => return Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {}
        Err(std::fs::TryLockError::Error(e)) => return Err(io_error(&path, &e)),
    }
    // Waiting is the lock at work, not a problem: say so, once, and ignore a stderr
    // that cannot be written.
    let _ = writeln!(
        std::io::stderr(),
        "verify: waiting for another verify process to finish (lock {})",
        crate::report::escape::human(&path.display().to_string())
    );
    file.lock().map_err(|e| io_error(&path, &e))?;
    Ok(file)
}

/// The cache directory Symbolica uses, by the XDG rule: `XDG_CACHE_HOME` when it is an
/// absolute path, else `HOME/.cache` when `HOME` is one.
pub fn cache_dir(xdg_cache_home: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    let absolute = |value: Option<OsString>| value.map(PathBuf::from).filter(|p| p.is_absolute());
    absolute(xdg_cache_home).or_else(|| absolute(home).map(|home| home.join(".cache")))
}

/// Create (if need be) and open `cache/verify/engine.lock`, checking the folder and the
/// file as the module doc says. Returns the open file and its path.
pub fn open_lock(cache: &Path) -> Result<(File, PathBuf), LockError> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(cache)
        .map_err(|e| io_error(cache, &e))?;
    let dir_path = cache.join(LOCK_DIR);
    match std::fs::DirBuilder::new().mode(0o700).create(&dir_path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(io_error(&dir_path, &e)),
    }
    let dir = rustix::fs::open(
        &dir_path,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| refused_open(&dir_path, e))?;
    let uid = rustix::process::getuid().as_raw();
    let dir_stat = rustix::fs::fstat(&dir).map_err(|e| io_error(&dir_path, &e.into()))?;
    check_owner(&dir_path, dir_stat.st_uid, uid)?;
    if dir_stat.st_mode & 0o022 != 0 {
        return Err(LockError::OpenToOthers {
            path: dir_path,
            mode: dir_stat.st_mode,
        });
    }
    // Opened relative to the folder's descriptor, so the folder checked above is the
    // one the file is in, whatever happens to the path meanwhile.
    let path = dir_path.join(LOCK_FILE);
    let fd = rustix::fs::openat(
        &dir,
        LOCK_FILE,
        OFlags::RDWR | OFlags::CREATE | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
        Mode::RUSR | Mode::WUSR,
    )
    .map_err(|e| refused_open(&path, e))?;
    let file = File::from(fd);
    let meta = file.metadata().map_err(|e| io_error(&path, &e))?;
    if !meta.file_type().is_file() {
        return Err(LockError::NotAFile {
            path,
            kind: kind_of(&meta.file_type()),
        });
    }
    check_owner(&path, meta.uid(), uid)?;
    Ok((file, path))
}

fn check_owner(path: &Path, owner: u32, uid: u32) -> Result<(), LockError> {
    if owner == uid {
        Ok(())
    } else {
        Err(LockError::NotOurs {
            path: path.to_path_buf(),
            owner,
            uid,
        })
    }
}

/// An `open` that failed: a symbolic link (`O_NOFOLLOW` gives `ELOOP`, or `ENOTDIR` for
/// a link where a folder is wanted) is named as such.
fn refused_open(path: &Path, error: rustix::io::Errno) -> LockError {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        return LockError::Symlink {
            path: path.to_path_buf(),
        };
    }
    if error == rustix::io::Errno::NOTDIR {
        if let Ok(meta) = std::fs::symlink_metadata(path) {
            return LockError::NotAFile {
                path: path.to_path_buf(),
                kind: kind_of(&meta.file_type()),
            };
        }
    }
    io_error(path, &std::io::Error::from(error))
}

fn io_error(path: &Path, error: &std::io::Error) -> LockError {
    LockError::Io {
        path: path.to_path_buf(),
        error: error.to_string(),
    }
}

fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_fifo() {
        "a FIFO"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "not a file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A fresh, empty folder for one test.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("verify-lock-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn the_cache_directory_follows_the_xdg_rule() {
        let some = |s: &str| Some(OsString::from(s));
        assert_eq!(
            cache_dir(some("/x/cache"), some("/home/u")),
            Some(PathBuf::from("/x/cache"))
        );
        // A relative XDG_CACHE_HOME is ignored, as the XDG rule says.
        assert_eq!(
            cache_dir(some("cache"), some("/home/u")),
            Some(PathBuf::from("/home/u/.cache"))
        );
        assert_eq!(
            cache_dir(None, some("/home/u")),
            Some(PathBuf::from("/home/u/.cache"))
        );
        assert_eq!(cache_dir(None, some("")), None);
        assert_eq!(cache_dir(some(""), None), None);
    }

    #[test]
    fn a_fresh_lock_folder_is_private() {
        let cache = scratch("fresh").join("deeper/cache");
        let (file, path) = open_lock(&cache).unwrap();
        assert_eq!(path, cache.join("verify/engine.lock"));
        let mode = std::fs::metadata(cache.join("verify")).unwrap().mode();
        assert_eq!(mode & 0o077, 0, "mode {mode:o}");
        assert!(file.metadata().unwrap().is_file());
        // Opening it again (a second process) finds the same, acceptable, lock.
        assert!(open_lock(&cache).is_ok());
    }

    #[test]
    fn a_symlinked_lock_folder_is_refused() {
        let cache = scratch("symlink");
        let elsewhere = scratch("symlink-target");
        std::os::unix::fs::symlink(&elsewhere, cache.join("verify")).unwrap();
        assert_eq!(
            open_lock(&cache).unwrap_err(),
            LockError::Symlink {
                path: cache.join("verify")
            }
        );
        assert!(
            !elsewhere.join("engine.lock").exists(),
            "nothing is created through the link"
        );
    }

    #[test]
    fn a_symlinked_lock_file_is_refused() {
        let cache = scratch("file-link");
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(cache.join("verify"))
            .unwrap();
        let target = cache.join("target");
        std::os::unix::fs::symlink(&target, cache.join("verify/engine.lock")).unwrap();
        let err = open_lock(&cache).unwrap_err();
        assert!(matches!(err, LockError::Symlink { .. }), "{err}");
        assert!(!target.exists(), "the link's target is not created");
    }

    #[test]
    fn a_lock_folder_others_may_write_in_is_refused() {
        let cache = scratch("open");
        let dir = cache.join("verify");
        std::fs::create_dir(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        let err = open_lock(&cache).unwrap_err();
        assert!(matches!(err, LockError::OpenToOthers { mode, .. } if mode & 0o777 == 0o777));
        assert!(err.to_string().ends_with(FIX), "{err}");
    }

    #[test]
    fn a_lock_file_that_is_a_folder_is_refused() {
        let cache = scratch("folder");
        std::fs::DirBuilder::new()
            .mode(0o700)
            .recursive(true)
            .create(cache.join("verify/engine.lock"))
            .unwrap();
        let err = open_lock(&cache).unwrap_err();
        assert!(
            matches!(err, LockError::Io { .. } | LockError::NotAFile { .. }),
            "{err}"
        );
    }

    #[test]
    fn every_message_ends_with_the_fix() {
        let err = LockError::NotOurs {
            path: PathBuf::from("/c/verify"),
            owner: 65534,
            uid: 1000,
        };
        assert_eq!(
            err.to_string(),
            "refusing the engine lock at /c/verify: it belongs to user 65534, not to you (user 1000); set XDG_CACHE_HOME to a writable directory of your own"
        );
        assert!(LockError::NoCacheDir.to_string().ends_with(FIX));
    }
}
