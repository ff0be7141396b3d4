//! The normal form through the whole check: proofs, witnesses, refusals.

use crate::lower::resolve_and_lower;
use crate::source::SourceFile;
use crate::term::Term;

const DECLS: &str = "let x, y, m \\in \\mathbb{R}^J\nlet A, B \\in \\mathbb{R}^{J \\times J}\nlet \\Sigma \\in \\mathbb{S}_{++}^J\n";

/// The two sides of `lhs = rhs` lowered after the declarations, or the errors.
fn sides(decls: &str, step: &str) -> Result<(Term, Term), String> {
    let text = format!("{decls}{step}\n");
    let parsed = crate::syntax::parse(&SourceFile::new("test", &text));
    if !parsed.errors.is_empty() {
        return Err(format!("{:?}", parsed.errors));
    }
    let lowered = resolve_and_lower(&parsed.doc);
    if !lowered.errors.is_empty() {
        let messages: Vec<String> = lowered.errors.iter().map(|e| e.message()).collect();
        return Err(messages.join("; "));
    }
    let steps = &lowered.program.chains[0].steps;
    Ok((steps[0].term.clone(), steps[1].term.clone()))
}

/// What the whole check says of the step: `V` verified, `W` wrong, `U` undecided.
fn verdict(step: &str) -> char {
    let text = format!("{DECLS}{step}\n");
    let config = crate::check::CheckConfig::default();
    let report = crate::check::check_source(SourceFile::new("test.txt", &text), &config);
    assert!(
        report.lower_errors.is_empty(),
        "{step}: {:?}",
        report.lower_errors
    );
    let verdicts: Vec<_> = report.verdicts().collect();
    assert_eq!(verdicts.len(), 1, "{step}");
    match verdicts[0] {
        crate::report::Verdict::Verified { .. } => 'V',
        crate::report::Verdict::Wrong { .. } => 'W',
        crate::report::Verdict::Undecided { .. } => 'U',
        crate::report::Verdict::Inconsistent { detail } => panic!("{step}: {detail}"),
    }
}

fn same(step: &str) -> bool {
    verdict(step) == 'V'
}

fn refused(decls: &str, step: &str) -> String {
    match sides(decls, step) {
        Err(e) => e,
        Ok(_) => panic!("{step} was read"),
    }
}

#[test]
fn words_meet_in_one_normal_form() {
    assert!(same(r"x^\mathrm{T} A y = y^\mathrm{T} A^\mathrm{T} x"));
    assert!(same(
        r"\operatorname{tr}(A B \Sigma) = \operatorname{tr}(\Sigma A B)"
    ));
    assert!(same(r"x^\mathrm{T} \Sigma y = y^\mathrm{T} \Sigma x"));
    assert!(same(r"x^\mathrm{T} x = \|x\|^2"));
    assert!(same(
        r"x^\mathrm{T} (A B)^\mathrm{T} y = y^\mathrm{T} A B x"
    ));
    assert!(same(r"x^\mathrm{T} A A^{-1} y = x^\mathrm{T} \mathbf{I} y"));
    assert!(same(
        r"\operatorname{tr}((A B)^{-1} A) = \operatorname{tr}(B^{-1})"
    ));
    assert!(same(r"x^\mathrm{T} y = \operatorname{tr}(x y^\mathrm{T})"));
    assert!(same(r"\log\det(2\Sigma) = J \log 2 + \log\det\Sigma"));
    assert!(same(r"\log\det(\Sigma^{-1}) = -\log\det\Sigma"));
    assert!(same(r"\operatorname{tr}(\mathbf{I}) = J"));
    // The near misses are wrong, with a witness.
    assert_eq!(
        verdict(r"x^\mathrm{T} A y = x^\mathrm{T} A^\mathrm{T} y"),
        'W'
    );
    assert_eq!(
        verdict(r"\operatorname{tr}(A B \Sigma) = \operatorname{tr}(B A \Sigma)"),
        'W'
    );
    assert_eq!(verdict(r"\det(2\Sigma) = 2\det\Sigma"), 'W');
    // Outside the normal form (an inverse of a sum): the numbers only.
    assert_eq!(
        verdict(r"\operatorname{tr}((A + B)^{-1} A) = \operatorname{tr}(A (A + B)^{-1})"),
        'U'
    );
}

