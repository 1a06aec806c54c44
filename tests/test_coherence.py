"""The coherence filter: seeds, synthetic splices, clean negatives, the drop option."""

from __future__ import annotations

import itertools
import random
import subprocess
import sys
from pathlib import Path

import pytest

import scrubtext
from scrubtext.document import Document
from scrubtext.errors import ConfigError
from scrubtext.filters import coherence as C
from scrubtext.filters.coherence import Coherence

from .conftest import seed_text

DUCTILE = "This shows that the material has changed from a ductile state to a brittle state."
PLASTIC = "capture the plastic waste that gathers together with the movement of water"

#: Clean text in the style of a news report (written for these tests).
HARBOUR = (
    "The city council approved a plan on Tuesday to rebuild the old harbour wall, "
    "which was damaged in last winter's storms. The harbour wall protects about two "
    "hundred homes and the fishing fleet from heavy seas. Engineers told the council "
    "that the new wall will be two metres higher than the old one. Work on the wall is "
    "due to start in March and should take eighteen months. The council will pay for "
    "the project with a loan from the national infrastructure bank. Some residents "
    "said the harbour had been neglected for years. The mayor said the storms showed "
    "how exposed the town's homes and boats had become. Fishermen welcomed the plan "
    "but asked the council to keep the harbour open while the wall is rebuilt.\n\n"
    "The harbour was built in the nineteenth century to shelter the herring fleet. "
    "Its wall has been repaired several times, most recently in the nineteen-eighties. "
    "During the storms in January, waves broke over the wall and flooded the streets "
    "behind it. Several boats sank at their moorings and two families had to leave "
    "their homes. The council says the new wall will also carry a footpath for walkers. "
    "A public meeting about the plan will be held at the town hall next week."
)

LIBRARY = (
    "The public library in the town centre reopened on Saturday after a two-year "
    "renovation. Visitors can now borrow books, films and games from a larger "
    "ground floor, and the reading room has new windows and desks. The library also "
    "offers free classes for adults who want to improve their computer skills. "
    "Librarians said more than three thousand people visited the library on its first "
    "weekend. Children's books were the most popular, followed by crime novels and "
    "cookery books. The renovation was paid for by the town and a grant from a local "
    "charity. Opening hours will be extended in the evenings from next month."
)


def _flags(text: str, **options: object) -> list[scrubtext.Flag]:
    result = scrubtext.scrub(text, html=False, **options)
    return [f for f in result.flags if f.rule.startswith("coherence.")]


def _flagged_text(text: str) -> list[str]:
    result = scrubtext.scrub(text, html=False)
    return [result.text[f.start : f.end] for f in result.flags if f.rule.startswith("coherence.")]


# --- seeds ---------------------------------------------------------------------------


def test_seed_004_ductile_sentence_is_flagged() -> None:
    flagged = _flagged_text(seed_text("004"))
    assert any(DUCTILE in t for t in flagged), flagged


def test_seed_004_flag_explains_itself() -> None:
    text = seed_text("004")
    result = scrubtext.scrub(text, html=False)
    (flag,) = [f for f in result.flags if DUCTILE in result.text[f.start : f.end]]
    assert flag.rule == "coherence.topic"
    assert flag.score is not None and 0.5 <= flag.score <= 1.0
    assert "shares no content words with the rest of the document" in flag.reason
    assert "ductile" in flag.reason


def test_short_lines_without_an_end_mark_are_not_judged_for_word_order() -> None:
    text = (
        "New trial could change stent procedures\n\n"
        "November 20, 2019 / 1:07 AM / CBS News\n\n"
        "Mayor the that said city parks will two new next open year.\n\n" + " ".join(["word"] * 20)
    )
    judged = [C.word_order_scored(s) for s in C.analyse(text)]
    assert judged == [False, False, True, True]


@pytest.mark.xfail(reason="known weak spot: the grafted clause scores about 0.1 (threshold 0.5)")
def test_seed_004_plastic_clause_is_flagged() -> None:
    flagged = _flagged_text(seed_text("004"))
    assert any(PLASTIC in t for t in flagged), flagged


def test_seed_004_at_most_six_flags() -> None:
    assert len(_flags(seed_text("004"))) <= 6


@pytest.mark.parametrize("seed", ["000", "001", "002", "003"])
def test_other_seeds_at_most_two_flags(seed: str) -> None:
    assert len(_flags(seed_text(seed))) <= 2


# --- synthetic cases -------------------------------------------------------------------


@pytest.mark.parametrize("text", [HARBOUR, LIBRARY])
def test_clean_news_gets_no_flag(text: str) -> None:
    assert _flags(text) == []


