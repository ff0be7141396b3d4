//! The files a run checks: files named on the command line as given, and in folders
//! named on it, every notes or derivation file below them.
//!
//! Folders are walked with the `ignore` crate (ripgrep's walker), so what a
//! repository ignores — `.gitignore`, `.ignore`, hidden files — is not checked, and
//! the order is by path, so reports do not depend on the file system.
//!
//! Every file is read through [`read`], which is bounded: only regular files are read
//! (a FIFO, `/dev/zero` or a socket is refused before a byte is read, and opening does
//! not wait for a FIFO's writer), at most [`MAX_FILE_BYTES`] of them, and a UTF-8
//! byte-order mark is dropped so that columns on line 1 are the ones an editor shows.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::report::LimitError;
use crate::syntax::ast::{Document, Item};

/// The most bytes one input file may hold: 2 MiB. Real notes are far smaller (the
/// seed's blog post is 4 KiB, a long chapter of notes some 100 KiB); the bound keeps a
/// stray log file or a generated file from exhausting memory or time. Checking takes
/// up to about 370 bytes of memory per input byte (measured on the densest input, a
/// product of single letters, mostly the syntax tree): 2 MiB keeps a run under 1 GB,
/// where 4 MiB reached 1.5 GB.
pub const MAX_FILE_BYTES: u64 = 2 << 20;

/// The most steps one file may hold: 10 000. Each step costs the engine and the
/// numeric check milliseconds to seconds; real derivations have tens.
pub const MAX_STEPS_PER_FILE: usize = 10_000;

/// The first step past [`MAX_STEPS_PER_FILE`] in `doc`, as an error naming the bound.
/// Each `=` between two expressions of a chain counts as a step (so does a chain's
/// name), and each `specialise`.
pub fn too_many_steps(doc: &Document) -> Option<LimitError> {
    let mut steps = doc.items.iter().flat_map(|item| {
        let (chain_steps, directive) = match item {
            Item::Chain(chain) => (chain.steps.get(1..).unwrap_or_default(), None),
            Item::Specialise(s) => (&[][..], Some(s.span)),
            Item::Let(_) | Item::Assume(_) | Item::RandomVariable(_) | Item::Shape(_) => {
                (&[][..], None)
            }
        };
        chain_steps.iter().map(|s| s.expr.span).chain(directive)
    });
    let span = steps.nth(MAX_STEPS_PER_FILE)?;
    Some(LimitError {
        span,
        message: format!("more than {MAX_STEPS_PER_FILE} steps in one file, the limit for a file"),
        help: "split the derivation into several files".into(),
    })
}

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The OS refused (no such file, permission denied, …).
    Io(std::io::Error),
    /// Not a regular file: what it is instead (`a FIFO`, `a device`, `a folder`).
    NotAFile(&'static str),
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge,
    /// Not UTF-8 text; the 1-based line and byte column of the first bad byte.
    NotUtf8 {
        /// Line of the first invalid byte.
        line: usize,
        /// Byte column of the first invalid byte.
        column: usize,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::NotAFile(kind) => {
                write!(
                    f,
                    "it is {kind}, not a regular file; verify reads regular files only"
                )
            }
            ReadError::TooLarge => write!(
                f,
                "it is larger than {} MiB, the limit for one input file; split it",
                MAX_FILE_BYTES >> 20
            ),
            ReadError::NotUtf8 { line, column } => write!(
                f,
                "it is not UTF-8 text (an invalid byte at line {line}, byte {column})"
            ),
        }
    }
}

/// Read the file at `path` as text, within the bounds the module doc describes.
pub fn read(path: &Path) -> Result<String, ReadError> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO must not wait for a writer; reads of a regular file
    // are not affected by it.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
        .map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind_of(&meta.file_type())));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge);
    }
    read_bounded(file)
}

/// Read stdin (`verify -`) as text, within the same bounds as a file: a stream has no
/// length to look at first, so reading stops one byte past [`MAX_FILE_BYTES`].
pub fn read_stdin() -> Result<String, ReadError> {
    read_bounded(std::io::stdin().lock())
}

/// Read at most [`MAX_FILE_BYTES`] of UTF-8 text from `reader`, without a leading
/// byte-order mark.
fn read_bounded(reader: impl Read) -> Result<String, ReadError> {
    // The length can grow while we read, and some files report none (`/proc`): read
    // one byte past the bound to know.
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        ReadError::NotUtf8 {
            line: valid.iter().filter(|&&b| b == b'\n').count() + 1,
            column: valid.len() - line_start + 1,
        }
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
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
    } else {
        "not a regular file"
    }
}

/// Extensions checked when found in a folder: Markdown, LaTeX and Jupyter notes,
/// derivation files (a `.txt` file only when [`is_derivation`] says it is one).
pub const EXTENSIONS: &[&str] = &["md", "markdown", "tex", "ipynb", "txt"];

