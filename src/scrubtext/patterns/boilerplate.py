"""Patterns for the boilerplate filter: block cues, page furniture and phrase lists."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import compress
from operator import itemgetter
from typing import Any

import regex

from . import NamedPattern, pattern

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4})"
)
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_AGO = (
    r"(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago"
)
_JOIN = r"(?:,?\s+(?:at|um|à|a las|às|alle|-|\|)?\s*)"
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s\p{Lu}{2,4}\b)?"

#: Places where a block boundary is likely inside a line: (kind, pattern, needles).
#: Each kind is its own pattern (one alternation of all of them scans four times
#: slower); a pattern can only match text that holds one of its needles, a cheap
#: test that skips most scans.
BLOCK_CUES = (
    (
        "sep",
        pattern(
            "boilerplate.cue.separator",
            r"(?:[|»›•·\u25b6\u25ba]|>>)(?<=\S\s{1,5}[|»›•·\u25b6\u25ba>]{1,2})(?:\s+|(?=\p{Lu}))",
            "A separator between items: `` | `` `` » `` `` >> `` ``•``.",
        ),
        ("|", "»", "›", "•", "·", "\u25b6", "\u25ba", ">"),
    ),
    (
        "ellipsis",
        pattern(
            "boilerplate.cue.ellipsis",
            r"(?:…|\.\.\.)(?<=\p{L}{2}(?:…|\.\.\.))(?=\s+(?:\d{1,2}\s+)?[\p{Lu}\p{N}\"“])",
            "An ellipsis cutting a headline short before the next item: ``qua… 2 The``.",
        ),
        ("…", "..."),
    ),
    (
        "stamp",
        pattern(
            "boilerplate.cue.stamp",
            rf"\d{{1,2}}:\d\d(?<=(?:\A|\s|{_DATE},?\s+)\d{{1,2}}:\d\d)(?::\d\d)?(?:\s?[AaPp]\.?[Mm]\.?)?"
            rf"(?:\s\p{{Lu}}{{2,4}}\b)?(?:,?\s+(?:\p{{L}}+,?\s+)?{_DATE}(?=\s)|(?=\s+[^\s\p{{Ll}}]))",
            "A clock time with its date: ``10:12, November 19, 2020``. A clock time without a "
            "date after it cuts only before a word that does not start in lower case "
            "(``at 19:30 and the doors`` goes on as a sentence).",
        ),
        (":",),
    ),
    (
        "dateline",
        pattern(
            "boilerplate.cue.dateline",
            r"\p{Lu}\p{Lu}\p{Lu}+(?<=(?:\A|\s)\p{Lu}+)(?:[ -]\p{Lu}{2,}){0,3},\s[^\n]{0,40}?\([\p{L} ]{2,30}\)\s*(?:--|—|–|-)\s",
            "A news dateline opening an article: ``SHANGHAI, Nov. 18 (Xinhua) --``.",
        ),
        ("(",),
    ),
    (
        "cjk",
        pattern(
            "boilerplate.cue.cjk_stop",
            r"[。！？]+[」』）]*(?=\S)",
            "A full stop of Chinese or Japanese text, which no space follows: a sentence end.",
        ),
        ("。", "！", "？"),
    ),
    (
        "paren",
        pattern(
            "boilerplate.cue.paren",
            r"\)\s+\(",
            "Two bracketed remarks in a row: ``...Facebook ) (Web editor: ...``.",
        ),
        (")",),
    ),
    (
        "says",
        pattern(
            "boilerplate.cue.says",
            rf"\b(?:says|said|wrote|writes|replied):(?=\s+{_DATE})",
            "A comment author line: ``joe says: November 19, 2019``.",
        ),
        (":",),
    ),
    (
        "agency",
        pattern(
            "boilerplate.cue.agency",
            r"\(\p{Lu}[\p{L}.& ]{1,25}\)(?<=[^\d\s]\s+\(\p{Lu}[\p{L}.& ]{1,25}\))\s*(?:--|—|–)\s",
            "A news agency credit opening an article: ``(Reuters) —``.",
        ),
        ("(",),
    ),
)


SUSPECT = pattern(
    "boilerplate.suspect",
    r"[|»›•·\u25b6\u25ba…©]|>>|:(?:(?<=\d:)\d\d|(?<=s:)\s+\p{Lu}\p{Ll}+\s\d)|\)\s+\(|\(\p{Lu}[\p{L}.& ]{1,25}\)\s*(?:--|—|–)",
    "A character or sequence that hints at page furniture inside a sentence; "
    "sentences without one (and of ordinary length) are not cut further. Every "
    "branch starts with a rare character (``d:dd`` and ``says: Name 2`` are found "
    "at their colon, looking back one character), so the scan is fast; scan spans "
    "that start after a space or at the start of the text.",
)

TABLE_RULE = pattern(
    "boilerplate.table_rule",
    r"(?m)^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?[ \t]*)?$",
    "A line that is the rule row under a Markdown table's header: ``|---|:-:|``, ``--- | ---``.",
)

CODE_FENCE = pattern(
    "boilerplate.code_fence",
    r"(?:`{3,}|~{3,})[\w+#.-]*",
    "A Markdown code fence line: three or more backticks or tildes (``~~~``), then an "
    "optional language name.",
)

STAMP_HINT = pattern(
    "boilerplate.stamp_hint",
    r"\d:\d\d|\d/\d|\d{4}[-/.]\d|ago|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec",
    "What every date or time stamp of ``FURNITURE`` holds: a clock (``9:30``), a "
    "numeric date (``11/20``, ``2020-11``), ``ago`` or a month name. A block "
    "without one skips the costly whole-block match.",
)

LIST_MARKER = pattern(
    "boilerplate.list_marker",
    r"\A(?:\d{1,2}[.)]?|[•·▪▸►\-*])\s+(?=\S)",
    "A list marker at the start of a block: a small number or a bullet. "
    "Example: ``2 `` in ``2 The US is a thief``.",
)

WRITTEN_DATE = pattern(
    "boilerplate.written_date",
    rf"\s*(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}})[\s.]*",
    "A date written out as a letter dates itself, and nothing else: ``March 3, 2021``, "
    "``Wednesday, 3 March 2021``. As a document's first line it is text, not page metadata.",
)

BYLINE = pattern(
    "boilerplate.byline",
    r"\(?(?i:web editor|editors?|reporting by|edited by|translated by|by|from|source|sources|author|authors|posted by|written by|updated|last updated"
    r"|published|posted|date|editor|reporter|photo|photos|image|credit|image credit"
    r"|photo credit|von|par|por|di|fonte|quelle|mis à jour|publié le|aktualisiert)\b\s*[:：]?\s*\S",
    "The start of a byline, source line or update stamp. Example: ``From: Shenzhen Daily``, "
    "``Updated: 2020-11-20 13:11``.",
)

TITLE_SITE = pattern(
    "boilerplate.title_site",
    r"\s+(?:[-–—|:·•»]|::)\s+(?P<site>[^-–—|:·•»\n]{2,60}?)\s*\Z",
    "The site name appended to a page title after a separator. "
    "Example: `` - People's Daily Online`` in ``Shanghai named ... - People's Daily Online``.",
)

FURNITURE = pattern(
    "boilerplate.furniture",
    r"(?P<separator>[-–—_=*•·|/\\~#+.:;,<>»«()\s]{1,80})"
    r"|(?P<image>[^\s/\\]{1,120}\.(?i:png|jpe?g|gif|webp|bmp|svg|tiff?|heic))"
    rf"|(?P<stamp>[\p{{L}}\s:,.()|-]{{0,40}}?(?:{_DATE}(?:{_JOIN}{_CLOCK})?|{_CLOCK}(?:{_JOIN}{_DATE})?|{_AGO}(?:{_JOIN}{_CLOCK})?)[\s\p{{L}}().,|-]{{0,12}})",
    "A whole block that is page furniture: only separator characters (a lone ``-``), "
    "a bare image file name (``WechatIMG814_副本.png``), or a date or time stamp with "
    "at most a few words around it (``date 2020-11-28``, ``Reuters November 18, 2019 11:03 PM``).",
)

MARKER = pattern(
    "boilerplate.marker",
    r"(?P<copyright>(?:©|\(c\))\s*(?:\p{L}+\s+)?(?:\d{4}|\p{L}+\s+\d{4})|(?i:\bcopyright\b|all rights reserved|tous droits réservés"
    r"|alle rechte vorbehalten|todos los derechos reservados|todos os direitos reservados"
    r"|tutti i diritti riservati))"
    r"|(?P<follow>(?i:\b(?:follow|like|join|find|subscribe to|connect with)\b[^.!?\n]{0,60}?\b(?:on|via)\s+"
    r"(?:Twitter|Facebook|Instagram|LinkedIn|YouTube|Telegram|WhatsApp|Weibo|WeChat|TikTok|X\b)))",
    "A copyright mark or rights notice (``Copyright © 2011 JIN SHI``), or a prompt to "
    "follow the site on a social network (``Please follow People's Daily on Twitter``).",
)

FOOTER_YEAR = pattern(
    "boilerplate.footer_year",
    r"(?:©|\(c\)|(?i:copyright))\s*(?:\p{L}+\s+)?(?:19|20)\d\d\b",
    "A copyright mark with a year, as in a site footer: ``© 2019 CBS Interactive Inc.``, "
    "``Copyright 2019 The Associated Press``.",
)

_AGENCY = (
    r"(?i:getty(?:\s+images)?|reuters|afp|ap|epa|pa|shutterstock|istock|bloomberg|nasa"
    r"|associated\s+press|the\s+new\s+york\s+times)"
)
CREDIT = pattern(
    "boilerplate.credit",
    r"\A\(?\s*(?:"
    r"(?i:(?:main\s+|file\s+)?(?:photo(?:graph)?|image|picture|video)s?(?:\s+credit)?\s*(?::|by\b|via\b)"
    r"|credits?\s*(?::|\.\.\.|…)|courtesy(?:\s+of)?\b)[^\n]{0,120}"
    rf"|(?:\p{{Lu}}[\p{{L}}.'’-]*\s*){{1,4}}(?:/|\s\|\s)[^\n]{{0,60}}?\b{_AGENCY}\b[^\n]{{0,30}}"
    rf"|{_AGENCY}\s*/\s*[^\n]{{1,60}}|{_AGENCY}"
    r")\)?\s*\Z"
    r"|\((?i:(?:photo|image|picture)(?:\s+credit)?\s*:|credit\s*:|ap\s+photo/)[^()\n]{1,80}\)\s*\Z",
    "A photo credit, alone or ending a caption: ``Doug Mills/The New York Times``, "
    "``(AP Photo/Alan Diaz, File)``, ``Image credit: NASA``, ``Credit...``, "
    "``Protesters marched on Sunday (Image: GETTY)``.",
)

COMMENT = pattern(
    "boilerplate.comment",
    r"(?P<count>\A[\[(]?\s*(?:\d+|one|two|three)\s+(?i:responses?|comments?|replies|reactions|thoughts)\b)"
    r"|(?P<author>\A\S+(?:\s\S+){0,3}\s(?i:says|wrote|writes|replied|commented)\s*:?\s*\Z)",
    "The head of a reader-comment thread (``34 responses to ...``) or a comment's "
    "author line (``joetoronto says:``).",
)

_WORD_START = r"[\p{L}\p{N}]"
_WORD_CHAR = r"[\p{L}\p{N}\p{M}'’.-]"

WORD_TOKEN = pattern(
    "boilerplate.word",
    rf"{_WORD_START}{_WORD_CHAR}*",
    "A word for block statistics: letters or digits with inner apostrophes, dots and hyphens.",
)


class WordFinder:
    """``WORD_TOKEN.compiled.findall``, about twice as fast.

    The standard ``re`` engine scans this simple pattern faster than ``regex``.
    Its twin lists the code points of ``WORD_TOKEN``'s two character classes, as
    ``regex`` itself reads them, over the Basic Multilingual Plane; so on text
    without astral characters (emoji, historic scripts) both find the same words.
    Other text goes to ``WORD_TOKEN``. Built on first use (some 20 ms).

    >>> WORDS.findall("Shanghai’s award, 2020 — x.y")
    ['Shanghai’s', 'award', '2020', 'x.y']
    """

    def __init__(self) -> None:
        self._built: list[tuple[re.Pattern[str], re.Pattern[str]]] = []

    def _build(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        if not self._built:
            plane = "".join(map(chr, range(0x10000)))
            start, inner = _listed(_WORD_START, plane), _listed(_WORD_CHAR, plane)
            self._built.append((re.compile(f"[{start}][{inner}]*"), re.compile(_ASTRAL)))
        return self._built[0]

    def finder(self, text: str) -> Callable[[str, int, int], list[str]]:
        """A ``findall(piece, pos, endpos)`` for pieces of ``text`` (one test for all)."""
        twin = self._build()[0]
        # an astral character takes two UTF-16 code units: a quick exact test
        if text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
            return twin.findall
        return self.findall

    def findall(self, text: str, pos: int = 0, endpos: int | None = None) -> list[str]:
        """The words of ``text[pos:endpos]``, as ``WORD_TOKEN`` finds them."""
        end = len(text) if endpos is None else endpos
        twin, astral = self._build()
        if text.isascii() or astral.search(text, pos, end) is None:
            return twin.findall(text, pos, end)
        words: list[str] = WORD_TOKEN.compiled.findall(text, pos, end)
        return words


_ASTRAL = "[\U00010000-\U0010ffff]"


def _listed(char_class: str, chars: str) -> str:
    """A character-class body (``\\u0041-\\u005a...``) listing, as ranges, the
    characters of ``chars`` (consecutive code points) that ``char_class`` matches."""
    runs = regex.compile(f"{char_class}+", regex.V1).finditer(chars)
    first = ord(chars[0])
    return "".join(f"\\u{first + m.start():04x}-\\u{first + m.end() - 1:04x}" for m in runs)


#: The shared word finder (its patterns are built on first use).
WORDS = WordFinder()

SENTENCE_END_CHAR = pattern(
    "boilerplate.sentence_end_char",
    r"[.!?。！？][\"'”’)\]]*\s*\Z",
    "Terminal punctuation at the end of a block (closing quotes allowed).",
)

TITLE_RUN = pattern(
    "boilerplate.title_run",
    r"(?<![\p{Ll}\p{N},;:]\s{1,3})(?<!\S)\p{Lu}[\p{L}\p{N}'’&.-]*\s+"
    r"(?:(?:[\p{Lu}\p{N}][\p{L}\p{N}'’&.-]*|&|of|and|the|in|for|on|to|de|du|des)\s+){5,40}"
    r"(?=[\p{Lu}][\p{L}'’-]*\s+\p{Ll})",
    "A run of six to forty capitalised words (small joining words allowed), not "
    "preceded by a lower-case word, ending where a sentence starts: a capitalised "
    "word followed by a lower-case one. Example: the menu before ``Shanghai was`` "
    "in ``Sports Photo Video English Shanghai was``.",
)


CAP_WORD = pattern(
    "boilerplate.cap_word",
    r"\b\p{Lu}[\p{L}'’-]*",
    "A capitalised word: where a boilerplate phrase can start. Scanning for these "
    "and looking the word up is much faster than one pattern of every phrase.",
)


class PhraseFinder:
    """Find phrases of several kinds, as written (capitalised or all caps).

    Candidates are capitalised words that begin some phrase; only there are
    anchored phrase patterns tried, longest match winning. A phrase can match
    only where the capitalised word is its own first word, so each candidate
    tries a small pattern of just the phrases starting with that word (same
    alternatives in the same order as one pattern of all of them: same match).
    """

    def __init__(self, kinds: dict[str, tuple[str, ...]]) -> None:
        self.first = frozenset(
            p.split()[0].lower() for phrases in kinds.values() for p in phrases if p.split()
        )
        self.by_word: list[tuple[str, dict[str, list[str]]]] = []
        for kind, phrases in kinds.items():
            groups: dict[str, list[str]] = {}
            for v in _ordered_variants(phrases):
                m = CAP_WORD.compiled.match(v)
                if m is not None:
                    groups.setdefault(m.group().lower(), []).append(v)
            self.by_word.append((kind, groups))
        self._matchers: dict[str, list[tuple[str, Any]]] = {}

    def _for_word(self, word: str) -> list[tuple[str, Any]]:
        """(kind, anchored match) of the phrases that can start with the capitalised ``word``."""
        found = self._matchers.get(word)
        if found is None:
            found = []
            for kind, groups in self.by_word:
                variants = groups.get(word)
                if variants:
                    pat = NamedPattern(
                        f"boilerplate.phrase.{kind}",
                        _alternation(variants),
                        "Boilerplate phrases from a vocabulary.",
                    )
                    found.append((kind, pat.compiled.match))
            self._matchers[word] = found
        return found

    def finditer(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
        """(start, end, kind) of each phrase in ``text[start:end]``, in order."""
        # A page dump has tens of thousands of capitalised words: the ones that begin
        # some phrase are picked out at C speed. The scan runs without a time budget
        # (which costs more than the scan itself here): a class and a class repeated
        # cannot backtrack, so it is linear in the text.
        found = list(CAP_WORD.compiled.finditer(text, start, end))
        starting = map(self.first.__contains__, map(str.lower, map(_WHOLE, found)))
        last = start
        for m in compress(found, starting):
            at = m.start()
            if at < last:
                continue
            word = m.group().lower()
            best: tuple[int, int, str] | None = None
            for kind, match in self._for_word(word):
                hit = match(text, at, end)
                if hit is not None and (best is None or hit.end() > best[1]):
                    best = (at, hit.end(), kind)
            if best is not None:
                last = best[1]
                yield best


_WHOLE = itemgetter(0)


def _ordered_variants(phrases: tuple[str, ...]) -> list[str]:
    """Each phrase capitalised and in capitals, longest first (the alternation order)."""
    variants: set[str] = set()
    for p in phrases:
        p = " ".join(p.split())
        if not p:
            continue
        variants.add(p[0].upper() + p[1:])
        variants.add(p.upper())
    return sorted(variants, key=lambda v: -len(v))


def _alternation(variants: list[str]) -> str:
    """Pattern source matching any of ``variants`` (in order) at a word boundary,
    followed by a space, a colon or the end."""
    alternation = "|".join(regex.escape(v).replace(r"\ ", r"\s+") for v in variants)
    if not alternation:
        return r"(?!)"
    return rf"(?<![\p{{L}}\p{{N}}])(?:{alternation})(?=[\s:：.,;!]|\Z)"


def lower_phrases(phrases: Iterable[str]) -> frozenset[str]:
    """Phrases normalised for whole-block lookup (lower case, single spaces)."""
    return frozenset(" ".join(p.lower().split()) for p in phrases)
