//! What resolution can refuse: a name nobody declared, a reading with two meanings
//! that only the declarations tell apart, an expectation with no law to take it under.
//! Each variant's doc shows an input that triggers it.

use crate::source::Span;

/// A name or construct that could not be given one meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveError {
    /// What the error is about.
    pub span: Span,
    /// What went wrong.
    pub kind: ResolveErrorKind,
}

/// The kinds of resolution errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveErrorKind {
    /// `f(a, b)` where `f` is neither declared nor a chain name.
    UnknownFunction {
        /// The name.
        name: String,
        /// The `let` the text suggests, when it mentions the density (`N_1(\mu_1,
        /// \sigma_1^2)` beside `p_1`).
        suggestion: Option<String>,
    },
    /// `h(0)`, `f(2x)`: an undeclared name that reads as a function, applied to
    /// something that is not a plain name — a call or a product?
    FunctionOrProduct(String),
    /// `p_1(x, y)` for a `p_1` declared with one parameter.
    WrongArity {
        /// The function.
        name: String,
        /// Declared parameters.
        expected: usize,
        /// Arguments given.
        found: usize,
    },
    /// `\int p \log p \, dx` for a declared `p(x)`: a function without its argument.
    FunctionWithoutArguments(String),
    /// `N(\mu, \sigma^2)` in a formula: a distribution, not a value.
    DistributionAsValue,
    /// `|A|` for a capital the note never declared: a determinant or an absolute value?
    DeterminantOrAbsolute(String),
    /// `a^T` on what is not a declared vector or matrix (or a sum of them): a
    /// transpose or a power of `T`?
    TransposeOrPower,
    /// `X^2 + 1` for a random variable `X`, outside any expectation.
    RandomVariableOutsideExpectation(String),
    /// `E[x]` with no density subscript and not exactly one declared density or random
    /// variable to take it under.
    AmbiguousExpectation,
    /// `\int e^{-u^2} \, d(a u + b)` with neither or both of `a`, `u` in the integrand:
    /// the variable of integration is not the one name both vary with (the candidates).
    DifferentialVariable(Vec<String>),
    /// `\left[\sigma x\right]_{0}^{1}`: evaluated in σ or in x? (the candidates).
    EvaluationVariable(Vec<String>),
    /// `E[X]` where the one declared density is `p(x)`: the argument does not mention
    /// `x`, so taking it under `p` would make `E[X] = X`; `X` is not declared random.
    ExpectationNotOfTheDensity {
        /// The density the expectation would be taken under.
        density: String,
        /// Its variable.
        var: String,
    },
    /// `\mathbb{E}[XY]` with two random variables: their joint law is not declared.
    SeveralRandomVariables(String, String),
    /// `\mathbb{E}_{q}[x]` where `q` is neither a declared density nor a random variable.
    UnknownLaw(String),
    /// `\operatorname{Cov}(X, Y)` for two different random variables.
    CovarianceOfTwoLaws,
    /// `\frac{dH}{d\sigma}` after a chain named `H(p)`: the bare `H` is that chain's
    /// function, or another symbol?
    ChainNameWithoutArguments(String),
    /// `g'(x)` where the note defines no function `g`: a derivative of what?
    PrimeOfUnknown(String),
    /// `f'(2)` after a chain named `f(\sigma^2)`: the derivative in σ², or in σ?
    PrimeInSquare(String),
    /// `F'(a)` for `F(a, b)`: a prime does not say which argument.
    PrimeOfSeveral {
        /// The function's name.
        name: String,
        /// Its number of arguments.
        arity: usize,
    },
    /// `f_X(x)` written for `X \sim \operatorname{Exp}(\lambda)`: a density that is 0
    /// off part of the line, whose formula alone would be wrong there.
    DensityOffItsRange(String),
    /// `F(3)` after `F(a) = …`: a chain's name applied to other arguments.
    ChainNameArguments {
        /// The chain's name as written first.
        name: String,
    },
    /// `\int F \, dx` where the value of the chain `F` mentions a free `x`.
    ChainValueCaptured {
        /// The chain's name.
        name: String,
        /// The variable the binder would capture.
        var: String,
    },
    /// `\int p(x) e^{-\mu^2} d\mu` where `p`'s definition uses `\mu`: does the call
    /// depend on the variable bound here?
    DefinitionCaptured {
        /// The function called.
        function: String,
        /// The name its definition uses and a binder here also binds.
        var: String,
    },
    /// `P(x \le 1)`, `P(X < Y)`: an event that bounds no declared random variable, or
    /// bounds two (the candidates).
    EventRandomVariables(Vec<String>),
    /// `P(X^2 \le 1)`, `P(-X \le 1)`: an event about a function of the random variable
    /// `X` that does not increase with it by its writing, so not solved for `X`.
    EventOfFunction(String),
    /// `P(a < X \le b)` with limits that are not numbers: it is `∫_a^b f_X` only when
    /// a ≤ b, which the text does not say.
    EventLimitsOrder,
    /// `P(X \le x)` for `X` known only by its mean and variance (the name), or for a
    /// law on part of the line.
    EventUnderLaw(String),
    /// `specialise F(a) with …` where no earlier chain is named `F(a)`.
    UnknownChain(String),
    /// `specialise with …` (no target) before any chain.
    NoPreviousChain,
    /// `specialise …` not followed by a chain.
    SpecialiseWithoutChain,
    /// `let f(x) = …` twice.
    Redefined(String),
    /// `let Y = Y + X`: a random variable defined in terms of itself.
    DefinedByItself(String),
    /// `\bar{x}` undeclared where `x_i` are data in sums: their mean, or a symbol?
    BarOfData(String),
    /// `X \sim N(\mu, \sigma^2)` then `let \mu = 2`: a name defined after an earlier
    /// declaration or chain used it as a symbol.
    DefinedAfterUse(String),
    /// `X \sim \mathcal{U}(0, 1)`: a law `verify` does not know.
    UnsupportedLaw,
    /// `\mathcal{N}(\mu, \sigma)`: is `\sigma` the variance or the standard deviation?
    DeviationOrVariance(String),
    /// `\sum_{i=1}^n x_i + y_i`: `y_i` names the index of a sum outside that sum (the
    /// body ended at the `+`).
    IndexOutsideSum {
        /// The name as written, `y_i` or `i`.
        name: String,
        /// The index.
        index: String,
    },
    /// `\sum_{i=1}^n \sum_{i=1}^m x_i`, or a sum over a name bound around it.
    IndexShadowed(String),
    /// `let x_i = 3` and then `\sum_{i=1}^n x_i`: the declared name, or the data?
    DeclaredDatum(String),
    /// `\sum_{i=1}^n x_{i+1}`: a subscript that computes with the index.
    IndexExpression {
        /// The name as written.
        name: String,
        /// The index.
        index: String,
    },
    /// `x_i + i` with no sum over `i`: the `i`-th `x`, or a name of its own beside a
    /// variable `i`?
    SubscriptIsVariable {
        /// The subscripted name.
        name: String,
        /// The variable its subscript names.
        var: String,
    },
}

