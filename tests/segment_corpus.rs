//! Segmentation on the real corpus (`../shared/corpus`, read in place; skipped when absent):
//! sessions with manual / workout-step laps at rep boundaries give reps matching those laps,
//! easy runs with auto-laps give no intervals, nothing panics, every run gets a workout type.

use std::path::{Path, PathBuf};

use lapwise::clean::{CleanConfig, clean};
use lapwise::ingest::read_path;
use lapwise::model::Activity;
use lapwise::segment::{SegmentConfig, Segmentation, WorkoutType, segment};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("notice: ../shared/corpus is absent; corpus segmentation checks skipped");
        None
    }
}

fn load(dir: &Path, file: &str) -> Option<(Activity, Segmentation)> {
    let path = dir.join(file);
    if !path.is_file() {
        eprintln!("notice: {file} missing from the corpus; skipped");
        return None;
    }
    let mut loaded = read_path(&path);
    let mut act = loaded.pop()?.result.ok()?;
    clean(&mut act, &CleanConfig::default());
    let seg = segment(&act, &SegmentConfig::default());
    Some((act, seg))
}

/// Reps start and end within `tol_s` of lap boundaries.
fn reps_on_laps(act: &Activity, seg: &Segmentation, tol_s: f64) -> bool {
    let near = |t: f64| {
        act.laps
            .iter()
            .any(|l| (l.start_s - t).abs() <= tol_s || (l.end_s - t).abs() <= tol_s)
    };
    seg.intervals
        .as_ref()
        .is_some_and(|iv| iv.reps.iter().all(|r| near(r.start_s) && near(r.end_s)))
}

fn rep_count(seg: &Segmentation) -> usize {
    seg.intervals.as_ref().map_or(0, |iv| iv.reps.len())
}

#[test]
fn structured_workout_4_x_1_km_from_workout_step_laps() {
    let Some(dir) = corpus() else { return };
    let Some((act, seg)) = load(&dir, "fit/fitparser-js__running-with-developer-data.fit") else {
        return;
    };
    assert_eq!(
        seg.workout.kind,
        WorkoutType::Intervals,
        "{}",
        seg.workout.reason
    );
    assert_eq!(rep_count(&seg), 4, "{}", seg.workout.reason);
    assert!(reps_on_laps(&act, &seg, 3.0));
    let iv = seg
        .intervals
        .as_ref()
        .map(|iv| iv.sets.clone())
        .unwrap_or_default();
    assert_eq!(iv.first().and_then(|s| s.rep_distance_m), Some(1000.0));
}

#[test]
fn ipbike_4_x_6_min() {
    let Some(dir) = corpus() else { return };
    let Some((act, seg)) = load(&dir, "fit/gc__IpBike-HRV-Data.fit") else {
        return;
    };
    assert_eq!(
        seg.workout.kind,
        WorkoutType::Intervals,
        "{}",
        seg.workout.reason
    );
    assert_eq!(rep_count(&seg), 4, "{}", seg.workout.reason);
    assert!(reps_on_laps(&act, &seg, 8.0), "{:?}", seg.intervals);
}

#[test]
fn manual_1_km_laps_at_varying_pace_give_lap_reps() {
    let Some(dir) = corpus() else { return };
    let Some((act, seg)) = load(&dir, "tcx/dblock-tcx__running_activity_1.tcx") else {
        return;
    };
    assert_eq!(
        seg.workout.kind,
        WorkoutType::Intervals,
        "{}",
        seg.workout.reason
    );
    assert!(rep_count(&seg) >= 4, "{}", seg.workout.reason);
    assert!(reps_on_laps(&act, &seg, 3.0));
}

#[test]
fn every_corpus_run_gets_a_type_and_auto_lap_easy_runs_no_intervals() {
    let Some(dir) = corpus() else { return };
    let mut files: Vec<PathBuf> = ["fit", "gpx", "tcx"]
        .iter()
        .filter_map(|sub| std::fs::read_dir(dir.join(sub)).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut summary = Vec::new();
    for path in files {
        for l in read_path(&path) {
            let Ok(mut act) = l.result else { continue };
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                clean(&mut act, &CleanConfig::default());
                segment(&act, &SegmentConfig::default())
            }));
            let seg = run.unwrap_or_else(|_| panic!("segment panicked on {}", l.source));
            assert!(!seg.workout.reason.is_empty(), "{}", l.source);
            summary.push(format!("{}: {}", l.source, seg.workout.reason));
        }
    }
    for line in &summary {
        println!("{line}");
    }
}
