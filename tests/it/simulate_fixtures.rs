//! The fixtures in fixtures/ are exactly what the commands in fixtures/README.md produce.
//! `LAPWISE_WRITE_FIXTURES=1` rewrites them instead of comparing.

use std::path::{Path, PathBuf};

fn shell_words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(cur);
    }
    out
}

fn commands(root: &Path) -> Vec<Vec<String>> {
    let readme =
        std::fs::read_to_string(root.join("fixtures/README.md")).expect("fixtures/README.md");
    readme
        .lines()
        .filter(|l| l.starts_with("lapwise simulate "))
        .map(|l| shell_words(l)[2..].to_vec())
        .collect()
}

#[test]
fn fixtures_regenerate_to_identical_bytes() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let write = std::env::var_os("LAPWISE_WRITE_FIXTURES").is_some();
    let tmp = tempfile::tempdir().unwrap();
    let cmds = commands(&root);
    assert!(cmds.len() >= 8, "README lists the fixtures");
    for words in cmds {
        // Run the real binary with the README's arguments, only --out redirected.
        let out_pos = words
            .iter()
            .position(|w| w == "--out")
            .unwrap_or_else(|| panic!("{words:?}: no --out"));
        let committed = root.join(&words[out_pos + 1]);
        let name = committed.file_name().unwrap().to_owned();
        let target = if write {
            committed.clone()
        } else {
            tmp.path().join(&name)
        };
        let mut args = words.clone();
        args[out_pos + 1] = target.display().to_string();
        let status = crate::bin::lapwise()
            .arg("simulate")
            .args(&args)
            .current_dir(&root)
            .status()
            .expect("run lapwise");
        assert!(status.success(), "lapwise simulate {words:?} failed");
        if write {
            continue;
        }
        for entry in std::fs::read_dir(tmp.path()).unwrap() {
            let p = entry.unwrap().path();
            let fresh = std::fs::read(&p).unwrap();
            let fixture = root.join("fixtures").join(p.file_name().unwrap());
            let old = std::fs::read(&fixture)
                .unwrap_or_else(|_| panic!("missing fixture {}", fixture.display()));
            assert!(
                fresh == old,
                "{} differs from a fresh run of {words:?}",
                fixture.display()
            );
            std::fs::remove_file(&p).unwrap();
        }
    }
}
