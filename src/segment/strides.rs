//! Strides: short (10–35 s) accelerations well above the run's easy pace.

use serde::Serialize;

use super::SegmentConfig;
use super::intervals::work_blocks;
use super::profile::{SpeedProfile, is_moving};
use super::series::window_stats;
use super::smooth::{median, percentile};
use crate::model::Activity;

/// One stride.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stride {
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
    /// Highest smoothed speed inside the stride (m/s).
    pub peak_speed_mps: f64,
}

/// Strides: blocks where smoothed speed rises above easy × `cfg.strides.stride_enter_ratio` (leaving
/// at easy × `cfg.strides.stride_exit_ratio`), lasting `cfg.strides.stride_min_s`..=`cfg.strides.stride_max_s` after
/// boundary refinement, with peak smoothed speed ≥ easy × `cfg.strides.stride_min_ratio`. Longer
/// blocks are interval reps or tempo, not strides. Returns every stride found; the workout
/// counts as strides only with at least `cfg.strides.min_strides`.
pub fn detect_strides(act: &Activity, prof: &SpeedProfile, cfg: &SegmentConfig) -> Vec<Stride> {
    let easy = running_easy_mps(act, prof, cfg);
    if easy <= 0.0 {
        return Vec::new();
    }
    let enter = easy * cfg.strides.stride_enter_ratio;
    let exit = easy * cfg.strides.stride_exit_ratio;
    work_blocks(act, prof, enter, exit, cfg)
        .into_iter()
        .filter_map(|(a, b)| stride_at(act, prof, easy, (a, b), cfg))
        .collect()
}

/// The easy speed strides are measured against: easy *running*, the profile's
/// `cfg.profile.easy_percentile` of the moving samples at or above the walking line
/// (`cfg.intervals.rest_walk_max_mps`), never below the profile's easy speed. In a run/walk the
/// profile's easy speed is the walk, and every running bout would be 1.4 × it.
pub fn running_easy_mps(act: &Activity, prof: &SpeedProfile, cfg: &SegmentConfig) -> f64 {
    let walk = cfg.intervals.rest_walk_max_mps;
    let running = (0..prof.smooth.len())
        .filter(|&i| is_moving(act, &prof.smooth, i, cfg) && prof.smooth[i] >= walk)
        .map(|i| prof.smooth[i]);
    percentile(running, cfg.profile.easy_percentile).map_or(prof.easy_mps, |r| r.max(prof.easy_mps))
}

/// Strides come as a set: keep the strides in groups of at least `cfg.strides.min_strides`,
/// consecutive ones at most `cfg.strides.stride_max_gap_s` apart (end to start), none starting
/// within `cfg.strides.stride_restart_s` of the end of a pause or a standstill (the run-up after a
/// stop, or GPS catching up, is not a stride). A lone fast burst is a finishing kick or noise.
/// A burst that descends (at least `cfg.tempo.tempo_max_descent_grade` of its distance in the
/// smoothed altitude `alt`) is the terrain, not a stride, and where cadence is recorded a burst
/// that does not lift it ([`lifts_cadence`]) is GPS distance noise, not a stride.
pub fn in_sets(
    strides: Vec<Stride>,
    act: &Activity,
    alt: &[f64],
    cfg: &SegmentConfig,
) -> Vec<Stride> {
    let c = &cfg.strides;
    let s = &act.samples;
    let after_stop = |st: &Stride| starts_after_stop(act, st.start_s, c.stride_restart_s);
    let downhill = |st: &Stride| {
        super::series::descends(
            &s.time_s,
            alt,
            st.start_s,
            st.end_s,
            st.distance_m,
            cfg.tempo.tempo_max_descent_grade,
        )
    };
    let base = running_cadence(act, cfg);
    let kept: Vec<Stride> = strides
        .into_iter()
        .filter(|st| !after_stop(st) && !downhill(st) && lifts_cadence(act, st, base, cfg))
        .collect();
    let mut out = Vec::new();
    let mut group: Vec<Stride> = Vec::new();
    for st in kept {
        if group
            .last()
            .is_some_and(|l| st.start_s - l.end_s > c.stride_max_gap_s)
        {
            if group.len() >= c.min_strides {
                out.append(&mut group);
            }
            group.clear();
        }
        group.push(st);
    }
    if group.len() >= c.min_strides {
        out.append(&mut group);
    }
    out
}

