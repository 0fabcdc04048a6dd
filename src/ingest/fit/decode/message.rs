//! Definitions and the borrowed views of data messages handed to a message sink.

use super::base::{self, BaseType};
use super::developer::{DevDescription, DevDescriptions};
pub use super::field::Field;

/// FIT field number of the `timestamp` field every message may carry.
pub const TIMESTAMP_FIELD: u8 = 253;

/// One field of a definition message.
#[derive(Debug, Clone, Copy)]
pub struct FieldDef {
    /// Field number in the FIT profile.
    pub num: u8,
    /// Size in bytes.
    pub size: u8,
    /// Base type (checked against the size).
    pub base: BaseType,
}

/// One developer field of a definition message.
#[derive(Debug, Clone, Copy)]
pub struct DevFieldDef {
    /// Developer field number.
    pub num: u8,
    /// Size in bytes.
    pub size: u8,
    /// Index of the developer (`developer_data_id`) that defines it.
    pub dev_index: u8,
}

/// A definition message: the layout of the data messages of one local message type.
#[derive(Debug, Clone, Default)]
pub struct Definition {
    /// Global message number (20 = record, 19 = lap, …).
    pub global: u16,
    /// Multi-byte values are big-endian.
    pub big_endian: bool,
    /// Fields in the order their bytes appear.
    pub fields: Vec<FieldDef>,
    /// Developer fields, after the ordinary fields.
    pub dev_fields: Vec<DevFieldDef>,
    /// Total data size in bytes (ordinary plus developer fields).
    pub size: usize,
}

/// A data message as it sits in the file: a view over its bytes, nothing copied.
#[derive(Debug, Clone, Copy)]
pub struct Message<'a> {
    /// Global message number.
    pub global: u16,
    /// The timestamp carried by a compressed-timestamp header (FIT seconds), if any.
    pub header_timestamp: Option<u32>,
    pub(super) def: &'a Definition,
    pub(super) data: &'a [u8],
    pub(super) devs: &'a DevDescriptions,
}

/// One developer field of a data message, with the description that names it.
#[derive(Debug, Clone, Copy)]
pub struct DevField<'a> {
    /// The `field_description` that defines it.
    pub description: &'a DevDescription,
    /// The field's raw bytes.
    pub bytes: &'a [u8],
    /// Byte order of multi-byte values.
    pub big_endian: bool,
}

impl DevField<'_> {
    /// The first valid element with the description's scale and offset applied.
    pub fn value(&self) -> Option<f64> {
        let d = self.description;
        let base = BaseType::from_byte(d.base_type, self.bytes.len().min(255) as u8);
        let v = base::first_valid(base, self.bytes, self.big_endian)? / d.scale - d.offset;
        v.is_finite().then_some(v)
    }
}

impl<'a> Message<'a> {
    /// The ordinary fields, in file order.
    #[inline]
    pub fn fields(&self) -> impl Iterator<Item = Field<'a>> + 'a {
        field_iter(self.def, self.data)
    }

    /// The developer fields whose description is known, in file order (others are skipped).
    pub fn dev_fields(&self) -> impl Iterator<Item = DevField<'a>> + 'a {
        let def = self.def;
        let data = self.data;
        let devs = self.devs;
        let mut at: usize = def.fields.iter().map(|f| usize::from(f.size)).sum();
        def.dev_fields.iter().filter_map(move |f| {
            let start = at;
            at += usize::from(f.size);
            Some(DevField {
                description: devs.get(f.dev_index, f.num)?,
                bytes: data.get(start..at)?,
                big_endian: def.big_endian,
            })
        })
    }

    /// Whether the message has developer fields.
    pub fn has_dev_fields(&self) -> bool {
        !self.def.dev_fields.is_empty()
    }

    /// The message's timestamp in FIT seconds: the compressed header's, else field 253.
    pub fn timestamp(&self) -> Option<u32> {
        self.header_timestamp.or_else(|| {
            self.fields()
                .find(|f| f.num == TIMESTAMP_FIELD)
                .and_then(|f| f.number())
                .map(|t| t as u32)
        })
    }
}

/// The ordinary fields of the data bytes `data` laid out by `def`.
#[inline]
pub(super) fn field_iter<'a>(
    def: &'a Definition,
    data: &'a [u8],
) -> impl Iterator<Item = Field<'a>> + 'a {
    let mut at = 0usize;
    def.fields.iter().filter_map(move |f| {
        let start = at;
        at += usize::from(f.size);
        Some(Field {
            num: f.num,
            base: f.base,
            big_endian: def.big_endian,
            bytes: data.get(start..at)?,
        })
    })
}
