"""Patterns for the script filter: the syntax of JavaScript, CSS and JSON left in text."""

from __future__ import annotations

from . import pattern

CODE_ANCHOR = pattern(
    "script.anchor",
    r"""(?P<call>(?<=[\w$\])])\.[\p{L}_$][\w$]*(?:\.[\p{L}_$][\w$]*)*\()"""
    r"""|(?P<assign>(?<=[\w$\]])\.[\p{L}_$][\w$]*\s*=(?!=))"""
    r"""|(?P<decl>\b(?:var|let|const)\s+[\p{L}_$][\w$]*\s*=(?!=))"""
    r"""|(?P<func>\bfunction\b\s*[\w$]*\s*\([^()\n]{0,80}\)\s*\{)"""
    r"""|(?P<arrow>\)\s*=>)"""
    r"""|(?P<close>\)\s*;|\}\s*\)|\)\s*\)\s*;?|\}\s*;)"""
    r"""|(?P<logic>&&|\|\||===?|!==?|\+\+|\+=)"""
    r"""|(?P<jsonkey>[{,]\s*"[^"\n]{1,60}"\s*:)"""
    r"""|(?P<cssdecl>[{;]\s*-?[a-z][a-z-]{1,30}\s*:\s*[^;{}\n]{1,80}(?:;|(?=\s*\})))"""
    r"""|(?P<cdata><!\[CDATA\[|\]\]>|<!--|-->)"""
    r"""|(?P<escape>\\(?:u[0-9a-fA-F]{4}|[nrt"/])|<\\/[a-z]+>)"""
    r"""|(?P<brace>[{}])""",
    "One piece of code syntax: a dotted call ``a.b(`` or assignment ``a.b =``, a ``var x =`` declaration, a "
    "``function (...) {`` head, an arrow, a statement end ``);``, a logical or "
    'equality operator, a JSON key ``{"k":``, a CSS declaration ``{ color: red;`` '
    "an escape inside a string literal (``\\u2019``, ``<\\/p>``) or a brace. Prose almost never contains two of these close together. "
    "Example: ``DD_belatedPNG.fix(`` and ``');`` in ``DD_belatedPNG.fix('div');``.",
)

CODE_TRIGGER = pattern(
    "script.trigger",
    r"""[{};=\\]|&&|\|\||\(['"](?<=\w\(['"])|<!\[|\]\]>|<!--|-->""",
    "A character that code almost always has near its other syntax: a brace, a "
    "semicolon, ``=``, a logical operator, a call with a quoted argument, a CDATA "
    "or comment marker. Only the text around these is scanned for code.",
)

STATEMENT_TAIL = pattern(
    "script.statement_tail",
    r"""[^\s]*?[;)}\]]+(?=\s|\Z)|\S*""",
    "The rest of the code token an anchor lies in: up to a closing ``; ) } ]`` "
    "before white space, else to the next white space.",
)

CODE_TOKEN = pattern(
    "script.code_token",
    r"""\S*(?:[{}();=<>\[\]]|[\w$]\.[\p{L}_$]|['"],|,['"])\S*|[.#][\p{L}_-][\w-]*""",
    "A white-space delimited token with code punctuation: brackets, parentheses, "
    "``;`` ``=``, a dotted name or a quoted list item; or a CSS class or id selector. Example: ``img,`` is not one; "
    "``'div,`` is.",
)

BRACE_SCAN = pattern(
    "script.brace_scan",
    r"""\\.|["{}]""",
    "The characters that matter when matching braces in JSON or JavaScript: "
    "escapes, double quotes and braces.",
)

URL_STRING = pattern(
    "script.url_string",
    r"""['"](?:https?:)?//[^'"\s]{4,}['"]""",
    "A quoted URL, as loader and tracking snippets pass them. "
    "Example: ``'//www.example.com/analytics.js'``.",
)

PROSE_RUN = pattern(
    "script.prose_run",
    r"""(?:(?<![^\s(“"])\p{L}[\p{L}'’-]*[,.;:!?”"]?\s+){5}\p{L}""",
    "Six plain words in a row (letters only, ordinary punctuation): prose, which "
    "ends a stretch of code. Example: ``You give us five minutes and``.",
)

STRING_REST = pattern(
    "script.string_rest",
    r"""(?:[^"\\\n]|\\.)*\"""",
    "The rest of a double-quoted string literal from inside it, escapes respected, "
    "up to and including the closing quote.",
)

JSON_STRING_VALUE = pattern(
    "script.json_string_value",
    r'\s*"(?:[^"\\\n]|\\.)*"',
    "A JSON string value right after its key and colon, escapes respected. "
    'Example: ``"He said \\"hi\\""`` after ``"title":``.',
)
