//! The whole per-file pipeline as one call: read → clean → analyse, with panics contained.

use std::path::Path;

use crate::analysis::{Options, analyze};
use crate::clean::{CleanConfig, clean};
use crate::ingest::{Loaded, read_path};
use crate::report::{Analysed, Failure, Units};

/// Analysis options for a unit system (splits per mile or per km).
pub fn options_for(units: Units) -> Options {
    let mut opts = Options::default();
    opts.segment.split_unit_m = units.unit_m();
    opts
}

/// Read, clean and analyse every activity in a path. Each activity that fails (or panics) is
/// returned as a [`Failure`] naming its source; the others are analysed.
pub fn analyze_path(path: &Path, opts: &Options) -> (Vec<Analysed>, Vec<Failure>) {
    let loaded = match std::panic::catch_unwind(|| read_path(path)) {
        Ok(l) => l,
        Err(_) => {
            return (
                Vec::new(),
                vec![Failure {
                    source: path.display().to_string(),
                    message: "internal error while reading (please report)".to_string(),
                }],
            );
        }
    };
    analyze_loaded(loaded, opts)
}

/// Clean and analyse already-read activities.
pub fn analyze_loaded(loaded: Vec<Loaded>, opts: &Options) -> (Vec<Analysed>, Vec<Failure>) {
    let mut ok = Vec::new();
    let mut failed = Vec::new();
    for l in loaded {
        match l.result {
            Ok(act) => {
                let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let mut act = act;
                    clean(&mut act, &CleanConfig::default());
                    let analysis = analyze(&act, opts);
                    Analysed {
                        activity: act,
                        analysis,
                    }
                }));
                match done {
                    Ok(a) => ok.push(a),
                    Err(_) => failed.push(Failure {
                        source: l.source,
                        message: "internal error while analysing (please report)".to_string(),
                    }),
                }
            }
            Err(e) => failed.push(Failure {
                source: l.source,
                message: e.to_string(),
            }),
        }
    }
    (ok, failed)
}
