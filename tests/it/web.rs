//! `lapwise serve` in-process: the router answered with tower's `oneshot`, no socket. Every
//! fixture uploads and renders; bad, hostile and oversized uploads get the right 4xx page; a
//! foreign Host or Origin is refused; the token guards a server listening beyond the loopback;
//! two uploads at once are both answered; the JSON download is byte-equal to `analyze --json`;
//! every file of LABELS.tsv renders and no corpus file gives a 5xx.

use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use lapwise::web::{self, AppState, Settings};
use tower::ServiceExt;

use super::bin::lapwise;
use super::common_corpus::corpus_dir;
use super::fixture_files::{activity_fixtures, fixtures};
use super::html_scan::external_refs;

const HOST: &str = "127.0.0.1:4000";

fn state_at(bound: &str, body_limit: usize) -> Arc<AppState> {
    web::state(
        bound.parse().expect("address"),
        Settings::default(),
        body_limit,
        false,
    )
}

fn state() -> Arc<AppState> {
    state_at(HOST, web::DEFAULT_BODY_LIMIT)
}

/// A multipart body with one part per (file name, bytes).
fn multipart(files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "lapwise-test-boundary-7f3a";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn post(files: &[(&str, &[u8])]) -> Request<Body> {
    let (ct, body) = multipart(files);
    Request::post("/upload")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("http://{HOST}"))
        .header(header::CONTENT_TYPE, ct)
        .body(Body::from(body))
        .expect("request")
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::HOST, HOST)
        .body(Body::empty())
        .expect("request")
}

