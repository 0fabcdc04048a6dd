//! A track mile's finish-line crossings from positions alone (GPX without a speed channel): the
//! runner passes the spot where they stood at the start once a lap, and each lap ends at the
//! finish line, a fixed distance further on. Passing a point does not depend on the distance
//! the positions add up to, which on a track reads 1–3 % off (the bends are cut or the noise
//! adds length), so no lap inherits the error of the laps before it.

use super::SegmentConfig;
use crate::model::{Activity, Samples};

/// Metres per degree of latitude (equirectangular, enough over a track's few hundred metres).
const M_PER_DEG: f64 = 111_320.0;

/// Where and when a runner left a standing start, from positions alone (GPX without a speed
/// channel): the start position and the moment they left it.
///
/// - The start position is the mean position of the samples at which the runner stood (not
///   moving, or slower than `cfg.mile.standing_speed_mps`) in the `cfg.mile.standing_start_s`
///   before `start_s`, the standing start.
/// - The start is when the runner left it ([`departure`]): the moment the positions first lie
///   `cfg.mile.depart_m` from it, less the time to run that far from a standstill accelerating
///   at `cfg.mile.start_accel_mps2` to the mile's average speed. A speed from positions rises
///   before the runner moves (it is a centred difference of smoothed positions), so the
///   standing start found on it comes seconds early.
pub fn position_start(
    act: &Activity,
    start_s: f64,
    mile_s: f64,
    cfg: &SegmentConfig,
) -> Option<(Position, f64)> {
    let s = &act.samples;
    let origin = start_position(s, start_s, cfg)?;
    let left = departure(s, origin, start_s, crate::model::MILE_M / mile_s, cfg)?;
    Some((origin, left))
}

/// Times of the mile's start and of its four finish-line crossings, from the passes of the
/// start position `origin` that the runner left at `start_s` ([`position_start`]); `None` when
/// the positions do not show four clean passes.
///
/// - Lap `k` passes that position about `k` quarters of `mile_s` (a rough mile time) after the
///   start: within ±`cfg.mile.pass_window_frac` of a quarter of it, the sample nearest to the
///   position, which must lie within `cfg.mile.pass_max_m`.
/// - The pass is the closest approach of a straight line fitted (least squares) to the
///   positions within `cfg.mile.pass_fit_s` of that sample: positions are noisy, a runner on
///   the home straight moves in a straight line at an even speed. Where the fixes are sparser
///   than that (smart recording: one fix in the window), the pass is the closest approach along
///   the straight line between the nearest fix and the one before or after it, at the even
///   speed between them ([`pass_between_fixes`]).
/// - The finish line lies `finish_offset_m` (9.344 m for a mile) beyond the start position,
///   reached at the fitted speed.
pub fn finish_line_marks(
    act: &Activity,
    origin: Position,
    start_s: f64,
    mile_s: f64,
    finish_offset_m: f64,
    cfg: &SegmentConfig,
) -> Option<[f64; 5]> {
    let s = &act.samples;
    let quarter = mile_s / 4.0;
    let mut marks = [start_s; 5];
    for (k, mark) in marks.iter_mut().enumerate().skip(1) {
        let centre = start_s + quarter * k as f64;
        let half = cfg.mile.pass_window_frac * quarter;
        let (pass_s, speed) = pass(s, origin, centre - half, centre + half, cfg)?;
        *mark = pass_s + finish_offset_m / speed;
    }
    let laps: Vec<f64> = marks.windows(2).map(|w| w[1] - w[0]).collect();
    let even = laps
        .iter()
        .all(|&l| (l - quarter).abs() <= cfg.mile.pass_window_frac * quarter);
    even.then_some(marks)
}

/// A position as (latitude, longitude) in degrees.
pub type Position = (f64, f64);

/// Metres east and north of `origin`.
fn local(origin: Position, p: Position) -> (f64, f64) {
    let x = (p.1 - origin.1) * M_PER_DEG * origin.0.to_radians().cos();
    let y = (p.0 - origin.0) * M_PER_DEG;
    (x, y)
}

