//! The syntax tree: what the author wrote, with a byte span on every node.
//!
//! The parser builds it uninterpreted: `p_1(x)` is a [`ExprKind::Call`] whether `p_1` is
//! a declared density or not, `e` is an identifier, `\mathrm{E}[X^2]` an
//! [`ExprKind::Expectation`]. `syntax::resolve` then gives it the one meaning both
//! readers share — the engine side (`lower`) and the independent numeric check: names
//! resolved against the declarations, products told from calls, chain names turned
//! into [`ExprKind::ChainValue`], expectations written out as integrals. The
//! *resolved-only* kinds below are never built by the parser, and the raw ones that
//! resolution replaces never reach `lower` or `numeric`.

use crate::source::Span;

/// A parsed derivation file: its items in source order.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Declarations, specialisations and chains, in the order they appear.
    pub items: Vec<Item>,
}

/// One logical unit of a derivation file.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `let p_1(x) = N(x; \mu_1, \sigma_1^2)` or `let c = 2\pi`.
    Let(Definition),
    /// `assume a > 0` or `assume a, b > 0`.
    Assume(Assumption),
    /// `specialise KL(p_1, p_2) with \mu_2 = 0, \sigma_2^2 = 1`.
    Specialise(Specialisation),
    /// `X \sim \mathcal{N}(\mu, \sigma^2)`: random variables and their law.
    RandomVariable(RandomVariable),
    /// A chain of equalities: a head line and its `=` continuation lines.
    Chain(Chain),
    /// `let x, \mu \in \mathbb{R}^J`, `let \Sigma \in \mathbb{R}^{J \times J}`: names that
    /// are vectors or matrices (see `syntax::shapes`).
    Shape(ShapeDeclaration),
}

/// `let x \in \mathbb{R}^J`: the only way a name becomes a vector or a matrix; shapes
/// are never guessed from how a name is used.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeDeclaration {
    /// The names declared.
    pub names: Vec<Ident>,
    /// Vector (`\mathbb{R}^J`) or square matrix (`\mathbb{R}^{J \times J}`).
    pub kind: ShapeKind,
    /// The dimension's name, `J`.
    pub dim: Ident,
    /// The whole declaration.
    pub span: Span,
}

/// What a shape declaration declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeKind {
    /// A column vector in ℝ^J.
    Vector,
    /// A J×J matrix.
    Matrix,
    /// A J×J covariance, `\mathbb{S}_{++}^J`: symmetric positive definite.
    Covariance,
}

/// `X \sim \mathcal{N}(\mu, \sigma^2)` (also `X_1, X_2 \sim …`).
#[derive(Debug, Clone, PartialEq)]
pub struct RandomVariable {
    /// The random variables declared.
    pub names: Vec<Ident>,
    /// Their law as written, e.g. `\mathcal{N}(\mu, \sigma^2)`.
    pub law: Expr,
    /// The whole declaration.
    pub span: Span,
}

/// `let name(params) = body`.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    /// The defined name.
    pub name: Ident,
    /// Parameters, empty for a constant definition.
    pub params: Vec<Ident>,
    /// The right-hand side.
    pub body: Expr,
    /// The whole directive, `let` through the end of the body.
    pub span: Span,
}

/// `assume a, b > 0`: every listed symbol is positive.
#[derive(Debug, Clone, PartialEq)]
pub struct Assumption {
    /// The symbols the assumption is about.
    pub symbols: Vec<Ident>,
    /// The whole directive.
    pub span: Span,
    /// Not stated but implied: the symbol is the standard deviation of a law the text
    /// writes (`\mathcal{N}(\mu, \sigma^2)` in "samples from $\mathcal{N}(\mu,
    /// \sigma^2)$"), as every declared Gaussian's is.
    pub from_law: bool,
}

/// `specialise TARGET with lhs = rhs, ...`: the chain that follows starts from the value
/// of `TARGET` (an earlier chain's name) with the bindings substituted. Without a
/// target (`specialise with …`) it is the chain just before.
#[derive(Debug, Clone, PartialEq)]
pub struct Specialisation {
    /// The earlier chain's name, e.g. `KL(p_1, p_2)`; `None` for the previous chain.
    pub target: Option<Expr>,
    /// Set by `resolve`: the index (among the document's chains) of the chain
    /// specialised.
    pub target_chain: Option<usize>,
    /// The substitutions, e.g. `\mu_2 = 0` and `\sigma_2^2 = 1`.
    pub bindings: Vec<Binding>,
    /// The whole directive.
    pub span: Span,
}

