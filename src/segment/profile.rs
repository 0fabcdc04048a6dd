//! The speed profile every detector shares: smoothed speed, easy (baseline) and fast speeds,
//! hysteresis blocks and boundary refinement.

use super::SegmentConfig;
use super::smooth::{centred_mean, percentile};
use crate::model::Activity;

/// Smoothed speed and the run's own reference speeds.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeedProfile {
    /// Centred moving average of speed over `cfg.smooth_window_s` (m/s), one per sample.
    pub smooth: Vec<f64>,
    /// Easy (baseline) speed: `cfg.easy_percentile` of moving smoothed speed (m/s).
    pub easy_mps: f64,
    /// Fast mode: `cfg.fast_percentile` of moving smoothed speed (m/s).
    pub fast_mps: f64,
}

/// Whether sample `i` counts as moving for baselines: moving, timer running, and smoothed
/// speed at least `cfg.min_moving_speed_mps`.
pub fn is_moving(act: &Activity, smooth: &[f64], i: usize, cfg: &SegmentConfig) -> bool {
    let s = &act.samples;
    s.moving.get(i).copied().unwrap_or(true)
        && s.timer_running.get(i).copied().unwrap_or(true)
        && smooth
            .get(i)
            .is_some_and(|v| *v >= cfg.min_moving_speed_mps)
}

/// Build the speed profile; `None` without any moving speed.
pub fn speed_profile(act: &Activity, cfg: &SegmentConfig) -> Option<SpeedProfile> {
    let s = &act.samples;
    let smooth = centred_mean(&s.time_s, &s.speed_mps, cfg.smooth_window_s);
    let moving = || {
        (0..smooth.len())
            .filter(|&i| is_moving(act, &smooth, i, cfg))
            .map(|i| smooth[i])
    };
    let easy_mps = percentile(moving(), cfg.easy_percentile)?;
    let fast_mps = percentile(moving(), cfg.fast_percentile)?;
    Some(SpeedProfile {
        smooth,
        easy_mps,
        fast_mps,
    })
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

/// Refine a boundary near time `around`: the time between two samples where the mean of
/// raw `v` over the next `half_s` seconds minus the mean over the previous `half_s` seconds is
/// largest (`rising`) or smallest (falling), searched within ± `search_s`. Returns the
/// midpoint between the last sample of the old regime and the first of the new one.
pub fn refine_boundary(
    t: &[f64],
    prefix: &Prefix,
    around: f64,
    rising: bool,
    search_s: f64,
    half_s: f64,
) -> f64 {
    let lo = t.partition_point(|&x| x < around - search_s).max(1);
    let hi = t.partition_point(|&x| x <= around + search_s);
    let mut best: Option<(f64, usize)> = None;
    for c in lo..hi {
        let Some(&tc) = t.get(c) else { break };
        let before = prefix.mean(t, tc - half_s, tc);
        let after = prefix.mean(t, tc, tc + half_s);
        let (Some(b), Some(a)) = (before, after) else {
            continue;
        };
        let score = if rising { a - b } else { b - a };
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    match best {
        Some((_, c)) if c >= 1 => 0.5 * (t[c - 1] + t[c]),
        _ => around,
    }
}

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
        let v: Vec<f64> = (0..40).map(|i| if i < 17 { 3.0 } else { 6.0 }).collect();
        let p = Prefix::new(&v);
        let b = refine_boundary(&t, &p, 20.0, true, 6.0, 4.0);
        assert!((b - 16.5).abs() < 1e-9, "{b}");
    }
}
