//! The routes (docs/web.md has the table), the checks every request passes, and one log line
//! per request.
//!
//! | route | what |
//! |---|---|
//! | `GET /` | the upload page |
//! | `POST /upload` | multipart `files`: one file → its report, several or a zip → the season |
//! | `GET /j/{job}` | progress, then the season (or the list of a file's activities) |
//! | `GET /j/{job}/r/{n}` | report `n` (`?units=imperial|metric`) |
//! | `GET /j/{job}/r/{n}/lapwise.json` | the document of `analyze --json` |
//! | `GET /j/{job}/r/{n}/report.html` | the self-contained report, as a download |
//! | `GET /j/{job}/r/{n}/{chart}.png` | one chart as PNG |

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, Path, RawQuery, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::access::{Access, TOKEN_COOKIE, query_token};
use super::jobs::{Job, Jobs, Outcome, Settings, Upload, safe_upload_name, unique_names};
use super::pages::{self, ProgressPage, UploadPage, served};
use crate::ingest::limits::format_size;
use crate::pipeline::Failure;
use crate::report::html::{
    IndexEntry, Links, ReportPage, render_template, report_file, report_view,
};
use crate::report::{Units, charts, json};

/// Largest request body by default (64 MiB): a season's bulk export fits, a runaway upload
/// does not. lapwise's own input limits apply to every file inside it as well.
pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024 * 1024;

/// Everything the handlers share.
#[derive(Debug)]
pub struct AppState {
    /// Who may talk to the server.
    pub access: Access,
    /// How uploads are analysed.
    pub settings: Settings,
    /// Largest request body (bytes).
    pub body_limit: usize,
    /// The uploads and their analyses.
    pub jobs: Jobs,
    /// Print one line per request on stderr.
    pub log: bool,
}

/// The router with every route, the access checks, the body limit and the log line.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(upload_page))
        .route("/upload", post(upload).get(|| async { Redirect::to("/") }))
        .route("/j/{job}", get(job_page))
        .route("/j/{job}/r/{n}", get(report_page))
        .route("/j/{job}/r/{n}/{file}", get(report_file_route))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(state.body_limit))
        .layer(middleware::from_fn_with_state(state.clone(), checks))
        .with_state(state)
}

/// A page with `status`.
fn page(status: StatusCode, html: String) -> Response {
    (status, Html(html)).into_response()
}

/// A message page with `status`, a heading and one-line messages.
fn message(status: StatusCode, heading: &str, lines: Vec<String>) -> Response {
    page(status, pages::message(heading, lines))
}

/// The 500 page of an error that should not happen (a template or a join failure).
fn internal(e: impl std::fmt::Display) -> Response {
    message(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Error",
        vec![e.to_string()],
    )
}

/// A rendered page (200) or the 500 page of its error.
fn rendered(html: crate::Result<String>) -> Response {
    match html {
        Ok(h) => page(StatusCode::OK, h),
        Err(e) => internal(e),
    }
}

