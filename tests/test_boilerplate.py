"""Plain-text boilerplate and script remnants: seeds, negatives, settings, benchmark floors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scrubtext
from scrubtext import vocab
from scrubtext.document import Document
from scrubtext.filters.boilerplate import Boilerplate
from scrubtext.filters.script import Script

from .conftest import FIXTURES, ROOT, seed_text

#: The plain-text filters and what they need around them (no MT or punctuation fixes,
#: so the snippets below depend only on this area).
PLAIN = [
    "unicode",
    "entities",
    "controls",
    "language",
    "script",
    "boilerplate",
    "whitespace",
    "tidy",
]


def clean(text: str, **options: object) -> scrubtext.Result:
    return scrubtext.scrub(text, html=False, filters=PLAIN, **options)


def squash(text: str) -> str:
    return " ".join(text.split())


# --- seeds ----------------------------------------------------------------------------


def test_seed_003_keeps_title_and_whole_article() -> None:
    raw = seed_text("003")
    out = squash(clean(raw).text)
    start = raw.index("SHANGHAI, Nov. 18 (Xinhua) --")
    end = raw.index("happiness and security to its residents.") + len(
        "happiness and security to its residents."
    )
    article = squash(raw[start:end])
    assert out.startswith('Shanghai named world\'s "smartest city"')
    assert article in out


@pytest.mark.parametrize(
    "snippet",
    [
        "DD_belatedPNG",
        "Chinese Japanese French",
        "Home Opinions Business",
        "Special Coverage",
        "( Xinhua ) 10:12",
        "People's Daily Online",
        "Please follow People's Daily on Twitter",
        "Web editor",
        "Add your comment",
        "Please enable JavaScript",
        "Related reading",
        "Int'l travel fair",
        "We Recommend",
        "Night market helps boost",
        "Most Read",
        "space-ground integrated",
        "Top 10",
        "Popular on Global Times",
        "Hot News",
        "Key Words",
        "Links:",
        "Chinadaily.com.cn",
        "Join Us",
        "Contact Us",
        "people.cn",
    ],
)
def test_seed_003_loses_menus_lists_widgets_footer(snippet: str) -> None:
    assert snippet not in clean(seed_text("003")).text


def test_seed_003_every_edit_explains_itself() -> None:
    r = clean(seed_text("003"))
    ours = [e for e in r.edits if e.rule.startswith(("boilerplate.", "script."))]
    assert ours
    for e in ours:
        assert e.rule in Boilerplate.rules or e.rule in Script.rules
        assert len(e.reason) > 10
    reasons = " ".join(e.reason for e in ours)
    assert "'Most Read' list" in reasons
    assert "JavaScript call DD_belatedPNG.fix" in reasons


@pytest.mark.parametrize(
    ("seed", "gone", "kept"),
    [
        ("000", ["Leave Your Comments"], ["for its innovative labs"]),
        (
            "001",
            ["WechatIMG814_副本.png", "\n-"],
            ["SZ wins award for smart city service", "(SCEWC) is held in Shanghai"],
        ),
        (
            "004",
            ["• Detail", "Copyright © 2011 JIN SHI"],
            ["Shenzhen is the hottest city to join hands with Hu", "digital economy"],
        ),
    ],
)
def test_seed_furniture(seed: str, gone: list[str], kept: list[str]) -> None:
    out = clean(seed_text(seed)).text
    for g in gone:
        assert g not in out
    for k in kept:
        assert k in out
    assert "\n\n\n" not in out
    assert not out.rstrip().endswith("-")


def test_seed_002_press_release_is_kept() -> None:
    raw = seed_text("002")
    out = clean(raw).text
    assert len(squash(out)) > 0.95 * len(squash(raw))
    assert [e for e in clean(raw).edits if e.rule.startswith("boilerplate.")] == []


# --- negatives: clean text untouched --------------------------------------------------

CLEAN = [
    "The mayor said on Tuesday that the city will build 12 more stations; work starts in May.",
    "Copyright law in the EU changed in 2019, and publishers welcomed the new rules.",
    "Home prices rose 3% in October, the fastest pace since 2018, according to the report.",
    "He shares the view that news sites should follow readers on Twitter and Facebook less.",
    "Most read the report before the vote. Related reading lists were sent to every member.",
    "SHANGHAI, Nov. 18 (Xinhua) -- Shanghai was named the world's smartest city on Wednesday.",
    "Amazon.com (AMZN) rose 2% after the results; Apple (AAPL) fell.",
    "The formula is simple: x = 2y + 3, so x equals 9 when y is 3.",
    "Results (in millions): revenue 120; costs 80; profit 40.",
    "Reporting by Will Dunham; Editing by Tom Brown.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_sentences_untouched(text: str) -> None:
    for f in (Script(), Boilerplate()):
        out, steps = f(Document(text, meta={"language": "en"}))
        assert out.text == text, steps


def test_clean_multi_paragraph_article_untouched() -> None:
    text = (
        "City wins smart city award\n\n"
        "By Jane Doe\n\n"
        "The city won the award on Wednesday, organisers said in a statement. "
        "It is the first time a city from the region has won.\n\n"
        "Officials said the prize recognised work on transport and public services, "
        "which were moved online over the past five years.\n\n"
        "Photos\n\n"
        "The ceremony was held in Barcelona and streamed online for the first time."
    )
    out, _ = Boilerplate()(Document(text, meta={"language": "en"}))
    assert out.text == text


def test_negative_fixtures_untouched() -> None:
    paths = sorted((FIXTURES / "negatives").glob("*.txt"))
    assert paths
    for path in paths:
        for para in path.read_text(encoding="utf-8").split("\n\n"):
            if para.strip():
                doc = Document(para, meta={"language": "en"})
                for f in (Script(), Boilerplate()):
                    assert f(doc)[0].text == para


# --- script remnants --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule", "left"),
    [
        (
            "Title DD_belatedPNG.fix('div, ul, img, li, input , a , td , em,h1 ,h2'); Thursday",
            "script.js",
            "Title Thursday",
        ),
        (
            "Hi. (function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;a=s.createElement(o);"
            "a.src=g;m.parentNode.insertBefore(a,m)})(window,document,'script',"
            "'//www.google-analytics.com/analytics.js','ga'); ga('send', 'pageview'); Bye.",
            "script.tracking",
            "Hi. Bye.",
        ),
        (
            'Before {"@context":"https://schema.org","@type":"NewsArticle","headline":"Big",'
            '"author":{"@type":"Person","name":"X"}} After.',
            "script.json",
            "Before After.",
        ),
        (
            "Text .foo { color: red; margin: 0 auto; } .bar{display:none} more",
            "script.css",
            "Text more",
        ),
        (
            "window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}"
            "\nReal sentence.",
            "script.js",
            "Real sentence.",
        ),
    ],
)
def test_script_remnants(text: str, rule: str, left: str) -> None:
    out, steps = Script()(Document(text))
    assert out.text == left
    assert {e.rule for e in steps[0].edits} == {rule}


def test_script_escaped_string_literal() -> None:
    text = (
        'Prose here. var x = {"body":"He said \\u2019hi\\u2019 to all of them <\\/p>\\n<p>and '
        'then left"}; More prose.'
    )
    assert Script()(Document(text))[0].text == "Prose here. More prose."


# --- settings ---------------------------------------------------------------------------


def test_extra_phrases_option() -> None:
    text = (
        "The council approved the budget on Monday after a long debate, members said.\n\n"
        "Sponsored by Acme Widgets\n\n"
        "The vote was 7 to 2, and the new rules take effect in January next year."
    )
    assert "Acme" in clean(text).text
    out = clean(text, **{"boilerplate.extra_phrases": ["Sponsored by Acme Widgets"]}).text
    assert "Acme" not in out
    assert "The vote was 7 to 2" in out
    assert vocab.lookup("sponsored by acme widgets", ("Sponsored by Acme Widgets",)) is not None


def test_keep_headings_off_drops_the_title() -> None:
    raw = seed_text("003")
    assert 'Shanghai named world\'s "smartest city"' in clean(raw).text
    off = clean(raw, **{"boilerplate.keep_headings": False}).text
    assert not off.startswith("Shanghai named")
    assert "SHANGHAI, Nov. 18 (Xinhua)" in off


def test_aggressiveness_levels() -> None:
    raw = seed_text("003")
    sizes = {
        level: len(Boilerplate(aggressiveness=level)(Document(raw))[0].text)
        for level in ("precision", "balanced", "recall")
    }
    assert sizes["precision"] >= sizes["balanced"] >= sizes["recall"]
    with pytest.raises(ValueError, match="aggressiveness"):
        Boilerplate(aggressiveness="max")


def test_vocabularies_cover_several_languages() -> None:
    for phrase in (
        "Tous droits réservés",
        "Alle Rechte vorbehalten",
        "Lo más leído",
        "Leia também",
    ):
        assert vocab.lookup(phrase) is not None, phrase


# --- benchmark floors (skip without the data) ----------------------------------------------


def _bench() -> object:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import _data

    if _data.data_dir() is None:
        pytest.skip("benchmark data not found")
    return _data


def test_overcleaning_floor() -> None:
    _bench()
    import overclean

    total, bad = overclean.run()
    assert 1 - len(bad) / total >= overclean.FLOOR


def test_block_lines_f1_floor() -> None:
    data = _bench()
    html_text = pytest.importorskip("html_text")
    pages = data.load_pages()  # type: ignore[attr-defined]
    script, boiler = Script(), Boilerplate()
    preds = []
    for p in pages:
        doc = Document(html_text.extract_text(p.html))
        doc = doc.with_meta(language=scrubtext.lang.detect(doc.text))
        preds.append(boiler(script(doc)[0])[0].text)
    assert data.evaluate(pages, preds)["f1"] >= 0.84  # type: ignore[attr-defined]


def test_fixture_seeds_exist() -> None:
    assert Path(FIXTURES / "seeds").is_dir()


def test_reader_comments_after_article_go() -> None:
    article = (
        "The council approved the new budget on Monday after a long debate, members said.\n\n"
        "The vote was 7 to 2, and the new rules take effect in January next year, "
        "officials told reporters after the meeting.\n\n"
        "Critics said the plan does too little for the city's bus network and its riders."
    )
    thread = "\n\n".join(
        f"{name}\n\n{when}\n\n{said}"
        for name, when, said in [
            ("joe", "2 days ago at 07:52 am", "This is a good decision for all of us here."),
            ("ann", "2 days ago at 08:10 am", "I do not agree with the council on this at all."),
            ("bob", "1 day ago at 09:02 am", "We will see how it works out next year, I think."),
        ]
    )
    text = f"Budget approved\n\n{article}\n\n[ 3 comments ]\n\n{thread}"
    out, steps = Boilerplate()(Document(text, meta={"language": "en"}))
    assert article in out.text
    assert "This is a good decision" not in out.text
    assert any(e.rule == "boilerplate.comments" for e in steps[0].edits)


def test_bulleted_list_is_not_a_crumb() -> None:
    text = "Title here\n\n• first\n• second\n• third\n\nA sentence long enough to be prose, as it says."
    assert Boilerplate()(Document(text, meta={"language": "en"}))[0].text == text


def test_repeated_sentences_are_not_title_repeats() -> None:
    text = "Word here. " * 50
    assert Boilerplate()(Document(text, meta={"language": "en"}))[0].text == text


def test_long_capitalised_run_is_handled() -> None:
    text = "Home News Sports " * 2000
    out, steps = Boilerplate()(Document(text, meta={"language": "en"}))
    assert len(out.text) < len(text)
    assert all(e.rule.startswith("boilerplate.") for e in steps[0].edits)


def test_japanese_article_is_kept() -> None:
    para = (
        "Kindle書籍を読む場合は、一般的にスマホやタブレットなどのモバイル端末で読むことが多いと思います。"
        "そんな用途を考慮してか、Kindleにはデスクトップアプリが用意されています。"
    )
    text = f"記事のタイトル\n\nサイトマップ\nプライバシーポリシー\nお問い合わせ\n\n{para}\n\n{para}\n\nAll rights reserved"
    out = Boilerplate()(Document(text, meta={"language": "ja"}))[0].text
    assert out.count(para) == 2


# --- fast paths give the same answers --------------------------------------------------


def test_word_finder_matches_the_word_pattern_on_every_character() -> None:
    from scrubtext.patterns.boilerplate import WORD_TOKEN, WORDS

    for code in range(0x10000):
        c = chr(code)
        probe = f"a{c}b {c}x '{c} 1{c}.2-{c}"
        words = WORD_TOKEN.compiled.findall(probe)
        assert WORDS.findall(probe) == words, hex(code)
        # lower-casing keeps word bounds (the language check tokenises lowered text)
        assert WORDS.findall(probe.lower()) == [w.lower() for w in words], hex(code)
    for probe in ("emoji 😀 here", "𝐀𝐁 math", "a\U00010400b"):  # astral: the regex path
        assert WORDS.findall(probe) == WORD_TOKEN.compiled.findall(probe)
        assert WORDS.finder(probe)(probe, 0, len(probe)) == WORD_TOKEN.compiled.findall(probe)


def test_word_finder_keeps_the_window() -> None:
    from scrubtext.patterns.boilerplate import WORD_TOKEN, WORDS

    text = "Don’t stop—the U.S. team’s 2-1 win, café ΣΟΦΊΑ."
    for pos, end in ((0, len(text)), (3, 20), (10, 11), (5, 5)):
        assert WORDS.findall(text, pos, end) == WORD_TOKEN.compiled.findall(text, pos, end)


#: Pieces of the texts the cue and stamp patterns look for, to build texts that match.
_CUE_PIECES = (
    *" ,.:;-/|()'\"\n",
    *"aZ19»›•·▶►>…—–“。！？©",
    "...",
    "2020",
    "11",
    "9:30",
    "10:12",
    "PM",
    "a.m.",
    "Nov.",
    "November",
    "May",
    "Sep",
    "3 hours ago",
    "an hour ago",
    "at",
    "says:",
    "wrote:",
    "SHANGHAI",
    "NEW YORK",
    "(Xinhua)",
    "(Reuters)",
    "--",
    "Home",
    "News",
    "the",
    "2019-11-20",
    "11/20/2019",
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=14).map("".join))
def test_cue_needles_are_in_every_match(text: str) -> None:
    from scrubtext.patterns.boilerplate import BLOCK_CUES, FURNITURE, STAMP_HINT

    for _kind, cue, needles in BLOCK_CUES:
        for m in cue.compiled.finditer(text):
            assert any(n in m.group() for n in needles), (cue.name, m.group())
    m = FURNITURE.compiled.fullmatch(text)
    if m is not None and m.lastgroup == "stamp":
        assert STAMP_HINT.compiled.search(text), text


def test_cue_needles_hold_on_real_stamps_and_datelines() -> None:
    from scrubtext.patterns.boilerplate import BLOCK_CUES, FURNITURE, STAMP_HINT

    samples = (
        "Posted 10:12, November 19, 2020 by the desk",
        "SHANGHAI, Nov. 18 (Xinhua) -- The city",
        "Home | News | Sport",
        "qua… 2 The next",
        "joe says: November 19, 2019 great",
        "LONDON (Reuters) — Shares fell",
    )
    for text in samples:
        found = [cue.name for _, cue, needles in BLOCK_CUES if cue.compiled.search(text)]
        assert found, text
        for _kind, cue, needles in BLOCK_CUES:
            if cue.compiled.search(text):
                assert any(n in text for n in needles)
    for stamp in ("2020-11-20 13:11", "Reuters November 18, 2019 11:03 PM", "3 hours ago"):
        m = FURNITURE.compiled.fullmatch(stamp)
        assert m is not None and m.lastgroup == "stamp"
        assert STAMP_HINT.compiled.search(stamp)


def test_keyword_hints_in_place_match_the_whole_text_scan() -> None:
    from scrubtext import vocab
    from scrubtext.filters.boilerplate import _Block, _Page, _stopwords
    from scrubtext.patterns.boilerplate import WORDS

    text = (
        "Follow us on Twitter\nİstanbul: 34 responses to this, joe says:\n"
        "Copyright © 2020 (c) All rights reserved. Comments\nThoughts? Reactions and replies"
    )

    def page(fresh: bool) -> _Page:
        return _Page(
            text,
            _stopwords("en"),
            True,
            None,
            "",
            "",
            vocab.index(),
            frozenset(),
            WORDS.finder(text),
            fresh,
        )

    scanned, in_place = page(True), page(False)
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 30) + 1):
            b = _Block(start, end)
            for kind in (0, 1):
                assert scanned.hinted(kind, b) == in_place.hinted(kind, b), (kind, start, end)


ARTICLE = (
    "Recently, the city council approved two new cycle bridges over the river, after a "
    "year of public meetings. Work on the first bridge starts in spring.\n\n"
    "The second bridge will link the station with the old town and should open in 2026."
)


@pytest.mark.parametrize(
    "stamp",
    [" date 2020-11-28 ", "Updated: 2020-11-20 13:11", "Published 2:16 AM EST Nov 20, 2019"],
)
def test_a_bare_stamp_opening_a_clean_article_goes(stamp: str) -> None:
    r = scrubtext.scrub(f"{stamp}\n\n{ARTICLE}")
    assert r.text == ARTICLE
    assert [e.rule for e in r.edits if e.step == "boilerplate"] == ["boilerplate.byline"]


@pytest.mark.parametrize(
    "text",
    [
        "On 2020-11-28 the mayor opened the bridge.\n\n" + ARTICLE,
        ARTICLE.replace("\n\n", "\n\nNov. 18, 2020\n\n"),  # not at the start: needs page evidence
    ],
)
def test_dates_in_text_or_inside_a_clean_article_stay(text: str) -> None:
    assert scrubtext.clean(text) == text


@pytest.mark.parametrize(
    "text",
    ["2020-11-28", " date 2020-11-28 ", "Updated 5 minutes ago", "Updated: 2020-11-20 13:11\n"],
)
def test_a_document_that_is_only_a_stamp_is_kept(text: str) -> None:
    """The opening-stamp rule must not empty a document: the stamp is all there is."""
    assert scrubtext.clean(text).strip() == text.strip()


@pytest.mark.parametrize("date", ["March 3, 2021", "Wednesday, 3 March 2021", "Nov. 18, 2020"])
def test_a_letter_keeps_the_date_it_opens_with(date: str) -> None:
    """A date written out on its own first line is how letters and diaries start: text,
    not page metadata (it still goes on a page with evidence, as a byline)."""
    letter = (
        f"{date}\n\nDear John,\n\nThank you for your letter of last week. I have read it "
        "with care and will answer in full once the council has met.\n\nYours,\nMary"
    )
    assert scrubtext.clean(letter) == letter


def test_an_opening_stamp_stays_when_stamps_recur() -> None:
    """A schedule's first time is a heading like the others, not page metadata."""
    schedule = (
        "09:00\nRegistration and coffee in the main hall for all of the guests.\n"
        "10:00\nKeynote speech by the mayor of the city about the new bridge.\n"
        "11:30\nPanel on transport with three speakers from the region."
    )
    assert scrubtext.clean(schedule) == schedule


