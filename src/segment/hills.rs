//! Hill reps: efforts up a clear positive grade with a slower recovery back down.

use serde::Serialize;

use super::SegmentConfig;
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
/// Returns every rep found; the workout counts as hills with at least `cfg.hills.min_hill_reps`.
pub fn detect_hills(act: &Activity, alt: &[f64], cfg: &SegmentConfig) -> Vec<HillRep> {
    let s = &act.samples;
    let (t, d) = (&s.time_s, &s.distance_m);
    if alt.len() != t.len() || d.len() != t.len() || !alt.iter().any(|a| a.is_finite()) {
        return Vec::new();
    }
    let cl = climbs(alt, cfg.hills.climb_hysteresis_m);
    let mut out = Vec::new();
    for (k, &(bottom, top)) in cl.iter().enumerate() {
        let full_gain = alt[top] - alt[bottom];
        let (v, p) = trim_climb(alt, bottom, top, cfg.hills.hill_trim_frac);
        let (gain, dist, dur) = (alt[p] - alt[v], d[p] - d[v], t[p] - t[v]);
        let next = cl.get(k + 1).map_or(t.len() - 1, |c| c.0);
        // Repeats turn round and come back to the same mark: a strong sign on its own.
        let returns = same_spot(s, bottom, next, cfg.hills.hill_return_m)
            && d[next] - d[top] >= 0.5 * (d[top] - d[bottom]);
        let min_gain = if returns {
            cfg.hills.hill_return_min_gain_m
        } else {
            cfg.hills.hill_min_gain_m
        };
        if full_gain < min_gain || dist <= 0.0 || dur <= 0.0 {
            continue;
        }
        let grade = gain / dist;
        // No road or trail a runner repeats is steeper than `hill_max_grade`: a steeper trace is
        // altitude noise or a barometric step; a climb slower than `hill_min_mps` is hiked.
        if grade > cfg.hills.hill_max_grade || dist / dur < cfg.hills.hill_min_mps {
            continue;
        }
        if grade < cfg.hills.hill_min_grade
            || dur < cfg.hills.hill_min_s
            || dur > cfg.hills.hill_max_s
        {
            continue;
        }
        // The recovery: from the top down to the bottom of the next climb (or the end).
        let loss = alt[top] - alt[next];
        let (dd, dt) = (d[next] - d[top], t[next] - t[top]);
        if loss < 0.5 * full_gain || dt <= 0.0 {
            continue;
        }
        let up = dist / dur;
        let down = dd.max(0.0) / dt;
        if !returns && up < down * cfg.hills.hill_up_vs_down_ratio {
            continue;
        }
        out.push(HillRep {
            start_s: t[v],
            end_s: t[p],
            distance_m: dist,
            elapsed_s: dur,
            gain_m: full_gain,
            grade,
            avg_speed_mps: up,
        });
    }
    same_hill(out, cfg)
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

    #[test]
    fn traces_climbs_with_hysteresis() {
        let alt = [0.0, 1.0, 3.0, 2.5, 4.0, 1.0, 0.5, 2.0, f64::NAN, 5.0, 4.0];
        assert_eq!(climbs(&alt, 1.0), vec![(0, 4), (6, 9)]);
    }
}