/// Which of the paths named on the command line are checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Named {
    /// A named file is checked whatever it is (the default: it was asked for).
    #[default]
    Always,
    /// A named file is checked only if a folder walk would take it
    /// (`--force-exclude`, for pre-commit and editors, which name every file of a
    /// kind: `requirements.txt` is passed over, as in a walk).
    AsInAWalk,
}

/// The files to check for `paths`, and the paths that could not be read; a named file
/// is checked whatever it is.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let collected = collect_with(paths, Named::Always, &Globs::default());
    (collected.files, collected.problems)
}

/// What [`collect_with`] found.
#[derive(Debug, Default)]
pub struct Collected {
    /// The files to check, in order.
    pub files: Vec<PathBuf>,
    /// The paths that could not be read, and why.
    pub problems: Vec<(PathBuf, String)>,
    /// The `.txt` files passed over because they are not derivations ([`is_derivation`]),
    /// for the run to say so: a derivation whose first line is mangled beyond
    /// recognition must not vanish without a word.
    pub passed_over: Vec<PathBuf>,
}

/// Globs that choose the files of a walk (`--glob`, `--exclude`), with ripgrep's
/// rules for `-g`: a glob keeps only the files it matches, `!glob` leaves out what it
/// matches, the last match wins, and a glob is matched relative to the folder walked
/// (relative to the current folder for files named with `--force-exclude`).
#[derive(Debug, Clone, Default)]
pub struct Globs(Vec<String>);

impl Globs {
    /// `globs` as given to `--glob`, then each of `excludes` (`--exclude`) as `!glob`.
    /// An invalid glob is an error naming it.
    pub fn new(globs: &[String], excludes: &[String]) -> Result<Globs, String> {
        for glob in globs.iter().chain(excludes) {
            let mut one = ignore::overrides::OverrideBuilder::new(".");
            one.add(glob)
                .map_err(|e| format!("invalid glob `{glob}`: {e}"))?;
        }
        let all = globs
            .iter()
            .cloned()
            .chain(excludes.iter().map(|g| format!("!{g}")))
            .collect();
        Ok(Globs(all))
    }

    fn matcher(&self, root: &Path) -> Result<ignore::overrides::Override, String> {
        let mut builder = ignore::overrides::OverrideBuilder::new(root);
        for glob in &self.0 {
            builder
                .add(glob)
                .map_err(|e| format!("invalid glob `{glob}`: {e}"))?;
        }
        builder.build().map_err(|e| e.to_string())
    }

    /// Whether the globs leave `path` out: it, or a folder it is in (as a walk would
    /// not have gone into that folder: `drafts/` leaves out `notes/drafts/a.md`).
    pub(crate) fn leave_out(&self, path: &Path) -> bool {
        let Ok(m) = self.matcher(Path::new(".")) else {
            return false;
        };
        m.matched(path, false).is_ignore()
            || path
                .ancestors()
                .skip(1)
                .filter(|dir| !dir.as_os_str().is_empty() && *dir != Path::new("."))
                .any(|dir| m.matched(dir, true).is_ignore())
    }
}

/// [`collect`], with the rule for named files and the globs of a walk. `-` stands for
/// stdin and is kept where it is.
pub fn collect_with(paths: &[PathBuf], named: Named, globs: &Globs) -> Collected {
    collect_filtered(paths, named, globs, &|_| false)
}

/// [`collect_with`], where `left_out` also leaves files out of a walk (and out of the
/// named files, with `--force-exclude`): the `exclude` and `glob` of the `verify.toml`
/// that governs each file, relative to its folder.
pub fn collect_filtered(
    paths: &[PathBuf],
    named: Named,
    globs: &Globs,
    left_out: &dyn Fn(&Path) -> bool,
) -> Collected {
    let mut out = Collected::default();
    for path in paths {
        if path.as_os_str() == "-" {
            out.files.push(path.clone());
        } else if path.is_dir() {
            walk(path, globs, left_out, &mut out);
        } else if named == Named::Always {
            // A named file is checked whatever its extension; reading it reports
            // whether it exists.
            out.files.push(path.clone());
        } else if !globs.leave_out(path) {
            take_if_walk_would(path.clone(), left_out, &mut out);
        }
    }
    out
}

/// Take `path` if a folder walk would: notes by their extension, a `.txt` file if it
/// is a derivation (one that cannot be read is taken, so that reading it says why),
/// and not what `left_out` leaves out.
fn take_if_walk_would(path: PathBuf, left_out: &dyn Fn(&Path) -> bool, out: &mut Collected) {
    if !has_checked_extension(&path) || left_out(&path) {
        return;
    }
    let is_txt = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
    if !is_txt || read(&path).map_or(true, |text| is_derivation(&text)) {
        out.files.push(path);
    } else {
        out.passed_over.push(path);
    }
}

