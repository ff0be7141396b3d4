//! Integrals against the density of a law known only by its mean `m` and variance `v`
//! (`let X have mean \mu and variance \sigma^2`): `∫ f = 1`, `∫ x f = m` and
//! `∫ x² f = v + m²`, each times factors free of `x`. Nothing else about such a law is
//! known, so any other integrand against it — `x³`, `e^{tx}`, `log f`, `f(2x)`, two such
//! densities at once — stays unevaluated, with that reason.
//!
//! The definitions family evaluates these (the mean and variance are the declaration);
//! the Gaussian rule accepts them as terms of an integrand it evaluates, so a mixed
//! integrand is evaluated as a whole.

use symbolica::atom::{Atom, AtomCore, AtomView, Symbol};

use super::gaussian::{power_of_variable, printable, Outside};
use super::{algebra, substitution, RuleCx};
use crate::engine::walk::{factors, integral_parts, map_views_bottom_up, terms};

/// The highest power of `x` with a known integral against such a density.
const HIGHEST_MOMENT: i64 = 2;

/// The value of `∫ term dx` when `term` is `c·xᵏ·f(x)` for such a density `f`; `None`
/// when no factor of `term` is such a density, an error when one is but the term is
/// not of that shape.
pub fn law_term(term: AtomView<'_>, x: Symbol, cx: &RuleCx<'_>) -> Option<Result<Atom, Outside>> {
    let parts = factors(term);
    let is_law = |f: AtomView<'_>| cx.call(f).is_some_and(|c| c.def.moments.is_some());
    let powered_law = |f: AtomView<'_>| match f {
        AtomView::Pow(p) => is_law(p.get_base_exp().0),
        _ => false,
    };
    if !parts.iter().any(|&f| is_law(f) || powered_law(f)) {
        return None;
    }
    Some(evaluate_term(&parts, x, cx))
}

