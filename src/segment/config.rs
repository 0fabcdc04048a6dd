//! Every threshold the segmentation engine uses, one part per detector, with documented
//! defaults. `docs/metrics.md` states the formulas that use them.

/// Tunable thresholds of the segmentation engine, one part per detector. All values are SI
/// (m, s, m/s) or plain ratios; each part's `Default` documents the chosen defaults.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SegmentConfig {
    /// Splits per mile or kilometre.
    pub splits: SplitsConfig,
    /// Best efforts.
    pub efforts: EffortsConfig,
    /// The shared speed profile: smoothing, moving threshold, easy and fast speeds.
    pub profile: ProfileConfig,
    /// The interval detector: work blocks, reps, recoveries, sets, snapping.
    pub intervals: IntervalsConfig,
    /// The stride detector.
    pub strides: StridesConfig,
    /// The hill-rep detector and altitude smoothing.
    pub hills: HillsConfig,
    /// The tempo detector.
    pub tempo: TempoConfig,
    /// The mile effort / time trial.
    pub mile: MileConfig,
    /// Workout type: long, recovery, and what counts as running.
    pub classify: ClassifyConfig,
    /// Device laps as evidence of structure.
    pub laps: LapsConfig,
    /// Fartlek surges.
    pub fartlek: FartlekConfig,
}

/// Thresholds of one part of segmentation: fartlek surges.
#[derive(Debug, Clone, PartialEq)]
pub struct FartlekConfig {
    /// Shortest surge (s) (default 20 s) ...
    pub surge_min_s: f64,
    /// ... and longest (default 300 s; longer is a tempo block or a rep).
    pub surge_max_s: f64,
    /// A surge averages at least this × the easy speed of the running (default 1.15: fartlek
    /// surges run at tempo pace or faster) ...
    pub surge_min_ratio: f64,
    /// ... and this × the running in the `surge_context_s` before and after it (default 1.15).
    pub surge_vs_around_ratio: f64,
    /// See `surge_vs_around_ratio` (default 60 s).
    pub surge_context_s: f64,
    /// A fartlek has at least this many surges (default 5) ...
    pub min_surges: usize,
    /// ... of varying length: the longest at least this × the shortest (default 2.5).
    pub min_length_spread: f64,
    /// At least this many surges are sustained (default 2) ...
    pub min_long_surges: usize,
    /// ... for at least this long (s) (default 90 s) ...
    pub long_surge_s: f64,
    /// ... and the surges add up to at least this share of the moving time (default 0.10).
    pub min_surge_share: f64,
    /// Intervals read from the speed stream give way to a fartlek when their reps are fewer than
    /// this share of the surges (default 0.6: a regular subset of unstructured surges is not a
    /// session of reps).
    pub max_set_share: f64,
}

impl Default for FartlekConfig {
    fn default() -> Self {
        FartlekConfig {
            surge_min_s: 20.0,
            surge_max_s: 300.0,
            surge_min_ratio: 1.15,
            surge_vs_around_ratio: 1.15,
            surge_context_s: 60.0,
            min_surges: 5,
            min_length_spread: 2.5,
            min_long_surges: 2,
            long_surge_s: 90.0,
            min_surge_share: 0.10,
            max_set_share: 0.6,
        }
    }
}

/// Thresholds of one part of segmentation: device laps as evidence of structure.
#[derive(Debug, Clone, PartialEq)]
pub struct LapsConfig {
    /// Laps shorter than this (s) are button slips and ignored (default 5 s).
    pub min_lap_s: f64,
    /// A lap within this many metres of 1000 m or a mile is an automatic lap, whatever its
    /// trigger says (default 0.5 m: Garmin Connect's TCX export writes auto-laps as manual).
    pub auto_distance_tol_m: f64,
    /// Fewest reps that workout-step laps must describe (default 2).
    pub min_reps: usize,
    /// Fewest reps that manual laps must describe (default 3: a weaker kind of evidence).
    pub manual_min_reps: usize,
    /// Manual work laps run at one pace: each within this fraction of their median speed
    /// (default 0.15: reps of one set run at one effort; a rep uphill is a little slower).
    pub rep_pace_spread: f64,
    /// A rep is at least this × faster (by speed) than the recovery laps either side of it
    /// (default 1.10: reps at 10 K pace with jogs at easy pace are 20–25 % faster).
    pub rep_vs_recovery_ratio: f64,
    /// Easy pace needs at least this much running outside an interval session (s) (default
    /// 120 s); without it the run has no easy pace.
    pub min_easy_outside_s: f64,
    /// A lap press lags the real change by up to this many seconds: a rep boundary is refined on
    /// the speed stream within this window before the press (default 4 s) ...
    pub press_lag_max_s: f64,
    /// ... and this many seconds after it (default 1 s).
    pub press_lead_max_s: f64,
}

impl Default for LapsConfig {
    fn default() -> Self {
        LapsConfig {
            min_lap_s: 5.0,
            auto_distance_tol_m: 0.5,
            min_reps: 2,
            manual_min_reps: 3,
            rep_pace_spread: 0.15,
            rep_vs_recovery_ratio: 1.10,
            min_easy_outside_s: 120.0,
            press_lag_max_s: 4.0,
            press_lead_max_s: 1.0,
        }
    }
}

/// Thresholds of one part of segmentation: splits per mile or kilometre.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitsConfig {
    /// Split unit in metres (default 1609.344, one mile; 1000.0 for kilometre splits).
    pub split_unit_m: f64,
    /// A final piece shorter than this (m) is folded into the last full split instead of
    /// becoming a partial split (default 1.0 m).
    pub min_partial_split_m: f64,
}

