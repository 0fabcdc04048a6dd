//! Lap-free interval detection from the speed stream, reconciled with structural device laps.

pub mod alternation;
pub mod reps;

use serde::Serialize;

use crate::model::{Activity, LapTrigger, SourceFormat};
use crate::segment::SegmentConfig;
use crate::segment::lap_evidence::{StructureSource, lap_structure};
use crate::segment::laps::{lap_boundaries, laps_are_structure, snap_to_lap};
use crate::segment::profile::{
    SpeedProfile, after_unchanged_sample, hysteresis_blocks, refine_between, refine_boundary,
};
use crate::segment::series::{max_within, min_within, value_at_time, window_stats};
use crate::segment::smooth::median;
use alternation::{chained_reps, merge_floats, merge_non_recoveries, overrun_cut};
use reps::{
    RestKind, any_similar_pair, group_sets, similar, snap_distance, snap_duration, snap_set,
};

/// One work rep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rep {
    /// Start, elapsed seconds since the first sample.
    pub start_s: f64,
    /// End, elapsed seconds since the first sample.
    pub end_s: f64,
    /// Distance covered (m).
    pub distance_m: f64,
    /// Elapsed time (s).
    pub elapsed_s: f64,
    /// Distance / elapsed time (m/s).
    pub avg_speed_mps: f64,
    /// Time-weighted heart rate over moving samples.
    pub avg_hr_bpm: Option<f64>,
    /// Index of the set this rep belongs to.
    pub set: usize,
}

/// The recovery between two reps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recovery {
    /// Start (end of the previous rep), elapsed seconds.
    pub start_s: f64,
    /// End (start of the next rep), elapsed seconds.
    pub end_s: f64,
    /// Distance covered (m).
    pub distance_m: f64,
    /// Elapsed time (s).
    pub elapsed_s: f64,
    /// Jog, walk or standing, by average speed.
    pub kind: RestKind,
}

/// A run of consecutive similar reps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntervalSet {
    /// Number of reps.
    pub reps: usize,
    /// Index of the first rep of the set.
    pub first_rep: usize,
    /// Track distance the reps snap to (m), for distance-based reps.
    pub rep_distance_m: Option<f64>,
    /// Round duration the reps snap to (s), for time-based reps.
    pub rep_duration_s: Option<f64>,
    /// Mean measured rep distance (m).
    pub mean_distance_m: f64,
    /// Mean rep elapsed time (s).
    pub mean_elapsed_s: f64,
    /// Mean rep speed (m/s).
    pub mean_speed_mps: f64,
    /// Most common recovery kind inside the set.
    pub rest_kind: Option<RestKind>,
    /// Mean recovery time inside the set (s).
    pub mean_rest_s: Option<f64>,
}

/// Detected interval structure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intervals {
    /// The run's easy speed used as reference (m/s).
    pub easy_mps: f64,
    /// Work reps in order.
    pub reps: Vec<Rep>,
    /// Recoveries between consecutive reps.
    pub recoveries: Vec<Recovery>,
    /// Sets of similar reps.
    pub sets: Vec<IntervalSet>,
    /// True when structural device laps were used to place boundaries.
    pub used_laps: bool,
    /// Where the reps were read from: workout-step laps, manual laps or the speed stream.
    pub source: StructureSource,
    /// When the reps come from laps and the speed stream reads another number of reps, that
    /// number (the lap evidence wins; the report says so).
    pub speed_stream_reps: Option<usize>,
}

