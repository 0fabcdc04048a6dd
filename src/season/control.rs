//! What a caller hands a season run besides the inputs: limits, a cancel flag, and the progress
//! events it reports.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::ingest::Limits;

/// A flag that stops a season run early (set from a Ctrl-C handler). Workers finish the file in
/// hand and take no more; the run then ends with [`Error::Cancelled`].
#[derive(Debug, Clone, Default)]
pub struct Cancel(pub Option<Arc<AtomicBool>>);

impl Cancel {
    /// A cancel flag that follows `flag`.
    pub fn new(flag: Arc<AtomicBool>) -> Self {
        Cancel(Some(flag))
    }

    /// Whether the run was asked to stop.
    pub fn is_set(&self) -> bool {
        self.0.as_ref().is_some_and(|f| f.load(Ordering::Relaxed))
    }
}

/// Resource limits and cancellation shared by every worker of a season run.
#[derive(Debug, Clone, Default)]
pub struct Control {
    /// Limits applied to every input.
    pub limits: Limits,
    /// Stops the run early.
    pub cancel: Cancel,
    /// Keep each analysed run's samples (`--sample-dataset`); otherwise they are released as
    /// soon as a run is analysed, so memory holds one activity's samples per worker.
    pub keep_samples: bool,
}

/// Progress of a season run, reported to an optional callback (the library never prints).
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// `n` more inputs were found (files or archive members).
    Found(usize),
    /// One input is done.
    Done {
        /// The input.
        source: &'a str,
        /// Whether any activity in it failed.
        failed: bool,
    },
}
