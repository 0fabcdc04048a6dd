//! The real corpus (../shared/corpus: mixed sports, broken and non-activity files) as one
//! season: it completes, names every failure, and leaves non-running activities out.

use std::path::PathBuf;

use lapwise::season::{SeasonOptions, build_season};

#[test]
fn corpus_as_a_season() {
    let corpus = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
    if !corpus.is_dir() {
        eprintln!(
            "notice: {} not found; corpus season test skipped",
            corpus.display()
        );
        return;
    }
    let season = build_season(&[corpus], &SeasonOptions::default(), &|_| {}).expect("season");
    assert!(season.runs.len() > 30, "runs: {}", season.runs.len());
    assert!(season.runs.iter().all(|r| r.sport.as_str() == "running"));
    assert!(
        season
            .skipped
            .iter()
            .any(|s| s.sport == "cycling" && s.reason == "not running")
    );
    assert!(season.skipped.iter().any(|s| s.sport == "swimming"));
    assert!(!season.failures.is_empty());
    for f in &season.failures {
        assert!(
            !f.source.is_empty() && !f.message.is_empty() && !f.message.contains('\n'),
            "{f:?}"
        );
    }
    assert!(
        season
            .failures
            .iter()
            .any(|f| f.message.contains("not an activity"))
    );
    assert_eq!(season.totals.failed, season.failures.len());
    assert!(
        season.totals.duplicates > 0,
        "the corpus has the same run in several formats"
    );
    // One run exported twice with different stop handling (12.5 and 12.0 km, the same
    // positions): counted once by the same-places test of the duplicate rule.
    let copies = [
        "runpandas__strava_export.gpx",
        "runpandas__stopped_example.tcx",
    ];
    let counted = season
        .runs
        .iter()
        .filter(|r| copies.iter().any(|c| r.source.ends_with(c)))
        .count();
    assert_eq!(counted, 1, "one of {copies:?}");
    let weeks: u32 = season.weeks.iter().map(|w| w.runs).sum();
    assert_eq!(weeks as usize, season.runs.len());
}
