//! Small helpers over sample columns: interpolation at a time or distance, and time-weighted
//! statistics of a time window. Every function is safe on empty or short columns.

use crate::model::Samples;

/// Linear interpolation of `values` (sampled at `time_s`) at time `t`; clamps outside the
/// range, returns `NaN` for empty input. A `NaN` neighbour yields the other neighbour.
pub fn value_at_time(time_s: &[f64], values: &[f64], t: f64) -> f64 {
    let n = time_s.len().min(values.len());
    if n == 0 {
        return f64::NAN;
    }
    let i = time_s[..n].partition_point(|&x| x <= t);
    if i == 0 {
        return values[0];
    }
    if i >= n {
        return values[n - 1];
    }
    let (t0, t1, v0, v1) = (time_s[i - 1], time_s[i], values[i - 1], values[i]);
    if !v0.is_finite() {
        return v1;
    }
    if !v1.is_finite() || t1 <= t0 {
        return v0;
    }
    v0 + (v1 - v0) * (t - t0) / (t1 - t0)
}

/// The finite values of `values` (sampled at `time_s`) at the samples inside `[a, b]`.
fn finite_within<'a>(
    time_s: &[f64],
    values: &'a [f64],
    a: f64,
    b: f64,
) -> impl Iterator<Item = f64> + 'a {
    let lo = time_s.partition_point(|&x| x < a);
    let hi = time_s.partition_point(|&x| x <= b).min(values.len());
    values
        .get(lo..hi)
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|v| v.is_finite())
}

/// The highest finite value of `values` (sampled at `time_s`) at the samples inside `[a, b]`;
/// `None` when there is none.
pub fn max_within(time_s: &[f64], values: &[f64], a: f64, b: f64) -> Option<f64> {
    finite_within(time_s, values, a, b).reduce(f64::max)
}

/// The lowest finite value of `values` (sampled at `time_s`) at the samples inside `[a, b]`;
/// `None` when there is none.
pub fn min_within(time_s: &[f64], values: &[f64], a: f64, b: f64) -> Option<f64> {
    finite_within(time_s, values, a, b).reduce(f64::min)
}

/// Whether `[a, b]` loses at least `grade` × `dist` metres of the (smoothed) altitude `alt`:
/// running whose speed comes from going downhill. False without altitude.
pub fn descends(t: &[f64], alt: &[f64], a: f64, b: f64, dist: f64, grade: f64) -> bool {
    if alt.len() != t.len() || dist <= 0.0 {
        return false;
    }
    let drop = value_at_time(t, alt, a) - value_at_time(t, alt, b);
    drop.is_finite() && drop >= grade * dist
}

/// Time-weighted statistics of samples inside a window `[a, b]` of elapsed time.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WindowStats {
    /// Window length in seconds.
    pub elapsed_s: f64,
    /// Seconds inside the window whose closing sample is moving with the timer running.
    pub moving_s: f64,
    /// Seconds inside the window whose closing sample has the timer running.
    pub timer_s: f64,
    /// Distance covered (interpolated cumulative distance at `b` minus at `a`).
    pub distance_m: f64,
    /// Time-weighted heart rate over moving time, `None` without heart rate.
    pub avg_hr_bpm: Option<f64>,
    /// Time-weighted cadence over moving time, `None` without cadence.
    pub avg_cadence_spm: Option<f64>,
    /// Sum of climbs of `altitude` inside the window, `None` without altitude.
    pub gain_m: Option<f64>,
    /// Sum of descents of `altitude` inside the window, `None` without altitude.
    pub loss_m: Option<f64>,
}

/// `v[i]`, or `NaN` when out of range.
fn at(v: &[f64], i: usize) -> f64 {
    v.get(i).copied().unwrap_or(f64::NAN)
}

fn pair_mean(a: f64, b: f64) -> f64 {
    match (a.is_finite(), b.is_finite()) {
        (true, true) => 0.5 * (a + b),
        (true, false) => a,
        (false, true) => b,
        _ => f64::NAN,
    }
}

/// Statistics of the window `[a, b]`. `altitude` is the (smoothed) altitude column to use for
/// gain/loss, or an empty slice. Cost: O(log n + samples in the window).
pub fn window_stats(s: &Samples, altitude: &[f64], a: f64, b: f64) -> WindowStats {
    let t = &s.time_s;
    let n = t.len();
    let mut w = WindowStats {
        elapsed_s: (b - a).max(0.0),
        ..WindowStats::default()
    };
    if n < 2 || b <= a {
        return w;
    }
    w.distance_m = value_at_time(t, &s.distance_m, b) - value_at_time(t, &s.distance_m, a);
    if !w.distance_m.is_finite() {
        w.distance_m = 0.0;
    }
    let (mut hr_sum, mut hr_w, mut cad_sum, mut cad_w) = (0.0, 0.0, 0.0, 0.0);
    let mut j = t.partition_point(|&x| x <= a).saturating_sub(1);
    while j + 1 < n && t[j] < b {
        let lo = t[j].max(a);
        let hi = t[j + 1].min(b);
        let dt = hi - lo;
        if dt > 0.0 {
            let running = s.timer_running.get(j + 1).copied().unwrap_or(true);
            let moving = running && s.moving.get(j + 1).copied().unwrap_or(true);
            if running {
                w.timer_s += dt;
            }
            if moving {
                w.moving_s += dt;
                let hr = pair_mean(at(&s.hr_bpm, j), at(&s.hr_bpm, j + 1));
                if hr.is_finite() {
                    hr_sum += hr * dt;
                    hr_w += dt;
                }
                let cad = pair_mean(at(&s.cadence, j), at(&s.cadence, j + 1));
                if cad.is_finite() {
                    cad_sum += cad * dt;
                    cad_w += dt;
                }
            }
        }
        j += 1;
    }
    if hr_w > 0.0 {
        w.avg_hr_bpm = Some(hr_sum / hr_w);
    }
    if cad_w > 0.0 {
        w.avg_cadence_spm = Some(cad_sum / cad_w);
    }
    if altitude.len() == n && altitude.iter().any(|v| v.is_finite()) {
        let (gain, loss) = climb_in_window(t, altitude, a, b);
        w.gain_m = Some(gain);
        w.loss_m = Some(loss);
    }
    w
}

