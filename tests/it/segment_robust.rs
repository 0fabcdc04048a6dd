//! segment() never panics, whatever the columns hold.

use lapwise::model::{Activity, Lap, Meta, Pause, SamplePoint, SourceFormat};
use lapwise::segment::{SegmentConfig, segment};
use proptest::prelude::*;

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -10.0f64..5000.0,
        1 => Just(f64::NAN),
        1 => Just(0.0),
    ]
}

proptest! {
    #[test]
    fn never_panics(
        rows in prop::collection::vec((0.0f64..5.0, value(), value(), value(), value(), any::<bool>()), 0..400),
        laps in prop::collection::vec((0.0f64..2000.0, 0.0f64..300.0, value()), 0..6),
        pause in prop::option::of((0.0f64..1000.0, 0.0f64..200.0)),
        metric in any::<bool>(),
    ) {
        let mut act = Activity::new(Meta::new("prop", SourceFormat::Gpx));
        let mut t = 0.0;
        let mut d = 0.0;
        for (dt, dd, v, alt, hr, moving) in rows {
            t += dt + 0.01;
            if dd.is_finite() { d += dd.abs() / 100.0; }
            act.samples.push(SamplePoint {
                time_s: t,
                distance_m: if dd.is_nan() { f64::NAN } else { d },
                speed_mps: v / 500.0,
                altitude_m: alt,
                hr_bpm: hr,
                ..Default::default()
            });
            if let Some(m) = act.samples.moving.last_mut() { *m = moving; }
        }
        for (a, len, dist) in laps {
            act.laps.push(Lap { start_s: a, end_s: a + len, distance_m: Some(dist), trigger: Some(lapwise::model::LapTrigger::Manual), ..Default::default() });
        }
        if let Some((a, len)) = pause {
            act.pauses.push(Pause {
                start_s: a,
                end_s: a + len,
                source: lapwise::model::PauseSource::Gap,
            });
        }
        let cfg = if metric { SegmentConfig::metric() } else { SegmentConfig::default() };
        let seg = segment(&act, &cfg);
        prop_assert!(serde_json::to_string(&seg).is_ok());
    }
}

#[test]
fn empty_and_single_sample() {
    let mut act = Activity::new(Meta::new("e", SourceFormat::Fit));
    let seg = segment(&act, &SegmentConfig::default());
    assert!(seg.splits.is_empty() && seg.best_efforts.is_empty());
    act.samples.push(SamplePoint {
        time_s: 0.0,
        distance_m: 0.0,
        ..Default::default()
    });
    let seg = segment(&act, &SegmentConfig::default());
    assert!(seg.best_efforts.is_empty());
}
