//! What the watch records from the true motion: GPS positions with correlated noise and
//! corner-cutting smoothing, dropouts and a speed spike, barometric altitude, rounded heart
//! rate and cadence, timer pauses, optional smart recording, and device laps.

use super::laps;
use super::motion::{Phase, TrueTrack};
use super::plan::{LapMode, Venue};
pub use super::recording::{GpsFaults, Recording};
use super::rng::{Ar1, SimRng};
use super::route::Route;
use crate::model::Sport;

/// GPS error (correlated error and jitter) on a trail, as a multiple of the open-sky figures
/// of [`DeviceConfig`]: tree cover and valleys roughly double it.
pub const TRAIL_GPS_NOISE_FACTOR: f64 = 2.0;

/// Tunable parameters of the device model, with their defaults.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct DeviceConfig {
    /// Standard deviation of the correlated GPS error per axis (m); default 2.5.
    pub gps_sigma_m: f64,
    /// Correlation time of the GPS error (s); default 30.
    pub gps_tau_s: f64,
    /// White GPS jitter per axis (m); default 0.4.
    pub gps_jitter_m: f64,
    /// Half-width of the device's centred position smoother (samples); default 2 (5-point).
    pub smooth_half_width: usize,
    /// Probability that a run has GPS dropouts; default 0.3.
    pub dropout_prob: f64,
    /// Dropout length range (s); default 8–25.
    pub dropout_len_s: (f64, f64),
    /// Probability that a run has one position/speed spike; default 0.3.
    pub spike_prob: f64,
    /// Spike displacement range (m); default 20–40.
    pub spike_m: (f64, f64),
    /// Barometric altitude drift (m, correlated over [`DeviceConfig::baro_tau_s`]); default 1.0.
    pub baro_sigma_m: f64,
    /// Barometric drift correlation time (s); default 180.
    pub baro_tau_s: f64,
    /// Barometric calibration offset standard deviation (m); default 4.
    pub baro_offset_sd_m: f64,
    /// Treadmill accelerometer distance calibration error range (fraction); default ±3 %.
    pub treadmill_cal: f64,
    /// Speed below which the device adds no GPS distance (m/s); default 0.3.
    pub still_speed_mps: f64,
    /// Longest gap between samples with smart recording (s); default 7.
    pub smart_max_gap_s: u32,
    /// Probability that a run has GPS lags ([`super::recording::GpsFaults::lags`]); default 0
    /// (off: the suites' figures stay comparable; `tests/it/gps_lags.rs` turns them on).
    pub lag_prob: f64,
    /// Lags per run when it has them; default 2–4.
    pub lags_per_run: (u64, u64),
    /// Lag length range (s); default 8–20.
    pub lag_len_s: (f64, f64),
    /// How fast the lagging fixes advance, as a fraction of the true pace; default 0.2–0.5.
    pub lag_rate: (f64, f64),
    /// How fast they catch up afterwards, × the true pace; default 1.3–2.5 (a receiver's filter
    /// spreads the catch-up over several fixes).
    pub catch_up_rate: (f64, f64),
    /// Turn off all noise, dropouts and spikes (exact positions).
    pub clean: bool,
}

impl Default for DeviceConfig {
    fn default() -> Self {
        DeviceConfig {
            gps_sigma_m: 2.5,
            gps_tau_s: 30.0,
            gps_jitter_m: 0.4,
            smooth_half_width: 2,
            dropout_prob: 0.3,
            dropout_len_s: (8.0, 25.0),
            spike_prob: 0.3,
            spike_m: (20.0, 40.0),
            baro_sigma_m: 1.0,
            baro_tau_s: 180.0,
            baro_offset_sd_m: 4.0,
            treadmill_cal: 0.03,
            still_speed_mps: 0.3,
            smart_max_gap_s: 7,
            lag_prob: 0.0,
            lags_per_run: (2, 4),
            lag_len_s: (8.0, 20.0),
            lag_rate: (0.2, 0.5),
            catch_up_rate: (1.3, 2.5),
            clean: false,
        }
    }
}

