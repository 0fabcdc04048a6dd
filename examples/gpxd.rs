fn hav(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let (p1, p2) = (a.to_radians(), c.to_radians());
    let dp = p2 - p1;
    let dl = (d - b).to_radians();
    let x = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371008.8 * x.sqrt().asin()
}
fn main() {
    for p in std::env::args().skip(1) {
        let l = lapwise::ingest::read_path(std::path::Path::new(&p))
            .into_iter()
            .next()
            .unwrap();
        let a = l.result.unwrap();
        let s = &a.samples;
        let idx: Vec<usize> = (0..s.len()).filter(|&i| s.lat_deg[i].is_finite()).collect();
        let mut raw = 0.0;
        let mut raw3 = 0.0;
        for w in idx.windows(2) {
            let h = hav(
                s.lat_deg[w[0]],
                s.lon_deg[w[0]],
                s.lat_deg[w[1]],
                s.lon_deg[w[1]],
            );
            raw += h;
            let dz = s.altitude_m[w[1]] - s.altitude_m[w[0]];
            raw3 += (h * h + if dz.is_finite() { dz * dz } else { 0.0 }).sqrt();
        }
        let dts: Vec<f64> = idx
            .windows(2)
            .map(|w| s.time_s[w[1]] - s.time_s[w[0]])
            .collect();
        let mut sorted = dts.clone();
        sorted.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{p}: n={} raw2d={raw:.1} raw3d={raw3:.1} median_dt={:?}",
            idx.len(),
            sorted.get(sorted.len() / 2)
        );
    }
}
