//! The athlete profile file: where it is (`--profile FILE`, else `LAPWISE_PROFILE`, else
//! `$XDG_CONFIG_HOME/lapwise/profile.toml` or `~/.config/lapwise/profile.toml`; `--no-profile`
//! reads none), what it may hold, and `lapwise profile init`, which writes a commented one.
//! Values on the command line win over the file's (docs/metrics.md, "Coach metrics").

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde::Deserialize;

use super::athlete::{AthleteArgs, SexArg};
use super::{EXIT_OK, EXIT_USAGE};

/// The environment variable naming a profile file.
pub const PROFILE_ENV: &str = "LAPWISE_PROFILE";

/// A commented profile: every field off until the athlete fills it in.
pub const TEMPLATE: &str = r#"# lapwise athlete profile: thresholds for heart-rate and pace zones and training load.
# Uncomment and fill in what you know; a value given on the command line wins over this file.
# Every field is checked: an impossible value or an unknown key is refused, one line each.

# Maximum heart rate, bpm (100-240).
# max_hr_bpm = 190

# Resting heart rate, bpm (25-120), measured on waking.
# resting_hr_bpm = 50

# Lactate-threshold heart rate, bpm (80-230): about the average of a 30-minute solo time trial.
# threshold_hr_bpm = 170

# Threshold pace with its unit (2:00-15:00 per km): about what you can race for an hour.
# threshold_pace = "6:40/mi"

# "female" or "male": sets the weighting of Banister's TRIMP (the men's when not given).
# sex = "female"

# Year of birth (for age grading, not used yet).
# birth_year = 1990

# "imperial" (miles) or "metric" (kilometres).
# units = "imperial"

# Goal mile time: mile-effort laps are judged against it.
# goal_mile = "5:30"

# Heart-rate zones: "lthr" (shares of threshold HR, Friel) or "hrr" (shares of heart-rate
# reserve, Karvonen: needs max and resting HR).
# hr_zones = "lthr"
"#;

/// What a profile file may hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    /// Maximum heart rate, bpm.
    pub max_hr_bpm: Option<f64>,
    /// Resting heart rate, bpm.
    pub resting_hr_bpm: Option<f64>,
    /// Lactate-threshold heart rate, bpm.
    pub threshold_hr_bpm: Option<f64>,
    /// Threshold pace with its unit.
    pub threshold_pace: Option<String>,
    /// `female` or `male`.
    pub sex: Option<String>,
    /// Year of birth.
    pub birth_year: Option<i32>,
    /// `imperial` or `metric`.
    pub units: Option<String>,
    /// Goal mile time.
    pub goal_mile: Option<String>,
    /// `lthr` or `hrr`.
    pub hr_zones: Option<String>,
}

/// Which profile to read.
#[derive(Debug, Args, Default)]
pub struct ProfileArgs {
    /// Athlete profile (TOML; `lapwise profile init` writes one). Default: $LAPWISE_PROFILE, else
    /// the user's config folder (lapwise/profile.toml) when it exists.
    #[arg(long, value_name = "FILE", conflicts_with = "no_profile")]
    pub profile: Option<PathBuf>,
    /// Read no profile at all.
    #[arg(long)]
    pub no_profile: bool,
}

/// The default place of the profile: `$XDG_CONFIG_HOME/lapwise/profile.toml`, else
/// `$HOME/.config/lapwise/profile.toml`.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("lapwise").join("profile.toml"))
}

