//! A walk over FIT record headers that neutralizes definitions the decoder would complain about
//! on stderr.
//!
//! `fitparser` prints `ERROR: field size ...` (and decodes the field as bytes) whenever a
//! definition declares a field whose size is not a multiple of its base type's size — a known
//! COROS/Lezyne producer bug. A library must not write to stderr, so before decoding lapwise
//! rewrites such fields' base type to `byte` in a copy of the buffer: the decoder then reads
//! them as bytes, exactly as it would have, silently. Nothing else changes (CRCs are checked by
//! lapwise on the original bytes).

use super::header::Chunk;

/// FIT base type number of `byte` (an array of raw bytes).
const BASE_BYTE: u8 = 0x0D;

/// Size in bytes of a FIT base type (by its low 5 bits), or `None` for unknown types.
fn base_size(base: u8) -> Option<usize> {
    match base & 0x1F {
        0x00 | 0x01 | 0x02 | 0x07 | 0x0A | 0x0D => Some(1),
        0x03 | 0x04 | 0x0B => Some(2),
        0x05 | 0x06 | 0x08 | 0x0C => Some(4),
        0x09 | 0x0E | 0x0F | 0x10 => Some(8),
        _ => None,
    }
}

/// Rewrite misaligned field definitions to `byte` in place; returns how many were rewritten.
/// Walks each chunk's data section; stops quietly at the first inconsistency (the decoder will
/// report it).
pub fn neutralize_misaligned_fields(buf: &mut [u8], chunks: &[Chunk]) -> usize {
    let mut rewritten = 0;
    for c in chunks {
        let start = c.offset + c.header_size;
        let end = (start + c.data_size).min(buf.len());
        rewritten += walk(buf, start, end);
    }
    rewritten
}

fn walk(buf: &mut [u8], mut pos: usize, end: usize) -> usize {
    // Data message size per local message type (0..16); None = not defined yet.
    let mut sizes: [Option<usize>; 16] = [None; 16];
    let mut rewritten = 0;
    while pos < end {
        let h = buf[pos];
        pos += 1;
        if h & 0x80 != 0 {
            // Compressed-timestamp header: a data message of local type (bits 5–6).
            let Some(size) = sizes[((h >> 5) & 0x03) as usize] else {
                return rewritten;
            };
            pos += size;
            continue;
        }
        let local = (h & 0x0F) as usize;
        if h & 0x40 == 0 {
            let Some(size) = sizes[local] else {
                return rewritten;
            };
            pos += size;
            continue;
        }
        // Definition: reserved, architecture, global number (2), field count, fields.
        if pos + 5 > end {
            return rewritten;
        }
        let n_fields = buf[pos + 4] as usize;
        pos += 5;
        if pos + 3 * n_fields > end {
            return rewritten;
        }
        let mut size = 0usize;
        for f in 0..n_fields {
            let at = pos + 3 * f;
            let (fsize, base) = (buf[at + 1] as usize, buf[at + 2]);
            size += fsize;
            if let Some(b) = base_size(base)
                && (fsize == 0 || fsize % b != 0)
            {
                buf[at + 2] = BASE_BYTE;
                rewritten += 1;
            }
        }
        pos += 3 * n_fields;
        if h & 0x20 != 0 {
            if pos >= end {
                return rewritten;
            }
            let n_dev = buf[pos] as usize;
            pos += 1;
            if pos + 3 * n_dev > end {
                return rewritten;
            }
            size += (0..n_dev)
                .map(|d| buf[pos + 3 * d + 1] as usize)
                .sum::<usize>();
            pos += 3 * n_dev;
        }
        sizes[local] = Some(size);
    }
    rewritten
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_only_misaligned_fields() {
        // Definition of local 0: 2 fields: (num 1, size 3, sint32) misaligned; (num 2, size 4,
        // uint32) fine. Then one data message of 7 bytes.
        let mut data = vec![0x40, 0, 0, 20, 0, 2, 1, 3, 0x85, 2, 4, 0x86];
        data.push(0x00);
        data.extend_from_slice(&[0; 7]);
        let chunk = Chunk {
            offset: 0,
            header_size: 0,
            data_size: data.len(),
        };
        assert_eq!(neutralize_misaligned_fields(&mut data, &[chunk]), 1);
        assert_eq!(data[8], BASE_BYTE);
        assert_eq!(data[11], 0x86);
    }
}
