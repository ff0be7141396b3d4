//! Resolving one expression: names, calls and products, integrals, moments.

use std::collections::{BTreeMap, BTreeSet};

use super::{Declared, ResolveErrorKind, Resolver, Scope};
use crate::syntax::ast::{Builtin, Constant, Expr, ExprKind, Ident, MatrixOp, MulSign};

/// Single letters that read as functions when applied to a bracket (`f(2x)`, `p(x+1)`,
/// `\phi(0)`): undeclared, they are refused rather than read as a product. Other
/// letters applied to a bracket are products (`a(b + c)`, `\sigma(x - \mu)`).
const FUNCTION_LETTERS: &[&str] = &[
    "f", "g", "h", "p", "q", "F", "G", "H", "L", "M", "P", "Q", "Z", "φ", "ϕ", "ψ", "Φ", "Ψ", "Γ",
    "ℓ",
];

impl Resolver {
    /// Resolve `expr` where `scope` names are bound. Errors are recorded; the result
    /// is then a placeholder the caller drops.
    pub(super) fn expr(&mut self, expr: &Expr, scope: &Scope) -> Expr {
        let span = expr.span;
        let kind = match &expr.kind {
            ExprKind::Number(_) | ExprKind::Infinity => expr.kind.clone(),
            ExprKind::Ident(id) => return self.ident(id, span, scope),
            ExprKind::Neg(a) => ExprKind::Neg(self.boxed(a, scope)),
            ExprKind::Add(a, b) => ExprKind::Add(self.boxed(a, scope), self.boxed(b, scope)),
            ExprKind::Sub(a, b) => ExprKind::Sub(self.boxed(a, scope), self.boxed(b, scope)),
            ExprKind::Mul(a, b, sign) => {
                ExprKind::Mul(self.boxed(a, scope), self.boxed(b, scope), *sign)
            }
            ExprKind::Div(a, b, sign) => {
                ExprKind::Div(self.boxed(a, scope), self.boxed(b, scope), *sign)
            }
            ExprKind::Pow(a, b) => {
                let base = self.expr(a, scope);
                let exponent = self.boxed(b, scope);
                // `a(b + c)^2` read as a product is `a·(b + c)^2`: the power belongs to
                // the bracket it is written on, not to the whole product.
                if let (ExprKind::Call { .. }, ExprKind::Mul(factor, group, sign)) =
                    (&a.kind, &base.kind)
                {
                    let power_span = group.span.join(exponent.span);
                    let power = Expr::boxed(ExprKind::Pow(group.clone(), exponent), power_span);
                    ExprKind::Mul(factor.clone(), power, *sign)
                } else {
                    ExprKind::Pow(Box::new(base), exponent)
                }
            }
            ExprKind::Sqrt { radicand, index } => ExprKind::Sqrt {
                radicand: self.boxed(radicand, scope),
                index: index.as_ref().map(|i| self.boxed(i, scope)),
            },
            ExprKind::Apply(Builtin::Abs, a) => match self.bars_around(a, scope) {
                Some(Builtin::Abs) | None => ExprKind::Apply(Builtin::Abs, self.boxed(a, scope)),
                Some(other) => ExprKind::Apply(other, self.boxed(a, scope)),
            },
            ExprKind::Apply(f, a) => ExprKind::Apply(*f, self.boxed(a, scope)),
            ExprKind::Matrix(MatrixOp::PlainTranspose, args) => {
                let resolved: Vec<Expr> = args.iter().map(|a| self.expr(a, scope)).collect();
                if !args.iter().all(|a| self.is_shaped_sum(a)) {
                    self.error(expr.span, ResolveErrorKind::TransposeOrPower);
                }
                ExprKind::Matrix(MatrixOp::Transpose, resolved)
            }
            ExprKind::Matrix(op, args) => {
                ExprKind::Matrix(*op, args.iter().map(|a| self.expr(a, scope)).collect())
            }
            ExprKind::Call { callee, args } => return self.call(expr, callee, args, scope),
            ExprKind::Primed {
                callee,
                order,
                args,
            } => return self.primed(expr, callee, *order, args, scope),
            ExprKind::Integral { bounds, body, var } => {
                let bounds = bounds
                    .as_ref()
                    .map(|(lo, hi)| (self.boxed(lo, scope), self.boxed(hi, scope)));
                let mut inner = scope.clone();
                inner.push(var.key());
                ExprKind::Integral {
                    bounds,
                    body: self.boxed(body, &inner),
                    var: var.clone(),
                }
            }
            ExprKind::Expectation {
                moment,
                under,
                args,
            } => return self.moment(span, *moment, under.as_deref(), args, scope),
            ExprKind::Series {
                op,
                index,
                lower,
                upper,
                body,
            } => return self.series(expr, (*op, index, lower, upper, body), scope),
            // The variable is a free name: differentiating binds nothing.
            ExprKind::Derivative { var, order, body } => ExprKind::Derivative {
                var: var.clone(),
                order: *order,
                body: match self.named_function_of(body, var, scope) {
                    Some(named) => Box::new(self.chain_value(&named, body.span, scope)),
                    None => match self.declared_function_at_its_parameters(body, var, scope) {
                        Some(call) => self.boxed(&call, scope),
                        None => self.boxed(body, scope),
                    },
                },
            },
            ExprKind::SubstitutedIntegral {
                bounds,
                body,
                differential,
            } => {
                let var = match self.differential_variable(body, differential, scope) {
                    Ok(var) => var,
                    Err(candidates) => {
                        self.error(span, ResolveErrorKind::DifferentialVariable(candidates));
                        return placeholder(span);
                    }
                };
                // ∫ f d(g) = ∫ f · g'(u) du; the derivative spans the differential
                // alone (see `is_substituted_differential`).
                let derivative = Expr::new(
                    ExprKind::Derivative {
                        var: var.clone(),
                        order: 1,
                        body: differential.clone(),
                    },
                    differential.span,
                );
                let written = Expr::new(
                    ExprKind::Integral {
                        bounds: bounds.clone(),
                        body: Box::new(Expr::new(
                            ExprKind::Mul(body.clone(), Box::new(derivative), MulSign::Implicit),
                            body.span,
                        )),
                        var,
                    },
                    span,
                );
                return self.expr(&written, scope);
            }
            ExprKind::Between {
                body,
                var,
                lower,
                upper,
            } => {
                let body = self.boxed(body, scope);
                let var = match var {
                    Some(var) => var.clone(),
                    None => match self.evaluation_variable(&body, scope) {
                        Ok(var) => var,
                        Err(candidates) => {
                            self.error(span, ResolveErrorKind::EvaluationVariable(candidates));
                            return placeholder(span);
                        }
                    },
                };
                ExprKind::Between {
                    body,
                    var: Some(var),
                    lower: self.boxed(lower, scope),
                    upper: self.boxed(upper, scope),
                }
            }
            // The variable is a free name of the body, as in an evaluation.
            ExprKind::Limit { var, to, body } => ExprKind::Limit {
                var: var.clone(),
                to: to.clone(),
                body: self.boxed(body, scope),
            },
            ExprKind::At { body, var, at } => ExprKind::At {
                body: self.boxed(body, scope),
                var: var.clone(),
                at: self.boxed(at, scope),
            },
            // Already resolved (a tree built by resolution itself).
            ExprKind::Constant(_)
            | ExprKind::ChainValue { .. }
            | ExprKind::Gaussian { .. }
            | ExprKind::Law { .. }
            | ExprKind::Indexed { .. } => expr.kind.clone(),
        };
        Expr::new(kind, span)
    }

