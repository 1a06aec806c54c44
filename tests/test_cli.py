"""The command line, run as a user runs it: through a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scrubtext import __version__

ROOT = Path(__file__).resolve().parent.parent


def run(
    *args: str, stdin: str | bytes = b"", cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    return subprocess.run(
        [sys.executable, "-m", "scrubtext", *args],
        input=data,
        capture_output=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_stdin_to_stdout_repairs_mojibake_and_entities() -> None:
    p = run(stdin="CafÃ© &amp; bar\n")
    assert p.returncode == 0, p.stderr
    assert p.stdout.decode() == "Café & bar\n"
    assert p.stderr == b""


def test_dash_means_stdin() -> None:
    p = run("-", stdin="a  \n")
    assert p.stdout.decode() == "a\n"


def test_version() -> None:
    p = run("--version")
    assert p.returncode == 0
    assert __version__ in p.stdout.decode()


def test_unknown_option_is_usage_error_without_traceback() -> None:
    p = run("--no-such-option")
    assert p.returncode == 2
    err = p.stderr.decode()
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_unknown_filter_is_usage_error() -> None:
    p = run("--skip", "nonsense", stdin="x")
    assert p.returncode == 2
    assert "unknown filter 'nonsense'" in p.stderr.decode()
    assert "Traceback" not in p.stderr.decode()


def test_malformed_set_is_usage_error() -> None:
    p = run("--set", "boilerplate", stdin="x")
    assert p.returncode == 2
    assert "--set takes KEY=VALUE" in p.stderr.decode()


def test_jsonl_line_with_a_huge_integer_fails_alone(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    huge = '{"text": "x", "n": ' + "1" * 5000 + "}"
    src.write_text(f'{{"text": "a.."}}\n{huge}\n{{"text": "b.."}}\n', encoding="utf-8")
    p = run(str(src))
    assert p.returncode == 1
    assert "Traceback" not in p.stderr.decode()
    assert "in.jsonl:2: JSON cannot be read" in p.stderr.decode()
    assert [json.loads(x)["text"] for x in p.stdout.decode().splitlines()] == ["a.", "b."]


def test_stats_json_into_a_missing_folder_fails_before_any_work(tmp_path: Path) -> None:
    p = run("--stats-json", str(tmp_path / "no" / "s.json"), stdin="labs..\n")
    assert p.returncode == 2 and p.stdout == b""
    assert "--stats-json" in p.stderr.decode()


def test_missing_file_fails_with_one_line_and_others_still_come_out(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("labs.. ok\n", encoding="utf-8")
    p = run(str(tmp_path / "missing.txt"), str(good))
    assert p.returncode == 1
    assert p.stdout.decode() == "labs. ok\n"
    err = p.stderr.decode()
    assert "missing.txt" in err and "Traceback" not in err


def test_explain_names_rule_reason_and_original_position() -> None:
    seed = next((ROOT / "fixtures" / "seeds").glob("001_*.txt"))
    p = run("--explain", str(seed))
    assert p.returncode == 0
    err = p.stderr.decode()
    line = next(x for x in err.splitlines() if "whitespace.nbsp" in x)
    # the NBSP run is on line 20 of the seed, after "(SCEWC)"
    assert ":20:" in line and "→" in line and "no-break space" in line


def test_report_writes_one_json_object_per_document(tmp_path: Path) -> None:
    report = tmp_path / "r.jsonl"
    p = run("--report", str(report), stdin="( Xinhua ) said &gt;&gt;\n")
    assert p.returncode == 0
    rows = [json.loads(x) for x in report.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 1
    assert rows[0]["text"] == "(Xinhua) said >>\n"
    assert {e["rule"] for e in rows[0]["edits"]} == {"entities.decode", "whitespace.bracket_space"}


def test_filters_and_skip_select_by_name() -> None:
    only = run("--filters", "entities", stdin="a &amp; b  \n")
    assert only.stdout.decode() == "a & b  \n"
    skipped = run("--skip", "entities", stdin="a &amp; b  \n")
    assert skipped.stdout.decode() == "a &amp; b\n"


def test_list_filters_lists_every_registered_filter() -> None:
    from scrubtext.registry import REGISTRY

    p = run("--list-filters")
    out = p.stdout.decode()
    for name in REGISTRY:
        assert name in out
    assert "MISSING" not in out  # internal fields (init=False) are not options


def test_config_file(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('skip = ["entities"]\n[whitespace]\nbracket_spaces = false\n', encoding="utf-8")
    p = run("--config", str(cfg), "--skip", "tidy", stdin="( x ) &amp;\n")
    assert p.returncode == 0, p.stderr
    # the command-line --skip replaces the file's list, so entities run again
    assert p.stdout.decode() == "( x ) &\n"


def test_bad_config_file_is_usage_error(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[whitespace]\nno_such = 1\n", encoding="utf-8")
    p = run("--config", str(cfg), stdin="x")
    assert p.returncode == 2
    assert "no_such" in p.stderr.decode()


def test_jsonl_keeps_other_fields_and_reports_bad_lines(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": 1, "text": "a  &amp; b"}\nnot json\n{"id": 3}\n{"id": 4, "text": "ok.."}\n',
        encoding="utf-8",
    )
    p = run(str(src))
    assert p.returncode == 1
    rows = [json.loads(x) for x in p.stdout.decode().splitlines()]
    # the record without the field is still a record: it passes through unchanged
    assert rows == [{"id": 1, "text": "a & b"}, {"id": 3}, {"id": 4, "text": "ok."}]
    err = p.stderr.decode()
    assert "in.jsonl:2: not valid JSON" in err and "in.jsonl:3: field 'text' is missing" in err
    skipped = run("--on-error", "skip", str(src))
    rows = [json.loads(x) for x in skipped.stdout.decode().splitlines()]
    assert rows == [{"id": 1, "text": "a & b"}, {"id": 4, "text": "ok."}]


def test_jsonl_null_or_non_string_field_is_named_and_passed_through(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": null}\n{"id": 2, "text": 5}\n', encoding="utf-8")
    p = run(str(src))
    assert p.returncode == 1
    assert [json.loads(x) for x in p.stdout.decode().splitlines()] == [
        {"id": 1, "text": None},
        {"id": 2, "text": 5},
    ]
    err = p.stderr.decode()
    assert "in.jsonl:1: field 'text' is null" in err
    assert "in.jsonl:2: field 'text' is not a string (a JSON number)" in err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_files_with_a_byte_order_mark_are_text(
    tmp_path: Path, encoding: str
) -> None:
    src = tmp_path / "win.txt"
    bom = "\ufeff" if encoding != "utf-16" and encoding != "utf-32" else ""
    src.write_bytes((bom + "Café labs.. ok\n").encode(encoding))
    p = run(str(src))
    assert p.returncode == 0, p.stderr
    assert p.stdout.decode() == "Café labs. ok\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_json_lines_with_a_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    src = tmp_path / "win.jsonl"
    rows = [{"id": 1, "text": "Café labs.. ok"}, {"id": 2, "text": "a &amp; b"}]
    src.write_bytes("\r\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode(encoding))
    p = run(str(src))
    assert p.returncode == 0, p.stderr
    out = [json.loads(line) for line in p.stdout.decode().splitlines()]
    assert out == [{"id": 1, "text": "Café labs. ok"}, {"id": 2, "text": "a & b"}]


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary\x00" * 50])
def test_binary_file_is_skipped_with_a_message(tmp_path: Path, data: bytes) -> None:
    f = tmp_path / "blob.bin"
    f.write_bytes(data)
    p = run(str(f))
    assert p.returncode == 1
    assert "blob.bin" in p.stderr.decode() and "binary" in p.stderr.decode()


def test_latin1_file_is_decoded_and_said_so(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    f.write_bytes("Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, d\u00e9j\u00e0 vu.\n".encode("latin-1"))
    p = run(str(f))
    assert p.returncode == 0
    assert "café" in p.stdout.decode().lower() or "caf\ufffd" in p.stdout.decode()
    assert "latin.txt" in p.stderr.decode() and "not UTF-8" in p.stderr.decode()


def test_a_record_that_cannot_be_cleaned_is_kept_unchanged_or_skipped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import scrubtext.api
    from scrubtext.errors import PatternTimeout
    from scrubtext.io import Record
    from scrubtext.parallel import RecordProcessor

    real = scrubtext.api.scrub

    def flaky(text: str, **kw: object) -> object:
        if "boom" in text:
            raise PatternTimeout("pattern 'x' ran out of time on 4 characters")
        return real(text, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(scrubtext.api, "scrub", flaky)
    rec = Record("in.jsonl", text="boom  ", line=2, raw={"id": 2, "text": "boom  "})
    kept = RecordProcessor().process_record(rec, "jsonl")
    assert kept.error and "in.jsonl:2" in kept.error
    assert json.loads(kept.output) == {"id": 2, "text": "boom  "}  # unchanged, not dropped
    skipped = RecordProcessor(keep_failed=False).process_record(rec, "jsonl")
    assert skipped.error and skipped.output == ""
    fine = RecordProcessor().process_record(
        Record("in.jsonl", text="ok  ", line=3, raw={}), "jsonl"
    )
    assert fine.error is None and json.loads(fine.output) == {"text": "ok"}


def test_on_error_option_is_validated() -> None:
    p = run("--on-error", "nonsense", stdin="x")
    assert p.returncode == 2


def test_jobs_beyond_two_per_cpu_are_capped_with_a_note(tmp_path: Path) -> None:
    from scrubtext.parallel import available_cpus

    src = tmp_path / "a.txt"
    src.write_text("a  b\n", encoding="utf-8")
    p = run("--jobs", str(1000 * available_cpus()), str(src))
    assert p.returncode == 0, p.stderr
    assert p.stdout.decode() == "a b\n"
    assert f"using {2 * available_cpus()}" in p.stderr.decode()


def test_output_dir_writes_a_lone_surrogate_as_stdout_does(tmp_path: Path) -> None:
    """A ``\\ud800`` escape in a field the filters do not see: the file must stay
    valid UTF-8 (and JSON), written as on stdout, not as surrogate bytes."""
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "ok", "x": "\\ud800"}\n{"x": "\\udc00"}\n', encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    p = run("--output-dir", str(out), str(src))
    assert p.returncode == 1, p.stderr  # the second record has no text field
    written = (out / "in.jsonl").read_bytes()
    assert written == run(str(src)).stdout
    assert [json.loads(x) for x in written.decode("utf-8").splitlines()] == [
        {"text": "ok", "x": "\ud800"},
        {"x": "\udc00"},
    ]


def test_stdin_whose_first_line_is_a_json_object_is_read_as_json_lines() -> None:
    rows = '{"id": 1, "text": "a  &amp; b"}\n{"id": 2, "text": "labs.. ok"}\n'
    p = run(stdin=rows)
    assert p.returncode == 0, p.stderr
    assert [json.loads(x) for x in p.stdout.decode().splitlines()] == [
        {"id": 1, "text": "a & b"},
        {"id": 2, "text": "labs. ok"},
    ]
    assert "read as JSON Lines" in p.stderr.decode()
    # text that merely contains JSON further down stays one text
    p = run(stdin='Plain text  here.\n{"a": 1}\n')
    assert p.stdout.decode() == 'Plain text here.\n{"a": 1}\n' and p.stderr == b""
