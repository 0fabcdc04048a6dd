//! FIT header and CRC validation, before the data sections are walked.
//!
//! Every chained FIT chunk's header, size and CRC are checked; problems become warnings, and the
//! walker gets the byte ranges of the data sections (a truncated last chunk's data runs to the
//! end of the file, so everything before the damage is decoded).

use std::ops::Range;

use super::crc::fit_crc;
use crate::{Error, Result};

/// A single FIT chunk followed by more than this many bytes that are not another FIT header
/// may have a header that declares far too little data (seen in the wild)...
pub const DECLARED_TOO_SHORT_MIN_TRAILING: usize = 1024;
/// ...when the trailing bytes are also more than this many times the declared chunk; the whole
/// file is then decoded as data if the declared part yields no records.
pub const DECLARED_TOO_SHORT_FACTOR: usize = 4;

/// One FIT file inside the byte buffer (files may be chained).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// Byte offset of the chunk's header.
    pub offset: usize,
    /// Header size (12 or 14).
    pub header_size: usize,
    /// Data size the header declares.
    pub data_size: usize,
}

/// The result of scanning a FIT buffer.
#[derive(Debug, Clone)]
pub struct Scan {
    /// The chunks found.
    pub chunks: Vec<Chunk>,
    /// The data section of every chunk (a truncated last chunk's runs to the end of the file).
    pub sections: Vec<Range<usize>>,
    /// Problems that do not stop decoding (bad CRC, truncation, trailing bytes).
    pub warnings: Vec<String>,
    /// The first header declares much less data than the file holds and nothing follows that
    /// looks like another FIT chunk.
    pub declared_too_short: bool,
}

/// Validate a FIT header at `offset`.
fn parse_header(bytes: &[u8], offset: usize) -> Result<Chunk> {
    let b = bytes.get(offset..).unwrap_or_default();
    if b.len() < 12 {
        return Err(Error::BadFitHeader(format!(
            "only {} bytes where a 12-byte header should be",
            b.len()
        )));
    }
    if &b[8..12] != b".FIT" {
        return Err(Error::BadFitHeader("no .FIT signature".into()));
    }
    let header_size = b[0] as usize;
    if header_size != 12 && header_size != 14 {
        return Err(Error::BadFitHeader(format!(
            "header size {header_size} (must be 12 or 14)"
        )));
    }
    if b.len() < header_size {
        return Err(Error::Truncated { at: bytes.len() });
    }
    let data_size = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
    Ok(Chunk {
        offset,
        header_size,
        data_size,
    })
}

/// Find all chained FIT chunks, check sizes and CRCs, and collect the bytes worth decoding.
pub fn scan_chunks(bytes: &[u8]) -> Result<Scan> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    let first = parse_header(bytes, 0)?;
    let mut scan = Scan {
        chunks: Vec::new(),
        sections: Vec::new(),
        warnings: Vec::new(),
        declared_too_short: false,
    };
    let mut chunk = first;
    loop {
        let start = chunk.offset;
        let data_end = start
            .saturating_add(chunk.header_size)
            .saturating_add(chunk.data_size);
        if data_end.saturating_add(2) > bytes.len() {
            scan.warnings.push(format!(
                "file ends at byte {} but the header declares {} bytes: truncated",
                bytes.len(),
                data_end + 2
            ));
            scan.sections
                .push((start + chunk.header_size).min(bytes.len())..data_end.min(bytes.len()));
            scan.chunks.push(chunk);
            break;
        }
        let stored = u16::from_le_bytes([bytes[data_end], bytes[data_end + 1]]);
        if stored != 0 {
            let computed = fit_crc(&bytes[start..data_end]);
            if computed != stored {
                scan.warnings.push(format!(
                    "file CRC mismatch (stored {stored:#06x}, computed {computed:#06x}); decoded anyway"
                ));
            }
        }
        scan.sections.push(start + chunk.header_size..data_end);
        scan.chunks.push(chunk);
        let next = data_end + 2;
        if next >= bytes.len() {
            break;
        }
        match parse_header(bytes, next) {
            Ok(c) => chunk = c,
            Err(_) => {
                let trailing = bytes.len() - next;
                if scan.chunks.len() == 1
                    && trailing > DECLARED_TOO_SHORT_MIN_TRAILING
                    && trailing > DECLARED_TOO_SHORT_FACTOR * next
                {
                    scan.declared_too_short = true;
                }
                scan.warnings
                    .push(format!("{trailing} bytes after the FIT data ignored"));
                break;
            }
        }
    }
    Ok(scan)
}

/// The data section of a file whose first header declares too little data: everything after
/// the first header except the last two bytes (taken as the CRC).
pub fn data_to_end(bytes: &[u8]) -> Range<usize> {
    let hs = bytes.first().copied().map_or(0, usize::from);
    hs.min(bytes.len())..bytes.len().saturating_sub(2).max(hs.min(bytes.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(data: &[u8]) -> Vec<u8> {
        let mut f = vec![14u8, 0x20, 0x08, 0x08];
        f.extend_from_slice(&(data.len() as u32).to_le_bytes());
        f.extend_from_slice(b".FIT");
        let hcrc = fit_crc(&f);
        f.extend_from_slice(&hcrc.to_le_bytes());
        f.extend_from_slice(data);
        let crc = fit_crc(&f);
        f.extend_from_slice(&crc.to_le_bytes());
        f
    }

    #[test]
    fn good_file_has_no_warnings() {
        let s = scan_chunks(&file(b"abcdef")).unwrap();
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        assert_eq!(s.chunks.len(), 1);
    }

    #[test]
    fn chained_files_are_found() {
        let mut f = file(b"abc");
        f.extend(file(b"defg"));
        let s = scan_chunks(&f).unwrap();
        assert_eq!(s.chunks.len(), 2);
        assert!(s.warnings.is_empty());
    }

    #[test]
    fn bad_crc_truncation_and_trailing_bytes_warn() {
        let mut f = file(b"abcdef");
        let n = f.len();
        f[n - 3] ^= 0xff;
        assert!(scan_chunks(&f).unwrap().warnings[0].contains("CRC"));
        let f = file(b"abcdef");
        assert!(scan_chunks(&f[..f.len() - 4]).unwrap().warnings[0].contains("truncated"));
        let mut f = file(b"abcdef");
        f.extend_from_slice(&[0, 0, 0]);
        let s = scan_chunks(&f).unwrap();
        assert!(s.warnings[0].contains("3 bytes after"));
        assert_eq!(s.sections, vec![14..20]);
    }

    #[test]
    fn crafted_headers_are_rejected() {
        assert!(matches!(scan_chunks(b""), Err(Error::Empty)));
        let mut f = file(b"abc");
        f[0] = 255;
        assert!(matches!(scan_chunks(&f), Err(Error::BadFitHeader(_))));
        assert!(matches!(
            scan_chunks(b"\xfe\xff\x14\x05\xf7\x04\x00\x00.FIT\x00\x00"),
            Err(Error::BadFitHeader(_))
        ));
        assert!(matches!(
            scan_chunks(b"\x00\x00\x00"),
            Err(Error::BadFitHeader(_))
        ));
    }
}
