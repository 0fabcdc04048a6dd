//! Unit tests of the walker over hand-built FIT data sections.

use super::*;

/// A definition record: local type, global number, endianness, fields (num, size, base).
fn def(local: u8, global: u16, big: bool, fields: &[(u8, u8, u8)]) -> Vec<u8> {
    let mut v = vec![0x40 | local, 0, u8::from(big)];
    v.extend(if big {
        global.to_be_bytes()
    } else {
        global.to_le_bytes()
    });
    v.push(fields.len() as u8);
    for &(n, s, b) in fields {
        v.extend([n, s, b]);
    }
    v
}

/// (global message number, timestamp, field 3 as a number) of one message.
type Seen = (u16, Option<u32>, Option<f64>);

/// Collect what every message looks like.
fn run(data: &[u8]) -> (Vec<Seen>, Walked) {
    let mut out = Vec::new();
    let w = walk(data, std::slice::from_ref(&(0..data.len())), 1000, |m| {
        let hr = m.fields().find(|f| f.num == 3).and_then(|f| f.number());
        out.push((m.global, m.timestamp(), hr));
    });
    (out, w)
}

#[test]
fn little_and_big_endian_definitions() {
    let mut d = def(0, 20, false, &[(253, 4, 0x86), (3, 1, 0x02)]);
    d.push(0x00);
    d.extend(1000u32.to_le_bytes());
    d.push(150);
    d.extend(def(1, 20, true, &[(253, 4, 0x86), (3, 1, 0x02)]));
    d.push(0x01);
    d.extend(1001u32.to_be_bytes());
    d.push(151);
    let (msgs, w) = run(&d);
    assert_eq!(w.stop, None);
    assert_eq!(
        msgs,
        vec![(20, Some(1000), Some(150.0)), (20, Some(1001), Some(151.0))]
    );
}

#[test]
fn compressed_timestamps_roll_over() {
    let mut d = def(0, 20, false, &[(253, 4, 0x86)]);
    d.push(0x00);
    d.extend(1000u32.to_le_bytes()); // 1000 = 31 * 32 + 8
    d.extend(def(1, 20, false, &[(3, 1, 0x02)]));
    // Compressed header, local type 1, offsets 10 (same 32 s block) then 2 (rolled over).
    d.extend([0x80 | (1 << 5) | 10, 90, 0x80 | (1 << 5) | 2, 91]);
    let (msgs, _) = run(&d);
    assert_eq!(msgs[1], (20, Some(1002), Some(90.0)));
    assert_eq!(msgs[2], (20, Some(1026), Some(91.0)));
}

#[test]
fn invalid_values_and_unknown_messages() {
    let mut d = def(0, 20, false, &[(3, 1, 0x02)]);
    d.extend([0x00, 0xFF]);
    d.extend(def(2, 0xFF01, false, &[(9, 2, 0x84)]));
    d.extend([0x02, 0x34, 0x12]);
    let (msgs, w) = run(&d);
    assert_eq!(w.stop, None);
    assert_eq!(msgs, vec![(20, None, None), (0xFF01, None, None)]);
}

#[test]
fn developer_fields_are_named_and_scaled() {
    // field_description: dev index 0, field 1, base uint16, name "Power", scale 2.
    let mut d = def(
        0,
        FIELD_DESCRIPTION,
        false,
        &[
            (0, 1, 0x02),
            (1, 1, 0x02),
            (2, 1, 0x02),
            (3, 6, 0x07),
            (6, 1, 0x02),
        ],
    );
    d.extend([0x00, 0, 1, 0x84]);
    d.extend(b"Power\0");
    d.push(2);
    // Record with one developer field (header bit 0x20).
    let mut r = def(1, 20, false, &[(3, 1, 0x02)]);
    r[0] |= 0x20;
    r.extend([1, 1, 2, 0]); // one dev field: num 1, size 2, dev index 0
    d.extend(r);
    d.extend([0x01, 140, 0x90, 0x01]); // hr 140, dev value 400
    let mut seen = Vec::new();
    let w = walk(&d, std::slice::from_ref(&(0..d.len())), 100, |m| {
        for f in m.dev_fields() {
            seen.push((f.description.name.clone(), f.value()));
        }
    });
    assert_eq!(w.stop, None);
    assert_eq!(seen, vec![("Power".to_string(), Some(200.0))]);
}

#[test]
fn truncated_message_keeps_what_came_before() {
    let mut d = def(0, 20, false, &[(253, 4, 0x86), (3, 1, 0x02)]);
    d.push(0x00);
    d.extend(1000u32.to_le_bytes());
    d.push(150);
    let full = d.len();
    d.push(0x00);
    d.extend([1, 2]);
    let (msgs, w) = run(&d);
    assert_eq!(msgs.len(), 1);
    assert_eq!(w.stop, Some((full, StopReason::Truncated)));
}

#[test]
fn missing_definition_stops_with_reason() {
    let mut d = def(0, 20, false, &[(3, 1, 0x02)]);
    d.extend([0x00, 100, 0x05, 1]);
    let (msgs, w) = run(&d);
    assert_eq!(msgs.len(), 1);
    assert_eq!(
        w.stop,
        Some((d.len() - 2, StopReason::MissingDefinition(5)))
    );
}

#[test]
fn chained_sections_start_fresh_and_caps_hold() {
    let mut a = def(0, 20, false, &[(3, 1, 0x02)]);
    a.extend([0x00, 100]);
    let n = a.len();
    let mut both = a.clone();
    // The second section uses local 0 without defining it: state was reset.
    both.extend([0x00, 101]);
    let mut count = 0;
    let w = walk(&both, &[0..n, n..both.len()], 100, |_| count += 1);
    assert_eq!(count, 1);
    assert_eq!(w.stop, Some((n, StopReason::MissingDefinition(0))));
    let mut many = def(0, 20, false, &[(3, 1, 0x02)]);
    for _ in 0..10 {
        many.extend([0x00, 100]);
    }
    let w = walk(&many, std::slice::from_ref(&(0..many.len())), 4, |_| {});
    assert_eq!(w.messages, 4);
    assert_eq!(w.stop.map(|s| s.1), Some(StopReason::TooManyMessages(4)));
}

#[test]
fn misaligned_and_hostile_definitions_never_panic() {
    // uint32 field of size 3 (COROS quirk) is skipped; the next field still decodes.
    let mut d = def(0, 20, false, &[(5, 3, 0x86), (3, 1, 0x02)]);
    d.extend([0x00, 1, 2, 3, 77]);
    let (msgs, w) = run(&d);
    assert_eq!(w.stop, None);
    assert_eq!(msgs, vec![(20, None, Some(77.0))]);
    // Every byte string of a few lengths decodes or stops cleanly.
    for len in 0..64usize {
        let junk: Vec<u8> = (0..len).map(|i| (i * 37 + len * 11) as u8).collect();
        let _ = run(&junk);
    }
}
