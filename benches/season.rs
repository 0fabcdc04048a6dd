//! Season benchmark: 365 simulated runs (FIT, GPX and TCX in turn, 30–120 min at 1 Hz) analysed
//! as one season with every output and chart. Run with `cargo bench --bench season`
//! (optionally `-- DIR` to keep the generated files, e.g. for benches/python/season_baseline.py).
//! Prints wall time, per-file cost and peak memory (VmHWM).

use std::path::PathBuf;
use std::time::Instant;

use chrono::{NaiveDate, TimeDelta};
use lapwise::report::Units;
use lapwise::season::output::write_outputs;
use lapwise::season::{SeasonOptions, build_season};
use lapwise::simulate::{OutputFormat, SimOptions, simulate, write_files};

/// Number of runs in the benchmark season.
const RUNS: usize = 365;

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let arg = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let keep = arg.map(PathBuf::from);
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = keep.clone().unwrap_or_else(|| tmp.path().join("runs"));
    std::fs::create_dir_all(&dir).expect("dir");
    let start = NaiveDate::from_ymd_opt(2025, 1, 6).expect("date");
    let formats = [OutputFormat::Fit, OutputFormat::Gpx, OutputFormat::Tcx];
    let t0 = Instant::now();
    let mut bytes = 0u64;
    for i in 0..RUNS {
        let minutes = 30 + (i * 37) % 91;
        let date = start + TimeDelta::days(i as i64);
        let opts = SimOptions {
            seed: 1000 + i as u64,
            start_local: date.and_hms_opt(7, 0, 0).expect("time"),
            ..SimOptions::default()
        };
        let sim = simulate(&format!("{minutes}min easy"), &opts).expect("simulate");
        let f = formats[i % 3];
        let out = dir.join(format!("{date}-run.{}", f.ext()));
        for p in write_files(&sim, &out, &[f]).expect("write") {
            if p.extension().is_some_and(|e| e == "json") {
                let _ = std::fs::remove_file(&p);
            } else {
                bytes += std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
            }
        }
    }
    let gen_s = t0.elapsed().as_secs_f64();
    let out = tmp.path().join("season");
    let t1 = Instant::now();
    let season = build_season(
        std::slice::from_ref(&dir),
        &SeasonOptions::default(),
        &|_| {},
    )
    .expect("season");
    let analysed_s = t1.elapsed().as_secs_f64();
    let written = write_outputs(&season, &out, Units::Imperial, true).expect("outputs");
    let wall = t1.elapsed().as_secs_f64();
    println!(
        "generated {RUNS} files ({:.1} MB) in {gen_s:.1} s",
        bytes as f64 / 1e6
    );
    println!(
        "season: {} runs, {} weeks, {} failures, {} outputs",
        season.runs.len(),
        season.weeks.len(),
        season.failures.len(),
        written.len()
    );
    println!("threads: {}", rayon::current_num_threads());
    println!(
        "analysis: {analysed_s:.2} s; with outputs and charts: {wall:.2} s; per file: {:.1} ms",
        wall * 1000.0 / RUNS as f64
    );
    if let Some(kib) = peak_rss_kib() {
        println!("peak memory (VmHWM): {:.0} MiB", kib as f64 / 1024.0);
    }
}
