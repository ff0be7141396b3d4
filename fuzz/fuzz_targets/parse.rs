//! The parser and the notes readers on arbitrary text: no panic, every error span
//! inside the text on character boundaries, and a notes file's derivation text exactly
//! as long as the notes (so spans into it are spans into the author's file).
#![no_main]

use libfuzzer_sys::fuzz_target;
use verify::notes::{derivation_text, NotesKind};
use verify::source::SourceFile;
use verify::syntax::{self, Parsed};

fn check_spans(text: &str, parsed: &Parsed) {
    for error in &parsed.errors {
        let (start, end) = (error.span.start, error.span.end);
        assert!(start <= end && end <= text.len(), "{error:?} outside {} bytes", text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{error:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parsed = syntax::parse(&SourceFile::new("fuzz.txt", text.as_ref()));
    check_spans(&text, &parsed);
    for (kind, path) in [(NotesKind::Markdown, "fuzz.md"), (NotesKind::Latex, "fuzz.tex")] {
        let derivation = derivation_text(kind, &text);
        assert_eq!(derivation.len(), text.len(), "{kind:?} changed the length");
        let parsed = syntax::parse(&SourceFile::new(path, derivation.as_str()));
        check_spans(&text, &parsed);
    }
});