fn evaluate_term(parts: &[AtomView<'_>], x: Symbol, cx: &RuleCx<'_>) -> Result<Atom, Outside> {
    let mut constant = Vec::new();
    let mut k = 0i64;
    let mut moments = None;
    for &f in parts {
        if !f.contains_symbol(x) {
            constant.push(f.to_owned());
            continue;
        }
        if let Some(n) = power_of_variable(f, x) {
            k = k.saturating_add(n);
            continue;
        }
        let Some(call) = cx.call(f).filter(|c| c.def.moments.is_some()) else {
            return Err(format!(
                "`{}` under a law known only by its mean and variance: only the integrals of 1, x and x² against it are known",
                printable(f, cx)
            )
            .into());
        };
        if !matches!(call.args(), [AtomView::Var(v)] if v.get_symbol() == x) {
            return Err(format!(
                "the density `{}` is not applied to the variable of integration",
                printable(f, cx)
            )
            .into());
        }
        if moments.is_some() {
            return Err(
                "two densities known only by their moments in one integrand: their joint law is not declared"
                    .to_string()
                    .into(),
            );
        }
        moments = Some(declared_moments(f, cx));
    }
    let Some((mean, variance)) = moments else {
        return Err("a power of a density known only by its moments"
            .to_string()
            .into());
    };
    let moment = match k {
        0 => Atom::num(1),
        1 => mean,
        2 => &variance + &(&mean * &mean),
        k if k > HIGHEST_MOMENT => {
            return Err(format!(
                "only the mean and variance of this law are declared, not its moment of order {k}"
            )
            .into())
        }
        k => return Err(format!("the power x^{k} is not a non-negative integer").into()),
    };
    Ok(Atom::mul_many(constant.iter()) * moment)
}

/// The mean and variance of the density called in `f`, in the values the call gives
/// the names they depend on.
fn declared_moments(f: AtomView<'_>, cx: &RuleCx<'_>) -> (Atom, Atom) {
    let call = cx.call(f).expect("a call of a declared law");
    let (mean, variance) = call.def.moments.clone().expect("a law");
    if call.as_declared {
        return (mean, variance);
    }
    let pairs: Vec<(Symbol, Atom)> = call
        .def
        .globals
        .iter()
        .copied()
        .zip(
            call.atoms[call.def.params.len()..]
                .iter()
                .map(|a| a.to_owned()),
        )
        .collect();
    let pairs: Vec<(Symbol, &Atom)> = pairs.iter().map(|(s, a)| (*s, a)).collect();
    (
        substitution::substitute(&mean, &pairs),
        substitution::substitute(&variance, &pairs),
    )
}

/// Every integral whose integrand, expanded, is a sum of such terms, evaluated.
pub fn evaluate(atom: &Atom, cx: &RuleCx<'_>) -> Atom {
    let evaluated = map_views_bottom_up(atom.as_view(), &mut |a| {
        let (body, x) = integral_parts(a, cx.symbols)?;
        integral(&body, x, cx)
    });
    cx.relevel(&evaluated)
}

/// Whether `atom` calls the density of a law declared by its moments (whose moments
/// the facts of a proof then name).
pub fn mentions_law(atom: &Atom, cx: &RuleCx<'_>) -> bool {
    let mut found = false;
    atom.as_view().visitor(&mut |v| {
        found |= cx.call(v).is_some_and(|c| c.def.moments.is_some());
        !found
    });
    found
}

/// `∫ body dx` when every term of `body`, expanded, is such a term (and there is one).
pub fn integral(body: &Atom, x: Symbol, cx: &RuleCx<'_>) -> Option<Atom> {
    if !mentions_law(body, cx) {
        return None;
    }
    let expanded = algebra::expand(body, cx).ok()?;
    let mut values = Vec::new();
    for term in terms(expanded.as_view()) {
        values.push(law_term(term, x, cx)?.ok()?);
    }
    Some(Atom::add_many(values.iter()))
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{normal_form, step};
    use crate::verdict::Family::{Algebra, Definitions, Gaussian, Linearity};

    const X: &str = r"let X have mean \mu and variance \sigma^2";

    #[test]
    fn the_declaration_gives_the_integrals_of_one_x_and_x_squared() {
        insta::assert_snapshot!(normal_form(X, &[Definitions], r"\mathbb{E}[X]"), @"μ");
        insta::assert_snapshot!(normal_form(X, &[Definitions, Algebra], r"\mathbb{E}[(X - \mu)^2]"), @"σ²");
        insta::assert_snapshot!(step(X, r"\operatorname{Var}(aX + b)", r"a^2 \sigma^2"), @"proved by algebra, definitions using moment 0 of f_X, moment 1 of f_X, moment 2 of f_X");
        // Without definitions the integrals stay as written; the Gaussian rule
        // leaves them to the declaration.
        insta::assert_snapshot!(normal_form(X, &[Gaussian, Linearity], r"\mathbb{E}[X]"), @"∫ X f_X(X) dX");
    }

    #[test]
    fn nothing_else_about_the_law_is_known() {
        insta::assert_snapshot!(step(X, r"\mathbb{E}[X^3]", r"\mu^3 + 3\mu\sigma^2"), @"blocked: cannot tell that ∫ X³ f_X(X) dX converges: only the mean and variance of this law are declared, not its moment of order 3");
        insta::assert_snapshot!(step(X, r"\mathbb{E}[e^{tX}]", r"e^{\mu t + \sigma^2 t^2/2}"), @"blocked: cannot tell that ∫ exp(tX) f_X(X) dX converges: `exp(Xt)` under a law known only by its mean and variance: only the integrals of 1, x and x² against it are known");
        insta::assert_snapshot!(step(X, r"\mathbb{E}[\log f_X(X)]", "0"), @"blocked: cannot tell that ∫ log(f_X(X)) f_X(X) dX converges: `log(f_X(X))` under a law known only by its mean and variance: only the integrals of 1, x and x² against it are known");
    }
}
