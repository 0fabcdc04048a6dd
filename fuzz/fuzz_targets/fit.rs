//! Arbitrary bytes through the FIT reader, then the whole per-run pipeline on what it returns.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(acts) = lapwise::ingest::fit::read(data, "fuzz.fit") {
        lapwise_fuzz_support::analyse_all(acts);
    }
});
