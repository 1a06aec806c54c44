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
