"""A one-line progress display on stderr: documents, MB read, MB/s and, when the input
size is known, percent done and time left. Shown only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import IO


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    """Call :meth:`update` as work completes; :meth:`close` clears the line.

    ``total`` is the input size in bytes on disk (``None`` when unknown, as for
    stdin); ``done`` passed to :meth:`update` is measured the same way, so the ETA
    is right for compressed files too.

    >>> import io
    >>> p = Progress(io.StringIO(), total=None, enabled=True)
    >>> p.line(docs=10, nbytes=2_000_000, done=0, elapsed=2.0)
    '10 docs  2.0 MB  1.0 MB/s'
    """

    def __init__(
        self, stream: IO[str], total: int | None, enabled: bool, interval: float = 0.25
    ) -> None:
        self.stream = stream
        self.total = total or None
        self.enabled = enabled
        self.interval = interval
        self._start = time.monotonic()
        self._last = 0.0
        self._shown = False

    @classmethod
    def for_stderr(cls, total: int | None, quiet: bool) -> Progress:
        """A display on stderr, enabled only if stderr is a terminal and not ``quiet``."""
        enabled = not quiet and sys.stderr.isatty()
        return cls(sys.stderr, total, enabled)

    def line(self, docs: int, nbytes: int, done: int, elapsed: float) -> str:
        """The text shown for these counts."""
        rate = nbytes / 1e6 / elapsed if elapsed > 0 else 0.0
        text = f"{docs} docs  {nbytes / 1e6:.1f} MB  {rate:.1f} MB/s"
        if self.total and done:
            frac = min(done / self.total, 1.0)
            left = elapsed * (1 - frac) / frac if frac > 0 else 0.0
            text += f"  {100 * frac:3.0f}%  ETA {_duration(left)}"
        return text

    def update(self, docs: int, nbytes: int, done: int = 0, force: bool = False) -> None:
        """Redraw, at most every ``interval`` seconds."""
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        self.stream.write("\r\x1b[K" + self.line(docs, nbytes, done, now - self._start))
        self.stream.flush()
        self._shown = True

    def message(self, text: str) -> None:
        """Write a line of text without mangling the display."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self._shown = False
        self.stream.write(text)

    def close(self) -> None:
        """Clear the display."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False
