//! Lowering resolved documents: each chain's name and steps in Unicode, or the errors.

use super::*;
use crate::print::unicode;
use crate::source::SourceFile;

/// Parse, resolve and lower `text`; describe each chain, or the errors.
fn check(text: &str) -> String {
    let parsed = crate::syntax::parse(&SourceFile::new("test.txt", text));
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let resolved = crate::syntax::resolve(&parsed.doc);
    let (program, errors) = lower(&resolved);
    let errors: Vec<String> = resolved
        .errors
        .iter()
        .map(|e| e.message())
        .chain(errors.iter().map(LowerError::message))
        .collect();
    if !errors.is_empty() {
        return errors.join("\n");
    }
    let mut out = Vec::new();
    for chain in &program.chains {
        let name = chain
            .name
            .as_ref()
            .map_or("-".to_string(), |(n, _)| n.clone());
        let steps: Vec<String> = chain.steps.iter().map(|s| unicode(&s.term)).collect();
        out.push(format!("{name}: {}", steps.join(" | ")));
    }
    out.join("\n")
}

#[test]
fn call_shaped_heads_and_unused_labels_name_chains() {
    insta::assert_snapshot!(check("KL(a, b) = x + 1\n= 1 + x"), @"KL(a,b): x + 1 | x + 1");
    insta::assert_snapshot!(check("H = x^2\n= x x"), @"H: x² | xx");
    insta::assert_snapshot!(check("x = x + 0"), @"-: x | x + 0");
    // A definition in notes names its chain rather than claiming f·x = x² + 1.
    insta::assert_snapshot!(check("f(x) = x^2 + 1"), @"f(x): x² + 1");
}

#[test]
fn names_resolve_as_a_reader_means_them() {
    insta::assert_snapshot!(check(r"a(b + c) = e^{u} = \sqrt[3]{\pi}"), @"-: a(b + c) | exp(u) | π^(1/3)");
    insta::assert_snapshot!(check("let f(t) = t^2\nf(a + 1) = ab(c + 1)"), @"-: f(a + 1) | ab(c + 1)");
}

#[test]
fn densities_and_expectations() {
    insta::assert_snapshot!(
        check("let p(x) = N(x; m, s^2)\n\\mathbb{E}_{p}[x] = E[x] = \\int x p(x) dx"),
        @"-: ∫ x p(x) dx | ∫ x p(x) dx | ∫ x p(x) dx"
    );
}

