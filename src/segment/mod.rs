//! Segmentation: splits, best efforts and workout structure of a cleaned activity.
//!
//! Entry point: [`segment`]. Every threshold lives in [`SegmentConfig`]; every step is O(n)
//! or O(n log n) in samples.

pub mod best_efforts;
pub mod classify;
pub mod config;
pub mod extra_efforts;
pub mod fartlek;
pub mod grade_adjusted;
pub mod hills;
pub mod intervals;
pub mod lap_evidence;
pub mod laps;
pub mod mile;
pub mod profile;
pub mod series;
pub mod shape;
pub mod smooth;
pub mod span;
pub mod splits;
pub mod strides;
pub mod synth;
pub mod tempo;
pub mod track_passes;
pub mod window;

use serde::Serialize;

pub use best_efforts::{BestEffort, best_efforts};
pub use classify::{SetEvidence, Workout, WorkoutEvidence, WorkoutType};
pub use config::SegmentConfig;
pub use hills::HillRep;
pub use intervals::{IntervalSet, Intervals, alternation, reps};
pub use lap_evidence::StructureSource;
pub use mile::MileEffort;
pub use span::{HasSpan, Span};
pub use splits::{Split, splits};
pub use strides::Stride;
pub use tempo::Tempo;

use crate::model::Activity;

/// What a stretch of the run was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    /// Before the first effort of a structured workout.
    Warmup,
    /// An interval rep.
    Work,
    /// Recovery between efforts.
    Rest,
    /// A stride.
    Stride,
    /// A hill rep.
    Hill,
    /// A tempo block.
    Tempo,
    /// After the last effort of a structured workout.
    Cooldown,
    /// Easy running.
    Easy,
    /// A maximal mile.
    MileEffort,
}

impl SegmentKind {
    /// The name used in JSON and in tables (`warmup`, `work`, `mile_effort`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Warmup => "warmup",
            SegmentKind::Work => "work",
            SegmentKind::Rest => "rest",
            SegmentKind::Stride => "stride",
            SegmentKind::Hill => "hill",
            SegmentKind::Tempo => "tempo",
            SegmentKind::Cooldown => "cooldown",
            SegmentKind::Easy => "easy",
            SegmentKind::MileEffort => "mile_effort",
        }
    }
}

/// The kind of segment each time of `time_s` falls in (segments are half-open, start
/// included); `None` outside every segment.
pub fn kind_per_sample(time_s: &[f64], segments: &[Segment]) -> Vec<Option<SegmentKind>> {
    let mut k = 0;
    time_s
        .iter()
        .map(|&t| {
            while k < segments.len() && segments[k].end_s <= t {
                k += 1;
            }
            segments
                .get(k)
                .filter(|s| t >= s.start_s && t < s.end_s)
                .map(|s| s.kind)
        })
        .collect()
}

/// One labelled stretch of the run; segments are in order and do not overlap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// What the stretch was.
    pub kind: SegmentKind,
    /// Start, elapsed seconds since the first sample.
    pub start_s: f64,
    /// End, elapsed seconds since the first sample.
    pub end_s: f64,
    /// Distance covered (m).
    pub distance_m: f64,
}

impl HasSpan for Segment {
    fn span(&self) -> Span {
        Span::new(self.start_s, self.end_s)
    }
}

/// Everything segmentation finds in one activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segmentation {
    /// Splits per `cfg.splits.split_unit_m`.
    pub splits: Vec<Split>,
    /// Best efforts for the standard distances the run covers.
    pub best_efforts: Vec<BestEffort>,
    /// The run as labelled segments.
    pub segments: Vec<Segment>,
    /// Interval reps, recoveries and sets, when the run had intervals.
    pub intervals: Option<Intervals>,
    /// Strides found (the workout counts as strides only with `cfg.strides.min_strides`).
    pub strides: Vec<Stride>,
    /// Hill reps found (the workout counts as hills only with `cfg.hills.min_hill_reps`).
    pub hills: Vec<HillRep>,
    /// Tempo blocks.
    pub tempo: Vec<Tempo>,
    /// Sustained faster blocks inside a structured session's warm-up or cool-down
    /// ([`extra_efforts::extra_efforts`]).
    pub extra_efforts: Vec<Tempo>,
    /// The best mile with quarter splits, for every run that covers a mile.
    pub best_mile: Option<MileEffort>,
    /// The best mile when the workout is a time trial, else `None`.
    pub mile_effort: Option<MileEffort>,
    /// The run's easy speed (m/s), when it has moving speed.
    pub easy_mps: Option<f64>,
    /// A long run's fast finish, when its reason names one.
    pub fast_finish: Option<classify::FastFinish>,
    /// Workout type and reason.
    pub workout: Workout,
}

