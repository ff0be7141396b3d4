//! The human report: each step with its verdict and rule, every problem with its source
//! line underlined (by `annotate-snippets`), the final form in Unicode and LaTeX, and a
//! summary. Colour only when asked for; the caller decides (terminal, `NO_COLOR`).
//! With `--quiet`, only the problems are printed (and a file in which nothing was
//! checked, which says so); with `--explain`, each step also shows the normal forms
//! the engine compared. Text that comes from the input — the file's name, chain names,
//! messages quoting it — is written through [`escape::human`], so no control character
//! in it reaches the terminal or starts a line of its own.

use std::fmt::Write as _;

use annotate_snippets::{Level, Message, Renderer, Snippet};

use super::diagnostic::{self, Diagnostic, Severity};
use super::{
    escape, ChainReport, FileReport, NoFinalForm, Options, StepReport, StepVerdict, Verdict,
};
use crate::print;
use crate::source::{LineIndex, Span};

/// Render a file's report.
pub fn render(report: &FileReport, style: &Options) -> String {
    let r = Render {
        report,
        index: LineIndex::new(&report.file.text),
        path: escape::human(&report.file.path.display().to_string()).into_owned(),
        style: *style,
    };
    r.file()
}

struct Render<'a> {
    report: &'a FileReport,
    index: LineIndex,
    path: String,
    style: Options,
}

