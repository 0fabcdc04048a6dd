//! Heart rates that are not heart rates: values outside `HR_MIN_BPM..=HR_MAX_BPM` (255 is the
//! "no value" of ANT+ and FIT, written as data by some converters; in samples, lap averages and
//! maxima and the device's session totals alike) and a value stuck unchanged
//! for `HR_STUCK_S` or more (a strap that lost contact repeats its last reading) become `NaN`,
//! with a warning, before any average, zone or load sees them.

use crate::model::Activity;

/// Lowest credible heart rate (bpm).
pub const HR_MIN_BPM: f64 = 25.0;
/// Highest credible heart rate (bpm).
pub const HR_MAX_BPM: f64 = 250.0;
/// A heart rate repeated unchanged for this long (s) is a stuck sensor, not a heart ...
pub const HR_STUCK_S: f64 = 300.0;
/// ... over at least this many samples ...
pub const HR_STUCK_MIN_SAMPLES: usize = 30;
/// ... with no recording gap longer than this (s) between them.
pub const HR_STUCK_GAP_S: f64 = 30.0;

/// Drop heart rates that are not heart rates (see the module documentation).
pub fn drop_implausible(act: &mut Activity) {
    let s = &mut act.samples;
    let n = s.hr_bpm.len().min(s.time_s.len());
    let mut out_of_range = 0usize;
    for v in s.hr_bpm[..n].iter_mut() {
        if v.is_finite() && !(HR_MIN_BPM..=HR_MAX_BPM).contains(v) {
            *v = f64::NAN;
            out_of_range += 1;
        }
    }
    let mut stuck = 0usize;
    let mut i = 0;
    while i < n {
        let v = s.hr_bpm[i];
        let mut j = i + 1;
        // A run of equal readings ends at a recording gap: equal values either side of a
        // stop are two readings, not a stuck sensor.
        while j < n && s.hr_bpm[j] == v && s.time_s[j] - s.time_s[j - 1] <= HR_STUCK_GAP_S {
            j += 1;
        }
        if v.is_finite()
            && j - i >= HR_STUCK_MIN_SAMPLES
            && s.time_s[j - 1] - s.time_s[i] >= HR_STUCK_S
        {
            s.hr_bpm[i..j].iter_mut().for_each(|x| *x = f64::NAN);
            stuck += j - i;
        }
        i = j;
    }
    // The same "no value" in the device's lap and session summaries (a lap table of 255s).
    let credible = |v: &mut Option<f64>| {
        if v.is_some_and(|x| !(HR_MIN_BPM..=HR_MAX_BPM).contains(&x)) {
            *v = None;
        }
    };
    for lap in &mut act.laps {
        credible(&mut lap.avg_hr_bpm);
        credible(&mut lap.max_hr_bpm);
    }
    if let Some(d) = &mut act.device {
        credible(&mut d.avg_hr_bpm);
        credible(&mut d.max_hr_bpm);
    }
    if out_of_range > 0 {
        act.warnings.push(format!(
            "{out_of_range} heart-rate value(s) outside {HR_MIN_BPM:.0}–{HR_MAX_BPM:.0} bpm ignored"
        ));
    }
    if stuck > 0 {
        act.warnings.push(format!(
            "{stuck} heart-rate value(s) stuck unchanged for {HR_STUCK_S:.0} s or more ignored"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, SamplePoint, SourceFormat};

    fn act(t: Vec<f64>, hr: Vec<f64>) -> Activity {
        let mut a = Activity::new(Meta::new("t", SourceFormat::Fit));
        for (&time_s, &hr_bpm) in t.iter().zip(&hr) {
            a.samples.push(SamplePoint {
                time_s,
                hr_bpm,
                ..Default::default()
            });
        }
        a
    }

    #[test]
    fn constant_255_and_stuck_values_go() {
        let t: Vec<f64> = (0..400).map(f64::from).collect();
        let mut a = act(t.clone(), vec![255.0; 400]);
        drop_implausible(&mut a);
        assert!(a.samples.hr_bpm.iter().all(|v| v.is_nan()));
        let mut b = act(t.clone(), vec![150.0; 400]);
        drop_implausible(&mut b);
        assert!(b.samples.hr_bpm.iter().all(|v| v.is_nan()));
        let live: Vec<f64> = (0..400).map(|i| 140.0 + f64::from(i % 7)).collect();
        let mut c = act(t, live.clone());
        drop_implausible(&mut c);
        assert_eq!(c.samples.hr_bpm, live);
        assert!(c.warnings.is_empty());
    }

    #[test]
    fn lap_summaries_of_255_go_too() {
        let mut a = act(vec![0.0, 1.0], vec![140.0, 141.0]);
        a.laps.push(crate::model::Lap {
            avg_hr_bpm: Some(255.0),
            max_hr_bpm: Some(255.0),
            ..Default::default()
        });
        a.laps.push(crate::model::Lap {
            avg_hr_bpm: Some(150.0),
            ..Default::default()
        });
        drop_implausible(&mut a);
        assert_eq!(a.laps[0].avg_hr_bpm, None);
        assert_eq!(a.laps[0].max_hr_bpm, None);
        assert_eq!(a.laps[1].avg_hr_bpm, Some(150.0));
    }
}