    /// What bars around `inner` mean: `|\Sigma|` of a declared vector or matrix is its
    /// determinant (lowering refuses it of a vector); of a variable, a random variable
    /// or a lower-case name, an absolute value; of an undeclared capital, a question
    /// (`None`, with the error recorded). Bars around anything but a name are an
    /// absolute value.
    fn bars_around(&mut self, inner: &Expr, scope: &Scope) -> Option<Builtin> {
        let ExprKind::Ident(id) = &inner.kind else {
            return Some(Builtin::Abs);
        };
        let key = id.key();
        if self.shaped.contains(&key) {
            return Some(Builtin::Det);
        }
        let scalar = scope.contains(&key)
            || self.random.contains_key(&key)
            || self.derived.contains_key(&key)
            || self.assumed.contains(&key)
            || !id.base.chars().next().is_some_and(char::is_uppercase);
        if scalar {
            return Some(Builtin::Abs);
        }
        self.error(inner.span, ResolveErrorKind::DeterminantOrAbsolute(key));
        None
    }

    /// `I_k` where `k` is the dimension the note's vectors and matrices are declared
    /// in (`x \in \mathbb{R}^k`): the identity in that dimension, as `\mathbf{I}_k`
    /// is. A bare `I`, or `I` with another subscript, stays a name (Fisher's `I(\mu)`).
    fn is_plain_identity(&self, id: &Ident) -> bool {
        id.base == "I"
            && id.subscript.is_some()
            && id.subscript == self.dimension
            && !self.is_declared(id)
            && !self.shaped.contains(&id.key())
            && !self.assumed.contains(&id.key())
    }

