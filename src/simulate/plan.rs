//! The workout plan language: `2mi @ 9:00/mi; 6 x 400m @ 1:30 rest 2:00 jog; 4 x 20s strides`.
//!
//! A plan is a list of steps separated by `;`. Each step is `[N x] [AMOUNT] [WORDS] [@ PACE]
//! [rest [AMOUNT] [jog|walk|stand]]`, or a setting (`track`, `treadmill`, `laps=mile`, ...).
//! docs/simulator.md is the reference.

use crate::error::{Error, Result};

use crate::model::MILE_M;

/// How much of a step: a distance or a duration.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Amount {
    /// Metres.
    Distance(f64),
    /// Seconds.
    Duration(f64),
}

/// A named effort level, turned into a speed by the runner's profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effort {
    /// Very easy jogging.
    Recovery,
    /// Conversational pace.
    Easy,
    /// Long-run pace.
    Long,
    /// Comfortably hard, about one-hour race pace.
    Tempo,
    /// 10 km race pace.
    TenK,
    /// 5 km race pace.
    FiveK,
    /// Mile race pace.
    Mile,
    /// Flat-out sprint.
    Sprint,
}

/// A step's pace.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    /// An explicit speed in m/s (from `9:00/mi` or `4:30/km`).
    Speed(f64),
    /// A target time in seconds for the step's distance (`400m @ 1:30`).
    RepTime(f64),
    /// A named effort.
    Effort(Effort),
}

/// What a step is, from its words (`Auto` when it has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// No kind word: warm-up before the first hard step, cool-down after the last, else easy.
    Auto,
    /// `wu`, `warmup`.
    Warmup,
    /// `cd`, `cooldown`.
    Cooldown,
    /// `easy`.
    Easy,
    /// `long`.
    Long,
    /// `recovery`.
    Recovery,
    /// `tempo`, `threshold`.
    Tempo,
    /// Repetitions with a pace (`6 x 400m @ 1:30`) or the word `reps`/`intervals`.
    Work,
    /// `strides`.
    Stride,
    /// `hill`, `hills` (sprints or repeats uphill, recovering back down).
    Hill,
    /// `tt`, `race`, `mile`, `time-trial`: a paced all-out effort.
    TimeTrial,
    /// `pause`: standing still with the timer stopped (traffic light).
    Pause,
    /// `bike`: a cycling session.
    Bike,
    /// `swim`: a pool swim.
    Swim,
}

/// How the runner recovers between repetitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RestMode {
    /// Slow jog.
    Jog,
    /// Walk.
    Walk,
    /// Standing still (timer running).
    Stand,
}

/// Recovery between repetitions. `amount: None` means "back to where the rep started"
/// (hill repeats: jog or walk back down).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Rest {
    /// Distance or duration of the recovery, or `None` for back to the start mark.
    pub amount: Option<Amount>,
    /// Jog, walk or stand.
    pub mode: RestMode,
    /// Pace of the recovery (`rest 400m jog @ easy`); `None`: the mode's speed (jog, walk, stand).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pace: Option<Pace>,
}

/// Pacing pattern of a time trial, per 400 m lap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pacing {
    /// Every lap on goal pace.
    Even,
    /// The coached mile: lap 1 a second slow, laps 2–3 on pace, lap 4 fastest with each 100 m faster.
    Coached,
    /// Fast start and fading laps.
    Fade,
}

/// One step of a plan.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Step {
    /// What the step is.
    pub kind: StepKind,
    /// Number of repetitions (1 for continuous steps).
    pub reps: u32,
    /// Distance or duration of one repetition (`None`: the kind's default).
    pub amount: Option<Amount>,
    /// Pace (`None`: the kind's default effort).
    pub pace: Option<Pace>,
    /// Recovery between repetitions.
    pub rest: Option<Rest>,
    /// Pacing pattern (time trials).
    pub pacing: Pacing,
}

/// Where the activity happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Venue {
    /// A road loop with rolling terrain.
    Road,
    /// A 400 m track oval, lane 1.
    Track,
    /// A road loop with a real hill for hill sessions.
    Hills,
    /// A treadmill: no GPS, distance from the accelerometer.
    Treadmill,
    /// A 25 m pool: no GPS.
    Pool,
    /// A hilly trail loop: climbs of 10–30 m all the way round, noisier GPS (tree cover).
    Trail,
}

