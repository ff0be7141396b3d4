//! The grammar's tests: each construct as a tree, its spans, and every error.

use crate::syntax::ast::Expr;
use crate::syntax::{parse_expr, sexpr};

/// The tree as an S-expression (with the root's text when the root does not span
/// the whole input), or the error with its underlined text and message.
fn render(input: &str) -> String {
    match parse_expr(input) {
        Ok(expr) => {
            let root = &input[expr.span.range()];
            if root == input.trim() {
                sexpr(&expr)
            } else {
                format!("{} @ `{root}`", sexpr(&expr))
            }
        }
        Err(error) => {
            let text = &input[error.span.range()];
            format!("error `{text}`: {}", error.message())
        }
    }
}

/// The text of every node, outermost first, one per line.
fn render_spans(input: &str) -> String {
    fn walk(expr: &Expr, input: &str, depth: usize, out: &mut Vec<String>) {
        out.push(format!(
            "{}{}",
            "  ".repeat(depth),
            &input[expr.span.range()]
        ));
        for child in crate::syntax::children(expr) {
            walk(child, input, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    match parse_expr(input) {
        Ok(expr) => walk(&expr, input, 0, &mut out),
        Err(error) => out.push(error.message()),
    }
    out.join("\n")
}

macro_rules! check {
    (spans: $input:expr, @$expect:literal) => {
        insta::assert_snapshot!(render_spans($input), @$expect)
    };
    ($input:expr, @$expect:literal) => {
        insta::assert_snapshot!(render($input), @$expect)
    };
}

#[test]
fn numbers_and_names() {
    check!("2", @"(num 2)");
    check!("10", @"(num 10)");
    check!("0.5", @"(num 0.5)");
    check!("x", @"(id x)");
    check!("ab", @"(mul (id a) (id b))");
    check!("p_1", @"(id p_1)");
    check!("p_{1}", @"(id p_1)");
    check!(r"\sigma_{12}", @"(id σ_{12})");
    check!(r"\mu_{p_1}", @"(id μ_{p_1})");
    check!(r"x_{\alpha}", @"(id x_α)");
    check!(r"\pi", @"(id π)");
    check!(r"\infty", @"(inf)");
    check!(r"\varepsilon \epsilon \vartheta \varphi \phi", @"(mul (mul (mul (mul (id ε) (id ϵ)) (id ϑ)) (id φ)) (id ϕ))");
    check!(r"\Gamma \Delta \Theta \Lambda \Xi \Pi \Sigma \Phi \Psi \Omega", @"(mul (mul (mul (mul (mul (mul (mul (mul (mul (id Γ) (id Δ)) (id Θ)) (id Λ)) (id Ξ)) (id Π)) (id Σ)) (id Φ)) (id Ψ)) (id Ω))");
    check!(r"\mathrm{KL}", @"(id KL)");
    check!(r"\operatorname{KL}", @"(id KL)");
    check!(r"\text{if}", @"(id if)");
    check!("e", @"(id e)");
}

#[test]
fn juxtaposition_and_explicit_products() {
    check!(r"2\pi", @"(mul (num 2) (id π))");
    check!(r"\sqrt{2\pi}\sigma", @"(mul (sqrt (mul (num 2) (id π))) (id σ))");
    check!(r"(x-\mu_1)(\mu_1-\mu_2)", @"(mul (sub (id x) (id μ_1)) (sub (id μ_1) (id μ_2)))");
    check!(r"\frac{1}{2} \log 2\pi", @"(mul (frac (num 1) (num 2)) (log (mul (num 2) (id π))))");
    check!(r"a * b", @"(mul* (id a) (id b))");
    check!(r"a \cdot b \times c", @"(times (cdot (id a) (id b)) (id c))");
    check!("a / 2b", @"error `/ 2b`: ambiguous `/` before a product: `1/2x` has two readings");
    check!("a / b / c", @"(div (div (id a) (id b)) (id c))");
    check!(r"2 a \cdot 3 b", @"(cdot (mul (num 2) (id a)) (mul (num 3) (id b)))");
    check!("2.5x", @"(mul (num 2.5) (id x))");
}

#[test]
fn sums_and_signs() {
    check!("a + b - c", @"(sub (add (id a) (id b)) (id c))");
    check!(r"-\frac{1}{2}\log 2\pi", @"(neg (mul (frac (num 1) (num 2)) (log (mul (num 2) (id π)))))");
    check!("-a * b", @"(neg (mul* (id a) (id b)))");
    check!("-a + b", @"(add (neg (id a)) (id b))");
    check!("a * -b", @"(mul* (id a) (neg (id b)))");
    check!("a - -b", @"(sub (id a) (neg (id b)))");
    check!("+a", @"(id a) @ `a`");
    check!("- - a", @"(neg (neg (id a)))");
    check!(r"-\log\sigma_1 + \frac{\sigma_1^2 + \mu_1^2}{2} - \frac{1}{2}", @"(sub (add (neg (log (id σ_1))) (frac (add (pow (id σ_1) (num 2)) (pow (id μ_1) (num 2))) (num 2))) (frac (num 1) (num 2)))");
}

#[test]
fn powers_and_subscripts() {
    check!("x^2", @"(pow (id x) (num 2))");
    check!("x^23", @"error `x^23`: two numbers side by side have no single reading");
    check!("x^{23}", @"(pow (id x) (num 23))");
    check!(r"x^\alpha", @"(pow (id x) (id α))");
    check!(r"\sigma_1^2", @"(pow (id σ_1) (num 2))");
    check!(r"\sigma^2_1", @"(pow (id σ_1) (num 2))");
    check!("(a+b)^2", @"(pow (add (id a) (id b)) (num 2))");
    check!(r"\left( a + b \right)^2", @"(pow (add (id a) (id b)) (num 2))");
    check!(r"e^{-\frac{(x-\mu)^2}{2\sigma^2}}", @"(pow (id e) (neg (frac (pow (sub (id x) (id μ)) (num 2)) (mul (num 2) (pow (id σ) (num 2))))))");
    check!(r"2\sigma_1^2", @"(mul (num 2) (pow (id σ_1) (num 2)))");
    check!(r"\sqrt{2}^2", @"(pow (sqrt (num 2)) (num 2))");
    check!("x_{i+1}", @"(id x_{i+1})");
}

#[test]
fn fractions_and_roots() {
    check!(r"\frac{a}{b}", @"(frac (id a) (id b))");
    check!(r"\dfrac{a}{b} + \tfrac{c}{d}", @"(add (frac (id a) (id b)) (frac (id c) (id d)))");
    check!(r"\frac12", @"(frac (num 1) (num 2))");
    check!(r"\frac 1 2", @"(frac (num 1) (num 2))");
    check!(r"\frac\pi2", @"(frac (id π) (num 2))");
    check!(r"\frac{1}{\sqrt{2\pi}\sigma_1}", @"(frac (num 1) (mul (sqrt (mul (num 2) (id π))) (id σ_1)))");
    check!(r"\sqrt{a}", @"(sqrt (id a))");
    check!(r"\sqrt[3]{a}", @"(root (num 3) (id a))");
    check!(r"\sqrt 2", @"(sqrt (num 2))");
    check!(r"\sqrt 23", @r"error `\sqrt 23`: two numbers side by side have no single reading");
}

#[test]
fn brackets() {
    check!("((1))", @"(num 1)");
    check!("[a + b] c", @"(mul (add (id a) (id b)) (id c))");
    check!("{a + b} c", @"(mul (add (id a) (id b)) (id c))");
    check!(r"\{ a \}", @"(id a)");
    check!(r"\left\{ a \right\}", @"(id a)");
    check!(r"\left[ a \right]", @"(id a)");
    check!(r"\bigl( a \bigr)", @"(id a)");
    check!(r"\Big[ a \Big]", @"(id a)");
}

#[test]
fn functions() {
    check!(r"\log x", @"(log (id x))");
    check!(r"\log 2\pi", @"(log (mul (num 2) (id π)))");
    check!(r"\log x + 1", @"(add (log (id x)) (num 1))");
    check!(r"\log x \cdot y", @"(cdot (log (id x)) (id y))");
    check!(r"\log(x) y", @"(mul (log (id x)) (id y))");
    check!(r"\log [x] y", @"(mul (log (id x)) (id y))");
    check!(r"\log \left( x \right) y", @"(mul (log (id x)) (id y))");
    check!(r"\ln x^2", @"(ln (pow (id x) (num 2)))");
    check!(r"\exp(-x)", @"(exp (neg (id x)))");
    // Visible braces bound the argument as parentheses do; invisible ones do not.
    check!(r"\exp\left\{ x \right\} y", @"(mul (exp (id x)) (id y))");
    check!(r"\exp\{-x\} \log y", @"(mul (exp (neg (id x))) (log (id y)))");
    check!(r"\exp{x} y", @r"error `\exp{x} y`: ambiguous argument of `\exp`: a product of variables without parentheses has two readings");
    check!(r"\log x \log y", @r"error `\log x \log y`: ambiguous argument of `\log`: it runs into another function or integral");
    // A bracketed `\exp(…)` last after a coefficient is in the argument, as `e^{…}` is.
    check!(r"\log \frac{1}{2} \exp\left(x\right)", @"(log (mul (frac (num 1) (num 2)) (exp (id x))))");
    check!(r"\log 2 \exp(x)", @"(log (mul (num 2) (exp (id x))))");
    check!(r"\log x \exp(x)", @r"error `\log x \exp(x)`: ambiguous argument of `\log`: it runs into another function or integral");
    check!(r"\log 2 \exp x", @r"error `\log 2 \exp x`: ambiguous argument of `\log`: it runs into another function or integral");
    check!(r"\log 2 \exp(x) \exp(y)", @r"error `\log 2 \exp(x)`: ambiguous argument of `\log`: it runs into another function or integral");
    check!(r"\log x y", @r"error `\log x y`: ambiguous argument of `\log`: a product of variables without parentheses has two readings");
    check!(r"\log \sigma_1^2 \sigma_2", @r"error `\log \sigma_1^2 \sigma_2`: ambiguous argument of `\log`: a product of variables without parentheses has two readings");
    check!(r"\log 2x", @"(log (mul (num 2) (id x)))");
    check!(r"\log \pi x", @"(log (mul (id π) (id x)))");
    check!(r"\log \sqrt{2} x", @"(log (mul (sqrt (num 2)) (id x)))");
    check!(r"\log\log x", @"(log (log (id x)))");
    check!(r"\log \frac{1}{\sqrt{2\pi}\sigma_1} e^{-\frac{(x-\mu_1)^2}{2\sigma_1^2}} - \log 2", @"(sub (log (mul (frac (num 1) (mul (sqrt (mul (num 2) (id π))) (id σ_1))) (pow (id e) (neg (frac (pow (sub (id x) (id μ_1)) (num 2)) (mul (num 2) (pow (id σ_1) (num 2)))))))) (log (num 2)))");
}

#[test]
fn calls() {
    check!("p_1(x)", @"(call p_1 (id x))");
    check!(r"N(x; \mu_1, \sigma_1^2)", @"(call N (id x) (id μ_1) (pow (id σ_1) (num 2)))");
    check!("KL(p_1, p_2)", @"(call KL (id p_1) (id p_2))");
    check!("KL (p_1, p_2)", @"(call KL (id p_1) (id p_2))");
    check!(r"\mathrm{KL}(p, q)", @"(call KL (id p) (id q))");
    check!("a(b+c)", @"(call a (add (id b) (id c)))");
    check!(r"p_1\left(x\right)", @"(call p_1 (id x))");
    check!(r"\Gamma(x)", @"(call Γ (id x))");
    check!("2ab(x)", @"(mul (num 2) (call ab (id x)))");
    check!("x_ab(c)", @"(mul (id x_a) (call b (id c)))");
    check!("f(x)^2", @"(pow (call f (id x)) (num 2))");
    check!("p(x) (a + b)", @"(mul (call p (id x)) (add (id a) (id b)))");
}

#[test]
fn integrals() {
    check!(r"\int p_1(x) \log \frac{p_1(x)}{p_2(x)} dx", @"(int dx (mul (call p_1 (id x)) (log (frac (call p_1 (id x)) (call p_2 (id x))))))");
    check!(r"\int x \, dx", @"(int dx (id x))");
    check!(r"\int x^2 \,\mathrm{d}x", @"(int dx (pow (id x) (num 2)))");
    check!(r"\int x d x", @"(int dx (id x))");
    check!(r"\int f(\theta) d\theta", @"(int dθ (call f (id θ)))");
    check!(r"\int_{-\infty}^{\infty} x \, dx", @"(int dx (neg (inf)) (inf) (id x))");
    check!(r"\int_{-\infty}^{+\infty} x \, dx", @"(int dx (neg (inf)) (inf) (id x))");
    check!(r"\int_{-\infty}^\infty x dx", @"(int dx (neg (inf)) (inf) (id x))");
    check!(r"\int_{\mathbb{R}} x \, dx", @"(int dx (neg (inf)) (inf) (id x))");
    // The differential first, as physicists write it.
    check!(r"\int dx\, p(x)\, x", @"(int dx (mul (call p (id x)) (id x)))");
    check!(r"\int_{-\infty}^{\infty} \mathrm{d}x \, x^2 e^{-x^2}", @"(int dx (neg (inf)) (inf) (mul (pow (id x) (num 2)) (pow (id e) (neg (pow (id x) (num 2))))))");
    check!(r"\int dx\, f(x) + g(x)", @r"error `\int dx\, f(x)`: with the differential first, where the integrand ends is unclear: a sum follows it");
    check!(r"\int dx\, f(x) \, dx", @r"error `\int`: an integral with two differentials");
    check!(r"\int_\mathbb{R} x \, dx", @"(int dx (neg (inf)) (inf) (id x))");
    check!(r"\int_{\mathbb R} x \, \mathrm{d}x", @"(int dx (neg (inf)) (inf) (id x))");
    check!(r"\int_\R x \, dx", @"(int dx (neg (inf)) (inf) (id x))");
    check!(r"\int_{\mathbb{R}^n} x \, dx", @r"error `\mathbb{R}`: unsupported LaTeX command `\mathbb{R}`");
    check!(r"\int_{\mathbb{R}_+} x \, dx", @r"error `\mathbb{R}`: unsupported LaTeX command `\mathbb{R}`");
    check!(r"\int\limits_0^1 x dx", @"(int dx (num 0) (num 1) (id x))");
    check!(r"\int^1_0 x dx", @"(int dx (num 0) (num 1) (id x))");
    check!(r"\int_0^1 \int_0^1 xy \, dx \, dy", @"(int dy (num 0) (num 1) (int dx (num 0) (num 1) (mul (id x) (id y))))");
    check!(r"\int a + b \, dx + c", @"(add (int dx (add (id a) (id b))) (id c))");
    check!(r"2 \int x dx", @"(mul (num 2) (int dx (id x)))");
    check!(r"\int \frac{dy}{dx} dx", @"(int dx (d1/dx (id y)))");
    check!(r"\int (x dx) dx", @"(int dx (mul (mul (id x) (id d)) (id x)))");
    check!("dx", @"(mul (id d) (id x))");
    check!(r"\mathrm{d}x", @r"error `\mathrm{d}x`: a differential outside an integral");
}

#[test]
fn expectations() {
    check!(r"\mathbb{E}_{p_1}[x]", @"(E (id p_1) (id x))");
    check!(r"\mathbb{E}[x^2]", @"(E (pow (id x) (num 2)))");
    // Without braces TeX takes the next token: `\mathbb E[X]`, `\mathcal N(0, 1)`.
    check!(r"\mathbb E[x^2]", @"(E (pow (id x) (num 2)))");
    check!(r"\mathbb Ex", @r"error `\mathbb E`: expected `[` after the expectation `E`");
    check!(r"\mathcal N(0, 1)", @"(call N (num 0) (num 1))");
    check!(r"\langle x^2 \rangle", @"(E (pow (id x) (num 2)))");
    check!(r"\langle x^2 \rangle_p", @"(E (id p) (pow (id x) (num 2)))");
    check!(r"\langle x^2", @r"error `\langle`: expected `\rangle` to close `\langle`");
    check!(r"\left\langle x^2 \right\rangle - \big\langle x \big\rangle^2", @"(sub (E (pow (id x) (num 2))) (pow (E (id x)) (num 2)))");
    check!(r"\left\langle x^2 \rangle", @r"error `\left\langle`: expected `\right\rangle` to close `\left\langle`");
    check!(r"\Bbb E[x] + {\rm E}[x]", @"(add (E (id x)) (E (id x)))");
    check!(r"\mathbb{E}_p \left[ x \right]", @"(E (id p) (id x))");
    check!("E[x]", @"(E (id x))");
    check!("E_{p_1}[x]", @"(E (id p_1) (id x))");
    check!("E_p[x]", @"(E (id p) (id x))");
    check!(r"E\left[x\right]", @"(E (id x))");
    check!("E [x]", @"(E (id x))");
    check!("E_1[x]", @"(E (num 1) (id x))");
    check!("E x", @"error `E`: expected `[` after the expectation `E`");
    check!(r"E[Z \mid Z > 0]", @r"error `\mid`: conditional expectations are not supported");
}

#[test]
fn layout_is_ignored() {
    // Narrow spacing only: a wide space between terms is refused (see below).
    check!(r"c \, d \; e \: f \! g ~ h \ j", @"(mul (mul (mul (mul (mul (mul (id c) (id d)) (id e)) (id f)) (id g)) (id h)) (id j))");
    check!(r"\displaystyle \frac{1}{2}", @r"(frac (num 1) (num 2)) @ `\frac{1}{2}`");
    check!("a & b", @"(mul (id a) (id b))");
    check!("  x  ", @"(id x)");
    check!("x % a comment", @"(id x) @ `x`");
}

#[test]
fn unsupported_constructs() {
    check!(r"\foo", @r"error `\foo`: unsupported LaTeX command `\foo`");
    check!(r"\sin x", @r"error `\sin`: unsupported LaTeX command `\sin`");
    check!(r"\sum_i x_i", @r"error `\sum_`: `\sum` without its range: the index and both bounds are needed, `\sum_{i=1}^{n}`");
    check!(r"\mathbb{R}", @r"error `\mathbb{R}`: unsupported LaTeX command `\mathbb{R}`");
    // Bars are an absolute value (around one name, resolution makes a declared
    // matrix's a determinant); where they pair two ways, refused.
    check!("|x|", @"(abs (id x))");
    check!(r"\ln|\Sigma|^{1/2}", @"(ln (pow (abs (id Σ)) (div (num 1) (num 2))))");
    check!("|x + y|", @"(abs (add (id x) (id y)))");
    check!("|2|", @"(abs (num 2))");
    check!("x^2 |_{x=0}", @"(at x (pow (id x) (num 2)) (num 0))");
    check!(r"\left| x \right|", @"(abs (id x))");
    check!(r"\vert x \vert", @"(abs (id x))");
    check!(r"\lvert x - \mu \rvert", @"(abs (sub (id x) (id μ)))");
    check!(r"|x| |y|", @"(mul (abs (id x)) (abs (id y)))");
    check!(r"|a|b|c|", @"error `|`: bars with two readings: `|a|b|c|` is `|a|·b·|c|` or `|a·|b|·c|`, and `|x|_{…}` an absolute value or an evaluation");
    check!(r"|a - |b||", @"(abs (sub (id a) (abs (id b))))");
    check!(r"\left| x \right|_{0}^{1}", @r"error `\left|`: a bar that opens no absolute value here, or one never closed");
    check!(r"|x - \mu", @"error `|`: a bar that opens no absolute value here, or one never closed");
    check!(r"E|X - \mu|", @"(E (abs (sub (id X) (id μ))))");
    check!(r"E[|X| + 1]", @"(E (add (abs (id X)) (num 1)))");
    check!(r"E[X | Y]", @"error `|`: conditional expectations are not supported");
    check!(r"p(|x|)", @"(call p (abs (id x)))");
    check!(r"x \rvert", @r"error `\rvert`: a bar that opens no absolute value here, or one never closed");
    check!(r"E|X - \mu", @"error `|`: a bar that opens no absolute value here, or one never closed");
    check!(r"\lvert x |", @r"error `\lvert`: a bar that opens no absolute value here, or one never closed");
    check!("n!", @"error `!`: a factorial or binomial coefficient of a symbol (`n!`, `\\binom{n}{k}`); of numbers (`4!`, `\\binom{4}{2}`) they are read");
    check!("a @ b", @"error `@`: unexpected character `@`");
    check!("σ", @"error `σ`: unexpected character `σ`");
    check!(r"\%", @r"error `\%`: unsupported LaTeX command `\%`");
    check!(r"\log^2 x", @r"error `\log^`: powers written as `\log^...` are not supported");
    check!(r"\log_2^2 x", @r"error `\log_2^`: powers written as `\log^...` are not supported");
    check!(r"\ln_2 x", @r"error `\ln_`: logarithm bases written as `\ln_...` are not supported");
    check!(r"\log(x)^2", @r"error `^`: ambiguous power after `\log(...)`");
}

#[test]
fn missing_pieces() {
    check!("", @"error ``: expected an expression");
    check!("a +", @"error `+`: expected an expression after `+`");
    check!(r"a \cdot", @r"error `\cdot`: expected an expression after `\cdot`");
    check!("-", @"error `-`: expected an expression after `-`");
    check!(r"\log", @r"error `\log`: expected an argument after `\log`");
    check!(r"\log + 1", @r"error `\log`: expected an argument after `\log`");
    check!(r"\frac{1}", @r"error `\frac`: expected an argument after `\frac`");
    check!(r"\sqrt", @r"error `\sqrt`: expected an argument after `\sqrt`");
    check!("x^", @"error `^`: expected a superscript after `^`");
    check!("x_", @"error `_`: expected a subscript after `_`");
    check!("^2", @"error `^`: superscript `^` has nothing to attach to");
    check!("()", @"error `()`: expected an expression between `(` and `)`");
    check!("f()", @"error `()`: expected an expression between `(` and `)`");
    check!("f(a,)", @"error `,`: expected an expression after `,`");
    check!("a^{}", @"error `{}`: expected an expression between `^{` and `}`");
    check!(r"\int x", @r"error `\int`: expected `dx` to end the integral");
    check!(r"\int dx", @r"error `\int`: expected an expression after `\int`");
    check!(r"\int x \cdot dx", @r"error `\cdot`: expected an expression after `\cdot`");
    check!(r"\int_0 x dx", @r"error `\int_0`: an integral needs both a lower and an upper bound");
    check!(r"\mathbb{E} x", @r"error `\mathbb{E}`: expected `[` after the expectation `E`");
    check!(r"\mathbb{E}_{}[x]", @"error `_`: expected a density name in the subscript of `E`");
    check!(r"\mathrm{a+b}", @r"error `\mathrm`: expected letters inside `\mathrm{...}`");
}

#[test]
fn brackets_that_do_not_match() {
    check!(r"\frac{1}{2", @r"error `{`: expected `}` to close `\frac{`");
    check!("(a", @"error `(`: expected `)` to close `(`");
    check!("(a]", @"error `]`: expected `)` to close `(`, found `]`");
    check!(r"\left( a \right]", @r"error `\right]`: expected `\right)` to close `\left(`, found `\right]`");
    check!(r"\left( a )", @r"error `)`: expected `\right)` to close `\left(`, found `)`");
    check!(r"\left( a", @r"error `\left(`: expected `\right)` to close `\left(`");
    check!("a)", @"error `)`: `)` has no matching opening bracket");
    check!("f(a,", @"error `(`: expected `)` to close `(`");
    check!("(a, b)", @"error `,`: expected `)` to close `(`, found `,`");
    check!("(a = b)", @"error `=`: expected `)` to close `(`, found `=`");
    check!("(a < b)", @"error `<`: only equalities can be checked, found `<`");
    check!("x_{1", @"error `_{`: expected `}` to close `_{`");
}

#[test]
fn ambiguous_scripts() {
    check!("a^b^c", @"error `^`: ambiguous double superscript");
    check!("x^-1", @"error `^-`: a superscript starting with `-` needs braces");
    check!(r"x^\frac12", @r"error `^\frac`: a superscript starting with `\frac` needs braces");
    check!("x_1_2", @"error `_2`: double subscript");
    check!("(a+b)_1", @"error `_1`: subscripts are only supported on names");
    check!("x_{1/2}", @"error `/`: a subscript may only contain letters, digits and Greek letters");
}

#[test]
fn relations_and_separators() {
    check!("a < b", @"error `<`: only equalities can be checked, found `<`");
    check!("a >= b", @"error `>=`: only equalities can be checked, found `>=`");
    check!(r"a \le b", @r"error `\le`: only equalities can be checked, found `\le`");
    check!(r"a \approx b", @r"error `\approx`: only equalities can be checked, found `\approx`");
    check!("a != b", @"error `!=`: only equalities can be checked, found `!=`");
    check!("a = b", @"error `=`: expected the end of the expression, found `=`");
    check!("a, b", @"error `,`: unexpected `,` outside function arguments");
    check!(r"a \\ b", @r"error `\\`: line break `\\` in the middle of a line");
}

#[test]
fn limits() {
    let deep = |n: usize| format!("{}x{}", "(".repeat(n), ")".repeat(n));
    check!(&deep(200), @"(id x)");
    check!(&deep(201), @"error `(`: expression nested too deeply");
    check!(&"-".repeat(5000), @"error `-`: expression nested too deeply");
    check!(&format!("{}x", r"\log ".repeat(300)), @r"error `\log`: expression nested too deeply");
    check!(&"(".repeat(9000), @"error `(`: expression nested too deeply");
    check!(&"x".repeat(10_001), @"error `x`: line is too long (10001 bytes, at most 10000)");
    check!(&"x".repeat(501), @"error `x`: expression has too many operations in a row (more than 500)");
    check!("123456789012345678901234567890", @"(num 123456789012345678901234567890)");
    check!("1234567890123456789012345678901", @"error `1234567890123456789012345678901`: number is too long (31 digits, at most 30)");
}

/// Trees at the depth limits parse, and a recursive walk over them ([`sexpr`]) fits
/// on an ordinary test thread's stack.
#[test]
fn the_deepest_allowed_trees_parse_and_print() {
    let deepest = [
        format!("{}a", "a+".repeat(499)),
        "x".repeat(500),
        format!("{}x{}", r"\frac{1}{".repeat(200), "}".repeat(200)),
        format!("{}x{}", r"\left(-".repeat(100), r"\right)".repeat(100)),
    ];
    for text in deepest {
        let expr = parse_expr(&text).expect("within the limits");
        assert!(sexpr(&expr).starts_with('('));
    }
}

#[test]
fn spans_cover_the_text_of_each_node() {
    check!(spans: r"2\pi + (a)", @r"
        2\pi + (a)
          2\pi
            2
            \pi
          (a)
        ");
    check!(spans: r"-\frac{1}{2}\log 2\pi", @r"
        -\frac{1}{2}\log 2\pi
          \frac{1}{2}\log 2\pi
            \frac{1}{2}
              1
              2
            \log 2\pi
              2\pi
                2
                \pi
        ");
    check!(spans: r"\sigma^2_1", @r"
        \sigma^2_1
          \sigma^2_1
          2
        ");
    check!(spans: r"\int_{0}^{1} p_1(x) \, dx", @r"
        \int_{0}^{1} p_1(x) \, dx
          0
          1
          p_1(x)
            x
        ");
    check!(spans: r"\mathbb{E}_{p}\left[ x \right]", @r"
    \mathbb{E}_{p}\left[ x \right]
      p
      x
    ");
    check!(spans: r"\left( a \right)^2 \sqrt[3]{b}", @r"
        \left( a \right)^2 \sqrt[3]{b}
          \left( a \right)^2
            \left( a \right)
            2
          \sqrt[3]{b}
            3
            b
        ");
    check!(spans: "KL(p, q)", @r"
        KL(p, q)
          p
          q
        ");
}

/// Constructs with two readings are refused, the construct named (see `readings`).
#[test]
fn misreadings_are_refused() {
    check!("log(2a)", @"error `log`: `log` written without a backslash reads as a product of letters");
    check!("exp(2x) + 1", @"error `exp`: `exp` written without a backslash reads as a product of letters");
    check!("sqrt(x)", @"error `sqrt`: `sqrt` written without a backslash reads as a product of letters");
    check!("Var(X)", @"error `Var`: `Var` written without a backslash reads as a product of letters");
    check!("erf(x)", @"error `erf`: `erf` written without a backslash reads as a product of letters");
    check!("2 3", @"error `2 3`: two numbers side by side have no single reading");
    check!(r"1\,000", @r"error `1\,000`: two numbers side by side have no single reading");
    check!(r"\frac12 3", @r"error `\frac12 3`: two numbers side by side have no single reading");
    check!(r"2\frac{1}{2}", @r"error `2\frac{1}{2}`: a whole number before a fraction reads as a mixed number (2½ = 5/2) or a product (2·½ = 1)");
    check!(r"x + 3 \tfrac14", @r"error `3 \tfrac14`: a whole number before a fraction reads as a mixed number (2½ = 5/2) or a product (2·½ = 1)");
    // A fraction with a letter, or a number that is not whole, is a product only.
    check!(r"2\frac{1}{n}", @"(mul (num 2) (frac (num 1) (id n)))");
    check!(r"2\frac{x}{3}", @"(mul (num 2) (frac (id x) (num 3)))");
    check!(r"\frac{1}{2}\frac{1}{2}", @"(mul (frac (num 1) (num 2)) (frac (num 1) (num 2)))");
    check!("1/2x", @"error `/2x`: ambiguous `/` before a product: `1/2x` has two readings");
    check!(r"1/2 \pi", @r"error `/2 \pi`: ambiguous `/` before a product: `1/2x` has two readings");
    check!(r"\exp x \exp y", @r"error `\exp x \exp y`: ambiguous argument of `\exp`: it runs into another function or integral");
    check!(r"\log a \int x dx", @r"error `\log a \int x dx`: ambiguous argument of `\log`: it runs into another function or integral");
    check!(r"\frac{d}{dx} x^2", @"(d1/dx (pow (id x) (num 2)))");
    check!(r"\frac{\partial f}{\partial \mu}", @"(d1/dμ (id f))");
    check!(r"\frac{\mathrm{d}^2}{\mathrm{d}t^2} M(t)", @"(d2/dt (call M (id t)))");
    check!(r"\frac{\partial^2 \ell}{\partial \mu^2}", @"(d2/dμ (id ℓ))");
    check!(r"\frac{d}{dx}\left(x^2 + 1\right) + 3", @"(add (d1/dx (add (pow (id x) (num 2)) (num 1))) (num 3))");
    check!(r"\frac{d}{dt} e^{t} \Big|_{t=0}", @"(at t (d1/dt (pow (id e) (id t))) (num 0))");
    check!(r"a + b t \bigg|_{t = 1}", @"(at t (add (id a) (mul (id b) (id t))) (num 1))");
    // A derivative in σ² is (1/(2σ)) d/dσ, once per order; its near misses are refused.
    check!(r"\frac{d}{d\sigma^2} f", @"(frac (d1/dσ (id f)) (mul (num 2) (id σ)))");
    check!(r"\frac{\partial \ell}{\partial \sigma_j^{2}}", @"(frac (d1/dσ_j (id ℓ)) (mul (num 2) (id σ_j)))");
    check!(r"\frac{\partial^2 \ell}{\partial (\sigma^2)^2}", @"(frac (d1/dσ (frac (d1/dσ (id ℓ)) (mul (num 2) (id σ)))) (mul (num 2) (id σ)))");
    check!(r"\frac{d^2}{d\sigma^2} f", @"(d2/dσ (id f))");
    check!(r"\frac{d}{d\sigma^3} f", @r"error `\frac{d}{d\sigma^3}`: a derivative that is not read: a derivative with respect to a power other than a square (`d\sigma^3`)");
    check!(r"\frac{d^2}{d(\sigma^2)} f", @r"error `\frac{d^2}{d(\sigma^2)}`: a derivative that is not read: a derivative with respect to a square, read only at orders 1 and 2 written alike (`\frac{\partial}{\partial \sigma^2}`, `\frac{\partial^2}{\partial (\sigma^2)^2}` are read)");
    check!(r"\frac{d}{d(\sigma^3)} f", @r"error `\frac{d}{d(\sigma^3)}`: a derivative that is not read: no variable after the differential in the denominator");
    check!(r"\frac{d^3}{d(\sigma^2)^3} f", @r"error `\frac{d^3}{d(\sigma^2)^3}`: a derivative that is not read: a derivative with respect to a square, read only at orders 1 and 2 written alike (`\frac{\partial}{\partial \sigma^2}`, `\frac{\partial^2}{\partial (\sigma^2)^2}` are read)");
    check!(r"\frac{d}{d\sigma^2 d\mu} f", @r"error `\frac{d}{d\sigma^2 d\mu}`: a derivative that is not read: its denominator is more than one variable (a mixed partial, or a product)");
    check!(r"\frac{d^2}{dx} f", @r"error `\frac{d^2}{dx}`: a derivative that is not read: the orders above and below do not match");
    check!(r"\frac{d^5}{dx^5} f", @r"error `\frac{d^5}{dx^5}`: a derivative that is not read: its order is above 4");
    check!(r"\frac{\partial}{dx} f", @r"error `\frac{\partial}{dx}`: a derivative that is not read: a `d` over a `\partial` (or the other way round)");
    check!(r"\left[ -x e^{-x} \right]_0^\infty", @"(between (neg (mul (id x) (pow (id e) (neg (id x))))) (num 0) (inf))");
    check!(r"\Big[ x^2 \Big]^{1}_{0}", @"(between (pow (id x) (num 2)) (num 0) (num 1))");
    check!(r"x^2 \Big|_{x=0}^{1}", @"(between x (pow (id x) (num 2)) (num 0) (num 1))");
    check!(r"x^2 \Big|_{x=0}^{y=1}", @r"error `_{x=0}^{y=1}`: an evaluation bar is read only as `\Big|_{t=0}`");
    check!(r"[a, b]_0^1", @"error `,`: expected `]` to close `[`, found `,`");
    check!(r"\int e^{-u^2} \, \mathrm{d}(\sqrt{2}\sigma u + \mu)", @"(int d(…) (pow (id e) (neg (pow (id u) (num 2)))) (add (mul (mul (sqrt (num 2)) (id σ)) (id u)) (id μ)))");
    check!(r"\int_0^1 f(u) \, d\left(u^2\right)", @"(int d(…) (num 0) (num 1) (call f (id u)) (pow (id u) (num 2)))");
    check!(r"e^{i t}", @"error `i`: `i` is ambiguous: the imaginary unit is not supported, and `i` is not a variable here");
    check!(r"e^{itX}", @"error `i`: `i` is ambiguous: the imaginary unit is not supported, and `i` is not a variable here");
    check!(r"\mathrm{d}x", @r"error `\mathrm{d}x`: a differential outside an integral");
}

/// What stays as it was: the readings every reader shares.
#[test]
fn unambiguous_neighbours_of_the_misreadings() {
    check!(r"\log 2\pi", @"(log (mul (num 2) (id π)))");
    check!(r"\log x \cdot \log y", @"(cdot (log (id x)) (log (id y)))");
    check!(r"\log \log x", @"(log (log (id x)))");
    check!(r"a/(2b)", @"(div (id a) (mul (num 2) (id b)))");
    check!(r"(x - \mu)/\sigma", @"(div (sub (id x) (id μ)) (id σ))");
    check!(r"2 \cdot 3", @"(cdot (num 2) (num 3))");
    check!(r"x^{23}", @"(pow (id x) (num 23))");
    check!(r"2x^2", @"(mul (num 2) (pow (id x) (num 2)))");
    check!(r"\frac{1}{2} 3", @"(mul (frac (num 1) (num 2)) (num 3))");
    check!(r"KL_{loss}", @"(id KL_{loss})");
    check!(r"\mathrm{MGF}", @"(id MGF)");
    check!(r"\text{PDF}(x)", @"(call PDF (id x))");
    check!(r"x_i", @"(id x_i)");
}

#[test]
fn vectors_and_transposes_are_refused() {
    // One bold letter is a name of its own (`𝐱` beside `x`), which lowering refuses
    // unless the note declares it a vector or matrix; `\mathbf{I}` stays the identity.
    check!(r"\mathbf{x} + 1", @"(add (id 𝐱) (num 1))");
    check!(r"\boldsymbol{\mu}", @"(id 𝛍)");
    check!(r"\mathbf{xy}", @r"error `\mathbf{xy}`: `\mathbf{xy}` is written with an arrow, or in bold but not as one letter; vectors and matrices are names declared with `\in`");
    check!(r"\vec{v}", @r"error `\vec{v}`: `\vec{v}` is written with an arrow, or in bold but not as one letter; vectors and matrices are names declared with `\in`");
    // `^T`: a transpose or a power? The declarations tell, in resolution.
    check!(r"x^T x", @"(mul (transpose-or-power (id x)) (id x))");
    check!(r"x^{T}", @"(transpose-or-power (id x))");
    check!(r"x^T^2", @"error `^`: ambiguous double superscript");
    check!(r"x^\top", @"(transpose (id x))");
    check!(r"x^{\top} y", @"(mul (transpose (id x)) (id y))");
    check!(r"x^{\intercal}", @"(transpose (id x))");
    check!(r"x^{\mathrm{T}} x", @"(mul (transpose (id x)) (id x))");
    check!(r"(x - \mu)^\top A (x - \mu)", @"(mul (transpose (sub (id x) (id μ))) (call A (sub (id x) (id μ))))");
    check!(r"x^\top^2", @"error `^`: ambiguous double superscript");
    check!(r"\top", @r"error `\top`: a transpose mark outside a superscript");
    check!(r"\mathbf{I}_J + \mathbf{I}", @"(add (identity) (identity))");
    check!(r"\operatorname{tr}(A) \det B", @"(mul (tr (id A)) (det (id B)))");
    check!(r"x^{T_1}", @"(pow (id x) (id T_1))");
    check!(r"\mathrm{x}", @"(id x)");
}

#[test]
fn a_wide_space_is_never_a_product() {
    insta::assert_snapshot!(render(r"2a \qquad 3a"), @r"error `\qquad`: a wide space between two terms: two formulas side by side, or a product?");
    insta::assert_snapshot!(render(r"b \quad c \; d"), @r"error `\quad`: a wide space between two terms: two formulas side by side, or a product?");
}

#[test]
fn proofwiki_macros() {
    check!(r"\map {f_X} x", @"(call f_X (id x))");
    check!(r"\map \exp {-\dfrac {\paren {x - \mu}^2} {2 \sigma^2} }", @"(exp (neg (frac (pow (sub (id x) (id μ)) (num 2)) (mul (num 2) (pow (id σ) (num 2))))))");
    check!(r"\map f {x, y}", @"(call f (id x) (id y))");
    check!(r"\expect X + \expect {X^2}", @"(add (E (id X)) (E (pow (id X) (num 2))))");
    check!(r"\var X", @"(Var (id X))");
    check!(r"\cov {X, X}", @"(Cov (id X) (id X))");
    check!(r"\Gaussian \mu {\sigma^2}", @"(call N (id μ) (pow (id σ) (num 2)))");
    check!(r"\ds \int x \rd x", @r"(int dx (id x)) @ `\int x \rd x`");
    check!(r"\map {f g} x", @r"error `\map {f g}`: unsupported LaTeX command `\map {f g}`");
    check!(r"\map", @r"error `\map`: expected an argument after `\map`");
}

/// Issue 15: the body of a sum is the product after it, up to the first `+` or `-`
/// outside brackets; both bounds are needed; the scripts come in either order.
#[test]
fn sums_and_products() {
    check!(r"\sum_{i=1}^{n} x_i^2 + y", @"(add (sum i (num 1) (id n) (pow (id x_i) (num 2))) (id y))");
    check!(r"\sum_{i=1}^n x_i y_i", @"(sum i (num 1) (id n) (mul (id x_i) (id y_i)))");
    check!(r"\sum^{n}_{i=1} (x_i - \mu)^2", @"(sum i (num 1) (id n) (pow (sub (id x_i) (id μ)) (num 2)))");
    check!(r"(\sum_{i=1}^{n} x_i)^2", @"(pow (sum i (num 1) (id n) (id x_i)) (num 2))");
    check!(r"\sum_{i=1}^{n} -x_i", @"(sum i (num 1) (id n) (neg (id x_i)))");
    check!(r"2\sum_{j=0}^{J-1} \frac{x_j}{2} - 1", @"(sub (mul (num 2) (sum j (num 0) (sub (id J) (num 1)) (frac (id x_j) (num 2)))) (num 1))");
    check!(r"\prod_{i=1}^{n} e^{x_i}", @"(prod i (num 1) (id n) (pow (id e) (id x_i)))");
    check!(r"\sum\limits_{i=1}^{n} x_i", @"(sum i (num 1) (id n) (id x_i))");
    check!(r"\sum_i x_i", @r"error `\sum_`: `\sum` without its range: the index and both bounds are needed, `\sum_{i=1}^{n}`");
    // The one range the text writes for the index elsewhere.
    check!(r"\sum_{i=1}^{n} x_i - \sum_i x_i", @"(sub (sum i (num 1) (id n) (id x_i)) (sum i (num 1) (id n) (id x_i)))");
    check!(r"\sum_{i=1}^{n} x_i - \sum_{i} x_i^2", @"(sub (sum i (num 1) (id n) (id x_i)) (sum i (num 1) (id n) (pow (id x_i) (num 2))))");
    check!(r"\sum_{i=1}^{n} x_i - \sum_i^{m} x_i", @r"error `\sum_i^{m} x_i`: `\sum` without its range: the index and both bounds are needed, `\sum_{i=1}^{n}`");
    check!(r"\sum x_i", @r"error `\sum`: `\sum` without its range: the index and both bounds are needed, `\sum_{i=1}^{n}`");
    check!(r"\sum_{i=1} x_i", @r"error `\sum_{i=1}`: `\sum` without its range: the index and both bounds are needed, `\sum_{i=1}^{n}`");
    check!(r"\sum^{n} x_i", @r"error `\sum^{n}`: `\sum` without its range: the index and both bounds are needed, `\sum_{i=1}^{n}`");
    check!(r"\sum_{1}^{n} x_i", @r"error `\sum_`: `\sum` needs an index named before `=`, like `\sum_{i=1}^{n}`");
    check!(r"\sum_{i_1=1}^{n} x_i", @r"error `\sum_`: `\sum` needs an index named before `=`, like `\sum_{i=1}^{n}`");
    check!(r"\sum_{i=1 j}^{n} x_i", @"(sum i (mul (num 1) (id j)) (id n) (id x_i))");
    check!(r"\sum_{i=1}^{n}", @r"error `\sum`: expected an expression after `\sum`");
    check!(r"\bar{x} + \hat{\mu}_1 - \bar x", @"(sub (add (id x̄) (id μ̂_1)) (id x̄))");
    check!(r"\bar{x y}", @r"error `\bar{x y}`: unsupported LaTeX command `\bar{x y}`");
}

/// Issue 15: vector notation is refused by name, with the sum over coordinates to
/// write instead.
#[test]
fn vectors_are_refused_by_name() {
    check!(r"x^\mathrm{T} x", @"(mul (transpose (id x)) (id x))");
    check!(r"x^\mathsf{T} y", @"(mul (transpose (id x)) (id y))");
    check!(r"\|z\|^2", @"(pow (norm (id z)) (num 2))");
    check!(r"\lVert z \rVert", @"(norm (id z))");
    check!(r"\|z - \mu\|", @"(norm (sub (id z) (id μ)))");
    check!(r"\|z", @r"error `\|`: a norm `\|…\|` that is not closed");
    check!(r"x^\mathrm{", @r"error `^\mathrm`: a superscript starting with `\mathrm` needs braces");
}

#[test]
fn primes_on_an_applied_name_are_derivatives() {
    check!("f'(x)", @"(f' (id x))");
    check!("M_X''(0)", @"(M_X'' (num 0))");
    check!(r"f^{\prime}(x)", @"(f' (id x))");
    check!(r"f^\prime (x)", @"(f' (id x))");
    check!(r"f^{\prime\prime}(2)", @"(f'' (num 2))");
    check!("f^{(3)}(t)", @"(f''' (id t))");
    check!("f'(x) + 1", @"(add (f' (id x)) (num 1))");
    // Not applied: a derivative, or another name?
    check!("'", @"error `'`: a prime outside `f'(x)` (`x'`): a derivative or another name?");
    check!("x' + 1", @"error `'`: a prime outside `f'(x)` (`x'`): a derivative or another name?");
    check!(r"x^{\prime} + 1", @r"error `^{\prime}`: a prime outside `f'(x)` (`x'`): a derivative or another name?");
    check!("f'''''(x)", @"error `'''''`: a derivative that is not read: above the fourth order");
    check!("f^{(5)}(x)", @"error `^{(5)}`: a derivative that is not read: above the fourth order");
    // A bracketed superscript of one name or number: an index, an order or a power.
    check!("x^{(i)} + 1", @"error `^{(i)}`: a bracketed superscript (`x^{(i)}`) reads as a sample's index, a derivative's order or a power");
    check!(r"\theta^{(t)}", @"error `^{(t)}`: a bracketed superscript (`x^{(i)}`) reads as a sample's index, a derivative's order or a power");
    check!("f^{(2)} x", @"error `^{(2)}`: a bracketed superscript (`x^{(i)}`) reads as a sample's index, a derivative's order or a power");
    // A bracket with an operator in it is a power, as before.
    check!("e^{(x-1)}", @"(pow (id e) (sub (id x) (num 1)))");
    check!("e^{(x-1)^2}", @"(pow (id e) (pow (sub (id x) (num 1)) (num 2)))");
}

#[test]
fn limits_at_infinity() {
    check!(r"\lim_{x \to \infty} x e^{-x}", @"(lim x (inf) (mul (id x) (pow (id e) (neg (id x)))))");
    check!(r"\lim\limits_{x\rightarrow -\infty} x", @"(lim x (neg (inf)) (id x))");
    check!(r"\lim_{t \to +\infty} (t + 1) e^{-t}", @"(lim t (inf) (mul (add (id t) (num 1)) (pow (id e) (neg (id t)))))");
    check!(r"\lim_{x \to \infty} x e^{-x} + 1", @r"error `\lim_{x \to \infty} x e^{-x}`: where the function in the limit ends is unclear: a sum follows it");
    check!(r"\lim_{x \to 0} \frac{e^x - 1}{x}", @r"error `\lim_{x \to 0}`: a limit that is not read: only limits at `\infty` and `-\infty` are read");
    check!(r"\lim_{n} a_n", @r"error `\lim_{n}`: a limit that is not read: its subscript is not `x \to …`");
    check!(r"\lim x", @r"error `\lim`: a limit that is not read: its variable and point are not written, `\lim_{x \to \infty}`");
    check!(r"\lim_{x \top \infty} x", @r"error `\lim_{x \top \infty}`: a limit that is not read: its subscript is not `x \to …`");
}

#[test]
fn factorials_and_binomials_of_numbers() {
    check!("4!", @"(num 24)");
    check!(r"\frac{4!}{2^2 \cdot 2!}", @"(frac (num 24) (cdot (pow (num 2) (num 2)) (num 2)))");
    check!(r"3!! \sigma^4", @"(mul (num 3) (pow (id σ) (num 4)))");
    check!(r"\binom{4}{2}", @"(num 6)");
    check!(r"\operatorname{erfc}(x)", @"(erfc (id x))");
    // Of symbols: refused.
    check!("n!", @r"error `!`: a factorial or binomial coefficient of a symbol (`n!`, `\binom{n}{k}`); of numbers (`4!`, `\binom{4}{2}`) they are read");
    check!("(2n-1)!!", @r"error `!!`: a factorial or binomial coefficient of a symbol (`n!`, `\binom{n}{k}`); of numbers (`4!`, `\binom{4}{2}`) they are read");
    check!(r"\binom{n}{2}", @r"error `\binom{n}{2}`: a factorial or binomial coefficient of a symbol (`n!`, `\binom{n}{k}`); of numbers (`4!`, `\binom{4}{2}`) they are read");
    check!("x^2!", @r"error `!`: a factorial or binomial coefficient of a symbol (`n!`, `\binom{n}{k}`); of numbers (`4!`, `\binom{4}{2}`) they are read");
    check!("n != 1", @"error `!=`: only equalities can be checked, found `!=`");
}

#[test]
fn left_dot_opens_an_evaluation_of_all_it_encloses() {
    check!(r"\left. -z e^{-z^2/2} + z \right|_{-\infty}^{\infty}", @"(between (add (neg (mul (id z) (pow (id e) (neg (div (pow (id z) (num 2)) (num 2)))))) (id z)) (neg (inf)) (inf))");
    check!(r"a + \left. x^2 \right|_{x=0}^{1}", @"(add (id a) (between x (pow (id x) (num 2)) (num 0) (num 1)))");
    check!(r"\left. e^{t} \right|_{t=0}", @"(at t (pow (id e) (id t)) (num 0))");
    check!(r"\left( \left. x \right|_0^1 + 2 \right)", @"(add (between (id x) (num 0) (num 1)) (num 2))");
    // Only an evaluation closes `\left.`.
    check!(r"\left. x \right)", @r"error `\left.`: `\left.` is read only as the start of an evaluation closed by `\right|_{a}^{b}`");
    check!(r"\left. x + 1", @r"error `\left.`: `\left.` is read only as the start of an evaluation closed by `\right|_{a}^{b}`");
    check!(r"\left. x \right|", @r"error `\left.`: `\left.` is read only as the start of an evaluation closed by `\right|_{a}^{b}`");
}

#[test]
fn probabilities_of_events_bounding_one_quantity() {
    check!(r"P(X \le x)", @"(P<= (id X) (id x))");
    check!(r"\Pr\left(a < X \leq b\right)", @"(P<<= (id a) (id X) (id b))");
    check!(r"\mathbb{P}[X > \mu + c]", @"(P> (id X) (add (id μ) (id c)))");
    check!(r"\operatorname{P}(X \geq 0)", @"(P>= (id X) (num 0))");
    // A plain `P` without an inequality inside is a name or a call.
    check!(r"P(x)", @"(call P (id x))");
    check!(r"P(x) P(\frac{1}{2} < Y)", @"(mul (call P (id x)) (P< (frac (num 1) (num 2)) (id Y)))");
    check!(r"\mathrm{P} + 3", @"(add (id P) (num 3))");
    // Refused: no event, an equality, relations pointing both ways.
    check!(r"\Pr(X)", @r"error `\Pr(`: the probability of an event is read only when the event bounds one quantity: `X \le x`, `X > c`, `a < X \le b`");
    check!(r"\mathbb{P}(X = 1)", @r"error `\mathbb{P}(`: the probability of an event is read only when the event bounds one quantity: `X \le x`, `X > c`, `a < X \le b`");
    check!(r"P(a < X > b)", @r"error `P(`: the probability of an event is read only when the event bounds one quantity: `X \le x`, `X > c`, `a < X \le b`");
    check!(r"P(X \le x \mid Y)", @r"error `P(`: the probability of an event is read only when the event bounds one quantity: `X \le x`, `X > c`, `a < X \le b`");
}

#[test]
fn logarithms_in_a_base_are_a_change_of_base() {
    check!(r"\log_2 x", @"(frac (log (id x)) (log (num 2)))");
    check!(r"\log_{10}(100 x)", @"(frac (log (mul (num 100) (id x))) (log (num 10)))");
    check!(r"\log_b x y", @r"error `\log_b x y`: ambiguous argument of `\log`: a product of variables without parentheses has two readings");
}

#[test]
fn an_upright_capital_before_a_square_bracket_is_a_functional() {
    // PRML's entropy `\mathrm{H}[\mathbf{x}]`: a call, never the product H·x.
    check!(r"\mathrm{H}[\mathbf{x}]", @"(call H (id 𝐱))");
    check!(r"\operatorname{H}[x]", @"(call H (id x))");
    // A letter in italics, or a space before the bracket, is a product as before.
    check!(r"H[x]", @"(mul (id H) (id x))");
    check!(r"\mathrm{H} [x]", @"(mul (id H) (id x))");
    check!(r"\mathbf{I} \boldsymbol{\Sigma}^{-1}", @"(mul (identity) (pow (id 𝚺) (neg (num 1))))");
}
