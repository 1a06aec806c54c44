"""Dask: a real LocalCluster with worker processes (skipped without the dask extra)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("distributed")

pytestmark = pytest.mark.dask

ROWS = [
    {"id": i, "text": f"Row {i}: the city said that the labs.. are open &amp; free  ( Xinhua )"}
    for i in range(60)
]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=40,
    ) as c:
        yield c


def test_scrub_bag_cleans_the_field_and_keeps_the_rest(cluster: Any) -> None:
    import dask.bag as db
    from distributed import Client

    from scrubtext import clean
    from scrubtext.integrations.dask import scrub_bag

    rows = [*ROWS, {"id": "no text"}]
    with Client(cluster) as client:
        bag = db.from_sequence(rows, npartitions=4)
        out = scrub_bag(bag, field="text", skip="tidy").compute(scheduler=client.get)
        workers = client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2  # two worker processes really ran
    assert [r["id"] for r in out] == [r["id"] for r in rows]
    assert out[-1] == {"id": "no text"}
    assert out[3]["text"] == clean(ROWS[3]["text"], skip="tidy")
    assert "labs. are open & free (Xinhua)" in out[3]["text"]


def test_cli_on_the_cluster_writes_what_a_serial_run_writes(cluster: Any, tmp_path: Path) -> None:
    inputs = []
    for k in range(3):
        src = tmp_path / f"part{k}.jsonl"
        lines = [json.dumps(r) for r in ROWS[k * 20 : (k + 1) * 20]]
        if k == 1:
            lines.insert(5, "{broken")
        src.write_text("\n".join(lines) + "\n", encoding="utf-8")
        inputs.append(str(src))
    (tmp_path / "page.txt").write_text("Plain  text..\n", encoding="utf-8")
    inputs.append(str(tmp_path / "page.txt"))
    serial, remote = tmp_path / "serial", tmp_path / "remote"
    serial.mkdir()
    remote.mkdir()
    cmd = [sys.executable, "-m", "scrubtext"]
    one = subprocess.run(
        [*cmd, "--output-dir", str(serial), "--stats-json", str(tmp_path / "s1.json"), *inputs],
        capture_output=True,
        timeout=120,
        check=False,
    )
    two = subprocess.run(
        [
            *cmd,
            "--dask",
            cluster.scheduler_address,
            "--output-dir",
            str(remote),
            "--stats-json",
            str(tmp_path / "s2.json"),
            *inputs,
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert one.returncode == two.returncode == 1, two.stderr.decode()
    assert "Traceback" not in two.stderr.decode()
    assert "part1.jsonl:6: not valid JSON" in two.stderr.decode()
    names = sorted(p.name for p in serial.iterdir())
    assert (
        names
        == sorted(p.name for p in remote.iterdir())
        == [
            "page.txt",
            "part0.jsonl",
            "part1.jsonl",
            "part2.jsonl",
        ]
    )
    for name in names:
        assert (serial / name).read_bytes() == (remote / name).read_bytes(), name
    s1 = json.loads((tmp_path / "s1.json").read_text())
    s2 = json.loads((tmp_path / "s2.json").read_text())
    assert s1 == s2 and s1["documents"] == 61 and s1["failed"] == 1


def test_a_failed_cluster_task_fails_its_file_and_the_others_go_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import distributed

    from scrubtext.integrations.dask import run_on_cluster
    from scrubtext.parallel import RecordProcessor, RunSummary

    class Done:
        def __init__(self, value: Any) -> None:
            self.value = value

        def result(self) -> Any:
            if isinstance(self.value, BaseException):
                raise self.value
            return self.value

    class FakeClient:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.calls = 0

        def __enter__(self) -> FakeClient:
            return self

        def __exit__(self, *exc: Any) -> None:
            return None

        def submit(self, fn: Any, processor: Any, name: str, *args: Any, **kw: Any) -> Done:
            if name.endswith("bad.txt"):
                return Done(RuntimeError("worker lost"))
            return Done((["scrubtext: note"], RunSummary(documents=2)))

    monkeypatch.setattr(distributed, "Client", FakeClient)
    messages: list[str] = []
    summary = run_on_cluster(
        "tcp://x", RecordProcessor(), ["a.txt", "bad.txt", "c.txt"], "auto", ".", messages.append
    )
    assert (summary.documents, summary.failed) == (4, 1)
    assert messages[0] == messages[2] == "scrubtext: note"
    assert "bad.txt" in messages[1] and "worker lost" in messages[1]