/// Fast blocks of the run (start_s, end_s) above the work threshold, boundaries refined to
/// the steepest speed change and snapped to structural lap boundaries. Includes short blocks
/// (strides are filtered by the caller).
pub fn work_blocks(
    act: &Activity,
    prof: &SpeedProfile,
    enter: f64,
    exit: f64,
    cfg: &SegmentConfig,
) -> Vec<(f64, f64)> {
    let t = &act.samples.time_s;
    let blocks = hysteresis_blocks(
        t,
        &prof.smooth,
        enter,
        exit.min(enter),
        cfg.intervals.merge_gap_s,
        cfg.intervals.min_block_s,
    );
    let structural = laps_are_structure(act);
    let bounds = if structural {
        lap_boundaries(act)
    } else {
        Vec::new()
    };
    // The change lies between the block's edge sample and its neighbour outside the block
    // (far apart with smart recording): search around both.
    let place = |lo: f64, hi: f64, rising: bool| {
        place_boundary(
            act,
            prof,
            &bounds,
            lo - cfg.intervals.refine_search_s,
            hi + cfg.intervals.refine_search_s,
            rising,
            cfg,
        )
    };
    blocks
        .into_iter()
        .filter_map(|(a, b)| {
            let (ta, tb) = (*t.get(a)?, *t.get(b)?);
            let before = a
                .checked_sub(1)
                .and_then(|k| t.get(k))
                .copied()
                .unwrap_or(ta);
            let after = t.get(b + 1).copied().unwrap_or(tb);
            let s = place(before.max(ta - cfg.intervals.refine_search_s), ta, true);
            let e = place(tb, after.min(tb + cfg.intervals.refine_search_s), false);
            (e > s).then_some((s, e))
        })
        .collect()
}

/// A boundary between `lo` and `hi`: the steepest rise (`rising`) or fall of speed there, moved
/// next to the sample that closes a smart-recording gap (not on GPX, which has no speed
/// channel) and snapped to a structural lap boundary within `cfg.intervals.lap_snap_s`.
fn place_boundary(
    act: &Activity,
    prof: &SpeedProfile,
    bounds: &[f64],
    lo: f64,
    hi: f64,
    rising: bool,
    cfg: &SegmentConfig,
) -> f64 {
    let t = &act.samples.time_s;
    let r = refine_between(
        t,
        &prof.motion_m,
        lo,
        hi,
        rising,
        prof.refine_half_s(cfg),
        cfg,
    );
    let r = if act.meta.format == SourceFormat::Gpx {
        r
    } else {
        after_unchanged_sample(
            t,
            &act.samples.speed_mps,
            r,
            cfg.intervals.smart_gap_s,
            cfg.intervals.smart_lead_s,
        )
    };
    snap_to_lap(t, bounds, r, cfg.intervals.lap_snap_s)
}

/// Rep boundaries from laps, refined on the speed stream: a press lags the change by up to
/// `cfg.laps.press_lag_max_s` and may lead it by `cfg.laps.press_lead_max_s`, so each boundary
/// is the steepest change of speed in that window, kept on the lap's recording gap.
fn refine_lap_reps(
    act: &Activity,
    prof: &SpeedProfile,
    reps: &[(f64, f64)],
    cfg: &SegmentConfig,
) -> Vec<(f64, f64)> {
    let bounds = lap_boundaries(act);
    let (lag, lead) = (cfg.laps.press_lag_max_s, cfg.laps.press_lead_max_s);
    reps.iter()
        .map(|&(a, b)| {
            let s = if ended_by_the_watch(act, a) {
                a
            } else {
                place_boundary(act, prof, &bounds, a - lag, a + lead, true, cfg)
            };
            let e = if ended_by_the_watch(act, b) {
                b
            } else {
                place_boundary(act, prof, &bounds, b - lag, b + lead, false, cfg)
            };
            if e > s { (s, e) } else { (a, b) }
        })
        .collect()
}

/// Whether a lap ends at `t` (within half a second) on the watch's own trigger: a workout step
/// that ended on distance or time is exact (the watch closed it at 1000 m or 60 s), so the rep
/// keeps the lap's boundary and its time is the watch's lap time; only a press lags.
fn ended_by_the_watch(act: &Activity, t: f64) -> bool {
    act.laps.iter().any(|l| {
        (l.end_s - t).abs() <= 0.5
            && matches!(l.trigger, Some(LapTrigger::Distance | LapTrigger::Time))
    })
}

/// The work-entry and work-exit speeds for intervals.
pub fn work_thresholds(prof: &SpeedProfile, cfg: &SegmentConfig) -> (f64, f64) {
    let span = (prof.fast_mps - prof.easy_mps).max(0.0);
    let enter = (prof.easy_mps + cfg.intervals.work_enter_frac * span)
        .max(prof.easy_mps * cfg.intervals.work_min_enter_ratio);
    let exit = (prof.easy_mps + cfg.intervals.work_exit_frac * span).min(enter);
    (enter, exit)
}

