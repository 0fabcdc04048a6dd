//! lapwise's FIT decoder against `fitparser` on every FIT file of the real corpus, field by
//! field: every record's timestamp, position, distance, speed, altitude, heart rate, cadence,
//! fractional cadence, power, temperature, compressed speed/distance and developer fields;
//! every lap's and session's totals; every timer event. Per-file exceptions are named with
//! their reason.

use crate::common_corpus;

use std::panic::{AssertUnwindSafe, catch_unwind};

use fitparser::de::{DecodeOption, FitObject, FitStreamProcessor};
use fitparser::profile::MesgNum;
use fitparser::{FitDataRecord, Value};
use lapwise::ingest::fit::{DecodedView, decode_view, scan_chunks};

/// Seconds between the Unix and FIT epochs.
const FIT_EPOCH_UNIX_S: f64 = 631_065_600.0;

/// Files where the two decoders legitimately disagree, with the reason.
const EXCEPTIONS: &[(&str, &str)] = &[
    (
        "sportslib__empty-activities.fit",
        "its header declares 14 data bytes: lapwise decodes the whole file as data, fitparser \
         sees an empty file",
    ),
    (
        "gpsbabel__lezyne_super_gps-garmin_fit-sample-bad-endian.fit",
        "a data message uses a developer field with no description: fitparser stops there, \
         lapwise skips the field's bytes and stops later (at a truncated message)",
    ),
    (
        "pyfitparse__coros-pace-2-cycling-misaligned-fields.fit",
        "definitions with field sizes that are not a multiple of the base type: fitparser reads \
         such fields as byte arrays (and prints to stderr), lapwise ignores them",
    ),
];

fn num(v: &Value) -> Option<f64> {
    let x = match v {
        Value::Byte(x) | Value::Enum(x) | Value::UInt8(x) | Value::UInt8z(x) => *x as f64,
        Value::SInt8(x) => *x as f64,
        Value::SInt16(x) => *x as f64,
        Value::UInt16(x) | Value::UInt16z(x) => *x as f64,
        Value::SInt32(x) => *x as f64,
        Value::UInt32(x) | Value::UInt32z(x) => *x as f64,
        Value::SInt64(x) => *x as f64,
        Value::UInt64(x) | Value::UInt64z(x) => *x as f64,
        Value::Float32(x) => *x as f64,
        Value::Float64(x) => *x,
        Value::Timestamp(t) => t.timestamp() as f64,
        Value::Array(items) => return items.iter().find_map(num),
        Value::String(_) | Value::Invalid => return None,
    };
    x.is_finite().then_some(x)
}

/// Whether a field is a developer field (fitparser has no accessor for its developer index).
fn is_dev(f: &fitparser::FitDataField) -> bool {
    format!("{f:?}").contains("developer_data_index: Some(")
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// fitparser's messages (options as lapwise used them), and the error that stopped it.
fn fitparser_records(bytes: &[u8]) -> (Vec<FitDataRecord>, Option<String>) {
    // Feed fitparser only the bytes that form FIT chunks (it fails on trailing bytes).
    let Ok(scan) = scan_chunks(bytes) else {
        return (Vec::new(), Some("bad header".into()));
    };
    let mut buf = Vec::new();
    for c in &scan.chunks {
        let end = (c.offset + c.header_size + c.data_size + 2).min(bytes.len());
        buf.extend_from_slice(&bytes[c.offset..end]);
    }
    let mut out = Vec::new();
    let result = catch_unwind(AssertUnwindSafe(|| {
        let mut proc = FitStreamProcessor::new();
        proc.add_option(DecodeOption::SkipHeaderCrcValidation);
        proc.add_option(DecodeOption::SkipDataCrcValidation);
        proc.add_option(DecodeOption::KeepCompositeFields);
        let mut rest: &[u8] = &buf;
        while !rest.is_empty() {
            let (r, obj) = match proc.deserialize_next(rest) {
                Ok(x) => x,
                Err(e) => return Some(e.to_string()),
            };
            rest = r;
            match obj {
                FitObject::DataMessage(m) => match proc.decode_message(m) {
                    Ok(rec) => out.push(rec),
                    Err(e) => return Some(e.to_string()),
                },
                FitObject::Crc(_) => proc.reset(),
                _ => {}
            }
        }
        None
    }));
    match result {
        Ok(err) => (out, err),
        Err(_) => (out, Some("fitparser panicked".into())),
    }
}

/// Values of the fields named `names` (every occurrence, fitparser may emit a name twice).
fn values(rec: &FitDataRecord, names: &[&str]) -> Vec<f64> {
    rec.fields()
        .iter()
        .filter(|f| names.contains(&f.name()) && !is_dev(f))
        .filter_map(|f| num(f.value()))
        .collect()
}

/// The last value of a field (fitparser appends the compressed-header timestamp last).
fn last(rec: &FitDataRecord, name: &str) -> Option<f64> {
    values(rec, &[name]).last().copied()
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
        _ => false,
    }
}

