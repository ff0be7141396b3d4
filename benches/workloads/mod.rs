//! The benchmark workloads, generated rather than committed: the seed, the seed with
//! a wrong step, N steps of renamed copies of the seed's KL chain (each copy with
//! declarations of its own, as a long file of notes has), a long chain of small
//! algebra steps, and folders of Markdown notes. `pipeline.rs` times them in process;
//! `process.rs` runs the release binary on them for CPU time and peak memory, and
//! writes them out for `compare.sh`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use verify::source::SourceFile;

/// The seed derivation, as committed.
pub fn seed() -> String {
    read("derivations/gauss_kl.txt")
}

/// The seed with step 8 wrong (`- 1` for `- \frac{1}{2}`): a wrong step, its
/// witness, difference and hint, and the retry of step 9 from step 7.
pub fn seed_wrong() -> String {
    read("tests/fixtures/check/wrong/step8_minus_one.txt")
}

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// The seed's KL chain, expression by expression, with `@1` and `@2` for the
/// subscripts of the two densities.
const KL_CHAIN: [&str; 12] = [
    r"\int p_@1(x) \log \frac{p_@1(x)}{p_@2(x)} dx",
    r"\int p_@1(x) (\log p_@1(x) - \log p_@2(x)) dx",
    r"\int p_@1(x) * \left( \log \frac{1}{\sqrt{2\pi}\sigma_@1} e^{-\frac{(x-\mu_@1)^2}{2\sigma_@1^2}} - \log \frac{1}{\sqrt{2\pi}\sigma_@2} e^{-\frac{(x-\mu_@2)^2}{2\sigma_@2^2}} \right) dx",
    r"\int p_@1(x) * \left( -\frac{1}{2} \log 2\pi - \log \sigma_@1 - \frac{(x-\mu_@1)^2}{2\sigma_@1^2} + \frac{1}{2} \log 2\pi + \log \sigma_@2 + \frac{(x-\mu_@2)^2}{2\sigma_@2^2} \right) dx",
    r"\int p_@1(x) \left( \log \frac{\sigma_@2}{\sigma_@1} + \left[ \frac{(x-\mu_@2)^2}{2\sigma_@2^2} - \frac{(x-\mu_@1)^2}{2\sigma_@1^2} \right] \right) dx",
    r"\int \left( \log \frac{\sigma_@2}{\sigma_@1} \right) p_@1(x) dx + \int \left( \frac{(x-\mu_@2)^2}{2\sigma_@2^2} \right) p_@1(x) dx - \int \left( \frac{(x-\mu_@1)^2}{2\sigma_@1^2} \right) p_@1(x) dx",
    r"\log \frac{\sigma_@2}{\sigma_@1} + \frac{1}{2\sigma_@2^2} \int ((x-\mu_@2)^2) p_@1(x) dx - \frac{1}{2\sigma_@1^2} \int ((x-\mu_@1)^2) p_@1(x) dx",
    r"\log \frac{\sigma_@2}{\sigma_@1} + \frac{1}{2\sigma_@2^2} \int ((x-\mu_@2)^2) p_@1(x) dx - \frac{1}{2}",
    r"\log \frac{\sigma_@2}{\sigma_@1} + \frac{1}{2\sigma_@2^2} \int ((x-\mu_@1 + \mu_@1 - \mu_@2)^2) p_@1(x) dx - \frac{1}{2}",
    r"\log \frac{\sigma_@2}{\sigma_@1} + \frac{1}{2\sigma_@2^2} \left[ \int (x-\mu_@1)^2 p_@1(x) dx + \int (\mu_@1 - \mu_@2)^2 p_@1(x) dx + 2 \int (x-\mu_@1)(\mu_@1 - \mu_@2) p_@1(x) dx \right] - \frac{1}{2}",
    r"\log \frac{\sigma_@2}{\sigma_@1} + \frac{1}{2\sigma_@2^2} \left[ \int (x-\mu_@1)^2 p_@1(x) dx + (\mu_@1 - \mu_@2)^2 \right] - \frac{1}{2}",
    r"\log \frac{\sigma_@2}{\sigma_@1} + \frac{\sigma_@1^2 + (\mu_@1 - \mu_@2)^2}{2\sigma_@2^2} - \frac{1}{2}",
];

/// Steps in one whole copy of the KL chain: 11 in the chain, 1 specialisation.
pub const STEPS_PER_KL_COPY: usize = 12;

