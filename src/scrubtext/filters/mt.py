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
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate, compress, count, islice
from pathlib import Path
from typing import ClassVar, TypeVar

from .. import lang
from ..document import Document, Edit, Flag, Step
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
    APOSTROPHE_BETWEEN,
    CJK_PUNCT,
    CJK_RUN,
    CLOSING_QUOTE,
    DIGIT_G,
    DIGIT_G_UPPER,
    FINAL_LETTER,
    FUSED_NAME,
    GIVEN_NAME,
    GLUED_COMMA,
    LIST_OR_CAPTION,
    NEXT_WORD,
    QUOTE_APOSTROPHE,
    TITLE_LINE,
    literal_words,
)
from ..segment import paragraphs, sentences
from ..spans import apply_edits
from ._util import code_spans, non_overlapping, outside
from .coherence import zipf_table

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
_CLITICS = frozenset("s t re ve ll d m".split())
#: Words after which a spaced mark is a symbol being named, not punctuation.
_NAMES_A_MARK = frozenset("the a an type press enter hit key".split())
_HAWAIIAN = frozenset("aeiouāēīōūhklmnpw" + _QUOTE_MARKS)
_WORD_EDGE = "'’-_"
#: Characters that may stand just before a mark such as ``,`` in Latin text.
_LATIN_CLOSE = "\"'’”)]%"


def _english(doc: Document, languages: Sequence[str]) -> bool:
    """Whether the document's language is one of ``languages`` (or unknown, or no filter)."""
    code = doc.meta.get("language")
    return not languages or not code or code in languages


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


_TRAILING_PUNCT = ".,;:!?)]\"'”’"
_IDIOM_WORDS = LEGIT_DOUBLES | AND_IDIOMS | {"and", "or"}
_SURNAME_CAPS = frozenset(s.capitalize() for s in SURNAMES)
#: UTF-8 lead bytes of U+3000-U+DFFF: CJK punctuation, kana, Han, hangul.
_CJK_LEADS = tuple(bytes([b]) for b in range(0xE3, 0xEE))


def _maybe_cjk(text: str) -> bool:
    """Cheap test: could ``text`` hold CJK characters? (memchr on the UTF-8 bytes)."""
    if text.isascii():
        return False
    data = text.encode("utf-8", "surrogatepass")
    return any(b in data for b in _CJK_LEADS)


#: Longer texts are processed in pieces of about this many characters, cut at a
#: blank line (else a line break, else a space), so memory stays bounded. Evidence
#: (names, acronyms, apostrophe style) is then gathered per piece.
CHUNK_CHARS = 1_000_000

_Span = TypeVar("_Span", Edit, Flag)


