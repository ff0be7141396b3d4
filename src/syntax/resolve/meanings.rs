//! Names with a meaning of their own, so that the line defining them is checked and
//! not taken on trust: `KL(p, q)`, `\mathrm{KL}(p \| q)`, `D_{\mathrm{KL}}(p \| q)` are
//! `∫ p log(p/q)`; `H(p)` is `−∫ p log p` and `H(p, q)` the cross-entropy
//! `−∫ p log q`; `M_X(t)` is `E[e^{tX}]`. Only when the arguments are the note's own
//! densities (declared functions of one variable) or random variables: `H(x)` or
//! `KL(a, b)` of anything else stays a name, as before. A note that writes KL with
//! `log(q/p)` is then a wrong step, not a definition.

use super::{Resolver, Scope};
use crate::source::Span;
use crate::syntax::ast::{Builtin, DivSign, Expr, ExprKind, Ident, Moment, MulSign};

impl Resolver {
    /// The meaning of a chain's head, resolved, if it has one.
    pub(super) fn builtin_meaning(&mut self, head: &Expr, scope: &Scope) -> Option<Expr> {
        let ExprKind::Call { callee, args } = &head.kind else {
            return None;
        };
        let span = head.span;
        let written = self.written_meaning(callee, args, span, true)?;
        Some(self.expr(&written, scope))
    }

    /// The meaning of `callee(args)` used inside an expression (`M_X(1)`,
    /// `H(p, q) - H(p)`), resolved, if it has one.
    pub(super) fn applied_meaning(
        &mut self,
        callee: &Ident,
        args: &[Expr],
        span: Span,
        scope: &Scope,
    ) -> Option<Expr> {
        let written = self.written_meaning(callee, args, span, false)?;
        Some(self.expr(&written, scope))
    }

    /// `at_head`: the call heads a chain, whose arguments are then its parameters
    /// (`M_X(t)`), so they must be names.
    fn written_meaning(
        &self,
        callee: &Ident,
        args: &[Expr],
        span: Span,
        at_head: bool,
    ) -> Option<Expr> {
        match meaning_of_name(callee)? {
            Meaning::Divergence => {
                let [p, q] = args else { return None };
                let (p, q, x) = self.densities(p, q, span)?;
                Some(integral_of(
                    &x,
                    |x| {
                        let ratio = div(p.at(x, span), q.at(x, span), span);
                        mul(p.at(x, span), log(ratio, span), span)
                    },
                    span,
                ))
            }
            Meaning::Entropy => {
                let (p, q, x) = match args {
                    [p] => self.densities(p, p, span)?,
                    [p, q] => self.densities(p, q, span)?,
                    _ => return None,
                };
                let integral = integral_of(
                    &x,
                    |x| mul(p.at(x, span), log(q.at(x, span), span), span),
                    span,
                );
                Some(Expr::new(ExprKind::Neg(Box::new(integral)), span))
            }
            Meaning::MomentGenerating(x) => {
                let [t] = args else { return None };
                if at_head && !matches!(t.kind, ExprKind::Ident(_)) {
                    return None;
                }
                if !self.random.contains_key(&x) {
                    return None;
                }
                let variable = Expr::new(ExprKind::Ident(Ident::plain(x, span)), span);
                let exponent = mul(t.clone(), variable, span);
                let e = Expr::new(ExprKind::Apply(Builtin::Exp, Box::new(exponent)), span);
                Some(Expr::new(
                    ExprKind::Expectation {
                        moment: Moment::Mean,
                        under: None,
                        args: vec![e],
                    },
                    span,
                ))
            }
        }
    }

    /// The two densities `p` and `q` name, and the variable both are integrated in: the
    /// variable of a declared density among them, else `x`. A law written out,
    /// `\mathcal{N}(0, 1)`, is its density in that variable (`D_{\mathrm{KL}}(p \|
    /// \mathcal{N}(0, 1))`), provided its parameters do not mention the variable.
    fn densities(&self, p: &Expr, q: &Expr, span: Span) -> Option<(Density, Density, Ident)> {
        let (p, q) = (self.density(p)?, self.density(q)?);
        let var = [&p, &q]
            .into_iter()
            .find_map(|d| match d {
                Density::Declared(_, x) => Some(x.clone()),
                Density::Law { .. } => None,
            })
            .unwrap_or_else(|| Ident::plain("x", span));
        let clash = [&p, &q].into_iter().any(|d| match d {
            Density::Law { mean, variance } => {
                super::chain_names::mentions(mean, &var)
                    || super::chain_names::mentions(variance, &var)
            }
            Density::Declared(..) => false,
        });
        (!clash).then_some((p, q, var))
    }

