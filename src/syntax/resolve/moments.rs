//! Expectations, variances and covariances written out as the integrals they mean.
//!
//! `\mathbb{E}_p[f]` is `∫ f(x) p(x) dx` over the density's variable; `\mathbb{E}[g(X)]`
//! for `X \sim \mathcal{N}(\mu, \sigma^2)` is `∫ g(X) f_X(X) dX`; a law in the
//! subscript (`_{x \sim \mathcal{N}(\mu, \sigma^2)}`) is the Gaussian density written
//! inline. `\operatorname{Var}(f) = \mathbb{E}[(f - \mathbb{E}[f])^2]` and
//! `\operatorname{Cov}(f, g) = \mathbb{E}[(f - \mathbb{E}f)(g - \mathbb{E}g)]` under the
//! same law. Which law, when none is written: the one random variable the argument
//! mentions, else the one density declared; anything else is refused.

use super::expr::placeholder;
use super::{ResolveErrorKind, Resolver, Scope};
use crate::source::Span;
use crate::syntax::ast::{
    DivSign, Event, Expr, ExprKind, Ident, Inequality, Moment, MulSign, Under,
};

/// Whether the name `key` occurs in `expr` where no binder inside `expr` binds it.
fn mentions_free(expr: &Expr, key: &str, scope: &Scope) -> bool {
    match &expr.kind {
        ExprKind::Ident(id) => id.key() == key && !scope.contains(&id.key()),
        ExprKind::Integral { var, body, bounds } => {
            bounds
                .iter()
                .any(|(lo, hi)| mentions_free(lo, key, scope) || mentions_free(hi, key, scope))
                || (var.key() != key && mentions_free(body, key, scope))
        }
        ExprKind::Call { callee, args } => {
            callee.key() == key || args.iter().any(|a| mentions_free(a, key, scope))
        }
        _ => crate::syntax::ast::children(expr)
            .into_iter()
            .any(|c| mentions_free(c, key, scope)),
    }
}

/// The law a moment is taken under, ready to integrate against.
#[derive(Debug, Clone)]
enum Law {
    /// A declared density (`p`, or a random variable's `f_X`), in the variable `var`.
    Density { density: Ident, var: Ident },
    /// A Gaussian written in the subscript, in the variable `var`.
    Gaussian {
        mean: Expr,
        variance: Expr,
        var: Ident,
    },
}

impl Law {
    fn var(&self) -> &Ident {
        match self {
            Law::Density { var, .. } | Law::Gaussian { var, .. } => var,
        }
    }
}

impl Resolver {
    /// A moment, resolved to integrals.
    pub(super) fn moment(
        &mut self,
        span: Span,
        moment: Moment,
        under: Option<&Under>,
        args: &[Expr],
        scope: &Scope,
    ) -> Expr {
        if let Moment::Probability(event) = moment {
            return self.probability(span, event, args, scope);
        }
        if let Some(kept) = self.vector_mean(span, moment, under, args, scope) {
            return kept;
        }
        let Some(law) = self.law(span, under, args, scope) else {
            return placeholder(span);
        };
        if let Law::Density { density, var } = &law {
            // `\mathbb{E}_f[t]` for `let f have mean …`: `f`'s variable is not written,
            // so an argument not about it has no one reading.
            let unwritten = self
                .functions
                .get(&density.key())
                .is_some_and(|d| d.param_unwritten);
            if unwritten && !args.iter().any(|a| mentions_free(a, &var.key(), scope)) {
                let kind = ResolveErrorKind::ExpectationNotOfTheDensity {
                    density: density.key(),
                    var: var.key(),
                };
                self.error(span, kind);
                return placeholder(span);
            }
        }
        let mut inner = scope.clone();
        let var = law.var().key();
        inner.push(var.clone());
        let of_random = matches!(law, Law::Density { .. }) && self.random.contains_key(&var);
        if of_random {
            self.moments_of.push(var);
        }
        let args: Vec<Expr> = args.iter().map(|a| self.expr(a, &inner)).collect();
        if of_random {
            self.moments_of.pop();
        }
        match (moment, args.as_slice()) {
            (Moment::Mean, [f]) => self.mean(&law, f.clone(), span, scope),
            (Moment::Variance, [f]) => {
                let centred = self.centred(&law, f, span, scope);
                let square = Expr::new(
                    ExprKind::Pow(Box::new(centred), Box::new(number("2", span))),
                    span,
                );
                self.mean(&law, square, span, scope)
            }
            (Moment::Covariance, [f, g]) => {
                let f = self.centred(&law, f, span, scope);
                let g = self.centred(&law, g, span, scope);
                let product = Expr::new(
                    ExprKind::Mul(Box::new(f), Box::new(g), MulSign::Implicit),
                    span,
                );
                self.mean(&law, product, span, scope)
            }
            // The parser gives every moment its number of arguments.
            _ => placeholder(span),
        }
    }

