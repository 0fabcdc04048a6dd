//! `lapwise serve`: a local web page to drop watch files on and read their reports, the season
//! of several files, and downloads (JSON, PNG charts, the self-contained HTML report). axum on
//! tokio; analysis runs on blocking threads so uploads do not wait for each other. Routes,
//! limits and the access token: docs/web.md.
//!
//! [`access`] decides who may talk to the server, [`jobs`] holds uploads and their analyses,
//! [`pages`] renders the server's own pages, [`routes`] wires them together.

pub mod access;
pub mod jobs;
pub mod pages;
pub mod routes;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

pub use access::Access;
pub use jobs::Settings;
pub use routes::{AppState, DEFAULT_BODY_LIMIT, router};

/// The state of a server bound at `bound`: a token is required unless it is the loopback.
pub fn state(bound: SocketAddr, settings: Settings, body_limit: usize, log: bool) -> Arc<AppState> {
    let token = (!bound.ip().is_loopback()).then(access::random_token);
    Arc::new(AppState {
        access: Access { bound, token },
        settings,
        body_limit,
        jobs: jobs::Jobs::default(),
        log,
    })
}

/// Serve `state` on `listener` until `shutdown` resolves (connections in flight finish).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
