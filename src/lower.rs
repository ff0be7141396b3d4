//! Lowering: the syntax tree becomes a [`Program`] of [`Term`]s, with every name
//! resolved.
//!
//! This is where `p_1(x)` is found to be a declared density, `a(b + c)` a product, an
//! undeclared `f(x)` an unknown function (never the product f·x), `e^{u}`
//! the exponential, `KL(p_1, p_2)` a chain's name, and `\mathbb{E}_{p_1}[f]` the
//! integral `∫ f(x) p₁(x) dx`. Errors are data ([`LowerError`]), collected for the whole
//! file; a step that fails to lower is left out and its chain is checked without it.

use crate::program::{Chain, Context, FunctionDef, Gaussian, Program, Specialisation, Step};
use crate::source::Span;
use crate::syntax::ast::{self, Builtin, Document, Expr, ExprKind, Ident, Item};
use crate::term::{Name, Rational, Term};

/// Lower a parsed document.
pub fn lower(doc: &Document) -> (Program, Vec<LowerError>) {
    let mut lowerer = Lowerer {
        context: Context::default(),
        chain_names: Vec::new(),
        errors: Vec::new(),
    };
    lowerer.declarations(doc);
    let chains = lowerer.chains(doc);
    let program = Program {
        context: lowerer.context,
        chains,
    };
    (program, lowerer.errors)
}

/// The key a name is known by: `σ_1` for `\sigma_1`.
pub fn name_of(ident: &Ident) -> Name {
    match &ident.subscript {
        Some(sub) => Name::new(format!("{}_{}", ident.base, sub)),
        None => Name::new(ident.base.clone()),
    }
}

/// A name that could not be resolved, or a construct that has no meaning here.
#[derive(Debug, Clone, PartialEq)]
pub struct LowerError {
    /// What the error is about.
    pub span: Span,
    /// What went wrong.
    pub kind: LowerErrorKind,
}

/// The kinds of lowering errors.
#[derive(Debug, Clone, PartialEq)]
pub enum LowerErrorKind {
    /// `f(a, b)` where `f` is neither declared nor a chain name.
    UnknownFunction(String),
    /// `p_1(x, y)` for a `p_1` declared with one parameter.
    WrongArity {
        /// The function.
        name: String,
        /// Declared parameters.
        expected: usize,
        /// Arguments given.
        found: usize,
    },
    /// `N(x; \mu)`: a density needs its variable, mean and variance.
    BadDensity(String),
    /// `N(x; 0, 1)` outside a `let`.
    DensityOutsideLet,
    /// `\int_0^1 f(x) dx`: only the whole real line is supported.
    UnsupportedBounds,
    /// `\infty` outside integral bounds.
    MisplacedInfinity,
    /// A literal too large to represent exactly, like `12345678901234567890`.
    NumberTooLarge(String),
    /// `\sqrt[x]{a}`: the index must be a positive whole number.
    BadRootIndex,
    /// `E[x]` with no density subscript and not exactly one declared density.
    AmbiguousExpectation,
    /// `\mathbb{E}_{q}[x]` where `q` is not a declared density.
    UnknownDensity(String),
    /// `specialise F(a) with …` where no earlier chain is named `F(a)`.
    UnknownChain(String),
    /// `specialise with …` (no target) before any chain.
    NoPreviousChain,
    /// `specialise …` not followed by a chain.
    SpecialiseWithoutChain,
    /// `specialise … with a + b = 1`: a binding must set a symbol or a power of a
    /// positive symbol.
    BadBinding,
    /// `let f(x) = …` twice, or two chains named `F(a)`.
    Redefined(String),
}

