//! A [`Plot`] drawn by `plotters`: SVG (text left to the viewer's fonts) and PNG (text
//! drawn from Liberation Sans, vendored (OFL), through `ab_glyph`: pure Rust, no system
//! fontconfig). A gap in a curve (no value there) breaks the line; it is never drawn
//! through zero.

use std::path::Path;
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Plot, Series};

/// The plot's size in pixels.
pub const SIZE: (u32, u32) = (720, 420);

/// Liberation Sans (SIL OFL 1.1, `vendor/fonts/`), for the PNG's text.
const FONT: &[u8] = include_bytes!("../../vendor/fonts/LiberationSans-Regular.ttf");

/// The curves' colours: blue, then red for a wrong step's second side.
const COLOURS: [RGBColor; 3] = [
    RGBColor(0x1a, 0x5f, 0xb4),
    RGBColor(0xc0, 0x1c, 0x28),
    RGBColor(0x26, 0xa2, 0x69),
];

/// Registers the font under the family names `plotters` asks for, once.
fn fonts() -> Result<(), String> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            for family in ["sans-serif", "serif"] {
                plotters::style::register_font(family, FontStyle::Normal, FONT)
                    .map_err(|_| "the plot font could not be read".to_string())?;
            }
            Ok(())
        })
        .clone()
}

/// The plot as an SVG document.
pub fn svg(plot: &Plot) -> Result<String, String> {
    fonts()?;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
        draw(&root, plot)?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// The plot written as a PNG file at `path`.
pub fn png(plot: &Plot, path: &Path) -> Result<(), String> {
    fonts()?;
    let root = BitMapBackend::new(path, SIZE).into_drawing_area();
    draw(&root, plot)?;
    root.present().map_err(|e| e.to_string())
}

/// The lowest and highest values of the curves, widened a little (and made a range
/// when the curves are flat).
fn y_range(series: &[Series]) -> Option<(f64, f64)> {
    let ys = series
        .iter()
        .flat_map(|s| s.points.iter().filter_map(|(_, y)| *y));
    let (lo, hi) = ys.fold(None, |acc: Option<(f64, f64)>, y| match acc {
        None => Some((y, y)),
        Some((lo, hi)) => Some((lo.min(y), hi.max(y))),
    })?;
    let pad = match hi - lo {
        d if d > 1e-12 * hi.abs().max(1.0) => d * 0.06,
        _ => hi.abs().max(1.0) * 0.1,
    };
    Some((lo - pad, hi + pad))
}

/// The runs of defined points of a curve: a gap starts a new run.
pub fn runs(series: &Series) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut run = Vec::new();
    for (x, y) in &series.points {
        match y {
            Some(y) => run.push((*x, *y)),
            None if !run.is_empty() => out.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, plot: &Plot) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    let (lo, hi) = y_range(&plot.series).ok_or("no curve has a value")?;
    let (from, to) = plot
        .series
        .first()
        .and_then(|s| Some((s.points.first()?.0, s.points.last()?.0)))
        .ok_or("no points")?;
    let fixed = plot.fixed_text();
    let caption = match fixed.is_empty() {
        true => plot.title.clone(),
        false => format!("{} ({fixed})", plot.title),
    };
    let mut chart = ChartBuilder::on(root)
        .caption(caption, ("sans-serif", 18))
        .margin(14)
        .x_label_area_size(42)
        .y_label_area_size(64)
        .build_cartesian_2d(from..to, lo..hi)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc(plot.parameter.as_str())
        .label_style(("sans-serif", 14))
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .draw()
        .map_err(err)?;
    for (i, series) in plot.series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        for (k, run) in runs(series).into_iter().enumerate() {
            let drawn = chart
                .draw_series(LineSeries::new(run, colour.stroke_width(2)))
                .map_err(err)?;
            if k == 0 {
                drawn.label(series.label.as_str()).legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(2))
                });
            }
        }
    }
    if plot.series.len() < 2 {
        return Ok(());
    }
    chart
        .configure_series_labels()
        .label_font(("sans-serif", 14))
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(0xcc, 0xcc, 0xcc))
        .position(SeriesLabelPosition::UpperMiddle)
        .draw()
        .map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_breaks_the_line() {
        let s = Series {
            label: "f".into(),
            points: vec![
                (0.0, Some(1.0)),
                (1.0, None),
                (2.0, Some(2.0)),
                (3.0, Some(3.0)),
            ],
        };
        assert_eq!(
            runs(&s),
            vec![vec![(0.0, 1.0)], vec![(2.0, 2.0), (3.0, 3.0)]]
        );
    }

    #[test]
    fn the_font_has_the_glyphs_of_a_caption() {
        use ab_glyph::{Font, FontRef};
        let font = FontRef::try_from_slice(FONT).unwrap();
        for c in "final form of KL(p_1, p_2) step 4 0.5 −1 = , μσ₁₂".chars() {
            if c != ' ' {
                assert_ne!(font.glyph_id(c).0, 0, "no glyph for {c:?}");
            }
        }
    }
}
