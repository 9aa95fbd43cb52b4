"""Shared fixtures: the repository's sample article and the reftrace CLI binary.

The CLI is ``$REFTRACE_BIN`` if set, else ``target/release/reftrace``, else
``target/debug/reftrace`` (build one with ``cargo build --release``). A missing
binary fails the tests that need it: they are comparisons, not optional extras.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "refs" / "musings-2023-11-22-us-retaliates.txt"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def sample_path() -> Path:
    assert SAMPLE.is_file(), f"the sample article is missing: {SAMPLE}"
    return SAMPLE


@pytest.fixture(scope="session")
def sample(sample_path: Path) -> str:
    return sample_path.read_text(encoding="utf-8")


def _binary() -> Path:
    env = os.environ.get("REFTRACE_BIN")
    candidates = [Path(env)] if env else [
        ROOT / "target" / "release" / "reftrace",
        ROOT / "target" / "debug" / "reftrace",
    ]
    for c in candidates:
        if c.is_file():
            return c
    pytest.fail(
        "no reftrace binary: set REFTRACE_BIN or run `cargo build --release` "
        f"(looked at {', '.join(map(str, candidates))})"
    )


@pytest.fixture(scope="session")
def cli():
    """Runs the reftrace CLI; returns the CompletedProcess (stdout as text)."""
    binary = _binary()

    def run(*args: str, ok=(0,)) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [str(binary), *map(str, args)], capture_output=True, text=True, encoding="utf-8"
        )
        assert done.returncode in ok, f"reftrace {' '.join(map(str, args))}: {done.stderr}"
        return done

    return run
