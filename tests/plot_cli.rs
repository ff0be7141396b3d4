//! `verify --plot` on the command line: the files it writes, the plots inline in the
//! HTML report, and a bad `--plot` refused with exit 2. This binary never starts the
//! engine itself (the `verify` it runs waits for the engine's lock).

mod common;

use common::{output_within, scratch, verify};

#[test]
fn plot_writes_an_svg_and_a_png_per_final_form() {
    let dir = scratch("plot-cli");
    let out = output_within(
        verify()
            .args(["--plot", "sigma_1=0.5..2", "--at", "mu_1=0", "--plot-dir"])
            .arg(&dir)
            .arg("derivations/gauss_kl.txt"),
        300,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    for name in ["chain1.svg", "chain1.png", "chain2.svg", "chain2.png"] {
        let path = dir.join(format!("gauss_kl-{name}"));
        assert!(path.is_file(), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("wrote {}", path.display())),
            "{stderr}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn plots_sit_inline_in_the_html_report() {
    let out = output_within(
        verify().args([
            "--format",
            "html",
            "--plot",
            "sigma_1=0.5..2",
            "tests/fixtures/notes/gauss_kl_blog.md",
        ]),
        300,
    );
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).unwrap();
    assert_eq!(page.matches("<figure class=\"plot\"><svg").count(), 2);
    assert!(
        page.contains("against σ₁, with μ₁ = 0, μ₂ = 0, σ₂ = 1"),
        "the caption says what is fixed"
    );
}

#[test]
fn a_bad_plot_is_an_error_before_anything_is_checked() {
    let out = output_within(
        verify().args(["--plot", "sigma_1=2..1", "derivations/gauss_kl.txt"]),
        60,
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--plot: the range 2..1 is empty"),
        "{stderr}"
    );
}
