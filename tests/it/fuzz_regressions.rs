//! Inputs the fuzzers (fuzz/run.sh, docs/robustness.md) found to crash, hang or exhaust memory,
//! rebuilt by hand and named after what they caught. Each must now finish cleanly.

use lapwise::analysis::{Options, analyze};
use lapwise::clean::{CleanConfig, clean};
use lapwise::model::{Activity, Meta, SamplePoint, SourceFormat, Sport};

fn run_with_distances(distances: &[f64]) -> Activity {
    let mut meta = Meta::new("regression", SourceFormat::Fit);
    meta.sport = Sport::Running;
    let mut act = Activity::new(meta);
    for (i, &d) in distances.iter().enumerate() {
        act.samples.push(SamplePoint {
            time_s: i as f64,
            distance_m: d,
            speed_mps: 3.0,
            ..Default::default()
        });
    }
    act
}

/// fuzz pipeline, out of memory: a device distance of ~1e30 m made the split finder push one
/// boundary per mile up to it (billions of them).
#[test]
fn absurd_device_distance_does_not_explode_splits() {
    let mut d: Vec<f64> = (0..600).map(|i| i as f64 * 3.0).collect();
    d[300] = 1.0e30;
    d[400] = 4.0e12;
    let mut act = run_with_distances(&d);
    clean(&mut act, &CleanConfig::default());
    let total = *act.samples.distance_m.last().unwrap();
    assert!((total - 1797.0).abs() < 1.0, "distance {total}");
    assert!(act.warnings.iter().any(|w| w.contains("impossible")));
    let analysis = analyze(&act, &Options::default());
    assert_eq!(analysis.segmentation.splits.len(), 2);
}

/// The split finder itself stays bounded on uncleaned input.
#[test]
fn split_boundaries_are_capped_on_uncleaned_input() {
    let t = [0.0, 1.0];
    let d = [0.0, 1.0e30];
    let b = lapwise::segment::splits::unit_boundaries(&t, &d, 1609.344);
    assert_eq!(b.len(), lapwise::segment::splits::MAX_BOUNDARIES);
}
