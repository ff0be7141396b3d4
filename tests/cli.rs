//! The `verify` binary as users run it: exit codes, a run that checked nothing,
//! byte-order marks, colour, the licence notice, broken pipes, and two processes at
//! once. (`tests/output.rs` has stdout and stderr under stress; `tests/lock.rs` the
//! engine lock.)
//!
//! Symbolica (unlicensed) allows one engine per user at a time, so these tests run the
//! binary one copy at a time (`SERIAL`), except the test that checks that two copies
//! started together wait for each other instead of crashing.

mod common;

use std::process::{Output, Stdio};
use std::sync::Mutex;

use common::{root, scratch, verify};

static SERIAL: Mutex<()> = Mutex::new(());

fn run(args: &[&str]) -> Output {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    verify().args(args).output().expect("verify runs")
}

/// Exit code, stdout and stderr in one block, for snapshots; the run's time, the
/// one thing that changes from run to run, is replaced by `…`.
fn transcript(output: &Output) -> String {
    let text = format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output
            .status
            .code()
            .map_or("signal".into(), |c| c.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    // Another `verify` of the same user (a developer's, say) makes this one wait and
    // say so; that is tested on its own below, and is not part of these transcripts.
    text.lines()
        .filter(|line| !line.starts_with("verify: waiting for another verify process"))
        .map(redact_time)
        .map(|line| line + "\n")
        .collect()
}

/// `… skipped (0.42 s)` → `… skipped (… s)`.
fn redact_time(line: &str) -> String {
    match (line.rfind(" ("), line.ends_with(" s)")) {
        (Some(open), true) => format!("{} (… s)", &line[..open]),
        _ => line.to_string(),
    }
}

#[test]
fn the_main_command_verifies_the_seed() {
    let output = run(&["derivations/gauss_kl.txt"]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("13 steps: 13 verified, 0 wrong, 0 undecided"));
    assert!(stdout.contains("final form: log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − 1/2"));
}

#[test]
fn a_wrong_step_exits_1_with_a_witness() {
    let output = run(&["tests/fixtures/check/wrong/last_line_plus.txt"]);
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn a_syntax_error_exits_2_with_the_line_underlined() {
    let output = run(&["tests/fixtures/parse/err/unclosed_frac.txt"]);
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn an_unreadable_file_exits_2_and_the_others_are_still_checked() {
    let output = run(&[
        "no/such/file.txt",
        "tests/fixtures/check/verified/gaussian_moments.txt",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("verify: cannot read no/such/file.txt"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("6 verified"));
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["--no-such-flag", "x.txt"]).status.code(), Some(2));
    assert_eq!(
        run(&["--families", "magic", "x.txt"]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["--help"]).status.code(), Some(0));
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let fixture = "tests/fixtures/check/verified/gaussian_moments.txt";
    let coloured = run(&["--color", "always", fixture]);
    assert!(coloured.stdout.contains(&0x1b));
    let plain = run(&[fixture]);
    assert!(!plain.stdout.contains(&0x1b), "not a terminal: no colour");
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let no_color = verify().env("NO_COLOR", "1").arg(fixture).output().unwrap();
    assert!(!no_color.stdout.contains(&0x1b));
}

#[test]
fn switching_off_the_gaussian_family_leaves_integrals_undecided() {
    let output = run(&[
        "--families",
        "algebra,log-exp,linearity,definitions",
        "tests/fixtures/check/verified/gaussian_moments.txt",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("undecided"));
}

#[test]
fn the_licence_notice_never_reaches_stdout() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let output = verify()
        .env_remove("SYMBOLICA_HIDE_BANNER")
        .arg("derivations/gauss_kl.txt")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("derivations/gauss_kl.txt\n"), "{stdout}");
    assert!(!stdout.contains("Symbolica"));
}

#[test]
fn two_processes_at_once_wait_for_each_other() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let children: Vec<_> = (0..2)
        .map(|_| {
            verify()
                .arg("derivations/gauss_kl.txt")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut child = verify()
        .arg("derivations/gauss_kl.txt")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn input_files_are_never_changed() {
    let path = root().join("tests/fixtures/check/wrong/step8_minus_one.txt");
    let before = std::fs::read(&path).unwrap();
    let output = run(&["tests/fixtures/check/wrong/step8_minus_one.txt"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn json_output_stays_valid_with_the_licence_notice_on() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let output = verify()
        .env_remove("SYMBOLICA_HIDE_BANNER")
        .args(["--format", "json", "derivations/gauss_kl.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    for line in stdout.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("a JSON object per line");
    }
    assert!(stdout
        .lines()
        .last()
        .unwrap()
        .contains(r#""status":"verified""#));
}

#[test]
fn github_annotations_point_at_the_wrong_step() {
    let output = run(&[
        "--format",
        "github",
        "tests/fixtures/check/wrong/last_line_plus.txt",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "one annotation and the summary: {stdout}");
    assert!(lines[0]
        .starts_with("::error file=tests/fixtures/check/wrong/last_line_plus.txt,line=21,col=4,"));
    assert!(lines[1].starts_with("1 file, 2 chains, 13 steps: 12 verified, 1 wrong"));
}

#[test]
fn json_of_the_seed_lists_its_12_steps_and_the_specialisation() {
    let output = run(&["--format", "json", "derivations/gauss_kl.txt"]);
    assert_eq!(output.status.code(), Some(0));
    let records: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON object per line"))
        .collect();
    let steps: Vec<&serde_json::Value> = records.iter().filter(|r| r["type"] == "step").collect();
    let in_chain = |chain: u64| steps.iter().filter(|r| r["chain"] == chain).count();
    // Step 0 is the definition line checked against the meaning of KL(p, q).
    assert_eq!(in_chain(0), 12, "the KL chain's 12 steps");
    assert_eq!(in_chain(1), 1, "the specialisation");
    assert!(steps.iter().all(|r| r["verdict"] == "verified"));
    let specialisation = steps.iter().find(|r| r["chain"] == 1).unwrap();
    assert_eq!(
        specialisation["against"], 0,
        "checked against the chain's value"
    );
    let run = records.last().unwrap();
    assert_eq!(
        (run["type"].as_str(), run["steps"].as_u64()),
        (Some("run"), Some(13))
    );
}

#[test]
fn every_format_from_the_binary_on_a_wrong_step() {
    let fixture = "tests/fixtures/diagnostics/wrong.txt";
    let expectations = [
        ("human", "--> tests/fixtures/diagnostics/wrong.txt:2:13"),
        ("json", r#""verdict":"wrong""#),
        (
            "github",
            "::error file=tests/fixtures/diagnostics/wrong.txt,line=2,col=13,",
        ),
    ];
    for (format, expected) in expectations {
        let output = run(&["--format", format, fixture]);
        assert_eq!(output.status.code(), Some(1), "{format}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(stdout.contains(expected), "{format}: {stdout}");
    }
}

#[test]
fn quiet_prints_only_failures() {
    let output = run(&["--quiet", "derivations/gauss_kl.txt"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
    let output = run(&["-q", "tests/fixtures/check/wrong/step8_minus_one.txt"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("error[wrong-step]: step 8"), "{stdout}");
    assert!(!stdout.contains('✓'), "no verified step: {stdout}");
    assert!(!stdout.contains("final form"), "{stdout}");
}

#[test]
fn explain_shows_the_normal_forms_compared() {
    let output = run(&["--explain", "tests/fixtures/check/wrong/sign_flip.txt"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("normal form of step 1: a² + b² − 2ab"),
        "{stdout}"
    );
    assert!(
        stdout.contains("normal form of this step: 2ab + a² + b²"),
        "{stdout}"
    );
    let output = run(&[
        "--format",
        "json",
        "--explain",
        "tests/fixtures/check/wrong/sign_flip.txt",
    ]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains(r#""normal_forms":{"previous":"a² + b² − 2ab""#),
        "{stdout}"
    );
}

#[test]
fn a_folder_is_checked_recursively_with_one_summary() {
    // The real notes below `real/` have tests of their own (tests/notes.rs).
    let output = run(&["--exclude", "real/", "tests/fixtures/notes"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    // variance_slip.md has a wrong step; the others verify or skip.
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    for file in [
        "entropy.tex",
        "gauss_kl_blog.md",
        "mahalanobis.md",
        "mixed_blocks.md",
        "mle_mean.md",
        "variance_slip.md",
    ] {
        assert!(
            stdout.contains(&format!("tests/fixtures/notes/{file}")),
            "{file}"
        );
    }
    let last = stdout.lines().last().unwrap();
    assert!(last.starts_with("6 files, "), "{last}");
    assert!(last.contains("1 wrong"), "{last}");
    let strict = run(&["--strict", "tests/fixtures/notes/mixed_blocks.md"]);
    assert_eq!(strict.status.code(), Some(1));
    let lenient = run(&["tests/fixtures/notes/mixed_blocks.md"]);
    assert_eq!(lenient.status.code(), Some(0));
}

#[test]
fn limits_are_flags() {
    let fixture = "tests/fixtures/limits/power_of_sum.txt";
    let default = run(&[fixture]);
    assert_eq!(default.status.code(), Some(1));
    let stdout = String::from_utf8(default.stdout).unwrap();
    assert!(
        stdout.contains("exponent 100 exceeds the limit of 64"),
        "{stdout}"
    );
    let raised = run(&["--max-power-of-sum", "100", fixture]);
    assert_eq!(raised.status.code(), Some(0));
    let nonsense = run(&["--max-step-seconds", "-1", fixture]);
    assert_eq!(nonsense.status.code(), Some(2));
}

/// `text` written to `name` in a fresh folder; the file's path.
fn file_with(name: &str, text: &str) -> std::path::PathBuf {
    let path = scratch(&format!("cli-{}", name.replace('/', "-"))).join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn json_records(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON object per line"))
        .collect()
}

#[test]
fn a_run_that_checked_nothing_is_not_green() {
    let cases = [
        ("empty.txt", "", "the file is empty"),
        (
            "name.txt",
            "y = 2\n",
            "`y = 2` gives a value a name; there is no step to check",
        ),
        (
            "label.txt",
            "\\mathrm{MSE}(x) = 1\n",
            "`\\mathrm{MSE}(x) = 1` gives a value a name",
        ),
        (
            "declarations.txt",
            "let c = 2\nassume a > 0\n",
            "it holds no chain of equalities, only declarations and comments",
        ),
        (
            "skipped.md",
            "# Notes\n\n$$a^2 + b^2$$\n",
            "its only block was set aside: `a^2 + b^2` is a single expression",
        ),
        (
            "prose.md",
            "# Notes\n\nNo mathematics at all.\n",
            "it holds no display math that is a chain of equalities",
        ),
    ];
    for (name, text, why) in cases {
        let path = file_with(name, text);
        let output = run(&["--format", "json", path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        let records = json_records(&output);
        let summary = records.iter().find(|r| r["type"] == "summary").unwrap();
        assert_eq!(summary["status"], "nothing_checked", "{name}");
        let reason = summary["reason"].as_str().unwrap();
        assert!(reason.contains(why), "{name}: {reason}");
        let run_record = records.last().unwrap();
        assert_eq!(run_record["status"], "nothing_checked", "{name}");

        let human = run(&[path.to_str().unwrap()]);
        assert_eq!(human.status.code(), Some(1), "{name}");
        let stdout = String::from_utf8(human.stdout).unwrap();
        assert!(stdout.contains("nothing was checked: "), "{stdout}");
        assert!(stdout.contains(why), "{name}: {stdout}");

        let quiet = run(&["--quiet", path.to_str().unwrap()]);
        assert_eq!(quiet.status.code(), Some(1), "{name}");
        let stdout = String::from_utf8(quiet.stdout).unwrap();
        assert!(stdout.contains("nothing was checked"), "--quiet: {stdout}");

        let github = run(&["--format", "github", path.to_str().unwrap()]);
        assert_eq!(github.status.code(), Some(1), "{name}");
        let stdout = String::from_utf8(github.stdout).unwrap();
        assert!(
            stdout.contains("title=verify%3A nothing checked::nothing was checked: "),
            "{stdout}"
        );
    }
    // A folder with nothing to check in it.
    let empty = scratch("cli-empty-folder");
    let output = run(&["--format", "json", empty.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let run_record = json_records(&output).pop().unwrap();
    assert_eq!(run_record["reason"], "no file to check was found");
}

#[test]
fn a_file_with_nothing_checked_is_reported_in_a_run_that_checked_others() {
    let empty = file_with("only-a-name.txt", "y = 2\n");
    let output = run(&[
        "--format",
        "json",
        empty.to_str().unwrap(),
        "tests/fixtures/check/verified/gaussian_moments.txt",
    ]);
    assert_eq!(output.status.code(), Some(0), "the run checked steps");
    let records = json_records(&output);
    let summaries: Vec<_> = records.iter().filter(|r| r["type"] == "summary").collect();
    assert_eq!(summaries[0]["status"], "nothing_checked");
    assert_eq!(summaries[1]["status"], "verified");
    let run_record = records.last().unwrap();
    assert_eq!(run_record["status"], "verified");
    assert_eq!(run_record["files_nothing_checked"], 1);
    let human = run(&[
        empty.to_str().unwrap(),
        "tests/fixtures/check/verified/gaussian_moments.txt",
    ]);
    let stdout = String::from_utf8(human.stdout).unwrap();
    assert!(
        stdout
            .lines()
            .last()
            .unwrap()
            .contains("; 1 file with nothing checked"),
        "{stdout}"
    );
}

#[test]
fn a_byte_order_mark_is_accepted_in_every_kind_of_file() {
    let bom = "\u{feff}";
    let cases = [
        ("bom.txt", format!("{bom}(a + b)^2 = a^2 + 2ab + b^2\n")),
        (
            "bom.md",
            format!("{bom}$$\n(a + b)^2 = a^2 + 2ab + b^2\n$$\n"),
        ),
        (
            "bom.tex",
            format!("{bom}\\[\n(a + b)^2 = a^2 + 2ab + b^2\n\\]\n"),
        ),
    ];
    for (name, text) in cases {
        let path = file_with(name, &text);
        let output = run(&[path.to_str().unwrap()]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(0), "{name}: {stdout}");
        assert!(stdout.contains("1 verified"), "{name}: {stdout}");
    }
    // Columns on line 1 are the ones an editor shows, which hides the mark.
    let path = file_with("bom-wrong.txt", &format!("{bom}a = a + 1\n"));
    let output = run(&["--format", "json", path.to_str().unwrap()]);
    let records = json_records(&output);
    let step = records.iter().find(|r| r["type"] == "step").unwrap();
    assert_eq!(
        (step["line"].as_u64(), step["column"].as_u64()),
        (Some(1), Some(5))
    );
}
