//! Interval detection on synthetic sessions with known truth.

use lapwise::model::Lap;
use lapwise::segment::SegmentConfig;
use lapwise::segment::intervals::detect_intervals;
use lapwise::segment::laps::laps_are_structure;
use lapwise::segment::profile::speed_profile;
use lapwise::segment::reps::RestKind;
use lapwise::segment::synth::{Profile, run_from_speeds};

/// Warm-up 15 min easy, `reps` × `metres` at `fast` m/s with `rest_s` jog, 10 min cool-down.
/// Returns the speeds and the true (start, end) of each rep in elapsed seconds.
fn session(
    reps: usize,
    metres: f64,
    fast: f64,
    rest_s: usize,
    jog: f64,
) -> (Vec<f64>, Vec<(f64, f64)>) {
    let easy = 3.0;
    let mut p = Profile::default().hold(easy, 15 * 60);
    let mut truth = Vec::new();
    for k in 0..reps {
        let a = p.now() - 0.5;
        p = p.cover(fast, metres);
        truth.push((a, p.now() - 0.5));
        if k + 1 < reps {
            p = p.hold(jog, rest_s);
        }
    }
    p = p.hold(easy, 10 * 60);
    (p.speeds, truth)
}

#[test]
fn six_by_400_with_noise_exact_reps_and_boundaries() {
    let cfg = SegmentConfig::default();
    for seed in 1..=25 {
        let (speeds, truth) = session(6, 400.0, 6.0, 120, 2.4);
        let act = run_from_speeds(&speeds, seed);
        let prof = speed_profile(&act, &cfg).expect("profile");
        let iv = detect_intervals(&act, &prof, &cfg).expect("intervals");
        assert_eq!(iv.reps.len(), 6, "seed {seed}: {:?}", iv.reps);
        for (r, (a, b)) in iv.reps.iter().zip(&truth) {
            assert!(
                (r.start_s - a).abs() <= 3.0,
                "seed {seed} start {} vs {a}",
                r.start_s
            );
            assert!(
                (r.end_s - b).abs() <= 3.0,
                "seed {seed} end {} vs {b}",
                r.end_s
            );
        }
        assert_eq!(iv.sets.len(), 1);
        assert_eq!(iv.sets[0].rep_distance_m, Some(400.0));
        assert_eq!(iv.sets[0].rest_kind, Some(RestKind::Jog));
        assert_eq!(iv.recoveries.len(), 5);
    }
}

#[test]
fn time_based_reps_and_walk_rests() {
    let cfg = SegmentConfig::default();
    let mut p = Profile::default().hold(3.0, 900);
    for _ in 0..5 {
        p = p.hold(4.6, 120).hold(1.3, 90);
    }
    p = p.hold(3.0, 600);
    let act = run_from_speeds(&p.speeds, 9);
    let prof = speed_profile(&act, &cfg).expect("profile");
    let iv = detect_intervals(&act, &prof, &cfg).expect("intervals");
    assert_eq!(iv.reps.len(), 5, "{:?}", iv.reps);
    assert_eq!(iv.sets[0].rep_duration_s, Some(120.0), "{:?}", iv.sets);
    assert_eq!(iv.sets[0].rest_kind, Some(RestKind::Walk));
}

#[test]
fn steady_noisy_runs_have_no_intervals() {
    let cfg = SegmentConfig::default();
    for seed in 1..=25 {
        let speeds = vec![3.0; 3600];
        let act = run_from_speeds(&speeds, seed);
        let prof = speed_profile(&act, &cfg).expect("profile");
        assert!(detect_intervals(&act, &prof, &cfg).is_none(), "seed {seed}");
    }
}

#[test]
fn single_fast_block_is_not_intervals() {
    let cfg = SegmentConfig::default();
    let p = Profile::default()
        .hold(3.0, 900)
        .hold(4.5, 600)
        .hold(3.0, 900);
    let act = run_from_speeds(&p.speeds, 4);
    let prof = speed_profile(&act, &cfg).expect("profile");
    assert!(detect_intervals(&act, &prof, &cfg).is_none());
}

#[test]
fn structural_laps_snap_boundaries() {
    let cfg = SegmentConfig::default();
    let (speeds, truth) = session(4, 800.0, 5.0, 90, 2.5);
    let mut act = run_from_speeds(&speeds, 3);
    let mut t = 0.0;
    for (a, b) in &truth {
        act.laps.push(Lap {
            start_s: t,
            end_s: a + 1.0,
            intensity: Some(lapwise::model::LapIntensity::Rest),
            ..Default::default()
        });
        act.laps.push(Lap {
            start_s: a + 1.0,
            end_s: b + 1.0,
            intensity: Some(lapwise::model::LapIntensity::Active),
            ..Default::default()
        });
        t = b + 1.0;
    }
    assert!(laps_are_structure(&act));
    let prof = speed_profile(&act, &cfg).expect("profile");
    let iv = detect_intervals(&act, &prof, &cfg).expect("intervals");
    assert!(iv.used_laps);
    assert_eq!(iv.reps.len(), 4);
    // Snapped into [sample before the lap boundary, lap boundary] (1 s at 1 Hz).
    for (r, (a, _)) in iv.reps.iter().zip(&truth) {
        assert!(
            r.start_s <= a + 1.0 + 1e-9 && r.start_s >= a + 1.0 - 1.0,
            "{} vs {}",
            r.start_s,
            a + 1.0
        );
    }
    assert_eq!(iv.sets[0].rep_distance_m, Some(800.0));
}

