//! Command-line interface (clap). Nothing here is part of the library.

mod analyze;
mod athlete;
mod html_out;
mod interrupt;
mod limits;
mod output;
mod profile;
mod safe_out;
mod season;
mod serve;
mod simulate;
mod squad;
mod units_arg;

use clap::{Parser, Subcommand};

/// Exit code: every input analysed.
pub const EXIT_OK: i32 = 0;
/// Exit code: at least one input could not be analysed.
pub const EXIT_INPUT_FAILED: i32 = 1;
/// Exit code: the command line was wrong.
pub const EXIT_USAGE: i32 = 2;

/// Fast, offline analysis of running-watch exports (FIT, GPX, TCX, .gz, .zip).
#[derive(Debug, Parser)]
#[command(name = "lapwise", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Analyse one or more activity files and print a summary (or JSON).
    Analyze(analyze::AnalyzeArgs),
    /// Analyse a folder of exports or a bulk-export zip as a season: weekly roll-up, records,
    /// CSV/Parquet/JSON outputs and charts.
    Season(season::SeasonArgs),
    /// Serve a local page to drop watch files on and read their reports (127.0.0.1, Ctrl-C
    /// stops).
    Serve(serve::ServeArgs),
    /// Write simulated workouts (FIT, GPX, TCX) with ground-truth files.
    Simulate(simulate::SimulateArgs),
    /// The athlete profile: `init` writes a commented one, `show` checks the one read.
    Profile(profile::ProfileCommand),
}

/// Parse the command line, run the command, and return the process exit code.
pub fn main() -> i32 {
    // Panics are contained per file and reported as one-line errors naming the file; keep the
    // default hook from printing a banner for them. One that escapes is caught in `main`.
    std::panic::set_hook(Box::new(|_| {}));
    match std::panic::catch_unwind(run) {
        Ok(code) => code,
        Err(payload) => {
            eprintln!(
                "error: {}",
                lapwise::Error::Panic(lapwise::guard::panic_message(payload.as_ref()))
            );
            EXIT_PANIC
        }
    }
}

/// Exit code: an internal error escaped containment (a bug).
pub const EXIT_PANIC: i32 = 101;

fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Analyze(args) => {
            let _ = interrupt::flag();
            analyze::run(&args)
        }
        Command::Season(args) => {
            // Ctrl-C stops the batch between files instead of killing it mid-write.
            let _ = interrupt::flag();
            if args.athletes {
                squad::run(&args)
            } else {
                season::run(&args)
            }
        }
        Command::Serve(args) => serve::run(&args),
        Command::Simulate(args) => simulate::run(&args).map(|()| EXIT_OK),
        Command::Profile(cmd) => Ok(profile::run(&cmd)),
    };
    match result {
        Ok(code) => code,
        Err(e) if output::is_broken_pipe(&e) => EXIT_OK,
        Err(e) => {
            eprintln!("error: {e:#}");
            EXIT_INPUT_FAILED
        }
    }
}
