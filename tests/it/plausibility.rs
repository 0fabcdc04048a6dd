//! Nothing a runner would laugh at, on every file of the real corpus (`../shared/corpus`, read
//! in place; skipped when absent): the plausibility rules of docs/metrics.md ("Workout type",
//! "Hills", "Tempo", "Mile effort", "Strides") hold for every running activity lapwise reads,
//! and a best mile that is not a time trial never reads slower than the "1 mile" best effort.

use crate::common_corpus;

use lapwise::pipeline::{analyze_path, options_for};
use lapwise::report::Units;
use lapwise::segment::{SegmentConfig, WorkoutType};

#[test]
fn no_implausible_reading_anywhere_in_the_corpus() {
    let Some(dir) = common_corpus::corpus_dir() else {
        return;
    };
    let cfg = SegmentConfig::default();
    let opts = options_for(Units::Metric);
    let mut bad: Vec<String> = Vec::new();
    let mut seen = 0;
    for sub in ["fit", "gpx", "tcx"] {
        for path in common_corpus::files(&dir, sub) {
            let (analysed, _) = analyze_path(&path, &opts);
            for a in &analysed {
                let seg = &a.analysis.segmentation;
                if seg.workout.kind == WorkoutType::CrossTraining {
                    continue;
                }
                seen += 1;
                let name = path.display().to_string();
                for h in &seg.hills {
                    if h.grade > cfg.hills.hill_max_grade
                        || h.avg_speed_mps < cfg.hills.hill_min_mps
                    {
                        bad.push(format!(
                            "{name}: hill rep at {:.0} % and {:.2} m/s",
                            h.grade * 100.0,
                            h.avg_speed_mps
                        ));
                    }
                }
                if let Some(m) = &seg.mile_effort {
                    let v = lapwise::model::MILE_M / m.elapsed_s;
                    let mean = m.laps_s.iter().sum::<f64>() / 4.0;
                    let sd =
                        (m.laps_s.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / 4.0).sqrt();
                    if v < cfg.mile.mile_min_mps || sd / mean > cfg.mile.mile_max_quarter_cv {
                        bad.push(format!(
                            "{name}: time trial mile in {:.0} s with laps {:?}",
                            m.elapsed_s, m.laps_s
                        ));
                    }
                }
                for t in &seg.tempo {
                    if t.elapsed_s < cfg.tempo.tempo_min_s - 1.0
                        || t.elapsed_s > cfg.tempo.tempo_max_s + 1.0
                        || seg.easy_mps.is_some_and(|e| t.avg_speed_mps <= e)
                    {
                        bad.push(format!("{name}: tempo {:.0} s", t.elapsed_s));
                    }
                }
                if let Some(iv) = &seg.intervals {
                    for (k, r) in iv.reps.iter().enumerate() {
                        let rec: Vec<f64> = [k.checked_sub(1), Some(k)]
                            .into_iter()
                            .flatten()
                            .filter_map(|i| iv.recoveries.get(i))
                            .filter(|x| x.elapsed_s >= cfg.intervals.back_to_back_max_s)
                            .map(|x| x.distance_m / x.elapsed_s)
                            .collect();
                        let fast_enough = rec.iter().all(|v| r.avg_speed_mps >= 1.0 * v);
                        if !fast_enough {
                            bad.push(format!(
                                "{name}: rep {} at {:.2} m/s is not faster than its recoveries",
                                k + 1,
                                r.avg_speed_mps
                            ));
                        }
                    }
                }
                if !seg.strides.is_empty() && seg.strides.len() < cfg.strides.min_strides {
                    bad.push(format!("{name}: {} lone strides", seg.strides.len()));
                }
                // A best mile that is not a time trial is the fastest mile window: never slower
                // than the run's "1 mile" best effort.
                if let (Some(m), Some(e)) = (
                    &seg.best_mile,
                    seg.best_efforts.iter().find(|e| e.name == "1 mile"),
                ) && !m.time_trial
                    && m.elapsed_s > e.elapsed_s + 0.05
                {
                    bad.push(format!(
                        "{name}: best mile {:.1} s slower than the 1-mile best effort {:.1} s",
                        m.elapsed_s, e.elapsed_s
                    ));
                }
                if seg.workout.kind == WorkoutType::TimeTrial && seg.mile_effort.is_none() {
                    bad.push(format!("{name}: time trial without a mile"));
                }
            }
        }
    }
    println!("{seen} running activities checked");
    assert!(seen >= 50, "only {seen} running activities read");
    assert!(bad.is_empty(), "implausible readings:\n{}", bad.join("\n"));
}
