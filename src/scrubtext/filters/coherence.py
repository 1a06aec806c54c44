"""Flag incoherent sentences: spliced-in sentences, grafted clauses, scrambled word order.

Three signals, all computed per sentence of an English document:

- **topic** (``coherence.topic``): lexical cohesion. Each content word of a sentence
  is weighted by how rare it is in general English (a background frequency table
  shipped as package data) and looked up among the words of the rest of the
  document (plurals folded, long words cut to a six-letter stem). A sentence whose
  rare words appear nowhere else, and not in its neighbours either, was most
  likely spliced in from another text.
- **clause** (``coherence.clause``): the same test for the clauses of a sentence
  (split at commas, dashes and conjunctions) when the rest of the sentence is on
  topic. The flag covers the whole sentence and its reason quotes the clause.
- **garbled** (``coherence.garbled``): word order. Tokens are mapped to about 180
  classes (each function word is its own class; other words are classed by case and
  suffix; punctuation by mark) and a class-bigram model built from real English text
  says how much more likely the order is than the same tokens in random order.
  Shuffled or garbled sentences lose that advantage.

Flags never change text; ``drop=["coherence"]`` turns them into deletions.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import ClassVar

from ..document import Document, Flag
from ..filter import TextFilter
from ..patterns.coherence import CLAUSE_BREAK, COHERENCE_TOKEN
from ..segment import sentences

#: Function words: each is its own class in the word-order model and none counts as content.
FUNCTION_WORDS = frozenset(
    """the of and to a in is that for it was on with as are be by this at from have has
    not but or an which were will their they his her its been said says would he she we
    you i our your my me him them us who whom whose what when where why how there here
    these those than then so if no all any some such can could may might must should
    shall do does did being had also into about after before over under between through
    during without within against among upon up down out off very more most much many
    other another each every both either neither only just too own same nor yet because
    while although though since until unless whether am one per via""".split()
)

_PUNCT_CLASS = {
    ",": ",",
    ".": ".",
    "!": ".",
    "?": ".",
    ";": ";",
    ":": ":",
    "(": "(",
    ")": ")",
    "[": "(",
    "]": ")",
    '"': '"',
    "“": '"',
    "”": '"',
    "'": "'",
    "‘": "'",
    "’": "'",
    "-": "-",
    "–": "-",
    "—": "-",
    "%": "%",
    "$": "$",
    "€": "$",
    "£": "$",
    "/": "/",
    "&": "&",
}

_NOUN_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ship", "ism", "ure")
_ADJ_ENDINGS = ("ous", "ive", "ful", "able", "ible", "al", "ic", "ish", "less", "ary")


def word_class(word: str, initial: bool) -> str:
    """Class of one token for the word-order model.

    >>> [word_class(w, i == 0) for i, w in enumerate("The city quickly built 46 new Stations ,".split())]
    ['the', 'W', 'ADV', 'W', 'NUM', 'W', 'CAP', ',']
    """
    first = word[0]
    if first.isdigit():
        return "NUM"
    if not first.isalpha():
        return _PUNCT_CLASS.get(first, "P")
    lower = word.lower()
    if lower in FUNCTION_WORDS:
        if first.isupper() and not initial and lower != "i":
            return "FW^"
        return lower
    if first.isupper() and not initial:
        return "CAP"
    n = len(lower)
    if n > 4 and lower.endswith("ly"):
        return "ADV"
    if n > 5 and lower.endswith("ing"):
        return "ING"
    if n > 4 and lower.endswith("ed"):
        return "ED"
    if n > 5 and lower.endswith(_NOUN_ENDINGS):
        return "NN"
    if n > 4 and lower.endswith(_ADJ_ENDINGS):
        return "JJ"
    if n > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return "S"
    return "W"


def sentence_classes(tokens: Sequence[str]) -> list[str]:
    """Classes of a sentence's tokens, framed by ``<s>`` and ``</s>``."""
    return ["<s>", *(word_class(t, i == 0) for i, t in enumerate(tokens)), "</s>"]


def stem(word: str) -> str:
    """A crude stem for matching words within one document.

    >>> stem("cities"), stem("Awards"), stem("construction"), stem("Shenzhen's")
    ('city', 'award', 'constr', 'shenzh')
    """
    w = word.lower()
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w[:6]


# --- package data ----------------------------------------------------------------

FREQ_FILE = "coherence_en_freq.txt"
ORDER_FILE = "coherence_en_order.tsv"
#: Zipf value given to words missing from the frequency table.
RARE_ZIPF = 1.5


