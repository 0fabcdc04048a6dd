//! Pacing evenness from equal-distance splits: coefficient of variation of split speed,
//! first-half vs second-half time, and a negative / even / positive split label.

use serde::Serialize;

use super::{distance_at, moving_between, time_at_distance, weighted_cv_pct};
use crate::model::Activity;
use crate::segment::{SegmentKind, Segmentation, WorkoutType};

/// Pacing thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct PacingConfig {
    /// Evenness points lost per 1 % of split-speed CV (default 8: CV 0.6 % → 95, 2.5 % → 80,
    /// 12.5 % → 0).
    pub evenness_per_cv_pct: f64,
    /// Second half within ± this % of the first half's time counts as even (default 1.0).
    pub even_split_pct: f64,
    /// Splits per unit when the range covers at least this many units; otherwise the range is
    /// cut into this many equal splits (default 4).
    pub min_splits: usize,
    /// A final partial split shorter than this fraction of the split length is left out;
    /// longer ones count with a weight equal to their length (default 0.5).
    pub min_partial_fraction: f64,
    /// Shortest range scored (m, default 800).
    pub min_distance_m: f64,
    /// Shortest steady part scored on its own (m, default 1500: a mile, less the shortfall of a
    /// GPS measure; a 1-mile cool-down measured 1596.8 m).
    pub min_part_m: f64,
}

impl Default for PacingConfig {
    fn default() -> Self {
        PacingConfig {
            evenness_per_cv_pct: 8.0,
            even_split_pct: 1.0,
            min_splits: 4,
            min_partial_fraction: 0.5,
            min_distance_m: 800.0,
            min_part_m: 1500.0,
        }
    }
}

/// Which half was faster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PacingLabel {
    /// Second half faster by more than the even threshold.
    Negative,
    /// Halves within the even threshold.
    Even,
    /// Second half slower by more than the even threshold.
    Positive,
}

impl PacingLabel {
    /// Contract spelling (`negative`, `even`, `positive`).
    pub fn as_str(self) -> &'static str {
        match self {
            PacingLabel::Negative => "negative",
            PacingLabel::Even => "even",
            PacingLabel::Positive => "positive",
        }
    }
}

/// Pacing evenness of one stretch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PacingScore {
    /// 0–100, higher is more even: `100 − evenness_per_cv_pct × cv_pct`, clamped.
    pub evenness: f64,
    /// Coefficient of variation of split speed (distance-weighted), %.
    pub cv_pct: f64,
    /// (second-half moving time − first-half moving time) / first-half time × 100, halves by
    /// distance; positive means the second half was slower.
    pub half_split_pct: f64,
    /// Negative, even or positive split.
    pub label: PacingLabel,
    /// Start of the scored range, elapsed s.
    pub start_s: f64,
    /// End of the scored range, elapsed s.
    pub end_s: f64,
    /// Distance of the scored range (m).
    pub distance_m: f64,
    /// Length of the splits used (m).
    pub split_m: f64,
    /// Split speeds used (m/s), in order.
    pub split_speeds_mps: Vec<f64>,
    /// Average moving speed of the range (m/s).
    pub avg_speed_mps: f64,
}

/// The evenness of one steady part of the run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartPacing {
    /// What the part was.
    pub kind: SegmentKind,
    /// The part's score.
    #[serde(flatten)]
    pub score: PacingScore,
}

