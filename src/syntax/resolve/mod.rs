//! Resolution: the one reading of a parsed document that both readers share.
//!
//! The parser's tree says what was written; [`resolve`] says what it means, once, for
//! the engine side (`lower`) and for the independent numeric check alike, so that a
//! reading can never differ between them (the numeric side keeps its own arithmetic,
//! not its own reading). It decides:
//!
//! - what a name is: a bound variable, a declared function or constant, a chain's
//!   value ([`ExprKind::ChainValue`]), `π` or Euler's `e` ([`ExprKind::Constant`]), a
//!   random variable, or a free parameter;
//! - whether `a(b + c)` is a call or a product, and refuses `f(2x)` when `f` reads as
//!   a function nobody declared;
//! - which chain a name names: a chain whose head restates an earlier chain's name
//!   continues it (`\mathrm{KL}[P\|Q] &= …` in every block of a note);
//! - what an expectation, variance or covariance is taken under (a declared density,
//!   a random variable `X \sim \mathcal{N}(\mu, \sigma^2)`, a law in its subscript),
//!   written out as the integral it means;
//! - which symbols are positive: assumed ones, and the standard deviation of every
//!   Gaussian (`\sigma` in `\mathcal{N}(\mu, \sigma^2)`), recorded as `assume` items.
//!
//! The result is a [`Document`] with only resolved kinds in its expressions, and the
//! errors of everything that has no single meaning.

mod applied;
mod chain_names;
mod error;
mod expr;
mod laws;
mod meanings;
mod moments;
mod sample_mean;
pub use sample_mean::said_to_be_the_mean;
mod series;
#[cfg(test)]
mod tests;
mod variables;
mod written_density;

use std::collections::{BTreeMap, BTreeSet};

pub use chain_names::{canonical_text, chain_name, mentions};
pub use error::{ResolveError, ResolveErrorKind};
pub use laws::declared_names;
pub use meanings::may_have_meaning;

use crate::source::Span;
use crate::syntax::ast::{
    Assumption, Chain, ChainName, Definition, Document, Expr, ExprKind, Ident, Item,
    Specialisation, Step,
};

/// Whether `expr`, in a resolved tree, is the derivative `g′(u)` that `∫ f d(g)` was
/// read as: resolution gives that node the span of the differential `g` itself, which
/// a derivative the author wrote (`\frac{d}{du} g`) never has.
pub fn is_substituted_differential(expr: &Expr) -> bool {
    matches!(&expr.kind, ExprKind::Derivative { body, order: 1, .. } if body.span == expr.span)
}

/// A document with one meaning, and what could not be given one.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The document, every expression resolved. Items that failed are left out.
    pub doc: Document,
    /// One error per construct without a single meaning.
    pub errors: Vec<ResolveError>,
}

/// Resolve `doc`.
pub fn resolve(doc: &Document) -> Resolved {
    resolve_with(doc, &[]).0
}

/// Resolve `doc`, then each of `exprs` as if written after it: every declaration and
/// chain name of the document in force. For formulas that are not in the document (a
/// printed final form read back to be checked, a test's expression): each comes back
/// resolved, or with the errors that stopped it.
pub fn resolve_with(
    doc: &Document,
    exprs: &[Expr],
) -> (Resolved, Vec<Result<Expr, Vec<ResolveError>>>) {
    let (resolved, mut after) = resolve_keeping(doc);
    let extra = exprs.iter().map(|e| after.expr(e)).collect();
    (resolved, extra)
}

/// Resolve `doc`, keeping what it declares, so that formulas not in the document (a
/// printed final form read back to be checked) can be resolved after it, one by one.
pub fn resolve_keeping(doc: &Document) -> (Resolved, AfterDocument) {
    let (resolved, resolver) = resolve_document(doc);
    (resolved, AfterDocument { resolver })
}

/// What a resolved document declares, for resolving formulas written after it.
#[derive(Debug, Default)]
pub struct AfterDocument {
    resolver: Resolver,
}

impl AfterDocument {
    /// `expr` resolved as if written after the document: every declaration and chain
    /// name in force.
    pub fn expr(&mut self, expr: &Expr) -> Result<Expr, Vec<ResolveError>> {
        let before = self.resolver.errors.len();
        let resolved = self.resolver.formula(expr, &Vec::new());
        match self.resolver.errors.split_off(before) {
            errors if errors.is_empty() => Ok(resolved),
            errors => Err(errors),
        }
    }
}

