//! lapwise: fast, offline analysis of running-watch exports.
//!
//! The pipeline is a chain of plain functions over one model type, [`model::Activity`]:
//!
//! `ingest` (FIT, GPX, TCX, gzip, zip) → `clean` (duplicates, spikes, gaps, pauses, moving time)
//! → `segment` (splits, best efforts, workout structure) → `score` → `report`.
//!
//! The command-line interface lives in the binary; nothing here prints or exits.

pub mod analysis;
pub mod clean;
pub mod error;
pub mod guard;
pub mod ingest;
pub mod model;
pub mod pipeline;
pub mod report;
pub mod score;
pub mod season;
pub mod segment;
pub mod simulate;
#[cfg(feature = "web")]
pub mod web;

pub use error::{Error, Result};

/// lapwise's version (the package version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub use model::Activity;
