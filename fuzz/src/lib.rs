//! Shared helpers for the fuzz targets: run the per-run pipeline on what a reader returned, and
//! build an arbitrary activity from raw bytes for the pipeline target.

use lapwise::analysis::analyze;
use lapwise::clean::{CleanConfig, clean};
use lapwise::model::{Activity, Lap, Meta, Pause, PauseSource, SamplePoint, SourceFormat, Sport};
use lapwise::report::{Analysed, Units, json, terminal};

/// Activities longer than this are read but not analysed by the reader targets, so one large
/// input does not slow the fuzzer down for minutes (the pipeline target covers analysis).
const MAX_ANALYSED_SAMPLES: usize = 20_000;

/// Clean, analyse and render every activity, as `lapwise analyze` would.
pub fn analyse_all(acts: Vec<Activity>) {
    for mut act in acts {
        lapwise::ingest::settle_sport_and_cadence(&mut act);
        if act.samples.len() <= MAX_ANALYSED_SAMPLES {
            analyse_one(act, Units::Imperial);
        }
    }
}

/// Clean, analyse and render one activity in the given units (terminal text and JSON).
pub fn analyse_one(mut act: Activity, units: Units) {
    clean(&mut act, &CleanConfig::default());
    let mut opts = lapwise::pipeline::options_for(units);
    opts.goal_mile_s = Some(330.0);
    let analysis = analyze(&act, &opts);
    let item = Analysed::new(act, analysis);
    let text = terminal::render(&item, units);
    let doc = json::to_string(std::slice::from_ref(&item), &[], units);
    assert!(!text.is_empty());
    assert!(!doc.is_empty());
}

/// Little cursor over the fuzzer's bytes; reads past the end give zeros.
struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl Bytes<'_> {
    fn u8(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }
    fn f32(&mut self) -> f64 {
        let b = [self.u8(), self.u8(), self.u8(), self.u8()];
        f32::from_le_bytes(b) as f64
    }
    fn left(&self) -> usize {
        self.data.len().saturating_sub(self.at)
    }
}

const SPORTS: [Sport; 8] = [
    Sport::Running,
    Sport::Cycling,
    Sport::Swimming,
    Sport::Walking,
    Sport::Hiking,
    Sport::Rowing,
    Sport::Multisport,
    Sport::Other,
];

/// An activity straight from bytes, before cleaning, with any values at all (NaN, infinities,
/// negatives, huge numbers, backwards time): byte 0 picks the sport, byte 1 the format and
/// units, byte 2 the number of laps (0–7) and byte 3 of timer pauses (0–3), each lap and pause
/// two f32; the rest is rows of eight f32 (time step, distance, speed, lat, lon, altitude, heart
/// rate, cadence). Half of the time the time step is made a plain 1 s so the rest of the
/// pipeline sees realistic runs too.
pub fn activity_from_bytes(data: &[u8]) -> (Activity, Units) {
    let mut b = Bytes { data, at: 0 };
    let sport = SPORTS[(b.u8() % 8) as usize];
    let flags = b.u8();
    let format = match flags % 3 {
        0 => SourceFormat::Fit,
        1 => SourceFormat::Gpx,
        _ => SourceFormat::Tcx,
    };
    let units = if flags & 0x04 == 0 {
        Units::Imperial
    } else {
        Units::Metric
    };
    let regular_time = flags & 0x08 != 0;
    let mut meta = Meta::new("fuzz", format);
    meta.sport = sport;
    meta.timer_events = flags & 0x10 != 0;
    let n_laps = (b.u8() % 8) as usize;
    let n_pauses = (b.u8() % 4) as usize;
    let mut act = Activity::new(meta);
    for _ in 0..n_laps {
        let (start_s, end_s) = (b.f32(), b.f32());
        act.laps.push(Lap {
            start_s,
            end_s,
            distance_m: Some(end_s - start_s),
            ..Default::default()
        });
    }
    for _ in 0..n_pauses {
        let (start_s, end_s) = (b.f32(), b.f32());
        act.pauses.push(Pause {
            start_s,
            end_s,
            source: PauseSource::Timer,
        });
    }
    let mut t = 0.0;
    while b.left() >= 32 {
        let step = b.f32();
        t = if regular_time { t + 1.0 } else { t + step };
        act.samples.push(SamplePoint {
            time_s: t,
            distance_m: b.f32(),
            speed_mps: b.f32(),
            lat_deg: b.f32(),
            lon_deg: b.f32(),
            altitude_m: b.f32(),
            hr_bpm: b.f32(),
            cadence: b.f32(),
            ..Default::default()
        });
    }
    (act, units)
}