    /// A declared function of one variable named by `arg`, with its variable, or a
    /// Gaussian law written out as an argument, `\mathcal{N}(\mu, \sigma^2)`.
    /// A random variable `X` (of a law with a formula) stands for its density `f_X`:
    /// `H(X)` is the entropy of its law.
    fn density(&self, arg: &Expr) -> Option<Density> {
        if let ExprKind::Call { callee, args } = &arg.kind {
            return match args.as_slice() {
                [mean, variance] if callee.base == "N" && callee.subscript.is_none() => {
                    Some(Density::Law {
                        mean: mean.clone(),
                        variance: variance.clone(),
                    })
                }
                _ => None,
            };
        }
        let ExprKind::Ident(id) = &arg.kind else {
            return None;
        };
        let density = match self.random.get(&id.key()) {
            Some(random) if random.by_moments => return None,
            Some(_) => super::laws::density_of_variable(id),
            None => id.clone(),
        };
        let declared = self.functions.get(&density.key())?;
        if declared.arity != 1 {
            return None;
        }
        let var = declared.density_param.clone().unwrap_or_else(|| "x".into());
        Some(Density::Declared(density, Ident::plain(var, id.span)))
    }
}

/// A density an argument of a divergence or an entropy names.
enum Density {
    /// A declared density (the callee) and its variable.
    Declared(Ident, Ident),
    /// A Gaussian law written as the argument, by its mean and variance as written.
    Law { mean: Expr, variance: Expr },
}

impl Density {
    /// The density at `x`: `p(x)`, or `N(x; m, v)` (resolved as any Gaussian written
    /// out, so a lone σ as its variance is refused there as everywhere).
    fn at(&self, x: &Ident, span: Span) -> Expr {
        let x = Expr::new(ExprKind::Ident(x.clone()), span);
        match self {
            Density::Declared(p, _) => Expr::new(
                ExprKind::Call {
                    callee: p.clone(),
                    args: vec![x],
                },
                span,
            ),
            Density::Law { mean, variance } => Expr::new(
                ExprKind::Call {
                    callee: Ident::plain("N", span),
                    args: vec![x, mean.clone(), variance.clone()],
                },
                span,
            ),
        }
    }
}

/// `∫ body(x) dx` in the variable `x`.
fn integral_of(x: &Ident, body: impl FnOnce(&Ident) -> Expr, span: Span) -> Expr {
    Expr::new(
        ExprKind::Integral {
            bounds: None,
            body: Box::new(body(x)),
            var: x.clone(),
        },
        span,
    )
}

fn mul(a: Expr, b: Expr, span: Span) -> Expr {
    Expr::new(
        ExprKind::Mul(Box::new(a), Box::new(b), MulSign::Implicit),
        span,
    )
}

fn div(a: Expr, b: Expr, span: Span) -> Expr {
    Expr::new(ExprKind::Div(Box::new(a), Box::new(b), DivSign::Frac), span)
}

fn log(a: Expr, span: Span) -> Expr {
    Expr::new(ExprKind::Apply(Builtin::Log, Box::new(a)), span)
}

/// The names with a meaning of their own, by their spelling alone.
enum Meaning {
    /// `KL`, `D_{KL}`, `D_{\mathrm{KL}}`: ∫ p log(p/q).
    Divergence,
    /// `H`: the entropy, or with two arguments the cross-entropy.
    Entropy,
    /// `M_X`: E[e^{tX}] for the random variable named by the subscript.
    MomentGenerating(String),
}

fn meaning_of_name(callee: &Ident) -> Option<Meaning> {
    let plain = |c: &str| {
        c.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    let subscript = callee.subscript.as_deref().map(plain);
    match (callee.base.as_str(), subscript.as_deref()) {
        ("KL", None) | ("D", Some("KL" | "mathrmKL")) => Some(Meaning::Divergence),
        ("H", None) => Some(Meaning::Entropy),
        ("M", Some(_)) => callee.subscript.clone().map(Meaning::MomentGenerating),
        _ => None,
    }
}

/// Whether the head `callee(args)` may have a meaning of its own, over the densities and
/// random variables in force: a line `M_Z(t) = e^{t^2/2}` with `Z` a random variable is a
/// claim to check, not a definition the text makes (so a wrong one is caught, not
/// trusted). The resolver decides the meaning itself; this is its test of the name and
/// of which arguments could be the note's own.
pub fn may_have_meaning(
    callee: &Ident,
    args: &[Expr],
    is_density: &dyn Fn(&str) -> bool,
    is_random: &dyn Fn(&str) -> bool,
) -> bool {
    let density = |a: &Expr| matches!(&a.kind, ExprKind::Ident(id) if is_density(&id.key()) || is_random(&id.key()));
    match meaning_of_name(callee) {
        Some(Meaning::Divergence) => args.len() == 2 && args.iter().all(density),
        Some(Meaning::Entropy) => (1..=2).contains(&args.len()) && args.iter().all(density),
        Some(Meaning::MomentGenerating(x)) => {
            is_random(&x) && matches!(args, [t] if matches!(t.kind, ExprKind::Ident(_)))
        }
        None => false,
    }
}
