"""Coherence benchmark: injected sentences, grafted clauses and scrambled word order.

Builds a test set at run time from the English ground-truth articles of the
article-extraction benchmark (at least 8 sentences each), with a seeded RNG:

- ``topic``: 1-3 sentences from other articles inserted at random places;
- ``splice``: 1-2 sentences cut at a comma or conjunction and finished with the
  tail clause of a sentence from another article;
- ``scramble``: the words of 1-2 sentences shuffled (the end mark stays last);
- ``clean``: the article untouched.

Every document goes through ``scrubtext.scrub`` (the whole default pipeline). A
``coherence.*`` flag counts for a sentence when it covers at least half of it.
Prints precision, recall and F1 per condition, false flags per 100 clean
sentences, and sentences per second through the pipeline.

    python benchmarks/coherence.py               # every article
    python benchmarks/coherence.py --split eval  # the half not used for calibration
    python benchmarks/coherence.py --check       # exit 1 below the pinned floors
    python benchmarks/coherence.py --recase      # shuffles without case cues
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scrubtext
from _data import data_dir, ground_truth_articles
from scrubtext import Document, lang
from scrubtext.filters.coherence import Coherence
from scrubtext.segment import sentences

CONDITIONS = ("topic", "splice", "scramble", "clean")
SPLIT_WORDS = (" and ", " but ", " while ", " which ", " because ", " although ")

#: Floors for --check on the whole set (seed 0, --split all), a little below the
#: measured figures (topic F1 0.730, precision 0.755; splice recall 0.310; scramble
#: recall 0.839; 1.04 false flags per 100 clean sentences). The scramble floor came
#: down from 0.84 on purpose: short lines without an end mark (headlines, captions)
#: are no longer judged for word order, which cost shuffled headings in the set and
#: removed false flags on real web text.
FLOORS = {
    "topic.f1": 0.72,
    "topic.precision": 0.74,
    "splice.recall": 0.30,
    "scramble.recall": 0.82,
}
#: Ceiling for --check: false flags per 100 clean sentences.
CEILING_FALSE_PER_100 = 1.07


@dataclass
class Case:
    """One test document: its text and the spans of the sentences that were tampered with."""

    article: str
    condition: str
    text: str
    targets: list[tuple[int, int]] = field(default_factory=list)


def english_articles() -> list[tuple[str, str]]:
    """(id, text) of English ground-truth articles with at least 8 sentences.

    Each is first passed through the pipeline without the coherence filter, so the
    pipeline leaves the text alone and offsets stay valid.
    """
    out = []
    for key, text in ground_truth_articles():
        if lang.detect(text) != "en":
            continue
        text = scrubtext.clean(text, html=False, skip=["coherence"])
        if len(sentences(text)) >= 8:
            out.append((key, text))
    return out


def in_split(key: str, split: str) -> bool:
    """``calib`` and ``eval`` halves by a stable hash of the article id; ``all`` is both."""
    if split == "all":
        return True
    half = zlib.crc32(key.encode()) % 2
    return half == (0 if split == "calib" else 1)


def _sentence_texts(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text)]


def _ends(sentence: str) -> bool:
    """Whether ``sentence`` ends with a full stop, question or exclamation mark."""
    return sentence.rstrip("\"'”’)").endswith((".", "!", "?"))


def _clause_tail(sentence: str) -> str | None:
    """The part of ``sentence`` after its last usable comma or conjunction."""
    cuts = [sentence.rfind(", ")]
    cuts += [sentence.rfind(w) for w in SPLIT_WORDS]
    best = None
    for cut in cuts:
        if cut <= 0:
            continue
        tail = sentence[cut:].lstrip(", ").strip()
        for w in SPLIT_WORDS:
            if tail.startswith(w.strip() + " "):
                tail = tail[len(w.strip()) + 1 :]
        if len(tail.split()) >= 4 and (best is None or len(tail) > len(best)):
            best = tail
    return best


def _clause_head(sentence: str, rng: random.Random) -> str | None:
    """``sentence`` up to a comma or conjunction in its first two thirds, cut kept."""
    options = []
    for i in range(len(sentence)):
        if sentence.startswith(", ", i):
            options.append(sentence[: i + 1])
        for w in SPLIT_WORDS:
            if sentence.startswith(w, i):
                options.append(sentence[: i + len(w) - 1])
    options = [o for o in options if len(o.split()) >= 3 and len(o) <= 0.7 * len(sentence)]
    return rng.choice(options) if options else None


def _rebuild(parts: list[tuple[str, bool]]) -> tuple[str, list[tuple[int, int]]]:
    """Join (text, is_target) pieces; return the text and the target spans."""
    out: list[str] = []
    targets = []
    pos = 0
    for piece, target in parts:
        if target:
            targets.append((pos, pos + len(piece)))
        out.append(piece)
        pos += len(piece)
    return "".join(out), targets


def _pieces(text: str) -> list[list]:
    """The text as [gap-before, sentence, is_target] triples plus a trailing gap."""
    spans = sentences(text)
    pieces = []
    pos = 0
    for s, e in spans:
        pieces.append([text[pos:s], text[s:e], False])
        pos = e
    pieces.append([text[pos:], "", False])
    return pieces


def _flatten(pieces: list[list]) -> tuple[str, list[tuple[int, int]]]:
    parts: list[tuple[str, bool]] = []
    for gap, sent, target in pieces:
        parts.append((gap, False))
        if sent:
            parts.append((sent, bool(target)))
    return _rebuild(parts)


def make_case(
    key: str,
    text: str,
    condition: str,
    donors: list[str],
    rng: random.Random,
    recase: bool = False,
) -> Case | None:
    """Tamper with one article under ``condition``.

    ``recase`` hides the case cues of a shuffle: the old first word is lower-cased
    when the article also uses it in lower case, and the new first word is
    capitalised.
    """
    pieces = _pieces(text)
    n = len(pieces) - 1
    if condition == "clean":
        return Case(key, condition, text)
    if condition == "topic":
        k = rng.randint(1, 3)
        for _ in range(k):
            donor = [
                s for s in _sentence_texts(rng.choice(donors)) if len(s.split()) >= 6 and _ends(s)
            ]
            after = [i for i in range(len(pieces) - 1) if _ends(pieces[i][1])]
            if not donor or not after:
                continue
            at = rng.choice(after) + 1
            pieces.insert(at, [" ", rng.choice(donor), True])
    elif condition == "splice":
        k = rng.randint(1, 2)
        hosts = [i for i in range(n) if len(pieces[i][1].split()) >= 8]
        for i in rng.sample(hosts, min(k, len(hosts))):
            head = _clause_head(pieces[i][1], rng)
            tail = None
            for _ in range(20):
                donor = rng.choice(_sentence_texts(rng.choice(donors)))
                tail = _clause_tail(donor) if _ends(donor) else None
                if tail:
                    break
            if head and tail:
                pieces[i][1] = f"{head} {tail}"
                pieces[i][2] = True
    elif condition == "scramble":
        k = rng.randint(1, 2)
        hosts = [i for i in range(n) if len(pieces[i][1].split()) >= 6]
        for i in rng.sample(hosts, min(k, len(hosts))):
            sent = pieces[i][1]
            end = ""
            while sent and sent[-1] in ".!?\"'”’":
                end = sent[-1] + end
                sent = sent[:-1]
            words = sent.split()
            if recase and words and f" {words[0].lower()} " in text:
                words[0] = words[0].lower()
            for _ in range(5):
                rng.shuffle(words)
                if " ".join(words) != sent:
                    break
            if recase:
                words[0] = words[0][:1].upper() + words[0][1:]
            pieces[i][1] = " ".join(words) + end
            pieces[i][2] = True
    built, targets = _flatten(pieces)
    if not targets:
        return None
    # Let the rest of the pipeline tidy the joins now, so it leaves the text alone later.
    tidy = scrubtext.clean(built, html=False, skip=["coherence"])
    if tidy != built:
        return _relocate(Case(key, condition, built, targets), tidy)
    return Case(key, condition, built, targets)


def build_cases(seed: int = 0, split: str = "all", recase: bool = False) -> Iterator[Case]:
    """Every article under every condition, deterministically from ``seed``."""
    articles = english_articles()
    texts = {k: t for k, t in articles}
    for key, text in articles:
        if not in_split(key, split):
            continue
        donors = [t for k, t in texts.items() if k != key]
        for condition in CONDITIONS:
            rng = random.Random(f"{seed}:{key}:{condition}")
            case = make_case(key, text, condition, donors, rng, recase)
            if case is not None:
                yield case


def _covered(span: tuple[int, int], flags: list[tuple[int, int]]) -> bool:
    s, e = span
    need = (e - s) / 2
    return any(min(e, fe) - max(s, fs) >= need for fs, fe in flags)


def _relocate(case: Case, text: str) -> Case | None:
    """The case with its targets found again in ``text`` (which other filters edited)."""
    found = []
    pos = 0
    for s, e in case.targets:
        at = text.find(case.text[s:e], pos)
        if at < 0:
            return None
        found.append((at, at + e - s))
        pos = found[-1][1]
    return Case(case.article, case.condition, text, found)


def score_case(case: Case, flags: list[tuple[int, int]]) -> tuple[int, int, int, int]:
    """(true positives, false negatives, false positives, clean sentences) for one case."""
    tp = sum(1 for t in case.targets if _covered(t, flags))
    fn = len(case.targets) - tp
    fp = 0
    clean = 0
    for span in sentences(case.text):
        if any(min(span[1], te) - max(span[0], ts) > 0 for ts, te in case.targets):
            continue
        clean += 1
        if _covered(span, flags):
            fp += 1
    return tp, fn, fp, clean


def run(
    seed: int = 0, split: str = "all", verbose: bool = False, recase: bool = False
) -> dict[str, float]:
    """Score every condition; return the figures as a flat dict."""
    totals = {c: [0, 0, 0, 0] for c in CONDITIONS}
    n_sentences = 0
    skipped = 0
    elapsed = alone = 0.0
    clean_docs = unflagged_docs = 0
    coherence = Coherence()
    for case in build_cases(seed, split, recase):
        t0 = time.process_time()
        result = scrubtext.scrub(case.text, html=False)
        elapsed += time.process_time() - t0
        t0 = time.process_time()
        coherence.flag(Document(case.text, meta={"language": "en"}))
        alone += time.process_time() - t0
        n_sentences += len(sentences(case.text))
        if result.text != case.text:
            moved = _relocate(case, result.text)
            if moved is None:
                skipped += 1
                continue
            case = moved
        flags = [(f.start, f.end) for f in result.flags if f.rule.startswith("coherence.")]
        counts = score_case(case, flags)
        for i, v in enumerate(counts):
            totals[case.condition][i] += v
        if case.condition == "clean":
            clean_docs += 1
            unflagged_docs += not flags
        if verbose and (counts[1] or counts[2]):
            for f in result.flags:
                if f.rule.startswith("coherence."):
                    print(
                        f"  [{case.condition} {case.article}] {f.rule} {f.score}: "
                        f"{case.text[f.start : f.end][:120]!r}"
                    )
    figures: dict[str, float] = {}
    for c, (tp, fn, fp, clean) in totals.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        figures[f"{c}.precision"] = p
        figures[f"{c}.recall"] = r
        figures[f"{c}.f1"] = 2 * p * r / (p + r) if p + r else 0.0
        figures[f"{c}.targets"] = tp + fn
        figures[f"{c}.false_flags"] = fp
        figures[f"{c}.clean_sentences"] = clean
    tp, fn, fp, clean = totals["clean"]
    figures["clean.false_per_100"] = 100 * fp / clean if clean else 0.0
    figures["clean.documents"] = clean_docs
    figures["clean.documents_without_flag"] = unflagged_docs
    figures["sentences_per_second"] = n_sentences / elapsed if elapsed else 0.0
    figures["filter_sentences_per_second"] = n_sentences / alone if alone else 0.0
    figures["skipped_cases"] = skipped
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--split", choices=("all", "calib", "eval"), default="all")
    parser.add_argument("--check", action="store_true", help="fail below the pinned floors")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", action="store_true", help="print every miss and false flag")
    parser.add_argument(
        "--recase",
        action="store_true",
        help="scramble without case cues (first word capitalised, old first word lower-cased)",
    )
    args = parser.parse_args(argv)
    if data_dir() is None:
        print("benchmark data not found; set SCRUBTEXT_BENCH_DATA", file=sys.stderr)
        return 2
    figures = run(args.seed, args.split, args.verbose, args.recase)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{'condition':<10} {'targets':>7} {'precision':>9} {'recall':>7} {'F1':>6}")
        for c in CONDITIONS[:-1]:
            print(
                f"{c:<10} {figures[c + '.targets']:>7.0f} {figures[c + '.precision']:>9.3f} "
                f"{figures[c + '.recall']:>7.3f} {figures[c + '.f1']:>6.3f}"
            )
        print(
            f"clean: {figures['clean.false_flags']:.0f} false flags in "
            f"{figures['clean.clean_sentences']:.0f} sentences = "
            f"{figures['clean.false_per_100']:.2f} per 100; "
            f"{figures['clean.documents_without_flag']:.0f} of {figures['clean.documents']:.0f} "
            "clean documents have no flag"
        )
        print(
            f"speed (CPU time): {figures['sentences_per_second']:.0f} sentences/s through "
            f"scrubtext.scrub (whole default pipeline), "
            f"{figures['filter_sentences_per_second']:.0f} sentences/s the coherence filter alone"
        )
    if args.check:
        failed = [k for k, floor in FLOORS.items() if figures[k] < floor]
        if figures["clean.false_per_100"] > CEILING_FALSE_PER_100:
            failed.append("clean.false_per_100")
        if failed:
            print("below the floor: " + ", ".join(failed), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
