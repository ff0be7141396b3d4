//! Syntax errors: what went wrong on a line, where, and what to do about it.
//!
//! [`SyntaxError`] is the public result: a span into the file and a [`SyntaxErrorKind`]
//! that knows its own message, underline label and help. `PError` is the error type the
//! nom grammar threads through its parsers; it points at the text it is about with a
//! sub-slice of the source, and `PError::into_syntax_error` turns it into a span once
//! the whole text is known. This module does not render diagnostics (no colours, no
//! line/column): that is the job of the caller, which has the [`crate::source::LineIndex`].

use crate::source::Span;
use crate::syntax::lexeme::{peek_token, TokenKind};

/// The result type of every parser in the grammar.
pub(crate) type PResult<'a, T> = nom::IResult<&'a str, T, PError<'a>>;

/// A syntax error at a byte span of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The text the error is about (an opening bracket, an unknown command, ...).
    pub span: Span,
    /// What went wrong.
    pub kind: SyntaxErrorKind,
}

/// Everything the parser can reject. Each variant's doc shows a line that triggers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// `a @ b`
    UnexpectedChar(char),
    /// `\sin x`
    UnsupportedCommand(String),
    /// `|x - \mu|`
    AbsoluteValue,
    /// `n!`
    Factorial,
    /// `a + `
    MissingOperand {
        /// The operator or keyword that wants an operand, e.g. `+`.
        after: String,
    },
    /// `` (an empty expression, only from `parse_expr`)
    EmptyExpression,
    /// `f() = 1`
    EmptyGroup {
        /// The opening delimiter as written.
        open: String,
        /// The closing delimiter that was found.
        close: String,
    },
    /// `\frac{1}{2`
    Unclosed {
        /// The opener as written (or named, like `\frac{`).
        open: String,
        /// The closer it needs.
        close: String,
    },
    /// `\left( a + b ]`
    Mismatched {
        /// The opener as written.
        open: String,
        /// The closer it needs.
        close: String,
        /// What came instead.
        found: String,
    },
    /// `a + b)`
    UnmatchedCloser(String),
    /// `a \le b`
    NotAnEquality(String),
    /// `a^b^c`
    DoubleSuperscript,
    /// `x_1_2`
    DoubleSubscript,
    /// `x^-1`
    ScriptNeedsBraces {
        /// `^` or `_`.
        script: char,
        /// The token that needed braces around it.
        found: String,
    },
    /// `x^`
    MissingScript(char),
    /// `^2 + x`
    StrayScript(char),
    /// `(a + b)_1`
    SubscriptOnNonName,
    /// `x_{1/2}`
    InvalidSubscript,
    /// `\frac{1}`
    MissingArgument {
        /// The command, e.g. `\frac` or `\log`.
        command: String,
    },
    /// `\log^2 x`
    ScriptOnFunction {
        /// The function command, e.g. `\log`.
        function: String,
        /// `^` or `_`.
        script: char,
    },
    /// `\log(x)^2`
    AmbiguousFunctionPower {
        /// The function command, e.g. `\log`.
        function: String,
    },
    /// `\int x^2`
    MissingDifferential,
    /// `\int_0 x dx`
    MissingBound,
    /// `\mathbb{E} x`
    ExpectationWithoutBracket,
    /// `\mathbb{E}_{2}[x]`
    InvalidDensity,
    /// `\mathrm{a+b}`
    InvalidWord {
        /// The command, e.g. `\mathrm`.
        command: String,
    },
    /// `((((...))))` with more than 200 levels
    NestedTooDeeply,
    /// `a + a + ... + a` with more than 500 operations in a row
    TooManyOperations,
    /// a line longer than 10000 bytes
    LineTooLong {
        /// The line's length in bytes.
        len: usize,
    },
    /// `1234567890123456789012345678901`
    NumberTooLong {
        /// How many digits the number has.
        digits: usize,
    },
    /// `a, b = c`
    MisplacedSeparator(char),
    /// `a = b \\ = c`
    LineBreakMidLine,
    /// `&= x` as the first line of a file
    ContinuationWithoutChain,
    /// `assume a \ge 0`
    UnsupportedAssumption,
    /// `let = 2`
    ExpectedName {
        /// The keyword or delimiter after which a name was expected.
        after: String,
    },
    /// `let f(x) x^2`
    Expected {
        /// What would have been valid, e.g. `` `=` ``.
        expected: String,
        /// The token found instead, empty at the end of the line.
        found: String,
    },
    /// `specialise KL(p, q)`
    MissingWith,
}

