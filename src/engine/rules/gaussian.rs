//! Gaussian integrals, one rule for all of them.
//!
//! After the declared densities are written out and the integrand is expanded, every
//! term must have the shape `c · xᵏ · exp(−a x² + b x + d)` with `c` free of `x`, `k` a
//! non-negative integer and `a` known to be positive. Each such term has the closed form
//!
//! ```text
//! ∫ xᵏ exp(−a x² + b x + d) dx = exp(d + b²/(4a)) · √(π/a) · Mₖ(b/(2a), 1/(2a))
//! ```
//!
//! where `Mₖ(m, s²) = Σ_{j even ≤ k} C(k, j) m^{k−j} s^j (j−1)!!` is the k-th raw moment
//! of N(m, s²). Normalisation, means, variances, higher moments, entropies, cross
//! entropies and products of densities are all instances. An integrand outside the
//! class is never guessed at: the pass fails with [`Blocker::UnsupportedIntegrand`].

use symbolica::atom::{Atom, AtomCore, AtomView, Symbol};

use super::{algebra, definite, limit, log_exp, RuleCx};
use crate::engine::walk::{
    as_integer, factors, integral_parts, terms, try_map_bottom_up, unary_arg,
};
use crate::term::Term;
use crate::verdict::Blocker;

/// The largest power of `x` in an integrand that will be integrated; its moment
/// coefficients must fit in an `i64`.
pub const MAX_MOMENT: i64 = 24;

/// Evaluate every integral, innermost first.
pub fn apply(atom: &Atom, cx: &RuleCx<'_>) -> Result<Atom, Blocker> {
    let evaluated = try_map_bottom_up(atom.as_view(), &mut |a| {
        if let Some((body, x)) = integral_parts(a.as_view(), cx.symbols) {
            // Against a law known only by its moments alone, the integral is the
            // declaration's (definitions), not a Gaussian integral.
            if super::moments::integral(&body, x, cx).is_some() {
                return Ok(a);
            }
            return integrate(&body, x, cx).map_err(|reason| unsupported(&a, reason, cx));
        }
        if let Some((body, x, side)) = limit::parts(a.as_view(), cx) {
            return limit::limit(&body, x, side, cx).map_err(|reason| unsupported(&a, reason, cx));
        }
        if let Some((body, x, lo, hi)) = definite::parts(a.as_view(), cx) {
            return definite::integrate(&body, x, &lo, &hi, cx)
                .map_err(|reason| unsupported(&a, reason, cx));
        }
        Ok(a)
    })?;
    // The value of an integral may hold an integral of its integrand, now one level
    // too deep.
    Ok(cx.relevel(&evaluated))
}

fn unsupported(integral: &Atom, outside: Outside, cx: &RuleCx<'_>) -> Blocker {
    match outside {
        Outside::Class { reason, diverges } => match cx.to_term(integral.as_view()) {
            Ok(integral) => Blocker::UnsupportedIntegrand {
                integral,
                reason,
                diverges,
            },
            Err(e) => e,
        },
        // A bound says nothing of the integral: it stays a bound, which is never
        // cached as if it were a property of the integral.
        Outside::Bound(blocker) => blocker,
    }
}

/// Why an integral is not evaluated.
#[derive(Debug)]
pub enum Outside {
    /// It is outside the Gaussian class.
    Class {
        /// What is wrong with it, e.g. "the exponent is not quadratic in x".
        reason: String,
        /// Whether that proves the integral diverges: its integrand is a Gaussian
        /// part plus a non-zero polynomial with numbers for coefficients, which grows
        /// or stays put at infinity.
        diverges: bool,
    },
    /// Looking at it hit a bound (an expansion too large, say).
    Bound(Blocker),
}

impl From<String> for Outside {
    fn from(reason: String) -> Self {
        Outside::Class {
            reason,
            diverges: false,
        }
    }
}

impl From<Blocker> for Outside {
    fn from(blocker: Blocker) -> Self {
        match blocker {
            Blocker::Limit(_) => Outside::Bound(blocker),
            other => Outside::from(other.to_string()),
        }
    }
}

