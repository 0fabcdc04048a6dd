//! Hill reps: efforts up a clear positive grade with a slower recovery back down.

use serde::Serialize;

use super::SegmentConfig;
use super::grade_adjusted::grade_adjusted_speed;
use super::smooth::centred_mean;
use crate::model::Activity;

/// One hill rep (a climb of the smoothed altitude).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HillRep {
    /// Start (bottom of the climb), elapsed seconds since the first sample.
    pub start_s: f64,
    /// End (top of the climb), elapsed seconds since the first sample.
    pub end_s: f64,
    /// Distance covered on the climb (m).
    pub distance_m: f64,
    /// Elapsed time of the climb (s).
    pub elapsed_s: f64,
    /// Climb of the smoothed altitude (m).
    pub gain_m: f64,
    /// Average grade, gain / distance.
    pub grade: f64,
    /// Distance / elapsed time on the climb (m/s).
    pub avg_speed_mps: f64,
}

/// Climbs `(bottom, top)` of `alt` as sample indices, traced with a hysteresis of `hyst_m`:
/// a climb ends when altitude falls `hyst_m` below its highest point, and the next starts
/// from the lowest point after it. `NaN`s are skipped. O(n).
pub fn climbs(alt: &[f64], hyst_m: f64) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut valley: Option<usize> = None;
    let mut peak: Option<usize> = None;
    for (i, &a) in alt.iter().enumerate() {
        if !a.is_finite() {
            continue;
        }
        match (valley, peak) {
            (None, _) => valley = Some(i),
            (Some(v), None) => {
                if a < alt[v] {
                    valley = Some(i);
                } else if a >= alt[v] + hyst_m {
                    peak = Some(i);
                }
            }
            (Some(v), Some(p)) => {
                if a > alt[p] {
                    peak = Some(i);
                } else if a <= alt[p] - hyst_m {
                    out.push((v, p));
                    valley = Some(i);
                    peak = None;
                }
            }
        }
    }
    if let (Some(v), Some(p)) = (valley, peak) {
        out.push((v, p));
    }
    out
}

/// Trim a climb `(v, p)` to where it really rises: from the last sample within `frac` of the
/// gain above the bottom to the first sample within `frac` of the gain below the top (flat
/// stretches before and after a climb otherwise stretch it). O(climb length).
fn trim_climb(alt: &[f64], v: usize, p: usize, frac: f64) -> (usize, usize) {
    let gain = alt[p] - alt[v];
    let (lo, hi) = (alt[v] + frac * gain, alt[p] - frac * gain);
    let start = (v..=p).rev().find(|&i| alt[i] <= lo).unwrap_or(v);
    let end = (start..=p).find(|&i| alt[i] >= hi).unwrap_or(p);
    (start, end.max(start))
}

