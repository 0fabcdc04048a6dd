//! FIT decode throughput over the valid FIT files of `../shared/corpus` (read in place).
//!
//! `cargo bench --bench fit_decode` prints MB/s (median of many runs) for the decode-only walk
//! and for the full `read_bytes` to an `Activity`. Skips with a notice when the corpus is absent.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Runs per measurement (the median is reported).
const RUNS: usize = 31;

fn corpus_files() -> Option<Vec<(String, Vec<u8>)>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).ok()?;
    let mut lines = manifest.lines();
    let header: Vec<&str> = lines.next()?.split('\t').collect();
    let file_col = header.iter().position(|h| *h == "file")?;
    let status_col = header.iter().position(|h| *h == "parse_status")?;
    let mut out = Vec::new();
    for line in lines {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(file), Some(status)) = (cols.get(file_col), cols.get(status_col)) else {
            continue;
        };
        if !file.ends_with(".fit") || *status != "ok" {
            continue;
        }
        if let Ok(bytes) = std::fs::read(dir.join(file)) {
            out.push((file.to_string(), bytes));
        }
    }
    Some(out)
}

fn median_time(mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn report(what: &str, bytes: usize, t: Duration) {
    let mb = bytes as f64 / 1e6;
    println!(
        "{what:<40} {mb:>8.2} MB  {:>9.2} ms  {:>8.1} MB/s",
        t.as_secs_f64() * 1e3,
        mb / t.as_secs_f64()
    );
}

fn main() {
    let Some(files) = corpus_files() else {
        println!("notice: ../shared/corpus is absent; fit_decode bench skipped");
        return;
    };
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!("{} valid FIT files, {} bytes", files.len(), total);
    let t = median_time(|| {
        for (_, b) in &files {
            std::hint::black_box(lapwise::ingest::fit::decode_checksum(b));
        }
    });
    report("decode only (walk + CRC + field views)", total, t);
    let t = median_time(|| {
        for (name, b) in &files {
            let _ = std::hint::black_box(lapwise::ingest::read_bytes(b, name));
        }
    });
    report("read_bytes to Activity", total, t);
    let big = files.iter().max_by_key(|(_, b)| b.len());
    if let Some((name, b)) = big {
        let t = median_time(|| {
            let _ = std::hint::black_box(lapwise::ingest::read_bytes(b, name));
        });
        report(&format!("read_bytes {name}"), b.len(), t);
    }
}
