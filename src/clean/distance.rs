//! Distance and speed: from the device when it has them, otherwise derived.

use super::fill::interpolate;
use super::{CleanConfig, max_speed_mps};
use crate::model::Activity;

/// Mean Earth radius (m) for the haversine distance.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance in metres between two points given in degrees.
pub fn haversine_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * a.sqrt().min(1.0).asin()
}

/// Make `distance_m` complete: device distance (gaps interpolated, never decreasing), else
/// distance along smoothed positions, else integrated speed. Starts at 0.
pub fn fill_distance(act: &mut Activity, cfg: &CleanConfig) {
    let s = &act.samples;
    let finite = |v: &[f64]| v.iter().filter(|x| x.is_finite()).count();
    let n_dist = finite(&s.distance_m);
    let n_pos = s
        .lat_deg
        .iter()
        .zip(&s.lon_deg)
        .filter(|(a, b)| a.is_finite() && b.is_finite())
        .count();
    let source = if n_dist >= 2 && s.distance_m.iter().any(|d| d.is_finite() && *d > 0.0) {
        "device"
    } else if n_pos >= 2 {
        act.samples.distance_m = distance_from_positions(act, cfg);
        "positions"
    } else if finite(&s.speed_mps) >= 2 {
        act.samples.distance_m = integrate_speed(&s.time_s, &s.speed_mps);
        "speed"
    } else {
        act.samples
            .distance_m
            .iter_mut()
            .for_each(|d| *d = f64::NAN);
        return;
    };
    let vmax = max_speed_mps(act.meta.sport);
    let s = &mut act.samples;
    let dropped = drop_impossible_distances(&s.time_s, &mut s.distance_m, vmax);
    if dropped > 0 {
        act.warnings.push(format!(
            "{dropped} impossible {source} distance value(s) ignored"
        ));
    }
    let s = &mut act.samples;
    interpolate(&s.time_s, &mut s.distance_m, f64::INFINITY);
    hold_ends(&mut s.distance_m);
    let mut decreases = 0usize;
    let mut max_so_far = f64::NEG_INFINITY;
    for d in &mut s.distance_m {
        if *d < max_so_far {
            if max_so_far - *d > 1.0 {
                decreases += 1;
            }
            *d = max_so_far;
        }
        max_so_far = *d;
    }
    let d0 = s.distance_m.first().copied().unwrap_or(0.0);
    s.distance_m.iter_mut().for_each(|d| *d -= d0);
    if decreases > 0 {
        act.warnings.push(format!(
            "{decreases} backward step(s) in the {source} distance clamped"
        ));
    }
}

/// Largest cumulative distance lapwise believes (m): ten thousand kilometres.
pub const MAX_DISTANCE_M: f64 = 1.0e7;
/// A device distance step faster than this many times the sport's maximum speed (plus
/// [`IMPOSSIBLE_STEP_SLACK_M`]) is not a glitch the watch made but a value no watch records.
pub const IMPOSSIBLE_SPEED_FACTOR: f64 = 10.0;
/// Slack (m) added to the impossible-step bound, so a fix after a short dropout never trips it.
pub const IMPOSSIBLE_STEP_SLACK_M: f64 = 1000.0;

/// Set to `NaN` device distances no watch records: negative, beyond [`MAX_DISTANCE_M`], or a
/// step from the last believed value faster than [`IMPOSSIBLE_SPEED_FACTOR`] × `vmax` plus
/// [`IMPOSSIBLE_STEP_SLACK_M`]. Returns how many were dropped. Real glitches are far below
/// this bound and are handled by the glitch repair in `fill_speed`.
fn drop_impossible_distances(time_s: &[f64], distance_m: &mut [f64], vmax: f64) -> usize {
    let mut dropped = 0;
    let mut last: Option<(f64, f64)> = None;
    for (t, d) in time_s.iter().zip(distance_m.iter_mut()) {
        if !d.is_finite() {
            continue;
        }
        let bound = match last {
            Some((tl, dl)) => {
                dl + IMPOSSIBLE_SPEED_FACTOR * vmax * (t - tl) + IMPOSSIBLE_STEP_SLACK_M
            }
            None => MAX_DISTANCE_M,
        };
        if *d < 0.0 || *d > MAX_DISTANCE_M || *d > bound {
            *d = f64::NAN;
            dropped += 1;
        } else {
            last = Some((*t, *d));
        }
    }
    dropped
}

