//! Best efforts: never slower than a full split, exact on constant pace, linear cost.

use std::time::Instant;

use lapwise::segment::best_efforts::fastest_window;
use lapwise::segment::synth::{Rng, run_from_speeds};
use lapwise::segment::{SegmentConfig, best_efforts, splits};
use proptest::prelude::*;

proptest! {
    #[test]
    fn best_mile_never_slower_than_fastest_full_mile_split(
        speeds in prop::collection::vec(0.0f64..6.5, 400..3000),
        seed in 0u64..4,
    ) {
        let act = run_from_speeds(&speeds, seed);
        let cfg = SegmentConfig::default();
        let sp = splits(&act, 1609.344, &[], 1.0);
        let fastest_split = sp
            .iter()
            .filter(|s| !s.partial && (s.distance_m - 1609.344).abs() < 1e-6)
            .map(|s| s.elapsed_s)
            .fold(f64::INFINITY, f64::min);
        let be = best_efforts(&act, &cfg);
        if let Some(mile) = be.iter().find(|b| b.name == "1 mile") {
            prop_assert!(mile.elapsed_s <= fastest_split + 1e-6);
            prop_assert!((mile.end_s - mile.start_s - mile.elapsed_s).abs() < 1e-9);
        } else {
            prop_assert!(fastest_split.is_infinite());
        }
    }

    #[test]
    fn window_distance_is_exact(
        speeds in prop::collection::vec(0.0f64..6.0, 50..800),
        dist in 10.0f64..400.0,
    ) {
        let act = run_from_speeds(&speeds, 0);
        let s = &act.samples;
        if let Some((a, b)) = fastest_window(&s.time_s, &s.distance_m, dist) {
            let da = lapwise::segment::series::value_at_time(&s.time_s, &s.distance_m, a);
            let db = lapwise::segment::series::value_at_time(&s.time_s, &s.distance_m, b);
            prop_assert!((db - da - dist).abs() < 1e-6, "{} vs {}", db - da, dist);
        }
    }
}

#[test]
fn five_hour_run_is_fast_and_linear() {
    // 5 h at 1 Hz = 18 000 samples; and a 20 h stress run (72 000). A quadratic search would
    // take ~5·10⁹ steps on the latter; the linear one finishes in milliseconds.
    let mut rng = Rng::new(7);
    let speeds: Vec<f64> = (0..72_000).map(|_| 2.5 + rng.next_f64()).collect();
    let act = run_from_speeds(&speeds, 3);
    let cfg = SegmentConfig::default();
    let t0 = Instant::now();
    let be = best_efforts(&act, &cfg);
    let took = t0.elapsed();
    assert_eq!(be.len(), 13);
    assert!(took.as_secs_f64() < 3.0, "best efforts took {took:?}");
}
