"""The machine-translation filters: ``mt`` (repairs) and ``mt_flags`` (flags only)."""

from __future__ import annotations

from pathlib import Path

import pytest

import scrubtext
from scrubtext import Document
from scrubtext.errors import ConfigError
from scrubtext.filters.mt import MtFlags, MtRepair
from scrubtext.registry import REGISTRY, build_filter
from scrubtext.testing import check_filter

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
NEGATIVES = ROOT / "fixtures" / "negatives" / "mt_paragraphs.txt"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def repair(text: str, **kw: object) -> str:
    out, _ = MtRepair(**kw)(Document(text))  # type: ignore[arg-type]
    return out.text


def rules_of(text: str, **kw: object) -> list[str]:
    _, steps = MtRepair(**kw)(Document(text))  # type: ignore[arg-type]
    return [e.rule for s in steps for e in s.edits]


def flags_of(text: str) -> list[tuple[str, str]]:
    return [(f.rule, text[f.start : f.end]) for f in MtFlags().flag(Document(text))]


def negative_paragraphs() -> list[str]:
    raw = NEGATIVES.read_text(encoding="utf-8")
    return [p.strip() for p in raw.split("\n\n") if p.strip() and not p.startswith("#")]


# --- seeds (whole default pipeline) ------------------------------------------------


def test_seed_004_repairs() -> None:
    out = scrubtext.clean(seed("004"))
    assert "5g" not in out
    assert "46000 5G base stations" in out
    assert "Chen Rugui said that Shenzhen is an international" in out
    assert "Chen Rugui, mayor of Shenzhen, delivered a speech." in out
    assert "chenrugui" not in out
    assert "R & D" in out


def test_seed_004_flags() -> None:
    r = scrubtext.scrub(seed("004"))
    found = {(f.rule, r.text[f.start : f.end]) for f in r.flags}
    assert (
        "mt_flags.repeated_phrase",
        "industrial interconnection and industrial interconnection",
    ) in found
    assert ("mt_flags.fused_sentence", ", Make") in found
    assert ("mt_flags.truncated", "Hu") in found


@pytest.mark.parametrize(
    ("prefix", "snippet", "absent"),
    [
        ("002", "Liu Yu’nan", "Yu‘nan"),
        ("000", "innovative labs.", "labs.."),
        ("001", "(SCEWC) is held", "(SCEWC)  is"),
        ("003", "(Xinhua)", "( Xinhua )"),
    ],
)
def test_seed_snippets(prefix: str, snippet: str, absent: str) -> None:
    out = scrubtext.clean(seed(prefix))
    assert snippet in out
    assert absent not in out


def test_raw_seed_flags() -> None:
    assert ("mt_flags.cjk_residue", "副本") in flags_of(seed("001"))
    cut = [s for r, s in flags_of(seed("003")) if r == "mt_flags.truncated"]
    assert "qua…" in cut


# --- repairs, one rule at a time ------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Liu Yu‘nan spoke.", "Liu Yu’nan spoke."),
        ("It‘s Shenzhen's day and Xi‘an's too.", "It's Shenzhen's day and Xi'an's too."),
        ("don`t stop", "don’t stop"),
        ("Smart city，digital life。 Next", "Smart city, digital life. Next"),
        ("Shenzhen（SZ）won", "Shenzhen (SZ) won"),
        ("at 10：30 today", "at 10:30 today"),
        ("Shenzhen , China ; yes !", "Shenzhen, China; yes!"),
        ("the city ,the people", "the city, the people"),
        ("the end .", "the end."),
        ("in the the city of of Shenzhen", "in the city of Shenzhen"),
        ("The the city grew.", "The city grew."),
        ("and the the the park", "and the park"),
        ("46000 5g base stations", "46000 5G base stations"),
        ("entering the 5g era", "entering the 5G era"),
        (
            "5G is here; 5g coverage and 5g independent groups",
            "5G is here; 5G coverage and 5G independent groups",
        ),
        ("Chen Rugui spoke. chenrugui said so.", "Chen Rugui spoke. Chen Rugui said so."),
        ("GDP rose. gdp fell.", "GDP rose. GDP fell."),
    ],
)
def test_repairs(before: str, after: str) -> None:
    assert repair(before) == after


@pytest.mark.parametrize(
    "text",
    [
        "Residents of Hawai‘i County and O‘ahu were told.",
        "the‘smart city’ idea",
        "城市，智慧。",
        "Shenzhen，深圳",
        "in 2019，2020",
        "R & D spending",
        "a spaced . . . ellipsis",
        "won 3 : 1 at home",
        "version .NET and .45 caliber",
        "for (i = 0 ; i < n ; i++) { x , y }",
        "He had had enough, and that that was it.",
        "She gave her her book; logged in in seconds.",
        "Li Li and Wang Yi met.",
        "The band The The played.",
        "Add 5g of sugar; it contains 3g fibre.",
        "A 5G network, but 5g of salt.",
        "The US and IT teams met.",
        "chenrugui said so.",
        "Chen Rugui and chenrugui.com and chenruguix",
        "gdp rose.",
        "More and more, again and again.",
        "",
    ],
)
def test_no_repair(text: str) -> None:
    assert repair(text) == text


