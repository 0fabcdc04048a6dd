//! `lapwise serve` as a user runs it: the binary prints its URL, answers over a real socket,
//! logs one line per request, and stops cleanly (exit 0) on Ctrl-C; with `--listen 0.0.0.0`
//! it warns and every URL needs the printed token.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::Duration;

use super::bin::lapwise;

/// Start `lapwise serve ARGS` and return the child with the URL it printed.
fn start(args: &[&str]) -> (Child, String) {
    let mut child = lapwise()
        .arg("serve")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("a line");
    let url = line
        .trim()
        .strip_prefix("lapwise serving on ")
        .unwrap_or_else(|| panic!("unexpected first line: {line}"))
        .to_string();
    (child, url)
}

/// A plain HTTP/1.1 GET of `path` at `host` (host:port); returns the status code.
fn status_of(host: &str, path: &str) -> u16 {
    let mut s = TcpStream::connect(host).expect("connects");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).expect("an answer");
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status in {answer}"))
}

/// Ctrl-C (SIGINT) the child and return its exit code and stderr.
fn interrupt(mut child: Child) -> (Option<i32>, String) {
    let pid = child.id().to_string();
    let _ = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status();
    let status = child.wait().expect("exits");
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    (status.code(), err)
}

#[cfg(unix)]
#[test]
fn serves_on_the_loopback_and_stops_on_ctrl_c() {
    let (child, url) = start(&[]);
    let host = url
        .strip_prefix("http://")
        .and_then(|u| u.strip_suffix('/'))
        .expect("http://127.0.0.1:PORT/")
        .to_string();
    assert!(host.starts_with("127.0.0.1:"), "{host}");
    assert_eq!(status_of(&host, "/"), 200);
    assert_eq!(status_of(&host, "/j/none"), 404);
    let (code, err) = interrupt(child);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("GET / 200"), "one log line per request: {err}");
    assert!(err.contains("stopping"));
}

#[cfg(unix)]
#[test]
fn listening_beyond_the_loopback_needs_the_token() {
    let (child, url) = start(&["--listen", "0.0.0.0", "--quiet"]);
    let (base, token) = url.split_once("/?token=").expect("a token in the URL");
    let host = base.strip_prefix("http://").unwrap().to_string();
    assert_eq!(token.len(), 32);
    assert_eq!(status_of(&host, "/"), 403);
    assert_eq!(status_of(&host, &format!("/?token={token}")), 200);
    let (code, err) = interrupt(child);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("warning: listening on 0.0.0.0"), "{err}");
}
