//! Bounds checked on a [`Term`] before it reaches Symbolica, so that untrusted input
//! cannot make the engine build astronomically large numbers or expressions (which
//! would exhaust memory, or abort inside the arithmetic library). Symbolica computes
//! as it builds (`7^1000` becomes a 2807-bit number the moment it is an atom) and one
//! of its calls cannot be interrupted, so the bounds are on what a term *would*
//! become, estimated before any atom exists:
//!
//! - its size once every definition is written out, counted per definition with
//!   memoisation (31 `let` lines that each double the previous one are 2³¹ nodes,
//!   counted in 31 steps, never built);
//! - the depth of that written-out term;
//! - the bits of the exact numbers it can produce: constant powers multiply the bits
//!   of their base by the exponent, through every level of nesting, so
//!   `(7^{1000})^{1000}` is refused at once although each exponent is within bounds.
//!
//! Expansion sizes and common denominators are bounded separately, in
//! `rules::algebra`, where they arise.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use crate::program::Context;
use crate::term::{Name, Term};
use crate::verdict::{Blocker, Limit, Limits};

/// The deepest expression accepted, in levels of the term tree. Normalising nested
/// powers costs far more than linear time in the depth: 199 nested `\sqrt{…}` (which
/// the parser accepts) took 24 s in a release build, 100 took 3 s, 50 half a second
/// (a deep seed input written for the fuzzer). Every derivation and fixture in the
/// repository passes under it.
pub const MAX_DEPTH: usize = 64;

/// Bits of exact numbers allowed per unit of `max_exponent`: a 64-bit number raised
/// to the largest exponent allowed.
pub const BITS_PER_EXPONENT: u64 = 64;

/// Refuse terms that are too large or too deep once their definitions are written
/// out, that raise something to a huge constant power, or that would build huge
/// numbers.
#[cfg(test)]
pub fn check_term(term: &Term, context: &Context, limits: &Limits) -> Result<(), Blocker> {
    check_with(term, context, &context.globals(), limits)
}

/// [`check_term`] for a context shared by many requests (a file's): what its
/// declarations depend on is computed once per context, not once per term, which
/// made a file's checks grow with the square of its declarations.
pub fn check_shared_term(
    term: &Term,
    context: &Arc<Context>,
    limits: &Limits,
) -> Result<(), Blocker> {
    type Last = Option<(Arc<Context>, Arc<BTreeMap<Name, Vec<Name>>>)>;
    static LAST: Mutex<Last> = Mutex::new(None);
    let globals = {
        let mut last = LAST.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match &*last {
            // Holding the context keeps its address from being reused by another.
            Some((c, g)) if Arc::ptr_eq(c, context) => g.clone(),
            _ => {
                let g = Arc::new(context.globals());
                *last = Some((context.clone(), g.clone()));
                g
            }
        }
    };
    check_with(term, context, &globals, limits)
}

fn check_with(
    term: &Term,
    context: &Context,
    globals: &BTreeMap<Name, Vec<Name>>,
    limits: &Limits,
) -> Result<(), Blocker> {
    let too_large = |found: usize| {
        Err(Blocker::Limit(Limit::ExpressionSize {
            found,
            max: limits.max_nodes,
        }))
    };
    let n_nodes = term.n_nodes();
    if n_nodes > limits.max_nodes {
        return too_large(n_nodes);
    }
    let written_out = Sizes::new(context, globals).of(term, &mut Vec::new()).nodes;
    if written_out > limits.max_nodes as f64 {
        return too_large(saturating_usize(written_out));
    }
    // Now small enough to write out (within `max_nodes`) and look at whole.
    let Some(expanded) = context.expand_calls(term, limits.max_nodes) else {
        return too_large(limits.max_nodes + 1);
    };
    let depth = depth(&expanded);
    if depth > MAX_DEPTH {
        return Err(Blocker::Limit(Limit::ExpressionDepth {
            found: depth,
            max: MAX_DEPTH,
        }));
    }
    check_exponents(&expanded, f64::from(limits.max_exponent))?;
    let bits = number_bits(&expanded);
    let max_bits = BITS_PER_EXPONENT * u64::from(limits.max_exponent);
    let estimate = bits.num + bits.den;
    if estimate > max_bits as f64 {
        return Err(Blocker::Limit(Limit::NumberBits {
            estimate: if estimate.is_finite() {
                estimate as u64
            } else {
                u64::MAX
            },
            max: max_bits,
        }));
    }
    Ok(())
}

