//! Tempo: a sustained block (15–45 min by default) clearly faster than easy pace.

use serde::Serialize;

use super::SegmentConfig;
use super::profile::{SpeedProfile, hysteresis_blocks, is_moving};
use super::series::{value_at_time, window_stats};
use super::smooth::{percentile, window_speed};
use crate::model::Activity;

/// One tempo block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tempo {
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
}

impl Tempo {
    /// The block from `ta` to `tb` (elapsed seconds) with its distance, pace and heart rate
    /// over the samples `s`.
    pub fn over(s: &crate::model::Samples, ta: f64, tb: f64) -> Tempo {
        let w = window_stats(s, &[], ta, tb);
        Tempo {
            start_s: ta,
            end_s: tb,
            distance_m: w.distance_m,
            elapsed_s: tb - ta,
            avg_speed_mps: w.distance_m / (tb - ta).max(1e-9),
            avg_hr_bpm: w.avg_hr_bpm,
        }
    }
}

/// Tempo blocks: speed smoothed over `cfg.tempo.tempo_smooth_s` rises above easy ×
/// `cfg.tempo.tempo_enter_ratio` and stays above easy × `cfg.tempo.tempo_exit_ratio` (gaps shorter than
/// `cfg.tempo.tempo_merge_gap_s` merged) for `cfg.tempo.tempo_min_s..=cfg.tempo.tempo_max_s`, at a moving pace at
/// least `cfg.tempo.tempo_vs_rest_ratio` × the moving pace of the rest of the run. "Easy" here is the
/// `cfg.tempo.tempo_easy_percentile` of moving smoothed speed (lower than the interval baseline,
/// because a tempo can fill most of the run). A block is also dropped when it is not clearly
/// faster than the *running* around it (see [`faster_than_running_around`]) or when its speed
/// comes from the terrain (a net descent of at least `cfg.tempo.tempo_max_descent_grade`; `alt`
/// is the smoothed altitude, empty without altitude). Returns the blocks and that easy speed.
pub fn detect_tempo(
    act: &Activity,
    prof: &SpeedProfile,
    alt: &[f64],
    cfg: &SegmentConfig,
) -> (Vec<Tempo>, f64) {
    let s = &act.samples;
    let Found { slow, easy, blocks } = found_blocks(act, prof, cfg);
    if easy <= 0.0 {
        return (Vec::new(), easy);
    }
    let (t0, t1) = (
        s.time_s.first().copied().unwrap_or(0.0),
        s.time_s.last().copied().unwrap_or(0.0),
    );
    let whole = window_stats(s, &[], t0, t1);
    let flat = flat_ground(act, &prof.motion_m, alt, cfg);
    let presses = super::lap_evidence::press_boundaries(act, cfg);
    let out = blocks
        .into_iter()
        .filter_map(|(a, b)| {
            // Whether the block is a tempo is judged on the block as found; only then are its
            // ends trimmed to where the runner reached and left tempo pace (see
            // [`trim_to_pace`]), and what is left must still last a tempo.
            let (ta, tb) = (*s.time_s.get(a)?, *s.time_s.get(b)?);
            let dur = tb - ta;
            if dur > cfg.tempo.tempo_max_s {
                return None;
            }
            let w = window_stats(s, &[], ta, tb);
            // Clearly faster than the rest of the run (moving pace), not just its faster part
            // (a run/walk's running stretches, the fresher first hours of a long run).
            let rest_s = whole.moving_s - w.moving_s;
            let rest_v = (whole.distance_m - w.distance_m) / rest_s.max(1e-9);
            let v = w.distance_m / w.moving_s.max(1e-9);
            if rest_s > 0.0 && v < rest_v * cfg.tempo.tempo_vs_rest_ratio {
                return None;
            }
            if !faster_than_running_around(act, &slow, &flat, ta, tb, v, cfg) {
                return None;
            }
            if downhill(s, alt, (ta, tb), w.distance_m, cfg) {
                return None;
            }
            let (a, b) = trim_to_pace(s, &prof.motion_m, a, b, cfg)?;
            let (ta, tb) = (*s.time_s.get(a)?, *s.time_s.get(b)?);
            let dur = tb - ta;
            // Less than a tempo's length at tempo pace is no tempo (a run/walk's faster stretch).
            if dur < cfg.tempo.tempo_min_s {
                return None;
            }
            let (ta, tb) = to_presses(s, &presses, ta, tb, cfg);
            Some(Tempo::over(s, ta, tb))
        })
        .collect();
    (out, easy)
}

