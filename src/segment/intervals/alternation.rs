//! Work/rest alternation: what makes fast blocks an interval session rather than the ups and
//! downs of a steady run. Recoveries must be real (long enough, clearly slower than the reps,
//! not so long that the reps either side are unrelated efforts), and the linked reps must be
//! regular (mostly runs of similar reps, or a ladder).

use super::reps::{group_sets, snap_distance, snap_duration};
use crate::model::Samples;
use crate::segment::SegmentConfig;
use crate::segment::profile::SpeedProfile;
use crate::segment::series::value_at_time;
use crate::segment::smooth::median;

/// Mean speed (m/s) over `[a, b]` from the profile's motion distance; 0 for empty windows.
pub fn motion_speed(s: &Samples, prof: &SpeedProfile, a: f64, b: f64) -> f64 {
    if b <= a {
        return 0.0;
    }
    let d =
        value_at_time(&s.time_s, &prof.motion_m, b) - value_at_time(&s.time_s, &prof.motion_m, a);
    if d.is_finite() { d / (b - a) } else { 0.0 }
}

/// Merge consecutive fast blocks whose gap is not a recovery: a gap shorter than
/// `cfg.intervals.rest_min_s` (a dip of noise), or one averaging faster than easy ×
/// `cfg.intervals.rest_max_easy_ratio` when the joined span still averages at least easy ×
/// `cfg.intervals.rep_min_speed_ratio` (one effort must still be an effort), joins them.
pub fn merge_non_recoveries(
    blocks: Vec<(f64, f64)>,
    prof: &SpeedProfile,
    s: &Samples,
    positions_only: bool,
    cfg: &SegmentConfig,
) -> Vec<(f64, f64)> {
    merge_when(blocks, |last, next| {
        // One effort must still be an effort: a blip of noise in the warm-up and the first
        // rep, with minutes of easy running between them, stay apart.
        let still_fast = motion_speed(s, prof, last.0, next.1)
            >= prof.easy_mps * cfg.intervals.rep_min_speed_ratio;
        if positions_only && still_fast && gps_lag(s, prof, last, next, cfg) {
            return true;
        }
        next.0 - last.1 < cfg.intervals.rest_min_s
            || (still_fast
                && motion_speed(s, prof, last.1, next.0)
                    > prof.easy_mps * cfg.intervals.rest_max_easy_ratio)
    })
}

/// Merge consecutive reps whose gap is a float rather than a recovery: faster than
/// `cfg.intervals.rest_max_rep_speed_ratio` × the mean speed of the reps either side (a float inside one
/// effort, or the swings of a steady run), or shorter than `cfg.intervals.rest_min_s`.
pub fn merge_floats(
    reps: Vec<(f64, f64)>,
    prof: &SpeedProfile,
    s: &Samples,
    positions_only: bool,
    cfg: &SegmentConfig,
) -> Vec<(f64, f64)> {
    merge_when(reps, |last, next| {
        if positions_only && gps_lag(s, prof, last, next, cfg) {
            return true;
        }
        let work =
            0.5 * (motion_speed(s, prof, last.0, last.1) + motion_speed(s, prof, next.0, next.1));
        next.0 - last.1 < cfg.intervals.rest_min_s
            || motion_speed(s, prof, last.1, next.0) > work * cfg.intervals.rest_max_rep_speed_ratio
    })
}

/// Whether the gap between the fast blocks `last` and `next` is a GPS lag rather than a
/// recovery (for speed derived from distance or positions): at most
/// `cfg.intervals.gps_lag_max_s` long, short of the distance the blocks' own pace (their
/// distance over their time together) would cover in it, and that shortfall made up (to within
/// a tenth) within three gap lengths after it and before `next` ends, by running faster than
/// the reps: a runner does not start a rep faster than the reps to win back a recovery, a
/// receiver catching up its lagging fixes does.
pub fn gps_lag(
    s: &Samples,
    prof: &SpeedProfile,
    last: (f64, f64),
    next: (f64, f64),
    cfg: &SegmentConfig,
) -> bool {
    let gap = next.0 - last.1;
    if gap <= 0.0 || gap > cfg.intervals.gps_lag_max_s {
        return false;
    }
    let d = |t: f64| value_at_time(&s.time_s, &prof.motion_m, t);
    // The blocks' own pace over their time together: a short blip before a long rep does not
    // lower it, so the rep's ordinary pace makes up no "shortfall".
    let v = (d(last.1) - d(last.0) + d(next.1) - d(next.0))
        / ((last.1 - last.0) + (next.1 - next.0)).max(1e-9);
    let d0 = d(last.1);
    let deficit = v * gap - (d(next.0) - d0);
    if !(deficit > 0.0 && deficit.is_finite()) {
        return false;
    }
    let end = (next.0 + 3.0 * gap).min(next.1);
    let mut t = next.0;
    while t <= end {
        if d(t) - d0 >= v * (t - last.1) - 0.1 * deficit {
            return true;
        }
        t += 1.0;
    }
    false
}