impl ResolveError {
    /// One line, lowercase, no final period.
    pub fn message(&self) -> String {
        use ResolveErrorKind::*;
        match &self.kind {
            UnknownFunction { name, .. } => format!("unknown function `{name}`"),
            FunctionOrProduct(name) => {
                format!("`{name}(…)` reads as a call of an undeclared function or as a product")
            }
            WrongArity {
                name,
                expected,
                found,
            } => format!("`{name}` takes {expected} argument(s) but is given {found}"),
            FunctionWithoutArguments(name) => {
                format!("`{name}` is a function, written here without its argument")
            }
            DistributionAsValue => "a distribution is not a value".into(),
            RandomVariableOutsideExpectation(name) => {
                format!("the random variable `{name}` outside an expectation")
            }
            DefinedByItself(name) => format!("`{name}` is defined in terms of itself"),
            BarOfData(name) => format!(
                "`{name}` is not declared: the mean of the data in the sums, or a symbol of its own?"
            ),
            DefinedAfterUse(name) => format!(
                "`{name}` is defined after an earlier line used it as a symbol: it would have two meanings"
            ),
            DeterminantOrAbsolute(name) => format!(
                "`|{name}|` of a name the note does not declare: a determinant or an absolute value?"
            ),
            TransposeOrPower => "`^T` reads as a transpose or as a power of `T`: it is not on a declared vector or matrix".into(),
            AmbiguousExpectation => {
                "expectation without a law, and not exactly one density or random variable to take it under"
                    .into()
            }
            ExpectationNotOfTheDensity { density, var } => format!(
                "expectation without a law whose argument does not mention `{var}`, the variable of the density `{density}`: taken under `{density}` it would be its argument itself"
            ),
            DifferentialVariable(names) if names.is_empty() => {
                "a differential `d(…)` that shares no variable with its integrand".into()
            }
            DifferentialVariable(names) => format!(
                "a differential `d(…)` whose variable is not the one name it shares with its integrand: {}",
                names.join(", ")
            ),
            EvaluationVariable(names) => format!(
                "an evaluation between limits whose variable is not written, and not the one free name: {}",
                names.join(", ")
            ),
            EventRandomVariables(names) if names.is_empty() => {
                "the probability of an event that bounds no declared random variable".into()
            }
            EventRandomVariables(names) => format!(
                "the probability of an event about several random variables ({}), whose joint law is not declared",
                names.join(", ")
            ),
            EventOfFunction(name) => format!(
                "the probability of an event about a function of `{name}`: only `{name}` between limits is read, or a side that increases with it as written (`{name} + b`, `({name} - \\mu)/\\sigma` with σ positive)"
            ),
            EventLimitsOrder => "`P(a < X \\le b)` is the integral of the density from a to b only when a ≤ b, which the text does not say".into(),
            EventUnderLaw(name) => format!(
                "the probability of an event about `{name}`, whose law is known only by its moments or lives on part of the line"
            ),
            SeveralRandomVariables(a, b) => format!(
                "an expectation of two random variables, `{a}` and `{b}`, whose joint law is not declared"
            ),
            UnknownLaw(name) => {
                format!("`{name}` is neither a declared density nor a random variable")
            }
            CovarianceOfTwoLaws => {
                "a covariance of two random variables whose joint law is not declared".into()
            }
            ChainNameArguments { name } => format!(
                "`{name}` names a chain; applied to these arguments it has no value here"
            ),
            PrimeOfUnknown(name) => format!(
                "a prime on `{name}`, which the note does not define: a derivative of which function?"
            ),
            DensityOffItsRange(name) => format!(
                "`{name}` is the density of a law on part of the line, 0 elsewhere; only expectations under it are read"
            ),
            PrimeInSquare(name) => format!(
                "a prime on `{name}`, named with a square as its argument: the derivative in the square, or in its root?"
            ),
            PrimeOfSeveral { name, arity } => format!(
                "`{name}` is a function of {arity} arguments; a prime does not say which one is differentiated"
            ),
            ChainNameWithoutArguments(name) => format!(
                "`{name}` alone: the chain named `{name}(…)`, or another symbol of that name?"
            ),
            ChainValueCaptured { name, var } => format!(
                "the value of `{name}` mentions `{var}`, which the integral binds here"
            ),
            DefinitionCaptured { function, var } => format!(
                "`{function}` is defined with `{var}`, and `{var}` is bound here: does `{function}(…)` depend on this `{var}`?"
            ),
            UnknownChain(name) => format!("no earlier chain is named `{name}`"),
            NoPreviousChain => {
                "`specialise with …` names no chain, and there is no chain before it".into()
            }
            SpecialiseWithoutChain => {
                "`specialise` must be followed by the chain it specialises".into()
            }
            Redefined(name) => format!("`{name}` is declared twice"),
            UnsupportedLaw => "only the laws `\\mathcal{N}(\\mu, \\sigma^2)`, `\\operatorname{Exp}(\\lambda)` and `\\mathcal{U}(a, b)` are read".into(),
            DeviationOrVariance(name) => format!(
                "a normal law with `{name}` in the variance's place: the variance, or the standard deviation as many authors write it?"
            ),
            IndexOutsideSum { name, index } => format!(
                "`{name}` uses the index `{index}` outside its sum: the body of a sum ends at the first `+` or `-` outside brackets"
            ),
            DeclaredDatum(name) => format!(
                "`{name}` is declared, and inside this sum it also reads as one of the data: which is meant?"
            ),
            IndexShadowed(index) => {
                format!("the sum's index `{index}` is already bound here")
            }
            IndexExpression { name, index } => format!(
                "`{name}`: a subscript computed from the index `{index}` is not read"
            ),
            SubscriptIsVariable { name, var } => format!(
                "`{name}` beside the variable `{var}` and no sum over `{var}`: the `{var}`-th value, or a name of its own?"
            ),
        }
    }

