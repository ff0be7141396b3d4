//! The HTML report's markup: one step per list item with its mark, formulas left for
//! KaTeX as escaped source, and nothing from the input read as markup.

use super::*;
use crate::report::{ChainReport, Skipped, StepReport, StepVerdict, Verdict};
use crate::source::SourceFile;
use crate::verdict::{Family, FamilySet};

fn report(path: &str, text: &str) -> FileReport {
    FileReport {
        file: SourceFile::new(path, text),
        syntax_errors: Vec::new(),
        lower_errors: Vec::new(),
        limit_errors: Vec::new(),
        chains: Vec::new(),
        skipped: Vec::new(),
        declared: Vec::new(),
        shared: None,
    }
}

fn step(number: usize, span: Span, verdict: Option<Verdict>) -> StepReport {
    StepReport {
        number,
        span,
        verdict: verdict.map(|verdict| StepVerdict {
            against: number - 1,
            verdict,
            normal_forms: None,
        }),
        annotations: vec!["<b>by parts</b>".into()],
    }
}

fn page(report: &FileReport) -> String {
    let mut html = Html::default();
    html.file(report, &Options::default());
    let mut summary = RunSummary::default();
    summary.add_file(report.status(), report.tally());
    html.end(&summary)
}

/// The body of the page, without the embedded KaTeX (whose code holds `<` and tags).
fn body(page: &str) -> &str {
    let start = page.find("<body>").unwrap();
    let end = page.find("<footer>").unwrap();
    &page[start..end]
}

#[test]
fn each_step_is_an_item_with_its_mark_and_its_formula_as_source() {
    let text = "a + a\n= 2a\n= 3a\n";
    let mut r = report("x.txt", text);
    let wrong = Verdict::Wrong {
        point: vec![("a".into(), 1.0)],
        lhs: 2.0,
        rhs: 3.0,
        difference: None,
        hint: Some("the step holds if 3 is 2".into()),
        fixed: None,
        edit: None,
    };
    let verified = Verdict::Verified {
        families: FamilySet::EMPTY.with(Family::Algebra),
        facts: Vec::new(),
        n_points: 8,
        conditions: Vec::new(),
    };
    r.chains.push(ChainReport {
        name: None,
        specialisation: None,
        steps: vec![
            step(1, Span::new(0, 5), None),
            step(2, Span::new(8, 10), Some(verified)),
            step(3, Span::new(13, 15), Some(wrong)),
        ],
        final_form: None,
    });
    let page = page(&r);
    let body = body(&page);
    assert_eq!(body.matches("<li class=\"step ").count(), 3, "{body}");
    assert!(body.contains("data-step=\"2\" data-mark=\"✓\""), "{body}");
    assert!(body.contains("data-step=\"3\" data-mark=\"✗\""), "{body}");
    assert!(
        body.contains("<span class=\"tex display\">3a</span>"),
        "{body}"
    );
    assert!(
        body.contains("Witness: at a = 1: step 2 = 2, step 3 = 3"),
        "{body}"
    );
    assert!(body.contains("Hint: the step holds if 3 is 2"), "{body}");
    assert!(body.contains("algebra"), "{body}");
}

#[test]
fn explain_shows_the_normal_forms_typeset() {
    use crate::report::NormalForms;
    use crate::term::Term;
    let mut r = report("x.txt", "a\n= a\n");
    let mut second = step(
        2,
        Span::new(4, 5),
        Some(Verdict::Verified {
            families: FamilySet::EMPTY,
            facts: Vec::new(),
            n_points: 1,
            conditions: Vec::new(),
        }),
    );
    second.verdict.as_mut().unwrap().normal_forms = Some(NormalForms {
        previous: Term::int(2),
        this: Term::int(2),
    });
    r.chains.push(ChainReport {
        name: None,
        specialisation: None,
        steps: vec![step(1, Span::new(0, 1), None), second],
        final_form: None,
    });
    let page = page(&r);
    assert!(
        body(&page).contains("normal form of step 1: <span class=\"tex\">2</span>"),
        "{}",
        body(&page)
    );
}

#[test]
fn nothing_from_the_input_is_markup() {
    let text = "\\frac{1}{2} </span><script>alert(1)</script>\n";
    let mut r = report("<img src=x onerror=alert(1)>.txt", text);
    r.chains.push(ChainReport {
        name: Some("<i>KL</i>".into()),
        specialisation: None,
        steps: vec![step(1, Span::new(0, text.len()), None)],
        final_form: None,
    });
    r.skipped.push(Skipped {
        span: Span::new(0, text.len()),
        reason: "a \"reason\" with <tags>".into(),
        inline: false,
        suppressed: false,
    });
    let page = page(&r);
    let body = body(&page);
    for raw in [
        "<script>",
        "<img",
        "<i>",
        "<b>by",
        "<tags>",
        "</span><script",
    ] {
        assert!(!body.contains(raw), "{raw} reached the page: {body}");
    }
    assert!(body.contains("&lt;/span&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("<title>verify: &lt;img src=x onerror=alert(1)&gt;.txt</title>"));
}

#[test]
fn several_files_are_listed_with_links() {
    let mut html = Html::default();
    let options = Options::default();
    html.file(&report("a.md", ""), &options);
    html.file(&report("b.md", ""), &options);
    let page = html.end(&RunSummary::default());
    assert!(page.contains("<a href=\"#file-1\">a.md</a>"));
    assert!(page.contains("<section class=\"file nothing-checked\" id=\"file-2\">"));
}
