//! One activity counted once. The rule: two activities are the same when they have the same
//! sport (or either has none: TCX cannot say "swimming"), start within [`DedupConfig::max_start_diff_s`] of each other, and their distances
//! differ by at most [`DedupConfig::max_distance_diff`] of the longer (two activities without
//! distance match on start alone). Of a group of the same activity, lapwise keeps the FIT
//! file (richest: device laps, totals), then TCX, then GPX; among equals the longer recording
//! (elapsed time), then the first source name. Matching is transitive.

use crate::model::{SourceFormat, Sport};
use crate::report::Analysed;

/// Thresholds of the duplicate rule.
#[derive(Debug, Clone, PartialEq)]
pub struct DedupConfig {
    /// Largest difference of start times (s) (default 60).
    pub max_start_diff_s: f64,
    /// Largest relative difference of distances (default 0.03 = 3 %).
    pub max_distance_diff: f64,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            max_start_diff_s: 60.0,
            max_distance_diff: 0.03,
        }
    }
}

/// A dropped copy and the source kept in its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// The copy left out.
    pub source: String,
    /// The activity counted.
    pub kept: String,
}

fn start_s(a: &Analysed) -> Option<f64> {
    a.activity
        .meta
        .start_utc
        .map(|t| t.timestamp() as f64 + f64::from(t.timestamp_subsec_millis()) / 1000.0)
}

fn same(a: &Analysed, b: &Analysed, cfg: &DedupConfig) -> bool {
    let (sa, sb) = (a.activity.meta.sport, b.activity.meta.sport);
    if sa != sb && sa != Sport::Other && sb != Sport::Other {
        return false;
    }
    let (Some(sa), Some(sb)) = (start_s(a), start_s(b)) else {
        return false;
    };
    if (sa - sb).abs() > cfg.max_start_diff_s {
        return false;
    }
    match (a.analysis.summary.distance_m, b.analysis.summary.distance_m) {
        (Some(da), Some(db)) => {
            let longer = da.max(db);
            longer <= 0.0 || (da - db).abs() <= cfg.max_distance_diff * longer
        }
        (None, None) => true,
        _ => false,
    }
}

fn format_rank(f: SourceFormat) -> u8 {
    match f {
        SourceFormat::Fit => 0,
        SourceFormat::Tcx => 1,
        SourceFormat::Gpx => 2,
    }
}

/// Whether `a` is the better copy to keep than `b`.
fn better(a: &Analysed, b: &Analysed) -> bool {
    let key = |x: &Analysed| {
        (
            format_rank(x.activity.meta.format),
            -x.analysis.summary.elapsed_s,
        )
    };
    let (ka, kb) = (key(a), key(b));
    match ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1)) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        std::cmp::Ordering::Equal => a.activity.meta.source < b.activity.meta.source,
    }
}

/// Drop duplicate copies; returns the activities kept (sorted by start time, then source) and
/// the copies dropped.
pub fn dedup(mut items: Vec<Analysed>, cfg: &DedupConfig) -> (Vec<Analysed>, Vec<Duplicate>) {
    items.sort_by(|a, b| {
        start_s(a)
            .unwrap_or(f64::INFINITY)
            .total_cmp(&start_s(b).unwrap_or(f64::INFINITY))
            .then_with(|| a.activity.meta.source.cmp(&b.activity.meta.source))
    });
    // Union-find over pairs whose starts are within the window (sorted, so a sliding scan).
    let n = items.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for i in 0..n {
        for j in i + 1..n {
            let (Some(si), Some(sj)) = (start_s(&items[i]), start_s(&items[j])) else {
                break;
            };
            if sj - si > cfg.max_start_diff_s {
                break;
            }
            if same(&items[i], &items[j], cfg) {
                let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                parent[rj] = ri;
            }
        }
    }
    let mut best: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let r = root(&mut parent, i);
        if best[r].is_none_or(|b| better(&items[i], &items[b])) {
            best[r] = Some(i);
        }
    }
    let mut keep_flags = vec![false; n];
    let mut kept_of = vec![0usize; n];
    for i in 0..n {
        let r = root(&mut parent, i);
        let b = best[r].unwrap_or(i);
        keep_flags[i] = b == i;
        kept_of[i] = b;
    }
    let dropped: Vec<Duplicate> = (0..n)
        .filter(|&i| !keep_flags[i])
        .map(|i| Duplicate {
            source: items[i].activity.meta.source.clone(),
            kept: items[kept_of[i]].activity.meta.source.clone(),
        })
        .collect();
    let kept = items
        .into_iter()
        .zip(keep_flags)
        .filter_map(|(a, k)| k.then_some(a))
        .collect();
    (kept, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Options, analyze};
    use crate::model::{Activity, Meta, SamplePoint};
    use chrono::{TimeZone, Utc};

    fn run(source: &str, format: SourceFormat, start_s: i64, dist: f64) -> Analysed {
        let mut act = Activity::new(Meta::new(source, format));
        act.meta.sport = Sport::Running;
        act.meta.start_utc = Utc.timestamp_opt(1_767_600_000 + start_s, 0).single();
        for i in 0..=100 {
            act.samples.push(SamplePoint {
                time_s: i as f64 * 10.0,
                distance_m: dist * i as f64 / 100.0,
                ..Default::default()
            });
        }
        let analysis = analyze(&act, &Options::default());
        Analysed {
            activity: act,
            analysis,
        }
    }

    #[test]
    fn same_run_in_two_formats_is_counted_once_preferring_fit() {
        let items = vec![
            run("a.gpx", SourceFormat::Gpx, 0, 5000.0),
            run("a.fit", SourceFormat::Fit, 2, 5050.0),
            run("b.fit", SourceFormat::Fit, 3600, 5000.0),
            run("c.tcx", SourceFormat::Tcx, 7200, 5000.0),
            run("c2.gpx", SourceFormat::Gpx, 7230, 6000.0),
        ];
        let (kept, dropped) = dedup(items, &DedupConfig::default());
        let names: Vec<&str> = kept
            .iter()
            .map(|a| a.activity.meta.source.as_str())
            .collect();
        assert_eq!(names, vec!["a.fit", "b.fit", "c.tcx", "c2.gpx"]);
        assert_eq!(
            dropped,
            vec![Duplicate {
                source: "a.gpx".into(),
                kept: "a.fit".into()
            }]
        );
    }
}
