"""Write or check the golden outputs of the five seeds (fixtures/seeds/golden/).

For each seed, ``<name>.clean.txt`` is ``scrubtext.clean(seed)`` and
``<name>.edits.txt`` lists every edit as ``line:col step rule 'before' -> 'after'``
(positions in the seed). Flags are not part of the golden files: coherence scores
move with calibration and are checked by tests/test_coherence.py.

    python tools/seed_golden.py          # show what differs (exit 1 if anything does)
    python tools/seed_golden.py --write  # rewrite the files; then READ the diff

A change to these files is a change in behaviour on real pages: review it line by
line (``git diff fixtures/seeds/golden``) before committing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import scrubtext
from scrubtext.explain import LineIndex

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
GOLDEN = SEEDS / "golden"


def seeds() -> list[Path]:
    """The seed files, in name order."""
    return sorted(p for p in SEEDS.glob("*.txt"))


def render(seed: Path) -> dict[str, str]:
    """The golden files' contents for one seed, by file name."""
    text = seed.read_text(encoding="utf-8")
    result = scrubtext.scrub(text)
    where = LineIndex(text).position
    lines = [
        "{}:{} {} {} {!r} -> {!r}".format(*where(e.start), e.step, e.rule, e.before, e.after)
        for e in result.edits
    ]
    stem = seed.stem
    return {
        f"{stem}.clean.txt": result.text,
        f"{stem}.edits.txt": "\n".join(lines) + "\n",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite the golden files")
    args = parser.parse_args(argv)
    differ = []
    for seed in seeds():
        for name, content in render(seed).items():
            path = GOLDEN / name
            old = path.read_text(encoding="utf-8") if path.exists() else None
            if old == content:
                continue
            differ.append(name)
            if args.write:
                path.write_text(content, encoding="utf-8")
    verb = "rewrote" if args.write else "differ"
    for name in differ:
        print(f"{verb}: fixtures/seeds/golden/{name}")
    return 1 if differ and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())
