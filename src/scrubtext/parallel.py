"""Batched, ordered, bounded processing of records, in this process or in worker processes.

- :class:`RecordProcessor` holds everything needed to clean a record (the config
  and the output options). It is a small frozen dataclass, so it pickles, and the
  same object drives the serial path, ``--jobs N`` and ``--dask``: every path calls
  :func:`process_batch`, so their outputs are identical by construction.
- :func:`batches` groups raw records into tasks of at most ``BATCH_DOCS``
  documents or about ``BATCH_BYTES`` bytes, to amortise pickling.
- :func:`ordered_map` runs tasks with a fixed number of tasks in flight and yields
  results in input order, so memory stays flat whatever the input size.
- :class:`Cleaner` is the same pipeline as a plain callable over dicts and column
  batches, for Spark, Ray, Hugging Face ``datasets`` and Dask (see docs/scale.md).
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import IO, Any, TypeVar

from .config import Config
from .errors import InputError, ScrubtextError
from .io import (
    InputFile,
    OutputFile,
    RawRecord,
    Record,
    format_output,
    input_kind,
    output_path,
    parse_raw,
    raw_records,
)
from .progress import Progress
from .stats import Stats

#: A task holds at most this many documents...
BATCH_DOCS = 64
#: ...or about this many bytes of input (a larger single record is a task of its own).
#: Small enough that slow pipelines still spread evenly over the workers.
BATCH_BYTES = 256 << 10
#: Tasks in flight per worker process (queued or running).
IN_FLIGHT_PER_JOB = 2
#: With ``--jobs`` left to choose, this much input is cleaned in the main process
#: before worker processes start: a small input never pays for them, a large one
#: or a long stream on stdin gets every CPU after the first few seconds.
SERIAL_FIRST_BYTES = 2 << 20

A = TypeVar("A")
R = TypeVar("R")
K = TypeVar("K")


@dataclass
class Outcome:
    """What processing one record produced.

    ``output`` is the text to write; ``report`` one JSON line for ``--report``;
    ``explain`` the ``--explain`` lines; ``notes`` remarks for stderr (such as an
    encoding guess); ``error`` set when the record was not cleaned.
    """

    output: str = ""
    report: str | None = None
    explain: list[str] | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RecordProcessor:
    """Everything needed to clean one record; picklable, so it travels to workers.

    >>> from scrubtext.io import RawRecord
    >>> p = RecordProcessor()
    >>> p.process(RawRecord("<stdin>", b"labs..", "text")).output
    'labs.\\n'
    """

    config: Config = field(default_factory=Config)
    field_name: str = "text"
    html: bool | None = None
    want_report: bool = False
    want_explain: bool = False
    want_stats: bool = False
    #: A record that was read but could not be cleaned is written unchanged (and
    #: still reported); False leaves it out of the output.
    keep_failed: bool = True

    def process(self, raw: RawRecord, stats: Stats | None = None) -> Outcome:
        """Parse and clean one raw record. Never raises for a bad document.

        An unexpected exception (a bug) or running out of memory on one record is
        reported as that record's error, so one document cannot stop a long run.
        """
        record: Record | None = None
        try:
            record = parse_raw(raw, self.field_name)
            out = self.process_record(record, raw.kind, stats)
        except Exception as exc:  # a bug or MemoryError: this record's error, never hidden
            if stats is not None:
                stats.add_failure()
            where = f"{raw.source}:{raw.line}" if raw.line is not None else raw.source
            out = Outcome(
                error=f"{where}: internal error, please report it: {type(exc).__name__}: {exc}"
            )
            if record is not None and not record.error:
                out.output = self._unchanged(record, raw.kind)
        out.notes = (record.notes if record is not None else []) + out.notes
        return out

    def _unchanged(self, record: Record, kind: str) -> str:
        """The record as it came in (for a record that could not be cleaned), or ""."""
        if not self.keep_failed:
            return ""
        return format_output(record, record.text, self.field_name, kind)

    def process_record(self, record: Record, kind: str, stats: Stats | None = None) -> Outcome:
        """Clean one parsed record; the error is returned, not raised."""
        from .api import scrub

        if record.error:
            if stats is not None:
                stats.add_failure()
            # A JSON object whose field is missing or not a string: nothing to clean,
            # but it is still a record of the data set, so it passes through unchanged.
            passed = record.raw is not None and self.keep_failed
            output = format_output(record, record.text, self.field_name, kind) if passed else ""
            return Outcome(error=record.error, output=output)
        use_html = self.html if self.html is not None else record.html
        try:
            result = scrub(record.text, html=use_html, config=self.config)
        except ScrubtextError as exc:
            error = f"{record.where}: {exc}"
        except RecursionError:
            error = f"{record.where}: input nested too deeply to process"
        else:
            error = ""
        if error:
            if stats is not None:
                stats.add_failure()
            return Outcome(error=error, output=self._unchanged(record, kind))
        out = Outcome(output=format_output(record, result.text, self.field_name, kind))
        if self.want_report:
            rep = result.to_dict()
            rep["source"] = record.source
            if record.line is not None:
                rep["line"] = record.line
            out.report = json.dumps(rep, ensure_ascii=False) + "\n"
        if self.want_explain:
            from .explain import explain_lines

            out.explain = explain_lines(result, record.where)
        if stats is not None:
            stats.add_result(result)
        return out


@dataclass
class BatchResult:
    """The outcomes of one task, in order, and their stats (when asked for)."""

    outcomes: list[Outcome]
    stats: Stats | None = None


def process_batch(processor: RecordProcessor, raws: Sequence[RawRecord]) -> BatchResult:
    """Clean a batch of raw records (the unit of work sent to a worker process)."""
    stats = Stats() if processor.want_stats else None
    return BatchResult([processor.process(r, stats) for r in raws], stats)


def batches(
    raws: Iterable[RawRecord], max_docs: int = BATCH_DOCS, max_bytes: int = BATCH_BYTES
) -> Iterator[list[RawRecord]]:
    """Group records into lists of at most ``max_docs`` records or about ``max_bytes`` bytes."""
    batch: list[RawRecord] = []
    size = 0
    for raw in raws:
        batch.append(raw)
        size += len(raw.data)
        if len(batch) >= max_docs or size >= max_bytes:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def available_cpus() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def default_jobs() -> int:
    """The ``--jobs`` default: every available CPU (after :data:`SERIAL_FIRST_BYTES`)."""
    return available_cpus()


_WARM_UP = (
    RawRecord("<warm-up>", b"Bonjour tout le monde, voici un texte court.", "text"),
    RawRecord(
        "<warm-up>", b"<html><body><p>The mayor said that the city</p></body></html>", "html"
    ),
)


def warm_up(processor: RecordProcessor) -> None:
    """Run the pipeline once here, so forked workers start with patterns compiled and
    language profiles loaded instead of each loading them again."""
    process_batch(processor, _WARM_UP)


def _ignore_sigint() -> None:
    # Ctrl-C is handled once, by the main process, which then stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def ordered_map(
    fn: Callable[[A], R],
    items: Iterable[tuple[K, A]],
    jobs: int = 1,
    in_flight: int | None = None,
) -> Generator[tuple[K, R], None, None]:
    """Yield ``(key, fn(arg))`` for each ``(key, arg)``, in input order.

    With ``jobs > 1``, ``fn`` runs in that many worker processes (``fn`` and each
    ``arg`` must pickle; ``key`` stays here). At most ``in_flight`` tasks are
    submitted but not yet yielded (default ``IN_FLIGHT_PER_JOB * jobs``), and
    ``items`` is read only as results are taken, so memory is bounded by the
    window, not the input.
    """
    if jobs <= 1:
        for key, arg in items:
            yield key, fn(arg)
        return
    window = in_flight or IN_FLIGHT_PER_JOB * jobs
    pending: deque[tuple[K, Future[R]]] = deque()
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_sigint)
    try:
        for key, arg in items:
            pending.append((key, pool.submit(fn, arg)))
            while len(pending) >= window:
                k, fut = pending.popleft()
                yield k, fut.result()
        while pending:
            k, fut = pending.popleft()
            yield k, fut.result()
    finally:
        for _, fut in pending:
            fut.cancel()
        pool.shutdown(wait=not pending, cancel_futures=True)


def run_batches(
    processor: RecordProcessor,
    items: Iterable[tuple[K, list[RawRecord]]],
    jobs: int = 1,
    serial_bytes: int = 0,
) -> Generator[tuple[K, BatchResult], None, None]:
    """:func:`ordered_map` of :func:`process_batch` with ``processor``.

    With ``serial_bytes``, batches are cleaned here until that many bytes of input
    have been, and only the rest goes to ``jobs`` worker processes (which then start
    with this process's compiled patterns and language profiles).
    """
    items = iter(items)
    if jobs > 1 and serial_bytes > 0:
        done = 0
        for key, batch in items:
            yield key, process_batch(processor, batch)
            done += sum(len(r.data) for r in batch)
            if done >= serial_bytes:
                break
        else:
            return
    elif jobs > 1:
        warm_up(processor)
    yield from ordered_map(partial(process_batch, processor), items, jobs)


@dataclass(frozen=True)
class Cleaner:
    """The pipeline as a picklable callable over records, for data-processing frameworks.

    - ``cleaner(record)``: a dict in, a new dict out with ``field`` cleaned (``map``);
    - ``cleaner.partition(records)``: an iterable of dicts (Spark ``mapPartitions``);
    - ``cleaner.batch(columns)``: a mapping of columns, a pandas DataFrame or a
      pyarrow Table (Hugging Face ``batched=True``, Ray ``map_batches``, Spark
      ``mapInPandas``), with the ``field`` column cleaned.

    A record without the field, or with a non-string value, passes through unchanged.

    >>> Cleaner()({"id": 7, "text": "a &amp; b"})
    {'id': 7, 'text': 'a & b'}
    """

    field: str = "text"
    config: Config = dataclasses.field(default_factory=Config)
    html: bool | None = None

    @classmethod
    def from_options(cls, field: str = "text", html: bool | None = None, **options: Any) -> Cleaner:
        """Build from keyword options as :func:`scrubtext.clean` takes them."""
        return cls(field, Config.from_options(**options), html)

    def clean_text(self, text: Any) -> Any:
        """Clean one value; anything but a string is returned as it is."""
        from .api import clean

        if not isinstance(text, str):
            return text
        return clean(text, html=self.html, config=self.config)

    def __call__(self, record: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(record)
        if self.field in out:
            out[self.field] = self.clean_text(out[self.field])
        return out

    def partition(self, records: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
        """Clean every record of an iterable, lazily."""
        for record in records:
            yield self(record)

    def batch(self, columns: Any) -> Any:
        """Clean the ``field`` column of a column batch; other columns are kept.

        A pandas DataFrame (anything with ``assign``) gives a DataFrame; a mapping of
        columns, or a pyarrow Table (anything with ``to_pydict``), gives a dict of
        columns with the cleaned one as a list. A batch without the column is
        returned as it is (a Table as a dict).
        """
        if hasattr(columns, "to_pydict"):  # its cells are pyarrow scalars, not str
            columns = columns.to_pydict()
        if self.field not in columns:
            return columns
        cleaned = [self.clean_text(t) for t in columns[self.field]]
        if hasattr(columns, "assign"):
            return columns.assign(**{self.field: cleaned})
        out = {key: columns[key] for key in columns}
        out[self.field] = cleaned
        return out


@dataclass(frozen=True)
class _TaskKey:
    """What the main process keeps about a task: its file and progress figures."""

    file: int
    docs: int
    nbytes: int
    done: int
    end: bool = False


@dataclass
class RunSummary:
    """What :func:`run_files` did: documents cleaned, failures, and stats when asked."""

    documents: int = 0
    failed: int = 0
    stats: Stats | None = None


class _Sinks:
    """Output targets: one shared text stream, or one file per input under a folder."""

    def __init__(self, files: Sequence[str], out: IO[str] | None, output_dir: str | None) -> None:
        self.files = files
        self.out = out
        self.output_dir = output_dir
        self.open: dict[int, OutputFile] = {}
        self.errors: set[int] = set()

    def write(self, idx: int, text: str) -> None:
        if self.output_dir is None:
            if self.out is not None:
                self.out.write(text)
            return
        sink = self.open.get(idx)
        if sink is None:
            sink = self.open[idx] = OutputFile(output_path(self.files[idx], self.output_dir))
        sink.write(text)

    def finish(self, idx: int) -> None:
        """An input is done: commit its file (an empty one if it had records but no text)."""
        if self.output_dir is None:
            return
        sink = self.open.pop(idx, None)
        if sink is None and idx not in self.errors:
            sink = OutputFile(output_path(self.files[idx], self.output_dir))
        if sink is not None:
            sink.commit()

    def abort(self) -> None:
        for sink in self.open.values():
            sink.abort()
        self.open.clear()


def _tasks(
    files: Sequence[str], fmt: str, sizes: Sequence[int]
) -> Iterator[tuple[_TaskKey, list[RawRecord]]]:
    offset = 0
    for idx, name in enumerate(files):
        try:
            inp = InputFile(name)
        except InputError as exc:
            kind = input_kind(name, fmt)
            yield _TaskKey(idx, 1, 0, offset), [RawRecord(name, b"", kind, error=str(exc))]
        else:
            try:
                for batch in batches(raw_records(name, fmt, inp)):
                    nbytes = sum(len(r.data) for r in batch)
                    yield _TaskKey(idx, len(batch), nbytes, offset + inp.position()), batch
            finally:
                inp.close()
        offset += sizes[idx]
        yield _TaskKey(idx, 0, 0, offset, end=True), []


def input_sizes(files: Sequence[str]) -> list[int]:
    """Size on disk of each input (0 for stdin or a file that cannot be read)."""
    sizes = []
    for name in files:
        try:
            sizes.append(0 if name == "-" else os.path.getsize(name))
        except OSError:
            sizes.append(0)
    return sizes


def run_files(
    processor: RecordProcessor,
    files: Sequence[str],
    fmt: str = "auto",
    *,
    jobs: int = 1,
    output_dir: str | None = None,
    out: IO[str] | None = None,
    report: IO[str] | None = None,
    message: Callable[[str], None] = print,
    progress: Progress | None = None,
    serial_bytes: int = 0,
) -> RunSummary:
    """Clean ``files`` (``-`` is stdin) in order and write the results.

    Output goes to ``out`` or, with ``output_dir``, to one file per input with the
    same name (and compression). ``message`` receives every line meant for stderr
    (encoding notes, errors, ``--explain``), in input order. With ``jobs > 1``,
    the first ``serial_bytes`` of input are cleaned in this process (see
    :func:`run_batches`).
    """
    summary = RunSummary(stats=Stats() if processor.want_stats else None)
    sizes = input_sizes(files)
    sinks = _Sinks(files, out, output_dir)
    docs = nbytes = 0
    results = run_batches(processor, _tasks(files, fmt, sizes), jobs, serial_bytes)
    try:
        for key, res in results:
            if summary.stats is not None and res.stats is not None:
                summary.stats.merge(res.stats)
            for o in res.outcomes:
                for note in o.notes:
                    message(f"scrubtext: {note}")
                if o.error:
                    summary.failed += 1
                    sinks.errors.add(key.file)
                    message(f"scrubtext: {o.error}")
                    if o.output:  # read but not cleaned: written unchanged
                        sinks.write(key.file, o.output)
                    continue
                summary.documents += 1
                sinks.write(key.file, o.output)
                if o.explain:
                    if out is not None:
                        out.flush()
                    message("\n".join(o.explain))
                if report is not None and o.report is not None:
                    report.write(o.report)
            if key.end:
                sinks.finish(key.file)
            docs += key.docs
            nbytes += key.nbytes
            if progress is not None:
                progress.update(docs, nbytes, key.done)
    except BaseException:
        sinks.abort()
        raise
    finally:
        results.close()
    return summary