def _chunk_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of ``text`` of at most :data:`CHUNK_CHARS` characters."""
    n = len(text)
    spans = []
    start = 0
    while start < n:
        end = min(n, start + CHUNK_CHARS)
        if end < n:
            floor = start + CHUNK_CHARS // 2
            for sep in ("\n\n", "\n", " "):
                cut = text.rfind(sep, floor, end)
                if cut >= 0:
                    end = cut + len(sep)
                    break
        spans.append((start, end))
        start = end
    return spans


def _by_chunk(fns: Sequence[Callable[[str], list[_Span]]], text: str) -> list[_Span]:
    """Every ``fn(text)`` in order; on long texts piece by piece (every function on one
    piece before the next, so the cached token scan serves them all), with the spans
    shifted back."""
    if len(text) <= CHUNK_CHARS:
        return [x for fn in fns for x in fn(text)]
    out: list[_Span] = []
    for start, end in _chunk_spans(text):
        piece = text[start:end]
        for fn in fns:
            out += [replace(x, start=x.start + start, end=x.end + start) for x in fn(piece)]
    return out


def _outside_code(text: str, edits: list[Edit]) -> list[Edit]:
    """``edits`` without those inside Markdown code (backticks, fenced blocks)."""
    return outside(code_spans(text), edits) if edits else edits


@lru_cache(maxsize=2)
def _analysis(text: str) -> tuple[list[str], tuple[int, ...]]:
    """Whitespace tokens of ``text`` and the indices ``i`` where token ``i + 1`` repeats it.

    Cached (two entries) so ``mt`` and ``mt_flags`` split an unchanged document once;
    callers must not modify the list.
    """
    words = text.split()
    doubled = tuple(compress(count(), map(operator.eq, words, islice(words, 1, None))))
    return words, doubled


@lru_cache(maxsize=2)
def _triggers(text: str) -> dict[str, list[int]]:
    """Indices of tokens that start a check, by kind: ``surname`` (capitalised Chinese
    surname: name evidence), ``mark`` (a lone ``, . ; : ! ?``: space before it),
    ``acronym``, ``and`` (repeated phrases), ``slot`` (words after a name), ``The``
    (``The the``) and ``starter`` (a capitalised common word: fused sentences). One
    pass over the tokens, shared by ``mt`` and ``mt_flags``.
    """
    words, _ = _analysis(text)
    kinds: dict[str, list[int]] = {}
    for i in compress(count(), map(_TRIGGER_KINDS.__contains__, words)):
        for kind in _TRIGGER_KINDS[words[i]]:
            kinds.setdefault(kind, []).append(i)
    return kinds


def _token_spans(
    text: str, words: Sequence[str], runs: Sequence[tuple[int, int]]
) -> list[tuple[int, int] | None]:
    """Character spans of token runs ``(first index, last index)`` (sorted by first index).

    ``words`` is ``text.split()``. The search starts at a lower bound (the lengths of
    the tokens before, plus one separator each) and a candidate is accepted only if
    exactly the right number of tokens lies between it and the previous anchor, so a
    span is never put on another copy of the same word.
    """
    if not runs:
        return []
    lengths = list(accumulate(map(len, words)))
    out: list[tuple[int, int] | None] = []
    anchor, anchor_index = 0, 0  # text[anchor:] starts at (or before) token anchor_index
    for first, last in runs:
        if first < anchor_index:
            out.append(None)
            continue
        token = words[first]
        pos = text.find(token, max(anchor, (lengths[first - 1] if first else 0) + first))
        while pos >= 0 and not (
            (not pos or text[pos - 1].isspace())
            and len(text[anchor:pos].split()) == first - anchor_index
        ):
            pos = text.find(token, pos + 1)
        if pos < 0:
            out.append(None)
            continue
        end = pos
        for w in words[first : last + 1]:
            end = text.find(w, end) + len(w)
        out.append((pos, end))
        anchor, anchor_index = pos, first
    return out


def _extend_copies(text: str, end: int, word: str) -> int:
    """Move ``end`` over further copies of `` word`` that stand as whole words."""
    step = len(word) + 1
    n = len(text)
    while text.startswith(" " + word, end) and not (
        end + step < n and _is_word_char(text[end + step])
    ):
        end += step
    return end


# --- repairs ------------------------------------------------------------------


def apostrophe_edits(text: str) -> list[Edit]:
    """``Yu‘nan`` -> ``Yu’nan``, in the document's own apostrophe style.

    Guards: an okina in a Hawaiian word (``Hawai‘i``) stays, and so does a ``‘``
    that opens a quotation closed later on the same line (``the‘smart city’``),
    unless what follows it is an English clitic (``it‘s``, ``don‘t``, ``we‘ve``).
    """
    found = []
    for quote in _QUOTE_MARKS:
        pos = text.find(quote)
        while pos >= 0:
            m = QUOTE_APOSTROPHE.search(text, pos, pos + 2)
            if m and m.start() == pos:
                found.append(m)
            pos = text.find(quote, pos + 1)
    if not found:
        return []
    found.sort(key=lambda m: m.start())
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
        clitic = text[s + 1 : we].lower() in _CLITICS  # it‘s, don‘t, we‘ve: always apostrophes
        line_end = text.find("\n", we)
        stop = min(we + 80, len(text) if line_end < 0 else line_end)
        if not clitic and CLOSING_QUOTE.search(text, we, stop):
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

    Guard: no Han, kana or hangul on the same line, so Chinese text (and a line
    mixing both scripts) keeps its own punctuation.
    """
    if text.isascii() or not any(c in text for c in _CJK_MARKS):
        return []
    edits: list[Edit] = []
    n = len(text)
    cjk_lines: dict[int, bool] = {}  # line start -> the line holds Han, kana or hangul
    for m in CJK_PUNCT.finditer(text):
        s, e = m.start(), m.end()
        mark = m.group()
        while s and text[s - 1] in " \t":
            s -= 1
        while e < n and text[e] in " \t":
            e += 1
        left = text[s - 1] if s else "\n"
        right = text[e] if e < n else "\n"
        if right in _CJK_MARKS:  # the next mark takes the spaces between
            e = m.end()
        line_start = text.rfind("\n", 0, s) + 1
        if line_start not in cjk_lines:
            line_end = text.find("\n", e)
            cjk_lines[line_start] = bool(
                CJK_RUN.search(text, line_start, n if line_end < 0 else line_end)
            )
        if cjk_lines[line_start]:
            continue
        new = _cjk_replacement(mark, left, right)
        if new is not None and text[s:e] != new and (not edits or edits[-1].end <= s):
            edits.append(
                Edit(s, e, new, "mt.cjk_punct", f"full-width {mark!r} between Latin-script words")
            )
    return edits