    /// `P(X \le c)` as `∫_{-∞}^{c} f_X(X) dX`, `P(X > c)` as `∫_c^{∞}`, `P(a < X \le b)`
    /// as `∫_a^b` for numbers a < b: the event must bound the one random variable
    /// itself, under a law with a density on the whole line. Strictness does not
    /// matter under a density. Everything else is refused with its reason.
    fn probability(&mut self, span: Span, event: Event, sides: &[Expr], scope: &Scope) -> Expr {
        let mut mentioned: Vec<String> = Vec::new();
        let mut sides_with = Vec::new();
        for (i, side) in sides.iter().enumerate() {
            let mut own = Vec::new();
            self.random_variables_in(side, scope, &mut own);
            if !own.is_empty() {
                sides_with.push(i);
            }
            for name in own {
                if !mentioned.contains(&name) {
                    mentioned.push(name);
                }
            }
        }
        let (key, at) = match (mentioned.as_slice(), sides_with.as_slice()) {
            ([key], [at]) => (key.clone(), *at),
            _ => {
                self.error(span, ResolveErrorKind::EventRandomVariables(mentioned));
                return placeholder(span);
            }
        };
        if sides.len() == 3 && at != 1 {
            self.error(span, ResolveErrorKind::EventOfFunction(key));
            return placeholder(span);
        }
        let density = self.random[&key].density.clone();
        let on_part = self
            .functions
            .get(&density)
            .is_some_and(|d| d.support.is_some());
        if self.random[&key].by_moments || on_part {
            self.error(span, ResolveErrorKind::EventUnderLaw(key));
            return placeholder(span);
        }
        let below = |rel: Inequality| matches!(rel, Inequality::Less { .. });
        let (lower, upper) = match (sides, at) {
            // `X < c`, `X > c`
            ([_, c], 0) if below(event.first) => (None, Some(c)),
            ([_, c], 0) => (Some(c), None),
            // `c < X`, `c > X`
            ([c, _], _) if below(event.first) => (Some(c), None),
            ([c, _], _) => (None, Some(c)),
            ([a, _, b], _) if below(event.first) => (Some(a), Some(b)),
            ([a, _, b], _) => (Some(b), Some(a)),
            _ => return placeholder(span),
        };
        if let (Some(lo), Some(hi)) = (lower, upper) {
            if !numbers_in_order(lo, hi) && !self.apart_by_positive(lo, hi) {
                self.error(span, ResolveErrorKind::EventLimitsOrder);
                return placeholder(span);
            }
        }
        // `\frac{X - \mu}{\sigma} \le z` is `X \le \mu + \sigma z`: the side is solved for
        // X when it increases with X by its writing (so the order of the limits stays).
        let solved = |resolver: &Self, bound: Option<&Expr>| match bound {
            Some(b) => resolver.isolate(&sides[at], &key, b.clone()).map(Some),
            None => Some(None),
        };
        let (Some(lower), Some(upper)) = (solved(self, lower), solved(self, upper)) else {
            self.error(span, ResolveErrorKind::EventOfFunction(key));
            return placeholder(span);
        };
        let infinity = || Expr::new(ExprKind::Infinity, span);
        let lo = match lower {
            Some(lo) => self.expr(&lo, scope),
            None => Expr::new(ExprKind::Neg(Box::new(infinity())), span),
        };
        let hi = match upper {
            Some(hi) => self.expr(&hi, scope),
            None => infinity(),
        };
        let var = ident_of(&key, span);
        let body = Expr::new(
            ExprKind::Call {
                callee: ident_of(&density, span),
                args: vec![Expr::new(ExprKind::Ident(var.clone()), span)],
            },
            span,
        );
        Expr::new(
            ExprKind::Integral {
                bounds: Some((Box::new(lo), Box::new(hi))),
                body: Box::new(body),
                var,
            },
            span,
        )
    }

    /// `f - E[f]` under `law` (`f` already resolved in the law's scope).
    fn centred(&mut self, law: &Law, f: &Expr, span: Span, scope: &Scope) -> Expr {
        let mean = self.mean(law, f.clone(), span, scope);
        Expr::new(ExprKind::Sub(Box::new(f.clone()), Box::new(mean)), span)
    }

