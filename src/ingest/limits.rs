//! Resource limits for untrusted input: how much lapwise reads, decompresses and keeps from one
//! file before it gives up with [`Error::Limit`] instead of running out of memory or time.
//! Defaults are far above any real activity file (docs/robustness.md has the table and the
//! command-line flags that change them).

use crate::Error;

/// Default [`Limits::max_file_bytes`]: 256 MiB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 256 * MIB;
/// Default [`Limits::max_decompressed_bytes`]: 1 GiB.
pub const DEFAULT_MAX_DECOMPRESSED_BYTES: u64 = 1024 * MIB;
/// Default [`Limits::max_ratio`]: 200 to 1. Real exports compress 3× (FIT) to 20× (GPX/TCX).
pub const DEFAULT_MAX_RATIO: u64 = 200;
/// Default [`Limits::max_members`]: 10 000 archive members (a decade of daily runs is ~4 000).
pub const DEFAULT_MAX_MEMBERS: usize = 10_000;
/// Default [`Limits::max_xml_depth`]: 64 levels (real GPX/TCX stay below 10).
pub const DEFAULT_MAX_XML_DEPTH: usize = 64;
/// Default [`Limits::max_samples`]: 2 000 000 samples (23 days at 1 Hz).
pub const DEFAULT_MAX_SAMPLES: usize = 2_000_000;
/// Most laps (and most FIT sessions) kept from one file: a 24-hour ultra with 100 m auto-laps
/// has about 2 000. More are ignored with a warning, so a crafted file of tiny lap elements
/// cannot make lapwise hold many times its own size in memory.
pub const MAX_LAPS_PER_FILE: usize = 10_000;
/// Most activities kept from one multi-activity file (TCX `<Activity>` elements); more are
/// ignored with a warning.
pub const MAX_ACTIVITIES_PER_FILE: usize = 1_000;
/// Output below this size (1 MiB) is never judged by its compression ratio: tiny, repetitive
/// files may legitimately compress very well.
pub const RATIO_GRACE_BYTES: u64 = MIB;

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;
const GIB: u64 = 1024 * MIB;

/// Every resource limit applied while reading one input. `Default` gives the documented values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read from disk into memory, and largest compressed archive member
    /// (`--max-file-size`).
    pub max_file_bytes: u64,
    /// Largest document produced by decompressing one gzip stream or zip member
    /// (`--max-decompressed`).
    pub max_decompressed_bytes: u64,
    /// Largest ratio of decompressed to compressed size (`--max-ratio`), checked while
    /// decompressing once the output passes [`RATIO_GRACE_BYTES`].
    pub max_ratio: u64,
    /// Most members (files and folders) in one zip archive (`--max-members`).
    pub max_members: usize,
    /// Deepest XML element nesting in GPX/TCX (`--max-xml-depth`).
    pub max_xml_depth: usize,
    /// Most samples (track points, records) in one activity (`--max-samples`).
    pub max_samples: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            max_decompressed_bytes: DEFAULT_MAX_DECOMPRESSED_BYTES,
            max_ratio: DEFAULT_MAX_RATIO,
            max_members: DEFAULT_MAX_MEMBERS,
            max_xml_depth: DEFAULT_MAX_XML_DEPTH,
            max_samples: DEFAULT_MAX_SAMPLES,
        }
    }
}

impl Limits {
    /// The error for a file larger than [`Limits::max_file_bytes`].
    pub fn file_too_large(&self, size: u64) -> Error {
        Error::Limit {
            what: format!("file of {}", format_size(size)),
            limit: format_size(self.max_file_bytes),
            flag: "--max-file-size",
        }
    }

    /// The error for decompressed output past [`Limits::max_decompressed_bytes`].
    pub fn decompressed_too_large(&self) -> Error {
        Error::Limit {
            what: "decompressed size".to_string(),
            limit: format_size(self.max_decompressed_bytes),
            flag: "--max-decompressed",
        }
    }

