//! Arbitrary bytes through gzip and zip unwrapping (and whatever readers the members reach).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for loaded in lapwise::ingest::read_source(data, "fuzz.zip") {
        assert!(!loaded.source.is_empty());
    }
});
