"""Readers and writers: plain text, HTML and JSON Lines (optionally gzip, bzip2 or zstd).

Reading happens in two stages so that the expensive part can run in worker
processes: :func:`raw_records` splits an input into :class:`RawRecord` byte
chunks (one per JSON line, or one per text/HTML file) without decoding them, and
:func:`parse_raw` turns one chunk into a :class:`Record` (decoding, JSON parsing,
field lookup). :func:`read_records` chains both for Python users.

A record that cannot be read carries an ``error`` naming the file and line; the
records around it still come out. Memory stays flat: one JSON line (or one
text file) at a time.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, cast

from .errors import InputError

FORMATS = ("auto", "text", "html", "jsonl")
COMPRESSIONS = (".gz", ".bz2", ".zst", ".zstd")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
#: Bytes looked at to decide whether a file is binary.
_SNIFF = 8192
#: gzip level for outputs: close to the best ratio at a fraction of level 9's time.
_GZIP_LEVEL = 6


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
    #: The decoded JSON line a JSON Lines record came from (without its line end),
    #: so that output keeps every other field exactly as it was written.
    source_line: str | None = None

    @property
    def where(self) -> str:
        """``file`` or ``file:line`` for messages."""
        return f"{self.source}:{self.line}" if self.line is not None else self.source


@dataclass(frozen=True, slots=True)
class RawRecord:
    """Undecoded input for one record: a JSON line or a whole text/HTML file.

    ``kind`` is ``jsonl``, ``html`` or ``text``; ``error`` is set when the input
    could not be read at all (``data`` is then empty); ``note`` is a remark for
    stderr about how it was read.
    """

    source: str
    data: bytes
    kind: str
    line: int | None = None
    error: str | None = None
    note: str | None = None


def compression(name: str) -> str:
    """The compression suffix of a file name (``.gz``, ``.bz2``, ``.zst``, ``.zstd``) or ``""``.

    >>> compression("a.jsonl.GZ"), compression("a.txt")
    ('.gz', '')
    """
    lower = name.lower()
    return next((c for c in COMPRESSIONS if lower.endswith(c)), "")


def detect_format(name: str) -> str:
    """Format from a file name: ``jsonl``, ``html`` or ``text``.

    >>> detect_format("a.jsonl.gz"), detect_format("page.HTML"), detect_format("-")
    ('jsonl', 'html', 'text')
    """
    lower = name.lower()
    comp = compression(lower)
    if comp:
        lower = lower[: -len(comp)]
    if lower.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(_HTML_SUFFIXES):
        return "html"
    return "text"


def _zstandard(name: str) -> Any:
    try:
        import zstandard
    except ImportError as exc:
        raise InputError(
            f"{name}: .zst files need the zstd extra: pip install 'scrubtext[zstd]'"
        ) from exc
    return zstandard


class InputFile:
    """An open input: ``stream`` gives decompressed bytes; :meth:`position` is how far
    into the file on disk reading has got (for progress and ETA)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._raw: IO[bytes] | None = None
        if name == "-":
            self.stream: IO[bytes] = sys.stdin.buffer
            return
        comp = compression(name)
        zstd = _zstandard(name) if comp in (".zst", ".zstd") else None
        try:
            raw = open(name, "rb")  # noqa: SIM115 - closed in close()
        except OSError as exc:
            raise InputError(f"{name}: cannot open: {exc.strerror or exc}") from exc
        self._raw = raw
        if comp == ".gz":
            self.stream = cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb"))
        elif comp == ".bz2":
            self.stream = cast(IO[bytes], bz2.BZ2File(raw, "rb"))
        elif zstd is not None:
            reader = zstd.ZstdDecompressor().stream_reader(raw, closefd=False)
            self.stream = cast(IO[bytes], io.BufferedReader(reader))
        else:
            self.stream = raw

    def position(self) -> int:
        """Bytes of the file on disk consumed so far (0 for stdin)."""
        try:
            return self._raw.tell() if self._raw is not None else 0
        except (OSError, ValueError):
            return 0

    def close(self) -> None:
        """Close the file (stdin stays open)."""
        if self._raw is None:
            return
        if self.stream is not self._raw:
            self.stream.close()
        self._raw.close()