/// Detect intervals: ≥ `cfg.intervals.min_reps` similar reps, each at least `cfg.intervals.rep_min_s` long (or
/// `cfg.intervals.rep_min_m` far) and
/// `cfg.intervals.rep_min_speed_ratio` × easy speed, on a run whose fast mode is at least
/// `cfg.intervals.min_contrast_ratio` × easy, alternating with real recoveries (see
/// [`crate::segment::alternation`]). `None` for steady runs.
pub fn detect_intervals(
    act: &Activity,
    prof: &SpeedProfile,
    cfg: &SegmentConfig,
) -> Option<Intervals> {
    detect_intervals_with_tail(act, prof, cfg).0
}

/// [`detect_intervals`], plus the tail cut off the last rep when the runner went straight from
/// it into a stride (see [`overrun_cut`]): (start, end) of that stride-length tail.
pub fn detect_intervals_with_tail(
    act: &Activity,
    prof: &SpeedProfile,
    cfg: &SegmentConfig,
) -> (Option<Intervals>, Option<(f64, f64)>) {
    // Lap evidence first: laps of a structured workout, or manual laps that alternate work and
    // recovery (see [`crate::segment::lap_evidence`]); their reps are already vetted against the
    // recoveries, so no speed test against easy.
    if let Some(ls) = lap_structure(act, cfg)
        && let Some((mut iv, tail)) = detect_from_blocks(
            act,
            prof,
            refine_lap_reps(act, prof, &ls.reps, cfg),
            Vetted::Yes,
            cfg,
        )
    {
        iv.source = ls.source;
        iv.used_laps = true;
        // The laps win; say so when the speed stream reads another number of reps.
        iv.speed_stream_reps = stream_reps(act, prof, cfg).filter(|&n| n != iv.reps.len());
        let tail = tail.or_else(|| lap_rep_tail(act, prof, &iv, cfg));
        return (Some(iv), tail);
    }
    // Then the speed stream; structural laps when it finds nothing (a session that is half
    // reps puts the easy percentile inside them, so the stream shows no contrast).
    if let Some((iv, tail)) = read_stream(act, prof, cfg) {
        return (Some(iv), tail);
    }
    // Moderate reps (10 K pace with jogs at easy pace, 20–25 % faster) fail the strict float
    // test; read again with recoveries allowed up to `relaxed_rest_ratio` × the reps, and keep the
    // reading only when it is a coached set: enough reps, one set, snapping to a track distance
    // or a round duration.
    let mut relaxed = cfg.clone();
    relaxed.intervals.rest_max_rep_speed_ratio = cfg.intervals.relaxed_rest_ratio;
    if let Some((iv, tail)) = read_stream(act, prof, &relaxed).filter(|r| coached_set(&r.0, cfg)) {
        return (Some(iv), tail);
    }
    // A session that is mostly reps puts the easy percentile inside them (thresholds at rep pace,
    // reps fragmented by GPS noise): read it once more against a lower percentile of the moving
    // speed (`intervals.reps_heavy_easy_percentile`), keeping only a coached set as above.
    if let Some((iv, tail)) = low_easy_profile(act, prof, cfg)
        .and_then(|low| read_stream(act, &low, cfg))
        .filter(|r| coached_set(&r.0, cfg))
    {
        return (Some(iv), tail);
    }
    // Threshold reps (cruise intervals) run only about 10 % faster than easy running; what
    // makes them a session is the recoveries between them. Read once more with reps needing
    // only `intervals.cruise_rep_min_speed_ratio` × easy (recoveries as strict as the first
    // reading), keeping only a coached set as above.
    let mut cruise = cfg.clone();
    cruise.intervals.rep_min_speed_ratio = cfg.intervals.cruise_rep_min_speed_ratio;
    if let Some((iv, tail)) = read_stream(act, prof, &cruise)
        .filter(|r| coached_set(&r.0, cfg) || long_coached_pair(&r.0, cfg))
    {
        return (Some(iv), tail);
    }
    let found = lap_reps(act, cfg)
        .and_then(|blocks| detect_from_blocks(act, prof, blocks, Vetted::ByLaps, cfg));
    if let Some((mut iv, tail)) = found {
        iv.source = StructureSource::ManualLaps;
        return (Some(iv), tail);
    }
    // Reps separated by standing or walking rests, with no easy running to contrast them with
    // (reps from the first minute to the last): the running bouts themselves.
    match stop_separated_reps(act, prof, cfg)
        .and_then(|b| detect_from_blocks(act, prof, b, Vetted::Yes, cfg))
    {
        Some((iv, tail)) => (Some(iv), tail),
        None => (None, None),
    }
}

