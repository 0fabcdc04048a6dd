//! A streaming walker over the data sections of a FIT file.
//!
//! It reads record headers (normal and compressed-timestamp), keeps up to 16 local definitions,
//! learns developer field descriptions, and hands each data message to a sink as a borrowed
//! [`Message`] view — no heap allocation per message. Only the fields a caller asks for are
//! converted to numbers. Chained FIT chunks are walked one after another with fresh state.

pub mod base;
pub mod developer;
pub mod field;
pub mod message;

use std::ops::Range;

pub use base::BaseType;
pub use developer::{DevDescription, DevDescriptions, FIELD_DESCRIPTION};
pub use message::{Definition, DevField, DevFieldDef, Field, FieldDef, Message, TIMESTAMP_FIELD};

/// Number of local message types a FIT record header can address.
const LOCAL_TYPES: usize = 16;

/// Why a walk ended before the end of the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StopReason {
    /// The data ends inside a message.
    Truncated,
    /// A data message uses a local type that has no definition.
    MissingDefinition(u8),
    /// More data messages than the caller allows.
    TooManyMessages(usize),
}

impl std::fmt::Display for StopReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StopReason::Truncated => write!(f, "file ends mid-message"),
            StopReason::MissingDefinition(n) => {
                write!(f, "local message {n} used before its definition")
            }
            StopReason::TooManyMessages(n) => write!(f, "more than {n} messages"),
        }
    }
}

/// How a walk ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walked {
    /// Data messages handed to the sink.
    pub messages: usize,
    /// Where (byte offset into the buffer) and why the walk stopped early, if it did.
    pub stop: Option<(usize, StopReason)>,
}

/// State that lives for one FIT chunk.
#[derive(Default)]
struct ChunkState {
    defs: [Option<Definition>; LOCAL_TYPES],
    devs: DevDescriptions,
    /// Last full timestamp (FIT seconds), the base of compressed-timestamp headers.
    last_timestamp: u32,
}

/// Walk the data sections `sections` (byte ranges of `bytes`, one per chained chunk), calling
/// `sink` for every data message, at most `max_messages` of them.
pub fn walk(
    bytes: &[u8],
    sections: &[Range<usize>],
    max_messages: usize,
    mut sink: impl FnMut(&Message<'_>),
) -> Walked {
    let mut state = ChunkState::default();
    let mut messages = 0usize;
    for section in sections {
        state.defs = Default::default();
        state.devs.clear();
        state.last_timestamp = 0;
        let data = bytes.get(section.clone()).unwrap_or_default();
        let mut pos = 0usize;
        while pos < data.len() {
            let at = section.start + pos;
            let step = step(data, pos, &mut state, |m| {
                if messages >= max_messages {
                    return false;
                }
                messages += 1;
                sink(m);
                true
            });
            match step {
                Ok(next) => pos = next,
                Err(reason) => {
                    let reason = match reason {
                        StopReason::TooManyMessages(_) => StopReason::TooManyMessages(max_messages),
                        r => r,
                    };
                    return Walked {
                        messages,
                        stop: Some((at, reason)),
                    };
                }
            }
        }
    }
    Walked {
        messages,
        stop: None,
    }
}

/// Decode the record at `pos`; returns the position after it.
fn step(
    data: &[u8],
    pos: usize,
    state: &mut ChunkState,
    mut deliver: impl FnMut(&Message<'_>) -> bool,
) -> Result<usize, StopReason> {
    let header = *data.get(pos).ok_or(StopReason::Truncated)?;
    let body = pos + 1;
    if header & 0x80 == 0 && header & 0x40 != 0 {
        let local = usize::from(header & 0x0F);
        let dev = header & 0x20 != 0;
        return read_definition(data, body, dev, &mut state.defs[local]);
    }
    let (local, offset) = if header & 0x80 != 0 {
        ((header >> 5) & 0x03, Some(u32::from(header & 0x1F)))
    } else {
        (header & 0x0F, None)
    };
    let def = state.defs[usize::from(local)]
        .as_ref()
        .ok_or(StopReason::MissingDefinition(local))?;
    let end = body + def.size;
    let msg_data = data.get(body..end).ok_or(StopReason::Truncated)?;
    let mut msg = Message {
        global: def.global,
        header_timestamp: None,
        def,
        data: msg_data,
        devs: &state.devs,
    };
    if let Some(t) = msg
        .fields()
        .find(|f| f.num == TIMESTAMP_FIELD)
        .and_then(|f| f.number())
    {
        state.last_timestamp = t as u32;
    }
    if let Some(offset) = offset {
        // 5-bit offset against the last full timestamp, rolling over every 32 s.
        let last = state.last_timestamp;
        let mut t = (last & !0x1F).wrapping_add(offset);
        if offset < last & 0x1F {
            t = t.wrapping_add(0x20);
        }
        state.last_timestamp = t;
        msg.header_timestamp = Some(t);
    }
    if !deliver(&msg) {
        return Err(StopReason::TooManyMessages(0));
    }
    if def.global == FIELD_DESCRIPTION {
        state.devs.learn(message::field_iter(def, msg_data));
    }
    Ok(end)
}

/// Parse a definition message starting at `pos` (after the record header) into `slot`,
/// reusing its allocations; returns the position after it.
fn read_definition(
    data: &[u8],
    pos: usize,
    has_dev_fields: bool,
    slot: &mut Option<Definition>,
) -> Result<usize, StopReason> {
    let fixed = data.get(pos..pos + 5).ok_or(StopReason::Truncated)?;
    let big_endian = fixed[1] == 1;
    let global = if big_endian {
        u16::from_be_bytes([fixed[2], fixed[3]])
    } else {
        u16::from_le_bytes([fixed[2], fixed[3]])
    };
    let n_fields = usize::from(fixed[4]);
    let mut at = pos + 5;
    let field_bytes = data
        .get(at..at + 3 * n_fields)
        .ok_or(StopReason::Truncated)?;
    at += 3 * n_fields;
    let def = slot.get_or_insert_with(Definition::default);
    def.global = global;
    def.big_endian = big_endian;
    def.fields.clear();
    def.dev_fields.clear();
    def.size = 0;
    for f in field_bytes.chunks_exact(3) {
        def.fields.push(FieldDef {
            num: f[0],
            size: f[1],
            base: BaseType::from_byte(f[2], f[1]),
        });
        def.size += usize::from(f[1]);
    }
    if has_dev_fields {
        let n_dev = usize::from(*data.get(at).ok_or(StopReason::Truncated)?);
        at += 1;
        let dev_bytes = data.get(at..at + 3 * n_dev).ok_or(StopReason::Truncated)?;
        at += 3 * n_dev;
        for f in dev_bytes.chunks_exact(3) {
            def.dev_fields.push(DevFieldDef {
                num: f[0],
                size: f[1],
                dev_index: f[2],
            });
            def.size += usize::from(f[1]);
        }
    }
    Ok(at)
}

#[cfg(test)]
mod tests;