#[test]
fn five_by_1000_modest_contrast_and_standing_rests() {
    let cfg = SegmentConfig::default();
    let mut p = Profile::default().hold(3.0, 900);
    let mut truth = Vec::new();
    for k in 0..5 {
        let a = p.now() - 0.5;
        p = p.cover(3.9, 1000.0);
        truth.push((a, p.now() - 0.5));
        if k < 4 {
            p = p.hold(0.0, 90);
        }
    }
    p = p.hold(3.0, 600);
    for seed in 1..=10 {
        let act = run_from_speeds(&p.speeds, seed);
        let prof = speed_profile(&act, &cfg).expect("profile");
        let iv = detect_intervals(&act, &prof, &cfg).expect("intervals");
        assert_eq!(iv.reps.len(), 5, "seed {seed}");
        for (r, (a, b)) in iv.reps.iter().zip(&truth) {
            assert!(
                (r.start_s - a).abs() <= 3.0 && (r.end_s - b).abs() <= 3.0,
                "seed {seed}: {r:?} vs {a}-{b}"
            );
        }
        assert_eq!(iv.sets[0].rep_distance_m, Some(1000.0));
        assert_eq!(iv.sets[0].rest_kind, Some(RestKind::Standing));
    }
}

#[test]
fn progression_run_is_not_intervals() {
    let cfg = SegmentConfig::default();
    let p = Profile::default()
        .hold(3.0, 600)
        .hold(3.4, 600)
        .hold(3.8, 600);
    for seed in 1..=5 {
        let act = run_from_speeds(&p.speeds, seed);
        let prof = speed_profile(&act, &cfg).expect("profile");
        assert!(detect_intervals(&act, &prof, &cfg).is_none(), "seed {seed}");
    }
}

#[test]
fn eight_by_200_fast_short_reps() {
    let cfg = SegmentConfig::default();
    let (speeds, truth) = session(8, 200.0, 6.0, 80, 2.5);
    for seed in 1..=10 {
        let act = run_from_speeds(&speeds, seed);
        let prof = speed_profile(&act, &cfg).expect("profile");
        let iv = detect_intervals(&act, &prof, &cfg).expect("intervals");
        assert_eq!(iv.reps.len(), 8, "seed {seed}: {:?}", iv.reps);
        for (r, (a, b)) in iv.reps.iter().zip(&truth) {
            assert!(
                (r.start_s - a).abs() <= 3.0 && (r.end_s - b).abs() <= 3.0,
                "seed {seed}"
            );
        }
        assert_eq!(iv.sets[0].rep_distance_m, Some(200.0));
    }
}

#[test]
fn heavier_noise_still_within_three_seconds() {
    let cfg = SegmentConfig::default();
    let (speeds, truth) = session(6, 800.0, 5.0, 120, 2.5);
    for seed in 1..=10 {
        let act = lapwise::segment::synth::run_with_noise(&speeds, 0.6, seed);
        let prof = speed_profile(&act, &cfg).expect("profile");
        let iv = detect_intervals(&act, &prof, &cfg).expect("intervals");
        assert_eq!(iv.reps.len(), 6, "seed {seed}");
        for (r, (a, b)) in iv.reps.iter().zip(&truth) {
            assert!(
                (r.start_s - a).abs() <= 3.0 && (r.end_s - b).abs() <= 3.0,
                "seed {seed}: {r:?} {a} {b}"
            );
        }
    }
}

/// Speed from positions alone (a GPX) makes surges of its own when the GPS catches up; reps
/// read from that speed stream must raise the heart rate where it was recorded.
#[test]
fn reps_from_positions_must_raise_the_heart_rate() {
    let cfg = SegmentConfig::default();
    let (speeds, truth) = session(5, 400.0, 5.0, 120, 2.4);
    let found = |recorded: bool, hr_answers: bool| -> usize {
        let mut act = run_from_speeds(&speeds, 0);
        act.meta.speed_recorded = recorded;
        if hr_answers {
            // 15 bpm up from 5 s into each rep to 30 s after it (the synthetic HR is flat).
            for (t, h) in act.samples.time_s.iter().zip(act.samples.hr_bpm.iter_mut()) {
                if truth.iter().any(|&(a, b)| (a + 5.0..b + 30.0).contains(t)) {
                    *h = 165.0;
                }
            }
        }
        let prof = speed_profile(&act, &cfg).expect("a speed profile");
        detect_intervals(&act, &prof, &cfg).map_or(0, |iv| iv.reps.len())
    };
    assert_eq!(found(true, false), 5, "recorded speed needs no heart rate");
    assert_eq!(
        found(false, true),
        5,
        "reps from positions that raise the heart rate"
    );
    assert_eq!(
        found(false, false),
        0,
        "surges the heart rate never answers"
    );
}
