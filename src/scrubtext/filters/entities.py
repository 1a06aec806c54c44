"""Decode HTML character references left in plain text (``&gt;&gt;``, ``&amp;``)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from ..document import Document, Edit
from ..filter import TextFilter
from ..patterns.normalize import ENTITY
from ._util import code_spans, outside
from .controls import strip_invisible

#: Decoded characters that would be invisible or harmful; such references stay.
_UNSAFE = frozenset(chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 0x7F))


@lru_cache(maxsize=4096)
def _decode(ref: str) -> str:
    """Unescape repeatedly, so double-escaped ``&amp;gt;`` becomes ``>`` in one pass."""
    for _ in range(8):
        new = html.unescape(ref)
        if new == ref:
            break
        ref = new
    return ref


@dataclass(frozen=True, kw_only=True)
class Entities(TextFilter):
    """Replace each HTML entity in plain text by the character it stands for.

    Only complete references (with ``;``) that name a real character are decoded,
    so ``AT&T`` and ``&c`` stay, and none inside Markdown code (in backticks or a
    fenced block). HTML input is left to the ``html`` filter.

    >>> Entities()(Document("Tom &amp; Jerry &gt;&gt;"))[0].text
    'Tom & Jerry >>'
    """

    name: ClassVar[str] = "entities"
    rules: ClassVar[dict[str, str]] = {
        "entities.decode": "an HTML character reference in plain text, decoded",
    }

    def applies(self, doc: Document) -> bool:
        return "&" in doc.text and not doc.meta.get("html")

    def propose(self, doc: Document) -> list[Edit]:
        """One edit per reference that decodes to a safe character."""
        edits: list[Edit] = []
        for m in ENTITY.finditer(doc.text):
            ref = m.group()
            new = _decode(ref)
            if new == ref or ("&" in new and new.endswith(";")) or any(c in _UNSAFE for c in new):
                continue
            visible = strip_invisible(new)
            what = repr(new) if visible == new else "an invisible character"
            if visible == "" and new:
                what = "an invisible character, so it is removed"
            edits.append(
                Edit(
                    m.start(),
                    m.end(),
                    visible,
                    "entities.decode",
                    f"HTML entity {ref} in plain text stands for {what}",
                )
            )
        return outside(code_spans(doc.text), edits) if edits else edits
