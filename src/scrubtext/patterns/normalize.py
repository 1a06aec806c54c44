"""Patterns for the normalisation filters: unicode, entities, controls, whitespace, punctuation."""

from __future__ import annotations

from . import pattern


def _class(chars: str) -> str:
    """Regex character-class body for ``chars``, each written as an escape."""
    return "".join(f"\\u{ord(c):04x}" for c in chars)


#: What ``controls.char`` removes: C0 controls other than tab, newline, CR and the
#: separators below; DEL; zero-width space; word joiner; BOM; soft hyphen; non-characters.
CONTROL_CHARS = (
    "".join(map(chr, (*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F)))
    + "\u200b\u2060\ufeff\u00ad\ufffe\uffff"
)
#: What ``controls.line_separator`` turns into a newline.
LINE_SEPARATOR_CHARS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: Zero-width (non-)joiners.
JOINER_CHARS = "\u200c\u200d"
#: No-break and typographic spaces (not the plain space).
NBSP_CHARS = "\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f"
#: Horizontal whitespace that ``whitespace.trailing`` removes at the end of a line.
TRAILING_CHARS = " \t" + NBSP_CHARS + "\u3000"

# Bytes 0x80-0xBF (UTF-8 continuation bytes) as Windows-1252 or Latin-1 show them.
_CONTINUATION = (
    r"\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)

MOJIBAKE_HINT = pattern(
    "unicode.mojibake_hint",
    rf"(?=[\u00c2-\u00f4\x80-\x9f\ufffd])(?:[\u00c2-\u00f4][{_CONTINUATION} ]|[\x80-\x9f]|\ufffd)",
    "A UTF-8 lead byte seen through Windows-1252/Latin-1 followed by a continuation "
    "byte, a C1 control, or U+FFFD: the cheap test for whether ftfy can help. "
    "(The leading lookahead lets the engine skip to candidate characters: 3x faster.) "
    "Example: ``Ã©`` in ``CafÃ©``.",
)

SAFE_BREAK = pattern(
    "unicode.safe_break",
    r"(?<=[\x21-\x7e]) (?=[\x21-\x7e])",
    "A space between two visible ASCII characters: never inside a mojibake sequence "
    "(those are non-ASCII, with at most a space standing for byte A0 next to them), "
    "so a long line can be cut there. Example: the space in ``said that``.",
)

ENTITY = pattern(
    "entities.reference",
    r"&(?:amp;)*(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",
    "An HTML character reference with its semicolon, including double-escaped "
    "ones. Example: ``&gt;`` and ``&amp;gt;``.",
)

CONTROL = pattern(
    "controls.char",
    f"[{_class(CONTROL_CHARS)}]+",
    "Invisible characters with no place in running text: C0 controls other than "
    "tab, newline and carriage return; DEL; zero-width space; word joiner; BOM; soft hyphen.",
)

LINE_SEPARATOR = pattern(
    "controls.line_separator",
    f"[{_class(LINE_SEPARATOR_CHARS)}]",
    "Characters that mean a line or paragraph break: VT, FF, information separators, "
    "NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR.",
)

LATIN_JOINER = pattern(
    "controls.latin_joiner",
    r"(?<=[\p{Script=Latin}\p{N}])[\u200c\u200d]+(?=[\p{Script=Latin}\p{N}])",
    "Zero-width (non-)joiners between Latin letters or digits, where they join nothing.",
)

CRLF = pattern(
    "whitespace.crlf",
    r"\r\n?",
    "Windows (CRLF) and old Mac (CR) line endings.",
)

NBSP_RUN = pattern(
    "whitespace.nbsp_run",
    f"[ {_class(NBSP_CHARS)}]*[{_class(NBSP_CHARS)}][ {_class(NBSP_CHARS)}]*",
    "A run of horizontal spaces containing a no-break or typographic space. "
    "Example: ``(SCEWC)\\u00a0 is``.",
)

TRAILING = pattern(
    "whitespace.trailing",
    f"[{_class(TRAILING_CHARS)}]+(?=\\n|\\Z)",
    "Horizontal whitespace at the end of a line.",
)

SPACE_RUN = pattern(
    "whitespace.space_run",
    r"(?<=\S)  +(?=\S)",
    "Two or more plain spaces between visible characters. Leading indentation is not matched.",
)

BLANK_LINES = pattern(
    "whitespace.blank_lines",
    f"\\n(?:[{_class(TRAILING_CHARS)}]*\\n){{2,}}",
    "Three or more line breaks, possibly with spaces between: a blank-line flood.",
)

LEADING_BLANK = pattern(
    "whitespace.leading_blank",
    f"\\A(?:[{_class(TRAILING_CHARS)}]*\\n)+",
    "Blank lines at the very start of the document.",
)

TRAILING_BLANK = pattern(
    "whitespace.trailing_blank",
    f"\\n(?:[{_class(TRAILING_CHARS)}]*\\n)+[{_class(TRAILING_CHARS)}]*\\Z",
    "Blank lines at the very end of the document, with any spaces after the last "
    "newline (a single final newline is kept).",
)

BRACKET_SPACE = pattern(
    "whitespace.bracket_space",
    r"(?<=[(\[])[ \t]+(?=[^\s)\]])|(?<=[^\s(\[])[ \t]+(?=[)\]])",
    "Spaces just inside brackets. Example: ``( Xinhua )`` becomes ``(Xinhua)``.",
)

DOUBLE_PERIOD = pattern(
    "punctuation.double_period",
    r"(?<=[\p{L}\p{N})\]\"”’'])(?<!\.)\.\.(?!\.)(?=[\s\"”’')\]]|\Z)",
    "Exactly two full stops after a word, not part of an ellipsis. Example: ``labs..``.",
)

DOUBLE_COMMA = pattern(
    "punctuation.double_comma",
    r"(?<=\p{L}|\p{N}),,(?!,)(?=\s)",
    "Exactly two commas after a word. Example: ``cities,, and``.",
)
