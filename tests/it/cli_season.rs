//! `lapwise season` as a user runs it: outputs written, never overwritten without --force,
//! exit codes 0 / 1 / 2.

use assert_cmd::Command;
use chrono::NaiveDate;
use lapwise::simulate::OutputFormat;
use lapwise::simulate::season::{SeasonOptions, simulate_season};

fn lapwise() -> Command {
    Command::from_std(crate::bin::lapwise())
}

#[test]
fn season_outputs_force_and_exit_codes() {
    let runs = tempfile::tempdir().expect("tempdir");
    let opts = SeasonOptions {
        start: NaiveDate::from_ymd_opt(2026, 1, 5).expect("date"),
        weeks: 2,
        seed: 7,
        formats: vec![OutputFormat::Fit, OutputFormat::Gpx],
        tz_offset_s: -18000,
        cs: None,
    };
    simulate_season(&opts, runs.path()).expect("simulate");
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("season");
    let assert = lapwise()
        .arg("season")
        .arg(runs.path())
        .arg("--out")
        .arg(&dir)
        .arg("--units")
        .arg("metric")
        .assert()
        .code(0);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(
        stdout.contains("Season (running)") && stdout.contains("analysed"),
        "{stdout}"
    );
    for f in [
        "runs.csv",
        "runs.parquet",
        "weeks.csv",
        "weeks.parquet",
        "season.json",
        "season-weekly-distance.png",
        "season-best-mile.png",
        "season-cadence.png",
        "season-workout-mix.png",
        "season-evenness.png",
    ] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    let runs_csv = std::fs::read_to_string(dir.join("runs.csv")).expect("runs.csv");
    let header = runs_csv.lines().next().unwrap_or("");
    for c in [
        "source",
        "start_utc",
        "sport",
        "distance_m",
        "elapsed_s",
        "moving_s",
        "workout_type",
        "best_mile_s",
        "avg_cadence_spm",
        "evenness",
    ] {
        assert!(header.split(',').any(|h| h == c), "runs.csv lacks {c}");
    }
    let weeks_csv = std::fs::read_to_string(dir.join("weeks.csv")).expect("weeks.csv");
    let header = weeks_csv.lines().next().unwrap_or("");
    for c in [
        "week_start",
        "runs",
        "distance_m",
        "moving_s",
        "rest_days",
        "change_pct",
        "over_10pct",
        "long_run_m",
    ] {
        assert!(header.split(',').any(|h| h == c), "weeks.csv lacks {c}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("season.json")).expect("json"))
            .expect("valid json");
    assert!(
        json["personal_bests"].is_array()
            && json["failures"].is_array()
            && json["weeks"].is_array()
    );
    assert!(
        !std::fs::read_dir(&dir)
            .expect("dir")
            .any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().contains(".tmp-")))
    );

    // No overwrite without --force (usage error, nothing touched); --force overwrites.
    let before = std::fs::metadata(dir.join("runs.csv"))
        .and_then(|m| m.modified())
        .ok();
    let assert = lapwise()
        .arg("season")
        .arg(runs.path())
        .arg("--out")
        .arg(&dir)
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains("--force"));
    assert_eq!(
        std::fs::metadata(dir.join("runs.csv"))
            .and_then(|m| m.modified())
            .ok(),
        before
    );
    lapwise()
        .arg("season")
        .arg(runs.path())
        .arg("--out")
        .arg(&dir)
        .arg("--force")
        .arg("--quiet")
        .assert()
        .code(0);

    // A broken file: reported on one line, exit 1, outputs still written; --json on stdout.
    std::fs::write(runs.path().join("broken.fit"), b"\x0e\x10garbage").expect("write");
    let dir2 = out.path().join("again");
    let assert = lapwise()
        .arg("season")
        .arg(runs.path())
        .arg("--out")
        .arg(&dir2)
        .arg("--json")
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("error: ") && l.contains("broken.fit")),
        "{stderr}"
    );
    let doc: serde_json::Value =
        serde_json::from_slice(&assert.get_output().stdout).expect("json on stdout");
    assert_eq!(doc["totals"]["failed"], 1);
    assert!(dir2.join("weeks.parquet").is_file());

    // Usage errors.
    lapwise()
        .arg("season")
        .arg(runs.path())
        .arg("--since")
        .arg("2026-13-01")
        .assert()
        .code(2);
    lapwise()
        .arg("season")
        .arg(runs.path())
        .arg("--sport")
        .arg("quidditch")
        .assert()
        .code(2);
    lapwise().arg("season").assert().code(2);
}
