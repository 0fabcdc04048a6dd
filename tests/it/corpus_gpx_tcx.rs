//! Every GPX and TCX file of the shared corpus goes through `read_path` without panicking and
//! gives activities or a clear error; point counts and channels are checked against MANIFEST.tsv.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lapwise::ingest::read_path;
use lapwise::model::{Channel, Sport};
use lapwise::{Activity, Error};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.join("MANIFEST.tsv").is_file() {
        Some(dir)
    } else {
        eprintln!("corpus not found at {}; skipping", dir.display());
        None
    }
}

/// MANIFEST.tsv rows keyed by `file` (e.g. `gpx/x.gpx`), each a map column → value.
fn manifest(dir: &Path) -> HashMap<String, HashMap<String, String>> {
    let text = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    lines
        .map(|l| {
            let row: HashMap<String, String> = header
                .iter()
                .zip(l.split('\t'))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            (row["file"].clone(), row)
        })
        .collect()
}

/// Files whose point count legitimately differs from the manifest's quick decode, and why.
const COUNT_EXCEPTIONS: &[(&str, &str)] = &[];

/// Files expected to fail, with the error kind.
const EXPECTED_ERRORS: &[(&str, &str)] = &[
    ("gpx/gc__MetadataOnly.gpx", "no_track_points"),
    ("gpx/georust-gpx__strava_route_example.gpx", "no_timestamps"),
    ("tcx/dblock-tcx__brighton-beach.tcx", "not_activity"),
    ("tcx/dblock-tcx__simple_workout_1.tcx", "not_activity"),
];

fn files(dir: &Path, sub: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir.join(sub))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| format!("{sub}/{}", e.file_name().to_string_lossy()))
        .collect();
    v.sort();
    v
}

fn summary(acts: &[Activity]) -> String {
    let a = &acts[0];
    let laps: usize = acts.iter().map(|a| a.laps.len()).sum();
    let points: usize = acts.iter().map(|a| a.samples.len()).sum();
    let mut chans = Vec::new();
    for (c, n) in [
        (Channel::HeartRate, "hr"),
        (Channel::Cadence, "cad"),
        (Channel::Power, "pwr"),
        (Channel::Position, "gps"),
        (Channel::Distance, "dist"),
        (Channel::Speed, "spd"),
        (Channel::Temperature, "temp"),
    ] {
        if acts.iter().any(|a| a.samples.has(c)) {
            chans.push(n);
        }
    }
    let warns: usize = acts.iter().map(|a| a.warnings.len()).sum();
    format!(
        "{} act, {} pts, {} laps, {}, {:.0} s, [{}], {} warn",
        acts.len(),
        points,
        laps,
        a.meta.sport.as_str(),
        a.elapsed_s(),
        chans.join(","),
        warns
    )
}

#[test]
fn every_gpx_and_tcx_file_reads_or_fails_clearly() {
    let Some(dir) = corpus() else { return };
    let rows = manifest(&dir);
    let mut problems = Vec::new();
    for name in files(&dir, "gpx").into_iter().chain(files(&dir, "tcx")) {
        let loaded = read_path(&dir.join(&name));
        let expected_err = EXPECTED_ERRORS
            .iter()
            .find(|(f, _)| *f == name)
            .map(|e| e.1);
        let mut acts = Vec::new();
        for l in loaded {
            match l.result {
                Ok(a) => acts.push(a),
                Err(e) => {
                    println!("{name}: ERROR {} ({e})", e.kind());
                    if matches!(e, Error::Panic(_)) {
                        problems.push(format!("{name}: panic {e}"));
                    }
                    if expected_err != Some(e.kind()) {
                        problems.push(format!("{name}: unexpected error {e}"));
                    }
                }
            }
        }
        if acts.is_empty() {
            continue;
        }
        println!("{name}: {}", summary(&acts));
        for a in &acts {
            for w in &a.warnings {
                println!("    warning: {w}");
            }
        }
        if let Some(kind) = expected_err {
            problems.push(format!("{name}: expected {kind}, got activities"));
        }
        let Some(row) = rows.get(&name) else {
            problems.push(format!("{name}: not in MANIFEST.tsv"));
            continue;
        };
        let flag = |k: &str| row.get(k).map(String::as_str) == Some("1");
        if flag("has_hr") && !acts.iter().any(|a| a.samples.has(Channel::HeartRate)) {
            problems.push(format!("{name}: manifest has_hr=1 but no HR read"));
        }
        if flag("has_cadence") && !acts.iter().any(|a| a.samples.has(Channel::Cadence)) {
            problems.push(format!(
                "{name}: manifest has_cadence=1 but no cadence read"
            ));
        }
        if flag("has_power") && !acts.iter().any(|a| a.samples.has(Channel::Power)) {
            problems.push(format!("{name}: manifest has_power=1 but no power read"));
        }
        let points: usize = acts.iter().map(|a| a.samples.len()).sum();
        let want = row.get("points").and_then(|p| p.parse::<usize>().ok());
        if row.get("parse_status").map(String::as_str) == Some("ok")
            && want.is_some_and(|w| w != points)
            && !COUNT_EXCEPTIONS.iter().any(|(f, _)| *f == name)
        {
            problems.push(format!("{name}: {points} points, manifest says {want:?}"));
        }
        for a in &acts {
            assert!(a.meta.start_utc.is_some(), "{name}: no start time");
            assert_eq!(
                a.samples.time_s.first(),
                Some(&0.0),
                "{name}: time not rebased"
            );
        }
    }
    assert!(problems.is_empty(), "problems:\n{}", problems.join("\n"));
}