/// Running bouts separated by standing or walking rests as reps: stretches where the smoothed
/// speed stays at or above `cfg.intervals.rest_walk_max_mps`, separated by at least
/// `cfg.intervals.rest_min_s` below it. They are reps when there are at least
/// `cfg.intervals.stop_reps_min_reps` (stops happen on every run, so this evidence asks for more
/// reps than laps do), none longer than `cfg.intervals.stop_rep_max_s`, they fill most of the run (`cfg.intervals.stop_reps_min_share` of
/// the moving time), two thirds of them repeat a distance or duration, each is within
/// `cfg.laps.rep_pace_spread` of their median speed, and the rests between them are regular
/// (the longest at most `cfg.intervals.stop_rest_max_ratio` × the shortest): coached rests are
/// fixed, stops at lights are not.
fn stop_separated_reps(
    act: &Activity,
    prof: &SpeedProfile,
    cfg: &SegmentConfig,
) -> Option<Vec<(f64, f64)>> {
    let t = &act.samples.time_s;
    let floor = cfg.intervals.rest_walk_max_mps;
    let blocks = hysteresis_blocks(
        t,
        &prof.smooth,
        floor,
        floor,
        cfg.intervals.rest_min_s,
        cfg.intervals.rep_min_s,
    );
    let spans: Vec<(f64, f64)> = blocks
        .iter()
        .filter_map(|&(a, b)| Some((*t.get(a)?, *t.get(b)?)))
        .collect();
    if spans.is_empty()
        || t.is_empty()
        || spans.len() < cfg.intervals.stop_reps_min_reps
        || spans
            .iter()
            .any(|s| s.1 - s.0 > cfg.intervals.stop_rep_max_s)
    {
        return None;
    }
    let stats: Vec<(f64, f64, f64)> = spans
        .iter()
        .map(|&(a, b)| {
            let w = window_stats(&act.samples, &[], a, b);
            (
                w.distance_m,
                w.elapsed_s,
                w.distance_m / w.elapsed_s.max(1e-9),
            )
        })
        .collect();
    let whole = window_stats(&act.samples, &[], t[0], t[t.len() - 1]);
    let covered: f64 = stats.iter().map(|s| s.1).sum();
    let keys: Vec<(f64, f64)> = stats.iter().map(|s| (s.0, s.1)).collect();
    let mut by_d = keys.clone();
    by_d.sort_by(|a, b| a.0.total_cmp(&b.0));
    let med = by_d[by_d.len() / 2];
    let alike = keys.iter().filter(|k| similar(**k, med, cfg)).count();
    let v_med = median(stats.iter().map(|s| s.2))?;
    let even = stats
        .iter()
        .all(|s| (s.2 - v_med).abs() <= cfg.laps.rep_pace_spread * v_med);
    let rests: Vec<f64> = spans.windows(2).map(|w| w[1].0 - w[0].1).collect();
    let (rmin, rmax) = rests.iter().fold((f64::INFINITY, 0.0f64), |acc, &r| {
        (acc.0.min(r), acc.1.max(r))
    });
    (covered >= cfg.intervals.stop_reps_min_share * whole.moving_s
        && 3 * alike >= 2 * keys.len()
        && even
        && rmax <= cfg.intervals.stop_rest_max_ratio * rmin)
        .then_some(spans)
}

/// A stride run straight out of the last lap rep: the fast block of the speed stream that holds
/// the end of the last rep and runs on past it by a stride's length
/// (`strides.stride_min_s..=strides.stride_max_s`). Returns that tail (start, end).
fn lap_rep_tail(
    act: &Activity,
    prof: &SpeedProfile,
    iv: &Intervals,
    cfg: &SegmentConfig,
) -> Option<(f64, f64)> {
    let last = iv.reps.last()?;
    let (enter, exit) = work_thresholds(prof, cfg);
    work_blocks(act, prof, enter, exit, cfg)
        .into_iter()
        .find(|&(a, b)| {
            a < last.end_s
                && b - last.end_s >= cfg.strides.stride_min_s
                && b - last.end_s <= cfg.strides.stride_max_s
        })
        .map(|(_, b)| (last.end_s, b))
}

