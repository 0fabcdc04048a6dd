//! Per-stage benchmarks with divan: `cargo bench --bench stages`.
//!
//! - `ingest_*`: bytes in memory → `Activity` (`ingest::read_bytes`), over every file of that
//!   format in ../shared/corpus that lapwise reads (in place; skipped with a notice when absent)
//!   and over the generated fixtures. Throughput is shown in bytes per second.
//! - `analyse_*`: clean + segment + score (`clean` then `analysis::analyze`) of simulated 1 Hz
//!   runs of 1 h and 5 h.
//! - `chart_*`: one per-run PNG chart of the 1 h interval session, written to a temp folder.
//!
//! docs/performance.md records the figures and the targets they are held to.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use divan::counter::BytesCount;
use lapwise::analysis::{Options, analyze};
use lapwise::clean::{CleanConfig, clean};
use lapwise::ingest::read_bytes;
use lapwise::model::Activity;
use lapwise::report::{Analysed, Units, charts};
use lapwise::simulate::{OutputFormat, SimOptions, encode, simulate};

fn main() {
    divan::main();
}

/// Every file with the extension under `dir` that lapwise reads, as bytes.
fn readable_files(dir: &Path, ext: &str) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)));
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter(|b| read_bytes(b, "bench").is_ok())
        .collect()
}

fn corpus(ext: &'static str) -> &'static Vec<Vec<u8>> {
    static FIT: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    static GPX: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    static TCX: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    let cell = match ext {
        "fit" => &FIT,
        "gpx" => &GPX,
        _ => &TCX,
    };
    cell.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus")
            .join(ext);
        if !dir.is_dir() {
            eprintln!(
                "notice: {} is absent; corpus benches measure nothing",
                dir.display()
            );
        }
        readable_files(&dir, ext)
    })
}

fn fixtures(ext: &'static str) -> Vec<Vec<u8>> {
    readable_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"), ext)
}

fn bench_ingest(bencher: Bencher, files: &[Vec<u8>]) {
    let bytes: usize = files.iter().map(Vec::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for f in files {
            let _ = divan::black_box(read_bytes(divan::black_box(f), "bench"));
        }
    });
}

#[divan::bench(args = ["fit", "gpx", "tcx"])]
fn ingest_corpus(bencher: Bencher, ext: &'static str) {
    bench_ingest(bencher, corpus(ext));
}

#[divan::bench(args = ["fit", "gpx", "tcx"])]
fn ingest_fixtures(bencher: Bencher, ext: &'static str) {
    bench_ingest(bencher, &fixtures(ext));
}

/// A simulated run, read back from FIT (not cleaned).
fn simulated(plan: &str) -> Activity {
    let opts = SimOptions {
        seed: 42,
        ..SimOptions::default()
    };
    let sim = simulate(plan, &opts).expect("plan");
    read_bytes(&encode(&sim, OutputFormat::Fit), "bench")
        .expect("read")
        .pop()
        .expect("one activity")
}

const PLANS: [(&str, &str); 3] = [
    ("1h easy", "60min easy"),
    (
        "1h intervals",
        "2mi wu; 8 x 800m @ 5k rest 2:00 jog; 4 x 20s strides; 2mi cd",
    ),
    ("5h long", "5h long"),
];

fn plan(name: &str) -> &'static str {
    PLANS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("60min easy", |p| p.1)
}

#[divan::bench(args = ["1h easy", "1h intervals", "5h long"])]
fn analyse_clean_segment_score(bencher: Bencher, name: &str) {
    let raw = simulated(plan(name));
    let opts = Options::default();
    bencher.with_inputs(|| raw.clone()).bench_values(|mut act| {
        clean(&mut act, &CleanConfig::default());
        analyze(&act, &opts)
    });
}

#[divan::bench(args = ["1h easy", "1h intervals", "5h long"])]
fn analyse_segment_score_only(bencher: Bencher, name: &str) {
    let mut act = simulated(plan(name));
    clean(&mut act, &CleanConfig::default());
    let opts = Options::default();
    bencher.bench(|| analyze(divan::black_box(&act), &opts));
}

#[divan::bench(args = ["overview", "splits", "intervals", "cadence", "mile"])]
fn chart(bencher: Bencher, which: &str) {
    let plan = if which == "mile" {
        "1.5mi wu; 4 x 20s strides; mile tt @ 6:00 coached; 1mi cd"
    } else {
        plan("1h intervals")
    };
    let mut act = simulated(plan);
    clean(&mut act, &CleanConfig::default());
    let analysis = analyze(&act, &Options::default());
    let item = Analysed::new(act, analysis);
    charts::style::init_fonts();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(format!("{which}.png"));
    let draw = match which {
        "overview" => charts::overview::draw,
        "splits" => charts::splits::draw,
        "intervals" => charts::intervals::draw,
        "cadence" => charts::cadence::draw,
        _ => charts::mile::draw,
    };
    bencher.bench(|| {
        draw(&item, Units::Imperial, charts::scaffold::Target::Png(&path)).expect("chart")
    });
}
