"""Shared by the examples: a sample input, the CLI's output for it, and the comparison.

Not part of the framework recipes themselves; each example's cleaning code is in
its own file.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def arguments(doc: str) -> argparse.Namespace:
    """``INPUT`` (optional) and ``--records N`` (size of the sample made without INPUT)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("input", nargs="?", help="a JSON Lines file with a 'text' field")
    parser.add_argument("--records", type=int, default=50, help="sample size (default 50)")
    return parser.parse_args()


def sample_input(args: argparse.Namespace, folder: Path) -> Path:
    """The input file: INPUT as given, or the seed texts repeated to ``--records`` lines."""
    if args.input:
        return Path(args.input).resolve()
    seeds = sorted(SEEDS.glob("*.txt"))
    path = folder / "sample.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(args.records):
            seed = seeds[i % len(seeds)]
            text = seed.read_text(encoding="utf-8")
            fh.write(json.dumps({"id": i, "seed": seed.stem, "text": text}) + "\n")
    return path


def read_jsonl(*paths: Path) -> list[dict[str, Any]]:
    """Every record of the given JSON Lines files, in the order given."""
    return [json.loads(line) for p in paths for line in p.read_text(encoding="utf-8").splitlines()]


def cli_records(path: Path) -> list[dict[str, Any]]:
    """What ``scrubtext PATH`` writes, as records.

    A record whose field is missing or not a string is written unchanged (and named on
    stderr), as ``Cleaner`` passes it through.
    """
    proc = subprocess.run(
        [sys.executable, "-m", "scrubtext", str(path)], capture_output=True, check=False, text=True
    )
    return [json.loads(line) for line in proc.stdout.splitlines()]


def without_nulls(record: dict[str, Any]) -> dict[str, Any]:
    """The record without its null fields."""
    return {key: value for key, value in record.items() if value is not None}


def check(what: str, got: list[dict[str, Any]], want: list[dict[str, Any]], seconds: float) -> None:
    """Exit with an error unless ``got`` equals ``want``; print the throughput.

    Null fields are left out of both sides first: Ray and datasets give every record
    every column of the file, null where the record had none.
    """
    got, want = [without_nulls(r) for r in got], [without_nulls(r) for r in want]
    if got != want:
        first = next((i for i, (g, w) in enumerate(zip(got, want, strict=False)) if g != w), None)
        detail = f"first difference:\n  {got[first]}\n  {want[first]}" if first is not None else ""
        sys.exit(f"{what}: {len(got)} records, the CLI wrote {len(want)}; {detail}")
    print(
        f"{what}: {len(got)} records in {seconds:.1f} s ({len(got) / seconds:.0f} docs/s), same as the CLI"
    )
