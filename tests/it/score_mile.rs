//! Mile-effort verdicts on constructed lap patterns, and the intervals score.

use lapwise::score::mile::{MileConfig, score_mile};
use lapwise::segment::MileEffort;
use lapwise::segment::mile::LapConvention;

fn mile(laps: [f64; 4], pieces: [f64; 4]) -> MileEffort {
    MileEffort {
        start_s: 0.0,
        end_s: laps.iter().sum(),
        elapsed_s: laps.iter().sum(),
        laps_s: laps,
        last_lap_100m_s: pieces,
        laps_from_device: false,
        lap_convention: LapConvention::Quarters,
        lap_marks_m: LapConvention::Quarters.marks_m(),
        from_standing_start: false,
        speed_ratio: None,
        time_trial: true,
    }
}

#[test]
fn coached_pattern_follows_the_plan() {
    // Goal 6:00 → 90 s quarters: lap 1 a second slow, 2–3 on pace, lap 4 fastest, building.
    let m = mile([91.0, 90.0, 90.2, 88.0], [22.6, 22.2, 21.8, 21.4]);
    let s = score_mile(&m, Some(360.0), &MileConfig::default());
    assert_eq!(s.laps_on_plan, 4, "{s:?}");
    assert!(s.last_lap_accelerating);
    assert!(s.laps[3].verdict.contains("fastest"));
}

#[test]
fn too_fast_first_lap_is_called_out() {
    let m = mile([87.9, 90.0, 90.0, 88.0], [22.6, 22.2, 21.8, 21.4]);
    let s = score_mile(&m, Some(360.0), &MileConfig::default());
    assert!(!s.laps[0].on_plan);
    assert_eq!(s.laps[0].verdict, "lap 1 went out 2.1 s too fast");
}

#[test]
fn slow_third_lap_is_called_out() {
    let m = mile([90.5, 90.0, 93.0, 88.0], [22.6, 22.2, 21.8, 21.4]);
    let s = score_mile(&m, Some(360.0), &MileConfig::default());
    assert!(!s.laps[2].on_plan, "{:?}", s.laps[2]);
    assert!(
        s.laps[2].verdict.contains("slowed 3.0 s"),
        "{}",
        s.laps[2].verdict
    );
    assert!(s.laps[3].on_plan);
}

#[test]
fn lap_four_not_fastest_and_fading_pieces() {
    let m = mile([90.5, 90.0, 90.0, 91.0], [22.0, 22.5, 23.0, 23.5]);
    let s = score_mile(&m, Some(360.0), &MileConfig::default());
    assert!(!s.laps[3].on_plan);
    assert!(!s.last_lap_accelerating);
    assert!(s.verdict.contains("did not build"));
}

#[test]
fn without_goal_even_pace_is_the_reference() {
    let m = mile([88.0, 91.0, 91.0, 90.0], [23.0, 22.6, 22.3, 22.1]);
    let s = score_mile(&m, None, &MileConfig::default());
    assert!((s.reference_mile_s - 360.0).abs() < 1e-9);
    assert!((s.laps[0].reference_s - 90.0).abs() < 1e-9);
    assert!(s.laps[0].verdict.contains("too fast"));
    assert!((s.vs_average_all_s - (360.0 - 424.0)).abs() < 1e-9);
    let five_k = s
        .predictions
        .iter()
        .find(|p| p.name == "5K")
        .map(|p| p.riegel_s);
    assert!(five_k.is_some_and(|t| (1180.0..1215.0).contains(&t)));
}
