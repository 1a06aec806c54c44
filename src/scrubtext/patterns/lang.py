"""Patterns for language detection (``scrubtext.lang``)."""

from __future__ import annotations

from . import pattern

LATIN_RANGE_LETTER = pattern(
    "lang.latin_range_letter",
    r"[\p{L}&&[\x00-\u024f]]",
    "A letter below U+0250 (Basic Latin to Latin Extended-B): counted as Latin-script "
    "evidence. Example: ``é`` in ``café``.",
)

DECISIVE_SCRIPT = pattern(
    "lang.decisive_script",
    r"[\u3040-\u30ff\uac00-\ud7af\u0e00-\u0e7f\u0590-\u05ff\u0370-\u03ff\u4e00-\u9fff]",
    "A character of a script that names its language on its own (kana, hangul, Thai, "
    "Hebrew, Greek) or of the CJK unified ideographs. Example: ``の`` in ``東京の``.",
)

CYRILLIC_WORD = pattern(
    "lang.cyrillic_word",
    r"[\p{Script=Cyrillic}][\p{Script=Cyrillic}\p{M}'’]*",
    "A word in Cyrillic script, for the function-word vote. Example: ``это``.",
)
