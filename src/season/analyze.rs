//! Reading and analysing every input of a season in parallel.
//!
//! One producer thread lists the work (files, and the members of zip archives, nested zips
//! included, read one at a time) into a bounded queue; rayon's workers take items from it,
//! read, filter and analyse them. Memory stays bounded by the queue, however large an export
//! is. Each item is independent: one bad file becomes one [`Failure`] and never stops the rest.

use std::path::PathBuf;
use std::sync::mpsc::sync_channel;

use chrono::{NaiveDate, TimeDelta};
use rayon::prelude::*;
use serde::Serialize;

use super::control::{Control, Progress};
use super::produce::{Payload, Work, produce};
use super::strava::StravaIndex;
use crate::analysis::Options;
use crate::ingest::{Loaded, read_path_limited, read_source_limited};
use crate::model::{Activity, Sport};
use crate::pipeline::analyze_loaded;
use crate::report::{Analysed, Failure};
use crate::{Error, Result};

/// Work items queued per worker thread (bounds memory when reading big archives).
pub const QUEUE_PER_THREAD: usize = 4;

/// Which activities take part. The default is running only, every date.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    /// Only this sport (`None`: every sport; default running).
    pub sport: Option<Sport>,
    /// First local date included.
    pub since: Option<NaiveDate>,
    /// Last local date included.
    pub until: Option<NaiveDate>,
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            sport: Some(Sport::Running),
            since: None,
            until: None,
        }
    }
}

/// An activity that was read but left out of the season, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    /// The input.
    pub source: String,
    /// Its sport.
    pub sport: String,
    /// Local date (`YYYY-MM-DD`), when the file has a start time.
    pub date: Option<String>,
    /// Why it was left out (`not running`, `no start time`, `duplicate of ...`).
    pub reason: String,
}

/// Everything the parallel stage produced. Analysed activities keep their metadata, laps and
/// analysis; their samples are dropped once analysed.
#[derive(Debug, Default)]
pub struct Gathered {
    /// Analysed activities that pass the filter (unordered).
    pub analysed: Vec<Analysed>,
    /// Activities left out (other sport, no start time).
    pub skipped: Vec<Skipped>,
    /// Inputs that could not be read or analysed.
    pub failures: Vec<Failure>,
    /// Activities outside `--since`/`--until` (counted, not listed).
    pub outside_range: usize,
    /// Local date of every activity read in range, any sport (for days without activity).
    pub activity_dates: Vec<NaiveDate>,
}

impl Gathered {
    fn merge(mut self, other: Gathered) -> Gathered {
        self.analysed.extend(other.analysed);
        self.skipped.extend(other.skipped);
        self.failures.extend(other.failures);
        self.outside_range += other.outside_range;
        self.activity_dates.extend(other.activity_dates);
        self
    }
}

/// The local calendar date an activity started on (`start_utc + local_offset_s`; UTC when the
/// file has no offset).
pub fn local_date(act: &Activity) -> Option<NaiveDate> {
    let start = act.meta.start_utc?;
    let offset = TimeDelta::seconds(i64::from(act.meta.local_offset_s.unwrap_or(0)));
    Some((start + offset).date_naive())
}

/// Read and analyse `files` on the current rayon pool; `progress` is called from worker
/// threads. When `ctl.cancel` is set, queued work is dropped and the result is partial (the
/// caller checks the flag).
pub fn gather(
    files: &[PathBuf],
    strava: &StravaIndex,
    filter: &Filter,
    opts: &Options,
    ctl: &Control,
    progress: &(dyn Fn(Progress) + Sync),
) -> Gathered {
    let capacity = QUEUE_PER_THREAD * rayon::current_num_threads().max(1);
    let (tx, rx) = sync_channel::<Work>(capacity);
    std::thread::scope(|scope| {
        scope.spawn(move || produce(files, &tx, ctl, progress));
        rx.into_iter()
            .par_bridge()
            .map(|w| {
                if ctl.cancel.is_set() {
                    return Gathered::default();
                }
                let g = process(w.source.clone(), w.payload, strava, filter, opts, ctl);
                progress(Progress::Done {
                    source: &w.source,
                    failed: !g.failures.is_empty(),
                });
                g
            })
            .reduce(Gathered::default, Gathered::merge)
    })
}

fn process(
    source: String,
    payload: Payload,
    strava: &StravaIndex,
    filter: &Filter,
    opts: &Options,
    ctl: &Control,
) -> Gathered {
    let limits = &ctl.limits;
    let loaded = match payload {
        Payload::Failed(e) => vec![Loaded {
            source,
            result: Err(e),
        }],
        Payload::Path(p) => contain(&source, || read_path_limited(&p, limits)),
        Payload::Bytes(b) => contain(&source, || read_source_limited(&b, &source, limits)),
    };
    let mut g = Gathered::default();
    let mut keep = Vec::new();
    for mut l in loaded {
        let act = match &mut l.result {
            Ok(a) => a,
            Err(_) => {
                keep.push(l);
                continue;
            }
        };
        if let Some(meta) = strava.lookup(&l.source) {
            if let Some(name) = &meta.name {
                act.meta.name = Some(name.clone());
            }
            if let Some(sport) = meta.sport() {
                act.meta.sport = sport;
            }
        }
        let date = local_date(act);
        if let Some(d) = date {
            if filter.since.is_some_and(|s| d < s) || filter.until.is_some_and(|u| d > u) {
                g.outside_range += 1;
                continue;
            }
            g.activity_dates.push(d);
        }
        let sport = act.meta.sport;
        let reason = if filter.sport.is_some_and(|s| s != sport) && sport == Sport::Other {
            Some("sport not stated (--sport all includes it)".to_string())
        } else if filter.sport.is_some_and(|s| s != sport) {
            Some(format!(
                "not {}",
                filter.sport.map(Sport::as_str).unwrap_or("")
            ))
        } else if date.is_none() {
            Some("no start time, cannot be placed in a week".to_string())
        } else {
            None
        };
        match reason {
            Some(reason) => g.skipped.push(Skipped {
                source: l.source,
                sport: sport.as_str().to_string(),
                date: date.map(|d| d.to_string()),
                reason,
            }),
            None => keep.push(l),
        }
    }
    let (mut ok, failed) = analyze_loaded(keep, opts);
    // The season needs only the metadata and the analysis of each run: the sample columns are
    // released here, so memory holds one activity's samples per worker, not the season's
    // (unless the caller keeps them for the sample dataset).
    if !ctl.keep_samples {
        for a in &mut ok {
            a.activity.samples = Default::default();
            a.activity.pauses = Vec::new();
        }
    }
    g.analysed = ok;
    g.failures = failed;
    g
}

/// Run a reader, turning a panic into one failure for `source`.
fn contain(source: &str, f: impl FnOnce() -> Vec<Loaded>) -> Vec<Loaded> {
    crate::guard::guard("reading", f).unwrap_or_else(|e| {
        vec![Loaded {
            source: source.to_string(),
            result: Err(e),
        }]
    })
}

/// Convenience for tests and callers without their own pool: gather on a pool of `threads`
/// workers (`None`: all cores).
pub fn gather_with_threads(
    threads: Option<usize>,
    files: &[PathBuf],
    strava: &StravaIndex,
    filter: &Filter,
    opts: &Options,
    ctl: &Control,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Gathered> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        builder = builder.num_threads(n.max(1));
    }
    let pool = builder
        .build()
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    let gathered = pool.install(|| gather(files, strava, filter, opts, ctl, progress));
    if ctl.cancel.is_set() {
        return Err(Error::Cancelled);
    }
    Ok(gathered)
}