impl Render<'_> {
    fn file(&self) -> String {
        let mut out = String::new();
        let errors = diagnostic::errors(self.report);
        for e in &errors {
            out.push_str(&self.diagnostic(e));
        }
        if self.report.has_errors() {
            let n = errors.len();
            let _ = writeln!(out, "{}: {n} error(s); nothing was checked", self.path);
            return out;
        }
        if self.style.quiet {
            out.push_str(&self.problems_only());
            if let Some(why) = self.report.nothing_checked() {
                let why = escape::human(&why);
                let _ = writeln!(out, "{}: nothing was checked: {why}", self.path);
            }
            return out;
        }
        let _ = writeln!(out, "{}", self.path);
        out.push_str(&self.declared());
        for chain in &self.report.chains {
            out.push_str(&self.chain(chain));
        }
        out.push_str(&self.skipped());
        out.push_str(&self.summary());
        out
    }

    /// `--quiet`: the diagnostics of failing steps (and, with `--strict`, of skipped
    /// blocks), nothing else.
    fn problems_only(&self) -> String {
        let mut out = String::new();
        // Every block not checked is said, quiet or not.
        out.push_str(&self.skipped());
        for step in self.report.chains.iter().flat_map(|c| &c.steps) {
            let failed = step
                .verdict
                .as_ref()
                .is_some_and(|v| !matches!(v.verdict, Verdict::Verified { .. }));
            if failed {
                out.push_str(&self.step(step));
            }
        }
        out
    }

    /// The declarations a note makes in its own text, one line each, after the line
    /// that says which shared declarations it was read with.
    fn declared(&self) -> String {
        let mut out = String::new();
        if let Some(shared) = &self.report.shared {
            let lines: Vec<String> = shared.lines.iter().map(ToString::to_string).collect();
            let _ = writeln!(
                out,
                "  shared declarations from {} (line{} {}) come first",
                escape::human(&shared.path.display().to_string()),
                if lines.len() == 1 { "" } else { "s" },
                lines.join(", ")
            );
        }
        for declared in &self.report.declared {
            let _ = writeln!(
                out,
                "  declared  {}  {}",
                self.place(declared.span, 3),
                escape::human(&declared.what)
            );
        }
        out
    }

    /// The blocks of notes set aside: one line each, or with `--strict` an error each.
    fn skipped(&self) -> String {
        let mut out = String::new();
        if self.report.skipped.is_empty() {
            return out;
        }
        if !self.style.strict {
            let _ = writeln!(out);
        }
        let diagnostics = diagnostic::skipped(self.report, &self.style);
        for (skipped, d) in self.report.skipped.iter().zip(&diagnostics) {
            if d.severity == Severity::Error {
                out.push_str(&self.diagnostic(d));
            } else {
                let _ = writeln!(
                    out,
                    "  {:<8}  {}  {}",
                    if skipped.suppressed { "off" } else { "skipped" },
                    self.place(skipped.span, 3),
                    escape::human(&skipped.reason)
                );
            }
        }
        out
    }

    fn chain(&self, chain: &ChainReport) -> String {
        let mut out = String::new();
        let head = match (&chain.specialisation, &chain.name) {
            (Some(s), _) => format!(
                "specialise {} with {} as step 0  ({})",
                escape::human(&s.target),
                escape::human(&s.bindings.join(", ")),
                self.place(s.span, 0)
            ),
            (None, Some(name)) => format!(
                "{}  ({})",
                escape::human(name),
                self.place(chain.steps.first().map_or(Span::default(), |s| s.span), 0)
            ),
            (None, None) => format!(
                "chain at {}",
                self.place(chain.steps.first().map_or(Span::default(), |s| s.span), 0)
            ),
        };
        let _ = writeln!(out, "\n{}", self.bold(&head));
        for step in &chain.steps {
            out.push_str(&self.step(step));
        }
        match &chain.final_form {
            Some(Ok(f)) => {
                let _ = writeln!(out, "  final form: {}", print::unicode(&f.term));
                let _ = writeln!(out, "       LaTeX: {}", print::latex(&f.term));
            }
            Some(Err(NoFinalForm::Blocked(blocker))) => {
                let _ = writeln!(out, "  final form: not simplified ({blocker})");
            }
            Some(Err(NoFinalForm::Unconfirmed(why))) => {
                let _ = writeln!(out, "  final form: not shown ({why})");
            }
            None => {}
        }
        out
    }

    /// The author's justification of a step, one line each, beside `verify`'s rule.
    fn annotations(&self, step: &StepReport) -> String {
        step.annotations
            .iter()
            .map(|a| format!("                        author: “{}”\n", escape::human(a)))
            .collect()
    }

    fn step(&self, step: &StepReport) -> String {
        let place = self.place(step.span, 3);
        let Some(v) = &step.verdict else {
            return format!("  {:>2}        {place}  start\n", step.number);
        };
        let number = step.number;
        let head = format!("  {:>2} → {number:<2}  {place}", v.against);
        match &v.verdict {
            Verdict::Verified {
                families,
                facts,
                conditions,
                ..
            } => {
                let previous = number - 1;
                let detour = if v.against == previous {
                    String::new()
                } else {
                    format!(
                        " (step {previous} is wrong; this follows from step {})",
                        v.against
                    )
                };
                let only_where = match conditions.is_empty() {
                    true => String::new(),
                    false => format!(" where {}", super::conditions_text(conditions)),
                };
                let mut text = format!(
                    "{head}  {} {families}{only_where}{detour}\n",
                    self.paint("✓", "32")
                );
                for fact in facts {
                    let _ = writeln!(text, "                        uses {fact}");
                }
                text.push_str(&self.annotations(step));
                text.push_str(&self.explanation(v));
                text
            }
            verdict => {
                let (mark, colour, word) = match verdict {
                    Verdict::Wrong { .. } => ("✗", "31", "wrong"),
                    Verdict::Undecided { .. } => ("?", "33", "undecided"),
                    _ => ("!", "31", "inconsistent"),
                };
                let mut text = format!("{head}  {} {word}\n", self.paint(mark, colour));
                if !matches!(verdict, Verdict::Inconsistent { .. }) {
                    text.push_str(&self.annotations(step));
                }
                if matches!(verdict, Verdict::Wrong { .. }) {
                    text.push_str(&self.explanation(v));
                }
                if let Some(d) = diagnostic::of_step(step) {
                    text.push_str(&self.diagnostic(&d));
                }
                text
            }
        }
    }

    /// `--explain`: the normal forms the engine compared, under the step's line.
    fn explanation(&self, v: &StepVerdict) -> String {
        match (&v.normal_forms, self.style.explain) {
            (Some(forms), true) => format!(
                "                        normal form of step {}: {}\n                        normal form of this step: {}\n",
                v.against,
                print::unicode(&forms.previous),
                print::unicode(&forms.this)
            ),
            _ => String::new(),
        }
    }

    fn summary(&self) -> String {
        let (mut fewest_points, mut most_points) = (usize::MAX, 0);
        for v in self.report.verdicts() {
            if let Verdict::Verified { n_points, .. } = v {
                fewest_points = fewest_points.min(*n_points);
                most_points = most_points.max(*n_points);
            }
        }
        let tally = self.report.tally();
        let verified = tally.verified;
        let total = tally.steps();
        let steps = if total == 1 { "step" } else { "steps" };
        let mut out = format!(
            "\n{total} {steps}: {verified} verified, {} wrong, {} undecided",
            tally.wrong, tally.undecided
        );
        if tally.inconsistent > 0 {
            let _ = write!(out, ", {} inconsistent", tally.inconsistent);
        }
        if tally.skipped > 0 {
            let blocks = if tally.skipped == 1 {
                "block"
            } else {
                "blocks"
            };
            let _ = write!(out, "; {} {blocks} skipped", tally.skipped);
            if tally.turned_off > 0 {
                let _ = write!(out, " ({} turned off)", tally.turned_off);
            }
        }
        out.push('\n');
        if let Some(why) = self.report.nothing_checked() {
            let _ = writeln!(out, "nothing was checked: {}", escape::human(&why));
        }
        if verified > 0 {
            let points = match (fewest_points, most_points) {
                (1, 1) => "1 point (no free parameters)".to_string(),
                (few, most) if few == most => format!("{few} points"),
                (few, most) => format!("{few} to {most} points"),
            };
            let _ = writeln!(
                out,
                "every verified step also agreed with the numeric cross-check at {points}"
            );
        }
        out
    }

    /// A diagnostic with its source line underlined; one on the whole file (no span)
    /// is a title with its notes.
    fn diagnostic(&self, d: &Diagnostic) -> String {
        let level = match d.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Note => Level::Note,
        };
        let text = displayable(&self.report.file.text);
        let title = escape::human(&d.message);
        let label = escape::human(&d.label);
        let notes: Vec<_> = d.notes.iter().map(|n| escape::human(n)).collect();
        let help = d.help.as_deref().map(escape::human);
        let mut message: Message<'_> = level.title(&title).id(d.code.name());
        // In a notebook the snippet is the cell, and its origin says which
        // (`--> nb.ipynb:cell 4:2:5`): the joined text is nothing the author sees.
        let cell = d.span.and_then(|span| self.report.file.cell_at(span.start));
        let (source, origin, base) = match &cell {
            Some((range, number)) => (
                &text[range.clone()],
                format!("{}:cell {number}", self.path),
                range.start,
            ),
            None => (&text[..], self.path.clone(), 0),
        };
        if let Some(span) = d.span {
            let span = clamp(span, &text);
            let local = span.start.saturating_sub(base)..span.end.saturating_sub(base);
            let local = local.start.min(source.len())..local.end.min(source.len());
            message = message.snippet(
                Snippet::source(source)
                    .line_start(1)
                    .origin(&origin)
                    .fold(true)
                    .annotation(level.span(local).label(&label)),
            );
        }
        for note in &notes {
            message = message.footer(Level::Note.title(note));
        }
        if let Some(help) = &help {
            message = message.footer(Level::Help.title(help));
        }
        let renderer = if self.style.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        format!("{}\n", renderer.render(message))
    }

    /// Where `span` starts, as the author finds it: `line  17`, or in a notebook
    /// `cell 4, line  2`; the line number right-aligned in `width`.
    fn place(&self, span: Span, width: usize) -> String {
        let position = self.report.file.position(&self.index, span.start);
        match position.cell {
            Some(cell) => format!("cell {cell}, line {:>width$}", position.line),
            None => format!("line {:>width$}", position.line),
        }
    }

    fn paint(&self, text: &str, code: &str) -> String {
        if self.style.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn bold(&self, text: &str) -> String {
        self.paint(text, "1")
    }
}

