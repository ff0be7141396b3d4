//! Integrals over part of the line: `∫_lo^hi xᵏ exp(−a x² + b x + d) dx` with each
//! limit a value or an infinity, in closed form.
//!
//! Written out and expanded, every term of the integrand must be `c · xᵏ · exp(q(x))`
//! with `q = d + b x − a x²`, and one of three classes:
//!
//! | class | condition | base case |
//! |---|---|---|
//! | Gaussian | `a` known positive | `J₀ = e^{d + b²/4a} √(π/a) · ½ [erf(√a (x − b/2a))]_lo^hi` |
//! | exponential | `a = 0`; `b` known negative for `hi = ∞`, positive for `lo = −∞`, non-zero otherwise | `J₀ = [e^q]_lo^hi / b` |
//! | polynomial | `a = b = 0`; both limits finite | `Jₖ = e^d [x^{k+1}/(k+1)]_lo^hi` |
//!
//! and the higher powers follow from integrating `d/dx (x^j e^q)` over the range:
//!
//! ```text
//! Gaussian:     Jₖ = ((k−1) J_{k−2} + b J_{k−1} − [x^{k−1} e^q]) / 2a
//! exponential:  Jₖ = ([xᵏ e^q] − k J_{k−1}) / b
//! ```
//!
//! where `[x^j e^q]` is 0 at an infinite limit (the class makes the integrand decay
//! there) and `erf(±∞) = ±1`. An integrand outside the classes is never guessed at.
//! Over the whole line this is the Gaussian rule's job; a limit here is never both
//! infinite.

use symbolica::atom::{Atom, AtomCore, AtomView, Symbol};

use super::gaussian::{
    factored, printable, quadratic_coefficients, write_out_densities, Factored, Outside, MAX_MOMENT,
};
use super::{algebra, log_exp, RuleCx};
use crate::engine::walk::terms;

/// A limit of the range, read from the atom.
#[derive(Clone)]
pub(super) enum End {
    NegInf,
    PosInf,
    At(Atom),
}

/// The parts of `dint(body, x, lo, hi)`, if `view` is one.
pub fn parts(view: AtomView<'_>, cx: &RuleCx<'_>) -> Option<(Atom, Symbol, Atom, Atom)> {
    match view {
        AtomView::Fun(f) if f.get_symbol() == cx.symbols.dint && f.get_nargs() == 4 => {
            let x = f.get(1).get_symbol()?;
            Some((
                f.get(0).to_owned(),
                x,
                f.get(2).to_owned(),
                f.get(3).to_owned(),
            ))
        }
        _ => None,
    }
}

pub(super) fn end(limit: &Atom, cx: &RuleCx<'_>) -> End {
    let inf = Atom::var(cx.symbols.inf);
    if *limit == inf {
        End::PosInf
    } else if *limit == -&inf {
        End::NegInf
    } else {
        End::At(limit.clone())
    }
}

/// `∫_lo^hi body dx`, or why it is outside the classes.
pub fn integrate(
    body: &Atom,
    x: Symbol,
    lo: &Atom,
    hi: &Atom,
    cx: &RuleCx<'_>,
) -> Result<Atom, Outside> {
    let (lo, hi) = (end(lo, cx), end(hi, cx));
    if let Some(pieces) = super::absolute::split(body, x, &lo, &hi, cx) {
        return sum_of_pieces(pieces?, x, cx);
    }
    integrate_between(body, x, lo, hi, cx)
}

/// The sum of `∫_lo^hi body dx` over `pieces`, each over part of the line (the
/// pieces of an integral of an absolute value, see `absolute`).
pub(super) fn sum_of_pieces(
    pieces: Vec<super::absolute::Piece>,
    x: Symbol,
    cx: &RuleCx<'_>,
) -> Result<Atom, Outside> {
    let mut values = Vec::new();
    for (body, lo, hi) in pieces {
        values.push(integrate_between(&body, x, lo, hi, cx)?);
    }
    let value = algebra::expand(&Atom::add_many(values.iter()), cx)?;
    Ok(algebra::canonical_numbers(&value, cx))
}