def test_a_long_first_line_with_wide_gaps_is_not_searched_for_a_site_name() -> None:
    """The title's site-name pattern is quadratic in a run of spaces; a first block
    too long to be a title must not reach it (this raised PatternTimeout)."""
    text = "a" + " " * 60_000 + "b" + " " * 60_000 + "c"
    assert scrubtext.clean(text) == text


# --- list headings and links inside the article; the footer as the article's end --------

_MENU = "Home\nNews\nWorld\nPolitics\nSport\nBusiness\n\nSkip to content\n\nShare this article"
_PARAS = [
    "The council approved the new budget on Monday after a long debate, members said.",
    "The vote was 7 to 2, and the new rules take effect in January next year, "
    "officials told reporters after the meeting.",
    "Critics said the plan does too little for the city's bus network and its riders, "
    "who have waited years for new routes.",
    "The mayor said the city would review the bus plan again next spring, with a public "
    "hearing in every district.",
]


def _page(middle: str, tail: str = "Privacy Policy\n\nContact Us") -> str:
    body = "\n\n".join([*_PARAS[:2], middle, *_PARAS[2:]])
    return f"Budget approved\n\n{_MENU}\n\nBudget approved\n\n{body}\n\n{tail}"


def _bp(text: str) -> str:
    return Boilerplate()(Document(text, meta={"language": "en"}))[0].text


