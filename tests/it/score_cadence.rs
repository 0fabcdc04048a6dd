//! Cadence shares, walking exclusion, pace bands.

use crate::score_support;

use score_support::*;

#[test]
fn shares_add_up_to_100_percent_of_running_time() {
    let mut s = Vec::new();
    cover(&mut s, 2.7, 3000.0);
    s.extend(std::iter::repeat_n(1.3, 120)); // walking break
    cover(&mut s, 4.2, 2000.0);
    cover(&mut s, 5.6, 1000.0);
    let a = analysed(run(&s, 0.2, 9, cadence_model));
    let c = a.analysis.scores.cadence.expect("cadence score");
    let total = c.below_pct + c.in_band_pct + c.above_pct;
    assert!((total - 100.0).abs() < 1e-6, "{c:?}");
    assert!(
        c.below_pct > 0.0 && c.in_band_pct > 0.0 && c.above_pct > 0.0,
        "{c:?}"
    );
    // The walking break is excluded.
    assert!((c.walking_s - 120.0).abs() <= 3.0, "{c:?}");
    // Cadence rises with speed across pace bands.
    let avgs: Vec<f64> = c.pace_bands.iter().map(|b| b.avg_spm).collect();
    assert!(avgs.windows(2).all(|w| w[1] > w[0]), "{avgs:?}");
    // Step length = speed / cadence: 2.7 m/s at ~155 spm ≈ 1.05 m.
    let slow = &c.pace_bands[0];
    assert!(
        (slow.step_length_m - 2.7 * 60.0 / cadence_model(2.7)).abs() < 0.05,
        "{slow:?}"
    );
}

#[test]
fn steady_run_in_band_is_in_band() {
    let a = analysed(run(&vec![3.5; 1800], 0.1, 2, |_| 175.0));
    let c = a.analysis.scores.cadence.expect("cadence");
    assert!(c.in_band_pct > 99.0, "{c:?}");
    assert!((c.avg_spm - 175.0).abs() < 0.5);
    assert!(c.drift_spm.abs() < 1.0);
    assert!(c.verdict.contains("individual"));
}

#[test]
fn no_cadence_channel_means_no_score() {
    let a = analysed(run(&vec![3.5; 600], 0.1, 2, |_| f64::NAN));
    assert!(a.analysis.scores.cadence.is_none());
}