def test_apostrophe_follows_document_style() -> None:
    assert repair("Shenzhen's and Yu‘nan") == "Shenzhen's and Yu'nan"
    assert repair("Shenzhen’s and Yu‘nan") == "Shenzhen’s and Yu’nan"


def test_fused_name_needs_unambiguous_evidence() -> None:
    text = "Lin Anxiu and Li Nanxiu met; linanxiu spoke."
    assert repair(text) == text


def test_acronym_option_extends_list() -> None:
    text = "The WTO met. the wto agreed."
    assert repair(text) == text
    assert repair(text, acronyms=("WTO",)) == "The WTO met. the WTO agreed."


def test_only_english_by_default() -> None:
    doc = Document("the the city", meta={"language": "fr"})
    assert MtRepair()(doc)[0].text == "the the city"
    assert MtRepair(languages=())(doc)[0].text == "the city"


# --- switching rules off ------------------------------------------------------------------

MIXED = (
    "Liu Yu‘nan met Chen Rugui . chenrugui said the the 5g network，in Shenzhen grew "
    "and the GDP rose, gdp said"
)


@pytest.mark.parametrize("rule", sorted(r for r in MtRepair.rules if r != "mt.final_stop"))
def test_each_rule_switches_off_alone(rule: str) -> None:
    on = set(rules_of(MIXED, glossary_entries=("Shenzhen grew\tShenzhen expanded",)))
    assert rule in on
    off = set(
        rules_of(
            MIXED,
            glossary_entries=("Shenzhen grew\tShenzhen expanded",),
            disabled_rules=(rule,),
        )
    )
    assert rule not in off
    assert off == on - {rule}


def test_disable_rules_through_the_api() -> None:
    out = scrubtext.clean("the the 5g network", disable_rules=["mt.doubled_word"])
    assert out == "the the 5G network"


def test_flags_switch_off_alone() -> None:
    text = "It grew, Make every effort for interconnection and interconnection"
    f = MtFlags(disabled_rules=("mt_flags.fused_sentence",))
    assert [x.rule for x in f.flag(Document(text))] == ["mt_flags.repeated_phrase"]


# --- opt-in full stop ---------------------------------------------------------------------

PROSE = (
    "The council met on Tuesday to discuss the budget. Members agreed to raise "
    "spending on schools and parks in the next financial year"
)


def test_final_stop_is_off_by_default() -> None:
    assert repair(PROSE) == PROSE


def test_final_stop_opt_in() -> None:
    assert repair(PROSE, final_stop=True) == PROSE + "."
    assert repair(PROSE + "\n\nNext para.", final_stop=True).startswith(PROSE + ".\n\n")


@pytest.mark.parametrize(
    "text",
    [
        "Members agreed to raise spending on schools and parks in the next financial year",
        "- The council met on Tuesday. Members agreed to raise spending on schools and parks",
        "Photo: The council met on Tuesday. Members agreed to raise spending on schools and parks",
        "The Council Met. Members Agreed To Raise Spending On Schools And Parks In Town Today",
    ],
)
def test_final_stop_guards(text: str) -> None:
    assert repair(text, final_stop=True) == text


# --- glossary -----------------------------------------------------------------------------


def test_glossary_entries_and_file(tmp_path: Path) -> None:
    tsv = tmp_path / "g.tsv"
    tsv.write_text("# wrong\tright\nface washing boarding\tface-scan boarding\n", encoding="utf-8")
    text = "It realised face washing boarding. Face washing boarding is fast."
    want = "It realised face-scan boarding. Face-scan boarding is fast."
    assert repair(text, glossary=str(tsv)) == want
    assert repair(text, glossary_entries=("face washing boarding => face-scan boarding",)) == want
    assert rules_of(text, glossary=str(tsv)) == ["mt.glossary", "mt.glossary"]


def test_glossary_whole_words_only() -> None:
    assert repair("the cats", glossary_entries=(("cat", "dog"),)) == "the cats"


@pytest.mark.parametrize(
    "entries",
    [("no separator here",), ("a\t",), (("cat", "cat food"),)],
)
def test_glossary_rejects_bad_entries(entries: tuple[object, ...]) -> None:
    with pytest.raises(ConfigError):
        MtRepair(glossary_entries=entries)  # type: ignore[arg-type]


def test_glossary_missing_file() -> None:
    with pytest.raises(ConfigError, match="cannot read glossary"):
        MtRepair(glossary="/nonexistent/glossary.tsv")


def test_glossary_through_config() -> None:
    out = scrubtext.clean("face washing boarding", glossary_entries=["face washing\tface-scan"])
    assert out == "face-scan boarding"


