//! The laws a random variable is declared with (`X \sim \mathcal{N}(\mu, \sigma^2)`,
//! `let X have mean \mu and variance \sigma^2`), each giving the variable its density
//! `f_X`, and the density itself under a density's letter (`let f have mean …`).

use super::{expr, Declared, Random, ResolveErrorKind, Resolver, Scope};
use crate::syntax::ast::{
    Constant, Definition, DivSign, Expr, ExprKind, Ident, Item, MulSign, RandomVariable,
};

/// A law as written after `\sim` (or in `let X have …`).
enum Written {
    /// `\mathcal{N}(\mu, \sigma^2)`.
    Gaussian(Expr, Expr),
    /// `let X have mean … and variance …`.
    Moments(Expr, Expr),
    /// `\operatorname{Exp}(\lambda)`, by its rate.
    Exponential(Expr),
    /// `\mathcal{U}(a, b)`, `\operatorname{Unif}(a, b)`.
    Uniform(Expr, Expr),
}

/// How a density is declared: made up for a random variable (`f_X`), with a variable
/// the note never wrote, on part of the line.
struct DensityOf {
    synthetic: bool,
    param_unwritten: bool,
    support: Option<(Expr, Expr)>,
}

/// The law `law` names, if it is one of those.
fn written_law(law: &Expr) -> Option<Written> {
    match &law.kind {
        ExprKind::Law { mean, variance } => {
            Some(Written::Moments((**mean).clone(), (**variance).clone()))
        }
        ExprKind::Call { callee, args } if callee.subscript.is_none() => {
            match (callee.base.as_str(), args.as_slice()) {
                ("N", [mean, variance]) => Some(Written::Gaussian(mean.clone(), variance.clone())),
                ("Exp" | "Exponential" | "Expo", [rate]) => {
                    Some(Written::Exponential(rate.clone()))
                }
                ("U" | "Unif" | "Uniform", [a, b]) => Some(Written::Uniform(a.clone(), b.clone())),
                _ => None,
            }
        }
        _ => None,
    }
}

impl Resolver {
    /// `X \sim \mathcal{N}(\mu, \sigma^2)`: each variable gets a density `f_X`.
    pub(super) fn random_variable(&mut self, rv: &RandomVariable) -> Vec<Item> {
        let Some(law) = written_law(&rv.law) else {
            self.error(rv.law.span, ResolveErrorKind::UnsupportedLaw);
            return Vec::new();
        };
        let mut items = Vec::new();
        for name in &rv.names {
            let key = name.key();
            if self.is_declared(name) {
                self.error(name.span, ResolveErrorKind::Redefined(key));
                continue;
            }
            if let (Written::Moments(mean, variance), true) = (&law, is_density_letter(name)) {
                // `let f have mean \mu and variance \sigma^2`: the density itself.
                let law = (mean.clone(), variance.clone());
                items.extend(self.law_density(name, &law, rv));
                continue;
            }
            let density = density_of_variable(name);
            let x = Expr::new(ExprKind::Ident(name.clone()), name.span);
            let (body, support) = self.density_of(&law, x, rv);
            let how = DensityOf {
                synthetic: true,
                param_unwritten: false,
                support,
            };
            self.declare_density(&density, name, &body, how);
            self.random.insert(
                key,
                Random {
                    density: density.key(),
                    by_moments: matches!(law, Written::Moments(..)),
                },
            );
            items.push(Item::Let(Definition {
                name: density,
                params: vec![name.clone()],
                body,
                span: rv.span,
            }));
        }
        items
    }

    /// Declares `density`, a function of `param` with formula `body`, as a density.
    fn declare_density(&mut self, density: &Ident, param: &Ident, body: &Expr, how: DensityOf) {
        let mut free = expr::free_names(body, &self.chain_free, &self.functions);
        free.remove(&param.key());
        let declared = Declared {
            arity: 1,
            params: vec![param.clone()],
            param_unwritten: how.param_unwritten,
            density_param: Some(param.key()),
            synthetic: how.synthetic,
            support: how.support,
            free,
        };
        self.functions.insert(density.key(), declared);
    }