def open_output(path: str, comp: str | None = None) -> IO[bytes]:
    """Open ``path`` for writing bytes, compressed as ``comp`` or its extension says."""
    comp = compression(path) if comp is None else comp
    zstd = _zstandard(path) if comp in (".zst", ".zstd") else None
    try:
        if comp == ".gz":
            return cast(IO[bytes], gzip.open(path, "wb", compresslevel=_GZIP_LEVEL))
        if comp == ".bz2":
            return cast(IO[bytes], bz2.open(path, "wb"))
        if zstd is not None:
            fh = open(path, "wb")  # noqa: SIM115 - closed with the writer
            return cast(IO[bytes], zstd.ZstdCompressor().stream_writer(fh, closefd=True))
        return open(path, "wb")
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from exc


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8, else detect the encoding; return the text and notes for stderr.

    charset-normalizer (the ``encoding`` extra) is used when installed; without it,
    undecodable bytes become U+FFFD. Either way a note names the input.
    """
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    encoding = _detect_encoding(data)
    if encoding:
        try:
            return data.decode(encoding), [
                f"{name}: not UTF-8 (first bad byte at offset {first_bad}); decoded as {encoding}"
            ]
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("utf-8", errors="replace"), [
        f"{name}: not UTF-8 (first bad byte at offset {first_bad}); undecodable bytes replaced by U+FFFD"
    ]


#: Single-byte code pages that charset-normalizer confuses on short texts: each
#: decodes most Western and Central European bytes to some letter.
_LATIN_PAGES = ("cp1252", "cp1250", "iso8859_2")
#: How much messier than the guess (charset-normalizer's mess ratio) a code page's
#: decoding may be and still be compared: curly quotes and dashes read as symbols in
#: the wrong page count as mess in the right one too.
_MESS_SLACK = 0.1


def _detect_encoding(data: bytes) -> str | None:
    """The encoding of ``data``: charset-normalizer's guess, checked against
    Windows-1252 and -1250 (None without the ``encoding`` extra or without a guess).

    On short texts charset-normalizer cannot tell these code pages apart: it ranks
    them equal and lists cp1250 first ("crème" became "crčme"), or it offers only a
    multi-byte Asian encoding (a French paragraph came out as johab). So the guess
    and these pages, when they decode with little more mess than the guess, are
    compared on how well their accented letters fit the language each decoding reads
    as; a draw goes to Windows-1252, the most common legacy encoding on the web.
    """
    try:
        from charset_normalizer import from_bytes
        from charset_normalizer.md import mess_ratio
    except ImportError:
        return None
    sample = data[:1_000_000]
    best = from_bytes(sample).best()
    if best is None:
        return None
    from . import lang

    texts = {best.encoding: str(best)}
    letters = lang.letters(lang.detect(texts[best.encoding]))
    if not letters:  # not a language written in these code pages
        return best.encoding
    for page in _LATIN_PAGES:
        if page not in texts:
            try:
                text = sample.decode(page)
            except UnicodeDecodeError:
                continue
            if mess_ratio(text, 1.0) <= best.chaos + _MESS_SLACK:
                texts[page] = text

    def fit(encoding: str) -> tuple[float, bool, bool]:
        text = texts[encoding]
        own = letters if encoding == best.encoding else lang.letters(lang.detect(text))
        # characters counted in C, then only the distinct accented letters looked at
        accented = {c: n for c, n in Counter(text.lower()).items() if c > "\x7f" and c.isalpha()}
        total = sum(accented.values())
        share = sum(n for c, n in accented.items() if c in own) / total if total else 0.0
        return share, encoding == "cp1252", encoding == best.encoding

    return max(texts, key=fit)


def looks_binary(head: bytes) -> bool:
    """True for data that is not text: NUL bytes, or mostly control bytes.

    >>> looks_binary(b"PK\\x03\\x04\\x00"), looks_binary("naïve text\\n".encode())
    (True, False)
    """
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > 0.1 * len(head)


def input_kind(name: str, fmt: str = "auto") -> str:
    """The format an input is read as: ``fmt`` unless ``auto``; stdin is text."""
    if fmt not in FORMATS:
        raise InputError(f"unknown input format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt != "auto":
        return fmt
    return "text" if name == "-" else detect_format(name)


def raw_records(name: str, fmt: str = "auto", inp: InputFile | None = None) -> Iterator[RawRecord]:
    """Split one input (``-`` is stdin) into undecoded records, in order.

    Pass an already open :class:`InputFile` as ``inp`` to watch its position.
    """
    kind = input_kind(name, fmt)
    display = "<stdin>" if name == "-" else name
    try:
        fh = inp or InputFile(name)
    except InputError as exc:
        yield RawRecord(display, b"", kind, error=str(exc))
        return
    try:
        if kind == "jsonl":
            yield from _jsonl_lines(fh.stream, display)
        elif name == "-" and fmt == "auto":
            yield from _stdin_records(fh.stream, display)
        else:
            yield RawRecord(display, fh.stream.read(), kind)
    except (OSError, EOFError, ValueError) as exc:  # truncated gzip and the like
        yield RawRecord(display, b"", kind, error=f"{display}: read failed: {exc}")
    finally:
        if inp is None:
            fh.close()


def _is_json_object_line(line: bytes) -> bool:
    body = line.strip()
    if not (body.startswith((b"{", b"\xef\xbb\xbf{")) and body.endswith(b"}")):
        return False
    try:
        return isinstance(json.loads(body.decode("utf-8-sig")), dict)
    except (ValueError, RecursionError):
        return False


def _stdin_records(stream: IO[bytes], name: str) -> Iterator[RawRecord]:
    """Standard input with no ``--input-format``: one text, unless its first line is a
    JSON object; then it is read as JSON Lines (a text filter would take the JSON
    for a data blob and delete it), with a note saying so."""
    first = stream.readline()
    if not _is_json_object_line(first):
        yield RawRecord(name, first + stream.read(), "text")
        return
    note = f"{name}: the first line is a JSON object, so the input is read as JSON Lines "
    note += "(--input-format text reads it as one text)"
    yield RawRecord(name, first, "jsonl", 1, note=note)
    yield from _line_records(stream, name, start=2)


def _line_records(lines: Iterable[bytes], name: str, start: int = 1) -> Iterator[RawRecord]:
    """One JSON Lines record per non-blank line, numbered from ``start``."""
    for lineno, raw_line in enumerate(lines, start=start):
        if raw_line.strip():
            yield RawRecord(name, raw_line, "jsonl", lineno)


def _jsonl_lines(fh: IO[bytes], name: str) -> Iterator[RawRecord]:
    stream: Any = fh if isinstance(fh, io.BufferedIOBase) else io.BufferedReader(cast(Any, fh))
    head = stream.peek(_SNIFF)[:_SNIFF] if hasattr(stream, "peek") else b""
    wide = next((enc for bom, enc in _WIDE_BOMS if head.startswith(bom)), None)
    if wide:
        # UTF-16/32 with a byte-order mark (Windows tools write these): decode the
        # stream and hand on each line as UTF-8, as if the file had been UTF-8.
        # A decoding error part-way ends the file with a message (caller).
        lines = io.TextIOWrapper(stream, encoding=wide, newline="")
        yield from _line_records((line.encode("utf-8", "surrogatepass") for line in lines), name)
        return
    if looks_binary(head):
        yield RawRecord(name, b"", "jsonl", error=f"{name}: looks like a binary file; skipped")
        return
    yield from _line_records(stream, name)


_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode_utf16_32(data: bytes) -> str | None:
    """Text of a file that starts with a UTF-16 or UTF-32 byte-order mark (as Windows
    tools write it), else None. Such files hold NUL bytes but are not binary."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return None if looks_binary(text[:_SNIFF].encode("utf-8", "replace")) else text
    return None