impl Default for SplitsConfig {
    fn default() -> Self {
        SplitsConfig {
            split_unit_m: crate::model::MILE_M,
            min_partial_split_m: 1.0,
        }
    }
}

/// Thresholds of one part of segmentation: best efforts.
#[derive(Debug, Clone, PartialEq)]
pub struct EffortsConfig {
    /// Longest pause or sample gap (s) a best effort may span (default 30 s: a traffic light
    /// or drink stop still counts, on elapsed time; anything longer breaks the effort).
    pub max_pause_in_effort_s: f64,
    /// `gps_short` is set when computed distance is at least this fraction shorter than the
    /// device's total (default 0.02).
    pub gps_short_fraction: f64,
    /// A distance no stop-free stretch covers is timed across stops, but only across a stop
    /// whose distance (from the last sample before to the first after) is at most this speed
    /// over its time (m/s; default 1.5, a walk): a gap in the recording across which the
    /// distance jumps is no stop to time.
    pub stop_max_mps: f64,
    /// ... and only across stops of at most this long (s; default 600): after a longer break
    /// the run is two outings, and an effort across it would time the break, not the running.
    pub max_stop_in_effort_s: f64,
    /// ... and only while its stops add up to at most this share of its elapsed time (default
    /// 0.25: an effort mostly stood through times the stops, not the running).
    pub max_stopped_share: f64,
}

impl Default for EffortsConfig {
    fn default() -> Self {
        EffortsConfig {
            max_pause_in_effort_s: 30.0,
            gps_short_fraction: 0.02,
            stop_max_mps: 1.5,
            max_stop_in_effort_s: 600.0,
            max_stopped_share: 0.25,
        }
    }
}

/// Thresholds of one part of segmentation: the shared speed profile: smoothing, moving threshold, easy and fast speeds.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileConfig {
    /// Width (s) of the centred moving average used for interval detection (default 5 s).
    pub smooth_window_s: f64,
    /// The same when speed comes from GPS positions rather than a measured speed channel (GPX):
    /// their position error makes 5 s speed wander by ±0.3 m/s, so a wider window (default
    /// 10 s).
    pub position_smooth_window_s: f64,
    /// Speeds below this (m/s) are standing, excluded from baseline estimates (default 1.0).
    pub min_moving_speed_mps: f64,
    /// The speed channel's time integral is used for detection only when it is within this
    /// fraction of the recorded distance (default 0.10; else the channel is not trusted).
    pub speed_integral_max_mismatch: f64,
    /// Percentile (0..1) of moving smoothed speed taken as the easy pace (default 0.40).
    pub easy_percentile: f64,
    /// Percentile (0..1) of moving smoothed speed taken as the fast mode (default 0.95).
    pub fast_percentile: f64,
}

impl Default for ProfileConfig {
    fn default() -> Self {
        ProfileConfig {
            smooth_window_s: 5.0,
            position_smooth_window_s: 10.0,
            min_moving_speed_mps: 1.0,
            speed_integral_max_mismatch: 0.10,
            easy_percentile: 0.40,
            fast_percentile: 0.95,
        }
    }
}