/// Tempo `(ta, tb)` (seconds) with each end moved to the nearest lap press within
/// `cfg.tempo.tempo_lap_reach_s`: the runner's own mark of where the tempo began and ended (a
/// fenix2 tempo found 98 s late and 113 s long against the presses at its laps). The moved
/// block is kept only while it still lasts a tempo and runs at least its found speed ÷
/// `cfg.tempo.tempo_trim_ratio` (the presses do not take in the warm-up).
fn to_presses(
    s: &crate::model::Samples,
    presses: &[f64],
    ta: f64,
    tb: f64,
    cfg: &SegmentConfig,
) -> (f64, f64) {
    let c = &cfg.tempo;
    let nearest = |x: f64| {
        presses
            .iter()
            .copied()
            .filter(|p| (p - x).abs() <= c.tempo_lap_reach_s)
            .min_by(|p, q| (p - x).abs().total_cmp(&(q - x).abs()))
            .unwrap_or(x)
    };
    let (a, b) = (nearest(ta), nearest(tb));
    let speed = |a: f64, b: f64| window_stats(s, &[], a, b).distance_m / (b - a).max(1e-9);
    let keeps = b > a
        && (c.tempo_min_s..=c.tempo_max_s).contains(&(b - a))
        && speed(a, b) * c.tempo_trim_ratio >= speed(ta, tb);
    if keeps { (a, b) } else { (ta, tb) }
}

/// The 60 s speed, the easy speed the tempo is found against and the blocks above it.
struct Found {
    slow: Vec<f64>,
    easy: f64,
    blocks: Vec<(usize, usize)>,
}

/// Blocks where the 60 s speed rises above easy × `cfg.tempo.tempo_enter_ratio` and stays above
/// easy × `cfg.tempo.tempo_exit_ratio` for at least `cfg.tempo.tempo_min_s` (see
/// [`detect_tempo`]); none when there is no easy speed.
fn found_blocks(act: &Activity, prof: &SpeedProfile, cfg: &SegmentConfig) -> Found {
    let s = &act.samples;
    let slow = window_speed(&s.time_s, &prof.motion_m, cfg.tempo.tempo_smooth_s);
    // The percentile is taken of the same 60 s speed the blocks are found on: 5 s speed from
    // GPS positions is so noisy that its low percentiles sit well below the real easy pace.
    let easy = percentile(
        (0..slow.len())
            .filter(|&i| is_moving(act, &prof.smooth, i, cfg))
            .map(|i| slow[i]),
        cfg.tempo.tempo_easy_percentile,
    )
    .unwrap_or(prof.easy_mps);
    let blocks = if easy > 0.0 {
        hysteresis_blocks(
            &s.time_s,
            &slow,
            easy * cfg.tempo.tempo_enter_ratio,
            easy * cfg.tempo.tempo_exit_ratio,
            cfg.tempo.tempo_merge_gap_s,
            cfg.tempo.tempo_min_s,
        )
    } else {
        Vec::new()
    };
    Found { slow, easy, blocks }
}

/// Whether the block `(ta, tb)` of `dist_m` loses at least `cfg.tempo.tempo_max_descent_grade`
/// of its distance in altitude: downhill running, not a tempo or a fast finish.
pub(super) fn downhill(
    s: &crate::model::Samples,
    alt: &[f64],
    (ta, tb): (f64, f64),
    dist_m: f64,
    cfg: &SegmentConfig,
) -> bool {
    super::series::descends(
        &s.time_s,
        alt,
        ta,
        tb,
        dist_m,
        cfg.tempo.tempo_max_descent_grade,
    )
}

/// The percentile of the running before a fast finish that the finish must beat (by
/// `fast_finish_min_ratio`): its median.
const FAST_FINISH_REF_PERCENTILE: f64 = 0.5;