/// How the device splits laps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LapMode {
    /// Lap button pressed at every step and repetition boundary.
    Manual,
    /// Auto-lap every mile of device distance.
    Mile,
    /// Auto-lap every kilometre of device distance.
    Km,
    /// One lap for the whole activity.
    None,
}

/// Settings a plan may carry (`track; laps=manual; smart; ...`).
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct PlanSettings {
    /// Venue, if the plan names one.
    pub venue: Option<Venue>,
    /// Lap mode, if the plan names one.
    pub laps: Option<LapMode>,
    /// Smart recording (samples only when something changes), if the plan names it.
    pub smart: Option<bool>,
    /// Range of the manual lap-press delay after a boundary (s), if the plan names one
    /// (`lap-delay=0.5-3`); default [`super::laps::LAP_PRESS_DELAY_S`].
    pub lap_delay_s: Option<(f64, f64)>,
}

/// A parsed plan.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Plan {
    /// The plan text as given.
    pub text: String,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// Settings named in the plan.
    pub settings: PlanSettings,
}

impl Plan {
    /// Whether any step is structured (work, strides, hills, tempo, time trial).
    pub fn has_structure(&self) -> bool {
        self.steps.iter().any(|s| s.kind.is_hard())
    }
}

impl StepKind {
    /// Steps that make warm-up and cool-down meaningful around them.
    pub fn is_hard(self) -> bool {
        matches!(
            self,
            StepKind::Work
                | StepKind::Stride
                | StepKind::Hill
                | StepKind::Tempo
                | StepKind::TimeTrial
        )
    }
}

fn plan_err(step: &str, what: &str) -> Error {
    Error::Plan(format!("{what} in step `{}`", step.trim()))
}

/// Parse a plan. Errors name the step that could not be read.
pub fn parse_plan(text: &str) -> Result<Plan> {
    let mut plan = Plan {
        text: text.to_string(),
        steps: Vec::new(),
        settings: PlanSettings::default(),
    };
    for raw in text.split([';', '\n']) {
        if raw.trim().is_empty() {
            continue;
        }
        if parse_setting(raw, &mut plan.settings)? {
            continue;
        }
        plan.steps.push(parse_step(raw)?);
    }
    if plan.steps.is_empty() {
        return Err(Error::Plan("the plan has no steps".into()));
    }
    Ok(plan)
}

fn parse_setting(raw: &str, s: &mut PlanSettings) -> Result<bool> {
    let t = raw.trim().to_ascii_lowercase();
    let venue = match t.as_str() {
        "track" => Some(Venue::Track),
        "road" => Some(Venue::Road),
        "hills" | "hill-loop" => Some(Venue::Hills),
        "treadmill" => Some(Venue::Treadmill),
        "pool" => Some(Venue::Pool),
        "trail" => Some(Venue::Trail),
        "smart" => {
            s.smart = Some(true);
            return Ok(true);
        }
        _ => None,
    };
    if venue.is_some() {
        s.venue = venue;
        return Ok(true);
    }
    if let Some(v) = t.strip_prefix("laps=").or_else(|| t.strip_prefix("laps ")) {
        s.laps = Some(parse_lap_mode(v.trim()).ok_or_else(|| plan_err(raw, "unknown lap mode"))?);
        return Ok(true);
    }
    if let Some(v) = t
        .strip_prefix("lap-delay=")
        .or_else(|| t.strip_prefix("lapdelay="))
    {
        s.lap_delay_s =
            Some(parse_delay_range(v.trim()).ok_or_else(|| plan_err(raw, "bad lap delay"))?);
        return Ok(true);
    }
    Ok(false)
}

/// Parse a lap-press delay range in seconds: `0.5-3`, `0.5-3s`, or one value `2s` (no spread).
/// The range must be ordered and within 0–10 s.
pub fn parse_delay_range(v: &str) -> Option<(f64, f64)> {
    let v = v.strip_suffix('s').unwrap_or(v);
    let (a, b) = match v.split_once('-') {
        Some((a, b)) => (a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?),
        None => {
            let x = v.trim().parse::<f64>().ok()?;
            (x, x)
        }
    };
    (a.is_finite() && b.is_finite() && 0.0 <= a && a <= b && b <= 10.0).then_some((a, b))
}

