fn main() {
    let a = std::env::args().collect::<Vec<_>>();
    let l = lapwise::ingest::read_path(std::path::Path::new(&a[1]))
        .into_iter()
        .next()
        .unwrap();
    let act = l.result.unwrap();
    let s = &act.samples;
    let step: usize = a.get(2).and_then(|x| x.parse().ok()).unwrap_or(50);
    for i in (0..s.len()).step_by(step) {
        println!(
            "{i} t={:.1} d={:.1} v={:.2} hr={} cad={} alt={:.1} lat={:.5}",
            s.time_s[i],
            s.distance_m[i],
            s.speed_mps[i],
            s.hr_bpm[i],
            s.cadence[i],
            s.altitude_m[i],
            s.lat_deg[i]
        );
    }
}
