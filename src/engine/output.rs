//! What Symbolica itself prints, kept off stdout so that stdout stays ours (JSON Lines
//! must stay JSON): its log lines and its licence notice both go to stderr.
//!
//! - **Log lines.** Symbolica logs through `tracing` and, left alone, installs a
//!   subscriber of its own that writes coloured `WARN symbolica::…` lines to stdout
//!   (for `0^0`, say). Its documented switch (symbolica.io/docs/logging,
//!   `GLOBAL_SETTINGS.initialize_tracing`) turns that off before first use; we then
//!   install a subscriber of ours that writes warnings and errors to stderr, coloured
//!   only when stderr is a terminal and `NO_COLOR` is not set.
//! - **The licence notice.** Symbolica prints it on stdout at first use. We neither
//!   strip nor change it: stdout is pointed at a pipe for that first use, and what
//!   comes through is copied to stderr as it arrives.
//!
//! Every write to stderr here ignores failure: a full or closed stderr must not stop
//! the engine (a panic in Symbolica's own `println!` would kill the engine thread).

use std::io::{IsTerminal, Write};
use std::sync::atomic::Ordering;

use tracing_subscriber::filter::LevelFilter;

/// Stop Symbolica from installing its own log subscriber, and install ours, writing
/// to stderr. Must run before Symbolica is first used. If the program already has a
/// global subscriber, that one stays.
pub(super) fn route_logs_to_stderr() {
    symbolica::GLOBAL_SETTINGS
        .initialize_tracing
        .store(false, Ordering::Relaxed);
    let ansi = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let _ = tracing_subscriber::fmt()
        .with_writer(|| QuietStderr)
        .with_ansi(ansi)
        .without_time()
        .with_max_level(LevelFilter::WARN)
        .try_init();
}

/// Run `first_use` — Symbolica's first use, which may print the licence notice on
/// stdout — with stdout sent to stderr, and return its result.
pub(super) fn notice_to_stderr<R>(first_use: impl FnOnce() -> R) -> R {
    let Some((forward, redirect)) = redirect_through_pipe() else {
        // No pipe or no thread to empty it: point stdout at stderr itself. A notice
        // written to a stderr that fails may then panic inside Symbolica, which is
        // what happened before; it needs both a full stderr and no pipe to spare.
        let _redirect = gag::Redirect::stdout(std::io::stderr()).ok();
        let result = first_use();
        let _ = std::io::stdout().flush();
        return result;
    };
    let result = first_use();
    let _ = std::io::stdout().flush();
    // Restoring stdout closes the pipe's last writer, so the copy ends.
    drop(redirect);
    let _ = forward.join();
    result
}

/// Point stdout at a pipe whose other end a thread copies to stderr.
fn redirect_through_pipe() -> Option<(
    std::thread::JoinHandle<()>,
    gag::Redirect<std::io::PipeWriter>,
)> {
    let (mut reader, writer) = std::io::pipe().ok()?;
    let forward = std::thread::Builder::new()
        .name("verify-notice".into())
        .spawn(move || {
            let _ = std::io::copy(&mut reader, &mut QuietStderr);
        })
        .ok()?;
    match gag::Redirect::stdout(writer) {
        Ok(redirect) => Some((forward, redirect)),
        Err(_) => {
            // The writer was dropped with the failed redirect, so the copy ends.
            let _ = forward.join();
            None
        }
    }
}

/// stderr, with every failure to write ignored.
struct QuietStderr;

impl Write for QuietStderr {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let _ = std::io::stderr().write_all(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let _ = std::io::stderr().flush();
        Ok(())
    }
}