/// `lhs = rhs` inside a specialisation.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// What is replaced: a symbol or a power of one (`\sigma_2^2`).
    pub lhs: Expr,
    /// Its value.
    pub rhs: Expr,
}

/// A chain of equalities. `steps[0]` is the head line's first expression; it may turn
/// out (in `resolve`) to be the chain's name, like `KL(p_1, p_2)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    /// Every expression of the chain, in order; consecutive ones are claimed equal.
    /// In a chain of equations, the sides of each equation in turn: `steps[2k]` and
    /// `steps[2k + 1]` are equation k's left and right sides.
    pub steps: Vec<Step>,
    /// Set by `resolve`: the name the chain gives its value.
    pub name: Option<ChainName>,
    /// Empty for a chain of equalities. For a chain of equations (`0 = f(μ)`, then
    /// `\Rightarrow 0 = g(μ)`, …), the connective before each equation after the
    /// first: each equation is claimed to have the same solutions as the one before.
    pub connectives: Vec<Connective>,
}

/// How one equation of a chain of equations follows from the one before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connective {
    /// `\Rightarrow`, `\implies`, `\Longrightarrow`, `\therefore`.
    Implies,
    /// `\iff`, `\Leftrightarrow`, `\Longleftrightarrow`.
    Iff,
}

impl Connective {
    /// The connective a LaTeX command writes, if it is one.
    pub fn of_command(name: &str) -> Option<Connective> {
        match name {
            // `\therefore` (∴, "hence") leads to the next equation as `\Rightarrow` does.
            "Rightarrow" | "implies" | "Longrightarrow" | "therefore" => Some(Connective::Implies),
            "iff" | "Leftrightarrow" | "Longleftrightarrow" => Some(Connective::Iff),
            _ => None,
        }
    }
}

/// The name a chain gives its value, so that later text can use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainName {
    /// The name with spacing removed: `KL(p_1,p_2)`, `H`.
    pub text: String,
    /// Where the name is written (the chain's head).
    pub span: Span,
    /// The head is the name, not a step (`KL(p_1, p_2) = …`). False when the head
    /// restates an earlier chain's name, which continues that chain: the head is then
    /// its first step, holding the earlier chain's value.
    pub head_is_name: bool,
    /// The head is a name with a meaning of its own (`KL(p, q)`, see
    /// `resolve::meanings`): the first step holds that meaning, numbered 0, so the
    /// steps the author wrote keep their numbers.
    pub head_means: bool,
}

/// One expression of a chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The expression.
    pub expr: Expr,
    /// 0-based index of the source line it is on.
    pub line_idx: usize,
    /// The author's justification of this step, as written beside it: on its `=`
    /// (`\overset{(a)}{=}`), after it at the end of the row (`\quad \text{by (3)}`,
    /// `\tag{2}`), or under a part of it (`\underbrace{…}_{\text{…}}`).
    pub annotations: Vec<Annotation>,
}

/// Words an author wrote beside a step; never mathematics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    /// The words as a reader sees them (`by (3)`, `linearity`).
    pub text: String,
    /// Where they are written.
    pub span: Span,
}

/// An expression node.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What the node is.
    pub kind: ExprKind,
    /// The source text it was parsed from (including any brackets around it).
    pub span: Span,
}

/// A name: a base letter or word with an optional subscript.
///
/// `\sigma_1` is `{ base: "σ", subscript: Some("1") }`, `p_{1}` is
/// `{ base: "p", subscript: Some("1") }`, `\mathrm{KL}` and `KL(` give base `"KL"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ident {
    /// The letter (Greek letters as their Unicode character) or word.
    pub base: String,
    /// The subscript's text without braces or spaces, e.g. `"1"` or `"p_1"`.
    pub subscript: Option<String>,
    /// Where the name (with its subscript) was written.
    pub span: Span,
}

impl Ident {
    /// The key a name is known by everywhere: the base, then `_` and the subscript if
    /// any (`σ_1`, `p_1`, `x`). Spans play no part.
    pub fn key(&self) -> String {
        match &self.subscript {
            Some(sub) => format!("{}_{}", self.base, sub),
            None => self.base.clone(),
        }
    }