fn resolve_document(doc: &Document) -> (Resolved, Resolver) {
    let mut resolver = Resolver {
        data: series::data_names(doc),
        ..Resolver::default()
    };
    let mut items = Vec::new();
    // `… = \frac{1}{n}\sum_{i=1}^{n} x_i = \bar{x}`: the text names its mean; in force
    // from the first line, as the convention it states.
    for definition in sample_mean::named_by_the_text(doc) {
        items.extend(resolver.definition(&definition));
    }
    let mut pending: Option<Specialisation> = None;
    for item in &doc.items {
        match item {
            Item::Let(definition) => {
                items.extend(resolver.definition(definition));
            }
            Item::Assume(assumption) => {
                let keys = assumption.symbols.iter().map(Ident::key);
                resolver.assumed.extend(keys);
                items.push(Item::Assume(assumption.clone()))
            }
            Item::RandomVariable(rv) => items.extend(resolver.random_variable(rv)),
            Item::Shape(shape) => {
                if shape.kind == crate::syntax::ast::ShapeKind::Vector {
                    resolver.vectors.extend(shape.names.iter().map(Ident::key));
                }
                resolver.shaped.extend(shape.names.iter().map(Ident::key));
                resolver.dimension.get_or_insert_with(|| shape.dim.key());
                items.push(Item::Shape(shape.clone()))
            }
            Item::Specialise(s) => {
                if let Some(previous) = pending.replace(resolver.specialisation(s)) {
                    resolver.error(previous.span, ResolveErrorKind::SpecialiseWithoutChain);
                }
            }
            Item::Chain(chain) => {
                let specialised = pending.is_some();
                if let Some(s) = pending.take() {
                    items.push(Item::Specialise(s));
                }
                let chain = resolver.chain(chain, specialised);
                let free = chain
                    .steps
                    .last()
                    .map(|last| {
                        expr::free_names(&last.expr, &resolver.chain_free, &resolver.functions)
                    })
                    .unwrap_or_default();
                if let Some(previous) = resolver.continue_previous(&mut items, &chain) {
                    resolver.chain_free[previous] = free;
                    continue;
                }
                resolver.chain_free.push(free);
                resolver.chains.push(chain.clone());
                items.push(Item::Chain(chain));
            }
        }
    }
    if let Some(s) = pending {
        resolver.error(s.span, ResolveErrorKind::SpecialiseWithoutChain);
    }
    // Positivity first, so that every definition is read knowing it.
    let mut items: Vec<Item> = resolver.positive.values().cloned().chain(items).collect();
    items.shrink_to_fit();
    let resolved = Resolved {
        doc: Document { items },
        errors: std::mem::take(&mut resolver.errors),
    };
    (resolved, resolver)
}

/// A declared function (or density, or constant).
#[derive(Debug, Clone)]
struct Declared {
    /// Number of parameters; 0 for a constant.
    arity: usize,
    /// The parameters as written (`x` in `f(x) = …`): a prime `f'(a)` differentiates
    /// in the first.
    params: Vec<Ident>,
    /// Set for `let f have mean … and variance …`, whose parameter (`x`) the note never
    /// wrote: `\mathbb{E}_f[g]` must then be about it, or it has no one reading.
    param_unwritten: bool,
    /// Set for a Gaussian density: its one parameter's key.
    density_param: Option<String>,
    /// Made up for a random variable (`f_X`), so not a density `E[…]` may default to.
    synthetic: bool,
    /// Where the density lives when not on the whole line (`[0, ∞)` for an
    /// exponential law): expectations integrate over it, and its formula is not read
    /// elsewhere (it would be wrong off that range).
    support: Option<(Expr, Expr)>,
    /// The free names of its body (its parameters excluded): a chain's value that
    /// calls it depends on them.
    free: BTreeSet<String>,
}

/// A random variable: the density written for it (`f_X`).
#[derive(Debug, Clone)]
struct Random {
    /// The key of its density function, e.g. `f_X`.
    density: String,
    /// Declared by its mean and variance only (`let X have mean …`): its density is no
    /// formula, so the probability of an event about it is not known.
    by_moments: bool,
}