fn integrate_between(
    body: &Atom,
    x: Symbol,
    lo: End,
    hi: End,
    cx: &RuleCx<'_>,
) -> Result<Atom, Outside> {
    if matches!((&lo, &hi), (End::NegInf, End::PosInf)) {
        return Err("the range is the whole line".to_string().into());
    }
    if matches!(lo, End::PosInf) || matches!(hi, End::NegInf) {
        return Err("a limit is an infinity on the wrong side"
            .to_string()
            .into());
    }
    let written_out = write_out_densities(body, x, cx);
    if matches!((&lo, &hi), (End::At(zero), End::PosInf) if zero.is_zero())
        && mentions_log_of(&written_out, x, cx)
    {
        return exponential_substitution(&written_out, x, cx);
    }
    let expanded = algebra::expand(&written_out, cx)?;
    let mut values = Vec::new();
    for term in terms(expanded.as_view()) {
        if term.is_zero() {
            continue;
        }
        values.push(integrate_term(term, x, &lo, &hi, cx)?);
    }
    let sum = Atom::add_many(values.iter());
    let value = algebra::expand(&sum, cx)?;
    Ok(algebra::canonical_numbers(&value, cx))
}

/// Whether `body` holds `log(x)`: over `(0, ∞)` the log-normal's integrals, which the
/// substitution `x = e^u` makes Gaussian.
fn mentions_log_of(body: &Atom, x: Symbol, cx: &RuleCx<'_>) -> bool {
    let mut found = false;
    body.as_view().visitor(&mut |v| {
        found |= crate::engine::walk::unary_arg(v, cx.symbols.log)
            .is_some_and(|arg| arg.get_symbol() == Some(x));
        !found
    });
    found
}

/// `∫_0^∞ g(x) dx = ∫_{−∞}^{∞} g(e^u) e^u du` (the variable keeps its name): with the
/// log and exp laws, `log(e^u) = u` and `xᵏ = e^{ku}`, the log-normal's integrals
/// become the Gaussian rule's over the whole line. Outside that class (a log left,
/// or the rule refusing the result) the integral is outside, with the reason.
fn exponential_substitution(body: &Atom, x: Symbol, cx: &RuleCx<'_>) -> Result<Atom, Outside> {
    let e_to_x = cx.symbols.exp.call_args([&Atom::var(x)]);
    let substituted = super::substitution::substitute(body, &[(x, &e_to_x)]) * &e_to_x;
    let simplified = log_exp::apply(&substituted, cx);
    if mentions_log_of(&simplified, x, cx) {
        return Err(format!(
            "after the substitution x = e^u, `{}` still holds a logarithm of the variable",
            printable(simplified.as_view(), cx)
        )
        .into());
    }
    super::gaussian::whole_line(&simplified, x, cx)
}

/// `∫_0^∞ c·x^s·e^{d + bx} dx = c·e^d·Γ(s + 1)/(−b)^{s+1}` for a power `s` that is not a
/// non-negative integer (those are the exponential class's): a symbol (`x^n`) or a
/// fraction (`x^{−1/2}`). It converges when `s + 1 > 0` and `b < 0`, both of which
/// the assumptions must prove. `None` when the term has no such power.
fn gamma_integral(term: AtomView<'_>, x: Symbol, cx: &RuleCx<'_>) -> Option<Result<Atom, Outside>> {
    let mut constant = Vec::new();
    let mut power = None;
    let mut exponent = Vec::new();
    for f in crate::engine::walk::factors(term) {
        if !f.contains_symbol(x) {
            constant.push(f.to_owned());
            continue;
        }
        if let Some(u) = crate::engine::walk::unary_arg(f, cx.symbols.exp) {
            exponent.push(u.to_owned());
            continue;
        }
        let AtomView::Pow(p) = f else {
            return None;
        };
        let (base, s) = p.get_base_exp();
        let integral = crate::engine::walk::as_integer(s).is_some_and(|k| k >= 0);
        if base.get_symbol() != Some(x) || s.contains_symbol(x) || integral || power.is_some() {
            return None;
        }
        power = Some(s.to_owned());
    }
    let s = power?;
    Some(gamma_closed_form(&constant, &s, &exponent, x, cx))
}

