//! The HTML page around the files: a self-contained document (KaTeX, its fonts, the
//! style and the one typesetting script all inline), a summary and legend at the top,
//! a list of the files when there are several.
//!
//! The page's Content-Security-Policy forbids every fetch: no `src`, no `connect`, no
//! frame; fonts and images only from `data:` URLs; scripts only those whose SHA-256 is
//! listed (KaTeX's and ours), so even a formula that escaped its escaping could not
//! run a script. The browser test checks that a page needs nothing more.

use std::fmt::Write as _;
use std::sync::OnceLock;

use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::assets;
use crate::report::escape::html;
use crate::report::run::RunSummary;
use crate::report::ExitStatus;

/// Typesets every `.tex` element in place, each file's with the macros its text
/// defines (its `.tex-preamble`, one definition a line, read once into that file's own
/// table). A formula
/// KaTeX cannot read is shown as its source in red with KaTeX's message on hover
/// (`throwOnError: false`), never dropped.
const TYPESET: &str = r#"document.querySelectorAll("section.file").forEach(function (file) {
  var macros = {};
  var preamble = file.querySelector(".tex-preamble");
  if (preamble) {
    // One definition a line, each on its own, so one KaTeX refuses (a \newcommand of
    // a command it has, such as \R) does not lose the rest: that one is retried as
    // \renewcommand, the author's meaning winning.
    preamble.textContent.split("\n").forEach(function (line) {
      var options = { macros: macros, globalGroup: true, throwOnError: true };
      try {
        katex.renderToString(line, options);
      } catch (err) {
        try {
          katex.renderToString(line.replace(/^\\newcommand/, "\\renewcommand"), options);
        } catch (again) {}
      }
    });
  }
  file.querySelectorAll(".tex").forEach(function (e) {
    try {
      katex.render(e.textContent, e, {
        displayMode: e.classList.contains("display"),
        throwOnError: false,
        macros: macros
      });
    } catch (err) {
      e.classList.add("tex-failed");
      e.title = String(err);
    }
  });
});
"#;

