//! The HTML report of one activity (`analyze --html`, and the page `lapwise serve` shows): the
//! same content as the terminal summary plus the charts as inline SVG, in one file with its
//! style inside and a Content-Security-Policy that forbids loading anything, so it reads the
//! same when mailed to an athlete. Templates (askama, checked at compile time, escaping on)
//! live in `templates/`; the page chrome ([`Page`]) is shared with the season page and the
//! upload pages.

pub mod blocks;
pub mod view;

use askama::Template;

pub use view::{Links, ReportView, report_view};

use crate::report::{Analysed, Units};
use crate::{Error, Result};

/// The policy of a stand-alone file: nothing is loaded, nothing runs, no form is sent.
pub const CSP_FILE: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// The page chrome: title, policy, and for served pages the home link and self-refresh.
#[derive(Debug, Clone)]
pub struct Page {
    /// The `<title>`.
    pub title: String,
    /// The Content-Security-Policy meta tag's value.
    pub csp: &'static str,
    /// Reload the page after this many seconds (a job in progress); 0: never.
    pub refresh_s: u32,
    /// The upload page's address when served; `None` in a stand-alone file.
    pub home: Option<String>,
    /// Show the "Upload another file" link (served pages other than the upload page).
    pub upload_link: bool,
}

impl Page {
    /// Chrome of a stand-alone file.
    pub fn file(title: impl Into<String>) -> Page {
        Page {
            title: title.into(),
            csp: CSP_FILE,
            refresh_s: 0,
            home: None,
            upload_link: false,
        }
    }
}

/// The report page of one activity.
#[derive(Template)]
#[template(path = "report.html")]
pub struct ReportPage<'a> {
    /// The chrome.
    pub page: Page,
    /// The content.
    pub r: &'a ReportView,
}

/// Render a template, turning its error into [`Error::Report`].
pub fn render_template(t: &impl Template) -> Result<String> {
    t.render().map_err(|e| Error::Report(format!("HTML: {e}")))
}

/// The self-contained report of `item` in `units`: one HTML document, nothing outside it.
pub fn report_file(item: &Analysed, units: Units) -> Result<String> {
    let view = report_view(item, units, None)?;
    render_template(&ReportPage {
        page: Page::file(format!("{} — lapwise", view.title)),
        r: &view,
    })
}

/// One line of an index of reports: the link target (a sibling file), the title and a
/// summary line.
#[derive(Debug, Clone)]
pub struct IndexEntry {
    /// The report file, relative to the index.
    pub href: String,
    /// The activity's file name.
    pub title: String,
    /// Start, distance, workout type.
    pub line: String,
}

/// The index line of an activity: local start date, distance, workout type.
pub fn index_line(a: &Analysed, units: Units) -> String {
    let m = &a.activity.meta;
    let mut parts = Vec::new();
    if let Some(start) = m.start_utc {
        let local = start + chrono::TimeDelta::seconds(m.local_offset_s.unwrap_or(0) as i64);
        parts.push(local.format("%Y-%m-%d %H:%M").to_string());
    }
    if let Some(d) = a.analysis.summary.distance_m {
        parts.push(units.distance(d));
    }
    parts.push(
        a.analysis
            .segmentation
            .workout
            .kind
            .as_str()
            .replace('_', " "),
    );
    parts.join(" · ")
}

/// The index of several reports written together (`analyze --html DIR`).
#[derive(Template)]
#[template(path = "index.html")]
pub struct IndexPage<'a> {
    /// The chrome.
    pub page: Page,
    /// One entry per report.
    pub entries: &'a [IndexEntry],
    /// Inputs that failed, as one-line errors.
    pub failures: &'a [String],
}
