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

/// The workout type is `kind`; the reason in words when it is not.
fn assert_kind(seg: &Segmentation, kind: WorkoutType) {
    assert_eq!(seg.workout.kind, kind, "{}", reason(&seg.workout));
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
    assert_kind(&seg, WorkoutType::Intervals);
    assert_eq!(rep_count(&seg), 4, "{}", reason(&seg.workout));
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
    assert_kind(&seg, WorkoutType::Intervals);
    assert_eq!(rep_count(&seg), 4, "{}", reason(&seg.workout));
    assert!(reps_on_laps(&act, &seg, 8.0), "{:?}", seg.intervals);
}

#[test]
fn garmin_connect_manual_1_km_laps_are_auto_laps_not_reps() {
    let Some(dir) = corpus() else { return };
    let Some((_act, seg)) = load(&dir, "tcx/dblock-tcx__running_activity_1.tcx") else {
        return;
    };
    // 15 laps of exactly 1000 m marked `Manual` by Garmin Connect's TCX export: auto-laps, not
    // workout structure (LABELS.tsv: a race-like even run, laps_are_structure = no). The lap
    // paces swing with the terrain by less than a rep differs from a recovery.
    assert!(
        seg.intervals.is_none(),
        "{}: {:?}",
        reason(&seg.workout),
        seg.intervals.as_ref().map(|iv| iv.reps.len())
    );
    assert_ne!(seg.workout.kind, WorkoutType::Intervals);
}

/// Steady or easy corpus runs (judged from their 30 s speed profiles) and why; none of them may
/// come out as intervals. Stops at lights and GPS wander are not recoveries.
const STEADY_RUNS: &[(&str, &str)] = &[
    (
        "tcx/runpandas__2020-12-02T06_08_29-300_Running.tcx",
        "steady 2.7–3.0 m/s throughout",
    ),
    (
        "fit/gc__10kUNLP2014-Garmin15.fit",
        "10 km race at an even 4.3–4.9 m/s",
    ),
    ("tcx/gc__10kUNLP2014-Garmin15.tcx", "same race as TCX"),
    (
        "fit/tormoder__mornindew-broken.fit",
        "long run at 2.4–2.8 m/s with stops, mile auto-laps",
    ),
    (
        "fit/sportslib__6909950168.fit",
        "steady 2.9–3.2 m/s with one stop",
    ),
    (
        "gpx/runpandas__strava_export.gpx",
        "GPX, steady 2.5–3.0 m/s with several stops",
    ),
    (
        "gpx/runpandas__nike_run.gpx",
        "GPX, steady 2.7–3.3 m/s with stops",
    ),
    (
        "gpx/georust-gpx__garmin-activity.gpx",
        "GPX, 90 min at a steady 2.2–2.8 m/s",
    ),
    (
        "tcx/runpandas__11km.tcx",
        "steady 2.4–2.9 m/s, manual km laps, laps with stops at lights",
    ),
    (
        "tcx/sportslib__6281425038.tcx",
        "steady 2.4–3.2 m/s around a 10 min stop, distance laps",
    ),
    (
        "fit/gc__Fr955v19.28andStryd.fit",
        "steady run drifting from 3.0 to 3.8 m/s, manual laps without recoveries",
    ),
];

#[test]
fn steady_corpus_runs_have_no_intervals() {
    let Some(dir) = corpus() else { return };
    for (file, why) in STEADY_RUNS {
        let Some((_, seg)) = load(&dir, file) else {
            continue;
        };
        assert!(
            seg.intervals.is_none() && seg.workout.kind != WorkoutType::Intervals,
            "{file} ({why}): {}",
            reason(&seg.workout)
        );
    }
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
            assert!(!reason(&seg.workout).is_empty(), "{}", l.source);
            summary.push(format!("{}: {}", l.source, reason(&seg.workout)));
        }
    }
    for line in &summary {
        println!("{line}");
    }
}

/// A triathlon (swim, transition, bike, transition, run): only the run leg is a run, and it is
/// a long slow run/walk (5.5 h, 34.7 km, 15 min/mi), not a tempo. The other legs are
/// cross-training with no workout structure at all.
#[test]
fn multisport_legs_are_cross_training_and_the_run_is_long() {
    let Some(dir) = corpus() else { return };
    let path = dir.join("fit/gc__MultiSport-2019-11-24.fit");
    if !path.is_file() {
        eprintln!("notice: gc__MultiSport-2019-11-24.fit missing from the corpus; skipped");
        return;
    }
    let legs: Vec<Activity> = read_path(&path)
        .into_iter()
        .filter_map(|l| l.result.ok())
        .collect();
    assert_eq!(legs.len(), 5);
    for (k, mut act) in legs.into_iter().enumerate() {
        clean(&mut act, &CleanConfig::default());
        let seg = segment(&act, &SegmentConfig::default());
        if k < 4 {
            assert_eq!(
                seg.workout.kind,
                WorkoutType::CrossTraining,
                "leg {k}: {}",
                reason(&seg.workout)
            );
            assert!(seg.intervals.is_none() && seg.strides.is_empty(), "leg {k}");
            assert!(seg.hills.is_empty() && seg.tempo.is_empty(), "leg {k}");
        } else {
            // An Ironman marathon, 5.5 h at 15 min/mi with a third of it walked: a long run
            // done as run/walk.
            assert!(
                matches!(seg.workout.kind, WorkoutType::Long | WorkoutType::RunWalk),
                "{}",
                reason(&seg.workout)
            );
            assert!(seg.intervals.is_none() || seg.workout.kind == WorkoutType::RunWalk);
        }
    }
}

