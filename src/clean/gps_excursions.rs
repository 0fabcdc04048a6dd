//! GPS excursions: a fix (or a few in a row) thrown off the track and back. The path through
//! such a fix is much longer than the straight line between its neighbours, and running that
//! path would take a speed the athlete shows nowhere near it. A real turnaround (the top of a
//! hill rep, an out-and-back course) is run at the athlete's own speed and stays.

/// A fix whose detour (the path through it less the straight line between its neighbours) is
/// shorter than this (m) is never an excursion: GPS jitter of a few metres is left to smoothing.
pub const EXCURSION_MIN_DETOUR_M: f64 = 15.0;

/// ... and one whose path is run at no more than this × the local speed is a real turn.
pub const EXCURSION_SPEED_FACTOR: f64 = 1.5;

/// Half width (s) of the window whose median step speed is the athlete's local speed.
pub const LOCAL_SPEED_HALF_WINDOW_S: f64 = 60.0;

/// Passes of [`drop_excursions`] at the most: each removes one fix of every excursion, and
/// excursions of real tracks are a few fixes long.
const MAX_PASSES: usize = 8;

/// Remove from `idx` (indices of kept fixes, in time order; `d(i, j)` the distance in metres
/// between fixes `i` and `j`) the fixes that are excursions: the
/// path from the previous kept fix through it to the next is at least
/// [`EXCURSION_MIN_DETOUR_M`] longer than the straight line, and covering that path in the
/// time between the neighbours takes more than [`EXCURSION_SPEED_FACTOR`] × the median step
/// speed of the kept fixes within [`LOCAL_SPEED_HALF_WINDOW_S`]. Each pass removes the fix of
/// largest detour among neighbouring candidates, so that an excursion of several fixes goes
/// one fix at a time. Returns how many were removed.
pub fn drop_excursions(
    time_s: &[f64],
    idx: &mut Vec<usize>,
    d: impl Fn(usize, usize) -> f64,
) -> usize {
    let mut removed = 0;
    for _ in 0..MAX_PASSES {
        let steps: Vec<f64> = idx
            .windows(2)
            .map(|w| d(w[0], w[1]) / (time_s[w[1]] - time_s[w[0]]).max(1e-3))
            .collect();
        // Detour of each fix that is an excursion, else 0.
        let mut detours = vec![0.0; idx.len()];
        for k in 1..idx.len().saturating_sub(1) {
            let (j, i, l) = (idx[k - 1], idx[k], idx[k + 1]);
            let path = d(j, i) + d(i, l);
            let detour = path - d(j, l);
            if detour < EXCURSION_MIN_DETOUR_M {
                continue;
            }
            let t = time_s[i];
            let lo = idx.partition_point(|&x| time_s[x] < t - LOCAL_SPEED_HALF_WINDOW_S);
            let hi = idx.partition_point(|&x| time_s[x] <= t + LOCAL_SPEED_HALF_WINDOW_S);
            let mut local: Vec<f64> = steps
                .get(lo..hi.saturating_sub(1).max(lo).min(steps.len()))
                .unwrap_or_default()
                .to_vec();
            if local.is_empty() {
                continue;
            }
            local.sort_by(f64::total_cmp);
            let v = local[local.len() / 2];
            if path / (time_s[l] - time_s[j]).max(1e-3) > EXCURSION_SPEED_FACTOR * v {
                detours[k] = detour;
            }
        }
        // The largest detour among neighbouring candidates goes this pass.
        let drop: Vec<bool> = (0..idx.len())
            .map(|k| {
                detours[k] > 0.0
                    && (k == 0 || detours[k - 1] < detours[k])
                    && detours.get(k + 1).is_none_or(|&n| n <= detours[k])
            })
            .collect();
        let before = idx.len();
        let mut k = 0;
        idx.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
        if idx.len() == before {
            break;
        }
        removed += before - idx.len();
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Metres between fixes on a meridian, as the distance the cleaner passes in.
    fn on_meridian(lat: &[f64]) -> impl Fn(usize, usize) -> f64 + '_ {
        move |i, j| (lat[i] - lat[j]).abs() * 111_195.0
    }

    /// Fixes every `dt` s along a meridian at `v` m/s: times and latitudes.
    fn track(n: usize, dt: f64, v: f64) -> (Vec<f64>, Vec<f64>) {
        let t: Vec<f64> = (0..n).map(|k| k as f64 * dt).collect();
        let lat: Vec<f64> = t.iter().map(|&s| v * s / 111_195.0).collect();
        (t, lat)
    }

    /// Path length (m) through the fixes `idx`.
    fn path(lat: &[f64], idx: &[usize]) -> f64 {
        let d = on_meridian(lat);
        idx.windows(2).map(|w| d(w[0], w[1])).sum()
    }

    #[test]
    fn fixes_thrown_back_and_forth_are_removed() {
        let (t, mut lat) = track(60, 4.0, 3.0);
        // Fixes 30 and 31 thrown 35 m and 30 m back along the track (as on a real GPX).
        lat[30] -= 35.0 / 111_195.0;
        lat[31] -= 30.0 / 111_195.0;
        let mut idx: Vec<usize> = (0..60).collect();
        let raw = path(&lat, &idx);
        assert!(drop_excursions(&t, &mut idx, on_meridian(&lat)) >= 1);
        assert!(!idx.contains(&30));
        // The true path is 59 × 12 m = 708 m, the raw one 754 m; what is left of the excursion
        // is a detour under the 15 m floor.
        let kept = path(&lat, &idx);
        assert!(
            (708.0..708.0 + EXCURSION_MIN_DETOUR_M).contains(&kept),
            "{kept} (raw {raw})"
        );
    }

    #[test]
    fn a_turnaround_run_at_the_athletes_speed_stays() {
        // Up a line for 60 s and back down at 3 m/s, fixes every 5 s.
        let m = 1.0 / 111_195.0;
        let t: Vec<f64> = (0..25).map(|k| k as f64 * 5.0).collect();
        let lat: Vec<f64> = t
            .iter()
            .map(|&s| 3.0 * if s <= 60.0 { s } else { 120.0 - s } * m)
            .collect();
        let mut idx: Vec<usize> = (0..t.len()).collect();
        assert_eq!(drop_excursions(&t, &mut idx, on_meridian(&lat)), 0);
    }
}
