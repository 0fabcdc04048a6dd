//! One ordinary field of a data message: a borrowed view of its raw bytes.

use super::base::{self, BaseType};

/// One ordinary field of a data message.
#[derive(Debug, Clone, Copy)]
pub struct Field<'a> {
    /// Field number in the FIT profile.
    pub num: u8,
    /// Base type.
    pub base: BaseType,
    /// Byte order of multi-byte values.
    pub big_endian: bool,
    /// The field's raw bytes.
    pub bytes: &'a [u8],
}

impl<'a> Field<'a> {
    /// The first valid element as a number (no scale applied), `None` when invalid.
    #[inline]
    pub fn number(&self) -> Option<f64> {
        if self.bytes.len() == self.base.size() {
            base::element(self.base, self.bytes, self.big_endian)
        } else {
            base::first_valid(self.base, self.bytes, self.big_endian)
        }
    }

    /// The value with FIT's `value / scale - offset` applied.
    #[inline]
    pub fn scaled(&self, scale: f64, offset: f64) -> Option<f64> {
        let v = self.number()? / scale - offset;
        v.is_finite().then_some(v)
    }

    /// A string field's text.
    pub fn text(&self) -> Option<&'a str> {
        match self.base {
            BaseType::String => base::string(self.bytes),
            _ => None,
        }
    }
}
