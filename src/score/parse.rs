//! Parsing of goal arguments: `400m=1:30`, `1mi=6:00`, `5k=20:00`, and clock times.

use super::Goal;

/// Seconds from `ss`, `m:ss`, `h:mm:ss` (fractions allowed on the seconds).
pub fn parse_clock(s: &str) -> Option<f64> {
    let parts: Vec<&str> = s.trim().split(':').collect();
    if parts.is_empty() || parts.len() > 3 {
        return None;
    }
    let mut total = 0.0;
    for (i, p) in parts.iter().enumerate() {
        let v: f64 = p.trim().parse().ok()?;
        if !(v.is_finite() && v >= 0.0) || (i > 0 && v >= 60.0) {
            return None;
        }
        total = total * 60.0 + v;
    }
    (total > 0.0).then_some(total)
}

/// Metres from `400m`, `400`, `1.5km`, `5k`, `1mi`, `mile`.
pub fn parse_distance(s: &str) -> Option<f64> {
    let s = s.trim().to_ascii_lowercase();
    if s == "mile" {
        return Some(crate::model::MILE_M);
    }
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let v: f64 = num.parse().ok()?;
    let m = match unit.trim() {
        "" | "m" => v,
        "k" | "km" => v * 1000.0,
        "mi" | "mile" | "miles" => v * 1609.344,
        _ => return None,
    };
    (m.is_finite() && m > 0.0).then_some(m)
}

/// A goal `DIST=TIME`, e.g. `400m=1:30`.
pub fn parse_goal(s: &str) -> Result<Goal, String> {
    let (d, t) = s
        .split_once('=')
        .ok_or_else(|| format!("expected DIST=TIME (e.g. 400m=1:30), got '{s}'"))?;
    let distance_m =
        parse_distance(d).ok_or_else(|| format!("bad distance '{d}' (e.g. 400m, 1km, 1mi)"))?;
    let time_s = parse_clock(t).ok_or_else(|| format!("bad time '{t}' (e.g. 1:30 or 90)"))?;
    Ok(Goal { distance_m, time_s })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_goals_and_clocks() {
        assert_eq!(parse_clock("5:30"), Some(330.0));
        assert_eq!(parse_clock("1:02:03"), Some(3723.0));
        assert_eq!(parse_clock("75"), Some(75.0));
        assert_eq!(parse_clock("1:75"), None);
        assert_eq!(parse_clock("x"), None);
        let g = parse_goal("400m=1:30").unwrap_or(Goal {
            distance_m: 0.0,
            time_s: 0.0,
        });
        assert_eq!((g.distance_m, g.time_s), (400.0, 90.0));
        assert_eq!(parse_distance("5k"), Some(5000.0));
        assert_eq!(parse_distance("1mi"), Some(1609.344));
        assert!(parse_goal("400m").is_err());
        assert!(parse_goal("400q=1:00").is_err());
    }
}
