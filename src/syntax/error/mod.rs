//! Syntax errors: what went wrong on a line, where, and what to do about it.
//!
//! [`SyntaxError`] is the public result: a span into the file and a [`SyntaxErrorKind`]
//! that knows its own message, underline label and help. `PError` is the error type the
//! nom grammar threads through its parsers; it points at the text it is about with a
//! sub-slice of the source, and `PError::into_syntax_error` turns it into a span once
//! the whole text is known (see `syntax::expected`, which describes the token a soft
//! error stopped at). Messages, labels and help live in `messages`. This module does not
//! render diagnostics (no colours, no line/column): that is the job of the caller, which
//! has the [`crate::source::LineIndex`]. It depends on nothing else in `syntax`, so every
//! other parser module can use it without a cycle.

use crate::source::Span;

mod messages;
#[cfg(test)]
mod tests;

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
    /// `|x - \mu` (an absolute value never closed), `\rvert` without `\lvert`
    AbsoluteValue,
    /// `|a|b|c|`: `|a|·b·|c|` or `|a·|b|·c|`
    AmbiguousBars,
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
    /// `\int dx\, f(x) + g(x)`: is `g` integrated too?
    IntegralExtent,
    /// `\int dx\, f(x)\, dx`
    TwoDifferentials,
    /// `\sum x_i`, `\sum_i x_i`, `\prod_{i=1} x_i`: a sum or product without its range.
    SeriesWithoutRange(String),
    /// `\sum_i x_i` in a file that writes `\sum_{i=1}^{n}` and `\sum_{i=0}^{m}`: which?
    SeriesRanges {
        /// `\sum` or `\prod`.
        op: String,
        /// The ranges written for the index, `i=1..n`.
        ranges: Vec<String>,
    },
    /// `\sum_{1}^{n}`, `\sum_{i+1=1}^{n}`: no index named before `=`.
    SeriesIndex(String),
    /// `\int_0 x dx`
    MissingBound,
    /// `\mathbb{E} x`
    ExpectationWithoutBracket,
    /// `\mathbb{E}_{}[x]`
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
    /// `\Rightarrow 0 = b` with no single equation `L = R` open before it.
    ImplicationWithoutEquation(String),
    /// `\iff a = b = c`, `\iff a`: after a connective, one equation `L = R`.
    NotOneEquation(String),
    /// `a = b \overset{!}{=} 0 = c`: the value an equation is set to ends the chain.
    AfterSetEquation(String),
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
    /// a `.ipynb` file that is not JSON of a notebook
    InvalidNotebook(String),
    /// `\cancel{x}`
    StruckOut(String),
    /// `\vec{x}`, `\mathbf{xy}`: an arrow over a name, or bold over more than one letter
    /// (one bold letter, `\mathbf{x}`, is a name of its own).
    BoldSymbol(String),
    /// `x^{(i)}`: the i-th sample, a derivative's order, or a power?
    BracketedSuperscript,
    /// `x^T`: a transpose or a power of `T`?
    TransposeOrPower,
    /// `x^\top`, `x^\intercal`, `x^\mathrm{T}`: a transpose.
    Transpose,
    /// `\|z\|^2`, `\lVert z \rVert`: a vector's norm.
    Norm,
    /// `x \text{ for } x > 0`
    TextInFormula,
    /// `a = b, c = d`
    SeveralEquations,
    /// `log(2a)`
    FunctionWithoutBackslash(String),
    /// `\frac{\partial^2}{\partial \mu \partial \sigma} f`: a derivative not read, and why.
    Derivative(String),
    /// `\frac{d}{dx} x^2 + 1`: is the `+ 1` differentiated too?
    DerivativeExtent,
    /// `\lim_{x \to 0} f(x)`: a limit that is not read, and why.
    Limit(String),
    /// `\lim_{x \to \infty} x e^{-x} + 1`: is the `+ 1` inside the limit?
    LimitExtent,
    /// `f \Big|_{0}`: an evaluation bar without `var = value`.
    EvaluationPoint,
    /// `P(X = x)`, `P(a < X > b)`, `\Pr(X)`: a probability whose event is not one
    /// quantity bounded by inequalities.
    Event,
    /// `\left. F`: an invisible opener not closed by an evaluation bar `\right|_{a}^{b}`.
    LeftDot,
    /// `2 3`
    JuxtaposedNumbers,
    /// `2\frac{1}{2}`: the mixed number 2½, or the product 2·½?
    MixedNumber,
    /// `2a \qquad 3b`: two formulas side by side, or a product spread out?
    WideSpaceProduct,
    /// `e^{i t}`
    ImaginaryUnit,
    /// `1/2x`
    AmbiguousSlash,
    /// `\log a \log b`
    AmbiguousFunctionArgument {
        /// The function command, e.g. `\log`.
        function: String,
    },
    /// `\log x y`, `\exp x y`: log(xy) or (log x)·y?
    ProductArgument {
        /// The function command, e.g. `\log`.
        function: String,
        /// The first factor as written, for the help.
        first: String,
        /// The factors after it as written.
        rest: String,
    },
    /// `\mathrm{d}x` outside an integral
    DifferentialOutsideIntegral,
    /// `\norm{x}` after `\newcommand{\norm}[1]{…}`: a macro whose body is not read.
    UnreadMacro {
        /// The macro as used, `\norm`.
        name: String,
        /// Its definition as written.
        definition: String,
    },
    /// `\mathbb{E}[X \mid Y]`
    ConditionalExpectation,
    /// `\operatorname{Cov}(X)`
    MomentArguments {
        /// The moment written.
        moment: crate::syntax::ast::Moment,
        /// How many arguments it was given.
        found: usize,
    },
    /// `\operatorname{erf}(x)`
    UnsupportedFunction(String),
    /// `\operatorname{diag}(a, b)`: entries not written as `d_1, \dots, d_J`.
    DiagonalEntries,
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
