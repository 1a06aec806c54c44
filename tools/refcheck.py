"""Output-identity check for refactors: snapshot the pipeline's output, then compare.

A speed-up should not change what scrubtext does. This runs the whole default
pipeline on a fixed corpus and records, per document, the output text, every edit
(step, rule, original span, replacement) and every flag (rule, span, score to 4
places); ``compare`` re-runs it and lists the documents whose record differs.

Corpus (needs the article-extraction benchmark, see ``benchmarks/_data.py``): each
of the 181 pages as html-text lines, flattened to one line, flattened with its
script and style text, and as raw HTML; plus the five seeds.

    python tools/refcheck.py save before        # on the old code
    python tools/refcheck.py compare before     # on the new code: exit 1 if anything differs

Snapshots go to ``.refcheck/`` (ignored by git).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import scrubtext  # noqa: E402
from _data import load_pages  # noqa: E402
from boilerplate import flat_lines, flat_oneline, flat_script  # noqa: E402

Doc = tuple[str, str, bool]  # key, text, is HTML
Record = tuple[str, list[tuple[Any, ...]], list[tuple[Any, ...]]]
PARTS = ("text", "edits", "flags")


def corpus() -> list[Doc]:
    """The documents checked, with stable keys."""
    docs: list[Doc] = []
    for p in load_pages():
        docs.append((f"lines/{p.id}", flat_lines(p.html), False))
        docs.append((f"oneline/{p.id}", flat_oneline(p.html), False))
        docs.append((f"script/{p.id}", flat_script(p.html), False))
        docs.append((f"html/{p.id}", p.html, True))
    for seed in sorted((ROOT / "fixtures" / "seeds").glob("*.txt")):
        docs.append((f"seed/{seed.name}", seed.read_text(encoding="utf-8"), False))
    return docs


def run(docs: list[Doc]) -> dict[str, Record]:
    """What the default pipeline does to each document."""
    out: dict[str, Record] = {}
    for key, text, html in docs:
        r = scrubtext.scrub(text, html=html)
        out[key] = (
            r.text,
            [(e.step, e.rule, e.start, e.end, e.after) for e in r.edits],
            [(f.rule, f.start, f.end, round(f.score or 0.0, 4)) for f in r.flags],
        )
    return out


def differences(ref: dict[str, Record], new: dict[str, Record]) -> dict[str, list[str]]:
    """Document key -> the parts (text, edits, flags) that differ."""
    out = {}
    for key, old in ref.items():
        now = new.get(key)
        parts = [n for n, a, b in zip(PARTS, old, now or ((), (), ()), strict=True) if a != b]
        if parts:
            out[key] = parts
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("save", "compare"))
    parser.add_argument("name", help="snapshot name")
    parser.add_argument("--store", type=Path, default=ROOT / ".refcheck")
    parser.add_argument("--show", type=int, default=10, help="differing documents to detail")
    args = parser.parse_args(argv)
    args.store.mkdir(exist_ok=True)
    path = args.store / f"{args.name}.pkl"
    new = run(corpus())
    if args.command == "save":
        path.write_bytes(pickle.dumps(new))
        print(f"saved {len(new)} documents to {path}")
        return 0
    ref: dict[str, Record] = pickle.loads(path.read_bytes())
    diff = differences(ref, new)
    for key, parts in list(diff.items())[: args.show]:
        print(f"DIFF {key}: {', '.join(parts)}")
        for i, part in enumerate(PARTS):
            if part in parts and part != "text":
                old, now = set(ref[key][i]), set(new[key][i])
                print(f"   only before: {sorted(old - now, key=str)[:3]}")
                print(f"   only now:    {sorted(now - old, key=str)[:3]}")
    kinds = Counter((key.split("/")[0], ",".join(parts)) for key, parts in diff.items())
    for (group, parts), n in sorted(kinds.items()):
        print(f"  {n} {group} documents differ in {parts}")
    print(f"{len(ref) - len(diff)}/{len(ref)} documents identical")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