    /// Whether `expr`, as written, is a declared vector or matrix or a sum and
    /// difference of them (`x`, `(x - \mu_1)`, `-\Sigma`): what `^T` on it can only
    /// transpose. Anything else (`(A x)^T`, a scalar) keeps both readings.
    fn is_shaped_sum(&self, expr: &Expr) -> bool {
        match &expr.kind {
            ExprKind::Ident(id) => self.shaped.contains(&id.key()),
            ExprKind::Neg(a) => self.is_shaped_sum(a),
            ExprKind::Add(a, b) | ExprKind::Sub(a, b) => {
                self.is_shaped_sum(a) && self.is_shaped_sum(b)
            }
            _ => false,
        }
    }

    fn boxed(&mut self, expr: &Expr, scope: &Scope) -> Box<Expr> {
        Box::new(self.expr(expr, scope))
    }

    /// A name on its own.
    fn ident(&mut self, id: &Ident, span: crate::source::Span, scope: &Scope) -> Expr {
        if let Some(datum) = self.indexed(id, scope) {
            return datum;
        }
        if self.hats_are_solutions && id.subscript.as_deref().is_some_and(is_estimate_label) {
            // `\hat\sigma^2_{\text{MLE}}`, PRML's `\mu_{\mathrm{ML}}`: the label says
            // which estimate the name is, as the hat does; the solution is σ², μ.
            let unlabelled = Ident {
                subscript: None,
                ..id.clone()
            };
            return self.ident(&unlabelled, span, scope);
        }
        if let Some(base) = id
            .base
            .strip_suffix('\u{302}')
            .filter(|_| self.hats_are_solutions)
        {
            // In a chain of equations, `μ̂` is μ at the solution.
            let plain = Ident {
                base: base.to_string(),
                ..id.clone()
            };
            return self.ident(&plain, span, scope);
        }
        let key = id.key();
        if scope.contains(&key) {
            return Expr::new(ExprKind::Ident(id.clone()), span);
        }
        if self.is_plain_identity(id) {
            return Expr::new(ExprKind::Matrix(MatrixOp::Identity, Vec::new()), span);
        }
        if let Some(matrix) = self.matrices.get(&key) {
            // Resolved where it was defined: nothing in it is bound here.
            return Expr::new(matrix.kind.clone(), span);
        }
        if let Some(body) = self.derived.get(&key).cloned() {
            // Inside an expectation of a random variable its definition stands in;
            // outside one it is a random variable like any other.
            if self.moments_of.is_empty() {
                let kind = ResolveErrorKind::RandomVariableOutsideExpectation(key);
                self.error(span, kind);
                return placeholder(span);
            }
            return self.expr(&body, scope);
        }
        if let Some(declared) = self.functions.get(&key) {
            if declared.arity == 0 {
                let kind = ExprKind::Call {
                    callee: id.clone(),
                    args: Vec::new(),
                };
                return Expr::new(kind, span);
            }
            self.error(span, ResolveErrorKind::FunctionWithoutArguments(key));
            return placeholder(span);
        }
        if self.random.contains_key(&key) {
            self.error(
                span,
                ResolveErrorKind::RandomVariableOutsideExpectation(key),
            );
            return placeholder(span);
        }
        if let Some(chain) = self
            .names
            .iter()
            .find(|n| n.callee.is_none() && n.text == key)
            .cloned()
        {
            return self.chain_value(&chain, span, scope);
        }
        if self
            .names
            .iter()
            .any(|n| n.callee.as_deref() == Some(key.as_str()))
        {
            self.error(span, ResolveErrorKind::ChainNameWithoutArguments(key));
            return placeholder(span);
        }
        // `\bar{x}` beside data `x_i`, never declared: their mean, or another symbol?
        if let Some(base) = id.base.strip_suffix(['\u{304}', '\u{305}']) {
            if id.subscript.is_none() && self.data.contains(base) {
                self.error(span, ResolveErrorKind::BarOfData(key));
                return placeholder(span);
            }
        }
        match (id.base.as_str(), &id.subscript) {
            ("π", None) => Expr::new(ExprKind::Constant(Constant::Pi), span),
            ("e", None) => Expr::new(ExprKind::Constant(Constant::E), span),
            _ => Expr::new(ExprKind::Ident(id.clone()), span),
        }
    }

