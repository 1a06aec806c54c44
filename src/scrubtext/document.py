"""Value types: Document, Edit, Flag and Step.

All are frozen. Offsets are character offsets (Python ``str`` indices), half-open.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def _freeze(meta: Mapping[str, Any] | None) -> Mapping[str, Any]:
    if not meta:
        return _EMPTY
    if isinstance(meta, MappingProxyType):
        return meta
    return MappingProxyType(dict(meta))


@dataclass(frozen=True, slots=True)
class Document:
    """A text flowing through the pipeline.

    ``meta`` holds annotations such as ``html`` (bool: the text is markup) and
    ``language`` (ISO 639-1 code once detected). It is read-only; use
    :meth:`with_meta` to derive a document with more keys.

    >>> Document("Hello").with_meta(language="en").meta["language"]
    'en'
    """

    text: str
    id: str | None = None
    meta: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError(f"Document.text must be str, got {type(self.text).__name__}")
        object.__setattr__(self, "meta", _freeze(self.meta))

    def __reduce__(self) -> tuple[Any, ...]:
        # a read-only mapping view does not pickle; its plain copy does
        return (Document, (self.text, self.id, dict(self.meta)))

    def with_text(self, text: str) -> Document:
        """Return a copy with new text and the same id and meta."""
        return replace(self, text=text)

    def with_meta(self, **items: Any) -> Document:
        """Return a copy whose meta has these keys added or replaced."""
        merged = dict(self.meta)
        merged.update(items)
        return replace(self, meta=MappingProxyType(merged))


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace ``text[start:end]`` (in the text the filter received) with ``replacement``.

    Deletion has an empty replacement; insertion has ``start == end``.
    ``rule`` is a stable dotted id (``whitespace.nbsp``); ``reason`` is one sentence
    a person understands.
    """

    start: int
    end: int
    replacement: str
    rule: str
    reason: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid edit span [{self.start}, {self.end}) from {self.rule}")


@dataclass(frozen=True, slots=True)
class Flag:
    """Mark ``text[start:end]`` as suspect without changing it.

    ``score`` is in [0, 1] where given: higher means more confident.
    """

    start: int
    end: int
    rule: str
    reason: str
    score: float | None = None

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid flag span [{self.start}, {self.end}) from {self.rule}")


@dataclass(frozen=True, slots=True)
class Step:
    """What one filter did to one document.

    ``edits`` are in the coordinates of the text the filter received;
    ``flags`` are in the coordinates of the text it returned.
    """

    name: str
    edits: tuple[Edit, ...] = ()
    flags: tuple[Flag, ...] = ()
