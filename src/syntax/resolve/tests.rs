//! Resolution on small documents: each reading shown as the resolved tree.

use super::*;
use crate::source::SourceFile;
use crate::syntax::{parse, sexpr};

/// Resolve `text` and show every chain's steps (and the errors).
fn render(text: &str) -> String {
    let parsed = parse(&SourceFile::new("t.txt", text));
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let resolved = resolve(&parsed.doc);
    let mut out = Vec::new();
    for item in &resolved.doc.items {
        match item {
            Item::Chain(chain) => {
                let name = chain.name.as_ref().map_or("-".to_string(), |n| {
                    format!(
                        "{}{}",
                        n.text,
                        match (n.head_is_name, n.head_means) {
                            (true, _) => "",
                            (false, true) => " (means)",
                            (false, false) => " (continued)",
                        }
                    )
                });
                let skip = usize::from(chain.name.as_ref().is_some_and(|n| n.head_is_name));
                let steps: Vec<String> =
                    chain.steps[skip..].iter().map(|s| sexpr(&s.expr)).collect();
                out.push(format!("{name}: {}", steps.join(" | ")));
            }
            Item::Assume(a) => {
                let keys: Vec<String> = a.symbols.iter().map(Ident::key).collect();
                out.push(format!("assume {}", keys.join(" ")));
            }
            Item::Let(d) => out.push(format!("let {} = {}", d.name.key(), sexpr(&d.body))),
            _ => {}
        }
    }
    for error in &resolved.errors {
        out.push(format!("error: {}", error.message()));
    }
    out.join("\n")
}

