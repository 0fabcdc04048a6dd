//! Whole-activity totals computed from cleaned samples.

use serde::Serialize;

use crate::model::{Activity, DeviceTotals};

/// Altitude must move this far (m) against the current direction before a climb or descent is
/// counted (hysteresis that keeps GPS/barometer noise out of ascent and descent).
pub const ELEVATION_HYSTERESIS_M: f64 = 3.0;

/// Totals of one activity. `None` where the file has no such data (never 0 for "unknown").
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Distance in metres.
    pub distance_m: Option<f64>,
    /// First to last sample, seconds.
    pub elapsed_s: f64,
    /// Elapsed minus the pauses that stop the timer, seconds.
    pub timer_s: f64,
    /// Time spent moving (timer running and above the moving speed), seconds.
    pub moving_s: f64,
    /// Average speed over moving time, m/s.
    pub avg_speed_mps: Option<f64>,
    /// Highest speed held for [`MAX_SPEED_HOLD_S`] while moving ([`held_max_speed`]), m/s.
    pub max_speed_mps: Option<f64>,
    /// Time-weighted average heart rate while the timer runs, bpm.
    pub avg_hr_bpm: Option<f64>,
    /// Maximum heart rate, bpm.
    pub max_hr_bpm: Option<f64>,
    /// Time-weighted average cadence while the timer runs, zeros included (the convention of
    /// Garmin's session average), steps/min (rpm for cycling).
    pub avg_cadence_spm: Option<f64>,
    /// Time-weighted average power while moving, W.
    pub avg_power_w: Option<f64>,
    /// Grade-adjusted speed (Minetti's cost of running on a grade, docs/metrics.md "Coach
    /// metrics"): the average moving speed × the run's grade-adjusted share, m/s; `None`
    /// without altitude.
    pub avg_gap_mps: Option<f64>,
    /// Total ascent, m (with hysteresis).
    pub ascent_m: Option<f64>,
    /// Total descent, m (with hysteresis).
    pub descent_m: Option<f64>,
    /// Energy, kcal: the device's figure (lapwise computes none).
    pub calories_kcal: Option<f64>,
    /// Whether `avg_speed_mps` is over the watch's timer instead of moving time: the records
    /// add up to only part of the watch's distance, so their moving time did not cover it.
    pub pace_over_timer: bool,
}

/// Duration weight of sample `i`: the interval that ends at it (0 for the first sample).
pub fn interval_s(t: &[f64], i: usize) -> f64 {
    if i == 0 { 0.0 } else { t[i] - t[i - 1] }
}

/// How long (s) a speed must be held to count as the maximum: a one-sample spike of the GPS or
/// the watch is no one's top speed.
pub const MAX_SPEED_HOLD_S: f64 = 5.0;

/// The highest speed held for [`MAX_SPEED_HOLD_S`] while moving: over every stretch of moving
/// samples from one sample to the first at least [`MAX_SPEED_HOLD_S`] later, the slowest
/// sample's speed; the highest of those. `None` without speed.
pub fn held_max_speed(t: &[f64], v: &[f64], moving: &[bool]) -> Option<f64> {
    let n = t.len().min(v.len()).min(moving.len());
    let ok = |k: usize| moving[k] && v[k].is_finite();
    let mut best: Option<f64> = None;
    let mut j = 0;
    for i in 0..n {
        if !ok(i) {
            continue;
        }
        j = j.max(i);
        while j + 1 < n && t[j] - t[i] < MAX_SPEED_HOLD_S {
            j += 1;
        }
        if t[j] - t[i] < MAX_SPEED_HOLD_S {
            break;
        }
        // A stop inside the stretch means the speed was not held.
        let held = (i..=j)
            .map(|k| if ok(k) { v[k] } else { 0.0 })
            .fold(f64::INFINITY, f64::min);
        if held > 0.0 && held.is_finite() {
            best = Some(best.map_or(held, |b| b.max(held)));
        }
    }
    best
}

/// Time-weighted mean of `v` over samples where `include(i)` holds and `v[i]` is finite. Each
/// sample carries the interval that ends at it; 1 Hz data weighs every sample equally.
pub fn time_weighted_mean(t: &[f64], v: &[f64], include: impl Fn(usize) -> bool) -> Option<f64> {
    let (mut sum, mut w) = (0.0, 0.0);
    for i in 1..v.len() {
        if include(i) && v[i].is_finite() {
            let dt = t[i] - t[i - 1];
            sum += v[i] * dt;
            w += dt;
        }
    }
    (w > 0.0).then(|| sum / w)
}