/// `c·e^d·Γ(s + 1)/λ^{s+1}` for `∫_0^∞ c·x^s·e^{q} dx` with `q = d − λx`, once the
/// assumptions prove λ > 0 and s > −1; otherwise why not.
fn gamma_closed_form(
    constant: &[Atom],
    s: &Atom,
    exponent: &[Atom],
    x: Symbol,
    cx: &RuleCx<'_>,
) -> Result<Atom, Outside> {
    let q = algebra::expand(&Atom::add_many(exponent.iter()), cx)?;
    let [d, b, minus_a] = quadratic_coefficients(&q, x, cx)?;
    if !minus_a.is_zero() {
        return Err("a symbolic power of x times a Gaussian is not integrated"
            .to_string()
            .into());
    }
    let rate = algebra::expand(&-b, cx)?;
    let order = algebra::expand(&(s + Atom::num(1)), cx)?;
    for (what, needed) in [
        (&rate, "the rate, minus the coefficient of x"),
        (&order, "the power of x plus one"),
    ] {
        if !cx.signs.is_positive(what.as_view()) {
            return Err(format!(
                "∫_0^∞ x^s e^(−λx) dx converges only for λ > 0 and s > −1: {needed}, `{}`, is not known to be positive",
                printable(what.as_view(), cx)
            )
            .into());
        }
    }
    let gamma = cx.symbols.gamma.call_args([&order]);
    let value = Atom::mul_many(constant.iter())
        * cx.symbols.exp.call_args([&d])
        * gamma
        * rate.pow(-&order);
    Ok(log_exp::apply(&value, cx))
}

/// One term `c · xᵏ · exp(q)`.
fn integrate_term(
    term: AtomView<'_>,
    x: Symbol,
    lo: &End,
    hi: &End,
    cx: &RuleCx<'_>,
) -> Result<Atom, Outside> {
    if matches!((lo, hi), (End::At(zero), End::PosInf) if zero.is_zero()) {
        if let Some(value) = gamma_integral(term, x, cx) {
            return value;
        }
    }
    let Factored {
        constant,
        k,
        exponent,
    } = factored(term, x, cx)?;
    if !(0..=MAX_MOMENT).contains(&k) {
        return Err(format!("the power x^{k} is not an integer from 0 to {MAX_MOMENT}").into());
    }
    let q = algebra::expand(&Atom::add_many(exponent.iter()), cx)?;
    let [d, b, minus_a] = quadratic_coefficients(&q, x, cx)?;
    let a = algebra::expand(&-minus_a, cx)?;
    let q = Quadratic { d, b, a };
    let value = if !q.a.is_zero() {
        if !cx.signs.is_positive(q.a.as_view()) {
            return Err(format!(
                "the coefficient of −x² in the exponent, `{}`, is not known to be positive",
                printable(q.a.as_view(), cx)
            )
            .into());
        }
        q.gaussian(k, lo, hi, cx)?
    } else if !q.b.is_zero() {
        q.exponential(k, lo, hi, cx)?
    } else {
        q.polynomial(k, lo, hi, cx)?
    };
    Ok(Atom::mul_many(constant.iter()) * value)
}

/// `q = d + b x − a x²`.
struct Quadratic {
    d: Atom,
    b: Atom,
    a: Atom,
}

impl Quadratic {
    /// `t^j · e^{q(t)}` at a limit: 0 at an infinity (the class decays there).
    fn boundary(&self, j: i64, t: &End, cx: &RuleCx<'_>) -> Atom {
        match t {
            End::NegInf | End::PosInf => Atom::num(0),
            End::At(t) => {
                let q = &self.d + &self.b * t - &self.a * t * t;
                super::gaussian::power(t, j as u32) * cx.symbols.exp.call_args([&q])
            }
        }
    }

    /// `[x^j e^q]_lo^hi`.
    fn bracket(&self, j: i64, lo: &End, hi: &End, cx: &RuleCx<'_>) -> Atom {
        self.boundary(j, hi, cx) - self.boundary(j, lo, cx)
    }

