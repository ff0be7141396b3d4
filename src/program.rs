//! `Program`: a derivation file with every name resolved, ready to check.
//!
//! `lower` builds it from the syntax tree; `engine` reads its [`Context`] (what is
//! declared and assumed) and the checker walks its chains. Everything is plain data
//! over [`Term`], so it crosses the channel to the engine thread as is.

use std::collections::{BTreeMap, BTreeSet};

use crate::source::Span;
use crate::term::{Name, Term};

/// Declarations and assumptions that every step of a file is checked under.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// Symbols known to be positive: assumed ones and standard deviations of declared
    /// densities.
    pub positive: BTreeSet<Name>,
    /// Functions declared with `let`, densities included.
    pub functions: Vec<FunctionDef>,
    /// Which check of a file this context is for (0 when none is named): the engine
    /// keeps each file's symbols apart (`engine::symbols`), so that what one file's
    /// report prints never depends on the files checked before or beside it. Two
    /// contexts of different files are never equal.
    pub file: u64,
}

impl Context {
    /// The declared function called `name`.
    pub fn function(&self, name: &Name) -> Option<&FunctionDef> {
        self.functions.iter().find(|f| &f.name == name)
    }

    /// For each declared function, the names its value depends on besides its
    /// parameters, sorted: the free names of its formula and of the formulas it calls.
    ///
    /// A formula is read where it is used: `p(x) = N(x; μ, σ²)` depends on μ and σ, so
    /// under `∫ … dμ` the μ of `p(x)` is the variable of integration, as a reader of
    /// `∫ p(x) e^{−μ²} dμ` means it. Only the formula's own integration variables are
    /// private to it (they are renamed rather than capture an argument).
    pub fn globals(&self) -> BTreeMap<Name, Vec<Name>> {
        let mut done: BTreeMap<Name, Vec<Name>> = BTreeMap::new();
        for f in &self.functions {
            self.globals_of(f, &mut done, &mut Vec::new());
        }
        done
    }

    fn globals_of(
        &self,
        f: &FunctionDef,
        done: &mut BTreeMap<Name, Vec<Name>>,
        visiting: &mut Vec<Name>,
    ) -> Vec<Name> {
        if let Some(known) = done.get(&f.name) {
            return known.clone();
        }
        // A definition cannot call itself (a name is declared only once its formula
        // is read), but a hand-built context might: the cycle contributes nothing.
        if visiting.contains(&f.name) {
            return Vec::new();
        }
        visiting.push(f.name.clone());
        let mut out = BTreeSet::new();
        let mut bound = f.params.clone();
        self.free_through_calls(&f.body, &mut bound, done, visiting, &mut out);
        // A law has no formula: it depends on what its mean and variance do.
        for moment in f.moments.iter().flat_map(|m| [&m.mean, &m.variance]) {
            self.free_through_calls(moment, &mut bound, done, visiting, &mut out);
        }
        visiting.pop();
        let out: Vec<Name> = out.into_iter().collect();
        done.insert(f.name.clone(), out.clone());
        out
    }

    fn free_through_calls(
        &self,
        term: &Term,
        bound: &mut Vec<Name>,
        done: &mut BTreeMap<Name, Vec<Name>>,
        visiting: &mut Vec<Name>,
        out: &mut BTreeSet<Name>,
    ) {
        let mut go = |t: &Term, bound: &mut Vec<Name>, out: &mut BTreeSet<Name>| {
            self.free_through_calls(t, bound, done, visiting, out)
        };
        match term {
            Term::Num(_) | Term::Pi => {}
            Term::Sym(n) => {
                if !bound.contains(n) {
                    out.insert(n.clone());
                }
            }
            Term::Add(ts) | Term::Mul(ts) => ts.iter().for_each(|t| go(t, bound, out)),
            Term::Pow(a, b) => {
                go(a, bound, out);
                go(b, bound, out);
            }
            Term::Log(a) | Term::Exp(a) | Term::Special(_, a) => go(a, bound, out),
            Term::Integral { var, body } | Term::Limit { var, body, .. } => {
                bound.push(var.clone());
                go(body, bound, out);
                bound.pop();
            }
            Term::Series {
                var,
                lower,
                upper,
                body,
                ..
            } => {
                go(lower, bound, out);
                go(upper, bound, out);
                bound.push(var.clone());
                go(body, bound, out);
                bound.pop();
            }
            Term::Definite { var, body, .. } => {
                for limit in term.finite_limits() {
                    go(limit, bound, out);
                }
                bound.push(var.clone());
                go(body, bound, out);
                bound.pop();
            }
            Term::Indexed(_, index) => go(index, bound, out),
            Term::Call(h, args) => {
                args.iter().for_each(|t| go(t, bound, out));
                if let Some(def) = self.function(h) {
                    for g in self.globals_of(def, done, visiting) {
                        if !bound.contains(&g) {
                            out.insert(g);
                        }
                    }
                }
            }
        }
    }

