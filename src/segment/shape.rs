//! The shape of a whole run, for the workout types that are about the run as one piece:
//! too short or walked (`other`), run/walk, race, progression.

use serde::Serialize;

use super::SegmentConfig;
use super::mile::time_at_distance;
use super::profile::SpeedProfile;
use super::series::window_stats;
use super::smooth::median;
use crate::model::Activity;

/// Standard race distances (m) a race is read at (the mile is a time trial).
pub const RACE_DISTANCES_M: [f64; 6] = [5_000.0, 10_000.0, 15_000.0, 16_093.44, 21_097.5, 42_195.0];

/// What the run looks like as a whole.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RunShape {
    /// Elapsed time from first to last sample (s).
    pub elapsed_s: f64,
    /// Timer time (s).
    pub timer_s: f64,
    /// Moving time (s).
    pub moving_s: f64,
    /// Distance (m).
    pub distance_m: f64,
    /// Median gap between samples (s).
    pub median_gap_s: f64,
    /// Share of moving time spent walking (0–1).
    pub walking_frac: f64,
    /// Walking breaks between running bouts.
    pub walk_breaks: usize,
    /// Average speed of the running bouts (m/s).
    pub running_mps: Option<f64>,
    /// Coefficient of variation of the durations of the running bouts between the first and the
    /// last walking break.
    pub run_bout_cv: Option<f64>,
    /// Speed of each whole kilometre of the run (m/s, over elapsed time), in order.
    pub km_mps: Vec<f64>,
    /// Time-weighted average heart rate (bpm).
    pub avg_hr_bpm: Option<f64>,
    /// Highest heart rate held for `cfg.classify.hr_max_hold_s` (bpm).
    pub max_hr_bpm: Option<f64>,
}

/// Measure the run's shape.
pub fn run_shape(
    act: &Activity,
    prof: Option<&SpeedProfile>,
    alt: &[f64],
    cfg: &SegmentConfig,
) -> RunShape {
    let s = &act.samples;
    let t = &s.time_s;
    let (Some(&t0), Some(&t1)) = (t.first(), t.last()) else {
        return RunShape::default();
    };
    let w = window_stats(s, &[], t0, t1);
    let gaps = t.windows(2).map(|p| p[1] - p[0]);
    let mut shape = RunShape {
        elapsed_s: w.elapsed_s,
        timer_s: w.timer_s,
        moving_s: w.moving_s,
        distance_m: w.distance_m,
        median_gap_s: median(gaps).unwrap_or(0.0),
        avg_hr_bpm: w.avg_hr_bpm,
        max_hr_bpm: held_max(t, &s.hr_bpm, cfg.classify.hr_max_hold_s),
        ..RunShape::default()
    };
    if let Some(p) = prof {
        walking(act, p, alt, cfg, &mut shape);
    }
    shape.km_mps = km_speeds(act, t0, t1);
    shape
}

/// Speed of each whole kilometre between `a` and `b` (m/s, over elapsed time), in order.
pub fn km_speeds(act: &Activity, a: f64, b: f64) -> Vec<f64> {
    let (t, d) = (&act.samples.time_s, &act.samples.distance_m);
    let d0 = super::series::value_at_time(t, d, a);
    let mut out = Vec::new();
    if !d0.is_finite() {
        return out;
    }
    // Never past the last finite distance (an uncleaned activity may hold a glitch).
    let end_d = d
        .iter()
        .copied()
        .filter(|x| x.is_finite())
        .fold(f64::NEG_INFINITY, f64::max);
    let mut prev = a;
    let mut k = 1.0;
    while d0 + 1000.0 * k <= end_d
        && out.len() < 100_000
        && let Some(tk) = time_at_distance(t, d, d0 + 1000.0 * k).filter(|&x| x <= b + 1e-6)
    {
        if tk > prev {
            out.push(1000.0 / (tk - prev));
        }
        prev = tk;
        k += 1.0;
    }
    out
}

/// Coefficient of variation of `v`; `None` with fewer than three values.
pub fn cv(v: &[f64]) -> Option<f64> {
    let n = v.len();
    if n < 3 {
        return None;
    }
    let mean = v.iter().sum::<f64>() / n as f64;
    let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
    (mean > 0.0).then(|| var.sqrt() / mean)
}

/// The highest value held (as a running mean) over `hold_s` seconds; `None` without values.
fn held_max(t: &[f64], v: &[f64], hold_s: f64) -> Option<f64> {
    let hold_s = hold_s.max(0.0);
    let mut best: Option<f64> = None;
    let mut lo = 0;
    let (mut sum, mut n) = (0.0, 0usize);
    for hi in 0..t.len().min(v.len()) {
        if v[hi].is_finite() && v[hi] > 0.0 {
            sum += v[hi];
            n += 1;
        }
        while lo < hi && t[hi] - t[lo] > hold_s {
            if v[lo].is_finite() && v[lo] > 0.0 {
                sum -= v[lo];
                n -= 1;
            }
            lo += 1;
        }
        if n > 0 && t[hi] - t[lo] >= hold_s * 0.8 {
            let m = sum / n as f64;
            best = Some(best.map_or(m, |b: f64| b.max(m)));
        }
    }
    best
}