/// Hill reps on `alt` (the smoothed altitude column): climbs of at least
/// `cfg.hills.hill_min_gain_m` at an average grade ≥ `cfg.hills.hill_min_grade`, lasting
/// `cfg.hills.hill_min_s..=cfg.hills.hill_max_s`, run at least `cfg.hills.hill_up_vs_down_ratio` faster than the
/// descent that follows (the recovery back down, which must lose at least half the gain).
/// Each rep's ends are where the runner's grade-adjusted effort crosses from the recovery's
/// level to the climb's ([`effort_bounds`]), not where the smoothed altitude turns.
/// Returns every rep found; the workout counts as hills with at least `cfg.hills.min_hill_reps`.
pub fn detect_hills(act: &Activity, alt: &[f64], cfg: &SegmentConfig) -> Vec<HillRep> {
    let s = &act.samples;
    let (t, d) = (&s.time_s, &s.distance_m);
    if alt.len() != t.len() || d.len() != t.len() || !alt.iter().any(|a| a.is_finite()) {
        return Vec::new();
    }
    let h = &cfg.hills;
    let effort = centred_mean(
        t,
        &grade_adjusted_speed(
            t,
            d,
            alt,
            &s.speed_mps,
            h.effort_grade_half_s,
            h.effort_grade_min_run_m,
        ),
        h.effort_smooth_s,
    );
    let speed = centred_mean(t, &s.speed_mps, h.effort_smooth_s);
    // A repeat's own climb is measured on lightly smoothed altitude: the climbs are traced on
    // `alt` (smoothed over `altitude_smooth_s`, against noise), which halves the rise of a
    // 10 s sprint.
    let rep_alt = centred_mean(t, &s.altitude_m, h.rep_gain_smooth_s);
    let alts = Altitudes {
        traced: alt,
        rep: &rep_alt,
    };
    let cl = climbs(alt, h.climb_hysteresis_m);
    let mut out: Vec<HillRep> = Vec::new();
    for (k, &(bottom, top)) in cl.iter().enumerate() {
        let climb = Climb {
            bottom,
            top,
            core: trim_climb(alt, bottom, top, h.hill_trim_frac),
            next: cl.get(k + 1).map_or(t.len() - 1, |c| c.0),
        };
        let floor_s = out.last().map_or(f64::NEG_INFINITY, |r| r.end_s);
        let bounds = effort_bounds(t, &effort, &climb, floor_s, cfg);
        let window = bounds.unwrap_or((t[climb.core.0], t[climb.core.1]));
        let prev = out.last();
        let whole_climb = Candidate {
            window,
            contrast: bounds.is_some(),
            inside: false,
        };
        if let Some((rep, _)) = judge(act, &alts, &climb, whole_climb, prev, cfg) {
            out.push(rep);
            continue;
        }
        // A climb that is not one rep may hold one: a sprint at the end of the approach, or a
        // last rep after which the runner jogs on up the hill.
        let accept = |w: (f64, f64), out: &mut Vec<HillRep>| -> bool {
            // Not one rep by itself: it must be a repeat, coming back down past its start or
            // starting where the previous rep did.
            let hard = Candidate {
                window: w,
                contrast: true,
                inside: true,
            };
            match judge(act, &alts, &climb, hard, out.last(), cfg) {
                Some((rep, true)) => {
                    out.push(rep);
                    true
                }
                _ => false,
            }
        };
        let whole = (climb.bottom, (climb.top + 1).min(t.len()));
        for w in hard_stretches(t, &effort, &climb, whole, floor_s, cfg) {
            if accept(w, &mut out) {
                continue;
            }
            // A last rep after which the runner jogs on up: the stretch above the split runs on
            // into the jog, whose effort uphill is still high; the sprint itself lies between
            // the steepest rise and the steepest fall of its effort.
            if let Some(e) = pulse_edges(t, &effort, w, floor_s, h.effort_smooth_s)
                && accept(e, &mut out)
            {
                continue;
            }
            // A stretch that is a sprint and the jog on up after it splits once more.
            let inner = (
                t.partition_point(|&x| x < w.0),
                t.partition_point(|&x| x <= w.1),
            );
            // Inside one climb the grade is much the same: the split is on speed.
            let vs = hard_stretches(t, &speed, &climb, inner, floor_s, cfg);
            for v in vs {
                accept(v, &mut out);
            }
        }
    }
    // Repeats of one hill are judged on their climbs as traced, then their edges sharpened.
    let mut out = same_hill(out, cfg);
    sharpen_reps(
        &mut out,
        &EdgeSeries {
            t,
            d,
            alt: &rep_alt,
            speed: &speed,
            raw: act.meta.speed_recorded.then_some(s.speed_mps.as_slice()),
            laps: &rep_laps(act),
        },
        cfg,
    );
    out
}

/// The laps that may mark reps: every lap of a run whose laps are structure (manual presses,
/// workout steps, intensities; [`super::laps::laps_are_structure`]), none otherwise
/// (automatic 1 km / 1 mi laps say nothing of where a climb began).
fn rep_laps(act: &Activity) -> Vec<(f64, f64)> {
    if !super::laps::laps_are_structure(act) {
        return Vec::new();
    }
    act.laps
        .iter()
        .filter(|l| l.start_s.is_finite() && l.end_s > l.start_s)
        .map(|l| (l.start_s, l.end_s))
        .collect()
}

/// The lap that is rep `w` (seconds): its start and its end each within `reach_s` of the rep's
/// (the nearest such lap), when there is one.
fn lap_of(laps: &[(f64, f64)], w: (f64, f64), reach_s: f64) -> Option<(f64, f64)> {
    laps.iter()
        .filter(|l| (l.0 - w.0).abs() <= reach_s && (l.1 - w.1).abs() <= reach_s)
        .min_by(|x, y| {
            let off = |l: &&(f64, f64)| (l.0 - w.0).abs() + (l.1 - w.1).abs();
            off(x).total_cmp(&off(y))
        })
        .copied()
}

/// An edge `x` kept within the press window of a lap boundary `press` on sample times `t`: a
/// press lags the change of pace by up to `lag_s` and may lead it by `lead_s`, and a watch
/// writes its lap on a recorded sample, so with smart recording the press happened somewhere
/// in the gap that sample closes. An edge outside `[sample before press - lag_s, press +
/// lead_s]` is the lap's own boundary.
fn within_press(t: &[f64], x: f64, press: f64, lag_s: f64, lead_s: f64) -> f64 {
    let before = t[..t.partition_point(|&y| y < press)]
        .last()
        .map_or(press, |&y| y.min(press));
    if (before - lag_s..=press + lead_s).contains(&x) {
        x
    } else {
        press
    }
}

