//! Sustained faster running inside a structured session's warm-up or cool-down: a block the
//! runner added that is not part of the reps or the tempo (a few minutes at 10 K pace before a
//! tempo, a moderate block after the reps). The warm-up and cool-down keep their extent; the
//! blocks are listed (JSON `extra_efforts`) and the structure line names them inside the
//! warm-up or cool-down that holds them.

use super::profile::{SpeedProfile, hysteresis_blocks};
use super::series::window_stats;
use super::smooth::window_speed;
use super::tempo::{Tempo, downhill, trim_to_pace};
use super::{Segment, SegmentConfig, SegmentKind};
use crate::model::Activity;

/// Blocks wholly inside the warm-up and cool-down `segments` where the 60 s speed
/// (`cfg.tempo.tempo_smooth_s`) rises above `easy_mps` × `cfg.tempo.tempo_enter_ratio` and stays
/// above `easy_mps` × `cfg.tempo.tempo_exit_ratio` (the tempo detector's hysteresis), trimmed to
/// where the runner reached the block's pace, lasting at least `cfg.tempo.extra_effort_min_s`,
/// run at a moving speed of at least `easy_mps` × `cfg.tempo.tempo_vs_running_ratio` and not
/// downhill. `easy_mps` is the session's easy pace (the running outside the reps or the tempo);
/// none without it.
pub fn extra_efforts(
    act: &Activity,
    prof: &SpeedProfile,
    alt: &[f64],
    segments: &[Segment],
    easy_mps: Option<f64>,
    cfg: &SegmentConfig,
) -> Vec<Tempo> {
    let Some(easy) = easy_mps.filter(|&e| e > 0.0) else {
        return Vec::new();
    };
    let s = &act.samples;
    let t = &s.time_s;
    let slow = window_speed(t, &prof.motion_m, cfg.tempo.tempo_smooth_s);
    let c = &cfg.tempo;
    let blocks = hysteresis_blocks(
        t,
        &slow,
        easy * c.tempo_enter_ratio,
        easy * c.tempo_exit_ratio,
        c.tempo_merge_gap_s,
        c.extra_effort_min_s,
    );
    let mut out = Vec::new();
    for seg in segments
        .iter()
        .filter(|g| matches!(g.kind, SegmentKind::Warmup | SegmentKind::Cooldown))
    {
        for &(a, b) in &blocks {
            // Only blocks inside the segment: one that runs on into the reps or the tempo is
            // the run-up to them (the main effort's edges sit up to two minutes off the
            // 60 s speed's), not running of its own.
            if t[a] < seg.start_s || t[b] > seg.end_s {
                continue;
            }
            let Some((a, b)) = trim_to_pace(s, &prof.motion_m, a, b, cfg) else {
                continue;
            };
            let (ta, tb) = (t[a], t[b]);
            let w = window_stats(s, &[], ta, tb);
            let v = w.distance_m / w.moving_s.max(1e-9);
            if tb - ta >= c.extra_effort_min_s
                && v >= easy * c.tempo_vs_running_ratio
                && !downhill(s, alt, (ta, tb), w.distance_m, cfg)
            {
                out.push(Tempo::over(s, ta, tb));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::segment::synth::{Profile, run_from_speeds};
    use crate::segment::{SegmentConfig, WorkoutType, segment};

    /// 10 min easy, `block` (5 min at 3.7 m/s, else easy), 5 min easy, a 20-minute tempo at
    /// 3.5 m/s, 10 min easy.
    fn session(block: bool) -> crate::segment::Segmentation {
        let p = Profile::default()
            .hold(2.8, 600)
            .hold(if block { 3.7 } else { 2.8 }, 300)
            .hold(2.8, 300)
            .hold(3.5, 1200)
            .hold(2.8, 600);
        segment(&run_from_speeds(&p.speeds, 0), &SegmentConfig::default())
    }

    #[test]
    fn a_fast_block_in_the_warm_up_is_listed() {
        let seg = session(true);
        assert_eq!(seg.workout.kind, WorkoutType::Tempo, "{:?}", seg.workout);
        assert_eq!(seg.extra_efforts.len(), 1, "{:?}", seg.extra_efforts);
        let e = &seg.extra_efforts[0];
        assert!(
            (e.start_s - 600.0).abs() <= 30.0 && (e.end_s - 900.0).abs() <= 30.0,
            "{e:?}"
        );
        assert!(session(false).extra_efforts.is_empty());
    }
}
