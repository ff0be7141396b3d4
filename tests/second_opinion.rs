//! Every formula the report prints as a result has the numeric side's agreement: the
//! final form equals the chain's last step, the difference of a wrong step is `this −
//! previous`, a hint's edit makes the step hold. Checked here from the outside, on the
//! report as data, over every fixture and derivation, and on inputs where the engine
//! is known to have printed false formulas (a bound variable captured by a definition:
//! the chain's value is π/√3, the engine said π).

mod common;

use std::path::{Path, PathBuf};

use common::{check, render_plain, root};
use verify::numeric::{self, NumericEnv, NumericOutcome};
use verify::report::{FileReport, NoFinalForm, Verdict};
use verify::syntax::ast::{Document, Expr, ExprKind, Item};
use verify::syntax::{parse, parse_expr, resolve_keeping, AfterDocument};

/// The plain-text derivations the report's claims are checked against.
fn derivation_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [
        "derivations",
        "tests/fixtures/check/verified",
        "tests/fixtures/check/wrong",
        "tests/fixtures/check/undecided",
        "tests/fixtures/opinion",
    ] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "txt") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The resolved document, as the checker reads it, and what it declares (to read
/// printed formulas back in the same way).
fn document(path: &Path) -> (Document, std::cell::RefCell<AfterDocument>) {
    let text = std::fs::read_to_string(path).unwrap();
    let parsed = parse(&verify::source::SourceFile::new(path, text));
    assert!(parsed.errors.is_empty(), "{}", path.display());
    let (resolved, after) = resolve_keeping(&parsed.doc);
    (resolved.doc, std::cell::RefCell::new(after))
}

/// The expressions of each chain, as written (a chain's name first when it has one).
fn chains(doc: &Document) -> Vec<Vec<Expr>> {
    doc.items
        .iter()
        .filter_map(|item| match item {
            Item::Chain(c) => Some(c.steps.iter().map(|s| s.expr.clone()).collect()),
            _ => None,
        })
        .collect()
}

/// Whether the formula printed as `latex` equals `expr` numerically.
fn agrees(
    env: &NumericEnv,
    after: &std::cell::RefCell<AfterDocument>,
    expr: &Expr,
    latex: &str,
) -> bool {
    let Ok(claim) = parse_expr(latex) else {
        return false;
    };
    let Ok(claim) = after.borrow_mut().expr(&claim) else {
        return false;
    };
    // Agreeing wherever both sides are defined is what a verdict with a condition
    // ("where b − a ≠ 0") means too: the printed form holds under it.
    match numeric::compare(env, expr, &claim, None, 99) {
        NumericOutcome::Agree { .. } => true,
        NumericOutcome::DomainDiffers { n_points, .. } => n_points >= 4,
        _ => false,
    }
}

fn final_forms_hold(path: &Path, report: &FileReport) {
    let (doc, after) = document(path);
    let env = NumericEnv::new(&doc).unwrap();
    let written = chains(&doc);
    // Chains of the report and of the document line up, except for specialisations,
    // whose value is not their last line alone; those are left to the unit tests.
    for (chain, exprs) in report.chains.iter().zip(&written) {
        if chain.specialisation.is_some() {
            continue;
        }
        if let Some(Ok(form)) = &chain.final_form {
            let last = exprs.last().unwrap();
            let latex = verify::print::latex(&form.term);
            assert!(
                agrees(&env, &after, last, &latex),
                "{}: final form {latex} is not the chain's value\n{}",
                path.display(),
                render_plain(report)
            );
        }
    }
}

/// Every difference printed for a wrong step is `this − previous`.
fn differences_hold(path: &Path, report: &FileReport) {
    let (doc, after) = document(path);
    let env = NumericEnv::new(&doc).unwrap();
    let written = chains(&doc);
    for (chain, exprs) in report.chains.iter().zip(&written) {
        // The written chain starts with its name, when it has one; steps count from 1.
        let offset = usize::from(chain.name.is_some());
        for step in &chain.steps {
            let Some(v) = &step.verdict else { continue };
            let Verdict::Wrong {
                difference: Some(d),
                ..
            } = &v.verdict
            else {
                continue;
            };
            if v.against == 0 {
                continue;
            }
            let this = verify::print::latex(d);
            let previous = &exprs[v.against - 1 + offset];
            let this_expr = &exprs[step.number - 1 + offset];
            // The steps as the file reads them (a step's text alone may not parse:
            // `\sum_i` takes its range from elsewhere in the file); only the printed
            // difference is parsed.
            let written_difference = Expr::new(
                ExprKind::Sub(Box::new(this_expr.clone()), Box::new(previous.clone())),
                this_expr.span,
            );
            assert!(
                agrees(&env, &after, &written_difference, &this),
                "{}: difference {this} printed for step {}\n{}",
                path.display(),
                step.number,
                render_plain(report)
            );
        }
    }
}

#[test]
fn every_printed_final_form_and_difference_holds() {
    for path in derivation_files() {
        let report = check(&path);
        final_forms_hold(&path, &report);
        differences_hold(&path, &report);
    }
}

#[test]
fn a_captured_binder_does_not_print_a_false_final_form() {
    // The chain's value is π/√3 ≈ 1.8138; the engine, capturing `a`'s `t`, says π.
    let path = root().join("tests/fixtures/opinion/captured_binder_final_form.txt");
    let report = check(&path);
    final_forms_hold(&path, &report);
    if let Some(Err(why)) = &report.chains[0].final_form {
        assert!(matches!(why, NoFinalForm::Unconfirmed(_)), "{why}");
    }
}

#[test]
fn a_captured_binder_does_not_print_a_false_difference_or_hint() {
    // Step 1 is π/√3 and step 2 is 0: the difference is −π/√3, not −π, and restoring π
    // does not make the step hold.
    let path = root().join("tests/fixtures/opinion/captured_binder_wrong_step.txt");
    let report = check(&path);
    let (doc, after) = document(&path);
    let env = NumericEnv::new(&doc).unwrap();
    let steps = &chains(&doc)[0];
    let verdicts: Vec<&Verdict> = report.verdicts().collect();
    let [Verdict::Wrong {
        difference, hint, ..
    }] = verdicts[..]
    else {
        panic!("{}", render_plain(&report));
    };
    if let Some(d) = difference {
        let claim = format!("0 - ({})", verify::print::latex(d));
        assert!(
            agrees(&env, &after, &steps[0], &claim),
            "difference {} printed\n{}",
            verify::print::unicode(d),
            render_plain(&report)
        );
    }
    assert!(
        hint.as_deref().is_none_or(|h| !h.contains("π is restored")),
        "{}",
        render_plain(&report)
    );
}
