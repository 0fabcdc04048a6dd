//! Season mode writes dated files with truth and a season roll-up that is consistent with them.

use chrono::NaiveDate;
use lapwise::simulate::OutputFormat;
use lapwise::simulate::season::{SeasonOptions, simulate_season};

#[test]
fn eight_week_block_is_realistic_and_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let opts = SeasonOptions {
        start: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        weeks: 8,
        seed: 3,
        formats: vec![OutputFormat::Fit],
        tz_offset_s: 3600,
        cs: None,
    };
    let t = simulate_season(&opts, dir.path()).unwrap();
    assert_eq!(t.week_totals.len(), 8);
    assert!(dir.path().join("season.truth.json").exists());
    for run in &t.runs {
        for f in &run.files {
            assert!(dir.path().join(f).exists(), "{f}");
        }
        assert!(run.files[0].starts_with(&run.date));
    }
    let types: std::collections::BTreeSet<_> = t.runs.iter().map(|r| r.workout_type).collect();
    for want in [
        "easy",
        "long",
        "intervals",
        "strides",
        "hills",
        "tempo",
        "time_trial",
    ] {
        assert!(types.contains(want), "missing {want}: {types:?}");
    }
    assert!(
        t.runs
            .iter()
            .filter(|r| r.workout_type == "time_trial")
            .count()
            >= 2
    );
    assert!(t.week_totals.iter().all(|w| w.rest_days >= 1));
    assert!(
        t.week_totals.iter().any(|w| w.over_10pct),
        "some week breaks the 10 % rule"
    );
    assert!(
        t.week_totals
            .iter()
            .skip(1)
            .any(|w| w.change_pct.is_some_and(|c| c < 0.0)),
        "a cut-back week"
    );
    // week totals are the sums of the runs
    for w in &t.week_totals {
        let sum: f64 = t
            .runs
            .iter()
            .filter(|r| {
                r.sport == "running" && r.date >= w.week_start && r.date < next_week(&w.week_start)
            })
            .map(|r| r.true_distance_m)
            .sum();
        assert!(
            (sum - w.distance_m).abs() < 0.01,
            "{} {sum} vs {}",
            w.week_start,
            w.distance_m
        );
    }
    // every FIT decodes with another decoder
    for run in t.runs.iter().take(10) {
        let bytes = std::fs::read(dir.path().join(&run.files[0])).unwrap();
        fitparser::from_bytes(&bytes).unwrap();
    }
}

fn next_week(d: &str) -> String {
    let d = NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    (d + chrono::TimeDelta::days(7)).to_string()
}