impl LowerError {
    /// One line, lowercase, no final period.
    pub fn message(&self) -> String {
        match &self.kind {
            LowerErrorKind::UnknownFunction(name) => format!("unknown function `{name}`"),
            LowerErrorKind::WrongArity {
                name,
                expected,
                found,
            } => format!("`{name}` takes {expected} argument(s) but is given {found}"),
            LowerErrorKind::BadDensity(why) => format!("malformed density: {why}"),
            LowerErrorKind::DensityOutsideLet => {
                "a density `N(x; μ, σ²)` can only be declared with `let`".into()
            }
            LowerErrorKind::UnsupportedBounds => {
                "only integrals over the whole real line are supported".into()
            }
            LowerErrorKind::MisplacedInfinity => "`\\infty` can only be an integral bound".into(),
            LowerErrorKind::NumberTooLarge(text) => format!("number `{text}` is too large"),
            LowerErrorKind::BadRootIndex => "the index of a root must be a whole number".into(),
            LowerErrorKind::AmbiguousExpectation => {
                "expectation without a density, and not exactly one density is declared".into()
            }
            LowerErrorKind::UnknownDensity(name) => format!("`{name}` is not a declared density"),
            LowerErrorKind::UnknownChain(name) => format!("no earlier chain is named `{name}`"),
            LowerErrorKind::NoPreviousChain => {
                "`specialise with …` names no chain, and there is no chain before it".into()
            }
            LowerErrorKind::SpecialiseWithoutChain => {
                "`specialise` must be followed by the chain it specialises".into()
            }
            LowerErrorKind::BadBinding => {
                "a binding must give the value of a symbol or of a power of a positive symbol"
                    .into()
            }
            LowerErrorKind::Redefined(name) => format!("`{name}` is declared twice"),
        }
    }

    /// Text for the underline.
    pub fn label(&self) -> String {
        match &self.kind {
            LowerErrorKind::UnknownFunction(_) => "not declared".into(),
            LowerErrorKind::WrongArity { .. } => "wrong number of arguments".into(),
            LowerErrorKind::UnsupportedBounds => "bounds".into(),
            LowerErrorKind::UnknownChain(_) => "unknown chain".into(),
            _ => "here".into(),
        }
    }

    /// What to do about it.
    pub fn help(&self) -> Option<String> {
        match &self.kind {
            LowerErrorKind::UnknownFunction(name) => Some(format!(
                "declare it first, e.g. `let {name}(x) = …`, or name a chain `{name}(…) = …`"
            )),
            LowerErrorKind::BadDensity(_) | LowerErrorKind::DensityOutsideLet => {
                Some("write `let p(x) = N(x; \\mu, \\sigma^2)`".into())
            }
            LowerErrorKind::AmbiguousExpectation | LowerErrorKind::UnknownDensity(_) => {
                Some("name the density in the subscript: `\\mathbb{E}_{p_1}[…]`".into())
            }
            LowerErrorKind::UnsupportedBounds => {
                Some("write `\\int … dx` or `\\int_{-\\infty}^{\\infty} … dx`".into())
            }
            LowerErrorKind::BadBinding => Some("write e.g. `\\mu_2 = 0, \\sigma_2^2 = 1`".into()),
            _ => None,
        }
    }
}

struct Lowerer {
    context: Context,
    /// Chain names seen so far, with their value (last step) and chain index.
    chain_names: Vec<(String, Term, usize)>,
    errors: Vec<LowerError>,
}

/// Names bound while lowering an expression: integration variables and parameters.
type Scope = Vec<Name>;

impl Lowerer {
    fn error(&mut self, span: Span, kind: LowerErrorKind) {
        self.errors.push(LowerError { span, kind });
    }

    fn declarations(&mut self, doc: &Document) {
        for item in &doc.items {
            match item {
                Item::Assume(a) => {
                    for s in &a.symbols {
                        self.context.positive.insert(name_of(s));
                    }
                }
                Item::Let(def) => self.definition(def),
                Item::Specialise(_) | Item::Chain(_) => {}
            }
        }
    }

    fn definition(&mut self, def: &ast::Definition) {
        let name = name_of(&def.name);
        if self.context.function(&name).is_some() {
            self.error(def.name.span, LowerErrorKind::Redefined(name.to_string()));
            return;
        }
        let params: Vec<Name> = def.params.iter().map(name_of).collect();
        let defined = match &def.body.kind {
            ExprKind::Call { callee, args } if is_density_constructor(callee) => {
                self.density(&name, &params, args, def.body.span)
            }
            _ => self.expr(&def.body, &params).map(|body| FunctionDef {
                name: name.clone(),
                params,
                body,
                gaussian: None,
            }),
        };
        if let Some(f) = defined {
            self.context.functions.push(f);
        }
    }

