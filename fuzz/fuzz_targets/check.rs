//! The whole check — parse, lower, engine, numeric cross-check — and every renderer on
//! arbitrary text. The first byte picks the file kind (plain, Markdown, LaTeX).
//!
//! Symbolica allows one process per OS user: run this target as a single libFuzzer
//! process (no `-jobs`/`-fork` above 1), and not as a user whose tests are running.
#![no_main]

use libfuzzer_sys::fuzz_target;
use verify::check::{check_source, CheckConfig};
use verify::report::{github, human, json, Options};
use verify::source::SourceFile;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let path = match selector % 3 {
        0 => "fuzz.txt",
        1 => "fuzz.md",
        _ => "fuzz.tex",
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let report = check_source(SourceFile::new(path, text), &CheckConfig::default());
    let _ = report.status();
    let options = Options::default();
    let strict = Options {
        quiet: true,
        strict: true,
        ..Options::default()
    };
    for options in [options, strict] {
        let _ = human::render(&report, &options);
        let _ = json::render(&report, &options);
        let _ = github::render(&report, &options);
    }
});
