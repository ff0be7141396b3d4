//! Where a check's time goes, stage by stage, measured in process on the benchmark
//! workloads: parsing, name resolution and lowering, the engine (every request the
//! checker makes of it, timed through a [`Prover`] that wraps the real engine: the
//! proof of each step, the `holds` tests behind hints and the positivity diagnosis,
//! final forms and simplified differences), and the rest (the numeric second opinion
//! on every step and every printed formula, merging the verdicts, the report).
//!
//! ```sh
//! cargo bench --bench stages              # every workload, 5 runs each, medians
//! cargo bench --bench stages -- seed      # the workloads whose name has `seed`
//! ```
//!
//! Each run starts cold (no normal form cached from before), as one `verify`
//! process sees its files. Start-up (the engine thread, Symbolica's licence check)
//! is outside the timings; `process.rs` measures whole processes.

mod workloads;

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use verify::check::{check_source_with, CheckConfig, Prover, StepQuery, SymbolicOutcome};
use verify::engine::Engine;
use verify::program::Context;
use verify::source::SourceFile;
use verify::term::Term;
use verify::verdict::{Blocker, FamilySet, Limits};

/// The real engine, with the time spent in each kind of request added up.
#[derive(Default)]
struct Timed {
    /// Nanoseconds per kind of request.
    check_step: AtomicU64,
    holds: AtomicU64,
    final_form: AtomicU64,
    normal_forms: AtomicU64,
    requests: AtomicUsize,
}

impl Timed {
    fn time<R>(&self, slot: &AtomicU64, f: impl FnOnce() -> R) -> R {
        let started = Instant::now();
        let out = f();
        slot.fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        self.requests.fetch_add(1, Ordering::Relaxed);
        out
    }

    fn seconds(slot: &AtomicU64) -> f64 {
        Duration::from_nanos(slot.load(Ordering::Relaxed)).as_secs_f64()
    }

    fn engine(&self) -> f64 {
        [
            &self.check_step,
            &self.holds,
            &self.final_form,
            &self.normal_forms,
        ]
        .into_iter()
        .map(Timed::seconds)
        .sum()
    }
}

impl Prover for Timed {
    fn check_step(&self, query: StepQuery) -> SymbolicOutcome {
        self.time(&self.check_step, || Engine::global().check_step(query))
    }

    fn holds(&self, query: StepQuery) -> bool {
        self.time(&self.holds, || Engine::global().holds(query))
    }

    fn normal_forms(&self, query: StepQuery, families: FamilySet) -> Result<(Term, Term), Blocker> {
        self.time(&self.normal_forms, || {
            Engine::global().normal_forms(query, families)
        })
    }

    fn final_form(
        &self,
        context: Arc<Context>,
        term: Term,
        limits: Limits,
    ) -> Result<Term, Blocker> {
        self.time(&self.final_form, || {
            Engine::global().final_form(context, term, limits)
        })
    }
}

/// One run's stages, in seconds.
#[derive(Clone, Copy, Default)]
struct Stages {
    parse: f64,
    lower: f64,
    total: f64,
    proofs: f64,
    holds: f64,
    final_forms: f64,
    engine: f64,
    requests: usize,
}

fn run(files: &[SourceFile], config: &CheckConfig) -> Stages {
    Engine::global().forget_normal_forms();
    let mut stages = Stages::default();
    // Parsing and lowering alone, for their share (the check repeats them).
    let started = Instant::now();
    let parsed: Vec<_> = files.iter().map(verify::syntax::parse).collect();
    stages.parse = started.elapsed().as_secs_f64();
    let started = Instant::now();
    for p in &parsed {
        std::hint::black_box(verify::lower::resolve_and_lower(&p.doc));
    }
    stages.lower = started.elapsed().as_secs_f64();
    let timed = Timed::default();
    let started = Instant::now();
    for file in files {
        std::hint::black_box(check_source_with(file.clone(), config, &timed));
    }
    stages.total = started.elapsed().as_secs_f64();
    stages.proofs = Timed::seconds(&timed.check_step);
    stages.holds = Timed::seconds(&timed.holds);
    stages.final_forms = Timed::seconds(&timed.final_form);
    stages.engine = timed.engine();
    stages.requests = timed.requests.load(Ordering::Relaxed);
    stages
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut runs, mut filter) = (5, None::<String>);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            other if other.starts_with("--") => {}
            other => filter = Some(other.to_string()),
        }
    }
    let config = CheckConfig::default();
    let workloads: Vec<(&str, Vec<SourceFile>)> = vec![
        ("seed (12 steps)", vec![workloads::seed_file()]),
        ("seed with a wrong step", vec![workloads::seed_wrong_file()]),
        ("kl copies, 100 steps", vec![workloads::kl_file(100)]),
        ("kl copies, 1000 steps", vec![workloads::kl_file(1000)]),
        ("notes, 10 files", workloads::notes_files(10)),
        (
            "algebra chain, 1000 small steps",
            vec![workloads::algebra_file(1000)],
        ),
    ];
    // Start the engine (and wait for its lock) before any clock runs.
    Engine::start().expect("the engine starts");
    println!(
        "{:<32} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9}",
        "workload (ms, medians)",
        "total",
        "parse",
        "lower",
        "proofs",
        "holds",
        "final",
        "other",
        "requests"
    );
    for (name, files) in workloads {
        if filter.as_ref().is_some_and(|f| !name.contains(f.as_str())) {
            continue;
        }
        let all: Vec<Stages> = (0..runs).map(|_| run(&files, &config)).collect();
        let m = |f: fn(&Stages) -> f64| median(all.iter().map(f).collect()) * 1e3;
        println!(
            "{:<32} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>9}",
            name,
            m(|s| s.total),
            m(|s| s.parse),
            m(|s| s.lower),
            m(|s| s.proofs),
            m(|s| s.holds),
            m(|s| s.final_forms),
            m(|s| s.total - s.engine),
            all[0].requests,
        );
    }
    println!(
        "\nproofs: the engine's check of each step (the test under all families and the \
         search for the smallest set, facts); holds: the tests behind hints and the \
         positivity diagnosis; final: final forms and simplified differences; other: \
         everything but the engine (parse and lower again, the numeric second opinion, \
         verdicts, report)."
    );
}
