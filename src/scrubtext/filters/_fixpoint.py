"""Repeat a deletion-only proposer until it finds nothing more (for idempotence).

Filters whose decisions depend on context (what is around a block, what the
page title is) can expose more to delete once something is deleted. Running
them again on the shortened text until a pass deletes nothing, and mapping the
later deletions back to the original text, makes them idempotent.
"""

from __future__ import annotations

from collections.abc import Callable

from ..document import Edit
from ..spans import apply_edits


def until_stable(text: str, propose: Callable[[str], list[Edit]], max_passes: int) -> list[Edit]:
    """Deletions of ``propose`` on ``text``, then on the shortened text, and so on,
    all in the coordinates of ``text``; at most ``max_passes`` extra passes.

    >>> def drop_first_word(t):
    ...     i = t.find(" ")
    ...     return [Edit(0, i + 1, "", "r", "first word")] if i > 0 else []
    >>> [(e.start, e.end) for e in until_stable("a b c", drop_first_word, 5)]
    [(0, 2), (2, 4)]
    """
    edits = propose(text)
    if not edits:
        return []
    kept = _kept_segments(len(text), edits)
    current = apply_edits(text, edits)
    for _ in range(max_passes):
        more = propose(current)
        if not more:
            break
        edits = sorted(edits + _map_back(more, kept))
        kept = _kept_segments(len(text), edits)
        current = apply_edits(current, more)
    return edits


def _kept_segments(size: int, edits: list[Edit]) -> list[tuple[int, int]]:
    """Spans of the original text that survive ``edits`` (sorted deletions)."""
    kept: list[tuple[int, int]] = []
    pos = 0
    for e in edits:
        if e.start > pos:
            kept.append((pos, e.start))
        pos = max(pos, e.end)
    if pos < size:
        kept.append((pos, size))
    return kept


def _map_back(edits: list[Edit], kept: list[tuple[int, int]]) -> list[Edit]:
    """Deletions in the shortened text, as deletions of the original text.

    A deletion spanning a place where text was already deleted becomes one edit
    per surviving piece, with the same rule and reason.
    """
    out: list[Edit] = []
    offset = 0  # position in the shortened text where the current kept segment starts
    i = 0
    for e in edits:
        while i < len(kept) and offset + (kept[i][1] - kept[i][0]) <= e.start:
            offset += kept[i][1] - kept[i][0]
            i += 1
        j, base = i, offset
        while j < len(kept) and base < e.end:
            seg_start, seg_end = kept[j]
            lo = seg_start + max(0, e.start - base)
            hi = seg_start + min(seg_end - seg_start, e.end - base)
            if hi > lo:
                out.append(Edit(lo, hi, "", e.rule, e.reason))
            base += seg_end - seg_start
            j += 1
    return out