/// Thresholds of one part of segmentation: the interval detector: work blocks, reps, recoveries, sets, snapping.
#[derive(Debug, Clone, PartialEq)]
pub struct IntervalsConfig {
    /// Enter work when smoothed speed > easy + `work_enter_frac`·(fast − easy) (default 0.5).
    pub work_enter_frac: f64,
    /// Leave work when smoothed speed < easy + `work_exit_frac`·(fast − easy) (default 0.3).
    pub work_exit_frac: f64,
    /// The enter threshold is never below easy × this ratio (default 1.10).
    pub work_min_enter_ratio: f64,
    /// Fast mode must be at least easy × this ratio for any interval to exist (default 1.15).
    pub min_contrast_ratio: f64,
    /// A rep's average speed must be at least easy × this ratio (default 1.15).
    pub rep_min_speed_ratio: f64,
    /// Work blocks separated by less than this (s) are merged (default 6 s).
    pub merge_gap_s: f64,
    /// Work blocks shorter than this (s) are blips and dropped (default 8 s).
    pub min_block_s: f64,
    /// A fast block is an interval rep when it lasts at least this (s) (default 36 s) ...
    pub rep_min_s: f64,
    /// ... or cover at least this distance (m) (default 180 m: a GPS-short 200 m rep; strides
    /// are 60–150 m).
    pub rep_min_m: f64,
    /// Boundary refinement searches ± this many seconds around a crossing (default 6 s).
    pub refine_search_s: f64,
    /// Boundary refinement compares mean raw speed over this many seconds after vs before each
    /// candidate boundary (the steepest change wins) (default 4 s).
    pub refine_half_s: f64,
    /// The same on distance along GPS positions (GPX), whose short-window speed is noisier
    /// (default 6 s).
    pub position_refine_half_s: f64,
    /// A refined boundary inside a recording gap longer than this (s) is moved next to the
    /// sample closing the gap (default 2 s; smart recording writes a sample when speed changes).
    pub smart_gap_s: f64,
    /// ... to this many seconds before that sample (default 1 s).
    pub smart_lead_s: f64,
    /// Reps are "similar" when distance or duration are within this fraction (default 0.15).
    pub rep_similar_tol: f64,
    /// Minimum similar reps for a set to count as intervals (default 2).
    pub min_reps: usize,
    /// Reps that are not similar (a ladder: 400-800-1200-1600) still count as intervals when
    /// there are at least this many and two thirds of them snap to a track distance or a round
    /// duration (default 3).
    pub min_ladder_reps: usize,
    /// Two fast blocks are one effort when the gap between them averages faster than easy ×
    /// this (default 1.0: recoveries are jogs, walks or standing, slower than easy running).
    pub rest_max_easy_ratio: f64,
    /// Fast blocks separated by less than this (s) are one effort: a recovery is at least this
    /// long (default 15 s; shorter dips are GPS noise or a glance at the watch).
    pub rest_min_s: f64,
    /// A recovery averages at most this × the mean speed of the reps either side; a faster gap
    /// is a float inside one effort or the swings of a steady run (default 0.8: on the speed
    /// stream alone a rep is at least 25 % faster than its recoveries; the swings of a steady
    /// run on rolling ground or with GPS noise reach 15–20 %. Laps relax this to 10 %).
    pub rest_max_rep_speed_ratio: f64,
    /// Reps either side of a gap longer than max(this × the longer rep, `rest_max_floor_s`) are
    /// unrelated efforts, not one set with a recovery (default 5: 200 m reps with a 400 m jog).
    pub rest_max_rep_multiple: f64,
    /// See `rest_max_rep_multiple` (default 180 s).
    pub rest_max_floor_s: f64,
    /// ... and never longer than this (s) (default 600 s: efforts further apart are separate).
    pub rest_max_s: f64,
    /// A ladder's longest recovery is at most this × its shortest (default 3).
    pub ladder_rest_max_ratio: f64,
    /// A chain of linked reps counts as intervals when at least this fraction of its reps are
    /// in runs of ≥ 2 consecutive similar reps, or when it is a ladder (default 0.5).
    pub regular_min_frac: f64,
    /// A chain of fewer reps than this counts only when every rep snaps to a track distance
    /// or a round duration (default 3: two surges of arbitrary length in a steady run are not
    /// a set; two 1 km or two 10 min reps are).
    pub min_unsnapped_chain_reps: usize,
    /// Snap to a track distance when measured ≥ distance × (1 − this) (default 0.06).
    pub snap_short_tol: f64,
    /// Snap to a track distance when measured ≤ distance × (1 + this) (default 0.04).
    pub snap_long_tol: f64,
    /// Time-based rep when duration is within this many seconds of a round value (default 3).
    pub time_rep_tol_s: f64,
    /// A set whose distances also snap is time-based only when distances spread (max − min
    /// over mean) more than this and durations less than half as much (default 0.04).
    pub time_rep_min_distance_spread: f64,
    /// Reps separated by stops (no laps, no easy running): at least this many (default 4) ...
    pub stop_reps_min_reps: usize,
    /// ... none longer than this (s) (default 900 s: a 5 km stretch between two stops is a run,
    /// not a rep) ...
    pub stop_rep_max_s: f64,
    /// ... filling at least this share of the moving time (default 0.7) ...
    pub stop_reps_min_share: f64,
    /// ... and their rests be regular: the longest at most this × the shortest (default 2).
    pub stop_rest_max_ratio: f64,
    /// A second reading of the speed stream allows recoveries up to this × the reps' speed
    /// (default 0.88: reps ≥ ~14 % faster) ...
    pub relaxed_rest_ratio: f64,
    /// ... and keeps it only for one set of at least this many reps that snap to a track
    /// distance or a round duration (default 3).
    pub relaxed_min_reps: usize,
    /// When neither reading finds reps, the stream is read once more with easy speed at this
    /// percentile of the moving speed (a session that is mostly reps puts the usual percentile at
    /// rep pace), keeping only a coached set as the relaxed reading does (default 0.15).
    pub reps_heavy_easy_percentile: f64,
    /// A last reading of the speed stream for threshold reps: reps need only this × easy
    /// (default 1.10: cruise intervals run 10–15 % faster than easy), recoveries as strict as
    /// the first reading, and only a coached set is kept (as the relaxed reading).
    pub cruise_rep_min_speed_ratio: f64,
    /// The threshold reading also keeps a pair of reps that each last at least this long (s)
    /// and snap to a round duration or a track distance (default 480 s: 2 × 15 min or 2 × 2 mi
    /// at threshold is a classic session; two short pieces of a steady run are not).
    pub cruise_pair_min_s: f64,
    /// Where the file recorded no speed (speed derived from distance or positions) and heart
    /// rate was recorded, reps read from the speed stream must raise it: the median over the
    /// reps of the highest heart rate from the rep's start to
    /// [`IntervalsConfig::hr_response_lag_s`] after its end, less the lowest of the recovery
    /// before it, at least this (bpm) (default 5: a rep of 30 s or more at 5 K pace or faster
    /// raises it by 10–20 bpm; a GPS catch-up raises nothing).
    pub hr_response_min_bpm: f64,
    /// ... heart rate lags effort by this much (s) (default 30).
    pub hr_response_lag_s: f64,
    /// Reps read from the speed stream inside a long run (the classifier's `long_min_s` or
    /// `long_min_m`) must add up to at least this share of its moving time (default 0.05): three
    /// 45 s pick-ups in a 100-minute run are surges of a long run, not an interval session, whose
    /// reps are 10–30 % of it.
    pub long_run_min_work_share: f64,
    /// A speed-stream rep that lasts at least the tempo detector's `tempo_min_s` and holds at
    /// least this share of the reps' time is a tempo block read in pieces (default 2/3): an
    /// interval session's reps share the work.
    pub tempo_rep_max_work_share: f64,
    /// Where the file recorded no speed, a gap between fast blocks at most this long (s)
    /// whose missing distance the surge after it makes up is a GPS lag, not a recovery
    /// ([`crate::segment::intervals::alternation::gps_lag`]; default 30).
    pub gps_lag_max_s: f64,
    /// Rest slower than this (m/s) is walking (default 1.9).
    pub rest_walk_max_mps: f64,
    /// Rest slower than this (m/s) is standing (default 0.6).
    pub rest_standing_max_mps: f64,
    /// A gap between two reps shorter than this (s) is no recovery at all: the reps ran back
    /// to back (contiguous laps); it is left out of a set's rest kind and mean rest (default 10 s).
    pub back_to_back_max_s: f64,
    /// Rep boundaries snap to a structural device lap boundary within this (s) (default 8 s).
    pub lap_snap_s: f64,
}

