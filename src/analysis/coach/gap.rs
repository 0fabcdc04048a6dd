//! Grade-adjusted speed over a run: per sample from Minetti's cost of running on a grade
//! ([`crate::segment::grade_adjusted`]), the share by which it adjusts a run ([`cost_share`]), and the
//! normalized graded speed (the 4th-power mean of its 30 s rolling average).

use crate::model::Activity;
use crate::segment::grade_adjusted::grade_adjusted_speed;
use crate::segment::smooth::centred_mean;

/// Width (s) of the centred mean applied to altitude before grades are taken.
pub const ALTITUDE_SMOOTH_S: f64 = 10.0;
/// Half-width (s) of the window a grade is taken over.
pub const GRADE_HALF_S: f64 = 5.0;
/// Least distance (m) in that window for a grade; less is taken as flat.
pub const GRADE_MIN_RUN_M: f64 = 8.0;
/// Width (s) of the rolling average before the 4th-power mean of normalized graded speed.
pub const NGP_WINDOW_S: f64 = 30.0;

/// Grade-adjusted speed per sample; `None` without altitude (a treadmill, most phones' GPX) or
/// for a sport not on foot.
pub fn graded_speed(act: &Activity) -> Option<Vec<f64>> {
    let s = &act.samples;
    // Minetti's cost is of running; on a bike or in the water a grade costs otherwise.
    if !act.meta.sport.is_on_foot() || !s.altitude_m.iter().any(|a| a.is_finite()) {
        return None;
    }
    let alt = centred_mean(&s.time_s, &s.altitude_m, ALTITUDE_SMOOTH_S);
    // Walked stretches too, on the same curve: a hiker walks the climbs and runs the descents,
    // and leaving the walked climbs unadjusted while the run descents are discounted read a
    // hilly run as easier than the flat.
    Some(grade_adjusted_speed(
        &s.time_s,
        &s.distance_m,
        &alt,
        &s.speed_mps,
        GRADE_HALF_S,
        GRADE_MIN_RUN_M,
    ))
}

/// How much the grade adjusted the run: Σ graded speed × dt ÷ Σ speed × dt over moving time
/// (1 on the flat, above 1 on a run that climbed more than it could recoup downhill).
pub fn cost_share(act: &Activity, graded: &[f64]) -> Option<f64> {
    let s = &act.samples;
    let (mut g, mut v) = (0.0, 0.0);
    for (i, &gi) in graded.iter().enumerate().take(s.len()).skip(1) {
        if s.moving[i] && gi.is_finite() && s.speed_mps[i].is_finite() {
            let dt = s.time_s[i] - s.time_s[i - 1];
            g += gi * dt;
            v += s.speed_mps[i] * dt;
        }
    }
    (v > 0.0).then(|| g / v)
}

/// Normalized speed: the 4th root of the time-weighted mean over moving time of the 4th power
/// of `v` averaged over a centred [`NGP_WINDOW_S`] window (as normalized power is for cycling),
/// so that hard reps count for more than their share of time.
pub fn normalized(act: &Activity, v: &[f64]) -> Option<f64> {
    let s = &act.samples;
    let rolled = centred_mean(&s.time_s, v, NGP_WINDOW_S);
    let (mut sum, mut w) = (0.0, 0.0);
    for (i, &x) in rolled.iter().enumerate().take(s.len()).skip(1) {
        if s.moving[i] && x.is_finite() {
            let dt = s.time_s[i] - s.time_s[i - 1];
            sum += x.powi(4) * dt;
            w += dt;
        }
    }
    (w > 0.0 && sum > 0.0).then(|| (sum / w).powf(0.25))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::synth::run_from_speeds;

    /// Up a 10 % hill walking at 1.5 m/s for 300 s, down it running at 3 m/s for 150 s, five
    /// times: the climbs cost more than the descents save, so the loop's grade-adjusted speed
    /// is above its speed (it read below while walked samples kept their own speed).
    #[test]
    fn a_walked_climb_and_run_descent_loop_is_harder_than_the_flat() {
        let mut speeds = Vec::new();
        for _ in 0..5 {
            speeds.extend(std::iter::repeat_n(1.5, 300));
            speeds.extend(std::iter::repeat_n(3.0, 150));
        }
        let mut act = run_from_speeds(&speeds, 0);
        let s = &mut act.samples;
        let mut alt = 100.0;
        for i in 0..s.time_s.len() {
            s.altitude_m[i] = alt;
            let v = speeds.get(i).copied().unwrap_or(3.0);
            alt += if v < 2.0 { 0.1 * v } else { -0.1 * v };
        }
        let graded = graded_speed(&act).expect("altitude");
        let share = cost_share(&act, &graded).expect("moving");
        assert!(share > 1.05, "{share}");
    }
}
