//! One resolved expression as a [`Term`].

use super::{literal_integer, name_of, LowerErrorKind, Lowerer, MAX_LOWERED_NODES};
use crate::program::Gaussian;
use crate::syntax::ast::{mentions_infinity, Builtin, Constant, Expr, ExprKind};
use crate::term::{Endpoint, Infinity, Name, Rational, Special, Term};

impl Lowerer {
    /// Lower `expr` with the names in `scope` bound; `None` (with an error recorded) if
    /// any part fails.
    pub(super) fn expr(&mut self, expr: &Expr, scope: &[Name]) -> Option<Term> {
        let errors_before = self.errors.len();
        let mut size = 0usize;
        let term = self.term(expr, &mut scope.to_vec(), &mut size);
        if size > MAX_LOWERED_NODES && self.errors.len() == errors_before {
            let kind = LowerErrorKind::TooLarge {
                limit: MAX_LOWERED_NODES,
            };
            self.error(expr.span, kind);
        }
        (self.errors.len() == errors_before).then_some(term)
    }

    /// Lower, recording errors and returning a placeholder for failed parts (the caller
    /// discards the whole expression if any error was recorded). `size` counts the
    /// nodes of chain values written out, so that a doubling chain stops early.
    pub(super) fn term(&mut self, expr: &Expr, scope: &mut Vec<Name>, size: &mut usize) -> Term {
        *size += 1;
        if *size > MAX_LOWERED_NODES {
            return Term::int(0);
        }
        if self.shapes.mentions(expr) {
            return self.matrix_term(expr, scope);
        }
        match &expr.kind {
            ExprKind::Number(text) => match Rational::from_decimal(text) {
                Some(r) => Term::Num(r),
                None => {
                    self.error(expr.span, LowerErrorKind::NumberTooLarge(text.clone()));
                    Term::int(0)
                }
            },
            ExprKind::Ident(id) => Term::Sym(name_of(id)),
            ExprKind::Constant(Constant::Pi) => Term::Pi,
            ExprKind::Constant(Constant::E) => Term::exp(Term::int(1)),
            ExprKind::Infinity => {
                self.error(expr.span, LowerErrorKind::MisplacedInfinity);
                Term::int(0)
            }
            ExprKind::Neg(a) => Term::negate(self.term(a, scope, size)),
            ExprKind::Add(a, b) => {
                Term::add([self.term(a, scope, size), self.term(b, scope, size)])
            }
            ExprKind::Sub(a, b) => Term::add([
                self.term(a, scope, size),
                Term::negate(self.term(b, scope, size)),
            ]),
            ExprKind::Mul(a, b, _) => {
                Term::mul([self.term(a, scope, size), self.term(b, scope, size)])
            }
            ExprKind::Div(a, b, _) => {
                Term::quotient(self.term(a, scope, size), self.term(b, scope, size))
            }
            ExprKind::Pow(base, exp) => {
                let exponent = self.term(exp, scope, size);
                match base.kind {
                    ExprKind::Constant(Constant::E) => Term::exp(exponent),
                    _ => Term::pow(self.term(base, scope, size), exponent),
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
                Term::pow(self.term(radicand, scope, size), Term::frac(1, n))
            }
            ExprKind::Apply(f, arg) => {
                let arg = self.term(arg, scope, size);
                match f {
                    Builtin::Log | Builtin::Ln => Term::log(arg),
                    Builtin::Exp => Term::exp(arg),
                    Builtin::Erf => Term::Special(Special::Erf, Box::new(arg)),
                    // erfc(x) = 1 − erf(x), its definition.
                    Builtin::Erfc => Term::add([
                        Term::int(1),
                        Term::negate(Term::Special(Special::Erf, Box::new(arg))),
                    ]),
                    Builtin::Gamma => Term::Special(Special::Gamma, Box::new(arg)),
                    Builtin::Abs => Term::Special(Special::Abs, Box::new(arg)),
                    // Only reached without vectors or matrices (see `matrix_term`).
                    Builtin::Trace | Builtin::Det => arg,
                    // Φ(x) = ½(1 + erf(x/√2)): its definition, so that the laws of erf
                    // (odd, its values) serve Φ too.
                    Builtin::NormalCdf => {
                        let scaled = Term::mul([arg, Term::pow(Term::int(2), Term::frac(-1, 2))]);
                        Term::mul([
                            Term::frac(1, 2),
                            Term::add([
                                Term::int(1),
                                Term::Special(Special::Erf, Box::new(scaled)),
                            ]),
                        ])
                    }
                }
            }
            // The rest in a frame of its own: the arms above are the ones deep nesting
            // (`x^{x^{…}}`) recurses through, and a frame holding every arm's locals
            // overflowed the stack of a test thread at 150 levels.
            ExprKind::Call { .. }
            | ExprKind::Gaussian { .. }
            | ExprKind::ChainValue { .. }
            | ExprKind::Integral { .. }
            | ExprKind::Series { .. }
            | ExprKind::Indexed { .. }
            | ExprKind::Derivative { .. }
            | ExprKind::Between { .. }
            | ExprKind::At { .. }
            | ExprKind::Expectation { .. }
            | ExprKind::Primed { .. }
            | ExprKind::Law { .. }
            | ExprKind::Limit { .. }
            | ExprKind::SubstitutedIntegral { .. }
            | ExprKind::Matrix(..) => self.compound(expr, scope, size),
        }
    }

    /// The constructs with a binder, a call or a name resolution's leftovers.
    #[inline(never)]
    fn compound(&mut self, expr: &Expr, scope: &mut Vec<Name>, size: &mut usize) -> Term {
        match &expr.kind {
            ExprKind::Call { callee, args } => {
                let args = args.iter().map(|a| self.term(a, scope, size)).collect();
                Term::Call(name_of(callee), args)
            }
            ExprKind::Gaussian { x, mean, variance } => {
                let x = self.term(x, scope, size);
                let mean = self.term(mean, scope, size);
                let std = self
                    .standard_deviation(variance, scope)
                    .unwrap_or_else(|| Term::int(1));
                Gaussian { mean, std }.formula(x)
            }
            // The name's arguments are the same names here, so the value is used as is.
            ExprKind::ChainValue { chain, .. } => {
                match self.chain_values.get(*chain).cloned().flatten() {
                    Some((value, nodes)) => {
                        *size = size.saturating_add(nodes);
                        value
                    }
                    // The chain's value did not lower; its own error says why.
                    None => {
                        self.error(expr.span, LowerErrorKind::NoChainValue);
                        Term::int(0)
                    }
                }
            }
            ExprKind::Integral {
                bounds: Some((lo, hi)),
                body,
                var,
            } if !(is_infinity(lo, -1) && is_infinity(hi, 1)) => {
                let lower = self.endpoint(lo, scope, size);
                let upper = self.endpoint(hi, scope, size);
                let var = name_of(var);
                scope.push(var.clone());
                let body = self.term(body, scope, size);
                scope.pop();
                match (lower, upper) {
                    // `\int_{\mu - \infty}^{\infty}`: the whole line after all.
                    (Endpoint::NegInf, Endpoint::PosInf) => Term::Integral {
                        var,
                        body: Box::new(body),
                    },
                    (lower, upper) => Term::Definite {
                        var,
                        body: Box::new(body),
                        lower: Box::new(lower),
                        upper: Box::new(upper),
                    },
                }
            }
            ExprKind::Integral { body, var, .. } => {
                let var = name_of(var);
                scope.push(var.clone());
                let body = self.term(body, scope, size);
                scope.pop();
                Term::Integral {
                    var,
                    body: Box::new(body),
                }
            }
            ExprKind::Series {
                op,
                index,
                lower,
                upper,
                body,
            } => {
                let (lower, upper) = (self.term(lower, scope, size), self.term(upper, scope, size));
                let var = name_of(index);
                scope.push(var.clone());
                let body = self.term(body, scope, size);
                scope.pop();
                Term::Series {
                    op: *op,
                    var,
                    lower: Box::new(lower),
                    upper: Box::new(upper),
                    body: Box::new(body),
                }
            }
            ExprKind::Indexed { base, index } => {
                Term::Indexed(name_of(base), Box::new(Term::Sym(name_of(index))))
            }
            ExprKind::Derivative { var, order, body } => {
                let body = self.term(body, scope, size);
                let Some(mut term) = self.context.expand_calls(&body, MAX_LOWERED_NODES) else {
                    let kind = LowerErrorKind::TooLarge {
                        limit: MAX_LOWERED_NODES,
                    };
                    self.error(expr.span, kind);
                    return Term::int(0);
                };
                let var = name_of(var);
                if let Some(why) = independent_of(&term, &var) {
                    self.error(expr.span, LowerErrorKind::Derivative(why));
                    return Term::int(0);
                }
                for _ in 0..*order {
                    match super::derivative::derivative(&term, &var) {
                        Ok(d) => term = d,
                        Err(why) => {
                            self.error(expr.span, LowerErrorKind::Derivative(why));
                            return Term::int(0);
                        }
                    }
                }
                *size = size.saturating_add(term.n_nodes());
                term
            }
            ExprKind::Between {
                body,
                var: Some(var),
                lower,
                upper,
            } => {
                let body = self.term(body, scope, size);
                let var = name_of(var);
                let mut end = |limit: &Expr, this: &mut Self| {
                    let at_infinity = |to| Term::Limit {
                        var: var.clone(),
                        body: Box::new(body.clone()),
                        to,
                    };
                    if is_infinity(limit, 1) {
                        at_infinity(Infinity::Plus)
                    } else if is_infinity(limit, -1) {
                        at_infinity(Infinity::Minus)
                    } else {
                        let value = this.term(limit, scope, size);
                        body.substitute(&|n| (n == &var).then(|| value.clone()))
                    }
                };
                let high = end(upper, self);
                let low = end(lower, self);
                Term::add([high, Term::negate(low)])
            }
            // Resolution names the variable of every evaluation and differential.
            ExprKind::Between { var: None, .. } | ExprKind::SubstitutedIntegral { .. } => {
                self.error(expr.span, LowerErrorKind::Unresolved);
                Term::int(0)
            }
            ExprKind::Limit { var, to, body } => {
                let body = self.term(body, scope, size);
                let to = if is_infinity(to, -1) {
                    Infinity::Minus
                } else {
                    Infinity::Plus
                };
                Term::Limit {
                    var: name_of(var),
                    body: Box::new(body),
                    to,
                }
            }
            ExprKind::At { body, var, at } => {
                let body = self.term(body, scope, size);
                let at = self.term(at, scope, size);
                let var = name_of(var);
                body.substitute(&|n| (n == &var).then(|| at.clone()))
            }
            // `term` sends every matrix node to `matrix_term` first.
            ExprKind::Matrix(..) => self.matrix_term(expr, scope),
            // Resolution replaces these; a tree that still has one was not resolved.
            // A law is only ever a density's body, which `definition` lowers.
            ExprKind::Expectation { .. } | ExprKind::Primed { .. } | ExprKind::Law { .. } => {
                self.error(expr.span, LowerErrorKind::Unresolved);
                Term::int(0)
            }
            // `term` lowers the others and sends only the kinds above here.
            _ => Term::int(0),
        }
    }
}

impl Lowerer {
    /// A limit of an integral: `±\\infty`, or a value in which no `\\infty` appears
    /// (`\\frac{-\\infty - \\mu}{\\sigma}` is refused: its sign is a question).
    fn endpoint(&mut self, limit: &Expr, scope: &mut Vec<Name>, size: &mut usize) -> Endpoint {
        if is_infinity(limit, 1) {
            return Endpoint::PosInf;
        }
        if is_infinity(limit, -1) {
            return Endpoint::NegInf;
        }
        if mentions_infinity(limit) {
            return match self.transformed_infinity(limit, scope, size) {
                Some(end) => end,
                None => {
                    self.error(limit.span, LowerErrorKind::UnsupportedBounds);
                    Endpoint::At(Term::int(0))
                }
            };
        }
        Endpoint::At(self.term(limit, scope, size))
    }

