"""General text patterns shared by several filters."""

from __future__ import annotations

from . import pattern

LATIN_WORD = pattern(
    "text.latin_word",
    r"[\p{Script=Latin}][\p{Script=Latin}\p{M}'’]*",
    "A word in Latin script, with inner apostrophes. "
    "Example: ``Shenzhen's`` in ``Shenzhen's award``.",
)

WORD = pattern(
    "text.word",
    r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*",
    "A word in any script: letters and digits with inner apostrophes and hyphens.",
)
