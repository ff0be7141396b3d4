//! The real derivations in `derivations/`: every step must verify, and the seed's KL
//! derivation must name the Gaussian facts it uses and end in the right final form.
//! Altered copies must fail at exactly the altered step.

mod common;

use common::{check, render_plain, root};
use verify::print::unicode;
use verify::report::{ExitStatus, FileReport, StepReport, Verdict};

fn gauss_kl() -> FileReport {
    check(&root().join("derivations/gauss_kl.txt"))
}

/// The step of the first chain numbered `number`.
fn step(report: &FileReport, number: usize) -> &StepReport {
    report.chains[0]
        .steps
        .iter()
        .find(|s| s.number == number)
        .expect("step exists")
}

fn facts(step: &StepReport) -> Vec<String> {
    match step.verdict.as_ref().map(|v| &v.verdict) {
        Some(Verdict::Verified { facts, .. }) => {
            facts.iter().map(|f| f.statement.clone()).collect()
        }
        other => panic!("step {} is not verified: {other:?}", step.number),
    }
}

#[test]
fn every_derivation_verifies() {
    for entry in std::fs::read_dir(root().join("derivations")).unwrap() {
        let path = entry.unwrap().path();
        let report = check(&path);
        assert_eq!(
            report.status(),
            ExitStatus::Verified,
            "{}",
            render_plain(&report)
        );
    }
}

#[test]
fn gauss_kl_verifies_every_step_with_a_numeric_cross_check() {
    let report = gauss_kl();
    assert_eq!(report.chains.len(), 2);
    // The head, KL(p_1, p_2), as step 0 (its meaning), then the twelve written.
    assert_eq!(report.chains[0].steps.len(), 13);
    assert_eq!(report.chains[0].steps[0].number, 0);
    for v in report.verdicts() {
        match v {
            Verdict::Verified { n_points, .. } => assert!(*n_points >= 2, "cross-check ran"),
            other => panic!("not verified: {other:?}"),
        }
    }
}

#[test]
fn step_7_to_8_uses_the_variance_of_p1() {
    let report = gauss_kl();
    assert_eq!(
        facts(step(&report, 8)),
        ["variance of p₁: ∫ (x − μ₁)²·p₁(x) dx = σ₁²"]
    );
}

#[test]
fn step_10_to_11_uses_normalisation_and_the_mean_of_p1() {
    let report = gauss_kl();
    assert_eq!(
        facts(step(&report, 11)),
        [
            "∫p₁ = 1: ∫ p₁(x) dx = 1",
            "E[x−μ₁] = 0: ∫ (x − μ₁)·p₁(x) dx = 0"
        ]
    );
}

#[test]
fn final_forms_are_as_small_as_the_authors() {
    let report = gauss_kl();
    let kl = report.chains[0].final_form.clone().unwrap().unwrap();
    assert_eq!(
        unicode(&kl.term),
        "log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − 1/2"
    );
    assert!(kl.n_nodes <= kl.author_n_nodes);
    let specialised = report.chains[1].final_form.clone().unwrap().unwrap();
    assert_eq!(unicode(&specialised.term), "−log(σ₁) + (σ₁² + μ₁²)/2 − 1/2");
    assert!(specialised.n_nodes <= specialised.author_n_nodes);
}

