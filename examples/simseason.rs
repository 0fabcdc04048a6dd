//! Time a long season: `cargo run --example simseason -- WEEKS DIR`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let weeks: u32 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(52);
    let dir = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "/tmp/lapwise-season".into());
    let t0 = std::time::Instant::now();
    let opts = lapwise::simulate::season::SeasonOptions {
        start: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default(),
        weeks,
        seed: 3,
        formats: vec![lapwise::simulate::OutputFormat::Fit],
        tz_offset_s: 3600,
        cs: None,
    };
    match lapwise::simulate::season::simulate_season(&opts, std::path::Path::new(&dir)) {
        Ok(t) => println!("{} activities in {:.2?}", t.runs.len(), t0.elapsed()),
        Err(e) => eprintln!("{e}"),
    }
}
