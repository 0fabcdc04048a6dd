//! The `lapwise` binary as the tests run it: with no athlete profile from the machine (no
//! `LAPWISE_PROFILE`, an empty config folder), so no test output depends on whose machine runs it.

use std::path::PathBuf;
use std::process::Command;

/// An empty config folder under the target directory.
fn empty_config() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("empty-config");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// The binary, isolated from the machine's profile.
pub fn lapwise() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_lapwise"));
    c.env_remove("LAPWISE_PROFILE")
        .env("XDG_CONFIG_HOME", empty_config())
        .env("HOME", empty_config());
    c
}