def parse_raw(raw: RawRecord, field_name: str = "text") -> Record:
    """Decode one raw record; problems become the record's ``error`` (never raised)."""
    record = _parse_raw(raw, field_name)
    if raw.note:
        record.notes.insert(0, raw.note)
    return record


def _parse_raw(raw: RawRecord, field_name: str) -> Record:
    name, lineno = raw.source, raw.line
    if raw.error:
        return Record(name, line=lineno, error=raw.error)
    if raw.kind != "jsonl":
        text_bom = _decode_utf16_32(raw.data)
        if text_bom is not None:
            return Record(name, text=text_bom, html=True if raw.kind == "html" else None)
        if looks_binary(raw.data[:_SNIFF]):
            return Record(name, error=f"{name}: looks like a binary file; skipped")
        text, decoded = decode(raw.data, name)
        return Record(name, text=text, html=True if raw.kind == "html" else None, notes=decoded)
    where = f"{name}:{lineno}"
    notes: list[str] = []
    try:
        line = raw.data.decode("utf-8-sig" if lineno == 1 else "utf-8")
    except UnicodeDecodeError:
        line, notes = decode(raw.data, where)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Record(name, line=lineno, error=f"{where}: not valid JSON ({exc.msg})", notes=notes)
    except RecursionError:
        return Record(name, line=lineno, error=f"{where}: JSON nested too deeply", notes=notes)
    except ValueError as exc:  # valid JSON Python cannot hold: an integer of > 4300 digits
        reason = str(exc).split(";")[0]
        return Record(
            name, line=lineno, error=f"{where}: JSON cannot be read ({reason})", notes=notes
        )
    if not isinstance(obj, dict):
        return Record(name, line=lineno, error=f"{where}: a JSON object was expected", notes=notes)
    value = obj.get(field_name)
    if not isinstance(value, str):
        if field_name not in obj:
            what = "is missing"
        elif value is None:
            what = "is null"
        else:
            what = f"is not a string (a JSON {_json_kind(value)})"
        return Record(
            name,
            line=lineno,
            raw=obj,
            error=f"{where}: field {field_name!r} {what}",
            notes=notes,
            source_line=line.rstrip("\r\n"),
        )
    return Record(
        name, text=value, line=lineno, raw=obj, notes=notes, source_line=line.rstrip("\r\n")
    )


