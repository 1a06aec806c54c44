"""Machine-translation repair benchmark: synthetic artefacts injected into clean articles.

The true article bodies of the Zyte article-extraction benchmark (English ones,
by ``scrubtext.lang.detect``) are professionally edited text. For each article and
each rule, a seeded RNG injects one artefact of that kind at a random eligible
place (up to ``--per-article`` times, each in its own copy):

- ``mt.apostrophe``: an apostrophe between letters becomes ``‘``;
- ``mt.cjk_punct``: ``, `` or ``. `` between Latin words becomes ``，`` or ``。``;
- ``mt.space_before_punct``: a space is inserted before a comma or full stop;
- ``mt.doubled_word``: a function word from the repair list is typed twice;
- ``mt.acronym``: a sentence about a ``5G``/``4G`` network is inserted, with the
  acronym lowercased (the reference keeps the capitals); every copy also gets an
  untouched weight sentence (``5g of sugar``) that must not change;
- ``mt.fused_name``: a sentence naming ``Zhang Wei`` (random pinyin names) is
  inserted, and a second one with the name run together (``zhangwei said``);
- ``mt.glossary``: a phrase from a small benchmark glossary is inserted wrong;
- ``mt.final_stop`` (opt-in rule, run with ``final_stop=True``): the full stop of
  a one-line paragraph of two or more sentences is removed.

The filter runs on the corrupted copy and on the reference (the clean article,
plus any inserted clean sentence). An injection is *repaired* when both outputs
are equal. Precision counts the rule's edits on corrupted copies that were not
part of an exact repair as false; recall is repaired / injected. Edits each rule
makes on the untouched articles are reported per 1,000 words (they should be
about zero; ``--show`` prints them). Flags are checked the same way: an injected
``X and X``, fused sentence, oscillation, truncated title, CJK residue,
unverified fused name or doubled word counts as found when a flag of its rule
overlaps it (doubled words exclude those ``mt`` repairs and correct doubles such
as ``had had``, which the rule leaves alone by design).

    python benchmarks/repair.py                 # every English article, seed 0
    python benchmarks/repair.py --limit 40 --show 10
    python benchmarks/repair.py --speed         # also MB/s of mt and mt_flags
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import ground_truth_articles
from scrubtext import lang
from scrubtext.document import Document, Edit
from scrubtext.filters.mt import MtFlags, MtRepair
from scrubtext.mt_lexicon import LEGIT_DOUBLES, REPAIRABLE_DOUBLES, SENTENCE_STARTERS

GLOSSARY = (
    ("face washing boarding", "face-scan boarding"),
    ("intelligent body", "intelligent agent"),
    ("anti epidemic", "anti-epidemic"),
)
GIVEN = ("Wei", "Ming", "Xiaoming", "Rugui", "Jianguo", "Lihua", "Yanping", "Haitao", "Zhiqiang")
SURNAMES = ("Zhang", "Wang", "Chen", "Liu", "Huang", "Zhao", "Zhou", "Xu", "Guo", "Luo")
TECH = (
    "Operators switched on 1,200 new {g} base stations last month.",
    "The city says its {g} network now covers every district.",
    "Officials expect the {g} era to change how factories work.",
    "The company will sell {g} phones from next year.",
)
UNIT = "A serving of the new cereal contains 5g of sugar."


@dataclass
class Case:
    """A corrupted copy, its clean reference, and where the artefact sits in the copy."""

    corrupted: str
    reference: str
    start: int
    end: int


Injector = Callable[[random.Random, str], Case | None]


def _pick(rng: random.Random, text: str, needle: str, ok: Callable[[int], bool]) -> int | None:
    spots = []
    pos = text.find(needle)
    while pos >= 0:
        if ok(pos):
            spots.append(pos)
        pos = text.find(needle, pos + 1)
    return rng.choice(spots) if spots else None


def _letters(text: str, i: int, j: int) -> bool:
    return i > 0 and j < len(text) and text[i - 1].isalpha() and text[j].isalpha()


def inject_apostrophe(rng: random.Random, text: str) -> Case | None:
    spots = [i for i, c in enumerate(text) if c in "'’" and _letters(text, i, i + 1)]
    if not spots:
        return None
    i = rng.choice(spots)
    return Case(text[:i] + "‘" + text[i + 1 :], text, i, i + 1)


def inject_cjk(rng: random.Random, text: str) -> Case | None:
    mark, needle = rng.choice([("，", ", "), ("。", ". ")])
    i = _pick(
        rng,
        text,
        needle,
        lambda p: (
            _letters(text, p, p + 2)
            and text[p - 1].islower()
            and (needle == ", " or text[p + 2].isupper())
        ),
    )
    if i is None:
        return None
    return Case(text[:i] + mark + text[i + 2 :], text, i, i + 1)


def inject_space(rng: random.Random, text: str) -> Case | None:
    needle = rng.choice([", ", ". "])
    i = _pick(rng, text, needle, lambda p: _letters(text, p, p + 2))
    if i is None:
        return None
    return Case(text[:i] + " " + text[i:], text, i, i + 2)


def inject_double(rng: random.Random, text: str) -> Case | None:
    word = rng.choice(sorted(REPAIRABLE_DOUBLES))
    needle = f" {word} "
    i = _pick(rng, text, needle, lambda p: True)
    if i is None:
        return None
    j = i + len(needle) - 1
    return Case(text[:j] + f" {word}" + text[j:], text, i + 1, j + len(word) + 1)


def _insert_paragraph(rng: random.Random, text: str, para: str) -> tuple[str, int]:
    cuts = [i for i, c in enumerate(text) if c == "\n"] or [len(text)]
    at = rng.choice(cuts)
    return text[:at] + "\n" + para + "\n" + text[at:], at + 1


def inject_acronym(rng: random.Random, text: str) -> Case | None:
    g = rng.choice(["5G", "4G", "3G"])
    sentence = rng.choice(TECH).format(g=g)
    probe, _ = _insert_paragraph(rng, text, UNIT)
    reference, at = _insert_paragraph(rng, probe, sentence)
    corrupted = reference[:at] + sentence.replace(g, g.lower()) + reference[at + len(sentence) :]
    return Case(corrupted, reference, at, at + len(sentence))


def inject_name(rng: random.Random, text: str) -> Case | None:
    name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
    intro = f"{name}, a spokesman for the city, spoke on Monday."
    said = f"{name} said the plan would go ahead."
    with_intro, _ = _insert_paragraph(rng, text, intro)
    reference, at = _insert_paragraph(rng, with_intro, said)
    fused = name.replace(" ", "").lower()
    corrupted = reference[:at] + fused + reference[at + len(name) :]
    return Case(corrupted, reference, at, at + len(fused))


def inject_glossary(rng: random.Random, text: str) -> Case | None:
    wrong, right = rng.choice(GLOSSARY)
    sentence = f"The new system uses {right} at the airport."
    reference, at = _insert_paragraph(rng, text, sentence)
    corrupted = reference[:at] + sentence.replace(right, wrong) + reference[at + len(sentence) :]
    return Case(corrupted, reference, at, at + len(sentence) - len(right) + len(wrong))


def inject_final_stop(rng: random.Random, text: str) -> Case | None:
    spots = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if (
            len(line) >= 80
            and line.endswith(".")
            and line[-2:-1].islower()
            and line.count(". ") >= 1
            and not line.endswith("..")
        ):
            spots.append(end - 1)
        start = end + 1
    if not spots:
        return None
    i = rng.choice(spots)
    return Case(text[:i] + text[i + 1 :], text, i, i)


REPAIRS: dict[str, Injector] = {
    "mt.apostrophe": inject_apostrophe,
    "mt.cjk_punct": inject_cjk,
    "mt.space_before_punct": inject_space,
    "mt.doubled_word": inject_double,
    "mt.acronym": inject_acronym,
    "mt.fused_name": inject_name,
    "mt.glossary": inject_glossary,
    "mt.final_stop": inject_final_stop,
}


def _words_span(rng: random.Random, text: str, n: int) -> tuple[int, int] | None:
    """A run of ``n`` lowercase alphabetic words inside one sentence."""
    tokens = []
    pos = 0
    for w in text.split(" "):
        tokens.append((pos, w))
        pos += len(w) + 1
    runs = [
        (tokens[i][0], tokens[i + n - 1][0] + len(tokens[i + n - 1][1]))
        for i in range(len(tokens) - n)
        if all(t[1].isalpha() and t[1].islower() and len(t[1]) > 3 for t in tokens[i : i + n])
    ]
    return rng.choice(runs) if runs else None


def _repeat(rng: random.Random, text: str, n: int, template: str) -> Case | None:
    """Replace a run of ``n`` words ``x`` by ``template.format(x=x)``."""
    span = _words_span(rng, text, n)
    if not span:
        return None
    s, e = span
    new = template.format(x=text[s:e])
    return Case(text[:s] + new + text[e:], text, s, s + len(new))


def flag_phrase(rng: random.Random, text: str) -> Case | None:
    return _repeat(rng, text, 2, "{x} and {x}")


def flag_fused(rng: random.Random, text: str) -> Case | None:
    """``growth. The council`` -> ``growth, Strengthen the council``: a sentence opened by
    a typical translated verb, fused to the one before with a comma."""
    i = _pick(
        rng,
        text,
        ". ",
        lambda p: (
            text[p - 1 : p].islower()
            and text[p + 2 : p + 3].isupper()
            and text[p + 3 : p + 4].islower()
        ),
    )
    if i is None:
        return None
    starter = rng.choice(sorted(SENTENCE_STARTERS)).capitalize()
    new = f", {starter} {text[i + 2].lower()}"
    return Case(text[:i] + new + text[i + 3 :], text, i, i + 2 + len(starter))


def flag_oscillation(rng: random.Random, text: str) -> Case | None:
    return _repeat(rng, text, rng.choice([1, 2, 3]), "{x} {x} {x}")


def flag_word(rng: random.Random, text: str) -> Case | None:
    """A word typed twice; not one ``mt`` repairs or one that is correctly doubled."""
    case = _repeat(rng, text, 1, "{x} {x}")
    word = case.corrupted[case.start : case.end].split(" ")[0] if case else ""
    return None if word in REPAIRABLE_DOUBLES or word in LEGIT_DOUBLES else case


def flag_truncated(rng: random.Random, text: str) -> Case | None:
    words = [w for w in text.split() if w.isalpha() and w[0].isupper() and len(w) >= 7]
    common = [w for w, n in Counter(words).items() if n >= 2]
    if not common:
        return None
    w = rng.choice(sorted(common))
    frag = w[: rng.choice([2, 3])]
    if any(t == frag for t in text.split()):
        return None
    title = f"Latest news on the deal with {frag}"
    return Case(title + "\n\n" + text, text, len(title) - len(frag), len(title))


def flag_cjk(rng: random.Random, text: str) -> Case | None:
    i = _pick(rng, text, " ", lambda p: _letters(text, p, p + 1))
    if i is None:
        return None
    return Case(text[:i] + " 城市 " + text[i + 1 :], text, i + 1, i + 3)


def flag_name(rng: random.Random, text: str) -> Case | None:
    fused = f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}".lower()
    sentence = f"{fused} said the plan would go ahead."
    corrupted, at = _insert_paragraph(rng, text, sentence)
    return Case(corrupted, text, at, at + len(fused))


FLAGS: dict[str, Injector] = {
    "mt_flags.repeated_phrase": flag_phrase,
    "mt_flags.fused_sentence": flag_fused,
    "mt_flags.oscillation": flag_oscillation,
    "mt_flags.repeated_word": flag_word,
    "mt_flags.truncated": flag_truncated,
    "mt_flags.cjk_residue": flag_cjk,
    "mt_flags.unverified_name": flag_name,
}


def _edits(f: MtRepair, text: str) -> tuple[str, list[Edit]]:
    out, steps = f(Document(text, meta={"language": "en"}))
    return out.text, [e for s in steps for e in s.edits]


def _same(rule: str, out: str, ref: str) -> bool:
    """Exact repair; for apostrophes either style counts (the filter follows the document's
    majority style, which in mixed documents is not always the one removed)."""
    if rule == "mt.apostrophe":
        return out.replace("’", "'") == ref.replace("’", "'")
    return out == ref


def _filter_for(rule: str) -> MtRepair:
    if rule == "mt.final_stop":
        return MtRepair(final_stop=True)
    if rule == "mt.glossary":
        return MtRepair(glossary_entries=GLOSSARY)
    return MtRepair()


def english_articles(limit: int | None) -> list[str]:
    docs = [t for _, t in ground_truth_articles() if t.strip() and lang.detect(t) == "en"]
    return docs[:limit] if limit else docs


#: Floors for --check (seed 0, all English articles, 2 per article), a little below
#: the figures measured on 2026-11-21: every repair must stay precise; recall and the
#: flag recalls may not fall; clean text must stay (almost) untouched.
PRECISION_FLOOR = 0.99
RECALL_FLOORS = {
    "mt.apostrophe": 0.97,
    "mt.cjk_punct": 0.97,
    "mt.space_before_punct": 0.97,
    "mt.doubled_word": 0.97,
    "mt.acronym": 0.97,
    "mt.fused_name": 0.96,
    "mt.glossary": 0.97,
    "mt.final_stop": 0.74,
}
FLAG_RECALL_FLOORS = {
    "mt_flags.repeated_phrase": 0.97,
    "mt_flags.fused_sentence": 0.97,
    "mt_flags.oscillation": 0.95,
    "mt_flags.repeated_word": 0.97,
    "mt_flags.truncated": 0.69,
    "mt_flags.cjk_residue": 0.97,
    "mt_flags.unverified_name": 0.97,
}
CLEAN_EDITS_PER_1K_CEILING = 0.25


def _injected(
    docs: list[str], seed: int, rule: str, inject: Callable[..., Case | None], per: int
) -> Iterator[Case]:
    """``per`` injections of ``rule`` into each document (skipping where none fits),
    from one random stream per rule, so each rule's figures stay put."""
    rng = random.Random(f"{seed}:{rule}")
    for text in docs:
        for _ in range(per):
            case = inject(rng, text)
            if case is not None:
                yield case


