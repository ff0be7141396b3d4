//! Whole-process benchmarks: the release binary run on each workload, as a user runs
//! it, for its CPU time (user + system, from `wait4`'s resource usage, to the
//! microsecond), its wall time and its peak memory (maximum resident set size).
//! Start-up, the engine lock, Symbolica's licence check and the report are all in it.
//!
//! ```sh
//! cargo bench --bench process                 # every workload, 5 runs each, medians
//! cargo bench --bench process -- kl seed      # the workloads whose name has `kl` or `seed`
//! cargo bench --bench process -- --runs 9
//! cargo bench --bench process -- --write DIR  # only write the workloads
//! cargo bench --bench process -- --baseline OLD_BINARY   # runs alternated with an
//!                                             # older build: both medians, and the ratio
//! ```
//!
//! Runs are sequential; another process of the same user holding the engine lock
//! delays a run's wall time, not its CPU time, so CPU time is the number to compare.

mod workloads;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// One workload: a name, how to lay it out on disk, and the steps it has.
struct Workload {
    name: &'static str,
    /// Writes the workload under the folder given and returns the path to check.
    write: Box<dyn Fn(&Path) -> PathBuf>,
    /// The steps the report must count (all verified unless `wrong` is set).
    steps: usize,
    wrong: usize,
    /// Runs that are too slow to repeat are run this many times at most.
    max_runs: usize,
}

fn file(name: &'static str, text: impl Fn() -> String + 'static) -> Box<dyn Fn(&Path) -> PathBuf> {
    Box::new(move |dir| {
        let path = dir.join(name);
        std::fs::write(&path, text()).expect("write workload");
        path
    })
}

fn workloads() -> Vec<Workload> {
    let mut out = vec![
        Workload {
            name: "empty file",
            write: file("empty.txt", String::new),
            steps: 0,
            wrong: 0,
            max_runs: usize::MAX,
        },
        Workload {
            name: "seed (13 steps)",
            write: file("seed.txt", workloads::seed),
            // The post's 12 steps and step 0, its first line against what the
            // chain's name means.
            steps: 13,
            wrong: 0,
            max_runs: usize::MAX,
        },
        Workload {
            name: "seed with a wrong step",
            write: file("seed_wrong.txt", workloads::seed_wrong),
            steps: 13,
            wrong: 1,
            max_runs: usize::MAX,
        },
    ];
    // A file may hold 10 000 expressions (`inputs::MAX_STEPS_PER_FILE`), chain heads
    // included: 714 whole copies (14 expressions, 12 steps each) are the largest KL
    // file, 8568 steps.
    for n in [10, 100, 1000, 714 * workloads::STEPS_PER_KL_COPY] {
        out.push(Workload {
            name: Box::leak(format!("kl copies, {n} steps").into_boxed_str()),
            write: file(
                Box::leak(format!("kl_{n}.txt").into_boxed_str()),
                move || workloads::kl_copies(n),
            ),
            // Each copy's chain also has its step 0 (its name's meaning).
            steps: n + n.div_ceil(workloads::STEPS_PER_KL_COPY),
            wrong: 0,
            max_runs: if n >= 5000 { 3 } else { usize::MAX },
        });
    }
    for n in [1, 10, 100, 1000] {
        out.push(Workload {
            name: Box::leak(format!("notes, {n} files").into_boxed_str()),
            write: Box::new(move |dir| {
                let folder = dir.join(format!("notes_{n}"));
                workloads::write_notes(&folder, n);
                folder
            }),
            steps: n * workloads::STEPS_PER_NOTE,
            wrong: 0,
            max_runs: if n >= 1000 { 3 } else { usize::MAX },
        });
    }
    out.push(Workload {
        name: "algebra chain, 1000 small steps",
        write: file("algebra_1000.txt", || workloads::algebra_chain(1000)),
        steps: 1000,
        wrong: 0,
        max_runs: usize::MAX,
    });
    out
}

/// What one run used.
#[derive(Clone, Copy)]
struct Usage {
    cpu: f64,
    wall: f64,
    max_rss_kib: i64,
}