/// Most limits are enforced where they are hit; these are the numbers in the messages.
pub(crate) const MAX_NESTING: usize = 200;
/// The deepest expression tree handed out. Brackets are bounded by [`MAX_NESTING`],
/// but a long flat line (`a+a+...`, `xxxx...`) makes a left-nested tree thousands of
/// levels deep, which later stages (and [`crate::syntax::sexpr`]) walk recursively.
pub(crate) const MAX_TREE_DEPTH: usize = 500;
pub(crate) const MAX_LINE_BYTES: usize = 10_000;
pub(crate) const MAX_NUMBER_DIGITS: usize = 30;

impl SyntaxError {
    /// What went wrong, in one lowercase line without a final period.
    pub fn message(&self) -> String {
        self.kind.message()
    }

    /// A short text for the underline.
    pub fn label(&self) -> String {
        self.kind.label()
    }

    /// What to do about it, when there is something specific to say.
    pub fn help(&self) -> Option<String> {
        self.kind.help()
    }
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for SyntaxError {}

/// `found` texts are stored raw; an empty one means the line ended.
fn describe_found(found: &str) -> String {
    if found.is_empty() {
        "end of line".to_string()
    } else {
        format!("`{found}`")
    }
}

/// Characters are shown escaped so that a control character cannot break the line.
fn show_char(c: char) -> String {
    if c.is_control() {
        c.escape_debug().to_string()
    } else {
        c.to_string()
    }
}

fn script_name(script: char) -> &'static str {
    if script == '^' {
        "superscript"
    } else {
        "subscript"
    }
}

impl SyntaxErrorKind {
    /// See [`SyntaxError::message`].
    pub fn message(&self) -> String {
        use SyntaxErrorKind::*;
        match self {
            UnexpectedChar(c) => format!("unexpected character `{}`", show_char(*c)),
            UnsupportedCommand(name) => format!("unsupported LaTeX command `{name}`"),
            AbsoluteValue => "absolute values are not supported".into(),
            Factorial => "factorials are not supported".into(),
            MissingOperand { after } => format!("expected an expression after `{after}`"),
            EmptyExpression => "expected an expression".into(),
            EmptyGroup { open, close } => {
                format!("expected an expression between `{open}` and `{close}`")
            }
            Unclosed { open, close } => format!("expected `{close}` to close `{open}`"),
            Mismatched { open, close, found } => format!(
                "expected `{close}` to close `{open}`, found {}",
                describe_found(found)
            ),
            UnmatchedCloser(closer) => format!("`{closer}` has no matching opening bracket"),
            NotAnEquality(relation) => {
                format!("only equalities can be checked, found `{relation}`")
            }
            DoubleSuperscript => "ambiguous double superscript".into(),
            DoubleSubscript => "double subscript".into(),
            ScriptNeedsBraces { script, found } => format!(
                "a {} starting with `{found}` needs braces",
                script_name(*script)
            ),
            MissingScript(script) => {
                format!("expected a {} after `{script}`", script_name(*script))
            }
            StrayScript(script) => format!(
                "{} `{script}` has nothing to attach to",
                script_name(*script)
            ),
            SubscriptOnNonName => "subscripts are only supported on names".into(),
            InvalidSubscript => {
                "a subscript may only contain letters, digits and Greek letters".into()
            }
            MissingArgument { command } => format!("expected an argument after `{command}`"),
            ScriptOnFunction {
                function,
                script: '^',
            } => {
                format!("powers written as `{function}^...` are not supported")
            }
            ScriptOnFunction { function, .. } => {
                format!("logarithm bases written as `{function}_...` are not supported")
            }
            AmbiguousFunctionPower { function } => {
                format!("ambiguous power after `{function}(...)`")
            }
            MissingDifferential => "expected `dx` to end the integral".into(),
            MissingBound => "an integral needs both a lower and an upper bound".into(),
            ExpectationWithoutBracket => "expected `[` after the expectation `E`".into(),
            InvalidDensity => "expected a density name in the subscript of `E`".into(),
            InvalidWord { command } => format!("expected letters inside `{command}{{...}}`"),
            NestedTooDeeply => "expression nested too deeply".into(),
            TooManyOperations => {
                format!("expression has too many operations in a row (more than {MAX_TREE_DEPTH})")
            }
            LineTooLong { len } => {
                format!("line is too long ({len} bytes, at most {MAX_LINE_BYTES})")
            }
            NumberTooLong { digits } => {
                format!("number is too long ({digits} digits, at most {MAX_NUMBER_DIGITS})")
            }
            MisplacedSeparator(c) => format!("unexpected `{c}` outside function arguments"),
            LineBreakMidLine => "line break `\\\\` in the middle of a line".into(),
            ContinuationWithoutChain => "`=` continues a chain, but no chain is open".into(),
            UnsupportedAssumption => "only `> 0` assumptions are supported".into(),
            ExpectedName { after } => format!("expected a name after `{after}`"),
            Expected { expected, found } => {
                format!("expected {expected}, found {}", describe_found(found))
            }
            MissingWith => "expected `with` after the specialised expression".into(),
        }
    }

