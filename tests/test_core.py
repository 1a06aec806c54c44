"""The core model: edits, span maps, pipeline, result offsets, config, registry."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scrubtext
from scrubtext import Config, ConfigError, Document, Edit, EditError, Pipeline, UnknownFilterError
from scrubtext.registry import REGISTRY, build_filter
from scrubtext.spans import OffsetMap, apply_edits, map_back, step_maps

from .conftest import seed_text


def E(s: int, e: int, r: str = "") -> Edit:
    return Edit(s, e, r, "test.rule", "test reason")


# --- apply_edits ----------------------------------------------------------------


def test_apply_edits_replaces_deletes_and_inserts() -> None:
    assert apply_edits("abcdef", [E(0, 1, "X"), E(2, 4), E(6, 6, "!")]) == "Xbef!"


@pytest.mark.parametrize(
    "edits",
    [
        [E(2, 4), E(3, 5)],  # overlap
        [E(3, 4), E(0, 1)],  # unsorted
        [E(0, 9)],  # out of bounds
        [E(0, 1, "a")],  # no-op on "abc"
    ],
)
def test_apply_edits_rejects_bad_edits(edits: list[Edit]) -> None:
    with pytest.raises(EditError):
        apply_edits("abcdef"[:3] if edits[0].end == 9 else "abcdef", edits)


def test_edit_rejects_negative_span() -> None:
    with pytest.raises(ValueError):
        Edit(3, 2, "", "r", "x")


# --- offset maps ------------------------------------------------------------------


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    text = draw(st.text("ab \n", max_size=30))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits: list[Edit] = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if edits and a < edits[-1].end:
            continue
        rep = draw(st.text("XY", max_size=3))
        if text[a:b] != rep and not (edits and a == edits[-1].end == edits[-1].start == b):
            edits.append(E(a, b, rep))
    return text, edits


@given(text_and_edits())
@settings(max_examples=300, deadline=None)
def test_offset_map_round_trips_untouched_text(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    out = apply_edits(text, edits)
    m = OffsetMap(edits)
    # every untouched input character keeps its identity through forward and back
    touched = set()
    for e in edits:
        touched.update(range(e.start, e.end))
    for i, ch in enumerate(text):
        if i in touched:
            continue
        j = m.forward(i)
        assert out[j] == ch
        assert m.back(j) == i


@given(text_and_edits())
@settings(max_examples=300, deadline=None)
def test_mapped_edit_spans_cover_what_they_replaced(case: tuple[str, list[Edit]]) -> None:
    _, edits = case
    m = OffsetMap(edits)
    delta = 0
    for e in edits:
        out_start = e.start + delta
        out_end = out_start + len(e.replacement)
        if e.replacement:  # a deletion leaves no output span to map
            assert m.back(out_start) == e.start
            assert m.back(out_end, end=True) == e.end
        delta += len(e.replacement) - (e.end - e.start)


def test_map_back_composes_over_steps() -> None:
    original = "xx  a&amp;b"
    r = scrubtext.scrub(original, filters=["entities", "whitespace"])
    ent = next(e for e in r.edits if e.rule == "entities.decode")
    assert original[ent.start : ent.end] == "&amp;"
    maps = step_maps(r.steps)
    assert map_back(maps, 0, 1, 2) == (1, 2)


# --- result records ---------------------------------------------------------------


def test_seed_001_nbsp_edit_points_into_the_original() -> None:
    text = seed_text("001")
    r = scrubtext.scrub(text)
    nbsp = [e for e in r.edits if e.rule == "whitespace.nbsp"]
    assert len(nbsp) == 1
    e = nbsp[0]
    assert text[e.start : e.end] == "\u00a0 "
    assert text[e.start - 7 : e.start] == "(SCEWC)"
    assert e.before == "\u00a0 " and e.after == " "
    assert "(SCEWC) is held" in r.text


def test_every_edit_before_text_is_in_the_original_for_first_step_rules() -> None:
    text = "A\u00a0 b &amp; c..\n\n\n\nd  \n"
    r = scrubtext.scrub(text)
    for e in r.edits:
        assert text[e.start : e.end] == e.before, e
    assert r.text == "A b & c.\n\nd\n"


class Flagger(scrubtext.TextFilter):
    """Flags the first "bad" (a test filter for flag mapping and drop)."""

    name = "flagger"
    rules: ClassVar[dict[str, str]] = {"flagger.word": "flags the word 'bad'"}

    def flag(self, doc: Document) -> list[scrubtext.Flag]:
        i = doc.text.find("bad")
        return [scrubtext.Flag(i, i + 3, "flagger.word", "it is bad", 0.9)] if i >= 0 else []


def test_flags_are_mapped_to_output_offsets() -> None:
    from scrubtext.filters.entities import Entities
    from scrubtext.filters.whitespace import Whitespace

    p = Pipeline([Flagger(), Entities(), Whitespace()])
    r = p.run("&amp;&amp;  bad  \n")
    (f,) = r.flags
    assert r.text[f.start : f.end] == "bad"
    assert r.original[f.source_start : f.source_end] == "bad"


def test_drop_turns_flags_into_deletions_with_the_flag_reason() -> None:
    r = Pipeline([Flagger(drop_rules=("flagger",))]).run("good bad good")
    assert r.text == "good good"
    (e,) = r.edits
    assert e.rule == "flagger.word.dropped" and "it is bad" in e.reason
    assert r.removed() == [("bad ", "flagger.word.dropped", e.reason)]


def test_drop_two_flags_on_the_same_span() -> None:
    class Twice(scrubtext.TextFilter):
        name = "twice"
        rules: ClassVar[dict[str, str]] = {"twice.a": "a", "twice.b": "b"}

        def flag(self, doc: Document) -> list[scrubtext.Flag]:
            return [scrubtext.Flag(5, 8, r, r) for r in ("twice.b", "twice.a")]

    r = Pipeline([Twice(drop_rules=("twice",))]).run("good bad good")
    assert r.text == "good good"
    assert [e.rule for e in r.edits] == ["twice.b.dropped"]


def test_result_to_dict_is_json_ready() -> None:
    import json

    r = scrubtext.scrub("a &amp; b")
    d = json.loads(json.dumps(r.to_dict()))
    assert d["text"] == "a & b" and d["edits"][0]["before"] == "&amp;"


# --- pipeline ---------------------------------------------------------------------


def test_pipeline_nests_and_slices() -> None:
    p = scrubtext.default_pipeline()
    assert isinstance(p[1:3], Pipeline) and len(p[1:3]) == 2
    inner = Pipeline([build_filter("entities")], name="inner")
    outer = Pipeline([inner, build_filter("whitespace")])
    assert outer.run("a &amp;  b").text == "a & b"
    assert p["entities"].name == "entities"
    with pytest.raises(KeyError):
        p["nope"]


def test_pipeline_rejects_duplicate_names() -> None:
    with pytest.raises(ValueError, match="two filters named"):
        Pipeline([build_filter("entities"), build_filter("entities")])


def test_filter_errors_name_the_filter_and_document() -> None:
    class Boom(scrubtext.TextFilter):
        name = "boom"

        def propose(self, doc: Document) -> list[Edit]:
            raise RuntimeError("kaput")

    with pytest.raises(
        scrubtext.FilterError, match=r"filter 'boom' failed on document 'd7'.*kaput"
    ):
        Pipeline([Boom()])(Document("x", id="d7"))


def test_pipeline_and_filters_pickle() -> None:
    p = scrubtext.default_pipeline()
    q = pickle.loads(pickle.dumps(p))
    assert q == p
    assert q.run("a &amp; b").text == "a & b"


# --- config -----------------------------------------------------------------------


def test_config_resolves_plain_dotted_and_double_underscore_keys() -> None:
    a = Config.from_options(uncurl_quotes=True)
    assert a.params_for("unicode") == {"uncurl_quotes": True}
    b = Config.from_options(**{"whitespace.collapse_spaces": False})
    c = Config.from_options(whitespace__collapse_spaces=False)
    assert b.params_for("whitespace") == c.params_for("whitespace") == {"collapse_spaces": False}
    assert hash(b) == hash(c)
    # both whitespace and tidy take collapse_spaces, so the bare name is ambiguous
    with pytest.raises(ConfigError, match="ambiguous"):
        Config.from_options(collapse_spaces=False)


def test_config_rejects_unknown_and_mistyped_options() -> None:
    with pytest.raises(ConfigError, match="unknown option 'nonsense'"):
        Config.from_options(nonsense=1)
    with pytest.raises(ConfigError, match="has no option 'nope'"):
        Config.from_options(**{"whitespace.nope": 1})
    with pytest.raises(ConfigError, match="takes a bool"):
        Config.from_options(**{"whitespace.collapse_spaces": "yes"})
    with pytest.raises(UnknownFilterError):
        scrubtext.default_pipeline(skip=["nope"])


def test_config_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        'skip = ["entities"]\n'
        "[whitespace]\ncollapse_spaces = false\n"
        "[tidy]\ncollapse_spaces = false\n",
        encoding="utf-8",
    )
    cfg = Config.from_toml(path)
    assert cfg.skip == ("entities",)
    assert scrubtext.clean("a  &amp; b", config=cfg) == "a  &amp; b"
    bad = tmp_path / "bad.toml"
    bad.write_text("skip = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        Config.from_toml(bad)


def test_config_is_immutable() -> None:
    cfg = Config()
    with pytest.raises(AttributeError):
        cfg.skip = ("x",)  # type: ignore[misc]


def test_disable_rules_switches_one_rule_off() -> None:
    text = "( Xinhua ) said\u00a0 yes"
    assert scrubtext.clean(text) == "(Xinhua) said yes"
    kept = scrubtext.clean(text, disable_rules=["whitespace.bracket_space", "tidy.bracket_space"])
    assert kept == "( Xinhua ) said yes"


@pytest.mark.parametrize("key", ["mt.disabled_rules", "boilerplate.extra_phrases"])
def test_list_option_with_non_string_items_is_a_config_error(key: str) -> None:
    with pytest.raises(ConfigError, match="list of strings"):
        Config.from_options(**{key: [1]})
    assert Config.from_options(**{key: ["x"]}).params


@pytest.mark.parametrize("option", ["disable_rules", "drop"])
def test_misspelt_rule_selector_is_a_config_error(option: str) -> None:
    with pytest.raises(ConfigError, match="cohrence"):
        scrubtext.clean("x", **{option: ["cohrence"]})
    with pytest.raises(ConfigError, match="acronym_case"):
        scrubtext.clean("x", **{option: ["mt.acronym_case"]})
    # filter names, rule ids and rule prefixes are all accepted (drop: of rules that flag)
    accepted = ["coherence", "mt.acronym", "language"]
    if option == "drop":
        accepted = ["coherence", "coherence.topic", "mt_flags"]
    assert scrubtext.clean("x", **{option: accepted}) == "x"


def test_registry_rows_document_their_rules() -> None:
    for spec in REGISTRY.values():
        assert spec.cls.name == spec.name
        assert spec.summary


# --- api ----------------------------------------------------------------------------


def test_clean_leaves_clean_text_alone() -> None:
    assert scrubtext.clean("Hello world.") == "Hello world."


def test_clean_repairs_mojibake_and_entities() -> None:
    assert scrubtext.clean("CafÃ© &amp; bar\n") == "Café & bar\n"


def test_html_detection_and_forcing() -> None:
    page = "<html><head><title>T</title></head><body><p>Hello there.</p></body></html>"
    assert "<p>" not in scrubtext.clean(page)
    assert "<p>" in scrubtext.clean(page, html=False)


def test_language_is_exposed() -> None:
    r = scrubtext.scrub(seed_text("002"))
    assert r.language == "en"
    assert scrubtext.scrub("x", language="fr").language == "fr"


def test_scrub_rejects_bytes() -> None:
    with pytest.raises(TypeError, match="decode bytes first"):
        scrubtext.scrub(b"abc")  # type: ignore[arg-type]


def test_mt_settle_follows_mt_options_and_switches() -> None:
    names = scrubtext.default_pipeline().names
    assert names.index("mt") < names.index("boilerplate") < names.index("mt_settle")
    assert "mt_settle" not in scrubtext.default_pipeline(skip=["mt"]).names
    assert "mt_settle" in scrubtext.default_pipeline(filters=["mt"]).names
    p = scrubtext.default_pipeline(**{"mt.acronyms": ["ICT"]})
    assert p["mt_settle"].acronyms == p["mt"].acronyms == ("ICT",)  # type: ignore[attr-defined]
    with pytest.raises(ConfigError, match="takes the options of 'mt'"):
        Config.from_options(**{"mt_settle.acronyms": ["ICT"]})


def test_deletion_seams_are_repaired_in_the_same_run() -> None:
    # the script call sits between two halves of a doubled word
    once = scrubtext.clean("The 0.A('') the")
    assert scrubtext.clean(once) == once


def test_explain_marks_repairs_made_inside_text_removed_later() -> None:
    from scrubtext.explain import explain_lines

    lines = explain_lines(scrubtext.scrub(seed_text("003")), "003.txt")
    script = next(x for x in lines if ": script.js:" in x)
    assert "then removed" not in script  # a removal is never "undone" by another one
    inside = [x for x in lines if "mt.space_before_punct" in x and "then removed by script.js" in x]
    assert inside, "mt fixes inside the DD_belatedPNG call are marked"
    # the bracket fixes in 003 sit in the removed byline and follow widget; a kept one:
    kept = explain_lines(scrubtext.scrub("( Xinhua ) said the city won."), "x.txt")
    assert kept and not any("then removed" in x for x in kept)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The mayor  said  that the bridge  will open.",
            "The mayor said that the bridge will open.",
        ),
        ("Ünïcödé — “quotes”  and  spaces", "Ünïcödé — “quotes” and spaces"),
        ("One sentence.  Another one.  A third.", "One sentence. Another one. A third."),
        # kept: columns that line up with the next line, and a row with wide gaps
        ("Name  Age\nBob   25", "Name  Age\nBob   25"),
        ("Item     Price     Stock", "Item     Price     Stock"),
    ],
)
def test_doubled_spaces_in_prose_collapse_but_columns_stay(text: str, expected: str) -> None:
    assert scrubtext.clean(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        ")a[x    x    ]",  # two wide gaps, but the second is inside a bracket and goes
        "Total    100    )",
        "a.      a      )\t\nx (x",
        "(   bb\n )  [ ",
        "x   a   [   x",  # still two wide gaps after the bracket fix: a table row
    ],
)
def test_space_runs_are_judged_without_the_bracket_spaces_that_go(text: str) -> None:
    """One whitespace pass does what two would: a gap removed inside a bracket does
    not make a line a table row, nor move its columns."""
    ws = build_filter("whitespace")
    once = ws(Document(text))[0].text
    assert ws(Document(once))[0].text == once


@pytest.mark.parametrize("run", ["\t" * 200_000, " " * 200_000, " \t" * 100_000 + "\n\n"])
def test_sentence_ends_scan_long_blank_runs_in_linear_time(run: str) -> None:
    """A long run of spaces or tabs (page dumps have them) must not exhaust the
    pattern's time budget: a scan that re-reads the run at every position did."""
    from scrubtext.segment import sentences

    text = "The mayor spoke." + run + "Then he left the hall."
    assert sentences(text)  # raised PatternTimeout
    assert scrubtext.clean("The mayor spoke." + "\t" * 60_000 + "Then he left.").endswith("left.")
