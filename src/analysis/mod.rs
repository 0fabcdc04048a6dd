//! The analysis of one activity: read → clean → summarize (→ segment → score), as data.

pub mod summary;
pub mod window;

use serde::Serialize;

use crate::model::Activity;
pub use summary::{Summary, summarize};

/// Everything lapwise computes about one cleaned activity.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// Whole-activity totals.
    pub summary: Summary,
}

/// Analyse a cleaned activity.
pub fn analyze(act: &Activity) -> Analysis {
    Analysis {
        summary: summarize(act),
    }
}