/// The speed profile with its easy speed at `cfg.intervals.reps_heavy_easy_percentile` of the
/// moving smoothed speed (when that still gives the contrast the interval detector needs), for a
/// session that is mostly reps; `None` otherwise.
fn low_easy_profile(
    act: &Activity,
    prof: &SpeedProfile,
    cfg: &SegmentConfig,
) -> Option<SpeedProfile> {
    let moving = (0..prof.smooth.len())
        .filter(|&i| crate::segment::profile::is_moving(act, &prof.smooth, i, cfg))
        .map(|i| prof.smooth[i]);
    let easy =
        crate::segment::smooth::percentile(moving, cfg.intervals.reps_heavy_easy_percentile)?;
    (easy > 0.0 && prof.fast_mps >= easy * cfg.intervals.min_contrast_ratio).then(|| SpeedProfile {
        easy_mps: easy,
        ..prof.clone()
    })
}

/// The number of reps the speed stream alone reads (its strict reading), if any.
fn stream_reps(act: &Activity, prof: &SpeedProfile, cfg: &SegmentConfig) -> Option<usize> {
    read_stream(act, prof, cfg).map(|(iv, _)| iv.reps.len())
}

/// One reading of the speed stream: work thresholds, fast blocks, recoveries merged, reps and
/// sets checked (see [`detect_from_blocks`]); `None` without contrast
/// (`intervals.min_contrast_ratio`) or reps.
fn read_stream(
    act: &Activity,
    prof: &SpeedProfile,
    cfg: &SegmentConfig,
) -> Option<(Intervals, Option<(f64, f64)>)> {
    if !(prof.easy_mps > 0.0 && prof.fast_mps >= prof.easy_mps * cfg.intervals.min_contrast_ratio) {
        return None;
    }
    let (enter, exit) = work_thresholds(prof, cfg);
    let blocks = merge_non_recoveries(
        work_blocks(act, prof, enter, exit, cfg),
        prof,
        &act.samples,
        !act.meta.speed_recorded,
        cfg,
    );
    detect_from_blocks(act, prof, blocks, Vetted::No, cfg)
        .filter(|(iv, _)| heart_rate_responds(act, &iv.reps, cfg))
}

/// Whether heart rate answers the reps: always where the file recorded speed or has no heart
/// rate over them; else (speed derived from distance or positions, where GPS catch-ups make
/// surges) the median over the reps of the highest heart rate from the rep's start to
/// `cfg.intervals.hr_response_lag_s` after its end, less the lowest of the recovery before it
/// (at most `hr_response_lag_s` of it, and the heart rate at the rep's start), is at least
/// `cfg.intervals.hr_response_min_bpm`.
fn heart_rate_responds(act: &Activity, reps: &[Rep], cfg: &SegmentConfig) -> bool {
    let s = &act.samples;
    if act.meta.speed_recorded || s.hr_bpm.iter().all(|h| !h.is_finite()) {
        return true;
    }
    let c = &cfg.intervals;
    let rises: Vec<f64> = reps
        .iter()
        .enumerate()
        .filter_map(|(k, r)| {
            // From the lowest heart rate of the recovery before the rep (at most the lag's
            // length of it), so that short recoveries, whose heart rate never falls far, count.
            let from = k
                .checked_sub(1)
                .map_or(f64::NEG_INFINITY, |j| reps[j].end_s)
                .max(r.start_s - c.hr_response_lag_s);
            let low = value_at_time(&s.time_s, &s.hr_bpm, r.start_s)
                .min(min_within(&s.time_s, &s.hr_bpm, from, r.start_s).unwrap_or(f64::INFINITY));
            let peak = max_within(
                &s.time_s,
                &s.hr_bpm,
                r.start_s,
                r.end_s + c.hr_response_lag_s,
            )?;
            low.is_finite().then_some(peak - low)
        })
        .collect();
    // Heart rate over fewer than half the reps says nothing either way.
    if rises.len() * 2 < reps.len().max(1) {
        return true;
    }
    median(rises).is_none_or(|m| m >= c.hr_response_min_bpm)
}

