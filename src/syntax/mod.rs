//! Parsing a derivation file into its syntax tree, line by line.
//!
//! [`parse`] reads every line, attaches `=` continuation lines to the chain they
//! continue, and collects one error per bad line without stopping: a bad line is
//! skipped and the rest of the file is still parsed. [`parse_expr`] parses one formula
//! on its own. [`sexpr`] prints a tree compactly for tests and snapshots.
//!
//! Nothing here resolves names or checks that a step follows from the previous one;
//! the tree records what was written (see [`ast`]). Parsing never panics, never
//! recurses without bound, and takes time roughly linear in the line length.

pub mod annotation;
pub mod ast;
mod diagonal;
mod document;
pub mod error;
mod expected;
mod expr;
mod lexeme;
mod line;
pub mod macros;
pub mod resolve;
pub(crate) mod scan;
mod sexpr;

use crate::source::{LineIndex, SourceFile, Span};
use std::ops::Range;

pub use ast::children;
use ast::{Document, Expr};
pub use diagonal::diagonal_entry;
use document::DocumentBuilder;
use error::MAX_LINE_BYTES;
pub use error::{SyntaxError, SyntaxErrorKind};
use expected::unexpected_token;
use expr::Grammar;
pub(crate) use lexeme::{braced, is_bold_base, skip_ws};
pub use line::is_law_with_deviation;
pub(crate) use line::is_prose_shape_declaration;
pub use resolve::{
    chain_name, is_substituted_differential, resolve, resolve_keeping, resolve_with, AfterDocument,
    Resolved,
};
pub use sexpr::{sexpr, sexpr_item};

/// A parsed file: the document of every line that parsed, and the errors of the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The items of the lines without errors, in source order.
    pub doc: Document,
    /// One error per rejected line (and per continuation without a chain), in order.
    pub errors: Vec<SyntaxError>,
    /// The `0` of each `A = B = 0` that a connective continues (`\Rightarrow C = D`)
    /// with no marker and no words that set it: the author sets the equation `B = 0`
    /// (its solutions are what the connective carries on), or claims `B = 0` for every
    /// value (as in `\sum_i (x_i - \bar{x}) = \sum_i x_i - n\bar{x} = 0`). The step
    /// `B = 0` is checked as a claim, and, when it does not hold everywhere, is
    /// undecided with that reading named, never wrong (`check::set_or_claimed`); the
    /// equations after it are checked either way, their solutions being the same
    /// under both readings.
    pub set_or_claimed: Vec<crate::source::Span>,
}

/// A piece of text read as one line of a derivation: a byte range and how to read it.
///
/// A derivation file is read line by line; a notes file is read row by row, where a row
/// of display math may span several physical lines (a `$$…$$` block without `\\`) and
/// one physical line may hold several rows (two `$$…$$` on one line). Rows are given in
/// document order; that order decides which chain a continuation joins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row's bytes in the text.
    pub range: Range<usize>,
    /// How to read them.
    pub kind: RowKind,
}

/// How a [`Row`] is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A line of a derivation file (or a declaration line from a notes comment): `%`
    /// starts a comment, a line starting with `#` is one, a trailing `\\` is layout, and
    /// `let`, `assume` and `specialise` are directives.
    Line,
    /// A row of mathematics from notes: the notes reader has already removed comments
    /// and row breaks, and every word is mathematics (no directives).
    Math,
    /// A row of [`RowKind::Math`] in a display the prose before it sets to zero
    /// ("setting the derivative to zero, we get"): a last `= 0` sets an equation, as
    /// `\overset{!}{=} 0` does, instead of claiming an identity.
    MathSetToZero,
}

/// Parses a whole file, line by line. Never fails: bad lines become [`Parsed::errors`].
pub fn parse(file: &SourceFile) -> Parsed {
    let rows = line_rows(&file.text);
    parse_rows(&file.text, &rows)
}

