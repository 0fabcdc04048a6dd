//! The one integration-test crate: a module per area (one binary to build and link instead of
//! one per file). Tests that read `../shared/corpus` skip with a printed notice when it is
//! absent (`common_corpus::corpus_dir`).

mod architecture;
mod bad_input;
mod bad_input_cli;
mod charts;
mod cli_analyze;
mod cli_season;
mod common_corpus;
mod corpus_cross_format;
mod corpus_fit;
mod corpus_gpx_tcx;
mod file_caps;
mod fit_damage;
mod fit_decoder_crosscheck;
mod fuzz_regressions;
mod headline_totals;
mod pick;
mod plausibility;
mod real_labels;
mod score_cadence;
mod score_intervals;
mod score_mile;
mod score_mile_laps;
mod score_pacing;
mod score_support;
mod season_broken;
mod season_corpus;
mod season_sim;
mod season_strava_zip;
mod segment_accuracy;
mod segment_best_efforts;
mod segment_corpus;
mod segment_intervals;
mod segment_real_patterns;
mod segment_robust;
mod segment_showcase;
mod segment_splits;
mod segment_workouts;
mod simulate_fit;
mod simulate_fixtures;
mod simulate_formats;
mod simulate_readback;
mod simulate_season;
mod tally;