/// Segment a cleaned activity.
pub fn segment(act: &Activity, cfg: &SegmentConfig) -> Segmentation {
    let s = &act.samples;
    let alt = if s.altitude_m.iter().any(|a| a.is_finite()) {
        smooth::centred_mean(&s.time_s, &s.altitude_m, cfg.hills.altitude_smooth_s)
    } else {
        Vec::new()
    };
    let splits = splits::splits(
        act,
        cfg.splits.split_unit_m,
        &alt,
        cfg.splits.min_partial_split_m,
    );
    let best = best_efforts::best_efforts(act, cfg);
    let prof = profile::speed_profile(act, cfg);
    let running = match prof.as_ref() {
        Some(p) => classify::is_running(act, p.easy_mps, p.fast_mps, cfg),
        None => classify::is_running(act, 0.0, 0.0, cfg),
    };
    // Cross-training (a bike ride, a swim, a multisport transition) gets no workout structure.
    let det = prof.as_ref().filter(|_| running);
    let (mut intervals, tail) = det
        .map(|p| intervals::detect_intervals_with_tail(act, p, cfg))
        .unwrap_or((None, None));
    // Most interval reps are at least `rep_vs_recovery_ratio` faster than their recoveries.
    if intervals
        .as_ref()
        .is_some_and(|iv| !reps_beat_recoveries(iv, cfg))
    {
        intervals = None;
    }
    // Reps read from the speed stream that mostly run downhill are the terrain, not a session.
    if let Some(iv) = &intervals
        && iv.source == StructureSource::Speed
        && 2 * iv
            .reps
            .iter()
            .filter(|r| {
                series::descends(
                    &s.time_s,
                    &alt,
                    r.start_s,
                    r.end_s,
                    r.distance_m,
                    cfg.tempo.tempo_max_descent_grade,
                )
            })
            .count()
            >= iv.reps.len()
    {
        intervals = None;
    }
    // A few reps read from the speed stream in a long run are its surges, not the session; one
    // rep that is a tempo's length and most of the work is a tempo block read in pieces.
    if intervals.as_ref().is_some_and(|iv| {
        iv.source == StructureSource::Speed
            && (surges_of_long_run(act, iv, cfg) || tempo_in_pieces(iv, cfg))
    }) {
        intervals = None;
    }
    let mut strides = det
        .map(|p| strides::detect_strides(act, p, cfg))
        .unwrap_or_default();
    // The tail cut off a last rep that ran straight into a stride is that stride.
    if let (Some(p), Some((a, b))) = (det, tail)
        && !strides.iter().any(|st| st.overlaps(&Span::new(a, b)))
        && let Some(st) =
            strides::stride_at(act, p, strides::running_easy_mps(act, p, cfg), (a, b), cfg)
    {
        strides.push(st);
        strides.sort_by(|x, y| x.start_s.total_cmp(&y.start_s));
    }
    if let Some(iv) = &intervals {
        // A fast block that is an interval rep is not also a stride.
        strides.retain(|s| !iv.reps.iter().any(|r| s.overlaps(r)));
    }
    let mut hills = if running {
        hills::detect_hills(act, &alt, cfg)
    } else {
        Vec::new()
    };
    // A short fast effort that climbs is a hill sprint, not a stride.
    let (uphill, flat): (Vec<Stride>, Vec<Stride>) = strides
        .into_iter()
        .partition(|st| climbs_during(act, &alt, st, cfg));
    if hills.len() + uphill.len() >= cfg.hills.min_hill_reps {
        for st in &uphill {
            if !hills.iter().any(|h| st.overlaps(h)) {
                let gain_m = gain_between(act, &alt, st.start_s, st.end_s);
                hills.push(hills::HillRep {
                    start_s: st.start_s,
                    end_s: st.end_s,
                    distance_m: st.distance_m,
                    elapsed_s: st.elapsed_s,
                    gain_m,
                    grade: gain_m / st.distance_m.max(1.0),
                    avg_speed_mps: st.avg_speed_mps,
                });
            }
        }
        hills.sort_by(|a, b| a.start_s.total_cmp(&b.start_s));
    }
    // Climbing strides added as hill sprints pass the same plausibility as hill reps.
    hills.retain(|h| {
        h.grade <= cfg.hills.hill_max_grade && h.avg_speed_mps >= cfg.hills.hill_min_mps
    });
    // Reps scattered along the route, each on its own climb, are the run's terrain.
    let hills = hills::on_repeated_spots(act, hills, cfg);
    // Hill reps come in a set of at least `min_hill_reps`; fewer, or climbs far apart, are the
    // terrain of the run.
    let hills = hills::in_sets(hills, cfg);
    // Without hill reps, climbing strides are strides again (a strides session on rolling ground).
    let mut pool = flat;
    if hills.is_empty() {
        pool.extend(uphill);
        pool.sort_by(|a, b| a.start_s.total_cmp(&b.start_s));
    }
    strides = strides::in_sets(pool, act, &alt, cfg);
    if hills.len() >= cfg.hills.min_hill_reps {
        // A hill sprint is not also a stride.
        strides.retain(|s| {
            !hills.iter().any(|h| {
                s.start_s < h.end_s + cfg.hills.hill_min_s
                    && h.start_s < s.end_s + cfg.hills.hill_min_s
            })
        });
    }
    let mut tempo = det
        .map(|p| tempo::detect_tempo(act, p, &alt, cfg).0)
        .unwrap_or_default();
    if let Some(iv) = &intervals {
        // A 60 s-smoothed block over reps and recoveries is the interval set, not a tempo.
        tempo.retain(|t| !iv.reps.iter().any(|r| t.overlaps(r)));
    }
    // Fartlek: surges of varying length (strides and hill reps are not surges). A regular subset
    // of them read as intervals from the speed stream gives way.
    let surges: Vec<fartlek::Surge> = det
        .map(|p| fartlek::surges(act, p, &alt, cfg))
        .unwrap_or_default()
        .into_iter()
        .filter(|g| !strides.iter().any(|x| x.overlaps(g)) && !hills.iter().any(|x| x.overlaps(g)))
        .collect();
    let is_fartlek = fartlek::is_fartlek(&surges, whole_moving_s(act), cfg)
        && intervals.as_ref().is_none_or(|iv| {
            iv.source == StructureSource::Speed
                && (iv.reps.len() as f64) < cfg.fartlek.max_set_share * surges.len() as f64
        });
    if is_fartlek {
        intervals = None;
    }
    let best_mile = mile::mile_effort(act, &best, prof.as_ref().map(|p| p.easy_mps), &alt, cfg);
    let (t0, t1) = (
        s.time_s.first().copied().unwrap_or(0.0),
        s.time_s.last().copied().unwrap_or(0.0),
    );
    let whole = series::window_stats(s, &[], t0, t1);
    // With intervals, easy pace comes from the running outside the session (warm-up, cool-down):
    // `None` when the session fills the run.
    let outside_easy_mps = match (&intervals, prof.as_ref()) {
        (Some(iv), Some(p)) => iv
            .reps
            .first()
            .zip(iv.reps.last())
            .and_then(|(a, b)| outside_easy(act, p, (a.start_s, b.end_s), cfg)),
        _ => prof.as_ref().map(|p| p.easy_mps),
    };
    // A tempo is judged against the running before and after it, not against a profile that
    // counts the tempo itself: `None` when the tempo fills the run.
    let tempo_easy_mps = match (&intervals, tempo.first(), tempo.last(), prof.as_ref()) {
        (None, Some(a), Some(b), Some(p)) => outside_easy(act, p, (a.start_s, b.end_s), cfg),
        _ => None,
    };
    let easy_mps = if intervals.is_some() {
        outside_easy_mps
    } else {
        prof.as_ref().map(|p| p.easy_mps)
    };
    let shape = shape::run_shape(act, prof.as_ref(), &alt, cfg);
    let fast_finish = det.and_then(|p| tempo::fast_finish(act, p, &alt, &tempo, cfg));
    let findings = classify::Findings {
        easy_mps: easy_mps.unwrap_or(0.0),
        running,
        distance_m: whole.distance_m,
        moving_s: whole.moving_s,
        intervals: intervals.as_ref(),
        strides: &strides,
        hills: &hills,
        tempo: &tempo,
        mile: best_mile.as_ref(),
        shape: &shape,
        end_s: t1,
        outside_easy_mps,
        tempo_easy_mps,
        fast_finish: fast_finish.as_ref(),
        best: &best,
        surges: if is_fartlek { &surges } else { &[] },
    };
    let mut workout = classify::classify(act, &findings, cfg);
    workout.structure_source = match workout.kind {
        WorkoutType::Intervals => intervals.as_ref().map(|iv| iv.source),
        WorkoutType::Tempo
        | WorkoutType::Strides
        | WorkoutType::Hills
        | WorkoutType::TimeTrial
        | WorkoutType::Fartlek
        | WorkoutType::Progression => Some(StructureSource::Speed),
        _ => None,
    };
    let segments = build_segments(act, &workout, &findings, t0, t1);
    let session_easy_mps = if workout.kind == WorkoutType::Tempo {
        tempo_easy_mps
    } else {
        easy_mps
    };
    let extra_efforts = prof
        .as_ref()
        .map(|p| extra_efforts::extra_efforts(act, p, &alt, &segments, session_easy_mps, cfg))
        .unwrap_or_default();
    // A fast mile is a time trial only when it is the run's main event.
    let mut best_mile = best_mile;
    if let Some(m) = best_mile.as_mut() {
        m.time_trial &= workout.kind == WorkoutType::TimeTrial;
    }
    let mile_effort = best_mile
        .clone()
        .filter(|_| workout.kind == WorkoutType::TimeTrial);
    Segmentation {
        splits,
        best_efforts: best,
        segments,
        // Run/walk bouts are not interval reps.
        intervals: intervals
            .clone()
            .filter(|_| workout.kind != WorkoutType::RunWalk),
        strides: strides.clone(),
        hills: hills.clone(),
        // A long run's tempo that ends the run is its fast finish or, failing the finish's
        // tests, no tempo either (a return to a pace already held, after a slower middle).
        tempo: tempo
            .iter()
            .filter(|t| {
                workout.kind != WorkoutType::Long
                    || t.end_s < t1 - cfg.classify.fast_finish_tail_s
                    || fast_finish.is_some()
            })
            .cloned()
            .collect(),
        best_mile,
        mile_effort,
        extra_efforts,
        easy_mps: session_easy_mps,
        fast_finish: match &workout.evidence {
            classify::WorkoutEvidence::Steady { fast_finish, .. } => *fast_finish,
            _ => None,
        },
        workout,
    }
}

