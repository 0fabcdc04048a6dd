//! Pacing evenness on simulated runs: even, positive and negative splits, pauses.

use crate::score_support;

use lapwise::score::PacingLabel;
use score_support::*;

#[test]
fn perfectly_even_run_scores_at_least_95_and_is_even() {
    for seed in 1..=5 {
        let speeds = vec![3.2; 50 * 60];
        let a = analysed(run(&speeds, 0.3, seed, cadence_model));
        let p = a.analysis.scores.pacing.expect("pacing score");
        assert!(p.evenness >= 95.0, "seed {seed}: {p:?}");
        assert_eq!(p.label, PacingLabel::Even, "seed {seed}");
        assert!(p.cv_pct < 0.5);
    }
}

#[test]
fn positive_split_is_labelled_positive() {
    let mut s = Vec::new();
    cover(&mut s, 3.4, 5000.0);
    cover(&mut s, 3.1, 5000.0);
    let p = analysed(run(&s, 0.3, 3, cadence_model))
        .analysis
        .scores
        .pacing
        .expect("pacing");
    assert_eq!(p.label, PacingLabel::Positive, "{p:?}");
    assert!(
        (p.half_split_pct - (3.4 / 3.1 - 1.0) * 100.0).abs() < 1.5,
        "{p:?}"
    );
    assert!(p.evenness < 95.0);
}

#[test]
fn negative_split_is_labelled_negative() {
    let mut s = Vec::new();
    cover(&mut s, 3.0, 4000.0);
    cover(&mut s, 3.3, 4000.0);
    let p = analysed(run(&s, 0.3, 4, cadence_model))
        .analysis
        .scores
        .pacing
        .expect("pacing");
    assert_eq!(p.label, PacingLabel::Negative, "{p:?}");
    assert!(p.half_split_pct < -5.0);
}

#[test]
fn a_pause_does_not_hurt_evenness() {
    let mut s = vec![3.2; 25 * 60];
    s.extend(std::iter::repeat_n(0.0, 120)); // standing at a crossing
    s.extend(std::iter::repeat_n(3.2, 25 * 60));
    let p = analysed(run(&s, 0.2, 5, cadence_model))
        .analysis
        .scores
        .pacing
        .expect("pacing");
    assert!(p.evenness >= 95.0, "{p:?}");
    assert_eq!(p.label, PacingLabel::Even);
}

#[test]
fn short_run_has_no_pacing_score() {
    let a = analysed(run(&vec![3.0; 120], 0.0, 1, cadence_model));
    assert!(a.analysis.scores.pacing.is_none());
}

#[test]
fn a_time_trial_is_scored_on_the_mile_itself() {
    // fixtures/mile-tt.fit: warm-up, strides, a wait at the line, a coached mile, cool-down.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/mile-tt.fit");
    let (ok, failed) = lapwise::pipeline::analyze_path(
        &path,
        &lapwise::pipeline::options_for(lapwise::report::Units::Imperial),
    );
    assert!(failed.is_empty());
    let a = &ok[0].analysis;
    assert_eq!(a.segmentation.workout.kind.as_str(), "time_trial");
    let p = a.scores.pacing.as_ref().expect("pacing score");
    let mile = a.segmentation.mile_effort.as_ref().expect("mile effort");
    assert!((p.start_s - mile.start_s).abs() < 1e-6 && (p.end_s - mile.end_s).abs() < 1e-6);
    // On the track the mile is timed on the watch's speed from the standing start; the GPS
    // distance over the same window reads within a percent or two of a mile.
    assert!(
        (p.distance_m - 1609.344).abs() < 0.02 * 1609.344,
        "{}",
        p.distance_m
    );
}

/// A session of reps has no whole-run evenness (fast and slow by design: fixtures/track-6x400
/// read "evenness 33/100, positive split" over its work block); its warm-up is still scored,
/// and the terminal says why there is no whole-run line.
#[test]
fn a_session_of_reps_has_no_whole_run_evenness() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/track-6x400.fit");
    let units = lapwise::report::Units::Imperial;
    let (ok, failed) =
        lapwise::pipeline::analyze_path(&path, &lapwise::pipeline::options_for(units));
    assert!(failed.is_empty());
    let a = &ok[0].analysis;
    assert_eq!(a.segmentation.workout.kind.as_str(), "intervals");
    assert!(a.scores.pacing.is_none(), "{:?}", a.scores.pacing);
    assert!(
        a.scores
            .pacing_parts
            .iter()
            .any(|p| p.kind == lapwise::segment::SegmentKind::Warmup)
    );
    let text = lapwise::report::terminal::render(&ok[0], units);
    assert!(text.contains("Pacing     steady parts only"), "{text}");
}
