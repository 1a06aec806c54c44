"""Main-content extraction from an HTML page.

The page is parsed with lxml and walked once, iteratively (deep trees are safe),
into *blocks*: runs of text between block-level tags, each with its length, the
share of it inside links and its tag; furniture elements are kept as block ranges.
Then:

1. every block gets a value: long, sentence-like, link-poor text with its
   language's function words is positive, link lists and short fragments
   negative, and text under furniture (``nav``, ``footer``, share bars, comment
   widgets...) or in a grid of teaser cards counts for little;
2. the container element whose blocks add up to the highest value is the main
   content (an article-body marker adds a bonus);
3. inside it, what precedes the title heading, blocks under furniture that does
   not itself hold the container, teaser cards, link lists, stock phrases,
   promotional prompts and copyright lines are dropped;
4. the title (``<h1>``, ``og:title`` or ``<title>`` minus the site name) leads the
   text if the container does not already start with it.

Output: blocks separated by a blank line, list items and table rows by a line
break. Pages the tree parser cannot take whole (nesting beyond its depth limit)
go through a tree-free fallback that keeps all visible text.

>>> r = extract("<html><body><nav><a href=/>Home</a></nav><article><h1>Rain</h1>"
...             "<p>It rained all day in the city, and the river rose by a metre.</p>"
...             "</article><footer>© Site</footer></body></html>")
>>> r.text
'Rain\\n\\nIt rained all day in the city, and the river rose by a metre.'
>>> dict(sorted(r.dropped.items()))
{'blocks outside the main content': 2, 'footer': 1, 'navigation': 1}
"""

from __future__ import annotations

import html as _html
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import html_vocab as V
from . import lang
from .patterns.html import (
    ATTR_CAMEL_BREAK,
    ATTR_WORD_BREAK,
    BYLINE,
    CALL_TO_ACTION,
    COMMENTS_HEADING,
    COPYRIGHT_NOTICE,
    DATE_STAMP,
    HIDDEN_STYLE,
    MARKUP_TOKEN,
    MEDIA_COUNTER,
    TITLE_SEPARATOR,
)

#: Marker for a ``<br>`` inside a block (lxml never yields NUL in text).
_BR = "\x00"
#: Punctuation stripped from word ends before the stopword test.
_WORD_EDGE = ".,;:!?\"'()[]“”‘’«»—–-…"
#: Upper- to lower-case for ASCII letters only.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
#: Sentence-final characters.
_SENTENCE_END = ".!?。！？…\"'”’)"
#: Share of a block's text inside links above which it is a link list.
LINK_LIST = 0.5
#: A furniture mark holding at least this share of the page's good text is a
#: layout wrapper, not furniture.
WRAPPER_SHARE = 0.4
#: Blocks shorter than this (non-space characters) are checked for promotional prompts.
PROMPT_CHARS = 160
#: A card with a linked headline and less prose than this is a teaser.
TEASER_PROSE = 400
#: A comment-section heading ends the article only after this much value (or 30 %
#: of the range's), so a "12 comments" link under the headline does not.
COMMENTS_AFTER = 400.0
#: Below this best score the page is short, and a container holding the best one is
#: taken instead when it scores ``WIDEN`` of it.
SHORT_PAGE = 300.0
WIDEN = 0.75
#: Score bonus (a fraction) for a container marked as the article body.
CONTENT_BONUS = 0.25
_CELL_TAGS = frozenset(["li", "td", "th", "dd", "dt"])


@dataclass(frozen=True)
class Extraction:
    """What :func:`extract` found: the text, what it dropped, and any problem.

    ``dropped`` counts removed things by kind (``script``, ``navigation``,
    ``share bar``, ``blocks outside the main content``...). ``problem`` is None,
    ``"not_html"`` (no markup found), ``"fallback"`` (the tree parser gave up; all
    visible text kept) or ``"empty"`` (no text at all).
    """

    text: str
    dropped: Mapping[str, int] = field(default_factory=dict)
    problem: str | None = None
    language: str | None = None
    #: ``(offset in text, source line)`` where each kept block starts, in text order
    #: (line 1 is the page's first line); empty when lines are unknown.
    anchors: tuple[tuple[int, int], ...] = ()


