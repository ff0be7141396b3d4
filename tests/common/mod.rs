//! Helpers shared by the integration tests: check a file through the library, and
//! render its report as a person would see it, with paths relative to the crate so
//! snapshots do not depend on where the repository lives.

#![allow(dead_code)]

pub mod validate;

use std::path::{Path, PathBuf};

use verify::check::{check_source, CheckConfig};
use verify::report::human::render;
use verify::report::FileReport;
use verify::report::Options;
use verify::source::SourceFile;

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `path` relative to the crate root, with `/` separators.
pub fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(root()).unwrap_or(path).to_path_buf()
}

/// Check a file with every rule family, as the command line does by default.
pub fn check(path: &Path) -> FileReport {
    let text = std::fs::read_to_string(path).expect("fixture is readable");
    let config = CheckConfig::default();
    check_source(SourceFile::new(relative(path), text), &config)
}

/// The plain (uncoloured) human report.
pub fn render_plain(report: &FileReport) -> String {
    render(report, &Options::default())
}

/// The built `verify` binary, run from the crate root with Symbolica's notice hidden
/// and `NO_COLOR` unset.
pub fn verify() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_verify"));
    cmd.current_dir(root())
        .env("SYMBOLICA_HIDE_BANNER", "1")
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// Run `cmd` to the end and collect its output, or kill it after `seconds` and fail
/// the test: no input may hang `verify`.
pub fn output_within(cmd: &mut std::process::Command, seconds: u64) -> std::process::Output {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("verify starts");
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for verify") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("verify did not finish within {seconds} s: {cmd:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    std::process::Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// A fresh, empty folder for one test, under the temporary directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("verify-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}