/// A span that lies within `text` on character boundaries, and is at least one
/// character wide when the text allows, so the underline is visible.
fn clamp(span: Span, text: &str) -> Span {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    if end == start && end < text.len() {
        end += text[end..].chars().next().map_or(0, char::len_utf8);
    }
    Span::new(start, end)
}

/// The text as `annotate-snippets` may be given it, with the same byte length and the
/// same number of characters, so spans and columns are unchanged.
///
/// `annotate-snippets` 0.11 counts every leading whitespace character of a line as
/// one column (a tab as four) but measures annotations by display width, in which a
/// tab, `\r`, vertical tab, form feed or U+0085 has none. When every line is
/// indented enough and one is wider than the terminal, its margin arithmetic then
/// subtracts with overflow (a panic in a debug build). So every whitespace character
/// but a space, a line end and the `\r` of a `\r\n` becomes a one-column space of the
/// same UTF-8 length, and every other control character a visible `?` (`¿` for the
/// two-byte ones), which also keeps a file's escape sequences off the terminal.
fn displayable(text: &str) -> std::borrow::Cow<'_, str> {
    let shown = |at: usize, c: char| match c {
        ' ' | '\n' => c,
        '\r' if text[at + 1..].starts_with('\n') => c,
        _ if c.is_whitespace() => match c.len_utf8() {
            1 => ' ',
            2 => '\u{a0}',
            _ => '\u{2002}',
        },
        _ if c.is_control() => match c.len_utf8() {
            1 => '?',
            _ => '¿',
        },
        _ => c,
    };
    if text.char_indices().all(|(at, c)| shown(at, c) == c) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.char_indices().map(|(at, c)| shown(at, c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_source, CheckConfig};
    use crate::source::SourceFile;

    #[test]
    fn displayable_keeps_lengths_and_line_ends() {
        let text = "a\r\nb\rc\x0b\x0c\u{85}\x1b\td\0\u{9f}\u{2028}\u{3000}é\n";
        let shown = displayable(text);
        assert_eq!(shown, "a\r\nb c  \u{a0}? d?¿\u{2002}\u{2002}é\n");
        assert_eq!(shown.len(), text.len());
        assert_eq!(shown.chars().count(), text.chars().count());
        assert!(matches!(
            displayable("x = 1\r\n"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    /// Found by fuzzing: a long line that starts with zero-width whitespace made
    /// `annotate-snippets` subtract with overflow while rendering the syntax error.
    #[test]
    fn long_line_after_zero_width_whitespace_renders() {
        for lead in ["\r", "\x0b", "\x0c", "\u{85}", "\t"] {
            let text = format!("{}{}", lead.repeat(35), "@".repeat(200));
            let report = check_source(SourceFile::new("t.txt", text), &CheckConfig::default());
            assert_eq!(report.syntax_errors.len(), 1);
            let shown = render(&report, &Options::default());
            assert!(shown.contains("t.txt:1:36"), "{shown}");
        }
    }

    /// Found by fuzzing: unexpected control characters at the start of a long line must
    /// not become indentation that the annotation then sits inside.
    #[test]
    fn control_character_in_indentation_renders() {
        let text = format!("{}{}", "\0".repeat(40), "@".repeat(200));
        let report = check_source(SourceFile::new("t.txt", text), &CheckConfig::default());
        assert!(!report.syntax_errors.is_empty());
        let shown = render(&report, &Options::default());
        assert!(shown.contains("t.txt:1:1"), "{shown}");
    }
}
