//! Developer field descriptions (`field_description` messages, global number 206).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::field::Field;

/// Global message number of `field_description`.
pub const FIELD_DESCRIPTION: u16 = 206;

/// Most developer field descriptions kept per FIT chunk (real files have a few dozen; 125 is
/// the most seen). Later ones are ignored, so their fields are skipped.
pub const MAX_DEV_DESCRIPTIONS: usize = 1024;

/// What a `field_description` message says about one developer field.
#[derive(Debug, Clone, PartialEq)]
pub struct DevDescription {
    /// Developer data index.
    pub dev_index: u8,
    /// Developer field number.
    pub field_num: u8,
    /// FIT base type byte of the field's values.
    pub base_type: u8,
    /// Field name (`unknown_developer_field_N` when the description has none).
    pub name: String,
    /// Scale (values are divided by it; 1 when absent).
    pub scale: f64,
    /// Offset (subtracted after scaling; 0 when absent).
    pub offset: f64,
    /// Units text (may be empty).
    pub units: String,
}

/// A hasher for the 2-byte (developer index, field number) keys: the key is its own hash.
#[derive(Debug, Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        // Spread the 16 key bits over the whole word: hashbrown takes its tag from the top bits.
        self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0 << 8) | u64::from(b);
    }
}

/// The developer field descriptions seen so far in one FIT chunk.
#[derive(Debug, Default)]
pub struct DevDescriptions {
    by_key: HashMap<(u8, u8), DevDescription, BuildHasherDefault<KeyHasher>>,
}

impl DevDescriptions {
    /// The description of developer field `num` of developer `dev_index`.
    #[inline]
    pub fn get(&self, dev_index: u8, num: u8) -> Option<&DevDescription> {
        if self.by_key.is_empty() {
            return None;
        }
        self.by_key.get(&(dev_index, num))
    }

    /// Forget every description (a new chained FIT chunk starts).
    pub fn clear(&mut self) {
        self.by_key.clear();
    }

    /// Record the description carried by a `field_description` message (ignores incomplete
    /// ones: developer index, field number and base type are required).
    pub fn learn<'a>(&mut self, fields: impl Iterator<Item = Field<'a>>) {
        let (mut index, mut num, mut base) = (None, None, None);
        let mut d = DevDescription {
            dev_index: 0,
            field_num: 0,
            base_type: 0,
            name: String::new(),
            scale: 1.0,
            offset: 0.0,
            units: String::new(),
        };
        let mut named = false;
        for f in fields {
            match f.num {
                0 => index = f.number(),
                1 => num = f.number(),
                2 => base = f.number(),
                3 => {
                    if let Some(s) = f.text() {
                        d.name = s.to_string();
                        named = true;
                    }
                }
                6 => d.scale = f.number().unwrap_or(1.0),
                7 => d.offset = f.number().unwrap_or(0.0),
                8 => d.units = f.text().unwrap_or_default().to_string(),
                _ => {}
            }
        }
        let (Some(index), Some(num), Some(base)) = (index, num, base) else {
            return;
        };
        d.dev_index = index as u8;
        d.field_num = num as u8;
        d.base_type = base as u8;
        if !named {
            d.name = format!("unknown_developer_field_{}", d.field_num);
        }
        let key = (d.dev_index, d.field_num);
        if self.by_key.len() < MAX_DEV_DESCRIPTIONS || self.by_key.contains_key(&key) {
            self.by_key.insert(key, d);
        }
    }
}