/// A long run's fast finish, when it has one: a tempo of `tempo` (found by [`detect_tempo`])
/// ending within `cfg.classify.fast_finish_tail_s` of the end, else the last block of
/// [`found_blocks`] ending there, trimmed to where the runner reached its pace
/// ([`trim_to_pace`]), lasting at least `cfg.tempo.tempo_min_s`, not downhill, and run at least
/// `cfg.classify.fast_finish_min_ratio` × the [`FAST_FINISH_REF_PERCENTILE`] of the 60 s speed
/// of the running before it (on flat ground where there is enough) and of the running just
/// before it, over as long as the finish lasts: a finish 7–10 % faster than the runner's
/// running of the first hours is a fast finish a coach names, though not a tempo against their
/// median. Either must also beat the runner's best ten minutes before it by that ratio
/// ([`beats_earlier_best`]): a run that ends at a pace it already held, after a slower middle,
/// has no fast finish.
pub fn fast_finish(
    act: &Activity,
    prof: &SpeedProfile,
    alt: &[f64],
    tempo: &[Tempo],
    cfg: &SegmentConfig,
) -> Option<Tempo> {
    let s = &act.samples;
    let end = *s.time_s.last()?;
    let earlier = |ta: f64, v: f64| beats_earlier_best(s, alt, ta, v, cfg);
    if let Some(t) = tempo
        .iter()
        .find(|t| t.end_s >= end - cfg.classify.fast_finish_tail_s)
    {
        let w = window_stats(s, &[], t.start_s, t.end_s);
        let v = w.distance_m / w.moving_s.max(1e-9);
        return earlier(t.start_s, v).then(|| t.clone());
    }
    let found = found_blocks(act, prof, cfg);
    let flat = flat_ground(act, &prof.motion_m, alt, cfg);
    let running = |i: usize| {
        s.moving.get(i).copied().unwrap_or(true) && found.slow[i] >= cfg.intervals.rest_walk_max_mps
    };
    let n = s.time_s.len().min(found.slow.len());
    let &(a, b) = found.blocks.last()?;
    if *s.time_s.get(b)? < end - cfg.classify.fast_finish_tail_s {
        return None;
    }
    let (a, b) = trim_to_pace(s, &prof.motion_m, a, b, cfg)?;
    let (ta, tb) = (*s.time_s.get(a)?, *s.time_s.get(b)?);
    if tb - ta < cfg.tempo.tempo_min_s {
        return None;
    }
    let w = window_stats(s, &[], ta, tb);
    let v = w.distance_m / w.moving_s.max(1e-9);
    let descends = downhill(s, alt, (ta, tb), w.distance_m, cfg);
    // Against the runner's running before it, on comparable ground: the median of the 60 s
    // speeds of the (flat, where there is altitude) running before the finish, so that walked
    // climbs do not make an ordinary finish look fast.
    let before = |flat_only: bool| -> Vec<f64> {
        (0..n)
            .filter(|&i| {
                s.time_s[i] < ta
                    && running(i)
                    && (!flat_only || flat.get(i).copied().unwrap_or(true))
            })
            .map(|i| found.slow[i])
            .collect()
    };
    let mut around = before(true);
    if around.len() < 300 {
        around = before(false);
    }
    let good = percentile(around, FAST_FINISH_REF_PERCENTILE)?;
    // ... and against the running just before it, over as long as the finish lasts: a finish
    // is a change of pace, not the end of a steady stretch that the 60 s speed's thresholds
    // happened to cut in two.
    let just_before: Vec<f64> = (0..n)
        .filter(|&i| (ta - (tb - ta)..ta).contains(&s.time_s[i]) && running(i))
        .map(|i| found.slow[i])
        .collect();
    let changed = percentile(just_before, FAST_FINISH_REF_PERCENTILE)
        .is_none_or(|p| v >= p * cfg.classify.fast_finish_min_ratio);
    (v >= good * cfg.classify.fast_finish_min_ratio && changed && !descends && earlier(ta, v))
        .then(|| Tempo::over(s, ta, tb))
}

/// How long a stretch of earlier running [`beats_earlier_best`] compares a finish with: ten
/// minutes, a sustained piece of a long run, not a surge.
const EARLIER_STRETCH_S: f64 = 600.0;

/// Share of [`EARLIER_STRETCH_S`] that must be moving for the stretch to count.
const EARLIER_MIN_MOVING_SHARE: f64 = 0.9;