    /// Text for the underline.
    pub fn label(&self) -> String {
        use ResolveErrorKind::*;
        match &self.kind {
            UnknownFunction { .. } | FunctionOrProduct(_) => "not declared".into(),
            WrongArity { .. } => "wrong number of arguments".into(),
            UnknownChain(_) => "unknown chain".into(),
            RandomVariableOutsideExpectation(_) => "random variable".into(),
            _ => "here".into(),
        }
    }

    /// What to do about it.
    pub fn help(&self) -> Option<String> {
        use ResolveErrorKind::*;
        let text = match &self.kind {
            UnknownFunction {
                suggestion: Some(line),
                ..
            } => format!("the text does not say what it is; add the declaration `{line}` (in a comment in notes)"),
            UnknownFunction { name, .. } => format!(
                "declare it first, e.g. `let {name}(x) = …`, or name a chain `{name}(…) = …`"
            ),
            FunctionOrProduct(name) => format!(
                "declare `{name}` (`let {name}(x) = …`) for a call, or write `{name} \\cdot (…)` for a product"
            ),
            FunctionWithoutArguments(name) => format!("write `{name}(x)`"),
            DeviationOrVariance(name) => format!(
                "write the variance as a square, `\\mathcal{{N}}(\\mu, {name}^2)`, or as one symbol that is not a σ"
            ),
            TransposeOrPower => "declare the vectors and matrices (`let x \\in \\mathbb{R}^J`), or write `x^\\mathrm{T}` or `x^\\top`; for a power, call the exponent by another letter".into(),
            DeterminantOrAbsolute(name) => format!(
                "declare `{name}` a matrix (`let {name} \\in \\mathbb{{S}}_{{++}}^J`) for its determinant; an absolute value needs `{name}` known as a number (a random variable, an integration variable, or `assume {name} > 0`)"
            ),
            DistributionAsValue => {
                "write the density at a point, `\\mathcal{N}(x; \\mu, \\sigma^2)`, or declare `X \\sim \\mathcal{N}(\\mu, \\sigma^2)`".into()
            }
            RandomVariableOutsideExpectation(name) => {
                format!("take its expectation, `\\mathbb{{E}}[{name}]`, or write its density `f_{name}(x)`")
            }
            ExpectationNotOfTheDensity { density, var } => format!(
                "declare the random variable (`X \\sim \\mathcal{{N}}(\\mu, \\sigma^2)`), or write the expectation in `{var}`: `\\mathbb{{E}}_{{{density}}}[{var}]`"
            ),
            DifferentialVariable(_) => {
                "write the differential of the variable, `\\sigma \\, du`, or assume the parameters positive".into()
            }
            EvaluationVariable(_) => {
                "write the variable in the lower limit: `\\Big|_{x=-\\infty}^{\\infty}`".into()
            }
            EventRandomVariables(names) if names.is_empty() => {
                "declare the random variable first: `X \\sim \\mathcal{N}(\\mu, \\sigma^2)`".into()
            }
            DefinedAfterUse(name) => format!(
                "give the value another name, or define `{name}` before the lines that use it"
            ),
            BarOfData(_) => "declare it, e.g. `let \\bar{x} = \\frac{1}{n}\\sum_{i=1}^{n} x_i` (in notes, `Let $\\bar{x} = …$` or a comment)".into(),
            EventLimitsOrder => {
                "write it as the difference the note means, `P(X \\le b) - P(X \\le a)`".into()
            }
            EventOfFunction(name) => format!(
                "write the event about `{name}` itself, e.g. `P({name} \\le c)`, or the integral it means"
            ),
            AmbiguousExpectation | UnknownLaw(_) => {
                "name the law in the subscript: `\\mathbb{E}_{p}[…]`, `\\mathbb{E}_{x \\sim p}[…]`".into()
            }
            ChainNameWithoutArguments(name) => {
                format!("write the chain's name with its arguments, `{name}(…)`, or use another letter")
            }
            ChainNameArguments { name } => {
                format!("to substitute values, write `specialise {name} with …` before the chain; a value is set only for an argument the chain's value uses, and only if it mentions no other argument")
            }
            PrimeOfUnknown(name) => format!(
                "define `{name}` first (`let {name}(x) = …`, or a chain `{name}(x) = …`), or write the derivative out, `\\frac{{d}}{{dx}} …`"
            ),
            DensityOffItsRange(name) => format!(
                "write an expectation, `\\mathbb{{E}}[g(X)]`, or the integral over the law's range with the formula written out, rather than `{name}(…)`"
            ),
            PrimeOfSeveral { .. } => {
                "write the partial derivative out, `\\frac{\\partial}{\\partial a} …`".into()
            }
            ChainValueCaptured { name, .. } => {
                format!("give `{name}` its variable as an argument, `{name}(x) = …`, or rename the integration variable")
            }
            SpecialiseWithoutChain => "write the claim on the line after `specialise`".into(),
            DefinitionCaptured { function, var } => format!(
                "write `{function}`'s formula out here if it depends on this `{var}`, or bind another name"
            ),
            IndexOutsideSum { index, .. } => format!(
                "bracket the whole body, `\\sum_{{{index}=1}}^{{n}} (x_{index} + y_{index})`, or call the outer name by another letter"
            ),
            IndexShadowed(_) => "call the inner index by another letter".into(),
            DeclaredDatum(_) => "call the declared name or the sum's index by another letter".into(),
            IndexExpression { .. } => {
                "write each datum with the index alone, `x_i`; shifted indices are not read".into()
            }
            SubscriptIsVariable { var, .. } => {
                format!("write the sum over `{var}`, or call the variable by another letter")
            }
            _ => return None,
        };
        Some(text)
    }
}