    /// `\frac{\partial \ell}{\partial \mu}` after a chain named `\ell(\mu, \sigma^2)`:
    /// the bare `ℓ` differentiated in one of its name's parameters is that chain's
    /// function, as every MLE derivation writes it. Any other bare use of the callee
    /// (`\frac{dH}{d\sigma}` after `H(p)`) stays refused by [`Self::ident`].
    fn named_function_of(&self, body: &Expr, var: &Ident, scope: &Scope) -> Option<super::Named> {
        let ExprKind::Ident(id) = &body.kind else {
            return None;
        };
        let key = id.key();
        if scope.contains(&key) || self.functions.contains_key(&key) {
            return None;
        }
        self.names
            .iter()
            .find(|n| n.callee.as_deref() == Some(key.as_str()))
            .filter(|n| n.head_params.iter().any(|p| p.key() == var.key()))
            .cloned()
    }

    /// `\frac{\partial \ell}{\partial \mu}` after the text declared `\ell(\mu, \sigma) = …`:
    /// the bare `ℓ` differentiated in one of its parameters is `ℓ(μ, σ)`, the function
    /// at its own parameters, as for a chain's name (see [`Self::named_function_of`]).
    /// Not when a parameter is bound here, where its name means something else.
    fn declared_function_at_its_parameters(
        &self,
        body: &Expr,
        var: &Ident,
        scope: &Scope,
    ) -> Option<Expr> {
        let ExprKind::Ident(id) = &body.kind else {
            return None;
        };
        let key = id.key();
        let declared = self.functions.get(&key).filter(|_| !scope.contains(&key))?;
        let params = &declared.params;
        let applies = declared.arity > 0
            && !declared.param_unwritten
            && params.iter().any(|p| p.key() == var.key())
            && !params.iter().any(|p| scope.contains(&p.key()));
        applies.then(|| {
            let args = params
                .iter()
                .map(|p| Expr::new(ExprKind::Ident(p.clone()), body.span))
                .collect();
            let kind = ExprKind::Call {
                callee: id.clone(),
                args,
            };
            Expr::new(kind, body.span)
        })
    }

    /// A chain's value where its name is used, unless a binder here would capture one
    /// of its free names.
    pub(super) fn chain_value(
        &mut self,
        named: &super::Named,
        span: crate::source::Span,
        scope: &Scope,
    ) -> Expr {
        // The name's own arguments are passed through from here, so they may be bound
        // here (`\int p(x) \, dx` for a chain named `p(x)`); any other free name may not.
        let passed = |f: &String| named.params.iter().any(|p| p.key() == *f);
        if let Some(var) = named.free.iter().find(|f| scope.contains(f) && !passed(f)) {
            let kind = ResolveErrorKind::ChainValueCaptured {
                name: named.text.clone(),
                var: var.clone(),
            };
            self.error(span, kind);
            return placeholder(span);
        }
        let kind = ExprKind::ChainValue {
            chain: named.chain,
            params: named.params.clone(),
        };
        Expr::new(kind, span)
    }

