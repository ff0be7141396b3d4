//! `--plot 'sigma_1=0.5..2' [--at 'mu_1=0,sigma_2=1']`: each chain's final form drawn
//! against one parameter, the others fixed, as SVG and PNG (and inline in the HTML
//! report); for a wrong step, both of its sides, so a learner sees where they part.
//!
//! Every value comes from the numeric evaluator ([`crate::numeric`]), never from the
//! engine: the final form is printed as LaTeX (what the report shows), parsed back and
//! evaluated at each point, as `check::second_opinion` confirms it. A point where the
//! evaluator finds no value (a log of a negative number, a division by zero) is a gap
//! in the curve, never a zero.
//!
//! [`sample`] computes the curves of a file, [`draw`] draws them with `plotters`.

pub mod draw;
pub mod sample;

use std::collections::BTreeMap;

use crate::greek::GREEK;

/// Most points on a curve, so a plot is bounded whatever is asked.
pub const MAX_SAMPLES: usize = 400;

/// Points on a curve by default.
pub const SAMPLES: usize = 241;

/// What to plot: one parameter over a range, the others at fixed values.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The parameter's key, as the numeric side names it (`σ_1`).
    pub parameter: String,
    /// The range's ends.
    pub from: f64,
    /// The range's other end, larger than `from`.
    pub to: f64,
    /// Values of the other parameters, by key (`--at`).
    pub at: BTreeMap<String, f64>,
    /// Points per curve.
    pub samples: usize,
}

impl Request {
    /// Reads `--plot NAME=FROM..TO` and `--at NAME=VALUE,…`. A name is written as in
    /// LaTeX without the backslash (`sigma_1`, `mu`), with it (`\sigma_1`), or in
    /// Unicode (`σ_1`, `σ₁`).
    pub fn parse(plot: &str, at: Option<&str>) -> Result<Request, String> {
        let (name, range) = plot
            .split_once('=')
            .ok_or_else(|| format!("`{plot}` is not NAME=FROM..TO, e.g. sigma_1=0.5..2"))?;
        let (from, to) = range
            .split_once("..")
            .ok_or_else(|| format!("`{range}` is not a range FROM..TO, e.g. 0.5..2"))?;
        let from = number(from)?;
        let to = number(to)?;
        if from >= to {
            return Err(format!(
                "the range {range} is empty: its start must be below its end"
            ));
        }
        let mut values = BTreeMap::new();
        for pair in at
            .unwrap_or_default()
            .split(',')
            .filter(|p| !p.trim().is_empty())
        {
            let (n, v) = pair
                .split_once('=')
                .ok_or_else(|| format!("`{pair}` is not NAME=VALUE, e.g. mu_1=0"))?;
            values.insert(key(n)?, number(v)?);
        }
        let parameter = key(name)?;
        if values.contains_key(&parameter) {
            return Err(format!(
                "`{}` is both plotted and fixed by --at",
                name.trim()
            ));
        }
        Ok(Request {
            parameter,
            from,
            to,
            at: values,
            samples: SAMPLES,
        })
    }

    /// The `samples` points of the range, ends included.
    pub fn xs(&self) -> impl Iterator<Item = f64> + '_ {
        let n = self.samples.clamp(2, MAX_SAMPLES);
        (0..n).map(move |i| self.from + (self.to - self.from) * i as f64 / (n - 1) as f64)
    }
}

fn number(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(format!("`{}` is not a number", text.trim())),
    }
}

/// The numeric side's key of a name as typed: `sigma_1`, `\sigma_{1}`, `σ₁` → `σ_1`.
pub fn key(name: &str) -> Result<String, String> {
    let name = name.trim();
    let bare = name.strip_prefix('\\').unwrap_or(name);
    let (base, sub) = match bare.split_once('_') {
        Some((b, s)) => (b, Some(s.trim_start_matches('{').trim_end_matches('}'))),
        None => {
            // `σ₁`: Unicode subscript digits.
            let digits: String = bare
                .chars()
                .filter_map(|c| {
                    ('₀'..='₉')
                        .contains(&c)
                        .then(|| char::from_digit(c as u32 - '₀' as u32, 10))
                        .flatten()
                })
                .collect();
            let base_end = bare
                .char_indices()
                .find(|(_, c)| ('₀'..='₉').contains(c))
                .map_or(bare.len(), |(i, _)| i);
            let base = &bare[..base_end];
            match digits.is_empty() {
                true => (base, None),
                false => return key(&format!("{base}_{digits}")),
            }
        }
    };
    let base = GREEK
        .iter()
        .find(|(latex, _)| *latex == base)
        .map_or(base, |(_, letter)| letter);
    let valid = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric());
    if !valid(base) || !sub.is_none_or(valid) {
        return Err(format!(
            "`{name}` is not a parameter's name (e.g. sigma_1, mu, x)"
        ));
    }
    Ok(match sub {
        Some(s) => format!("{base}_{s}"),
        None => base.to_string(),
    })
}

