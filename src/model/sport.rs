//! Sport of an activity, normalized across FIT, GPX and TCX spellings.

use serde::Serialize;

/// The sport an activity was recorded as, in the contract's lower-case spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Sport {
    /// Running, including trail, track and treadmill running.
    Running,
    /// Cycling of any kind (road, mountain, indoor).
    Cycling,
    /// Pool or open-water swimming.
    Swimming,
    /// Walking.
    Walking,
    /// Hiking.
    Hiking,
    /// Rowing, indoor or on water.
    Rowing,
    /// A multisport container whose legs were not split.
    Multisport,
    /// Anything else, or not stated in the file.
    #[default]
    Other,
}

impl Sport {
    /// The contract spelling (`running`, `cycling`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Sport::Running => "running",
            Sport::Cycling => "cycling",
            Sport::Swimming => "swimming",
            Sport::Walking => "walking",
            Sport::Hiking => "hiking",
            Sport::Rowing => "rowing",
            Sport::Multisport => "multisport",
            Sport::Other => "other",
        }
    }

    /// Parse a sport name as written by FIT profiles, GPX `<type>` and TCX `Sport=`.
    /// Unknown names map to [`Sport::Other`]. Case and separators are ignored.
    pub fn from_name(name: &str) -> Sport {
        let n: String = name
            .trim()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match n.as_str() {
            "running" | "run" | "trailrunning" | "treadmillrunning" | "treadmill" | "9" => {
                Sport::Running
            }
            "cycling" | "biking" | "bike" | "ride" | "virtualride" | "ebikeride" | "1" => {
                Sport::Cycling
            }
            "swimming" | "swim" | "5" => Sport::Swimming,
            "walking" | "walk" => Sport::Walking,
            "hiking" | "hike" => Sport::Hiking,
            "rowing" | "row" | "indoorrowing" => Sport::Rowing,
            "multisport" => Sport::Multisport,
            _ => Sport::Other,
        }
    }

    /// Whether cadence for this sport counts steps (one foot per stride), so FIT's per-foot
    /// value is doubled. Cycling and rowing cadence are rpm / strokes and never doubled.
    pub fn is_on_foot(self) -> bool {
        matches!(self, Sport::Running | Sport::Walking | Sport::Hiking)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_spellings() {
        assert_eq!(Sport::from_name("Running"), Sport::Running);
        assert_eq!(Sport::from_name("Biking"), Sport::Cycling);
        assert_eq!(Sport::from_name("trail_running"), Sport::Running);
        assert_eq!(Sport::from_name("Other"), Sport::Other);
        assert_eq!(Sport::from_name("fitness_equipment"), Sport::Other);
    }
}
