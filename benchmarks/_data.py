"""Shared benchmark helpers: the article-extraction data set and its metric.

The data set is Zyte's public article-extraction benchmark (MIT licence): 181
HTML pages, gzip-compressed, with the true article body of each in
``ground-truth.json``. Its metric, reimplemented here: split text into ``\\w+``
tokens, count 4-token shingles, compare the multisets page by page
(true positives, false positives, false negatives normalised to sum to 1),
average precision and recall over pages, and take F1 of the two averages.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_HERE = Path(__file__).resolve().parent
DEFAULT_DATA = _HERE.parent.parent / "shared" / "data" / "scrapinghub-article-extraction-benchmark"


def data_dir() -> Path | None:
    """The benchmark folder: ``$SCRUBTEXT_BENCH_DATA`` or ``../shared/data/...``; None if absent."""
    env = os.environ.get("SCRUBTEXT_BENCH_DATA")
    for candidate in (
        Path(env) if env else None,
        DEFAULT_DATA,
        Path.cwd().parent / "shared" / "data" / DEFAULT_DATA.name,
    ):
        if candidate and (candidate / "ground-truth.json").is_file():
            return candidate
    return None


@dataclass(frozen=True)
class Page:
    """One benchmark page: id, raw HTML and the true article body."""

    id: str
    html: str
    truth: str
    url: str


def load_pages(root: Path | None = None, limit: int | None = None) -> list[Page]:
    """All pages (sorted by id), or the first ``limit``."""
    root = root or data_dir()
    if root is None:
        raise FileNotFoundError("benchmark data not found; set SCRUBTEXT_BENCH_DATA")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        raw = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        pages.append(
            Page(
                key,
                raw.decode("utf-8", errors="replace"),
                truth[key].get("articleBody", ""),
                truth[key].get("url", ""),
            )
        )
    return pages


def ground_truth_articles(root: Path | None = None) -> Iterator[tuple[str, str]]:
    """(id, article text) for every page, without reading the HTML."""
    root = root or data_dir()
    if root is None:
        raise FileNotFoundError("benchmark data not found; set SCRUBTEXT_BENCH_DATA")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        yield key, truth[key].get("articleBody", "")


# --- the metric ---------------------------------------------------------------

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles (a text shorter than n gives one short shingle)."""
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_counts(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page."""
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def score(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Precision and recall averaged over pages, and F1 of the two averages."""
    precision = statistics.mean([_precision(*c) for c in counts if c[0] + c[1] > 0] or [0.0])
    recall = statistics.mean([_recall(*c) for c in counts if c[0] + c[2] > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def evaluate(pages: list[Page], predictions: list[str]) -> dict[str, float]:
    """Score predictions (one per page, same order) against the pages' truth."""
    return score([page_counts(p.truth, pred) for p, pred in zip(pages, predictions, strict=True)])
