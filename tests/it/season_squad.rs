//! `season --athletes`: three simulated athletes in one club folder give three seasons (runs
//! tagged with their athlete), a squad table whose numbers are each athlete's own season's, and
//! with `--dataset` one Parquet dataset partitioned by year holding every athlete's runs.

use std::path::Path;

use polars::prelude::{ParquetReader, SerReader};

use super::bin::lapwise;

fn simulate(dir: &Path, seed: &str) {
    let out = lapwise()
        .args([
            "simulate",
            "--season",
            "2026-01-05",
            "--weeks",
            "3",
            "--seed",
            seed,
            "--out",
        ])
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn json(args: &[&std::ffi::OsStr]) -> serde_json::Value {
    let out = lapwise().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn three_athletes_make_a_squad_and_one_dataset() {
    let tmp = tempfile::tempdir().unwrap();
    let club = tmp.path().join("club");
    for (name, seed) in [("ana", "1"), ("ben", "2"), ("cai", "3")] {
        simulate(&club.join(name), seed);
    }
    // Ana keeps her own profile in her folder: her thresholds are given, the others' are not.
    std::fs::write(
        club.join("ana").join("profile.toml"),
        "max_hr_bpm = 192\nresting_hr_bpm = 50\nthreshold_hr_bpm = 171\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let ds = tmp.path().join("dataset");
    let squad = json(&[
        "season".as_ref(),
        club.as_os_str(),
        "--athletes".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
        "--dataset".as_ref(),
        ds.as_os_str(),
        "--json".as_ref(),
    ]);
    let rows = squad["squad"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let mut total_runs = 0;
    for (row, name) in rows.iter().zip(["ana", "ben", "cai"]) {
        assert_eq!(row["athlete_id"], name);
        // The athlete's own season, alone (with the athlete's profile), gives the same numbers.
        let folder = club.join(name);
        let prof = folder.join("profile.toml");
        let mut alone_args: Vec<&std::ffi::OsStr> =
            vec!["season".as_ref(), folder.as_os_str(), "--json".as_ref()];
        if prof.is_file() {
            alone_args.extend(["--profile".as_ref(), prof.as_os_str()]);
        }
        let alone = json(&alone_args);
        assert_eq!(row["runs"], alone["totals"]["analysed"]);
        let d = row["distance_m"].as_f64().unwrap();
        assert!((d - alone["totals"]["distance_m"].as_f64().unwrap()).abs() < 1e-6);
        let weeks = &squad["athletes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["athlete_id"] == name)
            .unwrap()["season"]["weeks"];
        assert_eq!(weeks, &alone["weeks"], "{name}: the same weeks");
        total_runs += row["runs"].as_u64().unwrap();
        let csv = std::fs::read_to_string(out.join(name).join("runs.csv")).unwrap();
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        let col = header
            .iter()
            .position(|h| *h == "athlete_id")
            .expect("athlete_id column");
        assert!(header.contains(&"start_local"));
        for line in csv.lines().skip(1) {
            assert_eq!(line.split(',').nth(col), Some(name), "{line}");
        }
    }
    let profile_of = |name: &str| {
        squad["athletes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["athlete_id"] == name)
            .unwrap()["season"]["profile"]["threshold_hr_bpm"]
            .clone()
    };
    assert_eq!(profile_of("ana")["source"], "given");
    assert_eq!(profile_of("ana")["value"], 171.0);
    assert_ne!(profile_of("ben")["source"], "given");
    let squad_csv = std::fs::read_to_string(out.join("squad.csv")).unwrap();
    assert_eq!(squad_csv.lines().count(), 4);
    // The dataset: one partition per year, every athlete's runs, sorted by athlete.
    let file = ds.join("year=2026").join("runs.parquet");
    let df = ParquetReader::new(std::fs::File::open(&file).unwrap())
        .finish()
        .unwrap();
    assert_eq!(df.height() as u64, total_runs);
    let ids: Vec<String> = df
        .column("athlete_id")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|v| v.unwrap_or_default().to_string())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "rows sorted by athlete");
    assert_eq!(
        std::fs::read_dir(&ds).unwrap().count(),
        1,
        "partitioned by year only"
    );
}

#[test]
fn the_sample_dataset_holds_every_counted_run_by_month() {
    use lapwise::clean::{CleanConfig, clean};
    let tmp = tempfile::tempdir().unwrap();
    let runs_dir = tmp.path().join("runs");
    simulate(&runs_dir, "4");
    let samples = tmp.path().join("samples");
    let season = json(&[
        "season".as_ref(),
        runs_dir.as_os_str(),
        "--sample-dataset".as_ref(),
        samples.as_os_str(),
        "--json".as_ref(),
    ]);
    let counted = season["runs"].as_array().unwrap();
    // Months of the runs' local dates, one partition each.
    let mut months: Vec<String> = counted
        .iter()
        .map(|r| r["date"].as_str().unwrap()[..7].to_string())
        .collect();
    months.sort();
    months.dedup();
    let mut parts: Vec<String> = std::fs::read_dir(&samples)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    parts.sort();
    let want: Vec<String> = months.iter().map(|m| format!("month={m}")).collect();
    assert_eq!(parts, want);
    // Every counted run, with as many rows as lapwise reads samples from its file.
    let mut per_source: std::collections::BTreeMap<String, usize> = Default::default();
    for m in &months {
        let file = samples.join(format!("month={m}")).join("samples.parquet");
        let df = ParquetReader::new(std::fs::File::open(&file).unwrap())
            .finish()
            .unwrap();
        for col in ["athlete_id", "timestamp_s", "time_s", "hr_bpm", "segment"] {
            assert!(df.column(col).is_ok(), "{col}");
        }
        for s in df.column("source").unwrap().str().unwrap().iter() {
            *per_source.entry(s.unwrap().to_string()).or_default() += 1;
        }
    }
    assert_eq!(per_source.len(), counted.len());
    for r in counted {
        let source = r["source"].as_str().unwrap();
        let bytes = std::fs::read(runs_dir.join(source)).unwrap();
        let mut act = lapwise::ingest::read_bytes(&bytes, source)
            .unwrap()
            .remove(0);
        clean(&mut act, &CleanConfig::default());
        assert_eq!(per_source[source], act.samples.len(), "{source}");
    }
    // A second run does not write over the dataset without --force.
    let again = lapwise()
        .args(["season".as_ref(), runs_dir.as_os_str()])
        .args(["--sample-dataset".as_ref(), samples.as_os_str()])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds a dataset"));
}
