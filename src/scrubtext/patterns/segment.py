"""Patterns for splitting text into paragraphs and sentences."""

from __future__ import annotations

from . import pattern

PARAGRAPH = pattern(
    "segment.paragraph",
    r"[^\n]+(?:\n[^\n]+)*",
    "A paragraph: lines of text up to a blank line.",
)

SENTENCE_END = pattern(
    "segment.sentence_end",
    r"[.!?。！？]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]*[\p{Lu}\p{N}]|\s*\n|\s*\Z)|(?<=\S)(?=\n[ \t]*\n|[ \t]+\n[ \t]*\n)|(?=\n)(?<=[\p{Ll}\p{N}])",
    "The end of a sentence: terminal punctuation (with closing quotes or brackets) "
    "before a capital, a digit, a line break or the end of the text; a blank line; "
    "a line break after a lower-case letter or digit. (The blank-line branch looks "
    "behind first, which fails inside a run of spaces, so a long run of spaces or tabs "
    "is scanned once, not from every position in it.)",
)