def test_spliced_sentence_scores_highest_and_explains_itself() -> None:
    sentences = HARBOUR.split(". ")
    sentences.insert(4, "The enzyme binds to a receptor on the surface of liver cells")
    text = ". ".join(sentences)
    spliced = "The enzyme binds to a receptor on the surface of liver cells."
    assert [text[f.start : f.end] for f in _flags(text)] == [spliced]
    # well ahead of every other sentence, even when the threshold is lowered
    ranked = sorted(_flags(text, threshold=0.1), key=lambda f: -(f.score or 0.0))
    assert text[ranked[0].start : ranked[0].end] == spliced
    assert all((f.score or 0.0) < (ranked[0].score or 0.0) - 0.3 for f in ranked[1:])
    flags = ranked[:1]
    assert flags[0].rule == "coherence.topic"
    assert flags[0].reason.startswith("shares no content words with the rest of the document")
    assert "“enzyme”" in flags[0].reason


def test_fragment_without_end_mark_is_less_suspect_than_a_sentence() -> None:
    """Headings, list items and captions have no end mark; spliced-in text is made of
    sentences, so the same words score lower as a fragment."""

    def score(insert: str) -> float:
        sentences = HARBOUR.split(". ")
        text = ". ".join([*sentences[:4], sentences[4] + ".\n\n" + insert + "\n\n" + sentences[5]])
        text = ". ".join([text, *sentences[6:]])
        doc = Document(text, meta={"language": "en"})
        (flag,) = [f for f in Coherence(threshold=0.0).flag(doc) if insert in text[f.start : f.end]]
        return flag.score or 0.0

    words = "Enzyme binding to receptors on the surface of liver cells"
    assert score(words) < score(words + ".") - 0.05


def test_scrambled_sentence_is_flagged() -> None:
    original = (
        "Engineers told the council that the new wall will be two metres higher than the old one."
    )
    words = original[:-1].split()
    random.Random(3).shuffle(words)
    scrambled = " ".join(words) + "."
    text = HARBOUR.replace(original, scrambled)
    flags = _flags(text)
    # It starts in lower case; the filter scores it apart from the sentence before.
    assert [text[f.start : f.end] for f in flags] == [scrambled]
    assert flags[0].rule == "coherence.garbled"
    assert "word order is unlike English" in flags[0].reason


def test_flags_never_change_text() -> None:
    text = seed_text("004")
    without = scrubtext.scrub(text, html=False, skip=["coherence"]).text
    assert scrubtext.scrub(text, html=False).text == without


def test_drop_deletes_flagged_sentences_with_the_flag_reason() -> None:
    text = seed_text("004")
    result = scrubtext.scrub(text, html=False, drop=["coherence"])
    assert DUCTILE not in result.text
    assert "It has a pioneering advantage in building a smart city" in result.text
    drops = [e for e in result.edits if e.rule.startswith("coherence.")]
    assert drops and all(e.rule.endswith(".dropped") for e in drops)
    ductile = [e for e in drops if "ductile" in e.before]
    assert ductile and ductile[0].reason.startswith("dropped on request: shares no content words")


def test_only_english_is_scored() -> None:
    doc = Document(HARBOUR + " " + DUCTILE, meta={"language": "de"})
    out, steps = Coherence()(doc)
    assert out.text == doc.text
    assert all(not s.flags for s in steps)


def test_short_documents_are_not_scored() -> None:
    doc = Document("The harbour wall will be rebuilt. " + DUCTILE, meta={"language": "en"})
    assert Coherence().flag(doc) == []


def test_threshold_option_reaches_the_filter() -> None:
    text = seed_text("004")
    assert _flags(text, threshold=0.99) == []


# --- pieces ------------------------------------------------------------------------------


def test_weights_match_the_features() -> None:
    text = HARBOUR + " " + DUCTILE
    sents = C.analyse(text)
    ctx = C._context(text, sents)
    topic = C.topic_features(sents, ctx)
    assert all(len(row) == len(C.TOPIC_WEIGHTS) for row in topic)
    tails = 0
    for s, row in zip(sents, topic, strict=True):
        for feats, (lo, hi) in C.clause_features(s, ctx):
            tails += 1
            assert len(C.splice_features(row, feats)) == len(C.SPLICE_WEIGHTS)
            assert 0 < lo < hi == len(s.tokens)  # a tail runs to the end of its sentence
        assert len(C.garbled_features(s)) == len(C.GARBLED_WEIGHTS)
    assert tails > 0


def test_tokenize_and_stem() -> None:
    assert C.tokenize("Shenzhen (SZ) won 46,000 votes.") == [
        "Shenzhen",
        "(",
        "SZ",
        ")",
        "won",
        "46,000",
        "votes",
        ".",
    ]
    assert C.stem("cities") == C.stem("city")
    assert C.stem("elected") == C.stem("election")


