fn main() {
    for p in std::env::args().skip(1) {
        for l in lapwise::ingest::read_path(std::path::Path::new(&p)) {
            let Ok(a) = l.result else { continue };
            let a = lapwise::clean::cleaned(a);
            let s = lapwise::analysis::summarize(&a);
            let d = a.device.clone().unwrap_or_default();
            println!(
                "{:55} {:?} dist {:>8.1} vs {:>8.1} | timer {:>7.1} vs {:>7.1} el {:>7.1} vs {:?} mov {:>7.1} | hr {:>6.1} vs {:?} | cad {:>6.1} vs {:?} | asc {:?} vs {:?}",
                l.source.rsplit('/').next().unwrap(),
                a.meta.sport,
                s.distance_m.unwrap_or(f64::NAN),
                d.distance_m.unwrap_or(f64::NAN),
                s.timer_s,
                d.timer_s.unwrap_or(f64::NAN),
                s.elapsed_s,
                d.elapsed_s,
                s.moving_s,
                s.avg_hr_bpm.unwrap_or(f64::NAN),
                d.avg_hr_bpm,
                s.avg_cadence_spm.unwrap_or(f64::NAN),
                d.avg_cadence_spm,
                s.ascent_m.map(|x| x.round()),
                d.ascent_m
            );
        }
    }
}