/// The columns a rep's edges are placed on: time, distance, the lightly smoothed altitude,
/// the smoothed speed and the watch's own speed (when it recorded one).
struct EdgeSeries<'a> {
    t: &'a [f64],
    d: &'a [f64],
    alt: &'a [f64],
    speed: &'a [f64],
    raw: Option<&'a [f64]>,
    /// Laps that may mark reps ([`rep_laps`]).
    laps: &'a [(f64, f64)],
}

/// Each rep's ends moved to where the runner changed pace ([`steepest_edges`]: the steepest
/// rise and fall of the smoothed speed within `cfg.hills.hill_edge_reach_s`, out to the foot of
/// the ramp on the watch's own speed). The effort crossings that found the rep lie where the
/// effort passes half-way between the recovery's level and the climb's, which a jog up the
/// approach or on up the hill drags away from the sprint itself; on one hill the grade is much
/// the same either side of a change of pace, so the speed's step is the rep's edge. An edge
/// never comes nearer than `cfg.intervals.rest_min_s` to the rep before or after (or nearer
/// than it was), and the moved window is kept only where its rise (on the lightly smoothed
/// altitude), grade and speed stay within the hill rules; the rep's numbers are then those of
/// the new window. Where a lap is the rep (the runner pressed lap at the bottom and the top, or
/// a workout step ran the rep), each edge stays within that press's window
/// (`cfg.laps.press_lag_max_s` before it to `cfg.laps.press_lead_max_s` after), else it is the
/// press itself: the runner's own mark outweighs a change of speed that a climb blurs.
fn sharpen_reps(reps: &mut [HillRep], series: &EdgeSeries, cfg: &SegmentConfig) {
    let &EdgeSeries {
        t,
        d,
        alt,
        speed,
        raw,
        laps,
    } = series;
    let h = &cfg.hills;
    let (lag_s, lead_s) = (cfg.laps.press_lag_max_s, cfg.laps.press_lead_max_s);
    let (reach_s, min_rest_s) = (h.hill_edge_reach_s, cfg.intervals.rest_min_s);
    let at = |v: &[f64], x: f64| super::series::value_at_time(t, v, x);
    let mut prev_end = f64::NEG_INFINITY;
    for k in 0..reps.len() {
        let next_start = reps.get(k + 1).map_or(f64::INFINITY, |r| r.start_s);
        let r = &mut reps[k];
        let (a0, b0) = (r.start_s, r.end_s);
        let floor = (prev_end + min_rest_s).min(a0);
        let ceil = (next_start - min_rest_s).max(b0);
        let lap = lap_of(laps, (a0, b0), reach_s);
        let pressed = |(a, b): (f64, f64)| {
            lap.map_or((a, b), |l| {
                (
                    within_press(t, a, l.0, lag_s, lead_s),
                    within_press(t, b, l.1, lag_s, lead_s),
                )
            })
        };
        let sharp = steepest_edges(t, speed, raw, (a0, b0), (floor, ceil), reach_s);
        // Without a lap the rep keeps its window when the sharpened one fails the rules; with
        // one, the found window held to the presses is tried next.
        let held = lap.map(|_| pressed((a0, b0)));
        let measured = std::iter::once(pressed(sharp))
            .chain(held)
            .filter(|&(a, b)| a >= floor && b <= ceil)
            .map(|(a, b)| {
                let (dist, gain) = (at(d, b) - at(d, a), at(alt, b) - at(alt, a));
                (a, b, dist, gain, gain / dist.max(1e-9))
            })
            .find(|&(a, b, dist, gain, grade)| {
                b > a
                    && dist > 0.0
                    && gain > 0.0
                    && (h.hill_min_grade..=h.hill_max_grade).contains(&grade)
                    && dist / (b - a) >= h.hill_min_mps
            });
        if let Some((a, b, dist, gain, grade)) = measured {
            *r = HillRep {
                start_s: a,
                end_s: b,
                distance_m: dist,
                elapsed_s: b - a,
                gain_m: gain,
                grade,
                avg_speed_mps: dist / (b - a),
            };
        }
        prev_end = r.end_s;
    }
}

/// A change of pace on the raw speed: a step of at least this much (m/s) from one sample to the
/// next (speed noise and the drift of a rep are smaller).
const RAMP_STEP_MPS: f64 = 0.2;