/// A chain name in force: the chain it names and what its value depends on.
#[derive(Debug, Clone)]
struct Named {
    text: String,
    callee: Option<String>,
    /// The name's arguments its value uses as symbols (passed through where it is
    /// used).
    params: Vec<Ident>,
    /// All of the name's arguments, in order, when it is written as a call of plain
    /// names: `F(3)` after `F(a)` is the value at `a = 3`.
    head_params: Vec<Ident>,
    /// The name's arguments as written (`\mu`, `\sigma^2` in `\ell(\mu, \sigma^2)`),
    /// one per parameter: a use that writes one the same way leaves it as it is.
    head_args: Vec<Expr>,
    /// The head has a meaning of its own (`D_{\mathrm{KL}}(p \| q)`), its first line
    /// checked against it: at arguments the chain has no value for, the name keeps
    /// that meaning (`D_{\mathrm{KL}}(p \| \mathcal{N}(0, 1))`).
    means: bool,
    chain: usize,
    free: BTreeSet<String>,
}

#[derive(Debug, Default)]
struct Resolver {
    /// Resolving a chain of equations: `\hat{\mu}` there is μ at the solution, the
    /// name μ (see `series` and the README's equation chains).
    hats_are_solutions: bool,
    functions: BTreeMap<String, Declared>,
    random: BTreeMap<String, Random>,
    /// Random variables defined from others (`let Y = e^X`, `let Z = (X - \mu)/\sigma`):
    /// the definition as written, put in place wherever the name stands inside an
    /// expectation (so `\mathbb{E}[Y]` is taken under `X`'s law).
    derived: BTreeMap<String, Expr>,
    /// Matrices defined by their entries (`let \Sigma = \operatorname{diag}(…)`): the
    /// definition as written, put in place wherever the name stands, so both opinions
    /// read the matrix itself.
    matrices: BTreeMap<String, Expr>,
    names: Vec<Named>,
    /// The chains resolved so far, in order (their indices are `ChainValue`'s).
    chains: Vec<Chain>,
    /// The free names of each of those chains' values.
    chain_free: Vec<BTreeSet<String>>,
    /// Positivity that Gaussians imply, as `assume` items by symbol key.
    positive: BTreeMap<String, Item>,
    /// The random variables whose expectation is being resolved, innermost last: inside
    /// `\mathbb{E}[(X - \mathbb{E}[X])^2]` the inner `X` is bound by the outer moment's
    /// integral and is still the random variable `X`.
    moments_of: Vec<String>,
    /// The names the document uses as data inside sums (`x` of `\sum_i x_i`): an
    /// undeclared `\bar{x}` beside them is their mean or a symbol of its own, which the
    /// text must say.
    data: BTreeSet<String>,
    /// Names declared vectors (`let x \in \mathbb{R}^J`): an expectation over one of
    /// them is kept as written, for `lower::matrix` and `numeric::matrix`.
    vectors: BTreeSet<String>,
    /// Names declared vectors or matrices: `|\Sigma|` of one is a determinant.
    shaped: BTreeSet<String>,
    /// The dimension those declarations name (`J` of `\mathbb{R}^J`): `I_J` is the
    /// identity in that dimension.
    dimension: Option<String>,
    /// The symbols `assume`d positive so far: parameters, never the variable of an
    /// evaluation `[F]_a^b` that goes to −∞ or is inferred.
    assumed: BTreeSet<String>,
    /// The free names of the steps of the chain being resolved, before the current
    /// one: a variable a step introduces (`u` in `\mathrm{d}(\sigma u + \mu)`) is not
    /// among them, a parameter (`\mu`) is.
    earlier_free: BTreeSet<String>,
    errors: Vec<ResolveError>,
}

/// Names bound where an expression stands: integration variables and parameters.
type Scope = Vec<String>;

impl Resolver {
    /// A whole formula (a step, a definition's body, a value): what a sum makes
    /// ambiguous in it is refused first (see `series`), then it is resolved.
    fn formula(&mut self, expr: &Expr, scope: &Scope) -> Expr {
        self.check_indices(expr);
        self.expr(expr, scope)
    }

    fn error(&mut self, span: Span, kind: ResolveErrorKind) {
        self.errors.push(ResolveError { span, kind });
    }

    fn is_declared(&self, id: &Ident) -> bool {
        let key = id.key();
        self.functions.contains_key(&key)
            || self.random.contains_key(&key)
            || self.derived.contains_key(&key)
            || self.matrices.contains_key(&key)
    }