/// A Forerunner 305's two ordinary hour-long runs (GPS altitude only, +757 and +877 ft of
/// noise on 4.8 and 5.8 mi): the 4–9 m "climbs" the noise makes lie along the route, none
/// repeated, so they are the terrain, not hill reps (issue 12's first report read "7 reps …
/// at 53 % grade"; then 6 and 15 scattered reps of 4–5 m).
#[test]
fn gps_altitude_noise_scattered_along_a_run_is_not_hill_reps() {
    let Some(dir) = corpus() else { return };
    let path = dir.join("tcx/gc__activity_165850259_multi-session.tcx");
    if !path.is_file() {
        eprintln!(
            "notice: gc__activity_165850259_multi-session.tcx missing from the corpus; skipped"
        );
        return;
    }
    let mut runs = 0;
    for mut act in read_path(&path).into_iter().filter_map(|l| l.result.ok()) {
        clean(&mut act, &CleanConfig::default());
        let seg = segment(&act, &SegmentConfig::default());
        if seg.workout.kind == WorkoutType::CrossTraining {
            continue;
        }
        runs += 1;
        assert!(
            seg.hills.is_empty() && seg.workout.kind != WorkoutType::Hills,
            "{}",
            reason(&seg.workout)
        );
    }
    assert_eq!(runs, 2);
}

/// A long run of 12 km at 4:33–5:04 /km, then 5 km at 4:08–4:18 (labelled "long run with a
/// fast finish"): long, with its fast finish named over the last 5 km.
#[test]
fn a_long_runs_fast_finish_is_named() {
    let Some(dir) = corpus() else { return };
    let Some((_, seg)) = load(&dir, "fit/pytrainer__sample.fit") else {
        return;
    };
    assert_kind(&seg, WorkoutType::Long);
    let f = seg.fast_finish.expect("a fast finish");
    assert!(
        (4_800.0..=5_300.0).contains(&f.distance_m),
        "{f:?}: the last 5 km"
    );
    let pace_s_per_km = 1000.0 / f.avg_speed_mps;
    assert!((248.0..=258.0).contains(&pace_s_per_km), "{f:?}");
    assert!(reason(&seg.workout).contains("fast finish: last 3.1 mi"));
}

/// A long run of 14 flat minutes at ~4:35 /km, a trail section with walked climbs, then 22 flat
/// minutes at ~4:25 /km (labelled a plain long run): the finish only returns to the pace the
/// run opened at, so no fast finish (and no tempo) in any of its three formats.
#[test]
fn a_return_to_the_opening_pace_is_no_fast_finish() {
    let Some(dir) = corpus() else { return };
    for f in [
        "fit/sportslib__6782987395.fit",
        "tcx/sportslib__6782987395.tcx",
        "gpx/sportslib__6782987395.gpx",
    ] {
        let Some((_, seg)) = load(&dir, f) else {
            return;
        };
        assert_eq!(seg.workout.kind, WorkoutType::Long, "{f}");
        assert!(seg.fast_finish.is_none(), "{f}: {:?}", seg.fast_finish);
        assert!(seg.tempo.is_empty(), "{f}: {:?}", seg.tempo);
    }
}

/// Faster running inside a warm-up or cool-down is listed, where the labels describe it: the
/// 7-minute block at ~4:32 /km after the 1 km reps (3232–3664 s), and the 10 minutes at ~4:18
/// before the tempo of a treadmill session (the tempo starts at ~2433 s).
#[test]
fn fast_running_in_a_warm_up_or_cool_down_is_listed() {
    let Some(dir) = corpus() else { return };
    let Some((_, seg)) = load(&dir, "gpx/gc__Move_2014_01_17_09_33_11.gpx") else {
        return;
    };
    assert_eq!(seg.workout.kind, WorkoutType::Intervals);
    let [e] = seg.extra_efforts.as_slice() else {
        panic!("{:?}", seg.extra_efforts)
    };
    assert!(
        (e.start_s - 3232.0).abs() <= 60.0 && (e.end_s - 3664.0).abs() <= 60.0,
        "{e:?}"
    );
    let Some((_, seg)) = load(&dir, "fit/sportslib__6860622783.fit") else {
        return;
    };
    assert_eq!(seg.workout.kind, WorkoutType::Tempo);
    let [e] = seg.extra_efforts.as_slice() else {
        panic!("{:?}", seg.extra_efforts)
    };
    assert!(e.end_s < 2433.0 && e.elapsed_s >= 240.0, "{e:?}");
}

/// A steady 15.7 km long run at ~5:55 /km, smart-recorded GPX, whose GPS jumps 35 m back and
/// catches up at ~29 min: no 400 m best effort out of that jump (it read 1:47.7, 4:29 /km), and
/// no reps out of the GPS catch-ups the heart rate never answers.
#[test]
fn gps_jumps_make_no_best_effort_and_no_reps() {
    let Some(dir) = corpus() else { return };
    let Some((_, seg)) = load(
        &dir,
        "gpx/runpandas__4383adb2-5170-467c-85b8-2d983c415e5b.gpx",
    ) else {
        return;
    };
    assert_kind(&seg, WorkoutType::Long);
    assert!(seg.intervals.is_none(), "{:?}", seg.intervals);
    let b = seg
        .best_efforts
        .iter()
        .find(|e| e.name == "400m")
        .expect("a 400 m");
    // Not faster than 5:00 /km (the run's fastest kilometre splits are ~5:30).
    assert!(b.elapsed_s >= 120.0, "{b:?}");
}

/// The workout line in words, as `analyze` prints it (miles).
fn reason(w: &lapwise::segment::Workout) -> String {
    lapwise::report::workout::reason(w, lapwise::report::Units::Imperial)
}
