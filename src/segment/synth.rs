//! Tiny synthetic activities with known truth, for tests and examples (not a simulator).

use crate::model::{Activity, Meta, SamplePoint, SourceFormat, Sport};

/// A small seeded PRNG (SplitMix64), enough for reproducible test noise.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// Next uniform value in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform value in `[-a, a]`.
    pub fn symmetric(&mut self, a: f64) -> f64 {
        (2.0 * self.next_f64() - 1.0) * a
    }
}

/// A 1 Hz running activity whose true speed at second `i` is `speeds[i]` (m/s). Distance
/// integrates the true speed; the recorded speed gets uniform noise of ±`noise_mps` from
/// `seed`, and the activity is marked as having recorded it (`speed_recorded`). Heart rate is
/// 150 bpm; cadence 170 spm, rising by 10 spm per m/s above 3 m/s (to at most 195 spm) as a
/// runner's does when speeding up; moving when true speed > 0.5 m/s.
pub fn run_with_noise(speeds: &[f64], noise_mps: f64, seed: u64) -> Activity {
    let mut act = Activity::new(Meta::new("synthetic", SourceFormat::Fit));
    act.meta.sport = Sport::Running;
    // The synthetic watch records speed (as cleaning would mark it).
    act.meta.speed_recorded = true;
    let mut rng = Rng::new(seed);
    let mut d = 0.0;
    for (i, &v) in speeds.iter().enumerate() {
        if i > 0 {
            d += v;
        }
        let noisy = if noise_mps > 0.0 {
            (v + rng.symmetric(noise_mps)).max(0.0)
        } else {
            v
        };
        act.samples.push(SamplePoint {
            time_s: i as f64,
            distance_m: d,
            speed_mps: noisy,
            hr_bpm: 150.0,
            cadence: (170.0 + 10.0 * (v - 3.0).max(0.0)).min(195.0),
            ..Default::default()
        });
        if let Some(m) = act.samples.moving.last_mut() {
            *m = v > 0.5;
        }
    }
    act
}

/// [`run_with_noise`] with noise ±0.3 m/s when `seed != 0`, none when `seed == 0`.
pub fn run_from_speeds(speeds: &[f64], seed: u64) -> Activity {
    run_with_noise(speeds, if seed == 0 { 0.0 } else { 0.3 }, seed)
}

/// A noiseless run at constant speed `v` for `secs` seconds (1 Hz, `secs + 1` samples).
pub fn constant_run(v: f64, secs: usize) -> Activity {
    run_from_speeds(&vec![v; secs + 1], 0)
}

/// Builder of a speed profile second by second.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// True speed per second (m/s).
    pub speeds: Vec<f64>,
}

impl Profile {
    /// Append `secs` seconds at speed `v`.
    pub fn hold(mut self, v: f64, secs: usize) -> Self {
        self.speeds.extend(std::iter::repeat_n(v, secs));
        self
    }

    /// Current length in seconds (the time the next block starts).
    pub fn now(&self) -> f64 {
        self.speeds.len() as f64
    }

    /// Append a block covering `metres` at speed `v` (rounded to whole seconds).
    pub fn cover(self, v: f64, metres: f64) -> Self {
        let secs = (metres / v).round() as usize;
        self.hold(v, secs)
    }
}
