//! Synthetic 1 Hz runs for the score and chart tests.
#![allow(dead_code)]

use lapwise::analysis::{Options, analyze};
use lapwise::model::{Activity, Meta, SamplePoint, SourceFormat, Sport};
use lapwise::report::Analysed;

/// Small deterministic noise source (SplitMix64) in [-a, a].
pub struct Noise(u64);

impl Noise {
    pub fn new(seed: u64) -> Self {
        Noise(seed)
    }
    pub fn sym(&mut self, a: f64) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        ((z >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0) * a
    }
}

/// A run whose true speed at second `i` is `speeds[i]`; distance integrates it exactly,
/// recorded speed carries ±`noise` m/s; cadence from `cadence(speed)`.
pub fn run(speeds: &[f64], noise: f64, seed: u64, cadence: impl Fn(f64) -> f64) -> Activity {
    let mut act = Activity::new(Meta::new("synthetic.fit", SourceFormat::Fit));
    act.meta.sport = Sport::Running;
    let mut n = Noise::new(seed);
    let mut d = 0.0;
    for (i, &v) in speeds.iter().enumerate() {
        if i > 0 {
            d += v;
        }
        act.samples.push(SamplePoint {
            time_s: i as f64,
            distance_m: d,
            speed_mps: (v + n.sym(noise)).max(0.0),
            hr_bpm: 140.0 + 10.0 * v,
            cadence: cadence(v) + n.sym(1.5),
            ..Default::default()
        });
        if let Some(m) = act.samples.moving.last_mut() {
            *m = v > 0.5;
        }
    }
    act
}

/// Speeds covering `metres` at `v` (1 Hz).
pub fn cover(out: &mut Vec<f64>, v: f64, metres: f64) {
    let secs = (metres / v).round() as usize;
    out.extend(std::iter::repeat_n(v, secs));
}

/// A typical cadence model: rises with speed (155 at 2.7 m/s, 185 at 5.5 m/s).
pub fn cadence_model(v: f64) -> f64 {
    if v < 0.5 { 0.0 } else { 126.0 + 10.7 * v }
}

/// Analyse with default options (mile splits).
pub fn analysed(act: Activity) -> Analysed {
    let mut opts = Options::default();
    opts.segment.splits.split_unit_m = 1609.344;
    let analysis = analyze(&act, &opts);
    Analysed::new(act, analysis)
}