/// Everything the device model needs besides the true track.
pub struct DeviceInput<'a> {
    /// The route (positions, terrain).
    pub route: &'a Route,
    /// Phases of the motion (for manual laps).
    pub phases: &'a [Phase],
    /// Sport.
    pub sport: Sport,
    /// Lap mode.
    pub laps: LapMode,
    /// Smart recording.
    pub smart: bool,
    /// Range of the manual lap-press delay after a boundary (s).
    pub lap_delay_s: (f64, f64),
    /// Device parameters.
    pub config: DeviceConfig,
}

/// Record the true track as a watch would.
pub fn record(tt: &TrueTrack, input: &DeviceInput, rng: &mut SimRng) -> Recording {
    let cfg = input.config;
    let route = input.route;
    let n = tt.t.len();
    let gps = route.has_gps();
    let noisy = !cfg.clean;
    // raw GPS = truth + AR(1) + jitter; then the device's centred smoother
    let mut raw = Vec::with_capacity(n);
    // tree cover on trails: the same error model, scaled up
    let gps_scale = if route.venue == Venue::Trail {
        TRAIL_GPS_NOISE_FACTOR
    } else {
        1.0
    };
    let mut ex = Ar1::new(gps_scale * cfg.gps_sigma_m, cfg.gps_tau_s, 1.0, rng);
    let mut ey = Ar1::new(gps_scale * cfg.gps_sigma_m, cfg.gps_tau_s, 1.0, rng);
    let jitter = gps_scale * cfg.gps_jitter_m;
    for &p in &tt.path {
        let (x, y) = route.local(p);
        let (nx, ny) = if noisy && gps {
            (
                ex.step(rng) + jitter * rng.normal(),
                ey.step(rng) + jitter * rng.normal(),
            )
        } else {
            (0.0, 0.0)
        };
        raw.push((x + nx, y + ny));
    }
    let smooth = centred_mean(&raw, if noisy { cfg.smooth_half_width } else { 0 });
    let mut faults = if noisy && gps {
        draw_faults(tt, &cfg, rng)
    } else {
        GpsFaults::default()
    };
    // Lags come from a stream of their own, so that turning them on changes nothing else.
    let lag_rates = if noisy && gps {
        draw_lags(tt, &cfg, &faults, &mut rng.fork(LAG_STREAM))
    } else {
        Vec::new()
    };
    // The truth holds each lag with its catch-up: from its start to when the fixes are on time.
    faults.lags = lag_rates
        .iter()
        .map(|&(a, b, r, c)| (a, b + (b - a) * (1.0 - r) / (c - 1.0).max(0.1)))
        .collect();
    let mut baro = Ar1::new(cfg.baro_sigma_m, cfg.baro_tau_s, 1.0, rng);
    let baro_offset = if noisy {
        cfg.baro_offset_sd_m * rng.normal()
    } else {
        0.0
    };
    let cal = if noisy {
        1.0 + rng.range(-cfg.treadmill_cal, cfg.treadmill_cal)
    } else {
        1.0
    };
    let mut spd_noise = Ar1::new(0.05, 3.0, 1.0, rng);

    let mut rec = Recording {
        sport: input.sport,
        sub_sport: sub_sport(input.sport, route.venue),
        time_s: Vec::with_capacity(n),
        lat: Vec::with_capacity(n),
        lon: Vec::with_capacity(n),
        altitude: Vec::with_capacity(n),
        distance: Vec::with_capacity(n),
        speed: Vec::with_capacity(n),
        hr: Vec::with_capacity(n),
        cadence: Vec::with_capacity(n),
        pauses: Vec::new(),
        laps: Vec::new(),
        faults,
    };
    let mut dev_d = 0.0f64;
    let mut last_fix: Option<(f64, f64)> = None;
    let mut prev_t = 0.0f64;
    let mut paused_at: Option<u32> = None;
    #[allow(clippy::needless_range_loop)]
    for i in 0..n {
        let t = tt.t[i];
        let sn = if noisy { spd_noise.step(rng) } else { 0.0 };
        let alt_noise = if noisy { baro.step(rng) } else { 0.0 };
        if !tt.timer[i] {
            paused_at.get_or_insert(t as u32);
            last_fix = None;
            continue;
        }
        if let Some(stop) = paused_at.take() {
            rec.pauses.push((stop, t as u32));
            prev_t = t;
        }
        let dt = (t - prev_t).max(0.0);
        prev_t = t;
        let v_true = tt.speed[i];
        let mut v_dev = if v_true < 0.2 {
            0.0
        } else {
            (v_true + sn).max(0.0)
        };
        let in_dropout = rec.faults.dropouts.iter().any(|(a, b)| t >= *a && t < *b);
        // In a lag the fix is the position of an earlier sample, advancing at the lag's rate;
        // after it the fixes catch up at `c` × the true pace until they are on time again.
        let lagged = lag_rates
            .iter()
            .filter(|(a, _, _, _)| t >= *a)
            .map(|&(a, b, r, c)| {
                let ia = tt.t.partition_point(|&x| x < a) as f64;
                let behind_at_end = ia + (b - a) * r;
                let k = if t < b {
                    ia + (t - a) * r
                } else {
                    behind_at_end + (t - b) * c
                };
                (k as usize).min(i)
            })
            .min()
            .unwrap_or(i);
        let mut pos = if gps && !in_dropout {
            Some(smooth[lagged.min(i)])
        } else {
            None
        };
        if let Some(&(_, off)) = rec.faults.spikes.iter().find(|(ts, _)| *ts == t)
            && let Some((x, y)) = pos
        {
            let ang = rng.range(0.0, std::f64::consts::TAU);
            pos = Some((x + off * ang.cos(), y + off * ang.sin()));
            v_dev += off / dt.max(1.0);
        }
        if !gps {
            dev_d = match route.venue {
                Venue::Pool => (tt.dist[i] / 25.0).floor() * 25.0,
                _ => tt.dist[i] * cal,
            };
        } else {
            match (pos, last_fix) {
                (Some(p), Some(q))
                    if v_dev > cfg.still_speed_mps || v_true > cfg.still_speed_mps =>
                {
                    dev_d += ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt();
                }
                (None, _) => {
                    dev_d += v_dev * dt;
                    // The distance of a dropout comes from speed: the first fix after it
                    // starts the path afresh (the straight line back to the fix before the
                    // dropout would count the same metres twice).
                    last_fix = None;
                }
                _ => {}
            }
            if pos.is_some() {
                last_fix = pos;
            }
        }
        let (lat, lon) = match pos {
            Some((x, y)) => route.to_lat_lon(x, y),
            None => (f64::NAN, f64::NAN),
        };
        rec.time_s.push(t as u32);
        rec.lat.push(lat);
        rec.lon.push(lon);
        rec.altitude.push(match route.venue {
            Venue::Pool => f64::NAN,
            _ => ((route.altitude(tt.path[i]) + alt_noise + baro_offset) * 5.0).round() / 5.0,
        });
        rec.distance.push((dev_d * 100.0).round() / 100.0);
        rec.speed.push((v_dev * 1000.0).round() / 1000.0);
        rec.hr.push(match route.venue {
            Venue::Pool => f64::NAN,
            _ => tt.hr[i].round().clamp(40.0, 220.0),
        });
        let cad = tt.cadence[i];
        rec.cadence.push(match route.venue {
            Venue::Pool => f64::NAN,
            _ if input.sport == Sport::Cycling => cad.round().max(0.0),
            _ => (cad.max(0.0) * 64.0).round() / 64.0,
        });
    }
    if input.smart {
        thin_smart(&mut rec, cfg.smart_max_gap_s, rng);
    }
    rec.laps = laps::device_laps(&rec, tt, input.phases, input.laps, input.lap_delay_s, rng);
    rec
}

