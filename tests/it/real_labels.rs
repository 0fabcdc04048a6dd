//! Real watch files against labels made from independent evidence
//! (`../shared/corpus/LABELS.tsv`, see its LABELS.md; read in place, skipped when absent).
//!
//! High- and medium-confidence rows count; low ones are reported only. Figures per workout type
//! and in total, per file and per activity (several files hold the same activity), are printed
//! and written up in docs/accuracy.md.

use crate::common_corpus;
use crate::tally::Tally;

use std::collections::BTreeMap;
use std::path::Path;

use lapwise::pipeline::{Analysed, analyze_path, options_for};
use lapwise::report::Units;
use lapwise::segment::WorkoutType;

/// One labelled file.
struct Label {
    file: String,
    kind: String,
    confidence: String,
    reps: Option<usize>,
    windows: Vec<(f64, f64)>,
}

fn labels(dir: &Path) -> Vec<Label> {
    let text = std::fs::read_to_string(dir.join("LABELS.tsv")).expect("LABELS.tsv readable");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            let get = |i: usize| c.get(i).copied().unwrap_or("").trim().to_string();
            Label {
                file: get(0),
                kind: get(1),
                confidence: get(2),
                reps: get(3).parse().ok(),
                windows: parse_windows(&get(4)),
            }
        })
        .collect()
}

/// `[[1,279],[340,601]]` → pairs.
fn parse_windows(s: &str) -> Vec<(f64, f64)> {
    let nums: Vec<f64> = s
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter(|x| !x.is_empty())
        .filter_map(|x| x.parse().ok())
        .collect();
    nums.chunks(2)
        .filter(|p| p.len() == 2)
        .map(|p| (p[0], p[1]))
        .collect()
}

