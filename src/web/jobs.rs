//! Uploads and what became of them. An upload is a job: one file is read and analysed at once
//! (its activities get reports); several files or an archive become a season, built in the
//! background while the progress page refreshes itself. Uploaded bytes stay in memory with the
//! job (a report in other units is analysed again from them); the season's files go to a
//! temporary folder that is removed as soon as the season is built. The newest
//! [`MAX_JOBS`] jobs are kept.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use crate::analysis::Options;
use crate::ingest::{Limits, read_source_limited};
use crate::pipeline::{Analysed, Failure, analyze_loaded, analyze_one, options_for};
use crate::report::Units;
use crate::season::{Progress, Season, SeasonOptions, build_season};

/// Jobs kept in memory (older ones are dropped with their uploads).
pub const MAX_JOBS: usize = 32;

/// One uploaded file: its name made safe to use as a file name, and its bytes.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The browser's file name without folders, control characters or leading dots.
    pub name: String,
    /// The file's bytes.
    pub bytes: Arc<Vec<u8>>,
}

/// Longest upload name kept (bytes), with room for a `2-` prefix under the usual 255.
pub const MAX_NAME_BYTES: usize = 200;

/// A file name that stays inside a folder on any system: the last path component; control
/// characters, `: * ? " < > |` and lapwise's own source separators `!` and `#` replaced by `_`;
/// leading dots removed; at most [`MAX_NAME_BYTES`] bytes; `upload` when nothing is left.
pub fn safe_upload_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .map(|c| {
            if c.is_control() || ":*?\"<>|!#".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim_start_matches('.').trim();
    // At most MAX_NAME_BYTES bytes (file systems cap names at 255), cut at a character.
    let mut out = String::new();
    for c in trimmed.chars() {
        if out.len() + c.len_utf8() > MAX_NAME_BYTES {
            break;
        }
        out.push(c);
    }
    if out.is_empty() {
        "upload".to_string()
    } else {
        out
    }
}

/// The file a source comes from: `a.zip!run.fit` (an archive member) and `run.tcx#2` (the
/// second activity of a file) both name their container first.
pub fn container_of(source: &str) -> &str {
    let end = source.find(['!', '#']).unwrap_or(source.len());
    &source[..end]
}

/// Names made unique within one upload (`run.fit`, `2-run.fit`, ...).
pub fn unique_names(uploads: &mut [Upload]) {
    // Compared in lower case: on a case-insensitive disk `Run.fit` would overwrite `run.fit`.
    let mut seen = std::collections::HashSet::new();
    for u in uploads.iter_mut() {
        let mut name = u.name.clone();
        let mut n = 2;
        while !seen.insert(name.to_lowercase()) {
            name = format!("{n}-{}", u.name);
            n += 1;
        }
        u.name = name;
    }
}

/// What a job produced.
#[derive(Debug)]
pub enum Outcome {
    /// One file read and analysed: its activities' sources (each has a report).
    Runs(Vec<String>),
    /// A season: its runs' sources are `season.runs[i].source`.
    Season(Box<Season>),
    /// Nothing could be analysed: one line per input.
    Failed(Vec<Failure>),
}

/// One upload and its analysis.
#[derive(Debug)]
pub struct Job {
    /// The job's id (random, in its URLs).
    pub id: String,
    /// The uploaded files.
    pub uploads: Vec<Upload>,
    /// Files found so far (a season counts while it discovers).
    pub found: AtomicUsize,
    /// Files analysed so far.
    pub done: AtomicUsize,
    /// Set once, when the analysis ends.
    pub outcome: OnceLock<Outcome>,
    /// Analysed activities by (source, units), so a report and its downloads are analysed once.
    cache: Mutex<HashMap<(String, Units), Arc<Analysed>>>,
}

impl Job {
    /// A new job over `uploads`.
    pub fn new(uploads: Vec<Upload>) -> Job {
        Job {
            id: super::access::random_token(),
            found: AtomicUsize::new(uploads.len()),
            uploads,
            done: AtomicUsize::new(0),
            outcome: OnceLock::new(),
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The source of report `n`: the `n`-th activity of a one-file job or the `n`-th run of a
    /// season.
    pub fn source(&self, n: usize) -> Option<String> {
        match self.outcome.get()? {
            Outcome::Runs(sources) => sources.get(n).cloned(),
            Outcome::Season(s) => s.runs.get(n).map(|r| r.source.clone()),
            Outcome::Failed(_) => None,
        }
    }

    /// The activity with `source`, analysed in `units` (from the cache, or read again from
    /// the upload that holds it).
    pub fn analysed(
        &self,
        source: &str,
        units: Units,
        settings: &Settings,
    ) -> Result<Arc<Analysed>, Failure> {
        let key = (source.to_string(), units);
        if let Some(a) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return Ok(a);
        }
        let upload = self
            .uploads
            .iter()
            .find(|u| source == u.name || container_of(source) == u.name)
            .ok_or_else(|| Failure {
                source: source.to_string(),
                kind: "io",
                message: "no such upload".to_string(),
            })?;
        let loaded = read_source_limited(&upload.bytes, &upload.name, &settings.limits);
        let Some(l) = loaded.into_iter().find(|l| l.source == source) else {
            return Err(Failure {
                source: source.to_string(),
                kind: "io",
                message: "no such activity in the upload".to_string(),
            });
        };
        let act = l.result.map_err(|e| Failure::new(source, &e))?;
        let a = Arc::new(
            analyze_one(act, &settings.options(units)).map_err(|e| Failure::new(source, &e))?,
        );
        if let Ok(mut c) = self.cache.lock() {
            c.insert(key, a.clone());
        }
        Ok(a)
    }

    /// The activity with `source` if it is already analysed in `units`.
    pub fn cached(&self, source: &str, units: Units) -> Option<Arc<Analysed>> {
        self.cache
            .lock()
            .ok()?
            .get(&(source.to_string(), units))
            .cloned()
    }

    /// Read and analyse a one-file job (in the caller's thread).
    pub fn run_one(&self, settings: &Settings) {
        let mut sources = Vec::new();
        let mut failures = Vec::new();
        for u in &self.uploads {
            let loaded = read_source_limited(&u.bytes, &u.name, &settings.limits);
            let (ok, failed) = analyze_loaded(loaded, &settings.options(settings.units));
            failures.extend(failed);
            for a in ok {
                sources.push(a.activity.meta.source.clone());
                if let Ok(mut c) = self.cache.lock() {
                    c.insert(
                        (a.activity.meta.source.clone(), settings.units),
                        Arc::new(a),
                    );
                }
            }
        }
        self.done.store(self.uploads.len(), Ordering::Relaxed);
        let outcome = if sources.is_empty() {
            Outcome::Failed(failures)
        } else {
            Outcome::Runs(sources)
        };
        let _ = self.outcome.set(outcome);
    }

    /// Build the season of a many-file job (in the caller's thread): the uploads go to a
    /// temporary folder that is removed when the season is built; sources are the upload
    /// names.
    pub fn run_season(&self, settings: &Settings) {
        let outcome = match self.build(settings) {
            Ok(season) if season.runs.is_empty() && !season.failures.is_empty() => Outcome::Failed(
                season
                    .failures
                    .iter()
                    .map(|f| Failure {
                        source: f.source.clone(),
                        kind: f.kind,
                        message: f.message.clone(),
                    })
                    .collect(),
            ),
            Ok(season) => Outcome::Season(Box::new(season)),
            Err(e) => Outcome::Failed(vec![Failure::new("upload", &e)]),
        };
        let _ = self.outcome.set(outcome);
    }

    fn build(&self, settings: &Settings) -> crate::Result<Season> {
        let dir = tempfile::Builder::new()
            .prefix("lapwise-upload-")
            .tempdir()?;
        for u in &self.uploads {
            std::fs::write(dir.path().join(&u.name), u.bytes.as_slice())?;
        }
        self.found.store(0, Ordering::Relaxed);
        let opts = SeasonOptions {
            units: settings.units,
            thresholds: settings.options.thresholds,
            limits: settings.limits,
            threads: Some(1),
            cancel: settings.cancel.clone(),
            ..SeasonOptions::default()
        };
        let progress = |p: Progress| match p {
            Progress::Found(n) => {
                self.found.fetch_add(n, Ordering::Relaxed);
            }
            Progress::Done { .. } => {
                self.done.fetch_add(1, Ordering::Relaxed);
            }
        };
        let mut season = build_season(&[dir.path().to_path_buf()], &opts, &progress)?;
        season.strip_root(dir.path());
        Ok(season)
    }
}

/// How uploads are analysed: default units, the athlete's thresholds and goals, input limits.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Units of a report when the page does not ask for others.
    pub units: Units,
    /// Analysis options (goals, thresholds); the split unit follows the report's units.
    pub options: Options,
    /// Limits on every uploaded file.
    pub limits: Limits,
    /// Set when the server stops: a season being built stops between files (its temporary
    /// folder is removed as it ends).
    pub cancel: crate::season::Cancel,
}

impl Settings {
    /// The analysis options for a report in `units`.
    pub fn options(&self, units: Units) -> Options {
        let mut o = self.options.clone();
        o.segment.splits.split_unit_m = options_for(units).segment.splits.split_unit_m;
        o
    }
}

/// The jobs in memory, newest last.
#[derive(Debug, Default)]
pub struct Jobs {
    jobs: Mutex<VecDeque<Arc<Job>>>,
}

impl Jobs {
    /// Keep `job`, dropping the oldest beyond [`MAX_JOBS`].
    pub fn add(&self, job: Arc<Job>) {
        if let Ok(mut jobs) = self.jobs.lock() {
            jobs.push_back(job);
            while jobs.len() > MAX_JOBS {
                jobs.pop_front();
            }
        }
    }

    /// The job with `id`.
    pub fn get(&self, id: &str) -> Option<Arc<Job>> {
        self.jobs.lock().ok()?.iter().find(|j| j.id == id).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_and_unique() {
        assert_eq!(safe_upload_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_upload_name("C:\\runs\\a.fit"), "a.fit");
        assert_eq!(safe_upload_name(".."), "upload");
        assert_eq!(safe_upload_name("a\u{0}b.fit"), "a_b.fit");
        assert_eq!(safe_upload_name("CON*?.fit"), "CON__.fit");
        assert!(safe_upload_name(&"é".repeat(300)).len() <= MAX_NAME_BYTES);
        assert_eq!(container_of("a.zip!x/run.fit"), "a.zip");
        assert_eq!(container_of("run.tcx#2"), "run.tcx");
        let mut ups: Vec<Upload> = ["a.fit", "A.fit", "b.gpx"]
            .iter()
            .map(|n| Upload {
                name: n.to_string(),
                bytes: Arc::new(Vec::new()),
            })
            .collect();
        unique_names(&mut ups);
        let names: Vec<&str> = ups.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["a.fit", "2-A.fit", "b.gpx"]);
    }
}