/// The steepest rise of `v` within `reach_s` of window `w`'s start (up to its middle) and its
/// steepest fall within `reach_s` of its end (from its middle), inside `limits`. Where there is
/// a raw series `raw` (the watch's own speed; a speed from positions is itself a smoothed
/// difference whose ramps begin seconds early), each is taken out to the foot of its ramp: back
/// from the rise while `raw` falls by [`RAMP_STEP_MPS`] a sample, back from the fall while it
/// rises so. An edge is the middle of its sample interval; an end without a rise (or fall)
/// stays where it was.
fn steepest_edges(
    t: &[f64],
    v: &[f64],
    raw: Option<&[f64]>,
    w: (f64, f64),
    limits: (f64, f64),
    reach_s: f64,
) -> (f64, f64) {
    let n = t.len().min(v.len());
    // Without the watch's own speed (positions only) there is no raw ramp to follow.
    let raw = raw.filter(|r| r.len() >= n);
    let step = |i: usize, j: usize| raw.map_or(f64::NAN, |r| r[i] - r[j]);
    let mid_w = 0.5 * (w.0 + w.1);
    let slope = |i: usize| (v[i + 1] - v[i]) / (t[i + 1] - t[i]).max(1e-9);
    let mid = |i: usize| 0.5 * (t[i] + t[i + 1]);
    // Sample intervals (i, i + 1) lying within [a, b].
    let intervals = |a: f64, b: f64| {
        let lo = t[..n].partition_point(|&x| x < a);
        let hi = t[..n].partition_point(|&x| x <= b);
        (lo..hi.saturating_sub(1)).filter(move |&i| slope(i).is_finite())
    };
    let (lo_t, hi_t) = ((w.0 - reach_s).max(limits.0), (w.1 + reach_s).min(limits.1));
    let rise = intervals(lo_t, (w.0 + reach_s).min(mid_w))
        .max_by(|&a, &b| slope(a).total_cmp(&slope(b)))
        .filter(|&i| slope(i) > 0.0)
        .map(|mut i| {
            // Back to where the speeding up began.
            while i > 0 && t[i - 1] >= lo_t && step(i, i - 1) >= RAMP_STEP_MPS {
                i -= 1;
            }
            i
        });
    let fall = intervals((w.1 - reach_s).max(mid_w), hi_t)
        .min_by(|&a, &b| slope(a).total_cmp(&slope(b)))
        .filter(|&i| slope(i) < 0.0)
        .map(|mut i| {
            // Back to where the easing off began.
            while i > 0 && t[i] > mid_w && step(i - 1, i) >= RAMP_STEP_MPS {
                i -= 1;
            }
            i
        });
    (rise.map_or(w.0, mid), fall.map_or(w.1, mid))
}

/// The steepest rise and the steepest fall of an effort pulse around window `w` (seconds):
/// the rise searched from `lead_s` before the window's start (never before `floor_s`) to the
/// pulse's peak, the fall from the peak to the window's end; each edge is the middle of its
/// sample interval. On a centred moving average the steepest slope of a step is the step itself
/// (half-way up), wherever the levels on either side lie. `None` when the pulse has no rise
/// or fall.
fn pulse_edges(
    t: &[f64],
    e: &[f64],
    w: (f64, f64),
    floor_s: f64,
    lead_s: f64,
) -> Option<(f64, f64)> {
    let lo = t.partition_point(|&x| x < (w.0 - lead_s).max(floor_s));
    let hi = t.partition_point(|&x| x <= w.1).min(e.len());
    if hi < lo + 3 {
        return None;
    }
    let peak = (lo..hi).max_by(|&a, &b| e[a].total_cmp(&e[b]))?;
    let slope = |i: usize| (e[i + 1] - e[i]) / (t[i + 1] - t[i]).max(1e-9);
    let rise = (lo..peak).max_by(|&a, &b| slope(a).total_cmp(&slope(b)))?;
    let fall = (peak..hi - 1).min_by(|&a, &b| slope(a).total_cmp(&slope(b)))?;
    let mid = |i: usize| 0.5 * (t[i] + t[i + 1]);
    (slope(rise) > 0.0 && slope(fall) < 0.0).then(|| (mid(rise), mid(fall)))
}

/// One climb of the smoothed altitude, as sample indices: its bottom and top, the part that
/// really rises (`core`), and the bottom of the next climb (or the last sample).
struct Climb {
    bottom: usize,
    top: usize,
    core: (usize, usize),
    next: usize,
}

/// The altitude a climb was traced on and the lightly smoothed altitude its rep is measured on.
struct Altitudes<'a> {
    traced: &'a [f64],
    rep: &'a [f64],
}

/// A window (seconds) that may be a hill rep of a climb, and how it was found.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    window: (f64, f64),
    /// Found by its effort against the way down ([`effort_bounds`]).
    contrast: bool,
    /// A hard stretch inside a longer climb ([`hard_stretches`]), whose effort against the rest
    /// of the climb stands in for the up-faster-than-down test.
    inside: bool,
}