/// `mine` is one of fitparser's values for the field (or both are absent).
fn among(mine: Option<f64>, theirs: &[f64]) -> bool {
    match mine {
        None => theirs.is_empty(),
        Some(x) => theirs.iter().any(|y| same(Some(x), Some(*y))),
    }
}

fn compare_records(view: &DecodedView, recs: &[&FitDataRecord], out: &mut Vec<String>) {
    let fit_ts = |t: Option<f64>| t.map(|t| t + FIT_EPOCH_UNIX_S);
    for (i, (m, r)) in view.records.iter().zip(recs).enumerate() {
        let mut bad = |what: &str, ok: bool| {
            if !ok {
                out.push(format!("record {i}: {what}"));
            }
        };
        bad("timestamp", same(fit_ts(m.timestamp), last(r, "timestamp")));
        bad("lat", same(m.lat, last(r, "position_lat")));
        bad("lon", same(m.lon, last(r, "position_long")));
        bad("heart_rate", same(m.heart_rate, last(r, "heart_rate")));
        bad("cadence", same(m.cadence, last(r, "cadence")));
        bad(
            "fractional_cadence",
            same(m.fractional_cadence, last(r, "fractional_cadence")),
        );
        bad("power", same(m.power, last(r, "power")));
        bad("temperature", same(m.temperature, last(r, "temperature")));
        let compressed = r
            .fields()
            .iter()
            .find(|f| f.name() == "compressed_speed_distance")
            .and_then(|f| match f.value() {
                Value::Array(items) => {
                    let b: Vec<u8> = items.iter().filter_map(num).map(|x| x as u8).collect();
                    <[u8; 3]>::try_from(b.as_slice()).ok()
                }
                _ => None,
            });
        bad(
            "compressed_speed_distance",
            m.compressed_speed_distance == compressed,
        );
        let speed = m.enhanced_speed.or(m.speed).or(m
            .compressed_speed_distance
            .map(|c| f64::from(u16::from(c[0]) | (u16::from(c[1] & 0x0F) << 8)) / 100.0));
        bad(
            "speed",
            among(speed, &values(r, &["enhanced_speed", "speed"])),
        );
        let alt = m.enhanced_altitude.or(m.altitude);
        bad(
            "altitude",
            among(alt, &values(r, &["enhanced_altitude", "altitude"])),
        );
        if compressed.is_none() {
            bad("distance", same(m.distance, last(r, "distance")));
        }
        let mut theirs: Vec<(String, f64)> = r
            .fields()
            .iter()
            .filter(|f| is_dev(f))
            .filter_map(|f| Some((f.name().to_string(), num(f.value())?)))
            .collect();
        let mut ours: Vec<(String, f64)> = view
            .record_dev
            .iter()
            .filter(|(k, _, _)| *k == i)
            .map(|(_, n, x)| (n.clone(), *x))
            .collect();
        theirs.sort_by(|a, b| a.partial_cmp(b).unwrap());
        ours.sort_by(|a, b| a.partial_cmp(b).unwrap());
        bad("developer fields", ours == theirs);
    }
}

fn compare_laps(
    what: &str,
    ours: &[lapwise::ingest::fit::LapView],
    theirs: &[&FitDataRecord],
    out: &mut Vec<String>,
) {
    if ours.len() != theirs.len() {
        out.push(format!("{what}: {} vs {}", ours.len(), theirs.len()));
    }
    for (i, (m, r)) in ours.iter().zip(theirs).enumerate() {
        let v = &m.raw;
        let s = |name: &str| {
            r.fields()
                .iter()
                .find(|f| f.name() == name)
                .and_then(|f| text(f.value()))
        };
        let speed = values(r, &["enhanced_avg_speed", "avg_speed"]);
        let cadence = values(r, &["avg_cadence", "avg_running_cadence"]);
        let checks = [
            ("start_time", same(m.start_unix, last(r, "start_time"))),
            ("timestamp", same(m.timestamp_unix, last(r, "timestamp"))),
            ("elapsed", same(v.elapsed_s, last(r, "total_elapsed_time"))),
            ("timer", same(v.timer_s, last(r, "total_timer_time"))),
            ("distance", same(v.distance_m, last(r, "total_distance"))),
            ("calories", same(v.calories, last(r, "total_calories"))),
            ("avg_speed", among(v.avg_speed, &speed)),
            ("avg_hr", same(v.avg_hr, last(r, "avg_heart_rate"))),
            ("max_hr", same(v.max_hr, last(r, "max_heart_rate"))),
            ("avg_cadence", among(v.avg_cadence, &cadence)),
            (
                "avg_fractional_cadence",
                same(v.avg_fractional_cadence, last(r, "avg_fractional_cadence")),
            ),
            ("ascent", same(v.ascent, last(r, "total_ascent"))),
            ("descent", same(v.descent, last(r, "total_descent"))),
            ("sport", v.sport == s("sport")),
            ("sub_sport", v.sub_sport == s("sub_sport")),
        ];
        for (name, ok) in checks {
            if !ok {
                out.push(format!("{what} {i}: {name}"));
            }
        }
        if what == "lap" {
            let step = last(r, "wkt_step_index").map(|x| x as u32);
            let lap_checks = [
                ("intensity", v.intensity == s("intensity")),
                ("lap_trigger", v.trigger == s("lap_trigger")),
                ("wkt_step_index", v.wkt_step_index == step),
            ];
            for (name, ok) in lap_checks {
                if !ok {
                    out.push(format!("{what} {i}: {name}"));
                }
            }
        }
    }
}