    /// `∫ f(v) w(v) dv` for the law's variable `v` and density `w`.
    fn mean(&mut self, law: &Law, f: Expr, span: Span, scope: &Scope) -> Expr {
        let var = law.var().clone();
        let at_var = Expr::new(ExprKind::Ident(var.clone()), span);
        let weight = match law {
            Law::Density { density, .. } => {
                // A density with parameters after its variable, `p(x \mid \mu)`: at
                // its own parameters, as the text wrote them.
                let mut args = vec![at_var];
                if let Some(declared) = self.functions.get(&density.key()) {
                    let given = declared.params.iter().skip(1);
                    args.extend(given.map(|p| Expr::new(ExprKind::Ident(p.clone()), span)));
                }
                Expr::new(
                    ExprKind::Call {
                        callee: density.clone(),
                        args,
                    },
                    span,
                )
            }
            Law::Gaussian { mean, variance, .. } => {
                // Already resolved in the surrounding scope; build the node directly.
                let _ = scope;
                Expr::new(
                    ExprKind::Gaussian {
                        x: Box::new(at_var),
                        mean: Box::new(mean.clone()),
                        variance: Box::new(variance.clone()),
                    },
                    span,
                )
            }
        };
        let body = Expr::new(
            ExprKind::Mul(Box::new(f), Box::new(weight), MulSign::Implicit),
            span,
        );
        // A law on part of the line (exponential, uniform) integrates over that part.
        let bounds = match law {
            Law::Density { density, .. } => self
                .functions
                .get(&density.key())
                .and_then(|d| d.support.clone())
                .map(|(lo, hi)| (Box::new(lo), Box::new(hi))),
            Law::Gaussian { .. } => None,
        };
        Expr::new(
            ExprKind::Integral {
                bounds,
                body: Box::new(body),
                var,
            },
            span,
        )
    }

    /// The law a moment is taken under: its subscript, or else the one random variable
    /// its arguments mention, or else the one density declared.
    fn law(
        &mut self,
        span: Span,
        under: Option<&Under>,
        args: &[Expr],
        scope: &Scope,
    ) -> Option<Law> {
        if let Some(under) = under {
            return self.written_law(under, scope);
        }
        let mut mentioned: Vec<String> = Vec::new();
        for arg in args {
            self.random_variables_in(arg, scope, &mut mentioned);
        }
        match mentioned.as_slice() {
            [one] => return Some(self.random_law(one, span)),
            [a, b, ..] => {
                let kind = if args.len() == 2 {
                    ResolveErrorKind::CovarianceOfTwoLaws
                } else {
                    ResolveErrorKind::SeveralRandomVariables(a.clone(), b.clone())
                };
                self.error(span, kind);
                return None;
            }
            [] => {}
        }
        let densities: Vec<(String, String)> = self
            .functions
            .iter()
            .filter(|(_, d)| !d.synthetic)
            .filter_map(|(name, d)| Some((name.clone(), d.density_param.clone()?)))
            .collect();
        match (densities.as_slice(), self.random.is_empty()) {
            ([(name, param)], true) => {
                // `E[X]` under the one density `p(x)`: only if the argument is about x.
                if !args.iter().any(|a| mentions_free(a, param, scope)) {
                    let kind = ResolveErrorKind::ExpectationNotOfTheDensity {
                        density: name.clone(),
                        var: param.clone(),
                    };
                    self.error(span, kind);
                    return None;
                }
                Some(Law::Density {
                    density: ident_of(name, span),
                    var: ident_of(param, span),
                })
            }
            _ => {
                self.error(span, ResolveErrorKind::AmbiguousExpectation);
                None
            }
        }
    }

