"""The top-level functions: :func:`clean` and :func:`scrub`."""

from __future__ import annotations

from typing import Any

from .config import Config
from .document import Document
from .filters.html import looks_like_html
from .pipeline import Pipeline, Result
from .registry import default_pipeline


def _prepare(text: str, html: bool | None, options: dict[str, Any]) -> tuple[Document, Pipeline]:
    if not isinstance(text, str):
        raise TypeError(f"scrubtext takes str, got {type(text).__name__}; decode bytes first")
    if html is not None and not isinstance(html, bool):
        raise TypeError(f"html must be True, False or None, got {html!r}")
    config = options.pop("config", None)
    if config is not None and not isinstance(config, Config):
        raise TypeError("config must be a scrubtext.Config")
    config = Config.merged(config, **options)
    is_html = looks_like_html(text) if html is None else bool(html)
    meta: dict[str, Any] = {"html": is_html}
    if config.language:
        meta["language"] = config.language
    return Document(text, meta=meta), default_pipeline(config)


def clean(text: str, *, html: bool | None = None, **options: Any) -> str:
    """Return ``text`` cleaned by the default pipeline.

    ``html=None`` detects markup; ``True``/``False`` force it. Other keyword
    options configure the pipeline (see :class:`scrubtext.Config`).

    >>> clean("CafÃ© &amp; bar")
    'Café & bar'
    """
    doc, pipeline = _prepare(text, html, options)
    out, _ = pipeline(doc)
    cleaned: str = out.text
    return cleaned


def scrub(text: str, *, html: bool | None = None, **options: Any) -> Result:
    """Clean ``text`` and return a :class:`Result` that explains every change.

    >>> r = scrub("labs.. done")
    >>> r.text, [(e.rule, e.start, e.end) for e in r.edits]
    ('labs. done', [('punctuation.double_period', 5, 6)])
    """
    doc, pipeline = _prepare(text, html, options)
    out, steps = pipeline(doc)
    return Result(text, out, steps)
