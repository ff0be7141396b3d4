//! The command-line conventions: `verify -` reads stdin (named by `--stdin-filename`),
//! `completions` and `man` write what they make, `--version` names the commit and the
//! engine's version, `CLICOLOR_FORCE` colours a pipe, and a mistyped directive gets a
//! "did you mean". This test binary never starts the engine itself (the binaries it
//! runs would wait for its lock).

mod common;

use std::io::Write;
use std::process::{Output, Stdio};
use std::sync::Mutex;

use common::{output_within, verify};

/// The binary runs one copy at a time (unlicensed Symbolica: one engine per user).
static SERIAL: Mutex<()> = Mutex::new(());

fn run(args: &[&str]) -> Output {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    output_within(verify().args(args), 120)
}

/// Run with `stdin` as its standard input.
fn run_with_stdin(args: &[&str], stdin: &str) -> Output {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut child = verify()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("verify starts");
    let mut pipe = child.stdin.take().unwrap();
    let text = stdin.to_string();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(text.as_bytes());
    });
    let output = child.wait_with_output().expect("verify ends");
    writer.join().unwrap();
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn stdin_is_read_as_a_derivation_file_by_default() {
    let output = run_with_stdin(&["--format", "concise", "-"], "a = a + 1\n");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).starts_with("<stdin>:1:5: error[wrong-step]: "),
        "{}",
        stdout(&output)
    );
}

#[test]
fn stdin_filename_names_it_and_says_what_kind_of_file_it_is() {
    let notes = "Some prose.\n\n$$\na + b = b + a\n$$\n";
    let output = run_with_stdin(&["--stdin-filename", "notes/commute.md", "-"], notes);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).starts_with("notes/commute.md"),
        "{}",
        stdout(&output)
    );
    // Read as a derivation file, the prose would be a syntax error.
    let output = run_with_stdin(&["-"], notes);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
}

#[test]
fn stdin_may_be_named_once() {
    let output = run_with_stdin(&["-", "-"], "a = a\n");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("`-` (stdin) may be named once"));
}