    /// See [`SyntaxError::label`].
    pub fn label(&self) -> String {
        use SyntaxErrorKind::*;
        match self {
            UnexpectedChar(_) => "unexpected character".into(),
            UnsupportedCommand(_) => "unsupported command".into(),
            AbsoluteValue => "absolute value".into(),
            Factorial => "factorial".into(),
            MissingOperand { .. } => "nothing follows this".into(),
            EmptyExpression => "empty".into(),
            EmptyGroup { .. } => "empty brackets".into(),
            Unclosed { close, .. } if close.ends_with('}') => "unclosed brace".into(),
            Unclosed { .. } => "unclosed bracket".into(),
            Mismatched { close, .. } => format!("expected `{close}` here"),
            UnmatchedCloser(_) => "unmatched closing bracket".into(),
            NotAnEquality(_) => "not an equality".into(),
            DoubleSuperscript => "second superscript".into(),
            DoubleSubscript => "second subscript".into(),
            ScriptNeedsBraces { .. } => "needs braces".into(),
            MissingScript(script) => format!("{} missing", script_name(*script)),
            StrayScript(_) => "nothing before this".into(),
            SubscriptOnNonName => "subscript on an expression".into(),
            InvalidSubscript => "invalid subscript".into(),
            MissingArgument { .. } => "missing argument".into(),
            ScriptOnFunction { .. } => "unsupported".into(),
            AmbiguousFunctionPower { .. } => "ambiguous power".into(),
            MissingDifferential => "integral without a differential".into(),
            MissingBound => "only one bound".into(),
            ExpectationWithoutBracket => "expectation without `[...]`".into(),
            InvalidDensity => "not a density name".into(),
            InvalidWord { .. } => "not a word".into(),
            NestedTooDeeply => "too deep".into(),
            TooManyOperations => "too many operations".into(),
            LineTooLong { .. } => "line too long".into(),
            NumberTooLong { .. } => "too many digits".into(),
            MisplacedSeparator(_) => "unexpected separator".into(),
            LineBreakMidLine => "line break".into(),
            ContinuationWithoutChain => "nothing to continue".into(),
            UnsupportedAssumption => "unsupported assumption".into(),
            ExpectedName { .. } => "expected a name".into(),
            Expected { expected, .. } => format!("expected {expected}"),
            MissingWith => "missing `with`".into(),
        }
    }