    /// The error for a compression ratio past [`Limits::max_ratio`].
    pub fn ratio_too_high(&self, out: u64, compressed: u64) -> Error {
        Error::Limit {
            what: format!(
                "compression ratio ({} from {}, decompression bomb?)",
                format_size(out),
                format_size(compressed)
            ),
            limit: format!("{}:1", self.max_ratio),
            flag: "--max-ratio",
        }
    }

    /// The error for an archive with more than [`Limits::max_members`] members.
    pub fn too_many_members(&self, members: usize) -> Error {
        Error::Limit {
            what: format!("zip with {members} members"),
            limit: self.max_members.to_string(),
            flag: "--max-members",
        }
    }

    /// The error for an activity with more than [`Limits::max_samples`] samples.
    pub fn too_many_samples(&self) -> Error {
        Error::Limit {
            what: "number of samples".to_string(),
            limit: self.max_samples.to_string(),
            flag: "--max-samples",
        }
    }

    /// Check decompressed output of `out` bytes produced from `compressed` bytes so far.
    pub fn check_decompressed(&self, out: u64, compressed: u64) -> crate::Result<()> {
        if out > self.max_decompressed_bytes {
            return Err(self.decompressed_too_large());
        }
        if out > RATIO_GRACE_BYTES && out > self.max_ratio.saturating_mul(compressed.max(1)) {
            return Err(self.ratio_too_high(out, compressed));
        }
        Ok(())
    }
}

/// Parse a size such as `256MiB`, `1G`, `512k`, `1000000` or `2.5 GB`. Binary units (`K`,
/// `KiB`, `M`, `MiB`, `G`, `GiB`) are powers of 1024; `KB`, `MB`, `GB` are powers of 1000.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let value: f64 = num
        .parse()
        .map_err(|_| format!("bad size '{text}' (e.g. 256MiB, 1G, 500000)"))?;
    let scale = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => KIB,
        "kb" => 1000,
        "m" | "mib" => MIB,
        "mb" => 1_000_000,
        "g" | "gib" => GIB,
        "gb" => 1_000_000_000,
        "t" | "tib" => 1024 * GIB,
        _ => {
            return Err(format!(
                "bad size unit in '{text}' (B, K, M, G, KiB, MB, ...)"
            ));
        }
    };
    let bytes = value * scale as f64;
    if !bytes.is_finite() || bytes < 1.0 || bytes > u64::MAX as f64 {
        return Err(format!("size '{text}' out of range"));
    }
    Ok(bytes as u64)
}

/// A byte count for messages: `256 MiB`, `1.5 GiB`, `812 bytes`.
pub fn format_size(bytes: u64) -> String {
    let b = bytes as f64;
    let (v, unit) = if bytes >= GIB {
        (b / GIB as f64, "GiB")
    } else if bytes >= MIB {
        (b / MIB as f64, "MiB")
    } else if bytes >= KIB {
        (b / KIB as f64, "KiB")
    } else {
        return format!("{bytes} bytes");
    };
    if (v - v.round()).abs() < 0.05 {
        format!("{v:.0} {unit}")
    } else {
        format!("{v:.1} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sizes() {
        assert_eq!(parse_size("256MiB"), Ok(256 * MIB));
        assert_eq!(parse_size("1G"), Ok(GIB));
        assert_eq!(parse_size("512k"), Ok(512 * KIB));
        assert_eq!(parse_size("1000000"), Ok(1_000_000));
        assert_eq!(parse_size("2.5 GB"), Ok(2_500_000_000));
        assert!(parse_size("").is_err());
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("0").is_err());
    }

    #[test]
    fn formats_sizes() {
        assert_eq!(format_size(256 * MIB), "256 MiB");
        assert_eq!(format_size(3 * GIB / 2), "1.5 GiB");
        assert_eq!(format_size(812), "812 bytes");
    }

    #[test]
    fn ratio_has_grace() {
        let l = Limits::default();
        assert!(l.check_decompressed(RATIO_GRACE_BYTES, 1).is_ok());
        assert!(l.check_decompressed(RATIO_GRACE_BYTES + 1, 1).is_err());
        assert!(l.check_decompressed(10 * MIB, MIB).is_ok());
        assert!(l.check_decompressed(2 * GIB, 100 * MIB).is_err());
    }
}
