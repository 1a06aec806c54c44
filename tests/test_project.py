"""Project hygiene: the README's commands are the ones CI runs; doctests pass."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import scrubtext

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _commands(text: str) -> list[str]:
    return [
        line.strip() for line in text.splitlines() if line.strip().startswith("python3 -m venv")
    ]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    readme = _commands(README)
    ci = _commands(CI)
    assert len(readme) == 2, "README must give exactly two set-up commands"
    assert len(ci) == 1
    assert ci[0] in readme, "the CI test command differs from the README's"
    assert "pytest" in ci[0]


def test_readme_example_file_exists() -> None:
    (install,) = [c for c in _commands(README) if "pytest" not in c]
    example = install.rsplit(" ", 1)[-1]
    assert (ROOT / example).is_file(), example


def _modules() -> list[str]:
    names = ["scrubtext"]
    for info in pkgutil.walk_packages(scrubtext.__path__, "scrubtext."):
        if ".integrations" in info.name or info.name.endswith("__main__"):
            continue  # optional extras, and the CLI entry point
        names.append(info.name)
    return names


@pytest.mark.parametrize("name", _modules())
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0