/// Left-to-right merge of spans: `join(last, next)` decides whether `next` extends `last`.
fn merge_when(
    spans: Vec<(f64, f64)>,
    join: impl Fn((f64, f64), (f64, f64)) -> bool,
) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(spans.len());
    for next in spans {
        if let Some(last) = out.last_mut()
            && (next.0 <= last.1 || join(*last, next))
        {
            last.1 = last.1.max(next.1);
            continue;
        }
        out.push(next);
    }
    out
}

/// Whether the gap between two reps (start, end) is short enough to be a recovery between
/// them: at most max(`cfg.intervals.rest_max_rep_multiple` × the longer rep, `cfg.intervals.rest_max_floor_s`), and
/// never more than `cfg.intervals.rest_max_s`.
pub fn linked(prev: (f64, f64), next: (f64, f64), cfg: &SegmentConfig) -> bool {
    let longer = (prev.1 - prev.0).max(next.1 - next.0);
    let limit = (cfg.intervals.rest_max_rep_multiple * longer)
        .max(cfg.intervals.rest_max_floor_s)
        .min(cfg.intervals.rest_max_s);
    next.0 - prev.1 <= limit
}

/// Whether reps (distance m, duration s) are regular: at least `cfg.intervals.regular_min_frac` of them
/// in runs of ≥ 2 consecutive similar reps, or a ladder (at least `cfg.intervals.min_ladder_reps` reps,
/// two thirds of them snapping to a track distance or a round duration, speeds within
/// `cfg.intervals.rep_similar_tol` of their median, the longest recovery at most
/// `cfg.intervals.ladder_rest_max_ratio` × the shortest). A chain of fewer than
/// `cfg.intervals.min_unsnapped_chain_reps` reps must have every rep snapping to a track distance or a
/// round duration: two surges of arbitrary length in a steady run are not a set.
pub fn regular(keys: &[(f64, f64)], speeds: &[f64], rests: &[f64], cfg: &SegmentConfig) -> bool {
    if keys.len() < cfg.intervals.min_reps {
        return false;
    }
    let snaps =
        |k: &(f64, f64)| snap_distance(k.0, cfg).is_some() || snap_duration(k.1, cfg).is_some();
    if keys.len() < cfg.intervals.min_unsnapped_chain_reps && !keys.iter().all(snaps) {
        return false;
    }
    let in_sets: usize = group_sets(keys, cfg)
        .into_iter()
        .filter(|r| r.len() >= 2)
        .map(|r| r.len())
        .sum();
    if in_sets >= 2 && in_sets as f64 >= cfg.intervals.regular_min_frac * keys.len() as f64 {
        return true;
    }
    let mid = median(speeds.iter().copied()).unwrap_or(0.0);
    let snapped = keys.iter().filter(|k| snaps(k)).count();
    let (lo, hi) = rests
        .iter()
        .fold((f64::INFINITY, 0.0f64), |(l, h), &r| (l.min(r), h.max(r)));
    keys.len() >= cfg.intervals.min_ladder_reps
        && hi <= lo * cfg.intervals.ladder_rest_max_ratio
        && 3 * snapped >= 2 * keys.len()
        && speeds
            .iter()
            .all(|x| (x - mid).abs() <= cfg.intervals.rep_similar_tol * mid)
}

/// Indices of the reps that belong to regular chains: consecutive reps are chained when the
/// gap between them is [`linked`]; a chain is kept when it is [`regular`].
pub fn chained_reps(
    spans: &[(f64, f64)],
    keys: &[(f64, f64)],
    speeds: &[f64],
    cfg: &SegmentConfig,
) -> Vec<usize> {
    let mut keep = Vec::new();
    let mut start = 0;
    for i in 1..=spans.len() {
        let breaks = i == spans.len()
            || !spans
                .get(i - 1)
                .zip(spans.get(i))
                .is_some_and(|(p, n)| linked(*p, *n, cfg));
        if breaks {
            let rests: Vec<f64> = spans
                .get(start..i)
                .unwrap_or_default()
                .windows(2)
                .map(|w| w[1].0 - w[0].1)
                .collect();
            if let (Some(k), Some(v)) = (keys.get(start..i), speeds.get(start..i))
                && regular(k, v, &rests, cfg)
            {
                keep.extend(start..i);
            }
            start = i;
        }
    }
    keep
}

