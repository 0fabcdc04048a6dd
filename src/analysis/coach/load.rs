//! Training load of one run on one TSS-like scale (100 = an hour at threshold): hrTSS from
//! heart rate where the thresholds allow it, else rTSS from normalized graded pace; Banister's
//! TRIMP beside it.
//!
//! - TRIMP (Banister 1991; Morton, Fitz-Clarke & Banister 1990): Σ minutes × HRr × a·e^(b·HRr)
//!   over moving time, HRr = (HR − rest) / (max − rest) clamped to [0, 1], a = 0.64, b = 1.92
//!   for men and 0.86, 1.67 for women (the men's constants when sex is not given).
//! - hrTSS: 100 × TRIMP / TRIMP of one hour at threshold HR (the "HRSS" definition of Elevate).
//! - rTSS: moving hours × (NGP / threshold speed)² × 100 (TrainingPeaks' run TSS).

use serde::Serialize;

use super::{Sex, Thresholds};
use crate::model::Activity;

/// Least share of the moving time with a heart rate for hrTSS.
pub const MIN_HR_SHARE: f64 = 0.9;

/// Which figure the load is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LoadMethod {
    /// Heart-rate training stress (TRIMP against an hour at threshold HR).
    HrTss,
    /// Running training stress from normalized graded pace.
    RTss,
}

impl LoadMethod {
    /// The name used in JSON and CSV (`hr_tss`, `r_tss`).
    pub fn as_str(self) -> &'static str {
        match self {
            LoadMethod::HrTss => "hr_tss",
            LoadMethod::RTss => "r_tss",
        }
    }
}

/// A run's training load.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Load {
    /// The load: `hr_tss` where available, else `r_tss`; `None` when only TRIMP is known (no
    /// threshold HR or pace).
    pub value: Option<f64>,
    /// Which of the two it is.
    pub method: Option<LoadMethod>,
    /// Banister's TRIMP (needs max and resting HR).
    pub trimp: Option<f64>,
    /// hrTSS (needs max, resting and threshold HR).
    pub hr_tss: Option<f64>,
    /// rTSS (needs the threshold pace).
    pub r_tss: Option<f64>,
}

/// Banister's weighting of one minute at heart-rate reserve fraction `hrr`.
pub fn trimp_weight(hrr: f64, sex: Option<Sex>) -> f64 {
    let (a, b) = match sex {
        Some(Sex::Female) => (0.86, 1.67),
        _ => (0.64, 1.92),
    };
    let x = hrr.clamp(0.0, 1.0);
    x * a * (b * x).exp()
}

/// Banister's TRIMP of the moving samples with a heart rate; `None` without max and resting
/// HR (max above rest) or without any such sample.
pub fn trimp(act: &Activity, th: &Thresholds) -> Option<f64> {
    let (max, rest) = (th.max_hr_bpm?, th.resting_hr_bpm?);
    if max <= rest {
        return None;
    }
    let s = &act.samples;
    let mut total = 0.0;
    let mut any = false;
    for i in 1..s.len() {
        let hr = s.hr_bpm[i];
        if s.moving[i] && hr.is_finite() {
            let minutes = (s.time_s[i] - s.time_s[i - 1]) / 60.0;
            total += minutes * trimp_weight((hr - rest) / (max - rest), th.sex);
            any = true;
        }
    }
    any.then_some(total)
}

/// hrTSS from a TRIMP: 100 × TRIMP / the TRIMP of 60 minutes at threshold HR.
pub fn hr_tss(trimp: f64, th: &Thresholds) -> Option<f64> {
    let (max, rest, lthr) = (th.max_hr_bpm?, th.resting_hr_bpm?, th.threshold_hr_bpm?);
    let hour = 60.0 * trimp_weight((lthr - rest) / (max - rest), th.sex);
    (hour > 0.0).then(|| 100.0 * trimp / hour)
}

/// rTSS: moving hours × (NGP / threshold speed)² × 100.
pub fn r_tss(moving_s: f64, ngp_mps: f64, threshold_mps: f64) -> Option<f64> {
    (threshold_mps > 0.0 && moving_s > 0.0)
        .then(|| moving_s / 3600.0 * (ngp_mps / threshold_mps).powi(2) * 100.0)
}

/// The run's load against `th`, with `ngp_mps` its normalized graded speed; `None` when not
/// even TRIMP can be computed.
pub fn load(act: &Activity, ngp_mps: Option<f64>, th: &Thresholds) -> Option<Load> {
    let s = &act.samples;
    let moving_s: f64 = (1..s.len())
        .filter(|&i| s.moving[i])
        .map(|i| s.time_s[i] - s.time_s[i - 1])
        .sum();
    let trimp = trimp(act, th);
    // A strap that dropped out for part of the run would understate it: hrTSS needs heart rate
    // on at least `MIN_HR_SHARE` of the moving time, else the pace-based load stands.
    let hr_s = super::zones::moving_hr_seconds(act);
    let hr_tss = trimp
        .filter(|_| hr_s >= MIN_HR_SHARE * moving_s)
        .and_then(|t| hr_tss(t, th));
    // A running threshold pace says nothing of a ride or a swim.
    let r_tss = match (ngp_mps, th.threshold_speed_mps) {
        (Some(n), Some(ts)) if act.meta.sport.is_on_foot() => r_tss(moving_s, n, ts),
        _ => None,
    };
    let (value, method) = match (hr_tss, r_tss, trimp) {
        (Some(v), _, _) => (Some(v), Some(LoadMethod::HrTss)),
        (None, Some(v), _) => (Some(v), Some(LoadMethod::RTss)),
        (None, None, Some(_)) => (None, None),
        (None, None, None) => return None,
    };
    Some(Load {
        value,
        method,
        trimp,
        hr_tss,
        r_tss,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked example by hand: 30 minutes at HRr 0.7 for a man is
    /// 30 × 0.7 × 0.64 × e^(1.92 × 0.7) = 30 × 0.448 × 3.8344 = 51.53 TRIMP; for a woman
    /// 30 × 0.7 × 0.86 × e^(1.67 × 0.7) = 30 × 0.602 × 3.2188 = 58.13.
    #[test]
    fn banister_worked_example() {
        assert!((30.0 * trimp_weight(0.7, Some(Sex::Male)) - 51.534).abs() < 0.001);
        assert!((30.0 * trimp_weight(0.7, Some(Sex::Female)) - 58.131).abs() < 0.001);
    }

    /// An hour at threshold HR is 100 hrTSS; an hour at threshold pace is 100 rTSS; 45 minutes
    /// at 90 % of threshold speed is 0.75 × 0.81 × 100 = 60.75 rTSS.
    #[test]
    fn an_hour_at_threshold_is_100() {
        let th = Thresholds {
            max_hr_bpm: Some(190.0),
            resting_hr_bpm: Some(50.0),
            threshold_hr_bpm: Some(170.0),
            threshold_speed_mps: Some(4.0),
            sex: None,
            ..Thresholds::default()
        };
        let hour = 60.0 * trimp_weight(120.0 / 140.0, None);
        assert!((hr_tss(hour, &th).unwrap() - 100.0).abs() < 1e-9);
        assert!((r_tss(3600.0, 4.0, 4.0).unwrap() - 100.0).abs() < 1e-9);
        assert!((r_tss(2700.0, 3.6, 4.0).unwrap() - 60.75).abs() < 1e-9);
    }
}
