//! Turning analyses into what people and scripts read: the terminal summary, the versioned JSON
//! document, and the unit formatting they share.

pub mod charts;
mod coach;
#[cfg(feature = "html")]
pub mod html;
pub mod json;
mod scores;
pub mod structure;
pub mod tables;
pub mod terminal;
pub mod units;
pub mod workout;

pub use crate::pipeline::{Analysed, Failure};
pub use units::Units;