/// Total climb and descent of `alt` between times `a` and `b`, with interpolated ends.
fn climb_in_window(t: &[f64], alt: &[f64], a: f64, b: f64) -> (f64, f64) {
    let (mut gain, mut loss) = (0.0, 0.0);
    let mut prev = value_at_time(t, alt, a);
    let first = t.partition_point(|&x| x <= a);
    let last = t.partition_point(|&x| x < b);
    let inner = alt.get(first..last).unwrap_or(&[]);
    let end = value_at_time(t, alt, b);
    for &v in inner.iter().chain(std::iter::once(&end)) {
        if !v.is_finite() {
            continue;
        }
        if prev.is_finite() {
            let d = v - prev;
            if d > 0.0 {
                gain += d;
            } else {
                loss -= d;
            }
        }
        prev = v;
    }
    (gain, loss)
}

/// Index ranges `[start, end]` (inclusive) of samples not separated by a timer pause or a
/// sample gap longer than `max_gap_s`; samples inside a long pause are left out.
pub fn stretches(
    s: &Samples,
    pauses: &[crate::model::Pause],
    max_gap_s: f64,
) -> Vec<(usize, usize)> {
    let t = &s.time_s;
    let mut out = Vec::new();
    let long: Vec<(f64, f64)> = pauses
        .iter()
        .filter(|p| p.duration_s() > max_gap_s)
        .map(|p| (p.start_s, p.end_s))
        .collect();
    let mut p = 0usize;
    let mut start: Option<usize> = None;
    let mut last_kept: Option<usize> = None;
    for (i, &ti) in t.iter().enumerate() {
        while p < long.len() && long[p].1 < ti {
            p += 1;
        }
        let inside = long.get(p).is_some_and(|&(ps, pe)| ti > ps && ti < pe);
        if inside {
            continue;
        }
        let broken = match last_kept {
            Some(k) => {
                ti - t[k] > max_gap_s
                    || long
                        .iter()
                        .skip(p.saturating_sub(1))
                        .take(2)
                        .any(|&(ps, pe)| t[k] <= ps && ti >= pe)
            }
            None => true,
        };
        if broken {
            if let (Some(a), Some(k)) = (start, last_kept) {
                out.push((a, k));
            }
            start = Some(i);
        }
        last_kept = Some(i);
    }
    if let (Some(a), Some(k)) = (start, last_kept) {
        out.push((a, k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_extremes_skip_gaps_and_empty_windows() {
        let t = [0.0, 1.0, 2.0, 3.0];
        let v = [1.0, f64::NAN, 5.0, 3.0];
        assert_eq!(max_within(&t, &v, 0.5, 3.0), Some(5.0));
        assert_eq!(min_within(&t, &v, 0.5, 3.0), Some(3.0));
        assert_eq!(max_within(&t, &v, 1.0, 1.5), None);
        assert_eq!(min_within(&t, &v, 3.5, 2.0), None);
    }
    use crate::model::{Pause, SamplePoint};

    fn line(n: usize, v: f64) -> Samples {
        let mut s = Samples::default();
        for i in 0..n {
            s.push(SamplePoint {
                time_s: i as f64,
                distance_m: v * i as f64,
                speed_mps: v,
                hr_bpm: 150.0,
                ..Default::default()
            });
        }
        s
    }

    #[test]
    fn interpolates_and_clamps() {
        let t = [0.0, 10.0];
        let v = [0.0, 100.0];
        assert_eq!(value_at_time(&t, &v, 2.5), 25.0);
        assert_eq!(value_at_time(&t, &v, -1.0), 0.0);
        assert_eq!(value_at_time(&t, &v, 11.0), 100.0);
        assert!(value_at_time(&[], &[], 1.0).is_nan());
    }

    #[test]
    fn window_stats_fractional() {
        let s = line(11, 3.0);
        let w = window_stats(&s, &[], 1.5, 4.0);
        assert!((w.elapsed_s - 2.5).abs() < 1e-9);
        assert!((w.moving_s - 2.5).abs() < 1e-9);
        assert!((w.distance_m - 7.5).abs() < 1e-9);
        assert_eq!(w.avg_hr_bpm, Some(150.0));
    }

    #[test]
    fn stretches_break_at_long_pauses_and_gaps() {
        let mut s = line(10, 3.0);
        s.push(SamplePoint {
            time_s: 100.0,
            distance_m: 30.0,
            ..Default::default()
        });
        s.push(SamplePoint {
            time_s: 101.0,
            distance_m: 33.0,
            ..Default::default()
        });
        assert_eq!(stretches(&s, &[], 30.0), vec![(0, 9), (10, 11)]);
        let p = [Pause {
            start_s: 3.0,
            end_s: 8.0,
            source: crate::model::PauseSource::Timer,
        }];
        assert_eq!(stretches(&s, &p, 4.0), vec![(0, 3), (8, 9), (10, 11)]);
    }
}
