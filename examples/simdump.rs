fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(7);
    let opts = lapwise::simulate::SimOptions { seed, ..Default::default() };
    let s = lapwise::simulate::simulate(&args[1], &opts).unwrap();
    let mut t = s.truth.clone();
    t.steps.clear();
    println!("{}", String::from_utf8(lapwise::simulate::truth_json(&t)).unwrap());
    let r = &s.recording;
    for i in (0..r.len()).step_by(args.get(3).and_then(|s| s.parse().ok()).unwrap_or(60)) {
        println!("{:5} d={:8.1} v={:5.2} hr={:4} cad={:5.1} alt={:6.1} lat={:.6}", r.time_s[i], r.distance[i], r.speed[i], r.hr[i], r.cadence[i], r.altitude[i], r.lat[i]);
    }
}
