//! TCX reader (being written).

use crate::{Activity, Error, Result};

/// Read the activities of a TCX document.
pub fn read(_bytes: &[u8], _source: &str) -> Result<Vec<Activity>> {
    Err(Error::NotActivity("TCX reader not built yet".into()))
}
