//! Tests of `syntax::line`.

use super::*;
use crate::syntax::{sexpr, sexpr_item};

/// One line as its kind and item (or error with the underlined text).
fn render(line: &str) -> String {
    let row = Row {
        range: 0..line.len(),
        kind: RowKind::Line,
    };
    let parsed = parse_row(line, &row, &LineIndex::new(line));
    let item = match parsed.result {
        Ok(LineItem::Blank) => "blank".to_string(),
        Ok(LineItem::Directive(item) | LineItem::Condition(item)) => sexpr_item(&item),
        Ok(LineItem::Head(steps)) => format!("head {}", render_steps(&steps.steps)),
        Ok(LineItem::Continuation { steps, .. }) => format!("cont {}", render_steps(&steps.steps)),
        Ok(LineItem::Implication {
            connective,
            steps,
            restated,
            ..
        }) if restated.is_empty() => format!("{connective:?} {}", render_steps(&steps)),
        Ok(LineItem::Implication {
            connective,
            steps,
            restated,
            ..
        }) => format!(
            "{connective:?} {}, then = {}",
            render_steps(&steps),
            render_steps(&restated)
        ),
        Err(error) => {
            let text = &line[error.span.range()];
            format!("error `{text}`: {}", error.message())
        }
    };
    format!("{:?}: {item}", parsed.kind)
}

fn render_steps(steps: &[Step]) -> String {
    let rendered: Vec<String> = steps
        .iter()
        .map(|step| {
            let notes: String = step
                .annotations
                .iter()
                .map(|a| format!(" «{}»", a.text))
                .collect();
            format!("{}{notes}", sexpr(&step.expr))
        })
        .collect();
    rendered.join(" = ")
}

/// `row` parsed alone, read as `kind`.
fn parse_alone(row: &str, kind: RowKind) -> ParsedLine {
    let whole = Row {
        range: 0..row.len(),
        kind,
    };
    parse_row(row, &whole, &LineIndex::new(row))
}

/// A row of notes' mathematics (no directives, no `%` comments).
fn render_math(row: &str) -> String {
    let parsed = parse_alone(row, RowKind::Math);
    match parsed.result {
        Ok(LineItem::Head(steps)) => format!("head {}", render_steps(&steps.steps)),
        Ok(LineItem::Continuation { steps, .. }) => format!("cont {}", render_steps(&steps.steps)),
        Ok(other) => format!("{other:?}"),
        Err(error) => format!("error `{}`: {}", &row[error.span.range()], error.message()),
    }
}

#[test]
fn sentence_punctuation_ends_a_row() {
    insta::assert_snapshot!(render_math(r"a = b."), @"head (id a) = (id b)");
    insta::assert_snapshot!(render_math(r"&= 2, \quad"), @"cont (num 2)");
    insta::assert_snapshot!(render_math(r"&= x \;."), @"cont (id x)");
    insta::assert_snapshot!(render_math(r"&= x \quad ,"), @"cont (id x)");
    insta::assert_snapshot!(render_math(r"= 0.5."), @"cont (num 0.5)");
    insta::assert_snapshot!(render_math(r"\int x \, dx \text{.}"), @"head (int dx (id x))");
    insta::assert_snapshot!(render_math(r"a = b, \quad c = d"), @"error `,`: more than one formula in a row (a list, or several equations)");
}

#[test]
fn where_a_formula_holds_is_the_authors_words_when_it_is_every_real() {
    insta::assert_snapshot!(render_math(r"f = x^2, \qquad x \in \mathbb{R}."), @r"head (id f) = (pow (id x) (num 2)) «x \in \mathbb{R}»");
    insta::assert_snapshot!(render_math(r"f = x^2, \quad x, t \in \R"), @r"head (id f) = (pow (id x) (num 2)) «x, t \in \R»");
    insta::assert_snapshot!(render_math(r"f = x^2, \quad -\infty < x < \infty"), @r"head (id f) = (pow (id x) (num 2)) «-\infty < x < \infty»");
    // Anything more is a second formula, as before.
    insta::assert_snapshot!(render_math(r"f = x^2, \quad x \in \mathbb{R}_+"), @"error `,`: more than one formula in a row (a list, or several equations)");
    insta::assert_snapshot!(render_math(r"f = x^2, \quad 0 < x < \infty"), @"error `,`: more than one formula in a row (a list, or several equations)");
    insta::assert_snapshot!(render_math(r"f = x^2, \quad x \in \mathbb{R} = g"), @"error `,`: more than one formula in a row (a list, or several equations)");
}

