"""HTML input: keep the page's main content as text with paragraph breaks.

Runs only when the document is marked as HTML (``doc.meta["html"]``); on plain
text it does nothing. The page becomes its extracted main text through edits
that cover the page line run by line run (one per kept block's source lines), so
later edits map back to a line of the page; the first edit's reason counts what
was dropped, by kind. The extraction itself lives
in :mod:`scrubtext.html_extract`, its vocabularies in :mod:`scrubtext.html_vocab`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import ClassVar

from ..document import Document, Edit, Flag, Step
from ..filter import TextFilter
from ..html_extract import Extraction, extract
from ..patterns.markup import HTML_SIGNATURE, HTML_TAG, PAGE_START_LINE

_PROBLEMS = {
    "not_html": (
        "html.not_html",
        "HTML mode was asked for but the input has no markup; it was left as it is",
    ),
    "empty": (
        "html.empty",
        "the page has no visible text (only scripts, styles, comments or empty elements)",
    ),
    "fallback": (
        "html.unparseable",
        "the page is nested too deeply for the tree parser; all visible text was kept, "
        "without main-content selection",
    ),
}


def looks_like_html(text: str) -> bool:
    """Cheap guess whether ``text`` is HTML markup rather than plain text.

    Text that starts with markup is HTML when it has a page tag (``<html``,
    ``<!DOCTYPE html>``...) or three common tags in its first 4 KB. Text that starts
    with prose may merely quote markup (``write <html><body> first``), so it counts
    as HTML only when the markup is plainly a document's own: a line that starts a
    page (``<!DOCTYPE html>`` after HTTP or WARC headers), or three common tags, two
    of them closing tags.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("5 < 6 and 7 > 3")
    False
    >>> looks_like_html("Start the file with <html><head> and <body>.")
    False
    """
    head = text[:4096]
    if "<" not in head:
        return False
    if head.lstrip("\ufeff \t\r\n").startswith("<"):
        if HTML_SIGNATURE.search(head):
            return True
        return sum(1 for _ in zip(range(3), HTML_TAG.finditer(head), strict=False)) >= 3
    if PAGE_START_LINE.search(head):
        return True
    tags = [m.group() for m in HTML_TAG.finditer(head)]
    return len(tags) >= 3 and sum(t.startswith("</") for t in tags) >= 2


def _line_cuts(page: str, anchors: tuple[tuple[int, int], ...]) -> list[tuple[int, int, int]]:
    """``(page offset, text offset, line)`` where a kept block starts: the start of
    the block's source line. Cuts that would not move strictly forward in both the
    page and the text are skipped, so the pieces stay in order and disjoint."""
    cuts: list[tuple[int, int, int]] = []
    last_src, last_out, line, pos = 0, 0, 1, 0
    for out, want in anchors:
        if want <= line or out <= last_out:
            continue
        while line < want:  # move pos to the start of line ``want``
            nl = page.find("\n", pos)
            if nl < 0:
                return cuts
            pos, line = nl + 1, line + 1
        if pos > last_src:
            cuts.append((pos, out, line))
            last_src, last_out = pos, out
    return cuts


def _piece_reason(first: int, last: int) -> str:
    where = f"line {first}" if first >= last else f"lines {first}-{last}"
    return f"HTML page, {where}: markup and furniture dropped, the kept text taken"


def _summary(dropped: dict[str, int], kept: int, total: int) -> str:
    what = ", ".join(f"{n} {kind}" for kind, n in sorted(dropped.items(), key=lambda kv: -kv[1]))
    return (
        f"HTML page reduced to its main text ({kept:,} of {total:,} characters kept); "
        f"dropped {what or 'nothing but markup'}"
    )


@dataclass(frozen=True, kw_only=True)
class HtmlExtract(TextFilter):
    """Replace an HTML page by its main text (edits by source-line run).

    >>> page = ("<html><body><nav><a href=/>Home</a></nav><p>The river rose by a metre "
    ...         "overnight, and the town closed the old bridge.</p></body></html>")
    >>> out, (step,) = HtmlExtract()(Document(page, meta={"html": True}))
    >>> out.text
    'The river rose by a metre overnight, and the town closed the old bridge.'
    >>> step.edits[0].reason
    'HTML page reduced to its main text (72 of 134 characters kept); dropped 1 navigation'
    """

    name: ClassVar[str] = "html"
    rules: ClassVar[dict[str, str]] = {
        "html.extract": "the page's markup and furniture replaced by its main text",
        "html.not_html": "HTML mode was asked for but the input has no markup (flag)",
        "html.unparseable": "the page could not be parsed as a tree; all visible text kept (flag)",
        "html.empty": "the page has no visible text (flag)",
    }
    idempotent: ClassVar[bool | str] = True

    #: Start with the article title (h1, og:title or <title>; added when the main
    #: content lacks it). False leaves the title out.
    keep_title: bool = True
    #: Extra class/id words that mark furniture on your sites. Class names are split
    #: into words at punctuation and camelCase, so give single words (``"xyzwidget"``).
    furniture_words: tuple[str, ...] = ()

    def applies(self, doc: Document) -> bool:
        return bool(doc.meta.get("html"))

    def __call__(self, doc: Document) -> tuple[Document, tuple[Step, ...]]:
        if not self.applies(doc):
            return super().__call__(doc)
        # Extract once; propose, annotate and flag read the result from the meta.
        result = self._extract(doc)
        return super().__call__(doc.with_meta(html_extraction=result))

    def _result(self, doc: Document) -> Extraction:
        result = doc.meta.get("html_extraction")
        if isinstance(result, Extraction):
            return result
        return self._extract(doc)

    def _extract(self, doc: Document) -> Extraction:
        extra = {"site furniture": self.furniture_words} if self.furniture_words else None
        return extract(
            doc.text,
            keep_title=self.keep_title,
            extra_tokens=extra,
            language=doc.meta.get("language"),
        )

    def propose(self, doc: Document) -> list[Edit]:
        """The page becomes its main text: one edit per run of source lines that
        holds a kept block (so later edits map back to the right line), the first
        carrying the summary of what was dropped."""
        result = self._result(doc)
        page, text = doc.text, result.text
        if result.problem == "not_html" or text == page:
            return []
        reason = _summary(dict(result.dropped), len(text), len(page))
        cuts = _line_cuts(page, result.anchors)
        edits: list[Edit] = []
        from_pos, _, from_line = cuts[-1] if cuts else (0, 0, 1)
        # the page's last line (a final line break does not start another)
        end_line = from_line + page.count("\n", from_pos, len(page) - page.endswith("\n"))
        bounds = [(0, 0, 1), *cuts, (len(page), len(text), end_line + 1)]
        for (src, out, line), (src_end, out_end, next_line) in itertools.pairwise(bounds):
            if page[src:src_end] == text[out:out_end]:
                continue
            why = reason if not edits else _piece_reason(line, next_line - 1)
            edits.append(Edit(src, src_end, text[out:out_end], "html.extract", why))
        return edits

    def flag(self, doc: Document) -> list[Flag]:
        problem = doc.meta.get("html_problem")
        if problem not in _PROBLEMS:
            return []
        rule, reason = _PROBLEMS[problem]
        return [Flag(0, len(doc.text), rule, reason)]

    def annotate(self, doc: Document) -> Document:
        result = doc.meta.get("html_extraction")
        problem = result.problem if isinstance(result, Extraction) else None
        out = doc.with_meta(
            html=False,
            html_extraction=None,
            html_problem=problem,
            html_extracted=problem != "not_html",
        )
        # The page's language, found on its text blocks, saves the language filter a run.
        if isinstance(result, Extraction) and result.language and not doc.meta.get("language"):
            out = out.with_meta(language=result.language)
        return out
