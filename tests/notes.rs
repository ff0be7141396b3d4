//! Notes checked where they stand: the seed blog post, exactly as published but for
//! comment lines, verifies as one chain plus the specialisation; one altered step
//! fails at its own line and column in every output format; blocks that are not
//! derivations are skipped, and are failures only with `--strict`.

mod common;

use common::{check, render_plain, root};
use verify::check::{check_source, CheckConfig};
use verify::print::unicode;
use verify::report::{github, human, json, ExitStatus, FileReport, Options, Verdict};
use verify::source::SourceFile;

const BLOG: &str = "tests/fixtures/notes/gauss_kl_blog.md";

fn blog_text() -> String {
    std::fs::read_to_string(root().join(BLOG)).unwrap()
}

#[test]
fn the_blog_fixture_is_the_seed_with_only_comment_lines_added() {
    let seed = std::fs::read_to_string(root().join("tests/fixtures/seed/gauss_kl_blog.md"))
        .expect("the seed copy");
    let blog = blog_text();
    let mut seed_lines = seed.lines().peekable();
    let mut in_comment = false;
    let mut added = 0;
    for line in blog.lines() {
        if !in_comment && seed_lines.peek() == Some(&line) {
            seed_lines.next();
            continue;
        }
        // Not the seed's next line: it must be part of an HTML comment.
        let opens = line.trim_start().starts_with("<!--");
        assert!(
            in_comment || opens,
            "changed or added outside a comment: {line}"
        );
        in_comment = !line.contains("-->");
        added += 1;
    }
    assert_eq!(
        seed_lines.next(),
        None,
        "every seed line is there, in order"
    );
    assert_eq!(
        added, 5,
        "the declarations comment (4 lines) and the specialise line"
    );
}

#[test]
fn the_blog_verifies_both_blocks_as_one_chain_and_the_specialisation() {
    let report = check(&root().join(BLOG));
    assert_eq!(
        report.status(),
        ExitStatus::Verified,
        "{}",
        render_plain(&report)
    );
    let tally = report.tally();
    assert_eq!((tally.chains, tally.verified, tally.skipped), (2, 12, 1));
    // The post's density formula, p(x) = …, states a definition and derives nothing.
    assert_eq!(
        report.skipped[0].reason,
        r"`N(\mu, \sigma) = \frac{1}{\sqrt{2\pi}\sigma} e^{-\frac{(x-\m…` gives a value a name; there is no step to check"
    );
    let kl = &report.chains[0];
    assert_eq!(kl.steps.len(), 12, "both aligned blocks: 12 expressions");
    let form = kl.final_form.clone().unwrap().unwrap();
    assert_eq!(
        unicode(&form.term),
        "log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − 1/2"
    );
    let special = &report.chains[1];
    let info = special
        .specialisation
        .as_ref()
        .expect("the μ₂ = 0, σ₂ = 1 claim");
    assert_eq!(info.bindings, ["μ₂ = 0", "σ₂ = 1"]);
    assert!(matches!(
        special.steps[0].verdict.as_ref().map(|v| &v.verdict),
        Some(Verdict::Verified { .. })
    ));
}

/// The blog with its step 8 (first row of the second block) altered: `- \frac{1}{2}`
/// becomes `- 1`, and where that is in the file (1-based line and column).
fn altered_blog() -> (FileReport, usize, usize) {
    let text = blog_text();
    let row = r"&= \log \frac{\sigma_2}{\sigma_1} + \frac{1}{2\sigma_2^2} \int ((x-\mu_2)^2) p_1(x) dx - \frac{1}{2}";
    let at = text.find(row).expect("step 8 as published");
    let altered = text.replacen(
        row,
        r"&= \log \frac{\sigma_2}{\sigma_1} + \frac{1}{2\sigma_2^2} \int ((x-\mu_2)^2) p_1(x) dx - 1",
        1,
    );
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    // The step starts after `&= `; columns count characters.
    let column = text[line_start..at].chars().count() + 1 + "&= ".len();
    let report = check_source(
        SourceFile::new("notes/gauss_kl_blog.md", altered),
        &CheckConfig::default(),
    );
    (report, line, column)
}

#[test]
fn an_altered_step_fails_at_its_line_in_every_format() {
    let (report, line, column) = altered_blog();
    assert_eq!(report.status(), ExitStatus::Failed);
    let wrong: Vec<usize> = report.chains[0]
        .steps
        .iter()
        .filter(|s| {
            matches!(
                s.verdict.as_ref().map(|v| &v.verdict),
                Some(Verdict::Wrong { .. })
            )
        })
        .map(|s| s.number)
        .collect();
    assert_eq!(wrong, [8], "{}", render_plain(&report));

    let options = Options::default();
    let human = human::render(&report, &options);
    assert!(
        human.contains(&format!("--> notes/gauss_kl_blog.md:{line}:{column}")),
        "{human}"
    );

    let json = json::render(&report, &options);
    let step8: serde_json::Value = json
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|r| r["type"] == "step" && r["verdict"] == "wrong")
        .expect("a wrong step record");
    assert_eq!(step8["step"], 8);
    assert_eq!(step8["line"], line);
    assert_eq!(step8["column"], column);

    let github = github::render(&report, &options);
    let errors: Vec<&str> = github
        .lines()
        .filter(|l| l.starts_with("::error"))
        .collect();
    let expected = format!("::error file=notes/gauss_kl_blog.md,line={line},col={column},");
    assert_eq!(errors.len(), 1, "{github}");
    assert!(errors[0].starts_with(&expected), "{github}");
}

#[test]
fn blocks_that_are_not_derivations_are_skipped_and_fail_only_when_strict() {
    let report = check(&root().join("tests/fixtures/notes/mixed_blocks.md"));
    let reasons: Vec<&str> = report.skipped.iter().map(|s| s.reason.as_str()).collect();
    insta::assert_debug_snapshot!(reasons, @r#"
    [
        "not a derivation here: unknown function `q`; declare it in a comment, e.g. `<!-- let q(x) = … -->`",
        "continues a block that was set aside",
        "not a derivation here: unknown function `f`; declare it in a comment, e.g. `<!-- let f(x) = … -->`",
    ]
    "#);
    assert_eq!(report.tally().verified, 2);
    assert_eq!(report.status_under(false), ExitStatus::Verified);
    assert_eq!(report.status_under(true), ExitStatus::Failed);
}

/// "$$ … H … $$ where $$ H = … $$": a formula displayed right after the chain that
/// used the name is the definition meant for it; a number displayed so sets a value
/// for a moment and is not read back into the chain (nor is the chain judged wrong by
/// a value picked for `H`).
#[test]
fn a_display_after_the_chain_defines_its_name_only_by_a_formula() {
    let verdicts = |value: &str| -> Vec<Verdict> {
        let text = format!("$$\nH - x = 1\n$$\n\nwhere\n\n$$\nH = {value}\n$$\n");
        let report = check_source(SourceFile::new("where.md", text), &CheckConfig::default());
        report.verdicts().cloned().collect()
    };
    assert!(
        matches!(verdicts("x + 1").as_slice(), [Verdict::Verified { .. }]),
        "{:?}",
        verdicts("x + 1")
    );
    assert!(
        matches!(verdicts("1").as_slice(), [Verdict::Undecided { .. }]),
        "{:?}",
        verdicts("1")
    );
}