/// Host, Origin and token checks, the security headers, the token cookie and the log line.
async fn checks(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let (host, origin, cookies, query) = {
        let header_str = |name: header::HeaderName| {
            req.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        (
            header_str(header::HOST).unwrap_or_default(),
            header_str(header::ORIGIN),
            header_str(header::COOKIE),
            req.uri().query().map(str::to_string),
        )
    };
    let access = &state.access;
    let refusal = if !access.host_allowed(&host) {
        Some(super::access::Refusal::Host)
    } else if method != Method::GET
        && method != Method::HEAD
        && !access.origin_allowed(origin.as_deref(), &host)
    {
        Some(super::access::Refusal::Origin)
    } else if !access.token_ok(query.as_deref(), cookies.as_deref()) {
        Some(super::access::Refusal::Token)
    } else {
        None
    };
    let mut response = match refusal {
        Some(r) => message(
            StatusCode::FORBIDDEN,
            "Refused",
            vec![r.message().to_string()],
        ),
        None => next.run(req).await,
    };
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if refusal.is_none()
        && access.token.is_some()
        && let Some(t) = query_token(query.as_deref())
        && let Ok(v) = HeaderValue::from_str(&format!(
            "{TOKEN_COOKIE}={t}; Path=/; HttpOnly; SameSite=Strict"
        ))
    {
        headers.insert(header::SET_COOKIE, v);
    }
    if state.log {
        eprintln!(
            "{method} {path} {} {:.0} ms",
            response.status().as_u16(),
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    response
}

async fn not_found() -> Response {
    message(
        StatusCode::NOT_FOUND,
        "Not found",
        vec![
            "no such page (reports are kept while the server runs, for the newest uploads)"
                .to_string(),
        ],
    )
}

async fn upload_page(State(state): State<Arc<AppState>>) -> Response {
    let mut chrome = served("lapwise — analyse a run");
    chrome.upload_link = false;
    let html = render_template(&UploadPage {
        page: chrome,
        max_upload: format_size(state.body_limit as u64),
        units: match state.settings.units {
            Units::Imperial => "miles",
            Units::Metric => "kilometres",
        },
    });
    rendered(html)
}

/// Whether an upload is an archive (a zip holds many activities).
fn is_archive(u: &Upload) -> bool {
    u.bytes.starts_with(b"PK\x03\x04") || u.name.to_ascii_lowercase().ends_with(".zip")
}

/// Read the multipart body's files (field name ignored; every part with a file name counts).
async fn read_files(mut form: Multipart) -> Result<Vec<Upload>, Response> {
    let mut uploads = Vec::new();
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(multipart_error(e.status(), &e.body_text())),
        };
        let Some(name) = field.file_name().map(safe_upload_name) else {
            continue;
        };
        let bytes = match field.bytes().await {
            Ok(b) => b,
            Err(e) => return Err(multipart_error(e.status(), &e.body_text())),
        };
        if bytes.is_empty() && name == "upload" {
            continue; // the empty part a form sends when no file was chosen
        }
        uploads.push(Upload {
            name,
            bytes: Arc::new(bytes.to_vec()),
        });
    }
    Ok(uploads)
}

fn multipart_error(status: StatusCode, text: &str) -> Response {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return message(
            status,
            "Upload too large",
            vec!["the upload is larger than this server accepts (see --max-upload)".to_string()],
        );
    }
    message(
        if status.is_client_error() {
            status
        } else {
            StatusCode::BAD_REQUEST
        },
        "Upload not read",
        vec![text.to_string()],
    )
}

/// The one-line errors of failures.
fn failure_lines(failures: &[Failure]) -> Vec<String> {
    failures
        .iter()
        .map(|f| format!("{}: {}", f.source, f.message))
        .collect()
}

async fn upload(
    State(state): State<Arc<AppState>>,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let form = match form {
        Ok(f) => f,
        Err(e) => return multipart_error(e.status(), &e.body_text()),
    };
    let mut uploads = match read_files(form).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    if uploads.is_empty() {
        return message(
            StatusCode::BAD_REQUEST,
            "No file",
            vec!["choose or drop a FIT, GPX or TCX file (or a .zip of them)".to_string()],
        );
    }
    unique_names(&mut uploads);
    let season = uploads.len() > 1 || uploads.iter().any(is_archive);
    let job = Arc::new(Job::new(uploads));
    state.jobs.add(job.clone());
    let url = format!("/j/{}", job.id);
    if season {
        let (job, st) = (job.clone(), state.clone());
        tokio::task::spawn_blocking(move || {
            crate::guard::guard("building the season", || job.run_season(&st.settings))
                .unwrap_or_else(|e| {
                    let _ = job
                        .outcome
                        .set(Outcome::Failed(vec![Failure::new("upload", &e)]));
                });
        });
        return Redirect::to(&url).into_response();
    }
    let (j, st) = (job.clone(), state.clone());
    let ran = tokio::task::spawn_blocking(move || {
        crate::guard::guard("analysing", || j.run_one(&st.settings))
    })
    .await;
    if !matches!(ran, Ok(Ok(()))) {
        let line = format!("{}: could not be analysed", job.uploads[0].name);
        let _ = job.outcome.set(Outcome::Failed(vec![Failure {
            source: job.uploads[0].name.clone(),
            kind: "panic",
            message: line.clone(),
        }]));
        return message(StatusCode::UNPROCESSABLE_ENTITY, "Not analysed", vec![line]);
    }
    match job.outcome.get() {
        Some(Outcome::Runs(sources)) if sources.len() == 1 => {
            Redirect::to(&format!("{url}/r/0")).into_response()
        }
        Some(Outcome::Failed(f)) => message(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Not analysed",
            failure_lines(f),
        ),
        _ => Redirect::to(&url).into_response(),
    }
}

