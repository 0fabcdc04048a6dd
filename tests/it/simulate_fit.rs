//! Simulated FIT files decode with fitparser (CRC checks on) and give back the simulator's values.

use fitparser::profile::MesgNum;
use fitparser::{FitDataRecord, Value};
use lapwise::simulate::{self, OutputFormat, SimOptions};

fn field<'a>(r: &'a FitDataRecord, name: &str) -> Option<&'a Value> {
    r.fields()
        .iter()
        .find(|f| f.name() == name)
        .map(|f| f.value())
}

fn num(r: &FitDataRecord, name: &str) -> Option<f64> {
    match field(r, name)? {
        Value::Float64(v) => Some(*v),
        Value::Float32(v) => Some(*v as f64),
        Value::UInt8(v) => Some(*v as f64),
        Value::UInt16(v) => Some(*v as f64),
        Value::UInt32(v) => Some(*v as f64),
        Value::SInt32(v) => Some(*v as f64),
        _ => None,
    }
}

fn sim(plan: &str, seed: u64) -> simulate::Simulation {
    let opts = SimOptions {
        seed,
        ..SimOptions::default()
    };
    simulate::simulate(plan, &opts).expect("plan simulates")
}

#[test]
fn track_workout_decodes_with_fitparser() {
    let s = sim(
        "2mi @ 9:00/mi; 6 x 400m @ 1:30 rest 2:00 jog; 4 x 20s strides; 1mi @ 9:30/mi",
        7,
    );
    let bytes = simulate::encode(&s, OutputFormat::Fit);
    let recs = fitparser::from_bytes(&bytes).expect("fitparser decodes with CRC checks");
    let records: Vec<_> = recs
        .iter()
        .filter(|r| r.kind() == MesgNum::Record)
        .collect();
    assert_eq!(records.len(), s.recording.len());
    let laps: Vec<_> = recs.iter().filter(|r| r.kind() == MesgNum::Lap).collect();
    assert_eq!(laps.len(), s.truth.laps.len());
    let session = recs
        .iter()
        .find(|r| r.kind() == MesgNum::Session)
        .expect("session");
    let dist = num(session, "total_distance").expect("distance");
    assert!(
        (dist - s.truth.totals.device_distance_m).abs() < 0.02,
        "{dist}"
    );
    let true_d = s.truth.totals.true_distance_m;
    assert!(
        (dist - true_d).abs() / true_d < 0.04,
        "device {dist} vs true {true_d}"
    );
    // per-foot cadence plus fraction gives back steps/min
    let r = records[records.len() / 2];
    let cad = num(r, "cadence").unwrap() + num(r, "fractional_cadence").unwrap_or(0.0);
    assert!(cad > 55.0 && cad < 103.0, "{cad}");
    let act = recs
        .iter()
        .find(|r| r.kind() == MesgNum::Activity)
        .expect("activity");
    assert!(field(act, "local_timestamp").is_some());
    // lap distances sum to the session distance
    let lap_sum: f64 = laps.iter().filter_map(|l| num(l, "total_distance")).sum();
    assert!(
        (lap_sum - dist).abs() < 0.1 * laps.len() as f64,
        "{lap_sum} vs {dist}"
    );
    assert_eq!(s.truth.workout_type, "intervals");
    let work: Vec<_> = s
        .truth
        .segments
        .iter()
        .filter(|g| g.kind == simulate::motion::SegKind::Work)
        .collect();
    assert_eq!(work.len(), 6);
    for w in &work {
        assert!((w.distance_m - 400.0).abs() < 0.01);
        assert!((w.duration_s - 90.0).abs() < 4.0, "{}", w.duration_s);
    }
}

/// A FIT clock below 0x10000000 counts from the device's power-up (old watches such as the
/// FR70 write no date): lapwise reads no start date and says so, rather than a date in 1990.
#[test]
fn a_power_up_relative_fit_clock_has_no_start_date() {
    let opts = SimOptions {
        start_local: chrono::NaiveDate::from_ymd_opt(1995, 1, 1)
            .and_then(|d| d.and_hms_opt(8, 0, 0))
            .expect("date"),
        ..SimOptions::default()
    };
    let s = simulate::simulate("2mi easy", &opts).expect("plan simulates");
    let act = lapwise::ingest::read_bytes(&simulate::encode(&s, OutputFormat::Fit), "old.fit")
        .expect("reads")
        .remove(0);
    assert_eq!(act.meta.start_utc, None);
    assert!(act.warnings.iter().any(|w| w.contains("power-up")));
    // A date after 1998 is a date.
    let now = sim("2mi easy", 1);
    let act = lapwise::ingest::read_bytes(&simulate::encode(&now, OutputFormat::Fit), "now.fit")
        .expect("reads")
        .remove(0);
    assert!(act.meta.start_utc.is_some());
}
