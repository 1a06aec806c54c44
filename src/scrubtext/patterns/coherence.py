"""Patterns for the coherence filter: tokens and clause boundaries."""

from __future__ import annotations

from . import pattern

COHERENCE_TOKEN = pattern(
    "coherence.token",
    r"\p{L}[\p{L}\p{M}'’-]*[\p{L}\p{M}]|\p{L}|\p{N}(?:[\p{N}.,:]*\p{N})?|[^\s\p{L}\p{N}\p{M}]",
    "A token for coherence scoring: a word (inner apostrophes and hyphens kept), "
    "a number (inner separators kept) or one punctuation character. "
    "Example: ``Shenzhen's``, ``46,000``, ``,``.",
)

CLAUSE_BREAK = pattern(
    "coherence.clause_break",
    r"[,;:]\s+|\s+[-–—]+\s+|\s+(?:and|but|while|whereas|which|because|so that|although|as well as)\s+",
    "Where a sentence splits into clauses: a comma, semicolon or colon, a spaced dash, "
    "or a coordinating or subordinating word. "
    "Example: the comma in ``such as one light control, capture the plastic waste``.",
)
