"""Whitespace: line endings, NBSP runs, trailing spaces, space runs, blank-line floods,
spaces inside brackets. :class:`Tidy` runs the same rules again at the end of the
pipeline so that what earlier filters left behind is tidied and a second run
changes nothing.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from ..document import Document, Edit, Step
from ..filter import TextFilter
from ..patterns.normalize import (
    BLANK_LINES,
    BRACKET_SPACE,
    CRLF,
    LEADING_BLANK,
    NBSP_CHARS,
    NBSP_RUN,
    SPACE_RUN,
    TRAILING,
    TRAILING_BLANK,
    TRAILING_CHARS,
)
from ..spans import apply_edits
from ._util import code_spans, contains_any, non_overlapping, outside

#: What ``whitespace.trailing_blank`` can match: the trailing run of these characters.
_BLANK = TRAILING_CHARS + "\n"


def _has_trailing_space(text: str) -> bool:
    """Whether some line ends in horizontal whitespace (what ``TRAILING`` matches)."""
    if not text:
        return False
    chars = " \t" if text.isascii() else TRAILING_CHARS
    return text[-1] in chars or any(c in text and c + "\n" in text for c in chars)


@dataclass(frozen=True, kw_only=True)
class Whitespace(TextFilter):
    """Normalise whitespace without touching words.

    A lone no-break space (``10\\u00a0km``) is the writer's choice and stays; a run
    that mixes it with other spaces is debris and becomes one space.

    >>> Whitespace()(Document("( Xinhua )\\u00a0 says  \\n\\n\\n\\nmore"))[0].text
    '(Xinhua) says\\n\\nmore'
    """

    name: ClassVar[str] = "whitespace"
    rules: ClassVar[dict[str, str]] = {
        "whitespace.crlf": "CRLF or CR line endings made LF",
        "whitespace.nbsp": "a run of spaces with a no-break space made one space",
        "whitespace.trailing": "spaces at the end of a line removed",
        "whitespace.space_run": "several spaces between words made one",
        "whitespace.blank_lines": "three or more line breaks made one blank line",
        "whitespace.edges": "blank lines at the start or end of the document removed",
        "whitespace.bracket_space": "spaces just inside brackets removed",
    }

    #: Collapse runs of plain spaces between words.
    collapse_spaces: bool = True
    #: Remove spaces just inside ( ) and [ ].
    bracket_spaces: bool = True
    #: Longest run of blank lines kept (1 keeps paragraph breaks).
    max_blank_lines: int = 1

    def __post_init__(self) -> None:
        if self.max_blank_lines < 0:  # -1 would glue paragraphs together
            raise ValueError(f"max_blank_lines must be 0 or more, got {self.max_blank_lines}")

    @property
    def _prefix(self) -> str:
        return self.name

    def _rule(self, suffix: str) -> str:
        return f"{self._prefix}.{suffix}"

    def _characters(self, text: str) -> list[Edit]:
        """First pass: line endings and no-break-space runs."""
        r = self._rule
        edits: list[Edit] = []
        if "\r" in text:
            edits += [
                Edit(m.start(), m.end(), "\n", r("crlf"), "Windows or old Mac line ending")
                for m in CRLF.finditer(text)
            ]
        if not text.isascii() and contains_any(text, NBSP_CHARS):
            for m in NBSP_RUN.finditer(text):
                run = m.group()
                if len(run) > 1:
                    edits.append(
                        Edit(
                            m.start(),
                            m.end(),
                            " ",
                            r("nbsp"),
                            f"run of {len(run)} spaces including a no-break space",
                        )
                    )
        return non_overlapping(edits)

    def _layout(self, text: str) -> list[Edit]:
        """Second pass: edges, trailing spaces, space runs, brackets, blank lines.

        Document-edge edits are listed first so they win over a blank-line flood
        at the same place.
        """
        r = self._rule
        edits: list[Edit] = []
        if "\n" in text:
            m = LEADING_BLANK.search(text)
            if m:
                edits.append(
                    Edit(
                        m.start(),
                        m.end(),
                        "",
                        r("edges"),
                        "blank lines at the start of the document",
                    )
                )
            # a match lies in the final run of blanks, so start the scan there
            m = TRAILING_BLANK.search(text, len(text.rstrip(_BLANK)))
            if m and m.group() != "\n":
                edits.append(
                    Edit(
                        m.start(),
                        m.end(),
                        "\n",
                        r("edges"),
                        "blank lines at the end of the document",
                    )
                )
            keep = "\n" * (self.max_blank_lines + 1)
            for m in BLANK_LINES.finditer(text):
                if m.group().count("\n") > self.max_blank_lines + 1:
                    edits.append(
                        Edit(
                            m.start(),
                            m.end(),
                            keep,
                            r("blank_lines"),
                            f"{m.group().count(chr(10)) - 1} blank lines in a row",
                        )
                    )
        trailing = TRAILING.finditer(text) if _has_trailing_space(text) else ()
        for m in trailing:
            edits.append(Edit(m.start(), m.end(), "", r("trailing"), "spaces at the end of a line"))
        # before space runs: where both match (``(  x``) the bracket rule wins, so one
        # pass does what two would
        gone: list[tuple[int, int]] = []
        if self.bracket_spaces and ("( " in text or " )" in text or "[ " in text or " ]" in text):
            for m in BRACKET_SPACE.finditer(text):
                edits.append(
                    Edit(m.start(), m.end(), "", r("bracket_space"), "space just inside a bracket")
                )
            if self.enabled(r("bracket_space")):
                gone = [(e.start, e.end) for e in edits if e.rule == r("bracket_space")]
        if self.collapse_spaces and "  " in text:
            for m in _stray_space_runs(text, gone):
                edits.append(
                    Edit(
                        m.start(),
                        m.end(),
                        " ",
                        r("space_run"),
                        f"{len(m.group())} spaces between words",
                    )
                )
        code = code_spans(text) if edits else []
        if code:  # Markdown code keeps its spacing; the document's edges still go
            edits = [e for e in edits if e.rule == r("edges")] + outside(code, edits)
        return non_overlapping(edits)

    def propose(self, doc: Document) -> list[Edit]:
        """Layout edits only; :meth:`__call__` runs the character pass before it."""
        return self._layout(doc.text)

    def __call__(self, doc: Document) -> tuple[Document, tuple[Step, ...]]:
        """Two steps: characters (CR, NBSP runs), then layout on the result."""
        first = [e for e in self._characters(doc.text) if self.enabled(e.rule)]
        if not first:
            return super().__call__(doc)
        mid = doc.with_text(apply_edits(doc.text, first))
        out, steps = super().__call__(mid)
        return out, (Step(self.name, tuple(first)), *steps)


def _stray_space_runs(text: str, gone: Sequence[tuple[int, int]] = ()) -> list[Any]:
    """Runs of spaces between words, except those that align columns: a run that
    ends at the same column as a run on the line above or below (tables, aligned
    comments) keeps its line's runs, and so does a line with two or more gaps of
    three spaces or more (a table row). Prose with doubled spaces is collapsed.

    ``gone``: sorted spans of spaces another rule removes (inside brackets); the
    lines are judged as they will be without them, so a second pass agrees.

    >>> [m.group() for m in _stray_space_runs("a  b\\nName    Age    City\\nc   d")]
    ['  ', '   ']
    >>> _stray_space_runs("x = 1    # one\\ny = 22   # two")
    []
    >>> [m.group() for m in _stray_space_runs("The mayor  said  so.")]
    ['  ', '  ']
    """
    runs: dict[int, list[Any]] = {}  # line start -> runs on that line
    for m in SPACE_RUN.finditer(text):
        runs.setdefault(text.rfind("\n", 0, m.start()) + 1, []).append(m)
    if gone:
        runs, column = _surviving_runs(runs, gone)
    else:
        column = _plain_column
    ends = {start: {column(start, m) for m in found} for start, found in runs.items()}
    stray = []
    for start, found in runs.items():
        if sum(1 for m in found if m.end() - m.start() >= 3) >= 2:
            continue
        above = text.rfind("\n", 0, max(start - 1, 0)) + 1 if start else -1
        below = text.find("\n", start) + 1
        near = ends.get(above, set()) | (ends.get(below, set()) if below else set())
        if near and not near.isdisjoint(ends[start]):
            continue
        stray.extend(found)
    return stray


def _plain_column(start: int, m: Any) -> int:
    return int(m.end()) - start


def _surviving_runs(
    runs: dict[int, list[Any]], gone: Sequence[tuple[int, int]]
) -> tuple[dict[int, list[Any]], Callable[[int, Any], int]]:
    """``runs`` without those inside a ``gone`` span, and a run's end column once
    the ``gone`` spans (spaces, never a line break) are removed."""
    starts = [a for a, _ in gone]
    removed = list(itertools.accumulate((b - a for a, b in gone), initial=0))

    def column(start: int, m: Any) -> int:
        before = bisect.bisect_left(starts, m.end())  # spans before the run
        return int(m.end()) - start - (removed[before] - removed[bisect.bisect_left(starts, start)])

    kept: dict[int, list[Any]] = {}
    for start, found in runs.items():
        for m in found:
            i = bisect.bisect_left(starts, m.end())
            if not (i and gone[i - 1][1] > m.start()):
                kept.setdefault(start, []).append(m)
    return kept, column


@dataclass(frozen=True, kw_only=True)
class Tidy(Whitespace):
    """The whitespace rules again, last in the pipeline (rule ids ``tidy.*``)."""

    name: ClassVar[str] = "tidy"
    rules: ClassVar[dict[str, str]] = {
        k.replace("whitespace.", "tidy.", 1): v for k, v in Whitespace.rules.items()
    }