def _cjk_replacement(mark: str, left: str, right: str) -> str | None:
    """ASCII for ``mark`` between ``left`` and ``right`` (spaces included), or None to keep it."""
    if mark == "（":
        if not _latin(right):
            return None
        return "(" if left in "\n\t (，。：；！？、" else " ("
    if mark == "）":
        if not (_latin(left) or left == "."):
            return None
        return ") " if _latin(right) else ")"
    if not (_latin(left) or left in _LATIN_CLOSE or left == "）"):
        return None
    ascii_mark = _CJK_ASCII[mark]
    if left.isdigit() and right.isdigit():
        return ":" if mark == "：" else None
    if _latin(right) or right in "\"'“‘(（":
        return ascii_mark + " "
    if right == "\n" and mark in "。！？：":
        return ascii_mark
    return None


def space_before_punct_edits(text: str) -> list[Edit]:
    """``Shenzhen , China`` -> ``Shenzhen, China``; ``a ,b`` -> ``a, b``.

    Guards: only after a letter, digit, closing quote or bracket, on the same line,
    and only where the mark stands alone (a space or the end follows) or is a comma
    glued to the next word; a spaced ellipsis (``. . .``), scores or times
    (``3 : 1``), a mark named after ``the``, ``a`` or ``type`` (``the ! operator``)
    and lines that look like code (braces, ``=``) stay. Spaces inside
    brackets are the ``whitespace`` filter's job.
    """
    words, _ = _analysis(text)
    hits = [(i, i) for i in _triggers(text).get("mark", ()) if i]
    marks = [span[0] for span in _token_spans(text, words, hits) if span]
    if " ," in text:
        marks += [m.start() + 1 for m in GLUED_COMMA.finditer(text)]
    edits: list[Edit] = []
    for e in sorted(set(marks)):
        s = e
        while s and text[s - 1] in " \t":
            s -= 1
        if s == e or not s:
            continue
        prev, mark, after = text[s - 1], text[e], text[e + 1 : e + 3]
        if not (prev.isalnum() or prev in _LATIN_CLOSE) or after[:2] == " .":
            continue
        if mark in ":." and prev.isdigit() and after[1:2].isdigit():
            continue
        if _code_line(text, s):
            continue
        before = text[_word_around(text, s - 1, s)[0] : s]
        if before != "A" and before.lower() in _NAMES_A_MARK:
            continue  # the mark is spoken of: 'the ! operator', 'type ? for help' ('Path A :' is not)
        if mark == "," and after[:1].isalpha():
            edits.append(
                Edit(s, e + 1, ", ", "mt.space_before_punct", "space before a comma, not after")
            )
        else:
            edits.append(Edit(s, e, "", "mt.space_before_punct", f"space before {mark!r}"))
    return edits


