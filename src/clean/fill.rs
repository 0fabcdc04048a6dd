//! Linear interpolation of short `NaN` runs inside a channel.

use crate::model::Activity;

/// Interpolate `NaN` runs no longer than `max_gap_s` (time between the finite neighbours) in
/// every numeric channel except position and distance (handled by the distance step).
/// Leading and trailing `NaN`s are left alone.
pub fn interpolate_short_gaps(act: &mut Activity, max_gap_s: f64) {
    let s = &mut act.samples;
    let t = &s.time_s;
    for col in [
        &mut s.speed_mps,
        &mut s.altitude_m,
        &mut s.hr_bpm,
        &mut s.cadence,
        &mut s.power_w,
        &mut s.temperature_c,
    ] {
        interpolate(t, col, max_gap_s);
    }
    interpolate(t, &mut s.distance_m, max_gap_s);
}

/// Interpolate the `NaN` runs of `v` (over time `t`) whose bracketing finite samples are at most
/// `max_gap_s` apart.
pub fn interpolate(t: &[f64], v: &mut [f64], max_gap_s: f64) {
    let mut last: Option<usize> = None;
    for i in 0..v.len() {
        if !v[i].is_finite() {
            continue;
        }
        if let Some(a) = last
            && i > a + 1
            && t[i] - t[a] <= max_gap_s
        {
            let (ta, va, span, dv) = (t[a], v[a], t[i] - t[a], v[i] - v[a]);
            for j in a + 1..i {
                v[j] = va + dv * (t[j] - ta) / span;
            }
        }
        last = Some(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_short_runs_only() {
        let t = [0.0, 1.0, 2.0, 3.0, 40.0, 41.0, 42.0];
        let mut v = [10.0, f64::NAN, f64::NAN, 16.0, f64::NAN, 20.0, f64::NAN];
        interpolate(&t, &mut v, 20.0);
        assert_eq!(v[1], 12.0);
        assert_eq!(v[2], 14.0);
        assert!(v[4].is_nan(), "gap of 37 s stays empty");
        assert!(v[6].is_nan(), "trailing NaN stays");
    }
}