    /// The law written in a moment's subscript.
    fn written_law(&mut self, under: &Under, scope: &Scope) -> Option<Law> {
        let span = under.law.span;
        let unknown = |resolver: &mut Resolver, name: String| {
            resolver.error(span, ResolveErrorKind::UnknownLaw(name));
            None
        };
        match (&under.var, &under.law.kind) {
            // `_{x \sim \mathcal{N}(\mu, \sigma^2)}`
            (Some(var), ExprKind::Call { callee, args })
                if callee.base == "N" && callee.subscript.is_none() && args.len() == 2 =>
            {
                let x = Expr::new(ExprKind::Ident(var.clone()), span);
                let gaussian = self.gaussian(x, &args[0], &args[1], span, scope);
                let ExprKind::Gaussian { mean, variance, .. } = gaussian.kind else {
                    return None;
                };
                Some(Law::Gaussian {
                    mean: *mean,
                    variance: *variance,
                    var: var.clone(),
                })
            }
            // `_{x \sim p}`
            (Some(var), ExprKind::Ident(density)) => match self.density_param(density) {
                Some(_) => Some(Law::Density {
                    density: density.clone(),
                    var: var.clone(),
                }),
                None => unknown(self, density.key()),
            },
            // `_p`, `_X`
            (None, ExprKind::Ident(name)) => {
                if self.random.contains_key(&name.key()) {
                    return Some(self.random_law(&name.key(), span));
                }
                match self.density_param(name) {
                    Some(param) => Some(Law::Density {
                        density: name.clone(),
                        var: ident_of(&param, span),
                    }),
                    None => unknown(self, name.key()),
                }
            }
            // `_{p(x)}`
            (None, ExprKind::Call { callee, args }) => {
                match (args.as_slice(), self.density_param(callee)) {
                    ([arg], Some(_)) => match &arg.kind {
                        ExprKind::Ident(var) => Some(Law::Density {
                            density: callee.clone(),
                            var: var.clone(),
                        }),
                        _ => unknown(self, callee.key()),
                    },
                    _ => unknown(self, callee.key()),
                }
            }
            _ => unknown(self, crate::syntax::sexpr(&under.law)),
        }
    }

    /// The parameter of a declared density named `name`.
    fn density_param(&self, name: &Ident) -> Option<String> {
        self.functions
            .get(&name.key())
            .and_then(|d| d.density_param.clone())
    }

    /// The law of the random variable `key`: its density `f_X`, in the variable `X`.
    fn random_law(&self, key: &str, span: Span) -> Law {
        let density = self.random[key].density.clone();
        Law::Density {
            density: ident_of(&density, span),
            var: ident_of(key, span),
        }
    }

    /// Whether `expr` mentions a random variable outside any expectation.
    pub(super) fn mentions_random(&self, expr: &Expr) -> bool {
        let mut found = Vec::new();
        self.random_variables_in(expr, &Vec::new(), &mut found);
        !found.is_empty()
    }

    /// The random variables `expr` mentions freely, in order of appearance.
    fn random_variables_in(&self, expr: &Expr, scope: &Scope, out: &mut Vec<String>) {
        match &expr.kind {
            ExprKind::Ident(id) => {
                let key = id.key();
                let free = !scope.contains(&key) || self.moments_of.contains(&key);
                if self.random.contains_key(&key) && free && !out.contains(&key) {
                    out.push(key);
                } else if let (Some(body), false) = (self.derived.get(&key), scope.contains(&key)) {
                    // A derived random variable mentions what it is defined from.
                    self.random_variables_in(body, &Vec::new(), out);
                }
            }
            ExprKind::Integral { body, var, .. } => {
                let mut inner = scope.clone();
                inner.push(var.key());
                self.random_variables_in(body, &inner, out);
            }
            ExprKind::Expectation { .. } => {}
            _ => {
                for child in crate::syntax::children(expr) {
                    self.random_variables_in(child, scope, out);
                }
            }
        }
    }
}

impl Resolver {
    /// Whether `hi` is `lo` plus something known positive, as written: `μ - kσ` and
    /// `μ + hσ`, `a` and `a + h`, `-c` and `c`, for σ, h, c positive numbers or
    /// symbols the text makes positive. A check of the writing, not of values.
    fn apart_by_positive(&self, lo: &Expr, hi: &Expr) -> bool {
        use crate::syntax::sexpr;
        let same = |a: &Expr, b: &Expr| sexpr(a) == sexpr(b);
        match (&lo.kind, &hi.kind) {
            (ExprKind::Sub(a, d), ExprKind::Add(b, e)) => {
                same(a, b) && self.written_positive(d) && self.written_positive(e)
            }
            (_, ExprKind::Add(b, e)) if same(lo, b) => self.written_positive(e),
            (ExprKind::Sub(a, d), _) if same(a, hi) => self.written_positive(d),
            (ExprKind::Neg(d), _) if same(d, hi) => self.written_positive(d),
            _ => false,
        }
    }

