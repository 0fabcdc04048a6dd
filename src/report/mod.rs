//! Turning analyses into what people and scripts read: the terminal summary, the versioned JSON
//! document, and the unit formatting they share.

pub mod charts;
pub mod json;
mod scores;
#[cfg(feature = "season")]
pub mod season_terminal;
mod structure;
pub mod terminal;
pub mod units;

use crate::analysis::Analysis;
use crate::model::Activity;
pub use units::Units;

/// One analysed activity, ready to be reported.
#[derive(Debug, Clone)]
pub struct Analysed {
    /// The cleaned activity.
    pub activity: Activity,
    /// What lapwise computed about it.
    pub analysis: Analysis,
}

/// An input that could not be analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The path as given (`archive.zip!member` for archive members).
    pub source: String,
    /// One-line description of what is wrong.
    pub message: String,
}
