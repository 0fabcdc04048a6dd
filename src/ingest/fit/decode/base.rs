//! FIT base types: element sizes, invalid values, and reading raw field bytes as numbers.

/// A FIT base type (the low 5 bits of a field definition's base-type byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseType {
    /// `enum` (1 byte, invalid 0xFF).
    Enum,
    /// `sint8` (invalid 0x7F).
    SInt8,
    /// `uint8` (invalid 0xFF).
    UInt8,
    /// `sint16` (invalid 0x7FFF).
    SInt16,
    /// `uint16` (invalid 0xFFFF).
    UInt16,
    /// `sint32` (invalid 0x7FFF_FFFF).
    SInt32,
    /// `uint32` (invalid 0xFFFF_FFFF).
    UInt32,
    /// Null-terminated UTF-8 `string`.
    String,
    /// `float32` (invalid: not finite).
    Float32,
    /// `float64` (invalid: not finite).
    Float64,
    /// `uint8z` (invalid 0).
    UInt8z,
    /// `uint16z` (invalid 0).
    UInt16z,
    /// `uint32z` (invalid 0).
    UInt32z,
    /// `byte` array (a field is invalid only when every byte is 0xFF).
    Byte,
    /// `sint64` (invalid 0x7FFF_FFFF_FFFF_FFFF).
    SInt64,
    /// `uint64` (invalid all ones).
    UInt64,
    /// `uint64z` (invalid 0).
    UInt64z,
    /// A base type number FIT does not define, or a field whose size is not a multiple of its
    /// base type's size (a known COROS/Lezyne producer bug): its bytes are skipped, never read.
    Opaque,
}

impl BaseType {
    /// The base type of a definition's base-type byte, checked against the field `size`.
    pub fn from_byte(byte: u8, size: u8) -> BaseType {
        let t = match byte & 0x1F {
            0 => BaseType::Enum,
            1 => BaseType::SInt8,
            2 => BaseType::UInt8,
            3 => BaseType::SInt16,
            4 => BaseType::UInt16,
            5 => BaseType::SInt32,
            6 => BaseType::UInt32,
            7 => BaseType::String,
            8 => BaseType::Float32,
            9 => BaseType::Float64,
            10 => BaseType::UInt8z,
            11 => BaseType::UInt16z,
            12 => BaseType::UInt32z,
            13 => BaseType::Byte,
            14 => BaseType::SInt64,
            15 => BaseType::UInt64,
            16 => BaseType::UInt64z,
            _ => return BaseType::Opaque,
        };
        if size == 0 || usize::from(size) % t.size() != 0 {
            BaseType::Opaque
        } else {
            t
        }
    }

    /// Size in bytes of one element.
    pub fn size(self) -> usize {
        match self {
            BaseType::SInt16 | BaseType::UInt16 | BaseType::UInt16z => 2,
            BaseType::SInt32 | BaseType::UInt32 | BaseType::UInt32z | BaseType::Float32 => 4,
            BaseType::Float64 | BaseType::SInt64 | BaseType::UInt64 | BaseType::UInt64z => 8,
            _ => 1,
        }
    }
}

/// Read `N` bytes as an unsigned integer in the given byte order.
#[inline]
fn uint<const N: usize>(b: &[u8], big_endian: bool) -> Option<u64> {
    let arr: [u8; N] = b.get(..N)?.try_into().ok()?;
    let mut v = 0u64;
    if big_endian {
        for x in arr {
            v = (v << 8) | u64::from(x);
        }
    } else {
        for x in arr.iter().rev() {
            v = (v << 8) | u64::from(*x);
        }
    }
    Some(v)
}