/// Whether a finish starting at `ta` at moving speed `v` beats the runner's best sustained running
/// before it: `v` at least `cfg.classify.fast_finish_min_ratio` × the speed (distance over the
/// clock) of the fastest [`EARLIER_STRETCH_S`] that ends before the finish, is moving for
/// [`EARLIER_MIN_MOVING_SHARE`] of it and does not run downhill. A run
/// that returns to the pace it held earlier, after a slower (hilly, trail) middle, has not
/// finished fast. True when the run has no such stretch before the finish.
fn beats_earlier_best(
    s: &crate::model::Samples,
    alt: &[f64],
    ta: f64,
    v: f64,
    cfg: &SegmentConfig,
) -> bool {
    let t = &s.time_s;
    let t0 = t.first().copied().unwrap_or(ta);
    // Moving seconds up to each sample (as `window_stats` counts them), so that each stretch
    // costs two lookups rather than a walk over its samples.
    let mut moving = Vec::with_capacity(t.len());
    let mut m = 0.0;
    for j in 0..t.len() {
        if j > 0
            && s.timer_running.get(j).copied().unwrap_or(true)
            && s.moving.get(j).copied().unwrap_or(true)
        {
            m += t[j] - t[j - 1];
        }
        moving.push(m);
    }
    let mut best: f64 = 0.0;
    let mut a = t0;
    while a + EARLIER_STRETCH_S <= ta {
        let b = a + EARLIER_STRETCH_S;
        let moving_s = value_at_time(t, &moving, b) - value_at_time(t, &moving, a);
        let dist = value_at_time(t, &s.distance_m, b) - value_at_time(t, &s.distance_m, a);
        // Ten minutes of running, over the clock: a stretch holding a stop or a recording gap
        // (whose distance still counts) is not a pace the runner held.
        if moving_s >= EARLIER_MIN_MOVING_SHARE * EARLIER_STRETCH_S
            && dist / EARLIER_STRETCH_S > best
            && !downhill(s, alt, (a, b), dist, cfg)
        {
            best = dist / EARLIER_STRETCH_S;
        }
        a += 10.0;
    }
    best <= 0.0 || v >= best * cfg.classify.fast_finish_min_ratio
}

/// Block `[a, b]` (sample indices) without its ends run slower than the block's own moving
/// speed ÷ `cfg.tempo.tempo_trim_ratio` (the floor): the tempo begins when the runner reaches
/// tempo pace and ends when they leave it, whatever baseline the block was found against. The
/// kept stretch is the one that gains the most distance over running at the floor, on the
/// distance `motion_m` and the moving time `m`: it starts where `motion_m − floor × m` is lowest
/// and ends where it is highest after that (a cumulative-sum change point: no smoothing, so a start-up speed spike
/// or the 60 s window's edges do not move it). `None` when nothing is left.
pub(super) fn trim_to_pace(
    s: &crate::model::Samples,
    motion_m: &[f64],
    a: usize,
    b: usize,
    cfg: &SegmentConfig,
) -> Option<(usize, usize)> {
    let (ta, tb) = (*s.time_s.get(a)?, *s.time_s.get(b)?);
    let w = window_stats(s, &[], ta, tb);
    let floor = w.distance_m / w.moving_s.max(1e-9) / cfg.tempo.tempo_trim_ratio;
    // Time counts while moving (the floor is a moving speed): a stop at a light inside the
    // block must not look like a slow stretch to cut at.
    let mut moving_t = vec![0.0; b + 1 - a];
    for i in a + 1..=b {
        let dt = s.time_s[i] - s.time_s[i - 1];
        let on = s.moving.get(i).copied().unwrap_or(true)
            && s.timer_running.get(i).copied().unwrap_or(true);
        moving_t[i - a] = moving_t[i - 1 - a] + if on { dt } else { 0.0 };
    }
    let gain = |i: usize| {
        motion_m
            .get(i)
            .filter(|d| d.is_finite())
            .map(|d| d - floor * moving_t[i - a])
    };
    let by_gain = |x: &usize, y: &usize| {
        gain(*x)
            .unwrap_or(f64::NAN)
            .total_cmp(&gain(*y).unwrap_or(f64::NAN))
    };
    let first = (a..=b).filter(|&i| gain(i).is_some()).min_by(by_gain)?;
    let last = (first..=b).filter(|&i| gain(i).is_some()).max_by(by_gain)?;
    (last > first).then_some((first, last))
}

/// Whether a block at moving speed `v` over `[a, b]` is at least
/// `cfg.tempo.tempo_vs_running_ratio` × the median 60 s speed of the *running* outside it
/// (moving samples at or above `cfg.intervals.rest_walk_max_mps`, so walked climbs, stops and
/// walk breaks do not make ordinary running look fast), with at least
/// `cfg.tempo.tempo_min_running_around_s` of such running. A run that is one sustained effort
/// has no easy running to be a tempo against. Where the run has altitude and enough flat
/// running ([`flat_ground`]), only flat running counts: a tempo is judged against easy running on
/// comparable ground, not against slow climbs.
fn faster_than_running_around(
    act: &Activity,
    slow: &[f64],
    flat: &[bool],
    a: f64,
    b: f64,
    v: f64,
    cfg: &SegmentConfig,
) -> bool {
    let s = &act.samples;
    let collect = |flat_only: bool| {
        let mut around: Vec<f64> = Vec::new();
        let mut secs = 0.0;
        for (i, (&t, &sv)) in s.time_s.iter().zip(slow).enumerate() {
            if (a..=b).contains(&t)
                || !s.moving.get(i).copied().unwrap_or(true)
                || sv < cfg.intervals.rest_walk_max_mps
                || (flat_only && !flat.get(i).copied().unwrap_or(true))
            {
                continue;
            }
            secs += s
                .time_s
                .get(i + 1)
                .map_or(1.0, |n| (n - t).clamp(0.0, 10.0));
            around.push(sv);
        }
        (around, secs)
    };
    let (mut around, mut secs) = collect(true);
    if secs < cfg.tempo.tempo_min_running_around_s {
        (around, secs) = collect(false);
    }
    if secs < cfg.tempo.tempo_min_running_around_s {
        return false;
    }
    percentile(around, 0.5).is_some_and(|m| v >= m * cfg.tempo.tempo_vs_running_ratio)
}

