//! Lap-free interval detection from the speed stream, reconciled with structural device laps.

use serde::Serialize;

use super::SegmentConfig;
use super::laps::{lap_boundaries, laps_are_structure, nearest_boundary};
use super::profile::{SpeedProfile, hysteresis_blocks, refine_boundary};
use super::reps::{
    RestKind, any_similar_pair, group_sets, snap_distance, snap_duration, snap_set,
};
use super::series::{value_at_time, window_stats};
use crate::model::Activity;

/// One work rep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rep {
    /// Start, elapsed seconds since the first sample.
    pub start_s: f64,
    /// End, elapsed seconds since the first sample.
    pub end_s: f64,
    /// Distance covered (m).
    pub distance_m: f64,
    /// Elapsed time (s).
    pub elapsed_s: f64,
    /// Distance / elapsed time (m/s).
    pub avg_speed_mps: f64,
    /// Time-weighted heart rate over moving samples.
    pub avg_hr_bpm: Option<f64>,
    /// Index of the set this rep belongs to.
    pub set: usize,
}

/// The recovery between two reps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recovery {
    /// Start (end of the previous rep), elapsed seconds.
    pub start_s: f64,
    /// End (start of the next rep), elapsed seconds.
    pub end_s: f64,
    /// Distance covered (m).
    pub distance_m: f64,
    /// Elapsed time (s).
    pub elapsed_s: f64,
    /// Jog, walk or standing, by average speed.
    pub kind: RestKind,
}

/// A run of consecutive similar reps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntervalSet {
    /// Number of reps.
    pub reps: usize,
    /// Index of the first rep of the set.
    pub first_rep: usize,
    /// Track distance the reps snap to (m), for distance-based reps.
    pub rep_distance_m: Option<f64>,
    /// Round duration the reps snap to (s), for time-based reps.
    pub rep_duration_s: Option<f64>,
    /// Mean measured rep distance (m).
    pub mean_distance_m: f64,
    /// Mean rep elapsed time (s).
    pub mean_elapsed_s: f64,
    /// Mean rep speed (m/s).
    pub mean_speed_mps: f64,
    /// Most common recovery kind inside the set.
    pub rest_kind: Option<RestKind>,
    /// Mean recovery time inside the set (s).
    pub mean_rest_s: Option<f64>,
}

/// Detected interval structure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intervals {
    /// The run's easy speed used as reference (m/s).
    pub easy_mps: f64,
    /// Work reps in order.
    pub reps: Vec<Rep>,
    /// Recoveries between consecutive reps.
    pub recoveries: Vec<Recovery>,
    /// Sets of similar reps.
    pub sets: Vec<IntervalSet>,
    /// True when structural device laps were used to place boundaries.
    pub used_laps: bool,
}

/// Fast blocks of the run (start_s, end_s) above the work threshold, boundaries refined to
/// the steepest speed change and snapped to structural lap boundaries. Includes short blocks
/// (strides are filtered by the caller).
pub fn work_blocks(
    act: &Activity,
    prof: &SpeedProfile,
    enter: f64,
    exit: f64,
    cfg: &SegmentConfig,
) -> Vec<(f64, f64)> {
    let t = &act.samples.time_s;
    let d = &prof.motion_m;
    let blocks = hysteresis_blocks(
        t,
        &prof.smooth,
        enter,
        exit.min(enter),
        cfg.merge_gap_s,
        cfg.min_block_s,
    );
    let structural = laps_are_structure(act);
    let bounds = if structural {
        lap_boundaries(act)
    } else {
        Vec::new()
    };
    let place = |around: f64, rising: bool| {
        let r = refine_boundary(t, d, around, rising, cfg);
        nearest_boundary(&bounds, r, cfg.lap_snap_s).unwrap_or(r)
    };
    blocks
        .into_iter()
        .filter_map(|(a, b)| {
            let (ta, tb) = (*t.get(a)?, *t.get(b)?);
            let s = place(ta, true);
            let e = place(tb, false);
            (e > s).then_some((s, e))
        })
        .collect()
}

/// The work-entry and work-exit speeds for intervals.
pub fn work_thresholds(prof: &SpeedProfile, cfg: &SegmentConfig) -> (f64, f64) {
    let span = (prof.fast_mps - prof.easy_mps).max(0.0);
    let enter =
        (prof.easy_mps + cfg.work_enter_frac * span).max(prof.easy_mps * cfg.work_min_enter_ratio);
    let exit = (prof.easy_mps + cfg.work_exit_frac * span).min(enter);
    (enter, exit)
}

