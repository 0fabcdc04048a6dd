//! FIT reader (being written).

use crate::{Activity, Error, Result};

/// Read the activities of a FIT file.
pub fn read(_bytes: &[u8], _source: &str) -> Result<Vec<Activity>> {
    Err(Error::NotActivity("FIT reader not built yet".into()))
}
