//! Where the athlete runs: a road loop with rolling terrain (optionally with a real hill) or a
//! 400 m track oval, as a function of the path coordinate `s` (metres along the route), plus
//! the conversion from local metres to latitude/longitude.

use super::plan::Venue;
use super::rng::SimRng;

/// Length of one straight of a standard 400 m track (m).
pub const TRACK_STRAIGHT_M: f64 = 84.39;
/// Radius of the kerb of a standard track (m).
pub const TRACK_KERB_RADIUS_M: f64 = 36.5;
/// Distance of lane 1's measure line from the kerb (m).
pub const TRACK_LANE1_OFFSET_M: f64 = 0.30;
/// Mean Earth radius (m) for the local-metres → degrees conversion.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;
/// Length of the climb of the hill on a hills loop (m).
pub const HILL_CLIMB_M: f64 = 400.0;
/// Height gained by that climb (m): 6.5 % on average, ~9.8 % at its steepest.
pub const HILL_RISE_M: f64 = 26.0;
/// Where hill repetitions start, measured from the foot of the climb (m): on the steep part.
pub const HILL_REP_START_M: f64 = 100.0;
/// Trail terrain: number of hill waves round the loop, their wavelength range (m) and height
/// range (m, half the climb of each wave): climbs of 10–24 m, grades up to ~10 %.
pub const TRAIL_WAVES: (usize, (f64, f64), (f64, f64)) = (3, (700.0, 2000.0), (5.0, 12.0));
/// Resolution of the road-loop table (m).
const TABLE_STEP_M: f64 = 1.0;

/// Places the simulator may put a route (lat, lon, altitude m), chosen by seed.
const ORIGINS: [(f64, f64, f64); 4] = [
    (52.3558, 4.9501, 2.0),
    (47.3920, 8.5140, 410.0),
    (40.7812, -73.9665, 30.0),
    (51.4545, -2.5879, 25.0),
];

/// A route: geometry in local metres (x east, y north) and terrain height along it.
#[derive(Debug, Clone)]
pub struct Route {
    /// Venue the route was built for.
    pub venue: Venue,
    /// Length of one loop (m).
    pub loop_m: f64,
    /// Latitude of the local origin (degrees).
    pub origin_lat: f64,
    /// Longitude of the local origin (degrees).
    pub origin_lon: f64,
    /// Base altitude (m).
    pub base_alt: f64,
    /// Rotation of the track oval (radians).
    rotation: f64,
    /// Road loop table: x, y, z every metre.
    xs: Vec<f64>,
    ys: Vec<f64>,
    zs: Vec<f64>,
    /// Where the hill's climb starts on a hills loop.
    hill_start_m: Option<f64>,
}

impl Route {
    /// Build the route for a venue from the seed's generator.
    pub fn new(venue: Venue, rng: &mut SimRng) -> Route {
        let (lat, lon, alt) = ORIGINS[rng.below(ORIGINS.len() as u64) as usize];
        let mut r = Route {
            venue,
            loop_m: 400.0,
            origin_lat: lat,
            origin_lon: lon,
            base_alt: alt,
            rotation: rng.range(0.0, std::f64::consts::PI),
            xs: Vec::new(),
            ys: Vec::new(),
            zs: Vec::new(),
            hill_start_m: None,
        };
        if matches!(venue, Venue::Road | Venue::Hills | Venue::Trail) {
            r.build_loop(rng);
        }
        r
    }