    /// `let name(params) = body`; a Gaussian body makes a density.
    fn definition(&mut self, def: &Definition) -> Option<Item> {
        let key = def.name.key();
        if self.is_declared(&def.name) {
            self.error(def.name.span, ResolveErrorKind::Redefined(key));
            return None;
        }
        // `X \sim N(\mu, \sigma^2)` then `let \mu = 2`: the law's μ is a parameter, the
        // new μ a value; one name with two meanings is refused.
        let used = self.functions.values().any(|d| d.free.contains(&key))
            || self.chain_free.iter().any(|free| free.contains(&key));
        if used {
            self.error(def.name.span, ResolveErrorKind::DefinedAfterUse(key));
            return None;
        }
        if def.params.is_empty()
            && matches!(
                def.body.kind,
                ExprKind::Matrix(crate::syntax::ast::MatrixOp::Diagonal, _)
            )
        {
            let errors_before = self.errors.len();
            let body = self.formula(&def.body, &Vec::new());
            if self.errors.len() == errors_before {
                self.matrices.insert(key, body);
            }
            return None;
        }
        if def.params.is_empty() && self.mentions_random(&def.body) {
            if chain_names::mentions(&def.body, &def.name) {
                self.error(def.name.span, ResolveErrorKind::DefinedByItself(key));
            } else {
                self.derived.insert(key, def.body.clone());
            }
            return None;
        }
        let params: Scope = def.params.iter().map(Ident::key).collect();
        let errors_before = self.errors.len();
        let body = match self.density_body(&def.params, &def.body) {
            Some(gaussian) => gaussian,
            None => self.formula(&def.body, &params),
        };
        if self.errors.len() > errors_before {
            return None;
        }
        // A density: `N(x; …)`, or the normal density written out in its first
        // parameter (`p(x \mid \mu) = \frac{1}{\sqrt{2\pi}\sigma} \exp[…]`, the others
        // its parameters, passed as they are where an expectation is taken under it).
        let density_param = params.first().cloned().filter(|x| {
            (params.len() == 1 && matches!(body.kind, ExprKind::Gaussian { .. }))
                || written_density::is_written_gaussian(&body, x)
        });
        let mut free = expr::free_names(&body, &self.chain_free, &self.functions);
        for p in &params {
            free.remove(p);
        }
        // `let a = a + 1` (also "Let $a = a + 1$" in prose): no value satisfies it, and
        // read as a definition its `a` would be a symbol on one side, a value on the
        // other.
        if free.contains(&key) {
            self.error(def.name.span, ResolveErrorKind::DefinedByItself(key));
            return None;
        }
        self.functions.insert(
            key,
            Declared {
                arity: params.len(),
                params: def.params.clone(),
                param_unwritten: false,
                density_param,
                synthetic: false,
                support: None,
                free,
            },
        );
        Some(Item::Let(Definition {
            name: def.name.clone(),
            params: def.params.clone(),
            body,
            span: def.span,
        }))
    }

    /// The body of `let p(x) = N(x; \mu, \sigma^2)` (or `\mathcal{N}(\mu, \sigma^2)`
    /// for a function of one parameter) as a resolved Gaussian, or `None` if the body is
    /// not a density.
    fn density_body(&mut self, params: &[Ident], body: &Expr) -> Option<Expr> {
        let ExprKind::Call { callee, args } = &body.kind else {
            return None;
        };
        if callee.base != "N" || callee.subscript.is_some() || self.is_declared(callee) {
            return None;
        }
        let [param] = params else {
            return None;
        };
        let (mean, variance) = match args.as_slice() {
            [x, mean, variance] if matches!(&x.kind, ExprKind::Ident(id) if id.key() == param.key()) => {
                (mean, variance)
            }
            [mean, variance] => (mean, variance),
            _ => return None,
        };
        let x = Expr::new(ExprKind::Ident(param.clone()), param.span);
        Some(self.gaussian(x, mean, variance, body.span, &Vec::new()))
    }

    /// The Gaussian density `N(x; mean, variance)`, its standard deviation made
    /// positive when the variance is written as the square of a symbol (or is a symbol).
    fn gaussian(
        &mut self,
        x: Expr,
        mean: &Expr,
        variance: &Expr,
        span: Span,
        scope: &Scope,
    ) -> Expr {
        if let ExprKind::Ident(id) = &variance.kind {
            // `N(\mu, \sigma)`: authors write both the variance and the standard
            // deviation in this place; a σ there is read as neither.
            if matches!(id.base.as_str(), "σ" | "s") {
                self.error(
                    variance.span,
                    ResolveErrorKind::DeviationOrVariance(id.key()),
                );
            }
        }
        let mean = self.expr(mean, scope);
        let variance = self.expr(variance, scope);
        self.variance_makes_positive(&variance, span, scope);
        Expr::new(
            ExprKind::Gaussian {
                x: Box::new(x),
                mean: Box::new(mean),
                variance: Box::new(variance),
            },
            span,
        )
    }