    /// A name with no subscript, for names `resolve` makes up.
    pub fn plain(base: impl Into<String>, span: Span) -> Ident {
        Ident {
            base: base.into(),
            subscript: None,
            span,
        }
    }
}

impl Expr {
    /// A node of `kind` at `span`.
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }

    /// Boxed, for building trees.
    pub fn boxed(kind: ExprKind, span: Span) -> Box<Expr> {
        Box::new(Expr { kind, span })
    }
}

/// The kinds of expression nodes.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// A decimal literal as written: `2`, `0.5`.
    Number(String),
    /// A name: `x`, `\sigma_1`, `e`, `\pi`.
    Ident(Ident),
    /// `\infty`, only meaningful as an integral bound.
    Infinity,
    /// `-a`.
    Neg(Box<Expr>),
    /// `a + b`.
    Add(Box<Expr>, Box<Expr>),
    /// `a - b`.
    Sub(Box<Expr>, Box<Expr>),
    /// `a b`, `a * b`, `a \cdot b`, `a \times b`.
    Mul(Box<Expr>, Box<Expr>, MulSign),
    /// `\frac{a}{b}` or `a / b`.
    Div(Box<Expr>, Box<Expr>, DivSign),
    /// `a^b`, `a^{b}`.
    Pow(Box<Expr>, Box<Expr>),
    /// `\sqrt{a}` (index `None`) or `\sqrt[n]{a}`.
    Sqrt {
        /// The radicand.
        radicand: Box<Expr>,
        /// The root's index, `n` in `\sqrt[n]{a}`.
        index: Option<Box<Expr>>,
    },
    /// `\log a`, `\ln(a)`, `\exp a`: a built-in function applied to its argument.
    Apply(Builtin, Box<Expr>),
    /// `f(a, b)` or `N(x; \mu, \sigma^2)`: a name followed by bracketed arguments.
    /// Whether this is a function call or a product is decided in `lower`.
    Call {
        /// The name before the bracket.
        callee: Ident,
        /// The arguments, split at `,` and `;`.
        args: Vec<Expr>,
    },
    /// `\int body dx` or `\int_{lo}^{hi} body \,dx`.
    Integral {
        /// The bounds `(lower, upper)` when written.
        bounds: Option<(Box<Expr>, Box<Expr>)>,
        /// The integrand.
        body: Box<Expr>,
        /// The integration variable, `x` in `dx`.
        var: Ident,
    },
    /// `\int f \, \mathrm{d}(\sqrt{2}\sigma u + \mu)`: an integral against the differential of
    /// an expression, `g'(u) du`. Raw: `resolve` names the variable (the one name both
    /// the differential and the integrand vary with) and writes it out as an integral
    /// of `f · dg/du`.
    SubstitutedIntegral {
        /// The bounds `(lower, upper)` when written (in the variable).
        bounds: Option<(Box<Expr>, Box<Expr>)>,
        /// The integrand.
        body: Box<Expr>,
        /// `g` in `d(g)`.
        differential: Box<Expr>,
    },
    /// `\mathbb{E}_{p}[f]`, `\mathrm{E}[X^2]`, `E(X)`, `\langle f \rangle_p`,
    /// `\operatorname{Var}(X)`, `\mathrm{Cov}(X, X)`. Raw: `resolve` writes it out as an
    /// integral against the law it is taken under.
    Expectation {
        /// Mean, variance or covariance.
        moment: Moment,
        /// What it is taken under, when written as a subscript.
        under: Option<Box<Under>>,
        /// Its argument(s): one, two for a covariance.
        args: Vec<Expr>,
    },
    /// `\sum_{i=1}^{n} body` or `\prod_{i=1}^{n} body`: the body is bound to the
    /// index, which runs over the integers from `lower` to `upper`. The body ends at
    /// the first `+` or `-` outside brackets (see `syntax::expr::series`).
    Series {
        /// Sum or product.
        op: SeriesOp,
        /// The index, `i` in `_{i=1}`.
        index: Ident,
        /// The first value of the index.
        lower: Box<Expr>,
        /// The last value of the index.
        upper: Box<Expr>,
        /// What is summed or multiplied.
        body: Box<Expr>,
    },
    /// Resolved: `x_i` inside a sum over `i`: the `i`-th of the data `x_1, x_2, …`.
    /// Outside a sum over `i`, `x_i` stays a name of its own.
    Indexed {
        /// The name without its subscript, `x` (boxed: the node stays small).
        base: Box<Ident>,
        /// The sum's index the subscript names.
        index: Box<Ident>,
    },
    /// `\frac{d}{dx} f`, `\frac{\partial^2 f}{\partial \mu^2}`: the `order`-th derivative of
    /// `body` in `var`, a free name (the result is a function of it).
    Derivative {
        /// The variable differentiated in.
        var: Ident,
        /// 1 to 4.
        order: u32,
        /// What is differentiated.
        body: Box<Expr>,
    },
    /// `f'(x)`, `M_X''(0)`, `f^{(3)}(t)`: the `order`-th derivative of a function of
    /// one argument at `args`. Resolution turns it into a [`ExprKind::Derivative`] at a
    /// point when `callee` is a function the note defines, or refuses it.
    Primed {
        /// The function primed.
        callee: Ident,
        /// The number of primes, 1 to 4.
        order: u32,
        /// Its arguments as written (one, or the refusal says so).
        args: Vec<Expr>,
    },
    /// `\lim_{x \to \infty} body`: the limit of `body` as `var` (a free name in it)
    /// goes to `to`, `\infty` or `-\infty`.
    Limit {
        /// The variable.
        var: Ident,
        /// `\infty` or `-\infty`.
        to: Box<Expr>,
        /// What the limit is of.
        body: Box<Expr>,
    },
    /// `f \Big|_{t=0}`: `body` with `var` set to `at` (after any derivative in it).
    At {
        /// The expression evaluated.
        body: Box<Expr>,
        /// The variable given a value.
        var: Ident,
        /// Its value.
        at: Box<Expr>,
    },
    /// `\left[F\right]_{a}^{b}`, `F \Big|_{x=a}^{b}`: `F(b) − F(a)` in `var` (inferred
    /// by resolution when not written); a limit may be `±\infty` (a limit of `F`).
    Between {
        /// The expression evaluated.
        body: Box<Expr>,
        /// The variable, when written (`_{x=a}`).
        var: Option<Ident>,
        /// The lower limit.
        lower: Box<Expr>,
        /// The upper limit.
        upper: Box<Expr>,
    },
    /// Resolved: `π` or Euler's `e`, where no binder or declaration claims the name.
    Constant(Constant),
    /// Vector and matrix notation: `x^\mathrm{T}`, `\|z\|`, `\mathbf{I}`. Only meaningful
    /// where the note declares shapes; `resolve::shapes` refuses it elsewhere.
    Matrix(MatrixOp, Vec<Expr>),
    /// Resolved: the Gaussian density `N(x; mean, variance)` at `x`, written inline.
    Gaussian {
        /// Where the density is evaluated.
        x: Box<Expr>,
        /// Its mean.
        mean: Box<Expr>,
        /// Its variance.
        variance: Box<Expr>,
    },
    /// A law known only by its mean and variance (`let X have mean \mu and variance
    /// \sigma^2`); resolved, the body of its density `f_X`, which has no formula: only
    /// the integrals of `1`, `x` and `x^2` against it have a value.
    Law {
        /// Its mean.
        mean: Box<Expr>,
        /// Its variance.
        variance: Box<Expr>,
    },
    /// Resolved: the value of the chain with this index among the document's chains
    /// (its last expression), where its name is used (`KL(p_1, p_2) + 1`). A name
    /// written as a call (`p(x) = …`, used as `p(x)` under `\int … dx`) passes its
    /// arguments through: the value's `params` are the names at the place of use.
    ChainValue {
        /// Index among the document's chains.
        chain: usize,
        /// The name's arguments (plain names), bound to the same names where it is
        /// used.
        params: Vec<Ident>,
    },
}