/// When the runner left `origin`: the first time after `start_s − cfg.mile.standing_start_s`,
/// and after a fix within `cfg.mile.depart_m` of it, that the positions lie that far from it,
/// interpolated between samples, less the time to cover that distance from a standstill at
/// `cfg.mile.start_accel_mps2` up to `speed` (m/s) and at `speed` after. Where the fixes either
/// side of that moment are more than `cfg.mile.depart_gap_s` apart (a dropout or smart
/// recording at the start), a straight line between them says nothing of when the runner left:
/// the start is then the first fix beyond the reach less the time to run as far as it lies
/// from the start, never before the last fix at the line.
fn departure(
    s: &Samples,
    origin: Position,
    start_s: f64,
    speed: f64,
    cfg: &SegmentConfig,
) -> Option<f64> {
    let from = s
        .time_s
        .partition_point(|&x| x < start_s - cfg.mile.standing_start_s);
    let reach = cfg.mile.depart_m;
    let a = cfg.mile.start_accel_mps2;
    // Seconds to run `m` metres from a standstill.
    let run_s = |m: f64| {
        let ramp_m = speed * speed / (2.0 * a);
        if m <= ramp_m {
            (2.0 * m / a).sqrt()
        } else {
            speed / a + (m - ramp_m) / speed
        }
    };
    let r = |i: usize| {
        let p = (s.lat_deg[i], s.lon_deg[i]);
        (p.0.is_finite() && p.1.is_finite()).then(|| {
            let (x, y) = local(origin, p);
            x.hypot(y)
        })
    };
    let mut prev: Option<(f64, f64)> = None;
    for i in from..s.time_s.len() {
        let Some(ri) = r(i) else { continue };
        let ti = s.time_s[i];
        // Only a departure from the line counts: not the jog in before the runner stood there.
        let Some((tp, rp)) = prev else {
            if ri < reach {
                prev = Some((ti, ri));
                if ti > start_s + cfg.mile.standing_start_s {
                    break;
                }
            }
            continue;
        };
        if ri >= reach {
            return Some(if ti - tp > cfg.mile.depart_gap_s {
                (ti - run_s(ri)).max(tp)
            } else if ri > rp {
                tp + (reach - rp) / (ri - rp) * (ti - tp) - run_s(reach)
            } else {
                ti - run_s(reach)
            });
        }
        prev = Some((ti, ri));
        if ti > start_s + cfg.mile.standing_start_s {
            break;
        }
    }
    None
}

/// Mean position of the standing samples just before `start_s`.
fn start_position(s: &Samples, start_s: f64, cfg: &SegmentConfig) -> Option<Position> {
    let end = s.time_s.partition_point(|&x| x <= start_s);
    let standing: Vec<Position> = (0..end)
        .rev()
        .take_while(|&j| s.time_s[j] >= start_s - cfg.mile.standing_start_s)
        .filter(|&j| !s.moving[j] || s.speed_mps[j] < cfg.mile.standing_speed_mps)
        .map(|j| (s.lat_deg[j], s.lon_deg[j]))
        .filter(|p| p.0.is_finite() && p.1.is_finite())
        .collect();
    if standing.is_empty() {
        return None;
    }
    let n = standing.len() as f64;
    Some((
        standing.iter().map(|p| p.0).sum::<f64>() / n,
        standing.iter().map(|p| p.1).sum::<f64>() / n,
    ))
}

/// The closest approach to `origin` between `from` and `to` (seconds) and the runner's speed
/// there (m/s), from a straight line fitted to the positions around the nearest sample.
fn pass(
    s: &Samples,
    origin: Position,
    from: f64,
    to: f64,
    cfg: &SegmentConfig,
) -> Option<(f64, f64)> {
    let a = s.time_s.partition_point(|&x| x < from);
    let b = s.time_s.partition_point(|&x| x <= to);
    let xy = |i: usize| {
        let p = (s.lat_deg[i], s.lon_deg[i]);
        (p.0.is_finite() && p.1.is_finite()).then(|| local(origin, p))
    };
    let (nearest, r) = (a..b)
        .filter_map(|i| xy(i).map(|(x, y)| (i, x.hypot(y))))
        .min_by(|p, q| p.1.total_cmp(&q.1))?;
    if r > cfg.mile.pass_max_m {
        return None;
    }
    let tm = s.time_s[nearest];
    let near: Vec<(f64, f64, f64)> = (0..s.time_s.len())
        .filter(|&i| (s.time_s[i] - tm).abs() <= cfg.mile.pass_fit_s)
        .filter_map(|i| xy(i).map(|(x, y)| (s.time_s[i] - tm, x, y)))
        .collect();
    if near.len() < 2 {
        return pass_between_fixes(s, nearest, &xy);
    }
    let n = near.len() as f64;
    let mean = |f: fn(&(f64, f64, f64)) -> f64| near.iter().map(f).sum::<f64>() / n;
    let (mt, mx, my) = (mean(|p| p.0), mean(|p| p.1), mean(|p| p.2));
    let stt: f64 = near.iter().map(|p| (p.0 - mt).powi(2)).sum();
    if stt <= 0.0 {
        return None;
    }
    let vx = near.iter().map(|p| (p.0 - mt) * (p.1 - mx)).sum::<f64>() / stt;
    let vy = near.iter().map(|p| (p.0 - mt) * (p.2 - my)).sum::<f64>() / stt;
    let v2 = vx * vx + vy * vy;
    if v2.sqrt() < cfg.mile.standing_speed_mps {
        return None;
    }
    // The line passes (mx, my) at time mt; it is nearest the origin where the offset from
    // the origin is square to the motion.
    let tau = mt - (mx * vx + my * vy) / v2;
    (tau.abs() <= cfg.mile.pass_fit_s).then(|| (tm + tau, v2.sqrt()))
}