/// `∫ body dx` over the real line, or why it is outside the Gaussian class;
/// remembered for the file, as the same integral is met under many family sets and
/// in the domain check (four times in five on 1000 KL steps).
fn integrate(body: &Atom, x: Symbol, cx: &RuleCx<'_>) -> Result<Atom, Outside> {
    if let Some(known) = cx.normal_forms.borrow().integral(body, x) {
        return known.map_err(|(reason, diverges)| Outside::Class { reason, diverges });
    }
    let value = integrate_uncached(body, x, cx);
    let remembered = match &value {
        Ok(value) => Ok(value.clone()),
        Err(Outside::Class { reason, diverges }) => Err((reason.clone(), *diverges)),
        // A bound hit says nothing of the integral.
        Err(Outside::Bound(_)) => return value,
    };
    cx.normal_forms
        .borrow_mut()
        .insert_integral(body.clone(), x, remembered);
    value
}

/// `∫ body dx` over the real line, for a rule that reaches it by a substitution.
pub(super) fn whole_line(body: &Atom, x: Symbol, cx: &RuleCx<'_>) -> Result<Atom, Outside> {
    integrate(body, x, cx)
}

fn integrate_uncached(body: &Atom, x: Symbol, cx: &RuleCx<'_>) -> Result<Atom, Outside> {
    let whole_line = (definite::End::NegInf, definite::End::PosInf);
    if let Some(pieces) = super::absolute::split(body, x, &whole_line.0, &whole_line.1, cx) {
        return definite::sum_of_pieces(pieces?, x, cx);
    }
    let mut results = Vec::new();
    for piece in gaussian_terms(body, x, cx)? {
        match piece {
            Piece::Gaussian(term) => results.push(integrate_term(&term, cx)?),
            Piece::Moment(value) => results.push(value),
        }
    }
    let sum = Atom::add_many(results.iter());
    Ok(algebra::expand(&sum, cx)?)
}

/// `Ok` when `∫ body dx` over the real line is known to converge absolutely: written
/// out and expanded, every term of `body` is in the Gaussian class, `c·xᵏ·exp(q(x))`
/// with `k ≥ 0` and the coefficient of `−x²` in `q` known to be positive. Otherwise
/// why it is not known to.
pub fn converges(body: &Atom, x: Symbol, cx: &RuleCx<'_>) -> Result<(), Outside> {
    // With absolute values of x: where each has one sign the integrand is one of
    // these, so all of them converging is enough.
    if let Some(patterns) = super::absolute::sign_patterns(body, x, cx) {
        for pattern in patterns? {
            gaussian_terms(&pattern, x, cx)?;
        }
        return Ok(());
    }
    gaussian_terms(body, x, cx).map(|_| ())
}

/// One term of an integrand in the class.
enum Piece {
    /// `c · xᵏ · exp(q(x))`.
    Gaussian(GaussianTerm),
    /// `c · xᵏ · f(x)` for a law known by its moments, already integrated.
    Moment(Atom),
}

/// The terms of `body`, written out and expanded, each taken apart as a Gaussian
/// term (or integrated against a law known by its moments); or why one of them is
/// not.
fn gaussian_terms(body: &Atom, x: Symbol, cx: &RuleCx<'_>) -> Result<Vec<Piece>, Outside> {
    let written_out = write_out_densities(body, x, cx);
    let expanded = algebra::expand(&written_out, cx)?;
    if expanded.is_zero() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut first_outside: Option<Outside> = None;
    let mut all_polynomial = true;
    for term in terms(expanded.as_view()) {
        let piece = match super::moments::law_term(term, x, cx) {
            Some(moment) => moment.map(Piece::Moment),
            None => gaussian_term(term, x, cx).map(Piece::Gaussian),
        };
        match piece {
            Ok(piece) => out.push(piece),
            Err(Outside::Bound(blocker)) => return Err(Outside::Bound(blocker)),
            Err(outside) => {
                all_polynomial &= is_polynomial_term(term, x);
                first_outside.get_or_insert(outside);
            }
        }
    }
    match first_outside {
        None => Ok(out),
        Some(Outside::Class { reason, .. }) => Err(Outside::Class {
            reason,
            diverges: all_polynomial,
        }),
        Some(bound) => Err(bound),
    }
}

