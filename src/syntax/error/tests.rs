//! Every error kind from the input its doc comment shows, and helps that depend on the
//! input.

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
    check!(r"\operatorname{diag}(a, b)", @r"
    DiagonalEntries at `\operatorname{diag}`
    a diagonal matrix's entries are read only as the first, `\dots` and the last: `\operatorname{diag}(\sigma_1^2, \dots, \sigma_J^2)`
    label: diagonal matrix
    help: write the first entry, `\dots`, and the last, indexed 1 and by the dimension
    ");
    check!(r"|x - \mu", @r"
    AbsoluteValue at `|`
    a bar that opens no absolute value here, or one never closed
    label: absolute value
    help: write both bars, `|x - \mu|`, or `\lvert x \rvert`
    ");
    check!(r"|a| b |c|", @r"
    AmbiguousBars at `|`
    bars with two readings: `|a|b|c|` is `|a|·b·|c|` or `|a·|b|·c|`, and `|x|_{…}` an absolute value or an evaluation
    label: which bar closes which?
    help: write `\lvert … \rvert` for each absolute value, `\cdot` between the factors, or `\Big|_{…}` for an evaluation
    ");
    check!(r"\lim_{x \to 0} x = 0", @r"
    Limit at `\lim_{x \to 0}`
    a limit that is not read: only limits at `\infty` and `-\infty` are read
    label: limit
    help: write limits at `\infty` or `-\infty`, `\lim_{x \to \infty} x e^{-x}`, or the value the limit has
    ");
    check!(r"\lim_{x \to \infty} x e^{-x} + 1 = 1", @r"
    LimitExtent at `\lim_{x \to \infty} x e^{-x}`
    where the function in the limit ends is unclear: a sum follows it
    label: extent unclear
    help: bracket what the limit is of: `\lim_{x \to \infty} \left(x e^{-x} + 1\right)`
    ");
    check!("x^{(i)} = 1", @"
    BracketedSuperscript at `^{(i)}`
    a bracketed superscript (`x^{(i)}`) reads as a sample's index, a derivative's order or a power
    label: index, order or power
    help: for a sample write `x_i`, for a derivative `f^{(n)}(x)` of a defined `f`, for a power `x^{i}`
    ");
    check!("n!", @r"
    Factorial at `!`
    a factorial or binomial coefficient of a symbol (`n!`, `\binom{n}{k}`); of numbers (`4!`, `\binom{4}{2}`) they are read
    label: factorial
    help: write the product out, or its value
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
    check!(r"\mathbb{E}_{}[x]", @r"
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
    check!(r"\frac{\partial^2}{\partial \mu \partial \sigma} f", @r"
    Derivative at `\frac{\partial^2}{\partial \mu \partial \sigma}`
    a derivative that is not read: its denominator is more than one variable (a mixed partial, or a product)
    label: derivative
    help: write it as a derivative in one variable, like `\frac{\partial^2}{\partial \mu^2}`, or as the expression it equals
    ");
    check!(r"\frac{d}{dx} x^2 + 1", @r"
    DerivativeExtent at `\frac{d}{dx} x^2`
    where the function differentiated ends is unclear: a sum follows it
    label: extent unclear
    help: bracket what is differentiated: `\frac{d}{dx}\left(x^2 + 1\right)`
    ");
    check!(r"f(t) \Big|_{0}", @r"
    EvaluationPoint at `\Big|`
    an evaluation bar is read only as `\Big|_{t=0}`
    label: evaluation
    help: write the point as `var = value`: `\Big|_{t=0}`
    ");
    check!(r"\left. x + 1 = 2", @r"
    LeftDot at `\left.`
    `\left.` is read only as the start of an evaluation closed by `\right|_{a}^{b}`
    label: evaluation not closed
    help: close it with the bar and its limits: `\left. x e^{-x} \right|_{0}^{\infty}`
    ");
    check!(r"\Pr(X = 1) = 0", @r"
    Event at `\Pr(`
    the probability of an event is read only when the event bounds one quantity: `X \le x`, `X > c`, `a < X \le b`
    label: event
    help: write the event with `<`, `\le`, `>` or `\ge`, both relations of `a < X \le b` pointing the same way
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
    check!("x' + 1", @"
    UnexpectedChar at `'`
    a prime outside `f'(x)` (`x'`): a derivative or another name?
    label: unexpected character
    help: a prime is read on a function the note defines, applied to its argument (`f'(x)`, `M''(0)`); for another name use a subscript, like `x_1`
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
    SeriesWithoutRange at `\sum_`
    `\sum` without its range: the index and both bounds are needed, `\sum_{i=1}^{n}`
    label: range not stated
    help: write the range where the sum is, `\sum_{i=1}^{n}`, or once in the file: a range stated only in prose is not read
    ");
    check!(r"\sum_{i=1}^{n} x_i - \sum_{i=0}^{m} x_i + \sum_i x_i", @r"
    SeriesRanges at `\sum_`
    `\sum` without its range, and the file writes more than one for its index: i=1..n, i=0..m
    label: which range?
    help: write the range where the sum is, `\sum_{i=1}^{n}`
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
    check!(r"\ln_2 x", @r"
    ScriptOnFunction at `\ln_`
    logarithm bases written as `\ln_...` are not supported
    label: unsupported
    help: `\ln` is the natural logarithm; for a base write `\log_2 x` or `\frac{\ln x}{\ln 2}`
    ");
}