#[test]
fn a_chain_name_stands_for_its_last_line() {
    insta::assert_snapshot!(check("F(a) = a + a\n= 2a\nF(a) + 1 = 2a + 1"), @r"
        F(a): a + a | 2a
        -: 2a + 1 | 2a + 1
        ");
}

#[test]
fn a_specialisation_without_a_name_starts_from_the_previous_chain() {
    let parsed = crate::syntax::parse(&SourceFile::new(
        "t.txt",
        "a + a = 2a\nx = 1\n= 1\nspecialise with a = 3\nG = 6",
    ));
    let resolved = crate::syntax::resolve(&parsed.doc);
    let (program, errors) = lower(&resolved);
    assert!(
        errors.is_empty() && resolved.errors.is_empty(),
        "{errors:?}"
    );
    let spec = program.chains[2]
        .specialisation
        .as_ref()
        .expect("specialised");
    assert_eq!(spec.target_chain, 1);
    assert_eq!(unicode(&spec.value), "1");
}

#[test]
fn specialisation_bindings_take_positive_roots() {
    let parsed = crate::syntax::parse(&SourceFile::new(
        "t.txt",
        "assume s > 0\nF(s) = s^2\n= s s\nspecialise F(s) with s^2 = 4\nG = 4",
    ));
    let resolved = crate::syntax::resolve(&parsed.doc);
    let (program, errors) = lower(&resolved);
    assert!(
        errors.is_empty() && resolved.errors.is_empty(),
        "{errors:?}"
    );
    let spec = program.chains[1]
        .specialisation
        .as_ref()
        .expect("specialised");
    assert_eq!(spec.target_chain, 0);
    assert_eq!(spec.bindings.len(), 1);
    assert_eq!(unicode(&spec.bindings[0].1), "√4");
}

#[test]
fn errors_name_what_is_wrong() {
    insta::assert_snapshot!(check("a + g(b, c) = 1"), @"unknown function `g`");
    insta::assert_snapshot!(check("let f(x) = x\nf(1, 2) = 1"), @"`f` takes 1 argument(s) but is given 2");
    insta::assert_snapshot!(check(r"\int_{\frac{-\infty - \mu}{\sigma}}^{\infty} x dx = 1"), @r"a limit that computes with `\infty` is not read: its value depends on signs");
    insta::assert_snapshot!(check("x = \\infty"), @r"`\infty` can only be an integral bound");
    insta::assert_snapshot!(check("E[x] = 0"), @"expectation without a law, and not exactly one density or random variable to take it under");
    insta::assert_snapshot!(check("specialise F(a) with a = 1\nF(b) = 2"), @"no earlier chain is named `F(a)`");
    insta::assert_snapshot!(check("F(a) = a\n= a\nspecialise F(a) with a + 1 = 2\nG = 1"), @"a binding must give the value of a symbol or of a power of a positive symbol");
    insta::assert_snapshot!(check("specialise F(a) with a = 1"), @r"
    no earlier chain is named `F(a)`
    `specialise` must be followed by the chain it specialises
    ");
    insta::assert_snapshot!(check("specialise with a = 1\nG = 1"), @"`specialise with …` names no chain, and there is no chain before it");
    insta::assert_snapshot!(check("let f(x) = x\nlet f(y) = y\nf(1) = 1"), @"`f` is declared twice");
}

#[test]
fn chain_values_that_double_at_every_line_are_refused_not_built() {
    let mut text = String::from("H_{0} = a + b\n= b + a\n");
    for i in 1..40 {
        let j = i - 1;
        text.push_str(&format!(
            "H_{{{i}}} = H_{{{j}}} + H_{{{j}}}\n= H_{{{j}}} + H_{{{j}}}\n"
        ));
    }
    let out = check(&text);
    assert!(out.contains("exceed 100000 nodes"), "{out}");
}

#[test]
fn a_sums_count_of_data_is_positive_and_nothing_else_is() {
    let positive = |text: &str| {
        let parsed = crate::syntax::parse(&SourceFile::new("test.txt", text));
        let resolved = crate::syntax::resolve(&parsed.doc);
        let (program, _) = lower(&resolved);
        let names: Vec<String> = program
            .context
            .positive
            .iter()
            .map(|n| n.to_string())
            .collect();
        names.join(", ")
    };
    assert_eq!(positive(r"a = \frac{1}{n}\sum_{i=1}^{n} x_i"), "n");
    assert_eq!(positive(r"a = \prod_{j=1}^{J} y_j"), "J");
    assert_eq!(positive(r"a = \sum_{k=0}^{n} k + m"), "");
    assert_eq!(positive(r"a = \sum_{i=1}^{n-1} x_i"), "");
    assert_eq!(positive(r"a = \sum_{i=2}^{n} x_i"), "");
}

#[test]
fn a_derivative_of_what_is_not_written_in_its_variable_is_refused() {
    // ∂ℓ/∂μ with ℓ never defined would be 0 to the rules, and the numbers would agree:
    // `\frac{\partial \ell}{\partial \mu} = 0` must not verify.
    insta::assert_snapshot!(
        check(r"\frac{\partial \ell}{\partial \mu} = 0"),
        @"the derivative is not taken: `ℓ` is not written in terms of μ; define it first (e.g. `ℓ(μ) = …`), since reading the derivative as 0 would be a guess"
    );
    insta::assert_snapshot!(check(r"\frac{d}{dx} \log L = 0"), @"the derivative is not taken: `L` is not written in terms of x; define it first (e.g. `L(x) = …`), since reading the derivative as 0 would be a guess");
    // A number differentiates to 0 with no guess, and so does what mentions the variable.
    insta::assert_snapshot!(check(r"\frac{d}{dx} 5 = 0"), @"-: 0 | 0");
    insta::assert_snapshot!(check(r"\frac{\partial}{\partial \mu} (x - \mu)^2 = 2(\mu - x)"), @"-: −2(x − μ) | 2(μ − x)");
}
