//! The analysis of one cleaned activity, as data: totals, device laps, splits (and, as the
//! segmentation and scoring stages grow, what the runner did and how well).

pub mod laps;
pub mod summary;
pub mod window;

use serde::Serialize;

use crate::model::Activity;
use crate::segment::{SegmentConfig, Segmentation, segment};
pub use laps::{LapReport, lap_reports};
pub use summary::{Summary, summarize};

/// What to compute.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Options {
    /// Segmentation thresholds, including the split length (`split_unit_m`).
    pub segment: SegmentConfig,
}

/// Everything lapwise computes about one cleaned activity.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// Whole-activity totals.
    pub summary: Summary,
    /// Device laps with lapwise's own figures beside them.
    pub laps: Vec<LapReport>,
    /// Splits, best efforts, workout structure and type.
    pub segmentation: Segmentation,
}

/// Analyse a cleaned activity.
pub fn analyze(act: &Activity, opts: &Options) -> Analysis {
    Analysis {
        summary: summarize(act),
        laps: lap_reports(act),
        segmentation: segment(act, &opts.segment),
    }
}