const STYLE: &str = r#"
:root { color-scheme: light; --ok: #1b7f3a; --bad: #b3261e; --maybe: #9a6700; --muted: #5f6368; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; color: #1f1f1f; }
header.run { border-bottom: 1px solid #ddd; margin-bottom: 1rem; }
header.run h1 { font-size: 1.5rem; margin: .2rem 0; }
.summary { font-weight: 600; }
.summary.verified { color: var(--ok); } .summary.failed, .summary.error { color: var(--bad); } .summary.nothing-checked { color: var(--maybe); }
.legend { color: var(--muted); font-size: .9rem; }
.legend span { margin-right: 1.2em; }
section.file { margin: 1.5rem 0 2.5rem; }
section.file > h2 { font-size: 1.2rem; font-family: ui-monospace, monospace; word-break: break-all; }
.badge { font-family: system-ui, sans-serif; }
.file.verified > h2 .badge { color: var(--ok); } .file.failed > h2 .badge, .file.error > h2 .badge { color: var(--bad); } .file.nothing-checked > h2 .badge { color: var(--maybe); }
.tally { color: var(--muted); margin: .2rem 0 .8rem; }
section.chain { border: 1px solid #e3e3e3; border-radius: 8px; padding: .4rem 1rem .8rem; margin: 1rem 0; }
section.chain h3 { font-size: 1.05rem; font-weight: 600; }
.where { color: var(--muted); font-size: .85em; font-weight: normal; white-space: nowrap; }
ol.steps { list-style: none; padding: 0; margin: 0; }
li.step { display: grid; grid-template-columns: 1.6em 2em 1.2em minmax(0, 1fr) minmax(13rem, 20rem); gap: 0 .7em; align-items: center; padding: .25rem .5rem; border-left: 4px solid transparent; border-radius: 4px; margin: .15rem 0; }
li.step.verified { border-left-color: var(--ok); }
li.step.wrong { border-left-color: var(--bad); background: #fdecea; }
li.step.undecided { border-left-color: var(--maybe); background: #fff6db; }
li.step.inconsistent { border-left-color: var(--bad); background: #f3e5f5; }
.mark { font-weight: 700; font-size: 1.25em; text-align: center; }
.verified .mark { color: var(--ok); } .wrong .mark, .inconsistent .mark { color: var(--bad); } .undecided .mark { color: var(--maybe); }
.number { color: var(--muted); text-align: right; font-variant-numeric: tabular-nums; }
.relation { font-family: KaTeX_Main, serif; font-size: 1.2em; text-align: center; }
.formula { overflow-x: auto; overflow-y: hidden; padding: .15rem 0; }
.formula .katex-display { margin: 0; text-align: left; }
.formula .katex-display > .katex { text-align: left; }
.why { font-size: .88rem; color: #3c4043; }
.why p { margin: .1rem 0; }
.rule { font-weight: 600; }
.wrong .rule, .inconsistent .rule { color: var(--bad); } .undecided .rule { color: var(--maybe); }
.hint { color: #0b57d0; }
.author { font-style: italic; color: var(--muted); }
.final { display: flex; align-items: center; gap: 1em; margin-top: .6rem; padding: .4rem .8rem; background: #f4f8f4; border-radius: 6px; }
.final .label { font-weight: 600; white-space: nowrap; }
.final .katex-display { margin: 0; }
.final.none { background: #f6f6f6; color: var(--muted); }
section.skipped ul, ul.errors, ul.declared { padding-left: 1.2rem; }
section.skipped pre, ul.errors pre { background: #f6f6f6; padding: .4rem .6rem; border-radius: 4px; overflow-x: auto; font-size: .85rem; }
.error b { color: var(--bad); }
.tex-failed, .katex-error { font-family: ui-monospace, monospace; }
figure.plot { margin: .8rem 0 0; }
figure.plot svg { max-width: 100%; height: auto; }
figure.plot figcaption { color: var(--muted); font-size: .85rem; }
nav.files ul { list-style: none; padding-left: 0; columns: 2; font-family: ui-monospace, monospace; font-size: .9rem; }
footer { color: var(--muted); font-size: .8rem; border-top: 1px solid #ddd; margin-top: 2rem; padding-top: .5rem; }
@media (max-width: 50rem) { li.step { grid-template-columns: 1.6em 2em 1.2em minmax(0, 1fr); } li.step .why { grid-column: 4; } }
"#;

/// `'sha256-…'` of a script, as CSP lists it.
fn hash(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The page's Content-Security-Policy: nothing may be fetched.
pub fn content_security_policy() -> &'static str {
    static CSP: OnceLock<String> = OnceLock::new();
    CSP.get_or_init(|| {
        format!(
            "default-src 'none'; script-src {} {}; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'",
            hash(assets::KATEX_JS),
            hash(TYPESET)
        )
    })
}

/// One file's entry in the list of files: its section's id, name and status.
pub struct Entry {
    /// The section's id.
    pub id: String,
    /// The file's name, as given.
    pub name: String,
    /// Its status.
    pub status: ExitStatus,
}

/// The whole page: `sections` are the files' sections, in order.
pub fn document(entries: &[Entry], sections: &[String], summary: &RunSummary) -> String {
    let mut out = String::with_capacity(800_000 + sections.iter().map(String::len).sum::<usize>());
    let title = match entries {
        [one] => format!("verify: {}", one.name),
        _ => "verify report".to_string(),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"verify {}\">\n<title>{}</title>\n<style>{}</style>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        content_security_policy(),
        html(crate::cli::VERSION),
        html(&title),
        assets::katex_css()
    );
    let (class, _) = super::file::status_badge(summary.status());
    let _ = write!(
        out,
        "<header class=\"run\">\n<h1>{}</h1>\n<p class=\"summary {class}\">{}</p>\n\
<p class=\"legend\"><span>✓ proved by the engine and confirmed by the numbers</span>\
<span>✗ wrong: a point where the two sides differ</span>\
<span>? undecided: neither proved nor refuted</span></p>\n</header>\n",
        html(&title),
        html(&summary.human())
    );
    if entries.len() > 1 {
        out.push_str("<nav class=\"files\"><ul>\n");
        for e in entries {
            let (_, badge) = super::file::status_badge(e.status);
            let _ = writeln!(
                out,
                "<li>{badge} <a href=\"#{}\">{}</a></li>",
                e.id,
                html(&e.name)
            );
        }
        out.push_str("</ul></nav>\n");
    }
    for s in sections {
        out.push_str(s);
    }
    let _ = write!(
        out,
        "<footer>Checked by verify {}; formulas typeset by KaTeX {}.</footer>\n\
<script>{}</script>\n<script>{TYPESET}</script>\n</body>\n</html>\n",
        html(crate::cli::VERSION),
        assets::KATEX_VERSION,
        assets::KATEX_JS
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_forbids_every_fetch_and_names_each_script() {
        let csp = content_security_policy();
        assert!(csp.starts_with("default-src 'none';"));
        assert_eq!(csp.matches("'sha256-").count(), 2);
        assert!(!csp.contains("script-src 'unsafe-inline'"));
    }

    #[test]
    fn a_page_has_its_policy_first_and_every_script_hashed() {
        let page = document(&[], &[], &RunSummary::default());
        let head = &page[..page.find("<title>").unwrap()];
        assert!(head.contains("http-equiv=\"Content-Security-Policy\""));
        // Each inline script is one the policy lists.
        let csp = content_security_policy();
        for script in page.split("<script>").skip(1) {
            let body = &script[..script.find("</script>").unwrap()];
            assert!(
                csp.contains(&hash(body)),
                "a script the policy does not allow"
            );
        }
        assert!(!page.contains("src=\"http"), "nothing is fetched");
    }
}