/// The hill rep of `climb` run over the candidate's window, when it passes the rules of
/// [`detect_hills`], and whether the runner came back past its start (or repeated `prev`).
fn judge(
    act: &Activity,
    alts: &Altitudes,
    climb: &Climb,
    cand: Candidate,
    prev: Option<&HillRep>,
    cfg: &SegmentConfig,
) -> Option<(HillRep, bool)> {
    let Candidate {
        window: (start_s, end_s),
        contrast,
        inside,
    } = cand;
    let h = &cfg.hills;
    let s = &act.samples;
    let (t, d) = (&s.time_s, &s.distance_m);
    let Climb {
        bottom,
        top,
        core,
        next,
    } = *climb;
    let alt = alts.traced;
    let full_gain = alt[top] - alt[bottom];
    let at = |v: &[f64], x: f64| super::series::value_at_time(t, v, x);
    let start_i = t.partition_point(|&x| x < start_s).min(t.len() - 1);
    let (dist, dur) = (at(d, end_s) - at(d, start_s), end_s - start_s);
    // Repeats are run hard up, turn round and come back past where the rep began: a strong
    // sign on its own, so a smaller climb is enough; a sprint (run up at least
    // `hill_sprint_speed_ratio` times as fast as the way back down) needs less still.
    // So is starting where the previous rep started, soon after it, for about as long.
    let repeat = prev.is_some_and(|p| {
        let at = |x: f64| t.partition_point(|&y| y < x).min(t.len() - 1);
        let rest = start_s - p.end_s;
        same_spot(s, at(p.start_s), start_i, h.hill_return_m)
            && rest <= h.hill_repeat_max_rest_ratio * p.elapsed_s
            && (dur - p.elapsed_s).abs() <= h.hill_repeat_duration_tol * p.elapsed_s
    });
    // A repeat of a rep already found is measured on its own rise (the altitude smoothed
    // lightly); any other climb on the traced altitude, against noise.
    let rise_alt = if repeat { alts.rep } else { alt };
    let gain = at(rise_alt, end_s) - at(rise_alt, start_s);
    let returns = repeat
        || (contrast
            && comes_back(s, start_i, top, next, h.hill_return_m)
            && d[next] - d[top] >= 0.5 * dist);
    let (dd, dt) = (d[next] - d[top], t[next] - t[top]);
    let down = dd.max(0.0) / dt.max(1e-9);
    let sprint = repeat || (returns && dur > 0.0 && dist / dur >= down * h.hill_sprint_speed_ratio);
    let min_gain = if sprint {
        h.hill_sprint_min_gain_m
    } else if returns {
        h.hill_return_min_gain_m
    } else {
        h.hill_min_gain_m
    };
    // A hard stretch inside a longer climb is held to its own climb.
    let climbed = match (inside, repeat) {
        (true, _) => gain,
        (false, true) => gain.max(full_gain),
        (false, false) => full_gain,
    };
    let measurable = dist > 0.0 && dur > 0.0 && gain > 0.0;
    if climbed < min_gain || !measurable {
        return None;
    }
    let grade = gain / dist;
    // No road or trail a runner repeats is steeper than `hill_max_grade`: a steeper trace is
    // altitude noise or a barometric step; a climb slower than `hill_min_mps` is hiked.
    if grade > h.hill_max_grade || dist / dur < h.hill_min_mps {
        return None;
    }
    if grade < h.hill_min_grade || dur < h.hill_min_s || dur > h.hill_max_s {
        return None;
    }
    // The recovery: from the top down to the bottom of the next climb (or the end).
    let loss = alt[top] - alt[next];
    if loss < 0.5 * climbed || dt <= 0.0 {
        return None;
    }
    // Without a return to the start, the climb (as traced) must be run faster than the way
    // down; a hard stretch inside a longer climb has shown its effort against the rest of the
    // climb instead.
    let (cv, cp) = core;
    let up = (d[cp] - d[cv]) / (t[cp] - t[cv]).max(1e-9);
    if !returns && !inside && up < down * h.hill_up_vs_down_ratio {
        return None;
    }
    let rep = HillRep {
        start_s,
        end_s,
        distance_m: dist,
        elapsed_s: dur,
        gain_m: gain,
        grade,
        avg_speed_mps: dist / dur,
    };
    Some((rep, returns))
}

