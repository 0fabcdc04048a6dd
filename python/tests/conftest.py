"""Shared paths for the Python tests: the repository's fixtures, the real corpus (skipped when
absent, as the Rust tests do) and the `lapwise` binary the documents are compared with."""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"


def activity_fixtures():
    return sorted(p for p in FIXTURES.iterdir() if p.suffix in (".fit", ".gpx", ".tcx"))


def nested_exports(root):
    """Copy every fixture into `root/a` or `root/b` (alternately) and add a bad and an empty file
    to `root/b`; returns the fixtures copied."""
    import shutil

    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    files = activity_fixtures()
    for i, p in enumerate(files):
        shutil.copy(p, root / ("a" if i % 2 else "b") / p.name)
    (root / "b" / "junk.fit").write_bytes(b"junk")
    (root / "b" / "empty.gpx").write_bytes(b"")
    return files


def corpus_files():
    if not (CORPUS / "MANIFEST.tsv").is_file():
        return []
    return sorted(p for sub in ("fit", "gpx", "tcx") for p in (CORPUS / sub).iterdir() if p.is_file())


def binary():
    """The CLI: $LAPWISE_BIN, else the release build under $CARGO_TARGET_DIR or ./target."""
    candidates = [os.environ.get("LAPWISE_BIN")]
    target = os.environ.get("CARGO_TARGET_DIR")
    if target:
        candidates.append(os.path.join(target, "release", "lapwise"))
    candidates.append(str(ROOT / "target" / "release" / "lapwise"))
    for c in candidates:
        if c and os.path.isfile(c):
            return c
    return None


@pytest.fixture(scope="session")
def cli(tmp_path_factory):
    """Run the CLI isolated from the machine's athlete profile; returns (code, stdout, stderr)."""
    exe = binary()
    if exe is None:
        pytest.skip("no lapwise binary (build it with cargo build --release or set LAPWISE_BIN)")
    home = tmp_path_factory.mktemp("home")
    env = {k: v for k, v in os.environ.items() if k != "LAPWISE_PROFILE"}
    env.update({"HOME": str(home), "XDG_CONFIG_HOME": str(home)})

    def run(args, cwd=None):
        p = subprocess.run([exe, *args], cwd=cwd, env=env, capture_output=True, text=True)
        return p.returncode, p.stdout, p.stderr

    return run
