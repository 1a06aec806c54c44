"""Language detection: the only module that imports langdetect.

langdetect costs several milliseconds per call, so :func:`detect` first tries
cheap evidence: the writing system, then the share of very common function words
for a handful of languages. langdetect (seeded, so results repeat) runs only on
a bounded sample when neither decides.
"""

from __future__ import annotations

import threading
from collections import Counter
from functools import lru_cache

from .patterns.lang import DECISIVE_SCRIPT, LATIN_RANGE_LETTER
from .patterns.text import LATIN_WORD

#: Characters looked at. Detection quality saturates well before this.
SAMPLE_CHARS = 2000
#: langdetect sample; 500 characters cost about 6.5 ms.
LANGDETECT_CHARS = 500

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "is",
            "that",
            "for",
            "it",
            "was",
            "on",
            "with",
            "as",
            "are",
            "be",
            "by",
            "this",
            "at",
            "from",
            "have",
            "has",
            "not",
            "but",
            "or",
            "an",
            "which",
            "were",
            "will",
            "their",
            "they",
            "his",
            "her",
            "its",
            "been",
            "said",
            "would",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "de",
            "des",
            "du",
            "et",
            "est",
            "un",
            "une",
            "que",
            "qui",
            "dans",
            "pour",
            "pas",
            "sur",
            "au",
            "aux",
            "avec",
            "ce",
            "cette",
            "sont",
            "par",
            "plus",
            "ont",
            "été",
            "être",
            "elle",
            "il",
            "nous",
            "vous",
            "leur",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "ein",
            "eine",
            "zu",
            "den",
            "dem",
            "des",
            "mit",
            "sich",
            "auf",
            "für",
            "von",
            "auch",
            "im",
            "wird",
            "sind",
            "wurde",
            "bei",
            "als",
            "nach",
            "noch",
            "wie",
            "aber",
            "oder",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "de",
            "del",
            "y",
            "en",
            "que",
            "un",
            "una",
            "por",
            "con",
            "para",
            "es",
            "se",
            "no",
            "al",
            "lo",
            "como",
            "más",
            "pero",
            "sus",
            "su",
            "fue",
            "ha",
            "son",
            "este",
            "esta",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "a",
            "os",
            "as",
            "de",
            "do",
            "da",
            "dos",
            "das",
            "e",
            "em",
            "que",
            "um",
            "uma",
            "para",
            "com",
            "não",
            "por",
            "se",
            "na",
            "no",
            "mais",
            "como",
            "foi",
            "ao",
            "pelo",
            "pela",
            "são",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "lo",
            "la",
            "i",
            "gli",
            "le",
            "di",
            "del",
            "della",
            "e",
            "è",
            "che",
            "un",
            "una",
            "per",
            "con",
            "non",
            "in",
            "si",
            "sono",
            "da",
            "al",
            "alla",
            "più",
            "come",
            "anche",
            "nel",
        ]
    ),
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "van",
            "in",
            "is",
            "dat",
            "op",
            "te",
            "zijn",
            "voor",
            "met",
            "die",
            "niet",
            "aan",
            "er",
            "ook",
            "als",
            "bij",
            "door",
            "om",
            "maar",
            "wordt",
            "werd",
        ]
    ),
}

_SCRIPT_LANG = (
    # (first code point, last code point, language) for scripts that decide alone
    (0x3040, 0x30FF, "ja"),  # hiragana and katakana
    (0xAC00, 0xD7AF, "ko"),  # hangul syllables
    (0x0E00, 0x0E7F, "th"),
    (0x0590, 0x05FF, "he"),
    (0x0370, 0x03FF, "el"),
)

_lock = threading.Lock()


def _script_language(sample: str) -> str | None:
    if sample.isascii():  # Latin letters only: no script decides
        return None
    decisive = DECISIVE_SCRIPT.compiled.findall(sample)
    if not decisive:
        return None
    counts: dict[str, int] = {}
    han = 0
    letters = len(LATIN_RANGE_LETTER.compiled.findall(sample))
    for ch in decisive:
        o = ord(ch)
        if 0x4E00 <= o <= 0x9FFF:
            han += 1
            continue
        for lo, hi, lang in _SCRIPT_LANG:
            if lo <= o <= hi:
                counts[lang] = counts.get(lang, 0) + 1
                break
    total = letters + han + sum(counts.values())
    if not total:
        return None
    if counts.get("ja", 0) > 0.05 * total:
        return "ja"
    for lang, n in counts.items():
        if n > 0.5 * total:
            return lang
    if han > 0.5 * total:
        return "zh-cn"
    return None


def _stopword_language(sample: str) -> str | None:
    words = LATIN_WORD.compiled.findall(sample.lower())
    if len(words) < 8:
        return None
    counts = Counter(words)
    best, best_share, second = None, 0.0, 0.0
    for lang, stops in _STOPWORDS.items():
        share = sum(counts[w] for w in stops.intersection(counts)) / len(words)
        if share > best_share:
            best, best_share, second = lang, share, best_share
        elif share > second:
            second = share
    # Running text has 25-45% function words; decide only on a clear winner. Pages
    # with menus and headlines dilute that to 10-18%; a wider margin decides those.
    if best_share >= 0.18 and best_share >= 2 * second:
        return best
    if best_share >= 0.10 and best_share >= 3 * second:
        return best
    return None


@lru_cache(maxsize=1)
def _langdetect_factory() -> object:
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory

    DetectorFactory.seed = 0
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


def _langdetect(sample: str) -> str | None:
    from langdetect.lang_detect_exception import LangDetectException

    with _lock:
        factory = _langdetect_factory()
        try:
            detector = factory.create()  # type: ignore[attr-defined]
            detector.append(sample)
            return str(detector.detect())
        except LangDetectException:
            return None


def _sample(text: str, size: int) -> str:
    if len(text) <= size:
        return text
    mid = len(text) // 2
    return text[max(0, mid - size // 2) : mid + size // 2]


def detect(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s main language, or None when there is too little text.

    >>> detect("The mayor said that the city will build more stations this year.")
    'en'
    """
    sample = _sample(text, SAMPLE_CHARS)
    if not sample.strip():
        return None
    lang = _script_language(sample) or _stopword_language(sample)
    if lang:
        return lang
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    return _langdetect(_sample(sample, LANGDETECT_CHARS))


def stopwords(lang: str | None) -> frozenset[str]:
    """A small set of function words for ``lang`` (English when unknown)."""
    return _STOPWORDS.get(lang or "en", _STOPWORDS["en"])
