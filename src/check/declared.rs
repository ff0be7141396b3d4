//! Declarations taken from the text of notes: a note that displays
//! `p(x) = \mathcal{N}(x; \mu, \sigma^2)` or `f(x) = \frac{1}{\sqrt{2\pi}\sigma}
//! e^{-\frac{(x-\mu)^2}{2\sigma^2}}` has declared `p` or `f`, and needs no comment.
//!
//! A display (or inline) formula that is one definition — a call of a name nobody
//! declared, on distinct plain names, equal to one expression — becomes a `let`. When
//! the formula is a Gaussian density written out (its exponent `-(x-\mu)^2/(2\sigma^2)`),
//! `\sigma` is its standard deviation, so positive, and the report says so. Where the
//! text only *mentions* a density (`N_1(\mu_1, \sigma_1^2)` beside a `p_1` it never
//! defines), [`suggestion`] names the one comment to add.

use crate::report::TextDeclaration;
use crate::source::Span;
use crate::syntax::ast::{Assumption, Definition, Document, Expr, ExprKind, Ident, Item};

/// Turn the one-definition chains of `doc` into `let` items (the chain goes); returns
/// what was declared, for the report. `in_math`: whether a span lies in a notes block
/// (declarations written in comments are `let`s already).
/// `shared`: the names the shared declarations of `verify.toml` declare.
pub(super) fn from_text(
    doc: &mut Document,
    in_math: &dyn Fn(Span) -> bool,
    shared: &[String],
) -> Vec<TextDeclaration> {
    // Declared already: by a `let`, or as the density `f_X` a random variable
    // `X \sim \mathcal{N}(…)` brings (so `f_X(x) = \frac{1}{\sqrt{2\pi}\sigma} …`
    // displayed after it is a claim about that density, checked, not a second
    // declaration).
    let mut declared: Vec<String> = doc
        .items
        .iter()
        .flat_map(crate::syntax::resolve::declared_names)
        .chain(shared.iter().cloned())
        .collect();
    declarations_first(&mut doc.items, in_math);
    let targeted = specialised_chains(doc);
    let restated = restated_heads(doc);
    let mut found = Vec::new();
    // The symbols the text itself states positive ("with $\sigma > 0$").
    let stated_positive: Vec<String> = doc
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Assume(a) if !a.from_law && in_math(a.span) => Some(&a.symbols),
            _ => None,
        })
        .flatten()
        .map(Ident::key)
        .collect();
    // The random variables in force, declared or defined from others so far.
    let mut random: Vec<String> = Vec::new();
    let mut chain_idx = 0;
    let mut items = Vec::with_capacity(doc.items.len());
    // The chain after a `specialise` states the specialised result, not a definition.
    let mut specialised = false;
    for item in std::mem::take(&mut doc.items) {
        let Item::Chain(chain) = &item else {
            specialised |= matches!(item, Item::Specialise(_));
            if let Item::RandomVariable(rv) = &item {
                random.extend(rv.names.iter().map(Ident::key));
                let names: Vec<String> = rv.names.iter().map(Ident::key).collect();
                if in_math(rv.span) && matches!(rv.law.kind, ExprKind::Law { .. }) {
                    // "Let $X$ be a random variable with mean $\mu$ and variance …".
                    found.push(TextDeclaration {
                        span: rv.span,
                        what: format!(
                            "{}: a random variable known only by its mean and variance, declared by the text",
                            names.join(", "),
                        ),
                    });
                } else if in_math(rv.span) {
                    // "Let $X \sim \mathcal N(\mu, \sigma^2)$": the law it is checked under.
                    let law = match &rv.law.kind {
                        ExprKind::Call { callee, .. } => format!(" ∼ {}(…)", callee.key()),
                        _ => String::new(),
                    };
                    found.push(TextDeclaration {
                        span: rv.span,
                        what: format!(
                            "{}{law}: a random variable, declared by the text",
                            names.join(", ")
                        ),
                    });
                }
            }
            if let Item::Let(definition) = &item {
                if in_math(definition.span) && definition.params.is_empty() {
                    // "Write $\bar{x} = \frac{1}{n}\sum_i x_i$".
                    found.push(TextDeclaration {
                        span: definition.span,
                        what: format!("{}: a value defined by the text", definition.name.key()),
                    });
                    // "$$ H_1 - H_2 = … $$ where $H_1 = …$": meant for the chain it
                    // follows, as a function defined so is (below).
                    // Not when something before declares the name: the resolver
                    // refuses a second meaning where it stands.
                    let name = &definition.name;
                    let key = name.key();
                    let declared_before = shared.contains(&key)
                        || items
                            .iter()
                            .flat_map(crate::syntax::resolve::declared_names)
                            .any(|k| k == key);
                    if let Some(at) = used_by_last_chain(&items, name).filter(|_| !declared_before)
                    {
                        items.insert(at, item);
                        continue;
                    }
                }
            }
            if let Item::Assume(assumption) = &item {
                // A law's σ the text also states positive: said once, as stated.
                let stated_too = assumption.from_law
                    && assumption
                        .symbols
                        .iter()
                        .all(|s| stated_positive.contains(&s.key()));
                if in_math(assumption.span) && !stated_too {
                    // "for $a > 0$": the text's own assumption, said as such.
                    let why = match assumption.from_law {
                        // "samples from $\mathcal{N}(\mu, \sigma^2)$".
                        true => "the standard deviation of the normal law the text writes",
                        false => "assumed, as the text states",
                    };
                    found.push(TextDeclaration {
                        span: assumption.span,
                        what: format!("{}: {why}", positivity(assumption)),
                    });
                }
            }
            items.push(item);
            continue;
        };
        let this = chain_idx;
        chain_idx += 1;
        let exempt = targeted.contains(&this)
            || std::mem::take(&mut specialised)
            || chain.steps.first().is_some_and(|head| {
                restated.contains(&crate::syntax::resolve::canonical_text(&head.expr))
            });
        let definition = match chain.steps.as_slice() {
            [head, body] if !exempt && in_math(head.expr.span) => {
                definition(&head.expr, &body.expr, &declared, &random)
                    .map(|(definition, positive)| (definition, positive, false))
                    .or_else(|| {
                        named_after_use(&head.expr, &body.expr, &items, &declared)
                            .map(|definition| (definition, None, true))
                    })
            }
            _ => None,
        };
        match definition {
            Some((definition, positive, a_value)) => {
                // Declared from here on: `D_{KL}(q \| p) = …` after the text's own
                // `$q(z) = \mathcal{N}(z; \mu_j, \sigma_j^2)$` is a claim about the divergence of
                // those densities, checked against its meaning, not a definition.
                declared.push(definition.name.key());
                let span = definition.span;
                let what = match a_value {
                    true => format!("{}: a value defined by the text", definition.name.key()),
                    false => describe(&definition, positive.as_ref(), &random),
                };
                if definition.params.is_empty() && !a_value {
                    random.push(definition.name.key());
                }
                // "… $$ where $\varphi(z) = …$": defined just after the chain that
                // used it, and meant for it.
                let at = used_by_last_chain(&items, &definition.name).unwrap_or(items.len());
                let mut declaration = vec![Item::Let(definition)];
                if let Some(symbol) = positive {
                    let assume = Item::Assume(Assumption {
                        symbols: vec![symbol],
                        span,
                        from_law: true,
                    });
                    declaration.insert(0, assume);
                }
                items.splice(at..at, declaration);
                found.push(TextDeclaration { span, what });
            }
            None => items.push(item),
        }
    }
    doc.items = items;
    found
}

