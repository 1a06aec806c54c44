"""Doubled punctuation: ``labs..`` becomes ``labs.``; an ellipsis stays."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..document import Document, Edit
from ..filter import TextFilter
from ..patterns.normalize import DOUBLE_COMMA, DOUBLE_PERIOD
from ._util import code_spans, outside


@dataclass(frozen=True, kw_only=True)
class Punctuation(TextFilter):
    """Remove the second of two full stops or commas typed by mistake.

    Three or more dots are an ellipsis and stay; so do dots inside tokens
    (``a..b`` in a path or a range).

    >>> Punctuation()(Document("innovative labs.. Wait... ok"))[0].text
    'innovative labs. Wait... ok'
    """

    name: ClassVar[str] = "punctuation"
    rules: ClassVar[dict[str, str]] = {
        "punctuation.double_period": "two full stops after a word made one",
        "punctuation.double_comma": "two commas after a word made one",
    }

    def applies(self, doc: Document) -> bool:
        return ".." in doc.text or ",," in doc.text

    def propose(self, doc: Document) -> list[Edit]:
        """One deletion per doubled mark."""
        text = doc.text
        edits = [
            Edit(
                m.start() + 1,
                m.end(),
                "",
                "punctuation.double_period",
                "doubled full stop (two dots, not an ellipsis)",
            )
            for m in DOUBLE_PERIOD.finditer(text)
        ]
        if ",," in text:
            edits += [
                Edit(m.start() + 1, m.end(), "", "punctuation.double_comma", "doubled comma")
                for m in DOUBLE_COMMA.finditer(text)
            ]
        return outside(code_spans(text), sorted(edits)) if edits else edits
