//! The FIT CRC-16 (polynomial 0xA001, as in the FIT SDK), table driven.

const TABLE: [u16; 256] = build_table();

const fn build_table() -> [u16; 256] {
    let mut table = [0u16; 256];
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
        table[i] = crc;
        i += 1;
    }
    table
}

/// CRC-16 of `data` as FIT computes it (start value 0).
pub fn fit_crc(data: &[u8]) -> u16 {
    data.iter().fold(0u16, |crc, &b| {
        (crc >> 8) ^ TABLE[((crc ^ b as u16) & 0xff) as usize]
    })
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
        assert_eq!(fit_crc(&data), reference(&data));
    }
}
