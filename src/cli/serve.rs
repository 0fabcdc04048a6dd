//! `lapwise serve`: the local upload page (docs/web.md).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Args;

use super::limits::LimitArgs;
use super::profile::{AthleteOptions, resolve};
use super::units_arg::UnitsArg;
use super::{EXIT_OK, EXIT_USAGE};
use lapwise::ingest::limits::{format_size, parse_size};
use lapwise::web::{self, Settings};

/// Arguments of `lapwise serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1 [default: any free port].
    #[arg(long, value_name = "N")]
    pub port: Option<u16>,
    /// Listen on ADDR (an IP, or IP:PORT) instead of 127.0.0.1, e.g. 0.0.0.0 to open the page
    /// from a phone on the same network. Every URL then needs the access token printed at start.
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Largest upload accepted (one request; every file in it also meets the limits below).
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "64MiB")]
    pub max_upload: u64,
    /// Units of the reports [default: the profile's, else imperial].
    #[arg(long, value_enum)]
    pub units: Option<UnitsArg>,
    /// No log line per request.
    #[arg(long, short)]
    pub quiet: bool,
    /// The athlete: thresholds and profile.
    #[command(flatten)]
    pub athlete: AthleteOptions,
    /// Resource limits.
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// The address to bind: `--listen` (IP or IP:PORT; `--port` fills a missing port) or
/// 127.0.0.1.
fn bind_addr(args: &ServeArgs) -> Result<SocketAddr, String> {
    let port = args.port.unwrap_or(0);
    match &args.listen {
        None => Ok(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port)),
        Some(text) => text
            .parse::<SocketAddr>()
            .or_else(|_| {
                text.trim_matches(['[', ']'])
                    .parse::<IpAddr>()
                    .map(|ip| SocketAddr::new(ip, port))
            })
            .map_err(|_| format!("bad --listen '{text}' (an IP address, or IP:PORT)")),
    }
}

/// Start the system's browser on `url` (best effort).
fn open_browser(url: &str) {
    let tries: &[(&str, &[&str])] = if cfg!(target_os = "macos") {
        &[("open", &[])]
    } else if cfg!(windows) {
        &[("cmd", &["/C", "start", ""])]
    } else {
        &[
            ("xdg-open", &[]),
            ("sensible-browser", &[]),
            ("chromium", &[]),
        ]
    };
    for (cmd, pre) in tries {
        let spawned = std::process::Command::new(cmd)
            .args(*pre)
            .arg(url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if spawned.is_ok() {
            return;
        }
    }
    eprintln!("note: no browser found to open; open {url} yourself");
}

/// Run the server until Ctrl-C; returns the exit code.
pub fn run(args: &ServeArgs) -> anyhow::Result<i32> {
    let settled = match resolve(&args.athlete, args.units, None) {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let addr = match bind_addr(args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_USAGE);
        }
    };
    let mut options = lapwise::pipeline::options_for(settled.units);
    options.thresholds = settled.thresholds;
    options.goal_mile_s = settled.goal_mile_s;
    // Ctrl-C also stops seasons being built (between files), so the runtime can shut down.
    let stop = Arc::new(AtomicBool::new(false));
    let settings = Settings {
        units: settled.units,
        options,
        limits: args.limits.limits(),
        cancel: lapwise::season::Cancel::new(stop.clone()),
    };
    let body_limit = usize::try_from(args.max_upload).unwrap_or(usize::MAX);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let code = runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: cannot listen on {addr}: {e}");
                return Ok(EXIT_USAGE);
            }
        };
        let bound = listener.local_addr()?;
        let state = web::state(bound, settings, body_limit, !args.quiet);
        let shown = if bound.ip().is_unspecified() {
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), bound.port())
        } else {
            bound
        };
        let url = match &state.access.token {
            Some(t) => format!("http://{shown}/?token={t}"),
            None => format!("http://{shown}/"),
        };
        if state.access.token.is_some() {
            eprintln!(
                "warning: listening on {bound}, reachable from other machines; every URL needs the token below"
            );
        }
        println!("lapwise serving on {url}");
        eprintln!(
            "uploads up to {} · nothing is stored: uploads live in memory while the server runs · Ctrl-C stops",
            format_size(body_limit as u64)
        );
        if args.open {
            open_browser(&url);
        }
        let shutdown = async move {
            let _ = tokio::signal::ctrl_c().await;
            stop.store(true, Ordering::Relaxed);
            eprintln!("stopping");
        };
        web::serve(listener, state, shutdown).await?;
        Ok(EXIT_OK)
    });
    // Blocking tasks still analysing get a moment to see the stop flag; the process then ends.
    runtime.shutdown_timeout(std::time::Duration::from_secs(5));
    code
}