    /// See [`SyntaxError::help`].
    pub fn help(&self) -> Option<String> {
        use SyntaxErrorKind::*;
        let text = match self {
            UnexpectedChar(c) => return unexpected_char_help(*c),
            UnsupportedCommand(name) => return unsupported_command_help(name),
            AbsoluteValue => "rewrite the expression without `|...|`",
            Factorial => "write the product out, or use a number",
            MissingOperand { .. } => "write the missing operand, or remove the operator",
            EmptyGroup { .. } => "put an expression between the brackets, or remove them",
            Unclosed { close, .. } => return Some(format!("add `{close}` where the group ends")),
            Mismatched { found, .. } => return Some(mismatched_help(found)),
            UnmatchedCloser(_) => "remove it, or add the opening bracket it belongs to",
            NotAnEquality(_) => "write every step as an equality `left = right`",
            DoubleSuperscript => "use braces: `a^{b^c}` or `{a^b}^c`",
            DoubleSubscript => "put the whole subscript in braces, like `x_{12}`",
            ScriptNeedsBraces { script, .. } => {
                return Some(format!("write `{script}{{...}}`, like `x{script}{{-1}}`"))
            }
            MissingScript(_) | StrayScript(_) => "write the base and the script, like `x^2`",
            SubscriptOnNonName => "write the subscript right after a name, like `x_1`",
            InvalidSubscript => "use a plain index, like `x_1`, `x_{ij}` or `\\mu_{p_1}`",
            MissingArgument { command } => return Some(missing_argument_help(command)),
            ScriptOnFunction { function, script } => {
                return Some(script_on_function_help(function, *script))
            }
            AmbiguousFunctionPower { function } => {
                return Some(format!(
                    "write `({function}(x))^2` for a power of the result, or `{function}(x^2)`"
                ))
            }
            MissingDifferential => "end the integrand with the variable, like `\\int f(x) \\, dx`",
            MissingBound => "write both bounds, like `\\int_{-\\infty}^{\\infty}`",
            ExpectationWithoutBracket | InvalidDensity => {
                "write an expectation like `\\mathbb{E}_{p}[f(x)]`"
            }
            InvalidWord { .. } => "write a name made of letters, like `\\mathrm{KL}`",
            NestedTooDeeply => "at most 200 levels of brackets and groups are supported",
            TooManyOperations => "split the expression into several steps",
            LineTooLong { .. } => "split the step into several lines",
            NumberTooLong { .. } => "write the number with fewer digits",
            MisplacedSeparator(_) => "commas only separate arguments, as in `f(a, b)`",
            LineBreakMidLine => "`\\\\` may only end a line; start a new line instead",
            ContinuationWithoutChain => {
                "start a chain with a line like `A = B`; `let`, `assume` and `specialise` end a chain"
            }
            UnsupportedAssumption => "write `assume a > 0` or `assume a, b > 0`",
            ExpectedName { .. } => "names are letters, Greek letters or `\\mathrm{...}`, like `p_1`",
            MissingWith => "write `specialise KL(p, q) with \\mu = 0`",
            EmptyExpression | Expected { .. } => return None,
        };
        Some(text.to_string())
    }
}

fn unexpected_char_help(c: char) -> Option<String> {
    let text = if ('\u{391}'..='\u{3c9}').contains(&c) {
        "write Greek letters as LaTeX commands, like `\\sigma`"
    } else if c == '\'' {
        "primes are not supported; use a subscript, like `f_1`"
    } else if c == '$' {
        "write the mathematics without `$` delimiters"
    } else {
        return None;
    };
    Some(text.to_string())
}

fn unsupported_command_help(name: &str) -> Option<String> {
    let functions = [
        "\\sin", "\\cos", "\\tan", "\\arcsin", "\\arccos", "\\arctan", "\\sinh", "\\cosh",
        "\\tanh", "\\lg", "\\max", "\\min", "\\det",
    ];
    let text = if functions.contains(&name) {
        "the supported functions are `\\log`, `\\ln` and `\\exp`"
    } else if ["\\sum", "\\prod", "\\lim"].contains(&name) {
        "sums, products and limits are not supported; write the terms out"
    } else {
        "supported: numbers, letters, Greek letters, `\\frac`, `\\sqrt`, `\\log`, `\\ln`, `\\exp`, `\\int`, `\\mathbb{E}`"
    };
    Some(text.to_string())
}

