"""Clean JSON Lines with Spark (local mode) and check the result against the scrubtext CLI.

    python examples/spark_clean.py [INPUT.jsonl] [--records N]

Runs both recipes of docs/scale.md: an RDD through ``Cleaner.partition`` and a
DataFrame through ``Cleaner.batch`` in ``mapInPandas``. Needs pyspark, pyarrow
and Java 17+. Without INPUT, a sample is made from fixtures/seeds.
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from _check import arguments, check, cli_records, read_jsonl, sample_input
from pyspark.sql import SparkSession

from scrubtext.parallel import Cleaner


def clean_rdd(spark: SparkSession, src: str, dst: str) -> None:
    cleaner = Cleaner.from_options(field="text")  # pickled, sent to every task
    rdd = spark.sparkContext.textFile(src).map(json.loads)
    rdd.mapPartitions(cleaner.partition).map(
        lambda r: json.dumps(r, ensure_ascii=False)
    ).saveAsTextFile(dst)


def clean_dataframe(spark: SparkSession, src: str, dst: str) -> None:
    cleaner = Cleaner.from_options(field="text")
    df = spark.read.json(src)
    clean_df = df.mapInPandas(lambda frames: (cleaner.batch(f) for f in frames), schema=df.schema)
    clean_df.write.json(dst)


def main() -> None:
    args = arguments(__doc__)
    # Spark's Python workers must run the interpreter that has scrubtext installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    with tempfile.TemporaryDirectory() as tmp:
        src = sample_input(args, Path(tmp))
        want = cli_records(src)
        for name, run in [("Spark RDD", clean_rdd), ("Spark DataFrame", clean_dataframe)]:
            dst = Path(tmp, name.replace(" ", "_"))
            start = time.perf_counter()
            run(spark, str(src), str(dst))
            seconds = time.perf_counter() - start
            # Part files are numbered by partition, so sorted names keep input order.
            check(name, read_jsonl(*sorted(dst.glob("part-*"))), want, seconds)
    spark.stop()


if __name__ == "__main__":
    main()