#[test]
fn undeclared_names_and_misfits_are_refused() {
    let none = "";
    insta::assert_snapshot!(refused(none, r"x^\mathrm{T} y = 0"), @r"vector or matrix notation refused: a transpose of a scalar `x`, which is not declared a vector or a matrix (`let … \in \mathbb{R}^J`)");
    insta::assert_snapshot!(refused(none, r"\operatorname{tr}(a) = a"), @"vector or matrix notation refused: a trace of a scalar `a`, not of a matrix");
    insta::assert_snapshot!(refused(none, r"\det a = a"), @"vector or matrix notation refused: a determinant of a scalar `a`, not of a matrix");
    // Bars around a lower-case scalar are its absolute value; around an undeclared
    // capital, a question.
    insta::assert_snapshot!(refused(none, r"|A| = 1"), @"`|A|` of a name the note does not declare: a determinant or an absolute value?");
    insta::assert_snapshot!(refused(DECLS, r"|x| = 1"), @"vector or matrix notation refused: a determinant of a vector `x`, not of a matrix");
    insta::assert_snapshot!(refused(none, r"\|z\|^2 = z^2"), @"vector or matrix notation refused: a norm of a scalar `z`, not of a vector");
    insta::assert_snapshot!(refused(none, r"\mathbf{I} = 1"), @r"vector or matrix notation refused: the identity `\mathbf{I}` in a note that declares no dimension (`let x \in \mathbb{R}^J`)");
    insta::assert_snapshot!(refused(DECLS, r"x A = 0"), @"vector or matrix notation refused: a product whose shapes do not fit: a vector times a matrix");
    insta::assert_snapshot!(refused(DECLS, r"x y = 0"), @"vector or matrix notation refused: a product whose shapes do not fit: a vector times a vector");
    insta::assert_snapshot!(refused(DECLS, r"x + 1 = 0"), @"vector or matrix notation refused: a sum of a vector `x` and a scalar `1`");
    insta::assert_snapshot!(refused(DECLS, r"A = B"), @"vector or matrix notation refused: a matrix where a scalar is expected: a step's sides must be scalars");
    insta::assert_snapshot!(refused(DECLS, r"\log x = 0"), @"vector or matrix notation refused: a logarithm or exponential of a vector `x`, not of a scalar");
    insta::assert_snapshot!(refused("let x \\in \\mathbb{R}^J\nlet y \\in \\mathbb{R}^K\n", "x = y"), @"vector or matrix notation refused: a second dimension `K`: every vector and matrix must have the dimension `J`; vector or matrix notation refused: a vector where a scalar is expected: a step's sides must be scalars");
}

const E: &str = r"\mathbb{E}_{x \sim \mathcal{N}(m, \Sigma)}";

#[test]
fn expectations_of_quadratic_forms() {
    let e = |f: &str, rhs: &str| verdict(&format!("{E}[{f}] = {rhs}"));
    assert_eq!(
        e(
            r"(x - y)^\mathrm{T} A (x - y)",
            r"\operatorname{tr}(A \Sigma) + (m - y)^\mathrm{T} A (m - y)"
        ),
        'V'
    );
    assert_eq!(e(r"(x - m)^\mathrm{T} \Sigma^{-1} (x - m)", "J"), 'V');
    assert_eq!(e(r"x^\mathrm{T} y", r"m^\mathrm{T} y"), 'V');
    assert_eq!(
        e(r"x^\mathrm{T} x", r"\operatorname{tr}(\Sigma) + \|m\|^2"),
        'V'
    );
    assert_eq!(
        e(
            r"2 + x^\mathrm{T} A x",
            r"2 + \operatorname{tr}(A \Sigma) + m^\mathrm{T} A m"
        ),
        'V'
    );
    // A slip in the trace term, and the forgotten mean term, are wrong.
    assert_eq!(e(r"x^\mathrm{T} A x", r"\operatorname{tr}(A \Sigma)"), 'W');
    assert_eq!(e(r"(x - m)^\mathrm{T} \Sigma^{-1} (x - m)", "J + 1"), 'W');
    // A product of two forms is not affine in them: the numbers only.
    assert_eq!(
        e(
            r"(x^\mathrm{T} y)(y^\mathrm{T} x)",
            r"y^\mathrm{T} \Sigma y + (m^\mathrm{T} y)^2"
        ),
        'U'
    );
}

