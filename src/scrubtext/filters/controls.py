"""Remove control and zero-width characters; replace lone surrogates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..document import Document, Edit
from ..filter import TextFilter
from ..patterns.normalize import (
    CONTROL,
    CONTROL_CHARS,
    JOINER_CHARS,
    LATIN_JOINER,
    LINE_SEPARATOR,
    LINE_SEPARATOR_CHARS,
)
from ._util import contains_any, non_overlapping

_INVISIBLE = CONTROL_CHARS + LINE_SEPARATOR_CHARS + JOINER_CHARS
_INVISIBLE_ASCII = "".join(c for c in _INVISIBLE if c.isascii())

_NAMES = {
    "\u200b": "zero-width space",
    "\u2060": "word joiner",
    "\ufeff": "byte-order mark",
    "\u00ad": "soft hyphen",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
}


def _describe(chars: str) -> str:
    names = []
    for c in dict.fromkeys(chars):
        names.append(_NAMES.get(c, f"control character U+{ord(c):04X}"))
    return ", ".join(names)


def strip_invisible(text: str) -> str:
    """``text`` with what :class:`Controls` would remove or turn into newlines done.

    Filters that run after ``controls`` and create characters (entity decoding,
    encoding repair) pass their output through this, so the pipeline stays idempotent.

    >>> strip_invisible("a\\u200bb\\u2028c")
    'ab\\nc'
    """
    if text.isascii() and text.isprintable():
        return text
    text = CONTROL.sub("", text)
    text = LINE_SEPARATOR.sub("\n", text)
    return LATIN_JOINER.sub("", text)


def has_surrogates(text: str) -> bool:
    """True if ``text`` holds lone surrogates (it cannot be encoded as UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _surrogate_edits(text: str) -> list[Edit]:
    if not has_surrogates(text):
        return []
    return [
        Edit(
            i,
            i + 1,
            "\ufffd",
            "controls.surrogate",
            f"lone surrogate U+{ord(c):04X} cannot be encoded; replaced by U+FFFD",
        )
        for i, c in enumerate(text)
        if 0xD800 <= ord(c) <= 0xDFFF
    ]


@dataclass(frozen=True, kw_only=True)
class Controls(TextFilter):
    """Delete invisible characters that carry no meaning in running text.

    Zero-width (non-)joiners are removed only between Latin letters or digits:
    elsewhere they shape emoji and scripts such as Persian and Devanagari.

    >>> Controls()(Document("zero\\u200bwidth"))[0].text
    'zerowidth'
    """

    name: ClassVar[str] = "controls"
    rules: ClassVar[dict[str, str]] = {
        "controls.remove": "control, zero-width, BOM or soft-hyphen characters deleted",
        "controls.line_separator": "a form feed, NEL or Unicode line separator made a newline",
        "controls.joiner": "zero-width joiner between Latin letters deleted",
        "controls.surrogate": "a lone surrogate replaced by U+FFFD",
    }

    def applies(self, doc: Document) -> bool:
        text = doc.text
        if text.isascii():
            return contains_any(text, _INVISIBLE_ASCII)
        return contains_any(text, _INVISIBLE) or has_surrogates(text)

    def propose(self, doc: Document) -> list[Edit]:
        """Deletions and replacements, one per run of such characters."""
        text = doc.text
        edits: list[Edit] = []
        if not contains_any(text, _INVISIBLE):
            return _surrogate_edits(text)
        for m in CONTROL.finditer(text):
            edits.append(
                Edit(
                    m.start(),
                    m.end(),
                    "",
                    "controls.remove",
                    f"invisible {_describe(m.group())} removed",
                )
            )
        for m in LINE_SEPARATOR.finditer(text):
            edits.append(
                Edit(
                    m.start(),
                    m.end(),
                    "\n",
                    "controls.line_separator",
                    f"{_describe(m.group())} is a line break; written as a newline",
                )
            )
        joiners = LATIN_JOINER.finditer(text) if contains_any(text, JOINER_CHARS) else ()
        for m in joiners:
            edits.append(
                Edit(
                    m.start(),
                    m.end(),
                    "",
                    "controls.joiner",
                    f"{_describe(m.group())} between Latin letters joins nothing",
                )
            )
        edits.extend(_surrogate_edits(text))
        return non_overlapping(edits)