    /// `let p(x) = N(x; mean, variance)`.
    fn density(
        &mut self,
        name: &Name,
        params: &[Name],
        args: &[Expr],
        span: Span,
    ) -> Option<FunctionDef> {
        let [var, mean, variance] = args else {
            self.error(
                span,
                LowerErrorKind::BadDensity("expected `N(x; mean, variance)`".into()),
            );
            return None;
        };
        let var_name = match &var.kind {
            ExprKind::Ident(id) if params == [name_of(id)] => name_of(id),
            _ => {
                self.error(
                    var.span,
                    LowerErrorKind::BadDensity(
                        "the first argument must be the function's one parameter".into(),
                    ),
                );
                return None;
            }
        };
        let mean = self.expr(mean, &[])?;
        let std = match &variance.kind {
            ExprKind::Pow(base, exp) if is_literal(exp, "2") => match &base.kind {
                ExprKind::Ident(s) => {
                    self.context.positive.insert(name_of(s));
                    Term::Sym(name_of(s))
                }
                _ => Term::pow(self.expr(variance, &[])?, Term::frac(1, 2)),
            },
            ExprKind::Ident(v) => {
                self.context.positive.insert(name_of(v));
                Term::pow(Term::Sym(name_of(v)), Term::frac(1, 2))
            }
            _ => Term::pow(self.expr(variance, &[])?, Term::frac(1, 2)),
        };
        let gaussian = Gaussian { mean, std };
        Some(FunctionDef {
            name: name.clone(),
            params: vec![var_name.clone()],
            body: gaussian.formula(Term::Sym(var_name)),
            gaussian: Some(gaussian),
        })
    }

    fn chains(&mut self, doc: &Document) -> Vec<Chain> {
        let mut chains = Vec::new();
        let mut pending: Option<(usize, &ast::Specialisation)> = None;
        for (item_idx, item) in doc.items.iter().enumerate() {
            match item {
                Item::Specialise(s) => {
                    if let Some((_, previous)) = pending.replace((item_idx, s)) {
                        self.error(previous.span, LowerErrorKind::SpecialiseWithoutChain);
                    }
                }
                Item::Chain(c) => {
                    let specialisation = pending
                        .take()
                        .and_then(|(idx, s)| self.specialisation(idx, s, &chains));
                    let chain = self.chain(item_idx, c, specialisation);
                    if let (Some((name, span)), Some(last)) = (&chain.name, chain.steps.last()) {
                        if self.chain_names.iter().any(|(n, _, _)| n == name) {
                            // A second chain of that name claims a second value for
                            // it, compared with nothing: `H = a` after `H = b` would
                            // pass unchecked.
                            self.error(*span, LowerErrorKind::Redefined(name.clone()));
                        } else {
                            self.chain_names
                                .push((name.clone(), last.term.clone(), chains.len()));
                        }
                    }
                    chains.push(chain);
                }
                Item::Let(_) | Item::Assume(_) => {}
            }
        }
        if let Some((_, s)) = pending {
            self.error(s.span, LowerErrorKind::SpecialiseWithoutChain);
        }
        chains
    }

    fn chain(
        &mut self,
        ast_item: usize,
        chain: &ast::Chain,
        specialisation: Option<Specialisation>,
    ) -> Chain {
        let is_declared = |id: &Ident| self.context.function(&name_of(id)).is_some();
        let name = crate::syntax::chain_name(chain, &is_declared)
            .map(|head| (canonical_text(head), head.span));
        let first = usize::from(name.is_some());
        let steps = chain.steps[first..]
            .iter()
            .enumerate()
            .filter_map(|(i, step)| {
                self.expr(&step.expr, &[]).map(|term| Step {
                    term,
                    span: step.expr.span,
                    ast_idx: first + i,
                })
            })
            .collect();
        Chain {
            ast_item,
            name,
            specialisation,
            steps,
        }
    }

