//! Format detection from content.

use crate::error::Hint;

/// What a byte buffer holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// A FIT file (`.FIT` signature at byte 8).
    Fit,
    /// GPX (XML root `<gpx>`).
    Gpx,
    /// TCX (XML root `<TrainingCenterDatabase>`).
    Tcx,
    /// gzip stream.
    Gzip,
    /// zip archive.
    Zip,
    /// None of the above, with a hint about what it looks like.
    Unknown(Hint),
}

/// Decide the format from the first bytes and, for XML, the root element's local name.
pub fn detect(bytes: &[u8]) -> Format {
    if bytes.len() >= 12 && &bytes[8..12] == b".FIT" {
        return Format::Fit;
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Format::Gzip;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Format::Zip;
    }
    if bytes.len() < 12 && matches!(bytes.first(), Some(12 | 14)) {
        return Format::Unknown(Hint(Some(format!(
            "{} bytes: a FIT header cut short?",
            bytes.len()
        ))));
    }
    match xml_root(bytes) {
        Some(root) if root.eq_ignore_ascii_case("gpx") => Format::Gpx,
        // A bare `<Activities>` root is a TCX whose root element was lost (seen in real files).
        Some(root) if root == "TrainingCenterDatabase" || root == "Activities" => Format::Tcx,
        Some(root) => Format::Unknown(Hint(Some(format!("XML with root <{root}>")))),
        None => Format::Unknown(Hint(None)),
    }
}

/// Local name of the first element in an XML document, skipping a BOM, whitespace, the XML
/// declaration, comments and processing instructions. Looks at the first 64 KiB only.
fn xml_root(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let mut i = 0;
    while i < head.len() {
        match head[i] {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'<' => {
                let rest = &head[i + 1..];
                if rest.starts_with(b"?") {
                    i += find(rest, b"?>")? + 3;
                } else if rest.starts_with(b"!--") {
                    i += find(rest, b"-->")? + 4;
                } else if rest.starts_with(b"!DOCTYPE") {
                    // Skip an internal subset (`[ <!ENTITY ...> ]`) as a whole so the root
                    // element after it is found (and the reader can refuse the DOCTYPE).
                    let close = find(rest, b">")?;
                    let end = match find(rest, b"[") {
                        Some(open) if open < close => {
                            let after = open + find(rest.get(open..)?, b"]")?;
                            after + find(rest.get(after..)?, b">")?
                        }
                        _ => close,
                    };
                    i += end + 2;
                } else if rest.starts_with(b"!") {
                    i += find(rest, b">")? + 2;
                } else {
                    let end = rest.iter().position(|&c| {
                        c == b' ' || c == b'>' || c == b'/' || c.is_ascii_whitespace()
                    })?;
                    let name = std::str::from_utf8(&rest[..end]).ok()?;
                    let local = name.rsplit(':').next().unwrap_or(name);
                    return Some(local.to_string());
                }
            }
            _ => return None,
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_content() {
        let mut fit = vec![14u8, 0x10, 0, 0, 0, 0, 0, 0];
        fit.extend_from_slice(b".FIT");
        assert_eq!(detect(&fit), Format::Fit);
        assert_eq!(detect(b"\x1f\x8b\x08\x00"), Format::Gzip);
        assert_eq!(detect(b"PK\x03\x04...."), Format::Zip);
        assert_eq!(
            detect(b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c --><gpx version=\"1.1\">"),
            Format::Gpx
        );
        assert_eq!(
            detect(b"  \n<?xml version=\"1.0\"?><TrainingCenterDatabase xmlns=\"x\">"),
            Format::Tcx
        );
        assert_eq!(detect(b"<x:gpx xmlns:x=\"y\">"), Format::Gpx);
        assert_eq!(
            detect(b"<?xml?><!DOCTYPE gpx [<!ENTITY a \"b\"> <!ENTITY c \"d\">]>\n<gpx>"),
            Format::Gpx
        );
        assert!(matches!(detect(b"hello"), Format::Unknown(_)));
        assert!(matches!(detect(b"<kml>"), Format::Unknown(_)));
    }
}