@dataclass(slots=True)
class _Block:
    text: str
    tag: str
    chars: int
    link_chars: int
    group: int
    group_sep: str
    outer: int
    value: float = 0.0
    line: int = 0


@dataclass(slots=True)
class _Mark:
    kind: str
    start: int
    end: int = -1


@dataclass(slots=True)
class _Walk:
    """State of one walk over the tree."""

    word_kinds: Mapping[str, str]
    stem_kinds: Mapping[str, str]
    stem_sizes: tuple[int, ...]
    blocks: list[_Block] = field(default_factory=list)
    marks: list[_Mark] = field(default_factory=list)
    containers: list[tuple[int, int, float]] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    teasers: list[tuple[int, int]] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)
    headings: list[tuple[int, str, str]] = field(default_factory=list)
    buf: list[str] = field(default_factory=list)
    link_chars: int = 0
    #: Source line of the element being read, and of the first text in ``buf``.
    line: int = 0
    buf_line: int = 0
    attr_cache: dict[str, str | None] = field(default_factory=dict)


#: What :func:`_attr_kind` returns for a class or id that marks the article body.
_CONTENT = "#content"


def _attr_kind(walk: _Walk, value: str) -> str | None:
    """The furniture kind a class or id value marks, ``_CONTENT`` for an
    article-body marker, or None."""
    cached = walk.attr_cache.get(value, "")
    if cached != "":
        return cached
    kind: str | None = None
    lowered = value.lower()
    if any(name.replace("_", "-") in V.CONTENT_WORDS for name in lowered.split()):
        kind = _CONTENT
    else:
        stems = walk.stem_kinds
        words = ATTR_WORD_BREAK.sub(" ", ATTR_CAMEL_BREAK.sub(" ", value)).lower().split()
        for word in words:
            if word in V.NOT_FURNITURE:
                continue
            kind = walk.word_kinds.get(word)
            if kind is None:
                for size in walk.stem_sizes:
                    kind = stems.get(word[:size])
                    if kind is not None:
                        break
            if kind is not None:
                break
    walk.attr_cache[value] = kind
    return kind


def _is_hidden(attrs: Any) -> bool:
    if "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true":
        return True
    style = attrs.get("style")
    return bool(style and HIDDEN_STYLE.search(style))


def _block_text(raw: str) -> str:
    """Collapse the whitespace of a block's raw text; ``<br>`` gives a line break,
    two or more in a row a paragraph break."""
    parts: list[str] = []
    blank = False
    for line in raw.split(_BR):
        line = " ".join(line.split())
        if not line:
            blank = bool(parts)
            continue
        if parts:
            parts.append("\n\n" if blank else "\n")
        parts.append(line)
        blank = False
    return "".join(parts)


def _flush(walk: _Walk, tag: str, group: tuple[int, str, int]) -> None:
    """Close the text gathered so far into a block."""
    if not walk.buf:
        return
    raw = "".join(walk.buf)
    walk.buf.clear()
    links = walk.link_chars
    walk.link_chars = 0
    text = _block_text(raw)
    if not text:
        return
    chars = len(text) - text.count(" ") - text.count("\n")
    walk.blocks.append(_Block(text, tag, chars, min(links, chars), *group, line=walk.buf_line))


