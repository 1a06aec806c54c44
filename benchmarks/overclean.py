"""Over-cleaning check: clean, edited articles must come through the plain-text
boilerplate filters with every word kept.

The true article bodies of the Zyte article-extraction benchmark are
professionally edited text without page furniture. Each is run through the
``script`` and ``boilerplate`` filters (language detected first, as in the
pipeline); a document counts as over-cleaned when any word is missing from the
output. The issue's floor is 97% of documents untouched.

    python benchmarks/overclean.py [--aggressiveness balanced] [--show 5]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter

from _data import ground_truth_articles
from scrubtext import lang
from scrubtext.document import Document
from scrubtext.filters.boilerplate import Boilerplate
from scrubtext.filters.script import Script

FLOOR = 0.97
_WORD = re.compile(r"[^\W_]+")


def words_lost(before: str, after: str) -> list[str]:
    """Words (runs of letters and digits) of ``before`` missing from ``after``."""
    missing = Counter(_WORD.findall(before)) - Counter(_WORD.findall(after))
    return sorted(missing.elements())


def run(aggressiveness: str = "balanced") -> tuple[int, list[tuple[str, list[str], str]]]:
    """(number of documents, [(id, lost words, edit reasons) for each over-cleaned one])."""
    script = Script()
    boiler = Boilerplate(aggressiveness=aggressiveness)
    bad: list[tuple[str, list[str], str]] = []
    total = 0
    for key, text in ground_truth_articles():
        if not text.strip():
            continue
        total += 1
        code = lang.detect(text)
        doc = Document(text, id=key, meta={"language": code} if code else {})
        reasons: list[str] = []
        for f in (script, boiler):
            doc, steps = f(doc)
            reasons += [f"{e.rule}: {e.reason}" for s in steps for e in s.edits]
        lost = words_lost(text, doc.text)
        if lost:
            bad.append((key, lost, "; ".join(reasons)))
    return total, bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--aggressiveness", default="balanced")
    ap.add_argument("--show", type=int, default=5, help="over-cleaned documents to print")
    args = ap.parse_args(argv)
    try:
        total, bad = run(args.aggressiveness)
    except FileNotFoundError as exc:
        print(f"skipped: {exc}")
        return 0
    kept = 1 - len(bad) / total
    print(
        f"aggressiveness={args.aggressiveness}: {total - len(bad)}/{total} clean articles "
        f"untouched ({kept:.1%}; floor {FLOOR:.0%})"
    )
    for key, lost, reasons in bad[: args.show]:
        print(f"  {key[:12]}: lost {len(lost)} words {lost[:8]} <- {reasons[:300]}")
    return 0 if kept >= FLOOR else 1


if __name__ == "__main__":
    sys.exit(main())