    /// `\\frac{-\\infty - \\mu}{\\sigma}`, a limit transformed by a substitution: `c·∞ + r`
    /// with `c` free of ∞ and of a sign the assumptions prove (σ > 0 here), so ±∞.
    fn transformed_infinity(
        &mut self,
        limit: &Expr,
        scope: &mut Vec<Name>,
        size: &mut usize,
    ) -> Option<Endpoint> {
        let omega = Name::new("\u{0}∞");
        let written = with_infinity_as(limit, &omega);
        let errors = self.errors.len();
        let term = self.term(&written, scope, size);
        if self.errors.len() != errors {
            self.errors.truncate(errors);
            return None;
        }
        let slope = super::derivative::derivative(&term, &omega).ok()?;
        if slope.free_symbols().contains(&omega) {
            return None;
        }
        match super::sign::sign(&slope, &self.context.positive)? {
            1 => Some(Endpoint::PosInf),
            -1 => Some(Endpoint::NegInf),
            _ => None,
        }
    }
}

/// `expr` with every `\\infty` replaced by the name `omega`.
fn with_infinity_as(expr: &Expr, omega: &Name) -> Expr {
    let mut out = expr.clone();
    fn go(e: &mut Expr, omega: &Name) {
        if matches!(e.kind, ExprKind::Infinity) {
            e.kind = ExprKind::Ident(crate::syntax::ast::Ident::plain(omega.as_str(), e.span));
            return;
        }
        for child in crate::syntax::ast::children_mut(e) {
            go(child, omega);
        }
    }
    go(&mut out, omega);
    out
}

/// `+∞` (`sign = 1`) or `−∞` (`sign = −1`).
fn is_infinity(expr: &Expr, sign: i32) -> bool {
    match (&expr.kind, sign) {
        (ExprKind::Infinity, 1) => true,
        (ExprKind::Neg(inner), -1) => matches!(inner.kind, ExprKind::Infinity),
        _ => false,
    }
}

/// Why a derivative in `var` of a term that does not mention it is refused: `\frac{\partial
/// \ell}{\partial \mu}` with `\ell` never written in terms of μ means a function of μ the
/// author has in mind, and reading it as 0 (what the rules would give) is a guess the
/// numeric side would share. A number differentiates to 0 without a guess.
fn independent_of(term: &Term, var: &Name) -> Option<String> {
    let names = term.free_symbols();
    if names.is_empty() || names.contains(var) {
        return None;
    }
    let listed: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    Some(format!(
        "{} {} not written in terms of {var}; define {} first (e.g. `{}({var}) = …`), \
         since reading the derivative as 0 would be a guess",
        listed.join(", "),
        if listed.len() == 1 { "is" } else { "are" },
        if listed.len() == 1 { "it" } else { "them" },
        names
            .iter()
            .next()
            .map(ToString::to_string)
            .unwrap_or_default(),
    ))
}
