"""The ``scrubtext`` command: a thin layer that parses arguments, builds the config
and streams records through the pipeline.

Exit status: 0 when every document was cleaned, 1 when some failed (each failure
is reported on stderr as one line naming the file and line), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from typing import IO, Any

from . import __version__
from .config import Config
from .errors import ConfigError, ScrubtextError
from .io import FORMATS, output_path
from .parallel import (
    SERIAL_FIRST_BYTES,
    Outcome,
    RecordProcessor,
    RunSummary,
    available_cpus,
    default_jobs,
    input_sizes,
    run_files,
)
from .progress import Progress

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: ``--jobs`` is capped at this many worker processes per available CPU: the work is
#: CPU-bound, so more only costs memory (and a typo like ``--jobs 800`` no fork storm).
MAX_JOBS_PER_CPU = 2

__all__ = ["Outcome", "build_parser", "main"]


class UsageError(ScrubtextError):
    """The arguments do not make sense together (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line, exit 2, no usage dump
        self.exit(EXIT_USAGE, f"scrubtext: error: {message} (see scrubtext --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for docs and tests)."""
    p = _Parser(
        prog="scrubtext",
        description="Clean text scraped from the web and say exactly what changed.",
        epilog="Reads stdin when no FILE (or '-') is given. Output goes to stdout.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="text, HTML or JSON Lines files")
    p.add_argument("--version", action="version", version=f"scrubtext {__version__}")
    p.add_argument(
        "--explain",
        action="store_true",
        help="print every edit and flag to stderr (rule, reason, before → after, line:column)",
    )
    p.add_argument(
        "--report",
        metavar="FILE",
        help="write one JSON object per document (text, edits, flags) to FILE",
    )
    p.add_argument(
        "--filters", metavar="NAMES", help="comma-separated filters to run (registry order)"
    )
    p.add_argument("--skip", metavar="NAMES", help="comma-separated filters to leave out")
    p.add_argument(
        "--disable", metavar="RULES", help="comma-separated rule ids or prefixes to switch off"
    )
    p.add_argument(
        "--drop",
        metavar="RULES",
        help="delete text flagged by these rules (e.g. coherence); each deletion is an edit",
    )
    p.add_argument("--language", metavar="CODE", help="the documents' language; skips detection")
    p.add_argument("--config", metavar="FILE.toml", help="settings file (see docs/model.md)")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="set one option, e.g. --set boilerplate.aggressiveness=precision",
    )
    p.add_argument(
        "--list-filters", action="store_true", help="list filters and their rules, then exit"
    )
    p.add_argument(
        "--input-format",
        choices=FORMATS,
        default="auto",
        help="input format (default: from the file extension; stdin is text)",
    )
    p.add_argument(
        "--html",
        dest="html",
        action="store_const",
        const=True,
        default=None,
        help="treat text input as HTML",
    )
    p.add_argument(
        "--no-html",
        dest="html",
        action="store_const",
        const=False,
        help="never treat input as HTML",
    )
    p.add_argument(
        "--on-error",
        choices=("keep", "skip"),
        default="keep",
        help="a document that was read but could not be cleaned: write it unchanged "
        "(keep, the default) or leave it out (skip); either way stderr names it and "
        "the exit status is 1",
    )
    p.add_argument("--field", default="text", help="JSON Lines field to clean (default: text)")
    p.add_argument(
        "--output-dir",
        metavar="DIR",
        help="write one cleaned file per input into DIR, same name and compression",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: the first 2 MB in this process, then one per CPU)",
    )
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress display (it shows only on a terminal)",
    )
    p.add_argument(
        "--stats",
        action="store_true",
        help="print documents, characters, bytes, edits and flags by rule to stderr",
    )
    p.add_argument(
        "--stats-json",
        metavar="FILE",
        help="write the same counts as JSON (merge runs with: python -m scrubtext.stats A.json B.json)",
    )
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run the files on the Dask cluster at ADDRESS (needs --output-dir and scrubtext[dask])",
    )
    return p


def _parse_value(raw: str) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def config_from_args(args: argparse.Namespace) -> Config:
    """The Config the arguments describe (file first, then flags on top)."""
    options: dict[str, Any] = {}
    for key in ("filters", "skip"):
        if getattr(args, key):
            options[key] = getattr(args, key)
    if args.disable:
        options["disable_rules"] = args.disable
    if args.drop:
        options["drop"] = args.drop
    if args.language:
        options["language"] = args.language
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--set takes KEY=VALUE, got {item!r}")
        options[key.strip()] = _parse_value(value.strip())
    if args.config:
        return Config.from_toml(args.config, **options)
    return Config.from_options(**options)


