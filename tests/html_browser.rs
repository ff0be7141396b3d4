//! The HTML report in a real browser: headless Chromium (Debian's `chromium`) opens
//! the page `verify --format html` writes for the seed post and for a note with a
//! wrong step, and the DOM it ends with must hold, for every step, a formula KaTeX
//! typeset (`.katex`, no `.katex-error`) and the mark of its verdict. A screenshot of
//! each is saved under `target/html-browser/` for review (the README's is in `docs/`).
//!
//! No request may be made: the page's Content-Security-Policy forbids every fetch, so a
//! page that tried one would log a violation, and Chromium's log is read for any.
//!
//! The test's setup installs Debian's Chromium when it is missing and the machine can
//! (`apt-get` as root, as on a fresh machine of this project's kind; `.ci/run` does the
//! same first); `VERIFY_CHROMIUM` names another binary. Without one this test fails,
//! saying how to install it: a browser test that silently passes would prove nothing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{output_within, root, scratch, verify};

fn chromium() -> PathBuf {
    let path = std::env::var_os("VERIFY_CHROMIUM")
        .filter(|p| !p.is_empty())
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if !path.exists() && std::env::var_os("VERIFY_CHROMIUM").is_none() {
        install_chromium();
    }
    assert!(
        path.exists(),
        "Chromium is needed for the HTML report's browser test and was not found at \
         {}. Install it with `DEBIAN_FRONTEND=noninteractive apt-get \
         install -y chromium` (what .ci/run does), or set VERIFY_CHROMIUM to a Chromium \
         or Chrome binary.",
        path.display()
    );
    path
}

/// `apt-get install chromium`, once per test run, when apt-get is there and we are
/// root; its failure leaves the assertion above to explain.
fn install_chromium() {
    static INSTALLED: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    INSTALLED.get_or_init(|| {
        let root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout == b"0\n");
        if !root || !Path::new("/usr/bin/apt-get").exists() {
            return;
        }
        eprintln!("html_browser: installing Debian's chromium (a minute or two)");
        let apt = |args: &[&str]| {
            Command::new("apt-get")
                .args(args)
                .env("DEBIAN_FRONTEND", "noninteractive")
                .status()
                .is_ok_and(|s| s.success())
        };
        let _ = apt(&["update", "-qq"]) && apt(&["install", "-y", "-qq", "chromium"]);
    });
}