fn sub_sport(sport: Sport, venue: Venue) -> &'static str {
    match (sport, venue) {
        (Sport::Cycling, _) => "road",
        (Sport::Swimming, _) => "lap_swimming",
        (_, Venue::Track) => "track",
        (_, Venue::Treadmill) => "treadmill",
        (_, Venue::Trail) => "trail",
        _ => "generic",
    }
}

fn centred_mean(raw: &[(f64, f64)], half: usize) -> Vec<(f64, f64)> {
    if half == 0 {
        return raw.to_vec();
    }
    (0..raw.len())
        .map(|i| {
            let a = i.saturating_sub(half);
            let b = (i + half + 1).min(raw.len());
            let k = (b - a) as f64;
            let (sx, sy) = raw[a..b]
                .iter()
                .fold((0.0, 0.0), |acc, p| (acc.0 + p.0, acc.1 + p.1));
            (sx / k, sy / k)
        })
        .collect()
}

fn draw_faults(tt: &TrueTrack, cfg: &DeviceConfig, rng: &mut SimRng) -> GpsFaults {
    let mut f = GpsFaults::default();
    let end = tt.t.last().copied().unwrap_or(0.0);
    if end < 240.0 {
        return f;
    }
    if rng.chance(cfg.dropout_prob) {
        for _ in 0..(1 + rng.below(2)) {
            let a = rng.range(60.0, end - 60.0).floor();
            let len = rng.range(cfg.dropout_len_s.0, cfg.dropout_len_s.1).round();
            f.dropouts.push((a, a + len));
        }
    }
    if rng.chance(cfg.spike_prob) {
        let mut ts = rng.range(60.0, end - 60.0).floor();
        while f
            .dropouts
            .iter()
            .any(|(a, b)| ts >= *a - 3.0 && ts < *b + 3.0)
        {
            ts += 30.0;
        }
        f.spikes
            .push((ts, rng.range(cfg.spike_m.0, cfg.spike_m.1).round()));
    }
    f
}

