//! `Term`: the project's own expression type, between the syntax tree and the engine.
//!
//! A `Term` is what an expression *means* once names are resolved: `\log 2\pi` is
//! `Log(Mul[2, π])`, `e^{u}` is `Exp(u)`, `\sqrt{a}` is `Pow(a, 1/2)`, `p_1(x)` is a
//! [`Term::Call`] of a declared function. It is plain Rust: it can be built, printed and
//! compared on any thread, and only `engine` turns it into the algebra engine's
//! representation. It does no simplification of its own beyond flattening.

use std::fmt;

pub use crate::syntax::ast::SeriesOp;
pub use rational::Rational;

mod rational;

/// A resolved name: a free parameter (`σ_1`), an integration variable (`x`) or a
/// declared function (`p_1`). The text is the identifier's base and subscript joined by
/// `_`, which is also how it is printed back.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(pub String);

impl Name {
    /// A name from its text.
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The name's text, e.g. `σ_1`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The special functions a [`Term`] can apply. (The standard normal CDF is lowered to
/// `½(1 + erf(x/√2))`, so it needs no symbol of its own.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Special {
    /// The error function.
    Erf,
    /// Euler's Γ.
    Gamma,
    /// The absolute value of a real number.
    Abs,
}

impl Special {
    /// The name it is printed with.
    pub fn name(self) -> &'static str {
        match self {
            Special::Erf => "erf",
            Special::Gamma => "Γ",
            Special::Abs => "abs",
        }
    }
}

/// A mathematical expression with names resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    /// An exact rational.
    Num(Rational),
    /// A free real parameter or a bound integration variable.
    Sym(Name),
    /// The constant π.
    Pi,
    /// A sum of at least two terms.
    Add(Vec<Term>),
    /// A product of at least two factors.
    Mul(Vec<Term>),
    /// `base^exponent`; a square root is a power with exponent 1/2.
    Pow(Box<Term>, Box<Term>),
    /// The natural logarithm.
    Log(Box<Term>),
    /// The exponential function; Euler's number is `Exp(1)`.
    Exp(Box<Term>),
    /// A special function of one argument: erf, Γ.
    Special(Special, Box<Term>),
    /// A declared function applied to arguments, e.g. the density `p_1(x)`.
    Call(Name, Vec<Term>),
    /// `∫ body d(var)` over the whole real line.
    Integral {
        /// The integration variable, bound inside `body`.
        var: Name,
        /// The integrand.
        body: Box<Term>,
    },
    /// `Σ_{var=lower}^{upper} body` or `Π_{var=lower}^{upper} body` over the integers
    /// from `lower` to `upper`; `var` is bound inside `body` (not in the bounds).
    Series {
        /// Sum or product.
        op: SeriesOp,
        /// The index.
        var: Name,
        /// Its first value.
        lower: Box<Term>,
        /// Its last value.
        upper: Box<Term>,
        /// What is summed or multiplied.
        body: Box<Term>,
    },
    /// `x_i`: the datum `x` at the index value (a sum's index, bound around it).
    Indexed(Name, Box<Term>),
    /// `lim_{var → ±∞} body`, from an evaluation `[F]_a^∞`; `var` is bound in `body`.
    Limit {
        /// The variable going to infinity.
        var: Name,
        /// What it is the limit of.
        body: Box<Term>,
        /// Which infinity.
        to: Infinity,
    },
    /// `∫_{lower}^{upper} body d(var)` over part of the line (at least one limit
    /// finite); the limits are outside the binder.
    Definite {
        /// The integration variable, bound inside `body` only.
        var: Name,
        /// The integrand.
        body: Box<Term>,
        /// The lower limit.
        lower: Box<Endpoint>,
        /// The upper limit.
        upper: Box<Endpoint>,
    },
}

/// Which infinity a [`Term::Limit`] goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Infinity {
    /// −∞.
    Minus,
    /// +∞.
    Plus,
}

/// An end of a [`Term::Definite`] integral's range: a value, or an infinity. Infinities are
/// not terms: nothing else may compute with them.
#[derive(Debug, Clone, PartialEq)]
pub enum Endpoint {
    /// −∞.
    NegInf,
    /// +∞.
    PosInf,
    /// A finite value.
    At(Term),
}

