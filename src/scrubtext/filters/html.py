"""HTML input: turn markup into text with paragraph breaks.

Runs only when the document is marked as HTML (``doc.meta["html"]``); on plain
text it does nothing. The whole page becomes the extracted text in one coarse
edit whose reason counts what was dropped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, ClassVar

from ..document import Document, Edit
from ..filter import TextFilter
from ..patterns.markup import HTML_SIGNATURE, HTML_TAG

#: Elements whose text is never content.
DROP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "iframe",
        "svg",
        "canvas",
        "object",
        "embed",
        "select",
        "button",
    ]
)
#: Elements that start a new block of text.
BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "nav",
        "aside",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "address",
        "hr",
        "br",
        "title",
        "details",
        "summary",
        "caption",
    ]
)


def looks_like_html(text: str) -> bool:
    """Cheap guess whether ``text`` is HTML markup rather than plain text.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("5 < 6 and 7 > 3")
    False
    """
    head = text[:4096]
    if "<" not in head:
        return False
    if HTML_SIGNATURE.search(head):
        return True
    return sum(1 for _ in zip(range(3), HTML_TAG.finditer(head), strict=False)) >= 3


def _walk_text(root: Any, out: list[str], dropped: Counter[str]) -> None:
    """Depth-first text with newlines around blocks; iterative, so deep trees are safe."""
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            if node.tail:
                out.append(node.tail)
            continue
        tag = node.tag if isinstance(node.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if not tag or tag in DROP_TAGS:
            if tag:
                dropped[tag] += 1
            if node.tail:
                out.append(node.tail)
            continue
        block = tag in BLOCK_TAGS
        if block:
            out.append("\n\n")
        if node.text:
            out.append(node.text)
        stack.append((node, True))
        if block:
            stack.append((_BlockEnd(), False))
        for child in reversed(node):
            stack.append((child, False))


class _BlockEnd:
    """Marker node that emits a paragraph break after a block's children."""

    tag = "#blockend"
    tail = "\n\n"
    text = None

    def __iter__(self) -> Any:
        return iter(())


@dataclass(frozen=True, kw_only=True)
class HtmlExtract(TextFilter):
    """Convert an HTML document to text (one coarse edit)."""

    name: ClassVar[str] = "html"
    rules: ClassVar[dict[str, str]] = {
        "html.extract": "the page's markup replaced by its text",
    }
    idempotent: ClassVar[bool | str] = True

    def applies(self, doc: Document) -> bool:
        return bool(doc.meta.get("html"))

    def propose(self, doc: Document) -> list[Edit]:
        """One edit: the whole page becomes its text."""
        import lxml.html

        try:
            root = lxml.html.document_fromstring(doc.text)
        except Exception:  # lxml raises ParserError/ValueError on empty or odd input
            return []
        out: list[str] = []
        dropped: Counter[str] = Counter()
        _walk_text(root, out, dropped)
        text = _normalise_blocks("".join(out))
        if text == doc.text:
            return []
        what = ", ".join(f"{n} {t}" for t, n in dropped.most_common()) or "no elements"
        return [
            Edit(0, len(doc.text), text, "html.extract", f"HTML converted to text; dropped {what}")
        ]

    def annotate(self, doc: Document) -> Document:
        return doc.with_meta(html=False)


def _normalise_blocks(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    paras: list[str] = []
    for line in lines:
        if line:
            paras.append(line)
        elif paras and paras[-1]:
            paras.append("")
    while paras and not paras[-1]:
        paras.pop()
    return "\n".join(paras).replace("\n\n\n", "\n\n")