/// Every line of `text` as a [`RowKind::Line`] row.
pub fn line_rows(text: &str) -> Vec<Row> {
    let index = LineIndex::new(text);
    (0..index.n_lines())
        .map(|line_idx| Row {
            range: index.line_range(text, line_idx),
            kind: RowKind::Line,
        })
        .collect()
}

/// Parses the `rows` of `text`, in order. Never fails: bad rows become
/// [`Parsed::errors`]; spans are offsets into `text`.
pub fn parse_rows(text: &str, rows: &[Row]) -> Parsed {
    parse_rows_with(text, rows, &macros::Macros::default())
}

/// [`parse_rows`] with the macros a note defines (see [`macros`]).
pub fn parse_rows_with(text: &str, rows: &[Row], macros: &macros::Macros) -> Parsed {
    macros::with(macros, || {
        on_parser_stack(|| {
            let index = LineIndex::new(text);
            let mut builder = DocumentBuilder::default();
            for row in rows {
                builder.add(line::parse_row(text, row, &index));
            }
            builder.finish()
        })
    })
}

/// Parses `text` as one expression; spans are relative to `text`.
pub fn parse_expr(text: &str) -> Result<Expr, SyntaxError> {
    on_parser_stack(|| parse_whole_expr(text))
}

fn parse_whole_expr(text: &str) -> Result<Expr, SyntaxError> {
    let whole = Span::new(0, text.len());
    if text.len() > MAX_LINE_BYTES {
        let kind = SyntaxErrorKind::LineTooLong { len: text.len() };
        let span = error::span_in(text, lexeme::first_char(text));
        return Err(SyntaxError { span, kind });
    }
    let grammar = Grammar::new(text);
    match grammar.top_expr(text) {
        Ok((rest, expr)) => match skip_ws(rest) {
            "" => Ok(expr),
            rest => Err(unexpected_token(text, rest, "the end of the expression")),
        },
        Err(nom::Err::Error(_)) if skip_ws(text).is_empty() => Err(SyntaxError {
            span: whole,
            kind: SyntaxErrorKind::EmptyExpression,
        }),
        Err(err) => Err(expected::from_nom(err, text, "an expression")),
    }
}

/// Stack for the parser's thread. The grammar recurses at most
/// [`error::MAX_NESTING`] levels, each a dozen frames deep; unoptimised builds need
/// about 40 KiB per level, more than a 2 MiB test thread has. Only touched pages are
/// ever committed, so a generous reservation costs nothing.
const PARSER_STACK_BYTES: usize = 64 << 20;

/// Runs `parse` on a thread with [`PARSER_STACK_BYTES`] of stack, so that nesting up
/// to the limit never overflows whatever thread the caller is on.
fn on_parser_stack<T: Send>(parse: impl FnOnce() -> T + Send) -> T {
    // The parser thread reads the macros of the parse under way, as this thread does.
    let macros = macros::current();
    crate::stack::with_stack("verify-parser", PARSER_STACK_BYTES, move || {
        // The ranges written for sums' indices are this parse's text's alone.
        expr::ranges::forget();
        macros::with(&macros, parse)
    })
}

#[cfg(test)]
mod tests {
    use super::ast::Item;
    use super::*;

    /// Every item of a file, then every error with its line:column and underlined text.
    fn render(text: &str) -> String {
        let file = SourceFile::new("test.tex", text);
        let parsed = parse(&file);
        let index = LineIndex::new(text);
        let mut lines: Vec<String> = parsed.doc.items.iter().map(sexpr_item).collect();
        for error in &parsed.errors {
            let at = index.line_col(text, error.span.start);
            let underlined = &text[error.span.range()];
            let message = error.message();
            lines.push(format!(
                "error {}:{} `{underlined}`: {message}",
                at.line, at.col
            ));
        }
        lines.join("\n")
    }

    macro_rules! check {
        ($input:expr, @$expect:literal) => {
            insta::assert_snapshot!(render($input), @$expect)
        };
    }

