//! The self-contained rule of an HTML report: no URL in `src`, `href`, `action`, `srcset`,
//! `url()` or `@import` other than `data:` and `#` fragments (XML namespace URIs are not
//! references), and a Content-Security-Policy meta tag.

/// Every external reference in `html` (empty when the file stands alone), and a note when the
/// Content-Security-Policy meta tag is missing.
pub fn external_refs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let lower = html.to_ascii_lowercase();
    for attr in [
        " src=", " href=", " action=", " srcset=", " poster=", " data=",
    ] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(attr) {
            let start = from + i + attr.len();
            let rest = &html[start..];
            let value = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or_default(),
                _ => rest
                    .split(|c: char| c.is_whitespace() || c == '>')
                    .next()
                    .unwrap_or_default(),
            };
            let v = value.trim();
            if !(v.starts_with('#') || v.to_ascii_lowercase().starts_with("data:")) {
                out.push(format!("{}{value}", attr.trim()));
            }
            from = start;
        }
    }
    for func in ["url(", "@import"] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(func) {
            let start = from + i + func.len();
            let v = html[start..]
                .trim_start_matches([' ', '"', '\''])
                .to_ascii_lowercase();
            if !(v.starts_with('#') || v.starts_with("data:")) {
                out.push(format!(
                    "{func}{}",
                    &html[start..(start + 40).min(html.len())]
                ));
            }
            from = start;
        }
    }
    if !lower.contains("http-equiv=\"content-security-policy\"") {
        out.push("no Content-Security-Policy meta tag".to_string());
    }
    out
}

#[test]
fn the_scan_finds_references() {
    let csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">";
    assert!(external_refs(&format!("{csp}<a href=\"#x\">")).is_empty());
    assert!(external_refs(&format!("{csp}<img src=\"data:image/png;base64,AA\">")).is_empty());
    assert!(external_refs(&format!("{csp}<svg xmlns=\"http://www.w3.org/2000/svg\">")).is_empty());
    assert_eq!(
        external_refs(&format!("{csp}<a href=\"https://x\">")).len(),
        1
    );
    assert_eq!(external_refs(&format!("{csp}<img src=x.png>")).len(), 1);
    assert_eq!(
        external_refs(&format!("{csp}<style>a{{background:url(x.png)}}</style>")).len(),
        1
    );
    assert_eq!(
        external_refs(&format!("{csp}<style>@import 'a.css';</style>")).len(),
        1
    );
    assert_eq!(external_refs("<p>no policy</p>").len(), 1);
}