/// The run's running cadence: the median of the moving samples' cadence at or above
/// `cfg.classify.walk_max_cadence_spm` (walking and zeros left out); `None` without at least
/// `MIN_CADENCE_SAMPLES` such samples.
fn running_cadence(act: &Activity, cfg: &SegmentConfig) -> Option<f64> {
    let s = &act.samples;
    let v: Vec<f64> = (0..s.len())
        .filter(|&i| s.moving.get(i).copied().unwrap_or(true))
        .filter_map(|i| s.cadence.get(i).copied())
        .filter(|c| c.is_finite() && *c >= cfg.classify.walk_max_cadence_spm)
        .collect();
    (v.len() >= MIN_CADENCE_SAMPLES)
        .then(|| median(v))
        .flatten()
}

/// Fewest cadence samples that make a median (the run's, or one stride's).
const MIN_CADENCE_SAMPLES: usize = 3;

/// Whether a stride lifts the cadence: its median cadence (samples at or above the walking
/// line) is at least `cfg.strides.stride_min_cadence_ratio` × the run's running cadence `base`.
/// A runner reaches stride speed by quicker as well as longer steps (170 → 185–195 steps/min),
/// while a stretch of GPS distance that runs ahead of the runner leaves the cadence where it
/// was. True where either cadence is missing (nothing to judge by).
fn lifts_cadence(act: &Activity, st: &Stride, base: Option<f64>, cfg: &SegmentConfig) -> bool {
    let Some(base) = base else {
        return true;
    };
    let s = &act.samples;
    let a = s.time_s.partition_point(|&x| x < st.start_s);
    let b = s.time_s.partition_point(|&x| x <= st.end_s);
    let v: Vec<f64> = s.cadence[a..b.min(s.cadence.len()).max(a)]
        .iter()
        .copied()
        .filter(|c| c.is_finite() && *c >= cfg.classify.walk_max_cadence_spm)
        .collect();
    if v.len() < MIN_CADENCE_SAMPLES {
        return true;
    }
    median(v).is_none_or(|m| m >= cfg.strides.stride_min_cadence_ratio * base)
}

/// Whether something starting at `t` starts within `within_s` after a pause or a standstill
/// (the run-up after a stop, or GPS catching up).
pub fn starts_after_stop(act: &Activity, t: f64, within_s: f64) -> bool {
    let s = &act.samples;
    act.pauses
        .iter()
        .any(|p| t >= p.end_s && t - p.end_s < within_s)
        || {
            let lo = s.time_s.partition_point(|&x| x < t - within_s);
            let hi = s.time_s.partition_point(|&x| x < t);
            (lo..hi).any(|i| !s.moving.get(i).copied().unwrap_or(true))
        }
}

/// The stride over `[a, b]` when it lasts `cfg.strides.stride_min_s..=cfg.strides.stride_max_s`,
/// its peak smoothed speed is ≥ easy × `cfg.strides.stride_min_ratio` and its average speed is
/// ≥ easy × `cfg.strides.stride_min_avg_ratio` and ≥ `cfg.strides.stride_min_mps`, `easy` being
/// the run's [`running_easy_mps`].
pub fn stride_at(
    act: &Activity,
    prof: &SpeedProfile,
    easy: f64,
    (a, b): (f64, f64),
    cfg: &SegmentConfig,
) -> Option<Stride> {
    let t = &act.samples.time_s;
    let dur = b - a;
    if dur < cfg.strides.stride_min_s || dur > cfg.strides.stride_max_s {
        return None;
    }
    let peak = super::series::max_within(t, &prof.smooth, a, b)?;
    if peak < easy * cfg.strides.stride_min_ratio {
        return None;
    }
    let w = window_stats(&act.samples, &[], a, b);
    let avg = w.distance_m / dur;
    let c = &cfg.strides;
    if avg < easy * c.stride_min_avg_ratio || avg < c.stride_min_mps {
        return None;
    }
    Some(Stride {
        start_s: a,
        end_s: b,
        distance_m: w.distance_m,
        elapsed_s: dur,
        avg_speed_mps: avg,
        peak_speed_mps: peak,
    })
}
