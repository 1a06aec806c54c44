"""Script and style remnants in text: JavaScript, CSS rules, JSON blobs, tracking snippets.

Detection is by syntax, not by names: the text is scanned for pieces of code
syntax (dotted calls, ``var x =``, ``function (...) {``, statement ends ``);``,
JSON keys, CSS declarations, braces). Pieces lying close together form a
cluster; a cluster whose weighted evidence passes a threshold is code. A
cluster that opens a brace runs to the matching close brace, so a JSON blob
with long string values goes as a whole.

>>> text = "Title DD_belatedPNG.fix('div, ul, img, li'); Thursday, Nov 19"
>>> Script()(Document(text))[0].text
'Title Thursday, Nov 19'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from ..document import Document, Edit
from ..filter import TextFilter
from ..patterns.script import (
    BRACE_SCAN,
    CODE_ANCHOR,
    CODE_TOKEN,
    CODE_TRIGGER,
    JSON_STRING_VALUE,
    PROSE_RUN,
    STATEMENT_TAIL,
    STRING_REST,
    URL_STRING,
)
from ._fixpoint import until_stable
from ._util import code_spans, not_within

#: Evidence each kind of anchor contributes.
WEIGHTS: dict[str, float] = {
    "call": 2.0,
    "assign": 2.0,
    "decl": 3.0,
    "func": 3.0,
    "arrow": 2.0,
    "close": 1.5,
    "logic": 1.0,
    "jsonkey": 1.5,
    "cssdecl": 2.0,
    "cdata": 2.0,
    "brace": 0.5,
    "escape": 1.5,
}
#: Anchors further apart than this (in characters) start a new cluster.
GAP = 48
#: Longest stretch between anchors bridged when it holds no prose.
MAX_GAP = 50_000
#: Characters of brace scanning allowed per character of text.
BRACE_BUDGET = 4
#: Longest JSON string value taken whole after its key.
MAX_VALUE = 20_000
#: A string literal taken whole must have an escape at least this often (characters).
ESCAPE_SPACING = 300
#: Longest JSON or code block followed to its closing brace.
MAX_BLOCK = 200_000
#: Extra passes on the shortened text (deleting code can join what was apart).
MAX_PASSES = 4
#: Characters scanned on each side of a trigger character.
WINDOW = 200
#: Longest argument list followed to its closing parenthesis.
MAX_ARGS = 300
#: Code tokens absorbed on either side of a cluster.
MAX_EDGE_TOKENS = 12
_TRIGGERS = ("{", "(", "=", "<!", "]]>", "-->")


@dataclass
class _Cluster:
    start: int
    end: int
    score: float
    kinds: Counter[str]
    first: str
    braces_done: int = 0


@dataclass(frozen=True, kw_only=True)
class Script(TextFilter):
    """Delete JavaScript, CSS and JSON that leaked into plain text.

    ``min_score`` is the evidence a cluster of code syntax needs (a dotted call
    plus its closing ``);`` scores 3.5; ``var x = f();`` scores 4.5).
    """

    name: ClassVar[str] = "script"
    rules: ClassVar[dict[str, str]] = {
        "script.js": "JavaScript statements left in the text",
        "script.css": "CSS rules left in the text",
        "script.json": "a JSON data blob left in the text",
        "script.tracking": "a loader or analytics snippet: code that passes a script URL",
    }

    #: Evidence needed before a cluster of code syntax is deleted.
    min_score: float = 3.5

    def applies(self, doc: Document) -> bool:
        text = doc.text
        # text extracted from HTML has lost its <script> and <style>: code left in
        # it was visible on the page (<pre>, <code>), so the writer meant it
        if doc.meta.get("html") or doc.meta.get("html_extracted"):
            return False
        return any(t in text for t in _TRIGGERS)

    def propose(self, doc: Document) -> list[Edit]:
        return until_stable(doc.text, self._once, MAX_PASSES)

    def _once(self, text: str) -> list[Edit]:
        edits: list[Edit] = []
        last_end = 0
        for c in self._clusters(text):
            start, end = self._extent(text, c)
            start = max(start, last_end)
            if end <= start:
                continue
            rule, reason = _describe(text, start, end, c)
            end = _absorb_space(text, start, end)
            edits.append(Edit(start, end, "", rule, reason))
            last_end = end
        # code the writer marked as code (backticks, a fenced block) is content
        return not_within(code_spans(text), text, edits) if edits else edits

    def _clusters(self, text: str) -> Iterator[_Cluster]:
        """Accepted clusters of code syntax, in order, not overlapping."""
        current: _Cluster | None = None
        budget = [BRACE_BUDGET * len(text) + MAX_BLOCK]
        strings = _StringSpans(text)
        for m in _anchors(text):
            kind = m.lastgroup or "brace"
            if current is not None and m.start() < current.end:
                continue  # inside a block already followed to its brace
            if current is None or (
                m.start() - current.end > GAP and not self._code_gap(text, current, m.start())
            ):
                if current is not None and self._accept(current):
                    yield self._follow_brace(text, current, budget)
                current = _Cluster(m.start(), m.end(), 0.0, Counter(), kind)
            current.end = m.end()
            if kind == "call":
                close = _call_end(text, m.end() - 1)
                if close > 0:
                    current.end = close
                    current.kinds["close"] += 1
                    current.score += WEIGHTS["close"]
            if kind == "jsonkey" and " " not in m.group().strip(',{ "\n:'):
                value = JSON_STRING_VALUE.compiled.match(text, m.end(), m.end() + MAX_VALUE)
                if value is not None and value.end() > current.end:
                    current.end = value.end()
            if kind == "escape":
                lo, hi = strings.around(m.start())
                if hi > current.end and text.count("\\", lo, hi) * ESCAPE_SPACING >= hi - lo:
                    current.start = min(current.start, lo)
                    current.end = hi
            current.score += WEIGHTS[kind]
            current.kinds[kind] += 1
            if self._accept(current) and "{" in m.group():
                current = self._follow_brace(text, current, budget)
        if current is not None and self._accept(current):
            yield self._follow_brace(text, current, budget)

    def _code_gap(self, text: str, c: _Cluster, nxt: int) -> bool:
        """Whether the text between an accepted cluster and the next anchor is code too:
        not too long and without a run of plain words."""
        return (
            nxt - c.end <= MAX_GAP
            and self._accept(c)
            and PROSE_RUN.search(text, c.end, nxt) is None
        )

    def _accept(self, c: _Cluster) -> bool:
        return c.score >= self.min_score and sum(c.kinds.values()) >= 2

    @staticmethod
    def _follow_brace(text: str, c: _Cluster, budget: list[int]) -> _Cluster:
        """Extend the cluster to the brace closing its first open brace not yet followed.

        ``budget`` bounds the characters scanned for braces in one document, so
        many unclosed braces cannot make the scan quadratic.
        """
        open_at = text.find("{", max(c.start, c.braces_done), c.end)
        if open_at < 0 or budget[0] <= 0:
            return c
        close = _matching_brace(text, open_at)
        budget[0] -= (close if close > 0 else min(len(text), open_at + MAX_BLOCK)) - open_at
        c.braces_done = max(c.end, close)
        if close > c.end:
            c.end = close
        return c

    @staticmethod
    def _extent(text: str, c: _Cluster) -> tuple[int, int]:
        """The cluster widened to whole tokens and neighbouring code tokens."""
        start = c.start
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = c.end
        m = STATEMENT_TAIL.compiled.match(text, end)
        if m:
            end = m.end()
        for _ in range(MAX_EDGE_TOKENS):
            nxt = _next_token(text, end)
            if nxt is None or not CODE_TOKEN.fullmatch(text[nxt[0] : nxt[1]]):
                break
            end = nxt[1]
        for _ in range(MAX_EDGE_TOKENS):
            prev = _prev_token(text, start)
            if prev is None or not CODE_TOKEN.fullmatch(text[prev[0] : prev[1]]):
                break
            start = prev[0]
        return start, end


def _anchors(text: str) -> Iterator[Any]:
    """Code-syntax matches, scanning only windows around trigger characters."""
    lo = hi = -1
    for t in CODE_TRIGGER.finditer(text):
        a, b = max(0, t.start() - WINDOW), min(len(text), t.end() + WINDOW)
        if a <= hi:
            hi = b
            continue
        if hi > lo:
            yield from CODE_ANCHOR.finditer(text, lo, hi)
        lo, hi = a, b
    if hi > lo:
        yield from CODE_ANCHOR.finditer(text, lo, hi)


def _next_token(text: str, pos: int) -> tuple[int, int] | None:
    i = pos
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i].isspace() or i - pos > 3:
        return None
    j = text.find(" ", i)
    k = text.find("\n", i)
    ends = [e for e in (j, k) if e >= 0]
    return i, min(ends) if ends else len(text)


def _prev_token(text: str, pos: int) -> tuple[int, int] | None:
    i = pos
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i <= 0 or text[i - 1].isspace() or pos - i > 3:
        return None
    j = max(text.rfind(" ", 0, i), text.rfind("\n", 0, i), text.rfind("\t", 0, i))
    return j + 1, i


def _call_end(text: str, open_paren: int) -> int:
    """Index after the ``)`` (and ``;``) closing a call's argument list, or -1.

    Only short argument lists are followed; quotes are respected. A call that
    neither ends in ``;`` nor passes a quoted string is not followed.
    """
    depth = 0
    quote = ""
    quoted = False
    stop = min(len(text), open_paren + MAX_ARGS)
    i = open_paren
    while i < stop:
        ch = text[i]
        if quote:
            if ch == quote:
                quote = ""
            elif ch == "\\":
                i += 1
        elif ch in "'\"":
            quote = ch
            quoted = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                end = i + 1
                if text.startswith(";", end):
                    return end + 1
                return end if quoted else -1
        elif ch == "\n":
            return -1
        i += 1
    return -1


class _StringSpans:
    """:func:`_string_span` for escapes met in text order, remembering the last scan:
    the escapes of one long literal (or of a line without a closing quote) are not
    scanned to its end again, one by one (a 60,000-character line with a thousand
    escapes took seconds)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos, self.span, self.reach = -1, (-1, -1), -1

    def around(self, pos: int) -> tuple[int, int]:
        """What ``_string_span(text, pos)`` gives, for ``pos`` at or after the last one."""
        if self.pos < pos < self.reach:
            lo, hi = self.span
            return (lo, hi) if hi > lo else (pos, pos)
        lo, hi = _string_span(self.text, pos)
        if hi > pos:
            reach = hi  # the literal's closing quote
        else:  # no closing quote up to the line end (or the scan limit)
            limit = min(len(self.text), pos + MAX_BLOCK)
            nl = self.text.find("\n", pos, limit)
            reach = nl if nl >= 0 else limit
        self.pos, self.span, self.reach = pos, (lo, hi), reach
        return lo, hi