    /// `callee(args)`: a declared function, a density written inline, a chain's name,
    /// or a product — or an error when it could be a call of an undeclared function.
    fn call(&mut self, expr: &Expr, callee: &Ident, args: &[Expr], scope: &Scope) -> Expr {
        let span = expr.span;
        let key = callee.key();
        if scope.contains(&key) {
            // A bound variable applied to a bracket: a product (`x(1 - x)`).
            return self.product(expr, callee, args, scope);
        }
        if let Some(declared) = self.functions.get(&key).cloned() {
            // `\int p(x) e^{-\mu^2} d\mu` for `p(x) = N(x; \mu, 1)`: does `p(x)` depend on
            // the μ integrated over? Readers differ; so does lexical scope from
            // substitution. Refused, with the way out.
            if let Some(var) = declared.free.iter().find(|f| scope.contains(f)) {
                let kind = ResolveErrorKind::DefinitionCaptured {
                    function: key,
                    var: var.clone(),
                };
                self.error(span, kind);
                return placeholder(span);
            }
            if declared.support.is_some() {
                // `f_X(x)` of an exponential law is 0 for x < 0, which its formula is not.
                self.error(span, ResolveErrorKind::DensityOffItsRange(key));
                return placeholder(span);
            }
            if declared.arity != args.len() {
                let kind = ResolveErrorKind::WrongArity {
                    name: key,
                    expected: declared.arity,
                    found: args.len(),
                };
                self.error(span, kind);
                return placeholder(span);
            }
            let args = args.iter().map(|a| self.expr(a, scope)).collect();
            let kind = ExprKind::Call {
                callee: callee.clone(),
                args,
            };
            return Expr::new(kind, span);
        }
        let text = super::canonical_text(expr);
        if let Some(named) = self.names.iter().find(|n| n.text == text).cloned() {
            return self.chain_value(&named, span, scope);
        }
        if let Some(named) = self
            .names
            .iter()
            .find(|n| n.callee.as_deref() == Some(key.as_str()))
            .cloned()
        {
            let head = super::applied::call_of(callee, &named.head_args);
            if let Some(applied) = self.chain_name_applied(head, &named, args, scope) {
                return applied;
            }
            // A chain headed `D_{\mathrm{KL}}(p \| q) = …`, whose first line was checked
            // against the divergence, at other densities: the divergence there.
            if named.means {
                if let Some(meaning) = self.applied_meaning(callee, args, span, scope) {
                    return meaning;
                }
            }
            let kind = ResolveErrorKind::ChainNameArguments { name: named.text };
            self.error(span, kind);
            return placeholder(span);
        }
        // `M_X(1)`, `H(p, q)`: a name with a meaning of its own, over the note's own
        // random variables and densities, and no chain of that name.
        if let Some(meaning) = self.applied_meaning(callee, args, span, scope) {
            return meaning;
        }
        if callee.base == "N" && callee.subscript.is_none() {
            return match args {
                [x, mean, variance] => {
                    let x = self.expr(x, scope);
                    self.gaussian(x, mean, variance, span, scope)
                }
                _ => {
                    self.error(span, ResolveErrorKind::DistributionAsValue);
                    placeholder(span)
                }
            };
        }
        if let (Some(function), [arg]) = (known_function(callee), args) {
            let arg = self.boxed(arg, scope);
            return Expr::new(ExprKind::Apply(function, arg), span);
        }
        let plain_names = args.iter().all(|a| matches!(a.kind, ExprKind::Ident(_)));
        let single_letter = callee.base.chars().count() == 1;
        match args {
            [_] if !plain_names
                && single_letter
                && callee.subscript.is_none()
                && !FUNCTION_LETTERS.contains(&callee.base.as_str()) =>
            {
                self.product(expr, callee, args, scope)
            }
            [_] if !plain_names
                && !single_letter
                && callee.base.chars().all(|c| c.is_ascii_lowercase())
                && callee.subscript.is_none() =>
            {
                // `ab(c)`: letters a·b times (c), as LaTeX reads it.
                self.product(expr, callee, args, scope)
            }
            [_] if !plain_names => {
                self.error(callee.span, ResolveErrorKind::FunctionOrProduct(key));
                placeholder(span)
            }
            _ => {
                let kind = ResolveErrorKind::UnknownFunction {
                    name: key,
                    suggestion: None,
                };
                self.error(callee.span, kind);
                placeholder(span)
            }
        }
    }

    /// `a(b + c)` read as the product of the callee's letters and the argument.
    fn product(&mut self, expr: &Expr, callee: &Ident, args: &[Expr], scope: &Scope) -> Expr {
        let [arg] = args else {
            let kind = ResolveErrorKind::UnknownFunction {
                name: callee.key(),
                suggestion: None,
            };
            self.error(callee.span, kind);
            return placeholder(expr.span);
        };
        let letters = letters_of(callee, scope);
        let mut product: Option<Expr> = None;
        for letter in letters {
            let factor = self.ident(&letter, callee.span, scope);
            product = Some(match product {
                None => factor,
                Some(p) => implicit(p, factor, callee.span),
            });
        }
        let arg = self.expr(arg, scope);
        match product {
            Some(p) => implicit(p, arg, expr.span),
            None => arg,
        }
    }
}

