//! Which named Gaussian facts a proved step relies on.
//!
//! Both sides are normalised *without* the Gaussian family, with every integral of a
//! polynomial times a declared density rewritten in that density's central moments
//! `mom(p, k) = ∫(x−μ)ᵏ p(x) dx`. The moments that survive in the difference are
//! exactly what the step needs: for the seed's step 10 → 11 that is `mom(p₁, 0)` (∫p₁ = 1)
//! and `mom(p₁, 1)` (E[x−μ₁] = 0); integrals that appear alike on both sides cancel and
//! are not reported.

use std::collections::BTreeSet;

use symbolica::atom::{Atom, AtomCore, AtomView, Symbol};

use super::normalize::difference;
use super::rules::gaussian::power;
use super::rules::{algebra, log_exp, RuleCx};
use super::symbols::SymbolRole;
use super::walk::{as_integer, factors, integral_parts, map_views_bottom_up, terms, unary_arg};
use crate::verdict::{Fact, Family, FamilySet};

/// The facts used by the step `lhs = rhs`, which the Gaussian family proved.
pub fn used(lhs: &Atom, rhs: &Atom, cx: &RuleCx<'_>) -> Vec<Fact> {
    let families = FamilySet::of(&[Family::Algebra, Family::LogExp, Family::Linearity]);
    let prepare = |a: &Atom| moment_form(&densities_in_logs(a, cx), cx);
    let Ok(d) = difference(&prepare(lhs), &prepare(rhs), families, cx) else {
        return vec![Fact::GeneralIntegral];
    };
    let d = moment_form(&d, cx);
    let mut moments = BTreeSet::new();
    let mut generating = BTreeSet::new();
    let mut general = false;
    let mut split = false;
    d.visitor(&mut |view| {
        if let AtomView::Fun(f) = view {
            if f.get_symbol() == cx.symbols.mom && f.get_nargs() == 2 {
                if let (Some(p), Some(k)) = (f.get(0).get_symbol(), as_integer(f.get(1))) {
                    if let Some(SymbolRole::Function(name)) = cx.symbols.role(p) {
                        moments.insert((name.clone(), k as u32));
                    }
                }
                return false;
            }
            if [cx.symbols.int, cx.symbols.dint].contains(&f.get_symbol())
                && super::rules::holds_absolute_value_of_variable(view, cx)
            {
                split = true;
            }
            if f.get_symbol() == cx.symbols.int {
                match mgf_density(view, cx) {
                    Some(density) => {
                        generating.insert(density);
                    }
                    None => general = true,
                }
                return false;
            }
        }
        true
    });
    let mut facts: Vec<Fact> = moments
        .into_iter()
        .map(|(density, k)| Fact::CentralMoment { density, k })
        .collect();
    facts.extend(
        generating
            .into_iter()
            .map(|density| Fact::MomentGenerating { density }),
    );
    if general {
        facts.push(Fact::GeneralIntegral);
    }
    if split {
        facts.push(Fact::Special(
            crate::verdict::SpecialLaw::AbsoluteValueSplit,
        ));
    }
    facts
}

/// The density `p` when `view` is `∫ exp(u)·p(x) dx` with `u` linear in `x` (and
/// `p` a declared Gaussian density of `x`): an instance of the moment generating
/// function `E_p[e^{tx}] = e^{μt + σ²t²/2}`.
fn mgf_density(view: AtomView<'_>, cx: &RuleCx<'_>) -> Option<crate::term::Name> {
    let (body, x) = integral_parts(view, cx.symbols)?;
    let mut density = None;
    let mut exponentials = 0;
    for factor in factors(body.as_view()) {
        if let Some(u) = unary_arg(factor, cx.symbols.exp) {
            if u.derivative(x).contains_symbol(x) {
                return None;
            }
            exponentials += 1;
            continue;
        }
        let call = cx.call(factor)?;
        let of_x =
            call.as_declared && matches!(call.args(), [AtomView::Var(v)] if v.get_symbol() == x);
        let gaussian = call.def.gaussian.is_some();
        match (of_x && gaussian, cx.symbols.role(call.def.symbol), &density) {
            (true, Some(SymbolRole::Function(name)), None) => density = Some(name.clone()),
            _ => return None,
        }
    }
    (exponentials > 0).then_some(density).flatten()
}