/// Easy speed of the running outside a session spanning `(a, b)` (from the first rep's start to
/// the last rep's end, or the tempo's): `cfg.profile.easy_percentile` of the smoothed speed of
/// the running (at least `rest_walk_max_mps`) before and after it; `None` with less than
/// `cfg.laps.min_easy_outside_s` of it.
fn outside_easy(
    act: &Activity,
    p: &profile::SpeedProfile,
    (a, b): (f64, f64),
    cfg: &SegmentConfig,
) -> Option<f64> {
    let t = &act.samples.time_s;
    let mut secs = 0.0;
    let mut v = Vec::new();
    for i in 0..t.len().min(p.smooth.len()) {
        if (a..=b).contains(&t[i])
            || !profile::is_moving(act, &p.smooth, i, cfg)
            || p.smooth[i] < cfg.intervals.rest_walk_max_mps
        {
            continue;
        }
        secs += t.get(i + 1).map_or(1.0, |n| (n - t[i]).clamp(0.0, 10.0));
        v.push(p.smooth[i]);
    }
    (secs >= cfg.laps.min_easy_outside_s)
        .then(|| smooth::percentile(v, cfg.profile.easy_percentile))
        .flatten()
}

/// Whether most reps are at least `cfg.laps.rep_vs_recovery_ratio` × faster (by speed) than the
/// recoveries next to them (recoveries of under `back_to_back_max_s` are no recovery and are
/// left out); reps run back to back throughout pass.
fn reps_beat_recoveries(iv: &Intervals, cfg: &SegmentConfig) -> bool {
    let rec_v = |k: usize| {
        iv.recoveries
            .get(k)
            .filter(|r| r.elapsed_s >= cfg.intervals.back_to_back_max_s)
            .map(|r| r.distance_m / r.elapsed_s.max(1e-9))
    };
    let mut judged = 0;
    let mut ok = 0;
    for (i, rep) in iv.reps.iter().enumerate() {
        let around: Vec<f64> = [i.checked_sub(1).and_then(rec_v), rec_v(i)]
            .into_iter()
            .flatten()
            .collect();
        if around.is_empty() {
            continue;
        }
        judged += 1;
        let v = around.iter().sum::<f64>() / around.len() as f64;
        ok += usize::from(rep.avg_speed_mps >= v * cfg.laps.rep_vs_recovery_ratio);
    }
    2 * ok >= judged && (judged == 0 || ok > 0)
}

