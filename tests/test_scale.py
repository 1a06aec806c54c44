"""Scale and robustness: formats, --output-dir, --jobs, stats, progress, bad input.

The CLI is run as a user runs it, through a subprocess. Inputs are generated in
tmp_path; the big ones are sized to stay fast (the 20 MB line is marked slow).
"""

from __future__ import annotations

import bz2
import gzip
import json
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import scrubtext
from scrubtext import parallel
from scrubtext.io import RawRecord, decode, json_value_span, parse_raw
from scrubtext.parallel import (
    Cleaner,
    RecordProcessor,
    batches,
    default_jobs,
    ordered_map,
    process_batch,
)
from scrubtext.progress import Progress
from scrubtext.stats import Stats, merge_files

FOUNDATION = "html,controls,entities,unicode,whitespace,punctuation,language,tidy"
DIRTY = "Doc {i}: the mayor said that the labs.. at the CafÃ© &amp; bar  ( Xinhua ) are open.\n"


def run(*args: str, stdin: bytes = b"", timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "scrubtext", *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def jsonl_rows(n: int, start: int = 0) -> str:
    return "".join(
        json.dumps({"id": i, "text": DIRTY.format(i=i), "keep": [i, None]}) + "\n"
        for i in range(start, start + n)
    )


def no_traceback(p: subprocess.CompletedProcess[bytes]) -> str:
    err = p.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return err


# --- formats and --output-dir ---------------------------------------------------


def test_output_dir_keeps_names_compression_and_order(tmp_path: Path) -> None:
    data = jsonl_rows(150)
    (tmp_path / "a.jsonl").write_text(data, encoding="utf-8")
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(data)
    with bz2.open(tmp_path / "c.jsonl.bz2", "wt", encoding="utf-8") as fh:
        fh.write(data)
    (tmp_path / "d.txt").write_text("x  y..\n", encoding="utf-8")
    (tmp_path / "e.jsonl").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    names = ["a.jsonl", "b.jsonl.gz", "c.jsonl.bz2", "d.txt", "e.jsonl"]
    p = run("--output-dir", str(out), *(str(tmp_path / n) for n in names))
    assert p.returncode == 0, no_traceback(p)
    assert p.stdout == b""
    assert sorted(x.name for x in out.iterdir()) == sorted(names)
    plain = (out / "a.jsonl").read_text(encoding="utf-8")
    assert gzip.decompress((out / "b.jsonl.gz").read_bytes()).decode() == plain
    assert bz2.decompress((out / "c.jsonl.bz2").read_bytes()).decode() == plain
    rows = [json.loads(x) for x in plain.splitlines()]
    assert [r["id"] for r in rows] == list(range(150))
    assert rows[7] == {
        "id": 7,
        "text": "Doc 7: the mayor said that the labs. at the Café & bar (Xinhua) are open.\n",
        "keep": [7, None],
    }
    assert (out / "d.txt").read_text(encoding="utf-8") == "x y.\n"
    assert (out / "e.jsonl").read_bytes() == b""


def test_zstd_round_trip(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    src = tmp_path / "a.jsonl.zst"
    src.write_bytes(zstandard.ZstdCompressor().compress(jsonl_rows(20).encode()))
    out = tmp_path / "out"
    out.mkdir()
    p = run("--output-dir", str(out), str(src))
    assert p.returncode == 0, no_traceback(p)
    reader = zstandard.ZstdDecompressor().stream_reader((out / "a.jsonl.zst").open("rb"))
    rows = [json.loads(x) for x in reader.read().decode().splitlines()]
    assert [r["id"] for r in rows] == list(range(20))
    assert "labs. at the Café &" in rows[0]["text"]


def test_input_format_override_and_field(tmp_path: Path) -> None:
    src = tmp_path / "data.log"
    src.write_text('{"body": "a &amp; b", "text": "a &amp; b"}\n', encoding="utf-8")
    p = run("--input-format", "jsonl", "--field", "body", str(src))
    assert p.returncode == 0, no_traceback(p)
    assert json.loads(p.stdout) == {"body": "a & b", "text": "a &amp; b"}


def test_other_fields_are_written_byte_for_byte(tmp_path: Path) -> None:
    # Re-serialising would write 1e400 as Infinity (not JSON), 0.10000000000000000001
    # as 0.1, and drop escapes and spacing; only the cleaned value may change.
    lines = [
        '{"id": 1.0e5, "big": 1e400, "text": "a &amp; b", "x": "\\u00e9",  "f": 0.10000000000000000001}',
        '{"id":2,"text":"Hello world."}',
        '{"text": "first", "text": "dup &amp; last" , "z" : [1, {"text": "t &amp; u"}]}',
        '{"id": 1e400, "note": "no text field"}',
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\r\n".join(lines) + "\n", encoding="utf-8")
    p = run(str(src))
    assert p.returncode == 1, no_traceback(p)  # the record without the field
    out = p.stdout.decode("utf-8").splitlines()
    assert out == [
        lines[0].replace("a &amp; b", "a & b"),
        lines[1],
        lines[2].replace("dup &amp; last", "dup & last"),
        lines[3],
    ]


def test_json_value_span_finds_the_last_top_level_key() -> None:
    line = '{"a": {"k": 1}, "k" : "x\\"y", "k": [1, "k"] }'
    span = json_value_span(line, "k")
    assert span is not None and line[span[0] : span[1]] == '[1, "k"]'
    assert json_value_span(line, "missing") is None
    for bad in ("[1]", "{}", '{"k": 1,}', '{"k" 1}', '{"k": tru}', ""):
        assert json_value_span(bad, "k") is None, bad


def test_output_dir_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    for sub in ("x", "y"):
        (tmp_path / sub / "same.txt").write_text("a\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    clash = run(
        "--output-dir", str(out), str(tmp_path / "x/same.txt"), str(tmp_path / "y/same.txt")
    )
    assert clash.returncode == 2 and "same.txt" in no_traceback(clash)
    onto_itself = run("--output-dir", str(tmp_path / "x"), str(tmp_path / "x/same.txt"))
    assert onto_itself.returncode == 2 and "overwrite" in no_traceback(onto_itself)
    stdin = run("--output-dir", str(out), stdin=b"a")
    assert stdin.returncode == 2
    missing = run("--output-dir", str(tmp_path / "nope"), str(tmp_path / "x/same.txt"))
    assert missing.returncode == 2
    assert (tmp_path / "x/same.txt").read_text(encoding="utf-8") == "a\n"


# --- --jobs -----------------------------------------------------------------------


def test_jobs_output_identical_to_serial(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    body = jsonl_rows(150) + "not json\n" + jsonl_rows(150, start=150)
    src.write_text(body, encoding="utf-8")
    report1, report2 = tmp_path / "r1.jsonl", tmp_path / "r2.jsonl"
    one = run("--jobs", "1", "--report", str(report1), "--explain", str(src))
    two = run("--jobs", "2", "--report", str(report2), "--explain", str(src))
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert report1.read_bytes() == report2.read_bytes()
    assert len(one.stdout.splitlines()) == 300
    assert b"in.jsonl:151: not valid JSON" in one.stderr


def test_ordered_map_is_ordered_and_bounded() -> None:
    seen: list[int] = []

    def items():  # type: ignore[no-untyped-def]
        for i in range(40):
            seen.append(i)
            yield i, i

    got = []
    for key, value in ordered_map(abs, items(), jobs=2, in_flight=3):
        got.append((key, value))
        # never more than the window read ahead of what was handed out
        assert len(seen) - len(got) <= 3
    assert got == [(i, i) for i in range(40)]


def test_batches_cap_documents_and_bytes() -> None:
    raws = [RawRecord("f", b"x" * 100, "text") for _ in range(10)]
    assert [len(b) for b in batches(raws, max_docs=4)] == [4, 4, 2]
    assert [len(b) for b in batches(raws, max_bytes=250)] == [3, 3, 3, 1]
    huge = [RawRecord("f", b"x" * 5000, "text"), RawRecord("f", b"y", "text")]
    assert [len(b) for b in batches(huge, max_bytes=1000)] == [1, 1]


def test_default_jobs_start_in_process_then_use_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert default_jobs() >= 1
    raws = [RawRecord("f", DIRTY.format(i=i).encode(), "text") for i in range(12)]
    items = [(i, [r]) for i, r in enumerate(raws)]
    handed: list[int] = []
    real_map = parallel.ordered_map

    def spy(fn: Any, rest: Any, jobs: int = 1) -> Any:
        rest = list(rest)
        handed.extend(k for k, _ in rest)
        return real_map(fn, rest, jobs)

    monkeypatch.setattr(parallel, "ordered_map", spy)
    proc = RecordProcessor()
    size = len(raws[0].data)
    mixed = list(parallel.run_batches(proc, items, jobs=2, serial_bytes=3 * size))
    assert handed == list(range(3, 12))  # three batches here, the rest to the workers
    serial = list(parallel.run_batches(proc, items, jobs=1))
    assert [(k, [o.output for o in r.outcomes]) for k, r in mixed] == [
        (k, [o.output for o in r.outcomes]) for k, r in serial
    ]
    handed.clear()
    small = list(parallel.run_batches(proc, items[:2], jobs=2, serial_bytes=3 * size))
    assert len(small) == 2 and handed == []  # a small input never starts workers


def test_pipeline_processor_and_cleaner_pickle() -> None:
    pipe = scrubtext.default_pipeline()
    again = pickle.loads(pickle.dumps(pipe))
    assert again == pipe
    assert again.run("labs.. &amp;").text == pipe.run("labs.. &amp;").text == "labs. &"
    proc = RecordProcessor(scrubtext.Config.from_options(skip="tidy"), want_stats=True)
    raws = [RawRecord("f", b'{"text": "a  b"}', "jsonl", 1)]
    res = pickle.loads(pickle.dumps(process_batch(pickle.loads(pickle.dumps(proc)), raws)))
    assert res.outcomes[0].output == '{"text": "a b"}\n'
    assert res.stats is not None and res.stats.edits["whitespace.space_run"] == 1
    cleaner = pickle.loads(pickle.dumps(Cleaner.from_options(field="body", skip="tidy")))
    assert cleaner({"body": "a &amp; b", "n": 1}) == {"body": "a & b", "n": 1}
    assert cleaner({"n": 1}) == {"n": 1}
    assert cleaner.batch({"body": ["x..", None], "n": [1, 2]}) == {
        "body": ["x.", None],
        "n": [1, 2],
    }

    class Frame(dict[str, object]):  # the part of a pandas DataFrame that batch() uses
        def assign(self, **cols: object) -> Frame:
            return Frame({**self, **cols})

    frame = cleaner.batch(Frame(body=["y.."], n=[3]))
    assert isinstance(frame, Frame) and frame == {"body": ["y."], "n": [3]}


def test_cleaner_batch_takes_arrow_tables_and_batches_without_the_column() -> None:
    # Ray's batch_format="pyarrow" and datasets' arrow format hand over pyarrow Tables,
    # whose cells are pyarrow scalars; batch() reads them through to_pydict().
    class Table:  # the part of a pyarrow Table that batch() uses
        def __init__(self, **cols: list[object]) -> None:
            self.cols = cols

        def to_pydict(self) -> dict[str, list[object]]:
            return dict(self.cols)

    cleaner = Cleaner.from_options(field="body")
    assert cleaner.batch(Table(body=["x..", None], n=[1, 2])) == {
        "body": ["x.", None],
        "n": [1, 2],
    }
    assert cleaner.batch(Table(n=[1])) == {"n": [1]}
    assert cleaner.batch({"text": ["x.."]}) == {"text": ["x.."]}


# --- stats and progress -------------------------------------------------------------


def test_stats_count_edits_by_rule_and_merge_across_runs(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl_rows(10) + "{}\n", encoding="utf-8")
    s1, s2 = tmp_path / "s1.json", tmp_path / "s2.json"
    p = run("--stats", "--stats-json", str(s1), str(src))
    assert p.returncode == 1
    err = no_traceback(p)
    assert "punctuation.double_period" in err and "10 cleaned, 1 failed" in err
    run("--jobs", "2", "--stats-json", str(s2), str(src))
    one = Stats.load(s1)
    assert one.edits["punctuation.double_period"] == 10
    assert one.edits["entities.decode"] == 10
    assert one.bytes_in > one.chars_in > one.chars_out and one.bytes_out > one.chars_out
    assert one.to_dict() == Stats.load(s2).to_dict()
    merged = merge_files([s1, s2])
    assert merged.documents == 20 and merged.failed == 2
    assert merged.edits["unicode.mojibake"] == 2 * one.edits["unicode.mojibake"]
    cli = subprocess.run(
        [sys.executable, "-m", "scrubtext.stats", "--json", str(s1), str(s2)],
        capture_output=True,
        check=True,
    )
    assert json.loads(cli.stdout) == merged.to_dict()


def test_a_record_that_breaks_the_reader_is_that_records_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import scrubtext.parallel

    def broken(raw: RawRecord, field_name: str = "text") -> None:
        raise KeyError("bug")

    monkeypatch.setattr(scrubtext.parallel, "parse_raw", broken)
    out = RecordProcessor().process(RawRecord("f.jsonl", b"{}", "jsonl", 7))
    assert out.error is not None and out.error.startswith("f.jsonl:7: internal error")


def test_stats_merge_rejects_a_json_file_that_is_not_stats(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a scrubtext stats object"):
        Stats.load(bad)
    cli = subprocess.run(
        [sys.executable, "-m", "scrubtext.stats", str(bad)], capture_output=True, check=False
    )
    assert cli.returncode == 1 and b"Traceback" not in cli.stderr


def test_stats_agree_with_the_report(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl_rows(5), encoding="utf-8")
    report, stats = tmp_path / "r.jsonl", tmp_path / "s.json"
    run("--report", str(report), "--stats-json", str(stats), str(src))
    counted: dict[str, int] = {}
    for line in report.read_text(encoding="utf-8").splitlines():
        for e in json.loads(line)["edits"]:
            counted[e["rule"]] = counted.get(e["rule"], 0) + 1
    assert Stats.load(stats).edits == counted


def test_stats_count_documents_per_rule_and_read_older_files(tmp_path: Path) -> None:
    from scrubtext import scrub

    s = Stats()
    s.add_result(scrub("labs.. ok.. fine"))  # two edits of one rule in one document
    s.add_result(scrub("labs.. ok"))
    s.add_result(scrub("clean text."))
    assert s.edits["punctuation.double_period"] == 3
    assert s.edit_documents["punctuation.double_period"] == 2
    assert "3  punctuation.double_period  (in 2 documents)" in s.format()
    assert (s + s).edit_documents["punctuation.double_period"] == 4
    old = {"documents": 1, "edits": {"x.y": 2}, "flags": {}}  # written before the counts
    loaded = Stats.from_dict(old)
    assert loaded.edits["x.y"] == 2 and loaded.edit_documents["x.y"] == 0
    assert "2  x.y\n" in loaded.format()


def test_progress_only_on_a_terminal_and_not_quiet(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl_rows(5), encoding="utf-8")
    p = run(str(src))  # stderr is a pipe here: no progress
    assert p.stderr == b""
    import io

    buf = io.StringIO()
    prog = Progress(buf, total=1000, enabled=True, interval=0)
    prog.update(10, 2_000_000, done=500)
    assert "10 docs" in buf.getvalue() and "50%" in buf.getvalue() and "ETA" in buf.getvalue()
    prog.close()
    off = io.StringIO()
    Progress(off, total=None, enabled=False).update(1, 1, force=True)
    assert off.getvalue() == ""


# --- bad input ----------------------------------------------------------------------


def test_non_utf8_jsonl_line_is_decoded_and_named(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"text": "ok"}\n{"text": "Caf\xe9 cr\xe8me br\xfbl\xe9e, d\xe9j\xe0 vu"}\n')
    p = run(str(src))
    assert p.returncode == 0
    err = no_traceback(p)
    assert "in.jsonl:2" in err and "not UTF-8" in err
    rows = [json.loads(x) for x in p.stdout.decode().splitlines()]
    assert rows[0] == {"text": "ok"} and len(rows) == 2


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Une crème brûlée, s'il vous plaît.", "latin-1"),  # was cp1250: 'crčme brűlée'
        ("El niño comió una piña en la montaña.", "cp1252"),  # was 'nińo'
        (  # charset-normalizer offered only johab: 'Il 俸ait une fois'
            "Il était une fois une princesse qui vivait dans un château près de la forêt. "
            "Elle aimait les fleurs et les oiseaux.",
            "latin-1",
        ),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy.", "cp1250"),
        ("Zażółć gęślą jaźń.", "cp1250"),
        ("Čeština je těžká, ale řeč je krásná.", "cp1250"),  # ties with cp1252
        (
            "Tegnap voltam a boltban, és vettem kenyeret, tejet és vajat. Aztán hazamentem "
            "és vacsorát főztem az egész családnak.",
            "cp1250",
        ),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy.", "iso-8859-2"),  # was read as cp1250
        ("« Bonjour », dit-elle. « Il fait beau aujourd'hui, n'est-ce pas ? »", "cp1252"),
        ("The café’s “special” costs €5 — cheap.", "cp1252"),  # was cp850
        ("Привет, как дела? Это пример текста на русском языке.", "cp1251"),
        ("日本語のテキストです。これはテストです。", "shift_jis"),
    ],
)
def test_legacy_encodings_are_decoded_right(text: str, encoding: str) -> None:
    pytest.importorskip("charset_normalizer")
    decoded, notes = decode(text.encode(encoding), "f.txt")
    assert decoded == text
    assert notes and notes[0].startswith("f.txt: not UTF-8")


def test_binary_files_skipped_others_written(tmp_path: Path) -> None:
    blob = tmp_path / "blob.jsonl"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 100)
    good = tmp_path / "good.txt"
    good.write_text("fine..\n", encoding="utf-8")
    p = run(str(blob), str(good))
    assert p.returncode == 1
    err = no_traceback(p)
    assert "blob.jsonl" in err and "binary" in err
    assert len(err.strip().splitlines()) == 1
    assert p.stdout == b"fine.\n"


@pytest.mark.parametrize("data", [b"", b"\n\n", b"   "])
def test_empty_input(data: bytes) -> None:
    p = run(stdin=data)
    assert p.returncode == 0
    no_traceback(p)


def test_empty_jsonl_file(tmp_path: Path) -> None:
    src = tmp_path / "e.jsonl"
    src.write_bytes(b"")
    p = run(str(src))
    assert p.returncode == 0 and p.stdout == b""


def test_malformed_records_named_and_every_good_one_written(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        '{"text": "one.."}',
        "{truncated",
        '["a list"]',
        '{"text": 42}',
        '{"other": "x"}',
        '{"text": "six.."}',
        '{"text": "seven.."}',
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for jobs in ("1", "2"):
        p = run("--jobs", jobs, str(src))
        assert p.returncode == 1
        err = no_traceback(p)
        for n in (2, 3, 4, 5):
            assert f"in.jsonl:{n}:" in err
        rows = [json.loads(x) for x in p.stdout.decode().splitlines()]
        # objects without a string field pass through unchanged; lines that are not
        # JSON objects cannot be written as records and are left out
        assert rows == [
            {"text": "one."},
            {"text": 42},
            {"other": "x"},
            {"text": "six."},
            {"text": "seven."},
        ]


def test_truncated_gzip_keeps_what_was_read(tmp_path: Path) -> None:
    whole = gzip.compress(jsonl_rows(400).encode())
    src = tmp_path / "cut.jsonl.gz"
    src.write_bytes(whole[: len(whole) // 2])
    p = run(str(src))
    assert p.returncode == 1
    err = no_traceback(p)
    assert "cut.jsonl.gz" in err and "read failed" in err
    assert len(p.stdout.splitlines()) > 20


def test_deep_html_and_adversarial_text_finish(tmp_path: Path) -> None:
    deep = tmp_path / "deep.html"
    deep.write_text("<div>" * 100_000 + "deep text" + "</div>" * 100_000, encoding="utf-8")
    adversarial = {
        "dots.txt": "." * 100_000,
        "spaces.txt": " " * 100_000 + "x",
        "amp.txt": "&amp;" * 20_000,
        "hash.txt": "&#" * 50_000,
        "nbsp.txt": "\u00a0 " * 50_000,
        "newlines.txt": "\n" * 100_000 + "x",
        "mojibake.txt": "Ã©" * 50_000,
        "brackets.txt": "( " * 50_000,
        "lt.txt": "<" * 100_000,
    }
    for name, text in adversarial.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    p = run(str(deep), *(str(tmp_path / n) for n in adversarial), timeout=90)
    err = no_traceback(p)
    assert p.returncode in (0, 1), err
    assert b"deep text" in p.stdout


@pytest.mark.slow
def test_twenty_megabyte_single_line(tmp_path: Path) -> None:
    words = "The council said the new line opens in May, and fares stay the same. "
    text = words * (20_000_000 // len(words))
    src = tmp_path / "big.jsonl"
    src.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    # The reading, JSON and writing path at full size, with the foundation filters
    # (the content filters' time on one huge line is measured by benchmarks, not here).
    p = run("--filters", FOUNDATION, str(src), timeout=300)
    err = no_traceback(p)
    assert p.returncode in (0, 1), err
    if p.returncode == 0:
        assert len(json.loads(p.stdout)["text"]) > 0.9 * len(text)
    else:
        assert "big.jsonl:1" in err


def test_head_closing_the_pipe_is_quiet(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl_rows(1500), encoding="utf-8")
    for jobs in ("1", "2"):
        proc = subprocess.Popen(
            [sys.executable, "-m", "scrubtext", "--jobs", jobs, str(src)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        proc.stdout.close()  # what `| head -1` does
        err = proc.stderr.read().decode()
        proc.wait(timeout=60)
        assert json.loads(first)["id"] == 0
        assert "Traceback" not in err and "Exception" not in err, err
        assert proc.returncode == 0


def test_unknown_options_and_bad_jobs_exit_2() -> None:
    for args in (["--frobnicate"], ["--jobs", "many"], ["--jobs", "-3"], ["--dask", "x"]):
        p = run(*args, stdin=b"x")
        assert p.returncode == 2, args
        no_traceback(p)


def test_parse_raw_never_raises() -> None:
    nested = b"[" * 100_000 + b"]" * 100_000
    rec = parse_raw(RawRecord("f", nested, "jsonl", 3))
    assert rec.error and rec.error.startswith("f:3:")
    assert parse_raw(RawRecord("f", b"\xff\xfe\x00", "text")).error


def test_jsonl_byte_order_mark_on_the_first_line() -> None:
    rec = parse_raw(RawRecord("f", b'\xef\xbb\xbf{"text": "a"}\n', "jsonl", 1))
    assert rec.error is None and rec.text == "a"


def test_progress_shows_on_a_terminal(tmp_path: Path) -> None:
    import os
    import pty

    src = tmp_path / "in.jsonl"
    src.write_text(jsonl_rows(5), encoding="utf-8")
    shown = []
    for quiet in ((), ("--quiet",)):
        master, slave = pty.openpty()
        proc = subprocess.run(
            [sys.executable, "-m", "scrubtext", *quiet, str(src)],
            stdout=subprocess.DEVNULL,
            stderr=slave,
            timeout=60,
            check=False,
        )
        os.close(slave)
        chunks = []
        try:
            while chunk := os.read(master, 4096):
                chunks.append(chunk)
        except OSError:  # EIO once the terminal's other end is closed and drained
            pass
        os.close(master)
        assert proc.returncode == 0
        shown.append(b"".join(chunks).decode())
    assert "5 docs" in shown[0] and "MB/s" in shown[0]
    assert shown[1] == ""


def test_long_line_with_sparse_mojibake_is_repaired_piece_by_piece() -> None:
    from scrubtext.document import Document
    from scrubtext.filters.unicode import PIECE, UnicodeRepair

    words = "The council said the new line opens in May, and fares stay the same. "
    line = (words * 200 + "CafÃ© crÃ¨me, donâ€™t ") * 40
    assert len(line) > 100 * PIECE and "\n" not in line
    out, steps = UnicodeRepair()(Document(line))
    assert out.text == line.replace("CafÃ© crÃ¨me, donâ€™t", "Café crème, don’t")
    assert all(e.end - e.start < 20 for e in steps[0].edits)


def test_a_bug_on_one_record_is_that_records_error() -> None:
    from unittest import mock

    proc = RecordProcessor(want_stats=True)
    raws = [
        RawRecord("f", b'{"text": "boom"}', "jsonl", 1),
        RawRecord("f", b'{"text": "ok.."}', "jsonl", 2),
    ]
    real = scrubtext.scrub

    def flaky(text: str, **kw: object) -> scrubtext.Result:
        if text == "boom":
            raise IndexError("simulated bug")
        return real(text, **kw)  # type: ignore[arg-type]

    with mock.patch("scrubtext.api.scrub", flaky):
        res = process_batch(proc, raws)
    assert (
        res.outcomes[0].error == "f:1: internal error, please report it: IndexError: simulated bug"
    )
    assert res.outcomes[1].output == '{"text": "ok."}\n'
    assert res.stats is not None and (res.stats.documents, res.stats.failed) == (1, 1)
