//! The one home for escaping text that did not come from us — file names first, and
//! anything quoted from a file — before it is written where it could be taken for
//! something else.
//!
//! - On a terminal or in a CI log ([`human`]), a control character in a file name
//!   could move the cursor, colour the rest of the log, or start a new line that the
//!   CI runner reads as a workflow command (`::error …`). Each is shown escaped
//!   instead (`\n`, `\x1b`, `\u{85}`), as are the Unicode controls that reorder text
//!   on screen (bidirectional overrides and isolates).
//! - In a GitHub workflow command, [`workflow_data`] and [`workflow_property`] apply
//!   the documented percent-encoding (`%` → `%25`, CR → `%0D`, LF → `%0A`, and in a
//!   property also `:` → `%3A`, `,` → `%2C`); every other control character is shown
//!   escaped as in [`human`], since the runner's log would otherwise print it raw.
//! - In HTML ([`html`]), `&`, `<`, `>`, `"` and `'` become character references, so
//!   text from a file is text in the page (in an element or a quoted attribute),
//!   never markup or script; control characters other than line breaks and tabs are
//!   dropped to U+FFFD, which HTML does not allow raw.
//! - JSON needs nothing here: `serde_json` escapes every control character.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every control character (and every text-reordering Unicode control)
/// written as a visible escape: `a\nb`, `\x1b[31m`, `\u{202e}`.
pub fn human(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_char(&mut out, c);
    }
    Cow::Owned(out)
}

/// A workflow command's message: percent-encoded as GitHub documents, other control
/// characters escaped as in [`human`].
pub fn workflow_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => push_char(&mut out, c),
        }
    }
    out
}

/// A workflow command's property value (`file=…`, `title=…`): as [`workflow_data`],
/// and `:` and `,` too, which would otherwise end the value.
pub fn workflow_property(text: &str) -> String {
    workflow_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// `text` as HTML text, safe in an element's content and in a quoted attribute value.
/// Nothing from the input reaches the HTML report except through this function.
pub fn html(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        matches!(c, '&' | '<' | '>' | '"' | '\'') || (c.is_control() && !matches!(c, '\n' | '\t'))
    };
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || is_reordering(c)
}

/// The Unicode controls that change the order text is shown in (the "Trojan source"
/// characters): embeddings, overrides, isolates and their terminators.
fn is_reordering(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

fn push_char(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if c.is_ascii_control() => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c if needs_escape(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(
            human("a\nb::error file=x::boom\x1b[31m.txt"),
            "a\\nb::error file=x::boom\\x1b[31m.txt"
        );
        assert_eq!(
            human("\r\t\0\u{7f}\u{85}\u{202e}"),
            "\\r\\t\\x00\\x7f\\u{85}\\u{202e}"
        );
        assert!(matches!(human("σ₁ notes/ä.md"), Cow::Borrowed(_)));
    }

    #[test]
    fn html_text_is_never_markup() {
        assert_eq!(
            html(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(html("a\r\x1b[31mb\n\tc"), "a\u{fffd}\u{fffd}[31mb\n\tc");
        assert!(matches!(html(r"\frac{\sigma_1}{2} + σ₁"), Cow::Borrowed(_)));
    }

    #[test]
    fn workflow_commands_are_percent_encoded_as_documented() {
        assert_eq!(workflow_data("50% of\r\na"), "50%25 of%0D%0Aa");
        assert_eq!(workflow_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(
            workflow_property("a\nb::error file=x::boom\x1b[31m.txt"),
            "a%0Ab%3A%3Aerror file=x%3A%3Aboom\\x1b[31m.txt"
        );
    }
}
