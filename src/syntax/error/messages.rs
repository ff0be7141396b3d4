//! What each [`SyntaxErrorKind`] says: its one-line message, its underline label and its
//! help. Kept apart from the error types so that adding a kind is one line in `mod.rs`
//! and its words here.

use super::{SyntaxErrorKind, MAX_LINE_BYTES, MAX_NUMBER_DIGITS, MAX_TREE_DEPTH};

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
            UnexpectedChar('\'') => {
                "a prime outside `f'(x)` (`x'`): a derivative or another name?".into()
            }
            UnexpectedChar(c) => format!("unexpected character `{}`", show_char(*c)),
            UnsupportedCommand(name) => format!("unsupported LaTeX command `{name}`"),
            AbsoluteValue => "a bar that opens no absolute value here, or one never closed".into(),
            AmbiguousBars => "bars with two readings: `|a|b|c|` is `|a|·b·|c|` or `|a·|b|·c|`, and `|x|_{…}` an absolute value or an evaluation".into(),
            Factorial => "a factorial or binomial coefficient of a symbol (`n!`, `\\binom{n}{k}`); of numbers (`4!`, `\\binom{4}{2}`) they are read".into(),
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
            IntegralExtent => {
                "with the differential first, where the integrand ends is unclear: a sum follows it"
                    .into()
            }
            TwoDifferentials => "an integral with two differentials".into(),
            SeriesWithoutRange(op) => format!(
                "`{op}` without its range: the index and both bounds are needed, `{op}_{{i=1}}^{{n}}`"
            ),
            SeriesRanges { op, ranges } => format!(
                "`{op}` without its range, and the file writes more than one for its index: {}",
                ranges.join(", ")
            ),
            SeriesIndex(op) => format!("`{op}` needs an index named before `=`, like `{op}_{{i=1}}^{{n}}`"),
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
            ImplicationWithoutEquation(c) => format!(
                "`{c}` continues a chain of equations, but no single equation `L = R` is open before it"
            ),
            NotOneEquation(c) => format!("after `{c}`, one equation `L = R` is read"),
            AfterSetEquation(c) => format!(
                "`{c}` sets an equation to solve, which ends the chain of steps; what follows it is not read"
            ),
            UnsupportedAssumption => "only `> 0` assumptions are supported".into(),
            ExpectedName { after } => format!("expected a name after `{after}`"),
            Expected { expected, found } => {
                format!("expected {expected}, found {}", describe_found(found))
            }
            MissingWith => "expected `with` after the specialised expression".into(),
            InvalidNotebook(why) => why.clone(),
            StruckOut(command) => format!("struck-out terms (`{command}`) have no single reading"),
            BoldSymbol(written) => format!(
                "`{written}` is written with an arrow, or in bold but not as one letter; vectors and matrices are names declared with `\\in`"
            ),
            BracketedSuperscript => {
                "a bracketed superscript (`x^{(i)}`) reads as a sample's index, a derivative's order or a power".into()
            }
            TransposeOrPower => "`^T` reads as a transpose or as a power of `T`".into(),
            Transpose => "a transpose mark outside a superscript".into(),
            Norm => "a norm `\\|…\\|` that is not closed".into(),
            TextInFormula => "text inside a formula".into(),
            SeveralEquations => "more than one formula in a row (a list, or several equations)".into(),
            FunctionWithoutBackslash(word) => {
                format!("`{word}` written without a backslash reads as a product of letters")
            }
            Derivative(why) => format!("a derivative that is not read: {why}"),
            DerivativeExtent => {
                "where the function differentiated ends is unclear: a sum follows it".into()
            }
            Limit(why) => format!("a limit that is not read: {why}"),
            LimitExtent => "where the function in the limit ends is unclear: a sum follows it".into(),
            EvaluationPoint => "an evaluation bar is read only as `\\Big|_{t=0}`".into(),
            LeftDot => "`\\left.` is read only as the start of an evaluation closed by `\\right|_{a}^{b}`".into(),
            JuxtaposedNumbers => "two numbers side by side have no single reading".into(),
            MixedNumber => {
                "a whole number before a fraction reads as a mixed number (2½ = 5/2) or a product (2·½ = 1)".into()
            }
            WideSpaceProduct => {
                "a wide space between two terms: two formulas side by side, or a product?".into()
            }
            ImaginaryUnit => {
                "`i` is ambiguous: the imaginary unit is not supported, and `i` is not a variable here"
                    .into()
            }
            AmbiguousSlash => "ambiguous `/` before a product: `1/2x` has two readings".into(),
            AmbiguousFunctionArgument { function } => format!(
                "ambiguous argument of `{function}`: it runs into another function or integral"
            ),
            ProductArgument { function, .. } => format!(
                "ambiguous argument of `{function}`: a product of variables without parentheses has two readings"
            ),
            UnreadMacro { name, definition } => {
                format!("`{name}` is the note's own macro, defined as `{definition}`, which verify does not expand")
            }
            DifferentialOutsideIntegral => "a differential outside an integral".into(),
            ConditionalExpectation => "conditional expectations are not supported".into(),
            Event => "the probability of an event is read only when the event bounds one quantity: `X \\le x`, `X > c`, `a < X \\le b`".into(),
            MomentArguments { moment, found } => {
                let (name, wanted) = match moment {
                    crate::syntax::ast::Moment::Covariance => ("a covariance", "two arguments"),
                    crate::syntax::ast::Moment::Variance => ("a variance", "one argument"),
                    crate::syntax::ast::Moment::Mean => ("an expectation", "one argument"),
                    crate::syntax::ast::Moment::Probability(_) => ("a probability", "one event"),
                };
                format!("{name} takes {wanted}, not {found}")
            }
            UnsupportedFunction(word) => format!("the function `{word}` is not supported yet"),
            DiagonalEntries => "a diagonal matrix's entries are read only as the first, `\\dots` and the last: `\\operatorname{diag}(\\sigma_1^2, \\dots, \\sigma_J^2)`".into(),
        }
    }

    /// See [`SyntaxError::label`].
    pub fn label(&self) -> String {
        use SyntaxErrorKind::*;
        match self {
            UnexpectedChar(_) => "unexpected character".into(),
            UnsupportedCommand(_) => "unsupported command".into(),
            AbsoluteValue => "absolute value".into(),
            AmbiguousBars => "which bar closes which?".into(),
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
            IntegralExtent => "integrand of unclear extent".into(),
            TwoDifferentials => "two differentials".into(),
            SeriesWithoutRange(_) => "range not stated".into(),
            SeriesRanges { .. } => "which range?".into(),
            SeriesIndex(_) => "no index".into(),
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
            ImplicationWithoutEquation(_) => "no equation before".into(),
            NotOneEquation(_) => "not one equation".into(),
            AfterSetEquation(_) => "after a set equation".into(),
            UnsupportedAssumption => "unsupported assumption".into(),
            ExpectedName { .. } => "expected a name".into(),
            Expected { expected, .. } => format!("expected {expected}"),
            MissingWith => "missing `with`".into(),
            InvalidNotebook(_) => "not a notebook".into(),
            StruckOut(_) => "struck out".into(),
            BoldSymbol(_) => "vector or matrix".into(),
            BracketedSuperscript => "index, order or power".into(),
            TransposeOrPower => "transpose or power".into(),
            Transpose => "transpose".into(),
            Norm => "norm".into(),
            TextInFormula => "words, not mathematics".into(),
            SeveralEquations => "a second equation starts here".into(),
            FunctionWithoutBackslash(_) => "function without `\\`".into(),
            Derivative(_) => "derivative".into(),
            DerivativeExtent | LimitExtent => "extent unclear".into(),
            Limit(_) => "limit".into(),
            EvaluationPoint => "evaluation".into(),
            LeftDot => "evaluation not closed".into(),
            JuxtaposedNumbers => "numbers side by side".into(),
            MixedNumber => "mixed number or product?".into(),
            WideSpaceProduct => "wide space".into(),
            ImaginaryUnit => "`i`".into(),
            AmbiguousSlash => "ambiguous division".into(),
            AmbiguousFunctionArgument { .. } => "ambiguous argument".into(),
            ProductArgument { .. } => "ambiguous argument".into(),
            UnreadMacro { .. } => "macro".into(),
            DifferentialOutsideIntegral => "differential".into(),
            ConditionalExpectation => "conditioning".into(),
            Event => "event".into(),
            MomentArguments { .. } => "wrong number of arguments".into(),
            UnsupportedFunction(_) => "unsupported function".into(),
            DiagonalEntries => "diagonal matrix".into(),
        }
    }

    /// See [`SyntaxError::help`].
    pub fn help(&self) -> Option<String> {
        use SyntaxErrorKind::*;
        let text = match self {
            UnexpectedChar(c) => return unexpected_char_help(*c),
            UnsupportedCommand(name) => return unsupported_command_help(name),
            AbsoluteValue => "write both bars, `|x - \\mu|`, or `\\lvert x \\rvert`",
            AmbiguousBars => "write `\\lvert … \\rvert` for each absolute value, `\\cdot` between the factors, or `\\Big|_{…}` for an evaluation",
            Factorial => "write the product out, or its value",
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
            IntegralExtent => {
                "bracket the integrand, `\\int dx\\, (f(x) + g(x))`, or end it with the differential, `\\int f(x) \\, dx + g(x)`"
            }
            TwoDifferentials => "write the differential once, at the start or at the end",
            SeriesRanges { op, .. } => {
                return Some(format!("write the range where the sum is, `{op}_{{i=1}}^{{n}}`"))
            }
            SeriesWithoutRange(op) => {
                return Some(format!(
                    "write the range where the sum is, `{op}_{{i=1}}^{{n}}`, or once in the file: a range stated only in prose is not read"
                ))
            }
            SeriesIndex(op) => return Some(format!("write `{op}_{{i=1}}^{{n}}`")),
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
            ImplicationWithoutEquation(_) => {
                "start the chain with one equation on its own row, `0 = …`, and put each next equation on a row after the connective"
            }
            NotOneEquation(_) => "write one equation per row, `\\iff \\mu = \\bar{x}`",
            AfterSetEquation(_) => {
                "continue the equation on the next row after a connective, `\\iff \\mu = \\bar{x}`"
            }
            ContinuationWithoutChain => {
                "start a chain with a line like `A = B`; `let`, `assume` and `specialise` end a chain"
            }
            UnsupportedAssumption => "write `assume a > 0` or `assume a, b > 0`",
            ExpectedName { .. } => "names are letters, Greek letters or `\\mathrm{...}`, like `p_1`",
            MissingWith => "write `specialise KL(p, q) with \\mu = 0`",
            InvalidNotebook(_) => "a `.ipynb` file must be a Jupyter notebook (nbformat 4 JSON)",
            StruckOut(_) => "write the step with the terms removed, or without the strike-out",
            BoldSymbol(_) => "write one letter, plain or bold, and declare it: `let x \\in \\mathbb{R}^J`, `let \\mathbf{x} \\in \\mathbb{R}^J`",
            TransposeOrPower => "for a transpose write `x^\\mathrm{T}` or `x^\\top`; for a power, call the exponent by another letter (`x^{n}`)",
            Transpose => "write a transpose as `x^\\mathrm{T}` or `x^\\top`",
            Norm => "close the norm with `\\|` (or `\\rVert`)",
            BracketedSuperscript => "for a sample write `x_i`, for a derivative `f^{(n)}(x)` of a defined `f`, for a power `x^{i}`",
            TextInFormula => {
                "words may only end a row (`\\quad \\text{by (3)}`); conditions like `\\text{for } x > 0` are not read"
            }
            SeveralEquations => "put each equation on its own row (`\\\\`) or in its own display",
            FunctionWithoutBackslash(word) => {
                return Some(function_without_backslash_help(word));
            }
            Derivative(_) => "write it as a derivative in one variable, like `\\frac{\\partial^2}{\\partial \\mu^2}`, or as the expression it equals",
            DerivativeExtent => "bracket what is differentiated: `\\frac{d}{dx}\\left(x^2 + 1\\right)`",
            LimitExtent => "bracket what the limit is of: `\\lim_{x \\to \\infty} \\left(x e^{-x} + 1\\right)`",
            Limit(_) => "write limits at `\\infty` or `-\\infty`, `\\lim_{x \\to \\infty} x e^{-x}`, or the value the limit has",
            EvaluationPoint => "write the point as `var = value`: `\\Big|_{t=0}`",
            LeftDot => "close it with the bar and its limits: `\\left. x e^{-x} \\right|_{0}^{\\infty}`",
            WideSpaceProduct => {
                "separate two equations with a comma or a row break (`\\\\`); write a product without `\\quad`"
            }
            JuxtaposedNumbers => {
                "write the product with `\\cdot` (`2 \\cdot 3`), braces for a power (`x^{23}`), or one number without spaces"
            }
            MixedNumber => "write `\\frac{5}{2}` for the mixed number, or `2 \\cdot \\frac{1}{2}` for the product",
            ImaginaryUnit => "rename the variable (`j`, `k`), or leave the step out",
            AmbiguousSlash => "write `\\frac{1}{2x}` or `\\frac{1}{2} x`",
            AmbiguousFunctionArgument { function } => {
                return Some(format!(
                    "write `{function}(a) {function}(b)` for a product, or `{function}(a {function} b)`"
                ));
            }
            ProductArgument {
                function,
                first,
                rest,
            } => {
                return Some(format!(
                    "write `{function}({first} {rest})` or `({function} {first}) {rest}`"
                ));
            }
            UnreadMacro { .. } => "write the step with the macro's body in place of the macro",
            DifferentialOutsideIntegral => "a `\\mathrm{d}x` belongs at the end of an integral",
            ConditionalExpectation => "write the expectation under the conditional law as a density: `\\mathbb{E}_{p}[…]`",
            Event => "write the event with `<`, `\\le`, `>` or `\\ge`, both relations of `a < X \\le b` pointing the same way",
            MomentArguments { .. } => "write `\\operatorname{Var}(X)` or `\\operatorname{Cov}(X, Y)`",
            UnsupportedFunction(_) => "the supported functions are `\\log`, `\\ln`, `\\exp` and `\\sqrt`",
            DiagonalEntries => "write the first entry, `\\dots`, and the last, indexed 1 and by the dimension",
            EmptyExpression | Expected { .. } => return None,
        };
        Some(text.to_string())
    }
}

fn function_without_backslash_help(word: &str) -> String {
    match word {
        "log" | "ln" | "exp" | "sqrt" => format!("write `\\{word}`"),
        "Var" | "var" | "Cov" | "cov" | "Corr" => {
            format!("write `\\operatorname{{{word}}}`")
        }
        _ => format!(
            "write `\\{word}` or `\\operatorname{{{word}}}`; `verify` may not support it yet"
        ),
    }
}

fn unexpected_char_help(c: char) -> Option<String> {
    let text = if ('\u{391}'..='\u{3c9}').contains(&c) {
        "write Greek letters as LaTeX commands, like `\\sigma`"
    } else if c == '\'' {
        "a prime is read on a function the note defines, applied to its argument (`f'(x)`, `M''(0)`); for another name use a subscript, like `x_1`"
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
    } else if name == "\\lim" {
        "limits are not supported; write the value out"
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
            "`{function}` is the natural logarithm; for a base write `\\log_2 x` or `\\frac{{{function} x}}{{{function} 2}}`"
        )
    }
}
