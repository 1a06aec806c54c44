"""The ``scrubtext`` command: a thin layer that parses arguments, builds the config
and streams records through the pipeline.

Exit status: 0 when every document was cleaned, 1 when some failed (each failure
is reported on stderr as one line naming the file and line), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from . import __version__
from .config import Config
from .errors import ScrubtextError
from .io import FORMATS, Record, detect_format, format_output, read_records

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


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
    p.add_argument("--config", metavar="FILE.toml", help="settings file (see docs/config.md)")
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
    p.add_argument("--field", default="text", help="JSON Lines field to clean (default: text)")
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
            raise ScrubtextError(f"--set takes KEY=VALUE, got {item!r}")
        options[key.strip()] = _parse_value(value.strip())
    if args.config:
        return Config.from_toml(args.config, **options)
    return Config.from_options(**options)


@dataclass
class Outcome:
    """What processing one record produced."""

    output: str = ""
    report: dict[str, Any] | None = None
    explain: list[str] | None = None
    error: str | None = None


def process_record(
    record: Record,
    config: Config,
    *,
    kind: str,
    field_name: str,
    html: bool | None,
    want_report: bool,
    want_explain: bool,
) -> Outcome:
    """Clean one record. Never raises for a bad document: the error is returned."""
    from .api import scrub

    if record.error:
        return Outcome(error=record.error)
    use_html = html if html is not None else record.html
    try:
        result = scrub(record.text, html=use_html, config=config)
    except ScrubtextError as exc:
        return Outcome(error=f"{record.where}: {exc}")
    except RecursionError:
        return Outcome(error=f"{record.where}: input nested too deeply to process")
    out = Outcome(output=format_output(record, result.text, field_name, kind))
    if want_report:
        rep = result.to_dict()
        rep["source"] = record.source
        if record.line is not None:
            rep["line"] = record.line
        out.report = rep
    if want_explain:
        out.explain = explain_lines_for(result, record.where)
    return out


def explain_lines_for(result: Any, where: str) -> list[str]:
    """Explanation lines for one result (imported lazily)."""
    from .explain import explain_lines

    return explain_lines(result, where)


def _records(files: Sequence[str], fmt: str, field_name: str) -> Iterator[tuple[Record, str]]:
    for name in files or ["-"]:
        kind = fmt if fmt != "auto" else ("text" if name == "-" else detect_format(name))
        for rec in read_records(name, fmt, field_name):
            yield rec, kind


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
            if f.name not in ("disabled_rules", "drop_rules")
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
    except ScrubtextError as exc:
        sys.stderr.write(f"scrubtext: error: {exc}\n")
        return EXIT_USAGE


def _silence_stdout() -> None:
    """After the reader of stdout went away (``| head``), stop Python complaining at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def _run(args: argparse.Namespace) -> int:
    if args.list_filters:
        list_filters(sys.stdout)
        return EXIT_OK
    config = config_from_args(args)
    from .registry import default_pipeline

    default_pipeline(config)  # fail early on unknown filters or options
    report: IO[str] | None = None
    if args.report:
        try:
            report = open(args.report, "w", encoding="utf-8")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise ScrubtextError(f"cannot write report {args.report}: {exc.strerror}") from exc
    failed = 0
    out = sys.stdout
    try:
        for record, kind in _records(args.files, args.input_format, args.field):
            for note in record.notes:
                sys.stderr.write(f"scrubtext: {note}\n")
            res = process_record(
                record,
                config,
                kind=kind,
                field_name=args.field,
                html=args.html,
                want_report=report is not None,
                want_explain=args.explain,
            )
            if res.error:
                failed += 1
                sys.stderr.write(f"scrubtext: {res.error}\n")
                continue
            out.write(res.output)
            if res.explain:
                out.flush()
                sys.stderr.write("".join(line + "\n" for line in res.explain))
            if report is not None and res.report is not None:
                report.write(json.dumps(res.report, ensure_ascii=False) + "\n")
        out.flush()
    finally:
        if report is not None:
            report.close()
    return EXIT_FAILED if failed else EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
