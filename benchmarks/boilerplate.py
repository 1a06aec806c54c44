"""Boilerplate benchmark: scrubtext on the 181 article-extraction pages.

Prints precision, recall and F1 (the data set's own metric, see ``_data.py``)
and the median milliseconds per page for each condition:

- ``html``: ``scrubtext.clean(page.html, html=True)``;
- ``html_step``: the HTML extraction step alone (``filters=["html"]``), which shows
  what the later plain-text filters add or take away;
- ``html_bare``: the HTML step on pages stripped of ``class`` and ``id`` attributes,
  with ``nav``/``aside``/``header``/``footer`` renamed ``div``: how far the
  structural signals carry without the furniture vocabularies;
- ``lines`` / ``oneline`` / ``script``: three plain-text flattenings of each page,
  cleaned with ``scrubtext.clean(text, html=False)``:
  ``lines`` is html-text's output (block elements on their own lines),
  ``oneline`` the same text with all whitespace collapsed to single spaces,
  ``script`` the page's whole text including script and style elements, collapsed;
- ``lines_raw`` / ``oneline_raw`` / ``script_raw``: the same flattenings left as they
  are (the do-nothing baseline); their time is the flattening itself;
- ``trafilatura``: ``trafilatura.extract(html, favor_precision=True)``, the reference.

Examples::

    python benchmarks/boilerplate.py                  # every condition
    python benchmarks/boilerplate.py --mode html --limit 40 --worst 5
    python benchmarks/boilerplate.py --json out.json --check

``--check`` exits with status 1 when a measured F1, precision or recall falls below
the floors pinned in ``benchmarks/boilerplate_floors.json``, or a median time goes
above its ceiling there (``max_median_ms``, absolute, or
``max_median_vs_trafilatura``, a multiple of trafilatura's median in the same run). It exits 0 without measuring (and says so) when the data
set is absent, so CI can call it unconditionally.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import Page, data_dir, evaluate, load_pages, page_counts

FLOORS = Path(__file__).resolve().parent / "boilerplate_floors.json"
CONDITIONS = (
    "html",
    "html_step",
    "html_bare",
    "lines",
    "oneline",
    "script",
    "lines_raw",
    "oneline_raw",
    "script_raw",
    "trafilatura",
)
DESCRIPTIONS = {
    "html": "scrubtext, HTML mode",
    "html_step": "scrubtext, HTML step alone",
    "html_bare": "scrubtext, HTML step, pages without class/id/nav/aside/header/footer",
    "lines": "scrubtext, text: block lines",
    "oneline": "scrubtext, text: one line",
    "script": "scrubtext, text: one line with script",
    "lines_raw": "uncleaned: block lines",
    "oneline_raw": "uncleaned: one line",
    "script_raw": "uncleaned: one line with script",
    "trafilatura": "trafilatura favor_precision",
}

_SPACES = re.compile(r"\s+")
_CLASS_ID = re.compile(r"""\s(?:class|id)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_SEMANTIC = re.compile(r"<(/?)(?:nav|aside|header|footer)\b", re.IGNORECASE)


def bare(html: str) -> str:
    """The page without class/id attributes and with its furniture tags made ``div``."""
    return _SEMANTIC.sub(r"<\1div", _CLASS_ID.sub("", html))


# --- flattenings ----------------------------------------------------------------


def flat_lines(html: str) -> str:
    """html-text's extraction: block elements on their own lines."""
    import html_text

    text: str = html_text.extract_text(html)
    return text


def flat_oneline(html: str) -> str:
    """html-text's extraction with every whitespace run collapsed to one space."""
    return _SPACES.sub(" ", flat_lines(html)).strip()


def flat_script(html: str) -> str:
    """All text nodes of the page, script and style included, collapsed to one line."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # empty or unparseable page: nothing to flatten
        return ""
    return _SPACES.sub(" ", " ".join(root.itertext())).strip()


FLATTEN: dict[str, Callable[[str], str]] = {
    "lines": flat_lines,
    "oneline": flat_oneline,
    "script": flat_script,
}


# --- runners ----------------------------------------------------------------------


def _timed(fn: Callable[[str], str], arg: str) -> tuple[str, tuple[float, float]]:
    """``fn(arg)`` and its (wall, CPU) time in milliseconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn(arg)
    return out, ((time.perf_counter() - wall) * 1000.0, (time.process_time() - cpu) * 1000.0)


