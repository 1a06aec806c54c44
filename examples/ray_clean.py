"""Clean JSON Lines with Ray Data (local mode) and check the result against the scrubtext CLI.

    python examples/ray_clean.py [INPUT.jsonl] [--records N]

Runs the recipe of docs/scale.md: ``Cleaner.batch`` over pandas batches in
``map_batches``. Ray Data does not keep row order, so records are compared sorted
by their ``id`` field. Needs ``ray[data]``. Without INPUT, a sample is made from
fixtures/seeds.
"""

import tempfile
import time
from pathlib import Path

import ray
from _check import arguments, check, cli_records, read_jsonl, sample_input

from scrubtext.parallel import Cleaner


def clean(src: str, dst: str) -> None:
    cleaner = Cleaner.from_options(field="text")
    ds = ray.data.read_json(src)
    clean = ds.map_batches(cleaner.batch, batch_format="pandas")  # DataFrame in, DataFrame out
    clean.write_json(dst)


def main() -> None:
    args = arguments(__doc__)
    ray.init(num_cpus=2)
    with tempfile.TemporaryDirectory() as tmp:
        src = sample_input(args, Path(tmp))
        want = cli_records(src)
        dst = Path(tmp, "clean")
        start = time.perf_counter()
        clean(str(src), str(dst))
        seconds = time.perf_counter() - start
        got = read_jsonl(*dst.glob("*.json"))
        by_id = lambda r: r["id"]  # noqa: E731
        check("Ray Data", sorted(got, key=by_id), sorted(want, key=by_id), seconds)
    ray.shutdown()


if __name__ == "__main__":
    main()
