//! Grouping reps into sets and snapping them to track distances or round durations.

use serde::Serialize;

use crate::segment::SegmentConfig;
use crate::segment::smooth::median;

/// Standard track rep distances (m).
pub const TRACK_DISTANCES_M: &[f64] = &[
    200.0,
    300.0,
    400.0,
    600.0,
    800.0,
    1000.0,
    1200.0,
    1600.0,
    crate::model::MILE_M,
    2000.0,
    3000.0,
    2.0 * crate::model::MILE_M,
];

/// Round rep durations (s) that time-based reps cluster on.
pub const ROUND_DURATIONS_S: &[f64] = &[
    30.0, 45.0, 60.0, 90.0, 120.0, 150.0, 180.0, 240.0, 300.0, 360.0, 420.0, 480.0, 600.0, 720.0,
    900.0, 1200.0,
];

/// How a recovery between reps was spent, by its average speed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RestKind {
    /// Running slowly.
    Jog,
    /// Walking.
    Walk,
    /// Standing still (or nearly).
    Standing,
    /// No recovery: the next rep followed at once (gap shorter than `back_to_back_max_s`).
    None,
}

impl RestKind {
    /// Classify a recovery by its average speed.
    pub fn from_speed(v: f64, cfg: &SegmentConfig) -> RestKind {
        if v < cfg.intervals.rest_standing_max_mps {
            RestKind::Standing
        } else if v < cfg.intervals.rest_walk_max_mps {
            RestKind::Walk
        } else {
            RestKind::Jog
        }
    }

    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            RestKind::Jog => "jog",
            RestKind::Walk => "walk",
            RestKind::Standing => "standing",
            RestKind::None => "none",
        }
    }
}

/// The nearest track distance `d` could be a GPS reading of: within
/// `[D·(1 − snap_short_tol), D·(1 + snap_long_tol)]`.
pub fn snap_distance(d: f64, cfg: &SegmentConfig) -> Option<f64> {
    TRACK_DISTANCES_M
        .iter()
        .copied()
        .filter(|&t| {
            d >= t * (1.0 - cfg.intervals.snap_short_tol)
                && d <= t * (1.0 + cfg.intervals.snap_long_tol)
        })
        .min_by(|a, b| (a - d).abs().total_cmp(&(b - d).abs()))
}

/// The round duration within `cfg.intervals.time_rep_tol_s` of `s`, if any.
pub fn snap_duration(s: f64, cfg: &SegmentConfig) -> Option<f64> {
    ROUND_DURATIONS_S
        .iter()
        .copied()
        .filter(|&r| (r - s).abs() <= cfg.intervals.time_rep_tol_s.max(r * 0.02))
        .min_by(|a, b| (a - s).abs().total_cmp(&(b - s).abs()))
}

/// Whether two reps (distance m, duration s) are similar: distance or duration within
/// `cfg.intervals.rep_similar_tol` of the larger one.
pub fn similar(a: (f64, f64), b: (f64, f64), cfg: &SegmentConfig) -> bool {
    let close = |x: f64, y: f64| (x - y).abs() <= cfg.intervals.rep_similar_tol * x.max(y);
    close(a.0, b.0) || close(a.1, b.1)
}

/// Whether at least two of the reps are similar to each other. O(k log k): sorted by
/// distance and by duration, only neighbours need checking.
pub fn any_similar_pair(reps: &[(f64, f64)], cfg: &SegmentConfig) -> bool {
    let close = |x: f64, y: f64| (x - y).abs() <= cfg.intervals.rep_similar_tol * x.max(y);
    let mut d: Vec<f64> = reps.iter().map(|r| r.0).collect();
    let mut t: Vec<f64> = reps.iter().map(|r| r.1).collect();
    d.sort_by(f64::total_cmp);
    t.sort_by(f64::total_cmp);
    d.windows(2).any(|w| close(w[0], w[1])) || t.windows(2).any(|w| close(w[0], w[1]))
}

/// Split reps (in order) into runs of consecutive similar reps; returns the index ranges.
pub fn group_sets(reps: &[(f64, f64)], cfg: &SegmentConfig) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=reps.len() {
        let end_here = i == reps.len() || !similar(reps[start], reps[i], cfg);
        if end_here {
            if start < i {
                out.push(start..i);
            }
            start = i;
        }
    }
    out
}

/// What a set of reps was prescribed as: a track distance, a round duration, or neither.
/// Distance-based when the median distance snaps, unless distances spread (max − min over
/// mean, leaving out the rep farthest from the median when there are ≥ 4) more than
/// `cfg.intervals.time_rep_min_distance_spread` while durations spread less than half as much: then, or
/// when the distance does not snap, time-based if the duration snaps.
pub fn snap_set(reps: &[(f64, f64)], cfg: &SegmentConfig) -> (Option<f64>, Option<f64>) {
    // Spread without the one value farthest from the median when there are ≥ 4 reps: one
    // rep's GPS glitch must not turn a set of 400s into a set of 1:30s.
    let spread = |v: &[f64]| {
        let mut v = v.to_vec();
        if v.len() >= 4
            && let Some(m) = median(v.iter().copied())
            && let Some(far) =
                (0..v.len()).max_by(|&i, &j| (v[i] - m).abs().total_cmp(&(v[j] - m).abs()))
        {
            v.remove(far);
        }
        let (lo, hi) = v
            .iter()
            .fold((f64::INFINITY, 0.0f64), |(l, h), &x| (l.min(x), h.max(x)));
        let m = v.iter().sum::<f64>() / v.len().max(1) as f64;
        if m > 0.0 {
            (hi - lo) / m
        } else {
            f64::INFINITY
        }
    };
    let d: Vec<f64> = reps.iter().map(|r| r.0).collect();
    let t: Vec<f64> = reps.iter().map(|r| r.1).collect();
    let (Some(md), Some(mt)) = (median(d.iter().copied()), median(t.iter().copied())) else {
        return (None, None);
    };
    let by_distance = snap_distance(md, cfg);
    let by_time = snap_duration(mt, cfg);
    let (sd, st) = (spread(&d), spread(&t));
    if reps.len() >= 2
        && sd > cfg.intervals.time_rep_min_distance_spread
        && st < 0.5 * sd
        && by_time.is_some()
    {
        return (None, by_time);
    }
    match by_distance {
        Some(x) => (Some(x), None),
        None => (None, by_time),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapping() {
        let c = SegmentConfig::default();
        assert_eq!(snap_distance(385.0, &c), Some(400.0));
        assert_eq!(snap_distance(785.0, &c), Some(800.0));
        assert_eq!(snap_distance(750.0, &c), None);
        assert_eq!(snap_duration(61.5, &c), Some(60.0));
        assert_eq!(snap_duration(70.0, &c), None);
    }

    #[test]
    fn sets_and_time_based() {
        let c = SegmentConfig::default();
        let reps = [(400.0, 80.0), (395.0, 82.0), (800.0, 170.0), (790.0, 168.0)];
        assert_eq!(group_sets(&reps, &c), vec![0..2, 2..4]);
        assert!(any_similar_pair(&reps, &c));
        assert_eq!(snap_set(&reps[..2], &c), (Some(400.0), None));
        let timed = [(310.0, 60.0), (290.0, 60.5), (280.0, 59.5)];
        assert_eq!(snap_set(&timed, &c), (None, Some(60.0)));
        assert_eq!(RestKind::from_speed(0.2, &c), RestKind::Standing);
        assert_eq!(RestKind::from_speed(1.4, &c), RestKind::Walk);
        assert_eq!(RestKind::from_speed(2.5, &c), RestKind::Jog);
    }
}
