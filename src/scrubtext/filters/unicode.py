"""Repair mojibake and broken encodings with ftfy, line by line.

ftfy processes about 1 MB/s, so it runs only on lines where
``unicode.mojibake_hint`` finds something it could repair (or where lone
surrogates are present); a line longer than ``PIECE`` characters is cut at safe
breaks and only the pieces with a hint go to ftfy, so a huge single line costs
what its damaged parts cost. Its style-changing fixes are off unless asked.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import ftfy

from ..document import Document, Edit
from ..filter import TextFilter
from ..patterns.normalize import MOJIBAKE_HINT, SAFE_BREAK
from ._util import trimmed_edit
from .controls import has_surrogates, strip_invisible

#: Lines longer than this are repaired in pieces of about this many characters.
PIECE = 4096


def _pieces(text: str, start: int, end: int, hints: Sequence[int]) -> Iterator[tuple[int, int]]:
    """Spans of ``text[start:end]``, cut at safe breaks every ``PIECE`` characters or
    so, that contain a hint position."""
    pos = start
    while pos < end:
        cut = min(pos + PIECE, end)
        m = SAFE_BREAK.search(text, cut, end) if cut < end else None
        stop = m.start() if m else end
        i = bisect_left(hints, pos)
        if i < len(hints) and hints[i] < stop:
            yield pos, stop
        pos = stop


def _describe(explanation: Any) -> str:
    steps = []
    for action, arg in explanation or ():
        if action == "encode":
            steps.append(f"re-encoded as {arg}")
        elif action == "decode":
            steps.append(f"decoded as {arg}")
        elif action in ("transcode", "apply"):
            steps.append(str(arg).replace("_", " "))
        else:
            steps.append(f"{action} {arg}")
    return "; ".join(steps)


def _fix_line(line: str, config: ftfy.TextFixerConfig) -> tuple[str, Any]:
    """ftfy until nothing changes (at most 4 rounds), without invisible characters.

    Removing an invisible character can join two halves of a mojibake sequence,
    so one round is not always enough for a stable (idempotent) result.
    """
    fixed, explanation = ftfy.fix_and_explain(strip_invisible(line), config)
    fixed = strip_invisible(fixed)
    for _ in range(3):
        again = strip_invisible(ftfy.fix_text(fixed, config))
        if again == fixed:
            break
        fixed = again
    return fixed, explanation


@dataclass(frozen=True, kw_only=True)
class UnicodeRepair(TextFilter):
    """Fix text that was decoded with the wrong encoding (mojibake).

    >>> from scrubtext.document import Document
    >>> doc, steps = UnicodeRepair()(Document("CafÃ© open"))
    >>> doc.text, steps[0].edits[0].rule
    ('Café open', 'unicode.mojibake')
    """

    name: ClassVar[str] = "unicode"
    rules: ClassVar[dict[str, str]] = {
        "unicode.mojibake": "text decoded with the wrong encoding, re-decoded by ftfy",
        "unicode.style": "opt-in ftfy fixes that change style (quotes, widths, ligatures)",
    }

    #: Turn curly quotes into straight ones (changes the writer's style).
    uncurl_quotes: bool = False
    #: Fold full-width Latin letters and digits to ASCII (changes CJK typography).
    fix_character_width: bool = False
    #: Expand ligatures such as ``ﬁ``.
    fix_latin_ligatures: bool = False
    #: Unicode normalisation form (``NFC``, ``NFKC``...) for changed lines, or "" for none.
    normalization: str = ""

    def _config(self) -> ftfy.TextFixerConfig:
        return ftfy.TextFixerConfig(
            unescape_html=False,
            remove_terminal_escapes=False,
            fix_encoding=True,
            restore_byte_a0=True,
            replace_lossy_sequences=True,
            decode_inconsistent_utf8=True,
            fix_c1_controls=True,
            fix_latin_ligatures=self.fix_latin_ligatures,
            fix_character_width=self.fix_character_width,
            uncurl_quotes=self.uncurl_quotes,
            fix_line_breaks=False,
            fix_surrogates=True,
            remove_control_chars=False,
            normalization=self.normalization or None,  # type: ignore[arg-type]
            explain=True,
        )

    @property
    def _style(self) -> bool:
        return (
            self.uncurl_quotes
            or self.fix_character_width
            or self.fix_latin_ligatures
            or bool(self.normalization)
        )

    def applies(self, doc: Document) -> bool:
        return not doc.text.isascii()

    def _lines(self, text: str) -> Iterable[tuple[int, int]]:
        """Spans of the lines worth handing to ftfy."""
        if self._style or has_surrogates(text):
            starts: Iterable[int] = [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]
            hints: list[int] = []
        else:
            hints = [m.start() for m in MOJIBAKE_HINT.finditer(text)]
            starts = sorted({text.rfind("\n", 0, h) + 1 for h in hints})
        for start in starts:
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            if hints and end - start > PIECE:
                yield from _pieces(text, start, end, hints)
            else:
                yield start, end

    def propose(self, doc: Document) -> list[Edit]:
        """Edits for each line ftfy changes, trimmed to the changed characters."""
        text = doc.text
        config = self._config()
        edits: list[Edit] = []
        for start, end in self._lines(text):
            chunk = text[start:end]
            fixed, explanation = _fix_line(chunk, config)
            if fixed == chunk:
                continue
            how = _describe(explanation)
            encoding = any(a in ("encode", "decode", "transcode") for a, _ in explanation or ())
            rule = "unicode.mojibake" if encoding or not self._style else "unicode.style"
            reason = f"broken encoding repaired by ftfy: {how}" if how else "repaired by ftfy"
            edits.extend(trimmed_edit(text, start, end, fixed, rule, reason))
        return edits
