//! Who may use the server: the `Host` allow-list (against DNS rebinding), the `Origin` check on
//! posts (against cross-site forms), and the access token required when listening beyond this
//! machine. Plain functions over header values; the router applies them to every request.

use std::net::{IpAddr, SocketAddr};

/// The cookie that carries the access token after the first visit with `?token=`.
pub const TOKEN_COOKIE: &str = "lapwise_token";

/// Who may talk to the server.
#[derive(Debug, Clone)]
pub struct Access {
    /// The bound address (its port is part of every allowed `Host`).
    pub bound: SocketAddr,
    /// The token the URL (or the cookie) must carry; `None` on the loopback address.
    pub token: Option<String>,
}

/// Why a request is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The `Host` header is not the bound address and port.
    Host,
    /// A post came from another site.
    Origin,
    /// The access token is missing or wrong.
    Token,
}

impl Refusal {
    /// One line for the refusal page.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::Host => {
                "this server only answers requests addressed to the address it listens on"
            }
            Refusal::Origin => "this server only accepts uploads from its own page",
            Refusal::Token => {
                "this address needs the access token: open the URL that `lapwise serve` printed"
            }
        }
    }
}

/// Split `host[:port]` (with `[v6]` brackets) into host and port.
fn host_and_port(value: &str) -> Option<(&str, Option<u16>)> {
    if let Some(rest) = value.strip_prefix('[') {
        let (h, after) = rest.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p.parse().ok()?),
            None if after.is_empty() => None,
            None => return None,
        };
        return Some((h, port));
    }
    match value.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') => Some((h, Some(p.parse().ok()?))),
        Some(_) => None,
        None => Some((value, None)),
    }
}

impl Access {
    /// Whether a `Host` header value names this server: the bound port, and the bound IP (or,
    /// on the loopback, `localhost`; when bound to every interface, any IP literal, never a
    /// domain name, which is what DNS rebinding needs).
    pub fn host_allowed(&self, host: &str) -> bool {
        let Some((name, port)) = host_and_port(host.trim()) else {
            return false;
        };
        // Browsers leave the default port out of `Host`.
        if port.unwrap_or(80) != self.bound.port() {
            return false;
        }
        let bound = self.bound.ip();
        if name.eq_ignore_ascii_case("localhost") {
            return bound.is_loopback() || bound.is_unspecified();
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => {
                ip == bound || bound.is_unspecified() || (bound.is_loopback() && ip.is_loopback())
            }
            Err(_) => false,
        }
    }

    /// Whether an `Origin` header (absent for non-browser clients) matches the `Host` the
    /// request was sent to.
    pub fn origin_allowed(&self, origin: Option<&str>, host: &str) -> bool {
        match origin {
            None => true,
            Some(o) => o.strip_prefix("http://").is_some_and(|h| h == host.trim()),
        }
    }

    /// Whether the request carries the token (in the query or the cookie header); always true
    /// when no token is required.
    pub fn token_ok(&self, query: Option<&str>, cookies: Option<&str>) -> bool {
        let Some(token) = &self.token else {
            return true;
        };
        let given = query_token(query).or_else(|| cookie_token(cookies));
        given.is_some_and(|g| same(g.as_bytes(), token.as_bytes()))
    }
}

/// The `token` parameter of a query string.
pub fn query_token(query: Option<&str>) -> Option<&str> {
    query?.split('&').find_map(|kv| kv.strip_prefix("token="))
}

fn cookie_token(cookies: Option<&str>) -> Option<&str> {
    cookies?
        .split(';')
        .find_map(|c| c.trim().strip_prefix(TOKEN_COOKIE)?.strip_prefix('='))
}

/// Compare without stopping at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A random token of 32 hex digits (128 bits from the operating system's generator where there
/// is one).
pub fn random_token() -> String {
    let mut bytes = [0u8; 16];
    let filled = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut bytes))
        .is_ok();
    if !filled {
        use std::hash::{BuildHasher, Hasher};
        for (i, chunk) in bytes.chunks_mut(8).enumerate() {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_usize(i);
            h.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos()),
            );
            chunk.copy_from_slice(&h.finish().to_le_bytes());
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> Access {
        Access {
            bound: "127.0.0.1:8080".parse().unwrap(),
            token: None,
        }
    }

    #[test]
    fn hosts() {
        let a = loopback();
        assert!(a.host_allowed("127.0.0.1:8080"));
        assert!(a.host_allowed("localhost:8080"));
        assert!(!a.host_allowed("127.0.0.1:8081"));
        assert!(!a.host_allowed("127.0.0.1"));
        let on_80 = Access {
            bound: "127.0.0.1:80".parse().unwrap(),
            token: None,
        };
        assert!(on_80.host_allowed("localhost") && on_80.host_allowed("127.0.0.1:80"));
        assert!(!a.host_allowed("evil.example:8080"));
        assert!(!a.host_allowed("192.168.1.5:8080"));
        let any = Access {
            bound: "0.0.0.0:8080".parse().unwrap(),
            token: Some("t".into()),
        };
        assert!(any.host_allowed("192.168.1.5:8080"));
        assert!(any.host_allowed("localhost:8080"));
        assert!(!any.host_allowed("rebind.example:8080"));
        let v6 = Access {
            bound: "[::1]:9000".parse().unwrap(),
            token: None,
        };
        assert!(v6.host_allowed("[::1]:9000"));
        assert!(!v6.host_allowed("[::1]"));
    }

    #[test]
    fn origins_and_tokens() {
        let a = loopback();
        assert!(a.origin_allowed(None, "127.0.0.1:8080"));
        assert!(a.origin_allowed(Some("http://127.0.0.1:8080"), "127.0.0.1:8080"));
        assert!(!a.origin_allowed(Some("http://evil.example"), "127.0.0.1:8080"));
        assert!(!a.origin_allowed(Some("null"), "127.0.0.1:8080"));
        assert!(a.token_ok(None, None));
        let t = Access {
            token: Some("abc".into()),
            ..a
        };
        assert!(!t.token_ok(None, None));
        assert!(t.token_ok(Some("units=metric&token=abc"), None));
        assert!(t.token_ok(None, Some("x=1; lapwise_token=abc")));
        assert!(!t.token_ok(Some("token=abd"), None));
        assert_eq!(random_token().len(), 32);
        assert_ne!(random_token(), random_token());
    }
}