def run_repairs(docs: list[str], seed: int, per: int) -> dict[str, tuple[float, float]]:
    """Print and return (precision, recall) per repair rule."""
    figures: dict[str, tuple[float, float]] = {}
    print(
        f"{'rule':24s} {'injected':>8s} {'repaired':>8s} {'false':>6s} {'precision':>9s} {'recall':>7s}"
    )
    for rule, inject in REPAIRS.items():
        f = _filter_for(rule)
        injected = repaired = false = 0
        for case in _injected(docs, seed, rule, inject, per):
            injected += 1
            out, edits = _edits(f, case.corrupted)
            ref_out, ref_edits = _edits(f, case.reference)
            mine = sum(e.rule == rule for e in edits) - sum(e.rule == rule for e in ref_edits)
            if _same(rule, out, ref_out) and mine > 0:
                repaired += 1
            else:
                false += max(mine, 0)
        precision = repaired / (repaired + false) if repaired + false else float("nan")
        recall = repaired / injected if injected else float("nan")
        print(f"{rule:24s} {injected:8d} {repaired:8d} {false:6d} {precision:9.3f} {recall:7.3f}")
        figures[rule] = (precision, recall)
    return figures


def run_flags(docs: list[str], seed: int, per: int) -> dict[str, float]:
    """Print and return the recall of each flag rule."""
    figures: dict[str, float] = {}
    print(f"\n{'flag rule':26s} {'injected':>8s} {'found':>6s} {'recall':>7s}")
    flagger = MtFlags()
    for rule, inject in FLAGS.items():
        injected = found = 0
        for case in _injected(docs, seed, rule, inject, per):
            injected += 1
            flags = flagger.flag(Document(case.corrupted, meta={"language": "en"}))
            if any(fl.rule == rule and fl.start < case.end and case.start < fl.end for fl in flags):
                found += 1
        recall = found / injected if injected else float("nan")
        print(f"{rule:26s} {injected:8d} {found:6d} {recall:7.3f}")
        figures[rule] = recall
    return figures