/// Replace leading/trailing `NaN`s with the nearest finite value.
fn hold_ends(v: &mut [f64]) {
    if let Some(first) = v.iter().position(|x| x.is_finite()) {
        let x = v[first];
        v[..first].iter_mut().for_each(|y| *y = x);
    }
    if let Some(last) = v.iter().rposition(|x| x.is_finite()) {
        let x = v[last];
        v[last + 1..].iter_mut().for_each(|y| *y = x);
    }
}

/// Cumulative distance along positions: implausible jumps dropped, then positions smoothed with
/// a centred time window where the recording is dense (both neighbours within the half window;
/// sparse smart-recording fixes are kept as recorded), then haversine summed. Samples without a position get `NaN`.
fn distance_from_positions(act: &Activity, cfg: &CleanConfig) -> Vec<f64> {
    let s = &act.samples;
    let vmax = max_speed_mps(act.meta.sport);
    // 1. Keep positions reachable from the previous kept one at a plausible speed.
    let mut idx: Vec<usize> = Vec::with_capacity(s.len());
    for i in 0..s.len() {
        let (la, lo) = (s.lat_deg[i], s.lon_deg[i]);
        if !la.is_finite() || !lo.is_finite() || la.abs() > 90.0 || lo.abs() > 180.0 {
            continue;
        }
        if let Some(&j) = idx.last() {
            let d = haversine_m(s.lat_deg[j], s.lon_deg[j], la, lo);
            let dt = s.time_s[i] - s.time_s[j];
            if d > vmax * dt + 10.0 {
                continue;
            }
        }
        idx.push(i);
    }
    // 2. GPS excursions: fixes thrown off the track and back.
    super::gps_excursions::drop_excursions(&s.time_s, &mut idx, |i, j| {
        haversine_m(s.lat_deg[i], s.lon_deg[i], s.lat_deg[j], s.lon_deg[j])
    });
    // 3. Centred moving average of lat/lon over ±half window (running sums, O(n)).
    let w = cfg.smoothing_half_window_s;
    let (mut lo_i, mut hi_i) = (0usize, 0usize);
    let (mut sum_la, mut sum_lo) = (0.0, 0.0);
    let mut smooth: Vec<(f64, f64)> = Vec::with_capacity(idx.len());
    for k in 0..idx.len() {
        let tk = s.time_s[idx[k]];
        while hi_i < idx.len() && s.time_s[idx[hi_i]] <= tk + w {
            sum_la += s.lat_deg[idx[hi_i]];
            sum_lo += s.lon_deg[idx[hi_i]];
            hi_i += 1;
        }
        while s.time_s[idx[lo_i]] < tk - w {
            sum_la -= s.lat_deg[idx[lo_i]];
            sum_lo -= s.lon_deg[idx[lo_i]];
            lo_i += 1;
        }
        // Smart (sparse) recording: where a neighbour is more than the half window away, two
        // neighbouring windows would hold the same few fixes (a zero step) and averaging across
        // the gap cuts corners; the watch has already filtered such a fix, so it stays as is.
        let dense = |j: Option<usize>| {
            j.and_then(|j| idx.get(j))
                .is_none_or(|&i| (s.time_s[i] - tk).abs() <= w)
        };
        if dense(k.checked_sub(1)) && dense(Some(k + 1)) {
            let m = (hi_i - lo_i) as f64;
            smooth.push((sum_la / m, sum_lo / m));
        } else {
            smooth.push((s.lat_deg[idx[k]], s.lon_deg[idx[k]]));
        }
    }
    // 4. Sum great-circle steps, except across a timer pause: where the athlete went while
    //    the watch was stopped is not part of the activity.
    let mut timer_pauses: Vec<(f64, f64)> = act
        .pauses
        .iter()
        .filter(|p| p.source == crate::model::PauseSource::Timer)
        .map(|p| (p.start_s, p.end_s))
        .collect();
    timer_pauses.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut out = vec![f64::NAN; s.len()];
    let mut total = 0.0;
    for k in 0..idx.len() {
        if k > 0 && !spans_timer_pause(&timer_pauses, s.time_s[idx[k - 1]], s.time_s[idx[k]]) {
            let (a, b) = (smooth[k - 1], smooth[k]);
            total += haversine_m(a.0, a.1, b.0, b.1);
        }
        out[idx[k]] = total;
    }
    out
}

