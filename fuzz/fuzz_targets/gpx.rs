//! Arbitrary bytes through the GPX reader, then the per-run pipeline on what it returns.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(acts) = lapwise::ingest::gpx::read(data, "fuzz.gpx") {
        lapwise_fuzz_support::analyse_all(acts);
    }
});
