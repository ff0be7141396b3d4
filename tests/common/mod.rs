//! Helpers shared by the integration tests: check a file through the library, and
//! render its report as a person would see it, with paths relative to the crate so
//! snapshots do not depend on where the repository lives.

#![allow(dead_code)]

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
