"""Human-readable explanations of a :class:`~scrubtext.pipeline.Result`."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from .pipeline import EditRecord, Result

_MAX = 60


def _show(s: str) -> str:
    """A short, visible rendering of a snippet (whitespace and invisibles escaped)."""
    short = s if len(s) <= _MAX else s[: _MAX // 2] + "…" + s[-_MAX // 2 :]
    return repr(short)


class LineIndex:
    """Turns offsets into 1-based ``line:column``.

    >>> LineIndex("ab\\ncd").position(3)
    (2, 1)
    """

    def __init__(self, text: str) -> None:
        self._starts = [0]
        pos = text.find("\n")
        while pos >= 0:
            self._starts.append(pos + 1)
            pos = text.find("\n", pos + 1)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of ``offset``, both from 1."""
        i = bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1


#: Rule families that remove content; their own effect cannot be undone by a later removal.
_REMOVALS = ("boilerplate.", "script.", "html.")


def _is_removal(e: EditRecord) -> bool:
    return not e.after and (e.rule.startswith(_REMOVALS) or e.rule.endswith(".dropped"))


def _removed_later(edits: Sequence[EditRecord], i: int) -> str:
    """Rule of a later removal whose span in the original covers repair ``i``, or "".

    Such a repair was made on text that is no longer in the output (``mt`` spacing
    fixes inside a script call that ``script`` then deletes).
    """
    e = edits[i]
    if _is_removal(e):
        return ""
    for later in edits[i + 1 :]:
        if (
            later.step != e.step
            and _is_removal(later)
            and later.start <= e.start
            and e.end <= later.end
        ):
            return later.rule
    return ""


def explain_lines(result: Result, source: str = "<text>") -> list[str]:
    """One line per edit and per flag, in order of their line:column in the original input.

    Flags quote the cleaned text they mark (the original text, when it was deleted
    since, as with ``drop``); ``Result.flags`` also has their offsets in the output.
    """
    entries: list[tuple[int, int, str]] = []
    orig = LineIndex(result.original)
    edits = result.edits  # in step order: a later edit comes after an earlier one
    for i, e in enumerate(edits):
        ln, col = orig.position(e.start)
        later = _removed_later(edits, i)
        note = f" (then removed by {later})" if later else ""
        entries.append(
            (
                e.start,
                0,
                f"{source}:{ln}:{col}: {e.rule}: {e.reason}: "
                f"{_show(e.before)} → {_show(e.after)}{note}",
            )
        )
    for f in result.flags:
        ln, col = orig.position(f.source_start)
        score = f" (score {f.score:.2f})" if f.score is not None else ""
        marked = _show(result.text[f.start : f.end])
        if f.start == f.end and f.source_end > f.source_start:  # the flagged text was deleted
            marked = f"{_show(result.original[f.source_start : f.source_end])} (since deleted)"
        entries.append(
            (
                f.source_start,
                1,
                f"{source}:{ln}:{col}: flag {f.rule}{score}: {f.reason}: {marked}",
            )
        )
    entries.sort(key=lambda t: (t[0], t[1]))
    return [line for _, _, line in entries]
