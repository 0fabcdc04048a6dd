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
}

/// Decoupling and efficiency factor of a steady run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Decoupling {
    /// Aerobic decoupling, % (`null` with `why_not`).
    pub decoupling_pct: Option<f64>,
    /// Efficiency factor: metres per minute per beat (`null` with `why_not`).
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
    let ngp = super::gap::normalized(act, speed);
    Decoupling {
        decoupling_pct: Some(100.0 * (r1 - r2) / r1),
        efficiency_factor: ngp.map(|v| v * 60.0 / avg_hr),
        why_not: None,
    }
}
