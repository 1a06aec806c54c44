"""The five real seed pages: must-contain / must-not-contain snippets from
fixtures/seeds/expectations.toml, plus whole-page properties."""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

import pytest

import scrubtext

from .conftest import FIXTURES, seed_text

EXPECT = tomllib.loads((FIXTURES / "seeds" / "expectations.toml").read_text(encoding="utf-8"))
KNOWN = EXPECT.get("known_failures", {})


@cache
def cleaned(prefix: str) -> str:
    return scrubtext.clean(seed_text(prefix))


def _cases(key: str) -> list[object]:
    out = []
    for seed in EXPECT["seed"]:
        for snippet in seed.get(key, []):
            marks = []
            if snippet in KNOWN:
                marks.append(pytest.mark.xfail(reason=KNOWN[snippet], strict=False))
            out.append(
                pytest.param(
                    seed["file"], snippet, marks=marks, id=f"{seed['file']}:{snippet[:30]}"
                )
            )
    return out


@pytest.mark.parametrize(("prefix", "snippet"), _cases("must_contain"))
def test_seed_keeps(prefix: str, snippet: str) -> None:
    assert snippet in cleaned(prefix)


@pytest.mark.parametrize(("prefix", "snippet"), _cases("must_not_contain"))
def test_seed_loses(prefix: str, snippet: str) -> None:
    assert snippet not in cleaned(prefix)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_cleaning_is_idempotent(prefix: str) -> None:
    once = cleaned(prefix)
    assert scrubtext.clean(once) == once


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_result_replays_and_maps_into_the_original(prefix: str) -> None:
    text = seed_text(prefix)
    r = scrubtext.scrub(text)
    assert r.text == cleaned(prefix)
    for e in r.edits:
        assert 0 <= e.start <= e.end <= len(text)
    for f in r.flags:
        assert 0 <= f.start <= f.end <= len(r.text)


def test_press_release_002_keeps_almost_everything() -> None:
    before = seed_text("002").split()
    after = cleaned("002").split()
    assert len(after) > 0.95 * len(before)


def _golden_tool() -> object:
    import importlib.util

    path = FIXTURES.parent / "tools" / "seed_golden.py"
    spec = importlib.util.spec_from_file_location("seed_golden", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_output_and_edits_match_the_golden_files(prefix: str) -> None:
    """Whole output and every edit, as read and checked by hand (tools/seed_golden.py)."""
    tool: Any = _golden_tool()
    (seed,) = [p for p in tool.seeds() if p.name.startswith(prefix)]
    for name, content in tool.render(seed).items():
        golden = (tool.GOLDEN / name).read_text(encoding="utf-8")
        assert content == golden, f"{name} differs: run python tools/seed_golden.py"
