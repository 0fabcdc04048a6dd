//! The workout line in words: the classifier's evidence in the user's units
//! (`intervals: 6 reps of 400 m at 5:58/mi vs easy 8:55/mi`).

use super::units::{Units, clock};
use crate::segment::classify::OtherReason;
use crate::segment::{Workout, WorkoutEvidence};

/// Pace as `m:ss/mi` or `m:ss/km`; `–` when not moving.
pub fn pace_label(mps: f64, units: Units) -> String {
    format!("{}/{}", units.pace_bare(mps), units.distance_label())
}

/// The name of a standard race distance (`5 K`, `half marathon`).
fn race_name(m: f64) -> String {
    match m.round() as u64 {
        5_000 => "5 K".into(),
        10_000 => "10 K".into(),
        15_000 => "15 K".into(),
        16_093 => "10 miles".into(),
        21_098 => "half marathon".into(),
        42_195 => "marathon".into(),
        _ => format!("{:.1} km", m / 1000.0),
    }
}

/// [`reason`] with a steady run's whole-run numbers (distance, moving and timer time, pace) taken
/// from the headline `summary`, so the workout line says what the header above it says (the
/// classifier measured them on the sample clock; the header is the watch's where it has totals).
pub fn reason_with_totals(w: &Workout, summary: &crate::analysis::Summary, units: Units) -> String {
    let mut w = w.clone();
    if let WorkoutEvidence::Steady {
        distance_m,
        moving_s,
        timer_s,
        avg_mps,
        ..
    } = &mut w.evidence
    {
        if let Some(d) = summary.distance_m {
            *distance_m = d;
        }
        *moving_s = summary.moving_s;
        *timer_s = summary.timer_s;
        if let Some(v) = summary.avg_speed_mps {
            *avg_mps = v;
        }
    }
    reason(&w, units)
}