impl Default for IntervalsConfig {
    fn default() -> Self {
        IntervalsConfig {
            work_enter_frac: 0.5,
            work_exit_frac: 0.3,
            work_min_enter_ratio: 1.10,
            min_contrast_ratio: 1.15,
            rep_min_speed_ratio: 1.15,
            merge_gap_s: 6.0,
            min_block_s: 8.0,
            rep_min_s: 36.0,
            rep_min_m: 180.0,
            refine_search_s: 6.0,
            refine_half_s: 4.0,
            position_refine_half_s: 6.0,
            smart_gap_s: 2.0,
            smart_lead_s: 1.0,
            rep_similar_tol: 0.15,
            min_reps: 2,
            min_ladder_reps: 3,
            rest_max_easy_ratio: 1.0,
            rest_min_s: 15.0,
            rest_max_rep_speed_ratio: 0.8,
            rest_max_rep_multiple: 5.0,
            rest_max_floor_s: 180.0,
            rest_max_s: 600.0,
            ladder_rest_max_ratio: 3.0,
            regular_min_frac: 0.5,
            min_unsnapped_chain_reps: 3,
            snap_short_tol: 0.06,
            snap_long_tol: 0.04,
            time_rep_tol_s: 3.0,
            time_rep_min_distance_spread: 0.04,
            stop_reps_min_reps: 4,
            stop_rep_max_s: 900.0,
            stop_reps_min_share: 0.7,
            stop_rest_max_ratio: 2.0,
            relaxed_rest_ratio: 0.88,
            relaxed_min_reps: 3,
            reps_heavy_easy_percentile: 0.15,
            cruise_rep_min_speed_ratio: 1.10,
            cruise_pair_min_s: 480.0,
            hr_response_min_bpm: 5.0,
            hr_response_lag_s: 30.0,
            long_run_min_work_share: 0.05,
            tempo_rep_max_work_share: 2.0 / 3.0,
            gps_lag_max_s: 30.0,
            rest_walk_max_mps: 1.9,
            rest_standing_max_mps: 0.6,
            back_to_back_max_s: 10.0,
            lap_snap_s: 8.0,
        }
    }
}

/// Thresholds of one part of segmentation: the stride detector.
#[derive(Debug, Clone, PartialEq)]
pub struct StridesConfig {
    /// Shortest stride (s) (default 10 s).
    pub stride_min_s: f64,
    /// Longest stride (s) (default 35 s).
    pub stride_max_s: f64,
    /// A stride's peak smoothed speed must be ≥ easy × this (default 1.4: strides reach close
    /// to sprint speed, 1.5–1.8 × easy; 5 s GPS-position speed noise reaches 1.3 × easy).
    pub stride_min_ratio: f64,
    /// Stride detection enters at easy × this and leaves at easy × `stride_exit_ratio`
    /// (default 1.18).
    pub stride_enter_ratio: f64,
    /// See `stride_enter_ratio` (default 1.08).
    pub stride_exit_ratio: f64,
    /// Strides of one set follow each other within this many seconds, end to start (default
    /// 150 s: walk or jog back, 30–90 s in practice).
    pub stride_max_gap_s: f64,
    /// A fast burst starting within this many seconds after a pause or standstill is the run-up,
    /// not a stride (default 20 s).
    pub stride_restart_s: f64,
    /// Minimum strides for the run to count as a strides workout, and for a set (default 3).
    pub min_strides: usize,
    /// A stride is fast running on average, not only at its peak: its average speed is at
    /// least easy × this (default 1.2, the hysteresis' entry level) ...
    pub stride_min_avg_ratio: f64,
    /// ... and at least this speed (m/s) (default 2.5 ≈ 10:44 /mi: even a slow runner's
    /// strides are running well above the 1.8 m/s walking line; a hiker's bursts of 1.6–1.9 m/s
    /// are not strides).
    pub stride_min_mps: f64,
    /// Where cadence is recorded, a stride's median cadence is at least the run's running
    /// cadence × this (default 1.04, about +7 steps/min on 170: strides lift the cadence by
    /// 10–15 %; GPS distance noise that looks like a stride leaves it within ±2 %).
    pub stride_min_cadence_ratio: f64,
}

