//! Aerobic decoupling and efficiency factor, on steady runs only. Decoupling (Friel; as in
//! GoldenCheetah's AerobicDecoupling): the moving time with a heart rate split into halves,
//! r = grade-adjusted speed ÷ heart rate per half, decoupling = 100 × (r₁ − r₂) / r₁ (above 5 %
//! suggests the run was above the aerobic threshold or the runner was not fit for its length).
//! Efficiency factor (Friel): normalized graded speed in metres per minute ÷ average heart rate.

use serde::Serialize;

use crate::model::Activity;
use crate::segment::{Segmentation, WorkoutType};

/// Shortest run (moving seconds) decoupling is judged on.
pub const MIN_MOVING_S: f64 = 40.0 * 60.0;
/// Least share of moving time with a heart rate.
pub const MIN_HR_SHARE: f64 = 0.9;

/// Why decoupling is not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoDecoupling {
    /// The run is a workout (reps, tempo, hills, ...), not steady running.
    NotSteady,
    /// Shorter than 40 minutes of moving time.
    TooShort,
    /// No heart rate (or on less than 90 % of moving time).
    NoHeartRate,
    /// One half climbs and the other descends (their net altitude changes differ by more than
    /// [`MAX_HALF_CLIMB_DIFF`] of a half's distance): the grade adjustment follows Minetti's
    /// energy cost, which falls faster downhill than heart rate does, so the halves are not
    /// comparable.
    Hilly,
}

/// Largest difference between the halves' net altitude changes, as a share of a half's
/// distance, for which decoupling is given (1 %).
pub const MAX_HALF_CLIMB_DIFF: f64 = 0.01;

/// Decoupling and efficiency factor of a steady run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Decoupling {
    /// Aerobic decoupling, % (`null` with `why_not`).
    pub decoupling_pct: Option<f64>,
    /// Efficiency factor: metres per minute per beat (`null` with `why_not`, except `hilly`).
    pub efficiency_factor: Option<f64>,
    /// Why the two are `null`.
    pub why_not: Option<NoDecoupling>,
}

/// Decoupling and efficiency factor; `graded` is the grade-adjusted speed (the recorded speed
/// is used without altitude).
pub fn decoupling(act: &Activity, seg: &Segmentation, graded: Option<&[f64]>) -> Decoupling {
    let none = |why| Decoupling {
        decoupling_pct: None,
        efficiency_factor: None,
        why_not: Some(why),
    };
    let steady = matches!(
        seg.workout.kind,
        WorkoutType::Easy | WorkoutType::Long | WorkoutType::Recovery
    );
    if !steady {
        return none(NoDecoupling::NotSteady);
    }
    let s = &act.samples;
    let speed = graded.unwrap_or(&s.speed_mps);
    let keep = |i: usize| s.moving[i] && s.hr_bpm[i].is_finite() && speed[i].is_finite();
    let dt = |i: usize| s.time_s[i] - s.time_s[i - 1];
    let moving: f64 = (1..s.len()).filter(|&i| s.moving[i]).map(dt).sum();
    if moving < MIN_MOVING_S {
        return none(NoDecoupling::TooShort);
    }
    let with_hr: f64 = (1..s.len()).filter(|&i| keep(i)).map(dt).sum();
    if with_hr < MIN_HR_SHARE * moving {
        return none(NoDecoupling::NoHeartRate);
    }
    // Halves of the moving time with HR: sums of speed·dt and HR·dt on each side.
    let (mut acc, mut halves) = (0.0, [[0.0f64; 3]; 2]);
    for i in (1..s.len()).filter(|&i| keep(i)) {
        let side = usize::from(acc >= with_hr / 2.0);
        let w = dt(i);
        halves[side][0] += speed[i] * w;
        halves[side][1] += s.hr_bpm[i] * w;
        halves[side][2] += w;
        acc += w;
    }
    let ratio = |h: [f64; 3]| (h[1] > 0.0).then(|| h[0] / h[1]);
    let (Some(r1), Some(r2)) = (ratio(halves[0]), ratio(halves[1])) else {
        return none(NoDecoupling::NoHeartRate);
    };
    let avg_hr = (halves[0][1] + halves[1][1]) / with_hr;
    let efficiency_factor = super::gap::normalized(act, speed).map(|v| v * 60.0 / avg_hr);
    // The efficiency factor holds over the whole run; the halves' comparison needs halves on
    // comparable ground.
    if halves_climb_apart(act, (acc_mid(s, &keep, with_hr), s.len() - 1)) {
        return Decoupling {
            decoupling_pct: None,
            efficiency_factor,
            why_not: Some(NoDecoupling::Hilly),
        };
    }
    Decoupling {
        decoupling_pct: Some(100.0 * (r1 - r2) / r1),
        efficiency_factor,
        why_not: None,
    }
}

/// The sample at which half of the moving time with a heart rate (`total`) has passed.
fn acc_mid(s: &crate::model::Samples, keep: &dyn Fn(usize) -> bool, total: f64) -> usize {
    let mut acc = 0.0;
    for i in 1..s.len() {
        if keep(i) {
            acc += s.time_s[i] - s.time_s[i - 1];
            if acc >= total / 2.0 {
                return i;
            }
        }
    }
    s.len().saturating_sub(1)
}

/// Whether the halves split at sample `mid` (the other end `last`) differ in net climb by more
/// than [`MAX_HALF_CLIMB_DIFF`] of a half's distance, on the altitude averaged over 30 s.
fn halves_climb_apart(act: &Activity, (mid, last): (usize, usize)) -> bool {
    let s = &act.samples;
    if !s.altitude_m.iter().any(|a| a.is_finite()) || mid == 0 || mid >= last {
        return false;
    }
    let alt = crate::segment::smooth::centred_mean(&s.time_s, &s.altitude_m, 30.0);
    let at = |i: usize| {
        alt[..=i]
            .iter()
            .rev()
            .chain(alt[i..].iter())
            .copied()
            .find(|a| a.is_finite())
    };
    let first = (0..s.len()).find(|&i| alt[i].is_finite());
    let (Some(a0), Some(am), Some(a1)) = (first.and_then(at), at(mid), at(last)) else {
        return false;
    };
    let half_m = 0.5 * (s.distance_m[last] - s.distance_m[0]);
    half_m > 0.0 && ((am - a0) - (a1 - am)).abs() > MAX_HALF_CLIMB_DIFF * half_m
}
