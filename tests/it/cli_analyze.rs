//! `lapwise analyze` as a user runs it: text, JSON against the documented schema, units,
//! several files, bad files, archives, exit codes and a closed pipe.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use assert_cmd::prelude::*;
use predicates::prelude::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("fixtures").join(name)
}

fn lapwise() -> Command {
    crate::bin::lapwise()
}

#[test]
fn text_summary_of_the_readme_fixture() {
    lapwise()
        .args(["analyze"])
        .arg(fixture("track-6x400.fit"))
        .assert()
        .success()
        .stdout(predicate::str::contains("running (track)"))
        .stdout(predicate::str::contains(
            "Start      Sun 2026-03-01 07:00:00 (UTC+01:00)",
        ))
        .stdout(predicate::str::contains("Device laps"))
        .stdout(predicate::str::contains("Splits per mile"))
        .stdout(predicate::str::contains("* partial split"))
        .stdout(predicate::str::contains("Workout"));
}

#[test]
fn metric_units_split_per_km() {
    lapwise()
        .args(["analyze", "--units", "metric"])
        .arg(fixture("easy.tcx"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Splits per km"))
        .stdout(predicate::str::contains("/km"));
}

fn schema_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("docs/json-schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn analyze_json(args: &[PathBuf]) -> (serde_json::Value, i32) {
    let out = lapwise()
        .arg("analyze")
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    (doc, out.status.code().unwrap_or(-1))
}

#[test]
fn json_validates_against_the_documented_schema() {
    let validator = schema_validator();
    let files: Vec<PathBuf> = [
        "track-6x400.fit",
        "easy.gpx",
        "mile-tt.tcx",
        "treadmill.fit",
        "bike.fit",
    ]
    .iter()
    .map(|f| fixture(f))
    .collect();
    let (doc, code) = analyze_json(&files);
    assert_eq!(code, 0);
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:#?}");
    assert_eq!(doc["schema_version"], 1);
    let acts = doc["activities"].as_array().unwrap();
    assert_eq!(acts.len(), 5);
    let a = &acts[0];
    for key in [
        "source",
        "sport",
        "start_utc",
        "local_offset_s",
        "summary",
        "laps",
        "splits",
    ] {
        assert!(a.get(key).is_some(), "missing {key}");
    }
    assert_eq!(a["start_utc"], "2026-03-01T06:00:00Z");
    assert_eq!(a["local_offset_s"], 3600);
    assert_eq!(a["sport"], "running");
    for key in [
        "distance_m",
        "elapsed_s",
        "timer_s",
        "moving_s",
        "avg_hr_bpm",
        "max_hr_bpm",
        "avg_cadence_spm",
        "ascent_m",
        "descent_m",
    ] {
        assert!(a["summary"].get(key).is_some(), "summary.{key}");
    }
    // SI units: 1 Hz fixture of ~9.2 km over ~50 min.
    let d = a["summary"]["distance_m"].as_f64().unwrap();
    assert!((9000.0..9400.0).contains(&d), "distance {d}");
    let splits = a["splits"].as_array().unwrap();
    assert!(splits.last().unwrap()["partial"].as_bool().unwrap());
    let total: f64 = splits
        .iter()
        .map(|s| s["distance_m"].as_f64().unwrap())
        .sum();
    // Splits stay on the samples: they add up to the recomputed distance.
    let dc = a["summary_computed"]["distance_m"].as_f64().unwrap();
    assert!((total - dc).abs() < 0.01, "splits add up to the distance");
    assert!(
        (d - dc).abs() < 0.01 * d,
        "the watch's distance {d} vs {dc}"
    );
    // Treadmill: no positions, device distance kept; bike: cadence is rpm, not doubled.
    assert_eq!(acts[3]["indoor"], true);
    assert_eq!(acts[4]["sport"], "cycling");
    let rpm = acts[4]["summary"]["avg_cadence_spm"].as_f64().unwrap();
    assert!(rpm < 120.0, "cycling cadence {rpm}");
}

#[test]
fn bad_files_fail_alone_with_one_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.fit");
    std::fs::write(&empty, b"").unwrap();
    let junk = dir.path().join("notes.gpx");
    std::fs::write(&junk, b"this is not xml").unwrap();
    let out = lapwise()
        .arg("analyze")
        .arg(&empty)
        .arg(fixture("strides.fit"))
        .arg(&junk)
        .arg(dir.path().join("missing.fit"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("strides.fit"),
        "the good file is still analysed"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(lines[0].contains("empty.fit") && lines[0].contains("empty file"));
    assert!(lines[1].contains("notes.gpx") && lines[1].contains("not a FIT, GPX or TCX file"));
    assert!(lines[2].contains("missing.fit"));
    assert!(!stderr.contains("panicked"));
}

#[test]
fn json_lists_errors_too() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.tcx");
    std::fs::write(&empty, b"").unwrap();
    let (doc, code) = analyze_json(&[fixture("easy.fit"), empty.clone()]);
    assert_eq!(code, 1);
    assert_eq!(doc["activities"].as_array().unwrap().len(), 1);
    let errs = doc["errors"].as_array().unwrap();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0]["source"], empty.display().to_string());
    assert_eq!(errs[0]["kind"], "empty", "{}", errs[0]);
    assert!(schema_validator().is_valid(&doc));
}

