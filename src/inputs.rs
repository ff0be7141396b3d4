//! The files a run checks: files named on the command line as given, and in folders
//! named on it, every notes or derivation file below them.
//!
//! Folders are walked with the `ignore` crate (ripgrep's walker), so what a
//! repository ignores — `.gitignore`, `.ignore`, hidden files — is not checked, and
//! the order is by path, so reports do not depend on the file system.

use std::path::{Path, PathBuf};

/// Extensions checked when found in a folder: Markdown and LaTeX notes, derivation
/// files.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "tex", "txt"];

/// The files to check for `paths`, and the paths that could not be read.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files, &mut problems);
        } else {
            // A named file is checked whatever its extension; reading it reports
            // whether it exists.
            files.push(path.clone());
        }
    }
    (files, problems)
}

fn walk(root: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<(PathBuf, String)>) {
    let walker = ignore::WalkBuilder::new(root)
        // Ignore files apply even outside a git repository (a folder of notes).
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && has_checked_extension(entry.path()) {
                    files.push(entry.into_path());
                }
            }
            Err(e) => problems.push((root.to_path_buf(), e.to_string())),
        }
    }
}

fn has_checked_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_in_order_skipping_ignored_hidden_and_other_files() {
        let root = std::env::temp_dir().join(format!("verify-inputs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for file in [
            "b.md",
            "a/z.tex",
            "a/y.txt",
            "a/picture.png",
            ".hidden/h.md",
            "drafts/d.md",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x = x\n").unwrap();
        }
        std::fs::write(root.join(".ignore"), "drafts/\n").unwrap();
        let named = root.join("a/picture.png");
        let (files, problems) = collect(&[root.clone(), named.clone()]);
        let relative: Vec<String> = files
            .iter()
            .map(|f| f.strip_prefix(&root).unwrap().display().to_string())
            .collect();
        assert_eq!(relative, ["a/y.txt", "a/z.tex", "b.md", "a/picture.png"]);
        assert!(problems.is_empty());
        let _ = std::fs::remove_dir_all(&root);
    }
}