@pytest.mark.parametrize(
    "heading", ["More from UK", "More in Politics", "Most read in world news", "Related Links"]
)
def test_a_list_heading_opened_by_a_list_phrase_takes_its_headlines(heading: str) -> None:
    teasers = (
        "Prince Andrew: BT and three universities abandon ties with duke\n"
        "EuroMillions: UK ticket holder wins £105m jackpot prize\n"
        "Harry Dunn: Foreign Secretary defends seeking legal costs from family"
    )
    out = _bp(_page(f"{heading}\n\n{teasers}"))
    assert all(p in out for p in _PARAS)
    assert heading not in out and "EuroMillions" not in out


@pytest.mark.parametrize(
    "link",
    [
        "Related: From Big Bang to Present: Snapshots of Our Universe Through Time",
        "Read more: Alibaba poised to launch record-breaking Hong Kong listing",
        "See also: The 15 weirdest galaxies in our universe",
    ],
)
def test_a_link_to_another_article_goes_and_the_article_stays(link: str) -> None:
    out = _bp(_page(link))
    assert all(p in out for p in _PARAS)
    assert link not in out


@pytest.mark.parametrize(
    "line",
    [
        "Related: From Big Bang to Present: Snapshots of Our Universe Through Time",
        "More from the mayor's office",
        "Read more: the council's minutes",
        "Latest developments in the budget talks",
        "We recommend at 100%”",
    ],
)
def test_list_phrases_in_a_clean_article_stay(line: str) -> None:
    text = "\n\n".join([*_PARAS[:2], line, *_PARAS[2:]])
    assert _bp(text) == text


