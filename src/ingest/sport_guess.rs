//! A run recorded without a sport: some watches (Garmin Fenix 2 among them) write
//! `sport = generic` for runs. When neither the file nor the name says what it is, the data
//! decide: a running speed together with a steady running cadence and no coasting means a run.

use crate::Activity;
use crate::model::{SourceFormat, Sport};

/// Moving samples needed before the data are judged.
pub const MIN_MOVING_SAMPLES: usize = 60;
/// Samples at or below this speed (m/s) are standing still and not judged.
pub const MOVING_SPEED_MPS: f64 = 1.0;
/// Median moving speed range of a run (m/s): 14:00/mi to 2:47/km.
pub const RUN_SPEED_MPS: (f64, f64) = (1.9, 6.0);
/// Median moving cadence range of a run, per foot (strides/min): 140–210 steps/min.
pub const RUN_STRIDES_PER_MIN: (f64, f64) = (70.0, 105.0);
/// Largest share of moving samples with zero cadence (coasting means a bike).
pub const MAX_COASTING_SHARE: f64 = 0.05;

/// When the file says `generic` or nothing (sport `Other`, no sub-sport) and the samples look
/// like running, mark the activity as running with a warning. For FIT, whose per-foot cadence
/// is only doubled for on-foot sports, cadence is doubled to steps/min here. Returns whether the
/// sport was changed.
pub fn infer_running_from_data(act: &mut Activity) -> bool {
    if act.meta.sport != Sport::Other || act.meta.sub_sport.is_some() {
        return false;
    }
    let Some((speed, strides)) = running_signature(act) else {
        return false;
    };
    act.meta.sport = Sport::Running;
    if act.meta.format == SourceFormat::Fit {
        super::cadence::scale(act, 2.0);
    }
    act.warnings.push(format!(
        "sport not stated (generic); taken as running from the data \
         (median {speed:.1} m/s, {:.0} steps/min)",
        strides * 2.0
    ));
    true
}

/// Median moving speed and per-foot cadence when both look like running.
fn running_signature(act: &Activity) -> Option<(f64, f64)> {
    let s = &act.samples;
    let speeds = moving_speeds(act);
    let mut moving = Vec::new();
    let mut cadences = Vec::new();
    let mut coasting = 0usize;
    for (i, sp) in speeds.iter().enumerate() {
        if !(sp.is_finite() && *sp > MOVING_SPEED_MPS) {
            continue;
        }
        moving.push(*sp);
        match s.cadence.get(i) {
            Some(c) if c.is_finite() && *c > 0.0 => cadences.push(*c),
            Some(c) if c.is_finite() => coasting += 1,
            _ => {}
        }
    }
    if moving.len() < MIN_MOVING_SAMPLES || cadences.len() < MIN_MOVING_SAMPLES {
        return None;
    }
    if coasting as f64 > MAX_COASTING_SHARE * moving.len() as f64 {
        return None;
    }
    let speed = median(&mut moving)?;
    let mut strides = median(&mut cadences)?;
    // GPX/TCX cadence may already be steps/min.
    if act.meta.format != SourceFormat::Fit && strides > 2.0 * RUN_STRIDES_PER_MIN.0 {
        strides /= 2.0;
    }
    let in_range = |v: f64, (lo, hi): (f64, f64)| v >= lo && v <= hi;
    (in_range(speed, RUN_SPEED_MPS) && in_range(strides, RUN_STRIDES_PER_MIN))
        .then_some((speed, strides))
}

/// Speed per sample: the recorded speed, else from distance and time of the previous sample.
fn moving_speeds(act: &Activity) -> Vec<f64> {
    let s = &act.samples;
    (0..s.len())
        .map(|i| {
            let recorded = s.speed_mps.get(i).copied().unwrap_or(f64::NAN);
            if recorded.is_finite() || i == 0 {
                return recorded;
            }
            let (Some(d1), Some(d0), Some(t1), Some(t0)) = (
                s.distance_m.get(i),
                s.distance_m.get(i - 1),
                s.time_s.get(i),
                s.time_s.get(i - 1),
            ) else {
                return f64::NAN;
            };
            let dt = t1 - t0;
            if dt > 0.0 { (d1 - d0) / dt } else { f64::NAN }
        })
        .collect()
}

fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let mid = v.len() / 2;
    v.select_nth_unstable_by(mid, |a, b| a.total_cmp(b));
    v.get(mid).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, SamplePoint};

    fn activity(speed: f64, cadence: f64, format: SourceFormat) -> Activity {
        let mut a = Activity::new(Meta::new("t", format));
        for i in 0..200 {
            a.samples.push(SamplePoint {
                time_s: i as f64,
                speed_mps: speed,
                cadence,
                ..Default::default()
            });
        }
        a
    }

    #[test]
    fn generic_fit_run_becomes_running_with_doubled_cadence() {
        let mut a = activity(3.2, 84.0, SourceFormat::Fit);
        assert!(infer_running_from_data(&mut a));
        assert_eq!(a.meta.sport, Sport::Running);
        assert_eq!(a.samples.cadence[0], 168.0);
        assert_eq!(a.warnings.len(), 1);
    }

    #[test]
    fn rides_rowing_and_stated_sports_stay() {
        let mut ride = activity(7.5, 85.0, SourceFormat::Fit);
        assert!(!infer_running_from_data(&mut ride));
        let mut row = activity(3.5, 22.0, SourceFormat::Fit);
        assert!(!infer_running_from_data(&mut row));
        let mut slow_ride = activity(4.0, 80.0, SourceFormat::Fit);
        for c in slow_ride.samples.cadence.iter_mut().step_by(10) {
            *c = 0.0;
        }
        assert!(!infer_running_from_data(&mut slow_ride));
        let mut stated = activity(3.2, 84.0, SourceFormat::Fit);
        stated.meta.sport = Sport::Cycling;
        assert!(!infer_running_from_data(&mut stated));
    }

    #[test]
    fn gpx_steps_per_minute_are_recognized() {
        let mut a = activity(3.0, 170.0, SourceFormat::Gpx);
        assert!(infer_running_from_data(&mut a));
        assert_eq!(a.samples.cadence[0], 170.0);
    }
}