/// The hard stretches inside samples `lo..hi` of a climb (its whole length on the
/// grade-adjusted effort, or a stretch found before split once more on speed): the series `e`
/// there
/// split into a hard and an easy level ([`super::smooth::two_level_split`]: a climb that is
/// not one rep holds a rep and a jog), when the hard level is at least `effort_contrast` times
/// the easy one; the stretches above the split lasting at least `hill_min_s` and beginning at
/// the climb's bottom or ending at its top (within `effort_anchor_s`: a rep turns round at one
/// end of the climb, a surge mid-climb is not a rep); none before `floor_s`.
fn hard_stretches(
    t: &[f64],
    e: &[f64],
    climb: &Climb,
    (lo, hi): (usize, usize),
    floor_s: f64,
    cfg: &SegmentConfig,
) -> Vec<(f64, f64)> {
    let h = &cfg.hills;
    let range = lo..hi.min(t.len()).max(lo);
    let Some((easy, hard, thr)) = super::smooth::two_level_split(e[range.clone()].iter().copied())
    else {
        return Vec::new();
    };
    let contrasted = hard >= easy * h.effort_contrast;
    if !contrasted {
        return Vec::new();
    }
    let (bottom_s, top_s) = (t[climb.bottom], t[climb.top]);
    let mut out = Vec::new();
    let mut keep = |a: f64, b: f64| {
        let anchored = a - bottom_s <= h.effort_anchor_s || top_s - b <= h.effort_anchor_s;
        if b - a >= h.hill_min_s && anchored {
            out.push((a, b));
        }
    };
    let mut run: Option<usize> = None;
    for i in range.clone() {
        let up = e[i] >= thr && t[i] > floor_s;
        match (run, up) {
            (None, true) => run = Some(i),
            (Some(a), false) => {
                keep(t[a], t[i - 1]);
                run = None;
            }
            _ => {}
        }
    }
    if let Some(a) = run {
        keep(t[a], t[range.end - 1]);
    }
    out
}

/// Where a climb's rep begins and ends on the grade-adjusted effort `e`: the level of the
/// effort on the traced climb `core` (its median) against the level of the way down after
/// the `top` (median up to `next`, the next climb's bottom); when the climb is run at least
/// `cfg.hills.effort_contrast` times harder, the rep is the stretch around the core where the
/// effort stays above the midpoint of the two, searched up to `cfg.hills.effort_search_s`
/// beyond the core and never before `floor_s` (the previous rep's end). Crossings are
/// interpolated between samples. `None` without such a contrast.
fn effort_bounds(
    t: &[f64],
    e: &[f64],
    climb: &Climb,
    floor_s: f64,
    cfg: &SegmentConfig,
) -> Option<(f64, f64)> {
    let h = &cfg.hills;
    let (core, top, next) = (climb.core, climb.top, climb.next);
    let level = |r: std::ops::Range<usize>| {
        super::smooth::median(e[r].iter().copied().filter(|x| x.is_finite()))
    };
    let up = level(core.0..core.1 + 1)?;
    let down = level(top..next + 1)?;
    let contrasted = up >= down * h.effort_contrast;
    if !contrasted {
        return None;
    }
    // The start is judged against the running just before the climb (a jog up from the foot
    // to the rep's mark is not the rep), the end against the way down.
    let from = (t[core.0] - h.effort_search_s).max(floor_s);
    let lo = t.partition_point(|&x| x < from).min(core.0);
    let before = level(lo..core.0)
        .filter(|b| up >= b * h.effort_contrast)
        .unwrap_or(down);
    let (thr_start, thr_end) = (0.5 * (up + before), 0.5 * (up + down));
    let n = t.len();
    let mut i = core.0;
    if e[i] >= thr_start {
        while i > 0 && t[i - 1] >= from && t[i - 1] > floor_s && e[i - 1] >= thr_start {
            i -= 1;
        }
    } else {
        while i < core.1 && (e[i] < thr_start || e[i].is_nan()) {
            i += 1;
        }
    }
    let mut j = core.1;
    if e[j] >= thr_end {
        while j + 1 < n && t[j + 1] <= t[top] + h.effort_search_s && e[j + 1] >= thr_end {
            j += 1;
        }
    } else {
        while j > i && (e[j] < thr_end || e[j].is_nan()) {
            j -= 1;
        }
    }
    let cross = |a: usize, b: usize, thr: f64| -> f64 {
        if b >= n || a == b {
            return t[a.min(n - 1)];
        }
        let (ea, eb) = (e[a], e[b]);
        if ea.is_finite() && eb.is_finite() && (eb - ea).abs() > 1e-12 {
            t[a] + ((thr - ea) / (eb - ea)).clamp(0.0, 1.0) * (t[b] - t[a])
        } else {
            0.5 * (t[a] + t[b])
        }
    };
    let start = if i == 0 {
        t[0]
    } else {
        cross(i - 1, i, thr_start)
    };
    let end = cross(j, j + 1, thr_end);
    (end > start).then_some((start.max(floor_s), end))
}

/// Whether the way down after a climb (`top..=next`) passes within `tol_m` of where the rep
/// began (sample `start`): the runner turned round and came back, as on hill repeats.
fn comes_back(
    s: &crate::model::Samples,
    start: usize,
    top: usize,
    next: usize,
    tol_m: f64,
) -> bool {
    (top..=next).any(|k| same_spot(s, start, k, tol_m))
}