fn read_ok(rel: &str) -> Option<Vec<Activity>> {
    let dir = corpus()?;
    let loaded = read_path(&dir.join(rel));
    Some(
        loaded
            .into_iter()
            .map(|l| l.result.unwrap_or_else(|e| panic!("{rel}: {e}")))
            .collect(),
    )
}

#[test]
fn multi_activity_tcx_files_split() {
    let Some(acts) = read_ok("tcx/dblock-tcx__multiple_running_activities.tcx") else {
        return;
    };
    assert_eq!(acts.len(), 2);
    assert!(acts[0].meta.source.ends_with("#1"));
    assert!(acts[1].meta.source.ends_with("#2"));
    let Some(acts) = read_ok("tcx/gc__activity_165850259_multi-session.tcx") else {
        return;
    };
    assert_eq!(acts.len(), 4);
    let sports: Vec<Sport> = acts.iter().map(|a| a.meta.sport).collect();
    assert!(sports.contains(&Sport::Running) && sports.contains(&Sport::Cycling));
}

#[test]
fn running_cadence_ends_in_steps_per_minute() {
    for rel in [
        "tcx/sportslib__6782987395.tcx",
        "tcx/sportslib__6281425038.tcx",
        "tcx/sportslib__unknown_example.tcx",
        "gpx/sportslib__6782987395.gpx",
        "gpx/runpandas__strava_export.gpx",
    ] {
        let Some(acts) = read_ok(rel) else { return };
        let a = &acts[0];
        assert_eq!(a.meta.sport, Sport::Running, "{rel}");
        let mut c: Vec<f64> = a
            .samples
            .cadence
            .iter()
            .copied()
            .filter(|c| *c > 100.0)
            .collect();
        assert!(c.len() > a.samples.len() / 2, "{rel}: cadence not doubled");
        c.sort_by(f64::total_cmp);
        let median = c[c.len() / 2];
        assert!((150.0..200.0).contains(&median), "{rel}: median {median}");
    }
}

#[test]
fn same_activity_agrees_across_gpx_and_tcx() {
    let Some(gpx) = read_ok("gpx/sportslib__6782987395.gpx") else {
        return;
    };
    let Some(tcx) = read_ok("tcx/sportslib__6782987395.tcx") else {
        return;
    };
    let (g, t) = (&gpx[0], &tcx[0]);
    assert_eq!(g.meta.start_utc, t.meta.start_utc);
    assert!((g.elapsed_s() - t.elapsed_s()).abs() <= 2.0);
    assert_eq!(t.laps.len(), 2);
    let d = t.device.as_ref().unwrap();
    assert!((d.distance_m.unwrap() - 14005.0).abs() < 50.0);
}

#[test]
fn quirky_files_are_recovered() {
    // BOM + undeclared gpxdata prefix.
    let Some(a) = read_ok("gpx/sportslib__6037744996.gpx") else {
        return;
    };
    assert_eq!(a[0].samples.len(), 4040);
    assert!(a[0].samples.has(Channel::Cadence));
    // Lost root element, unbound xsi prefix: the activity is kept with a warning.
    let Some(a) = read_ok("tcx/runpandas__malformed.tcx") else {
        return;
    };
    assert_eq!(a[0].samples.len(), 384);
    assert!(!a[0].warnings.is_empty());
    // 'undefined' numbers.
    let Some(a) = read_ok("gpx/togeojson__bad.gpx") else {
        return;
    };
    assert_eq!(a[0].samples.len(), 2);
    assert!(a[0].samples.lat_deg.iter().all(|v| v.is_nan()));
}

/// Throughput on the largest XML files; run with `--ignored --nocapture` (meaningful in release).
#[test]
#[ignore]
fn throughput_on_large_files() {
    let Some(dir) = corpus() else { return };
    for rel in [
        "tcx/sportslib__6782987395.tcx",
        "gpx/sportslib__sports-tracker.gpx",
    ] {
        let bytes = std::fs::read(dir.join(rel)).unwrap();
        let rounds = 20;
        let t = std::time::Instant::now();
        for _ in 0..rounds {
            let acts = lapwise::ingest::read_bytes(&bytes, rel).unwrap();
            assert!(!acts.is_empty());
        }
        let secs = t.elapsed().as_secs_f64();
        let mb = (bytes.len() * rounds) as f64 / 1e6;
        println!("{rel}: {:.0} MB/s", mb / secs);
    }
}

/// Cutting or corrupting real files anywhere gives activities or an error, never a panic.
#[test]
fn damaged_copies_never_panic() {
    let Some(dir) = corpus() else { return };
    for rel in [
        "gpx/heartandsole__testdata.gpx",
        "tcx/heartandsole__testdata.tcx",
    ] {
        let bytes = std::fs::read(dir.join(rel)).unwrap();
        for cut in (0..bytes.len()).step_by(61) {
            if let Err(e) = lapwise::ingest::read_bytes(&bytes[..cut], rel) {
                assert!(!matches!(e, Error::Panic(_)), "{rel} cut at {cut}: {e}");
            }
            let mut flipped = bytes.clone();
            flipped[cut] ^= 0x5a;
            if let Err(e) = lapwise::ingest::read_bytes(&flipped, rel) {
                assert!(!matches!(e, Error::Panic(_)), "{rel} flipped at {cut}: {e}");
            }
        }
    }
}