/// The units a page asks for (`?units=metric|imperial`, also `km`/`mi`; the first one given),
/// else `default`. Read from the raw query so a repeated or unknown parameter is never an error.
fn units_of(query: Option<&str>, default: Units) -> Units {
    let asked = query.and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("units=")));
    match asked {
        Some("metric") | Some("km") => Units::Metric,
        Some("imperial") | Some("mi") => Units::Imperial,
        _ => default,
    }
}

fn units_word(units: Units) -> &'static str {
    match units {
        Units::Imperial => "imperial",
        Units::Metric => "metric",
    }
}

fn no_job() -> Response {
    message(
        StatusCode::NOT_FOUND,
        "Not found",
        vec!["no such upload (the server keeps the newest uploads while it runs)".to_string()],
    )
}

async fn job_page(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let Some(job) = state.jobs.get(&id) else {
        return no_job();
    };
    let units = units_of(q.as_deref(), state.settings.units);
    let Some(outcome) = job.outcome.get() else {
        let mut chrome = served("lapwise — analysing");
        chrome.refresh_s = 1;
        let html = render_template(&ProgressPage {
            page: chrome,
            done: job.done.load(Ordering::Relaxed),
            found: job.found.load(Ordering::Relaxed).max(1),
        });
        return rendered(html);
    };
    let html = match outcome {
        Outcome::Failed(f) => {
            return message(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Not analysed",
                failure_lines(f),
            );
        }
        Outcome::Runs(sources) => {
            let entries: Vec<IndexEntry> = sources
                .iter()
                .enumerate()
                .map(|(i, s)| IndexEntry {
                    href: format!("/j/{id}/r/{i}?units={}", units_word(units)),
                    title: s.clone(),
                    line: job
                        .cached(s, state.settings.units)
                        .map(|a| crate::report::html::index_line(&a, units))
                        .unwrap_or_default(),
                })
                .collect();
            pages::activity_list(&entries)
        }
        Outcome::Season(_) => {
            let j = job.clone();
            let rendered = tokio::task::spawn_blocking(move || {
                let Some(Outcome::Season(season)) = j.outcome.get() else {
                    return Err(crate::Error::Report("the season is gone".to_string()));
                };
                let id = &j.id;
                crate::season::html::season_page(
                    season,
                    units,
                    served("lapwise — season"),
                    &|i| Some(format!("/j/{id}/r/{i}?units={}", units_word(units))),
                )
            })
            .await;
            rendered.unwrap_or_else(|e| Err(crate::Error::Report(e.to_string())))
        }
    };
    rendered(html)
}

