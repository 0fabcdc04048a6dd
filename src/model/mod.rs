//! The one normalized activity model every stage works on: SI units, samples as columns.

mod activity;
mod lap;
mod minute_track;
mod samples;
mod sport;
mod units;

pub use activity::{Activity, DeviceTotals, Meta, Pause, PauseSource, SourceFormat};
pub use lap::{Lap, LapIntensity, LapTrigger};
pub use minute_track::{MinutePosition, minute_track, separations};
pub use samples::{Channel, SamplePoint, Samples};
pub use sport::Sport;
pub use units::{FOOT_M, MILE_M, Units};