/// "If $Y = e^X$ with $X \sim N(\mu, \sigma^2)$": a formula for a lone name in the
/// random variable declared right after it (in the text) is read after that
/// declaration, so that it defines `Y` from `X`.
fn declarations_first(items: &mut [Item], in_math: &dyn Fn(Span) -> bool) {
    for i in 1..items.len() {
        let (Item::Chain(chain), Item::RandomVariable(rv)) = (&items[i - 1], &items[i]) else {
            continue;
        };
        let [head, body] = chain.steps.as_slice() else {
            continue;
        };
        let derived = matches!(head.expr.kind, ExprKind::Ident(_))
            && in_math(head.expr.span)
            && in_math(rv.span)
            && rv
                .names
                .iter()
                .any(|name| mentions_outside_moments(&body.expr, &name.key()));
        if derived {
            items.swap(i - 1, i);
        }
    }
}

/// Where a definition of `name` goes when the chain just before it calls `name`, which
/// nothing declared before: ahead of that chain, as "$$…\varphi(z)…$$ where
/// $\varphi(z) = …$" means. Only the last display's chains (two for `A = B = 0
/// \Rightarrow C = D`): a definition further on is not read back into earlier displays.
fn used_by_last_chain(items: &[Item], name: &Ident) -> Option<usize> {
    let chain_at = |at: usize| match &items[at] {
        Item::Chain(chain) => Some(chain),
        _ => None,
    };
    let last = items
        .iter()
        .rposition(|item| matches!(item, Item::Chain(_)))?;
    // `A = B = 0 \Rightarrow C = D` is two chains, the second starting at a step of
    // the first: both are the display the definition follows.
    let mut first = last;
    while let (Some(earlier), Some(this)) =
        (first.checked_sub(1).and_then(chain_at), chain_at(first))
    {
        let continues = this
            .steps
            .first()
            .is_some_and(|head| earlier.steps.iter().any(|s| s.expr.span == head.expr.span));
        if !continues {
            break;
        }
        first -= 1;
    }
    (first..=last).find(|&at| {
        chain_at(at).is_some_and(|chain| {
            chain
                .steps
                .iter()
                .any(|step| crate::syntax::resolve::mentions(&step.expr, name))
        })
    })
}