    /// `term` with every call of a declared function replaced by its formula (read
    /// where it is used, see [`Context::globals`]), or `None` once the result would
    /// have more than `max_nodes` nodes: the expansion stops there, so 30 definitions
    /// that each double the previous one cost no more than `max_nodes` nodes of work.
    pub fn expand_calls(&self, term: &Term, max_nodes: usize) -> Option<Term> {
        let expanded = self.expand_within(term, max_nodes, 0)?;
        (expanded.n_nodes() <= max_nodes).then_some(expanded)
    }

    fn expand_within(&self, term: &Term, max_nodes: usize, depth: usize) -> Option<Term> {
        // Definitions form a chain at most as long as the list of them; deeper means
        // a cycle in a hand-built context.
        if depth > self.functions.len() + 1 {
            return None;
        }
        let go = |t: &Term| self.expand_within(t, max_nodes, depth);
        let out = match term {
            Term::Num(_) | Term::Pi | Term::Sym(_) => term.clone(),
            Term::Add(ts) => Term::add(ts.iter().map(go).collect::<Option<Vec<_>>>()?),
            Term::Mul(ts) => Term::mul(ts.iter().map(go).collect::<Option<Vec<_>>>()?),
            Term::Pow(a, b) => Term::pow(go(a)?, go(b)?),
            Term::Log(a) => Term::log(go(a)?),
            Term::Exp(a) => Term::exp(go(a)?),
            Term::Special(f, a) => Term::Special(*f, Box::new(go(a)?)),
            Term::Integral { var, body } => Term::Integral {
                var: var.clone(),
                body: Box::new(go(body)?),
            },
            Term::Series {
                op,
                var,
                lower,
                upper,
                body,
            } => Term::Series {
                op: *op,
                var: var.clone(),
                lower: Box::new(go(lower)?),
                upper: Box::new(go(upper)?),
                body: Box::new(go(body)?),
            },
            Term::Indexed(base, index) => Term::Indexed(base.clone(), Box::new(go(index)?)),
            Term::Limit { var, body, to } => Term::Limit {
                var: var.clone(),
                body: Box::new(go(body)?),
                to: *to,
            },
            Term::Definite {
                var,
                body,
                lower,
                upper,
            } => Term::Definite {
                var: var.clone(),
                body: Box::new(go(body)?),
                lower: Box::new(lower.try_map(go)?),
                upper: Box::new(upper.try_map(go)?),
            },
            Term::Call(f, args) => {
                let args = args.iter().map(go).collect::<Option<Vec<_>>>()?;
                match self.function(f) {
                    Some(def) if def.params.len() == args.len() && def.moments.is_none() => {
                        self.expand_within(&def.apply(&args), max_nodes, depth + 1)?
                    }
                    _ => Term::Call(f.clone(), args),
                }
            }
        };
        (out.n_nodes() <= max_nodes).then_some(out)
    }
}

/// `let name(params) = body`.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionDef {
    /// The function's name.
    pub name: Name,
    /// Its parameters.
    pub params: Vec<Name>,
    /// Its formula, in terms of `params`.
    pub body: Term,
    /// Set when the function is a Gaussian density `N(x; mean, std²)` in its one
    /// parameter; the Gaussian family then knows its moments by name.
    pub gaussian: Option<Gaussian>,
    /// Set when the function is the density of a law known only by its mean and
    /// variance: it has no formula (`body` is the call itself, never written out), and
    /// only `∫ f`, `∫ x f` and `∫ x² f` have values.
    pub moments: Option<Moments>,
}

/// The mean and variance a law is declared with (`let X have mean μ and variance σ²`).
#[derive(Debug, Clone, PartialEq)]
pub struct Moments {
    /// The mean.
    pub mean: Term,
    /// The variance.
    pub variance: Term,
}

impl FunctionDef {
    /// The body with the parameters replaced by `args`; the body's own integration
    /// variables are renamed where an argument mentions them, so none is captured.
    pub fn apply(&self, args: &[Term]) -> Term {
        self.body.substitute(&|name| {
            self.params
                .iter()
                .position(|p| p == name)
                .and_then(|i| args.get(i).cloned())
        })
    }
}

/// The parameters of a declared Gaussian density.
#[derive(Debug, Clone, PartialEq)]
pub struct Gaussian {
    /// The mean.
    pub mean: Term,
    /// The standard deviation (positive).
    pub std: Term,
}

impl Gaussian {
    /// The density's formula in `x`: `exp(−(x−mean)²/(2·std²)) / (√(2π)·std)`, written as
    /// the seed writes it.
    pub fn formula(&self, x: Term) -> Term {
        let deviation = Term::add([x, Term::negate(self.mean.clone())]);
        let exponent = Term::negate(Term::quotient(
            Term::pow(deviation, Term::int(2)),
            Term::mul([Term::int(2), Term::pow(self.std.clone(), Term::int(2))]),
        ));
        Term::mul([
            Term::quotient(
                Term::int(1),
                Term::mul([
                    Term::pow(Term::mul([Term::int(2), Term::Pi]), Term::frac(1, 2)),
                    self.std.clone(),
                ]),
            ),
            Term::exp(exponent),
        ])
    }
}

