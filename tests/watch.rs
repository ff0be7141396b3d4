//! `verify --watch`: started on a file, it reports; the file is edited, and the new
//! verdict follows without a restart; so does a page written with `--output`. This
//! binary never starts the engine itself (the `verify` it runs waits for its lock).

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{scratch, verify};

/// The child's stdout, line by line, on a channel.
fn lines(child: &mut Child) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Waits for a line containing `text`, for at most `seconds`.
fn wait_for(rx: &mpsc::Receiver<String>, text: &str, seconds: u64) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(line) if line.contains(text) => return Ok(()),
            Ok(line) => seen.push(line),
            Err(_) => break,
        }
    }
    Err(format!(
        "no line with {text:?} within {seconds} s; saw:\n{}",
        seen.join("\n")
    ))
}

/// Kills the watcher (it runs until interrupted) however the test ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn an_edit_is_checked_again_without_a_restart() {
    let dir = scratch("watch");
    let file = dir.join("steps.txt");
    std::fs::write(&file, "a + a\n= 2a\n").unwrap();
    let mut child = Running(
        verify()
            .arg("--watch")
            .arg(&file)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("verify starts"),
    );
    let rx = lines(&mut child.0);
    wait_for(&rx, "1 verified, 0 wrong", 300).unwrap();
    // The watcher is set up before the first run; an edit now is seen.
    std::fs::write(&file, "a + a\n= 3a\n").unwrap();
    wait_for(&rx, "0 verified, 1 wrong", 120).unwrap();
    // And back, by writing a new file and renaming it over the old one, as editors do.
    let new = dir.join("steps.txt.new");
    std::fs::write(&new, "a + a\n= 2a\n").unwrap();
    std::fs::rename(&new, &file).unwrap();
    wait_for(&rx, "1 verified, 0 wrong", 120).unwrap();
    drop(child);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_watched_html_page_is_rewritten_whole() {
    let dir = scratch("watch-html");
    let file = dir.join("steps.txt");
    let page = dir.join("report.html");
    std::fs::write(&file, "a + a\n= 2a\n").unwrap();
    let child = Running(
        verify()
            .args(["--watch", "--format", "html", "--output"])
            .arg(&page)
            .arg(&file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("verify starts"),
    );
    let has = |text: &str, seconds: u64| {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        while Instant::now() < deadline {
            let html = std::fs::read_to_string(&page).unwrap_or_default();
            if html.contains(text) {
                assert!(html.trim_end().ends_with("</html>"), "a whole page");
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    };
    assert!(has("data-mark=\"✓\"", 300), "the first page");
    std::fs::write(&file, "a + a\n= 3a\n").unwrap();
    assert!(has("data-mark=\"✗\"", 120), "the page after the edit");
    drop(child);
    let _ = std::fs::remove_dir_all(&dir);
}