/// The vector and matrix operations of [`ExprKind::Matrix`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatrixOp {
    /// `a^\mathrm{T}`, `a^\top`, `a^{\intercal}`: one argument.
    Transpose,
    /// `a^T` as written: a transpose or a power of `T`? Resolution makes it a
    /// [`MatrixOp::Transpose`] when `a` is a declared vector or matrix (a power of one
    /// means nothing), or refuses it; it never reaches lowering.
    PlainTranspose,
    /// `\|z\|`, `\lVert z \rVert`: the Euclidean norm of a vector, one argument.
    Norm,
    /// `\mathbf{I}`, `\mathbf{I}_J`: the identity matrix, no argument.
    Identity,
    /// `\operatorname{diag}(\sigma_1^2, \dots, \sigma_J^2)`: the diagonal matrix whose
    /// entries run from the first to the last; two arguments, those two as written
    /// (what lies between is the pattern, read by [`crate::syntax::diagonal_entry`]).
    Diagonal,
}

/// What an expectation is taken under, as written in its subscript.
#[derive(Debug, Clone, PartialEq)]
pub struct Under {
    /// The variable bound by it: `x` in `_{x \sim p}` or `_{p(x)}`.
    pub var: Option<Ident>,
    /// The law: a density's or random variable's name (`_p`, `_X`), or a distribution
    /// (`_{x \sim \mathcal{N}(\mu, \sigma^2)}`).
    pub law: Expr,
}

