"""HTML main-content extraction: a fixture page, bad input, and real benchmark pages."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest

import scrubtext
from scrubtext.document import Document
from scrubtext.filters.html import HtmlExtract, looks_like_html
from scrubtext.html_extract import extract

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "html" / "article.html"


def run(markup: str) -> tuple[Document, list[str], list[str]]:
    """The HTML filter alone: output document, edit rules, flag rules."""
    out, steps = HtmlExtract()(Document(markup, meta={"html": True}))
    edits = [e.rule for s in steps for e in s.edits]
    flags = [f.rule for s in steps for f in s.flags]
    return out, edits, flags


# --- the fixture page -----------------------------------------------------------

ARTICLE_SNIPPETS = [
    "Council approves new cycle bridge",
    "The town council voted on Tuesday to build a cycle and foot bridge",
    "The project will cost £4.2 million",
    "What the plan includes",
    "ramps at both ends for wheelchairs and pushchairs;",
    "Deck and ramps\tSeptember\t£2.6m",
    "The council will publish the full timetable for the works next month.",
]
FURNITURE_SNIPPETS = [
    "We use cookies",
    "Accept all",
    "Sport",
    "Home",
    "Share on Facebook",
    "artist's impression",
    "Advertisement",
    "hidden paragraph",
    "waiting for this bridge",  # comment
    "Most read",
    "Flood warning",
    "Sign up to our newsletter",
    "All rights reserved",
    "dataLayer",
    "trackPageView",
    "font-family",
]


@pytest.fixture(scope="module")
def fixture_text() -> str:
    return scrubtext.clean(FIXTURE.read_text(encoding="utf-8"), html=True)


@pytest.mark.parametrize("snippet", ARTICLE_SNIPPETS)
def test_fixture_keeps_article(fixture_text: str, snippet: str) -> None:
    assert snippet in fixture_text


@pytest.mark.parametrize("snippet", FURNITURE_SNIPPETS)
def test_fixture_drops_furniture(fixture_text: str, snippet: str) -> None:
    assert snippet not in fixture_text


def test_fixture_layout(fixture_text: str) -> None:
    assert fixture_text.startswith("Council approves new cycle bridge\n\nThe town council")
    assert "decade.\n\nWork is due" in fixture_text  # paragraphs
    assert "footway;\nramps" in fixture_text  # list items on their own lines
    assert "\n\n\n" not in fixture_text


def test_extraction_edits_cover_the_page_and_the_first_counts_what_was_dropped() -> None:
    page = FIXTURE.read_text(encoding="utf-8")
    result = scrubtext.scrub(page, html=True)
    html_edits = [e for e in result.edits if e.step == "html"]
    assert len(html_edits) > 1  # one per run of source lines holding a kept block
    assert {e.rule for e in html_edits} == {"html.extract"}
    assert html_edits[0].start == 0 and html_edits[-1].end == len(page)
    for a, b in itertools.pairwise(html_edits):
        assert a.end == b.start  # contiguous: every character of the page is accounted for
    assert "".join(e.after for e in html_edits) == run(page)[0].text
    edit = html_edits[0]
    # outermost furniture only: the menu is counted with the header that holds it
    for kind in ("1 header", "1 navigation", "1 cookie banner", "1 comments", "1 footer"):
        assert kind in edit.reason


PAGE_WITH_SLIPS = (
    "<html>\n<head><title>River news</title></head>\n<body>\n"
    "<nav><a href=/>Home</a> <a href=/news>News</a></nav>\n"
    "<article><h1>River rises</h1>\n"
    "<p>The river rose by a metre overnight, and the water reached the market.</p>\n"
    "<p>The town closed the the old bridge , officials said on Monday morning.</p>\n"
    "</article>\n</body>\n</html>\n"
)


def test_later_edits_map_back_to_their_source_line() -> None:
    result = scrubtext.scrub(PAGE_WITH_SLIPS, html=True)
    assert "closed the old bridge, officials" in result.text
    line_7 = PAGE_WITH_SLIPS.index("<p>The town")
    line_8 = PAGE_WITH_SLIPS.index("</article>")
    later = [e for e in result.edits if e.step != "html"]
    assert {e.rule for e in later} >= {"mt.doubled_word", "mt.space_before_punct"}
    for e in later:  # the start is on line 7 (the mapping is line-grained)
        assert line_7 <= e.start < line_8, e


def test_explain_gives_the_source_line_of_a_repair_in_a_page(tmp_path: Path) -> None:
    import subprocess

    page = tmp_path / "page.html"
    page.write_text(PAGE_WITH_SLIPS, encoding="utf-8")
    p = subprocess.run(
        [sys.executable, "-m", "scrubtext", "--explain", str(page)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 0, p.stderr
    lines = [x for x in p.stderr.splitlines() if "mt.doubled_word" in x]
    assert lines and all(":7:" in x for x in lines), p.stderr


def test_title_from_page_title_when_no_heading() -> None:
    page = (
        "<html><head><title>Storm closes ferry port - Coast News</title></head><body>"
        "<div><p>The ferry port closed on Monday as the storm brought winds of more than "
        "ninety miles an hour to the coast.</p></div></body></html>"
    )
    assert extract(page).text.startswith("Storm closes ferry port\n\nThe ferry port")
    assert extract(page, keep_title=False).text.startswith("The ferry port")


def test_keep_title_option() -> None:
    page = FIXTURE.read_text(encoding="utf-8")
    text = scrubtext.clean(page, html=True, **{"html.keep_title": False})
    assert text.startswith("The town council voted")


def test_teaser_grid_is_dropped() -> None:
    card = (
        "<div class='card'><h3><a href='/s{0}'>Another story number {0} worth reading</a></h3>"
        "<p>A short summary of story {0}, which is about something else entirely.</p></div>"
    )
    body = "".join(
        f"<p>Paragraph {i} of the article says something about the harbour, and the "
        "people who work there every day of the year.</p>"
        for i in range(3)
    )
    page = (
        f"<html><body><div><h1>Harbour news</h1>{body}</div>"
        f"<div>{''.join(card.format(i) for i in range(4))}</div></body></html>"
    )
    text = extract(page).text
    assert "Paragraph 2 of the article" in text
    assert "story number" not in text and "short summary" not in text


PARA = (
    "<p>The new school opened its doors on Monday, and more than four hundred pupils "
    "arrived for the first lessons of the term.</p>"
)


def test_page_wrapped_in_a_form() -> None:
    page = (
        "<html><body><form id='aspnetForm'><div id='nav'><a href='/'>Home</a> "
        f"<a href='/x'>News</a></div><div class='content'>{PARA * 3}</div>"
        "<div class='footer'>© 2020 Town</div></form></body></html>"
    )
    r = extract(page)
    assert r.text.count("The new school opened") == 3
    assert "Home" not in r.text and "2020 Town" not in r.text


def test_line_breaks_in_a_div() -> None:
    page = (
        "<html><body><div class='menu'><a href='/'>Home</a></div><div>The harbour reopened "
        "on Tuesday after the storm.<br><br>Fishing boats returned to the quay in the "
        "afternoon, and the market opened late.<br>The sea wall needs a month of repairs."
        "</div></body></html>"
    )
    assert extract(page).text == (
        "The harbour reopened on Tuesday after the storm.\n\nFishing boats returned to the "
        "quay in the afternoon, and the market opened late.\nThe sea wall needs a month of "
        "repairs."
    )


def test_comment_thread_longer_than_the_article() -> None:
    comment = (
        "<div class='comment'><p>I think this is a very good idea and the council should "
        "have done it years ago, honestly speaking.</p></div>"
    )
    page = f"<html><body><article>{PARA * 2}</article><section id='comments'>{comment * 10}</section></body></html>"
    r = extract(page)
    assert "The new school opened" in r.text
    assert "good idea" not in r.text
    assert r.dropped["comments"] == 1


def test_unmarked_comment_thread_ends_at_its_heading() -> None:
    comment = (
        "<div><p>Joe says:</p><p>I think this is a very good idea and the council should "
        "have done it years ago, honestly speaking.</p></div>"
    )
    page = (
        "<html><body><div><div><h1>School opens</h1><p><a href='#c'>12 Comments</a></p>"
        f"{PARA * 4}</div><h3>12 Responses to “School opens”</h3>{comment * 10}</div>"
        "</body></html>"
    )
    r = extract(page)
    assert r.text.count("The new school opened") == 4
    assert "good idea" not in r.text and "Responses" not in r.text


def test_preformatted_text_keeps_its_lines() -> None:
    page = (
        "<html><body><article><h1>How to loop</h1><p>Here is how you write a loop in Python, "
        "which is a thing many people want to know about.</p><pre>\nfor i in range(3):\n"
        "    print(i)   \n</pre><p>That is all there is to it, and now you know how to write "
        "a loop yourself.</p></article></body></html>"
    )
    assert "\n\nfor i in range(3):\n    print(i)\n\nThat is all" in extract(page).text


def test_byline_and_date_stamp_before_the_first_paragraph() -> None:
    page = (
        "<html><body><div><h1>School opens</h1><div>By Jane Doe</div>"
        "<div>Updated 11:21 pm CST, Tuesday, November 19, 2019</div><p>By noon it rained.</p>"
        f"{PARA * 3}<p>Published by the council in 2019</p></div></body></html>"
    )
    text = extract(page).text
    assert "Jane Doe" not in text and "11:21" not in text
    assert "By noon it rained." in text
    assert "Published by the council in 2019" in text  # after the first paragraph: kept


def test_heading_whose_link_has_a_header_class_is_kept() -> None:
    # mdBook and other site generators wrap headings in <a class="header">
    page = (
        "<html><body><main><h1>Guide</h1>"
        f"{PARA * 2}<h2 id='x'><a class='header' href='#x'>Second part</a></h2>{PARA * 2}"
        "</main></body></html>"
    )
    assert "\n\nSecond part\n\n" in extract(page).text


def test_documentation_page_title_and_permalinks() -> None:
    # Sphinx: the site name is the longer part of <title>, headings end in a "¶" link
    page = (
        "<html><head><title>IDLE — Python 3.13 documentation</title></head><body>"
        "<div class='body'><h1>IDLE<a class='headerlink' href='#idle'>¶</a></h1>"
        f"{PARA * 3}</div></body></html>"
    )
    assert extract(page).text.startswith("IDLE\n\nThe new school opened")


def test_short_page_keeps_its_short_sentences() -> None:
    page = (
        "<html><head><title>simd_xor in std - Rust</title></head><body><nav><a href='/'>std</a>"
        "</nav><main><section><div><a href='/a'>std</a>::<a href='/b'>intrinsics</a></div>"
        "<h1>Function simd_xor</h1><div><a href='/src'>Source</a></div>"
        "<div>This is a nightly-only experimental API (core_intrinsics), for now.</div>"
        "<div><p>Exclusive ors vectors elementwise.</p><p>T must be a vector.</p></div>"
        "</section></main></body></html>"
    )
    text = extract(page).text
    assert "Exclusive ors vectors elementwise.\n\nT must be a vector." in text
    assert text.startswith("Function simd_xor")


def test_german_page_language() -> None:
    para = (
        "<p>Die Stadt hat am Montag beschlossen, dass die neue Brücke über den Fluss im "
        "nächsten Jahr gebaut wird, und die Arbeiten beginnen im Frühjahr.</p>"
    )
    page = (
        "<html lang='de'><body><div class='sidebar'><ul><li><a href='/1'>Meistgelesen</a>"
        f"</li></ul></div><main>{para * 3}</main></body></html>"
    )
    r = extract(page)
    assert r.language == "de"
    assert r.text.startswith("Die Stadt hat am Montag") and "Meistgelesen" not in r.text


def test_fragment_is_kept_whole() -> None:
    assert extract("<p>Short note.</p><p>Another one.</p>").text == "Short note.\n\nAnother one."


def test_extra_tokens_mark_furniture() -> None:
    body = (
        "<p>The library will open on Sundays from next month, the council said in a "
        "statement on Friday.</p>"
    )
    page = f"<html><body><div>{body}<div class='xyzzy'>Visit our shop</div></div></body></html>"
    assert "Visit our shop" in extract(page).text
    assert "Visit our shop" not in extract(page, extra_tokens={"advertising": ("xyzzy",)}).text


def test_furniture_words_option() -> None:
    body = (
        "<p>The library will open on Sundays from next month, the council said in a "
        "statement on Friday.</p>"
    )
    page = f"<html><body><div>{body}<div class='xyzzy'>Visit our shop</div></div></body></html>"
    assert "Visit our shop" not in scrubtext.clean(page, html=True, furniture_words=("xyzzy",))
    assert "Visit our shop" not in scrubtext.clean(page, html=True, furniture_words="xyzzy")


def test_bytes_and_soup_input() -> None:
    from bs4 import BeautifulSoup

    page = (
        '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 owners in the '
        "old town said that trade was better this summer than in any year before.</p>"
        "</body></html>"
    )
    assert "Café owners" in extract(page.encode("cp1252")).text
    assert "Café owners" in extract(BeautifulSoup(page, "html.parser")).text


def test_looks_like_html() -> None:
    assert looks_like_html("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert not looks_like_html("if a < b and c > d then stop")
    assert looks_like_html("\n  <div><p>x</p><p>y</p></div>")


@pytest.mark.parametrize(
    "text",
    [
        "To start a page, write <html><head><title> and then <body>.",
        "Use <p> for paragraphs, <br> for line breaks and <ul> for lists.",
    ],
)
def test_prose_that_quotes_markup_is_not_html(text: str) -> None:
    assert not looks_like_html(text)
    assert scrubtext.clean(text) == text


@pytest.mark.parametrize(
    "prefix",
    [
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
        "WARC/1.0\nWARC-Type: response\n\n",
        "Warning: session_start(): headers already sent in /var/www/x.php on line 3\n",
    ],
)
def test_a_page_after_headers_or_a_warning_is_html(prefix: str) -> None:
    head = "<head>" + "<meta name=x content=y>" * 40 + "<title>T</title></head>"
    page = prefix + "<!DOCTYPE html>\n<html>" + head + "<body><p>Hi there.</p></body></html>"
    assert looks_like_html(page)


def test_prose_with_real_inline_markup_is_html() -> None:
    text = "The mayor spoke.<br><p>Stations open in <b>May</b>.</p><p>More buses.</p>"
    assert looks_like_html(text)


def test_plain_text_is_left_alone() -> None:
    out, steps = HtmlExtract()(Document("plain <text> here", meta={"html": False}))
    assert out.text == "plain <text> here"
    assert steps[0].edits == ()


# --- bad input --------------------------------------------------------------------


def test_not_html_with_html_true_is_flagged_and_unchanged() -> None:
    text = "Just a plain sentence, with 5 < 6 and 7 > 3."
    out, edits, flags = run(text)
    assert out.text == text
    assert edits == []
    assert flags == ["html.not_html"]
    result = scrubtext.scrub(text, html=True)
    assert "html.not_html" in [f.rule for f in result.flags]


def test_malformed_html() -> None:
    page = (
        "<html><body><div><p>Unclosed paragraph with a <b>bold <i>mess</p></div></span>"
        "</table><p>Second para &amp; more<td>cell</tr>"
    )
    out, edits, flags = run(page)
    assert "Unclosed paragraph with a bold mess" in out.text
    assert "Second para & more" in out.text
    assert edits == ["html.extract"]
    assert flags == []


def test_very_deep_nesting_is_flagged_and_keeps_text() -> None:
    page = (
        "<html><body>"
        + "<div>" * 100_000
        + "deep text"
        + "</div>" * 100_000
        + "<p>after the nesting</p></body></html>"
    )
    out, edits, flags = run(page)
    assert out.text == "deep text\n\nafter the nesting"
    assert edits == ["html.extract"]
    assert flags == ["html.unparseable"]


def test_page_without_text_is_flagged() -> None:
    out, edits, flags = run("<html><head><script>var a = 1;</script></head><body> </body></html>")
    assert out.text == ""
    assert edits == ["html.extract"]
    assert flags == ["html.empty"]


@pytest.mark.parametrize(
    "page",
    [
        "<a " * 30_000,
        "<!--" * 30_000,
        "<script>" * 10_000,
        "<" * 100_000,
        "<p>" + "<span>" * 50_000 + "x",
        "<div class='nav'>" * 2000 + "<p>A sentence that is long enough to count.</p>" * 2000,
        "<h1>" * 2000 + "<p>A sentence that is long enough to count.</p>" * 2000,
        "\ud800<p>lone surrogate</p>",
        "<p>\x00nul</p>",
        "",
    ],
)
def test_adversarial_markup_does_not_raise(page: str) -> None:
    out, _, _ = run(page)
    assert isinstance(out.text, str)
    assert "<script>" not in out.text


def test_huge_page() -> None:
    # 20 MB in 10,000 paragraphs of 2 kB (the cost grows with the number of elements)
    para = "<p>" + "The committee met again on Thursday and agreed the budget. " * 34 + "</p>\n"
    page = "<html><body><article>" + para * (20_000_000 // len(para)) + "</article></body></html>"
    assert len(page) > 19_000_000
    out, edits, flags = run(page)
    assert (set(edits), flags) == ({"html.extract"}, [])
    assert out.text.startswith("The committee met again")
    assert out.text.count("\n\n") == 20_000_000 // len(para) - 1


# --- real pages (skipped without the benchmark data) -------------------------------

sys.path.insert(0, str(ROOT / "benchmarks"))
from _data import data_dir, load_pages  # noqa: E402

REAL = {
    # chron.com: AP story inside a photo gallery, a header full of headline links
    "db6b0816c612296c7f1f001c6df874214fcca0da0fc86fb3aea9358c7f681754": (
        ["HANOI, Vietnam (AP) — U.S. Defense Secretary Mark Esper", "the “Hanoi Hilton”"],
        ["Photo: Hau Dinh", "All rights reserved", "Ammonia leak prompts food bank"],
    ),
    # dawgsbynature.com: the article column has a "sidebar" layout class; cookie banner
    "6a72de37e8f98f4eee6c0821e593b35ce536cef6c8b424c5e1dd747ebe6621ba": (
        ["Below, we analyze the snap counts", "Larry Ogunjobi", "Burris has played"],
        ["We use cookies", "I Accept", "Vox Media", "Daily Dawg Chow"],
    ),
}


@pytest.mark.skipif(data_dir() is None, reason="benchmark data not present")
@pytest.mark.parametrize("page_id", list(REAL))
def test_benchmark_page_snippets(page_id: str) -> None:
    page = next(p for p in load_pages() if p.id == page_id)
    text = scrubtext.clean(page.html, html=True, filters=["html"])
    must, must_not = REAL[page_id]
    for snippet in must:
        assert snippet in text
    for snippet in must_not:
        assert snippet not in text


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_piece_reasons_name_only_lines_the_page_has(newline: str) -> None:
    page = PAGE_WITH_SLIPS.replace("\n", newline)  # 10 lines, ending with a line break
    _, (step,) = HtmlExtract()(Document(page, meta={"html": True}))
    assert step.edits[-1].reason.startswith("HTML page, lines 7-10:")
    no_final_break = page.removesuffix(newline)
    _, (step,) = HtmlExtract()(Document(no_final_break, meta={"html": True}))
    assert step.edits[-1].reason.startswith("HTML page, lines 7-10:")
