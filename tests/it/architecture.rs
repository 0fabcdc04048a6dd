//! The map in docs/architecture.md stays true: no import circle between top-level modules of
//! `src/`, none between files, and the layering rules (`report/` never reaches into `season/`;
//! detectors and scores never reach into `report/`).
//!
//! Edges are read from the code itself: every `crate::…` and `super::…` path outside comments
//! and outside the `#[cfg(test)]` part at the end of a file. A path is resolved to the file that
//! defines the item: a `pub use child::Item` re-export in a `mod.rs` is followed to the child, so a
//! module's public facade is not a dependency of its own children.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Module path of a source file (`src/segment/mod.rs` → `segment`, `src/a/b.rs` → `a::b`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap_or(file);
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts
        .last()
        .is_some_and(|l| l == "mod" || l == "lib" || l == "main")
    {
        parts.pop();
    }
    parts.join("::")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without comments, string contents and its trailing test module.
fn code_of(text: &str) -> String {
    let cut = text.find("#[cfg(test)]").unwrap_or(text.len());
    let mut out = String::new();
    for line in text[..cut].lines() {
        let mut l = line;
        if let Some(i) = l.find("//") {
            l = &l[..i];
        }
        // Drop string literals (paths inside messages are not dependencies).
        let mut in_str = false;
        for c in l.chars() {
            if c == '"' {
                in_str = !in_str;
            } else if !in_str {
                out.push(c);
            }
        }
        out.push('\n');
    }
    out
}

/// Paths in `use` trees and in expressions, expanded (`use a::{b, c::d}` → `a::b`, `a::c::d`).
fn paths_in(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    // `use` statements, braces expanded.
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let before = rest[..i].chars().last();
        rest = &rest[i + 4..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let end = rest.find(';').unwrap_or(rest.len());
        let tree: String = rest[..end].split_whitespace().collect::<Vec<_>>().join(" ");
        expand(
            "",
            &tree.replace(":: ", "::").replace(" ::", "::"),
            &mut out,
        );
        rest = &rest[end..];
    }
    // Inline paths (`crate::x::y(…)`, `super::x`).
    for key in ["crate::", "super::"] {
        let mut s = code;
        while let Some(i) = s.find(key) {
            let before = s[..i].chars().last();
            let tail = &s[i..];
            let len = tail
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(tail.len());
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                out.push(tail[..len].trim_end_matches(':').to_string());
            }
            s = &s[i + key.len()..];
        }
    }
    out
}

fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = format!("{prefix}{}", tree[..open].trim());
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let mut depth = 0;
        let mut start = 0;
        for (k, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&head, &inner[start..k], out);
                    start = k + 1;
                }
                _ => {}
            }
        }
        expand(&head, &inner[start..], out);
    } else if !tree.is_empty() {
        out.push(format!("{prefix}{tree}"));
    }
}

struct Crate {
    /// Module path → file.
    modules: BTreeMap<String, PathBuf>,
    /// Module path → (re-exported item name → module path it comes from).
    reexports: HashMap<String, HashMap<String, String>>,
    /// Module path → code.
    code: BTreeMap<String, String>,
}

impl Crate {
    fn load(src: &Path) -> Crate {
        let mut files = Vec::new();
        rust_files(src, &mut files);
        let mut modules = BTreeMap::new();
        let mut code = BTreeMap::new();
        for f in files {
            let m = module_of(src, &f);
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            code.insert(m.clone(), code_of(&text));
            modules.insert(m, f);
        }
        let mut reexports: HashMap<String, HashMap<String, String>> = HashMap::new();
        for (m, c) in &code {
            let mut map = HashMap::new();
            for line in c
                .lines()
                .map(str::trim)
                .filter(|l| l.starts_with("pub use "))
            {
                let mut ps = Vec::new();
                expand(
                    "",
                    line.trim_start_matches("pub use ").trim_end_matches(';'),
                    &mut ps,
                );
                for p in ps {
                    let (path, name) = match p.split_once(" as ") {
                        Some((a, b)) => (a.to_string(), b.to_string()),
                        None => (p.clone(), p.rsplit("::").next().unwrap_or("").to_string()),
                    };
                    let path = path.trim_end_matches("::self").to_string();
                    let target = resolve_rel(m, &path);
                    map.insert(name, target);
                }
            }
            reexports.insert(m.clone(), map);
        }
        Crate {
            modules,
            reexports,
            code,
        }
    }

    /// The file (module path) that defines what `path` (absolute, `a::b::Item`) names.
    fn file_of(&self, path: &str, depth: usize) -> Option<String> {
        let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
        for k in (0..=parts.len()).rev() {
            let m = parts[..k].join("::");
            if !self.modules.contains_key(&m) {
                continue;
            }
            // `m::Item` re-exported from elsewhere: follow it.
            if let Some(item) = parts.get(k)
                && depth < 8
                && let Some(target) = self.reexports.get(&m).and_then(|r| r.get(*item))
            {
                let rest = parts[k + 1..].join("::");
                let full = if rest.is_empty() {
                    target.clone()
                } else {
                    format!("{target}::{rest}")
                };
                return self.file_of(&full, depth + 1).or(Some(m));
            }
            return Some(m);
        }
        None
    }