    fn build_loop(&mut self, rng: &mut SimRng) {
        let target = rng.range(4000.0, 7000.0);
        let harmonics: Vec<(f64, f64, f64)> = (2..=5)
            .map(|k| {
                (
                    k as f64,
                    rng.range(0.0, 0.09 / (k as f64 - 1.0)),
                    rng.range(0.0, 6.3),
                )
            })
            .collect();
        let n = 2048;
        let mut pts = Vec::with_capacity(n + 1);
        for i in 0..=n {
            let th = std::f64::consts::TAU * i as f64 / n as f64;
            let r: f64 = 1.0
                + harmonics
                    .iter()
                    .map(|(k, a, p)| a * (k * th + p).cos())
                    .sum::<f64>();
            pts.push((r * th.cos(), r * th.sin()));
        }
        let raw_len: f64 = pts.windows(2).map(|w| dist(w[0], w[1])).sum();
        let scale = target / raw_len;
        // resample uniformly in arc length
        let total = raw_len * scale;
        let count = (total / TABLE_STEP_M).floor() as usize;
        let (mut seg, mut acc) = (0usize, 0.0);
        for j in 0..count {
            let want = j as f64 * TABLE_STEP_M;
            while seg + 1 < pts.len() - 1 && acc + dist(pts[seg], pts[seg + 1]) * scale < want {
                acc += dist(pts[seg], pts[seg + 1]) * scale;
                seg += 1;
            }
            let l = dist(pts[seg], pts[seg + 1]) * scale;
            let f = if l > 0.0 {
                ((want - acc) / l).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let (a, b) = (pts[seg], pts[seg + 1]);
            self.xs.push((a.0 + (b.0 - a.0) * f) * scale);
            self.ys.push((a.1 + (b.1 - a.1) * f) * scale);
        }
        self.loop_m = count as f64 * TABLE_STEP_M;
        let waves: Vec<(f64, f64, f64)> = (1..=4)
            .map(|j| {
                (
                    j as f64,
                    rng.range(1.0, 7.0) / j as f64,
                    rng.range(0.0, 6.3),
                )
            })
            .collect();
        if self.venue == Venue::Hills {
            self.hill_start_m = Some(self.loop_m * 0.25);
        }
        // trail hills: whole numbers of waves round the loop, so it closes
        let trail: Vec<(f64, f64, f64)> = if self.venue == Venue::Trail {
            let (n, (l0, l1), (a0, a1)) = TRAIL_WAVES;
            (0..n)
                .map(|_| {
                    let k = (self.loop_m / rng.range(l0, l1)).round().max(1.0);
                    (k, rng.range(a0, a1), rng.range(0.0, 6.3))
                })
                .collect()
        } else {
            Vec::new()
        };
        for j in 0..count {
            let s = j as f64 * TABLE_STEP_M;
            let roll: f64 = waves
                .iter()
                .chain(&trail)
                .map(|(k, a, p)| a * (std::f64::consts::TAU * k * s / self.loop_m + p).sin())
                .sum();
            self.zs.push(self.base_alt + roll + self.hill_height(s));
        }
    }

    fn hill_height(&self, s: f64) -> f64 {
        let Some(h0) = self.hill_start_m else {
            return 0.0;
        };
        let x = s - h0;
        let top = 200.0;
        let descent = 1000.0;
        if x < 0.0 {
            0.0
        } else if x < HILL_CLIMB_M {
            HILL_RISE_M * smoothstep(x / HILL_CLIMB_M)
        } else if x < HILL_CLIMB_M + top {
            HILL_RISE_M
        } else if x < HILL_CLIMB_M + top + descent {
            HILL_RISE_M * (1.0 - smoothstep((x - HILL_CLIMB_M - top) / descent))
        } else {
            0.0
        }
    }

    /// Path coordinate where an anchored step (first rep of a track or hill session) should
    /// begin, given the step's distance (`None` for timed steps). `None` where nothing is anchored.
    pub fn anchor_m(&self, step_distance: Option<f64>) -> Option<f64> {
        match self.venue {
            Venue::Track => Some((-step_distance.unwrap_or(0.0)).rem_euclid(self.loop_m)),
            Venue::Hills => self.hill_start_m.map(|h| h + HILL_REP_START_M),
            _ => None,
        }
    }

    /// Whether positions exist (not treadmill or pool).
    pub fn has_gps(&self) -> bool {
        !matches!(self.venue, Venue::Treadmill | Venue::Pool)
    }

    /// Local position (x east, y north, metres) at path coordinate `s`.
    pub fn local(&self, s: f64) -> (f64, f64) {
        match self.venue {
            Venue::Track => {
                let (x, y) = track_xy(s.rem_euclid(self.loop_m));
                let (c, sn) = (self.rotation.cos(), self.rotation.sin());
                (x * c - y * sn, x * sn + y * c)
            }
            Venue::Road | Venue::Hills | Venue::Trail => {
                let (f, i, j) = self.table_at(s);
                (
                    self.xs[i] + (self.xs[j] - self.xs[i]) * f,
                    self.ys[i] + (self.ys[j] - self.ys[i]) * f,
                )
            }
            _ => (0.0, 0.0),
        }
    }

    /// Interpolation weight and the two table indices around `s`.
    fn table_at(&self, s: f64) -> (f64, usize, usize) {
        let n = self.xs.len().max(1);
        let u = s.rem_euclid(self.loop_m) / TABLE_STEP_M;
        let i = (u.floor() as usize).min(n - 1);
        let j = (i + 1) % n;
        (u - i as f64, i, j)
    }

    /// Terrain altitude (m) at path coordinate `s`.
    pub fn altitude(&self, s: f64) -> f64 {
        if self.zs.is_empty() {
            return self.base_alt;
        }
        let (f, i, j) = self.table_at(s);
        self.zs[i] + (self.zs[j] - self.zs[i]) * f
    }

    /// Grade (rise over run) at `s` in the direction of increasing `s`.
    pub fn grade(&self, s: f64) -> f64 {
        if self.zs.is_empty() {
            return 0.0;
        }
        (self.altitude(s + 2.0) - self.altitude(s - 2.0)) / 4.0
    }

    /// Latitude and longitude (degrees) of a local position.
    pub fn to_lat_lon(&self, x: f64, y: f64) -> (f64, f64) {
        let lat = self.origin_lat + (y / EARTH_RADIUS_M).to_degrees();
        let lon = self.origin_lon
            + (x / (EARTH_RADIUS_M * self.origin_lat.to_radians().cos())).to_degrees();
        (lat, lon)
    }
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

fn smoothstep(x: f64) -> f64 {
    let x = x.clamp(0.0, 1.0);
    x * x * (3.0 - 2.0 * x)
}

/// Lane-1 position on the oval, `s` metres past the finish line (counter-clockwise: bend,
/// back straight, bend, home straight). The finish line is at the end of the home straight.
fn track_xy(s: f64) -> (f64, f64) {
    let r = TRACK_KERB_RADIUS_M + TRACK_LANE1_OFFSET_M;
    let half = TRACK_STRAIGHT_M / 2.0;
    let bend = std::f64::consts::PI * r;
    if s < bend {
        let a = -std::f64::consts::FRAC_PI_2 + s / r;
        (half + r * a.cos(), r * a.sin())
    } else if s < bend + TRACK_STRAIGHT_M {
        (half - (s - bend), r)
    } else if s < 2.0 * bend + TRACK_STRAIGHT_M {
        let a = std::f64::consts::FRAC_PI_2 + (s - bend - TRACK_STRAIGHT_M) / r;
        (-half + r * a.cos(), r * a.sin())
    } else {
        (-half + (s - 2.0 * bend - TRACK_STRAIGHT_M), -r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn track_lane_one_is_400m() {
        let r = TRACK_KERB_RADIUS_M + TRACK_LANE1_OFFSET_M;
        let lap = 2.0 * TRACK_STRAIGHT_M + 2.0 * std::f64::consts::PI * r;
        assert!((lap - 400.0).abs() < 0.05, "{lap}");
        let mut len = 0.0;
        let mut prev = track_xy(0.0);
        for i in 1..=4000 {
            let p = track_xy(i as f64 * 0.1 * lap / 400.0);
            len += dist(prev, p);
            prev = p;
        }
        assert!((len - lap).abs() < 0.05, "{len}");
    }

    #[test]
    fn trail_loop_climbs_all_the_way_round() {
        let route = Route::new(Venue::Trail, &mut SimRng::new(4));
        assert!(route.anchor_m(None).is_none());
        // count climbs of at least 8 m (deadband 2 m) over one loop
        let (mut lo, mut hi, mut climbs, mut rising) = (f64::MAX, f64::MIN, 0, false);
        let mut steepest: f64 = 0.0;
        let mut s = 0.0;
        while s < route.loop_m {
            let z = route.altitude(s);
            steepest = steepest.max(route.grade(s).abs());
            lo = lo.min(z);
            hi = hi.max(z);
            if !rising && z - lo >= 8.0 {
                rising = true;
                climbs += 1;
                hi = z;
            } else if rising && hi - z >= 2.0 {
                rising = false;
                lo = z;
            }
            s += 1.0;
        }
        assert!(climbs >= 2, "{climbs} climbs");
        assert!(steepest > 0.04 && steepest < 0.2, "steepest {steepest}");
        // closed: the end meets the start
        assert!((route.altitude(route.loop_m - 1.0) - route.altitude(0.0)).abs() < 1.0);
    }

    #[test]
    fn road_loop_is_closed_and_measured() {
        let route = Route::new(Venue::Hills, &mut SimRng::new(4));
        assert!(route.loop_m > 3900.0 && route.loop_m < 7100.0);
        let mut len = 0.0;
        let mut prev = route.local(0.0);
        let mut s = 0.0;
        while s < route.loop_m {
            s += 1.0;
            let p = route.local(s);
            len += dist(prev, p);
            prev = p;
        }
        assert!(
            (len - route.loop_m).abs() / route.loop_m < 0.01,
            "{len} {}",
            route.loop_m
        );
        let a = route.anchor_m(None).unwrap();
        assert!(route.grade(a + 20.0) > 0.06, "{}", route.grade(a + 20.0));
    }
}
