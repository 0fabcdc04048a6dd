//! Shared XML helpers for the GPX and TCX readers (being written).
