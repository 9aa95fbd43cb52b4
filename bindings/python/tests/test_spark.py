"""examples/spark_trace.py in Spark's local mode on 200 generated articles gives
exactly the links of `reftrace trace DIR --out DIR --format parquet`.

Needs pyspark and a Java runtime (`.ci/run` installs both); without them the test
fails, it is not skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

ARTICLES = int(os.environ.get("REFTRACE_SPARK_ARTICLES", "200"))


def sorted_rows(table):
    rows = table.to_pylist()
    return sorted(rows, key=lambda r: (r["article"], r["claim"], r["rank"]))


def test_spark_job_equals_the_cli(tmp_path, root, cli):
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.fail("no Java runtime: install one (apt-get install openjdk-17-jre-headless)")
    import pyspark  # noqa: F401

    data = tmp_path / "articles.jsonl"
    folder = tmp_path / "articles"
    subprocess.run(
        [sys.executable, root / "examples" / "gen_spark_articles.py", "--count", str(ARTICLES),
         "--jsonl", data, "--dir", folder],
        check=True,
    )
    cli("trace", folder, "--out", tmp_path / "cli", "--format", "parquet")
    want = pq.read_table(tmp_path / "cli" / "links.parquet")
    want_records = pq.read_table(tmp_path / "cli" / "records.parquet")

    done = subprocess.run(
        [sys.executable, root / "examples" / "spark_trace.py", "--master", "local[2]",
         data, tmp_path / "spark", "--records", tmp_path / "spark-records"],
        capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    print(done.stderr.splitlines()[-1] if done.stderr else "")
    got = pq.read_table(tmp_path / "spark")
    got_records = pq.read_table(tmp_path / "spark-records")
    assert got.column_names == want.column_names
    assert want.num_rows > ARTICLES  # links were found: the comparison means something
    assert sorted_rows(got) == sorted_rows(want)
    key = lambda r: (r["article"], r["index"])  # noqa: E731
    assert sorted(got_records.to_pylist(), key=key) == sorted(want_records.to_pylist(), key=key)
    assert len({r["article"] for r in want_records.to_pylist()}) == ARTICLES