/// The closest approach to the origin (`xy`: metres east and north of it) along the straight
/// line between fix `nearest` and the fix before or after it, whichever passes nearer, the
/// runner at the even speed between the two; `None` when the approach lies inside neither.
fn pass_between_fixes(
    s: &Samples,
    nearest: usize,
    xy: &dyn Fn(usize) -> Option<(f64, f64)>,
) -> Option<(f64, f64)> {
    let before = (0..nearest).rev().find(|&i| xy(i).is_some());
    let after = (nearest + 1..s.time_s.len()).find(|&i| xy(i).is_some());
    [before.map(|b| (b, nearest)), after.map(|a| (nearest, a))]
        .into_iter()
        .flatten()
        .filter_map(|(i, j)| {
            let (p, q) = (xy(i)?, xy(j)?);
            let (dx, dy) = (q.0 - p.0, q.1 - p.1);
            let len2 = dx * dx + dy * dy;
            let dt = s.time_s[j] - s.time_s[i];
            if len2 <= 0.0 || dt <= 0.0 {
                return None;
            }
            // The fraction of the way from p to q nearest the origin, and how far off it lies.
            let f = -(p.0 * dx + p.1 * dy) / len2;
            let off = (p.0 + f * dx).hypot(p.1 + f * dy);
            (0.0..=1.0)
                .contains(&f)
                .then(|| (off, s.time_s[i] + f * dt, len2.sqrt() / dt))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, t, v)| (t, v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::synth::run_from_speeds;

    /// A runner stands 20 s at the origin, then runs laps of a 400 m circle at 4 m/s from it.
    fn circle_run() -> Activity {
        let r = 400.0 / std::f64::consts::TAU;
        let (lat0, lon0) = (45.0f64, 7.0f64);
        let speeds: Vec<f64> = (0..=460).map(|i| if i < 20 { 0.0 } else { 4.0 }).collect();
        let mut act = run_from_speeds(&speeds, 0);
        let s = &mut act.samples;
        for i in 0..s.time_s.len() {
            let run = (s.time_s[i] - 20.0).max(0.0);
            let a = 4.0 * run / r;
            // The circle starts at the origin and leaves it heading east.
            let (x, y) = (r * a.sin(), r - r * a.cos());
            s.moving[i] = run > 0.0;
            s.lat_deg[i] = lat0 + y / M_PER_DEG;
            s.lon_deg[i] = lon0 + x / (M_PER_DEG * lat0.to_radians().cos());
        }
        act
    }

    /// [`circle_run`] without a position at the times `gone` says.
    fn circle_run_without_fixes(gone: impl Fn(f64) -> bool) -> Activity {
        let mut act = circle_run();
        let s = &mut act.samples;
        for i in 0..s.time_s.len() {
            if gone(s.time_s[i]) {
                s.lat_deg[i] = f64::NAN;
                s.lon_deg[i] = f64::NAN;
            }
        }
        act
    }

    #[test]
    fn passes_of_the_start_mark_the_laps() {
        let act = circle_run();
        let cfg = SegmentConfig::default();
        let (origin, start) = position_start(&act, 20.0, 402.0, &cfg).expect("a start");
        // This runner is at 4 m/s at once; the rule allows for 2 s of acceleration (1 s early).
        assert!((start - 19.0).abs() < 0.1, "{start}");
        let marks = finish_line_marks(&act, origin, 20.0, 402.0, 9.344, &cfg).expect("four passes");
        // 409.344 m then 400 m laps at 4 m/s: 102.336 s, then 100 s.
        assert!((marks[1] - 20.0 - 102.336).abs() < 0.05, "{marks:?}");
        for k in 2..5 {
            assert!((marks[k] - marks[k - 1] - 100.0).abs() < 0.05, "{marks:?}");
        }
    }

    #[test]
    fn sparse_fixes_still_mark_the_laps() {
        // Smart recording: a fix every 6 s once running (the standing seconds kept).
        let act = circle_run_without_fixes(|t| t > 20.0 && (t as i64) % 6 != 0);
        let cfg = SegmentConfig::default();
        let (origin, start) = position_start(&act, 20.0, 402.0, &cfg).expect("a start");
        let marks = finish_line_marks(&act, origin, start, 402.0, 9.344, &cfg).expect("passes");
        for k in 2..5 {
            assert!((marks[k] - marks[k - 1] - 100.0).abs() < 0.3, "{marks:?}");
        }
    }

    #[test]
    fn a_dropout_at_the_line_does_not_start_the_mile_early() {
        // No fix from 18 s to 30 s: the runner left at 20 s, the next fix lies 39 m on.
        let act = circle_run_without_fixes(|t| (18.0..30.0).contains(&t));
        let cfg = SegmentConfig::default();
        let (_, start) = position_start(&act, 17.0, 402.0, &cfg).expect("a start");
        // Timed back from the fix at 30 s (the rule's 2 s of acceleration, as above); a straight
        // line across the gap would say 17.3 s.
        assert!((start - 19.3).abs() < 0.3, "{start}");
    }

    #[test]
    fn no_passes_without_positions() {
        let mut act = circle_run();
        act.samples.lat_deg.fill(f64::NAN);
        let cfg = SegmentConfig::default();
        assert!(position_start(&act, 20.0, 402.0, &cfg).is_none());
        assert!(finish_line_marks(&act, (45.0, 7.0), 20.0, 402.0, 9.344, &cfg).is_none());
    }
}
