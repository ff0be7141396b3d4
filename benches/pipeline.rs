//! Benchmarks of the pipeline stages on the real derivations: parsing, lowering, and
//! checking a whole file (engine and numeric cross-check), plus one engine step.
//!
//! Run with `cargo bench`; criterion reports the median and spread of repeated runs.

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
        b.iter(|| verify::lower::lower(black_box(&parsed.doc)))
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
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
