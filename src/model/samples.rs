//! Per-sample columns of an activity.

/// Samples stored as columns of equal length. Missing values are `NaN`; a channel the file
/// never had is all-`NaN` (see [`Samples::has`]). All values SI: seconds, metres, m/s, degrees,
/// bpm, steps/min (or rpm for cycling), watts, °C.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Samples {
    /// Seconds of elapsed time since the first sample (after cleaning: strictly increasing).
    pub time_s: Vec<f64>,
    /// Whether the device's timer was running at this sample (false inside a pause).
    pub timer_running: Vec<bool>,
    /// Whether the athlete was moving at this sample (set by cleaning).
    pub moving: Vec<bool>,
    /// Cumulative distance in metres.
    pub distance_m: Vec<f64>,
    /// Speed in m/s.
    pub speed_mps: Vec<f64>,
    /// Latitude in degrees.
    pub lat_deg: Vec<f64>,
    /// Longitude in degrees.
    pub lon_deg: Vec<f64>,
    /// Altitude in metres.
    pub altitude_m: Vec<f64>,
    /// Heart rate in bpm.
    pub hr_bpm: Vec<f64>,
    /// Cadence in steps/min for on-foot sports, rpm otherwise.
    pub cadence: Vec<f64>,
    /// Power in watts.
    pub power_w: Vec<f64>,
    /// Temperature in °C.
    pub temperature_c: Vec<f64>,
    /// Developer (or other extra) fields kept by name, each a column of the same length.
    pub extra: Vec<(String, Vec<f64>)>,
}

/// A column of [`Samples`], for code that treats channels generically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// [`Samples::distance_m`]
    Distance,
    /// [`Samples::speed_mps`]
    Speed,
    /// [`Samples::lat_deg`] (and longitude)
    Position,
    /// [`Samples::altitude_m`]
    Altitude,
    /// [`Samples::hr_bpm`]
    HeartRate,
    /// [`Samples::cadence`]
    Cadence,
    /// [`Samples::power_w`]
    Power,
    /// [`Samples::temperature_c`]
    Temperature,
}

impl Samples {
    /// Number of samples.
    pub fn len(&self) -> usize {
        self.time_s.len()
    }

    /// True when there are no samples.
    pub fn is_empty(&self) -> bool {
        self.time_s.is_empty()
    }

    /// Append one sample; every column grows by one. Extra columns get `NaN`.
    pub fn push(&mut self, p: SamplePoint) {
        self.time_s.push(p.time_s);
        self.timer_running.push(true);
        self.moving.push(true);
        self.distance_m.push(p.distance_m);
        self.speed_mps.push(p.speed_mps);
        self.lat_deg.push(p.lat_deg);
        self.lon_deg.push(p.lon_deg);
        self.altitude_m.push(p.altitude_m);
        self.hr_bpm.push(p.hr_bpm);
        self.cadence.push(p.cadence);
        self.power_w.push(p.power_w);
        self.temperature_c.push(p.temperature_c);
        for (_, col) in &mut self.extra {
            col.push(f64::NAN);
        }
    }

    /// Set an extra (developer) field value at sample `i`, creating the column if needed.
    pub fn set_extra(&mut self, name: &str, i: usize, value: f64) {
        let n = self.len();
        let col = match self.extra.iter().position(|(k, _)| k == name) {
            Some(pos) => &mut self.extra[pos].1,
            None => {
                self.extra.push((name.to_string(), vec![f64::NAN; n]));
                &mut self.extra.last_mut().expect("just pushed").1
            }
        };
        if i < col.len() {
            col[i] = value;
        }
    }

    /// The column of a channel (latitude for [`Channel::Position`]).
    pub fn column(&self, ch: Channel) -> &[f64] {
        match ch {
            Channel::Distance => &self.distance_m,
            Channel::Speed => &self.speed_mps,
            Channel::Position => &self.lat_deg,
            Channel::Altitude => &self.altitude_m,
            Channel::HeartRate => &self.hr_bpm,
            Channel::Cadence => &self.cadence,
            Channel::Power => &self.power_w,
            Channel::Temperature => &self.temperature_c,
        }
    }

    /// Whether a channel has at least one finite value.
    pub fn has(&self, ch: Channel) -> bool {
        self.column(ch).iter().any(|v| v.is_finite())
    }

    /// Keep only the samples whose index satisfies `keep`, in every column.
    pub fn retain_indices(&mut self, keep: &[bool]) {
        fn filter<T: Copy>(v: &mut Vec<T>, keep: &[bool]) {
            let mut i = 0;
            v.retain(|_| {
                let k = keep.get(i).copied().unwrap_or(true);
                i += 1;
                k
            });
        }
        filter(&mut self.time_s, keep);
        filter(&mut self.timer_running, keep);
        filter(&mut self.moving, keep);
        filter(&mut self.distance_m, keep);
        filter(&mut self.speed_mps, keep);
        filter(&mut self.lat_deg, keep);
        filter(&mut self.lon_deg, keep);
        filter(&mut self.altitude_m, keep);
        filter(&mut self.hr_bpm, keep);
        filter(&mut self.cadence, keep);
        filter(&mut self.power_w, keep);
        filter(&mut self.temperature_c, keep);
        for (_, col) in &mut self.extra {
            filter(col, keep);
        }
    }
}

/// One sample's values, used to build [`Samples`] row by row in readers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SamplePoint {
    /// Seconds since the activity's first sample (readers may pass absolute seconds and rebase).
    pub time_s: f64,
    /// Cumulative distance in metres, or `NaN`.
    pub distance_m: f64,
    /// Speed in m/s, or `NaN`.
    pub speed_mps: f64,
    /// Latitude in degrees, or `NaN`.
    pub lat_deg: f64,
    /// Longitude in degrees, or `NaN`.
    pub lon_deg: f64,
    /// Altitude in metres, or `NaN`.
    pub altitude_m: f64,
    /// Heart rate in bpm, or `NaN`.
    pub hr_bpm: f64,
    /// Cadence (steps/min for on-foot sports after normalization), or `NaN`.
    pub cadence: f64,
    /// Power in watts, or `NaN`.
    pub power_w: f64,
    /// Temperature in °C, or `NaN`.
    pub temperature_c: f64,
}

impl Default for SamplePoint {
    fn default() -> Self {
        SamplePoint {
            time_s: f64::NAN,
            distance_m: f64::NAN,
            speed_mps: f64::NAN,
            lat_deg: f64::NAN,
            lon_deg: f64::NAN,
            altitude_m: f64::NAN,
            hr_bpm: f64::NAN,
            cadence: f64::NAN,
            power_w: f64::NAN,
            temperature_c: f64::NAN,
        }
    }
}
