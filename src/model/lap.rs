//! A device lap as recorded in the file.

use serde::Serialize;

/// What a lap was in the session, as the device says (FIT `intensity`, TCX `Intensity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LapIntensity {
    /// Running (FIT `active`, TCX `Active`).
    Active,
    /// Resting (FIT `rest`, TCX `Resting`).
    Rest,
    /// Warm-up.
    Warmup,
    /// Cool-down.
    Cooldown,
    /// Recovery.
    Recovery,
    /// Interval (work).
    Interval,
    /// Anything else the file names.
    Other,
}

impl LapIntensity {
    /// The intensity a FIT profile name or TCX value names (case-insensitive); unknown names are
    /// [`LapIntensity::Other`].
    pub fn from_name(name: &str) -> LapIntensity {
        match name.trim().to_ascii_lowercase().as_str() {
            "active" => LapIntensity::Active,
            "rest" | "resting" => LapIntensity::Rest,
            "warmup" => LapIntensity::Warmup,
            "cooldown" => LapIntensity::Cooldown,
            "recovery" => LapIntensity::Recovery,
            "interval" => LapIntensity::Interval,
            _ => LapIntensity::Other,
        }
    }

    /// The output spelling (`active`, `rest`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            LapIntensity::Active => "active",
            LapIntensity::Rest => "rest",
            LapIntensity::Warmup => "warmup",
            LapIntensity::Cooldown => "cooldown",
            LapIntensity::Recovery => "recovery",
            LapIntensity::Interval => "interval",
            LapIntensity::Other => "other",
        }
    }
}

/// What ended a lap, as the device says (FIT `lap_trigger`, TCX `TriggerMethod`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LapTrigger {
    /// The lap button.
    Manual,
    /// A time auto-lap.
    Time,
    /// A distance auto-lap.
    Distance,
    /// Passing the start position (FIT `position_start`).
    PositionStart,
    /// A position lap (FIT `position_lap`).
    PositionLap,
    /// A waypoint (FIT `position_waypoint`).
    PositionWaypoint,
    /// A marked position (FIT `position_marked`).
    PositionMarked,
    /// A location (TCX `Location`).
    Location,
    /// The end of the session.
    SessionEnd,
    /// Fitness equipment.
    FitnessEquipment,
    /// A heart-rate trigger (TCX `HeartRate`).
    HeartRate,
    /// Anything else the file names.
    Other,
}

impl LapTrigger {
    /// The trigger a FIT profile name or TCX value names (case-insensitive); unknown names are
    /// [`LapTrigger::Other`].
    pub fn from_name(name: &str) -> LapTrigger {
        match name.trim().to_ascii_lowercase().as_str() {
            "manual" => LapTrigger::Manual,
            "time" => LapTrigger::Time,
            "distance" => LapTrigger::Distance,
            "position_start" => LapTrigger::PositionStart,
            "position_lap" => LapTrigger::PositionLap,
            "position_waypoint" => LapTrigger::PositionWaypoint,
            "position_marked" => LapTrigger::PositionMarked,
            "location" => LapTrigger::Location,
            "session_end" => LapTrigger::SessionEnd,
            "fitness_equipment" => LapTrigger::FitnessEquipment,
            "heartrate" | "heart_rate" => LapTrigger::HeartRate,
            _ => LapTrigger::Other,
        }
    }

    /// The output spelling (`manual`, `distance`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            LapTrigger::Manual => "manual",
            LapTrigger::Time => "time",
            LapTrigger::Distance => "distance",
            LapTrigger::PositionStart => "position_start",
            LapTrigger::PositionLap => "position_lap",
            LapTrigger::PositionWaypoint => "position_waypoint",
            LapTrigger::PositionMarked => "position_marked",
            LapTrigger::Location => "location",
            LapTrigger::SessionEnd => "session_end",
            LapTrigger::FitnessEquipment => "fitness_equipment",
            LapTrigger::HeartRate => "heart_rate",
            LapTrigger::Other => "other",
        }
    }
}

/// One lap as the device recorded it. Times are seconds of elapsed time since the activity's
/// first sample; values the file does not have are `None` (never 0).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Lap {
    /// Lap start, elapsed seconds since the activity's first sample.
    pub start_s: f64,
    /// Lap end, elapsed seconds since the activity's first sample.
    pub end_s: f64,
    /// Device's lap distance in metres.
    pub distance_m: Option<f64>,
    /// Device's timer (moving-clock) time in seconds.
    pub timer_s: Option<f64>,
    /// Device's elapsed time in seconds.
    pub elapsed_s: Option<f64>,
    /// Average heart rate in bpm.
    pub avg_hr_bpm: Option<f64>,
    /// Maximum heart rate in bpm.
    pub max_hr_bpm: Option<f64>,
    /// Average cadence in steps/min (running) or rpm (cycling), normalized at ingest.
    pub avg_cadence_spm: Option<f64>,
    /// Average speed in m/s as the device stated it.
    pub avg_speed_mps: Option<f64>,
    /// Total ascent in metres.
    pub ascent_m: Option<f64>,
    /// Total descent in metres.
    pub descent_m: Option<f64>,
    /// FIT `intensity` or TCX `Intensity`.
    pub intensity: Option<LapIntensity>,
    /// FIT `lap_trigger` or TCX `TriggerMethod`.
    pub trigger: Option<LapTrigger>,
    /// Index of the structured-workout step this lap belongs to, where the file says.
    pub wkt_step_index: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_tcx_spellings_map() {
        for n in [
            "active", "rest", "warmup", "cooldown", "recovery", "interval",
        ] {
            assert_eq!(LapIntensity::from_name(n).as_str(), n);
        }
        assert_eq!(LapIntensity::from_name("Resting"), LapIntensity::Rest);
        assert_eq!(LapIntensity::from_name("Active"), LapIntensity::Active);
        assert_eq!(LapIntensity::from_name("sprint"), LapIntensity::Other);
        for n in [
            "manual",
            "time",
            "distance",
            "position_start",
            "session_end",
            "location",
        ] {
            assert_eq!(LapTrigger::from_name(n).as_str(), n);
        }
        assert_eq!(LapTrigger::from_name("HeartRate"), LapTrigger::HeartRate);
        assert_eq!(LapTrigger::from_name("Manual"), LapTrigger::Manual);
    }
}
