"""Defects a demanding user met: argument checks, pickling, outputs that clobber inputs."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import scrubtext
from scrubtext import Config, ConfigError
from scrubtext.stats import Stats

from .conftest import seed_text
from .test_cli import run


def test_a_result_pickles_with_its_edits_flags_and_language() -> None:
    r = scrubtext.scrub(seed_text("003"))
    back = pickle.loads(pickle.dumps(r))
    assert (back.text, back.edits, back.flags, back.language) == (
        r.text,
        r.edits,
        r.flags,
        r.language,
    )
    doc = scrubtext.Document("x", id="a", meta={"html": False})
    assert pickle.loads(pickle.dumps(doc)) == doc


@pytest.mark.parametrize("key", ["filters", "skip", "disable_rules", "drop"])
def test_config_built_directly_takes_names_as_from_options_does(key: str) -> None:
    value = {"filters": "tidy", "skip": "tidy", "disable_rules": "mt"}.get(key, "coherence")
    direct = Config(**{key: value})  # type: ignore[arg-type]
    assert direct == Config.from_options(**{key: value})
    assert getattr(Config(**{key: [value]}), key) == (value,)  # type: ignore[arg-type]
    scrubtext.default_pipeline(direct)  # hashable, and no "unknown filter 't'"


def test_language_code_is_case_insensitive_and_checked() -> None:
    text = "The committee noted that the the proposal had been revised."
    assert scrubtext.scrub(text, language="EN").text == scrubtext.scrub(text, language="en").text
    assert scrubtext.scrub(text, language=" EN ").language == "en"
    assert Config(language="zh-CN").language == "zh-cn"
    with pytest.raises(ConfigError, match="language code"):
        Config.from_options(language="english")


def test_html_argument_must_be_a_bool_or_none() -> None:
    with pytest.raises(TypeError, match="html"):
        scrubtext.clean("<p>a</p>", html="no")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["whitespace", "tidy"])
def test_negative_blank_line_limit_is_a_config_error(name: str) -> None:
    # -1 glued paragraphs together: 'Para one.Para two.'
    with pytest.raises(ConfigError, match="max_blank_lines"):
        scrubtext.clean("a\n\n\nb", **{f"{name}.max_blank_lines": -1})


def test_interrupt_while_language_profiles_load_is_not_swallowed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """langdetect's bare ``except:`` turned Ctrl-C into a profile error, and left a
    half-loaded global factory behind (a run went on, detecting with few profiles)."""
    from langdetect import detector_factory

    from scrubtext import lang

    calls = {"n": 0}
    real = detector_factory.LangProfile

    def interrupted(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    lang._langdetect_factory.cache_clear()
    monkeypatch.setattr(detector_factory, "LangProfile", interrupted)
    monkeypatch.setattr(detector_factory, "_factory", None)
    try:
        with pytest.raises(KeyboardInterrupt):
            lang._langdetect("Dies ist ein kurzer deutscher Satz über das Wetter.")
        monkeypatch.setattr(detector_factory, "LangProfile", real)
        assert lang._langdetect("Dies ist ein kurzer deutscher Satz über das Wetter.") == "de"
    finally:
        lang._langdetect_factory.cache_clear()


def test_report_or_stats_file_that_is_an_input_is_a_usage_error(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Hello  world.\n", encoding="utf-8")
    for option in ("--report", "--stats-json"):
        p = run(option, str(page), str(page))
        assert p.returncode == 2, p.stderr
        assert "overwrite the input" in p.stderr.decode()
        assert page.read_text(encoding="utf-8") == "Hello  world.\n"
    p = run("--report", str(tmp_path / "x.json"), "--stats-json", str(tmp_path / "x.json"), "-")
    assert p.returncode == 2
    assert "same file" in p.stderr.decode()


def test_output_dir_reached_through_a_symlink_does_not_overwrite_the_input(
    tmp_path: Path,
) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Hello  world.\n", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "here")
    p = run("--output-dir", str(tmp_path / "here"), str(page))
    assert p.returncode == 2, p.stderr
    assert page.read_text(encoding="utf-8") == "Hello  world.\n"


def test_help_points_to_documents_that_exist() -> None:
    from scrubtext.cli import build_parser

    root = Path(__file__).resolve().parent.parent
    for word in build_parser().format_help().split():
        if word.startswith("docs/"):
            assert (root / word.rstrip(").,")).is_file(), word


@pytest.mark.parametrize("selector", ["boilerplate", "entities.decode", "mt"])
def test_drop_of_a_rule_that_never_flags_is_a_config_error(selector: str) -> None:
    """``drop`` deletes flagged text; ``drop="boilerplate"`` silently did nothing."""
    with pytest.raises(ConfigError, match="never flags"):
        scrubtext.clean("a b", drop=[selector])
    p = run("--drop", selector, stdin="a b")
    assert p.returncode == 2
    assert "never flags" in p.stderr.decode()


@pytest.mark.parametrize("selector", ["coherence", "coherence.topic", "mt_flags", "html"])
def test_drop_of_flag_rules_is_accepted(selector: str) -> None:
    assert scrubtext.clean("a b", drop=[selector]) == "a b"


def test_stats_merge_names_the_file_it_cannot_use(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    Stats().save(good)
    for name, content in (("bad.json", "not json"), ("list.json", "[1, 2]")):
        bad = tmp_path / name
        bad.write_text(content, encoding="utf-8")
        p = subprocess.run(
            [sys.executable, "-m", "scrubtext.stats", str(good), str(bad)],
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert p.returncode == 1
        assert str(bad) in p.stderr.decode()
        assert "Traceback" not in p.stderr.decode()


def test_pipeline_run_on_a_document_with_meta_matches_scrub() -> None:
    """As docs/model.md says: html and language are document meta that scrub() sets."""
    from scrubtext import Document

    page = "<html><body><nav>Home | News</nav><p>The council met on Monday.</p></body></html>"
    config = Config.from_options(language="en")
    via_scrub = scrubtext.scrub(page, config=config)
    doc = Document(page, meta={"html": True, "language": "en"})
    via_pipeline = scrubtext.default_pipeline(config).run(doc)
    assert via_pipeline.text == via_scrub.text == "The council met on Monday."
    assert via_pipeline.language == "en"


def test_stats_json_naming_a_folder_is_a_usage_error_before_any_work(tmp_path: Path) -> None:
    p = run("--stats-json", str(tmp_path), "-", stdin="Hello  world.\n")
    assert p.returncode == 2, p.stderr
    assert p.stdout == b""
    assert "folder" in p.stderr.decode()


def test_readme_explain_excerpt_is_what_explain_prints(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    shown = [
        ln for ln in (root / "README.md").read_text().splitlines() if ln.startswith("003.txt:")
    ]
    page = tmp_path / "003.txt"
    page.write_text(seed_text("003"), encoding="utf-8")
    p = run("--explain", "003.txt", cwd=tmp_path)
    printed = p.stderr.decode().splitlines()
    assert shown
    assert [ln for ln in shown if ln not in printed] == []


def test_filters_coherence_brings_the_language_annotation_it_needs() -> None:
    """``filters=["coherence"]`` flagged nothing: without ``language`` no document is English."""
    text = seed_text("004")
    assert scrubtext.default_pipeline(filters=["coherence"]).names == ("language", "coherence")
    flags = scrubtext.scrub(text, filters=["coherence"]).flags
    assert flags
    assert all(f.rule.startswith("coherence.") for f in flags)
    assert scrubtext.default_pipeline(filters=["coherence"], skip=["language"]).names == (
        "coherence",
    )


TUTORIAL_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Debounce | Dev Notes</title></head>
<body><nav><a href="/">Home</a> <a href="/js">JavaScript</a> <a href="/css">CSS</a></nav>
<article><h1>How to debounce in JavaScript</h1>
<p>Debouncing delays a function until the user has stopped typing. To debounce a
handler, wrap it in a closure that keeps the timer:</p>
<pre><code class="language-js">function debounce(fn, wait) {
  let timer;
  return function (...args) {
    clearTimeout(timer);
    timer = setTimeout(() =&gt; fn.apply(this, args), wait);
  };
}</code></pre>
<p>Call it once and reuse the returned function. The same idea works for scroll and
resize events, where the handler may otherwise run hundreds of times a second.</p>
<p>The response from the server looks like this:</p>
<pre>{"id": 42, "name": "Alice", "roles": ["admin", "editor"]}</pre>
<p>Use <code>JSON.parse(text)</code> to turn it into an object.</p>
</article><footer>© 2024 Dev Notes</footer></body></html>
"""


