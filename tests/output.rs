//! Where the binary's output goes, and what it survives: Symbolica's log lines kept
//! off stdout, a closed stdout that keeps the failing status, a full stderr, and file
//! names that try to write terminal escapes or workflow commands.
//!
//! Symbolica (unlicensed) allows one engine per user at a time; the runs here are one
//! at a time (`SERIAL`), and wait for any other `verify` through the engine lock.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Output, Stdio};
use std::sync::Mutex;

use common::{scratch, verify};

static SERIAL: Mutex<()> = Mutex::new(());

const VERIFIED: &str = "tests/fixtures/check/verified/gaussian_moments.txt";
const WRONG: &str = "tests/fixtures/check/wrong/sign_flip.txt";

fn run(cmd: &mut std::process::Command) -> Output {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    cmd.output().expect("verify runs")
}

fn dev_full() -> Stdio {
    Stdio::from(
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full"),
    )
}

/// A file in which Symbolica logs a warning (`0^0` inside an integral, which reaches
/// Symbolica before anything refuses it), in a fresh folder.
fn warning_input() -> std::path::PathBuf {
    let path = scratch("symbolica-warns").join("zero.txt");
    let text = "let p(x) = N(x; 0, 1)\n\\int 0^{0} p(x) dx = 1\n";
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn symbolica_log_lines_go_to_stderr_and_json_stays_json() {
    let input = warning_input();
    let output = run(verify().args(["--format", "json"]).arg(&input));
    assert_eq!(output.status.code(), Some(1), "0^0 is undefined: undecided");
    let stdout = String::from_utf8(output.stdout).unwrap();
    for line in stdout.lines() {
        let parsed = serde_json::from_str::<serde_json::Value>(line);
        assert!(parsed.is_ok(), "not JSON: {line:?}");
    }
    assert!(!stdout.contains('\x1b'), "{stdout}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("WARN") && stderr.contains("symbolica"),
        "the warning is kept, on stderr: {stderr}"
    );
    assert!(
        !stderr.contains('\x1b'),
        "no colour: stderr is not a terminal"
    );
}

#[test]
fn a_stdout_closed_at_once_keeps_the_failing_status() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut child = verify()
        .arg(WRONG)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn a_stdout_closed_after_the_first_line_keeps_the_failing_status() {
    // `verify a.txt wrong.txt | head -1`: the reader goes after the first file's first
    // line, while the wrong file is still being checked.
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut child = verify()
        .args([VERIFIED, WRONG])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first, format!("{VERIFIED}\n"));
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn a_full_stderr_changes_nothing() {
    // With the licence notice on, so that it too meets the full disk.
    let output = run(verify()
        .env_remove("SYMBOLICA_HIDE_BANNER")
        .arg("derivations/gauss_kl.txt")
        .stderr(dev_full()));
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.starts_with("derivations/gauss_kl.txt\n"), "{stdout}");
    assert!(stdout.contains("13 steps: 13 verified, 0 wrong, 0 undecided"));

    // A warning from Symbolica, and one of ours, each written to the full disk.
    let input = warning_input();
    let output = run(verify()
        .args(["--format", "json"])
        .arg(&input)
        .stderr(dev_full()));
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.lines().last().unwrap().contains(r#""type":"run""#));
    let output = run(verify().arg("no/such/file.txt").stderr(dev_full()));
    assert_eq!(output.status.code(), Some(2), "not a panic (101)");
}

#[test]
fn a_file_name_cannot_write_escapes_or_workflow_commands() {
    let dir = scratch("file-names");
    let name = "a\nb::error file=x::boom\x1b[31m.txt";
    std::fs::write(dir.join(name), "a + a = 3a\n").unwrap();
    let path = dir.join(name).display().to_string();

    let human = run(verify().arg(&dir));
    assert_eq!(human.status.code(), Some(1));
    let stdout = String::from_utf8(human.stdout).unwrap();
    assert!(!stdout.contains('\x1b'), "{stdout}");
    assert!(
        stdout.lines().all(|line| !line.starts_with("::")),
        "{stdout}"
    );
    assert!(
        stdout.contains("a\\nb::error file=x::boom\\x1b[31m.txt"),
        "shown escaped: {stdout}"
    );
    assert!(
        stdout
            .lines()
            .filter(|line| line.contains("boom"))
            .all(|line| line.contains("a\\nb::error")),
        "the name is never split across lines: {stdout}"
    );

    let github = run(verify().args(["--format", "github"]).arg(&dir));
    let stdout = String::from_utf8(github.stdout).unwrap();
    assert!(!stdout.contains('\x1b'), "{stdout}");
    let commands: Vec<&str> = stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(
        commands.len(),
        1,
        "one annotation, no injected one: {stdout}"
    );
    assert!(
        commands[0].contains("a%0Ab%3A%3Aerror file=x%3A%3Aboom\\x1b[31m.txt,line=1,"),
        "{stdout}"
    );

    let json = run(verify().args(["--format", "json"]).arg(&dir));
    let stdout = String::from_utf8(json.stdout).unwrap();
    // The first line is the run's `begin` record; the next is about the file.
    let step: serde_json::Value = serde_json::from_str(stdout.lines().nth(1).unwrap()).unwrap();
    assert_eq!(step["file"], path.as_str(), "JSON keeps the name exactly");

    // And a file that cannot be read, named on stderr.
    let missing = dir.join("gone\x1b[2J.txt");
    let output = run(verify().arg(&missing));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("gone\\x1b[2J.txt"), "{stderr}");
    assert!(!stderr.contains('\x1b'), "{stderr}");
}