fn saturating_usize(x: f64) -> usize {
    if x.is_finite() && x < usize::MAX as f64 {
        x as usize
    } else {
        usize::MAX
    }
}

/// The size of a term with its definitions written out, and how often each free
/// name occurs in it; counted in `f64` so that astronomical sizes saturate.
#[derive(Clone)]
struct Size {
    nodes: f64,
    occurrences: BTreeMap<Name, f64>,
}

/// Written-out sizes, memoised per declared function.
struct Sizes<'c> {
    context: &'c Context,
    functions: HashMap<Name, Size>,
    globals: &'c BTreeMap<Name, Vec<Name>>,
}

impl<'c> Sizes<'c> {
    fn new(context: &'c Context, globals: &'c BTreeMap<Name, Vec<Name>>) -> Self {
        Sizes {
            context,
            functions: HashMap::new(),
            globals,
        }
    }

    /// The size of `term` written out; `bound` holds the integration variables around.
    fn of(&mut self, term: &Term, bound: &mut Vec<Name>) -> Size {
        let leaf = |occurrences| Size {
            nodes: 1.0,
            occurrences,
        };
        match term {
            Term::Num(_) | Term::Pi => leaf(BTreeMap::new()),
            Term::Sym(n) => leaf(if bound.contains(n) {
                BTreeMap::new()
            } else {
                BTreeMap::from([(n.clone(), 1.0)])
            }),
            Term::Add(ts) | Term::Mul(ts) => {
                let parts: Vec<Size> = ts.iter().map(|t| self.of(t, bound)).collect();
                sum_of(1.0, parts)
            }
            Term::Pow(a, b) => {
                let parts = vec![self.of(a, bound), self.of(b, bound)];
                sum_of(1.0, parts)
            }
            Term::Log(a) | Term::Exp(a) | Term::Special(_, a) => {
                sum_of(1.0, vec![self.of(a, bound)])
            }
            Term::Integral { var, body } | Term::Limit { var, body, .. } => {
                bound.push(var.clone());
                let body = self.of(body, bound);
                bound.pop();
                sum_of(2.0, vec![body])
            }
            Term::Series {
                var,
                lower,
                upper,
                body,
                ..
            } => {
                let (lower, upper) = (self.of(lower, bound), self.of(upper, bound));
                bound.push(var.clone());
                let body = self.of(body, bound);
                bound.pop();
                sum_of(2.0, vec![lower, upper, body])
            }
            Term::Indexed(_, index) => sum_of(1.0, vec![self.of(index, bound)]),
            Term::Definite { var, body, .. } => {
                let mut parts: Vec<Size> = term
                    .finite_limits()
                    .into_iter()
                    .map(|l| self.of(l, bound))
                    .collect();
                bound.push(var.clone());
                parts.push(self.of(body, bound));
                bound.pop();
                sum_of(4.0, parts)
            }
            Term::Call(f, args) => {
                let args: Vec<Size> = args.iter().map(|t| self.of(t, bound)).collect();
                let Some(def) = self.context.function(f) else {
                    return sum_of(1.0, args);
                };
                if def.params.len() != args.len() {
                    return sum_of(1.0, args);
                }
                let body = self.function(f);
                // Each occurrence of a parameter becomes a copy of its argument.
                let mut nodes = body.nodes;
                let mut occurrences: BTreeMap<Name, f64> = BTreeMap::new();
                for (param, arg) in def.params.iter().zip(&args) {
                    let copies = body.occurrences.get(param).copied().unwrap_or(0.0);
                    nodes += copies * (arg.nodes - 1.0);
                    for (name, n) in &arg.occurrences {
                        *occurrences.entry(name.clone()).or_default() += copies * n;
                    }
                }
                // The names the formula depends on stay, read where the call is.
                for g in self.globals.get(f).into_iter().flatten() {
                    if let (Some(n), false) = (body.occurrences.get(g), bound.contains(g)) {
                        *occurrences.entry(g.clone()).or_default() += n;
                    }
                }
                Size { nodes, occurrences }
            }
        }
    }

