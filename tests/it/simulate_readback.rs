//! The simulated fixtures read back through lapwise's own readers give the truth's distance,
//! duration and laps, and the same run written in three formats reads back consistently.
//!
//! Tolerances: elapsed and timer time 1 s; FIT/TCX distance within 1 m of the simulated
//! device's distance (they store it), less an injected position spike's out-and-back excess,
//! which cleaning removes; GPX distance 2 % of the true distance (GPX has no distance: it is
//! measured on noisy positions); lap count exact, lap distance 1 m, lap timer 1 s.

use std::path::{Path, PathBuf};

use lapwise::analysis::summarize;
use lapwise::clean::cleaned;
use lapwise::ingest::read_path;

const STEMS: &[&str] = &[
    "track-6x400",
    "track-6x400-smart",
    "easy",
    "strides",
    "hill-sprints",
    "tempo",
    "mile-tt",
    "treadmill",
    "bike",
];

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn truth(stem: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(fixtures().join(format!("{stem}.truth.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn num(v: &serde_json::Value) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("number expected, got {v}"))
}

fn read_one(path: &Path) -> lapwise::Activity {
    let mut loaded = read_path(path);
    assert_eq!(loaded.len(), 1, "{}: one activity", path.display());
    let act = loaded
        .remove(0)
        .result
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    cleaned(act)
}

#[test]
fn fixtures_read_back_to_their_truth() {
    for stem in STEMS {
        let t = truth(stem);
        let totals = &t["totals"];
        let truth_laps = t["laps"].as_array().unwrap();
        let mut distances = Vec::new();
        for ext in ["fit", "tcx", "gpx"] {
            let path = fixtures().join(format!("{stem}.{ext}"));
            if !path.exists() {
                continue;
            }
            let name = format!("{stem}.{ext}");
            let a = read_one(&path);
            let s = summarize(&a);
            assert_eq!(
                a.meta.sport.as_str(),
                t["sport"].as_str().unwrap(),
                "{name} sport"
            );
            let start = a
                .meta
                .start_utc
                .map(|x| x.format("%Y-%m-%dT%H:%M:%SZ").to_string());
            assert_eq!(start.as_deref(), t["start_utc"].as_str(), "{name} start");
            assert!(
                (s.elapsed_s - num(&totals["elapsed_s"])).abs() <= 1.0,
                "{name} elapsed"
            );
            assert!(
                (s.timer_s - num(&totals["timer_s"])).abs() <= 1.0,
                "{name} timer {}",
                s.timer_s
            );
            let d = s.distance_m.unwrap();
            if ext == "gpx" {
                let truth_d = num(&totals["true_distance_m"]);
                assert!(
                    (d - truth_d).abs() <= 0.02 * truth_d,
                    "{name} distance {d} vs true {truth_d}"
                );
            } else {
                // The device's total keeps an injected position spike (out and back, up to
                // twice its offset); cleaning takes that glitch out again.
                let dev = num(&totals["device_distance_m"]);
                let glitch: f64 = t["gps_faults"]["spikes"]
                    .as_array()
                    .map(|v| v.iter().map(|s| 2.0 * num(&s[1])).sum())
                    .unwrap_or(0.0);
                assert!(
                    d <= dev + 1.0 && d >= dev - glitch - 1.0,
                    "{name} distance {d} vs device {dev} (glitch up to {glitch} m)"
                );
                assert_eq!(a.laps.len(), truth_laps.len(), "{name} lap count");
                for (lap, tl) in a.laps.iter().zip(truth_laps) {
                    let ld = lap.distance_m.unwrap();
                    assert!(
                        (ld - num(&tl["distance_m"])).abs() <= 1.0,
                        "{name} lap distance {ld}"
                    );
                    let lt = lap.timer_s.unwrap();
                    assert!(
                        (lt - num(&tl["timer_s"])).abs() <= 1.0,
                        "{name} lap timer {lt}"
                    );
                }
            }
            if ext == "fit" {
                assert_eq!(
                    a.meta.local_offset_s,
                    t["local_offset_s"].as_i64().map(|o| o as i32)
                );
            }
            distances.push((ext, d));
        }
        // The same run in three formats: FIT and TCX store the same distance; GPX is measured
        // on positions and lands within 3 % of them.
        let fit = distances
            .iter()
            .find(|(e, _)| *e == "fit")
            .map(|x| x.1)
            .unwrap();
        for (ext, d) in &distances {
            let tol = if *ext == "gpx" { 0.03 * fit } else { 1.0 };
            assert!(
                (d - fit).abs() <= tol,
                "{stem}: {ext} distance {d} vs fit {fit}"
            );
        }
    }
}

#[test]
fn fixture_cadence_is_steps_per_minute_in_every_format() {
    for stem in ["easy", "track-6x400-smart", "tempo"] {
        let mut avgs = Vec::new();
        for ext in ["fit", "tcx", "gpx"] {
            let a = read_one(&fixtures().join(format!("{stem}.{ext}")));
            let c = summarize(&a).avg_cadence_spm.unwrap();
            assert!((140.0..200.0).contains(&c), "{stem}.{ext} cadence {c}");
            avgs.push(c);
        }
        let spread = avgs.iter().cloned().fold(f64::MIN, f64::max)
            - avgs.iter().cloned().fold(f64::MAX, f64::min);
        assert!(
            spread < 2.0,
            "{stem}: cadence differs across formats: {avgs:?}"
        );
    }
}
