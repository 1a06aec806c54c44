"""Run the Spark, Ray and Hugging Face examples when their framework is installed.

None of them is a dependency, so in CI these skip. Each example cleans a small
sample from fixtures/seeds through the framework and exits with an error unless
the records equal what the scrubtext CLI writes for the same file.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("script", "module"),
    [
        ("spark_clean.py", "pyspark"),
        ("ray_clean.py", "ray.data"),
        ("datasets_clean.py", "datasets"),
    ],
)
def test_example_matches_the_cli(script: str, module: str) -> None:
    top = module.split(".")[0]
    if importlib.util.find_spec(top) is None or importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed")
    if module == "pyspark" and shutil.which("java") is None:
        pytest.skip("Spark needs Java")
    p = subprocess.run(
        [sys.executable, str(EXAMPLES / script), "--records", "20"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-4000:]
    assert "same as the CLI" in p.stdout
