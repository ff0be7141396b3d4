//! `verify.toml` per file, as ruff finds its configuration: each checked file is
//! governed by the closest `verify.toml` above it (nested files win whole, their
//! `exclude` relative to their folder, their per-run keys said to have no effect), and
//! a file's shared declarations are put before every governed file's own: a note
//! verifies only because of them, an error in them points into `verify.toml`, and a
//! note may not declare a shared name again. This test binary never starts the engine
//! itself (the binaries it runs would wait for its lock).

mod common;

use std::path::Path;
use std::process::Output;
use std::sync::Mutex;

use common::{output_within, verify};

/// The binary runs one copy at a time (unlicensed Symbolica: one engine per user).
static SERIAL: Mutex<()> = Mutex::new(());

fn run_in(dir: &Path, args: &[&str]) -> Output {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    output_within(verify().current_dir(dir).args(args), 120)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A scratch repository with `files` (path, text) written.
fn repo(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let root = common::scratch(name);
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    root
}

const SHARED: &str =
    "declarations = '''\nassume \\sigma > 0\nlet p(x) = \\mathcal{N}(x; \\mu, \\sigma^2)\n'''\n";

#[test]
fn shared_declarations_are_what_a_note_verifies_by() {
    let root = repo(
        "shared",
        &[
            ("verify.toml", SHARED),
            (
                "notes/mean.md",
                "The mean:\n\n$$\n\\int x\\, p(x)\\, dx = \\mu\n$$\n",
            ),
        ],
    );
    let with = run_in(&root, &["--format", "concise", "notes"]);
    assert_eq!(
        with.status.code(),
        Some(0),
        "{}{}",
        stdout(&with),
        stderr(&with)
    );
    // Without them, `p` is undeclared: the block is set aside and nothing is checked.
    let without = run_in(&root, &["--no-config", "--format", "concise", "notes"]);
    assert_eq!(without.status.code(), Some(1), "{}", stdout(&without));
    assert!(
        stdout(&without).contains("not-a-derivation"),
        "{}",
        stdout(&without)
    );
    // A derivation file reads them too.
    std::fs::write(root.join("notes/norm.txt"), "\\int p(x) dx = 1\n").unwrap();
    let json = run_in(&root, &["--format", "json", "notes/norm.txt"]);
    assert_eq!(json.status.code(), Some(0), "{}", stdout(&json));
    assert!(
        stdout(&json)
            .contains("\"shared_declarations\":{\"file\":\"verify.toml\",\"lines\":[2,3]}"),
        "{}",
        stdout(&json)
    );
    // The human report says they came first.
    let human = run_in(&root, &["notes/norm.txt"]);
    assert!(
        stdout(&human).contains("shared declarations from verify.toml (lines 2, 3) come first"),
        "{}",
        stdout(&human)
    );
}

#[test]
fn an_error_in_the_shared_declarations_points_into_verify_toml() {
    let root = repo(
        "shared-error",
        &[
            (
                "verify.toml",
                "strict = true\ndeclarations = [\n  \"assume \\\\sigma > 0\",\n  \"let f(x) = \\\\frac{1}{x\",\n]\n",
            ),
            ("a.txt", "a + a = 2a\n"),
        ],
    );
    let output = run_in(&root, &["--format", "concise", "a.txt"]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    // Line 4, in the string: `\\frac{1}{x` is at column 24 of the file (the `{`
    // before `x`, after one escaped backslash counted as two characters).
    assert!(
        stdout(&output).starts_with("verify.toml:4:24: error[syntax]: "),
        "{}",
        stdout(&output)
    );
    assert!(
        stderr(&output).contains("cannot check a.txt: verify.toml does not read"),
        "{}",
        stderr(&output)
    );
    // A chain is not a declaration.
    std::fs::write(root.join("verify.toml"), "declarations = ['a + a = 2a']\n").unwrap();
    let chain = run_in(&root, &["--format", "concise", "a.txt"]);
    assert!(
        stdout(&chain).starts_with("verify.toml:1:18: error[syntax]: expected a declaration"),
        "{}",
        stdout(&chain)
    );
}

#[test]
fn a_note_may_not_declare_a_shared_name_again() {
    let root = repo(
        "shared-again",
        &[
            ("verify.toml", SHARED),
            (
                "again.md",
                "<!-- let p(x) = \\mathcal{N}(x; 0, 1) -->\n\n$$\n\\int p(x) dx = 1\n$$\n",
            ),
        ],
    );
    let output = run_in(&root, &["--format", "concise", "again.md"]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    let out = stdout(&output);
    assert!(
        out.starts_with("again.md:1:10: error[name]: `p` is declared twice")
            && out.contains("declared for every file in verify.toml's `declarations`"),
        "{out}"
    );
}

#[test]
fn each_file_is_governed_by_the_closest_verify_toml() {
    let root = repo(
        "nested",
        &[
            ("verify.toml", "exclude = [\"scratch/\"]\n"),
            ("top.txt", "a + a = 2a\n"),
            ("scratch/wrong.txt", "a + a = 3a\n"),
            // The nested file wins whole: its families, its exclude (relative to
            // its folder), its shared declarations; the root's exclude does not
            // reach into it, and its `format` has no effect in a run from the root.
            (
                "course/verify.toml",
                "families = [\"algebra\", \"definitions\"]\nexclude = [\"old.txt\"]\nformat = \"json\"\ndeclarations = ['let c = 2']\n",
            ),
            ("course/const.txt", "c + c = 4\n"),
            ("course/old.txt", "a = 2a\n"),
            ("course/scratch/kept.txt", "a \\cdot a = a^2\n"),
        ],
    );
    let output = run_in(&root, &["--format", "concise", "."]);
    let (out, err) = (stdout(&output), stderr(&output));
    assert_eq!(output.status.code(), Some(0), "{out}{err}");
    assert!(
        err.contains("course/verify.toml: `format` applies to a whole run"),
        "{err}"
    );
    // From inside the course, its file is the run's: its format applies.
    let inside = run_in(&root.join("course"), &["."]);
    assert!(
        stdout(&inside).starts_with("{\"type\":\"begin\""),
        "{}",
        stdout(&inside)
    );
    // Its families apply to its files only: `\int` needs the Gaussian family.
    std::fs::write(
        root.join("course/gauss.txt"),
        "let p(x) = N(x; 0, 1)\n\\int p(x) dx = 1\n",
    )
    .unwrap();
    std::fs::write(
        root.join("gauss.txt"),
        "let p(x) = N(x; 0, 1)\n\\int p(x) dx = 1\n",
    )
    .unwrap();
    let both = run_in(
        &root,
        &["--format", "concise", "gauss.txt", "course/gauss.txt"],
    );
    let out = stdout(&both);
    assert_eq!(both.status.code(), Some(1), "{out}");
    assert!(
        out.contains("course/gauss.txt:2:")
            && !out.contains("\ngauss.txt:")
            && !out.starts_with("gauss.txt:"),
        "{out}"
    );
    // The command line still wins over the nested file.
    let all = run_in(
        &root,
        &[
            "--format",
            "concise",
            "--families",
            "algebra,gaussian,definitions",
            "course/gauss.txt",
        ],
    );
    assert_eq!(all.status.code(), Some(0), "{}", stdout(&all));
    // `--config` names one file for every file: the nested one is not read, so `c`
    // is a free symbol and `c + c = 4` is wrong.
    let fixed = run_in(
        &root,
        &[
            "--config",
            "verify.toml",
            "--format",
            "concise",
            "course/const.txt",
        ],
    );
    assert_eq!(fixed.status.code(), Some(1), "{}", stdout(&fixed));
    assert!(stdout(&fixed).contains("wrong-step"), "{}", stdout(&fixed));
}

#[test]
fn extensions_choose_what_a_walk_takes_and_an_unknown_one_says_where() {
    let root = repo(
        "extensions",
        &[
            ("verify.toml", "extensions = [\"md\"]\n"),
            ("wrong.txt", "a + a = 3a\n"),
            ("right.md", "$$\na + a = 2a\n$$\n"),
        ],
    );
    let output = run_in(&root, &["--format", "concise", "."]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    // A named file is still checked, as with every walk rule.
    let named = run_in(&root, &["--format", "concise", "wrong.txt"]);
    assert_eq!(named.status.code(), Some(1), "{}", stdout(&named));
    std::fs::write(
        root.join("verify.toml"),
        "strict = true\nextensions = [\"md\", \"qmd\"]\n",
    )
    .unwrap();
    let unknown = run_in(&root, &["."]);
    assert_eq!(unknown.status.code(), Some(2), "{}", stdout(&unknown));
    let err = stderr(&unknown);
    assert!(
        err.contains("verify.toml") && err.contains("line 2") && err.contains("qmd"),
        "{err}"
    );
}

/// Stdin is governed by the `verify.toml` above `--stdin-filename`, as an editor's
/// formatter integration needs.
#[test]
fn stdin_is_governed_by_the_verify_toml_above_its_name() {
    use std::io::Write;
    use std::process::Stdio;
    let root = repo("stdin", &[("notes/verify.toml", SHARED)]);
    let run = |name: &str| {
        let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let mut child = verify()
            .current_dir(&root)
            .args(["--format", "concise", "--stdin-filename", name, "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(b"\\int p(x) dx = 1\n").unwrap();
        drop(pipe);
        child.wait_with_output().unwrap()
    };
    let governed = run("notes/norm.txt");
    assert_eq!(governed.status.code(), Some(0), "{}", stdout(&governed));
    // Elsewhere, `p` is a name nobody declared.
    let elsewhere = run("other/norm.txt");
    assert_eq!(elsewhere.status.code(), Some(2), "{}", stdout(&elsewhere));
}
