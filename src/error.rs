//! The library's one error type.

use std::fmt;

/// Everything that can go wrong reading or analysing an activity file. Messages are short and
/// name the problem; the caller adds the file name.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes are not FIT, GPX, TCX, gzip or zip.
    #[error("not a FIT, GPX or TCX file{0}")]
    UnknownFormat(Hint),
    /// The file is empty.
    #[error("empty file")]
    Empty,
    /// The FIT header is invalid.
    #[error("not a FIT file: {0}")]
    BadFitHeader(String),
    /// The data ended in the middle of a message, and nothing usable came before it.
    #[error("truncated at byte {at}")]
    Truncated {
        /// Byte offset where decoding stopped.
        at: usize,
    },
    /// The FIT decoder failed before any activity data was found.
    #[error("FIT decode error at byte {at}: {message}")]
    FitDecode {
        /// Byte offset (approximate) of the failure.
        at: usize,
        /// The decoder's message.
        message: String,
    },
    /// The XML is not well-formed or not what the format requires.
    #[error("XML error at byte {at}: {message}")]
    Xml {
        /// Byte offset of the failure.
        at: u64,
        /// What was wrong.
        message: String,
    },
    /// The file is a valid container but holds no activity (a course, workout or settings file).
    #[error("not an activity: {0}")]
    NotActivity(String),
    /// The activity has no track points / records.
    #[error("no track points")]
    NoTrackPoints,
    /// The activity has points but none carry a timestamp.
    #[error("no timestamps")]
    NoTimestamps,
    /// A resource limit was hit (file size, decompressed size or ratio, archive members, XML
    /// depth, samples); names the limit and the flag that raises it.
    #[error("{what} is over the limit of {limit} (raise it with {flag})")]
    Limit {
        /// What went over the limit, with its size when known.
        what: String,
        /// The limit, formatted.
        limit: String,
        /// The command-line flag that changes the limit.
        flag: &'static str,
    },
    /// A gzip or zip archive could not be read.
    #[error("archive: {0}")]
    Archive(String),
    /// A decoder or analysis step panicked; the panic was contained to this input.
    #[error("internal error: {0} (please report)")]
    Panic(String),
    /// The run was interrupted (Ctrl-C).
    #[error("interrupted")]
    Cancelled,
    /// A simulator workout plan could not be understood.
    #[error("invalid workout plan: {0}")]
    Plan(String),
    /// A chart could not be drawn or written.
    #[error("chart: {0}")]
    Chart(String),
    /// A report page could not be rendered.
    #[error("report: {0}")]
    Report(String),
    /// Reading the file failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Optional extra words for [`Error::UnknownFormat`] (e.g. what the first bytes look like).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hint(pub Option<String>);

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(h) => write!(f, " ({h})"),
            None => Ok(()),
        }
    }
}

/// Short name of an error's kind, stable for scripts (`unknown_format`, `truncated`, ...).
impl Error {
    /// A stable snake_case name for the kind of error.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::UnknownFormat(_) => "unknown_format",
            Error::Empty => "empty",
            Error::BadFitHeader(_) => "bad_fit_header",
            Error::Truncated { .. } => "truncated",
            Error::FitDecode { .. } => "fit_decode",
            Error::Xml { .. } => "xml",
            Error::NotActivity(_) => "not_activity",
            Error::NoTrackPoints => "no_track_points",
            Error::NoTimestamps => "no_timestamps",
            Error::Limit { .. } => "limit",
            Error::Archive(_) => "archive",
            Error::Panic(_) => "panic",
            Error::Cancelled => "cancelled",
            Error::Plan(_) => "plan",
            Error::Chart(_) => "chart",
            Error::Report(_) => "report",
            Error::Io(_) => "io",
        }
    }
}

/// Result with the library's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
