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

/// The `p`-quantile (0..1, nearest rank) of the finite values, `None` when there are none.
/// O(n log n).
pub fn percentile(values: impl IntoIterator<Item = f64>, p: f64) -> Option<f64> {
    let mut v: Vec<f64> = values.into_iter().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let idx = ((v.len() - 1) as f64 * p.clamp(0.0, 1.0)).round() as usize;
    v.get(idx).copied()
}

/// Median of the finite values.
pub fn median(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    percentile(values, 0.5)
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
}
