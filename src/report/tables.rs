//! The device-lap and split tables as cells, shared by the terminal summary and the HTML
//! report so both show the same numbers in the same words.

use super::units::{Units, clock};
use crate::analysis::LapReport;
use crate::segment::Split;

/// Column heads of the device-lap table.
pub const LAP_HEAD: [&str; 8] = [
    "#",
    "trigger",
    "intensity",
    "distance",
    "time",
    "pace",
    "spm",
    "hr",
];

/// Column heads of the split table (the first is replaced by the unit, `mi` or `km`).
pub const SPLIT_HEAD: [&str; 6] = ["split", "time", "pace", "spm", "hr", "elev"];

fn opt(v: Option<f64>) -> String {
    v.map_or("–".to_string(), |x| format!("{x:.0}"))
}

/// One device lap as cells: number, trigger, intensity, distance, timer time, pace, cadence,
/// heart rate (the watch's lap values where it recorded them, else lapwise's); no pace for a
/// lap too short or too fast to have one ([`LapReport::avg_speed_mps`]).
pub fn lap_cells(l: &LapReport, sport: crate::model::Sport, units: Units) -> [String; 8] {
    let d = &l.device;
    [
        l.number.to_string(),
        d.trigger.map_or("–", |t| t.as_str()).to_string(),
        d.intensity.map_or("–", |i| i.as_str()).to_string(),
        l.distance_m()
            .map_or("–".to_string(), |m| units.distance(m)),
        clock(l.timer_s()),
        l.avg_speed_mps(sport)
            .map_or("–".to_string(), |v| units.pace_bare(v)),
        opt(d.avg_cadence_spm.or(l.computed.avg_cadence_spm)),
        opt(d.avg_hr_bpm.or(l.computed.avg_hr_bpm)),
    ]
}

/// One split as cells: number (or the partial distance with `*`), time, pace over moving time
/// (none for a split under 20 m or 5 s, as for a lap), cadence, heart rate, net elevation change.
pub fn split_cells(s: &Split, units: Units) -> [String; 6] {
    use crate::analysis::laps::{LAP_PACE_MIN_M, LAP_PACE_MIN_S};
    // A last few metres have no pace, as a lap that short has none ("0.01* 0:08 16:35").
    let too_short = s.distance_m < LAP_PACE_MIN_M || s.elapsed_s < LAP_PACE_MIN_S;
    let pace = s
        .avg_speed_mps
        .or_else(|| (s.elapsed_s > 0.0).then(|| s.distance_m / s.elapsed_s))
        .filter(|_| !too_short);
    let name = if s.partial {
        format!("{:.2}*", s.distance_m / units.unit_m())
    } else {
        format!("{}", s.index)
    };
    let elev = match (s.elevation_gain_m, s.elevation_loss_m) {
        (Some(g), Some(l)) => units.elevation_delta(g - l),
        _ => "–".to_string(),
    };
    [
        name,
        clock(s.elapsed_s),
        pace.map_or("–".to_string(), |v| units.pace_bare(v)),
        opt(s.avg_cadence_spm),
        opt(s.avg_hr_bpm),
        elev,
    ]
}

/// The note under the split table.
pub fn split_note(splits: &[Split]) -> &'static str {
    if splits.iter().any(|s| s.partial) {
        "* partial split; pace over moving time"
    } else {
        "pace over moving time"
    }
}