/// Moving time of the whole activity (s).
/// Whether interval reps are a few surges inside a long run: the run is long (moving or timer
/// time ≥ `cfg.classify.long_min_s`, or distance ≥ `cfg.classify.long_min_m`) and the reps add
/// up to less than `cfg.intervals.long_run_min_work_share` of its moving time.
fn surges_of_long_run(act: &Activity, iv: &Intervals, cfg: &SegmentConfig) -> bool {
    let t = &act.samples.time_s;
    let (Some(&a), Some(&b)) = (t.first(), t.last()) else {
        return false;
    };
    let w = series::window_stats(&act.samples, &[], a, b);
    let c = &cfg.classify;
    let long = w.moving_s.max(w.timer_s) >= c.long_min_s || w.distance_m >= c.long_min_m;
    let work_s: f64 = iv.reps.iter().map(|r| r.elapsed_s).sum();
    long && work_s < cfg.intervals.long_run_min_work_share * w.moving_s
}

/// Whether one rep is a tempo block the speed stream cut around: it lasts at least
/// `cfg.tempo.tempo_min_s` and holds at least `cfg.intervals.tempo_rep_max_work_share` of the
/// reps' time (the other "reps" are GPS dips around it or a few short pieces beside it).
fn tempo_in_pieces(iv: &Intervals, cfg: &SegmentConfig) -> bool {
    let work_s: f64 = iv.reps.iter().map(|r| r.elapsed_s).sum();
    let longest_s = iv.reps.iter().map(|r| r.elapsed_s).fold(0.0, f64::max);
    longest_s >= cfg.tempo.tempo_min_s
        && longest_s >= cfg.intervals.tempo_rep_max_work_share * work_s
}

