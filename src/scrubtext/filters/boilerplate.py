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

from dataclasses import dataclass
from typing import ClassVar

from .. import lang, vocab
from ..document import Document, Edit
from ..filter import TextFilter
from ..patterns import NamedPattern
from ..patterns.boilerplate import (
    BLOCK_CUE,
    BYLINE,
    COPYRIGHT,
    FOLLOW_PROMPT,
    IMAGE_NAME,
    LIST_MARKER,
    SEPARATOR_LINE,
    STAMP_ONLY,
    TITLE_RUN,
    TITLE_SITE,
    WORD_TOKEN,
    phrase_pattern,
)
from ..segment import sentences

AGGRESSIVENESS = ("precision", "balanced", "recall")

#: Lines shorter than this are one block each, without sentence splitting.
SHORT_LINE = 160
#: Words looked at for block statistics.
SAMPLE_WORDS = 60
#: Extra weight of a list heading or widget, so the article run rarely crosses one.
BARRIER = 12.0
_TERMINAL = ".!?。！？"
_CLOSERS = "\"'”’)]»"

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
    "boilerplate.outside": "text outside the article: separated from it by menus, lists or widgets",
}


#: Labels of page furniture that may sit between a headline and the article.
FURNITURE = frozenset(["byline", "image_name", "separator", "crumb", "title_repeat"])


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
        return not doc.meta.get("html") and bool(doc.text.strip())

    def propose(self, doc: Document) -> list[Edit]:
        text = doc.text
        code = doc.meta.get("language")
        stops = lang.stopwords(code)
        known = code is None or code == "en" or stops is not lang.stopwords("en")
        blocks = self._segment(text)
        if not blocks:
            return []
        title = _title(text, blocks)
        site = _site_name(text, blocks)
        for i, b in enumerate(blocks):
            self._classify(text, b, i, stops, known, title, site)
        self._decide(text, blocks, title is not None)
        return _edits(text, blocks)

    # --- segmentation -------------------------------------------------------------------

    def _segment(self, text: str) -> list[_Block]:
        blocks: list[_Block] = []
        cutters = self._cutters()
        pos = 0
        for line in text.split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start == end:
                continue
            if end - start < SHORT_LINE:
                blocks.append(_Block(start, end, "line"))
                continue
            for s, e in sentences(text, start, end):
                blocks.extend(_cut(text, s, e, cutters))
        _split_title(text, blocks)
        return blocks

    def _cutters(self) -> tuple[NamedPattern, NamedPattern]:
        heads = vocab.listed(("heading",), self.extra_phrases)
        widgets = vocab.listed(("widget", "footer"), self.extra_phrases, min_words=2)
        return (
            phrase_pattern(heads, "boilerplate.heading_phrase"),
            phrase_pattern(widgets, "boilerplate.widget_phrase"),
        )

    # --- classification -----------------------------------------------------------------

    def _classify(
        self,
        text: str,
        b: _Block,
        index: int,
        stops: frozenset[str],
        known: bool,
        title: tuple[int, int] | None,
        site: str,
    ) -> None:
        chunk = text[b.start : b.end]
        words = WORD_TOKEN.compiled.findall(chunk, 0, 600)
        n = len(words)
        if n and len(chunk) > 600:
            n = max(n, len(chunk.split()))
        b.words = n
        b.weight = max(1.0, float(n)) if n else max(1.0, len(chunk) / 6)
        norm = " ".join(chunk.lower().strip(" :：•·|-–—>»").split())
        hit = vocab.lookup(norm, self.extra_phrases) if len(norm) < 80 else None

        def bad(label: str, what: str, barrier: bool = False) -> None:
            b.score, b.label, b.what, b.strong = -1.0, label, what, True
            if barrier:
                b.weight += BARRIER

        if title and (b.start, b.end) == title:
            b.label, b.what, b.score = "title", "page title", 0.0
            return
        if b.cue == "site":
            bad("site_name", f"site name {chunk.strip(' -|–—:')!r} after the page title")
            return
        if not n or SEPARATOR_LINE.fullmatch(chunk):
            bad("separator", f"lone separator {chunk!r}")
            return
        if IMAGE_NAME.fullmatch(chunk):
            bad("image_name", f"image file name {chunk!r}")
            return
        if hit is not None:
            kind = hit.kind
            label = {"heading": "list", "widget": "widget", "footer": "footer"}.get(kind, "menu")
            bad(label, f"{hit.name} {kind} {chunk.strip()!r}", barrier=kind != "menu")
            return
        if b.cue == "heading":
            head = chunk.split()[:3]
            bad("list", f"list {' '.join(head)!r}... of {n} words under a heading", barrier=True)
            return
        if COPYRIGHT.search(chunk) and n <= 40:
            bad("footer", f"copyright line {_short(chunk)!r}", barrier=True)
            return
        if FOLLOW_PROMPT.search(chunk) and n <= 30:
            bad("widget", f"follow prompt {_short(chunk)!r}", barrier=True)
            return
        if title and index > 0 and _same(chunk, text[title[0] : title[1]]):
            bad("title_repeat", "headline repeating the page title")
            return
        if site and norm == site.lower():
            bad("site_name", f"site name {chunk!r}")
            return
        terminal = _is_terminal(chunk)
        sample = words[:SAMPLE_WORDS]
        m = len(sample)
        stop_share = sum(1 for w in sample if w.lower() in stops) / m
        caps = sum(1 for w in sample if w[0].isupper()) / m
        if n <= 15 and not terminal and (BYLINE.compiled.match(chunk) or STAMP_ONLY.fullmatch(chunk)):
            bad("byline", f"byline or stamp {_short(chunk)!r}")
            return
        if LIST_MARKER.search(chunk) and n <= 3 and not terminal:
            bad("crumb", f"crumb {chunk!r}")
            return
        menu_words = vocab.phrases("menu")
        if n >= 2 and not terminal:
            in_menu = sum(1 for w in sample if w.lower() in menu_words)
            if in_menu >= 0.6 * m:
                bad("menu", f"menu of {n} section or language names")
                return
        seps = chunk.count("|") + chunk.count("»") + chunk.count("•")
        if seps >= 2 and not terminal and seps * 6 >= n:
            bad("menu", f"menu of {seps + 1} items split by separators")
            return
        b.score, b.label, b.what = _content_score(
            n, stop_share if known else 0.25, caps, terminal, b.cue, chunk
        )

    # --- decisions ----------------------------------------------------------------------

    def _decide(self, text: str, blocks: list[_Block], has_title: bool) -> None:
        lo, hi = _best_run(blocks)
        mode = self.aggressiveness
        evidence = sum(1 for b in blocks if b.strong) or sum(1 for b in blocks if b.score < 0) >= 3
        headline = _headline(blocks, lo) if self.keep_headings else -1
        for i, b in enumerate(blocks):
            if b.label == "title":
                b.label = "" if self.keep_headings else "heading"
                continue
            inside = lo <= i < hi
            if b.strong:
                continue
            if i == headline:
                b.label = ""
                continue
            if inside:
                if b.label == "heading" and not self.keep_headings:
                    continue
                if mode == "recall" and b.score < 0 and b.label in ("short", "list"):
                    b.label = b.label if b.label == "list" else "outside"
                    b.what = b.what or "short line without a sentence"
                    continue
                if b.label == "list" and b.cue in ("ellipsis", "list"):
                    continue
                b.label = ""
                continue
            # outside the article run
            if not evidence:
                b.label = ""
                continue
            if b.score <= 0:
                b.label = b.label if b.label in ("list", "menu") else "outside"
                continue
            if mode == "precision":
                b.label = ""
                continue
            b.label = "outside"
        _lists_after_headings(blocks)


