//! Arbitrary bytes through the TCX reader, then the per-run pipeline on what it returns.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(acts) = lapwise::ingest::tcx::read(data, "fuzz.tcx") {
        lapwise_fuzz_support::analyse_all(acts);
    }
});
