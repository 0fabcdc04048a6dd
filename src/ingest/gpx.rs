//! GPX reader (being written).

use crate::{Activity, Error, Result};

/// Read the activities of a GPX document.
pub fn read(_bytes: &[u8], _source: &str) -> Result<Vec<Activity>> {
    Err(Error::NotActivity("GPX reader not built yet".into()))
}