/// Per sample, whether the ground is flat: the smoothed altitude changes by at most
/// `cfg.tempo.tempo_flat_max_grade` of the distance over `cfg.tempo.tempo_grade_span_m` centred
/// on it. All true without altitude.
fn flat_ground(act: &Activity, motion_m: &[f64], alt: &[f64], cfg: &SegmentConfig) -> Vec<bool> {
    let n = act.samples.time_s.len();
    if alt.len() != n || motion_m.len() != n {
        return vec![true; n];
    }
    let half = 0.5 * cfg.tempo.tempo_grade_span_m;
    let (mut lo, mut hi) = (0usize, 0usize);
    (0..n)
        .map(|i| {
            while motion_m[lo] < motion_m[i] - half && lo < i {
                lo += 1;
            }
            while hi + 1 < n && motion_m[hi + 1] <= motion_m[i] + half {
                hi += 1;
            }
            let dd = motion_m[hi] - motion_m[lo];
            let da = alt[hi] - alt[lo];
            !(dd >= half && da.is_finite() && da.abs() > cfg.tempo.tempo_flat_max_grade * dd)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::model::{Lap, LapTrigger};
    use crate::segment::synth::{Profile, run_from_speeds};
    use crate::segment::{SegmentConfig, segment};

    /// 10 min easy, 20 min at tempo, 10 min easy; laps pressed 20 s before and 20 s after the
    /// tempo (`presses`) or none.
    fn tempo_ends(presses: bool) -> (f64, f64) {
        let p = Profile::default()
            .hold(2.8, 600)
            .hold(3.5, 1200)
            .hold(2.8, 600);
        let mut act = run_from_speeds(&p.speeds, 0);
        if presses {
            let lap = |a: f64, b: f64| Lap {
                start_s: a,
                end_s: b,
                trigger: Some(LapTrigger::Manual),
                ..Lap::default()
            };
            act.laps = vec![lap(0.0, 580.0), lap(580.0, 1820.0), lap(1820.0, 2400.0)];
        }
        let seg = segment(&act, &SegmentConfig::default());
        assert_eq!(seg.tempo.len(), 1, "{:?}", seg.tempo);
        (seg.tempo[0].start_s, seg.tempo[0].end_s)
    }

    #[test]
    fn a_tempo_ends_at_the_runners_presses() {
        let (a, b) = tempo_ends(false);
        assert!(
            (a - 600.0).abs() <= 5.0 && (b - 1800.0).abs() <= 5.0,
            "{a} {b}"
        );
        assert_eq!(tempo_ends(true), (580.0, 1820.0));
    }

    /// A flat 80-minute run: 15 min at `opening` m/s, 43 min at 2.6 m/s (a slower middle), then
    /// 22 min at 3.75 m/s (4:27 /km).
    fn finish_after(opening: f64) -> Option<(f64, f64)> {
        let p = Profile::default()
            .hold(opening, 900)
            .hold(2.6, 2580)
            .hold(3.75, 1320);
        let seg = segment(&run_from_speeds(&p.speeds, 0), &SegmentConfig::default());
        assert_eq!(seg.workout.kind, crate::segment::WorkoutType::Long);
        seg.fast_finish.map(|f| (f.start_s, f.end_s))
    }

    #[test]
    fn a_finish_must_beat_the_best_running_before_it() {
        // Back to the 4:35 /km it opened at after a slow middle: no fast finish.
        assert_eq!(finish_after(3.64), None);
        // Opening at 5:20 /km, the same last 22 minutes are a fast finish.
        let (a, b) = finish_after(3.12).expect("a fast finish");
        assert!((a - 3480.0).abs() <= 90.0 && b >= 4700.0, "{a} {b}");
    }
}
