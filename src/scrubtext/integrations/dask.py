"""Dask: clean a bag of records, or whole files on a cluster (``pip install 'scrubtext[dask]'``).

- :func:`scrub_bag` maps a :class:`~scrubtext.parallel.Cleaner` over every
  partition of a ``dask.bag.Bag`` of dicts;
- :func:`run_on_cluster` is ``scrubtext --dask ADDRESS --output-dir OUT FILE...``:
  one task per input file, each running exactly the code of a serial run
  (:func:`scrubtext.parallel.run_files`), so the files written are the same.
  Workers must see the input files and the output folder (a shared file system).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from ..config import Config
from ..errors import ScrubtextError
from ..parallel import Cleaner, RecordProcessor, RunSummary, run_files
from ..progress import Progress
from ..stats import Stats

_MISSING = "the Dask integration needs the dask extra: pip install 'scrubtext[dask]'"


def scrub_bag(
    bag: Any,
    field: str = "text",
    *,
    config: Config | None = None,
    html: bool | None = None,
    **options: Any,
) -> Any:
    """A bag of dicts in, a bag of dicts out with ``field`` cleaned; other keys are kept.

    Options are those of :func:`scrubtext.clean` (or pass a ready ``config``).
    Records without the field pass through unchanged.
    """
    cfg = Config.merged(config, **options)
    cleaner = Cleaner(field, cfg, html)
    return bag.map_partitions(_clean_partition, cleaner)


def _clean_partition(records: Any, cleaner: Cleaner) -> list[dict[str, Any]]:
    return list(cleaner.partition(records))


def clean_file_task(
    processor: RecordProcessor, name: str, fmt: str, output_dir: str
) -> tuple[list[str], RunSummary]:
    """Run one file serially on a worker; return its stderr lines and summary."""
    lines: list[str] = []
    summary = run_files(processor, [name], fmt, output_dir=output_dir, message=lines.append)
    return lines, summary


def run_on_cluster(
    address: str,
    processor: RecordProcessor,
    files: Sequence[str],
    fmt: str,
    output_dir: str,
    message: Callable[[str], None],
    progress: Progress | None = None,
) -> RunSummary:
    """Clean ``files`` on the Dask scheduler at ``address``, one task per file.

    Messages come back in input order. Paths are made absolute, so workers started
    in another folder find the same files. A task that fails as a whole (a worker
    died, the output folder is not writable there) fails that file; the others go on.
    """
    try:
        from distributed import Client
    except ImportError as exc:
        raise ScrubtextError(_MISSING) from exc
    try:
        client = Client(address, timeout="20s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise ScrubtextError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    total = RunSummary(stats=Stats() if processor.want_stats else None)
    out_dir = os.path.abspath(output_dir)
    with client:
        futures = [
            client.submit(
                clean_file_task, processor, os.path.abspath(name), fmt, out_dir, pure=False
            )
            for name in files
        ]
        for name, fut in zip(files, futures, strict=True):
            try:
                lines, summary = fut.result()
            except Exception as exc:  # worker lost, or the task raised: only this file failed
                lines = [f"scrubtext: {name}: failed on the cluster: {type(exc).__name__}: {exc}"]
                summary = RunSummary(failed=1)
            for line in lines:
                message(line)
            total.documents += summary.documents
            total.failed += summary.failed
            if total.stats is not None and summary.stats is not None:
                total.stats.merge(summary.stats)
            if progress is not None:
                progress.update(total.documents + total.failed, 0, 0, force=True)
    return total