/// Ascent and descent with a hysteresis of `threshold` metres.
pub fn ascent_descent(alt: &[f64], threshold: f64) -> Option<(f64, f64)> {
    let mut it = alt.iter().copied().filter(|a| a.is_finite());
    let mut anchor = it.next()?;
    let (mut up, mut down) = (0.0, 0.0);
    for a in it {
        let d = a - anchor;
        if d >= threshold {
            up += d;
            anchor = a;
        } else if d <= -threshold {
            down -= d;
            anchor = a;
        }
    }
    Some((up, down))
}

/// Whether a device's heart-rate total is a heart rate at all.
fn credible_hr(v: &f64) -> bool {
    (crate::clean::HR_MIN_BPM..=crate::clean::HR_MAX_BPM).contains(v)
}

/// Compute the totals of a cleaned activity.
pub fn summarize(act: &Activity) -> Summary {
    let s = &act.samples;
    let t = &s.time_s;
    let n = s.len();
    if n == 0 {
        return Summary::default();
    }
    let mut moving_s = 0.0;
    for i in 1..n {
        if s.moving[i] {
            moving_s += t[i] - t[i - 1];
        }
    }
    let elapsed_s = t[n - 1] - t[0];
    let timer_s = (elapsed_s - crate::segment::window::paused_within(act, t[0], t[n - 1])).max(0.0);
    let distance_m = s.distance_m.last().copied().filter(|d| d.is_finite());
    let max_of = |v: &[f64]| v.iter().copied().filter(|x| x.is_finite()).reduce(f64::max);
    let timer = |i: usize| s.timer_running[i];
    let moving = |i: usize| s.moving[i];
    let (ascent_m, descent_m) = match ascent_descent(&s.altitude_m, ELEVATION_HYSTERESIS_M) {
        Some((u, d)) => (Some(u), Some(d)),
        None => (None, None),
    };
    Summary {
        distance_m,
        elapsed_s,
        timer_s,
        moving_s,
        avg_speed_mps: distance_m.filter(|_| moving_s > 0.0).map(|d| d / moving_s),
        max_speed_mps: held_max_speed(t, &s.speed_mps, &s.moving),
        avg_hr_bpm: time_weighted_mean(t, &s.hr_bpm, timer),
        max_hr_bpm: max_of(&s.hr_bpm),
        avg_cadence_spm: if zero_free_cadence(act) {
            time_weighted_mean(t, &s.cadence, |i| {
                timer(i) && moving(i) && s.cadence[i] > 0.0
            })
        } else {
            time_weighted_mean(t, &s.cadence, timer)
        },
        avg_power_w: time_weighted_mean(t, &s.power_w, moving),
        avg_gap_mps: super::coach::gap::graded_speed(act).and_then(|g| {
            let avg = distance_m
                .filter(|_| moving_s > 0.0)
                .map(|d| d / moving_s)?;
            // A run that climbs and descends less than `FLAT_ASCENT_M_PER_KM` is flat: its GAP is its pace
            // (whole-metre altitude steps otherwise read as grades and move it by 2 %).
            let flat = match (ascent_m, descent_m, distance_m) {
                (Some(up), Some(down), Some(d)) if d > 0.0 => {
                    up.max(down) / (d / 1000.0) < FLAT_ASCENT_M_PER_KM
                }
                _ => false,
            };
            if flat {
                return Some(avg);
            }
            Some(avg * super::coach::gap::cost_share(act, &g)?)
        }),
        ascent_m,
        descent_m,
        calories_kcal: None,
        pace_over_timer: false,
    }
}

/// Whether the device averages cadence over the seconds that have one (zeros left out), as
/// Suunto watches and Garmin's foot-pod-era FR60/FR70 do; other devices (Garmin's current
/// watches and most others) average over the timer, zeros included.
pub fn zero_free_cadence(act: &Activity) -> bool {
    act.meta.device.as_deref().is_some_and(|d| {
        let d = d.to_ascii_lowercase();
        d.starts_with("suunto") || d.contains("fr70") || d.contains("fr60")
    })
}

/// A run climbing and descending less than this (m per km, ascent and descent after
/// hysteresis) is flat: its grade-adjusted pace is its pace.
pub const FLAT_ASCENT_M_PER_KM: f64 = 2.0;