    /// The written-out size of `f`'s formula, in its parameters and dependencies.
    fn function(&mut self, f: &Name) -> Size {
        if let Some(known) = self.functions.get(f) {
            return known.clone();
        }
        // A placeholder while the formula is measured: a (hand-built) cycle counts
        // as one node rather than recursing for ever.
        self.functions.insert(f.clone(), sum_of(1.0, Vec::new()));
        let size = match self.context.function(f) {
            Some(def) => self.of(&def.body.clone(), &mut Vec::new()),
            None => sum_of(1.0, Vec::new()),
        };
        self.functions.insert(f.clone(), size.clone());
        size
    }
}

fn sum_of(own: f64, parts: Vec<Size>) -> Size {
    let mut nodes = own;
    let mut occurrences: BTreeMap<Name, f64> = BTreeMap::new();
    for part in parts {
        nodes += part.nodes;
        for (name, n) in part.occurrences {
            *occurrences.entry(name).or_default() += n;
        }
    }
    Size { nodes, occurrences }
}

/// Levels in the term tree: 1 for a leaf.
fn depth(term: &Term) -> usize {
    1 + match term {
        Term::Num(_) | Term::Sym(_) | Term::Pi => 0,
        Term::Add(ts) | Term::Mul(ts) | Term::Call(_, ts) => {
            ts.iter().map(depth).max().unwrap_or(0)
        }
        Term::Pow(a, b) => depth(a).max(depth(b)),
        Term::Log(a) | Term::Exp(a) | Term::Special(_, a) => depth(a),
        Term::Integral { body, .. } | Term::Limit { body, .. } => depth(body),
        Term::Definite { body, .. } => term
            .finite_limits()
            .into_iter()
            .map(depth)
            .fold(depth(body), usize::max),
        Term::Indexed(_, body) => depth(body),
        Term::Series {
            lower, upper, body, ..
        } => depth(lower).max(depth(upper)).max(depth(body)),
    }
}

fn check_exponents(term: &Term, max: f64) -> Result<(), Blocker> {
    let check_exponents = |t: &Term| check_exponents(t, max);
    match term {
        Term::Num(_) | Term::Sym(_) | Term::Pi => Ok(()),
        Term::Add(ts) | Term::Mul(ts) | Term::Call(_, ts) => {
            ts.iter().try_for_each(&check_exponents)
        }
        Term::Log(a) | Term::Exp(a) | Term::Special(_, a) => check_exponents(a),
        Term::Integral { body, .. } | Term::Limit { body, .. } => check_exponents(body),
        Term::Definite { body, .. } => {
            check_exponents(body)?;
            term.finite_limits()
                .into_iter()
                .try_for_each(check_exponents)
        }
        Term::Indexed(_, body) => check_exponents(body),
        Term::Series {
            lower, upper, body, ..
        } => [lower, upper, body]
            .into_iter()
            .try_for_each(|t| check_exponents(t)),
        Term::Pow(base, exp) => {
            check_exponents(base)?;
            check_exponents(exp)?;
            match constant_value(exp) {
                Some(e) if e.abs() > max => Err(Blocker::Limit(Limit::Exponent {
                    found: if e.is_finite() { e as i64 } else { i64::MAX },
                    max: max as i64,
                })),
                _ => Ok(()),
            }
        }
    }
}

/// Bits of the numerator and denominator of the exact numbers a term can produce,
/// an upper estimate.
#[derive(Clone, Copy, Default)]
struct Bits {
    num: f64,
    den: f64,
}

