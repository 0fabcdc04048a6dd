//! Statistics of the samples inside a time window (a lap, a split, a segment).

use serde::Serialize;

use crate::model::{Activity, PauseSource};

/// Value of a column at a time, linearly interpolated (shared with segmentation).
pub use super::series::value_at_time as value_at;

/// Seconds of `[a, b]` covered by pauses that stop the timer.
pub fn paused_within(act: &Activity, a: f64, b: f64) -> f64 {
    let gaps_stop_timer = !act.meta.timer_events;
    act.pauses
        .iter()
        .filter(|p| p.source == PauseSource::Timer || gaps_stop_timer)
        .map(|p| (p.end_s.min(b) - p.start_s.max(a)).max(0.0))
        .sum()
}

/// What the samples say about a time window.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct WindowStats {
    /// Window start, elapsed seconds.
    pub start_s: f64,
    /// Window end, elapsed seconds.
    pub end_s: f64,
    /// Distance covered, m (interpolated at both ends).
    pub distance_m: Option<f64>,
    /// End minus start, s.
    pub elapsed_s: f64,
    /// Elapsed minus timer pauses, s.
    pub timer_s: f64,
    /// Moving time, s.
    pub moving_s: f64,
    /// Time-weighted average heart rate while the timer runs, bpm.
    pub avg_hr_bpm: Option<f64>,
    /// Maximum heart rate, bpm.
    pub max_hr_bpm: Option<f64>,
    /// Time-weighted average cadence while the timer runs (zeros included), steps/min.
    pub avg_cadence_spm: Option<f64>,
}

/// Statistics of the samples whose interval ends inside `(start, end]`, with the device's
/// conventions (averages over timer time, cadence zeros included) so that they compare with a
/// device lap; splits and segments use moving-time statistics instead
/// (`segment::series::window_stats`).
pub fn window_stats(act: &Activity, start: f64, end: f64) -> WindowStats {
    let s = &act.samples;
    let t = &s.time_s;
    let d0 = value_at(t, &s.distance_m, start);
    let d1 = value_at(t, &s.distance_m, end);
    let i0 = t.partition_point(|&x| x <= start);
    let i1 = t.partition_point(|&x| x <= end);
    let (mut hr_sum, mut hr_w, mut cad_sum, mut cad_w, mut moving) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let mut max_hr: Option<f64> = None;
    for i in i0.max(1)..i1 {
        let dt = t[i] - t[i - 1];
        if s.moving[i] {
            moving += dt;
        }
        if s.hr_bpm[i].is_finite() {
            max_hr = Some(max_hr.map_or(s.hr_bpm[i], |m: f64| m.max(s.hr_bpm[i])));
        }
        if !s.timer_running[i] {
            continue;
        }
        if s.hr_bpm[i].is_finite() {
            hr_sum += s.hr_bpm[i] * dt;
            hr_w += dt;
        }
        if s.cadence[i].is_finite() {
            cad_sum += s.cadence[i] * dt;
            cad_w += dt;
        }
    }
    let elapsed = (end - start).max(0.0);
    WindowStats {
        start_s: start,
        end_s: end,
        distance_m: (d1 - d0).is_finite().then_some(d1 - d0),
        elapsed_s: elapsed,
        timer_s: (elapsed - paused_within(act, start, end)).max(0.0),
        moving_s: moving,
        avg_hr_bpm: (hr_w > 0.0).then(|| hr_sum / hr_w),
        max_hr_bpm: max_hr,
        avg_cadence_spm: (cad_w > 0.0).then(|| cad_sum / cad_w),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolates_and_clamps() {
        let t = [0.0, 10.0, 20.0];
        let v = [0.0, 100.0, 300.0];
        assert_eq!(value_at(&t, &v, 5.0), 50.0);
        assert_eq!(value_at(&t, &v, 15.0), 200.0);
        assert_eq!(value_at(&t, &v, -1.0), 0.0);
        assert_eq!(value_at(&t, &v, 99.0), 300.0);
        assert_eq!(value_at(&t, &v, 10.0), 100.0);
    }
}
