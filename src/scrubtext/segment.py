"""Sentences and paragraphs as spans ``(start, end)`` into the text.

Fast and rule-based: a sentence ends at ``. ! ?`` (or the CJK marks) before a
capital letter, a digit, a line break or the end of the text, unless the word
before the full stop is a known abbreviation (``Nov.``, ``Dr.``, ``U.S.``) or a
single capital letter (an initial).

>>> text = "Mr. Chen spoke on Nov. 18. The city won. It rained"
>>> [text[s:e] for s, e in sentences(text)]
['Mr. Chen spoke on Nov. 18.', 'The city won.', 'It rained']
"""

from __future__ import annotations

from .patterns.segment import PARAGRAPH, SENTENCE_END

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft no nos vs etc inc ltd co corp dept gen gov sen rep
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    fig figs eq approx est al e.g i.e u.s u.k u.n a.m p.m""".split()
)


def _abbreviation_before(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or an initial."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    return word in ABBREVIATIONS or (len(word) == 1 and text[start].isupper())


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]``, stripped of surrounding whitespace."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for m in SENTENCE_END.finditer(text, start, end):
        if (
            m.group().startswith(".")
            and len(m.group()) == 1
            and _abbreviation_before(text, m.start())
        ):
            continue
        cut = m.end()
        _push(text, pos, cut, spans)
        pos = cut
    _push(text, pos, end, spans)
    return spans


def _push(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: runs of non-empty lines separated by blank lines."""
    return [(m.start(), m.end()) for m in PARAGRAPH.finditer(text) if m.group().strip()]