fn number_bits(term: &Term) -> Bits {
    let bits_of = |n: u64| f64::from(64 - n.leading_zeros());
    match term {
        Term::Num(r) => Bits {
            num: bits_of(r.num().unsigned_abs()),
            // An integer's denominator, 1, adds nothing.
            den: bits_of(r.den().unsigned_abs()) - 1.0,
        },
        Term::Sym(_) | Term::Pi => Bits::default(),
        // Over a common denominator: the denominators multiply.
        Term::Add(ts) => {
            let parts: Vec<Bits> = ts.iter().map(number_bits).collect();
            let den: f64 = parts.iter().map(|b| b.den).sum();
            let num = parts
                .iter()
                .map(|b| b.num + den - b.den)
                .fold(0.0, f64::max)
                + (ts.len() as f64).log2().ceil();
            Bits { num, den }
        }
        Term::Mul(ts) | Term::Call(_, ts) => {
            ts.iter()
                .map(number_bits)
                .fold(Bits::default(), |a, b| Bits {
                    num: a.num + b.num,
                    den: a.den + b.den,
                })
        }
        Term::Pow(base, exp) => {
            let b = number_bits(base);
            let e = number_bits(exp);
            match exp.as_ref() {
                // `b^(p/q)` has the bits of `b^p`, at most.
                _ if constant_value(exp).is_some() => {
                    let p = constant_numerator(exp);
                    let (num, den) = if p < 0.0 {
                        (b.den, b.num)
                    } else {
                        (b.num, b.den)
                    };
                    Bits {
                        num: num * p.abs().max(1.0),
                        den: den * p.abs().max(1.0),
                    }
                }
                _ => Bits {
                    num: b.num + e.num,
                    den: b.den + e.den,
                },
            }
        }
        Term::Log(a) | Term::Exp(a) | Term::Special(_, a) => number_bits(a),
        Term::Integral { body, .. } | Term::Limit { body, .. } => number_bits(body),
        // Its value has powers of the limits up to the degree of the integrand.
        Term::Definite { body, .. } => {
            term.finite_limits()
                .into_iter()
                .map(number_bits)
                .fold(number_bits(body), |a, b| Bits {
                    num: a.num + b.num * 2.0,
                    den: a.den + b.den * 2.0,
                })
        }
        Term::Indexed(_, body) => number_bits(body),
        // A sum adds up as many terms as its range is long, a product multiplies them:
        // with a symbolic range the count is unknown, so only the parts are measured.
        Term::Series {
            lower, upper, body, ..
        } => [lower, upper, body]
            .into_iter()
            .map(|t| number_bits(t))
            .fold(Bits::default(), |a, b| Bits {
                num: a.num + b.num,
                den: a.den + b.den,
            }),
    }
}

/// The numerator of a constant exponent, roughly: the power a base is raised to
/// before any root is taken.
fn constant_numerator(term: &Term) -> f64 {
    match term {
        Term::Num(r) => r.num() as f64,
        other => constant_value(other).unwrap_or(f64::INFINITY).ceil(),
    }
}

