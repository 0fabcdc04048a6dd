//! Device laps as hints of workout structure.

use crate::model::{Activity, Lap, LapIntensity, LapTrigger};

fn intensity_in(lap: &Lap, values: &[LapIntensity]) -> bool {
    lap.intensity.is_some_and(|v| values.contains(&v))
}

/// Whether the device laps describe the workout's structure: at least two manual laps
/// (besides the last, which often just closes the session), laps from at least two
/// structured-workout steps, or intensities that mix work (active / interval) with rest
/// (rest / recovery). Distance / time auto-laps and an intensity that is the same on every
/// lap are not structure.
pub fn laps_are_structure(act: &Activity) -> bool {
    let laps = &act.laps;
    if laps.len() < 2 {
        return false;
    }
    let body = &laps[..laps.len() - 1];
    // "Manual" laps of exactly 1000 m or a mile are auto-laps (Garmin Connect's TCX export).
    let auto = |l: &Lap| {
        l.distance_m.is_some_and(|d| {
            [1000.0, crate::model::MILE_M]
                .iter()
                .any(|a| (d - a).abs() <= 0.5)
        })
    };
    let manual = body
        .iter()
        .filter(|l| l.trigger == Some(LapTrigger::Manual) && !auto(l))
        .count();
    if manual >= 2 {
        return true;
    }
    let mut steps: Vec<u32> = laps.iter().filter_map(|l| l.wkt_step_index).collect();
    steps.sort_unstable();
    steps.dedup();
    if steps.len() >= 2 {
        return true;
    }
    let work = laps
        .iter()
        .any(|l| intensity_in(l, &[LapIntensity::Active, LapIntensity::Interval]));
    let rest = laps
        .iter()
        .any(|l| intensity_in(l, &[LapIntensity::Rest, LapIntensity::Recovery]));
    work && rest
}

/// Lap boundary times (each lap's start and end), sorted and deduplicated.
pub fn lap_boundaries(act: &Activity) -> Vec<f64> {
    let mut b: Vec<f64> = act
        .laps
        .iter()
        .flat_map(|l| [l.start_s, l.end_s])
        .filter(|x| x.is_finite())
        .collect();
    b.sort_by(f64::total_cmp);
    b.dedup_by(|a, b| (*a - *b).abs() < 1e-6);
    b
}

/// The lap boundary nearest to `t` within `tol_s`, if any.
pub fn nearest_boundary(bounds: &[f64], t: f64, tol_s: f64) -> Option<f64> {
    let i = bounds.partition_point(|&x| x < t);
    [i.checked_sub(1), Some(i)]
        .into_iter()
        .flatten()
        .filter_map(|k| bounds.get(k).copied())
        .filter(|b| (b - t).abs() <= tol_s)
        .min_by(|a, b| (a - t).abs().total_cmp(&(b - t).abs()))
}

/// Place a refined boundary `r` on a structural lap boundary within `tol_s`. Devices write a
/// lap on a recorded sample, so with smart recording the press happened somewhere in the
/// recording gap that the lap's sample closes: `r` is clamped into [sample before the lap
/// boundary, lap boundary] (at 1 Hz that is the lap boundary within 1 s). Without a lap
/// boundary nearby, `r` is returned.
pub fn snap_to_lap(t: &[f64], bounds: &[f64], r: f64, tol_s: f64) -> f64 {
    let Some(b) = nearest_boundary(bounds, r, tol_s) else {
        return r;
    };
    let i = t.partition_point(|&x| x < b);
    let before = i
        .checked_sub(1)
        .and_then(|k| t.get(k))
        .copied()
        .unwrap_or(b);
    r.clamp(before.min(b), b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::synth::constant_run;

    fn lap(trigger: &str, intensity: &str, step: Option<u32>) -> Lap {
        Lap {
            trigger: Some(LapTrigger::from_name(trigger)),
            intensity: Some(LapIntensity::from_name(intensity)),
            wkt_step_index: step,
            ..Default::default()
        }
    }

    #[test]
    fn structure_rules() {
        let mut act = constant_run(3.0, 10);
        act.laps = vec![lap("distance", "active", None); 5];
        assert!(!laps_are_structure(&act), "auto-laps, same intensity");
        act.laps[1] = lap("manual", "active", None);
        act.laps[3] = lap("manual", "active", None);
        assert!(laps_are_structure(&act));
        act.laps = vec![
            lap("distance", "active", None),
            lap("distance", "rest", None),
        ];
        assert!(laps_are_structure(&act));
        act.laps = vec![
            lap("time", "active", Some(0)),
            lap("time", "active", Some(1)),
        ];
        assert!(laps_are_structure(&act));
    }

    #[test]
    fn snapping_inside_a_recording_gap() {
        let t = [0.0, 1.0, 2.0, 6.0, 7.0];
        assert_eq!(snap_to_lap(&t, &[6.0], 3.5, 8.0), 3.5);
        assert_eq!(snap_to_lap(&t, &[6.0], 1.0, 8.0), 2.0);
        assert_eq!(snap_to_lap(&t, &[7.0], 5.0, 8.0), 6.0);
    }

    #[test]
    fn nearest() {
        let b = [10.0, 20.0, 30.0];
        assert_eq!(nearest_boundary(&b, 21.0, 5.0), Some(20.0));
        assert_eq!(nearest_boundary(&b, 26.0, 3.0), None);
    }
}
