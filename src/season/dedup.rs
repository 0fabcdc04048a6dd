//! One activity counted once. The rule: two activities are the same when they have the same
//! sport (or either has none: TCX cannot say "swimming"), start within
//! [`DedupConfig::max_start_diff_s`] of each other, and either their distances differ by at
//! most [`DedupConfig::max_distance_diff`] of the longer (two activities without distance match
//! on start alone) or they were at the same places at the same times ([`same_places`]: a watch
//! and a phone on one run, or one run exported twice with different stop handling, record
//! distances several per cent apart). Of a group of the same activity, lapwise keeps the FIT
//! file (richest: device laps, totals), then TCX, then GPX; among equals the longer recording
//! (elapsed time), then the first source name. Matching is transitive.

use crate::model::{MinutePosition, SourceFormat, Sport, separations};
use crate::report::Analysed;

/// Thresholds of the duplicate rule.
#[derive(Debug, Clone, PartialEq)]
pub struct DedupConfig {
    /// Largest difference of start times (s) (default 60).
    pub max_start_diff_s: f64,
    /// Largest relative difference of distances (default 0.03 = 3 %).
    pub max_distance_diff: f64,
    /// Same places: the two must share positions at whole minutes on at least this many
    /// minutes (default 2) ...
    pub min_shared_minutes: usize,
    /// ... covering at least this share of the shorter recording's minutes with positions
    /// (default 0.8) ...
    pub min_shared_frac: f64,
    /// ... and lie within `max_apart_m` of each other on at least this share of them (default
    /// 0.9) ...
    pub min_near_frac: f64,
    /// ... metres (default 50: two GPS fixes of one place are rarely 20 m apart; runners
    /// who are not together drift hundreds of metres apart within minutes).
    pub max_apart_m: f64,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            max_start_diff_s: 60.0,
            max_distance_diff: 0.03,
            min_shared_minutes: 2,
            min_shared_frac: 0.8,
            min_near_frac: 0.9,
            max_apart_m: 50.0,
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
    let close_distance = match (a.analysis.summary.distance_m, b.analysis.summary.distance_m) {
        (Some(da), Some(db)) => {
            let longer = da.max(db);
            longer <= 0.0 || (da - db).abs() <= cfg.max_distance_diff * longer
        }
        (None, None) => true,
        _ => false,
    };
    close_distance || same_places(&a.track, &b.track, cfg)
}

/// Whether two minute tracks ([`crate::model::minute_track`]) are one run: positions at
/// `cfg.min_shared_minutes` or more of the same minutes, covering `cfg.min_shared_frac` of the
/// shorter track, within `cfg.max_apart_m` of each other on `cfg.min_near_frac` of them.
pub fn same_places(a: &[MinutePosition], b: &[MinutePosition], cfg: &DedupConfig) -> bool {
    let apart = separations(a, b);
    let shorter = a.len().min(b.len());
    let near = apart.iter().filter(|&&m| m <= cfg.max_apart_m).count();
    apart.len() >= cfg.min_shared_minutes
        && apart.len() as f64 >= cfg.min_shared_frac * shorter as f64
        && near as f64 >= cfg.min_near_frac * apart.len() as f64
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
        Analysed::new(act, analysis)
    }

    /// A run of `dist` metres over 1000 s whose positions move east at `east_mps`.
    fn run_with_track(source: &str, format: SourceFormat, dist: f64, east_mps: f64) -> Analysed {
        let mut act = Activity::new(Meta::new(source, format));
        act.meta.sport = Sport::Running;
        act.meta.start_utc = Utc.timestamp_opt(1_767_600_000, 0).single();
        let m_per_deg_lon = 111_320.0 * 45f64.to_radians().cos();
        for i in 0..=100 {
            let t = i as f64 * 10.0;
            act.samples.push(SamplePoint {
                time_s: t,
                distance_m: dist * i as f64 / 100.0,
                lat_deg: 45.0,
                lon_deg: 7.0 + east_mps * t / m_per_deg_lon,
                ..Default::default()
            });
        }
        let analysis = analyze(&act, &Options::default());
        Analysed::new(act, analysis)
    }

    #[test]
    fn one_run_recorded_twice_at_different_distances_is_counted_once() {
        // A watch and a phone on one run: 8 % apart in distance, the same places each minute.
        let items = vec![
            run_with_track("watch.tcx", SourceFormat::Tcx, 5000.0, 5.0),
            run_with_track("phone.gpx", SourceFormat::Gpx, 5400.0, 5.0),
        ];
        let (kept, dropped) = dedup(items, &DedupConfig::default());
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].activity.meta.source, "watch.tcx");
        assert_eq!(dropped.len(), 1);
        // Two runners starting together and parting: 5.0 against 5.5 m/s is 500 m apart at the end.
        let items = vec![
            run_with_track("a.tcx", SourceFormat::Tcx, 5000.0, 5.0),
            run_with_track("b.gpx", SourceFormat::Gpx, 5500.0, 5.5),
        ];
        let (kept, _) = dedup(items, &DedupConfig::default());
        assert_eq!(kept.len(), 2);
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
