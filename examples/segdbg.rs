use lapwise::clean::{CleanConfig, clean};
use lapwise::ingest::read_bytes;
use lapwise::segment::{SegmentConfig, segment};
use lapwise::simulate::plan::LapMode;
use lapwise::simulate::{OutputFormat, SimOptions, encode, simulate};
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let plan = &a[1];
    let seed: u64 = a[2].parse().unwrap();
    let fmt = match a[3].as_str() { "gpx" => OutputFormat::Gpx, "tcx" => OutputFormat::Tcx, _ => OutputFormat::Fit };
    let laps = match a[4].as_str() { "manual" => Some(LapMode::Manual), "mile" => Some(LapMode::Mile), "km" => Some(LapMode::Km), "none" => Some(LapMode::None), _ => None };
    let smart = a[5] == "1";
    let opts = SimOptions { seed, laps, smart: Some(smart), ..SimOptions::default() };
    let sim = simulate(plan, &opts).unwrap();
    let bytes = encode(&sim, fmt);
    let mut act = read_bytes(&bytes, "x").unwrap().remove(0);
    clean(&mut act, &CleanConfig::default());
    let seg = segment(&act, &SegmentConfig::default());
    println!("faults {:?}", sim.truth.gps_faults);
    for s in &sim.truth.segments { println!("T {:?} {:.1}-{:.1} {:.0}m", s.kind, s.start_s, s.end_s, s.distance_m); }
    println!("easy {:?} type {}", seg.easy_mps, seg.workout.reason);
    if let Some(iv) = &seg.intervals { for r in &iv.reps { println!("R {:.1}-{:.1} {:.0}m", r.start_s, r.end_s, r.distance_m); } }
    for s in &seg.strides { println!("S {:.1}-{:.1} peak {:.2}", s.start_s, s.end_s, s.peak_speed_mps); }
    for s in &seg.hills { println!("H {:.1}-{:.1}", s.start_s, s.end_s); }
    for s in &seg.tempo { println!("Tempo {:.1}-{:.1}", s.start_s, s.end_s); }
    for l in &act.laps { println!("L {:.1}-{:.1} {:?} {:?}", l.start_s, l.end_s, l.trigger, l.intensity); }
    if a.len() > 6 {
        let (lo, hi): (f64, f64) = (a[6].parse().unwrap(), a[7].parse().unwrap());
        let s = &act.samples;
        for i in 0..s.time_s.len() { if s.time_s[i] >= lo && s.time_s[i] <= hi { println!("{:.0} v {:.2} d {:.1} alt {:.1} mv {}", s.time_s[i], s.speed_mps[i], s.distance_m[i], s.altitude_m[i], s.moving[i]); } }
    }
}