#[test]
fn annotations_are_kept_on_the_step_they_justify() {
    insta::assert_snapshot!(render_math(r"&= b && \text{(linearity)}"), @"cont (id b) «(linearity)»");
    insta::assert_snapshot!(render_math(r"&= b \quad \text{by } \eqref{eq:3}."), @"cont (id b) «by» «(eq:3)»");
    insta::assert_snapshot!(render_math(r"a \overset{(a)}{=} b \stackrel{\text{def}}{=} c"), @"head (id a) = (id b) «(a)» = (id c) «def»");
    insta::assert_snapshot!(render_math(r"&= \underbrace{x + x}_{\text{twice}} \tag{3}"), @"cont (add (id x) (id x)) «twice» «(3)»");
    insta::assert_snapshot!(render_math(r"&= b \qquad (3)"), @"cont (id b) «(3)»");
    insta::assert_snapshot!(render_math(r"f := x^2"), @"head (id f) = (pow (id x) (num 2)) «:=»");
    insta::assert_snapshot!(render_math(r"&= b (3)"), @"cont (call b (num 3))");
    // A positivity condition after premise words is the step's premise (an `assume`).
    insta::assert_snapshot!(render_math(r"&= b \text{ for } x > 0"), @"cont (id b)");
    insta::assert_snapshot!(render_math(r"&= b \text{ for } x < 0"), @r"error `\text{ for }`: text inside a formula");
    // A condition every real meets is the author's words.
    insta::assert_snapshot!(render_math(r"&= b \quad \text{for } x, t \in \mathbb{R}."), @r"cont (id b) «for x, t \in \mathbb{R}»");
    insta::assert_snapshot!(render_math(r"&= b \quad \text{for } x \in \mathbb{R}^2"), @r"error `\text{for }`: text inside a formula");
    insta::assert_snapshot!(render_math(r"&= \boxed{b}"), @"cont (id b)");
    insta::assert_snapshot!(render_math(r"&= \cancel{b}"), @r"error `\cancel`: struck-out terms (`\cancel`) have no single reading");
}

macro_rules! check {
    ($input:expr, @$expect:literal) => {
        insta::assert_snapshot!(render($input), @$expect)
    };
}

#[test]
fn blank_and_comment_lines() {
    check!("", @"Blank: blank");
    check!("   ", @"Blank: blank");
    check!("% a comment", @"Blank: blank");
    check!("  # a comment", @"Blank: blank");
    check!(r"\\", @"Blank: blank");
    check!("&", @"Blank: blank");
    check!(r"\quad", @"Blank: blank");
}

#[test]
fn layout_is_stripped() {
    check!(r"a = b \\", @"Head: head (id a) = (id b)");
    check!(r"a = b \\   ", @"Head: head (id a) = (id b)");
    check!(r"a = b \\ % comment", @"Head: head (id a) = (id b)");
    check!("a = b % comment", @"Head: head (id a) = (id b)");
    check!(r"a = 50\% b", @r"Head: error `\%`: unsupported LaTeX command `\%`");
    check!(r"a = b \\% comment", @"Head: head (id a) = (id b)");
    check!("a &= b", @"Head: head (id a) = (id b)");
    check!("& a = b", @"Head: head (id a) = (id b)");
    check!(r"a = b \\ = c", @r"Head: error `\\`: line break `\\` in the middle of a line");
}