impl ProfileArgs {
    /// The profile file to read, if any: the flag, else the environment, else the default
    /// place when a file is there. A named file that does not exist is an error.
    pub fn path(&self) -> Result<Option<PathBuf>, String> {
        if self.no_profile {
            return Ok(None);
        }
        let named = self.profile.clone().or_else(|| {
            std::env::var_os(PROFILE_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        });
        match named {
            Some(p) if p.is_file() => Ok(Some(p)),
            Some(p) => Err(format!("profile {}: no such file", p.display())),
            None => Ok(default_path().filter(|p| p.is_file())),
        }
    }
}

/// A read profile, ready to merge under the command line's values.
#[derive(Debug, Default)]
pub struct Profile {
    /// The thresholds as the command line would give them.
    pub athlete: AthleteArgs,
    /// Units, when the file sets them (`true` = metric).
    pub metric: Option<bool>,
    /// Goal mile time (s).
    pub goal_mile_s: Option<f64>,
}

/// Read and check a profile file: one line per bad field.
pub fn load(path: &Path) -> Result<Profile, Vec<String>> {
    let name = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| vec![format!("profile {name}: {e}")])?;
    let file: ProfileFile = toml::from_str(&text).map_err(|e| {
        vec![format!(
            "profile {name}: {}",
            e.message().lines().next().unwrap_or("not valid TOML")
        )]
    })?;
    let mut bad = Vec::new();
    let sex = match file.sex.as_deref() {
        None => None,
        Some("female") => Some(SexArg::Female),
        Some("male") => Some(SexArg::Male),
        Some(s) => {
            bad.push(format!(
                "profile {name}: sex = \"{s}\": expected \"female\" or \"male\""
            ));
            None
        }
    };
    let metric = match file.units.as_deref() {
        None => None,
        Some("metric") => Some(true),
        Some("imperial") => Some(false),
        Some(u) => {
            bad.push(format!(
                "profile {name}: units = \"{u}\": expected \"imperial\" or \"metric\""
            ));
            None
        }
    };
    let hr_zones = match file.hr_zones.as_deref() {
        None => None,
        Some("lthr") => Some(super::athlete::HrZonesArg::Lthr),
        Some("hrr") => Some(super::athlete::HrZonesArg::Hrr),
        Some(z) => {
            bad.push(format!(
                "profile {name}: hr_zones = \"{z}\": expected \"lthr\" or \"hrr\""
            ));
            None
        }
    };
    let goal_mile_s = match file.goal_mile.as_deref() {
        None => None,
        Some(g) => match lapwise::score::parse::parse_clock(g) {
            Some(s) if (180.0..=1200.0).contains(&s) => Some(s),
            _ => {
                bad.push(format!(
                    "profile {name}: goal_mile = \"{g}\": expected a mile time from 3:00 to 20:00"
                ));
                None
            }
        },
    };

    let athlete = AthleteArgs {
        max_hr: file.max_hr_bpm,
        resting_hr: file.resting_hr_bpm,
        threshold_hr: file.threshold_hr_bpm,
        threshold_pace: file.threshold_pace,
        sex,
        hr_zones,
        birth_year: file.birth_year,
    };
    // The same checks as on the command line, named as the file names them.
    if let Err(lines) = athlete.thresholds() {
        bad.extend(lines.into_iter().map(|l| {
            format!(
                "profile {name}: {}",
                l.replace("--hr-zones", "hr_zones")
                    .replace("--birth-year", "birth_year")
                    .replace("--max-hr", "max_hr_bpm")
                    .replace("--resting-hr", "resting_hr_bpm")
                    .replace("--threshold-hr", "threshold_hr_bpm")
                    .replace("--threshold-pace", "threshold_pace")
            )
        }));
    }
    if !bad.is_empty() {
        return Err(bad);
    }
    Ok(Profile {
        athlete,
        metric,
        goal_mile_s,
    })
}

/// The athlete on the command line: thresholds and which profile to read (`analyze` and
/// `season` share them).
#[derive(Debug, Args, Default)]
pub struct AthleteOptions {
    /// The athlete's thresholds (zones and load); they win over the profile's.
    #[command(flatten)]
    pub athlete: AthleteArgs,
    /// Which athlete profile to read.
    #[command(flatten)]
    pub profile: ProfileArgs,
}

/// What the command line and the profile settle between them.
#[derive(Debug)]
pub struct Resolved {
    /// Units: the flag, else the profile's, else imperial.
    pub units: lapwise::report::Units,
    /// Thresholds: each flag, else the profile's.
    pub thresholds: lapwise::analysis::coach::Thresholds,
    /// Goal mile (s): the flag, else the profile's.
    pub goal_mile_s: Option<f64>,
}