def test_teasers_under_a_dated_copyright_footer_do_not_join_the_article() -> None:
    teasers = "\n\n".join(
        f"Teaser headline number {i} about another story\n\n"
        f"Officials in town {i} said on Tuesday that the plan for the new bridge would "
        f"take several more years to finish and cost far more than first thought\n\n{i}H ago"
        for i in range(1, 15)
    )
    more = (
        "Several members asked for an audit of the transport budget before any money is spent.\n\n"
        "The finance officer said an audit would take three months and cost the city very little.\n\n"
        "Residents who spoke at the meeting were split, though most of them backed the new plan.\n\n"
        "The next council meeting, on the housing plan, will be held in the town hall in March."
    )
    footer = f"© 2019 Example News Inc.\n\nAll Rights Reserved\n\n{teasers}"
    out = _bp(_page(more, footer))
    assert all(p in out for p in _PARAS)
    assert more in out
    assert "Teaser headline" not in out and "Officials in town" not in out


def test_a_short_disclaimer_above_a_footer_does_not_win_over_the_article_below() -> None:
    disclaimer = (
        "Quotes delayed at least 15 minutes.\n\nMarket data provided by Interactive Data.\n\n"
        "Earnings estimates data provided by Zacks."
    )
    footer = "© 2019 Example News Inc.\n\nAll Rights Reserved\n\nPrivacy Policy"
    text = f"Budget approved\n\n{_MENU}\n\n{disclaimer}\n\n{footer}\n\n" + "\n\n".join(_PARAS)
    out = _bp(text)
    assert all(p in out for p in _PARAS)