/// A key shown to people: `σ_1` → `σ₁` when the subscript is digits.
pub fn shown(key: &str) -> String {
    match key.split_once('_') {
        Some((base, sub)) if sub.chars().all(|c| c.is_ascii_digit()) => {
            let sub: String = sub
                .chars()
                .filter_map(|c| char::from_u32('₀' as u32 + c.to_digit(10)?))
                .collect();
            format!("{base}{sub}")
        }
        _ => key.to_string(),
    }
}

/// A chain's name as written (`KL(\mu_1, \sigma_1)`) made readable for a title
/// (`KL(μ₁, σ₁)`): Greek letters as letters, digit subscripts as subscripts, other
/// commands without their backslash, braces dropped. For captions only; nothing is
/// read from it.
pub fn pretty(latex: &str) -> String {
    let mut out = String::new();
    let mut chars = latex.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let mut word = String::new();
                while let Some(&l) = chars.peek().filter(|l| l.is_ascii_alphabetic()) {
                    word.push(l);
                    chars.next();
                }
                const DROPPED: [&str; 10] = [
                    "mathrm",
                    "operatorname",
                    "text",
                    "mathbf",
                    "mathit",
                    "mathsf",
                    "mathcal",
                    "mathbb",
                    "left",
                    "right",
                ];
                match GREEK.iter().find(|(name, _)| *name == word) {
                    Some((_, letter)) => out.push_str(letter),
                    None if word.is_empty() || DROPPED.contains(&word.as_str()) => {}
                    None => out.push_str(&word),
                }
            }
            '_' => {
                let braced = chars.peek() == Some(&'{');
                let mut sub = String::new();
                let mut probe = chars.clone();
                if braced {
                    probe.next();
                }
                while let Some(&d) = probe.peek().filter(|d| d.is_ascii_digit()) {
                    sub.push(d);
                    probe.next();
                }
                let closed = !braced || probe.peek() == Some(&'}');
                if !sub.is_empty() && closed {
                    if braced {
                        probe.next();
                    }
                    chars = probe;
                    out.push_str(&shown(&format!("x_{sub}"))[1..]);
                } else {
                    out.push('_');
                }
            }
            '{' | '}' => {}
            c => out.push(c),
        }
    }
    out
}

/// One curve: a name for the legend and a value (or a gap) at each point.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// `final form`, `step 3`, ….
    pub label: String,
    /// `(x, y)`, `None` where the evaluator finds no value.
    pub points: Vec<(f64, Option<f64>)>,
}

/// One figure: the curves of a chain's final form, or of a wrong step's two sides.
#[derive(Debug, Clone, PartialEq)]
pub struct Plot {
    /// The caption's title: `final form of KL(p_1, p_2)`.
    pub title: String,
    /// The parameter, shown (`σ₁`).
    pub parameter: String,
    /// The other parameters and the values they were fixed at, shown.
    pub fixed: Vec<(String, f64)>,
    /// The curves; a legend is drawn when there are several.
    pub series: Vec<Series>,
    /// A short name for files: `chain1`, `chain1-step4`.
    pub slug: String,
}

impl Plot {
    /// `μ₁ = 0, σ₂ = 1`, or nothing.
    pub fn fixed_text(&self) -> String {
        crate::print::assignments(self.fixed.iter().map(|(n, v)| (n.as_str(), *v)))
    }
}

/// A run's plots: what to plot, and the folder the files go to (`None`: only in the
/// HTML page).
pub struct Plotting {
    /// `--plot` and `--at`.
    pub request: Request,
    /// `--plot-dir`, or the current folder unless the report is the HTML page.
    pub dir: Option<std::path::PathBuf>,
}

impl Plotting {
    /// From `--plot`, `--at` and `--plot-dir`; `html`: the report is the HTML page,
    /// where the plots go inline (and files only with `--plot-dir`).
    pub fn new(
        plot: &str,
        at: Option<&str>,
        dir: Option<&std::path::Path>,
        html: bool,
    ) -> Result<Plotting, String> {
        Ok(Plotting {
            request: Request::parse(plot, at)?,
            dir: match (dir, html) {
                (Some(dir), _) => Some(dir.to_path_buf()),
                (None, true) => None,
                (None, false) => Some(".".into()),
            },
        })
    }

    /// The HTML report with each chain's figures after its final form.
    pub fn html_renderer(&self) -> Box<dyn crate::report::render::RunRenderer> {
        let request = self.request.clone();
        Box::new(crate::report::html::Html::with_extra(Box::new(
            move |report| figures(report, &request),
        )))
    }

    /// Writes the files of `report`'s figures, if files are wanted; the lines to say.
    pub fn files(&self, report: &crate::report::FileReport) -> Vec<String> {
        match &self.dir {
            Some(dir) => write_files(report, &self.request, dir),
            None => Vec::new(),
        }
    }
}

