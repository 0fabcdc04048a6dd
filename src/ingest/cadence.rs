//! Cadence units: everything on foot is steps/min after ingest.
//!
//! FIT running cadence is per foot; the FIT reader doubles it (with `fractional_cadence`).
//! GPX and TCX files may hold per-foot values (Garmin `cad`, `RunCadence`) or steps/min
//! (some apps), so after every reader [`sanity_check`] looks at the median moving cadence of an
//! on-foot activity and rescales all cadence values (samples, laps, device totals) together.
//! For FIT only the "doubled twice" check applies (its unit is defined by the profile).
//! The thresholds are in docs/metrics.md.

use crate::Activity;

/// Median running cadence below this (per minute) means the values are per foot: doubled.
pub const RUN_PER_FOOT_BELOW: f64 = 120.0;
/// Median walking/hiking cadence below this means per foot: doubled.
pub const WALK_PER_FOOT_BELOW: f64 = 75.0;
/// Median on-foot cadence above this means the values were doubled twice: halved.
pub const DOUBLED_TWICE_ABOVE: f64 = 250.0;
/// Only samples faster than this (m/s) count towards the median when speed is known, so that
/// standing still does not drag the median down.
pub const MOVING_SPEED_MPS: f64 = 0.8;

/// Rescale cadence of an on-foot activity to steps/min when its median says the unit is off.
/// Returns the factor applied (1.0 when nothing changed). Adds a warning when it rescales.
pub fn sanity_check(act: &mut Activity) -> f64 {
    if !act.meta.sport.is_on_foot() {
        return 1.0;
    }
    let Some(median) = moving_median(act) else {
        return 1.0;
    };
    let per_foot_below = if act.meta.sport == crate::model::Sport::Running {
        RUN_PER_FOOT_BELOW
    } else {
        WALK_PER_FOOT_BELOW
    };
    // FIT running cadence is per foot by definition and the FIT reader already doubled it, so a
    // low FIT median is slow running or walking, never a missed doubling.
    let may_be_per_foot = act.meta.format != crate::model::SourceFormat::Fit;
    let factor = if may_be_per_foot && median < per_foot_below {
        2.0
    } else if median > DOUBLED_TWICE_ABOVE {
        0.5
    } else {
        return 1.0;
    };
    scale(act, factor);
    // Per-foot values are the GPX/TCX convention (Garmin `cad`, `RunCadence`): doubling them is
    // the rule, not a finding. Only the unusual correction is reported.
    if factor > 1.0 {
        return factor;
    }
    act.warnings.push(format!(
        "cadence median {median:.0}/min looked doubled twice; halved to steps/min"
    ));
    factor
}

/// Multiply every cadence value of the activity by `factor`.
pub fn scale(act: &mut Activity, factor: f64) {
    for c in &mut act.samples.cadence {
        *c *= factor;
    }
    for lap in &mut act.laps {
        if let Some(c) = &mut lap.avg_cadence_spm {
            *c *= factor;
        }
    }
    if let Some(c) = act.device.as_mut().and_then(|d| d.avg_cadence_spm.as_mut()) {
        *c *= factor;
    }
}

fn moving_median(act: &Activity) -> Option<f64> {
    let s = &act.samples;
    let mut v: Vec<f64> = s
        .cadence
        .iter()
        .zip(&s.speed_mps)
        .filter(|(c, sp)| {
            c.is_finite() && **c > 0.0 && (!sp.is_finite() || **sp > MOVING_SPEED_MPS)
        })
        .map(|(c, _)| *c)
        .collect();
    if v.len() < 10 {
        return None;
    }
    let mid = v.len() / 2;
    v.select_nth_unstable_by(mid, |a, b| a.total_cmp(b));
    Some(v[mid])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, SamplePoint, SourceFormat, Sport};

    fn run_with_cadence(value: f64) -> Activity {
        let mut a = Activity::new(Meta::new("t", SourceFormat::Gpx));
        a.meta.sport = Sport::Running;
        for i in 0..30 {
            a.samples.push(SamplePoint {
                time_s: i as f64,
                cadence: value,
                speed_mps: 3.0,
                ..Default::default()
            });
        }
        a
    }

    #[test]
    fn doubles_per_foot_running() {
        let mut a = run_with_cadence(86.0);
        assert_eq!(sanity_check(&mut a), 2.0);
        assert_eq!(a.samples.cadence[0], 172.0);
        assert!(
            a.warnings.is_empty(),
            "the GPX/TCX convention is not a warning"
        );
    }

    #[test]
    fn keeps_steps_per_minute() {
        let mut a = run_with_cadence(172.0);
        assert_eq!(sanity_check(&mut a), 1.0);
        assert_eq!(a.samples.cadence[0], 172.0);
    }

    #[test]
    fn halves_doubled_twice() {
        let mut a = run_with_cadence(348.0);
        assert_eq!(sanity_check(&mut a), 0.5);
        assert_eq!(a.samples.cadence[0], 174.0);
    }

    #[test]
    fn trusts_fit_low_values() {
        let mut a = run_with_cadence(110.0);
        a.meta.format = SourceFormat::Fit;
        assert_eq!(sanity_check(&mut a), 1.0);
    }

    #[test]
    fn leaves_cycling_alone() {
        let mut a = run_with_cadence(86.0);
        a.meta.sport = Sport::Cycling;
        assert_eq!(sanity_check(&mut a), 1.0);
    }
}
