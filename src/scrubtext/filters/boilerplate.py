"""Web-page boilerplate in plain text: menus, lists, widgets, footers and page furniture.

The text is cut into blocks: lines, then sentences, then pieces at cues that
mark a block boundary even when the line breaks are gone (separators, headlines
cut short with an ellipsis, time stamps, datelines, list headings such as
"Most Read", the repeated page title, runs of capitalised words). Each block
gets a score from its own features (length, share of function words, sentence
punctuation, vocabulary hits) and the article is the run of blocks with the
largest total score (so context decides what a block's neighbours make it).
Blocks outside that run, and clear boilerplate inside it, are deleted; each
deletion is one edit whose reason names what went and why.

>>> text = "Shanghai won the award on Wednesday, the organisers said in a statement.\\n\\nLeave Your Comments"
>>> Boilerplate()(Document(text))[0].text
'Shanghai won the award on Wednesday, the organisers said in a statement.'
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, pairwise
from operator import and_, itemgetter
from typing import Any, ClassVar

from .. import lang, vocab
from ..document import Document, Edit
from ..filter import TextFilter
from ..patterns.boilerplate import (
    BLOCK_CUES,
    BYLINE,
    CODE_FENCE,
    COMMENT,
    CREDIT,
    FOOTER_YEAR,
    FURNITURE,
    MARKER,
    STAMP_HINT,
    SUSPECT,
    TABLE_RULE,
    TITLE_RUN,
    TITLE_SITE,
    WORDS,
    WRITTEN_DATE,
    PhraseFinder,
)
from ..segment import sentences
from ._fixpoint import until_stable
from ._util import code_spans

AGGRESSIVENESS = ("precision", "balanced", "recall")
#: Languages with function-word lists in ``lang``, pooled for Latin-script languages without one.
WESTERN = ("en", "fr", "de", "es", "pt", "it", "nl")
#: For a language without a function-word list, the pooled Western lists must cover
#: this share of a sample's words before they are trusted.
UNKNOWN_LANGUAGE_SHARE = 0.12
#: Languages whose words the Latin function-word lists cannot judge: block statistics
#: then rely on length and punctuation alone.
NON_LATIN = frozenset(
    "ru uk bg be mk sr el ja ko zh-cn zh-tw ar fa ur he hi mr ne bn ta te kn ml th ka hy am".split()
)

#: Extra passes on the shortened text (a pass that deletes nothing ends the loop).
MAX_PASSES = 8
#: Lines shorter than this are one block each, without sentence splitting.
SHORT_LINE = 160
#: Lines up to this long that end a sentence and show no cue are one block (a paragraph).
PARAGRAPH_LINE = 5000
#: Sentences longer than this are searched for cues even without a suspect character.
LONG_SENTENCE = 250
#: Words looked at for block statistics.
SAMPLE_WORDS = 60
#: Characters scanned for words (longer blocks are counted by spaces).
SAMPLE_CHARS = 400
#: Characters counted as one word in scripts written without spaces (Japanese, Chinese).
CHARS_PER_WORD = 3
#: Lines this short (characters) are menu items when three or more follow each other.
SHORT_ITEM = 32
#: Score of a merged run of such lines.
SHORT_RUN_SCORE = -0.6
#: Date stamps that make a comment thread, at most this many blocks apart, after
#: at least this many words of text.
THREAD_STAMPS = 3
THREAD_GAP = 8
THREAD_LEAD = 40
#: Before a hard barrier (a comment thread), a run this share of the best one, and
#: at least this many weighted words, is the article.
EARLY_RUN_SHARE = 0.125
EARLY_RUN_WORDS = 25.0
#: ... and before a dated copyright footer (weaker evidence of the article's end).
FOOTER_RUN_WORDS = 100.0
#: Share of the article run's text that must follow a title repeat for the run to start there.
HEADLINE_SHARE = 0.25
#: Score of the block under a list heading, whatever its own features say.
LIST_SCORE = -0.3
#: Extra weight of a list heading or widget, so the article run rarely crosses one.
BARRIER = 12.0
#: Lines without an end mark, of at least this many words, that in a row make a
#: headline list inside the article run.
HEADLINE_RUN = 3
HEADLINE_MIN_WORDS = 5
#: A page title this long is a headline: the headline above the article shares a word with it.
HEADLINE_TITLE_WORDS = 6
#: Most words of a teaser's summary (a sentence ending in a full stop) under its headline.
SUMMARY_WORDS = 40
#: ... when the article text after them is less than this fraction of the text before.
TEASER_TAIL = 3.0
#: A block of at least this many words whose sentences were kept above it (this
#: share of its characters, counting sentences of at least this many characters)
#: repeats them.
REPEAT_MIN_WORDS = 8
REPEAT_SHARE = 0.8
REPEAT_MIN_CHARS = 20
#: Most words of a line that a list-heading phrase opens and that is itself a
#: heading (``More from UK``), and most words of such a phrase.
HEADING_WORDS = 7
HEADING_PHRASE_WORDS = 4
#: How a block that links to another article (``Related: <headline>``) is described.
RELATED_LINK = "link to another article"
_TERMINAL = ".!?。！？"
_IMAGE_ENDINGS = (
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".bmp",
    ".svg",
    ".tif",
    ".tiff",
    ".heic",
)
_BULLETS = "•·▪▸►"
_DIGITS = frozenset("0123456789")
_FIRST_CHAR = itemgetter(0)
#: (``replied`` and ``commented`` are found as ``repl`` and ``comment``)
_COMMENT_KEYS = (
    "says",
    "wrote",
    "writes",
    "respons",
    "comment",
    "repl",
    "thought",
    "reaction",
)
#: First words of byline, source and stamp lines (the byline pattern has the details).
_BYLINE_FIRST = frozenset(
    "web editor editors reporting edited translated by from source sources author authors "
    "posted written updated last published date reporter photo photos image credit von par "
    "por di fonte quelle mis publié aktualisiert".split()
)
#: Cheap substring tests before the marker pattern runs.
_MARKER_KEYS = (
    "©",
    "copyright",
    "(c)",
    "rights reserved",
    "droits réservés",
    "rechte vorbehalten",
    "derechos reservados",
    "direitos reservados",
    "diritti riservati",
    "twitter",
    "facebook",
    "instagram",
    "linkedin",
    "youtube",
    "telegram",
    "whatsapp",
    "weibo",
    "wechat",
    "tiktok",
)
_CLOSERS = "\"'”’)]»"
_QUOTES = '"“”«»„'
#: Substrings one of which every photo credit holds (tested before the pattern).
_CREDIT_KEYS = (
    "/",
    "redit",
    "hoto",
    "mage",
    "etty",
    "ETTY",
    "ourtesy",
    "PHOTO",
    "euters",
    "EUTERS",
)
#: Photo credits and the captions they end are shorter than this (characters).
CREDIT_CHARS = 300
#: Score of a photo credit in the article run (a byline's).
CREDIT_SCORE = -0.5
_PUNCT = ".,:;!?'\"“”‘’«»()[]"
_TRAILING = _CLOSERS + " "

# Labels: what a deleted block is. The rule id is ``boilerplate.<label>``.
RULES: dict[str, str] = {
    "boilerplate.menu": "navigation menu or language picker: short capitalised items without sentences",
    "boilerplate.list": "a list of links or headlines under a heading such as 'Most Read'",
    "boilerplate.widget": "a comment, share, follow, newsletter or cookie prompt",
    "boilerplate.footer": "copyright and legal lines",
    "boilerplate.byline": "a byline, source line or update stamp outside the article text",
    "boilerplate.image_name": "a bare image file name",
    "boilerplate.crumb": "a breadcrumb or bullet crumb such as '• Detail'",
    "boilerplate.separator": "a block made only of separator characters",
    "boilerplate.site_name": "the site name, as appended to the page title",
    "boilerplate.title_repeat": "the page title repeated as a headline",
    "boilerplate.heading": "a heading (removed only when keep_headings is off)",
    "boilerplate.comments": "a reader-comment thread: its heading, author lines and comments",
    "boilerplate.outside": "text outside the article: separated from it by menus, lists or widgets",
    "boilerplate.credit": "a photo credit, alone or ending a caption ('Doug Mills/The New York Times')",
    "boilerplate.repeat": "a passage repeating article text kept above it (a second copy of the article)",
}


#: Labels of page furniture that may sit between a headline and the article.
FURNITURE_LABELS = frozenset(["byline", "image_name", "separator", "crumb", "title_repeat"])


#: Verdicts and line segmentations kept from one pass to the next.
_Memo = dict[tuple[object, ...], tuple[object, ...]]


@dataclass(slots=True)
class _Block:
    start: int
    end: int
    cue: str = ""
    words: int = 0
    score: float = 0.0
    weight: float = 1.0
    label: str = ""
    what: str = ""
    strong: bool = False
    contextual: bool = False
    inside: bool = False
    hard: bool = False
    #: the text lower-cased, stripped of separators, spaces collapsed (found on demand)
    norm: str | None = None


@dataclass(slots=True)
class _Page:
    """What the verdicts of one pass share: language, page title, site name, lookups."""

    text: str
    stops: frozenset[str]
    known: bool
    title: tuple[int, int] | None
    title_norm: str
    site: str
    index: dict[str, vocab.Vocabulary]
    menu: frozenset[str]
    words: Callable[[str, int, int], list[str]]
    #: whether most blocks are judged anew (the first pass), not taken from the memo
    fresh: bool = True
    hints: tuple[list[int], list[int]] | None = None
    lowered: str = ""
    #: list-heading phrases (``more from``), and by first word (for ``startswith``)
    headings: frozenset[str] = frozenset()
    head_starts: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def hinted(self, kind: int, b: _Block) -> bool:
        """Whether a marker (``kind`` 0) or comment (1) keyword starts inside ``b``
        (in the lower-cased text)."""
        if self.hints is None:
            if not self.fresh:
                # a later pass judges a few blocks: look for the keywords in place
                self.lowered = self.lowered or self.text.lower()
                low, end = self.lowered, b.end - 1
                keys = _COMMENT_KEYS if kind else _MARKER_KEYS
                return any(low.find(key, b.start, end + len(key)) >= 0 for key in keys)
            self.hints = _hints(self.text)
        return _within(self.hints[kind], b.start, b.end)


@dataclass(frozen=True, kw_only=True)
class Boilerplate(TextFilter):
    """Delete boilerplate blocks from plain text, with a reason for each.

    ``aggressiveness``: ``precision`` deletes only blocks that are boilerplate
    by themselves (vocabulary, furniture) and short non-sentences outside the
    article; ``balanced`` also deletes everything the article run excludes;
    ``recall`` also deletes short non-sentences inside it. ``keep_headings``
    keeps the page title and short heading lines. ``extra_phrases`` adds
    phrases that mark boilerplate (a block equal to one, or starting with one,
    goes).
    """

    name: ClassVar[str] = "boilerplate"
    rules: ClassVar[dict[str, str]] = RULES

    aggressiveness: str = "balanced"
    keep_headings: bool = True
    extra_phrases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.aggressiveness not in AGGRESSIVENESS:
            raise ValueError(
                f"aggressiveness must be one of {', '.join(AGGRESSIVENESS)}, "
                f"got {self.aggressiveness!r}"
            )

    def applies(self, doc: Document) -> bool:
        return not doc.meta.get("html") and bool(doc.text) and not doc.text.isspace()

    def propose(self, doc: Document) -> list[Edit]:
        """Deletions, repeated on the shortened text until nothing more goes.

        Decisions depend on context (the article run, the page title), so a
        deletion can expose more boilerplate; repeating until a fixed point makes
        the filter idempotent. Later passes are mapped back to ``doc.text``.
        """
        language = doc.meta.get("language")
        memo: _Memo = {}
        return until_stable(doc.text, lambda t: _edits(t, self.plan(t, language, memo)), MAX_PASSES)

    def plan(
        self,
        text: str,
        language: str | None = None,
        memo: _Memo | None = None,
    ) -> list[_Block]:
        """The blocks of ``text`` with their scores and decisions (for inspection).

        ``memo`` carries block verdicts from one pass to the next: a later pass on
        the shortened text meets mostly the same blocks.
        """
        # found on the first pass (later passes only delete, so add no new script)
        finder: Callable[[str, int, int], list[str]]
        fresh = memo is None or ("language",) not in memo
        if memo is not None and not fresh:
            language, finder = memo[("language",)]  # type: ignore[assignment]
        else:
            finder = WORDS.finder(text)
            language = _checked_language(text, language, finder)
            if memo is not None:
                memo[("language",)] = (language, finder)
        stops = _stopwords(language)
        known = (language or "en") not in NON_LATIN and (
            lang.stopwords(language) is not lang.stopwords("en")
            or language in (None, "en")
            or _share(text, stops) >= UNKNOWN_LANGUAGE_SHARE
        )
        blocks = self._segment(text, memo)
        if not blocks:
            return []
        title = _title(text, blocks)
        site = _site_name(text, blocks).lower()
        title_norm = " ".join(text[title[0] : title[1]].lower().split()) if title else ""
        page = _Page(
            text,
            stops,
            known,
            title,
            title_norm,
            site,
            vocab.index(self.extra_phrases),
            vocab.phrases("menu"),
            finder,
            fresh,
        )
        page.headings, page.head_starts = _headings(self.extra_phrases)
        compare = bool(title_norm or site)
        classify = self._classify
        for i, b in enumerate(blocks):
            chunk = text[b.start : b.end]
            if memo is None:
                classify(page, b, i, chunk)
                continue
            # the verdict depends on the title and site name only through these
            # comparisons (made in _classify for short blocks)
            norm = _norm(b, chunk) if compare and len(chunk) < 200 else None
            key = (
                chunk,
                b.cue,
                i == 0,
                title is not None and b.start == title[0] and b.end == title[1],
                bool(title_norm) and norm == title_norm,
                bool(site) and norm == site,
                known,
            )
            verdict = memo.get(key)
            if verdict is None:
                classify(page, b, i, chunk)
                memo[key] = (
                    b.words,
                    b.weight,
                    b.score,
                    b.label,
                    b.what,
                    b.strong,
                    b.contextual,
                    b.hard,
                )
            else:
                (b.words, b.weight, b.score, b.label, b.what, b.strong, b.contextual, b.hard) = (
                    verdict  # type: ignore[assignment]
                )
        _under_headings(blocks)
        _lists_are_not_crumbs(text, blocks)
        _stamped_thread(blocks)
        _footer_ends_article(text, blocks)
        _tables(text, blocks)
        code = _in_code(text, blocks)
        self._decide(text, blocks)
        if code:
            _code_whole(code, blocks)
        return blocks

    # --- segmentation -------------------------------------------------------------------

    def _segment(self, text: str, memo: _Memo | None = None) -> list[_Block]:
        blocks: list[_Block] = []
        append = blocks.append
        cutters = self._cutters()
        pos = 0
        for line in text.split("\n"):
            offset = pos
            size = len(line)
            pos += size + 1
            if size < SHORT_LINE:
                stripped = line.strip()
                if not stripped:
                    continue
                if not (". " in stripped or "? " in stripped or "! " in stripped):
                    # a short line without a sentence end: one block
                    start = offset + size - len(line.lstrip())
                    append(_Block(start, start + len(stripped), "line"))
                    continue
            key = ("line", line)
            cached = memo.get(key) if memo is not None else None
            if cached is None:
                cached = tuple((b.start, b.end, b.cue) for b in _segment_line(line, cutters))
                if memo is not None:
                    memo[key] = cached
            pieces: tuple[tuple[int, int, str], ...] = cached  # type: ignore[assignment]
            blocks.extend(_Block(offset + a, offset + e, cue) for a, e, cue in pieces)
        _split_title(text, blocks)
        return _merge_short_lines(text, blocks, self.extra_phrases)

    def _cutters(self) -> PhraseFinder:
        return _cutters(self.extra_phrases)

    # --- classification -----------------------------------------------------------------

    def _classify(self, page: _Page, b: _Block, index: int, chunk: str) -> None:
        """Score and label block ``b`` (text ``chunk``, position ``index``) by its own features.

        Features are computed in order of need: most blocks are short lines that a
        vocabulary lookup or a word count settles.
        """
        size = len(chunk)
        cue = b.cue
        if cue == "lines":
            b.words = len(chunk.split())
            b.weight = float(b.words)
            b.score, b.label = SHORT_RUN_SCORE, "menu"
            b.what = f"{chunk.count(chr(10)) + 1} short lines without sentences"
            return
        words = page.words(chunk, 0, SAMPLE_CHARS)
        n = len(words)
        if n:
            if size > SAMPLE_CHARS:
                n = max(n, chunk.count(" ") + 1)
            if not page.known and chunk.count(" ") * 10 < size:
                n = max(n, size // CHARS_PER_WORD)  # scripts written without spaces
        b.words = n
        b.weight = float(n) if n else max(1.0, size / 6)

        title = page.title
        if title is not None and b.start == title[0] and b.end == title[1]:
            b.label, b.what, b.score = "title", "page title", 0.0
            return
        if cue == "site":
            _bad(b, "site_name", f"site name {chunk.strip(' -|–—:')!r} after the page title")
            return
        if not n:
            # a code fence, or a line of braces (the '};' that closes a function), is code
            if not (CODE_FENCE.fullmatch(chunk) or "{" in chunk or "}" in chunk):
                _bad(b, "separator", f"lone separator {chunk!r}")
            return
        terminal = _is_terminal(chunk)
        if size < 200:
            if size < 120 and " " not in chunk and chunk.lower().endswith(_IMAGE_ENDINGS):
                m = FURNITURE.fullmatch(chunk)
                if m and m.lastgroup == "image":
                    _bad(b, "image_name", f"image file name {chunk!r}")
                    return
            if (
                size < 120
                and not terminal
                and not _DIGITS.isdisjoint(chunk)
                and STAMP_HINT.compiled.search(chunk)
            ):
                m = FURNITURE.fullmatch(chunk)
                if m and m.lastgroup == "stamp":
                    b.score, b.label, b.what = -0.5, "byline", f"date or time stamp {chunk!r}"
                    return
            norm = _norm(b, chunk)
            hit = page.index.get(norm)
            if hit is not None and hit.name == "comments":
                _bad(b, "comments", f"comment widget {chunk.strip()!r}")
                b.hard = True
                return
            if size < 100 and page.hinted(1, b):
                m = COMMENT.compiled.match(chunk)  # (both branches start at \A)
                if m is not None:
                    _bad(b, "comments", f"comment thread: {_short(chunk)!r}")
                    b.hard = True
                    return
            if hit is not None:
                kind = hit.kind
                label = {"heading": "list", "widget": "widget", "footer": "footer"}.get(
                    kind, "menu"
                )
                _bad(
                    b,
                    label,
                    f"{hit.name} {kind} {chunk.strip()!r}",
                    barrier=kind != "menu",
                    contextual=kind in ("heading", "menu"),
                )
                return
            if page.site and norm == page.site:
                _bad(b, "site_name", f"site name {chunk!r}")
                return
            starts = page.head_starts.get(norm.partition(" ")[0].rstrip(":："))
            if (
                starts
                and norm.startswith(starts)
                and _opened_by_heading(b, chunk, norm, terminal, page)
            ):
                return
            if page.title_norm and index > 0 and norm == page.title_norm:
                _bad(b, "title_repeat", "headline repeating the page title", contextual=True)
                return
        if (
            size < CREDIT_CHARS
            and (not terminal or chunk.endswith(")"))
            and any(map(chunk.__contains__, _CREDIT_KEYS))
            and CREDIT.search(chunk)
        ):
            _bad(b, "credit", f"photo credit {_short(chunk)!r}", contextual=True)
            b.score = CREDIT_SCORE  # a mild negative: captions sit inside articles
            return
        if cue == "heading":
            head = " ".join(chunk.split()[:3])
            _bad(b, "list", f"list {head!r}... of {n} words under a heading", barrier=True)
            return
        if n <= 40 and page.hinted(0, b):
            mk = MARKER.search(chunk)
            if mk is not None:
                if mk.lastgroup == "copyright":
                    _bad(
                        b,
                        "footer",
                        f"copyright line {_short(chunk)!r}",
                        barrier=True,
                        contextual=True,
                    )
                else:
                    _bad(
                        b,
                        "widget",
                        f"follow prompt {_short(chunk)!r}",
                        barrier=True,
                        contextual=True,
                    )
                return
        if (
            n <= 15
            and not terminal
            and chunk.lstrip("(").split(None, 1)[0].lower().rstrip(":：") in _BYLINE_FIRST
            and BYLINE.compiled.match(chunk)
        ):
            b.score, b.label, b.what = -0.5, "byline", f"byline {_short(chunk)!r}"
            return
        if n <= 3 and not terminal and chunk[0] in _BULLETS:
            _bad(b, "crumb", f"crumb {chunk!r}")
            return
        head_words = words[:SAMPLE_WORDS]
        k = len(head_words)
        stops = page.stops
        # features below are computed only for the rules that read them
        stop_share = -1.0
        caps = 0.0  # read only for blocks that do not end a sentence
        if not terminal:
            upper = list(map(str.isupper, map(_FIRST_CHAR, head_words)))
            capitalised = sum(upper)
            caps = capitalised / k
            if n >= 2:
                if capitalised >= 0.6 * k:
                    sample = " ".join(head_words).lower().split(" ")
                    stop_share = sum(map(stops.__contains__, sample)) / k
                    if stop_share < 0.2:
                        in_menu = sum(map(and_, upper, map(page.menu.__contains__, sample)))
                        if in_menu >= 0.6 * k:
                            _bad(b, "menu", f"menu of {n} section or language names")
                            return
                seps = chunk.count("|") + chunk.count("»") + chunk.count("•")
                if seps >= 2 and seps * 6 >= n:
                    if stop_share < 0:
                        stop_share = _stop_share(head_words, stops)
                    if stop_share < 0.2:
                        _bad(b, "menu", f"menu of {seps + 1} items split by separators")
                        return
        if n >= 4 and not _has_sentence_end(chunk, 80):
            opening = head_words[1:12]
            cap_stops = sum(
                map(
                    and_,
                    map(str.isupper, map(_FIRST_CHAR, opening)),
                    map(stops.__contains__, map(str.lower, opening)),
                )
            )
            if cap_stops >= 2:
                b.score, b.label, b.what = (
                    -0.7,
                    "list",
                    f"title-case headline {_short(chunk, 50)!r}",
                )
                return
        if not page.known:
            stop_share = 0.25
        elif stop_share < 0 and (terminal or n >= 8 or cue == "run"):
            stop_share = _stop_share(head_words, stops)
        # (_content_score reads the share only for such blocks)
        b.score, b.label, b.what = _content_score(
            n, stop_share, caps, terminal, cue, chunk, page.known
        )

    # --- decisions ----------------------------------------------------------------------

    def _decide(self, text: str, blocks: list[_Block]) -> None:
        lo, hi = _best_run(blocks)
        lo = _headline_start(blocks, lo, hi)
        for b in blocks[lo:hi]:
            b.inside = True
        mode = self.aggressiveness
        # Evidence that this is a page dump, not a clean article: without it only
        # blocks that are boilerplate by themselves go.
        evidence = [
            b for b in blocks if b.strong and b.label not in ("separator", "title_repeat", "credit")
        ]
        separators = any(b.strong and b.label == "separator" for b in blocks)
        page = hi > lo and (
            len(evidence) >= 3
            or (len(evidence) == 2 and any(not b.contextual for b in evidence))
            or (len(evidence) == 1 and separators and not evidence[0].contextual)
        )
        headline = _headline(text, blocks, lo) if self.keep_headings else -1
        # bylines and stamps opening the article run are furniture too
        first = lo
        while first < hi and blocks[first].score <= 0:
            first += 1
        # a bare stamp opening the document is metadata, unless stamps recur (a
        # schedule or diary: the first is a heading like the others), it is all, or
        # it is a date written out as a letter opens with one
        stamps = [b.label == "byline" and b.what.startswith("date or time stamp") for b in blocks]
        lone_opening_stamp = (
            len(blocks) > 1
            and stamps[0]
            and sum(stamps) == 1
            and not WRITTEN_DATE.fullmatch(text[blocks[0].start : blocks[0].end])
        )
        for i, b in enumerate(blocks):
            if b.label == "title":
                b.label = "" if self.keep_headings else "heading"
                continue
            if b.strong:
                if (b.contextual and not page) or (
                    b.label == "separator" and _section_break(text, blocks, i)
                ):
                    b.label = ""
                continue
            if i == headline:
                b.label = ""
                continue
            if i == 0 and lone_opening_stamp:
                continue
            if b.inside:
                if b.label == "heading" and not self.keep_headings:
                    continue
                if b.label == "byline" and i < first and page:
                    continue
                if mode == "recall" and b.score < 0:
                    b.label = b.label if b.label in ("list", "byline") else "outside"
                    b.what = b.what or "short line without a sentence"
                    continue
                if b.label == "list" and b.cue in ("ellipsis", "list") and page:
                    continue
                b.label = ""
                continue
            if not page or (mode == "precision" and b.score > 0):
                b.label = ""
            elif b.label not in ("list", "menu", "byline"):
                b.label = "outside"
        _lists_after_headings(blocks)
        if page:
            _headline_runs(text, blocks, lo, hi)
            _repeats(text, blocks[lo:hi])


def _section_break(text: str, blocks: list[_Block], i: int) -> bool:
    """Whether the separator ``blocks[i]`` is a line of its own between two sentences
    of prose (``* * *`` or ``---`` between a story's scenes): the text's own break."""
    if not 0 < i < len(blocks) - 1:
        return False
    b, before, after = blocks[i], blocks[i - 1], blocks[i + 1]
    own_line = (b.start == 0 or text[b.start - 1] == "\n") and text.startswith("\n", b.end)
    return (
        own_line and before.score > 0 and after.score > 0 and not before.label and not after.label
    )


def _opened_by_heading(b: _Block, chunk: str, norm: str, terminal: bool, page: _Page) -> bool:
    """Label ``b`` when a list-heading phrase opens it: ``Related: <headline>`` or
    ``Read more: <headline>`` is a link to another article; a short line such as
    ``More from UK`` or ``Most read in world news`` heads a list (one made of menu
    words, ``Trending News``, is left to the menu rule). Whether it did."""
    words = norm.split()
    total = len(words)
    for k in range(min(HEADING_PHRASE_WORDS, total), 0, -1):
        head = " ".join(words[:k])
        colon = head.endswith((":", "："))
        if (head[:-1] if colon else head) in page.headings:
            break
    else:
        return False
    if page.menu.issuperset(words):
        return False
    rest = total - k
    if colon and rest >= 2 and not chunk.rstrip(_TRAILING).endswith("."):
        _bad(b, "list", f"{RELATED_LINK} {_short(chunk)!r}", contextual=True)
        b.weight = 0.0  # inside the article: it must not split the article run
        return True
    if (
        not (colon or terminal)
        and rest >= 1
        and total <= HEADING_WORDS
        and (k > 1 or total <= 3)
        and not any(q in chunk for q in _QUOTES)  # a quotation, not a heading
    ):
        _bad(b, "list", f"list heading {chunk.strip()!r}", barrier=True, contextual=True)
        return True
    return False


@lru_cache(maxsize=16)
def _headings(extra: tuple[str, ...]) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """List-heading phrases (lower case), as a set and grouped by first word."""
    phrases = vocab.phrases("heading", extra) | frozenset(vocab.LIST_OPENERS)
    by_first: dict[str, list[str]] = {}
    for phrase in sorted(p for p in phrases if p):
        by_first.setdefault(phrase.split()[0], []).append(phrase)
    return phrases, {first: tuple(group) for first, group in by_first.items()}


def _stop_share(words: list[str], stops: frozenset[str]) -> float:
    """Share of function words among ``words`` (not empty)."""
    return sum(map(stops.__contains__, " ".join(words).lower().split(" "))) / len(words)


def _content_score(
    n: int, stop: float, caps: float, terminal: bool, cue: str, chunk: str, known: bool = True
) -> tuple[float, str, str]:
    """(score, label, what) for a block that no vocabulary or furniture rule claimed."""
    truncated = chunk.endswith(("…", "..."))
    if truncated and not terminal:
        return -0.8, "list", "headline cut short with an ellipsis"
    if cue == "run" and stop < 0.1:
        return -0.8, "menu", f"run of {n} capitalised words without a sentence"
    if known and len(chunk) > 200 and chunk.count(" ") < 0.08 * len(chunk):
        return -0.8, "outside", "run-together text with few spaces (code or a squeezed list)"
    if terminal:
        if n >= 8 and stop >= 0.18:
            return 1.0, "", ""
        if 4 <= n < 20 and stop > 0:
            return 0.3, "", ""
    elif n >= 20 and stop >= 0.2:
        return 0.6, "", ""
    elif n >= 8 and stop >= 0.18:
        return 0.2, "heading", "long line without sentence punctuation"
    if n <= 12 and caps >= 0.6 and not terminal:
        return -0.6, "heading", f"short capitalised line of {n} words"
    if n < 8 and not terminal:
        return -0.5, "short", f"short line of {n} words without a sentence"
    return -0.2, "short", f"line of {n} words with few function words"


def _best_run(blocks: list[_Block]) -> tuple[int, int]:
    """Indices [lo, hi) of the article run.

    Hard barriers (comment threads, a dated copyright footer after article text)
    split the blocks into segments; in each, the run with the largest total
    weighted score is found (Kadane). The earliest run scoring at least an
    eighth of the best wins, and 25 weighted words when a comment thread
    follows it, 100 when a footer does: a long comment thread or a teaser
    grid under the footer does not outweigh a short article above them.
    """
    runs: list[tuple[float, int, int]] = []
    #: the least score of a run that a barrier follows to win over a later, better one
    early: list[float] = []
    best = cur = 0.0
    best_lo = best_hi = cur_lo = 0
    for i, b in enumerate(blocks):
        if b.hard:
            if best > 0:
                early.append(EARLY_RUN_WORDS if b.label == "comments" else FOOTER_RUN_WORDS)
                runs.append((best, best_lo, best_hi))
            best = cur = 0.0
            continue
        v = b.score * b.weight
        if cur <= 0:
            cur, cur_lo = v, i
        else:
            cur += v
        if cur > best:
            best, best_lo, best_hi = cur, cur_lo, i + 1
    if best > 0:
        runs.append((best, best_lo, best_hi))
    if not runs:
        return 0, 0
    top = max(r[0] for r in runs)
    if len(early) < len(runs):
        early.append(top)  # a last run that no barrier follows: only the best
    for (score, lo, hi), least in zip(runs, early, strict=True):
        if score >= min(top, max(top * EARLY_RUN_SHARE, least)):
            return lo, hi
    return 0, 0


def _merge_short_lines(text: str, blocks: list[_Block], extra: tuple[str, ...]) -> list[_Block]:
    """Merge runs of three or more very short lines (menu items) into one block.

    Menus of one- and two-word lines are most of a page dump's blocks; judging
    them one by one is slow and says nothing more. Kept apart: the first block
    (the title), lines that end a sentence or hit a vocabulary, and the last line
    of a run when a longer line follows (it may be the article's headline).
    """
    out: list[_Block] = []
    run: list[_Block] = []
    index = vocab.index(extra)

    def flush(nxt: _Block | None) -> None:
        keep_last = nxt is not None and run and nxt.end - nxt.start > SHORT_ITEM
        body = run[:-1] if keep_last else run
        if len(body) >= 3:
            out.append(_Block(body[0].start, body[-1].end, "lines"))
        else:
            out.extend(body)
        if keep_last:
            out.append(run[-1])
        run.clear()

    for i, b in enumerate(blocks):
        if (
            i > 0
            and b.cue == "line"
            and b.end - b.start <= SHORT_ITEM
            and text[b.end - 1] not in _TERMINAL
            and (not run or "\n" in text[run[-1].end : b.start])
        ):
            chunk = text[b.start : b.end]
            if "\n" not in chunk and "omment" not in chunk and _norm(b, chunk) not in index:
                run.append(b)
                continue
        if run:
            flush(b)
        out.append(b)
    if run:
        flush(None)
    return out


def _headline_start(blocks: list[_Block], lo: int, hi: int) -> int:
    """Where the article run starts: at the page title repeated as a headline, when one
    lies in the run and most of the run's text follows it (what comes before is
    navigation and teasers)."""
    total = sum(b.weight for b in blocks[lo:hi] if b.score > 0)
    after = total
    for i in range(lo, hi):
        b = blocks[i]
        if b.label == "title_repeat" and i > lo and after >= HEADLINE_SHARE * total:
            return i
        if b.score > 0:
            after -= b.weight
    return lo


def _headline(text: str, blocks: list[_Block], lo: int) -> int:
    """Index of the headline just before the article run (furniture skipped), or -1.

    When the page title is a headline itself (six words or more, not a site name
    such as "Shenzhen Government Online"), the headline shares a word with it
    (of four letters or more in ASCII, two in other scripts): "Why you can trust
    Sky News" is not the headline of "Jose Mourinho agrees deal ..."."""
    i = lo - 1
    while i >= 0 and blocks[i].label in FURNITURE_LABELS:
        i -= 1
    if i < 0 or blocks[i].strong:
        return -1
    b = blocks[i]
    if not (2 <= b.words <= 25 and b.score < 0.5 and b.label != "list"):
        return -1
    title = blocks[0]
    if i == lo - 1 and blocks[lo].cue == "agency":
        return i  # the place of a dateline: ``SANTA FE, N.M.`` before ``(AP) —``
    if title.label == "title" and i > 0:
        words = text[title.start : title.end].lower().split()
        if len(words) >= HEADLINE_TITLE_WORDS:
            own = {w.strip(_PUNCT) for w in words if len(w) >= (4 if w.isascii() else 2)}
            if own.isdisjoint(w.strip(_PUNCT) for w in text[b.start : b.end].lower().split()):
                return -1
    return i


def _lists_are_not_crumbs(text: str, blocks: list[_Block]) -> None:
    """A bulleted short line next to other bulleted lines is a list item, not a crumb."""
    for i, b in enumerate(blocks):
        if b.label != "crumb":
            continue
        neighbours = blocks[max(0, i - 1) : i] + blocks[i + 1 : i + 2]
        if any(
            text[n.start] in _BULLETS or text[n.start : n.start + 1].isdigit() for n in neighbours
        ):
            b.score, b.label, b.what, b.strong = -0.5, "short", "short list item", False


def _stamped_thread(blocks: list[_Block]) -> None:
    """Reader comments without a recognisable head: after some article text, three or
    more date stamps a few blocks apart, each followed by text. The first stamp (and
    the author line before it) start the thread, a hard barrier."""
    stamps = [i for i, b in enumerate(blocks) if b.label == "byline" and b.what.startswith("date")]
    if len(stamps) < THREAD_STAMPS:
        return
    seen = 0.0
    k = 0
    for i, b in enumerate(blocks):
        if k < len(stamps) and i == stamps[k]:
            rest = stamps[k : k + THREAD_STAMPS]
            close = all(q - p <= THREAD_GAP for p, q in pairwise(rest))
            if seen >= THREAD_LEAD and len(rest) == THREAD_STAMPS and close:
                start = (
                    i - 1 if i > 0 and blocks[i - 1].words <= 3 and blocks[i - 1].score < 0 else i
                )
                for j in range(start, i + 1):
                    t = blocks[j]
                    t.score, t.label, t.strong, t.hard = -1.0, "comments", True, True
                    t.what = "reader comments: author and date stamps repeat, one per comment"
                return
            k += 1
        elif b.score > 0:
            seen += b.weight


def _heads_list(b: _Block) -> bool:
    """Whether the strong ``list`` block ``b`` is a list heading (or a list under
    one), not a single link to another article."""
    return not b.what.startswith(RELATED_LINK)


def _footer_ends_article(text: str, blocks: list[_Block]) -> None:
    """A dated copyright notice (``© 2019 CBS Interactive Inc.``) after some article
    text closes the page: it is a hard barrier, so teasers below it cannot join the
    article run."""
    if "©" not in text and "(c)" not in text and "copyright" not in text.lower():
        return  # (what FOOTER_YEAR needs)
    seen = 0.0
    for b in blocks:
        if b.score > 0:
            seen += b.weight
        elif (
            b.label == "footer"
            and seen >= THREAD_LEAD
            and b.what.startswith("copyright line")
            and FOOTER_YEAR.compiled.search(text, b.start, b.end)
        ):
            b.hard = True


def _headline_runs(text: str, blocks: list[_Block], lo: int, hi: int) -> None:
    """Three or more kept lines in a row without an end mark (headlines, each
    perhaps with a one-sentence summary under it and time stamps between them)
    near the end of the article run are a teaser list glued to the article: after
    them comes less than a third as much article text as before them. A list that
    a line ending with a colon or an ellipsis introduces is the article's own.
    ``[lo, hi)`` is the article run."""
    upto: list[float] = []  # article text before each block (found when first needed)
    run: list[int] = []
    heads = 0
    after_head = False
    for i in range(lo, hi + 1):
        b = blocks[i] if i < hi else None
        if b is not None and b.inside and not b.label:
            if b.words >= HEADLINE_MIN_WORDS:
                chunk = text[b.start : b.end]
                if not _is_terminal(chunk) and not chunk.endswith((":", "：")):
                    run.append(i)
                    heads += 1
                    after_head = True
                    continue
                if after_head and b.words <= SUMMARY_WORDS and chunk.rstrip(_TRAILING)[-1:] == ".":
                    run.append(i)  # a teaser's summary under its headline
                    after_head = False
                    continue
            elif run:
                continue  # a stamp or an author name between the headlines
        if heads >= HEADLINE_RUN:
            if not upto:
                weights = (b.weight if b.inside and b.score >= 0.5 else 0.0 for b in blocks)
                upto = [0.0, *accumulate(weights)]
            before, after = upto[run[0]], upto[-1] - upto[run[-1] + 1]
            _trailing_teasers(text, blocks, run, before, after)
        run = []
        heads = 0
        after_head = False


def _trailing_teasers(
    text: str, blocks: list[_Block], run: list[int], before: float, after: float
) -> None:
    """Label the teasers ``run`` (indices of headlines and summaries), and the kept
    stamps between them, a list when they trail the article."""
    first = run[0]
    if after * TEASER_TAIL > before:
        return
    if first:
        head = blocks[first - 1]
        intro = text[head.start : head.end]
        item = text[blocks[first].start]
        if intro.endswith((":", "：", "…", "...")) or (
            not head.label
            and head.words <= 3
            and not _is_terminal(intro)
            and (item.isdigit() or item in _BULLETS)
        ):
            return  # introduced by the text, or numbered under a heading (``Ingredients``)
    what = f"one of {len(run)} headlines and summaries in a row after the article"
    for b in blocks[first : run[-1] + 1]:
        if not b.label:
            b.label, b.what = "list", what


def _repeats(text: str, blocks: list[_Block]) -> None:
    """A kept block of the article run (``blocks``) whose sentences (most of its text) were all
    kept above it repeats them: page dumps often hold the article twice (its
    print or app copy, a teaser of its first paragraphs). A repeated question is
    the article's own (an interview asks every guest the same)."""
    seen: set[str] = set()
    for b in blocks:
        if not b.inside or b.label or b.words < 4:
            continue
        chunk = text[b.start : b.end]
        # sentences, lower-cased, as compared between blocks
        keys = chunk.lower().rstrip(" .!?").replace("? ", ". ").replace("! ", ". ").split(". ")
        if (
            b.words >= REPEAT_MIN_WORDS
            and not seen.isdisjoint(keys)
            and not chunk.rstrip(_TRAILING).endswith(("?", "？"))
        ):
            again = sum(len(k) for k in keys if len(k) >= REPEAT_MIN_CHARS and k in seen)
            if again >= REPEAT_SHARE * sum(map(len, keys)):
                b.label, b.what = "repeat", f"repeats text kept above ({b.words} words)"
                continue
        seen.update(keys)


def _under_headings(blocks: list[_Block]) -> None:
    """The block right after a list heading ("Most Read") is read as the list, even
    when its words look like prose: headlines run together end like a sentence."""
    for prev, b in pairwise(blocks):
        if (
            prev.strong
            and prev.label == "list"
            and b.score > 0
            and not b.strong
            and _heads_list(prev)
        ):
            b.score, b.label, b.what = LIST_SCORE, "list", "text under a list heading"


def _in_code(text: str, blocks: list[_Block]) -> list[tuple[int, int]]:
    """Blocks inside Markdown code (a fenced block) are content, whatever they look
    like: a line of ``};`` is code, not a separator. Returns the code spans."""
    spans = code_spans(text)
    if not spans:
        return spans
    starts = [a for a, _ in spans]
    for b in blocks:
        i = bisect_left(starts, b.start + 1) - 1  # the last span starting at or before b
        if i >= 0 and b.end <= spans[i][1]:
            _content(b)
    return spans


def _content(b: _Block) -> None:
    """Clear a verdict against ``b``: it is content (code, a table row), neutral."""
    if b.label or b.score < 0:
        b.score, b.label, b.what, b.strong = 0.0, "", "", False


def _code_whole(spans: list[tuple[int, int]], blocks: list[_Block]) -> None:
    """Markdown code is kept or deleted whole: when the verdicts delete only some of
    the blocks a code span touches (its closing fence, outside the article run), they
    all stay, so the fences still pair and the code is still code on the next run."""
    firsts = [b.start for b in blocks]
    for start, end in spans:
        i = bisect_left(firsts, start)
        if i and blocks[i - 1].end > start:
            i -= 1
        j = i
        while j < len(blocks) and blocks[j].start < end:
            j += 1
        labels = [bool(b.label) for b in blocks[i:j]]
        if any(labels) and not all(labels):
            for b in blocks[i:j]:
                b.label = ""


def _tables(text: str, blocks: list[_Block]) -> None:
    """A Markdown table is content: its rows (lines with ``|`` next to a rule row
    such as ``|---|---|``, the header row included) are neither menus nor separators.

    >>> t = "| a | b |\\n|---|---|\\n| 1 | 2 |"
    >>> rows = [_Block(0, 9, label="menu"), _Block(10, 19, label="separator"), _Block(20, 29)]
    >>> _tables(t, rows)
    >>> [b.label for b in rows]
    ['', '', '']
    """
    if "-|" not in text and "- |" not in text:
        return
    firsts = [b.start for b in blocks]
    # the lines holding ``|`` around the last rule row: every rule row among them
    # finds the same ones, so they are scanned (and their blocks cleared) once
    start = end = -1
    cleared = False
    for m in TABLE_RULE.finditer(text):
        if not start <= m.start() <= end:
            start, end, cleared = m.start(), m.end(), False
            while start > 0:  # the header row and any rows above it
                above = text.rfind("\n", 0, start - 1) + 1
                if "|" not in text[above : start - 1]:
                    break
                start = above
            while end < len(text):
                below = text.find("\n", end + 1)
                below = len(text) if below < 0 else below
                if "|" not in text[end + 1 : below]:
                    break
                end = below
        if start == m.start() or cleared:
            continue  # no header row (not a table), or done
        cleared = True
        i = bisect_left(firsts, start)
        while i < len(blocks) and blocks[i].start <= end:
            b = blocks[i]
            if b.end <= end:
                _content(b)
            i += 1


def _lists_after_headings(blocks: list[_Block]) -> None:
    """Blocks right after a list heading that are not sentences belong to the list."""
    in_list = False
    for b in blocks:
        if b.strong and b.label == "list" and _heads_list(b):
            in_list = True
            continue
        if in_list and b.score < 0.5 and not b.strong:
            b.label, b.what = "list", "item of the list above"
            continue
        in_list = False


def _edits(text: str, blocks: list[_Block]) -> list[Edit]:
    """One deletion per run of deleted blocks with the same label."""
    edits: list[Edit] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if not b.label:
            i += 1
            continue
        j = i + 1
        while (
            j < len(blocks)
            and blocks[j].label == b.label
            and not (b.label == "list" and blocks[j].strong)
        ):
            j += 1
        run = blocks[i:j]
        prev_end = blocks[i - 1].end if i > 0 else None
        next_start = blocks[j].start if j < len(blocks) else None
        start, end = run[0].start, run[-1].end
        after = text[end:next_start] if next_start is not None else ""
        before = text[prev_end:start] if prev_end is not None else ""
        if next_start is None:
            if prev_end is not None:
                start = prev_end
        elif "\n" in after and prev_end is not None and "\n" not in before:
            start = prev_end
        else:
            end = next_start
            # a full stop cut off the deleted phrase would be left orphaned: take it
            # and the spaces after it (segmentation and verdicts are unchanged)
            if (
                end == run[-1].end
                and end < len(text)
                and text[end] in ".!?"
                and (end + 1 == len(text) or text[end + 1] in " \t")
            ):
                end += 1
                while end < len(text) and text[end] in " \t":
                    end += 1
        if prev_end is None and text[:start].isspace():
            start = 0  # the document's leading indentation goes with its first block
        if edits and edits[-1].end > start:
            start = edits[-1].end
        if end > start:
            edits.append(Edit(start, end, "", f"boilerplate.{b.label}", _reason(text, run)))
        i = j
    return edits


def _reason(text: str, run: list[_Block]) -> str:
    """One sentence saying what a run of deleted blocks is and why it goes."""
    label = run[0].label
    first = run[0].what or RULES["boilerplate." + label]
    if len(run) == 1:
        return first
    words = sum(b.words for b in run)
    if label == "list" and run[0].strong:
        heading = _short(text[run[0].start : run[0].end].strip(" :"), 40)
        cut = sum(1 for b in run if text[b.start : b.end].endswith(("…", "...")))
        tail = f", {cut} of them headlines cut short with an ellipsis" if cut else ""
        items = len(run) - 1
        noun = "item" if items == 1 else "items"
        return f"{heading!r} list: the heading and {items} {noun} ({words} words){tail}"
    samples = ", ".join(repr(_short(text[b.start : b.end], 24)) for b in run[:3])
    kinds = {
        "list": "list items",
        "menu": "navigation menu",
        "outside": "text outside the article (menus, lists or widgets separate it from the article)",
        "footer": "footer",
        "widget": "widgets",
        "comments": "comment thread",
        "byline": "bylines and stamps",
        "separator": "separator lines",
    }
    return f"{kinds.get(label, label)}: {len(run)} blocks, {words} words ({samples}...)"


# --- helpers ----------------------------------------------------------------------------


def _segment_line(line: str, cutters: PhraseFinder) -> list[_Block]:
    """Blocks of one line (offsets within the line): the line itself when it is a
    short line or a clean paragraph, else its sentences cut at cues."""
    start, end = _strip(line, 0, len(line))
    if start == end:
        return []
    if (end - start < SHORT_LINE and not _has_sentence_end(line[start:end], SHORT_LINE)) or (
        end - start < PARAGRAPH_LINE
        and _is_terminal(line[end - 3 : end])
        and not _suspect(line, start, end)
    ):
        return [_Block(start, end, "line")]
    if end - start >= PARAGRAPH_LINE:
        # a flattened page: cut the whole line at once
        return _cut(line, start, end, cutters, sentences(line, start, end))
    blocks: list[_Block] = []
    for s, e in sentences(line, start, end):
        if e - s < LONG_SENTENCE and line[e - 1] in _TERMINAL and not _suspect(line, s, e):
            blocks.append(_Block(s, e, "line"))
        else:
            blocks.extend(_cut(line, s, e, cutters))
    return blocks


def _suspect(line: str, start: int, end: int) -> bool:
    """Whether ``line[start:end]`` holds a ``SUSPECT`` character or sequence.

    The pattern is a plain alternation, linear in the text, so it runs without the
    time budget (whose cost per call is more than scanning most sentences).
    """
    return SUSPECT.compiled.search(line, start, end) is not None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved past white space at both ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut(
    text: str,
    start: int,
    end: int,
    cutters: PhraseFinder,
    bounds: list[tuple[int, int]] | None = None,
) -> list[_Block]:
    """Split ``text[start:end]`` into blocks at cues (and at the ends of ``bounds``,
    the sentence spans of a flattened line)."""
    cuts: list[tuple[int, int, str]] = []  # (end of previous piece, start of next, cue)
    if bounds:
        cuts.extend((e, e, "line") for _, e in bounds)
    region = text[start:end]
    for kind, cue_pattern, needles in BLOCK_CUES:
        if any(map(region.__contains__, needles)):
            for m in cue_pattern.finditer(text, start, end):
                _cue_cut(text, start, m, kind, cuts)
    for a, b, kind in cutters.finditer(text, start, end):
        cuts.append((a, a, kind))
        cuts.append((b, b, "line"))
    run_ends: set[int] = set()
    for m in TITLE_RUN.finditer(text, start, end):
        cuts.append((m.start(), m.start(), "line"))
        cuts.append((m.end(), m.end(), "line"))
        run_ends.add(_rstrip(text, start, m.end()))
    if not cuts:
        return [_Block(start, end, "line")]
    cuts.sort()
    blocks: list[_Block] = []
    pos, cue = start, "line"
    for a, b, kind in cuts:
        if a < pos:
            continue
        if a > pos:
            _add(text, pos, a, cue, blocks)
            cue = kind
        elif kind != "line" or cue == "line":
            cue = kind  # several cuts at one place: the specific cue wins
        pos = max(pos, b)
    _add(text, pos, end, cue, blocks)
    if run_ends:
        # a piece that ends where a capital run was cut is the run itself
        for blk in blocks:
            if blk.end in run_ends:
                blk.cue = "run"
    return blocks


def _cue_cut(text: str, start: int, m: Any, kind: str, cuts: list[tuple[int, int, str]]) -> None:
    """Record where a cue cuts: (end of the piece before, start of the piece after, cue)."""
    if kind == "sep":
        cuts.append((m.start(), m.end(), "sep"))
    elif kind == "cjk":
        cuts.append((m.end(), m.end(), "line"))
    elif kind in ("ellipsis", "stamp"):
        cuts.append((m.end(), m.end(), kind))
    elif kind == "says":
        author = max(start, text.rfind(" ", start, m.start() - 1) + 1)
        cuts.append((author, author, "line"))
        cuts.append((m.end(), m.end(), "line"))
    elif kind == "paren":
        cuts.append((m.start() + 1, m.end() - 1, "line"))
    else:
        cuts.append((m.start(), m.start(), kind))


def _add(text: str, start: int, end: int, cue: str, out: list[_Block]) -> None:
    while start < end and text[start].isspace():
        start += 1
    end = _rstrip(text, start, end)
    if end > start:
        out.append(_Block(start, end, cue))


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _title(text: str, blocks: list[_Block]) -> tuple[int, int] | None:
    """Span of the page title: the first block, when it is short and not a sentence."""
    first = blocks[0]
    chunk = text[first.start : first.end]
    if len(chunk) > 200 or (_is_terminal(chunk) and len(chunk.split()) > 12):
        return None
    if BYLINE.compiled.match(chunk):
        return None
    if STAMP_HINT.compiled.search(chunk):
        m = FURNITURE.fullmatch(chunk)
        if m and m.lastgroup == "stamp":
            return None
    return first.start, first.end


def _split_title(text: str, blocks: list[_Block]) -> None:
    """Give the page title its own block: cut the site name after it, and cut the
    place where the title is repeated as a headline (when line breaks are gone)."""
    if not blocks:
        return
    first = blocks[0]
    head = text[first.start : min(first.end, first.start + 300)]
    words = head.split()
    # Only when line breaks are gone: a title on its own line is compared whole later.
    nl = text.find("\n", first.start)
    line_len = (nl if nl >= 0 else len(text)) - first.start
    if len(words) >= 3 and line_len >= SHORT_LINE:
        probe = " ".join(words[:3])
        again = text.find(probe, first.start + len(probe))
        if again > 0 and again < first.start + 20_000:
            size = _common_prefix(text, first.start, again, 300)
            size = _word_boundary(text, first.start, size)
            after = text[first.start + size : first.start + size + 3].lstrip()
            if (
                size >= 20
                and len(text[first.start : first.start + size].split()) >= 4
                and not (after[:1].islower())
            ):
                _cut_at(blocks, text, again, again + size, "line")
                if first.start + size < first.end:
                    _cut_at(blocks, text, first.start, first.start + size, "title")
    first = blocks[0]
    chunk = text[first.start : first.end]
    # only a short first block can be a title (and the search is quadratic in a long
    # run of spaces)
    m = TITLE_SITE.search(chunk) if len(chunk) < 250 else None
    if m and m.start() > 10 and _site_like(m.group("site")):
        cut = first.start + m.start()
        rest = _Block(cut, first.end, "site")
        first.end = cut
        blocks.insert(1, rest)


def _site_like(name: str) -> bool:
    """Whether a title suffix looks like a site name: short (counted in distinct words,
    so that a later fix of a doubled word cannot change the verdict), capitalised or a
    domain, not a sentence."""
    words = name.split()
    return (
        0 < len(set(words)) <= 6
        and not _is_terminal(name)
        and (name[0].isupper() or "." in name)
        and any(w[0].isupper() or "." in w for w in words)
        and sum(1 for w in words if w[0].isalpha()) * 2 >= len(words)
    )


def _cut_at(blocks: list[_Block], text: str, start: int, end: int, cue: str) -> None:
    """Make ``[start, end)`` a block of its own (splitting the block that holds it)."""
    for i, b in enumerate(blocks):
        if b.start <= start < b.end:
            pieces: list[_Block] = []
            _add(text, b.start, start, b.cue, pieces)
            _add(text, start, min(end, b.end), cue, pieces)
            _add(text, min(end, b.end), b.end, "line", pieces)
            blocks[i : i + 1] = pieces
            return


def _common_prefix(text: str, a: int, b: int, limit: int) -> int:
    n = 0
    stop = min(limit, len(text) - b)
    while n < stop and text[a + n] == text[b + n]:
        n += 1
    return n


def _word_boundary(text: str, start: int, size: int) -> int:
    """Shorten ``size`` so that ``text[start:start+size]`` ends at a word end."""
    end = start + size
    if end < len(text) and not text[end].isspace():
        while end > start and not text[end - 1].isspace():
            end -= 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return end - start


def _site_name(text: str, blocks: list[_Block]) -> str:
    """The site name cut from the title, if any."""
    for b in blocks[:3]:
        if b.cue == "site":
            return text[b.start : b.end].strip(" -|–—:·•»")
    return ""


def _is_terminal(chunk: str) -> bool:
    s = chunk.rstrip(_TRAILING)
    return bool(s) and s[-1] in _TERMINAL and not s.endswith("...")


def _bad(b: _Block, label: str, what: str, barrier: bool = False, contextual: bool = False) -> None:
    """Mark a block as boilerplate by itself (score -1)."""
    b.score, b.label, b.what, b.strong = -1.0, label, what, True
    b.contextual = contextual
    if barrier:
        b.weight += BARRIER


def _has_sentence_end(chunk: str, limit: int) -> bool:
    """Whether a sentence ends within the first ``limit`` characters."""
    head = chunk[:limit]
    return ". " in head or "? " in head or "! " in head


def _has_digit(chunk: str) -> bool:
    return not _DIGITS.isdisjoint(chunk)


def _positions(lowered: str, keys: tuple[str, ...]) -> list[int]:
    """Sorted start positions of every occurrence of ``keys`` in ``lowered``."""
    found: list[int] = []
    for key in keys:
        i = lowered.find(key)
        while i >= 0:
            found.append(i)
            i = lowered.find(key, i + 1)
    found.sort()
    return found


def _hints(text: str) -> tuple[list[int], list[int]]:
    """Where marker and comment keywords occur in ``text`` (cheap tests before the patterns)."""
    lowered = text.lower()
    return _positions(lowered, _MARKER_KEYS), _positions(lowered, _COMMENT_KEYS)


def _within(positions: list[int], start: int, end: int) -> bool:
    """Whether some position lies in ``[start, end)``."""
    i = bisect_left(positions, start)
    return i < len(positions) and positions[i] < end


def _norm(b: _Block, chunk: str) -> str:
    """``chunk`` (the text of ``b``) as looked up in the vocabularies and compared with
    the title: lower case, separators stripped, single spaces (kept on the block)."""
    if b.norm is None:
        norm = chunk.lower().strip(" :：•·|-–—>»")
        if not (norm.isprintable() and "  " not in norm):
            norm = " ".join(norm.split())  # other spaces than single plain ones
        b.norm = norm
    return b.norm


def _short(chunk: str, limit: int = 60) -> str:
    return chunk if len(chunk) <= limit else chunk[: limit - 1].rstrip() + "…"


@lru_cache(maxsize=16)
def _cutters(extra: tuple[str, ...]) -> PhraseFinder:
    """Finder for list headings and multi-word widget and footer phrases."""
    return PhraseFinder(
        {
            "heading": vocab.listed(("heading",), extra),
            "widget": vocab.listed(("widget", "footer"), extra, min_words=2),
        }
    )


def _checked_language(
    text: str,
    language: str | None,
    find_words: Callable[[str, int, int], list[str]] = WORDS.findall,
) -> str | None:
    """The detected language, unless the function words of another Western language
    clearly fit the text better (detection on pages full of code or menus misses)."""
    if language in NON_LATIN:
        return language
    size = len(text)
    low: list[str] = []  # words of three samples, lower-cased (which keeps word bounds)
    for at in (size // 4, size // 2, 3 * size // 4):
        sample = text[max(0, at - 500) : at + 500].lower()
        low += find_words(sample, 0, len(sample))
    if len(low) < 30:
        return language
    own = sum(map(lang.stopwords(language).__contains__, low)) / len(low)
    if own >= 0.15:
        return language
    best, best_share = language, own
    for code in WESTERN:
        share = sum(map(lang.stopwords(code).__contains__, low)) / len(low)
        if share > best_share:
            best, best_share = code, share
    return best if best_share >= 0.12 and best_share >= 1.5 * own else language


def _share(text: str, stops: frozenset[str]) -> float:
    """Share of function words among the words of a sample from the middle of ``text``."""
    mid = len(text) // 2
    words = WORDS.findall(text, max(0, mid - 5000), mid + 5000)
    if not words:
        return 0.0
    return sum(1 for w in words if w.lower() in stops) / len(words)


@lru_cache(maxsize=32)
def _stopwords(language: str | None) -> frozenset[str]:
    """Function words of ``language`` plus English ones; for a language without a
    list, those of every listed Western language.

    Detection on a page dump full of menus or code can miss; extra function words
    are a safe addition, as menus and lists in any language have few.
    """
    english = lang.stopwords("en")
    own = lang.stopwords(language)
    if own is english and language not in (None, "en"):
        out: frozenset[str] = frozenset()
        for code in WESTERN:
            out |= lang.stopwords(code)
        return out
    return english if own is english else own | english