    /// The specialisation `s`, whose target is named or, without a name, the last of
    /// the `earlier` chains.
    fn specialisation(
        &mut self,
        ast_item: usize,
        s: &ast::Specialisation,
        earlier: &[Chain],
    ) -> Option<Specialisation> {
        let found = match &s.target {
            Some(target) => {
                let name = canonical_text(target);
                let found = self
                    .chain_names
                    .iter()
                    .find(|(n, _, _)| n == &name)
                    .cloned();
                found
                    .map(|(_, value, idx)| (value, idx))
                    .ok_or((target.span, Some(name)))
            }
            None => earlier
                .iter()
                .enumerate()
                .next_back()
                .and_then(|(idx, c)| c.steps.last().map(|last| (last.term.clone(), idx)))
                .ok_or((s.span, None)),
        };
        let (value, target_chain) = match found {
            Ok(found) => found,
            Err((span, name)) => {
                let kind = name.map_or(
                    LowerErrorKind::NoPreviousChain,
                    LowerErrorKind::UnknownChain,
                );
                self.error(span, kind);
                return None;
            }
        };
        let mut bindings = Vec::new();
        for b in &s.bindings {
            let rhs = self.expr(&b.rhs, &[])?;
            match &b.lhs.kind {
                ExprKind::Ident(id) => bindings.push((name_of(id), rhs)),
                ExprKind::Pow(base, exp) => match (&base.kind, literal_integer(exp)) {
                    (ExprKind::Ident(id), Some(n))
                        if n > 0 && self.context.positive.contains(&name_of(id)) =>
                    {
                        bindings.push((name_of(id), Term::pow(rhs, Term::frac(1, n))));
                    }
                    _ => self.error(b.lhs.span, LowerErrorKind::BadBinding),
                },
                _ => self.error(b.lhs.span, LowerErrorKind::BadBinding),
            }
        }
        Some(Specialisation {
            target_chain,
            value,
            bindings,
            span: s.span,
            ast_item,
        })
    }

    /// Lower an expression; `None` (with an error recorded) if any part fails.
    fn expr(&mut self, expr: &Expr, scope: &[Name]) -> Option<Term> {
        let errors_before = self.errors.len();
        let term = self.term(expr, &mut scope.to_vec());
        (self.errors.len() == errors_before).then_some(term)
    }

    /// Lower, recording errors and returning a placeholder for failed parts (the caller
    /// discards the whole expression if any error was recorded).
    fn term(&mut self, expr: &Expr, scope: &mut Scope) -> Term {
        match &expr.kind {
            ExprKind::Number(text) => match Rational::from_decimal(text) {
                Some(r) => Term::Num(r),
                None => {
                    self.error(expr.span, LowerErrorKind::NumberTooLarge(text.clone()));
                    Term::int(0)
                }
            },
            ExprKind::Ident(id) => self.ident(id, scope),
            ExprKind::Infinity => {
                self.error(expr.span, LowerErrorKind::MisplacedInfinity);
                Term::int(0)
            }
            ExprKind::Neg(a) => Term::negate(self.term(a, scope)),
            ExprKind::Add(a, b) => Term::add([self.term(a, scope), self.term(b, scope)]),
            ExprKind::Sub(a, b) => {
                Term::add([self.term(a, scope), Term::negate(self.term(b, scope))])
            }
            ExprKind::Mul(a, b, _) => Term::mul([self.term(a, scope), self.term(b, scope)]),
            ExprKind::Div(a, b, _) => Term::quotient(self.term(a, scope), self.term(b, scope)),
            ExprKind::Pow(base, exp) => {
                let exponent = self.term(exp, scope);
                if is_euler(base, scope, &self.context) {
                    Term::exp(exponent)
                } else {
                    Term::pow(self.term(base, scope), exponent)
                }
            }
            ExprKind::Sqrt { radicand, index } => {
                let n = match index {
                    None => 2,
                    Some(index) => match literal_integer(index) {
                        Some(n) if n > 0 => n,
                        _ => {
                            self.error(index.span, LowerErrorKind::BadRootIndex);
                            2
                        }
                    },
                };
                Term::pow(self.term(radicand, scope), Term::frac(1, n))
            }
            ExprKind::Apply(f, arg) => {
                let arg = self.term(arg, scope);
                match f {
                    Builtin::Log | Builtin::Ln => Term::log(arg),
                    Builtin::Exp => Term::exp(arg),
                }
            }
            ExprKind::Call { callee, args } => self.call(expr, callee, args, scope),
            ExprKind::Integral { bounds, body, var } => {
                if let Some((lo, hi)) = bounds {
                    if !(is_infinity(lo, -1) && is_infinity(hi, 1)) {
                        self.error(lo.span.join(hi.span), LowerErrorKind::UnsupportedBounds);
                    }
                }
                let var = name_of(var);
                scope.push(var.clone());
                let body = self.term(body, scope);
                scope.pop();
                Term::Integral {
                    var,
                    body: Box::new(body),
                }
            }
            ExprKind::Expectation { density, body } => {
                self.expectation(expr, density.as_ref(), body, scope)
            }
        }
    }

