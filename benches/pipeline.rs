//! Benchmarks of the pipeline stages on the real derivations: parsing, lowering,
//! checking a whole file (engine and numeric cross-check), and the numeric
//! cross-check alone; and a folder of 200 generated Markdown notes checked in one
//! run, as `verify notes/` does.
//!
//! Run with `cargo bench --bench pipeline`; criterion reports the median and spread of
//! repeated runs. Whole processes (CPU time, peak memory) are in `process.rs`, the
//! share of each stage in `stages.rs`.

mod workloads;

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use verify::check::{check_source, CheckConfig};
use verify::engine::Engine;
use verify::source::SourceFile;

fn seed() -> SourceFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("derivations/gauss_kl.txt");
    let text = std::fs::read_to_string(&path).expect("derivations/gauss_kl.txt");
    SourceFile::new(path, text)
}

fn stages(c: &mut Criterion) {
    let file = seed();
    c.bench_function("parse gauss_kl", |b| {
        b.iter(|| verify::syntax::parse(black_box(&file)))
    });
    let parsed = verify::syntax::parse(&file);
    c.bench_function("lower gauss_kl", |b| {
        let resolved = verify::syntax::resolve(&parsed.doc);
        b.iter(|| verify::lower::lower(black_box(&resolved)))
    });
    let config = CheckConfig::default();
    let mut group = c.benchmark_group("check");
    group.sample_size(20);
    // Cold: as one `verify` run sees it, with no normal forms cached from before.
    group.bench_function("check gauss_kl (12 steps, engine + numeric)", |b| {
        b.iter_batched(
            || {
                Engine::global().forget_normal_forms();
                file.clone()
            },
            |file| check_source(black_box(file), &config),
            BatchSize::SmallInput,
        )
    });
    for (name, file) in [
        (
            "check gauss_kl with a wrong step",
            workloads::seed_wrong_file(),
        ),
        ("check kl copies (100 steps)", workloads::kl_file(100)),
        (
            "check algebra chain (100 small steps)",
            workloads::algebra_file(100),
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    Engine::global().forget_normal_forms();
                    file.clone()
                },
                |file| check_source(black_box(file), &config),
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

/// The numeric side alone on the seed: each step against the one before it, as the
/// checker asks, without the engine (so it measures only `numeric`).
fn numeric(c: &mut Criterion) {
    use verify::numeric::{compare, NumericEnv, NumericOutcome};
    use verify::syntax::ast::Item;
    // The numeric side reads the resolved document, as the checker gives it.
    let parsed = verify::syntax::parse(&seed());
    let resolved = verify::syntax::resolve(&parsed.doc);
    let env = NumericEnv::new(&resolved.doc).expect("the seed's declarations");
    let steps: Vec<_> = resolved
        .doc
        .items
        .iter()
        .find_map(|item| match item {
            Item::Chain(chain) => Some(chain.steps.iter().map(|s| s.expr.clone()).collect()),
            _ => None,
        })
        .expect("the seed's chain");
    let pairs: Vec<(_, _)> = steps[1..]
        .windows(2)
        .map(|w| (w[0].clone(), w[1].clone()))
        .collect();
    for (i, (l, r)) in pairs.iter().enumerate() {
        let outcome = compare(&env, l, r, None, i as u64);
        assert!(
            matches!(outcome, NumericOutcome::Agree { .. }),
            "step {i}: {outcome:?}"
        );
    }
    let mut group = c.benchmark_group("numeric");
    group.sample_size(20);
    group.bench_function("numeric cross-check gauss_kl (11 steps)", |b| {
        b.iter(|| {
            for (i, (l, r)) in pairs.iter().enumerate() {
                black_box(compare(&env, l, r, None, i as u64));
            }
        })
    });
    group.finish();
}

fn notes_folder(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("verify-bench-notes-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for i in 0..200 {
        let sub = dir.join(format!("part{}", i / 50));
        std::fs::create_dir_all(&sub).expect("temp folder");
        std::fs::write(sub.join(format!("note{i:03}.md")), workloads::notes_file(i))
            .expect("write note");
    }
    let config = CheckConfig::default();
    // Every file must verify, or the benchmark would time the wrong thing.
    let (files, _) = verify::inputs::collect(std::slice::from_ref(&dir));
    assert_eq!(files.len(), 200);
    for path in &files {
        let text = std::fs::read_to_string(path).expect("read note");
        let report = check_source(SourceFile::new(path.clone(), text), &config);
        let tally = report.tally();
        // What is skipped is the notes reader's business; the steps must all verify.
        assert_eq!((tally.verified, tally.steps()), (7, 7), "{path:?}");
    }
    let mut group = c.benchmark_group("notes");
    group.sample_size(10);
    group.bench_function("folder of 200 Markdown notes (1400 steps), cold", |b| {
        b.iter(|| {
            Engine::global().forget_normal_forms();
            let (files, _) = verify::inputs::collect(std::slice::from_ref(&dir));
            for path in files {
                let text = std::fs::read_to_string(&path).expect("read note");
                black_box(check_source(SourceFile::new(path, text), &config));
            }
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, stages, numeric, notes_folder);
criterion_main!(benches);