/// The moment an [`ExprKind::Expectation`] takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// `\mathbb{E}`, `\mathrm{E}`, `E`, `\langle … \rangle`.
    Mean,
    /// `\operatorname{Var}`, `\mathrm{Var}`, `\mathbb{V}`.
    Variance,
    /// `\operatorname{Cov}`, `\mathrm{Cov}`.
    Covariance,
    /// `P(X \le x)`, `\Pr(a < X \le b)`, `\mathbb{P}(X > c)`: the probability of an
    /// event that bounds one random variable. Its arguments are the event's two or
    /// three sides, in the order written.
    Probability(Event),
}

/// The relations of an event `a < X \le b` (two) or `X > c` (one), as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    /// The relation after the first side.
    pub first: Inequality,
    /// The relation after the second side, when there is a third (`a < X \le b`).
    pub second: Option<Inequality>,
}

/// One inequality of an event. Strictness is kept as written; for a law with a
/// density it does not change the probability.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inequality {
    /// `<` (strict) or `\le`.
    Less {
        /// Whether equality is excluded.
        strict: bool,
    },
    /// `>` (strict) or `\ge`.
    Greater {
        /// Whether equality is excluded.
        strict: bool,
    },
}

/// Which operation an [`ExprKind::Series`] repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SeriesOp {
    /// `\sum`.
    Sum,
    /// `\prod`.
    Prod,
}

/// The constants a name can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constant {
    /// `\pi`.
    Pi,
    /// Euler's number `e`.
    E,
}

/// How a product was written; kept so the tree can be printed as the author wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MulSign {
    /// Juxtaposition: `2\pi`, `(a)(b)`.
    Implicit,
    /// `*`.
    Star,
    /// `\cdot`.
    Cdot,
    /// `\times`.
    Times,
}

/// How a quotient was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DivSign {
    /// `\frac{a}{b}` (also `\dfrac`, `\tfrac`).
    Frac,
    /// `a / b`.
    Slash,
}

/// Functions with their own LaTeX command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Builtin {
    /// `\log`: the natural logarithm, as in the seed.
    Log,
    /// `\ln`.
    Ln,
    /// `\exp`.
    Exp,
    /// The error function: `\operatorname{erf}`, `\mathrm{erf}`, `\erf`.
    Erf,
    /// The complementary error function, `\operatorname{erfc}`: `1 − erf`.
    Erfc,
    /// Resolved: the standard normal CDF, `\Phi(x)` where the note does not declare Φ.
    NormalCdf,
    /// Resolved: Euler's Γ, `\Gamma(x)` where the note does not declare Γ.
    Gamma,
    /// `\operatorname{tr}`, `\mathrm{tr}`: a square matrix's trace.
    Trace,
    /// `\det`: a square matrix's determinant.
    Det,
    /// `|x|`, `\lvert x \rvert`, `\left| x \right|`: the absolute value of a scalar.
    Abs,
}