def test_headlines_in_a_row_after_the_article_go() -> None:
    teasers = (
        "Dave Matthews Band takes over Rock Hall of Fame voting lead\n\n"
        "Who will make the Rock Hall in 2020 and who will not\n\n"
        "Cleveland's best new restaurants of the year, ranked by readers"
    )
    out = _bp(_page("", f"{teasers}\n\nPrivacy Policy\n\nContact Us"))
    assert all(p in out for p in _PARAS)
    assert "Dave Matthews" not in out and "Cleveland's best" not in out


_ITEMS = (
    "New bus routes for the north of the city and its suburbs\n\n"
    "A fare freeze for students and pensioners until next year\n\n"
    "More buses at night on the busiest routes in the centre"
)


@pytest.mark.parametrize("intro", ["The plan has three parts:", "If you are …"])
def test_a_list_that_a_line_introduces_stays(intro: str) -> None:
    out = _bp(_page("", f"{intro}\n\n{_ITEMS}\n\nPrivacy Policy\n\nContact Us"))
    assert all(p in out for p in _PARAS)
    assert _ITEMS in out


def test_a_list_with_article_text_after_it_stays() -> None:
    out = _bp(_page(_ITEMS))
    assert all(p in out for p in _PARAS)
    assert _ITEMS in out