def test_code_shown_on_an_html_page_is_kept() -> None:
    """The page's <pre> code went as script.js/script.json (with 'Use JSON.parse(text)'
    from the next paragraph), and its closing '};' line as a lone separator."""
    text = scrubtext.clean(TUTORIAL_PAGE)
    for piece in (
        "function debounce(fn, wait) {",
        "fn.apply(this, args), wait);\n  };\n}\n",
        '{"id": 42, "name": "Alice", "roles": ["admin", "editor"]}',
        "Use JSON.parse(text) to turn it into an object.",
    ):
        assert piece in text


def test_wrong_argument_types_are_type_errors() -> None:
    from scrubtext.filters.whitespace import Whitespace

    for bad in (["whitespace"], [Whitespace], [None]):
        with pytest.raises(TypeError, match="filter instances"):
            scrubtext.Pipeline(bad)  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"scrubtext\.Config"):
        scrubtext.default_pipeline({"skip": ["tidy"]})  # type: ignore[arg-type]
    assert scrubtext.Pipeline([Whitespace()]).run("a  b").text == "a b"


def test_report_that_is_an_output_file_is_a_usage_error(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Hello  world.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    p = run("--output-dir", str(out), "--stats-json", str(out / "page.txt"), str(page))
    assert p.returncode == 2, p.stderr
    assert "an output file" in p.stderr.decode()


def test_explain_quotes_a_dropped_flag_from_the_original() -> None:
    from scrubtext.explain import explain_lines

    r = scrubtext.scrub(seed_text("004"), drop=["coherence"])
    lines = [ln for ln in explain_lines(r, "004") if ": flag coherence." in ln]
    assert lines
    assert all(not ln.endswith(": ''") for ln in lines)
    assert any("(since deleted)" in ln and "ductile" in ln for ln in lines)


def test_escapes_of_one_unclosed_line_are_scanned_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each of a thousand escapes on a 60,000-character line without a closing quote
    re-scanned the line to its end (seconds of work, then PatternTimeout)."""
    from scrubtext.filters import script

    line = 'var s = "' + "\\n ab " * 1000 + "word " * 10000
    calls = []
    real = script._string_span

    def counting(text: str, pos: int) -> tuple[int, int]:
        calls.append(pos)
        return real(text, pos)

    monkeypatch.setattr(script, "_string_span", counting)
    spans = script._StringSpans(line)
    escapes = [i for i in range(len(line)) if line.startswith("\\n", i)]
    assert [spans.around(i) for i in escapes] == [real(line, i) for i in escapes]
    assert len(calls) == 1


def test_string_spans_agree_with_the_one_by_one_scan() -> None:
    from scrubtext.filters import script

    text = 'a = "x\\ny\\tz"; b = "\\u2019 q\\"r"; c = "open \\n\\n\nd = "\\/p"'
    escapes = [i for i, ch in enumerate(text) if ch == "\\"]
    spans = script._StringSpans(text)
    assert [spans.around(i) for i in escapes] == [script._string_span(text, i) for i in escapes]
