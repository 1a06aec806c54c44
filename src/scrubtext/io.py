"""Readers and writers: plain text, HTML and JSON Lines (optionally gzip or zstd).

Readers yield :class:`Record` objects one at a time, so memory stays flat. A record
that cannot be read carries an ``error`` naming the file and line; the records
around it still come out.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any, cast

from .errors import InputError

FORMATS = ("auto", "text", "html", "jsonl")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
#: Bytes looked at to decide whether a file is binary.
_SNIFF = 8192


@dataclass
class Record:
    """One document to clean, or one that could not be read (``error`` set)."""

    source: str
    text: str = ""
    line: int | None = None
    html: bool | None = None
    raw: dict[str, Any] | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        """``file`` or ``file:line`` for messages."""
        return f"{self.source}:{self.line}" if self.line is not None else self.source


def detect_format(name: str) -> str:
    """Format from a file name: ``jsonl``, ``html`` or ``text``.

    >>> detect_format("a.jsonl.gz"), detect_format("page.HTML"), detect_format("-")
    ('jsonl', 'html', 'text')
    """
    lower = name.lower()
    for comp in (".gz", ".zst", ".zstd", ".bz2"):
        if lower.endswith(comp):
            lower = lower[: -len(comp)]
    if lower.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(_HTML_SUFFIXES):
        return "html"
    return "text"


def open_binary(name: str) -> IO[bytes]:
    """Open a path (or ``-`` for stdin) for reading bytes, decompressing by extension."""
    if name == "-":
        return sys.stdin.buffer
    lower = name.lower()
    try:
        if lower.endswith(".gz"):
            return cast(IO[bytes], gzip.open(name, "rb"))
        if lower.endswith(".bz2"):
            return cast(IO[bytes], bz2.open(name, "rb"))
        if lower.endswith((".zst", ".zstd")):
            try:
                import zstandard
            except ImportError as exc:
                raise InputError(
                    f"{name}: reading .zst needs the zstd extra: pip install 'scrubtext[zstd]'"
                ) from exc
            fh = open(name, "rb")  # noqa: SIM115 - closed with the reader below
            return cast(IO[bytes], zstandard.ZstdDecompressor().stream_reader(fh, closefd=True))
        return open(name, "rb")
    except OSError as exc:
        raise InputError(f"{name}: cannot open: {exc.strerror or exc}") from exc


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8, else detect the encoding; return the text and notes for stderr."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        best = None
    else:
        best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), [
                f"{name}: not UTF-8 (first bad byte at offset {first_bad}); decoded as {best.encoding}"
            ]
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("utf-8", errors="replace"), [
        f"{name}: not UTF-8 (first bad byte at offset {first_bad}); undecodable bytes replaced by U+FFFD"
    ]


def looks_binary(head: bytes) -> bool:
    """True for data that is not text: NUL bytes, or mostly control bytes."""
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > 0.1 * len(head)


def read_records(name: str, fmt: str = "auto", field_name: str = "text") -> Iterator[Record]:
    """Yield the records of one input (``-`` is stdin)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown input format {fmt!r}; choose one of {', '.join(FORMATS)}")
    display = "<stdin>" if name == "-" else name
    kind = detect_format(name) if fmt == "auto" else fmt
    try:
        fh = open_binary(name)
    except InputError as exc:
        yield Record(display, error=str(exc))
        return
    try:
        if kind == "jsonl":
            yield from _read_jsonl(fh, display, field_name)
        else:
            yield _read_whole(fh, display, html=True if kind == "html" else None)
    except (OSError, EOFError, ValueError) as exc:  # truncated gzip and the like
        yield Record(display, error=f"{display}: read failed: {exc}")
    finally:
        if fh is not sys.stdin.buffer:
            fh.close()


def _read_whole(fh: IO[bytes], name: str, html: bool | None) -> Record:
    data = fh.read()
    if looks_binary(data[:_SNIFF]):
        return Record(name, error=f"{name}: looks like a binary file; skipped")
    text, notes = decode(data, name)
    return Record(name, text=text, html=html, notes=notes)


def _read_jsonl(fh: IO[bytes], name: str, field_name: str) -> Iterator[Record]:
    stream: Any = fh if isinstance(fh, io.BufferedIOBase) else io.BufferedReader(cast(Any, fh))
    for lineno, raw_line in enumerate(stream, start=1):
        if not raw_line.strip():
            continue
        try:
            line = raw_line.decode("utf-8")
        except UnicodeDecodeError:
            line, _ = decode(raw_line, f"{name}:{lineno}")
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Record(name, line=lineno, error=f"{name}:{lineno}: not valid JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            yield Record(name, line=lineno, error=f"{name}:{lineno}: a JSON object was expected")
            continue
        value = obj.get(field_name)
        if not isinstance(value, str):
            what = "is missing" if value is None else "is not a string"
            yield Record(
                name, line=lineno, raw=obj, error=f"{name}:{lineno}: field {field_name!r} {what}"
            )
            continue
        yield Record(name, text=value, line=lineno, raw=obj)


def format_output(record: Record, cleaned: str, field_name: str, kind: str) -> str:
    """The output line(s) for one record: text ending in a newline, or one JSON line."""
    if kind == "jsonl":
        obj = dict(record.raw or {})
        obj[field_name] = cleaned
        return json.dumps(obj, ensure_ascii=False) + "\n"
    return cleaned if cleaned.endswith("\n") or not cleaned else cleaned + "\n"