    const SEED: &str = r"let p_1(x) = N(x; \mu_1, \sigma_1^2)
let p_2(x) = N(x; \mu_2, \sigma_2^2)

KL(p_1, p_2) = \int p_1(x) \log \frac{p_1(x)}{p_2(x)} dx
&= \int p_1(x) (\log p_1(x) - \log p_2(x)) dx = \int p_1(x) * \left( \log \frac{1}{\sqrt{2\pi}\sigma_1} e^{-\frac{(x-\mu_1)^2}{2\sigma_1^2}} - \log \frac{1}{\sqrt{2\pi}\sigma_2} e^{-\frac{(x-\mu_2)^2}{2\sigma_2^2}} \right) dx \\
&= \int p_1(x) * \left( -\frac{1}{2} \log 2\pi - \log \sigma_1 - \frac{(x-\mu_1)^2}{2\sigma_1^2} + \frac{1}{2} \log 2\pi + \log \sigma_2 + \frac{(x-\mu_2)^2}{2\sigma_2^2} \right) dx \\
&= \int p_1(x) \left( \log \frac{\sigma_2}{\sigma_1} + \left[ \frac{(x-\mu_2)^2}{2\sigma_2^2} - \frac{(x-\mu_1)^2}{2\sigma_1^2} \right] \right) dx \\
&= \int \left( \log \frac{\sigma_2}{\sigma_1} \right) p_1(x) dx + \int \left( \frac{(x-\mu_2)^2}{2\sigma_2^2} \right) p_1(x) dx - \int \left( \frac{(x-\mu_1)^2}{2\sigma_1^2} \right) p_1(x) dx \\
&= \log \frac{\sigma_2}{\sigma_1} + \frac{1}{2\sigma_2^2} \int ((x-\mu_2)^2) p_1(x) dx - \frac{1}{2\sigma_1^2} \int ((x-\mu_1)^2) p_1(x) dx
&= \log \frac{\sigma_2}{\sigma_1} + \frac{1}{2\sigma_2^2} \int ((x-\mu_2)^2) p_1(x) dx - \frac{1}{2} \\
&= \log \frac{\sigma_2}{\sigma_1} + \frac{1}{2\sigma_2^2} \int ((x-\mu_1 + \mu_1 - \mu_2)^2) p_1(x) dx - \frac{1}{2} \\
&= \log \frac{\sigma_2}{\sigma_1} + \frac{1}{2\sigma_2^2} \left[ \int (x-\mu_1)^2 p_1(x) dx + \int (\mu_1 - \mu_2)^2 p_1(x) dx + 2 \int (x-\mu_1)(\mu_1 - \mu_2) p_1(x) dx \right] - \frac{1}{2} \\
&= \log \frac{\sigma_2}{\sigma_1} + \frac{1}{2\sigma_2^2} \left[ \int (x-\mu_1)^2 p_1(x) dx + (\mu_1 - \mu_2)^2 \right] - \frac{1}{2} \\
&= \log \frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2\sigma_2^2} - \frac{1}{2}