/// The random stream of the GPS lags ([`SimRng::fork`]).
const LAG_STREAM: u64 = 0x1a65;

/// GPS lags (start_s, end_s, rate, catch-up rate): with probability `cfg.lag_prob`,
/// `cfg.lags_per_run` of them, each `cfg.lag_len_s` long, clear of the dropouts and spikes,
/// advancing at `cfg.lag_rate` of the true pace, then catching up at `cfg.catch_up_rate` × it.
fn draw_lags(
    tt: &TrueTrack,
    cfg: &DeviceConfig,
    f: &GpsFaults,
    rng: &mut SimRng,
) -> Vec<(f64, f64, f64, f64)> {
    let end = tt.t.last().copied().unwrap_or(0.0);
    if end < 240.0 || !rng.chance(cfg.lag_prob) {
        return Vec::new();
    }
    let (lo, hi) = cfg.lags_per_run;
    let count = lo + rng.below(hi.saturating_sub(lo) + 1);
    let mut out: Vec<(f64, f64, f64, f64)> = Vec::new();
    for _ in 0..count {
        let a = rng.range(60.0, end - 90.0).floor();
        let b = a + rng.range(cfg.lag_len_s.0, cfg.lag_len_s.1).round();
        let r = rng.range(cfg.lag_rate.0, cfg.lag_rate.1);
        let c = rng.range(cfg.catch_up_rate.0, cfg.catch_up_rate.1);
        // Clear of the other faults by the lag and its catch-up.
        let caught = b + (b - a) * (1.0 - r) / (c - 1.0).max(0.1);
        let clear = |x: f64, y: f64| caught + 10.0 < x || a > y + 10.0;
        if f.dropouts.iter().all(|&(x, y)| clear(x, y))
            && f.spikes.iter().all(|&(x, _)| clear(x, x))
            && out.iter().all(|&(x, y, _, _)| clear(x, y))
        {
            out.push((a, b, r, c));
        }
    }
    out.sort_by(|x, y| x.0.total_cmp(&y.0));
    out
}

