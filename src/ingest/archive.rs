//! gzip and zip containers, decompressed as streams under [`Limits`]: output size and
//! compression ratio are checked while decompressing (declared sizes are never trusted), and
//! the member count of a zip is checked before its directory is parsed.

use std::io::{Read, Seek, SeekFrom};

use super::limits::{Limits, RATIO_GRACE_BYTES};
use super::{Format, Loaded, detect, read_source_limited};
use crate::{Error, Result};

/// Deepest nesting of zips inside zips that is followed (Garmin exports nest one level).
pub const MAX_ZIP_DEPTH: usize = 3;
/// Bytes decompressed per read call.
const CHUNK: usize = 64 * 1024;
/// Largest buffer reserved up front for a member from its declared size (16 MiB).
const MAX_RESERVE: u64 = 16 * 1024 * 1024;

/// Decompress a gzip stream under the default [`Limits`].
pub fn gunzip(bytes: &[u8]) -> Result<Vec<u8>> {
    gunzip_limited(bytes, &Limits::default())
}

/// A reader that counts the bytes taken from it.
struct Counting<R> {
    inner: R,
    taken: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.taken += n as u64;
        Ok(n)
    }
}

/// Decompress a gzip stream (all members), stopping with [`Error::Limit`] as soon as the output
/// passes `limits.max_decompressed_bytes` or the ratio of output to compressed input consumed
/// so far passes `limits.max_ratio`. Work and memory stay bounded whatever the stream declares.
pub fn gunzip_limited(bytes: &[u8], limits: &Limits) -> Result<Vec<u8>> {
    gunzip_inner(bytes, limits, None)
}

/// A zip member that is itself gzipped (`run.fit.gz` inside an export), decompressed here so its
/// output is spent from the archive's [`ArchiveBudget`] too; other members are returned as they
/// are. A gzip inside that gzip is refused, as for files.
pub fn gunzip_member(buf: Vec<u8>, limits: &Limits, budget: &mut ArchiveBudget) -> Result<Vec<u8>> {
    if detect(&buf) != Format::Gzip {
        return Ok(buf);
    }
    let inner = gunzip_inner(&buf, limits, Some(budget))?;
    if detect(&inner) == Format::Gzip {
        return Err(Error::Archive("gzip inside gzip is not read".into()));
    }
    Ok(inner)
}

fn gunzip_inner(
    bytes: &[u8],
    limits: &Limits,
    mut budget: Option<&mut ArchiveBudget>,
) -> Result<Vec<u8>> {
    let mut dec = flate2::read::MultiGzDecoder::new(Counting {
        inner: bytes,
        taken: 0,
    });
    let mut out = Vec::new();
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let n = dec
            .read(&mut chunk)
            .map_err(|e| Error::Archive(format!("gzip: {e}")))?;
        if n == 0 {
            return Ok(out);
        }
        out.extend_from_slice(chunk.get(..n).unwrap_or(&[]));
        limits.check_decompressed(out.len() as u64, dec.get_ref().taken)?;
        if let Some(b) = budget.as_deref_mut() {
            b.spend(n as u64, limits)?;
        }
    }
}

/// What one zip archive may decompress to in all, its members and nested archives together:
/// `max_ratio` × the archive's size (at least [`RATIO_GRACE_BYTES`]). Each member is also
/// checked on its own, but a crafted zip can point thousands of directory entries at one
/// compressed stream; this budget keeps the total work proportional to the archive's size.
#[derive(Debug, Clone, Copy)]
pub struct ArchiveBudget {
    allowed: u64,
    left: u64,
}

impl ArchiveBudget {
    /// The budget of a top-level archive of `archive_len` bytes.
    pub fn new(archive_len: u64, limits: &Limits) -> Self {
        let allowed = limits
            .max_ratio
            .saturating_mul(archive_len)
            .max(RATIO_GRACE_BYTES);
        ArchiveBudget {
            allowed,
            left: allowed,
        }
    }

    /// Whether the budget is used up (the archive's remaining members are not read).
    pub fn exhausted(&self) -> bool {
        self.left == 0
    }

    /// Spend `n` decompressed bytes, or the limit error when the budget is used up.
    fn spend(&mut self, n: u64, limits: &Limits) -> Result<()> {
        if n > self.left {
            self.left = 0;
            return Err(Error::Limit {
                what: format!(
                    "zip archive decompressing to more than {} in all (members sharing data?)",
                    super::limits::format_size(self.allowed)
                ),
                limit: format!("{}:1 of the archive's size", limits.max_ratio),
                flag: "--max-ratio",
            });
        }
        self.left -= n;
        Ok(())
    }
}