/// Settle units, thresholds and goal mile: the command line over the profile over the
/// defaults. Every problem is printed as one `error:` line; `Err` then carries the exit code.
pub fn resolve(
    opts: &AthleteOptions,
    units: Option<super::units_arg::UnitsArg>,
    goal_mile_s: Option<f64>,
) -> Result<Resolved, i32> {
    let fail = |lines: Vec<String>| {
        for line in lines {
            eprintln!("error: {line}");
        }
        EXIT_USAGE
    };
    let (athlete, which) = (&opts.athlete, &opts.profile);
    let prof = match which.path() {
        Err(e) => return Err(fail(vec![e])),
        Ok(None) => Profile::default(),
        Ok(Some(path)) => load(&path).map_err(fail)?,
    };
    let units = match (units, prof.metric) {
        (Some(u), _) => u.into(),
        (None, Some(true)) => lapwise::report::Units::Metric,
        (None, _) => lapwise::report::Units::Imperial,
    };
    let thresholds = athlete.over(&prof.athlete).thresholds().map_err(fail)?;
    Ok(Resolved {
        units,
        thresholds,
        goal_mile_s: goal_mile_s.or(prof.goal_mile_s),
    })
}

/// `lapwise profile ...`
#[derive(Debug, Args)]
pub struct ProfileCommand {
    #[command(subcommand)]
    action: ProfileAction,
}

#[derive(Debug, Subcommand)]
enum ProfileAction {
    /// Write a commented profile to fill in (default: the user's config folder).
    Init {
        /// Where to write it.
        #[arg(long, value_name = "FILE")]
        path: Option<PathBuf>,
        /// Replace a profile that is already there.
        #[arg(long)]
        force: bool,
    },
    /// Print the profile that would be read, checked.
    Show(ProfileArgs),
}

/// Run `lapwise profile`; returns the exit code.
pub fn run(cmd: &ProfileCommand) -> i32 {
    match &cmd.action {
        ProfileAction::Init { path, force } => {
            let Some(path) = path.clone().or_else(default_path) else {
                eprintln!("error: no config folder (set --path, XDG_CONFIG_HOME or HOME)");
                return EXIT_USAGE;
            };
            if path.exists() && !force {
                eprintln!(
                    "error: {} exists (use --force to replace it)",
                    path.display()
                );
                return EXIT_USAGE;
            }
            if let Some(dir) = path.parent()
                && let Err(e) = std::fs::create_dir_all(dir)
            {
                eprintln!("error: {}: {e}", dir.display());
                return EXIT_USAGE;
            }
            match std::fs::write(&path, TEMPLATE) {
                Ok(()) => {
                    println!("wrote {}", path.display());
                    EXIT_OK
                }
                Err(e) => {
                    eprintln!("error: {}: {e}", path.display());
                    EXIT_USAGE
                }
            }
        }
        ProfileAction::Show(args) => match args.path() {
            Err(e) => {
                eprintln!("error: {e}");
                EXIT_USAGE
            }
            Ok(None) => {
                println!("no profile");
                EXIT_OK
            }
            Ok(Some(p)) => match load(&p) {
                Ok(prof) => {
                    let a = &prof.athlete;
                    println!("profile {}", p.display());
                    let show = |v: Option<f64>| v.map_or("–".to_string(), |x| format!("{x:.0}"));
                    println!("  max HR        {}", show(a.max_hr));
                    println!("  resting HR    {}", show(a.resting_hr));
                    println!("  threshold HR  {}", show(a.threshold_hr));
                    println!(
                        "  threshold pace {}",
                        a.threshold_pace.as_deref().unwrap_or("–")
                    );
                    EXIT_OK
                }
                Err(lines) => {
                    for l in lines {
                        eprintln!("error: {l}");
                    }
                    EXIT_USAGE
                }
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_parses_to_an_empty_profile() {
        let dir = std::env::temp_dir().join(format!("lapwise-profile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("profile.toml");
        std::fs::write(&p, TEMPLATE).unwrap();
        let prof = load(&p).expect("template loads");
        assert!(prof.athlete.max_hr.is_none() && prof.metric.is_none());
        // Every field wrong, and an unknown key: refused.
        std::fs::write(
            &p,
            "max_hr_bpm = 300\nresting_hr_bpm = 10\nthreshold_hr_bpm = 20\nthreshold_pace = \"fast\"\nsex = \"x\"\nunits = \"furlongs\"\ngoal_mile = \"1:00\"\nbirth_year = 1800\n",
        )
        .unwrap();
        let bad = load(&p).unwrap_err();
        assert_eq!(bad.len(), 8, "{bad:?}");
        std::fs::write(&p, "max_hr = 190\n").unwrap();
        assert_eq!(load(&p).unwrap_err().len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
