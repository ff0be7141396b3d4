//! The numbers at J = 1, 2, 3 against identities known by hand.

use super::{doc, expr};
use crate::numeric::matrix::compare;
use crate::numeric::NumericOutcome;

const DECLS: &str = "let x, y, m \\in \\mathbb{R}^J\nlet A, B \\in \\mathbb{R}^{J \\times J}\nlet \\Sigma \\in \\mathbb{S}_{++}^J\n";

fn outcome(lhs: &str, rhs: &str) -> NumericOutcome {
    let d = doc(DECLS);
    compare(&d, &expr(lhs), &expr(rhs), 7)
}

fn agrees(lhs: &str, rhs: &str) -> bool {
    matches!(outcome(lhs, rhs), NumericOutcome::Agree { n_points: 12 })
}

fn differs(lhs: &str, rhs: &str) -> bool {
    matches!(outcome(lhs, rhs), NumericOutcome::Differ { .. })
}

#[test]
fn identities_agree_at_every_dimension() {
    assert!(agrees(r"x^\mathrm{T} A y", r"y^\top A^\top x"));
    assert!(agrees(r"\operatorname{tr}(A B)", r"\operatorname{tr}(B A)"));
    assert!(agrees(
        r"\operatorname{tr}((A + B)^{-1} A)",
        r"\operatorname{tr}(A (A + B)^{-1})"
    ));
    assert!(agrees(r"\|x\|^2", r"x^\mathrm{T} x"));
    assert!(agrees(r"\det(2 \Sigma)", r"2^J \det \Sigma"));
    assert!(agrees(r"\operatorname{tr}(\mathbf{I})", r"J"));
    assert!(agrees(r"x^\mathrm{T} \Sigma y", r"y^\mathrm{T} \Sigma x"));
}

#[test]
fn slips_differ() {
    assert!(differs(r"x^\mathrm{T} A y", r"x^\mathrm{T} A^\mathrm{T} y"));
    assert!(differs(
        r"\operatorname{tr}(A B A)",
        r"\operatorname{tr}(A A^\mathrm{T} B)"
    ));
    assert!(differs(r"\det(2 \Sigma)", r"2 \det \Sigma"));
}

#[test]
fn a_matrix_side_is_not_compared() {
    assert!(matches!(outcome("A", "A"), NumericOutcome::Unavailable(_)));
}

#[test]
fn expectations_by_gauss_hermite_are_exact_for_quadratics() {
    let e = r"\mathbb{E}_{x \sim \mathcal{N}(m, \Sigma)}";
    assert!(agrees(
        &format!(r"{e}[(x - y)^\mathrm{{T}} A (x - y)]"),
        r"\operatorname{tr}(A \Sigma) + (m - y)^\mathrm{T} A (m - y)"
    ));
    assert!(agrees(
        &format!(r"{e}[(x^\mathrm{{T}} y)(y^\mathrm{{T}} x)]"),
        r"y^\mathrm{T} \Sigma y + (m^\mathrm{T} y)^2"
    ));
    assert!(differs(
        &format!(r"{e}[x^\mathrm{{T}} A x]"),
        r"\operatorname{tr}(A \Sigma)"
    ));
}

#[test]
fn the_normal_density_in_j_dimensions_is_its_formula() {
    let written = r"\frac{1}{(2\pi)^{J/2} \sqrt{\det \Sigma}} \exp\left(-\frac{1}{2}(x - m)^\mathrm{T} \Sigma^{-1} (x - m)\right)";
    assert!(agrees(r"\mathcal{N}(x \mid m, \Sigma)", written));
    assert!(agrees(r"\mathcal{N}(x; m, \Sigma)", written));
    assert!(agrees(
        r"\log \mathcal{N}(x \mid m, \Sigma)",
        r"-\frac{J}{2}\log 2\pi - \frac{1}{2}\log\det\Sigma - \frac{1}{2}(x - m)^\mathrm{T} \Sigma^{-1} (x - m)"
    ));
    // The determinant not halved, the mean and the point swapped in one factor.
    assert!(differs(
        r"\log \mathcal{N}(x \mid m, \Sigma)",
        r"-\frac{J}{2}\log 2\pi - \log\det\Sigma - \frac{1}{2}(x - m)^\mathrm{T} \Sigma^{-1} (x - m)"
    ));
    // A density of one scalar against a vector side: not a value here.
    assert!(!agrees(r"\mathcal{N}(x \mid m, A)", written));
}

#[test]
fn diagonal_matrices_and_coordinates_are_evaluated_as_written() {
    let d = doc("let \\mu \\in \\mathbb{R}^J\nassume \\sigma_j > 0\n");
    let cmp = |l: &str, r: &str| compare(&d, &expr(l), &expr(r), 7);
    let diag = r"\operatorname{diag}(\sigma_1^2, \dots, \sigma_J^2)";
    let agree = |l: &str, r: &str| matches!(cmp(l, r), NumericOutcome::Agree { n_points: 12 });
    assert!(agree(
        &format!(r"\operatorname{{tr}}({diag})"),
        r"\sum_{j=1}^{J} \sigma_j^2"
    ));
    assert!(agree(
        &format!(r"\det {diag}"),
        r"\prod_{j=1}^{J} \sigma_j^2"
    ));
    assert!(agree(r"\mu^\top \mu", r"\sum_{j=1}^{J} \mu_j^2"));
    assert!(matches!(
        cmp(r"\mu^\top \mu", r"\sum_{j=1}^{J} \mu_j"),
        NumericOutcome::Differ { .. }
    ));
}