/// Timer events as (Unix s, true = start / false = stop / None = other type).
fn timer_events_fitparser(recs: &[&FitDataRecord]) -> Vec<(Option<f64>, Option<bool>)> {
    recs.iter()
        .filter(|r| {
            r.fields()
                .iter()
                .any(|f| f.name() == "event" && text(f.value()).as_deref() == Some("timer"))
        })
        .map(|r| {
            let kind = r
                .fields()
                .iter()
                .find(|f| f.name() == "event_type")
                .and_then(|f| text(f.value()));
            let class = match kind.as_deref() {
                Some("start") => Some(true),
                Some("stop" | "stop_all" | "stop_disable" | "stop_disable_all") => Some(false),
                _ => None,
            };
            (last(r, "timestamp"), class)
        })
        .collect()
}

#[test]
fn decoder_agrees_with_fitparser_on_the_corpus() {
    let Some(dir) = common_corpus::corpus_dir() else {
        return;
    };
    let (mut compared, mut records, mut report) = (0, 0, Vec::new());
    for path in common_corpus::files(&dir, "fit") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&path).unwrap();
        if let Some((_, why)) = EXCEPTIONS.iter().find(|(f, _)| *f == name) {
            println!("{name}: not compared: {why}");
            continue;
        }
        let Ok(view) = decode_view(&bytes) else {
            println!("{name}: lapwise rejects the file (header); not compared");
            continue;
        };
        let (recs, err) = fitparser_records(&bytes);
        let kind = |k: MesgNum| {
            recs.iter()
                .filter(move |r| r.kind() == k)
                .collect::<Vec<_>>()
        };
        let theirs = kind(MesgNum::Record);
        let mut out = Vec::new();
        if err.is_none() && theirs.len() != view.records.len() {
            out.push(format!(
                "records: {} vs {}",
                view.records.len(),
                theirs.len()
            ));
        }
        if let Some(e) = &err {
            // fitparser stopped early: the prefix it decoded must agree, and lapwise must not
            // have decoded less.
            println!(
                "{name}: fitparser stopped ({e}); comparing its {} records",
                theirs.len()
            );
            if view.records.len() < theirs.len() {
                out.push(format!(
                    "records: {} vs {}",
                    view.records.len(),
                    theirs.len()
                ));
            }
        } else {
            compare_laps("lap", &view.laps, &kind(MesgNum::Lap), &mut out);
            compare_laps("session", &view.sessions, &kind(MesgNum::Session), &mut out);
            let ours: Vec<(Option<f64>, Option<bool>)> = view
                .events
                .iter()
                .filter(|(_, e, _)| *e == Some(0.0))
                .map(|(t, _, k)| {
                    let class = match k.map(|k| k as u8) {
                        Some(0) => Some(true),
                        Some(1 | 4 | 8 | 9) => Some(false),
                        _ => None,
                    };
                    (*t, class)
                })
                .collect();
            if ours != timer_events_fitparser(&kind(MesgNum::Event)) {
                out.push("timer events differ".into());
            }
        }
        compare_records(&view, &theirs, &mut out);
        compared += 1;
        records += theirs.len().min(view.records.len());
        for o in out.iter().take(5) {
            report.push(format!("{name}: {o}"));
        }
    }
    for r in &report {
        println!("{r}");
    }
    println!("{compared} files, {records} records compared field by field");
    assert!(
        compared >= 40 || compared == 0,
        "only {compared} files compared"
    );
    assert!(report.is_empty(), "{} disagreements", report.len());
}
