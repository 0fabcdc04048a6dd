//! Unit tests of the XML cursor, number and time parsing.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tag {
    A,
    B,
    Other,
}

fn classify(n: &[u8]) -> Tag {
    match n {
        b"a" => Tag::A,
        b"b" => Tag::B,
        _ => Tag::Other,
    }
}

fn texts(doc: &str) -> std::result::Result<Vec<(Tag, String)>, XmlFailure> {
    let mut c = XmlCursor::new(doc.as_bytes(), classify);
    let mut out = Vec::new();
    loop {
        match c.step()? {
            Node::Close(t) => out.push((t, c.text())),
            Node::End(_) => return Ok(out),
            Node::Open(..) => {}
        }
    }
}

#[test]
fn local_names_and_entities() {
    let doc =
        "\u{feff}  <?xml version=\"1.0\"?><x:a><p:b>1 &amp; 2 &#65;<![CDATA[<c>]]></p:b><b/></x:a>";
    let got = texts(doc).unwrap();
    assert_eq!(got[0], (Tag::B, "1 & 2 A<c>".to_string()));
    assert_eq!(got[1], (Tag::B, String::new()));
    assert_eq!(got[2].0, Tag::A);
}

#[test]
fn rejects_doctype_and_deep_nesting() {
    let doc = "<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>";
    let err = texts(doc).err().unwrap();
    assert!(err.fatal);
    assert!(err.error.to_string().contains("DOCTYPE"));
    let deep = "<a>".repeat(MAX_DEPTH + 1);
    assert!(texts(&deep).err().unwrap().fatal);
    let ok = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
    assert!(texts(&ok).is_ok());
}

#[test]
fn caps_text_and_reports_positions() {
    let big = format!("<a>{}</a>", "x".repeat(MAX_TEXT_BYTES + 1));
    assert!(texts(&big).err().unwrap().fatal);
    let err = texts("<a><b></a>").err().unwrap();
    assert!(!err.fatal);
    assert!(matches!(err.error, Error::Xml { at, .. } if at > 0));
    assert!(texts("<a>&bogus;</a>").is_err());
}

#[test]
fn truncated_document_reports_open_elements() {
    let mut c = XmlCursor::new(b"<a><b>1</b>", classify);
    let mut ended = None;
    for _ in 0..10 {
        if let Node::End(open) = c.step().unwrap() {
            ended = Some(open);
            break;
        }
    }
    assert_eq!(ended, Some(true));
}

#[test]
fn numbers() {
    assert_eq!(parse_number(b" 12.5 "), 12.5);
    assert_eq!(parse_number(b"-0.5"), -0.5);
    assert_eq!(parse_number(b"1e3"), 1000.0);
    assert_eq!(parse_number(b".5"), 0.5);
    assert_eq!(parse_number(b"5."), 5.0);
    assert!(parse_number(b".").is_nan());
    assert!(parse_number(b"-").is_nan());
    assert!(parse_number(b"1.2.3").is_nan());
    assert!(parse_number(b"undefined").is_nan());
    assert!(parse_number(b"").is_nan());
    assert!(parse_number(b"inf").is_nan());
}

#[test]
fn times() {
    let t = parse_time(b"2020-12-25T20:40:26Z").unwrap();
    assert_eq!(t.epoch_s, 1_608_928_826.0);
    assert_eq!(t.offset_s, None);
    let t = parse_time(b"2020-12-25T21:40:26.250+01:00").unwrap();
    assert_eq!(t.epoch_s, 1_608_928_826.25);
    assert_eq!(t.offset_s, Some(3600));
    let t = parse_time(b"2020-12-25T15:40:26-0500").unwrap();
    assert_eq!(t.epoch_s, 1_608_928_826.0);
    assert_eq!(t.offset_s, Some(-18000));
    assert_eq!(
        parse_time(b"2020-12-25 20:40:26").unwrap().epoch_s,
        1_608_928_826.0
    );
    assert_eq!(
        parse_time(b"1970-01-01T00:00:00+00:00").unwrap().offset_s,
        None
    );
    assert!(parse_time(b"2020-13-25T20:40:26Z").is_none());
    assert!(parse_time(b"yesterday").is_none());
    assert!(parse_time(b"2020-12-25T20:40:26Zjunk").is_none());
    let utc = parse_time(b"2020-12-25T20:40:26.5Z")
        .unwrap()
        .to_utc()
        .unwrap();
    assert_eq!(utc.to_rfc3339(), "2020-12-25T20:40:26.500+00:00");
}

proptest::proptest! {
    /// The fast decimal path gives exactly the standard parser's value.
    #[test]
    fn fast_decimal_matches_std(int in 0u64..100_000_000, frac in 0u64..10_000_000, places in 0usize..8, neg: bool) {
        let frac = frac % 10u64.pow(places as u32);
        let text = if places == 0 {
            format!("{}{int}", if neg { "-" } else { "" })
        } else {
            format!("{}{int}.{frac:0places$}", if neg { "-" } else { "" })
        };
        let want: f64 = text.parse().unwrap();
        proptest::prop_assert_eq!(parse_number(text.as_bytes()).to_bits(), want.to_bits(), "{}", text);
    }
}
