//! One chain of the HTML report: its heading, each step typeset with its mark (✓ ✗ ?),
//! the rule and facts that proved it or the witness, difference and hint that refute
//! it, and the chain's final form typeset.
//!
//! A formula is written as its LaTeX source inside `<span class="tex">`, escaped; the
//! page's script has KaTeX typeset each one in place, so a reader without scripts
//! still sees the source. The step's source is the author's text (its span), the
//! final form and the difference are `verify`'s (printed by [`print::latex`]).

use std::fmt::Write as _;

use super::Place;
use crate::print;
use crate::report::escape::html;
use crate::report::{witness, ChainReport, NoFinalForm, StepReport, Verdict};

/// A formula for KaTeX to typeset: `display` on a line of its own, else inline.
pub fn tex(source: &str, display: bool) -> String {
    let class = if display { "tex display" } else { "tex" };
    format!("<span class=\"{class}\">{}</span>", html(source.trim()))
}

/// The chain's section: heading, steps, final form.
pub fn chain(out: &mut String, place: &Place, chain: &ChainReport, extra: &str) {
    let first = chain
        .steps
        .first()
        .map(|s| s.span.start)
        .unwrap_or_default();
    out.push_str("<section class=\"chain\">\n<h3>");
    match (&chain.specialisation, &chain.name) {
        (Some(s), _) => {
            let _ = write!(
                out,
                "Specialise {} with {} <span class=\"where\">({})</span>",
                html(&s.target),
                html(&s.bindings.join(", ")),
                place.at(s.span.start)
            );
        }
        (None, Some(name)) => {
            let _ = write!(
                out,
                "{} <span class=\"where\">({})</span>",
                tex(name, false),
                place.at(first)
            );
        }
        (None, None) => {
            let _ = write!(out, "Chain at {}", place.at(first));
        }
    }
    out.push_str("</h3>\n<ol class=\"steps\">\n");
    for s in &chain.steps {
        step(out, place, s, chain.name.is_some());
    }
    out.push_str("</ol>\n");
    final_form(out, chain);
    out.push_str(extra);
    out.push_str("</section>\n");
}

/// What a step's mark means, for its class, its tooltip and a screen reader.
fn mark(verdict: Option<&Verdict>) -> (&'static str, &'static str, &'static str) {
    // The start of a chain has no verdict and so no mark.
    match verdict {
        None => ("start", "", "the chain starts here"),
        Some(Verdict::Verified { .. }) => ("verified", "✓", "verified"),
        Some(Verdict::Wrong { .. }) => ("wrong", "✗", "wrong"),
        Some(Verdict::Undecided { .. }) => ("undecided", "?", "undecided"),
        Some(Verdict::Inconsistent { .. }) => ("inconsistent", "!", "inconsistent"),
    }
}

/// One step; `named`: the chain's heading names its value, so its first expression
/// reads `= …` after it.
fn step(out: &mut String, place: &Place, step: &StepReport, named: bool) {
    let verdict = step.verdict.as_ref().map(|v| &v.verdict);
    let (class, symbol, mut word) = mark(verdict);
    let points;
    if let Some(Verdict::Verified { n_points, .. }) = verdict {
        if *n_points > 0 {
            points = format!("verified; the numbers agree at {n_points} points");
            word = &points;
        }
    }
    let number = step.number;
    let source = place.text(step.span);
    let relation = if step.verdict.is_some() || named {
        "="
    } else {
        ""
    };
    let _ = write!(
        out,
        "<li class=\"step {class}\" id=\"{}-step-{}-{number}\" data-step=\"{number}\" data-mark=\"{symbol}\">\
<span class=\"mark\" title=\"{word}\" aria-label=\"{word}\">{symbol}</span>\
<span class=\"number\">{number}</span>\
<span class=\"relation\">{relation}</span>\
<div class=\"formula\">{}</div>\
<div class=\"why\">",
        place.id,
        step.span.start,
        tex(source, true)
    );
    let _ = write!(
        out,
        "<span class=\"where\">{}</span>",
        place.at(step.span.start)
    );
    if let Some(v) = &step.verdict {
        let against = v.against;
        match &v.verdict {
            Verdict::Verified {
                families,
                facts,
                conditions,
                ..
            } => {
                let _ = write!(
                    out,
                    " <span class=\"rule\">{}</span>",
                    html(&families.to_string())
                );
                if against + 1 != number {
                    let _ = write!(
                        out,
                        "<p class=\"detour\">Step {} is wrong; this step follows from step {against}.</p>",
                        number - 1
                    );
                }
                if !conditions.is_empty() {
                    let _ = write!(
                        out,
                        "<p class=\"conditions\">holds where {}</p>",
                        html(&crate::report::conditions_text(conditions))
                    );
                }
                for fact in facts {
                    let _ = write!(out, "<p class=\"fact\">uses {}</p>", html(&fact.statement));
                }
            }
            Verdict::Wrong {
                point,
                lhs,
                rhs,
                difference,
                hint,
                ..
            } => {
                let _ = write!(
                    out,
                    " <span class=\"rule\">does not follow from step {against}</span>\
<p class=\"witness\">Witness: {}</p>",
                    html(&witness(point, *lhs, *rhs, against, number))
                );
                if let Some(d) = difference {
                    let _ = write!(
                        out,
                        "<p class=\"difference\">Difference: step {number} − step {against} = {}</p>",
                        tex(&print::latex(d), false)
                    );
                }
                if let Some(hint) = hint {
                    let _ = write!(out, "<p class=\"hint\">Hint: {}</p>", html(hint));
                }
            }
            Verdict::Undecided { reason, .. } => {
                let _ = write!(
                    out,
                    " <span class=\"rule\">could not be decided</span><p class=\"reason\">{}</p>",
                    html(reason)
                );
            }
            Verdict::Inconsistent { detail } => {
                let _ = write!(
                    out,
                    " <span class=\"rule\">the engine and the numeric cross-check disagree</span>\
<p class=\"reason\">{}</p><p class=\"hint\">This is a bug in verify; please report it with this file.</p>",
                    html(detail)
                );
            }
        }
        // `--explain`: the normal forms the engine compared (each confirmed by the
        // numbers, or left out, by `check`).
        if let Some(forms) = &v.normal_forms {
            let _ = write!(
                out,
                "<p class=\"normal-form\">normal form of step {}: {}</p>\
<p class=\"normal-form\">normal form of this step: {}</p>",
                v.against,
                tex(&print::latex(&forms.previous), false),
                tex(&print::latex(&forms.this), false)
            );
        }
    }
    for a in &step.annotations {
        let _ = write!(out, "<p class=\"author\">author: “{}”</p>", html(a));
    }
    out.push_str("</div></li>\n");
}

fn final_form(out: &mut String, chain: &ChainReport) {
    match &chain.final_form {
        Some(Ok(f)) => {
            let _ = writeln!(
                out,
                "<div class=\"final\"><span class=\"label\">Final form</span>{}</div>",
                tex(&print::latex(&f.term), true)
            );
        }
        Some(Err(NoFinalForm::Blocked(blocker))) => {
            let _ = writeln!(
                out,
                "<p class=\"final none\">Final form: not simplified ({})</p>",
                html(&blocker.to_string())
            );
        }
        Some(Err(NoFinalForm::Unconfirmed(why))) => {
            let _ = writeln!(
                out,
                "<p class=\"final none\">Final form: not shown ({})</p>",
                html(why)
            );
        }
        None => {}
    }
}
