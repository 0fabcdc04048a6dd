//! The README's showcase fixture must come out as the runner ran it: 2 mi warm-up,
//! 6 × 400 m with 2:00 jog, 4 strides straight after the last rep, 1 mi cool-down
//! (fixtures/track-6x400.truth.json).

#[test]
fn track_6x400_structure_line() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/track-6x400.fit");
    let out = crate::bin::lapwise()
        .args(["analyze", fixture])
        .output()
        .expect("run lapwise");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("Structure"))
        .unwrap_or_else(|| panic!("no structure line in\n{text}"));
    // Truth: reps average 89.6 s, rests 2:00; boundaries within about a second.
    assert!(
        ["1:28.", "1:29.", "1:30.", "1:31."]
            .iter()
            .any(|a| line.contains(&format!("warm-up 2.0 mi · 6 × 400 m (avg {a}"))),
        "{line}"
    );
    assert!(
        ["1:59", "2:00", "2:01"]
            .iter()
            .any(|r| line.contains(&format!(") with {r} jog · 4 × strides · cool-down 1.0 mi"))),
        "{line}"
    );
    assert!(!line.contains("tempo"), "{line}");
    let workout = text
        .lines()
        .find(|l| l.trim_start().starts_with("Workout"))
        .unwrap_or_default();
    assert!(workout.contains("6 reps of 400 m"), "{workout}");
}