def _string_span(text: str, pos: int) -> tuple[int, int]:
    """The double-quoted string literal around the escape at ``pos``, as (start, end);
    ``(pos, pos)`` when no closing quote is found within reach."""
    limit = min(len(text), pos + MAX_BLOCK)
    m = STRING_REST.compiled.match(text, pos, limit)
    if m is None:
        return pos, pos
    start = pos
    floor = max(0, pos - MAX_BLOCK)
    while True:
        q = text.rfind('"', floor, start)
        if q < 0:
            return pos, m.end()
        slashes = 0
        while q - slashes - 1 >= 0 and text[q - slashes - 1] == "\\":
            slashes += 1
        if slashes % 2 == 0:
            return q, m.end()
        start = q - slashes


def _matching_brace(text: str, open_at: int) -> int:
    """Index after the brace closing ``text[open_at]``, or -1 (strings respected)."""
    depth = 0
    in_string = False
    limit = min(len(text), open_at + MAX_BLOCK)
    for m in BRACE_SCAN.finditer(text, open_at, limit):
        ch = m.group()
        if ch == '"':
            in_string = not in_string
        elif in_string or len(ch) > 1:
            continue
        elif ch == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return int(m.end())
    return -1


def _absorb_space(text: str, start: int, end: int) -> int:
    """Take the spaces after a deleted span, and its line break when it fills whole lines."""
    while end < len(text) and text[end] in " \t":
        end += 1
    at_line_start = start == 0 or text[start - 1] == "\n"
    if at_line_start and end < len(text) and text[end] == "\n":
        end += 1
    return end


def _describe(text: str, start: int, end: int, c: _Cluster) -> tuple[str, str]:
    """Rule id and a specific reason for deleting ``text[start:end]``."""
    size = end - start
    k = c.kinds
    code = k["call"] + k["assign"] + k["decl"] + k["func"] + k["arrow"]
    url = URL_STRING.search(text, start, end)
    if url and code:
        return "script.tracking", (
            f"loader or tracking snippet ({size} characters) that passes the script URL "
            f"{url.group()[1:-1]}"
        )
    if k["jsonkey"] >= 2 and k["jsonkey"] >= code:
        return "script.json", f"JSON data blob with {k['jsonkey']} keys ({size} characters)"
    if k["cssdecl"] >= 1 and not code:
        return "script.css", f"CSS rules with {k['cssdecl']} declarations ({size} characters)"
    if c.first == "call":
        head = text[start : text.find("(", start, end) if "(" in text[start:end] else end]
        return "script.js", f"JavaScript call {head.strip()}(...) ({size} characters)"
    statements = max(1, text.count(";", start, end))
    return "script.js", f"JavaScript code, about {statements} statements ({size} characters)"
