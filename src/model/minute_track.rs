//! Where a recording was at each whole minute of the clock: a few numbers per activity that
//! still say whether two files recorded the same run after the samples are released (the
//! season's duplicate rule: a watch and a phone worn on one run, or one run exported twice
//! with different stop handling, record different distances but the same places at the same
//! times).

use super::Activity;

/// Seconds either side of a whole minute within which a sample stands for that minute.
const NEAR_MINUTE_S: f64 = 5.0;

/// Metres per degree of latitude (equirectangular: enough for tens of metres).
const M_PER_DEG: f64 = 111_320.0;

/// A recorded position at one whole minute of UTC clock time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MinutePosition {
    /// Whole minutes since 1970-01-01 UTC.
    pub minute: i64,
    /// Latitude (degrees).
    pub lat_deg: f64,
    /// Longitude (degrees).
    pub lon_deg: f64,
}

/// The position of `act` at each whole UTC minute: the sample nearest the minute, when one
/// lies within 5 s of it; empty without a start time or positions. O(samples).
pub fn minute_track(act: &Activity) -> Vec<MinutePosition> {
    let Some(start) = act.meta.start_utc else {
        return Vec::new();
    };
    let t0 = start.timestamp() as f64 + f64::from(start.timestamp_subsec_millis()) / 1000.0;
    let s = &act.samples;
    let mut out: Vec<(MinutePosition, f64)> = Vec::new();
    for i in 0..s.time_s.len() {
        let (lat, lon) = (s.lat_deg[i], s.lon_deg[i]);
        if !(lat.is_finite() && lon.is_finite() && s.time_s[i].is_finite()) {
            continue;
        }
        let t = t0 + s.time_s[i];
        let minute = (t / 60.0).round();
        let off = (t - minute * 60.0).abs();
        if off > NEAR_MINUTE_S {
            continue;
        }
        let p = MinutePosition {
            minute: minute as i64,
            lat_deg: lat,
            lon_deg: lon,
        };
        match out.last_mut() {
            Some((last, last_off)) if last.minute == p.minute => {
                if off < *last_off {
                    *last = p;
                    *last_off = off;
                }
            }
            _ => out.push((p, off)),
        }
    }
    out.into_iter().map(|(p, _)| p).collect()
}

/// The distances (m) between two minute tracks at the minutes both have, in minute order.
pub fn separations(a: &[MinutePosition], b: &[MinutePosition]) -> Vec<f64> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].minute.cmp(&b[j].minute) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let (p, q) = (a[i], b[j]);
                let dy = (p.lat_deg - q.lat_deg) * M_PER_DEG;
                let dx = (p.lon_deg - q.lon_deg) * M_PER_DEG * p.lat_deg.to_radians().cos();
                out.push(dx.hypot(dy));
                i += 1;
                j += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, SamplePoint, SourceFormat};
    use chrono::{TimeZone, Utc};

    fn walk(start_s: i64, step_s: f64, east_mps: f64) -> Activity {
        let mut act = Activity::new(Meta::new("a", SourceFormat::Gpx));
        act.meta.start_utc = Utc.timestamp_opt(1_767_600_000 + start_s, 0).single();
        let mut t = 0.0;
        while t <= 600.0 {
            act.samples.push(SamplePoint {
                time_s: t,
                lat_deg: 45.0,
                lon_deg: 7.0 + east_mps * t / (M_PER_DEG * 45f64.to_radians().cos()),
                ..Default::default()
            });
            t += step_s;
        }
        act
    }

    #[test]
    fn one_position_a_minute_nearest_the_mark() {
        // 1_767_600_000 s is a whole minute; samples every 7 s: the one nearest each mark.
        let track = minute_track(&walk(0, 7.0, 3.0));
        assert_eq!(track.len(), 11);
        assert!(track.windows(2).all(|w| w[1].minute == w[0].minute + 1));
    }

    #[test]
    fn same_places_at_the_same_times_are_near() {
        let (a, b) = (walk(0, 1.0, 3.0), walk(0, 4.0, 3.0));
        let d = separations(&minute_track(&a), &minute_track(&b));
        assert_eq!(d.len(), 11);
        assert!(d.iter().all(|&x| x < 13.0), "{d:?}");
        let c = walk(0, 1.0, 3.3);
        let d = separations(&minute_track(&a), &minute_track(&c));
        assert!(d[10] > 170.0, "{d:?}");
    }

    #[test]
    fn no_track_without_start_or_positions() {
        let mut a = walk(0, 1.0, 3.0);
        a.meta.start_utc = None;
        assert!(minute_track(&a).is_empty());
    }
}
