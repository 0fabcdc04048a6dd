//! Strava bulk export index: `activities.csv` maps each exported file (`Filename` column,
//! e.g. `activities/1234567.fit.gz`) to the athlete's name, activity type and workout tag.
//!
//! The reader is lenient: columns are found by header name (case-insensitive), any may be
//! missing, duplicate header names (Strava repeats "Distance" and "Elapsed Time") keep the
//! first, and rows with too few fields are skipped.

use std::collections::HashMap;

use crate::model::Sport;

/// What the athlete said about one exported activity.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StravaActivity {
    /// "Activity Name".
    pub name: Option<String>,
    /// "Activity Type" as written ("Run", "Trail Run", "Ride").
    pub activity_type: Option<String>,
    /// The athlete's workout tag ("race", "long run", "workout"), from "Workout Type" or
    /// "Commute".
    pub tag: Option<String>,
}

impl StravaActivity {
    /// The sport the activity type names (`Run`, `Trail Run`, `Virtual Run` → running), or
    /// `None` when there is no type or lapwise does not know it.
    pub fn sport(&self) -> Option<Sport> {
        let t = self.activity_type.as_deref()?.to_ascii_lowercase();
        let s = Sport::from_name(&t);
        if s != Sport::Other {
            return Some(s);
        }
        let words: Vec<&str> = t.split(|c: char| !c.is_alphanumeric()).collect();
        if words.contains(&"run") {
            Some(Sport::Running)
        } else if words.contains(&"ride") {
            Some(Sport::Cycling)
        } else {
            None
        }
    }
}

/// Export metadata keyed by file name (the last path component, lower case).
#[derive(Debug, Clone, Default)]
pub struct StravaIndex {
    by_file: HashMap<String, StravaActivity>,
}

impl StravaIndex {
    /// Number of activities indexed.
    pub fn len(&self) -> usize {
        self.by_file.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.by_file.is_empty()
    }

    /// Merge another index into this one.
    pub fn extend(&mut self, other: StravaIndex) {
        self.by_file.extend(other.by_file);
    }

    /// Metadata for an activity source (`dir/activities/123.fit.gz`, `export.zip!activities/
    /// 123.fit.gz`), matched on the file name with or without `.gz`.
    pub fn lookup(&self, source: &str) -> Option<&StravaActivity> {
        let key = file_key(source);
        self.by_file.get(&key).or_else(|| {
            self.by_file
                .get(&format!("{key}.gz"))
                .or_else(|| self.by_file.get(key.trim_end_matches(".gz")))
        })
    }
}

/// The last path component of a source (after any `!` and `/` or `\`), lower case.
fn file_key(source: &str) -> String {
    source
        .rsplit(['!', '/', '\\'])
        .next()
        .unwrap_or(source)
        .to_ascii_lowercase()
}

/// Strava's numeric "Workout Type" codes: 1 race, 2 long run, 3 workout (runs); 11 race,
/// 12 workout (rides). 0 and 10 are the default and carry no tag.
fn workout_tag(raw: &str) -> Option<String> {
    let t = raw.trim();
    let tag = match t {
        "" | "0" | "10" | "0.0" | "10.0" => return None,
        "1" | "1.0" | "11" | "11.0" => "race",
        "2" | "2.0" => "long run",
        "3" | "3.0" | "12" | "12.0" => "workout",
        other => return Some(other.to_ascii_lowercase()),
    };
    Some(tag.to_string())
}

/// Parse an `activities.csv` document. Returns an empty index when there is no `Filename`
/// column.
pub fn parse_activities_csv(text: &str) -> StravaIndex {
    let mut rows = parse_csv(text).into_iter();
    let Some(header) = rows.next() else {
        return StravaIndex::default();
    };
    let col = |name: &str| {
        header.iter().position(|h| {
            h.trim()
                .trim_start_matches('\u{feff}')
                .eq_ignore_ascii_case(name)
        })
    };
    let Some(file_col) = col("Filename") else {
        return StravaIndex::default();
    };
    let (name_col, type_col) = (col("Activity Name"), col("Activity Type"));
    let (workout_col, commute_col) = (col("Workout Type"), col("Commute"));
    let field = |row: &[String], c: Option<usize>| {
        c.and_then(|c| row.get(c))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let mut by_file = HashMap::new();
    for row in rows {
        let Some(file) = field(&row, Some(file_col)) else {
            continue;
        };
        let commute = field(&row, commute_col)
            .is_some_and(|c| matches!(c.to_ascii_lowercase().as_str(), "true" | "1" | "yes"));
        let tag = field(&row, workout_col)
            .and_then(|w| workout_tag(&w))
            .or_else(|| commute.then(|| "commute".to_string()));
        by_file.insert(
            file_key(&file),
            StravaActivity {
                name: field(&row, name_col),
                activity_type: field(&row, type_col),
                tag,
            },
        );
    }
    StravaIndex { by_file }
}

/// RFC 4180 CSV: comma-separated, fields optionally in double quotes (which may hold commas,
/// newlines and doubled quotes). CRLF or LF line ends. Blank lines are dropped.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => in_quotes = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' => in_quotes = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                if !(row.len() == 1 && row[0].is_empty()) {
                    rows.push(std::mem::take(&mut row));
                }
                row.clear();
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_commas_and_newlines() {
        let rows = parse_csv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n1,\"two\nlines\",3\n\n");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0], vec!["a", "b,c", "say \"hi\""]);
        assert_eq!(rows[1][1], "two\nlines");
    }

    #[test]
    fn strava_index_maps_file_names() {
        let csv = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,\
                   Elapsed Time,Distance,Filename,Workout Type,Commute\n\
                   1,\"Jan 5, 2026, 7:00:00 AM\",Track 6x400,Run,\"fast, fun\",1800,8.1,\
                   activities/1.fit.gz,3,false\n\
                   2,x,Long one,Trail Run,,7200,20,activities/2.gpx,2,\n\
                   3,x,Spin,Ride,,3600,30,activities/3.fit.gz,,true\n\
                   4,x,No file,Run,,1,1,,,\n";
        let idx = parse_activities_csv(csv);
        assert_eq!(idx.len(), 3);
        let a = idx
            .lookup("export.zip!activities/1.fit.gz")
            .cloned()
            .unwrap_or_default();
        assert_eq!(a.name.as_deref(), Some("Track 6x400"));
        assert_eq!(a.tag.as_deref(), Some("workout"));
        assert_eq!(a.sport(), Some(Sport::Running));
        let b = idx
            .lookup("/x/activities/2.gpx")
            .cloned()
            .unwrap_or_default();
        assert_eq!(b.sport(), Some(Sport::Running));
        assert_eq!(b.tag.as_deref(), Some("long run"));
        let c = idx.lookup("3.fit").cloned().unwrap_or_default();
        assert_eq!(c.sport(), Some(Sport::Cycling));
        assert_eq!(c.tag.as_deref(), Some("commute"));
        assert!(idx.lookup("nope.fit").is_none());
    }

    #[test]
    fn missing_filename_column_gives_empty_index() {
        assert!(parse_activities_csv("a,b\n1,2\n").is_empty());
        assert!(parse_activities_csv("").is_empty());
    }
}