#[test]
fn completions_are_written_for_every_shell() {
    for (shell, marker) in [
        ("bash", "_verify()"),
        ("zsh", "#compdef verify"),
        ("fish", "complete -c verify"),
        ("elvish", "edit:completion:arg-completer[verify]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = run(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = stdout(&output);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(script.contains("stdin-filename"), "{shell}");
    }
    let output = run(&["completions", "tcsh"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_man_page_is_roff_with_every_option() {
    let output = run(&["man"]);
    assert_eq!(output.status.code(), Some(0));
    let page = stdout(&output);
    assert!(page.contains(".TH verify 1"), "{page}");
    for option in [
        "stdin\\-filename",
        "format",
        "strict",
        "max\\-step\\-seconds",
    ] {
        assert!(page.contains(option), "{option}");
    }
}

#[test]
fn the_version_names_the_commit_and_the_engine() {
    let output = run(&["--version"]);
    assert_eq!(output.status.code(), Some(0));
    let version = stdout(&output);
    let expected = format!("verify {} (commit ", env!("CARGO_PKG_VERSION"));
    assert!(version.starts_with(&expected), "{version}");
    assert!(
        version.trim_end().ends_with(", Symbolica 3.0.0)"),
        "{version}"
    );
    let commit = version[expected.len()..].split(',').next().unwrap();
    assert!(
        commit == "unknown"
            || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{commit}"
    );
}

#[test]
fn clicolor_force_colours_a_pipe_and_no_color_wins() {
    let file = "tests/fixtures/check/wrong/sign_flip.txt";
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let plain = output_within(verify().arg(file), 120);
    assert!(!stdout(&plain).contains('\u{1b}'));
    let forced = output_within(verify().env("CLICOLOR_FORCE", "1").arg(file), 120);
    assert!(stdout(&forced).contains("\u{1b}["), "{}", stdout(&forced));
    let both = output_within(
        verify()
            .env("CLICOLOR_FORCE", "1")
            .env("NO_COLOR", "1")
            .arg(file),
        120,
    );
    assert!(!stdout(&both).contains('\u{1b}'));
}

#[test]
fn a_mistyped_directive_is_named() {
    let output = run_with_stdin(&["--format", "concise", "-"], "asume a > 0\na = a\n");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout(&output).contains("did you mean `assume`?"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn allow_nothing_checked_passes_a_run_of_prose_only() {
    let dir = common::scratch("prose-only");
    std::fs::write(dir.join("index.md"), "# Notes\n\nNo mathematics here.\n").unwrap();
    let path = dir.to_str().unwrap();
    let without = run(&["--quiet", path]);
    assert_eq!(without.status.code(), Some(1));
    let with = run(&["--quiet", "--allow-nothing-checked", path]);
    assert_eq!(with.status.code(), Some(0));
    // It is still said.
    assert!(
        stdout(&with).contains("nothing was checked"),
        "{}",
        stdout(&with)
    );
    // A wrong step still fails.
    std::fs::write(dir.join("wrong.txt"), "a + a = 3a\n").unwrap();
    let wrong = run(&["--allow-nothing-checked", path]);
    assert_eq!(wrong.status.code(), Some(1));
}

#[test]
fn a_walk_and_force_exclude_pass_over_requirements_and_say_so() {
    let dir = common::scratch("requirements");
    std::fs::write(dir.join("requirements.txt"), "numpy==1.26\n").unwrap();
    std::fs::write(dir.join("steps.txt"), "a + a = 2a\n").unwrap();
    let walked = run(&[dir.to_str().unwrap()]);
    assert_eq!(walked.status.code(), Some(0), "{}", stdout(&walked));
    let stderr = String::from_utf8_lossy(&walked.stderr);
    assert!(
        stderr.contains("passed over 1 .txt file whose first line is not a derivation's:")
            && stderr.contains("requirements.txt"),
        "{stderr}"
    );
    let requirements = dir.join("requirements.txt");
    let named = run(&[requirements.to_str().unwrap()]);
    assert_eq!(named.status.code(), Some(2), "a named file is checked");
    let forced = run(&[
        "--force-exclude",
        "--allow-nothing-checked",
        requirements.to_str().unwrap(),
    ]);
    assert_eq!(forced.status.code(), Some(0), "{}", stdout(&forced));
}

/// `<!-- verify: off -->`, `on` and `skip-next` turn blocks off; each is listed with
/// the comment that did it and counted, and `--strict` does not fail on them.
#[test]
fn blocks_turned_off_are_listed_and_counted() {
    let notes = "# Notes\n\n$$\n(a+b)^2 = a^2 + 2ab + b^2\n$$\n\n\
                 <!-- verify: skip-next -->\n$$\n(a+b)^2 = a^2 + b^2\n$$\n\n\
                 <!-- verify: off -->\n$$\nx = x + 1\n$$\n<!-- verify: on -->\n\n\
                 $$\nx + x = 2x\n$$\n";
    let args = ["--stdin-filename", "notes.md", "-"];
    let human = run_with_stdin(&args, notes);
    assert_eq!(human.status.code(), Some(0), "{}", stdout(&human));
    let out = stdout(&human);
    assert!(
        out.contains("off       line   8  turned off by `<!-- verify: skip-next -->` at line 7"),
        "{out}"
    );
    assert!(
        out.contains("off       line  13  turned off by `<!-- verify: off -->` at line 12"),
        "{out}"
    );
    assert!(
        out.contains("2 steps: 2 verified, 0 wrong, 0 undecided; 2 blocks skipped (2 turned off)"),
        "{out}"
    );
    let strict = run_with_stdin(
        &[
            "--strict",
            "--format",
            "concise",
            "--stdin-filename",
            "notes.md",
            "-",
        ],
        notes,
    );
    assert_eq!(strict.status.code(), Some(0), "{}", stdout(&strict));
    assert!(
        stdout(&strict).contains("notes.md:8:3: note[suppressed]: not checked: turned off by"),
        "{}",
        stdout(&strict)
    );
    let json = run_with_stdin(
        &["--format", "json", "--stdin-filename", "notes.md", "-"],
        notes,
    );
    let turned_off = stdout(&json)
        .lines()
        .filter(|l| l.contains("\"type\":\"skipped\"") && l.contains("\"turned_off\":true"))
        .count();
    assert_eq!(turned_off, 2, "{}", stdout(&json));
}

#[test]
fn globs_and_excludes_choose_the_files_of_a_walk() {
    let dir = common::scratch("globs-cli");
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::write(dir.join("good.txt"), "a + a = 2a\n").unwrap();
    std::fs::write(dir.join("drafts/wrong.txt"), "a + a = 3a\n").unwrap();
    let path = dir.to_str().unwrap();
    assert_eq!(run(&[path]).status.code(), Some(1));
    assert_eq!(run(&["--exclude", "drafts/", path]).status.code(), Some(0));
    assert_eq!(run(&["--glob", "!drafts/**", path]).status.code(), Some(0));
    assert_eq!(run(&["--glob", "drafts/**", path]).status.code(), Some(1));
    let bad = run(&["--exclude", "a[", path]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("invalid glob `a[`"));
}

/// `verify.toml` is found upward from the current folder, the command line wins over
/// it, `--no-config` ignores it, and a mistake in it is an error naming it.
#[test]
fn verify_toml_is_found_upward_and_the_command_line_wins() {
    let repo = common::scratch("config");
    std::fs::create_dir_all(repo.join("notes/drafts")).unwrap();
    std::fs::write(repo.join("notes/good.txt"), "a + a = 2a\n").unwrap();
    std::fs::write(repo.join("notes/drafts/wrong.txt"), "a + a = 3a\n").unwrap();
    std::fs::write(
        repo.join("verify.toml"),
        "exclude = [\"drafts/\"]\nformat = \"concise\"\n",
    )
    .unwrap();
    let in_dir = |dir: &std::path::Path, args: &[&str]| {
        let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        output_within(verify().current_dir(dir).args(args), 120)
    };
    // From a folder below the file, the drafts are left out.
    let below = in_dir(&repo.join("notes"), &["."]);
    assert_eq!(below.status.code(), Some(0), "{}", stdout(&below));
    let ignored = in_dir(&repo.join("notes"), &["--no-config", "."]);
    assert_eq!(ignored.status.code(), Some(1), "{}", stdout(&ignored));
    // The file's format is concise; the command line's wins.
    let concise = in_dir(&repo, &["--no-config", "--format", "concise", "notes"]);
    assert!(
        stdout(&concise).contains("error[wrong-step]"),
        "{}",
        stdout(&concise)
    );
    let from_file = in_dir(&repo, &["--exclude", "nothing", "notes/drafts/wrong.txt"]);
    assert!(
        stdout(&from_file).starts_with("notes/drafts/wrong.txt:1:"),
        "{}",
        stdout(&from_file)
    );
    let json = in_dir(&repo, &["--format", "json", "notes"]);
    assert!(
        stdout(&json).starts_with("{\"type\":\"begin\""),
        "{}",
        stdout(&json)
    );
    // A mistake is exit 2, with the file, line and key.
    std::fs::write(repo.join("broken.toml"), "strict = true\nstrikt = true\n").unwrap();
    let broken = in_dir(&repo, &["--config", "broken.toml", "notes"]);
    assert_eq!(broken.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(
        stderr.contains("broken.toml") && stderr.contains("line 2") && stderr.contains("strikt"),
        "{stderr}"
    );
}