/// Hill repeats run the same hill: keep the reps whose climb is within a factor
/// `cfg.hills.hill_gain_spread` of the median climb (altitude noise climbs at random).
fn same_hill(mut reps: Vec<HillRep>, cfg: &SegmentConfig) -> Vec<HillRep> {
    let Some(m) = super::smooth::median(reps.iter().map(|h| h.gain_m)) else {
        return reps;
    };
    let f = cfg.hills.hill_gain_spread;
    reps.retain(|h| h.gain_m <= m * f && h.gain_m * f >= m);
    reps
}

/// Hill reps come as a set: keep the reps in groups of at least `cfg.hills.min_hill_reps` whose
/// consecutive reps are at most `cfg.hills.hill_set_max_gap_s` apart (end to start). `reps` are
/// in time order. A race or a steady run that takes a few steep rises at its own pace, minutes
/// apart, holds no hill session.
pub fn in_sets(reps: Vec<HillRep>, cfg: &SegmentConfig) -> Vec<HillRep> {
    let c = &cfg.hills;
    let mut out = Vec::new();
    let mut group: Vec<HillRep> = Vec::new();
    for r in reps {
        if group
            .last()
            .is_some_and(|l| r.start_s - l.end_s > c.hill_set_max_gap_s)
        {
            if group.len() >= c.min_hill_reps {
                out.append(&mut group);
            }
            group.clear();
        }
        group.push(r);
    }
    if group.len() >= c.min_hill_reps {
        out.append(&mut group);
    }
    out
}

/// Hill reps are repeats: a session runs its reps up the same hill (or the same few), so most
/// reps start where another rep started, or end where another ended, within
/// `cfg.hills.hill_return_m`. When fewer than half do, the reps are scattered along the route —
/// the climbs of a hilly run, or GPS altitude noise on a flat one — and only those that share a
/// spot stay. Without positions at most reps' ends (a treadmill, an indoor file) nothing can be
/// told and every rep stays.
pub fn on_repeated_spots(act: &Activity, reps: Vec<HillRep>, cfg: &SegmentConfig) -> Vec<HillRep> {
    let s = &act.samples;
    let n = s.time_s.len();
    if n == 0 || reps.len() < 2 {
        return reps;
    }
    let at = |x: f64| s.time_s.partition_point(|&y| y < x).min(n - 1);
    let ends: Vec<(usize, usize)> = reps.iter().map(|r| (at(r.start_s), at(r.end_s))).collect();
    let located = |i: usize| {
        s.lat_deg.get(i).is_some_and(|x| x.is_finite())
            && s.lon_deg.get(i).is_some_and(|x| x.is_finite())
    };
    let with_positions = ends
        .iter()
        .filter(|&&(a, b)| located(a) && located(b))
        .count();
    if 2 * with_positions < reps.len() {
        return reps;
    }
    let tol = cfg.hills.hill_return_m;
    let shared: Vec<bool> = (0..reps.len())
        .map(|i| {
            (0..reps.len()).any(|j| {
                j != i
                    && (same_spot(s, ends[i].0, ends[j].0, tol)
                        || same_spot(s, ends[i].1, ends[j].1, tol))
            })
        })
        .collect();
    if 2 * shared.iter().filter(|&&x| x).count() >= reps.len() {
        return reps;
    }
    reps.into_iter()
        .zip(shared)
        .filter_map(|(r, sh)| sh.then_some(r))
        .collect()
}