def run_clean(docs: list[str], show: int) -> float:
    """Print edits and flags on the untouched articles; return default edits per 1,000 words."""
    words = sum(len(t.split()) for t in docs)
    edits: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    examples: list[str] = []
    for f in (MtRepair(final_stop=True),):
        for text in docs:
            _, found = _edits(f, text)
            for e in found:
                edits[e.rule] += 1
                if len(examples) < show:
                    ctx = text[max(0, e.start - 40) : e.end + 40].replace("\n", " ")
                    examples.append(
                        f"  {e.rule}: {text[e.start : e.end]!r} -> {e.replacement!r} in {ctx!r}"
                    )
    for text in docs:
        for fl in MtFlags().flag(Document(text, meta={"language": "en"})):
            flags[fl.rule] += 1
            if len(examples) < show:
                ctx = text[max(0, fl.start - 40) : fl.end + 40].replace("\n", " ")
                examples.append(f"  {fl.rule}: {text[fl.start : fl.end]!r} in {ctx!r}")
    total = sum(edits.values())
    off = sum(n for r, n in edits.items() if r != "mt.final_stop")
    print(f"\nclean articles: {len(docs)}, {words} words")
    print(f"edits per 1,000 words (default rules): {1000 * off / words:.3f}")
    print(f"edits per 1,000 words (with opt-in final_stop): {1000 * total / words:.3f}")
    for rule in MtRepair.rules:
        print(f"  {rule:24s} {edits[rule]:5d}  {1000 * edits[rule] / words:.3f}/1k words")
    print(f"flags per 1,000 words: {1000 * sum(flags.values()) / words:.3f}")
    for rule in MtFlags.rules:
        print(f"  {rule:26s} {flags[rule]:5d}  {1000 * flags[rule] / words:.3f}/1k words")
    if examples:
        print("examples on clean text:")
        print("\n".join(examples))
    return 1000 * off / words


