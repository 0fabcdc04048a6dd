//! The whole per-file pipeline as one call: read → clean → analyse, with panics contained so
//! that one bad file becomes one [`Failure`] naming it and never stops a batch.

use std::path::Path;

use crate::analysis::Analysis;
use crate::analysis::{Options, analyze};
use crate::clean::{CleanConfig, clean};
use crate::guard::guard;
use crate::ingest::{Limits, Loaded, read_path_limited};
use crate::model::{Activity, MinutePosition, Units, minute_track};

/// One analysed activity, ready to be reported.
#[derive(Debug, Clone)]
pub struct Analysed {
    /// The cleaned activity.
    pub activity: Activity,
    /// What lapwise computed about it.
    pub analysis: Analysis,
    /// Where it was at each whole minute of the clock ([`crate::model::minute_track`]): kept
    /// when a season releases the samples, for its duplicate rule.
    pub track: Vec<MinutePosition>,
}

impl Analysed {
    /// An analysed activity with its minute track.
    pub fn new(activity: Activity, analysis: Analysis) -> Analysed {
        let track = minute_track(&activity);
        Analysed {
            activity,
            analysis,
            track,
        }
    }
}

/// An input that could not be analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The path as given (`archive.zip!member` for archive members).
    pub source: String,
    /// The stable kind of the error ([`crate::Error::kind`]: `truncated`, `xml`, `panic`, ...).
    pub kind: &'static str,
    /// One-line description of what is wrong.
    pub message: String,
}

impl Failure {
    /// The failure of `source` with `err`.
    pub fn new(source: impl Into<String>, err: &crate::Error) -> Failure {
        Failure {
            source: source.into(),
            kind: err.kind(),
            message: err.to_string(),
        }
    }
}

/// Analysis options for a unit system (splits per mile or per km).
pub fn options_for(units: Units) -> Options {
    let mut opts = Options::default();
    opts.segment.splits.split_unit_m = units.unit_m();
    opts
}

/// Read, clean and analyse every activity in a path under the default [`Limits`].
pub fn analyze_path(path: &Path, opts: &Options) -> (Vec<Analysed>, Vec<Failure>) {
    analyze_path_limited(path, opts, &Limits::default())
}

/// Read, clean and analyse every activity in a path. Each activity that fails (a limit hit, a
/// decode error, or a panic anywhere in reading, cleaning or analysis) is returned as a
/// [`Failure`] naming its source; the others are analysed.
pub fn analyze_path_limited(
    path: &Path,
    opts: &Options,
    limits: &Limits,
) -> (Vec<Analysed>, Vec<Failure>) {
    let loaded = match guard("reading", || read_path_limited(path, limits)) {
        Ok(l) => l,
        Err(e) => {
            return (
                Vec::new(),
                vec![Failure::new(path.display().to_string(), &e)],
            );
        }
    };
    analyze_loaded(loaded, opts)
}

/// Clean and analyse already-read activities, each with panics contained.
pub fn analyze_loaded(loaded: Vec<Loaded>, opts: &Options) -> (Vec<Analysed>, Vec<Failure>) {
    let mut ok = Vec::new();
    let mut failed = Vec::new();
    for l in loaded {
        match l.result {
            Ok(act) => match analyze_one(act, opts) {
                Ok(a) => ok.push(a),
                Err(e) => failed.push(Failure::new(l.source, &e)),
            },
            Err(e) => failed.push(Failure::new(l.source, &e)),
        }
    }
    (ok, failed)
}

/// Clean and analyse one activity; a panic becomes an [`crate::Error::Panic`].
pub fn analyze_one(act: crate::Activity, opts: &Options) -> crate::Result<Analysed> {
    guard("analysing", || {
        let mut act = act;
        clean(&mut act, &CleanConfig::default());
        let analysis = analyze(&act, opts);
        Analysed::new(act, analysis)
    })
}
