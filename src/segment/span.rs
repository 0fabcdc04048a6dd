//! A stretch of an activity, and the one overlap test every detector uses.

use serde::Serialize;

/// A stretch `[start_s, end_s]` of an activity, in elapsed seconds since its first sample.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Span {
    /// Start (s).
    pub start_s: f64,
    /// End (s).
    pub end_s: f64,
}

impl Span {
    /// The span from `start_s` to `end_s`.
    pub fn new(start_s: f64, end_s: f64) -> Span {
        Span { start_s, end_s }
    }

    /// Whether the two spans share any time (touching ends do not count).
    pub fn overlaps(self, other: Span) -> bool {
        self.start_s < other.end_s && other.start_s < self.end_s
    }
}

/// Anything found over a stretch of the run: a rep, a stride, a hill rep, a tempo block, a surge,
/// a segment (implemented beside `Segment`).
pub trait HasSpan {
    /// The stretch it covers.
    fn span(&self) -> Span;

    /// Whether it shares any time with `other`.
    fn overlaps(&self, other: &impl HasSpan) -> bool {
        self.span().overlaps(other.span())
    }
}

impl HasSpan for Span {
    fn span(&self) -> Span {
        *self
    }
}

/// `HasSpan` for types with `start_s` and `end_s` fields.
macro_rules! has_span {
    ($($t:ty),*) => {
        $(impl HasSpan for $t {
            fn span(&self) -> Span {
                Span::new(self.start_s, self.end_s)
            }
        })*
    };
}

has_span!(
    super::intervals::Rep,
    super::intervals::Recovery,
    super::strides::Stride,
    super::hills::HillRep,
    super::tempo::Tempo,
    super::fartlek::Surge
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_shared_time() {
        let a = Span::new(10.0, 20.0);
        assert!(a.overlaps(Span::new(19.0, 30.0)));
        assert!(
            !a.overlaps(Span::new(20.0, 30.0)),
            "touching is not overlapping"
        );
        assert!(a.overlaps(Span::new(12.0, 13.0)));
        assert!(!a.overlaps(Span::new(0.0, 10.0)));
    }
}
