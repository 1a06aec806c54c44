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

from .patterns.lang import CYRILLIC_WORD, DECISIVE_SCRIPT, LATIN_RANGE_LETTER
from .patterns.text import LATIN_WORD

#: Characters looked at. Detection quality saturates well before this.
SAMPLE_CHARS = 2000
#: Characters the function-word vote reads when the first sample does not decide
#: (menus and headlines crowd out running text in page dumps); a regex scan of this
#: costs well under a millisecond, langdetect several.
WIDE_SAMPLE_CHARS = 20000
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


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Extra function words used only to VOTE on a language (``stopwords`` does not
#: return them). Most words shared by close languages (Czech and Slovak ``že``,
#: Russian and Bulgarian ``и``, Finnish and Estonian ``ja ei ole oli``) are left out,
#: so a vote is decided by the words that tell them apart; Danish and Norwegian keep
#: their shared words, so they tie and the margin rule in :func:`_vote` leaves the
#: decision to langdetect, as it does wherever telling words are too few.
_VOTE_LATIN_EXTRA: dict[str, frozenset[str]] = {
    "pl": _words(
        "się że jest przez są dla już tylko może był była było czy jego jej ich "
        "który która które także lub oraz w"
    ),
    "cs": _words("se jsou jako být byl byla bylo které který která pro podle také jsem není při"),
    "sk": _words("sa sú ako byť bol bola bolo ktoré ktorý ktorá pre podľa tiež som nie pri"),
    "tr": _words(
        "bir ve bu için ile çok daha olarak olan gibi kadar sonra değil diye ise "
        "ama şu yok veya ancak"
    ),
    "id": _words(
        "yang dan ini itu dengan untuk tidak dari dalam akan pada juga ke karena "
        "ada oleh atau bisa sudah saya kami mereka lebih tersebut adalah seperti "
        "bahwa"
    ),
    "sv": _words("och att är inte jag från också ett när för till hade sina mycket vara finns"),
    "da": _words("og at er ikke jeg også af havde efter mig dig nu sig"),
    "no": _words("og at er ikke jeg også av hadde etter meg deg nå seg"),
    "ro": _words("și în cu pe din să pentru mai sunt fost acest această sau iar după între"),
    "hu": _words(
        "az és hogy egy ez már csak mint volt vagy még azt ezt pedig kell sem "
        "ami amely után szerint"
    ),
    "fi": _words(
        "että hän mutta kun niin myös ovat tai kuin joka jo sen mukaan olla jotka hänen siitä"
    ),
    "vi": _words(
        "của và các có được trong cho không những một này với người đã để khi từ đến về cũng như"
    ),
}

#: Function words of languages written in Cyrillic, for the same vote.
_VOTE_CYRILLIC: dict[str, frozenset[str]] = {
    "ru": _words(
        "что это он она они его её ее был была было были из же все уже если "
        "только мы вы бы когда также еще ещё есть к"
    ),
    "uk": _words(
        "і що це як його її вони був була було були від але або якщо також які "
        "який яка вже ми ви би з із ще є"
    ),
    "bg": _words(
        "да се че е са ще това към които който която което тя те ние вие го му "
        "беше бяха вече също ако само когато"
    ),
}

_VOTE_LATIN = {**_STOPWORDS, **_VOTE_LATIN_EXTRA}
#: Every word of each vote table: the only words worth counting.
_VOTE_LATIN_WORDS = frozenset().union(*_VOTE_LATIN.values())
_VOTE_CYRILLIC_WORDS = frozenset().union(*_VOTE_CYRILLIC.values())

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


def _vote(
    words: list[str],
    tables: dict[str, frozenset[str]],
    vocabulary: frozenset[str],
    floor: float = 0.10,
) -> str | None:
    """The language whose function words make up a clear share of ``words``, if any.

    ``vocabulary`` is every word of ``tables``; ``floor`` is the least share that can
    decide, with the widest margin.
    """
    if len(words) < 8:
        return None
    counts = Counter(filter(vocabulary.__contains__, words))
    best, best_share, second = None, 0.0, 0.0
    for code, stops in tables.items():
        share = sum(counts[w] for w in stops.intersection(counts)) / len(words)
        if share > best_share:
            best, best_share, second = code, share, best_share
        elif share > second:
            second = share
    # Running text has 25-45% function words; decide only on a clear winner. Pages
    # with menus and headlines dilute that to 10-18%; a wider margin decides those.
    if best_share >= 0.18 and best_share >= 2 * second:
        return best
    if best_share >= floor and best_share >= 3 * second:
        return best
    return None


def _stopword_language(sample: str) -> str | None:
    return _vote(LATIN_WORD.compiled.findall(sample.lower()), _VOTE_LATIN, _VOTE_LATIN_WORDS)


#: Letters of Macedonian and Serbian, which share Bulgarian's function words
#: (``да``, ``се``, ``е``) but have no list: such text is left to langdetect.
_UNLISTED_CYRILLIC = frozenset("ѓќѕјљњџђћ")


def _cyrillic_language(sample: str) -> str | None:
    if sample.isascii() or not CYRILLIC_WORD.compiled.search(sample):
        return None
    low = sample.lower()
    if not _UNLISTED_CYRILLIC.isdisjoint(low):
        return None
    words = CYRILLIC_WORD.compiled.findall(low)
    if len(words) <= len(LATIN_WORD.compiled.findall(low)):
        return None
    # The Cyrillic lists hold only the words that tell Russian, Ukrainian and
    # Bulgarian apart, so their shares run lower (3-6% of a Russian page).
    return _vote(words, _VOTE_CYRILLIC, _VOTE_CYRILLIC_WORDS, floor=0.03)


@lru_cache(maxsize=1)
def _langdetect_factory() -> object:
    """A factory of our own with every profile loaded (cached only when complete).

    langdetect's loader catches everything, Ctrl-C included, as a profile error,
    and its global factory would stay half loaded; the interrupt is re-raised here.
    """
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    factory = DetectorFactory()
    try:
        factory.load_profile(PROFILES_DIRECTORY)
    except LangDetectException as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):
            raise exc.__context__ from None
        raise
    return factory


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
    lang = _script_language(sample) or _cyrillic_language(sample) or _stopword_language(sample)
    if lang:
        return lang
    if len(text) > len(sample):
        wide = _sample(text, WIDE_SAMPLE_CHARS)
        lang = _cyrillic_language(wide) or _stopword_language(wide)
        if lang:
            return lang
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    return _langdetect(_sample(sample, LANGDETECT_CHARS))