impl Endpoint {
    /// The finite value, if it is one.
    pub fn at(&self) -> Option<&Term> {
        match self {
            Endpoint::At(t) => Some(t),
            _ => None,
        }
    }

    /// The limit with `f` applied to its value.
    pub fn map(&self, f: impl FnOnce(&Term) -> Term) -> Endpoint {
        match self {
            Endpoint::At(t) => Endpoint::At(f(t)),
            other => other.clone(),
        }
    }

    /// The limit with `f` applied to its value, if `f` succeeds.
    pub fn try_map(&self, f: impl FnOnce(&Term) -> Option<Term>) -> Option<Endpoint> {
        Some(match self {
            Endpoint::At(t) => Endpoint::At(f(t)?),
            other => other.clone(),
        })
    }
}

impl Term {
    /// The number `n`.
    pub fn int(n: i64) -> Term {
        Term::Num(Rational::int(n))
    }

    /// The rational `num/den`.
    pub fn frac(num: i64, den: i64) -> Term {
        Term::Num(Rational::new(num, den).expect("a literal fraction with nonzero denominator"))
    }

    /// The symbol with this name.
    pub fn sym(name: &str) -> Term {
        Term::Sym(Name::new(name))
    }

    /// `a + b`, flattening nested sums.
    pub fn add(terms: impl IntoIterator<Item = Term>) -> Term {
        Self::flat(
            terms,
            Term::int(0),
            |t| match t {
                Term::Add(ts) => Ok(ts),
                other => Err(other),
            },
            Term::Add,
        )
    }

    /// `a · b`, flattening nested products.
    pub fn mul(factors: impl IntoIterator<Item = Term>) -> Term {
        Self::flat(
            factors,
            Term::int(1),
            |t| match t {
                Term::Mul(ts) => Ok(ts),
                other => Err(other),
            },
            Term::Mul,
        )
    }

    fn flat(
        items: impl IntoIterator<Item = Term>,
        empty: Term,
        split: impl Fn(Term) -> Result<Vec<Term>, Term>,
        build: impl Fn(Vec<Term>) -> Term,
    ) -> Term {
        let mut out = Vec::new();
        for item in items {
            match split(item) {
                Ok(inner) => out.extend(inner),
                Err(single) => out.push(single),
            }
        }
        match out.len() {
            0 => empty,
            1 => out.pop().expect("one element"),
            _ => build(out),
        }
    }

    /// `-a`, as `(-1)·a`.
    pub fn negate(term: Term) -> Term {
        match term {
            Term::Num(r) => match Rational::new(-r.num(), r.den()) {
                Some(neg) => Term::Num(neg),
                None => Term::mul([Term::int(-1), Term::Num(r)]),
            },
            other => Term::mul([Term::int(-1), other]),
        }
    }

    /// `base^exponent`.
    pub fn pow(base: Term, exponent: Term) -> Term {
        Term::Pow(Box::new(base), Box::new(exponent))
    }

    /// `a / b`, as `a · b^(-1)`.
    pub fn quotient(a: Term, b: Term) -> Term {
        Term::mul([a, Term::pow(b, Term::int(-1))])
    }

    /// `log(a)`.
    pub fn log(a: Term) -> Term {
        Term::Log(Box::new(a))
    }

    /// `exp(a)`.
    pub fn exp(a: Term) -> Term {
        Term::Exp(Box::new(a))
    }

    /// The number of nodes; the measure of size for "simplest form".
    pub fn n_nodes(&self) -> usize {
        1 + match self {
            Term::Num(_) | Term::Sym(_) | Term::Pi => 0,
            Term::Add(ts) | Term::Mul(ts) | Term::Call(_, ts) => ts.iter().map(Term::n_nodes).sum(),
            Term::Pow(a, b) => a.n_nodes() + b.n_nodes(),
            Term::Log(a) | Term::Exp(a) | Term::Special(_, a) => a.n_nodes(),
            Term::Integral { body, .. } | Term::Limit { body, .. } => 1 + body.n_nodes(),
            Term::Series {
                lower, upper, body, ..
            } => 1 + lower.n_nodes() + upper.n_nodes() + body.n_nodes(),
            Term::Indexed(_, index) => 1 + index.n_nodes(),
            Term::Definite {
                body, lower, upper, ..
            } => {
                let limit = |l: &Endpoint| l.at().map_or(1, Term::n_nodes);
                1 + body.n_nodes() + limit(lower) + limit(upper)
            }
        }
    }

