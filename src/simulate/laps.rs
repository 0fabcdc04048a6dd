//! Device laps: manual presses at step and repetition boundaries (with a human delay),
//! auto-laps every mile or kilometre of device distance, or one lap for the whole activity.

use super::motion::{Phase, SegKind, Target, TrueTrack};
use super::plan::LapMode;
use super::recording::{RecLap, Recording};
use super::rng::SimRng;
use crate::model::{MILE_M, Sport};

/// Range of the delay between a step boundary and the lap-button press (s).
pub const LAP_PRESS_DELAY_S: (f64, f64) = (0.2, 1.5);
/// Ignore altitude changes smaller than this when summing ascent and descent (m).
pub const ASCENT_DEADBAND_M: f64 = 1.0;

/// Build the device laps of a recording. Manual presses come `delay_s` (a range, s) after each
/// boundary; [`LAP_PRESS_DELAY_S`] is the default.
pub fn device_laps(
    rec: &Recording,
    tt: &TrueTrack,
    phases: &[Phase],
    mode: LapMode,
    delay_s: (f64, f64),
    rng: &mut SimRng,
) -> Vec<RecLap> {
    let n = rec.len();
    if n < 2 {
        return Vec::new();
    }
    // (start index, intensity, trigger that ended the previous lap)
    let mut starts: Vec<(usize, &'static str, &'static str)> = Vec::new();
    match mode {
        LapMode::Manual => {
            starts.push((
                0,
                phases.first().map(intensity_of).unwrap_or("active"),
                "manual",
            ));
            for p in 1..phases.len() {
                let (ph, prev) = (&phases[p], &phases[p - 1]);
                let same_block = ph.lap_block && prev.lap_block && ph.step == prev.step;
                if ph.kind.is_none() || prev.kind.is_none() || same_block {
                    continue;
                }
                let Some(span) = tt.spans.get(p) else {
                    continue;
                };
                let press = span.start_s + rng.range(delay_s.0, delay_s.1);
                let idx = rec.time_s.partition_point(|&t| (t as f64) < press);
                let last = starts.last().map(|s| s.0).unwrap_or(0);
                if idx > last && idx + 1 < n {
                    starts.push((idx, intensity_of(ph), "manual"));
                }
            }
        }
        LapMode::Mile | LapMode::Km => {
            let step = if mode == LapMode::Mile {
                MILE_M
            } else {
                1000.0
            };
            starts.push((0, "active", "distance"));
            let mut next = step;
            for (i, d) in rec.distance.iter().enumerate() {
                if *d >= next && i + 1 < n {
                    starts.push((i, "active", "distance"));
                    while next <= *d {
                        next += step;
                    }
                }
            }
        }
        LapMode::None => starts.push((0, "active", "session_end")),
    }
    let mut laps = Vec::with_capacity(starts.len());
    for k in 0..starts.len() {
        let (a, intensity, _) = starts[k];
        let (b, trigger) = match starts.get(k + 1) {
            Some(next) => (next.0, next.2),
            None => (n - 1, "session_end"),
        };
        laps.push(lap_stats(rec, a, b, intensity, trigger));
    }
    laps
}

fn intensity_of(ph: &Phase) -> &'static str {
    match ph.kind {
        Some(SegKind::Warmup) => "warmup",
        Some(SegKind::Cooldown) => "cooldown",
        Some(SegKind::Rest) if matches!(ph.target, Target::Steady(v) if v == 0.0) => "rest",
        Some(SegKind::Rest) => "recovery",
        Some(SegKind::Work | SegKind::Hill | SegKind::MileEffort) if !ph.lap_block => "interval",
        _ => "active",
    }
}

