//! The FIT CRC-16 (polynomial 0xA001, as in the FIT SDK), table driven, eight bytes per step.

/// Byte-at-a-time table: `TABLES[0]`; `TABLES[k]` advances a byte through `k` more zero bytes,
/// so eight bytes are folded per step (slicing-by-8).
const TABLES: [[u16; 256]; 8] = build_tables();

const fn build_tables() -> [[u16; 256]; 8] {
    let mut t = [[0u16; 256]; 8];
    let mut i = 0;
    while i < 256 {
        let mut crc = i as u16;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xA001
            } else {
                crc >> 1
            };
            bit += 1;
        }
        t[0][i] = crc;
        i += 1;
    }
    let mut k = 1;
    while k < 8 {
        let mut i = 0;
        while i < 256 {
            let prev = t[k - 1][i];
            t[k][i] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
            i += 1;
        }
        k += 1;
    }
    t
}

/// CRC-16 of `data` as FIT computes it (polynomial 0xA001, start value 0).
pub fn fit_crc(data: &[u8]) -> u16 {
    let mut crc = 0u16;
    let mut blocks = data.chunks_exact(8);
    for b in &mut blocks {
        let x = crc ^ u16::from_le_bytes([b[0], b[1]]);
        crc = TABLES[7][usize::from(x & 0xFF)]
            ^ TABLES[6][usize::from(x >> 8)]
            ^ TABLES[5][usize::from(b[2])]
            ^ TABLES[4][usize::from(b[3])]
            ^ TABLES[3][usize::from(b[4])]
            ^ TABLES[2][usize::from(b[5])]
            ^ TABLES[1][usize::from(b[6])]
            ^ TABLES[0][usize::from(b[7])];
    }
    for &b in blocks.remainder() {
        crc = (crc >> 8) ^ TABLES[0][usize::from((crc ^ u16::from(b)) & 0xFF)];
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_data_followed_by_its_crc_is_zero() {
        let data = b"\x0e\x10\x43\x08\x00\x00\x00\x00.FIT";
        let crc = fit_crc(data);
        let mut with = data.to_vec();
        with.extend_from_slice(&crc.to_le_bytes());
        assert_eq!(fit_crc(&with), 0);
        assert_eq!(fit_crc(b""), 0);
    }

    #[test]
    fn matches_bitwise_reference() {
        // The nibble-table algorithm of the FIT SDK, written out bit by bit.
        fn reference(data: &[u8]) -> u16 {
            let mut crc = 0u16;
            for &b in data {
                crc ^= b as u16;
                for _ in 0..8 {
                    crc = if crc & 1 != 0 {
                        (crc >> 1) ^ 0xA001
                    } else {
                        crc >> 1
                    };
                }
            }
            crc
        }
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 + 3) as u8).collect();
        for len in [0, 1, 7, 8, 9, 15, 16, 17, 999, 1000] {
            assert_eq!(
                fit_crc(&data[..len]),
                reference(&data[..len]),
                "length {len}"
            );
        }
    }
}