impl Default for StridesConfig {
    fn default() -> Self {
        StridesConfig {
            stride_min_s: 10.0,
            stride_max_s: 35.0,
            stride_min_ratio: 1.4,
            stride_enter_ratio: 1.18,
            stride_exit_ratio: 1.08,
            stride_max_gap_s: 150.0,
            stride_restart_s: 20.0,
            min_strides: 3,
            stride_min_avg_ratio: 1.2,
            stride_min_mps: 2.5,
            stride_min_cadence_ratio: 1.04,
        }
    }
}

/// Thresholds of one part of segmentation: the hill-rep detector and altitude smoothing.
#[derive(Debug, Clone, PartialEq)]
pub struct HillsConfig {
    /// Width (s) of the centred moving average applied to altitude (default 10 s).
    pub altitude_smooth_s: f64,
    /// Hysteresis (m) when tracing climbs in smoothed altitude (default 1.0 m).
    pub climb_hysteresis_m: f64,
    /// A repeat's own rise and grade are measured on altitude smoothed over this window (s)
    /// (default 4): the climbs are traced on `altitude_smooth_s`, which halves the rise of a
    /// 10 s sprint.
    pub rep_gain_smooth_s: f64,
    /// A rep's start and end move to the steepest rise and fall of the smoothed speed within
    /// this many seconds of them (default 15): where the runner changed pace.
    pub hill_edge_reach_s: f64,
    /// Climbs are trimmed to where they rise past this fraction of their gain at each end, so
    /// flat ground before and after does not stretch them (default 0.1).
    pub hill_trim_frac: f64,
    /// Minimum average grade of a hill rep (default 0.04 = 4 %).
    pub hill_min_grade: f64,
    /// Minimum climb (m) of a hill rep (default 3.0 m).
    pub hill_min_gain_m: f64,
    /// Shortest hill rep (s) (default 5 s).
    pub hill_min_s: f64,
    /// Longest hill rep (s) (default 150 s).
    pub hill_max_s: f64,
    /// The climb must be faster than the following descent by this ratio (default 1.10).
    pub hill_up_vs_down_ratio: f64,
    /// A climb whose recovery comes back to within this distance (m) of where it started is a
    /// repeat of the same hill (default 40 m: GPS error plus a loose turn-round mark) ...
    pub hill_return_m: f64,
    /// ... and, run harder than the way down (`effort_contrast`), then needs only this much
    /// climb (m) and no up-faster-than-down test (default 2 m) ...
    pub hill_return_min_gain_m: f64,
    /// ... and a sprint, run up at least this many times as fast as the way back down (default
    /// 1.6: a sprint up, a walk or jog back) ...
    pub hill_sprint_speed_ratio: f64,
    /// ... only this much (default 1.2 m; a 10 s sprint climbs 3 m on a 6 % hill, 1.5–2.5 m
    /// after the 10 s altitude smoothing). A climb that starts where the previous rep started
    /// (within `hill_return_m`), after a rest of at most `hill_repeat_max_rest_ratio` times that
    /// rep (default 3) and lasting within `hill_repeat_duration_tol` of it (default 50 %: both are
    /// timed before their edges are placed, when a 10 s sprint can read 7 or 13 s), is a
    /// repeat of it and judged as a sprint.
    pub hill_sprint_min_gain_m: f64,
    /// See `hill_sprint_min_gain_m`.
    pub hill_repeat_max_rest_ratio: f64,
    /// See `hill_sprint_min_gain_m`.
    pub hill_repeat_duration_tol: f64,
    /// Steepest credible hill rep (default 0.30 = 30 %).
    pub hill_max_grade: f64,
    /// Slowest hill rep (m/s) (default 2.0: slower climbs are hiked).
    pub hill_min_mps: f64,
    /// Reps of one session climb within this factor of their median climb (default 2.0).
    pub hill_gain_spread: f64,
    /// Minimum hill reps (default 3).
    pub min_hill_reps: usize,
    /// Hill reps come as a set: consecutive reps of one set are at most this many seconds apart,
    /// end to start (default 600 s, the interval detector's longest recovery: a jog or walk back
    /// down takes one to three times the rep). Climbs run far apart are the course's hills.
    pub hill_set_max_gap_s: f64,
    /// Half-width (s) of the window the grade of the grade-adjusted effort is taken over
    /// (default 5 s).
    pub effort_grade_half_s: f64,
    /// Least distance (m) in that window for a grade; less is standing or turning, taken as
    /// flat (default 8 m).
    pub effort_grade_min_run_m: f64,
    /// Width (s) of the centred mean applied to the grade-adjusted effort (default 5 s).
    pub effort_smooth_s: f64,
    /// A rep's ends come from the effort when the climb is run at least this many times harder
    /// (grade-adjusted) than the way down (default 1.25) ...
    pub effort_contrast: f64,
    /// ... searched up to this far (s) beyond the traced climb (default 45 s).
    pub effort_search_s: f64,
    /// A climb that is not one rep is searched for hard stretches (its effort split in two
    /// levels) that begin at the climb's bottom or end at its top, within this many seconds
    /// (default 10 s).
    pub effort_anchor_s: f64,
}

