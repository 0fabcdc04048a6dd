//! Season mode (placeholder, filled in next).
