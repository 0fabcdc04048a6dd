//! Segmentation cost per sample on simulated 1 h and 5 h runs (1 Hz), without criterion:
//! `cargo bench --bench segment`. Linear cost shows as a flat ns/sample between the two.

use std::hint::black_box;
use std::time::Instant;

use lapwise::clean::{CleanConfig, clean};
use lapwise::ingest::read_bytes;
use lapwise::segment::{SegmentConfig, segment};
use lapwise::simulate::{OutputFormat, SimOptions, encode, simulate};

/// Repetitions per case; the fastest is reported.
const ROUNDS: usize = 5;

fn main() {
    let cases = [
        ("1 h easy", "60min easy"),
        (
            "1 h intervals",
            "2mi wu; 8 x 800m @ 5k rest 2:00 jog; 4 x 20s strides; 2mi cd",
        ),
        ("5 h long", "5h long"),
    ];
    let cfg = SegmentConfig::default();
    for (name, plan) in cases {
        let opts = SimOptions {
            seed: 42,
            ..SimOptions::default()
        };
        let Ok(sim) = simulate(plan, &opts) else {
            eprintln!("{name}: plan failed");
            continue;
        };
        let Ok(mut acts) = read_bytes(&encode(&sim, OutputFormat::Fit), name) else {
            eprintln!("{name}: read failed");
            continue;
        };
        let Some(mut act) = acts.pop() else { continue };
        clean(&mut act, &CleanConfig::default());
        let n = act.samples.time_s.len();
        let mut best = f64::INFINITY;
        for _ in 0..ROUNDS {
            let t0 = Instant::now();
            black_box(segment(black_box(&act), &cfg));
            best = best.min(t0.elapsed().as_secs_f64());
        }
        println!(
            "{name:>14}: {n:>6} samples, segment() {:>8.2} ms, {:>6.0} ns/sample",
            best * 1e3,
            best * 1e9 / n.max(1) as f64
        );
    }
}
