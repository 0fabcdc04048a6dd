//! The same simulated run written as FIT, GPX and TCX reads back consistently: FIT via
//! fitparser (CRC checks on), GPX and TCX via quick-xml. Distances, durations and laps agree
//! with the truth within the stated tolerances.

use fitparser::Value;
use fitparser::profile::MesgNum;
use lapwise::simulate::{self, OutputFormat, SimOptions};
use quick_xml::Reader;
use quick_xml::events::Event;

/// Device distance in every format equals the truth's device distance within this (m).
const DEVICE_DISTANCE_TOL_M: f64 = 0.05;
/// Device distance is within this fraction of the true distance (GPS noise, corner cutting, a spike).
const TRUE_DISTANCE_TOL: f64 = 0.04;

/// Leaf elements as (local name, text) in document order, plus trkpt lat/lon attributes.
fn leaves(xml: &[u8]) -> Vec<(String, String)> {
    let mut r = Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut buf = Vec::new();
    loop {
        match r.read_event_into(&mut buf).expect("well-formed XML") {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if name == "trkpt" {
                    for a in e.attributes() {
                        let a = a.unwrap();
                        out.push((
                            String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                            String::from_utf8_lossy(&a.value).into_owned(),
                        ));
                    }
                }
                if name == "Lap" {
                    out.push(("Lap".into(), String::new()));
                }
                stack.push(name);
            }
            Event::Text(t) => {
                if let Some(top) = stack.last() {
                    let s = String::from_utf8_lossy(t.as_ref()).trim().to_string();
                    if !s.is_empty() {
                        out.push((top.clone(), s));
                    }
                }
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

fn values(l: &[(String, String)], name: &str) -> Vec<f64> {
    l.iter()
        .filter(|(k, _)| k == name)
        .filter_map(|(_, v)| v.parse().ok())
        .collect()
}

fn fit_num(r: &fitparser::FitDataRecord, name: &str) -> Option<f64> {
    r.fields()
        .iter()
        .find(|f| f.name() == name)
        .and_then(|f| match f.value() {
            Value::Float64(v) => Some(*v),
            Value::UInt8(v) => Some(*v as f64),
            Value::UInt16(v) => Some(*v as f64),
            Value::UInt32(v) => Some(*v as f64),
            _ => None,
        })
}

fn check_plan(plan: &str, seed: u64, smart: bool) {
    let opts = SimOptions {
        seed,
        smart: Some(smart),
        ..SimOptions::default()
    };
    let s = simulate::simulate(plan, &opts).unwrap();
    let t = &s.truth;
    let want = t.totals.device_distance_m;
    assert!(
        (want - t.totals.true_distance_m).abs() / t.totals.true_distance_m < TRUE_DISTANCE_TOL,
        "{plan}: device {want} vs true {}",
        t.totals.true_distance_m
    );
    // FIT
    let fit = fitparser::from_bytes(&simulate::encode(&s, OutputFormat::Fit)).expect("fitparser");
    let session = fit.iter().find(|r| r.kind() == MesgNum::Session).unwrap();
    assert!((fit_num(session, "total_distance").unwrap() - want).abs() < DEVICE_DISTANCE_TOL_M);
    assert!((fit_num(session, "total_elapsed_time").unwrap() - t.totals.elapsed_s).abs() < 0.01);
    let fit_laps: Vec<_> = fit.iter().filter(|r| r.kind() == MesgNum::Lap).collect();
    assert_eq!(fit_laps.len(), t.laps.len());
    for (fl, tl) in fit_laps.iter().zip(&t.laps) {
        assert!((fit_num(fl, "total_distance").unwrap() - tl.distance_m).abs() < 0.02);
        assert!((fit_num(fl, "total_timer_time").unwrap() - tl.timer_s).abs() < 0.01);
    }
    // TCX
    let tcx = leaves(&simulate::encode(&s, OutputFormat::Tcx));
    let lap_count = tcx.iter().filter(|(k, _)| k == "Lap").count();
    assert_eq!(lap_count, t.laps.len(), "{plan}: TCX laps");
    let lap_d: f64 = values(&tcx, "DistanceMeters").last().copied().unwrap();
    assert!(
        (lap_d - want).abs() < DEVICE_DISTANCE_TOL_M,
        "{plan}: TCX distance {lap_d} vs {want}"
    );
    let timer: f64 = values(&tcx, "TotalTimeSeconds").iter().sum();
    assert!(
        (timer - s.recording.timer_s() as f64).abs() < 0.5,
        "{plan}: TCX timer {timer}"
    );
    let tcx_points = tcx.iter().filter(|(k, _)| k == "Time").count();
    assert_eq!(tcx_points, s.recording.len(), "{plan}: TCX trackpoints");
    // GPX (only runs with positions)
    if s.recording.lat.iter().any(|v| v.is_finite()) {
        let gpx = leaves(&simulate::encode(&s, OutputFormat::Gpx));
        let lat = values(&gpx, "lat");
        let lon = values(&gpx, "lon");
        assert_eq!(
            lat.len(),
            s.recording.lat.iter().filter(|v| v.is_finite()).count()
        );
        let mut d = 0.0;
        for i in 1..lat.len() {
            let (p1, p2) = (lat[i - 1].to_radians(), lat[i].to_radians());
            let dl = (lon[i] - lon[i - 1]).to_radians();
            let a =
                ((p2 - p1) / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
            d += 2.0 * 6_371_008.8 * a.sqrt().asin();
        }
        // GPX has no distance: recomputed from positions it agrees with the device within tolerance
        assert!(
            (d - want).abs() / want < TRUE_DISTANCE_TOL,
            "{plan}: GPX path {d} vs {want}"
        );
        let hr = values(&gpx, "hr");
        assert!(!hr.is_empty() && hr.iter().all(|h| (40.0..=220.0).contains(h)));
    }
}

#[test]
fn three_formats_agree_for_each_kind_of_session() {
    for (plan, seed) in [
        (
            "2mi @ 9:00/mi; 6 x 400m @ 1:30 rest 2:00 jog; 4 x 20s strides; 1mi @ 9:30/mi",
            7,
        ),
        ("3mi easy; pause 30s; 1mi easy", 11),
        ("1.5mi wu; 8 x 10s hill sprints; 1.5mi cd", 4),
        ("1mi wu; mile tt @ 6:30; 1mi cd", 6),
        ("treadmill; 25min easy", 8),
        ("bike 30min", 9),
    ] {
        check_plan(plan, seed, false);
        check_plan(plan, seed, true);
    }
}

#[test]
fn deterministic_for_a_seed() {
    let opts = SimOptions {
        seed: 3,
        ..SimOptions::default()
    };
    let a = simulate::simulate("2mi easy; 4 x 20s strides", &opts).unwrap();
    let b = simulate::simulate("2mi easy; 4 x 20s strides", &opts).unwrap();
    for f in [OutputFormat::Fit, OutputFormat::Gpx, OutputFormat::Tcx] {
        assert_eq!(simulate::encode(&a, f), simulate::encode(&b, f));
    }
    let c =
        simulate::simulate("2mi easy; 4 x 20s strides", &SimOptions { seed: 4, ..opts }).unwrap();
    assert_ne!(
        simulate::encode(&a, OutputFormat::Fit),
        simulate::encode(&c, OutputFormat::Fit)
    );
}

#[test]
fn truth_segments_match_the_plan() {
    let s = simulate::simulate(
        "track; 1mi wu; 4 x 800m @ 3:10 rest 400m jog; 1mi cd",
        &SimOptions::default(),
    )
    .unwrap();
    let kinds: Vec<_> = s
        .truth
        .segments
        .iter()
        .map(|g| format!("{:?}", g.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            "Warmup", "Work", "Rest", "Work", "Rest", "Work", "Rest", "Work", "Cooldown"
        ]
    );
    for g in &s.truth.segments {
        let want = match format!("{:?}", g.kind).as_str() {
            "Work" => 800.0,
            "Rest" => 400.0,
            _ => 1609.344,
        };
        assert!((g.distance_m - want).abs() < 0.01, "{g:?}");
    }
    // consecutive segments touch
    for w in s.truth.segments.windows(2) {
        assert!((w[0].end_s - w[1].start_s).abs() < 1e-6);
    }
    // best 800 m on true distance is no slower than the fastest rep
    let fastest = s
        .truth
        .segments
        .iter()
        .filter(|g| g.distance_m == 800.0)
        .map(|g| g.duration_s)
        .fold(f64::MAX, f64::min);
    let half = s
        .truth
        .best_efforts
        .efforts
        .iter()
        .find(|e| e.name == "1/2 mile")
        .unwrap();
    assert!(
        half.elapsed_s <= fastest + 1.5,
        "{} vs {fastest}",
        half.elapsed_s
    );
    assert_eq!(s.truth.workout_type, "intervals");
}

#[test]
fn documented_examples_simulate() {
    for plan in [
        "5mi easy",
        "3mi easy; pause 40s; 2mi easy",
        "2mi wu; 20min tempo; 1mi cd",
        "track; 2mi wu; 5 x 800m @ 5k rest 400m jog; 1mi cd",
        "2mi wu; 8 x 10s hill sprints; 2mi cd",
        "2mi wu; 6 x 60s hill rest jog; 2mi cd",
        "1.5mi wu; 4 x 20s strides; mile tt @ 6:00 coached; 1mi cd",
        "treadmill; 40min easy",
        "bike 45min",
        "swim 1500m",
        "laps=km; smart; 10km long",
        "track; 8 x 200m @ 75/400m rest 200m walk",
    ] {
        let s = simulate::simulate(plan, &SimOptions::default())
            .unwrap_or_else(|e| panic!("{plan}: {e}"));
        fitparser::from_bytes(&simulate::encode(&s, OutputFormat::Fit))
            .unwrap_or_else(|e| panic!("{plan}: {e}"));
        assert!(!s.truth.segments.is_empty());
    }
    let s = simulate::simulate(
        "2mi wu; 6 x 60s hill rest jog; 2mi cd",
        &SimOptions::default(),
    )
    .unwrap();
    let climbs: Vec<_> = s
        .truth
        .segments
        .iter()
        .filter(|g| format!("{:?}", g.kind) == "Hill")
        .collect();
    assert_eq!(climbs.len(), 6);
    let alt = &s.recording.altitude;
    let first = climbs[0];
    let (a, b) = (first.start_s as usize, first.end_s as usize);
    assert!(
        alt[b] - alt[a] > 8.0,
        "a 60 s hill repeat climbs: {} → {}",
        alt[a],
        alt[b]
    );
    assert_eq!(
        simulate::simulate("swim 1500m", &SimOptions::default())
            .unwrap()
            .truth
            .workout_type,
        "cross_training"
    );
}
