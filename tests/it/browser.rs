//! The upload page in a real browser: headless Chromium (Debian's `chromium`, driven over the
//! DevTools protocol by `headless_chrome`, no browser download) opens `lapwise serve`, sets the
//! file input to a fixture, submits, waits for the report, checks the summary and the charts,
//! checks that the page has no horizontal overflow at 1280 px and 390 px, and saves
//! screenshots under the target folder (`target/tmp/browser/`). Then three files make a
//! season. Skips with a notice when no browser is found, unless `LAPWISE_REQUIRE_BROWSER` is
//! set (CI sets it after installing `chromium`).

use std::ffi::OsStr;
use std::path::PathBuf;
use std::time::Duration;

use headless_chrome::protocol::cdp::Emulation::SetDeviceMetricsOverride;
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};
use lapwise::web::{self, Settings};

/// The browser to drive: `$CHROME`, else `chromium`, `chromium-browser` or `google-chrome`
/// on PATH.
fn browser_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROME").map(PathBuf::from)
        && p.is_file()
    {
        return Some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        ["chromium", "chromium-browser", "google-chrome"]
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.is_file())
    })
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
        .display()
        .to_string()
}

fn shots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

/// Set the viewport to `width` px (mobile layout below 600 px) and return whether the page
/// overflows horizontally; saves a full-page screenshot as `name`.
fn check_width(tab: &Tab, width: u32, name: &str) -> bool {
    tab.call_method(SetDeviceMetricsOverride {
        width,
        height: 900,
        device_scale_factor: 1.0,
        mobile: width < 600,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .expect("viewport set");
    std::thread::sleep(Duration::from_millis(200));
    let overflow = tab
        .evaluate(
            "document.documentElement.scrollWidth > document.documentElement.clientWidth",
            false,
        )
        .expect("evaluates")
        .value
        .and_then(|v| v.as_bool())
        .expect("a boolean");
    let png = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("screenshot");
    std::fs::write(shots_dir().join(name), png).expect("screenshot saved");
    overflow
}

fn count(tab: &Tab, selector: &str) -> u64 {
    tab.evaluate(
        &format!("document.querySelectorAll('{selector}').length"),
        false,
    )
    .expect("evaluates")
    .value
    .and_then(|v| v.as_u64())
    .expect("a number")
}

#[test]
fn upload_page_in_headless_chromium() {
    let Some(chrome) = browser_path() else {
        assert!(
            std::env::var_os("LAPWISE_REQUIRE_BROWSER").is_none(),
            "LAPWISE_REQUIRE_BROWSER is set but no chromium was found"
        );
        eprintln!(
            "notice: no chromium found (set CHROME or install chromium); browser test skipped"
        );
        return;
    };
    // The server, on a real socket in its own runtime.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let state = web::state(addr, Settings::default(), web::DEFAULT_BODY_LIMIT, false);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = rt.spawn(web::serve(listener, state, async {
        let _ = stopped.await;
    }));

    let profile = tempfile::tempdir().expect("profile folder");
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let browser = Browser::new(
        LaunchOptions::default_builder()
            .path(Some(chrome))
            .headless(true)
            .sandbox(false)
            .window_size(Some((1280, 900)))
            .user_data_dir(Some(profile.path().to_path_buf()))
            .args(args)
            .idle_browser_timeout(Duration::from_secs(120))
            .build()
            .expect("launch options"),
    )
    .expect("chromium starts");
    let tab = browser.new_tab().expect("a tab");
    tab.set_default_timeout(Duration::from_secs(60));

    // One file: the report.
    tab.navigate_to(&format!("http://{addr}/"))
        .and_then(|t| t.wait_until_navigated())
        .expect("upload page loads");
    assert!(
        !check_width(&tab, 1280, "upload-1280.png"),
        "upload page overflows at 1280 px"
    );
    assert!(
        !check_width(&tab, 390, "upload-390.png"),
        "upload page overflows at 390 px"
    );
    check_width(&tab, 1280, "upload-1280.png");
    let input = tab.wait_for_element("#files").expect("file input");
    input
        .set_input_files(&[&fixture("track-6x400.fit")])
        .expect("file set");
    tab.wait_for_element("#analyse")
        .and_then(|b| b.click().map(|_| ()))
        .expect("submit");
    if tab.wait_for_element("#summary").is_err() {
        panic!(
            "no report: at {} with {}",
            tab.get_url(),
            tab.get_content().unwrap_or_default()
        );
    }
    let summary = tab
        .wait_for_element("#summary")
        .expect("the report appears")
        .get_inner_text()
        .expect("summary text");
    for expected in [
        "Distance",
        "5.71 mi",
        "Moving time",
        "50:06",
        "Average pace",
        "8:46 /mi",
    ] {
        assert!(
            summary.contains(expected),
            "summary lacks {expected}: {summary}"
        );
    }
    let title = tab
        .wait_for_element("#title")
        .unwrap()
        .get_inner_text()
        .unwrap();
    assert_eq!(title, "track-6x400.fit");
    assert_eq!(
        count(&tab, "#charts svg"),
        4,
        "overview, splits, cadence, intervals"
    );
    let analysis = tab
        .wait_for_element("#analysis")
        .unwrap()
        .get_inner_text()
        .unwrap();
    assert!(analysis.contains("6 × 400 m"), "{analysis}");
    assert!(
        !check_width(&tab, 1280, "report-1280.png"),
        "report overflows at 1280 px"
    );
    assert!(
        !check_width(&tab, 390, "report-390.png"),
        "report overflows at 390 px"
    );

    // The units switch is a plain link.
    check_width(&tab, 1280, "report-1280.png");
    tab.wait_for_element("a[href$='units=metric']")
        .and_then(|a| a.click().map(|_| ()))
        .expect("switch to km");
    tab.wait_for_element("#summary").expect("metric report");
    std::thread::sleep(Duration::from_millis(300));
    let summary = tab
        .wait_for_element("#summary")
        .unwrap()
        .get_inner_text()
        .unwrap();
    assert!(summary.contains("9.19 km"), "{summary}");

    // Three files: the season, through the progress page.
    tab.navigate_to(&format!("http://{addr}/"))
        .and_then(|t| t.wait_until_navigated())
        .expect("upload page loads");
    let files = [
        fixture("easy.fit"),
        fixture("tempo.fit"),
        fixture("strides.gpx"),
    ];
    let refs: Vec<&str> = files.iter().map(String::as_str).collect();
    tab.wait_for_element("#files")
        .unwrap()
        .set_input_files(&refs)
        .expect("files set");
    tab.wait_for_element("#analyse")
        .and_then(|b| b.click().map(|_| ()))
        .expect("submit");
    tab.wait_for_element("#season").expect("the season appears");
    assert!(count(&tab, "#runs tbody tr") >= 1);
    assert!(count(&tab, "#charts svg") >= 3);
    assert!(
        !check_width(&tab, 1280, "season-1280.png"),
        "season overflows at 1280 px"
    );
    assert!(
        !check_width(&tab, 390, "season-390.png"),
        "season overflows at 390 px"
    );

    drop(tab);
    drop(browser);
    let _ = stop.send(());
    let _ = rt.block_on(server);
}