fn whole_moving_s(act: &Activity) -> f64 {
    let t = &act.samples.time_s;
    match (t.first(), t.last()) {
        (Some(&a), Some(&b)) => series::window_stats(&act.samples, &[], a, b).moving_s,
        _ => 0.0,
    }
}

/// Smoothed-altitude change between two times (m); 0 without altitude.
fn gain_between(act: &Activity, alt: &[f64], a: f64, b: f64) -> f64 {
    if alt.is_empty() {
        return 0.0;
    }
    let t = &act.samples.time_s;
    let g = series::value_at_time(t, alt, b) - series::value_at_time(t, alt, a);
    if g.is_finite() { g } else { 0.0 }
}

/// Whether a stride climbs: at least `cfg.hills.hill_return_min_gain_m` at `cfg.hills.hill_min_grade`.
fn climbs_during(act: &Activity, alt: &[f64], st: &Stride, cfg: &SegmentConfig) -> bool {
    let g = gain_between(act, alt, st.start_s, st.end_s);
    g >= cfg.hills.hill_return_min_gain_m && g >= cfg.hills.hill_min_grade * st.distance_m
}

/// Efforts of the workout's type (plus strides around a structured workout), then the gaps
/// between them labelled warm-up / rest / cool-down (structured workouts) or easy / rest /
/// easy (strides), or one easy segment.
fn build_segments(
    act: &Activity,
    workout: &Workout,
    f: &classify::Findings,
    t0: f64,
    t1: f64,
) -> Vec<Segment> {
    use SegmentKind as K;
    let mut efforts: Vec<(K, f64, f64)> = match workout.kind {
        WorkoutType::TimeTrial => f
            .mile
            .map(|m| vec![(K::MileEffort, m.start_s, m.end_s)])
            .unwrap_or_default(),
        WorkoutType::Hills => f
            .hills
            .iter()
            .map(|h| (K::Hill, h.start_s, h.end_s))
            .collect(),
        WorkoutType::Intervals => f
            .intervals
            .map(|iv| {
                iv.reps
                    .iter()
                    .map(|r| (K::Work, r.start_s, r.end_s))
                    .collect()
            })
            .unwrap_or_default(),
        WorkoutType::Tempo => f
            .tempo
            .iter()
            .map(|t| (K::Tempo, t.start_s, t.end_s))
            .collect(),
        WorkoutType::Strides => f
            .strides
            .iter()
            .map(|s| (K::Stride, s.start_s, s.end_s))
            .collect(),
        _ => Vec::new(),
    };
    if !matches!(workout.kind, WorkoutType::Strides) && !efforts.is_empty() {
        // Strides around a structured workout (after the reps, before a time trial) are their
        // own segments, so warm-up and cool-down end / start where the running is easy.
        for st in f.strides {
            if !efforts.iter().any(|e| st.overlaps(&Span::new(e.1, e.2))) {
                efforts.push((K::Stride, st.start_s, st.end_s));
            }
        }
    }
    efforts.sort_by(|a, b| a.1.total_cmp(&b.1));
    let (before, after) = if workout.kind == WorkoutType::Strides {
        (K::Easy, K::Easy)
    } else {
        (K::Warmup, K::Cooldown)
    };
    let mut out = Vec::new();
    let mut push = |kind, a: f64, b: f64| {
        if b - a >= 1.0 {
            let w = series::window_stats(&act.samples, &[], a, b);
            out.push(Segment {
                kind,
                start_s: a,
                end_s: b,
                distance_m: w.distance_m,
            });
        }
    };
    if efforts.is_empty() {
        push(K::Easy, t0, t1);
        return out;
    }
    let mut cursor = t0;
    for (k, &(kind, a, b)) in efforts.iter().enumerate() {
        let a = a.max(cursor);
        push(if k == 0 { before } else { K::Rest }, cursor, a);
        push(kind, a, b);
        cursor = b.max(a);
    }
    push(after, cursor, t1);
    out
}