def stopwords(lang: str | None) -> frozenset[str]:
    """A small set of function words for ``lang`` (English when unknown)."""
    return _STOPWORDS.get(lang or "en", _STOPWORDS["en"])


#: Letters beyond ASCII that each language writes (lower case); used to tell
#: single-byte code pages apart (``io``): "crème" fits French, "crčme" does not.
_LETTERS: dict[str, frozenset[str]] = {
    code: frozenset(chars)
    for code, chars in {
        "fr": "àâæçéèêëîïôœùûüÿ",
        "es": "áéíñóúü",
        "pt": "ãáâàçéêíóôõú",
        "it": "àèéìíîòóù",
        "de": "äöüß",
        "nl": "éèëïöüáó",
        "ca": "àçèéíïòóúü",
        "sv": "åäöé",
        "da": "æøåé",
        "no": "æøåéòó",
        "fi": "äöå",
        "et": "äöõüšž",
        "cs": "áčďéěíňóřšťúůýž",
        "sk": "áäčďéíĺľňóôŕšťúýž",
        "pl": "ąćęłńóśźż",
        "hu": "áéíóöőúüű",
        "hr": "čćđšž",
        "sl": "čšž",
        "ro": "ăâîșțşţ",
        "tr": "çğıöşüâî",
        "en": "éèàçñöüï",
    }.items()
}


def letters(lang: str | None) -> frozenset[str]:
    """Lower-case letters beyond ASCII that ``lang`` writes (empty when not listed)."""
    return _LETTERS.get(lang or "", frozenset())
