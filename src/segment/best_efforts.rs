//! Best efforts: the fastest contiguous window of exactly a standard distance, on elapsed time.

use serde::Serialize;

use super::SegmentConfig;
use super::series::{stretches, window_stats};
use crate::model::{Activity, Sport};

/// Standard best-effort distances: (name, metres).
pub const STANDARD_DISTANCES: &[(&str, f64)] = &[
    ("400m", 400.0),
    ("1/2 mile", 804.672),
    ("1k", 1000.0),
    ("1 mile", crate::model::MILE_M),
    ("2 mile", 3218.688),
    ("5k", 5000.0),
    ("10k", 10_000.0),
    ("15k", 15_000.0),
    ("10 mile", 16_093.44),
    ("20k", 20_000.0),
    ("Half-Marathon", 21_097.5),
    ("30k", 30_000.0),
    ("Marathon", 42_195.0),
];

/// The fastest window of one standard distance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BestEffort {
    /// Name of the distance (`1 mile`, `5k`, ...).
    pub name: String,
    /// The distance (m).
    pub distance_m: f64,
    /// Elapsed time of the window (s).
    pub elapsed_s: f64,
    /// Window start, elapsed seconds since the first sample (interpolated).
    pub start_s: f64,
    /// Window end, elapsed seconds since the first sample (interpolated).
    pub end_s: f64,
    /// Time-weighted heart rate over moving samples of the window.
    pub avg_hr_bpm: Option<f64>,
    /// True when the activity's computed distance is ≥ `gps_short_fraction` shorter than the
    /// device's total, so the effort is probably slower than the truth.
    pub gps_short: bool,
    /// Seconds of stops (timer pauses, recording gaps longer than
    /// `max_pause_in_effort_s`) inside the window: 0 for an effort run without a real stop.
    /// Only a distance no stop-free stretch covers is timed across stops, on elapsed time
    /// (the stops cost their time, as on Strava).
    pub stopped_s: f64,
}

/// Fastest window of exactly `dist` metres over one pause-free stretch (`t`, `d` finite,
/// `d` non-decreasing). Both window ends are interpolated between samples: the window's
/// duration is piecewise linear in its start distance with breakpoints where either end sits
/// on a sample, so trying every "start on a sample" and every "end on a sample" window finds
/// the exact minimum. Two pointers: O(len). Returns `(start_s, end_s)`.
pub fn fastest_window(t: &[f64], d: &[f64], dist: f64) -> Option<(f64, f64)> {
    let n = t.len().min(d.len());
    if n < 2 || dist <= 0.0 || d[n - 1] - d[0] < dist {
        return None;
    }
    let mut best: Option<(f64, f64)> = None;
    let mut consider = |a: f64, b: f64| {
        if best.is_none_or(|(s, e)| b - a < e - s) {
            best = Some((a, b));
        }
    };
    // Windows starting on a sample; end at the earliest time distance reaches the target.
    let mut j = 1usize;
    for i in 0..n {
        let target = d[i] + dist;
        if j <= i {
            j = i + 1;
        }
        while j < n && d[j] < target {
            j += 1;
        }
        if j >= n {
            break;
        }
        let (d0, d1) = (d[j - 1], d[j]);
        let end = if d1 > d0 && d0 < target {
            t[j - 1] + (target - d0) / (d1 - d0) * (t[j] - t[j - 1])
        } else {
            t[j]
        };
        consider(t[i], end);
    }
    // Windows ending on a sample; start at the latest time distance was at the target.
    let mut i = 0usize;
    for jj in 0..n {
        let target = d[jj] - dist;
        if target < d[0] {
            continue;
        }
        while i + 1 < jj && d[i + 1] <= target {
            i += 1;
        }
        let start = if d[i] < target && i + 1 < n && d[i + 1] > d[i] {
            t[i] + (target - d[i]) / (d[i + 1] - d[i]) * (t[i + 1] - t[i])
        } else {
            t[i]
        };
        consider(start, t[jj]);
    }
    best
}