def test_a_second_copy_of_the_article_goes() -> None:
    copy = "\n\n".join(_PARAS[:2])
    out, steps = Boilerplate()(
        Document(_page("", f"Share this article\n\n{copy}"), meta={"language": "en"})
    )
    assert all(out.text.count(p) == 1 for p in _PARAS)
    assert any(e.rule == "boilerplate.repeat" for e in steps[0].edits)


def test_repeated_questions_and_clean_repeats_stay() -> None:
    question = "What kind of food do you like to cook at home, and why do you like it?"
    answers = [f"{p}\n\n{question}" for p in _PARAS]
    page = _page("\n\n".join(answers))
    assert _bp(page).count(question) == len(_PARAS)
    clean_text = "\n\n".join([*_PARAS, _PARAS[0]])
    assert _bp(clean_text) == clean_text  # no page evidence: nothing goes


def test_teaser_cards_after_the_article_go() -> None:
    cards = "\n\n".join(
        f"Headline number {i} about a story somewhere else in town\n\n"
        f"The summary of story {i} is one sentence long, as teasers are.\n\n{i}H ago"
        for i in range(1, 5)
    )
    out = _bp(_page("", f"{cards}\n\nPrivacy Policy\n\nContact Us"))
    assert all(p in out for p in _PARAS)
    assert "Headline number" not in out and "The summary of story" not in out and "H ago" not in out