def _add_preformatted(walk: _Walk, el: Any, group: tuple[int, str, int]) -> None:
    """A ``<pre>`` element as one block, its line breaks and indentation kept."""
    lines = [line.rstrip() for line in "".join(el.itertext()).split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    text = "\n".join(lines).replace(_BR, "")
    chars = len(text) - text.count(" ") - text.count("\n")
    if chars:
        walk.blocks.append(_Block(text, "pre", chars, 0, *group, line=el.sourceline or 0))


def _is_permalink_mark(el: Any, attrs: Any) -> bool:
    """An in-page link whose text is only a symbol (a heading's "¶" or "#")."""
    if not attrs.get("href", "").startswith("#"):
        return False
    text = "".join(el.itertext())
    return len(text) <= 3 and not any(ch.isalnum() for ch in text)


def _add_text(walk: _Walk, text: str | None, in_link: bool) -> None:
    if text:
        if not walk.buf:
            walk.buf_line = walk.line
        walk.buf.append(text)
        if in_link:
            walk.link_chars += len(text) - text.count(" ") - text.count("\n")


def _walk(root: Any, walk: _Walk) -> None:
    """Linearise the tree into blocks, marks and container ranges (no recursion)."""
    # A frame saves the context to restore when its element closes:
    # (tag, block tag, group, in_link, first block, mark index, bonus). A group is
    # (id, separator between its blocks, id of the enclosing table or list).
    stack: list[tuple[Any, tuple[Any, ...] | None]] = [(root, None)]
    ctx_tag = "body"
    ctx_group: tuple[int, str, int] = (0, "\n\n", 0)
    in_link = False
    groups = 0
    while stack:
        el, frame = stack.pop()
        if frame is not None:
            tag, p_tag, p_group, p_link, first, mark_i, bonus = frame
            if tag in V.BLOCK_TAGS or mark_i >= 0:
                _flush(walk, ctx_tag, ctx_group)
            if tag in ("h1", "h2") and 0 < len(walk.blocks) - first <= 3:
                text = " ".join(b.text for b in walk.blocks[first:])
                walk.headings.append((first, tag, text))
            if tag in V.CONTAINER_TAGS or bonus:
                walk.containers.append((first, len(walk.blocks), bonus))
            if tag == "blockquote":
                walk.quotes.append((first, len(walk.blocks)))
            elif tag in V.CONTAINER_TAGS and _is_teaser(walk.blocks, first, len(walk.blocks)):
                walk.teasers.append((first, len(walk.blocks)))
            if mark_i >= 0:
                walk.marks[mark_i].end = len(walk.blocks)
            ctx_tag, ctx_group, in_link = p_tag, p_group, p_link
            _add_text(walk, el.tail, in_link)
            continue
        raw_tag = el.tag
        if not isinstance(raw_tag, str):  # comment or processing instruction
            _add_text(walk, el.tail, in_link)
            continue
        tag = raw_tag.rsplit("}", 1)[-1].lower()
        walk.line = el.sourceline or walk.line
        if tag in V.NEVER_TEXT:
            what = V.NEVER_TEXT_KIND.get(tag, tag)
            if what:
                walk.dropped[what] += 1
            _add_text(walk, el.tail, in_link)
            continue
        if tag == "br":
            if not walk.buf:
                walk.buf_line = walk.line
            walk.buf.append(_BR)
            _add_text(walk, el.tail, in_link)
            continue
        attrs = el.attrib
        top = tag in ("html", "body")
        if attrs and not top and _is_hidden(attrs):
            walk.dropped["hidden"] += 1
            _add_text(walk, el.tail, in_link)
            continue
        if tag == "a" and ctx_tag in V.HEADING_TAGS and _is_permalink_mark(el, attrs):
            _add_text(walk, el.tail, in_link)  # the "¶" or "#" after a heading
            continue
        if tag == "pre":
            _flush(walk, ctx_tag, ctx_group)
            _add_preformatted(walk, el, ctx_group)
            _add_text(walk, el.tail, in_link)
            continue
        if top:
            kind, content = None, False
        elif attrs:
            kind, content = _element_kind(walk, attrs, tag)
        else:
            kind, content = V.FURNITURE_TAGS.get(tag), False
        bonus = CONTENT_BONUS if content else 0.0
        is_block = tag in V.BLOCK_TAGS or kind is not None
        if is_block:
            _flush(walk, ctx_tag, ctx_group)
        mark_i = -1
        if kind is not None:
            mark_i = len(walk.marks)
            walk.marks.append(_Mark(kind, len(walk.blocks)))
        frame = (
            tag,
            ctx_tag,
            ctx_group,
            in_link,
            len(walk.blocks),
            mark_i,
            bonus,
        )
        stack.append((el, frame))
        if tag in ("ul", "ol", "dl", "table"):
            groups += 1
            ctx_group = (groups, "\n", groups)
        elif tag == "tr":
            groups += 1
            ctx_group = (groups, "\t", ctx_group[2])
        if is_block:
            ctx_tag = tag
        if tag == "a" and "href" in attrs:
            # A heading's permalink (href="#...") does not make the heading a link.
            in_link = not (ctx_tag in V.HEADING_TAGS and attrs["href"].startswith("#"))
        _add_text(walk, el.text, in_link)
        for child in reversed(el):
            stack.append((child, None))
    _flush(walk, ctx_tag, ctx_group)


def _is_teaser(blocks: list[_Block], start: int, end: int) -> bool:
    """Whether blocks[start:end] look like a teaser card: a linked headline over a
    short summary."""
    if not 2 <= end - start <= 8:
        return False
    headline = False
    prose = 0
    for b in blocks[start:end]:
        if b.link_chars >= 0.8 * b.chars:
            headline = headline or (b.tag in V.HEADING_TAGS and b.chars >= 15)
        else:
            prose += b.chars - b.link_chars
    return headline and prose < TEASER_PROSE


def _element_kind(walk: _Walk, attrs: Any, tag: str) -> tuple[str | None, bool]:
    """The furniture kind of an element (from its tag, and its role, class and id
    attributes) and whether it is marked as the article body."""
    # <article> and <main> get no bonus: pages use them for teaser cards and wrappers.
    content = attrs.get("itemprop", "").lower() == "articlebody"
    kind = V.FURNITURE_TAGS.get(tag)
    role = attrs.get("role")
    if kind is None and role:
        kind = V.FURNITURE_ROLES.get(role.strip().lower())
    # A link's own class says little about the text around it (mdBook's headings
    # are <a class="header">); links in furniture go with their container.
    for attr in () if tag == "a" else ("class", "id"):
        value = attrs.get(attr)
        if value:
            found = _attr_kind(walk, value)
            if found == _CONTENT:
                content = True
            elif kind is None:
                kind = found
    return kind, content


# --- scoring and selection ---------------------------------------------------------


def _stopword_set(code: str | None) -> frozenset[str] | None:
    """Function words for ``code``, or None where there is no list for it."""
    if not code:
        return None
    stops = lang.stopwords(code)
    if code != "en" and stops is lang.stopwords("en"):
        return None
    return stops


def _page_language(root: Any, blocks: list[_Block]) -> str | None:
    """The language of the page's longer text blocks; the ``lang`` attribute only
    when they are too few (it is often a site-wide default, and wrong)."""
    sample: list[str] = []
    size = 0
    for b in blocks:
        if b.chars >= 80 and b.link_chars * 4 < b.chars:
            sample.append(b.text)
            size += len(b.text)
            if size >= lang.SAMPLE_CHARS:
                break
    found = lang.detect(" ".join(sample)) if sample else None
    if found:
        return found
    declared = (root.get("lang") or "").strip().lower()[:2]
    return declared or None


def _score(blocks: list[_Block], stops: frozenset[str] | None) -> None:
    """Give every block its value from its own text (marks are weighed later)."""
    for b in blocks:
        chars = b.chars
        links = b.link_chars
        if b.tag in V.HEADING_TAGS:
            b.value = 0.0
            continue
        density = links / chars
        if density > LINK_LIST:
            b.value = -(10.0 + 0.5 * links)
            continue
        if chars < 50 or density > 0.3:
            if links:
                b.value = -5.0
            elif b.tag == "p" and b.text[-1] in _SENTENCE_END:
                b.value = 0.5 * chars  # a short sentence of its own
            else:
                b.value = 0.0 if b.tag in _CELL_TAGS else -5.0
            continue
        if stops is not None:
            words = b.text.split()
            if len(words) >= 8:
                hits = sum(1 for w in words if w.lower().strip(_WORD_EDGE) in stops)
                if hits < 0.05 * len(words):
                    b.value = -5.0
                    continue
        weight = 1.0 if b.tag == "p" else 0.6 if b.tag in _CELL_TAGS else 0.8
        if b.text[-1] not in _SENTENCE_END:
            weight *= 0.7
        b.value = weight * (chars - links)


def _trusted_marks(walk: _Walk) -> set[int]:
    """Marks that really are furniture: not layout wrappers that hold much of the
    page's good text (``<div class="has-sidebar">`` around the article)."""
    mass = [0.0]
    for b in walk.blocks:
        mass.append(mass[-1] + max(b.value, 0.0))
    total = mass[-1]
    trusted = set()
    for i, m in enumerate(walk.marks):
        share = (mass[m.end] - mass[m.start]) / total if total else 0.0
        if share < WRAPPER_SHARE or m.kind in V.ALWAYS_FURNITURE:
            trusted.add(i)
    return trusted


def _weigh_marks(walk: _Walk, trusted: set[int]) -> None:
    """Text under furniture counts 30 %."""
    covered = _in_ranges(len(walk.blocks), [_span(walk.marks[i]) for i in trusted])
    for b, under in zip(walk.blocks, covered, strict=True):
        if under and b.value > 0:
            b.value *= 0.3


def _span(mark: _Mark) -> tuple[int, int]:
    return mark.start, mark.end


def _choose(walk: _Walk) -> tuple[int, int]:
    """The block range of the best container, or the whole page if none scores."""
    prefix = [0.0]
    for b in walk.blocks:
        prefix.append(prefix[-1] + b.value)
    best, best_range = 0.0, (0, len(walk.blocks))
    scored = []
    for start, end, bonus in walk.containers:
        if end <= start:
            continue
        s = prefix[end] - prefix[start]
        if s > 0:
            s *= 1.0 + bonus
        scored.append((s, start, end))
        if s > best:
            best, best_range = s, (start, end)
    # On a short page a breadcrumb or two can outweigh the text: there a wider
    # container holding the best one is taken when it scores nearly as well.
    lo, hi = best_range
    wider = [
        (end - start, start, end)
        for s, start, end in scored
        if best < SHORT_PAGE
        and start <= lo
        and end >= hi
        and end - start > hi - lo
        and s >= WIDEN * best
    ]
    if wider:
        _, lo, hi = min(wider)
    return lo, hi


def _norm_phrase(text: str) -> str:
    return " ".join(text.lower().strip(_WORD_EDGE + " :").split())


def _teaser_blocks(walk: _Walk) -> list[bool]:
    """Blocks inside teaser cards, when the page has a grid of them (three or more)."""
    if len(walk.teasers) < 3:
        return [False] * len(walk.blocks)
    return _in_ranges(len(walk.blocks), walk.teasers)


def _leading_stamps(blocks: list[_Block], first: int, end: int) -> set[int]:
    """Short byline and date lines before the first paragraph of the range."""
    found = set()
    for i in range(first, end):
        b = blocks[i]
        if b.value > 0:
            break
        text = b.text
        if b.chars > 120 or b.tag in V.HEADING_TAGS or text[-1] in ".!?":
            continue
        if BYLINE.fullmatch(text) or (len(text.split()) <= 12 and DATE_STAMP.fullmatch(text)):
            found.add(i)
    return found


def _comments_start(blocks: list[_Block], first: int, end: int) -> int:
    """Where a reader-comment section starts inside ``blocks[first:end]`` (its heading,
    once some article text lies before it), or ``end``."""
    total = sum(b.value for b in blocks[first:end] if b.value > 0)
    before = 0.0
    for i in range(first, end):
        b = blocks[i]
        # A real heading (not a linked comment count) needs less article before it.
        heading = b.tag in V.HEADING_TAGS and not b.link_chars
        enough = before >= min(0.3 * total, COMMENTS_AFTER / 4 if heading else COMMENTS_AFTER)
        if b.chars < 60 and enough and COMMENTS_HEADING.fullmatch(_norm_phrase(b.text)):
            return i
        before += max(b.value, 0.0)
    return end


def _in_ranges(n: int, ranges: list[tuple[int, int]]) -> list[bool]:
    """For each of ``n`` indexes, whether one of the half-open ``ranges`` covers it."""
    depth = [0] * (n + 1)
    for start, end in ranges:
        depth[start] += 1
        depth[end] -= 1
    covered = []
    level = 0
    for i in range(n):
        level += depth[i]
        covered.append(level > 0)
    return covered


def _select(
    walk: _Walk, trusted: set[int], start: int, end: int, title_at: int, teaser: list[bool]
) -> list[_Block]:
    """Blocks of the chosen range that are not furniture; count what goes.

    When the title heading lies inside the range, what comes before it (tickers,
    breadcrumbs, kickers) goes too."""
    active = [
        walk.marks[i]
        for i in sorted(trusted)
        if not (walk.marks[i].start <= start and walk.marks[i].end >= end)
    ]
    furniture = _in_ranges(len(walk.blocks), [_span(m) for m in active])
    dropped = walk.dropped
    kept: list[_Block] = []
    outside = start + len(walk.blocks) - end
    if outside:
        dropped["blocks outside the main content"] += outside
    first = start
    if start < title_at < end:
        first = title_at
        plain = first - start - sum(furniture[start:first])
        if plain:
            dropped["blocks before the title"] += plain
    quoted = _in_ranges(len(walk.blocks), walk.quotes)
    # Lists and tables whose items are mostly prose keep their link-heavy items too.
    items: Counter[int] = Counter()
    linky: Counter[int] = Counter()
    for b in walk.blocks[first:end]:
        if b.group:
            items[b.group] += 1
            if b.link_chars > LINK_LIST * b.chars:
                linky[b.group] += 1
    end = _comments_start(walk.blocks, first, end)
    stamps = _leading_stamps(walk.blocks, first, end)
    for i in range(first, end):
        b = walk.blocks[i]
        if furniture[i]:
            continue
        if i in stamps:
            dropped["bylines and date stamps"] += 1
            continue
        if teaser[i] and not teaser[start]:
            dropped["teasers"] += 1
            continue
        if (
            b.link_chars > LINK_LIST * b.chars
            and not quoted[i]
            and not (b.group and 2 * linky[b.group] < items[b.group])
        ):
            dropped["link lists"] += 1
            continue
        if len(b.text) < 40 and _norm_phrase(b.text) in V.FURNITURE_PHRASES:
            dropped["stock phrases"] += 1
            continue
        if b.chars < 200 and COPYRIGHT_NOTICE.search(b.text):
            dropped["copyright notices"] += 1
            continue
        if b.chars < PROMPT_CHARS and (
            CALL_TO_ACTION.search(b.text) or MEDIA_COUNTER.fullmatch(b.text)
        ):
            dropped["prompts"] += 1
            continue
        kept.append(b)
    # A heading with nothing after it introduced something that was dropped.
    while kept and kept[-1].tag in V.HEADING_TAGS:
        kept.pop()
        dropped["orphan headings"] += 1
    # Count each dropped furniture element once: the outermost of nested ones.
    reach = -1
    for mark in sorted(active, key=lambda m: (m.start, -m.end)):
        if mark.end > mark.start and mark.end > reach:
            dropped[mark.kind] += 1
            reach = mark.end
    return kept


# --- title -------------------------------------------------------------------------


def _meta_content(root: Any, attr: str, value: str) -> str:
    for el in root.iter("meta"):
        if (el.get(attr) or "").lower() == value:
            return " ".join((el.get("content") or "").split())
    return ""


def _words(text: str) -> set[str]:
    return {w.lower().strip(_WORD_EDGE) for w in text.split()} - {""}


def _title(root: Any, walk: _Walk) -> tuple[str, int]:
    """The article title and the block index of its heading (-1 if none): the
    ``<h1>`` (else ``<h2>``) that matches og:title or the longest part of
    ``<title>``, else an ``<h1>`` equal to another part of it (``IDLE — Python
    documentation``), else og:title or the longest part of ``<title>``."""
    head = root.find("head")
    page_title = ""
    others: list[str] = []
    if head is not None:
        og = _meta_content(head, "property", "og:title")
        title_el = head.find("title")
        raw = " ".join("".join(title_el.itertext() if title_el is not None else ()).split())
        pieces = sorted(_split_title(raw), key=len, reverse=True)
        page_title = og or (pieces[0] if pieces else raw)
        others = [_norm_phrase(p) for p in pieces if p != page_title]
    h1s = [(i, t) for i, tag, t in walk.headings if tag == "h1" and t and len(t) < 300]
    if not page_title:
        return (h1s[0][1], h1s[0][0]) if h1s else ("", -1)
    h2s = [(i, t) for i, tag, t in walk.headings if tag == "h2" and t and len(t) < 300]
    want = _words(page_title)
    for i, t in h1s + h2s:
        have = _words(t)
        if want and len(want & have) >= 0.5 * max(len(have), 1) and len(have) >= 0.5 * len(want):
            return t, i
    for i, t in h1s:
        if _norm_phrase(t) in others:
            return t, i
    return page_title, -1


def _split_title(raw: str) -> list[str]:
    pieces: list[str] = []
    pos = 0
    for m in TITLE_SEPARATOR.finditer(raw):
        pieces.append(raw[pos : m.start()].strip())
        pos = m.end()
    pieces.append(raw[pos:].strip())
    return [p for p in pieces if p]


# --- assembly ----------------------------------------------------------------------


def _join(blocks: list[_Block]) -> tuple[str, list[tuple[int, int]]]:
    """The blocks' text, separated by layout, and where each block starts
    (``(offset, source line)``)."""
    parts: list[str] = []
    anchors: list[tuple[int, int]] = []
    size = 0
    prev: _Block | None = None
    for b in blocks:
        if prev is not None:
            if b.group and b.group == prev.group:
                sep = b.group_sep
            else:
                sep = "\n" if b.outer and b.outer == prev.outer else "\n\n"
            parts.append(sep)
            size += len(sep)
        anchors.append((size, b.line))
        parts.append(b.text)
        size += len(b.text)
        prev = b
    return "".join(parts), anchors


def _with_title(title: str, blocks: list[_Block], text: str) -> str:
    if not title:
        return text
    want = _norm_phrase(title)
    for b in blocks[:3]:
        if want and want in _norm_phrase(b.text):
            return text
    return f"{title}\n\n{text}" if text else title


# --- entry points ------------------------------------------------------------------


def _vocab(
    extra: Mapping[str, tuple[str, ...]] | None,
) -> tuple[dict[str, str], dict[str, str], tuple[int, ...]]:
    """Class/id words by kind, stems by kind, and the stem lengths to try."""
    words: dict[str, str] = {}
    stems: dict[str, str] = {}
    for kind, entry in V.FURNITURE_WORDS.items():
        words.update(dict.fromkeys(entry["words"], kind))
        stems.update(dict.fromkeys(entry["stems"], kind))
    for kind, extra_words in (extra or {}).items():
        words.update(dict.fromkeys((w.lower() for w in extra_words), kind))
    return words, stems, tuple(sorted({len(s) for s in stems}))


def _parse(markup: str) -> tuple[Any, bool]:
    """(root or None, whether the parser stopped early)."""
    import lxml.etree

    # Plain etree elements: lxml.html's element classes cost a lookup per node.
    parser = lxml.etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
    )
    try:
        root = lxml.etree.fromstring(markup.encode("utf-8", "replace"), parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return None, False
    fatal = any(e.level_name == "FATAL" for e in parser.error_log)
    return root, fatal


def extract(
    markup: str | bytes | Any,
    *,
    keep_title: bool = True,
    extra_tokens: Mapping[str, tuple[str, ...]] | None = None,
    language: str | None = None,
) -> Extraction:
    """Extract the main text of an HTML page.

    ``keep_title``: the text starts with the article title (added when the main
    content lacks it); False leaves the title out.
    ``markup`` is a ``str``, ``bytes`` of unknown encoding (decoded with
    BeautifulSoup's ``UnicodeDammit``) or a BeautifulSoup object.
    ``extra_tokens`` adds class/id words by kind, e.g. ``{"advertising": ("mybanner",)}``.
    ``language`` (ISO 639-1) skips detection; otherwise the language of the page's
    longer text blocks is detected and returned in :attr:`Extraction.language`.
    """
    if isinstance(markup, bytes):
        from bs4 import UnicodeDammit

        markup = UnicodeDammit(markup, is_html=True).unicode_markup or ""
    elif not isinstance(markup, str):
        markup = str(markup)
    if MARKUP_TOKEN.search(markup) is None:
        return Extraction(markup, problem="not_html" if markup.strip() else None)
    root, stopped = _parse(markup)
    if stopped:
        return Extraction(_markup_text(markup), {"unparsed structure": 1}, "fallback")
    if root is None:
        return Extraction("", problem="empty")
    walk = _Walk(*_vocab(extra_tokens))
    body = root.find("body")
    _walk(body if body is not None else root, walk)
    code = language or _page_language(root, walk.blocks)
    _score(walk.blocks, _stopword_set(code))
    trusted = _trusted_marks(walk)
    _weigh_marks(walk, trusted)
    teaser = _teaser_blocks(walk)
    for i, b in enumerate(walk.blocks):
        if teaser[i] and b.value > 0:
            b.value *= 0.3
    start, end = _choose(walk)
    title, title_at = _title(root, walk)
    kept = _select(walk, trusted, start, end, title_at, teaser)
    leads = bool(kept) and kept[0].tag in V.HEADING_TAGS
    if not keep_title and leads and _norm_phrase(kept[0].text) == _norm_phrase(title):
        kept = kept[1:]
        walk.dropped["title"] += 1
    text, anchors = _join(kept)
    if keep_title:
        titled = _with_title(title, kept, text)
        shift = len(titled) - len(text)
        anchors = [(0, 1)] + [(at + shift, line) for at, line in anchors] if shift else anchors
        text = titled
    return Extraction(text, dict(walk.dropped), None if text else "empty", code, tuple(anchors))


def _markup_text(markup: str) -> str:
    """All visible text of ``markup`` without building a tree (linear time)."""
    lowered = markup.translate(_ASCII_LOWER)  # same length, unlike str.lower()
    blocks: list[str] = []
    buf: list[str] = []
    pos = 0
    n = len(markup)

    def flush() -> None:
        if buf:
            raw = _html.unescape("".join(buf))
            buf.clear()
            text = _block_text(raw)
            if text:
                blocks.append(text)

    for m in MARKUP_TOKEN.finditer(markup):
        if m.start() < pos:  # inside a comment or script skipped below
            continue
        buf.append(markup[pos : m.start()])
        pos = m.end()
        if m.group(0) == "<!--":
            close = markup.find("-->", pos)
            pos = n if close < 0 else close + 3
            continue
        name = (m.group(2) or "").lower()
        if not name:
            continue
        if name in V.NEVER_TEXT and not m.group(1):
            close = lowered.find(f"</{name}", pos)
            if close >= 0 or name in ("script", "style", "textarea", "title", "template"):
                gt = markup.find(">", close) if close >= 0 else -1
                pos = n if gt < 0 else gt + 1
            continue
        if name == "br":
            buf.append(_BR)
        elif name in V.BLOCK_TAGS:
            flush()
    buf.append(markup[pos:])
    flush()
    return "\n\n".join(blocks)