/// Smart recording: keep a sample when speed, heart rate or cadence changed noticeably, or
/// after a randomly drawn gap of at most `max_gap` seconds; always keep the first and last,
/// and samples around pauses.
fn thin_smart(rec: &mut Recording, max_gap: u32, rng: &mut SimRng) {
    let n = rec.len();
    let mut keep = vec![false; n];
    let mut last = 0usize;
    let mut gap = 1 + rng.below(max_gap as u64) as u32;
    #[allow(clippy::needless_range_loop)]
    for i in 0..n {
        let edge = i == 0
            || i + 1 == n
            || rec
                .pauses
                .iter()
                .any(|(a, b)| rec.time_s[i] + 1 >= *a && rec.time_s[i] <= *b);
        let changed = (rec.speed[i] - rec.speed[last]).abs() > 0.4
            || (rec.hr[i] - rec.hr[last]).abs() >= 4.0
            || (rec.cadence[i] - rec.cadence[last]).abs() >= 6.0;
        if edge || changed || rec.time_s[i] - rec.time_s[last] >= gap {
            keep[i] = true;
            last = i;
            gap = 1 + rng.below(max_gap as u64) as u32;
        }
    }
    let mut k = keep.iter();
    let filt = |v: &mut Vec<f64>| {
        let mut it = keep.iter();
        v.retain(|_| *it.next().unwrap_or(&true));
    };
    filt(&mut rec.lat);
    filt(&mut rec.lon);
    filt(&mut rec.altitude);
    filt(&mut rec.distance);
    filt(&mut rec.speed);
    filt(&mut rec.hr);
    filt(&mut rec.cadence);
    rec.time_s.retain(|_| *k.next().unwrap_or(&true));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::{SimOptions, simulate};

    /// Root-mean-square distance (m) between recorded and true positions.
    fn gps_rms(plan: &str, venue: Venue) -> f64 {
        let opts = SimOptions {
            seed: 11,
            ..SimOptions::default()
        };
        let sim = simulate(plan, &opts).unwrap();
        let route = Route::new(venue, &mut SimRng::new(opts.seed).fork(2));
        let rec = &sim.recording;
        let (mut sum, mut n) = (0.0, 0.0);
        for (i, &t) in rec.time_s.iter().enumerate() {
            if !rec.lat[i].is_finite() || rec.faults.spikes.iter().any(|s| s.0 == f64::from(t)) {
                continue;
            }
            let k = sim.track.t.iter().position(|x| *x == f64::from(t)).unwrap();
            let (tx, ty) = route.local(sim.track.path[k]);
            let (lat, lon) = route.to_lat_lon(tx, ty);
            let dy = (rec.lat[i] - lat).to_radians() * super::super::route::EARTH_RADIUS_M;
            let dx = (rec.lon[i] - lon).to_radians()
                * super::super::route::EARTH_RADIUS_M
                * lat.to_radians().cos();
            sum += dx * dx + dy * dy;
            n += 1.0;
        }
        (sum / n).sqrt()
    }

    #[test]
    fn trail_gps_is_noisier_and_recorded_as_trail() {
        let road = gps_rms("road; 30min easy", Venue::Road);
        let trail = gps_rms("trail; 30min easy", Venue::Trail);
        assert!(road > 1.0 && road < 6.0, "road {road:.2} m");
        assert!(
            trail > 1.6 * road && trail < 2.4 * road,
            "trail {trail:.2} m, road {road:.2} m"
        );
        assert_eq!(sub_sport(Sport::Running, Venue::Trail), "trail");
    }
}