/// The indices (among chains) of the chains a `specialise` targets: they are results,
/// not definitions, even when they are one formula.
fn specialised_chains(doc: &Document) -> Vec<usize> {
    let mut targeted = Vec::new();
    let mut chain_idx = 0usize;
    let mut last_named: Vec<(String, usize)> = Vec::new();
    for item in &doc.items {
        match item {
            Item::Chain(chain) => {
                if let Some(head) = chain.steps.first() {
                    last_named.push((
                        crate::syntax::resolve::canonical_text(&head.expr),
                        chain_idx,
                    ));
                }
                chain_idx += 1;
            }
            Item::Specialise(s) => match &s.target {
                Some(target) => {
                    let text = crate::syntax::resolve::canonical_text(target);
                    targeted.extend(
                        last_named
                            .iter()
                            .filter(|(t, _)| *t == text)
                            .map(|(_, i)| *i),
                    );
                }
                None => targeted.extend(chain_idx.checked_sub(1)),
            },
            _ => {}
        }
    }
    targeted
}

/// The heads written on more than one chain (`f(x) &= A \\ f(x) &= B`): the rows of
/// one derivation restating its left side, so none of them is a definition.
fn restated_heads(doc: &Document) -> Vec<String> {
    let mut heads: Vec<String> = doc
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Chain(chain) => chain
                .steps
                .first()
                .filter(|head| matches!(head.expr.kind, ExprKind::Call { .. }))
                .map(|head| crate::syntax::resolve::canonical_text(&head.expr)),
            _ => None,
        })
        .collect();
    heads.sort();
    let mut restated: Vec<String> = heads
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0].clone())
        .collect();
    restated.dedup();
    restated
}

