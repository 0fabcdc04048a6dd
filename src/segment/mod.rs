//! Segmentation: splits, best efforts and workout structure of a cleaned activity.

pub mod config;

pub use config::SegmentConfig;