    fn ident(&mut self, id: &Ident, scope: &Scope) -> Term {
        let name = name_of(id);
        if scope.contains(&name) {
            return Term::Sym(name);
        }
        if self
            .context
            .function(&name)
            .is_some_and(|f| f.params.is_empty())
        {
            return Term::Call(name, Vec::new());
        }
        match (id.base.as_str(), &id.subscript) {
            ("π", None) => Term::Pi,
            ("e", None) => Term::exp(Term::int(1)),
            _ => Term::Sym(name),
        }
    }

    fn call(&mut self, expr: &Expr, callee: &Ident, args: &[Expr], scope: &mut Scope) -> Term {
        let name = name_of(callee);
        if let Some(f) = self.context.function(&name) {
            let expected = f.params.len();
            if expected != args.len() {
                self.error(
                    expr.span,
                    LowerErrorKind::WrongArity {
                        name: name.to_string(),
                        expected,
                        found: args.len(),
                    },
                );
            }
            let args = args.iter().map(|a| self.term(a, scope)).collect();
            return Term::Call(name, args);
        }
        let text = canonical_text(expr);
        if let Some((_, value, _)) = self.chain_names.iter().find(|(n, _, _)| n == &text) {
            return value.clone();
        }
        if is_density_constructor(callee) {
            self.error(expr.span, LowerErrorKind::DensityOutsideLet);
            return Term::int(0);
        }
        match args {
            // `f(x)`, an undeclared name applied to a plain name, is meant as a
            // function: reading it as the product f·x would "verify" what the author
            // did not mean.
            [arg] if !matches!(arg.kind, ExprKind::Ident(_)) => {
                // `a(b + c)` is a product; `ab(c)` is a·b·(c).
                let mut factors: Vec<Term> = letters_of(callee)
                    .into_iter()
                    .map(|letter| self.ident(&letter, scope))
                    .collect();
                factors.push(self.term(arg, scope));
                Term::mul(factors)
            }
            _ => {
                self.error(
                    callee.span,
                    LowerErrorKind::UnknownFunction(name.to_string()),
                );
                Term::int(0)
            }
        }
    }

    fn expectation(
        &mut self,
        expr: &Expr,
        density: Option<&Ident>,
        body: &Expr,
        scope: &mut Scope,
    ) -> Term {
        let densities: Vec<&FunctionDef> = self
            .context
            .functions
            .iter()
            .filter(|f| f.gaussian.is_some())
            .collect();
        let chosen = match density {
            Some(id) => {
                let name = name_of(id);
                match densities.iter().find(|f| f.name == name) {
                    Some(f) => (*f).clone(),
                    None => {
                        self.error(id.span, LowerErrorKind::UnknownDensity(name.to_string()));
                        return Term::int(0);
                    }
                }
            }
            None => match densities.as_slice() {
                [only] => (*only).clone(),
                _ => {
                    self.error(expr.span, LowerErrorKind::AmbiguousExpectation);
                    return Term::int(0);
                }
            },
        };
        let var = chosen.params[0].clone();
        scope.push(var.clone());
        let body = self.term(body, scope);
        scope.pop();
        Term::Integral {
            var: var.clone(),
            body: Box::new(Term::mul([
                body,
                Term::Call(chosen.name.clone(), vec![Term::Sym(var)]),
            ])),
        }
    }
}

/// `N` with no subscript: the Gaussian density constructor.
fn is_density_constructor(callee: &Ident) -> bool {
    callee.base == "N" && callee.subscript.is_none()
}

