//! The speed profile every detector shares: smoothed speed, easy (baseline) and fast speeds,
//! hysteresis blocks and boundary refinement.

use super::SegmentConfig;
use super::series::value_at_time;
use super::smooth::{percentile, window_speed};
use crate::model::{Activity, SourceFormat};

/// Smoothed speed and the run's own reference speeds.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeedProfile {
    /// Centred speed over `cfg.profile.smooth_window_s` from [`SpeedProfile::motion_m`] (m/s), one per
    /// sample.
    pub smooth: Vec<f64>,
    /// Cumulative distance the detectors measure speed on (m), one per sample: the integral of
    /// the recorded speed when the file carries a measured speed, else the distance column
    /// (see [`motion_distance`]).
    pub motion_m: Vec<f64>,
    /// Easy (baseline) speed: `cfg.profile.easy_percentile` of moving smoothed speed (m/s).
    pub easy_mps: f64,
    /// Fast mode: `cfg.profile.fast_percentile` of moving smoothed speed (m/s).
    pub fast_mps: f64,
    /// True when [`SpeedProfile::motion_m`] is the integral of a measured speed channel; false
    /// when it is distance along GPS positions (noisier: smoothed over
    /// `cfg.profile.position_smooth_window_s` instead of `cfg.profile.smooth_window_s`).
    pub measured: bool,
}

impl SpeedProfile {
    /// Half-width (s) of the before/after windows of boundary refinement for this profile:
    /// `cfg.intervals.refine_half_s` on a measured speed channel, `cfg.intervals.position_refine_half_s` on
    /// distance along GPS positions.
    pub fn refine_half_s(&self, cfg: &SegmentConfig) -> f64 {
        if self.measured {
            cfg.intervals.refine_half_s
        } else {
            cfg.intervals.position_refine_half_s
        }
    }
}

/// Whether sample `i` counts as moving for baselines: moving, timer running, and smoothed
/// speed at least `cfg.profile.min_moving_speed_mps`.
pub fn is_moving(act: &Activity, smooth: &[f64], i: usize, cfg: &SegmentConfig) -> bool {
    let s = &act.samples;
    s.moving.get(i).copied().unwrap_or(true)
        && s.timer_running.get(i).copied().unwrap_or(true)
        && smooth
            .get(i)
            .is_some_and(|v| *v >= cfg.profile.min_moving_speed_mps)
}

/// Build the speed profile; `None` without any moving speed.
pub fn speed_profile(act: &Activity, cfg: &SegmentConfig) -> Option<SpeedProfile> {
    let s = &act.samples;
    let (motion_m, measured) = motion_distance(act, cfg);
    let window = if measured {
        cfg.profile.smooth_window_s
    } else {
        cfg.profile.position_smooth_window_s
    };
    let smooth = window_speed(&s.time_s, &motion_m, window);
    let moving = || {
        (0..smooth.len())
            .filter(|&i| is_moving(act, &smooth, i, cfg))
            .map(|i| smooth[i])
    };
    let easy_mps = percentile(moving(), cfg.profile.easy_percentile)?;
    let fast_mps = percentile(moving(), cfg.profile.fast_percentile)?;
    Some(SpeedProfile {
        smooth,
        motion_m,
        easy_mps,
        fast_mps,
        measured,
    })
}

