//! The terminal's analysis lines (workout, structure, mile, scores, coach) read back into
//! labelled items, so the HTML report says exactly what the terminal says.
//!
//! The terminal writes a top-level item as `  Label  value` (indent 2, two or more spaces after
//! the label), a section head as `  Scores` (indent 2, no gap), an item of a section as
//! `    Label  value` (indent 4), and anything indented deeper as a continuation of the item
//! above.

/// One labelled item with its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The label (`Workout`, `Pacing`, ...).
    pub label: String,
    /// The first line's value, then the continuation lines.
    pub lines: Vec<String>,
}

/// A group of items, with a heading when the terminal gave one (`Scores`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Block {
    /// The section heading; `None` for top-level items.
    pub title: Option<String>,
    /// The items in order.
    pub items: Vec<Item>,
}

/// Split `label  value` at the first run of two or more spaces.
fn labelled(body: &str) -> Option<(&str, &str)> {
    let gap = body.find("  ")?;
    let (label, rest) = body.split_at(gap);
    Some((label.trim(), rest.trim()))
}

/// Read terminal lines back into blocks (empty blocks dropped).
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = vec![Block::default()];
    for line in text.lines() {
        let body = line.trim_start();
        if body.is_empty() {
            continue;
        }
        let indent = line.len() - body.len();
        let item = |label: &str, value: &str| Item {
            label: label.to_string(),
            lines: vec![value.to_string()],
        };
        let last = out.len() - 1;
        match (indent, labelled(body)) {
            (0..=2, Some((label, value))) => {
                if out[last].title.is_some() {
                    out.push(Block::default());
                }
                let last = out.len() - 1;
                out[last].items.push(item(label, value));
            }
            (0..=2, None) => out.push(Block {
                title: Some(body.to_string()),
                items: Vec::new(),
            }),
            (3..=4, Some((label, value))) => out[last].items.push(item(label, value)),
            _ => match out[last].items.last_mut() {
                Some(it) => it.lines.push(body.to_string()),
                None => out[last].items.push(item("", body)),
            },
        }
    }
    out.retain(|b| !b.items.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_sections_and_continuations() {
        let text = "\n  Workout    intervals — 6 reps\n  Structure  warm-up 1.0 mi · 6 × 400 m\n             (the laps mark 6 reps)\n\n  Scores\n    Pacing     evenness 90/100\n      warm-up   evenness 88/100\n    Cadence    174 steps/min\n  HR zones   Z1 9:47\n";
        let b = blocks(text);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].title, None);
        assert_eq!(b[0].items[0].label, "Workout");
        assert_eq!(b[0].items[1].lines.len(), 2);
        assert_eq!(b[1].title.as_deref(), Some("Scores"));
        assert_eq!(b[1].items[0].label, "Pacing");
        assert_eq!(b[1].items[0].lines[1], "warm-up   evenness 88/100");
        assert_eq!(b[1].items[1].label, "Cadence");
        assert_eq!(b[2].title, None);
        assert_eq!(b[2].items[0].label, "HR zones");
    }
}