/// Chromium, headless and quiet: no sandbox (CI runs as root), no GPU, no background
/// traffic of its own, a fresh profile in `profile`.
fn browser(profile: &Path) -> Command {
    let mut cmd = Command::new(chromium());
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

/// The page `verify --format html ARGS` writes for `fixture`, saved in `dir` as
/// `NAME.html`.
fn page(fixture: &str, args: &[&str], name: &str, dir: &Path, expected_code: i32) -> PathBuf {
    let out = output_within(
        verify().args(["--format", "html"]).args(args).arg(fixture),
        120,
    );
    assert_eq!(
        out.status.code(),
        Some(expected_code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.join(format!("{name}.html"));
    std::fs::write(&path, &out.stdout).unwrap();
    path
}

/// The rendered DOM of `page` and what Chromium logged.
fn dump_dom(page: &Path, profile: &Path) -> (String, String) {
    let url = format!("file://{}", page.display());
    let out = output_within(browser(profile).arg("--dump-dom").arg(&url), 120);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn screenshot(page: &Path, profile: &Path, png: &Path) {
    let url = format!("file://{}", page.display());
    let out = output_within(
        browser(profile)
            .arg("--window-size=1200,1400")
            .arg("--hide-scrollbars")
            .arg(format!("--screenshot={}", png.display()))
            .arg(&url),
        120,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(png).expect("a screenshot was written");
    assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
}

/// Every step of the DOM, in order: its mark and its list item's markup.
fn steps(dom: &str) -> Vec<(String, &str)> {
    dom.split("<li class=\"step ")
        .skip(1)
        .map(|item| {
            let item = &item[..item.find("</li>").expect("a step item ends")];
            let mark = item
                .split("data-mark=\"")
                .nth(1)
                .and_then(|m| m.split('"').next())
                .expect("a step has a data-mark")
                .to_string();
            (mark, item)
        })
        .collect()
}

/// Checks one page: the marks, in order ("·" for a chain's start), a typeset formula in
/// every step and every final form, no request. Returns the DOM.
fn check_page(fixture: &str, expected_code: i32, marks: &str, finals: usize) -> String {
    check_page_with(fixture, &[], expected_code, marks, finals)
}

fn check_page_with(
    fixture: &str,
    args: &[&str],
    expected_code: i32,
    marks: &str,
    finals: usize,
) -> String {
    let dir = root().join("target/html-browser");
    std::fs::create_dir_all(&dir).unwrap();
    let stem = Path::new(fixture).file_stem().unwrap().to_string_lossy();
    let name = match args.is_empty() {
        true => stem.into_owned(),
        false => format!("{stem}-with-options"),
    };
    let profile = scratch(&format!("chromium-{name}"));
    let page = page(fixture, args, &name, &dir, expected_code);
    let (dom, log) = dump_dom(&page, &profile);
    let steps = steps(&dom);
    let got: String = steps
        .iter()
        .map(|(mark, _)| if mark.is_empty() { "·" } else { mark.as_str() })
        .collect();
    assert_eq!(got, marks, "the marks of {fixture}");
    for (i, (mark, item)) in steps.iter().enumerate() {
        let formula = item
            .split("<div class=\"formula\">")
            .nth(1)
            .expect("a step has a formula");
        assert!(
            formula.contains("class=\"katex\""),
            "step {} of {fixture} is not typeset: {item}",
            i + 1
        );
        // KaTeX shows a command it does not know in its error colour.
        assert!(
            !item.contains("katex-error")
                && !item.contains("tex-failed")
                && !item.contains("#cc0000"),
            "KaTeX could not read step {} of {fixture}: {item}",
            i + 1
        );
        // The mark is shown, not only an attribute.
        assert!(
            item.contains("<span class=\"mark\" title=\"")
                && item.contains(&format!("\">{mark}</span>")),
            "step {} of {fixture} shows no mark {mark}: {item}",
            i + 1
        );
    }
    let final_forms: Vec<&str> = dom.split("<div class=\"final\">").skip(1).collect();
    assert_eq!(final_forms.len(), finals, "final forms of {fixture}");
    for f in final_forms {
        let f = &f[..f.find("</div>").unwrap()];
        assert!(
            f.contains("class=\"katex"),
            "a final form is not typeset: {f}"
        );
        assert!(
            !f.contains("#cc0000"),
            "a final form KaTeX could not read: {f}"
        );
    }
    assert!(
        !log.contains("Content Security Policy") && !log.contains("Refused to"),
        "the page tried a request its policy forbids:\n{log}"
    );
    let png = dir.join(format!("{name}.png"));
    screenshot(&page, &profile, &png);
    let _ = std::fs::remove_dir_all(&profile);
    dom
}

#[test]
fn the_seed_post_is_typeset_with_a_mark_on_every_step() {
    check_page(
        "tests/fixtures/notes/gauss_kl_blog.md",
        0,
        "·✓✓✓✓✓✓✓✓✓✓✓✓",
        2,
    );
}

#[test]
fn plots_are_drawn_inline_in_the_page() {
    let dom = check_page_with(
        "tests/fixtures/notes/gauss_kl_blog.md",
        &["--plot", "sigma_1=0.5..2"],
        0,
        "·✓✓✓✓✓✓✓✓✓✓✓✓",
        2,
    );
    let figures: Vec<&str> = dom.split("<figure class=\"plot\">").skip(1).collect();
    assert_eq!(figures.len(), 2, "a plot under each final form");
    for f in figures {
        assert!(f.starts_with("<svg"), "{}", &f[..200.min(f.len())]);
        assert!(f.contains("<polyline"), "a curve is drawn");
        assert!(f.contains("<figcaption>"), "with its caption");
    }
}

#[test]
fn a_notes_own_macros_are_typeset_as_it_defines_them() {
    // `\E`, `\Var` (a `\DeclareMathOperator`), `\dd`, and `\R`, which KaTeX has too.
    check_page(
        "tests/fixtures/notes/real/lecture_macros.tex",
        0,
        "·✓✓·✓✓✓",
        2,
    );
}

#[test]
fn a_wrong_step_is_marked_with_its_witness_and_hint() {
    let fixture = "tests/fixtures/notes/variance_slip.md";
    check_page(fixture, 1, "·✓✓✗·✓", 2);
    let dir = root().join("target/html-browser");
    let profile = scratch("chromium-witness");
    let (dom, _) = dump_dom(&dir.join("variance_slip.html"), &profile);
    let wrong = steps(&dom)
        .into_iter()
        .find(|(mark, _)| mark == "✗")
        .unwrap()
        .1;
    assert!(wrong.contains("Witness: at μ = 0.5, σ = 0.75"), "{wrong}");
    assert!(
        wrong.contains("Hint: the step holds if the term 2μ² is left out"),
        "{wrong}"
    );
    let difference = wrong.split("class=\"difference\"").nth(1).unwrap();
    assert!(
        difference.contains("class=\"katex\""),
        "the difference is typeset"
    );
    let _ = std::fs::remove_dir_all(&profile);
}