/// The value of a term without symbols, roughly (for bounds only; NaN if undefined).
fn constant_value(term: &Term) -> Option<f64> {
    Some(match term {
        Term::Num(r) => r.to_f64(),
        Term::Pi => std::f64::consts::PI,
        Term::Sym(_)
        | Term::Call(..)
        | Term::Integral { .. }
        | Term::Series { .. }
        | Term::Indexed(..)
        | Term::Limit { .. }
        | Term::Definite { .. }
        | Term::Special(..) => return None,
        Term::Add(ts) => ts.iter().map(constant_value).sum::<Option<f64>>()?,
        Term::Mul(ts) => ts.iter().map(constant_value).product::<Option<f64>>()?,
        Term::Pow(b, e) => constant_value(b)?.powf(constant_value(e)?),
        Term::Log(a) => constant_value(a)?.ln(),
        Term::Exp(a) => constant_value(a)?.exp(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::Context;

    #[test]
    fn huge_constant_exponents_are_refused() {
        let tower = Term::pow(Term::int(10), Term::pow(Term::int(10), Term::int(10)));
        assert!(matches!(
            check_term(&tower, &Context::default(), &Limits::default()),
            Err(Blocker::Limit(Limit::Exponent { .. }))
        ));
        let none = Context::default();
        assert!(check_term(
            &Term::pow(Term::int(2), Term::int(100_000)),
            &none,
            &Limits::default()
        )
        .is_err());
        assert!(check_term(
            &Term::pow(Term::sym("x"), Term::int(20)),
            &none,
            &Limits::default()
        )
        .is_ok());
        assert!(check_term(
            &Term::pow(Term::int(2), Term::sym("x")),
            &none,
            &Limits::default()
        )
        .is_ok());
        let tight = Limits {
            max_exponent: 10,
            ..Limits::default()
        };
        assert!(check_term(&Term::pow(Term::int(2), Term::int(11)), &none, &tight).is_err());
    }

    /// Issue 10: each exponent was bounded on its own, so `(7^{1000})^{1000}`, a
    /// 2.8-million-bit number, took 26 s of CPU.
    #[test]
    fn numbers_too_large_are_refused_through_nested_powers() {
        let none = Context::default();
        let seven = |e: i64| Term::pow(Term::int(7), Term::int(e));
        let tower = Term::pow(seven(1000), Term::int(1000));
        assert_eq!(
            check_term(&tower, &none, &Limits::default()),
            Err(Blocker::Limit(Limit::NumberBits {
                estimate: 3_000_000,
                max: 64_000
            }))
        );
        assert!(check_term(&seven(1000), &none, &Limits::default()).is_ok());
        // Through a product of many, and through a sum raised to a power.
        let product = Term::mul(std::iter::repeat_n(seven(1000), 30));
        assert!(check_term(&product, &none, &Limits::default()).is_err());
        let binomial = Term::pow(Term::add([Term::sym("x"), seven(1000)]), Term::int(64));
        assert!(check_term(&binomial, &none, &Limits::default()).is_err());
        // A sum of many moderate numbers is not their product.
        let sum = Term::add(std::iter::repeat_n(seven(100), 500));
        assert!(check_term(&sum, &none, &Limits::default()).is_ok());
    }

    /// Issue 10: 31 `let` lines, each doubling the previous one, are 2³⁰ leaves
    /// once written out; measured per definition, refused at once.
    #[test]
    fn definition_blow_up_is_measured_not_expanded() {
        use crate::program::FunctionDef;
        let def = |i: usize, body: Term| FunctionDef {
            name: Name::new(format!("f_{i}")),
            params: vec![Name::new("x")],
            body,
            gaussian: None,
            moments: None,
        };
        let call = |i: usize, arg: Term| Term::Call(Name::new(format!("f_{i}")), vec![arg]);
        let mut context = Context::default();
        context
            .functions
            .push(def(0, Term::add([Term::sym("x"), Term::int(1)])));
        for i in 1..=30 {
            let body = Term::add([call(i - 1, Term::sym("x")), call(i - 1, Term::sym("x"))]);
            context.functions.push(def(i, body));
        }
        let started = std::time::Instant::now();
        let outcome = check_term(&call(30, Term::sym("a")), &context, &Limits::default());
        assert!(started.elapsed().as_secs_f64() < 0.5);
        assert!(
            matches!(outcome, Err(Blocker::Limit(Limit::ExpressionSize { found, .. })) if found > 1 << 31),
            "{outcome:?}"
        );
        assert!(check_term(&call(5, Term::sym("a")), &context, &Limits::default()).is_ok());
    }

    /// Found with a seed input for the fuzzer: 199 nested square roots took 24 s.
    #[test]
    fn deep_terms_are_refused() {
        let nested =
            |levels: usize| (0..levels).fold(Term::sym("x"), |t, _| Term::pow(t, Term::frac(1, 2)));
        assert!(check_term(
            &nested(MAX_DEPTH - 1),
            &Context::default(),
            &Limits::default()
        )
        .is_ok());
        assert!(matches!(
            check_term(&nested(199), &Context::default(), &Limits::default()),
            Err(Blocker::Limit(Limit::ExpressionDepth {
                found: 200,
                max: MAX_DEPTH
            }))
        ));
    }
}