/// The end time at which the last rep should stop when it overran the set: when it is longer
/// than every similar-length expectation (distance and duration both more than
/// `cfg.intervals.rep_similar_tol` above the median of the other reps) by a stride-length tail
/// (`cfg.strides.stride_min_s..=cfg.strides.stride_max_s`), the runner went straight from the last rep into a
/// stride. Returns the cut time (rep start + median duration of the others), or `None`.
pub fn overrun_cut(keys: &[(f64, f64)], last_start: f64, cfg: &SegmentConfig) -> Option<f64> {
    let (last, others) = keys.split_last()?;
    if others.len() < cfg.intervals.min_reps {
        return None;
    }
    let med = |f: fn(&(f64, f64)) -> f64| median(others.iter().map(f));
    let (md, mt) = (med(|k| k.0)?, med(|k| k.1)?);
    let over = |x: f64, m: f64| x > m * (1.0 + cfg.intervals.rep_similar_tol);
    let tail = last.1 - mt;
    (over(last.0, md)
        && over(last.1, mt)
        && tail >= cfg.strides.stride_min_s
        && tail <= cfg.strides.stride_max_s)
        .then_some(last_start + mt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_need_regular_reps_and_short_rests() {
        let cfg = SegmentConfig::default();
        // Six 90 s reps with 120 s rests, then an unrelated block 30 min later.
        let mut spans: Vec<(f64, f64)> = (0..6)
            .map(|k| (k as f64 * 210.0, k as f64 * 210.0 + 90.0))
            .collect();
        spans.push((3000.0, 3100.0));
        let mut keys = vec![(400.0, 90.0); 6];
        keys.push((420.0, 100.0));
        let speeds: Vec<f64> = keys.iter().map(|k| k.0 / k.1).collect();
        assert_eq!(
            chained_reps(&spans, &keys, &speeds, &cfg),
            (0..6).collect::<Vec<_>>()
        );
        // Two dissimilar reps are not a set.
        let keys2 = [(250.0, 70.0), (340.0, 90.0)];
        assert!(!regular(&keys2, &[3.6, 3.8], &[60.0], &cfg));
        // Two similar surges of arbitrary length are not a set; two 1 km reps are.
        let surges = [(262.0, 81.0), (240.0, 74.0)];
        assert!(!regular(&surges, &[3.2, 3.2], &[320.0], &cfg));
        let kms = [(995.0, 230.0), (1010.0, 236.0)];
        assert!(regular(&kms, &[4.3, 4.3], &[120.0], &cfg));
    }

    /// A 1 Hz run: 100 s at 4 m/s, `gap` s at `gap_v`, then `after` (speed, seconds) pieces;
    /// its samples and speed profile.
    fn dip(gap: usize, gap_v: f64, after: &[(f64, usize)]) -> (Samples, SpeedProfile) {
        let mut p = crate::segment::synth::Profile::default()
            .hold(4.0, 100)
            .hold(gap_v, gap);
        for &(v, secs) in after {
            p = p.hold(v, secs);
        }
        let act = crate::segment::synth::run_from_speeds(&p.speeds, 0);
        let prof = crate::segment::profile::speed_profile(&act, &SegmentConfig::default())
            .expect("a profile");
        (act.samples, prof)
    }

    #[test]
    fn a_gps_lag_is_told_from_a_recovery() {
        let cfg = SegmentConfig::default();
        // GPS lag: 15 s at 1.2 m/s, then 21 s at 6 m/s win the distance back: one effort.
        let (s, prof) = dip(15, 1.2, &[(6.0, 21), (4.0, 300)]);
        assert!(gps_lag(&s, &prof, (0.0, 100.0), (115.0, 436.0), &cfg));
        // A 15 s jog at 1.2 m/s before the next rep at 4 m/s: a recovery.
        let (s, prof) = dip(15, 1.2, &[(4.0, 321)]);
        assert!(!gps_lag(&s, &prof, (0.0, 100.0), (115.0, 436.0), &cfg));
        // A short blip before a long rep: the rep's own pace wins back nothing.
        let (s, prof) = dip(20, 2.8, &[(5.0, 300)]);
        assert!(!gps_lag(&s, &prof, (90.0, 100.0), (120.0, 420.0), &cfg));
        // Longer than `gps_lag_max_s`: never a lag.
        let (s, prof) = dip(40, 1.2, &[(6.0, 60), (4.0, 100)]);
        assert!(!gps_lag(&s, &prof, (0.0, 100.0), (140.0, 300.0), &cfg));
    }

    #[test]
    fn overrun_tail_is_cut() {
        let cfg = SegmentConfig::default();
        let keys = [(400.0, 90.0), (400.0, 91.0), (400.0, 89.0), (480.0, 110.0)];
        assert_eq!(overrun_cut(&keys, 1000.0, &cfg), Some(1090.0));
        let even = [(400.0, 90.0), (400.0, 91.0), (400.0, 89.0), (405.0, 90.0)];
        assert_eq!(overrun_cut(&even, 1000.0, &cfg), None);
    }
}
