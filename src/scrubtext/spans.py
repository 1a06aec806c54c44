"""The one place where edits become text, and where spans are mapped between steps.

Every filter's output is produced by :func:`apply_edits`, so the record of what a
filter did and the text it produced cannot disagree.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from .document import Edit, Step
from .errors import EditError


def validate_edits(text: str, edits: Sequence[Edit]) -> None:
    """Raise :class:`EditError` unless ``edits`` are in bounds, sorted, disjoint and not no-ops.

    Two insertions at the same point, or an insertion touching a replaced span, are
    allowed; overlapping replaced spans are not.
    """
    n = len(text)
    prev_end = 0
    prev_start = -1
    for e in edits:
        if e.end > n:
            raise EditError(f"{e.rule}: span [{e.start}, {e.end}) is past the end ({n})")
        if e.start < prev_end or e.start < prev_start:
            raise EditError(
                f"{e.rule}: span [{e.start}, {e.end}) overlaps or precedes the previous edit"
            )
        if text[e.start : e.end] == e.replacement:
            raise EditError(f"{e.rule}: no-op edit at [{e.start}, {e.end})")
        prev_start, prev_end = e.start, e.end


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Return ``text`` with ``edits`` applied. Edits must be sorted and disjoint.

    >>> apply_edits("labs..", [Edit(4, 6, ".", "punct.double_period", "doubled full stop")])
    'labs.'
    """
    if not edits:
        return text
    validate_edits(text, edits)
    parts: list[str] = []
    pos = 0
    for e in edits:
        parts.append(text[pos : e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


class OffsetMap:
    """Maps offsets between one step's input and output, built from its edits.

    A position inside a replaced region maps to that region's start (or, for the
    end of a span, its end), so mapped spans always cover what they came from.

    >>> m = OffsetMap([Edit(0, 2, "", "x", "drop two")])
    >>> m.back(0), m.forward(5)
    (2, 3)
    """

    __slots__ = ("_deltas", "_edits", "_in_starts", "_out_starts")

    def __init__(self, edits: Sequence[Edit]) -> None:
        self._edits = tuple(edits)
        self._in_starts = [e.start for e in self._edits]
        self._out_starts: list[int] = []
        # _deltas[i]: output offset minus input offset just before edit i;
        # the last entry is the shift after every edit.
        self._deltas: list[int] = []
        delta = 0
        for e in self._edits:
            self._deltas.append(delta)
            self._out_starts.append(e.start + delta)
            delta += len(e.replacement) - (e.end - e.start)
        self._deltas.append(delta)

    def back(self, pos: int, *, end: bool = False) -> int:
        """Input offset for output offset ``pos`` (a span's end when ``end``)."""
        if end:
            if pos <= 0:
                return pos
            last = pos - 1  # the last character inside the span
            i = bisect_right(self._out_starts, last) - 1
            if i < 0:
                return pos
            e = self._edits[i]
            if last < self._out_starts[i] + len(e.replacement):
                return e.end
            return last - self._deltas[i + 1] + 1
        i = bisect_right(self._out_starts, pos) - 1
        if i < 0:
            return pos
        e = self._edits[i]
        if pos < self._out_starts[i] + len(e.replacement):
            return e.start
        return pos - self._deltas[i + 1]

    def forward(self, pos: int, *, end: bool = False) -> int:
        """Output offset for input offset ``pos``.

        Text inserted exactly at ``pos`` lies before a span that starts there and
        after a span that ends there.
        """
        k = bisect_left(self._in_starts, pos)
        if k > 0:
            e = self._edits[k - 1]
            if pos < e.end:
                out_start = e.start + self._deltas[k - 1]
                return out_start + len(e.replacement) if end else out_start
        if not end:
            n = len(self._edits)
            while k < n and self._edits[k].start == self._edits[k].end == pos:
                k += 1
        return pos + self._deltas[k]


def step_maps(steps: Sequence[Step]) -> list[OffsetMap]:
    """One :class:`OffsetMap` per step, in order."""
    return [OffsetMap(s.edits) for s in steps]


def map_back(maps: Sequence[OffsetMap], upto: int, start: int, end: int) -> tuple[int, int]:
    """Map a span in the input of step ``upto`` back to the original text."""
    for m in reversed(maps[:upto]):
        start, end = m.back(start), m.back(end, end=True)
    return start, max(start, end)


def map_forward(maps: Sequence[OffsetMap], after: int, start: int, end: int) -> tuple[int, int]:
    """Map a span in the output of step ``after`` forward to the final text."""
    for m in maps[after + 1 :]:
        start, end = m.forward(start), m.forward(end, end=True)
    return start, max(start, end)
