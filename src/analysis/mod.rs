//! The analysis of one cleaned activity, as data: totals, device laps, splits (and, as the
//! segmentation and scoring stages grow, what the runner did and how well).

pub mod coach;
pub mod laps;
pub mod summary;

use serde::Serialize;

use crate::model::Activity;
use crate::score::{Goal, ScoreOptions, Scores, score};
use crate::segment::{SegmentConfig, Segmentation, segment};
pub use laps::{LapReport, lap_reports};
pub use summary::{Summary, headline, summarize};

/// What to compute.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Options {
    /// Segmentation thresholds, including the split length (`split_unit_m`).
    pub segment: SegmentConfig,
    /// Goal paces for interval reps (`--goal 400m=1:30`).
    pub goals: Vec<Goal>,
    /// Goal mile time in seconds (`--goal-mile 5:30`).
    pub goal_mile_s: Option<f64>,
    /// The athlete's thresholds for zones and load (`--max-hr`, `--threshold-pace`, ...).
    pub thresholds: coach::Thresholds,
}

/// Everything lapwise computes about one cleaned activity.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// Whole-activity totals: the watch's own where the file has them ([`summary::headline`]).
    pub summary: Summary,
    /// lapwise's recomputation of the same totals from the samples.
    pub summary_computed: Summary,
    /// Device laps with lapwise's own figures beside them.
    pub laps: Vec<LapReport>,
    /// Splits, best efforts, workout structure and type.
    pub segmentation: Segmentation,
    /// Pacing, interval, mile and cadence scores.
    pub scores: Scores,
    /// Zones, load, grade-adjusted pace, decoupling and heart-rate recovery.
    pub coach: coach::Coach,
}

/// Analyse a cleaned activity.
pub fn analyze(act: &Activity, opts: &Options) -> Analysis {
    let segmentation = segment(act, &opts.segment);
    let score_opts = ScoreOptions {
        goals: opts.goals.clone(),
        goal_mile_s: opts.goal_mile_s,
        ..ScoreOptions::default()
    };
    let summary_computed = summarize(act);
    Analysis {
        summary: summary::headline(&summary_computed, act.device.as_ref()),
        summary_computed,
        laps: lap_reports(act),
        scores: score(act, &segmentation, &score_opts),
        coach: coach::coach(act, &segmentation, &opts.thresholds),
        segmentation,
    }
}