// The child is reaped by `wait4`, for its resource usage, which `Child::wait` drops.
#[allow(clippy::zombie_processes)]
fn run_once(bin: &Path, path: &Path) -> (Usage, String) {
    let started = Instant::now();
    let child = Command::new(bin)
        .args(["--format", "json"])
        .arg(path)
        .env("SYMBOLICA_HIDE_BANNER", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start verify");
    let pid = child.id() as libc::pid_t;
    // Read the report before reaping, so a large one cannot fill the pipe.
    let mut stdout = child.stdout.expect("stdout");
    let mut report = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut report).expect("read report");
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is a valid value, filled in by `wait4`.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, not yet reaped; both pointers are valid.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4");
    let wall = started.elapsed().as_secs_f64();
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    let usage = Usage {
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        wall,
        max_rss_kib: usage.ru_maxrss,
    };
    (usage, report)
}

/// One run of `bin` on the workload, its report's totals checked.
fn checked_run(bin: &Path, path: &Path, w: &Workload) -> Usage {
    let (usage, report) = run_once(bin, path);
    let (steps, verified, wrong) = totals(&report);
    assert_eq!(
        (steps, verified, wrong),
        (w.steps, w.steps - w.wrong, w.wrong),
        "{}: the report's steps, verified and wrong ({})",
        w.name,
        bin.display()
    );
    usage
}

/// The run's totals from the report's last line.
fn totals(report: &str) -> (usize, usize, usize) {
    let last = report.lines().last().unwrap_or_default();
    let run: serde_json::Value = serde_json::from_str(last).unwrap_or_default();
    let n = |k: &str| run[k].as_u64().unwrap_or(0) as usize;
    (n("steps"), n("verified"), n("wrong"))
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut runs, mut filters, mut write_to) = (5, Vec::<String>::new(), None::<PathBuf>);
    let mut baseline = None::<PathBuf>;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--write" => write_to = Some(args.next().expect("--write DIR").into()),
            "--baseline" => baseline = Some(args.next().expect("--baseline BINARY").into()),
            "--bench" => {}
            other if other.starts_with("--") => {}
            other => filters.push(other.to_string()),
        }
    }
    let selected: Vec<Workload> = workloads()
        .into_iter()
        .filter(|w| filters.is_empty() || filters.iter().any(|f| w.name.contains(f.as_str())))
        .collect();
    if let Some(dir) = write_to {
        std::fs::create_dir_all(&dir).expect("--write DIR");
        for w in &selected {
            println!("{}\t{}", w.name, (w.write)(&dir).display());
        }
        return;
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_verify"));
    let dir = std::env::temp_dir().join(format!("verify-bench-process-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp folder");
    match &baseline {
        None => println!(
            "{:<34} {:>6} {:>10} {:>10} {:>10} {:>9}",
            "workload", "runs", "CPU s", "wall s", "CPU/step", "peak MB"
        ),
        Some(_) => println!(
            "{:<34} {:>6} {:>10} {:>10} {:>7} {:>10} {:>10} {:>9} {:>9}",
            "workload",
            "runs",
            "CPU s old",
            "CPU s new",
            "ratio",
            "wall s old",
            "wall s new",
            "MB old",
            "MB new"
        ),
    }
    for w in &selected {
        let path = (w.write)(&dir);
        let n = runs.min(w.max_runs);
        let (mut usages, mut old) = (Vec::new(), Vec::new());
        for _ in 0..n {
            // Alternated, so that a busy machine weighs on both alike.
            if let Some(old_bin) = &baseline {
                old.push(checked_run(old_bin, &path, w));
            }
            usages.push(checked_run(&bin, &path, w));
        }
        let cpu = median(usages.iter().map(|u| u.cpu).collect());
        let wall = median(usages.iter().map(|u| u.wall).collect());
        let rss = median(usages.iter().map(|u| u.max_rss_kib as f64).collect());
        if baseline.is_some() {
            let old_cpu = median(old.iter().map(|u| u.cpu).collect());
            let old_wall = median(old.iter().map(|u| u.wall).collect());
            let old_rss = median(old.iter().map(|u| u.max_rss_kib as f64).collect());
            println!(
                "{:<34} {:>6} {:>10.4} {:>10.4} {:>7.2} {:>10.4} {:>10.4} {:>9.1} {:>9.1}",
                w.name,
                n,
                old_cpu,
                cpu,
                cpu / old_cpu,
                old_wall,
                wall,
                old_rss / 1024.0,
                rss / 1024.0
            );
            continue;
        }
        let per_step = match w.steps {
            0 => "—".to_string(),
            n => format!("{:.2} ms", cpu * 1e3 / n as f64),
        };
        println!(
            "{:<34} {:>6} {:>10.4} {:>10.4} {:>10} {:>9.1}",
            w.name,
            n,
            cpu,
            wall,
            per_step,
            rss / 1024.0
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