/// The distance column detectors measure speed on. A device's speed channel (FIT, TCX) is
/// Doppler-measured and much steadier than differences of GPS positions, so its time integral
/// (trapezoids; nothing across timer pauses) is used — unless the file is GPX (its speed, if
/// any, was derived from positions by cleaning) or the integral disagrees with the recorded
/// distance by more than `cfg.profile.speed_integral_max_mismatch` (a speed channel that is not
/// really measured). Then the recorded distance itself is used. The flag says whether the
/// speed channel was used.
pub fn motion_distance(act: &Activity, cfg: &SegmentConfig) -> (Vec<f64>, bool) {
    let s = &act.samples;
    let n = s.time_s.len().min(s.distance_m.len());
    let recorded = || (s.distance_m[..n].to_vec(), false);
    if act.meta.format == SourceFormat::Gpx || s.speed_mps.len() < n {
        return recorded();
    }
    let mut out = Vec::with_capacity(n);
    let mut acc = 0.0;
    for i in 0..n {
        if i > 0 && s.timer_running.get(i).copied().unwrap_or(true) {
            let (a, b) = (s.speed_mps[i - 1], s.speed_mps[i]);
            let dt = s.time_s[i] - s.time_s[i - 1];
            let v = match (a.is_finite(), b.is_finite()) {
                (true, true) => 0.5 * (a + b),
                (true, false) => a,
                (false, true) => b,
                _ => f64::NAN,
            };
            if v.is_finite() && dt > 0.0 {
                acc += v * dt;
            }
        }
        out.push(acc);
    }
    let total = s.distance_m[..n]
        .iter()
        .rev()
        .find(|d| d.is_finite())
        .copied()
        .unwrap_or(0.0);
    if total > 0.0 && ((acc - total) / total).abs() > cfg.profile.speed_integral_max_mismatch {
        return recorded();
    }
    (out, true)
}

/// Index ranges `[a, b]` (inclusive) where `v` rises above `enter` and stays at or above
/// `exit`; each block is extended back over samples above `exit` before the entry. Blocks
/// closer than `merge_gap_s` are merged, blocks shorter than `min_s` dropped. O(n).
pub fn hysteresis_blocks(
    t: &[f64],
    v: &[f64],
    enter: f64,
    exit: f64,
    merge_gap_s: f64,
    min_s: f64,
) -> Vec<(usize, usize)> {
    let n = t.len().min(v.len());
    let mut raw: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        if v[i] > enter {
            let mut a = i;
            let floor = raw.last().map_or(0, |b| b.1 + 1);
            while a > floor && v[a - 1] >= exit {
                a -= 1;
            }
            let mut b = i;
            while b + 1 < n && v[b + 1] >= exit {
                b += 1;
            }
            raw.push((a, b));
            i = b + 1;
        } else {
            i += 1;
        }
    }
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for blk in raw {
        match merged.last_mut() {
            Some(last) if t[blk.0] - t[last.1] < merge_gap_s => last.1 = blk.1,
            _ => merged.push(blk),
        }
    }
    merged.retain(|&(a, b)| t[b] - t[a] >= min_s);
    merged
}

/// Refine a boundary near time `around`: the time `c` (on a grid of `REFINE_STEP_S` within
/// ± `cfg.intervals.refine_search_s`) where the speed over the next `half_s` seconds minus the speed over
/// the previous `half_s` seconds — both from interpolated cumulative distance — is largest
/// (`rising`) or smallest (falling): the least-squares location of a step in speed. Works the
/// same whatever the sample spacing; inside a long recording gap see [`after_recording_gap`].
pub fn refine_boundary(
    t: &[f64],
    d: &[f64],
    around: f64,
    rising: bool,
    half_s: f64,
    cfg: &SegmentConfig,
) -> f64 {
    refine_between(
        t,
        d,
        around - cfg.intervals.refine_search_s,
        around + cfg.intervals.refine_search_s,
        rising,
        half_s,
        cfg,
    )
}

