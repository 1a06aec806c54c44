"""Shared fixtures: paths to the seeds and fixture files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The repository's fixtures/ folder."""
    return FIXTURES


def seed_text(prefix: str) -> str:
    """Text of the seed whose file name starts with ``prefix`` (e.g. "003")."""
    matches = sorted((FIXTURES / "seeds").glob(f"{prefix}_*.txt"))
    assert matches, f"no seed {prefix} in {FIXTURES / 'seeds'}"
    return matches[0].read_text(encoding="utf-8")