fn mismatched_help(found: &str) -> String {
    let text = match found {
        "," | ";" => "commas and semicolons only separate arguments, as in `f(a, b)`",
        "=" => "`=` may only separate whole steps, outside of any brackets",
        "" => "close every bracket on the line where it was opened",
        _ => "brackets must be closed in the reverse order they were opened",
    };
    text.to_string()
}

fn missing_argument_help(command: &str) -> String {
    match command {
        "\\frac" | "\\dfrac" | "\\tfrac" => format!("write `{command}{{a}}{{b}}`"),
        "\\sqrt" => "write `\\sqrt{x}`".to_string(),
        _ => format!("write `{command} x` or `{command}(x)`"),
    }
}

fn script_on_function_help(function: &str, script: char) -> String {
    if script == '^' {
        format!("write `({function} x)^2`")
    } else {
        format!(
            "only natural logarithms are supported; write `\\frac{{{function} x}}{{{function} 2}}`"
        )
    }
}

/// The error threaded through the nom parsers.
///
/// `kind: None` is nom's ordinary "this alternative does not match" (a soft error that
/// lets `alt` and the loops backtrack); `at` is then the remaining input, and
/// [`PError::into_syntax_error`] describes the token found there. With a kind, `at` is
/// exactly the text to underline.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PError<'a> {
    pub at: &'a str,
    pub kind: Option<SyntaxErrorKind>,
}

impl<'a> PError<'a> {
    pub(crate) fn new(at: &'a str, kind: SyntaxErrorKind) -> Self {
        Self {
            at,
            kind: Some(kind),
        }
    }

    /// The span of `self.at` within `base`, plus the kind (described from the token
    /// found there, with `expected` as what would have been valid, for soft errors).
    pub(crate) fn into_syntax_error(self, base: &str, expected: &str) -> SyntaxError {
        match self.kind {
            Some(kind) => SyntaxError {
                span: span_in(base, self.at),
                kind,
            },
            None => unexpected_token(base, self.at, expected),
        }
    }
}

impl<'a> nom::error::ParseError<&'a str> for PError<'a> {
    fn from_error_kind(input: &'a str, _kind: nom::error::ErrorKind) -> Self {
        Self {
            at: input,
            kind: None,
        }
    }

    fn append(_input: &'a str, _kind: nom::error::ErrorKind, other: Self) -> Self {
        other
    }

    /// Of two failed alternatives, keep the one that knows what went wrong.
    fn or(self, other: Self) -> Self {
        if self.kind.is_some() && other.kind.is_none() {
            self
        } else {
            other
        }
    }
}

/// Any nom error as a [`SyntaxError`]; `expected` says what would have been valid
/// where a soft error stopped. (`Incomplete` cannot happen with the complete parsers
/// used here; it is reported as an unexpected end rather than trusted away.)
pub(crate) fn from_nom(err: nom::Err<PError<'_>>, base: &str, expected: &str) -> SyntaxError {
    match err {
        nom::Err::Error(e) | nom::Err::Failure(e) => e.into_syntax_error(base, expected),
        nom::Err::Incomplete(_) => unexpected_token(base, &base[base.len()..], expected),
    }
}

/// A hard failure: the text was recognised and is wrong, so nothing should backtrack.
pub(crate) fn failure(at: &str, kind: SyntaxErrorKind) -> nom::Err<PError<'_>> {
    nom::Err::Failure(PError::new(at, kind))
}

/// [`failure`] as a parse result.
pub(crate) fn fail<'a, T>(at: &'a str, kind: SyntaxErrorKind) -> PResult<'a, T> {
    Err(failure(at, kind))
}

