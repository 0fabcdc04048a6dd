//! Splits per unit distance (mile or kilometre), boundaries interpolated in time.

use serde::Serialize;

use super::series::{WindowStats, window_stats};
use crate::model::Activity;

/// One split: the stretch of elapsed time in which the athlete covered one unit of distance
/// (the last one may be partial).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Split {
    /// 1-based split number.
    pub index: usize,
    /// Start, elapsed seconds since the first sample.
    pub start_s: f64,
    /// End, elapsed seconds since the first sample.
    pub end_s: f64,
    /// Distance covered in the split (m).
    pub distance_m: f64,
    /// Elapsed time of the split (s).
    pub elapsed_s: f64,
    /// Time inside the split spent moving with the timer running (s).
    pub moving_s: f64,
    /// Time inside the split with the timer running (s).
    pub timer_s: f64,
    /// Distance / moving time (m/s); `None` when there was no moving time.
    pub avg_speed_mps: Option<f64>,
    /// Time-weighted heart rate over moving samples.
    pub avg_hr_bpm: Option<f64>,
    /// Time-weighted cadence over moving samples.
    pub avg_cadence_spm: Option<f64>,
    /// Elevation gain of the smoothed altitude (m), when the activity has altitude.
    pub elevation_gain_m: Option<f64>,
    /// Elevation loss of the smoothed altitude (m), when the activity has altitude.
    pub elevation_loss_m: Option<f64>,
    /// True for a final split shorter than the unit.
    pub partial: bool,
}

/// Most boundaries [`unit_boundaries`] returns: a guard for uncleaned input with absurd
/// distances (cleaned distance is at most 10 000 km, 6 214 miles).
pub const MAX_BOUNDARIES: usize = 100_000;

/// Times at which cumulative distance (relative to the first sample) first reaches each
/// multiple of `unit_m`, interpolated linearly between samples (at most [`MAX_BOUNDARIES`]).
/// O(n).
pub fn unit_boundaries(time_s: &[f64], distance_m: &[f64], unit_m: f64) -> Vec<f64> {
    let mut out = Vec::new();
    let n = time_s.len().min(distance_m.len());
    let Some(d0) = distance_m[..n].iter().copied().find(|d| d.is_finite()) else {
        return out;
    };
    if unit_m.is_nan() || unit_m <= 0.0 {
        return out;
    }
    let mut prev: Option<(f64, f64)> = None;
    let mut target = d0 + unit_m;
    for i in 0..n {
        let (t, d) = (time_s[i], distance_m[i]);
        if !d.is_finite() {
            continue;
        }
        while d >= target && out.len() < MAX_BOUNDARIES {
            let tb = match prev {
                Some((tp, dp)) if d > dp => tp + (target - dp) / (d - dp) * (t - tp),
                _ => t,
            };
            out.push(tb);
            target += unit_m;
        }
        prev = Some((t, d));
    }
    out
}

fn split_from(index: usize, w: WindowStats, start_s: f64, end_s: f64, partial: bool) -> Split {
    Split {
        index,
        start_s,
        end_s,
        distance_m: w.distance_m,
        elapsed_s: end_s - start_s,
        moving_s: w.moving_s,
        timer_s: w.timer_s,
        avg_speed_mps: (w.moving_s > 0.0).then(|| w.distance_m / w.moving_s),
        avg_hr_bpm: w.avg_hr_bpm,
        avg_cadence_spm: w.avg_cadence_spm,
        elevation_gain_m: w.gain_m,
        elevation_loss_m: w.loss_m,
        partial,
    }
}

/// Splits of `unit_m` metres. `altitude` is the smoothed altitude column (or empty). A final
/// piece shorter than `min_partial_m` is folded into the last full split, so split elapsed
/// times always sum to the activity's elapsed time and distances to its distance.
pub fn splits(act: &Activity, unit_m: f64, altitude: &[f64], min_partial_m: f64) -> Vec<Split> {
    let s = &act.samples;
    let (Some(&t0), Some(&t_end)) = (s.time_s.first(), s.time_s.last()) else {
        return Vec::new();
    };
    if !s.distance_m.iter().any(|d| d.is_finite()) {
        return Vec::new();
    }
    let bounds = unit_boundaries(&s.time_s, &s.distance_m, unit_m);
    let mut edges = vec![t0];
    edges.extend(bounds.iter().copied().filter(|&b| b > t0));
    let full = edges.len() - 1;
    let last = *edges.last().unwrap_or(&t0);
    let rest = window_stats(s, altitude, last, t_end);
    let mut partial = false;
    if t_end > last {
        if rest.distance_m >= min_partial_m || full == 0 {
            edges.push(t_end);
            partial = true;
        } else if let Some(e) = edges.last_mut() {
            *e = t_end;
        }
    }
    let count = edges.len() - 1;
    (0..count)
        .map(|k| {
            let (a, b) = (edges[k], edges[k + 1]);
            let w = window_stats(s, altitude, a, b);
            split_from(k + 1, w, a, b, partial && k + 1 == count)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::synth::{constant_run, run_from_speeds};

    #[test]
    fn constant_pace_mile_splits() {
        // 4 m/s for 1000 s = 4000 m: two full miles and a partial.
        let act = constant_run(4.0, 1000);
        let sp = splits(&act, 1609.344, &[], 1.0);
        assert_eq!(sp.len(), 3);
        assert!((sp[0].elapsed_s - 1609.344 / 4.0).abs() < 1e-9);
        assert!(!sp[1].partial && sp[2].partial);
        assert!((sp[2].distance_m - (4000.0 - 2.0 * 1609.344)).abs() < 1e-6);
        assert_eq!(sp[0].avg_hr_bpm, Some(150.0));
    }

    #[test]
    fn tiny_remainder_folds_into_last_split() {
        let mut speeds = vec![4.0; 251];
        speeds.extend(vec![0.0; 20]);
        let act = run_from_speeds(&speeds, 0);
        let sp = splits(&act, 1000.0, &[], 1.0);
        assert_eq!(sp.len(), 1);
        assert!(!sp[0].partial);
        assert!((sp[0].elapsed_s - act.elapsed_s()).abs() < 1e-9);
    }

    #[test]
    fn no_distance_no_splits() {
        let mut act = constant_run(3.0, 10);
        act.samples
            .distance_m
            .iter_mut()
            .for_each(|d| *d = f64::NAN);
        assert!(splits(&act, 1000.0, &[], 1.0).is_empty());
    }
}