/// Whether a timer pause lies between two sample times (`pauses` sorted by start).
fn spans_timer_pause(pauses: &[(f64, f64)], a: f64, b: f64) -> bool {
    let k = pauses.partition_point(|p| p.0 < a - 0.5);
    pauses.get(k).is_some_and(|p| p.1 <= b + 0.5)
}

/// Trapezoidal integral of speed over time (`NaN` speed counts as 0).
fn integrate_speed(t: &[f64], v: &[f64]) -> Vec<f64> {
    let mut out = Vec::with_capacity(t.len());
    let mut total = 0.0;
    for i in 0..t.len() {
        if i > 0 {
            let a = if v[i - 1].is_finite() { v[i - 1] } else { 0.0 };
            let b = if v[i].is_finite() { v[i] } else { 0.0 };
            total += 0.5 * (a + b) * (t[i] - t[i - 1]);
        }
        out.push(total);
    }
    out
}

/// Make `speed_mps` complete where distance exists: device speed with spikes above the sport's
/// limit removed and gaps filled from distance; without device speed, the centred difference of
/// distance over ±half window.
pub fn fill_speed(act: &mut Activity, cfg: &CleanConfig) {
    let vmax = max_speed_mps(act.meta.sport);
    let recorded = act
        .samples
        .speed_mps
        .iter()
        .filter(|v| v.is_finite())
        .count();
    act.meta.speed_recorded = recorded > 0 && 2 * recorded >= act.samples.len();
    let derived = derived_speed(
        &act.samples.time_s,
        &act.samples.distance_m,
        cfg.smoothing_half_window_s,
    );
    let s = &mut act.samples;
    let mut spike_at = vec![false; s.len()];
    for (i, (v, d)) in s.speed_mps.iter_mut().zip(&derived).enumerate() {
        if v.is_finite() && (*v > vmax || *v < 0.0) {
            *v = f64::NAN;
            spike_at[i] = true;
        }
        if !v.is_finite() && d.is_finite() && *d <= vmax {
            *v = *d;
        }
    }
    interpolate(&s.time_s, &mut s.speed_mps, f64::INFINITY);
    let spikes = spike_at.iter().filter(|x| **x).count();
    if spikes > 0 {
        act.warnings
            .push(format!("{spikes} speed spike(s) above {vmax} m/s removed"));
    }
    let jumps = repair_distance_jumps(act, vmax, &spike_at);
    if jumps > 0 {
        act.warnings.push(format!(
            "{jumps} distance jump(s) faster than {vmax} m/s replaced by the cleaned speed"
        ));
    }
}

/// Beside a speed spike, a distance step longer than this multiple of what the cleaned speed
/// covers is a glitch.
pub const GLITCH_RATIO: f64 = 1.5;
/// ...and at least this many metres longer.
pub const GLITCH_MIN_EXCESS_M: f64 = 10.0;

/// Replace the distance steps that imply more than `vmax` next to a device speed spike (a GPS
/// glitch the watch baked into its distance: the position jumps out and back) by the cleaned
/// speed times the step's duration, and re-accumulate. Fast steps without a speed spike are
/// left alone: they are the device's own distance (e.g. across a recording gap) and its totals
/// include them. Returns the number of steps replaced.
fn repair_distance_jumps(act: &mut Activity, vmax: f64, spike_at: &[bool]) -> usize {
    let s = &mut act.samples;
    let mut replaced = 0usize;
    let mut shift = 0.0;
    for i in 1..s.len() {
        let dt = s.time_s[i] - s.time_s[i - 1];
        let raw = s.distance_m[i] + shift - s.distance_m[i - 1];
        if !(dt > 0.0 && raw.is_finite()) {
            continue;
        }
        let near_spike = spike_at[i] || spike_at[i - 1] || spike_at.get(i + 1) == Some(&true);
        if !near_spike {
            s.distance_m[i] += shift;
            continue;
        }
        let (va, vb) = (s.speed_mps[i - 1], s.speed_mps[i]);
        let v = if va.is_finite() && vb.is_finite() {
            0.5 * (va + vb)
        } else {
            0.0
        };
        let expected = (v * dt).min(vmax * dt);
        // Beside a speed spike, a step well beyond what the cleaned speed covers is the glitch
        // (with smart recording a long step can hide it under the sport's maximum).
        let excess_limit = (GLITCH_RATIO * expected).max(expected + GLITCH_MIN_EXCESS_M);
        if raw > vmax * dt + 1.0 || raw > excess_limit {
            shift -= raw - expected;
            replaced += 1;
        }
        s.distance_m[i] += shift;
    }
    replaced
}

