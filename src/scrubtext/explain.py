"""Human-readable explanations of a :class:`~scrubtext.pipeline.Result`."""

from __future__ import annotations

from bisect import bisect_right

from .pipeline import Result

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


def explain_lines(result: Result, source: str = "<text>") -> list[str]:
    """One line per edit and per flag, in order of their line:column in the original input.

    Flags quote the cleaned text they mark; ``Result.flags`` also has their offsets
    in the output.
    """
    entries: list[tuple[int, int, str]] = []
    orig = LineIndex(result.original)
    for e in result.edits:
        ln, col = orig.position(e.start)
        entries.append(
            (
                e.start,
                0,
                f"{source}:{ln}:{col}: {e.rule}: {e.reason}: {_show(e.before)} → {_show(e.after)}",
            )
        )
    for f in result.flags:
        ln, col = orig.position(f.source_start)
        score = f" (score {f.score:.2f})" if f.score is not None else ""
        entries.append(
            (
                f.source_start,
                1,
                f"{source}:{ln}:{col}: flag {f.rule}{score}: {f.reason}: "
                f"{_show(result.text[f.start : f.end])}",
            )
        )
    entries.sort(key=lambda t: (t[0], t[1]))
    return [line for _, _, line in entries]