#[test]
fn the_specialisation_is_checked_against_the_chain() {
    let report = gauss_kl();
    let chain = &report.chains[1];
    let info = chain.specialisation.as_ref().expect("a specialisation");
    assert_eq!(info.target, "KL(p_1, p_2)");
    assert_eq!(info.bindings, ["μ₂ = 0", "σ₂ = 1"]);
    match &chain.steps[0].verdict.as_ref().unwrap().verdict {
        Verdict::Verified { families, .. } => {
            assert!(families.contains(verify::verdict::Family::Substitution))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn gauss_kl_report() {
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!(render_plain(&gauss_kl()));
    });
}

/// The numbers of the steps that are not verified.
fn failing_steps(report: &FileReport) -> Vec<(usize, usize)> {
    report
        .chains
        .iter()
        .enumerate()
        .flat_map(|(c, chain)| {
            chain
                .steps
                .iter()
                .filter_map(move |s| match s.verdict.as_ref().map(|v| &v.verdict) {
                    None | Some(Verdict::Verified { .. }) => None,
                    Some(_) => Some((c, s.number)),
                })
        })
        .collect()
}

#[test]
fn altered_last_line_fails_at_exactly_that_step() {
    let report = check(&root().join("tests/fixtures/check/wrong/last_line_plus.txt"));
    assert_eq!(failing_steps(&report), [(0, 12)]);
    assert_eq!(report.status(), ExitStatus::Failed);
}

#[test]
fn altered_step_8_fails_at_exactly_that_step() {
    let report = check(&root().join("tests/fixtures/check/wrong/step8_minus_one.txt"));
    assert_eq!(failing_steps(&report), [(0, 8)]);
    let Some(Verdict::Wrong {
        lhs,
        rhs,
        difference,
        ..
    }) = step(&report, 8).verdict.as_ref().map(|v| &v.verdict)
    else {
        panic!("step 8 is not wrong")
    };
    assert!((rhs - lhs + 0.5).abs() < 1e-9, "the witness shows the −1/2");
    assert_eq!(difference.as_ref().map(unicode).as_deref(), Some("−1/2"));
}

/// The seed document's derivation, split into its lines: every `aligned` block cut at
/// `\\`, with the alignment `&` and block markers removed.
fn seed_lines() -> Vec<String> {
    let blog =
        std::fs::read_to_string(root().join("tests/fixtures/seed/gauss_kl_blog.md")).unwrap();
    let mut lines = Vec::new();
    for block in blog.split("$$").skip(1).step_by(2) {
        let Some(body) = block.strip_prefix(r"\begin{aligned}") else {
            continue;
        };
        let body = body.trim().trim_end_matches(r"\end{aligned}");
        for line in body.split(r"\\") {
            let line = line.trim().trim_start_matches('&').trim();
            if !line.is_empty() {
                lines.push(line.to_string());
            }
        }
    }
    lines
}

#[test]
fn the_seeds_derivation_is_in_the_file_as_written() {
    let file = std::fs::read_to_string(root().join("derivations/gauss_kl.txt")).unwrap();
    let lines = seed_lines();
    assert_eq!(
        lines.len(),
        11,
        "the seed's two aligned blocks have 11 lines"
    );
    for line in lines {
        assert!(
            file.contains(&line),
            "not in derivations/gauss_kl.txt as written:\n{line}"
        );
    }
    // The specialisation's claim, from the seed's inline math.
    assert!(file.contains(
        r"KL(\mu_1, \sigma_1) = -\log\sigma_1 + \frac{\sigma_1^2 + \mu_1^2}{2} - \frac{1}{2}"
    ));
}

/// Issue 11: a step that changes variable or integrates by parts says so, from the
/// shape of its two sides; a step written out from a definition does not.
#[test]
fn substitutions_and_integration_by_parts_are_named() {
    let facts_of = |file: &str, chain: usize, number: usize| -> Vec<String> {
        let report = check(&root().join(file));
        let step = report.chains[chain]
            .steps
            .iter()
            .find(|s| s.number == number)
            .expect("step exists");
        facts(step)
    };
    let substituted = facts_of("derivations/gauss_mean_substitution.txt", 0, 3);
    assert!(
        substituted
            .iter()
            .any(|f| f.contains(r"the differential d(\sigma u + \mu) read as its derivative in u")),
        "{substituted:?}"
    );
    let by_parts = facts_of("derivations/gauss_variance_by_parts.txt", 0, 2);
    assert!(
        by_parts
            .iter()
            .any(|f| f.starts_with("integration by parts")),
        "{by_parts:?}"
    );
    // `E[X] = ∫ x f(x) dx` is the expectation written out, not a change of variable.
    let written_out = facts_of("derivations/gauss_mean_substitution.txt", 0, 2);
    assert!(
        !written_out.iter().any(|f| f.contains("change of variable")),
        "{written_out:?}"
    );
    let renamed = facts_of("derivations/gauss_mean_absolute_deviation.txt", 0, 3);
    assert!(
        renamed
            .iter()
            .any(|f| f.starts_with("change of variable from x to z")),
        "{renamed:?}"
    );
}