/// A whole file, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// What every step is checked under.
    pub context: Context,
    /// The chains, in source order.
    pub chains: Vec<Chain>,
}

/// A resolved chain of equalities.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    /// Index of the chain in the syntax tree's `Document::items`.
    pub ast_item: usize,
    /// The chain's name as written (e.g. `KL(p_1, p_2)`) and where.
    pub name: Option<(String, Span)>,
    /// Set when the chain starts from a specialisation of an earlier chain.
    pub specialisation: Option<Specialisation>,
    /// The steps; consecutive ones are claimed equal. In a chain of equations, the
    /// two sides of each equation in turn (see [`crate::syntax::ast::Chain`]).
    pub steps: Vec<Step>,
    /// Empty, or the connective before each equation after the first of a chain of
    /// equations.
    pub connectives: Vec<crate::syntax::ast::Connective>,
    /// The number of the first step: 1, or 0 when it is the meaning of the chain's
    /// name (`KL(p, q)`), so that the expressions written keep their numbers.
    pub first_number: usize,
}

/// One resolved expression of a chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// What it means.
    pub term: Term,
    /// Where it was written.
    pub span: Span,
    /// Index of this expression in the syntax tree's chain (`ast::Chain::steps`).
    pub ast_idx: usize,
    /// The named facts of vectors and matrices its lowering used ("E of a quadratic
    /// form", "trace is cyclic"; see `lower::matrix`); empty for scalar steps.
    pub facts: Vec<String>,
}

/// A chain's starting point taken from an earlier chain with values substituted.
#[derive(Debug, Clone, PartialEq)]
pub struct Specialisation {
    /// The earlier chain's index in [`Program::chains`].
    pub target_chain: usize,
    /// The earlier chain's value: its last step.
    pub value: Term,
    /// The substitutions, symbol by symbol.
    pub bindings: Vec<(Name, Term)>,
    /// The `specialise` directive, for diagnostics.
    pub span: Span,
    /// Index of the directive in the syntax tree's `Document::items`.
    pub ast_item: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(name: &str, params: &[&str], body: Term) -> FunctionDef {
        FunctionDef {
            name: Name::new(name),
            params: params.iter().map(|p| Name::new(*p)).collect(),
            body,
            gaussian: None,
            moments: None,
        }
    }

    #[test]
    fn globals_are_the_free_names_of_a_formula_through_its_calls() {
        let gaussian = Gaussian {
            mean: Term::sym("μ"),
            std: Term::sym("σ"),
        };
        let p = FunctionDef {
            gaussian: Some(gaussian.clone()),
            ..def("p", &["x"], gaussian.formula(Term::sym("x")))
        };
        let g = def(
            "g",
            &["y"],
            Term::add([
                Term::Call(Name::new("p"), vec![Term::sym("y")]),
                Term::Integral {
                    var: Name::new("μ"),
                    body: Box::new(Term::Call(Name::new("p"), vec![Term::sym("c")])),
                },
            ]),
        );
        let context = Context {
            functions: vec![p, g],
            ..Context::default()
        };
        let globals = context.globals();
        let names =
            |f: &str| -> Vec<&str> { globals[&Name::new(f)].iter().map(Name::as_str).collect() };
        assert_eq!(names("p"), ["μ", "σ"]);
        assert_eq!(names("g"), ["c", "μ", "σ"]);
    }

    #[test]
    fn expansion_stops_at_its_budget() {
        // f_0(x) = x, f_{i+1}(x) = f_i(x) + f_i(x): 2^30 leaves written out.
        let mut functions = vec![def("f_0", &["x"], Term::sym("x"))];
        for i in 1..=30 {
            let call = Term::Call(Name::new(format!("f_{}", i - 1)), vec![Term::sym("x")]);
            functions.push(def(
                &format!("f_{i}"),
                &["x"],
                Term::Add(vec![call.clone(), call]),
            ));
        }
        let context = Context {
            functions,
            ..Context::default()
        };
        let call = |i: usize| Term::Call(Name::new(format!("f_{i}")), vec![Term::sym("a")]);
        let started = std::time::Instant::now();
        assert_eq!(context.expand_calls(&call(30), 5000), None);
        assert!(started.elapsed().as_secs_f64() < 1.0);
        let small = context.expand_calls(&call(3), 5000).unwrap();
        assert_eq!(small, Term::Add(vec![Term::sym("a"); 8]));
    }

    #[test]
    fn applying_a_definition_does_not_capture_its_argument() {
        // f(a) = ∫ e^{-(t-a)^2} dt, applied to t.
        let f = def(
            "f",
            &["a"],
            Term::Integral {
                var: Name::new("t"),
                body: Box::new(Term::exp(Term::negate(Term::pow(
                    Term::add([Term::sym("t"), Term::negate(Term::sym("a"))]),
                    Term::int(2),
                )))),
            },
        );
        let applied = f.apply(&[Term::sym("t")]);
        assert_eq!(
            applied.free_symbols().into_iter().collect::<Vec<_>>(),
            [Name::new("t")]
        );
    }
}
