//! The best mile of a run, its quarter splits, and whether it was a mile time trial.

use serde::Serialize;

use super::SegmentConfig;
use super::best_efforts::BestEffort;
use super::series::window_stats;
use crate::model::Activity;

use crate::model::MILE_M;

/// The fastest mile of the run with lap splits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MileEffort {
    /// Start, elapsed seconds since the first sample.
    pub start_s: f64,
    /// End, elapsed seconds since the first sample.
    pub end_s: f64,
    /// Elapsed time of the mile (s).
    pub elapsed_s: f64,
    /// Four lap times (s): the device's laps when four consecutive laps inside the mile match
    /// 400 m, otherwise the four quarter-miles (402.336 m) by interpolated distance.
    pub laps_s: [f64; 4],
    /// The last lap cut into four equal pieces (≈100 m) (s).
    pub last_lap_100m_s: [f64; 4],
    /// True when `laps_s` come from device laps.
    pub laps_from_device: bool,
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

/// The mile effort from the best "1 mile" effort, with splits; `None` when the run has no
/// mile. A time trial when the mile is ≥ `cfg.mile.mile_tt_ratio` × the average moving speed of the
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
    let be = best.iter().find(|b| (b.distance_m - MILE_M).abs() < 1e-6)?;
    let s = &act.samples;
    let (t, d) = (&s.time_s, &s.distance_m);
    let d0 = super::series::value_at_time(t, d, be.start_s);
    let at = |x: f64| time_at_distance(t, d, d0 + x).map(|v| v.max(be.start_s));
    let q = MILE_M / 4.0;
    let mut marks = [be.start_s; 5];
    for (k, m) in marks.iter_mut().enumerate().skip(1) {
        *m = if k == 4 { be.end_s } else { at(q * k as f64)? };
    }
    let interp: [f64; 4] = std::array::from_fn(|k| marks[k + 1] - marks[k]);
    let mut last = [marks[3]; 5];
    for (k, m) in last.iter_mut().enumerate().skip(1) {
        *m = if k == 4 {
            be.end_s
        } else {
            at(3.0 * q + q / 4.0 * k as f64)?
        };
    }
    let last_lap_100m_s: [f64; 4] = std::array::from_fn(|k| last[k + 1] - last[k]);
    let dev = device_laps(act, be.start_s, be.end_s, cfg);
    let whole = window_stats(s, &[], t.first().copied()?, t.last().copied()?);
    let mile = window_stats(s, &[], be.start_s, be.end_s);
    let rest_t = whole.moving_s - mile.moving_s;
    let rest_d = whole.distance_m - mile.distance_m;
    let mile_v = MILE_M / be.elapsed_s.max(1e-9);
    let speed_ratio = (rest_t >= 120.0 && rest_d > 0.0).then(|| mile_v / (rest_d / rest_t));
    let solo = (whole.distance_m - MILE_M).abs() <= MILE_M * cfg.mile.mile_solo_tol;
    let laps_s = dev.unwrap_or(interp);
    let time_trial = match speed_ratio {
        Some(r) => r >= cfg.mile.mile_tt_ratio && isolated(act, be, mile_v, cfg),
        None => solo && mile_v >= cfg.mile.mile_solo_min_mps,
    } && plausible(act, be, &laps_s, mile.moving_s, easy_mps, alt, cfg);
    Some(MileEffort {
        start_s: be.start_s,
        end_s: be.end_s,
        elapsed_s: be.elapsed_s,
        laps_s,
        last_lap_100m_s,
        laps_from_device: dev.is_some(),
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