/// The one-line reason for a workout type (`workout.reason` in JSON, the terminal's workout line).
pub fn reason(w: &Workout, units: Units) -> String {
    let kind = w.kind.as_str();
    let pace = |mps: f64| pace_label(mps, units);
    match &w.evidence {
        WorkoutEvidence::NotRunning {
            sport,
            sub_sport,
            easy_mps,
        } => {
            let sub = sub_sport
                .as_deref()
                .map(|x| format!(" ({x})"))
                .unwrap_or_default();
            let why = easy_mps
                .map(|e| format!(", not running at easy pace {}", pace(e)))
                .unwrap_or_default();
            format!("{kind}: sport is {}{sub}{why}", sport.as_str())
        }
        WorkoutEvidence::TimeTrial {
            elapsed_s,
            laps_s,
            speed_ratio,
        } => {
            let laps: Vec<String> = laps_s.iter().map(|l| format!("{l:.0}")).collect();
            let vs = speed_ratio
                .map(|r| format!(", {:.0}% faster than the rest", (r - 1.0) * 100.0))
                .unwrap_or_default();
            format!(
                "{kind}: mile in {} (laps {} s){vs}",
                clock(*elapsed_s),
                laps.join("/")
            )
        }
        WorkoutEvidence::Hills {
            reps,
            mean_elapsed_s,
            mean_gain_m,
            mean_grade,
        } => format!(
            "{kind}: {reps} reps of ~{mean_elapsed_s:.0} s climbing {mean_gain_m:.0} m at {:.0}% grade",
            mean_grade * 100.0
        ),
        WorkoutEvidence::Intervals { sets, easy_mps } => {
            let parts: Vec<String> = sets
                .iter()
                .map(|s| {
                    let what = match (s.rep_distance_m, s.rep_duration_s) {
                        (Some(d), _) => super::units::rep_distance_label(d),
                        (None, Some(t)) => clock(t),
                        _ => format!("~{:.0} m", s.mean_distance_m),
                    };
                    let noun = if s.reps == 1 { "rep" } else { "reps" };
                    format!("{} {noun} of {what} at {}", s.reps, pace(s.mean_speed_mps))
                })
                .collect();
            let easy = easy_mps
                .map(|e| format!(" vs easy {}", pace(e)))
                .unwrap_or_default();
            format!("{kind}: {}{easy}", parts.join(", "))
        }
        WorkoutEvidence::Tempo {
            elapsed_s,
            avg_speed_mps,
            easy_mps,
        } => format!(
            "{kind}: {} at {}{}",
            clock(*elapsed_s),
            pace(*avg_speed_mps),
            easy_mps.map_or(String::new(), |e| format!(" vs easy {}", pace(e)))
        ),
        WorkoutEvidence::Strides {
            count,
            mean_elapsed_s,
            easy_mps,
        } => format!(
            "{kind}: {count} strides of ~{mean_elapsed_s:.0} s on an easy run at {}",
            pace(*easy_mps)
        ),
        WorkoutEvidence::Race {
            standard_m,
            elapsed_s,
            km_cv,
            hr_frac,
            named,
            ..
        } => {
            let hr = hr_frac
                .map(|h| format!(", heart rate {:.0}% of its peak", h * 100.0))
                .unwrap_or_default();
            let how = match (named, km_cv) {
                (true, _) => ", named a race".to_string(),
                (false, Some(cv)) => format!(", even (km pace varied {:.1}%)", cv * 100.0),
                (false, None) => String::new(),
            };
            format!(
                "{kind}: {} in {} at {}{how}{hr}",
                race_name(*standard_m),
                clock(*elapsed_s),
                pace(standard_m / elapsed_s.max(1e-9)),
            )
        }
        WorkoutEvidence::Fartlek {
            surges,
            shortest_s,
            longest_s,
            mean_speed_mps,
            easy_mps,
        } => format!(
            "{kind}: {surges} surges of {shortest_s:.0}–{longest_s:.0} s at {} vs easy {}",
            pace(*mean_speed_mps),
            pace(*easy_mps)
        ),
        WorkoutEvidence::Progression {
            km,
            first_mps,
            last_mps,
        } => format!(
            "{kind}: {km} km from {} to {}",
            pace(*first_mps),
            pace(*last_mps)
        ),
        WorkoutEvidence::RunWalk {
            walk_breaks,
            running_mps,
            walking_frac,
        } => format!(
            "{kind}: running at {} with {walk_breaks} walking breaks ({:.0}% walked)",
            pace(*running_mps),
            walking_frac * 100.0
        ),
        WorkoutEvidence::Other {
            why,
            moving_s,
            distance_m,
        } => {
            let what = match why {
                OtherReason::TooShort => "too short to read as a run",
                OtherReason::NoDistance => "no distance recorded",
                OtherReason::Sparse => "samples too far apart to read",
                OtherReason::Walked => "walked throughout",
            };
            format!(
                "{kind}: {what} ({} moving, {})",
                clock(*moving_s),
                units.distance(*distance_m)
            )
        }
        WorkoutEvidence::Steady {
            distance_m,
            moving_s,
            timer_s,
            avg_mps,
            fast_finish,
        } => {
            let dist = format!(
                "{:.1} {}",
                distance_m / units.unit_m(),
                units.distance_label()
            );
            match w.kind {
                crate::segment::WorkoutType::Long => {
                    let finish = fast_finish.map_or(String::new(), |f| {
                        format!(
                            ", fast finish: last {:.1} {} in {} at {}",
                            f.distance_m / units.unit_m(),
                            units.distance_label(),
                            clock(f.elapsed_s),
                            pace(f.avg_speed_mps)
                        )
                    });
                    // The time that made it long: moving, or the timer when that is clearly longer
                    // (stops count toward a long run); the pace is always over moving time.
                    if *timer_s > moving_s + 60.0 {
                        format!(
                            "{kind}: {dist} in {} ({} moving at {}){finish}",
                            clock(*timer_s),
                            clock(*moving_s),
                            pace(*avg_mps)
                        )
                    } else {
                        format!(
                            "{kind}: {dist} in {} at {}{finish}",
                            clock(*moving_s),
                            pace(*avg_mps)
                        )
                    }
                }
                crate::segment::WorkoutType::Recovery => {
                    format!("{kind}: {} at {}", clock(*moving_s), pace(*avg_mps))
                }
                _ => format!("{kind}: {dist} at {}", pace(*avg_mps)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(
            pace_label(crate::model::MILE_M / 358.0, Units::Imperial),
            "5:58/mi"
        );
        assert_eq!(pace_label(1000.0 / 300.0, Units::Metric), "5:00/km");
        assert_eq!(pace_label(0.0, Units::Imperial), "–/mi");
    }

    /// A steady run's line repeats the header's numbers (the watch's), not the sample clock's.
    #[test]
    fn a_steady_line_uses_the_headline_totals() {
        let w = Workout {
            kind: crate::segment::WorkoutType::Long,
            evidence: WorkoutEvidence::Steady {
                distance_m: 17_000.0,
                moving_s: 4713.0,
                timer_s: 4713.0,
                avg_mps: 17_000.0 / 4713.0,
                fast_finish: None,
            },
            structure_source: None,
        };
        let summary = crate::analysis::Summary {
            distance_m: Some(17_060.0),
            moving_s: 4701.0,
            timer_s: 4701.0,
            avg_speed_mps: Some(17_060.0 / 4701.0),
            ..Default::default()
        };
        let line = reason_with_totals(&w, &summary, Units::Metric);
        assert_eq!(line, "long: 17.1 km in 1:18:21 at 4:36/km");
        // With its fast finish named.
        let mut fast = w.clone();
        if let WorkoutEvidence::Steady { fast_finish, .. } = &mut fast.evidence {
            *fast_finish = Some(crate::segment::classify::FastFinish {
                start_s: 3436.0,
                end_s: 4701.0,
                distance_m: 5_000.0,
                elapsed_s: 1265.0,
                avg_speed_mps: 5_000.0 / 1265.0,
            });
        }
        assert_eq!(
            reason_with_totals(&fast, &summary, Units::Metric),
            "long: 17.1 km in 1:18:21 at 4:36/km, fast finish: last 5.0 km in 21:05 at 4:13/km"
        );
    }
}
