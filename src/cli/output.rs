//! Where a run's report goes: stdout written whole or streamed (a closed pipe ends the
//! run quietly), and the progress bar on stderr that stands aside for it.

use super::*;

/// stdout, locked only while writing: the engine thread needs stdout briefly when it
/// starts (Symbolica's notice, redirected to stderr), so we must not hold it across a
/// check. Once its reader has gone (a broken pipe), nothing more is written.
#[derive(Default)]
pub(super) struct Stdout {
    pub(super) reader_gone: bool,
    /// `--output`: the file, and the report kept for it until the run ends.
    pub(super) file: Option<(PathBuf, String)>,
}

impl Stdout {
    pub(super) fn write(&mut self, text: &str) -> anyhow::Result<()> {
        if let Some((_, kept)) = &mut self.file {
            kept.push_str(text);
            return Ok(());
        }
        if self.reader_gone {
            return Ok(());
        }
        let mut stdout = std::io::stdout().lock();
        match stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
        {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.reader_gone = true;
                Ok(())
            }
            Err(e) => Err(e).context("writing the report"),
        }
    }

    /// `--output`: the report replaces the file whole (written beside it, then renamed
    /// over it), so a reader never sees half a report.
    pub(super) fn finish(&mut self) -> anyhow::Result<()> {
        let Some((path, kept)) = self.file.take() else {
            return Ok(());
        };
        let name = path
            .file_name()
            .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
        let partial = path.with_file_name(format!(".{name}.partial"));
        std::fs::write(&partial, kept)
            .and_then(|()| std::fs::rename(&partial, &path))
            .with_context(|| format!("writing the report to {}", shown(&path)))
    }
}

/// A progress bar on stderr while many files are checked, only on a terminal.
pub(super) struct Progress(Option<ProgressBar>);

impl Progress {
    pub(super) fn new(n_files: usize) -> Progress {
        let shown = n_files > 1 && std::io::stderr().is_terminal();
        Progress(shown.then(|| {
            let bar = ProgressBar::new(n_files as u64);
            let style = ProgressStyle::with_template("{pos}/{len} files {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        }))
    }

    pub(super) fn start(&self, path: &std::path::Path) {
        if let Some(bar) = &self.0 {
            bar.set_message(path.display().to_string());
        }
    }

    /// Run `write` with the bar hidden.
    pub(super) fn suspend_only<R>(&self, write: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }

    /// Run `write` with the bar hidden, then count the file done.
    pub(super) fn suspend<R>(&self, write: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => {
                let result = bar.suspend(write);
                bar.inc(1);
                result
            }
            None => write(),
        }
    }

    pub(super) fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