/// A bare `e` that is not a parameter or declaration: Euler's number.
fn is_euler(base: &Expr, scope: &Scope, context: &Context) -> bool {
    match &base.kind {
        ExprKind::Ident(id) => {
            let name = name_of(id);
            id.base == "e"
                && id.subscript.is_none()
                && !scope.contains(&name)
                && context.function(&name).is_none()
        }
        _ => false,
    }
}

/// `+∞` (`sign = 1`) or `−∞` (`sign = −1`).
fn is_infinity(expr: &Expr, sign: i32) -> bool {
    match (&expr.kind, sign) {
        (ExprKind::Infinity, 1) => true,
        (ExprKind::Neg(inner), -1) => matches!(inner.kind, ExprKind::Infinity),
        _ => false,
    }
}

fn is_literal(expr: &Expr, text: &str) -> bool {
    matches!(&expr.kind, ExprKind::Number(n) if n == text)
}

fn literal_integer(expr: &Expr) -> Option<i64> {
    match &expr.kind {
        ExprKind::Number(n) => n.parse().ok(),
        _ => None,
    }
}

/// The letters of a multi-letter callee as separate identifiers (`ab` → `a`, `b`); a
/// subscript stays on the last letter.
fn letters_of(callee: &Ident) -> Vec<Ident> {
    let letters: Vec<char> = callee.base.chars().collect();
    if letters.len() <= 1 || !letters.iter().all(char::is_ascii_alphabetic) {
        return vec![callee.clone()];
    }
    let n = letters.len();
    letters
        .into_iter()
        .enumerate()
        .map(|(i, c)| Ident {
            base: c.to_string(),
            subscript: if i + 1 == n {
                callee.subscript.clone()
            } else {
                None
            },
            span: callee.span,
        })
        .collect()
}

