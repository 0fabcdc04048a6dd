//! A simulated season (the simulator's season mode, every run written as FIT, GPX and TCX)
//! analysed as a season and compared with the season truth.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use lapwise::season::{Season, SeasonOptions, build_season};
use lapwise::simulate::OutputFormat;
use lapwise::simulate::season::{SeasonOptions as SimSeason, SeasonTruth, simulate_season};

/// Relative tolerance of measured distances and times against the truth (GPS noise).
const TOL: f64 = 0.03;
/// Relative tolerance of one run's best mile (GPS noise over a short window in a long run).
const TOL_MILE: f64 = 0.05;

fn simulate(
    seed: u64,
    weeks: u32,
    formats: Vec<OutputFormat>,
) -> (tempfile::TempDir, SeasonTruth, Season) {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = SimSeason {
        start: NaiveDate::from_ymd_opt(2026, 1, 5).expect("date"),
        weeks,
        seed,
        formats,
        tz_offset_s: 3600,
        cs: None,
    };
    let truth = simulate_season(&opts, dir.path()).expect("simulate");
    let season = build_season(
        &[dir.path().to_path_buf()],
        &SeasonOptions::default(),
        &|_| {},
    )
    .expect("season");
    (dir, truth, season)
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn simulated_season_matches_truth() {
    let (dir, truth, season) = simulate(
        3,
        8,
        vec![OutputFormat::Fit, OutputFormat::Gpx, OutputFormat::Tcx],
    );
    assert!(
        season.failures.is_empty(),
        "failures: {:?}",
        season.failures
    );
    let running: Vec<_> = truth.runs.iter().filter(|r| r.sport == "running").collect();
    assert_eq!(season.runs.len(), running.len(), "each run counted once");
    // Every copy but one per run is a duplicate (treadmill runs have no GPX).
    let files: usize = running
        .iter()
        .map(|r| r.files.iter().filter(|f| !f.ends_with(".json")).count())
        .sum();
    assert_eq!(season.totals.duplicates, files - running.len());
    assert!(
        season.runs.iter().all(|r| r.format.as_str() == "fit"),
        "FIT copies are kept"
    );
    // Left-out activities are not de-duplicated: every copy of a cross-training session counts.
    let other_files: usize = truth
        .runs
        .iter()
        .filter(|r| r.sport != "running")
        .map(|r| r.files.iter().filter(|f| !f.ends_with(".json")).count())
        .sum();
    assert_eq!(season.totals.skipped, other_files, "cross-training skipped");

    // Weekly totals, rest days, 10 % flags.
    assert_eq!(season.weeks.len(), truth.week_totals.len());
    let mut flag_ok = 0;
    for (w, t) in season.weeks.iter().zip(&truth.week_totals) {
        assert_eq!(w.week_start, t.week_start);
        assert_eq!(w.runs, t.runs, "runs in week {}", t.week_start);
        assert!(
            close(w.distance_m, t.device_distance_m, TOL),
            "distance {} vs {} in week {}",
            w.distance_m,
            t.device_distance_m,
            t.week_start
        );
        assert_eq!(
            w.rest_days, t.non_running_days,
            "days without a run in week {}",
            t.week_start
        );
        assert_eq!(
            w.days_without_activity, t.rest_days,
            "days without activity in week {}",
            t.week_start
        );
        assert!(
            close(w.long_run_m.unwrap_or(0.0), t.long_run_m, TOL),
            "long run in week {}",
            t.week_start
        );
        let borderline = t.change_pct.is_some_and(|c| (c - 10.0).abs() < 1.5);
        if w.over_10pct == t.over_10pct || borderline {
            flag_ok += 1;
        }
        match (w.change_pct, t.change_pct) {
            (Some(a), Some(b)) => assert!((a - b).abs() < 3.0, "change {a} vs {b}"),
            (a, b) => assert_eq!(a.is_some(), b.is_some()),
        }
    }
    assert_eq!(flag_ok, season.weeks.len(), "10 % flags");
    assert!(
        season.weeks.iter().any(|w| w.over_10pct) == truth.week_totals.iter().any(|w| w.over_10pct)
    );

    // Workout mix: run by run against the plan's workout type.
    let by_start: HashMap<&str, &str> = running
        .iter()
        .map(|r| (r.start_utc.as_str(), r.workout_type))
        .collect();
    let right = season
        .runs
        .iter()
        .filter(|r| by_start.get(r.start_utc.as_str()) == Some(&r.season_workout_type.as_str()))
        .count();
    let share = right as f64 / season.runs.len() as f64;
    assert!(
        share >= 0.9,
        "workout types right: {right}/{}",
        season.runs.len()
    );
    let mix_total: u32 = season
        .weeks
        .iter()
        .flat_map(|w| w.mix.iter().map(|m| m.1))
        .sum();
    assert_eq!(mix_total as usize, season.runs.len());

    // Best-mile progression against the per-run truth best efforts.
    let truth_mile: HashMap<String, f64> = running
        .iter()
        .filter_map(|r| {
            let file = r.files.iter().find(|f| f.ends_with(".truth.json"))?;
            let text = std::fs::read_to_string(dir.path().join(file)).ok()?;
            let v: serde_json::Value = serde_json::from_str(&text).ok()?;
            let mile = v["best_efforts"]["efforts"]
                .as_array()?
                .iter()
                .find(|e| e["name"] == "1 mile")?;
            Some((r.start_utc.clone(), mile["elapsed_s"].as_f64()?))
        })
        .collect();
    let mut truth_best = f64::INFINITY;
    let mut compared = 0;
    for p in &season.best_mile_progression {
        let run = season
            .runs
            .iter()
            .find(|r| r.source == p.source)
            .expect("run of point");
        let Some(t) = truth_mile.get(&run.start_utc) else {
            continue;
        };
        truth_best = truth_best.min(*t);
        assert!(
            close(p.best_mile_s, *t, TOL_MILE),
            "best mile {} vs {t} on {}",
            p.best_mile_s,
            p.date
        );
        assert!(
            close(p.season_best_s, truth_best, TOL_MILE),
            "season best {} vs {truth_best} on {}",
            p.season_best_s,
            p.date
        );
        compared += 1;
    }
    assert!(compared + 2 >= season.best_mile_progression.len() && compared > 20);
    let last_tt = season
        .runs
        .iter()
        .rev()
        .find(|r| r.workout_type.as_str() == "time_trial")
        .expect("final time trial");
    let season_best = season
        .best_mile_progression
        .last()
        .map(|p| p.season_best_s)
        .unwrap_or(f64::NAN);
    assert!(
        close(last_tt.best_mile_s.unwrap_or(0.0), season_best, TOL),
        "the final time trial is about the season best"
    );
    assert!(!season.personal_bests.is_empty() && !season.predictions.is_empty());
}

#[test]
fn since_until_and_all_sports() {
    let (dir, truth, _) = simulate(5, 3, vec![OutputFormat::Fit]);
    let opts = SeasonOptions {
        filter: lapwise::season::Filter {
            sport: None,
            since: NaiveDate::from_ymd_opt(2026, 1, 12),
            until: NaiveDate::from_ymd_opt(2026, 1, 18),
        },
        ..SeasonOptions::default()
    };
    let season = build_season(&[PathBuf::from(dir.path())], &opts, &|_| {}).expect("season");
    let in_week: Vec<_> = truth
        .runs
        .iter()
        .filter(|r| r.date.as_str() >= "2026-01-12" && r.date.as_str() <= "2026-01-18")
        .collect();
    assert_eq!(
        season.runs.len(),
        in_week.len(),
        "every sport in the date range"
    );
    assert_eq!(
        season.totals.outside_range,
        truth.runs.len() - in_week.len()
    );
    assert_eq!(season.weeks.len(), 1);
}