def check(
    repairs: dict[str, tuple[float, float]], flags: dict[str, float], clean: float
) -> list[str]:
    """Every figure below its floor (or above its ceiling), as messages."""
    bad = []
    for rule, (precision, recall) in repairs.items():
        if not precision >= PRECISION_FLOOR:
            bad.append(f"{rule}: precision {precision:.3f} < {PRECISION_FLOOR}")
        if not recall >= RECALL_FLOORS.get(rule, 0.0):
            bad.append(f"{rule}: recall {recall:.3f} < {RECALL_FLOORS[rule]}")
    for rule, recall in flags.items():
        if not recall >= FLAG_RECALL_FLOORS.get(rule, 0.0):
            bad.append(f"{rule}: recall {recall:.3f} < {FLAG_RECALL_FLOORS[rule]}")
    if clean > CLEAN_EDITS_PER_1K_CEILING:
        bad.append(f"clean text: {clean:.3f} edits per 1,000 words > {CLEAN_EDITS_PER_1K_CEILING}")
    return bad


def run_speed(docs: list[str]) -> None:
    data = [Document(t, meta={"language": "en"}) for t in docs]
    mb = sum(len(t.encode("utf-8")) for t in docs) / 1e6
    repair, flagger = MtRepair(), MtFlags()

    def best(fn: Callable[[], object]) -> float:
        times = []
        for _ in range(3):
            t0 = time.process_time()
            fn()
            times.append(time.process_time() - t0)
        return mb / min(times)

    only_repair = best(lambda: [repair(d) for d in data])
    only_flags = best(lambda: [flagger(d) for d in data])
    combined = best(lambda: [flagger(repair(d)[0]) for d in data])
    print(f"\nspeed on {mb:.2f} MB (CPU time, best of 3): mt {only_repair:.1f} MB/s,")
    print(f"  mt_flags {only_flags:.1f} MB/s, mt then mt_flags {combined:.1f} MB/s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="use the first N English articles")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--per-article", type=int, default=2, help="injections per rule and article")
    ap.add_argument("--show", type=int, default=0, help="print N edits/flags made on clean text")
    ap.add_argument("--speed", action="store_true", help="also time the filters")
    ap.add_argument("--check", action="store_true", help="exit 1 below the pinned floors")
    args = ap.parse_args(argv)
    docs = english_articles(args.limit)
    print(f"{len(docs)} English articles, seed {args.seed}, {args.per_article} per article\n")
    repairs = run_repairs(docs, args.seed, args.per_article)
    flags = run_flags(docs, args.seed, args.per_article)
    clean = run_clean(docs, args.show)
    if args.speed:
        run_speed(docs)
    if args.check:
        bad = check(repairs, flags, clean)
        for line in bad:
            print(f"BELOW FLOOR: {line}")
        if bad:
            return 1
        print("all figures at or above their floors")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
