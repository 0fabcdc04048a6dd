//! The best mile of a run, its quarter splits, and whether it was a mile time trial.

use serde::Serialize;

use super::SegmentConfig;
use super::best_efforts::BestEffort;
use super::series::window_stats;
use super::track_passes::{finish_line_marks, position_start};
use crate::model::Activity;

use crate::model::MILE_M;

/// Where a mile's four laps end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LapConvention {
    /// On a 400 m track: the finish-line crossings. A mile starts 9.34 m behind the finish
    /// line, so the laps are 409.34 m, then 400 m three times.
    TrackFinishLine,
    /// Anywhere else: four quarter-miles of 402.336 m.
    Quarters,
}

impl LapConvention {
    /// Distance from the mile's start at the end of each lap (m).
    pub fn marks_m(self) -> [f64; 4] {
        match self {
            LapConvention::TrackFinishLine => {
                let first = MILE_M - 1200.0;
                [first, first + 400.0, first + 800.0, MILE_M]
            }
            LapConvention::Quarters => {
                let q = MILE_M / 4.0;
                [q, 2.0 * q, 3.0 * q, MILE_M]
            }
        }
    }
}

/// The fastest mile of the run with lap splits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MileEffort {
    /// Start, elapsed seconds since the first sample. On a track, from the standing start
    /// when the runner stood still just before (see [`LapConvention::TrackFinishLine`]).
    pub start_s: f64,
    /// End, elapsed seconds since the first sample.
    pub end_s: f64,
    /// Elapsed time of the mile (s).
    pub elapsed_s: f64,
    /// Four lap times (s): the device's laps when four consecutive laps inside the mile match
    /// 400 m, otherwise the laps ending at [`MileEffort::lap_marks_m`].
    pub laps_s: [f64; 4],
    /// The last lap cut into four equal pieces (≈100 m) (s).
    pub last_lap_100m_s: [f64; 4],
    /// True when `laps_s` come from device laps.
    pub laps_from_device: bool,
    /// How the laps are marked: finish-line crossings on a track, quarters elsewhere.
    pub lap_convention: LapConvention,
    /// Distance from the mile's start at the end of each lap (m).
    pub lap_marks_m: [f64; 4],
    /// True when the mile is timed from a standing start on a track (so its time can differ
    /// from the fastest "1 mile" best effort, which may begin in stride).
    pub from_standing_start: bool,
    /// Mile speed divided by the average moving speed of the rest of the run (`None` when
    /// the run is little more than the mile).
    pub speed_ratio: Option<f64>,
    /// True when recognised as a maximal mile effort (time trial / race).
    pub time_trial: bool,
}

/// Earliest time cumulative distance reaches `target`, interpolated; `None` when never.
pub fn time_at_distance(t: &[f64], d: &[f64], target: f64) -> Option<f64> {
    let n = t.len().min(d.len());
    let j = d[..n].partition_point(|&x| x.is_nan() || x < target);
    if j >= n {
        return None;
    }
    if j == 0 {
        return Some(t[0]);
    }
    let (d0, d1) = (d[j - 1], d[j]);
    Some(if d1 > d0 && d0.is_finite() {
        t[j - 1] + (target - d0) / (d1 - d0) * (t[j] - t[j - 1])
    } else {
        t[j]
    })
}

fn device_laps(act: &Activity, start: f64, end: f64, cfg: &SegmentConfig) -> Option<[f64; 4]> {
    let slack = 15.0;
    let fits: Vec<f64> = act
        .laps
        .iter()
        .filter(|l| l.start_s >= start - slack && l.end_s <= end + slack)
        .filter(|l| {
            l.distance_m
                .is_some_and(|d| (d - 400.0).abs() <= 400.0 * cfg.mile.lap_400_tol)
        })
        .map(|l| l.elapsed_s.unwrap_or(l.end_s - l.start_s))
        .collect();
    match fits.as_slice() {
        [a, b, c, d] => Some([*a, *b, *c, *d]),
        _ => None,
    }
}

