//! TCX laps: the raw lap values as written, turned into model laps and device totals.

use crate::model::{Activity, DeviceTotals, Lap, LapIntensity, LapTrigger};

/// A lap as written, times as absolute epoch seconds.
#[derive(Default)]
pub(super) struct LapIn {
    pub(super) start: Option<f64>,
    pub(super) first_point: Option<f64>,
    pub(super) last_point: Option<f64>,
    pub(super) total_time_s: Option<f64>,
    pub(super) distance_m: Option<f64>,
    pub(super) calories: Option<f64>,
    pub(super) avg_hr: Option<f64>,
    pub(super) max_hr: Option<f64>,
    pub(super) cadence: Option<f64>,
    pub(super) avg_run_cadence: Option<f64>,
    pub(super) avg_speed: Option<f64>,
    pub(super) intensity: Option<String>,
    pub(super) trigger: Option<String>,
}

/// Laps relative to `t0`: start from `StartTime` (else the first trackpoint), end at the later of
/// start + `TotalTimeSeconds` and the last trackpoint, never past the next lap's start.
pub(super) fn build_laps(laps: &[LapIn], t0: f64) -> Vec<Lap> {
    let starts: Vec<Option<f64>> = laps.iter().map(|l| l.start.or(l.first_point)).collect();
    let mut out = Vec::with_capacity(laps.len());
    for (i, l) in laps.iter().enumerate() {
        let Some(start) = starts.get(i).copied().flatten() else {
            continue;
        };
        let by_timer = l.total_time_s.map(|t| start + t);
        let mut end = match (by_timer, l.last_point) {
            (Some(a), Some(b)) => a.max(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => start,
        };
        if let Some(next) = starts.get(i + 1).copied().flatten()
            && next >= start
        {
            end = end.min(next);
        }
        out.push(Lap {
            start_s: start - t0,
            end_s: end - t0,
            distance_m: l.distance_m,
            timer_s: l.total_time_s,
            elapsed_s: None,
            avg_hr_bpm: l.avg_hr,
            max_hr_bpm: l.max_hr,
            avg_cadence_spm: l.avg_run_cadence.or(l.cadence),
            avg_speed_mps: l.avg_speed,
            intensity: l.intensity.as_deref().map(LapIntensity::from_name),
            trigger: l.trigger.as_deref().map(LapTrigger::from_name),
            ..Default::default()
        });
    }
    out
}

/// Device totals from the laps: summed distance, timer time and calories, time-weighted
/// heart rate and cadence, the highest lap maximum.
pub(super) fn device_totals(raw: &[LapIn], laps: &[Lap]) -> Option<DeviceTotals> {
    if raw.is_empty() {
        return None;
    }
    let sum = |f: fn(&LapIn) -> Option<f64>| -> Option<f64> {
        raw.iter().filter_map(f).reduce(|a, b| a + b)
    };
    let weighted = |f: fn(&LapIn) -> Option<f64>| -> Option<f64> {
        let (mut num, mut den) = (0.0, 0.0);
        for l in raw {
            if let (Some(v), Some(t)) = (f(l), l.total_time_s) {
                num += v * t;
                den += t;
            }
        }
        (den > 0.0).then(|| num / den)
    };
    let distance_m = sum(|l| l.distance_m);
    let timer_s = sum(|l| l.total_time_s);
    let elapsed_s = match (laps.first(), laps.last()) {
        (Some(a), Some(b)) => Some(b.end_s - a.start_s),
        _ => None,
    };
    Some(DeviceTotals {
        distance_m,
        elapsed_s,
        timer_s,
        avg_hr_bpm: weighted(|l| l.avg_hr),
        max_hr_bpm: raw.iter().filter_map(|l| l.max_hr).reduce(f64::max),
        avg_cadence_spm: weighted(|l| l.avg_run_cadence.or(l.cadence)),
        avg_speed_mps: match (distance_m, timer_s) {
            (Some(d), Some(t)) if t > 0.0 => Some(d / t),
            _ => None,
        },
        calories_kcal: sum(|l| l.calories),
        ..Default::default()
    })
}

/// Why the laps' sums cannot be the watch's totals, when they cannot: TCX has no session
/// message, its totals are the sums of its laps, and some exports carry laps that overlap or
/// cover only part of the recording. Laps overlap when their summed timer time exceeds their own
/// span (first start to last end) by more than [`LAP_SUM_EXTRA_S`]; they cover only part when
/// their distance falls short of the distance the trackpoints themselves carry by more than
/// [`LAP_SUM_DISTANCE_TOL`] (and [`LAP_SUM_DISTANCE_MIN_M`]). Laps that cover *more* than the
/// trackpoints are kept: a watch that recorded positions for part of the ride still summed the
/// whole of it in its laps.
pub(super) fn laps_disagree(act: &Activity) -> Option<String> {
    let d = act.device.as_ref()?;
    if let (Some(t), Some(span)) = (d.timer_s, d.elapsed_s)
        && t > span + LAP_SUM_EXTRA_S
    {
        return Some(format!(
            "the laps add up to {t:.0} s of timer within {span:.0} s (they overlap)"
        ));
    }
    let s = &act.samples;
    // Without positions (a treadmill) the trackpoints' distance is the foot pod's, which the
    // laps may have been calibrated against: the laps stand.
    if !s.lat_deg.iter().any(|v| v.is_finite()) {
        return None;
    }
    let recorded = {
        let mut finite = s.distance_m.iter().copied().filter(|v| v.is_finite());
        let first = finite.next();
        first.zip(finite.next_back()).map(|(a, b)| b - a)
    };
    if let (Some(laps), Some(rec)) = (d.distance_m, recorded)
        && laps < rec - (LAP_SUM_DISTANCE_TOL * rec).max(LAP_SUM_DISTANCE_MIN_M)
    {
        return Some(format!(
            "the laps add up to {laps:.0} m, the trackpoints to {rec:.0} m"
        ));
    }
    None
}

/// Laps' summed distance may fall short of the trackpoints' by this fraction ...
pub const LAP_SUM_DISTANCE_TOL: f64 = 0.05;
/// ... or this many metres, whichever is more.
pub const LAP_SUM_DISTANCE_MIN_M: f64 = 50.0;
/// Laps' summed timer time may exceed their own span by this many seconds.
pub const LAP_SUM_EXTRA_S: f64 = 60.0;
