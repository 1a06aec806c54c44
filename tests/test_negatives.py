"""Clean text must come through untouched: the main defence against over-cleaning.

Every record in fixtures/negatives/*.jsonl (``{"text": ..., "why": ...}``) and every
paragraph of fixtures/negatives/*.txt (paragraphs separated by blank lines) must
pass through the default pipeline with no edit at all.
"""

from __future__ import annotations

import json

import pytest

import scrubtext

from .conftest import FIXTURES

NEG = FIXTURES / "negatives"


def _cases() -> list[object]:
    out: list[object] = []
    for path in sorted(NEG.glob("*.jsonl")):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                rec = json.loads(line)
                marks = (
                    [pytest.mark.xfail(reason=rec["known_failure"], strict=False)]
                    if rec.get("known_failure")
                    else []
                )
                out.append(pytest.param(rec["text"], id=f"{path.stem}:{i}", marks=marks))
    for path in sorted(NEG.glob("*.txt")):
        paras = [p.strip("\n") for p in path.read_text(encoding="utf-8").split("\n\n")]
        out.extend(
            pytest.param(p, id=f"{path.stem}:{i}") for i, p in enumerate(paras, 1) if p.strip()
        )
    return out


@pytest.mark.parametrize("text", _cases())
def test_clean_text_is_untouched(text: str) -> None:
    r = scrubtext.scrub(text, html=False)
    assert [(e.rule, e.before, e.after) for e in r.edits] == []
    assert r.text == text