    fn gaussian(&self, k: i64, lo: &End, hi: &End, cx: &RuleCx<'_>) -> Result<Atom, Outside> {
        let a = algebra::together(&self.a, cx)?;
        let root_a = log_exp::apply(&a.pow(Atom::num((1, 2))), cx);
        let pi = Atom::var(cx.symbols.pi);
        let scale = log_exp::apply(&(&pi / &a).pow(Atom::num((1, 2))), cx);
        let two_a = Atom::num(2) * &a;
        let mean = &self.b / &two_a;
        let shift = algebra::together(&(&self.d + &self.b * &self.b / (Atom::num(4) * &a)), cx)?;
        let erf_at = |t: &End| match t {
            End::NegInf => Atom::num(-1),
            End::PosInf => Atom::num(1),
            End::At(t) => cx.symbols.erf.call_args([&(&root_a * (t - &mean))]),
        };
        let j0 = cx.symbols.exp.call_args([&shift])
            * scale
            * Atom::num((1, 2))
            * (erf_at(hi) - erf_at(lo));
        let (mut before, mut current) = (Atom::num(0), j0);
        for n in 1..=k {
            let next = (Atom::num(n - 1) * &before + &self.b * &current
                - self.bracket(n - 1, lo, hi, cx))
                / &two_a;
            before = std::mem::replace(&mut current, next);
        }
        Ok(current)
    }

    fn exponential(&self, k: i64, lo: &End, hi: &End, cx: &RuleCx<'_>) -> Result<Atom, Outside> {
        let b = &self.b;
        let positive = cx.signs.is_positive(b.as_view());
        let negative = cx.signs.is_positive((-b).expand().as_view());
        let needed = match (lo, hi) {
            (_, End::PosInf) if !negative => Some("negative (the integral runs to ∞)"),
            (End::NegInf, _) if !positive => Some("positive (the integral runs from −∞)"),
            _ if !positive && !negative => Some("non-zero"),
            _ => None,
        };
        if let Some(needed) = needed {
            return Err(format!(
                "the coefficient of x in the exponent, `{}`, is not known to be {needed}",
                printable(b.as_view(), cx)
            )
            .into());
        }
        let mut current = self.bracket(0, lo, hi, cx) / b;
        for n in 1..=k {
            current = (self.bracket(n, lo, hi, cx) - Atom::num(n) * &current) / b;
        }
        Ok(current)
    }

