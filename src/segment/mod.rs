//! Segmentation: splits, best efforts and workout structure of a cleaned activity.

pub mod config;

pub use config::SegmentConfig;
pub mod best_efforts;
pub mod intervals;
pub mod laps;
pub mod profile;
pub mod reps;
pub mod series;
pub mod smooth;
pub mod splits;
pub mod synth;

pub use best_efforts::{BestEffort, best_efforts};
pub use splits::{Split, splits};
