"""Small helpers shared by filters."""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Iterable

from ..document import Edit


def contains_any(text: str, chars: str) -> bool:
    """Whether ``text`` holds any of ``chars``: one C-speed scan per character, much
    faster than a regex character class over the whole text.

    >>> contains_any("a\u00a0b", "\u00a0\u2009"), contains_any("ab", "\u00a0")
    (True, False)
    """
    return any(c in text for c in chars)


def trimmed_edit(text: str, start: int, end: int, new: str, rule: str, reason: str) -> list[Edit]:
    """One edit replacing ``text[start:end]`` by ``new``, trimmed to the part that differs.

    >>> trimmed_edit("a CafÃ© b", 0, 9, "a Café b", "r", "why")
    [Edit(start=5, end=7, replacement='é', rule='r', reason='why')]
    """
    old = text[start:end]
    if old == new:
        return []
    prefix = len(os.path.commonprefix([old, new]))
    limit = min(len(old), len(new)) - prefix
    suffix = 0
    while suffix < limit and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return [Edit(start + prefix, end - suffix, new[prefix : len(new) - suffix], rule, reason)]


def non_overlapping(edits: Iterable[Edit]) -> list[Edit]:
    """Keep edits in priority order (earlier in the input wins), drop any that overlap
    a kept one, and return the survivors sorted by position.

    Two edits overlap when their spans share a character, or when one is an
    insertion strictly inside, or at the same point as, the other.

    >>> a, b = Edit(0, 4, "", "r", "x"), Edit(0, 2, "", "r", "y")
    >>> non_overlapping([a, b]) == [a]
    True
    """
    starts: list[int] = []
    kept: list[Edit] = []
    for e in edits:
        i = bisect_right(starts, e.start)
        prev = kept[i - 1] if i else None
        nxt = kept[i] if i < len(kept) else None
        if prev is not None and (
            e.start < prev.end
            or (prev.start == e.start and (e.start == e.end or prev.start == prev.end))
        ):
            continue
        if nxt is not None and (nxt.start < e.end or (nxt.start == e.start)):
            continue
        starts.insert(i, e.start)
        kept.insert(i, e)
    return kept