/// Whether a reading is a coached set: at least `intervals.relaxed_min_reps` reps in one set that
/// snaps to a track distance or a round duration.
fn coached_set(iv: &Intervals, cfg: &SegmentConfig) -> bool {
    iv.reps.len() >= cfg.intervals.relaxed_min_reps
        && iv.sets.len() == 1
        && iv
            .sets
            .iter()
            .all(|st| st.rep_distance_m.is_some() || st.rep_duration_s.is_some())
}

/// Whether the reps are a coached pair of long reps: two reps in one set, each lasting at
/// least `cfg.intervals.cruise_pair_min_s`, snapping to a track distance or a round duration.
fn long_coached_pair(iv: &Intervals, cfg: &SegmentConfig) -> bool {
    iv.reps.len() == 2
        && iv.sets.len() == 1
        && iv
            .sets
            .iter()
            .all(|st| st.rep_distance_m.is_some() || st.rep_duration_s.is_some())
        && iv
            .reps
            .iter()
            .all(|r| r.elapsed_s >= cfg.intervals.cruise_pair_min_s)
}

/// How far candidate rep blocks were already checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vetted {
    /// Fast blocks of the speed stream: each rep must be `rep_min_speed_ratio` × easy, and the
    /// reps must alternate with real recoveries.
    No,
    /// Structural laps chosen by contrast with the other laps: each rep at least easy speed.
    ByLaps,
    /// Lap evidence already checked against its recoveries.
    Yes,
}

/// Intervals from candidate rep blocks (`by_laps`: blocks are structural laps, already chosen
/// by contrast with the other laps, so no speed test against easy).
fn detect_from_blocks(
    act: &Activity,
    prof: &SpeedProfile,
    blocks: Vec<(f64, f64)>,
    vetted: Vetted,
    cfg: &SegmentConfig,
) -> Option<(Intervals, Option<(f64, f64)>)> {
    let by_laps = vetted != Vetted::No;
    let s = &act.samples;
    let make_reps = |blocks: Vec<(f64, f64)>| -> Vec<Rep> {
        blocks
            .into_iter()
            .filter_map(|(a, b)| {
                let w = window_stats(s, &[], a, b);
                let v = w.distance_m / w.elapsed_s.max(1e-9);
                let long_enough = w.elapsed_s >= cfg.intervals.rep_min_s
                    || w.distance_m >= cfg.intervals.rep_min_m;
                // Lap reps were already chosen by contrast with the other laps.
                let fast = if vetted == Vetted::Yes {
                    true
                } else if by_laps {
                    v >= prof.easy_mps
                } else {
                    v >= prof.easy_mps * cfg.intervals.rep_min_speed_ratio
                };
                let keep = long_enough && fast;
                keep.then_some(Rep {
                    start_s: a,
                    end_s: b,
                    distance_m: w.distance_m,
                    elapsed_s: w.elapsed_s,
                    avg_speed_mps: v,
                    avg_hr_bpm: w.avg_hr_bpm,
                    set: 0,
                })
            })
            .collect()
    };
    let mut reps = make_reps(blocks);
    let mut tail = None;
    if !by_laps {
        // Floats between reps are part of one effort; then keep only reps that alternate with
        // real recoveries in a regular pattern.
        let spans: Vec<(f64, f64)> = reps.iter().map(|r| (r.start_s, r.end_s)).collect();
        reps = make_reps(merge_floats(spans, prof, s, !act.meta.speed_recorded, cfg));
        let spans: Vec<(f64, f64)> = reps.iter().map(|r| (r.start_s, r.end_s)).collect();
        let keys: Vec<(f64, f64)> = reps.iter().map(|r| (r.distance_m, r.elapsed_s)).collect();
        let speeds: Vec<f64> = reps.iter().map(|r| r.avg_speed_mps).collect();
        let keep = chained_reps(&spans, &keys, &speeds, cfg);
        reps = keep
            .into_iter()
            .filter_map(|i| reps.get(i).cloned())
            .collect();
        tail = trim_overrun(act, prof, &mut reps, cfg);
    }
    let keys: Vec<(f64, f64)> = reps.iter().map(|r| (r.distance_m, r.elapsed_s)).collect();
    // A ladder: every rep snaps to a track distance or round duration and all run at one pace.
    let speeds: Vec<f64> = reps.iter().map(|r| r.avg_speed_mps).collect();
    let mid_v = median(speeds.iter().copied()).unwrap_or(0.0);
    let ladder = reps.len() >= cfg.intervals.min_ladder_reps
        && keys
            .iter()
            .all(|k| snap_distance(k.0, cfg).is_some() || snap_duration(k.1, cfg).is_some())
        && speeds
            .iter()
            .all(|v| (v - mid_v).abs() <= cfg.intervals.rep_similar_tol * mid_v);
    if reps.len() < cfg.intervals.min_reps || !(any_similar_pair(&keys, cfg) || ladder) {
        return None;
    }
    let recoveries: Vec<Recovery> = reps
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0].end_s, w[1].start_s);
            let st = window_stats(s, &[], a, b);
            let v = st.distance_m / st.elapsed_s.max(1e-9);
            Recovery {
                start_s: a,
                end_s: b,
                distance_m: st.distance_m,
                elapsed_s: st.elapsed_s,
                kind: if st.elapsed_s < cfg.intervals.back_to_back_max_s {
                    RestKind::None
                } else {
                    RestKind::from_speed(v, cfg)
                },
            }
        })
        .collect();
    let mut sets = Vec::new();
    for (k, range) in group_sets(&keys, cfg).into_iter().enumerate() {
        for r in &mut reps[range.clone()] {
            r.set = k;
        }
        let part = &keys[range.clone()];
        let (dist, dur) = snap_set(part, cfg);
        let n = part.len() as f64;
        let inner: Vec<&Recovery> = recoveries
            [range.start..range.end.saturating_sub(1).max(range.start)]
            .iter()
            .filter(|r| r.kind != RestKind::None)
            .collect();
        sets.push(IntervalSet {
            reps: part.len(),
            first_rep: range.start,
            rep_distance_m: dist,
            rep_duration_s: dur,
            mean_distance_m: part.iter().map(|p| p.0).sum::<f64>() / n,
            mean_elapsed_s: part.iter().map(|p| p.1).sum::<f64>() / n,
            mean_speed_mps: reps[range.clone()]
                .iter()
                .map(|r| r.avg_speed_mps)
                .sum::<f64>()
                / n,
            rest_kind: most_common(inner.iter().map(|r| r.kind)),
            mean_rest_s: (!inner.is_empty())
                .then(|| inner.iter().map(|r| r.elapsed_s).sum::<f64>() / inner.len() as f64),
        });
    }
    let iv = Intervals {
        easy_mps: prof.easy_mps,
        reps,
        recoveries,
        sets,
        used_laps: laps_are_structure(act),
        source: StructureSource::Speed,
        speed_stream_reps: None,
    };
    Some((iv, tail))
}