#[test]
fn a_specialisation_of_a_vector_is_refused() {
    let text = "D = x^\\mathrm{T} y\n  = y^\\mathrm{T} x\nspecialise D with y = 0\nD_0 = 0";
    insta::assert_snapshot!(refused(DECLS, text), @"vector or matrix notation refused: a specialisation that sets a vector or a matrix is not read yet");
}

/// The facts printed under a verified step are the ones that bridge its two sides.
#[test]
fn named_facts_bridge_the_sides() {
    let facts = |step: &str| {
        let text = format!("{DECLS}{step}\n");
        let config = crate::check::CheckConfig::default();
        let report = crate::check::check_source(SourceFile::new("test.txt", &text), &config);
        let verdict = report.verdicts().next().cloned();
        match verdict {
            Some(crate::report::Verdict::Verified { facts, .. }) => facts
                .iter()
                .map(|f| f.statement.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            other => panic!("{step}: {other:?}"),
        }
    };
    let e = facts(&format!(
        "{E}[x^\\mathrm{{T}} A x] = \\operatorname{{tr}}(A \\Sigma) + m^\\mathrm{{T}} A m"
    ));
    assert!(e.contains("E of a quadratic form"), "{e}");
    let t = facts(r"\operatorname{tr}(B A) = \operatorname{tr}(A B)");
    assert!(t.contains("trace is cyclic"), "{t}");
    assert_eq!(
        facts(r"\operatorname{tr}(A B) = \operatorname{tr}(A B)"),
        ""
    );
}

#[test]
fn bars_around_a_declared_matrix_are_its_determinant() {
    assert!(same(r"\log|\Sigma|^{1/2} = \frac{1}{2}\log\det\Sigma"));
    assert!(same(r"|A| |B| = \det(A B)"));
    assert!(!same(r"|\Sigma| = \det A"));
}

#[test]
fn the_normal_density_in_j_dimensions() {
    // PRML's (2.43) and its logarithm, term by term, for symbolic J.
    assert!(same(
        r"\mathcal{N}(x \mid m, \Sigma) = \frac{1}{(2\pi)^{J/2}} \frac{1}{|\Sigma|^{1/2}} \exp\left\{-\frac{1}{2}(x - m)^\mathrm{T} \Sigma^{-1} (x - m)\right\}"
    ));
    assert!(same(
        r"\ln \mathcal{N}(x \mid m, \Sigma) = -\frac{J}{2}\ln(2\pi) - \frac{1}{2}\ln|\Sigma| - \frac{1}{2}(x - m)^\mathrm{T}\Sigma^{-1}(x - m)"
    ));
    // Its entropy, from the expectation of the log-density.
    assert!(same(
        r"-\mathbb{E}_{x \sim \mathcal{N}(m, \Sigma)}\left[\ln \mathcal{N}(x \mid m, \Sigma)\right] = \frac{1}{2}\ln|\Sigma| + \frac{J}{2}(1 + \ln(2\pi))"
    ));
    // The determinant term not halved is caught.
    assert_eq!(
        verdict(
            r"\ln \mathcal{N}(x \mid m, \Sigma) = -\frac{J}{2}\ln(2\pi) - \ln|\Sigma| - \frac{1}{2}(x - m)^\mathrm{T}\Sigma^{-1}(x - m)"
        ),
        'W'
    );
    // Only a declared covariance is read as one; a vector's shape must fit.
    insta::assert_snapshot!(refused(DECLS, r"\mathcal{N}(x \mid m, A) = 1"), @r"vector or matrix notation refused: a normal density whose covariance is not one name declared a covariance (`let \Sigma \in \mathbb{S}_{++}^J`)");
    insta::assert_snapshot!(refused(DECLS, r"\mathcal{N}(x \mid m, 2\Sigma) = 1"), @r"vector or matrix notation refused: a normal density whose covariance is not one name declared a covariance (`let \Sigma \in \mathbb{S}_{++}^J`)");
    insta::assert_snapshot!(refused(DECLS, r"\mathcal{N}(x \mid 0, \Sigma) = 1"), @"vector or matrix notation refused: a normal density in J dimensions needs a vector where it is evaluated and a vector mean");
}

#[test]
fn bold_names_are_their_own_and_must_be_declared() {
    let bold = "let \\mathbf{x}, \\boldsymbol{\\mu} \\in \\mathbb{R}^J\n";
    assert!(sides(
        bold,
        r"\mathbf{x}^\mathrm{T} \boldsymbol{\mu} = \boldsymbol{\mu}^\mathrm{T} \mathbf{x}"
    )
    .is_ok());
    // `x` beside `𝐱` is another name: a scalar here.
    assert!(sides(bold, r"\mathbf{x}^\mathrm{T} \mathbf{x} = x^2").is_ok());
    insta::assert_snapshot!(refused("", r"\mathbf{y} + 1 = 1 + \mathbf{y}"), @r"vector or matrix notation refused: the bold `𝐲`, not declared a vector or a matrix (`let \mathbf{x} \in \mathbb{R}^J`); vector or matrix notation refused: the bold `𝐲`, not declared a vector or a matrix (`let \mathbf{x} \in \mathbb{R}^J`)");
}

#[test]
fn diagonal_matrices_are_sums_and_products_over_their_entries() {
    let decls = "let \\mu \\in \\mathbb{R}^J\nlet D = \\operatorname{diag}(\\sigma_1^2, \\dots, \\sigma_J^2)\nassume \\sigma_1, \\dots, \\sigma_J > 0\n";
    let check = |step: &str| {
        let text = format!("{decls}{step}\n");
        let config = crate::check::CheckConfig::default();
        let report = crate::check::check_source(SourceFile::new("test.txt", &text), &config);
        assert!(
            report.lower_errors.is_empty(),
            "{step}: {:?}",
            report.lower_errors
        );
        let verdicts: Vec<_> = report.verdicts().collect();
        match verdicts.as_slice() {
            [crate::report::Verdict::Verified { .. }] => 'V',
            [crate::report::Verdict::Wrong { .. }] => 'W',
            _ => 'U',
        }
    };
    assert_eq!(
        check(r"\operatorname{tr}(D) = \sum_{j=1}^{J} \sigma_j^2"),
        'V'
    );
    assert_eq!(check(r"\log\det D = \sum_{j=1}^{J} \log\sigma_j^2"), 'V');
    assert_eq!(
        check(r"\operatorname{tr}(D^{-1}) = \sum_{j=1}^{J} \frac{1}{\sigma_j^2}"),
        'V'
    );
    assert_eq!(
        check(r"\mu^\top D \mu = \sum_{j=1}^{J} \sigma_j^2 \mu_j^2"),
        'V'
    );
    assert_eq!(check(r"\mu^\top \mu = \sum_{j=1}^{J} \mu_j^2"), 'V');
    // Slips: the entries not squared, a coordinate not squared.
    assert_eq!(
        check(r"\operatorname{tr}(D) = \sum_{j=1}^{J} \sigma_j"),
        'W'
    );
    assert_eq!(
        check(r"\mu^\top D \mu = \sum_{j=1}^{J} \sigma_j^2 \mu_j"),
        'W'
    );
    // Entries that do not fit the pattern are refused by name.
    let dim = "let x \\in \\mathbb{R}^J\n";
    insta::assert_snapshot!(refused(dim, r"\operatorname{tr}(\operatorname{diag}(a, \dots, b)) = 1"), @r"vector or matrix notation refused: a diagonal matrix whose first entry names no index `_1` (`\sigma_1^2`)");
    insta::assert_snapshot!(refused(dim, r"\operatorname{tr}(\operatorname{diag}(\sigma_1, \dots, \sigma_K)) = 1"), @"vector or matrix notation refused: a diagonal matrix whose last entry is not its first with the index `1` made the dimension `J`");
    insta::assert_snapshot!(refused("", r"\operatorname{tr}(\operatorname{diag}(\sigma_1, \dots, \sigma_J)) = 1"), @r"vector or matrix notation refused: a diagonal matrix in a note that declares no dimension (`let x \in \mathbb{R}^J`)");
}

#[test]
fn a_density_in_j_dimensions_declared_as_a_function_is_refused() {
    // The univariate family would read `Σ` as a variance: refused by name.
    let decls = "let z, m \\in \\mathbb{R}^J\nlet \\Sigma \\in \\mathbb{S}_{++}^J\nlet q(z) = N(z; m, \\Sigma)\n";
    insta::assert_snapshot!(refused(decls, "1 = 1"), @r"vector or matrix notation refused: a density in J dimensions declared as a function; write `\mathcal{N}(x \mid \mu, \Sigma)` where it is used");
}
