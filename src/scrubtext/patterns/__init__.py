"""Every regular expression scrubtext uses, named and documented.

Patterns are grouped by filter family, one module each (``patterns.text``,
``patterns.boilerplate``, ...), and all register here, so
:func:`all_patterns` lists them for docs and tests. They are compiled on first
use with the ``regex`` module (full Unicode property support) and every scan runs
under a time budget that grows with the input length, so an adversarial input
fails with :class:`~scrubtext.errors.PatternTimeout` instead of hanging.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import regex

from ..errors import PatternTimeout

_REGISTRY: dict[str, NamedPattern] = {}

#: Seconds allowed per scan: a floor plus a per-megabyte allowance.
BASE_TIMEOUT = 2.0
TIMEOUT_PER_MB = 4.0


def _budget(text: str) -> float:
    return BASE_TIMEOUT + TIMEOUT_PER_MB * len(text) / 1_000_000


@dataclass(frozen=True, eq=False)
class NamedPattern:
    """A compiled-on-demand regex with a stable name and a one-line purpose."""

    name: str
    source: str
    doc: str
    flags: int = 0
    _compiled: list[Any] = field(default_factory=list, repr=False)

    @property
    def compiled(self) -> regex.Pattern[str]:
        """The compiled pattern (compiled once, on first use)."""
        if not self._compiled:
            self._compiled.append(regex.compile(self.source, self.flags | regex.V1))
        p: regex.Pattern[str] = self._compiled[0]
        return p

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        """Yield matches in ``text``, within a time budget."""
        end = len(text) if endpos is None else endpos
        try:
            yield from self.compiled.finditer(text, pos, end, timeout=_budget(text))
        except TimeoutError as exc:
            raise PatternTimeout(
                f"pattern {self.name!r} ran out of time on {len(text)} characters"
            ) from exc

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        """First match or None, within a time budget."""
        end = len(text) if endpos is None else endpos
        try:
            return self.compiled.search(text, pos, end, timeout=_budget(text))
        except TimeoutError as exc:
            raise PatternTimeout(
                f"pattern {self.name!r} ran out of time on {len(text)} characters"
            ) from exc

    def fullmatch(self, text: str) -> Any:
        """Whole-string match or None, within a time budget."""
        try:
            return self.compiled.fullmatch(text, timeout=_budget(text))
        except TimeoutError as exc:
            raise PatternTimeout(
                f"pattern {self.name!r} ran out of time on {len(text)} characters"
            ) from exc

    def sub(self, repl: str | Callable[[Any], str], text: str) -> str:
        """Substitute within a time budget (for helpers that do not need edit records)."""
        try:
            return self.compiled.sub(repl, text, timeout=_budget(text))
        except TimeoutError as exc:
            raise PatternTimeout(
                f"pattern {self.name!r} ran out of time on {len(text)} characters"
            ) from exc


def pattern(name: str, source: str, doc: str, flags: int = 0) -> NamedPattern:
    """Define and register a named pattern. Names are unique across the package."""
    if name in _REGISTRY:
        raise ValueError(f"pattern name {name!r} is defined twice")
    p = NamedPattern(name, source, doc, flags)
    _REGISTRY[name] = p
    return p


def all_patterns() -> dict[str, NamedPattern]:
    """Every registered pattern, by name (imports each family module)."""
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return dict(_REGISTRY)