def _content_score(
    n: int, stop: float, caps: float, terminal: bool, cue: str, chunk: str
) -> tuple[float, str, str]:
    """(score, label, what) for a block that no vocabulary or furniture rule claimed."""
    truncated = chunk.endswith(("…", "..."))
    if truncated and not terminal:
        return -0.8, "list", "headline cut short with an ellipsis"
    if cue == "run" and stop < 0.1:
        return -0.8, "menu", f"run of {n} capitalised words without a sentence"
    if n >= 8 and stop >= 0.18 and terminal:
        return 1.0, "", ""
    if n >= 20 and stop >= 0.12:
        return 0.8, "", ""
    if n >= 8 and stop >= 0.18:
        return 0.2, "heading", "long line without sentence punctuation"
    if terminal and n >= 4 and stop > 0:
        return 0.3, "", ""
    if n <= 12 and caps >= 0.6 and not terminal:
        return -0.6, "heading", f"short capitalised line of {n} words"
    if n < 8 and not terminal:
        return -0.5, "short", f"short line of {n} words without a sentence"
    return -0.2, "short", f"line of {n} words with few function words"


def _best_run(blocks: list[_Block]) -> tuple[int, int]:
    """Indices [lo, hi) of the run of blocks with the largest total weighted score."""
    best = cur = 0.0
    best_lo = best_hi = cur_lo = 0
    for i, b in enumerate(blocks):
        v = b.score * b.weight
        if cur <= 0:
            cur, cur_lo = v, i
        else:
            cur += v
        if cur > best:
            best, best_lo, best_hi = cur, cur_lo, i + 1
    return best_lo, best_hi