def read_records(name: str, fmt: str = "auto", field_name: str = "text") -> Iterator[Record]:
    """Yield the records of one input (``-`` is stdin)."""
    for raw in raw_records(name, fmt):
        yield parse_raw(raw, field_name)


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "array" if isinstance(value, list) else "object"


def format_output(record: Record, cleaned: str, field_name: str, kind: str) -> str:
    """The output line(s) for one record: text ending in a newline, or one JSON line.

    A JSON line is written as it was read, with only the value of ``field_name``
    replaced (when it changed), so numbers, escapes, key order and spacing of every
    other field stay byte for byte (re-serialising would turn ``1e400`` into
    ``Infinity``, which is not JSON, and ``0.10000000000000000001`` into ``0.1``).
    """
    if kind == "jsonl":
        line = record.source_line
        if line is not None:
            if cleaned == record.text:
                return line + "\n"
            span = json_value_span(line, field_name)
            if span is not None:
                value = json.dumps(cleaned, ensure_ascii=False)
                return f"{line[: span[0]]}{value}{line[span[1] :]}\n"
        obj = dict(record.raw or {})
        obj[field_name] = cleaned
        return json.dumps(obj, ensure_ascii=False) + "\n"
    return cleaned if cleaned.endswith("\n") or not cleaned else cleaned + "\n"


_JSON_SPACE = " \t\n\r"
_JSON_DECODER = json.JSONDecoder()


def _skip_json_space(s: str, i: int) -> int:
    while i < len(s) and s[i] in _JSON_SPACE:
        i += 1
    return i


def json_value_span(line: str, key: str) -> tuple[int, int] | None:
    """Where the value of ``key`` is written in the JSON object ``line``: the last
    occurrence at the top level, as ``json.loads`` keeps; None if it is not there
    or ``line`` is not one JSON object."""
    found = None
    i = _skip_json_space(line, 0)
    if not line.startswith("{", i):
        return None
    i = _skip_json_space(line, i + 1)
    if line.startswith("}", i):
        return None
    try:
        while line.startswith('"', i):
            name, i = _JSON_DECODER.raw_decode(line, i)
            i = _skip_json_space(line, i)
            if not line.startswith(":", i):
                return None
            i = _skip_json_space(line, i + 1)
            _, end = _JSON_DECODER.raw_decode(line, i)
            if name == key:
                found = (i, end)
            i = _skip_json_space(line, end)
            if line.startswith("}", i):
                return found
            if not line.startswith(",", i):
                return None
            i = _skip_json_space(line, i + 1)
    except (ValueError, RecursionError):
        return None
    return None


def output_path(input_name: str, output_dir: str) -> str:
    """Where ``--output-dir`` writes the cleaned copy of ``input_name``: same file name."""
    return os.path.join(output_dir, os.path.basename(input_name))


class OutputFile:
    """Writes to a temporary name beside ``path`` and renames on :meth:`commit`, so a
    crash never leaves a half-written file under the final name."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._tmp = os.path.join(
            os.path.dirname(path) or ".", f".{os.path.basename(path)}.{os.getpid()}.part"
        )
        self._fh = open_output(self._tmp, compression(path))

    def write(self, text: str) -> None:
        """Append text (UTF-8; a lone surrogate as a backslash escape, as on stdout)."""
        self._fh.write(text.encode("utf-8", errors="backslashreplace"))

    def commit(self) -> None:
        """Finish the file and give it its final name."""
        self._fh.close()
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        """Close and remove the partial file."""
        try:
            self._fh.close()
        finally:
            if os.path.exists(self._tmp):
                os.unlink(self._tmp)