/// `log p(u)` with the declared density written out, so the log laws can open it,
/// while densities outside logs stay as the weights the moments are taken against.
fn densities_in_logs(atom: &Atom, cx: &RuleCx<'_>) -> Atom {
    let log = cx.symbols.log;
    let offset = cx.next_free_level(atom.as_view());
    let out = map_views_bottom_up(atom.as_view(), &mut |a| {
        let u = unary_arg(a, log)?;
        if cx.call(u).is_none_or(|call| call.def.gaussian.is_none()) {
            return None;
        }
        let formula = cx.expand_call(u, offset)?;
        Some(log_exp::apply(&log.call_args([&formula]), cx))
    });
    cx.relevel(&out)
}

/// Every `∫ poly(x)·p(x) dx` for a declared density `p` rewritten as a combination of
/// `mom(p, k)`; other integrals are left alone.
fn moment_form(atom: &Atom, cx: &RuleCx<'_>) -> Atom {
    map_views_bottom_up(atom.as_view(), &mut |a| {
        let (body, x) = integral_parts(a, cx.symbols)?;
        in_moments(&body, x, cx)
    })
}

fn in_moments(body: &Atom, x: Symbol, cx: &RuleCx<'_>) -> Option<Atom> {
    let expanded = algebra::expand(body, cx).ok()?;
    let mut out = Vec::new();
    for term in terms(expanded.as_view()) {
        let mut density = None;
        let mut k = 0u32;
        let mut constant = Vec::new();
        for f in factors(term) {
            if !f.contains_symbol(x) {
                constant.push(f.to_owned());
            } else if let Some(p) = density_of(f, x, cx) {
                if density.replace(p).is_some() {
                    return None;
                }
            } else {
                k += power_of(f, x)?;
            }
        }
        let (p, mean) = density?;
        // xᵏ = ((x − μ) + μ)ᵏ: the raw moment in terms of central moments.
        let central: Vec<Atom> = (0..=k)
            .map(|j| {
                let binomial =
                    (0..j).fold(1i64, |acc, i| acc * i64::from(k - i) / i64::from(i + 1));
                Atom::num(binomial)
                    * power(&mean, k - j)
                    * cx.symbols
                        .mom
                        .call_args([&Atom::var(p), &Atom::num(i64::from(j))])
            })
            .collect();
        out.push(Atom::mul_many(constant.iter()) * Atom::add_many(central.iter()));
    }
    Some(Atom::add_many(out.iter()))
}

/// The density symbol and mean when `f` is `p(x)` for a declared Gaussian `p` (or a law
/// declared by its moments) whose
/// parameters are its own (not rebound by an integral or a substitution).
fn density_of(f: AtomView<'_>, x: Symbol, cx: &RuleCx<'_>) -> Option<(Symbol, Atom)> {
    let call = cx.call(f)?;
    // A law declared by its mean and variance has its moments named the same way.
    let (mean, _) = call.def.gaussian.as_ref().or(call.def.moments.as_ref())?;
    (call.as_declared && matches!(call.args(), [AtomView::Var(v)] if v.get_symbol() == x))
        .then(|| (call.def.symbol, mean.clone()))
}

fn power_of(f: AtomView<'_>, x: Symbol) -> Option<u32> {
    match f {
        AtomView::Var(v) if v.get_symbol() == x => Some(1),
        AtomView::Pow(p) => {
            let (base, e) = p.get_base_exp();
            (base.get_symbol() == Some(x) && matches!(base, AtomView::Var(_)))
                .then(|| as_integer(e).and_then(|n| u32::try_from(n).ok()))
                .flatten()
        }
        _ => None,
    }
}