    /// The limit on the random variable `key` that `side ≷ bound` sets, when `side`
    /// increases with it by its writing: `X`, a random variable defined from it
    /// (`Z = (X - μ)/σ`), plus or minus what is free of it, times or over what is
    /// positive. `None` for anything else (`-X`, `X^2`, `c X` with c's sign unknown).
    fn isolate(&self, side: &Expr, key: &str, bound: Expr) -> Option<Expr> {
        let span = bound.span;
        let has = |e: &Expr| self.mentions_random(e);
        let node = |kind| Expr::new(kind, span);
        let b = Box::new(bound.clone());
        match &side.kind {
            ExprKind::Ident(id) if id.key() == key => Some(bound),
            ExprKind::Ident(id) => self
                .derived
                .get(&id.key())
                .and_then(|body| self.isolate(body, key, bound)),
            ExprKind::Add(a, c) | ExprKind::Add(c, a) if has(a) && !has(c) => {
                self.isolate(a, key, node(ExprKind::Sub(b, c.clone())))
            }
            ExprKind::Sub(a, c) if has(a) && !has(c) => {
                self.isolate(a, key, node(ExprKind::Add(b, c.clone())))
            }
            ExprKind::Mul(a, c, _) | ExprKind::Mul(c, a, _)
                if has(a) && !has(c) && self.written_positive(c) =>
            {
                self.isolate(a, key, node(ExprKind::Div(b, c.clone(), DivSign::Frac)))
            }
            ExprKind::Div(a, c, _) if has(a) && !has(c) && self.written_positive(c) => {
                self.isolate(a, key, node(ExprKind::Mul(b, c.clone(), MulSign::Implicit)))
            }
            _ => None,
        }
    }

    /// Whether `e` is positive by its writing: positive numbers, symbols assumed or
    /// implied positive, and products, quotients, powers and roots of those.
    fn written_positive(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Number(n) => n.parse::<f64>().is_ok_and(|v| v > 0.0),
            ExprKind::Ident(id) => {
                let key = id.key();
                self.assumed.contains(&key) || self.positive.contains_key(&key)
            }
            ExprKind::Mul(a, b, _) | ExprKind::Div(a, b, _) => {
                self.written_positive(a) && self.written_positive(b)
            }
            ExprKind::Pow(base, _) => self.written_positive(base),
            ExprKind::Sqrt { radicand, .. } => self.written_positive(radicand),
            _ => false,
        }
    }
}

/// Whether `lo` and `hi` are numbers (or `±∞`) with `lo < hi`: the only limits of
/// `P(a < X \le b)` whose order is known without assumptions.
fn numbers_in_order(lo: &Expr, hi: &Expr) -> bool {
    fn value(e: &Expr) -> Option<f64> {
        match &e.kind {
            ExprKind::Number(n) => n.parse().ok(),
            ExprKind::Infinity => Some(f64::INFINITY),
            ExprKind::Neg(inner) => value(inner).map(|v| -v),
            _ => None,
        }
    }
    matches!((value(lo), value(hi)), (Some(a), Some(b)) if a < b)
}

/// An identifier from a key (`σ_1` → base `σ`, subscript `1`), at `span`.
fn ident_of(key: &str, span: Span) -> Ident {
    match key.split_once('_') {
        Some((base, sub)) => Ident {
            base: base.into(),
            subscript: Some(sub.into()),
            span,
        },
        None => Ident::plain(key, span),
    }
}

fn number(digits: &str, span: Span) -> Expr {
    Expr::new(ExprKind::Number(digits.into()), span)
}

impl Resolver {
    /// `\mathbb{E}_{x \sim \mathcal{N}(\mu, \Sigma)}[f]` over a declared vector `x`: kept
    /// as an expectation (its law's arguments and `f` resolved), since it is no
    /// integral over the real line; `lower::matrix` and `numeric::matrix` read it.
    fn vector_mean(
        &mut self,
        span: Span,
        moment: Moment,
        under: Option<&Under>,
        args: &[Expr],
        scope: &Scope,
    ) -> Option<Expr> {
        let under = under?;
        let var = under.var.as_ref()?;
        if !self.vectors.contains(&var.key()) || moment != Moment::Mean {
            return None;
        }
        let ExprKind::Call {
            callee,
            args: law_args,
        } = &under.law.kind
        else {
            return None;
        };
        let law_args = law_args.iter().map(|a| self.expr(a, scope)).collect();
        let law = Expr::new(
            ExprKind::Call {
                callee: callee.clone(),
                args: law_args,
            },
            under.law.span,
        );
        let mut inner = scope.clone();
        inner.push(var.key());
        let args = args.iter().map(|a| self.expr(a, &inner)).collect();
        let under = Under {
            var: Some(var.clone()),
            law,
        };
        Some(Expr::new(
            ExprKind::Expectation {
                moment,
                under: Some(Box::new(under)),
                args,
            },
            span,
        ))
    }
}
