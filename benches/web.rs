//! The upload page's end-to-end cost: `cargo bench --bench web`. One request posts a simulated
//! 1-hour FIT run (multipart, as the page's form sends it) to the in-process router, and the
//! redirect it answers is followed to the rendered report (summary, tables, four inline SVG
//! charts). The target (median under 300 ms on the 2-core machine) is in docs/performance.md.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, header};
use divan::Bencher;
use lapwise::simulate::{OutputFormat, SimOptions, encode, simulate};
use lapwise::web::{self, AppState, Settings};
use tower::ServiceExt;

fn main() {
    divan::main();
}

const HOST: &str = "127.0.0.1:4000";

fn one_hour_fit() -> Vec<u8> {
    let sim = simulate(
        "2mi wu; 8 x 800m @ 5k rest 2:00 jog; 4 x 20s strides; 2mi cd",
        &SimOptions::default(),
    )
    .expect("plan");
    encode(&sim, OutputFormat::Fit)
}

fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "lapwise-bench-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload_to_page(state: &Arc<AppState>, ct: &str, body: Vec<u8>) -> usize {
    let req = Request::post("/upload")
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, ct)
        .body(Body::from(body))
        .expect("request");
    let res = web::router(state.clone())
        .oneshot(req)
        .await
        .expect("answer");
    let location = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .expect("a redirect to the report")
        .to_string();
    let req = Request::get(location)
        .header(header::HOST, HOST)
        .body(Body::empty())
        .expect("request");
    let res = web::router(state.clone())
        .oneshot(req)
        .await
        .expect("answer");
    assert!(res.status().is_success());
    axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .expect("page")
        .len()
}

#[divan::bench(sample_count = 30)]
fn upload_1h_fit_to_rendered_report(bencher: Bencher) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let state = web::state(
        HOST.parse().expect("address"),
        Settings::default(),
        web::DEFAULT_BODY_LIMIT,
        false,
    );
    let (ct, body) = multipart("run.fit", &one_hour_fit());
    bencher.bench(|| rt.block_on(upload_to_page(&state, &ct, body.clone())));
}