/// Walking share, walking breaks and running speed. A moving sample is walking when its cadence
/// is recorded (non-zero) and below `cfg.classify.walk_max_cadence_spm`, or, without cadence, when
/// its smoothed speed is below `cfg.intervals.rest_walk_max_mps`. Bouts shorter than
/// `cfg.classify.min_bout_s` are folded into their neighbours. A walking bout that climbs at
/// least `cfg.classify.hike_min_grade` (smoothed altitude `alt`) is a hike up a hill, the way trail
/// runners take climbs, and is not counted as a walking break.
fn walking(
    act: &Activity,
    p: &SpeedProfile,
    alt: &[f64],
    cfg: &SegmentConfig,
    shape: &mut RunShape,
) {
    let s = &act.samples;
    let t = &s.time_s;
    let has_cadence = s.cadence.iter().any(|c| c.is_finite() && *c > 0.0);
    let has_alt = alt.len() == t.len();
    // (walking, seconds, metres, climb) per bout of moving samples.
    let mut bouts: Vec<(bool, f64, f64, f64)> = Vec::new();
    for i in 1..t.len().min(p.smooth.len()) {
        if !s.moving.get(i).copied().unwrap_or(true) {
            continue;
        }
        let dt = (t[i] - t[i - 1]).clamp(0.0, 10.0);
        let dd = (p.motion_m[i] - p.motion_m[i - 1]).max(0.0);
        let c = s.cadence.get(i).copied().unwrap_or(f64::NAN);
        let walk = if has_cadence && c.is_finite() && c > 0.0 {
            c < cfg.classify.walk_max_cadence_spm
        } else {
            p.smooth[i] < cfg.intervals.rest_walk_max_mps
        };
        let da = if has_alt {
            let x = alt[i] - alt[i - 1];
            if x.is_finite() { x } else { 0.0 }
        } else {
            0.0
        };
        match bouts.last_mut() {
            Some(b) if b.0 == walk => {
                b.1 += dt;
                b.2 += dd;
                b.3 += da;
            }
            _ => bouts.push((walk, dt, dd, da)),
        }
    }
    // Fold short bouts into the previous one.
    let mut merged: Vec<(bool, f64, f64, f64)> = Vec::new();
    for b in bouts {
        match merged.last_mut() {
            Some(m) if b.1 < cfg.classify.min_bout_s || m.0 == b.0 => {
                m.1 += b.1;
                m.2 += b.2;
                m.3 += b.3;
            }
            _ => merged.push(b),
        }
    }
    let total: f64 = merged.iter().map(|b| b.1).sum();
    let walked: f64 = merged.iter().filter(|b| b.0).map(|b| b.1).sum();
    shape.walking_frac = if total > 0.0 { walked / total } else { 0.0 };
    let first_run = merged.iter().position(|b| !b.0);
    let last_run = merged.iter().rposition(|b| !b.0);
    if let (Some(a), Some(b)) = (first_run, last_run) {
        let runs: Vec<f64> = merged[a..=b].iter().filter(|x| !x.0).map(|x| x.1).collect();
        shape.run_bout_cv = cv(&runs);
        shape.walk_breaks = merged[a..=b]
            .iter()
            .filter(|x| x.0 && x.3 < cfg.classify.hike_min_grade * x.2.max(1.0))
            .count();
    }
    let (rs, rd) = merged
        .iter()
        .filter(|b| !b.0)
        .fold((0.0, 0.0), |acc, b| (acc.0 + b.1, acc.1 + b.2));
    shape.running_mps = (rs > 0.0).then(|| rd / rs);
}

impl RunShape {
    /// Coefficient of variation of the whole-kilometre speeds; `None` with fewer than three.
    pub fn km_cv(&self) -> Option<f64> {
        cv(&self.km_mps)
    }

    /// Whether the pace rises steadily through the run: at least
    /// `cfg.classify.progression_min_km` whole kilometres (a last kilometre slower than the first
    /// is a cool-down and left out), at least `cfg.classify.progression_faster_frac` of
    /// consecutive kilometres faster than the one before, each third of the run at least
    /// `cfg.classify.progression_third_gain` × faster than the one before, and the last kilometre
    /// at least `cfg.classify.progression_min_gain` × the first.
    pub fn progression(&self, cfg: &SegmentConfig) -> bool {
        let mut v: &[f64] = &self.km_mps;
        if let (Some(f), Some(l)) = (v.first(), v.last())
            && l < f
        {
            v = &v[..v.len() - 1];
        }
        let n = v.len();
        if n < cfg.classify.progression_min_km.max(3) {
            return false;
        }
        let faster = v.windows(2).filter(|w| w[1] >= w[0]).count();
        let third = |k: usize| {
            let (a, b) = (k * n / 3, ((k + 1) * n / 3).max(k * n / 3 + 1));
            v[a..b].iter().sum::<f64>() / (b - a) as f64
        };
        faster as f64 >= cfg.classify.progression_faster_frac * (n - 1) as f64
            && third(1) >= third(0) * cfg.classify.progression_third_gain
            && third(2) >= third(1) * cfg.classify.progression_third_gain
            && v[n - 1] >= v[0] * cfg.classify.progression_min_gain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_maximum_ignores_spikes() {
        let t: Vec<f64> = (0..100).map(f64::from).collect();
        let mut hr = vec![150.0; 100];
        hr[50] = 220.0;
        let m = held_max(&t, &hr, 30.0).expect("max");
        assert!(m < 153.0, "{m}");
    }

    #[test]
    fn progression_and_race_distance() {
        let cfg = SegmentConfig::default();
        let shape = RunShape {
            km_mps: vec![3.3, 3.45, 3.6, 3.75, 3.9, 3.2],
            distance_m: 10_150.0,
            ..RunShape::default()
        };
        assert!(shape.progression(&cfg));
        assert!(cv(&shape.km_mps).is_some_and(|c| c > 0.05));
        let flat = RunShape {
            km_mps: vec![3.5, 3.45, 3.55, 3.5, 3.6],
            ..RunShape::default()
        };
        assert!(!flat.progression(&cfg));
    }
}