/// `c·xᵏ` for a non-zero number `c` and an integer `k ≥ 0`: a term that, summed with
/// other such terms (distinct `k`, as expanded) and with Gaussian terms, makes the
/// integrand grow or stay away from 0 at infinity.
fn is_polynomial_term(term: AtomView<'_>, x: Symbol) -> bool {
    factors(term).into_iter().all(|f| match f {
        AtomView::Num(_) => !f.is_zero(),
        _ => power_of_variable(f, x).is_some_and(|k| k >= 0),
    })
}

/// Replace the declared Gaussian densities that depend on `x` by their formulas.
pub(super) fn write_out_densities(body: &Atom, x: Symbol, cx: &RuleCx<'_>) -> Atom {
    let offset = cx.next_free_level(body.as_view());
    crate::engine::walk::map_views_bottom_up(body.as_view(), &mut |a| {
        let is_density = cx.call(a).is_some_and(|call| call.def.gaussian.is_some());
        if !is_density || !a.contains_symbol(x) {
            return None;
        }
        cx.expand_call(a, offset)
            .map(|formula| log_exp::apply(&formula, cx))
    })
}

/// `c · xᵏ · exp(d + b·x − a·x²)`, with `a` known to be positive.
struct GaussianTerm {
    constant: Atom,
    k: i64,
    d: Atom,
    b: Atom,
    a: Atom,
}

/// A term `c · xᵏ · exp(u₁) · exp(u₂) ⋯` taken apart: the factors free of x, the
/// power k, the exponents; or the factor that is none of these.
pub(super) struct Factored {
    pub(super) constant: Vec<Atom>,
    pub(super) k: i64,
    pub(super) exponent: Vec<Atom>,
}

/// `term` as [`Factored`], or why it is not a power of x times exponentials.
pub(super) fn factored(
    term: AtomView<'_>,
    x: Symbol,
    cx: &RuleCx<'_>,
) -> Result<Factored, Outside> {
    let mut out = Factored {
        constant: Vec::new(),
        k: 0,
        exponent: Vec::new(),
    };
    for f in factors(term) {
        if !f.contains_symbol(x) {
            out.constant.push(f.to_owned());
        } else if let Some(n) = power_of_variable(f, x) {
            out.k = out.k.saturating_add(n);
        } else if let Some(u) = unary_arg(f, cx.symbols.exp) {
            out.exponent.push(u.to_owned());
        } else if let Some(u) = power_of_exponential(f, x, cx) {
            out.exponent.push(u);
        } else {
            return Err(format!(
                "the factor `{}` is not a power of the variable or an exponential",
                printable(f, cx)
            )
            .into());
        }
    }
    Ok(out)
}

/// `(e^u)^r` for `r` free of x, as its exponent `r·u`: `(e^X)^2` in a variance of
/// `e^X` is the exponential `e^{2X}`.
fn power_of_exponential(f: AtomView<'_>, x: Symbol, cx: &RuleCx<'_>) -> Option<Atom> {
    let AtomView::Pow(p) = f else {
        return None;
    };
    let (base, e) = p.get_base_exp();
    let u = unary_arg(base, cx.symbols.exp)?;
    (!e.contains_symbol(x)).then(|| u.to_owned() * e.to_owned())
}

/// One term `c · xᵏ · exp(q(x))` taken apart.
fn gaussian_term(term: AtomView<'_>, x: Symbol, cx: &RuleCx<'_>) -> Result<GaussianTerm, Outside> {
    let Factored {
        constant,
        k,
        exponent,
    } = factored(term, x, cx)?;
    if k < 0 {
        return Err(format!("the power x^{k} is not a non-negative integer").into());
    }
    if exponent.is_empty() {
        return Err(format!("the term `{}` has no Gaussian factor", printable(term, cx)).into());
    }
    let q = algebra::expand(&Atom::add_many(exponent.iter()), cx)?;
    let [d, b, minus_a] = quadratic_coefficients(&q, x, cx)?;
    let a = algebra::expand(&-minus_a, cx)?;
    if !cx.signs.is_positive(a.as_view()) {
        return Err(format!(
            "the coefficient of −x² in the exponent, `{}`, is not known to be positive",
            printable(a.as_view(), cx)
        )
        .into());
    }
    Ok(GaussianTerm {
        constant: Atom::mul_many(constant.iter()),
        k,
        d,
        b,
        a,
    })
}