/// The direct subexpressions of a node, mutably, in the order of [`children`].
pub fn children_mut(expr: &mut Expr) -> Vec<&mut Expr> {
    match &mut expr.kind {
        ExprKind::Number(_) | ExprKind::Ident(_) | ExprKind::Infinity => Vec::new(),
        ExprKind::Neg(a) | ExprKind::Apply(_, a) => vec![a],
        ExprKind::Add(a, b)
        | ExprKind::Sub(a, b)
        | ExprKind::Mul(a, b, _)
        | ExprKind::Div(a, b, _)
        | ExprKind::Pow(a, b) => vec![a, b],
        ExprKind::Sqrt { radicand, index } => {
            let mut out: Vec<&mut Expr> = index.iter_mut().map(|e| &mut **e).collect();
            out.push(radicand);
            out
        }
        ExprKind::Call { args, .. } | ExprKind::Matrix(_, args) => args.iter_mut().collect(),
        ExprKind::Integral { bounds, body, .. } => match bounds {
            Some((lower, upper)) => vec![lower, upper, body],
            None => vec![body],
        },
        ExprKind::SubstitutedIntegral {
            bounds,
            body,
            differential,
        } => match bounds {
            Some((lower, upper)) => vec![lower, upper, body, differential],
            None => vec![body, differential],
        },
        ExprKind::Expectation { under, args, .. } => under
            .iter_mut()
            .map(|u| &mut u.law)
            .chain(args.iter_mut())
            .collect(),
        ExprKind::Series {
            lower, upper, body, ..
        } => vec![lower, upper, body],
        ExprKind::Constant(_) | ExprKind::ChainValue { .. } | ExprKind::Indexed { .. } => {
            Vec::new()
        }
        ExprKind::Derivative { body, .. } => vec![body],
        ExprKind::Primed { args, .. } => args.iter_mut().collect(),
        ExprKind::Limit { to, body, .. } => vec![to, body],
        ExprKind::At { body, at, .. } => vec![body, at],
        ExprKind::Between {
            body, lower, upper, ..
        } => vec![body, lower, upper],
        ExprKind::Gaussian { x, mean, variance } => vec![x, mean, variance],
        ExprKind::Law { mean, variance } => vec![mean, variance],
    }
}

/// Whether `\infty` appears anywhere in `expr`.
pub fn mentions_infinity(expr: &Expr) -> bool {
    matches!(expr.kind, ExprKind::Infinity) || children(expr).into_iter().any(mentions_infinity)
}

/// The direct subexpressions of a node, in source order (a root's index before its
/// radicand, an integral's bounds before its body).
pub fn children(expr: &Expr) -> Vec<&Expr> {
    match &expr.kind {
        ExprKind::Number(_) | ExprKind::Ident(_) | ExprKind::Infinity => Vec::new(),
        ExprKind::Neg(a) | ExprKind::Apply(_, a) => vec![a],
        ExprKind::Add(a, b)
        | ExprKind::Sub(a, b)
        | ExprKind::Mul(a, b, _)
        | ExprKind::Div(a, b, _)
        | ExprKind::Pow(a, b) => vec![a, b],
        ExprKind::Sqrt { radicand, index } => {
            index.iter().chain([radicand]).map(|e| &**e).collect()
        }
        ExprKind::Call { args, .. } | ExprKind::Matrix(_, args) => args.iter().collect(),
        ExprKind::Integral { bounds, body, .. } => match bounds {
            Some((lower, upper)) => vec![lower, upper, body],
            None => vec![body],
        },
        ExprKind::SubstitutedIntegral {
            bounds,
            body,
            differential,
        } => match bounds {
            Some((lower, upper)) => vec![lower, upper, body, differential],
            None => vec![body, differential],
        },
        ExprKind::Expectation { under, args, .. } => {
            under.iter().map(|u| &u.law).chain(args.iter()).collect()
        }
        ExprKind::Series {
            lower, upper, body, ..
        } => vec![lower, upper, body],
        ExprKind::Constant(_) | ExprKind::ChainValue { .. } | ExprKind::Indexed { .. } => {
            Vec::new()
        }
        ExprKind::Derivative { body, .. } => vec![body],
        ExprKind::Primed { args, .. } => args.iter().collect(),
        ExprKind::Limit { to, body, .. } => vec![to, body],
        ExprKind::At { body, at, .. } => vec![body, at],
        ExprKind::Between {
            body, lower, upper, ..
        } => vec![body, lower, upper],
        ExprKind::Gaussian { x, mean, variance } => vec![x, mean, variance],
        ExprKind::Law { mean, variance } => vec![mean, variance],
    }
}