/// Parse a lap mode name: `manual`, `mile`, `km`, `none`.
pub fn parse_lap_mode(s: &str) -> Option<LapMode> {
    match s {
        "manual" => Some(LapMode::Manual),
        "mile" | "mi" | "auto" => Some(LapMode::Mile),
        "km" => Some(LapMode::Km),
        "none" | "off" => Some(LapMode::None),
        _ => None,
    }
}

fn tokenize(raw: &str) -> Vec<String> {
    let spaced = raw
        .replace('@', " @ ")
        .replace('×', " x ")
        .to_ascii_lowercase();
    let mut out = Vec::new();
    for tok in spaced.split_whitespace() {
        // "6x" / "6x400m" → "6", "x", "400m"
        if let Some(pos) = tok.find('x') {
            let (a, b) = tok.split_at(pos);
            if !a.is_empty() && a.chars().all(|c| c.is_ascii_digit()) {
                out.push(a.to_string());
                out.push("x".to_string());
                if b.len() > 1 {
                    out.push(b[1..].to_string());
                }
                continue;
            }
        }
        out.push(tok.to_string());
    }
    out
}

fn parse_step(raw: &str) -> Result<Step> {
    let toks = tokenize(raw);
    let mut step = Step {
        kind: StepKind::Auto,
        reps: 1,
        amount: None,
        pace: None,
        rest: None,
        pacing: Pacing::Coached,
    };
    let mut i = 0;
    if toks.len() >= 2 && toks[1] == "x" {
        step.reps = toks[0]
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=200).contains(n))
            .ok_or_else(|| plan_err(raw, "bad repetition count"))?;
        i = 2;
    }
    let mut explicit_pacing = false;
    while i < toks.len() {
        let t = toks[i].as_str();
        i += 1;
        if t == "@" {
            let p = toks
                .get(i)
                .ok_or_else(|| plan_err(raw, "missing pace after @"))?;
            step.pace = Some(parse_pace(p).ok_or_else(|| plan_err(raw, "unreadable pace"))?);
            i += 1;
            continue;
        }
        if t == "rest" || t == "recover" || t == "rec" {
            let mut rest = Rest {
                amount: None,
                mode: RestMode::Jog,
                pace: None,
            };
            while let Some(next) = toks.get(i) {
                if next == "@" {
                    // a pace after `rest` is the recovery's pace
                    let p = toks
                        .get(i + 1)
                        .ok_or_else(|| plan_err(raw, "missing pace after @"))?;
                    rest.pace =
                        Some(parse_pace(p).ok_or_else(|| plan_err(raw, "unreadable pace"))?);
                    i += 1;
                } else if let Some(a) = parse_amount(next) {
                    rest.amount = Some(a);
                } else if let Some(m) = parse_rest_mode(next) {
                    rest.mode = m;
                } else {
                    break;
                }
                i += 1;
            }
            step.rest = Some(rest);
            continue;
        }
        if let Some(p) = parse_pacing(t) {
            step.pacing = p;
            explicit_pacing = true;
            continue;
        }
        if let Some(k) = parse_kind(t) {
            if t == "mile" && step.amount.is_none() {
                step.amount = Some(Amount::Distance(MILE_M));
            }
            // "hill sprints": keep the more specific kind
            if !(step.kind == StepKind::Hill && k == StepKind::Stride) {
                step.kind = k;
            }
            continue;
        }
        if step.amount.is_none()
            && let Some(a) = parse_amount(t)
        {
            step.amount = Some(a);
            continue;
        }
        return Err(plan_err(raw, &format!("unknown word `{t}`")));
    }
    if step.kind == StepKind::Auto && (step.reps > 1 || step.rest.is_some()) {
        step.kind = StepKind::Work;
    }
    if step.kind != StepKind::TimeTrial && !explicit_pacing {
        step.pacing = Pacing::Even;
    }
    if matches!(step.kind, StepKind::Pause) && step.amount.is_none() {
        step.amount = Some(Amount::Duration(45.0));
    }
    if let (Some(Pace::RepTime(_)), Some(Amount::Duration(_)) | None) = (step.pace, step.amount) {
        return Err(plan_err(
            raw,
            "a bare pace time needs a distance (use /mi or /km)",
        ));
    }
    if step.amount.is_none() && !matches!(step.kind, StepKind::Stride | StepKind::Hill) {
        return Err(plan_err(raw, "missing distance or duration"));
    }
    Ok(step)
}

