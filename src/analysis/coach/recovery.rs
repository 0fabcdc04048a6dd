//! Heart-rate recovery: how far the heart rate falls in the 60 s after each interval rep ends,
//! and after the running ends when the watch kept recording. A fitter (and fresher) runner's
//! heart rate falls faster (Cole et al., N Engl J Med 1999, for the 1-minute drop after exercise).

use serde::Serialize;

use crate::model::Activity;
use crate::segment::Segmentation;
use crate::segment::series::value_at_time;

/// How long after the effort the heart rate is read (s).
pub const RECOVERY_S: f64 = 60.0;

/// The drop after one rep.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RepDrop {
    /// Rep number, from 1.
    pub rep: usize,
    /// Heart rate at the rep's end minus heart rate 60 s later (bpm).
    pub drop_bpm: f64,
}

/// Heart-rate recovery of a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HrRecovery {
    /// After each interval rep followed by 60 s of recording with a heart rate.
    pub after_reps: Vec<RepDrop>,
    /// After the last moving sample, when 60 s more with a heart rate were recorded.
    pub after_run_bpm: Option<f64>,
}

/// The heart-rate drop from `t0` to `t0 + 60 s`, when both are inside the recording and have
/// a heart rate.
fn drop_after(act: &Activity, t0: f64) -> Option<f64> {
    let s = &act.samples;
    let last = *s.time_s.last()?;
    if t0 + RECOVERY_S > last {
        return None;
    }
    let (a, b) = (
        value_at_time(&s.time_s, &s.hr_bpm, t0),
        value_at_time(&s.time_s, &s.hr_bpm, t0 + RECOVERY_S),
    );
    (a.is_finite() && b.is_finite()).then_some(a - b)
}

/// Heart-rate recovery after the reps of `seg` and after the running.
pub fn hr_recovery(act: &Activity, seg: &Segmentation) -> HrRecovery {
    let s = &act.samples;
    let after_reps = seg
        .intervals
        .as_ref()
        .map(|iv| {
            iv.reps
                .iter()
                .enumerate()
                .filter_map(|(k, r)| {
                    drop_after(act, r.end_s).map(|d| RepDrop {
                        rep: k + 1,
                        drop_bpm: d,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let end = (0..s.len())
        .rev()
        .find(|&i| s.moving[i])
        .map(|i| s.time_s[i]);
    HrRecovery {
        after_reps,
        after_run_bpm: end.and_then(|t| drop_after(act, t)),
    }
}

/// Longest sample interval (s) that counts towards a heart-rate window; longer ones are gaps.
pub const MAX_HR_INTERVAL_S: f64 = 10.0;

/// The highest time-weighted mean heart rate over any stretch of `window_s` seconds of the
/// recording: sample intervals of at most [`MAX_HR_INTERVAL_S`] with the timer running and a
/// heart rate, contiguous (a gap or pause ends a stretch); `None` when no stretch is that long.
/// Two pointers: O(n).
pub fn best_mean_hr(act: &Activity, window_s: f64) -> Option<f64> {
    let s = &act.samples;
    let n = s.len();
    let (t, hr) = (&s.time_s, &s.hr_bpm);
    let usable = |i: usize| {
        hr[i].is_finite()
            && t[i] - t[i - 1] <= MAX_HR_INTERVAL_S
            && s.timer_running.get(i).copied().unwrap_or(true)
    };
    let (mut lo, mut sum, mut w) = (1usize, 0.0, 0.0);
    let mut best: Option<f64> = None;
    for hi in 1..n {
        if !usable(hi) {
            // A gap: the next stretch starts after it.
            lo = hi + 1;
            sum = 0.0;
            w = 0.0;
            continue;
        }
        let dt = t[hi] - t[hi - 1];
        sum += hr[hi] * dt;
        w += dt;
        // Drop leading intervals while the stretch stays at least the window long.
        while lo < hi && w - (t[lo] - t[lo - 1]) >= window_s {
            let d = t[lo] - t[lo - 1];
            sum -= hr[lo] * d;
            w -= d;
            lo += 1;
        }
        if w >= window_s - 1e-9 {
            let m = sum / w;
            best = Some(best.map_or(m, |b: f64| b.max(m)));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, SamplePoint, SourceFormat};

    /// 10 minutes at 150 with 60 s at 180 inside, and a one-sample spike of 220: the 30 s peak
    /// is 180 (the spike is not sustained), the 20-minute mean needs 20 minutes.
    #[test]
    fn sustained_peaks_not_spikes() {
        let mut a = Activity::new(Meta::new("t", SourceFormat::Fit));
        for i in 0..600 {
            let hr = match i {
                200..=259 => 180.0,
                400 => 220.0,
                _ => 150.0,
            };
            a.samples.push(SamplePoint {
                time_s: f64::from(i),
                hr_bpm: hr,
                ..Default::default()
            });
        }
        let peak = best_mean_hr(&a, 30.0).expect("peak");
        assert!((peak - 180.0).abs() < 1e-9, "{peak}");
        assert!(best_mean_hr(&a, 1200.0).is_none());
        let ten = best_mean_hr(&a, 590.0).expect("mean");
        assert!(ten > 150.0 && ten < 155.0, "{ten}");
    }
}
