//! `--plot`: the seed's figure, generated from `derivations/gauss_kl.txt` and read
//! back from the SVG: the curve of each chain's final form (μ₁ = 0, and μ₂ = 0, σ₂ = 1
//! by default) is `-log σ₁ + σ₁²/2 - 1/2` up to the axes' scaling, and lowest at σ₁ = 1.
//! And a wrong step's two sides, with a gap where the numbers have no value. (The
//! command line's `--plot` is `tests/plot_cli.rs`: a binary that starts the engine
//! itself cannot wait for `verify`, which waits for its lock.)

mod common;

use std::path::Path;

use common::{check, root, scratch};
use verify::plot::{draw, sample, Request};

/// The points of every `<polyline>` of `colour` in `svg`, in pixels.
pub fn polylines(svg: &str, colour: &str) -> Vec<Vec<(f64, f64)>> {
    svg.split("<polyline")
        .skip(1)
        .filter(|p| p[..p.find("/>").unwrap()].contains(&format!("stroke=\"{colour}\"")))
        .map(|p| {
            let points = p.split("points=\"").nth(1).unwrap();
            let points = &points[..points.find('"').unwrap()];
            points
                .split_whitespace()
                .map(|xy| {
                    let (x, y) = xy.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect()
        })
        .collect()
}

fn kl(s: f64) -> f64 {
    -s.ln() + s * s / 2.0 - 0.5
}

/// The curve in `svg` against `kl` over σ₁ ∈ [0.5, 2]: pixels map to values by one
/// affine map each way, fixed by the ends; every sampled σ₁ lies on it, and the lowest
/// point is at σ₁ = 1.
fn assert_is_the_seed_curve(svg: &str) {
    let lines = polylines(svg, "#1A5FB4");
    assert_eq!(lines.len(), 1, "one unbroken curve: {lines:?}");
    let line = &lines[0];
    assert!(line.len() > 100, "{} points", line.len());
    let (x0, y0) = line[0];
    let (x1, y1) = line[line.len() - 1];
    let sigma = |px: f64| 0.5 + (px - x0) / (x1 - x0) * 1.5;
    // y in pixels = a + b·kl(σ); b < 0 (SVG's y grows downwards).
    let b = (y1 - y0) / (kl(2.0) - kl(0.5));
    let a = y0 - b * kl(0.5);
    assert!(b < 0.0);
    for s in [0.6, 0.75, 1.0, 1.25, 1.5, 1.8] {
        let (px, py) = *line
            .iter()
            .min_by(|p, q| (sigma(p.0) - s).abs().total_cmp(&(sigma(q.0) - s).abs()))
            .unwrap();
        let expected = a + b * kl(sigma(px));
        assert!(
            (py - expected).abs() <= 1.5,
            "at σ₁ = {s}: the curve is at y = {py} px, the formula at {expected} px"
        );
    }
    let lowest = line.iter().map(|p| p.1).fold(f64::MIN, f64::max);
    let at: Vec<f64> = line
        .iter()
        .filter(|p| p.1 == lowest)
        .map(|p| sigma(p.0))
        .collect();
    let minimum = at.iter().sum::<f64>() / at.len() as f64;
    assert!(
        (minimum - 1.0).abs() < 0.05,
        "the minimum is at σ₁ = {minimum}"
    );
}

#[test]
fn the_seed_plot_is_the_kl_divergence_with_its_minimum_at_one() {
    let dir = scratch("plot-seed");
    let report = check(&root().join("derivations/gauss_kl.txt"));
    let request = Request::parse("sigma_1=0.5..2", Some("mu_1=0")).unwrap();
    let written = verify::plot::write_files(&report, &request, &dir);
    let stderr = written.join("\n");
    assert_eq!(written.len(), 4, "{stderr}");
    // The general chain (μ₂ = 0 and σ₂ = 1 by default: σ₂ is assumed positive) and the
    // specialised one draw the same curve.
    for chain in ["chain1", "chain2"] {
        let svg = std::fs::read_to_string(dir.join(format!("gauss_kl-{chain}.svg")))
            .unwrap_or_else(|e| panic!("{chain}: {e}; {stderr}"));
        assert_is_the_seed_curve(&svg);
        let png = std::fs::read(dir.join(format!("gauss_kl-{chain}.png"))).unwrap();
        assert!(png.starts_with(b"\x89PNG"), "{chain}.png is a PNG");
    }
    let chain1 = std::fs::read_to_string(dir.join("gauss_kl-chain1.svg")).unwrap();
    assert!(
        chain1.contains("μ₁ = 0, μ₂ = 0, σ₂ = 1"),
        "the fixed values are said"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_wrong_step_is_drawn_with_both_sides_and_gaps_where_there_is_no_value() {
    let report = check(&root().join("tests/fixtures/plot/log_gap.txt"));
    let request = Request::parse("a=-1..1", None).unwrap();
    let chains = sample::file(&report, &request);
    assert_eq!(chains.len(), 1);
    let plots = &chains[0].plots;
    assert_eq!(
        plots.len(),
        2,
        "the final form and the wrong step: {chains:?}"
    );
    let step = &plots[1];
    assert_eq!(step.slug, "chain1-step3");
    let labels: Vec<&str> = step.series.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["step 2", "step 3"]);
    for series in &step.series {
        for (a, y) in &series.points {
            // log a has no value for a ≤ 0: a gap, never a zero.
            assert_eq!(y.is_some(), *a > 0.0, "at a = {a}: {y:?}");
        }
    }
    // The two sides are one apart wherever they are drawn.
    let (two, three) = (&step.series[0].points, &step.series[1].points);
    for ((_, p), (_, q)) in two.iter().zip(three) {
        if let (Some(p), Some(q)) = (p, q) {
            assert!((q - p - 1.0).abs() < 1e-9);
        }
    }
    // In the SVG each side is one line over a > 0 only: the gap is not drawn (the
    // legend's two-point sample lines aside).
    let svg = draw::svg(step).unwrap();
    for colour in ["#1A5FB4", "#C01C28"] {
        let curves = polylines(&svg, colour)
            .into_iter()
            .filter(|l| l.len() > 2)
            .count();
        assert_eq!(curves, 1, "{colour}");
    }
    let png = scratch("plot-wrong").join("step.png");
    draw::png(step, &png).unwrap();
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let _ = std::fs::remove_dir_all(png.parent().unwrap_or(Path::new(".")));
}