#[test]
fn chains() {
    check!("KL(p_1, p_2)", @"Head: head (call KL (id p_1) (id p_2))");
    check!("a = b = c", @"Head: head (id a) = (id b) = (id c)");
    check!(r"&= A = B \\", @"Continuation: cont (id A) = (id B)");
    check!("  = a", @"Continuation: cont (id a)");
    check!("= a = = b", @"Continuation: error `=`: expected an expression after `=`");
    check!("=", @"Continuation: error `=`: expected an expression after `=`");
    check!("a =", @"Head: error `=`: expected an expression after `=`");
    check!("a = b <= c", @"Head: error `<=`: only equalities can be checked, found `<=`");
    check!(r"a \approx b", @r"Head: error `\approx`: only equalities can be checked, found `\approx`");
    check!("a, b = c", @"Head: error `,`: unexpected `,` outside function arguments");
    check!("a = b)", @"Head: error `)`: `)` has no matching opening bracket");
    check!(")", @"Head: error `)`: `)` has no matching opening bracket");
    check!(r"\cdot a", @r"Head: error `\cdot`: expected an expression, found `\cdot`");
    check!("letter = 2", @"Head: head (mul (mul (mul (mul (mul (id l) (id e)) (id t)) (id t)) (id e)) (id r)) = (num 2)");
    check!("lettuce", @"Head: head (mul (mul (mul (mul (mul (mul (id l) (id e)) (id t)) (id t)) (id u)) (id c)) (id e))");
    check!("assumed = 1", @"Head: head (mul (mul (mul (mul (mul (mul (id a) (id s)) (id s)) (id u)) (id m)) (id e)) (id d)) = (num 1)");
    check!("specialised", @"Head: head (mul (mul (mul (mul (mul (mul (mul (mul (mul (mul (id s) (id p)) (id e)) (id c)) (id i)) (id a)) (id l)) (id i)) (id s)) (id e)) (id d))");
    check!("a @ b", @"Head: error `@`: unexpected character `@`");
}

#[test]
fn definitions() {
    check!(r"let p_1(x) = N(x; \mu_1, \sigma_1^2)", @"Directive(Let): (let p_1 (x) (call N (id x) (id μ_1) (pow (id σ_1) (num 2))))");
    check!(r"let c = 2\pi", @"Directive(Let): (let c () (mul (num 2) (id π)))");
    check!(r"let KL(p, q) = \int p(x) \log \frac{p(x)}{q(x)} dx", @"Directive(Let): (let KL (p q) (int dx (mul (call p (id x)) (log (frac (call p (id x)) (call q (id x)))))))");
    check!(r"let \mathrm{KL} = 1", @"Directive(Let): (let KL () (num 1))");
    check!(r"let f(x, \sigma_1) = x \sigma_1", @"Directive(Let): (let f (x σ_1) (mul (id x) (id σ_1)))");
    check!(r"let\alpha = 1", @"Directive(Let): (let α () (num 1))");
    check!("let", @"Directive(Let): error `let`: expected a name after `let`");
    check!("let = 2", @"Directive(Let): error `=`: expected a name after `let`");
    check!("let 2 = x", @"Directive(Let): error `2`: expected a name after `let`");
    check!("let f x = 2", @"Directive(Let): error `x`: expected `=`, found `x`");
    check!("let f() = 2", @"Directive(Let): error `)`: expected a name after `(`");
    check!("let f(x,) = 2", @"Directive(Let): error `)`: expected a name after `,`");
    check!("let f(x = 2", @"Directive(Let): error `=`: expected `,` or `)`, found `=`");
    check!("let f(x", @"Directive(Let): error `(`: expected `)` to close `(`");
    check!("let f(x) =", @"Directive(Let): error `=`: expected an expression after `=`");
    check!("let f(x) = 2 = 3", @"Directive(Let): error `=`: expected the end of the line, found `=`");
    check!("let f(x) 2", @"Directive(Let): error `2`: expected `=`, found `2`");
}

#[test]
fn assumptions() {
    check!("assume a > 0", @"Directive(Assume): (assume a)");
    check!(r"assume a, \sigma_1 > 0", @"Directive(Assume): (assume a σ_1)");
    check!(r"assume \sigma_1>0", @"Directive(Assume): (assume σ_1)");
    // A range from `_1`: its ends and every datum (`σ_j`).
    check!(r"assume \sigma_1, \dots, \sigma_J > 0", @"Directive(Assume): (assume σ_1 σ_j σ_J)");
    check!(r"assume a, \sigma_1, \ldots, \sigma_n > 0", @"Directive(Assume): (assume a σ_1 σ_j σ_n)");
    check!(r"assume \sigma_1, \dots, \tau_J > 0", @r"Directive(Assume): error `\tau`: expected the range's last name, `a_1, \dots, a_n`, found `\tau`");
    check!(r"assume \sigma_2, \dots, \sigma_J > 0", @r"Directive(Assume): error `\sigma`: expected the range's last name, `a_1, \dots, a_n`, found `\sigma`");
    check!(r"assume a \ge 0", @r"Directive(Assume): error `\ge 0`: only `> 0` assumptions are supported");
    check!("assume a >= 0", @"Directive(Assume): error `>= 0`: only `> 0` assumptions are supported");
    check!("assume a > 1", @"Directive(Assume): error `> 1`: only `> 0` assumptions are supported");
    check!("assume a > 0.0", @"Directive(Assume): error `> 0.0`: only `> 0` assumptions are supported");
    check!("assume a < 0", @"Directive(Assume): error `< 0`: only `> 0` assumptions are supported");
    check!("assume a = 0", @"Directive(Assume): error `= 0`: only `> 0` assumptions are supported");
    check!("assume a > 0 b", @"Directive(Assume): error `b`: expected the end of the line, found `b`");
    check!("assume a", @"Directive(Assume): error ``: expected `> 0`, found end of line");
    check!("assume a b > 0", @"Directive(Assume): error `b`: expected `,` or `> 0`, found `b`");
    check!("assume", @"Directive(Assume): error `assume`: expected a name after `assume`");
    check!("assume > 0", @"Directive(Assume): error `>`: expected a name after `assume`");
    check!("assume a, > 0", @"Directive(Assume): error `>`: expected a name after `,`");
}