/// `n_steps` steps of renamed copies of the seed's KL chain: copy k has densities
/// `p_{2k+1}`, `p_{2k+2}` of its own (two declarations per copy), its chain and the
/// specialisation to a standard normal; the last copy is cut to the steps left.
/// Every step verifies.
pub fn kl_copies(n_steps: usize) -> String {
    let mut out = String::new();
    let mut left = n_steps;
    let mut k = 0;
    while left > 0 {
        let (a, b) = (format!("{{{}}}", 2 * k + 1), format!("{{{}}}", 2 * k + 2));
        let sub = |s: &str| s.replace("@1", &a).replace("@2", &b);
        out.push_str(&sub("let p_@1(x) = N(x; \\mu_@1, \\sigma_@1^2)\n"));
        out.push_str(&sub("let p_@2(x) = N(x; \\mu_@2, \\sigma_@2^2)\n"));
        let in_chain = left.min(KL_CHAIN.len() - 1);
        out.push_str(&sub("KL(p_@1, p_@2) = "));
        out.push_str(&sub(KL_CHAIN[0]));
        out.push('\n');
        for expr in &KL_CHAIN[1..=in_chain] {
            out.push_str("&= ");
            out.push_str(&sub(expr));
            out.push('\n');
        }
        left -= in_chain;
        if left > 0 && in_chain == KL_CHAIN.len() - 1 {
            out.push_str(&sub(
                "specialise KL(p_@1, p_@2) with \\mu_@2 = 0, \\sigma_@2^2 = 1\n",
            ));
            out.push_str(&sub(
                "KL(\\mu_@1, \\sigma_@1) = -\\log\\sigma_@1 + \\frac{\\sigma_@1^2 + \\mu_@1^2}{2} - \\frac{1}{2}\n",
            ));
            left -= 1;
        }
        out.push('\n');
        k += 1;
    }
    out
}

/// One chain of `n_steps` small algebra steps: expanding, regrouping and cancelling
/// a square, with a counter so that no two expressions are the same.
pub fn algebra_chain(n_steps: usize) -> String {
    let mut out = String::from("assume a, b > 0\n(a + b)^2\n");
    for i in 0..n_steps {
        let k = i / 4 + 1;
        let expr = match i % 4 {
            0 => format!("a^2 + 2 a b + b^2 + {k} c - {k} c"),
            1 => format!("a^2 + b^2 + 2 a b + {k} (c - c)"),
            2 => format!("(a + b)(a + b) + {k} c - {k} c"),
            _ => format!("(a + b)^2 + \\frac{{{k} c}}{{2}} - \\frac{{{k} c}}{{2}}"),
        };
        out.push_str("= ");
        out.push_str(&expr);
        out.push('\n');
    }
    out
}

/// Steps in one generated notes file.
pub const STEPS_PER_NOTE: usize = 7;

/// One generated notes file: prose, hidden declarations, the declared density's
/// formula, a formula `verify` does not read, an aligned algebra chain, two Gaussian
/// moments and a chain that continues in a second block: 7 steps. Numbers differ from file to file so that no file is checked from
/// another's cache.
pub fn notes_file(i: usize) -> String {
    let n = i + 2;
    format!(
        r"# Note {i}

<!--
let p(x) = N(x; \mu, \sigma^2)
assume a, b > 0
-->

The density is $$p(x) = \frac{{1}}{{\sqrt{{2\pi}}\sigma}} e^{{-\frac{{(x-\mu)^2}}{{2\sigma^2}}}}$$

$$
\begin{{aligned}}
(a + {n} b)^2 &= a^2 + {two_n} a b + {n_sq} b^2 \\
&= {n_sq} b^2 + {two_n} a b + a^2
\end{{aligned}}
$$

In general $$D_{{KL}}(p \| q) = \int p(x) \log \frac{{p(x)}}{{q(x)}} dx$$.

Its mean and second moment:

$$\int (x + {n}) p(x) dx = \mu + {n}$$

$$\int (x - \mu)^2 p(x) dx + {n} = \sigma^2 + {n}$$

$$ \log ({n} a b) = \log {n} + \log a + \log b $$

$$ = \log a + \log ({n} b) $$
",
        two_n = 2 * n,
        n_sq = n * n,
    )
}

/// Write `n_files` notes into `dir`, 50 to a subfolder.
pub fn write_notes(dir: &Path, n_files: usize) {
    let _ = std::fs::remove_dir_all(dir);
    for i in 0..n_files {
        let sub = dir.join(format!("part{}", i / 50));
        std::fs::create_dir_all(&sub).expect("temp folder");
        std::fs::write(sub.join(format!("note{i:04}.md")), notes_file(i)).expect("write note");
    }
}

/// The seed, as a file to check in process.
pub fn seed_file() -> SourceFile {
    SourceFile::new("seed.txt", seed())
}

/// The seed with a wrong step, as a file to check in process.
pub fn seed_wrong_file() -> SourceFile {
    SourceFile::new("seed_wrong.txt", seed_wrong())
}

/// [`kl_copies`] as a file to check in process.
pub fn kl_file(n_steps: usize) -> SourceFile {
    SourceFile::new(format!("kl_{n_steps}.txt"), kl_copies(n_steps))
}

/// [`algebra_chain`] as a file to check in process.
pub fn algebra_file(n_steps: usize) -> SourceFile {
    SourceFile::new(format!("algebra_{n_steps}.txt"), algebra_chain(n_steps))
}

/// `n_files` notes files to check in process, named as [`write_notes`] names them.
pub fn notes_files(n_files: usize) -> Vec<SourceFile> {
    (0..n_files)
        .map(|i| {
            let path = PathBuf::from(format!("part{}/note{i:04}.md", i / 50));
            SourceFile::new(path, notes_file(i))
        })
        .collect()
}