fn parse_kind(t: &str) -> Option<StepKind> {
    Some(match t {
        "wu" | "warmup" | "warm-up" => StepKind::Warmup,
        "cd" | "cooldown" | "cool-down" => StepKind::Cooldown,
        "easy" => StepKind::Easy,
        "long" => StepKind::Long,
        "recovery" => StepKind::Recovery,
        "tempo" | "threshold" => StepKind::Tempo,
        "reps" | "intervals" | "interval" => StepKind::Work,
        "strides" | "stride" | "sprint" | "sprints" => StepKind::Stride,
        "hill" | "hills" | "uphill" => StepKind::Hill,
        "tt" | "race" | "time-trial" | "trial" | "mile" => StepKind::TimeTrial,
        "pause" | "stop" | "light" => StepKind::Pause,
        "bike" | "ride" | "cycling" => StepKind::Bike,
        "swim" | "swimming" => StepKind::Swim,
        _ => return None,
    })
}

fn parse_pacing(t: &str) -> Option<Pacing> {
    match t {
        "even" => Some(Pacing::Even),
        "coached" => Some(Pacing::Coached),
        "fade" | "positive" => Some(Pacing::Fade),
        _ => None,
    }
}

fn parse_rest_mode(t: &str) -> Option<RestMode> {
    match t {
        "jog" | "jogging" | "jog-down" | "jog-back" => Some(RestMode::Jog),
        "walk" | "walking" | "walk-down" | "walk-back" => Some(RestMode::Walk),
        "stand" | "standing" | "still" => Some(RestMode::Stand),
        _ => None,
    }
}

/// Parse `M:SS`, `H:MM:SS` or `SS` with optional fraction into seconds.
pub fn parse_clock(t: &str) -> Option<f64> {
    let parts: Vec<&str> = t.split(':').collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let mut total = 0.0;
    for p in &parts {
        let v: f64 = p.parse().ok()?;
        if !v.is_finite() || v < 0.0 {
            return None;
        }
        total = total * 60.0 + v;
    }
    Some(total)
}

/// Parse an amount: `400m`, `5km`, `5k`, `2mi`, `1.5miles`, `20s`, `10min`, `1h`, `1:30`.
pub fn parse_amount(t: &str) -> Option<Amount> {
    if t.contains(':') {
        return parse_clock(t).filter(|v| *v > 0.0).map(Amount::Duration);
    }
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let v: f64 = num.parse().ok()?;
    if !(v.is_finite() && v > 0.0) {
        return None;
    }
    Some(match unit {
        "m" => Amount::Distance(v),
        "km" | "k" => Amount::Distance(v * 1000.0),
        "mi" | "mile" | "miles" => Amount::Distance(v * MILE_M),
        "s" | "sec" | "secs" => Amount::Duration(v),
        "min" | "mins" | "'" => Amount::Duration(v * 60.0),
        "h" | "hr" | "hrs" => Amount::Duration(v * 3600.0),
        _ => return None,
    })
}