/// The inverse of [`activity_from_bytes`] for a real activity (at most `max_rows` samples, laps
/// and pauses capped as that format allows), so the pipeline target starts from realistic runs.
pub fn encode_activity(act: &Activity, max_rows: usize) -> Vec<u8> {
    let sport = SPORTS
        .iter()
        .position(|s| *s == act.meta.sport)
        .unwrap_or(7) as u8;
    let format = match act.meta.format {
        SourceFormat::Fit => 0,
        SourceFormat::Gpx => 1,
        SourceFormat::Tcx => 2,
    };
    let flags = format | 0x08 | if act.meta.timer_events { 0x10 } else { 0 };
    let laps = &act.laps[..act.laps.len().min(7)];
    let pauses = &act.pauses[..act.pauses.len().min(3)];
    let mut out = vec![sport, flags, laps.len() as u8, pauses.len() as u8];
    let put = |x: f64, out: &mut Vec<u8>| out.extend_from_slice(&(x as f32).to_le_bytes());
    for l in laps {
        put(l.start_s, &mut out);
        put(l.end_s, &mut out);
    }
    for p in pauses {
        put(p.start_s, &mut out);
        put(p.end_s, &mut out);
    }
    let s = &act.samples;
    let mut prev = s.time_s.first().copied().unwrap_or(0.0);
    for i in 0..s.len().min(max_rows) {
        put(s.time_s[i] - prev, &mut out);
        prev = s.time_s[i];
        for col in [
            &s.distance_m,
            &s.speed_mps,
            &s.lat_deg,
            &s.lon_deg,
            &s.altitude_m,
            &s.hr_bpm,
            &s.cadence,
        ] {
            put(col[i], &mut out);
        }
    }
    out
}

/// When `LAPWISE_FUZZ_PIPELINE_SEEDS` names a folder, write one pipeline seed per activity of
/// every file in `LAPWISE_FUZZ_SEED_SOURCES` (a `:`-separated list of files and folders).
/// Called once from the pipeline target's init by `fuzz/run.sh`.
pub fn write_pipeline_seeds_from_env() {
    let Ok(dir) = std::env::var("LAPWISE_FUZZ_PIPELINE_SEEDS") else {
        return;
    };
    let sources = std::env::var("LAPWISE_FUZZ_SEED_SOURCES").unwrap_or_default();
    let dir = std::path::Path::new(&dir);
    let _ = std::fs::create_dir_all(dir);
    let mut n = 0usize;
    for src in sources.split(':').filter(|s| !s.is_empty()) {
        let path = std::path::Path::new(src);
        let files: Vec<std::path::PathBuf> = if path.is_dir() {
            std::fs::read_dir(path)
                .map(|rd| rd.flatten().map(|e| e.path()).collect())
                .unwrap_or_default()
        } else {
            vec![path.to_path_buf()]
        };
        for f in files {
            for loaded in lapwise::ingest::read_path(&f) {
                if let Ok(act) = loaded.result {
                    let bytes = encode_activity(&act, 4000);
                    let _ = std::fs::write(dir.join(format!("seed-{n:04}")), bytes);
                    n += 1;
                }
            }
        }
    }
    eprintln!("wrote {n} pipeline seeds to {}", dir.display());
}