def test_word_order_model_prefers_english_order() -> None:
    english = C.tokenize("The city will build more stations this year.")
    shuffled = C.tokenize("stations year build The will this more city.")
    assert C.order_gain(english) > 0 > C.order_gain(shuffled)


def test_odd_input_does_not_crash() -> None:
    odd = "Caf\ud800 x " * 50 + "word " * 20_000 + HARBOUR + " \u200b\u0301 ." * 100
    doc = Document(odd, meta={"language": "en"})
    out, steps = Coherence()(doc)
    assert out.text == odd
    for step in steps:
        for f in step.flags:
            assert 0 <= f.start < f.end <= len(odd)
            assert f.score is not None and 0.0 <= f.score <= 1.0


def test_cli_drop_coherence(fixtures_dir: Path) -> None:
    seed = sorted((fixtures_dir / "seeds").glob("004_*.txt"))[0]
    run = subprocess.run(
        [sys.executable, "-m", "scrubtext", "--drop", "coherence", str(seed)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "ductile" not in run.stdout
    assert "Shenzhen has built a smart city" in run.stdout


def test_disabled_rules() -> None:
    text = seed_text("004")
    kept = _flags(text, disable_rules=["coherence.garbled", "coherence.clause"])
    assert kept and {f.rule for f in kept} == {"coherence.topic"}
    assert all(f.rule != "coherence.topic" for f in _flags(text, disable_rules=["coherence.topic"]))


def test_paragraph_starts_group_sentences_like_the_segmenter() -> None:
    """The filter finds paragraph starts with str.find; every sentence must fall in the
    same paragraph as with scrubtext.segment.paragraphs (blank paragraphs aside)."""
    from bisect import bisect_right

    from scrubtext.segment import paragraphs, sentences

    rng = random.Random(7)
    for _ in range(300):
        text = "".join(
            rng.choice(["Ab. ", "cd ", "\n", "\n\n", " ", "  \n", "E."]) for _ in range(30)
        )
        spans = sentences(text)
        ours = C._paragraph_starts(text)
        theirs = [p for p, _ in paragraphs(text)]

        def groups(starts: list[int], spans: list[tuple[int, int]]) -> list[bool]:
            ids = [bisect_right(starts, s) for s, _ in spans]
            return [ids[i] == ids[i - 1] for i in range(1, len(ids))]

        assert groups(ours, spans) == groups(theirs, spans), repr(text)


def test_sentence_spans_match_the_shared_segmenter() -> None:
    """The filter finds sentence ends with its own faster scan; the spans must be those
    of scrubtext.segment.sentences (abbreviations, initials, blank lines, line breaks)."""
    from scrubtext.segment import sentences

    pieces = [
        "Dr. ",
        "Mr. Chen ",
        "said. ",
        "It ",
        "rained.",
        "\n",
        "\n\n",
        " \n \n",
        "U.S. ",
        "A. ",
        "e.g. ",
        "x",
        "(1) ",
        "“Yes.” ",
        "ok? ",
        "no! ",
        "9 ",
        "\t",
        "\x1c",
        "é",
    ]
    rng = random.Random(11)
    texts = [seed_text(n) for n in ("000", "001", "002", "003", "004")]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(2000)]
    for text in texts:
        assert C._sentence_spans(text) == sentences(text), repr(text)


def test_scores_are_thresholded_as_logits() -> None:
    """A threshold of 0 or 1 still works (the logit cut-off is then infinite)."""
    text = HARBOUR + " " + DUCTILE
    doc = Document(text, meta={"language": "en"})
    assert Coherence(threshold=1.0).flag(doc) == []
    everything = Coherence(threshold=0.0).flag(doc)
    assert len(everything) >= len(C.analyse(text)) - 2  # garbled flags may merge


def test_long_single_line_is_scored_in_windows_with_offsets_into_the_whole_text() -> None:
    from scrubtext.filters.coherence import WINDOW, _windows

    text = "The council said the new line opens in May, and fares stay the same. " * 7000
    spans = _windows(text, WINDOW)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(0 < e - s <= WINDOW for s, e in spans)
    assert all(text[e - 1] == " " for s, e in spans[:-1])  # cut after a sentence end


@pytest.mark.parametrize("value", [-0.5, 1.5, 50])
def test_a_threshold_outside_the_score_range_is_a_config_error(value: float) -> None:
    with pytest.raises(ConfigError, match="threshold"):
        scrubtext.clean("One sentence here.", **{"coherence.threshold": value})