#[test]
fn specialisations() {
    check!(r"specialise KL(p_1, p_2) with \mu_2 = 0, \sigma_2^2 = 1", @"Directive(Specialise): (specialise (call KL (id p_1) (id p_2)) (bind (id μ_2) (num 0)) (bind (pow (id σ_2) (num 2)) (num 1)))");
    check!("specialize f with x = 1", @"Directive(Specialise): (specialise (id f) (bind (id x) (num 1)))");
    check!(r"specialise \mathrm{with}(x) with x = 1", @"Directive(Specialise): (specialise (call with (id x)) (bind (id x) (num 1)))");
    check!("specialise f(x) with x = y with", @"Directive(Specialise): (specialise (call f (id x)) (bind (id x) (mul (mul (mul (mul (id y) (id w)) (id i)) (id t)) (id h))))");
    check!("specialise KL(p_1, p_2)", @"Directive(Specialise): error `specialise`: expected `with` after the specialised expression");
    check!("specialise with x = 1", @"Directive(Specialise): (specialise previous (bind (id x) (num 1)))");
    check!("specialise f with", @"Directive(Specialise): error `with`: expected an expression after `with`");
    check!("specialise f with x", @"Directive(Specialise): error ``: expected `=`, found end of line");
    check!("specialise f with x =", @"Directive(Specialise): error `=`: expected an expression after `=`");
    check!("specialise f with x = 1,", @"Directive(Specialise): error `,`: expected an expression after `,`");
    check!("specialise f with x = 1; y = 2", @"Directive(Specialise): error `;`: unexpected `;` outside function arguments");
    check!("specialise f g) with x = 1", @"Directive(Specialise): error `)`: `)` has no matching opening bracket");
    check!("specialise notwith with x = 1", @"Directive(Specialise): (specialise (mul (mul (mul (mul (mul (mul (id n) (id o)) (id t)) (id w)) (id i)) (id t)) (id h)) (bind (id x) (num 1)))");
}

#[test]
fn overlong_lines() {
    let long = format!("a = {}", "b".repeat(MAX_LINE_BYTES));
    check!(&long, @"Head: error `a`: line is too long (10004 bytes, at most 10000)");
}

/// Issue 15: a row that starts with a connective is the next equation of a chain of
/// equations: one equation `L = R`.
#[test]
fn equations_after_a_connective() {
    insta::assert_snapshot!(render(r"\Rightarrow 0 = a - b"), @"Implication: Implies (num 0) = (sub (id a) (id b))");
    insta::assert_snapshot!(render(r"&\iff \hat{\mu} = \bar{x} \\"), @"Implication: Iff (id μ̂) = (id x̄)");
    insta::assert_snapshot!(render(r"\Longleftrightarrow & \mu = 1"), @"Implication: Iff (id μ) = (num 1)");
    // The equation's right side said to equal more: the equation, then a claim.
    insta::assert_snapshot!(render(r"\implies a = b = c"), @"Implication: Implies (id a) = (id b), then = (id c)");
    insta::assert_snapshot!(render(r"\iff a"), @r"Implication: error `\iff`: after `\iff`, one equation `L = R` is read");
    // ∴ ("hence") leads to the next equation as `\Rightarrow` does.
    insta::assert_snapshot!(render(r"\therefore \hat{\mu} = \bar{x}"), @"Implication: Implies (id μ̂) = (id x̄)");
}

