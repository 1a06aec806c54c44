"""Speed benchmark: scrubtext against ftfy and trafilatura on the same pages, in one run.

Sections (all on the 181 article-extraction pages, see ``_data.py``):

- ``plain``: MB/s of ``scrubtext.clean(text, html=False)`` (the default plain-text
  pipeline, every default filter on) and of ``ftfy.fix_text(text)``, where ``text``
  is html-text's extraction of each page (realistic web text); ratio of the two;
- ``filters``: time spent in each filter of that pipeline on the same inputs, in
  pipeline context (each filter gets what the previous ones produced), so the slow
  one is obvious; HTML mode's breakdown too;
- ``html``: median ms/page of ``scrubtext.clean(html, html=True)`` and of
  ``trafilatura.extract(html)``;
- ``jobs``: wall time of the CLI with ``--jobs 1`` and ``--jobs 2`` on a JSON Lines
  file of those texts (generated in /tmp), and the speed-up;
- ``memory`` (only when asked, it takes minutes): peak memory (PSS, whole process
  tree) of the CLI on a generated JSON Lines file of ``--memory-mb`` MB (default 150).

Timings are medians of ``--repeat`` passes. Examples::

    python benchmarks/speed.py                       # plain, filters, html, jobs
    python benchmarks/speed.py --sections plain,filters --limit 60
    python benchmarks/speed.py --sections memory --memory-mb 150 --memory-jobs 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import Page, data_dir, load_pages

SECTIONS = ("plain", "filters", "html", "jobs", "memory")
#: The normalisation filters every document goes through (no content analysis).
FOUNDATION = (
    "html",
    "controls",
    "entities",
    "unicode",
    "whitespace",
    "punctuation",
    "language",
    "tidy",
)


def _median_seconds(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _mb(texts: Sequence[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def plain_texts(pages: Sequence[Page]) -> list[str]:
    """html-text's extraction of each page: the plain-text inputs."""
    import html_text

    return [html_text.extract_text(p.html) for p in pages]


def bench_plain(texts: Sequence[str], repeat: int) -> dict[str, float]:
    """MB/s of the default plain-text pipeline and of ftfy.fix_text, same inputs."""
    import ftfy

    import scrubtext

    for t in texts[:20]:  # warm up: lazy imports, compiled patterns, langdetect profiles
        scrubtext.clean(t, html=False)
        ftfy.fix_text(t)
    mb = _mb(texts)
    ours = _median_seconds(lambda: [scrubtext.clean(t, html=False) for t in texts], repeat)
    theirs = _median_seconds(lambda: [ftfy.fix_text(t) for t in texts], repeat)
    base = _median_seconds(
        lambda: [scrubtext.clean(t, html=False, filters=FOUNDATION) for t in texts], repeat
    )
    return {
        "mb": mb,
        "scrubtext_mb_s": mb / ours,
        "ftfy_mb_s": mb / theirs,
        "ratio_vs_ftfy": theirs / ours,
        "foundation_mb_s": mb / base,
        "foundation_ratio_vs_ftfy": theirs / base,
    }


def bench_filters(inputs: Sequence[str], html: bool, repeat: int) -> dict[str, float]:
    """Seconds per filter of the default pipeline (median pass), in pipeline context."""
    from scrubtext.api import _prepare

    per_pass: list[dict[str, float]] = []
    for _ in range(repeat):
        spent: dict[str, float] = defaultdict(float)
        for text in inputs:
            doc, pipeline = _prepare(text, html, {})
            for f in pipeline.filters:
                t = time.perf_counter()
                doc, _ = f(doc)
                spent[f.name] += time.perf_counter() - t
        per_pass.append(spent)
    names = list(per_pass[0])
    return {n: statistics.median(p[n] for p in per_pass) for n in names}


def bench_html(pages: Sequence[Page], repeat: int) -> dict[str, float]:
    """Median ms/page of HTML mode and of trafilatura (each page timed ``repeat`` times)."""
    import trafilatura

    import scrubtext

    def per_page(fn: Callable[[str], object]) -> list[float]:
        out = []
        for p in pages:
            out.append(1000 * _median_seconds(lambda p=p: fn(p.html), repeat))
        return out

    scrubtext.clean(pages[0].html, html=True)
    trafilatura.extract(pages[0].html)
    ours = per_page(lambda h: scrubtext.clean(h, html=True))
    theirs = per_page(lambda h: trafilatura.extract(h))
    return {
        "pages": len(pages),
        "scrubtext_ms_median": statistics.median(ours),
        "scrubtext_ms_p90": statistics.quantiles(ours, n=10)[-1],
        "trafilatura_ms_median": statistics.median(theirs),
        "trafilatura_ms_p90": statistics.quantiles(theirs, n=10)[-1],
        "ratio_vs_trafilatura": statistics.median(theirs) / statistics.median(ours),
    }