/// Best efforts for every standard distance the activity covers: the fastest window within one
/// pause-free stretch (pauses or gaps longer than `cfg.efforts.max_pause_in_effort_s` break
/// stretches); a distance that no stretch covers but the run does is timed across its stops on
/// elapsed time, with the stopped seconds in [`BestEffort::stopped_s`] (a 16.8 km run with
/// traffic-light and café stops still has its 5 K and 10 K). Cost O(n) per distance.
pub fn best_efforts(act: &Activity, cfg: &SegmentConfig) -> Vec<BestEffort> {
    let s = &act.samples;
    // The samples with a distance, distance never falling, of index range `a..=b`.
    let monotone = |a: usize, b: usize| {
        let mut tv = Vec::with_capacity(b + 1 - a);
        let mut dv = Vec::with_capacity(b + 1 - a);
        for k in a..=b {
            if let (Some(&tk), Some(&dk)) = (s.time_s.get(k), s.distance_m.get(k))
                && dk.is_finite()
                && dv.last().is_none_or(|&p| dk >= p)
            {
                tv.push(tk);
                dv.push(dk);
            }
        }
        (tv, dv)
    };
    let spans = stretches(s, &act.pauses, cfg.efforts.max_pause_in_effort_s);
    let parts: Vec<(Vec<f64>, Vec<f64>)> = spans.iter().map(|&(a, b)| monotone(a, b)).collect();
    // A run's stops only (traffic lights, a drink): a swim's lengths or a ride's are no
    // runner's stops.
    let groups = if act.meta.sport == Sport::Running {
        across_stops(&parts, &cfg.efforts)
    } else {
        Vec::new()
    };
    // Seconds of window `(a, b)` outside every stretch: its stops.
    let stopped = |(a, b): (f64, f64)| {
        let inside: f64 = parts
            .iter()
            .filter_map(|(tv, _)| Some((*tv.first()?, *tv.last()?)))
            .map(|(x, y)| (b.min(y) - a.max(x)).max(0.0))
            .sum();
        (b - a - inside).max(0.0)
    };
    let gps_short = gps_short(act, cfg);
    let mut out = Vec::new();
    for &(name, dist) in STANDARD_DISTANCES {
        let best = parts
            .iter()
            .filter_map(|(tv, dv)| fastest_window(tv, dv, dist))
            .min_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)));
        let (window, stopped_s) = match best {
            Some(w) => (w, 0.0),
            None => match groups
                .iter()
                .filter_map(|(tv, dv)| fastest_window(tv, dv, dist))
                .min_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))
                .map(|w| (w, stopped(w)))
                .filter(|&((a, b), st)| st <= cfg.efforts.max_stopped_share * (b - a))
            {
                Some(found) => found,
                None => continue,
            },
        };
        let (start_s, end_s) = window;
        let w = window_stats(s, &[], start_s, end_s);
        out.push(BestEffort {
            name: name.to_string(),
            distance_m: dist,
            elapsed_s: end_s - start_s,
            start_s,
            end_s,
            avg_hr_bpm: w.avg_hr_bpm,
            gps_short,
            stopped_s,
        });
    }
    out
}

/// Consecutive stop-free stretches `parts` (times, distances) joined across the stops between
/// them where a stop lasts at most `cfg.max_stop_in_effort_s` and its distance is at most
/// `cfg.stop_max_mps` over its time (the runner stood or walked; a recording gap across which
/// the distance jumps, or a break of hours, ends a group); only groups of two or more stretches.
fn across_stops(
    parts: &[(Vec<f64>, Vec<f64>)],
    cfg: &super::config::EffortsConfig,
) -> Vec<(Vec<f64>, Vec<f64>)> {
    let mut groups: Vec<(Vec<f64>, Vec<f64>, usize)> = Vec::new();
    for (tv, dv) in parts.iter().filter(|(tv, _)| !tv.is_empty()) {
        let joins = groups.last().is_some_and(|(gt, gd, _)| {
            let (dt, dd) = (tv[0] - gt[gt.len() - 1], dv[0] - gd[gd.len() - 1]);
            dt > 0.0 && dt <= cfg.max_stop_in_effort_s && dd >= 0.0 && dd <= cfg.stop_max_mps * dt
        });
        match groups.last_mut() {
            Some((gt, gd, n)) if joins => {
                gt.extend_from_slice(tv);
                gd.extend_from_slice(dv);
                *n += 1;
            }
            _ => groups.push((tv.clone(), dv.clone(), 1)),
        }
    }
    groups
        .into_iter()
        .filter(|g| g.2 > 1)
        .map(|(t, d, _)| (t, d))
        .collect()
}

