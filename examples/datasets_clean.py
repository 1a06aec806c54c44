"""Clean JSON Lines with Hugging Face datasets and check the result against the scrubtext CLI.

    python examples/datasets_clean.py [INPUT.jsonl] [--records N]

Runs the recipes of docs/scale.md: ``Cleaner.batch`` with ``map(batched=True)``
in two processes, and ``Cleaner`` itself with a plain ``map``. Needs ``datasets``.
Without INPUT, a sample is made from fixtures/seeds.
"""

import tempfile
import time
from pathlib import Path

import datasets
from _check import arguments, check, cli_records, read_jsonl, sample_input
from datasets import load_dataset

from scrubtext.parallel import Cleaner


def clean_batched(src: str, dst: str) -> None:
    cleaner = Cleaner.from_options(field="text")
    ds = load_dataset("json", data_files=src, split="train")
    ds = ds.map(cleaner.batch, batched=True, batch_size=256, num_proc=2)
    ds.to_json(dst, force_ascii=False)


def clean_records(src: str, dst: str) -> None:
    cleaner = Cleaner.from_options(field="text")
    ds = load_dataset("json", data_files=src, split="train")
    ds.map(cleaner).to_json(dst, force_ascii=False)


def main() -> None:
    args = arguments(__doc__)
    # datasets caches map results by input and function: without this, a second
    # run on the same file would read the first run's output instead of cleaning.
    datasets.disable_caching()
    with tempfile.TemporaryDirectory() as tmp:
        src = sample_input(args, Path(tmp))
        want = cli_records(src)
        for name, run in [("datasets batched", clean_batched), ("datasets map", clean_records)]:
            dst = Path(tmp, name.replace(" ", "_") + ".jsonl")
            start = time.perf_counter()
            run(str(src), str(dst))
            seconds = time.perf_counter() - start
            check(name, read_jsonl(dst), want, seconds)


if __name__ == "__main__":
    main()