    /// A variance written `σ^2` (or `v`) makes `σ` (or `v`) positive, as the standard
    /// deviation (or the variance) of a law: an assumption the report states.
    fn variance_makes_positive(&mut self, variance: &Expr, span: Span, scope: &Scope) {
        let positive_symbol = positive_by_variance(variance);
        if let Some(symbol) = positive_symbol.filter(|s| !scope.contains(&s.key())) {
            self.positive.entry(symbol.key()).or_insert_with(|| {
                Item::Assume(Assumption {
                    symbols: vec![symbol.clone()],
                    span,
                    from_law: true,
                })
            });
        }
    }

    /// Whether `head` (`F(b)` after a chain `F(a) = …`) is that chain's function at other
    /// arguments, a value to check, rather than a new name.
    /// So is `F'(a)`: the derivative of that chain's function.
    fn applies_a_chain_name(&self, head: &Expr) -> bool {
        let named_by = |callee: &Ident| {
            let key = callee.key();
            self.names
                .iter()
                .find(|n| n.callee.as_deref() == Some(key.as_str()))
        };
        match &head.kind {
            ExprKind::Call { callee, args } => {
                named_by(callee).is_some_and(|named| applied::settings(named, args).is_some())
            }
            ExprKind::Primed { callee, .. } => named_by(callee).is_some(),
            _ => false,
        }
    }

    /// A chain: its name (new, or restated to continue an earlier chain) and its steps.
    /// A `specialised` chain's head always names it: its first step is compared with
    /// the specialised value, not with an earlier chain of the same name.
    fn chain(&mut self, chain: &Chain, specialised: bool) -> Chain {
        let equations = !chain.connectives.is_empty();
        let is_declared = |id: &Ident| self.is_declared(id);
        // A chain of equations has no value to name.
        let head_name = chain_name(chain, &is_declared)
            .filter(|_| !equations)
            .filter(|head| !self.applies_a_chain_name(head))
            .map(|head| (canonical_text(head), head));
        let head_args: Vec<Expr> = match head_name.as_ref().map(|(_, head)| &head.kind) {
            Some(ExprKind::Call { args, .. } | ExprKind::Primed { args, .. }) => args.clone(),
            _ => Vec::new(),
        };
        let params: Vec<Ident> = head_args
            .iter()
            .filter_map(|a| chain_names::parameter(a).cloned())
            .collect();
        let mut steps: Vec<Step> = Vec::new();
        let mut name = None;
        let mut carried_means = false;
        let mut first = 0;
        if let Some((text, head)) = head_name {
            let callee = chain_names::callee_of(head);
            let earlier = self
                .names
                .iter()
                .find(|n| n.text == text)
                .map(|n| (n.chain, n.params.clone()));
            // A restated `D_{\mathrm{KL}}(p \| q) = …` goes on meaning the divergence.
            carried_means = self.names.iter().any(|n| n.text == text && n.means);
            match earlier.filter(|_| !specialised) {
                Some(earlier) => {
                    // The head restates an earlier chain's name: this chain continues
                    // from that chain's value.
                    steps.push(Step {
                        expr: Expr::new(
                            ExprKind::ChainValue {
                                chain: earlier.0,
                                params: earlier.1,
                            },
                            head.span,
                        ),
                        line_idx: chain.steps[0].line_idx,
                        annotations: chain.steps[0].annotations.clone(),
                    });
                    name = Some((text, callee, head.span, false, false));
                }
                None => match self.builtin_meaning(head, &Vec::new()) {
                    // `KL(p, q) = …`: the head means something, so the line after it
                    // is checked against that meaning; the chain keeps the name.
                    Some(meaning) => {
                        steps.push(Step {
                            expr: meaning,
                            line_idx: chain.steps[0].line_idx,
                            annotations: chain.steps[0].annotations.clone(),
                        });
                        name = Some((text, callee, head.span, false, true));
                    }
                    None => {
                        steps.push(chain.steps[0].clone());
                        name = Some((text, callee, head.span, true, false));
                    }
                },
            }
            first = 1;
        }
        self.hats_are_solutions = equations;
        self.earlier_free.clear();
        for step in &chain.steps[first..] {
            let errors_before = self.errors.len();
            let expr = self.formula(&step.expr, &Vec::new());
            let free = expr::free_names(&expr, &self.chain_free, &self.functions);
            self.earlier_free.extend(free);
            if self.errors.len() == errors_before {
                steps.push(Step {
                    expr,
                    line_idx: step.line_idx,
                    annotations: step.annotations.clone(),
                });
            }
        }
        self.hats_are_solutions = false;
        let index = self.chains.len();
        let chain_name = name.map(|(text, callee, span, head_is_name, head_means)| {
            let value_steps = steps.len() - usize::from(head_is_name);
            if value_steps > 0 {
                let value = &steps[steps.len() - 1].expr;
                let free = expr::free_names(value, &self.chain_free, &self.functions);
                self.names.retain(|n| n.text != text);
                // Only the arguments the value uses are passed through (`p` in
                // `KL(p, q)` names a density the value calls, not a symbol in it).
                let head_params = params.clone();
                let params: Vec<Ident> = params
                    .iter()
                    .filter(|p| free.contains(&p.key()))
                    .cloned()
                    .collect();
                self.names.push(Named {
                    text: text.clone(),
                    callee,
                    head_params: head_params.clone(),
                    head_args: head_args.clone(),
                    params,
                    means: head_means || carried_means,
                    chain: index,
                    free,
                });
            }
            ChainName {
                text,
                span,
                head_is_name,
                head_means,
            }
        });
        Chain {
            steps,
            name: chain_name,
            connectives: chain.connectives.clone(),
        }
    }