/// The function an undeclared `\Phi(x)` or `\Gamma(x)` names: the standard normal CDF
/// and Euler's Γ, as probability notes use them. A note that declares Φ or Γ (or names
/// a chain so) means its own; that is looked up before this.
pub(super) fn known_function(callee: &Ident) -> Option<Builtin> {
    if callee.subscript.is_some() {
        return None;
    }
    match callee.base.as_str() {
        "Φ" => Some(Builtin::NormalCdf),
        "Γ" => Some(Builtin::Gamma),
        _ => None,
    }
}

/// The letters of a multi-letter callee as separate names (`ab` → `a`, `b`), the
/// subscript on the last; a bound or single name stays whole.
fn letters_of(callee: &Ident, scope: &Scope) -> Vec<Ident> {
    let letters: Vec<char> = callee.base.chars().collect();
    if letters.len() <= 1
        || scope.contains(&callee.key())
        || !letters.iter().all(char::is_ascii_alphabetic)
    {
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

fn implicit(a: Expr, b: Expr, span: crate::source::Span) -> Expr {
    Expr::new(
        ExprKind::Mul(Box::new(a), Box::new(b), MulSign::Implicit),
        span,
    )
}

/// What stands in for a part that failed; the whole step is dropped with its error.
pub(super) fn placeholder(span: crate::source::Span) -> Expr {
    Expr::new(ExprKind::Number("0".into()), span)
}

/// The free names of a resolved expression: symbols not bound inside it, and what the
/// chains' values and declared functions it uses depend on. `chain_free` holds each
/// earlier chain's value's free names, so that a chain using another twice costs no
/// more than once (values that double at every line stay linear).
pub(super) fn free_names(
    expr: &Expr,
    chain_free: &[BTreeSet<String>],
    functions: &BTreeMap<String, Declared>,
) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut bound: Vec<String> = Vec::new();
    walk(expr, chain_free, functions, &mut bound, &mut found, 0);
    found
}

fn walk(
    expr: &Expr,
    chains: &[BTreeSet<String>],
    functions: &BTreeMap<String, Declared>,
    bound: &mut Vec<String>,
    found: &mut BTreeSet<String>,
    depth: usize,
) {
    if depth > 1000 {
        return;
    }
    match &expr.kind {
        ExprKind::Ident(id) => {
            if !bound.contains(&id.key()) {
                found.insert(id.key());
            }
        }
        ExprKind::Integral { bounds, body, var } => {
            if let Some((lo, hi)) = bounds {
                walk(lo, chains, functions, bound, found, depth + 1);
                walk(hi, chains, functions, bound, found, depth + 1);
            }
            bound.push(var.key());
            walk(body, chains, functions, bound, found, depth + 1);
            bound.pop();
        }
        ExprKind::Series {
            index,
            lower,
            upper,
            body,
            ..
        } => {
            walk(lower, chains, functions, bound, found, depth + 1);
            walk(upper, chains, functions, bound, found, depth + 1);
            bound.push(index.key());
            walk(body, chains, functions, bound, found, depth + 1);
            bound.pop();
        }
        ExprKind::ChainValue { chain, params } => {
            // A chain's value is closed over the document, but for the arguments of its
            // name, which are the names here.
            if let Some(free) = chains.get(*chain) {
                let passed = |f: &String| params.iter().any(|p| p.key() == *f);
                found.extend(free.iter().filter(|f| !passed(f)).cloned());
            }
            for p in params {
                if !bound.contains(&p.key()) {
                    found.insert(p.key());
                }
            }
        }
        ExprKind::Call { callee, args } => {
            if let Some(declared) = functions.get(&callee.key()) {
                found.extend(declared.free.iter().cloned());
            }
            for arg in args {
                walk(arg, chains, functions, bound, found, depth + 1);
            }
        }
        _ => {
            for child in crate::syntax::children(expr) {
                walk(child, chains, functions, bound, found, depth + 1);
            }
        }
    }
}

/// A subscript that names an estimate, not a coordinate or a second symbol: maximum
/// likelihood (`ML`, `MLE`, however set: `\text{MLE}`, `\mathrm{ML}`). Read only in a
/// chain of equations, where the estimate is the solution (as a hat is).
fn is_estimate_label(subscript: &str) -> bool {
    matches!(subscript, "ML" | "MLE")
}
