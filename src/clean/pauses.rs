//! Pauses from recording gaps, and the per-sample timer and moving flags.

use super::CleanConfig;
use crate::model::{Activity, Pause, PauseSource};

/// Add a pause for every recording gap that is long (> `long_gap_s`), or longer than
/// `stopped_gap_s` while covering almost no distance, unless a device pause already covers it.
pub fn gap_pauses(act: &mut Activity, cfg: &CleanConfig) {
    let s = &act.samples;
    let v_stop = moving_speed(act, cfg);
    let mut added = Vec::new();
    for i in 1..s.len() {
        let (ta, tb) = (s.time_s[i - 1], s.time_s[i]);
        let dt = tb - ta;
        if dt <= cfg.stopped_gap_s {
            continue;
        }
        let dd = s.distance_m[i] - s.distance_m[i - 1];
        let stopped = !dd.is_finite() || dd / dt < v_stop;
        if dt <= cfg.long_gap_s && !stopped {
            continue;
        }
        let covered = act
            .pauses
            .iter()
            .any(|p| p.start_s < tb - 1.0 && p.end_s > ta + 1.0);
        if !covered {
            added.push(Pause {
                start_s: ta,
                end_s: tb,
                source: PauseSource::Gap,
            });
        }
    }
    if !added.is_empty() {
        act.pauses.extend(added);
        act.pauses.sort_by(|a, b| a.start_s.total_cmp(&b.start_s));
    }
}

/// The speed below which this activity's athlete counts as stopped.
pub fn moving_speed(act: &Activity, cfg: &CleanConfig) -> f64 {
    if act.meta.sport.is_on_foot() {
        cfg.moving_speed_on_foot_mps
    } else {
        cfg.moving_speed_other_mps
    }
}

/// Set `timer_running[i]` (the interval ending at sample `i` lies outside every pause that
/// stops the timer) and `moving[i]` (outside every pause, and speed at or above the moving
/// speed; without speed data, moving whenever outside a pause).
///
/// When the file records the device timer ([`crate::model::Meta::timer_events`]), recording
/// gaps stop only the moving clock; otherwise they stop the timer too.
pub fn mark_timer_and_moving(act: &mut Activity, cfg: &CleanConfig) {
    let v_stop = moving_speed(act, cfg);
    let gaps_stop_timer = !act.meta.timer_events;
    let mut pauses = act.pauses.clone();
    pauses.sort_by(|a, b| a.start_s.total_cmp(&b.start_s));
    let s = &mut act.samples;
    let has_speed = s.speed_mps.iter().any(|v| v.is_finite());
    for i in 0..s.len() {
        let (mut in_timer_pause, mut in_any_pause) = (false, false);
        if i > 0 {
            let mid = 0.5 * (s.time_s[i - 1] + s.time_s[i]);
            // Pauses are few; a binary search finds the candidates that start before `mid`.
            let upto = pauses.partition_point(|p| p.start_s <= mid);
            for p in pauses[..upto].iter().rev().take(4) {
                if p.end_s > mid {
                    in_any_pause = true;
                    if p.source == PauseSource::Timer || gaps_stop_timer {
                        in_timer_pause = true;
                    }
                }
            }
        }
        s.timer_running[i] = !in_timer_pause;
        let v = s.speed_mps[i];
        s.moving[i] = !in_any_pause && (!has_speed || (v.is_finite() && v >= v_stop));
    }
}