/// The closed form of one Gaussian term's integral.
fn integrate_term(term: &GaussianTerm, cx: &RuleCx<'_>) -> Result<Atom, Outside> {
    let GaussianTerm {
        constant,
        k,
        d,
        b,
        a,
    } = term;
    if *k > MAX_MOMENT {
        return Err(format!(
            "the power x^{k} is above x^{MAX_MOMENT}, the highest moment evaluated"
        )
        .into());
    }
    let exp = cx.symbols.exp;
    let two = Atom::num(2);
    let four = Atom::num(4);
    let shift = algebra::together(&(d + &(b * b) / (&four * a)), cx)?;
    // √(π/a), with `a` over one denominator so its positive factors can leave the root.
    let a_together = algebra::together(a, cx)?;
    let scale = log_exp::apply(
        &(Atom::var(cx.symbols.pi) / &a_together).pow(Atom::num((1, 2))),
        cx,
    );
    let mean = b / (&two * a);
    let variance = Atom::num(1) / (&two * a);
    let moment = raw_moment(*k as u32, &mean, &variance);
    let value = constant * exp.call_args([&shift]) * scale * moment;
    Ok(algebra::canonical_numbers(&value, cx))
}

/// `n` when `f` is `x` or `x^n` for an integer `n`.
pub(super) fn power_of_variable(f: AtomView<'_>, x: Symbol) -> Option<i64> {
    match f {
        AtomView::Var(v) if v.get_symbol() == x => Some(1),
        AtomView::Pow(p) => {
            let (base, e) = p.get_base_exp();
            match base {
                AtomView::Var(v) if v.get_symbol() == x => as_integer(e),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `[c₀, c₁, c₂]` with `q = c₀ + c₁x + c₂x²`, for an expanded `q`.
pub(super) fn quadratic_coefficients(
    q: &Atom,
    x: Symbol,
    cx: &RuleCx<'_>,
) -> Result<[Atom; 3], String> {
    let mut coefficients: [Vec<Atom>; 3] = Default::default();
    for term in terms(q.as_view()) {
        let mut degree = 0;
        let mut rest = Vec::new();
        for f in factors(term) {
            if !f.contains_symbol(x) {
                rest.push(f.to_owned());
                continue;
            }
            match power_of_variable(f, x) {
                Some(n) => degree += n,
                None => {
                    return Err(format!(
                        "the exponent contains `{}`, which is not a power of the variable",
                        printable(f, cx)
                    ))
                }
            }
        }
        let slot = usize::try_from(degree)
            .ok()
            .filter(|&d| d <= 2)
            .ok_or_else(|| format!("the exponent has a term of degree {degree} in the variable; only quadratics are Gaussian"))?;
        coefficients[slot].push(Atom::mul_many(rest.iter()));
    }
    Ok(coefficients.map(|cs| Atom::add_many(cs.iter())))
}

/// `Mₖ(m, s²) = Σ_{j even ≤ k} C(k, j) m^{k−j} (s²)^{j/2} (j−1)!!`.
pub fn raw_moment(k: u32, mean: &Atom, variance: &Atom) -> Atom {
    let mut terms = Vec::new();
    for j in (0..=k).step_by(2) {
        let coefficient = binomial(k, j) * double_factorial(j.saturating_sub(1));
        terms.push(Atom::num(coefficient as i64) * power(mean, k - j) * power(variance, j / 2));
    }
    Atom::add_many(terms.iter())
}

/// `base^n`, with `base^0 = 1` even for a zero base (a zero mean is common, and
/// Symbolica rightly calls `0^0` indeterminate).
pub fn power(base: &Atom, n: u32) -> Atom {
    if n == 0 {
        Atom::num(1)
    } else {
        base.pow(Atom::num(i64::from(n)))
    }
}

fn binomial(n: u32, k: u32) -> u128 {
    (0..k).fold(1u128, |acc, i| acc * u128::from(n - i) / u128::from(i + 1))
}

fn double_factorial(n: u32) -> u128 {
    (1..=n).rev().step_by(2).map(u128::from).product()
}

pub(super) fn printable(view: AtomView<'_>, cx: &RuleCx<'_>) -> String {
    cx.to_term(view)
        .map_or_else(|_| view.to_string(), |t: Term| crate::print::unicode(&t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::step;

    const P: &str = "let p(x) = N(x; m, s^2)";

    #[test]
    fn a_zero_mean_is_not_an_indeterminate_power() {
        insta::assert_snapshot!(step("let q(x) = N(x; 0, 1)", r"\int x^2 q(x) dx", "1"), @"proved by Gaussian integrals using moment 2 of q");
        insta::assert_snapshot!(step("", r"\int \int e^{-x^2 - y^2} dx dy", r"\pi"), @"proved by Gaussian integrals using general integral");
    }

    #[test]
    fn named_facts_normalisation_mean_variance() {
        insta::assert_snapshot!(step(P, r"\int p(x) dx", "1"), @"proved by Gaussian integrals using moment 0 of p");
        insta::assert_snapshot!(step(P, r"\int (x - m) p(x) dx", "0"), @"proved by Gaussian integrals using moment 1 of p");
        insta::assert_snapshot!(step(P, r"\int (x - m)^2 p(x) dx", "s^2"), @"proved by Gaussian integrals using moment 2 of p");
    }

    #[test]
    fn higher_and_raw_moments() {
        insta::assert_snapshot!(step(P, r"\int (x - m)^4 p(x) dx", "3 s^4"), @"proved by Gaussian integrals using moment 4 of p");
        insta::assert_snapshot!(step(P, r"\int x^2 p(x) dx", "s^2 + m^2"), @"proved by algebra, Gaussian integrals using moment 0 of p, moment 1 of p, moment 2 of p");
        insta::assert_snapshot!(step(P, r"\mathbb{E}_{p}[x^3]", "m^3 + 3 m s^2"), @"proved by algebra, Gaussian integrals using moment 0 of p, moment 1 of p, moment 2 of p, moment 3 of p");
    }

    #[test]
    fn entropy_uses_the_log_laws_then_moments() {
        insta::assert_snapshot!(step(P, r"-\int p(x) \log p(x) dx", r"\frac{1}{2} \log (2 \pi e s^2)"), @"proved by algebra, log & exp laws, definitions, Gaussian integrals using moment 0 of p, moment 2 of p");
    }

    #[test]
    fn product_of_two_densities() {
        insta::assert_snapshot!(step(
            "let p(x) = N(x; m, s^2)\nlet q(x) = N(x; n, t^2)",
            r"\int p(x) q(x) dx",
            r"\frac{1}{\sqrt{2\pi(s^2 + t^2)}} e^{-\frac{(m-n)^2}{2(s^2+t^2)}}",
        ), @"proved by algebra, log & exp laws, Gaussian integrals using general integral");
    }

    #[test]
    fn integrands_outside_the_class_are_not_guessed() {
        insta::assert_snapshot!(step("", r"\int x^3 dx", "0"), @"blocked: ∫ x³ dx does not converge: the term `x³` has no Gaussian factor");
        insta::assert_snapshot!(step("", r"\int e^{-x^4} dx", "1"), @"blocked: cannot tell that ∫ exp(−x⁴) dx converges: the exponent has a term of degree 4 in the variable; only quadratics are Gaussian");
        insta::assert_snapshot!(step("", r"\int e^{a x^2} dx", "1"), @"blocked: cannot tell that ∫ exp(ax²) dx converges: the coefficient of −x² in the exponent, `−a`, is not known to be positive");
        insta::assert_snapshot!(step(P, r"\int \log(x) p(x) dx", "0"), @"blocked: cannot tell that ∫ log(x) p(x) dx converges: the factor `log(x)` is not a power of the variable or an exponential");
    }

    #[test]
    fn a_wrong_variance_differs() {
        insta::assert_snapshot!(step(P, r"\int (x - m)^2 p(x) dx", "s"), @"differs by s − s²");
    }

    #[test]
    fn moment_coefficients() {
        assert_eq!(binomial(4, 2), 6);
        assert_eq!(double_factorial(3), 3);
        assert_eq!(double_factorial(5), 15);
        assert_eq!(double_factorial(0), 1);
    }
}
