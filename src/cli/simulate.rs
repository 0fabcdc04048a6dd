//! `lapwise simulate`: write simulated workouts (FIT, GPX, TCX) with truth files.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::{NaiveDate, NaiveDateTime};

use lapwise::simulate::plan::{Venue, parse_lap_mode};
use lapwise::simulate::season::{SeasonOptions, formats_for, simulate_season};
use lapwise::simulate::{self, OutputFormat, SimOptions};

/// Arguments of `lapwise simulate`.
#[derive(Debug, Clone, clap::Args)]
pub struct SimulateArgs {
    /// Workout plan, e.g. "2mi @ 9:00/mi; 6 x 400m @ 1:30 rest 2:00 jog; 4 x 20s strides; 1mi @ 9:30/mi"
    /// (see docs/simulator.md). Omit with --season.
    pub plan: Option<String>,
    /// Seed of every random draw; the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output format; `all` writes FIT, GPX and TCX. Default: from --out's extension, else fit.
    #[arg(long, value_parser = ["fit", "gpx", "tcx", "all"])]
    pub format: Option<String>,
    /// Output file (single workout) or directory (--season). The truth goes beside as NAME.truth.json.
    #[arg(long)]
    pub out: PathBuf,
    /// Simulate a training block starting on this date (YYYY-MM-DD) into the --out directory.
    #[arg(long, value_name = "DATE")]
    pub season: Option<NaiveDate>,
    /// Weeks in the season block.
    #[arg(long, default_value_t = 8)]
    pub weeks: u32,
    /// With --season: a runner whose maximal efforts follow a critical-speed model with this CS
    /// (e.g. 4.2m/s, or a pace such as 6:23/mi); the block then holds a 2-mile and a 5 km time
    /// trial beside the mile trials, and fitness does not change.
    #[arg(long, value_name = "SPEED", requires = "season", value_parser = parse_cs)]
    pub cs: Option<f64>,
    /// D′ of that runner (m).
    #[arg(long, value_name = "METRES", default_value_t = 200.0, requires = "cs")]
    pub d_prime: f64,
    /// Local start time of a single workout (YYYY-MM-DDTHH:MM).
    #[arg(long, value_name = "DATETIME")]
    pub start: Option<String>,
    /// Local offset from UTC, e.g. +01:00 or -05:00.
    #[arg(long, default_value = "+01:00", allow_hyphen_values = true)]
    pub tz: String,
    /// Venue (overrides the plan): road, track, hills, treadmill, pool.
    #[arg(long)]
    pub venue: Option<String>,
    /// Device laps (overrides the plan): manual, mile, km, none.
    #[arg(long)]
    pub laps: Option<String>,
    /// Smart recording (samples only when something changes).
    #[arg(long)]
    pub smart: bool,
    /// No GPS noise, dropouts or spikes.
    #[arg(long)]
    pub clean: bool,
}

/// Parse `+01:00`, `-0500`, `Z` into seconds east of UTC.
pub fn parse_tz(s: &str) -> anyhow::Result<i32> {
    if s.eq_ignore_ascii_case("z") || s.eq_ignore_ascii_case("utc") {
        return Ok(0);
    }
    let (sign, rest) = match s.chars().next() {
        Some('+') => (1, &s[1..]),
        Some('-') => (-1, &s[1..]),
        _ => bail!("time zone `{s}` must look like +01:00"),
    };
    let digits: String = rest.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() != 4 && digits.len() != 2 {
        bail!("time zone `{s}` must look like +01:00");
    }
    let h: i32 = digits[..2].parse()?;
    let m: i32 = if digits.len() == 4 {
        digits[2..].parse()?
    } else {
        0
    };
    if h > 14 || m > 59 {
        bail!("time zone `{s}` is out of range");
    }
    Ok(sign * (h * 3600 + m * 60))
}