def _headline(blocks: list[_Block], lo: int) -> int:
    """Index of the headline just before the article run (furniture skipped), or -1."""
    i = lo - 1
    while i >= 0 and blocks[i].strong and blocks[i].label in FURNITURE:
        i -= 1
    if i < 0 or blocks[i].strong:
        return -1
    b = blocks[i]
    return i if 2 <= b.words <= 25 and b.score < 0.5 and b.label != "list" else -1


def _lists_after_headings(blocks: list[_Block]) -> None:
    """Blocks right after a list heading that are not sentences belong to the list."""
    in_list = False
    for b in blocks:
        if b.strong and b.label == "list":
            in_list = True
            continue
        if in_list and b.score < 0.5:
            if not b.label:
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
        while j < len(blocks) and blocks[j].label == b.label:
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
        if edits and edits[-1].end > start:
            start = edits[-1].end
        if end > start:
            edits.append(Edit(start, end, "", f"boilerplate.{b.label}", _reason(run)))
        i = j
    return edits


def _reason(run: list[_Block]) -> str:
    label = run[0].label
    if len(run) == 1:
        return f"{run[0].what or RULES['boilerplate.' + label]}"
    words = sum(b.words for b in run)
    first = run[0].what or RULES["boilerplate." + label]
    kinds = {
        "list": "list",
        "menu": "menu",
        "outside": "text outside the article",
        "footer": "footer",
        "widget": "widgets",
        "byline": "bylines and stamps",
    }
    return f"{kinds.get(label, label)} of {len(run)} blocks ({words} words), starting with {first}"


# --- helpers ----------------------------------------------------------------------------


def _cut(
    text: str, start: int, end: int, cutters: tuple[NamedPattern, NamedPattern]
) -> list[_Block]:
    """Split a sentence span into blocks at cues."""
    cuts: list[tuple[int, int, str]] = []  # (end of previous piece, start of next, cue)
    for m in BLOCK_CUE.finditer(text, start, end):
        kind = m.lastgroup or ""
        if kind == "sep":
            cuts.append((m.start(), m.end(), "sep"))
        elif kind in ("ellipsis", "stamp"):
            cuts.append((m.end(), m.end(), kind))
        else:
            cuts.append((m.start(), m.start(), kind))
    heads, widgets = cutters
    for m in heads.finditer(text, start, end):
        cuts.append((m.start(), m.start(), "heading"))
    for m in widgets.finditer(text, start, end):
        cuts.append((m.start(), m.start(), "widget"))
        cuts.append((m.end(), m.end(), "line"))
    for m in TITLE_RUN.finditer(text, start, end):
        cuts.append((m.start(), m.start(), "line"))
        cuts.append((m.end(), m.end(), "run-end"))
    if not cuts:
        return [_Block(start, end, "line")]
    cuts.sort()
    blocks: list[_Block] = []
    pos, cue = start, "line"
    for a, b, kind in cuts:
        if a < pos:
            continue
        _add(text, pos, a, cue, blocks)
        pos, cue = b, kind
    _add(text, pos, end, cue, blocks)
    for blk in blocks:
        if blk.cue == "run-end":
            blk.cue = "line"
    # a piece that ends where a capital run was cut is the run itself
    for a, _, kind in cuts:
        if kind == "run-end":
            for blk in blocks:
                if blk.end == a or blk.end == _rstrip(text, blk.start, a):
                    blk.cue = "run"
    return blocks


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
    if len(chunk) > 200 or _is_terminal(chunk) and len(chunk.split()) > 12:
        return None
    if BYLINE.compiled.match(chunk) or STAMP_ONLY.fullmatch(chunk):
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
        if 0 < again and again < first.start + 20_000:
            size = _common_prefix(text, first.start, again, 300)
            size = _word_boundary(text, first.start, size)
            if size >= len(probe):
                _cut_at(blocks, text, again, again + size, "line")
                if first.start + size < first.end:
                    _cut_at(blocks, text, first.start, first.start + size, "title")
    first = blocks[0]
    chunk = text[first.start : first.end]
    m = TITLE_SITE.search(chunk)
    if m and m.start() > 10 and len(chunk) < 250:
        cut = first.start + m.start()
        rest = _Block(cut, first.end, "site")
        first.end = cut
        blocks.insert(1, rest)


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
    s = chunk.rstrip(_CLOSERS + " ")
    return bool(s) and s[-1] in _TERMINAL and not s.endswith("...")


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _short(chunk: str, limit: int = 60) -> str:
    return chunk if len(chunk) <= limit else chunk[: limit - 1].rstrip() + "…"
