//! The parser and the notes readers on arbitrary text: no panic, every error span
//! inside the text on character boundaries, and a notes file's derivation text exactly
//! as long as the notes (so spans into it are spans into the author's file).
#![no_main]

use libfuzzer_sys::fuzz_target;
use verify::notes::{derivation, NotesKind};
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
    for kind in [NotesKind::Markdown, NotesKind::Latex] {
        let derivation = derivation(kind, &text);
        assert_eq!(derivation.text.len(), text.len(), "{kind:?} changed the length");
        for row in &derivation.rows {
            assert!(row.range.start <= row.range.end && row.range.end <= text.len());
        }
        let parsed = syntax::parse_rows(&derivation.text, &derivation.rows);
        check_spans(&text, &parsed);
    }
});
