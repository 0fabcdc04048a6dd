//! Headline numbers a runner checks against the watch: on every corpus FIT file whose session
//! message holds the watch's totals, `summary` shows exactly those totals (the recomputation is
//! in `summary_computed`). Reads `../shared/corpus` in place; skipped when absent.

use crate::common_corpus;

use lapwise::pipeline::{analyze_path, options_for};
use lapwise::report::Units;

#[test]
fn headline_totals_are_the_watch_totals() {
    let Some(dir) = common_corpus::corpus_dir() else {
        return;
    };
    let opts = options_for(Units::Metric);
    let mut checked = 0;
    let mut bad = Vec::new();
    for path in common_corpus::files(&dir, "fit") {
        let (analysed, _) = analyze_path(&path, &opts);
        for a in &analysed {
            let Some(dev) = a.activity.device.as_ref() else {
                continue;
            };
            let s = &a.analysis.summary;
            let name = path.display();
            let same =
                |what: &str, watch: Option<f64>, shown: Option<f64>, bad: &mut Vec<String>| {
                    if let Some(w) = watch.filter(|w| w.is_finite() && *w > 0.0)
                        && shown != Some(w)
                    {
                        bad.push(format!("{name}: {what} {shown:?}, the watch {w}"));
                    }
                };
            same("distance", dev.distance_m, s.distance_m, &mut bad);
            same("timer", dev.timer_s, Some(s.timer_s), &mut bad);
            same("elapsed", dev.elapsed_s, Some(s.elapsed_s), &mut bad);
            same("average HR", dev.avg_hr_bpm, s.avg_hr_bpm, &mut bad);
            same("max HR", dev.max_hr_bpm, s.max_hr_bpm, &mut bad);
            same(
                "average cadence",
                dev.avg_cadence_spm,
                s.avg_cadence_spm,
                &mut bad,
            );
            assert!(s.moving_s <= s.timer_s + 1e-9, "{name}: moving above timer");
            checked += 1;
        }
    }
    println!("{checked} FIT activities with the watch's totals checked");
    assert!(checked >= 20, "only {checked} FIT activities had totals");
    assert!(
        bad.is_empty(),
        "headline differs from the watch:\n{}",
        bad.join("\n")
    );
}

/// lapwise's own average cadence (`summary_computed`) agrees with the watch's within 2 spm on at
/// least 90 % of the corpus FIT runs whose session has one (docs/metrics.md §3 names the rule and
/// the file it misses).
#[test]
fn computed_cadence_agrees_with_the_watch() {
    let Some(dir) = common_corpus::corpus_dir() else {
        return;
    };
    let opts = options_for(Units::Metric);
    let (mut n, mut close) = (0usize, 0usize);
    let mut off = Vec::new();
    for path in common_corpus::files(&dir, "fit") {
        let (analysed, _) = analyze_path(&path, &opts);
        for a in &analysed {
            if a.activity.meta.sport != lapwise::model::Sport::Running {
                continue;
            }
            let watch = a.activity.device.as_ref().and_then(|d| d.avg_cadence_spm);
            if let (Some(w), Some(c)) = (watch, a.analysis.summary_computed.avg_cadence_spm) {
                n += 1;
                if (w - c).abs() <= 2.0 {
                    close += 1;
                } else {
                    off.push(format!("{}: {c:.1} vs the watch's {w:.1}", path.display()));
                }
            }
        }
    }
    println!("cadence within 2 spm of the watch: {close}/{n}; off: {off:?}");
    assert!(n >= 15, "only {n} runs with a session cadence");
    assert!(
        close as f64 >= 0.9 * n as f64,
        "{close}/{n} within 2 spm: {off:?}"
    );
}