/// Records spanning less than this share of the watch's timer cover only part of the session
/// (the headline's moving time is then the watch's timer); records adding up to less than this
/// share of its distance do not time it (the pace is then over the watch's timer).
pub const RECORDS_PARTIAL_SHARE: f64 = 0.9;

/// The headline totals a runner compares with the watch: each of distance, elapsed, timer,
/// average and maximum heart rate, average cadence, ascent, descent and calories is the
/// device's own total where the file has one (a FIT session, the sum of TCX laps), else the
/// recomputation `computed`. Moving time, speeds and power are always computed (watches do not
/// store moving time; it is capped at the headline timer time); average speed is the headline
/// distance over moving time.
pub fn headline(computed: &Summary, device: Option<&DeviceTotals>) -> Summary {
    let Some(d) = device else {
        return computed.clone();
    };
    let pick =
        |dev: Option<f64>, own: Option<f64>| dev.filter(|v| v.is_finite() && *v > 0.0).or(own);
    let distance_m = pick(d.distance_m, computed.distance_m);
    let timer_s = pick(d.timer_s, Some(computed.timer_s)).unwrap_or(computed.timer_s);
    // Moving time never exceeds the watch's timer. Where the records cover only part of what
    // the watch timed (a file cut short: 5 minutes of records beside the watch's 59-minute
    // session), the records' moving time is not the run's: the watch's timer stands for it,
    // so the pace is the watch's distance over the watch's time, not an 80 mph "run".
    let records_partial = computed.elapsed_s < RECORDS_PARTIAL_SHARE * timer_s;
    let moving_s = if records_partial {
        timer_s
    } else {
        computed.moving_s.min(timer_s)
    };
    // Where the records' distance covers only part of the watch's (a Suunto file whose
    // records add up to 5.0 km of the watch's 5.73 km), their moving time stands as what the
    // records show, but it is not the time the watch's distance took: the pace is the watch's
    // distance over the watch's timer, the watch's own average.
    let pace_over_timer = !records_partial
        && matches!((computed.distance_m, d.distance_m), (Some(own), Some(dev))
            if dev.is_finite() && dev > 0.0 && own < RECORDS_PARTIAL_SHARE * dev);
    let pace_s = if pace_over_timer { timer_s } else { moving_s };
    Summary {
        distance_m,
        elapsed_s: pick(d.elapsed_s, Some(computed.elapsed_s)).unwrap_or(computed.elapsed_s),
        timer_s,
        moving_s,
        avg_speed_mps: distance_m.filter(|_| pace_s > 0.0).map(|m| m / pace_s),
        pace_over_timer,
        // A device's 255 is its "no value", not a heart rate (clean::heart_rate).
        avg_hr_bpm: pick(d.avg_hr_bpm.filter(credible_hr), computed.avg_hr_bpm),
        max_hr_bpm: pick(d.max_hr_bpm.filter(credible_hr), computed.max_hr_bpm),
        avg_cadence_spm: pick(d.avg_cadence_spm, computed.avg_cadence_spm),
        ascent_m: d
            .ascent_m
            .filter(|v| v.is_finite() && *v >= 0.0)
            .or(computed.ascent_m),
        descent_m: d
            .descent_m
            .filter(|v| v.is_finite() && *v >= 0.0)
            .or(computed.descent_m),
        calories_kcal: pick(d.calories_kcal, None),
        // The same grade adjustment on the headline's average speed.
        avg_gap_mps: match (computed.avg_gap_mps, computed.avg_speed_mps, distance_m) {
            (Some(g), Some(v), Some(d)) if v > 0.0 && pace_s > 0.0 => Some(g / v * d / pace_s),
            _ => None,
        },
        ..computed.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_max_speed_is_held_for_five_seconds() {
        let t: Vec<f64> = (0..20).map(f64::from).collect();
        let mut v = vec![3.0; 20];
        // A one-sample spike, then 6 s at 5 m/s, then a stop inside a fast stretch.
        v[3] = 29.0;
        v[8..14].iter_mut().for_each(|x| *x = 5.0);
        let mut moving = vec![true; 20];
        assert_eq!(held_max_speed(&t, &v, &moving), Some(5.0));
        moving[10] = false;
        assert_eq!(held_max_speed(&t, &v, &moving), Some(3.0));
        assert_eq!(held_max_speed(&t[..3], &v[..3], &moving[..3]), None);
    }

    #[test]
    fn hysteresis_ignores_noise() {
        let alt = [100.0, 101.0, 100.0, 101.5, 100.2, 110.0, 105.0, 104.0];
        let (up, down) = ascent_descent(&alt, 3.0).unwrap();
        assert_eq!(up, 10.0);
        assert_eq!(
            down, 5.0,
            "110 → 105 counts, 105 → 104 stays under the 3 m hysteresis"
        );
    }

    #[test]
    fn headline_takes_the_watch_totals_where_it_has_them() {
        let computed = Summary {
            distance_m: Some(10_050.0),
            elapsed_s: 3000.0,
            timer_s: 2990.0,
            moving_s: 2900.0,
            avg_hr_bpm: Some(150.4),
            ascent_m: Some(40.0),
            ..Summary::default()
        };
        let dev = DeviceTotals {
            distance_m: Some(10_000.0),
            timer_s: Some(2986.5),
            avg_hr_bpm: Some(150.0),
            ascent_m: Some(0.0),
            calories_kcal: Some(700.0),
            ..DeviceTotals::default()
        };
        let h = headline(&computed, Some(&dev));
        assert_eq!(h.distance_m, Some(10_000.0));
        assert_eq!(h.timer_s, 2986.5);
        assert_eq!(h.elapsed_s, 3000.0, "no device elapsed: computed");
        assert_eq!(h.avg_hr_bpm, Some(150.0));
        assert_eq!(
            h.ascent_m,
            Some(0.0),
            "a flat run's 0 m ascent is the watch's"
        );
        assert_eq!(h.calories_kcal, Some(700.0));
        assert_eq!(h.moving_s, 2900.0);
        assert!((h.avg_speed_mps.unwrap_or(0.0) - 10_000.0 / 2900.0).abs() < 1e-9);
        assert_eq!(headline(&computed, None), computed);
    }

    /// A file cut short: 5 minutes of records beside the watch's 59-minute, 11.3 km session.
    /// The pace is the watch's distance over the watch's time, not 11.3 km in 5 minutes.
    #[test]
    fn records_covering_part_of_the_session_do_not_make_the_pace() {
        let computed = Summary {
            distance_m: Some(930.0),
            elapsed_s: 314.0,
            timer_s: 314.0,
            moving_s: 314.0,
            ..Summary::default()
        };
        let dev = DeviceTotals {
            distance_m: Some(11_280.0),
            timer_s: Some(3558.0),
            ..DeviceTotals::default()
        };
        let h = headline(&computed, Some(&dev));
        assert_eq!(h.moving_s, 3558.0);
        assert!((h.avg_speed_mps.unwrap_or(0.0) - 11_280.0 / 3558.0).abs() < 1e-9);
    }

    /// Records spanning most of the session but adding up to 5.0 km of the watch's 5.73 km
    /// (a Suunto export): 5.73 km over the records' 26:36 moving would be faster than every
    /// lap; the watch's distance goes with the watch's timer.
    #[test]
    fn records_short_of_the_watch_distance_do_not_make_the_pace() {
        let computed = Summary {
            distance_m: Some(5_000.0),
            elapsed_s: 1730.0,
            timer_s: 1730.0,
            moving_s: 1596.0,
            ..Summary::default()
        };
        let dev = DeviceTotals {
            distance_m: Some(5_729.0),
            timer_s: Some(1916.0),
            ..DeviceTotals::default()
        };
        let h = headline(&computed, Some(&dev));
        assert_eq!(h.moving_s, 1596.0, "the records' moving time stands");
        assert!(h.pace_over_timer);
        assert!((h.avg_speed_mps.unwrap_or(0.0) - 5_729.0 / 1916.0).abs() < 1e-9);
        // Within a tenth of the watch's distance the records' moving time times it.
        let close = Summary {
            distance_m: Some(5_600.0),
            ..computed
        };
        let h = headline(&close, Some(&dev));
        assert!(!h.pace_over_timer);
        assert!((h.avg_speed_mps.unwrap_or(0.0) - 5_729.0 / 1596.0).abs() < 1e-9);
    }

    #[test]
    fn weighted_mean_uses_intervals() {
        let t = [0.0, 1.0, 4.0];
        let v = [0.0, 100.0, 200.0];
        let m = time_weighted_mean(&t, &v, |_| true).unwrap();
        assert!((m - 175.0).abs() < 1e-9);
    }
}