def list_filters(out: IO[str]) -> None:
    """Print every filter (default on/off), its options and rule ids."""
    import dataclasses

    from .registry import REGISTRY

    for spec in REGISTRY.values():
        state = "on " if spec.default else "off"
        out.write(f"{spec.name:<12} [{state}] {spec.summary}\n")
        opts = [
            f
            for f in dataclasses.fields(spec.cls)
            if f.init and f.name not in ("disabled_rules", "drop_rules")
        ]
        for f in opts:
            out.write(f"    option {spec.name}.{f.name} = {f.default!r}\n")
        for rule, desc in spec.cls.rules.items():
            out.write(f"    rule   {rule}: {desc}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``scrubtext`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write("scrubtext: interrupted\n")
        return 130
    except (ConfigError, UsageError) as exc:
        sys.stderr.write(f"scrubtext: error: {exc}\n")
        return EXIT_USAGE
    except ScrubtextError as exc:
        sys.stderr.write(f"scrubtext: error: {exc}\n")
        return EXIT_FAILED
    except BrokenProcessPool:
        sys.stderr.write(
            "scrubtext: error: a worker process died (out of memory?); output is incomplete\n"
        )
        return EXIT_FAILED
    except OSError as exc:  # disk full, output folder removed during the run, ...
        sys.stderr.write(f"scrubtext: error: {exc}\n")
        return EXIT_FAILED


def _silence_stdout() -> None:
    """After the reader of stdout went away (``| head``), stop Python complaining at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def _check_outputs(args: argparse.Namespace) -> None:
    """Usage errors about where output goes, found before any work starts."""
    files = args.files or ["-"]
    if args.jobs is not None and args.jobs < 0:
        raise UsageError("--jobs takes a number of processes (0 means choose)")
    if args.stats_json and not os.path.isdir(os.path.dirname(os.path.abspath(args.stats_json))):
        raise UsageError(f"--stats-json {args.stats_json}: its folder does not exist")
    if args.stats_json and os.path.isdir(args.stats_json):  # found now, not after the run
        raise UsageError(f"--stats-json {args.stats_json} is a folder; give a file name")
    # paths with symbolic links resolved, so two names of one file compare equal
    inputs = {os.path.realpath(name): name for name in files if name != "-"}
    written: dict[str, str] = {}
    for option in ("report", "stats_json"):
        target = getattr(args, option)
        if not target:
            continue
        flag = "--" + option.replace("_", "-")
        key = os.path.realpath(target)
        if key in inputs:
            raise UsageError(f"{flag} {target} would overwrite the input {inputs[key]}")
        if key in written:
            raise UsageError(f"{written[key]} and {flag} name the same file {target}")
        written[key] = flag
    if args.dask:
        if not args.output_dir:
            raise UsageError("--dask needs --output-dir (workers write one file per input)")
        if "-" in files:
            raise UsageError("--dask reads files, not stdin")
        if args.report:
            raise UsageError("--report is not available with --dask")
    if not args.output_dir:
        return
    if "-" in files:
        raise UsageError("--output-dir needs input files; stdin has no file name")
    if not os.path.isdir(args.output_dir):
        raise UsageError(f"--output-dir {args.output_dir}: no such directory")
    seen: dict[str, str] = {}
    for name in files:
        target = output_path(name, args.output_dir)
        if os.path.realpath(target) == os.path.realpath(name):
            raise UsageError(
                f"{name}: the output would overwrite the input; choose another --output-dir"
            )
        if target in seen:
            raise UsageError(f"{seen[target]} and {name} would both be written to {target}")
        if os.path.realpath(target) in written:
            raise UsageError(f"{written[os.path.realpath(target)]} names {target}, an output file")
        seen[target] = name


def _run(args: argparse.Namespace) -> int:
    if args.list_filters:
        list_filters(sys.stdout)
        return EXIT_OK
    config = config_from_args(args)
    from .registry import default_pipeline

    default_pipeline(config)  # fail early on unknown filters or options
    _check_outputs(args)
    files: list[str] = args.files or ["-"]
    want_stats = bool(args.stats or args.stats_json)
    processor = RecordProcessor(
        config,
        args.field,
        args.html,
        want_report=bool(args.report),
        want_explain=args.explain,
        want_stats=want_stats,
        keep_failed=args.on_error == "keep",
    )
    progress = Progress.for_stderr(sum(input_sizes(files)) or None, args.quiet)

    def message(text: str) -> None:
        progress.message(text + "\n")

    if args.dask:
        from .integrations.dask import run_on_cluster

        summary = run_on_cluster(
            args.dask, processor, files, args.input_format, args.output_dir, message, progress
        )
    else:
        summary = _run_local(args, processor, files, message, progress)
    progress.close()
    if summary.stats is not None:
        if args.stats:
            sys.stderr.write(summary.stats.format())
        if args.stats_json:
            try:
                summary.stats.save(args.stats_json)
            except OSError as exc:
                raise ScrubtextError(f"cannot write {args.stats_json}: {exc.strerror}") from exc
    return EXIT_FAILED if summary.failed else EXIT_OK


def _run_local(
    args: argparse.Namespace,
    processor: RecordProcessor,
    files: list[str],
    message: Any,
    progress: Progress,
) -> RunSummary:
    jobs = args.jobs or default_jobs()
    limit = MAX_JOBS_PER_CPU * available_cpus()
    if jobs > limit:
        message(f"--jobs {jobs} is more than {limit} ({MAX_JOBS_PER_CPU} per CPU); using {limit}")
        jobs = limit
    report: IO[str] | None = None
    if args.report:
        try:
            report = open(args.report, "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
        except OSError as exc:
            raise ScrubtextError(f"cannot write report {args.report}: {exc.strerror}") from exc
    out = None if args.output_dir else sys.stdout
    if out is not None:
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]
    try:
        summary = run_files(
            processor,
            files,
            args.input_format,
            jobs=jobs,
            output_dir=args.output_dir,
            out=out,
            report=report,
            message=message,
            progress=progress,
            serial_bytes=0 if args.jobs else SERIAL_FIRST_BYTES,
        )
        if out is not None:
            out.flush()
    finally:
        if report is not None:
            report.close()
    return summary


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
