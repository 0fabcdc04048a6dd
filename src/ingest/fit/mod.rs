//! FIT reader, driven through `fitparser`'s streaming processor.
//!
//! lapwise validates the header and trailing CRC itself (so damaged files decode with a warning
//! instead of failing), converts every message to compact columns as it arrives (memory stays
//! flat), keeps what was decoded before damage, and the caller contains panics per file.

mod builder;
mod crc;
mod header;
mod sanitize;
mod value;

use fitparser::de::{DecodeOption, FitObject, FitStreamProcessor};

use crate::{Activity, Error, Result};
use builder::Builder;
pub use crc::fit_crc;
pub use header::{Chunk, scan_chunks};

/// Most data messages decoded from one file (a 24-hour 1 Hz record stream is ~90 000).
pub const MAX_MESSAGES: usize = 5_000_000;

/// Read the activities of a FIT file (one per session for multisport files).
pub fn read(bytes: &[u8], source: &str) -> Result<Vec<Activity>> {
    let mut scan = scan_chunks(bytes)?;
    let decodable_chunks = relative_chunks(&scan.chunks);
    sanitize::neutralize_misaligned_fields(&mut scan.decodable, &decodable_chunks);
    let mut builder = Builder::new(source);
    builder.warnings.extend(scan.warnings.iter().cloned());
    let decoded_end = decode_into(&scan.decodable, &mut builder)?;
    if builder.record_count() == 0 && scan.declared_too_short {
        // A header that declares far less data than the file holds (seen in the wild): try the
        // whole file as one data section.
        let mut patched = header::with_data_size_to_end(bytes);
        if let Ok(rescan) = scan_chunks(&patched) {
            let chunks = rescan.chunks.clone();
            sanitize::neutralize_misaligned_fields(&mut patched, &chunks);
        }
        let mut retry = Builder::new(source);
        retry.warnings.extend(scan.warnings.iter().cloned());
        if decode_into(&patched, &mut retry).is_ok() && retry.record_count() > 0 {
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

/// The chunks as they sit in `Scan::decodable` (contiguous from offset 0).
fn relative_chunks(chunks: &[Chunk]) -> Vec<Chunk> {
    let mut offset = 0;
    chunks
        .iter()
        .map(|c| {
            let r = Chunk {
                offset,
                ..c.clone()
            };
            offset += c.header_size + c.data_size + 2;
            r
        })
        .collect()
}

/// Feed every message of `bytes` to the builder. Returns `Ok(None)` for a clean end,
/// `Ok(Some((byte, message)))` when decoding stopped early but some messages were kept, and an
/// error when nothing at all could be decoded.
fn decode_into(bytes: &[u8], builder: &mut Builder) -> Result<Option<(usize, String)>> {
    let mut proc = FitStreamProcessor::new();
    proc.add_option(DecodeOption::SkipHeaderCrcValidation);
    proc.add_option(DecodeOption::SkipDataCrcValidation);
    // Keep the raw `compressed_speed_distance` so lapwise can accumulate it correctly.
    proc.add_option(DecodeOption::KeepCompositeFields);
    let mut rest = bytes;
    let mut messages = 0usize;
    while !rest.is_empty() {
        let at = bytes.len() - rest.len();
        let step = proc.deserialize_next(rest).and_then(|(r, obj)| match obj {
            FitObject::DataMessage(m) => proc.decode_message(m).map(|rec| (r, Some(rec))),
            FitObject::Crc(_) => {
                proc.reset();
                Ok((r, None))
            }
            _ => Ok((r, None)),
        });
        match step {
            Ok((r, rec)) => {
                if let Some(rec) = rec {
                    builder.add(rec);
                    messages += 1;
                    if messages > MAX_MESSAGES {
                        return Ok(Some((at, format!("more than {MAX_MESSAGES} messages"))));
                    }
                }
                rest = r;
            }
            Err(e) => {
                let msg = describe(&e);
                if messages == 0 {
                    return Err(match e.as_ref() {
                        fitparser::ErrorKind::UnexpectedEof(_) => Error::Truncated { at },
                        _ => Error::FitDecode { at, message: msg },
                    });
                }
                return Ok(Some((at, msg)));
            }
        }
    }
    Ok(None)
}

fn describe(e: &fitparser::Error) -> String {
    match e.as_ref() {
        fitparser::ErrorKind::UnexpectedEof(_) => "file ends mid-message".to_string(),
        fitparser::ErrorKind::MissingDefinitionMessage(n, _) => {
            format!("local message {n} used before its definition")
        }
        fitparser::ErrorKind::ParseError(_, kind) => format!("parse error ({kind:?})"),
        other => {
            let s = other.to_string();
            s.chars().take(120).collect()
        }
    }
}
