//! Lap-free interval detection from the speed stream, reconciled with structural device laps.

use serde::Serialize;

use super::SegmentConfig;
use super::laps::{lap_boundaries, laps_are_structure, nearest_boundary};
use super::profile::{SpeedProfile, hysteresis_blocks, refine_boundary};
use super::reps::{
    RestKind, any_similar_pair, group_sets, similar, snap_distance, snap_duration, snap_set,
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
    let s = &act.samples;
    // The speed stream first; structural laps when it finds nothing (a session that is half
    // reps puts the easy percentile inside them, so the stream shows no contrast).
    let by_stream = (prof.easy_mps > 0.0
        && prof.fast_mps >= prof.easy_mps * cfg.min_contrast_ratio)
        .then(|| {
            let (enter, exit) = work_thresholds(prof, cfg);
            merge_non_recoveries(work_blocks(act, prof, enter, exit, cfg), prof, s, cfg)
        })
        .and_then(|b| detect_from_blocks(act, prof, b, false, cfg));
    if by_stream.is_some() {
        return by_stream;
    }
    let blocks = lap_reps(act, cfg)?;
    detect_from_blocks(act, prof, blocks, true, cfg)
}

/// Intervals from candidate rep blocks (`by_laps`: blocks are structural laps, already chosen
/// by contrast with the other laps, so no speed test against easy).
fn detect_from_blocks(
    act: &Activity,
    prof: &SpeedProfile,
    blocks: Vec<(f64, f64)>,
    by_laps: bool,
    cfg: &SegmentConfig,
) -> Option<Intervals> {
    let s = &act.samples;
    let mut reps: Vec<Rep> = blocks
        .into_iter()
        .filter_map(|(a, b)| {
            let w = window_stats(s, &[], a, b);
            let v = w.distance_m / w.elapsed_s.max(1e-9);
            let long_enough = w.elapsed_s >= cfg.rep_min_s || w.distance_m >= cfg.rep_min_m;
            // Lap reps were already chosen by contrast with the other laps.
            let fast = if by_laps {
                v >= prof.easy_mps
            } else {
                v >= prof.easy_mps * cfg.rep_min_speed_ratio
            };
            let keep = long_enough && fast;
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
    // A ladder: every rep snaps to a track distance or round duration and all run at one pace.
    let mut speeds: Vec<f64> = reps.iter().map(|r| r.avg_speed_mps).collect();
    speeds.sort_by(f64::total_cmp);
    let mid_v = speeds.get(speeds.len() / 2).copied().unwrap_or(0.0);
    let ladder = reps.len() >= cfg.min_ladder_reps
        && keys
            .iter()
            .all(|k| snap_distance(k.0, cfg).is_some() || snap_duration(k.1, cfg).is_some())
        && speeds
            .iter()
            .all(|v| (v - mid_v).abs() <= cfg.rep_similar_tol * mid_v);
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

/// Reps straight from structural device laps (manual, workout-step or active/rest laps): the
/// laps at least `cfg.rep_min_s` long (or `cfg.rep_min_m` far) whose speed is above the
/// midpoint between the slowest and fastest such laps, when the fastest is at least
/// `cfg.min_contrast_ratio` × the slowest and a slower lap separates work laps. `None` when the
/// laps do not describe at least `cfg.min_reps` reps; the speed stream is used then.
fn lap_reps(act: &Activity, cfg: &SegmentConfig) -> Option<Vec<(f64, f64)>> {
    if !laps_are_structure(act) {
        return None;
    }
    let laps: Vec<(f64, f64, f64)> = act
        .laps
        .iter()
        .filter(|l| l.end_s > l.start_s)
        .filter_map(|l| {
            let w = window_stats(&act.samples, &[], l.start_s, l.end_s);
            let long_enough = w.elapsed_s >= cfg.rep_min_s || w.distance_m >= cfg.rep_min_m;
            (long_enough && w.elapsed_s > 0.0)
                .then(|| (l.start_s, l.end_s, w.distance_m / w.elapsed_s))
        })
        .collect();
    let vmax = laps.iter().map(|l| l.2).fold(0.0, f64::max);
    let vmin = laps.iter().map(|l| l.2).fold(f64::INFINITY, f64::min);
    if !(vmin > 0.0 && vmax >= vmin * cfg.min_contrast_ratio) {
        return None;
    }
    // Split lap speeds at the widest gap between consecutive sorted speeds (work vs rest).
    // Walking and standing laps are rests whatever the split; they do not take part in it.
    let mut sorted: Vec<f64> = laps
        .iter()
        .map(|l| l.2)
        .filter(|&v| v >= cfg.rest_walk_max_mps)
        .collect();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted
        .windows(2)
        .max_by(|a, b| (a[1] - a[0]).total_cmp(&(b[1] - b[0])))
        .map(|w| 0.5 * (w[0] + w[1]))?;
    let reps: Vec<(f64, f64)> = laps
        .iter()
        .filter(|l| l.2 >= mid)
        .map(|l| (l.0, l.1))
        .collect();
    let separated = laps.windows(2).any(|w| w[0].2 >= mid && w[1].2 < mid);
    // Most work laps must be alike (a set), else the fast laps are a mix of efforts (strides
    // block, time trial) rather than reps.
    let keys: Vec<(f64, f64)> = reps
        .iter()
        .map(|&(a, b)| (window_stats(&act.samples, &[], a, b).distance_m, b - a))
        .collect();
    let mut by_dist = keys.clone();
    by_dist.sort_by(|a, b| a.0.total_cmp(&b.0));
    let median = *by_dist.get(by_dist.len() / 2)?;
    let alike = keys.iter().filter(|k| similar(**k, median, cfg)).count();
    (reps.len() >= cfg.min_ladder_reps && separated && 2 * alike >= reps.len()).then_some(reps)
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