    /// Whether `pred` holds at this node or at any node below it (finite limits of
    /// integrals included).
    pub fn any(&self, pred: &dyn Fn(&Term) -> bool) -> bool {
        if pred(self) {
            return true;
        }
        match self {
            Term::Num(_) | Term::Sym(_) | Term::Pi => false,
            Term::Add(ts) | Term::Mul(ts) | Term::Call(_, ts) => ts.iter().any(|t| t.any(pred)),
            Term::Pow(a, b) => a.any(pred) || b.any(pred),
            Term::Log(a) | Term::Exp(a) | Term::Special(_, a) => a.any(pred),
            Term::Integral { body, .. } | Term::Limit { body, .. } => body.any(pred),
            Term::Series {
                lower, upper, body, ..
            } => [lower, upper, body].iter().any(|t| t.any(pred)),
            Term::Indexed(_, index) => index.any(pred),
            Term::Definite { body, .. } => {
                body.any(pred) || self.finite_limits().iter().any(|l| l.any(pred))
            }
        }
    }

    /// The finite limits of a definite integral (none for any other term).
    pub fn finite_limits(&self) -> Vec<&Term> {
        match self {
            Term::Definite { lower, upper, .. } => {
                [lower, upper].into_iter().filter_map(|l| l.at()).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The free symbols of the term (integration variables are bound), in order.
    pub fn free_symbols(&self) -> std::collections::BTreeSet<Name> {
        let mut out = std::collections::BTreeSet::new();
        self.collect_free(&mut Vec::new(), &mut out);
        out
    }

    fn collect_free(&self, bound: &mut Vec<Name>, out: &mut std::collections::BTreeSet<Name>) {
        match self {
            Term::Num(_) | Term::Pi => {}
            Term::Sym(n) => {
                if !bound.contains(n) {
                    out.insert(n.clone());
                }
            }
            Term::Add(ts) | Term::Mul(ts) | Term::Call(_, ts) => {
                ts.iter().for_each(|t| t.collect_free(bound, out));
            }
            Term::Pow(a, b) => {
                a.collect_free(bound, out);
                b.collect_free(bound, out);
            }
            Term::Log(a) | Term::Exp(a) | Term::Special(_, a) => a.collect_free(bound, out),
            Term::Integral { var, body } | Term::Limit { var, body, .. } => {
                bound.push(var.clone());
                body.collect_free(bound, out);
                bound.pop();
            }
            Term::Series {
                var,
                lower,
                upper,
                body,
                ..
            } => {
                lower.collect_free(bound, out);
                upper.collect_free(bound, out);
                bound.push(var.clone());
                body.collect_free(bound, out);
                bound.pop();
            }
            Term::Definite { var, body, .. } => {
                for limit in self.finite_limits() {
                    limit.collect_free(bound, out);
                }
                bound.push(var.clone());
                body.collect_free(bound, out);
                bound.pop();
            }
            Term::Indexed(_, index) => index.collect_free(bound, out),
        }
    }

    /// Every name written in the term, free or bound (integration variables included).
    pub fn names(&self) -> std::collections::BTreeSet<Name> {
        let mut out = std::collections::BTreeSet::new();
        self.collect_names(&mut out);
        out
    }

    fn collect_names(&self, out: &mut std::collections::BTreeSet<Name>) {
        match self {
            Term::Num(_) | Term::Pi => {}
            Term::Sym(n) => {
                out.insert(n.clone());
            }
            Term::Add(ts) | Term::Mul(ts) | Term::Call(_, ts) => {
                ts.iter().for_each(|t| t.collect_names(out));
            }
            Term::Pow(a, b) => {
                a.collect_names(out);
                b.collect_names(out);
            }
            Term::Log(a) | Term::Exp(a) | Term::Special(_, a) => a.collect_names(out),
            Term::Integral { var, body }
            | Term::Definite { var, body, .. }
            | Term::Limit { var, body, .. } => {
                for limit in self.finite_limits() {
                    limit.collect_names(out);
                }
                out.insert(var.clone());
                body.collect_names(out);
            }
            Term::Series {
                var,
                lower,
                upper,
                body,
                ..
            } => {
                out.insert(var.clone());
                lower.collect_names(out);
                upper.collect_names(out);
                body.collect_names(out);
            }
            Term::Indexed(base, index) => {
                out.insert(base.clone());
                index.collect_names(out);
            }
        }
    }

    /// Replace free occurrences of symbols by terms, without capture: an integration
    /// variable that a substituted value mentions is renamed first, so that in
    /// `(∫ f(t, a) dt)[a := t]` the new `t` stays free: `∫ f(t₀, t) dt₀`.
    pub fn substitute(&self, map: &dyn Fn(&Name) -> Option<Term>) -> Term {
        let go = |t: &Term| t.substitute(map);
        match self {
            Term::Num(_) | Term::Pi => self.clone(),
            Term::Sym(n) => map(n).unwrap_or_else(|| self.clone()),
            Term::Add(ts) => Term::add(ts.iter().map(go)),
            Term::Mul(ts) => Term::mul(ts.iter().map(go)),
            Term::Call(f, ts) => Term::Call(f.clone(), ts.iter().map(go).collect()),
            Term::Pow(a, b) => Term::pow(go(a), go(b)),
            Term::Log(a) => Term::log(go(a)),
            Term::Exp(a) => Term::exp(go(a)),
            Term::Special(f, a) => Term::Special(*f, Box::new(go(a))),
            Term::Integral { var, body } => {
                let (var, body) = substitute_under(var, body, map);
                Term::Integral {
                    var,
                    body: Box::new(body),
                }
            }
            Term::Series {
                op,
                var,
                lower,
                upper,
                body,
            } => {
                let (var, body) = substitute_under(var, body, map);
                Term::Series {
                    op: *op,
                    var,
                    lower: Box::new(go(lower)),
                    upper: Box::new(go(upper)),
                    body: Box::new(body),
                }
            }
            Term::Indexed(base, index) => Term::Indexed(base.clone(), Box::new(go(index))),
            Term::Limit { var, body, to } => {
                let (var, body) = substitute_under(var, body, map);
                Term::Limit {
                    var,
                    body: Box::new(body),
                    to: *to,
                }
            }
            Term::Definite {
                var,
                body,
                lower,
                upper,
            } => {
                let (var, body) = substitute_under(var, body, map);
                Term::Definite {
                    var,
                    body: Box::new(body),
                    lower: Box::new(lower.map(go)),
                    upper: Box::new(upper.map(go)),
                }
            }
        }
    }
}

/// `body[map]` under a binder of `var`, renaming `var` first when a substituted value
/// brings a free name of that name under it.
fn substitute_under(var: &Name, body: &Term, map: &dyn Fn(&Name) -> Option<Term>) -> (Name, Term) {
    // The free names the substitution brings under this binder.
    let incoming: std::collections::BTreeSet<Name> = body
        .free_symbols()
        .iter()
        .filter(|n| *n != var)
        .filter_map(map)
        .flat_map(|value| value.free_symbols())
        .collect();
    let (var, body) = if incoming.contains(var) {
        let mut avoid = incoming;
        avoid.extend(body.names());
        let fresh = fresh_name(var, &avoid);
        let renamed = body.substitute(&|n| (n == var).then(|| Term::Sym(fresh.clone())));
        (fresh, std::borrow::Cow::Owned(renamed))
    } else {
        (var.clone(), std::borrow::Cow::Borrowed(body))
    };
    let inner = |n: &Name| if n == &var { None } else { map(n) };
    let body = body.substitute(&inner);
    (var, body)
}

/// A name for a bound variable that is none of `avoid`: `hint` itself when free to
/// use, else the first unused of the usual letters, else `hint` with a numbered
/// subscript. Names stay printable, and never clash with a name in `avoid`.
pub fn fresh_name(hint: &Name, avoid: &std::collections::BTreeSet<Name>) -> Name {
    if !avoid.contains(hint) {
        return hint.clone();
    }
    const LETTERS: [&str; 9] = ["x", "y", "z", "t", "u", "v", "w", "s", "r"];
    if let Some(letter) = LETTERS
        .iter()
        .map(|l| Name::new(*l))
        .find(|n| !avoid.contains(n))
    {
        return letter;
    }
    let base = hint.as_str().split('_').next().unwrap_or("x");
    (0..)
        .map(|i| Name::new(format!("{base}_{i}")))
        .find(|n| !avoid.contains(n))
        .expect("an unused subscript")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_symbols_leave_out_integration_variables() {
        let x = Name::new("x");
        let term = Term::add([
            Term::sym("a"),
            Term::Integral {
                var: x.clone(),
                body: Box::new(Term::mul([Term::Sym(x), Term::sym("b")])),
            },
        ]);
        let names: Vec<String> = term
            .free_symbols()
            .iter()
            .map(|n| n.as_str().to_string())
            .collect();
        assert_eq!(names, ["a", "b"]);
    }

    #[test]
    fn rationals_are_reduced_and_signed_in_the_numerator() {
        assert_eq!(Rational::new(2, -4), Rational::new(-1, 2));
        assert_eq!(Rational::new(1, 0), None);
        assert_eq!(Rational::from_decimal("0.25"), Rational::new(1, 4));
        assert_eq!(Rational::from_decimal("12"), Some(Rational::int(12)));
        assert_eq!(Rational::from_decimal("."), None);
    }

    #[test]
    fn builders_flatten() {
        let t = Term::add([Term::add([Term::sym("a"), Term::sym("b")]), Term::sym("c")]);
        assert_eq!(
            t,
            Term::Add(vec![Term::sym("a"), Term::sym("b"), Term::sym("c")])
        );
        assert_eq!(Term::mul([Term::sym("a")]), Term::sym("a"));
        assert_eq!(Term::negate(Term::int(3)), Term::int(-3));
    }

    #[test]
    fn substitution_does_not_capture() {
        // (∫ e^{-(t-a)^2} dt)[a := t]: the new t is the free one.
        let integral = Term::Integral {
            var: Name::new("t"),
            body: Box::new(Term::exp(Term::negate(Term::pow(
                Term::add([Term::sym("t"), Term::negate(Term::sym("a"))]),
                Term::int(2),
            )))),
        };
        let out = integral.substitute(&|n| (n.as_str() == "a").then(|| Term::sym("t")));
        let Term::Integral { var, body } = &out else {
            panic!("{out:?}")
        };
        assert_ne!(var.as_str(), "t");
        assert_eq!(
            out.free_symbols().into_iter().collect::<Vec<_>>(),
            [Name::new("t")]
        );
        assert!(body.free_symbols().contains(var));
        // A value that does not mention the variable leaves the binder alone.
        let out = integral.substitute(&|n| (n.as_str() == "a").then(|| Term::sym("b")));
        assert!(matches!(&out, Term::Integral { var, .. } if var.as_str() == "t"));
    }

    #[test]
    fn fresh_names_avoid_every_name_given() {
        let avoid: std::collections::BTreeSet<Name> =
            ["x", "y"].into_iter().map(Name::new).collect();
        assert_eq!(fresh_name(&Name::new("t"), &avoid), Name::new("t"));
        assert_eq!(fresh_name(&Name::new("x"), &avoid), Name::new("z"));
        let all: std::collections::BTreeSet<Name> =
            ["x", "y", "z", "t", "u", "v", "w", "s", "r", "x_0"]
                .into_iter()
                .map(Name::new)
                .collect();
        assert_eq!(fresh_name(&Name::new("x"), &all), Name::new("x_1"));
    }

    #[test]
    fn substitution_respects_bound_variables() {
        let x = Name::new("x");
        let t = Term::add([
            Term::sym("x"),
            Term::Integral {
                var: x.clone(),
                body: Box::new(Term::sym("x")),
            },
        ]);
        let out = t.substitute(&|n| (n == &x).then(|| Term::int(7)));
        assert_eq!(
            out,
            Term::add([
                Term::int(7),
                Term::Integral {
                    var: x,
                    body: Box::new(Term::sym("x")),
                },
            ])
        );
    }
}
