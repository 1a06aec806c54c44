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

CODE_SPAN = pattern(
    "text.code_span",
    r"(?ms)^(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=fence)[ \t]*$"
    r"|(?<![`\p{L}\p{N}])`[^`\s][^`\n]{0,198}(?<!\s)`(?![`\p{L}\p{N}])",
    "Code written the Markdown way, whose spacing and characters are meant as they are: "
    "a fenced block (a line of three backticks or tildes down to the same fence) or an "
    "inline span of up to 200 characters between single backticks on one line, with no "
    "space just inside them and no letter or digit just outside (``a  &amp; b`` in "
    "backticks; ``Yu`nan`` is an apostrophe, a backtick opening a long quote is not code).",
)
