//! Time order: keep the longest strictly increasing run of timestamps and start at 0.

use crate::model::Activity;

/// Drop samples whose time is a duplicate, goes backwards or jumps wildly, by keeping the
/// longest strictly increasing subsequence of timestamps (O(n log n)). Non-finite times are
/// dropped. Adds a warning with the count when anything is dropped.
pub fn keep_increasing_times(act: &mut Activity) {
    let t = &act.samples.time_s;
    let n = t.len();
    // Patience sorting: tails[k] = index of the smallest tail of an increasing run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = vec![usize::MAX; n];
    for i in 0..n {
        if !t[i].is_finite() {
            continue;
        }
        // Increasing input (the usual case) extends the longest run without a search.
        let k = match tails.last() {
            Some(&j) if t[j] < t[i] => tails.len(),
            _ => tails.partition_point(|&j| t[j] < t[i]),
        };
        if k > 0 {
            prev[i] = tails[k - 1];
        }
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut keep = vec![false; n];
    let mut cur = tails.last().copied();
    let mut kept = 0usize;
    while let Some(i) = cur {
        keep[i] = true;
        kept += 1;
        cur = (prev[i] != usize::MAX).then_some(prev[i]);
    }
    if kept < n {
        let dropped = n - kept;
        act.samples.retain_indices(&keep);
        act.warnings.push(format!(
            "{dropped} sample(s) with duplicate, backward or out-of-order timestamps dropped"
        ));
    }
}

/// Recording breaks longer than this (seconds) split a file into blocks; only the block with the
/// most samples is kept (a wild timestamp or a clock jump of days is not part of the run).
pub const WILD_JUMP_S: f64 = 12.0 * 3600.0;

/// Keep only the largest block of samples between jumps longer than [`WILD_JUMP_S`].
pub fn drop_wild_blocks(act: &mut Activity) {
    let t = &act.samples.time_s;
    let n = t.len();
    let mut best = (0usize, 0usize);
    let mut start = 0usize;
    for i in 1..=n {
        if i == n || t[i] - t[i - 1] > WILD_JUMP_S {
            if i - start > best.1 - best.0 {
                best = (start, i);
            }
            start = i;
        }
    }
    if best.1 - best.0 < n {
        let keep: Vec<bool> = (0..n).map(|i| i >= best.0 && i < best.1).collect();
        act.samples.retain_indices(&keep);
        act.warnings.push(format!(
            "{} sample(s) separated from the rest by more than {} h dropped",
            n - (best.1 - best.0),
            WILD_JUMP_S / 3600.0
        ));
    }
}

/// Shift times so the first sample is at 0; laps, pauses and the start time move with it.
pub fn rebase_time(act: &mut Activity) {
    let Some(&t0) = act.samples.time_s.first() else {
        return;
    };
    for t in &mut act.samples.time_s {
        *t -= t0;
    }
    for lap in &mut act.laps {
        // A lap may start a moment before the first kept sample: it starts with the activity.
        lap.start_s = (lap.start_s - t0).max(0.0);
        lap.end_s = (lap.end_s - t0).max(lap.start_s);
    }
    for p in &mut act.pauses {
        p.start_s -= t0;
        p.end_s -= t0;
    }
    if let Some(start) = act.meta.start_utc {
        let ms = (t0 * 1000.0).round() as i64;
        act.meta.start_utc = start.checked_add_signed(chrono::TimeDelta::milliseconds(ms));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, SamplePoint, SourceFormat};

    fn act(times: &[f64]) -> Activity {
        let mut a = Activity::new(Meta::new("t", SourceFormat::Fit));
        for &t in times {
            a.samples.push(SamplePoint {
                time_s: t,
                ..Default::default()
            });
        }
        a
    }

    #[test]
    fn drops_duplicates_backward_and_spikes() {
        let mut a = act(&[0.0, 1.0, 1.0, 2.0, 1e9, 3.0, 1.5, 4.0, f64::NAN, 5.0]);
        keep_increasing_times(&mut a);
        assert_eq!(a.samples.time_s, vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(a.warnings.len(), 1);
    }

    #[test]
    fn wild_blocks_are_dropped() {
        let mut a = act(&[0.0, 1.0, 2.0, 3.0, 1e9]);
        drop_wild_blocks(&mut a);
        assert_eq!(a.samples.time_s, vec![0.0, 1.0, 2.0, 3.0]);
    }

    #[test]
    fn rebase_moves_laps() {
        let mut a = act(&[10.0, 11.0]);
        a.laps.push(crate::model::Lap {
            start_s: 10.0,
            end_s: 11.0,
            ..Default::default()
        });
        rebase_time(&mut a);
        assert_eq!(a.samples.time_s, vec![0.0, 1.0]);
        assert_eq!(a.laps[0].start_s, 0.0);
    }
}
