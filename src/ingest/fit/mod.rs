//! FIT reader: lapwise's own streaming decoder.
//!
//! lapwise validates every chained chunk's header and CRC (damaged files decode with a warning
//! instead of failing), walks the data sections without allocating per message, converts only
//! the fields it uses, keeps what was decoded before damage, and never panics on hostile input.

mod builder;
mod crc;
pub mod decode;
mod header;
mod laps;
mod profile_names;
mod record;
mod sessions;
mod view;

use std::ops::Range;

use crate::ingest::Limits;
use crate::{Activity, Error, Result};
use builder::Builder;
pub use builder::{MAX_DEVELOPER_COLUMNS, MAX_LAPS, MAX_TIMER_EVENTS};
pub use crc::fit_crc;
pub use header::{Chunk, scan_chunks};
pub use sessions::{MAX_SESSION_COPY_FACTOR, MAX_SESSIONS};
#[doc(hidden)]
pub use view::{DecodedView, LapView, RawLapValues, RecordView, decode_checksum, decode_view};

/// Most data messages decoded from one file (a 24-hour 1 Hz record stream is ~90 000).
pub const MAX_MESSAGES: usize = 5_000_000;

/// Read the activities of a FIT file (one per session for multisport files).
pub fn read(bytes: &[u8], source: &str) -> Result<Vec<Activity>> {
    read_with_limit(bytes, source, MAX_MESSAGES)
}

/// [`read`] decoding at most `max_messages` data messages.
pub fn read_with_limit(bytes: &[u8], source: &str, max_messages: usize) -> Result<Vec<Activity>> {
    read_capped(bytes, source, max_messages, &Limits::default())
}

/// [`read`] under the input limits: a file with more `record` messages than
/// [`Limits::max_samples`] is refused before any sample is stored (a cheap counting pass).
pub fn read_limited(bytes: &[u8], source: &str, limits: &Limits) -> Result<Vec<Activity>> {
    read_capped(bytes, source, MAX_MESSAGES, limits)
}

/// The counting pass: the number of records, or the samples-limit error.
fn counted_records(
    bytes: &[u8],
    sections: &[Range<usize>],
    max_messages: usize,
    limits: &Limits,
) -> Result<usize> {
    let n = count_records(bytes, sections, max_messages);
    if n > limits.max_samples {
        return Err(limits.too_many_samples());
    }
    Ok(n)
}

fn read_capped(
    bytes: &[u8],
    source: &str,
    max_messages: usize,
    limits: &Limits,
) -> Result<Vec<Activity>> {
    let scan = scan_chunks(bytes)?;
    let mut builder = Builder::new(source);
    builder.warnings.extend(scan.warnings.iter().cloned());
    builder.reserve_samples(counted_records(
        bytes,
        &scan.sections,
        max_messages,
        limits,
    )?);
    let decoded_end = decode_into(bytes, &scan.sections, &mut builder, max_messages)?;
    if builder.record_count() == 0 && scan.declared_too_short {
        // A header that declares far less data than the file holds (seen in the wild): try the
        // whole file as one data section.
        let mut retry = Builder::new(source);
        retry.warnings.extend(scan.warnings.iter().cloned());
        let whole = [header::data_to_end(bytes)];
        retry.reserve_samples(counted_records(bytes, &whole, max_messages, limits)?);
        if decode_into(bytes, &whole, &mut retry, max_messages).is_ok() && retry.record_count() > 0
        {
            retry
                .warnings
                .push("header data size was wrong; decoded the whole file as data".to_string());
            return retry.finish();
        }
    }
    if let Some((at, msg)) = decoded_end {
        builder.warnings.push(format!(
            "damaged at byte {at} ({msg}); kept what was decoded before it"
        ));
    }
    builder.finish()
}

/// Global message number of `record`.
const RECORD: u16 = 20;

/// Number of `record` messages in the data sections (a cheap first pass, so the sample columns
/// are allocated once).
fn count_records(bytes: &[u8], sections: &[Range<usize>], max_messages: usize) -> usize {
    let mut n = 0usize;
    decode::walk(bytes, sections, max_messages, |m| {
        n += usize::from(m.global == RECORD)
    });
    n
}

/// Feed every message of the data `sections` to the builder. Returns `Ok(None)` for a clean
/// end, `Ok(Some((byte, message)))` when decoding stopped early but some messages were kept,
/// and an error when nothing at all could be decoded.
fn decode_into(
    bytes: &[u8],
    sections: &[Range<usize>],
    builder: &mut Builder,
    max_messages: usize,
) -> Result<Option<(usize, String)>> {
    let walked = decode::walk(bytes, sections, max_messages, |m| builder.add(m));
    match walked.stop {
        None => Ok(None),
        Some((at, reason)) if walked.messages == 0 => Err(match reason {
            decode::StopReason::Truncated => Error::Truncated { at },
            other => Error::FitDecode {
                at,
                message: other.to_string(),
            },
        }),
        Some((at, reason)) => Ok(Some((at, reason.to_string()))),
    }
}
