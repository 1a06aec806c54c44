"""Annotate the document with its language (``doc.meta["language"]``); never edits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .. import lang
from ..document import Document
from ..filter import TextFilter


@dataclass(frozen=True, kw_only=True)
class Language(TextFilter):
    """Detect the language once per document, unless it is already known.

    Set ``language`` in the config to skip detection entirely.
    """

    name: ClassVar[str] = "language"
    rules: ClassVar[dict[str, str]] = {}

    def applies(self, doc: Document) -> bool:
        return not doc.meta.get("language")

    def annotate(self, doc: Document) -> Document:
        detected = lang.detect(doc.text)
        return doc.with_meta(language=detected) if detected else doc
