//! Altitudes that are not altitudes: an altitude of exactly 0 m written where the device had
//! none. A track whose every altitude is exactly 0 has no altitude at all (phone apps write
//! `<ele>0</ele>` for flat "elevation"); a run of exact zeros next to a real altitude at least
//! [`ALT_PLACEHOLDER_STEP_M`] away is a placeholder before the altimeter's or GPS's first fix
//! (a 0 → 707 m step read as 2,300 ft of climbing). Both become `NaN`, with a warning, before
//! ascent, grades or hills see them.

use crate::model::Activity;

/// A run of exact zeros this far (m) from the altitude beside it is a placeholder.
pub const ALT_PLACEHOLDER_STEP_M: f64 = 50.0;

/// Drop placeholder altitudes (see the module documentation).
pub fn drop_placeholder_zeros(act: &mut Activity) {
    let alt = &mut act.samples.altitude_m;
    let finite = alt.iter().filter(|a| a.is_finite()).count();
    if finite == 0 {
        return;
    }
    if alt.iter().filter(|a| a.is_finite()).all(|&a| a == 0.0) {
        alt.iter_mut().for_each(|a| *a = f64::NAN);
        act.warnings
            .push("every altitude is exactly 0 m: the file has no elevation".to_string());
        return;
    }
    let n = alt.len();
    let mut dropped = 0usize;
    let mut i = 0;
    while i < n {
        if alt[i] != 0.0 {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && (alt[j] == 0.0 || alt[j].is_nan()) {
            j += 1;
        }
        // The real altitudes on either side of the run of zeros (NaN gaps inside it skipped).
        let before = alt[..i].iter().rev().find(|a| a.is_finite()).copied();
        let after = alt.get(j).copied().filter(|a| a.is_finite());
        let far = |a: Option<f64>| a.is_some_and(|a| a.abs() >= ALT_PLACEHOLDER_STEP_M);
        if far(before) || far(after) {
            for a in &mut alt[i..j] {
                if *a == 0.0 {
                    *a = f64::NAN;
                    dropped += 1;
                }
            }
        }
        i = j;
    }
    if dropped > 0 {
        act.warnings.push(format!(
            "{dropped} altitude(s) of exactly 0 m beside real altitudes ignored (no fix yet)"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, SamplePoint, SourceFormat};

    fn act(alt: &[f64]) -> Activity {
        let mut a = Activity::new(Meta::new("t", SourceFormat::Gpx));
        for (i, &altitude_m) in alt.iter().enumerate() {
            a.samples.push(SamplePoint {
                time_s: i as f64,
                altitude_m,
                ..Default::default()
            });
        }
        a
    }

    #[test]
    fn zeros_before_the_first_fix_go() {
        let mut a = act(&[0.0, 0.0, 0.0, 707.0, 707.2, 708.0]);
        drop_placeholder_zeros(&mut a);
        assert!(a.samples.altitude_m[..3].iter().all(|v| v.is_nan()));
        assert_eq!(a.samples.altitude_m[3..], [707.0, 707.2, 708.0]);
        assert_eq!(a.warnings.len(), 1);
    }

    #[test]
    fn an_all_zero_track_has_no_elevation() {
        let mut a = act(&[0.0; 5]);
        drop_placeholder_zeros(&mut a);
        assert!(a.samples.altitude_m.iter().all(|v| v.is_nan()));
    }

    #[test]
    fn sea_level_zeros_stay() {
        let alt = [1.2, 0.4, 0.0, 0.0, 0.6, 1.0];
        let mut a = act(&alt);
        drop_placeholder_zeros(&mut a);
        assert_eq!(a.samples.altitude_m, alt);
        assert!(a.warnings.is_empty());
    }
}
