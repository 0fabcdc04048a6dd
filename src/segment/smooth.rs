//! Smoothing and robust statistics of sample columns, all O(n) or O(n log n).

/// Centred moving average of `values` over a time window of `width_s` seconds
/// (`[t − width/2, t + width/2]`), ignoring `NaN`s. Samples with no finite neighbour stay `NaN`.
/// Two pointers over prefix sums: O(n).
pub fn centred_mean(time_s: &[f64], values: &[f64], width_s: f64) -> Vec<f64> {
    let n = time_s.len().min(values.len());
    let mut sum = Vec::with_capacity(n + 1);
    let mut cnt = Vec::with_capacity(n + 1);
    sum.push(0.0);
    cnt.push(0usize);
    let (mut acc, mut c) = (0.0, 0usize);
    for &v in &values[..n] {
        if v.is_finite() {
            acc += v;
            c += 1;
        }
        sum.push(acc);
        cnt.push(c);
    }
    let half = 0.5 * width_s.max(0.0);
    let (mut lo, mut hi) = (0usize, 0usize);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let t = time_s[i];
        while lo < n && time_s[lo] < t - half {
            lo += 1;
        }
        if hi < i + 1 {
            hi = i + 1;
        }
        while hi < n && time_s[hi] <= t + half {
            hi += 1;
        }
        let k = cnt[hi] - cnt[lo];
        out.push(if k > 0 {
            (sum[hi] - sum[lo]) / k as f64
        } else {
            f64::NAN
        });
    }
    out
}

/// Centred speed from cumulative distance: for each sample, the distance covered between
/// `t − width/2` and `t + width/2` (linearly interpolated, the window clipped to the record)
/// divided by the window's length. Unlike a mean of a speed column this does not depend on how
/// samples are spaced (smart recording) and is not fooled by speeds derived from noisy
/// positions over one or two samples. `NaN` distances make the sample `NaN`. Two monotone
/// pointers: O(n).
pub fn window_speed(time_s: &[f64], distance_m: &[f64], width_s: f64) -> Vec<f64> {
    let n = time_s.len().min(distance_m.len());
    let mut out = Vec::with_capacity(n);
    if n == 0 {
        return out;
    }
    let half = 0.5 * width_s.max(0.0);
    let (first, last) = (time_s[0], time_s[n - 1]);
    let interp = |k: &mut usize, x: f64| -> f64 {
        while *k + 1 < n && time_s[*k + 1] <= x {
            *k += 1;
        }
        let (t0, d0) = (time_s[*k], distance_m[*k]);
        match (time_s.get(*k + 1), distance_m.get(*k + 1)) {
            (Some(&t1), Some(&d1)) if *k + 1 < n && t1 > t0 && x > t0 => {
                d0 + (d1 - d0) * ((x - t0) / (t1 - t0)).min(1.0)
            }
            _ => d0,
        }
    };
    let (mut lo, mut hi) = (0usize, 0usize);
    for &t in &time_s[..n] {
        let a = (t - half).max(first);
        let b = (t + half).min(last);
        let da = interp(&mut lo, a);
        let db = interp(&mut hi, b);
        out.push(if b > a { (db - da) / (b - a) } else { f64::NAN });
    }
    out
}

/// The `p`-quantile (0..1, nearest rank) of the finite values, `None` when there are none.
/// O(n) on average (selection, not a full sort).
pub fn percentile(values: impl IntoIterator<Item = f64>, p: f64) -> Option<f64> {
    let mut v: Vec<f64> = values.into_iter().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    let idx = ((v.len() - 1) as f64 * p.clamp(0.0, 1.0)).round() as usize;
    let idx = idx.min(v.len() - 1);
    let (_, nth, _) = v.select_nth_unstable_by(idx, f64::total_cmp);
    Some(*nth)
}

/// Median of the finite values.
pub fn median(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    percentile(values, 0.5)
}

/// The split of `values` into a low and a high group that leaves the least spread inside the
/// groups (Otsu's method on the sorted values: the largest between-group variance).
/// Returns `(low mean, high mean, threshold)` with the threshold halfway between the two
/// groups' nearest members, or `None` for fewer than two distinct finite values. O(n log n).
pub fn two_level_split(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64, f64)> {
    let mut v: Vec<f64> = values.into_iter().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n < 2 || v[0] == v[n - 1] {
        return None;
    }
    let total: f64 = v.iter().sum();
    let (mut best, mut best_k, mut low_sum) = (f64::NEG_INFINITY, 0usize, 0.0);
    for k in 1..n {
        low_sum += v[k - 1];
        if v[k] == v[k - 1] {
            continue;
        }
        let (nl, nh) = (k as f64, (n - k) as f64);
        let (ml, mh) = (low_sum / nl, (total - low_sum) / nh);
        let between = nl * nh * (mh - ml) * (mh - ml);
        if between > best {
            best = between;
            best_k = k;
        }
    }
    let low: f64 = v[..best_k].iter().sum::<f64>() / best_k as f64;
    let high: f64 = v[best_k..].iter().sum::<f64>() / (n - best_k) as f64;
    Some((low, high, 0.5 * (v[best_k - 1] + v[best_k])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_of_constant_is_constant_and_nan_skipped() {
        let t: Vec<f64> = (0..10).map(f64::from).collect();
        let mut v = vec![2.0; 10];
        v[4] = f64::NAN;
        let m = centred_mean(&t, &v, 5.0);
        assert!(m.iter().all(|x| (x - 2.0).abs() < 1e-12));
    }

    #[test]
    fn step_is_centred() {
        let t: Vec<f64> = (0..20).map(f64::from).collect();
        let v: Vec<f64> = (0..20).map(|i| if i < 10 { 0.0 } else { 1.0 }).collect();
        let m = centred_mean(&t, &v, 4.0);
        assert!((m[9] - 0.4).abs() < 1e-12 && (m[10] - 0.6).abs() < 1e-12);
    }

    #[test]
    fn percentiles() {
        assert_eq!(percentile([3.0, 1.0, 2.0, f64::NAN], 0.0), Some(1.0));
        assert_eq!(median([3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(percentile(std::iter::empty(), 0.5), None);
    }

    #[test]
    fn two_level_split_finds_a_short_hard_stretch() {
        let mut v = vec![2.0; 90];
        v.extend([4.0; 10]);
        let (lo, hi, thr) = two_level_split(v).expect("two levels");
        assert_eq!((lo, hi, thr), (2.0, 4.0, 3.0));
        assert!(two_level_split([1.0, 1.0]).is_none());
    }
}