/// Whether the running just before and just after the mile (`cfg.mile.mile_flank_m` each side,
/// where the run has it) is at least `cfg.mile.mile_tt_ratio` slower than the mile: a maximal mile
/// stands alone, while a mile inside a tempo or a long fast finish does not.
fn isolated(act: &Activity, be: &BestEffort, mile_v: f64, cfg: &SegmentConfig) -> bool {
    let (t, d) = (&act.samples.time_s, &act.samples.distance_m);
    let at = |x: f64| super::series::value_at_time(t, d, x);
    let (d_start, d_end) = (at(be.start_s), at(be.end_s));
    let before = time_at_distance(t, d, d_start - cfg.mile.mile_flank_m)
        .filter(|_| d_start - cfg.mile.mile_flank_m >= d.first().copied().unwrap_or(0.0))
        .map(|a| cfg.mile.mile_flank_m / (be.start_s - a).max(1e-9));
    let after = time_at_distance(t, d, d_end + cfg.mile.mile_flank_m)
        .map(|b| cfg.mile.mile_flank_m / (b - be.end_s).max(1e-9));
    [before, after]
        .into_iter()
        .flatten()
        .all(|v| v * cfg.mile.mile_tt_ratio <= mile_v)
}

/// Metres per degree of latitude (and of longitude at the equator), for box sizes.
const M_PER_DEG: f64 = 111_320.0;