def test_questions_and_answers_in_an_article_stay() -> None:
    qa = "\n\n".join(
        f"Q: Favourite {thing} in the city?\n\nA: The old harbour and the {place}"
        for thing, place in [
            ("place", "market hall"),
            ("walk", "river path"),
            ("view", "castle hill"),
            ("meal", "fish soup"),
        ]
    )
    out = _bp(_page("", f"{qa}\n\nPrivacy Policy\n\nContact Us"))
    assert qa in out


def test_a_line_before_the_article_that_shares_no_word_with_a_long_title_goes() -> None:
    title = "Council approves the new city budget after a long debate"
    page = (
        _page("")
        .replace("Budget approved", title, 1)
        .replace(f"\n\nBudget approved\n\n{_PARAS[0]}", f"\n\nWhy you can trust us\n\n{_PARAS[0]}")
    )
    out = _bp(page)
    assert "Why you can trust us" not in out
    assert out.startswith(title) and all(p in out for p in _PARAS)


def test_the_place_of_a_dateline_stays_before_the_agency_credit() -> None:
    title = "Cat found in New Mexico after going missing in Oregon"
    lead = (
        "SANTA FE, N.M. (AP) — A cat who has been missing for five years in Portland, Oregon, "
        "has been found in Santa Fe, New Mexico, and will fly home this week, the shelter said."
    )
    page = _page("").replace("Budget approved", title, 1)
    page = page.replace("\n\nBudget approved\n\n", f"\n\n{lead}\n\n")
    assert lead in _bp(page)


def test_numbered_items_under_a_section_heading_stay() -> None:
    recipe = (
        "Ingredients\n\n8-9 ripe pears, cored and peeled\n\n1 lemon, or about 1/4 cup lemon juice\n\n"
        "6 tbsp fruit pectin powder and a pinch of salt\n\n1 jar of honey, or 1 1/2 cups of sugar"
    )
    serve = "Boil the fruit with the sugar for ten minutes, then fill the jars and close them."
    out = _bp(_page("", f"{recipe}\n\n{serve}\n\nPrivacy Policy\n\nContact Us"))
    assert recipe in out and serve in out


def test_a_heading_of_menu_words_is_left_to_the_menu_rule() -> None:
    text = "\n\n".join([*_PARAS[:2], "Trending News", *_PARAS[2:]])
    out = _bp(text)  # no page evidence: the menu line goes, the paragraph after it stays
    assert "Trending News" not in out and all(p in out for p in _PARAS)


@pytest.mark.parametrize(
    "credit",
    [
        "Doug Mills/The New York Times",
        "(AP Photo/Alan Diaz, File)",
        "Image credit: NASA/JPL",
        "Protesters marched through the city centre on Sunday (Image: GETTY)",
        "Alex Wong | Getty Images",
    ],
)
def test_photo_credits_go_on_a_page(credit: str) -> None:
    out = _bp(_page(credit))
    assert credit not in out and all(p in out for p in _PARAS)


@pytest.mark.parametrize(
    "line",
    ["(Image credit: All About Space)", "Photo by photo, the archive was rebuilt over ten years."],
)
def test_photo_credits_in_a_clean_article_stay(line: str) -> None:
    text = "\n\n".join([*_PARAS[:2], line, *_PARAS[2:]])
    assert _bp(text) == text


def test_a_separator_among_menu_lines_still_goes_but_a_scene_break_stays() -> None:
    page = (
        "Home\n|\nNews\n|\nSport\n\nThe mayor said the bridge opens in May. It cost two "
        "million.\n\n* * *\n\nWork on the second bridge starts in June, the council said."
        "\n\n* * *\n\nMore from the region\n"
    )
    out = scrubtext.clean(page)
    assert "|" not in out and "Sport" not in out
    assert "million.\n\n* * *\n\nWork on" in out  # between two sentences: the text's break
    assert out.count("* * *") == 1  # the one before a list heading goes