/// One element of `base` at the start of `b` as f64, or `None` when it holds the type's invalid
/// value (or is not a number).
#[inline]
pub fn element(base: BaseType, b: &[u8], big_endian: bool) -> Option<f64> {
    let v = match base {
        BaseType::Enum | BaseType::UInt8 | BaseType::Byte => {
            let x = *b.first()?;
            (x != 0xFF).then_some(f64::from(x))?
        }
        BaseType::UInt8z => {
            let x = *b.first()?;
            (x != 0).then_some(f64::from(x))?
        }
        BaseType::SInt8 => {
            let x = *b.first()? as i8;
            (x != 0x7F).then_some(f64::from(x))?
        }
        BaseType::UInt16 => {
            let x = uint::<2>(b, big_endian)?;
            (x != 0xFFFF).then_some(x as f64)?
        }
        BaseType::UInt16z => {
            let x = uint::<2>(b, big_endian)?;
            (x != 0).then_some(x as f64)?
        }
        BaseType::SInt16 => {
            let x = uint::<2>(b, big_endian)? as u16 as i16;
            (x != 0x7FFF).then_some(f64::from(x))?
        }
        BaseType::UInt32 => {
            let x = uint::<4>(b, big_endian)?;
            (x != 0xFFFF_FFFF).then_some(x as f64)?
        }
        BaseType::UInt32z => {
            let x = uint::<4>(b, big_endian)?;
            (x != 0).then_some(x as f64)?
        }
        BaseType::SInt32 => {
            let x = uint::<4>(b, big_endian)? as u32 as i32;
            (x != 0x7FFF_FFFF).then_some(f64::from(x))?
        }
        BaseType::Float32 => f64::from(f32::from_bits(uint::<4>(b, big_endian)? as u32)),
        BaseType::Float64 => f64::from_bits(uint::<8>(b, big_endian)?),
        BaseType::UInt64 => {
            let x = uint::<8>(b, big_endian)?;
            (x != u64::MAX).then_some(x as f64)?
        }
        BaseType::UInt64z => {
            let x = uint::<8>(b, big_endian)?;
            (x != 0).then_some(x as f64)?
        }
        BaseType::SInt64 => {
            let x = uint::<8>(b, big_endian)? as i64;
            (x != i64::MAX).then_some(x as f64)?
        }
        BaseType::String | BaseType::Opaque => return None,
    };
    v.is_finite().then_some(v)
}

/// The first valid element of a field's bytes as f64 (arrays: the first element that is not
/// the invalid value; byte arrays: the first byte unless every byte is 0xFF).
#[inline]
pub fn first_valid(base: BaseType, bytes: &[u8], big_endian: bool) -> Option<f64> {
    match base {
        BaseType::Byte => {
            let first = *bytes.first()?;
            bytes.iter().any(|&b| b != 0xFF).then_some(f64::from(first))
        }
        BaseType::String | BaseType::Opaque => None,
        _ => bytes
            .chunks_exact(base.size())
            .find_map(|e| element(base, e, big_endian)),
    }
}

/// A string field: the bytes before the first NUL, when they are UTF-8.
pub fn string(bytes: &[u8]) -> Option<&str> {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    std::str::from_utf8(bytes.get(..end)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_values_are_missing() {
        assert_eq!(element(BaseType::UInt8, &[0xFF], false), None);
        assert_eq!(element(BaseType::SInt8, &[0x7F], false), None);
        assert_eq!(element(BaseType::SInt8, &[0xFE], false), Some(-2.0));
        assert_eq!(element(BaseType::UInt16, &[0xFF, 0xFF], false), None);
        assert_eq!(element(BaseType::SInt16, &[0xFF, 0x7F], false), None);
        assert_eq!(element(BaseType::SInt16, &[0x7F, 0xFF], true), None);
        assert_eq!(element(BaseType::UInt32, &[0xFF; 4], false), None);
        assert_eq!(
            element(BaseType::SInt32, &[0xFF, 0xFF, 0xFF, 0x7F], false),
            None
        );
        assert_eq!(element(BaseType::UInt32z, &[0; 4], false), None);
        assert_eq!(element(BaseType::UInt64, &[0xFF; 8], false), None);
        assert_eq!(
            element(BaseType::Float32, &f32::NAN.to_le_bytes(), false),
            None
        );
        assert_eq!(
            element(BaseType::UInt16, &[0x12], false),
            None,
            "short input"
        );
    }

    #[test]
    fn byte_order_and_arrays() {
        assert_eq!(element(BaseType::UInt16, &[0x01, 0x02], false), Some(513.0));
        assert_eq!(element(BaseType::UInt16, &[0x01, 0x02], true), Some(258.0));
        assert_eq!(
            element(BaseType::SInt32, &(-5i32).to_be_bytes(), true),
            Some(-5.0)
        );
        let arr = [0xFF, 0xFF, 0x07, 0x00];
        assert_eq!(first_valid(BaseType::UInt16, &arr, false), Some(7.0));
        assert_eq!(first_valid(BaseType::Byte, &[0xFF, 3], false), Some(255.0));
        assert_eq!(first_valid(BaseType::Byte, &[0xFF, 0xFF], false), None);
    }

    #[test]
    fn misaligned_sizes_become_opaque() {
        assert_eq!(BaseType::from_byte(0x86, 4), BaseType::UInt32);
        assert_eq!(BaseType::from_byte(0x86, 1), BaseType::Opaque);
        assert_eq!(BaseType::from_byte(0x84, 0), BaseType::Opaque);
        assert_eq!(BaseType::from_byte(0x1F, 1), BaseType::Opaque);
        assert_eq!(first_valid(BaseType::Opaque, &[1, 2, 3], false), None);
        assert_eq!(string(b"ab\0cd"), Some("ab"));
        assert_eq!(string(&[0xC3]), None);
    }
}