/// Cut the last rep where it should have ended when the runner went straight from it into a
/// stride ([`overrun_cut`]; the cut is refined to the steepest fall in speed and snapped to a
/// structural lap boundary). Returns the tail that was cut off.
fn trim_overrun(
    act: &Activity,
    prof: &SpeedProfile,
    reps: &mut [Rep],
    cfg: &SegmentConfig,
) -> Option<(f64, f64)> {
    let keys: Vec<(f64, f64)> = reps.iter().map(|r| (r.distance_m, r.elapsed_s)).collect();
    let last = reps.last_mut()?;
    let cut = overrun_cut(&keys, last.start_s, cfg)?;
    let t = &act.samples.time_s;
    let bounds = if laps_are_structure(act) {
        lap_boundaries(act)
    } else {
        Vec::new()
    };
    let r = refine_boundary(t, &prof.motion_m, cut, false, prof.refine_half_s(cfg), cfg);
    let cut = snap_to_lap(t, &bounds, r, cfg.intervals.lap_snap_s);
    if cut <= last.start_s || last.end_s - cut < cfg.strides.stride_min_s {
        return None;
    }
    let tail = (cut, last.end_s);
    let w = window_stats(&act.samples, &[], last.start_s, cut);
    last.end_s = cut;
    last.distance_m = w.distance_m;
    last.elapsed_s = w.elapsed_s;
    last.avg_speed_mps = w.distance_m / w.elapsed_s.max(1e-9);
    last.avg_hr_bpm = w.avg_hr_bpm;
    Some(tail)
}

