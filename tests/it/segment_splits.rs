//! Properties of splits on random synthetic runs.

use lapwise::segment::splits;
use lapwise::segment::synth::run_from_speeds;
use proptest::prelude::*;

proptest! {
    #[test]
    fn splits_sum_to_totals(
        speeds in prop::collection::vec(0.0f64..6.0, 1..2500),
        metric in any::<bool>(),
        seed in 0u64..5,
    ) {
        let unit = if metric { 1000.0 } else { 1609.344 };
        let act = run_from_speeds(&speeds, seed);
        let sp = splits(&act, unit, &[], 1.0);
        let total_d = act.samples.distance_m.last().copied().unwrap_or(0.0);
        let el: f64 = sp.iter().map(|s| s.elapsed_s).sum();
        let d: f64 = sp.iter().map(|s| s.distance_m).sum();
        prop_assert!((el - act.elapsed_s()).abs() < 1e-6, "elapsed {} vs {}", el, act.elapsed_s());
        prop_assert!((d - total_d).abs() < 1e-6, "distance {} vs {}", d, total_d);
        prop_assert!(sp.iter().filter(|s| s.partial).count() <= 1);
        for s in sp.iter().filter(|s| !s.partial).take(sp.len().saturating_sub(1)) {
            prop_assert!((s.distance_m - unit).abs() < 1e-6);
        }
    }
}