def write_jsonl(path: Path, texts: Sequence[str], target_mb: float) -> float:
    """Write ``texts`` as JSON Lines, cycling until ``target_mb``; return the size in MB."""
    size = 0
    target = target_mb * 1e6
    with path.open("w", encoding="utf-8") as fh:
        i = 0
        while size < target:
            line = json.dumps({"id": i, "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n"
            fh.write(line)
            size += len(line.encode("utf-8"))
            i += 1
    return size / 1e6


def _cli(args: Sequence[str]) -> list[str]:
    return [sys.executable, "-m", "scrubtext", "--quiet", *args]


def run_measured(cmd: Sequence[str]) -> tuple[float, float, int, float, float]:
    """Run ``cmd`` (stdout to /dev/null); return wall seconds, peak MB of the whole
    process tree, the exit status, the CPU seconds (user + system) of the whole tree
    and the peak sum of RSS.

    Memory is sampled every 0.1 s with psutil (0 when it is missing). The first
    figure is PSS (proportional set size: pages shared between the forked workers
    and the main process counted once, split between them), the real footprint; the
    RSS sum counts shared pages once per process, an upper bound."""
    try:
        import psutil
    except ImportError:  # pragma: no cover
        psutil = None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = peak_rss = 0
    while proc.poll() is None:
        if psutil is not None:
            try:
                root = psutil.Process(proc.pid)
                procs = [root, *root.children(recursive=True)]
                total = total_rss = 0
                for p in procs:
                    try:
                        info = p.memory_full_info()
                    except psutil.Error:
                        continue
                    total += getattr(info, "pss", info.rss)
                    total_rss += info.rss
                peak = max(peak, total)
                peak_rss = max(peak_rss, total_rss)
            except psutil.Error:
                pass
        time.sleep(0.1)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, peak / 1e6, proc.returncode, cpu, peak_rss / 1e6


_BURN = "x = 0\nfor i in range(8_000_000):\n    x += i * i\n"


def free_cores_check() -> float:
    """Wall time of two CPU-bound processes at once over one alone: 1.0 when two cores
    are free, 2.0 when the machine gives this benchmark one core's worth (busy)."""

    def wall(n: int) -> float:
        start = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", _BURN]) for _ in range(n)]
        for p in procs:
            p.wait()
        return time.perf_counter() - start

    return wall(2) / wall(1)


def bench_jobs(texts: Sequence[str], mb: float, workdir: Path, repeat: int = 1) -> dict[str, float]:
    """CLI wall time with --jobs 1 and --jobs 2 on the same generated file.

    The two runs alternate ``repeat`` times and the fastest of each is kept: on a
    shared machine other work comes and goes, and the fastest run is the one it
    disturbed least.
    """
    path = workdir / "speed-jobs.jsonl"
    size = write_jsonl(path, texts, mb)
    out: dict[str, float] = {"file_mb": size, "two_process_slowdown": free_cores_check()}
    for _ in range(repeat):
        for jobs in (1, 2):
            seconds, peak, rc, cpu, _ = run_measured(_cli(["--jobs", str(jobs), str(path)]))
            if seconds < out.get(f"jobs{jobs}_s", float("inf")):
                out[f"jobs{jobs}_s"] = seconds
                out[f"jobs{jobs}_cpu_s"] = cpu
                out[f"jobs{jobs}_mb_s"] = size / seconds
                out[f"jobs{jobs}_peak_mb"] = peak
            out[f"jobs{jobs}_exit"] = max(rc, int(out.get(f"jobs{jobs}_exit", 0)))
    out["speedup"] = out["jobs1_s"] / out["jobs2_s"]
    # CPU seconds per MB: parallel overhead, independent of how busy the machine is
    out["cpu_overhead"] = out["jobs2_cpu_s"] / out["jobs1_cpu_s"]
    out["load_average"] = os.getloadavg()[0]
    path.unlink()
    return out


def bench_memory(texts: Sequence[str], mb: float, jobs: int, workdir: Path) -> dict[str, float]:
    """Peak memory (whole process tree) of the CLI on a generated ``mb`` MB file."""
    path = workdir / "speed-memory.jsonl"
    size = write_jsonl(path, texts, mb)
    seconds, peak, rc, cpu, peak_rss = run_measured(_cli(["--jobs", str(jobs), str(path)]))
    path.unlink()
    return {
        "file_mb": size,
        "jobs": jobs,
        "seconds": seconds,
        "mb_s": size / seconds,
        "peak_tree_mb": peak,
        "peak_rss_sum_mb": peak_rss,
        "cpu_s": cpu,
        "exit": rc,
    }


def _print_filters(title: str, spent: dict[str, float], mb: float, n: int) -> None:
    total = sum(spent.values())
    print(f"\n{title}: time per filter (median pass, {n} documents, {mb:.2f} MB)")
    print(f"  {'filter':<12} {'seconds':>8} {'share':>6} {'MB/s':>8} {'ms/doc':>7}")
    for name, s in sorted(spent.items(), key=lambda kv: -kv[1]):
        rate = mb / s if s > 0 else float("inf")
        print(f"  {name:<12} {s:8.3f} {100 * s / total:5.1f}% {rate:8.1f} {1000 * s / n:7.2f}")
    print(f"  {'total':<12} {total:8.3f} {100.0:5.1f}% {mb / total:8.2f} {1000 * total / n:7.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="use only the first N pages")
    ap.add_argument("--repeat", type=int, default=3, help="passes per timing (median)")
    ap.add_argument(
        "--sections", default="plain,filters,html,jobs", help=f"comma list of {SECTIONS}"
    )
    ap.add_argument(
        "--jobs-mb",
        type=float,
        default=24.0,
        help="file size for the jobs test (large enough that start-up, about 0.4 s, does not dominate)",
    )
    ap.add_argument("--memory-mb", type=float, default=150.0, help="file size for the memory test")
    ap.add_argument("--memory-jobs", type=int, default=2, help="--jobs for the memory test")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = ap.parse_args(argv)
    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        ap.error(f"unknown sections {sorted(unknown)}")
    if data_dir() is None:
        print("benchmark data not found (../shared/data); nothing measured")
        return 0
    pages = load_pages(limit=args.limit)
    texts = plain_texts(pages)
    mb = _mb(texts)
    print(f"{len(pages)} pages; plain text {mb:.2f} MB; repeat {args.repeat}; {time.ctime()}")
    results: dict[str, Any] = {}
    if "plain" in sections:
        r = results["plain"] = bench_plain(texts, args.repeat)
        print(
            f"\nplain text: scrubtext.clean(html=False) {r['scrubtext_mb_s']:.2f} MB/s, "
            f"ftfy.fix_text {r['ftfy_mb_s']:.2f} MB/s, ratio {r['ratio_vs_ftfy']:.2f}x "
            "(target >= 3x, goal 5x)"
        )
        print(
            f"  normalisation filters only ({','.join(FOUNDATION)}): "
            f"{r['foundation_mb_s']:.2f} MB/s, ratio {r['foundation_ratio_vs_ftfy']:.2f}x"
        )
    if "filters" in sections:
        spent = results["filters_plain"] = bench_filters(texts, False, args.repeat)
        _print_filters("plain-text pipeline", spent, mb, len(texts))
        htmls = [p.html for p in pages]
        spent = results["filters_html"] = bench_filters(htmls, True, 1)
        _print_filters("HTML pipeline", spent, _mb(htmls), len(htmls))
    if "html" in sections:
        r = results["html"] = bench_html(pages, args.repeat)
        print(
            f"\nHTML mode: scrubtext median {r['scrubtext_ms_median']:.1f} ms/page "
            f"(p90 {r['scrubtext_ms_p90']:.1f}), trafilatura median "
            f"{r['trafilatura_ms_median']:.1f} ms/page (p90 {r['trafilatura_ms_p90']:.1f}); "
            "target <= 25 ms/page"
        )
    with tempfile.TemporaryDirectory(prefix="scrubtext-speed-") as tmp:
        if "jobs" in sections:
            r = results["jobs"] = bench_jobs(texts, args.jobs_mb, Path(tmp), args.repeat)
            print(
                f"\n--jobs on {r['file_mb']:.1f} MB JSON Lines (CLI, fastest wall time of "
                f"{args.repeat}): "
                f"1 job {r['jobs1_s']:.1f} s ({r['jobs1_mb_s']:.2f} MB/s, peak "
                f"{r['jobs1_peak_mb']:.0f} MB PSS), 2 jobs {r['jobs2_s']:.1f} s "
                f"({r['jobs2_mb_s']:.2f} MB/s, peak {r['jobs2_peak_mb']:.0f} MB PSS); "
                f"speed-up {r['speedup']:.2f}x (target >= 1.6x on {os.cpu_count()} CPUs); "
                f"CPU seconds {r['jobs1_cpu_s']:.1f} vs {r['jobs2_cpu_s']:.1f} "
                f"(x{r['cpu_overhead']:.2f} for 2 jobs); load average {r['load_average']:.1f}; "
                f"two bare CPU-bound processes ran {r['two_process_slowdown']:.2f}x slower than "
                "one (1.0 = two free cores; 2.0 = one core's worth, no speed-up possible)"
            )
        if "memory" in sections:
            r = results["memory"] = bench_memory(texts, args.memory_mb, args.memory_jobs, Path(tmp))
            print(
                f"\nmemory on {r['file_mb']:.0f} MB JSON Lines, --jobs {r['jobs']}: peak "
                f"{r['peak_tree_mb']:.0f} MB PSS for the whole process tree (RSS sum "
                f"{r['peak_rss_sum_mb']:.0f} MB) "
                f"({r['seconds']:.0f} s, {r['mb_s']:.2f} MB/s, exit {r['exit']}); "
                "target < 400 MB"
            )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
