"""Build the coherence filter's package data from sources we may redistribute.

Outputs (in ``src/scrubtext/data/``):

- ``coherence_en_freq.txt``: English word frequencies (Zipf scale, one decimal),
  from the wordfreq 3.1.1 wheel's ``large_en`` table (data licence CC BY-SA 4.0;
  this derived table keeps that licence). Lines are ``zipf*10<TAB>word word ...``.
- ``coherence_en_order.tsv``: class-bigram counts (``class<TAB>class<TAB>count``)
  over English sentences from two sources that are not news and not the
  benchmark: the example sentences and glosses of Princeton WordNet 3.0 (WordNet
  3.0 licence) and the prose paragraphs of the Python 3.11 documentation (PSF
  licence). Only counts of token classes are kept, no text.

Get the inputs with the ordinary clients, then run this script::

    pip download --no-deps -d /tmp/coh wordfreq==3.1.1
    apt-get install wordnet-base python3.11-doc
    python tools/build_coherence_data.py --wordfreq-wheel /tmp/coh/wordfreq-3.1.1-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import glob
import gzip
import html
import itertools
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import msgpack  # build-time only (installed with dask/distributed)

from scrubtext.filters.coherence import FREQ_FILE, ORDER_FILE, sentence_classes, tokenize
from scrubtext.segment import sentences

OUT = Path(__file__).resolve().parent.parent / "src" / "scrubtext" / "data"
MIN_ZIPF = 1.8
WORD = re.compile(r"[a-z][a-z'’-]*\Z")


def build_freq(wheel: Path) -> None:
    """Write the frequency table: every lower-case word at or above MIN_ZIPF."""
    with zipfile.ZipFile(wheel) as z:
        raw = z.read("wordfreq/data/large_en.msgpack.gz")
    buckets = msgpack.unpackb(gzip.decompress(raw), raw=False)
    # buckets[0] is a header; bucket i holds words at frequency 10**(-i/100).
    groups: dict[int, list[str]] = {}
    for i, words in enumerate(buckets[1:], start=1):
        zipf = 9 - i / 100
        if zipf < MIN_ZIPF:
            break
        key = round(zipf * 10)
        groups.setdefault(key, []).extend(w for w in words if WORD.match(w))
    lines = [
        "# English word frequencies, Zipf scale x10, from wordfreq 3.1.1 (data CC BY-SA 4.0)",
        "# built by tools/build_coherence_data.py; this table is licensed CC BY-SA 4.0",
    ]
    lines += [f"{k}\t{' '.join(ws)}" for k, ws in sorted(groups.items(), reverse=True) if ws]
    (OUT / FREQ_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{FREQ_FILE}: {sum(len(w) for w in groups.values())} words")


def wordnet_sentences(root: Path) -> Iterator[str]:
    """Example sentences and glosses from the WordNet data files."""
    for path in sorted(root.glob("data.*")):
        for line in path.read_text(encoding="latin-1").splitlines():
            if line.startswith("  ") or "|" not in line:
                continue
            gloss = line.split("|", 1)[1]
            yield from re.findall(r'"([^"]+)"', gloss)
            for part in re.sub(r'"[^"]*"', "", gloss).split(";"):
                if len(part.split()) >= 4:
                    yield part.strip()


def python_doc_sentences(root: Path) -> Iterator[str]:
    """Sentences of the prose paragraphs (no inline code) of the Python documentation."""
    for path in sorted(glob.glob(str(root / "**" / "*.html"), recursive=True)):
        page = Path(path).read_text(encoding="utf-8")
        for para in re.findall(r"<p>(.*?)</p>", page, flags=re.S):
            if "<code" in para or 'class="pre"' in para:
                continue
            text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", para)).split())
            for s, e in sentences(text):
                if len(text[s:e].split()) >= 4:
                    yield text[s:e]


def build_order(wordnet: Path, python_doc: Path) -> None:
    """Write class-bigram counts over both sources."""
    counts: Counter[tuple[str, str]] = Counter()
    n = 0
    for source in (wordnet_sentences(wordnet), python_doc_sentences(python_doc)):
        for sent in source:
            tokens = tokenize(sent)
            classes = sentence_classes(tokens)
            counts.update(itertools.pairwise(classes))
            n += 1
    lines = [
        "# class-bigram counts from Princeton WordNet 3.0 examples and glosses (WordNet 3.0",
        "# licence, see NOTICE-coherence.md) and Python 3.11 documentation prose (PSF licence);",
        "# built by tools/build_coherence_data.py",
    ]
    lines += [f"{a}\t{b}\t{c}" for (a, b), c in sorted(counts.items()) if c >= 2]
    (OUT / ORDER_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{ORDER_FILE}: {n} sentences, {len(lines) - 3} pairs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordfreq-wheel", type=Path, required=True)
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--python-doc", type=Path, default=Path("/usr/share/doc/python3.11/html"))
    args = parser.parse_args()
    build_freq(args.wordfreq_wheel)
    build_order(args.wordnet, args.python_doc)
    build_fields(args.wordnet, read_freq())


if __name__ == "__main__":
    main()


# --- semantic fields from WordNet ----------------------------------------------------

FIELD_FILE = "coherence_en_fields.txt"
MIN_FIELD_ZIPF = 2.5


def build_fields(root: Path, freq: dict[str, float]) -> None:
    """Write word -> WordNet lexicographer file (semantic field) of its first noun or verb sense.

    Nouns win over verbs; adjectives and adverbs get no field. The first line holds
    each field's share of running English (words weighted by their frequency).
    """
    lexfile: dict[str, int] = {}
    for pos, name in (("n", "noun"), ("v", "verb")):
        for line in (root / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if not line.startswith("  "):
                offset, lex, _ = line.split(" ", 2)
                lexfile[pos + offset] = int(lex)
    field: dict[str, int] = {}
    for pos, name in (("n", "noun"), ("v", "verb")):
        for line in (root / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            parts = line.split()
            lemma = parts[0]
            if lemma in field or not WORD.match(lemma) or freq.get(lemma, 0) < MIN_FIELD_ZIPF:
                continue
            p_cnt = int(parts[3])
            field[lemma] = lexfile[pos + parts[6 + p_cnt]]
    mass: Counter[int] = Counter()
    for w, f in field.items():
        mass[f] += 10 ** freq[w]
    total = sum(mass.values())
    groups: dict[int, list[str]] = {}
    for w, f in sorted(field.items()):
        groups.setdefault(f, []).append(w)
    lines = [
        "# word -> WordNet 3.0 lexicographer file of its first noun (else verb) sense",
        "# (WordNet 3.0 licence, see NOTICE-coherence.md); built by tools/build_coherence_data.py",
        "shares\t" + " ".join(f"{f}:{mass[f] / total:.5f}" for f in sorted(mass)),
    ]
    lines += [f"{f}\t{' '.join(ws)}" for f, ws in sorted(groups.items())]
    (OUT / FIELD_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{FIELD_FILE}: {len(field)} words in {len(groups)} fields")


def read_freq() -> dict[str, float]:
    """The frequency table written by :func:`build_freq`, as word -> Zipf."""
    table: dict[str, float] = {}
    for line in (OUT / FREQ_FILE).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            value, words = line.split("\t", 1)
            for w in words.split(" "):
                table.setdefault(w, int(value) / 10)
    return table
