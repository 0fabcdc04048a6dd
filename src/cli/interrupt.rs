//! Ctrl-C: the first SIGINT (or SIGTERM) sets a flag that the batch loops check, so lapwise
//! stops after the file in hand, removes its temporary files and exits with 130; a second one
//! exits at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Exit code after an interrupt (128 + SIGINT).
pub const EXIT_INTERRUPTED: i32 = 130;

/// The process-wide interrupt flag, with the handlers installed (once).
pub fn flag() -> Arc<AtomicBool> {
    static FLAG: std::sync::OnceLock<Arc<AtomicBool>> = std::sync::OnceLock::new();
    FLAG.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        install(&flag);
        flag
    })
    .clone()
}

/// Whether an interrupt arrived.
pub fn interrupted() -> bool {
    flag().load(Ordering::Relaxed)
}

#[cfg(unix)]
fn install(flag: &Arc<AtomicBool>) {
    use signal_hook::consts::{SIGINT, SIGTERM};
    for sig in [SIGINT, SIGTERM] {
        // Order matters: the conditional exit sees the flag before this signal sets it, so only
        // a second signal exits immediately.
        let _ =
            signal_hook::flag::register_conditional_shutdown(sig, EXIT_INTERRUPTED, flag.clone());
        let _ = signal_hook::flag::register(sig, flag.clone());
    }
}

#[cfg(not(unix))]
fn install(_flag: &Arc<AtomicBool>) {}