/// Status, headers' location, and body text of a request.
async fn send(state: &Arc<AppState>, req: Request<Body>) -> (StatusCode, String, Vec<u8>) {
    let res = web::router(state.clone())
        .oneshot(req)
        .await
        .expect("router answers");
    let status = res.status();
    let location = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .expect("body");
    (status, location, body.to_vec())
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Upload files and follow redirects (a season's progress page until it is done); returns
/// the final status, URL and page.
async fn upload_and_follow(
    state: &Arc<AppState>,
    files: &[(&str, &[u8])],
) -> (StatusCode, String, String) {
    let (mut status, mut location, mut body) = send(state, post(files)).await;
    let mut url = "/upload".to_string();
    for _ in 0..600 {
        if status == StatusCode::SEE_OTHER {
            url = location.clone();
            (status, location, body) = send(state, get(&url)).await;
            continue;
        }
        if status == StatusCode::OK && text(&body).contains("http-equiv=\"refresh\"") {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            (status, location, body) = send(state, get(&url)).await;
            continue;
        }
        break;
    }
    (status, url, text(&body))
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("fixture readable")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fixture_uploads_and_renders() {
    let st = state();
    let (status, _, body) = send(&st, get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&body).contains("enctype=\"multipart/form-data\""));
    for path in activity_fixtures() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let (status, url, page) = upload_and_follow(&st, &[(&name, &read(&path))]).await;
        assert_eq!(status, StatusCode::OK, "{name}: {page}");
        assert!(
            url.contains("/r/0"),
            "{name} should land on its report: {url}"
        );
        assert!(page.contains("id=\"summary\""), "{name}");
        assert!(page.contains(&name), "{name}: the page names the file");
        assert!(page.contains("<svg"), "{name}: charts inline");
        // The other units, the downloads.
        let (s, _, metric) = send(&st, get(&format!("{url}?units=metric"))).await;
        assert_eq!(s, StatusCode::OK);
        assert!(text(&metric).contains(" km"), "{name}: metric report");
        for file in ["lapwise.json", "report.html", "overview.png"] {
            let (s, _, b) = send(&st, get(&format!("{url}/{file}"))).await;
            assert_eq!(s, StatusCode::OK, "{name}/{file}");
            assert!(!b.is_empty());
        }
        let (s, _, report) = send(&st, get(&format!("{url}/report.html"))).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(
            external_refs(&text(&report)),
            Vec::<String>::new(),
            "{name}"
        );
        let (s, _, _) = send(&st, get(&format!("{url}/nonsense.png"))).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_download_equals_analyze_json() {
    let st = state();
    for name in ["track-6x400.fit", "tempo.gpx", "mile-tt.tcx"] {
        let (status, url, _) =
            upload_and_follow(&st, &[(name, &read(&fixtures().join(name)))]).await;
        assert_eq!(status, StatusCode::OK);
        for (units, flag) in [("imperial", "imperial"), ("metric", "metric")] {
            let (s, _, json) = send(&st, get(&format!("{url}/lapwise.json?units={units}"))).await;
            assert_eq!(s, StatusCode::OK);
            let out = lapwise()
                .current_dir(fixtures())
                .args(["analyze", "--json", "--units", flag, name])
                .output()
                .expect("binary runs");
            assert_eq!(text(&json), text(&out.stdout), "{name} {units}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_and_hostile_uploads_get_4xx_and_the_server_keeps_serving() {
    let st = state();
    // Not an activity: 422 with the one-line error naming the file.
    let (s, _, b) = send(&st, post(&[("junk.fit", b"not a fit file at all")])).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(&b).contains("junk.fit: not a FIT, GPX or TCX file"));
    // Nothing chosen.
    let (s, _, _) = send(&st, post(&[])).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // Hostile names are escaped and stay names.
    let hostile = "<img src=x onerror=alert(1)>'&.gpx";
    let gpx = read(&fixtures().join("easy.gpx"));
    let (s, _, page) = upload_and_follow(&st, &[(hostile, &gpx)]).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!page.contains("<img src=x"), "the name is made safe");
    // `< >` are replaced in the name (they are not allowed in file names everywhere); what
    // stays, `'` and `&`, is escaped.
    assert!(page.contains("_img src=x onerror=alert(1)_"), "{page}");
    let at = page.find("onerror=alert(1)_").unwrap_or(0);
    let around = &page[at..(at + 40).min(page.len())];
    assert!(
        around.contains("&#39;") && around.contains("&#38;"),
        "{around}"
    );
    let (s, _, page) = upload_and_follow(&st, &[("../../../etc/passwd.gpx", &gpx)]).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("passwd.gpx") && !page.contains("../"));
    // A gzip bomb: refused by lapwise's limits as a 4xx page.
    let bomb = {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..400 {
            enc.write_all(&zeros).unwrap();
        }
        enc.finish().unwrap()
    };
    let (s, _, b) = send(&st, post(&[("bomb.fit.gz", &bomb)])).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{}", text(&b));
    // Deeply nested XML.
    let deep = format!(
        "<?xml version=\"1.0\"?><gpx>{}{}</gpx>",
        "<a>".repeat(10_000),
        "</a>".repeat(10_000)
    );
    let (s, _, b) = send(&st, post(&[("deep.gpx", deep.as_bytes())])).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{}", text(&b));
    // A season of one good and one bad file shows both.
    let (s, _, page) = upload_and_follow(&st, &[("easy.gpx", &gpx), ("junk.tcx", b"<nope")]).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("junk.tcx:"), "the failure is listed");
    // Still serving.
    let (s, _, _) = send(&st, get("/")).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _, _) = send(&st, get("/j/nonexistent/r/0")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_bodies_get_413() {
    let st = state();
    let big = vec![b'x'; 70 * 1024 * 1024];
    let (s, _, b) = send(&st, post(&[("big.fit", &big)])).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{}", text(&b));
    // A smaller limit, the same answer.
    let small = state_at(HOST, 1024 * 1024);
    let (s, _, _) = send(&small, post(&[("big.fit", &big[..2 * 1024 * 1024])])).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    let (s, _, _) = send(&st, get("/")).await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn foreign_host_and_origin_are_refused() {
    let st = state();
    for host in [
        "evil.example:4000",
        "127.0.0.1:4001",
        "localhost",
        "10.0.0.1:4000",
    ] {
        let req = Request::get("/")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap();
        let (s, _, _) = send(&st, req).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "Host {host}");
    }
    let req = Request::get("/")
        .header(header::HOST, "localhost:4000")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&st, req).await.0, StatusCode::OK);
    let gpx = read(&fixtures().join("easy.gpx"));
    for origin in ["http://evil.example", "null", "https://127.0.0.1:4000"] {
        let (ct, body) = multipart(&[("easy.gpx", &gpx)]);
        let req = Request::post("/upload")
            .header(header::HOST, HOST)
            .header(header::ORIGIN, origin)
            .header(header::CONTENT_TYPE, ct)
            .body(Body::from(body))
            .unwrap();
        let (s, _, _) = send(&st, req).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "Origin {origin}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_beyond_the_loopback_needs_its_token() {
    let st = state_at("0.0.0.0:4000", web::DEFAULT_BODY_LIMIT);
    let token = st.access.token.clone().expect("a token off the loopback");
    let host = "192.168.1.20:4000";
    let ask = |uri: String, cookie: Option<String>| {
        let mut r = Request::get(uri).header(header::HOST, host);
        if let Some(c) = cookie {
            r = r.header(header::COOKIE, c);
        }
        r.body(Body::empty()).unwrap()
    };
    let res = web::router(st.clone())
        .oneshot(ask("/".into(), None))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = web::router(st.clone())
        .oneshot(ask(format!("/?token={token}"), None))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .expect("the token becomes a cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let res = web::router(st.clone())
        .oneshot(ask("/".into(), Some(cookie)))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = web::router(st.clone())
        .oneshot(ask("/?token=wrong".into(), None))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // A domain name is refused even with the token (DNS rebinding).
    let req = Request::get(format!("/?token={token}"))
        .header(header::HOST, "rebind.example:4000")
        .body(Body::empty())
        .unwrap();
    let res = web::router(st.clone()).oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_uploads_at_once_are_both_answered() {
    let st = state();
    let a = read(&fixtures().join("track-6x400.fit"));
    let b = read(&fixtures().join("tempo.tcx"));
    let (ra, rb) = tokio::join!(
        send(&st, post(&[("track-6x400.fit", &a)])),
        send(&st, post(&[("tempo.tcx", &b)]))
    );
    assert_eq!(ra.0, StatusCode::SEE_OTHER);
    assert_eq!(rb.0, StatusCode::SEE_OTHER);
    assert_ne!(ra.1, rb.1, "two jobs");
    let (pa, pb) = tokio::join!(send(&st, get(&ra.1)), send(&st, get(&rb.1)));
    assert!(text(&pa.2).contains("track-6x400.fit"));
    assert!(text(&pb.2).contains("tempo.tcx"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_files_make_a_season_whose_runs_link_to_reports() {
    let st = state();
    let files: Vec<(String, Vec<u8>)> = ["easy.fit", "tempo.fit", "mile-tt.fit", "strides.fit"]
        .iter()
        .map(|n| (n.to_string(), read(&fixtures().join(n))))
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let (s, url, page) = upload_and_follow(&st, &refs).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    assert!(page.contains("id=\"season\""));
    assert!(page.contains("id=\"weeks\""), "weekly table");
    let links: Vec<&str> = page
        .split("href=\"")
        .skip(1)
        .filter_map(|p| p.split('"').next())
        .filter(|h| h.starts_with(&format!("{url}/r/")))
        .collect();
    assert!(!links.is_empty(), "runs link to their reports");
    for l in links {
        let (s, _, b) = send(&st, get(&l.replace("&amp;", "&"))).await;
        assert_eq!(s, StatusCode::OK, "{l}");
        assert!(text(&b).contains("id=\"summary\""));
        assert!(text(&b).contains("Back to the season"));
    }
}

/// Every labelled corpus file renders (200); every other corpus file gives 200 or a 4xx page,
/// never a 5xx.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn corpus_files_render_or_get_a_4xx() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let labels = std::fs::read_to_string(dir.join("LABELS.tsv")).expect("labels");
    let labelled: std::collections::HashSet<String> = labels
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next().map(str::to_string))
        .collect();
    let st = state();
    let mut checked = 0;
    for sub in ["fit", "gpx", "tcx"] {
        for path in super::common_corpus::files(&dir, sub) {
            let rel = format!("{sub}/{}", path.file_name().unwrap().to_string_lossy());
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let (status, _, page) = upload_and_follow(&st, &[(&name, &read(&path))]).await;
            if labelled.contains(&rel) {
                assert_eq!(status, StatusCode::OK, "{rel}: {page}");
                if page.contains("id=\"reports\"") {
                    // A file with several activities lists them; each renders.
                    let links: Vec<&str> = page
                        .split("href=\"")
                        .skip(1)
                        .filter_map(|p| p.split('"').next())
                        .filter(|h| h.contains("/r/"))
                        .collect();
                    assert!(links.len() > 1, "{rel}");
                    assert!(page.contains(" · "), "{rel}: each activity has its line");
                    for l in links {
                        let (s, _, b) = send(&st, get(l)).await;
                        assert_eq!(s, StatusCode::OK, "{rel} {l}");
                        assert!(text(&b).contains("id=\"summary\""), "{rel} {l}");
                        // Another unit is analysed again from the upload (not cached).
                        let base = l.split('?').next().unwrap_or(l);
                        let (s, _, b) = send(&st, get(&format!("{base}?units=metric"))).await;
                        assert!(text(&b).contains(" km"), "{rel} {l} in km");
                        assert_eq!(s, StatusCode::OK, "{rel} {l} in km");
                    }
                } else {
                    assert!(page.contains("id=\"summary\""), "{rel}");
                }
            } else {
                assert!(
                    status == StatusCode::OK || status.is_client_error(),
                    "{rel}: {status}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= labelled.len());
    eprintln!(
        "serve: {checked} corpus files uploaded, {} labelled",
        labelled.len()
    );
}

/// A bulk-export zip is a season; its members' reports open from it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_zip_upload_is_a_season_with_member_reports() {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        for name in ["easy.fit", "strides.tcx", "mile-tt.fit"] {
            zip.start_file(format!("activities/{name}"), opts).unwrap();
            zip.write_all(&read(&fixtures().join(name))).unwrap();
        }
        zip.finish().unwrap();
    }
    let st = state();
    let (s, url, page) = upload_and_follow(&st, &[("export.zip", buf.get_ref())]).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    assert!(page.contains("id=\"season\""));
    for n in 0..3 {
        let (s, _, b) = send(&st, get(&format!("{url}/r/{n}"))).await;
        assert_eq!(s, StatusCode::OK);
        let b = text(&b);
        assert!(b.contains("id=\"summary\""));
        assert!(
            ["easy.fit", "strides.tcx", "mile-tt.fit"]
                .iter()
                .any(|m| b.contains(&format!("<h1 id=\"title\">{m}</h1>"))),
            "a member's report"
        );
    }
}

/// Odd addresses get pages, not bare errors: a report number that is not a number, a repeated
/// `units`, `GET /upload`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn odd_addresses_get_pages() {
    let st = state();
    let (_, url, _) =
        upload_and_follow(&st, &[("easy.gpx", &read(&fixtures().join("easy.gpx")))]).await;
    let job = url.trim_end_matches("/r/0").to_string();
    let (s, _, b) = send(&st, get(&format!("{job}/r/abc"))).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(text(&b).contains("<h1>Not found</h1>"));
    let (s, _, b) = send(&st, get(&format!("{url}?units=metric&units=imperial"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(text(&b).contains(" km"), "the first units given");
    let (s, location, _) = send(&st, get("/upload")).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(location, "/");
}