/// A row of mathematics that opens with ∵ (`\because`, "since") is the claim after it;
/// the sign elsewhere still ends an expression.
#[test]
fn a_reason_sign_opens_a_claim() {
    insta::assert_snapshot!(render_math(r"\because a + a = 2a"), @"head (add (id a) (id a)) = (mul (num 2) (id a))");
    insta::assert_snapshot!(render_math(r"& \because \; a = b"), @"head (id a) = (id b)");
    insta::assert_snapshot!(render_math(r"a = b \because c"), @"head (id a) = (id b) «because c»");
}

#[test]
fn shape_declarations() {
    let directive = |text: &str| {
        let parsed = crate::syntax::parse(&crate::source::SourceFile::new("t", text));
        match (parsed.errors.first(), parsed.doc.items.first()) {
            (Some(e), _) => format!("error {:?}", e.kind),
            (None, Some(item)) => crate::syntax::sexpr_item(item),
            (None, None) => "nothing".into(),
        }
    };
    insta::assert_snapshot!(directive(r"let x, \mu \in \mathbb{R}^J"), @"(vector x μ J)");
    insta::assert_snapshot!(directive(r"let A \in \mathbb{R}^{J \times J}"), @"(matrix A J)");
    insta::assert_snapshot!(directive(r"let \Sigma_1 \in \mathbb{S}_{++}^J"), @"(covariance Σ_1 J)");
    insta::assert_snapshot!(directive(r"let A \in \mathbb{R}^{J \times K}"), @r#"error Expected { expected: "a square matrix `\\mathbb{R}^{J \\times J}`", found: "\\times" }"#);
    insta::assert_snapshot!(directive(r"let A \in \mathbb{C}^J"), @r#"error Expected { expected: "`\\mathbb{R}^J`, `\\mathbb{R}^{J \\times J}` or `\\mathbb{S}_{++}^J`", found: "\\mathbb" }"#);
    insta::assert_snapshot!(directive(r"let f(x) = x \in"), @r#"error NotAnEquality("\\in")"#);
    // In notes' mathematics, without `let`: the prose's "where $x \in \mathbb{R}^J$".
    insta::assert_snapshot!(render_math(r"x, \mu \in \mathbb{R}^J."), @r#"Condition(Shape(ShapeDeclaration { names: [Ident { base: "x", subscript: None, span: Span { start: 0, end: 1 } }, Ident { base: "μ", subscript: None, span: Span { start: 3, end: 6 } }], kind: Vector, dim: Ident { base: "J", subscript: None, span: Span { start: 22, end: 23 } }, span: Span { start: 0, end: 23 } }))"#);
    insta::assert_snapshot!(render_math(r"x \in \mathbb{R}"), @r"error `\in`: only equalities can be checked, found `\in`");
}

#[test]
fn laws_known_by_their_moments() {
    insta::assert_snapshot!(render(r"let X have mean \mu and variance \sigma^2"), @"Directive(Let): (random X (law (id μ) (pow (id σ) (num 2))))");
    insta::assert_snapshot!(render(r"let X, Y have mean 0 and variance 1"), @"Directive(Let): (random X Y (law (num 0) (num 1)))");
    insta::assert_snapshot!(render(r"let X have mean \mu_1 + \mu_2 and variance s"), @"Directive(Let): (random X (law (add (id μ_1) (id μ_2)) (id s)))");
    // Near misses: each part is required, in this order.
    insta::assert_snapshot!(render(r"let X have mean \mu"), @r"Directive(Let): error `\mu`: expected `… and variance …`, found `\mu`");
    insta::assert_snapshot!(render(r"let X have variance \sigma^2"), @"Directive(Let): error `v`: expected `mean …`, found `v`");
    insta::assert_snapshot!(render(r"let X have mean \mu and \sigma^2"), @r"Directive(Let): error `\sigma`: expected `variance …`, found `\sigma`");
    insta::assert_snapshot!(render(r"let X have mean \mu + and variance 1"), @"Directive(Let): error `+`: expected an expression after `+`");
    // Not a law: a definition as before.
    insta::assert_snapshot!(render(r"let h(x) = x^2"), @"Directive(Let): (let h (x) (pow (id x) (num 2)))");
}

/// A row's positivity conditions beside its steps, as `assume` items.
fn conditions_beside(row: &str) -> Vec<String> {
    let parsed = parse_alone(row, RowKind::Math);
    assert!(parsed.result.is_ok(), "{row}: {:?}", parsed.result);
    parsed
        .conditions
        .into_iter()
        .map(|c| sexpr_item(&Item::Assume(c)))
        .collect()
}

#[test]
fn a_positivity_condition_beside_a_step_is_its_premise() {
    for row in [
        r"\log \sigma^2 = 2\log\sigma \quad (\sigma > 0)",
        r"\log \sigma^2 = 2\log\sigma, \quad \sigma > 0.",
        r"\log \sigma^2 = 2\log\sigma \qquad \text{for } \sigma > 0",
        r"\log \sigma^2 = 2\log\sigma \quad (\text{if } \sigma > 0)",
        r"H_1 - H_2 = b, \quad \sigma > 0.",
        r"a = b = c, \quad \sigma > 0.",
    ] {
        assert_eq!(conditions_beside(row), ["(assume σ)"], "{row}");
    }
    assert_eq!(
        conditions_beside(r"\log(ab) = \log a + \log b \qquad [a, b > 0]"),
        ["(assume a b)"]
    );
    // Not a positivity condition, or not beside the step: no premise is read.
    for row in [
        r"\log \sigma^2 = 2\log\sigma \quad (\sigma \ne 0)",
        r"x^2 = x \quad (x \in \{0, 1\})",
        r"a = b (c > 0)",
    ] {
        assert!(
            parse_alone(row, RowKind::Math).conditions.is_empty(),
            "{row}"
        );
    }
}

/// A row of a display the prose sets to zero, as its kind and item.
fn render_set_to_zero(row: &str) -> String {
    match parse_alone(row, RowKind::MathSetToZero).result {
        Ok(LineItem::Head(RowSteps { steps, set_to, .. })) => format!(
            "head {}, set to {}",
            render_steps(&steps),
            set_to.map_or("nothing".into(), |s| sexpr(&s.expr))
        ),
        Ok(LineItem::Continuation { steps, .. }) => format!(
            "cont {}, set to {}",
            render_steps(&steps.steps),
            steps.set_to.map_or("nothing".into(), |s| sexpr(&s.expr))
        ),
        Ok(other) => format!("{other:?}"),
        Err(error) => format!("error `{}`: {}", &row[error.span.range()], error.message()),
    }
}

#[test]
fn after_prose_that_sets_it_to_zero_a_zero_at_either_end_sets_the_equation() {
    insta::assert_snapshot!(render_set_to_zero("f = g = 0"), @"head (id f) = (id g), set to (num 0)");
    insta::assert_snapshot!(render_set_to_zero("0 = f = g"), @"head (id f) = (id g), set to (num 0)");
    insta::assert_snapshot!(render_set_to_zero("&= g = 0."), @"cont (id g), set to (num 0)");
    insta::assert_snapshot!(render_set_to_zero("&= 0"), @"cont , set to (num 0)");
    // Any other value, or a zero in the middle, is a claim as written.
    insta::assert_snapshot!(render_set_to_zero("f = g = 0.5"), @"head (id f) = (id g) = (num 0.5), set to nothing");
    insta::assert_snapshot!(render_set_to_zero("f = 0 = g"), @"head (id f) = (num 0) = (id g), set to nothing");
    insta::assert_snapshot!(render_set_to_zero("0 = f = 0"), @"error `=`: `=` sets an equation to solve, which ends the chain of steps; what follows it is not read");
}

/// A normal law alone states its σ is a standard deviation only when its variance is a
/// square; `v`, `\Sigma`, `2\sigma^2` or a point law state no sign.
#[test]
fn a_law_states_a_deviation_only_for_a_squared_variance() {
    use crate::syntax::is_law_with_deviation;
    for text in [
        r"\mathcal{N}(\mu, \sigma^2)",
        r"N(\mu_1, \sigma_1^2).",
        r"\mathcal{N}(x; 0, s^2)",
    ] {
        assert!(is_law_with_deviation(text), "{text}");
    }
    for text in [
        r"\mathcal{N}(0, 1)",
        r"\mathcal{N}(0, v)",
        r"\mathcal{N}(\mu, \Sigma)",
        r"\mathcal{N}(\mu, 2\sigma^2)",
        r"\mathcal{N}(\mu, \sigma^2) + 1",
        r"X \sim \mathcal{N}(\mu, \sigma^2)",
    ] {
        assert!(!is_law_with_deviation(text), "{text}");
    }
}
