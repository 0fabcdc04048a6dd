//! The analysis of one cleaned activity, as data: totals, device laps, splits (and, as the
//! segmentation and scoring stages grow, what the runner did and how well).

pub mod laps;
pub mod summary;
pub mod window;

use serde::Serialize;

use crate::model::Activity;
use crate::segment::{SegmentConfig, Split, splits};
pub use laps::{LapReport, lap_reports};
pub use summary::{Summary, summarize};

/// What to compute.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Split length in metres (1609.344 for miles, 1000 for kilometres).
    pub split_m: f64,
    /// Segmentation thresholds.
    pub segment: SegmentConfig,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            split_m: crate::report::units::METERS_PER_MILE,
            segment: SegmentConfig::default(),
        }
    }
}

/// Everything lapwise computes about one cleaned activity.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// Whole-activity totals.
    pub summary: Summary,
    /// Device laps with lapwise's own figures beside them.
    pub laps: Vec<LapReport>,
    /// Splits of `Options::split_m`, the last one possibly partial.
    pub splits: Vec<Split>,
}

/// Analyse a cleaned activity.
pub fn analyze(act: &Activity, opts: &Options) -> Analysis {
    Analysis {
        summary: summarize(act),
        laps: lap_reports(act),
        splits: splits(
            act,
            opts.split_m,
            &act.samples.altitude_m,
            opts.segment.min_partial_split_m,
        ),
    }
}