/// `head = body` as a definition, when `head` is a call of an undeclared name on
/// distinct plain names that `body` does not itself call; with the standard deviation
/// a written-out Gaussian density makes positive.
fn definition(
    head: &Expr,
    body: &Expr,
    declared: &[String],
    random: &[String],
) -> Option<(Definition, Option<Ident>)> {
    if let ExprKind::Ident(name) = &head.kind {
        if !declared.contains(&name.key()) && !random.contains(&name.key()) {
            if let Some(derived) = derived_definition(name, head, body, random) {
                return Some((derived, None));
            }
        }
        return law_definition(name, head, body, declared).map(|d| (d, None));
    }
    let ExprKind::Call { callee, args } = &head.kind else {
        return None;
    };
    if declared.contains(&callee.key()) || (callee.base == "N" && callee.subscript.is_none()) {
        return None;
    }
    let is_density = |name: &str| declared.iter().any(|d| d == name);
    let is_random = |name: &str| random.iter().any(|r| r == name);
    if crate::syntax::resolve::may_have_meaning(callee, args, &is_density, &is_random) {
        return None;
    }
    let params: Vec<Ident> = args
        .iter()
        .map(|a| match &a.kind {
            ExprKind::Ident(id) => Some(id.clone()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let mut keys: Vec<String> = params.iter().map(Ident::key).collect();
    keys.sort();
    keys.dedup();
    if keys.len() != params.len() || crate::syntax::resolve::mentions(body, callee) {
        return None;
    }
    // The density's variable is its first parameter; `p(x \mid \mu)` has the others
    // as parameters, and a deviation that is one of them is not the text's to assume.
    let positive = match params.as_slice() {
        [x, given @ ..] => gaussian_deviation(body, &x.key())
            .filter(|sigma| given.iter().all(|g| g.key() != sigma.key())),
        [] => None,
    };
    let span = head.span.join(body.span);
    let definition = Definition {
        name: callee.clone(),
        params,
        body: body.clone(),
        span,
    };
    Some((definition, positive))
}

/// `H_1 = \frac{1}{2}\log(2\pi e\sigma_1^2)` displayed right after the chain that used
/// `H_1` ("$$ H_1 - H_2 = … $$ where $$ H_1 = …, \quad H_2 = … $$"): the definition meant
/// for that chain, as a function defined so is. Named anywhere else, the display names
/// its value from where it stands (a chain value), and an earlier use stays a symbol.
/// A number or a lone name is no such definition ([`crate::notes::is_a_formula_expr`]).
fn named_after_use(
    head: &Expr,
    body: &Expr,
    items: &[Item],
    declared: &[String],
) -> Option<Definition> {
    let ExprKind::Ident(name) = &head.kind else {
        return None;
    };
    let fresh = !declared.contains(&name.key()) && !crate::syntax::resolve::mentions(body, name);
    if !fresh || !crate::notes::is_a_formula_expr(body) {
        return None;
    }
    used_by_last_chain(items, name)?;
    let definition = Definition {
        name: name.clone(),
        params: Vec::new(),
        body: body.clone(),
        span: head.span.join(body.span),
    };
    Some(definition)
}

/// `Y = e^X`, `Z = \frac{X - \mu}{\sigma}` for a random variable `X` in force: `Y` is
/// the random variable defined from it, as "let $Y = e^X$" says (a name nobody
/// declared, equal to a formula in random variables, has no other reading).
fn derived_definition(
    name: &Ident,
    head: &Expr,
    body: &Expr,
    random: &[String],
) -> Option<Definition> {
    if !random.iter().any(|r| mentions_outside_moments(body, r)) || mentions_var(body, &name.key())
    {
        return None;
    }
    Some(Definition {
        name: name.clone(),
        params: Vec::new(),
        body: body.clone(),
        span: head.span.join(body.span),
    })
}

/// `p = \mathcal{N}(\mu, \sigma^2)`: the density `p` named by its law, as notes say
/// "let $p = \mathcal{N}(\mu_1, \sigma_1^2)$"; it becomes `p(x) = N(x; \mu, \sigma^2)`
/// (the variable's name is a binder: any later `p(y)` is the same density).
fn law_definition(
    name: &Ident,
    head: &Expr,
    body: &Expr,
    declared: &[String],
) -> Option<Definition> {
    let ExprKind::Call { callee, args } = &body.kind else {
        return None;
    };
    let is_normal = callee.base == "N" && callee.subscript.is_none() && args.len() == 2;
    if !is_normal || declared.contains(&name.key()) || name.base == "N" {
        return None;
    }
    let var = Ident {
        base: "x".into(),
        subscript: None,
        span: head.span,
    };
    if crate::syntax::resolve::mentions(body, &var) {
        // `p = \mathcal{N}(x, 1)`: the law depends on `x` itself; not a declaration.
        return None;
    }
    let at = Expr::new(ExprKind::Ident(var.clone()), head.span);
    let mut args3 = vec![at];
    args3.extend(args.iter().cloned());
    let law = Expr::new(
        ExprKind::Call {
            callee: callee.clone(),
            args: args3,
        },
        body.span,
    );
    Some(Definition {
        name: name.clone(),
        params: vec![var],
        body: law,
        span: head.span.join(body.span),
    })
}

/// The `\sigma` of a Gaussian exponent `-\frac{(x - \mu)^2}{2\sigma^2}` in `body`, for the
/// variable `x`.
fn gaussian_deviation(body: &Expr, x: &str) -> Option<Ident> {
    if let ExprKind::Div(numerator, denominator, _) = &body.kind {
        let squares_x = matches!(&numerator.kind, ExprKind::Pow(base, two)
            if is_two(two) && mentions_var(base, x));
        if squares_x {
            if let Some(sigma) = two_sigma_squared(denominator) {
                if sigma.key() != x {
                    return Some(sigma);
                }
            }
        }
    }
    crate::syntax::children(body)
        .into_iter()
        .find_map(|child| gaussian_deviation(child, x))
}

/// `\sigma` in `2\sigma^2`.
fn two_sigma_squared(expr: &Expr) -> Option<Ident> {
    let ExprKind::Mul(two, square, _) = &expr.kind else {
        return None;
    };
    let ExprKind::Pow(base, exponent) = &square.kind else {
        return None;
    };
    match (&two.kind, &base.kind) {
        (ExprKind::Number(n), ExprKind::Ident(sigma)) if n == "2" && is_two(exponent) => {
            Some(sigma.clone())
        }
        _ => None,
    }
}

fn is_two(expr: &Expr) -> bool {
    matches!(&expr.kind, ExprKind::Number(n) if n == "2")
}

fn mentions_var(expr: &Expr, x: &str) -> bool {
    matches!(&expr.kind, ExprKind::Ident(id) if id.key() == x)
        || crate::syntax::children(expr)
            .into_iter()
            .any(|child| mentions_var(child, x))
}

/// Whether `x` occurs in `expr` outside any expectation: `μ = \mathbb{E}[X]` names a
/// number, not a random variable defined from `X`.
fn mentions_outside_moments(expr: &Expr, x: &str) -> bool {
    match &expr.kind {
        ExprKind::Expectation { .. } => false,
        ExprKind::Ident(id) => id.key() == x,
        _ => crate::syntax::children(expr)
            .into_iter()
            .any(|child| mentions_outside_moments(child, x)),
    }
}

/// What the report says of a declaration taken from the text.
fn describe(definition: &Definition, positive: Option<&Ident>, random: &[String]) -> String {
    if definition.params.is_empty() {
        let from: Vec<&str> = random
            .iter()
            .filter(|r| mentions_outside_moments(&definition.body, r))
            .map(String::as_str)
            .collect();
        return format!(
            "{}: a random variable defined from {}, declared by the text",
            definition.name.key(),
            from.join(", ")
        );
    }
    let params: Vec<String> = definition.params.iter().map(Ident::key).collect();
    let head = format!("{}({})", definition.name.key(), params.join(", "));
    let density =
        matches!(&definition.body.kind, ExprKind::Call { callee, .. } if callee.base == "N");
    match (density, positive) {
        (true, _) => format!("{head}: a Gaussian density, declared by the text"),
        (false, Some(sigma)) => format!(
            "{head}: a function declared by the text; {} > 0 as the standard deviation of its Gaussian",
            sigma.key()
        ),
        (false, None) => format!("{head}: a function declared by the text"),
    }
}

/// The declaration of `name` (`p_1`, `p`), when the notes `text` mentions the density
/// it stands for but never defines it: `N_1(\mu_1, \sigma_1^2)` beside `p_1`, or
/// "let $p$ be the density of $\mathcal{N}(\mu, \sigma^2)$", the one unsubscripted
/// density the text names, beside `p`. Only a suggestion for the author: nothing is
/// declared by it.
pub(super) fn suggestion(text: &str, name: &str) -> Option<String> {
    let (base, subscript) = match name.split_once('_') {
        Some((base, subscript)) => (base, Some(subscript)),
        None => (name, None),
    };
    // The letters notes give a density of their own law; `φ` is the standard normal
    // density by convention, not the law of the text's `X`.
    if !["p", "q", "f", "g"].contains(&base) {
        return None;
    }
    let forms: Vec<String> = ["\\mathcal{N}", "N"]
        .iter()
        .flat_map(|constructor| match subscript {
            Some(sub) => vec![
                format!("{constructor}_{sub}("),
                format!("{constructor}_{{{sub}}}("),
            ],
            None => vec![format!("{constructor}(")],
        })
        .collect();
    let mut found: Vec<&str> = Vec::new();
    for form in &forms {
        for (at, _) in text.match_indices(form.as_str()) {
            // `N(` must start a word: not the end of `\mathcal{N}(` counted twice, nor `AN(`.
            let before = text[..at].chars().next_back();
            if form.starts_with('N') && before.is_some_and(|c| c.is_alphanumeric() || c == '{') {
                continue;
            }
            let args_start = at + form.len();
            let Some(close) = text[args_start..].find(')') else {
                continue;
            };
            let args = text[args_start..args_start + close].trim();
            // `N(x; \mu, \sigma^2)` names its point too: keep the parameters.
            let args = args
                .split_once(';')
                .map_or(args, |(_, params)| params.trim());
            if !args.is_empty() && !args.contains('\n') && !found.contains(&args) {
                found.push(args);
            }
        }
    }
    // Two different densities mentioned: which one `p` is, the text does not say.
    let [args] = found.as_slice() else {
        return None;
    };
    let name = match subscript {
        None => base.to_string(),
        Some(sub) if sub.chars().count() == 1 => format!("{base}_{sub}"),
        Some(sub) => format!("{base}_{{{sub}}}"),
    };
    Some(format!("let {name}(x) = N(x; {args})"))
}

/// `a, b > 0` for the report.
fn positivity(assumption: &Assumption) -> String {
    let names: Vec<String> = assumption.symbols.iter().map(Ident::key).collect();
    format!("{} > 0", names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mentioned_density_gives_the_comment_to_add() {
        let text = r"两个随机变量 $N_1(\mu_1, \sigma_1^2), N_2(\mu_2, \sigma_2^2)$";
        assert_eq!(
            suggestion(text, "p_1").as_deref(),
            Some(r"let p_1(x) = N(x; \mu_1, \sigma_1^2)")
        );
        assert_eq!(
            suggestion(text, "p_2").as_deref(),
            Some(r"let p_2(x) = N(x; \mu_2, \sigma_2^2)")
        );
        assert_eq!(suggestion(text, "p_3"), None);
        // Two unsubscripted… none here; and two different ones say nothing.
        assert_eq!(suggestion(text, "f"), None);
        let one = r"Let $p$ be the density of $\mathcal{N}(\mu,\sigma^2)$, so $p$ is normal.";
        assert_eq!(
            suggestion(one, "p").as_deref(),
            Some(r"let p(x) = N(x; \mu,\sigma^2)")
        );
        // φ is the standard normal density by convention, not the text's one law.
        assert_eq!(suggestion(one, "φ"), None);
        let point = r"where $q = N(x; 0, 1)$";
        assert_eq!(
            suggestion(point, "q").as_deref(),
            Some("let q(x) = N(x; 0, 1)")
        );
        let two = r"$p$ is $\mathcal{N}(0, 1)$ and $q$ is $\mathcal{N}(1, 2)$";
        assert_eq!(suggestion(two, "p"), None);
    }
}
