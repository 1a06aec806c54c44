"""Machine-translation artefacts: safe repairs (``mt``) and flags for a human (``mt_flags``).

Text machine-translated from Chinese carries slips a reader notices. ``mt``
repairs the ones with a single correct form given local or in-document evidence;
``mt_flags`` marks the rest without touching the text. Every rule has its own id
and can be switched off alone (``disable_rules``); a disabled rule is not computed.

>>> text = "Liu Yu‘nan met Chen Rugui . chenrugui said the the 5g network grew"
>>> MtRepair()(Document(text))[0].text
'Liu Yu’nan met Chen Rugui. Chen Rugui said the 5G network grew'
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from ..document import Document, Edit, Flag
from ..errors import ConfigError
from ..filter import TextFilter
from ..mt_lexicon import (
    ACRONYMS,
    AND_IDIOMS,
    GENERATION_CONTEXT,
    LEGIT_DOUBLES,
    REPAIRABLE_DOUBLES,
    SENTENCE_STARTERS,
    SURNAMES,
    UNIT_BEFORE,
    UNIT_CONTEXT,
)
from ..patterns import NamedPattern
from ..patterns.mt import (
    AND_JOIN,
    APOSTROPHE_BETWEEN,
    CHINESE_NAME,
    CJK_PUNCT,
    CJK_RUN,
    CLOSING_QUOTE,
    DIGIT_G,
    DIGIT_G_UPPER,
    ELLIPSIS_CUT,
    FINAL_LETTER,
    FUSED_NAME,
    FUSED_SENTENCE,
    GIVEN_NAME,
    LIST_OR_CAPTION,
    NAME_CONTEXT,
    NEXT_WORD,
    QUOTE_APOSTROPHE,
    SPACE_BEFORE_PUNCT,
    TOKEN,
    literal_words,
)
from ..segment import paragraphs, sentences
from ._util import non_overlapping

_QUOTE_MARKS = "\u2018\u201b`\u00b4"
_CJK_MARKS = "，。：；！？、（）"
_CJK_ASCII = {
    "，": ",",
    "、": ",",
    "。": ".",
    "：": ":",
    "；": ";",
    "！": "!",
    "？": "?",
    "（": "(",
    "）": ")",
}
_HAWAIIAN = frozenset("aeiouāēīōūhklmnpw" + _QUOTE_MARKS)
_WORD_EDGE = "'’-_"
#: Characters that may stand just before a mark such as ``,`` in Latin text.
_LATIN_CLOSE = "\"'’”)]%"


def _english(doc: Document, languages: Sequence[str]) -> bool:
    lang = doc.meta.get("language")
    return not languages or not lang or lang in languages


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in _WORD_EDGE


def _latin(ch: str) -> bool:
    return (ch.isascii() and ch.isalnum()) or ("\u00c0" <= ch <= "\u024f" and ch.isalpha())


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend ``[start, end)`` over letters on both sides (short loops: words are short)."""
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return start, end