#[cfg(test)]
mod kind_tests {
    use super::*;

    /// Speed-stream intervals whose reps last `secs`, one after another with 60 s between.
    fn reps_lasting(secs: &[f64]) -> Intervals {
        let mut t = 0.0;
        let reps = secs
            .iter()
            .map(|&d| {
                let r = intervals::Rep {
                    start_s: t,
                    end_s: t + d,
                    distance_m: 4.0 * d,
                    elapsed_s: d,
                    avg_speed_mps: 4.0,
                    avg_hr_bpm: None,
                    set: 0,
                };
                t += d + 60.0;
                r
            })
            .collect();
        Intervals {
            easy_mps: 3.0,
            reps,
            recoveries: Vec::new(),
            sets: Vec::new(),
            used_laps: false,
            source: StructureSource::Speed,
            speed_stream_reps: None,
        }
    }

    #[test]
    fn a_tempo_read_in_pieces_is_not_intervals() {
        let cfg = SegmentConfig::default();
        // 1:07 and 0:59 pieces, a 21:31 block and a 0:38 piece: the block is 91 % of the work.
        assert!(tempo_in_pieces(
            &reps_lasting(&[67.0, 59.0, 1291.0, 38.0]),
            &cfg
        ));
        // 2 × 15 min share the work; 20 min with 4 × 5 min beside it is half of it.
        assert!(!tempo_in_pieces(&reps_lasting(&[900.0, 900.0]), &cfg));
        assert!(!tempo_in_pieces(
            &reps_lasting(&[1200.0, 300.0, 300.0, 300.0, 300.0]),
            &cfg
        ));
        // A long rep under the tempo's 15 minutes is a rep.
        assert!(!tempo_in_pieces(&reps_lasting(&[840.0, 60.0]), &cfg));
    }

    #[test]
    fn names_match_the_json_names() {
        for k in [
            SegmentKind::Warmup,
            SegmentKind::Work,
            SegmentKind::Rest,
            SegmentKind::Stride,
            SegmentKind::Hill,
            SegmentKind::Tempo,
            SegmentKind::Cooldown,
            SegmentKind::Easy,
            SegmentKind::MileEffort,
        ] {
            assert_eq!(serde_json::to_value(k).expect("json"), k.as_str());
        }
    }

    #[test]
    fn each_sample_gets_the_segment_it_falls_in() {
        let seg = |kind, start_s, end_s| Segment {
            kind,
            start_s,
            end_s,
            distance_m: 0.0,
        };
        let segs = [
            seg(SegmentKind::Warmup, 0.0, 10.0),
            seg(SegmentKind::Work, 12.0, 20.0),
        ];
        let got = kind_per_sample(&[0.0, 9.9, 10.0, 12.0, 19.9, 20.0], &segs);
        use SegmentKind::*;
        assert_eq!(
            got,
            vec![
                Some(Warmup),
                Some(Warmup),
                None,
                Some(Work),
                Some(Work),
                None
            ]
        );
    }
}