specialise KL(p_1, p_2) with \mu_2 = 0, \sigma_2^2 = 1
KL(\mu_1, \sigma_1) = -\log\sigma_1 + \frac{\sigma_1^2 + \mu_1^2}{2} - \frac{1}{2}
";

    #[test]
    fn seed_file_parses_as_its_author_means() {
        check!(SEED, @r"
            (let p_1 (x) (call N (id x) (id μ_1) (pow (id σ_1) (num 2))))
            (let p_2 (x) (call N (id x) (id μ_2) (pow (id σ_2) (num 2))))
            (chain
              3: (call KL (id p_1) (id p_2))
              3: (int dx (mul (call p_1 (id x)) (log (frac (call p_1 (id x)) (call p_2 (id x))))))
              4: (int dx (mul (call p_1 (id x)) (sub (log (call p_1 (id x))) (log (call p_2 (id x))))))
              4: (int dx (mul* (call p_1 (id x)) (sub (log (mul (frac (num 1) (mul (sqrt (mul (num 2) (id π))) (id σ_1))) (pow (id e) (neg (frac (pow (sub (id x) (id μ_1)) (num 2)) (mul (num 2) (pow (id σ_1) (num 2)))))))) (log (mul (frac (num 1) (mul (sqrt (mul (num 2) (id π))) (id σ_2))) (pow (id e) (neg (frac (pow (sub (id x) (id μ_2)) (num 2)) (mul (num 2) (pow (id σ_2) (num 2)))))))))))
              5: (int dx (mul* (call p_1 (id x)) (add (add (add (sub (sub (neg (mul (frac (num 1) (num 2)) (log (mul (num 2) (id π))))) (log (id σ_1))) (frac (pow (sub (id x) (id μ_1)) (num 2)) (mul (num 2) (pow (id σ_1) (num 2))))) (mul (frac (num 1) (num 2)) (log (mul (num 2) (id π))))) (log (id σ_2))) (frac (pow (sub (id x) (id μ_2)) (num 2)) (mul (num 2) (pow (id σ_2) (num 2)))))))
              6: (int dx (mul (call p_1 (id x)) (add (log (frac (id σ_2) (id σ_1))) (sub (frac (pow (sub (id x) (id μ_2)) (num 2)) (mul (num 2) (pow (id σ_2) (num 2)))) (frac (pow (sub (id x) (id μ_1)) (num 2)) (mul (num 2) (pow (id σ_1) (num 2))))))))
              7: (sub (add (int dx (mul (log (frac (id σ_2) (id σ_1))) (call p_1 (id x)))) (int dx (mul (frac (pow (sub (id x) (id μ_2)) (num 2)) (mul (num 2) (pow (id σ_2) (num 2)))) (call p_1 (id x))))) (int dx (mul (frac (pow (sub (id x) (id μ_1)) (num 2)) (mul (num 2) (pow (id σ_1) (num 2)))) (call p_1 (id x)))))
              8: (sub (add (log (frac (id σ_2) (id σ_1))) (mul (frac (num 1) (mul (num 2) (pow (id σ_2) (num 2)))) (int dx (mul (pow (sub (id x) (id μ_2)) (num 2)) (call p_1 (id x)))))) (mul (frac (num 1) (mul (num 2) (pow (id σ_1) (num 2)))) (int dx (mul (pow (sub (id x) (id μ_1)) (num 2)) (call p_1 (id x))))))
              9: (sub (add (log (frac (id σ_2) (id σ_1))) (mul (frac (num 1) (mul (num 2) (pow (id σ_2) (num 2)))) (int dx (mul (pow (sub (id x) (id μ_2)) (num 2)) (call p_1 (id x)))))) (frac (num 1) (num 2)))
              10: (sub (add (log (frac (id σ_2) (id σ_1))) (mul (frac (num 1) (mul (num 2) (pow (id σ_2) (num 2)))) (int dx (mul (pow (sub (add (sub (id x) (id μ_1)) (id μ_1)) (id μ_2)) (num 2)) (call p_1 (id x)))))) (frac (num 1) (num 2)))
              11: (sub (add (log (frac (id σ_2) (id σ_1))) (mul (frac (num 1) (mul (num 2) (pow (id σ_2) (num 2)))) (add (add (int dx (mul (pow (sub (id x) (id μ_1)) (num 2)) (call p_1 (id x)))) (int dx (mul (pow (sub (id μ_1) (id μ_2)) (num 2)) (call p_1 (id x))))) (mul (num 2) (int dx (mul (mul (sub (id x) (id μ_1)) (sub (id μ_1) (id μ_2))) (call p_1 (id x)))))))) (frac (num 1) (num 2)))
              12: (sub (add (log (frac (id σ_2) (id σ_1))) (mul (frac (num 1) (mul (num 2) (pow (id σ_2) (num 2)))) (add (int dx (mul (pow (sub (id x) (id μ_1)) (num 2)) (call p_1 (id x)))) (pow (sub (id μ_1) (id μ_2)) (num 2))))) (frac (num 1) (num 2)))
              13: (sub (add (log (frac (id σ_2) (id σ_1))) (frac (add (pow (id σ_1) (num 2)) (pow (sub (id μ_1) (id μ_2)) (num 2))) (mul (num 2) (pow (id σ_2) (num 2))))) (frac (num 1) (num 2))))
            (specialise (call KL (id p_1) (id p_2)) (bind (id μ_2) (num 0)) (bind (pow (id σ_2) (num 2)) (num 1)))
            (chain
              16: (call KL (id μ_1) (id σ_1))
              16: (sub (add (neg (log (id σ_1))) (frac (add (pow (id σ_1) (num 2)) (pow (id μ_1) (num 2))) (num 2))) (frac (num 1) (num 2))))
            ");
    }

    #[test]
    fn empty_and_blank_files() {
        check!("", @"");
        check!("\n\n  \n% only comments\n# here\n", @"");
    }

    #[test]
    fn continuations_join_the_open_chain() {
        check!("a = b\n&= c \\\\\n\n% comment\n= d = e", @r"
            (chain
              0: (id a)
              0: (id b)
              1: (id c)
              4: (id d)
              4: (id e))
            ");
        check!("a\n= b", @r"
            (chain
              0: (id a)
              1: (id b))
            ");
        check!("a = b\r\n&= c\r\n", @r"
            (chain
              0: (id a)
              0: (id b)
              1: (id c))
            ");
    }

    #[test]
    fn continuations_need_an_open_chain() {
        check!("= a", @"error 1:1 `=`: `=` continues a chain, but no chain is open");
        check!("let c = 2\n&= 3", @r"
            (let c () (num 2))
            error 2:2 `=`: `=` continues a chain, but no chain is open
            ");
        check!("a = b\nassume a > 0\n= c", @r"
            (chain
              0: (id a)
              0: (id b))
            (assume a)
            error 3:1 `=`: `=` continues a chain, but no chain is open
            ");
        check!("a = b\nspecialise f with x = 1\n= c", @r"
            (chain
              0: (id a)
              0: (id b))
            (specialise (id f) (bind (id x) (num 1)))
            error 3:1 `=`: `=` continues a chain, but no chain is open
            ");
    }

    #[test]
    fn one_bad_line_never_hides_the_others() {
        check!("a = @\n= b\nc = d\nlet = 1\n= e\nf = g \\le h\n= k", @r"
            (chain
              2: (id c)
              2: (id d))
            error 1:5 `@`: unexpected character `@`
            error 4:5 `=`: expected a name after `let`
            error 5:1 `=`: `=` continues a chain, but no chain is open
            error 6:7 `\le`: only equalities can be checked, found `\le`
            ");
        check!("a = b\n= c @\n= d", @r"
            (chain
              0: (id a)
              0: (id b)
              2: (id d))
            error 2:5 `@`: unexpected character `@`
            ");
        check!("x = (\ny = )\nz = [a)\n", @r"
            error 1:5 `(`: expected `)` to close `(`
            error 2:3 `=`: expected an expression after `=`
            error 3:7 `)`: expected `]` to close `[`, found `)`
            ");
    }

    #[test]
    fn chains_end_at_directives_only() {
        check!("a = b\n\nc = d\n= e", @r"
            (chain
              0: (id a)
              0: (id b))
            (chain
              2: (id c)
              2: (id d)
              3: (id e))
            ");
        check!("let f(x) = x\na = b\nlet g = 1\nc = d", @r"
            (let f (x) (id x))
            (chain
              1: (id a)
              1: (id b))
            (let g () (num 1))
            (chain
              3: (id c)
              3: (id d))
            ");
    }

    #[test]
    fn step_spans_are_offsets_into_the_whole_file() {
        let text = "let a = 1\nx = \\frac{1}{2}\n&= y";
        let parsed = parse(&SourceFile::new("t", text));
        let Some(Item::Chain(chain)) = parsed.doc.items.last() else {
            panic!("expected a chain, got {:?}", parsed.doc.items);
        };
        let texts: Vec<(usize, &str)> = chain
            .steps
            .iter()
            .map(|step| (step.line_idx, &text[step.expr.span.range()]))
            .collect();
        assert_eq!(texts, [(1, "x"), (1, "\\frac{1}{2}"), (2, "y")]);
        let Some(Item::Let(definition)) = parsed.doc.items.first() else {
            panic!("expected a definition");
        };
        assert_eq!(&text[definition.span.range()], "let a = 1");
    }

    mod properties {
        use super::super::*;
        use crate::syntax::ast::{ExprKind, Item};
        use proptest::prelude::*;

        /// LaTeX-ish pieces, so random strings reach deep into the grammar.
        const TOKENS: &[&str] = &[
            "\\frac",
            "{",
            "}",
            "(",
            ")",
            "[",
            "]",
            "^",
            "_",
            "\\int",
            "dx",
            "d",
            "\\left(",
            "\\right)",
            "\\left[",
            "\\right]",
            "\\left",
            "\\right",
            "\\{",
            "\\}",
            "\\log",
            "\\ln",
            "\\exp",
            "\\sqrt",
            "\\mathrm{d}",
            "\\mathrm{KL}",
            "\\mathbb{E}",
            "E",
            "\\sigma",
            "\\mu",
            "\\pi",
            "\\infty",
            "\\cdot",
            "\\times",
            "+",
            "-",
            "*",
            "/",
            "=",
            "&",
            "\\\\",
            ",",
            ";",
            "<",
            "\\le",
            "|",
            "!",
            "%",
            "#",
            "\\,",
            "\\quad",
            " ",
            "\n",
            "\r\n",
            "0",
            "1",
            "2",
            "0.5",
            "x",
            "y",
            "p",
            "a",
            "KL",
            "let ",
            "assume ",
            "specialise ",
            " with ",
            "> 0",
            "σ",
            "é",
            "\\",
            "\\foo",
            "'",
            "@",
            "\u{0}",
            "\\limits",
        ];

        fn latexish() -> impl Strategy<Value = String> {
            prop::collection::vec(prop::sample::select(TOKENS), 0..60).prop_map(|t| t.concat())
        }

        /// Every span inside the text, on character boundaries, children inside parents.
        fn check_expr(expr: &Expr, text: &str) -> Result<(), TestCaseError> {
            check_span(expr.span, text)?;
            if let ExprKind::Ident(ident) | ExprKind::Call { callee: ident, .. } = &expr.kind {
                check_span(ident.span, text)?;
            }
            for child in children(expr) {
                prop_assert!(
                    expr.span.start <= child.span.start && child.span.end <= expr.span.end
                );
                check_expr(child, text)?;
            }
            Ok(())
        }

        fn check_span(span: Span, text: &str) -> Result<(), TestCaseError> {
            prop_assert!(span.start <= span.end && span.end <= text.len());
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            Ok(())
        }

        fn check_parse(text: &str) -> Result<(), TestCaseError> {
            let parsed = parse(&SourceFile::new("p", text));
            for error in &parsed.errors {
                check_span(error.span, text)?;
                prop_assert!(!error.message().is_empty() && !error.message().contains('\n'));
                prop_assert!(!error.message().ends_with('.'));
            }
            for item in &parsed.doc.items {
                if let Item::Chain(chain) = item {
                    for step in &chain.steps {
                        check_expr(&step.expr, text)?;
                    }
                }
            }
            match parse_expr(text) {
                Ok(expr) => check_expr(&expr, text)?,
                Err(error) => check_span(error.span, text)?,
            }
            Ok(())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn never_panics_on_arbitrary_strings(text in "\\PC*") {
                check_parse(&text)?;
            }

            #[test]
            fn never_panics_on_latexish_strings(text in latexish()) {
                check_parse(&text)?;
            }
        }
    }

    #[test]
    fn an_equals_that_sets_an_equation_starts_a_chain_of_equations() {
        // `\overset{!}{=} 0` ends the chain of steps before it; its equation is the
        // first of the chain of equations the connectives continue.
        check!("a = b \\overset{!}{=} 0\n\\iff c = d", @"
        (chain
          0: (id a)
          0: (id b))
        (chain
          0: (id b)
          0: (num 0)
          1: (id c)
          1: (id d))
        ");
        // Alone it sets an equation and claims no step.
        check!("a \\stackrel{\\text{set}}{=} 0\n\\iff c = d", @"
        (chain
          0: (id a)
          0: (num 0)
          1: (id c)
          1: (id d))
        ");
        // With nothing after it, only the steps before it are claims.
        check!("a = b \\overset{!}{=} 0", @"
        (chain
          0: (id a)
          0: (id b))
        ");
        // A set value ends the chain: neither `= c` on its row nor on the next is read.
        check!("a = b \\overset{!}{=} 0 = c", @r"error 1:24 `= c`: `\overset{!}{=}` sets an equation to solve, which ends the chain of steps; what follows it is not read");
        check!("a = b \\overset{!}{=} 0\n= c", @r"
        (chain
          0: (id a)
          0: (id b))
        error 2:1 `=`: `\overset{!}{=}` sets an equation to solve, which ends the chain of steps; what follows it is not read
        ");
    }

    #[test]
    fn a_connective_after_a_chain_ending_in_zero_continues_its_last_equality() {
        // `a = b = 0 \iff c = d` without a marker: the steps stay claims (the `= 0`
        // included, see `Parsed::set_or_claimed`), and `b = 0` is the first equation.
        let text = "a = b = 0\n\\iff c = d";
        let parsed = parse(&SourceFile::new("t.txt", text));
        assert_eq!(parsed.set_or_claimed, vec![crate::source::Span::new(8, 9)]);
        check!(text, @"
        (chain
          0: (id a)
          0: (id b)
          0: (num 0))
        (chain
          0: (id b)
          0: (num 0)
          1: (id c)
          1: (id d))
        ");
        // Anything but a final zero has no one equation to continue: `0 = a = b`
        // (`0 = a`, or `a = b`?), `a = b = c`.
        for text in ["0 = a = b\n\\iff c = d", "a = b = c\n\\iff c = d"] {
            let parsed = parse(&SourceFile::new("t.txt", text));
            assert_eq!(parsed.errors.len(), 1, "{text}");
            assert!(parsed.set_or_claimed.is_empty(), "{text}");
        }
    }

    #[test]
    fn a_brace_labelled_with_a_value_claims_it_after_its_chain() {
        // The part and its value become a chain of their own, after the chain they are
        // in (whose continuation still extends it); words stay words.
        check!("a = \\underbrace{b + b}_{=2b} + 1\n= c\nd = e", @"
        (chain
          0: (id a)
          0: (add (add (id b) (id b)) (num 1))
          1: (id c))
        (chain
          0: (add (id b) (id b))
          0: (mul (num 2) (id b)))
        (chain
          2: (id d)
          2: (id e))
        ");
        // A label that names the part by a call on names defines (or claims) that call.
        check!("a = \\underbrace{b + 1}_{f(x)}", @"
        (chain
          0: (id a)
          0: (add (id b) (num 1)))
        (chain
          0: (call f (id x))
          0: (add (id b) (num 1)))
        ");
        check!("a = \\underbrace{b}_{\\text{by (3)}} = \\underbrace{c}_{= \\mathbb{E}[X]}", @r"
        (chain
          0: (id a)
          0: (id b) «by (3)»
          0: (id c) «= \mathbb{E}[X]»)
        ");
    }
}