def run_condition(
    name: str, pages: list[Page], progress: bool = False
) -> tuple[list[str], list[tuple[float, float]]]:
    """Predictions and per-page (wall, CPU) milliseconds for one condition."""
    import scrubtext

    preds: list[str] = []
    times: list[tuple[float, float]] = []
    for i, page in enumerate(pages):
        if name == "html":
            out, ms = _timed(lambda h: scrubtext.clean(h, html=True), page.html)
        elif name == "html_step":
            out, ms = _timed(lambda h: scrubtext.clean(h, html=True, filters=["html"]), page.html)
        elif name == "html_bare":
            page_html = bare(page.html)
            out, ms = _timed(lambda h: scrubtext.clean(h, html=True, filters=["html"]), page_html)
        elif name == "trafilatura":
            import trafilatura

            out, ms = _timed(
                lambda h: trafilatura.extract(h, favor_precision=True) or "", page.html
            )
        elif name.endswith("_raw"):
            out, ms = _timed(FLATTEN[name[: -len("_raw")]], page.html)
        else:
            text = FLATTEN[name](page.html)
            out, ms = _timed(lambda t: scrubtext.clean(t, html=False), text)
        preds.append(out)
        times.append(ms)
        if progress and (i + 1) % 20 == 0:
            print(f"  {name}: {i + 1}/{len(pages)}", file=sys.stderr)
    return preds, times


def measure(
    names: list[str], pages: list[Page], worst: int = 0, progress: bool = False
) -> dict[str, dict[str, float]]:
    """Figures for each condition: precision, recall, f1, and milliseconds per page
    (wall clock: median, mean, max; CPU time of this process: median, which a busy
    machine disturbs less)."""
    results: dict[str, dict[str, float]] = {}
    for name in names:
        preds, times = run_condition(name, pages, progress)
        figures = evaluate(pages, preds)
        wall = [w for w, _ in times]
        figures["median_ms"] = statistics.median(wall)
        figures["mean_ms"] = statistics.fmean(wall)
        figures["max_ms"] = max(wall)
        figures["median_cpu_ms"] = statistics.median(c for _, c in times)
        results[name] = figures
        if worst:
            _print_worst(name, pages, preds, worst)
    return results


def _print_worst(name: str, pages: list[Page], preds: list[str], n: int) -> None:
    rows = []
    for page, pred in zip(pages, preds, strict=True):
        tp, fp, fn = page_counts(page.truth, pred)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows.append((f, p, r, page.id, page.url))
    rows.sort()
    print(f"worst pages for {name}:")
    for f, p, r, pid, url in rows[:n]:
        print(f"  {pid}  f1={f:.3f} p={p:.3f} r={r:.3f}  {url}")


# --- output and the gate ---------------------------------------------------------


def table(results: dict[str, dict[str, float]], n_pages: int) -> str:
    """Markdown table of the figures."""
    lines = [
        f"| condition ({n_pages} pages) | precision | recall | F1 | median ms/page "
        "| median CPU ms/page |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, fig in results.items():
        lines.append(
            f"| {DESCRIPTIONS[name]} | {fig['precision']:.3f} | {fig['recall']:.3f} "
            f"| {fig['f1']:.3f} | {fig['median_ms']:.1f} | {fig['median_cpu_ms']:.1f} |"
        )
    return "\n".join(lines)


def check(results: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]) -> list[str]:
    """Messages for every figure below its floor (or time above its ceiling)."""
    failures = []
    reference = results.get("trafilatura")
    for name, fig in results.items():
        for key, bound in floors.get(name, {}).items():
            if key == "max_median_ms":
                if fig["median_ms"] > bound:
                    failures.append(f"{name}: median {fig['median_ms']:.1f} ms > ceiling {bound}")
            elif key == "max_median_vs_trafilatura":
                # Relative to the reference timed in the same run, so a busy machine
                # does not fail the gate.
                if reference and fig["median_ms"] > bound * reference["median_ms"]:
                    failures.append(
                        f"{name}: median {fig['median_ms']:.1f} ms > {bound} x trafilatura's "
                        f"{reference['median_ms']:.1f} ms"
                    )
            elif fig[key] < bound:
                failures.append(f"{name}: {key} {fig[key]:.4f} < floor {bound}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    parser.add_argument(
        "--mode",
        action="append",
        choices=CONDITIONS,
        help="run only this condition (repeatable); default: all",
    )
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument(
        "--check", action="store_true", help=f"exit 1 if a figure is below {FLOORS.name}"
    )
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages per condition")
    parser.add_argument("--progress", action="store_true", help="report progress on stderr")
    args = parser.parse_args(argv)

    if data_dir() is None:
        print("benchmark data not found (set SCRUBTEXT_BENCH_DATA); nothing measured")
        return 0
    names = args.mode or list(CONDITIONS)
    if args.check and args.limit:
        print("note: --check with --limit compares a subset against whole-set floors")
    pages = load_pages(limit=args.limit)
    results = measure(names, pages, worst=args.worst, progress=args.progress)
    print(table(results, len(pages)))
    if args.json:
        payload: dict[str, Any] = {"pages": len(pages), "results": results}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    if args.check:
        floors = json.loads(FLOORS.read_text(encoding="utf-8"))
        failures = check(results, {k: v for k, v in floors.items() if not k.startswith("_")})
        for msg in failures:
            print("BELOW FLOOR:", msg)
        if failures:
            return 1
        print("all figures at or above their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
