//! gzip and zip containers, read in memory with size caps.

use std::io::Read;

use super::{Format, Loaded, MAX_INPUT_BYTES, detect, read_source};
use crate::{Error, Result};

/// Deepest nesting of zips inside zips that is followed (Garmin exports nest one level).
pub const MAX_ZIP_DEPTH: usize = 3;

/// Decompress a gzip stream, refusing output larger than [`MAX_INPUT_BYTES`].
pub fn gunzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut dec = flate2::read::MultiGzDecoder::new(bytes).take(MAX_INPUT_BYTES + 1);
    dec.read_to_end(&mut out)
        .map_err(|e| Error::Archive(format!("gzip: {e}")))?;
    if out.len() as u64 > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            size: out.len() as u64,
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(out)
}

/// Member names that are never activities (CSV indexes, media, JSON): skipped silently.
fn is_side_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let base = lower.trim_end_matches(".gz");
    let ext = base.rsplit('.').next().unwrap_or("");
    matches!(
        ext,
        "csv"
            | "json"
            | "jpg"
            | "jpeg"
            | "png"
            | "gif"
            | "heic"
            | "mp4"
            | "mov"
            | "txt"
            | "html"
            | "pdf"
            | "xml"
    ) || lower.ends_with('/')
        || lower.starts_with("__macosx/")
}

/// Read every activity in a zip archive. Members are named `source!member`; nested zips are
/// followed up to [`MAX_ZIP_DEPTH`]. Non-activity members (CSV, images, JSON) are skipped.
pub fn read_zip(bytes: &[u8], source: &str) -> Vec<Loaded> {
    read_zip_depth(bytes, source, 0)
}

fn read_zip_depth(bytes: &[u8], source: &str, depth: usize) -> Vec<Loaded> {
    let fail = |msg: String| {
        vec![Loaded {
            source: source.to_string(),
            result: Err(Error::Archive(msg)),
        }]
    };
    if depth >= MAX_ZIP_DEPTH {
        return fail(format!("zip nested deeper than {MAX_ZIP_DEPTH} levels"));
    }
    let mut zip = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) => return fail(format!("zip: {e}")),
    };
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut member = match zip.by_index(i) {
            Ok(m) => m,
            Err(e) => {
                out.push(Loaded {
                    source: format!("{source}!#{i}"),
                    result: Err(Error::Archive(format!("zip member: {e}"))),
                });
                continue;
            }
        };
        if member.is_dir() || is_side_file(member.name()) {
            continue;
        }
        let name = format!("{source}!{}", member.name());
        if member.size() > MAX_INPUT_BYTES {
            out.push(Loaded {
                source: name,
                result: Err(Error::TooLarge {
                    size: member.size(),
                    limit: MAX_INPUT_BYTES,
                }),
            });
            continue;
        }
        let mut buf = Vec::with_capacity(member.size() as usize);
        if let Err(e) = (&mut member).take(MAX_INPUT_BYTES).read_to_end(&mut buf) {
            out.push(Loaded {
                source: name,
                result: Err(Error::Archive(format!("zip member: {e}"))),
            });
            continue;
        }
        drop(member);
        if detect(&buf) == Format::Zip {
            out.extend(read_zip_depth(&buf, &name, depth + 1));
        } else {
            out.extend(read_source(&buf, &name));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gunzip_roundtrip() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"hello").unwrap();
        let gz = enc.finish().unwrap();
        assert_eq!(gunzip(&gz).unwrap(), b"hello");
        assert!(gunzip(b"\x1f\x8bnot really").is_err());
    }

    #[test]
    fn side_files_are_skipped() {
        assert!(is_side_file("activities.csv"));
        assert!(is_side_file("media/photo.JPG"));
        assert!(!is_side_file("activities/123.fit.gz"));
        assert!(!is_side_file("run.tcx"));
    }
}