/// Read one zip member (or any decompressing reader) to memory, checking size and ratio
/// against `compressed` (the member's compressed size, bounded by the archive's real size) and
/// spending the archive's [`ArchiveBudget`] as the output grows.
pub fn read_member(
    reader: &mut impl Read,
    compressed: u64,
    limits: &Limits,
    budget: &mut ArchiveBudget,
) -> Result<Vec<u8>> {
    if compressed > limits.max_file_bytes {
        return Err(limits.file_too_large(compressed));
    }
    let mut out = Vec::new();
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let n = reader
            .read(&mut chunk)
            .map_err(|e| Error::Archive(format!("zip member: {e}")))?;
        if n == 0 {
            return Ok(out);
        }
        if out.is_empty() {
            out.reserve(compressed.min(MAX_RESERVE) as usize);
        }
        out.extend_from_slice(chunk.get(..n).unwrap_or(&[]));
        limits.check_decompressed(out.len() as u64, compressed)?;
        budget.spend(n as u64, limits)?;
    }
}

/// The member count a zip declares in its end-of-central-directory record (zip64 included),
/// read from the archive's last 64 KiB without parsing the directory. `None` when no record
/// is found (the zip reader then reports the damage).
pub fn declared_members<R: Read + Seek>(r: &mut R) -> Option<u64> {
    let len = r.seek(SeekFrom::End(0)).ok()?;
    let tail_len = len.min(65_557 + 20);
    r.seek(SeekFrom::Start(len - tail_len)).ok()?;
    let mut tail = Vec::with_capacity(tail_len as usize);
    r.by_ref().take(tail_len).read_to_end(&mut tail).ok()?;
    let eocd = tail
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .filter(|&i| tail.len() >= i + 22)?;
    let le16 = |at: usize| -> Option<u64> {
        let b = tail.get(at..at + 2)?;
        Some(u64::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let count = le16(eocd + 10)?;
    if count != 0xFFFF || eocd < 20 {
        return Some(count);
    }
    // zip64: the locator sits just before the record and points at the zip64 record.
    let loc = eocd - 20;
    if tail.get(loc..loc + 4) != Some(b"PK\x06\x07") {
        return Some(count);
    }
    let off = u64::from_le_bytes(tail.get(loc + 8..loc + 16)?.try_into().ok()?);
    r.seek(SeekFrom::Start(off.checked_add(32)?)).ok()?;
    let mut n = [0u8; 8];
    r.read_exact(&mut n).ok()?;
    Some(u64::from_le_bytes(n))
}

/// Open a zip archive after checking its declared member count against the limit.
pub fn open_zip<R: Read + Seek>(mut r: R, limits: &Limits) -> Result<zip::ZipArchive<R>> {
    if let Some(n) = declared_members(&mut r)
        && n > limits.max_members as u64
    {
        return Err(limits.too_many_members(usize::try_from(n).unwrap_or(usize::MAX)));
    }
    r.seek(SeekFrom::Start(0))?;
    let zip = zip::ZipArchive::new(r).map_err(|e| Error::Archive(format!("zip: {e}")))?;
    if zip.len() > limits.max_members {
        return Err(limits.too_many_members(zip.len()));
    }
    Ok(zip)
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

/// Read every activity in a zip archive under the default [`Limits`].
pub fn read_zip(bytes: &[u8], source: &str) -> Vec<Loaded> {
    read_zip_limited(bytes, source, &Limits::default())
}

/// Read every activity in a zip archive. Members are named `source!member` (the member name
/// is a label only, never a path lapwise writes to); nested zips are followed up to
/// [`MAX_ZIP_DEPTH`]; members are decompressed one at a time. Non-activity members (CSV,
/// images, JSON) are skipped.
pub fn read_zip_limited(bytes: &[u8], source: &str, limits: &Limits) -> Vec<Loaded> {
    let mut budget = ArchiveBudget::new(bytes.len() as u64, limits);
    read_zip_depth(bytes, source, 0, limits, &mut budget)
}

/// One member of a zip archive as the walker hands it over: its source (`archive.zip!member`,
/// nested members `a.zip!b.zip!c.fit`) and its bytes (gunzipped when it was a `.gz`), or why it
/// could not be read.
pub struct Member {
    /// `archive.zip!member` (nested: `a.zip!b.zip!c.fit`).
    pub source: String,
    /// The member's bytes, or why they could not be read.
    pub bytes: Result<Vec<u8>>,
}

/// How to walk a zip: the limits, the one decompression budget for everything the top-level
/// archive expands to, and which member names to pass over.
pub struct ZipWalk<'a> {
    /// Resource limits.
    pub limits: &'a Limits,
    /// The top-level archive's decompression budget.
    pub budget: &'a mut ArchiveBudget,
    /// Member names passed over (folders always are).
    pub skip: &'a dyn Fn(&str) -> bool,
    /// Checked before each member: `true` stops the walk (a cancelled run).
    pub stop: &'a dyn Fn() -> bool,
}

impl ZipWalk<'_> {
    /// Walk the members of a zip (`archive_len` bytes of archive) one at a time. A member that is
    /// itself a zip (by content) is walked in turn, up to [`MAX_ZIP_DEPTH`] levels (deeper nesting
    /// is a failed member); every other member goes to `visit`, which returns `false` to stop the
    /// walk. Returns `false` when the walk was stopped. Used by `analyze` (`read_zip_limited`) and
    /// by the season's producer.
    pub fn walk<R: std::io::Read + std::io::Seek>(
        &mut self,
        zip: &mut zip::ZipArchive<R>,
        source: &str,
        archive_len: u64,
        depth: usize,
        visit: &mut dyn FnMut(Member) -> bool,
    ) -> bool {
        for i in 0..zip.len() {
            if (self.stop)() {
                return false;
            }
            let (name, bytes) = match zip.by_index(i) {
                Ok(m) if m.is_dir() || (self.skip)(m.name()) => continue,
                Ok(mut m) => {
                    let compressed = m.compressed_size().min(archive_len);
                    let r = read_member(&mut m, compressed, self.limits, self.budget)
                        .and_then(|b| gunzip_member(b, self.limits, self.budget));
                    (m.name().to_string(), r)
                }
                Err(e) => (
                    format!("#{i}"),
                    Err(Error::Archive(format!("zip member: {e}"))),
                ),
            };
            let member = format!("{source}!{name}");
            let go_on = match bytes {
                Ok(b) if detect(&b) == Format::Zip => {
                    let nested = if depth + 1 >= MAX_ZIP_DEPTH {
                        Err(Error::Archive(format!(
                            "zip nested deeper than {MAX_ZIP_DEPTH} levels"
                        )))
                    } else {
                        open_zip(std::io::Cursor::new(b.as_slice()), self.limits)
                    };
                    match nested {
                        Ok(mut inner) => {
                            let len = b.len() as u64;
                            self.walk(&mut inner, &member, len, depth + 1, visit)
                        }
                        Err(e) => visit(Member {
                            source: member,
                            bytes: Err(e),
                        }),
                    }
                }
                bytes => visit(Member {
                    source: member,
                    bytes,
                }),
            };
            if !go_on {
                return false;
            }
            if self.budget.exhausted() {
                // The archive's budget is gone: the remaining members are not read.
                break;
            }
        }
        true
    }
}

/// Read every member of an in-memory zip (nested zips included) under one budget.
fn read_zip_depth(
    bytes: &[u8],
    source: &str,
    depth: usize,
    limits: &Limits,
    budget: &mut ArchiveBudget,
) -> Vec<Loaded> {
    let mut zip = match open_zip(std::io::Cursor::new(bytes), limits) {
        Ok(z) => z,
        Err(e) => {
            return vec![Loaded {
                source: source.to_string(),
                result: Err(e),
            }];
        }
    };
    let mut out = Vec::new();
    let mut walk = ZipWalk {
        limits,
        budget,
        skip: &is_side_file,
        stop: &|| false,
    };
    walk.walk(
        &mut zip,
        source,
        bytes.len() as u64,
        depth,
        &mut |m: Member| {
            match m.bytes {
                Ok(buf) => out.extend(read_source_limited(&buf, &m.source, limits)),
                Err(e) => out.push(Loaded {
                    source: m.source,
                    result: Err(e),
                }),
            }
            true
        },
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gz(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn gunzip_roundtrip() {
        assert_eq!(gunzip(&gz(b"hello")).unwrap(), b"hello");
        assert!(gunzip(b"\x1f\x8bnot really").is_err());
    }

    #[test]
    fn gunzip_stops_bombs_early() {
        let bomb = gz(&vec![0u8; 64 * 1024 * 1024]);
        let err = match gunzip(&bomb) {
            Ok(out) => panic!("bomb of {} bytes accepted ({} out)", bomb.len(), out.len()),
            Err(e) => e,
        };
        assert_eq!(err.kind(), "limit", "{err}");
        assert!(err.to_string().contains("--max-ratio"), "{err}");
        let small = Limits {
            max_decompressed_bytes: 1000,
            ..Limits::default()
        };
        let Err(err) = gunzip_limited(&gz(&[7u8; 5000]), &small) else {
            panic!("over --max-decompressed accepted");
        };
        assert!(err.to_string().contains("--max-decompressed"), "{err}");
    }

    #[test]
    fn member_count_is_checked_before_parsing() {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        for i in 0..5 {
            w.start_file(format!("{i}.fit"), opts).unwrap();
            w.write_all(b"x").unwrap();
        }
        let bytes = w.finish().unwrap().into_inner();
        assert_eq!(declared_members(&mut std::io::Cursor::new(&bytes)), Some(5));
        let few = Limits {
            max_members: 4,
            ..Limits::default()
        };
        let loaded = read_zip_limited(&bytes, "a.zip", &few);
        assert_eq!(loaded.len(), 1);
        let err = loaded[0].result.as_ref().unwrap_err();
        assert!(err.to_string().contains("--max-members"), "{err}");
    }

    #[test]
    fn side_files_are_skipped() {
        assert!(is_side_file("activities.csv"));
        assert!(is_side_file("media/photo.JPG"));
        assert!(!is_side_file("activities/123.fit.gz"));
        assert!(!is_side_file("run.tcx"));
    }
}
