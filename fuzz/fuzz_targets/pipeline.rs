//! Arbitrary sample streams (NaN, zero, negative, huge values, single samples, all paused)
//! through cleaning, segmentation, scores and the terminal and JSON reports.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: lapwise_fuzz_support::write_pipeline_seeds_from_env(),
    |data: &[u8]| {
        let (act, units) = lapwise_fuzz_support::activity_from_bytes(data);
        lapwise_fuzz_support::analyse_one(act, units);
    }
);