/// The whole run (for a time trial: the mile effort itself; none for a session of reps, whose
/// fast reps and slow recoveries are uneven by design and are judged by the interval score,
/// nor for a tempo session with a warm-up or cool-down, whose tempo is judged as a part) and
/// each steady part.
pub fn score_pacing(
    act: &Activity,
    seg: &Segmentation,
    cfg: &PacingConfig,
) -> (Option<PacingScore>, Vec<PartPacing>) {
    let t = &act.samples.time_s;
    let (Some(&t0), Some(&t1)) = (t.first(), t.last()) else {
        return (None, Vec::new());
    };
    let unit = split_unit(seg);
    let mut a = t0;
    let mut b = t1;
    // Around structured efforts the warm-up and cool-down are deliberately slower: leave them
    // out. A progression run is scored whole; a tempo session only by its parts.
    let reps = matches!(
        seg.workout.kind,
        WorkoutType::Intervals | WorkoutType::Hills
    );
    let structured = reps || seg.workout.kind == WorkoutType::TimeTrial;
    if let (WorkoutType::TimeTrial, Some(m)) = (seg.workout.kind, seg.mile_effort.as_ref()) {
        // A time trial or race is judged on the effort itself (strides and the wait at the
        // start line are not pacing).
        a = m.start_s;
        b = m.end_s;
    } else if structured {
        if let Some(w) = seg
            .segments
            .first()
            .filter(|s| s.kind == SegmentKind::Warmup)
        {
            a = w.end_s;
        }
        if let Some(c) = seg
            .segments
            .last()
            .filter(|s| s.kind == SegmentKind::Cooldown)
        {
            b = c.start_s;
        }
    }
    // A tempo session with a warm-up or cool-down changes pace by design: its tempo is judged
    // as a part (below), not the whole run (whose evenness read 0/100 on a well-run tempo).
    let tempo_session = seg.workout.kind == WorkoutType::Tempo && seg.segments.len() > 1;
    let whole = if reps || tempo_session {
        None
    } else {
        score_range(act, a, b, unit, cfg)
    };
    let parts = if seg.segments.len() > 1 {
        seg.segments
            .iter()
            .filter(|s| {
                matches!(
                    s.kind,
                    SegmentKind::Easy
                        | SegmentKind::Tempo
                        | SegmentKind::Warmup
                        | SegmentKind::Cooldown
                ) && s.distance_m >= cfg.min_part_m
            })
            .filter_map(|s| {
                score_range(act, s.start_s, s.end_s, unit, cfg).map(|score| PartPacing {
                    kind: s.kind,
                    score,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    (whole, parts)
}

/// The split length segmentation used (the longest full split), else 1 km.
fn split_unit(seg: &Segmentation) -> f64 {
    seg.splits
        .iter()
        .filter(|s| !s.partial)
        .map(|s| s.distance_m)
        .fold(0.0_f64, f64::max)
        .round()
        .max(if seg.splits.is_empty() { 1000.0 } else { 0.0 })
        .max(100.0)
}

/// Label for a half-split percentage.
pub fn label_for(half_split_pct: f64, cfg: &PacingConfig) -> PacingLabel {
    if half_split_pct > cfg.even_split_pct {
        PacingLabel::Positive
    } else if half_split_pct < -cfg.even_split_pct {
        PacingLabel::Negative
    } else {
        PacingLabel::Even
    }
}

/// Score the stretch `[a, b]` (elapsed s) with splits of `unit` metres (or `min_splits`
/// equal parts when shorter). Pauses count nowhere: split speed is distance / moving time.
pub fn score_range(
    act: &Activity,
    a: f64,
    b: f64,
    unit: f64,
    cfg: &PacingConfig,
) -> Option<PacingScore> {
    let (da, db) = (distance_at(act, a), distance_at(act, b));
    let dist = db - da;
    if !(dist.is_finite() && dist >= cfg.min_distance_m && b > a) {
        return None;
    }
    let n_min = cfg.min_splits.max(2) as f64;
    let split_m = if dist >= n_min * unit {
        unit
    } else {
        dist / n_min
    };
    let mut items = Vec::new();
    let mut start_t = a;
    let mut k = 1.0;
    loop {
        let target = da + k * split_m;
        let (end_t, len) = if target < db - 1e-6 {
            (time_at_distance(act, target).unwrap_or(b).min(b), split_m)
        } else {
            (b, db - (target - split_m))
        };
        let moving = moving_between(act, start_t, end_t);
        let keep = len >= cfg.min_partial_fraction * split_m - 1e-6;
        if keep && moving > 0.0 && len > 0.0 {
            items.push((len / moving, len));
        }
        if end_t >= b || target >= db - 1e-6 {
            break;
        }
        start_t = end_t;
        k += 1.0;
    }
    let (_, cv_pct) = weighted_cv_pct(&items)?;
    let mid_t = time_at_distance(act, da + dist / 2.0)?.clamp(a, b);
    let (m1, m2) = (moving_between(act, a, mid_t), moving_between(act, mid_t, b));
    if m1 <= 0.0 || m2 <= 0.0 {
        return None;
    }
    let half_split_pct = 100.0 * (m2 - m1) / m1;
    Some(PacingScore {
        evenness: (100.0 - cfg.evenness_per_cv_pct * cv_pct).clamp(0.0, 100.0),
        cv_pct,
        half_split_pct,
        label: label_for(half_split_pct, cfg),
        start_s: a,
        end_s: b,
        distance_m: dist,
        split_m,
        split_speeds_mps: items.iter().map(|&(v, _)| v).collect(),
        avg_speed_mps: dist / (m1 + m2),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_threshold() {
        let cfg = PacingConfig::default();
        assert_eq!(label_for(0.5, &cfg), PacingLabel::Even);
        assert_eq!(label_for(-0.99, &cfg), PacingLabel::Even);
        assert_eq!(label_for(2.0, &cfg), PacingLabel::Positive);
        assert_eq!(label_for(-2.0, &cfg), PacingLabel::Negative);
    }
}
