"""Defects found reviewing the third session's commits: work that grew with the
square of the input on long odd texts (ending in PatternTimeout)."""

from __future__ import annotations

import pytest

import scrubtext
from scrubtext.document import Document
from scrubtext.filters.boilerplate import Boilerplate, _Block, _tables


def test_many_table_rows_in_a_row_are_scanned_once() -> None:
    """Every rule row of a long run of table lines re-scanned the whole run and every
    block (80,000 characters of small tables raised PatternTimeout)."""
    text = "A line of prose here.\n" + "| a | b |\n|---|---|\n" * 5000
    edits = Boilerplate().propose(Document(text))
    assert not any(e.start > 22 for e in edits)  # the table rows all stay


def test_tables_clear_each_run_of_rows_once_with_the_same_verdicts() -> None:
    text = "|---|---|\n| a | b |\n|---|---|\nprose\n|---|\nx | y\n--- | ---\n| 1 | 2 |"
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    ends = [*(s - 1 for s in starts[1:]), len(text)]
    blocks = [_Block(s, e, label="menu", score=-1.0) for s, e in zip(starts, ends, strict=True)]
    _tables(text, blocks)
    # rows 0-2 are one table (the second rule has a header), 'prose' is not a row,
    # and the four rows after it are one (its first rule has no header, its second has)
    assert [b.label for b in blocks] == ["", "", "", "menu", "", "", "", ""]
    lone = [_Block(0, 5, label="separator", score=-1.0)]
    _tables("|---|\nprose", lone)
    assert lone[0].label == "separator"  # a rule row without a header row


def test_plain_pipeline_on_a_long_table_dump() -> None:
    text = "Scores by round.\n\n" + "| team | points |\n|---|---|\n" * 4000
    assert scrubtext.clean(text).count("|---|---|") == 4000


def test_unclosed_code_fences_are_read_once() -> None:
    """Each line opening a fence that no line closes searched the rest of the text for
    its closer (100,000 characters of them raised PatternTimeout from text.code_span)."""
    from scrubtext.filters._util import code_spans

    assert code_spans("```a\n" * 20000) == []
    text = "```py\n" * 20000 + "`x` and\n```\n"
    assert code_spans(text) == [(0, len(text) - 1)]


def test_code_spans_pair_fences_as_markdown_does() -> None:
    from scrubtext.filters._util import code_spans

    # a fence of four closed by a fence of three (its fourth backtick is the info string)
    assert code_spans("````\nx\n```\n") == [(0, 10)]
    # a fence of four closed by four, although a three comes first
    assert code_spans("````\nx\n```\n````\n") == [(0, 15)]
    # a fence never closed: the inline code on its line still counts
    assert code_spans("```js `a`\nb\n") == [(6, 9)]
    # the closer must be alone on its line (spaces and tabs allowed)
    assert code_spans("~~~\nx\n~~~ \t\n") == [(0, 11)]
    assert code_spans("~~~\nx\n~~~ y\n") == []
    assert code_spans("`a` ```\n`b`\n```") == [(0, 3), (8, 11)]


@pytest.mark.parametrize(
    "text",
    [
        # script deleted the code in a fenced block with its closing fence and what followed
        "```a,,\nvar s=\n```\n}",
        # boilerplate deleted a closing fence as text outside the article
        "©Inc. All rights reserved.\n```o(a,, t s.\n```",
        "1\n|a b|\n~~~oo(a,, as d.\n~~~\nRelated the",
    ],
)
def test_code_keeps_its_fences_so_a_second_run_changes_nothing(text: str) -> None:
    """Filters before script and boilerplate left the code alone; the deletion of a
    closing fence made it plain text, which a second run then edited."""
    once = scrubtext.clean(text)
    assert scrubtext.clean(once) == once
    assert once.count("```") + once.count("~~~") != 1  # no fence left without its pair


def test_a_script_cluster_crossing_a_code_span_stays() -> None:
    from scrubtext.filters.script import Script

    text = "Notes:\n```\nvar a = 1;\n```\n}); var b = {x: 1};\n"
    for e in Script().propose(Document(text)):
        assert e.end <= text.index("```") or e.start >= text.rindex("```") + 3