    /// File-level dependency edges.
    fn edges(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (m, c) in &self.code {
            let e = g.entry(m.clone()).or_default();
            for p in paths_in(c) {
                let p = p.split(" as ").next().unwrap_or(&p).to_string();
                if !(p.starts_with("crate::") || p.starts_with("super::")) {
                    continue;
                }
                // `pub use` lines of a module are its facade, not its dependencies.
                let abs = resolve_rel(m, &p);
                if let Some(f) = self.file_of(&abs, 0)
                    && f != *m
                    && !c.contains(&format!("pub use {}", p.trim_start_matches("self::")))
                {
                    e.insert(f);
                }
            }
        }
        g
    }
}

/// An absolute module path from `p` as written inside module `m` (`crate::`, `super::`).
fn resolve_rel(m: &str, p: &str) -> String {
    let mut base: Vec<&str> = m.split("::").filter(|x| !x.is_empty()).collect();
    let mut rest = p;
    if let Some(r) = rest.strip_prefix("crate::") {
        return r.to_string();
    }
    let mut moved = false;
    while let Some(r) = rest.strip_prefix("super::") {
        base.pop();
        rest = r;
        moved = true;
    }
    if let Some(r) = rest.strip_prefix("self::") {
        rest = r;
        moved = true;
    }
    if !moved {
        // A relative path from inside `m` (its child module, in a `pub use`).
        return if base.is_empty() {
            rest.to_string()
        } else {
            format!("{}::{rest}", base.join("::"))
        };
    }
    if base.is_empty() {
        rest.to_string()
    } else {
        format!("{}::{rest}", base.join("::"))
    }
}

/// Strongly connected components with more than one node (Tarjan).
fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct St<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: HashMap<&'a str, usize>,
        low: HashMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(st: &mut St<'a>, v: &'a str) {
        st.index.insert(v, st.next);
        st.low.insert(v, st.next);
        st.next += 1;
        st.stack.push(v);
        st.on.insert(v);
        if let Some(ws) = st.g.get(v) {
            for w in ws {
                let w = w.as_str();
                if !st.index.contains_key(w) {
                    visit(st, w);
                    let lw = st.low[w];
                    let lv = st.low[v];
                    st.low.insert(v, lv.min(lw));
                } else if st.on.contains(w) {
                    let iw = st.index[w];
                    let lv = st.low[v];
                    st.low.insert(v, lv.min(iw));
                }
            }
        }
        if st.low[v] == st.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = st.stack.pop() {
                st.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                st.out.push(comp);
            }
        }
    }
    let mut st = St {
        g,
        index: HashMap::new(),
        low: HashMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in g.keys() {
        if !st.index.contains_key(v.as_str()) {
            visit(&mut st, v);
        }
    }
    st.out
}

fn top(m: &str) -> String {
    m.split("::").next().unwrap_or("").to_string()
}

fn load() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    Crate::load(&src).edges()
}

#[test]
fn no_circle_between_files() {
    let g = load();
    assert!(g.len() > 50, "found only {} source files", g.len());
    let c = cycles(&g);
    assert!(c.is_empty(), "import circles between files: {c:#?}");
}

#[test]
fn no_circle_between_top_level_modules() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, bs) in load() {
        let e = g.entry(top(&a)).or_default();
        for b in bs {
            if top(&b) != top(&a) {
                e.insert(top(&b));
            }
        }
    }
    let c = cycles(&g);
    assert!(
        c.is_empty(),
        "import circles between top-level modules: {c:#?}"
    );
}

#[test]
fn layers() {
    let g = load();
    let bad: Vec<(String, String)> = g
        .iter()
        .flat_map(|(a, bs)| bs.iter().map(move |b| (a.clone(), b.clone())))
        .filter(|(a, b)| {
            let (ta, tb) = (top(a), top(b));
            (ta == "report" && tb == "season")
                || (matches!(
                    ta.as_str(),
                    "segment" | "score" | "analysis" | "clean" | "model"
                ) && tb == "report")
                || (ta == "model" && !matches!(tb.as_str(), "model" | "error" | ""))
        })
        .collect();
    assert!(bad.is_empty(), "imports against the layering: {bad:#?}");
}

#[test]
fn the_checker_sees_a_circle() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    g.entry("c".into()).or_default().insert("a".into());
    g.entry("d".into()).or_default().insert("a".into());
    assert_eq!(
        cycles(&g),
        vec![vec!["a".to_string(), "b".into(), "c".into()]]
    );
    let mut out = Vec::new();
    expand("", "crate::x::{a, b::{c, d as e}}", &mut out);
    assert_eq!(
        out,
        ["crate::x::a", "crate::x::b::c", "crate::x::b::d as e"]
    );
    assert_eq!(
        resolve_rel("segment::classify", "super::config::X"),
        "segment::config::X"
    );
}