impl Default for HillsConfig {
    fn default() -> Self {
        HillsConfig {
            altitude_smooth_s: 10.0,
            climb_hysteresis_m: 1.0,
            rep_gain_smooth_s: 4.0,
            hill_edge_reach_s: 15.0,
            hill_trim_frac: 0.1,
            hill_min_grade: 0.04,
            hill_min_gain_m: 3.0,
            hill_min_s: 5.0,
            hill_max_s: 150.0,
            hill_up_vs_down_ratio: 1.10,
            hill_return_m: 40.0,
            hill_return_min_gain_m: 2.0,
            hill_sprint_speed_ratio: 1.6,
            hill_sprint_min_gain_m: 1.2,
            hill_repeat_max_rest_ratio: 3.0,
            hill_repeat_duration_tol: 0.5,
            hill_max_grade: 0.30,
            hill_min_mps: 2.0,
            hill_gain_spread: 2.0,
            min_hill_reps: 3,
            hill_set_max_gap_s: 600.0,
            effort_grade_half_s: 5.0,
            effort_grade_min_run_m: 8.0,
            effort_smooth_s: 5.0,
            effort_contrast: 1.25,
            effort_search_s: 45.0,
            effort_anchor_s: 10.0,
        }
    }
}

/// Thresholds of one part of segmentation: the tempo detector.
#[derive(Debug, Clone, PartialEq)]
pub struct TempoConfig {
    /// Smoothing width (s) for tempo detection (default 60 s).
    pub tempo_smooth_s: f64,
    /// Percentile (0..1) of moving smoothed speed taken as easy for tempo detection
    /// (default 0.20; a tempo may fill more than half of the run).
    pub tempo_easy_percentile: f64,
    /// Tempo enters at easy × this (default 1.12).
    pub tempo_enter_ratio: f64,
    /// Tempo leaves at easy × this (default 1.07).
    pub tempo_exit_ratio: f64,
    /// Tempo blocks separated by less than this (s) are merged (default 60 s).
    pub tempo_merge_gap_s: f64,
    /// A tempo's moving speed is at least this × the moving speed of the rest of the run
    /// (default 1.10; tempo sessions run 1.15–1.3 × their warm-up pace, while the faster part
    /// of a run/walk or of a fading long run is within a few percent of the rest).
    pub tempo_vs_rest_ratio: f64,
    /// A tempo's moving speed is at least this × the median 60 s speed of the running outside it
    /// (default 1.12: threshold pace is 12–25 % faster than easy pace; a steady run's better
    /// stretches are within a few percent of its other running).
    pub tempo_vs_running_ratio: f64,
    /// ... and the run has at least this much running outside the block (s) (default 300 s).
    pub tempo_min_running_around_s: f64,
    /// Running around a tempo counts as flat where the ground rises or falls by at most this
    /// fraction of the distance (default 0.03) ...
    pub tempo_flat_max_grade: f64,
    /// ... over this distance centred on the sample (m) (default 120 m).
    pub tempo_grade_span_m: f64,
    /// A block losing at least this fraction of its distance in altitude is downhill running,
    /// not a tempo (default 0.02 = 2 % average descent).
    pub tempo_max_descent_grade: f64,
    /// Shortest tempo (s) (default 15 min).
    pub tempo_min_s: f64,
    /// Longest tempo (s) (default 45 min; longer sustained blocks are a steady/long run).
    pub tempo_max_s: f64,
    /// A block's ends slower than its own speed ÷ this (60 s speed) are trimmed off: the tempo
    /// begins when the runner reaches tempo pace (default 1.10; a warm-up 16 % slower than the
    /// block was counted in while the baseline was a walked cool-down).
    pub tempo_trim_ratio: f64,
    /// A tempo's start or end moves to the runner's lap press (a boundary of laps that are
    /// presses or workout steps) within this many seconds of it (default 120 s: the 60 s
    /// smoothing and the pace thresholds place a block's edges up to two minutes from where
    /// the runner changed pace) ...
    pub tempo_lap_reach_s: f64,
    /// A block in a structured session's warm-up or cool-down that is this long (s) or longer,
    /// by the tempo's hysteresis against the session's easy pace, is listed as an extra effort
    /// (default 180 s: a few minutes at 10 K pace, not a stride or a surge).
    pub extra_effort_min_s: f64,
}

impl Default for TempoConfig {
    fn default() -> Self {
        TempoConfig {
            tempo_smooth_s: 60.0,
            tempo_easy_percentile: 0.20,
            tempo_enter_ratio: 1.12,
            tempo_exit_ratio: 1.07,
            tempo_merge_gap_s: 60.0,
            tempo_vs_rest_ratio: 1.10,
            tempo_vs_running_ratio: 1.12,
            tempo_flat_max_grade: 0.03,
            tempo_grade_span_m: 120.0,
            tempo_min_running_around_s: 300.0,
            tempo_max_descent_grade: 0.02,
            tempo_min_s: 15.0 * 60.0,
            tempo_max_s: 45.0 * 60.0,
            tempo_trim_ratio: 1.10,
            tempo_lap_reach_s: 120.0,
            extra_effort_min_s: 180.0,
        }
    }
}

