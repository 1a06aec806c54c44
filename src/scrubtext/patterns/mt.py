"""Patterns for the machine-translation filters (``mt`` repairs, ``mt_flags`` flags).

Most scans start with a literal or a small character class, so the regex engine
can skip ahead quickly; word lists are checked in Python on the few matches.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from . import NamedPattern, pattern

#: Pinyin syllable: optional initial, then a final (tone marks not expected).
PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un"
    r"|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v|ü)"
)

QUOTE_APOSTROPHE = pattern(
    "mt.quote_apostrophe",
    r"(?<=\p{Script=Latin})[\u2018\u201b`\u00b4](?=\p{Script=Latin})",
    "An opening single quote, reversed quote, backtick or acute accent between two "
    "Latin letters, where an apostrophe belongs. Example: ``Yu‘nan``.",
)

APOSTROPHE_BETWEEN = pattern(
    "mt.apostrophe_between",
    r"(?<=\p{L})['\u2019](?=\p{L})",
    "A straight or curly apostrophe between letters; counted to learn the document's style.",
)

CLOSING_QUOTE = pattern(
    "mt.closing_quote",
    r"[\u2019'](?!\p{L})",
    "A right single quote or straight quote not followed by a letter: a closing quote, "
    "which means an earlier ``‘`` opened a quotation.",
)

CJK_PUNCT = pattern(
    "mt.cjk_punct",
    r"[，。：；！？、（）]",
    "A full-width CJK punctuation mark. Example: ``，`` in ``Shenzhen，China``.",
)

CJK_RUN = pattern(
    "mt.cjk_run",
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]+",
    "A run of Han, kana or hangul characters. Example: ``副本`` in ``WechatIMG814_副本.png``.",
)

GLUED_COMMA = pattern(
    "mt.glued_comma",
    r" ,(?=\p{L})",
    "A comma with a space before it and a word glued after it. Example: ``Shenzhen ,China``.",
)

DIGIT_G = pattern(
    "mt.digit_g",
    r"(?<![\p{L}\p{N}.,/#@_\-])[2-6]g(?![\p{L}\p{N}_/@])",
    "A lowercase mobile-generation token such as ``5g``, standing alone.",
)

DIGIT_G_UPPER = pattern(
    "mt.digit_g_upper",
    r"(?<![\p{L}\p{N}.,/#@_\-])[2-6]G(?![\p{L}\p{N}_])",
    "The acronym spelled in capitals (``5G``), used as in-document evidence.",
)

NEXT_WORD = pattern(
    "mt.next_word",
    r"\G[ \t]*([-+]?)[ \t]*(\p{L}[\p{L}\-]*)",
    "The word right after a position (``\\G`` anchors it), with a joining hyphen or plus sign.",
)

GIVEN_NAME = pattern(
    "mt.given_name",
    rf"(?:{PINYIN_SYLLABLE}){{1,2}}",
    "A pinyin given name of one or two syllables, lowercase. Example: ``rugui``.",
)

FUSED_NAME = pattern(
    "mt.fused_name",
    rf"(?:{PINYIN_SYLLABLE}){{2,3}}",
    "A lowercase token made of two or three pinyin syllables (surname plus given name).",
)


TITLE_LINE = pattern(
    "mt.title_line",
    r"\n[ \t]*\n[ \t]*\K[^\n]{3,150}+(?<=\p{L})(?=\n|\Z)",
    "A line of 3 to 150 characters after a blank line that ends in a letter: a heading "
    "position (the filter checks the first line of the text separately). "
    "Example: ``join hands with Hu``.",
)

FINAL_LETTER = pattern(
    "mt.final_letter",
    r"[\p{Ll}\p{N}]\Z",
    "A paragraph that ends in a lowercase letter or digit (no closing punctuation).",
)

LIST_OR_CAPTION = pattern(
    "mt.list_or_caption",
    r"\A\s*(?:[-*•·▪–—>]|\d{1,3}[.)]\s|\(?[a-z]\)\s|(?:photo|image|picture|video|caption|"
    r"source|credit|file photo)\b)",
    "The start of a list item or a caption, which the missing-full-stop rule leaves alone.",
    regex.IGNORECASE,
)


def literal_words(name: str, phrases: Iterable[str], doc: str) -> NamedPattern:
    """An unregistered pattern matching any of ``phrases`` as whole words (longest first).

    Used for the user's glossary and acronym list, which are only known at run time.

    >>> literal_words("t", ["face washing", "face"], "x").compiled.findall("face washing a face")
    ['face washing', 'face']
    """
    alts = sorted({p for p in phrases if p}, key=lambda p: (-len(p), p))
    body = "|".join(regex.escape(p) for p in alts) or r"(?!)"
    source = rf"(?<![\p{{L}}\p{{N}}_@#/.\-])(?:{body})(?![\p{{L}}\p{{N}}_@]|[./\-][\p{{L}}\p{{N}}])"
    return NamedPattern(name, source, doc)
