fn main() {
    for p in std::env::args().skip(1) {
        for l in lapwise::ingest::read_path(std::path::Path::new(&p)) {
            match l.result {
                Ok(a) => {
                    let s = &a.samples;
                    let d = s
                        .distance_m
                        .iter()
                        .rev()
                        .find(|x| x.is_finite())
                        .copied()
                        .unwrap_or(f64::NAN);
                    println!(
                        "OK {} sport={:?} sub={:?} dev={:?} n={} dur={:.0} dist={:.0} laps={} pauses={} off={:?} start={:?} devtot={:?} extra={:?} warn={:?}",
                        l.source.rsplit('/').next().unwrap(),
                        a.meta.sport,
                        a.meta.sub_sport,
                        a.meta.device,
                        s.len(),
                        a.elapsed_s(),
                        d,
                        a.laps.len(),
                        a.pauses.len(),
                        a.meta.local_offset_s,
                        a.meta.start_utc,
                        a.device
                            .as_ref()
                            .map(|t| (t.distance_m, t.timer_s, t.avg_cadence_spm)),
                        s.extra.iter().map(|e| e.0.as_str()).collect::<Vec<_>>(),
                        a.warnings
                    );
                }
                Err(e) => println!("ERR {}: {}", l.source.rsplit('/').next().unwrap(), e),
            }
        }
    }
}