#[test]
fn names_constants_and_products() {
    insta::assert_snapshot!(render(r"a(b + c) = e^{u} \pi"), @"-: (mul (id a) (add (id b) (id c))) | (mul (pow (const e) (id u)) (const π))");
    insta::assert_snapshot!(render("f(2x) = 1"), @"
    -: (num 1)
    error: `f(…)` reads as a call of an undeclared function or as a product
    ");
    insta::assert_snapshot!(render("h(0) = 1"), @"
    -: (num 1)
    error: `h(…)` reads as a call of an undeclared function or as a product
    ");
    insta::assert_snapshot!(render("g(a) + 1 = 1 + g(a)"), @"
    -: 
    error: unknown function `g`
    error: unknown function `g`
    ");
}

#[test]
fn chain_names_are_values_where_they_are_used() {
    insta::assert_snapshot!(render("F(a) = a + a\n= 2a\nF(a) + 1 = 2a + 1"), @"F(a): (add (id a) (id a)) | (mul (num 2) (id a))\n-: (add (chain 0) (num 1)) | (add (mul (num 2) (id a)) (num 1))");
    insta::assert_snapshot!(render("H = x^2\n= x x\nH + 1 = x^2 + 1"), @"H: (pow (id x) (num 2)) | (mul (id x) (id x))\n-: (add (chain 0) (num 1)) | (add (pow (id x) (num 2)) (num 1))");
    insta::assert_snapshot!(render("F(a) = a^2\nF(3) = 9"), @"
    F(a): (pow (id a) (num 2))
    -: (at a (chain 0) (num 3)) | (num 9)
    ");
    insta::assert_snapshot!(render("F = x^2 + 1\n= 1 + x^2\n\\int F e^{-x^2} dx = 1"), @"
    F: (add (pow (id x) (num 2)) (num 1)) | (add (num 1) (pow (id x) (num 2)))
    -: (num 1)
    error: the value of `F` mentions `x`, which the integral binds here
    ");
}

#[test]
fn a_restated_name_continues_its_chain() {
    // Restated on the next row, as notes do: one chain.
    insta::assert_snapshot!(render("KL = a + a\nKL = 2a\n= a + a"), @"KL: (add (id a) (id a)) | (mul (num 2) (id a)) | (add (id a) (id a))");
    insta::assert_snapshot!(render("f(x) = (x+1)^2\nf(x) = x^2 + 2x + 1"), @"f(x): (pow (add (id x) (num 1)) (num 2)) | (add (add (pow (id x) (num 2)) (mul (num 2) (id x))) (num 1))");
    // Restated after something else: a new chain starting from the earlier value.
    insta::assert_snapshot!(render("KL = a + a\nassume a > 0\nKL = 2a"), @"
    KL: (add (id a) (id a))
    assume a
    KL (continued): (chain 0) | (mul (num 2) (id a))
    ");
    insta::assert_snapshot!(render("KL = a + a\nG = b\n= b\nKL = 2a"), @"
    KL: (add (id a) (id a))
    G: (id b) | (id b)
    KL (continued): (chain 0) | (mul (num 2) (id a))
    ");
}

#[test]
fn a_nested_moment_of_a_random_variable_keeps_its_law() {
    // Beside a declared density, the inner `X` is still the random variable.
    insta::assert_snapshot!(render("X \\sim N(\\mu, \\sigma^2)\nlet p(x) = N(x; 0, 1)\n\\mathbb{E}[(X - \\mathbb{E}[X])^2] = \\sigma^2"), @"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    let p = (gauss (id x) (num 0) (num 1))
    -: (int dX (mul (pow (sub (id X) (int dX (mul (id X) (call f_X (id X))))) (num 2)) (call f_X (id X)))) | (pow (id σ) (num 2))
    ");
}

#[test]
fn a_sigma_in_the_variances_place_is_refused() {
    // Authors write both N(μ, σ²) and N(μ, σ); a lone σ there has no single reading.
    insta::assert_snapshot!(render("let p(x) = N(x; \\mu, \\sigma_1)\np(x) = p(x)"), @"
    assume σ_1
    -: 
    error: a normal law with `σ_1` in the variance's place: the variance, or the standard deviation as many authors write it?
    error: unknown function `p`
    error: unknown function `p`
    ");
    insta::assert_snapshot!(render("X \\sim N(0, s)\n\\mathbb{E}[X] = 0"), @"
    assume s
    let f_X = (gauss (id X) (num 0) (id s))
    -: (int dX (mul (id X) (call f_X (id X)))) | (num 0)
    error: a normal law with `s` in the variance's place: the variance, or the standard deviation as many authors write it?
    ");
    // A square, a number or another symbol is the variance.
    insta::assert_snapshot!(render("X \\sim N(0, v)\n\\mathbb{E}[X] = 0"), @"
    assume v
    let f_X = (gauss (id X) (num 0) (id v))
    -: (int dX (mul (id X) (call f_X (id X)))) | (num 0)
    ");
}

#[test]
fn moments_are_integrals_against_their_law() {
    insta::assert_snapshot!(render("let p(x) = N(x; m, s^2)\nE[x] = \\mathbb{E}_{p}[x]"), @"
    assume s
    let p = (gauss (id x) (id m) (pow (id s) (num 2)))
    -: (int dx (mul (id x) (call p (id x)))) | (int dx (mul (id x) (call p (id x))))
    ");
    insta::assert_snapshot!(render("X \\sim N(\\mu, \\sigma^2)\n\\mathrm{E}[X^2] = \\operatorname{Var}(X) + \\mu^2"), @"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (int dX (mul (pow (id X) (num 2)) (call f_X (id X)))) | (add (int dX (mul (pow (sub (id X) (int dX (mul (id X) (call f_X (id X))))) (num 2)) (call f_X (id X)))) (pow (id μ) (num 2)))
    ");
    insta::assert_snapshot!(render("\\mathbb{E}_{x \\sim N(0, 1)}[x^2] = 1"), @"-: (int dx (mul (pow (id x) (num 2)) (gauss (id x) (num 0) (num 1)))) | (num 1)");
    insta::assert_snapshot!(render("X \\sim N(0, 1)\nY \\sim N(0, 1)\n\\mathbb{E}[X Y] = 0"), @"
    let f_X = (gauss (id X) (num 0) (num 1))
    let f_Y = (gauss (id Y) (num 0) (num 1))
    -: (num 0)
    error: an expectation of two random variables, `X` and `Y`, whose joint law is not declared
    ");
    insta::assert_snapshot!(render("X \\sim N(0, 1)\nX + 1 = 1 + X"), @"
    let f_X = (gauss (id X) (num 0) (num 1))
    -: 
    error: the random variable `X` outside an expectation
    error: the random variable `X` outside an expectation
    ");
}

#[test]
fn a_binder_over_a_name_a_definition_uses_is_refused() {
    insta::assert_snapshot!(render("let p(x) = N(x; \\mu, 1)\n\\int p(x) e^{-\\mu^2} d\\mu = 1"), @"
    let p = (gauss (id x) (id μ) (num 1))
    -: (num 1)
    error: `p` is defined with `μ`, and `μ` is bound here: does `p(…)` depend on this `μ`?
    ");
    insta::assert_snapshot!(render("let h(y) = y + a\nlet f(a) = h(1)\nf(2) = 3"), @"
    let h = (add (id y) (id a))
    -: (num 3)
    error: `h` is defined with `a`, and `a` is bound here: does `h(…)` depend on this `a`?
    error: `f(…)` reads as a call of an undeclared function or as a product
    ");
}

/// Issue 15: inside a sum over `i`, `x_i` is the `i`-th datum; outside, a name as
/// before; every use that would read silently one way is refused.
#[test]
fn sums_bind_their_index() {
    // Some of these are refused by the grammar already.
    let render = |text: &str| {
        let parsed = parse(&SourceFile::new("t.txt", text));
        match parsed.errors.first() {
            Some(e) => format!("syntax error: {}", e.message()),
            None => render(text),
        }
    };
    insta::assert_snapshot!(render(r"\sum_{i=1}^{n} x_{i+1} = 1"), @"
    -: (num 1)
    error: `x_i+1`: a subscript computed from the index `i` is not read
    ");
    insta::assert_snapshot!(render(r"\sum_{i=1}^{n} x_i = x_i"), @"-: (sum i (num 1) (id n) (idx x i)) | (id x_i)");
    insta::assert_snapshot!(render(r"\sum_{i=1}^{n} x_i + y_i = 1"), @"
    -: (num 1)
    error: `y_i` uses the index `i` outside its sum: the body of a sum ends at the first `+` or `-` outside brackets
    ");
    insta::assert_snapshot!(render(r"\sum_{j=1}^{n} x_j + j = 1"), @"
    -: (num 1)
    error: `j` uses the index `j` outside its sum: the body of a sum ends at the first `+` or `-` outside brackets
    ");
    insta::assert_snapshot!(render(r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}"), @"-: (sum i (num 1) (id n) (id i)) | (frac (mul (id n) (add (id n) (num 1))) (num 2))");
    insta::assert_snapshot!(render(r"\sum_{i=1}^{n} \sum_{i=1}^{m} x_i = 1"), @"
    -: (num 1)
    error: the sum's index `i` is already bound here
    ");
    insta::assert_snapshot!(render(r"\sum_{i=1}^{i} x_i = 1"), @"syntax error: `i` is ambiguous: the imaginary unit is not supported, and `i` is not a variable here");
    insta::assert_snapshot!(render(r"\sum_{i=1}^{n} x_{ij} = 1"), @"
    -: (num 1)
    error: `x_ij`: a subscript computed from the index `i` is not read
    ");
    insta::assert_snapshot!(render(r"x_j + j = 1"), @"
    -: (num 1)
    error: `x_j` beside the variable `j` and no sum over `j`: the `j`-th value, or a name of its own?
    ");
    insta::assert_snapshot!(render(r"\int x_i \, di = 1"), @"-: (int di (id x_i)) | (num 1)");
    insta::assert_snapshot!(render(r"\sum_{i=1}^{n} (x_i + y_i) = \sum_{j=1}^{n} x_j + \sum_{k=1}^{n} y_k"), @"-: (sum i (num 1) (id n) (add (idx x i) (idx y i))) | (add (sum j (num 1) (id n) (idx x j)) (sum k (num 1) (id n) (idx y k)))");
    insta::assert_snapshot!(render("let x_i = 3\n\\sum_{i=1}^{n} x_i = 3n"), @"
    let x_i = (num 3)
    -: (mul (num 3) (id n))
    error: `x_i` is declared, and inside this sum it also reads as one of the data: which is meant?
    ");
    insta::assert_snapshot!(render("let p(x) = N(x; m, s^2)\n\\sum_{p=1}^{n} x_p = 1"), @"
    assume s
    let p = (gauss (id x) (id m) (pow (id s) (num 2)))
    -: (num 1)
    error: the sum's index `p` is already bound here
    ");
}

/// `KL`, `H`, `M_X` have their meaning only over the note's densities and random
/// variables; of anything else they stay names (the head is not checked).
#[test]
fn names_with_a_meaning_only_over_densities() {
    insta::assert_snapshot!(render("let p(x) = N(x; 0, 1)\nH(p) = 1"), @"
    let p = (gauss (id x) (num 0) (num 1))
    H(p) (means): (neg (int dx (mul (call p (id x)) (log (call p (id x)))))) | (num 1)
    ");
    insta::assert_snapshot!(render("H(x) = x^2\n= x x"), @"H(x): (pow (id x) (num 2)) | (mul (id x) (id x))");
    insta::assert_snapshot!(render("KL(a, b) = a - b\n= -(b - a)"), @"KL(a,b): (sub (id a) (id b)) | (neg (sub (id b) (id a)))");
    insta::assert_snapshot!(render("M_X(t) = e^{t}\n= e^{t}"), @"M_X(t): (pow (const e) (id t)) | (pow (const e) (id t))");
}

/// A Gaussian law written as an argument, `D_{\mathrm{KL}}(p \| \mathcal{N}(0, 1))`, is
/// its density in the other density's variable; after a chain headed by the divergence
/// of the declared densities, the name at a law keeps its meaning (the chain has no value
/// there), while a name with no meaning of its own stays refused at new arguments.
#[test]
fn a_law_as_the_argument_of_a_divergence() {
    let kl = "let p(x) = N(x; m, s^2)\nlet q(x) = N(x; 1, 1)\nKL(p, q) = \\int p(x) \\log \\frac{p(x)}{q(x)} dx\n= c\n";
    insta::assert_snapshot!(render(&format!("{kl}KL(p, N(0, 1)) = d")), @"
    assume s
    let p = (gauss (id x) (id m) (pow (id s) (num 2)))
    let q = (gauss (id x) (num 1) (num 1))
    KL(p,q) (means): (int dx (mul (call p (id x)) (log (frac (call p (id x)) (call q (id x)))))) | (int dx (mul (call p (id x)) (log (frac (call p (id x)) (call q (id x)))))) | (id c)
    -: (int dx (mul (call p (id x)) (log (frac (call p (id x)) (gauss (id x) (num 0) (num 1)))))) | (id d)
    ");
    insta::assert_snapshot!(render("let p(x) = N(x; m, s^2)\nH(p, N(0, 1)) = d"), @"
    assume s
    let p = (gauss (id x) (id m) (pow (id s) (num 2)))
    -: (neg (int dx (mul (call p (id x)) (log (gauss (id x) (num 0) (num 1)))))) | (id d)
    ");
    // The arguments swapped: the divergence the other way, by its meaning.
    insta::assert_snapshot!(render(&format!("{kl}KL(q, p) = e")), @"
    assume s
    let p = (gauss (id x) (id m) (pow (id s) (num 2)))
    let q = (gauss (id x) (num 1) (num 1))
    KL(p,q) (means): (int dx (mul (call p (id x)) (log (frac (call p (id x)) (call q (id x)))))) | (int dx (mul (call p (id x)) (log (frac (call p (id x)) (call q (id x)))))) | (id c)
    KL(q,p) (means): (int dx (mul (call q (id x)) (log (frac (call q (id x)) (call p (id x)))))) | (const e)
    ");
    // The law's parameters mention the variable: refused, not captured.
    insta::assert_snapshot!(render("let p(x) = N(x; m, s^2)\nKL(p, N(x, 1)) = d"), @"
    assume s
    let p = (gauss (id x) (id m) (pow (id s) (num 2)))
    -: (id d)
    error: unknown function `KL`
    ");
    // A name without a meaning of its own stays refused at a law.
    insta::assert_snapshot!(render("let p(x) = N(x; m, s^2)\nlet q(x) = N(x; 1, 1)\nD(p, q) = \\int p(x) \\log \\frac{p(x)}{q(x)} dx\n= c\nD(p, N(0, 1)) = d"), @"
    assume s
    let p = (gauss (id x) (id m) (pow (id s) (num 2)))
    let q = (gauss (id x) (num 1) (num 1))
    D(p,q): (int dx (mul (call p (id x)) (log (frac (call p (id x)) (call q (id x)))))) | (id c)
    -: (id d)
    error: `D(p,q)` names a chain; applied to these arguments it has no value here
    ");
}

/// `a(b + c)^2` read as a product: the power is the bracket's (it was once read as
/// `(a(b + c))^2`, which made a correct expansion look wrong).
#[test]
fn power_on_a_product_bracket_stays_on_the_bracket() {
    let shown = render("a (b + c)^{2} = 0");
    assert!(
        shown.contains("(mul (id a) (pow (add (id b) (id c)) (num 2)))"),
        "{shown}"
    );
}

#[test]
fn primes_and_other_arguments_are_evaluations_of_what_the_note_defines() {
    // A declared function: the derivative in its own parameter, at the argument.
    insta::assert_snapshot!(render("let f(x) = x^3\nf'(2) = 12"), @"
    let f = (pow (id x) (num 3))
    -: (at x (d1/dx (call f (id x))) (num 2)) | (num 12)
    ");
    // A chain's name: its value, differentiated or at other arguments.
    insta::assert_snapshot!(render("F(a) = a^2 + b\n= b + a^2\nF'(1) = 2\nF(b + 1) = b + (b+1)^2"), @"
    F(a): (add (pow (id a) (num 2)) (id b)) | (add (id b) (pow (id a) (num 2)))
    -: (at a (d1/da (chain 0)) (num 1)) | (num 2)
    -: (at a (chain 0) (add (id b) (num 1))) | (add (id b) (pow (add (id b) (num 1)) (num 2)))
    ");
    // Several arguments: set one after the other only when no argument mentions
    // another parameter.
    insta::assert_snapshot!(render("G(a, b) = a - b\n= -b + a\nG(1, 2) = -1\n1 + G(b, a) = 1 + b - a"), @"
    G(a,b): (sub (id a) (id b)) | (add (neg (id b)) (id a))
    -: (at b (at a (chain 0) (num 1)) (num 2)) | (neg (num 1))
    -: (sub (add (num 1) (id b)) (id a))
    error: `G(a,b)` names a chain; applied to these arguments it has no value here
    ");
    // A prime on an undefined name heading a chain names it, as `F(a)` does; at 0 it is
    // that chain's value at 0, and the unprimed `M` is still undefined.
    insta::assert_snapshot!(render("M'(t) = \\frac{d}{dt} e^{t^2} = 2t e^{t^2}\nM'(0) = 0\nM(0) = 1"), @"
    M'(t): (d1/dt (pow (const e) (pow (id t) (num 2)))) | (mul (mul (num 2) (id t)) (pow (const e) (pow (id t) (num 2))))
    -: (at t (chain 0) (num 0)) | (num 0)
    -: (num 1)
    error: `M(…)` reads as a call of an undeclared function or as a product
    ");
    // Refused: a function the note does not define, a prime on several arguments, a
    // parameter the value calls (a density) rather than uses as a symbol.
    insta::assert_snapshot!(render("1 + g'(x) = 2"), @"
    -: (num 2)
    error: a prime on `g`, which the note does not define: a derivative of which function?
    ");
    insta::assert_snapshot!(render("G(a, b) = a - b\n= -b + a\nG'(1) = 1"), @"
    G(a,b): (sub (id a) (id b)) | (add (neg (id b)) (id a))
    -: (num 1)
    error: `G` is a function of 2 arguments; a prime does not say which one is differentiated
    ");
    insta::assert_snapshot!(render("let p(x) = N(x; 0, 1)\nlet q(x) = N(x; 1, 1)\nD(p, q) = \\int p(x) \\log \\frac{p(x)}{q(x)} dx\n= 1/2\n1 + D(q, p) = 3/2"), @"
    let p = (gauss (id x) (num 0) (num 1))
    let q = (gauss (id x) (num 1) (num 1))
    D(p,q): (int dx (mul (call p (id x)) (log (frac (call p (id x)) (call q (id x)))))) | (div (num 1) (num 2))
    -: (div (num 3) (num 2))
    error: `D(p,q)` names a chain; applied to these arguments it has no value here
    ");
}

#[test]
fn laws_known_by_their_moments_declare_a_density_without_a_formula() {
    // A random variable gets `f_X`; a density letter is the density itself.
    insta::assert_snapshot!(render("let X have mean m and variance v\n\\mathbb{E}[X] = m"), @"
    assume v
    let f_X = (law (id m) (id v))
    -: (int dX (mul (id X) (call f_X (id X)))) | (id m)
    ");
    insta::assert_snapshot!(render("let f have mean m and variance v\n\\int x f(x) dx = m"), @"
    assume v
    let f = (law (id m) (id v))
    -: (int dx (mul (id x) (call f (id x)))) | (id m)
    ");
    // The density's variable is not written: an expectation not about it is refused.
    insta::assert_snapshot!(render("let f have mean m and variance v\n\\mathbb{E}_f[t] = m"), @"
    assume v
    let f = (law (id m) (id v))
    -: (id m)
    error: expectation without a law whose argument does not mention `x`, the variable of the density `f`: taken under `f` it would be its argument itself
    ");
}

#[test]
fn laws_on_part_of_the_line_integrate_over_it() {
    insta::assert_snapshot!(render("X \\sim \\operatorname{Exp}(\\lambda)\n\\mathbb{E}[X] = 1/\\lambda"), @"
    assume λ
    let f_X = (mul (id λ) (pow (const e) (neg (mul (id λ) (id X)))))
    -: (int dX (num 0) (inf) (mul (id X) (call f_X (id X)))) | (div (num 1) (id λ))
    ");
    insta::assert_snapshot!(render("U \\sim \\mathcal{U}(a, b)\n\\mathbb{E}[U] = (a+b)/2"), @"
    let f_U = (frac (num 1) (sub (id b) (id a)))
    -: (int dU (id a) (id b) (mul (id U) (call f_U (id U)))) | (div (add (id a) (id b)) (num 2))
    ");
    // The density's formula is wrong off its range: not read as written.
    insta::assert_snapshot!(render("X \\sim \\operatorname{Exp}(\\lambda)\nf_X(x) = \\lambda e^{-\\lambda x}"), @"
    assume λ
    let f_X = (mul (id λ) (pow (const e) (neg (mul (id λ) (id X)))))
    -: (mul (id λ) (pow (const e) (neg (mul (id λ) (id x)))))
    error: `f_X` is the density of a law on part of the line, 0 elsewhere; only expectations under it are read
    ");
    insta::assert_snapshot!(render("X \\sim \\operatorname{Beta}(2, 1)\n\\mathbb{E}[X] = 2"), @r"
    -: (num 2)
    error: only the laws `\mathcal{N}(\mu, \sigma^2)`, `\operatorname{Exp}(\lambda)` and `\mathcal{U}(a, b)` are read
    error: expectation without a law, and not exactly one density or random variable to take it under
    ");
}

/// What an item declares, read before resolution (shared declarations, text
/// declarations): a law by its moments under a density's letter declares that letter.
#[test]
fn declared_names_follow_the_law_forms() {
    let names = |text: &str| -> Vec<String> {
        let parsed = parse(&SourceFile::new("t.txt", text));
        parsed.doc.items.iter().flat_map(declared_names).collect()
    };
    assert_eq!(names("let f have mean m and variance v"), ["f"]);
    assert_eq!(names("let X have mean m and variance v"), ["f_X"]);
    assert_eq!(names("X \\sim \\mathcal{N}(0, 1)"), ["f_X"]);
    assert_eq!(names("let p(x) = x"), ["p"]);
}

#[test]
fn probabilities_of_events_are_integrals_of_the_density() {
    let law = "X \\sim N(\\mu, \\sigma^2)\n";
    let with = |line: &str| render(&format!("{law}{line}"));
    insta::assert_snapshot!(with("P(X \\le c) = 1"), @"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (int dX (neg (inf)) (id c) (call f_X (id X))) | (num 1)
    ");
    insta::assert_snapshot!(with("P(c < X) = 1"), @"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (int dX (id c) (inf) (call f_X (id X))) | (num 1)
    ");
    insta::assert_snapshot!(with("P(\\mu - \\sigma < X \\le \\mu + 2\\sigma) = 1"), @"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (int dX (sub (id μ) (id σ)) (add (id μ) (mul (num 2) (id σ))) (call f_X (id X))) | (num 1)
    ");
    insta::assert_snapshot!(with("P(-1 < X < 1) = 1"), @"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (int dX (neg (num 1)) (num 1) (call f_X (id X))) | (num 1)
    ");
    // Near misses, each refused with its reason.
    insta::assert_snapshot!(with("P(a < X < b) = 1"), @r"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (num 1)
    error: `P(a < X \le b)` is the integral of the density from a to b only when a ≤ b, which the text does not say
    ");
    insta::assert_snapshot!(with("P(\\mu - c < X < \\mu + c) = 1"), @r"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (num 1)
    error: `P(a < X \le b)` is the integral of the density from a to b only when a ≤ b, which the text does not say
    ");
    insta::assert_snapshot!(with("P(X^2 < 1) = 1"), @r"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (num 1)
    error: the probability of an event about a function of `X`: only `X` between limits is read, or a side that increases with it as written (`X + b`, `(X - \mu)/\sigma` with σ positive)
    ");
    insta::assert_snapshot!(with("P(1 < X + 1) = 1"), @"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (int dX (sub (num 1) (num 1)) (inf) (call f_X (id X))) | (num 1)
    ");
    // A side that increases with X by its writing is solved for X.
    insta::assert_snapshot!(with("P(\\frac{X - \\mu}{\\sigma} \\le z) = 1"), @"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (int dX (neg (inf)) (add (mul (id z) (id σ)) (id μ)) (call f_X (id X))) | (num 1)
    ");
    insta::assert_snapshot!(with("let Z = (X - \\mu)/\\sigma\nP(-1 < Z < 1) = 1"), @"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (int dX (add (mul (neg (num 1)) (id σ)) (id μ)) (add (mul (num 1) (id σ)) (id μ)) (call f_X (id X))) | (num 1)
    ");
    insta::assert_snapshot!(with("P(-X \\le 1) = 1"), @r"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (num 1)
    error: the probability of an event about a function of `X`: only `X` between limits is read, or a side that increases with it as written (`X + b`, `(X - \mu)/\sigma` with σ positive)
    ");
    insta::assert_snapshot!(with("P(c X \\le 1) = 1"), @r"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (num 1)
    error: the probability of an event about a function of `X`: only `X` between limits is read, or a side that increases with it as written (`X + b`, `(X - \mu)/\sigma` with σ positive)
    ");
    insta::assert_snapshot!(with("P(X < 1 < 2) = 1"), @r"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (num 1)
    error: the probability of an event about a function of `X`: only `X` between limits is read, or a side that increases with it as written (`X + b`, `(X - \mu)/\sigma` with σ positive)
    ");
    insta::assert_snapshot!(with("Y \\sim N(0, 1)\nP(X < Y) = 1"), @"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    let f_Y = (gauss (id Y) (num 0) (num 1))
    -: (num 1)
    error: the probability of an event about several random variables (X, Y), whose joint law is not declared
    ");
    insta::assert_snapshot!(render("P(x < 1) = 1"), @"
    -: (num 1)
    error: the probability of an event that bounds no declared random variable
    ");
    insta::assert_snapshot!(render("let X have mean 0 and variance 1\nP(X < 1) = 1"), @"
    let f_X = (law (num 0) (num 1))
    -: (num 1)
    error: the probability of an event about `X`, whose law is known only by its moments or lives on part of the line
    ");
    insta::assert_snapshot!(render("X \\sim \\operatorname{Exp}(\\lambda)\nP(X < 1) = 1"), @"
    assume λ
    let f_X = (mul (id λ) (pow (const e) (neg (mul (id λ) (id X)))))
    -: (num 1)
    error: the probability of an event about `X`, whose law is known only by its moments or lives on part of the line
    ");
}

/// `let Y = e^X`: a random variable defined from another stands for its definition
/// inside expectations (taken under `X`'s law) and is refused outside them.
#[test]
fn derived_random_variables_stand_for_their_definition() {
    let law = "X \\sim N(\\mu, \\sigma^2)\nlet Y = e^X\n";
    let with = |line: &str| render(&format!("{law}{line}"));
    insta::assert_snapshot!(with("\\mathbb{E}[Y] = 1"), @"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (int dX (mul (pow (const e) (id X)) (call f_X (id X)))) | (num 1)
    ");
    insta::assert_snapshot!(with("\\operatorname{Var}(Y^2) = 1"), @"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (int dX (mul (pow (sub (pow (pow (const e) (id X)) (num 2)) (int dX (mul (pow (pow (const e) (id X)) (num 2)) (call f_X (id X))))) (num 2)) (call f_X (id X)))) | (num 1)
    ");
    insta::assert_snapshot!(with("let W = Y + X\n\\mathbb{E}[W] = 1"), @"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (int dX (mul (add (pow (const e) (id X)) (id X)) (call f_X (id X)))) | (num 1)
    ");
    // Near misses.
    insta::assert_snapshot!(with("Y + 1 = 2"), @"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (num 2)
    error: the random variable `Y` outside an expectation
    ");
    insta::assert_snapshot!(with("P(Y \\le 1) = 1"), @r"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (num 1)
    error: the probability of an event about a function of `X`: only `X` between limits is read, or a side that increases with it as written (`X + b`, `(X - \mu)/\sigma` with σ positive)
    ");
    insta::assert_snapshot!(with("Z \\sim N(0, 1)\nlet S = X + Z\n\\mathbb{E}[S] = 1"), @"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    let f_Z = (gauss (id Z) (num 0) (num 1))
    -: (num 1)
    error: an expectation of two random variables, `X` and `Z`, whose joint law is not declared
    ");
    insta::assert_snapshot!(with("let Y = X^2"), @"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    error: `Y` is declared twice
    ");
    insta::assert_snapshot!(render("X \\sim N(0, 1)\nlet V = V + X\n\\mathbb{E}[V] = 1"), @"
    let f_X = (gauss (id X) (num 0) (num 1))
    -: (num 1)
    error: `V` is defined in terms of itself
    error: expectation without a law, and not exactly one density or random variable to take it under
    ");
}

/// A name a law or an earlier chain used as a symbol cannot be defined afterwards:
/// `let \mu = 2` after `X \sim N(\mu, \sigma^2)` would give μ two meanings.
#[test]
fn a_name_used_as_a_symbol_is_not_defined_later() {
    insta::assert_snapshot!(render("X \\sim N(\\mu, \\sigma^2)\nlet \\mu = 2\n\\mathbb{E}[X] = 2"), @"
    assume σ
    let f_X = (gauss (id X) (id μ) (pow (id σ) (num 2)))
    -: (int dX (mul (id X) (call f_X (id X)))) | (num 2)
    error: `μ` is defined after an earlier line used it as a symbol: it would have two meanings
    ");
    insta::assert_snapshot!(render("a + 1 = 1 + a\nlet a = 3"), @"
    -: (add (id a) (num 1)) | (add (num 1) (id a))
    error: `a` is defined after an earlier line used it as a symbol: it would have two meanings
    ");
    // Defined by itself: no meaning.
    insta::assert_snapshot!(render("let a = a + 1\na - 1 = a"), @"
    -: (sub (id a) (num 1)) | (id a)
    error: `a` is defined in terms of itself
    ");
    // Defined first, then used: one meaning.
    insta::assert_snapshot!(render("let a = 3\na + 1 = 4"), @"
    let a = (num 3)
    -: (add (call a) (num 1)) | (num 4)
    ");
}

/// An undeclared `\bar{x}` beside data `x_i` has two readings (their mean, or a
/// symbol), even when the sums come later; declared, it is the declaration.
#[test]
fn a_bar_over_data_must_be_declared() {
    insta::assert_snapshot!(render("\\bar{x} + 1 = 1 + \\bar{x}\n\\sum_{i=1}^{n} x_i = n \\bar{x}"), @"
    -: 
    -: (sum i (num 1) (id n) (idx x i))
    error: `x̄` is not declared: the mean of the data in the sums, or a symbol of its own?
    error: `x̄` is not declared: the mean of the data in the sums, or a symbol of its own?
    error: `x̄` is not declared: the mean of the data in the sums, or a symbol of its own?
    ");
    insta::assert_snapshot!(render("let \\bar{x} = \\frac{1}{n} \\sum_{i=1}^{n} x_i\n\\sum_{i=1}^{n} x_i = n \\bar{x}"), @"
    let x̄ = (mul (frac (num 1) (id n)) (sum i (num 1) (id n) (idx x i)))
    -: (sum i (num 1) (id n) (idx x i)) | (mul (id n) (call x̄))
    ");
    // Without data named x, a bar is a symbol like any other.
    insta::assert_snapshot!(render("\\bar{y} + 1 = 1 + \\bar{y}\n\\sum_{i=1}^{n} x_i = 0"), @"
    -: (add (id ȳ) (num 1)) | (add (num 1) (id ȳ))
    -: (sum i (num 1) (id n) (idx x i)) | (num 0)
    ");
}

#[test]
fn a_log_likelihood_named_in_its_parameters_is_differentiated_as_its_value() {
    // `\ell(\mu, \sigma^2)` names the chain (a square of a name is a parameter), and the
    // bare `\ell` differentiated in one of those parameters is that chain's value.
    insta::assert_snapshot!(render("\\ell(\\mu, \\sigma^2) = \\mu^2 \\sigma^2\n\\frac{\\partial \\ell}{\\partial \\mu} = 2\\mu\\sigma^2"), @"
    ℓ(μ,σ^2): (mul (pow (id μ) (num 2)) (pow (id σ) (num 2)))
    -: (d1/dμ (chain 0)) | (mul (mul (num 2) (id μ)) (pow (id σ) (num 2)))
    ");
    insta::assert_snapshot!(render("\\ell(\\mu, \\sigma^2) = \\mu \\sigma^2\n\\frac{\\partial \\ell}{\\partial \\sigma^2} = \\mu"), @"
    ℓ(μ,σ^2): (mul (id μ) (pow (id σ) (num 2)))
    -: (frac (d1/dσ (chain 0)) (mul (num 2) (id σ))) | (id μ)
    ");
    // Restated with its square, the name is the chain's value; at a value for the
    // square it is refused (σ² = 4 sets σ = ±2).
    insta::assert_snapshot!(render("L(\\mu, \\sigma^2) = \\mu \\sigma^2\n\\log L(\\mu, \\sigma^2) = \\log(\\mu\\sigma^2)\nL(1, \\sigma^2) = \\sigma^2\nL(\\mu, 4) = 4\\mu"), @"
    L(μ,σ^2): (mul (id μ) (pow (id σ) (num 2)))
    -: (log (chain 0)) | (log (mul (id μ) (pow (id σ) (num 2))))
    -: (at μ (chain 0) (num 1)) | (pow (id σ) (num 2))
    -: (mul (num 4) (id μ))
    error: `L(μ,σ^2)` names a chain; applied to these arguments it has no value here
    ");
    // In any other variable, or alone, the bare name stays refused.
    insta::assert_snapshot!(render("H(p) = p^2\n\\frac{dH}{d\\sigma} = 0"), @"
    H(p): (pow (id p) (num 2))
    -: (num 0)
    error: `H` alone: the chain named `H(…)`, or another symbol of that name?
    ");
    insta::assert_snapshot!(render("f(\\sigma^2) = \\sigma^2\nf'(2) = 1"), @"
    f(σ^2): (pow (id σ) (num 2))
    -: (num 1)
    error: a prime on `f`, named with a square as its argument: the derivative in the square, or in its root?
    ");
}

#[test]
fn a_diagonal_matrix_defined_by_its_entries_stands_where_its_name_does() {
    insta::assert_snapshot!(render("let \\Sigma = \\operatorname{diag}(\\sigma_1^2, \\dots, \\sigma_J^2)\n\\operatorname{tr}(\\Sigma) = 1"), @"-: (tr (diag (pow (id σ_1) (num 2)) (pow (id σ_J) (num 2)))) | (num 1)");
}

#[test]
fn a_declared_function_differentiated_in_a_parameter_is_at_its_parameters() {
    // `let ℓ(μ, σ) = …` (a note's "write the log-likelihood as ℓ(μ, σ) = …"): the bare
    // `ℓ` differentiated in μ or σ is ℓ(μ, σ), as for a chain's name.
    insta::assert_snapshot!(render("let \\ell(\\mu, \\sigma) = \\mu^2 \\sigma\n\\frac{\\partial \\ell}{\\partial \\mu} = 2\\mu\\sigma"), @"
    let ℓ = (mul (pow (id μ) (num 2)) (id σ))
    -: (d1/dμ (call ℓ (id μ) (id σ))) | (mul (mul (num 2) (id μ)) (id σ))
    ");
    // In a variable it does not have, or bound where a parameter is, it stays refused.
    insta::assert_snapshot!(render("let \\ell(\\mu, \\sigma) = \\mu^2 \\sigma\n\\frac{\\partial \\ell}{\\partial x} = 0"), @"
    let ℓ = (mul (pow (id μ) (num 2)) (id σ))
    -: (num 0)
    error: `ℓ` is a function, written here without its argument
    ");
    insta::assert_snapshot!(render("let \\ell(\\mu) = \\mu^2\n\\int \\frac{\\partial \\ell}{\\partial \\mu} d\\mu = 0"), @"
    let ℓ = (pow (id μ) (num 2))
    -: (num 0)
    error: `ℓ` is a function, written here without its argument
    ");
}

/// In a chain of equations an estimate's label (`_{\text{MLE}}`, `_{\mathrm{ML}}`) names
/// the solution, as a hat does; elsewhere the subscript is part of the name.
#[test]
fn an_estimate_label_names_the_solution_in_a_chain_of_equations() {
    insta::assert_snapshot!(render("0 = n - \\sigma^2\n\\iff \\hat\\sigma^2_{\\text{MLE}} = n"), @"-: (num 0) | (sub (id n) (pow (id σ) (num 2))) | (pow (id σ) (num 2)) | (id n)");
    insta::assert_snapshot!(render("0 = a - \\mu\n\\iff \\mu_{\\mathrm{ML}} = a"), @"-: (num 0) | (sub (id a) (id μ)) | (id μ) | (id a)");
    insta::assert_snapshot!(render("\\mu_{\\mathrm{ML}} = \\mu_{MAP}"), @"μ_ML: (id μ_{MAP})");
}

/// `^T` is a transpose on a declared vector or matrix, or a sum of them (a power of
/// one means nothing); on anything else it keeps both readings and is refused.
#[test]
fn a_plain_t_superscript_transposes_only_what_is_declared_a_vector_or_matrix() {
    let declared = "let x, \\mu \\in \\mathbb{R}^J\nlet A \\in \\mathbb{R}^{J \\times J}\n";
    insta::assert_snapshot!(render(&format!("{declared}(x - \\mu)^T A (x - \\mu) = x^T A x + 0")), @"-: (mul (transpose (sub (id x) (id μ))) (mul (id A) (sub (id x) (id μ)))) | (add (mul (mul (transpose (id x)) (id A)) (id x)) (num 0))");
    insta::assert_snapshot!(render(&format!("{declared}a^T = a")), @"
    -: (id a)
    error: `^T` reads as a transpose or as a power of `T`: it is not on a declared vector or matrix
    ");
    insta::assert_snapshot!(render(&format!("{declared}(A x)^T x = x^T A^T x")), @"
    -: (mul (mul (transpose (id x)) (transpose (id A))) (id x))
    error: `^T` reads as a transpose or as a power of `T`: it is not on a declared vector or matrix
    ");
    insta::assert_snapshot!(render("x^T = x"), @"
    -: (id x)
    error: `^T` reads as a transpose or as a power of `T`: it is not on a declared vector or matrix
    ");
}

/// `I_J`, with `J` the dimension the note declares its vectors in, is the identity;
/// `I` alone or with another subscript stays a name.
#[test]
fn i_with_the_declared_dimension_is_the_identity() {
    let declared = "let x \\in \\mathbb{R}^k\n";
    insta::assert_snapshot!(render(&format!("{declared}x^\\top I_k x = x^\\top x")), @"-: (mul (mul (transpose (id x)) (identity)) (id x)) | (mul (transpose (id x)) (id x))");
    insta::assert_snapshot!(render(&format!("{declared}I_n + I = 2")), @"-: (add (id I_n) (id I)) | (num 2)");
    insta::assert_snapshot!(render("I_k = 1"), @"I_k: (num 1)");
}