    fn polynomial(&self, k: i64, lo: &End, hi: &End, cx: &RuleCx<'_>) -> Result<Atom, Outside> {
        let (End::At(lo), End::At(hi)) = (lo, hi) else {
            return Err(Outside::Class {
                reason: "a power of x over an infinite range does not converge".into(),
                diverges: true,
            });
        };
        let n = (k + 1) as u32;
        let e = cx.symbols.exp.call_args([&self.d]);
        let power = |t: &Atom| super::gaussian::power(t, n);
        Ok(e * (power(hi) - power(lo)) / Atom::num(i64::from(n)))
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::step;

    #[test]
    fn half_lines_of_a_gaussian() {
        insta::assert_snapshot!(step("", r"\int_0^\infty e^{-x^2} dx", r"\frac{\sqrt{\pi}}{2}"), @"proved by Gaussian integrals, special functions using erf(0) = 0");
        insta::assert_snapshot!(step("assume s > 0", r"\int_{-\infty}^{0} x e^{-\frac{x^2}{2 s^2}} dx", r"-s^2"), @"proved by Gaussian integrals");
    }

    #[test]
    fn the_cdf_through_erf() {
        insta::assert_snapshot!(step("assume s > 0", r"\int_{-\infty}^{c} \frac{1}{\sqrt{2\pi} s} e^{-\frac{(x-m)^2}{2 s^2}} dx", r"\frac{1}{2}\left(1 + \operatorname{erf}\left(\frac{c - m}{s\sqrt{2}}\right)\right)"), @"proved by algebra, log & exp laws, Gaussian integrals");
    }

    #[test]
    fn exponentials_and_polynomials() {
        insta::assert_snapshot!(step("assume l > 0", r"\int_0^\infty x^3 l e^{-l x} dx", r"\frac{6}{l^3}"), @"proved by Gaussian integrals");
        insta::assert_snapshot!(step("", r"\int_a^b \frac{x^2}{b - a} dx", r"\frac{a^2 + a b + b^2}{3}"), @"proved by algebra, Gaussian integrals where b − a ≠ 0");
    }

    /// Over `(0, ∞)` a log of the variable is read by the substitution `x = e^u`: the
    /// log-normal's normalisation, mean and the mean of its log.
    #[test]
    fn log_normal_integrals_by_the_exponential_substitution() {
        let density = r"\frac{1}{x s \sqrt{2\pi}} e^{-\frac{(\ln x - m)^2}{2 s^2}}";
        let with = |power: &str| format!(r"\int_0^\infty {power} {density} dx");
        insta::assert_snapshot!(step("assume s > 0", &with(""), "1"), @"proved by Gaussian integrals");
        insta::assert_snapshot!(step("assume s > 0", &with("x"), r"e^{m + s^2/2}"), @"proved by Gaussian integrals");
        insta::assert_snapshot!(step("assume s > 0", &with(r"(\ln x)"), "m"), @"proved by Gaussian integrals");
        insta::assert_snapshot!(step("assume s > 0", &with("x^2"), r"e^{2m + 2s^2}"), @"proved by Gaussian integrals");
        insta::assert_snapshot!(step("assume s > 0", &with("x^2"), r"e^{2m + s^2}"), @"differs by exp(2m + s²) − exp(2m + 2s²)");
        // A log left after the substitution, or a range other than (0, ∞): outside.
        insta::assert_snapshot!(step("", r"\int_0^\infty \ln(\ln x) e^{-x} dx", "0"), @"blocked: cannot tell that ∫_0^∞ log(log(x)) exp(−x) dx converges: after the substitution x = e^u, `log(x) exp(x − exp(x))` still holds a logarithm of the variable");
        insta::assert_snapshot!(step("assume s > 0", r"\int_1^\infty \frac{1}{x} e^{-(\ln x)^2} dx", "1"), @"blocked: cannot tell that ∫_1^∞ exp(−log(x)²)/x dx converges: the power x^-1 is not an integer from 0 to 24");
    }

    /// `∫_0^∞ x^s e^{−λx} dx = Γ(s + 1)/λ^{s+1}` for a symbolic or fractional power,
    /// when the assumptions give λ > 0 and s > −1.
    #[test]
    fn the_gamma_integral() {
        const BOTH: &str = "assume n > 0\nassume l > 0";
        insta::assert_snapshot!(step(BOTH, r"\int_0^\infty x^{n-1} e^{-l x} dx", r"\frac{\Gamma(n)}{l^n}"), @"proved by Gaussian integrals");
        insta::assert_snapshot!(step("", r"\int_0^\infty x^{-1/2} e^{-x} dx", r"\sqrt{\pi}"), @"proved by Gaussian integrals, special functions using Γ(n + ½) = (2n)!·√π/(4ⁿ·n!), so Γ(½) = √π");
        insta::assert_snapshot!(step("", r"\int_0^\infty x^{s} e^{-x} dx", r"\Gamma(s + 1)"), @"blocked: cannot tell that ∫_0^∞ x^(s) exp(−x) dx converges: ∫_0^∞ x^s e^(−λx) dx converges only for λ > 0 and s > −1: the power of x plus one, `s + 1`, is not known to be positive");
        insta::assert_snapshot!(step("assume n > 0", r"\int_0^\infty x^{n} e^{-x^2} dx", "1"), @"blocked: cannot tell that ∫_0^∞ x^(n) exp(−x²) dx converges: a symbolic power of x times a Gaussian is not integrated");
    }

    #[test]
    fn outside_the_classes() {
        insta::assert_snapshot!(step("", r"\int_0^\infty x dx", "1"), @"blocked: ∫_0^∞ x dx does not converge: a power of x over an infinite range does not converge");
        insta::assert_snapshot!(step("", r"\int_0^\infty e^{l x} dx", "1"), @"blocked: cannot tell that ∫_0^∞ exp(lx) dx converges: the coefficient of x in the exponent, `l`, is not known to be negative (the integral runs to ∞)");
    }
}
