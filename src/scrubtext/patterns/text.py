"""General text patterns shared by several filters."""

from __future__ import annotations

from . import pattern

LATIN_WORD = pattern(
    "text.latin_word",
    r"[\p{Script=Latin}][\p{Script=Latin}\p{M}'’]*",
    "A word in Latin script, with inner apostrophes. "
    "Example: ``Shenzhen's`` in ``Shenzhen's award``.",
)

WORD = pattern(
    "text.word",
    r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*",
    "A word in any script: letters and digits with inner apostrophes and hyphens.",
)

FENCE_LINE = pattern(
    "text.fence_line",
    r"(?m)^(`{3,}|~{3,})([^\n]*)",
    "A line that opens with a Markdown code fence (three or more backticks or tildes), "
    "then the rest of the line: ``~~~python``. It closes a fenced block opened by the "
    "same fence when the rest is only spaces and tabs.",
)

INLINE_CODE = pattern(
    "text.inline_code",
    r"(?<![`\p{L}\p{N}])`[^`\s][^`\n]{0,198}(?<!\s)`(?![`\p{L}\p{N}])",
    "Markdown code inline, whose spacing and characters are meant as they are: up to "
    "200 characters between single backticks on one line, with no space just inside "
    "them and no letter or digit just outside (``a  &amp; b`` in backticks; ``Yu`nan`` "
    "is an apostrophe, a backtick opening a long quote is not code).",
)
