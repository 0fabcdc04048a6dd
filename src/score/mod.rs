//! Scores: how evenly a run was paced, how consistent interval reps were, how a mile effort
//! followed the coaching plan, and where cadence sat against the 170–180 steps/min guideline.
//!
//! Entry point: [`score`]. Every threshold is a field of [`ScoreConfig`] with a documented
//! default; the formulas are in docs/metrics.md (section 5). Inputs are the cleaned activity and
//! the public output of segmentation; outputs are SI (m, s, m/s) plus unit-free verdicts.

pub mod cadence;
pub mod intervals;
pub mod mile;
pub mod pacing;
pub mod parse;

use serde::Serialize;

use crate::model::Activity;
use crate::segment::Segmentation;
use crate::segment::window::{value_at, window_stats};
pub use cadence::{CadenceConfig, CadenceScore};
pub use intervals::IntervalScore;
pub use mile::MileScore;
pub use pacing::{PacingConfig, PacingLabel, PacingScore};

/// A goal time for a distance (`--goal 400m=1:30`): a pace.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Goal {
    /// Distance the time is for (m).
    pub distance_m: f64,
    /// Goal time for that distance (s).
    pub time_s: f64,
}

impl Goal {
    /// Goal speed (m/s).
    pub fn speed_mps(&self) -> f64 {
        self.distance_m / self.time_s
    }
}

/// All tunable thresholds of scoring.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScoreConfig {
    /// Pacing evenness thresholds.
    pub pacing: PacingConfig,
    /// Interval consistency thresholds.
    pub intervals: intervals::IntervalConfig,
    /// Mile-plan tolerances.
    pub mile: mile::MileConfig,
    /// Cadence band and walking cut-offs.
    pub cadence: CadenceConfig,
}

/// What to score against.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScoreOptions {
    /// Goal paces for interval reps (`--goal`), matched to reps by nearest distance.
    pub goals: Vec<Goal>,
    /// Goal mile time in seconds (`--goal-mile`).
    pub goal_mile_s: Option<f64>,
    /// Thresholds.
    pub config: ScoreConfig,
}

/// Every score of one activity. Fields are `None` when they do not apply (no intervals, no
/// mile effort, no cadence channel, too little distance).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Scores {
    /// Pacing evenness of the run (warm-up and cool-down excluded around structured efforts).
    pub pacing: Option<PacingScore>,
    /// Pacing evenness of each steady part (easy, tempo, warm-up, cool-down) long enough.
    pub pacing_parts: Vec<pacing::PartPacing>,
    /// Rep-to-rep consistency, fade and rest consistency.
    pub intervals: Option<IntervalScore>,
    /// The mile effort lap by lap against the coaching plan.
    pub mile: Option<MileScore>,
    /// Cadence against the 170–180 steps/min guideline.
    pub cadence: Option<CadenceScore>,
}

/// Score one cleaned, segmented activity.
pub fn score(act: &Activity, seg: &Segmentation, opts: &ScoreOptions) -> Scores {
    let cfg = &opts.config;
    let (pacing, pacing_parts) = pacing::score_pacing(act, seg, &cfg.pacing);
    Scores {
        pacing,
        pacing_parts,
        intervals: seg
            .intervals
            .as_ref()
            .and_then(|iv| intervals::score_intervals(iv, &opts.goals, &cfg.intervals)),
        mile: mile::pick_mile(seg, opts.goal_mile_s)
            .map(|m| mile::score_mile(m, opts.goal_mile_s, &cfg.mile)),
        cadence: cadence::score_cadence(act, seg, &cfg.cadence),
    }
}

/// Earliest elapsed time at which cumulative distance reaches `target` (interpolated);
/// `None` when the run never gets there.
pub fn time_at_distance(act: &Activity, target: f64) -> Option<f64> {
    let s = &act.samples;
    let n = s.time_s.len().min(s.distance_m.len());
    let (t, d) = (&s.time_s[..n], &s.distance_m[..n]);
    let j = d.partition_point(|&x| x.is_nan() || x < target);
    let (t1, d1) = (*t.get(j)?, *d.get(j)?);
    if j == 0 {
        return Some(t1);
    }
    let (t0, d0) = (t[j - 1], d[j - 1]);
    Some(if d1 > d0 && d0.is_finite() {
        t0 + (target - d0) / (d1 - d0) * (t1 - t0)
    } else {
        t1
    })
}

/// Cumulative distance at elapsed time `t` (interpolated).
pub fn distance_at(act: &Activity, t: f64) -> f64 {
    value_at(&act.samples.time_s, &act.samples.distance_m, t)
}

/// Moving seconds inside `[a, b]`.
pub fn moving_between(act: &Activity, a: f64, b: f64) -> f64 {
    window_stats(act, a, b).moving_s
}

/// Weighted mean and coefficient of variation (population, %) of `(value, weight)` pairs;
/// `None` without positive total weight or with a non-positive mean.
pub fn weighted_cv_pct(items: &[(f64, f64)]) -> Option<(f64, f64)> {
    let w: f64 = items.iter().map(|&(_, w)| w).sum();
    if w.is_nan() || w <= 0.0 {
        return None;
    }
    let mean = items.iter().map(|&(v, w)| v * w).sum::<f64>() / w;
    if mean.is_nan() || mean <= 0.0 {
        return None;
    }
    let var = items
        .iter()
        .map(|&(v, w)| w * (v - mean) * (v - mean))
        .sum::<f64>()
        / w;
    Some((mean, 100.0 * var.sqrt() / mean))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cv_of_equal_values_is_zero() {
        let (m, cv) = weighted_cv_pct(&[(3.0, 1.0), (3.0, 2.0)]).unwrap_or_default();
        assert_eq!(m, 3.0);
        assert_eq!(cv, 0.0);
        assert!(weighted_cv_pct(&[]).is_none());
        let (_, cv) = weighted_cv_pct(&[(9.0, 1.0), (11.0, 1.0)]).unwrap_or_default();
        assert!((cv - 10.0).abs() < 1e-9);
    }
}