@lru_cache(maxsize=1)
def zipf_table() -> dict[str, float]:
    """Word -> Zipf frequency (log10 of occurrences per billion words) for English."""
    table: dict[str, float] = {}
    text = resources.files("scrubtext.data").joinpath(FREQ_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        value, words = line.split("\t", 1)
        z = int(value) / 10
        for w in words.split(" "):
            table.setdefault(w, z)
    return table


@dataclass(frozen=True)
class OrderModel:
    """Class-bigram log-ratios: log P(b | a) - log P(b), with a floor for unseen pairs."""

    ratio: dict[tuple[str, str], float]
    unseen: dict[str, float]


@lru_cache(maxsize=1)
def order_model() -> OrderModel:
    """Load the class-bigram counts and turn them into smoothed log-ratios."""
    text = resources.files("scrubtext.data").joinpath(ORDER_FILE).read_text(encoding="utf-8")
    pair: dict[tuple[str, str], int] = {}
    left: dict[str, int] = {}
    right: dict[str, int] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        a, b, c = line.split("\t")
        n = int(c)
        pair[(a, b)] = n
        left[a] = left.get(a, 0) + n
        right[b] = right.get(b, 0) + n
    total = sum(right.values())
    classes = len(right) + 1
    prob = {b: (n + 1) / (total + classes) for b, n in right.items()}
    ratio: dict[tuple[str, str], float] = {}
    # Interpolate each conditional with the unigram so rare contexts stay sane.
    for (a, b), n in pair.items():
        la = left[a]
        lam = la / (la + 50.0)
        p = lam * n / la + (1 - lam) * prob[b]
        ratio[(a, b)] = math.log(p / prob[b])
    unseen = {a: math.log(1 - la / (la + 50.0)) for a, la in left.items()}
    return OrderModel(ratio, unseen)


# --- analysis ----------------------------------------------------------------------


@dataclass
class _Sentence:
    start: int
    end: int
    tokens: list[str]
    offsets: list[int]
    #: content word stem -> (weight, index of its first token)
    content: dict[str, tuple[float, int]]

    @property
    def weight(self) -> float:
        return sum(w for w, _ in self.content.values())


def _weight(lower: str, table: dict[str, float]) -> float:
    """How rare a word is in general English: 6 minus its Zipf value, at least 0."""
    z = table.get(lower)
    if z is None:
        z = table.get(lower.rstrip("s'’"), RARE_ZIPF)
    return max(0.0, 6.0 - z)


def analyse(text: str) -> list[_Sentence]:
    """Sentences of ``text`` with their tokens and weighted content words."""
    table = zipf_table()
    out = []
    for s, e in sentences(text):
        tokens: list[str] = []
        offsets: list[int] = []
        for m in COHERENCE_TOKEN.finditer(text, s, e):
            tokens.append(m.group())
            offsets.append(m.start())
        content: dict[str, tuple[float, int]] = {}
        for i, t in enumerate(tokens):
            if len(t) < 3 or not t[0].isalpha():
                continue
            lower = t.lower()
            if lower in FUNCTION_WORDS:
                continue
            w = _weight(lower, table)
            if w > 0:
                key = stem(lower)
                if key not in content or content[key][0] < w:
                    content[key] = (w, i)
        out.append(_Sentence(s, e, tokens, offsets, content))
    return out


def order_gain(tokens: Sequence[str], model: OrderModel | None = None) -> float:
    """Mean log-ratio per token pair: > 0 for English word order, about 0 or less at random."""
    model = model or order_model()
    classes = sentence_classes(tokens)
    ratio, unseen = model.ratio, model.unseen
    total = 0.0
    for a, b in itertools.pairwise(classes):
        r = ratio.get((a, b))
        total += unseen.get(a, -3.0) if r is None else r
    return total / (len(classes) - 1)


def _doc_counts(sents: Sequence[_Sentence]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for s in sents:
        for key in s.content:
            counts[key] = counts.get(key, 0) + 1
    return counts


def topic_features(sents: Sequence[_Sentence], counts: dict[str, int]) -> list[list[float]]:
    """Per sentence: cohesion features with the rest of the document and its neighbours."""
    covs = []
    base = []
    n = len(sents)
    for k, s in enumerate(sents):
        total = s.weight
        matched = sum(w for key, (w, _) in s.content.items() if counts[key] > 1)
        near: set[str] = set()
        for j in range(max(0, k - 2), min(n, k + 3)):
            if j != k:
                near.update(sents[j].content)
        before: set[str] = set()
        after: set[str] = set()
        for j in range(max(0, k - 2), k):
            before.update(sents[j].content)
        for j in range(k + 1, min(n, k + 3)):
            after.update(sents[j].content)
        near_matched = sum(w for key, (w, _) in s.content.items() if key in near)
        top = max((w for key, (w, _) in s.content.items() if counts[key] > 1), default=0.0)
        cov = matched / total if total else 1.0
        covs.append(cov)
        base.append(
            [
                cov,
                math.log1p(total),
                math.log1p(total - matched),
                near_matched / total if total else 1.0,
                math.log1p(len(before & after)),
                math.log1p(len(s.tokens)),
                top / 6,
            ]
        )
    median = sorted(covs)[len(covs) // 2] if covs else 0.0
    return [[1.0, *f, median] for f in base]


def clause_spans(text: str, s: _Sentence) -> list[tuple[int, int]]:
    """Token index ranges of the clauses of a sentence."""
    cuts = [m.end() for m in CLAUSE_BREAK.finditer(text, s.start, s.end)]
    spans = []
    first = 0
    for cut in cuts:
        i = first
        while i < len(s.offsets) and s.offsets[i] < cut:
            i += 1
        if i > first:
            spans.append((first, i))
        first = i
    if first < len(s.tokens):
        spans.append((first, len(s.tokens)))
    return spans


def clause_features(
    text: str, s: _Sentence, counts: dict[str, int]
) -> tuple[list[float], tuple[int, int]] | None:
    """Features of the least cohesive clause of a sentence, or None if it has one clause.

    The clause is compared with the rest of the document (its sentence excluded);
    the rest of its sentence with the document too, so an on-topic sentence with an
    off-topic clause stands out from a sentence that is off-topic as a whole.
    """
    spans = clause_spans(text, s)
    if len(spans) < 2:
        return None
    by_index = {i: (key, w) for key, (w, i) in s.content.items()}
    best: tuple[float, list[float], tuple[int, int]] | None = None
    for lo, hi in spans:
        words = [by_index[i] for i in range(lo, hi) if i in by_index]
        total = sum(w for _, w in words)
        if total < 4:
            continue
        matched = sum(w for key, w in words if counts[key] > 1)
        rest = [(key, w) for i, (key, w) in by_index.items() if not lo <= i < hi]
        rest_total = sum(w for _, w in rest)
        rest_matched = sum(w for key, w in rest if counts[key] > 1)
        cov = matched / total
        feats = [
            1.0,
            cov,
            math.log1p(total),
            math.log1p(total - matched),
            rest_matched / rest_total if rest_total else 0.0,
            math.log1p(rest_total),
            math.log1p(hi - lo),
        ]
        if best is None or cov < best[0]:
            best = (cov, feats, (lo, hi))
    return None if best is None else (best[1], best[2])


def garbled_features(s: _Sentence) -> list[float]:
    """Word-order features: mean order gain and the share of very unlikely pairs."""
    gain = order_gain(s.tokens)
    return [1.0, gain, math.log1p(len(s.tokens))]


def _logistic(weights: Sequence[float], feats: Sequence[float]) -> float:
    z = sum(w * f for w, f in zip(weights, feats, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


#: Logistic weights, fitted by tools/fit_coherence.py on the calibration half of the
#: benchmark articles; the intercepts are shifted so that a score of 0.5 is the
#: operating point (about 0.5 false flags per 100 clean sentences for topic and
#: garbled, 0.25 for clause).
TOPIC_WEIGHTS = (-3.49, -3.042, -1.233, 2.424, -1.72, 0.27, 0.112, -2.705, -0.064)
CLAUSE_WEIGHTS = (
    -1.426,
    -1.215,
    -0.789,
    0.513,
    -0.046,
    0.344,
    -0.65,
    -0.357,
    -0.305,
    -0.794,
    0.328,
    0.612,
    -0.42,
    0.565,
    0.208,
    0.189,
)
GARBLED_WEIGHTS = (-5.448, -4.386, 1.253)
#: A pair of classes whose log-ratio is below this is "rare in English" in reasons.
RARE_PAIR = -1.5


def splice_features(
    topic: list[float], clause: tuple[list[float], tuple[int, int]] | None
) -> list[float]:
    """Sentence features followed by those of its least cohesive clause (zeros if none)."""
    if clause is None:
        return [*topic, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    return [*topic, *clause[0][1:], 1.0]


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1].rstrip()}…”"


def _rare_words(s: _Sentence, counts: dict[str, int], lo: int = 0, hi: int | None = None) -> str:
    hi = len(s.tokens) if hi is None else hi
    words = sorted(
        (
            (w, s.tokens[i])
            for key, (w, i) in s.content.items()
            if counts[key] <= 1 and lo <= i < hi
        ),
        reverse=True,
    )
    return ", ".join(f"“{t}”" for _, t in words[:3])


def _topic_reason(s: _Sentence, counts: dict[str, int]) -> str:
    shared = [s.tokens[i] for key, (_, i) in s.content.items() if counts[key] > 1]
    rare = _rare_words(s, counts)
    if not shared:
        return f"shares no content words with the rest of the document (its words {rare} appear nowhere else)"
    listed = ", ".join(f"“{t}”" for t in shared[:3])
    return (
        f"shares only {len(shared)} of {len(s.content)} content words ({listed}) with the rest "
        f"of the document; {rare} appear nowhere else"
    )


def _garbled_reason(s: _Sentence) -> str:
    model = order_model()
    classes = sentence_classes(s.tokens)
    pairs = list(itertools.pairwise(classes))
    rare = sum(
        1 for a, b in pairs if model.ratio.get((a, b), model.unseen.get(a, -3.0)) < RARE_PAIR
    )
    return (
        f"word order is unlike English: {rare} of {len(pairs)} neighbouring word pairs are rare "
        "in English text (scrambled or garbled)"
    )


@dataclass(frozen=True, kw_only=True)
class Coherence(TextFilter):
    """Flag sentences that do not belong: off-topic, with a foreign clause, or scrambled.

    Only English documents (``meta["language"] == "en"``) with at least
    ``min_sentences`` sentences are scored. Each sentence gets at most one flag,
    for the rule with the highest score; the flag covers the whole sentence.
    """

    name: ClassVar[str] = "coherence"
    rules: ClassVar[dict[str, str]] = {
        "coherence.topic": "a sentence shares (almost) no content words with the rest of the document",
        "coherence.clause": "a clause shares no content words with the document while the rest of its sentence does",
        "coherence.garbled": "a sentence's word order is unlike English (scrambled or garbled)",
    }

    #: Flag when a score reaches this (0-1); higher flags less.
    threshold: float = 0.5
    #: Documents with fewer sentences are not scored.
    min_sentences: int = 5
    #: Sentences with fewer tokens are never flagged for word order.
    min_garbled_tokens: int = 6

    def applies(self, doc: Document) -> bool:
        return doc.meta.get("language") == "en" and len(doc.text) >= 200

    def flag(self, doc: Document) -> list[Flag]:
        """One flag per incoherent sentence, in text order."""
        text = doc.text
        sents = analyse(text)
        if len(sents) < self.min_sentences:
            return []
        counts = _doc_counts(sents)
        topic = topic_features(sents, counts)
        flags: list[Flag] = []
        for s, tf in zip(sents, topic, strict=True):
            candidates: list[tuple[float, str]] = []
            p_topic = _logistic(TOPIC_WEIGHTS, tf)
            if p_topic >= self.threshold:
                candidates.append((p_topic, "coherence.topic"))
            clause = clause_features(text, s, counts)
            p_clause = _logistic(CLAUSE_WEIGHTS, splice_features(tf, clause))
            if clause is not None and p_clause >= self.threshold:
                candidates.append((p_clause, "coherence.clause"))
            if len(s.tokens) >= self.min_garbled_tokens:
                p_garbled = _logistic(GARBLED_WEIGHTS, garbled_features(s))
                if p_garbled >= self.threshold:
                    candidates.append((p_garbled, "coherence.garbled"))
            if not candidates:
                continue
            score, rule = max(candidates)
            if rule == "coherence.topic":
                reason = _topic_reason(s, counts)
            elif rule == "coherence.clause" and clause is not None:
                lo, hi = clause[1]
                end = s.offsets[hi - 1] + len(s.tokens[hi - 1])
                reason = (
                    f"the clause {_quote(text[s.offsets[lo] : end])} shares no content words "
                    "with the rest of the document, while the rest of its sentence does"
                )
            else:
                reason = _garbled_reason(s)
            flags.append(Flag(s.start, s.end, rule, reason, round(score, 3)))
        return _merge_garbled(flags)


def _merge_garbled(flags: list[Flag]) -> list[Flag]:
    """Join garbled flags on neighbouring sentences (a shuffle can split a sentence)."""
    out: list[Flag] = []
    for f in flags:
        last = out[-1] if out else None
        if (
            last is not None
            and f.rule == last.rule == "coherence.garbled"
            and f.start - last.end <= 2
        ):
            score = max(last.score or 0.0, f.score or 0.0)
            out[-1] = Flag(last.start, f.end, last.rule, last.reason, score)
        else:
            out.append(f)
    return out