/// Whether samples `i` and `j` have positions within `tol_m` of each other (equirectangular).
fn same_spot(s: &crate::model::Samples, i: usize, j: usize, tol_m: f64) -> bool {
    let get = |v: &[f64], k: usize| v.get(k).copied().filter(|x| x.is_finite());
    let (Some(la), Some(lo), Some(lb), Some(lob)) = (
        get(&s.lat_deg, i),
        get(&s.lon_deg, i),
        get(&s.lat_deg, j),
        get(&s.lon_deg, j),
    ) else {
        return false;
    };
    let m_per_deg = 111_195.0;
    let dy = (lb - la) * m_per_deg;
    let dx = (lob - lo) * m_per_deg * la.to_radians().cos();
    dx.hypot(dy) <= tol_m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rep_at(start_s: f64) -> HillRep {
        HillRep {
            start_s,
            end_s: start_s + 30.0,
            distance_m: 100.0,
            elapsed_s: 30.0,
            gain_m: 6.0,
            grade: 0.06,
            avg_speed_mps: 3.3,
        }
    }

    #[test]
    fn hill_reps_come_as_a_set() {
        let cfg = SegmentConfig::default();
        // Three reps two minutes apart are a set; a climb 25 minutes later is the course's.
        let reps: Vec<HillRep> = [0.0, 150.0, 300.0, 1800.0].map(rep_at).into();
        let kept = in_sets(reps, &cfg);
        assert_eq!(
            kept.iter().map(|r| r.start_s).collect::<Vec<_>>(),
            vec![0.0, 150.0, 300.0]
        );
        // A race's three steep rises far apart hold no set.
        let spread: Vec<HillRep> = [0.0, 1500.0, 1545.0].map(rep_at).into();
        assert!(in_sets(spread, &cfg).is_empty());
    }

    #[test]
    fn rep_edges_move_to_the_change_of_pace() {
        // A jog up the approach at 2.2 m/s, the rep at 2.9 m/s from 20 s to 60 s, then 2.0 m/s.
        let t: Vec<f64> = (0..100).map(f64::from).collect();
        let raw: Vec<f64> = t
            .iter()
            .map(|&x| match x {
                x if x < 20.0 => 2.2,
                x if x < 60.0 => 2.9,
                _ => 2.0,
            })
            .collect();
        let v = centred_mean(&t, &raw, 5.0);
        // Found by effort 12 s early and 3 s late: both ends come to the steps (a step smoothed
        // over 5 s is a ramp of equal slopes: any of its seconds).
        let (a, b) = steepest_edges(
            &t,
            &v,
            Some(&raw),
            (8.0, 63.0),
            (f64::NEG_INFINITY, f64::INFINITY),
            15.0,
        );
        assert!(
            (a - 20.0).abs() <= 2.5 && (b - 60.0).abs() <= 2.5,
            "{a} {b}"
        );
        // Never into the rep before (here ending at 21 s).
        let (a, _) = steepest_edges(
            &t,
            &v,
            Some(&raw),
            (22.0, 63.0),
            (21.0, f64::INFINITY),
            15.0,
        );
        assert!((21.0..=22.5).contains(&a), "{a}");
    }

    #[test]
    fn a_pressed_lap_holds_the_rep_edges() {
        // A lap from 100 s to 146 s is the rep found from 98 s to 150 s; one from 300 s is not.
        let laps = [(0.0, 100.0), (100.0, 146.0), (146.0, 300.0), (300.0, 350.0)];
        assert_eq!(lap_of(&laps, (98.0, 150.0), 15.0), Some((100.0, 146.0)));
        assert_eq!(lap_of(&laps, (120.0, 200.0), 15.0), None);
        // At 1 Hz the window is [press - 1 - 4 s, press + 1 s]: an edge 4 s after the press
        // is the press; one 3 s before it stays.
        let t: Vec<f64> = (0..400).map(f64::from).collect();
        assert_eq!(within_press(&t, 150.0, 146.0, 4.0, 1.0), 146.0);
        assert_eq!(within_press(&t, 143.0, 146.0, 4.0, 1.0), 143.0);
        assert_eq!(within_press(&t, 140.0, 146.0, 4.0, 1.0), 146.0);
        // Smart recording: the lap's sample closes a gap from 139 s, in which the press was.
        let sparse = [130.0, 139.0, 146.0, 150.0];
        assert_eq!(within_press(&sparse, 136.0, 146.0, 4.0, 1.0), 136.0);
        assert_eq!(within_press(&sparse, 134.0, 146.0, 4.0, 1.0), 146.0);
    }

    #[test]
    fn hill_reps_are_repeats_of_a_spot() {
        let rep = |a: f64| HillRep {
            start_s: a,
            end_s: a + 20.0,
            distance_m: 60.0,
            elapsed_s: 20.0,
            gain_m: 4.0,
            grade: 0.067,
            avg_speed_mps: 3.0,
        };
        let reps: Vec<HillRep> = [110.0, 210.0, 310.0, 455.0].map(rep).to_vec();
        let cfg = SegmentConfig::default();
        // A straight road north at 3 m/s: every rep on its own spot, 300 m apart.
        let mut act = crate::segment::synth::constant_run(3.0, 600);
        act.samples.lat_deg = act
            .samples
            .distance_m
            .iter()
            .map(|d| d / 111_195.0)
            .collect();
        act.samples.lon_deg = vec![0.0; act.samples.lat_deg.len()];
        assert!(on_repeated_spots(&act, reps.clone(), &cfg).is_empty());
        // Up a hill and back every 100 s: three reps from one spot, the fourth elsewhere; a
        // session keeps all four.
        act.samples.lat_deg = (0..act.samples.lat_deg.len())
            .map(|i| (i % 100) as f64 * 3.0 / 111_195.0)
            .collect();
        assert_eq!(on_repeated_spots(&act, reps.clone(), &cfg).len(), 4);
        // No positions: nothing can be told.
        act.samples.lat_deg = vec![f64::NAN; act.samples.lon_deg.len()];
        assert_eq!(on_repeated_spots(&act, reps, &cfg).len(), 4);
    }

    #[test]
    fn traces_climbs_with_hysteresis() {
        let alt = [0.0, 1.0, 3.0, 2.5, 4.0, 1.0, 0.5, 2.0, f64::NAN, 5.0, 4.0];
        assert_eq!(climbs(&alt, 1.0), vec![(0, 4), (6, 9)]);
    }
}
