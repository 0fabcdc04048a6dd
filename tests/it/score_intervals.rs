//! Interval scores on the track fixture, goals, and robustness of scoring on odd input.

use crate::score_support;

use std::path::Path;

use lapwise::model::{Activity, Meta, SamplePoint, SourceFormat};
use lapwise::pipeline::{analyze_path, options_for};
use lapwise::report::Units;
use lapwise::score::Goal;
use score_support::*;

#[test]
fn track_reps_are_scored_against_goal() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/track-6x400.fit");
    let mut opts = options_for(Units::Imperial);
    opts.goals = vec![
        Goal {
            distance_m: 400.0,
            time_s: 90.0,
        },
        Goal {
            distance_m: 1609.344,
            time_s: 420.0,
        },
    ];
    let (ok, _) = analyze_path(&path, &opts);
    let iv = ok[0]
        .analysis
        .scores
        .intervals
        .as_ref()
        .expect("interval score");
    assert!(iv.reps.len() >= 5, "{iv:?}");
    // Every ~400 m rep takes the 400 m goal, and most were run at 1:30 ± 1 s (the plan).
    assert!(
        iv.reps
            .iter()
            .all(|r| r.goal.is_some_and(|g| g.distance_m == 400.0))
    );
    let on = iv
        .reps
        .iter()
        .filter(|r| r.goal_deviation_s.is_some_and(|d| d.abs() <= 2.0))
        .count();
    assert!(on >= 3, "{iv:?}");
    assert!(
        iv.mean_rest_s.is_some_and(|r| (100.0..140.0).contains(&r)),
        "{iv:?}"
    );
    assert!(iv.rest_cv_pct.is_some_and(|c| c < 10.0));
}

#[test]
fn scoring_never_panics_on_odd_input() {
    let mut empty = Activity::new(Meta::new("x", SourceFormat::Fit));
    let _ = analysed(empty.clone());
    empty.samples.push(SamplePoint {
        time_s: 0.0,
        ..Default::default()
    });
    let a = analysed(empty.clone());
    assert!(a.analysis.scores.pacing.is_none());
    for i in 1..50 {
        empty.samples.push(SamplePoint {
            time_s: i as f64,
            distance_m: f64::NAN,
            speed_mps: f64::NAN,
            ..Default::default()
        });
    }
    let _ = analysed(empty);
    let _ = analysed(run(&vec![0.0; 300], 0.0, 1, cadence_model));
}
