//! Fartlek: unstructured surges of varying length inside easy running.

use serde::Serialize;

use super::SegmentConfig;
use super::intervals::{work_blocks, work_thresholds};
use super::profile::{SpeedProfile, is_moving};
use super::series::{descends, window_stats};
use super::smooth::percentile;
use super::strides::starts_after_stop;
use crate::model::Activity;

/// One surge of a fartlek.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Surge {
    /// Start, elapsed seconds since the first sample.
    pub start_s: f64,
    /// End, elapsed seconds since the first sample.
    pub end_s: f64,
    /// Elapsed time (s).
    pub elapsed_s: f64,
    /// Distance / elapsed time (m/s).
    pub avg_speed_mps: f64,
}

/// Surges: fast blocks of the speed stream (the interval thresholds) lasting
/// `cfg.fartlek.surge_min_s..=cfg.fartlek.surge_max_s`, averaging at least
/// `cfg.fartlek.surge_min_ratio` × easy and `cfg.fartlek.surge_vs_around_ratio` × the moving speed
/// of the `cfg.fartlek.surge_context_s` before and after it, not starting within
/// `cfg.strides.stride_restart_s` after a stop (the run-up), not downhill (a net descent of
/// `cfg.tempo.tempo_max_descent_grade`).
pub fn surges(act: &Activity, prof: &SpeedProfile, alt: &[f64], cfg: &SegmentConfig) -> Vec<Surge> {
    let c = &cfg.fartlek;
    if prof.easy_mps <= 0.0 {
        return Vec::new();
    }
    let (enter, exit) = work_thresholds(prof, cfg);
    let t = &act.samples.time_s;
    // Easy pace of the running only: walked climbs and aid stations must not make ordinary
    // running look like surges.
    let running = (0..prof.smooth.len().min(t.len()))
        .filter(|&i| {
            is_moving(act, &prof.smooth, i, cfg)
                && prof.smooth[i] >= cfg.intervals.rest_walk_max_mps
        })
        .map(|i| prof.smooth[i]);
    let easy = percentile(running, cfg.profile.easy_percentile).unwrap_or(prof.easy_mps);
    work_blocks(act, prof, enter, exit, cfg)
        .into_iter()
        .filter_map(|(a, b)| {
            let w = window_stats(&act.samples, &[], a, b);
            let v = w.distance_m / w.elapsed_s.max(1e-9);
            let around = |x: f64, y: f64| {
                let w = window_stats(&act.samples, &[], x, y);
                (w.moving_s > 0.0).then(|| w.distance_m / w.moving_s)
            };
            let before = around(a - c.surge_context_s, a);
            let after = around(b, b + c.surge_context_s);
            let stands_out = [before, after]
                .into_iter()
                .flatten()
                .all(|u| v >= u * c.surge_vs_around_ratio);
            let ok = (c.surge_min_s..=c.surge_max_s).contains(&w.elapsed_s)
                && !starts_after_stop(act, a, cfg.strides.stride_restart_s)
                && v >= easy * c.surge_min_ratio
                && stands_out
                && !descends(
                    t,
                    alt,
                    a,
                    b,
                    w.distance_m,
                    cfg.tempo.tempo_max_descent_grade,
                );
            ok.then_some(Surge {
                start_s: a,
                end_s: b,
                elapsed_s: w.elapsed_s,
                avg_speed_mps: v,
            })
        })
        .collect()
}

/// Whether the surges make a fartlek: at least `cfg.fartlek.min_surges` of them, of varying
/// length (the longest at least `cfg.fartlek.min_length_spread` × the shortest: a set of equal
/// efforts is intervals or strides), at least `cfg.fartlek.min_long_surges` of them sustained for
/// `cfg.fartlek.long_surge_s` or more, and together at least `cfg.fartlek.min_surge_share` of
/// the moving time `moving_s` (a session, not a few lively moments of a steady run).
pub fn is_fartlek(surges: &[Surge], moving_s: f64, cfg: &SegmentConfig) -> bool {
    let c = &cfg.fartlek;
    let long = surges
        .iter()
        .filter(|g| g.elapsed_s >= c.long_surge_s)
        .count();
    let total: f64 = surges.iter().map(|g| g.elapsed_s).sum();
    if surges.len() < c.min_surges
        || long < c.min_long_surges
        || total < c.min_surge_share * moving_s
    {
        return false;
    }
    let (lo, hi) = surges.iter().fold((f64::INFINITY, 0.0f64), |acc, s| {
        (acc.0.min(s.elapsed_s), acc.1.max(s.elapsed_s))
    });
    hi >= c.min_length_spread * lo
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surge(len: f64) -> Surge {
        Surge {
            start_s: 0.0,
            end_s: len,
            elapsed_s: len,
            avg_speed_mps: 4.0,
        }
    }

    #[test]
    fn varying_surges_are_fartlek_equal_ones_are_not() {
        let cfg = SegmentConfig::default();
        let varied: Vec<Surge> = [30.0, 120.0, 45.0, 180.0, 60.0].map(surge).into();
        assert!(is_fartlek(&varied, 3000.0, &cfg));
        assert!(
            !is_fartlek(&varied, 6000.0, &cfg),
            "too small a share of the run"
        );
        let equal: Vec<Surge> = [60.0, 62.0, 61.0, 60.0, 59.0].map(surge).into();
        assert!(!is_fartlek(&equal, 3000.0, &cfg));
        assert!(!is_fartlek(&varied[..2], 3000.0, &cfg));
        let short: Vec<Surge> = [25.0, 80.0, 30.0, 70.0, 40.0, 90.0].map(surge).into();
        assert!(
            !is_fartlek(&short, 1000.0, &cfg),
            "one sustained surge only"
        );
    }
}