fn walk(root: &Path, globs: &Globs, left_out: &dyn Fn(&Path) -> bool, out: &mut Collected) {
    let mut builder = ignore::WalkBuilder::new(root);
    // Ignore files apply even outside a git repository (a folder of notes).
    builder
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b));
    match globs.matcher(root) {
        Ok(overrides) => {
            builder.overrides(overrides);
        }
        Err(e) => {
            out.problems.push((root.to_path_buf(), e));
            return;
        }
    }
    let walker = builder.build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let Some(file_type) = entry.file_type() else {
                    continue;
                };
                if !has_checked_extension(entry.path()) || file_type.is_dir() {
                    continue;
                }
                if file_type.is_file() {
                    take_if_walk_would(entry.into_path(), left_out, out);
                } else if !file_type.is_symlink() {
                    // A FIFO or device named like notes is refused, not read (and
                    // not passed over without a word). Symbolic links are not
                    // followed in a folder, as in ripgrep.
                    let kind = kind_of(&file_type);
                    let problem = format!("it is {kind}, not a regular file");
                    out.problems.push((entry.into_path(), problem));
                }
            }
            Err(e) => out.problems.push((root.to_path_buf(), e.to_string())),
        }
    }
}

/// Whether the text of a `.txt` file is a derivation, as opposed to the other text
/// files a repository holds (`requirements.txt`, a reading list, `LICENSE.txt`,
/// `CMakeLists.txt`). Its first line that is not blank or a comment (`%`, `#`) decides:
///
/// 1. it starts with a directive (`let`, `assume`, `specialise`) or with `=`: yes;
/// 2. it holds a version comparison of a pip requirement (`==`, `~=`, `>=`, `<=`,
///    `!=`, as in `numpy==1.26`): no;
/// 3. it holds a LaTeX command (`\frac`) or a lone `=` (`a = (b + c`): yes, even when
///    it does not read, so that a derivation with a typo on its first line is
///    reported, not passed over;
/// 4. otherwise (`requests`, `hello world`, `Bishop, Pattern Recognition`): no,
///    unless it reads as an expression that the next line continues with `= …`.
///
/// A text with no such line (empty, comments only) is not a derivation.
pub fn is_derivation(text: &str) -> bool {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('%') && !l.starts_with('#'));
    let Some(first) = lines.next() else {
        return false;
    };
    let word: String = first
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let after_word = first[word.len()..].chars().next();
    let directive = matches!(
        word.as_str(),
        "let" | "assume" | "specialise" | "specialize"
    ) && after_word.is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_');
    if directive || first.starts_with('=') || first.starts_with("&=") {
        return true;
    }
    if ["==", "~=", ">=", "<=", "!="]
        .iter()
        .any(|op| first.contains(op))
    {
        return false;
    }
    let bytes = first.as_bytes();
    let command = bytes
        .windows(2)
        .any(|w| w[0] == b'\\' && w[1].is_ascii_alphabetic());
    if command || first.contains('=') {
        return true;
    }
    let continued = lines
        .next()
        .is_some_and(|l| l.starts_with('=') || l.starts_with("&="));
    continued
        && crate::syntax::parse(&crate::source::SourceFile::new("first-line.txt", first))
            .errors
            .is_empty()
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

    #[test]
    fn only_txt_files_that_are_derivations_are_taken() {
        for text in [
            "let f(x) = x^2\nf(2) = 4\n",
            "% a comment\n\nassume a > 0\n",
            "(a+b)^2 = a^2 + 2ab + b^2\n",
            "\\int_0^1 x dx\n= \\frac{1}{2}\n",
            "# heading\nKL(p_1, p_2) = 0\n",
            "X \\sim N(0, 1)\n",
            "x^2\n= x \\cdot x\n",
            "\\frac{a}{b = \\frac{a}{b}\n",
            "a = (b + c\n",
            "= x + 1\n",
            "let\\ f = 1\n",
        ] {
            assert!(is_derivation(text), "{text}");
        }
        for text in [
            "numpy==1.26\npandas\n",
            "pandas~=1.5\n",
            "torch>=2.0\n",
            "-r base.txt\n",
            "requests\nflask\n",
            "Bishop, Pattern Recognition and Machine Learning\n",
            "hello world\n",
            "hello, world\n= ok\n",
            "letter to the editor\n",
            "cmake_minimum_required(VERSION 3.10)\n",
            "",
            "% only a comment\n",
        ] {
            assert!(!is_derivation(text), "{text}");
        }
    }

    #[test]
    fn a_walk_passes_over_requirements_and_a_forced_exclude_does_too() {
        let root = scratch("txt");
        std::fs::write(root.join("requirements.txt"), "numpy==1.26\n").unwrap();
        std::fs::write(root.join("steps.txt"), "a + a = 2a\n").unwrap();
        let walked = collect_with(
            std::slice::from_ref(&root),
            Named::Always,
            &Globs::default(),
        );
        assert_eq!(walked.files, [root.join("steps.txt")]);
        assert_eq!(walked.passed_over, [root.join("requirements.txt")]);
        let named = [root.join("requirements.txt"), root.join("steps.txt")];
        assert_eq!(collect(&named).0, named);
        assert_eq!(
            collect_with(&named, Named::AsInAWalk, &Globs::default()).files,
            [root.join("steps.txt")]
        );
        let other = [root.join("picture.png"), PathBuf::from("-")];
        assert_eq!(
            collect_with(&other, Named::AsInAWalk, &Globs::default()).files,
            [PathBuf::from("-")]
        );
    }

    #[test]
    fn globs_choose_the_files_of_a_walk_as_ripgrep_does() {
        let root = scratch("globs");
        for file in ["a.md", "drafts/b.md", "notes/c.md", "notes/old/d.md"] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "$$ x = x $$\n").unwrap();
        }
        let walk = |globs: &[&str], excludes: &[&str]| -> Vec<String> {
            let globs: Vec<String> = globs.iter().map(|g| g.to_string()).collect();
            let excludes: Vec<String> = excludes.iter().map(|g| g.to_string()).collect();
            let globs = Globs::new(&globs, &excludes).unwrap();
            collect_with(std::slice::from_ref(&root), Named::Always, &globs)
                .files
                .iter()
                .map(|f| f.strip_prefix(&root).unwrap().display().to_string())
                .collect()
        };
        assert_eq!(
            walk(&[], &["drafts/"]),
            ["a.md", "notes/c.md", "notes/old/d.md"]
        );
        assert_eq!(walk(&["notes/**"], &["old/"]), ["notes/c.md"]);
        assert_eq!(
            walk(&["!**/old/**"], &[]),
            ["a.md", "drafts/b.md", "notes/c.md"]
        );
        assert!(Globs::new(&["a[".into()], &[]).is_err());
        // Named files (--force-exclude) are left out by a folder they are in, too.
        let drafts = Globs::new(&[], &["drafts/".into()]).unwrap();
        assert!(drafts.leave_out(Path::new("notes/drafts/b.md")));
        assert!(drafts.leave_out(Path::new("drafts/b.md")));
        assert!(!drafts.leave_out(Path::new("notes/b.md")));
        let only = Globs::new(&["notes/**".into()], &[]).unwrap();
        assert!(!only.leave_out(Path::new("notes/c.md")));
        assert!(only.leave_out(Path::new("a.md")));
    }

    /// A fresh folder for one test.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("verify-read-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let dir = scratch("bom");
        let path = dir.join("a.txt");
        std::fs::write(&path, "\u{feff}x = x\n").unwrap();
        assert_eq!(read(&path).unwrap(), "x = x\n");
    }

    #[test]
    fn special_files_are_refused_at_once() {
        let started = std::time::Instant::now();
        let zero = read(Path::new("/dev/zero")).unwrap_err();
        assert!(matches!(zero, ReadError::NotAFile("a device")), "{zero}");
        let folder = read(&scratch("folder")).unwrap_err();
        assert!(
            matches!(folder, ReadError::NotAFile("a folder")),
            "{folder}"
        );
        let dir = scratch("fifo");
        let fifo = dir.join("never.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        // No writer ever opens it: opening must not wait for one.
        let err = read(&fifo).unwrap_err();
        assert!(matches!(err, ReadError::NotAFile("a FIFO")), "{err}");
        let (files, problems) = collect(std::slice::from_ref(&dir));
        assert!(files.is_empty());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn a_file_past_the_bound_is_refused_and_one_at_it_is_read() {
        let dir = scratch("big");
        let at = dir.join("at.txt");
        std::fs::write(&at, "a".repeat(MAX_FILE_BYTES as usize)).unwrap();
        assert_eq!(read(&at).unwrap().len() as u64, MAX_FILE_BYTES);
        let past = dir.join("past.txt");
        std::fs::write(&past, "a".repeat(MAX_FILE_BYTES as usize + 1)).unwrap();
        let err = read(&past).unwrap_err();
        assert_eq!(
            err.to_string(),
            "it is larger than 2 MiB, the limit for one input file; split it"
        );
    }

    #[test]
    fn text_that_is_not_utf8_says_where() {
        let dir = scratch("utf8");
        let path = dir.join("latin1.txt");
        std::fs::write(&path, b"x = x\n\xb5 = 1\n").unwrap();
        assert_eq!(
            read(&path).unwrap_err().to_string(),
            "it is not UTF-8 text (an invalid byte at line 2, byte 1)"
        );
    }
}