# --- flags --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule", "span"),
    [
        (
            "develop industrial interconnection and industrial interconnection, and",
            "mt_flags.repeated_phrase",
            "industrial interconnection and industrial interconnection",
        ),
        ("digital economy, Make every effort", "mt_flags.fused_sentence", ", Make"),
        (
            "the development of the development of the development of it",
            "mt_flags.oscillation",
            "the development of the development of the development of",
        ),
        ("a network network was built", "mt_flags.repeated_word", "network network"),
        ("WechatIMG814_副本.png", "mt_flags.cjk_residue", "副本"),
        ("integrated qua… 2 The US", "mt_flags.truncated", "qua…"),
        (
            "The city met. wangxiaoming said it was good.",
            "mt_flags.unverified_name",
            "wangxiaoming",
        ),
    ],
)
def test_flags(text: str, rule: str, span: str) -> None:
    assert (rule, span) in flags_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "more and more and again and again, bigger and bigger",
        "Johnson and Johnson",
        "He had had enough; bye bye; Li Li",
        "He said, I think so.",
        "In Tokyo, Japan, May 5.",
        "The manager said it was fine.",
        "Interview with the Minister\n\nThe minister spoke.",
        "城市，智慧。",
    ],
)
def test_no_flags(text: str) -> None:
    assert flags_of(text) == []


def test_flags_never_edit() -> None:
    text = seed("004")
    out, steps = MtFlags()(Document(text))
    assert out.text == text
    assert all(not s.edits for s in steps)


# --- negatives: clean text comes through untouched ------------------------------------------


def test_negative_fixture_is_large_enough() -> None:
    paras = negative_paragraphs()
    assert len(paras) >= 50
    joined = "\n".join(paras)
    for must in ("Li Li", "had had", "that that", "5g of sugar", "US", "IT"):
        assert must in joined


def test_negatives_untouched_by_mt() -> None:
    for f in (MtRepair(), MtRepair(final_stop=True)):
        for p in negative_paragraphs():
            _, steps = f(Document(p))
            assert [e for s in steps for e in s.edits] == [], p
    whole = "\n\n".join(negative_paragraphs())
    assert MtRepair(final_stop=True)(Document(whole))[0].text == whole
    assert MtFlags().flag(Document(whole)) == []


FOUNDATION = ("controls", "entities", "unicode", "whitespace", "punctuation", "language", "tidy")


def test_negatives_untouched_by_foundation_and_mt() -> None:
    names = [n for n in REGISTRY if n in FOUNDATION or n.startswith("mt")]
    pipeline = scrubtext.Pipeline([build_filter(n) for n in names])
    whole = "\n\n".join(negative_paragraphs())
    result = pipeline.run(whole)
    assert result.text == whole
    assert [e.rule for e in result.edits] == []


# --- contract --------------------------------------------------------------------------------


def test_registered_in_order() -> None:
    names = list(REGISTRY)
    assert names.index("punctuation") < names.index("mt") < names.index("mt_flags")
    assert names.index("mt_flags") < names.index("tidy")


@pytest.mark.parametrize(
    "f",
    [
        MtRepair(final_stop=True, glossary_entries=("the city\tthe town",), acronyms=("WTO",)),
        MtFlags(),
    ],
    ids=["mt-options", "mt_flags"],
)
def test_conformance_with_options(f: scrubtext.TextFilter) -> None:
    check_filter(f, max_examples=80)


def test_repair_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _data import data_dir

    if data_dir() is None:
        pytest.skip("article-extraction benchmark data not found")
    import repair

    assert repair.main(["--limit", "6", "--per-article", "1"]) == 0
    out = capsys.readouterr().out
    assert "mt.doubled_word" in out
    assert "edits per 1,000 words" in out


@pytest.mark.parametrize(
    "text",
    [
        "Yu：the the a\t the the",
        "gdp） and GDP",
        "sugar ）， Yu",
        ", the theAqua ,the the",
        "The the the network",
        "The the \t the the x",
        "Chen。 \nchenrugui 城市 x Chen Rugui",
        "‘a  ,  , andsugar 2quaYu  ,\t, ‘",
        "A report.. The council met. Members agreed to raise spending on schools and parks next year",
    ],
)
def test_second_run_changes_nothing(text: str) -> None:
    f = MtRepair(final_stop=True)
    out, _ = f(Document(text))
    again, steps = f(out)
    assert again.text == out.text
    assert not any(s.edits for s in steps)


def test_edits_land_on_the_right_copy() -> None:
    text = "the cat and the\n\n\n\nthe the dog and the the end"
    assert repair(text) == "the cat and the\n\n\n\nthe dog and the end"
    text = "x , y\n\n\n\n, z , w"
    assert repair(text) == "x, y\n\n\n\n, z, w"


def test_long_texts_are_processed_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    import scrubtext.filters.mt as mt_module
    from scrubtext.testing import check_output

    para = "In the the city , the 5g network grew。 Next, Make every effort ok\n\n"
    text = "Chen Rugui spoke.\n\n" + para * 40 + "A line with no break " * 30
    whole_out, _ = MtRepair()(Document(text))
    whole_flags = MtFlags().flag(Document(whole_out.text))
    monkeypatch.setattr(mt_module, "CHUNK_CHARS", 300)
    assert len(mt_module._chunk_spans(text)) > 10
    out, _ = MtRepair()(Document(text))
    assert out.text == whole_out.text
    assert MtFlags().flag(Document(out.text)) == whole_flags
    check_output(MtRepair(), text)
    check_output(MtFlags(), text)
