//! Shared XML helpers for the GPX and TCX readers: a guarded pull cursor over quick-xml that
//! matches elements by local name, plus number and time parsing.
//!
//! The cursor never resolves namespaces, so undeclared or unbound prefixes (`gpxdata:hr` without
//! an `xmlns:gpxdata`) are harmless. It rejects DTDs (and with them entity declarations), caps
//! nesting depth and text length, and reports every problem with a byte position.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::{Error, Result};

/// Deepest element nesting accepted by default ([`crate::ingest::Limits::max_xml_depth`]).
/// Real GPX/TCX files stay below 10 levels.
pub const MAX_DEPTH: usize = super::limits::DEFAULT_MAX_XML_DEPTH;
/// Longest text content of one element accepted (1 MiB).
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// What a cursor step produced.
pub enum Node<'a, T> {
    /// An element opened (`<x>` or `<x/>`); its tag and attributes.
    Open(T, BytesStart<'a>),
    /// The innermost open element closed; its text is available from [`XmlCursor::text`].
    Close(T),
    /// The document ended. `true` when elements were still open (truncated document).
    End(bool),
}

/// Why the cursor stopped: malformed XML (recoverable: data before it may be kept) or a limit /
/// forbidden construct (never recoverable).
#[derive(Debug)]
pub struct XmlFailure {
    /// The error to report.
    pub error: Error,
    /// True for DOCTYPE/ENTITY, depth and text-length violations: no partial result allowed.
    pub fatal: bool,
}

impl XmlFailure {
    fn new(at: u64, message: impl Into<String>, fatal: bool) -> Self {
        XmlFailure {
            error: Error::Xml {
                at,
                message: message.into(),
            },
            fatal,
        }
    }
}

/// A pull cursor over an XML document that classifies every element by its local name with a
/// caller-supplied function and keeps the stack of open tags.
pub struct XmlCursor<'a, T: Copy> {
    reader: Reader<&'a [u8]>,
    /// Bytes skipped before the reader's input (BOM, leading whitespace).
    base: u64,
    classify: fn(&[u8]) -> T,
    max_depth: usize,
    stack: Vec<T>,
    text: Vec<u8>,
    /// An empty element (`<x/>`) was returned as Open; its Close is due next.
    pending_close: bool,
    /// The previous step was a Close: the text buffer must be cleared.
    clear_text: bool,
}

impl<'a, T: Copy> XmlCursor<'a, T> {
    /// A cursor over `bytes`, skipping a UTF-8 BOM and whitespace before the XML declaration.
    pub fn new(bytes: &'a [u8], classify: fn(&[u8]) -> T) -> Self {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let lead = body.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let body = body.get(lead..).unwrap_or(&[]);
        let base = (bytes.len() - body.len()) as u64;
        let mut reader = Reader::from_reader(body);
        let cfg = reader.config_mut();
        cfg.check_end_names = true;
        cfg.expand_empty_elements = false;
        cfg.trim_text(false);
        XmlCursor {
            reader,
            base,
            classify,
            max_depth: MAX_DEPTH,
            stack: Vec::with_capacity(16),
            text: Vec::with_capacity(64),
            pending_close: false,
            clear_text: false,
        }
    }

    /// The same cursor with another nesting limit (`--max-xml-depth`).
    pub fn with_max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Byte position in the original input of the cursor.
    pub fn position(&self) -> u64 {
        self.base + self.reader.buffer_position()
    }

    /// The innermost open tag (after a Close: the parent of the closed element).
    pub fn parent(&self) -> Option<T> {
        self.stack.last().copied()
    }

    /// Raw text content of the element that just closed (entity references resolved).
    pub fn text_bytes(&self) -> &[u8] {
        self.text.trim_ascii()
    }