/// Whether the mile was run on a track: the file says so (sub-sport `track`), or its positions
/// fit in a box at most `cfg.mile.track_box_m` across (a mile inside such a box is laps of an
/// oval), with positions on at least half of its samples.
fn on_track(act: &Activity, be: &BestEffort, cfg: &SegmentConfig) -> bool {
    if act
        .meta
        .sub_sport
        .as_deref()
        .is_some_and(|x| x.eq_ignore_ascii_case("track"))
    {
        return true;
    }
    let s = &act.samples;
    let a = s.time_s.partition_point(|&x| x < be.start_s);
    let b = s.time_s.partition_point(|&x| x <= be.end_s);
    if b <= a {
        return false;
    }
    let pts: Vec<(f64, f64)> = (a..b)
        .map(|i| (s.lat_deg[i], s.lon_deg[i]))
        .filter(|(la, lo)| la.is_finite() && lo.is_finite())
        .collect();
    if pts.len() < 2 || 2 * pts.len() < b - a {
        return false;
    }
    let (mut la0, mut la1, mut lo0, mut lo1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(la, lo) in &pts {
        (la0, la1, lo0, lo1) = (la0.min(la), la1.max(la), lo0.min(lo), lo1.max(lo));
    }
    let dy = (la1 - la0) * M_PER_DEG;
    let dx = (lo1 - lo0) * M_PER_DEG * (0.5 * (la0 + la1)).to_radians().cos();
    dx.hypot(dy) <= cfg.mile.track_box_m
}

/// The moment a runner left a standing start: the last sample at or before `from` where the
/// runner stood (not moving, or slower than `cfg.mile.standing_speed_mps`), looking back at
/// most `cfg.mile.standing_start_s` of running slower than the effort (the speed ramp off the
/// line) and `cfg.mile.standing_effort_max_s` in all, running at the effort's speed (at least
/// `cfg.mile.standing_effort_frac` × `mile_v`) not counting toward the first limit; the runner
/// left between that sample and the next, taken as the middle of that gap.
fn standing_start(act: &Activity, from: f64, mile_v: f64, cfg: &SegmentConfig) -> Option<f64> {
    let s = &act.samples;
    let end = s.time_s.partition_point(|&x| x <= from);
    let effort_v = cfg.mile.standing_effort_frac * mile_v;
    let mut slow_s = 0.0;
    let j = (0..end).rev().find_map(|j| {
        if !s.moving[j] || s.speed_mps[j] < cfg.mile.standing_speed_mps {
            return Some(Some(j));
        }
        let dt = s.time_s.get(j + 1).map_or(0.0, |&n| n - s.time_s[j]);
        if s.speed_mps[j].is_nan() || s.speed_mps[j] < effort_v {
            slow_s += dt;
        }
        let gone = from - s.time_s[j];
        (slow_s > cfg.mile.standing_start_s || gone > cfg.mile.standing_effort_max_s)
            .then_some(None)
    })??;
    let t0 = s.time_s[j];
    let Some(&t1) = s.time_s.get(j + 1) else {
        return Some(t0);
    };
    // The runner leaves the line between the still sample and the next one. While they are
    // still accelerating at the two samples after it, the speed ramp extrapolated back to zero
    // speed says when; otherwise the middle of the interval.
    let v = |k: usize| s.speed_mps.get(k).copied().filter(|x| x.is_finite());
    let ramp = match (v(j + 1), v(j + 2), s.time_s.get(j + 2)) {
        (Some(v1), Some(v2), Some(&t2)) if v1 > 0.0 && v2 > v1 && t2 > t1 => {
            Some(t1 - v1 / ((v2 - v1) / (t2 - t1)))
        }
        _ => None,
    };
    Some(ramp.map_or(0.5 * (t0 + t1), |x| x.clamp(t0, t1)))
}

/// Cumulative distance from the recorded speed (trapezoids), for timing laps where the watch's
/// speed sensor (Doppler GPS, foot pod) is steadier than its position track.
fn distance_from_speed(t: &[f64], v: &[f64], timer: &[bool]) -> Vec<f64> {
    let mut out = Vec::with_capacity(t.len());
    let mut total = 0.0;
    for i in 0..t.len().min(v.len()) {
        // Where the watch was paused the runner covered nothing that counts.
        if i > 0 && timer.get(i).copied().unwrap_or(true) {
            let step = 0.5 * (v[i] + v[i - 1]) * (t[i] - t[i - 1]);
            if step.is_finite() && step > 0.0 {
                total += step;
            }
        }
        out.push(total);
    }
    out
}

/// When cumulative distance `cum`, the trapezoidal integral of `v`, reaches `target`: inside
/// the crossing interval the speed changes linearly (the trapezoid's own assumption), so the
/// crossing solves `d0 + v0·τ + (v1 − v0)·τ²/(2Δt) = target` rather than interpolating the
/// distance linearly (which would place a crossing late while the runner accelerates and early
/// while they slow).
fn time_at_distance_on_speed(t: &[f64], v: &[f64], cum: &[f64], target: f64) -> Option<f64> {
    let n = t.len().min(cum.len()).min(v.len());
    let j = cum[..n].partition_point(|&x| x.is_nan() || x < target);
    if j >= n {
        return None;
    }
    if j == 0 {
        return Some(t[0]);
    }
    let (dt, r) = (t[j] - t[j - 1], target - cum[j - 1]);
    let (v0, v1) = (v[j - 1], v[j]);
    if !(dt > 0.0 && v0.is_finite() && v1.is_finite() && v0 >= 0.0 && v1 >= 0.0) {
        return time_at_distance(t, cum, target);
    }
    let a = (v1 - v0) / dt;
    let tau = if a.abs() < 1e-9 {
        if v0 > 0.0 { r / v0 } else { dt }
    } else {
        // The root of a·τ²/2 + v0·τ − r = 0 inside the interval.
        let disc = (v0 * v0 + 2.0 * a * r).max(0.0);
        (disc.sqrt() - v0) / a
    };
    Some(t[j - 1] + tau.clamp(0.0, dt))
}

/// The first time cumulative distance `cum` would reach `target` if the speed at each sample
/// were held until the next: `t[i] + (target − cum[i]) / v[i]` for the first sample whose held
/// speed reaches the target within its interval.
fn held_speed_crossing(t: &[f64], v: &[f64], cum: &[f64], target: f64) -> Option<f64> {
    let n = t.len().min(v.len()).min(cum.len());
    let first = cum[..n].partition_point(|&x| x.is_nan() || x < target - 50.0);
    (first.saturating_sub(1)..n.saturating_sub(1)).find_map(|i| {
        let (r, vi) = (target - cum[i], v[i]);
        (vi > 0.0 && r >= 0.0 && r <= vi * (t[i + 1] - t[i])).then(|| t[i] + r / vi)
    })
}

/// The last lap from `from` to `to` (seconds) cut into four pieces of equal distance along
/// the distance stream `d`: the lap's start, its three inner marks and its end.
fn last_lap_pieces(t: &[f64], d: &[f64], from: f64, to: f64) -> [f64; 5] {
    let (d0, d1) = (
        super::series::value_at_time(t, d, from),
        super::series::value_at_time(t, d, to),
    );
    let mut last = [from, from, from, from, to];
    for (k, m) in last.iter_mut().enumerate().take(4).skip(1) {
        *m = time_at_distance(t, d, d0 + (d1 - d0) * k as f64 / 4.0)
            .map_or(from, |x| x.clamp(from, to));
    }
    last
}

/// When a mile's laps end: `marks[0]` the start, `marks[1..=4]` the ends of the four laps, and
/// `last` the last lap's start, its three inner 100 m marks and its end.
struct LapTimes {
    marks: [f64; 5],
    last: [f64; 5],
}

/// Lap times along cumulative distance `cum` from `start`, laps ending at `lap_marks` metres;
/// the mile ends at `end` when given, else where `cum` has covered a mile. `None` when the run
/// ends first.
fn lap_times(
    t: &[f64],
    cum: &[f64],
    speed: Option<&[f64]>,
    start: f64,
    end: Option<f64>,
    lap_marks: [f64; 4],
) -> Option<LapTimes> {
    let c0 = super::series::value_at_time(t, cum, start);
    let at = |x: f64| {
        match speed {
            Some(v) => time_at_distance_on_speed(t, v, cum, c0 + x),
            None => time_at_distance(t, cum, c0 + x),
        }
        .map(|v| v.max(start))
    };
    let mut marks = [start; 5];
    for k in 1..4 {
        marks[k] = at(lap_marks[k - 1])?;
    }
    marks[4] = match (end, speed) {
        (Some(e), _) => e,
        // A runner does not ease off before the line: the finish is the earlier of the
        // trapezoid's crossing and the one holding the last speed before it.
        (None, Some(v)) => {
            let trapezoid = at(MILE_M)?;
            held_speed_crossing(t, v, cum, c0 + MILE_M)
                .map_or(trapezoid, |h| h.min(trapezoid))
                .max(start)
        }
        (None, None) => at(MILE_M)?,
    };
    let piece = (MILE_M - lap_marks[2]) / 4.0;
    let mut last = [marks[3]; 5];
    for (k, m) in last.iter_mut().enumerate().skip(1) {
        *m = if k == 4 {
            marks[4]
        } else {
            at(lap_marks[2] + piece * k as f64)?
        };
    }
    Some(LapTimes { marks, last })
}

/// The mile effort from the best "1 mile" effort, with splits; `None` when the run has no
/// mile. On a track ([`on_track`], or four device laps of 400 m) the laps end at the
/// finish-line crossings; a mile run as one effort (the time-trial speed test below, before the
/// plausibility check) and begun from a standing start is timed from it, along the recorded
/// speed where the file has it, while any other fastest mile keeps the best-effort window and
/// its elapsed time (so it never reads slower than the "1 mile" best effort); elsewhere the laps
/// are quarters of the best-mile window. A mile timed across a stop (no stop-free stretch holds
/// a mile) gives none.
/// A time trial when the mile is ≥ `cfg.mile.mile_tt_ratio` × the average moving speed of the
/// rest of the run, or when the run is only the mile and faster than `cfg.mile.mile_solo_min_mps`;
/// and in both cases only when the mile is plausible as a maximal effort ([`plausible`]).
/// `easy_mps` is the run's easy speed, when known.
pub fn mile_effort(
    act: &Activity,
    best: &[BestEffort],
    easy_mps: Option<f64>,
    alt: &[f64],
    cfg: &SegmentConfig,
) -> Option<MileEffort> {
    // A mile timed across a stop is listed among the best efforts, but it is no mile effort.
    let be = best
        .iter()
        .find(|b| (b.distance_m - MILE_M).abs() < 1e-6 && b.stopped_s == 0.0)?;
    let s = &act.samples;
    let (t, d) = (&s.time_s, &s.distance_m);
    let dev = device_laps(act, be.start_s, be.end_s, cfg);
    let lap_convention = if dev.is_some() || on_track(act, be, cfg) {
        LapConvention::TrackFinishLine
    } else {
        LapConvention::Quarters
    };
    let lap_marks_m = lap_convention.marks_m();
    let whole = window_stats(s, &[], t.first().copied()?, t.last().copied()?);
    let mile = window_stats(s, &[], be.start_s, be.end_s);
    let rest_t = whole.moving_s - mile.moving_s;
    let rest_d = whole.distance_m - mile.distance_m;
    let mile_v = MILE_M / be.elapsed_s.max(1e-9);
    let speed_ratio = (rest_t >= 120.0 && rest_d > 0.0).then(|| mile_v / (rest_d / rest_t));
    let solo = (whole.distance_m - MILE_M).abs() <= MILE_M * cfg.mile.mile_solo_tol;
    // A mile run as one effort (fast against the rest of the run and on its own, or the whole
    // run) is timed as a race: from the standing start, laps at the finish line. Any other
    // fastest mile (inside an interval session or a long run) is the fastest mile window itself.
    let one_effort = match speed_ratio {
        Some(r) => r >= cfg.mile.mile_tt_ratio && isolated(act, be, mile_v, cfg),
        None => solo && mile_v >= cfg.mile.mile_solo_min_mps,
    };
    let race_timed = lap_convention == LapConvention::TrackFinishLine && one_effort;
    let standing = race_timed
        .then(|| standing_start(act, be.start_s, mile_v, cfg))
        .flatten();
    let track = race_timed
        .then(|| {
            // Positions without speed: the runner left the start position when the positions
            // say so (a speed from positions rises seconds early), and the passes of that
            // position mark the laps; where they do not show four clean passes, the distance
            // stream from that start does.
            let from_positions = standing
                .filter(|_| !act.meta.speed_recorded)
                .and_then(|from| position_start(act, from, be.elapsed_s, cfg));
            if let Some((origin, left)) = from_positions {
                let offset = lap_marks_m[0] - 400.0;
                if let Some(marks) = finish_line_marks(act, origin, left, be.elapsed_s, offset, cfg)
                {
                    return Some(LapTimes {
                        marks,
                        last: last_lap_pieces(t, d, marks[3], marks[4]),
                    });
                }
            }
            let start = from_positions
                .map(|(_, left)| left)
                .or(standing)
                .unwrap_or(be.start_s);
            let from_speed;
            let (cum, speed) = if act.meta.speed_recorded {
                from_speed = distance_from_speed(t, &s.speed_mps, &s.timer_running);
                (&from_speed, Some(s.speed_mps.as_slice()))
            } else {
                (d, None)
            };
            lap_times(t, cum, speed, start, None, lap_marks_m)
        })
        .flatten();
    let track_timed = track.is_some();
    let (times, elapsed_s) = match track {
        Some(x) => {
            let el = x.marks[4] - x.marks[0];
            (x, el)
        }
        None => (
            lap_times(t, d, None, be.start_s, Some(be.end_s), lap_marks_m)?,
            be.elapsed_s,
        ),
    };
    let (start_s, end_s) = (times.marks[0], times.marks[4]);
    let interp: [f64; 4] = std::array::from_fn(|k| times.marks[k + 1] - times.marks[k]);
    let last_lap_100m_s: [f64; 4] = std::array::from_fn(|k| times.last[k + 1] - times.last[k]);
    let laps_s = dev.unwrap_or(interp);
    let time_trial = one_effort && plausible(act, be, &laps_s, mile.moving_s, easy_mps, alt, cfg);
    Some(MileEffort {
        start_s,
        end_s,
        elapsed_s,
        laps_s,
        last_lap_100m_s,
        laps_from_device: dev.is_some(),
        lap_convention,
        lap_marks_m,
        from_standing_start: standing.is_some() && track_timed,
        speed_ratio,
        time_trial,
    })
}

/// Whether a fast mile is plausible as a time trial: run, not walked (at least
/// `cfg.mile.mile_min_mps`); sustained (moving for at least `cfg.mile.mile_min_moving_frac` of
/// its elapsed time); near-even or coached (the quarter laps' coefficient of variation at most
/// `cfg.mile.mile_max_quarter_cv`); clearly faster than the run's easy running (at least
/// `cfg.mile.mile_tt_ratio` × `easy_mps`); and not downhill (a net descent below
/// `cfg.tempo.tempo_max_descent_grade` of the mile).
fn plausible(
    act: &Activity,
    be: &BestEffort,
    laps_s: &[f64; 4],
    moving_s: f64,
    easy_mps: Option<f64>,
    alt: &[f64],
    cfg: &SegmentConfig,
) -> bool {
    let v = MILE_M / be.elapsed_s.max(1e-9);
    let mean = laps_s.iter().sum::<f64>() / 4.0;
    let sd = (laps_s.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / 4.0).sqrt();
    let t = &act.samples.time_s;
    let descent = if alt.is_empty() {
        0.0
    } else {
        super::series::value_at_time(t, alt, be.start_s)
            - super::series::value_at_time(t, alt, be.end_s)
    };
    v >= cfg.mile.mile_min_mps
        && moving_s >= cfg.mile.mile_min_moving_frac * be.elapsed_s
        && mean > 0.0
        && sd / mean <= cfg.mile.mile_max_quarter_cv
        && easy_mps.is_none_or(|e| v >= cfg.mile.mile_tt_ratio * e)
        && !(descent.is_finite() && descent >= cfg.tempo.tempo_max_descent_grade * MILE_M)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lap;
    use crate::segment::best_efforts::best_efforts;
    use crate::segment::synth::Profile;
    use crate::segment::synth::run_from_speeds;

    #[test]
    fn device_laps_of_400_m_are_used() {
        let p = Profile::default()
            .hold(3.0, 600)
            .cover(5.0, 1620.0)
            .hold(3.0, 600);
        let mut act = run_from_speeds(&p.speeds, 0);
        for k in 0..4 {
            let a = 599.0 + 80.0 * k as f64;
            act.laps.push(Lap {
                start_s: a,
                end_s: a + 80.0,
                elapsed_s: Some(79.0 + k as f64),
                distance_m: Some(395.0),
                ..Default::default()
            });
        }
        let cfg = SegmentConfig::default();
        let m = mile_effort(&act, &best_efforts(&act, &cfg), Some(3.0), &[], &cfg).expect("mile");
        assert!(m.laps_from_device);
        assert_eq!(m.laps_s, [79.0, 80.0, 81.0, 82.0]);
        assert!(m.time_trial);
        assert!(time_at_distance(&[0.0, 1.0], &[0.0, 10.0], 5.0) == Some(0.5));
        assert!(time_at_distance(&[0.0, 1.0], &[0.0, 10.0], 11.0).is_none());
    }
}