/// Reps straight from structural device laps (manual, workout-step or active/rest laps): the
/// laps at least `cfg.intervals.rep_min_s` long (or `cfg.intervals.rep_min_m` far) whose speed is above the
/// midpoint between the slowest and fastest such laps, when the fastest is at least
/// `cfg.intervals.min_contrast_ratio` × the slowest and a slower lap separates work laps. `None` when the
/// laps do not describe at least `cfg.intervals.min_reps` reps; the speed stream is used then.
fn lap_reps(act: &Activity, cfg: &SegmentConfig) -> Option<Vec<(f64, f64)>> {
    if !laps_are_structure(act) {
        return None;
    }
    let laps: Vec<(f64, f64, f64)> = act
        .laps
        .iter()
        .filter(|l| l.end_s > l.start_s)
        .filter_map(|l| {
            let w = window_stats(&act.samples, &[], l.start_s, l.end_s);
            let long_enough =
                w.elapsed_s >= cfg.intervals.rep_min_s || w.distance_m >= cfg.intervals.rep_min_m;
            // Pace over moving time: a lap with a stop at a light is not a recovery lap; a lap
            // spent mostly standing is (pace over elapsed time).
            let secs = if w.moving_s >= 0.5 * w.elapsed_s {
                w.moving_s
            } else {
                w.elapsed_s
            };
            (long_enough && secs > 0.0).then(|| (l.start_s, l.end_s, w.distance_m / secs))
        })
        .collect();
    let vmax = laps.iter().map(|l| l.2).fold(0.0, f64::max);
    let vmin = laps.iter().map(|l| l.2).fold(f64::INFINITY, f64::min);
    if !(vmin > 0.0 && vmax >= vmin * cfg.intervals.min_contrast_ratio) {
        return None;
    }
    // Split lap speeds at the widest gap between consecutive sorted speeds (work vs rest).
    // Walking and standing laps are rests whatever the split; they do not take part in it.
    let mut sorted: Vec<f64> = laps
        .iter()
        .map(|l| l.2)
        .filter(|&v| v >= cfg.intervals.rest_walk_max_mps)
        .collect();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted
        .windows(2)
        .max_by(|a, b| (a[1] - a[0]).total_cmp(&(b[1] - b[0])))
        .map(|w| 0.5 * (w[0] + w[1]))?;
    let reps: Vec<(f64, f64)> = laps
        .iter()
        .filter(|l| l.2 >= mid)
        .map(|l| (l.0, l.1))
        .collect();
    let separated = laps.windows(2).any(|w| w[0].2 >= mid && w[1].2 < mid);
    // Recoveries (slower laps between the first and last work lap) clearly slower than work.
    let (first, last) = (reps.first()?.0, reps.last()?.1);
    let mean = |v: Vec<f64>| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    let inside = |l: &&(f64, f64, f64)| l.0 >= first && l.1 <= last;
    let work_v = mean(
        laps.iter()
            .filter(inside)
            .filter(|l| l.2 >= mid)
            .map(|l| l.2)
            .collect(),
    )?;
    let rest_v = mean(
        laps.iter()
            .filter(inside)
            .filter(|l| l.2 < mid)
            .map(|l| l.2)
            .collect(),
    )?;
    let alternates = rest_v <= work_v * cfg.intervals.rest_max_rep_speed_ratio;
    // Most work laps must be alike (a set), else the fast laps are a mix of efforts (strides
    // block, time trial) rather than reps.
    let keys: Vec<(f64, f64)> = reps
        .iter()
        .map(|&(a, b)| (window_stats(&act.samples, &[], a, b).distance_m, b - a))
        .collect();
    let mut by_dist = keys.clone();
    by_dist.sort_by(|a, b| a.0.total_cmp(&b.0));
    let median = *by_dist.get(by_dist.len() / 2)?;
    let alike = keys.iter().filter(|k| similar(**k, median, cfg)).count();
    (reps.len() >= cfg.intervals.min_ladder_reps
        && separated
        && alternates
        && 2 * alike >= reps.len())
    .then_some(reps)
}

fn most_common(kinds: impl Iterator<Item = RestKind>) -> Option<RestKind> {
    let all = [RestKind::Jog, RestKind::Walk, RestKind::Standing];
    let mut counts = [0usize; 3];
    for k in kinds {
        if let Some(i) = all.iter().position(|a| *a == k) {
            counts[i] += 1;
        }
    }
    let (i, &c) = counts.iter().enumerate().max_by_key(|&(_, c)| *c)?;
    (c > 0).then_some(all[i])
}