/// Detect intervals: ≥ `cfg.min_reps` similar reps, each at least `cfg.rep_min_s` long (or
/// `cfg.rep_min_m` far) and
/// `cfg.rep_min_speed_ratio` × easy speed, on a run whose fast mode is at least
/// `cfg.min_contrast_ratio` × easy. `None` for steady runs.
pub fn detect_intervals(
    act: &Activity,
    prof: &SpeedProfile,
    cfg: &SegmentConfig,
) -> Option<Intervals> {
    if prof.easy_mps <= 0.0 || prof.fast_mps < prof.easy_mps * cfg.min_contrast_ratio {
        return None;
    }
    let (enter, exit) = work_thresholds(prof, cfg);
    let s = &act.samples;
    let mut reps: Vec<Rep> = merge_non_recoveries(work_blocks(act, prof, enter, exit, cfg), prof, s, cfg)
        .into_iter()
        .filter_map(|(a, b)| {
            let w = window_stats(s, &[], a, b);
            let v = w.distance_m / w.elapsed_s.max(1e-9);
            let long_enough = w.elapsed_s >= cfg.rep_min_s || w.distance_m >= cfg.rep_min_m;
            let keep = long_enough && v >= prof.easy_mps * cfg.rep_min_speed_ratio;
            keep.then_some(Rep {
                start_s: a,
                end_s: b,
                distance_m: w.distance_m,
                elapsed_s: w.elapsed_s,
                avg_speed_mps: v,
                avg_hr_bpm: w.avg_hr_bpm,
                set: 0,
            })
        })
        .collect();
    let keys: Vec<(f64, f64)> = reps.iter().map(|r| (r.distance_m, r.elapsed_s)).collect();
    let ladder = reps.len() >= cfg.min_ladder_reps
        && keys
            .iter()
            .filter(|k| snap_distance(k.0, cfg).is_some() || snap_duration(k.1, cfg).is_some())
            .count()
            * 3
            >= reps.len() * 2;
    if reps.len() < cfg.min_reps || !(any_similar_pair(&keys, cfg) || ladder) {
        return None;
    }
    let recoveries: Vec<Recovery> = reps
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0].end_s, w[1].start_s);
            let st = window_stats(s, &[], a, b);
            let v = st.distance_m / st.elapsed_s.max(1e-9);
            Recovery {
                start_s: a,
                end_s: b,
                distance_m: st.distance_m,
                elapsed_s: st.elapsed_s,
                kind: RestKind::from_speed(v, cfg),
            }
        })
        .collect();
    let mut sets = Vec::new();
    for (k, range) in group_sets(&keys, cfg).into_iter().enumerate() {
        for r in &mut reps[range.clone()] {
            r.set = k;
        }
        let part = &keys[range.clone()];
        let (dist, dur) = snap_set(part, cfg);
        let n = part.len() as f64;
        let inner = &recoveries[range.start..range.end.saturating_sub(1).max(range.start)];
        sets.push(IntervalSet {
            reps: part.len(),
            first_rep: range.start,
            rep_distance_m: dist,
            rep_duration_s: dur,
            mean_distance_m: part.iter().map(|p| p.0).sum::<f64>() / n,
            mean_elapsed_s: part.iter().map(|p| p.1).sum::<f64>() / n,
            mean_speed_mps: reps[range.clone()]
                .iter()
                .map(|r| r.avg_speed_mps)
                .sum::<f64>()
                / n,
            rest_kind: most_common(inner.iter().map(|r| r.kind)),
            mean_rest_s: (!inner.is_empty())
                .then(|| inner.iter().map(|r| r.elapsed_s).sum::<f64>() / inner.len() as f64),
        });
    }
    Some(Intervals {
        easy_mps: prof.easy_mps,
        reps,
        recoveries,
        sets,
        used_laps: laps_are_structure(act),
    })
}

/// Merge consecutive fast blocks whose gap is not a recovery: a gap averaging faster than
/// easy × `cfg.rest_max_easy_ratio` is a dip of noise inside one effort (a tempo read from
/// GPS positions), not a rest. Real recoveries are jogs, walks or standing, slower than easy.
fn merge_non_recoveries(
    blocks: Vec<(f64, f64)>,
    prof: &SpeedProfile,
    s: &crate::model::Samples,
    cfg: &SegmentConfig,
) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(blocks.len());
    for (a, b) in blocks {
        if let Some(last) = out.last_mut() {
            let ga = value_at_time(&s.time_s, &prof.motion_m, last.1);
            let gb = value_at_time(&s.time_s, &prof.motion_m, a);
            let dt = a - last.1;
            if dt <= 0.0 || (gb - ga) / dt > prof.easy_mps * cfg.rest_max_easy_ratio {
                last.1 = last.1.max(b);
                continue;
            }
        }
        out.push((a, b));
    }
    out
}

fn most_common(kinds: impl Iterator<Item = RestKind>) -> Option<RestKind> {
    let mut counts = [0usize; 3];
    for k in kinds {
        counts[k as usize] += 1;
    }
    let all = [RestKind::Jog, RestKind::Walk, RestKind::Standing];
    let (i, &c) = counts.iter().enumerate().max_by_key(|&(_, c)| *c)?;
    (c > 0).then_some(all[i])
}