    /// The density of `law` at `x` (resolved), and the range it lives on when that is
    /// not the whole line.
    fn density_of(
        &mut self,
        law: &Written,
        x: Expr,
        rv: &RandomVariable,
    ) -> (Expr, Option<(Expr, Expr)>) {
        let span = rv.law.span;
        let node = |kind| Expr::new(kind, span);
        let none: Scope = Vec::new();
        match law {
            Written::Gaussian(mean, variance) => {
                (self.gaussian(x, mean, variance, rv.span, &none), None)
            }
            Written::Moments(mean, variance) => {
                let mean = self.expr(mean, &none);
                let variance = self.expr(variance, &none);
                self.variance_makes_positive(&variance, rv.span, &none);
                let body = node(ExprKind::Law {
                    mean: Box::new(mean),
                    variance: Box::new(variance),
                });
                (body, None)
            }
            // λ e^{−λx} on [0, ∞); a rate written as a name is positive.
            Written::Exponential(rate) => {
                let rate = self.expr(rate, &none);
                self.variance_makes_positive(&rate, rv.span, &none);
                let exponent = node(ExprKind::Neg(Box::new(node(ExprKind::Mul(
                    Box::new(rate.clone()),
                    Box::new(x),
                    MulSign::Implicit,
                )))));
                let exp = node(ExprKind::Pow(
                    Box::new(node(ExprKind::Constant(Constant::E))),
                    Box::new(exponent),
                ));
                let body = node(ExprKind::Mul(
                    Box::new(rate),
                    Box::new(exp),
                    MulSign::Implicit,
                ));
                let zero = node(ExprKind::Number("0".into()));
                (body, Some((zero, node(ExprKind::Infinity))))
            }
            // 1/(b − a) on [a, b].
            Written::Uniform(a, b) => {
                let (a, b) = (self.expr(a, &none), self.expr(b, &none));
                let width = node(ExprKind::Sub(Box::new(b.clone()), Box::new(a.clone())));
                let one = node(ExprKind::Number("1".into()));
                let body = node(ExprKind::Div(Box::new(one), Box::new(width), DivSign::Frac));
                (body, Some((a, b)))
            }
        }
    }

    /// `let f have mean M and variance V`: a density `f(x)` with no formula, against
    /// which only 1, x and x² integrate (in whatever variable it is applied to).
    fn law_density(&mut self, name: &Ident, law: &(Expr, Expr), rv: &RandomVariable) -> Vec<Item> {
        let x = Ident {
            base: "x".into(),
            subscript: None,
            span: name.span,
        };
        let scope: Scope = vec![x.key()];
        let mean = self.expr(&law.0, &scope);
        let variance = self.expr(&law.1, &scope);
        self.variance_makes_positive(&variance, rv.span, &scope);
        let body = Expr::new(
            ExprKind::Law {
                mean: Box::new(mean),
                variance: Box::new(variance),
            },
            rv.law.span,
        );
        let how = DensityOf {
            synthetic: false,
            param_unwritten: true,
            support: None,
        };
        self.declare_density(name, &x, &body, how);
        vec![Item::Let(Definition {
            name: name.clone(),
            params: vec![x],
            body,
            span: rv.span,
        })]
    }
}

/// The keys of the functions an item declares: a `let`'s name; for a random variable
/// its density `f_X`, or, for a law by its moments under a density's letter
/// (`let f have mean …`), that density itself. Read before resolution (to tell a
/// definition from a claim, and a shared declaration repeated).
pub fn declared_names(item: &Item) -> Vec<String> {
    match item {
        Item::Let(d) => vec![d.name.key()],
        Item::RandomVariable(rv) => {
            let by_moments = matches!(rv.law.kind, ExprKind::Law { .. });
            rv.names
                .iter()
                .map(|name| match by_moments && is_density_letter(name) {
                    true => name.key(),
                    false => density_of_variable(name).key(),
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// `f_X`, the density a random variable `X` is given.
pub(super) fn density_of_variable(name: &Ident) -> Ident {
    Ident {
        base: "f".into(),
        subscript: Some(name.key()),
        span: name.span,
    }
}

/// Letters notes use for densities (`f`, `p`, `q`): a law declared by its moments under
/// such a name is the density itself, not a random variable.
fn is_density_letter(name: &Ident) -> bool {
    matches!(name.base.as_str(), "f" | "g" | "h" | "p" | "q")
}
