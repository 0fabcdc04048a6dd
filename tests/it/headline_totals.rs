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