def _code_line(text: str, pos: int) -> bool:
    """Whether the line around ``pos`` looks like code (braces or ``=``), where spacing
    before ``;`` or ``,`` is the author's and not debris."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)]
    return any(c in line for c in "{}=")


def doubled_word_edits(text: str) -> list[Edit]:
    """``the the`` -> ``the`` for a closed list of function words.

    A capitalised first copy (``The the``) is repaired only at a sentence start;
    ``The The`` (a name) stays.
    """
    words, doubled = _analysis(text)
    found: list[tuple[int, int, str]] = []
    # ``The the the`` first: it covers the lowercase copies after it.
    caps = [(i, i + 1) for i in _triggers(text).get("The", ()) if words[i + 1 : i + 2] == ["the"]]
    for (first, _), span in zip(caps, _token_spans(text, words, caps), strict=True):
        if span and text[span[0] : span[1]] == "The the" and _sentence_start(text, span[0]):
            found.append((span[0], _extend_copies(text, span[1], "the"), words[first]))
    pairs = [i for i in doubled if words[i] in REPAIRABLE_DOUBLES]
    tokens = sorted({j for i in pairs for j in (i, i + 1)})
    where = dict(zip(tokens, _token_spans(text, words, [(j, j) for j in tokens]), strict=True))
    spaced = []  # pairs whose copies are separated by exactly one space
    for i in pairs:
        a, b = where[i], where[i + 1]
        if a and b and text[a[1] : b[0]] == " ":
            spaced.append(i)
    for first, length in _index_runs(spaced):
        head, tail = where[first], where[first + length]
        if head and tail:
            found.append((head[0], tail[1], words[first]))
    edits = []
    for start, end, w in found:
        if start + len(w) < end and (end == len(text) or not _is_word_char(text[end])):
            edits.append(
                Edit(start + len(w), end, "", "mt.doubled_word", f"{w.lower()!r} typed twice")
            )
    return non_overlapping(edits)


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


def acronym_list_edits(text: str, extra: Sequence[str] = ()) -> list[Edit]:
    """``gdp`` -> ``GDP`` for listed acronyms, only where the document also spells ``GDP``.

    The built-in list is found through the shared token scan; ``extra`` (the user's
    additions) by substring tests.
    """
    acronyms = list(extra)
    if "acronym" in _triggers(text):
        acronyms += ACRONYMS
    wanted = tuple(
        sorted(a for a in acronyms if a in text and a != a.lower() and a.lower() in text)
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
    second parses as one or two pinyin syllables; keys spelled two ways, and keys
    that are words in their own right (``shenzhen``, in the frequency table), are
    dropped.
    """
    words, _ = _analysis(text)
    forms: dict[str, set[str]] = {}
    for i in _triggers(text).get("surname", ()):
        if i + 1 >= len(words):
            continue
        given = words[i + 1].rstrip(_TRAILING_PUNCT)
        if not (2 <= len(given) <= 12 and given.isalpha() and given[0].isupper()):
            continue
        if not given[1:].islower() or not GIVEN_NAME.fullmatch(given.lower()):
            continue
        key = (words[i] + given).lower()
        if len(key) >= 6:
            forms.setdefault(key, set()).add(f"{words[i]} {given}")
    return {k: v.pop() for k, v in forms.items() if len(v) == 1 and k not in zipf_table()}


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

    Guards: at least 80 characters; two or more sentences, every one but the last
    closed by ``. ! ?``; a last sentence of four or more words, not in title case
    (a heading), ending in an English word that is not a function word (not a
    hashtag, handle, address or fragment); the next paragraph does not begin in
    lower case (a sentence broken by a blank line); not a list item or caption; no
    separators such as ``|``.
    """
    edits = []
    for ps, pe in paragraphs(text):
        if pe - ps < 80 or "\n" in text[ps:pe]:
            continue
        para = text[ps:pe]
        if not FINAL_LETTER.search(para) or LIST_OR_CAPTION.search(para):
            continue
        spans = sentences(text, ps, pe)
        if len(spans) < 2 or any(c in para for c in "|©•»«#@"):
            continue
        if not all(text[s:e].rstrip("\"'”’)]")[-1:] in ".!?" for s, e in spans[:-1]):
            continue
        last = text[spans[-1][0] : spans[-1][1]].split()
        if len(last) < 4 or sum(w[:1].isupper() for w in last) * 2 > len(last):
            continue
        final = last[-1].lower()
        if final not in zipf_table() or final in lang.stopwords("en"):
            continue
        if text[pe:].lstrip()[:1].islower():  # the sentence goes on after a blank line
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
            ("mt.acronym", lambda t: acronym_list_edits(t, self.acronyms)),
            ("mt.doubled_word", doubled_word_edits),
            ("mt.apostrophe", apostrophe_edits),
        ]
        return steps

    def propose(self, doc: Document) -> list[Edit]:
        """Edits of every enabled rule but the spacing ones (see :meth:`__call__`); where
        two overlap, the earlier rule wins."""
        fns = [fn for rule, fn in self._steps() if self.enabled(rule)]
        return non_overlapping(_outside_code(doc.text, _by_chunk(fns, doc.text)))

    def __call__(self, doc: Document) -> tuple[Document, tuple[Step, ...]]:
        """Up to four steps: full-width punctuation, then spacing debris (both change
        where words begin and end), then the other rules, then the opt-in full stop
        (which depends on the sentences the others leave)."""
        if not self.applies(doc):
            return super().__call__(doc)
        early: list[Step] = []
        for rule, fn in (
            ("mt.cjk_punct", cjk_punct_edits),
            ("mt.space_before_punct", space_before_punct_edits),
        ):
            edits = _outside_code(doc.text, _by_chunk([fn], doc.text)) if self.enabled(rule) else []
            if edits:
                early.append(Step(self.name, tuple(edits)))
                doc = doc.with_text(apply_edits(doc.text, edits))
        out, steps = super().__call__(doc)
        late: list[Step] = []
        if self.final_stop and self.enabled("mt.final_stop"):
            edits = _outside_code(out.text, _by_chunk([final_stop_edits], out.text))
            if edits:
                late.append(Step(self.name, tuple(edits)))
                out = out.with_text(apply_edits(out.text, edits))
        return out, (*early, *steps, *late)


# --- flags ----------------------------------------------------------------------


def repetition_flags(text: str) -> list[Flag]:
    """Doubled words outside the repair list, and n-grams (n <= 4) said three times in a row."""
    words, doubled = _analysis(text)
    found: list[tuple[int, int, str, str, float]] = []
    covered: set[int] = set()
    runs = [(i, _with_final_mark(words, i, n, 1), 1) for i, n in _index_runs(doubled)]
    runs += _periodic_runs(words)
    for i, length, k in runs:
        gram = words[i : i + k]
        if (
            i in covered
            or (i + length - 1) in covered
            or not any(c.isalpha() for c in "".join(gram))
        ):
            continue
        plain = [w.lower().rstrip(_TRAILING_PUNCT) for w in gram]
        if length >= 2 * k:
            if all(w in _IDIOM_WORDS for w in plain):
                continue  # bye bye bye, and on and on and on, again and again and again
            reps = length // k + 1
            last = i + reps * k - 1
            found.append(
                (i, last, "mt_flags.oscillation", f"{' '.join(gram)!r} repeated {reps} times", 0.8)
            )
            covered.update(range(i, last + 1))
        elif k == 1 and plain[0] not in LEGIT_DOUBLES:
            w = gram[0]
            if w.isalpha() and w.islower() and w not in REPAIRABLE_DOUBLES:
                found.append((i, i + 1, "mt_flags.repeated_word", f"{w!r} twice in a row", 0.6))
                covered.update((i, i + 1))
    found.sort()
    spans = _token_spans(text, words, [(f[0], f[1]) for f in found])
    return [
        Flag(span[0], span[1], rule, reason, score)
        for (_, _, rule, reason, score), span in zip(found, spans, strict=True)
        if span
    ]


def _with_final_mark(words: Sequence[str], i: int, length: int, k: int) -> int:
    """Extend a run of equal pairs by one when the next pair differs only by final punctuation."""
    j = i + length
    if (
        j + k < len(words)
        and words[j + k] != words[j]
        and words[j + k].rstrip(_TRAILING_PUNCT) == words[j]
    ):
        return length + 1
    return length


def _periodic_runs(words: Sequence[str]) -> list[tuple[int, int, int]]:
    """Runs ``(first, length, period)`` of ``words[i] == words[i + period]`` at least
    ``2 * period`` long, for periods 2 to 4: an n-gram said three times in a row.

    Such a run holds at least two multiples of the period, so comparing only every
    period-th token with the next sampled one finds it; candidates are then widened
    on the full list. That is about one comparison per token for all three periods.
    """
    runs: list[tuple[int, int, int]] = []
    n = len(words)
    for d in (2, 3, 4):
        sample = words[::d]
        hits = list(compress(count(), map(operator.eq, sample, islice(sample, 1, None))))
        for j, length in _index_runs(hits):
            if length < 2:
                continue
            start = j * d
            while start and words[start - 1] == words[start - 1 + d]:
                start -= 1
            end = start
            while end + d < n and words[end] == words[end + d]:
                end += 1
            full = _with_final_mark(words, start, end - start, d)
            if full >= 2 * d and (not runs or runs[-1][2] != d or runs[-1][0] != start):
                runs.append((start, full, d))
    return runs


def _index_runs(hits: Sequence[int]) -> list[tuple[int, int]]:
    """Runs of consecutive integers in sorted ``hits``: ``(first, length)``."""
    runs: list[tuple[int, int]] = []
    for i in hits:
        if runs and runs[-1][0] + runs[-1][1] == i:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((i, 1))
    return runs


def repeated_phrase_flags(text: str) -> list[Flag]:
    """``industrial interconnection and industrial interconnection``: the same phrase (one to
    four words) on both sides of ``and``. Idioms (``more and more``, ``again and
    again``, ``bigger and bigger``) and capitalised single words (``Johnson and
    Johnson``) are left alone.
    """
    if " and " not in text:
        return []
    words, _ = _analysis(text)
    found: list[tuple[int, int, str, float]] = []
    for i in _triggers(text).get("and", ()):
        if not i or words[i - 1] not in " ".join(words[i + 1 : i + 5]):
            continue
        for k in (4, 3, 2, 1):
            x = words[i - k : i] if i >= k else []
            y = words[i + 1 : i + 1 + k]
            if len(x) < k or len(y) < k:
                continue
            y[-1] = y[-1].rstrip(_TRAILING_PUNCT)
            if x != y or not all(w.isalpha() for w in x):
                continue
            w = x[0]
            if k == 1 and (
                w.lower() in AND_IDIOMS or w.endswith(("er", "s")) or len(w) < 4 or w[0].isupper()
            ):
                break
            found.append((i - k, i + k, " ".join(x), 0.8 if k > 1 else 0.5))
            break
    spans = _token_spans(text, words, [(f[0], f[1]) for f in found])
    return [
        Flag(
            span[0],
            span[1] - len(words[last]) + len(words[last].rstrip(_TRAILING_PUNCT)),
            "mt_flags.repeated_phrase",
            f"{phrase!r} on both sides of 'and'",
            score,
        )
        for (_, last, phrase, score), span in zip(found, spans, strict=True)
        if span
    ]


def fused_sentence_flags(text: str) -> list[Flag]:
    """``digital economy, Make every effort``: a common word capitalised after a comma.

    The comma follows a lowercase letter or digit, one space separates it from the
    capitalised word, and a lowercase word follows.
    """
    words, _ = _analysis(text)
    found = [
        (i - 1, i)
        for i in _triggers(text).get("starter", ())
        if i
        and i + 1 < len(words)
        and words[i - 1][-1:] == ","
        and (words[i - 1][-2:-1].islower() or words[i - 1][-2:-1].isdigit())
        and words[i + 1][:1].islower()
    ]
    flags = []
    for (i, j), span in zip(found, _token_spans(text, words, found), strict=True):
        if not span:
            continue
        comma = span[0] + len(words[i]) - 1
        if text[comma + 1 : comma + 2] == " " and text.startswith(words[j], comma + 2):
            flags.append(
                Flag(
                    comma,
                    span[1],
                    "mt_flags.fused_sentence",
                    f"{words[j]!r} capitalised after a comma: probably two sentences fused",
                    0.6,
                )
            )
    return flags


def _prefix_evidence(text: str, frag: str, line_start: int, line_end: int) -> bool:
    """Whether ``frag`` starts a longer word at least twice elsewhere and never stands alone."""
    longer = 0
    pos = text.find(frag)
    seen = 0
    while pos >= 0 and seen < 200:
        seen += 1
        end = pos + len(frag)
        outside = pos < line_start or pos >= line_end
        if outside and (pos == 0 or not text[pos - 1].isalpha()):
            if end < len(text) and text[end].isalpha():
                longer += 1
            elif end == len(text) or not _is_word_char(text[end]):
                return False
        pos = text.find(frag, end)
    return longer >= 2


def _ellipsis_cut_score(text: str, start: int, end: int) -> float:
    """0.6 before a number (a list of cut headlines); 0.4 at the end of a short line
    when the word before is not a common English word (``qua…``, not ``Loading...``)."""
    rest = text[end : end + 3].lstrip(" \t")
    if rest[:1].isdigit() and text[end : end + 1] in " \t":
        return 0.6
    if rest[:1] not in ("", "\n"):
        return 0.0
    ws, _ = _word_around(text, start, start)
    if zipf_table().get(text[ws:start].lower(), 0.0) >= RARE_WORD_ZIPF:
        return 0.0
    line_start = text.rfind("\n", 0, start) + 1
    return 0.4 if len(text[line_start:start].split()) <= 14 else 0.0


def truncation_flags(text: str) -> list[Flag]:
    """Title-like lines cut mid-word (``join hands with Hu``) and ellipsis cuts (``qua…``).

    A title position (first line, or a line after a blank line) of 2 to 15 words that
    ends in a letter is flagged when its last word is 2 to 4 letters, is rare as an
    English word, starts a longer word at least twice elsewhere and never stands
    alone there. An ellipsis glued to a word is flagged before a number (a list of
    cut headlines) or at the end of a short line.
    """
    flags = []
    first_end = text.find("\n")
    if first_end < 0:
        first_end = len(text)
    lines = [(0, first_end)] if 3 <= first_end <= 150 and text[first_end - 1].isalpha() else []
    lines += [(m.start(), m.end()) for m in TITLE_LINE.finditer(text)]
    for start, end in lines:
        words = text[start:end].split()
        frag = words[-1]
        if not (2 <= len(words) <= 15 and 2 <= len(frag) <= 4 and frag.isalpha()):
            continue
        if zipf_table().get(frag.lower(), 0.0) >= RARE_FRAGMENT_ZIPF:
            continue
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
    for mark in ("…", "..."):
        pos = text.find(mark)
        while pos >= 0:
            end = pos + len(mark)
            if pos and text[pos - 1].isalpha() and text[end : end + 1] != ".":
                score = _ellipsis_cut_score(text, pos, end)
                if score:
                    ws, _ = _word_around(text, pos, pos)
                    flags.append(
                        Flag(ws, end, "mt_flags.truncated", "text cut off with an ellipsis", score)
                    )
            pos = text.find(mark, end)
    return sorted(flags, key=lambda f: f.start)


def cjk_residue_flags(text: str) -> list[Flag]:
    """Han, kana or hangul characters inside a line that is mostly Latin script.

    A run in brackets right after a word (``Hwajeontae Dance (花前態舞)``) is a gloss
    the writer chose and is not flagged.
    """
    if not _maybe_cjk(text):
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
        glossed = text[s - 1 : s] in "(（" and text[e : e + 1] in ")）"
        if line_cache[ls] and not glossed:
            flags.append(
                Flag(
                    s,
                    e,
                    "mt_flags.cjk_residue",
                    f"source-script characters {m.group()!r} inside Latin-script text",
                    0.7,
                )
            )
        if len(flags) >= 100:
            break
    return flags


def _looks_like_fused_name(word: str) -> bool:
    if len(word) < 6 or not word.isalpha() or not word.islower() or word in zipf_table():
        return False
    if not FUSED_NAME.fullmatch(word):
        return False
    return any(
        word[:k] in SURNAMES and GIVEN_NAME.fullmatch(word[k:]) for k in range(2, min(9, len(word)))
    )


def unverified_name_flags(text: str) -> list[Flag]:
    """A run-together lowercase token that parses as a Chinese name, in a name slot
    (``chenrugui said``, ``chenrugui, mayor``), with no evidence to split it."""
    words, _ = _analysis(text)
    found: list[tuple[int, str]] = []
    evidence: dict[str, str] | None = None
    for i in _triggers(text).get("slot", ()):
        if not i:
            continue
        word = words[i - 1]
        if word.endswith(","):
            word = word[:-1]
        elif words[i] not in NAME_SLOT_VERBS:
            continue
        if not _looks_like_fused_name(word):
            continue
        if evidence is None:
            evidence = name_evidence(text)
        if word in evidence:
            reason = f"{word!r} is a run-together name; the document spells it {evidence[word]!r}"
        else:
            reason = f"{word!r} looks like a run-together name; the document never spells it out"
        found.append((i - 1, reason))
    spans = _token_spans(text, words, [(i, i) for i, _ in found])
    return [
        Flag(span[0], span[0] + len(words[i].rstrip(",")), "mt_flags.unverified_name", reason, 0.5)
        for (i, reason), span in zip(found, spans, strict=True)
        if span
    ]


#: Words at least this common in English (Zipf scale) are not cut-off fragments.
RARE_WORD_ZIPF = 4.0
#: A title's last word of two to four letters below this is a possible cut (``Hu``).
RARE_FRAGMENT_ZIPF = 4.5
#: Verbs that follow a speaker's name.
NAME_SLOT_VERBS = frozenset("said says told added noted stressed pointed explained".split())
#: Words after a name: the verbs, and titles that follow a comma (``chenrugui, mayor``).
NAME_SLOT_NEXT = NAME_SLOT_VERBS | frozenset(
    """mayor president director chairman chairwoman secretary minister governor deputy
    vice professor chief head founder spokesman spokeswoman spokesperson""".split()
)
_LONE_MARKS = frozenset(",.;:!?")
_ACRONYM_TOKENS = frozenset(a.lower() + p for a in ACRONYMS for p in ("", ",", ".", ";", ":", ")"))
_TRIGGER_KINDS: dict[str, tuple[str, ...]] = {}
for _kind, _words in (
    ("slot", NAME_SLOT_NEXT),
    ("surname", _SURNAME_CAPS),
    ("mark", _LONE_MARKS),
    ("acronym", _ACRONYM_TOKENS),
    ("starter", frozenset(w.capitalize() for w in SENTENCE_STARTERS)),
    ("and", frozenset({"and"})),
    ("The", frozenset({"The"})),
):
    for _w in _words:
        _TRIGGER_KINDS[_w] = (*_TRIGGER_KINDS.get(_w, ()), _kind)


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
        checks: list[tuple[tuple[str, ...], Callable[[str], list[Flag]]]] = [
            (("mt_flags.repeated_word", "mt_flags.oscillation"), repetition_flags),
            (("mt_flags.repeated_phrase",), repeated_phrase_flags),
            (("mt_flags.fused_sentence",), fused_sentence_flags),
            (("mt_flags.truncated",), truncation_flags),
            (("mt_flags.cjk_residue",), cjk_residue_flags),
            (("mt_flags.unverified_name",), unverified_name_flags),
        ]
        fns = [fn for rules, fn in checks if any(self.enabled(r) for r in rules)]
        return sorted(_by_chunk(fns, doc.text), key=lambda f: (f.start, f.end, f.rule))


@dataclass(frozen=True, kw_only=True)
class MtSettle(MtRepair):
    """The ``mt`` repairs once more, after the deletion filters.

    Deleting a block can join two halves of a doubled word (``The <script> the``)
    or leave a space before a full stop; repairing those seams in the same run
    keeps the pipeline idempotent. Same rules, options and switches as ``mt``.
    """

    name: ClassVar[str] = "mt_settle"
