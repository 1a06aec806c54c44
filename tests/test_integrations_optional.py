"""Run the Spark, Ray and Hugging Face examples when their framework is installed.

None of them is a dependency, so in CI these skip. Each example cleans a small
sample from fixtures/seeds through the framework and exits with an error unless
the records equal what the scrubtext CLI writes for the same file.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def test_scale_doc_snippets_are_the_example_code() -> None:
    # docs/scale.md shows the recipes as they are in the scripts, which the test below runs.
    doc = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
    sections = {"### Spark": "spark_clean.py", "### Ray": "ray_clean.py"}
    sections["### Hugging Face"] = "datasets_clean.py"
    for heading, script in sections.items():
        body = re.split(r"\n##+ ", doc.split(heading, 1)[1], maxsplit=1)[0]
        snippets = re.findall(r"```python\n(.*?)```", body, re.S)
        assert snippets, f"no python snippet under {heading}"
        code = (EXAMPLES / script).read_text(encoding="utf-8")
        for snippet in snippets:
            assert snippet in code, f"{heading} snippet is not in examples/{script}"


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
