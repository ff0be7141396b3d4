//! One file of the HTML report: its heading and status, the errors that kept it from
//! being checked (with the line quoted), the declarations its text makes, each chain
//! ([`super::step`]), and the blocks set aside with their reasons.

use std::fmt::Write as _;

use super::{step, Place};
use crate::report::diagnostic::{self, Severity};
use crate::report::escape::html;
use crate::report::{ExitStatus, FileReport, Options};

/// The file's `<section>`; `id` is unique in the page, `extra(i)` what goes after the
/// `i`-th chain's final form (its plots).
pub fn section(
    report: &FileReport,
    options: &Options,
    id: &str,
    extra: &dyn Fn(usize) -> String,
) -> String {
    let place = Place::new(report, id);
    let status = report.status_under(options.strict);
    let (class, badge) = status_badge(status);
    let mut out = String::new();
    let _ = write!(
        out,
        "<section class=\"file {class}\" id=\"{id}\">\n<h2><span class=\"badge\">{badge}</span> {}</h2>\n",
        html(&report.file.path.display().to_string())
    );
    let preamble = super::macros::preamble(&report.file.text);
    if !preamble.is_empty() {
        let _ = writeln!(
            out,
            "<span class=\"tex-preamble\" hidden>{}</span>",
            html(&preamble)
        );
    }
    let tally = report.tally();
    if !report.has_errors() {
        let inconsistent = match tally.inconsistent {
            0 => String::new(),
            n => format!(", {n} inconsistent"),
        };
        let _ = writeln!(
            out,
            "<p class=\"tally\">{}, {}: {} verified, {} wrong, {} undecided{inconsistent}; {} skipped</p>",
            count(tally.chains, "chain"),
            count(tally.steps(), "step"),
            tally.verified,
            tally.wrong,
            tally.undecided,
            count(tally.skipped, "block"),
        );
    }
    let errors = diagnostic::errors(report);
    if !errors.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"tally\">{}; nothing was checked</p>\n<ul class=\"errors\">",
            count(errors.len(), "error")
        );
        for e in &errors {
            let line = e.span.map(|s| place.line_of(s.start)).unwrap_or_default();
            let _ = write!(
                out,
                "<li class=\"error\"><span class=\"where\">{}</span> <b>{}</b>: {}<pre><code>{}</code></pre>",
                e.span.map(|s| place.at(s.start)).unwrap_or_default(),
                e.code.name(),
                html(&e.message),
                html(line)
            );
            for note in &e.notes {
                let _ = write!(out, "<p class=\"note\">{}</p>", html(note));
            }
            if let Some(help) = &e.help {
                let _ = write!(out, "<p class=\"hint\">Help: {}</p>", html(help));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n</section>\n");
        return out;
    }
    if let Some(shared) = &report.shared {
        let lines: Vec<String> = shared.lines.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "<p class=\"shared\">Shared declarations from {} (line{} {}) come first.</p>",
            html(&shared.path.display().to_string()),
            if lines.len() == 1 { "" } else { "s" },
            lines.join(", ")
        );
    }
    if !report.declared.is_empty() {
        out.push_str("<ul class=\"declared\">\n");
        for d in &report.declared {
            let _ = writeln!(
                out,
                "<li><span class=\"where\">{}</span> declared: {}</li>",
                place.at(d.span.start),
                html(&d.what)
            );
        }
        out.push_str("</ul>\n");
    }
    for (i, chain) in report.chains.iter().enumerate() {
        step::chain(&mut out, &place, chain, &extra(i));
    }
    skipped(&mut out, &place, report, options);
    if let Some(d) = diagnostic::nothing_checked(report, options) {
        let _ = writeln!(out, "<p class=\"nothing\">{}</p>", html(&d.message));
    }
    out.push_str("</section>\n");
    out
}

/// `1 step`, `2 steps`.
fn count(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

/// The class and the badge of a file's status.
pub fn status_badge(status: ExitStatus) -> (&'static str, &'static str) {
    match status {
        ExitStatus::Verified => ("verified", "✓"),
        ExitStatus::NothingChecked => ("nothing-checked", "∅"),
        ExitStatus::Failed => ("failed", "✗"),
        ExitStatus::Error => ("error", "!"),
    }
}

/// The blocks set aside: where, why, and their source (not typeset: it may be
/// anything, and it is shown as the author wrote it).
fn skipped(out: &mut String, place: &Place, report: &FileReport, options: &Options) {
    if report.skipped.is_empty() {
        return;
    }
    out.push_str("<section class=\"skipped\">\n<h3>Not checked</h3>\n<ul>\n");
    let diagnostics = diagnostic::skipped(report, options);
    for (s, d) in report.skipped.iter().zip(&diagnostics) {
        let class = match (s.suppressed, d.severity) {
            (true, _) => "off",
            (false, Severity::Error) => "strict",
            (false, _) => "skip",
        };
        let word = if s.suppressed {
            "turned off"
        } else {
            "skipped"
        };
        let _ = write!(
            out,
            "<li class=\"block {class}\"><span class=\"where\">{}</span> <b>{word}</b>: {}",
            place.at(s.span.start),
            html(&s.reason)
        );
        if let Some(help) = &d.help {
            let _ = write!(out, "<p class=\"hint\">Help: {}</p>", html(help));
        }
        let _ = writeln!(
            out,
            "<pre><code>{}</code></pre></li>",
            html(place.text(s.span))
        );
    }
    out.push_str("</ul>\n</section>\n");
}