fn formats(args: &SimulateArgs, out: &Path) -> Vec<OutputFormat> {
    let name = args
        .format
        .clone()
        .or_else(|| {
            out.extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
        })
        .unwrap_or_else(|| "fit".into());
    match name.as_str() {
        "gpx" => vec![OutputFormat::Gpx],
        "tcx" => vec![OutputFormat::Tcx],
        "all" => vec![OutputFormat::Fit, OutputFormat::Gpx, OutputFormat::Tcx],
        _ => vec![OutputFormat::Fit],
    }
}

/// A critical speed as m/s (`4.2`, `4.2m/s`) or a pace (`6:23/mi`, `3:58/km`).
fn parse_cs(s: &str) -> Result<f64, String> {
    let t = s.trim();
    let v = if let Some(n) = t.strip_suffix("m/s") {
        n.trim().parse::<f64>().ok()
    } else if t.contains('/') {
        super::athlete::parse_pace(t)
    } else {
        t.parse::<f64>().ok()
    };
    match v {
        Some(v) if (2.0..=7.0).contains(&v) => Ok(v),
        _ => Err(format!(
            "bad critical speed '{s}' (e.g. 4.2m/s or 6:23/mi; 2–7 m/s)"
        )),
    }
}

/// Run `lapwise simulate`.
pub fn run(args: &SimulateArgs) -> anyhow::Result<()> {
    let tz = parse_tz(&args.tz)?;
    if let Some(start) = args.season {
        if args.plan.is_some() {
            bail!("give either a plan or --season, not both");
        }
        let opts = SeasonOptions {
            start,
            weeks: args.weeks.clamp(1, 60),
            seed: args.seed,
            formats: formats(args, Path::new("x.fit")),
            tz_offset_s: tz,
            cs: args
                .cs
                .map(|cs_mps| lapwise::simulate::physiology::CsModel {
                    cs_mps,
                    d_prime_m: args.d_prime,
                }),
        };
        let truth = simulate_season(&opts, &args.out)
            .with_context(|| format!("simulating a season into {}", args.out.display()))?;
        println!(
            "wrote {} activities to {}",
            truth.runs.len(),
            args.out.display()
        );
        return Ok(());
    }
    let Some(plan) = &args.plan else {
        bail!("give a workout plan, or --season DATE");
    };
    let mut opts = SimOptions {
        seed: args.seed,
        tz_offset_s: tz,
        ..SimOptions::default()
    };
    if let Some(s) = &args.start {
        opts.start_local = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
            .with_context(|| format!("--start `{s}` must look like 2026-03-01T07:00"))?;
    }
    opts.venue = match args.venue.as_deref() {
        None => None,
        Some("road") => Some(Venue::Road),
        Some("track") => Some(Venue::Track),
        Some("hills") => Some(Venue::Hills),
        Some("treadmill") => Some(Venue::Treadmill),
        Some("pool") => Some(Venue::Pool),
        Some(v) => bail!("unknown venue `{v}` (road, track, hills, treadmill, pool)"),
    };
    opts.laps = match args.laps.as_deref() {
        None => None,
        Some(l) => Some(parse_lap_mode(l).with_context(|| format!("unknown lap mode `{l}`"))?),
    };
    if args.smart {
        opts.smart = Some(true);
    }
    opts.device.clean = args.clean;
    let sim = simulate::simulate(plan, &opts)?;
    let mut fmts = formats(args, &args.out);
    if args.format.as_deref() == Some("all") {
        fmts = formats_for(&fmts, sim.truth.venue);
    }
    let written = simulate::write_files(&sim, &args.out, &fmts)?;
    for p in written {
        println!("wrote {}", p.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_time_zones() {
        assert_eq!(parse_tz("+01:00").unwrap(), 3600);
        assert_eq!(parse_tz("-05:30").unwrap(), -(5 * 3600 + 1800));
        assert_eq!(parse_tz("Z").unwrap(), 0);
        assert!(parse_tz("01:00").is_err());
    }
}
