//! Tempo: a sustained block (15–45 min by default) clearly faster than easy pace.

use serde::Serialize;

use super::SegmentConfig;
use super::profile::{SpeedProfile, hysteresis_blocks, is_moving};
use super::series::window_stats;
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

/// Tempo blocks: speed smoothed over `cfg.tempo.tempo_smooth_s` rises above easy ×
/// `cfg.tempo.tempo_enter_ratio` and stays above easy × `cfg.tempo.tempo_exit_ratio` (gaps shorter than
/// `cfg.tempo.tempo_merge_gap_s` merged) for `cfg.tempo.tempo_min_s..=cfg.tempo.tempo_max_s`, at a moving pace at
/// least `cfg.tempo.tempo_vs_rest_ratio` × the moving pace of the rest of the run. "Easy" here is the
/// `cfg.tempo.tempo_easy_percentile` of moving smoothed speed (lower than the interval baseline,
/// because a tempo can fill most of the run). Returns the blocks and that easy speed.
pub fn detect_tempo(act: &Activity, prof: &SpeedProfile, cfg: &SegmentConfig) -> (Vec<Tempo>, f64) {
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
    if easy <= 0.0 {
        return (Vec::new(), easy);
    }
    let blocks = hysteresis_blocks(
        &s.time_s,
        &slow,
        easy * cfg.tempo.tempo_enter_ratio,
        easy * cfg.tempo.tempo_exit_ratio,
        cfg.tempo.tempo_merge_gap_s,
        cfg.tempo.tempo_min_s,
    );
    let (t0, t1) = (
        s.time_s.first().copied().unwrap_or(0.0),
        s.time_s.last().copied().unwrap_or(0.0),
    );
    let whole = window_stats(s, &[], t0, t1);
    let out = blocks
        .into_iter()
        .filter_map(|(a, b)| {
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
            Some(Tempo {
                start_s: ta,
                end_s: tb,
                distance_m: w.distance_m,
                elapsed_s: dur,
                avg_speed_mps: w.distance_m / dur.max(1e-9),
                avg_hr_bpm: w.avg_hr_bpm,
            })
        })
        .collect();
    (out, easy)
}