/// [`refine_boundary`] over the grid from `lo` to `hi` (the middle when nothing qualifies).
pub fn refine_between(
    t: &[f64],
    d: &[f64],
    lo: f64,
    hi: f64,
    rising: bool,
    half_s: f64,
    cfg: &SegmentConfig,
) -> f64 {
    let (gap_s, lead_s) = (cfg.intervals.smart_gap_s, cfg.intervals.smart_lead_s);
    let around = 0.5 * (lo + hi);
    let (Some(&first), Some(&last)) = (t.first(), t.last()) else {
        return around;
    };
    let dist = |x: f64| value_at_time(t, d, x);
    let steps = ((hi - lo).max(0.0) / REFINE_STEP_S).ceil() as i64;
    let mut best: Option<(f64, f64)> = None;
    for k in 0..=steps {
        let c = lo + k as f64 * REFINE_STEP_S;
        if c - half_s < first || c + half_s > last {
            continue;
        }
        let dc = dist(c);
        let before = (dc - dist(c - half_s)) / half_s;
        let after = (dist(c + half_s) - dc) / half_s;
        let score = if rising {
            after - before
        } else {
            before - after
        };
        if score.is_finite() && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    let c = best.map_or(around, |(_, c)| c);
    after_recording_gap(t, c, gap_s, lead_s)
}

/// A boundary that falls inside a recording gap longer than `gap_s` (smart recording) moves to
/// `lead_s` before the sample that closes the gap: such devices write a sample when speed
/// changes, so the change happened just before that sample.
pub fn after_recording_gap(t: &[f64], c: f64, gap_s: f64, lead_s: f64) -> f64 {
    let i = t.partition_point(|&x| x <= c);
    match (i.checked_sub(1).and_then(|k| t.get(k)), t.get(i)) {
        (Some(&a), Some(&b)) if b - a > gap_s && c > a => (b - lead_s).max(a).max(c),
        _ => c,
    }
}

/// A boundary on a sample that opens a recording gap longer than `gap_s`, where the recorded
/// speed `v` had not changed yet (closer to the speed of the sample before than to the speed of
/// the sample closing the gap), moves to `lead_s` before the closing sample: smart recording
/// writes a sample as soon as speed changes, so the change came just before it.
pub fn after_unchanged_sample(t: &[f64], v: &[f64], c: f64, gap_s: f64, lead_s: f64) -> f64 {
    let i = t.partition_point(|&x| x < c);
    let (Some(&ti), Some(&tn)) = (t.get(i), t.get(i + 1)) else {
        return c;
    };
    let (Some(&vp), Some(&vi), Some(&vn)) = (
        i.checked_sub(1).and_then(|k| v.get(k)),
        v.get(i),
        v.get(i + 1),
    ) else {
        return c;
    };
    let unchanged = (vi - vp).abs() < (vn - vi).abs();
    if (ti - c).abs() < 1e-9 && tn - ti > gap_s && unchanged {
        (tn - lead_s).max(ti)
    } else {
        c
    }
}

/// Grid step (s) of boundary refinement.
pub const REFINE_STEP_S: f64 = 0.5;

/// Prefix sums of the finite values of a column, for O(log n) window means.
#[derive(Debug, Clone, Default)]
pub struct Prefix {
    sum: Vec<f64>,
    cnt: Vec<usize>,
}

impl Prefix {
    /// Prefix sums of `v`.
    pub fn new(v: &[f64]) -> Self {
        let mut p = Prefix {
            sum: vec![0.0],
            cnt: vec![0],
        };
        let (mut s, mut c) = (0.0, 0);
        for &x in v {
            if x.is_finite() {
                s += x;
                c += 1;
            }
            p.sum.push(s);
            p.cnt.push(c);
        }
        p
    }

    /// Mean of the values at samples with time in `[a, b)`; `None` when there are none.
    pub fn mean(&self, t: &[f64], a: f64, b: f64) -> Option<f64> {
        let i = t.partition_point(|&x| x < a).min(self.sum.len() - 1);
        let j = t.partition_point(|&x| x < b).min(self.sum.len() - 1);
        let k = self.cnt.get(j)?.checked_sub(*self.cnt.get(i)?)?;
        (k > 0).then(|| (self.sum[j] - self.sum[i]) / k as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_merge_and_drop() {
        let t: Vec<f64> = (0..60).map(f64::from).collect();
        let mut v = vec![1.0; 60];
        v[10..20].iter_mut().for_each(|x| *x = 3.0);
        v[22..30].iter_mut().for_each(|x| *x = 3.0);
        v[50..53].iter_mut().for_each(|x| *x = 3.0);
        let b = hysteresis_blocks(&t, &v, 2.0, 1.5, 5.0, 8.0);
        assert_eq!(b, vec![(10, 29)]);
    }

    #[test]
    fn refine_finds_step() {
        let t: Vec<f64> = (0..40).map(f64::from).collect();
        let mut d = vec![0.0];
        for i in 1..40 {
            let v = if i <= 17 { 3.0 } else { 6.0 };
            d.push(d[i - 1] + v);
        }
        let b = refine_boundary(&t, &d, 20.0, true, 4.0, &SegmentConfig::default());
        assert!((b - 17.0).abs() < 1e-9, "{b}");
    }
}