/// Totals of the samples `a..=b` of a recording.
pub fn lap_stats(
    rec: &Recording,
    a: usize,
    b: usize,
    intensity: &'static str,
    trigger: &'static str,
) -> RecLap {
    let (t0, t1) = (rec.time_s[a], rec.time_s[b]);
    let paused: u32 = rec
        .pauses
        .iter()
        .filter(|(s, _)| *s >= t0 && *s < t1)
        .map(|(s, e)| e - s)
        .sum();
    let elapsed = (t1 - t0) as f64;
    let timer = elapsed - paused as f64;
    let dist = rec.distance[b] - rec.distance[a];
    let body = if b > a { a + 1..=b } else { a..=b };
    let hrs: Vec<f64> = rec.hr[body.clone()]
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    // Garmin's convention, measured on the corpus (docs/metrics.md §3): running cadence
    // time-weighted over the timer, the zeros of standing still included; a bike computer
    // leaves the zeros of coasting out.
    let keep_zero = rec.sport != Sport::Cycling;
    let (mut cad_sum, mut cad_w) = (0.0, 0.0);
    for i in body.clone().filter(|&i| i > 0) {
        let (s0, s1) = (rec.time_s[i - 1], rec.time_s[i]);
        let paused = rec.pauses.iter().any(|(ps, _)| *ps >= s0 && *ps < s1);
        let c = rec.cadence[i];
        if c.is_finite() && (keep_zero || c > 0.0) && !paused {
            cad_sum += rec.cadence[i] * f64::from(s1 - s0);
            cad_w += f64::from(s1 - s0);
        }
    }
    let (mut up, mut down) = (0.0, 0.0);
    let mut anchor = rec.altitude[a];
    for &z in &rec.altitude[body.clone()] {
        if !z.is_finite() {
            continue;
        }
        if !anchor.is_finite() {
            anchor = z;
        }
        if z - anchor >= ASCENT_DEADBAND_M {
            up += z - anchor;
            anchor = z;
        } else if anchor - z >= ASCENT_DEADBAND_M {
            down += anchor - z;
            anchor = z;
        }
    }
    RecLap {
        start_s: t0,
        end_s: t1,
        start_idx: a,
        end_idx: b,
        distance_m: dist,
        elapsed_s: elapsed,
        timer_s: timer,
        avg_hr_bpm: mean(&hrs).map(f64::round),
        max_hr_bpm: hrs.iter().copied().reduce(f64::max),
        avg_cadence: (cad_w > 0.0).then(|| cad_sum / cad_w),
        avg_speed_mps: if timer > 0.0 { dist / timer } else { 0.0 },
        max_speed_mps: rec.speed[body].iter().copied().fold(0.0, f64::max),
        ascent_m: up,
        descent_m: down,
        intensity,
        trigger,
    }
}

fn mean(v: &[f64]) -> Option<f64> {
    if v.is_empty() {
        None
    } else {
        Some(v.iter().sum::<f64>() / v.len() as f64)
    }
}

#[cfg(test)]
mod tests {
    use crate::simulate::{SimOptions, simulate};

    /// Delay of each manual lap after the latest true boundary before it (s).
    fn press_delays(plan: &str) -> Vec<f64> {
        let sim = simulate(plan, &SimOptions::default()).unwrap();
        let bounds: Vec<f64> = sim.track.spans.iter().skip(1).map(|s| s.start_s).collect();
        sim.recording
            .laps
            .iter()
            .skip(1)
            .map(|lap| {
                bounds
                    .iter()
                    .map(|b| f64::from(lap.start_s) - b)
                    .filter(|d| *d >= 0.0)
                    .fold(f64::INFINITY, f64::min)
            })
            .collect()
    }

    #[test]
    fn the_plan_sets_how_late_the_lap_button_is_pressed() {
        let plan = "1mi wu; 6 x 400m @ 5k rest 60s jog; 1mi cd";
        let default = press_delays(plan);
        let late = press_delays(&format!("lap-delay=2.5-3; {plan}"));
        assert_eq!(default.len(), 12);
        assert_eq!(late.len(), 12);
        // 1 Hz samples: a lap starts at the first sample at or after the press
        assert!(
            default.iter().all(|d| (0.2..2.5).contains(d)),
            "{default:?}"
        );
        assert!(late.iter().all(|d| (2.5..4.0).contains(d)), "{late:?}");
    }
}