/// Parse a pace: `9:00/mi`, `4:30/km`, `1:30` (time for the step distance), `75s`, or an effort word.
pub fn parse_pace(t: &str) -> Option<Pace> {
    let effort = match t {
        "recovery" => Some(Effort::Recovery),
        "easy" => Some(Effort::Easy),
        "long" => Some(Effort::Long),
        "tempo" | "threshold" => Some(Effort::Tempo),
        "10k" => Some(Effort::TenK),
        "5k" => Some(Effort::FiveK),
        "mile" => Some(Effort::Mile),
        "max" | "sprint" | "all-out" => Some(Effort::Sprint),
        _ => None,
    };
    if let Some(e) = effort {
        return Some(Pace::Effort(e));
    }
    if let Some((clock, unit)) = t.split_once('/') {
        let secs = parse_clock(clock).filter(|v| *v > 0.0)?;
        let per = match unit {
            "mi" | "mile" => MILE_M,
            "km" => 1000.0,
            "400m" | "400" => 400.0,
            _ => return None,
        };
        return Some(Pace::Speed(per / secs));
    }
    if let Some(Amount::Duration(s)) = parse_amount(t) {
        return Some(Pace::RepTime(s));
    }
    parse_clock(t).filter(|v| *v > 0.0).map(Pace::RepTime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_issue_example() {
        let p = parse_plan(
            "2mi @ 9:00/mi; 6 x 400m @ 1:30 rest 2:00 jog; 4 x 20s strides; 1mi @ 9:30/mi",
        )
        .unwrap();
        assert_eq!(p.steps.len(), 4);
        assert_eq!(p.steps[0].kind, StepKind::Auto);
        assert_eq!(p.steps[0].amount, Some(Amount::Distance(2.0 * MILE_M)));
        let s = &p.steps[1];
        assert_eq!((s.kind, s.reps), (StepKind::Work, 6));
        assert_eq!(s.pace, Some(Pace::RepTime(90.0)));
        assert_eq!(
            s.rest,
            Some(Rest {
                amount: Some(Amount::Duration(120.0)),
                mode: RestMode::Jog,
                pace: None,
            })
        );
        assert_eq!((p.steps[2].kind, p.steps[2].reps), (StepKind::Stride, 4));
        assert_eq!(p.steps[2].amount, Some(Amount::Duration(20.0)));
        match p.steps[3].pace {
            Some(Pace::Speed(v)) => assert!((v - MILE_M / 570.0).abs() < 1e-9),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn parses_settings_and_kinds() {
        let p = parse_plan("track; laps=manual; 15min wu; mile tt @ 6:00 coached; 8x10s hill sprints rest walk; pause 40s; bike 45min")
            .unwrap();
        assert_eq!(p.settings.venue, Some(Venue::Track));
        assert_eq!(p.settings.laps, Some(LapMode::Manual));
        assert_eq!(p.steps[1].kind, StepKind::TimeTrial);
        assert_eq!(p.steps[1].amount, Some(Amount::Distance(MILE_M)));
        assert_eq!(p.steps[1].pacing, Pacing::Coached);
        assert_eq!(p.steps[2].kind, StepKind::Hill);
        assert_eq!(p.steps[2].rest.unwrap().amount, None);
        assert_eq!(p.steps[3].kind, StepKind::Pause);
        assert_eq!(p.steps[4].kind, StepKind::Bike);
    }

    #[test]
    fn parses_rest_pace_lap_delay_and_trail() {
        let p = parse_plan("trail; lap-delay=0.5-3; 6 x 800m @ 10k rest 400m jog @ easy; 1mi cd")
            .unwrap();
        assert_eq!(p.settings.venue, Some(Venue::Trail));
        assert_eq!(p.settings.lap_delay_s, Some((0.5, 3.0)));
        let s = &p.steps[0];
        assert_eq!(s.pace, Some(Pace::Effort(Effort::TenK)));
        assert_eq!(
            s.rest,
            Some(Rest {
                amount: Some(Amount::Distance(400.0)),
                mode: RestMode::Jog,
                pace: Some(Pace::Effort(Effort::Easy)),
            })
        );
        assert_eq!(parse_delay_range("2s"), Some((2.0, 2.0)));
        assert_eq!(parse_delay_range("3-0.5"), None);
        assert!(parse_plan("lap-delay=soon; 5mi easy").is_err());
        assert!(parse_plan("6 x 400m rest 60s @").is_err());
        // a rest without a pace serialises as before (no `pace` key)
        let rest = parse_plan("4 x 400m rest 60s").unwrap().steps[0].rest;
        let json = serde_json::to_string(&rest).unwrap();
        assert_eq!(json, r#"{"amount":{"duration":60.0},"mode":"jog"}"#);
    }

    #[test]
    fn rejects_nonsense() {
        assert!(parse_plan("").is_err());
        assert!(parse_plan("6 x banana").is_err());
        assert!(parse_plan("20min @ 1:30").is_err());
        assert!(parse_plan("0 x 400m").is_err());
        assert!(parse_plan("easy").is_err());
    }
}