    /// Text of the element that just closed, trimmed; invalid UTF-8 replaced.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(self.text_bytes()).into_owned()
    }

    /// The closed element's text as a number (`NaN` when it is not one).
    pub fn number(&self) -> f64 {
        parse_number(self.text_bytes())
    }

    /// The closed element's text as a time stamp.
    pub fn time(&self) -> Option<Timestamp> {
        parse_time(self.text_bytes())
    }

    /// Next element boundary. Text, comments, processing instructions and the XML declaration
    /// are consumed silently (text is collected for [`XmlCursor::text`]).
    pub fn step(&mut self) -> std::result::Result<Node<'a, T>, XmlFailure> {
        if self.clear_text {
            self.text.clear();
            self.clear_text = false;
        }
        if self.pending_close {
            self.pending_close = false;
            return Ok(self.close());
        }
        loop {
            let event = self.reader.read_event().map_err(|e| {
                let at = self.base + self.reader.error_position();
                XmlFailure::new(at, e.to_string(), false)
            })?;
            match event {
                Event::Start(e) => {
                    self.open_checked()?;
                    let tag = (self.classify)(e.local_name().as_ref());
                    self.stack.push(tag);
                    return Ok(Node::Open(tag, e));
                }
                Event::Empty(e) => {
                    self.open_checked()?;
                    let tag = (self.classify)(e.local_name().as_ref());
                    self.stack.push(tag);
                    self.pending_close = true;
                    return Ok(Node::Open(tag, e));
                }
                Event::End(_) => return Ok(self.close()),
                Event::Text(t) => self.push_text(&t)?,
                Event::CData(t) => self.push_text(&t)?,
                Event::GeneralRef(r) => {
                    let name: &[u8] = &r;
                    let resolved = match name {
                        b"amp" => Some('&'),
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"quot" => Some('"'),
                        b"apos" => Some('\''),
                        _ => r.resolve_char_ref().ok().flatten(),
                    };
                    let Some(c) = resolved else {
                        let name = String::from_utf8_lossy(&r).into_owned();
                        return Err(XmlFailure::new(
                            self.position(),
                            format!("undefined entity &{name};"),
                            false,
                        ));
                    };
                    let mut buf = [0u8; 4];
                    self.push_text(c.encode_utf8(&mut buf).as_bytes())?;
                }
                Event::DocType(_) => {
                    return Err(XmlFailure::new(
                        self.position(),
                        "DOCTYPE/ENTITY declarations are not accepted",
                        true,
                    ));
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
                Event::Eof => return Ok(Node::End(!self.stack.is_empty())),
            }
        }
    }

    fn close(&mut self) -> Node<'a, T> {
        self.clear_text = true;
        match self.stack.pop() {
            Some(tag) => Node::Close(tag),
            // quick-xml rejects unmatched end tags, so this is unreachable in practice.
            None => Node::End(false),
        }
    }

    fn open_checked(&mut self) -> std::result::Result<(), XmlFailure> {
        self.text.clear();
        if self.stack.len() >= self.max_depth {
            return Err(XmlFailure {
                error: Error::Limit {
                    what: format!("XML nesting at byte {}", self.position()),
                    limit: format!("{} levels", self.max_depth),
                    flag: "--max-xml-depth",
                },
                fatal: true,
            });
        }
        Ok(())
    }

    fn push_text(&mut self, bytes: &[u8]) -> std::result::Result<(), XmlFailure> {
        if self.text.len() + bytes.len() > MAX_TEXT_BYTES {
            return Err(XmlFailure::new(
                self.position(),
                format!("text longer than {MAX_TEXT_BYTES} bytes"),
                true,
            ));
        }
        self.text.extend_from_slice(bytes);
        Ok(())
    }
}

/// The part of a qualified name after its prefix (`gpxtpx:hr` → `hr`).
pub fn local_name(qname: &[u8]) -> &[u8] {
    match qname.iter().rposition(|&b| b == b':') {
        Some(i) => qname.get(i + 1..).unwrap_or(&[]),
        None => qname,
    }
}

/// Value of the attribute with the given local name, raw (no entity expansion: used for
/// numbers and names without markup).
pub fn attr<'b>(e: &'b BytesStart<'_>, local: &[u8]) -> Option<std::borrow::Cow<'b, [u8]>> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| local_name(a.key.as_ref()) == local)
        .map(|a| a.value)
}

/// Value of the attribute with the given local name as text (entities expanded when possible).
pub fn attr_text(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    let raw = attr(e, local)?;
    let s = String::from_utf8_lossy(&raw);
    let s = match quick_xml::escape::unescape(&s) {
        Ok(u) => u.into_owned(),
        Err(_) => s.into_owned(),
    };
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Parse a decimal number (`NaN` for empty or invalid text such as `undefined`).
pub fn parse_number(bytes: &[u8]) -> f64 {
    let b = bytes.trim_ascii();
    if let Some(v) = parse_plain_decimal(b) {
        return v;
    }
    std::str::from_utf8(b)
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|v| v.is_finite())
        .unwrap_or(f64::NAN)
}