/// The figures of each chain of `report` as HTML (inline SVG with a caption, and why a
/// plot asked for is missing), one piece per chain, for the HTML report.
pub fn figures(report: &crate::report::FileReport, request: &Request) -> Vec<String> {
    use crate::report::escape::html;
    sample::file(report, request)
        .into_iter()
        .map(|chain| {
            let mut out = String::new();
            for plot in &chain.plots {
                match draw::svg(plot) {
                    Ok(svg) => {
                        // The SVG's own text is escaped by plotters; its XML prologue,
                        // if any, has no place inside HTML.
                        let svg = svg.find("<svg").map_or("", |i| &svg[i..]);
                        out.push_str(&format!(
                            "<figure class=\"plot\">{svg}<figcaption>{}</figcaption></figure>\n",
                            html(&caption(plot))
                        ));
                    }
                    Err(why) => out.push_str(&format!(
                        "<p class=\"note\">{} not drawn: {}</p>\n",
                        html(&plot.title),
                        html(&why)
                    )),
                }
            }
            for note in &chain.notes {
                out.push_str(&format!("<p class=\"note\">{}</p>\n", html(note)));
            }
            out
        })
        .collect()
}

/// What a figure shows, in words.
pub fn caption(plot: &Plot) -> String {
    let fixed = plot.fixed_text();
    let against = match fixed.is_empty() {
        true => format!("against {}", plot.parameter),
        false => format!("against {}, with {fixed}", plot.parameter),
    };
    format!(
        "{} {against}; values from the numeric evaluator, gaps where there is none",
        plot.title
    )
}

/// Writes each figure of `report` into `dir` as `STEM-SLUG.svg` and `.png`; returns
/// a line for stderr per file written and per figure that could not be.
pub fn write_files(
    report: &crate::report::FileReport,
    request: &Request,
    dir: &std::path::Path,
) -> Vec<String> {
    let stem = report
        .file
        .path
        .file_stem()
        .map_or("stdin".into(), |s| s.to_string_lossy().into_owned());
    let mut lines = Vec::new();
    if let Err(e) = std::fs::create_dir_all(dir) {
        return vec![format!("cannot write plots to {}: {e}", dir.display())];
    }
    for chain in sample::file(report, request) {
        for plot in &chain.plots {
            let base = dir.join(format!("{stem}-{}", plot.slug));
            let svg = base.with_extension("svg");
            let written = draw::svg(plot)
                .and_then(|text| std::fs::write(&svg, text).map_err(|e| e.to_string()));
            lines.push(match written {
                Ok(()) => format!("wrote {}", svg.display()),
                Err(e) => format!("cannot write {}: {e}", svg.display()),
            });
            let png = base.with_extension("png");
            lines.push(match draw::png(plot, &png) {
                Ok(()) => format!("wrote {}", png.display()),
                Err(e) => format!("cannot write {}: {e}", png.display()),
            });
        }
        lines.extend(
            chain
                .notes
                .iter()
                .map(|n| format!("{}: {n}", report.file.path.display())),
        );
    }
    lines
        .into_iter()
        .map(|l| crate::report::escape::human(&l).into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_as_typed() {
        for typed in ["sigma_1", "\\sigma_1", "\\sigma_{1}", "σ_1", "σ₁"] {
            assert_eq!(key(typed).unwrap(), "σ_1", "{typed}");
        }
        assert_eq!(key("mu").unwrap(), "μ");
        assert_eq!(key("x").unwrap(), "x");
        assert!(key("a+b").is_err());
        assert_eq!(shown("σ_1"), "σ₁");
        assert_eq!(pretty(r"KL(\mu_1, \sigma_{12})"), "KL(μ₁, σ₁₂)");
        assert_eq!(pretty(r"\mathrm{Var}(x_i)"), "Var(x_i)");
    }

    #[test]
    fn a_request_reads_its_range_and_fixed_values() {
        let r = Request::parse("sigma_1=0.5..2", Some("mu_1=0, sigma_2=1")).unwrap();
        assert_eq!(r.parameter, "σ_1");
        assert_eq!((r.from, r.to), (0.5, 2.0));
        assert_eq!(r.at.get("μ_1"), Some(&0.0));
        assert_eq!(r.at.get("σ_2"), Some(&1.0));
        let xs: Vec<f64> = r.xs().collect();
        assert_eq!(xs.len(), SAMPLES);
        assert_eq!((xs[0], xs[SAMPLES - 1]), (0.5, 2.0));
        for bad in ["sigma_1", "sigma_1=2..1", "sigma_1=a..2", "sigma_1=0..inf"] {
            assert!(Request::parse(bad, None).is_err(), "{bad}");
        }
        assert!(Request::parse("x=0..1", Some("x=2")).is_err());
    }
}