/// A soft failure: "not this", letting the caller try something else or stop.
pub(crate) fn soft<'a, T>(at: &'a str) -> PResult<'a, T> {
    Err(nom::Err::Error(PError { at, kind: None }))
}

/// The byte span of `part`, a sub-slice of `whole`.
pub(crate) fn span_in(whole: &str, part: &str) -> Span {
    let start = part.as_ptr() as usize - whole.as_ptr() as usize;
    debug_assert!(start + part.len() <= whole.len(), "slice outside its text");
    Span::new(start, start + part.len())
}

/// Describes whatever token stands at `at` when something else was `expected` there.
pub(crate) fn unexpected_token(base: &str, at: &str, expected: &str) -> SyntaxError {
    let token = peek_token(at);
    let text = token.text.to_string();
    let kind = match token.kind {
        TokenKind::Closer(_) => SyntaxErrorKind::UnmatchedCloser(text),
        TokenKind::Relation => SyntaxErrorKind::NotAnEquality(text),
        TokenKind::Separator(c) => SyntaxErrorKind::MisplacedSeparator(c),
        TokenKind::LineBreak => SyntaxErrorKind::LineBreakMidLine,
        TokenKind::End | TokenKind::Equals | TokenKind::Other => SyntaxErrorKind::Expected {
            expected: expected.to_string(),
            found: text,
        },
    };
    SyntaxError {
        span: span_in(base, token.text),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use crate::source::SourceFile;
    use crate::syntax::{parse, parse_expr};

    /// The first error of `input` read as a file (or, if the file has none, as a bare
    /// expression): its variant, underlined text, message, label and help.
    fn describe(input: &str) -> String {
        let from_file = parse(&SourceFile::new("e", input))
            .errors
            .into_iter()
            .next();
        let Some(error) = from_file.or_else(|| parse_expr(input).err()) else {
            return "no error".into();
        };
        let debug = format!("{:?}", error.kind);
        let variant = debug.split([' ', '(']).next().unwrap_or_default();
        let underlined = &input[error.span.range()];
        let help = error.help().unwrap_or_else(|| "-".into());
        format!(
            "{variant} at `{underlined}`\n{}\nlabel: {}\nhelp: {help}",
            error.message(),
            error.label()
        )
    }

    macro_rules! check {
        ($input:expr, @$expect:literal) => {
            insta::assert_snapshot!(describe($input), @$expect)
        };
    }

    /// Each input is the example in the variant's doc comment.
    #[test]
    fn every_kind_from_its_documented_example() {
        check!("a @ b", @r"
            UnexpectedChar at `@`
            unexpected character `@`
            label: unexpected character
            help: -
            ");
        check!(r"\sin x", @r"
            UnsupportedCommand at `\sin`
            unsupported LaTeX command `\sin`
            label: unsupported command
            help: the supported functions are `\log`, `\ln` and `\exp`
            ");
        check!(r"|x - \mu|", @r"
            AbsoluteValue at `|`
            absolute values are not supported
            label: absolute value
            help: rewrite the expression without `|...|`
            ");
        check!("n!", @r"
            Factorial at `!`
            factorials are not supported
            label: factorial
            help: write the product out, or use a number
            ");
        check!("a + ", @r"
            MissingOperand at `+`
            expected an expression after `+`
            label: nothing follows this
            help: write the missing operand, or remove the operator
            ");
        check!("", @r"
            EmptyExpression at ``
            expected an expression
            label: empty
            help: -
            ");
        check!("f() = 1", @r"
            EmptyGroup at `()`
            expected an expression between `(` and `)`
            label: empty brackets
            help: put an expression between the brackets, or remove them
            ");
        check!(r"\frac{1}{2", @r"
            Unclosed at `{`
            expected `}` to close `\frac{`
            label: unclosed brace
            help: add `}` where the group ends
            ");
        check!(r"\left( a + b ]", @r"
            Mismatched at `]`
            expected `\right)` to close `\left(`, found `]`
            label: expected `\right)` here
            help: brackets must be closed in the reverse order they were opened
            ");
        check!("a + b)", @r"
            UnmatchedCloser at `)`
            `)` has no matching opening bracket
            label: unmatched closing bracket
            help: remove it, or add the opening bracket it belongs to
            ");
        check!(r"a \le b", @r"
            NotAnEquality at `\le`
            only equalities can be checked, found `\le`
            label: not an equality
            help: write every step as an equality `left = right`
            ");
        check!("a^b^c", @r"
            DoubleSuperscript at `^`
            ambiguous double superscript
            label: second superscript
            help: use braces: `a^{b^c}` or `{a^b}^c`
            ");
        check!("x_1_2", @r"
            DoubleSubscript at `_2`
            double subscript
            label: second subscript
            help: put the whole subscript in braces, like `x_{12}`
            ");
        check!("x^-1", @r"
            ScriptNeedsBraces at `^-`
            a superscript starting with `-` needs braces
            label: needs braces
            help: write `^{...}`, like `x^{-1}`
            ");
        check!("x^", @r"
            MissingScript at `^`
            expected a superscript after `^`
            label: superscript missing
            help: write the base and the script, like `x^2`
            ");
        check!("^2 + x", @r"
            StrayScript at `^`
            superscript `^` has nothing to attach to
            label: nothing before this
            help: write the base and the script, like `x^2`
            ");
        check!("(a + b)_1", @r"
            SubscriptOnNonName at `_1`
            subscripts are only supported on names
            label: subscript on an expression
            help: write the subscript right after a name, like `x_1`
            ");
        check!("x_{1/2}", @r"
            InvalidSubscript at `/`
            a subscript may only contain letters, digits and Greek letters
            label: invalid subscript
            help: use a plain index, like `x_1`, `x_{ij}` or `\mu_{p_1}`
            ");
        check!(r"\frac{1}", @r"
            MissingArgument at `\frac`
            expected an argument after `\frac`
            label: missing argument
            help: write `\frac{a}{b}`
            ");
        check!(r"\log^2 x", @r"
            ScriptOnFunction at `\log^`
            powers written as `\log^...` are not supported
            label: unsupported
            help: write `(\log x)^2`
            ");
        check!(r"\log(x)^2", @r"
            AmbiguousFunctionPower at `^`
            ambiguous power after `\log(...)`
            label: ambiguous power
            help: write `(\log(x))^2` for a power of the result, or `\log(x^2)`
            ");
        check!(r"\int x^2", @r"
            MissingDifferential at `\int`
            expected `dx` to end the integral
            label: integral without a differential
            help: end the integrand with the variable, like `\int f(x) \, dx`
            ");
        check!(r"\int_0 x dx", @r"
            MissingBound at `\int_0`
            an integral needs both a lower and an upper bound
            label: only one bound
            help: write both bounds, like `\int_{-\infty}^{\infty}`
            ");
        check!(r"\mathbb{E} x", @r"
            ExpectationWithoutBracket at `\mathbb{E}`
            expected `[` after the expectation `E`
            label: expectation without `[...]`
            help: write an expectation like `\mathbb{E}_{p}[f(x)]`
            ");
        check!(r"\mathbb{E}_{2}[x]", @r"
            InvalidDensity at `_`
            expected a density name in the subscript of `E`
            label: not a density name
            help: write an expectation like `\mathbb{E}_{p}[f(x)]`
            ");
        check!(r"\mathrm{a+b}", @r"
            InvalidWord at `\mathrm`
            expected letters inside `\mathrm{...}`
            label: not a word
            help: write a name made of letters, like `\mathrm{KL}`
            ");
        check!(&format!("{}x{}", "(".repeat(201), ")".repeat(201)), @r"
            NestedTooDeeply at `(`
            expression nested too deeply
            label: too deep
            help: at most 200 levels of brackets and groups are supported
            ");
        check!(&format!("{}a", "a + ".repeat(500)), @r"
            TooManyOperations at `a`
            expression has too many operations in a row (more than 500)
            label: too many operations
            help: split the expression into several steps
            ");
        check!(&"x".repeat(10_001), @r"
            LineTooLong at `x`
            line is too long (10001 bytes, at most 10000)
            label: line too long
            help: split the step into several lines
            ");
        check!("1234567890123456789012345678901", @r"
            NumberTooLong at `1234567890123456789012345678901`
            number is too long (31 digits, at most 30)
            label: too many digits
            help: write the number with fewer digits
            ");
        check!("a, b = c", @r"
            MisplacedSeparator at `,`
            unexpected `,` outside function arguments
            label: unexpected separator
            help: commas only separate arguments, as in `f(a, b)`
            ");
        check!(r"a = b \\ = c", @r"
            LineBreakMidLine at `\\`
            line break `\\` in the middle of a line
            label: line break
            help: `\\` may only end a line; start a new line instead
            ");
        check!("&= x", @r"
            ContinuationWithoutChain at `=`
            `=` continues a chain, but no chain is open
            label: nothing to continue
            help: start a chain with a line like `A = B`; `let`, `assume` and `specialise` end a chain
            ");
        check!(r"assume a \ge 0", @r"
            UnsupportedAssumption at `\ge 0`
            only `> 0` assumptions are supported
            label: unsupported assumption
            help: write `assume a > 0` or `assume a, b > 0`
            ");
        check!("let = 2", @r"
            ExpectedName at `=`
            expected a name after `let`
            label: expected a name
            help: names are letters, Greek letters or `\mathrm{...}`, like `p_1`
            ");
        check!("let f(x) x^2", @r"
            Expected at `x`
            expected `=`, found `x`
            label: expected `=`
            help: -
            ");
        check!("specialise KL(p, q)", @r"
            MissingWith at `specialise`
            expected `with` after the specialised expression
            label: missing `with`
            help: write `specialise KL(p, q) with \mu = 0`
            ");
    }

    #[test]
    fn helps_that_depend_on_the_input() {
        check!("σ_1", @r"
            UnexpectedChar at `σ`
            unexpected character `σ`
            label: unexpected character
            help: write Greek letters as LaTeX commands, like `\sigma`
            ");
        check!("f'(x)", @r"
            UnexpectedChar at `'`
            unexpected character `'`
            label: unexpected character
            help: primes are not supported; use a subscript, like `f_1`
            ");
        check!("$x$", @r"
            UnexpectedChar at `$`
            unexpected character `$`
            label: unexpected character
            help: write the mathematics without `$` delimiters
            ");
        check!(r"\cos x", @r"
            UnsupportedCommand at `\cos`
            unsupported LaTeX command `\cos`
            label: unsupported command
            help: the supported functions are `\log`, `\ln` and `\exp`
            ");
        check!(r"\sum_i x_i", @r"
            UnsupportedCommand at `\sum`
            unsupported LaTeX command `\sum`
            label: unsupported command
            help: sums, products and limits are not supported; write the terms out
            ");
        check!("(a, b)", @r"
            Mismatched at `,`
            expected `)` to close `(`, found `,`
            label: expected `)` here
            help: commas and semicolons only separate arguments, as in `f(a, b)`
            ");
        check!("(a = b)", @r"
            Mismatched at `=`
            expected `)` to close `(`, found `=`
            label: expected `)` here
            help: `=` may only separate whole steps, outside of any brackets
            ");
        check!("(a", @r"
            Unclosed at `(`
            expected `)` to close `(`
            label: unclosed bracket
            help: add `)` where the group ends
            ");
        check!(r"\sqrt", @r"
            MissingArgument at `\sqrt`
            expected an argument after `\sqrt`
            label: missing argument
            help: write `\sqrt{x}`
            ");
        check!(r"\log", @r"
            MissingArgument at `\log`
            expected an argument after `\log`
            label: missing argument
            help: write `\log x` or `\log(x)`
            ");
        check!(r"\log_2 x", @r"
            ScriptOnFunction at `\log_`
            logarithm bases written as `\log_...` are not supported
            label: unsupported
            help: only natural logarithms are supported; write `\frac{\log x}{\log 2}`
            ");
    }
}
