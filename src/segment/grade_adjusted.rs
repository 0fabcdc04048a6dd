//! Grade-adjusted speed: what running at a speed on a slope costs, as the flat speed of the
//! same cost. The energy cost of running on a grade is Minetti et al.'s polynomial (J Appl
//! Physiol 93:1039–1046, 2002), measured on a treadmill from −45 % to +45 %:
//! `C(i) = 155.4 i⁵ − 30.4 i⁴ − 43.3 i³ + 46.3 i² + 19.5 i + 3.6` J·kg⁻¹·m⁻¹, `i` the grade
//! as a fraction. The grade-adjusted speed is `v × C(i) / C(0)`.

/// Steepest grade of Minetti's measurements; steeper grades are clamped to it.
pub const MINETTI_MAX_GRADE: f64 = 0.45;

/// Energy cost of running (J per kg per m) on grade `i` (rise over run, a fraction).
pub fn minetti_cost(i: f64) -> f64 {
    let i = i.clamp(-MINETTI_MAX_GRADE, MINETTI_MAX_GRADE);
    ((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + 3.6
}

/// How much more (or less) running on grade `i` costs than running on the flat.
pub fn cost_ratio(i: f64) -> f64 {
    minetti_cost(i) / minetti_cost(0.0)
}

/// Grade-adjusted speed per sample: `speed × cost_ratio(grade)`, the grade taken between the
/// samples bracketing `t − half_s` and `t + half_s` (so a smart recording with fixes seconds
/// apart keeps its grade) on the (smoothed) altitude `alt` and the distance `d`; where that window covers less than `min_run_m` of distance the grade is unknown and
/// taken as flat. `NaN` speeds stay `NaN`. O(n) with two monotone pointers.
pub fn grade_adjusted_speed(
    t: &[f64],
    d: &[f64],
    alt: &[f64],
    speed: &[f64],
    half_s: f64,
    min_run_m: f64,
) -> Vec<f64> {
    grades(t, d, alt, half_s, min_run_m)
        .iter()
        .zip(speed)
        .map(|(&g, &v)| v * cost_ratio(g))
        .collect()
}

/// The grade (rise over run) at each sample, as [`grade_adjusted_speed`] takes it: between the
/// samples bracketing `t − half_s` and `t + half_s`, 0 where that window covers less than
/// `min_run_m`.
pub fn grades(t: &[f64], d: &[f64], alt: &[f64], half_s: f64, min_run_m: f64) -> Vec<f64> {
    let n = t.len().min(d.len()).min(alt.len());
    let (mut lo, mut hi) = (0usize, 0usize);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        // The window reaches the samples bracketing t ± half_s, so sparse (smart) recording
        // still has a grade: the last sample at or before t − half_s ...
        while lo < i && t[lo + 1] <= t[i] - half_s {
            lo += 1;
        }
        // ... and the first at or after t + half_s.
        hi = hi.max(i);
        while hi + 1 < n && t[hi] < t[i] + half_s {
            hi += 1;
        }
        let (run, rise) = (d[hi] - d[lo], alt[hi] - alt[lo]);
        let grade = if run >= min_run_m && rise.is_finite() {
            rise / run
        } else {
            0.0
        };
        out.push(grade);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked example (docs/metrics.md): on the flat the cost is 3.6 J/kg/m; at +10 % it is
    /// 155.4e-5 − 30.4e-4 − 43.3e-3 + 46.3e-2 + 1.95 + 3.6 = 5.9682 (×1.658); at −10 % it is
    /// −155.4e-5 − 30.4e-4 + 43.3e-3 + 46.3e-2 − 1.95 + 3.6 = 2.1517 (×0.598).
    #[test]
    fn minetti_worked_example() {
        assert!((minetti_cost(0.0) - 3.6).abs() < 1e-12);
        assert!(
            (minetti_cost(0.10) - 5.968214).abs() < 1e-4,
            "{}",
            minetti_cost(0.10)
        );
        assert!(
            (minetti_cost(-0.10) - 2.151706).abs() < 1e-4,
            "{}",
            minetti_cost(-0.10)
        );
        assert!((cost_ratio(0.10) - 1.657837).abs() < 1e-3);
        // The cheapest running is downhill at about −20 %, and steeper is dearer again.
        assert!(minetti_cost(-0.2) < minetti_cost(-0.1));
        assert!(minetti_cost(-0.45) > minetti_cost(-0.2));
    }

    #[test]
    fn grade_adjusted_speed_on_a_steady_climb() {
        let t: Vec<f64> = (0..60).map(f64::from).collect();
        let d: Vec<f64> = t.iter().map(|x| 3.0 * x).collect();
        let alt: Vec<f64> = d.iter().map(|x| 0.06 * x).collect();
        let v = vec![3.0; 60];
        let g = grade_adjusted_speed(&t, &d, &alt, &v, 5.0, 10.0);
        assert!((g[30] - 3.0 * cost_ratio(0.06)).abs() < 1e-9);
        // Standing still (no distance in the window): flat.
        let still = grade_adjusted_speed(&t, &vec![0.0; 60], &alt, &v, 5.0, 10.0);
        assert!((still[30] - 3.0).abs() < 1e-12);
    }
}