/// Whether the computed distance is at least `cfg.efforts.gps_short_fraction` short of the device's.
pub fn gps_short(act: &Activity, cfg: &SegmentConfig) -> bool {
    let d = &act.samples.distance_m;
    let first = d.iter().copied().find(|v| v.is_finite());
    let last = d.iter().rev().copied().find(|v| v.is_finite());
    let device = act.device.as_ref().and_then(|x| x.distance_m);
    match (first, last, device) {
        (Some(a), Some(b), Some(dev)) if dev > 0.0 => {
            b - a <= dev * (1.0 - cfg.efforts.gps_short_fraction)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DeviceTotals, Pause};
    use crate::segment::synth::{Profile, constant_run, run_from_speeds};

    #[test]
    fn constant_pace_is_exact() {
        let act = constant_run(3.7, 3000);
        let be = best_efforts(&act, &SegmentConfig::default());
        let names: Vec<&str> = be.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(
            names,
            ["400m", "1/2 mile", "1k", "1 mile", "2 mile", "5k", "10k"]
        );
        for b in &be {
            assert!((b.elapsed_s - b.distance_m / 3.7).abs() < 1e-6, "{b:?}");
            assert!(!b.gps_short);
        }
    }

    #[test]
    fn finds_the_fast_block_with_interpolated_ends() {
        let p = Profile::default()
            .hold(3.0, 600)
            .hold(5.0, 400)
            .hold(3.0, 600);
        let act = run_from_speeds(&p.speeds, 0);
        let be = best_efforts(&act, &SegmentConfig::default());
        let mile = be.iter().find(|b| b.name == "1 mile").expect("mile");
        assert!((mile.elapsed_s - 1609.344 / 5.0).abs() < 1e-6);
        assert!(mile.start_s >= 599.0 && mile.end_s <= 999.0, "{mile:?}");
    }

    #[test]
    fn long_pause_breaks_efforts_and_gps_short_flag() {
        // Two stretches of 2800 m at 4 m/s with a 121 s stop between them.
        let mut act = constant_run(4.0, 1400);
        for k in 701..act.samples.len() {
            act.samples.time_s[k] += 120.0;
        }
        act.pauses.push(Pause {
            start_s: 700.0,
            end_s: 821.0,
            source: crate::model::PauseSource::Timer,
        });
        act.device = Some(DeviceTotals {
            distance_m: Some(6000.0),
            ..Default::default()
        });
        let be = best_efforts(&act, &SegmentConfig::default());
        let names: Vec<&str> = be.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(names, ["400m", "1/2 mile", "1k", "1 mile", "2 mile", "5k"]);
        assert!(be.iter().all(|b| b.gps_short));
        // Up to the mile within a stretch; the 2 mile and 5 K are timed across the stop, whose
        // 121 s between samples count as stopped.
        assert!(be[..4].iter().all(|b| b.stopped_s == 0.0));
        let five = &be[5];
        assert!((five.stopped_s - 121.0).abs() < 1e-6, "{five:?}");
        assert!(
            (five.elapsed_s - (5000.0 / 4.0 + 120.0)).abs() < 1e-6,
            "{five:?}"
        );
        // Not a run: no efforts across stops.
        let mut ride = act.clone();
        ride.meta.sport = crate::model::Sport::Cycling;
        assert_eq!(best_efforts(&ride, &SegmentConfig::default()).len(), 4);
        // A stop making up more than a quarter of the effort is not timed across (521 s: 39 %
        // of a 2 mile, 29 % of a 5 K).
        let mut long_stop = act.clone();
        for k in 701..long_stop.samples.len() {
            long_stop.samples.time_s[k] += 400.0;
        }
        long_stop.pauses[0].end_s += 400.0;
        let names: Vec<String> = best_efforts(&long_stop, &SegmentConfig::default())
            .into_iter()
            .map(|b| b.name)
            .collect();
        assert_eq!(names, ["400m", "1/2 mile", "1k", "1 mile"]);
        // A recording gap across which the distance jumps 300 m (2.5 m/s) is no stop to time.
        for k in 701..act.samples.len() {
            act.samples.distance_m[k] += 300.0;
        }
        let names: Vec<String> = best_efforts(&act, &SegmentConfig::default())
            .into_iter()
            .map(|b| b.name)
            .collect();
        assert_eq!(names, ["400m", "1/2 mile", "1k", "1 mile"]);
    }
}
