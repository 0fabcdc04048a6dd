//! The one place where panics are contained: a per-file step that panics becomes an
//! [`Error::Panic`] naming the stage, so one bad file never stops a batch and never unwinds into
//! the caller. (The CLI's `main` keeps a last-resort catch of its own.)

use crate::{Error, Result};

/// Run `f`, turning a panic into `Error::Panic("while {stage}: {message}")`.
pub fn guard<T>(stage: &str, f: impl FnOnce() -> T) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        Error::Panic(format!(
            "while {stage}: {}",
            panic_message(payload.as_ref())
        ))
    })
}

/// The text of a panic payload (`&str` or `String`), or `panic`.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_naming_the_stage() {
        std::panic::set_hook(Box::new(|_| {}));
        let r: Result<u8> = guard("reading", || panic!("boom"));
        let _ = std::panic::take_hook();
        match r {
            Err(e) => {
                assert_eq!(e.kind(), "panic");
                assert!(e.to_string().contains("while reading: boom"), "{e}");
            }
            Ok(_) => panic!("not contained"),
        }
        assert_eq!(guard("x", || 3).ok(), Some(3));
    }
}