/// The job `id` and its report `n` analysed in `units` (off the request thread), or the page
/// saying why not.
async fn analysed_for(
    state: &Arc<AppState>,
    id: &str,
    n: usize,
    units: Units,
) -> Result<(Arc<Job>, Arc<crate::pipeline::Analysed>), Response> {
    let Some(job) = state.jobs.get(id) else {
        return Err(no_job());
    };
    let Some(source) = job.source(n) else {
        return Err(no_job());
    };
    let (j, st) = (job.clone(), state.clone());
    let done = tokio::task::spawn_blocking(move || {
        crate::guard::guard("analysing", || j.analysed(&source, units, &st.settings))
    })
    .await;
    match done {
        Ok(Ok(Ok(a))) => Ok((job, a)),
        Ok(Ok(Err(f))) => Err(message(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Not analysed",
            failure_lines(&[f]),
        )),
        Ok(Err(e)) => Err(message(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Not analysed",
            vec![e.to_string()],
        )),
        Err(e) => Err(internal(e)),
    }
}

async fn report_page(
    State(state): State<Arc<AppState>>,
    Path((id, n)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Response {
    let units = units_of(q.as_deref(), state.settings.units);
    let Ok(n) = n.parse::<usize>() else {
        return no_job();
    };
    let (job, a) = match analysed_for(&state, &id, n, units).await {
        Ok(found) => found,
        Err(r) => return r,
    };
    let base = format!("/j/{id}/r/{n}");
    let u = units_word(units);
    let season =
        matches!(job.outcome.get(), Some(Outcome::Season(_))).then(|| format!("/j/{id}?units={u}"));
    let html = tokio::task::spawn_blocking(move || {
        let pngs = charts::CHARTS
            .iter()
            .map(|(name, _)| (name.to_string(), format!("{base}/{name}.png?units={u}")))
            .collect();
        let links = Links {
            imperial: format!("{base}?units=imperial"),
            metric: format!("{base}?units=metric"),
            json: format!("{base}/lapwise.json?units={u}"),
            html: format!("{base}/report.html?units={u}"),
            pngs,
            season,
        };
        let mut view = report_view(&a, units, Some(links))?;
        if let Some(l) = view.links.as_mut() {
            let drawn: Vec<String> = view.charts.iter().map(|c| c.name.clone()).collect();
            l.pngs.retain(|(name, _)| drawn.contains(name));
        }
        render_template(&ReportPage {
            page: served(format!("{} — lapwise", view.title)),
            r: &view,
        })
    })
    .await;
    match html {
        Ok(Ok(h)) => page(StatusCode::OK, h),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e),
    }
}

/// A download: body, content type, and the file name offered.
fn download(body: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    let mut r = Response::new(Body::from(body));
    let headers = r.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

async fn report_file_route(
    State(state): State<Arc<AppState>>,
    Path((id, n, file)): Path<(String, String, String)>,
    RawQuery(q): RawQuery,
) -> Response {
    let units = units_of(q.as_deref(), state.settings.units);
    let Ok(n) = n.parse::<usize>() else {
        return no_job();
    };
    let (_, a) = match analysed_for(&state, &id, n, units).await {
        Ok(found) => found,
        Err(r) => return r,
    };
    let stem = charts::stem(&a.activity.meta.source);
    let made = tokio::task::spawn_blocking(move || -> crate::Result<Option<Response>> {
        Ok(match file.as_str() {
            "lapwise.json" => {
                let mut text = json::to_string(std::slice::from_ref(&*a), &[], units);
                text.push('\n');
                Some(download(
                    text.into_bytes(),
                    "application/json",
                    &format!("{stem}.json"),
                ))
            }
            "report.html" => Some(download(
                report_file(&a, units)?.into_bytes(),
                "text/html; charset=utf-8",
                &format!("{stem}.html"),
            )),
            other => match other.strip_suffix(".png") {
                Some(name) => charts::png_named(&a, units, name)?
                    .map(|png| download(png, "image/png", &format!("{stem}-{name}.png"))),
                None => None,
            },
        })
    })
    .await;
    match made {
        Ok(Ok(Some(r))) => r,
        Ok(Ok(None)) => not_found().await,
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e),
    }
}
