"""Run statistics derived from the edit and flag records, mergeable across shards and runs.

Counts are never kept separately by filters: :meth:`Stats.add_result` reads them
off a :class:`~scrubtext.pipeline.Result`'s steps, so the totals always agree with
``--explain`` and ``--report``. Two :class:`Stats` add up (``a + b``), and the JSON
written by ``scrubtext --stats-json FILE`` loads back with :meth:`Stats.load`, so
shards cleaned on different machines merge into one table::

    python -m scrubtext.stats shard1.json shard2.json

>>> from scrubtext import scrub
>>> s = Stats()
>>> s.add_result(scrub("labs.. ok"))
>>> (s + s).edits["punctuation.double_period"]
2
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .pipeline import Result

_SCALARS = ("documents", "failed", "chars_in", "chars_out", "bytes_in", "bytes_out")
_COUNTERS = ("edits", "flags", "edit_documents", "flag_documents")


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


@dataclass
class Stats:
    """Documents cleaned and failed, characters and UTF-8 bytes in and out (of the
    cleaned text or field), edits and flags by rule, and by rule the number of
    documents that got at least one."""

    documents: int = 0
    failed: int = 0
    chars_in: int = 0
    chars_out: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    edits: Counter[str] = field(default_factory=Counter)
    flags: Counter[str] = field(default_factory=Counter)
    edit_documents: Counter[str] = field(default_factory=Counter)
    flag_documents: Counter[str] = field(default_factory=Counter)

    def add_result(self, result: Result) -> None:
        """Count one cleaned document from its record of steps."""
        self.documents += 1
        self.chars_in += len(result.original)
        self.chars_out += len(result.text)
        self.bytes_in += _utf8_len(result.original)
        self.bytes_out += _utf8_len(result.text)
        edits: Counter[str] = Counter()
        flags: Counter[str] = Counter()
        for step in result.steps:
            edits.update(e.rule for e in step.edits)
            flags.update(f.rule for f in step.flags)
        self.edits.update(edits)
        self.flags.update(flags)
        self.edit_documents.update(edits.keys())
        self.flag_documents.update(flags.keys())

    def add_failure(self) -> None:
        """Count one document that could not be read or cleaned."""
        self.failed += 1

    def merge(self, other: Stats) -> None:
        """Add ``other``'s counts to these, in place."""
        for key in _SCALARS:
            setattr(self, key, getattr(self, key) + getattr(other, key))
        for name in _COUNTERS:
            getattr(self, name).update(getattr(other, name))

    def __add__(self, other: Stats) -> Stats:
        out = Stats()
        out.merge(self)
        out.merge(other)
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form (rules sorted, so files diff cleanly)."""
        out: dict[str, Any] = {key: getattr(self, key) for key in _SCALARS}
        for name in _COUNTERS:
            out[name] = dict(sorted(getattr(self, name).items()))
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Stats:
        """Inverse of :meth:`to_dict`; unknown keys are ignored. ``ValueError`` if the
        data is not shaped like stats."""
        s = cls()
        try:
            for key in _SCALARS:
                setattr(s, key, int(data.get(key, 0)))
            for name in _COUNTERS:  # files from older versions lack the document counts
                counts = {str(k): int(v) for k, v in data.get(name, {}).items()}
                getattr(s, name).update(counts)
        except (AttributeError, TypeError) as exc:
            raise ValueError(f"not a scrubtext stats object: {exc}") from exc
        return s

    def save(self, path: str | Path) -> None:
        """Write the JSON form to ``path``."""
        Path(path).write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Stats:
        """Read a file written by :meth:`save` (or ``--stats-json``)."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def format(self) -> str:
        """A small table for people, most frequent rules first."""
        lines = [
            f"documents  {self.documents} cleaned, {self.failed} failed",
            f"characters {self.chars_in} in, {self.chars_out} out",
            f"bytes      {self.bytes_in} in, {self.bytes_out} out (UTF-8)",
        ]
        for title, counts, docs in (
            ("edits", self.edits, self.edit_documents),
            ("flags", self.flags, self.flag_documents),
        ):
            lines.append(f"{title:<10} {sum(counts.values())}")
            for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                k = docs.get(rule, 0)
                where = f"  (in {k} document{'s' if k != 1 else ''})" if k else ""
                lines.append(f"  {n:>9}  {rule}{where}")
        return "\n".join(lines) + "\n"


def merge(stats: Iterable[Stats]) -> Stats:
    """The sum of several :class:`Stats`."""
    total = Stats()
    for s in stats:
        total.merge(s)
    return total


def merge_files(paths: Iterable[str | Path]) -> Stats:
    """The sum of several ``--stats-json`` files."""
    return merge(Stats.load(p) for p in paths)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m scrubtext.stats FILE.json...``: print the merged table (``--json`` for JSON)."""
    args = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in args
    paths = [a for a in args if a != "--json"]
    if not paths:
        sys.stderr.write("usage: python -m scrubtext.stats [--json] STATS.json...\n")
        return 2
    loaded = []
    for path in paths:
        try:
            loaded.append(Stats.load(path))
        except OSError as exc:
            sys.stderr.write(f"scrubtext.stats: error: {path}: cannot read: {exc.strerror}\n")
            return 1
        except ValueError as exc:  # not JSON, or not a stats object
            sys.stderr.write(f"scrubtext.stats: error: {path}: {exc}\n")
            return 1
    total = merge(loaded)
    sys.stdout.write(json.dumps(total.to_dict(), indent=1) + "\n" if as_json else total.format())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