def _sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` begins a sentence: start of text or line, or after . ! ? (and quotes)."""
    i = pos
    while i > 0 and text[i - 1] in " \t\"“‘'(":
        i -= 1
    return i == 0 or text[i - 1] in ".!?\n"


# --- repairs ------------------------------------------------------------------


def apostrophe_edits(text: str) -> list[Edit]:
    """``Yu‘nan`` -> ``Yu’nan``, in the document's own apostrophe style.

    Guards: an okina in a Hawaiian word (``Hawai‘i``) stays, and so does a ``‘``
    that opens a quotation closed later on the same line (``the‘smart city’``).
    """
    if not any(c in text for c in _QUOTE_MARKS):
        return []
    found = list(QUOTE_APOSTROPHE.finditer(text))
    if not found:
        return []
    straight = sum(1 for m in APOSTROPHE_BETWEEN.finditer(text) if m.group() == "'")
    curly = sum(1 for m in APOSTROPHE_BETWEEN.finditer(text) if m.group() != "'")
    mark = "'" if straight > curly else "’"
    edits = []
    for m in found:
        s = m.start()
        ws, we = _word_around(text, s, s + 1)
        word = text[ws:we].lower()
        if set(word) <= _HAWAIIAN and text[s + 1].lower() in "aeiouāēīōū":
            continue
        line_end = text.find("\n", we)
        stop = min(we + 80, len(text) if line_end < 0 else line_end)
        if CLOSING_QUOTE.search(text, we, stop):
            continue
        edits.append(
            Edit(
                s,
                s + 1,
                mark,
                "mt.apostrophe",
                f"{m.group()!r} between letters in {text[ws:we]!r} stands for an apostrophe",
            )
        )
    return edits


def cjk_punct_edits(text: str) -> list[Edit]:
    """Full-width ``，。：；！？、（）`` between Latin-script words -> ASCII with English spacing.

    Guard: no Han, kana or hangul within 12 characters on either side, so Chinese
    text keeps its own punctuation.
    """
    if text.isascii() or not any(c in text for c in _CJK_MARKS):
        return []
    edits: list[Edit] = []
    n = len(text)
    for m in CJK_PUNCT.finditer(text):
        s, e = m.start(), m.end()
        mark = m.group().strip(" \t")
        left = text[s - 1] if s else "\n"
        right = text[e] if e < n else "\n"
        if CJK_RUN.search(text, max(0, s - 12), s) or CJK_RUN.search(text, e, min(n, e + 12)):
            continue
        ascii_mark = _CJK_ASCII[mark]
        word_right = _latin(right) or right in "\"'“‘("
        if mark == "（":
            if not _latin(right):
                continue
            new = "(" if left in "\n\t (" else " ("
        elif mark == "）":
            if not (_latin(left) or left == "."):
                continue
            new = ") " if _latin(right) else ")"
        else:
            if not (_latin(left) or left in _LATIN_CLOSE):
                continue
            if left.isdigit() and right.isdigit():
                if mark != "：":
                    continue
                new = ":"
            elif word_right:
                new = ascii_mark + " "
            elif right == "\n" and mark in "。！？：":
                new = ascii_mark
            else:
                continue
        if text[s:e] != new:
            edits.append(
                Edit(s, e, new, "mt.cjk_punct", f"full-width {mark!r} between Latin-script words")
            )
    return edits


def space_before_punct_edits(text: str) -> list[Edit]:
    """``Shenzhen , China`` -> ``Shenzhen, China``; ``a ,b`` -> ``a, b``.

    Guards: only after a letter, digit, closing quote or bracket; a spaced ellipsis
    (``. . .``) and scores or times (``3 : 1``) stay; spaces inside brackets are
    the ``whitespace`` filter's job.
    """
    if not any(p in text for p in (" ,", " .", " ;", " :", " !", " ?", "\t")):
        return []
    edits = []
    n = len(text)
    for m in SPACE_BEFORE_PUNCT.finditer(text):
        s, e = m.start(), m.end()
        if not s:
            continue
        prev = text[s - 1]
        if not (prev.isalnum() or prev in _LATIN_CLOSE):
            continue
        mark = text[e - 1]
        if text.startswith(" .", e) or (mark == "." and prev == "."):
            continue
        if mark in ":." and prev.isdigit() and text[e + 1 : e + 2].isdigit():
            continue
        if mark == "," and e < n and text[e].isalpha():
            edits.append(
                Edit(s, e, ", ", "mt.space_before_punct", "space before a comma instead of after")
            )
        else:
            edits.append(Edit(s, e - 1, "", "mt.space_before_punct", f"space before {mark!r}"))
    return edits


def doubled_word_edits(text: str) -> list[Edit]:
    """``the the`` -> ``the`` for a closed list of function words.

    A capitalised first copy (``The the``) is repaired only at a sentence start;
    ``The The`` (a name) stays.
    """
    edits = []
    n = len(text)
    for w in REPAIRABLE_DOUBLES:
        step = len(w) + 1
        for first in (w, w.capitalize()):
            needle = f"{first} {w}"
            pos = text.find(needle)
            while pos >= 0:
                end = pos + len(needle)
                while text.startswith(f" {w}", end) and not (
                    end + step < n and _is_word_char(text[end + step])
                ):
                    end += step
                ok = (
                    (pos == 0 or not _is_word_char(text[pos - 1]))
                    and (end == n or not _is_word_char(text[end]))
                    and (first == w or _sentence_start(text, pos))
                )
                if ok:
                    edits.append(
                        Edit(pos + len(first), end, "", "mt.doubled_word", f"{w!r} typed twice")
                    )
                pos = text.find(needle, end)
    return sorted(edits)


def _prev_word(text: str, pos: int) -> str:
    parts = text[max(0, pos - 30) : pos].split()
    return parts[-1].strip(".,;:()\"'“”‘’").lower() if parts else ""


def generation_edits(text: str) -> list[Edit]:
    """``5g network`` -> ``5G network`` (2g to 6g) where the unit reading is ruled out.

    A token is repaired when the next word is a network word (``network``,
    ``base stations``, ``era``...), or when the document elsewhere spells the
    acronym in capitals or uses it in such a context, and no weight context
    (``5g of sugar``, ``contains 5g``) surrounds it.
    """
    found = list(DIGIT_G.finditer(text))
    if not found:
        return []
    strong: list[bool] = []
    unit: list[bool] = []
    for m in found:
        nxt = NEXT_WORD.search(text, m.end(), min(len(text), m.end() + 40))
        word = nxt.group(2).lower() if nxt else ""
        strong.append(word in GENERATION_CONTEXT)
        unit.append(word in UNIT_CONTEXT or _prev_word(text, m.start()) in UNIT_BEFORE)
    evidence = any(s and not u for s, u in zip(strong, unit, strict=True)) or bool(
        DIGIT_G_UPPER.search(text)
    )
    edits = []
    for m, s, u in zip(found, strong, unit, strict=True):
        if u or not (s or evidence):
            continue
        why = "a network word follows" if s else "the document uses the acronym"
        edits.append(
            Edit(
                m.start() + 1,
                m.end(),
                "G",
                "mt.acronym",
                f"{m.group()!r} is the mobile generation {m.group()[0]}G: {why}",
            )
        )
    return edits


@lru_cache(maxsize=64)
def _word_pattern(words: tuple[str, ...]) -> NamedPattern:
    return literal_words("mt.words", words, "Acronyms or glossary phrases, as whole words.")


def acronym_list_edits(text: str, acronyms: Iterable[str]) -> list[Edit]:
    """``gdp`` -> ``GDP`` for listed acronyms, only where the document also spells ``GDP``."""
    wanted = tuple(
        sorted(a for a in acronyms if a != a.lower() and a.lower() in text and a in text)
    )
    if not wanted:
        return []
    present = {m.group() for m in _word_pattern(wanted).finditer(text)}
    lower = tuple(sorted(a.lower() for a in wanted if a in present))
    if not lower:
        return []
    canon = {a.lower(): a for a in wanted}
    return [
        Edit(
            m.start(),
            m.end(),
            canon[m.group()],
            "mt.acronym",
            f"acronym {canon[m.group()]!r} in lower case; the document spells it in capitals",
        )
        for m in _word_pattern(lower).finditer(text)
    ]


def name_evidence(text: str) -> dict[str, str]:
    """Fused lowercase key -> the name as the document writes it (``chenrugui`` -> ``Chen Rugui``).

    Only two-word names whose first word is a known Chinese surname and whose
    second parses as one or two pinyin syllables; keys spelled two ways are dropped.
    """
    forms: dict[str, set[str]] = {}
    for m in CHINESE_NAME.finditer(text):
        s = m.start()
        if s and (text[s - 1].isalpha() or text[s - 1] in _WORD_EDGE):
            continue
        name = m.group()
        surname, given = name.split(" ")
        if surname.lower() not in SURNAMES or not GIVEN_NAME.fullmatch(given.lower()):
            continue
        key = (surname + given).lower()
        if len(key) >= 6:
            forms.setdefault(key, set()).add(name)
    return {k: v.pop() for k, v in forms.items() if len(v) == 1}


def _whole_word_at(text: str, pos: int, end: int) -> bool:
    if pos and (_is_word_char(text[pos - 1]) or text[pos - 1] in "@./#"):
        return False
    after = text[end : end + 2]
    return not (
        after[:1] and (_is_word_char(after[0]) or (after[0] in "./@" and after[1:].isalnum()))
    )


def fused_name_edits(text: str) -> list[Edit]:
    """``chenrugui`` -> ``Chen Rugui`` when the document writes ``Chen Rugui``.

    The letters must match exactly; no syllable boundary is ever guessed.
    """
    edits = []
    for key, name in name_evidence(text).items():
        pos = text.find(key)
        while pos >= 0:
            end = pos + len(key)
            if _whole_word_at(text, pos, end):
                edits.append(
                    Edit(
                        pos,
                        end,
                        name,
                        "mt.fused_name",
                        f"run-together name; the document writes it {name!r}",
                    )
                )
            pos = text.find(key, end)
    return edits


def final_stop_edits(text: str) -> list[Edit]:
    """Add the missing full stop at the end of a one-line prose paragraph.

    Guards: two or more sentences, at least 80 characters, a last sentence of four
    or more words ending in a lowercase letter or digit, not a list item or
    caption, and not in title case (a heading).
    """
    edits = []
    for ps, pe in paragraphs(text):
        if pe - ps < 80 or "\n" in text[ps:pe]:
            continue
        para = text[ps:pe]
        if not FINAL_LETTER.search(para) or LIST_OR_CAPTION.search(para):
            continue
        spans = sentences(text, ps, pe)
        if len(spans) < 2:
            continue
        last = text[spans[-1][0] : spans[-1][1]].split()
        if (
            any(c in para for c in "|©•»«")
            or len(last) < 4
            or sum(w[:1].isupper() for w in last) * 2 > len(last)
        ):
            continue
        edits.append(
            Edit(
                pe,
                pe,
                ".",
                "mt.final_stop",
                "prose paragraph of several sentences ends without a full stop",
            )
        )
    return edits


# --- glossary -----------------------------------------------------------------


def parse_glossary_line(line: str, where: str) -> tuple[str, str] | None:
    """``wrong<TAB>right`` (or ``wrong => right``) -> pair; blank and ``#`` lines -> None."""
    if not line.strip() or line.lstrip().startswith("#"):
        return None
    sep = "\t" if "\t" in line else "=>"
    if sep not in line:
        raise ConfigError(f"{where}: glossary line needs 'wrong<TAB>right', got {line!r}")
    wrong, right = (p.strip() for p in line.split(sep, 1))
    if not wrong or not right:
        raise ConfigError(f"{where}: glossary line has an empty side: {line!r}")
    return wrong, right


def load_glossary(path: str, entries: Iterable[str | Sequence[str]]) -> tuple[tuple[str, str], ...]:
    """Read glossary pairs from a TSV file and/or inline entries; check they are idempotent."""
    pairs: dict[str, str] = {}
    if path:
        p = Path(path)
        try:
            lines = p.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ConfigError(f"cannot read glossary {p}: {exc.strerror}") from exc
        for i, line in enumerate(lines, 1):
            pair = parse_glossary_line(line, f"{p}:{i}")
            if pair:
                pairs[pair[0]] = pair[1]
    for entry in entries:
        if isinstance(entry, str):
            pair = parse_glossary_line(entry, "glossary entry")
        elif len(entry) == 2:
            pair = (str(entry[0]).strip(), str(entry[1]).strip())
        else:
            raise ConfigError(f"glossary entry must be a (wrong, right) pair, got {entry!r}")
        if pair:
            pairs[pair[0]] = pair[1]
    for wrong, right in list(pairs.items()):
        if wrong[:1].islower() and right[:1].islower():
            pairs.setdefault(wrong[0].upper() + wrong[1:], right[0].upper() + right[1:])
    result = tuple(sorted(pairs.items()))
    if result:
        pat = literal_words("mt.glossary", pairs, "User glossary phrases.")
        for wrong, right in result:
            if pat.search(right):
                raise ConfigError(
                    f"glossary entry {wrong!r} -> {right!r}: the replacement contains a "
                    "phrase the glossary would replace again; remove or reword it"
                )
    return result


# --- the repair filter ----------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class MtRepair(TextFilter):
    """Repair machine-translation slips that have one correct form (see ``docs/mt.md``).

    ``languages``: run only on documents detected as one of these (empty: all).
    ``acronyms``: extra acronyms (``"ICT"``) repaired from lower case where the
    document also spells them in capitals. ``glossary`` (a TSV path) and
    ``glossary_entries`` (``"wrong<TAB>right"`` strings or pairs) give phrase
    replacements. ``final_stop`` switches on the opt-in missing-full-stop rule.

    >>> MtRepair(glossary_entries=("face washing boarding\\tface-scan boarding",))(
    ...     Document("realized face washing boarding.")
    ... )[0].text
    'realized face-scan boarding.'
    """

    name: ClassVar[str] = "mt"
    rules: ClassVar[dict[str, str]] = {
        "mt.glossary": "a phrase from the user's glossary replaced by its correction",
        "mt.apostrophe": "an opening quote, backtick or accent between letters made an apostrophe",
        "mt.cjk_punct": "full-width CJK punctuation between Latin-script words made ASCII",
        "mt.space_before_punct": "space before , . ; : ! ? removed",
        "mt.doubled_word": "a function word typed twice (the the) made single",
        "mt.acronym": "a lowercased acronym (5g, gdp) capitalised, with evidence",
        "mt.fused_name": "a run-together lowercase name split as the document spells it",
        "mt.final_stop": "missing full stop added to a prose paragraph (opt-in)",
    }

    languages: tuple[str, ...] = ("en",)
    acronyms: tuple[str, ...] = ()
    glossary: str = ""
    glossary_entries: tuple[str | tuple[str, str], ...] = ()
    final_stop: bool = False
    _pairs: tuple[tuple[str, str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_pairs", load_glossary(self.glossary, self.glossary_entries))

    def applies(self, doc: Document) -> bool:
        return bool(doc.text) and _english(doc, self.languages)

    def _glossary_edits(self, text: str) -> list[Edit]:
        mapping = dict(self._pairs)
        if not any(w in text for w in mapping):
            return []
        pat = _word_pattern(tuple(sorted(mapping)))
        return [
            Edit(
                m.start(),
                m.end(),
                mapping[m.group()],
                "mt.glossary",
                f"glossary: {m.group()!r} -> {mapping[m.group()]!r}",
            )
            for m in pat.finditer(text)
        ]

    def _steps(self) -> list[tuple[str, Callable[[str], list[Edit]]]]:
        steps: list[tuple[str, Callable[[str], list[Edit]]]] = []
        if self._pairs:
            steps.append(("mt.glossary", self._glossary_edits))
        steps += [
            ("mt.fused_name", fused_name_edits),
            ("mt.acronym", generation_edits),
            ("mt.acronym", lambda t: acronym_list_edits(t, ACRONYMS + self.acronyms)),
            ("mt.doubled_word", doubled_word_edits),
            ("mt.apostrophe", apostrophe_edits),
            ("mt.cjk_punct", cjk_punct_edits),
            ("mt.space_before_punct", space_before_punct_edits),
        ]
        if self.final_stop:
            steps.append(("mt.final_stop", final_stop_edits))
        return steps

    def propose(self, doc: Document) -> list[Edit]:
        """Edits of every enabled rule; where two overlap, the earlier rule wins."""
        text = doc.text
        edits: list[Edit] = []
        for rule, fn in self._steps():
            if self.enabled(rule):
                edits += fn(text)
        return non_overlapping(edits)


# --- flags ----------------------------------------------------------------------


def _token_spans(text: str, indices: Iterable[int]) -> dict[int, tuple[int, int]]:
    """Character spans of the whitespace-split tokens at ``indices``."""
    want = set(indices)
    if not want:
        return {}
    last = max(want)
    spans: dict[int, tuple[int, int]] = {}
    for i, m in enumerate(TOKEN.finditer(text)):
        if i in want:
            spans[i] = (m.start(), m.end())
        if i >= last:
            break
    return spans


def _true_runs(flags: list[bool], min_len: int) -> Iterable[tuple[int, int]]:
    """``(start, length)`` of runs of True at least ``min_len`` long."""
    i = 0
    n = len(flags)
    while True:
        try:
            i = flags.index(True, i)
        except ValueError:
            return
        j = i
        while j < n and flags[j]:
            j += 1
        if j - i >= min_len:
            yield i, j - i
        i = j


def repetition_flags(text: str) -> list[Flag]:
    """Doubled words outside the repair list, and n-grams (n <= 4) said three times in a row."""
    words = text.split()
    flags: list[Flag] = []
    found: list[tuple[int, int, str, str, float]] = []  # first token, last token, rule, reason
    covered: set[int] = set()
    for k in (4, 3, 2, 1):
        same = list(map(operator.eq, words, words[k:]))
        if True not in same:
            continue
        for i, length in _true_runs(same, k):
            gram = words[i : i + k]
            if not any(c.isalpha() for c in "".join(gram)) or i in covered:
                continue
            if k == 1 and gram[0].lower().strip(".,;:!?") in LEGIT_DOUBLES:
                continue
            if length >= 2 * k:
                reps = length // k + 1
                last = i + reps * k - 1
                found.append(
                    (
                        i,
                        last,
                        "mt_flags.oscillation",
                        f"{' '.join(gram)!r} repeated {reps} times",
                        0.8,
                    )
                )
                covered.update(range(i, last + 1))
            elif k == 1:
                w = gram[0]
                if not (w.isalpha() and w.islower()) or w in REPAIRABLE_DOUBLES:
                    continue
                found.append((i, i + 1, "mt_flags.repeated_word", f"{w!r} twice in a row", 0.6))
                covered.update((i, i + 1))
    if not found:
        return flags
    spans = _token_spans(text, [f[0] for f in found] + [f[1] for f in found])
    for first, last, rule, reason, score in found:
        flags.append(Flag(spans[first][0], spans[last][1], rule, reason, score))
    return flags


def repeated_phrase_flags(text: str) -> list[Flag]:
    """``industrial interconnection and industrial interconnection``: the same phrase on both
    sides of ``and``. Idioms (``more and more``, ``again and again``, ``bigger and
    bigger``) and capitalised single words (``Johnson and Johnson``) are left alone.
    """
    if " and " not in text:
        return []
    flags = []
    for m in AND_JOIN.finditer(text):
        s, e = m.start(), m.end()
        cut = text.rfind(" ", max(0, s - 40), s)
        prev = text[cut + 1 : s]
        if not prev.isalpha() or prev not in text[e : e + 120]:
            continue
        before = text[max(0, s - 120) : s]
        after = text[e : e + 120]
        for ch in '.,;:!?()"“”\n':
            before = before.rsplit(ch, 1)[-1]
            after = after.split(ch, 1)[0]
        bt = list(TOKEN.finditer(before))
        at = list(TOKEN.finditer(after))
        for k in (4, 3, 2, 1):
            if len(bt) < k or len(at) < k:
                continue
            x = [t.group() for t in bt[-k:]]
            if [w.lower() for w in x] != [t.group().lower() for t in at[:k]]:
                continue
            if not all(w.isalpha() for w in x):
                break
            if k == 1 and (
                x[0].lower() in AND_IDIOMS
                or x[0].endswith("er")
                or len(x[0]) < 4
                or x[0][:1].isupper()
            ):
                break
            start = s - len(before) + bt[-k].start()
            flags.append(
                Flag(
                    start,
                    e + at[k - 1].end(),
                    "mt_flags.repeated_phrase",
                    f"{' '.join(x)!r} on both sides of 'and'",
                    0.8 if k > 1 else 0.5,
                )
            )
            break
    return flags


def fused_sentence_flags(text: str) -> list[Flag]:
    """``digital economy, Make every effort``: a common word capitalised after a comma."""
    if ", " not in text:
        return []
    flags = []
    for m in FUSED_SENTENCE.finditer(text):
        s = m.start()
        if not s or not (text[s - 1].islower() or text[s - 1].isdigit()):
            continue
        if m.group(1).lower() not in SENTENCE_STARTERS:
            continue
        flags.append(
            Flag(
                s,
                m.end(),
                "mt_flags.fused_sentence",
                f"{m.group(1)!r} capitalised after a comma: probably two sentences fused",
                0.6,
            )
        )
    return flags


def _prefix_evidence(text: str, frag: str, line_start: int, line_end: int) -> bool:
    """Whether ``frag`` starts a longer word elsewhere and never stands alone elsewhere."""
    longer = False
    pos = text.find(frag)
    seen = 0
    while pos >= 0 and seen < 200:
        seen += 1
        end = pos + len(frag)
        outside = pos < line_start or pos >= line_end
        if outside and (pos == 0 or not text[pos - 1].isalpha()):
            if end < len(text) and text[end].isalpha():
                longer = True
            elif end == len(text) or not _is_word_char(text[end]):
                return False
        pos = text.find(frag, end)
    return longer


def truncation_flags(text: str) -> list[Flag]:
    """Title-like lines cut mid-word (``join hands with Hu``) and ellipsis cuts (``qua…``).

    A short line (3 to 15 words, no closing punctuation) is flagged when its last
    word starts a longer word elsewhere in the document and never stands alone.
    """
    flags = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if len(line) > 150 or not line[-1:].isalpha():
            continue
        words = line.split()
        if not 3 <= len(words) <= 15 or not words[-1].isalpha():
            continue
        frag = words[-1]
        end = start + len(line)
        if _prefix_evidence(text, frag, start, end):
            flags.append(
                Flag(
                    end - len(frag),
                    end,
                    "mt_flags.truncated",
                    f"line ends in {frag!r}, the start of a longer word used elsewhere",
                    0.7,
                )
            )
    if "…" in text or "..." in text:
        for m in ELLIPSIS_CUT.finditer(text):
            ws, _ = _word_around(text, m.start(), m.start())
            flags.append(
                Flag(ws, m.end(), "mt_flags.truncated", "text cut off with an ellipsis", 0.6)
            )
    return flags


def cjk_residue_flags(text: str) -> list[Flag]:
    """Han, kana or hangul characters inside a line that is mostly Latin script."""
    if text.isascii():
        return []
    flags = []
    line_cache: dict[int, bool] = {}
    for m in CJK_RUN.finditer(text):
        s, e = m.start(), m.end()
        ls = text.rfind("\n", 0, s) + 1
        if ls not in line_cache:
            le = text.find("\n", e)
            line = text[ls : le if le >= 0 else len(text)]
            ascii_len = len(line.encode("ascii", "ignore"))
            line_cache[ls] = ascii_len >= 3 * (len(line) - ascii_len) and ascii_len >= 8
        if line_cache[ls]:
            inside = text[s - 1 : s] in "(（" and text[e : e + 1] in ")）"
            flags.append(
                Flag(
                    s,
                    e,
                    "mt_flags.cjk_residue",
                    f"source-script characters {m.group()!r} inside Latin-script text",
                    0.4 if inside else 0.7,
                )
            )
        if len(flags) >= 100:
            break
    return flags


def _looks_like_fused_name(word: str) -> bool:
    if len(word) < 6 or not word.isalpha() or not word.islower():
        return False
    if not FUSED_NAME.fullmatch(word):
        return False
    return any(
        word[:k] in SURNAMES and GIVEN_NAME.fullmatch(word[k:]) for k in range(2, min(9, len(word)))
    )


def unverified_name_flags(text: str) -> list[Flag]:
    """A run-together lowercase token that parses as a Chinese name, in a name slot
    (``chenrugui said``, ``chenrugui, mayor``), with no evidence to split it."""
    flags: list[Flag] = []
    evidence: dict[str, str] | None = None
    for m in NAME_CONTEXT.finditer(text):
        s = m.start()
        ws = s
        while ws > 0 and text[ws - 1].isalpha():
            ws -= 1
        if ws and _is_word_char(text[ws - 1]):
            continue
        word = text[ws:s]
        if word in ENGLISH_NAME_SLOT or not _looks_like_fused_name(word):
            continue
        if evidence is None:
            evidence = name_evidence(text)
        if word in evidence:
            reason = f"{word!r} is a run-together name; the document spells it {evidence[word]!r}"
        else:
            reason = f"{word!r} looks like a run-together name; the document never spells it out"
        flags.append(Flag(ws, s, "mt_flags.unverified_name", reason, 0.5))
    return flags


#: Lowercase words that parse as pinyin and often stand before ``said``.
ENGLISH_NAME_SLOT = frozenset("manager changer banner longer hunger".split())


@dataclass(frozen=True, kw_only=True)
class MtFlags(TextFilter):
    """Flag machine-translation artefacts that need a human; never edits (see ``docs/mt.md``).

    >>> flags = MtFlags().flag(Document("It grew, Make every effort to build industrial "
    ...     "interconnection and industrial interconnection"))
    >>> sorted(f.rule for f in flags)
    ['mt_flags.fused_sentence', 'mt_flags.repeated_phrase']
    """

    name: ClassVar[str] = "mt_flags"
    rules: ClassVar[dict[str, str]] = {
        "mt_flags.repeated_phrase": "the same phrase on both sides of 'and' (X and X)",
        "mt_flags.repeated_word": "a word twice in a row that is not a safe repair",
        "mt_flags.oscillation": "the same n-gram three or more times in a row",
        "mt_flags.fused_sentence": "a common word capitalised after a comma: fused sentences",
        "mt_flags.truncated": "a title or line cut mid-word, or cut with an ellipsis",
        "mt_flags.cjk_residue": "CJK characters left inside Latin-script text",
        "mt_flags.unverified_name": "a run-together lowercase name with no spelled-out form",
    }

    languages: tuple[str, ...] = ("en",)

    def applies(self, doc: Document) -> bool:
        return bool(doc.text) and _english(doc, self.languages)

    def flag(self, doc: Document) -> list[Flag]:
        """Flags of every enabled rule, in text order."""
        if not self.applies(doc):
            return []
        text = doc.text
        out: list[Flag] = []
        checks: list[tuple[tuple[str, ...], Callable[[str], list[Flag]]]] = [
            (("mt_flags.repeated_word", "mt_flags.oscillation"), repetition_flags),
            (("mt_flags.repeated_phrase",), repeated_phrase_flags),
            (("mt_flags.fused_sentence",), fused_sentence_flags),
            (("mt_flags.truncated",), truncation_flags),
            (("mt_flags.cjk_residue",), cjk_residue_flags),
            (("mt_flags.unverified_name",), unverified_name_flags),
        ]
        for rules, fn in checks:
            if any(self.enabled(r) for r in rules):
                out += fn(text)
        return sorted(out, key=lambda f: (f.start, f.end, f.rule))