    /// Notes restate the left side on every row (`f(x) &= A \\ f(x) &= B`): a chain
    /// whose head restates the name of the chain just before it, with nothing in
    /// between, is that chain going on. Its steps are appended there, so the report
    /// shows one chain whose steps stand on their own lines, and the name now stands
    /// for the longer chain. Returns the index of the chain continued.
    ///
    /// Read either way the steps compare the same values (the restated head holds the
    /// earlier chain's value); only the report changes, and nothing is set aside as a
    /// lone formula.
    fn continue_previous(&mut self, items: &mut [Item], chain: &Chain) -> Option<usize> {
        let previous = self.chains.len().checked_sub(1)?;
        let restated = chain.steps.first().is_some_and(|first| {
            matches!(first.expr.kind, ExprKind::ChainValue { chain: c, .. } if c == previous)
        });
        let Some(Item::Chain(last)) = items.last_mut().filter(|_| restated) else {
            return None;
        };
        last.steps.extend(chain.steps[1..].iter().cloned());
        self.chains[previous] = last.clone();
        // `chain` registered its name under the index it would have had.
        let unplaced = self.chains.len();
        for named in self.names.iter_mut().filter(|n| n.chain == unplaced) {
            named.chain = previous;
        }
        Some(previous)
    }

    /// `specialise TARGET with …`: the target chain found, the values resolved.
    fn specialisation(&mut self, s: &Specialisation) -> Specialisation {
        let target_chain = match &s.target {
            Some(target) => {
                let text = canonical_text(target);
                let found = self.names.iter().find(|n| n.text == text).map(|n| n.chain);
                if found.is_none() {
                    self.error(target.span, ResolveErrorKind::UnknownChain(text));
                }
                found
            }
            None => {
                let previous = self.chains.len().checked_sub(1);
                if previous.is_none() {
                    self.error(s.span, ResolveErrorKind::NoPreviousChain);
                }
                previous
            }
        };
        let bindings = s
            .bindings
            .iter()
            .map(|b| crate::syntax::ast::Binding {
                lhs: b.lhs.clone(),
                rhs: self.formula(&b.rhs, &Vec::new()),
            })
            .collect();
        Specialisation {
            target: s.target.clone(),
            target_chain,
            bindings,
            span: s.span,
        }
    }
}

/// The symbol a law's variance makes positive: `σ` for `σ^2` (its standard deviation),
/// `v` for a variance written as a symbol; none for any other form (`2\sigma^2`). The
/// one home of the convention, for laws in declarations and laws in prose alike.
pub fn positive_by_variance(variance: &Expr) -> Option<Ident> {
    match &variance.kind {
        ExprKind::Pow(base, exponent) => match (&base.kind, &exponent.kind) {
            (ExprKind::Ident(s), ExprKind::Number(two)) if two == "2" => Some(s.clone()),
            _ => None,
        },
        ExprKind::Ident(v) => Some(v.clone()),
        _ => None,
    }
}