#[test]
fn damaged_fit_files_are_decoded_with_a_note() {
    let bytes = std::fs::read(fixture("tempo.fit")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.fit");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let mut flipped = bytes.clone();
    let n = flipped.len();
    flipped[n / 2] ^= 0x01;
    let crc = dir.path().join("crc.fit");
    std::fs::write(&crc, &flipped).unwrap();
    lapwise()
        .arg("analyze")
        .arg(&cut)
        .arg(&crc)
        .assert()
        .success()
        .stdout(predicate::str::contains("truncated"))
        .stdout(predicate::str::contains("CRC mismatch"));
}

#[test]
fn gzip_and_zip_archives_are_read_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let fit = std::fs::read(fixture("easy.fit")).unwrap();
    let gpx = std::fs::read(fixture("strides.gpx")).unwrap();
    let gz_path = dir.path().join("easy.fit.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(&fit).unwrap();
    std::fs::write(&gz_path, enc.finish().unwrap()).unwrap();
    let zip_path = dir.path().join("export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("activities/1.fit.gz", opts).unwrap();
    zip.write_all(&std::fs::read(&gz_path).unwrap()).unwrap();
    zip.start_file("activities/2.gpx", opts).unwrap();
    zip.write_all(&gpx).unwrap();
    zip.start_file("activities.csv", opts).unwrap();
    zip.write_all(b"Activity ID,Activity Name\n1,Easy\n")
        .unwrap();
    zip.finish().unwrap();
    let (doc, code) = analyze_json(&[gz_path.clone(), zip_path.clone()]);
    assert_eq!(code, 0, "{doc}");
    let sources: Vec<String> = doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["source"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(sources.len(), 3, "{sources:?}");
    assert!(sources[1].ends_with("export.zip!activities/1.fit.gz"));
    assert!(sources[2].ends_with("export.zip!activities/2.gpx"));
}

#[test]
fn usage_errors_exit_2() {
    lapwise().arg("analyze").assert().code(2);
    lapwise()
        .args(["analyze", "--units", "furlongs", "x.fit"])
        .assert()
        .code(2);
    lapwise().arg("frobnicate").assert().code(2);
    lapwise().arg("--help").assert().success();
}

#[test]
fn closed_pipe_exits_quietly() {
    let mut child = lapwise()
        .arg("analyze")
        .args((0..20).map(|_| fixture("track-6x400.fit")))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn decoder_noise_never_reaches_stderr() {
    // COROS and Lezyne files declare misaligned fields; the FIT decoder would print a line per
    // definition. lapwise neutralizes them first, so a clean file gives an empty stderr.
    let corpus = root().join("../shared/corpus/fit");
    let file = corpus.join("pyfitparse__coros-pace-2-cycling-misaligned-fields.fit");
    if !file.exists() {
        eprintln!("notice: ../shared/corpus is absent; test skipped");
        return;
    }
    let out = lapwise().arg("analyze").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
