#!/usr/bin/env python3
"""Traces a whole archive of articles on Apache Spark with the reftrace package.

Input: a Parquet or JSON Lines dataset with one article per row, columns ``id``
(string) and ``text`` (string). Output: a Parquet dataset with one row per
claim–source link, the columns of ``reftrace trace DIR --out DIR --format parquet``'s
``links.parquet`` (see the README's "Tables"); with ``--records DIR`` also one row
per record, as ``records.parquet``.

Each executor's Python worker calls ``reftrace.rows`` on a batch of articles
(``mapInArrow``); the parse and trace run in Rust without the GIL. Nothing else is
shared between articles, so the job scales with the executors.

Here, on one machine::

    python3 examples/spark_trace.py --master 'local[2]' articles.jsonl links/

On a cluster (the same script; ``spark-submit`` sets the master), with the wheel
and pyarrow in a packed virtual environment shipped to every executor (a wheel with
a native module cannot be imported from ``--py-files``, which puts zips on the path)::

    python3 -m venv env && env/bin/pip install reftrace-*.whl pyarrow venv-pack
    env/bin/venv-pack -o env.tar.gz
    PYSPARK_DRIVER_PYTHON=env/bin/python PYSPARK_PYTHON=./environment/bin/python \\
      spark-submit --archives env.tar.gz#environment \\
      examples/spark_trace.py s3a://archive/articles/ s3a://archive/links/
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Iterator


def spark_type(arrow_type):
    """The Spark SQL type of a column of reftrace's Arrow schemas."""
    import pyarrow as pa
    from pyspark.sql import types as T

    if pa.types.is_string(arrow_type):
        return T.StringType()
    if pa.types.is_int32(arrow_type):
        return T.IntegerType()
    if pa.types.is_int64(arrow_type):
        return T.LongType()
    if pa.types.is_float64(arrow_type):
        return T.DoubleType()
    if pa.types.is_boolean(arrow_type):
        return T.BooleanType()
    if pa.types.is_list(arrow_type):
        return T.ArrayType(spark_type(arrow_type.value_type), containsNull=False)
    raise TypeError(f"no Spark type for {arrow_type}")


def spark_schema(arrow_schema):
    """A Spark StructType with the columns, types and nullability of an Arrow schema."""
    from pyspark.sql import types as T

    return T.StructType(
        [T.StructField(f.name, spark_type(f.type), f.nullable) for f in arrow_schema]
    )


def tracer(table: str, input_format: str | None):
    """The function ``mapInArrow`` runs on each executor: batches of ``(id, text)``
    in, batches of link (or record) rows out."""

    def run(batches: Iterator) -> Iterator:
        import pyarrow as pa
        import reftrace
        from reftrace import tables

        schema = tables.link_schema() if table == "links" else tables.record_schema()
        for batch in batches:
            ids = batch.column("id").to_pylist()
            texts = batch.column("text").to_pylist()
            rows = reftrace.rows(
                ((i, t) for i, t in zip(ids, texts) if i is not None and t is not None),
                input_format=input_format,
            )
            for id_, message in rows.errors:
                print(f"reftrace: {id_}: {message}", file=sys.stderr)
            out = rows.links if table == "links" else rows.records
            yield pa.RecordBatch.from_pylist(out, schema=schema)

    return run


def main() -> None:
    ap = argparse.ArgumentParser(description="Trace an archive of articles on Spark.")
    ap.add_argument("input", help="Parquet or JSON Lines dataset with columns id, text")
    ap.add_argument("output", help="Parquet dataset of links to write (replaced)")
    ap.add_argument("--records", help="also write the records, one row each, here")
    ap.add_argument("--master", help="e.g. local[2]; spark-submit's master otherwise")
    ap.add_argument(
        "--format", choices=["parquet", "json"], help="input format [default: from the name]"
    )
    ap.add_argument(
        "--input-format",
        choices=["text", "markdown", "html"],
        help="how the articles are written [default: guessed from each text]",
    )
    ap.add_argument("--partitions", type=int, help="repartition the input into this many")
    args = ap.parse_args()

    started = time.time()
    # In local mode the Python workers use this interpreter (and its reftrace); on a
    # cluster, PYSPARK_PYTHON names the executors' interpreter (see the docstring).
    if (args.master or "").startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    from reftrace import tables

    builder = SparkSession.builder.appName("reftrace-trace")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    try:
        fmt = args.format or ("json" if args.input.endswith((".jsonl", ".json")) else "parquet")
        reader = spark.read.schema("id string, text string")
        articles = reader.json(args.input) if fmt == "json" else reader.parquet(args.input)
        partitions = args.partitions or spark.sparkContext.defaultParallelism * 2
        articles = articles.repartition(partitions).cache()
        count = articles.count()
        job = time.time()
        links = articles.mapInArrow(
            tracer("links", args.input_format), spark_schema(tables.link_schema())
        )
        links.write.mode("overwrite").parquet(args.output)
        if args.records:
            records = articles.mapInArrow(
                tracer("records", args.input_format), spark_schema(tables.record_schema())
            )
            records.write.mode("overwrite").parquet(args.records)
        done = time.time()
        n_links = spark.read.parquet(args.output).count()
        print(
            f"spark_trace: {count} articles, {n_links} links in {done - job:.1f} s "
            f"({count / max(done - job, 1e-9):.1f} articles/s); "
            f"{done - started:.1f} s with Spark's start",
            file=sys.stderr,
        )
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