/// A chain name's text with spacing removed, so `KL(p_1,p_2)` and `KL(p_1, p_2)` match.
pub fn canonical_text(expr: &Expr) -> String {
    fn go(expr: &Expr, out: &mut String) {
        match &expr.kind {
            ExprKind::Call { callee, args } => {
                out.push_str(name_of(callee).as_str());
                out.push('(');
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    go(a, out);
                }
                out.push(')');
            }
            ExprKind::Ident(id) => out.push_str(name_of(id).as_str()),
            _ => out.push_str(&crate::syntax::sexpr(expr)),
        }
    }
    let mut out = String::new();
    go(expr, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::unicode;
    use crate::source::SourceFile;

    /// Lower `text` and describe the result: each chain's name and steps in Unicode,
    /// or the errors.
    fn check(text: &str) -> String {
        let parsed = crate::syntax::parse(&SourceFile::new("test.txt", text));
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let (program, errors) = lower(&parsed.doc);
        if !errors.is_empty() {
            return errors
                .iter()
                .map(LowerError::message)
                .collect::<Vec<_>>()
                .join("\n");
        }
        let mut out = Vec::new();
        for chain in &program.chains {
            let name = chain
                .name
                .as_ref()
                .map_or("-".to_string(), |(n, _)| n.clone());
            let steps: Vec<String> = chain.steps.iter().map(|s| unicode(&s.term)).collect();
            out.push(format!("{name}: {}", steps.join(" | ")));
        }
        out.join("\n")
    }

    #[test]
    fn call_shaped_heads_and_unused_labels_name_chains() {
        insta::assert_snapshot!(check("KL(a, b) = x + 1\n= 1 + x"), @"KL(a,b): x + 1 | x + 1");
        insta::assert_snapshot!(check("H = x^2\n= x x"), @"H: x² | xx");
        insta::assert_snapshot!(check("x = x + 0"), @"-: x | x + 0");
        // A definition in notes names its chain rather than claiming f·x = x² + 1.
        insta::assert_snapshot!(check("f(x) = x^2 + 1"), @"f(x): x² + 1");
    }

    #[test]
    fn names_resolve_as_a_reader_means_them() {
        insta::assert_snapshot!(check(r"a(b + c) = e^{u} = \sqrt[3]{\pi}"), @"-: a(b + c) | exp(u) | π^(1/3)");
        insta::assert_snapshot!(check("let f(t) = t^2\nf(a + 1) = ab(c + 1)"), @"-: f(a + 1) | ab(c + 1)");
    }

    #[test]
    fn an_undeclared_name_applied_to_a_name_is_an_unknown_function_not_a_product() {
        let parsed = crate::syntax::parse(&SourceFile::new("t.txt", "f(a) + 1 = 1 + f(a)"));
        let (_, errors) = lower(&parsed.doc);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].kind, LowerErrorKind::UnknownFunction("f".into()));
    }

    #[test]
    fn densities_and_expectations() {
        insta::assert_snapshot!(
            check("let p(x) = N(x; m, s^2)\n\\mathbb{E}_{p}[x] = E[x] = \\int x p(x) dx"),
            @"-: ∫ x p(x) dx | ∫ x p(x) dx | ∫ x p(x) dx"
        );
    }

    #[test]
    fn a_chain_name_stands_for_its_last_line() {
        insta::assert_snapshot!(check("F(a) = a + a\n= 2a\nF(a) + 1 = 2a + 1"), @r"
            F(a): a + a | 2a
            -: 2a + 1 | 2a + 1
            ");
    }

    #[test]
    fn a_specialisation_without_a_name_starts_from_the_previous_chain() {
        let parsed = crate::syntax::parse(&SourceFile::new(
            "t.txt",
            "a + a = 2a\nx = 1\n= 1\nspecialise with a = 3\nG = 6",
        ));
        let (program, errors) = lower(&parsed.doc);
        assert!(errors.is_empty(), "{errors:?}");
        let spec = program.chains[2]
            .specialisation
            .as_ref()
            .expect("specialised");
        assert_eq!(spec.target_chain, 1);
        assert_eq!(unicode(&spec.value), "1");
    }

    #[test]
    fn specialisation_bindings_take_positive_roots() {
        let parsed = crate::syntax::parse(&SourceFile::new(
            "t.txt",
            "assume s > 0\nF(s) = s^2\n= s s\nspecialise F(s) with s^2 = 4\nG = 4",
        ));
        let (program, errors) = lower(&parsed.doc);
        assert!(errors.is_empty(), "{errors:?}");
        let spec = program.chains[1]
            .specialisation
            .as_ref()
            .expect("specialised");
        assert_eq!(spec.target_chain, 0);
        assert_eq!(spec.bindings.len(), 1);
        assert_eq!(unicode(&spec.bindings[0].1), "√4");
    }

    #[test]
    fn errors_name_what_is_wrong() {
        insta::assert_snapshot!(check("a + g(b, c) = 1"), @"unknown function `g`");
        insta::assert_snapshot!(check("let f(x) = x\nf(1, 2) = 1"), @"`f` takes 1 argument(s) but is given 2");
        insta::assert_snapshot!(check(r"\int_0^1 x dx = 1"), @"only integrals over the whole real line are supported");
        insta::assert_snapshot!(check("x = \\infty"), @r"`\infty` can only be an integral bound");
        insta::assert_snapshot!(check("let p(x) = N(x; 0)\np(1) = 1"), @"malformed density: expected `N(x; mean, variance)`");
        insta::assert_snapshot!(check("E[x] = 0"), @"expectation without a density, and not exactly one density is declared");
        insta::assert_snapshot!(check("specialise F(a) with a = 1\nF(b) = 2"), @"no earlier chain is named `F(a)`");
        insta::assert_snapshot!(check("F(a) = a\n= a\nspecialise F(a) with a + 1 = 2\nG = 1"), @"a binding must give the value of a symbol or of a power of a positive symbol");
        insta::assert_snapshot!(check("specialise F(a) with a = 1"), @"`specialise` must be followed by the chain it specialises");
        insta::assert_snapshot!(check("specialise with a = 1\nG = 1"), @"`specialise with …` names no chain, and there is no chain before it");
        insta::assert_snapshot!(check("let f(x) = x\nlet f(y) = y\nf(1) = 1"), @"`f` is declared twice");
        insta::assert_snapshot!(check("F(a) = a + 1\n= 1 + a\nF(a) = a + 2"), @"`F(a)` is declared twice");
    }
}
