"""Patterns for the coherence filter: where its sentences may end.

The filter cuts text into the same sentences as :func:`scrubtext.segment.sentences`
but finds the cut points with one scan that starts on a literal or a small character
class (the shared pattern starts two of its branches with a look-behind, so the
engine tries them at every position); the few decisions left (abbreviations, blank
lines) are made in Python on the matches.
"""

from __future__ import annotations

from . import pattern

SENTENCE_CUE = pattern(
    "coherence.sentence_cue",
    r"[.!?。！？]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]*[\p{Lu}\p{N}]|\s*\n|\s*\Z)"
    r"|(?<=[\p{Ll}\p{N}])\n|\n(?=[ \t]*\n)",
    "A possible sentence end: terminal punctuation (with closing quotes or brackets) "
    "before a capital, a digit, a line break or the end of the text; a line break "
    "after a lower-case letter or digit; a line break before a blank line. "
    "Example: ``won.`` in ``The city won. It rained``.",
)

LOWER_START = pattern(
    "coherence.lower_start",
    r"[.!?] [^\s\p{Lu}\p{N}]",
    "A full stop, question or exclamation mark, one space and a character that may be "
    "a lower-case letter: where the filter may start a new sentence that the shared "
    "segmenter does not. Example: ``. higher`` in ``The wall will rise. higher wall``.",
)
