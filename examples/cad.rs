use lapwise::analysis::summary::time_weighted_mean;
fn mean(v: &[f64], inc: impl Fn(usize) -> bool) -> f64 {
    let mut s = 0.0;
    let mut n = 0.0;
    for i in 0..v.len() {
        if inc(i) && v[i].is_finite() {
            s += v[i];
            n += 1.0;
        }
    }
    s / n
}
fn main() {
    for p in std::env::args().skip(1) {
        for l in lapwise::ingest::read_path(std::path::Path::new(&p)) {
            let Ok(a) = l.result else { continue };
            if a.meta.sport != lapwise::model::Sport::Running {
                continue;
            }
            let a = lapwise::clean::cleaned(a);
            let s = &a.samples;
            let t = &s.time_s;
            let d = a.device.clone().unwrap_or_default();
            println!(
                "{:45} dev cad {:6.1?} | tw_mov>0 {:6.1} tw_timer_all {:6.1} tw_timer>0 {:6.1} mean_all {:6.1} mean>0 {:6.1} || dev hr {:?} tw_timer {:6.1} mean_all {:6.1} mean_timer {:6.1}",
                l.source.rsplit('/').next().unwrap(),
                d.avg_cadence_spm,
                time_weighted_mean(t, &s.cadence, |i| s.moving[i] && s.cadence[i] > 0.0)
                    .unwrap_or(f64::NAN),
                time_weighted_mean(t, &s.cadence, |i| s.timer_running[i]).unwrap_or(f64::NAN),
                time_weighted_mean(t, &s.cadence, |i| s.timer_running[i] && s.cadence[i] > 0.0)
                    .unwrap_or(f64::NAN),
                mean(&s.cadence, |_| true),
                mean(&s.cadence, |i| s.cadence[i] > 0.0),
                d.avg_hr_bpm,
                time_weighted_mean(t, &s.hr_bpm, |i| s.timer_running[i]).unwrap_or(f64::NAN),
                mean(&s.hr_bpm, |_| true),
                mean(&s.hr_bpm, |i| s.timer_running[i])
            );
        }
    }
}