/// The activity a file holds: its name without folder and extension, with the groups that
/// LABELS.md lists as one activity under different names.
fn activity_key(file: &str) -> String {
    let stem = file
        .rsplit('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".fit")
        .trim_end_matches(".gpx")
        .trim_end_matches(".tcx");
    let same = [
        ("gc__Fr955v19.28andStryd-saved", "gc__Fr955v19.28andStryd"),
        ("runpandas__stopped_example", "runpandas__strava_export"),
        ("sportslib__sports-tracker", "sportslib__movescount"),
        (
            "dblock-tcx__multiple_running_activities",
            "dblock-tcx__running_activity_1",
        ),
    ];
    same.iter()
        .find(|(a, _)| *a == stem)
        .map_or(stem.to_string(), |(_, b)| b.to_string())
}

/// Types on which no interval rep, hill or time trial may appear.
const STEADY_OR_WHOLE: [&str; 7] = [
    "easy",
    "long",
    "recovery",
    "race",
    "tempo",
    "progression",
    "other",
];

#[test]
fn workout_type_and_structure_match_the_real_labels() {
    let Some(dir) = common_corpus::corpus_dir() else {
        return;
    };
    let rows = labels(&dir);
    assert!(rows.len() >= 60, "LABELS.tsv has {} rows", rows.len());
    let opts = options_for(Units::Metric);
    let mut by_type: BTreeMap<String, Tally> = BTreeMap::new();
    let mut files = Tally::default();
    let mut activities: BTreeMap<String, bool> = BTreeMap::new();
    let mut low = Tally::default();
    let mut problems: Vec<String> = Vec::new();
    println!(
        "{:<62} {:<12} {:<4} {:<12} reps",
        "file", "label", "conf", "lapwise"
    );
    for row in &rows {
        let (analysed, failed) = analyze_path(&dir.join(&row.file), &opts);
        let Some(a) = analysed.first() else {
            problems.push(format!("{}: not analysed ({failed:?})", row.file));
            continue;
        };
        let got = a.analysis.segmentation.workout.kind;
        let ok = got.as_str() == row.kind;
        let counted = row.confidence != "low";
        if counted {
            files.add(ok);
            by_type.entry(row.kind.clone()).or_default().add(ok);
            let e = activities.entry(activity_key(&row.file)).or_insert(true);
            *e &= ok;
        } else {
            low.add(ok);
        }
        let iv = a.analysis.segmentation.intervals.as_ref();
        let n_reps = iv.map_or(0, |iv| iv.reps.len());
        println!(
            "{:<62} {:<12} {:<4} {:<12} {}{}",
            row.file,
            row.kind,
            &row.confidence[..row.confidence.len().min(4)],
            got.as_str(),
            n_reps,
            if ok { "" } else { "   <- differs" }
        );
        if !counted {
            continue;
        }
        check_structure(row, a, &mut problems);
    }
    let acts = activities.values().fold(Tally::default(), |mut t, ok| {
        t.add(*ok);
        t
    });
    println!("\nper type (high + medium):");
    for (k, t) in &by_type {
        println!("  {k:<12} {}/{} ({:.0} %)", t.hit, t.of, 100.0 * t.rate());
    }
    println!(
        "type right, per file: {}/{} ({:.1} %); per activity: {}/{} ({:.1} %); low-confidence rows: {}/{}",
        files.hit,
        files.of,
        100.0 * files.rate(),
        acts.hit,
        acts.of,
        100.0 * acts.rate(),
        low.hit,
        low.of
    );
    assert!(
        problems.is_empty(),
        "structure problems:\n{}",
        problems.join("\n")
    );
    assert!(
        files.rate() >= 0.9,
        "type right on {} of files",
        files.show()
    );
    assert!(
        acts.rate() >= 0.9,
        "type right on {} of activities",
        acts.show()
    );
}

/// Interval sessions: exact rep count and every rep boundary within 5 s of the label. Files
/// labelled steady or whole-run: no interval rep, no hill, no time trial.
fn check_structure(row: &Label, a: &Analysed, problems: &mut Vec<String>) {
    let seg = &a.analysis.segmentation;
    if row.kind == "intervals" {
        let reps: Vec<(f64, f64)> = seg
            .intervals
            .as_ref()
            .map(|iv| iv.reps.iter().map(|r| (r.start_s, r.end_s)).collect())
            .unwrap_or_default();
        if Some(reps.len()) != row.reps {
            problems.push(format!(
                "{}: {} reps, labelled {:?}",
                row.file,
                reps.len(),
                row.reps
            ));
        } else if !row.windows.is_empty() {
            for (k, (got, want)) in reps.iter().zip(&row.windows).enumerate() {
                let dev = (got.0 - want.0).abs().max((got.1 - want.1).abs());
                if dev > 5.0 {
                    problems.push(format!(
                        "{}: rep {} at {:.0}–{:.0} s, labelled {:.0}–{:.0} s",
                        row.file,
                        k + 1,
                        got.0,
                        got.1,
                        want.0,
                        want.1
                    ));
                }
            }
        }
    }
    if STEADY_OR_WHOLE.contains(&row.kind.as_str()) {
        let w = seg.workout.kind;
        if seg.intervals.is_some()
            || w == WorkoutType::Hills
            || w == WorkoutType::TimeTrial
            || seg.mile_effort.is_some()
        {
            problems.push(format!(
                "{}: labelled {}, lapwise reads {} with {} interval reps",
                row.file,
                row.kind,
                w.as_str(),
                seg.intervals.as_ref().map_or(0, |iv| iv.reps.len())
            ));
        }
    }
}

#[test]
fn window_and_activity_parsing() {
    assert_eq!(
        parse_windows("[[1,279],[340,601]]"),
        vec![(1.0, 279.0), (340.0, 601.0)]
    );
    assert!(parse_windows("").is_empty());
    assert_eq!(
        activity_key("gpx/sportslib__6782987395.gpx"),
        activity_key("fit/sportslib__6782987395.fit")
    );
    assert_eq!(
        activity_key("tcx/runpandas__stopped_example.tcx"),
        "runpandas__strava_export"
    );
}