/// Thresholds of one part of segmentation: the mile effort / time trial.
#[derive(Debug, Clone, PartialEq)]
pub struct MileConfig {
    /// A mile effort must be ≥ this ratio faster than the rest of the run (default 1.15).
    pub mile_tt_ratio: f64,
    /// ... and the `mile_flank_m` metres before and after it must be that much slower too
    /// (default 300 m).
    pub mile_flank_m: f64,
    /// A run that is only the mile (total within ±`mile_solo_tol` of a mile) counts as a time
    /// trial when faster than this (m/s) (default 4.0 ≈ 6:42/mi).
    pub mile_solo_min_mps: f64,
    /// Tolerance for the solo-mile rule (default 0.08).
    pub mile_solo_tol: f64,
    /// A time trial is run: at least this speed (m/s) (default 2.2 ≈ 12:12/mi; a walked mile is
    /// not a maximal effort).
    pub mile_min_mps: f64,
    /// ... sustained: moving for at least this fraction of its elapsed time (default 0.95) ...
    pub mile_min_moving_frac: f64,
    /// ... and near-even or coached: its quarter laps vary by at most this coefficient of
    /// variation (default 0.10; a run/walk's or a trail's fastest mile varies far more).
    pub mile_max_quarter_cv: f64,
    /// Device laps match 400 m when within this fraction (default 0.05).
    pub lap_400_tol: f64,
    /// A mile whose positions fit in a box at most this many metres across (diagonal) is laps
    /// of a track (default 250 m; a 400 m oval is about 180 m across).
    pub track_box_m: f64,
    /// On a track, a mile that began within this many seconds of the runner standing still is
    /// timed from the standing start (default 20 s). Seconds at the mile's effort speed (see
    /// `standing_effort_frac`) between the standing sample and the fastest-mile window do not
    /// count toward it, up to `standing_effort_max_s`.
    pub standing_start_s: f64,
    /// Running at least this fraction of the fastest mile's speed is part of the effort when
    /// looking back for its standing start (default 0.8): the fastest device-distance mile of a
    /// track trial can begin well after the line, since a watch's track distance reads 1–3 %
    /// long and the first metres are the slowest.
    pub standing_effort_frac: f64,
    /// ... for at most this many seconds back from the fastest-mile window (default 60 s, about
    /// 250 m at mile pace).
    pub standing_effort_max_s: f64,
    /// ... standing meaning not moving or slower than this (m/s) (default 0.5).
    pub standing_speed_mps: f64,
    /// Positions only (no speed channel): lap `k` passes the start position within this
    /// fraction of a quarter mile's time of `k` quarters after the start, and every lap lies
    /// that close to a quarter (default 0.25).
    pub pass_window_frac: f64,
    /// ... the nearest position of a pass lies within this distance of the start position (m)
    /// (default 25: lanes, GPS error) ...
    pub pass_max_m: f64,
    /// ... and the straight line of the pass is fitted to the positions within this many
    /// seconds of that nearest one (default 4 s: the home straight at mile pace).
    pub pass_fit_s: f64,
    /// Positions only: the runner has left the start when the positions first lie this far
    /// from the start position (m) (default 15; GPS wander while standing is a few metres) ...
    pub depart_m: f64,
    /// ... having accelerated from a standstill at this rate to the mile's average speed
    /// (m/s²) (default 2.0: a runner is at mile pace after about 2 s and 5 m).
    pub start_accel_mps2: f64,
    /// Positions only: fixes more than this far apart (s) either side of the departure (a
    /// dropout or smart recording at the start) are not interpolated; the start is timed back
    /// from the first fix beyond the reach (default 3: a 1 Hz recording missing a fix or two).
    pub depart_gap_s: f64,
}

impl Default for MileConfig {
    fn default() -> Self {
        MileConfig {
            mile_tt_ratio: 1.15,
            mile_flank_m: 300.0,
            mile_solo_min_mps: 4.0,
            mile_solo_tol: 0.08,
            mile_min_mps: 2.2,
            mile_min_moving_frac: 0.95,
            mile_max_quarter_cv: 0.10,
            lap_400_tol: 0.05,
            track_box_m: 250.0,
            standing_start_s: 20.0,
            standing_effort_frac: 0.8,
            standing_effort_max_s: 60.0,
            standing_speed_mps: 0.5,
            pass_window_frac: 0.25,
            pass_max_m: 25.0,
            pass_fit_s: 4.0,
            depart_m: 15.0,
            start_accel_mps2: 2.0,
            depart_gap_s: 3.0,
        }
    }
}

