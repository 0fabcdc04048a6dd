//! Multisport FIT files: one activity per session, each with a copy of the samples inside the
//! session's time range. The copies are bounded so that sessions that overlap (or state no
//! times at all) cannot multiply the file's samples.

use crate::model::Samples;

/// Most session messages kept from one file (a triathlon has five: three legs, two transitions).
pub const MAX_SESSIONS: usize = 100;

/// Samples copied into session legs may add up to at most this many times the file's samples;
/// real sessions do not overlap, so they copy each sample once.
pub const MAX_SESSION_COPY_FACTOR: usize = 2;

/// A copy of the samples inside `[range.0, range.1]` (Unix seconds, ±0.5 s).
pub fn samples_in(s: &Samples, range: (f64, f64)) -> Samples {
    let keep: Vec<bool> = s
        .time_s
        .iter()
        .map(|&t| t >= range.0 - 0.5 && t <= range.1 + 0.5)
        .collect();
    fn pick<T: Copy>(col: &[T], keep: &[bool]) -> Vec<T> {
        col.iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(x, _)| *x)
            .collect()
    }
    Samples {
        time_s: pick(&s.time_s, &keep),
        timer_running: pick(&s.timer_running, &keep),
        moving: pick(&s.moving, &keep),
        distance_m: pick(&s.distance_m, &keep),
        speed_mps: pick(&s.speed_mps, &keep),
        lat_deg: pick(&s.lat_deg, &keep),
        lon_deg: pick(&s.lon_deg, &keep),
        altitude_m: pick(&s.altitude_m, &keep),
        hr_bpm: pick(&s.hr_bpm, &keep),
        cadence: pick(&s.cadence, &keep),
        power_w: pick(&s.power_w, &keep),
        temperature_c: pick(&s.temperature_c, &keep),
        extra: s
            .extra
            .iter()
            .map(|(n, col)| (n.clone(), pick(col, &keep)))
            .collect(),
    }
}

/// Number of samples of `time_s` inside `[range.0, range.1]` (±0.5 s), without copying.
pub fn count_in(time_s: &[f64], range: (f64, f64)) -> usize {
    time_s
        .iter()
        .filter(|&&t| t >= range.0 - 0.5 && t <= range.1 + 0.5)
        .count()
}

/// Whether a lap starting at `start_unix` belongs to leg `leg` covering `range`: a lap with a
/// start time goes to the session whose range holds it; a lap without one only to the first
/// leg (or to the only activity), so it is never copied into every leg.
pub fn lap_in_leg(start_unix: Option<f64>, range: (f64, f64), leg: Option<usize>) -> bool {
    match start_unix {
        Some(s) => s >= range.0 - 1.0 && s < range.1,
        None => leg.is_none_or(|k| k == 1),
    }
}