/// Exact powers of ten up to 10^22 (every one is representable in an f64).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The fast path for the numbers track points hold (`-12.5`, `48.8566140`, `165`): an optional
/// sign, digits, an optional fraction, no exponent, at most 15 significant digits. The integer
/// of all digits is exact and so is 10^k for k ≤ 22, so their quotient is correctly rounded:
/// the same `f64` as the standard parser. Anything else returns `None` (the caller then uses
/// the standard parser).
fn parse_plain_decimal(b: &[u8]) -> Option<f64> {
    let (negative, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    let mut mantissa: u64 = 0;
    let mut n_digits = 0usize;
    let mut frac_digits = 0usize;
    let mut seen_point = false;
    for &c in digits {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(c - b'0');
                n_digits += 1;
                frac_digits += usize::from(seen_point);
                if n_digits > 15 {
                    return None;
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => return None,
        }
    }
    if n_digits == 0 {
        return None;
    }
    let v = mantissa as f64 / POW10.get(frac_digits)?;
    Some(if negative { -v } else { v })
}

/// A parsed XML time stamp.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timestamp {
    /// Seconds since the Unix epoch, UTC, with fraction.
    pub epoch_s: f64,
    /// The written offset from UTC in seconds, when the text had a non-`Z` offset.
    pub offset_s: Option<i32>,
}

impl Timestamp {
    /// The time as a chrono UTC date-time (millisecond precision is kept).
    pub fn to_utc(self) -> Option<chrono::DateTime<chrono::Utc>> {
        let secs = self.epoch_s.floor();
        let nanos = ((self.epoch_s - secs) * 1e9)
            .round()
            .clamp(0.0, 999_999_999.0) as u32;
        chrono::DateTime::from_timestamp(secs as i64, nanos)
    }
}

fn digits(b: &[u8], at: usize, n: usize) -> Option<i64> {
    let s = b.get(at..at + n)?;
    s.iter().try_fold(0i64, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
    })
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parse an RFC 3339 / ISO 8601 time: `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM|±HHMM]`; a missing
/// offset means UTC. A space may replace the `T`.
pub fn parse_time(text: &[u8]) -> Option<Timestamp> {
    let b = text.trim_ascii();
    let (y, mo, d) = (digits(b, 0, 4)?, digits(b, 5, 2)?, digits(b, 8, 2)?);
    let (h, mi, s) = (digits(b, 11, 2)?, digits(b, 14, 2)?, digits(b, 17, 2)?);
    let seps = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if seps.iter().any(|&(i, c)| b.get(i) != Some(&c))
        || !matches!(b.get(10), Some(b'T' | b't' | b' '))
    {
        return None;
    }
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 24 || mi > 59 || s > 60 {
        return None;
    }
    let mut i = 19;
    let mut frac = 0.0;
    if b.get(i) == Some(&b'.') || b.get(i) == Some(&b',') {
        i += 1;
        let mut scale = 0.1;
        while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            frac += f64::from(c - b'0') * scale;
            scale *= 0.1;
            i += 1;
        }
    }
    let offset_s = match b.get(i) {
        None => None,
        Some(b'Z' | b'z') if i + 1 == b.len() => None,
        Some(&sign @ (b'+' | b'-')) => {
            let oh = digits(b, i + 1, 2)?;
            let om = match b.get(i + 3) {
                Some(b':') => digits(b, i + 4, 2)?,
                None => 0,
                _ => digits(b, i + 3, 2)?,
            };
            let off = (oh * 3600 + om * 60) as i32;
            Some(if sign == b'-' { -off } else { off })
        }
        _ => return None,
    };
    let local = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s;
    let epoch = (local - i64::from(offset_s.unwrap_or(0))) as f64 + frac;
    Some(Timestamp {
        epoch_s: epoch,
        offset_s: offset_s.filter(|&o| o != 0),
    })
}

/// Turn a cursor failure into the reader's decision: fatal failures and failures before any
/// data are errors; otherwise the data read so far is kept and a warning is returned.
pub fn recover(fail: XmlFailure, have_data: bool) -> Result<String> {
    if fail.fatal || !have_data {
        return Err(fail.error);
    }
    Ok(format!("{}; data after it ignored", fail.error))
}

#[cfg(test)]
#[path = "xml_tests.rs"]
mod tests;