/// Speed from distance: (d[j] − d[i]) / (t[j] − t[i]) over the samples within ±`w` seconds.
fn derived_speed(t: &[f64], d: &[f64], w: f64) -> Vec<f64> {
    let n = t.len();
    let mut out = vec![f64::NAN; n];
    let (mut lo, mut hi) = (0usize, 0usize);
    for i in 0..n {
        while lo < i && t[lo] < t[i] - w {
            lo += 1;
        }
        if hi < i {
            hi = i;
        }
        while hi + 1 < n && t[hi + 1] <= t[i] + w {
            hi += 1;
        }
        let (a, b) = if hi > lo {
            (lo, hi)
        } else if i + 1 < n {
            (i, i + 1)
        } else if i > 0 {
            (i - 1, i)
        } else {
            continue;
        };
        let dt = t[b] - t[a];
        if dt > 0.0 && d[a].is_finite() && d[b].is_finite() {
            out[i] = (d[b] - d[a]) / dt;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn impossible_device_distances_are_dropped() {
        let t: Vec<f64> = (0..6).map(f64::from).collect();
        let mut d = vec![0.0, 3.0, 1.0e30, 9.0, -5.0, 15.0];
        assert_eq!(super::drop_impossible_distances(&t, &mut d, 12.5), 2);
        assert!(d[2].is_nan() && d[4].is_nan());
        assert_eq!(d[5], 15.0);
        // A 2 km jump over a 10-minute dropout is the device's own and stays.
        let t = [0.0, 600.0];
        let mut d = vec![0.0, 2000.0];
        assert_eq!(super::drop_impossible_distances(&t, &mut d, 12.5), 0);
    }

    use super::*;

    #[test]
    fn haversine_one_degree_latitude() {
        let d = haversine_m(0.0, 0.0, 1.0, 0.0);
        assert!((d - 111_195.0).abs() < 10.0, "{d}");
    }

    #[test]
    fn derived_speed_is_exact_on_constant_pace() {
        let t: Vec<f64> = (0..20).map(|i| i as f64).collect();
        let d: Vec<f64> = t.iter().map(|x| 3.0 * x).collect();
        let v = derived_speed(&t, &d, 2.0);
        assert!(v.iter().all(|x| (x - 3.0).abs() < 1e-9));
    }

    #[test]
    fn distance_jumps_are_replaced_by_speed() {
        use crate::model::{Meta, SamplePoint, SourceFormat, Sport};
        let mut a = Activity::new(Meta::new("t", SourceFormat::Fit));
        a.meta.sport = Sport::Running;
        for (i, d) in [0.0, 3.0, 6.0, 46.0, 49.0, 52.0].iter().enumerate() {
            a.samples.push(SamplePoint {
                time_s: i as f64,
                distance_m: *d,
                speed_mps: 3.0,
                ..Default::default()
            });
        }
        let no_spike = vec![false; 6];
        assert_eq!(
            repair_distance_jumps(&mut a, 12.5, &no_spike),
            0,
            "no speed spike: kept"
        );
        let mut spike = no_spike.clone();
        spike[3] = true;
        assert_eq!(repair_distance_jumps(&mut a, 12.5, &spike), 1);
        assert_eq!(a.samples.distance_m, vec![0.0, 3.0, 6.0, 9.0, 12.0, 15.0]);
    }

    #[test]
    fn speed_integrates() {
        let d = integrate_speed(&[0.0, 1.0, 2.0], &[2.0, 2.0, f64::NAN]);
        assert_eq!(d, vec![0.0, 2.0, 3.0]);
    }
}