/// Thresholds of one part of segmentation: workout type: long, recovery, and what counts as running.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassifyConfig {
    /// Long run when moving time ≥ this (s) (default 75 min, the common coaching threshold).
    pub long_min_s: f64,
    /// Long run when distance ≥ this (m) (default 16 km).
    pub long_min_m: f64,
    /// Sport `other` counts as running only when its easy speed is at most this (m/s)
    /// (default 5.0 ≈ 5:22/mi, an elite's easy pace; a bike ride's easy speed is higher) ...
    pub other_max_easy_mps: f64,
    /// ... and its fast mode at most this (m/s) (default 8.0, a sprinting stride).
    pub other_max_fast_mps: f64,
    /// Recovery run when moving time ≤ this (s) ... (default 40 min)
    pub recovery_max_s: f64,
    /// ... and average moving speed ≤ this (m/s) (default 2.55 ≈ 10:31/mi).
    pub recovery_max_mps: f64,
    /// `other`: a recording with less moving time than this (s) is too short to read (default
    /// 300 s) ...
    pub other_min_moving_s: f64,
    /// ... or less distance than this (m) (default 800 m) ...
    pub other_min_distance_m: f64,
    /// ... or samples further apart than this (s, median) is too sparse (default 30 s) ...
    pub other_max_median_gap_s: f64,
    /// ... or with at least this share of its moving time walked is a walk (default 0.8).
    pub other_walking_frac: f64,
    /// A moving sample with recorded cadence below this (steps/min) is walking (default 140:
    /// running cadence is rarely below 150, walking rarely above 130).
    pub walk_max_cadence_spm: f64,
    /// Walking or running bouts shorter than this (s) are folded into their neighbours (default
    /// 15 s).
    pub min_bout_s: f64,
    /// A walking bout climbing at least this fraction of its distance is a hike up a hill, not a
    /// run/walk break (default 0.04).
    pub hike_min_grade: f64,
    /// Run/walk bouts are regular: the running bouts' durations vary by at most this coefficient
    /// of variation (default 0.5), unless they are slower than `run_walk_max_run_mps`.
    pub run_walk_max_bout_cv: f64,
    /// `run_walk`: at least this many walking breaks between running bouts (default 3) ...
    pub run_walk_min_breaks: usize,
    /// ... at least this share of the moving time walked (default 0.12) ...
    pub run_walk_min_walk_frac: f64,
    /// ... and running bouts no faster than this on average (m/s) (default 3.0 ≈ 5:33/km: easy
    /// running for nearly everyone who runs structured intervals; faster bouts with walking
    /// recoveries are intervals).
    pub run_walk_max_run_mps: f64,
    /// ... or, for faster running, when the alternation fills the run (no easy running outside it)
    /// and at most this share of the moving time is walked (default 0.33: walk breaks shorter
    /// than half the running bouts; recoveries of an interval session are as long as its reps or
    /// longer, and the session has a warm-up).
    pub run_walk_max_walk_frac: f64,
    /// `race`: the race (the best effort over a standard distance) covers at least this share of
    /// the run's distance (default 0.8: at most a short warm-up or cool-down) ...
    pub race_min_share: f64,
    /// ... and running outside it is at least this × slower (default 1.10) ...
    pub race_vs_rest_ratio: f64,
    /// `race`: distance at most this fraction short of a standard distance (default 0.01) ...
    pub race_short_tol: f64,
    /// ... and at most this fraction long (default 0.03: GPS and tangents read long) ...
    pub race_long_tol: f64,
    /// ... kilometre speeds varying by at most this coefficient of variation (default 0.05) ...
    pub race_max_km_cv: f64,
    /// ... moving for at least this share of the elapsed time (default 0.97: no stops) ...
    pub race_min_moving_frac: f64,
    /// ... and hard: average heart rate at least this × the highest held heart rate of the run
    /// (default 0.95: easy runs in the corpus reach 0.94 of their peak, steady simulated long
    /// runs of 15 K 0.92–0.95) ...
    pub race_min_hr_frac: f64,
    /// ... or, without heart rate, faster than this on average (m/s) (default 4.0 ≈ 4:10/km,
    /// a pace few runners hold on an easy run over 5 km or more).
    pub race_no_hr_min_mps: f64,
    /// Heart-rate maximum is the highest average over this many seconds (default 30 s: a
    /// 3-second spike is a strap artefact).
    pub hr_max_hold_s: f64,
    /// `progression`: at least this many whole kilometres (default 4) ...
    pub progression_min_km: usize,
    /// ... at least this share of consecutive kilometres faster than the one before (default
    /// 0.75) ...
    pub progression_faster_frac: f64,
    /// ... the last kilometre at least this × the first (default 1.12) ...
    pub progression_min_gain: f64,
    /// ... and each third of the run at least this × faster than the one before (default 1.03).
    pub progression_third_gain: f64,
    /// A tempo block ending within this many seconds of the end of a long run is no tempo
    /// session: the type stays `long`, and the block is the run's fast finish when it passes the
    /// finish's tests ([`crate::segment::tempo::fast_finish`]) (default 120 s).
    pub fast_finish_tail_s: f64,
    /// A long run's finish (a tempo ending within `fast_finish_tail_s` of the end, or its last
    /// block of at least `tempo_min_s`) is its fast finish, named in its reason, when it runs at
    /// least this × the median speed of the running before it and of the running just before
    /// it (the looser block), and × the runner's best earlier 10 minutes (both) (default 1.07).
    pub fast_finish_min_ratio: f64,
}

impl Default for ClassifyConfig {
    fn default() -> Self {
        ClassifyConfig {
            long_min_s: 75.0 * 60.0,
            long_min_m: 16_000.0,
            other_max_easy_mps: 5.0,
            other_max_fast_mps: 8.0,
            recovery_max_s: 40.0 * 60.0,
            recovery_max_mps: 2.55,
            other_min_moving_s: 300.0,
            other_min_distance_m: 800.0,
            other_max_median_gap_s: 30.0,
            other_walking_frac: 0.8,
            walk_max_cadence_spm: 140.0,
            min_bout_s: 15.0,
            hike_min_grade: 0.04,
            run_walk_max_bout_cv: 0.5,
            run_walk_min_breaks: 3,
            run_walk_min_walk_frac: 0.12,
            run_walk_max_run_mps: 3.0,
            run_walk_max_walk_frac: 0.33,
            race_min_share: 0.8,
            race_vs_rest_ratio: 1.10,
            race_short_tol: 0.01,
            race_long_tol: 0.03,
            race_max_km_cv: 0.05,
            race_min_moving_frac: 0.97,
            race_min_hr_frac: 0.95,
            race_no_hr_min_mps: 4.0,
            hr_max_hold_s: 30.0,
            progression_min_km: 4,
            progression_faster_frac: 0.75,
            progression_min_gain: 1.12,
            progression_third_gain: 1.03,
            fast_finish_tail_s: 120.0,
            fast_finish_min_ratio: 1.07,
        }
    }
}

impl SegmentConfig {
    /// Defaults with kilometre splits.
    pub fn metric() -> Self {
        let mut cfg = Self::default();
        cfg.splits.split_unit_m = 1000.0;
        cfg
    }
}
