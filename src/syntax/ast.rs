//! The syntax tree: what the author wrote, as written, with a byte span on every node.
//!
//! Nothing here is interpreted yet: `p_1(x)` is a [`ExprKind::Call`] whether `p_1` is a
//! declared density or not, and `e` is just an identifier. Name resolution happens in
//! `lower`, so the tree can be printed, snapshot and evaluated without knowing the
//! declarations.

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
    /// A chain of equalities: a head line and its `=` continuation lines.
    Chain(Chain),
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
}

/// `specialise TARGET with lhs = rhs, ...`: the chain that follows starts from the value
/// of `TARGET` (an earlier chain's name) with the bindings substituted. Without a
/// target (`specialise with …`) it is the chain just before.
#[derive(Debug, Clone, PartialEq)]
pub struct Specialisation {
    /// The earlier chain's name, e.g. `KL(p_1, p_2)`; `None` for the previous chain.
    pub target: Option<Expr>,
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
/// out (in `lower`) to be the chain's name, like `KL(p_1, p_2)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    /// Every expression of the chain, in order; consecutive ones are claimed equal.
    pub steps: Vec<Step>,
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
    /// `\mathbb{E}_{p_1}[body]` or `E[body]`.
    Expectation {
        /// The density in the subscript, when written.
        density: Option<Ident>,
        /// The expression whose expectation is taken.
        body: Box<Expr>,
    },
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
        ExprKind::Call { args, .. } => args.iter().collect(),
        ExprKind::Integral { bounds, body, .. } => match bounds {
            Some((lower, upper)) => vec![lower, upper, body],
            None => vec![body],
        },
        ExprKind::Expectation { body, .. } => vec![body],
    }
}
