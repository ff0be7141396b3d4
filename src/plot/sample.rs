//! The curves of a checked file, from the numeric evaluator alone: each chain's final
//! form (printed as LaTeX, parsed back, resolved after the document), and for each
//! wrong step the previous step and this one as the author wrote them.

use std::collections::BTreeMap;

use super::{shown, Plot, Request, Series};
use crate::numeric::{self, NumericEnv, Point};
use crate::print;
use crate::report::{escape, FileReport, StepReport, Verdict};
use crate::syntax::ast::Expr;
use crate::syntax::{parse_expr, AfterDocument};

/// The plots of one chain, and why a plot that was asked for is not there.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChainPlots {
    /// The figures: the final form's first, then one per wrong step.
    pub plots: Vec<Plot>,
    /// Why a figure is missing (`the final form does not depend on σ₁`).
    pub notes: Vec<String>,
}

/// The plots of every chain of `report`, in order; empty when the file could not be
/// checked.
pub fn file(report: &FileReport, request: &Request) -> Vec<ChainPlots> {
    if report.has_errors() || report.chains.is_empty() {
        return Vec::new();
    }
    let mut numeric = match Numeric::of(report) {
        Ok(n) => n,
        Err(why) => {
            let note = ChainPlots {
                plots: Vec::new(),
                notes: vec![format!("no plot: {why}")],
            };
            return vec![note; report.chains.len()];
        }
    };
    let parameter = shown(&request.parameter);
    report
        .chains
        .iter()
        .enumerate()
        .map(|(i, chain)| {
            let mut out = ChainPlots::default();
            let name = match &chain.name {
                Some(name) => escape::human(&super::pretty(name)).into_owned(),
                None => format!(
                    "the chain at {}",
                    chain
                        .steps
                        .first()
                        .map_or(String::new(), |s| numeric.place(s))
                ),
            };
            match &chain.final_form {
                Some(Ok(f)) => {
                    let curve =
                        numeric.curves(&[("final form".into(), print::latex(&f.term))], request);
                    match curve {
                        Ok((series, fixed)) => out.plots.push(Plot {
                            title: format!("final form of {name}"),
                            parameter: parameter.clone(),
                            fixed,
                            series,
                            slug: format!("chain{}", i + 1),
                        }),
                        Err(why) => out.notes.push(format!("final form not plotted: {why}")),
                    }
                }
                Some(Err(_)) => out
                    .notes
                    .push("no final form to plot (it is not shown)".into()),
                None => {}
            }
            for step in &chain.steps {
                let Some(v) = &step.verdict else { continue };
                if !matches!(v.verdict, Verdict::Wrong { .. }) {
                    continue;
                }
                let Some(previous) = chain.steps.iter().find(|s| s.number == v.against) else {
                    continue;
                };
                let sides = [
                    (format!("step {}", v.against), numeric.text(previous)),
                    (format!("step {}", step.number), numeric.text(step)),
                ];
                match numeric.curves(&sides, request) {
                    Ok((series, fixed)) => out.plots.push(Plot {
                        title: format!("step {} against step {} of {name}", step.number, v.against),
                        parameter: parameter.clone(),
                        fixed,
                        series,
                        slug: format!("chain{}-step{}", i + 1, step.number),
                    }),
                    Err(why) => out
                        .notes
                        .push(format!("step {} not plotted: {why}", step.number)),
                }
            }
            out
        })
        .collect()
}

/// The numeric side of one file.
struct Numeric<'a> {
    report: &'a FileReport,
    env: NumericEnv,
    after: AfterDocument,
    index: crate::source::LineIndex,
}

impl<'a> Numeric<'a> {
    fn of(report: &'a FileReport) -> Result<Numeric<'a>, String> {
        let (doc, after) = crate::check::numeric_reading(&report.file, report.shared.as_deref())?;
        Ok(Numeric {
            report,
            env: NumericEnv::new(&doc)?,
            after,
            index: crate::source::LineIndex::new(&report.file.text),
        })
    }

    fn place(&self, step: &StepReport) -> String {
        let p = self.report.file.position(&self.index, step.span.start);
        format!("line {}", p.line)
    }

    /// The step's text as written.
    fn text(&self, step: &StepReport) -> String {
        self.report
            .file
            .text
            .get(step.span.range())
            .unwrap_or_default()
            .to_string()
    }

    /// `latex` read as a formula written after the document.
    fn read(&mut self, latex: &str) -> Result<Expr, String> {
        let parsed = parse_expr(latex)
            .map_err(|e| format!("its LaTeX is not read back: {}", e.message()))?;
        self.after.expr(&parsed).map_err(|errors| {
            let why = errors.first().map(|e| e.message()).unwrap_or_default();
            format!("its LaTeX does not resolve: {why}")
        })
    }

    /// The curves of `formulas` (label, LaTeX) over the request's range, with the
    /// values the other parameters were fixed at. A parameter `--at` does not give is
    /// fixed at 1 when it is assumed positive, else at 0, and shown in the caption.
    #[allow(clippy::type_complexity)]
    fn curves(
        &mut self,
        formulas: &[(String, String)],
        request: &Request,
    ) -> Result<(Vec<Series>, Vec<(String, f64)>), String> {
        let exprs = formulas
            .iter()
            .map(|(_, latex)| self.read(latex))
            .collect::<Result<Vec<_>, _>>()?;
        let mut free = std::collections::BTreeSet::new();
        for e in &exprs {
            free.extend(numeric::free_symbols(&self.env, e));
        }
        if !free.contains(&request.parameter) {
            return Err(format!(
                "it does not depend on {}",
                shown(&request.parameter)
            ));
        }
        let positive = self.env.positive_symbols();
        let mut point: BTreeMap<String, f64> = BTreeMap::new();
        let mut fixed = Vec::new();
        for s in free.iter().filter(|s| **s != request.parameter) {
            let value = request
                .at
                .get(s)
                .copied()
                .unwrap_or(match positive.contains(s) {
                    true => 1.0,
                    false => 0.0,
                });
            point.insert(s.clone(), value);
            fixed.push((shown(s), value));
        }
        let series = formulas
            .iter()
            .zip(&exprs)
            .map(|((label, _), expr)| Series {
                label: label.clone(),
                points: request
                    .xs()
                    .map(|x| {
                        let mut at = point.clone();
                        at.insert(request.parameter.clone(), x);
                        let y = numeric::eval(&self.env, expr, &Point(at))
                            .ok()
                            .filter(|y| y.is_finite());
                        (x, y)
                    })
                    .collect(),
            })
            .collect::<Vec<_>>();
        if series
            .iter()
            .all(|s| s.points.iter().all(|(_, y)| y.is_none()))
        {
            return Err(format!(
                "it has no value anywhere on {}..{}",
                request.from, request.to
            ));
        }
        Ok((series, fixed))
    }
}
