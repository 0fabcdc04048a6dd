//! The server's own pages (upload, progress, messages) and the chrome of every served page.

use askama::Template;

use crate::report::html::{IndexEntry, IndexPage, Page, render_template};

/// The policy of a served page: its own inline style and the drop-zone script, forms only to
/// itself, images only from itself or inline, nothing else.
pub const CSP_SERVED: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Chrome of a served page titled `title`.
pub fn served(title: impl Into<String>) -> Page {
    Page {
        title: title.into(),
        csp: CSP_SERVED,
        refresh_s: 0,
        home: Some("/".to_string()),
        upload_link: true,
    }
}

/// The upload page.
#[derive(Template)]
#[template(path = "upload.html")]
pub struct UploadPage {
    /// The chrome.
    pub page: Page,
    /// The upload limit, in words (`64 MiB`).
    pub max_upload: String,
    /// The default units, in words.
    pub units: &'static str,
}

/// A season being built.
#[derive(Template)]
#[template(path = "progress.html")]
pub struct ProgressPage {
    /// The chrome (refreshing).
    pub page: Page,
    /// Files read.
    pub done: usize,
    /// Files found.
    pub found: usize,
}

/// A heading and one-line messages (errors, refusals).
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    /// The chrome.
    pub page: Page,
    /// What happened.
    pub heading: String,
    /// One line each.
    pub lines: Vec<String>,
}

/// A message page as HTML.
pub fn message(heading: &str, lines: Vec<String>) -> String {
    render_template(&MessagePage {
        page: served(heading),
        heading: heading.to_string(),
        lines,
    })
    .unwrap_or_else(|e| format!("<!DOCTYPE html><title>lapwise</title><p>{e}</p>"))
}

/// The list of a file's activities (a file with more than one).
pub fn activity_list(entries: &[IndexEntry]) -> crate::Result<String> {
    render_template(&IndexPage {
        page: served("lapwise — activities"),
        entries,
        failures: &[],
    })
}
